(ns clojure.reduce-mapped-vector-test
  "reduce (and into, join: every walk of natives/seqs/lazy.rs's
  each_element) over (map f coll) when only the walk holds the lazy seq:
  f is called on coll's elements directly, a chunk at a time, without the
  seq's cells (natives/seqs/map_filter.rs, reduce_unshared_map). Nothing
  of that may show: results, the order of f's and the reducing fn's
  effects, early stops and errors are those of realizing the seq, as on
  the JVM (these assertions pass on JVM Clojure 1.11)."
  (:require [clojure.test :refer [deftest is testing]]))

(defn- logged
  "f and rf that log their calls to the atom log."
  [log]
  [(fn [x] (swap! log conj [:f x]) (inc x))
   (fn [a x] (swap! log conj [:rf x]) (+ a x))])

(defn- runs
  "The log as [kind count] runs: ([:f 32] [:rf 32] ...)."
  [log]
  (map (fn [run] [(first (first run)) (count run)]) (partition-by first log)))

(deftest results-are-those-of-the-realized-seq
  (doseq [n [0 1 31 32 33 64 65 100]]
    (let [v (vec (range n))]
      (is (= (reduce + (map inc (seq v))) (reduce + (map inc v))))
      (is (= (reduce + 7 (map inc (seq v))) (reduce + 7 (map inc v))))
      (is (= (vec (map inc v)) (reduce conj [] (map inc v)))))))

(deftest effects-come-a-chunk-at-a-time-as-realizing-would
  (let [log (atom [])
        [f rf] (logged log)]
    (is (= 820 (reduce rf 0 (map f (vec (range 40))))))
    (is (= [[:f 32] [:rf 32] [:f 8] [:rf 8]] (runs @log))))
  (testing "the same order when the seq is held elsewhere and so realized"
    (let [log (atom [])
          [f rf] (logged log)
          s (map f (vec (range 40)))]
      (is (= 820 (reduce rf 0 s)))
      (is (= [[:f 32] [:rf 32] [:f 8] [:rf 8]] (runs @log)))
      (is (= 40 (count s)))
      (is (= 80 (count @log)) "f is not called again for a realized seq"))))

(deftest a-seq-held-elsewhere-stays-usable
  (let [calls (atom 0)
        s (map (fn [x] (swap! calls inc) (* 2 x)) [1 2 3])]
    (is (= 12 (reduce + s)))
    (is (= [2 4 6] (vec s)))
    (is (= 3 @calls))))

(deftest a-reduced-value-stops-after-the-chunk-it-is-in
  (let [log (atom [])
        [f _] (logged log)
        r (reduce (fn [a x] (if (= x 4) (reduced [:stopped a]) (+ a x))) 0 (map f (vec (range 100))))]
    (is (= [:stopped 6] r))
    (is (= 32 (count @log)) "one chunk of f calls, as realizing one chunk")))

(deftest an-error-of-f-comes-from-its-element-after-the-chunks-before
  (let [log (atom [])
        [_ rf] (logged log)
        f (fn [x] (when (= x 35) (throw (ex-info "boom" {:x x}))) x)]
    (is (= {:x 35}
           (try (reduce rf 0 (map f (vec (range 40))))
                (catch clojure.lang.ExceptionInfo e (ex-data e)))))
    (is (= [[:rf 32]] (runs @log)))))

(deftest the-rest-of-a-mapped-seq-and-subvecs
  (let [v (vec (range 100))]
    (is (= (reduce + (map inc (range 1 100))) (reduce + (rest (map inc v)))))
    (is (= (reduce + (map inc (range 10 100))) (reduce + (map inc (subvec v 10)))))
    (is (= (reduce + (map inc (range 0 90))) (reduce + (map inc (pop (vec (range 91)))))))
    (testing "a seq's later chunks, left alone by the cells before them"
      (is (= (reduce + (map inc (range 32 100))) (reduce + (nthrest (map inc v) 32))))
      (is (= (reduce + (map inc (range 64 100))) (reduce + (nthrest (map inc v) 64))))
      (is (= (reduce + (map inc (range 33 100))) (reduce + (nthrest (map inc v) 33)))))))

(deftest a-map-over-a-seq-walks-its-source-as-realizing-would
  (let [log (atom [])
        [f rf] (logged log)]
    (testing "a range: the source's chunks of 32"
      (is (= (reduce + (range 1 71)) (reduce rf 0 (map f (range 70)))))
      (is (= [[:f 32] [:rf 32] [:f 32] [:rf 32] [:f 6] [:rf 6]] (runs @log))))
    (testing "a list: one element at a time"
      (reset! log [])
      (is (= 14 (reduce rf 0 (map f '(1 2 3 4)))))
      (is (= (repeat 8 1) (map second (runs @log)))))
    (testing "a filter: the runs it realized"
      (reset! log [])
      (is (= (reduce + (map inc (filter odd? (range 80))))
             (reduce rf 0 (map f (filter odd? (range 80))))))
      (is (= [[:f 16] [:rf 16] [:f 16] [:rf 16] [:f 8] [:rf 8]] (runs @log))))
    (testing "a map of a map: the inner one realized, the outer walked"
      (reset! log [])
      (is (= (reduce + (map (comp inc inc) (range 40))) (reduce rf 0 (map f (map f (range 40))))))
      (is (= [[:f 64] [:rf 32] [:f 16] [:rf 8]] (runs @log))))
    (testing "an error of f, after the chunks before it"
      (reset! log [])
      (is (= "boom"
             (try (reduce rf 0 (map (fn [x] (when (= x 35) (throw (ex-info "boom" {}))) x) (range 40)))
                  (catch clojure.lang.ExceptionInfo e (ex-message e)))))
      (is (= [[:rf 32]] (runs @log))))))

(deftest join-and-into-of-a-map
  (is (= (apply str (interpose "," (range 1000))) (clojure.string/join "," (map str (range 1000)))))
  (is (= [1 2 3 4 5] (into [] (map inc (range 5)))))
  (is (= #{2 3} (into #{} (map inc (list 1 2)))))
  (is (= 9 (reduce + (map inc (seq [1 2 3]))))))
