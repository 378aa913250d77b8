//! Big integers, ratios, namespaces, vars, code and functions on a real
//! env file: layout round trips, Clojure equality and hash, interning of
//! namespaces and vars under races, and `check()` over all of them.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_heap::var::{VAR_DYNAMIC, VAR_MACRO};
use evelisp_heap::{Env, EnvOptions, View, Word};

fn env(dir: &tempfile::TempDir) -> Env {
    Env::open_with(
        dir.path().join("o.eve"),
        &EnvOptions::new().map_size(1 << 30),
    )
    .unwrap()
}

fn int(i: i64) -> Word {
    Word::fixnum(i).unwrap()
}

#[test]
fn bigints_and_ratios_follow_clojure() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let one_n = env.bigint(false, &[1, 0, 0]).unwrap();
    assert_eq!(
        env.bigint_parts(one_n).unwrap(),
        (false, &[1u8][..]),
        "leading zeros dropped"
    );
    assert!(env.equals(one_n, int(1)).unwrap(), "(= 1N 1)");
    assert_eq!(env.hash(one_n).unwrap(), env.hash(int(1)).unwrap());
    let big = env.bigint(false, &[0, 0, 0, 0, 0, 0, 0, 0, 1]).unwrap(); // 2^64
    assert_eq!(
        env.hash(big).unwrap(),
        961,
        "Java BigInteger(2^64).hashCode()"
    );
    let neg = env.bigint(true, &[0, 0, 0, 0, 0, 0, 0, 0, 1]).unwrap();
    assert_eq!(env.hash(neg).unwrap(), -961);
    assert!(!env.equals(big, neg).unwrap());
    assert!(
        env.equals(
            big,
            env.bigint(false, &[0, 0, 0, 0, 0, 0, 0, 0, 1]).unwrap()
        )
        .unwrap()
    );
    assert!(
        !env.equals(big, env.float(18_446_744_073_709_551_616.0).unwrap())
            .unwrap()
    );
    let min = env
        .bigint(true, &(i64::MIN as i128).unsigned_abs().to_le_bytes())
        .unwrap();
    assert!(env.equals(min, env.int(i64::MIN).unwrap()).unwrap());
    let half = env.ratio(int(1), int(2)).unwrap();
    assert_eq!(env.hash(half).unwrap(), 3, "(hash 1/2)");
    assert!(
        env.equals(half, env.ratio(int(1), int(2)).unwrap())
            .unwrap()
    );
    assert!(!env.equals(half, env.float(0.5).unwrap()).unwrap());
    assert!(matches!(env.view(half).unwrap(), View::Ratio { .. }));
}

#[test]
fn namespaces_and_vars_are_interned_once() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let user = env.symbol(None, "user").unwrap();
    assert_eq!(env.find_namespace(user).unwrap(), None);
    let nss: Vec<Word> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4)
            .map(|_| s.spawn(|| env.namespace(user).unwrap()))
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(nss.iter().all(|&n| n == nss[0]));
    let ns = nss[0];
    assert_eq!(env.find_namespace(user).unwrap(), Some(ns));
    assert_eq!(env.namespace_name(ns).unwrap(), user);
    let x = env.symbol(None, "x").unwrap();
    let vars: Vec<Word> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4)
            .map(|_| s.spawn(|| env.intern_var(ns, x).unwrap()))
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(vars.iter().all(|&v| v == vars[0]));
    let v = vars[0];
    assert_eq!(env.var_name(v).unwrap(), (user, x));
    let root = env.var_root(v).unwrap();
    assert_eq!(root.load(), Word::UNBOUND);
    root.reset(int(42));
    assert_eq!(
        env.var_root(env.intern_var(ns, x).unwrap()).unwrap().load(),
        int(42)
    );
    assert_eq!(root.version(), 1);
    env.var_set_flags(v, VAR_MACRO | VAR_DYNAMIC).unwrap();
    assert_eq!(env.var_flags(v).unwrap(), VAR_MACRO | VAR_DYNAMIC);
    let m = env.namespace_mappings(ns).unwrap().load();
    assert_eq!(env.map_get(m, x).unwrap(), Some(v));
    // Other namespaces are other objects; the table holds both.
    let core = env
        .namespace(env.symbol(None, "clojure.core").unwrap())
        .unwrap();
    assert_ne!(core, ns);
    assert_eq!(env.find_namespace(user).unwrap(), Some(ns));
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.kinds["namespace"].0, 2);
    assert_eq!(r.stats.kinds["var"].0, 1);
}

#[test]
fn code_and_functions_round_trip_and_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let body = env
        .list_from(&[env.symbol(None, "+").unwrap(), int(1), int(2)])
        .unwrap();
    let consts = env.vector_from(&[env.new_string("c").unwrap()]).unwrap();
    let code = env.new_code(body, consts, b"\x01\x02opaque").unwrap();
    let (b, a, bytes) = env.code_parts(code).unwrap();
    assert_eq!((b, a, bytes), (body, consts, &b"\x01\x02opaque"[..]));
    let captured = env.vector_from(&[int(7)]).unwrap();
    let name = env.symbol(Some("user"), "f").unwrap();
    let f = env.new_fn(code, captured, name).unwrap();
    assert_eq!(env.fn_parts(f).unwrap(), (code, captured, name));
    assert!(
        env.new_fn(body, captured, name).is_err(),
        "a fn needs a code object"
    );
    assert!(env.equals(f, f).unwrap());
    assert!(
        !env.equals(f, env.new_fn(code, captured, name).unwrap())
            .unwrap(),
        "functions compare by identity"
    );
    env.root(evelisp_heap::header::FIRST_USER_ROOT)
        .unwrap()
        .reset(f);
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.kinds["code"].0, 1);
}
