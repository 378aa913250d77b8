//! A runaway process (an infinite seq realized into a map) on an env file
//! with a small reserved map size: it gets an `OutOfMemoryError`, a process
//! working on the same file meanwhile goes on, and once the runaway is
//! gone its space is used again (issue 14).

mod common;
use common::{check_clean, eval_ok, spawn};
use std::process::Command;

#[test]
fn a_runaway_gets_out_of_memory_error_and_the_others_keep_working() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("small.eve");
    // The map size is recorded when the file is created.
    let out = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .arg("--env")
        .arg(&env)
        .args(["-e", "(def a (atom 0)) (def done (atom false)) :ok"])
        .env("EVELISP_MAP_SIZE", "16M")
        .env_remove("EVELISP_ENV")
        .output()
        .expect("evelisp runs");
    assert_eq!(
        common::ok("create", out),
        ":ok\n",
        "the file is created with a 16 MiB map size"
    );

    // A bystander: swaps (no allocation) until told to stop.
    let bystander = spawn(
        &env,
        "(loop [] (swap! a inc) (Thread/sleep 2) (when-not @done (recur))) (pos? @a)",
    );
    let runaway = "(def m (into {} (map (fn [i] [i (str \"value-\" i)]) (range))))";
    let out = spawn(&env, runaway).wait_with_output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("Execution error (OutOfMemoryError)") && stderr.contains("env full"),
        "{stderr}"
    );
    // Its space is free again: another process builds a big map.
    assert_eq!(
        eval_ok(
            &env,
            "(count (into {} (map (fn [i] [i (str \"value-\" i)]) (range 30000))))"
        ),
        "30000\n"
    );
    // Catchable as an Error, not as a RuntimeException.
    assert_eq!(
        eval_ok(
            &env,
            "(try (into [] (map str (range))) (catch RuntimeException e :runtime) \
             (catch OutOfMemoryError e :oom))"
        ),
        ":oom\n"
    );
    eval_ok(&env, "(reset! done true)");
    let out = bystander.wait_with_output().expect("runs");
    assert_eq!(common::ok("bystander", out), "true\n");
    check_clean(&env);
    // Alone, a sweep gives the disk space of what is free back.
    let gc = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(["env", "gc"])
        .arg(&env)
        .output()
        .expect("evelisp runs");
    let gc = common::ok("env gc", gc);
    assert!(gc.contains("given back to the file system"), "{gc}");
    let info = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(["env", "info"])
        .arg(&env)
        .output()
        .expect("evelisp runs");
    let info = common::ok("env info", info);
    let field = |name: &str| -> u64 {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {info}"))
    };
    let (length, on_disk) = (field("length:"), field("on disk:"));
    assert!(
        on_disk < length / 2,
        "{on_disk} bytes on disk for a file of {length}: {info}"
    );
    check_clean(&env);
}

#[test]
fn a_process_opening_while_another_sweeps_waits_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("swept.eve");
    eval_ok(&env, "(def keep (atom 7)) :ok");
    // A process killed mid-work leaves the file to be swept.
    let mut killed = spawn(
        &env,
        "(def v (atom [])) (loop [] (swap! v conj (str (rand))) (recur))",
    );
    let file = std::fs::File::open(&env).expect("open");
    wait_for_open_lock(&file);
    std::thread::sleep(std::time::Duration::from_millis(500));
    killed.kill().expect("kill");
    killed.wait().expect("reaped");
    // The next one opens alone and sweeps slowly (each step stalls 400 ms).
    let sweeper = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .arg("--env")
        .arg(&env)
        .args(["-e", "@keep"])
        .env("EVELISP_SWEEP_STALL_US", "400000")
        .env_remove("EVELISP_ENV")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("evelisp starts");
    wait_for_open_lock(&file);
    let out = spawn(&env, "(+ @keep 1)").wait_with_output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(common::ok("waiter", out), "8\n");
    assert!(
        stderr.contains("waiting for another process to finish recovering"),
        "{stderr}"
    );
    assert_eq!(
        common::ok("sweeper", sweeper.wait_with_output().expect("runs")),
        "7\n"
    );
    check_clean(&env);
}

/// Waits until some process holds the env file's open lock (has it open).
fn wait_for_open_lock(file: &std::fs::File) {
    let start = std::time::Instant::now();
    while !evelisp::heap::testing::held_elsewhere(file, evelisp::heap::testing::LOCK_OPEN)
        .expect("lock test")
    {
        assert!(start.elapsed().as_secs() < 30, "nobody opened the env file");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}
