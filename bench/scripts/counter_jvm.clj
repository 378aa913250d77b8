;; JVM Clojure peer of the shared-counter benchmark: the in-process bound.
;; P threads each do N (swap! c inc) on one atom. Args: P N WARMUPS.
;; WARMUPS untimed runs first (JIT), then the ready/go/done protocol of the
;; other workers; after done prints the final count.
(let [[p n warmups] (map parse-long *command-line-args*)
      run (fn [c]
            (let [ts (mapv (fn [_] (Thread. (fn [] (dotimes [_ n] (swap! c inc))))) (range p))]
              (run! #(.start ^Thread %) ts)
              (run! #(.join ^Thread %) ts)))]
  (dotimes [_ warmups] (run (atom 0)))
  (let [c (atom 0)]
    (println "ready")
    (flush)
    (read-line)
    (run c)
    (println "done")
    (println "count" @c)
    (flush)))
