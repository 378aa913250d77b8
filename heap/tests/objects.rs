//! Big integers, ratios, namespaces, vars, code and functions on a real
//! env file: layout round trips, Clojure equality and hash, interning of
//! namespaces and vars under races, and `check()` over all of them.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::{Ref, Value, View, Word};
use evelisp_heap::{VAR_DYNAMIC, VAR_MACRO};

#[test]
fn bigints_and_ratios_follow_clojure() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let eq = |a: Ref, b: Ref| a.equals(b).unwrap();
    let bigint = |neg: bool, mag: &[u8]| env.make_bigint(neg, mag).unwrap();
    let one_n = bigint(false, &[1, 0, 0]);
    assert_eq!(
        one_n.borrowed().bigint_parts().unwrap(),
        (false, &[1u8][..]),
        "leading zeros dropped"
    );
    assert!(eq(one_n.borrowed(), int(&env, 1)), "(= 1N 1)");
    assert_eq!(
        one_n.borrowed().hash().unwrap(),
        int(&env, 1).hash().unwrap()
    );
    let big = bigint(false, &[0, 0, 0, 0, 0, 0, 0, 0, 1]); // 2^64
    assert_eq!(
        big.borrowed().hash().unwrap(),
        961,
        "Java BigInteger(2^64).hashCode()"
    );
    let neg = bigint(true, &[0, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert_eq!(neg.borrowed().hash().unwrap(), -961);
    assert!(!eq(big.borrowed(), neg.borrowed()));
    assert!(eq(
        big.borrowed(),
        bigint(false, &[0, 0, 0, 0, 0, 0, 0, 0, 1]).borrowed()
    ));
    assert!(!eq(
        big.borrowed(),
        env.make_float(18_446_744_073_709_551_616.0)
            .unwrap()
            .borrowed()
    ));
    let min = bigint(true, &(i64::MIN as i128).unsigned_abs().to_le_bytes());
    assert!(eq(
        min.borrowed(),
        env.make_int(i64::MIN).unwrap().borrowed()
    ));
    let ratio = |n: i64, d: i64| env.make_ratio(int(&env, n), int(&env, d)).unwrap();
    let half = ratio(1, 2);
    assert_eq!(half.borrowed().hash().unwrap(), 3, "(hash 1/2)");
    assert!(eq(half.borrowed(), ratio(1, 2).borrowed()));
    assert!(!eq(
        half.borrowed(),
        env.make_float(0.5).unwrap().borrowed()
    ));
    assert!(matches!(
        half.borrowed().view().unwrap(),
        View::Ratio { .. }
    ));
}

#[test]
fn decimals_and_floats_follow_clojure() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let eq = |a: Ref, b: Ref| a.equals(b).unwrap();
    // unscaled (little-endian magnitude) × 10^-scale
    let dec = |neg: bool, mag: &[u8], scale: i32| env.make_bigdecimal(neg, mag, scale).unwrap();
    let d15 = dec(false, &[15], 1); // 1.5M
    let d150 = dec(false, &[150, 0, 0], 2); // 1.50M, leading zeros dropped
    assert!(matches!(
        d150.borrowed().view().unwrap(),
        View::BigDecimal {
            negative: false,
            magnitude: [150],
            scale: 2
        }
    ));
    assert!(eq(d15.borrowed(), d150.borrowed()), "(= 1.5M 1.50M)");
    // Each hash below is Clojure 1.11's `(hash x)`.
    assert_eq!(d15.borrowed().hash().unwrap(), 466);
    assert_eq!(d150.borrowed().hash().unwrap(), 466);
    assert_eq!(dec(true, &[15], 1).borrowed().hash().unwrap(), -464);
    assert_eq!(
        dec(false, &[100], 0).borrowed().hash().unwrap(),
        29,
        "(hash 100M)"
    );
    assert_eq!(
        dec(false, &[1], -2).borrowed().hash().unwrap(),
        29,
        "(hash 1E+2M)"
    );
    assert_eq!(
        dec(false, &[0], 2).borrowed().hash().unwrap(),
        0,
        "(hash 0.00M)"
    );
    assert!(
        eq(dec(false, &[], 2).borrowed(), dec(true, &[0], 0).borrowed()),
        "0.00M = 0M"
    );
    assert!(!eq(d15.borrowed(), env.make_float(1.5).unwrap().borrowed()));
    assert!(
        !eq(dec(false, &[1], 0).borrowed(), int(&env, 1)),
        "(= 1M 1)"
    );
    assert!(!eq(d15.borrowed(), dec(false, &[15], 2).borrowed()));

    let f = |x: f32| env.make_float32(x);
    assert!(matches!(f(1.5).borrowed().view().unwrap(), View::Float32(x) if x == 1.5));
    assert_eq!(f(1.5).borrowed().hash().unwrap(), 1_069_547_520);
    assert_eq!(f(-0.0).borrowed().hash().unwrap(), 0);
    assert!(eq(
        f(0.5).borrowed(),
        env.make_float(0.5).unwrap().borrowed()
    ));
    assert!(eq(
        env.make_float(0.5).unwrap().borrowed(),
        f(0.5).borrowed()
    ));
    assert!(!eq(
        f(0.1).borrowed(),
        env.make_float(0.1).unwrap().borrowed()
    ));
    assert!(eq(f(0.0).borrowed(), f(-0.0).borrowed()));
    assert!(!eq(f(1.0).borrowed(), int(&env, 1)));
    assert!(!eq(
        f(f32::NAN).borrowed(),
        env.make_float(f64::NAN).unwrap().borrowed()
    ));

    // Stored in a collection, both survive `check`.
    let v = env
        .make_vector(&[d15.borrowed(), f(0.25).borrowed()])
        .unwrap();
    assert!(eq(v.borrowed().nth(1).unwrap(), f(0.25).borrowed()));
    let p = env.participant().unwrap();
    let root = env.root(evelisp_heap::FIRST_USER_ROOT).unwrap();
    root.reset(&p, v).unwrap();
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
}

