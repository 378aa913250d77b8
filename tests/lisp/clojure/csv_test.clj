(ns clojure.csv-test
  "clojure.data.csv: read-csv and write-csv. The expected values are what
  data.csv 1.0.0 gives on JVM Clojure 1.11 (tests/libraries/csv_*.clj has
  more, compared line for line); the error positions are evelisp's own
  addition to data.csv's messages."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.data.csv :as csv]))

(defn- write-str [data & opts]
  (let [w (java.io.StringWriter.)]
    (apply csv/write-csv w data opts)
    (str w)))

(deftest reading-records
  (are [text records] (= records (csv/read-csv text))
    "a,b\nc,d" [["a" "b"] ["c" "d"]]
    "a,b\r\nc,d\r\n" [["a" "b"] ["c" "d"]]
    "a,b\rc,d" [["a" "b"] ["c" "d"]]
    "" []
    "\n" [[""]]
    "a\n\nb" [["a"] [""] ["b"]]
    ",," [["" "" ""]]
    " a , b " [[" a " " b "]]
    "a\"b,c" [["a\"b" "c"]]
    "\"\"" []
    "a\n\"\"\n" [["a"] [""]]
    "a\r" [["a"] [(str (char 0xFFFF))]]))

(deftest quoted-fields
  (are [text records] (= records (csv/read-csv text))
    "\"a,b\",c" [["a,b" "c"]]
    "\"a\nb\",c\nd" [["a\nb" "c"] ["d"]]
    "\"a\r\nb\"\r\n" [["a\r\nb"]]
    "\"say \"\"hi\"\"\"" [["say \"hi\""]]
    "\"\"\"\"" [["\""]]
    "x,\"\"" [["x" ""]]))

(deftest options
  (is (= [["a" "b;c"]] (csv/read-csv "a;\"b;c\"" :separator \;)))
  (is (= [["a;b" "it's"]] (csv/read-csv "'a;b';'it''s'" :separator \; :quote \')))
  (is (= [["a" "b"]] (csv/read-csv "a\tb" :separator \tab)))
  (is (= [["\"a\"" "b"]] (csv/read-csv "\"a\",b" :quote \'))))

(deftest laziness
  (testing "records are read as the seq is realized, one at a time"
    (let [r (java.io.StringReader. "a\nb\nc")
          s (csv/read-csv r)]
      (is (not (realized? s)))
      (is (= ["a"] (first s)))
      (is (= (int \b) (.read r)) "nothing past the first record was read")))
  (testing "the records before a malformed one are returned"
    (let [s (csv/read-csv "a\nb\n\"c")]
      (is (= [["a"] ["b"]] (take 2 s)))
      (is (thrown? Exception (doall s)))))
  (is (= 2000 (count (csv/read-csv (apply str (repeat 2000 "1,\"2\n3\",4\r\n")))))))

(deftest malformed-input
  (testing "an unclosed quoted field: data.csv's EOFException, with the place"
    (let [e (try (doall (csv/read-csv "x,y\nz,\"abc\ndef")) nil
                 (catch java.io.EOFException e e))]
      (is (some? e))
      (is (re-find #"^CSV error \(unexpected end of file\)" (ex-message e)))
      (is (re-find #"line 3, column 4" (ex-message e)) (ex-message e))
      (is (re-find #"opened at line 2, column 3" (ex-message e)) (ex-message e))))
  (testing "a character after a closing quote"
    (let [e (try (doall (csv/read-csv "a,b\n\"c\"d")) nil
                 (catch Exception e e))]
      (is (re-find #"^CSV error \(unexpected character: d\)" (ex-message e)))
      (is (re-find #"line 2, column 4" (ex-message e)) (ex-message e))))
  (is (thrown? Exception (doall (csv/read-csv "\"a\" ,b"))))
  (is (thrown? java.io.IOException (doall (csv/read-csv "\"a\"\""))))
  (testing "a separator that is not a character is refused when the seq is read"
    (is (thrown-with-msg? IllegalArgumentException #"separator must be a character"
                          (doall (csv/read-csv "a" :separator ";"))))))

(deftest writing
  (are [data opts text] (= text (apply write-str data opts))
    [["a" "b"] ["c" "d"]] [] "a,b\nc,d\n"
    [["a,b" "c\"d" "e\nf" "g\rh" "" " x"]] [] "\"a,b\",\"c\"\"d\",\"e\nf\",\"g\rh\",, x\n"
    [["a" "b"]] [:newline :cr+lf] "a,b\r\n"
    [["a;b" "c'd" 1 nil :k]] [:separator \; :quote \'] "'a;b';'c''d';1;;:k\n"
    [["a" "b"]] [:quote? (constantly true)] "\"a\",\"b\"\n"
    [["a,b"]] [:quote? (constantly false)] "a,b\n"
    [] [] ""
    [[]] [] "\n"))

(deftest round-trips
  (let [table [["plain" "with,comma" "with \"quotes\"" "multi\nline" "crlf\r\nline" "" "ünïcödé 日本"]
               ["" "" ""]
               ["x"]]]
    (is (= table (csv/read-csv (write-str table))))
    (is (= table (csv/read-csv (write-str table :newline :cr+lf))))
    (is (= table (csv/read-csv (write-str table :separator \; :quote \') :separator \; :quote \')))))
