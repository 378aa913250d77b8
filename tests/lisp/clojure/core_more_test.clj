(ns clojure.core-more-test
  "The smaller clojure.core functions: name predicates, parsing, vars
  (alter-var-root intern find-var var-get bound? with-redefs),
  load-string, bounded-count, iteration, pcalls/pvalues, use."
  (:require [clojure.test :refer [deftest is testing are]]))

(def counter 1)
(def ^:dynamic *dyn* :root)

(deftest predicates-and-parsing
  (are [x y] (= x y)
    true (any? nil)
    true (qualified-keyword? :a/b)
    false (qualified-keyword? :b)
    true (simple-keyword? :b)
    true (qualified-symbol? 'a/b)
    true (simple-symbol? 'b)
    false (simple-ident? "b")
    true (qualified-ident? :x/y)
    true (special-symbol? 'if)
    false (special-symbol? 'when)
    true (indexed? [1])
    false (indexed? '(1))
    42 (parse-long "42")
    -7 (parse-long "-7")
    nil (parse-long "4.2")
    nil (parse-long "x")
    1.5 (parse-double "1.5")
    nil (parse-double "abc")
    true (parse-boolean "true")
    false (parse-boolean "false")
    nil (parse-boolean "yes")
    5 (bounded-count 5 (range))
    3 (bounded-count 5 [1 2 3])
    '(:x :x) (replicate 2 :x))
  (is (thrown? Exception (parse-long 42))))

(deftest vars
  (is (= 2 (alter-var-root #'counter inc)))
  (is (= 2 counter))
  (is (= 12 (alter-var-root #'counter + 10)))
  (is (= #'clojure.core-more-test/counter (find-var 'clojure.core-more-test/counter)))
  (is (nil? (find-var 'clojure.core-more-test/nope)))
  (is (= 12 (var-get #'counter)))
  (is (bound? #'counter))
  (is (not (thread-bound? #'*dyn*)))
  (binding [*dyn* :bound]
    (is (thread-bound? #'*dyn*))
    (var-set #'*dyn* :set)
    (is (= :set *dyn*)))
  (let [v (intern 'clojure.core-more-test 'made-here 7)]
    (is (= 7 (var-get v))))
  (is (= :redefined (with-redefs [counter :redefined] counter)))
  (is (= 12 counter) "with-redefs puts the root back")
  (is (= 6 (load-string "(+ 1 2) (* 2 3)"))))

(deftest sequences-and-parallel
  (is (= '(0 1 2) (take 3 (iteration (fn [k] (or k 0)) :kf inc))))
  (is (= '(1 2 3) (iteration (fn [k] (when (< (or k 0) 3) (inc (or k 0)))) :kf identity)))
  (is (= '(1 2) (pcalls (constantly 1) (constantly 2))))
  (is (= '(3 7) (pvalues (+ 1 2) (+ 3 4)))))

(deftest natives-have-docs
  (is (= '([coll]) (:arglists (meta #'first))))
  (is (re-find #"first element" (:doc (meta #'first))))
  (is (re-find #"compare-and-set" (:doc (meta #'swap!))))
  (is (every? (fn [v] (string? (:doc (meta v)))) [#'assoc #'get #'reduce #'str #'deref])))

(deftest shutting-down-agents
  (is (nil? (shutdown-agents)))
  (is (= 2 @(future (inc 1))) "futures still work after it"))
