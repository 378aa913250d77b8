;; cheshire.core: JSON encoding and decoding as cheshire 5 does it, over
;; the natives evelisp.json/parse, parse-next and generate (Rust,
;; eval/src/natives/json/): one parser building values as it reads, one
;; writer. Errors are cheshire's (Jackson's) classes:
;; com.fasterxml.jackson.core.JsonParseException (io.JsonEOFException at
;; an early end), JsonGenerationException for a value it cannot encode.

(ns cheshire.core
  "JSON encoding and decoding (cheshire's API)."
  (:require [cheshire.parse]))

(def ^:private default-date-format "yyyy-MM-dd'T'HH:mm:ss'Z'")

(defn- write-options [opt-map]
  (let [opt-map (or opt-map {})]
    (when-let [fmt (:date-format opt-map)]
      (when (not= fmt default-date-format)
        (throw (IllegalArgumentException.
                (str "evelisp's cheshire writes dates only as " default-date-format
                     ", not " fmt)))))
    {:dialect :cheshire
     :pretty (boolean (:pretty opt-map))
     :escape-unicode (boolean (:escape-non-ascii opt-map))
     :key-fn (:key-fn opt-map)}))

(defn generate-string
  "Returns a JSON-encoding String for the given Clojure object. Takes an
  optional date format string that Date objects will be encoded with.

  The default date format (in UTC) is: yyyy-MM-dd'T'HH:mm:ss'Z'

  opt-map: :pretty (Jackson's default pretty printer), :escape-non-ascii,
  :key-fn (a fn of each map key giving its name), :date-format (only the
  default)."
  ([obj] (generate-string obj nil))
  ([obj opt-map] (evelisp.json/generate obj (write-options opt-map))))

(defn generate-stream
  "Returns a BufferedWriter for the given Clojure object with the JSON-encoded
  data written to the writer. Takes an optional date format string that Date
  objects will be encoded with.

  The default date format (in UTC) is: yyyy-MM-dd'T'HH:mm:ss'Z'"
  ([obj writer] (generate-stream obj writer nil))
  ([obj writer opt-map]
   (.write writer (generate-string obj opt-map))
   (.flush writer)
   writer))

(defn- parse-options [key-fn]
  {:dialect :cheshire
   :key-fn (if (true? key-fn) true (when key-fn key-fn))
   :biginteger true
   :bigdec (boolean cheshire.parse/*use-bigdecimals?*)
   :eof nil})

(defn- check-array-coerce [array-coerce-fn]
  (when array-coerce-fn
    (throw (UnsupportedOperationException.
            "evelisp's cheshire does not take an array-coerce-fn"))))

(defn- parse-lazily
  "cheshire's non-strict parse: a top-level array is a lazy seq, parsed
  when first realized (so its errors surface then, as cheshire's do)."
  [string opts]
  (if (re-find #"^\s*\[" string)
    (lazy-seq (seq (evelisp.json/parse string opts)))
    (evelisp.json/parse string opts)))

(defn parse-string
  "Returns the Clojure object corresponding to the given JSON-encoded string.
  An optional key-fn argument can be either true (to coerce keys to keywords),
  false to leave them as strings, or a function to provide custom coercion.

  If the top-level object is an array, it will be parsed lazily (use
  `parse-strict' if strict parsing is required for top-level arrays."
  ([string] (parse-string string nil nil))
  ([string key-fn] (parse-string string key-fn nil))
  ([^String string key-fn array-coerce-fn]
   (check-array-coerce array-coerce-fn)
   (when string
     (parse-lazily string (parse-options key-fn)))))

(defn parse-string-strict
  "Returns the Clojure object corresponding to the given JSON-encoded string.
  An optional key-fn argument can be either true (to coerce keys to keywords),
  false to leave them as strings, or a function to provide custom coercion.

  Does not lazily parse top-level arrays."
  ([string] (parse-string-strict string nil nil))
  ([string key-fn] (parse-string-strict string key-fn nil))
  ([^String string key-fn array-coerce-fn]
   (check-array-coerce array-coerce-fn)
   (when string
     (evelisp.json/parse string (parse-options key-fn)))))

(defn parse-stream
  "Returns the Clojure object corresponding to the given reader, reader must
  implement BufferedReader. An optional key-fn argument can be either true (to
  coerce keys to keywords),false to leave them as strings, or a function to
  provide custom coercion.

  If the top-level object is an array, it will be parsed lazily (use
  `parse-strict' if strict parsing is required for top-level arrays.

  If multiple objects (enclosed in a top-level `{}' need to be parsed lazily,
  see parsed-seq."
  ([rdr] (parse-stream rdr nil nil))
  ([rdr key-fn] (parse-stream rdr key-fn nil))
  ([rdr key-fn array-coerce-fn]
   (when rdr
     (when-let [text (evelisp.json/read-value-text rdr)]
       (parse-string text key-fn array-coerce-fn)))))

(defn parse-stream-strict
  "Returns the Clojure object corresponding to the given reader, reader must
  implement BufferedReader. Does not lazily parse top-level arrays."
  ([rdr] (parse-stream-strict rdr nil nil))
  ([rdr key-fn] (parse-stream-strict rdr key-fn nil))
  ([rdr key-fn array-coerce-fn]
   (when rdr
     (when-let [text (evelisp.json/read-value-text rdr)]
       (parse-string-strict text key-fn array-coerce-fn)))))

(defn- values-from
  "The JSON values of the reader rdr, each read when the seq reaches it."
  [rdr opts]
  (lazy-seq
   (when-let [text (evelisp.json/read-value-text rdr)]
     (cons (evelisp.json/parse text opts) (values-from rdr opts)))))

(defn parsed-seq
  "Returns a lazy seq of Clojure objects corresponding to the JSON read from
  the given reader. The seq continues until the end of the reader is reached.

  The array-coerce-fn is an optional function taking the name of an array field,
  and returning the collection to be used for array values.
  If non-laziness is needed, see parse-stream."
  ([reader] (parsed-seq reader nil nil))
  ([reader key-fn] (parsed-seq reader key-fn nil))
  ([reader key-fn array-coerce-fn]
   (check-array-coerce array-coerce-fn)
   (when reader
     (values-from reader (parse-options key-fn)))))

(def encode "Alias to generate-string for clojure-json users" generate-string)
(def encode-stream "Alias to generate-stream for clojure-json users" generate-stream)
(def decode "Alias to parse-string for clojure-json users" parse-string)
(def decode-strict "Alias to parse-string-strict for clojure-json users" parse-string-strict)
(def decode-stream "Alias to parse-stream for clojure-json users" parse-stream)
