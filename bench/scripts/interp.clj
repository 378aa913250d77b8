;; The interpreter workloads (bench/src/workloads/interp.rs), run unchanged by
;; evelisp and by JVM Clojure (`clojure interp.clj ...`).
;; Args: REPS WARMUPS FIB LOOP MAP VEC STR (the sizes).
;; Each workload is timed inside the process with System/nanoTime, so process
;; start is not counted; WARMUPS untimed runs come first (the JVM's JIT needs
;; them; evelisp is given 0). Prints one line per timed run:
;;   result NAME MILLISECONDS VALUE
(require '[clojure.string :as str])

(defn fib [n]
  (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))

(defn loop-sum [n]
  (loop [i 0 s 0]
    (if (< i n) (recur (inc i) (+ s i)) s)))

(defn map-build [n]
  (let [m (reduce (fn [m i] (assoc m i i)) {} (range n))]
    (reduce-kv (fn [s _ v] (+ s v)) 0 m)))

(defn map-inc [v]
  (reduce + (map inc v)))

(defn str-build [n]
  (count (str/join "," (map str (range n)))))

(let [[reps warmups fib-n loop-n map-n vec-n str-n] (map parse-long *command-line-args*)
      v (vec (range vec-n))
      workloads [["fib" #(fib fib-n)]
                 ["loop-sum" #(loop-sum loop-n)]
                 ["map-build" #(map-build map-n)]
                 ["map-inc" #(map-inc v)]
                 ["str-build" #(str-build str-n)]]]
  (doseq [[name f] workloads]
    (dotimes [_ warmups] (f))
    (dotimes [_ reps]
      (let [t0 (System/nanoTime)
            r (f)
            t1 (System/nanoTime)]
        (println "result" name (/ (double (- t1 t0)) 1e6) r)
        (flush)))))
(shutdown-agents)
