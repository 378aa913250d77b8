//! The core library installs into a fresh env file and its macros and
//! functions work (destructuring, control macros, defn metadata).

use evelisp_eval::{Data, Runtime};

fn rt() -> Runtime {
    Runtime::ephemeral_with(Some(evelisp_stdlib::install)).expect("runtime")
}

fn show(rt: &Runtime, src: &str) -> String {
    match rt.with_interp(|i| {
        i.eval_str(src, Some("t.clj"))
            .and_then(|v| Ok(evelisp_eval::pr_str(v.borrowed())?))
    }) {
        Ok(s) => s,
        Err(e) => format!("ERROR {e}"),
    }
}

#[test]
fn smoke() {
    let rt = rt();
    assert_eq!(
        show(&rt, "(let [[a b & r :as all] [1 2 3 4]] [a b r all])"),
        "[1 2 (3 4) [1 2 3 4]]"
    );
    assert_eq!(
        show(&rt, "(let [{:keys [a b] :or {b 5} :as m} {:a 1}] [a b m])"),
        "[1 5 {:a 1}]"
    );
    assert_eq!(show(&rt, "(defn f \"doc\" [x] (* 2 x)) (f 21)"), "42");
    assert_eq!(show(&rt, "(:arglists (meta #'f))"), "([x])");
    assert_eq!(show(&rt, "(:doc (meta #'f))"), "\"doc\"");
    let _ = Data::Nil;
}
