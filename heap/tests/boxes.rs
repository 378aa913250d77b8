//! Volatiles, reduced values and BigIntegers in the heap: a volatile's
//! value is changed by plain stores (the displaced value retired, never
//! leaked), `atom_root` refuses a volatile, a reduced value gives back
//! what it wraps; both are identity objects; a BigInteger is the same
//! number as the bigint of its value. Reachable, they check clean, and
//! everything is freed once dropped.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_heap::{Env, EnvOptions, FIRST_USER_ROOT, Kind, Value, View};

fn open(dir: &tempfile::TempDir) -> Env {
    Env::open_with(
        dir.path().join("h.eve"),
        &EnvOptions::new().map_size(1 << 30),
    )
    .unwrap()
}

#[test]
fn boxes_hold_their_values_and_free_everything() {
    let dir = tempfile::tempdir().unwrap();
    let env = open(&dir);
    let before = env.check().unwrap().stats.live_bytes;
    {
        let p = env.participant().unwrap();
        let s = env.make_string("inside").unwrap();
        let v = env.make_volatile(s.clone()).unwrap();
        assert_eq!(v.borrowed().kind().unwrap(), Some(Kind::Volatile));
        assert!(v.borrowed().is_volatile().unwrap());
        assert!(env.atom_root(v.borrowed()).is_err(), "not an atom");
        let cell = env.volatile_root(v.borrowed()).unwrap();
        assert!(
            cell.get(&p)
                .unwrap()
                .borrowed()
                .equals(s.borrowed())
                .unwrap()
        );
        for i in 0..100 {
            let vec = env
                .make_vector(&[env.make_int(i).unwrap().borrowed()])
                .unwrap();
            cell.reset(&p, vec).unwrap();
        }
        assert_eq!(
            cell.get(&p)
                .unwrap()
                .borrowed()
                .nth(0)
                .unwrap()
                .as_i64()
                .unwrap(),
            99
        );

        let r = env.make_reduced(s.borrowed()).unwrap();
        assert!(matches!(r.borrowed().view().unwrap(), View::Reduced(_)));
        let inner = r.borrowed().reduced_inner().unwrap().unwrap();
        assert!(inner.equals(s.borrowed()).unwrap());
        assert!(s.borrowed().reduced_inner().unwrap().is_none());
        let r2 = env.make_reduced(s.borrowed()).unwrap();
        assert!(!r.borrowed().equals(r2.borrowed()).unwrap(), "identity");
        assert!(r.borrowed().equals(r.borrowed()).unwrap());

        let big = env.make_biginteger(false, &[5]).unwrap();
        let plain = env.make_bigint(false, &[5]).unwrap();
        let five = env.make_int(5).unwrap();
        assert!(big.borrowed().is_biginteger().unwrap());
        assert!(!plain.borrowed().is_biginteger().unwrap());
        assert!(big.borrowed().equals(plain.borrowed()).unwrap());
        assert!(big.borrowed().equals(five.borrowed()).unwrap());
        assert_eq!(
            big.borrowed().hash().unwrap(),
            five.borrowed().hash().unwrap()
        );

        let all = env
            .make_vector(&[v.borrowed(), r.borrowed(), big.borrowed()])
            .unwrap();
        let root = env.root(FIRST_USER_ROOT).unwrap();
        root.reset(&p, all).unwrap();
        let report = env.check().unwrap();
        assert!(report.is_healthy(), "{:?}", report.findings);
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
