//! Real Clojure scripts run unchanged: each `tests/scripts/<name>.clj` is
//! ordinary Clojure of a few hundred lines (a data report, a text
//! processor, simulations, a small interpreter), and
//! `tests/scripts/<name>.expected` is what Clojure 1.11.1 printed for it
//! (`clojure <name>.clj ARGS` run in `tests/scripts/`). Each test runs the
//! built `evelisp` on the script in that directory, on a private env, and
//! asserts it exits 0 and prints exactly that, showing a line diff if not.
//!
//! A script that cannot pass yet because of a bug in the core library is
//! kept as written and its test is `#[ignore]`d with the smallest
//! reproduction of the bug as the reason.

mod common;
use common::line_diff::line_diff;
use std::path::PathBuf;
use std::process::Command;

/// The directory of the scripts and their expected outputs.
fn scripts_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/scripts")
}

/// Runs `evelisp --ephemeral <name>.clj args...` in the scripts directory
/// and asserts it exits 0 with the stdout in `<name>.expected`.
fn assert_script_prints_what_clojure_prints(name: &str, args: &[&str]) {
    let dir = scripts_dir();
    let expected_path = dir.join(format!("{name}.expected"));
    let expected = std::fs::read_to_string(&expected_path)
        .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
    let out = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .arg("--ephemeral")
        .arg(format!("{name}.clj"))
        .args(args)
        .current_dir(&dir)
        .env_remove("EVELISP_ENV")
        .env_remove("EVELISP_PATH")
        .output()
        .expect("evelisp runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout == expected,
        "{name}.clj: exit {:?}, stdout {} {name}.expected\n\
         --- diff (- Clojure, + evelisp)\n{}\n--- stderr\n{stderr}",
        out.status.code(),
        if stdout == expected {
            "is"
        } else {
            "differs from"
        },
        line_diff(&expected, &stdout),
    );
}

#[test]
fn the_line_diff_marks_what_each_side_printed() {
    assert_eq!(line_diff("a\nb\nc\n", "a\nB\nc\n"), "  a\n- b\n+ B\n  c");
    assert_eq!(line_diff("a\n", "a\nextra\n"), "  a\n+ extra");
    assert_eq!(
        line_diff("1\n2\n3\n4\n5\nx\n", "1\n2\n3\n4\n5\n"),
        "  1\n  ... 3 unchanged lines\n  5\n- x"
    );
}

#[test]
fn a_data_report() {
    assert_script_prints_what_clojure_prints("report", &[]);
}

#[test]
fn a_text_processor() {
    assert_script_prints_what_clojure_prints("text", &["text-input.md"]);
}

#[test]
fn simulations() {
    assert_script_prints_what_clojure_prints("life", &[]);
}

#[test]
fn an_expression_interpreter() {
    assert_script_prints_what_clojure_prints("calc", &[]);
}
