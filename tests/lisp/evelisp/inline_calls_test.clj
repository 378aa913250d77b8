(ns evelisp.inline-calls-test
  "Calls the evaluator takes short cuts for: arithmetic and comparisons of
  clojure.core inlined at their call sites, and a site's cache of the fn it
  called last. Each must mean exactly what the plain call means."
  (:require [clojure.test :refer [deftest is testing are]]))

(defn add1 [x] (+ x 1))
(defn less? [a b] (< a b))

(deftest inlined-arithmetic-gives-what-the-natives-give
  (are [x y] (= x y)
    7 (+ 3 4)
    -1 (- 3 4)
    12 (* 3 4)
    true (< 3 4)
    false (> 3 4)
    true (<= 4 4)
    true (>= 4 4)
    true (== 4 4)
    true (= 4 4)
    5 (inc 4)
    3 (dec 4)
    true (zero? 0)
    true (pos? 1)
    true (neg? -1))
  (testing "past the small integers, the natives decide"
    (is (= 4611686018427387904 (+ 4611686018427387903 1)))
    (is (= 4611686018427387904 (inc 4611686018427387903)))
    (is (= -4611686018427387905 (dec -4611686018427387904)))
    (is (= 9223372036854775806 (* 2 4611686018427387903)))
    (is (= 9223372036854775807 (+ 9223372036854775806 1)))
    (is (thrown-with-msg? ArithmeticException #"long overflow" (+ 9223372036854775807 1)))
    (is (thrown-with-msg? ArithmeticException #"long overflow" (* 3037000500 3037000500)))
    (is (thrown-with-msg? ArithmeticException #"long overflow" (inc 9223372036854775807))))
  (testing "other numbers and other values"
    (is (= 3.5 (+ 1 2.5)))
    (is (= 1/2 (- 1 1/2)))
    (is (true? (< 1 2.5)))
    (is (false? (= 1 1.0)))
    (is (true? (== 1 1.0)))
    (is (true? (= \a \a)))
    (is (false? (= nil false)))
    (is (true? (= "ab" (str "a" "b"))))
    (is (true? (= [1 2] '(1 2))))
    (is (thrown? ClassCastException (+ 1 "2")))
    (is (thrown? NullPointerException (inc nil)))))

(deftest an-inlined-call-follows-its-var
  (testing "with-redefs of a core fn reaches code compiled before it"
    (is (= 1 (with-redefs [+ -] (add1 2))))
    (is (= 3 (add1 2))))
  (testing "alter-var-root, then back"
    (let [original <]
      (alter-var-root #'clojure.core/< (constantly >))
      (try
        (is (true? (less? 2 1)))
        (finally (alter-var-root #'clojure.core/< (constantly original))))
      (is (true? (less? 1 2))))))

(def ^:dynamic *plus* +)
(defn use-plus [a b] (*plus* a b))

(deftest an-inlined-call-through-a-dynamic-var-sees-its-binding
  (is (= 7 (use-plus 5 2)))
  (is (= 3 (binding [*plus* -] (use-plus 5 2))))
  (is (= 10 (binding [*plus* *] (use-plus 5 2))))
  (is (= 7 (use-plus 5 2))))

(defn call-with [f x] (f x))
(defn ident [x] x)
(defn via-call-with [x] (call-with ident x))
(defn greeting [] :hello)
(defn greet [] (greeting))

(deftest a-call-site-calls-whatever-fn-it-is-given
  (testing "one site, a different fn while a call through it runs"
    (is (= [1 1 1] [(call-with via-call-with 1) (call-with via-call-with 1)
                    (call-with via-call-with 1)])))
  (testing "the same site with closures, natives and fns in turn"
    (is (= [2 0 :k 3 11]
           [(call-with inc 1) (call-with dec 1) (call-with :a {:a :k})
            (call-with count [1 2 3]) (call-with (fn [x] (+ x 10)) 1)])))
  (testing "a redefined fn is called at a site that called the old one"
    (is (= :hello (greet)))
    (defn greeting [] :bye)
    (is (= :bye (greet)))))

;; A site keeps the code of the closure it called last: every closure of
;; that code must still see its own captured values, closures of other code
;; must run their own code, and errors must name the closure called.
(defn adder [n] (fn [x] (+ x n)))
(defn scaler [n] (fn [x] (* x n)))
(defn call-each [fs x] (mapv (fn [f] (f x)) fs))

(deftest a-site-that-calls-closures-runs-each-with-its-own-values
  (testing "closures of one code object, each with its own captured value"
    (is (= [10 11 12 13] (call-each (map adder (range 4)) 10)))
    (is (= [10 11 12 13] (mapv #(% 10) (map adder (range 4))))))
  (testing "closures of different code at one site, in turn"
    (is (= [10 10 12 30 14 50]
           (call-each (map-indexed (fn [i n] (if (even? i) (adder n) (scaler n)))
                                   (range 6))
                      10)))
    (is (= [10 10 12 30] (reduce (fn [acc f] (conj acc (f 10))) []
                                 [(adder 0) (scaler 1) (adder 2) (scaler 3)]))))
  (testing "closures, natives, keywords and fns without captures at one site"
    (is (= [11 11 nil 20 9] (call-each [(adder 1) inc :a (scaler 2) (fn [x] (dec x))] 10))))
  (testing "an arity error through a cached closure names it"
    (is (= [11 :arity]
           (mapv (fn [args] (try (apply (adder 1) args)
                                 (catch clojure.lang.ArityException _ :arity)))
                 [[10] [1 2]])))
    (is (thrown-with-msg? clojure.lang.ArityException #"Wrong number of args \(1\)"
                          (call-each [(adder 1) (fn [a b] a)] 10)))))

(deftest recur-with-many-values
  (is (= [10 45 0 1 2 3] (loop [i 0 s 0 a 0 b 1 c 2 d 3]
                           (if (< i 10) (recur (inc i) (+ s i) a b c d) [i s a b c d])))))

;;; Last uses of locals move their value (moves.rs), and a vector that only
;;; the running code holds is appended to in place. Neither may change what
;;; any other holder sees, nor what a later read of the local sees.

(defn build-down [acc n] (if (zero? n) acc (recur (conj acc n) (dec n))))
(def shared-vector (atom [0 1 2]))
(def base-vector [1 2])

(deftest a-moved-local-is-read-only-where-nothing-reads-it-again
  (testing "a local bound outside a loop and read inside it, every iteration"
    (is (= [1 1 1] (let [a [1]]
                     (loop [i 0 acc []]
                       (if (< i 3) (recur (inc i) (conj acc (count a))) acc)))))
    (is (= [[1] [1] [1]] (let [v [1]] (mapv (fn [_] v) (range 3))))))
  (testing "reads in both branches of an if"
    (is (= [1 2 3] (let [v [1 2]] (if (pos? (count v)) (conj v 3) v))))
    (is (= [] (let [v []] (if (pos? (count v)) (conj v 3) v)))))
  (testing "a catch reads what the body read"
    (is (= [1] (let [v [1]]
                 (try (conj v (throw (ex-info "x" {}))) (catch Exception _ v))))))
  (testing "recur in a fn, and out of a loop by its exit"
    (is (= [3 2 1] (build-down [] 3)))
    (is (= (range 40) (loop [v [] i 0] (if (< i 40) (recur (conj v i) (inc i)) v)))))
  (testing "a let inside a loop"
    (is (= [[0 :a] [1 :a] [2 :a]]
           (loop [i 0 out []]
             (if (< i 3) (let [x [i]] (recur (inc i) (conj out (conj x :a)))) out)))))
  (testing "a local read twice, then once more after"
    (is (= [[1 2] [1 2 3] [1 2]] (let [v [1 2] w (conj v 3)] [v w v])))))

(deftest appending-in-place-changes-no-other-holder
  (testing "an atom's vector"
    (let [x @shared-vector]
      (is (= [0 1 2 3] (conj x 3))))
    (is (= [0 1 2 :a :b :c] (reduce conj @shared-vector [:a :b :c])))
    (is (= [0 1 2] @shared-vector)))
  (testing "a var's vector"
    (is (= [1 2 3 4] (reduce conj base-vector [3 4])))
    (is (= [1 2] base-vector)))
  (testing "a vector inside another collection"
    (let [m {:v [1]}
          grown (reduce conj (:v m) (range 100))]
      (is (= 101 (count grown)))
      (is (= {:v [1]} m))))
  (testing "past a full tail and deep tries, equal to the persistent result"
    (let [n 5000
          built (reduce conj [] (range n))
          step (loop [v [] i 0] (if (< i n) (recur (conj v i) (inc i)) v))]
      (is (= (range n) built step))
      (is (= (vec (range n)) (into [] (range n))))
      (is (= [4999 4998] [(peek built) (peek (pop built))])))))

(def shared-map (atom (zipmap (range 20) (range 20))))
(def base-map (zipmap (range 20) (range 20)))

(deftest assoc-in-place-changes-no-other-holder
  (testing "a map built by reduce and by loop equals one built persistently"
    (let [n 3000
          by-reduce (reduce (fn [m i] (assoc m i (* 2 i))) {} (range n))
          by-loop (loop [m {} i 0] (if (< i n) (recur (assoc m i (* 2 i)) (inc i)) m))
          by-zip (zipmap (range n) (map #(* 2 %) (range n)))]
      (is (= by-zip by-reduce by-loop))
      (is (= n (count by-reduce)))
      (is (= 5998 (by-reduce 2999)))))
  (testing "an atom's map"
    (is (= 21 (count (assoc @shared-map :new 1))))
    (is (= 25 (count (reduce (fn [m k] (assoc m k k)) @shared-map (range 100 105)))))
    (is (= 20 (count @shared-map)))
    (is (nil? (@shared-map :new))))
  (testing "a var's map, and replacing values"
    (is (= (zipmap (range 20) (repeat :x)) (reduce (fn [m k] (assoc m k :x)) base-map (range 20))))
    (is (= (zipmap (range 20) (range 20)) base-map)))
  (testing "keys that collide and keys of every kind"
    (let [ks ["Aa" "BB" :k 'sym 1.5 [1 2] nil]
          m (reduce (fn [m k] (assoc m k (str k))) (zipmap (range 10) (range 10)) ks)]
      (is (= 17 (count m)))
      (is (= "BB" (m "BB")))
      (is (= "Aa" (m "Aa")))
      (is (= "" (m nil)))
      (is (= "[1 2]" (m [1 2])))))
  (testing "a version kept along the way"
    (let [[m1 m2] (loop [m (zipmap (range 10) (range 10)) i 10 kept nil]
                    (if (< i 200)
                      (recur (assoc m i i) (inc i) (if (= i 100) m kept))
                      [kept m]))]
      (is (= 100 (count m1)))
      (is (= 200 (count m2)))
      (is (nil? (m1 150))))))
