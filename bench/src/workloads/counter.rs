//! Workload 1, Shared counter across processes: P ∈ {1, 2, 4} processes × N
//! increments of one shared counter; total increments per second, and the
//! final count checked to be exactly P×N for every peer.
//!
//! Peers: Redis `INCR` over loopback, SQLite WAL (one `UPDATE` per
//! transaction), LMDB (one write transaction per increment), Python
//! `multiprocessing.Value` with its lock, and the JVM Clojure atom swapped by
//! P threads in one process (the in-process bound). Each peer has its own N,
//! sized so a run takes about a second; throughput is comparable across N.

use std::path::Path;

use anyhow::Result;

use crate::ctx::{Ctx, check_count, log, measure, parse_num};
use crate::harness::{self, field};
use crate::peers::{lmdb, redis, sqlite};
use crate::report::{Better, Group, Outcome, Row, Section};

/// The process counts measured.
pub const PROCS: [u64; 3] = [1, 2, 4];

/// evelisp's row name.
pub const EVELISP: &str = "evelisp (swap! c inc)";
/// Redis's row name.
pub const REDIS: &str = "Redis INCR (loopback)";
/// SQLite's row name.
pub const SQLITE: &str = "SQLite WAL (UPDATE per txn)";
/// LMDB's row name.
pub const LMDB: &str = "LMDB (write txn per incr)";
/// Python's row name.
pub const PYTHON: &str = "Python multiprocessing.Value";
/// The JVM's row name.
pub const JVM: &str = "JVM Clojure atom, P threads";

/// The group name for P processes.
pub fn group_name(p: u64) -> String {
    format!("P = {p}")
}

fn throughput(p: u64, n: u64, secs: f64) -> f64 {
    (p * n) as f64 / secs
}

