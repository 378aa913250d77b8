//! Value words and objects on a real env file: strings, boxed numbers,
//! interned symbols and keywords (also across threads, reopen and real
//! processes), Clojure hash and equality, reference counts.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use evelisp_heap::word::{FIXNUM_MAX, FIXNUM_MIN};
use evelisp_heap::{Env, EnvOptions, HeapError, View, Word, hash};
use proptest::prelude::*;
use std::process::Command;

fn env(dir: &tempfile::TempDir) -> Env {
    Env::open_with(
        dir.path().join("v.eve"),
        &EnvOptions::new().map_size(1 << 30),
    )
    .unwrap()
}

#[test]
fn strings_round_trip_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    for s in ["", "a", "hello", "ünïcødé 😀", &"x".repeat(100_000)] {
        let w = env.new_string(s).unwrap();
        assert_eq!(env.str(w).unwrap(), s);
        assert_eq!(env.view(w).unwrap(), View::Str(s));
        assert_eq!(env.hash(w).unwrap(), hash::hash_string(s));
    }
    assert_eq!(env.hash(env.new_string("").unwrap()).unwrap(), 0);
}

#[test]
fn integers_are_immediate_when_small_and_boxed_when_not() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    for i in [
        0,
        1,
        -1,
        FIXNUM_MAX,
        FIXNUM_MIN,
        FIXNUM_MAX + 1,
        FIXNUM_MIN - 1,
        i64::MAX,
        i64::MIN,
    ] {
        let w = env.int(i).unwrap();
        assert_eq!(
            w.as_object().is_some(),
            !(FIXNUM_MIN..=FIXNUM_MAX).contains(&i),
            "{i}"
        );
        assert_eq!(env.as_i64(w).unwrap(), i);
        assert_eq!(env.view(w).unwrap(), View::Int(i));
        assert_eq!(env.hash(w).unwrap(), hash::hash_long(i));
    }
    // Two boxes of the same value are equal and hash alike.
    let (a, b) = (env.int(i64::MAX).unwrap(), env.int(i64::MAX).unwrap());
    assert_ne!(a, b);
    assert!(env.equals(a, b).unwrap());
    assert!(matches!(env.as_f64(a), Err(HeapError::WrongKind { .. })));
}

#[test]
fn equality_follows_clojure() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let one = env.int(1).unwrap();
    let one_f = env.float(1.0).unwrap();
    assert!(!env.equals(one, one_f).unwrap(), "(= 1 1.0) is false");
    assert!(env.equals(one_f, env.float(1.0).unwrap()).unwrap());
    assert!(
        env.equals(env.float(0.0).unwrap(), env.float(-0.0).unwrap())
            .unwrap()
    );
    assert_eq!(
        env.hash(env.float(-0.0).unwrap()).unwrap(),
        env.hash(env.float(0.0).unwrap()).unwrap()
    );
    let nan = env.float(f64::NAN).unwrap();
    assert!(env.equals(nan, nan).unwrap(), "identical objects are equal");
    assert!(!env.equals(nan, env.float(f64::NAN).unwrap()).unwrap());
    assert!(
        env.equals(env.new_string("ab").unwrap(), env.new_string("ab").unwrap())
            .unwrap()
    );
    assert!(
        !env.equals(env.new_string("a").unwrap(), env.symbol(None, "a").unwrap())
            .unwrap()
    );
    assert!(
        !env.equals(
            env.symbol(None, "a").unwrap(),
            env.keyword(None, "a").unwrap()
        )
        .unwrap()
    );
    assert!(!env.equals(Word::NIL, Word::FALSE).unwrap());
    assert!(env.equals(Word::char('x'), Word::char('x')).unwrap());
    assert_eq!(env.hash(Word::char('A')).unwrap(), 65);
    assert_eq!(env.hash(Word::NIL).unwrap(), 0);
}

#[test]
fn symbols_and_keywords_are_interned() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("v.eve");
    let names: Vec<String> = (0..5000).map(|i| format!("name-{i}")).collect();
    let (syms, kw) = {
        let env = env(&dir);
        let syms: Vec<Word> = names
            .iter()
            .map(|n| env.symbol(Some("user"), n).unwrap())
            .collect();
        let mut seen = std::collections::HashSet::new();
        assert!(
            syms.iter().all(|w| seen.insert(*w)),
            "distinct names, distinct symbols"
        );
        for (n, &w) in names.iter().zip(&syms) {
            assert_eq!(env.symbol(Some("user"), n).unwrap(), w);
            assert_eq!(env.symbol_parts(w).unwrap(), (Some("user"), n.as_str()));
        }
        let kw = env.keyword(None, "a").unwrap();
        assert_ne!(env.symbol(None, "a").unwrap(), kw);
        assert_ne!(
            env.symbol(Some(""), "a").unwrap(),
            env.symbol(None, "a").unwrap()
        );
        assert_eq!(env.hash(kw).unwrap(), -2_123_407_586, "(hash :a)");
        assert_eq!(
            env.hash(env.symbol(Some("clojure.core"), "map").unwrap())
                .unwrap(),
            hash::hash_symbol(Some("clojure.core"), "map")
        );
        (syms, kw)
    };
    // The same names give the same offsets after reopening.
    let env = Env::open(&p).unwrap();
    for (n, &w) in names.iter().zip(&syms) {
        assert_eq!(env.symbol(Some("user"), n).unwrap(), w);
    }
    assert_eq!(env.keyword(None, "a").unwrap(), kw);
}

