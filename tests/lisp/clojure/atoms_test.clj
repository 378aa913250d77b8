(ns clojure.atoms-test
  "Atoms as reference types: swap-vals!, reset-vals!, compare-and-set!,
  validators, watches, volatiles."
  (:require [clojure.test :refer [deftest is testing]]))

(deftest changing-atoms
  (let [a (atom 1)]
    (is (= [1 2] (swap-vals! a inc)))
    (is (= [2 10] (reset-vals! a 10)))
    (is (= 11 (swap! a inc)))
    (is (= 5 (reset! a 5)))
    (is (true? (compare-and-set! a 5 6)))
    (is (false? (compare-and-set! a 5 7)) "5 is no longer there")
    (is (= 6 @a))))

(deftest validators
  (let [a (atom 1)]
    (set-validator! a pos?)
    (is (= pos? (get-validator a)))
    (is (= 2 (swap! a inc)))
    (is (thrown-with-msg? IllegalStateException #"Invalid reference state" (reset! a -1)))
    (is (thrown? IllegalStateException (swap! a -)))
    (is (= 2 @a) "a refused value leaves the atom as it was")
    (is (false? (try (compare-and-set! a 2 -5) (catch IllegalStateException _ false))))
    (set-validator! a nil)
    (is (nil? (get-validator a)))
    (is (= -1 (reset! a -1))))
  (testing "the current value must pass a new validator"
    (let [a (atom -1)]
      (is (thrown? IllegalStateException (set-validator! a pos?)))
      (is (nil? (get-validator a))))))

(deftest watches
  (let [a (atom 0)
        seen (atom [])]
    (is (= a (add-watch a :log (fn [k r old new] (swap! seen conj [k (= r a) old new])))))
    (swap! a inc)
    (reset! a 10)
    (compare-and-set! a 10 11)
    (compare-and-set! a 99 12)
    (is (= [[:log true 0 1] [:log true 1 10] [:log true 10 11]] @seen))
    (remove-watch a :log)
    (swap! a inc)
    (is (= 3 (count @seen)) "no call after remove-watch")))

(deftest volatiles
  (let [v (volatile! 1)]
    (is (= 2 (vswap! v inc)))
    (is (= 5 (vswap! v + 3)))
    (is (= 0 (vreset! v 0)))
    (is (= 0 @v))))

(deftest set-of-a-collection
  (is (= #{1 2} (set [1 2 2])))
  (is (= #{} (set nil))))
