(ns evelisp.inline-calls-test
  "Calls the evaluator takes short cuts for: arithmetic and comparisons of
  clojure.core inlined at their call sites, and a site's cache of the fn it
  called last. Each must mean exactly what the plain call means."
  (:require [clojure.test :refer [deftest is testing are]]))

(defn add1 [x] (+ x 1))
(defn less? [a b] (< a b))

(deftest inlined-arithmetic-gives-what-the-natives-give
  (are [x y] (= x y)
    7 (+ 3 4)
    -1 (- 3 4)
    12 (* 3 4)
    true (< 3 4)
    false (> 3 4)
    true (<= 4 4)
    true (>= 4 4)
    true (== 4 4)
    true (= 4 4)
    5 (inc 4)
    3 (dec 4)
    true (zero? 0)
    true (pos? 1)
    true (neg? -1))
  (testing "past the small integers, the natives decide"
    (is (= 4611686018427387904 (+ 4611686018427387903 1)))
    (is (= 4611686018427387904 (inc 4611686018427387903)))
    (is (= -4611686018427387905 (dec -4611686018427387904)))
    (is (= 9223372036854775806 (* 2 4611686018427387903)))
    (is (= 9223372036854775807 (+ 9223372036854775806 1)))
    (is (thrown-with-msg? ArithmeticException #"long overflow" (+ 9223372036854775807 1)))
    (is (thrown-with-msg? ArithmeticException #"long overflow" (* 3037000500 3037000500)))
    (is (thrown-with-msg? ArithmeticException #"long overflow" (inc 9223372036854775807))))
  (testing "other numbers and other values"
    (is (= 3.5 (+ 1 2.5)))
    (is (= 1/2 (- 1 1/2)))
    (is (true? (< 1 2.5)))
    (is (false? (= 1 1.0)))
    (is (true? (== 1 1.0)))
    (is (true? (= \a \a)))
    (is (false? (= nil false)))
    (is (true? (= "ab" (str "a" "b"))))
    (is (true? (= [1 2] '(1 2))))
    (is (thrown? ClassCastException (+ 1 "2")))
    (is (thrown? ClassCastException (inc nil)))))

(deftest an-inlined-call-follows-its-var
  (testing "with-redefs of a core fn reaches code compiled before it"
    (is (= 1 (with-redefs [+ -] (add1 2))))
    (is (= 3 (add1 2))))
  (testing "alter-var-root, then back"
    (let [original <]
      (alter-var-root #'clojure.core/< (constantly >))
      (try
        (is (true? (less? 2 1)))
        (finally (alter-var-root #'clojure.core/< (constantly original))))
      (is (true? (less? 1 2))))))

(def ^:dynamic *plus* +)
(defn use-plus [a b] (*plus* a b))

(deftest an-inlined-call-through-a-dynamic-var-sees-its-binding
  (is (= 7 (use-plus 5 2)))
  (is (= 3 (binding [*plus* -] (use-plus 5 2))))
  (is (= 10 (binding [*plus* *] (use-plus 5 2))))
  (is (= 7 (use-plus 5 2))))

(defn call-with [f x] (f x))
(defn ident [x] x)
(defn via-call-with [x] (call-with ident x))
(defn greeting [] :hello)
(defn greet [] (greeting))

(deftest a-call-site-calls-whatever-fn-it-is-given
  (testing "one site, a different fn while a call through it runs"
    (is (= [1 1 1] [(call-with via-call-with 1) (call-with via-call-with 1)
                    (call-with via-call-with 1)])))
  (testing "the same site with closures, natives and fns in turn"
    (is (= [2 0 :k 3 11]
           [(call-with inc 1) (call-with dec 1) (call-with :a {:a :k})
            (call-with count [1 2 3]) (call-with (fn [x] (+ x 10)) 1)])))
  (testing "a redefined fn is called at a site that called the old one"
    (is (= :hello (greet)))
    (defn greeting [] :bye)
    (is (= :bye (greet)))))

(deftest recur-with-many-values
  (is (= [10 45 0 1 2 3] (loop [i 0 s 0 a 0 b 1 c 2 d 3]
                           (if (< i 10) (recur (inc i) (+ s i) a b c d) [i s a b c d])))))
