//! Helpers shared by the integration tests that run the `evelisp` binary as
//! real OS processes on one env file.

#![allow(dead_code)] // not every test file uses every helper

pub mod line_diff;
pub mod nrepl;

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

/// Starts `evelisp --env env -e expr` with piped output (no inherited
/// `EVELISP_ENV`/`EVELISP_PATH`).
pub fn spawn(env: &Path, expr: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .arg("--env")
        .arg(env)
        .args(["-e", expr])
        .env_remove("EVELISP_ENV")
        .env_remove("EVELISP_PATH")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("evelisp starts")
}

/// Runs `evelisp --env env -e expr` and returns its output.
pub fn eval(env: &Path, expr: &str) -> Output {
    spawn(env, expr).wait_with_output().expect("evelisp runs")
}

/// The stdout of a finished `evelisp`, which must have succeeded.
pub fn ok(expr: &str, out: Output) -> String {
    assert!(
        out.status.success(),
        "{expr}: exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs `evelisp --env env -e expr`, expecting success; returns stdout.
pub fn eval_ok(env: &Path, expr: &str) -> String {
    ok(expr, eval(env, expr))
}

/// Runs `evelisp env SUB env` (`info`, `check`, `gc`, ...).
pub fn env_cmd(sub: &str, env: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(["env", sub])
        .arg(env)
        .output()
        .expect("evelisp runs")
}

/// `evelisp env check env` passes.
pub fn check_clean(env: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(["env", "check"])
        .arg(env)
        .output()
        .expect("evelisp runs");
    assert!(
        out.status.success(),
        "env check: exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A small xorshift generator for the choices of the multi-process tests
/// (kill moments, which process next), seeded from the clock; the seed is
/// printed so a failing run can be told apart.
pub struct Rng(u64);

impl Rng {
    /// A generator seeded from the clock (printed on stderr).
    pub fn seeded() -> Rng {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
            | 1;
        eprintln!("seed {seed}");
        Rng(seed)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}
