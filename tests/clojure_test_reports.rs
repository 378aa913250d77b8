//! The reports of `clojure.test` as `evelisp test` prints them, checked
//! word for word against insta snapshots: `FAIL in (test) (file.clj:line)`
//! with the testing contexts, the message, `expected:` and `actual:`;
//! errors with their class, data and causes; `are`; fixtures run in order;
//! a user's `report` and `assert-expr` methods; `run-test` and `*test-out*`
//! from a script; and the exit code (1 on a failure or an error).

use std::path::Path;
use std::process::Command;

/// Writes `files` (name, text) into a fresh directory.
fn suite(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write test file");
    }
    dir
}

/// Runs `evelisp args` and gives its exit code, stdout and stderr as one
/// text, the temporary directory shown as `[DIR]`.
fn run(args: &[&str], dir: &Path) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(args)
        .env_remove("EVELISP_ENV")
        .env_remove("EVELISP_PATH")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("evelisp runs");
    let shown = format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
    .replace(&dir.display().to_string(), "[DIR]");
    (out.status.code(), shown)
}

/// `evelisp test DIR`.
fn run_tests(dir: &Path) -> (Option<i32>, String) {
    run(&["test", dir.to_str().expect("utf-8 path")], dir)
}

#[test]
fn failures_and_errors_are_reported_as_clojure_does() {
    let dir = suite(&[
        (
            "arith_test.clj",
            r#"(ns arith-test
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest arithmetic
  (is (= 4 (+ 2 2)))
  (is (= 5 (+ 2 2)) "two and two"))

(deftest contexts
  (testing "outer"
    (testing "inner"
      (is (< 3 1))))
  (testing "alone"
    (is (nil? :x))))

(deftest templates
  (are [x y] (= x y)
    1 1
    2 (inc 2)
    :a :b))

(deftest exceptions
  (is (thrown? ArithmeticException (/ 1 0)))
  (is (thrown? ArithmeticException (+ 1 1)))
  (is (= 1 (throw (ex-info "boom" {:k 1} (ex-info "cause" {}))))))

(deftest uncaught
  (is true)
  (throw (ex-info "outside" {})))
"#,
        ),
        (
            "ok_test.clj",
            "(ns ok-test (:require [clojure.test :refer [deftest is]]))\n\
             (deftest fine (is (= [1 2] '(1 2))))\n",
        ),
    ]);
    let (code, shown) = run_tests(dir.path());
    assert_eq!(code, Some(1), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn fixtures_run_once_and_around_each_test_in_order() {
    let dir = suite(&[(
        "fixtures_test.clj",
        r#"(ns fixtures-test
  (:require [clojure.test :refer [deftest is use-fixtures]]))

(defn- fixture [label]
  (fn [f] (println label "before") (f) (println label "after")))

(use-fixtures :once (fixture "once-1") (fixture "once-2"))
(use-fixtures :each (fixture "each-1") (fixture "each-2"))

(deftest first-test (println "first-test runs") (is true))
(deftest second-test (println "second-test runs") (is (= 2 (inc 1))))
"#,
    )]);
    let (code, shown) = run_tests(dir.path());
    assert_eq!(code, Some(0), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn report_and_assert_expr_are_extended_by_defmethod() {
    let dir = suite(&[(
        "custom_test.clj",
        r#"(ns custom-test
  (:require [clojure.test :as t :refer [deftest is]]))

(defmethod t/assert-expr 'roughly= [msg form]
  (let [[_ a b] form]
    `(let [a# ~a b# ~b]
       (if (< (Math/abs (- a# b#)) 0.01)
         (t/do-report {:type :pass :message ~msg :expected '~form :actual a#})
         (t/do-report {:type :fail :message ~msg :expected '~form
                       :actual (list '~'not-roughly= a# b#)})))))

(defmethod t/report :fail [m]
  (t/inc-report-counter :fail)
  (println "CUSTOM FAIL" (str (:file m) ":" (:line m)) (pr-str (:expected m))
           "->" (pr-str (:actual m))))

(deftest close-enough
  (is (roughly= 1.0 1.001))
  (is (roughly= 1.0 1.5)))
"#,
    )]);
    let (code, shown) = run_tests(dir.path());
    assert_eq!(code, Some(1), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn run_test_and_test_out_from_a_script() {
    let dir = suite(&[(
        "script.clj",
        r#"(ns script (:require [clojure.test :refer :all]))

(deftest adds (is (= 3 (+ 1 1))))

(println "run-test gives" (dissoc (run-test adds) :type))
(run-test no-such-test)
(def not-a-test 1)
(run-test not-a-test)
(binding [*test-out* :err]
  (println "summary" (run-tests)))
"#,
    )]);
    let script = dir.path().join("script.clj");
    let (code, shown) = run(
        &["--ephemeral", script.to_str().expect("utf-8 path")],
        dir.path(),
    );
    assert_eq!(code, Some(0), "{shown}");
    insta::assert_snapshot!(shown);
}
