//! Seqs over collections live in the env file: a seq of a hash map, set,
//! vector or string one process made (its first chunk realized, the rest a
//! lazy seq holding the collection and a position in it) is realized by
//! another process, chunk after chunk, and read by a third as realized.

mod common;
use common::{check_clean, eval_ok};

#[test]
fn a_seq_over_a_map_made_by_one_process_is_realized_by_another() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("collseq.eve");
    // Process A: the seqs, only their first chunks realized.
    eval_ok(
        &env,
        "(defn tail-after [s n] (loop [s s n n] (if (zero? n) s (recur (rest s) (dec n)))))
         (def m (zipmap (range 5000) (map #(* 2 %) (range 5000))))
         (def s (set (map str (range 3000))))
         (def v (vec (range 1000)))
         (def text (apply str (repeat 100 \"héllo\")))
         (def ms (seq m))
         (def ss (seq s))
         (def vs (rseq v))
         (def ts (seq text))
         (def ks (keys m))",
    );
    assert_eq!(
        eval_ok(
            &env,
            "(mapv #(realized? (tail-after % 32)) [ms ss vs ts ks])"
        ),
        "[false false false false false]\n",
        "only the first chunk of each is realized"
    );
    // Process B: realizes them through, from where A stopped.
    assert_eq!(
        eval_ok(
            &env,
            "[(= m (into {} ms)) (= s (set ss)) (= (reverse v) vs)
              (= text (apply str ts)) (= (set (keys m)) (set ks))
              (count ms) (count ss) (count vs) (count ts) (count ks)]"
        ),
        "[true true true true true 5000 3000 1000 500 5000]\n"
    );
    // Process C: everything is realized, the same elements in the same
    // order as a fresh seq of the same collection.
    assert_eq!(
        eval_ok(
            &env,
            "[(realized? (tail-after ms 4992)) (realized? (tail-after ss 2976))
              (= (seq m) ms) (= (seq s) ss) (= (keys m) ks) (reduce + (map second ms))]"
        ),
        "[true true true true true 24995000]\n"
    );
    check_clean(&env);
}
