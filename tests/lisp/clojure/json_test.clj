(ns clojure.data.json-test
  "clojure.data.json and cheshire.core over evelisp's JSON natives: round
  trips of generated values through both libraries, errors with their
  line and column, readers and writers, deep nesting, and the options.
  Behaviour checked against data.json 2.4 and cheshire 5.11 on JVM Clojure
  1.11 (see also tests/libraries/json_*.clj and cheshire_*.clj)."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.data.json :as json]
            [cheshire.core :as ch]
            [clojure.string :as str]))

;; A deterministic generator of JSON-shaped values (a 31-bit LCG), so a
;; failure can be rerun.
(defn- lcg [seed] (rest (iterate #(mod (+ (* % 1103515245) 12345) 2147483648) seed)))

(def ^:private chars-pool
  ["a" "Z" " " "\"" "\\" "/" "\n" "\t" "\u0001" "é" "中" "😀" "\u2028" "x/y"])

(defn- gen-value
  "A value of depth at most `depth` from the random numbers `rs`; returns
  [value remaining-rs]."
  [rs depth]
  (let [[r & rs] rs
        kind (mod r (if (pos? depth) 9 6))]
    (case kind
      0 [nil rs]
      1 [(even? (first rs)) (rest rs)]
      2 [(- (mod (first rs) 2000000) 1000000) (rest rs)]
      3 [(* (first rs) 1000000000000N) (rest rs)]
      4 [(/ (double (- (mod (first rs) 2000000) 1000000)) 64.0) (rest rs)]
      5 (let [n (mod (first rs) 6)
              rs (rest rs)]
          [(apply str (map #(nth chars-pool (mod % (count chars-pool))) (take n rs)))
           (drop n rs)])
      (6 7) (let [n (mod (first rs) 5)]
              (loop [i 0 rs (rest rs) acc []]
                (if (= i n)
                  [acc rs]
                  (let [[v rs] (gen-value rs (dec depth))] (recur (inc i) rs (conj acc v))))))
      8 (let [n (mod (first rs) 10)]
          (loop [i 0 rs (rest rs) acc {}]
            (if (= i n)
              [acc rs]
              (let [[k rs] (gen-value (cons 5 rs) 0)
                    [v rs] (gen-value rs (dec depth))]
                (recur (inc i) rs (assoc acc k v)))))))))

(defn- values [seed n]
  (loop [i 0 rs (lcg seed) acc []]
    (if (= i n) acc (let [[v rs] (gen-value rs 4)] (recur (inc i) rs (conj acc v))))))

(deftest generated-values-round-trip
  (doseq [[seed v] (map vector (range) (values 19 200))]
    (testing (str "value " seed)
      (is (= v (json/read-str (json/write-str v))))
      (is (= v (json/read-str (json/write-str v :escape-unicode false :escape-slash false))))
      (is (= v (ch/parse-string-strict (ch/generate-string v))))
      (is (= v (ch/parse-string-strict (ch/generate-string v {:pretty true}))))
      (is (= v (ch/parse-string-strict (ch/generate-string v {:escape-non-ascii true}))))
      (is (= v (json/read-str (with-out-str (json/pprint v))))))))

(deftest numbers-as-the-libraries-give-them
  (is (= [Long Double clojure.lang.BigInt] (mapv class (json/read-str "[1,1.5,12345678901234567890]"))))
  (is (= java.math.BigInteger (class (first (ch/parse-string-strict "[12345678901234567890]")))))
  (is (= [1.5M 1E+3M 2] (json/read-str "[1.5, 1e3, 2]" :bigdec true)))
  (is (= [-9223372036854775808 9223372036854775807]
         (json/read-str "[-9223372036854775808, 9223372036854775807]")))
  (is (= 9223372036854775808N (json/read-str "9223372036854775808")))
  (is (= "[0.5,1.0E20,1.0E-7,100.0]" (json/write-str [1/2 1e20 1e-7 100.0]))))

(deftest errors-name-line-and-column
  (testing "data.json: its classes, with the position in the message"
    (let [e (try (json/read-str "{\"a\":\n  [1 2]}") (catch Exception e e))]
      (is (= Exception (class e)))
      (is (str/includes? (ex-message e) "line 2, column 6") (ex-message e)))
    (is (thrown? java.io.EOFException (json/read-str "")))
    (is (thrown? java.io.EOFException (json/read-str "[1,")))
    (is (thrown? java.io.EOFException (json/read-str "\"abc"))))
  (testing "cheshire: Jackson's classes"
    (let [e (try (ch/parse-string-strict "[1,\n\n 2 x]") (catch Exception e e))]
      (is (instance? com.fasterxml.jackson.core.JsonParseException e))
      (is (str/includes? (ex-message e) "line: 3, column: 4") (ex-message e)))
    (is (thrown? com.fasterxml.jackson.core.JsonParseException (ch/parse-string "{\"a\":")))
    (is (thrown? java.io.IOException (ch/parse-string-strict "[tru]")))
    (testing "a top-level array is parsed when realized, as cheshire's lazy one"
      (let [v (ch/parse-string "[1, x]")]
        (is (thrown? com.fasterxml.jackson.core.JsonParseException (doall v))))))
  (testing "no partial value: a bad document is an error wherever it goes wrong"
    (are [s] (thrown? Exception (json/read-str s))
      "[1,2" "{\"a\":1,}" "[1,]" "[01]" "[-]" "[1.]" "[1e]" "\"\\x\"" "[\"\u0001\"]"
      "{\"a\" 1}" "{1:2}" "[nul]" "[truex]" "\"\\ud800\"")))

(deftest deep-nesting-neither-overflows-nor-is-refused
  (let [n 20000
        text (str (apply str (repeat n "[")) (apply str (repeat n "]")))]
    (is (= n (loop [v (json/read-str text) d 1] (if (seq v) (recur (first v) (inc d)) d)))))
  (is (thrown? Exception (json/read-str (apply str (repeat 100000 "["))))))

(deftest options
  (is (= {:a {:b [1]}} (json/read-str "{\"a\":{\"b\":[1]}}" :key-fn keyword)))
  (is (= {"b" 2} (json/read-str "{\"a\":1,\"b\":2}" :value-fn (fn f [k v] (if (= k "a") f v)))))
  (is (= {:a 1} (ch/parse-string "{\"a\":1}" true)))
  (is (= {"A" 1} (ch/parse-string "{\"a\":1}" str/upper-case)))
  (is (= "{\"a/b\":1}" (ch/generate-string {:a/b 1})))
  (is (= "{\"b\":1}" (json/write-str {:a/b 1})))
  (is (= "{\"A\":1}" (json/write-str {:a 1} :key-fn #(str/upper-case (name %)))))
  (is (= "{\n  \"a\" : [ 1, 2 ]\n}" (ch/generate-string {:a [1 2]} {:pretty true})))
  (is (= "\"\\u00E9\"" (ch/generate-string "é" {:escape-non-ascii true})))
  (is (= "\"\\u00e9\\/\"" (json/write-str "é/")))
  (is (= :none (json/read-str "  " :eof-error? false :eof-value :none)))
  (is (nil? (ch/parse-string "")))
  (is (seq? (ch/parse-string "[1]")))
  (is (vector? (ch/parse-string-strict "[1]"))))

(deftest readers-and-writers
  (is (= {"a" [1 2]} (json/read (java.io.StringReader. "{\"a\":[1,2]}"))))
  (is (= [1 [2] {"a" 3}] (vec (ch/parsed-seq (java.io.StringReader. "1 [2] {\"a\":3}")))))
  (is (= ["é" "😀" [1] {"ü" "x"}]
         (vec (ch/parsed-seq (java.io.StringReader. "\"é\" \"😀\"[1]\n{\"ü\":\"x\"}")))))
  (is (= 10000 (count (ch/parsed-seq (java.io.StringReader. (apply str (repeat 10000 "{\"é\":[1]} ")))))))
  (is (= {:a 1} (ch/parse-stream (java.io.StringReader. "{\"a\":1}") true)))
  (is (= "{\"a\":1}" (let [w (java.io.StringWriter.)] (json/write {:a 1} w) (str w))))
  (is (= "[1,2]" (let [w (java.io.StringWriter.)] (ch/generate-stream [1 2] w) (str w)))))

(deftest values-are-read-one-at-a-time-from-a-reader
  ;; A stream of JSON values (one per line, or not): each read takes one
  ;; value and leaves the rest unread, so nothing is read ahead.
  (let [text "{\"n\":1}\n{\"n\":2}\n[3]  \"four\" 5 true null\n"]
    (let [r (java.io.PushbackReader. (java.io.StringReader. text))]
      (is (= [{"n" 1} {"n" 2} [3] "four" 5 true nil ::end]
             (vec (repeatedly 8 #(json/read r :eof-error? false :eof-value ::end))))))
    (let [r (java.io.BufferedReader. (java.io.StringReader. text))]
      (is (= {:n 1} (ch/parse-stream r true)))
      (is (= {:n 2} (ch/parse-stream r true)) "the second value is still there"))
    (is (= [{"n" 1} {"n" 2} [3] "four" 5 true nil]
           (ch/parsed-seq (java.io.BufferedReader. (java.io.StringReader. text))))))
  (testing "parsed-seq is lazy: a broken value fails only when reached"
    (let [s (ch/parsed-seq (java.io.BufferedReader. (java.io.StringReader. "1 2 [3,")))]
      (is (= [1 2] (take 2 s)))
      (is (thrown? java.io.IOException (doall s))))))
