;; Runs evelisp's Lisp test files on JVM Clojure 1.11, to check that their
;; expected values are Clojure's:
;;   clojure tests/lisp/clojure/support/run_on_jvm.clj tests/lisp/clojure/bigdecimal_test.clj ...
;; (not a test file itself: evelisp's runner loads only *_test.clj).
(require 'clojure.test)
(doseq [f *command-line-args*]
  (let [ns-sym (binding [*read-eval* false]
                 (second (read-string (slurp f))))]
    (load-file f)
    (let [{:keys [fail error]} (clojure.test/run-tests ns-sym)]
      (when (pos? (+ fail error))
        (System/exit 1)))))
