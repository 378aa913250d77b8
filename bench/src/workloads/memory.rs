//! Memory per element: a 1,000,000-element vector of longs and a map of
//! 1,000,000 long keys to long values, each built by one process and kept,
//! in evelisp (`scripts/memory.clj`: in the env file), JVM Clojure
//! (`memory_jvm.clj`) and Python (`memory.py`: a list and a dict). Two
//! figures per structure, in bytes per element: the data itself (evelisp:
//! the growth of the env file's live bytes, `evelisp env info`; the JVM: the
//! growth of its heap in use after a full GC; Python: `sys.getsizeof` of the
//! container and of its int objects) and the growth of the process's
//! resident memory (VmRSS) while building it.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::ctx::{Ctx, log};
use crate::report::{Better, Group, Outcome, Row, Section};
use crate::stats::Summary;
use crate::workloads::map_update::thousands;

/// evelisp's row name.
pub const EVELISP: &str = "evelisp (in the env file)";
/// The JVM's row name.
pub const JVM: &str = "JVM Clojure";
/// Python's row name.
pub const PYTHON: &str = "Python 3 (list / dict)";

/// What one run printed: the growth of its data and of its RSS, in bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Growth {
    data: f64,
    rss: f64,
}

/// The value of the `key VALUE` line of `out`.
fn line_value(out: &str, key: &str) -> Result<f64> {
    out.lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(' ')))
        .with_context(|| format!("no `{key}` line in {out:?}"))?
        .trim()
        .parse()
        .with_context(|| format!("`{key}` is not a number"))
}

/// Runs `cmd`, checks it built `n` elements, and reads its RSS growth and
/// (when `data` is none) its printed `heap-bytes`.
fn run(mut cmd: Command, n: u64, data: Option<f64>) -> Result<Growth> {
    let out = cmd
        .output()
        .with_context(|| format!("cannot run {cmd:?}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!(
            "{cmd:?} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let count = line_value(&text, "count")?;
    if count != n as f64 {
        bail!("built {count} elements, not {n}");
    }
    let rss = (line_value(&text, "rss-after")? - line_value(&text, "rss-before")?) * 1024.0;
    let data = match data {
        Some(d) => d,
        None => line_value(&text, "heap-bytes")?,
    };
    Ok(Growth { data, rss })
}

/// The live bytes of env file `env` (`evelisp env info`).
fn live_bytes(ctx: &Ctx, env: &Path) -> Result<f64> {
    let out = Command::new(&ctx.evelisp)
        .args(["env", "info"])
        .arg(env)
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix("live:"))
        .and_then(|r| r.split_whitespace().next())
        .context("`evelisp env info` printed no live bytes")?
        .parse()
        .context("live bytes are not a number")
}

/// evelisp's growth: a fresh env holding the core library, then the script.
fn evelisp(ctx: &Ctx, kind: &str, n: u64) -> Result<Growth> {
    let env = ctx.scratch_path(&format!("memory-{kind}.eve"));
    let _ = std::fs::remove_file(&env);
    ctx.evelisp_eval(&env, "nil")?;
    let before = live_bytes(ctx, &env)?;
    let cmd = ctx.evelisp_script(&env, "memory.clj", &[kind.to_string(), n.to_string()]);
    let mut g = run(cmd, n, Some(0.0))?;
    g.data = live_bytes(ctx, &env)? - before;
    let _ = std::fs::remove_file(&env);
    Ok(g)
}

fn per_element(r: &Result<Growth, Outcome>, n: u64, pick: fn(&Growth) -> f64) -> Outcome {
    match r {
        Ok(g) => Summary::of(&[pick(g) / n as f64])
            .map(Outcome::Measured)
            .unwrap_or_else(|| Outcome::Failed("no figure".into())),
        Err(o) => o.clone(),
    }
}

/// Runs the memory workload.
pub fn run_all(ctx: &Ctx) -> Section {
    let n = ctx.size(1_000_000, 100_000);
    let mut s = Section::new(
        "memory",
        "6. Memory per element",
        "bytes per element",
        Better::Lower,
    );
    for (kind, what) in [
        ("vector", format!("vector of {} longs", thousands(n))),
        ("map", format!("map of {} long keys to longs", thousands(n))),
    ] {
        log(&format!("memory: {what}"));
        let args = [kind.to_string(), n.to_string()];
        let failed = |e: anyhow::Error| Outcome::Failed(format!("{e:#}"));
        let eve = evelisp(ctx, kind, n).map_err(failed);
        let jvm = match &ctx.peers.clojure {
            Ok(t) => {
                let mut c = Command::new(&t.path);
                c.arg(ctx.script("memory_jvm.clj")).args(&args);
                run(c, n, None).map_err(failed)
            }
            Err(skip) => Err(Outcome::Skipped(skip.reason.clone())),
        };
        let py = match &ctx.peers.python {
            Ok(t) => {
                let mut c = Command::new(&t.path);
                c.arg(ctx.script("memory.py")).args(&args);
                run(c, n, None).map_err(failed)
            }
            Err(skip) => Err(Outcome::Skipped(skip.reason.clone())),
        };
        for (measure, pick) in [
            ("data", (|g: &Growth| g.data) as fn(&Growth) -> f64),
            ("resident memory (RSS) growth", |g: &Growth| g.rss),
        ] {
            let mut g = Group::new(format!("{what}: {measure}"));
            g.rows
                .push(Row::subject(EVELISP, per_element(&eve, n, pick)));
            g.rows.push(Row::peer(JVM, per_element(&jvm, n, pick)));
            g.rows.push(Row::peer(PYTHON, per_element(&py, n, pick)));
            s.groups.push(g);
        }
    }
    s.notes.push(
        "One process builds the structure (a transient filled by `conj!`/`assoc!`, then made \
         persistent; Python: `list(range(n))`, a dict comprehension) and keeps it. Data: evelisp's \
         is the growth of the env file's live bytes (`evelisp env info`), the JVM's the growth of \
         its heap in use after a full GC, Python's `sys.getsizeof` of the container and its int \
         objects. RSS growth: VmRSS after building minus before, of the same process (evelisp's \
         counts the env file's pages it touched). Sources: `bench/scripts/memory{.clj,_jvm.clj,.py}`."
            .into(),
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_lines_are_read() {
        let out = "count 3\nrss-before 10\nrss-after 12\nheap-bytes 96\n";
        assert_eq!(line_value(out, "count").expect("count"), 3.0);
        assert_eq!(line_value(out, "heap-bytes").expect("heap"), 96.0);
        assert!(line_value(out, "rss").is_err());
        assert!(line_value("count x\n", "count").is_err());
    }
}
