//! The differential test against JVM Clojure 1.11: runs every case of
//! `tests/differential/clojure-1.11.tsv` (generated calls of the public
//! fns of clojure.core, clojure.string, clojure.set, clojure.walk and
//! clojure.edn, with the result JVM Clojure gave: the printed value and
//! output, or the exception class) through `tests/differential/run.cljc` on
//! the `evelisp` binary, and compares.
//!
//! A case that disagrees must be listed in
//! `tests/differential/known_differences.tsv` with its reason, and a listed
//! case must still disagree: a regression and a fix both show up here.
//! `tests/differential/regenerate` rebuilds the expected file from the JVM.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long a case may run before the runner is taken for hung.
const HANG: Duration = Duration::from_secs(30);

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/differential")
}

/// One case: its id, source and the JVM's result.
struct Case {
    id: String,
    src: String,
    expected: String,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(dir().join("clojure-1.11.tsv")).expect("expected file");
    text.lines()
        .map(|line| {
            let mut parts = line.splitn(3, '\t');
            let (Some(id), Some(src), Some(expected)) = (parts.next(), parts.next(), parts.next())
            else {
                panic!("bad line in clojure-1.11.tsv: {line}");
            };
            Case {
                id: id.to_string(),
                src: src.to_string(),
                expected: expected.to_string(),
            }
        })
        .collect()
}

/// The known differences: case id to reason.
fn known() -> BTreeMap<String, String> {
    let text =
        std::fs::read_to_string(dir().join("known_differences.tsv")).expect("known differences");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let (id, reason) = line.split_once('\t').unwrap_or((line, ""));
            (id.to_string(), reason.to_string())
        })
        .collect()
}

/// Runs the cases from index `start` in one `evelisp` process; returns the
/// results it printed, and whether it stopped (hung or died) before the end.
fn run_from(cases_file: &Path, start: usize, results: &mut HashMap<String, String>) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .arg("--ephemeral")
        .arg(dir().join("run.cljc"))
        .arg(cases_file)
        .arg(start.to_string())
        .env_remove("EVELISP_ENV")
        .env_remove("EVELISP_PATH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("evelisp starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let stopped = loop {
        match rx.recv_timeout(HANG) {
            Ok(line) => {
                let (id, result) = line.split_once('\t').unwrap_or((&line, ""));
                results.insert(id.to_string(), result.to_string());
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let _ = child.kill();
                break true;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break false,
        }
    };
    let status = child.wait().expect("evelisp ends");
    stopped || !status.success()
}

#[test]
fn core_functions_agree_with_clojure() {
    let cases = cases();
    let known = known();
    let tmp = tempfile::tempdir().expect("temp dir");
    let cases_file = tmp.path().join("cases.tsv");
    let mut f = std::fs::File::create(&cases_file).expect("cases file");
    for c in &cases {
        writeln!(f, "{}\t{}", c.id, c.src).expect("write cases");
    }
    drop(f);

    let mut results = HashMap::new();
    let mut start = 0;
    while start < cases.len() {
        if !run_from(&cases_file, start, &mut results) {
            break;
        }
        // The runner hung or died on the first case without a result.
        let stuck = (start..cases.len())
            .find(|&i| !results.contains_key(&cases[i].id))
            .unwrap_or(cases.len());
        if stuck < cases.len() {
            results.insert(cases[stuck].id.clone(), "hung or died".to_string());
        }
        start = stuck + 1;
    }

    let mut agree = 0;
    let mut new_differences = Vec::new();
    let mut fixed = Vec::new();
    for c in &cases {
        let got = results.get(&c.id).map(String::as_str).unwrap_or("missing");
        let same = got == c.expected;
        if same {
            agree += 1;
        }
        match (same, known.contains_key(&c.id)) {
            (false, false) => new_differences.push(format!(
                "{}\n    {}\n    clojure: {}\n    evelisp: {}",
                c.id, c.src, c.expected, got
            )),
            (true, true) => fixed.push(c.id.clone()),
            _ => {}
        }
    }
    let vars: std::collections::BTreeSet<&str> = cases
        .iter()
        .filter_map(|c| c.id.rsplitn(3, '/').nth(2))
        .collect();
    println!(
        "{agree} of {} cases over {} vars agree with Clojure 1.11 ({:.2}%)",
        cases.len(),
        vars.len(),
        100.0 * agree as f64 / cases.len() as f64
    );
    assert!(
        new_differences.is_empty(),
        "{} cases disagree with Clojure 1.11 and are not in known_differences.tsv:\n{}",
        new_differences.len(),
        new_differences.join("\n")
    );
    assert!(
        fixed.is_empty(),
        "{} cases listed in known_differences.tsv now agree: remove them:\n{}",
        fixed.len(),
        fixed.join("\n")
    );
}
