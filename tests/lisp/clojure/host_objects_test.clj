(ns clojure.host-objects-test
  "Process-local host objects as values: readers, writers and streams of
  clojure.java.io, StringBuilder, the java.io constructors, with-open,
  binding *out* to a writer, and the interop forms (Class. ...), new, .,
  .. and import. Written so that JVM Clojure 1.11 passes it unchanged
  (run it with `clojure -M` to check)."
  (:require [clojure.test :refer [deftest is are testing]]
            [clojure.java.io :as io])
  (:import (java.io StringWriter StringReader BufferedReader)))

(def tmp
  "A fresh directory under the system's temporary directory."
  (str (System/getProperty "java.io.tmpdir") "/evelisp-host-test-"
       (System/nanoTime) "-" (rand-int 1000000000)))

(defn- path [name] (str tmp "/" name))

(deftest readers-and-writers-are-values
  (io/make-parents (path "a.txt"))
  (spit (path "a.txt") "one\ntwo\r\nthree")
  (testing "a reader passed to functions, kept in locals and collections"
    (let [r (io/reader (path "a.txt"))
          held [r :x]
          next-line (fn [rdr] (.readLine rdr))]
      (is (instance? java.io.BufferedReader r))
      (is (= "one" (next-line (first held))))
      (is (= ["two" "three" nil] [(.readLine r) (.readLine r) (.readLine r)]))
      (.close r)
      (is (thrown? java.io.IOException (.readLine r)))))
  (testing "line-seq and slurp take readers"
    (is (= ["one" "two" "three"] (with-open [r (io/reader (path "a.txt"))] (doall (line-seq r)))))
    (is (= "one\ntwo\r\nthree" (slurp (io/reader (path "a.txt")))))
    (is (= "one\ntwo\r\nthree" (slurp (io/input-stream (path "a.txt")))))
    (is (= ["one" "two" "three"]
           (with-open [r (BufferedReader. (StringReader. "one\ntwo\nthree\n"))]
             (vec (line-seq r))))))
  (testing "read and ready"
    (with-open [r (io/reader (StringReader. "hé"))]
      (is (= [104 233 -1] [(.read r) (.read r) (.read r)]))))
  (testing "writers write, append, flush and close"
    (with-open [w (io/writer (path "b.txt"))]
      (.write w "hello")
      (.newLine w)
      (.write w (int \x))
      (.append w "yz")
      (.flush w))
    (is (= "hello\nxyz" (slurp (path "b.txt"))))
    (with-open [w (io/writer (path "b.txt") :append true)]
      (.write w "!"))
    (is (= "hello\nxyz!" (slurp (path "b.txt"))))
    (spit (io/writer (path "c.txt")) "spat")
    (is (= "spat" (slurp (path "c.txt"))))
    (with-open [o (io/output-stream (path "d.txt"))]
      (io/copy "copied" o))
    (is (= "copied" (slurp (path "d.txt")))))
  (testing "with-open closes in reverse order, also when the body throws"
    (let [r (io/reader (path "a.txt"))]
      (is (thrown? Exception (with-open [x r] (throw (Exception. "boom")))))
      (is (thrown? java.io.IOException (.readLine r)))))
  (doseq [f ["a.txt" "b.txt" "c.txt" "d.txt"]] (io/delete-file (path f)))
  (io/delete-file tmp))

(deftest string-writer-and-binding-out
  (let [w (StringWriter.)]
    (binding [*out* w]
      (print "a" 1)
      (println [2])
      (.write *out* "z"))
    (is (= "a 1[2]\nz" (str w)))
    (is (= "a 1[2]\nz" (.toString w))))
  (is (= "x\n" (with-out-str (.write *out* "x") (newline)))))

