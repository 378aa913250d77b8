//! Java arrays in the heap: every element type stores and loads what it
//! was given (zero at first), bounds are refused, an array is an identity
//! value; an object array counts its elements, retires a displaced one
//! (held back by a pinned reader, freed after), `check` finds nothing
//! wrong and the sweep keeps what arrays hold (and frees what they no
//! longer hold), checkpoints keep element values, threads storing and
//! reading elements leave nothing torn or leaked, and a live check while
//! elements change finds nothing wrong.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::FIRST_USER_ROOT;
use evelisp_heap::{ArrayElem, ArrayType, Env, HeapError, Kind, Value, View};

fn nil(env: &Env) -> Value<'_> {
    Value::nil(env)
}

#[test]
fn primitive_elements_round_trip_from_zero() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let cases = [
        (
            ArrayType::Long,
            ArrayElem::Long(0),
            ArrayElem::Long(i64::MIN + 7),
        ),
        (
            ArrayType::Double,
            ArrayElem::Double(0.0),
            ArrayElem::Double(-1.5e300),
        ),
        (ArrayType::Int, ArrayElem::Int(0), ArrayElem::Int(i32::MIN)),
        (
            ArrayType::Float,
            ArrayElem::Float(0.0),
            ArrayElem::Float(0.1),
        ),
        (
            ArrayType::Short,
            ArrayElem::Short(0),
            ArrayElem::Short(-25536),
        ),
        (ArrayType::Byte, ArrayElem::Byte(0), ArrayElem::Byte(-56)),
        (
            ArrayType::Char,
            ArrayElem::Char('\0'),
            ArrayElem::Char('😀'),
        ),
        (
            ArrayType::Boolean,
            ArrayElem::Boolean(false),
            ArrayElem::Boolean(true),
        ),
    ];
    for (ty, zero, x) in cases {
        // Odd lengths: the last word is partly elements, partly padding.
        let a = env.make_array(ty, 13, nil(&env).borrowed()).unwrap();
        let r = a.borrowed();
        assert_eq!(r.array_type().unwrap(), (ty, 13));
        assert_eq!(r.kind().unwrap(), Some(Kind::Array));
        assert_eq!(r.count().unwrap(), 13);
        for i in 0..13 {
            assert_eq!(r.array_prim(i).unwrap(), zero, "{ty:?} starts at zero");
        }
        env.array_set_prim(r, 12, x).unwrap();
        env.array_set_prim(r, 0, x).unwrap();
        assert_eq!(r.array_prim(12).unwrap(), x);
        assert_eq!(r.array_prim(0).unwrap(), x);
        assert_eq!(r.array_prim(1).unwrap(), zero, "neighbours untouched");
        assert_eq!(r.array_prim(11).unwrap(), zero, "neighbours untouched");
        assert!(matches!(
            r.array_prim(13),
            Err(HeapError::IndexOutOfBounds {
                index: 13,
                count: 13
            })
        ));
        assert!(env.array_set_prim(r, 13, x).is_err());
        // A store of another type is refused, not converted.
        let wrong = if ty == ArrayType::Long {
            ArrayElem::Int(1)
        } else {
            ArrayElem::Long(1)
        };
        assert!(env.array_set_prim(r, 0, wrong).is_err());
        // A copy has the elements and is its own array.
        let p = env.participant().unwrap();
        let c = env.array_clone(&p, r).unwrap();
        assert_eq!(c.borrowed().array_prim(12).unwrap(), x);
        env.array_set_prim(c.borrowed(), 12, zero).unwrap();
        assert_eq!(r.array_prim(12).unwrap(), x, "the original is unchanged");
    }
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
}

