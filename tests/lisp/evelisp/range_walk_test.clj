(ns evelisp.range-walk-test
  "What evelisp's walks of a range show that Clojure cannot (its ranges
  are not lazy seqs, so realized? refuses them): a range not realized yet
  that reduce, into, join, map or filter walks is left unrealized — its
  numbers are computed, its cells never made (natives/seqs/range.rs) —
  while doall, first and printing realize it as before. The Clojure
  behaviour of these walks is in tests/lisp/clojure/range_walk_test.clj."
  (:require [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]))

(deftest walks-leave-a-range-unrealized
  (let [r (range 100)]
    (is (= 4950 (reduce + r)))
    (is (= 100 (count (into [] r))))
    (is (= 100 (count (str/split (str/join "," (map str r)) #","))))
    (is (= 5050 (reduce + (map inc r))))
    (is (= 2500 (reduce + (filter odd? r))))
    (is (= 5050 (reduce + (doall (map inc r)))) "a map realized over it")
    (is (not (realized? r)) "none of them made its cells"))
  (testing "the rest of a range partly realized"
    (let [r (range 100)
          _ (first r)
          more (nthrest r 32)]
      (is (= 4950 (reduce + r)))
      (is (realized? r))
      (is (not (realized? more)) "the walk computed the chunks after the first"))))

(deftest realizing-a-range-still-realizes-it
  (let [r (range 100)]
    (doall r)
    (is (realized? r))
    (is (realized? (nthrest r 96))))
  (let [r (range 5)]
    (is (= 10 (reduce + r)))
    (is (= "(0 1 2 3 4)" (pr-str r)) "printing realizes it")
    (is (realized? r))))

(deftest a-walk-stops-where-the-next-number-would-overflow
  ;; As realizing the range does. JVM Clojure's LongRange reduce wraps
  ;; around Long/MAX_VALUE here and never ends.
  (is (= [9223372036854775802 9223372036854775804 9223372036854775806]
         (reduce conj [] (range (- Long/MAX_VALUE 5) Long/MAX_VALUE 2))
         (vec (seq (range (- Long/MAX_VALUE 5) Long/MAX_VALUE 2)))))
  (is (= [-9223372036854775803 -9223372036854775806]
         (into [] (range (+ Long/MIN_VALUE 5) Long/MIN_VALUE -3))
         (into [] (map identity (range (+ Long/MIN_VALUE 5) Long/MIN_VALUE -3))))))
