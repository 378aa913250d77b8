(ns clojure.edge-cases-test
  "Clojure's behaviour at the edges of core functions: the arguments they
  refuse and the exception each refusal is, what they do with nil, NaN
  and the infinities. Every expectation here was checked against Clojure
  1.11 on the JVM (this file runs there too)."
  (:require [clojure.test :refer [deftest is testing]]
            [clojure.set :as set]
            [clojure.string :as str]))

(defn- v
  "x, through a call: the compiler knows nothing of it (as in most code)."
  [x]
  x)

(defmacro ^:private error-class
  "The class of the exception body throws (nil if none)."
  [& body]
  `(try ~@body nil (catch Exception e# (class e#))))

(deftest array-constructors-with-a-size-and-an-init-value
  (testing "the size is converted as an int: truncated, beyond the ints an ArithmeticException"
    (is (= [7 7] (vec (int-array 2.9 7))))
    (is (= [7 7] (vec (long-array 5/2 7))))
    (is (= [0 0] (vec (int-array 2 ##NaN))))
    (is (= 2 (alength (byte-array 2.5M []))))
    (is (thrown? ArithmeticException (int-array 9223372036854775807 2)))
    (is (thrown? ArithmeticException (byte-array 3000000000N [])))
    (is (thrown? IllegalArgumentException (int-array 1e20 2)))
    (is (thrown? ClassCastException (int-array \a 2)))
    (is (thrown? ClassCastException (int-array "a" 2)))
    (is (thrown? NegativeArraySizeException (int-array -1 [])))
    (is (thrown? NegativeArraySizeException (byte-array 9223372036854775807))
        "one argument: a size is its int value, wrapped"))
  (testing "an init value that is not the element type is read as a seq"
    (is (thrown? IllegalArgumentException (byte-array 2 2.5)))
    (is (thrown? IllegalArgumentException (short-array 2 ##Inf)))
    (is (thrown? IllegalArgumentException (byte-array 2 -9223372036854775808)))
    (is (thrown? IllegalArgumentException (char-array 2 97)))
    (is (thrown? IllegalArgumentException (boolean-array 2 2)))
    (is (thrown? ClassCastException (byte-array 2 "1")))
    (is (= [\1 (char 0)] (vec (char-array 2 "1"))))
    (is (= [true true] (vec (boolean-array 2 true))))
    (is (= [true false] (vec (boolean-array 2 [true]))))
    (is (= [0 0] (vec (byte-array 2 nil))))
    (is (= [1 2 0] (vec (short-array 3 [1 2.5 1/2 70000]))))))

(deftest array-access-order-of-checks
  (testing "an index is cast first"
    (is (thrown? ClassCastException (aget (v 3) [:a])))
    (is (thrown? ClassCastException (aget (int-array [1 2 3]) 2 [:a] [])))
    (is (thrown? ArithmeticException (aget (int-array 3) 3000000000)))
    (is (= 0 (aget (int-array 2) 1.5))))
  (testing "then the array"
    (is (thrown? IllegalArgumentException (aget (v 3) 1)))
    (is (thrown? IllegalArgumentException (alength (v "abc"))))
    (is (thrown? IllegalArgumentException (aclone (v [1]))))
    (is (thrown? NullPointerException (alength (v nil))))
    (is (thrown? NullPointerException (aclone (v nil)))))
  (testing "aset: the element type before the bounds"
    (is (thrown? IllegalArgumentException (aset (double-array [1.5]) 2 1)))
    (is (thrown? IllegalArgumentException (aset (int-array 2) 1 nil)))
    (is (thrown? ArrayIndexOutOfBoundsException (aset (int-array 2) 5 1))))
  (testing "aset-*: the value cast first, the bounds before the element type"
    (is (thrown? NullPointerException (aset-byte (int-array 3) 2 nil)))
    (is (thrown? NullPointerException (aset-int (v nil) 1 1)))
    (is (thrown? ArrayIndexOutOfBoundsException (aset-boolean (int-array 3) 100 2)))
    (is (thrown? ArrayIndexOutOfBoundsException (aset-long (int-array 3) 100 1)))
    (is (thrown? IllegalArgumentException (aset-int (byte-array 2) 1 1)))))

(deftest aset-casts
  (testing "(char val): Number.longValue, then range-checked"
    (is (NaN? (aset-char (int-array 3) 2 ##NaN)))
    (is (= 1N (aset-char (int-array 3) 2 1N)))
    (is (= 1.0 (aset-char (int-array 3) 2 1.0)))
    (is (= 1/2 (aset-char (int-array 3) 2 1/2)))
    (is (thrown? IllegalArgumentException (aset-char (int-array 3) 2 -1)))
    (is (thrown? IllegalArgumentException (aset-char (int-array 3) 2 70000)))
    (is (thrown? IllegalArgumentException (aset-char (int-array 3) 2 1e20)))
    (is (thrown? ClassCastException (aset-char (char-array 3) 2 :k)))
    (is (thrown? NullPointerException (aset-char (int-array 3) 2 nil))))
  (testing "(int val): beyond the ints an ArithmeticException"
    (is (thrown? ArithmeticException (aset-int (int-array 3) 2 -9223372036854775808)))
    (is (thrown? ArithmeticException (aset-int (int-array 3) 2 1e10)))
    (is (thrown? ArithmeticException (aset-int (int-array 3) 2 3000000000N)))
    (is (thrown? IllegalArgumentException (aset-int (int-array 3) 2 1e20)))
    (is (= [0 0 99] (let [a (int-array 3)] (aset-int a 2 \c) (vec a)))))
  (testing "(byte val): range-checked"
    (is (thrown? IllegalArgumentException (aset-byte (int-array 3) 2 200)))
    (is (thrown? IllegalArgumentException (aset-byte (int-array 3) 2 1e10)))))

(deftest to-array-and-vec
  (is (= [\a \b] (vec (to-array "ab"))))
  (is (= [[:a 1]] (vec (to-array {:a 1}))))
  (is (= [] (vec (to-array nil))))
  (is (= RuntimeException (error-class (to-array 42))))
  (is (= RuntimeException (error-class (to-array :k))))
  (is (= RuntimeException (error-class (vec 42))))
  (is (= RuntimeException (error-class (vec \a))))
  (is (= [\a \b] (vec "ab")))
  (is (= [0 0] (vec (int-array 2))))
  (is (thrown? IllegalArgumentException (into [] 42)) "into stays a seq error")
  (is (thrown? IllegalArgumentException (str/join 42))))

(deftest arrays-of-arrays
  (is (= [[1 2] [3]] (mapv vec (to-array-2d [[1 2] [3]]))))
  (is (= [[[:a 1]] [\a \b] [] [0 0] [3]]
         (mapv vec (to-array-2d [{:a 1} "ab" nil (int-array 2) #{3}]))))
  (is (= [] (mapv vec (to-array-2d '()))))
  (is (thrown? NullPointerException (to-array-2d nil)))
  (is (thrown? ClassCastException (to-array-2d "abc")))
  (is (thrown? ClassCastException (to-array-2d {:a 1})))
  (is (thrown? ClassCastException (to-array-2d 42)))
  (is (= RuntimeException (error-class (to-array-2d [1 2 3]))))
  (is (= RuntimeException (error-class (to-array-2d #{1 2})))))

(deftest into-array-of-a-non-class
  (is (thrown? ClassCastException (into-array 'sym [1 2 3])))
  (is (thrown? ClassCastException (into-array :k [1 2 3])))
  (is (thrown? ClassCastException (make-array 'sym 2))))

(deftest numbers-at-the-edges
  (testing "(+ x) and (* x) are (cast Number x)"
    (is (nil? (+ nil)))
    (is (nil? (* nil)))
    (is (nil? (+' nil)))
    (is (nil? (num nil)))
    (is (thrown? ClassCastException (+ "abc")))
    (is (= 1/2 (* 1/2))))
  (testing "bigint and bigdec of what has no constructor"
    (doseq [x [[1 2] :k {:a 1} 'sym \c true #{1} (range 3)]]
      (is (thrown? IllegalArgumentException (bigint x)))
      (is (thrown? IllegalArgumentException (bigdec x))))
    (is (thrown? NullPointerException (bigint nil)))
    (is (thrown? NumberFormatException (bigint "abc")))
    (is (= 12N (bigint "12")))
    (is (thrown? NumberFormatException (bigint ##NaN)))
    (is (thrown? NumberFormatException (bigint ##Inf)))
    (is (thrown? NumberFormatException (bigdec ##NaN))))
  (testing "rationalize"
    (is (nil? (rationalize nil)))
    (is (= 5/2 (rationalize 2.5)))
    (is (thrown? NumberFormatException (rationalize ##NaN)))
    (is (thrown? NumberFormatException (rationalize ##Inf)))
    (is (thrown? ClassCastException (rationalize "1"))))
  (testing "quot, rem and mod of a NaN or infinite quotient"
    (is (thrown? NumberFormatException (quot ##Inf 1)))
    (is (thrown? NumberFormatException (rem ##Inf 1)))
    (is (thrown? NumberFormatException (mod ##Inf 1)))
    (is (thrown? NumberFormatException (quot 2 ##NaN)))
    (is (thrown? NumberFormatException (mod 2 ##NaN)))
    (is (NaN? (rem 5.0 ##Inf)))
    (is (= 1.0 (quot 3.5 2)))
    (is (thrown? ArithmeticException (quot 1.5 0))))
  (testing "byte and short refuse NaN; int and long make it 0"
    (is (thrown? IllegalArgumentException (byte ##NaN)))
    (is (thrown? IllegalArgumentException (short ##NaN)))
    (is (= 0 (int ##NaN)))
    (is (= 0 (long ##NaN))))
  (testing "the unchecked int arithmetic takes no character"
    (is (thrown? ClassCastException (unchecked-inc-int \c)))
    (is (thrown? ClassCastException (unchecked-dec-int \c)))
    (is (thrown? ClassCastException (unchecked-negate-int \c)))
    (is (thrown? ClassCastException (unchecked-add-int \c 1)))
    (is (= 99 (unchecked-int \c)))))

(deftest hierarchies
  (testing "isa? with something else than a hierarchy calls its :ancestors"
    (is (true? (isa? inc 1 1)))
    (is (thrown? NullPointerException (isa? inc [1 2] 1)))
    (is (thrown? NullPointerException (isa? {} 1 2)))
    (is (thrown? NullPointerException (isa? inc 1 "abc")))
    (is (false? (isa? (make-hierarchy) 1 2)))))

(deftest key-value-functions
  (testing "reduce-kv takes maps, vectors, nil, and seqs of map entries"
    (is (= 12 (reduce-kv + 0 [5 6])))
    (is (= 3 (reduce-kv (fn [a k v] (+ a k v)) 0 (sorted-map 1 2))))
    (is (= :init (reduce-kv + :init nil)))
    (is (= [[:a 1]] (reduce-kv (fn [acc k v] (conj acc [k v])) [] (seq {:a 1}))))
    (is (thrown? ClassCastException (reduce-kv + 0 #{1 2})))
    (is (thrown? ClassCastException (reduce-kv + 0 "ab")))
    (is (thrown? ClassCastException (reduce-kv + 0 '(1 2))))
    (is (thrown? IllegalArgumentException (reduce-kv + 0 42))))
  (testing "and so do update-keys, update-vals, map-invert and join"
    (is (= {:a 2} (update-vals {:a 1} inc)))
    (is (= {2 :a} (update-keys {1 :a} inc)))
    (is (= {:x 1} (meta (update-vals (with-meta {:a 1} {:x 1}) inc))))
    (is (= [6 7] (update-vals [5 6] inc)))
    (is (thrown? ClassCastException (update-keys "m" inc)))
    (is (thrown? ClassCastException (update-vals '(1 2) inc)))
    (is (= {1 :a} (set/map-invert {:a 1})))
    (is (thrown? ClassCastException (set/map-invert "m")))
    (is (thrown? ClassCastException (set/map-invert #{:a})))
    (is (thrown? ClassCastException
                 (set/join #{{:a 1 :b 2}} #{{:a 1 :b 2} {:a 2 :b 3}} '(1 2)))))
  (testing "merge-with starts from the first argument as it is"
    (is (= [1 2 3] (merge-with inc [1 2 3] nil)))
    (is (= {:a 3 :b 2} (merge-with + {:a 1} {:a 2 :b 2})))
    (is (nil? (merge-with + nil nil)))
    (is (thrown? ClassCastException (merge-with inc [] '(1 2 3))))
    (is (thrown? ClassCastException (merge-with + {:a 1} [:a 2]))))
  (testing "select-keys finds with find"
    (is (= {1 6} (select-keys [5 6] [1])))
    (is (= {} (select-keys nil [1])))
    (is (= {:x 1} (meta (select-keys (with-meta {:a 1} {:x 1}) [:a]))))
    (is (thrown? IllegalArgumentException (select-keys #{:a} [:a])))
    (is (thrown? IllegalArgumentException (select-keys 42 [1])))
    (is (= {} (select-keys 42 [])))))

(deftest seqs-at-the-edges
  (testing "distinct reads coll with nth"
    (is (= [1 2] (distinct [1 2 1])))
    (is (= [\a \b] (distinct "aba")))
    (is (thrown? UnsupportedOperationException (doall (distinct #{1 2}))))
    (is (thrown? UnsupportedOperationException (doall (distinct (sorted-set 3 1 2)))))
    (is (thrown? UnsupportedOperationException (doall (distinct 42))))
    (is (seq? (distinct #{1 2})) "lazily"))
  (testing "partition-all's n is a long"
    (is (fn? (partition-all 1.5)))
    (is (= [[1 2] [3]] (into [] (partition-all 2) [1 2 3])))
    (is (thrown? NullPointerException (partition-all nil)))
    (is (thrown? ClassCastException (partition-all "1")))
    (is (thrown? IllegalArgumentException (partition-all ##Inf))))
  (testing "replicate is (take n (repeat x))"
    (is (= [1 1 1] (replicate 2.5 1)))
    (is (= [1 1] (repeat 2.5 1)))
    (is (= [1 1 1 1 1] (take 5 (replicate ##Inf 1)))))
  (testing "sequence of several colls stops at the shortest"
    (is (= () (sequence (map inc) [1 2 3] [1 2 3] nil)))
    (is (= [2 4] (sequence (map +) [1 2 3] [1 2])))
    (is (= [[1 :a] [2 :b]] (sequence (map vector) [1 2] [:a :b :c])))
    (is (= [3] (sequence (comp (map +) (take 1)) [1 2] [2 3]))))
  (testing "range never reaches a NaN bound"
    (is (every? NaN? (take 2 (range ##NaN 2))))
    (is (= [2 4 6] (take 3 (range 2 ##NaN 2))))
    (is (= () (range ##NaN)))
    (is (= () (range -2.5)))
    (is (= [0 1 2] (range 2.5)))))

(deftest nil-and-non-string-arguments
  (is (thrown? NullPointerException (name nil)))
  (is (thrown? NullPointerException (namespace nil)))
  (is (thrown? NullPointerException (with-meta nil {:a 1})))
  (is (thrown? NullPointerException (rseq nil)))
  (is (thrown? NullPointerException (key nil)))
  (is (thrown? NullPointerException (val nil)))
  (is (thrown? NullPointerException (format nil)))
  (is (thrown? ClassCastException (format :k)))
  (is (thrown? ClassCastException (format 'sym)))
  (is (thrown? ClassCastException (subs 'sym 2)))
  (is (thrown? ClassCastException (subs :k 1)))
  (is (thrown? NullPointerException (subs nil 1))))

(deftest read-string-edges
  (is (= RuntimeException (error-class (read-string ""))))
  (is (thrown? NullPointerException (read-string nil)))
  (is (thrown? ClassCastException (read-string :k)))
  (is (thrown? ClassCastException (read-string 'sym)))
  (is (thrown? NullPointerException (read-string {:a 1} nil)))
  (is (thrown? ClassCastException (read-string {:a 1} 'sym)))
  (is (= :eof (read-string {:eof :eof} ""))))

(deftest clojure-string-replacements
  (testing "replace: a string or character match wants the same kind of replacement"
    (is (= "xbc" (str/replace "abc" "a" "x")))
    (is (thrown? NullPointerException (str/replace "abc" "abc" nil)))
    (is (thrown? ClassCastException (str/replace "abc" "abc" :k)))
    (is (thrown? ClassCastException (str/replace "abc" "abc" 'sym)))
    (is (thrown? ClassCastException (str/replace "abc" \a "x"))))
  (testing "replace-first takes any replacement but nil, as str shows it"
    (is (= ":k" (str/replace-first "abc" "abc" :k)))
    (is (= "sym" (str/replace-first "abc" "abc" 'sym)))
    (is (= "a1c" (str/replace-first "abc" "b" 1)))
    (is (= ":kbc" (str/replace-first "abc" \a :k)))
    (is (= "bc" (str/replace-first "abc" \a nil)))
    (is (thrown? NullPointerException (str/replace-first "abc" "abc" nil))))
  (testing "split's limit is an int"
    (is (= ["" "bc"] (str/split "abc" #"a+" 2.5)))
    (is (thrown? ArithmeticException (str/split "abc" #"a+" -9223372036854775808)))
    (is (thrown? IllegalArgumentException (str/split "abc" #"a+" ##Inf)))))

(deftest tagged-literal-of-a-nil-tag
  (is (= "#nil (+ 1 2)" (pr-str (tagged-literal nil '(+ 1 2)))))
  (is (nil? (:tag (tagged-literal nil 2))))
  (is (thrown? ClassCastException (tagged-literal 1 2))))
