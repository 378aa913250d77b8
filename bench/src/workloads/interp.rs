//! Workload 4, Interpreter speed: the same five algorithms in evelisp
//! (`scripts/interp.clj`), Python 3 (`interp.py`), JVM Clojure (the same
//! `interp.clj`, after warm-up runs), nbb (`interp.cljs`) and Guile
//! (`interp.scm`). Each process times each workload itself, repeatedly, so
//! process start is not counted; every peer's results are checked against
//! evelisp's.

use std::collections::HashMap;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::ctx::{Ctx, log};
use crate::peers::{Skip, Tool};
use crate::report::{Better, Group, Outcome, Row, Section};
use crate::stats::Summary;
use crate::workloads::map_update::thousands;

/// The workload sizes: fib, loop, map, vector, string.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    /// `fib n`.
    pub fib: u64,
    /// Steps of the `loop`/`recur` sum.
    pub loop_steps: u64,
    /// Keys of the map built by `assoc`.
    pub map_keys: u64,
    /// Elements of the vector of `(reduce + (map inc v))`.
    pub vec_len: u64,
    /// Numbers joined into the string.
    pub str_items: u64,
}

impl Sizes {
    fn args(&self) -> Vec<String> {
        [
            self.fib,
            self.loop_steps,
            self.map_keys,
            self.vec_len,
            self.str_items,
        ]
        .iter()
        .map(u64::to_string)
        .collect()
    }

    /// `(workload key, table label)` in the order the scripts run them.
    pub fn labels(&self) -> Vec<(&'static str, String)> {
        vec![
            ("fib", format!("fib {}", self.fib)),
            (
                "loop-sum",
                format!("loop/recur sum, {} steps", thousands(self.loop_steps)),
            ),
            (
                "map-build",
                format!(
                    "{}-key map by assoc, then reduce-kv",
                    thousands(self.map_keys)
                ),
            ),
            (
                "map-inc",
                format!(
                    "(reduce + (map inc v)), {} elements",
                    thousands(self.vec_len)
                ),
            ),
            (
                "str-build",
                format!("join {} numbers into a string", thousands(self.str_items)),
            ),
        ]
    }
}

/// evelisp's row name.
pub const EVELISP: &str = "evelisp";
/// Python's row name.
pub const PYTHON: &str = "Python 3";
/// The JVM's row name.
pub const JVM: &str = "JVM Clojure (after warm-up)";
/// nbb's row name.
pub const NBB: &str = "nbb (SCI on Node.js)";
/// Guile's row name.
pub const GUILE: &str = "Guile 3";

/// Times and result values of each workload, as one peer printed them.
pub type Results = HashMap<String, (Vec<f64>, String)>;

/// Parses the `result NAME MS VALUE` lines of a peer's output.
pub fn parse_results(out: &str) -> Result<Results> {
    let mut r: Results = HashMap::new();
    for line in out.lines() {
        let mut it = line.split_whitespace();
        if it.next() != Some("result") {
            continue;
        }
        let name = it.next().context("result line without a name")?;
        let ms: f64 = it
            .next()
            .context("result line without a time")?
            .parse()
            .context("time is not a number")?;
        let value = it
            .next()
            .context("result line without a value")?
            .to_string();
        let e = r
            .entry(name.to_string())
            .or_insert_with(|| (Vec::new(), value.clone()));
        if e.1 != value {
            bail!("{name} gave {value} after {}", e.1);
        }
        e.0.push(ms);
    }
    Ok(r)
}

