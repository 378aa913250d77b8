//! UUIDs, instants, tagged literals and reader conditionals in the heap:
//! they read back as written, hash as Java's `hashCode` (Clojure's `hash`
//! of these classes), are equal by value, survive a check while reachable
//! and leak nothing; a damaged instant is `CorruptObject` and a finding of
//! `check`, never a panic.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::{Env, EnvOptions, FIRST_USER_ROOT, HeapError, InstClass, Value, View};

fn open(dir: &tempfile::TempDir) -> Env {
    Env::open_with(
        dir.path().join("h.eve"),
        &EnvOptions::new().map_size(1 << 30),
    )
    .unwrap()
}

#[test]
fn values_read_back_hash_as_java_and_compare_by_value() {
    let dir = tempfile::tempdir().unwrap();
    let env = open(&dir);
    // Interned names live for ever: made before the count.
    let tag = env.intern_symbol(None, "foo").unwrap();
    let clj = env.intern_keyword(None, "clj").unwrap();
    let before = env.check().unwrap().stats.live_bytes;
    {
        let u = env
            .make_uuid(0xf81d_4fae_7dec_11d0, 0xa765_00a0_c91e_6bf6)
            .unwrap();
        assert_eq!(
            u.borrowed().view().unwrap(),
            View::Uuid {
                msb: 0xf81d_4fae_7dec_11d0,
                lsb: 0xa765_00a0_c91e_6bf6
            }
        );
        // (hash #uuid "f81d4fae-7dec-11d0-a765-00a0c91e6bf6") on the JVM.
        assert_eq!(u.borrowed().hash().unwrap(), -343_263_960);
        let same = env
            .make_uuid(0xf81d_4fae_7dec_11d0, 0xa765_00a0_c91e_6bf6)
            .unwrap();
        assert!(u.borrowed().equals(same.borrowed()).unwrap());
        let other = env.make_uuid(1, 2).unwrap();
        assert!(!u.borrowed().equals(other.borrowed()).unwrap());

        // #inst "2020-01-01": a Date of 1577836800000 ms.
        let d = env.make_inst(1_577_836_800, 0, InstClass::Date).unwrap();
        assert_eq!(d.borrowed().hash().unwrap(), 1_583_802_735);
        let i = env
            .make_inst(1_577_836_800, 123_456_000, InstClass::Instant)
            .unwrap();
        // (hash (java.time.Instant/ofEpochSecond 1577836800 123456000)).
        assert_eq!(i.borrowed().hash().unwrap(), -715_841_792);
        let i0 = env.make_inst(1_577_836_800, 0, InstClass::Instant).unwrap();
        assert!(
            !d.borrowed().equals(i0.borrowed()).unwrap(),
            "a Date is no Instant"
        );
        assert!(
            env.make_inst(0, 1, InstClass::Date).is_err(),
            "a Date holds whole milliseconds"
        );
        assert!(env.make_inst(0, 1_000_000_000, InstClass::Instant).is_err());

        let v = env.make_vector(&[int(&env, 1), int(&env, 2)]).unwrap();
        let tl = env
            .make_tagged_literal(tag.borrowed(), v.borrowed())
            .unwrap();
        // (hash (tagged-literal 'foo [1 2])) on the JVM.
        assert_eq!(tl.borrowed().hash().unwrap(), 884_332_214);
        let (t, f) = tl.borrowed().tagged_literal_parts().unwrap();
        assert_eq!(t.word(), tag.word());
        assert!(f.equals(v.borrowed()).unwrap());
        let l = env.make_list(&[int(&env, 1), int(&env, 2)]).unwrap();
        let tl2 = env
            .make_tagged_literal(tag.borrowed(), l.borrowed())
            .unwrap();
        assert!(
            tl.borrowed().equals(tl2.borrowed()).unwrap(),
            "[1 2] = (1 2)"
        );

        let form = env.make_list(&[clj.borrowed(), int(&env, 1)]).unwrap();
        let rc = env.make_reader_conditional(form.borrowed(), false).unwrap();
        // (hash (reader-conditional '(:clj 1) false)) on the JVM.
        assert_eq!(rc.borrowed().hash().unwrap(), 1_291_760_684);
        let spliced = env.make_reader_conditional(form.borrowed(), true).unwrap();
        assert!(!rc.borrowed().equals(spliced.borrowed()).unwrap());
        assert!(spliced.borrowed().reader_conditional_parts().unwrap().1);

        // Reachable from a root, all of them check clean.
        let all = env
            .make_vector(&[
                u.borrowed(),
                d.borrowed(),
                i.borrowed(),
                tl.borrowed(),
                rc.borrowed(),
            ])
            .unwrap();
        let p = env.participant().unwrap();
        let root = env.root(FIRST_USER_ROOT).unwrap();
        root.reset(&p, all).unwrap();
        let r = env.check().unwrap();
        assert!(r.is_healthy(), "{:?}", r.findings);
        root.reset(&p, Value::nil(&env)).unwrap();
    }
    let p = env.participant().unwrap();
    for _ in 0..3 {
        p.try_advance().unwrap();
    }
    p.collect().unwrap();
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.live_bytes, before, "everything is freed");
}

#[test]
fn a_damaged_instant_is_an_error_and_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let env = open(&dir);
    let d = env.make_inst(0, 0, InstClass::Date).unwrap();
    let off = d.word().as_object().unwrap();
    // SAFETY: the test made the object and published it nowhere.
    unsafe { evelisp_heap::testing::store_word(&env, off + 16, 7 << 32) }.unwrap();
    assert!(matches!(
        d.borrowed().view(),
        Err(HeapError::CorruptObject { .. })
    ));
    assert!(matches!(
        d.borrowed().hash(),
        Err(HeapError::CorruptObject { .. })
    ));
    let p = env.participant().unwrap();
    let root = env.root(FIRST_USER_ROOT).unwrap();
    root.reset(&p, d.clone()).unwrap();
    assert!(!env.check().unwrap().is_healthy());
    // Mend it so the env closes clean.
    // SAFETY: as above; the root holds it, but no other thread runs.
    unsafe { evelisp_heap::testing::store_word(&env, off + 16, 0) }.unwrap();
    root.reset(&p, Value::nil(&env)).unwrap();
}
