(ns clojure.core-bootstrap-test
  "The part of clojure.core written in evelisp so far: control macros and
  the eager collection functions."
  (:require [clojure.test :refer [deftest is testing are]]))

(defn quot2 [n] (loop [q 0] (if (> (* 2 (inc q)) n) q (recur (inc q)))))
(defn even-ish? [n] (= 0 (- n (* 2 (quot2 n)))))

(deftest conditionals
  (is (= :a (when true :b :a)))
  (is (nil? (when false :a)))
  (is (= :a (when-not false :a)))
  (is (= :else (if-not true :then :else)))
  (is (= :two (cond false :one true :two :else :three)))
  (is (nil? (cond false :one)))
  (is (= :else (cond nil 1 :else :else)))
  (are [x y] (= x y)
    true (and)
    nil (or)
    2 (and 1 2)
    nil (and 1 nil 2)
    1 (or nil false 1 2)
    false (or nil false))
  (is (= 3 (if-let [x 3] x :no)))
  (is (= :no (if-let [x nil] x :no)))
  (is (= [1 2] (if-let [[a b] [1 2]] [a b] :no)))
  (is (= false (if-some [x false] x :no)) "if-some takes false")
  (is (= 2 (when-let [x 1] (inc x))))
  (is (= 1 (when-some [x 1] x)))
  (is (= 1 (when-first [x [1 2]] x)))
  (is (nil? (comment anything at all))))

(deftest threading
  (is (= 6 (-> 1 inc (+ 4))))
  (is (= [3 2 1] (->> [1 2] (cons 3) (reduce (fn [acc x] (conj acc x)) []) (#(vector (nth % 0) (nth % 2) (nth % 1))))))
  (is (= 4 (-> {:a {:b 4}} :a :b))))

(deftest loops-and-effects
  (let [seen (atom [])]
    (doseq [x [1 2 3]] (swap! seen conj x))
    (is (= [1 2 3] @seen)))
  (let [n (atom 0)]
    (dotimes [i 5] (swap! n + i))
    (is (= 10 @n)))
  (let [n (atom 0)]
    (while (< @n 3) (swap! n inc))
    (is (= 3 @n)))
  (is (= [1 2] @(doto (atom [1]) (swap! conj 2)))))

(defonce once (atom 1))
(defonce once (atom 2))
(declare later)
(defn later [] :later)
(defn- private-fn [] :private)
(defn with-conds [x] {:pre [(pos? x)] :post [(> % 10)]} (* x 11))

(deftest definitions
  (is (= 1 @once) "defonce keeps the first value")
  (is (= :later (later)))
  (is (:private (meta #'private-fn)))
  (is (= 11 (with-conds 1)))
  (is (thrown? AssertionError (with-conds -1)) ":pre fails")
  (is (thrown-with-msg? AssertionError "Assert failed" (assert false)))
  (is (thrown-with-msg? AssertionError #"Assert f.iled" (assert false)))
  (is (thrown? Error (assert false)) "an Error, as in Clojure")
  (is (= :not-caught (try (try (assert false) (catch Exception _ :caught)) (catch Error _ :not-caught))))
  (is (nil? (assert true))))

(deftest collections
  (is (= 10 (reduce + [1 2 3 4])))
  (is (= 0 (reduce + [])))
  (is (= 11 (reduce + 1 [1 2 3 4])))
  (is (= [2 3] (mapv inc [1 2])))
  (is (= [2 4] (filterv even-ish? [1 2 3 4])))
  (is (= [1 2 3] (into [1] [2 3])))
  (is (= {:a 1 :b 3} (merge {:a 1 :b 2} nil {:b 3})))
  (is (nil? (merge nil nil)))
  (is (= 3 (get-in {:a {:b 3}} [:a :b])))
  (is (= :nf (get-in {:a {}} [:a :b] :nf)))
  (is (= {:a {:b 1}} (assoc-in {} [:a :b] 1)))
  (is (= {:a {:b 2}} (update-in {:a {:b 1}} [:a :b] inc)))
  (is (= {:n 2} (update {:n 1} :n inc)))
  (is (= {:a 1} (select-keys {:a 1 :b 2} [:a :c])))
  (is (= 3 (last [1 2 3])))
  (is (every? pos? [1 2]))
  (is (not (every? pos? [1 -2])))
  (is (= 2 (some (fn [x] (when (even-ish? x) x)) [1 2 3])))
  (is (empty? []))
  (is (not (empty? [1])))
  (is ((complement nil?) 1))
  (is (= 5 ((constantly 5) 1 2 3)))
  (is (not= 1 2))
  (is (= 2 (second [1 2 3]))))

(deftest str-as-clojure
  (is (= "[1 \"x\"]" (str [1 "x"])) "collections print readably")
  (is (= "ca+user1.5" (str \c #"a+" (the-ns 'user) nil 1.5))))

