//! Criterion benchmarks of the heap (`cargo bench -p evelisp-heap`): block
//! allocation, `get` and an atom `swap` of one key on a 1,000,000-key map,
//! `swap_retire` (with reclamation) of one key on a 1,000,000-key map, `nth`
//! on a 1,000,000-element vector, and opening an env file and reading a
//! value from it.

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use evelisp_heap::header::FIRST_USER_ROOT;
use evelisp_heap::{Env, EnvOptions, Word};
use std::hint::black_box;
use std::time::Duration;

const N: i64 = 1_000_000;

fn int(i: i64) -> Word {
    Word::fixnum(i).unwrap()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bench.eve");
    let env = Env::open_with(&p, &EnvOptions::new().map_size(16 << 30)).unwrap();

    c.bench_function("alloc+free 48 B", |b| {
        b.iter(|| {
            let blk = env.alloc(48).unwrap();
            // SAFETY: the block was just allocated here and is never used again.
            unsafe { env.free(black_box(blk)) }.unwrap();
        })
    });

    {
        let _cache = env.participant().unwrap();
        c.bench_function("alloc+free 48 B, thread cache", |b| {
            b.iter(|| {
                let blk = env.alloc(48).unwrap();
                // SAFETY: the block was just allocated here and is never used again.
                unsafe { env.free(black_box(blk)) }.unwrap();
            })
        });
    }

    let mut m = env.hash_map_empty().unwrap();
    for i in 0..N {
        m = env.map_assoc(m, int(i), int(i)).unwrap();
    }
    let atom = env.new_atom(m).unwrap();
    env.root(FIRST_USER_ROOT).unwrap().reset(atom);
    let root = env.atom(atom).unwrap();
    let mut k = 0;
    c.bench_function("get, 1M-key map", |b| {
        b.iter(|| {
            k = (k + 7919) % N;
            black_box(env.map_get(m, int(k)).unwrap())
        })
    });
    c.bench_function("swap assoc one key, 1M-key map", |b| {
        b.iter(|| {
            k = (k + 7919) % N;
            root.swap(|m| env.map_assoc(m, int(k), int(-k))).unwrap()
        })
    });

    let part = env.participant().unwrap();
    c.bench_function("swap_retire assoc one key, 1M-key map", |b| {
        b.iter(|| {
            k = (k + 7919) % N;
            // SAFETY: this thread reads only inside swap_retire (pinned).
            unsafe { root.swap_retire(&env, &part, |m| env.map_assoc(m, int(k), int(k))) }.unwrap()
        })
    });
    drop(part);

    let items: Vec<Word> = (0..N).map(int).collect();
    let v = env.vector_from(&items).unwrap();
    env.root(FIRST_USER_ROOT + 1).unwrap().reset(v);
    c.bench_function("nth, 1M-element vector", |b| {
        b.iter(|| {
            k = (k + 7919) % N;
            black_box(env.vector_nth(v, k as u64).unwrap())
        })
    });
    drop(env);

    c.bench_function("open env + read one key of a 1M-key map", |b| {
        b.iter(|| {
            let env = Env::open(&p).unwrap();
            let atom = env.root(FIRST_USER_ROOT).unwrap().load();
            let m = env.atom(atom).unwrap().load();
            black_box(env.map_get(m, int(123_456)).unwrap())
        })
    });
    eprintln!(
        "bench env file: {} bytes",
        std::fs::metadata(&p).unwrap().len()
    );
}

criterion_group! {
    name = heap;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(heap);
