(ns clojure.range-walk-test
  "A range of longs that is not realized yet is walked by computing its
  numbers, without making its cells: by reduce, into, join and every walk
  of natives/seqs/lazy.rs's each_element, and by map and filter over it
  (natives/seqs/range.rs). Nothing of that may show: results, the order of
  effects (a chunk of 32 at a time, as Clojure's LongRange), early stops,
  and the range itself when something else holds it are those of
  realizing it, as on the JVM (these assertions pass on JVM Clojure 1.11:
  clojure tests/lisp/clojure/support/run_on_jvm.clj FILE). Also str of one
  small integer or one string (natives/strings/printing.rs)."
  (:require [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]))

(def ^:private bounds
  "[start end step] of ranges of longs: empty, one chunk, many, negative
  steps, steps that pass the end, the ends of the longs."
  [[0 0 1] [5 3 1] [3 5 -1] [0 1 1] [0 32 1] [0 33 1] [0 100 1] [10 0 -1]
   [10 0 -3] [-10 10 3] [0 -10 -4] [7 1000 7] [100 -100 -9]
   [(- Long/MAX_VALUE 2) Long/MAX_VALUE 1]
   [(+ Long/MIN_VALUE 3) Long/MIN_VALUE -1]
   [(- Long/MAX_VALUE 70) Long/MAX_VALUE 1]])

(defn- realized-elements
  "The elements of (range start end step) by walking its cells."
  [[start end step]]
  (loop [s (seq (range start end step)) acc []]
    (if s (recur (next s) (conj acc (first s))) acc)))

(deftest walks-give-the-elements-of-the-realized-range
  (doseq [[start end step :as b] bounds
          :let [xs (realized-elements b)]]
    (testing (pr-str b)
      (is (= xs (reduce conj [] (range start end step))))
      (is (= xs (into [] (range start end step))))
      (is (= xs (into [] (map identity) (range start end step))))
      (is (= (count xs) (reduce (fn [n _] (inc n)) 0 (range start end step))))
      (is (= (str/join "," xs) (str/join "," (range start end step))))
      (is (= (str/join "," (map str xs)) (str/join "," (map str (range start end step)))))
      (is (= (map inc xs) (reduce conj [] (map inc (range start end step)))))
      (is (= (filter odd? xs) (filter odd? (range start end step))))
      (is (= (map str xs) (map str (range start end step)))))))

(deftest the-range-functions-arities
  (is (= [0 1 2 3 4] (into [] (range 5))))
  (is (= [2 3 4] (into [] (range 2 5))))
  (is (= [] (into [] (range 0))) "an end of zero")
  (is (= [] (into [] (range -3))) "a negative end")
  (is (= 7 (reduce + 7 (range 0))))
  (is (= 0 (reduce + (range 3 3))))
  (testing "not longs: doubles, bigints, a zero step, no end"
    (is (= [0.5 1.5 2.5] (into [] (range 0.5 3))))
    (is (= 1.5 (reduce + (range 0 1 0.25))))
    (is (= [1N 2N 3N] (into [] (range 1N 4N))))
    (is (= '(1 1 1) (take 3 (range 1 5 0))))
    (is (= [] (into [] (range 3 3 0))))
    (is (= 55 (reduce (fn [a x] (if (> x 10) (reduced a) (+ a x))) (range))))))

(deftest a-reduced-value-stops-the-walk
  (is (= 10 (reduce (fn [a x] (if (= x 5) (reduced a) (+ a x))) 0 (range 100))))
  (let [calls (atom 0)]
    (is (= [0 1 2] (into [] (take 3) (map (fn [x] (swap! calls inc) x) (range 100)))))
    (is (= 32 @calls) "the map's first chunk only")))

(defn- counted
  "An atom counting the calls of the identity fn it comes with."
  []
  (let [seen (atom 0)]
    [seen (fn [x] (swap! seen inc) x)]))

(deftest map-and-filter-over-a-range-realize-a-chunk-at-a-time
  (let [[seen f] (counted)]
    (first (map f (range 100)))
    (is (= 32 @seen)))
  (let [[seen f] (counted)]
    (nth (map f (range 70)) 40)
    (is (= 64 @seen)))
  (let [[seen f] (counted)]
    (first (map f (range 10 0 -1)))
    (is (= 10 @seen) "a descending range of 10: one chunk"))
  (let [[seen f] (counted)]
    (first (filter (fn [x] (f x) (> x 40)) (range 100)))
    (is (= 64 @seen) "filter goes on to the chunk holding the first kept one"))
  (testing "the effects of f and of the walk, chunk by chunk"
    (let [log (atom [])
          runs #(map (fn [r] [(ffirst r) (count r)]) (partition-by first @log))]
      (run! (fn [x] (swap! log conj [:c x])) (map (fn [x] (swap! log conj [:f x]) x) (range 65)))
      (is (= [[:f 32] [:c 32] [:f 32] [:c 32] [:f 1] [:c 1]] (runs)))
      (reset! log [])
      (run! (fn [x] (swap! log conj [:c x]))
            (filter (fn [x] (swap! log conj [:f x]) (even? x)) (range 65)))
      (is (= [[:f 32] [:c 16] [:f 32] [:c 16] [:f 1] [:c 1]] (runs)))))
  (is (= () (rest (map inc (range 1)))))
  (is (instance? clojure.lang.LazySeq (rest (map inc (range 1))))))

(deftest a-range-held-elsewhere-is-left-as-realizing-would
  (testing "a range partly realized: its realized cells, then its chunks"
    (let [r (range 100)
          _ (first r)
          [seen f] (counted)]
      (first (map f (rest r)))
      (is (= 31 @seen) "the rest of the realized first chunk")
      (is (= (reduce + (range 1 100)) (reduce + (map f (rest r)))))
      (is (= 4950 (reduce + r)))))
  (let [r (range 100)
        [seen f] (counted)]
    (first (map f (drop 40 r)))
    (is (= 24 @seen) "the rest of the chunk drop stopped in"))
  (testing "a range reduced, mapped and joined stays the same range"
    (let [r (range 200)
          m (map inc r)]
      (is (= 19900 (reduce + r)))
      (is (= 20100 (reduce + m)))
      (is (= (str/join "," r) (str/join "," (map str r))))
      (is (= (vec r) (realized-elements [0 200 1])))
      (is (= 19900 (reduce + r)))
      (is (= (range 1 201) m))
      (is (= 200 (count r))))))

(deftest a-range-with-metadata
  (let [r (with-meta (range 10) {:a 1})]
    (is (= 45 (reduce + r)))
    (is (= {:a 1} (meta r)))
    (is (= "0,1,2,3,4,5,6,7,8,9" (str/join "," (map str r))))))

(deftest str-of-one-value
  (let [s (apply str "a" ["bc"])]
    (is (identical? s (str s)) "a string is its own str")
    (is (not (identical? s (str s nil)))))
  (is (= ["0" "-17" "4611686018427387904" "-9223372036854775808" "9223372036854775807"]
         [(str 0) (str -17) (str 4611686018427387904) (str Long/MIN_VALUE) (str Long/MAX_VALUE)]))
  (is (= "" (str nil)))
  (is (= ":a" (str :a)))
  (is (= "1.5" (str 1.5))))
