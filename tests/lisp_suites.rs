//! The Lisp-level test suites (`tests/lisp/**/*_test.clj`, written with
//! the project's own clojure.test) run by `evelisp test`, and the runner
//! itself: a failing suite exits 1 and says what failed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn evelisp_test(args: &[&str], paths: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .arg("test")
        .args(args)
        .args(paths)
        .env_remove("EVELISP_ENV")
        .env_remove("EVELISP_PATH")
        .output()
        .expect("evelisp runs")
}

fn text(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn the_lisp_suites_pass() {
    let out = evelisp_test(&[], &[&root().join("tests/lisp")]);
    let shown = text(&out);
    assert!(out.status.success(), "{shown}");
    assert!(shown.contains("0 failures, 0 errors."), "{shown}");
    // Every suite ran.
    for ns in [
        "evelisp.special-forms-test",
        "evelisp.macros-test",
        "evelisp.namespaces-test",
        "evelisp.threads-test",
        "evelisp.errors-test",
        "evelisp.destructuring-test",
        "evelisp.inline-calls-test",
        "evelisp.host-objects-test",
        "clojure.core-bootstrap-test",
        "clojure.core-fns-test",
        "clojure.edge-cases-test",
        "clojure.repl-test",
        "clojure.atoms-test",
        "clojure.seq-test",
        "clojure.lazy-test",
        "clojure.transducers-test",
        "clojure.collections-test",
        "clojure.sorted-test",
        "clojure.printing-test",
        "clojure.core-more-test",
        "clojure.records-test",
        "clojure.class-names-test",
        "clojure.stm-test",
        "clojure.agents-test",
        "clojure.meta-test",
        "clojure.interop-test",
        "clojure.string-test",
        "clojure.regex-test",
        "clojure.io-test",
        "clojure.host-objects-test",
        "clojure.numbers-test",
        "clojure.multimethods-test",
        "clojure.protocols-test",
        "clojure.test-lib-test",
        "clojure.set-test",
        "clojure.walk-test",
        "clojure.edn-test",
        "clojure.pprint-test",
        "clojure.docs-test",
        "clojure.uuid-inst-test",
        "clojure.tagged-literals-test",
        "clojure.reader-files-test",
        "clojure.arrays-test",
        "clojure.csv-test",
        "clojure.tools-cli-test",
        "clojure.fs-test",
        "clojure.fs-glob-test",
        "clojure.data.json-test",
        "clojure.process-test",
        "clojure.babashka-cli-test",
    ] {
        assert!(shown.contains(&format!("Testing {ns}\n")), "{ns}: {shown}");
    }
}

#[test]
fn the_built_in_libraries_work_on_values_another_process_stored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("libs.eve");
    let env_arg = env.to_str().expect("utf-8 path");
    let run = |expr: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_evelisp"))
            .args(["--env", env_arg, "-e", expr])
            .output()
            .expect("evelisp runs");
        assert!(out.status.success(), "{}", text(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(r#"(def data {"users" [{"id" 1 "roles" #{"admin"}} {"id" 2 "roles" #{}}]})"#);
    let shown = run(
        "(require '[clojure.walk :as w] '[clojure.set :as s] '[clojure.pprint :as pp] \
         '[clojure.edn :as edn]) \
         (binding [pp/*print-right-margin* 30] (pp/pprint (w/keywordize-keys user/data))) \
         (prn (= #{\"admin\" \"ops\"} (s/union (get-in user/data [\"users\" 0 \"roles\"]) #{\"ops\"}))) \
         (prn (= user/data (edn/read-string (pr-str user/data))))",
    );
    assert_eq!(
        shown,
        "{:users\n [{:id 1, :roles #{\"admin\"}}\n  {:id 2, :roles #{}}]}\ntrue\ntrue\n"
    );
}

#[test]
fn a_failing_suite_exits_1_and_says_what_failed() {
    let out = evelisp_test(&[], &[&root().join("tests/fixtures/failing")]);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "FAIL in (fails) (failing_test.clj:7)\none plus two\nexpected: (= 2 (+ 1 2))\n  actual: (not (= 2 3))"
        ),
        "{shown}"
    );
    assert!(
        stdout.contains("ERROR in (errors) (failing_test.clj:9)"),
        "{shown}"
    );
    assert!(
        stdout.contains("actual: clojure.lang.ExceptionInfo: boom\n{:k 1}\n"),
        "{shown}"
    );
    assert!(
        stdout.contains("Ran 3 tests containing 3 assertions.\n1 failures, 1 errors."),
        "{shown}"
    );
}

#[test]
fn a_file_that_does_not_load_fails_the_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("broken_test.clj"),
        "(ns broken-test)\n(undefined-fn)\n",
    )
    .expect("write");
    let out = evelisp_test(&[], &[dir.path()]);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(shown.contains("broken_test.clj did not load"), "{shown}");
    assert!(shown.contains("broken_test.clj:2:1"), "{shown}");
}

#[test]
fn tests_run_on_a_given_env_leave_their_namespaces_for_other_processes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("tests.eve");
    let env_arg = env.to_str().expect("utf-8 path");
    let out = evelisp_test(
        &["--env", env_arg],
        &[&root().join("tests/lisp/evelisp/destructuring_test.clj")],
    );
    assert!(out.status.success(), "{}", text(&out));
    // Another process finds the test functions in the env file.
    let out = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args([
            "--env",
            env_arg,
            "-e",
            "(evelisp.destructuring-test/swap-pair [1 2])",
        ])
        .output()
        .expect("evelisp runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "[2 1]\n",
        "{}",
        text(&out)
    );
}
