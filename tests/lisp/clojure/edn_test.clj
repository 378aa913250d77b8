(ns clojure.edn-test
  "clojure.edn/read-string: one form of EDN as data, never evaluated;
  :eof, :readers and :default as in Clojure 1.11; Clojure-only syntax
  refused."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.edn :as edn]))

(deftest reading-data
  (are [x y] (= x y)
    {:a [1 2.5 "s" \c nil true 'sym 'ns/sym :ns/kw] :b #{1} :c '(1 2)}
    (edn/read-string "{:a [1 2.5 \"s\" \\c nil true sym ns/sym :ns/kw] :b #{1} :c (1 2)}")
    1 (edn/read-string "1 2")
    2 (edn/read-string "#_ 1 2")
    [1 3] (edn/read-string "[1 #_ 2 3]")
    1/2 (edn/read-string "1/2")
    16 (edn/read-string "0x10")
    5 (edn/read-string "2r101")
    5 (edn/read-string "+5")
    "a\nb\t\"" (edn/read-string "\"a\\nb\\t\\\"\"")
    \newline (edn/read-string "\\newline")
    \é (edn/read-string "\\u00e9")
    '/ (edn/read-string "/")
    {1 1N} (edn/read-string "{1 1N}")
    [[[[[[[[[[1]]]]]]]]]] (edn/read-string "[[[[[[[[[[1]]]]]]]]]]"))
  (is (= 1N (edn/read-string "1N")))
  (is (instance? clojure.lang.BigInt (edn/read-string "1N")))
  (is (= ##Inf (edn/read-string "##Inf")))
  (is (= ##-Inf (edn/read-string "##-Inf")))
  (is (list? (edn/read-string "(1 2)")))
  (is (vector? (edn/read-string "[1 2]")))
  (is (set? (edn/read-string "#{}")))
  (testing "namespaced maps"
    (is (= {:a/b 1 :c 2 'a/d 3 :x/e 4} (edn/read-string "#:a{:b 1 :_/c 2 d 3 :x/e 4}")))
    (is (= {:a/b {:c/d 1}} (edn/read-string "#:a{:b #:c{:d 1}}"))))
  (testing "metadata is read and dropped (evelisp keeps none on values)"
    (is (= [1] (edn/read-string "^:m [1]")))
    (is (= {:b 2} (edn/read-string "^{:a 1} {:b 2}")))))

(deftest never-evaluates
  (is (= '(+ 1 2) (edn/read-string "(+ 1 2)")))
  (is (= '(def edn-test-x 1) (edn/read-string "(def edn-test-x 1)")))
  (is (nil? (resolve 'edn-test-x)) "nothing was defined")
  (is (= '(clojure.core/swap! a inc) (edn/read-string "(clojure.core/swap! a inc)")))
  (testing "code-only syntax is refused"
    (doseq [s ["@a" "`a" "~a" "~@a" "#(+ % 1)" "::foo" "#::{:a 1}" "#:a{::b 1}" "#\"a+\""
               "#?(:clj 1)" "#?@(:clj [1])" "#'a" "#=(+ 1 2)"]]
      (is (thrown? Exception (edn/read-string s)) s))
    (is (thrown-with-msg? Exception #"No dispatch macro for: \(" (edn/read-string "#(+ % 1)")))
    (is (thrown-with-msg? Exception #"Invalid token: ::foo" (edn/read-string "::foo")))
    (is (thrown-with-msg? Exception #"Invalid leading character: @" (edn/read-string "@a")))
    (is (thrown-with-msg? Exception #"=" (edn/read-string "#=(+ 1 2)")))))

(deftest end-of-input
  (are [x y] (= x y)
    nil (edn/read-string "")
    nil (edn/read-string "   ")
    nil (edn/read-string " ; comment\n")
    nil (edn/read-string nil)
    nil (edn/read-string {} nil)
    :end (edn/read-string {:eof :end} "")
    :end (edn/read-string {:eof :end} " ,, ")
    nil (edn/read-string {:eof nil} "  ")
    nil (edn/read-string "#_1"))
  (is (thrown-with-msg? Exception #"EOF while reading" (edn/read-string {} "")))
  (is (thrown-with-msg? Exception #"EOF while reading" (edn/read-string {:readers {}} "  ")))
  (testing "an incomplete form is an error, :eof or not"
    (is (thrown? Exception (edn/read-string "(1 2")))
    (is (thrown? Exception (edn/read-string {:eof 7} "[")))
    (is (thrown? Exception (edn/read-string "#_")))))

(deftest syntax-errors
  (doseq [s ["[1 2)" ")" "{:a}" "#" "#foo" "foo/" ":" "#<foo>" "08" "\"abc"]]
    (is (thrown? Exception (edn/read-string s)) s))
  (testing "duplicate keys"
    (is (thrown? Exception (edn/read-string "{:a 1 :a 2}")))
    (is (thrown? Exception (edn/read-string "#{1 1}")))
    (is (thrown-with-msg? IllegalArgumentException #"Duplicate key: 1" (edn/read-string "#{1 1N}")))))

(deftest tagged-literals
  (are [x y] (= x y)
    [:tagged [1 2]] (edn/read-string {:readers {'foo/bar (fn [x] [:tagged x])}} "#foo/bar [1 2]")
    [:default 'foo/bar [1 2]] (edn/read-string {:default (fn [t v] [:default t v])} "#foo/bar [1 2]")
    [[:r 1] [:default 'baz 2]] (edn/read-string {:readers {'foo/bar (fn [x] [:r x])}
                                                 :default (fn [t v] [:default t v])}
                                                "[#foo/bar 1 #baz 2]")
    12 (edn/read-string {:readers {'foo (fn [x] (* 2 x))}} "#foo #foo 3")
    {:a 2 :b [3]} (edn/read-string {:readers {'foo inc}} "{:a #foo 1 :b [#foo 2]}")
    "2020" (edn/read-string {:readers {'inst str}} "#inst \"2020\"")
    1 (edn/read-string {:readers nil} "1")
    1 (edn/read-string {:default nil} "1"))
  (testing "a reader's result is still data: it is not evaluated"
    (is (= '(+ 1 2) (edn/read-string {:readers {'code identity}} "#code (+ 1 2)"))))
  (testing "no reader for the tag"
    (is (thrown-with-msg? Exception #"No reader function for tag foo/bar" (edn/read-string "#foo/bar [1 2]")))
    (is (thrown-with-msg? Exception #"No reader function for tag bar"
                          (edn/read-string {:readers {'foo inc}} "#bar 1")))
    (is (thrown-with-msg? Exception #"No reader function for tag js" (edn/read-string "#js {}"))))
  (testing "tagged values that turn out equal are duplicate keys"
    (is (thrown-with-msg? IllegalArgumentException #"Duplicate key: 1"
                          (edn/read-string {:readers {'foo (fn [_] 1)}} "#{#foo 1 #foo 2}")))
    (is (thrown-with-msg? IllegalArgumentException #"Duplicate key: 1"
                          (edn/read-string {:readers {'foo (fn [_] 1)}} "{#foo 1 2 #foo 2 3}"))))
  (testing "a reader's error goes through"
    (is (thrown-with-msg? clojure.lang.ExceptionInfo #"boom"
                          (edn/read-string {:readers {'foo (fn [_] (throw (ex-info "boom" {})))}} "#foo 1")))))

(deftest wrong-arguments
  (is (thrown? ClassCastException (edn/read-string 5)))
  (is (thrown? ClassCastException (edn/read-string :a)))
  (is (thrown? Exception (edn/read-string 5 "1")) "options that are not a map")
  (is (thrown? Exception (edn/read-string {:readers {'foo 5}} "#foo 1")) "a reader that is not a function")
  (is (thrown? Exception (edn/read-string))))

(deftest round-trip
  (let [data {:users (vec (for [i (range 2000)] {:id i :name (str "user" i) :tags #{(keyword (str "t" (mod i 7)))}}))
              :meta {"k" [1/3 -2 2.5 nil true \x]}}]
    (is (= data (edn/read-string (pr-str data))))))

(deftest built-in-tags
  ;; As Clojure's EdnReader: #inst and #uuid have built-in readers, which
  ;; :readers overrides and which come before :default.
  (is (= #inst "2020-01-01T00:00:00.000-00:00" (edn/read-string "#inst \"2020-01-01T00:00:00Z\"")))
  (is (= (java.util.UUID/fromString "00000000-0000-0000-0000-000000000000")
         (edn/read-string "#uuid \"00000000-0000-0000-0000-000000000000\"")))
  (is (= "2020" (edn/read-string {:readers {'inst identity}} "#inst \"2020\"")))
  (is (uuid? (edn/read-string {:default (fn [t v] [:u v])} "#uuid \"00000000-0000-0000-0000-000000000000\""))
      ":default is not asked for #uuid")
  (is (thrown-with-msg? Exception #"failed: \(<= 1 months 12\)" (edn/read-string "#inst \"2020-13-01\""))))

(deftest where-evelisp-differs-from-clojure
  ;; Clojure's EdnReader reads these; evelisp refuses them (see the README):
  ;; 'a is a symbol there (the EDN spec has no ').
  (is (thrown-with-msg? Exception #"quote is not EDN" (edn/read-string "'a"))))

(deftest decimals
  (is (= "1.50M" (pr-str (edn/read-string "1.50M"))))
  (is (decimal? (edn/read-string "1.5M")))
  (is (= [1.5M 2E+3M] (edn/read-string "[1.50M 2E+3M]"))))
