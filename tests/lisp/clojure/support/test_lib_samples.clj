(ns clojure.support.test-lib-samples
  "Sample tests for clojure.test-lib-test: some fail on purpose, and the
  fixtures log what ran. Not a *_test file, so `evelisp test` never runs
  it by itself; the line numbers are checked by the tests."
  (:require [clojure.test :refer [deftest is are testing use-fixtures]]))

(def log (atom []))

(defn- logging [k] (fn [f] (swap! log conj [k :in]) (f) (swap! log conj [k :out])))

(use-fixtures :once (logging :once-1) (logging :once-2))
(use-fixtures :each (logging :each-1) (logging :each-2))

(deftest passes
  (swap! log conj :passes)
  (is (= 1 1)))

(deftest fails
  (swap! log conj :fails)
  (testing "outer"
    (testing "inner"
      (is (= 3 (+ 1 1)) "one and one"))))

(deftest errors
  (is (= 1 (throw (ex-info "inside" {:k 1} (ex-info "cause" {}))))))

(deftest throws-outside
  (throw (ex-info "outside" {})))

(deftest templates
  (are [x y] (= x (inc y))
    2 1
    5 3))
