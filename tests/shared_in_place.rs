//! Collections changed in place (a `conj`/`assoc` on a collection only the
//! running code holds) never change what another process sees: one
//! process stores a map and a vector, a second builds on them by `reduce`
//! and `loop` (in place once its copies are its own) while a third reads
//! the stored ones, and the env stays healthy.

mod common;
use common::{check_clean, eval_ok, spawn};

#[test]
fn building_on_shared_collections_changes_only_the_builder_s_copies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("in-place.eve");
    eval_ok(
        &env,
        "(def base (zipmap (range 50) (range 50)))
         (def stored (atom (vec (range 40))))",
    );
    // A second process builds big collections on the stored ones, in a
    // loop, while a third reads them.
    let builder = spawn(
        &env,
        "(dotimes [_ 200]
           (let [m (reduce (fn [m i] (assoc m i :x)) base (range 300))
                 v (loop [v @stored i 0] (if (< i 300) (recur (conj v i) (inc i)) v))]
             (assert (= 300 (count m)))
             (assert (= 340 (count v)))))",
    );
    for _ in 0..20 {
        assert_eq!(
            eval_ok(
                &env,
                "[(= base (zipmap (range 50) (range 50))) (= @stored (range 40))]"
            ),
            "[true true]\n"
        );
    }
    let out = builder.wait_with_output().expect("builder runs");
    assert!(
        out.status.success(),
        "builder: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        eval_ok(
            &env,
            "[(count base) (base 49) (count @stored) (peek @stored)]"
        ),
        "[50 49 40 39]\n"
    );
    check_clean(&env);
}
