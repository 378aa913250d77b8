//! Multimethods, protocols and the global hierarchy live in the env file:
//! a `defmethod`, `extend-type` or `derive` evaluated by one `evelisp`
//! process is used by calls in the next, and evaluating `defmulti` or
//! `defprotocol` again (as reloading a file does) keeps what others added.

mod common;
use common::{eval, eval_ok};

/// Process A's definitions: a multimethod over the global hierarchy and a
/// protocol, each with implementations.
const DEFINITIONS: &str = r#"
(ns shapes)
(derive ::square ::rect)
(defmulti area :shape)
(defmethod area ::rect [{:keys [w h]}] (* w h))
(defmethod area :default [s] [:unknown (:shape s)])
(defprotocol Describe
  "Describes a value."
  (describe [x] "a description"))
(extend-protocol Describe
  String (describe [s] (str "string " s))
  nil (describe [_] "nothing"))
"#;

#[test]
fn methods_and_implementations_added_by_other_processes_are_used() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("multi.eve");

    // Process A defines the multimethod and the protocol.
    eval_ok(&env, DEFINITIONS);

    // Process B adds a method, an implementation and a derivation.
    eval_ok(
        &env,
        r#"(in-ns 'elsewhere)
           (defmethod shapes/area :circle [{:keys [r]}] (* 3 r r))
           (extend-type Number shapes/Describe (describe [n] (str "number " n)))
           (derive :shapes/cube :shapes/square)"#,
    );

    // Process C calls both and sees every method, A's and B's.
    let c = eval_ok(
        &env,
        r#"(in-ns 'shapes)
           (prn (area {:shape ::square :w 2 :h 3})
                (area {:shape :circle :r 2})
                (area {:shape ::cube :w 1 :h 1})
                (area {:shape :blob}))
           (prn (describe "a") (describe 1) (describe 1.5) (describe nil))
           (prn (count (methods area)))
           (prn (satisfies? Describe 1) (isa? ::cube ::rect))"#,
    );
    assert_eq!(
        c,
        "6 12 1 [:unknown :blob]\n\
         \"string a\" \"number 1\" \"number 1.5\" \"nothing\"\n\
         3\n\
         true true\n"
    );

    // Process D evaluates A's definitions again (a reloaded file): the
    // multimethod and the protocol keep what B added.
    eval_ok(&env, DEFINITIONS);
    let d = eval_ok(
        &env,
        "(in-ns 'shapes) (prn (area {:shape :circle :r 1}) (describe 2))",
    );
    assert_eq!(d, "3 \"number 2\"\n");

    // Process E removes B's method; F no longer finds it.
    eval_ok(&env, "(remove-method shapes/area :circle)");
    let f = eval(&env, "(shapes/area {:shape :circle :r 1})");
    assert_eq!(
        String::from_utf8_lossy(&f.stdout),
        "[:unknown :circle]\n",
        "the default method now: {}",
        String::from_utf8_lossy(&f.stderr)
    );
}

#[test]
fn a_missing_method_is_an_illegal_argument_in_another_process_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("missing.eve");
    eval_ok(&env, "(defmulti speak identity)");
    let out = eval(&env, "(speak :cat)");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("IllegalArgumentException")
            && err.contains("No method in multimethod 'speak' for dispatch value: :cat"),
        "{err}"
    );
}

#[test]
fn methods_added_by_processes_at_once_are_all_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("concurrent.eve");
    eval_ok(
        &env,
        "(defmulti op identity) (defprotocol Tag (tag [x])) (derive ::base ::root)",
    );
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let env = env.clone();
            std::thread::spawn(move || {
                let mut code = String::new();
                for i in 0..10 {
                    let n = w * 10 + i;
                    code.push_str(&format!(
                        "(defmethod user/op {n} [_] {n}) (derive :user/k{n} :user/base) "
                    ));
                }
                // Each worker also extends the protocol to a type of its own.
                let types = ["String", "Long", "clojure.lang.Keyword", "nil"];
                code.push_str(&format!(
                    "(extend-type {} user/Tag (tag [_] {w}))",
                    types[w]
                ));
                eval_ok(&env, &code)
            })
        })
        .collect();
    for w in workers {
        w.join().expect("worker finishes");
    }
    let out = eval_ok(
        &env,
        "(prn (count (methods op)) (op 0) (op 39) (count (descendants ::root)))
         (prn (tag \"s\") (tag 1) (tag :k) (tag nil))",
    );
    assert_eq!(out, "40 0 39 41\n0 1 2 3\n");
}
