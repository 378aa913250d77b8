//! The recovery sweep of a file a runaway process left (issue 14): a sweep
//! killed at random moments leaves a healthy file and less garbage, never
//! more, and a completed one gets every leaked byte back with the live
//! data unchanged; a process opening the file while another sweeps waits
//! (with a notice after a second) and then finds it swept; the disk space
//! of free runs goes back to the file system, and reusing it works.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use evelisp_heap::Stats;
use evelisp_heap::testing::LOCK_OPEN;
use evelisp_heap::{Env, EnvOptions, Ref, Word};
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const HAMMER: &str = env!("CARGO_BIN_EXE_heap-hammer");
/// The user root of `heap-hammer runaway`'s live map.
const RUNAWAY_ROOT: usize = 12;
/// Live keys the runaway stores before it leaks.
const LIVE: i64 = 3000;

/// Runs `heap-hammer runaway` on `path` with about `garbage_mb` MiB of
/// garbage; returns the number of keys of its live map.
fn runaway(path: &Path, garbage_mb: u64) -> i64 {
    let out = Command::new(HAMMER)
        .args(["runaway", path.to_str().unwrap(), "1024"])
        .arg(LIVE.to_string())
        .arg(garbage_mb.to_string())
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "the runaway dies without closing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// Opens `path` as found (no recovery), checks it and returns its stats.
fn look(path: &Path) -> Stats {
    let env = Env::open_with(path, &EnvOptions::new().recover(false)).unwrap();
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    r.stats
}

/// Asserts the runaway's live map holds keys `0..keys`, each with its string.
fn assert_live(env: &Env, keys: i64) {
    let p = env.participant().unwrap();
    let g = p.pin();
    let root = env.root(RUNAWAY_ROOT).unwrap();
    let m = root.load(&g).unwrap();
    assert_eq!(m.count().unwrap(), keys as u64);
    for k in 0..keys {
        let key = Ref::immediate(env, Word::fixnum(k).unwrap()).unwrap();
        let v = m.get(key).unwrap().unwrap_or_else(|| panic!("key {k}"));
        assert_eq!(v.as_str().unwrap(), format!("live-{k:<35}"));
    }
}

fn disk_bytes(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().blocks() * 512
}

#[test]
fn a_sweep_killed_at_random_moments_leaves_less_to_do_and_a_full_one_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("runaway.eve");
    let keys = runaway(&p, 48);
    // Each step of a sweep (and every 256 carves) stalls 3 ms, so kills
    // land in every phase.
    let stall = ("EVELISP_SWEEP_STALL_US", "3000");
    // Reference: a copy swept to the end, and how long that takes.
    let copy = dir.path().join("reference.eve");
    std::fs::copy(&p, &copy).unwrap();
    let t = Instant::now();
    let out = Command::new(HAMMER)
        .args(["open", copy.to_str().unwrap()])
        .env(stall.0, stall.1)
        .output()
        .unwrap();
    common::assert_ok(&out);
    let full = t.elapsed();
    let reference = look(&copy);
    assert_eq!(reference.unreachable_bytes + reference.retired_bytes, 0);

    let start = look(&p);
    let initial = start.unreachable_bytes + start.retired_bytes;
    assert!(initial > 40 << 20, "{start:?}");
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut killed = 0;
    const ROUNDS: u64 = 6;
    for round in 0..ROUNDS {
        // A fresh copy of what the runaway left, swept and killed twice:
        // first in the round's part of the sweep's time, then anywhere.
        let f = dir.path().join(format!("round{round}.eve"));
        std::fs::copy(&p, &f).unwrap();
        let mut garbage = initial;
        let micros = (full.as_micros() as u64).max(ROUNDS);
        for kill in 0..2 {
            let delay = Duration::from_micros(if kill == 0 {
                micros * round / ROUNDS + random() % (micros / ROUNDS)
            } else {
                random() % micros
            });
            let mut child = Command::new(HAMMER)
                .args(["open", f.to_str().unwrap()])
                .env(stall.0, stall.1)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(delay);
            let _ = child.kill(); // SIGKILL
            let status = child.wait().unwrap();
            if status.signal() == Some(libc::SIGKILL) {
                killed += 1;
            }
            // Healthy after every kill, and never more garbage than before.
            let now = look(&f);
            let left = now.unreachable_bytes + now.retired_bytes;
            eprintln!(
                "round {round}.{kill}: {status} after {delay:?} (a full sweep: {full:?}): \
                 {left} bytes of garbage left"
            );
            assert!(
                left <= garbage,
                "round {round}.{kill}: {left} bytes of garbage, {garbage} before"
            );
            garbage = left;
        }
        // A sweep to the end: nothing leaked, the live data unchanged.
        let out = Command::new(HAMMER)
            .args(["open", f.to_str().unwrap()])
            .output()
            .unwrap();
        common::assert_ok(&out);
        let end = look(&f);
        assert_eq!(end.unreachable_bytes + end.retired_bytes, 0, "{end:?}");
        assert_eq!(end.live_bytes, reference.live_bytes);
        assert_eq!(end.live_objects, reference.live_objects);
        assert_eq!(end.kinds, reference.kinds);
        let env = Env::open(&f).unwrap();
        assert_live(&env, keys);
        drop(env);
        std::fs::remove_file(&f).unwrap();
    }
    // Timing varies with the machine's load; most kills land mid-sweep.
    assert!(
        killed >= ROUNDS / 2,
        "only {killed} of the sweeps were killed"
    );
}

