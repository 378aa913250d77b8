//! The heart of evelisp, seen from the command line: separate `evelisp`
//! processes on one env file share one world. A var, an atom and a
//! function defined by one process are there for the next; several
//! processes calling that function at once never lose an update; and the
//! file checks clean afterwards.

mod common;
use common::{check_clean, eval, eval_ok};
use std::process::Command;

#[test]
fn an_atom_and_a_function_defined_by_one_process_are_used_by_the_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("shared.eve");

    // Process A defines an atom and a function over it.
    let a = eval_ok(
        &env,
        "(def counter (atom 0)) (def bump (fn* [] (swap! counter inc)))",
    );
    assert_eq!(a, "#'user/bump\n");

    // Process B calls A's function and reads the atom.
    assert_eq!(eval_ok(&env, "(bump) (bump) @counter"), "2\n");

    // Process B2, in another namespace, calls it by its qualified name,
    // and through a var of its own.
    assert_eq!(
        eval_ok(
            &env,
            "(ns elsewhere) (def twice (fn* [] (user/bump) (user/bump))) (twice)"
        ),
        "4\n"
    );
    assert_eq!(eval_ok(&env, "(elsewhere/twice) (bump) @counter"), "7\n");
    assert_eq!(eval_ok(&env, "(swap! counter (fn* [_] 2))"), "2\n");

    // Process C sees B's updates, and a closure A never saw.
    assert_eq!(
        eval_ok(
            &env,
            "(def adder (fn* [n] (fn* [x] (+ x n)))) (def add10 (adder 10)) (add10 @counter)"
        ),
        "12\n"
    );
    // Process D calls the closure C made (its captured local lives in the file).
    assert_eq!(eval_ok(&env, "(add10 (bump))"), "13\n");
    // Redefining a function in one process changes it for every later caller.
    eval_ok(
        &env,
        "(def bump (fn* [] (swap! counter (fn* [c] (+ c 100)))))",
    );
    assert_eq!(eval_ok(&env, "(bump)"), "103\n");
    check_clean(&env);
}

#[test]
fn concurrent_processes_never_lose_an_update() {
    const PROCESSES: usize = 4;
    const EACH: i64 = 500;
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("counter.eve");

    eval_ok(
        &env,
        "(def counter (atom 0)) (def bump (fn* [] (swap! counter inc)))",
    );
    // Something there already, so the final count is "earlier + P×N".
    let before: i64 = eval_ok(&env, "(bump) (bump) (bump) @counter")
        .trim()
        .parse()
        .expect("a number");
    assert_eq!(before, 3);

    let expr = format!("(loop* [i 0] (if (< i {EACH}) (do (bump) (recur (inc i)))))");
    let children: Vec<_> = (0..PROCESSES)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_evelisp"))
                .arg("--env")
                .arg(&env)
                .args(["-e", &expr])
                .env_remove("EVELISP_ENV")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("evelisp starts")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("evelisp runs");
        assert!(
            out.status.success(),
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "",
            "the loop returns nil"
        );
    }

    let after: i64 = eval_ok(&env, "@counter").trim().parse().expect("a number");
    assert_eq!(after, before + PROCESSES as i64 * EACH);
    check_clean(&env);
}

#[test]
fn an_error_in_one_process_leaves_the_env_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("robust.eve");
    eval_ok(&env, "(def a (atom [1 2 3]))");
    // A swap! whose function fails changes nothing.
    let out = eval(&env, "(swap! a (fn* [v] (inc v)))");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(eval_ok(&env, "@a"), "[1 2 3]\n");
    check_clean(&env);
}

