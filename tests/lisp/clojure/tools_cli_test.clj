(ns clojure.tools-cli-test
  "clojure.tools.cli/parse-opts. The expected values are what tools.cli
  1.0.194 gives on JVM Clojure 1.11 (tests/libraries/tools_cli_*.clj has
  many more, compared line for line), except :multi and :post-validation,
  which come from later tools.cli releases and are tested as their
  documentation describes them."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.string :as str]
            [clojure.tools.cli :as cli]))

(def specs
  [["-p" "--port PORT" "Port number"
    :default 80
    :parse-fn #(Long/parseLong %)
    :validate [#(< 0 % 0x10000) "Must be a number between 0 and 65536"]]
   ["-H" "--hostname HOST" "Remote host" :default-fn (constantly "localhost") :default-desc "the host"]
   [nil "--detach" "Detach from controlling process"]
   ["-v" nil "Verbosity level" :id :verbosity :default 0 :update-fn inc]
   ["-q" "--[no-]quiet" "Quiet?"]
   ["-h" "--help"]])

(deftest options-and-arguments
  (let [{:keys [options arguments errors]}
        (cli/parse-opts ["-p" "8080" "-vvv" "--detach" "x" "--no-quiet" "y"] specs)]
    (is (= {:port 8080 :verbosity 3 :detach true :quiet false :hostname "localhost"} options))
    (is (= ["x" "y"] arguments))
    (is (nil? errors)))
  (are [args options] (= options (:options (cli/parse-opts args specs)))
    [] {:port 80 :verbosity 0 :hostname "localhost"}
    ["--port=22"] {:port 22 :verbosity 0 :hostname "localhost"}
    ["-p22"] {:port 22 :verbosity 0 :hostname "localhost"}
    ["-vp7"] {:port 7 :verbosity 1 :hostname "localhost"}
    ["-H" "h" "--quiet"] {:port 80 :verbosity 0 :hostname "h" :quiet true})
  (testing "-- ends the options"
    (is (= ["-v"] (:arguments (cli/parse-opts ["--" "-v"] specs)))))
  (testing ":in-order stops at the first argument"
    (is (= ["a" "-p" "1"] (:arguments (cli/parse-opts ["a" "-p" "1"] specs :in-order true)))))
  (testing ":no-defaults keeps only what the arguments set"
    (is (= {} (:options (cli/parse-opts [] specs :no-defaults true))))
    (is (= {:verbosity 1 :port 3} (:options (cli/parse-opts ["-v" "-p" "3"] specs :no-defaults true))))))

(deftest option-keys
  (is (= {:add ["1" "2"]}
         (:options (cli/parse-opts ["-a" "1" "-a" "2"]
                                   [["-a" "--add X" :default [] :assoc-fn (fn [m k v] (update m k conj v))]]))))
  (is (= {:verbose false} (:options (cli/parse-opts ["-q"] [["-q" "--quiet" :id :verbose :default true :parse-fn not]]))))
  (is (= {:v 2} (:options (cli/parse-opts ["-v" "-v"] [["-v" nil :id :v :update-fn (fnil inc 0)]]))))
  (testing ":default-fn sees the parsed options, and runs when the option is not given"
    (is (= {:why 2 :ex 20}
           (:options (cli/parse-opts ["-y" "2"] [["-x" "--ex X" :default-fn #(* 10 (:why %))]
                                                 ["-y" "--why Y" :default 9 :parse-fn #(Long/parseLong %)]])))))
  (testing ":multi passes the new value to :update-fn (a later tools.cli's key)"
    (is (= {:file ["a" "b" "c"]}
           (:options (cli/parse-opts ["-f" "a" "--file=b" "-fc"]
                                     [["-f" "--file NAME" :default [] :multi true :update-fn conj]])))))
  (testing ":post-validation validates the value after it is added"
    (let [spec [["-f" "--file NAME" :default [] :multi true :update-fn conj
                 :validate [#(<= (count %) 2) "At most two files"] :post-validation true]]]
      (is (= {:file ["a" "b"]} (:options (cli/parse-opts ["-f" "a" "-f" "b"] spec))))
      (is (= ["Failed to validate \"-f c\": At most two files"]
             (:errors (cli/parse-opts ["-f" "a" "-f" "b" "-f" "c"] spec))))))
  (testing "a :validate message may be a function of the value"
    (is (= ["Failed to validate \"-n 0\": 0 is not positive"]
           (:errors (cli/parse-opts ["-n" "0"] [["-n" "--num N" :parse-fn #(Long/parseLong %)
                                                 :validate [pos? #(str % " is not positive")]]]))))))

(deftest errors
  (are [args errs] (= errs (:errors (cli/parse-opts args specs)))
    ["-p" "0"] ["Failed to validate \"-p 0\": Must be a number between 0 and 65536"]
    ["-z"] ["Unknown option: \"-z\""]
    ["--zed=3"] ["Unknown option: \"--zed\""]
    ["--port"] ["Missing required argument for \"--port PORT\""]
    ["-p" "0" "-z" "-p"] ["Failed to validate \"-p 0\": Must be a number between 0 and 65536"
                          "Unknown option: \"-z\""
                          "Missing required argument for \"-p PORT\""])
  (is (= ["Error while parsing option \"-p x\": clojure.lang.ExceptionInfo: bad {:a 1}"]
         (:errors (cli/parse-opts ["-p" "x"] [["-p" "--port PORT" :parse-fn (fn [_] (throw (ex-info "bad" {:a 1})))]]))))
  (is (= ["need port" true]
         (:errors (cli/parse-opts [] [["-p" "--port PORT" :missing "need port"] ["-x" "--ex X" :missing true]]))))
  (testing ":strict refuses an option as the argument of another"
    (is (= ["Missing required argument for \"-p PORT\""]
           (:errors (cli/parse-opts ["-p" "--help"] specs :strict true))))
    (is (= {:port "--help"} (:options (cli/parse-opts ["-p" "--help"] [["-p" "--port PORT"] ["-h" "--help"]])))))
  (testing "bad option specs are assertion errors"
    (is (thrown? AssertionError (cli/parse-opts [] [["-a" nil "no id"]])))
    (is (thrown? AssertionError (cli/parse-opts [] [["-a" "--a"] ["-a" "--b"]])))
    (is (thrown? AssertionError (cli/parse-opts [] [["-a" "--a" :assoc-fn assoc :update-fn inc]])))))

(deftest summaries
  (is (= (str/join "\n" ["  -p, --port PORT      80        Port number"
                         "  -H, --hostname HOST  the host  Remote host"
                         "      --detach                   Detach from controlling process"
                         "  -v                             Verbosity level"
                         "  -q, --[no-]quiet               Quiet?"
                         "  -h, --help"])
         (:summary (cli/parse-opts [] specs))))
  (is (= "  -x, --ex X  no defaults\n  -y, --yy    flag with default"
         (:summary (cli/parse-opts [] [["-x" "--ex X" "no defaults"] ["-y" "--yy" "flag with default" :default false]]))))
  (is (= "  -x, --ex X  <computed>" (:summary (cli/parse-opts [] [["-x" "--ex X" :default-fn (constantly 5)]]))))
  (is (= "" (:summary (cli/parse-opts [] []))))
  (is (= ["-x, --ex X" "1" "d"] (cli/make-summary-part true {:id :x :short-opt "-x" :long-opt "--ex" :required "X" :desc "d" :default 1})))
  (is (= ["  a      b        c" "  dd     e        f"] (cli/format-lines [5 7 3] [["a" "b" "c"] ["dd" "e" "f"]])))
  (is (= {:ex 3 :z false} (cli/get-default-options [["-x" "--ex X" :default 3] ["-z" nil :id :z :default false]]))))