fn run_peer(label: &str, mut cmd: Command) -> Result<Results> {
    log(&format!("interpreter workloads: {label}"));
    let out = cmd
        .output()
        .with_context(|| format!("cannot run {cmd:?}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = err.lines().rev().take(3).collect();
        bail!("{label} failed ({}): {}", out.status, tail.join(" / "));
    }
    parse_results(&String::from_utf8_lossy(&out.stdout))
}

fn tool_cmd(
    tool: &Result<Tool, Skip>,
    script_args: impl FnOnce(&Tool) -> Command,
) -> Result<Command, String> {
    match tool {
        Ok(t) => Ok(script_args(t)),
        Err(s) => Err(s.reason.clone()),
    }
}

/// Runs the interpreter workloads.
pub fn run(ctx: &Ctx) -> Section {
    let sizes = if ctx.quick {
        Sizes {
            fib: 22,
            loop_steps: 1_000_000,
            map_keys: 20_000,
            vec_len: 100_000,
            str_items: 20_000,
        }
    } else {
        Sizes {
            fib: 27,
            loop_steps: 10_000_000,
            map_keys: 200_000,
            vec_len: 1_000_000,
            str_items: 200_000,
        }
    };
    let reps = ctx.reps.to_string();
    let jvm_warmups = ctx.size(2, 1).to_string();
    let with = |warmups: &str| {
        let mut v = vec![reps.clone(), warmups.to_string()];
        v.extend(sizes.args());
        v
    };
    let env = ctx.scratch_path("interp.eve");
    let _ = std::fs::remove_file(&env);
    let mut eve = Command::new(&ctx.evelisp);
    eve.arg("--env")
        .arg(&env)
        .arg(ctx.script("interp.clj"))
        .args(with("0"));
    let peers: Vec<(&str, Result<Command, String>)> = vec![
        (EVELISP, Ok(eve)),
        (
            PYTHON,
            tool_cmd(&ctx.peers.python, |t| {
                let mut c = Command::new(&t.path);
                c.arg(ctx.script("interp.py")).args(with("0"));
                c
            }),
        ),
        (
            JVM,
            tool_cmd(&ctx.peers.clojure, |t| {
                let mut c = Command::new(&t.path);
                c.arg(ctx.script("interp.clj")).args(with(&jvm_warmups));
                c
            }),
        ),
        (
            NBB,
            tool_cmd(&ctx.peers.nbb, |t| {
                let mut c = Command::new(&t.path);
                c.arg(ctx.script("interp.cljs")).args(with("0"));
                c
            }),
        ),
        (
            GUILE,
            tool_cmd(&ctx.peers.guile, |t| {
                let mut c = Command::new(&t.path);
                c.arg(ctx.script("interp.scm")).args(with("0"));
                c
            }),
        ),
    ];
    let results: Vec<(&str, Result<Results, Outcome>)> = peers
        .into_iter()
        .map(|(name, cmd)| {
            let r = match cmd {
                Ok(cmd) => run_peer(name, cmd).map_err(|e| Outcome::Failed(format!("{e:#}"))),
                Err(why) => Err(Outcome::Skipped(why)),
            };
            (name, r)
        })
        .collect();
    let reference: Option<&Results> = results.first().and_then(|(_, r)| r.as_ref().ok());
    let mut s = Section::new("interp", "4. Interpreter speed", "time (ms)", Better::Lower);
    for (key, label) in sizes.labels() {
        let mut g = Group::new(label);
        for (name, r) in &results {
            let outcome = match r {
                Err(o) => o.clone(),
                Ok(res) => match res.get(key) {
                    None => Outcome::Failed(format!("printed no result for {key}")),
                    Some((times, value)) => {
                        let want = reference.and_then(|r| r.get(key)).map(|(_, v)| v);
                        match want {
                            Some(w) if w != value => {
                                Outcome::Failed(format!("result {value}, evelisp's is {w}"))
                            }
                            _ => Summary::of(times)
                                .map(Outcome::Measured)
                                .unwrap_or_else(|| Outcome::Failed("no times".into())),
                        }
                    }
                },
            };
            g.rows.push(if *name == EVELISP {
                Row::subject(name, outcome)
            } else {
                Row::peer(name, outcome)
            });
        }
        s.groups.push(g);
    }
    s.notes.push(format!(
        "Each process times every workload itself ({} timed runs each; `System/nanoTime`, \
         `time.perf_counter_ns`, `performance.now`, `get-internal-real-time`), so process start and \
         loading are not counted; the JVM first runs each workload {jvm_warmups} times untimed to warm \
         up its JIT. Same algorithms everywhere: recursive fib, a loop of additions, a map built by one \
         insertion per key then summed (Python: a dict; Guile: a hash table), the sum of a mapped \
         vector (Python and Guile: a list), and numbers joined with `,`. Every peer's result value was \
         checked equal to evelisp's. Sources: `bench/scripts/interp.{{clj,py,cljs,scm}}`.",
        ctx.reps
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_lines_are_parsed_and_checked() {
        let r =
            parse_results("noise\nresult fib 12.5 6765\nresult fib 11.5 6765\n").expect("parses");
        assert_eq!(r.get("fib"), Some(&(vec![12.5, 11.5], "6765".to_string())));
        assert!(parse_results("result fib 1 6765\nresult fib 1 6766\n").is_err());
        assert!(parse_results("result fib x 6765\n").is_err());
    }
}
