(ns clojure.walk-test
  "clojure.walk: walk keeps each collection's type; pre- and post-order
  walks, key conversion, replacement and macroexpand-all as in Clojure
  1.11 (map entries are 2-element vectors)."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.walk :as w]))

(deftest walk-keeps-the-collection-type
  (are [x y] (= x y)
    [2 3 4] (w/walk inc identity [1 2 3])
    '(4 3 2) (w/walk inc reverse [1 2 3])
    #{2 3} (w/walk inc identity #{1 2})
    {1 :a 2 :b} (w/walk (fn [[k v]] [v k]) identity {:a 1 :b 2})
    '(2 3) (w/walk inc identity '(1 2))
    '(2 3) (w/walk inc identity (seq [1 2]))
    5 (w/walk inc identity 5)
    "abc" (w/walk inc identity "abc")
    nil (w/walk identity identity nil))
  (testing "each kind of collection stays that kind"
    (is (vector? (w/walk identity identity [1])))
    (is (list? (w/walk identity identity '(1 2))))
    (is (map? (w/walk identity identity {:a 1})))
    (is (set? (w/walk identity identity #{1})))
    (is (seq? (w/walk identity identity (map inc [1 2]))))
    (is (= [] (w/walk identity identity [])))
    (is (vector? (w/walk identity identity [])))
    (is (= {} (w/walk identity identity {})))
    (is (map? (w/walk identity identity {})))
    (is (= #{} (w/walk identity identity #{})))
    (is (= () (w/walk identity identity ()))))
  (testing "a map entry is a 2-element vector"
    (let [seen (atom [])]
      (w/walk #(do (swap! seen conj %) %) identity {:a 1})
      (is (= [[:a 1]] @seen) "inner sees [k v]")
      (is (vector? (first @seen))))
    (is (= [2 3] (w/walk inc identity [1 2])))
    (is (= [:b 2] (w/walk (fn [x] (if (= x :a) :b (inc x))) identity [:a 1]))))
  (testing "what inner gives for a map entry: a pair, nil (dropped), a map (merged)"
    (is (= {:b 2} (w/walk (fn [[k v]] (when (= k :b) [k v])) identity {:a 1 :b 2})))
    (is (= {:a 1 :x 1 :b 2 :y 1} (w/walk (fn [[k v]] {k v (if (= k :a) :x :y) 1}) identity {:a 1 :b 2}))))
  (is (thrown? Exception (w/walk 5 identity [1])))
  (is (thrown? Exception (w/walk identity identity)))
  (is (thrown? IllegalArgumentException (w/walk (fn [[k v]] [k v 3]) identity {:a 1}))
      "a map entry turned into a vector that is not a pair")
  (is (thrown? Exception (w/walk (fn [[k v]] k) identity {:a 1}))
      "a map entry turned into a keyword"))

(deftest postwalk-and-prewalk
  (let [data {:a [1 {:b 2}] :c #{3} :d '(4 (5))}]
    (is (= {:a [2 {:b 3}] :c #{4} :d '(5 (6))}
           (w/postwalk #(if (number? %) (inc %) %) data)))
    (is (= {:a [2 {:b 3}] :c #{4} :d '(5 (6))}
           (w/prewalk #(if (number? %) (inc %) %) data))))
  (testing "post-order sees children first, pre-order the parent first"
    (is (= [[{[5 4] :a}] [3 2] 1]
           (w/postwalk #(if (vector? %) (vec (reverse %)) %) [1 [2 3] [{:a [4 5]}]])))
    (is (= {:a :replaced :b :replaced}
           (w/prewalk #(if (and (vector? %) (= 2 (count %)) (keyword? (first %)))
                         [(first %) :replaced]
                         %)
                      {:a 1 :b {:c 2}})))
    (is (= [1 [2 [3]]] (w/prewalk #(if (= % :x) [3] %) [1 [2 :x]])) "prewalk walks into what f gives")
    (is (= [1 [2 [:x]]] (w/postwalk #(if (= % :x) [:x] %) [1 [2 :x]])) "postwalk does not"))
  (testing "removing map entries from inside"
    (is (= {:b 2} (w/postwalk #(when-not (= % [:a 1]) %) {:a 1 :b 2}))))
  (testing "nil and empty collections"
    (is (nil? (w/postwalk identity nil)))
    (is (nil? (w/prewalk identity nil)))
    (is (= [] (w/postwalk identity [])))
    (is (= {} (w/prewalk identity {}))))
  (testing "a few thousand elements"
    (let [data (vec (for [i (range 2000)] {:id i :tags [i (inc i)]}))]
      (is (= data (w/postwalk identity data)))
      (is (= (* 2 2000 2000) (reduce + (filter number? (flatten (w/prewalk #(if (number? %) (* 2 %) %)
                                                                        (mapv :tags data)))))))))
  (is (thrown? Exception (w/postwalk 5 [1])))
  (is (thrown? Exception (w/prewalk 5 [1]))))

(deftest demos
  (is (= "Walked: 1\nWalked: 2\nWalked: [2]\nWalked: [1 [2]]\n"
         (with-out-str (w/postwalk-demo [1 [2]]))))
  (is (= "Walked: {:a [1]}\nWalked: [:a [1]]\nWalked: :a\nWalked: [1]\nWalked: 1\n"
         (with-out-str (w/prewalk-demo {:a [1]}))))
  (let [result (atom nil)]
    (with-out-str (reset! result (w/postwalk-demo [1 [2]])))
    (is (= [1 [2]] @result) "the demo gives the form back"))
  (is (= "Walked: nil\n" (with-out-str (w/prewalk-demo nil)))))

(deftest key-conversion
  (are [x y] (= x y)
    {:a 1 :b {:c [{:d 2}]} :e 3 1 2}
    (w/keywordize-keys {"a" 1 "b" {"c" [{"d" 2}]} :e 3 1 2})
    [{:a 1}] (w/keywordize-keys [{"a" 1}])
    {:x/y 1} (w/keywordize-keys {"x/y" 1})
    {"a" 1 "b" {"c" [{"d" 2}]} "e" 3 1 2 "y" 4}
    (w/stringify-keys {:a 1 :b {:c [{:d 2}]} "e" 3 1 2 :x/y 4})
    {:a "v"} (w/keywordize-keys {"a" "v"})
    {"a" :v} (w/stringify-keys {:a :v})
    nil (w/keywordize-keys nil)
    nil (w/stringify-keys nil)
    {} (w/keywordize-keys {})
    5 (w/keywordize-keys 5)))

(deftest replacement
  (are [x y] (= x y)
    [:b :v {:b :v}] (w/prewalk-replace {:a :b [1 2] :v} [:a [1 2] {:a [1 2]}])
    [:b :v {:b :v}] (w/postwalk-replace {:a :b [1 2] :v} [:a [1 2] {:a [1 2]}])
    '(:one (:one 2) #{:one}) (w/postwalk-replace {1 :one} '(1 (1 2) #{1}))
    [1] (w/prewalk-replace {} [1])
    nil (w/postwalk-replace {:a 1} nil))
  (testing "prewalk replaces the root first, postwalk the leaves"
    (is (= :whole (w/prewalk-replace {[1 2] :whole 1 :one} [1 2])))
    (is (= [:one 2] (w/postwalk-replace {[1 2] :whole 1 :one} [1 2]))))
  (is (thrown? Exception (w/prewalk-replace 5 [1])))
  (is (thrown? Exception (w/postwalk-replace 5 [1]))))

(defmacro twice [x] `(do ~x ~x))

(deftest macroexpansion
  (are [x y] (= x y)
    '(if a (do (if b (do c)))) (w/macroexpand-all '(when a (when b c)))
    '(d (b a c)) (w/macroexpand-all '(-> a (b c) d))
    '(do (do y y) (do y y)) (w/macroexpand-all '(clojure.walk-test/twice (clojure.walk-test/twice y)))
    '[(if a (do b)) {:k (if c (do d))}] (w/macroexpand-all '[(when a b) {:k (when c d)}])
    5 (w/macroexpand-all 5)
    nil (w/macroexpand-all nil))
  (is (thrown? Exception (w/macroexpand-all '(when)))
      "a macro's own error"))
