(ns clojure.collections-test
  "Collection access and the smaller core functions: find key val empty
  subvec rseq list* merge-with distinct? the type tests, conj onto maps,
  keyword from a qualified name, doseq with several bindings."
  (:require [clojure.test :refer [deftest is testing are]]))

(deftest entries-and-access
  (are [x y] (= x y)
    [:a 1] (find {:a 1} :a)
    nil (find {:a 1} :b)
    nil (find nil :a)
    [1 :y] (find [:x :y] 1)
    :a (key (first {:a 1}))
    1 (val (first {:a 1}))
    true (map-entry? (first {:a 1}))
    false (map-entry? [1 2 3])
    [] (empty [1 2])
    {} (empty {:a 1})
    #{} (empty #{1})
    '() (empty '(1 2))
    '() (empty (map inc [1]))
    nil (empty 5)
    [2 3] (subvec [1 2 3 4] 1 3)
    [3 4] (subvec [1 2 3 4] 2)
    [] (subvec [1 2] 1 1)
    '(3 2 1) (rseq [1 2 3])
    nil (rseq [])
    '(1 2 3 4) (list* 1 2 [3 4])
    '(1) (list* [1])
    nil (list* nil)
    '(1 2 3 4 5 6) (list* 1 2 3 4 5 [6])
    {:a 3 :b 3} (merge-with + {:a 1} {:a 2 :b 3})
    {:a [1 2]} (merge-with into {:a [1]} nil {:a [2]})
    nil (merge-with +)
    true (distinct? 1 2 3)
    false (distinct? 1 2 1)
    true (distinct? 1))
  (is (thrown? Exception (key [1 2 3])))
  (is (thrown? Exception (subvec [1 2] 1 5)))
  (is (thrown? Exception (subvec [1 2] 2 1)))
  (is (thrown? Exception (rseq '(1 2)))))

(deftest type-tests
  (are [x y] (= x y)
    true (char? \a)
    false (char? "a")
    true (boolean? false)
    false (boolean? nil)
    true (ident? :k)
    true (ident? 'k)
    false (ident? "k")
    true (ifn? :k)
    true (ifn? {})
    true (ifn? inc)
    false (ifn? 1)))

(deftest conj-onto-maps-and-keywords
  (are [x y] (= x y)
    {} (conj {} nil)
    {:a 1 :b 2} (conj {:a 1} {:b 2})
    {:a 2} (conj {:a 1} [:a 2])
    :x/y (keyword "x/y")
    "x" (namespace (keyword "x/y"))
    nil (keyword nil)
    :a (keyword "a"))
  (is (thrown? IllegalArgumentException (conj {} [1 2 3]))))

(deftest doseq-bindings
  (are [x y] (= x y)
    "1a 2a " (with-out-str (doseq [x [1 2] y [:a :b] :when (not= y :b)] (print (str x (name y)) "")))
    "012" (with-out-str (doseq [x (range 10) :while (< x 3)] (print x)))
    "(0 0)(1 0)(1 1)" (with-out-str (doseq [x (range 2) y (range 2) :when (<= y x)] (print (list x y))))
    "2 4 " (with-out-str (doseq [x [1 2] :let [y (* 2 x)]] (print y "")))
    ":k 1" (with-out-str (doseq [[a b] {:k 1}] (print a b)))
    nil (doseq [x []] x)
    "" (with-out-str (doseq [x nil] (print x)))))

(deftest newline-and-flush
  (is (= "a\n" (with-out-str (print "a") (newline))))
  (is (nil? (flush))))

(deftest hash-map-order-as-clojure
  (testing "a hash map of more than 8 entries lists its keys in Clojure's order"
    (is (= '(0 7 1 4 15 13 6 17 3 12 2 19 11 9 5 14 16 10 18 8)
           (keys (zipmap (range 20) (range 20)))))
    (is (= '(0 7 1 4 15 13 6 17 3 12 2 19 11 9 5 14 16 10 18 8) (seq (set (range 20)))))))

(deftest callable-collections
  (are [x y] (= x y)
    2 ([1 2 3] 1)
    [30 10] (mapv [10 20 30] [2 0])
    1 ('a {'a 1})
    :d ('b {'a 1} :d))
  (is (thrown? IndexOutOfBoundsException ([1] 5)))
  (is (thrown? IllegalArgumentException ([1] :k))))

(deftest vec-of-every-collection
  ;; Expected values are JVM Clojure 1.11's.
  (is (= [] (vec nil)))
  (is (= [[:a 1]] (vec {:a 1})))
  (is (= [1] (vec #{1})))
  (is (= [\a \b] (vec "ab")))
  (is (= [1 2] (vec '(1 2))))
  (is (= [[1 2] [3 4]] (vec (sorted-map 3 4 1 2))))
  (is (= [1 2 3] (vec (sorted-set 3 1 2))))
  (is (= (range 1000) (vec (range 1000))))
  (is (= 100000 (count (vec (range 100000)))))
  (is (vector? (vec (map inc [1 2]))))
  (is (nil? (meta (vec (with-meta '(1 2) {:a 1})))))
  (is (thrown? ArithmeticException (vec (map #(/ 1 %) [1 0])))))
