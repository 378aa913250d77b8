//! Persistent lists, vectors, maps and sets on a real env file, checked
//! against `imbl` as the oracle by proptest, including keys whose Clojure
//! hashes collide ("Aa" and "BB" have the same Java hashCode), and checks
//! that old versions stay intact (persistence) and equality/hash follow
//! Clojure.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_heap::{Env, EnvOptions, View, Word};
use proptest::prelude::*;

fn env(dir: &tempfile::TempDir) -> Env {
    Env::open_with(
        dir.path().join("c.eve"),
        &EnvOptions::new().map_size(1 << 32),
    )
    .unwrap()
}

fn int(i: i64) -> Word {
    Word::fixnum(i).unwrap()
}

/// A model key and how to make its heap word.
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

fn word(env: &Env, k: &K) -> Word {
    match k {
        K::Int(i) => int(*i),
        K::Str(s) => env.new_string(s).unwrap(),
        K::Kw(s) => env.keyword(None, s).unwrap(),
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

fn check_map(env: &Env, m: Word, model: &imbl::HashMap<K, i64>) {
    assert_eq!(env.map_count(m).unwrap(), model.len() as u64);
    for (k, v) in model {
        assert_eq!(
            env.map_get(m, word(env, k)).unwrap(),
            Some(int(*v)),
            "{k:?}"
        );
    }
    let mut seen = 0;
    for e in env.map_iter(m).unwrap() {
        let (k, v) = e.unwrap();
        let key = match env.view(k).unwrap() {
            View::Int(i) => K::Int(i),
            View::Str(s) => K::Str(s.to_string()),
            View::Keyword { name, .. } => K::Kw(name.to_string()),
            other => panic!("{other:?}"),
        };
        assert_eq!(model.get(&key).map(|v| int(*v)), Some(v));
        seen += 1;
    }
    assert_eq!(seen, model.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn maps_and_sets_behave_like_imbl(ops in map_ops()) {
        let dir = tempfile::tempdir().unwrap();
        let env = env(&dir);
        let mut m = env.map_empty().unwrap();
        let mut s = env.set_empty().unwrap();
        let mut model = imbl::HashMap::new();
        let mut history = Vec::new();
        for op in &ops {
            match op {
                MapOp::Assoc(k, v) => {
                    m = env.map_assoc(m, word(&env, k), int(*v)).unwrap();
                    s = env.set_conj(s, word(&env, k)).unwrap();
                    model.insert(k.clone(), *v);
                }
                MapOp::Dissoc(k) => {
                    m = env.map_dissoc(m, word(&env, k)).unwrap();
                    s = env.set_disj(s, word(&env, k)).unwrap();
                    model.remove(k);
                }
            }
            prop_assert_eq!(env.map_count(m).unwrap(), model.len() as u64);
            prop_assert_eq!(env.set_count(s).unwrap(), model.len() as u64);
            history.push((m, model.clone()));
        }
        // Every version is still intact: persistence.
        for (old, old_model) in &history {
            check_map(&env, *old, old_model);
        }
        for k in model.keys() {
            prop_assert!(env.set_contains(s, word(&env, k)).unwrap());
        }
        // The same contents built in another order are equal and hash alike.
        let mut m2 = env.map_empty().unwrap();
        let mut entries: Vec<_> = model.iter().collect();
        entries.reverse();
        for (k, v) in entries {
            m2 = env.map_assoc(m2, word(&env, k), int(*v)).unwrap();
        }
        prop_assert!(env.equals(m, m2).unwrap());
        prop_assert_eq!(env.hash(m).unwrap(), env.hash(m2).unwrap());
        prop_assert!(!env.equals(m, s).unwrap(), "a map never equals a set");
    }

    #[test]
    fn vectors_behave_like_imbl(ops in prop::collection::vec((0u8..4, any::<u16>()), 0..200)) {
        let dir = tempfile::tempdir().unwrap();
        let env = env(&dir);
        let mut v = env.vector_empty().unwrap();
        let mut model: imbl::Vector<i64> = imbl::Vector::new();
        let mut history = Vec::new();
        for (op, x) in ops {
            let x = i64::from(x);
            match op {
                0 => {
                    v = env.vector_conj(v, int(x)).unwrap();
                    model.push_back(x);
                }
                1 => {
                    // Bulk append to reach deeper tries.
                    for i in 0..(x % 300) {
                        v = env.vector_conj(v, int(i)).unwrap();
                        model.push_back(i);
                    }
                }
                2 if !model.is_empty() => {
                    let i = x as usize % model.len();
                    v = env.vector_assoc(v, i as u64, int(-x)).unwrap();
                    model.set(i, -x);
                }
                _ if !model.is_empty() => {
                    v = env.vector_pop(v).unwrap();
                    model.pop_back();
                }
                _ => prop_assert!(env.vector_pop(v).is_err()),
            }
            prop_assert_eq!(env.vector_count(v).unwrap(), model.len() as u64);
            history.push((v, model.clone()));
        }
        for (old, old_model) in &history {
            let items: Vec<Word> = env.vector_iter(*old).unwrap().map(|r| r.unwrap()).collect();
            let expected: Vec<Word> = old_model.iter().map(|&x| int(x)).collect();
            prop_assert_eq!(&items, &expected);
            if !old_model.is_empty() {
                let last = old_model.len() - 1;
                prop_assert_eq!(env.vector_nth(*old, last as u64).unwrap(), int(old_model[last]));
            }
            prop_assert!(env.vector_nth(*old, old_model.len() as u64).is_err());
        }
    }
}

#[test]
fn a_deep_vector_grows_and_shrinks() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let n = 40_000u64; // three trie levels (shift 15)
    let mut v = env.vector_empty().unwrap();
    for i in 0..n {
        v = env.vector_conj(v, int(i as i64)).unwrap();
    }
    for i in (0..n)
        .step_by(997)
        .chain([n - 1, 1023, 1024, 1056, 32_767, 32_800])
    {
        assert_eq!(env.vector_nth(v, i).unwrap(), int(i as i64));
    }
    let v2 = env.vector_assoc(v, 33_000, Word::TRUE).unwrap();
    assert_eq!(env.vector_nth(v2, 33_000).unwrap(), Word::TRUE);
    assert_eq!(
        env.vector_nth(v, 33_000).unwrap(),
        int(33_000),
        "the old version is unchanged"
    );
    let mut w = v;
    for i in (0..n).rev() {
        assert_eq!(env.vector_nth(w, i).unwrap(), int(i as i64));
        w = env.vector_pop(w).unwrap();
    }
    assert_eq!(env.vector_count(w).unwrap(), 0);
    assert_eq!(env.vector_iter(v).unwrap().count() as u64, n);
}

#[test]
fn lists_and_sequential_equality() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let l = env.list_from(&[int(1), int(2), int(3)]).unwrap();
    assert_eq!(env.view(l).unwrap(), View::List { count: 3 });
    assert_eq!(env.list_first(l).unwrap(), int(1));
    assert_eq!(env.list_count(env.list_rest(l).unwrap()).unwrap(), 2);
    let v = env.vector_from(&[int(1), int(2), int(3)]).unwrap();
    assert!(env.equals(l, v).unwrap(), "(= '(1 2 3) [1 2 3])");
    assert_eq!(env.hash(l).unwrap(), env.hash(v).unwrap());
    assert!(
        env.equals(Word::EMPTY_LIST, env.vector_empty().unwrap())
            .unwrap(),
        "(= () [])"
    );
    assert_eq!(
        env.hash(env.vector_empty().unwrap()).unwrap(),
        -2_017_569_654,
        "(hash [])"
    );
    assert!(
        !env.equals(v, env.vector_from(&[int(1), int(2)]).unwrap())
            .unwrap()
    );
    assert!(
        !env.equals(env.map_empty().unwrap(), env.set_empty().unwrap())
            .unwrap(),
        "(= {{}} #{{}}) is false"
    );
    assert!(
        !env.equals(env.map_empty().unwrap(), env.vector_empty().unwrap())
            .unwrap()
    );
    assert_eq!(
        env.hash(env.set_empty().unwrap()).unwrap(),
        -15_128_758,
        "(hash #{{}})"
    );
    assert_eq!(env.list_first(Word::EMPTY_LIST).unwrap(), Word::NIL);
    // Nested values compare structurally: {[1 2] "x"} = {(1 2) "x"}.
    let x = env.new_string("x").unwrap();
    let m1 = env
        .map_assoc(
            env.map_empty().unwrap(),
            env.vector_from(&[int(1), int(2)]).unwrap(),
            x,
        )
        .unwrap();
    let m2 = env
        .map_assoc(
            env.map_empty().unwrap(),
            env.list_from(&[int(1), int(2)]).unwrap(),
            x,
        )
        .unwrap();
    assert!(env.equals(m1, m2).unwrap());
    assert_eq!(env.hash(m1).unwrap(), env.hash(m2).unwrap());
}

#[test]
fn shared_structure_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let s = env.new_string("shared").unwrap();
    let s_off = s.as_object().unwrap();
    let v1 = env.vector_from(&[s]).unwrap();
    let v2 = env.vector_conj(v1, int(1)).unwrap();
    let m = env.map_assoc(env.map_empty().unwrap(), s, s).unwrap();
    // Owners of the string: this test, v1's tail, v2's tail, the map's key and value.
    assert_eq!(env.header_of(s_off).unwrap().refcount, 5);
    assert_eq!(env.release(v2).unwrap(), Some(0));
    assert_eq!(env.release(m).unwrap(), Some(0));
}

