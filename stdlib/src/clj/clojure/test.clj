;; clojure.test, as Clojure 1.11's: deftest, is (extended by the
;; assert-expr multimethod), are, testing, fixtures, run-tests and friends.
;; Tests are vars whose metadata holds a :test function; results are
;; counted per run in an atom (*report-counters*) and reported by the
;; report multimethod, which dispatches on :type.
;;
;; Where it differs from Clojure: the file and line of a report come from
;; the `is` form's source position (evelisp/form-position), not from a
;; stack trace; fixtures live in a registry atom, not in the namespace's
;; metadata (namespaces carry none); *test-out* names a stream (nil, :out,
;; :err) because streams cannot be values in the shared env.

(ns clojure.test)

;;; State.

(def ^:dynamic *load-tests*
  "When false, deftest, deftest-, with-test and set-test define no tests."
  true)

(def ^:dynamic *report-counters*
  "An atom of the counts of the test run in progress (nil outside one)."
  nil)

(def *initial-report-counters*
  "The counts a test run starts from."
  {:test 0 :pass 0 :fail 0 :error 0})

(def ^:dynamic *testing-vars*
  "The test vars running, innermost first."
  (list))

(def ^:dynamic *testing-contexts*
  "The strings of the enclosing testing forms, innermost first."
  (list))

(def ^:dynamic *test-out*
  "Where reports are printed: nil for the thread's *out* at the time (so
  with-out-str captures them), :out for the process's standard output,
  :err for its standard error. (Streams are process-local and cannot be
  values in the shared env, so this names one.)"
  nil)

(def ^:dynamic *assertion-position*
  "The {:file :line} of the assertion being evaluated (bound by each `is`,
  and to the test's own position by test-var); do-report adds it to :fail
  and :error reports, as Clojure adds the place its stack trace names."
  nil)

(defonce ^:private fixtures-registry
  ;; {ns-name {:once [fixture...] :each [fixture...]}}
  (atom {}))

