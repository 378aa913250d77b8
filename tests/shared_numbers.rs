//! Decimals (`1.5M`, a heap object) and 32-bit floats (an immediate word)
//! made by one `evelisp` process are read, compared, used as map keys and
//! updated by others on the same env file, and the file checks clean.

mod common;
use common::{check_clean, eval_ok};
use std::process::Command;

#[test]
fn decimals_and_floats_made_by_one_process_are_used_by_the_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("numbers.eve");

    // Process A stores decimals and floats in vars, an atom and map keys.
    eval_ok(
        &env,
        "(def price 19.90M) (def ratio (float 1/3)) \
         (def by-key {1.50M :decimal (float 0.5) :float}) \
         (def total (atom 0.00M)) (def f (atom (float 1)))",
    );

    // Process B reads them: printed as made, equal and hashed as Clojure.
    assert_eq!(
        eval_ok(
            &env,
            "(prn price ratio (class price) (class ratio)) \
             (prn (= price 19.9M) (= (hash price) (hash 19.9M)) (= ratio (float 1/3))) \
             (prn (get by-key 1.5M) (get by-key (float 0.5)) (get by-key 0.5) (get by-key 1.5))"
        ),
        "19.90M 0.33333334 java.math.BigDecimal java.lang.Float\n\
         true true true\n\
         :decimal :float :float nil\n"
    );

    // Processes C and D update the atoms with arithmetic, one after another.
    assert_eq!(
        eval_ok(&env, "(swap! total + price) (swap! f * 2)"),
        "2.0\n"
    );
    assert_eq!(
        eval_ok(
            &env,
            "(swap! total + 0.10M) (with-precision 3 (swap! total / 3))"
        ),
        "6.67M\n"
    );

    // Several processes add to the decimal total at once: none is lost,
    // and the scale is Java's (two digits, from 0.00M and 0.01M).
    let children: Vec<_> = (0..3)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_evelisp"))
                .arg("--env")
                .arg(&env)
                .arg("-e")
                .arg("(dotimes [_ 100] (swap! total + 0.01M))")
                .spawn()
                .expect("spawn evelisp")
        })
        .collect();
    for mut c in children {
        assert!(c.wait().expect("wait").success());
    }
    assert_eq!(
        eval_ok(
            &env,
            "(prn @total @f (class @f)) (prn (= @total 9.67M) (contains? #{9.670M} @total))"
        ),
        "9.67M 2.0 java.lang.Double\ntrue true\n"
    );
    check_clean(&env);
}
