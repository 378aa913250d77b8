//! Workload 3, Shared reads: one process loads 1,000,000 int→int entries, then P ∈
//! {1, 2} reader processes each do N random lookups. Peers: Redis `GET` (one
//! round trip each, and pipelined ×100), LMDB `get`, SQLite `SELECT` by
//! primary key, and JVM Clojure's in-process `get` (one thread). evelisp's
//! loop with the `rand-int` alone is measured too, to show what the
//! interpreter adds around the read.

use anyhow::Result;

use crate::ctx::{Ctx, log, measure, parse_num};
use crate::harness::{self, field};
use crate::peers::{lmdb, redis, sqlite};
use crate::report::{Better, Group, Outcome, Row, Section};
use crate::workloads::counter::path_arg;
use crate::workloads::map_update::thousands;

/// evelisp's row name.
pub const EVELISP: &str = "evelisp (get @m (rand-int K))";
/// The interpreter-only row.
pub const EVELISP_RAND: &str = "evelisp loop with rand-int only (no read)";
/// Redis, one round trip per GET.
pub const REDIS: &str = "Redis GET (loopback)";
/// Redis pipelined.
pub const REDIS_PIPE: &str = "Redis GET, pipelined ×100";
/// LMDB.
pub const LMDB: &str = "LMDB get (read txn each)";
/// SQLite.
pub const SQLITE: &str = "SQLite SELECT by primary key";
/// The JVM.
pub const JVM: &str = "JVM Clojure get (in-process, 1 thread)";

/// The group name for P readers.
pub fn group_name(p: u64) -> String {
    format!("P = {p}")
}

fn rate(p: u64, n: u64, secs: f64) -> f64 {
    (p * n) as f64 / secs
}

fn seeds(p: u64) -> impl Iterator<Item = u64> {
    (0..p).map(|i| 0x5eed + i * 7919)
}

