(ns clojure.set-test
  "clojure.set: set algebra and relations (sets of maps), with the results
  Clojure 1.11 gives, also on nil, empty and non-set collections."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.set :as set]))

(def xs #{{:a 11 :b 1 :c 1 :d 4}
          {:a 2 :b 12 :c 2 :d 6}
          {:a 3 :b 3 :c 3 :d 8 :f 42}})

(def ys #{{:a 11 :b 11 :c 11 :e 5}
          {:a 12 :b 11 :c 12 :e 3}
          {:a 3 :b 3 :c 3 :e 7}})

(deftest union
  (are [x y] (= x y)
    #{} (set/union)
    #{1} (set/union #{1})
    #{1 2 3} (set/union #{1 2} #{2 3})
    #{1 2 3 4 5 6 7 8} (set/union #{1 2} #{2 3} #{4} #{5 6 7 8})
    #{1} (set/union nil #{1})
    #{1} (set/union #{1} nil)
    nil (set/union nil nil)
    #{} (set/union #{} #{}))
  (testing "the larger collection is kept and the smaller conjoined onto it"
    (is (= [1 2 3] (set/union [1 2] [3])))
    (is (set? (set/union [1] #{2 3}))))
  (is (thrown? Exception (set/union 1 2)))
  (is (thrown? Exception (set/union #{1} :a))))

(deftest intersection
  (are [x y] (= x y)
    #{1 2 3} (set/intersection #{1 2 3})
    #{2 3} (set/intersection #{1 2 3} #{2 3 4})
    #{3} (set/intersection #{1 2 3} #{2 3 4} #{3 4 5})
    #{} (set/intersection #{1 2} #{3 4})
    #{} (set/intersection #{1} #{})
    nil (set/intersection nil #{1})
    nil (set/intersection #{1} nil))
  (is (thrown? Exception (set/intersection)))
  (is (thrown? Exception (set/intersection #{1} 2))))

(deftest difference
  (are [x y] (= x y)
    #{1 2 3} (set/difference #{1 2 3})
    #{1 3} (set/difference #{1 2 3} #{2})
    #{1} (set/difference #{1 2 3} #{2} #{3 4})
    #{} (set/difference #{1 2 3} #{1 2 3 4 5})
    #{1 2} (set/difference #{1 2} nil)
    nil (set/difference nil #{1}))
  (is (thrown? Exception (set/difference 1 #{})))
  (is (thrown? Exception (set/difference #{1} 2))))

(deftest select
  (are [x y] (= x y)
    #{1 3} (set/select odd? #{1 2 3 4})
    #{} (set/select odd? #{2 4})
    #{} (set/select odd? #{})
    nil (set/select odd? nil)
    #{{:a 3 :b 3 :c 3 :d 8 :f 42}} (set/select :f xs))
  (is (thrown? Exception (set/select odd? #{:a})))
  (is (thrown? Exception (set/select 5 #{1})))
  (is (thrown? Exception (set/select odd? 5))))

(deftest project
  (are [x y] (= x y)
    #{{:a 1}} (set/project #{{:a 1 :b 2} {:a 1 :b 3}} [:a])
    #{{:a 11 :d 4} {:a 2 :d 6} {:a 3 :d 8}} (set/project xs [:a :d])
    #{{}} (set/project #{{:a 1 :b 2}} [:c])
    #{{}} (set/project #{{:a 1}} [])
    #{} (set/project nil [:a]))
  (is (thrown? Exception (set/project 5 [:a])))
  (is (thrown? Exception (set/project #{1} [:a]))))

(deftest rename-keys
  (are [x y] (= x y)
    {:b 1} (set/rename-keys {:a 1 :b 2} {:a :b})
    {:a 2 :b 1} (set/rename-keys {:a 1 :b 2} {:a :b :b :a})
    {:a 1} (set/rename-keys {:a 1} {:x :y})
    {:new 1 :c 3} (set/rename-keys {:old 1 :c 3} {:old :new})
    {} (set/rename-keys {} {:a :b})
    nil (set/rename-keys nil {:a :b})
    {:a 1} (set/rename-keys {:a 1} nil))
  (is (thrown? Exception (set/rename-keys 5 {:a :b})))
  (is (thrown? Exception (set/rename-keys {:a 1} 5))))

(deftest rename
  (are [x y] (= x y)
    #{{:x 1 :b 2}} (set/rename #{{:a 1 :b 2}} {:a :x})
    #{{:x 1} {:x 2 :b 3}} (set/rename #{{:a 1} {:a 2 :b 3}} {:a :x})
    #{} (set/rename #{} {:a :x})
    #{} (set/rename nil {:a :x}))
  (is (thrown? Exception (set/rename #{1} {:a :b}))))

(deftest index
  (are [x y] (= x y)
    {{:a 1} #{{:a 1 :b 2} {:a 1 :b 3}}
     {:a 2} #{{:a 2 :b 3}}}
    (set/index #{{:a 1 :b 2} {:a 1 :b 3} {:a 2 :b 3}} [:a])
    {{:b 11} #{{:a 11 :b 11 :c 11 :e 5} {:a 12 :b 11 :c 12 :e 3}}
     {:b 3} #{{:a 3 :b 3 :c 3 :e 7}}}
    (set/index ys [:b])
    {{} #{{:a 1}}} (set/index #{{:a 1}} [:z])
    {} (set/index #{} [:a])
    {} (set/index nil [:a]))
  (is (thrown? Exception (set/index 5 [:a])))
  (is (thrown? Exception (set/index #{1} [:a]))))

(deftest map-invert
  (are [x y] (= x y)
    {1 :a 2 :b} (set/map-invert {:a 1 :b 2})
    {} (set/map-invert {})
    {} (set/map-invert nil)
    {1 0 2 1} (set/map-invert [1 2]))
  (testing "of keys with equal values, one wins"
    (is (= 1 (count (set/map-invert {:a 1 :b 1}))))
    (is (contains? #{:a :b} (get (set/map-invert {:a 1 :b 1}) 1))))
  (is (thrown? Exception (set/map-invert 5))))

(deftest join
  (testing "natural join, on the keys the first maps share"
    (are [x y] (= x y)
      #{{:a 1 :b 2 :c 5}}
      (set/join #{{:a 1 :b 2} {:a 2 :b 3}} #{{:a 1 :c 5} {:a 3 :c 6}})
      #{{:a 3 :b 3 :c 3 :d 8 :f 42 :e 7}} (set/join xs ys)
      #{{:a 1 :b 2} {:a 1 :b 3}} (set/join #{{:a 1}} #{{:b 2} {:b 3}})
      #{} (set/join #{} #{{:a 1}})
      #{} (set/join #{{:a 1}} #{})
      #{} (set/join nil nil)))
  (testing "join on a key map"
    (are [x y] (= x y)
      #{{:a 1 :b 2 :x 1 :c 3}} (set/join #{{:a 1 :b 2}} #{{:x 1 :c 3}} {:a :x})
      #{{:a 1 :b 2 :x 1 :c 3} {:a 5 :x 5}}
      (set/join #{{:a 1 :b 2} {:a 5}} #{{:x 1 :c 3} {:x 5} {:x 9}} {:a :x})
      #{{:a 1 :x 1 :c 3} {:a 5 :x 5}}
      (set/join #{{:x 1 :c 3} {:x 5} {:x 9}} #{{:a 1} {:a 5}} {:x :a})
      #{{:a 11 :b 1 :c 1 :d 4 :yb 11 :yc 11 :e 5}
        {:a 3 :b 3 :c 3 :d 8 :f 42 :yb 3 :yc 3 :e 7}}
      (set/join xs (set/rename ys {:b :yb :c :yc}) {:a :a})
      #{} (set/join #{} #{{:a 1}} {:a :a})))
  (is (thrown? Exception (set/join 1 2)))
  (is (thrown? Exception (set/join #{{:a 1}} 2))))

(deftest subset-and-superset
  (are [x y] (= x y)
    true (set/subset? #{1} #{1 2})
    true (set/subset? #{1 2} #{1 2})
    false (set/subset? #{1 3} #{1 2})
    false (set/subset? #{1 2 3} #{1 2})
    true (set/subset? #{} #{})
    true (set/subset? nil #{1})
    true (set/superset? #{1 2} #{1})
    false (set/superset? #{1} #{1 2})
    false (set/superset? #{1 3} #{1 2})
    true (set/superset? #{1} nil)
    true (set/superset? #{} #{}))
  (is (thrown? Exception (set/subset? 1 2)))
  (is (thrown? Exception (set/superset? #{1} 2))))

(deftest large-sets
  (let [a (set (range 5000))
        b (set (range 2500 7500))]
    (is (= 7500 (count (set/union a b))))
    (is (= 2500 (count (set/intersection a b))))
    (is (= (set (range 2500)) (set/difference a b)))
    (is (set/subset? (set (range 100)) a))
    (is (= 2500 (count (set/join (set (map #(hash-map :id % :x 1) (range 2500)))
                                 (set (map #(hash-map :id % :y 2) (range 5000)))))))))
