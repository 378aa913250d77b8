//! Persistent lists, vectors, maps and sets on a real env file, checked
//! against `imbl` as the oracle by proptest, including keys whose Clojure
//! hashes collide ("Aa" and "BB" have the same Java hashCode), and checks
//! that old versions stay intact (persistence) and equality/hash follow
//! Clojure.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::{Env, Ref, Value, View, Word};
use proptest::prelude::*;

/// The word a lookup found, if any (comparing words compares identity,
/// which for small integers is equality).
fn found(r: Option<Ref<'_>>) -> Option<Word> {
    r.map(Ref::word)
}

/// A model key and how to make its heap value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum K {
    Int(i64),
    Str(String),
    Kw(String),
}

fn colliding(i: usize) -> String {
    // 2^5 strings of 10 chars, all with the same Java hashCode.
    (0..5)
        .map(|b| if i >> b & 1 == 1 { "Aa" } else { "BB" })
        .collect()
}

fn key_strategy() -> impl Strategy<Value = K> {
    prop_oneof![
        (0i64..40).prop_map(K::Int),
        (0usize..32).prop_map(|i| K::Str(colliding(i))),
        (0usize..8).prop_map(|i| K::Kw(format!("k{i}"))),
    ]
}

fn key<'e>(env: &'e Env, k: &K) -> Value<'e> {
    match k {
        K::Int(i) => env.make_int(*i).unwrap(),
        K::Str(s) => env.make_string(s).unwrap(),
        K::Kw(s) => env.intern_keyword(None, s).unwrap(),
    }
}

#[derive(Debug, Clone)]
enum MapOp {
    Assoc(K, i64),
    Dissoc(K),
}

fn map_ops() -> impl Strategy<Value = Vec<MapOp>> {
    prop::collection::vec(
        prop_oneof![
            3 => (key_strategy(), 0i64..5).prop_map(|(k, v)| MapOp::Assoc(k, v)),
            1 => key_strategy().prop_map(MapOp::Dissoc),
        ],
        0..120,
    )
}