#[test]
fn fully_colliding_keys_live_in_collision_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let keys: Vec<Word> = (0..32)
        .map(|i| env.new_string(&colliding(i)).unwrap())
        .collect();
    let h = env.hash(keys[0]).unwrap();
    assert!(
        keys.iter().all(|&k| env.hash(k).unwrap() == h),
        "the keys must collide for this test to mean anything"
    );
    let mut m = env.map_empty().unwrap();
    for (i, &k) in keys.iter().enumerate() {
        m = env.map_assoc(m, k, int(i as i64)).unwrap();
    }
    assert_eq!(env.map_count(m).unwrap(), 32);
    for (i, &k) in keys.iter().enumerate() {
        // A fresh string with the same text finds it (equality, not identity).
        let probe = env.new_string(&colliding(i)).unwrap();
        assert_eq!(env.map_get(m, probe).unwrap(), Some(int(i as i64)));
        assert_eq!(env.map_get(m, k).unwrap(), Some(int(i as i64)));
    }
    assert_eq!(
        env.map_get(m, env.new_string("AaAaAaAaAb").unwrap())
            .unwrap(),
        None
    );
    for (i, &k) in keys.iter().enumerate() {
        m = env.map_dissoc(m, k).unwrap();
        assert_eq!(env.map_count(m).unwrap(), 31 - i as u64);
        assert_eq!(env.map_get(m, k).unwrap(), None);
        if let Some(&next) = keys.get(i + 1) {
            assert_eq!(env.map_get(m, next).unwrap(), Some(int(i as i64 + 1)));
        }
    }
    assert!(env.equals(m, env.map_empty().unwrap()).unwrap());
}

