(ns clojure.lazy-test
  "Lazy sequences: realized when read and only then, once; infinite ones
  taken from; equal, hashed and printed as the seqs they are."
  (:require [clojure.test :refer [deftest is testing are]]))

(deftest realized-when-read
  (let [calls (atom 0)
        xs (map (fn [x] (swap! calls inc) (* 10 x)) '(1 2 3))]
    (is (= 0 @calls) "nothing runs when the seq is made")
    (is (not (realized? xs)))
    (is (= 10 (first xs)))
    (is (realized? xs))
    (is (= 1 @calls) "first realizes only the first element")
    (is (= [10 20 30] (vec xs)))
    (is (= 3 @calls))
    (is (= [10 20 30] (vec xs)))
    (is (= 3 @calls) "a realized seq never runs its body again"))
  (testing "rest does not realize what it gives"
    (let [calls (atom 0)
          xs (map (fn [x] (swap! calls inc) x) '(0 1 2 3 4))]
      (rest xs)
      (is (= 1 @calls))
      (next xs)
      (is (= 2 @calls) "next realizes one more (to tell nil)")))
  (testing "lazy-seq's body runs once, also when read twice"
    (let [calls (atom 0)
          s (lazy-seq (swap! calls inc) [1 2])]
      (is (= '(1 2) s))
      (is (= '(1 2) (seq s)))
      (is (= 1 @calls)))))

(deftest chunks-over-vectors
  (testing "over a vector, map and filter realize 32 at a time, as Clojure's chunked seqs"
    (let [calls (atom 0)
          xs (map (fn [x] (swap! calls inc) x) (vec (range 100)))]
      (is (= 0 (first xs)))
      (is (= 32 @calls))
      (is (= 4950 (reduce + xs)))
      (is (= 100 @calls)))
    (let [calls (atom 0)
          xs (filter (fn [x] (swap! calls inc) (= x 40)) (vec (range 100)))]
      (is (= 40 (first xs)))
      (is (= 64 @calls) "the chunks up to the first kept element")
      (is (= '(40) xs))))
  (testing "over a list, one at a time"
    (let [calls (atom 0)
          xs (filter (fn [x] (swap! calls inc) (odd? x)) '(1 2 3 4))]
      (is (= 1 (first xs)))
      (is (= 1 @calls)))))

(deftest infinite-sequences
  (are [x y] (= x y)
    '(0 1 2 3 4) (take 5 (range))
    '(1 2 4 8) (take 4 (iterate #(* 2 %) 1))
    '(:a :b :a) (take 3 (cycle [:a :b]))
    '(0 2 4) (take 3 (filter even? (range)))
    '(1 3 5) (take 3 (map inc (filter even? (range))))
    '([0 :a] [1 :b]) (map vector (range) [:a :b])
    100000 (nth (range) 100000)
    '(5 6) (take 2 (drop 5 (range)))
    '(0 1 2) (take-while #(< % 3) (range))
    '(0 :x 1) (take 3 (interpose :x (range)))
    '(0 1 2 3) (take 4 (concat [0] (range 1 10) (range)))
    '((0 1) (2 3)) (take 2 (partition 2 (range)))
    '(0 1 3 6) (take 4 (reductions + (range)))
    '(0 :a 1 :b) (take 4 (interleave (range) (cycle [:a :b])))))

(deftest no-stack-growth
  (testing "a thunk that gives another lazy seq is unwrapped in a loop"
    (is (= '(50000) (filter #(= % 50000) (range 50001)))))
  (testing "a long realized seq is read and freed without recursion"
    (is (= 4999950000 (reduce + (map identity (range 100000))))))
  (testing "a thousand nested lazy layers"
    (is (= 500 (first (reduce (fn [s _] (map inc s)) (range 1) (range 500))))))
  (testing "concatenating many pieces lazily"
    (is (= 10000 (count (apply concat (repeat 10000 [1])))))))

(deftest concat-is-lazy-and-complete
  (is (= '(0 1 2) (take 3 (concat (range) [1]))) "an infinite first coll")
  (is (= () (concat)) "no colls")
  (is (instance? clojure.lang.LazySeq (concat [1] [2])))
  (is (not (realized? (concat [1] [2]))) "nothing is read until asked")
  (is (= '(1 2) (concat [1 2])))
  (is (= '(\a \b [:k 1] 3 4 5 6 7)
         (concat "ab" {:k 1} #{3} nil () (list 4 5) [6] (lazy-seq [7])))
      "strings, maps, sets, nil and empty colls, lists, vectors, lazy seqs")
  (is (= (range 200) (concat (vec (range 70)) (range 70 150) (vec (range 150 200))))
      "vectors and seqs longer than a chunk")
  (let [reads (atom 0)
        s (concat (map (fn [x] (swap! reads inc) x) (list 1 2 3)) [9])]
    (is (= 1 (first s)))
    (is (= 1 @reads) "one step of an unchunked lazy coll at a time, as Clojure's"))
  (let [tail (list 4 5 6)]
    (is (identical? tail (seq (rest (concat [3] tail)))) "the last coll becomes the tail as it is"))
  (is (thrown? Exception (doall (concat [1] 2))) "a coll that is not one fails when reached")
  (is (= '(1 2 3) (concat [1] (concat [2] (concat [3]))))))

(deftest equality-hash-and-printing
  (are [x y] (= x y)
    '(1 2 3) (map inc [0 1 2])
    [1 2 3] (map inc [0 1 2])
    (map inc [0 1 2]) [1 2 3]
    (lazy-seq nil) ()
    (hash [1 2 3]) (hash (map inc [0 1 2]))
    (hash '()) (hash (lazy-seq nil))
    "(1 2)" (pr-str (map inc [0 1]))
    "((1) [2])" (pr-str (list (map inc [0]) [2]))
    "()" (pr-str (filter odd? [2 4]))
    "(1 2)" (with-out-str (print (map inc [0 1])))
    {[1 2] :v} {(map inc [0 1]) :v}
    :v (get {[1 2] :v} (map inc [0 1]))
    #{[1 2]} (conj #{} (map inc [0 1]))
    true (contains? #{[1 2]} (map inc [0 1])))
  (is (not= (range) [0 1 2]) "a finite seq is unequal to an infinite one")
  (is (not= (map inc [0 1]) [1 2 3]))
  (is (re-matches #"clojure\.lang\.LazySeq@[0-9a-f]+" (str (map inc [1])))))

(deftest seq-types
  (are [x y] (= x y)
    true (seq? (map inc [1]))
    false (list? (map inc [1]))
    true (seq? (cons 1 (map inc [1])))
    true (sequential? (lazy-seq nil))
    true (coll? (map inc [1]))
    false (counted? (map inc [1]))
    'clojure.lang.LazySeq (type (map inc [1]))
    'clojure.lang.Cons (type (cons 1 (map inc [1])))
    true (instance? clojure.lang.ISeq (map inc [1]))
    nil (seq (lazy-seq nil))
    nil (seq (map inc []))
    true (empty? (filter odd? [2]))
    '(0 1 2) (conj (map inc [0 1]) 0)
    '(0 1 2) (cons 0 (map inc [0 1]))
    3 (count (map inc [0 1 2]))
    2 (nth (map inc [0 1 2]) 1)
    :none (nth (map inc [0]) 5 :none)
    '(2 3) (nthnext (map inc [0 1 2]) 1)
    [1 2] (let [[a b] (map inc [0 1])] [a b])
    '(2) (let [[_ & more] (map inc [0 1])] more)
    6 (apply + (map inc [0 1 2]))))

(deftest errors-in-lazy-bodies
  (let [tries (atom 0)
        xs (lazy-seq (swap! tries inc) (throw (ex-info "boom" {})))]
    (is (thrown-with-msg? ExceptionInfo #"boom" (first xs)))
    (is (not (realized? xs)) "a failed body leaves the seq unrealized")
    (is (thrown-with-msg? ExceptionInfo #"boom" (seq xs)) "and runs again when read")
    (is (= 2 @tries))))

(defmacro seq-body [& xs] (cons 'do (map identity xs)))

(deftest macros-building-code-with-seqs
  (is (= 6 (eval (cons '+ (map inc [0 1 2])))))
  (is (= [1 2] (eval (vec (map (fn [x] (list 'inc x)) [0 1])))))
  (is (= '(do 1 2) (macroexpand-1 '(clojure.lazy-test/seq-body 1 2))))
  (is (= 2 (seq-body 1 2))))

(deftest shared-between-threads
  (let [calls (atom 0)
        xs (map (fn [x] (swap! calls inc) x) (range 1000))
        sums (doall (for [_ (range 4)] (future (reduce + xs))))]
    (is (= [499500 499500 499500 499500] (mapv deref sums)))
    (is (<= 1000 @calls) "every element realized, each by one winner or a racer")))

(deftest pmap-is-semi-lazy
  (is (= '(1 2 3) (take 3 (pmap inc (range)))) "an infinite input is fine")
  (is (= '(11 22 33) (pmap + [1 2 3] [10 20 30])))
  (is (= () (pmap inc [])))
  (is (not (realized? (pmap inc (list 1 2)))) "nothing is read until asked")
  (is (= (range 20) (pmap (fn [x] (Thread/sleep (rem (* x 7) 5)) x) (range 20)))
      "results in input order, whatever order the calls end in"))

(deftest lazy-io-and-regex
  (let [s (apply str (repeat 100 "a"))]
    (is (= 100 (count (re-seq #"a" s))))
    (is (not (realized? (nthrest (re-seq #"a" s) 32))) "re-seq realizes 32 matches at a time")
    (is (nil? (re-seq #"b" s))))
  (let [f (str (System/getProperty "java.io.tmpdir") "/evelisp-lazy-lines-" (System/nanoTime) ".txt")]
    (spit f (apply str (map #(str % "\n") (range 1000))))
    (is (= "999" (last (line-seq f))))
    (is (= 1000 (count (line-seq f))))
    (is (not (realized? (nthrest (line-seq f) 64))) "line-seq reads 64 lines at a time")
    (is (= ["0" "1"] (vec (take 2 (line-seq f)))))))

(deftest deep-equality-does-not-overflow
  (let [deep (fn [n] (reduce (fn [acc _] (lazy-seq (list acc))) () (range n)))]
    (is (= (deep 3000) (deep 3000)))))

(deftest map-and-filter-step-through-chunks-as-clojure
  (testing "a range is chunked (32 at a time, as Clojure's), a list is not"
    (let [seen (atom 0)]
      (first (map (fn [x] (swap! seen inc) x) (range 100)))
      (is (= 32 @seen)))
    (let [seen (atom 0)]
      (first (map (fn [x] (swap! seen inc) x) (list 1 2 3 4)))
      (is (= 1 @seen)))
    (let [seen (atom 0)]
      (first (filter (fn [x] (swap! seen inc) (odd? x)) (range 100)))
      (is (= 32 @seen))))
  (testing "a cons in front of an unrealized range: only what is realized"
    (let [seen (atom 0)]
      (first (map (fn [x] (swap! seen inc) x) (cons 1 (range 10))))
      (is (= 1 @seen))))
  (testing "results through chains of chunked seqs"
    (is (= (range 2 102) (map inc (map inc (range 100)))))
    (is (= (filter even? (range 1 200)) (filter even? (map inc (range 199)))))
    (is (= 1000 (count (filter #(zero? (mod % 5)) (filter odd? (map #(* 3 %) (range 10000)))))))
    (is (= '(0 1 2) (take 3 (map identity (iterate inc 0)))))))
