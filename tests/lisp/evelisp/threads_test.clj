(ns evelisp.threads-test
  "future, future-call, promise/deliver, deref with timeout, pmap,
  delay/force, realized? and swap! from many threads."
  (:require [clojure.test :refer [deftest is testing]]))

(deftest futures
  (let [f (future (+ 1 2))]
    (is (future? f))
    (is (= 3 @f))
    (is (realized? f))
    (is (future-done? f)))
  (is (= 42 @(future-call (fn [] 42))))
  (testing "an error in a future is raised by deref"
    (is (thrown? ExceptionInfo @(future (throw (ex-info "in future" {})))))))

(deftest promises
  (let [p (promise)]
    (is (not (realized? p)))
    (is (= :timed-out (deref p 10 :timed-out)))
    (future (deliver p :done))
    (is (= :done @p))
    (is (realized? p))
    (is (nil? (deliver p :again)) "only the first deliver counts")
    (is (= :done @p))))

(deftest deref-with-timeout
  (let [slow (future (deref (promise) 2000 :never))]
    (is (= :waited (deref slow 10 :waited)))))

(deftest delays
  (let [runs (atom 0)
        d (delay (swap! runs inc) :value)]
    (is (not (realized? d)))
    (is (= :value (force d)))
    (is (= :value @d))
    (is (= 1 @runs) "the body runs once")
    (is (realized? d))
    (is (= 5 (force 5)) "force of a non-delay is the value"))
  (testing "a delay forced by many threads at once runs once"
    (let [runs (atom 0)
          d (delay (swap! runs inc))
          fs (mapv (fn [_] (future @d)) [1 2 3 4 5 6 7 8])]
      (is (every? (fn [f] (= 1 @f)) fs))
      (is (= 1 @runs)))))

(deftest pmap-runs-in-order
  (is (= [2 3 4] (vec (pmap inc [1 2 3]))))
  (is (= [5 7 9] (vec (pmap + [1 2 3] [4 5 6])))))

(deftest swaps-from-many-threads-are-never-lost
  (let [a (atom 0)
        fs (mapv (fn [_] (future (dotimes [_ 10000] (swap! a inc)))) [1 2 3 4])]
    (doseq [f fs] @f)
    (is (= 40000 @a))))
