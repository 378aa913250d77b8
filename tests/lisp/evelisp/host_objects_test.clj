(ns evelisp.host-objects-test
  "evelisp's rule for process-local host objects (readers, writers,
  StringBuilders, *in* *out* *err*): values like any other inside the
  process, but storing one into the shared env (a var root, an atom, a
  ref) is refused with an error naming its type, and the env is left as
  it was."
  (:require [clojure.test :refer [deftest is testing]]
            [clojure.java.io :as io]))

(defn- refusal
  "The message of the error (f) throws, or :no-error."
  [f]
  (try (f) :no-error
       (catch IllegalStateException e (ex-message e))))

(def kept "The value the refused stores must leave in place." [1 2 3])
(def box "An atom the refused stores must leave unchanged." (atom {:n 1}))
(def r "A ref the refused stores must leave unchanged." (ref [:a]))

(deftest publishing-a-host-object-is-refused
  (testing "var roots: def, alter-var-root, intern"
    (is (re-find #"^a java.lang.StringBuilder is a process-local object and cannot be stored in the shared env \(var [a-z.-]+/kept\)"
                 (refusal #(eval '(def kept (StringBuilder. "x"))))))
    (is (re-find #"java.lang.StringBuilder .*\(var evelisp.host-objects-test/kept\)"
                 (refusal #(alter-var-root #'kept conj (StringBuilder.)))))
    (is (re-find #"clojure.lang.LineNumberingPushbackReader .*\(var evelisp.host-objects-test/in2\)"
                 (refusal #(intern 'evelisp.host-objects-test 'in2 {:in *in*}))))
    (is (= [1 2 3] kept)))
  (testing "atoms: atom, reset!, swap!, compare-and-set!, deep inside a value"
    (is (re-find #"java.io.OutputStreamWriter .*\(an atom\)" (refusal #(atom *out*))))
    (is (re-find #"java.io.PrintWriter .*\(an atom\)" (refusal #(reset! box [*err*]))))
    (is (re-find #"java.io.StringWriter .*\(an atom\)"
                 (refusal #(swap! box assoc-in [:a :b] (list 1 (java.io.StringWriter.))))))
    (is (re-find #"\(an atom\)" (refusal #(compare-and-set! box @box (StringBuilder.)))))
    (is (re-find #"\(an atom\)" (refusal #(reset! box (let [sb (StringBuilder.)] (fn [] sb))))))
    (is (= {:n 1} @box)))
  (testing "refs"
    (is (re-find #"\(a ref\)" (refusal #(ref (StringBuilder.)))))
    (is (re-find #"\(a ref\)" (refusal #(dosync (ref-set r [(StringBuilder.)])))))
    (is (= [:a] @r)))
  (testing "values without host objects are stored as before, also built on refused ones"
    (let [big (into {} (map (fn [i] [i (str i)]) (range 2000)))]
      (reset! box big)
      (swap! box assoc 7 "seven")
      (is (= "seven" (get @box 7)))
      (is (= 2000 (count @box)))
      (reset! box {:n 1}))))

(deftest host-objects-are-values-inside-the-process
  (let [sb (StringBuilder.)
        local (atom nil)]
    (testing "in locals, collections, closures, loops and futures"
      (doseq [x ["a" "b"]] (.append sb x))
      (loop [i 0] (when (< i 3) (.append sb i) (recur (inc i))))
      (let [held {:sb sb}
            f (fn [] (.append (:sb held) "!"))]
        (f))
      @(future (.append sb "f"))
      (is (= "ab012!f" (str sb))))
    (testing "the standard streams are values too"
      (is (= (class *out*) (class (identity *out*))))
      (is (= *in* *in*)))
    (testing "a closed reader is an IOException"
      (let [rdr (io/reader (java.io.StringReader. "x"))]
        (.close rdr)
        (is (thrown? java.io.IOException (.readLine rdr)))))
    (is (nil? @local))))

(deftest string-format-takes-varargs-or-one-collection
  ;; Clojure passes String/format's varargs as an array: evelisp takes
  ;; them as they are, or one collection of them.
  (is (= "1-a" (String/format "%d-%s" [1 "a"])))
  (is (= "1-a" (String/format "%d-%s" 1 "a"))))
