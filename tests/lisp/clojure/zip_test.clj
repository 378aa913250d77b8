(ns clojure.zip-test
  "clojure.zip: moving, editing and walking vector, seq and xml zippers.
  Every expected value was printed by JVM Clojure 1.11's clojure.zip on
  the same forms (the errors too: the same messages)."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.zip :as z]))

(def v (z/vector-zip [1 [2 3 [4]] 5]))

(defn- message [f]
  (try (f) nil (catch Exception e (.getMessage e))))

(defn- walk-nodes [loc]
  (loop [l loc acc []]
    (if (z/end? l) acc (recur (z/next l) (conj acc (z/node l))))))

(defn- walk-edit [loc pick f]
  (loop [l loc]
    (if (z/end? l)
      (z/root l)
      (recur (z/next (if (pick (z/node l)) (f l) l))))))

(deftest moving
  (are [x y] (= x y)
    [1 [2 3 [4]] 5] (z/node v)
    1 (z/node (z/down v))
    [2 3 [4]] (-> v z/down z/right z/node)
    '(3 [4]) (-> v z/down z/right z/down z/rights)
    '(2) (-> v z/down z/right z/down z/right z/lefts)
    [[1 [2 3 [4]] 5] [2 3 [4]]] (-> v z/down z/right z/down z/path)
    5 (-> v z/down z/right z/rightmost z/node)
    1 (-> v z/down z/rightmost z/leftmost z/node)
    4 (-> v z/down z/right z/down z/right z/right z/down z/node)
    [1 [2 3 [4]] 5] (-> v z/down z/up z/node)
    [1 [2 3 [4]] 5] (-> v z/down z/right z/down z/up z/up z/node))
  (testing "nowhere to go"
    (is (nil? (z/up v)))
    (is (nil? (z/left v)))
    (is (nil? (z/right v)))
    (is (nil? (z/down (z/vector-zip []))))
    (is (= [[1 [2 3 [4]] 5] nil] (z/rightmost v) (z/leftmost v))))
  (testing "an empty seq's child is nil, as in Clojure"
    (is (= [nil {:l [] :pnodes ['()] :ppath nil :r nil}] (z/down (z/seq-zip '()))))
    (is (= '() (z/node (z/down (z/seq-zip '(() 1))))))))

(deftest editing
  (are [x y] (= x y)
    [1 :x 5] (-> v z/down z/right (z/replace :x) z/root)
    [1 [20 3 [4]] 5] (-> v z/down z/right z/down (z/edit * 10) z/root)
    [:l 1 :r [2 3 [4]] 5] (-> v z/down (z/insert-left :l) (z/insert-right :r) z/root)
    [:c 1 [2 3 [4]] 5 :a] (-> v (z/insert-child :c) (z/append-child :a) z/root)
    [1 [2 3 [0 4]] 5] (-> v z/down z/right z/down z/right z/right (z/insert-child 0) z/root)
    1 (-> v z/down z/right z/remove z/node)
    [1 5] (-> v z/down z/right z/remove z/root)
    [[2 3 [4]] 5] (-> v z/down z/remove z/root)
    [[2 3 [4]] 5] (-> v z/down z/remove z/node))
  (testing "metadata of rebuilt branches is kept"
    (is (= {:m 1} (-> (z/vector-zip ^{:m 1} [1 [2]]) z/down z/right z/down (z/replace 9) z/root meta)))
    (is (= {:m 2} (-> (z/vector-zip [1 ^{:m 2} [2]]) z/down z/right z/down (z/replace 9) z/root second meta))))
  (testing "errors"
    (is (= "Remove at top" (message #(z/remove v))))
    (is (= "Insert at top" (message #(z/insert-left v 1))))
    (is (= "Insert at top" (message #(z/insert-right v 1))))
    (is (= "called children on a leaf node" (message #(z/children (z/down v)))))))

(deftest walking
  (is (= [[1 [2 3 [4]] 5] 1 [2 3 [4]] 2 3 [4] 4 5] (walk-nodes v)))
  (is (= [[] :end] (z/next (z/next (z/vector-zip [])))))
  (let [e (loop [l v] (if (z/end? l) l (recur (z/next l))))]
    (is (= [[1 [2 3 [4]] 5] :end] e))
    (is (z/end? e))
    (is (= [1 [2 3 [4]] 5] (z/root e)))
    (is (= e (z/next e)) "next stays at the end")
    (is (nil? (meta e)) "the end location carries no zipper"))
  (is (= 1 (-> v z/next z/next z/next z/prev z/prev z/node)))
  (is (nil? (z/prev v)))
  (is (= 4 (-> v z/down z/rightmost z/prev z/node)))
  (is (= [2 [2 4 [4]] 6] (walk-edit v #(and (number? %) (odd? %)) #(z/edit % inc))))
  (is (= [1 [2 [4]] 5] (walk-edit v #{3} z/remove))))

(deftest seq-and-xml-zippers
  (let [s (z/seq-zip '(a (b c) d))]
    (are [x y] (= x y)
      'b (-> s z/down z/right z/down z/node)
      '(a (b c e) d) (-> s z/down z/right (z/append-child 'e) z/root)
      '(x c) (-> s z/down z/right z/down (z/replace 'x) z/up z/node)
      '(a d) (-> s z/down z/right z/remove z/root)))
  (let [x (z/xml-zip {:tag :a :attrs nil
                      :content [{:tag :b :attrs nil :content ["t"]} "u"]})]
    (are [a b] (= a b)
      {:tag :b :attrs nil :content ["t"]} (-> x z/down z/node)
      "t" (-> x z/down z/down z/node)
      {:tag :a :attrs nil :content [{:tag :b :attrs nil :content ["t" "v"]} "u"]}
      (-> x z/down (z/append-child "v") z/root)
      {:tag :a :attrs nil :content [{:tag :b :attrs nil :content nil} "u"]}
      (-> x z/down z/down z/remove z/root)
      false (-> x z/down z/right z/branch?))
    (is (= "called children on a leaf node" (message #(z/children (-> x z/down z/right)))))))