(defmacro with-test-out
  "Runs body with *out* going to *test-out*."
  [& body]
  `(evelisp.test/call-with-out *test-out* (fn [] ~@body)))

;;; Counting and reporting.

(defn inc-report-counter
  "Adds one to the counter name of the test run in progress, if any."
  [name]
  (when *report-counters*
    (swap! *report-counters* update name (fnil inc 0))))

(defn- file-name
  "The last part of a path: Clojure's reports name the file only."
  [path]
  (when path (re-find #"[^/]*$" path)))

(defn- position-of
  "{:file :line} of a form's source position, or of a var's metadata."
  [m]
  (when m
    {:file (file-name (:file m)) :line (:line m)}))

(defn testing-vars-str
  "The names of the tests running, outermost first, and the file and line
  of report m: \"(outer inner) (file.clj:12)\"."
  [m]
  (let [{:keys [file line]} m]
    (str (pr-str (apply list (map (fn [v] (:name (meta v))) (reverse *testing-vars*))))
         " (" file ":" line ")")))

(defn testing-contexts-str
  "The strings of the enclosing testing forms, outermost first, separated
  by spaces."
  []
  (apply str (interpose " " (reverse *testing-contexts*))))

(defmulti ^:dynamic report
  "Reports a test event, a map with :type (:pass :fail :error :summary
  :begin-test-ns :end-test-ns :begin-test-var :end-test-var). Extend it with
  defmethod, or rebind it, to change how results are reported."
  :type)

(defn- print-error
  "Prints an error value as Clojure's print-throwable does (class:
  message, its ex-data on the next line), then its causes."
  [e]
  (loop [e e first? true]
    (when e
      (when-not first? (print "Caused by: "))
      (print (str (str (class e)) ": " (ex-message e)))
      (when-let [data (ex-data e)]
        (print "\n")
        (pr data))
      (print "\n")
      (recur (ex-cause e) false))))

(defmethod report :default [m]
  (with-test-out (prn m)))

(defmethod report :pass [m]
  (with-test-out (inc-report-counter :pass)))

(defmethod report :fail [m]
  (with-test-out
    (inc-report-counter :fail)
    (println "\nFAIL in" (testing-vars-str m))
    (when (seq *testing-contexts*) (println (testing-contexts-str)))
    (when-let [message (:message m)] (println message))
    (println "expected:" (pr-str (:expected m)))
    (println "  actual:" (pr-str (:actual m)))))

(defmethod report :error [m]
  (with-test-out
    (inc-report-counter :error)
    (println "\nERROR in" (testing-vars-str m))
    (when (seq *testing-contexts*) (println (testing-contexts-str)))
    (when-let [message (:message m)] (println message))
    (println "expected:" (pr-str (:expected m)))
    (print "  actual: ")
    (let [actual (:actual m)]
      (if (instance? Throwable actual)
        (print-error actual)
        (prn actual)))))

(defmethod report :summary [m]
  (with-test-out
    (println "\nRan" (:test m) "tests containing"
             (+ (:pass m) (:fail m) (:error m)) "assertions.")
    (println (:fail m) "failures," (:error m) "errors.")))

(defmethod report :begin-test-ns [m]
  (with-test-out
    (println "\nTesting" (ns-name (:ns m)))))

(defmethod report :end-test-ns [m])
(defmethod report :begin-test-var [m])
(defmethod report :end-test-var [m])

(defn do-report
  "Adds the file and line of the assertion (or test) being run to a :fail
  or :error report m (m's own :file and :line win), then calls report."
  [m]
  (report (if (contains? #{:fail :error} (:type m))
            (merge *assertion-position* m)
            m)))

;;; Assertions.

(defn function?
  "Whether x is a function, or a symbol naming a var that holds a function
  (not a macro)."
  [x]
  (if (symbol? x)
    (when-let [v (try (resolve x) (catch :default _ nil))]
      (when (var? v)
        (let [value (try @v (catch :default _ nil))]
          (and (fn? value) (not (:macro (meta v)))))))
    (fn? x)))

(defn assert-predicate
  "The code of an assertion on (pred args...): the args evaluated once; a
  failure's :actual is (not (pred arg-values...))."
  [msg form]
  (let [args (rest form)
        pred (first form)]
    `(let [values# (list ~@args)
           result# (apply ~pred values#)]
       (if result#
         (do-report {:type :pass :message ~msg
                     :expected '~form :actual (cons ~pred values#)})
         (do-report {:type :fail :message ~msg
                     :expected '~form :actual (list '~'not (cons '~pred values#))}))
       result#)))

(defn assert-any
  "The code of an assertion that form's value is logical true."
  [msg form]
  `(let [value# ~form]
     (if value#
       (do-report {:type :pass :message ~msg :expected '~form :actual value#})
       (do-report {:type :fail :message ~msg :expected '~form :actual value#}))
     value#))

(defmulti assert-expr
  "The code that checks form for `is` (msg is its message): dispatches on
  form's first symbol as written (thrown?, thrown-with-msg?, instance?, or
  your own: (defmethod assert-expr 'roughly [msg form] ...)), :default for
  other forms and plain values, :always-fail for nil."
  (fn [msg form]
    (cond
      (nil? form) :always-fail
      (seq? form) (first form)
      :else :default)))

(defmethod assert-expr :always-fail [msg form]
  `(do-report {:type :fail :message ~msg}))

(defmethod assert-expr :default [msg form]
  (if (and (or (seq? form) (vector? form)) (function? (first form)))
    (assert-predicate msg form)
    (assert-any msg form)))

(defmethod assert-expr 'instance? [msg form]
  `(let [klass# ~(nth form 1)
         object# ~(nth form 2)]
     (let [result# (instance? klass# object#)]
       (if result#
         (do-report {:type :pass :message ~msg :expected '~form :actual (class object#)})
         (do-report {:type :fail :message ~msg :expected '~form :actual (class object#)}))
       result#)))

(defmethod assert-expr 'thrown? [msg form]
  ;; (is (thrown? Class body...)): body throws an error of Class; the error.
  (let [klass (second form)
        body (nthnext form 2)]
    `(try ~@body
          (do-report {:type :fail :message ~msg :expected '~form :actual nil})
          (catch ~klass e#
            (do-report {:type :pass :message ~msg :expected '~form :actual e#})
            e#))))

(defn message-matches?
  "Whether an error message matches re: a regex found in it (re-find), or,
  as an evelisp extension, a string it contains."
  [re message]
  (and (string? message)
       (if (string? re)
         (loop [i 0]
           (cond (> (+ i (count re)) (count message)) false
                 (= (subs message i (+ i (count re))) re) true
                 :else (recur (inc i))))
         (boolean (re-find re message)))))

(defmethod assert-expr 'thrown-with-msg? [msg form]
  ;; (is (thrown-with-msg? Class re body...)): body throws an error of
  ;; Class whose message matches re; the error.
  (let [klass (nth form 1)
        re (nth form 2)
        body (nthnext form 3)]
    `(try ~@body
          (do-report {:type :fail :message ~msg :expected '~form :actual nil})
          (catch ~klass e#
            (if (message-matches? ~re (ex-message e#))
              (do-report {:type :pass :message ~msg :expected '~form :actual e#})
              (do-report {:type :fail :message ~msg :expected '~form :actual e#}))
            e#))))

(defmacro try-expr
  "Checks form (assert-expr), reporting an error it throws; the report
  carries the file and line of the `is` (or try-expr) written in the
  source."
  [msg form]
  `(~'binding [*assertion-position* '~(position-of (evelisp/form-position &form))]
     (try ~(assert-expr msg form)
          (catch :default t#
            (do-report {:type :error :message ~msg :expected '~form :actual t#})))))

(defmacro is
  "Asserts that form is true, reporting a pass, a failure or an error
  (with msg, if given); the value of form. (is (pred args...)) reports the
  values the args had; (is (thrown? Class body...)) and (is
  (thrown-with-msg? Class re body...)) check an error; assert-expr says
  how each form is checked."
  ([form] `(try-expr nil ~form))
  ([form msg] `(try-expr ~msg ~form)))

(defn- replace-symbols
  "form with each symbol that is a key of smap replaced by its value,
  everywhere in it (as clojure.walk/postwalk-replace)."
  [smap form]
  (cond
    (and (symbol? form) (contains? smap form)) (get smap form)
    (seq? form) (apply list (map (fn [x] (replace-symbols smap x)) form))
    (vector? form) (mapv (fn [x] (replace-symbols smap x)) form)
    (map? form) (into {} (map (fn [[k v]] [(replace-symbols smap k) (replace-symbols smap v)])
                              form))
    (set? form) (into #{} (map (fn [x] (replace-symbols smap x)) form))
    :else form))

(defmacro are
  "(are [x y] (= x y) 1 1 2 2): one `is` of the template expr for each
  group of args, the args put in place of argv's symbols (as Clojure's
  do-template), so a failure shows the values written."
  [argv expr & args]
  (if (or (and (empty? argv) (empty? args))
          (and (pos? (count argv))
               (pos? (count args))
               (zero? (mod (count args) (count argv)))))
    (when (seq args)
      (apply list 'do
             (map (fn [group] `(is ~(replace-symbols (zipmap argv group) expr)))
                  (partition (count argv) args))))
    (throw (-illegal-argument "The number of args doesn't match are's argv."))))

(defmacro testing
  "Runs body with the string s added to the testing contexts, which
  failure reports show."
  [s & body]
  `(~'binding [*testing-contexts* (conj *testing-contexts* ~s)]
     ~@body))

;;; Defining tests.

(defmacro with-test
  "Defines definition (a def, defn...) and gives its var the test body."
  [definition & body]
  (if *load-tests*
    `(doto ~definition (alter-meta! assoc :test (fn [] ~@body)))
    definition))

(defmacro deftest
  "Defines a test: a var holding a function of no arguments that runs it
  (through test-var), its body in the var's :test metadata; run-tests
  finds it in its namespace."
  [name & body]
  (when *load-tests*
    `(do (def ~name (fn [] (test-var (var ~name))))
         (alter-meta! (var ~name) assoc :test (fn [] ~@body))
         (var ~name))))

(defmacro deftest-
  "Like deftest, the var private to its namespace."
  [name & body]
  (when *load-tests*
    `(do (def ~name (fn [] (test-var (var ~name))))
         (alter-meta! (var ~name) assoc :test (fn [] ~@body) :private true)
         (var ~name))))

(defmacro set-test
  "Gives the existing var name the test body."
  [name & body]
  (when *load-tests*
    `(alter-meta! (var ~name) assoc :test (fn [] ~@body))))

;;; Fixtures.

(defmulti use-fixtures
  "(use-fixtures :once f...) or (use-fixtures :each f...): the fixtures of
  the current namespace (replacing the earlier ones of that kind). A
  fixture is a function of one argument, a function it must call to run
  the tests: :once fixtures wrap all the namespace's tests, :each fixtures
  each test, the first given outermost."
  (fn [fixture-type & args] fixture-type))

(defn- set-fixtures! [kind fixtures]
  (swap! fixtures-registry assoc-in [(ns-name *ns*) kind] (vec fixtures))
  nil)

(defmethod use-fixtures :each [fixture-type & args]
  (set-fixtures! :each args))

(defmethod use-fixtures :once [fixture-type & args]
  (set-fixtures! :once args))

(defn- default-fixture
  "The fixture that only runs the tests."
  [f]
  (f))

(defn compose-fixtures
  "One fixture that runs f1 around f2."
  [f1 f2]
  (fn [g] (f1 (fn [] (f2 g)))))

(defn join-fixtures
  "One fixture that runs the fixtures, the first outermost."
  [fixtures]
  (reduce compose-fixtures default-fixture fixtures))

(defn- fixtures-of
  "The fixtures of kind of namespace ns (none for nil: the vars of the
  host tables carry no :ns)."
  [ns kind]
  (when ns
    (get-in @fixtures-registry [(ns-name ns) kind])))

;;; Running tests.

(defn test-var
  "Runs the test of var v (if it has one), reporting an error it throws
  outside any assertion."
  [v]
  (when-let [t (:test (meta v))]
    (binding [*testing-vars* (conj *testing-vars* v)
              *assertion-position* (position-of (meta v))]
      (do-report {:type :begin-test-var :var v})
      (inc-report-counter :test)
      (try (t)
           (catch :default e
             (do-report {:type :error :message "Uncaught exception, not in assertion."
                         :expected nil :actual e})))
      (do-report {:type :end-test-var :var v}))))

(defn- group-by-ns
  "[[ns vars]...] in the order the namespaces first appear in vars."
  [vars]
  (reduce (fn [groups v]
            (let [ns (:ns (meta v))
                  i (loop [i 0]
                      (cond (= i (count groups)) nil
                            (= ns (first (nth groups i))) i
                            :else (recur (inc i))))]
              (if i
                (update-in groups [i 1] conj v)
                (conj groups [ns [v]]))))
          [] vars))

(defn test-vars
  "Runs the tests of vars, grouped by namespace, each group inside its
  namespace's :once fixtures and each test inside its :each fixtures."
  [vars]
  (doseq [[ns vars] (group-by-ns vars)]
    (let [once-fixture-fn (join-fixtures (fixtures-of ns :once))
          each-fixture-fn (join-fixtures (fixtures-of ns :each))]
      (once-fixture-fn
       (fn []
         (doseq [v vars]
           (when (:test (meta v))
             (each-fixture-fn (fn [] (test-var v))))))))))

(defn- in-definition-order
  "The vars by the line they were defined at, then by name (Clojure runs
  them in hash order)."
  [vars]
  (sort-by (fn [v] [(or (:line (meta v)) 0) (str (:name (meta v)))]) vars))

(defn test-all-vars
  "Runs every test of namespace ns, with its fixtures."
  [ns]
  (test-vars (in-definition-order (vals (ns-interns ns)))))

(defn test-ns
  "Runs the tests of namespace ns (or a symbol naming it): its
  test-ns-hook function if it has one, else every test var with the
  fixtures; the counts."
  [ns]
  (binding [*report-counters* (atom *initial-report-counters*)]
    (let [ns-obj (the-ns ns)]
      (do-report {:type :begin-test-ns :ns ns-obj})
      (if-let [hook (get (ns-interns ns-obj) 'test-ns-hook)]
        (@hook)
        (test-all-vars ns-obj))
      (do-report {:type :end-test-ns :ns ns-obj}))
    @*report-counters*))

(defn- add-counts [a b]
  (reduce (fn [acc [k n]] (update acc k (fnil + 0) n)) a b))

(defn run-tests
  "Runs the tests of the namespaces (default: the current one), reports
  the summary; the total counts, with :type :summary."
  ([] (run-tests *ns*))
  ([& namespaces]
   (let [summary (assoc (reduce add-counts {} (map test-ns namespaces))
                        :type :summary)]
     (do-report summary)
     summary)))

(defn run-all-tests
  "Runs the tests of every namespace, or of those whose name re matches
  (re-matches), in the order of their names; the summary."
  ([] (apply run-tests (sort-by ns-name (all-ns))))
  ([re] (apply run-tests (sort-by ns-name (filter (fn [ns] (re-matches re (name (ns-name ns))))
                                                  (all-ns))))))

(defn run-test-var
  "Runs the test of var v with its namespace's fixtures, reports the
  summary; the summary."
  [v]
  (binding [*report-counters* (atom *initial-report-counters*)]
    (let [ns-obj (:ns (meta v))
          summary (do (do-report {:type :begin-test-ns :ns ns-obj})
                      (test-vars [v])
                      (do-report {:type :end-test-ns :ns ns-obj})
                      (assoc @*report-counters* :type :summary))]
      (do-report summary)
      summary)))

(defmacro run-test
  "Runs the test named test-symbol (with its fixtures, without
  test-ns-hook) and reports the summary; says so on *err* when the
  symbol names no test."
  [test-symbol]
  (let [test-var (resolve test-symbol)]
    (cond
      (nil? test-var)
      (evelisp.test/call-with-out :err
                                  (fn [] (println "Unable to resolve" test-symbol "to a test function.")))

      (not (:test (meta test-var)))
      (evelisp.test/call-with-out :err (fn [] (println test-symbol "is not a test.")))

      :else
      `(run-test-var (var ~(symbol (str (ns-name (:ns (meta test-var))))
                                   (str (:name (meta test-var)))))))))

(defn successful?
  "Whether a summary has no failures and no errors."
  [summary]
  (and (zero? (:fail summary 0)) (zero? (:error summary 0))))
