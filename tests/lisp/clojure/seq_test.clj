(ns clojure.seq-test
  "The sequence functions (eager until lazy sequences land): results as
  Clojure gives them for finite collections; infinite ones are refused."
  (:require [clojure.test :refer [deftest is testing are]]))

(deftest mapping-and-filtering
  (are [x y] (= x y)
    '(2 3) (map inc [1 2])
    '(11 22) (map + [1 2] [10 20 30])
    '(111) (map + [1] [10] [100])
    '(1 3 5 7 9) (filter odd? (range 10))
    '(0 2 4 6 8) (remove odd? (range 10))
    '(1 3) (keep #(when (odd? %) %) [1 2 3])
    '([0 :a] [1 :b]) (map-indexed vector [:a :b])
    '(:b) (keep-indexed #(when (odd? %1) %2) [:a :b])
    '(2 1 3) (mapcat reverse [[1 2] [3]])
    nil (seq (map inc []))
    '() (map inc [])))

(deftest ranges-and-repeats
  (are [x y] (= x y)
    '(0 1 2) (range 3)
    '(2 3) (range 2 4)
    '(10 8 6) (range 10 5 -2)
    '() (range 0)
    '(:x :x) (repeat 2 :x)
    '(1 1) (repeatedly 2 (constantly 1)))
  (testing "infinite sequences are refused with a clear error, not a hang"
    (is (thrown-with-msg? ExceptionInfo #"infinite" (range)))
    (is (thrown-with-msg? ExceptionInfo #"infinite" (repeat :x)))
    (is (thrown-with-msg? ExceptionInfo #"infinite" (iterate inc 0)))
    (is (thrown-with-msg? ExceptionInfo #"infinite" (cycle [1])))))

(deftest taking-and-dropping
  (are [x y] (= x y)
    '(0 1 2) (take 3 (range 10))
    '(8 9) (drop 8 (range 10))
    '() (drop 5 [1 2])
    '(1 2) (take-while #(< % 3) [1 2 3 1])
    '(3 1) (drop-while #(< % 3) [1 2 3 1])
    '(0 3 6 9) (take-nth 3 (range 10))
    '(8 9) (take-last 2 (range 10))
    '(1 2) (drop-last [1 2 3])
    '(3) (nthrest [1 2 3] 2)
    ['(1 2) '(3)] (split-at 2 [1 2 3])
    ['(1) '(2 1)] (split-with odd? [1 2 1])))

(deftest rearranging
  (are [x y] (= x y)
    '(3 2 1) (reverse [1 2 3])
    '(1 :a 2 :b) (interleave [1 2 3] [:a :b])
    '(1 0 2 0 3) (interpose 0 [1 2 3])
    '((1 2) (3 4)) (partition 2 [1 2 3 4 5])
    '((1 2) (2 3)) (partition 2 1 [1 2 3])
    '((1 2) (3 :p)) (partition 2 2 [:p] [1 2 3])
    '((1 2) (3)) (partition-all 2 [1 2 3])
    '((1 3) (2 4) (5)) (partition-by odd? [1 3 2 4 5])
    '(1 2 3) (distinct [1 2 1 3 2])
    '(1 2 1) (dedupe [1 1 2 2 1])
    '(1 2 3 4) (flatten [1 [2 [3 '(4)]]])
    '(1 3 6) (reductions + [1 2 3])
    '(0 1 3) (reductions + 0 [1 2])
    '([1 [2]] 1 [2] 2) (tree-seq vector? seq [1 [2]])))

(deftest comprehensions
  (is (= '([1 :a] [1 :b] [3 :a] [3 :b])
         (for [x [1 2 3] :when (odd? x) y [:a :b]] [x y])))
  (is (= '(0 1 2) (for [x (range 5) :while (< x 3)] x)))
  (is (= '([2 0] [2 1] [3 0] [3 1] [3 2]) (for [x [2 3] y (range 5) :while (< y x)] [x y])))
  (is (= '(2 4) (for [x [1 2] :let [y (* 2 x)]] y)))
  (is (= '(1 2) (doall (map inc [0 1]))))
  (is (nil? (dorun (map inc [0 1]))))
  (is (= '(1 2) (lazy-seq (list 1 2))))
  (is (= '(1 2 3) (lazy-cat [1] [2 3]))))
