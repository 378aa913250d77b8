//! File growth is durable before it is published: every `fallocate` that
//! grows the env file is followed by a data sync of the file before the
//! next growth (and before the process ends), so after an OS crash the
//! header never claims a length the disk does not hold. Observed from the
//! outside by tracing a real process's system calls with `strace`; the test
//! is skipped (with a note) where `strace` cannot run.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use std::process::Command;

#[test]
fn every_growth_is_synced() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("g.eve");
    let log = dir.path().join("strace.log");
    let probe = Command::new("strace")
        .args(["-o", "/dev/null", "true"])
        .status();
    if !matches!(probe, Ok(s) if s.success()) {
        eprintln!("skipped: strace is not available or may not trace here");
        return;
    }
    let out = Command::new("strace")
        .arg("-f")
        .arg("-e")
        .arg("trace=fallocate,fdatasync,fsync")
        .arg("-o")
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_heap-hammer"))
        .args(["alloc", p.to_str().unwrap(), "4000"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let trace = std::fs::read_to_string(&log).unwrap();
    let calls: Vec<&str> = trace
        .lines()
        .filter(|l| l.contains("fallocate(") || l.contains("sync("))
        .collect();
    let growths = calls
        .iter()
        .filter(|l| l.contains("fallocate(") && l.trim_end().ends_with("= 0"))
        .count();
    assert!(growths >= 3, "the file grew only {growths} times:\n{trace}");
    for (i, call) in calls.iter().enumerate() {
        if call.contains("fallocate(") && call.trim_end().ends_with("= 0") {
            let next = calls.get(i + 1).copied().unwrap_or("(nothing)");
            assert!(
                next.contains("fdatasync(") || next.contains("fsync("),
                "a growth was not synced before the next one: {call} then {next}\n{trace}"
            );
        }
    }
}
