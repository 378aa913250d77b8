;; A JSON-to-CSV converter: reads a JSON array of objects (a file, or
;; standard input) and writes it as CSV on standard output, one column per
;; key in the order the keys first appear (or the columns `--columns`
;; names). Nested arrays and objects are written as JSON text in their
;; cell; null is an empty cell. Runs unchanged on evelisp and on JVM
;; Clojure with data.json, data.csv and tools.cli:
;;
;;   evelisp examples/json_to_csv.clj examples/data/people.json
;;   evelisp examples/json_to_csv.clj --columns id,name -s ';' < people.json
(ns json-to-csv
  (:require [clojure.data.csv :as csv]
            [clojure.data.json :as json]
            [clojure.java.io :as io]
            [clojure.string :as str]
            [clojure.tools.cli :refer [parse-opts]]))

(def cli-options
  [["-c" "--columns COLS" "Comma-separated columns to write, in order"
    :parse-fn #(str/split % #",")]
   ["-s" "--separator CHAR" "The field separator"
    :default \,
    :parse-fn first
    :validate [some? "Must be one character"]]
   ["-h" "--help"]])

(defn columns
  "The keys of the rows in the order they first appear."
  [rows]
  (reduce (fn [cols k] (if (some #{k} cols) cols (conj cols k)))
          []
          (mapcat keys rows)))

(defn cell [v]
  (cond
    (nil? v) ""
    (or (map? v) (sequential? v)) (json/write-str v)
    :else (str v)))

(defn convert [reader cols separator]
  (let [rows (json/read reader)]
    (when-not (and (sequential? rows) (every? map? rows))
      (throw (ex-info "the document is not an array of objects" {})))
    (let [cols (or cols (columns rows))]
      (csv/write-csv *out*
                     (cons cols (map (fn [row] (map #(cell (get row %)) cols)) rows))
                     :separator separator)
      (flush))))

(let [{:keys [options arguments errors summary]} (parse-opts *command-line-args* cli-options)]
  (cond
    (:help options) (println (str "Usage: json_to_csv [options] [FILE]\n\n" summary))
    errors (do (binding [*out* *err*] (run! println errors)) (System/exit 2))
    :else (try
            (if-let [file (first arguments)]
              (with-open [r (io/reader file)]
                (convert r (:columns options) (:separator options)))
              (convert *in* (:columns options) (:separator options)))
            (catch Exception e
              (binding [*out* *err*]
                (println "json_to_csv:" (.getMessage e)))
              (System/exit 1)))))