fn check_map(env: &Env, m: Ref<'_>, model: &imbl::HashMap<K, i64>) {
    assert_eq!(m.count().unwrap(), model.len() as u64);
    assert_eq!(m.map_count().unwrap(), Some(model.len() as u64));
    for (k, v) in model {
        assert_eq!(
            found(m.get(key(env, k).borrowed()).unwrap()),
            Some(fixnum(*v)),
            "{k:?}"
        );
    }
    let mut seen = 0;
    for e in m.entries().unwrap() {
        let (k, v) = e.unwrap();
        let key = match k.view().unwrap() {
            View::Int(i) => K::Int(i),
            View::Str(s) => K::Str(s.to_string()),
            View::Keyword { name, .. } => K::Kw(name.to_string()),
            other => panic!("{other:?}"),
        };
        assert_eq!(model.get(&key).map(|v| fixnum(*v)), Some(v.word()));
        seen += 1;
    }
    assert_eq!(seen, model.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn maps_and_sets_behave_like_imbl(ops in map_ops()) {
        let dir = tempfile::tempdir().unwrap();
        let env = env_sized(&dir, 1 << 32);
        let mut m = env.empty_map().unwrap();
        let mut s = env.empty_set().unwrap();
        let mut model = imbl::HashMap::new();
        let mut history = Vec::new();
        for op in &ops {
            match op {
                MapOp::Assoc(k, v) => {
                    m = env.assoc(m.borrowed(), key(&env, k).borrowed(), int(&env, *v)).unwrap();
                    s = env.conj(s.borrowed(), key(&env, k).borrowed()).unwrap();
                    model.insert(k.clone(), *v);
                }
                MapOp::Dissoc(k) => {
                    m = env.dissoc(m.borrowed(), key(&env, k).borrowed()).unwrap();
                    s = env.disj(s.borrowed(), key(&env, k).borrowed()).unwrap();
                    model.remove(k);
                }
            }
            prop_assert_eq!(m.borrowed().count().unwrap(), model.len() as u64);
            prop_assert_eq!(s.borrowed().count().unwrap(), model.len() as u64);
            history.push((m.clone(), model.clone()));
        }
        // Every version is still intact: persistence.
        for (old, old_model) in &history {
            check_map(&env, old.borrowed(), old_model);
        }
        for k in model.keys() {
            prop_assert!(s.borrowed().contains(key(&env, k).borrowed()).unwrap());
        }
        // The same contents built in another order are equal and hash alike.
        let mut m2 = env.empty_map().unwrap();
        let mut entries: Vec<_> = model.iter().collect();
        entries.reverse();
        for (k, v) in entries {
            m2 = env.assoc(m2.borrowed(), key(&env, k).borrowed(), int(&env, *v)).unwrap();
        }
        prop_assert!(m.borrowed().equals(m2.borrowed()).unwrap());
        prop_assert_eq!(m.borrowed().hash().unwrap(), m2.borrowed().hash().unwrap());
        prop_assert!(!m.borrowed().equals(s.borrowed()).unwrap(), "a map never equals a set");
    }

    #[test]
    fn vectors_behave_like_imbl(ops in prop::collection::vec((0u8..4, any::<u16>()), 0..200)) {
        let dir = tempfile::tempdir().unwrap();
        let env = env_sized(&dir, 1 << 32);
        let mut v = env.make_vector(&[]).unwrap();
        let mut model: imbl::Vector<i64> = imbl::Vector::new();
        let mut history = Vec::new();
        for (op, x) in ops {
            let x = i64::from(x);
            match op {
                0 => {
                    v = env.conj(v.borrowed(), int(&env, x)).unwrap();
                    model.push_back(x);
                }
                1 => {
                    // Bulk append to reach deeper tries.
                    for i in 0..(x % 300) {
                        v = env.conj(v.borrowed(), int(&env, i)).unwrap();
                        model.push_back(i);
                    }
                }
                2 if !model.is_empty() => {
                    let i = x as usize % model.len();
                    v = env.assoc(v.borrowed(), int(&env, i as i64), int(&env, -x)).unwrap();
                    model.set(i, -x);
                }
                _ if !model.is_empty() => {
                    v = env.pop(v.borrowed()).unwrap();
                    model.pop_back();
                }
                _ => prop_assert!(env.pop(v.borrowed()).is_err()),
            }
            prop_assert_eq!(v.borrowed().count().unwrap(), model.len() as u64);
            history.push((v.clone(), model.clone()));
        }
        for (old, old_model) in &history {
            let old = old.borrowed();
            let items: Vec<Word> = old.elements().unwrap().map(|r| r.unwrap().word()).collect();
            let expected: Vec<Word> = old_model.iter().map(|&x| fixnum(x)).collect();
            prop_assert_eq!(&items, &expected);
            if !old_model.is_empty() {
                let last = old_model.len() - 1;
                prop_assert_eq!(old.nth(last as u64).unwrap().word(), fixnum(old_model[last]));
            }
            prop_assert!(old.nth(old_model.len() as u64).is_err());
        }
    }
}

#[test]
fn map_count_reads_maps_only_through_their_wrappers() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let mut m = env.empty_map().unwrap();
    for i in 0..20 {
        m = env.assoc(m.borrowed(), int(&env, i), int(&env, i)).unwrap();
        assert_eq!(m.borrowed().map_count().unwrap(), Some(i as u64 + 1));
    }
    let meta = env
        .assoc(
            env.empty_map().unwrap().borrowed(),
            int(&env, 1),
            int(&env, 2),
        )
        .unwrap();
    let with = env.with_meta(m.borrowed(), meta.borrowed()).unwrap();
    assert_eq!(with.borrowed().map_count().unwrap(), Some(20));
    let v = env.make_vector(&[m.borrowed()]).unwrap();
    assert_eq!(v.borrowed().map_count().unwrap(), None);
    assert_eq!(int(&env, 5).map_count().unwrap(), None);
    assert_eq!(Value::nil(&env).borrowed().map_count().unwrap(), None);
}

#[test]
fn a_deep_vector_grows_and_shrinks() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let n = 40_000u64; // three trie levels (shift 15)
    let mut v = env.make_vector(&[]).unwrap();
    for i in 0..n {
        v = env.conj(v.borrowed(), int(&env, i as i64)).unwrap();
    }
    for i in (0..n)
        .step_by(997)
        .chain([n - 1, 1023, 1024, 1056, 32_767, 32_800])
    {
        assert_eq!(v.borrowed().nth(i).unwrap().word(), fixnum(i as i64));
    }
    let v2 = env
        .assoc(
            v.borrowed(),
            int(&env, 33_000),
            env.make_bool(true).borrowed(),
        )
        .unwrap();
    assert_eq!(v2.borrowed().nth(33_000).unwrap().word(), Word::TRUE);
    assert_eq!(
        v.borrowed().nth(33_000).unwrap().word(),
        fixnum(33_000),
        "the old version is unchanged"
    );
    let mut w = v.clone();
    for i in (0..n).rev() {
        assert_eq!(w.borrowed().nth(i).unwrap().word(), fixnum(i as i64));
        w = env.pop(w.borrowed()).unwrap();
    }
    assert_eq!(w.borrowed().count().unwrap(), 0);
    assert_eq!(v.borrowed().elements().unwrap().count() as u64, n);
}

