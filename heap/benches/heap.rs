//! Criterion benchmarks of the heap (`cargo bench -p evelisp-heap`): block
//! allocation, `get` on a 1,000,000-key map (under a guard already held, and
//! pin + get), an atom `swap` of one key on a 1,000,000-key map (which
//! retires the displaced map, so it includes reclamation), `nth` on a
//! 1,000,000-element vector, and opening an env file and reading a value
//! from it.

#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use evelisp_heap::FIRST_USER_ROOT;
use evelisp_heap::{Env, EnvOptions, Ref, Value, Word};
use std::hint::black_box;
use std::time::Duration;

const N: i64 = 1_000_000;

fn int(env: &Env, i: i64) -> Ref<'_> {
    Ref::immediate(env, Word::fixnum(i).unwrap()).unwrap()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bench.eve");
    let env = Env::open_with(&p, &EnvOptions::new().map_size(16 << 30)).unwrap();

    c.bench_function("alloc+free 48 B", |b| {
        b.iter(|| {
            let blk = env.alloc(48).unwrap();
            // SAFETY: the block was just allocated here and is never used again.
            unsafe { evelisp_heap::testing::free(&env, black_box(blk)) }.unwrap();
        })
    });

    // From here on this thread is a participant (and has a block cache).
    let part = env.participant().unwrap();
    c.bench_function("alloc+free 48 B, thread cache", |b| {
        b.iter(|| {
            let blk = env.alloc(48).unwrap();
            // SAFETY: the block was just allocated here and is never used again.
            unsafe { evelisp_heap::testing::free(&env, black_box(blk)) }.unwrap();
        })
    });

    {
        // Same-run baselines: imbl's persistent hash map in process memory.
        let mut m = imbl::HashMap::new();
        for i in 0..N {
            m.insert(i, i);
        }
        let mut k = 0;
        c.bench_function("baseline: get, 1M-key imbl map", |b| {
            b.iter(|| {
                k = (k + 7919) % N;
                black_box(m.get(&k).copied())
            })
        });
        c.bench_function("baseline: update one key, 1M-key imbl map", |b| {
            b.iter(|| {
                k = (k + 7919) % N;
                m = m.update(k, -k);
            })
        });
    }

    {
        let mut m = env.empty_hash_map().unwrap();
        for i in 0..N {
            m = env.assoc(m.borrowed(), int(&env, i), int(&env, i)).unwrap();
        }
        let atom = env.make_atom(m).unwrap();
        env.root(FIRST_USER_ROOT)
            .unwrap()
            .reset(&part, atom.clone())
            .unwrap();
        let root = env.atom_root(atom.borrowed()).unwrap();
        let mut k = 0;
        {
            // A read under a guard already held: the get alone.
            let g = part.pin();
            let m = root.load(&g).unwrap();
            c.bench_function("get, 1M-key map, guard held", |b| {
                b.iter(|| {
                    k = (k + 7919) % N;
                    black_box(m.get(int(&env, k)).unwrap().map(Ref::word))
                })
            });
        }
        c.bench_function("pin + get, 1M-key map", |b| {
            b.iter(|| {
                k = (k + 7919) % N;
                let g = part.pin();
                let m = root.load(&g).unwrap();
                black_box(m.get(int(&env, k)).unwrap().map(Ref::word))
            })
        });
        c.bench_function(
            "swap assoc one key (retiring the old map), 1M-key map",
            |b| {
                b.iter(|| {
                    k = (k + 7919) % N;
                    root.swap(&part, |m| env.assoc(m, int(&env, k), int(&env, -k)))
                        .unwrap()
                })
            },
        );

        let items: Vec<Ref<'_>> = (0..N).map(|i| int(&env, i)).collect();
        let v: Value<'_> = env.make_vector(&items).unwrap();
        env.root(FIRST_USER_ROOT + 1)
            .unwrap()
            .reset(&part, v.clone())
            .unwrap();
        let v = v.borrowed();
        c.bench_function("nth, 1M-element vector", |b| {
            b.iter(|| {
                k = (k + 7919) % N;
                black_box(v.nth(k as u64).unwrap().word())
            })
        });
    }
    // Fill the file past 1 GB (a vector of 1 MB strings in another root),
    // so the open below is of a 1 GB env.
    {
        let filler = "x".repeat(1 << 20);
        let mut v = env.empty_vector().unwrap();
        while env.file_len() < 1 << 30 {
            let s = env.make_string(&filler).unwrap();
            v = env.conj(v.borrowed(), s.borrowed()).unwrap();
        }
        env.root(FIRST_USER_ROOT + 2)
            .unwrap()
            .reset(&part, v)
            .unwrap();
    }
    drop(part);
    drop(env);

    c.bench_function("open a 1 GB env + read one key of a 1M-key map", |b| {
        b.iter(|| {
            let env = Env::open(&p).unwrap();
            let part = env.participant().unwrap();
            let g = part.pin();
            let atom = env.root(FIRST_USER_ROOT).unwrap().load(&g).unwrap();
            let root = env.atom_root(atom).unwrap();
            let m = root.load(&g).unwrap();
            black_box(m.get(int(&env, 123_456)).unwrap().map(Ref::word))
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