/// Runs the counter workload.
pub fn run(ctx: &Ctx, redis_server: &Result<redis::Server, String>) -> Section {
    let mut s = Section::new(
        "counter",
        "1. Shared counter across processes",
        "increments/s (total)",
        Better::Higher,
    );
    let n_eve = ctx.size(200_000, 20_000);
    let n_redis = ctx.size(20_000, 2_000);
    let n_sqlite = ctx.size(20_000, 2_000);
    let n_lmdb = ctx.size(100_000, 10_000);
    let n_py = ctx.size(100_000, 10_000);
    let n_jvm = ctx.size(2_000_000, 200_000);
    let env = ctx.scratch_path("counter.eve");
    let _ = std::fs::remove_file(&env);
    let sqlite_db = ctx.scratch_path("counter.sqlite");
    let lmdb_dir = ctx.scratch_path("counter.lmdb");
    for p in PROCS {
        let mut g = Group::new(group_name(p));
        log(&format!("counter, P = {p}"));
        g.rows.push(Row::subject(
            EVELISP,
            measure(&format!("{EVELISP} P={p}"), ctx.reps, |_| {
                evelisp_once(ctx, &env, p, n_eve)
            }),
        ));
        g.rows.push(Row::peer(
            REDIS,
            match redis_server {
                Ok(server) => measure(&format!("{REDIS} P={p}"), ctx.reps, |_| {
                    redis::reset_counter(server)?;
                    let args = vec![
                        "redis-incr".to_string(),
                        server.port.to_string(),
                        n_redis.to_string(),
                    ];
                    let t = harness::run((0..p).map(|_| ctx.worker(&args)).collect())?;
                    check_count(redis::read_counter(server)?, p * n_redis)?;
                    Ok(throughput(p, n_redis, t.elapsed.as_secs_f64()))
                }),
                Err(why) => Outcome::Skipped(why.clone()),
            },
        ));
        g.rows.push(Row::peer(
            SQLITE,
            measure(&format!("{SQLITE} P={p}"), ctx.reps, |_| {
                sqlite::create_counter(&sqlite_db)?;
                let args = vec![
                    "sqlite-incr".to_string(),
                    path_arg(&sqlite_db),
                    n_sqlite.to_string(),
                ];
                let t = harness::run((0..p).map(|_| ctx.worker(&args)).collect())?;
                check_count(sqlite::read_counter(&sqlite_db)?, p * n_sqlite)?;
                Ok(throughput(p, n_sqlite, t.elapsed.as_secs_f64()))
            }),
        ));
        g.rows.push(Row::peer(
            LMDB,
            measure(&format!("{LMDB} P={p}"), ctx.reps, |_| {
                lmdb::create_counter(&lmdb_dir)?;
                let args = vec![
                    "lmdb-incr".to_string(),
                    path_arg(&lmdb_dir),
                    n_lmdb.to_string(),
                ];
                let t = harness::run((0..p).map(|_| ctx.worker(&args)).collect())?;
                check_count(lmdb::read_counter(&lmdb_dir)?, p * n_lmdb)?;
                Ok(throughput(p, n_lmdb, t.elapsed.as_secs_f64()))
            }),
        ));
        g.rows.push(Row::peer(
            PYTHON,
            match &ctx.peers.python {
                Ok(py) => measure(&format!("{PYTHON} P={p}"), ctx.reps, |_| {
                    let mut cmd = std::process::Command::new(&py.path);
                    cmd.arg(ctx.script("counter_mp.py"))
                        .arg(p.to_string())
                        .arg(n_py.to_string());
                    let t = harness::run(vec![cmd])?;
                    let count: u64 = parse_num(field(&t.after[0], "count"), "count")?;
                    check_count(count, p * n_py)?;
                    Ok(throughput(p, n_py, t.elapsed.as_secs_f64()))
                }),
                Err(skip) => Outcome::Skipped(skip.reason.clone()),
            },
        ));
        g.rows.push(Row::peer(
            JVM,
            match &ctx.peers.clojure {
                Ok(clj) => measure(&format!("{JVM} P={p}"), ctx.reps, |_| {
                    let mut cmd = std::process::Command::new(&clj.path);
                    cmd.arg(ctx.script("counter_jvm.clj")).args([
                        p.to_string(),
                        n_jvm.to_string(),
                        ctx.size(3, 1).to_string(),
                    ]);
                    let t = harness::run(vec![cmd])?;
                    let count: u64 = parse_num(field(&t.after[0], "count"), "count")?;
                    check_count(count, p * n_jvm)?;
                    Ok(throughput(p, n_jvm, t.elapsed.as_secs_f64()))
                }),
                Err(skip) => Outcome::Skipped(skip.reason.clone()),
            },
        ));
        s.groups.push(g);
    }
    s.notes.push(format!(
        "Each of P processes does N increments of one counter; the figure is P×N ÷ the time from `go` \
         to the last worker's `done` (setup and process start excluded), and every run's final count \
         was read back and checked to be exactly P×N. N per process: evelisp {n_eve}, Redis {n_redis}, \
         SQLite {n_sqlite}, LMDB {n_lmdb}, Python {n_py}, JVM {n_jvm} (each sized to run about a second). \
         Redis, SQLite and LMDB are driven by native Rust clients (the `redis`, `rusqlite`, `lmdb-rkv` \
         crates); SQLite runs `synchronous=NORMAL` and LMDB `NO_SYNC`, since evelisp does not fsync \
         before a checkpoint either. The JVM row is P threads of one JVM (warmed up first), the \
         in-process bound."
    ));
    s
}

/// One path argument for a worker command line.
pub fn path_arg(p: &Path) -> String {
    p.display().to_string()
}

fn evelisp_once(ctx: &Ctx, env: &Path, p: u64, n: u64) -> Result<f64> {
    ctx.evelisp_eval(env, "(def c (atom 0))")?;
    let args = vec![n.to_string()];
    let t = harness::run(
        (0..p)
            .map(|_| ctx.evelisp_script(env, "counter.clj", &args))
            .collect(),
    )?;
    let got: u64 = parse_num(Some(ctx.evelisp_eval(env, "@c")?), "count")?;
    check_count(got, p * n)?;
    Ok(throughput(p, n, t.elapsed.as_secs_f64()))
}
