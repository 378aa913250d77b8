//! Ref transactions across processes: several processes moving amounts
//! between two refs with `dosync` never lose or invent any (the sum stays
//! the same, every transfer counted), and `env check` passes.

mod common;
use common::{check_clean, eval_ok, ok, spawn};

#[test]
fn transfers_from_several_processes_keep_the_total() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("stm.eve");
    eval_ok(
        &env,
        "(def a (ref 1000)) (def b (ref 0)) (def transfers (ref 0))
         (defn transfer [n] (dosync (alter a - n) (alter b + n) (alter transfers inc)))",
    );
    let expr = "(dotimes [_ 150] (transfer 1)) :done";
    let children: Vec<_> = (0..3).map(|_| spawn(&env, expr)).collect();
    for c in children {
        assert_eq!(ok(expr, c.wait_with_output().expect("ends")), ":done\n");
    }
    assert_eq!(
        eval_ok(&env, "[@a @b (+ @a @b) @transfers]"),
        "[550 450 1000 450]\n"
    );
    check_clean(&env);
}
