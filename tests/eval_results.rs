//! Snapshot (insta) of evaluation results: one transcript of expressions
//! and what they print as, over the special forms, macros, destructuring,
//! namespaces and the reference types, evaluated through the embedding API
//! in one runtime (so later lines see earlier definitions).

use evelisp::Runtime;

const SESSION: &[&str] = &[
    "(+ 1 2)",
    "(def x 10)",
    "[x 'x `x (quote (a b)) #'x]",
    "(if nil :then :else)",
    "(do 1 2 3)",
    "(let* [a 1 b (inc a)] [a b])",
    "(let [[a & more] [1 2 3] {:keys [k] :or {k 0}} {}] [a more k])",
    "((fn* [& xs] xs) 1 2)",
    "((fn ([] :none) ([a] [:one a]) ([a & r] [:more a r])) 1 2 3)",
    "(loop* [i 0 acc []] (if (< i 3) (recur (inc i) (conj acc i)) acc))",
    "(loop [[x & xs] [1 2 3] n 0] (if x (recur xs (+ n x)) n))",
    "(letfn [(f [n] (if (zero? n) :done (g n))) (g [n] (f (dec n)))] (f 3))",
    "(defn square \"Squares.\" [n] (* n n))",
    "(square 12)",
    "(:doc (meta #'square))",
    "(:arglists (meta #'square))",
    "(defmacro unless [c a b] `(if ~c ~b ~a))",
    "(macroexpand-1 '(user/unless c a b))",
    "(unless false :a :b)",
    "(try (throw (ex-info \"boom\" {:k 1})) (catch ExceptionInfo e [(ex-message e) (ex-data e)]))",
    "(try (+ 9223372036854775807 1) (catch ArithmeticException e (ex-message e)))",
    "(try :body (finally :ignored))",
    "(def ^:dynamic *d* :root)",
    "[(binding [*d* :bound] *d*) *d*]",
    "(def a (atom {:n 0}))",
    "(swap! a update :n inc)",
    "(reset! a [])",
    "@(future (+ 20 22))",
    "(let [p (promise)] (deliver p :delivered) @p)",
    "(let [d (delay :forced)] [(realized? d) @d (realized? d)])",
    "(vec (pmap inc [1 2 3]))",
    "(ns other.place (:require [clojure.test :as t]))",
    "(ns-name *ns*)",
    "(user/square 3)",
    "(in-ns 'user)",
    "(-> 5 inc (* 2))",
    "(->> [1 2 3] (mapv inc) (reduce +))",
    "(cond (= 1 2) :no :else :yes)",
    "(merge {:a 1} {:b 2} nil)",
    "(str \"a\" 1 :k nil \\c)",
    "(pr-str \"quoted\" \\c nil)",
    "(with-out-str (println \"captured\" 1))",
];

#[test]
fn a_session() {
    let rt = Runtime::ephemeral().expect("runtime");
    let mut transcript = String::new();
    for src in SESSION {
        let shown = rt.with_interp(|i| match i.eval_str(src, Some("session.clj")) {
            Ok(v) => evelisp::eval::pr_str(v.borrowed()).unwrap_or_else(|e| e.to_string()),
            Err(e) => format!("ERROR {e}"),
        });
        transcript.push_str(&format!("{src}\n=> {shown}\n"));
    }
    insta::assert_snapshot!(transcript);
}
