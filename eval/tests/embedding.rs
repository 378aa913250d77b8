//! The embedding API: a `Runtime` over an env file, evaluation with results
//! converted to Rust values, calls with Rust arguments, natives defined in
//! Rust, `*out*` captured per thread, and runtimes for other threads.

use evelisp_eval::{Data, EvalErrorKind, Runtime};
use std::collections::HashMap;

fn runtime() -> Runtime {
    Runtime::ephemeral().expect("ephemeral runtime")
}

#[test]
fn results_convert_to_rust_values() {
    let rt = runtime();
    assert_eq!(rt.eval_str::<i64>("(+ 40 2)").unwrap(), 42);
    assert_eq!(rt.eval_str::<u8>("7").unwrap(), 7u8);
    assert_eq!(rt.eval_str::<f64>("1.5").unwrap(), 1.5);
    assert_eq!(rt.eval_str::<f64>("3").unwrap(), 3.0);
    assert!(rt.eval_str::<bool>("(= 1 1)").unwrap());
    assert_eq!(rt.eval_str::<String>("(str \"a\" 1)").unwrap(), "a1");
    assert_eq!(rt.eval_str::<String>(":ns/k").unwrap(), "ns/k");
    assert_eq!(rt.eval_str::<Vec<i64>>("[1 2 3]").unwrap(), vec![1, 2, 3]);
    assert_eq!(rt.eval_str::<Vec<i64>>("'(4 5)").unwrap(), vec![4, 5]);
    assert_eq!(rt.eval_str::<Vec<i64>>("nil").unwrap(), Vec::<i64>::new());
    let m: HashMap<String, i64> = rt.eval_str("{:a 1 \"b\" 2}").unwrap();
    assert_eq!(m, HashMap::from([("a".into(), 1), ("b".into(), 2)]));
    assert_eq!(rt.eval_str::<Option<i64>>("nil").unwrap(), None);
    assert_eq!(rt.eval_str::<Option<i64>>("5").unwrap(), Some(5));
    rt.eval_str::<()>("(def x 1)").unwrap();
    assert_eq!(
        rt.eval_str::<Data>("[1 :k \"s\" {:a (quote (b))} #{nil} 2.5 \\c]")
            .unwrap(),
        Data::Vector(vec![
            Data::Int(1),
            Data::Keyword("k".into()),
            Data::Str("s".into()),
            Data::Map(vec![(
                Data::Keyword("a".into()),
                Data::List(vec![Data::Symbol("b".into())])
            )]),
            Data::Set(vec![Data::Nil]),
            Data::Float(2.5),
            Data::Char('c'),
        ])
    );
    match rt.eval_str::<Data>("(atom 1)").unwrap() {
        Data::Other(text) => assert!(
            text.starts_with("#object[clojure.lang.Atom 0x")
                && text.ends_with(" {:status :ready, :val 1}]"),
            "{text}"
        ),
        other => panic!("an atom is Data::Other, not {other:?}"),
    }
}

#[test]
fn a_value_of_the_wrong_type_is_a_clear_error() {
    let rt = runtime();
    let e = rt.eval_str::<i64>("\"seven\"").unwrap_err();
    assert!(matches!(e.kind, EvalErrorKind::ClassCast(_)), "{e}");
    assert_eq!(
        e.to_string(),
        "Execution error (ClassCastException): expected an integer, got \"seven\""
    );
    let e = rt.eval_str::<u8>("300").unwrap_err();
    assert_eq!(
        e.to_string(),
        "Execution error (IllegalArgumentException): 300 does not fit in u8"
    );
    // An evaluation error comes back as it is.
    let e = rt.eval_str::<i64>("(undefined-thing)").unwrap_err();
    assert!(matches!(e.kind, EvalErrorKind::UnresolvedSymbol(_)), "{e}");
}

#[test]
fn data_goes_in_and_comes_back_the_same() {
    let rt = runtime();
    rt.eval_str::<()>("(def echo (fn* [x] x))").unwrap();
    let data = Data::Map(vec![(
        Data::Keyword("k".into()),
        Data::Vector(vec![
            Data::Int(-3),
            Data::Symbol("a/b".into()),
            Data::Str("x".into()),
            Data::Bool(false),
            Data::List(vec![]),
        ]),
    )]);
    assert_eq!(rt.call::<Data>("user/echo", (data.clone(),)).unwrap(), data);
}

#[test]
fn calls_take_rust_arguments() {
    let rt = runtime();
    rt.eval_str::<()>("(def add (fn* [a b] (+ a b))) (def greet (fn* [n] (str \"hi \" n)))")
        .unwrap();
    assert_eq!(rt.call::<i64>("user/add", (40, 2)).unwrap(), 42);
    assert_eq!(rt.call::<i64>("user/add", [1, 2]).unwrap(), 3);
    assert_eq!(rt.call::<i64>("user/add", &[5, 6][..]).unwrap(), 11);
    assert_eq!(rt.call::<String>("user/greet", ("x",)).unwrap(), "hi x");
    let v = vec![1i64, 2, 3];
    assert_eq!(rt.call::<i64>("clojure.core/count", (v,)).unwrap(), 3);
    let greet = rt.var("user/greet").unwrap();
    assert_eq!(greet.to_string(), "#'user/greet");
    assert_eq!(
        rt.call::<String>(&greet, ("y".to_string(),)).unwrap(),
        "hi y"
    );
    // A Var names the var: a redefinition is seen by the next call.
    rt.eval_str::<()>("(def greet (fn* [n] (str \"bye \" n)))")
        .unwrap();
    assert_eq!(rt.call::<String>(&greet, ("y",)).unwrap(), "bye y");
    // Wrong arity comes back as the evaluator's error.
    let e = rt.call::<i64>("user/add", (1,)).unwrap_err();
    assert!(matches!(e.kind, EvalErrorKind::Arity { .. }), "{e}");
}

