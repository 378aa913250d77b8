//! The nREPL server driven by a real client: JVM Clojure's own nREPL
//! client (nREPL 1.0's `nrepl.core`, from Debian's `libnrepl-clojure`)
//! runs `tests/nrepl/jvm_client_test.clj` against `evelisp nrepl-server`:
//! eval, streamed output, errors, interrupt, load-file, sessions, stdin,
//! completions, lookup. Then another `evelisp` process on the same env
//! file calls the function that client defined, and the server ends on
//! SIGTERM, removing its port file. Skipped (saying why) where `clojure`
//! or the jar is missing. A second, independent client, nreplops-tool's
//! `nr`, is used as on a command line (skipped where `nr` is missing).

mod common;
use common::nrepl::ServerProc;
use common::{check_clean, eval_ok};
use std::path::Path;
use std::process::Command;

/// Where Debian's package puts nREPL's jar.
const NREPL_JAR: &str = "/usr/share/java/nrepl.jar";

/// Why the JVM client cannot run here, if it cannot.
fn jvm_client_missing() -> Option<String> {
    if !Path::new(NREPL_JAR).exists() {
        return Some(format!(
            "{NREPL_JAR} is missing (apt-get install libnrepl-clojure)"
        ));
    }
    match Command::new("clojure").arg("-e").arg("nil").output() {
        Ok(out) if out.status.success() => None,
        Ok(out) => Some(format!(
            "`clojure` does not run: {}",
            String::from_utf8_lossy(&out.stderr)
        )),
        Err(e) => Some(format!("`clojure` is not on PATH: {e}")),
    }
}

#[test]
fn the_jvm_nrepl_client_works_against_the_server() {
    if let Some(why) = jvm_client_missing() {
        println!("skipped: {why}");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("editor.eve");
    let mut server = ServerProc::start(&env, dir.path());
    let port = server.port;
    assert_eq!(
        server.banner,
        format!("nREPL server started on port {port} on host 127.0.0.1 - nrepl://127.0.0.1:{port}")
    );
    let port_file = dir.path().join(".nrepl-port");
    assert_eq!(
        std::fs::read_to_string(&port_file).expect("the port file"),
        port.to_string()
    );

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nrepl/jvm_client_test.clj");
    let out = Command::new("clojure")
        .arg(&script)
        .arg(port.to_string())
        .env("CLASSPATH", NREPL_JAR)
        .output()
        .expect("clojure runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the JVM client's tests failed");
    assert!(stdout.contains("0 failures, 0 errors."), "{stdout}");

    // A function defined through nREPL, called by another process while
    // the server runs, and after it stopped.
    assert_eq!(eval_ok(&env, "(user/from-nrepl 21)"), "42\n");
    let status = server.terminate();
    assert!(
        status.success(),
        "the server ends cleanly on SIGTERM: {status:?}"
    );
    assert!(!port_file.exists(), "the port file is removed at exit");
    assert_eq!(eval_ok(&env, "(user/from-nrepl 5)"), "10\n");
    check_clean(&env);
}

/// The `nr` command of nreplops-tool (`cargo install nreplops-tool`): on
/// PATH, or where `$EVELISP_TEST_NR` says.
fn nreplops() -> Result<std::path::PathBuf, String> {
    let candidate = std::env::var_os("EVELISP_TEST_NR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "nr".into());
    match Command::new(&candidate).arg("--version").output() {
        Ok(out) if out.status.success() => Ok(candidate),
        _ => Err(format!(
            "{} does not run (cargo install nreplops-tool, or set EVELISP_TEST_NR)",
            candidate.display()
        )),
    }
}

#[test]
fn nreplops_tool_used_as_a_command_line_user_would() {
    let nr = match nreplops() {
        Ok(nr) => nr,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("cli.eve");
    let _server = ServerProc::start(&env, dir.path());
    // nr finds the server through .nrepl-port in the working directory.
    let run = |args: &[&str]| {
        let out = Command::new(&nr)
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("nr runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, out, err) = run(&[
        "-e",
        "(defn sq [x] (* x x))",
        "-e",
        "(sq 7)",
        "-e",
        "(println \"hi\")",
    ]);
    assert!(ok, "{err}");
    assert_eq!(out, "#'user/sq\n49\nhi\nnil\n");
    std::fs::write(
        dir.path().join("f.clj"),
        "(def from-file 5)\n(* from-file (sq 2))\n",
    )
    .expect("a file");
    let (ok, out, err) = run(&["-f", "f.clj"]);
    assert!(ok, "{err}");
    assert_eq!(out, "#'user/from-file\n20\n");
    let (_, out, err) = run(&["-e", "(/ 1 0)"]);
    assert_eq!(out, "");
    assert!(err.contains("Divide by zero"), "{err}");
    let (_, _, err) = run(&["--ns", "user", "-e", "(+ 1"]);
    assert!(err.contains("unterminated list"), "{err}");
    // What nr defined is in the env for every process.
    assert_eq!(eval_ok(&env, "[(sq 9) from-file]"), "[81 5]\n");
}