/// Runs the reads workload.
pub fn run(ctx: &Ctx, redis_server: &Result<redis::Server, String>) -> Section {
    let mut s = Section::new(
        "reads",
        "3. Shared reads",
        "lookups/s (total)",
        Better::Higher,
    );
    let k = ctx.size(1_000_000, 100_000);
    let n_eve = ctx.size(1_000_000, 100_000);
    let n_redis = ctx.size(50_000, 5_000);
    let n_pipe = ctx.size(1_000_000, 100_000);
    let n_lmdb = ctx.size(2_000_000, 200_000);
    let n_sqlite = ctx.size(500_000, 50_000);
    let n_jvm = ctx.size(10_000_000, 1_000_000);
    let env = ctx.map_env(k);
    log("loading the peers' stores");
    let redis_loaded = match redis_server {
        Ok(server) => redis::load(server, k)
            .map(|_| server)
            .map_err(|e| format!("{e:#}")),
        Err(why) => Err(why.clone()),
    };
    let sqlite_db = ctx.scratch_path("reads.sqlite");
    let sqlite_loaded = sqlite::load(&sqlite_db, k).map_err(|e| format!("{e:#}"));
    let lmdb_dir = ctx.scratch_path("reads.lmdb");
    let lmdb_loaded = lmdb::load(&lmdb_dir, k).map_err(|e| format!("{e:#}"));
    for p in [1u64, 2] {
        log(&format!("reads, P = {p}"));
        let mut g = Group::new(group_name(p));
        for (name, mode) in [(EVELISP, "get"), (EVELISP_RAND, "rand")] {
            let outcome = match &env {
                Ok(env) => measure(&format!("{name} P={p}"), ctx.reps, |_| {
                    let args = vec![n_eve.to_string(), k.to_string(), mode.to_string()];
                    let t = harness::run(
                        (0..p)
                            .map(|_| ctx.evelisp_script(env, "reads.clj", &args))
                            .collect(),
                    )?;
                    for lines in &t.after {
                        let _: u64 = parse_num(field(lines, "sum"), "sum")?;
                    }
                    Ok(rate(p, n_eve, t.elapsed.as_secs_f64()))
                }),
                Err(e) => Outcome::Failed(format!("{e:#}")),
            };
            g.rows.push(if mode == "get" {
                Row::subject(name, outcome)
            } else {
                Row::context(name, outcome)
            });
        }
        for (name, n, pipe) in [(REDIS, n_redis, 1u64), (REDIS_PIPE, n_pipe, 100)] {
            g.rows.push(Row::peer(
                name,
                match &redis_loaded {
                    Ok(server) => measure(&format!("{name} P={p}"), ctx.reps, |_| {
                        let cmds = seeds(p)
                            .map(|seed| {
                                ctx.worker(&[
                                    "redis-get".into(),
                                    server.port.to_string(),
                                    n.to_string(),
                                    k.to_string(),
                                    pipe.to_string(),
                                    seed.to_string(),
                                ])
                            })
                            .collect();
                        let t = harness::run(cmds)?;
                        Ok(rate(p, n, t.elapsed.as_secs_f64()))
                    }),
                    Err(why) => Outcome::Skipped(why.clone()),
                },
            ));
        }
        g.rows.push(Row::peer(
            LMDB,
            match &lmdb_loaded {
                Ok(()) => measure(&format!("{LMDB} P={p}"), ctx.reps, |_| {
                    let cmds = seeds(p)
                        .map(|seed| {
                            ctx.worker(&[
                                "lmdb-get".into(),
                                path_arg(&lmdb_dir),
                                n_lmdb.to_string(),
                                k.to_string(),
                                seed.to_string(),
                            ])
                        })
                        .collect();
                    let t = harness::run(cmds)?;
                    Ok(rate(p, n_lmdb, t.elapsed.as_secs_f64()))
                }),
                Err(e) => Outcome::Failed(e.clone()),
            },
        ));
        g.rows.push(Row::peer(
            SQLITE,
            match &sqlite_loaded {
                Ok(()) => measure(&format!("{SQLITE} P={p}"), ctx.reps, |_| {
                    let cmds = seeds(p)
                        .map(|seed| {
                            ctx.worker(&[
                                "sqlite-get".into(),
                                path_arg(&sqlite_db),
                                n_sqlite.to_string(),
                                k.to_string(),
                                seed.to_string(),
                            ])
                        })
                        .collect();
                    let t = harness::run(cmds)?;
                    Ok(rate(p, n_sqlite, t.elapsed.as_secs_f64()))
                }),
                Err(e) => Outcome::Failed(e.clone()),
            },
        ));
        if p == 1 {
            g.rows.push(Row::peer(
                JVM,
                match &ctx.peers.clojure {
                    Ok(clj) => measure(&format!("{JVM} P={p}"), ctx.reps, |_| {
                        let mut cmd = std::process::Command::new(&clj.path);
                        cmd.arg(ctx.script("reads_jvm.clj")).args([
                            n_jvm.to_string(),
                            k.to_string(),
                            ctx.size(2, 1).to_string(),
                        ]);
                        let t = harness::run(vec![cmd])?;
                        Ok(rate(1, n_jvm, t.elapsed.as_secs_f64()))
                    }),
                    Err(skip) => Outcome::Skipped(skip.reason.clone()),
                },
            ));
        }
        s.groups.push(g);
    }
    s.notes.push(format!(
        "Every store holds {} int→int entries (evelisp: an atom of a persistent map in the env file, \
         loaded by another process); each of P readers does N lookups of random keys, timed from `go` \
         to the last `done`. N per reader: evelisp {n_eve}, Redis {n_redis} (pipelined {n_pipe}), LMDB \
         {n_lmdb}, SQLite {n_sqlite}, JVM {n_jvm}. evelisp's lookups include the interpreter's loop and \
         `rand-int`; the `rand-int only` row is that loop without the read. The JVM row is one thread \
         on a map in its own heap, after warm-up.",
        thousands(k)
    ));
    s
}
