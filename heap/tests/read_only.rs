//! Looking at an env file without writing to it (issue 14, item 4):
//! `Env::open_read_only` works on a read-only file and on a file whose
//! participant slots are all taken, refuses every change, leaves the file's
//! bytes and modification time alone, and its `check` gives no false
//! finding while other threads write.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_heap::testing::{FIRST_USER_ROOT, PARTICIPANT_COUNT};
use evelisp_heap::{Env, EnvOptions, HeapError, Value};
use std::os::unix::fs::PermissionsExt;
use std::sync::atomic::{AtomicBool, Ordering};

fn env(path: &std::path::Path) -> Env {
    Env::open_with(path, &EnvOptions::new().map_size(1 << 30)).unwrap()
}

/// A map of `n` keys in user root 0, and an atom holding a vector in root 1.
fn fill(env: &Env, n: i64) {
    let p = env.participant().unwrap();
    let mut m = env.empty_map().unwrap();
    for i in 0..n {
        let (k, v) = (env.make_int(i).unwrap(), env.make_int(-i).unwrap());
        m = env.assoc(m.borrowed(), k.borrowed(), v.borrowed()).unwrap();
    }
    env.root(FIRST_USER_ROOT).unwrap().reset(&p, m).unwrap();
    let items: Vec<_> = (0..100).map(|i| env.make_int(i).unwrap()).collect();
    let refs: Vec<_> = items.iter().map(Value::borrowed).collect();
    let atom = env.make_atom(env.make_vector(&refs).unwrap()).unwrap();
    env.root(FIRST_USER_ROOT + 1)
        .unwrap()
        .reset(&p, atom)
        .unwrap();
}

#[test]
fn a_read_only_file_is_checked_without_a_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.eve");
    fill(&env(&path), 500);
    let bytes = std::fs::read(&path).unwrap();
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));

    let ro = Env::open_read_only(&path).unwrap();
    assert!(ro.is_read_only());
    let report = ro.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert!(report.stats.live_objects > 10, "{:?}", report.stats);
    assert!(ro.namespace_names().unwrap().is_empty());
    // Every change is refused before it writes.
    assert!(matches!(ro.participant(), Err(HeapError::ReadOnly { .. })));
    assert!(matches!(
        ro.make_int(1 << 62),
        Err(HeapError::ReadOnly { .. })
    ));
    drop(ro);

    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), mtime);
    assert!(std::fs::read(&path).unwrap() == bytes, "the file changed");
}

#[test]
fn check_works_while_every_participant_slot_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("full.eve");
    let owner = env(&path);
    fill(&owner, 100);
    let all: Vec<_> = (0..PARTICIPANT_COUNT - 1)
        .map(|_| owner.participant().unwrap())
        .collect();
    let last = owner.participant().unwrap();
    assert!(matches!(
        owner.participant(),
        Err(HeapError::TooManyParticipants { .. })
    ));
    let ro = Env::open_read_only(&path).unwrap();
    let report = ro.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
    assert_eq!(report.stats.participants, PARTICIPANT_COUNT as u64);
    drop((all, last));
}

#[test]
fn a_live_check_gives_no_false_finding() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.eve");
    let owner = env(&path);
    fill(&owner, 2000);
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        // Writers: a map swapped key by key, an atom's vector replaced.
        for t in 0..2 {
            let (owner, stop) = (&owner, &stop);
            s.spawn(move || {
                let p = owner.participant().unwrap();
                let map = owner.root(FIRST_USER_ROOT).unwrap();
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    i += 1;
                    let k = owner.make_int((i * 7 + t) % 3000).unwrap();
                    let v = owner.make_int(i).unwrap();
                    map.swap(&p, |m| owner.assoc(m, k.borrowed(), v.borrowed()))
                        .unwrap();
                }
            });
        }
        let ro = Env::open_read_only(&path).unwrap();
        let mut live = 0;
        for _ in 0..20 {
            let report = ro.check().unwrap();
            assert!(report.is_healthy(), "{:?}", report.findings);
            if !report.skipped.is_empty() {
                live += 1;
            }
        }
        stop.store(true, Ordering::Relaxed);
        assert!(live > 0, "no check saw the file change");
    });
    let report = owner.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
}
