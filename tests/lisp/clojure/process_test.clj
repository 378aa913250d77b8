(ns clojure.process-test
  "babashka.process: processes as records of a process-local
  java.lang.Process and its streams, as babashka.process's README and API
  docs describe them (babashka.process is not in Debian, so these are
  checked against its documentation, not run on the JVM)."
  (:require [clojure.test :refer [deftest is testing]]
            [clojure.java.io :as io]
            [clojure.string :as str]
            [babashka.fs]
            [babashka.process :as p :refer [process sh shell check tokenize $]]))

(deftest tokenize-splits-as-a-shell-does
  (is (= ["ls" "-la"] (tokenize "ls -la")))
  (is (= ["ls" "-la"] (tokenize "  ls   -la  ")))
  (is (= ["echo" "a b" "c"] (tokenize "echo 'a b' c")))
  (is (= ["echo" "a b" "c"] (tokenize "echo \"a b\" c")))
  (is (= ["echo" "it's"] (tokenize "echo \"it's\"")))
  (is (= ["echo" "say \"hi\""] (tokenize "echo \"say \\\"hi\\\"\"")))
  (is (= ["a\\ b"] (tokenize "a\\ b")))
  (is (= ["git" "commit" "-m" "" "x"] (tokenize "git commit -m '' x")))
  (is (= [] (tokenize "")))
  (is (= ["x\ny"] (tokenize "'x\ny'"))))

(deftest process-streams-and-deref
  (let [p (process "echo hello")]
    (is (instance? babashka.process.Process p))
    (is (nil? (:exit p)))
    (is (= ["echo" "hello"] (:cmd p)))
    (is (= "hello\n" (slurp (:out p))))
    (is (= 0 (:exit @p))))
  (testing "a vector command, options first or last"
    (is (= "a b\n" (-> (process ["echo" "a b"]) :out slurp)))
    (is (= "/\n" (-> (process {:dir "/"} "pwd") :out slurp)))
    (is (= "/\n" (-> (process ["pwd"] {:dir "/"}) :out slurp))))
  (testing "arguments are made strings"
    (is (= "1 :a\n" (-> (process "echo" 1 :a) :out slurp))))
  (testing "deref with a timeout"
    (let [p (process "sleep 5")]
      (is (= ::late (deref p 50 ::late)))
      (p/destroy p)
      (is (= 143 (:exit @p))))))

(deftest sh-captures-strings
  (let [r (sh "sh -c" "echo out; echo err >&2; exit 2")]
    (is (= 2 (:exit r)))
    (is (= "out\n" (:out r)))
    (is (= "err\n" (:err r))))
  (is (= "abc" (:out (sh {:in "abc"} "cat"))))
  (is (= "x=1\n" (:out (sh {:extra-env {"X" "1"}} "sh -c" "echo x=$X"))))
  (is (= "ONLY=1\n" (:out (sh {:env {:ONLY 1}} "/usr/bin/env")))))

(deftest check-throws-on-non-zero-exit
  (is (= 0 (:exit (check (process "true")))))
  (let [e (try (check (process "sh -c" "echo bad >&2; exit 3")) nil
               (catch clojure.lang.ExceptionInfo e e))]
    (is (some? e))
    (is (= "bad\n" (ex-message e)))
    (is (= 3 (:exit (ex-data e))))
    (is (= ::p/error (:type (ex-data e)))))
  (let [e (try (check (sh "false")) nil (catch clojure.lang.ExceptionInfo e e))]
    (is (= "" (ex-message e)))
    (is (= 1 (:exit (ex-data e)))))
  (testing "a process derefed twice"
    (let [p @(process "echo twice")]
      (is (= p @p))
      (is (= 0 (:exit (check p))))))
  (let [e (try (check (process {:err :inherit} "false")) nil
               (catch clojure.lang.ExceptionInfo e e))]
    (is (= "failed" (ex-message e)))))

(deftest shell-checks-and-writes-files
  (let [f (str (System/getProperty "java.io.tmpdir") "/evelisp-shell-" (rand-int 1000000) ".txt")]
    (try
      (is (= 0 (:exit (shell {:out f} "echo" "to a file"))))
      (is (= "to a file\n" (slurp f)))
      (shell {:out :append :out-file f} "echo again")
      (is (= "to a file\nagain\n" (slurp f)))
      (shell {:out :write :out-file f} "echo over")
      (is (= "over\n" (slurp f)))
      (is (thrown? clojure.lang.ExceptionInfo (shell {:out f :err f} "false")))
      (is (= 1 (:exit (shell {:continue true :out f} "false"))))
      (finally (io/delete-file f true)))))

