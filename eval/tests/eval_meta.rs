//! Var metadata: what `def` records (name, namespace, position, docstring,
//! reader metadata on the name), `meta`, `alter-meta!`, `reset-meta!`, and
//! metadata on a name reaching a `def` a macro makes.

mod common;
use common::{env, ev};
use evelisp_eval::Interp;

#[test]
fn def_records_where_and_what() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    ev(&i, "(def x \"the x\" 1)");
    assert_eq!(
        ev(
            &i,
            "(let* [m (meta (var x))] [(:name m) (ns-name (:ns m)) (:doc m) (:file m) (:line m) (:column m)])"
        ),
        "[x user \"the x\" \"test.clj\" 1 1]"
    );
    ev(
        &i,
        "\n\n  (def ^:dynamic ^{:doc \"a dynamic\" :added \"1.0\" :arglists '([a])} *y* 2)",
    );
    assert_eq!(
        ev(
            &i,
            "(let* [m (meta #'*y*)] [(:dynamic m) (:doc m) (:added m) (:arglists m) (:line m) (:column m)])"
        ),
        "[true \"a dynamic\" \"1.0\" ([a]) 3 3]"
    );
    // ^:dynamic works: binding is allowed.
    assert_eq!(ev(&i, "(binding [*y* 5] *y*)"), "5");
    assert_eq!(ev(&i, "(meta 1)"), "nil");
}

#[test]
fn alter_and_reset_meta_change_the_var_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    ev(&i, "(def x 1)");
    assert_eq!(
        ev(&i, "(:doc (alter-meta! #'x assoc :doc \"later\"))"),
        "\"later\""
    );
    // Another interpreter (another process would do the same) sees it.
    let j = Interp::new(&env).unwrap();
    assert_eq!(ev(&j, "(:doc (meta #'user/x))"), "\"later\"");
    assert_eq!(ev(&i, "(reset-meta! #'x {:k 1})"), "{:k 1}");
    assert_eq!(ev(&j, "(meta #'user/x)"), "{:k 1}");
    assert!(ev(&i, "(alter-meta! 1 assoc :a 1)").starts_with("ERROR"));
    // A failing function leaves the metadata as it was.
    assert!(ev(&i, "(alter-meta! #'x (fn* [m] (inc m)))").contains("ClassCast"));
    assert_eq!(ev(&j, "(meta #'user/x)"), "{:k 1}");
}

#[test]
fn macros_get_their_docstring_and_flag_and_names_keep_meta_through_macros() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    ev(&i, "(defmacro m \"does m\" [x] x)");
    assert_eq!(
        ev(&i, "(let* [md (meta #'m)] [(:doc md) (:macro md)])"),
        "[\"does m\" true]"
    );
    // A macro that makes a def: the metadata written on the name reaches it.
    ev(&i, "(defmacro mydef [name v] (list 'def name v))");
    ev(&i, "(mydef ^:private ^:dynamic *p* 1)");
    assert_eq!(
        ev(&i, "(let* [md (meta #'*p*)] [(:private md) (:dynamic md)])"),
        "[true true]"
    );
    assert_eq!(ev(&i, "(binding [*p* 2] *p*)"), "2");
}
