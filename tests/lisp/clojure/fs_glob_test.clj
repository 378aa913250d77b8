;; Java's glob syntax as babashka.fs matches it: each pattern against
;; each path, the expected answers recorded from JVM Java 17's
;; FileSystem.getPathMatcher("glob:...") (the same table evelisp's
;; evelisp.fs/glob->regex must give).
(ns clojure.fs-glob-test
  (:require [clojure.test :refer [deftest is testing]]
            [babashka.fs]))

(def paths
  ["a.clj" "b/a.clj" "b/c/a.clj" "abc" "a/c" "abx" "bx" "ax" "cx" "/x" "a" "a/b" "a/b/c" "*x" "xx" "f.cljc" "-" "b" "x.y" "xzy" "a+b" "aab" "(a)" "a|b" "^a$" "a.b" "acb" ".hidden"])

(def java-answers
  "pattern, then whether it matches each of paths, in order (from the JVM)."
  [
   "*.clj" [true false false false false false false false false false false false false false false false false false false false false false false false false false false false]
   "**.clj" [true true true false false false false false false false false false false false false false false false false false false false false false false false false false]
   "**/*.clj" [false true true false false false false false false false false false false false false false false false false false false false false false false false false false]
   "a?c" [false false false true false false false false false false false false false false false false false false false false false false false false false false false false]
   "{a,b}*" [true false false true false true true true false false true false false false false false false true false false true true false true false true true false]
   "[abc]x" [false false false false false false true true true false false false false false false false false false false false false false false false false false false false]
   "[!a]x" [false false false false false false true false true false false false false true true false false false false false false false false false false false false false]
   "[a-c]*" [true false false true false true true true true false true false false false false false false true false false true true false true false true true false]
   "*" [true false false true false true true true true false true false false true true true true true true true true true true true true true true true]
   "**" [true true true true true true true true true true true true true true true true true true true true true true true true true true true true]
   "a/*" [false false false false true false false false false false false true false false false false false false false false false false false false false false false false]
   "a/**" [false false false false true false false false false false false true true false false false false false false false false false false false false false false false]
   "\\*x" [false false false false false false false false false false false false false true false false false false false false false false false false false false false false]
   "*.{clj,cljc}" [true false false false false false false false false false false false false false false true false false false false false false false false false false false false]
   "[-a]" [false false false false false false false false false false true false false false false false true false false false false false false false false false false false]
   "[!-a]" [false false false false false false false false false false false false false false false false false true false false false false false false false false false false]
   "x[.]y" [false false false false false false false false false false false false false false false false false false true false false false false false false false false false]
   "a+b" [false false false false false false false false false false false false false false false false false false false false true false false false false false false false]
   "(a)" [false false false false false false false false false false false false false false false false false false false false false false true false false false false false]
   "a|b" [false false false false false false false false false false false false false false false false false false false false false false false true false false false false]
   "^a$" [false false false false false false false false false false false false false false false false false false false false false false false false true false false false]
   "a.b" [false false false false false false false false false false false false false false false false false false false false false false false false false true false false]
   ])

(deftest glob-syntax-agrees-with-java
  (doseq [[pattern answers] (partition 2 java-answers)]
    (let [re (re-pattern (evelisp.fs/glob->regex pattern))]
      (testing pattern
        (is (= answers (mapv #(boolean (re-matches re %)) paths)))))))

(deftest malformed-globs-are-errors
  (doseq [bad ["{{a}}" "[a" "a{b" "[a/b]" "\\"]]
    (is (thrown? IllegalArgumentException (evelisp.fs/glob->regex bad)) bad)))