#[test]
fn a_vector_slice_reads_what_nth_reads() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let n = 1_100u64; // two trie levels and a partial tail
    let mut v = env.make_vector(&[]).unwrap();
    for i in 0..n {
        v = env.conj(v.borrowed(), int(&env, i as i64)).unwrap();
    }
    for (start, end) in [
        (0, 32),
        (0, 0),
        (5, 40),
        (31, 33),
        (1_024, 1_100),
        (1_090, 2_000),
        (1_100, 1_200),
        (5_000, 6_000),
        (40, 10),
    ] {
        let got: Vec<Word> = v
            .borrowed()
            .vector_slice(start, end)
            .unwrap()
            .into_iter()
            .map(Ref::word)
            .collect();
        let want: Vec<Word> = (start..end.min(n)).map(|i| fixnum(i as i64)).collect();
        assert_eq!(got, want, "slice {start}..{end}");
    }
}

#[test]
fn conj_owned_appends_in_place_only_to_an_unshared_vector() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let live_before = env.check().unwrap().stats.live_objects;
    let s = env.make_string("x").unwrap();
    let mut v = env.make_vector(&[]).unwrap();
    let mut kept = Vec::new();
    for i in 0..1_100i64 {
        if i % 97 == 0 {
            // Another holder: from here on this version must not change.
            kept.push((i, v.clone()));
        }
        let x = if i % 2 == 0 {
            int(&env, i)
        } else {
            s.borrowed()
        };
        let before = v.word();
        v = env.conj_owned(v, x).unwrap();
        if i % 97 != 0 && i % 32 != 0 && i > 1 {
            assert_eq!(v.word(), before, "appended in place at {i}");
        }
    }
    assert_eq!(v.borrowed().count().unwrap(), 1_100);
    for i in 0..1_100u64 {
        let want = if i % 2 == 0 {
            fixnum(i as i64)
        } else {
            s.word()
        };
        assert_eq!(v.borrowed().nth(i).unwrap().word(), want);
    }
    for (n, old) in &kept {
        assert_eq!(
            old.borrowed().count().unwrap(),
            *n as u64,
            "a kept version is unchanged"
        );
    }
    drop(kept);
    drop(v);
    drop(s);
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
    assert_eq!(
        report.stats.live_objects, live_before,
        "every count given back: {:?}",
        report.stats
    );
}

#[test]
fn assoc_owned_changes_in_place_only_an_unshared_hash_map() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let live_before = env.check().unwrap().stats.live_objects;
    // "Aa" and "BB" collide (same Java hashCode): a collision node too.
    let strings: Vec<Value<'_>> = ["Aa", "BB", "x", "y"]
        .iter()
        .map(|s| env.make_string(s).unwrap())
        .collect();
    let mut m = env.empty_map().unwrap();
    let mut kept = Vec::new();
    let n = 3_000i64;
    for i in 0..n {
        if i % 211 == 0 {
            kept.push((i, m.clone()));
        }
        let before = m.word();
        m = env.assoc_owned(m, int(&env, i), int(&env, -i)).unwrap();
        if i > 20 && i % 211 != 0 {
            assert_eq!(m.word(), before, "changed in place at {i}");
        }
    }
    for s in &strings {
        m = env.assoc_owned(m, s.borrowed(), s.borrowed()).unwrap();
    }
    // Replacing values in place, and a value that is the same.
    for i in (0..n).step_by(7) {
        m = env
            .assoc_owned(m, int(&env, i), strings[2].borrowed())
            .unwrap();
    }
    m = env.assoc_owned(m, int(&env, 1), int(&env, -1)).unwrap();
    assert_eq!(m.borrowed().count().unwrap(), n as u64 + 4);
    for i in 0..n {
        let want = if i % 7 == 0 {
            strings[2].word()
        } else {
            fixnum(-i)
        };
        assert_eq!(
            found(m.borrowed().get(int(&env, i)).unwrap()),
            Some(want),
            "key {i}"
        );
    }
    for s in &strings {
        assert_eq!(
            found(m.borrowed().get(s.borrowed()).unwrap()),
            Some(s.word())
        );
    }
    for (count, old) in &kept {
        assert_eq!(
            old.borrowed().count().unwrap(),
            *count as u64,
            "a kept version is unchanged"
        );
        if *count > 0 {
            let last = count - 1;
            assert_eq!(
                found(old.borrowed().get(int(&env, last)).unwrap()),
                Some(fixnum(-last))
            );
            assert_eq!(found(old.borrowed().get(int(&env, *count)).unwrap()), None);
        }
    }
    drop(kept);
    drop(m);
    drop(strings);
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
    assert_eq!(
        report.stats.live_objects, live_before,
        "every count given back: {:?}",
        report.stats
    );
}

