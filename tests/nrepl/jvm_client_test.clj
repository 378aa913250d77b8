;; JVM Clojure's own nREPL client (nREPL 1.0's nrepl.core, Debian's
;; libnrepl-clojure) against an evelisp nREPL server: run by
;; tests/nrepl_clients.rs as
;;   CLASSPATH=/usr/share/java/nrepl.jar clojure jvm_client_test.clj PORT
;; Exits 0 when every test passes, 1 otherwise.
(ns jvm-client-test
  (:require [clojure.test :refer [deftest is testing run-tests]]
            [clojure.string :as str]
            [nrepl.core :as nrepl]))

(def port (Long/parseLong (first *command-line-args*)))

(def ^:dynamic *client* nil)

(defn session [] (nrepl/client-session *client*))

(defn eval-in [s code & {:as extra}]
  (doall (nrepl/message s (merge {:op "eval" :code code} extra))))

(defn combined [responses] (nrepl/combine-responses responses))

(defn statuses [responses] (set (mapcat :status responses)))

(deftest describe-lists-the-ops-and-versions
  (let [r (combined (nrepl/message *client* {:op "describe"}))]
    (doseq [op ["clone" "close" "describe" "eval" "load-file" "interrupt"
                "ls-sessions" "stdin" "completions" "complete" "lookup"
                "info" "eldoc" "ls-middleware"]]
      (is (contains? (:ops r) (keyword op)) op))
    (is (= 1 (get-in r [:versions :clojure :major])))
    (is (= 11 (get-in r [:versions :clojure :minor])))
    (is (string? (get-in r [:versions :nrepl :version-string])))
    (is (contains? (:status r) "done"))))

