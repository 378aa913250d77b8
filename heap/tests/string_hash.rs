//! Strings' lazily cached hashes (issue 17, section 1): a string is made
//! with hash 0, its hash is computed on first use and stored, a stored
//! hash is reused, and `check()` accepts 0 but reports a stored non-zero
//! hash that is not the text's.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::testing::{self, FIRST_USER_ROOT};
use evelisp_heap::{Env, Value};

/// The word holding a string's `len: u32, hash: i32`.
fn meta_off(v: &Value<'_>) -> u64 {
    v.word().as_object().unwrap() + 8
}

/// The hash stored in the string `v` (0: not computed yet).
fn stored_hash(v: &Value<'_>) -> i32 {
    (testing::load_word(v.env(), meta_off(v)).unwrap() >> 32) as i32
}

/// Stores `h` as the cached hash of the string `v`, keeping its length.
fn store_hash(v: &Value<'_>, h: i32) {
    let meta = testing::load_word(v.env(), meta_off(v)).unwrap();
    let bits = (meta & 0xFFFF_FFFF) | u64::from(h as u32) << 32;
    // SAFETY: the test made the string and published it nowhere.
    unsafe { testing::store_word(v.env(), meta_off(v), bits) }.unwrap();
}

const TEXTS: [&str; 5] = ["abc", "a", "ünïcødé 😀", "Aa", "polygenelubricants"];

#[test]
fn a_new_string_is_hashed_on_first_use_then_keeps_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    for s in TEXTS {
        let v = env.make_string(s).unwrap();
        assert_eq!(stored_hash(&v), 0, "{s:?}: not hashed when made");
        assert!(healthy_with(&v), "{s:?}: 0 is a sound stored hash");
        assert_eq!(v.borrowed().hash().unwrap(), testing::hash_string(s));
        assert_ne!(testing::hash_string(s), 0);
        assert_eq!(stored_hash(&v), testing::hash_string(s), "{s:?}: stored");
        assert_eq!(v.borrowed().as_str().unwrap(), s, "the length is kept");
        assert!(healthy_with(&v), "{s:?}: its own hash is sound");
    }
    // A string whose hash is 0 stays 0 and is hashed again each time.
    for s in ["", "\0"] {
        let v = env.make_string(s).unwrap();
        assert_eq!(v.borrowed().hash().unwrap(), 0);
        assert_eq!(stored_hash(&v), 0);
        assert!(healthy_with(&v));
    }
}

#[test]
fn a_stored_hash_is_reused_not_recomputed() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let v = env.make_string("abc").unwrap();
    // What a file written before lazy hashes holds: the hash stored at
    // creation. It is sound and used as is.
    store_hash(&v, testing::hash_string("abc"));
    assert!(healthy_with(&v));
    assert_eq!(v.borrowed().hash().unwrap(), testing::hash_string("abc"));
    // A stored value is read, not recomputed: a planted one comes back.
    store_hash(&v, 12345);
    assert_eq!(v.borrowed().hash().unwrap(), 12345);
}

#[test]
fn check_reports_a_damaged_stored_hash() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let v = env.make_string("hello").unwrap();
    let h = v.borrowed().hash().unwrap();
    assert!(healthy_with(&v));
    store_hash(&v, h ^ 1);
    let p = env.participant().unwrap();
    env.root(FIRST_USER_ROOT)
        .unwrap()
        .reset(&p, v.clone())
        .unwrap();
    let report = env.check().unwrap();
    assert!(!report.is_healthy());
    assert!(
        report
            .findings
            .iter()
            .any(|f| format!("{f:?}").contains("stored hash")),
        "{:?}",
        report.findings
    );
    // Put back to 0 ("not computed"): sound again, and recomputed.
    store_hash(&v, 0);
    assert!(env.check().unwrap().is_healthy());
    assert_eq!(v.borrowed().hash().unwrap(), h);
}

#[test]
fn threads_hashing_one_string_agree() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let s = "x".repeat(1000);
    for _ in 0..20 {
        let v = env.make_string(&s).unwrap();
        let hashes: Vec<i32> = std::thread::scope(|sc| {
            let hs: Vec<_> = (0..4)
                .map(|_| sc.spawn(|| v.borrowed().hash().unwrap()))
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(hashes.iter().all(|&h| h == testing::hash_string(&s)));
        assert_eq!(stored_hash(&v), testing::hash_string(&s));
    }
}

#[test]
fn hashes_stored_by_one_opening_are_read_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(ENV_FILE);
    {
        let env = Env::open_with(&path, &opts()).unwrap();
        let p = env.participant().unwrap();
        let v = env.make_string("kept").unwrap();
        assert_eq!(v.borrowed().hash().unwrap(), testing::hash_string("kept"));
        env.root(FIRST_USER_ROOT).unwrap().reset(&p, v).unwrap();
    }
    let env = Env::open_with(&path, &opts()).unwrap();
    let p = env.participant().unwrap();
    let g = p.pin();
    let v = env
        .root(FIRST_USER_ROOT)
        .unwrap()
        .load(&g)
        .unwrap()
        .to_value()
        .unwrap();
    assert_eq!(stored_hash(&v), testing::hash_string("kept"));
    assert_eq!(v.borrowed().hash().unwrap(), testing::hash_string("kept"));
    assert!(env.check().unwrap().is_healthy());
}

#[test]
fn check_hashes_map_keys_without_storing() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    // A hash map (more than 8 keys): check verifies each key's place by
    // its hash.
    let keys: Vec<Value<'_>> = (0..20)
        .map(|i| env.make_string(&format!("key{i}")).unwrap())
        .collect();
    let mut m = env.empty_map().unwrap();
    for k in &keys {
        let v = env.make_int(1).unwrap();
        m = env.assoc(m.borrowed(), k.borrowed(), v.borrowed()).unwrap();
    }
    env.root(FIRST_USER_ROOT).unwrap().reset(&p, m).unwrap();
    // As strings no one has hashed yet: check hashes them, but walks
    // without a pin, so it stores nothing.
    for k in &keys {
        store_hash(k, 0);
    }
    assert!(env.check().unwrap().is_healthy());
    for k in &keys {
        assert_eq!(stored_hash(k), 0, "check stored a hash");
    }
    let k = &keys[3];
    assert_eq!(k.borrowed().hash().unwrap(), testing::hash_string("key3"));
    assert_eq!(stored_hash(k), testing::hash_string("key3"));
}
