(ns clojure.class-names-test
  "Record, type and protocol names resolve as Clojure's classes do:
  my_ns.Rec from defrecord, my_ns.Ty from deftype, my_ns.Proto from
  defprotocol, in every namespace, usable in instance?, extend, isa?,
  supers, ancestors, new, and with .getName. Expected values are JVM
  Clojure 1.11's."
  (:require [clojure.test :refer [deftest is testing]]))

(defprotocol Sized (size-of [x]))
(defprotocol Named2 (name-of [x]))
(defrecord Box [w] Sized (size-of [_] w))
(defrecord Bare [v])
(deftype Cell [c] Sized (size-of [_] c))

(deftest record-class-names-resolve
  (is (= "clojure.class_names_test.Box" (.getName clojure.class_names_test.Box)))
  (is (= Box clojure.class_names_test.Box))
  (is (= clojure.class_names_test.Box (class (->Box 1))))
  (is (= clojure.class_names_test.Cell (class (->Cell 1))))
  (is (class? clojure.class_names_test.Box))
  (is (class? clojure.class_names_test.Sized))
  (is (= "clojure.class_names_test.Box" (.getName clojure.class_names_test.Box)))
  (is (= "Box" (.getSimpleName Box))))

(deftest instance-checks
  (is (instance? clojure.class_names_test.Box (->Box 1)))
  (is (not (instance? clojure.class_names_test.Box (->Bare 1))))
  (is (instance? clojure.lang.IRecord (->Box 1)))
  (is (instance? java.util.Map (->Bare 1)))
  (is (not (instance? clojure.lang.IRecord (->Cell 1))))
  (is (instance? clojure.lang.IType (->Cell 1)))
  (testing "a protocol's interface: only where implemented inline"
    (is (instance? clojure.class_names_test.Sized (->Box 1)))
    (is (instance? clojure.class_names_test.Sized (->Cell 1)))
    (is (not (instance? clojure.class_names_test.Sized (->Bare 1))))
    (is (instance? clojure.class_names_test.Sized (reify Sized (size-of [_] 0))))
    (is (= clojure.class_names_test.Sized (:on-interface Sized)))))

(extend clojure.class_names_test.Bare Named2 {:name-of (fn [x] (str "bare " (:v x)))})
(extend-type clojure.class_names_test.Cell Named2 (name-of [x] (str "cell " (.-c x))))

(deftest extend-by-class-name
  (is (= "bare 3" (name-of (->Bare 3))))
  (is (= "cell 4" (name-of (->Cell 4))))
  (is (satisfies? Named2 (->Bare 3)))
  (testing "extend does not make an instance of the protocol's interface"
    (is (not (instance? clojure.class_names_test.Named2 (->Bare 3))))))

(deftest hierarchy-of-record-classes
  (is (isa? clojure.class_names_test.Box clojure.class_names_test.Sized))
  (is (isa? clojure.class_names_test.Box clojure.lang.IPersistentMap))
  (is (not (isa? clojure.class_names_test.Bare clojure.class_names_test.Sized)))
  (is (= #{"java.lang.Object" "clojure.class_names_test.Sized" "clojure.lang.IType"}
         (set (map #(.getName %) (supers clojure.class_names_test.Cell)))))
  (is (contains? (ancestors clojure.class_names_test.Box) clojure.lang.IRecord))
  (is (contains? (ancestors clojure.class_names_test.Box) clojure.lang.Associative))
  (is (= ["java.lang.Object" "clojure.class_names_test.Sized" "clojure.lang.IType"]
         (mapv #(.getName %) (bases clojure.class_names_test.Cell)))))

(deftest constructors-by-class-name
  (is (= (->Box 5) (clojure.class_names_test.Box. 5)))
  (is (= (->Box 6) (new Box 6)))
  (is (= (->Box 7) (new clojure.class_names_test.Box 7)))
  (is (= 8 (.-c (new Cell 8)))))

(deftest names-resolve-in-another-namespace
  (binding [*ns* (the-ns 'user)]
    (is (= "clojure.class_names_test.Box" (eval '(.getName clojure.class_names_test.Box))))
    (is (true? (eval '(instance? clojure.class_names_test.Box
                                 (clojure.class-names-test/->Box 1)))))
    (is (= 2 (eval '(:w (clojure.class_names_test.Box. 2)))))))
