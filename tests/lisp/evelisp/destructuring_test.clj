(ns evelisp.destructuring-test
  "Destructuring in let, fn, loop and defn."
  (:require [clojure.test :refer [deftest is testing]]))

(deftest sequential
  (let [[a b] [1 2]] (is (= [1 2] [a b])))
  (let [[a b c] '(1 2)] (is (= [1 2 nil] [a b c])))
  (let [[a & more] [1 2 3]] (is (= [1 '(2 3)] [a more])))
  (let [[a & more] [1]] (is (nil? more)))
  (let [[_ [b [c]] :as all] [1 [2 [3]]]]
    (is (= [2 3] [b c]))
    (is (= [1 [2 [3]]] all)))
  (let [[a b] nil] (is (= [nil nil] [a b]))))

(deftest associative
  (let [{a :a b :b :or {b 2}} {:a 1}] (is (= [1 2] [a b])))
  (let [{:keys [x y] :as m} {:x 1 :y 2}] (is (= [1 2 {:x 1 :y 2}] [x y m])))
  (let [{:strs [s]} {"s" 3}] (is (= 3 s)))
  (let [{:syms [q]} {'q 4}] (is (= 4 q)))
  (let [{:keys [a/b c/d]} {:a/b 5 :c/d 6}] (is (= [5 6] [b d])))
  (let [{:my/keys [k]} {:my/k 7}] (is (= 7 k)))
  (let [{[x y] :pair} {:pair [8 9]}] (is (= [8 9] [x y])))
  (testing "keyword arguments after &"
    (let [f (fn [& {:keys [a b] :or {b :default}}] [a b])]
      (is (= [1 :default] (f :a 1)))
      (is (= [1 2] (f :a 1 :b 2)))
      (is (= [3 4] (f {:a 3 :b 4})) "a trailing map (Clojure 1.11)"))))

(defn swap-pair [[a b]] [b a])
(defn area [{:keys [w h]}] (* w h))

(deftest in-fn-loop-and-defn
  (is (= [2 1] (swap-pair [1 2])))
  (is (= 12 (area {:w 3 :h 4})))
  (is (= '([{:keys [w h]}]) (:arglists (meta #'area))) "arglists keep the patterns as written")
  (is (= 6 (loop [[x & xs] [1 2 3] acc 0]
             (if x (recur xs (+ acc x)) acc))))
  (is (= [3 1] ((fn [{[a] :v n :n}] [n a]) {:v [1] :n 3}))))

(deftest bad-patterns-are-errors
  (is (thrown? Exception (macroexpand '(clojure.core/let [1 2] nil))))
  (is (thrown? Exception (macroexpand '(clojure.core/let [[a] 1 b] nil))))
  (is (thrown? Exception (macroexpand '(clojure.core/let x nil)))))
