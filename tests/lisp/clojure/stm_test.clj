(ns clojure.stm-test
  "Refs and transactions: dosync commits its writes together, reads see
  the transaction's own writes, threads never lose an update, writes
  outside a transaction and io! inside one are errors."
  (:require [clojure.test :refer [deftest is testing are]]))

(deftest refs-in-transactions
  (let [r (ref 1)]
    (is (= 1 @r))
    (is (= 2 (dosync (alter r inc))))
    (is (= 2 @r))
    (is (= 10 (dosync (ref-set r 10))))
    (is (= [11 11] (dosync (alter r inc) [(deref r) (ensure r)])) "a transaction reads its own writes")
    (is (= 12 (dosync (dosync (commute r inc)))) "nested transactions join")
    (is (thrown? IllegalStateException (ref-set r 0)))
    (is (thrown? IllegalStateException (alter r inc)))
    (is (thrown? IllegalStateException (dosync (io! (println "no")))))
    (is (= 12 @r)))
  (testing "an error aborts the transaction: nothing is written"
    (let [r (ref 1)]
      (is (thrown? Exception (dosync (ref-set r 99) (throw (ex-info "x" {})))))
      (is (= 1 @r))))
  (testing "four threads moving amounts keep the total"
    (let [a (ref 400) b (ref 0)
          fs (doall (for [_ (range 4)] (future (dotimes [_ 50] (dosync (alter a dec) (alter b inc))))))]
      (run! deref fs)
      (is (= [200 200] [@a @b]))))
  (is (= 'clojure.lang.Ref (type (ref nil)))))
