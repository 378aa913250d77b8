//! `evelisp env info|check|gc` on files as users leave them (issue 14,
//! item 4): info and check only read (a read-only file, its modification
//! time untouched), and gc reports what it reclaimed, including what the
//! recovery sweep at open did.

mod common;
use common::{env_cmd, eval_ok, spawn};
use std::os::unix::fs::PermissionsExt;
use std::process::Output;
use std::time::Duration;

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn info_and_check_read_a_read_only_file_without_touching_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("ro.eve");
    eval_ok(&env, "(def m (atom {:a [1 2 3]})) (defn f [x] (* 2 x))");
    std::fs::set_permissions(&env, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::metadata(&env)
        .expect("stat")
        .modified()
        .expect("mtime");
    let bytes = std::fs::read(&env).expect("read");
    std::thread::sleep(Duration::from_millis(20));
    let info = stdout(&env_cmd("info", &env));
    assert!(
        info.contains("namespaces (") && info.contains("  user\n"),
        "{info}"
    );
    let check = stdout(&env_cmd("check", &env));
    assert!(check.contains("healthy"), "{check}");
    assert!(
        !check.contains("note:"),
        "a quiet file is checked whole: {check}"
    );
    let after = std::fs::metadata(&env)
        .expect("stat")
        .modified()
        .expect("mtime");
    assert_eq!(before, after, "the modification time changed");
    assert!(
        std::fs::read(&env).expect("read") == bytes,
        "the file changed"
    );
}

#[test]
fn gc_reports_the_recovery_sweep_at_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("crashed.eve");
    eval_ok(&env, "(def m (atom {}))");
    let mut victim = spawn(
        &env,
        "(dotimes [i 10000000] (swap! m assoc (rand-int 500) (str i)))",
    );
    std::thread::sleep(Duration::from_millis(700));
    victim.kill().expect("SIGKILL");
    victim.wait().expect("reaped");
    let gc = stdout(&env_cmd("gc", &env));
    assert!(
        gc.contains("recovery sweep at open:") && gc.contains("swept:"),
        "{gc}"
    );
    let check = stdout(&env_cmd("check", &env));
    assert!(check.contains("healthy"), "{check}");
}
