(ns clojure.test-lib-test
  "clojure.test itself: assertions and their reports (file:line,
  expected/actual, contexts), assert-expr and report as multimethods,
  fixtures, and the ways to run tests. Sample suites that fail on purpose
  are in support/test_lib_samples.clj and run here with their output
  captured."
  (:require [clojure.test :refer :all]
            [clojure.support.test-lib-samples :as samples]))

;; The reports checked below name the lines of this file and of
;; support/test_lib_samples.clj: moving a checked form changes them.

(defn- quietly
  "Calls f with a fresh test state (no enclosing test, contexts or
  counts), its reports captured: [value-of-f output counts]."
  [f]
  (let [value (atom nil)
        counters (atom *initial-report-counters*)
        out (with-out-str
              (binding [*testing-vars* (list)
                        *testing-contexts* (list)
                        *report-counters* counters]
                (reset! value (f))))]
    [@value out @counters]))

(deftest is-gives-the-value-it-checked
  (is (= true (is (= 1 1))))
  (is (= 3 (is (+ 1 2))))
  (let [e (is (thrown? ArithmeticException (/ 1 0)))]
    (is (= "Divide by zero" (ex-message e))))
  (let [e (is (thrown-with-msg? Exception #"b.o" (throw (ex-info "a boom" {}))))]
    (is (= "a boom" (ex-message e))))
  (let [[v _ counts] (quietly (fn [] (is (= 1 2))))]
    (is (= false v))
    (is (= 1 (:fail counts)))))

(deftest failure-reports
  (testing "a predicate shows its arguments' values, the message, the line"
    (let [[_ out] (quietly (fn [] (is (= 1 (+ 1 1)) "sums")))]
      (is (= "\nFAIL in () (test_lib_test.clj:39)\nsums\nexpected: (= 1 (+ 1 1))\n  actual: (not (= 1 2))\n"
             out))))
  (testing "a plain value shows itself"
    (let [[_ out] (quietly (fn [] (let [v (get {} :k)] (is v))))]
      (is (= "\nFAIL in () (test_lib_test.clj:43)\nexpected: v\n  actual: nil\n"
             out))))
  (testing "a macro is not a predicate"
    (let [[_ out] (quietly (fn [] (is (and true false))))]
      (is (= "\nFAIL in () (test_lib_test.clj:47)\nexpected: (and true false)\n  actual: false\n"
             out))))
  (testing "nil always fails"
    (let [[_ out counts] (quietly (fn [] (is nil)))]
      (is (= "\nFAIL in () (test_lib_test.clj:51)\nexpected: nil\n  actual: nil\n" out))
      (is (= 1 (:fail counts)))))
  (testing "thrown? without an error"
    (let [[_ out] (quietly (fn [] (is (thrown? Exception (+ 1 2)))))]
      (is (= "\nFAIL in () (test_lib_test.clj:55)\nexpected: (thrown? Exception (+ 1 2))\n  actual: nil\n"
             out))))
  (testing "instance? shows the class"
    (let [[_ out] (quietly (fn [] (is (instance? String 1))))]
      (is (= "\nFAIL in () (test_lib_test.clj:59)\nexpected: (instance? String 1)\n  actual: java.lang.Long\n"
             out)))))

(deftest thrown-with-msg-checks-the-message
  (let [[_ _ counts] (quietly
                      (fn []
                        (is (thrown-with-msg? ArithmeticException #"zero" (/ 1 0)))
                        (is (thrown-with-msg? ArithmeticException "by zero" (/ 1 0)))
                        (is (thrown-with-msg? ArithmeticException #"^zero" (/ 1 0)))
                        (is (thrown-with-msg? ArithmeticException #"zero" (+ 1 0)))))]
    (is (= {:test 0 :pass 2 :fail 2 :error 0} counts)))
  (testing "an error of another class is an error of the assertion"
    (let [[_ out counts] (quietly (fn [] (is (thrown? ArithmeticException (throw (ex-info "other" {}))))))]
      (is (= 1 (:error counts)))
      (is (= "\nERROR in () (test_lib_test.clj:72)\nexpected: (thrown? ArithmeticException (throw (ex-info \"other\" {})))\n  actual: clojure.lang.ExceptionInfo: other\n{}\n"
             out)))))

(deftest error-reports-show-the-error-and-its-causes
  (let [[_ out counts] (quietly (fn [] (is (= 1 (throw (ex-info "top" {:a 1} (ex-info "under" {:b 2})))))))]
    (is (= 1 (:error counts)))
    (is (= (str "\nERROR in () (test_lib_test.clj:78)\n"
                "expected: (= 1 (throw (ex-info \"top\" {:a 1} (ex-info \"under\" {:b 2}))))\n"
                "  actual: clojure.lang.ExceptionInfo: top\n{:a 1}\n"
                "Caused by: clojure.lang.ExceptionInfo: under\n{:b 2}\n")
           out)))
  (let [[_ out] (quietly (fn [] (is (= 1 (/ 1 0)))))]
    (is (= "\nERROR in () (test_lib_test.clj:85)\nexpected: (= 1 (/ 1 0))\n  actual: java.lang.ArithmeticException: Divide by zero\n"
           out))))

(deftest a-test-run-reports-as-clojure
  (let [[summary out] (quietly (fn [] (run-test-var #'samples/fails)))]
    (is (= (str "\nTesting clojure.support.test-lib-samples\n"
                "\nFAIL in (fails) (test_lib_samples.clj:22)\n"
                "outer inner\n"
                "one and one\n"
                "expected: (= 3 (+ 1 1))\n"
                "  actual: (not (= 3 2))\n"
                "\nRan 1 tests containing 1 assertions.\n"
                "1 failures, 0 errors.\n")
           out))
    (is (= {:type :summary :test 1 :pass 0 :fail 1 :error 0} summary))
    (is (not (successful? summary))))
  (testing "an error outside any assertion is placed at its test"
    (let [[_ out] (quietly (fn [] (run-test-var #'samples/throws-outside)))]
      (is (= (str "\nTesting clojure.support.test-lib-samples\n"
                  "\nERROR in (throws-outside) (test_lib_samples.clj:27)\n"
                  "Uncaught exception, not in assertion.\n"
                  "expected: nil\n"
                  "  actual: clojure.lang.ExceptionInfo: outside\n{}\n"
                  "\nRan 1 tests containing 1 assertions.\n"
                  "0 failures, 1 errors.\n")
             out))))
  (testing "each group of are's args is one assertion, at the are"
    (let [[summary out] (quietly (fn [] (run-test-var #'samples/templates)))]
      (is (= {:type :summary :test 1 :pass 1 :fail 1 :error 0} summary))
      (is (= (str "\nTesting clojure.support.test-lib-samples\n"
                  "\nFAIL in (templates) (test_lib_samples.clj:31)\n"
                  "expected: (= 5 (inc 3))\n"
                  "  actual: (not (= 5 4))\n"
                  "\nRan 1 tests containing 2 assertions.\n"
                  "1 failures, 0 errors.\n")
             out)))))

(deftest are-substitutes-its-args
  (are [x y z] (= z (+ x y))
    1 2 3
    0 0 0
    -1 1 0)
  (are [coll] (vector? coll) [] [1] [[2]])
  (are [] true)
  (let [[_ _ counts] (quietly (fn [] (are [a b] (= a b) 1 1 2 3 4 4)))]
    (is (= {:test 0 :pass 2 :fail 1 :error 0} counts)))
  (is (thrown-with-msg? IllegalArgumentException #"doesn't match are's argv"
                        (macroexpand '(clojure.test/are [x y] (= x y) 1)))))

(deftest fixtures-run-in-order-around-the-tests
  (reset! samples/log [])
  (let [[summary] (quietly (fn [] (test-vars [#'samples/passes #'samples/templates])))]
    (is (= [[:once-1 :in] [:once-2 :in]
            [:each-1 :in] [:each-2 :in] :passes [:each-2 :out] [:each-1 :out]
            [:each-1 :in] [:each-2 :in] [:each-2 :out] [:each-1 :out]
            [:once-2 :out] [:once-1 :out]]
           @samples/log))))

(deftest composing-fixtures
  (let [log (atom [])
        fx (fn [k] (fn [f] (swap! log conj k) (f) (swap! log conj (keyword (str (name k) "-done")))))]
    ((compose-fixtures (fx :a) (fx :b)) (fn [] (swap! log conj :body)))
    (is (= [:a :b :body :b-done :a-done] @log))
    (reset! log [])
    ((join-fixtures [(fx :a) (fx :b) (fx :c)]) (fn [] (swap! log conj :body)))
    (is (= [:a :b :c :body :c-done :b-done :a-done] @log))
    (reset! log [])
    ((join-fixtures []) (fn [] (swap! log conj :body)))
    (is (= [:body] @log))))

(deftest running-a-namespace
  (reset! samples/log [])
  (let [[summary out] (quietly (fn [] (run-tests 'clojure.support.test-lib-samples)))]
    (is (= {:type :summary :test 5 :pass 2 :fail 2 :error 2} summary))
    (testing "tests run in the order they are defined, each in the fixtures"
      (is (= [:passes :fails] (filterv keyword? @samples/log)))
      (is (= [[:once-1 :in] [:once-2 :in]] (take 2 @samples/log))))
    (is (= 1 (count (re-seq #"Testing clojure.support.test-lib-samples" out))))
    (is (re-find #"Ran 5 tests containing 6 assertions.\n2 failures, 2 errors.\n$" out)))
  (testing "run-all-tests takes the namespaces whose names match"
    (let [[summary out] (quietly (fn [] (run-all-tests #"clojure\.support\.test-lib-sam.*")))]
      (is (= {:type :summary :test 5 :pass 2 :fail 2 :error 2} summary))
      (is (= ["clojure.support.test-lib-samples"] (mapv second (re-seq #"Testing (\S+)" out)))))
    (testing "in the order of their names, also namespaces of host vars"
      (let [[summary out] (quietly (fn [] (run-all-tests #"clojure\.support\.test-lib-sam.*|Character")))]
        (is (= {:type :summary :test 5 :pass 2 :fail 2 :error 2} summary))
        (is (= ["Character" "clojure.support.test-lib-samples"]
               (mapv second (re-seq #"Testing (\S+)" out)))))))
  (testing "test-ns gives the counts without a summary"
    (let [[counts out] (quietly (fn [] (test-ns 'clojure.support.test-lib-samples)))]
      (is (= {:test 5 :pass 2 :fail 2 :error 2} counts))
      (is (not (re-find #"Ran" out))))))

(deftest run-test-runs-one-test-by-name
  (let [[summary out] (quietly (fn [] (run-test samples/passes)))]
    (is (= {:type :summary :test 1 :pass 1 :fail 0 :error 0} summary))
    (is (re-find #"Ran 1 tests containing 1 assertions.\n0 failures, 0 errors.\n$" out))))

(deftest test-var-and-the-testing-state
  (is (= [#'test-var-and-the-testing-state] (vec *testing-vars*)))
  (testing "outer"
    (testing "inner"
      (is (= ["inner" "outer"] (vec *testing-contexts*)))
      (is (= "outer inner" (testing-contexts-str)))))
  (is (= {:test 0 :pass 1 :fail 0 :error 0}
         (nth (quietly (fn [] (is true))) 2)))
  (let [[_ _ counts] (quietly (fn [] (inc-report-counter :pass) (inc-report-counter :custom)))]
    (is (= 1 (:pass counts)))
    (is (= 1 (:custom counts))))
  (let [[_ out counts] (quietly (fn [] (test-var #'samples/passes)))]
    (is (= "" out))
    (is (= {:test 1 :pass 1 :fail 0 :error 0} counts))))

(deftest- a-private-test (is true))

(with-test
  (defn square [x] (* x x))
  (is (= 4 (square 2))))

(deftest defining-tests
  (is (:private (meta #'a-private-test)))
  (is (fn? (:test (meta #'a-private-test))))
  (is (= 9 (square 3)))
  (is (fn? (:test (meta #'square))))
  (binding [*load-tests* false]
    (is (nil? (macroexpand '(clojure.test/deftest not-loaded (is false)))))
    (is (= '(def x 1) (macroexpand '(clojure.test/with-test (def x 1) (is false))))))
  (testing "calling a test var runs it as a test"
    (let [[_ _ counts] (quietly (fn [] (samples/passes)))]
      (is (= {:test 1 :pass 1 :fail 0 :error 0} counts)))))

;; A user's assertion form, as in Clojure.
(defmethod assert-expr 'roughly= [msg form]
  (let [[_ a b] form]
    `(let [a# ~a b# ~b]
       (if (< (Math/abs (- a# b#)) 0.001)
         (do-report {:type :pass :message ~msg :expected '~form :actual a#})
         (do-report {:type :fail :message ~msg :expected '~form
                     :actual (list '~'not-roughly= a# b#)})))))

(deftest assert-expr-is-extensible
  (is (roughly= 1.0 1.0001))
  (let [[_ out counts] (quietly (fn [] (is (roughly= 1.0 1.5) "close")))]
    (is (= 1 (:fail counts)))
    (is (= "\nFAIL in () (test_lib_test.clj:228)\nclose\nexpected: (roughly= 1.0 1.5)\n  actual: (not-roughly= 1.0 1.5)\n"
           out)))
  (is (contains? (methods assert-expr) :default))
  (is (contains? (methods assert-expr) 'thrown?)))

(defmethod report ::noted [m] (print "noted:" (:what m)))

(deftest report-is-a-multimethod
  (is (= [nil "noted: it"] (take 2 (quietly (fn [] (do-report {:type ::noted :what "it"}))))))
  (testing "rebinding report sees every event, with the file and line added"
    (let [seen (atom [])]
      (binding [report (fn [m] (swap! seen conj (select-keys m [:type :file :line])))]
        (is (= 1 2)))
      (is (= [{:type :fail :file "test_lib_test.clj" :line 242}] @seen))))
  (testing "a report's own :file and :line win"
    (let [[_ out] (quietly (fn [] (do-report {:type :fail :file "x.clj" :line 7 :expected 1 :actual 2})))]
      (is (= "\nFAIL in () (x.clj:7)\nexpected: 1\n  actual: 2\n" out))))
  (testing "an unknown event type is printed"
    (is (= "{:type :unheard-of}\n" (second (quietly (fn [] (do-report {:type :unheard-of}))))))))

(deftest test-out-names-a-stream
  (is (= "x\n" (with-out-str (with-test-out (println "x")))))
  (is (thrown-with-msg? IllegalArgumentException #"\*test-out\* must be nil, :out or :err"
                        (binding [*test-out* :bad] (with-test-out (println "x"))))))

(deftest function?-tells-functions-from-macros
  (are [x] (function? x) '= 'str inc)
  (are [x] (not (function? x)) 'and 'if 'no-such-thing 1 nil))
