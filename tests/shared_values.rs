//! Volatiles, reduced values and `java.math.BigInteger`s made by one
//! `evelisp` process are objects of the env file: another process reads
//! them, changes the volatile (its change seen by the next), stops a
//! `reduce` with the stored reduced value and uses the BigInteger as a map
//! key; processes storing to one volatile at once never break the file
//! (plain stores, no compare-and-set: updates may be lost, as with Java's
//! `volatile`). A regex matcher, process-local, cannot be stored.

mod common;
use common::{check_clean, eval, eval_ok, spawn};

#[test]
fn volatiles_reduced_values_and_bigintegers_cross_processes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("values.eve");

    // Process A stores them in vars.
    eval_ok(
        &env,
        "(def v (volatile! [1])) (def r (reduced (range 3))) \
         (def b (biginteger \"12345678901234567890\")) \
         (def by-key {(biginteger 5) :five b :big})",
    );

    // Process B reads them as made, and changes the volatile.
    assert_eq!(
        eval_ok(
            &env,
            "(prn (class v) (volatile? v) @v (reduced? r) @r (class r) b (class b)) \
             (prn (get by-key 5) (get by-key 5N) (get by-key 12345678901234567890N) (= b 12345678901234567890N)) \
             (prn (reduce (fn [acc x] (if (= x 2) r (+ acc x))) 0 [1 2 3])) \
             (prn (vswap! v conj 2) (+ b 1))"
        ),
        "clojure.lang.Volatile true [1] true (0 1 2) clojure.lang.Reduced 12345678901234567890 java.math.BigInteger\n\
         :five :five :big true\n\
         (0 1 2)\n\
         [1 2] 12345678901234567891N\n"
    );

    // Process C sees B's store.
    assert_eq!(eval_ok(&env, "(prn @v)"), "[1 2]\n");

    // Four processes store to the volatile at once: every value read is
    // one that was stored whole, and the file stays intact.
    eval_ok(&env, "(def n (volatile! 0))");
    let children: Vec<_> = (0..4)
        .map(|_| spawn(&env, "(dotimes [_ 300] (vswap! n inc) (vreset! v [@n]))"))
        .collect();
    for c in children {
        let out = c.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = eval_ok(&env, "(prn (<= 300 @n 1200) (vector? @v) (count @v))");
    assert_eq!(out, "true true 1\n");
    check_clean(&env);

    // A matcher is this process's object: storing one is refused.
    let out = eval(&env, "(def m (re-matcher #\"a\" \"a\"))");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("java.util.regex.Matcher is a process-local object"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    check_clean(&env);
}
