(ns clojure.records-test
  "defrecord and deftype: constructors, map behaviour that keeps the type,
  equality only with records of the same type, printing as Clojure,
  protocols given inline with the fields in scope, extend-type on a record
  name, metadata on records."
  (:require [clojure.test :refer [deftest is testing are]]))

(defprotocol Shape
  (area [s])
  (scale [s k]))

(defrecord Circle [r]
  Shape
  (area [_] (* 3 r r))
  (scale [this k] (assoc this :r (* r k))))

(defrecord Point [x y])
(defrecord Other [x y])

(defprotocol Describe (describe [x]))
(extend-type Point Describe (describe [p] (str "point " (:x p) "," (:y p))))

(deftype Pair [a b]
  Describe
  (describe [_] (str a "+" b)))

(deftest constructing
  (are [x y] (= x y)
    "#clojure.records_test.Point{:x 1, :y 2}" (pr-str (->Point 1 2))
    (->Point 1 2) (Point. 1 2)
    (->Point 1 nil) (map->Point {:x 1})
    {:x 1 :y nil :z 3} (into {} (map->Point {:x 1 :z 3}))
    'clojure.records_test.Point (type (->Point 1 2))
    true (instance? Point (->Point 1 2))
    false (instance? Point (->Other 1 2))
    true (record? (->Point 1 2))
    false (record? {:x 1})
    true (map? (->Point 1 2))))

(deftest maps-that-keep-their-type
  (let [p (->Point 1 2)]
    (are [x y] (= x y)
      1 (:x p)
      2 (get p :y)
      :none (get p :z :none)
      '(:x :y) (keys p)
      2 (count p)
      [:x 1] (find p :x)
      3 (let [{:keys [x y]} p] (+ x y))
      true (record? (assoc p :x 5))
      5 (:x (assoc p :x 5))
      true (record? (assoc p :z 1))
      true (record? (conj p [:z 1]))
      false (record? (dissoc p :x))
      {:y 2} (dissoc p :x)
      true (record? (dissoc (assoc p :z 1) :z))
      true (record? (update p :x inc))
      1 (.-x p)
      2 (.y p)))
  (is (thrown? Exception (empty (->Point 1 2)))))

(deftest equality-and-hash
  (is (= (->Point 1 2) (->Point 1 2)))
  (is (not= (->Point 1 2) (->Other 1 2)) "another type")
  (is (not= (->Point 1 2) {:x 1 :y 2}) "never a plain map")
  (is (not= {:x 1 :y 2} (->Point 1 2)))
  (is (= (hash (->Point 1 2)) (hash (->Point 1 2))))
  (is (= 3 (count (set [(->Point 1 2) (->Point 1 2) (->Other 1 2) {:x 1 :y 2}])))
      "a record, a record of another type and a map of the same fields are three keys")
  (is (= :found (get {(->Point 1 2) :found} (->Point 1 2)))))

(deftest protocols
  (are [x y] (= x y)
    12 (area (->Circle 2))
    27 (area (scale (->Circle 1) 3))
    true (satisfies? Shape (->Circle 1))
    false (satisfies? Shape (->Point 1 2))
    "point 1,2" (describe (->Point 1 2))
    "1+2" (describe (->Pair 1 2))
    1 (.-a (Pair. 1 2))))

(deftest metadata-on-records
  (let [p (with-meta (->Point 1 2) {:m 1})]
    (is (= {:m 1} (meta p)))
    (is (= 'clojure.records_test.Point (type p)))
    (is (= {:m 1} (meta (assoc p :x 0))))
    (is (record? (assoc p :x 0)))
    (is (= p (->Point 1 2)))))

(defprotocol Greet (greet [g who]) (bye [g]))

(defn- greeter [greeting]
  (reify Greet
    (greet [_ who] (str greeting ", " who))
    (bye [this] (str "bye from " greeting))))

(deftest reify-closes-over-locals
  (are [x y] (= x y)
    "hi, ann" (greet (greeter "hi") "ann")
    "yo, bob" (greet (greeter "yo") "bob")
    "bye from hey" (bye (greeter "hey"))
    true (satisfies? Greet (greeter "x"))
    false (satisfies? Shape (greeter "x"))
    true (= (type (greeter "a")) (type (greeter "b"))))
  (is (= ["a" "b" "c"] (mapv #(bye (reify Greet (greet [_ w] w) (bye [_] %))) ["a" "b" "c"]))))

(defprotocol Kind (kind-of [x]))
(extend-protocol Kind
  Object (kind-of [_] :object)
  clojure.lang.IPersistentMap (kind-of [_] :map))

(deftest records-are-maps-to-protocols
  (is (= :map (kind-of (->Point 1 2))) "a record has the supertypes of a map")
  (is (= :object (kind-of 5))))
