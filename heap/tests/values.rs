//! Value words and objects on a real env file: strings, boxed numbers,
//! interned symbols and keywords (also across threads, reopen and real
//! processes), Clojure hash and equality, reference counts.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::{Env, HeapError, Kind, Value, View, Word, testing};
use evelisp_heap::{FIXNUM_MAX, FIXNUM_MIN};
use proptest::prelude::*;
use std::process::Command;

/// The offset of the object `v` holds.
fn offset(v: &Value<'_>) -> u64 {
    v.word().as_object().unwrap()
}

/// The reference count in the header of the object at `off`.
fn refcount(env: &Env, off: u64) -> u32 {
    env.header_of(off).unwrap().refcount
}

#[test]
fn strings_round_trip_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    for s in ["", "a", "hello", "ünïcødé 😀", &"x".repeat(100_000)] {
        let w = env.make_string(s).unwrap();
        let w = w.borrowed();
        assert_eq!(w.as_str().unwrap(), s);
        assert_eq!(w.view().unwrap(), View::Str(s));
        assert_eq!(w.hash().unwrap(), testing::hash_string(s));
    }
    assert_eq!(env.make_string("").unwrap().borrowed().hash().unwrap(), 0);
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
        let w = env.make_int(i).unwrap();
        assert_eq!(
            w.word().as_object().is_some(),
            !(FIXNUM_MIN..=FIXNUM_MAX).contains(&i),
            "{i}"
        );
        let w = w.borrowed();
        assert_eq!(w.as_i64().unwrap(), i);
        assert_eq!(w.view().unwrap(), View::Int(i));
        assert_eq!(w.hash().unwrap(), testing::hash_long(i));
    }
    // Two boxes of the same value are equal and hash alike.
    let (a, b) = (
        env.make_int(i64::MAX).unwrap(),
        env.make_int(i64::MAX).unwrap(),
    );
    assert_ne!(a.word(), b.word());
    assert!(a.borrowed().equals(b.borrowed()).unwrap());
    assert!(matches!(
        a.borrowed().as_f64(),
        Err(HeapError::WrongKind { .. })
    ));
}

#[test]
fn equality_follows_clojure() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let float = |f: f64| env.make_float(f).unwrap();
    let string = |s: &str| env.make_string(s).unwrap();
    let symbol = |s: &str| env.intern_symbol(None, s).unwrap();
    let eq = |a: &Value, b: &Value| a.borrowed().equals(b.borrowed()).unwrap();
    let hash = |a: &Value| a.borrowed().hash().unwrap();
    let one = env.make_int(1).unwrap();
    let one_f = float(1.0);
    assert!(!eq(&one, &one_f), "(= 1 1.0) is false");
    assert!(eq(&one_f, &float(1.0)));
    assert!(eq(&float(0.0), &float(-0.0)));
    assert_eq!(hash(&float(-0.0)), hash(&float(0.0)));
    let nan = float(f64::NAN);
    assert!(eq(&nan, &nan), "identical objects are equal");
    assert!(!eq(&nan, &float(f64::NAN)));
    assert!(eq(&string("ab"), &string("ab")));
    assert!(!eq(&string("a"), &symbol("a")));
    assert!(!eq(&symbol("a"), &env.intern_keyword(None, "a").unwrap()));
    assert!(!eq(&Value::nil(&env), &env.make_bool(false)));
    assert!(eq(&env.make_char('x'), &env.make_char('x')));
    assert_eq!(hash(&env.make_char('A')), 65);
    assert_eq!(hash(&Value::nil(&env)), 0);
}

