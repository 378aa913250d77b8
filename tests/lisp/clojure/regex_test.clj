(ns clojure.regex-test
  "Regular expressions: re-pattern, re-find, re-matches, re-seq, and Java
  regex syntax translated for the regex crate."
  (:require [clojure.string :as str]
            [clojure.test :refer [deftest is testing are]]))

(deftest patterns
  (let [p (re-pattern "a+")]
    (is (= "aaa" (re-find p "baaab")))
    (is (= p (re-pattern p)) "a pattern is returned as is")
    (is (= "#\"a+\"" (pr-str p))))
  (is (= "#\"\\d\"" (pr-str #"\d")))
  (is (not= #"a" #"a") "patterns are equal only to themselves")
  (is (thrown? IllegalArgumentException (re-pattern "(a")))
  (is (thrown? ClassCastException (re-pattern 1))))

(deftest re-find-test
  (are [x y] (= x y)
    "123" (re-find #"\d+" "abc123def456")
    nil (re-find #"\d+" "abc")
    ["12-34" "12" "34"] (re-find #"(\d+)-(\d+)" "x 12-34 y")
    ["ab" "a" nil] (re-find #"(a)(x)?b" "ab")
    "" (re-find #"x*" "abc")
    "é😀" (re-find #"é.+" "aé😀"))
  (is (thrown? ClassCastException (re-find "a" "a")))
  (is (thrown? NullPointerException (re-find #"a" nil))))

(deftest re-matches-test
  (are [x y] (= x y)
    "abc" (re-matches #"abc" "abc")
    nil (re-matches #"abc" "abcd")
    nil (re-matches #"b" "abc")
    "ab" (re-matches #"a|ab" "ab")
    ["2024-01-05" "2024" "01" "05"] (re-matches #"(\d{4})-(\d{2})-(\d{2})" "2024-01-05")
    ["key=val" "key" "val"] (re-matches #"(?<k>\w+)=(?<v>\w+)" "key=val")
    "" (re-matches #"a*" "")))

(deftest re-seq-test
  (are [x y] (= x y)
    '("hello" "big" "world") (re-seq #"\w+" "hello big world")
    nil (re-seq #"\d" "abc")
    '(["a1" "a" "1"] ["b2" "b" "2"]) (re-seq #"([a-z])(\d)" "a1 b2")
    '("" "" "") (re-seq #"x*" "ab")
    '("" "aaa" "") (re-seq #"a*" "baaa")
    '("1" "22" "333") (re-seq #"\d+" "1 22 333"))
  (is (seq? (re-seq #"a" "aa"))))

(deftest java-syntax
  (testing "\\d \\w \\s \\b are ASCII, as in Java"
    (are [x y] (= x y)
      nil (re-find #"\d" "٣")
      nil (re-find #"\w" "é")
      "a_1" (re-find #"\w+" "a_1é")
      nil (re-find #"\s" "\u00A0")
      ["a" "b"] (vec (re-seq #"[\w&&[^\d]]" "a1b"))
      "x" (re-find #"[\d\s]*x" "x")
      "1 2" (re-find #"[\d\s]+" "1 2")
      "cat" (re-find #"\bcat\b" "a cat!")
      nil (re-find #"\bcat\b" "concat")))
  (testing "quoting, POSIX classes, flags; a brace that is not a repetition
            is a literal (Java refuses it)"
    (are [x y] (= x y)
      "a.b*" (re-find #"\Qa.b*\E" "xa.b*")
      "{x}" (re-find #"\{x\}" "{x}")
      "a{b}" (re-find #"a{b}" "a{b}")
      "{" (re-find #"{" "a{")
      "aaa" (re-find #"a{2,}" "aaa")
      "Hello" (re-find #"\p{Upper}\p{Lower}+" "say Hello")
      "ABC" (re-find #"(?i)abc" "xABC")
      "ABC" (re-find #"(?iu)abc" "xABC")
      ["b\nc"] (vec (re-seq #"(?s)b.c" "ab\nc"))
      '("a" "b") (re-seq #"(?m)^\w" "a\nb")
      "aaa" (re-find #"a*+" "aaa")
      "<a>" (re-find #"\<a\>" "x<a>")
      "/x/" (re-find #"\/x\/" "/x/")
      "\u001B[0m" (re-find #"\e\[0m" "\u001B[0m")
      "é" (re-find #"\p{L}" "1é")
      "é" (re-find #"\p{IsAlphabetic}" "1é")
      "ab" (re-find #"\x61\u0062" "ab")
      "a" (re-find #"\0141" "a")))
  (testing "[: ~~ -- in a class are literal characters, as in Java (no POSIX
            bracket classes, no class differences)"
    (are [x y] (= x y)
      "a" (re-find #"[[:alpha:]]+" "ab1:")
      ["x" ":" "d"] (vec (re-seq #"[[:digit:]x]" "1x:d"))
      " b" (re-find #"[^[:space:]]+" "a: b")
      "a:lp" (re-find #"[:alpha:]+" "xa:lp")
      ["a" "~" "b"] (vec (re-seq #"[a~~b]" "a~b"))
      ["b" "-"] (vec (re-seq #"[a-c--]" "b-"))
      ["-" "." "/"] (vec (re-seq #"[--/]" "-./"))
      ["a" "b"] (vec (re-seq #"[\w&&[^\d]]" "a1b"))))
  (testing "Java's backtracking features: look-around, back references,
            atomic groups, possessive quantifiers"
    (are [x y] (= x y)
      "foo" (re-find #"foo(?=bar)" "foobar")
      nil (re-find #"foo(?=bar)" "foobaz")
      "b" (re-find #"(?<=a)b" "ab")
      "b" (re-find #"(?<!a)b" "cb")
      nil (re-find #"(?<!a)b" "ab")
      ["ll" "l"] (re-find #"(\w)\1" "hello")
      ["abab" "ab"] (re-matches #"(ab)\1" "abab")
      nil (re-matches #"a*+a" "aaa")
      "aaab" (re-matches #"(?>a+)b" "aaab")
      "xx" (re-find #"x{2}+" "xxx")
      "<a>a <b>b" (str/replace "aaa bbb" #"(\w)\1" "<$1>")
      ["a1" "b2" "c3"] (str/split "a1b2c3" #"(?<=\d)")
      ["a" "a"] (re-find #"(?<name>a)" "a")
      "a-a" (str/replace "aa" #"(?<x>a)(?=\k<x>)" "$1-")))
  (testing "a bad pattern is a clear error"
    (is (thrown? IllegalArgumentException (re-pattern "(a")))
    (is (re-find #"^Invalid regular expression #\"\(a\": "
                 (try (re-pattern "(a")
                      (catch IllegalArgumentException e (ex-message e)))))))

(deftest matchers
  (let [m (re-matcher #"(\d)(\w)" "1a 2b 3c")]
    (is (= ["1a" "1" "a"] (re-find m)))
    (is (= ["1a" "1" "a"] (re-groups m)))
    (is (= ["2b" "2" "b"] (re-find m)))
    (is (= ["3c" "3" "c"] (re-find m)))
    (is (nil? (re-find m)))
    (is (thrown? IllegalStateException (re-groups m))))
  (let [m (re-matcher #"a*" "baa")]
    (is (= ["" "aa" ""] (vec (take 3 (repeatedly #(re-find m))))) "empty matches advance"))
  (is (thrown? Exception (re-groups (atom 1)))))
