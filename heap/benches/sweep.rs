//! The recovery sweep on a file a runaway process left (`cargo bench -p
//! evelisp-heap --bench sweep`): a worker (`heap-hammer runaway`) stores
//! about 5 MiB of live data (a map), leaks about 1 GiB of lists, strings
//! and vectors (adding a live key every 8 MiB, so live carves are spread
//! through the garbage) and dies without closing. Each iteration copies
//! that file and times opening the copy alone, which sweeps it (the page
//! cache is warm: the copy was just written, and synced). The throughput is bytes of
//! carved file per second. `EVELISP_SWEEP_BENCH_MB` sets the garbage size.

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use evelisp_heap::{Env, EnvOptions};
use std::process::Command;
use std::time::{Duration, Instant};

fn benches(c: &mut Criterion) {
    let garbage_mb: u64 = std::env::var("EVELISP_SWEEP_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1024);
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("runaway.eve");
    let out = Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
        .args(["runaway", base.to_str().unwrap(), "4096", "55000"])
        .arg(garbage_mb.to_string())
        .output()
        .unwrap();
    assert!(!out.status.success(), "the runaway dies without closing");
    let keys: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let carved = {
        let env = Env::open_with(&base, &EnvOptions::new().recover(false)).unwrap();
        let stats = env.stats().unwrap();
        eprintln!(
            "runaway file: {} MiB carved, {} MiB live, {} MiB unreachable, {keys} live keys",
            stats.carved_len >> 20,
            stats.live_bytes >> 20,
            stats.unreachable_bytes >> 20
        );
        stats.carved_len
    };
    let copy = dir.path().join("copy.eve");
    let mut g = c.benchmark_group("sweep");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(carved));
    g.bench_function("open alone after a runaway (sweep)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let _ = std::fs::remove_file(&copy);
                std::fs::copy(&base, &copy).unwrap();
                // As a killed process's file usually is by the time it is
                // reopened: written back (the sweep's punching then frees
                // real extents).
                std::fs::File::open(&copy).unwrap().sync_all().unwrap();
                let t = Instant::now();
                let env = Env::open(&copy).unwrap();
                total += t.elapsed();
                drop(env);
            }
            total
        })
    });
    g.finish();
}

criterion_group!(sweep, benches);
criterion_main!(sweep);
