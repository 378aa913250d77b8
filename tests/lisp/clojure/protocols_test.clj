(ns clojure.protocols-test
  "Protocols over evelisp's own types (defprotocol extend-protocol
  extend-type extend satisfies? extends? extenders), and the natives they
  dispatch with: type, class, instance?."
  (:require [clojure.test :refer [deftest is testing are]]))

;;; Types.

(defn range* [n] (loop [i 0 acc []] (if (< i n) (recur (inc i) (conj acc i)) acc)))
(defn zipmap* [ks] (reduce (fn [m k] (assoc m k k)) {} ks))

(deftest type-names-the-class-clojure-would
  (are [x t] (= t (type x))
    "s" 'java.lang.String
    1 'java.lang.Long
    10000000000 'java.lang.Long
    1.5 'java.lang.Double
    :k 'clojure.lang.Keyword
    'sym 'clojure.lang.Symbol
    [1] 'clojure.lang.PersistentVector
    {:a 1} 'clojure.lang.PersistentArrayMap
    #{1} 'clojure.lang.PersistentHashSet
    '(1 2) 'clojure.lang.PersistentList
    true 'java.lang.Boolean
    \a 'java.lang.Character
    1/2 'clojure.lang.Ratio
    100000000000000000000N 'clojure.lang.BigInt
    (atom 1) 'clojure.lang.Atom
    #'inc 'clojure.lang.Var
    *ns* 'clojure.lang.Namespace
    (ex-info "x" {}) 'clojure.lang.ExceptionInfo
    #"a+" 'java.util.regex.Pattern)
  (is (nil? (type nil)))
  (is (= 'clojure.lang.PersistentHashMap
         (type (zipmap* (range* 20)))) "a map of more than 8 entries")
  (is (= (type 1) (class 1)))
  (is (= 'java.lang.IndexOutOfBoundsException
         (type (try (nth [] 5) (catch Exception e e)))) "a caught error"))

(deftest class-names-evaluate-to-their-symbols
  (is (= 'java.lang.String String))
  (is (= 'java.lang.Long Long java.lang.Long))
  (is (= 'clojure.lang.IPersistentMap clojure.lang.IPersistentMap))
  (is (= String (type "a")))
  (is (class? String))
  (is (not (class? :k))))

(deftest instance-checks
  (is (instance? String "a"))
  (is (instance? Number 1))
  (is (instance? Number 1.5))
  (is (instance? java.lang.Number 1/2))
  (is (instance? Object :k))
  (is (instance? Comparable "a"))
  (is (instance? clojure.lang.IPersistentMap {:a 1}))
  (is (instance? clojure.lang.IPersistentVector [1]))
  (is (instance? clojure.lang.ISeq '(1)))
  (is (instance? clojure.lang.IFn inc))
  (is (instance? clojure.lang.IFn :k))
  (is (instance? clojure.lang.ExceptionInfo (ex-info "x" {})))
  (is (instance? Exception (ex-info "x" {})))
  (is (not (instance? String 1)))
  (is (not (instance? Object nil)) "nil is an instance of nothing")
  (is (not (instance? clojure.lang.IPersistentMap [1])))
  (is (thrown? Exception (instance? "not a class" 1))))

;;; Protocols.

(defprotocol Describe
  "Things that describe themselves."
  (describe [this] "A description of this.")
  (describe-with [this prefix] [this prefix suffix]))

(extend-type String
  Describe
  (describe [s] (str "string " s))
  (describe-with
    ([s p] (str p s))
    ([s p q] (str p s q))))

(extend-protocol Describe
  Long
  (describe [n] (str "long " n))
  Number
  (describe [n] (str "number " n))
  nil
  (describe [_] "nothing")
  clojure.lang.IPersistentMap
  (describe [m] (str "map of " (count m)))
  clojure.lang.IPersistentVector
  (describe [v] (str "vector of " (count v)))
  (describe-with [v p] (str p (count v))))

(deftest protocol-dispatch
  (is (= "string a" (describe "a")))
  (is (= "long 1" (describe 1)) "the class before its supertypes")
  (is (= "number 1.5" (describe 1.5)) "a supertype")
  (is (= "number 1/2" (describe 1/2)))
  (is (= "nothing" (describe nil)))
  (is (= "map of 2" (describe {:a 1 :b 2})) "an interface")
  (is (= "vector of 3" (describe [1 2 3])))
  (is (= ">a" (describe-with "a" ">")))
  (is (= ">a<" (describe-with "a" ">" "<")) "several arities")
  (is (= "#3" (describe-with [1 2 3] "#"))))

(deftest missing-implementations
  (is (thrown-with-msg?
       IllegalArgumentException
       "No implementation of method: :describe of protocol: #'clojure.protocols-test/Describe found for class: clojure.lang.Keyword"
       (describe :k)))
  (is (thrown-with-msg?
       IllegalArgumentException
       "No implementation of method: :describe-with of protocol: #'clojure.protocols-test/Describe found for class: java.lang.Long"
       (describe-with 1 "x")) "extended, but not this method")
  (is (thrown? Exception (describe)) "arity"))

(deftest protocol-metadata
  (is (= "A description of this." (:doc (meta #'describe))))
  (is (= "Things that describe themselves." (:doc (meta #'Describe))))
  (is (map? Describe)))

(deftest satisfies-and-extends
  (is (satisfies? Describe "a"))
  (is (satisfies? Describe 1.5))
  (is (satisfies? Describe nil))
  (is (not (satisfies? Describe :k)))
  (is (not (satisfies? Describe #{})))
  (is (extends? Describe String))
  (is (extends? Describe java.lang.Double) "through Number")
  (is (extends? Describe clojure.lang.PersistentArrayMap) "through IPersistentMap")
  (is (not (extends? Describe clojure.lang.Keyword)))
  (is (contains? (into #{} (extenders Describe)) 'java.lang.String))
  (is (thrown? NullPointerException (satisfies? {:not :a-protocol} 1)) "as Clojure's"))

(defprotocol Fallback (kind [x]))
(extend-protocol Fallback
  Object (kind [_] :object)
  String (kind [_] :string))

(deftest object-is-the-fallback
  (is (= :string (kind "a")))
  (is (= :object (kind 1)))
  (is (= :object (kind :k)))
  (is (= :object (kind [])))
  (is (thrown? IllegalArgumentException (kind nil)) "nil does not fall back to Object"))

(defprotocol Greet (greet [this]))
(extend clojure.lang.Keyword
  Greet
  {:greet (fn [k] (str "hello " (name k)))})
(extend nil Greet {:greet (fn [_] "hello nobody")})

(deftest extend-with-maps
  (is (= "hello bob" (greet :bob)))
  (is (= "hello nobody" (greet nil)))
  (extend clojure.lang.Keyword Greet {:greet (fn [k] "replaced")})
  (is (= "replaced" (greet :bob)) "extend replaces the type's methods")
  (is (thrown? IllegalArgumentException (extend String :not-a-protocol {}))))

(defprotocol Counter (total [this]))
(extend-type clojure.lang.IPersistentVector Counter (total [v] (reduce + v)))
(defprotocol Counter (total [this]))

(deftest redefining-a-protocol-keeps-its-implementations
  (is (= 6 (total [1 2 3]))))

(deftest extend-type-on-functions-and-atoms
  (extend-type clojure.lang.IFn Greet (greet [f] (f)))
  (extend-type clojure.lang.Atom Greet (greet [a] (str "atom " @a)))
  (is (= "hi" (greet (fn [] "hi"))))
  (is (= "atom 1" (greet (atom 1)))))

(defprotocol Cached (cached-kind [x]))
(extend-type Number Cached (cached-kind [_] :number))

(deftest supertype-lookups-follow-extensions
  (is (= :number (cached-kind 1)))
  (is (= :number (cached-kind 2)) "from the cache")
  (extend-type Long Cached (cached-kind [_] :long))
  (is (= :long (cached-kind 3)) "a closer extension")
  (extend Number Cached {:cached-kind (fn [_] :number2)})
  (is (= :number2 (cached-kind 1.5)) "a replaced extension")
  (is (= :long (cached-kind 4))))

(deftest defprotocol-returns-its-name
  (is (= 'P2 (defprotocol P2 (m2 [x])))))
