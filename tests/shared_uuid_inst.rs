//! UUIDs, instants and tagged literals live in the env file: made by one
//! process (literals, `random-uuid`, `java.time.Instant/now`), they are
//! read, compared, hashed and used as map keys by another, which updates
//! the atom holding them; several processes adding at once lose nothing;
//! and `env check` passes over them.

mod common;
use common::{check_clean, eval_ok, spawn};

#[test]
fn a_uuid_and_an_instant_made_in_one_process_are_used_by_the_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("uuids.eve");

    // Process A stores a random UUID, a literal one, a Date, an Instant
    // and a tagged literal, and a map keyed by them.
    let made = eval_ok(
        &env,
        r#"(def id (random-uuid))
           (def fixed #uuid "f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
           (def day #inst "2020-01-01T00:00:00.000-00:00")
           (def moment (java.time.Instant/ofEpochSecond 1577836800 123456789))
           (def tl (tagged-literal 'my/tag [1 2]))
           (def by-key (atom {id :random fixed :fixed day :day}))
           (prn (str id) (hash id))"#,
    );
    let (id_text, id_hash) = made.trim().rsplit_once(' ').expect("a uuid and its hash");

    // Process B reads them: the same printed forms, hashes and order.
    assert_eq!(
        eval_ok(
            &env,
            &format!(
                r#"(prn (= {id_text} (str id)) (= {id_hash} (hash id)) (uuid? id)
                        (= id (parse-uuid {id_text})))
                   (prn fixed (hash fixed) day (hash day) (inst-ms day))
                   (prn (str moment) (inst-ms moment) (hash moment) (class moment))
                   (prn tl (:tag tl) (hash tl))
                   (prn (compare day #inst "2021") (compare fixed #uuid "00000000-0000-0000-0000-000000000001"))"#
            )
        ),
        "true true true true\n\
         #uuid \"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\" -343263960 \
         #inst \"2020-01-01T00:00:00.000-00:00\" 1583802735 1577836800000\n\
         \"2020-01-01T00:00:00.123456789Z\" 1577836800123 -715801553 java.time.Instant\n\
         #my/tag [1 2] my/tag 908454833\n\
         -1 -1\n"
    );

    // Process C looks the map up by equal values it makes itself, and
    // updates the atom with new keys.
    assert_eq!(
        eval_ok(
            &env,
            &format!(
                r#"(prn (get @by-key (parse-uuid {id_text}))
                        (get @by-key #uuid "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6")
                        (get @by-key (java.util.Date. 1577836800000)))
                   (swap! by-key assoc #inst "2021" :next (java.util.UUID/fromString "1-2-3-4-5") :small)
                   (swap! by-key update day name)
                   (count @by-key)"#
            )
        ),
        ":random :fixed :day\n5\n"
    );

    // Process D sees C's update.
    assert_eq!(
        eval_ok(
            &env,
            r#"(prn (get @by-key #inst "2021-01-01T00:00:00Z") (get @by-key day)
                    (get @by-key #uuid "00000001-0002-0003-0004-000000000005"))
               (prn (sort (filter inst? (keys @by-key))))"#
        ),
        ":next \"day\" :small\n\
         (#inst \"2020-01-01T00:00:00.000-00:00\" #inst \"2021-01-01T00:00:00.000-00:00\")\n"
    );
    check_clean(&env);
}

#[test]
fn processes_adding_uuids_and_instants_at_once_lose_none() {
    const PROCESSES: usize = 4;
    const EACH: usize = 100;
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("many.eve");
    eval_ok(&env, "(def seen (atom {}))");
    let children: Vec<_> = (0..PROCESSES)
        .map(|_| {
            spawn(
                &env,
                &format!(
                    "(dotimes [_ {EACH}] (swap! seen assoc (random-uuid) (java.time.Instant/now)))"
                ),
            )
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("evelisp runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        eval_ok(
            &env,
            "(prn (count @seen) (every? uuid? (keys @seen)) (every? inst? (vals @seen)))"
        ),
        format!("{} true true\n", PROCESSES * EACH)
    );
    check_clean(&env);
}