#[test]
fn a_macro_defined_by_one_process_expands_in_the_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("macros.eve");
    // Process A defines a macro (with syntax-quote and an auto-gensym) and
    // a function whose body used it.
    eval_ok(
        &env,
        "(ns tools)
         (defmacro unless [test then else] `(if ~test ~else ~then))
         (defmacro twice [x] `(let* [v# ~x] (+ v# v#)))
         (def sign (fn* [n] (unless (< n 0) :non-negative :negative)))",
    );
    // Process B, in a namespace of its own, uses the macro and the function.
    assert_eq!(
        eval_ok(
            &env,
            "(ns app) [(tools/unless false 1 2) (tools/twice 21) (tools/sign -5)]"
        ),
        "[1 42 :negative]\n"
    );
    // Process C redefines the macro; code expanded after that sees it, the
    // function expanded before keeps its expansion (as in Clojure).
    eval_ok(
        &env,
        "(ns tools) (defmacro unless [test then else] `(if ~test ~then ~else))",
    );
    assert_eq!(
        eval_ok(&env, "[(tools/unless true 1 2) (tools/sign -5)]"),
        "[1 :negative]\n"
    );
}

#[test]
fn each_process_keeps_its_own_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("out.eve");
    eval_ok(
        &env,
        "(def chatter (fn* [tag n] (loop* [i 0] (if (< i n) (do (println tag i) (recur (inc i))) nil))))",
    );
    // Two processes print through one shared function at the same time;
    // each one's output holds its own lines only, all of them.
    let run = |tag: &str| {
        Command::new(env!("CARGO_BIN_EXE_evelisp"))
            .arg("--env")
            .arg(&env)
            .args(["-e", &format!("(chatter \"{tag}\" 2000)")])
            .env_remove("EVELISP_ENV")
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("evelisp runs")
    };
    let (a, b) = (run("a"), run("b"));
    for (child, tag) in [(a, "a"), (b, "b")] {
        let out = child.wait_with_output().expect("evelisp runs");
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).expect("utf-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2000, "{tag}");
        for (i, line) in lines.iter().enumerate() {
            assert_eq!(*line, format!("{tag} {i}"));
        }
    }
}

#[test]
fn a_native_defined_by_an_embedder_is_named_in_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("native.eve");
    {
        // This test process embeds evelisp and defines a native.
        let rt = evelisp::Runtime::open(&env).expect("runtime");
        rt.define_native("host.app/add", |args| {
            Ok(args.get::<i64>(0)? + args.get::<i64>(1)?)
        })
        .expect("native");
        rt.eval_str::<()>("(def add-one (fn* [x] (host.app/add x 1)))")
            .expect("def");
        assert_eq!(rt.call::<i64>("user/add-one", (41,)).expect("call"), 42);
    }
    // Another process sees the var and the function; calling the native it
    // lacks is a clear error, not a crash, and the env stays intact.
    assert_eq!(eval_ok(&env, "(fn? add-one)"), "true\n");
    let out = eval(&env, "(add-one 1)");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "the env names native function host.app/add, which this process has not defined"
        ),
        "{stderr}"
    );
    check_clean(&env);
}

#[test]
fn a_defn_in_one_process_is_called_in_the_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("defn.eve");
    assert_eq!(eval_ok(&env, "(defn f [x] (* 2 x))"), "#'user/f\n");
    assert_eq!(eval_ok(&env, "(f 21)"), "42\n");
    // A closure over a destructured local, made in one process...
    eval_ok(
        &env,
        "(defn make-greeter [{:keys [greeting]}] (fn [n] (str greeting \", \" n)))
         (def hello (make-greeter {:greeting \"hello\"}))",
    );
    // ...called in another; redefining f there is seen by the next.
    assert_eq!(eval_ok(&env, "(hello \"B\")"), "\"hello, B\"\n");
    eval_ok(&env, "(defn f [x] (* 3 x))");
    assert_eq!(eval_ok(&env, "(f 21)"), "63\n");
    check_clean(&env);
}

#[test]
fn frames_name_a_function_by_the_namespace_that_defines_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("frames.eve");
    eval_ok(&env, "(ns a) (defn boom [] (throw (ex-info \"x\" {})))");
    let out = eval(&env, "(ns b) (a/boom)");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("at a/boom"), "{stderr}");
    assert!(!stderr.contains("b/boom"), "{stderr}");
}

#[test]
fn attached_lists_the_processes_on_the_env() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("attached.eve");
    eval_ok(&env, "(def ready (promise)) (def done (promise))");
    // Process A stays attached until told to go.
    let a = common::spawn(&env, "(deliver ready true) (deref done 60000 :timed-out)");
    let a_pid = a.id();
    assert_eq!(eval_ok(&env, "(deref ready 60000 :timed-out)"), "true\n");
    let listed = eval_ok(&env, "(evelisp/attached)");
    assert!(listed.contains(&a_pid.to_string()), "{a_pid} in {listed}");
    eval_ok(&env, "(deliver done :go)");
    let out = a.wait_with_output().expect("A ends");
    assert_eq!(String::from_utf8_lossy(&out.stdout), ":go\n");
    // A is gone: only the asking process is listed now.
    let listed = eval_ok(&env, "(count (evelisp/attached))");
    assert_eq!(listed, "1\n");
}

#[test]
fn checkpoint_from_evelisp_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("ckpt.eve");
    let first: i64 = eval_ok(&env, "(def x 1) (evelisp/checkpoint!)")
        .trim()
        .parse()
        .expect("a sequence number");
    let second: i64 = eval_ok(&env, "(evelisp/checkpoint!)")
        .trim()
        .parse()
        .expect("a sequence number");
    assert!(first > 0 && second > first, "{first} then {second}");
    check_clean(&env);
}

#[test]
fn a_watch_and_a_validator_added_by_one_process_act_in_the_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("watch.eve");
    eval_ok(
        &env,
        "(def balance (atom 10)) (def log (atom []))
         (add-watch balance :audit (fn [_ _ old new] (swap! log conj [old new])))
         (set-validator! balance (fn [v] (>= v 0)))",
    );
    // Another process changes the atom: the watch runs there.
    assert_eq!(eval_ok(&env, "(swap! balance - 3)"), "7\n");
    // A third process is refused by the validator; nothing changes.
    let out = eval(&env, "(swap! balance - 100)");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Invalid reference state"));
    assert_eq!(eval_ok(&env, "[@balance @log]"), "[7 [[10 7]]]\n");
    check_clean(&env);
}
