(ns clojure.float-test
  "32-bit floats (java.lang.Float, what float gives): printing as Java's
  Float.toString, predicates, equality and hashing against doubles,
  arithmetic (a float enters it as a double, so the result is one), range
  checks of float and unchecked-float, conversions. Every expected value
  was printed by Clojure 1.11.1 on the JVM (this file runs there
  unchanged: tests/lisp/clojure/support/run_on_jvm.clj)."
  (:require [clojure.test :refer [deftest is testing are]]))

(defn- shown [x] (pr-str x))

(defmacro ^:private failure
  "The class name and message of what body throws, as \"Class: message\"."
  [& body]
  `(try ~@body nil
        (catch Exception e#
          (str (last (clojure.string/split (str (class e#)) #"\.")) ": " (ex-message e#)))))

(deftest floats-print-as-java
  (are [x printed] (= printed (shown x))
    (float 1/3) "0.33333334"
    (float 1) "1.0"
    (float 0.1) "0.1"
    (float 1.0E7) "1.0E7"
    (float 1.0E10) "1.0E10"
    (float 12345678) "1.2345678E7"
    (float 0.001) "0.001"
    (float 1.0E-4) "1.0E-4"
    (float 1.0E-5) "1.0E-5"
    (float 1.4E-45) "1.4E-45"
    (float 1.0E-46) "0.0"
    (float 1.0E-50) "0.0"
    (float ##NaN) "##NaN"
    (float 1.5M) "1.5"
    (float 1N) "1.0"
    (unchecked-float 1/3) "0.33333334"
    (unchecked-float 1e300) "##Inf"
    (unchecked-float 3.5E38) "##Inf"
    {(float 1) :a} "{1.0 :a}"
    (sort [(float 2) 1 (float 0.5)]) "(0.5 1 2.0)")
  (is (= "0.33333334" (str (float 1/3)))))

(deftest types-and-predicates
  (is (= java.lang.Float (class (float 1))))
  (is (instance? Float (float 1)))
  (is (instance? Number (float 1)))
  (are [x y] (= x y)
    true (float? (float 1))
    true (float? 1.0)
    false (float? 1)
    false (float? 1.5M)
    true (number? (float 1))
    false (rational? (float 1))
    false (double? (float 1))
    true (zero? (float 0))
    true (neg? (float -1))
    java.lang.Float (class (float (float 1)))
    java.lang.Float (class (num (float 1)))))

(deftest equality-and-hashing
  (testing "= and == compare a float and a double by value"
    (are [x y] (= x y)
      true (= (float 0.5) 0.5)
      false (= (float 0.1) 0.1)
      false (== (float 0.1) 0.1)
      true (= (float 1) 1.0)
      true (= (float 1) (float 1))
      true (= (float 0.0) (float -0.0))
      true (== (float 0.0) (float -0.0))
      true (let [z (float 0.0) m (float -0.0)] (= z m))
      false (= (float 1) 1)
      true (== (float 1) 1)))
  (testing "hash is Java's Float.hashCode (so not a double's)"
    (are [h x] (= h (hash x))
      1069547520 (float 1.5)
      1073217536 1.5
      1036831949 (float 0.1)
      1065353216 (float 1)
      1051372203 (float 1/3)
      0 (float -0.0)
      0 (float 0.0)))
  (testing "compare"
    (is (= 1 (compare (float 0.1) 0.1)))
    (is (= 0 (compare (float 1.5) 1.5))))
  (testing "as keys: a float finds a double key only where lookup compares"
    (is (= :x (get {1.0 :x} (float 1))))
    (is (false? (contains? (hash-set 1.0 2.0 3.0) (float 1))))))

(deftest arithmetic-gives-doubles
  (are [x printed] (= printed (shown x))
    (+ (float 1) (float 2)) "3.0"
    (* (float 1.5) 2) "3.0"
    (+ (float 0.1) 1M) "1.1000000014901161"
    (+ (float 1/3) 1/3) "0.666666676600774"
    (/ (float 1) 3) "0.3333333333333333"
    (quot (float 7) 2) "3.0"
    (rem (float 7) 2) "1.0"
    (mod (float -7) 2) "1.0"
    (- (float 1)) "-1.0"
    (abs (float -1)) "1.0"
    (max (float 1) (float 2)) "2.0")
  (are [x] (= java.lang.Double x)
    (class (+ (float 1) (float 2)))
    (class (inc (float 1)))
    (class (- (float 1)))
    (class (abs (float -1)))
    (class (max (float 1) (float 2)))
    (class (max (float 1) 0.5))
    (class (+ (float 0.1) 1M))))

(deftest conversions
  (are [x printed] (= printed (shown x))
    (double (float 0.1)) "0.10000000149011612"
    (long (float 1.9)) "1"
    (int (float -1.9)) "-1"
    (bigint (float 1.5)) "1N"
    (bigdec (float 0.1)) "0.10000000149011612M"
    (rationalize (float 0.1)) "2500000037252903/25000000000000000")
  (testing "float refuses what is beyond Float/MAX_VALUE (as a double)"
    (are [msg x] (= (str "IllegalArgumentException: Value out of range for float: " msg) x)
      "1.0E300" (failure (float 1e300))
      "-1.0E300" (failure (float -1e300))
      "Infinity" (failure (float ##Inf))
      "3.4028235E38" (failure (float 3.4028235E38))
      "3.5E38" (failure (float 3.5E38))))
  (is (= "IllegalArgumentException: Value out of range for int: 1.0E20" (failure (int (float 1e20)))))
  (is (= "IllegalArgumentException: Value out of range for long: 1.0E20" (failure (long (float 1e20)))))
  (is (thrown? ClassCastException (float "1"))))
