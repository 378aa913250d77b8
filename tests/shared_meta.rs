//! Metadata lives in the env file: values given metadata by one process
//! (with `with-meta`, reader metadata, `vary-meta`, updates that keep it)
//! are read with it by the next, and the file stays healthy.

mod common;
use common::{check_clean, eval_ok};

#[test]
fn metadata_made_by_one_process_is_read_by_the_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("meta.eve");
    eval_ok(
        &env,
        "(def v (with-meta [1 2] {:source :a}))
         (def lit ^{:line-free true :n (+ 1 2)} {:k 1})
         (def sym (with-meta 'x {:tag 'String}))
         (def f (with-meta (fn [x] (* 10 x)) {:doc \"tens\"}))
         (def store (atom (with-meta [] {:log true})))
         (swap! store conj 1)",
    );
    check_clean(&env);
    assert_eq!(eval_ok(&env, "(prn (meta v))"), "{:source :a}\n");
    assert_eq!(
        eval_ok(&env, "(prn (meta lit) lit)"),
        "{:line-free true, :n 3} {:k 1}\n"
    );
    assert_eq!(
        eval_ok(&env, "(prn (meta sym) (= sym 'x))"),
        "{:tag String} true\n"
    );
    assert_eq!(
        eval_ok(&env, "(prn (meta f) (f 4))"),
        "{:doc \"tens\"} 40\n"
    );
    assert_eq!(
        eval_ok(&env, "(prn (meta @store) @store)"),
        "{:log true} [1]\n"
    );
    // Process C updates what A made; D sees the metadata kept.
    eval_ok(
        &env,
        "(def v2 (conj v 3))
         (def v3 (vary-meta v assoc :by :c))
         (swap! store conj 2)",
    );
    assert_eq!(
        eval_ok(
            &env,
            "(binding [*print-meta* true] (prn v2 v3 @store (= v v3)))"
        ),
        "^{:source :a} [1 2 3] ^{:source :a, :by :c} [1 2] ^{:log true} [1 2] true\n"
    );
    // Dropping the values frees what they held; the file stays healthy.
    eval_ok(
        &env,
        "(def v nil) (def v2 nil) (def v3 nil) (def lit nil) (def sym nil)
         (def f nil) (reset! store nil)",
    );
    check_clean(&env);
}
