(ns clojure.seqs-over-collections-test
  "Seqs over vectors, strings, hash and array maps and sets: lazy and
  chunked (32 elements a chunk, the rest an unrealized lazy seq, so a seq
  of a huge collection costs the same to start as of a small one), equal,
  hashed and printed as before; and reduce, reduce-kv, into, mapv, filterv
  and clojure.string/join walking collections directly."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.string :as str]))

(defn- tail-after
  "What n rests of s give (rest never realizes anything)."
  [s n]
  (loop [s s n n] (if (zero? n) s (recur (rest s) (dec n)))))

(defn- colliding-strings
  "2^n distinct strings with one hash: every concatenation of n of \"Aa\"
  and \"BB\" (their Java hashCodes, and so their hashes, are equal)."
  [n]
  (reduce (fn [acc _] (for [s acc p ["Aa" "BB"]] (str s p))) [""] (range n)))

(deftest a-seq-realizes-one-chunk-at-a-time
  (doseq [[what coll] [["a vector" (vec (range 1000))]
                       ["a string" (apply str (repeat 1000 \x))]
                       ["a hash map" (zipmap (range 1000) (range 1000))]
                       ["a hash set" (set (range 1000))]
                       ["keys" (keys (zipmap (range 1000) (range 1000)))]
                       ["vals" (vals (zipmap (range 1000) (range 1000)))]
                       ["rseq" (rseq (vec (range 1000)))]]]
    (testing what
      (let [s (seq coll)
            t (tail-after s 32)]
        (is (instance? clojure.lang.LazySeq t) "the first 32 are cells, then a lazy seq")
        (is (not (realized? t)) "nothing past the first chunk is realized")
        (is (some? (first t)))
        (is (realized? t) "reading it realizes it")
        (is (not (realized? (tail-after t 32))) "and only the next chunk")
        (is (= 1000 (count s)))))))

(deftest a-seq-of-a-huge-collection-starts-without-reading-it
  (let [v (vec (range 300000))
        m (zipmap (range 300000) (range 300000))]
    (is (= 0 (first (seq v))))
    (is (not (realized? (tail-after (seq v) 32))))
    (is (= 299999 (first (rseq v))))
    (is (not (realized? (tail-after (rseq v) 32))))
    (is (vector? (first m)))
    (is (= 2 (count (first (seq m)))))
    (is (not (realized? (tail-after (seq m) 32))))
    (is (= 299998 (first (nthnext v 299998))) "nthnext of a vector starts where asked")
    (is (= [1 2] (vec (take 2 (next v)))))))

(deftest chunk-boundaries
  (doseq [n [0 1 31 32 33 63 64 65 100]]
    (testing (str n " elements")
      (let [v (vec (range n))
            s (set (range n))
            m (zipmap (range n) (map - (range n)))
            text (apply str (map #(char (+ 97 (mod % 26))) (range n)))]
        (is (= (range n) (or (seq v) ())))
        (is (= (when (pos? n) (range n)) (seq v)))
        (is (= (reverse (range n)) (or (rseq v) ())))
        (is (= n (count (seq v)) (count (seq s)) (count (seq m)) (count (seq text))))
        (is (= (sort (range n)) (sort (seq s))))
        (is (= (set (seq s)) s))
        (is (= m (into {} (seq m))))
        (is (= (sort (range n)) (sort (keys m))))
        (is (= (sort (map - (range n))) (sort (vals m))))
        (is (= (map vector (keys m) (vals m)) (or (seq m) ())) "keys and vals in the order of the entries")
        (is (= text (apply str (seq text))))
        (is (= (if (< n 2) () (range 1 n)) (rest (seq v))))
        (is (= (when (> n 1) (range 1 n)) (next v)))
        (is (= (when (> n 32) (range 32 n)) (nthnext v 32)))
        (is (= (last (seq v)) (when (pos? n) (dec n))))
        (let [t (tail-after (seq v) 32)]
          (if (> n 32)
            (is (not (realized? t)))
            (is (= () t) "at most one chunk: no lazy tail")))))))

(deftest maps-with-colliding-keys
  (let [ks (colliding-strings 6)
        m (zipmap ks (range))
        s (set ks)]
    (is (= 64 (count ks) (count m) (count (seq m)) (count (seq s))))
    (is (apply = (map hash ks)) "the keys do collide")
    (is (= (set ks) (set (keys m)) (set (seq s))))
    (is (= m (into {} (seq m))))
    (is (not (realized? (tail-after (seq m) 32))) "a chunk ends inside the collision node")
    (is (= (count ks) (count (distinct (map first (seq m))))))
    (testing "mixed with ordinary keys, in a deeper trie"
      (let [big (merge (zipmap (range 5000) (range)) m)]
        (is (= 5064 (count (seq big)) (count (set (keys big)))))
        (is (= big (into {} (seq big))))
        (is (= (reduce + (vals big)) (reduce-kv (fn [acc _ v] (+ acc v)) 0 big)))))))

(deftest deep-tries
  (let [n 200000
        m (zipmap (range n) (range n))
        s (set (range n))]
    (is (= (range n) (sort (keys m))))
    (is (= (range n) (sort (seq s))))
    (is (= (* n (dec n) 1/2) (reduce + (map second (seq m)))))
    (is (= m (into {} (seq m))))))

(deftest equality-hashing-and-printing-as-before
  (are [coll printed] (= printed (pr-str (seq coll)))
    [1 2 3] "(1 2 3)"
    "héllo" "(\\h \\é \\l \\l \\o)"
    {:a 1 :b 2} "([:a 1] [:b 2])"
    #{7} "(7)"
    [] "nil"
    "" "nil"
    {} "nil"
    #{} "nil")
  (is (= "(2 1)" (pr-str (rseq [1 2]))))
  (is (= "(:a :b)" (pr-str (keys {:a 1 :b 2}))))
  (is (= "(1 2)" (pr-str (vals {:a 1 :b 2}))))
  (is (= "(1 2)" (str (seq [1 2]))))
  (is (seq? (seq [1 2])))
  (is (seq? (seq {:a 1})))
  (is (seq? (seq "ab")))
  (is (seq? (seq #{1})))
  (is (not (list? (seq [1 2]))) "as Clojure's ChunkedSeq")
  (is (= (seq [1 2]) [1 2] '(1 2)))
  (is (= (hash (seq [1 2])) (hash '(1 2)) (hash [1 2])))
  (is (= (hash (seq (vec (range 100)))) (hash (range 100))))
  (is (= :found (get {(list 1 2) :found} (seq [1 2]))))
  (is (nil? (meta (seq (with-meta [1] {:a 1})))))
  (is (thrown? ClassCastException (peek (seq [1 2]))) "a seq is no stack, as Clojure's")
  (is (= () (rest [1])))
  (is (= () (rest "")))
  (is (nil? (next {:a 1})))
  (is (= [:b 2] (second (seq (array-map :a 1 :b 2))))))

(defrecord Point [x y])

(deftest reduce-over-maps
  (is (= [[:a 1] [:b 2]] (reduce conj [] (array-map :a 1 :b 2))))
  (is (= 3 (reduce (fn [acc [_ v]] (+ acc v)) 0 {:a 1 :b 2})))
  (is (= [:a 1] (reduce (fn [_ e] (reduced e)) nil (array-map :a 1 :b 2))) "reduced stops it")
  (is (= :none (reduce (fn [_ _] :some) :none {})))
  (is (= [nil nil] (reduce (fn [_ e] e) nil {nil nil})))
  (is (= (reduce + (range 1000)) (reduce (fn [acc [k _]] (+ acc k)) 0 (zipmap (range 1000) (repeat 0)))))
  (is (= [:x 1] (reduce (fn [_ e] e) (sorted-map :x 1))))
  (is (= 3 (reduce (fn [acc [_ v]] (+ acc v)) 0 (->Point 1 2)))))

(deftest reduce-kv-walks-maps-and-vectors
  (is (= 6 (reduce-kv (fn [acc k v] (+ acc k v)) 0 [1 1 1])))
  (is (= {:a 1 :b 2} (reduce-kv assoc {} {:a 1 :b 2})))
  (is (= [[nil nil] [:k nil] [:v nil]]
         (reduce-kv (fn [acc k v] (conj acc [k v])) [] (array-map nil nil :k nil :v nil))))
  (is (= :init (reduce-kv (fn [_ _ _] :called) :init {})))
  (is (= :init (reduce-kv (fn [_ _ _] :called) :init [])))
  (is (= :init (reduce-kv (fn [_ _ _] :called) :init nil)))
  (testing "a reduced value stops it"
    (is (= [:stop 1] (reduce-kv (fn [acc k v] (if (= k 1) (reduced [:stop acc]) (+ acc v))) 0 [1 2 3])))
    (is (= 1 (reduce-kv (fn [acc _ _] (if (= acc 1) (reduced acc) (inc acc))) 0 (zipmap (range 100) (range 100)))))
    (is (= :a (reduce-kv (fn [_ k _] (reduced k)) nil (sorted-map :a 1 :b 2)))))
  (is (= 499500 (reduce-kv (fn [acc _ v] (+ acc v)) 0 (zipmap (range 1000) (range 1000)))))
  (is (= [:x 1 :y 2] (reduce-kv conj [] (->Point 1 2))) "a record's fields")
  (is (thrown? ClassCastException (reduce-kv (fn [a _ _] a) 0 #{1 2})) "a set of numbers, as Clojure"))

(deftest into-mapv-filterv
  (is (= [1 2 3] (into [1] [2 3])))
  (is (= {:a 1 :b 2} (into {:a 1} {:b 2})))
  (is (= {:a 1 :b 2} (into {} [[:a 1] [:b 2]])))
  (is (= {:a 1 :b 2} (into {} (list {:a 1} {:b 2}))) "maps conjoined into a map")
  (is (= #{1 2 3} (into #{1} [2 3 3])))
  (is (= '(3 2 1) (into () [1 2 3])))
  (is (= '(2 1) (into nil [1 2])))
  (is (= {:a 1} (meta (into (with-meta [] {:a 1}) [1]))) "to's metadata kept")
  (is (= {:a 1} (meta (into (with-meta {} {:a 1}) {:b 2}))))
  (is (= {:a 1} (meta (into (with-meta #{} {:a 1}) [1]))))
  (is (= (sorted-map :a 1 :b 2) (into (sorted-map :b 2) {:a 1})))
  (is (= (->Point 3 2) (into (->Point 1 2) {:x 3})))
  (is (instance? clojure.seqs_over_collections_test.Point (into (->Point 1 2) {:x 3})))
  (let [shared [1 2]
        a (into shared [3])
        b (into shared [4])]
    (is (= [1 2] shared) "the target is never changed in place")
    (is (= [[1 2 3] [1 2 4]] [a b])))
  (let [base #{1}
        big (into base (range 100))]
    (is (= #{1} base))
    (is (= (set (range 100)) big)))
  (is (= (vec (range 100000)) (into [] (range 100000))))
  (is (= 100000 (count (into #{} (range 100000)))))
  (is (= 100000 (count (into {} (map (fn [i] [i i]) (range 100000))))))
  (is (thrown? IllegalArgumentException (into {} [[1 2 3]])))
  (is (thrown? Exception (into {} [1])))
  (is (= [2 3 4] (mapv inc [1 2 3])))
  (is (= [[:a 1]] (mapv identity {:a 1})))
  (is (= [] (mapv inc nil)))
  (is (= [\a \b] (mapv identity "ab")))
  (is (= [1 3] (filterv odd? [1 2 3 4])))
  (is (= [] (filterv odd? nil)))
  (is (= (vec (range 1 100000 2)) (filterv odd? (range 100000)))))

(deftest join-any-seqable
  (is (= "1, 2, 3" (str/join ", " [1 2 3])))
  (is (= "abc" (str/join "abc")))
  (is (= "a-b-c" (str/join "-" "abc")))
  (is (= "" (str/join "," nil)))
  (is (= "[:a 1]" (str/join "," {:a 1})))
  (is (= "1,,2" (str/join "," [1 nil 2])) "nil is empty text")
  (is (= 588889 (count (str/join "," (map str (range 100000))))))
  (is (= "0.1.2" (str/join \. (range 3))))
  (is (thrown? IllegalArgumentException (str/join 5))))

(deftest a-forged-position-is-a-clear-error
  (let [m (zipmap (range 100) (range 100))]
    (is (thrown? IndexOutOfBoundsException (-coll-seq-step [m 0 99 3])))
    (is (thrown? IndexOutOfBoundsException (-coll-seq-step [m 0 1 1 1 1 1 1 1 1 1 1])))
    (is (thrown? IndexOutOfBoundsException (-coll-seq-step ["héllo" 0 2])) "not a character boundary")
    (is (thrown? ClassCastException (-coll-seq-step [m 7 0])) "no such part")
    (is (thrown? ClassCastException (-coll-seq-step [1 0 0])))
    (is (nil? (-coll-seq-step [[1 2] 0 99])) "past the end of a vector: nothing left")))
