//! Records in the heap: a record reads as its map, keeps its type through
//! assoc and conj, becomes a plain map when dissoc removes a field of its
//! basis, equals only records of its type, survives a check, and leaks
//! nothing.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::{Env, EnvOptions};

#[test]
fn a_record_reads_as_its_map_and_keeps_its_type() {
    let dir = tempfile::tempdir().unwrap();
    let env = Env::open_with(
        dir.path().join("r.eve"),
        &EnvOptions::new().map_size(1 << 30),
    )
    .unwrap();
    let p = env.participant().unwrap();
    let ty = env.intern_symbol(None, "user.Point").unwrap();
    let other = env.intern_symbol(None, "user.Other").unwrap();
    let (kx, ky, kz) = (
        env.intern_keyword(None, "x").unwrap(),
        env.intern_keyword(None, "y").unwrap(),
        env.intern_keyword(None, "z").unwrap(),
    );
    let basis = env.make_vector(&[kx.borrowed(), ky.borrowed()]).unwrap();
    let before = env.check().unwrap().stats.live_bytes;
    {
        let m0 = env.empty_map().unwrap();
        let m1 = env
            .assoc(m0.borrowed(), kx.borrowed(), int(&env, 1))
            .unwrap();
        let m = env
            .assoc(m1.borrowed(), ky.borrowed(), int(&env, 2))
            .unwrap();
        let r = env
            .make_record(ty.borrowed(), basis.borrowed(), m.borrowed())
            .unwrap();
        let r = r.borrowed();
        assert_eq!(r.count().unwrap(), 2);
        assert_eq!(r.get(kx.borrowed()).unwrap().unwrap().as_i64().unwrap(), 1);
        assert_eq!(r.record_type().unwrap().unwrap().word(), ty.word());
        assert!(
            !r.equals(m.borrowed()).unwrap(),
            "a record is not a plain map"
        );
        let again = env
            .make_record(ty.borrowed(), basis.borrowed(), m.borrowed())
            .unwrap();
        assert!(r.equals(again.borrowed()).unwrap());
        assert_eq!(r.hash().unwrap(), again.borrowed().hash().unwrap());
        let o = env
            .make_record(other.borrowed(), basis.borrowed(), m.borrowed())
            .unwrap();
        assert!(!r.equals(o.borrowed()).unwrap(), "another type");
        let more = env.assoc(r, kz.borrowed(), int(&env, 3)).unwrap();
        assert!(more.borrowed().record_type().unwrap().is_some());
        assert_eq!(more.borrowed().count().unwrap(), 3);
        let back = env.dissoc(more.borrowed(), kz.borrowed()).unwrap();
        assert!(
            back.borrowed().record_type().unwrap().is_some(),
            "an extra key went"
        );
        let plain = env.dissoc(r, kx.borrowed()).unwrap();
        assert!(
            plain.borrowed().record_type().unwrap().is_none(),
            "a field went"
        );
        assert_eq!(plain.borrowed().count().unwrap(), 1);
        let r = env.check().unwrap();
        assert!(r.is_healthy(), "{:?}", r.findings);
        assert!(
            env.make_record(int(&env, 1), basis.borrowed(), m.borrowed())
                .is_err()
        );
    }
    for _ in 0..3 {
        p.try_advance().unwrap();
    }
    p.collect().unwrap();
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(
        r.stats.live_bytes, before,
        "records and their maps are freed"
    );
}
