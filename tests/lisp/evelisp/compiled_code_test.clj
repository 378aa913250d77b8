(ns evelisp.compiled-code-test
  "The compiler (eval/src/compile/) decides once what the tree walk decided
  on every run: operands read in place, primitives computed inside the node
  that uses them, `if` on a comparison as a bool, `recur` storing into its
  target's slots. Each case here must mean what Clojure means."
  (:require [clojure.test :refer [deftest is testing]]))

(deftest recur-computes-every-value-before-storing-any
  (testing "two values that swap"
    (is (= [2 1] (loop [a 1 b 2 n 1]
                   (if (pos? n) (recur b a (dec n)) [a b]))))
    (is (= [2 1] (loop [a 1 b 2]
                   (if (< a b) (recur b a) [a b])))))
  (testing "one, three and five values"
    (is (= 10 (loop [i 0] (if (< i 10) (recur (inc i)) i))))
    (is (= [2 3 1] (loop [a 1 b 2 c 3 n 1]
                     (if (zero? n) [a b c] (recur b c a (dec n))))))
    (is (= [5 1 2 3 4] (loop [a 1 b 2 c 3 d 4 e 5 n 1]
                         (if (zero? n) [a b c d e] (recur e a b c d (dec n)))))))
  (testing "a fn's parameters"
    (letfn [(rot [a b c n] (if (zero? n) [a b c] (recur c a b (dec n))))]
      (is (= [2 3 1] (rot 1 2 3 2))))
    (is (= '(1 2 3) ((fn [n & xs] (if (pos? n) (recur (dec n) (cons n xs)) xs)) 3)))
    (is (= [0 [:a :b]] ((fn [n & xs] (if (pos? n) (recur (dec n) xs) [n (vec xs)])) 4 :a :b)))))

(deftest loops-nest-and-each-recur-goes-to-its-own-target
  (is (= [[0 0] [0 1] [1 0] [1 1]]
         (loop [i 0 out []]
           (if (< i 2)
             (recur (inc i) (loop [j 0 out out]
                              (if (< j 2) (recur (inc j) (conj out [i j])) out)))
             out))))
  (letfn [(count-down [n acc]
            (if (zero? n)
              acc
              (recur (dec n) (+ acc (loop [k n s 0] (if (zero? k) s (recur (dec k) (+ s k))))))))]
    (is (= 20 (count-down 4 0)))))

(deftest tests-of-if
  (testing "comparisons of small integers, and of other numbers"
    (is (= :yes (if (< 1 2) :yes :no)))
    (is (= :no (if (> 1 2) :yes :no)))
    (is (= :yes (if (< 1 2.5) :yes :no)))
    (is (= :yes (if (= 1/2 (/ 2 4)) :yes :no)))
    (is (= :no (if (= 1 1.0) :yes :no)))
    (is (= :yes (if (== 1 1.0) :yes :no)))
    (is (= :yes (if (zero? 0.0) :yes :no))))
  (testing "an error in a compared operand is the native's"
    (is (thrown? ClassCastException (if (< 1 :a) :yes :no)))
    (is (thrown? NullPointerException (if (zero? nil) :yes :no))))
  (testing "a primitive that is not a comparison is tested for its value"
    (is (= :yes (if (inc -1) :yes :no)))
    (is (= :yes (if (+ 1 2) :yes :no))))
  (testing "locals, constants and calls as tests"
    (let [f false, n nil, z 0, e []]
      (is (= [:no :no :yes :yes] [(if f :yes :no) (if n :yes :no) (if z :yes :no) (if e :yes :no)])))
    (is (= :no (if nil :yes :no)))
    (is (= :yes (if "" :yes :no)))
    (is (= :yes (if (seq [1]) :yes :no)))))

(deftest primitives-inside-other-forms
  (testing "as arguments of calls, of vectors and maps, of other primitives"
    (is (= "9223372036854775807" (str (inc 9223372036854775806))))
    (is (= [2 0 6] [(inc 1) (dec 1) (* 2 3)]))
    (is (= {:a 3} {:a (+ 1 2)}))
    (is (= 10 (+ (* 2 3) (- 7 (inc 2)))))
    (is (= 4611686018427387904 (+ 1 (inc 4611686018427387902)))))
  (testing "overflow in a nested primitive is the native's error"
    (is (thrown? ArithmeticException (+ 1 (inc 9223372036854775807))))))

(defn- depth [n] (if (zero? n) 0 (inc (depth (dec n)))))

;; evelisp's own limit (JVM Clojure's depends on its thread stack size).
(deftest deep-recursion-has-room-on-every-thread
  (is (= 9000 (depth 9000)))
  (is (= 9000 @(future (depth 9000))))
  (is (thrown? StackOverflowError (depth 20000)))
  (is (= 9000 (depth 9000)) "the stack is whole again after an overflow"))

(deftest a-var-read-sees-each-new-root-and-each-binding
  (def ^:dynamic *level* 1)
  (let [read-level (fn [] *level*)]
    (is (= 1 (read-level)))
    (binding [*level* 2] (is (= 2 (read-level))))
    (def ^:dynamic *level* 3)
    (is (= 3 (read-level)))
    (alter-var-root #'*level* inc)
    (is (= 4 (read-level)))))

(deftest fns-called-per-element-by-natives-mean-what-apply-means
  (testing "core natives with a small-integer shortcut, past the small integers"
    (is (= 45 (reduce + (range 10))))
    (is (= 4611686018427387904 (reduce + [4611686018427387903 1])))
    (is (thrown? ArithmeticException (reduce + [9223372036854775807 1])))
    (is (= [2 3.5 5/2] (mapv inc [1 2.5 3/2])))
    (is (thrown? NullPointerException (mapv inc [1 nil])))
    (is (= [true false] (mapv zero? [0 1])))
    (is (= 6 (reduce-kv (fn [s k v] (+ s k v)) 0 {1 2 0 3}))))
  (testing "other natives, compiled fns, closures and non-fns"
    (is (= ["1" "2"] (mapv str [1 2])))
    (is (= 3 (reduce max [1 3 2])))
    (let [n 10]
      (is (= [11 12] (mapv (fn [x] (+ x n)) [1 2]))))
    (is (= [1 nil] (mapv :a [{:a 1} {}])))
    (is (= [2 nil] (mapv {1 2} [1 3])))
    (is (= 3 (reduce (bound-fn* +) [1 2])))
    (is (= [1 3] (filterv odd? (range 4))))
    (is (thrown? clojure.lang.ArityException (reduce (fn [a] a) [1 2])))))

(deftest a-loop-of-one-if-and-a-recur-runs-as-one-fused-loop
  (testing "the recur in either branch, and in the other branch too"
    (is (= 12 (loop [i 0] (if (< i 10) (if (odd? i) (recur (+ i 3)) (recur (inc i))) i))))
    (is (= 10 (loop [i 0] (if (>= i 10) i (recur (inc i))))))
    (is (= [10 :odd] (loop [i 0 seen nil]
                       (if (< i 10)
                         (recur (inc i) seen)
                         (if seen [i seen] (recur i :odd)))))))
  (testing "the values: any forms, computed before any is stored"
    (is (= [0 1 2 3 4] (loop [i 0 acc []] (if (>= i 5) acc (recur (inc i) (conj acc i))))))
    (is (= 6 (loop [[x & more] [1 2 3] acc 0] (if (nil? x) acc (recur more (+ acc x)))))))
  (testing "a comparison of other numbers, and an overflow promoted by +'"
    (is (= 1.5 (loop [x 0.0] (if (< x 1.25) (recur (+ x 0.5)) x))))
    (is (= 9223372036854775808N
           (loop [i 0 s 9223372036854775800] (if (< i 8) (recur (inc i) (+' s 1)) s)))))
  (testing "a do ending in the recur: its forms run first, each time (dotimes, when)"
    (let [seen (atom [])]
      (dotimes [i 4] (swap! seen conj i))
      (is (= [0 1 2 3] @seen)))
    (is (= [3 [2 1 0]] (let [out (volatile! [])]
                         [(loop [i 0] (if (< i 3) (do (vswap! out conj i) (recur (inc i))) i))
                          (rseq @out)])))
    (is (= nil (loop [i 0] (when (< i 3) (recur (inc i)))))))
  (testing "a test that throws leaves the loop with its error"
    (is (thrown? ClassCastException (loop [i 0] (if (< i "x") (recur (inc i)) i)))))
  (testing "a fn whose body is that shape, with its rest parameter"
    (is (= 500000500000 ((fn [n acc] (if (zero? n) acc (recur (dec n) (+ acc n)))) 1000000 0)))
    (is (= '(1 2 3 4 5) ((fn [n & xs] (if (pos? n) (recur (dec n) (cons n xs)) xs)) 5)))))
