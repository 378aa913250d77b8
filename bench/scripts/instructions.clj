;; The five interpreter workloads of interp.clj (and `temp`, one temporary
;; string and boxed double per element), one per process, for
;; bench/instructions (callgrind instruction counts).
;; Args: NAME N RUN. Builds the workload's input for size N, then runs the
;; workload once if RUN is 1; bench/instructions subtracts the RUN=0 count,
;; so only the workload itself is counted, per element of N.
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

(defn temp
  "One temporary per element: a short string and a boxed double, each
  made and dropped (nothing else keeps them)."
  [n]
  (loop [i 0 c 0]
    (if (< i n)
      (let [s (str i)
            x (* 1.5 i)]
        (recur (inc i) (if (< x 0.0) c (+ c (count s)))))
      c)))

(let [[name n run] *command-line-args*
      n (parse-long n)
      input (case name
              "fib" n
              "loop" n
              "map" n
              "mapinc" (vec (range n))
              "str" n
              "temp" n)
      f (case name
          "fib" fib
          "loop" loop-sum
          "map" map-build
          "mapinc" map-inc
          "str" str-build
          "temp" temp)]
  (when (= run "1")
    (println (f input))))