#[test]
fn an_opener_waits_for_a_sweep_with_a_notice_and_finds_the_file_swept() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("runaway.eve");
    runaway(&p, 16);
    // A slow sweeper: every step stalls 400 ms.
    let mut sweeper = Command::new(HAMMER)
        .args(["open", p.to_str().unwrap()])
        .env("EVELISP_SWEEP_STALL_US", "400000")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until it holds the open lock (nobody else has the file).
    let f = std::fs::File::open(&p).unwrap();
    let t = Instant::now();
    while !evelisp_heap::testing::held_elsewhere(&f, LOCK_OPEN).unwrap() {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "the sweeper never opened"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let t = Instant::now();
    let out = Command::new(HAMMER)
        .args(["open-check", p.to_str().unwrap()])
        .output()
        .unwrap();
    let waited = t.elapsed();
    common::assert_ok(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stdout.trim(), "healthy 0", "swept before it got in");
    assert!(stderr.contains("waiting for"), "no notice: {stderr}");
    assert!(waited > Duration::from_secs(1), "{waited:?}");
    assert!(sweeper.wait().unwrap().success());
}

#[test]
fn a_swept_runaway_gives_its_disk_back_and_the_space_is_reused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("runaway.eve");
    let keys = runaway(&p, 64);
    let before = disk_bytes(&p);
    let mut env = Env::open_with(&p, &EnvOptions::new().recover(false)).unwrap();
    let report = env.sweep().unwrap();
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert!(report.free_runs > 0);
    assert!(report.punched_bytes > 48 << 20, "{report:?}");
    let after = env.allocated_bytes().unwrap();
    assert_eq!(after, disk_bytes(&p));
    assert!(
        after + (48 << 20) < before,
        "{before} bytes on disk before the sweep, {after} after"
    );
    let len = env.file_len();
    // Reuse it: 40 MiB of strings, some of them large blocks.
    let texts: Vec<String> = (0..2000)
        .map(|i| {
            let n = if i % 10 == 0 { 30_000 } else { 18_000 + i % 7 };
            format!("{i}:").repeat(n / 5)
        })
        .collect();
    {
        let part = env.participant().unwrap();
        let mut v = env.make_vector(&[]).unwrap();
        for t in &texts {
            let s = env.make_string(t).unwrap();
            v = env.conj_owned(v, s.borrowed()).unwrap();
        }
        env.root(13).unwrap().reset(&part, v).unwrap();
    }
    assert_eq!(
        env.file_len(),
        len,
        "the file grew instead of reusing its runs"
    );
    let reused = env.allocated_bytes().unwrap();
    assert!(
        reused > after + (30 << 20),
        "the reused runs were not allocated again: {after} -> {reused}"
    );
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.unreachable_bytes, 0);
    drop(env);
    let env = Env::open(&p).unwrap();
    {
        let part = env.participant().unwrap();
        let g = part.pin();
        let v = env.root(13).unwrap().load(&g).unwrap();
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(v.nth(i as u64).unwrap().as_str().unwrap(), t);
        }
    }
    assert_live(&env, keys);
}

#[test]
fn an_os_crash_after_a_sweep_restores_a_checkpoint_across_free_runs() {
    use evelisp_heap::testing::{OFF_BOOT_ID, OFF_CLEAN};
    use std::os::unix::fs::FileExt;
    let put = |p: &Path, off: u64, v: u64| {
        let f = std::fs::OpenOptions::new().write(true).open(p).unwrap();
        f.write_all_at(&v.to_ne_bytes(), off).unwrap();
        f.sync_all().unwrap();
    };
    let leak = |env: &Env, mb: u64| {
        let start = env.carved_len();
        let mut i = 0;
        while env.carved_len() < start + (mb << 20) {
            let s = env.make_string(&"z".repeat(200 + i % 3000)).unwrap();
            std::mem::forget(s); // garbage on purpose
            i += 1;
        }
    };
    let log = |env: &Env| -> Vec<String> {
        let part = env.participant().unwrap();
        let g = part.pin();
        let v = env.root(13).unwrap().load(&g).unwrap();
        v.elements()
            .unwrap()
            .map(|x| x.unwrap().as_str().unwrap().to_string())
            .collect()
    };
    let push = |env: &Env, n: usize| {
        let part = env.participant().unwrap();
        let root = env.root(13).unwrap();
        for i in 0..n {
            let s = env
                .make_string(&format!("entry {i} {}", "e".repeat(i % 500)))
                .unwrap();
            root.swap(&part, |cur| {
                if cur.is_nil() {
                    env.make_vector(&[s.borrowed()])
                } else {
                    env.conj(cur, s.borrowed())
                }
            })
            .unwrap();
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("ckpt.eve");
    let saved = {
        let env = Env::open_with(&p, &EnvOptions::new().map_size(1 << 30)).unwrap();
        push(&env, 300);
        // Garbage on both sides of the checkpoint's end, so one free run
        // made by a later sweep reaches across it.
        leak(&env, 6);
        let part = env.participant().unwrap();
        env.checkpoint(&part).unwrap();
        drop(part);
        leak(&env, 6);
        log(&env)
    };
    // A process crash: the lone open sweeps (free runs across the
    // checkpoint's end, the tail included), then the file is used again.
    put(&p, OFF_CLEAN, 0);
    {
        let env = Env::open(&p).unwrap();
        push(&env, 2000);
        let r = env.check().unwrap();
        assert!(r.is_healthy(), "{:?}", r.findings);
    }
    // An OS crash: back to the checkpoint, and a healthy file.
    put(&p, OFF_CLEAN, 0);
    put(&p, OFF_BOOT_ID, 0x1234_5679);
    let env = Env::open(&p).unwrap();
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.unreachable_bytes, 0);
    assert_eq!(log(&env), saved);
    // And it is usable: new values, still healthy.
    push(&env, 2000);
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
}
