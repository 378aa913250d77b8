//! Workload 2, Shared map updates: `(swap! m assoc k v)` of a random existing key on
//! an atom of a map of 1,000 / 100,000 / 1,000,000 keys in the env file, from
//! 1 and 2 processes. Each op is timed alone inside the worker with
//! `System/nanoTime`; the bench pools the workers' samples for p50/p99, and
//! times the whole run from `go` to the last `done` for the throughput.
//! There is no peer: the point is that the cost is flat in the map's size.

use anyhow::Context;

use crate::ctx::{Ctx, log, measure};
use crate::harness;
use crate::report::{Better, Group, Outcome, Row, Section, fmt_num};
use crate::stats::{Summary, percentile};

/// The map sizes measured.
pub const SIZES: [u64; 3] = [1_000, 100_000, 1_000_000];
/// evelisp's row name.
pub const EVELISP: &str = "evelisp (swap! m assoc k v)";

/// The group name for `k` keys and `p` processes.
pub fn group_name(k: u64, p: u64) -> String {
    format!("{} keys, P = {p}", thousands(k))
}

/// `1000000` as `1,000,000`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

struct RepFigures {
    mean_us: f64,
    p99_us: f64,
    ops_per_s: f64,
}

/// Runs the map-update workload.
pub fn run(ctx: &Ctx) -> Section {
    let mut s = Section::new(
        "map_update",
        "2. Shared map updates",
        "p50 latency (µs)",
        Better::Lower,
    );
    s.extra_headers = vec![
        "p99 (µs, median of reps)".into(),
        "mean (µs, median of reps)".into(),
        "throughput (ops/s, median)".into(),
    ];
    let n = ctx.size(20_000, 5_000);
    for k in SIZES {
        let env = match ctx.map_env(k) {
            Ok(e) => e,
            Err(e) => {
                for p in [1, 2] {
                    let mut g = Group::new(group_name(k, p));
                    g.rows
                        .push(Row::subject(EVELISP, Outcome::Failed(format!("{e:#}"))));
                    s.groups.push(g);
                }
                continue;
            }
        };
        for p in [1u64, 2] {
            log(&format!("map update, {k} keys, P = {p}"));
            let mut reps: Vec<RepFigures> = Vec::new();
            let outcome = measure(
                &format!("map update {k} keys P={p} p50 µs"),
                ctx.reps,
                |_| {
                    let args = vec![n.to_string(), k.to_string()];
                    let t = harness::run(
                        (0..p)
                            .map(|_| ctx.evelisp_script(&env, "map_update.clj", &args))
                            .collect(),
                    )?;
                    let mut samples = Vec::new();
                    for lines in &t.after {
                        let i = lines
                            .iter()
                            .position(|l| l == "samples")
                            .context("worker printed no samples")?;
                        let line = lines.get(i + 1).context("no samples after `samples`")?;
                        for x in line.split_whitespace() {
                            samples.push(x.parse::<f64>().context("a sample is not a number")?);
                        }
                    }
                    anyhow::ensure!(
                        samples.len() as u64 == p * n,
                        "{} samples, expected {}",
                        samples.len(),
                        p * n
                    );
                    let p50 = percentile(&samples, 0.5).context("no samples")? / 1000.0;
                    let p99 = percentile(&samples, 0.99).context("no samples")? / 1000.0;
                    let mean = samples.iter().sum::<f64>() / samples.len() as f64 / 1000.0;
                    reps.push(RepFigures {
                        mean_us: mean,
                        p99_us: p99,
                        ops_per_s: (p * n) as f64 / t.elapsed.as_secs_f64(),
                    });
                    Ok(p50)
                },
            );
            let extras = extras_of(&reps);
            let mut g = Group::new(group_name(k, p));
            g.rows
                .push(Row::subject(EVELISP, outcome).with_extras(extras));
            s.groups.push(g);
        }
    }
    s.notes.push(format!(
        "Each worker does {n} `(swap! m assoc k v)` of random existing keys on one atom holding the map, \
         timing each op alone with `System/nanoTime` (the timer's own overhead, two native calls, is \
         included); the percentiles pool all workers' samples of a run, and the figure is their median \
         over the repetitions. Throughput is P×{n} ÷ the time from `go` to the last `done`, and includes \
         the timing and the recording of the samples. A mean far above the p50 is a heavy tail: \
         a few ops that take milliseconds."
    ));
    s
}

fn extras_of(reps: &[RepFigures]) -> Vec<String> {
    let p99: Vec<f64> = reps.iter().map(|r| r.p99_us).collect();
    let mean: Vec<f64> = reps.iter().map(|r| r.mean_us).collect();
    let ops: Vec<f64> = reps.iter().map(|r| r.ops_per_s).collect();
    vec![
        Summary::of(&p99)
            .map(|s| fmt_num(s.median))
            .unwrap_or_else(|| "—".into()),
        Summary::of(&mean)
            .map(|s| fmt_num(s.median))
            .unwrap_or_else(|| "—".into()),
        Summary::of(&ops)
            .map(|s| fmt_num(s.median))
            .unwrap_or_else(|| "—".into()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(999), "999");
    }
}
