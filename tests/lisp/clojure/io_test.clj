(ns clojure.io-test
  "Local file I/O: slurp, spit, line-seq, file-seq and clojure.java.io
  (files are java.io.File values, = by path; readers and writers are
  process-local objects: host_objects_test.clj)."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.java.io :as io]))

(def tmp
  "A fresh directory path under the system's temporary directory."
  (io/file (System/getProperty "java.io.tmpdir")
           (str "evelisp-io-test-" (System/nanoTime) "-" (rand-int 1000000000))))

(deftest paths
  (are [x y] (= x (str y))
    "a/b" (io/file "a" "b")
    "a/b/c" (io/file "a/" "b/" "c")
    "a/b" (io/file "a//b/")
    "/" (io/file "/")
    "x.txt" (io/as-file "x.txt"))
  (is (= (io/file "a" "b") (io/file "a/b")) "files are = by path")
  (is (not= (io/file "a") "a") "a file is not its path string")
  (is (thrown? IllegalArgumentException (io/file "a" "/b"))
      "a child must be a relative path"))

(deftest spit-and-slurp
  (let [f (io/file tmp "a.txt")]
    (is (true? (io/make-parents f)))
    (is (false? (io/make-parents f)) "the parents exist now")
    (is (nil? (spit f "héllo\n")))
    (is (= "héllo\n" (slurp f)))
    (spit f 42 :append true)
    (spit f [1 "x"] :append true)
    (is (= "héllo\n42[1 \"x\"]" (slurp f)))
    (is (= "héllo\n42[1 \"x\"]" (slurp (io/reader f) :encoding "UTF-8")))
    (testing "slurp closes the reader; closing it again does nothing, as in Java"
      (is (= "héllo\n42[1 \"x\"]" (with-open [r (io/reader f)] (slurp r))))
      (let [w (io/writer f :append true)]
        (.close w)
        (is (nil? (.close w)))))
    (spit f "")
    (is (= "" (slurp f)))
    (is (true? (io/delete-file f)))
    (is (= :gone (io/delete-file f :gone)))))

(deftest line-seq-test
  (let [f (io/file tmp "lines.txt")]
    (io/make-parents f)
    (spit f "one\ntwo\r\nthree\r\n\nfive")
    (is (= '("one" "two" "three" "" "five") (line-seq (io/reader f))))
    (spit f "a\n")
    (is (= '("a") (line-seq f)))
    (spit f "")
    (is (nil? (line-seq (io/reader f))))
    (io/delete-file f)))

(deftest file-seq-test
  (let [d (io/file tmp "tree")]
    (io/make-parents (io/file d "sub" "x"))
    (spit (io/file d "b.txt") "b")
    (spit (io/file d "sub" "a.txt") "a")
    (is (= [d (io/file d "b.txt") (io/file d "sub") (io/file d "sub" "a.txt")]
           (vec (file-seq d))))
    (is (= [(io/file d "b.txt")] (vec (file-seq (io/file d "b.txt")))))
    (io/delete-file (io/file d "sub" "a.txt"))
    (io/delete-file (io/file d "sub"))
    (io/delete-file (io/file d "b.txt"))
    (io/delete-file d)))

(deftest errors-name-the-path
  (let [missing (io/file tmp "no-such-file.txt")]
    (is (thrown? java.io.IOException (slurp missing)))
    (is (= (str missing " (No such file or directory)")
           (try (slurp missing) (catch Exception e (ex-message e)))))
    (is (thrown? IOException (line-seq missing)))
    (is (thrown? IOException (spit (io/file tmp "no-dir" "x.txt") "x")))
    (is (thrown? IOException (io/delete-file missing)))
    (is (thrown? ClassCastException (slurp 42)))))

(deftest file-methods
  (testing "java.io.File's methods on a path"
    (are [x y] (= x y)
      "b.txt" (.getName (io/file "/a//b.txt"))
      "a" (.getName (io/file "/x/a/"))
      "" (.getName (io/file "/"))
      "/a" (.getParent (io/file "/a/b.txt"))
      "/" (.getParent (io/file "/a"))
      nil (.getParent (io/file "b.txt"))
      nil (.getParent (io/file "/"))
      "/a/b" (.getPath (io/file "/a//b/"))
      "/a/b" (.getAbsolutePath (io/file "/a//b/"))))
  (is (.endsWith (.getAbsolutePath (io/file "rel/x")) "/rel/x"))
  (is (.startsWith (.getAbsolutePath (io/file "rel/x")) "/"))
  (let [f (io/file tmp "methods" "f.txt")]
    (is (false? (.exists f)))
    (io/make-parents f)
    (spit f "x")
    (is (true? (.exists f)))
    (is (true? (.isFile f)))
    (is (false? (.isDirectory f)))
    (is (true? (.isDirectory (io/file tmp "methods"))))
    (is (false? (.isFile (io/file tmp "methods"))))
    (io/delete-file f)
    (is (false? (.exists f)))
    (io/delete-file (io/file tmp "methods"))))

(deftest cleanup
  (is (true? (io/delete-file tmp true))))