#[test]
fn symbols_and_keywords_are_interned() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(ENV_FILE);
    let names: Vec<String> = (0..5000).map(|i| format!("name-{i}")).collect();
    let (syms, kw) = {
        let env = env(&dir);
        let sym = |ns: Option<&str>, n: &str| env.intern_symbol(ns, n).unwrap();
        let syms: Vec<Value> = names.iter().map(|n| sym(Some("user"), n)).collect();
        let mut seen = std::collections::HashSet::new();
        assert!(
            syms.iter().all(|w| seen.insert(w.word())),
            "distinct names, distinct symbols"
        );
        for (n, w) in names.iter().zip(&syms) {
            assert_eq!(sym(Some("user"), n).word(), w.word());
            assert_eq!(
                w.borrowed().symbol_parts().unwrap(),
                (Some("user"), n.as_str())
            );
        }
        let kw = env.intern_keyword(None, "a").unwrap();
        assert_ne!(sym(None, "a").word(), kw.word());
        assert_ne!(sym(Some(""), "a").word(), sym(None, "a").word());
        assert_eq!(kw.borrowed().hash().unwrap(), -2_123_407_586, "(hash :a)");
        assert_eq!(
            sym(Some("clojure.core"), "map").borrowed().hash().unwrap(),
            testing::hash_symbol(Some("clojure.core"), "map")
        );
        let words: Vec<Word> = syms.iter().map(Value::word).collect();
        (words, kw.word())
    };
    // The same names give the same offsets after reopening.
    let env = Env::open(&p).unwrap();
    for (n, &w) in names.iter().zip(&syms) {
        assert_eq!(env.intern_symbol(Some("user"), n).unwrap().word(), w);
    }
    assert_eq!(env.intern_keyword(None, "a").unwrap().word(), kw);
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
                        out[i] = env
                            .intern_keyword(Some("k"), &format!("w{i}"))
                            .unwrap()
                            .word();
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
                env.intern_symbol(Some("h"), &format!("s{i}"))
                    .unwrap()
                    .word()
                    .bits()
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
    let s = env.make_string("counted").unwrap();
    let off = offset(&s);
    assert_eq!(refcount(&env, off), 1);
    // Each clone takes a count; each drop gives one back.
    let c1 = s.clone();
    let c2 = s.borrowed().to_value().unwrap();
    assert_eq!(refcount(&env, off), 3);
    drop(c2);
    assert_eq!(refcount(&env, off), 2);
    drop(c1);
    assert_eq!(refcount(&env, off), 1);
    // The last drop frees the object: its block no longer reads as one.
    drop(s);
    assert!(env.header_of(off).is_err(), "freed at count 0");
    // No release below zero: a drop that finds the count at 0 (a corrupt
    // count: a handle always owns one) leaves it at 0 and frees nothing.
    let t = env.make_string("zero").unwrap();
    let t_off = offset(&t);
    let h = evelisp_heap::testing::load_word(&env, t_off).unwrap();
    // SAFETY: `t` was never published; this thread owns its block.
    unsafe { evelisp_heap::testing::store_word(&env, t_off, h & 0xFFFF_FFFF) }.unwrap();
    drop(t);
    let after = env.header_of(t_off).unwrap();
    assert_eq!(after.refcount, 0, "released below zero");
    assert_eq!(after.kind, Kind::String, "freed by a failed release");
    // Immortal objects and immediates are not counted.
    let k = env.intern_keyword(None, "forever").unwrap();
    let k_off = offset(&k);
    let before = env.header_of(k_off).unwrap();
    assert_ne!(before.flags & evelisp_heap::testing::IMMORTAL, 0);
    let k2 = k.clone();
    assert_eq!(refcount(&env, k_off), before.refcount, "retain of immortal");
    drop(k2);
    drop(k);
    assert_eq!(
        refcount(&env, k_off),
        before.refcount,
        "release of immortal"
    );
    assert_eq!(env.header_of(k_off).unwrap().kind, Kind::Keyword);
    let three = Value::immediate(&env, Word::fixnum(3).unwrap()).unwrap();
    drop(three.clone());
    assert_eq!(three.word(), Word::fixnum(3).unwrap());
    let obj = env.make_string("object").unwrap();
    assert!(
        Value::immediate(&env, obj.word()).is_none(),
        "an object word is no immediate"
    );
}

