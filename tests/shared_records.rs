//! Records live in the env file: a record type, its instances and the
//! protocol methods given for it, defined in one process, are used by the
//! next (also through an atom), and `env check` passes.

mod common;
use common::{check_clean, eval_ok};

#[test]
fn a_record_defined_in_one_process_is_used_in_the_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("records.eve");
    eval_ok(
        &env,
        "(defprotocol Area (area [s]))
         (defrecord Rect [w h] Area (area [_] (* w h)))
         (def shapes (atom [(->Rect 2 3)]))",
    );
    assert_eq!(
        eval_ok(
            &env,
            "(swap! shapes conj (Rect. 4 5)) [(mapv area @shapes) (pr-str (first @shapes))]"
        ),
        "[[6 20] \"#user.Rect{:w 2, :h 3}\"]\n"
    );
    assert_eq!(
        eval_ok(
            &env,
            "(ns other) [(= (user/->Rect 2 3) (first @user/shapes)) (record? (assoc (first @user/shapes) :w 9)) (type (first @user/shapes))]"
        ),
        "[true true user.Rect]\n"
    );
    check_clean(&env);
}
