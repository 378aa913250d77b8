;; The driver of tests/json_suite.rs: parses every file of the directory
;; given as the first argument with evelisp's JSON parser (the whole text
;; must be one document) and prints one line per file:
;;   NAME<TAB>ok
;;   NAME<TAB>error<TAB>CLASS<TAB>MESSAGE (newlines as spaces)
(require '[clojure.string :as str])

(defn- one-line [s] (str/replace (str s) #"\s+" " "))

(doseq [path (sort (filter #(str/ends-with? % ".json")
                           (map str (file-seq (clojure.java.io/file (first *command-line-args*))))))]
  (let [name (last (str/split path #"/"))
        line (try
               (evelisp.json/parse (slurp path) {:whole true :dialect :cheshire})
               "ok"
               (catch Throwable e
                 (str "error\t" (.getName (class e)) "\t" (one-line (ex-message e)))))]
    (println (str name "\t" line))
    (flush)))
