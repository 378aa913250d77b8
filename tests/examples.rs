//! The example scripts in `examples/` run as a user would run them, with
//! the inputs in `examples/data/`, and print what `examples/expected/`
//! holds. The log summarizer's and the JSON-to-CSV converter's expected
//! outputs were printed by JVM Clojure 1.11 with Debian's tools.cli,
//! data.json and data.csv (`examples/expected/README.md` says how); the
//! file-tree report uses babashka.fs, which Debian does not package, and
//! its expected output was checked by hand against `find` and `ls -l`.

mod common;
use common::line_diff::line_diff;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// Runs `evelisp --ephemeral examples/SCRIPT ARGS` in the repository
/// root, with `stdin` (a file under examples/) as standard input.
fn run(script: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let input = match stdin {
        Some(file) => Stdio::from(std::fs::File::open(root.join(file)).expect("input file")),
        None => Stdio::null(),
    };
    Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .arg("--ephemeral")
        .arg(examples_dir().join(script))
        .args(args)
        .current_dir(&root)
        .stdin(input)
        .env_remove("EVELISP_ENV")
        .env_remove("EVELISP_PATH")
        .output()
        .expect("evelisp runs")
}

/// Asserts the run exited 0 and printed exactly `examples/expected/NAME`.
fn assert_prints(out: &Output, name: &str) {
    let want = std::fs::read_to_string(examples_dir().join("expected").join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let got = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && got == want,
        "{name}: exit {:?}\n--- diff (- expected, + evelisp)\n{}\n--- stderr\n{}",
        out.status.code(),
        line_diff(&want, &got),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_log_summarizer_reads_standard_input() {
    let out = run(
        "log_summary.clj",
        &["--top", "3"],
        Some("examples/data/access.log"),
    );
    assert_prints(&out, "log_summary.out");
    assert_prints(
        &run("log_summary.clj", &["--help"], None),
        "log_summary_help.out",
    );
}

#[test]
fn the_log_summarizer_refuses_a_bad_option() {
    let out = run(
        "log_summary.clj",
        &["--top", "0"],
        Some("examples/data/access.log"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(out.stdout, b"");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Failed to validate \"--top 0\": Must be a positive number\n"
    );
}

#[test]
fn the_json_to_csv_converter_reads_a_file_or_standard_input() {
    assert_prints(
        &run("json_to_csv.clj", &["examples/data/people.json"], None),
        "json_to_csv.out",
    );
    assert_prints(
        &run(
            "json_to_csv.clj",
            &["-c", "id,name", "-s", ";"],
            Some("examples/data/people.json"),
        ),
        "json_to_csv_columns.out",
    );
}

#[test]
fn the_json_to_csv_converter_names_where_a_document_is_broken() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "[{\"a\": 1},\n {\"b\": tru}]\n").expect("write");
    let out = run("json_to_csv.clj", &[bad.to_str().expect("utf-8")], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(out.stdout, b"", "no partial output");
    assert!(err.starts_with("json_to_csv: "), "{err}");
    assert!(err.contains("line 2"), "the position is named: {err}");
}

/// Copies `examples/data/project` to `to`, adding what git cannot keep:
/// an empty directory and a hidden one.
fn project_tree(to: &Path) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for entry in std::fs::read_dir(from).expect("read dir") {
            let entry = entry.expect("entry");
            let target = to.join(entry.file_name());
            if entry.file_type().expect("type").is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).expect("copy");
            }
        }
    }
    copy(&examples_dir().join("data/project"), to);
    std::fs::create_dir_all(to.join("target/classes")).expect("mkdir");
    std::fs::create_dir_all(to.join(".cache")).expect("mkdir");
    std::fs::write(to.join(".cache/index"), "0123456789abcdef").expect("write");
}

#[test]
fn the_file_tree_report_walks_a_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("project");
    project_tree(&root);
    let root = root.to_str().expect("utf-8");
    assert_prints(
        &run("file_tree_report.clj", &[root], None),
        "file_tree_report.out",
    );
    assert_prints(
        &run(
            "file_tree_report.clj",
            &["--no-hidden", "-l", "5", root],
            None,
        ),
        "file_tree_report_no_hidden.out",
    );
    let missing = run("file_tree_report.clj", &["/no/such/dir"], None);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&missing.stderr),
        "file_tree_report: not a directory: \"/no/such/dir\"\n"
    );
}
