;; clojure.data.csv: reading and writing comma-separated values, as
;; data.csv 1.0 does. read-csv is a lazy seq of records (vectors of
;; strings) read one at a time by the native evelisp.csv/read-record
;; (eval/src/natives/io/csv.rs); write-csv is written here.

(ns clojure.data.csv
  "Reading and writing comma separated values."
  (:require [clojure.string]))

(defn- csv-records
  "The lazy seq of the records of reader r from line on; closes r at the
  end or at an error when close? (a reader read-csv made over a string)."
  [r sep quote line close?]
  (lazy-seq
   (let [[fields end next-line] (try
                                  (evelisp.csv/read-record r sep quote line)
                                  (catch Throwable e
                                    (when close? (.close r))
                                    (throw e)))]
     (when (and (nil? fields) close?) (.close r))
     (cond
       (nil? fields) (throw (clojure.core/-error end next-line))
       (= end :eol) (cons fields (csv-records r sep quote next-line close?))
       (= end :cr-eof)
       ;; data.csv pushes back the end of input after a final `\r` as the
       ;; character U+FFFF, which the next record reads.
       (do (when close? (.close r))
           (list fields [(str (char 0xFFFF))]))
       :else
       (do (when close? (.close r))
           (when-not (= fields [""]) (list fields)))))))

(defn read-csv
  "Reads CSV data from input (a string or a java.io.Reader) and returns a
  lazy sequence of vectors of strings, one per record. Options:
    :separator  the field separator character (default \\,)
    :quote      the quote character (default \\\")
  A record ends at \\n, \\r\\n or \\r; quoted fields may hold separators,
  line breaks and doubled quotes. Malformed input (an unclosed quoted
  field, a character after a closing quote) raises an exception naming
  its line and column when the record is read."
  [input & options]
  (let [{:keys [separator quote] :or {separator \, quote \"}} options]
    (if (string? input)
      (csv-records (java.io.StringReader. input) separator quote 1 true)
      (csv-records input separator quote 1 false))))

(defn- quote-field
  "s between quote characters, each quote in it doubled."
  [s quote]
  (let [q (str quote)]
    (str q (clojure.string/replace s q (str q q)) q)))

(defn- needs-quote-fn
  "The default :quote? of write-csv: whether a field holds the separator,
  the quote or a line break character."
  [separator quote]
  (fn [s]
    (boolean (some #(or (= % separator) (= % quote) (= % \newline) (= % \return))
                   s))))

(defn write-csv
  "Writes data, a sequence of records (sequences of values, each written
  as str writes it), to writer as CSV. Options:
    :separator  the field separator (default \\,)
    :quote      the quote character (default \\\")
    :quote?     a function of a field's string that says whether to quote
                it (default: when it holds the separator, the quote, \\r or
                \\n)
    :newline    :lf (default) or :cr+lf, what ends each record"
  [writer data & options]
  (let [{:keys [separator quote quote? newline]
         :or {separator \, quote \" newline :lf}} options
        quote? (or quote? (needs-quote-fn separator quote))
        eol (get {:lf "\n" :cr+lf "\r\n"} newline "null")
        sep (str separator)]
    (doseq [record data]
      (.write writer
              (str (clojure.string/join
                    sep
                    (map (fn [field]
                           (let [s (str field)]
                             (if (quote? s) (quote-field s quote) s)))
                         record))
                   eol)))))
