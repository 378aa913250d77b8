//! What every workload needs: the run's mode and paths, the peers found, how
//! to start evelisp and the bench's own native workers, and the repetition
//! loop that turns runs into a median (or into an error, never hidden).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::peers::Peers;
use crate::report::Outcome;
use crate::stats::Summary;

/// The run's settings and shared state.
#[derive(Debug)]
pub struct Ctx {
    /// `--quick`: small sizes, fewer repetitions.
    pub quick: bool,
    /// Repetitions of each measurement.
    pub reps: usize,
    /// `bench/`.
    pub bench_dir: PathBuf,
    /// Scratch files (env files, databases): `bench/.scratch/`.
    pub scratch: PathBuf,
    /// The `evelisp` binary measured.
    pub evelisp: PathBuf,
    /// This binary, re-executed as `worker ...`.
    pub self_exe: PathBuf,
    /// The peers found.
    pub peers: Peers,
    map_envs: RefCell<HashMap<u64, PathBuf>>,
}

impl Ctx {
    /// A context; creates the scratch directory.
    pub fn new(
        quick: bool,
        reps: usize,
        bench_dir: PathBuf,
        evelisp: PathBuf,
        peers: Peers,
    ) -> Result<Ctx> {
        let scratch = bench_dir.join(".scratch");
        std::fs::create_dir_all(&scratch)?;
        let self_exe = std::env::current_exe()?;
        Ok(Ctx {
            quick,
            reps,
            bench_dir,
            scratch,
            evelisp,
            self_exe,
            peers,
            map_envs: RefCell::default(),
        })
    }

    /// `full`, or `quick` in a quick run.
    pub fn size(&self, full: u64, quick: u64) -> u64 {
        if self.quick { quick } else { full }
    }

    /// A file of `bench/scripts/`.
    pub fn script(&self, name: &str) -> PathBuf {
        self.bench_dir.join("scripts").join(name)
    }

    /// A scratch path.
    pub fn scratch_path(&self, name: &str) -> PathBuf {
        self.scratch.join(name)
    }

    /// `evelisp --env ENV SCRIPT ARGS...`.
    pub fn evelisp_script(&self, env: &Path, script: &str, args: &[String]) -> Command {
        let mut c = Command::new(&self.evelisp);
        c.arg("--env").arg(env).arg(self.script(script)).args(args);
        c
    }

    /// Runs `evelisp --env ENV -e EXPR` and returns what it printed.
    pub fn evelisp_eval(&self, env: &Path, expr: &str) -> Result<String> {
        let out = Command::new(&self.evelisp)
            .arg("--env")
            .arg(env)
            .arg("-e")
            .arg(expr)
            .output()?;
        if !out.status.success() {
            bail!(
                "evelisp -e {expr:?} failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    /// This binary as `worker ARGS...`.
    pub fn worker(&self, args: &[String]) -> Command {
        let mut c = Command::new(&self.self_exe);
        c.arg("worker").args(args);
        c
    }

    /// An env file whose `user/m` is an atom of a map of `k` int keys
    /// (`scripts/map_load.clj`), loaded once per run and size.
    pub fn map_env(&self, k: u64) -> Result<PathBuf> {
        if let Some(p) = self.map_envs.borrow().get(&k) {
            return Ok(p.clone());
        }
        let env = self.scratch_path(&format!("map-{k}.eve"));
        let _ = std::fs::remove_file(&env);
        log(&format!("loading {k} keys into {}", env.display()));
        let t = Instant::now();
        let out = self
            .evelisp_script(&env, "map_load.clj", &[k.to_string()])
            .output()?;
        if !out.status.success() {
            bail!(
                "map_load.clj {k} failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        let said = String::from_utf8_lossy(&out.stdout);
        if said.trim() != format!("loaded {k}") {
            bail!("map_load.clj {k} printed {said:?}");
        }
        log(&format!("  loaded in {:.1} s", t.elapsed().as_secs_f64()));
        self.map_envs.borrow_mut().insert(k, env.clone());
        Ok(env)
    }
}

/// Prints a progress line on stderr.
pub fn log(msg: &str) {
    eprintln!("[bench] {msg}");
}

/// Runs `once` `reps` times (it returns one figure per run); the first error
/// ends the measurement as a `Failed` outcome carrying it.
pub fn measure(label: &str, reps: usize, mut once: impl FnMut(usize) -> Result<f64>) -> Outcome {
    let mut figures = Vec::with_capacity(reps);
    for rep in 0..reps {
        match once(rep) {
            Ok(x) => figures.push(x),
            Err(e) => {
                let msg = format!("{e:#}");
                log(&format!("{label}: ERROR {msg}"));
                return Outcome::Failed(msg);
            }
        }
    }
    match Summary::of(&figures) {
        Some(s) => {
            log(&format!(
                "{label}: {} (median of {})",
                crate::report::fmt_num(s.median),
                s.count
            ));
            Outcome::Measured(s)
        }
        None => Outcome::Failed("no figures".into()),
    }
}

/// Parses a number a worker printed.
pub fn parse_num<T: std::str::FromStr>(s: Option<String>, what: &str) -> Result<T> {
    let s = s.with_context(|| format!("worker printed no {what}"))?;
    s.trim()
        .parse::<T>()
        .map_err(|_| anyhow::anyhow!("worker printed {what} {s:?}, not a number"))
}

/// Checks a counter's final value against the expected P×N.
pub fn check_count(got: u64, want: u64) -> Result<()> {
    if got != want {
        bail!("final count {got}, expected exactly {want}");
    }
    Ok(())
}
