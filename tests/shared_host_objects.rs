//! Process-local host objects across processes. Publishing one into a
//! root is refused (tests/lisp/evelisp/host_objects_test.clj), but a
//! process can still leave one in the file: a shared lazy seq it realized
//! holds whatever the seq's body gave. Another process that reads such a
//! stale word gets a clear error when it uses it (printing it still
//! works), never a crash, and the file stays healthy.

mod common;
use common::{check_clean, eval, eval_ok};

#[test]
fn a_host_object_left_in_a_shared_lazy_seq_is_a_clear_error_in_another_process() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("stale.eve");
    // Process A: the unrealized seq is published (its thunk holds no host
    // object); realizing it stores A's StringBuilder in the shared seq.
    let a = eval_ok(
        &env,
        "(def xs (lazy-seq (list (doto (StringBuilder.) (.append \"from A\")))))
         (println (str (first xs)) (.length (first xs)))",
    );
    assert_eq!(a, "from A 6\n");
    // Process B reads the realized seq: the word is another process's.
    let out = eval(&env, "(.append (first xs) \"more\")");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("(IllegalStateException)")
            && stderr.contains(
                "a java.lang.StringBuilder of another process: \
                 process-local objects cannot be shared through the env"
            ),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Printing, comparing and hashing it do not need the object.
    let b = eval_ok(
        &env,
        "(println (subs (pr-str (first xs)) 0 31) (= (first xs) (first xs)) (int? (hash (first xs))))",
    );
    assert_eq!(b, "#object[java.lang.StringBuilder true true\n");
    check_clean(&env);
}
