(ns evelisp.errors-test
  "ex-info, ex-data, ex-message, ex-cause, and the errors of the evaluator
  as values a catch can inspect."
  (:require [clojure.test :refer [deftest is testing]]))

(deftest ex-info-values
  (let [cause (ex-info "inner" {:level 2})
        e (ex-info "outer" {:level 1} cause)]
    (is (= "outer" (ex-message e)))
    (is (= {:level 1} (ex-data e)))
    (is (= cause (ex-cause e)))
    (is (= "inner" (ex-message (ex-cause e))))
    (is (nil? (ex-cause cause)))
    (is (nil? (ex-data 42)))))

(deftest caught-errors-carry-their-data
  (let [e (try (throw (ex-info "bad" {:code 7})) (catch ExceptionInfo e e))]
    (is (= 7 (:code (ex-data e))))
    (is (= "bad" (ex-message e))))
  (testing "errors of the evaluator have messages too"
    (let [msg (try (+ 9223372036854775807 1) (catch ArithmeticException e (ex-message e)))]
      (is (string? msg)))
    (is (= :arity (try ((fn [x] x)) (catch ArityException _ :arity))))
    (is (= :cast (try (1 2) (catch ClassCastException _ :cast))))
    (is (= :unbound (try (do (declare nothing-here) nothing-here)
                         (catch IllegalStateException _ :unbound))))))

(deftest deep-recursion-is-a-clean-error
  (let [down (fn down [n] (+ 1 (down (inc n))))]
    (is (= :overflow (try (down 0) (catch StackOverflowError _ :overflow))))
    (is (= 3 (+ 1 2)) "and evaluation goes on")))