(deftest string-builder
  (let [sb (StringBuilder. "ab")]
    (is (identical? sb (.append sb "cd")))
    (.append sb \e)
    (.append sb 12)
    (is (= "abcde12" (str sb)))
    (is (= 7 (.length sb)))
    (.setLength sb 4)
    (is (= "abcd" (.toString sb)))
    (.insert sb 0 "X")
    (is (= "Xabcd" (str sb)))
    (is (= "dcbaX" (str (.reverse sb))))
    (is (= \c (.charAt sb 1)))
    (.deleteCharAt sb 0)
    (is (= "cbaX" (str sb)))
    (is (= 2 (.indexOf sb "aX")))
    (is (= "ba" (.substring sb 1 3))))
  (is (= "" (str (StringBuilder.))))
  (is (= "" (str (StringBuilder. 16))))
  (is (= "abc" (str (reduce (fn [sb x] (.append sb x)) (StringBuilder.) ["a" "b" "c"])))))

(deftest interop-forms
  (is (= "ABC" (. "abc" toUpperCase)))
  (is (= "bc" (. "abc" (substring 1))))
  (is (= "bc" (. "abc" substring 1)))
  (is (= "BC" (.. "abc" toUpperCase (substring 1))))
  (is (= "ab" (str (new StringBuilder "ab"))))
  (is (= Long/MAX_VALUE (Long/MAX_VALUE)))
  (is (= 'java.util.Date (symbol (pr-str (import 'java.util.Date)))))
  (is (= 'java.util.ArrayList (symbol (pr-str (import '[java.util HashMap ArrayList])))))
  (is (= "x" (try (throw (IllegalStateException. "x"))
                  (catch IllegalStateException e (.getMessage e)))))
  (is (= "boom" (ex-message (RuntimeException. "boom")))))

