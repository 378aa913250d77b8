(ns clojure.core-fns-test
  "Higher-order functions, the conditional and threading macros, sorting
  and the eager collection functions of core_fns.clj."
  (:require [clojure.test :refer [deftest is testing are]]))

(deftest functions-of-functions
  (is (= 6 ((partial + 1 2) 3)))
  (is (= 3 ((partial +) 3)))
  (is (= 3 ((comp inc inc) 1)))
  (is (= "3" ((comp str inc inc) 1)))
  (is (= 5 ((comp) 5)))
  (is (= [6 4 10] ((juxt inc dec #(* 2 %)) 5)))
  (is (= 1 ((fnil inc 0) nil)))
  (is (= 3 ((fnil + 0 0) nil 3)))
  (is (true? ((some-fn even? neg?) 1 -3)))
  (is (nil? ((some-fn even?) 1 3)))
  (is (true? ((every-pred odd? pos?) 1 3)))
  (is (false? ((every-pred odd? pos?) 1 -3)))
  (is (= :done (trampoline (fn f [n] (if (zero? n) :done (fn [] (f (dec n))))) 1000)))
  (testing "memoize calls f once per arguments"
    (let [calls (atom 0)
          slow (memoize (fn [x] (swap! calls inc) (* x x)))]
      (is (= [4 4 9] [(slow 2) (slow 2) (slow 3)]))
      (is (= 2 @calls)))))

(deftest conditional-macros
  (is (= :two (condp = 2 1 :one 2 :two :none)))
  (is (= :none (condp = 9 1 :one :none)))
  (is (= 4 (condp some [1 2 3] #{0} :zero #{3} :>> inc)))
  (is (thrown? ExceptionInfo (condp = 9 1 :one)))
  (are [x y] (= x y)
    :three (case 3 (1 2) :low 3 :three :other)
    :low (case 2 (1 2) :low 3 :three :other)
    :other (case 7 (1 2) :low 3 :three :other)
    :kw (case :a :a :kw "s" :str)
    :str (case "s" :a :kw "s" :str))
  (is (thrown? ExceptionInfo (case 9 1 :one))))

(deftest threading-macros
  (is (= 2 (cond-> 1 true inc false dec)))
  (is (= [0 1] (cond->> [1] true (cons 0) false (cons 9) true vec)))
  (is (= 6 (as-> 1 x (+ x 1) (* x 3))))
  (is (= 2 (some-> {:a {:b 1}} :a :b inc)))
  (is (nil? (some-> {:a nil} :a inc)))
  (is (= [2 3] (some->> [1 2] (mapv inc))))
  (is (= "Elapsed time" (subs (with-out-str (time (+ 1 2))) 1 13))))

(deftest sorting
  (is (= '(1 2 3) (sort [3 1 2])))
  (is (= '(3 2 1) (sort > [3 1 2])) "a boolean comparator")
  (is (= '(3 2 1) (sort (fn [a b] (compare b a)) [1 3 2])) "a numeric comparator")
  (is (= '("a" "b" "c") (sort ["c" "a" "b"])))
  (is (= '(:a :b) (sort [:b :a])))
  (is (= '() (sort [])))
  (is (= [{:a 1 :i 0} {:a 1 :i 1} {:a 2 :i 2}]
         (vec (sort-by :a [{:a 2 :i 2} {:a 1 :i 0} {:a 1 :i 1}])))
      "stable")
  (is (= '([:b 1] [:a 2]) (sort-by second {:a 2 :b 1})))
  (is (= '(3 2 1) (sort-by identity > [1 3 2])))
  (is (thrown? Exception (sort [1 :a]))))

(deftest eager-collections
  (is (= {1 2, 2 1} (frequencies [1 1 2])))
  (is (= {true [1 3] false [2]} (group-by odd? [1 2 3])))
  (is (= {:a 1 :b 2} (zipmap [:a :b :c] [1 2])))
  (is (= 3 (reduce-kv (fn [a _ v] (+ a v)) 0 {:x 1 :y 2})))
  (is (= 4 (reduce-kv (fn [a i v] (+ a i v)) 0 [1 2])))
  (is (nil? (run! identity [1 2])))
  (is (not-any? odd? [2 4]))
  (is (not-every? odd? [1 2]))
  (is (nil? (not-empty [])))
  (is (= [1] (not-empty [1])))
  (is (= '(1 2) (butlast [1 2 3])))
  (is (nil? (butlast [1])))
  (is (identical? :a :a))
  (is (not (identical? [1] [1])) "two vectors are two values")
  (is (= {:x 1} (max-key :x {:x 0} {:x 1})))
  (is (= {:a 2} (update-vals {:a 1} inc)))
  (is (= {"a" 1} (update-keys {:a 1} name))))

(deftest stacks-and-sets
  (is (= '(2) (pop '(1 2))))
  (is (= [1] (pop [1 2])))
  (is (thrown? IllegalStateException (pop [])))
  (is (= 2 (peek [1 2])))
  (is (= 1 (peek '(1 2))))
  (is (nil? (peek [])))
  (is (= #{2} (disj #{1 2 3} 1 3)))
  (is (nil? (disj nil 1))))

(deftest transients
  (is (= [1 2 3] (persistent! (reduce conj! (transient []) [1 2 3]))))
  (is (= {:a 1 :b 2} (persistent! (assoc! (transient {}) :a 1 :b 2))))
  (is (= {:b 2} (persistent! (dissoc! (transient {:a 1 :b 2}) :a))))
  (is (= #{1 3} (persistent! (disj! (transient #{1 2 3}) 2))))
  (is (= [1 2] (persistent! (pop! (transient [1 2 3])))))
  (let [t (transient [])]
    (persistent! t)
    (is (thrown-with-msg? IllegalAccessError #"^Transient used after persistent! call$" (conj! t 1))
        "a transient is done after persistent!")))

(deftest edges-as-clojure
  ;; Issue 16's edge cases; every expected value was printed by Clojure 1.11.
  (is (= [nil nil nil nil] [(keys []) (vals []) (keys #{}) (keys "")])
      "an empty collection of any kind has no keys")
  (is (thrown? ClassCastException (doall (keys [1 2]))))
  (is (= '() (rest (range 1))) "rest never gives nil")
  (is (not (nil? (rest (range 1)))))
  (is (= '() (nthrest (range 10) 10)))
  (is (nil? (conj nil)))
  (is (= [[1] '(1) #{} {}] [(conj [1]) (conj '(1)) (conj #{}) (conj {})]))
  (is (= ["x" "x"] [(max "x") (min "x")]) "one argument is given back as it is")
  (is (thrown? ClassCastException (max "x" "y")))
  (is (= [1N -12N 7N 123456789012345678901234567890N]
         [(bigint "1") (bigint "-12") (bigint "+7") (bigint "123456789012345678901234567890")]))
  (is (thrown? NumberFormatException (bigint "x")))
  (is (thrown? NumberFormatException (bigint "")))
  (is (= ["c" "cd" "zz" 1]
         [(min-key count "a" "bb" "c") (max-key count "ab" "cd" "e")
          (min-key count "zz") (max-key - 3 1 2)])
      "min-key and max-key give the last of equal candidates"))

;; Each value and exception class below is what Clojure 1.11 gives (the
;; differential harness, tests/differential/, checks thousands more).
(deftest errors-and-edges-as-clojure
  (testing "exception classes"
    (is (thrown? IllegalArgumentException (seq 1)) "Don't know how to create ISeq")
    (is (thrown? IllegalArgumentException (apply + 1)))
    (is (thrown? NullPointerException (doall (map nil [1]))) "calling nil")
    (is (thrown? NullPointerException (inc nil)))
    (is (thrown? UnsupportedOperationException (count 1)))
    (is (thrown? UnsupportedOperationException (nth #{1} 0)))
    (is (thrown? IllegalArgumentException (contains? '(1) 0)))
    (is (thrown? IllegalArgumentException (find 42 :a)))
    (is (thrown? IllegalArgumentException (bit-and "a" 1)))
    (is (thrown? ClassCastException (conj "abc" 1)))
    (is (thrown? ClassCastException (assoc! [1 2] 0 1)) "not a transient")
    (is (thrown? ClassCastException (transient '(1))))
    (is (thrown? StringIndexOutOfBoundsException (subs "abc" 4)))
    (is (thrown? IndexOutOfBoundsException (subs "abc" 4)) "a subclass is caught by its superclass")
    (is (thrown? ArithmeticException (nth [1 2] 9223372036854775807)))
    (is (thrown? ClassCastException (merge nil (range))) "stops at the first element"))
  (testing "values"
    (is (= [true true] [(< "a") (== :k)]) "one argument is not checked")
    (is (= [[1 2] nil] [(disj [1 2]) (disj nil 1)]))
    (is (= [2 \a "bc" "b"] [(nth [1 2 3] 3/2) (nth "abc" 0.5) (subs "abc" 1.9) (subs "abc" 1 2.0)])
        "an index is truncated toward zero")
    (is (= [true false] [(contains? "abc" 2) (contains? "abc" 3)]))
    (is (= ['k 'a/b nil :x] [(symbol :k) (symbol :a/b) (keyword 1) (keyword "x")]))
    (is (thrown? IllegalArgumentException (symbol 1)))
    (is (thrown? NullPointerException (keyword "abc" nil)))
    (is (= [1 2 3 nil] (merge [1 2 3] nil)))
    (is (= {:a 1} (merge nil {:a 1} nil)))
    (is (nil? (merge nil nil)))
    (is (sorted? (set (sorted-set 3 1 2))) "set of a set is that set")
    (is (= ["NaN" "Infinity" "-Infinity"] [(str ##NaN) (str ##Inf) (str ##-Inf)]))
    (is (= [true true false] [(reversible? []) (reversible? (sorted-map)) (reversible? '())]))
    (is (= '(1 1) (repeat 2.5 1)))
    (is (= [":k" "1" "Sym"] [(clojure.string/lower-case :K) (clojure.string/upper-case 1)
                             (clojure.string/capitalize 'sym)]))
    (is (= :find-keyword-test (find-keyword "find-keyword-test")))
    (is (nil? (find-keyword (str "never-" "interned-" "keyword"))))))

(deftest casts-destructuring-and-sorted-seqs-as-clojure
  (testing "Java's primitive casts"
    (is (= [-1294967296 0 99 2 -1] [(unchecked-int 3000000000) (unchecked-int ##NaN)
                                    (unchecked-int \c) (unchecked-int 5/2)
                                    (unchecked-long 18446744073709551615N)]))
    (is (= [-56 -1 \c \uffff] [(unchecked-byte 200) (unchecked-short 65535)
                                (unchecked-char 99) (unchecked-char -1)]))
    (is (= [-2147483648 3 0 1 -2147483648] [(unchecked-add-int 2147483647 1) (unchecked-add-int 1 2.5)
                                            (unchecked-divide-int 1 2) (unchecked-remainder-int 7 -3)
                                            (unchecked-negate-int -2147483648)]))
    (is (thrown? ArithmeticException (unchecked-divide-int 1 0)))
    (is (= [127 99 0 -32768] [(byte 127) (byte \c) (short 1/2) (short -32768)]))
    (is (thrown? IllegalArgumentException (byte 128)))
    (is (thrown? ClassCastException (unchecked-long \c)))
    (is (thrown? NullPointerException (unchecked-int nil))))
  (testing "sequential destructuring with & walks a seq"
    (is (= [[:x 1] '([:y 2])] (let [[a & b] (array-map :x 1 :y 2)] [a b])))
    (is (= [1 2 '(3 4) nil nil] (let [[a b & c] '(1 2 3 4) [d & e] nil] [a b c d e])))
    (is (thrown? IllegalArgumentException (let [[a & b] 1] a)))
    (is (thrown? UnsupportedOperationException (let [[a] 1] a))))
  (testing "keyword arguments"
    (is (= [{:a 1} {:a 1 :b 2} {}] [(seq-to-map-for-destructuring '({:a 1}))
                                   (seq-to-map-for-destructuring '(:a 1 :b 2))
                                   (seq-to-map-for-destructuring nil)]))
    (is (thrown? IllegalArgumentException (seq-to-map-for-destructuring '(:a 1 :b)))))
  (testing "subseq needs a sorted collection; the test is any fn of (compare, 0)"
    (is (thrown? ClassCastException (subseq [1 2] > 1)))
    (is (= '(1) (subseq (sorted-set 1 2 3) = 1)))
    (is (= '(3 2) (rsubseq (sorted-set 1 2 3) > 1))))
  (testing "protocol fns on a non-protocol"
    (is (thrown? NullPointerException (satisfies? 1 1)))
    (is (thrown? ClassCastException (extends? 1 1)))
    (is (nil? (extenders 1))))
  (testing "counts that are not integers"
    (is (= ['(2 3) '(1 2 3) '(3)] [(nthnext [1 2 3] 1/2) (nthnext [1 2 3] ##NaN) (nthnext [1 2 3] 1.5)]))
    (is (thrown? UnsupportedOperationException (subvec 1 2)))))

(defrecord EmptyRecord [a])

(deftest the-issues-named-edges
  (is (thrown? Exception (intern 'no.such.namespace-here 'x)) "intern needs the namespace")
  (is (nil? (find-ns 'no.such.namespace-here)) "and makes none")
  (is (thrown? AssertionError (derive nil :a)))
  (is (thrown? IllegalArgumentException (cycle 42)) "seq'd at once")
  (is (= '(1 2 1 2 1) (take 5 (cycle [1 2]))))
  (is (= () (cycle nil)))
  (is (thrown? IllegalArgumentException (char 65895)) "a Java char is 16 bits")
  (is (= \A (char 65)))
  (is (ifn? (promise)))
  (is (= 5 (let [p (promise)] (p 5) @p)) "calling a promise delivers")
  (is (thrown? UnsupportedOperationException (empty (->EmptyRecord 1))))
  (is (= [] (persistent! (conj!))))
  (is (= {:a 1 :b nil} (persistent! (assoc! (transient {}) :a 1 :b)))))
