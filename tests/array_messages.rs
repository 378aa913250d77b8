//! Snapshot (insta) of what array operations give and the errors they
//! raise, as the CLI shows them (class, place, message, as Clojure's).

use std::process::Command;

const EXPRS: &[&str] = &[
    "(vec (amap (int-array [1 2 3]) i r (* 10 (aget r i))))",
    "[(class (make-array Long/TYPE 2 2)) (type (into-array [\"a\"]))]",
    "(aget (int-array 3) 3)",
    "(aset (long-array 2) -1 0)",
    "(aset (int-array 1) 0 3.7)",
    "(aset (int-array 1) 0 5000000000)",
    "(aset (into-array [\"a\"]) 0 1)",
    "(aset-byte (byte-array 1) 0 200)",
    "(aset-double (int-array 1) 0 1)",
    "(int-array [nil])",
    "(char-array [\\a 98])",
    "(object-array -2)",
    "(ints (long-array 1))",
    "(into-array [1 \"a\"])",
    "(nth (double-array 2) 2)",
];

#[test]
fn array_results_and_errors() {
    // One env file for every run: only the first loads the core library.
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("messages.eve");
    let mut transcript = String::new();
    for expr in EXPRS {
        let out = Command::new(env!("CARGO_BIN_EXE_evelisp"))
            .arg("--env")
            .arg(&env)
            .args(["-e", expr])
            .env_remove("EVELISP_ENV")
            .env_remove("EVELISP_PATH")
            .output()
            .expect("evelisp runs");
        transcript.push_str(&format!(
            "{expr}\n=> exit {:?}\n{}{}\n",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    insta::assert_snapshot!(transcript);
}
