//! Bounded memory under churn: 1,000,000 `assoc`s of random keys into a
//! 10,000-key map held by an atom. After warm-up the file stops growing
//! (freed nodes are reused), and the bytes in use (reachable plus retired,
//! not yet released) stay within twice the final map's size.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::FIRST_USER_ROOT;
use evelisp_heap::{Env, EnvOptions};

const KEYS: u64 = 10_000;
const ASSOCS: u64 = 1_000_000;
const WARM_UP: u64 = 100_000;

/// xorshift64*: deterministic random keys.
fn next(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_F491_4F6C_DD1D)
}

#[test]
fn a_million_assocs_into_a_10k_key_map_keep_memory_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let env = Env::open_with(
        dir.path().join("m.eve"),
        &EnvOptions::new().map_size(1 << 32),
    )
    .unwrap();
    let p = env.participant().unwrap();
    let mut m = env.empty_hash_map().unwrap();
    for i in 0..KEYS as i64 {
        m = env.assoc(m.borrowed(), int(&env, i), int(&env, 0)).unwrap();
    }
    let atom = env.root_atom(&p, FIRST_USER_ROOT, m).unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut len_after_warm_up = 0;
    let mut peak_in_use = 0;
    for i in 0..ASSOCS {
        let k = (next(&mut rng) % KEYS) as i64;
        let v = (next(&mut rng) >> 2) as i64;
        root.swap(&p, |cur| env.assoc(cur, int(&env, k), int(&env, v)))
            .unwrap();
        if i == WARM_UP {
            len_after_warm_up = env.file_len();
        }
        if i % 100_000 == 99_999 {
            let s = env.stats().unwrap();
            peak_in_use = peak_in_use.max(s.live_bytes + s.retired_bytes);
        }
    }
    assert_eq!(
        env.file_len(),
        len_after_warm_up,
        "the file grew after warm-up"
    );
    // Let every retirement go, then measure the final value.
    for _ in 0..3 {
        p.try_advance().unwrap();
    }
    p.collect().unwrap();
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
    let final_size = report.stats.live_bytes;
    assert_eq!(report.stats.unreachable_bytes, 0, "{:?}", report.stats);
    eprintln!(
        "file {} bytes, peak in use {peak_in_use}, final map {final_size}",
        env.file_len()
    );
    assert!(
        peak_in_use <= 2 * final_size,
        "in use {peak_in_use} bytes at the peak, final map {final_size} bytes"
    );
    let g = p.pin();
    assert_eq!(root.load(&g).unwrap().count().unwrap(), KEYS);
}