/// Path copies of a map deep enough for four trie levels, over object
/// keys and values: every version reads what it held, and once all are
/// dropped every count is given back (no leak, no early free: `check`
/// recounts every object).
#[test]
fn path_copies_of_a_deep_map_count_exactly_what_they_share() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let live_before = env.check().unwrap().stats.live_objects;
    let text = |i: i64| env.make_string(&format!("v{i}")).unwrap();
    let n = 40_000i64;
    // Built in place (a map only this test holds), keys small integers.
    let mut m = env.empty_map().unwrap();
    for i in 0..n {
        m = env.assoc_owned(m, int(&env, i), int(&env, i)).unwrap();
    }
    let mut versions = vec![(m.clone(), None)];
    for step in 0..600i64 {
        let k = (step * 7_919) % (n + 50);
        let next = match step % 4 {
            // A string value replacing a number, or a new string key.
            0 | 1 => env.assoc(m.borrowed(), int(&env, k), text(step).borrowed()),
            2 => env.assoc(m.borrowed(), text(k).borrowed(), int(&env, step)),
            _ => env.assoc(m.borrowed(), int(&env, k), int(&env, -step)),
        }
        .unwrap();
        m = next;
        if step % 50 == 0 {
            versions.push((m.clone(), Some(step)));
        }
    }
    // Colliding keys (a collision node) reached by path copying too.
    for i in 0..4 {
        m = env
            .assoc(
                m.borrowed(),
                env.make_string(&colliding(i)).unwrap().borrowed(),
                int(&env, i as i64),
            )
            .unwrap();
    }
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
    // The first version is untouched by every copy made after it.
    let first = &versions[0].0;
    assert_eq!(first.borrowed().count().unwrap(), n as u64);
    for i in (0..n).step_by(97) {
        assert_eq!(
            found(first.borrowed().get(int(&env, i)).unwrap()),
            Some(fixnum(i))
        );
    }
    for i in 0..4 {
        let k = env.make_string(&colliding(i)).unwrap();
        assert_eq!(
            found(m.borrowed().get(k.borrowed()).unwrap()),
            Some(fixnum(i as i64))
        );
    }
    drop(versions);
    drop(m);
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
    assert_eq!(
        report.stats.live_objects, live_before,
        "every count given back: {:?}",
        report.stats
    );
}

