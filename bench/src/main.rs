//! `evelisp-bench`: issue 7's benchmark suite. Measures evelisp side by side
//! with its peers (Redis, SQLite, LMDB, Python, JVM Clojure, nbb, Guile) on
//! this machine in one run, and writes `bench/results.md` (tables of medians
//! with ranges and ratios, the targets met or missed, skipped peers) and
//! `bench/results.svg` (the ratios as a plot).
//!
//! `bench/run` installs the peers it can, builds, and runs this binary. The
//! hidden subcommand `worker` is how the bench runs its native peer clients
//! in child processes (the same ready/go/done protocol as every worker).

mod ctx;
mod harness;
mod peers;
mod plot;
mod report;
mod stats;
mod targets;
mod workloads;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use crate::ctx::{Ctx, log};
use crate::peers::{Peers, lmdb, redis, sqlite};
use crate::report::Report;

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "evelisp-bench",
    about = "evelisp side by side with its peers; writes bench/results.md and bench/results.svg",
    // `bench/run` passes `--bench-dir bench` first: a later one (the
    // caller's) wins.
    args_override_self = true
)]
struct Cli {
    /// Small sizes and 2 repetitions: a smoke run of a few minutes.
    #[arg(long)]
    quick: bool,
    /// Repetitions of each measurement (default 5, or 2 with --quick).
    #[arg(long)]
    reps: Option<usize>,
    /// The bench/ directory (scripts, and where results are written).
    #[arg(long, default_value = "bench")]
    bench_dir: PathBuf,
    /// The evelisp binary to measure.
    #[arg(long, default_value = "target/release/evelisp")]
    evelisp: PathBuf,
    /// Only these workloads (counter, map, reads, interp, startup, memory, nrepl, json), comma-separated.
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// A worker process of the bench (internal).
    #[command(subcommand)]
    command: Option<Cmd>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
enum Cmd {
    /// One native peer worker: KIND ARGS... (internal; see peers/).
    #[command(hide = true)]
    Worker {
        /// The kind and its arguments.
        args: Vec<String>,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    if let Some(Cmd::Worker { args }) = &cli.command {
        return worker(args);
    }
    let start = Instant::now();
    let bench_dir = cli
        .bench_dir
        .canonicalize()
        .with_context(|| format!("no {}", cli.bench_dir.display()))?;
    let evelisp = cli
        .evelisp
        .canonicalize()
        .with_context(|| format!("no evelisp binary at {}", cli.evelisp.display()))?;
    let reps = cli.reps.unwrap_or(if cli.quick { 2 } else { 5 });
    log("locating peers");
    let peers = Peers::locate(&bench_dir);
    for skip in peers.skips() {
        println!("{skip}");
    }
    let ctx = Ctx::new(cli.quick, reps, bench_dir.clone(), evelisp, peers)?;
    let wants = |w: &str| cli.only.is_empty() || cli.only.iter().any(|o| o == w);
    let redis_server = match &ctx.peers.redis {
        Ok(tool) => redis::Server::start(tool).map_err(|e| format!("{e:#}")),
        Err(skip) => Err(skip.reason.clone()),
    };
    if let Err(why) = &redis_server {
        println!("Redis: skipped: {why}");
    }
    let mut report = Report {
        title: "evelisp against its peers".into(),
        ..Report::default()
    };
    if wants("counter") {
        report
            .sections
            .push(workloads::counter::run(&ctx, &redis_server));
    }
    if wants("map") {
        report.sections.push(workloads::map_update::run(&ctx));
    }
    if wants("reads") {
        report
            .sections
            .push(workloads::reads::run(&ctx, &redis_server));
    }
    drop(redis_server);
    if wants("interp") {
        report.sections.push(workloads::interp::run(&ctx));
    }
    if wants("startup") {
        report.sections.push(workloads::startup::run(&ctx));
    }
    if wants("memory") {
        report.sections.push(workloads::memory::run_all(&ctx));
    }
    if wants("nrepl") {
        report.sections.push(workloads::nrepl::run(&ctx));
    }
    if wants("json") {
        report.sections.push(workloads::json::run(&ctx));
    }
    report.targets = targets::evaluate(&report);
    report.skipped = ctx.peers.skips();
    report.meta = meta(&ctx, start.elapsed().as_secs_f64());
    let md = bench_dir.join("results.md");
    std::fs::write(&md, report.to_markdown())?;
    let svg = bench_dir.join("results.svg");
    let run = if ctx.quick { "quick run" } else { "full run" };
    plot::write_svg(&report, &svg, run)?;
    log(&format!(
        "wrote {} and {} in {:.0} s",
        md.display(),
        svg.display(),
        start.elapsed().as_secs_f64()
    ));
    Ok(())
}

fn command_line(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn meta(ctx: &Ctx, secs: f64) -> Vec<(String, String)> {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let mut m = vec![
        (
            "date".to_string(),
            command_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"]).unwrap_or_default(),
        ),
        (
            "machine".into(),
            format!(
                "{cores} cores (nproc), {}, Linux {}",
                cpu_model(),
                command_line("uname", &["-r"]).unwrap_or_default()
            ),
        ),
        (
            "run".into(),
            format!(
                "{} ({} repetitions of each measurement), {:.0} s in all",
                if ctx.quick {
                    "**quick run** (`bench/run --quick`: small sizes, not the real figures)"
                } else {
                    "full run (`bench/run`)"
                },
                ctx.reps,
                secs
            ),
        ),
        (
            "evelisp".into(),
            format!(
                "{} at commit {}",
                command_line(&ctx.evelisp.display().to_string(), &["--version"])
                    .unwrap_or_default(),
                command_line("git", &["rev-parse", "--short", "HEAD"])
                    .unwrap_or_else(|| "?".into())
            ),
        ),
    ];
    m.extend(ctx.peers.versions());
    m
}

fn arg(args: &[String], i: usize) -> Result<&str> {
    args.get(i)
        .map(String::as_str)
        .with_context(|| format!("worker: missing argument {i}"))
}

fn num(args: &[String], i: usize) -> Result<u64> {
    arg(args, i)?
        .parse()
        .with_context(|| format!("worker: argument {i} is not a number"))
}

/// Runs one native worker: `redis-incr PORT N`, `redis-get PORT N K PIPE SEED`,
/// `sqlite-incr DB N`, `sqlite-get DB N K SEED`, `lmdb-incr DIR N`, `lmdb-get DIR N K SEED`.
fn worker(args: &[String]) -> Result<()> {
    let port = || -> Result<u16> { Ok(arg(args, 1)?.parse()?) };
    let path = || -> Result<&Path> { Ok(Path::new(arg(args, 1)?)) };
    match arg(args, 0)? {
        "redis-incr" => redis::incr_worker(port()?, num(args, 2)?),
        "redis-get" => redis::get_worker(
            port()?,
            num(args, 2)?,
            num(args, 3)?,
            num(args, 4)?,
            num(args, 5)?,
        ),
        "sqlite-incr" => sqlite::incr_worker(path()?, num(args, 2)?),
        "sqlite-get" => sqlite::get_worker(path()?, num(args, 2)?, num(args, 3)?, num(args, 4)?),
        "lmdb-incr" => lmdb::incr_worker(path()?, num(args, 2)?),
        "lmdb-get" => lmdb::get_worker(path()?, num(args, 2)?, num(args, 3)?, num(args, 4)?),
        other => bail!("unknown worker kind {other}"),
    }
}
