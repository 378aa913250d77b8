//! Sorted maps and sets live in the env file like every value: one made in
//! one process, with a comparator fn whose code is in the file, is read and
//! updated in order by another, and `env check` passes.

mod common;
use common::{check_clean, eval_ok};

#[test]
fn a_sorted_map_with_a_comparator_is_shared_between_processes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("sorted.eve");
    eval_ok(
        &env,
        "(def by-length (fn [a b] (compare [(count a) a] [(count b) b])))
         (def words (atom (sorted-set-by by-length \"ccc\" \"a\" \"bb\")))
         (def scores (atom (into (sorted-map) (map (fn [i] [(mod (* i 37) 101) i]) (range 101)))))",
    );
    assert_eq!(
        eval_ok(&env, "(swap! words conj \"dddd\" \"b\") (vec @words)"),
        "[\"a\" \"b\" \"bb\" \"ccc\" \"dddd\"]\n"
    );
    assert_eq!(
        eval_ok(
            &env,
            "[(count @scores) (take 3 (keys @scores)) (get @scores 37) (vec (subseq @scores > 98))]"
        ),
        "[101 (0 1 2) 1 [[99 60] [100 30]]]\n"
    );
    assert_eq!(
        eval_ok(&env, "(swap! scores dissoc 0 1) (first (keys @scores))"),
        "2\n"
    );
    check_clean(&env);
}
