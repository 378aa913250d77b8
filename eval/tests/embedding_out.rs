//! `*out*` is conveyed to futures: a future started while `*out*` is
//! redirected (by `with-out-str`, or by an embedder's `Runtime::with_out`)
//! writes to the same writer, as Clojure conveys bindings.

#![allow(clippy::unwrap_used)] // tests may unwrap

use evelisp_eval::Runtime;

#[test]
fn with_out_str_captures_what_a_future_prints() {
    let rt = Runtime::ephemeral().unwrap();
    assert_eq!(
        rt.eval_str::<String>("(with-out-str @(future (print \"x\")))")
            .unwrap(),
        "x"
    );
    assert_eq!(
        rt.eval_str::<String>("(with-out-str (print \"a\") @(future (print \"b\")) (print \"c\"))")
            .unwrap(),
        "abc"
    );
}

#[test]
fn a_future_writes_to_the_embedders_writer() {
    let rt = Runtime::ephemeral().unwrap();
    let (result, out) = rt.with_out(Vec::new(), || {
        rt.eval_str::<i64>("@(future (println \"from the future\") 42)")
    });
    assert_eq!(result.unwrap(), 42);
    assert_eq!(String::from_utf8(out).unwrap(), "from the future\n");
}

#[test]
fn nested_futures_convey_out_too() {
    let rt = Runtime::ephemeral().unwrap();
    let (result, out) = rt.with_out(Vec::new(), || {
        rt.eval_str::<()>("@(future @(future (print \"deep\")))")
    });
    result.unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "deep");
}
