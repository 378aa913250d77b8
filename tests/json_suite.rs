//! evelisp's JSON parser (eval's `natives/json/`, behind cheshire.core and
//! clojure.data.json) against the JSONTestSuite corpus
//! (its `test_parsing/` files, kept in `tests/fixtures/JSONTestSuite/`
//! under their MIT licence, see SOURCE.txt there; the directory
//! `JSON_TEST_SUITE` names, if set): one evelisp process parses
//! every file (`tests/json/suite.clj`) under a time limit. Every `y_` file
//! must parse, every `n_` file must be rejected with a JSON error naming a
//! line and column, `i_` files may go either way; none may crash or hang.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long the whole corpus may take (a debug build; a hang fails).
const LIMIT: Duration = Duration::from_secs(120);

fn corpus() -> PathBuf {
    std::env::var_os("JSON_TEST_SUITE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/JSONTestSuite/test_parsing")
        })
}

#[test]
fn the_json_test_suite_is_parsed_rejected_or_either_as_it_says() {
    let dir = corpus();
    let files = std::fs::read_dir(&dir).expect("corpus readable").count();
    assert!(files >= 318, "the whole corpus is in {}", dir.display());
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/json/suite.clj");
    let mut child = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .arg("--ephemeral")
        .arg(&script)
        .arg(&dir)
        .env_remove("EVELISP_ENV")
        .env_remove("EVELISP_PATH")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("evelisp starts");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the corpus took over {LIMIT:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = reader.join().expect("reader");
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    assert!(status.success(), "evelisp failed ({status}): {err}");
    let mut failures = Vec::new();
    let mut seen = 0;
    let mut accepted_i = 0;
    for line in out.lines() {
        let parts: Vec<&str> = line.split('\t').collect();
        let (name, verdict) = (parts[0], parts.get(1).copied().unwrap_or(""));
        seen += 1;
        match (&name[..2], verdict) {
            ("y_", "ok") => {}
            ("n_", "error") => {
                let class = parts.get(2).copied().unwrap_or("");
                let message = parts.get(3).copied().unwrap_or("");
                if !class.starts_with("com.fasterxml.jackson.core.") || !message.contains("line: ")
                {
                    failures.push(format!(
                        "{name}: rejected without a JSON error and position: {line}"
                    ));
                }
            }
            ("i_", "ok") => accepted_i += 1,
            ("i_", "error") => {}
            _ => failures.push(format!("{name}: {}", &line[name.len()..])),
        }
    }
    assert_eq!(seen, files, "one line per file:\n{out}\n{err}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{seen} files; {accepted_i} i_ files accepted");
}
