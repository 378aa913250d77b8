(ns clojure.arrays-test
  "Java arrays: the constructors, aget/aset and the typed setters, alength,
  aclone, amap/areduce, the casts, into-array/to-array, seq functions over
  arrays, identity equality, classes and printing. Every expectation here
  was checked against Clojure 1.11 on the JVM (this file runs there too)."
  (:require [clojure.test :refer [deftest is testing]]))

(deftest constructors
  (is (= [0 0 0] (vec (int-array 3))))
  (is (= [1 2 3] (vec (long-array [1 2 3]))))
  (is (= [7 7] (vec (int-array 2 7))))
  (is (= [1 0 0] (vec (int-array 3 [1]))) "a short seq leaves zeros")
  (is (= [1 2] (vec (long-array 2 [1 2 3]))) "a long seq is cut")
  (is (= [0 0] (vec (int-array 2.5))) "a size is its int value")
  (is (= [] (vec (int-array nil))))
  (is (= [1.0 2.0] (vec (double-array [1 2]))))
  (is (= [1.0 1.0] (vec (double-array 2 1))))
  (is (= [1.0 1.0] (vec (float-array 2 1))))
  (is (= [\a \b \c] (vec (char-array "abc"))))
  (is (= [\x \x] (vec (char-array 2 \x))))
  (is (= [false false] (vec (boolean-array 2))))
  (is (= [true true] (vec (boolean-array 2 true))))
  (is (= [nil nil] (vec (object-array 2))))
  (is (= [nil 1] (vec (object-array [nil 1]))))
  (testing "elements convert as Number.intValue and the like do"
    (is (= [1 2] (vec (int-array [1.9 2.1]))) "doubles truncate")
    (is (= [2147483647] (vec (int-array [1e19]))) "and saturate")
    (is (= [9223372036854775807] (vec (long-array [1e19]))))
    (is (= [705032704] (vec (int-array [5000000000]))) "longs wrap")
    (is (= [-56] (vec (byte-array [200]))))
    (is (= [127 -128] (vec (byte-array [127 -128]))))
    (is (= [1 -25536] (vec (short-array [1 40000]))))
    (is (= [25536] (vec (short-array [-40000]))))
    (is (= [0] (vec (int-array [1/2]))))
    (is (= [0.5] (vec (double-array [1/2]))))
    (is (= [1] (vec (int-array [1N])))))
  (testing "what no element can be"
    (is (thrown? ClassCastException (int-array [\a])))
    (is (thrown? ClassCastException (int-array "ab")))
    (is (thrown? ClassCastException (char-array [\a 98])))
    (is (thrown? NullPointerException (int-array [nil])))
    (is (thrown? NullPointerException (double-array [nil])))
    (is (thrown? NegativeArraySizeException (int-array -1)))
    (is (thrown? NegativeArraySizeException (make-array String -1)))))

(deftest make-array-and-classes
  (is (= [0 0] (vec (make-array Long/TYPE 2))))
  (is (= [nil nil] (vec (make-array Object 2))))
  (is (= [[0 0 0] [0 0 0]] (mapv vec (make-array Integer/TYPE 2 3))))
  (is (nil? (aget (make-array String 2 2) 0 0)))
  (is (= ["[I" "[J" "[D" "[F" "[B" "[S" "[C" "[Z" "[Ljava.lang.Object;"
          "[Ljava.lang.String;" "[Ljava.lang.Long;" "[Ljava.lang.String;"
          "[Ljava.lang.Object;" "[[Ljava.lang.Object;" "[[I"
          "[[Ljava.lang.String;" "[Ljava.lang.Object;" "[Ljava.lang.Double;"
          "[Lclojure.lang.Keyword;" "[[I"]
         (map #(pr-str (class %))
              [(int-array 1) (long-array 1) (double-array 1) (float-array 1)
               (byte-array 1) (short-array 1) (char-array 1) (boolean-array 1)
               (object-array 1) (make-array String 1) (into-array [1 2])
               (into-array ["a"]) (to-array [1]) (to-array-2d [[1]])
               (make-array Integer/TYPE 2 3) (make-array String 2 2)
               (into-array []) (into-array [1.0 2.0]) (into-array [:a])
               (into-array [(int-array 1)])])))
  (is (= (class (int-array 0)) (type (int-array 1))))
  (is (instance? (class (int-array 0)) (int-array 1)))
  (is (not (instance? (class (int-array 0)) (long-array 1))))
  (is (instance? Object (int-array 1)))
  (testing "arrays of objects are covariant, as Java's"
    (is (instance? (class (object-array 0)) (into-array ["a"])))
    (is (not (instance? (class (into-array ["a"])) (object-array 1))))
    (is (not (instance? (class (object-array 0)) (int-array 1))))
    (is (instance? (class (object-array 0)) (make-array Integer/TYPE 1 1)))
    (is (instance? (class (make-array Number 0)) (into-array [1 2])))
    (is (instance? (class (make-array Object 0 0)) (make-array String 1 1)))
    (is (not (instance? (class (make-array Long/TYPE 0)) (int-array 1)))))
  (is (= "[Ljava.lang.Object;" (pr-str (class (into-array [nil]))))))

