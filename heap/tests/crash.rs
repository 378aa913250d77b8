//! kill -9 at random moments: workers churn collections in two atoms while
//! a supervisor SIGKILLs them (200 kills per run), sometimes before they
//! are even ready (during open, or during the sweep a lone opener runs).
//! After every round the surviving worker is still running, a reopen works
//! (and sweeps), `check()` is clean, the live bytes are exactly what the
//! roots reach, and the atoms' values are intact.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::{Env, EnvOptions, View, Word};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn churn(path: &std::path::Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
        .args(["churn", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn wait_ready(c: &mut Child) {
    let mut line = String::new();
    BufReader::new(c.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "ready");
}

fn kill(c: Child, round: usize) {
    let mut c = c;
    c.kill().unwrap();
    let out = c.wait_with_output().unwrap();
    // Killed by the signal, never an exit of its own (an error).
    assert!(
        out.status.code().is_none(),
        "round {round}: worker exited: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The atoms' values are intact: v[i] = i, m[k] = str(k).
fn verify(env: &Env) {
    let p = env.participant().unwrap();
    let g = p.pin();
    let vatom = env.root(10).unwrap().load(&g).unwrap();
    let vroot = env.atom_root(vatom).unwrap();
    let v = vroot.load(&g).unwrap();
    let n = v.count().unwrap();
    for i in (0..n).step_by(97).chain(n.checked_sub(1)) {
        assert_eq!(v.nth(i).unwrap().word(), Word::fixnum(i as i64).unwrap());
    }
    let matom = env.root(11).unwrap().load(&g).unwrap();
    let mroot = env.atom_root(matom).unwrap();
    let m = mroot.load(&g).unwrap();
    let n = m.count().unwrap();
    for k in (0..n).step_by(89).chain(n.checked_sub(1)) {
        let val = m.get(int(env, k as i64)).unwrap().unwrap();
        assert_eq!(val.view().unwrap(), View::Str(&k.to_string()));
    }
}

#[test]
fn two_hundred_kills_never_corrupt_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("crash.eve");
    drop(Env::open_with(&p, &EnvOptions::new().map_size(1 << 32)).unwrap());
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("crash test seed {seed:#x}");
    let mut rng = Rng(seed);
    let mut kills = 0;
    let mut early = 0;
    let mut max_len = 0;
    for round in 0..100 {
        let mut a = churn(&p);
        let mut b = churn(&p);
        if rng.below(4) == 0 {
            // Kill the first worker wherever it is: opening, sweeping, churning.
            std::thread::sleep(Duration::from_micros(rng.below(3000)));
            early += 1;
        } else {
            wait_ready(&mut a);
            std::thread::sleep(Duration::from_micros(rng.below(15_000)));
        }
        kill(a, round);
        wait_ready(&mut b);
        std::thread::sleep(Duration::from_micros(1000 + rng.below(5000)));
        assert!(
            b.try_wait().unwrap().is_none(),
            "round {round}: the survivor died"
        );
        b.kill().unwrap();
        let out = b.wait_with_output().unwrap();
        assert!(
            out.status.code().is_none(),
            "round {round}: worker exited: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        kills += 2;

        let env = Env::open(&p).unwrap(); // alone after a crash: sweeps
        let report = env.check().unwrap();
        assert!(
            report.is_healthy(),
            "round {round} (seed {seed:#x}): {:?}",
            report.findings
        );
        assert_eq!(
            report.stats.unreachable_bytes, 0,
            "round {round}: the sweep got everything back"
        );
        verify(&env);
        max_len = max_len.max(env.file_len());
    }
    assert_eq!(kills, 200);
    eprintln!("{kills} kills ({early} before ready), largest file {max_len} bytes");
    assert!(
        max_len < 256 << 20,
        "churn with sweeps keeps the file bounded"
    );
}

/// Kills land in the middle of reclamation (retire, collect, free) while
/// another worker goes on reclaiming and adopts the dead one's slot. The
/// file is checked as the crash left it, before any sweep: leaks are
/// allowed, damage is not.
#[test]
fn kills_during_reclamation_never_corrupt_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("reclaim.eve");
    drop(Env::open_with(&p, &EnvOptions::new().map_size(1 << 32)).unwrap());
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("reclamation crash seed {seed:#x}");
    let mut rng = Rng(seed);
    let worker = |n: &str, s: u64| {
        Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
            .args([
                "retire-churn",
                p.to_str().unwrap(),
                "13",
                n,
                "500",
                &s.to_string(),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    for round in 0..25 {
        let victim = worker("100000000", rng.below(1 << 30));
        let survivor = worker("1500", rng.below(1 << 30));
        std::thread::sleep(Duration::from_micros(500 + rng.below(12_000)));
        kill(victim, round);
        let out = survivor.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let env = Env::open_with(&p, &EnvOptions::new().recover(false)).unwrap();
        let r = env.check().unwrap();
        assert!(
            r.is_healthy(),
            "round {round} (seed {seed:#x}): {:?}",
            r.findings
        );
        {
            let p = env.participant().unwrap();
            let g = p.pin();
            let atom = env.root(13).unwrap().load(&g).unwrap();
            let root = env.atom_root(atom).unwrap();
            let m = root.load(&g).unwrap();
            assert!(m.count().unwrap() <= 500);
        }
        drop(env);
        // The next lone open sweeps what the victim leaked.
        let env = Env::open(&p).unwrap();
        assert_eq!(
            env.check().unwrap().stats.unreachable_bytes,
            0,
            "round {round}"
        );
    }
}
