;; The interpreter workloads (bench/src/workloads/interp.rs) for nbb
;; (ClojureScript interpreted by SCI on Node.js): interp.clj with the JS clock.
;; Args: REPS WARMUPS FIB LOOP MAP VEC STR. Prints: result NAME MILLISECONDS VALUE
(ns interp
  (:require [clojure.string :as str]))

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
      (let [t0 (js/performance.now)
            r (f)
            t1 (js/performance.now)]
        (println "result" name (- t1 t0) r)))))
