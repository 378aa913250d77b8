//! `*print-meta*`: what `pr` prints for values with metadata (every kind
//! that carries it, nested, metadata on metadata), as an insta snapshot;
//! and that nothing of it shows when the var is false or for `print`.

mod common;
use common::eval_ok;

#[test]
fn print_meta_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("print.eve");
    let out = eval_ok(
        &env,
        r#"(binding [*print-meta* true]
             (doseq [x [(with-meta [1 2] {:a 1})
                        ^:kw [1]
                        ^{:doc "d" :n (+ 1 2)} {:k [1]}
                        (with-meta '(1 2) {:l true})
                        (with-meta () {:empty true})
                        (with-meta #{:s} {:set 1})
                        '^String sym
                        (with-meta 'ns/sym {:tag 'long})
                        (with-meta (map inc [1 2]) {:lazy true})
                        [^:inner [1] ^{:m ^:mm {}} {}]
                        (with-meta [1] {})
                        (with-meta (fn named [] 1) {:fn true})]]
               (prn x)))
           (prn (with-meta [1 2] {:a 1}))
           (binding [*print-meta* true] (println (with-meta [1 2] {:a 1})))"#,
    );
    insta::assert_snapshot!(out);
}
