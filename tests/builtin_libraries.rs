//! Built-in libraries in a persistent env file: `require` loads one once
//! (a namespace already in the file is used as it is, also when another
//! process changed it), and loads it again when the file's copy was made
//! from another version of the library's source (a newer binary on an
//! old env file), which the stamp in `evelisp.load/builtins` tells.

mod common;
use common::{check_clean, eval_ok};

#[test]
fn a_builtin_library_is_reloaded_only_when_its_source_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("libs.eve");
    eval_ok(&env, "(require 'clojure.string)");
    // Another process changes the loaded library: the same source version
    // is not loaded again, so the change stays.
    eval_ok(
        &env,
        "(in-ns 'clojure.string) (defn upper-case [s] :changed)",
    );
    assert_eq!(
        eval_ok(
            &env,
            "(require '[clojure.string :as s]) (s/upper-case \"a\")"
        ),
        ":changed\n"
    );
    // The file says it was loaded from another source: require loads the
    // built-in library again.
    eval_ok(
        &env,
        "(in-ns 'evelisp.load) (def builtins {\"clojure.string\" \"0000000000000000\"})",
    );
    assert_eq!(
        eval_ok(
            &env,
            "(require '[clojure.string :as s]) (s/upper-case \"a\")"
        ),
        "\"A\"\n"
    );
    assert_eq!(
        eval_ok(&env, "(get @#'evelisp.load/builtins \"clojure.string\")")
            .trim()
            .len(),
        18,
        "the stamp of the source loaded is recorded"
    );
    check_clean(&env);
}