#[test]
fn namespaces_and_vars_are_interned_once() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let user = env.intern_symbol(None, "user").unwrap();
    let user = user.borrowed();
    assert!(env.find_namespace(&p, user).unwrap().is_none());
    // One participant per thread.
    let nss: Vec<Word> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    let p = env.participant().unwrap();
                    env.namespace(&p, user).unwrap().word()
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(nss.iter().all(|&n| n == nss[0]));
    let ns = env.find_namespace(&p, user).unwrap().unwrap();
    assert_eq!(ns.word(), nss[0]);
    let ns = ns.borrowed();
    assert_eq!(env.namespace_name(ns).unwrap().word(), user.word());
    let x = env.intern_symbol(None, "x").unwrap();
    let x = x.borrowed();
    let vars: Vec<Word> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    let p = env.participant().unwrap();
                    env.intern_var(&p, ns, x).unwrap().word()
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(vars.iter().all(|&v| v == vars[0]));
    let v = env.intern_var(&p, ns, x).unwrap();
    assert_eq!(v.word(), vars[0]);
    let v = v.borrowed();
    let (v_ns, v_name) = env.var_name(v).unwrap();
    assert_eq!((v_ns.word(), v_name.word()), (user.word(), x.word()));
    let root = env.var_root(v).unwrap();
    {
        let g = p.pin();
        assert_eq!(root.load(&g).unwrap().word(), Word::UNBOUND);
    }
    root.reset(&p, env.make_int(42).unwrap()).unwrap();
    assert_eq!(
        env.var_root(env.intern_var(&p, ns, x).unwrap().borrowed())
            .unwrap()
            .get(&p)
            .unwrap()
            .word(),
        fixnum(42)
    );
    assert_eq!(root.version(), 1);
    env.var_set_flags(v, VAR_MACRO | VAR_DYNAMIC).unwrap();
    assert_eq!(env.var_flags(v).unwrap(), VAR_MACRO | VAR_DYNAMIC);
    {
        let g = p.pin();
        let m = env.namespace_mappings(ns).unwrap().load(&g).unwrap();
        assert_eq!(m.get(x).unwrap().map(Ref::word), Some(v.word()));
    }
    // Other namespaces are other objects; the table holds both.
    let core = env
        .namespace(
            &p,
            env.intern_symbol(None, "clojure.core").unwrap().borrowed(),
        )
        .unwrap();
    assert_ne!(core.word(), ns.word());
    assert_eq!(
        env.find_namespace(&p, user).unwrap().map(|n| n.word()),
        Some(ns.word())
    );
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.kinds["namespace"].0, 2);
    assert_eq!(r.stats.kinds["var"].0, 1);
}

