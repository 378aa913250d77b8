(ns clojure.sorted-test
  "Sorted maps and sets: order by compare or a comparator fn, lookups and
  updates, subseq/rsubseq/rseq, equality and hashing with hash maps,
  printing, and a few thousand random updates checked against a hash map."
  (:require [clojure.test :refer [deftest is testing are]]))

(deftest construction-and-order
  (are [x y] (= x y)
    '(:a :b :c) (keys (sorted-map :c 3 :a 1 :b 2))
    '(1 2 3) (vals (sorted-map :c 3 :a 1 :b 2))
    '(1 2 3) (seq (sorted-set 3 1 2 1))
    '(3 2 1) (keys (sorted-map-by > 1 :a 3 :c 2 :b))
    '(3 2 1) (seq (sorted-set-by (comparator >) 1 3 2))
    '("a" "b" "c") (seq (sorted-set "c" "a" "b"))
    '([1 :a] [2 :b]) (seq (sorted-map 2 :b 1 :a))
    nil (seq (sorted-map))
    0 (count (sorted-set))
    "{:a 1, :b 2}" (pr-str (sorted-map :b 2 :a 1))
    "#{1 2 3}" (pr-str (sorted-set 2 3 1))
    'clojure.lang.PersistentTreeMap (type (sorted-map))
    'clojure.lang.PersistentTreeSet (type (sorted-set))
    true (sorted? (sorted-map))
    false (sorted? {})
    true (map? (sorted-map))
    true (set? (sorted-set))
    false (set? (sorted-map)))
  (is (thrown? IllegalArgumentException (sorted-map :a))))

(deftest lookups-and-updates
  (let [m (sorted-map :b 2 :a 1)]
    (are [x y] (= x y)
      2 (get m :b)
      :nope (get m :z :nope)
      2 (m :b)
      1 (:a m)
      true (contains? m :a)
      false (contains? m :z)
      [:a 1] (find m :a)
      '(:a :b :c) (keys (assoc m :c 3))
      '(:b) (keys (dissoc m :a))
      m (dissoc m :zz)
      '(:a :b :c) (keys (conj m [:c 3]))
      '(:a :b :c :d) (keys (conj m {:d 4 :c 3}))
      m (conj m nil)
      {:a 1 :b 3} (update m :b inc)
      '(:a :b :z) (keys (merge m {:z 0}))
      '(:a :b :c) (keys (into m {:c 3}))))
  (let [s (sorted-set 1 2 3)]
    (are [x y] (= x y)
      2 (get s 2)
      nil (get s 5)
      2 (s 2)
      true (contains? s 3)
      '(1 3) (seq (disj s 2))
      '(0 1 2 3) (seq (conj s 0 2))
      '(1 2 3) (seq (into (sorted-set) [3 3 2 1])))))

(deftest comparators
  (testing "a fn giving a number or a boolean, as Clojure allows"
    (is (= '(3 2 1) (keys (sorted-map-by (fn [a b] (compare b a)) 1 :a 2 :b 3 :c))))
    (is (= '(3 2 1) (keys (sorted-map-by > 1 :a 2 :b 3 :c))))
    (is (= '("a" "bb" "ccc") (seq (sorted-set-by #(compare (count %1) (count %2)) "ccc" "a" "bb"))))
    (is (= '(:c) (vals (assoc (sorted-map-by > 1 :a) 1 :c))) "equal keys by the comparator replace")
    (is (= 1 (count (sorted-set-by (fn [a b] (compare (mod a 3) (mod b 3))) 1 4 7)))))
  (testing "empty keeps the comparator"
    (is (= '(3 2 1) (seq (into (empty (sorted-set-by >)) [1 2 3])))))
  (testing "keys that do not compare are an error"
    (is (thrown? ClassCastException (sorted-map 1 :a :b 2)))
    (is (thrown? ClassCastException (get (sorted-map 1 2) :x)))))

(deftest ranges
  (let [s (sorted-set 1 2 3 4 5)
        m (sorted-map 1 :a 2 :b 3 :c 4 :d)]
    (are [x y] (= x y)
      '(3 4 5) (subseq s > 2)
      '(2 3 4 5) (subseq s >= 2)
      '(1 2) (subseq s < 3)
      '(2 3) (subseq s >= 2 < 4)
      '(3 2 1) (rsubseq s <= 3)
      '(4 3) (rsubseq s > 2 < 5)
      '([3 :c] [4 :d]) (subseq m > 2)
      nil (subseq s > 9)
      '(5 4 3 2 1) (rseq s)
      '([4 :d] [3 :c] [2 :b] [1 :a]) (rseq m)
      nil (rseq (sorted-map)))))

(deftest equality-and-hash
  (are [x y] (= x y)
    {:a 1 :b 2} (sorted-map :b 2 :a 1)
    (sorted-map :b 2 :a 1) {:a 1 :b 2}
    #{1 2} (sorted-set 2 1)
    (sorted-set 2 1) #{1 2}
    (sorted-map 1 2) (sorted-map 1 2)
    (hash {:a 1 :b 2}) (hash (sorted-map :b 2 :a 1))
    (hash #{1 2}) (hash (sorted-set 2 1)))
  (is (not= (sorted-map 1 2) {1 3}))
  (is (not= (sorted-set 1 2) #{1}))
  (is (= {(sorted-map 1 2) :v} {{1 2} :v}) "usable as a key equal to a hash map"))

(defn- lcg [seed] (mod (+ (* seed 1103515245) 12345) 2147483648))

(deftest random-updates-agree-with-a-hash-map
  (loop [i 0 seed 42 sm (sorted-map) hm {}]
    (if (< i 3000)
      (let [seed (lcg seed)
            k (mod seed 500)
            del? (zero? (mod (quot seed 500) 3))]
        (if del?
          (recur (inc i) seed (dissoc sm k) (dissoc hm k))
          (recur (inc i) seed (assoc sm k i) (assoc hm k i))))
      (do
        (is (= hm sm))
        (is (= (count hm) (count sm)))
        (is (= (sort (keys hm)) (keys sm)) "in order")
        (is (every? (fn [[k v]] (= v (get sm k))) hm))))))

(deftest metadata-on-sorted-collections
  (let [m (with-meta (sorted-map 1 2) {:a 1})
        s (with-meta (sorted-set 1 2) {:s 1})]
    (is (= {:a 1} (meta m)))
    (is (= {:a 1} (meta (assoc m 0 1))))
    (is (= '(0 1) (keys (assoc m 0 1))))
    (is (= {:a 1} (meta (dissoc m 1))))
    (is (= {:s 1} (meta (disj s 1))))
    (is (= {:s 1} (meta (conj s 0))))
    (is (sorted? m))
    (is (= 2 (get m 1)))
    (is (= m (sorted-map 1 2)))))
