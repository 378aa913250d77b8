(ns clojure.data-test
  "clojure.data/diff and equality-partition. Every expected value (and
  printed form) was printed by JVM Clojure 1.11's clojure.data on the same
  forms."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.data :as d]))

(deftest atoms-and-partitions
  (are [x y] (= x y)
    [nil nil 1] (d/diff 1 1)
    [1 2 nil] (d/diff 1 2)
    [nil nil nil] (d/diff nil nil)
    [nil 1 nil] (d/diff nil 1)
    ["abc" "abd" nil] (d/diff "abc" "abd")
    ["a" :a nil] (d/diff "a" :a)
    [{:a 1} [1] nil] (d/diff {:a 1} [1])
    [[1] #{1} nil] (d/diff [1] #{1}))
  (is (= [:atom :atom :atom :atom :sequential :sequential :set :map :sequential :sequential]
         (mapv d/equality-partition [nil 1 "s" :k [] '() #{} {} (range 2) (long-array 1)]))))

(deftest maps
  (testing "a diff of two maps is a seq of three, as Clojure's"
    (is (= "({:a 1} {:a 2} nil)" (pr-str (d/diff {:a 1} {:a 2}))))
    (is (seq? (d/diff {:a 1} {:b 1}))))
  (are [x y] (= x y)
    [{:b 2} {:c 3} {:a 1}] (d/diff {:a 1 :b 2} {:a 1 :c 3})
    [{:a {:c 2}} {:a {:c 3}} {:a {:b 1}}] (d/diff {:a {:b 1 :c 2}} {:a {:b 1 :c 3}})
    [{:a nil} nil nil] (d/diff {:a nil} {})
    [nil {:a nil} nil] (d/diff {} {:a nil})
    [nil {:b 1} {:a nil}] (d/diff {:a nil} {:a nil :b 1})
    [{:a [nil 2 {:x 1}]} {:a [nil 3 {:x 2}]} {:a [1]}] (d/diff {:a [1 2 {:x 1}]} {:a [1 3 {:x 2}]})
    [{3 4} {3 5 6 7} {1 2}] (d/diff {1 2 3 4} {1 2 3 5 6 7})
    [{:a #{1}} {:a #{3}} {:a #{2}}] (d/diff {:a #{1 2}} {:a #{2 3}})
    [nil {:b {:c [nil nil 3]} :d 4} {:b {:c [1 2]} :a 1}]
    (d/diff {:a 1 :b {:c [1 2]}} {:a 1 :b {:c [1 2 3]} :d 4}))
  (is (= "(nil {:b {:c [nil nil 3]}, :d 4} {:b {:c [1 2]}, :a 1})"
         (pr-str (d/diff {:a 1 :b {:c [1 2]}} {:a 1 :b {:c [1 2 3]} :d 4})))
      "printed in the JVM's key order"))

(deftest sequences
  (are [x y] (= x y)
    [[nil nil 3] [nil nil 4] [1 2]] (d/diff [1 2 3] [1 2 4])
    [[nil nil 3] nil [1 2]] (d/diff [1 2 3] [1 2])
    [nil [nil nil 3] [1 2]] (d/diff [1 2] [1 2 3])
    [[nil [nil 3]] [nil [nil 4]] [1 [2]]] (d/diff [1 [2 3]] [1 [2 4]])
    [[1] [5] [nil 2 3]] (d/diff '(1 2 3) [5 2 3])
    [nil [1] nil] (d/diff [] [1])
    [[1] nil nil] (d/diff [1] [])
    [[nil 1] [nil 2] [nil]] (d/diff [nil 1] [nil 2])
    [[1] [2] [nil nil]] (d/diff [1 nil] [2 nil])
    [[nil [2]] [nil [3]] [[1]]] (d/diff [[1] [2]] [[1] [3]])
    [nil [nil nil nil 3] [0 1 2]] (d/diff (range 3) (range 4))
    [[nil 2] [nil 3] [1]] (d/diff (long-array [1 2]) [1 3]))
  (is (vector? (d/diff '(1 2) '(1 3))) "sequential diffs are vectors"))

(deftest sets
  (are [x y] (= x y)
    [#{1} #{4} #{2 3}] (d/diff #{1 2 3} #{2 3 4})
    [#{1} #{2} nil] (d/diff #{1} #{2})
    [nil #{3} #{1 2}] (d/diff #{1 2} #{1 2 3})))