#[test]
fn code_and_functions_round_trip_and_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let plus = env.intern_symbol(None, "+").unwrap();
    let body = env
        .make_list(&[plus.borrowed(), int(&env, 1), int(&env, 2)])
        .unwrap();
    let consts = env
        .make_vector(&[env.make_string("c").unwrap().borrowed()])
        .unwrap();
    let code = env
        .new_code(body.borrowed(), consts.borrowed(), b"\x01\x02opaque")
        .unwrap();
    let (b, a, bytes) = env.code_parts(code.borrowed()).unwrap();
    assert_eq!(
        (b.word(), a.word(), bytes),
        (body.word(), consts.word(), &b"\x01\x02opaque"[..])
    );
    let captured = env.make_vector(&[int(&env, 7)]).unwrap();
    let name = env.intern_symbol(Some("user"), "f").unwrap();
    let new_fn = |code: &Value| env.new_fn(code.borrowed(), captured.borrowed(), name.borrowed());
    let f = new_fn(&code).unwrap();
    let (fc, fcap, fname) = env.fn_parts(f.borrowed()).unwrap();
    assert_eq!(
        (fc.word(), fcap.word(), fname.word()),
        (code.word(), captured.word(), name.word())
    );
    assert!(new_fn(&body).is_err(), "a fn needs a code object");
    assert!(f.borrowed().equals(f.borrowed()).unwrap());
    assert!(
        !f.borrowed()
            .equals(new_fn(&code).unwrap().borrowed())
            .unwrap(),
        "functions compare by identity"
    );
    env.root(evelisp_heap::FIRST_USER_ROOT)
        .unwrap()
        .reset(&p, f)
        .unwrap();
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.kinds["code"].0, 1);
}

