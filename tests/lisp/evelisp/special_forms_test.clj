(ns evelisp.special-forms-test
  "Every special form of the evaluator."
  (:require [clojure.test :refer [deftest is testing are]]))

(def plain 1)
(def with-doc "documented" 2)
(def ^:dynamic *dyn* :root)
(def ^:private secret 3)

(deftest def-interns-and-binds
  (is (= 1 plain))
  (is (= "documented" (:doc (meta #'with-doc))))
  (is (:dynamic (meta #'*dyn*)))
  (is (:private (meta #'secret)))
  (is (= 'plain (:name (meta #'plain))))
  (testing "def returns the var, redefinition replaces the root"
    (is (= #'evelisp.special-forms-test/plain (def plain 10)))
    (is (= 10 plain))
    (def plain 1))
  (testing "a def without init leaves the var unbound"
    (def unbound-one)
    (is (thrown? IllegalStateException (+ 1 unbound-one)))))

(deftest if-do-quote
  (is (= :yes (if true :yes :no)))
  (is (= :no (if nil :yes :no)))
  (is (= :no (if false :yes :no)))
  (is (= :yes (if 0 :yes :no)) "0 is truthy")
  (is (nil? (if false :yes)))
  (is (= 3 (do 1 2 3)))
  (is (nil? (do)))
  (is (= '(a b) (quote (a b))))
  (is (= 'x 'x))
  (is (symbol? (quote x))))

(deftest let-star
  (is (= 3 (let* [a 1 b (+ a 1)] (+ a b))))
  (is (= 2 (let* [a 1 a (inc a)] a)) "later bindings shadow")
  (is (nil? (let* [])))
  (let* [x 1]
    (is (= 2 (let* [x 2] x)))
    (is (= 1 x))))

(deftest fn-star
  (let* [f (fn* [x] (* x 2))
         named (fn* fact [n] (if (< n 2) 1 (* n (fact (dec n)))))
         multi (fn* ([] :zero) ([a] [:one a]) ([a b & more] [:many a b more]))
         variadic (fn* [& xs] xs)]
    (is (= 42 (f 21)))
    (is (= 120 (named 5)) "a named fn calls itself")
    (is (= :zero (multi)))
    (is (= [:one 1] (multi 1)))
    (is (= [:many 1 2 nil] (multi 1 2)))
    (is (= [:many 1 2 '(3 4)] (multi 1 2 3 4)))
    (is (nil? (variadic)))
    (is (= '(1 2) (variadic 1 2)))
    (is (thrown? ArityException (f 1 2)))
    (is (fn? f))))

(deftest closures-capture-locals
  (let* [make-adder (fn* [n] (fn* [x] (+ x n)))
         add5 (make-adder 5)
         counter (atom 0)
         bump (fn* [] (swap! counter inc))]
    (is (= 15 (add5 10)))
    (bump) (bump)
    (is (= 2 @counter))))

(deftest loop-recur
  (is (= 55 (loop* [i 0 acc 0] (if (> i 10) acc (recur (inc i) (+ acc i))))))
  (is (= 1000000 (loop* [i 0] (if (< i 1000000) (recur (inc i)) i)))
      "recur runs in constant stack")
  (is (= 10 ((fn* [n acc] (if (zero? n) acc (recur (dec n) (inc acc)))) 10 0))
      "recur to a fn's head")
  (is (= (list [3 2 1]) ((fn* [& xs] (if (next xs) (recur (next xs)) xs)) 1 2 [3 2 1]))
      "recur in a variadic fn binds the rest param to the seq given"))

(deftest letfn-star
  (letfn [(ev? [n] (if (zero? n) true (od? (dec n))))
          (od? [n] (if (zero? n) false (ev? (dec n))))]
    (is (ev? 10))
    (is (od? 7))
    (is (not (od? 8)))))

(deftest var-special-form
  (is (var? #'plain))
  (is (= #'plain (var plain)))
  (is (= 1 @#'plain))
  (is (= 1 (#'inc 0)) "a var is callable through its value"))

(deftest throw-try-catch-finally
  (let* [log (atom [])]
    (is (= :caught
           (try (throw (ex-info "boom" {:k 1}))
                (catch ExceptionInfo e
                  (swap! log conj (ex-data e))
                  :caught)
                (finally (swap! log conj :finally)))))
    (is (= [{:k 1} :finally] @log)))
  (testing "finally runs when nothing is thrown, and does not change the value"
    (let* [ran (atom false)]
      (is (= 1 (try 1 (finally (reset! ran true) 2))))
      (is @ran)))
  (testing "catch by class symbol, keyword kind, :default, Throwable"
    (is (= :arith (try (+ 9223372036854775807 1) (catch ArithmeticException _ :arith))))
    (is (= :any (try (+ 9223372036854775807 1) (catch Exception _ :any))))
    (is (= :t (try (throw (ex-info "x" {})) (catch Throwable _ :t))))
    (is (= :d (try (throw (ex-info "x" {})) (catch :default _ :d))))
    (is (= :typed (try (throw (ex-info "x" {:type :my/error}))
                       (catch :my/error _ :typed)
                       (catch :default _ :other)))))
  (testing "the first matching catch wins; no match propagates"
    (is (= :first (try (throw (ex-info "x" {}))
                       (catch ExceptionInfo _ :first)
                       (catch Exception _ :second))))
    (is (= :outer (try (try (throw (ex-info "x" {}))
                            (catch ArithmeticException _ :inner))
                       (catch ExceptionInfo _ :outer)))))
  (testing "an error inside swap! leaves the atom unchanged"
    (let* [a (atom {:n 1})]
      (is (thrown? ExceptionInfo (swap! a (fn* [m] (throw (ex-info "no" {}))))))
      (is (= {:n 1} @a)))))

(deftest binding-and-set
  (is (= :root *dyn*))
  (is (= :bound (binding [*dyn* :bound] *dyn*)))
  (is (= :root *dyn*) "the binding ends with its body")
  (is (= :set (binding [*dyn* :bound] (set! *dyn* :set) *dyn*)))
  (is (thrown? IllegalStateException (set! *dyn* :no-binding)))
  (is (thrown? IllegalStateException (binding [plain 2] plain)) "only dynamic vars")
  (testing "bindings are per thread and conveyed to futures"
    (is (= :bound (binding [*dyn* :bound] @(future *dyn*))))
    (is (= :root @(future *dyn*)))))
