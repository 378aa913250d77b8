//! The allocator on real env files: distinct in-bounds blocks, reuse of
//! freed blocks, `EnvFull` at the map size, and no overlap under contention
//! from threads and from real processes.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::testing::{CLASS_COUNT, LARGE_MIN, class_of, class_size};
use evelisp_heap::testing::{HEADER_LEN, PAGE_SIZE};
use evelisp_heap::{Env, FullReason, HeapError};
use std::collections::BTreeMap;
use std::process::Command;

/// Asserts the blocks are pairwise disjoint, inside the file, aligned.
fn assert_disjoint(env: &Env, blocks: &[evelisp_heap::Block]) {
    let mut by_off = BTreeMap::new();
    for b in blocks {
        assert!(
            b.offset >= HEADER_LEN && b.offset + b.size() <= env.file_len(),
            "{b:?}"
        );
        assert_eq!(b.offset % 16, 0);
        if class_size(b.class) >= LARGE_MIN {
            assert_eq!(
                b.offset % PAGE_SIZE,
                16,
                "a large block is a page run after its carve header"
            );
        }
        assert!(
            by_off.insert(b.offset, b.size()).is_none(),
            "{b:?} handed out twice"
        );
    }
    let mut end = 0;
    for (&off, &size) in &by_off {
        assert!(off >= end, "block at {off:#x} overlaps the previous one");
        end = off + size;
    }
}

#[test]
fn blocks_are_distinct_sized_and_in_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 30);
    let sizes = [
        1u64,
        8,
        16,
        17,
        100,
        128,
        129,
        1000,
        4096,
        5000,
        16384,
        16385,
        100_000,
        3 << 20,
    ];
    let mut blocks = Vec::new();
    for round in 0..20 {
        for &s in &sizes {
            let b = env.alloc(s + round).unwrap();
            assert!(b.size() >= s + round);
            assert_eq!(b.class, class_of(s + round).unwrap());
            blocks.push(b);
        }
    }
    assert_disjoint(&env, &blocks);
    assert!(env.carved_len() <= env.file_len());
}

#[test]
fn freed_blocks_are_reused() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 30);
    for size in [24u64, 700, 50_000] {
        let a = env.alloc(size).unwrap();
        // SAFETY: the block was allocated by this test, is still owned by it, and is not used after being freed.
        unsafe { evelisp_heap::testing::free(&env, a) }.unwrap();
        assert_eq!(env.alloc(size).unwrap(), a, "LIFO reuse of size {size}");
    }
    // A steady alloc/free churn does not grow the carved heap.
    let warm: Vec<_> = (0..1000)
        .map(|i| env.alloc(16 + i % 500).unwrap())
        .collect();
    for b in warm {
        // SAFETY: the block was allocated by this test, is still owned by it, and is not used after being freed.
        unsafe { evelisp_heap::testing::free(&env, b) }.unwrap();
    }
    let carved = env.carved_len();
    for _ in 0..20 {
        let bs: Vec<_> = (0..1000)
            .map(|i| env.alloc(16 + i % 500).unwrap())
            .collect();
        for b in bs {
            // SAFETY: the block was allocated by this test, is still owned by it, and is not used after being freed.
            unsafe { evelisp_heap::testing::free(&env, b) }.unwrap();
        }
    }
    assert_eq!(env.carved_len(), carved);
}

#[test]
fn map_size_exhaustion_is_env_full_not_sigbus() {
    let dir = tempfile::tempdir().unwrap();
    let map = 4 << 20;
    let env = env_sized(&dir, map);
    let mut blocks = Vec::new();
    let err = loop {
        match env.alloc(100_000) {
            Ok(b) => blocks.push(b),
            Err(e) => break e,
        }
    };
    match err {
        HeapError::EnvFull {
            reason: FullReason::MapSize,
            requested,
            ..
        } => assert!(requested > map - 200_000),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        blocks.len() as u64,
        (map - HEADER_LEN) / class_size(class_of(100_000).unwrap())
    );
    assert!(env.file_len() <= map);
    // Small classes are full too, and freeing makes room again.
    assert!(env.alloc(100_000).is_err());
    let b = blocks.pop().unwrap();
    // SAFETY: the block was allocated by this test, is still owned by it, and is not used after being freed.
    unsafe { evelisp_heap::testing::free(&env, b) }.unwrap();
    assert_eq!(env.alloc(100_000).unwrap(), b);
}

#[test]
fn too_large_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 30);
    assert!(matches!(
        env.alloc(u64::MAX),
        Err(HeapError::TooLarge { .. })
    ));
    assert!(matches!(
        env.alloc(2 << 30),
        Err(HeapError::EnvFull {
            reason: FullReason::MapSize,
            ..
        })
    ));
    assert!(class_size(CLASS_COUNT - 1) > 1 << 40);
}

