;; The runner of the library agreement cases (tests/library_agreement.rs):
;; `clojure run.clj CASES.clj` on JVM Clojure 1.11 (with Debian's library
;; jars on the classpath, see `regenerate`) or `evelisp run.clj CASES.clj`.
;; It reads the case file one top-level form at a time, evaluates each in
;; the namespace `user`, and prints one line per form: the value as `pr-str`
;; prints it, or `!! ` and the exception's class; output the form printed
;; comes before it, each line prefixed `;; `. Both implementations print
;; the same lines when they agree.
(ns library-agreement-runner
  (:require [clojure.java.io :as io]
            [clojure.string :as str]))

(defn- case-line [form]
  (let [out (java.io.StringWriter.)
        line (try
               (let [v (binding [*out* out] (eval form))]
                 (binding [*print-length* 200] (pr-str v)))
               (catch Throwable e
                 (str "!! " (.getName (class e)))))
        printed (str out)]
    (doseq [l (str/split-lines printed) :when (seq printed)]
      (println ";;" l))
    (println line)))

(let [path (first *command-line-args*)]
  (with-open [r (java.io.PushbackReader. (io/reader path))]
    (binding [*ns* (create-ns 'user)]
      (eval '(clojure.core/refer-clojure))
      (loop []
        (let [form (read {:eof ::eof} r)]
          (when-not (= form ::eof)
            (case-line form)
            (recur)))))))
