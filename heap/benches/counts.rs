//! What an atomic count costs a value nobody else sees (issue 17, section
//! 3; `cargo bench -p evelisp-heap --bench counts`): one count taken and
//! given back on an uncontended header word, done with the CAS the heap
//! uses (`retain`'s and `release`'s fast paths: load, check, `lock
//! cmpxchg`) against a plain load and store (what an owner-only,
//! non-atomic count would do), and `fetch_add`/`fetch_sub` for reference;
//! then the heap's own `Value` clone + drop of a string. ARCHITECTURE.md
//! ("Temporaries") cites the ratio.

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use evelisp_heap::{Env, EnvOptions};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

/// One count in the header word (bits 32..64), as the heap's `RC_ONE`.
const RC_ONE: u64 = 1 << 32;
/// A string's header word with count 1 (kind 1, class 0).
const HEADER: u64 = RC_ONE | 1;

/// `retain`'s fast path: load, check the count, CAS it one up.
#[inline(always)]
fn cas_up(w: &AtomicU64) {
    let h = w.load(Ordering::Relaxed);
    if h >> 32 != 0
        && h >> 32 != u64::from(u32::MAX)
        && w.compare_exchange_weak(h, h + RC_ONE, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    {
        return;
    }
    panic!("uncontended CAS failed");
}

/// `release`'s fast path: load, check the count, CAS it one down.
#[inline(always)]
fn cas_down(w: &AtomicU64) {
    let h = w.load(Ordering::Relaxed);
    if h >> 32 != 0
        && h >> 32 != u64::from(u32::MAX)
        && w.compare_exchange_weak(h, h - RC_ONE, Ordering::AcqRel, Ordering::Relaxed)
            .is_ok()
    {
        return;
    }
    panic!("uncontended CAS failed");
}

/// An owner-only count: the same checks, a plain store.
#[inline(always)]
fn plain(w: &AtomicU64, up: bool) {
    let h = w.load(Ordering::Relaxed);
    assert!(h >> 32 != 0 && h >> 32 != u64::from(u32::MAX));
    w.store(if up { h + RC_ONE } else { h - RC_ONE }, Ordering::Relaxed);
}

fn benches(c: &mut Criterion) {
    let word = AtomicU64::new(HEADER);
    let mut g = c.benchmark_group("count up+down, uncontended");
    g.bench_function("CAS (the heap's)", |b| {
        b.iter(|| {
            let w = black_box(&word);
            cas_up(w);
            cas_down(w);
        })
    });
    g.bench_function("plain load+store", |b| {
        b.iter(|| {
            let w = black_box(&word);
            plain(w, true);
            plain(w, false);
        })
    });
    g.bench_function("fetch_add+fetch_sub", |b| {
        b.iter(|| {
            let w = black_box(&word);
            w.fetch_add(RC_ONE, Ordering::Relaxed);
            w.fetch_sub(RC_ONE, Ordering::AcqRel);
        })
    });
    g.finish();
    assert_eq!(word.load(Ordering::Relaxed), HEADER);

    // The same on a header in the env file: a string's count, through the
    // heap's own `Value` clone (`retain`) and drop (`release`).
    let dir = tempfile::tempdir().unwrap();
    let env = Env::open_with(
        dir.path().join("counts.eve"),
        &EnvOptions::new().map_size(1 << 30),
    )
    .unwrap();
    let _part = env.participant().unwrap();
    let s = env.make_string("a temporary").unwrap();
    c.bench_function("Value clone+drop of a string (retain+release)", |b| {
        b.iter(|| drop(black_box(s.clone())))
    });
    // Making and freeing one: the thread cache's take and put, the header
    // written, the count taken to zero, the block marked free.
    c.bench_function("make+drop a short string", |b| {
        b.iter(|| drop(black_box(env.make_string(black_box("12345")).unwrap())))
    });
    c.bench_function("make+drop a boxed double", |b| {
        b.iter(|| drop(black_box(env.make_float(black_box(1.5)).unwrap())))
    });
}

criterion_group! {
    name = g;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = benches
}
criterion_main!(g);
