(ns evelisp.macros-test
  "defmacro, macroexpansion, &form/&env, syntax-quote, gensyms."
  (:require [clojure.test :refer [deftest is testing]]))

(defmacro unless "Evaluates then when test is false." [test then else]
  `(if ~test ~else ~then))

(defmacro twice [x] `(let* [v# ~x] (+ v# v#)))

(defmacro the-form [& _] (list 'quote &form))

(defmacro local-names [] (list 'quote (vec (keys &env))))

(defmacro multi
  ([] :none)
  ([a] [:one a])
  ([a & more] [:more a (count more)]))

(deftest defmacro-and-expansion
  (is (= 1 (unless false 1 2)))
  (is (= 2 (unless true 1 2)))
  (is (:macro (meta #'unless)))
  (is (= "Evaluates then when test is false." (:doc (meta #'unless))))
  (is (= 42 (twice 21)))
  (let [n (atom 0)]
    (is (= 2 (twice (swap! n inc))))
    (is (= 1 @n) "the argument is evaluated once"))
  (is (= :none (multi)))
  (is (= [:one 1] (multi 1)))
  (is (= [:more 1 2] (multi 1 2 3))))

(deftest macroexpand-1-and-macroexpand
  (is (= '(if c b a) (macroexpand-1 '(evelisp.macros-test/unless c a b))))
  (is (= '(foo 1) (macroexpand-1 '(foo 1))) "a non-macro form is itself")
  (is (= 'if (first (macroexpand '(when-not x y)))))
  (is (= '(if c (do a b)) (macroexpand '(when c a b)))))

(defn- set-of [xs] (reduce conj #{} xs))

(deftest form-and-env
  (is (= '(the-form 1 2) (the-form 1 2)))
  (is (= [] (local-names)))
  (let [a 1]
    (let [b 2]
      (is (= #{'a 'b} (set-of (local-names))))))
  (is (= #{'x} (set-of ((fn [x] (local-names)) 0)))))

(deftest syntax-quote
  (testing "symbols are resolved to their namespace"
    (is (= 'clojure.core/inc `inc))
    (is (= 'evelisp.macros-test/unless `unless))
    (is (= 'evelisp.macros-test/not-defined-yet `not-defined-yet))
    (is (= 'if `if) "special forms stay bare"))
  (testing "unquote and unquote-splicing"
    (let [x 1 xs [2 3]]
      (is (= '(a 1 2 3) `(~'a ~x ~@xs)))
      (is (= [1 [2 3]] `[~x ~xs]))
      (is (= {:k 1} `{:k ~x}))))
  (testing "auto-gensyms are fresh per syntax-quote, equal within one"
    (let [[a b] `[x# x#]
          c `x#]
      (is (= a b))
      (is (not= a c))
      (is (symbol? a)))))

(deftest gensym-fn
  (is (symbol? (gensym)))
  (is (not= (gensym) (gensym)))
  (is (= "pre" (subs (name (gensym "pre")) 0 3))))

(deftest macros-see-the-current-namespace
  (is (= 3.0 (evelisp.macros-test/twice (+ 1 0.5)))))

(def ^:dynamic *bound* 1)
(defmacro with-bound [v & body] `(binding [*bound* ~v] ~@body))
(defmacro def-answer-macro [] `(defmacro ~'answer [] 42))
(def-answer-macro)

(deftest syntax-quote-keeps-evaluator-specials
  (is (= 5 (with-bound 5 *bound*)) "binding in a macro's expansion")
  (is (= 1 *bound*))
  (is (= 42 (answer)) "defmacro in a macro's expansion"))