#[test]
fn lists_and_sequential_equality() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let (one, two, three) = (int(&env, 1), int(&env, 2), int(&env, 3));
    let empty_list = Ref::immediate(&env, Word::EMPTY_LIST).unwrap();
    let l = env.make_list(&[one, two, three]).unwrap();
    let l = l.borrowed();
    assert_eq!(l.view().unwrap(), View::List { count: 3 });
    assert_eq!(l.first().unwrap().word(), fixnum(1));
    assert_eq!(l.rest().unwrap().count().unwrap(), 2);
    let v = env.make_vector(&[one, two, three]).unwrap();
    let v = v.borrowed();
    assert!(l.equals(v).unwrap(), "(= '(1 2 3) [1 2 3])");
    assert_eq!(l.hash().unwrap(), v.hash().unwrap());
    assert!(
        empty_list
            .equals(env.make_vector(&[]).unwrap().borrowed())
            .unwrap(),
        "(= () [])"
    );
    assert_eq!(
        env.make_vector(&[]).unwrap().borrowed().hash().unwrap(),
        -2_017_569_654,
        "(hash [])"
    );
    assert!(
        !v.equals(env.make_vector(&[one, two]).unwrap().borrowed())
            .unwrap()
    );
    assert!(
        !env.empty_map()
            .unwrap()
            .borrowed()
            .equals(env.empty_set().unwrap().borrowed())
            .unwrap(),
        "(= {{}} #{{}}) is false"
    );
    assert!(
        !env.empty_map()
            .unwrap()
            .borrowed()
            .equals(env.make_vector(&[]).unwrap().borrowed())
            .unwrap()
    );
    assert_eq!(
        env.empty_set().unwrap().borrowed().hash().unwrap(),
        -15_128_758,
        "(hash #{{}})"
    );
    assert_eq!(empty_list.first().unwrap().word(), Word::NIL);
    // Nested values compare structurally: {[1 2] "x"} = {(1 2) "x"}.
    let x = env.make_string("x").unwrap();
    let m1 = env
        .assoc(
            env.empty_map().unwrap().borrowed(),
            env.make_vector(&[one, two]).unwrap().borrowed(),
            x.borrowed(),
        )
        .unwrap();
    let m2 = env
        .assoc(
            env.empty_map().unwrap().borrowed(),
            env.make_list(&[one, two]).unwrap().borrowed(),
            x.borrowed(),
        )
        .unwrap();
    assert!(m1.borrowed().equals(m2.borrowed()).unwrap());
    assert_eq!(m1.borrowed().hash().unwrap(), m2.borrowed().hash().unwrap());
}

#[test]
fn shared_structure_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let s = env.make_string("shared").unwrap();
    let s_off = s.word().as_object().unwrap();
    let refcount = |off: u64| env.header_of(off).unwrap().refcount;
    let v1 = env.make_vector(&[s.borrowed()]).unwrap();
    let v2 = env.conj(v1.borrowed(), int(&env, 1)).unwrap();
    let m = env
        .assoc(
            env.empty_map().unwrap().borrowed(),
            s.borrowed(),
            s.borrowed(),
        )
        .unwrap();
    // Owners of the string: this test, v1's tail, v2's tail, the map's key and value.
    assert_eq!(refcount(s_off), 5);
    // v2 and m have one owner each (this test): dropping it frees them,
    // and they give up their counts of the string.
    assert_eq!(refcount(v2.word().as_object().unwrap()), 1);
    assert_eq!(refcount(m.word().as_object().unwrap()), 1);
    drop(v2);
    assert_eq!(refcount(s_off), 4, "v2's tail released the string");
    drop(m);
    assert_eq!(refcount(s_off), 2, "the map released its key and value");
    drop(v1);
    assert_eq!(refcount(s_off), 1);
}

#[test]
fn fully_colliding_keys_live_in_collision_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let keys: Vec<Value> = (0..32)
        .map(|i| env.make_string(&colliding(i)).unwrap())
        .collect();
    let h = keys[0].borrowed().hash().unwrap();
    assert!(
        keys.iter().all(|k| k.borrowed().hash().unwrap() == h),
        "the keys must collide for this test to mean anything"
    );
    let mut m = env.empty_map().unwrap();
    for (i, k) in keys.iter().enumerate() {
        m = env
            .assoc(m.borrowed(), k.borrowed(), int(&env, i as i64))
            .unwrap();
    }
    assert_eq!(m.borrowed().count().unwrap(), 32);
    for (i, k) in keys.iter().enumerate() {
        // A fresh string with the same text finds it (equality, not identity).
        let probe = env.make_string(&colliding(i)).unwrap();
        assert_eq!(
            found(m.borrowed().get(probe.borrowed()).unwrap()),
            Some(fixnum(i as i64))
        );
        assert_eq!(
            found(m.borrowed().get(k.borrowed()).unwrap()),
            Some(fixnum(i as i64))
        );
    }
    assert_eq!(
        found(
            m.borrowed()
                .get(env.make_string("AaAaAaAaAb").unwrap().borrowed())
                .unwrap()
        ),
        None
    );
    for (i, k) in keys.iter().enumerate() {
        m = env.dissoc(m.borrowed(), k.borrowed()).unwrap();
        assert_eq!(m.borrowed().count().unwrap(), 31 - i as u64);
        assert_eq!(found(m.borrowed().get(k.borrowed()).unwrap()), None);
        if let Some(next) = keys.get(i + 1) {
            assert_eq!(
                found(m.borrowed().get(next.borrowed()).unwrap()),
                Some(fixnum(i as i64 + 1))
            );
        }
    }
    assert!(
        m.borrowed()
            .equals(env.empty_map().unwrap().borrowed())
            .unwrap()
    );
}

