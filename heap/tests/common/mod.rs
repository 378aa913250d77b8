//! Helpers shared by the heap's integration tests: opening a test's env
//! file, small integers, settling retired memory, raw reads and writes of
//! a closed file, and checking the worker processes (the `heap-hammer`
//! binary) they drive. Each test file uses some of them, hence
//! `dead_code` is allowed here.

#![allow(dead_code, clippy::unwrap_used)]

use evelisp_heap::{Env, EnvOptions, Participant, Ref, Stats, Word};
use std::os::unix::fs::FileExt;
use std::path::Path;
use tempfile::TempDir;

/// Asserts that a worker process exited successfully, showing its stderr
/// if it did not.
pub fn assert_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The name of the env file [`env`] and [`env_sized`] open in a test's
/// directory.
pub const ENV_FILE: &str = "env.eve";

/// Options for a test's env file: a 1 GiB map.
pub fn opts() -> EnvOptions {
    EnvOptions::new().map_size(1 << 30)
}

/// Opens (creating it) the env file [`ENV_FILE`] in `dir`, with a 1 GiB map.
pub fn env(dir: &TempDir) -> Env {
    env_sized(dir, 1 << 30)
}

/// Opens (creating it) the env file [`ENV_FILE`] in `dir`, with a map of
/// `map_size` bytes.
pub fn env_sized(dir: &TempDir, map_size: u64) -> Env {
    Env::open_with(
        dir.path().join(ENV_FILE),
        &EnvOptions::new().map_size(map_size),
    )
    .unwrap()
}

/// The word of the small integer `i`.
pub fn fixnum(i: i64) -> Word {
    Word::fixnum(i).unwrap()
}

/// The small integer `i` as a value of `env` (an immediate: nothing to count).
pub fn int(env: &Env, i: i64) -> Ref<'_> {
    Ref::immediate(env, fixnum(i)).unwrap()
}

/// Lets every retired entry go (three epoch advances, then a collect),
/// checks the file and gives its stats.
pub fn settle(env: &Env, p: &Participant<'_>) -> Stats {
    for _ in 0..3 {
        p.try_advance().unwrap();
    }
    p.collect().unwrap();
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    r.stats
}

/// The native-endian word at `off` of the (closed) file at `p`.
pub fn get(p: &Path, off: u64) -> u64 {
    let mut b = [0u8; 8];
    std::fs::File::open(p)
        .unwrap()
        .read_exact_at(&mut b, off)
        .unwrap();
    u64::from_ne_bytes(b)
}

/// Writes `bytes` at `off` of the (closed) file at `p`, durably.
pub fn put(p: &Path, off: u64, bytes: &[u8]) {
    let f = std::fs::OpenOptions::new().write(true).open(p).unwrap();
    f.write_all_at(bytes, off).unwrap();
    f.sync_all().unwrap();
}

/// Whether `check()` is healthy while `v` is reachable from a root (check
/// walks only what the roots reach); the root is cleared again after.
pub fn healthy_with(v: &evelisp_heap::Value<'_>) -> bool {
    let env = v.env();
    let p = env.participant().unwrap();
    let root = env.root(evelisp_heap::FIRST_USER_ROOT).unwrap();
    root.reset(&p, v.clone()).unwrap();
    let healthy = env.check().unwrap().is_healthy();
    root.reset(&p, evelisp_heap::Value::nil(env)).unwrap();
    healthy
}
