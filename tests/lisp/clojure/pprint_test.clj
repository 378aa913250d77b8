(ns clojure.pprint-test
  "clojure.pprint: pprint lays data out as Clojure 1.11's pretty printer
  does (the expected texts are what Clojure prints), within
  *print-right-margin*; pp; print-table."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.pprint :as pp]
            [clojure.string :as str]))

(defn- pprinted [x] (with-out-str (pp/pprint x)))

(deftest what-fits-stays-on-one-line
  (are [text x] (= text (pprinted x))
    "{:a 1, :b [1 2 3], :c \"x\"}\n" {:a 1 :b [1 2 3] :c "x"}
    "(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24)\n" (range 25)
    "[]\n" []
    "{}\n" {}
    "#{}\n" #{}
    "()\n" ()
    "#{:shared}\n" #{:shared}
    "[nil]\n" [nil]
    "[[]]\n" [[]]
    "nil\n" nil
    "\"a \\\"quoted\\\" string\"\n" "a \"quoted\" string"
    "\\c\n" \c
    "42\n" 42
    ":kw\n" :kw
    "sym\n" 'sym))

(deftest longer-collections-break-one-element-per-line
  (is (= (str "[0\n" (str/join (map #(str " " % "\n") (range 1 29))) " 29]\n")
         (pprinted (vec (range 30)))))
  (is (= (str "[[1 2 3]\n"
              " [4 5 6]\n"
              " [\"a long string that takes room\" \"another long string\"]\n"
              " [7 8 9]]\n")
         (pprinted [[1 2 3] [4 5 6] ["a long string that takes room" "another long string"] [7 8 9]])))
  (is (= (str "{:name \"evelisp\",\n"
              " :version [0 1 0],\n"
              " :deps {:logos \"0.14\", :lalrpop \"0.20\", :memmap2 \"0.9\", :imbl \"3.0\"},\n"
              " :features #{:shared}}\n")
         (pprinted {:name "evelisp" :version [0 1 0]
                    :deps {:logos "0.14" :lalrpop "0.20" :memmap2 "0.9" :imbl "3.0"}
                    :features #{:shared}})))
  (is (= (str "[{:id 1, :name \"alpha\", :tags [:a :b]}\n"
              " {:id 2, :name \"beta\", :tags [:c]}\n"
              " {:id 3, :name \"gamma\", :tags []}]\n")
         (pprinted [{:id 1 :name "alpha" :tags [:a :b]} {:id 2 :name "beta" :tags [:c]}
                    {:id 3 :name "gamma" :tags []}])))
  (is (= (str "{:k1 \"a string value here\",\n"
              " :k2 \"a string value there\",\n"
              " :k3 {:nested [1 2 {:deep \"value\"}]}}\n")
         (pprinted {:k1 "a string value here" :k2 "a string value there"
                    :k3 {:nested [1 2 {:deep "value"}]}}))))

(deftest a-map-entry-breaks-between-key-and-value
  (is (= (str "{:aaaaaaa\n"
              " {:b 1,\n"
              "  :c 2,\n"
              "  :d\n"
              "  \"" (apply str (repeat 75 "x")) "\"}}\n")
         (pprinted {:aaaaaaa {:b 1 :c 2 :d (apply str (repeat 75 "x"))}}))))

(deftest nesting-indents-after-each-bracket
  (is (= (str "[1\n [2\n  [3\n   [4\n    [5\n     [6\n      [7\n       [8\n        [9\n"
              "         [10\n          [11\n           [12\n            [13\n             [14\n"
              "              [15\n               [16\n                [17\n                 [18\n"
              "                  [19 [20 [21 [22 [23 [24 [25]]]]]]]]]]]]]]]]]]]]]]]]]\n")
         (pprinted (reduce (fn [inner n] [n inner]) [25] (range 24 0 -1))))))

(deftest reader-macro-forms
  (is (= "(defn f [x] 'y @a #'b ~c '(1 2))\n"
         (pprinted '(defn f [x] (quote y) (clojure.core/deref a) (var b)
                      (clojure.core/unquote c) (quote (1 2))))))
  (is (= "(quote x y)\n" (pprinted '(quote x y))) "only a two-element form"))

(deftest the-right-margin
  (binding [pp/*print-right-margin* 20]
    (is (= "{:a 1, :b 2, :c 3}\n" (pprinted {:a 1 :b 2 :c 3})))
    (is (= "[1 2 3 4 5 6 7 8 9]\n" (pprinted [1 2 3 4 5 6 7 8 9])))
    (is (= "{:a\n [1\n  2\n  3\n  4\n  5\n  6\n  7\n  8\n  9]}\n" (pprinted {:a [1 2 3 4 5 6 7 8 9]}))))
  (testing "a line of 72 characters fits, one of 73 does not"
    (let [v72 [(apply str (repeat 33 "a")) (apply str (repeat 32 "b"))]
          v73 [(apply str (repeat 33 "a")) (apply str (repeat 33 "b"))]]
      (is (= 72 (count (pr-str v72))) "the vector's printed width")
      (is (= (str (pr-str v72) "\n") (pprinted v72)))
      (is (= (str "[\"" (first v73) "\"\n \"" (second v73) "\"]\n") (pprinted v73)))))
  (binding [pp/*print-right-margin* nil]
    (is (= (str (pr-str (vec (range 40))) "\n") (pprinted (vec (range 40))))
        "nil: no limit"))
  (is (= 72 pp/*print-right-margin*)))

(deftest pp-prints-the-last-value
  (binding [*1 {:a 1}]
    (is (= "{:a 1}\n" (with-out-str (pp/pp))))))

(deftest pprint-returns-nil
  (is (nil? (let [result (atom :unset)]
              (with-out-str (reset! result (pp/pprint [1])))
              @result)))
  (is (thrown? Exception (pp/pprint)))
  (is (thrown? Exception (pp/pprint 1 2 3))))

(deftest many-elements
  (let [data (vec (for [i (range 3000)] {:id i :name (str "n" i) :tags [i (inc i)]}))
        lines (str/split-lines (pprinted data))]
    (is (= 3000 (count lines)))
    (is (= "[{:id 0, :name \"n0\", :tags [0 1]}" (first lines)))
    (is (= " {:id 2999, :name \"n2999\", :tags [2999 3000]}]" (last lines)))))

(deftest print-table
  (is (= "\n| :a |    :b |\n|----+-------|\n|  1 | hello |\n| 22 |       |\n"
         (with-out-str (pp/print-table [{:a 1 :b "hello"} {:a 22 :b nil}]))))
  (is (= (str "\n|    :b | :a | :missing |\n|-------+----+----------|\n"
              "| hello |  1 |          |\n|    :x | 22 |          |\n")
         (with-out-str (pp/print-table [:b :a :missing] [{:a 1 :b "hello"} {:a 22 :b :x}]))))
  (is (= "\n| name |  :n |\n|------+-----|\n|    x | 3.5 |\n"
         (with-out-str (pp/print-table [{"name" "x" :n 3.5}]))))
  (is (= "" (with-out-str (pp/print-table []))) "no rows: nothing")
  (is (= "" (with-out-str (pp/print-table nil))))
  (is (thrown? Exception (pp/print-table [1 2])) "rows that are not maps"))