#[test]
fn var_metadata_is_a_root_the_sweep_and_checkpoints_keep() {
    let dir = tempfile::tempdir().unwrap();
    let mut env = env(&dir);
    {
        let p = env.participant().unwrap();
        let user = env.intern_symbol(None, "user").unwrap();
        let ns = env.namespace(&p, user.borrowed()).unwrap();
        let x = env.intern_symbol(None, "x").unwrap();
        let v = env.intern_var(&p, ns.borrowed(), x.borrowed()).unwrap();
        let meta = env.var_meta(v.borrowed()).unwrap();
        assert!(meta.get(&p).unwrap().borrowed().is_nil());
        let doc = env.intern_keyword(None, "doc").unwrap();
        let text = env.make_string("the x").unwrap();
        let empty = env.empty_map().unwrap();
        let m = env
            .assoc(empty.borrowed(), doc.borrowed(), text.borrowed())
            .unwrap();
        meta.reset(&p, m).unwrap();
        env.checkpoint(&p).unwrap();
    }
    env.sweep().unwrap();
    let p = env.participant().unwrap();
    let user = env.intern_symbol(None, "user").unwrap();
    let ns = env.namespace(&p, user.borrowed()).unwrap();
    let x = env.intern_symbol(None, "x").unwrap();
    let v = env.intern_var(&p, ns.borrowed(), x.borrowed()).unwrap();
    let m = env.var_meta(v.borrowed()).unwrap().get(&p).unwrap();
    let doc = env.intern_keyword(None, "doc").unwrap();
    let found = m.borrowed().get(doc.borrowed()).unwrap().unwrap();
    assert_eq!(found.as_str().unwrap(), "the x");
    let report = env.check().unwrap();
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

#[test]
fn patterns_keep_their_source_and_equal_only_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let a = env.make_pattern("a+\\d").unwrap();
    let b = env.make_pattern("a+\\d").unwrap();
    assert_eq!(a.borrowed().view().unwrap(), View::Pattern("a+\\d"));
    assert!(a.borrowed().equals(a.borrowed()).unwrap());
    assert!(!a.borrowed().equals(b.borrowed()).unwrap());
    // Not equal to the string of its source either.
    let s = env.make_string("a+\\d").unwrap();
    assert!(!a.borrowed().equals(s.borrowed()).unwrap());
    assert_eq!(a.borrowed().hash().unwrap(), a.borrowed().hash().unwrap());
    // In a set, two patterns of one source are two members.
    let set = env.empty_set().unwrap();
    let set = env.conj(set.borrowed(), a.borrowed()).unwrap();
    let set = env.conj(set.borrowed(), b.borrowed()).unwrap();
    assert_eq!(set.borrowed().count().unwrap(), 2);
    drop((a, b, s, set));
    let report = env.check().unwrap();
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

#[test]
fn every_interned_name_can_be_listed() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    for i in 0..500 {
        env.intern_keyword(Some("k"), &format!("kw{i}")).unwrap();
        env.intern_symbol(None, &format!("sym{i}")).unwrap();
    }
    let mut keywords = std::collections::HashSet::new();
    env.for_each_interned(true, |ns, name| {
        keywords.insert(format!("{}/{name}", ns.unwrap_or("")));
    })
    .unwrap();
    let mut symbols = std::collections::HashSet::new();
    env.for_each_interned(false, |_, name| {
        symbols.insert(name.to_string());
    })
    .unwrap();
    for i in 0..500 {
        assert!(keywords.contains(&format!("k/kw{i}")));
        assert!(symbols.contains(&format!("sym{i}")));
    }
    assert!(
        !symbols.contains("kw1"),
        "keywords are not listed as symbols"
    );
}

#[test]
fn an_immortal_fn_is_read_from_its_var_without_a_count_and_outlives_its_var() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let user = env.intern_symbol(None, "user").unwrap();
    let ns = env.namespace(&p, user.borrowed()).unwrap();
    let name = env.intern_symbol(Some("clojure.core"), "inc").unwrap();
    let var = env.intern_var(&p, ns.borrowed(), name.borrowed()).unwrap();
    let nil = Value::nil(&env);
    let code = env.new_code(name.borrowed(), nil.borrowed(), &[]).unwrap();
    let f = env
        .new_immortal_fn(code.borrowed(), nil.borrowed(), name.borrowed())
        .unwrap();
    let off = f.word().bits();
    let header = || evelisp_heap::testing::load_word(&env, off).unwrap();
    let before = header();
    let root = env.var_root(var.borrowed()).unwrap();
    root.reset(&p, f.clone()).unwrap();
    // Reads, clones and drops take no count: the header word never changes.
    for _ in 0..1_000 {
        let g = root.get(&p).unwrap();
        assert_eq!(g.word(), f.word());
        let h = g.clone();
        drop(g);
        assert_eq!(env.fn_parts(h.borrowed()).unwrap().2.word(), name.word());
    }
    assert_eq!(header(), before, "no count taken or given back");
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    // The var moves on: the fn stays whole (it is never freed while
    // processes run), readable through a value kept before.
    root.reset(&p, env.make_int(5).unwrap()).unwrap();
    for _ in 0..3 {
        p.collect().unwrap();
    }
    assert_eq!(root.get(&p).unwrap().borrowed().as_i64().unwrap(), 5);
    assert_eq!(header(), before);
    assert_eq!(env.fn_parts(f.borrowed()).unwrap().0.word(), code.word());
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
}