#[test]
fn arrays_are_identity_values() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let a = env
        .make_array(ArrayType::Int, 2, nil(&env).borrowed())
        .unwrap();
    let b = env
        .make_array(ArrayType::Int, 2, nil(&env).borrowed())
        .unwrap();
    let v = env.make_vector(&[int(&env, 0), int(&env, 0)]).unwrap();
    assert!(a.borrowed().equals(a.borrowed()).unwrap());
    assert!(
        !a.borrowed().equals(b.borrowed()).unwrap(),
        "same contents, two arrays"
    );
    assert!(!a.borrowed().equals(v.borrowed()).unwrap());
    assert!(!v.borrowed().equals(a.borrowed()).unwrap());
    let h = a.borrowed().hash().unwrap();
    env.array_set_prim(a.borrowed(), 0, ArrayElem::Int(5))
        .unwrap();
    assert_eq!(
        a.borrowed().hash().unwrap(),
        h,
        "the hash is the identity's"
    );
    assert!(matches!(a.borrowed().view().unwrap(), View::Array(_)));
    // No metadata on an array (Clojure's arrays are not IObj).
    let m = env.empty_map().unwrap();
    assert!(env.with_meta(a.borrowed(), m.borrowed()).is_err());
    // The component is an interned symbol of an object array only.
    let s = env.intern_symbol(None, "java.lang.String").unwrap();
    assert!(env.make_array(ArrayType::Int, 1, s.borrowed()).is_err());
    let strs = env.make_array(ArrayType::Object, 1, s.borrowed()).unwrap();
    assert_eq!(strs.borrowed().array_component().unwrap().word(), s.word());
    let str_value = env.make_string("x").unwrap();
    assert!(
        env.make_array(ArrayType::Object, 1, str_value.borrowed())
            .is_err()
    );
}

#[test]
fn an_object_array_counts_its_elements_and_retires_the_displaced() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let writer = env.participant().unwrap();
    let reader = env.participant().unwrap();
    let a = env
        .make_array(ArrayType::Object, 3, nil(&env).borrowed())
        .unwrap();
    let arr = a.borrowed();
    assert!(arr.array_get(&writer, 0).unwrap().borrowed().is_nil());
    let s = env.make_string("first").unwrap();
    let off = s.word().as_object().unwrap();
    env.array_set(&writer, arr, 0, s).unwrap();
    assert_eq!(env.header_of(off).unwrap().refcount, 1, "the array's count");
    let got = arr.array_get(&reader, 0).unwrap();
    assert_eq!(got.borrowed().as_str().unwrap(), "first");
    assert_eq!(env.header_of(off).unwrap().refcount, 2);
    drop(got);
    assert!(
        arr.array_prim(0).is_err(),
        "no primitive read of an object array"
    );
    assert!(matches!(
        arr.array_get(&reader, 3),
        Err(HeapError::IndexOutOfBounds { index: 3, count: 3 })
    ));

    // A reader pinned before the store holds the displaced string back.
    let guard = reader.pin();
    env.array_set(&writer, arr, 0, env.make_string("second").unwrap())
        .unwrap();
    assert!(writer.try_advance().unwrap());
    assert!(!writer.try_advance().unwrap(), "the reader lags");
    assert_eq!(writer.collect().unwrap(), 0);
    assert_eq!(
        env.header_of(off).unwrap().kind,
        Kind::String,
        "displaced, retired, not freed under the pin"
    );
    drop(guard);
    assert!(writer.try_advance().unwrap());
    assert_eq!(writer.collect().unwrap(), 1);
    assert!(env.header_of(off).is_err(), "freed once the pin is gone");
    let got = arr.array_get(&writer, 0).unwrap();
    assert_eq!(got.borrowed().as_str().unwrap(), "second");

    // Elements of every kind, the array in itself, a clone sharing them.
    let v = env.make_vector(&[int(&env, 1), int(&env, 2)]).unwrap();
    env.array_set(&writer, arr, 1, v.clone()).unwrap();
    env.array_set(&writer, arr, 2, a.clone()).unwrap();
    let c = env.array_clone(&writer, arr).unwrap();
    let in_clone = c.borrowed().array_get(&writer, 1).unwrap();
    assert_eq!(in_clone.word(), v.word(), "elements are shared, not copied");
    settle(&env, &writer);
    // Break the self-reference so the arrays can go by counting.
    env.array_set(&writer, arr, 2, nil(&env)).unwrap();
    env.array_set(&writer, c.borrowed(), 2, nil(&env)).unwrap();
    drop((in_clone, got, c, a));
    let vec_off = v.word().as_object().unwrap();
    assert_eq!(
        env.header_of(vec_off).unwrap().refcount,
        2,
        "ours, and the first array's: the counts its own cells and the \
         clone's held on it are retired, so it lives until they are let go"
    );
    settle(&env, &writer);
    assert_eq!(
        env.header_of(vec_off).unwrap().refcount,
        1,
        "only ours is left"
    );
}

