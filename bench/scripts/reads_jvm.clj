;; JVM Clojure peer of the shared-reads benchmark: in-process (get m k) on a
;; persistent map of K int keys, one thread. Args: N K WARMUPS.
;; WARMUPS untimed runs first (JIT), then ready/go/done; prints the sum after.
(let [[n k warmups] (map parse-long *command-line-args*)
      m (into {} (map (fn [i] [i i])) (range k))
      run (fn [] (loop [i 0 s 0]
                   (if (< i n) (recur (inc i) (+ s (get m (rand-int k)))) s)))]
  (dotimes [_ warmups] (run))
  (println "ready")
  (flush)
  (read-line)
  (let [s (run)]
    (println "done")
    (println "sum" s)
    (flush)))
