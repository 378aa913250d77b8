;; evelisp worker of the shared-reads benchmark (bench/src/workloads/reads.rs).
;; `user/m` is an atom of a map of K int keys in the env file. Args: N K MODE.
;; MODE get: N random (get @m (rand-int K)), summed; MODE rand: the same loop
;; with the rand-int alone (what the interpreter costs without the read).
(let [n (parse-long (nth *command-line-args* 0))
      k (parse-long (nth *command-line-args* 1))
      mode (nth *command-line-args* 2)]
  (println "ready")
  (flush)
  (read-line)
  (let [s (if (= mode "get")
            (loop [i 0 s 0]
              (if (< i n) (recur (inc i) (+ s (get @m (rand-int k)))) s))
            (loop [i 0 s 0]
              (if (< i n) (recur (inc i) (+ s (rand-int k))) s)))]
    (println "done")
    (println "sum" s)
    (flush)))