#[test]
fn garbage_words_are_errors_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    // Nothing public reads through a bare word: the garbage has to be in
    // the file, where a reader finds it (here, as the first of a list).
    let l = env.make_list(&[Value::nil(&env).borrowed()]).unwrap();
    let first = l.word().as_object().unwrap() + 8; // cons: first, rest, count
    // In the empty file the original test used 0x2000, the end of the
    // header; with the list carved, the first offset not carved yet.
    let uncarved = env.carved_len();
    for bits in [0x10u64, uncarved, 1 << 40, u64::MAX - 15, 0x42, 0x8] {
        // SAFETY: `l` was never published; this thread owns its block.
        unsafe { evelisp_heap::testing::store_word(&env, first, bits) }.unwrap();
        let w = l.borrowed().first().unwrap();
        assert_eq!(w.word(), Word::from_bits(bits));
        assert!(w.view().is_err(), "{bits:#x}");
        assert!(w.hash().is_err(), "{bits:#x}");
        assert!(w.as_str().is_err());
    }
    // SAFETY: as above; the list then drops normally.
    unsafe { evelisp_heap::testing::store_word(&env, first, Word::NIL.bits()) }.unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn hash_is_consistent_with_equality(a in any::<i64>(), b in any::<i64>(), s in ".{0,20}", t in ".{0,20}") {
        let dir = tempfile::tempdir().unwrap();
        let env = env(&dir);
        let values = [
            env.make_int(a).unwrap(), env.make_int(b).unwrap(), env.make_int(a).unwrap(),
            env.make_float(a as f64).unwrap(), env.make_string(&s).unwrap(), env.make_string(&t).unwrap(),
            env.make_string(&s).unwrap(), env.intern_keyword(None, &s).unwrap(),
            env.intern_symbol(None, &s).unwrap(),
        ];
        for x in &values {
            for y in &values {
                let (x, y) = (x.borrowed(), y.borrowed());
                if x.equals(y).unwrap() {
                    prop_assert_eq!(x.hash().unwrap(), y.hash().unwrap());
                }
                prop_assert_eq!(x.equals(y).unwrap(), y.equals(x).unwrap());
            }
        }
    }
}

#[test]
fn retain_of_a_dead_object_does_not_resurrect_it() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let s = env.make_string("dead").unwrap();
    let off = offset(&s);
    // A handle cannot outlive its count, so make the count 0 by hand (what
    // a reader that raced with the last release would find).
    let h = evelisp_heap::testing::load_word(&env, off).unwrap();
    // SAFETY: `s` was never published; this thread owns its block.
    unsafe { evelisp_heap::testing::store_word(&env, off, h & 0xFFFF_FFFF) }.unwrap();
    assert!(s.borrowed().to_value().is_err(), "retain of a dead object");
    assert_eq!(refcount(&env, off), 0, "resurrected");
    assert!(env.own(s.borrowed()).is_err(), "still dead on a second try");
    assert_eq!(refcount(&env, off), 0);
    // A clone cannot take a count either, and its drop gives none back.
    drop(s.clone());
    assert_eq!(refcount(&env, off), 0, "a clone resurrected it");
    assert_eq!(env.header_of(off).unwrap().kind, Kind::String);
    // Give `s` its count back so that it drops (and frees) normally.
    // SAFETY: as above.
    unsafe { evelisp_heap::testing::store_word(&env, off, h) }.unwrap();
    drop(s);
    assert!(env.header_of(off).is_err(), "freed at count 0");
}

#[test]
fn retain_of_a_saturated_count_does_not_wrap() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let t = env.make_string("saturated").unwrap();
    let off = offset(&t);
    let h = evelisp_heap::testing::load_word(&env, off).unwrap();
    let saturated = (h & 0xFFFF_FFFF) | u64::from(u32::MAX) << 32;
    // SAFETY: `t` was never published; this thread owns its block.
    unsafe { evelisp_heap::testing::store_word(&env, off, saturated) }.unwrap();
    // A saturated count sticks: taking one more and giving it back (or
    // giving back the original) neither wraps it nor lowers it, so the
    // object is never freed under an owner that did not get a count.
    let more = t.borrowed().to_value().unwrap();
    let owned = env.own(t.borrowed()).unwrap();
    drop(t.clone());
    drop((more, owned));
    assert_eq!(
        evelisp_heap::testing::load_word(&env, off).unwrap(),
        saturated,
        "the count moved"
    );
    drop(t);
    let after = env.header_of(off).unwrap();
    assert_eq!(after.refcount, u32::MAX, "a saturated object was released");
    assert_eq!(after.kind, Kind::String);
}