#[test]
fn check_and_sweep_know_arrays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(ENV_FILE);
    let (str_off, gone_off);
    {
        let env = Env::open_with(&path, &opts()).unwrap();
        let p = env.participant().unwrap();
        let a = env
            .make_array(ArrayType::Object, 4, nil(&env).borrowed())
            .unwrap();
        let s = env.make_string("kept").unwrap();
        str_off = s.word().as_object().unwrap();
        env.array_set(&p, a.borrowed(), 1, s).unwrap();
        let longs = env
            .make_array(ArrayType::Long, 3, nil(&env).borrowed())
            .unwrap();
        env.array_set_prim(longs.borrowed(), 2, ArrayElem::Long(-9))
            .unwrap();
        env.array_set(&p, a.borrowed(), 3, longs).unwrap();
        // Garbage the sweep must free: an array holding itself (a cycle
        // counting never frees), reachable from nothing.
        let lost = env
            .make_array(ArrayType::Object, 1, nil(&env).borrowed())
            .unwrap();
        gone_off = lost.word().as_object().unwrap();
        env.array_set(&p, lost.borrowed(), 0, lost.clone()).unwrap();
        drop(lost);
        env.root(FIRST_USER_ROOT).unwrap().reset(&p, a).unwrap();
        let r = env.check().unwrap();
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        assert!(
            r.stats.unreachable_bytes > 0,
            "the lost cycle is unreachable"
        );
    }
    let mut env = Env::open_with(&path, &opts()).unwrap();
    let report = env.sweep().unwrap();
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert!(env.header_of(gone_off).is_err(), "the lost array is freed");
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    let p = env.participant().unwrap();
    let a = env.root(FIRST_USER_ROOT).unwrap().get(&p).unwrap();
    let s = a.borrowed().array_get(&p, 1).unwrap();
    assert_eq!(s.word().as_object(), Some(str_off));
    assert_eq!(s.borrowed().as_str().unwrap(), "kept");
    let longs = a.borrowed().array_get(&p, 3).unwrap();
    assert_eq!(longs.borrowed().array_prim(2).unwrap(), ArrayElem::Long(-9));
}

#[test]
fn check_reports_a_damaged_array() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(ENV_FILE);
    let off;
    {
        let env = Env::open_with(&path, &opts()).unwrap();
        let p = env.participant().unwrap();
        let a = env
            .make_array(ArrayType::Boolean, 4, nil(&env).borrowed())
            .unwrap();
        off = a.word().as_object().unwrap();
        env.root(FIRST_USER_ROOT).unwrap().reset(&p, a).unwrap();
    }
    // A boolean that is neither 0 nor 1.
    put(&path, off + 24 + 2, &[7]);
    let env = Env::open_with(&path, &opts()).unwrap();
    let r = env.check().unwrap();
    assert!(
        r.findings
            .iter()
            .any(|f| f.problem.contains("array element 2")),
        "{:?}",
        r.findings
    );
    drop(env);
    // A length past the block.
    let head = get(&path, off + 8);
    put(&path, off + 8, &(head | 1 << 40).to_ne_bytes());
    let env = Env::open_with(&path, &opts()).unwrap();
    let r = env.check().unwrap();
    assert!(
        r.findings
            .iter()
            .any(|f| f.problem.contains("larger than its block")),
        "{:?}",
        r.findings
    );
}

#[test]
fn a_checkpoint_keeps_array_elements() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let objs = env
        .make_array(ArrayType::Object, 2, nil(&env).borrowed())
        .unwrap();
    let s = env.make_string("in the snapshot").unwrap();
    env.array_set(&p, objs.borrowed(), 0, s).unwrap();
    let v = env.make_vector(&[objs.borrowed()]).unwrap();
    env.root(FIRST_USER_ROOT).unwrap().reset(&p, v).unwrap();
    drop(objs);
    env.checkpoint(&p).unwrap();
    // The string is held by the snapshot too: replacing it in the array
    // does not free it.
    let g = p.pin();
    let v = env.root(FIRST_USER_ROOT).unwrap().load(&g).unwrap();
    let arr = v.nth(0).unwrap();
    let s_word = arr.array_get(&p, 0).unwrap().word();
    drop(g);
    let arr = env.root(FIRST_USER_ROOT).unwrap().get(&p).unwrap();
    let arr = arr.borrowed().nth(0).unwrap();
    env.array_set(&p, arr, 0, nil(&env)).unwrap();
    settle(&env, &p);
    let off = s_word.as_object().unwrap();
    assert_eq!(env.header_of(off).unwrap().kind, Kind::String);
}

