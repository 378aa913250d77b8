//! Path copies of a deep shared map under contention: several processes
//! `swap!` updates of one atom holding a 20,000-key map (four trie levels)
//! while another reads it whole; no update is lost, every reader sees a
//! consistent map, and once the writers are gone the file's counts are
//! exact (`env check`: every retired path was freed with the counts its
//! copies took, nothing freed early).

mod common;
use common::{check_clean, eval_ok, spawn};

#[test]
fn concurrent_swaps_on_a_deep_map_lose_nothing_and_leave_exact_counts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("map-swaps.eve");
    eval_ok(
        &env,
        "(def m (atom (into {} (map (fn [i] [i 0])) (range 20000))))
         (def names (atom (into {} (map (fn [i] [(str \"k\" i) i])) (range 2000))))",
    );
    // Each writer bumps 400 keys spread over the trie, some of them the
    // same keys as another writer's; one also replaces string-keyed
    // entries with new strings (objects counted by the copies).
    let writers: Vec<_> = (0..3)
        .map(|w| {
            spawn(
                &env,
                &format!(
                    "(dotimes [i 400]
                       (swap! m update (mod (* (+ i {w}) 7919) 20000) inc)
                       (when (= {w} 0)
                         (swap! names assoc (str \"k\" (mod (* i 13) 2000)) (str \"v\" i))))"
                ),
            )
        })
        .collect();
    let reader = spawn(
        &env,
        "(dotimes [_ 30]
           (let [snap @m
                 total (reduce-kv (fn [s _ v] (+ s v)) 0 snap)]
             (assert (= 20000 (count snap)))
             (assert (<= 0 total 1200))
             (assert (= total (reduce + (vals snap))))))",
    );
    for p in writers.into_iter().chain([reader]) {
        let out = p.wait_with_output().expect("process runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        eval_ok(
            &env,
            "[(count @m) (reduce-kv (fn [s _ v] (+ s v)) 0 @m) (count @names)
              (@names \"k0\") (@names \"k1999\")]"
        ),
        "[20000 1200 2000 \"v0\" 1999]\n"
    );
    check_clean(&env);
}
