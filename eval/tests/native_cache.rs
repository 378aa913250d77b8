//! Natives resolved once per interpreter are cached by their code object;
//! a host native registered again under the same name replaces the cached
//! one on the next call.

#![allow(clippy::unwrap_used)] // tests may unwrap

use evelisp_eval::Runtime;

#[test]
fn a_redefined_host_native_replaces_the_cached_one() {
    let rt = Runtime::ephemeral().unwrap();
    rt.define_native("cache.test/answer", |_| Ok(1_i64))
        .unwrap();
    assert_eq!(rt.eval_str::<i64>("(cache.test/answer)").unwrap(), 1);
    assert_eq!(rt.eval_str::<i64>("(cache.test/answer)").unwrap(), 1);
    rt.define_native("cache.test/answer", |_| Ok(2_i64))
        .unwrap();
    assert_eq!(rt.eval_str::<i64>("(cache.test/answer)").unwrap(), 2);
}

#[test]
fn core_natives_keep_working_after_many_calls() {
    let rt = Runtime::ephemeral().unwrap();
    assert_eq!(
        rt.eval_str::<i64>("(loop* [i 0 acc 0] (if (< i 1000) (recur (inc i) (+ acc i)) acc))")
            .unwrap(),
        499_500
    );
}

#[test]
fn a_call_site_follows_its_var_to_another_native() {
    let rt = Runtime::ephemeral().unwrap();
    rt.eval_str::<()>("(def f inc) (def g (fn* [] (f 1)))")
        .unwrap();
    assert_eq!(rt.eval_str::<i64>("(g)").unwrap(), 2);
    assert_eq!(rt.eval_str::<i64>("(g)").unwrap(), 2);
    rt.eval_str::<()>("(def f dec)").unwrap();
    assert_eq!(rt.eval_str::<i64>("(g)").unwrap(), 0);
    rt.eval_str::<()>("(def f (fn* [x] (* 10 x)))").unwrap();
    assert_eq!(rt.eval_str::<i64>("(g)").unwrap(), 10);
    // A native closure (captured values) is never taken from the cache.
    rt.eval_str::<()>("(def f (bound-fn* inc))").unwrap();
    assert_eq!(rt.eval_str::<i64>("(g)").unwrap(), 2);
}