#[test]
fn bulk_built_vectors_have_the_shape_conj_gives() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let yes = env.make_bool(true);
    let mut by_conj = env.make_vector(&[]).unwrap();
    let mut n = 0;
    for target in [
        0u64, 1, 31, 32, 33, 64, 65, 1024, 1056, 1057, 1088, 2000, 33_824, 33_825, 40_000,
    ] {
        while n < target {
            by_conj = env.conj(by_conj.borrowed(), int(&env, n as i64)).unwrap();
            n += 1;
        }
        let items: Vec<Ref> = (0..target as i64).map(|i| int(&env, i)).collect();
        let bulk = env.make_vector(&items).unwrap();
        assert!(
            bulk.borrowed().equals(by_conj.borrowed()).unwrap(),
            "{target}"
        );
        let h = |v: &Value| {
            evelisp_heap::testing::load_word(&env, v.word().as_object().unwrap() + 16).unwrap()
        }; // shift
        assert_eq!(h(&bulk), h(&by_conj), "shift for {target}");
        // Growing and shrinking the bulk-built vector keeps working.
        let more = env.conj(bulk.borrowed(), yes.borrowed()).unwrap();
        assert_eq!(more.borrowed().nth(target).unwrap().word(), Word::TRUE);
        if target > 0 {
            let less = env.pop(bulk.borrowed()).unwrap();
            assert_eq!(less.borrowed().count().unwrap(), target - 1);
        }
    }
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
}

#[test]
fn small_maps_keep_insertion_order_and_grow_into_hash_maps() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let names = ["b", "a", "z", "c", "y", "d", "x", "e", "w"];
    let kw = |n: &str| env.intern_keyword(None, n).unwrap();
    let keys = |m: &Value| -> Vec<Word> {
        m.borrowed()
            .entries()
            .unwrap()
            .map(|e| e.unwrap().0.word())
            .collect()
    };
    let mut m = env.empty_map().unwrap();
    for (i, n) in names.iter().enumerate().take(8) {
        m = env
            .assoc(m.borrowed(), kw(n).borrowed(), int(&env, i as i64))
            .unwrap();
        let expected: Vec<Word> = names[..=i].iter().map(|n| kw(n).word()).collect();
        assert_eq!(
            keys(&m),
            expected,
            "insertion order after {} entries",
            i + 1
        );
    }
    // Replacing a value keeps the key's place; dissoc keeps the others' order.
    let m2 = env
        .assoc(
            m.borrowed(),
            kw("b").borrowed(),
            env.make_bool(true).borrowed(),
        )
        .unwrap();
    let (k0, v0) = m2.borrowed().entries().unwrap().next().unwrap().unwrap();
    assert_eq!((k0.word(), v0.word()), (kw("b").word(), Word::TRUE));
    let m3 = env.dissoc(m2.borrowed(), kw("a").borrowed()).unwrap();
    assert_eq!(
        keys(&m3),
        ["b", "z", "c", "y", "d", "x", "e"]
            .map(|n| kw(n).word())
            .to_vec()
    );
    // The ninth entry makes a hash map with every entry.
    let big = env
        .assoc(m.borrowed(), kw("w").borrowed(), int(&env, 8))
        .unwrap();
    assert_eq!(big.borrowed().count().unwrap(), 9);
    for (i, n) in names.iter().enumerate() {
        assert_eq!(
            found(big.borrowed().get(kw(n).borrowed()).unwrap()),
            Some(fixnum(i as i64))
        );
    }
    // Equality and hash do not depend on the representation.
    let mut h = env.empty_hash_map().unwrap();
    for (i, n) in names.iter().enumerate().take(8).rev() {
        h = env
            .assoc(h.borrowed(), kw(n).borrowed(), int(&env, i as i64))
            .unwrap();
    }
    assert!(m.borrowed().equals(h.borrowed()).unwrap());
    assert_eq!(m.borrowed().hash().unwrap(), h.borrowed().hash().unwrap());
    let p = env.participant().unwrap();
    let all = env
        .make_vector(&[
            m.borrowed(),
            m2.borrowed(),
            m3.borrowed(),
            big.borrowed(),
            h.borrowed(),
        ])
        .unwrap();
    env.root(evelisp_heap::FIRST_USER_ROOT)
        .unwrap()
        .reset(&p, all)
        .unwrap();
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
}
