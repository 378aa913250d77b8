//! evelisp's clojure.data.json against Python's `json` module, value for
//! value: `tests/json/python_docs.py` writes random documents (seeded)
//! with `json.dumps` in several styles and prints each one's canonical
//! form; evelisp parses the same files (`tests/json/canonical.clj`) and
//! must print the same lines. Skipped with a reason when `python3` is
//! missing.

use std::path::PathBuf;
use std::process::Command;

const DOCUMENTS: u32 = 300;

fn run_with_seed(seed: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/json");
    let python = match Command::new("python3")
        .arg(here.join("python_docs.py"))
        .arg(seed.to_string())
        .arg(DOCUMENTS.to_string())
        .arg(dir.path())
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            eprintln!("skipped: no python3 ({e})");
            return;
        }
    };
    assert!(
        python.status.success(),
        "python: {}",
        String::from_utf8_lossy(&python.stderr)
    );
    let ours = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .arg("--ephemeral")
        .arg(here.join("canonical.clj"))
        .arg(dir.path())
        .env_remove("EVELISP_ENV")
        .env_remove("EVELISP_PATH")
        .output()
        .expect("evelisp runs");
    assert!(
        ours.status.success(),
        "evelisp: {}",
        String::from_utf8_lossy(&ours.stderr)
    );
    let want = String::from_utf8_lossy(&python.stdout);
    let got = String::from_utf8_lossy(&ours.stdout);
    let want: Vec<&str> = want.lines().collect();
    let got: Vec<&str> = got.lines().collect();
    assert_eq!(got.len(), want.len(), "documents parsed (seed {seed})");
    for (n, (w, g)) in want.iter().zip(&got).enumerate() {
        assert_eq!(
            g, w,
            "document {n} of seed {seed} (doc-{n:04}.json) differs"
        );
    }
}

#[test]
fn random_documents_parse_to_the_values_python_reads() {
    run_with_seed(19);
    run_with_seed(2024);
}