#[test]
fn racing_threads_intern_the_same_words() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let results: Vec<Vec<Word>> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4)
            .map(|t| {
                let env = &env;
                s.spawn(move || {
                    let mut out = vec![Word::NIL; 3000];
                    // Each thread interns in its own order (a permutation:
                    // the multipliers are coprime with 3000).
                    let mul = [1, 7, 11, 13][t];
                    for k in 0..3000 {
                        let i = (k * mul + 17 * t) % 3000;
                        out[i] = env.keyword(Some("k"), &format!("w{i}")).unwrap();
                    }
                    out
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(results[0].iter().all(|w| w.as_object().is_some()));
    for r in &results[1..] {
        assert!(r == &results[0], "threads interned different words");
    }
}

#[test]
fn racing_processes_intern_the_same_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("procs.eve");
    drop(Env::open(&p).unwrap());
    let children: Vec<_> = (0..4)
        .map(|seed| {
            Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
                .args(["intern", p.to_str().unwrap(), "2000", &seed.to_string()])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<String> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            common::assert_ok(&out);
            String::from_utf8(out.stdout).unwrap()
        })
        .collect();
    assert!(
        !outs[0].split(',').any(|w| w.trim() == "0"),
        "a name was not interned"
    );
    for o in &outs[1..] {
        assert!(o == &outs[0], "processes interned different offsets");
    }
    // And this process, interning afterwards, finds the very same offsets.
    let env = Env::open(&p).unwrap();
    let mine: Vec<String> = (0..2000)
        .map(|i| {
            format!(
                "{:x}",
                env.symbol(Some("h"), &format!("s{i}")).unwrap().bits()
            )
        })
        .collect();
    assert!(
        outs[0].trim() == mine.join(","),
        "this process found other offsets"
    );
}

#[test]
fn reference_counts() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let s = env.new_string("counted").unwrap();
    let off = s.as_object().unwrap();
    assert_eq!(env.header_of(off).unwrap().refcount, 1);
    env.retain(s).unwrap();
    env.retain(s).unwrap();
    assert_eq!(env.header_of(off).unwrap().refcount, 3);
    assert_eq!(env.release(s).unwrap(), Some(2));
    assert_eq!(env.release(s).unwrap(), Some(1));
    assert_eq!(env.release(s).unwrap(), Some(0));
    assert!(env.release(s).is_err(), "no release below zero");
    // Immortal objects and immediates are not counted.
    let k = env.keyword(None, "forever").unwrap();
    env.retain(k).unwrap();
    assert_eq!(env.release(k).unwrap(), None);
    assert_eq!(env.release(Word::fixnum(3).unwrap()).unwrap(), None);
}

#[test]
fn garbage_words_are_errors_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    for bits in [0x10u64, 0x2000, 1 << 40, u64::MAX - 15, 0x42, 0x8] {
        let w = Word::from_bits(bits);
        assert!(env.view(w).is_err(), "{bits:#x}");
        assert!(env.hash(w).is_err(), "{bits:#x}");
        assert!(env.str(w).is_err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn hash_is_consistent_with_equality(a in any::<i64>(), b in any::<i64>(), s in ".{0,20}", t in ".{0,20}") {
        let dir = tempfile::tempdir().unwrap();
        let env = env(&dir);
        let words = [
            env.int(a).unwrap(), env.int(b).unwrap(), env.int(a).unwrap(),
            env.float(a as f64).unwrap(), env.new_string(&s).unwrap(), env.new_string(&t).unwrap(),
            env.new_string(&s).unwrap(), env.keyword(None, &s).unwrap(), env.symbol(None, &s).unwrap(),
        ];
        for &x in &words {
            for &y in &words {
                if env.equals(x, y).unwrap() {
                    prop_assert_eq!(env.hash(x).unwrap(), env.hash(y).unwrap());
                }
                prop_assert_eq!(env.equals(x, y).unwrap(), env.equals(y, x).unwrap());
            }
        }
    }
}

#[test]
fn retain_of_a_dead_object_does_not_resurrect_it() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let s = env.new_string("dead").unwrap();
    let off = s.as_object().unwrap();
    assert_eq!(env.release(s).unwrap(), Some(0));
    assert!(env.retain(s).is_err(), "retain of a dead object");
    assert_eq!(env.header_of(off).unwrap().refcount, 0, "resurrected");
    assert!(env.retain(s).is_err(), "still dead on a second try");
    assert_eq!(env.header_of(off).unwrap().refcount, 0);
}

#[test]
fn retain_of_a_saturated_count_does_not_wrap() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let t = env.new_string("saturated").unwrap();
    let off = t.as_object().unwrap();
    let h = env.raw_load_word(off).unwrap();
    // SAFETY: `t` was never published; this thread owns its block.
    unsafe { env.raw_store_word(off, (h & 0xFFFF_FFFF) | u64::from(u32::MAX) << 32) }.unwrap();
    assert!(env.retain(t).is_err(), "retain past u32::MAX");
    let after = env.header_of(off).unwrap();
    assert_eq!(after.refcount, u32::MAX, "the count wrapped");
    assert_eq!(after.kind, evelisp_heap::Kind::String);
    assert_eq!(
        env.raw_load_word(off).unwrap(),
        (h & 0xFFFF_FFFF) | u64::from(u32::MAX) << 32
    );
}
