(ns clojure.multimethods-test
  "Hierarchies (make-hierarchy isa? derive underive parents ancestors
  descendants) and multimethods (defmulti defmethod methods get-method
  remove-method remove-all-methods prefer-method prefers)."
  (:require [clojure.test :refer [deftest is testing]]))

;;; Hierarchies.

(def h (-> (make-hierarchy)
           (derive :rect :shape)
           (derive :square :rect)
           (derive :circle :shape)))

(deftest local-hierarchies
  (testing "isa?"
    (is (isa? h :square :square))
    (is (isa? h :square :rect))
    (is (isa? h :square :shape))
    (is (not (isa? h :shape :square)))
    (is (not (isa? h :circle :rect)))
    (is (= false (isa? h :circle :rect)) "a boolean"))
  (testing "parents, ancestors, descendants"
    (is (= #{:rect} (parents h :square)))
    (is (= #{:rect :shape} (ancestors h :square)))
    (is (= #{:rect :square :circle} (descendants h :shape)))
    (is (nil? (parents h :shape)))
    (is (nil? (ancestors h :shape)))
    (is (nil? (descendants h :square)))
    (is (nil? (parents h :unknown))))
  (testing "several parents"
    (let [h2 (derive h :square :regular)]
      (is (= #{:rect :regular} (parents h2 :square)))
      (is (= #{:rect :shape :regular} (ancestors h2 :square)))
      (is (= #{:square} (descendants h2 :regular)))))
  (testing "deriving what is already derived gives the hierarchy back"
    (is (= h (derive h :square :rect))))
  (testing "errors"
    (is (thrown-with-msg? Exception "Cyclic derivation" (derive h :shape :square)))
    (is (thrown-with-msg? Exception "already has" (derive h :square :shape)))
    (is (thrown? AssertionError (derive h :a :a)))))

(deftest underive-rebuilds
  (let [h2 (underive h :square :rect)]
    (is (not (isa? h2 :square :shape)))
    (is (nil? (parents h2 :square)))
    (is (= #{:rect :circle} (descendants h2 :shape)))
    (is (isa? h2 :rect :shape)))
  (is (= h (underive h :square :circle)) "not a parent: unchanged"))

(deftest vectors-are-compared-elementwise
  (is (isa? h [:square :circle] [:rect :shape]))
  (is (not (isa? h [:square :circle] [:rect :rect])))
  (is (not (isa? h [:square] [:rect :shape])) "lengths differ")
  (is (isa? h [] [])))

(derive ::poodle ::dog)
(derive ::dog ::animal)

(deftest the-global-hierarchy
  (is (isa? ::poodle ::animal))
  (is (= #{::dog} (parents ::poodle)))
  (is (= #{::dog ::animal} (ancestors ::poodle)))
  (is (contains? (descendants ::animal) ::poodle))
  (is (thrown? AssertionError (derive :unqualified :other)) "needs qualified names")
  (derive ::cat ::animal)
  (is (isa? ::cat ::animal))
  (is (nil? (underive ::cat ::animal)))
  (is (not (isa? ::cat ::animal))))

(deftest classes
  (is (isa? Long Number))
  (is (isa? java.lang.String Object))
  (is (isa? clojure.lang.PersistentVector clojure.lang.IPersistentVector))
  (is (not (isa? String Number)))
  (is (contains? (ancestors Long) java.lang.Number))
  (is (contains? (parents Long) Number))
  (is (contains? (supers Long) Object))
  (is (= [java.lang.Number java.lang.Comparable] (vec (bases Long))))
  (is (nil? (supers Object)))
  (let [h2 (derive (make-hierarchy) java.lang.Number ::numeric)]
    (is (isa? h2 Long ::numeric) "a tag above a superclass")))

;;; Multimethods.

(defmulti area "The area of a shape." :shape)
(defmethod area :square [{:keys [side]}] (* side side))
(defmethod area :rect [{:keys [w h]}] (* w h))
(defmethod area :default [s] [:no-area (:shape s)])

(deftest dispatch
  (is (= 9 (area {:shape :square :side 3})))
  (is (= 6 (area {:shape :rect :w 2 :h 3})))
  (is (= [:no-area :blob] (area {:shape :blob})) ":default method")
  (is (fn? area))
  (is (= "The area of a shape." (:doc (meta #'area)))))

(defmulti speak (fn [x] x))
(defmethod speak ::dog [_] :woof)
(defmethod speak ::animal [_] :generic)

(deftest dispatch-through-isa
  (is (= :woof (speak ::poodle)) "the most specific ancestor")
  (is (= :woof (speak ::dog)))
  (is (= :generic (speak ::animal)))
  (is (thrown-with-msg? IllegalArgumentException
                        "No method in multimethod 'speak' for dispatch value: :clojure.multimethods-test/rock"
                        (speak ::rock)))
  (is (thrown? IllegalArgumentException (speak nil)))
  (is (= "No method in multimethod 'speak' for dispatch value: null"
         (try (speak nil) (catch Exception e (ex-message e))))))

(defmulti arities (fn [& args] (count args)))
(defmethod arities 0 [] :zero)
(defmethod arities 1 [a] [:one a])
(defmethod arities 2 [a b] [:two a b])
(defmethod arities 3 [a b c] [:three a b c])
(defmethod arities 5 [a b c d e] [:five a b c d e])
(defmethod arities :default [& xs] [:many (count xs)])

(deftest every-arity-dispatches
  (is (= :zero (arities)))
  (is (= [:one 1] (arities 1)))
  (is (= [:two 1 2] (arities 1 2)))
  (is (= [:three 1 2 3] (arities 1 2 3)))
  (is (= [:many 4] (arities 1 2 3 4)))
  (is (= [:five 1 2 3 4 5] (arities 1 2 3 4 5)))
  (is (= [:one 7] (apply arities [7]))))

(defmulti by-class class)
(defmethod by-class Number [x] [:number x])
(defmethod by-class String [x] [:string x])
(defmethod by-class clojure.lang.IPersistentVector [x] [:vector (count x)])
(defmethod by-class Object [x] :object)
(defmethod by-class nil [x] :nil)

(deftest dispatch-on-classes
  (is (= [:number 1] (by-class 1)))
  (is (= [:number 1.5] (by-class 1.5)))
  (is (= [:string "a"] (by-class "a")))
  (is (= [:vector 2] (by-class [1 2])))
  (is (= :object (by-class :k)) "Object is above every class")
  (is (= :nil (by-class nil))))

(defmulti multi-arity-method :k)
(defmethod multi-arity-method :x
  ([m] (multi-arity-method m 1))
  ([m n] [:x n]))
(defmethod multi-arity-method :named named-fn [m] (fn? named-fn))

(deftest method-bodies
  (is (= [:x 1] (multi-arity-method {:k :x})))
  (is (= [:x 5] (multi-arity-method {:k :x} 5)))
  (is (true? (multi-arity-method {:k :named})) "a method may name itself"))

(defmulti managed identity)
(defmethod managed :a [_] :a)
(defmethod managed :b [_] :b)

(deftest managing-methods
  (is (= #{:a :b} (into #{} (keys (methods managed)))))
  (is (= :a ((get-method managed :a) :a)))
  (is (nil? (get-method managed :zzz)))
  (is (= managed (remove-method managed :a)))
  (is (nil? (get-method managed :a)))
  (is (thrown? IllegalArgumentException (managed :a)))
  (is (= :b (managed :b)))
  (defmethod managed :a [_] :a2)
  (is (= :a2 (managed :a)) "a method added again")
  (defmethod managed :a [_] :a3)
  (is (= :a3 (managed :a)) "defmethod replaces")
  (remove-all-methods managed)
  (is (= {} (methods managed)))
  (defmethod managed :default [x] [:default x])
  (is (= [:default :q] (managed :q)))
  (is (= [:default :q] ((get-method managed :q) :q)) "get-method gives the default"))

(defmulti redefined (fn [x] :one))
(defmethod redefined :one [_] :kept)
(defmulti redefined (fn [x] :two))

(deftest defmulti-again-keeps-the-multimethod
  (is (= :kept (redefined 1)) "neither methods nor the dispatch fn are reset"))

(derive ::rect ::shape)
(derive ::rect ::polygon)

(defmulti ambiguous identity)
(defmethod ambiguous ::shape [_] :shape)
(defmethod ambiguous ::polygon [_] :polygon)

(deftest preferences
  (is (thrown-with-msg? IllegalArgumentException
                        "Multiple methods in multimethod 'ambiguous' match dispatch value"
                        (ambiguous ::rect)))
  (is (= ambiguous (prefer-method ambiguous ::polygon ::shape)))
  (is (= :polygon (ambiguous ::rect)))
  (is (= {::polygon #{::shape}} (prefers ambiguous)))
  (is (thrown-with-msg? Exception "Preference conflict"
                        (prefer-method ambiguous ::shape ::polygon)))
  (is (= :shape (ambiguous ::shape)) "an exact match"))

(defmulti preferred-over-exact identity)
(defmethod preferred-over-exact ::rect [_] :rect)
(defmethod preferred-over-exact ::shape [_] :shape)
(prefer-method preferred-over-exact ::shape ::rect)

(deftest a-preference-beats-an-exact-match
  (is (= :shape (preferred-over-exact ::rect)) "as in Clojure"))

(def local-h (atom (-> (make-hierarchy) (derive :small :size) (derive :big :size))))

(defmulti sized identity :hierarchy local-h :default ::none)
(defmethod sized :size [_] :a-size)
(defmethod sized ::none [x] [:none x])

(deftest hierarchy-and-default-options
  (is (= :a-size (sized :small)))
  (is (= [:none :huge] (sized :huge)) "the :default option")
  (swap! local-h derive :huge :size)
  (is (= :a-size (sized :huge)) "the hierarchy is read at each call"))

(def var-h (-> (make-hierarchy) (derive :x :y)))
(defmulti through-var identity :hierarchy #'var-h)
(defmethod through-var :y [_] :y)

(deftest hierarchy-through-a-var
  (is (= :y (through-var :x))))

(defmulti cached identity)
(defmethod cached ::animal [_] :animal)

(deftest the-cache-follows-changes
  (is (= :animal (cached ::poodle)))
  (is (= :animal (cached ::poodle)) "from the cache")
  (defmethod cached ::dog [_] :dog)
  (is (= :dog (cached ::poodle)) "a new method")
  (remove-method cached ::dog)
  (is (= :animal (cached ::poodle)) "a removed method")
  (derive ::wolf ::animal)
  (is (= :animal (cached ::wolf)))
  (underive ::wolf ::animal)
  (is (thrown? IllegalArgumentException (cached ::wolf)) "a hierarchy change")
  (derive ::wolf ::canine)
  (derive ::wolf ::animal)
  (defmethod cached ::canine [_] :canine)
  (is (thrown? IllegalArgumentException (cached ::wolf)) "ambiguous")
  (prefer-method cached ::canine ::animal)
  (is (= :canine (cached ::wolf)) "a preference")
  (is (= :canine ((get-method cached ::wolf) ::wolf))))

(defmulti by-class-cached class)
(defmethod by-class-cached Number [_] :number)

(deftest class-dispatch-is-cached
  (is (= :number (by-class-cached 1)))
  (is (= :number (by-class-cached 2)))
  (defmethod by-class-cached Long [_] :long)
  (is (= :long (by-class-cached 3)))
  (is (= :number (by-class-cached 1.5))))

(defmulti collide (fn [a b] [a b]))
(defmethod collide [::animal ::animal] [_ _] :fight)
(defmethod collide [::dog ::cat] [_ _] :chase)
(defmethod collide :default [_ _] :nothing)

(deftest dispatch-on-vectors
  (is (= :chase (collide ::poodle ::cat)))
  (is (= :fight (collide ::dog ::poodle)))
  (is (= :nothing (collide ::cat :rock))))

(defmulti documented "Documented." {:arglists '([x])} :k :default ::fallback)
(defmethod documented ::fallback [x] [:fallback x])

(deftest defmulti-with-every-option
  (is (= "Documented." (:doc (meta #'documented))))
  (is (= [:fallback {:k 1}] (documented {:k 1}))))

(deftest not-a-multimethod
  (is (thrown? Exception (methods inc)))
  (is (thrown? Exception (defmethod inc :x [_] 1))))
