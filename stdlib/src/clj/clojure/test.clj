;; clojure.test: deftest, is, are, testing, run-tests, as in Clojure.
;; Tests are vars whose metadata holds a :test function; results are
;; counted per run in an atom and reported to *out*.

(ns clojure.test)

(declare reverse-list report-to-out contains-text? range-v sort-by-name)

(def ^:dynamic *report-counters* nil)
(def ^:dynamic *testing-vars* (list))
(def ^:dynamic *testing-contexts* (list))

(defn- inc-counter [k]
  (when *report-counters*
    (swap! *report-counters* update k (fn [n] (inc (or n 0))))))

(defn testing-vars-str
  "The names of the tests running, innermost first, as (ns/a ns/b)."
  []
  (str "(" (reduce (fn [acc v]
                     (let [m (meta v)
                           n (str (ns-name (:ns m)) "/" (:name m))]
                       (if (= acc "") n (str acc " " n))))
                   "" (reverse-list *testing-vars*))
       ")"))

(defn- reverse-list [xs] (reduce (fn [acc x] (cons x acc)) (list) xs))

(defn testing-contexts-str
  "The strings of the enclosing testing forms, outermost first."
  []
  (reduce (fn [acc s] (if (= acc "") s (str acc " " s)))
          "" (reverse-list *testing-contexts*)))

(defn report
  "Reports one assertion result (a map with :type) to *out*."
  [m]
  (report-to-out m))

(defn- report-to-out [m]
  (let [t (:type m)]
    (cond
      (= t :pass) (inc-counter :pass)
      (= t :fail)
      (do (inc-counter :fail)
          (println)
          (println (str "FAIL in " (testing-vars-str)))
          (when (seq *testing-contexts*) (println (testing-contexts-str)))
          (when (:message m) (println (:message m)))
          (println "expected:" (pr-str (:expected m)))
          (println "  actual:" (pr-str (:actual m))))
      (= t :error)
      (do (inc-counter :error)
          (println)
          (println (str "ERROR in " (testing-vars-str)))
          (when (seq *testing-contexts*) (println (testing-contexts-str)))
          (when (:message m) (println (:message m)))
          (println "expected:" (pr-str (:expected m)))
          (println "  actual:" (let [a (:actual m)]
                                 (if (ex-message a)
                                   (str "error: " (ex-message a) " " (pr-str (ex-data a)))
                                   (pr-str a)))))
      (= t :begin-test-ns)
      (do (println)
          (println "Testing" (ns-name (:ns m))))
      :else nil)))

(defn do-report [m] (report m))

