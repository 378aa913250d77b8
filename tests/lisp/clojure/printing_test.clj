(ns clojure.printing-test
  "Printing under *print-length* and *print-level* (outputs checked against
  Clojure 1.11.1), infinite seqs printed as far as the length allows, and
  the vars of Clojure's compiler and printer that scripts set."
  (:require [clojure.test :refer [deftest is testing are]]))

(deftest print-length-and-level
  (are [x y] (= x y)
    "(0 1 2 ...)" (binding [*print-length* 3] (pr-str (range)))
    "[1 2 3 ...]" (binding [*print-length* 3] (pr-str [1 2 3 4]))
    "{:a 1, :b 2, :c 3, ...}" (binding [*print-length* 3] (pr-str {:a 1 :b 2 :c 3 :d 4}))
    "[1 2]" (binding [*print-length* 3] (pr-str [1 2]))
    "(1 2 3 ...)" (binding [*print-length* 3] (pr-str (map inc (range))))
    "[...]" (binding [*print-length* 0] (pr-str [1 2]))
    "[1 # #]" (binding [*print-level* 1] (pr-str [1 [2 [3]] {:a [1]}]))
    "#" (binding [*print-level* 0] (pr-str [1]))
    "5" (binding [*print-level* 0] (pr-str 5))
    "((1 1 ...) (1 1 ...) ...)" (binding [*print-length* 2 *print-level* 2] (pr-str (repeat (repeat 1))))
    "(0 1 ...)\n" (binding [*print-length* 2] (with-out-str (println (iterate inc 0))))
    "[1 2 3 4]" (pr-str [1 2 3 4])
    "a b" (binding [*print-readably* false] (pr-str "a" \b))
    "\"a\"" (pr-str "a")))

(deftest compiler-and-printer-vars
  (are [x y] (= x y)
    nil *print-length*
    nil *print-level*
    true *assert*
    "1.11.1" (clojure-version)
    1 (:major *clojure-version*)))
