;; Loads the map of the shared-map benchmarks into the env file:
;; `user/m`, an atom of a map of K int keys to int values (0..K-1 -> same).
;; Args: K.
(let [k (parse-long (first *command-line-args*))]
  (def m (atom (into {} (map (fn [i] [i i])) (range k))))
  (println "loaded" (count @m)))
