//! The built-in scripting libraries against their originals: every
//! `tests/libraries/NAME.clj` is a file of cases (top-level forms), and
//! `tests/libraries/NAME.expected` is what JVM Clojure 1.11 with the
//! original library (Debian's jars, `tests/libraries/classpath.sh`) printed
//! for it through `tests/libraries/run.clj`: one line per form, the value
//! as `pr-str` prints it or `!! ` and the exception class, output before it
//! as `;; ` lines. `tests/libraries/regenerate NAME` records it.
//!
//! Each case file runs on the built `evelisp` and must print exactly the
//! expected lines, except those listed in `NAME.differences` (tab-separated:
//! the 1-based line of `NAME.expected`, what evelisp prints there, and why
//! it differs); a listed line that now agrees fails too, so the list stays
//! true. Where JVM Clojure and the jars are installed (`.ci/run` installs
//! them), the cases run there as well and must still print the recorded
//! lines, so the expected files cannot go stale; elsewhere that half is
//! skipped with a printed reason.

mod common;
use common::line_diff::line_diff;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The directory of the case files.
fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/libraries")
}

/// The names of the case files (`NAME.clj`, not the runner).
fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cases_dir())
        .expect("tests/libraries is readable")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".clj")?;
            (stem != "run").then(|| stem.to_string())
        })
        .collect();
    names.sort();
    names
}

/// The jars of `classpath.sh`, read from it so the two lists are one.
fn classpath() -> String {
    let text = std::fs::read_to_string(cases_dir().join("classpath.sh")).expect("classpath.sh");
    text.lines()
        .find_map(|l| l.strip_prefix("CLASSPATH="))
        .expect("classpath.sh sets CLASSPATH")
        .to_string()
}

/// The listed differences of a case file: expected line number → (what
/// evelisp prints there, why).
fn differences(name: &str) -> BTreeMap<usize, (String, String)> {
    let path = cases_dir().join(format!("{name}.differences"));
    let Ok(text) = std::fs::read_to_string(&path) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.splitn(3, '\t');
            let line = parts.next().and_then(|n| n.parse().ok());
            let printed = parts.next();
            let why = parts.next();
            match (line, printed, why) {
                (Some(line), Some(printed), Some(why)) => {
                    (line, (printed.to_string(), why.to_string()))
                }
                _ => panic!("{}: bad line {l:?}", path.display()),
            }
        })
        .collect()
}

fn expected(name: &str) -> String {
    let path = cases_dir().join(format!("{name}.expected"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs the case file with `program` (`evelisp --ephemeral` or `clojure`)
/// in the cases directory; its exit code and output.
fn run_cases(program: &str, pre_args: &[&str], name: &str, classpath: Option<&str>) -> String {
    let mut cmd = Command::new(program);
    cmd.args(pre_args)
        .arg("run.clj")
        .arg(format!("{name}.clj"))
        .current_dir(cases_dir())
        .env_remove("EVELISP_ENV")
        .env_remove("EVELISP_PATH");
    if let Some(cp) = classpath {
        cmd.env("CLASSPATH", cp);
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("{program}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        stdout
    } else {
        format!(
            "{stdout}[{program} exited {:?}: {}]\n",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).trim_end()
        )
    }
}

/// What evelisp must print: the expected lines with the listed
/// differences put in. Also returns the listed lines that now agree.
fn expected_for_evelisp(name: &str, printed: &str) -> (String, Vec<String>) {
    let listed = differences(name);
    let printed: Vec<&str> = printed.lines().collect();
    let mut stale = Vec::new();
    let mut lines = Vec::new();
    for (i, line) in expected(name).lines().enumerate() {
        match listed.get(&(i + 1)) {
            Some((theirs, why)) => {
                if printed.get(i) == Some(&line) {
                    stale.push(format!("{name}.differences: line {} now agrees ({why})", i + 1));
                }
                lines.push(theirs.clone());
            }
            None => lines.push(line.to_string()),
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    (text, stale)
}

#[test]
fn the_libraries_print_what_the_originals_print() {
    let mut failures = Vec::new();
    let names = case_names();
    assert!(names.contains(&"smoke".to_string()), "{names:?}");
    for name in &names {
        let printed = run_cases(env!("CARGO_BIN_EXE_evelisp"), &["--ephemeral"], name, None);
        let (want, stale) = expected_for_evelisp(name, &printed);
        failures.extend(stale);
        if printed != want {
            failures.push(format!(
                "{name}.clj: evelisp differs from {name}.expected\n--- diff (- Clojure, + evelisp)\n{}",
                line_diff(&want, &printed)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Why the JVM half cannot run here, if it cannot.
fn jvm_missing() -> Option<String> {
    let has_clojure = Command::new("sh")
        .args(["-c", "command -v clojure"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_clojure {
        return Some("`clojure` is not installed (Debian package clojure)".into());
    }
    classpath()
        .split(':')
        .find(|jar| !Path::new(jar).exists())
        .map(|jar| format!("{jar} is missing (see tests/libraries/classpath.sh)"))
}

#[test]
fn the_recorded_outputs_are_what_the_originals_print_now() {
    if let Some(why) = jvm_missing() {
        println!("skipped: {why}; the recorded .expected files were not checked against JVM Clojure");
        return;
    }
    let cp = classpath();
    let names = case_names();
    // Two JVMs at a time: one per core of a small machine.
    let failures: Vec<String> = names
        .chunks(names.len().div_ceil(2).max(1))
        .map(|chunk| {
            let cp = cp.clone();
            let chunk = chunk.to_vec();
            std::thread::spawn(move || {
                chunk
                    .iter()
                    .filter_map(|name| {
                        let printed = run_cases("clojure", &[], name, Some(&cp));
                        let want = expected(name);
                        (printed != want).then(|| {
                            format!(
                                "{name}.clj: JVM Clojure now prints other lines than {name}.expected (run tests/libraries/regenerate {name})\n{}",
                                line_diff(&want, &printed)
                            )
                        })
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flat_map(|h| h.join().expect("a JVM thread"))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