(defn- assert-predicate
  "(is (pred args...)): evaluates the args, reports the call's result."
  [msg form]
  (let [pred (first form)
        args (next form)
        vals (gensym "values__")
        result (gensym "result__")]
    (list 'clojure.core/let [vals (cons 'clojure.core/list args)
                             result (list 'clojure.core/apply pred vals)]
          (list 'if result
                (list 'clojure.test/do-report
                      {:type :pass :message msg :expected (list 'quote form)})
                (list 'clojure.test/do-report
                      {:type :fail :message msg :expected (list 'quote form)
                       :actual (list 'clojure.core/list ''not
                                     (list 'clojure.core/cons (list 'quote pred) vals))}))
          result)))

(defn- assert-thrown
  "(is (thrown? Class body...)) and (is (thrown-with-msg? Class re body...))."
  [msg form]
  (let [[kind klass & more] form
        with-msg (= kind 'thrown-with-msg?)
        expected-msg (when with-msg (first more))
        body (if with-msg (next more) more)
        e (gensym "e__")]
    (list 'try
          (cons 'do body)
          (list 'clojure.test/do-report
                {:type :fail :message msg :expected (list 'quote form) :actual nil})
          (list 'catch klass e
                (if with-msg
                  (list 'if (list 'clojure.test/message-matches? expected-msg (list 'clojure.core/ex-message e))
                        (list 'clojure.test/do-report {:type :pass :message msg :expected (list 'quote form)})
                        (list 'clojure.test/do-report {:type :fail :message msg :expected (list 'quote form)
                                                       :actual e}))
                  (list 'clojure.test/do-report {:type :pass :message msg :expected (list 'quote form)}))
                e))))

(defn message-matches?
  "Whether an error message matches: a regex found in it (re-find), or a
  string it contains."
  [expected message]
  (and (string? message)
       (if (string? expected)
         (contains-text? message expected)
         (boolean (re-find expected message)))))

(defn- contains-text? [s part]
  (let [n (count part)
        m (count s)]
    (loop [i 0]
      (cond (> (+ i n) m) false
            (= (subs s i (+ i n)) part) true
            :else (recur (inc i))))))

(defn assert-expr
  "The code for (is form msg)."
  [msg form]
  (cond
    (and (seq? form) (contains? #{'thrown? 'thrown-with-msg?} (first form)))
    (assert-thrown msg form)
    (and (seq? form) (symbol? (first form))
         (not (contains? #{'let 'let* 'if 'do 'when 'fn 'fn* 'and 'or 'cond 'not} (first form)))
         (let [v (resolve (first form))]
           (not (and v (:macro (meta v))))))
    (assert-predicate msg form)
    :else
    (let [value (gensym "value__")]
      (list 'clojure.core/let [value form]
            (list 'if value
                  (list 'clojure.test/do-report {:type :pass :message msg :expected (list 'quote form)})
                  (list 'clojure.test/do-report {:type :fail :message msg :expected (list 'quote form)
                                                 :actual value}))
            value))))

(defmacro is
  "Asserts that form is true; reports a pass, a failure or an error."
  ([form] (list 'clojure.test/is form nil))
  ([form msg]
   (let [e (gensym "e__")]
     (list 'try
           (assert-expr msg form)
           (list 'catch :default e
                 (list 'clojure.test/do-report
                       {:type :error :message msg :expected (list 'quote form) :actual e})
                 nil)))))

(defmacro testing
  "Runs body with string s added to the testing contexts."
  [s & body]
  (list 'binding ['clojure.test/*testing-contexts*
                               (list 'clojure.core/cons s 'clojure.test/*testing-contexts*)]
        (cons 'do body)))

(defmacro are
  "(are [x y] (= x y) 1 1 2 2): the template checked with each group of args."
  [argv expr & args]
  (let [n (count argv)]
    (cons 'do
          (loop [args (seq args) out []]
            (if args
              (let [group (loop [i 0 s args acc []]
                            (if (< i n) (recur (inc i) (next s) (conj acc (first s))) acc))]
                (recur (nthnext args n)
                       (conj out (list 'clojure.test/is
                                       (list 'clojure.core/let
                                             (reduce (fn [acc i] (conj acc (nth argv i) (nth group i)))
                                                     [] (range-v n))
                                             expr)))))
              (seq out))))))

(defn- range-v [n] (loop [i 0 acc []] (if (< i n) (recur (inc i) (conj acc i)) acc)))

(defmacro deftest
  "Defines a test: a function of no arguments, registered in its
  namespace for run-tests."
  [name & body]
  (let [f (gensym "test__")]
    (list 'do
          (list 'def name (list 'clojure.core/fn [] (list 'clojure.test/test-var (list 'var name))))
          (list 'clojure.core/alter-meta! (list 'var name) 'clojure.core/assoc
                :test (cons 'clojure.core/fn (cons [] body)))
          (list 'var name))))

(defn test-var
  "Runs the test in var v, reporting an uncaught error."
  [v]
  (when-let [t (:test (meta v))]
    (binding [*testing-vars* (cons v *testing-vars*)]
      (inc-counter :test)
      (try (t)
           (catch :default e
             (do-report {:type :error :message "Uncaught error, not in assertion."
                         :expected nil :actual e}))))))

(defn- ns-tests [ns]
  (let [vars (vals (ns-interns ns))]
    (sort-by-name (filterv (fn [v] (:test (meta v))) vars))))

(defn- sort-by-name
  "Tests in the order of their definition (by line), then name."
  [vs]
  (reduce (fn [sorted v]
            (let [before? (fn [a b] (< (or (:line (meta a)) 0) (or (:line (meta b)) 0)))]
              (loop [in sorted out []]
                (cond (empty? in) (conj out v)
                      (before? v (first in)) (into (conj out v) in)
                      :else (recur (next in) (conj out (first in)))))))
          [] vs))

(defn test-ns
  "Runs every test of namespace ns; the counts."
  [ns]
  (let [ns (the-ns ns)]
    (binding [*report-counters* (atom {:test 0 :pass 0 :fail 0 :error 0})]
      (do-report {:type :begin-test-ns :ns ns})
      (doseq [v (ns-tests ns)] (test-var v))
      @*report-counters*)))

(defn run-tests
  "Runs the tests of the namespaces (default: the current one), prints a
  summary; the total counts, with :type :summary."
  [& namespaces]
  (let [namespaces (if (seq namespaces) namespaces (list *ns*))
        totals (reduce (fn [acc ns]
                         (let [r (test-ns ns)]
                           (reduce (fn [acc k] (update acc k + (get r k 0))) acc
                                   [:test :pass :fail :error])))
                       {:test 0 :pass 0 :fail 0 :error 0}
                       namespaces)]
    (println)
    (println "Ran" (:test totals) "tests containing"
             (+ (:pass totals) (:fail totals) (:error totals)) "assertions.")
    (println (:fail totals) "failures," (:error totals) "errors.")
    (assoc totals :type :summary)))

(defn successful?
  "Whether a summary has no failures and no errors."
  [summary]
  (and (zero? (:fail summary 0)) (zero? (:error summary 0))))
