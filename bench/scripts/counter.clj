;; evelisp worker of the shared-counter benchmark (bench/src/workloads/counter.rs).
;; The bench made `user/c`, an atom holding 0, in the env file before starting
;; the workers. Args: N. Protocol: print ready, wait for a line on stdin (go),
;; do N (swap! c inc), print done.
(let [n (parse-long (first *command-line-args*))]
  (println "ready")
  (flush)
  (read-line)
  (dotimes [_ n] (swap! c inc))
  (println "done")
  (flush))
