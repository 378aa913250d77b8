(ns clojure.babashka-cli-test
  "babashka.cli. The expected values are the documented ones: the
  examples of babashka.cli's README.md and API.md (inputs and outputs as
  written there), plus the error data its README describes. Error messages
  name the option as a keyword (\"Unknown option: :foo\"), as the library's
  source of the version implemented does (the newest README writes --foo)."
  (:require [clojure.test :refer [deftest is testing are]]
            [clojure.string :as str]
            [babashka.cli :as cli]))

(defn- error-data
  "The ex-data of what (f) throws, or :no-error."
  [f]
  (try (f) :no-error
       (catch clojure.lang.ExceptionInfo e
         (assoc (ex-data e) :msg (ex-message e)))))

(deftest options
  (is (= {:port 1339} (cli/parse-opts ["--port" "1339"] {:spec {:port {:coerce :long}}})))
  (is (= {:port 1339} (cli/parse-opts ["-p" "1339"] {:spec {:port {:coerce :long :alias :p}}})))
  (is (= {:port 1339} (cli/parse-opts ["-p" "1339"] {:coerce {:port :long} :alias {:p :port}})))
  (is (= {:port 1339} (cli/parse-opts [":port" "1339"] {:coerce {:port :long}})))
  (testing "collections"
    (is (= {:paths ["src" "test"]}
           (cli/parse-opts ["--paths" "src" "--paths" "test"] {:spec {:paths {:coerce []}}})))
    (is (= {:paths ["src" "test"]}
           (cli/parse-opts ["--paths" "src" "test"] {:spec {:paths {:coerce []}}})))
    (is (= {:foo [:bar :baz]}
           (cli/parse-opts ["--foo" "bar" "--foo" "baz"] {:spec {:foo {:coerce [:keyword]}}})))
    (is (= {:foo #{1 2}} (cli/parse-opts ["--foo" "1" "--foo" "2" "--foo" "1"] {:coerce {:foo #{:long}}})))
    (is (= {:foo [1]} (cli/parse-opts ["--foo" "1"] {:coerce {:foo [:long]}})))
    (is (= {:foo ["a" "b" "c" "d" "e" "f"]}
           (cli/parse-opts ["--foo" "a,b" "--foo=c,d,e" "--foo" "f"]
                           {:spec {:foo {:collect (fn [coll v] (into (or coll []) (str/split v #",")))}}}))))
  (testing "a function as coercion"
    (is (= {:letter "a"} (cli/parse-opts ["--letter" "alpha"] {:spec {:letter {:coerce (fn [s] (subs s 0 1))}}}))))
  (testing "flags"
    (is (= {:verbose true} (cli/parse-opts ["--verbose"])))
    (is (= {:verbose [true true true]} (cli/parse-opts ["-v" "-v" "-v"] {:spec {:verbose {:alias :v :coerce []}}})))
    (is (= {:verbose true} (cli/parse-opts ["--verbose"] {:spec {:verbose {:coerce :boolean}}})))
    (is (= {:verbose [true true true]}
           (cli/parse-opts ["-v" "-v" "-v"] {:spec {:verbose {:alias :v :coerce [:boolean]}}})))
    (is (= {:verbose [true true true]} (cli/parse-opts ["-vvv"] {:spec {:verbose {:alias :v :coerce []}}})))
    (is (= {:a true :b true :c true} (cli/parse-opts ["-abc"])))
    (is (= {:colors false} (cli/parse-opts ["--no-colors"])))
    (is (= {:no-colors true} (cli/parse-opts ["--no-colors"] {:spec {:no-colors {}}})))
    (is (= {:a true :b "x"} (cli/parse-opts ["--a" "--b" "x"]))))
  (testing "--foo=bar"
    (is (= {:foo "bar"} (cli/parse-opts ["--foo=bar"])))
    (is (= {:foo 1 :bar true} (cli/parse-opts ["--foo=1" "--bar"]))))
  (testing "aliases with characters in common"
    (let [spec {:verbose {:alias :v :desc "Enable verbose output."}
                :very-verbose {:alias :vv :desc "Enable very verbose output."}}]
      (is (= {:verbose true} (cli/parse-opts ["-v"] {:spec spec})))
      (is (= {:very-verbose true} (cli/parse-opts ["-vv"] {:spec spec}))))))

(deftest keyword-style-options
  (is (= {:opts {:foo "bar"}} (cli/parse-args [":foo" "bar"])))
  (is (= {:args [":foo" "bar"] :opts {}} (cli/parse-args [":foo" "bar"] {:no-keyword-opts true})))
  (is (= {:args [":no" "mixing"] :opts {:foo "bar"}} (cli/parse-args ["--foo" "bar" ":no" "mixing"])))
  (is (= {:a :b} (cli/parse-opts [":a" ":b"])))
  (is (= {:a true :b 1} (cli/parse-opts [":a" ":b" "1"] {:coerce {:a :boolean}}))))

(deftest auto-coercion
  (is (= {:num 1339 :kw :foo :bool false :str "bar"}
         (cli/parse-opts ["--num" "1339" "--kw" ":foo" "--bool" "false" "--str" "bar"])))
  (let [m (cli/parse-opts ["--num" "1339" "--kw" ":foo" "--bool" "false" "--str" "bar"])]
    (is (int? (:num m)))
    (is (keyword? (:kw m)))
    (is (boolean? (:bool m)))
    (is (string? (:str m))))
  (are [s v] (= v (cli/auto-coerce s))
    "true" true
    "false" false
    "nil" nil
    "1" 1
    "-12" -12
    "1.5" 1.5
    "1/2" 1/2
    "1.2.3" "1.2.3"
    "-" "-"
    ":foo" :foo
    ":foo/bar" :foo/bar
    ":1" ":1"
    "foo" "foo"
    "True" "True")
  (is (= 5 (cli/auto-coerce 5)))
  (is (= :foo (cli/parse-keyword ":foo")))
  (is (= :foo (cli/parse-keyword "foo")))
  (is (= :a/b (cli/parse-keyword ":a/b"))))

(deftest coerce
  (are [s f v] (= v (cli/coerce s f))
    "1" :long 1
    "1" :int 1
    "-3" :long -3
    "1.5" :double 1.5
    "1" :double 1.0
    "1/3" :number 1/3
    "12" :number 12
    "true" :boolean true
    "TRUE" :boolean true
    "yes" :boolean false
    "true" :bool true
    "foo" :symbol 'foo
    "foo" :keyword :foo
    ":foo" :keyword :foo
    "123" :string "123"
    "[1 2]" :edn [1 2]
    "12" :auto 12
    "x" count 1)
  (is (= 5 (cli/coerce 5 :long)) "a value that is not a string is not coerced")
  (is (= "Coerce failure: cannot transform input \"abc\" to long"
         (:msg (error-data #(cli/coerce "abc" :long)))))
  (is (= {:input "1.5x" :coerce-fn :double}
         (dissoc (error-data #(cli/coerce "1.5x" :double)) :msg))))

(deftest arguments
  (is (= {:args ["ssh://foo"] :opts {:force true}}
         (cli/parse-args ["--force" "ssh://foo"] {:spec {:force {:coerce :boolean}}})))
  (is (= {:args ["ssh://foo"] :opts {:force true}}
         (cli/parse-args ["ssh://foo" "--force"] {:spec {:force {:coerce :boolean}}})))
  (is (= {:opts {:force "ssh://foo"}} (cli/parse-args ["--force" "ssh://foo"])))
  (is (= {:args ["ssh://foo"] :opts {:paths ["src" "test"]}}
         (cli/parse-args ["--paths" "src" "test" "--" "ssh://foo"] {:spec {:paths {:coerce []}}})))
  (is (= {:args ["-x" "y"] :opts {:a 1}} (cli/parse-args ["--a" "1" "--" "-x" "y"])))
  (is (= {:opts {:a 1}} (cli/parse-args ["--a" "1" "--"])))
  (testing "positional arguments are kept in the metadata of parse-opts"
    (let [m (cli/parse-opts ["foo" ":bar" "1"])]
      (is (= {:bar 1} m))
      (is (= {:args ["foo"]} (:org.babashka/cli (meta m))))))
  (testing "a negative number is a value, not an option"
    (is (= {:n -1} (cli/parse-opts ["--n" "-1"])))
    (is (= {:args ["-1"] :opts {:n true}} (cli/parse-args ["--n" "-1"] {:coerce {:n :boolean}})))))

(deftest args->opts
  (let [cli-opts {:spec {:force {:coerce :boolean}} :args->opts [:url]}]
    (is (= {:force true :url "ssh://foo"} (cli/parse-opts ["--force" "ssh://foo"] cli-opts)))
    (is (= {:url "ssh://foo" :force true} (cli/parse-opts ["ssh://foo" "--force"] cli-opts))))
  (is (= {:foo "arg1" :bar ["arg2" "arg3" "arg4"]}
         (cli/parse-opts ["arg1" "arg2" "arg3" "arg4"]
                         {:spec {:bar {:coerce []}} :args->opts (cons :foo (repeat :bar))})))
  (is (= {:foo :arg1 :bar ["arg2" "arg3"] :force true}
         (cli/parse-opts ["arg1" "arg2" "--force" "arg3"]
                         {:spec {:foo {:coerce :keyword} :bar {:coerce []} :force {:coerce :boolean}}
                          :args->opts (cons :foo (repeat :bar))})))
  (is (= {:args ["c"] :opts {:a 1 :b 2}}
         (cli/parse-args ["1" "2" "c"] {:args->opts [:a :b]}))))

(deftest restrict-require-validate
  (is (= {:cause :restrict :type :org.babashka/cli :msg "Unknown option: :foo" :option :foo}
         (select-keys (error-data #(cli/parse-args ["--foo"] {:spec {:bar {}} :restrict true}))
                      [:cause :type :msg :option])))
  (is (= {:opts {:bar 1}} (cli/parse-args ["--bar" "1"] {:spec {:bar {}} :restrict true})))
  (is (= :restrict (:cause (error-data #(cli/parse-opts ["--baz" "--qux"] {:spec {:baz {:desc "Baz"}} :restrict true})))))
  (is (= :restrict (:cause (error-data #(cli/parse-opts ["--baz" "--qux"] {:restrict [:baz]})))))
  (is (= {:cause :require :type :org.babashka/cli :msg "Required option: :bar" :option :bar}
         (select-keys (error-data #(cli/parse-args ["--foo"] {:spec {:bar {:require true}}}))
                      [:cause :type :msg :option])))
  (is (= :require (:cause (error-data #(cli/parse-opts [] {:require [:a]})))))
  (is (= {:a 1} (cli/parse-opts [] {:require [:a] :exec-args {:a 1}})))
  (let [e (error-data #(cli/parse-args ["--foo" "0"] {:spec {:foo {:validate pos?}}}))]
    (is (= :validate (:cause e)))
    (is (= "Invalid value for option :foo: 0" (:msg e)))
    (is (= 0 (:value e))))
  (is (= "Not a positive number: 0"
         (:msg (error-data #(cli/parse-args ["--foo" "0"]
                                            {:spec {:foo {:validate {:pred pos?
                                                                     :ex-msg (fn [m] (str "Not a positive number: " (:value m)))}}}})))))
  (is (= {:opts {:foo 1}} (cli/parse-args ["--foo" "1"] {:validate {:foo pos?}})))
  (is (= {:level :local} (cli/parse-opts ["--level" "local"] {:coerce {:level :keyword} :validate {:level #{:local :global}}})))
  (testing "coercion failures"
    (let [e (error-data #(cli/parse-opts ["--n" "x"] {:coerce {:n :long}}))]
      (is (= [:coerce :n "x" :org.babashka/cli] [(:cause e) (:option e) (:value e) (:type e)]))
      (is (= "Coerce failure: cannot transform input \"x\" to long" (:msg e))))
    (is (= "Coerce failure: cannot transform (implicit) true to long"
           (:msg (error-data #(cli/parse-opts ["--n"] {:coerce {:n :long}})))))))

(deftest error-fn
  (let [errors (atom [])
        result (cli/parse-opts ["--foo" "0" "--x"]
                               {:spec {:foo {:validate pos?} :bar {:require true}}
                                :restrict true
                                :error-fn (fn [data] (swap! errors conj data))})]
    (is (= {:foo 0 :x true} result))
    (is (= [[:restrict :x] [:require :bar] [:validate :foo]]
           (map (juxt :cause :option) @errors)))
    (is (every? #(= :org.babashka/cli (:type %)) @errors))
    (is (= {:foo {:validate pos?} :bar {:require true}} (:spec (first @errors)))))
  (testing "a coercion failure reported to error-fn leaves the option out"
    (is (= {:b 1} (cli/parse-opts ["--a" "x" "--b" "1"] {:coerce {:a :long} :error-fn (fn [_] nil)}))))
  (testing "the README's printing error-fn"
    (is (= "Missing required argument:\n  --foo <val> You know what this is.\n"
           (with-out-str
             (cli/parse-opts
              []
              {:spec {:foo {:desc "You know what this is." :ref "<val>" :require true}}
               :error-fn (fn [{:keys [spec cause msg option]}]
                           (if (= :require cause)
                             (println (str "Missing required argument:\n"
                                           (cli/format-opts {:spec (select-keys spec [option])})))
                             (println msg)))}))))))

(deftest exec-args-and-defaults
  (is (= {:foo 0 :bar 1} (cli/parse-opts ["--foo" "0"] {:exec-args {:bar 1}})))
  (is (= {:foo 0 :bar 42} (cli/parse-opts ["--foo" "0" "--bar" "42"] {:exec-args {:bar 1}})))
  (is (= {:opts {:foo 0 :bar 1}} (cli/parse-args ["--foo" "0"] {:exec-args {:bar 1}})))
  (is (= {:from :edn :to :json} (cli/parse-opts [] {:spec {:from {:default :edn} :to {:default :json}}})))
  (is (= {:from :transit :to :json}
         (cli/parse-opts ["--from" "transit"] {:spec {:from {:default :edn :coerce :keyword} :to {:default :json}}})))
  (is (= {:from :x} (cli/parse-opts [] {:spec {:from {:default :edn}} :exec-args {:from :x}}))))

(deftest spec->opts-and-merge-opts
  (is (= {:coerce {:port :long} :alias {:p :port} :require #{:port} :validate {:port pos?}
          :exec-args {:port 80}}
         (cli/spec->opts {:port {:coerce :long :alias :p :require true :validate pos? :default 80
                                 :desc "Port"}})))
  (is (= "Conflicting alias :p between :port and :path"
         (:msg (error-data #(cli/spec->opts [[:port {:alias :p}] [:path {:alias :p}]])))))
  (is (= {:coerce {:a :long :b :keyword} :args->opts [:x] :exec-args {:a 1}}
         (cli/merge-opts {:coerce {:a :long} :args->opts [:x]}
                         {:coerce {:b :keyword}}
                         {:exec-args {:a 1}})))
  (is (= {:require [:a :b]} (cli/merge-opts {:require [:a]} {:require [:b]})))
  (is (= {:restrict true} (cli/merge-opts {:restrict [:a]} {:restrict true}))))

(def spec
  {:from {:ref "<format>"
          :desc "The input format. <format> can be edn, json or transit."
          :coerce :keyword
          :alias :i
          :default-desc "edn"
          :default :edn}
   :to {:ref "<format>"
        :desc "The output format. <format> can be edn, json or transit."
        :coerce :keyword
        :alias :o
        :default-desc "json"
        :default :json}
   :pretty {:desc "Pretty-print output."
            :alias :p}
   :paths {:desc "Paths of files to transform."
           :coerce []
           :default ["src" "test"]
           :default-desc "src test"}})

(deftest format-opts
  (is (= (str "  -i, --from   <format> edn      The input format. <format> can be edn, json or transit.\n"
              "  -o, --to     <format> json     The output format. <format> can be edn, json or transit.\n"
              "      --paths           src test Paths of files to transform.\n"
              "  -p, --pretty                   Pretty-print output.")
         (cli/format-opts {:spec spec :order [:from :to :paths :pretty]})))
  (is (= (str "  -p, --pretty Pretty-print output.\n"
              "      --paths  Paths of files to transform.")
         (cli/format-opts {:spec [[:pretty {:desc "Pretty-print output." :alias :p}]
                                  [:paths {:desc "Paths of files to transform."}]]})))
  (is (= "    --a\n    --bb" (cli/format-opts {:spec [[:a {}] [:bb {}]] :indent 4})))
  (is (= "  --n 10 Number" (cli/format-opts {:spec {:n {:default 10 :desc "Number"}}})))
  (is (= {:from :edn :to :json :paths ["src" "test"]} (cli/parse-opts [] {:spec spec})))
  (is (= {:from :json :to :json :paths ["a"] :pretty true}
         (cli/parse-opts ["-i" "json" "--paths" "a" "-p"] {:spec spec}))))

(deftest format-table
  (is (= ["  alias option ref   default      description"
          "  -f,   --foo  <foo> yupyupyupyup Thingy"
          "  -b,   --bar  <bar> Mos def      Barbarbar"]
         (str/split-lines
          (cli/format-table
           {:rows (concat [["alias" "option" "ref" "default" "description"]]
                          (cli/opts->table
                           {:spec [[:foo {:alias :f :default "yupyupyupyup" :ref "<foo>" :desc "Thingy"}]
                                   [:bar {:alias :b :default "sure" :ref "<bar>" :desc "Barbarbar"
                                          :default-desc "Mos def"}]]}))
            :indent 2}))))
  (is (= ["  a    fooo bara  bazzz aa"
          "  foo  bar  bazzz"
          "  fooo bara bazzz"]
         (str/split-lines (cli/format-table {:rows [["a" "fooo" "bara" "bazzz" "aa"]
                                                    ["foo" "bar" "bazzz"]
                                                    ["fooo" "bara" "bazzz"]]
                                             :indent 2}))))
  (is (= ["     r1c1       r1c2       r1c3"
          "     r1c1 l2"
          "     r2c1 wider r2c2       r2c3"
          "                r2c2 l2    r2c3 l2"
          "                r2c2 l3"
          "     r3c1       r3c2 wider r3c3"
          "                           r3c3 l2"
          "                           r3c3 l3"]
         (str/split-lines (cli/format-table {:rows [["r1c1\nr1c1 l2" "r1c2" "r1c3"]
                                                    ["r2c1 wider" "r2c2\nr2c2 l2\nr2c2 l3" "r2c3\nr2c3 l2"]
                                                    ["r3c1" "r3c2 wider" "r3c3\nr3c3 l2\nr3c3 l3"]]
                                             :indent 5}))))
  (testing "ANSI escape codes take no width"
    (is (= "  \u001b[1mab\u001b[0m  c\n  xyz d"
           (cli/format-table {:rows [["\u001b[1mab\u001b[0m" "c"] ["xyz" "d"]]})))))

(deftest dispatch
  (let [table [{:cmds ["copy"] :fn identity :args->opts [:file]
                :spec {:dry-run {:coerce :boolean}}}
               {:cmds ["delete"] :fn identity :args->opts [:file]
                :spec {:recursive {:coerce :boolean} :depth {:coerce :long}}}
               {:cmds [] :fn (fn [m] (assoc m :fallback true))}]]
    (is (= {:dispatch ["copy"] :opts {:file "the-file" :dry-run true} :args nil}
           (cli/dispatch table ["copy" "the-file" "--dry-run"])))
    (is (= {:dispatch ["delete"] :opts {:file "f" :recursive true :depth 3} :args nil}
           (cli/dispatch table ["delete" "f" "--recursive" "--depth" "3"])))
    (is (= {:dispatch [] :opts {} :args ["other" "x"] :fallback true}
           (cli/dispatch table ["other" "x"]))))
  (let [root-spec {:foo {:coerce #(str "global-" %)}}
        sub1-spec {:bar {:coerce #(str "sub1-" %)}}
        sub2-spec {:baz {:coerce #(str "sub2-" %)}}
        tree {:spec root-spec
              :cmd {"sub1" {:fn identity :spec sub1-spec
                            :cmd {"sub2" {:fn identity :spec sub2-spec}}}}}
        table [{:cmds [] :spec root-spec}
               {:cmds ["sub1"] :fn identity :spec sub1-spec}
               {:cmds ["sub1" "sub2"] :fn identity :spec sub2-spec}]]
    (doseq [t [tree table]]
      (is (= {:dispatch ["sub1" "sub2"]
              :opts {:foo "global-a" :bar "sub1-b" :baz "sub2-c"}
              :args ["arg"]}
             (cli/dispatch t ["--foo" "a" "sub1" "--bar" "b" "sub2" "--baz" "c" "arg"])))
      (is (= {:dispatch ["sub1" "sub2"]
              :opts {:foo "global-a" :bar "b" :baz "sub2-c"}
              :args ["arg"]}
             (cli/dispatch t ["--foo" "a" "sub1" "sub2" "--bar" "b" "--baz" "c" "arg"])))))
  (let [table [{:cmds ["sub1"] :fn identity :args->opts [:some-opt]}
               {:cmds ["sub1" "sub2"] :fn identity}]]
    (is (= {:dispatch ["sub1"] :opts {:some-opt "dude"} :args nil} (cli/dispatch table ["sub1" "dude"])))
    (is (= {:dispatch ["sub1" "sub2"] :opts {} :args nil} (cli/dispatch table ["sub1" "sub2"]))))
  (testing ":restrict applies to the options of the level they are given at"
    (let [tree {:cmd {"group" {:spec {:registry {}}
                               :cmd {"sub" {:fn identity :spec {:format {}}}}}}}]
      (is (= {:dispatch ["group" "sub"] :opts {:registry "X"} :args nil}
             (cli/dispatch tree ["group" "--registry" "X" "sub"] {:restrict true})))
      (is (= [:restrict :registry]
             ((juxt :cause :option) (error-data #(cli/dispatch tree ["group" "sub" "--registry" "X"]
                                                               {:restrict true})))))))
  (testing "no matching command"
    (let [table [{:cmds ["a"] :fn identity} {:cmds ["b"] :fn identity}]
          e (error-data #(cli/dispatch table ["c"]))]
      (is (= [:no-match "c" :org.babashka/cli []] [(:cause e) (:wrong-input e) (:type e) (:dispatch e)]))
      (is (= #{"a" "b"} (set (:all-commands e))))
      (is (= :input-exhausted (:cause (error-data #(cli/dispatch table [])))))
      (is (= {:cause :no-match :wrong-input "c"}
             (cli/dispatch table ["c"] {:error-fn #(select-keys % [:cause :wrong-input])}))))))

(deftest lower-level-functions
  (is (= {:cmds ["foo" "bar"] :args ["--x" "1"]} (update (cli/parse-cmds ["foo" "bar" "--x" "1"]) :cmds vec)))
  (is (= [":x"] (vec (:cmds (cli/parse-cmds [":x"] {:no-keyword-opts true})))))
  (is (= 5 (cli/number-char? \5)))
  (is (nil? (cli/number-char? \a)))
  (is (= {:a 1 :b [:x :y] :c "s"}
         (cli/coerce-opts {:a "1" :b ["x" "y"] :c "s"} {:coerce {:a :long :b [:keyword]}})))
  (is (= {:a 1} (cli/validate-opts {:a 1} {:spec {:a {:require true :validate pos?}}})))
  (is (= :validate (:cause (error-data #(cli/validate-opts {:a -1} {:validate {:a pos?}})))))
  (is (= "ab   " (cli/pad 5 "ab")))
  (testing "a keyword in args names the option the next value is for"
    (is (= {:a 1 :b true} (cli/parse-opts [:a "1" :b])))))
