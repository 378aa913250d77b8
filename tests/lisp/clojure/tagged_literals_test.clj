(ns clojure.tagged-literals-test
  "Tagged literals, reader conditionals as data, read-string's options and
  the data readers (*data-readers*, *default-data-reader-fn*,
  default-data-readers); every expected value was printed by JVM Clojure
  1.11 (this file runs there unchanged)."
  (:require [clojure.test :refer [deftest is testing are]]))

(deftest tagged-literal-objects
  (let [t (tagged-literal 'foo [1 2])]
    (is (= "#foo [1 2]" (pr-str t)))
    (is (= 'foo (:tag t)))
    (is (= [1 2] (:form t)))
    (is (= [1 2] (get t :form)))
    (is (nil? (:other t)))
    (is (= 5 (get t :other 5)))
    (is (tagged-literal? t))
    (is (not (tagged-literal? [1 2])))
    (is (= clojure.lang.TaggedLiteral (class t)))
    (is (= t (tagged-literal 'foo [1 2])))
    (is (= (tagged-literal 'foo [1]) (tagged-literal 'foo '(1))))
    (is (not= t (tagged-literal 'bar [1 2])))
    (is (not (map? t)))
    (is (not (coll? t))))
  (testing "hash is Java's hashCode of the class, as Clojure's"
    (are [h t] (= h (hash t))
      884332214 (tagged-literal 'foo [1 2])
      884331221 (tagged-literal 'foo 1)
      683329448 (tagged-literal 'a/b "x")
      1898242437 (tagged-literal 'foo :k)
      884331220 (tagged-literal 'foo nil)))
  (is (thrown? ClassCastException (tagged-literal "foo" 1))))

(deftest reader-conditional-objects
  (let [rc (reader-conditional '(:clj 1) false)]
    (is (= "#?(:clj 1)" (pr-str rc)))
    (is (= '(:clj 1) (:form rc)))
    (is (false? (:splicing? rc)))
    (is (reader-conditional? rc))
    (is (not (reader-conditional? 1)))
    (is (= clojure.lang.ReaderConditional (class rc)))
    (is (= rc (reader-conditional '(:clj 1) false)))
    (is (not= rc (reader-conditional '(:clj 1) true)))
    (is (= 1291760684 (hash rc))))
  (is (= "#?@(:clj [1])" (pr-str (reader-conditional '(:clj [1]) true))))
  (is (true? (:splicing? (reader-conditional '(:clj [1]) true))))
  (is (thrown? NullPointerException (reader-conditional '(:clj 1) nil))))

(deftest read-string-options
  (is (thrown-with-msg? Exception #"Conditional read not allowed" (read-string "#?(:clj 1)")))
  (is (thrown-with-msg? Exception #"Conditional read not allowed" (read-string {} "#?(:clj 1)")))
  (is (= :x (read-string {:eof :x} "")))
  (is (thrown-with-msg? Exception #"EOF while reading" (read-string {:read-cond :allow} "#?(:cljs 1)")))
  (testing ":allow takes the first branch of an enabled feature, in the form's order"
    (is (= 3 (read-string {:read-cond :allow} "#?(:cljs 1 :default 3 :clj 2)")))
    (is (= 2 (read-string {:read-cond :allow} "#?(:cljs 1 :clj 2)")))
    (is (= 1 (read-string {:read-cond :allow :features #{:cljs}} "#?(:cljs 1 :clj 2)")))
    (is (= [2] (read-string {:read-cond :allow} "[#?(:cljs 1) 2]")))
    (is (= [1 2 3] (read-string {:read-cond :allow} "[#?@(:clj [1 2]) 3]"))))
  (testing ":preserve keeps them as reader-conditional objects"
    (let [rc (read-string {:read-cond :preserve} "#?(:clj 1 :cljs 2)")]
      (is (reader-conditional? rc))
      (is (= "#?(:clj 1 :cljs 2)" (pr-str rc)))
      (is (= '(:clj 1 :cljs 2) (:form rc))))
    (is (= "[#?@(:clj [1 2]) 3]" (pr-str (read-string {:read-cond :preserve} "[#?@(:clj [1 2]) 3]"))))
    (let [rc (read-string {:read-cond :preserve} "#?(:clj #foo 1)")]
      (is (= "#?(:clj #foo 1)" (pr-str rc)))
      (is (tagged-literal? (second (:form rc))) "unknown tags inside stay tagged literals")))
  (is (thrown-with-msg? Exception #"No reader function for tag foo"
                        (read-string {:read-cond :preserve} "#foo [1 2]"))))

(defn- twice [x] [x x])

(deftest data-readers
  (is (= '#{inst uuid} (set (keys default-data-readers))))
  (is (map? *data-readers*))
  (is (nil? *default-data-reader-fn*))
  (is (= [:foo 1] (binding [*data-readers* {'foo (fn [x] [:foo x])}] (read-string "#foo 1"))))
  (is (= '[bar 1] (binding [*default-data-reader-fn* (fn [t x] [t x])] (read-string "#bar 1"))))
  (is (= [7 7] (binding [*data-readers* {'my/twice #'twice}] (read-string "#my/twice 7")))
      "a var works as a reader")
  (is (= "x" (binding [*data-readers* {'inst str}] (read-string "#inst \"x\"")))
      "*data-readers* comes before default-data-readers")
  (is (= #inst "2020" (binding [*default-data-reader-fn* (fn [t x] :never)] (read-string "#inst \"2020\"")))
      "default-data-readers before *default-data-reader-fn*")
  (is (thrown-with-msg? Exception #"No reader function for tag foo" (read-string "#foo 12")))
  (is (thrown-with-msg? clojure.lang.ExceptionInfo #"boom"
                        (binding [*data-readers* {'foo (fn [_] (throw (ex-info "boom" {})))}]
                          (read-string "#foo 1")))))

;; A reader installed by one top-level form reads the forms after it
;; (loading a file binds *data-readers*, so set! works and stays in it).
(set! *data-readers* (assoc *data-readers* 'evelisp.test/twice #'twice))

(deftest data-readers-in-code
  (is (= [[1 2] [1 2]] #evelisp.test/twice [1 2]))
  (is (= [3 3] (let [x #evelisp.test/twice 3] x))))
