;; The evelisp half of tests/json_python.rs: parses each DIR/doc-N.json (the
;; directory the first argument) with clojure.data.json and prints its
;; canonical form, as tests/json/python_docs.py prints Python's: n t f,
;; i<integer>, d<a double as Java's Double.toString spells it>, s<code points joined by .>;, [a,b],
;; {k:v,...} with the entries sorted as strings.
(require '[clojure.data.json :as json] '[clojure.string :as str])

(defn canonical [v]
  (cond
    (nil? v) "n"
    (true? v) "t"
    (false? v) "f"
    (integer? v) (str "i" v)
    (float? v) (str "d" v)
    (string? v) (str "s" (str/join "." (map int v)) ";")
    (vector? v) (str "[" (str/join "," (map canonical v)) "]")
    (map? v) (str "{" (str/join "," (sort (map (fn [[k x]] (str (canonical k) ":" (canonical x))) v))) "}")
    :else (throw (ex-info (str "unexpected value " (pr-str v)) {}))))

(doseq [path (sort (filter #(str/ends-with? % ".json")
                           (map str (file-seq (clojure.java.io/file (first *command-line-args*))))))]
  (println (canonical (json/read-str (slurp path)))))