#[test]
fn vars_are_looked_up_by_qualified_name() {
    let rt = runtime();
    rt.eval_str::<()>("(def answer 42)").unwrap();
    assert_eq!(rt.get::<i64>("user/answer").unwrap(), 42);
    let e = rt.var("user/nope").unwrap_err();
    assert!(matches!(e.kind, EvalErrorKind::UnresolvedSymbol(_)), "{e}");
    let e = rt.var("nowhere/x").unwrap_err();
    assert!(matches!(e.kind, EvalErrorKind::NoSuchNamespace(_)), "{e}");
    let e = rt.var("unqualified").unwrap_err();
    assert!(matches!(e.kind, EvalErrorKind::IllegalArgument(_)), "{e}");
}

#[test]
fn natives_defined_in_rust_are_called_from_evelisp() {
    let rt = runtime();
    let var = rt
        .define_native("my.app/add", |args| {
            Ok(args.get::<i64>(0)? + args.get::<i64>(1)?)
        })
        .unwrap();
    assert_eq!(var.to_string(), "#'my.app/add");
    rt.define_native("my.app/shout", |args| {
        Ok(format!("{}!", args.get::<String>(0)?.to_uppercase()))
    })
    .unwrap();
    rt.define_native("my.app/argc", |args| Ok(args.len() as i64))
        .unwrap();
    assert_eq!(rt.eval_str::<i64>("(my.app/add 40 2)").unwrap(), 42);
    assert_eq!(
        rt.eval_str::<String>("(my.app/shout \"hey\")").unwrap(),
        "HEY!"
    );
    assert_eq!(rt.eval_str::<i64>("(my.app/argc 1 2 3)").unwrap(), 3);
    // A function stored in the env calls the native, and a native is a
    // value like any other function.
    rt.eval_str::<()>("(def twice (fn* [x] (my.app/add x x)))")
        .unwrap();
    assert_eq!(rt.call::<i64>("user/twice", (21,)).unwrap(), 42);
    assert_eq!(rt.eval_str::<i64>("(apply my.app/add [1 2])").unwrap(), 3);
    // A bad argument is a clear error naming the native.
    let e = rt.eval_str::<i64>("(my.app/add 1 \"x\")").unwrap_err();
    assert!(matches!(e.kind, EvalErrorKind::ClassCast(_)), "{e}");
    assert!(e.frames.iter().any(|f| f == "my.app/add"), "{:?}", e.frames);
    let e = rt.eval_str::<i64>("(my.app/add 1)").unwrap_err();
    assert!(matches!(e.kind, EvalErrorKind::IllegalArgument(_)), "{e}");
}

#[test]
fn with_out_captures_this_threads_output() {
    let rt = runtime();
    let (value, out) = rt.with_out(Vec::new(), || {
        rt.eval_str::<i64>("(println \"hello\" 1) (prn :k) 7")
    });
    assert_eq!(value.unwrap(), 7);
    assert_eq!(String::from_utf8(out).unwrap(), "hello 1\n:k\n");
    // Nested captures each get their own text.
    let ((inner, ()), outer) = rt.with_out(Vec::new(), || {
        rt.eval_str::<()>("(print \"a\")").unwrap();
        let inner = rt.with_out(Vec::new(), || {
            rt.eval_str::<()>("(print \"b\")").unwrap();
        });
        rt.eval_str::<()>("(print \"c\")").unwrap();
        (inner.1, ())
    });
    assert_eq!(String::from_utf8(inner).unwrap(), "b");
    assert_eq!(String::from_utf8(outer).unwrap(), "ac");
}

#[test]
fn runtimes_on_other_threads_share_the_world_but_not_their_ns_or_out() {
    let rt = runtime();
    rt.eval_str::<()>("(def counter (atom 0)) (def bump (fn* [] (swap! counter inc)))")
        .unwrap();
    let handle = rt.handle();
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let handle = handle.clone();
            std::thread::spawn(move || {
                let rt = handle.runtime().unwrap();
                let ((), out) = rt.with_out(Vec::new(), || {
                    rt.eval_str::<()>("(in-ns 'elsewhere) (print (ns-name *ns*))")
                        .unwrap();
                });
                for _ in 0..10_000 {
                    rt.call::<i64>("user/bump", ()).unwrap();
                }
                String::from_utf8(out).unwrap()
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), "elsewhere");
    }
    assert_eq!(rt.eval_str::<i64>("@counter").unwrap(), 40_000);
    // This thread's namespace did not move.
    assert_eq!(
        rt.eval_str::<String>("(str (ns-name *ns*))").unwrap(),
        "user"
    );
}

#[test]
fn eval_file_names_the_file_in_errors() {
    let dir = tempfile::tempdir().unwrap();
    let ok = dir.path().join("ok.clj");
    std::fs::write(&ok, "(ns lib.ok)\n(def x 20)\n(+ x 22)\n").unwrap();
    let rt = Runtime::open(dir.path().join("env.eve")).unwrap();
    assert_eq!(rt.eval_file::<i64>(&ok).unwrap(), 42);
    assert_eq!(rt.get::<i64>("lib.ok/x").unwrap(), 20);
    let bad = dir.path().join("bad.clj");
    std::fs::write(&bad, "(def y 1)\n  (nope)\n").unwrap();
    let e = rt.eval_file::<i64>(&bad).unwrap_err();
    let shown = e.to_string();
    assert!(shown.contains("bad.clj:2:3"), "{shown}");
}
