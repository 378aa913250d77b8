//! The `evelisp` binary as a process: help, usage errors (exit 2), a file
//! with a syntax error (forms before it printed, `file:line:column` on
//! stderr, exit 1), and piped input.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], stdin: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("evelisp starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("evelisp runs");
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status
            .code()
            .map_or("signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn help_and_usage_errors() {
    insta::assert_snapshot!(run(&["--help"], ""));
    insta::assert_snapshot!(run(&["--no-such-flag"], ""));
}

#[test]
fn a_file_with_a_syntax_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.clj");
    std::fs::write(
        &path,
        "(ns demo)\n(defn ok [] 1)\n\n(defn bad []\n  \"x\" \\qq)\n(never)\n",
    )
    .expect("write file");
    let out = run(&[path.to_str().expect("utf-8 path")], "");
    let out = out.replace(path.to_str().expect("utf-8 path"), "broken.clj");
    insta::assert_snapshot!(out);
}

#[test]
fn piped_input_is_read_whole() {
    insta::assert_snapshot!(run(&["-"], "(a)\n(b 0xFF\n   c)\n[d]]\n"));
    insta::assert_snapshot!(run(&[], "#?(:clj 1 :evelisp 2) 'x\n"));
}
