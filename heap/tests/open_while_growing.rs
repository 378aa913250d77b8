//! Opening an env file while another process grows it: the header's file
//! length and bump pointer change under the opener's reads, and the open
//! must never refuse the (healthy) file for it.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_heap::FIRST_USER_ROOT;
use evelisp_heap::{Env, EnvOptions};
use std::process::{Command, Stdio};

const GROWER_ENV: &str = "EVELISP_GROWER";

fn opts() -> EnvOptions {
    EnvOptions::new().map_size(1 << 31)
}

/// The grower (this test binary run again): keeps storing big strings, so
/// the file keeps growing, until the file `stop` appears.
#[test]
fn grower_process() {
    let Ok(path) = std::env::var(GROWER_ENV) else {
        return; // only runs as the child of the test below
    };
    let path = std::path::PathBuf::from(path);
    let stop = path.with_extension("stop");
    let env = Env::open_with(&path, &opts()).unwrap();
    let p = env.participant().unwrap();
    let root = env.root(FIRST_USER_ROOT).unwrap();
    let chunk = "x".repeat(256 * 1024);
    let mut v = env.make_vector(&[]).unwrap();
    while !stop.exists() && env.file_len() < 1 << 30 {
        let s = env.make_string(&chunk).unwrap();
        v = env.conj(v.borrowed(), s.borrowed()).unwrap();
        root.reset(&p, v.clone()).unwrap();
    }
    println!("GREW TO {}", env.file_len());
}

#[test]
fn opens_during_growth_never_refuse_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.eve");
    drop(Env::open_with(&path, &opts()).unwrap());
    let child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "grower_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(GROWER_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut opens = 0;
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(3) {
        match Env::open_with(&path, &opts()) {
            Ok(env) => drop(env),
            Err(e) => panic!("open #{opens} refused a growing file: {e}"),
        }
        opens += 1;
    }
    std::fs::write(path.with_extension("stop"), b"").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(opens > 10, "only {opens} opens");
    let env = Env::open_with(&path, &opts()).unwrap();
    assert!(env.check().unwrap().is_healthy());
}
