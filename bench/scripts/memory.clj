;; Memory per element (bench/src/workloads/memory.rs): evelisp's side.
;; Args: KIND N, KIND `vector` or `map`. Builds a vector of the longs
;; 0..N-1, or a map of N long keys to long values, keeps it in the env file
;; (the var `user/built`), and prints
;;   count N / rss-before KB / rss-after KB   (VmRSS, /proc/self/status)
;; The bench reads the env file's live bytes (`evelisp env info`) around it.
(defn rss-kb []
  (parse-long (second (re-find #"VmRSS:\s+(\d+)" (slurp "/proc/self/status")))))

(def kind (first *command-line-args*))
(def n (parse-long (second *command-line-args*)))
(def rss-before (rss-kb))
(def built
  (case kind
    "vector" (persistent! (reduce conj! (transient []) (range n)))
    "map" (persistent! (reduce (fn [m i] (assoc! m i i)) (transient {}) (range n)))))
(println "count" (count built))
(println "rss-before" rss-before)
(println "rss-after" (rss-kb))
