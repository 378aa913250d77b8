(ns clojure.bigdecimal-test
  "Decimals (java.math.BigDecimal, 1.5M): literals, reading, printing,
  equality and hashing, Java's scales for every operation, contagion with
  the other numbers, with-precision and *math-context*, conversions.
  Every expected value was printed by Clojure 1.11.1 on the JVM (this
  file runs there unchanged: tests/lisp/clojure/support/run_on_jvm.clj)."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.edn :as edn]))

(defn- shown [x] (pr-str x))

(defmacro ^:private failure
  "The class name and message of what body throws, as \"Class: message\"."
  [& body]
  `(try ~@body nil
        (catch Exception e#
          (str (last (clojure.string/split (str (class e#)) #"\.")) ": " (ex-message e#)))))

(deftest literals-read-and-print-as-clojure
  (are [text printed] (= printed (shown (read-string text)))
    "1.5M" "1.5M"
    "1.50M" "1.50M"
    "-0.5M" "-0.5M"
    "1E+3M" "1E+3M"
    "1e5M" "1E+5M"
    "10E-2M" "0.10M"
    "0.0000001M" "1E-7M"
    "1.0E-10M" "1.0E-10M"
    "123456789.123M" "123456789.123M")
  (is (= "1.50M" (shown (edn/read-string "1.50M"))))
  (is (= "[1.5M {1.50M 2}]" (pr-str [1.5M {1.50M 2}])))
  (testing "str and print give Java's toString, print and pr keep the M"
    (is (= "1.50" (str 1.50M)))
    (is (= "1E+3" (str 1E+3M)))
    (is (= "1.0E-10" (str 1.0E-10M)))
    (is (= "1.5M" (with-out-str (print 1.5M))))
    (is (= "1.5" (format "%s" 1.5M)))
    (is (= "1.50" (format "%.2f" 1.5M)))))

(deftest types-and-predicates
  (is (= java.math.BigDecimal (class 1.5M)))
  (is (instance? BigDecimal 1.5M))
  (is (instance? Number 1.5M))
  (are [x y] (= x y)
    true (decimal? 1.5M)
    false (decimal? 1.5)
    false (decimal? 1)
    true (number? 1.5M)
    true (rational? 1.5M)
    false (integer? 1M)
    false (integer? 1.0M)
    false (int? 1M)
    false (ratio? 1.5M)
    false (float? 1.5M)
    true (zero? 0.00M)
    true (zero? 0E+3M)
    true (pos? 1M)
    false (pos? 0M)
    false (neg? 0M)
    true (neg? -0.1M))
  (is (= "IllegalArgumentException: Argument must be an integer: 2" (failure (even? 2M)))))

(deftest equality-and-hashing
  (testing "= compares decimals by value; across categories it is false"
    (are [x y] (= x y)
      true (= 1.5M 1.50M)
      true (= 1.0M 1M)
      false (= 1.5M 1.5)
      false (= 1M 1)
      false (= 1/2 0.5M)))
  (testing "== compares any numbers by value"
    (are [x y] (= x y)
      true (== 1.5M 1.50M)
      true (== 1M 1)
      true (== 1/2 0.5M)
      true (== 0.1M 0.1)
      true (== 1M 1.0)))
  (testing "hash is Java's hashCode of the value with trailing zeros stripped"
    (are [h x] (= h (hash x))
      466 1.5M
      466 1.50M
      0 0.0M
      0 0.00M
      29 100M
      29 1E+2M
      30 1E+1M
      30 10M
      -464 -1.5M
      1113278083 123456789012345678901234567890.5M
      31 1.0M
      31 1M
      156 0.5M))
  (testing "so equal decimals are one key"
    (is (contains? #{1.0M} 1M))
    (is (= :a (get {1.50M :a} 1.5M)))
    (is (= 1 (count (conj #{1.5M} 1.50M))))
    (is (thrown? Exception (read-string "#{1.5M 1.50M}")))))

(deftest comparison
  (are [x y] (= x y)
    0 (compare 1.5M 1.50M)
    -1 (compare 1.5M 2)
    0 (compare 1.5M 1.5)
    true (< 1.5M 2 2.5M)
    "1.50M" (shown (max 1.5M 1.50M))
    2 (max 1.5M 2)
    "1.5M" (shown (min 1.5M 2))
    1.25 (min 2 1.5M 1.25)
    [0.5M 1 1.5M] (sort [1.5M 1 0.5M]))
  (testing "a ratio meets a decimal as a decimal"
    (is (= "ArithmeticException: Non-terminating decimal expansion; no exact representable decimal result."
           (failure (compare 1/3 0.3M))))))

(deftest arithmetic-keeps-javas-scales
  (are [x printed] (= printed (shown x))
    (+ 1.5M 1) "2.5M"
    (+ 1.5M 1N) "2.5M"
    (+ 1.5M 1/2) "2.0M"
    (+ 0.1M 0.2M) "0.3M"
    (+ 1E+2M 1) "101M"
    (* 1.5M 1.50M) "2.250M"
    (* 0.1M 0.1M) "0.01M"
    (* 2.5M 1E+2M) "2.5E+2M"
    (* 0M 1M) "0M"
    (- 1.5M 2.25M) "-0.75M"
    (- 1.00M 1M) "0.00M"
    (- 0.00M) "0.00M"
    (inc 1.5M) "2.5M"
    (dec 1.5M) "0.5M"
    (abs -1.50M) "1.50M"
    (-' 1.5M) "-1.5M"
    (+' 1.5M 1) "2.5M"
    (*' 2M 3) "6M"
    (inc' 1.5M) "2.5M"
    (unchecked-add 1.5M 1) "2.5M"
    (unchecked-negate 1.5M) "-1.5M")
  (is (= java.math.BigDecimal (class (+ 1.5M 1/2))))
  (testing "a double wins"
    (is (= 3.0 (+ 1.5M 1.5)))
    (is (= 3.75 (* 1.5M 2.5)))
    (is (= java.lang.Double (class (- 1.5M 1.5))))))

(deftest division
  (are [x printed] (= printed (shown x))
    (/ 1M 8M) "0.125M"
    (/ 10M 4M) "2.5M"
    (/ 100M 4M) "25M"
    (/ 1.00M 2M) "0.50M"
    (/ 6M 2M) "3M"
    (/ 100M 0.1M) "1.00E+3M"
    (/ 3 1.5M) "2M"
    (/ 1.5M 2) "0.75M"
    (/ 1 4M) "0.25M"
    (/ 0.00M 2.5M) "0.0M"
    (/ 12345678901234567890N 10M) "1234567890123456789M")
  (testing "a quotient that does not terminate is an ArithmeticException"
    (are [x] (= "ArithmeticException: Non-terminating decimal expansion; no exact representable decimal result." x)
      (failure (/ 1M 3M))
      (failure (/ 1M 1/3))
      (failure (* 1/3 3M))
      (failure (+ 1/3 1M))
      (failure (bigdec 1/3))))
  (testing "division by zero"
    (are [x] (= "ArithmeticException: Divide by zero" x)
      (failure (/ 2 0M))
      (failure (/ 0M 0M))
      (failure (/ 1.5M 0))
      (failure (quot 1M 0M)))))

(deftest quot-rem-mod
  (are [x printed] (= printed (shown x))
    (quot 7.5M 2M) "3.0M"
    (quot 7.5M 2.5M) "3M"
    (quot 100M 0.3M) "333M"
    (quot 1M 0.001M) "1E+3M"
    (quot -7.5M 2M) "-3.0M"
    (quot 7.5M 0.5M) "15M"
    (quot 1.50M 2M) "0.00M"
    (quot 10M 3.0M) "3M"
    (quot 1E+2M 7) "14M"
    (rem 7.5M 2M) "1.5M"
    (rem -7.5M 2M) "-1.5M"
    (rem 10M 3.0M) "1.0M"
    (rem 1E+2M 7) "2M"
    (mod -7.5M 2M) "0.5M"
    (mod 7.5M -2M) "-0.5M"
    (mod 10M 3) "1M"
    (mod -1M 3) "2M"
    (mod 1.5M 0.5M) "0.0M"))

(deftest with-precision-rounds-decimal-results
  (is (nil? *math-context*))
  (is (some? (with-precision 5 *math-context*)))
  (are [x printed] (= printed (shown x))
    (with-precision 10 (/ 1M 3M)) "0.3333333333M"
    (with-precision 10 (/ 1M 4M)) "0.25M"
    (with-precision 2 (/ 100M 3M)) "33M"
    (with-precision 1 (/ 100M 3M)) "3E+1M"
    (with-precision 2 (+ 1.23M 1M)) "2.2M"
    (with-precision 3 :rounding HALF_EVEN (/ 1M 8M)) "0.125M"
    (with-precision 2 :rounding HALF_EVEN (/ 1M 8M)) "0.12M"
    (with-precision 2 :rounding HALF_UP (/ 1M 8M)) "0.13M"
    (with-precision 2 :rounding HALF_DOWN (/ 1M 8M)) "0.12M"
    (with-precision 3 :rounding FLOOR (/ -1M 3M)) "-0.334M"
    (with-precision 3 :rounding CEILING (/ -1M 3M)) "-0.333M"
    (with-precision 2 :rounding UP (/ 1M 3M)) "0.34M"
    (with-precision 2 :rounding DOWN (* 1.99M 1M)) "1.9M"
    (with-precision 2 :rounding HALF_EVEN (* 1.25M 1M)) "1.2M"
    (with-precision 2 :rounding HALF_EVEN (* 1.35M 1M)) "1.4M"
    (with-precision 2 (* 12345M 1M)) "1.2E+4M"
    (with-precision 2 (inc 1.99M)) "3.0M"
    (with-precision 2 (- 1.99M)) "-2.0M"
    (with-precision 2 (abs -1.999M)) "2.0M"
    (with-precision 5 (+ 1.5M 2/3)) "2.1667M"
    (with-precision 5 (/ 2 3M)) "0.66667M"
    (with-precision 3 (/ 10 3M)) "3.33M"
    (with-precision 4 (/ 1M 7)) "0.1429M"
    (with-precision 2 (/ 5M 1000M)) "0.005M"
    (with-precision 30 (/ 1M 8M)) "0.125M"
    (with-precision 3 (/ 99.96M 1M)) "100M"
    (with-precision 2 (/ 0.5M 4M)) "0.13M"
    (with-precision 2 (bigdec 1/3)) "0.33M"
    (with-precision 3 1.23456M) "1.23456M"
    (with-precision 2 (bigdec 1.2345)) "1.2345M"
    (with-precision 5 (+ 1 2)) "3"
    ;; a decimal y of - is negated under the context first, as Clojure's minus
    (with-precision 10 :rounding CEILING (- 2.30E+4M -1.5689020104E+13M)) "1.568902014E+13M"
    ;; a rounded quotient keeps its digits; an exact one loses its zeros
    (with-precision 2 :rounding HALF_DOWN (/ 16 -1.55069418146E+12M)) "-1.0E-11M"
    ;; a ratio meets a decimal through the context
    (with-precision 1 :rounding UP (compare 11/3 8.33047223702E+12M)) "-1"
    (with-precision 3 (== 1/3 0.333M)) "true")
  (testing "precision 0 is exact"
    (is (= "ArithmeticException: Non-terminating decimal expansion; no exact representable decimal result."
           (failure (with-precision 0 (/ 1M 3M))))))
  (testing "what cannot be done at the precision"
    (is (= "ArithmeticException: Rounding necessary"
           (failure (with-precision 3 :rounding UNNECESSARY (/ 1M 3M)))))
    (is (= "ArithmeticException: Division impossible" (failure (with-precision 2 (quot 1000M 3M)))))
    (is (= "ArithmeticException: Division impossible" (failure (with-precision 2 (rem 1000M 3M)))))))

(deftest conversions
  (are [x printed] (= printed (shown x))
    (bigdec 1) "1M"
    (bigdec 1/4) "0.25M"
    (bigdec 1.5) "1.5M"
    (bigdec 0.1) "0.1M"
    (bigdec -0.0) "0.0M"
    (bigdec 1e20) "1.0E+20M"
    (bigdec 1e-7) "1.0E-7M"
    (bigdec 123.456e10) "1.23456E+12M"
    (bigdec 1N) "1M"
    (bigdec 12345678901234567890N) "12345678901234567890M"
    (bigdec 1.5M) "1.5M"
    (bigdec "1.5") "1.5M"
    (rationalize 1.5M) "3/2"
    (rationalize 1.50M) "3/2"
    (rationalize 2.00M) "2N"
    (rationalize 1E+2M) "100N"
    (rationalize 0.001M) "1/1000"
    (int 1.9M) "1"
    (long -1.9M) "-1"
    (double 1.5M) "1.5"
    (double 0.1M) "0.1"
    (double 1E+400M) "##Inf"
    (float 0.1M) "0.1"
    (bigint 1.9M) "1N"
    (bigint 1E+2M) "100N"
    (bigint -2.5M) "-2N"
    (num 1.5M) "1.5M")
  (is (= "IllegalArgumentException: Value out of range for long: 1.0E20" (failure (long 1E+20M))))
  (is (= "IllegalArgumentException: Value out of range for long: 1.0E20" (failure (int 1E+20M))))
  (is (= "NumberFormatException: Character a is neither a decimal digit number, decimal point, nor \"e\" notation exponential mark."
         (failure (bigdec "abc")))))