(deftest aget-aset-alength
  (let [a (int-array [1 2 3])]
    (is (= 3 (alength a)))
    (is (= 2 (aget a 1)))
    (is (= 2 (aget (long-array [1 2]) 1.5)) "an index is its int value")
    (is (= 9 (aset a 1 9)))
    (is (= [1 9 3] (vec a)))
    (is (thrown? ArrayIndexOutOfBoundsException (aget a 3)))
    (is (thrown? ArrayIndexOutOfBoundsException (aget a -1)))
    (is (thrown? IndexOutOfBoundsException (aset a 3 0)) "a kind of IndexOutOfBounds")
    (is (thrown-with-msg? ArrayIndexOutOfBoundsException
                          #"Index 5 out of bounds for length 3"
                          (aget (object-array [1 2 3]) 5))))
  (testing "aset takes what Java's reflective call takes"
    (is (thrown? IllegalArgumentException (aset (int-array 1) 0 3.7)))
    (is (thrown? IllegalArgumentException (aset (int-array 1) 0 nil)))
    (is (thrown? IllegalArgumentException (aset (int-array 1) 0 "x")))
    (is (thrown? IllegalArgumentException (aset (int-array 1) 0 \a)))
    (is (thrown? IllegalArgumentException (aset (double-array 1) 0 1)))
    (is (thrown? IllegalArgumentException (aset (long-array 1) 0 1e19)))
    (is (thrown? IllegalArgumentException (aset (boolean-array 1) 0 1)))
    (is (thrown? IllegalArgumentException (aset (char-array 1) 0 97)))
    (is (thrown? ArithmeticException (aset (int-array 1) 0 5000000000)))
    (is (= [1] (let [a (long-array 1)] (aset a 0 (int 1)) (vec a))))
    (is (= [1.5] (let [a (float-array 1)] (aset a 0 1.5) (vec a))))
    (is (= [\z] (let [a (char-array 1)] (aset a 0 \z) (vec a))))
    (is (= [true] (let [a (boolean-array 1)] (aset a 0 true) (vec a)))))
  (testing "object arrays of a class refuse other values"
    (is (thrown? ArrayStoreException (aset (into-array ["a"]) 0 1)))
    (is (= [nil] (let [a (into-array ["a"])] (aset a 0 nil) (vec a))))
    (is (= [1.5 2] (let [a (into-array Number [1 2])] (aset a 0 1.5) (vec a))))
    (is (= 1 (aset (object-array 1) 0 1))))
  (testing "nested arrays"
    (let [a (to-array-2d [[1 2] [3 4]])]
      (is (= 3 (aget a 1 0)))
      (is (= :x (aset a 1 0 :x)))
      (is (= [[1 2] [:x 4]] (mapv vec a)))))
  (testing "an array holding itself"
    (let [a (object-array 1)]
      (aset a 0 a)
      (is (identical? a (aget a 0))))))