#[test]
fn bulk_built_vectors_have_the_shape_conj_gives() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let mut by_conj = env.vector_empty().unwrap();
    let mut n = 0;
    for target in [
        0u64, 1, 31, 32, 33, 64, 65, 1024, 1056, 1057, 1088, 2000, 33_824, 33_825, 40_000,
    ] {
        while n < target {
            by_conj = env.vector_conj(by_conj, int(n as i64)).unwrap();
            n += 1;
        }
        let items: Vec<Word> = (0..target as i64).map(int).collect();
        let bulk = env.vector_from(&items).unwrap();
        assert!(env.equals(bulk, by_conj).unwrap(), "{target}");
        let h = |v: Word| env.raw_load_word(v.as_object().unwrap() + 16).unwrap(); // shift
        assert_eq!(h(bulk), h(by_conj), "shift for {target}");
        // Growing and shrinking the bulk-built vector keeps working.
        let more = env.vector_conj(bulk, Word::TRUE).unwrap();
        assert_eq!(env.vector_nth(more, target).unwrap(), Word::TRUE);
        if target > 0 {
            let less = env.vector_pop(bulk).unwrap();
            assert_eq!(env.vector_count(less).unwrap(), target - 1);
        }
    }
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
}

#[test]
fn small_maps_keep_insertion_order_and_grow_into_hash_maps() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let names = ["b", "a", "z", "c", "y", "d", "x", "e", "w"];
    let kw = |n: &str| env.keyword(None, n).unwrap();
    let mut m = env.map_empty().unwrap();
    for (i, n) in names.iter().enumerate().take(8) {
        m = env.map_assoc(m, kw(n), int(i as i64)).unwrap();
        let order: Vec<Word> = env.map_iter(m).unwrap().map(|e| e.unwrap().0).collect();
        let expected: Vec<Word> = names[..=i].iter().map(|n| kw(n)).collect();
        assert_eq!(order, expected, "insertion order after {} entries", i + 1);
    }
    // Replacing a value keeps the key's place; dissoc keeps the others' order.
    let m2 = env.map_assoc(m, kw("b"), Word::TRUE).unwrap();
    assert_eq!(
        env.map_iter(m2).unwrap().next().unwrap().unwrap(),
        (kw("b"), Word::TRUE)
    );
    let m3 = env.map_dissoc(m2, kw("a")).unwrap();
    let order: Vec<Word> = env.map_iter(m3).unwrap().map(|e| e.unwrap().0).collect();
    assert_eq!(order, ["b", "z", "c", "y", "d", "x", "e"].map(kw).to_vec());
    // The ninth entry makes a hash map with every entry.
    let big = env.map_assoc(m, kw("w"), int(8)).unwrap();
    assert_eq!(env.map_count(big).unwrap(), 9);
    for (i, n) in names.iter().enumerate() {
        assert_eq!(env.map_get(big, kw(n)).unwrap(), Some(int(i as i64)));
    }
    // Equality and hash do not depend on the representation.
    let mut h = env.hash_map_empty().unwrap();
    for (i, n) in names.iter().enumerate().take(8).rev() {
        h = env.map_assoc(h, kw(n), int(i as i64)).unwrap();
    }
    assert!(env.equals(m, h).unwrap());
    assert_eq!(env.hash(m).unwrap(), env.hash(h).unwrap());
    env.root(evelisp_heap::header::FIRST_USER_ROOT)
        .unwrap()
        .reset(env.vector_from(&[m, m2, m3, big, h]).unwrap());
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
}
