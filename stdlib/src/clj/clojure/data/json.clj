;; clojure.data.json: JSON reading and writing as data.json 2.4 does it,
;; over the natives evelisp.json/parse, parse-next and generate (Rust,
;; eval/src/natives/json/). Errors are data.json's: java.lang.Exception
;; "JSON error (...)" (here with the line and column), java.io.EOFException
;; for an empty document or an unterminated string.

(ns clojure.data.json
  "JavaScript Object Notation (JSON) parser/generator."
  (:refer-clojure :exclude [read])
  (:require [clojure.pprint]))

(defn- read-options [{:keys [bigdec key-fn value-fn eof-error? eof-value]
                      :or {eof-error? true}}]
  (cond-> {:dialect :data.json
           :bigdec (boolean bigdec)
           :key-fn (when (and key-fn (not (identical? key-fn identity))) key-fn)
           :value-fn value-fn}
    (not eof-error?) (assoc :eof eof-value)))

(defn read-str
  "Reads one JSON value from input String. Options are the same as for
  read: :eof-error? (default true), :eof-value, :bigdec (default false),
  :key-fn (default identity), :value-fn (called with key and value of each
  object property; returning the value-fn itself omits the property)."
  [string & {:as options}]
  (evelisp.json/parse string (read-options options)))

(defn read
  "Reads a single item of JSON data from a java.io.Reader. Options are
  key-value pairs, valid options are:

     :eof-error? boolean

        If true (default) will throw exception if the stream is empty.

     :eof-value Object

        Object to return if the stream is empty and eof-error? is
        false. Default is nil.

     :bigdec boolean

        If true use BigDecimal for decimal numbers instead of Double.
        Default is false.

     :key-fn function

        Single-argument function called on JSON property names; return
        value will replace the property names in the output. Default
        is clojure.core/identity, use clojure.core/keyword to get
        keyword properties.

     :value-fn function

        Function to transform values in maps (\"objects\" in JSON) in
        the output. For each JSON property, value-fn is called with
        two arguments: the property name (transformed by key-fn) and
        the value. The return value of value-fn will replace the value
        in the output. If value-fn returns itself, the property will
        be omitted from the output. The default value-fn returns the
        value unchanged. This option does not apply to non-map
        collections.

  The characters after the value stay unread, so values are read one
  after another from one reader."
  [reader & {:as options}]
  (evelisp.json/parse (or (evelisp.json/read-value-text reader) "")
                      (read-options options)))

(defn- default-write-key-fn [x]
  (cond (instance? clojure.lang.Named x) (name x)
        (nil? x) (throw (Exception. "JSON object properties may not be nil"))
        :else (str x)))

(defn- write-options [{:keys [escape-unicode escape-js-separators escape-slash key-fn value-fn]
                       :or {escape-unicode true escape-js-separators true escape-slash true}}]
  {:dialect :data.json
   :escape-unicode escape-unicode
   :escape-js-separators escape-js-separators
   :escape-slash escape-slash
   :key-fn (when (and key-fn (not= key-fn default-write-key-fn)) key-fn)
   :value-fn value-fn})

(defn write-str
  "Converts x to a JSON-formatted string. Options are the same as write:
  :escape-unicode (default true), :escape-js-separators (default true),
  :escape-slash (default true), :key-fn (map keys to names; default: the
  name of keywords and symbols, the str of anything else), :value-fn
  (called with key and value of each map entry; returning itself omits the
  entry)."
  [x & {:as options}]
  (evelisp.json/generate x (write-options options)))

(defn write
  "Write JSON-formatted output to a java.io.Writer. Options are
   key-value pairs, valid options are:

    :escape-unicode boolean

       If true (default) non-ASCII characters are escaped as \\uXXXX

    :escape-js-separators boolean

       If true (default) the Unicode characters U+2028 and U+2029 will
       be escaped as \\u2028 and \\u2029 even if :escape-unicode is
       false. (These two characters are valid in pure JSON but are not
       valid in JavaScript strings.)

    :escape-slash boolean

       If true (default) the slash / is escaped as \\/

    :key-fn function

        Single-argument function called on map keys; return value will
        replace the property names in the output. Must return a
        string. Default calls clojure.core/name on symbols and
        keywords and clojure.core/str on everything else.

    :value-fn function

        Function to transform values in maps before writing. For each
        key-value pair in an input map, called with two arguments: the
        key (BEFORE transformation by key-fn) and the value. The
        return value of value-fn will replace the value in the output.
        If the return value is a number, boolean, string, or nil it
        will be included literally in the output. If the return value
        is a non-map collection, it will be processed recursively. If
        the return value is a map, it will be processed recursively,
        calling value-fn again on its key-value pairs. If value-fn
        returns itself, the key-value pair will be omitted from the
        output. This option does not apply to non-map collections."
  [x writer & {:as options}]
  (.write writer (evelisp.json/generate x (write-options options)))
  nil)

(defn pprint
  "Pretty-prints JSON representation of x to *out*. Options are the same
  as for write except :value-fn, which is not supported."
  [x & {:as options}]
  (println (evelisp.json/pprint x (write-options options))))