(deftest typed-setters
  (is (= 7 (aset-int (int-array 3) 1 7)))
  (is (= [3] (let [a (int-array 1)] (aset-int a 0 3.7) (vec a))) "(int 3.7)")
  (is (= 7 (aset-long (long-array 3) 1 7)))
  (is (= 7 (aset-double (double-array 3) 1 7)))
  (is (= [0.0 7.0] (let [a (double-array 2)] (aset-double a 1 7) (vec a))))
  (is (= 7 (aset-float (float-array 3) 1 7)))
  (is (= \x (aset-char (char-array 3) 1 \x)))
  (is (= true (aset-boolean (boolean-array 3) 1 true)))
  (is (= 7 (aset-short (short-array 3) 1 7)))
  (is (= [5] (let [a (byte-array 1)] (aset-byte a 0 5) (vec a))))
  (is (thrown-with-msg? IllegalArgumentException #"Value out of range for byte: 200"
                        (aset-byte (byte-array 1) 0 200)))
  (is (thrown-with-msg? IllegalArgumentException #"argument type mismatch"
                        (aset-double (int-array 3) 1 7))))

(deftest aclone-amap-areduce
  (let [a (int-array [1 2 3])
        b (aclone a)]
    (is (= [1 2 3] (vec b)))
    (is (= (class a) (class b)))
    (aset b 0 10)
    (is (= [1 2 3] (vec a)) "the clone is a new array"))
  (let [a (object-array [[1]])
        b (aclone a)]
    (is (identical? (aget a 0) (aget b 0)) "elements are shared"))
  (is (= [2 4 6] (vec (amap (int-array [1 2 3]) i ret (* 2 (aget ret i))))))
  (is (= "[I" (pr-str (class (amap (int-array [1 2 3]) i r (inc (aget r i)))))))
  (is (thrown? IllegalArgumentException (amap (int-array [1 2 3]) i r 1.5)))
  (is (= 6 (let [a (int-array [1 2 3])] (areduce a i acc 0 (+ acc (aget a i))))))
  (is (= 3 (areduce (long-array [1 2 3]) i r 0 (+ r i)))))

(deftest casts
  (let [a (int-array 3)]
    (is (identical? a (ints a))))
  (is (nil? (ints nil)))
  (is (= [1.0] (vec (doubles (double-array [1])))))
  (is (= [true] (vec (booleans (boolean-array [true])))))
  (is (= [\a] (vec (chars (char-array [\a])))))
  (is (= [1] (vec (bytes (byte-array [1])))))
  (is (= [1] (vec (shorts (short-array [1])))))
  (is (= [1.0] (vec (floats (float-array [1])))))
  (is (= [1] (vec (longs (long-array [1])))))
  (is (thrown? ClassCastException (ints (long-array 3))))
  (is (thrown? ClassCastException (booleans (int-array 1))))
  (is (thrown? ClassCastException (longs [1])))
  (is (thrown? ClassCastException (doubles 5)))
  (is (true? (bytes? (byte-array 1))))
  (is (false? (bytes? (int-array 1))))
  (is (false? (bytes? nil))))

