;; The differential runner: reads cases (one per line, `id<TAB>expression`)
;; from the file named by its first argument, evaluates each in a fresh
;; `user`-like namespace, and prints one line per case:
;; `id<TAB>value<TAB>out` (the value printed with *print-length* 12 and
;; *print-level* 6, and what the case printed to *out*, both as pr-str'd
;; strings) or `id<TAB>throws<TAB>ExceptionClass`.
;; It runs unchanged on JVM Clojure 1.11 (tests/differential/regenerate
;; records the expected lines) and on evelisp (tests/differential.rs
;; compares). Object identities are normalized away: a fn prints as #fn,
;; an #object[Class 0x1234 ...] as #object[Class ...], Class@1234 as Class@.
(ns differential.run
  (:require [clojure.string :as str]
            [clojure.set]
            [clojure.walk]
            [clojure.edn]))

(defn class-name
  "The name of the class of the exception e."
  [e]
  #?(:evelisp (str (class e))
     :clj (if (and (instance? clojure.lang.Compiler$CompilerException e) (ex-cause e))
            (class-name (ex-cause e))
            (.getName (class e)))))

(defn normalize
  "Printed text with object identities removed."
  [s]
  (-> s
      (str/replace #"#object\[[^ \]]*\$[^ \]]* 0x[0-9a-f]+ \"[^\"]*\"\]" "#fn")
      (str/replace #"#function\[[^\]]*\]" "#fn")
      (str/replace #"#object\[([^ \]]+) 0x[0-9a-f]+ " "#object[$1 ")
      (str/replace #"@[0-9a-f]+" "@")))

(defn show
  "The printed, normalized form of v, limited in length and depth."
  [v]
  (normalize (binding [*print-length* 12 *print-level* 6] (pr-str v))))

(defn run-case
  "The result line of the case `src`."
  [src]
  (try
    (let [printed (volatile! nil)
          out (with-out-str
                (vreset! printed (show (eval (read-string src)))))]
      (str "value\t" (pr-str @printed) "\t" (pr-str out)))
    (catch Throwable e
      (str "throws\t" (class-name e)))))

(defn run-case-bounded
  "The result line of the case `src`, or `timeout` when it runs longer than
  3 s. On the JVM the case runs on its own thread, stopped at the timeout;
  on evelisp directly (the test that runs it watches for hangs)."
  [src]
  #?(:evelisp (run-case src)
     :clj (let [result (promise)
                t (Thread. #(deliver result (run-case src)))]
            (.start t)
            (let [r (deref result 3000 ::timeout)]
              (if (= r ::timeout)
                (do (.stop t) "timeout")
                r)))))

(defn run-file
  "Runs every case of the file at path whose index is at least start."
  [path start]
  (let [lines (str/split-lines (slurp path))]
    (doseq [[i line] (map-indexed vector lines)
            :when (>= i start)]
      (let [[id src] (str/split line #"\t" 2)]
        (binding [*ns* (the-ns 'user)]
          (println (str id "\t" (run-case-bounded src))))
        (flush)))))

(run-file (first *command-line-args*)
          (if (second *command-line-args*) (parse-long (second *command-line-args*)) 0))