(deftest input-from-strings-streams-and-writers
  (testing "stdin as a writable stream, closed by the script"
    (let [p (process "cat")
          w (io/writer (:in p))]
      (.write w "written\n")
      (.close w)
      (is (= "written\n" (slurp (:out p))))))
  (testing "a reader as input"
    (is (= "from a reader" (:out (sh {:in (java.io.StringReader. "from a reader")} "cat")))))
  (testing ":out :string"
    (is (= "s\n" (:out @(process {:out :string} "echo s")))))
  (testing "a writer as :out gets the output at deref"
    (let [sw (java.io.StringWriter.)]
      @(process {:out sw} "echo into a writer")
      (is (= "into a writer\n" (str sw))))))

(deftest pipelines
  (testing "threading pipes :out to the next :in"
    (is (= "3" (-> (process "printf" "b\\na\\nb\\nc\\n")
                   (process "sort -u")
                   (process "wc -l")
                   :out slurp str/trim))))
  (testing "the processes run concurrently: an endless producer is stopped by its reader"
    (is (= "y\ny\n" (-> (process "yes") (process "head -n 2") :out slurp))))
  (testing "pipeline gives the processes of a chain"
    (let [procs (p/pipeline (-> (process "echo x") (process "cat")))]
      (is (= 2 (count procs)))
      (is (= [["echo" "x"] ["cat"]] (map :cmd procs)))))
  (testing "pipeline of builders, and start"
    (let [procs (p/pipeline (p/pb "echo piped") (p/pb "tr a-z A-Z"))]
      (is (= "PIPED\n" (slurp (:out (last procs))))))
    (is (= "ONE\n" (-> (p/start (p/pb "echo one")) (process "tr a-z A-Z") :out slurp)))))

(deftest destroy-and-alive
  (let [p (process "sleep 10")]
    (is (true? (p/alive? p)))
    (is (identical? p (p/destroy p)))
    (is (= 143 (:exit @p)))
    (is (false? (p/alive? p))))
  (let [p (process "sleep 10")]
    (p/destroy-tree p)
    (is (= 143 (:exit @p)))))

(deftest a-missing-program-is-an-io-exception
  (let [e (try (process "evelisp-no-such-program") nil (catch java.io.IOException e e))]
    (is (= "Cannot run program \"evelisp-no-such-program\": error=2, No such file or directory"
           (ex-message e))))
  (is (= "still fine\n" (:out (sh "echo still fine")))))

(deftest dollar-macro
  (let [x "interpolated"]
    (is (= "a interpolated\n" (-> ($ echo a ~x) :out slurp)))
    (is (= "/\n" (-> ($ {:dir "/"} pwd) :out slurp)))
    (is (= "tokenized words\n" (-> ($ "echo tokenized words") :out slurp)))))

(deftest files-and-paths-as-dir-input-and-output
  ;; java.io.File and java.nio.file.Path values (clojure.java.io,
  ;; babashka.fs) go where babashka.process takes a file.
  (let [d (babashka.fs/create-temp-dir)
        f (io/file (str d) "o.txt")]
    (is (= (str d "\n") (:out (sh {:dir d} "pwd"))) "a Path as :dir")
    @(process {:out f} "echo" "to a file")
    (is (= "to a file\n" (slurp f)) "a File as :out")
    @(process {:out (babashka.fs/path d "p.txt")} "echo" "to a path")
    (is (= "to a path\n" (slurp (io/file (str d) "p.txt"))) "a Path as :out")
    (is (= "to a file\n" (-> (process {:in f :out :string} "cat") deref :out))
        "a File as :in is read")
    (is (= "to a path\n" (-> (process {:in (babashka.fs/path d "p.txt") :out :string} "cat")
                             deref :out))
        "a Path as :in is read")
    (babashka.fs/delete-tree d)))

(deftest err-to-out-shares-the-output
  ;; `:err :out`: the error is written where the output goes, interleaved
  ;; in the order the child wrote them.
  (let [script "echo a; echo b >&2; echo c"]
    (is (= "a\nb\nc\n" (-> (process {:err :out :out :string} "sh" "-c" script) deref :out)))
    (is (= "a\nb\nc\n" (-> (process {:err :out} "sh" "-c" script) :out slurp))
        "a lazily read :out stream carries both")
    (is (= "a\nb\nc\n" (:out (sh {:err :out} "sh" "-c" script))))
    (let [d (babashka.fs/create-temp-dir)
          f (io/file (str d) "both.txt")]
      @(process {:out f :err :out} "sh" "-c" script)
      (is (= "a\nb\nc\n" (slurp f)) "a file as :out gets both")
      (babashka.fs/delete-tree d))))
