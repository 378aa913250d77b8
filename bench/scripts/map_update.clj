;; evelisp worker of the shared-map-update benchmark (bench/src/workloads/map_update.rs).
;; `user/m` is an atom of a map of K keys in the env file. Args: N K.
;; Each of the N ops is (swap! m assoc k v) on a random existing key, timed
;; alone with System/nanoTime (the timer's own cost is included). After done,
;; prints the N op times in nanoseconds on one line after `samples`; the bench
;; pools the workers' samples for the percentiles.
(require (quote [clojure.string]))
(let [n (parse-long (nth *command-line-args* 0))
      k (parse-long (nth *command-line-args* 1))]
  (println "ready")
  (flush)
  (read-line)
  (let [samples (loop [i 0 acc []]
                  (if (< i n)
                    (let [key (rand-int k)
                          t0 (System/nanoTime)]
                      (swap! m assoc key i)
                      (recur (inc i) (conj acc (- (System/nanoTime) t0))))
                    acc))]
    (println "done")
    (flush)
    (println "samples")
    (println (clojure.string/join " " samples))
    (flush)))