(deftest printing-and-identity
  (let [sb (StringBuilder. "q")
        other (StringBuilder. "q")]
    (is (re-matches #"#object\[java.lang.StringBuilder 0x[0-9a-f]+ \"q\"\]" (pr-str sb)))
    (is (= sb sb))
    (is (not= sb other))
    (is (= (hash sb) (hash sb)))
    (is (= "java.lang.StringBuilder" (pr-str (class sb))))))

(deftest java-util-collections
  (let [al (java.util.ArrayList.)]
    (is (true? (.add al 1)))
    (.add al "x")
    (.add al 0 :z)
    (is (= [:z 1 "x"] (vec al) (into [] al)))
    (is (= 3 (count al) (.size al)))
    (is (= 1 (.get al 1)))
    (is (= '(:z 1 "x") (seq al)))
    (is (= [true 2 -1] [(.contains al "x") (.indexOf al "x") (.indexOf al "y")]))
    (is (true? (.remove al "x")))
    (is (= :z (.set al 0 :q)))
    (is (= "[:q 1]" (pr-str al)))
    (is (thrown? IndexOutOfBoundsException (.get al 5)))
    (.clear al)
    (is (.isEmpty al))
    (is (nil? (seq al))))
  (let [m (java.util.HashMap.)]
    (is (nil? (.put m "a" 1)))
    (is (= 1 (.put m "a" 2)))
    (is (= [2 true 9] [(.get m "a") (.containsKey m "a") (.getOrDefault m "b" 9)]))
    (is (= {"a" 2} (into {} m)))
    (is (= "{\"a\" 2}" (pr-str m)))
    (is (= 2 (.remove m "a")))
    (is (zero? (count m))))
  (is (= {:a 1} (into {} (java.util.HashMap. {:a 1}))))
  (let [s (java.util.HashSet. [1 2])]
    (is (= [true false true] [(.add s 3) (.add s 3) (.contains s 2)]))
    (is (= #{1 2 3} (set s)))
    (is (true? (.remove s 1)))
    (is (= [2 3] (sort (seq s)))))
  (let [l (java.util.LinkedList. [1 2])]
    (.addFirst l 0)
    (.addLast l 3)
    (is (= "(0 1 2 3)" (pr-str l)))
    (is (= [0 3] [(.removeFirst l) (.getLast l)]))
    (is (= [1 2 3] (map identity l))))
  (is (= [2 3] (map inc (java.util.ArrayList. [1 2])))))

(deftest java-lang-statics
  (are [x y] (= x y)
    "a,b" (String/join "," ["a" "b"])
    "1-null-2" (String/join "-" (list "1" nil "2"))
    "a" (Character/toString \a)
    15 (Character/digit \f 16)
    -1 (Character/digit \g 16)
    35 (Character/getNumericValue \z)
    true (Character/isSpaceChar \space)
    "1.5" (Double/toString 1.5)
    -1 (Double/compare 1.0 2.0)
    1 (Long/compare 3 1)
    -1 (Long/signum -5)
    8 (Long/bitCount 255)
    32 (Integer/bitCount -1)
    3 (Math/addExact 1 2)
    1 (Math/multiplyHigh Long/MAX_VALUE 4)
    4294967294 (Math/multiplyFull (int 2147483647) (int 2))
    2.220446049250313E-16 (Math/ulp 1.0)
    1.0000000000000002 (Math/nextUp 1.0)
    0.9999999999999999 (Math/nextDown 1.0)
    0.9999999999999999 (Math/nextAfter 1.0 0.0)
    -3.0 (Math/copySign 3.0 -1.0)
    1.0 (Math/IEEEremainder 10.0 3.0)
    10 (Math/getExponent 1024.0)
    7.0 (Math/fma 2.0 3.0 1.0)
    -5 (Math/negateExact 5)
    6 (Math/incrementExact 5)
    4 (Math/decrementExact 5)
    5 (Math/absExact -5)
    9223372036854775807 (Long/MAX_VALUE)
    -2147483648 Integer/MIN_VALUE
    "ff" (Long/toHexString 255)
    "1010" (Integer/toBinaryString 10)
    12 (Long/valueOf "12"))
  (is (= "long overflow" (try (Math/addExact Long/MAX_VALUE 1)
                              (catch ArithmeticException e (ex-message e)))))
  (is (= "integer overflow" (try (Math/toIntExact 3000000000)
                                 (catch ArithmeticException e (ex-message e))))))

(def sentinel "An (Object.) stored in a var: equal only to itself." (Object.))

(deftest plain-objects
  (let [other (Object.)]
    (is (= sentinel sentinel))
    (is (not= sentinel other))
    (is (.equals sentinel sentinel))
    (is (not (.equals sentinel other)))
    (is (= (hash sentinel) (.hashCode sentinel)))
    (is (= "java.lang.Object" (pr-str (class sentinel))))
    (is (instance? Object sentinel))
    (is (re-matches #"java.lang.Object@[0-9a-f]+" (str sentinel)))
    (is (= (str sentinel) (.toString sentinel)))
    (is (re-matches #"#object\[java.lang.Object 0x[0-9a-f]+ \"java.lang.Object@[0-9a-f]+\"\]"
                    (pr-str sentinel)))
    (is (= "x" (.toString "x")))
    (is (= "[1 2]" (.toString [1 2])))
    (is (.equals [1 2] [1 2]))))

(deftest files-list-their-entries
  (let [dir (str tmp "-list")
        f (io/file dir "b.txt")]
    (io/make-parents f)
    (spit f "b")
    (spit (io/file dir "a.txt") "a")
    (is (= [(str (io/file dir "a.txt")) (str f)]
           (sort (map str (.listFiles (io/file dir))))))
    (is (= ["a.txt" "b.txt"] (sort (vec (.list (io/file dir))))))
    (is (= "b.txt" (.getName f)))
    (is (.exists f))
    (is (.isDirectory (io/file dir)))
    (is (= (str (io/file dir)) (str (.getParentFile f))))
    (is (.delete (io/file dir "a.txt")))
    (is (.delete f))
    (is (.delete (io/file dir)))
    (is (nil? (.listFiles (io/file dir))))))
