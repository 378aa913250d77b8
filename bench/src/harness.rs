//! The timing protocol every multi-process measurement follows, peer or not:
//! the parent starts P workers; each does its setup, prints `ready` and waits
//! for a line on stdin; the parent writes `go` to all of them and times from
//! there until the last has printed `done`. Lines a worker prints after
//! `done` (a sum, a count, latency samples) are handed back.
//!
//! Also the worker side of the protocol, and a small PRNG the native workers
//! draw their keys with.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// What one timed run of P workers gave.
#[derive(Debug)]
pub struct Timed {
    /// From `go` to the last `done`.
    pub elapsed: Duration,
    /// Each worker's lines after its `done`.
    pub after: Vec<Vec<String>>,
}

struct Worker {
    name: String,
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    stderr: Option<JoinHandle<String>>,
}

impl Worker {
    fn spawn(mut cmd: Command) -> Result<Worker> {
        let name = format!("{cmd:?}");
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("cannot start {name}"))?;
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().context("no stdout pipe")?);
        let mut err = child.stderr.take().context("no stderr pipe")?;
        let stderr = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = err.read_to_string(&mut s);
            s
        });
        Ok(Worker {
            name,
            child,
            stdin,
            stdout,
            stderr: Some(stderr),
        })
    }

    /// Reads lines until `want`; an end of output first is an error.
    fn expect(&mut self, want: &str) -> Result<()> {
        let mut line = String::new();
        loop {
            line.clear();
            if self.stdout.read_line(&mut line)? == 0 {
                let status = self.child.wait()?;
                let stderr = self
                    .stderr
                    .take()
                    .and_then(|h| h.join().ok())
                    .unwrap_or_default();
                bail!(
                    "worker {} ended ({status}) before printing `{want}`: {}",
                    self.name,
                    tail(&stderr)
                );
            }
            if line.trim() == want {
                return Ok(());
            }
        }
    }

    fn finish(mut self) -> Result<Vec<String>> {
        let mut rest = Vec::new();
        for line in (&mut self.stdout).lines() {
            rest.push(line?);
        }
        let status = self.child.wait()?;
        let stderr = self
            .stderr
            .take()
            .and_then(|h| h.join().ok())
            .unwrap_or_default();
        if !status.success() {
            bail!("worker {} failed ({status}): {}", self.name, tail(&stderr));
        }
        Ok(rest)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(5)..].join(" / ")
}

/// How long one run of workers may take, setup included, before the
/// watchdog kills them (the run then fails, saying so).
pub const TIMEOUT: Duration = Duration::from_secs(600);

/// Kills the processes `pids` (ours) unless told to stand down within `TIMEOUT`.
fn watchdog(pids: Vec<u32>) -> mpsc::Sender<()> {
    let (tx, rx) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(TIMEOUT) {
            eprintln!(
                "[bench] workers {pids:?} still running after {} s: killing them",
                TIMEOUT.as_secs()
            );
            for pid in pids {
                let _ = Command::new("kill")
                    .arg("-KILL")
                    .arg(pid.to_string())
                    .status();
            }
        }
    });
    tx
}

/// Starts one worker per command, waits for all to be ready, says go, and
/// times until the last is done.
pub fn run(cmds: Vec<Command>) -> Result<Timed> {
    let mut workers = cmds
        .into_iter()
        .map(Worker::spawn)
        .collect::<Result<Vec<_>>>()?;
    let _stand_down = watchdog(workers.iter().map(|w| w.child.id()).collect());
    for w in &mut workers {
        w.expect("ready")?;
    }
    let start = Instant::now();
    for w in &mut workers {
        let stdin = w.stdin.as_mut().context("stdin closed")?;
        stdin.write_all(b"go\n")?;
        stdin.flush()?;
    }
    for w in &mut workers {
        w.expect("done")?;
    }
    let elapsed = start.elapsed();
    let mut after = Vec::new();
    for mut w in workers {
        drop(w.stdin.take());
        after.push(w.finish()?);
    }
    Ok(Timed { elapsed, after })
}

/// The worker side: prints `ready` and waits for the `go` line.
pub fn ready_go() -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready")?;
    out.flush()?;
    drop(out);
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(())
}

/// The worker side: prints `done`, then `after` lines.
pub fn done(after: &[String]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "done")?;
    for l in after {
        writeln!(out, "{l}")?;
    }
    out.flush()?;
    Ok(())
}

/// The value of the first `key value` line among `lines`.
pub fn field(lines: &[String], key: &str) -> Option<String> {
    lines.iter().find_map(|l| {
        let (k, v) = l.split_once(' ')?;
        (k == key).then(|| v.trim().to_string())
    })
}

/// xorshift64*: a fast PRNG for keys, seeded per worker.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed` (any value; 0 is replaced).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) % n.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_found_by_key() {
        let lines = vec!["sum 12".to_string(), "count 7".to_string()];
        assert_eq!(field(&lines, "count").as_deref(), Some("7"));
        assert_eq!(field(&lines, "nothing"), None);
    }

    #[test]
    fn rng_stays_in_range() {
        let mut r = Rng::new(0);
        assert!((0..10_000).all(|_| r.below(7) < 7));
    }
}