(deftest eval-gives-a-value-per-form-with-the-ns
  (let [s (session)
        rs (eval-in s "(+ 1 2) (str \"a\" \"b\") [1 :k {:a nil}]")]
    (is (= [3 "ab" [1 :k {:a nil}]] (nrepl/response-values rs)))
    (is (= ["3" "\"ab\"" "[1 :k {:a nil}]"] (keep :value rs)))
    (is (every? #(= "user" (:ns %)) (filter :value rs)))
    (is (= "done" (last (mapcat :status rs))))
    (testing "*1 *2 *3 of the session"
      (is (= [[[1 :k {:a nil}] "ab" 3]] (nrepl/response-values (eval-in s "[*1 *2 *3]")))))))

(deftest output-is-streamed-as-it-is-printed
  (let [s (session)
        rs (eval-in s "(dotimes [i 3] (println i)) (print \"no newline\") (flush) (binding [*out* *err*] (println \"to err\")) :end")]
    (is (= "0\n1\n2\nno newline" (apply str (keep :out rs))))
    (is (= "to err\n" (apply str (keep :err rs))))
    (is (= :end (last (nrepl/response-values rs)))))
  (testing "output arrives while the evaluation still runs"
    (let [s (session)
          rs (nrepl/message s {:op "eval" :id "streaming" :code "(println \"early\") (loop [] (recur))"})]
      ;; The first response is the output: the loop never ends on its own.
      (is (= "early\n" (:out (first rs))))
      (nrepl/message s {:op "interrupt" :interrupt-id "streaming"})
      (is (contains? (statuses (doall rs)) "interrupted")))))

(deftest errors-give-ex-root-ex-and-err
  (let [s (session)
        rs (eval-in s "(/ 1 0)")
        r (combined rs)]
    (is (= "class java.lang.ArithmeticException" (:ex r)))
    (is (= "class java.lang.ArithmeticException" (:root-ex r)))
    (is (contains? (:status r) "eval-error"))
    (is (contains? (:status r) "done"))
    (is (str/includes? (:err r) "Divide by zero"))
    (is (nil? (:value r)))
    (testing "the error is *e"
      (is (= ["Divide by zero"] (nrepl/response-values (eval-in s "(ex-message *e)"))))))
  (testing "ex-info with a cause: root-ex is the cause's class"
    (let [r (combined (eval-in (session) "(throw (ex-info \"outer\" {:a 1} (ArithmeticException. \"inner\")))"))]
      (is (= "class clojure.lang.ExceptionInfo" (:ex r)))
      (is (= "class java.lang.ArithmeticException" (:root-ex r)))))
  (testing "the forms after a failing one still run"
    (let [rs (eval-in (session) "(inc nil) (+ 2 3)")]
      (is (= [5] (nrepl/response-values rs)))
      (is (contains? (statuses rs) "eval-error"))))
  (testing "positions come from file, line and column"
    (let [r (combined (eval-in (session) "(inc nil)" :file "src/app/core.clj" :line 10 :column 5))]
      (is (str/includes? (:err r) "src/app/core.clj:10:5") (:err r))))
  (testing "System/exit ends the request, not the server"
    (let [s (session)
          r (combined (eval-in s "(System/exit 3) :not-reached"))]
      (is (= "class java.lang.SecurityException" (:ex r)))
      (is (nil? (:value r)))
      (is (= [3] (nrepl/response-values (eval-in s "(+ 1 2)"))))))
  (testing "a reading error"
    (let [r (combined (eval-in (session) "(+ 1"))]
      (is (contains? (:status r) "eval-error"))
      (is (string? (:err r))))))

(deftest interrupt-stops-a-running-eval-and-the-session-goes-on
  (let [s (session)
        running (nrepl/message s {:op "eval" :id "spin" :code "(loop [] (recur))"})
        ir (doall (nrepl/message s {:op "interrupt" :interrupt-id "spin"}))]
    (is (contains? (statuses ir) "done"))
    (is (contains? (statuses (doall running)) "interrupted"))
    (is (= [2] (nrepl/response-values (eval-in s "(+ 1 1)"))))
    (testing "a sleeping eval"
      (let [sleeping (nrepl/message s {:op "eval" :id "nap" :code "(Thread/sleep 600000)"})]
        (Thread/sleep 300)
        (nrepl/message s {:op "interrupt" :interrupt-id "nap"})
        (is (contains? (statuses (doall sleeping)) "interrupted"))))
    (testing "nothing running"
      (is (contains? (statuses (doall (nrepl/message s {:op "interrupt"}))) "session-idle")))
    (is (= [3] (nrepl/response-values (eval-in s "(+ 1 2)"))))))

(deftest load-file-evaluates-a-file-with-its-name-in-positions
  (let [s (session)
        rs (doall (nrepl/message s {:op "load-file"
                                     :file "(ns jvm.loaded)\n(defn g [] 7)\n(g)\n"
                                     :file-path "jvm/loaded.clj" :file-name "loaded.clj"}))]
    (is (= [7] (nrepl/response-values rs)))
    (is (not-any? :ns rs) "load-file answers without ns, as nREPL's")
    (is (= [7] (nrepl/response-values (eval-in s "(jvm.loaded/g)"))))
    (is (= ["user"] (keep :ns (eval-in s "1"))) "the session's namespace is unchanged"))
  (let [r (combined (nrepl/message (session) {:op "load-file"
                                               :file "(ns jvm.bad)\n\n(undefined-thing)\n"
                                               :file-path "jvm/bad.clj"}))]
    (is (contains? (:status r) "eval-error"))
    (is (str/includes? (:err r) "jvm/bad.clj:3:1") (:err r))))

(deftest sessions-have-their-own-ns-and-results
  (let [a (session) b (session)]
    (eval-in a "(ns jvm.session-a) (def here :a)")
    (is (= ["jvm.session-a"] (keep :ns (eval-in a "1"))))
    (is (= ["user"] (keep :ns (eval-in b "1"))))
    (is (= [:a] (nrepl/response-values (eval-in b "jvm.session-a/here"))) "definitions are shared")
    (eval-in a ":from-a")
    (is (= [:a] (nrepl/response-values (eval-in b "*1"))) "*1 is per session")
    (is (= [:from-a] (nrepl/response-values (eval-in a "*1"))))
    (testing "eval with :ns"
      (let [rs (eval-in b "here" :ns "jvm.session-a")]
        (is (= [:a] (nrepl/response-values rs)))
        (is (= ["jvm.session-a"] (keep :ns rs))))
      (is (contains? (statuses (eval-in b "1" :ns "no.such.ns")) "namespace-not-found")))
    (let [ids (set (:sessions (combined (nrepl/message *client* {:op "ls-sessions"}))))]
      (is (<= 2 (count ids)))
      (let [clone (combined (nrepl/message *client* {:op "clone"}))
            new-id (:new-session clone)]
        (is (contains? (set (:sessions (combined (nrepl/message *client* {:op "ls-sessions"})))) new-id))
        (is (contains? (:status (combined (nrepl/message *client* {:op "close" :session new-id}))) "session-closed"))
        (is (not (contains? (set (:sessions (combined (nrepl/message *client* {:op "ls-sessions"})))) new-id)))
        (is (contains? (:status (combined (nrepl/message *client* {:op "eval" :code "1" :session new-id}))) "unknown-session"))))))

(deftest read-line-asks-for-input
  (let [s (session)
        rs (nrepl/message s {:op "eval" :code "(str \"got \" (read-line))"})]
    (is (contains? (set (:status (first rs))) "need-input"))
    (is (contains? (statuses (nrepl/message s {:op "stdin" :stdin "hello\n"})) "done"))
    (is (= ["got hello"] (nrepl/response-values rs)))))

(deftest completions-come-from-the-shared-env
  (let [s (session)]
    (eval-in s "(defn jvm-unique-fn \"Doubles x.\" [x] (* 2 x)) (defmacro jvm-unique-mac [] 1) (def jvm-unique-var 1) (require '[clojure.string :as cstr]) :jvm-unique-kw")
    (let [cs (:completions (combined (nrepl/message s {:op "completions" :prefix "jvm-unique"})))]
      (is (= #{{:candidate "jvm-unique-fn" :type "function" :ns "user"}
               {:candidate "jvm-unique-mac" :type "macro" :ns "user"}
               {:candidate "jvm-unique-var" :type "var" :ns "user"}}
             (set cs))))
    (is (some #{"clojure.string/join"} (map :candidate (:completions (combined (nrepl/message s {:op "completions" :prefix "clojure.string/jo"}))))))
    (is (some #{"cstr/join"} (map :candidate (:completions (combined (nrepl/message s {:op "completions" :prefix "cstr/jo"}))))))
    (is (some #{":jvm-unique-kw"} (map :candidate (:completions (combined (nrepl/message s {:op "completions" :prefix ":jvm-uni"}))))))
    (is (some #{"jvm-unique-fn"} (map :candidate (:completions (combined (nrepl/message s {:op "complete" :prefix "jvm-unique-f"}))))) "CIDER's complete")
    (is (contains? (statuses (nrepl/message s {:op "completions" :prefix "x" :ns "no.such.ns"})) "namespace-not-found"))))

(deftest lookup-info-and-eldoc
  (let [s (session)]
    (eval-in s "(defn jvm-documented \"Adds one.\" [x] (inc x))")
    (let [info (:info (combined (nrepl/message s {:op "lookup" :sym "map"})))]
      (is (= "clojure.core" (:ns info)))
      (is (= "map" (:name info)))
      (is (str/includes? (:arglists-str info) "[f coll]"))
      (is (string? (:file info)))
      (is (integer? (:line info))))
    (let [r (combined (nrepl/message s {:op "info" :sym "jvm-documented"}))]
      (is (= "Adds one." (:doc r)))
      (is (= "user" (:ns r)))
      (is (= "([x])" (:arglists-str r))))
    (let [r (combined (nrepl/message s {:op "eldoc" :sym "jvm-documented"}))]
      (is (= [["x"]] (:eldoc r)))
      (is (= "function" (:type r))))
    (is (contains? (:status (combined (nrepl/message s {:op "info" :sym "no-such-thing-here"}))) "no-info"))))

(deftest a-definition-for-other-processes
  (is (= ["#'user/from-nrepl"] (keep :value (eval-in (session) "(defn from-nrepl [x] (* 2 x))")))))

(deftest other-ops
  (is (contains? (statuses (nrepl/message *client* {:op "frobnicate"})) "unknown-op"))
  (is (seq (:middleware (combined (nrepl/message *client* {:op "ls-middleware"})))))
  (is (contains? (statuses (nrepl/message *client* {:op "eval"})) "no-code")))

(defn -main []
  (let [result (with-open [conn (nrepl/connect :port port)]
                 (binding [*client* (nrepl/client conn 60000)]
                   (run-tests 'jvm-client-test)))]
    (shutdown-agents)
    (System/exit (if (zero? (+ (:fail result) (:error result))) 0 1))))

(-main)