(deftest into-array-and-to-array
  (is (= [1 2] (vec (into-array [1 2]))))
  (is (= [1 2] (vec (into-array Integer/TYPE [1 2.5]))))
  (is (= [1.0 2.5] (vec (into-array Double/TYPE [1 2.5]))))
  (is (= [\a] (vec (into-array Character/TYPE [\a]))))
  (is (= [true] (vec (into-array Boolean/TYPE [true]))))
  (is (= [nil "a"] (vec (into-array String [nil "a"]))))
  (is (thrown-with-msg? IllegalArgumentException #"array element type mismatch"
                        (into-array [1 "a"])))
  (is (thrown? IllegalArgumentException (into-array Number [1 :a])))
  (is (thrown-with-msg? IllegalArgumentException #"Value out of range for byte: 200"
                        (into-array Byte/TYPE [1 200])))
  (is (= [1 2 3] (vec (to-array '(1 2 3)))))
  (is (= [] (vec (to-array nil))))
  (is (= [[:a 1]] (vec (to-array {:a 1}))))
  (is (= [\a \b] (vec (to-array "ab"))))
  (is (= [1 2] (vec (to-array (int-array [1 2])))))
  (is (= [[1 2] [3]] (mapv vec (to-array-2d [[1 2] [3]]))))
  (is (= [] (mapv vec (to-array-2d [])))))

(deftest arrays-as-collections
  (let [a (int-array [1 2 3])]
    (is (= '(1 2 3) (seq a)))
    (is (= 3 (count a)))
    (is (= 2 (nth a 1)))
    (is (= :nf (nth a 3 :nf)))
    (is (thrown? ArrayIndexOutOfBoundsException (nth a 3)))
    (is (thrown? ArrayIndexOutOfBoundsException (nth a -1)))
    (is (= 2 (get a 1)))
    (is (= 2 (get (object-array [1 2 3]) 1.5)))
    (is (nil? (get a 5)))
    (is (= :nf (get a 5 :nf)))
    (is (nil? (get (object-array [1 2 3]) :a)))
    (is (nil? (get (object-array [1 2 3]) -1)))
    (is (true? (contains? (int-array 2) 1)))
    (is (false? (contains? (int-array 2) 2)))
    (is (= 6 (reduce + a)))
    (is (= 0 (reduce + (int-array 0))))
    (is (= 11.5 (reduce + 10 (double-array [1.5]))))
    (is (= 3 (reduce (fn [acc x] (if (> x 2) (reduced acc) (+ acc x))) (long-array [1 2 3 4]))))
    (is (= [\a \b] (reduce conj [] (char-array "ab"))))
    (is (= [1 2 3] (into [] a)))
    (is (= 6 (apply + a)))
    (is (= 1 (first a)))
    (is (= '(2 3) (rest a)))
    (is (= 3 (last a)))
    (is (= '(2 3 4) (map inc a)))
    (is (= '(1 2) (take 2 a)))
    (is (= '(1 2 3) (sort (int-array [3 1 2]))))
    (is (= #{1 2} (set (int-array [1 1 2]))))
    (is (= {\a 2, \b 1} (frequencies (char-array "aab"))))
    (is (= "hi" (apply str (char-array "hi")))))
  (is (nil? (seq (int-array 0))))
  (is (nil? (seq (object-array []))))
  (is (nil? (next (int-array [4]))))
  (is (empty? (int-array 0)))
  (is (= 0 (count (object-array 0))))
  (is (= [1 9] (let [a (int-array [1 2])] (aset a 1 9) (vec (seq a)))))
  (is (not (coll? (int-array 1))))
  (is (not (sequential? (int-array 1))))
  (is (seqable? (int-array 1)))
  (is (thrown? ClassCastException (conj (int-array 1) 2)))
  (is (thrown? ClassCastException (assoc (int-array 1) 0 2)))
  (is (nil? (empty (int-array 2))))
  (is (thrown? ClassCastException (with-meta (int-array 1) {}))))

(deftest identity-equality-and-printing
  (let [a (int-array [1 2])]
    (is (= a a))
    (is (not= a (int-array [1 2])) "equal only to itself")
    (is (not= [1 2] a))
    (is (not= (object-array [1]) [1]))
    (is (= (seq a) [1 2]) "its seq is a seq like any other")
    (is (= (hash a) (hash a)))
    (is (= #{a} (conj #{a} a)))
    (is (= 2 (count (conj #{a} (int-array [1 2])))))
    (is (re-matches #"\[I@[0-9a-f]+" (str a)))
    (is (re-matches #"#object\[\"\[I\" 0x[0-9a-f]+ \"\[I@[0-9a-f]+\"\]" (pr-str a)))
    (is (re-matches #"#object\[\[I 0x[0-9a-f]+ \[I@[0-9a-f]+\]" (print-str a)))
    (is (re-matches #"#object\[\"\[Ljava.lang.Object;\" 0x[0-9a-f]+ \"\[Ljava.lang.Object;@[0-9a-f]+\"\]"
                    (pr-str (object-array [1]))))
    (is (re-matches #"\{:a #object\[\"\[I\" .*\]\}" (pr-str {:a a})))))

(deftest arraycopy-and-java-util-arrays
  (is (= [1 2 3] (let [a (int-array [3 1 2])] (java.util.Arrays/sort a) (vec a))))
  (is (= [1 2 3] (let [a (object-array [3 1 2])] (java.util.Arrays/sort a) (vec a))))
  (is (= [3 2 1] (let [a (object-array [3 1 2])] (java.util.Arrays/sort a >) (vec a))))
  (is (= "[-0.0 0.0 1.0 3.0 ##NaN]"
         (pr-str (let [a (double-array [3 ##NaN -0.0 0.0 1])] (java.util.Arrays/sort a) (vec a)))))
  (is (= [5 2 3 4 1] (let [a (int-array [5 4 3 2 1])] (java.util.Arrays/sort a 1 4) (vec a))))
  (is (= [7 7 7] (let [a (int-array 3)] (java.util.Arrays/fill a 7) (vec a))))
  (is (= [:x :x] (let [a (object-array 2)] (java.util.Arrays/fill a :x) (vec a))))
  (is (= [0 9 9 0 0] (let [a (int-array 5)] (java.util.Arrays/fill a 1 3 9) (vec a))))
  (is (= "[1, 2]" (java.util.Arrays/toString (int-array [1 2]))))
  (is (= "[1, a, null, :k, [1 2]]" (java.util.Arrays/toString (object-array [1 "a" nil :k [1 2]]))))
  (is (= "[1.0, 2.5]" (java.util.Arrays/toString (double-array [1 2.5]))))
  (is (= "[a, b]" (java.util.Arrays/toString (char-array "ab"))))
  (is (= "[]" (java.util.Arrays/toString (int-array 0))))
  (is (true? (java.util.Arrays/equals (int-array [1 2]) (int-array [1 2]))))
  (is (false? (java.util.Arrays/equals (int-array [1 2]) (int-array [1 3]))))
  (is (true? (java.util.Arrays/equals (object-array [1 [2]]) (object-array [1 [2]]))))
  (is (true? (java.util.Arrays/equals (double-array [##NaN]) (double-array [##NaN]))))
  (is (= [1 2 3 0 0] (vec (java.util.Arrays/copyOf (int-array [1 2 3]) 5))))
  (is (= [1 2] (vec (java.util.Arrays/copyOf (int-array [1 2 3]) 2))))
  (is (= "[Ljava.lang.String;" (pr-str (class (java.util.Arrays/copyOf (into-array ["a"]) 2)))))
  (is (= [2 3] (vec (java.util.Arrays/copyOfRange (int-array [1 2 3 4]) 1 3))))
  (is (= [3 4 0 0] (vec (java.util.Arrays/copyOfRange (int-array [1 2 3 4]) 2 6))))
  (is (thrown-with-msg? IllegalArgumentException #"3 > 1"
                        (java.util.Arrays/copyOfRange (int-array [1 2 3 4]) 3 1)))
  (is (thrown? NegativeArraySizeException (java.util.Arrays/copyOf (int-array [1 2 3]) -1)))
  (is (= [1 1 2 3 5] (let [a (int-array [1 2 3 4 5])] (System/arraycopy a 0 a 1 3) (vec a))))
  (is (= [3 4 5] (let [a (int-array [1 2 3 4 5]) b (int-array 3)] (System/arraycopy a 2 b 0 3) (vec b))))
  (is (= [nil "x"] (let [a (into-array ["x"]) b (object-array 2)] (System/arraycopy a 0 b 1 1) (vec b))))
  (is (thrown-with-msg? ArrayIndexOutOfBoundsException #"last source index 5 out of bounds for int\[3\]"
                        (System/arraycopy (int-array [1 2 3]) 2 (int-array 3) 0 3)))
  (is (thrown-with-msg? ArrayStoreException #"can not copy int\[\] into long\[\]"
                        (System/arraycopy (int-array [1 2 3]) 0 (long-array 3) 0 3)))
  (is (thrown? ArrayStoreException
               (System/arraycopy (object-array [1 2 3]) 0 (into-array ["a" "b" "c"]) 0 3)))
  (is (thrown? ArrayStoreException (System/arraycopy (int-array 1) 0 [1] 0 1)))
  (is (thrown-with-msg? ArrayIndexOutOfBoundsException #"length -1 is negative"
                        (let [a (int-array 3)] (System/arraycopy a 0 a 0 -1)))))