#[test]
fn threads_storing_and_reading_object_elements_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let p = env.participant().unwrap();
    let a = env
        .make_array(ArrayType::Object, 4, nil(&env).borrowed())
        .unwrap();
    let longs = env
        .make_array(ArrayType::Long, 4, nil(&env).borrowed())
        .unwrap();
    let (whole_a, whole_b) = (0x0123_4567_89ab_cdef_i64, !0x0123_4567_89ab_cdef_i64);
    for j in 0..4 {
        env.array_set_prim(longs.borrowed(), j, ArrayElem::Long(whole_a))
            .unwrap();
    }
    std::thread::scope(|s| {
        // Writers replace strings and flip 64-bit patterns; readers take
        // counts of what they find and read it after the store moved on.
        for t in 0..2 {
            let (a, longs, env) = (&a, &longs, &env);
            s.spawn(move || {
                let p = env.participant().unwrap();
                for n in 0..5_000u64 {
                    let text = format!("w{t}-{n}-{}", "x".repeat((n % 50) as usize));
                    let v = env.make_string(&text).unwrap();
                    env.array_set(&p, a.borrowed(), n % 4, v).unwrap();
                    let x = if n % 2 == 0 { whole_b } else { whole_a };
                    env.array_set_prim(longs.borrowed(), n % 4, ArrayElem::Long(x))
                        .unwrap();
                }
            });
        }
        for _ in 0..2 {
            let (a, longs, env) = (&a, &longs, &env);
            s.spawn(move || {
                let p = env.participant().unwrap();
                for n in 0..5_000u64 {
                    let got = a.borrowed().array_get(&p, n % 4).unwrap();
                    if !got.borrowed().is_nil() {
                        assert!(got.borrowed().as_str().unwrap().starts_with('w'));
                    }
                    match longs.borrowed().array_prim(n % 4).unwrap() {
                        ArrayElem::Long(x) => assert!(x == whole_a || x == whole_b, "torn: {x:#x}"),
                        other => panic!("{other:?}"),
                    }
                }
            });
        }
    });
    env.root(FIRST_USER_ROOT).unwrap().reset(&p, a).unwrap();
    drop(longs);
    let stats = settle(&env, &p);
    assert_eq!(
        stats.unreachable_bytes, 0,
        "every displaced string was freed"
    );
    // Emptied, the array holds nothing: the four last strings go too.
    let root = env.root(FIRST_USER_ROOT).unwrap();
    let arr = root.get(&p).unwrap();
    for j in 0..4 {
        env.array_set(&p, arr.borrowed(), j, nil(&env)).unwrap();
    }
    drop(arr);
    root.reset(&p, nil(&env)).unwrap();
    let stats = settle(&env, &p);
    assert_eq!(stats.live_objects, 0, "{:?}", stats.kinds);
}

#[test]
fn a_live_check_while_elements_change_gives_no_false_finding() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(ENV_FILE);
    let owner = Env::open_with(&path, &opts()).unwrap();
    {
        let p = owner.participant().unwrap();
        let a = owner
            .make_array(ArrayType::Object, 4096, nil(&owner).borrowed())
            .unwrap();
        owner.root(FIRST_USER_ROOT).unwrap().reset(&p, a).unwrap();
    }
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        // Writers: every element replaced again and again by a new vector
        // (whose nodes the displaced one's retirement frees later).
        for t in 0..2u64 {
            let (owner, stop) = (&owner, &stop);
            s.spawn(move || {
                let p = owner.participant().unwrap();
                let arr = owner.root(FIRST_USER_ROOT).unwrap().get(&p).unwrap();
                let mut n = t;
                while !stop.load(Ordering::Relaxed) {
                    n += 2;
                    let s = owner.make_string(&format!("element {n}")).unwrap();
                    let v = owner.make_vector(&[s.borrowed()]).unwrap();
                    owner.array_set(&p, arr.borrowed(), n % 4096, v).unwrap();
                }
            });
        }
        // The checks' reports are judged after the writers stop (a failed
        // assertion here would leave them running).
        let ro = Env::open_read_only(&path).unwrap();
        let reports: Vec<_> = (0..20).map(|_| ro.check()).collect();
        stop.store(true, Ordering::Relaxed);
        let mut live = 0;
        for report in reports {
            let report = report.unwrap();
            assert!(report.is_healthy(), "{:?}", report.findings);
            if !report.skipped.is_empty() {
                live += 1;
            }
        }
        assert!(live > 0, "no check saw the file change");
    });
    let report = owner.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
}
