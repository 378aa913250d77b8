//! Micro-benchmarks of the evaluator: naive recursive `fib`, a
//! 1,000,000-step `loop*`/`recur` sum, making and calling 100,000 closures,
//! and calling a composition of closures 100,000 times.
//!
//! Each workload is defined once as a zero-argument function in an
//! ephemeral env file (a temporary directory removed at the end), so an
//! iteration times only running it: the call form is read and converted
//! outside the timing, and the function's analysis is cached by the
//! interpreter after the warm-up.
//!
//! Same-run baseline: every workload is also written in plain Rust in
//! this file (`rust_*`, group member `rust`), so the figures can be stated
//! as ratios on a noisy machine. The Rust versions keep the algorithms —
//! the doubly recursive `fib` stays doubly recursive, the loop does one
//! checked addition per step (evelisp's `+` detects overflow), each closure
//! is a fresh boxed `dyn Fn` (evelisp allocates a fn object in the env file
//! for each) — and `black_box` keeps the compiler from folding them away.
//!
//! Run with
//! `cargo bench -p evelisp-eval --bench interp -- --warm-up-time 1 --measurement-time 5`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use evelisp_eval::Interp;
use evelisp_heap::{Env, EnvOptions, Value};
use std::hint::black_box;

/// The `fib` argument: fib(20) makes 21,891 calls of `fib`.
const FIB_N: i64 = 20;
/// Steps of the `loop*`/`recur` sum.
const LOOP_STEPS: i64 = 1_000_000;
/// Closures made and called (and calls of the composition).
const CLOSURES: i64 = 100_000;

/// The evelisp definitions of the workloads, each ending in a zero-argument
/// function `bench-*` that runs one iteration.
const PROGRAM: &str = r#"
(def fib (fn* [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))
(def bench-fib (fn* [] (fib 20)))

(def bench-loop
  (fn* [] (loop* [i 0 acc 0] (if (< i 1000000) (recur (inc i) (+ acc i)) acc))))

(def bench-closures
  (fn* [] (loop* [i 0 acc 0]
            (if (< i 100000) (recur (inc i) ((fn* [x] (+ x i)) acc)) acc))))

(def comp2 (fn* [f g] (fn* [x] (f (g x)))))
(def bench-compose
  (fn* [] (let* [h (comp2 (fn* [x] (+ x 1)) (comp2 inc (fn* [x] (- x 2))))]
            (loop* [i 0 acc 0] (if (< i 100000) (recur (inc i) (h acc)) acc)))))
"#;

/// Naive doubly recursive Fibonacci (the `fib` workload in Rust).
fn rust_fib(n: i64) -> i64 {
    if n < 2 {
        n
    } else {
        rust_fib(n - 1) + rust_fib(n - 2)
    }
}

/// The `loop*` sum in Rust: one checked addition per step, as `+` checks.
fn rust_loop(steps: i64) -> i64 {
    let mut acc: i64 = 0;
    let mut i = 0;
    while i < black_box(steps) {
        acc = acc.checked_add(i).expect("no overflow");
        i += 1;
    }
    acc
}

/// The closure workload in Rust: a fresh boxed closure capturing `i` per
/// step, called once.
fn rust_closures(count: i64) -> i64 {
    let mut acc = 0;
    for i in 0..black_box(count) {
        let f: Box<dyn Fn(i64) -> i64> = Box::new(move |x| x + i);
        acc = black_box(f)(acc);
    }
    acc
}

/// Composition of two boxed functions (`comp2` in Rust).
fn comp2(f: Box<dyn Fn(i64) -> i64>, g: Box<dyn Fn(i64) -> i64>) -> Box<dyn Fn(i64) -> i64> {
    Box::new(move |x| f(g(x)))
}

/// The composition workload in Rust: the same three-function composition
/// called `count` times.
fn rust_compose(count: i64) -> i64 {
    let h = comp2(
        Box::new(|x| x + 1),
        comp2(Box::new(|x| x + 1), Box::new(|x| x - 2)),
    );
    let h = black_box(h);
    let mut acc = 0;
    for _ in 0..black_box(count) {
        acc = h(acc);
    }
    acc
}

/// The call form `(name)`, read and converted once, outside the timing.
fn call_form<'e>(interp: &Interp<'e>, name: &str) -> Value<'e> {
    interp
        .eval_str(&format!("'({name})"), None)
        .expect("the call form reads")
}

/// Runs `form` once and gives its value as a number.
fn run(interp: &Interp<'_>, form: &Value<'_>) -> i64 {
    let value = interp.eval(form.borrowed()).expect("the workload runs");
    let text = evelisp_eval::pr_str(value.borrowed()).expect("prints");
    text.parse().expect("a number")
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let env = Env::open_with(
        dir.path().join("bench.eve"),
        &EnvOptions::new().map_size(1 << 30),
    )
    .expect("an ephemeral env file");
    let interp = Interp::new(&env).expect("an interpreter");
    interp
        .eval_str(PROGRAM, Some("bench.clj"))
        .expect("the workloads define");

    // (name, evelisp function, Rust baseline, expected result)
    let workloads: [(&str, &str, &dyn Fn() -> i64, i64); 4] = [
        ("fib20", "bench-fib", &|| rust_fib(black_box(FIB_N)), 6765),
        (
            "loop_recur_1m",
            "bench-loop",
            &|| rust_loop(LOOP_STEPS),
            LOOP_STEPS * (LOOP_STEPS - 1) / 2,
        ),
        (
            "closures_100k",
            "bench-closures",
            &|| rust_closures(CLOSURES),
            CLOSURES * (CLOSURES - 1) / 2,
        ),
        (
            "compose_100k",
            "bench-compose",
            &|| rust_compose(CLOSURES),
            0,
        ),
    ];
    for (name, function, baseline, expected) in workloads {
        let form = call_form(&interp, function);
        // Both versions compute the same thing (and the analysis is cached
        // before timing starts).
        assert_eq!(run(&interp, &form), expected, "{name} in evelisp");
        assert_eq!(baseline(), expected, "{name} in Rust");
        let mut group = c.benchmark_group(name);
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("evelisp", name), |b| {
            b.iter(|| black_box(interp.eval(form.borrowed()).expect("runs")))
        });
        group.bench_function(BenchmarkId::new("rust", name), |b| {
            b.iter(|| black_box(baseline()))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
