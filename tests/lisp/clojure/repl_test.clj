(ns clojure.repl-test
  "clojure.repl: doc, source, dir, apropos, find-doc, pst."
  (:require [clojure.test :refer [deftest is testing]]
            [clojure.repl :refer [doc source dir apropos find-doc pst source-fn dir-fn]]
            [clojure.string :as str]))

(defn documented
  "Adds one."
  [x]
  (+ x 1))

(deftest doc-prints-the-metadata
  (is (= "-------------------------\nclojure.repl-test/documented\n([x])\n  Adds one.\n"
         (with-out-str (doc documented))))
  (is (str/includes? (with-out-str (doc when)) "Macro"))
  (is (str/includes? (with-out-str (doc if)) "Special Form"))
  (is (= "" (with-out-str (doc no-such-thing-anywhere)))))

(deftest source-reads-the-defining-file
  (is (= "(defn documented\n  \"Adds one.\"\n  [x]\n  (+ x 1))"
         (source-fn 'clojure.repl-test/documented)))
  (is (str/starts-with? (source-fn 'when) "(defmacro when") "from the core built into the binary")
  (is (nil? (source-fn 'inc)) "a native has no source")
  (is (= "Source not found\n" (with-out-str (source inc)))))

(deftest dir-and-apropos
  (is (= '(dir-and-apropos doc-prints-the-metadata documented errors-print find-doc-searches
           source-reads-the-defining-file)
         (dir-fn 'clojure.repl-test)))
  (is (str/includes? (with-out-str (dir clojure.repl-test)) "documented\n"))
  (is (some #{'clojure.core/update-in} (apropos "update-")))
  (is (some #{'clojure.core/update-in} (apropos #"^update-i"))))

(deftest find-doc-searches
  (is (str/includes? (with-out-str (find-doc "Adds one")) "clojure.repl-test/documented")))

(deftest errors-print
  (is (= "clojure.lang.ExceptionInfo: boom\n  data: {:k 1}\n"
         (with-out-str (pst (ex-info "boom" {:k 1})))))
  (is (str/includes?
       (with-out-str (pst (try (+ 9223372036854775807 1) (catch Exception e e))))
       "long overflow")))
