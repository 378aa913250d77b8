//! Ranges live in the env file like every lazy seq, and a walk that meets
//! one not realized yet computes its numbers instead of making its cells
//! (eval's `natives/seqs/range.rs`): a range one process stored, partly
//! realized or not, is reduced, joined and mapped by another without
//! being realized, realized by a third, and read by a fourth — the same
//! numbers everywhere, and every map over it realized once.

mod common;
use common::{check_clean, eval_ok};

#[test]
fn a_range_stored_by_one_process_is_walked_by_others_without_its_cells() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("ranges.eve");
    // Process A: a range left unrealized, one with its first chunk
    // realized, a descending one, and a map over the first.
    eval_ok(
        &env,
        "(def calls (atom 0))
         (def r (range 1000))
         (def p (range 0 1000 3))
         (first p)
         (def d (range 100 -100 -7))
         (def m (map (fn [x] (swap! calls inc) (inc x)) r))",
    );
    // Process B: walks them all; a range it walks stays as it was, a map
    // held by a var is realized (its f called once per element).
    assert_eq!(
        eval_ok(
            &env,
            "(require '[clojure.string :as str])
             [(reduce + r) (count (str/join \",\" (map str r))) (into [] (take 3) d)
              (reduce + p) (realized? r) (realized? (nthrest p 32)) (reduce + m) @calls]"
        ),
        "[499500 3889 [100 93 86] 166833 false false 500500 1000]\n"
    );
    // Process C: realizes the ranges through, and reads the map realized.
    assert_eq!(
        eval_ok(
            &env,
            "[(= (vec r) (vec (range 1000))) (realized? r) (= (seq p) (range 0 1000 3))
              (vec d) (nth m 500) (reduce + m) @calls]"
        ),
        "[true true true [100 93 86 79 72 65 58 51 44 37 30 23 16 9 2 -5 -12 -19 -26 -33 -40 -47 -54 -61 -68 -75 -82 -89 -96] 501 500500 1000]\n"
    );
    // Process D: the realized cells give what the computed numbers gave.
    assert_eq!(
        eval_ok(
            &env,
            "[(reduce + r) (reduce + (map inc r)) (realized? (nthrest p 320)) (reduce + p) (count d)]"
        ),
        "[499500 500500 true 166833 29]\n"
    );
    check_clean(&env);
}