#[test]
fn threads_never_share_a_block() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 30);
    let kept: Vec<Vec<evelisp_heap::Block>> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4u64)
            .map(|t| {
                let env = &env;
                s.spawn(move || {
                    let mut live = Vec::new();
                    for i in 0..20_000u64 {
                        let b = env.alloc(16 + (i * 13 + t) % 300).unwrap();
                        // SAFETY: `b` is this thread's, unpublished block.
                        unsafe { evelisp_heap::testing::store_word(env, b.offset, t << 32 | i) }
                            .unwrap();
                        // SAFETY: the block was allocated by this test, is still owned by it, and is not used after being freed.
                        unsafe {
                            evelisp_heap::testing::store_word(
                                env,
                                b.offset + b.size() - 8,
                                t << 32 | i,
                            )
                        }
                        .unwrap();
                        live.push((b, i));
                        if i % 3 != 0 {
                            let (old, v) = live.swap_remove((i as usize * 31) % live.len());
                            assert_eq!(
                                evelisp_heap::testing::load_word(env, old.offset).unwrap(),
                                t << 32 | v
                            );
                            assert_eq!(
                                evelisp_heap::testing::load_word(env, old.offset + old.size() - 8)
                                    .unwrap(),
                                t << 32 | v
                            );
                            // SAFETY: the block was allocated by this test, is still owned by it, and is not used after being freed.
                            unsafe { evelisp_heap::testing::free(env, old) }.unwrap();
                        }
                    }
                    for &(b, v) in &live {
                        assert_eq!(
                            evelisp_heap::testing::load_word(env, b.offset).unwrap(),
                            t << 32 | v,
                            "block stolen"
                        );
                    }
                    live.into_iter().map(|(b, _)| b).collect()
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let all: Vec<_> = kept.into_iter().flatten().collect();
    assert_disjoint(&env, &all);
}

#[test]
fn processes_never_share_a_block() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("procs.eve");
    drop(Env::open(&p).unwrap());
    let bin = env!("CARGO_BIN_EXE_heap-hammer");
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(bin)
                .args(["alloc", p.to_str().unwrap(), "6000"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        common::assert_ok(&out);
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ok 3000");
    }
}

#[test]
fn a_full_disk_is_env_full_not_sigbus() {
    // A real process whose file-size limit plays the full disk: growth
    // fails with EFBIG and the allocator reports EnvFull(Disk).
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("disk.eve");
    let limit: u64 = 3 << 20;
    let out = Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
        .args(["fsize", p.to_str().unwrap(), &limit.to_string()])
        .output()
        .unwrap();
    common::assert_ok(&out);
    let line = String::from_utf8(out.stdout).unwrap();
    let words: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(&words[..2], ["full", "Disk"], "{line}");
    let len: u64 = words[5].parse().unwrap();
    assert!(len <= limit, "{line}");
    // The file is intact and opens again, with the length it recorded.
    let env = Env::open(&p).unwrap();
    assert_eq!(env.file_len(), len);
}

#[test]
fn thread_caches_hand_out_distinct_blocks_and_give_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 30);
    let kept: Vec<Vec<evelisp_heap::Block>> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4u64)
            .map(|t| {
                let env = &env;
                s.spawn(move || {
                    let _cache = env.participant().unwrap(); // installs this thread's cache
                    let mut live = Vec::new();
                    for i in 0..20_000u64 {
                        let b = env.alloc(16 + (i * 13 + t) % 300).unwrap();
                        // SAFETY: `b` is this thread's, unpublished block.
                        unsafe { evelisp_heap::testing::store_word(env, b.offset, t << 32 | i) }
                            .unwrap();
                        live.push((b, i));
                        if i % 3 != 0 {
                            let (old, v) = live.swap_remove((i as usize * 31) % live.len());
                            assert_eq!(
                                evelisp_heap::testing::load_word(env, old.offset).unwrap(),
                                t << 32 | v
                            );
                            // SAFETY: the block was allocated by this test, is still owned by it, and is not used after being freed.
                            unsafe { evelisp_heap::testing::free(env, old) }.unwrap();
                        }
                    }
                    for &(b, v) in &live {
                        assert_eq!(
                            evelisp_heap::testing::load_word(env, b.offset).unwrap(),
                            t << 32 | v,
                            "block stolen"
                        );
                    }
                    live.into_iter().map(|(b, _)| b).collect()
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let all: Vec<_> = kept.into_iter().flatten().collect();
    assert_disjoint(&env, &all);
    // The participants are gone: every free block is back on a shared list
    // (check() walks the lists), and the kept blocks are the only others.
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    let kept_bytes: u64 = all.iter().map(|b| b.size()).sum();
    assert_eq!(r.stats.unreachable_bytes, kept_bytes);
}
