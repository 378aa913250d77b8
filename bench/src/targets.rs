//! The issues' targets (7: the shared state; 17: the interpreter's speed;
//! 18: the nREPL server's round trip; 19: JSON parsing),
//! checked against this run's figures: each target names the figures it
//! needs and says met, missed, or not measured.

use crate::report::{Report, Target, fmt_num, fmt_ratio};
use crate::workloads::{counter, interp, json, map_update, nrepl, reads, startup};

fn ratio_target(
    report: &Report,
    target: &str,
    id: &str,
    group: &str,
    peer: &str,
    at_least: f64,
) -> Target {
    match report.ratio(id, group, peer) {
        Some(r) => Target {
            target: target.into(),
            measured: fmt_ratio(r),
            met: Some(r >= at_least),
        },
        None => Target {
            target: target.into(),
            measured: "—".into(),
            met: None,
        },
    }
}

/// Evaluates every target of issues 7, 17 and 18 on `report`.
pub fn evaluate(report: &Report) -> Vec<Target> {
    let p2 = counter::group_name(2);
    let mut t = vec![
        ratio_target(
            report,
            "Shared counter, 2 processes: ≥ 10× Redis INCR",
            "counter",
            &p2,
            counter::REDIS,
            10.0,
        ),
        ratio_target(
            report,
            "Shared counter, 2 processes: ≥ 10× SQLite",
            "counter",
            &p2,
            counter::SQLITE,
            10.0,
        ),
        ratio_target(
            report,
            "Shared counter, 2 processes: ≥ 0.5× the JVM Clojure atom with 2 threads",
            "counter",
            &p2,
            counter::JVM,
            0.5,
        ),
    ];
    let p50 = |k: u64| {
        report.median(
            "map_update",
            &map_update::group_name(k, 1),
            map_update::EVELISP,
        )
    };
    t.push(match p50(1_000_000) {
        Some(x) => Target {
            target: "Map update on 1,000,000 keys: p50 ≤ 5 µs".into(),
            measured: format!("{} µs", fmt_num(x)),
            met: Some(x <= 5.0),
        },
        None => Target {
            target: "Map update on 1,000,000 keys: p50 ≤ 5 µs".into(),
            measured: "—".into(),
            met: None,
        },
    });
    let sizes: Vec<Option<f64>> = map_update::SIZES.iter().map(|k| p50(*k)).collect();
    t.push(match sizes.iter().copied().collect::<Option<Vec<f64>>>() {
        Some(v) => {
            let base = v[0];
            let worst = v.iter().map(|x| (x / base - 1.0).abs()).fold(0.0, f64::max);
            Target {
                target: "Map update p50 flat (±30%) from 1,000 to 1,000,000 keys".into(),
                measured: format!(
                    "{} µs (largest change vs 1,000 keys: {:.0}%)",
                    v.iter()
                        .map(|x| fmt_num(*x))
                        .collect::<Vec<_>>()
                        .join(" / "),
                    worst * 100.0
                ),
                met: Some(worst <= 0.30),
            }
        }
        None => Target {
            target: "Map update p50 flat (±30%) from 1,000 to 1,000,000 keys".into(),
            measured: "—".into(),
            met: None,
        },
    });
    let p1 = reads::group_name(1);
    t.push(ratio_target(
        report,
        "Shared read: ≥ 20× Redis GET unpipelined",
        "reads",
        &p1,
        reads::REDIS,
        20.0,
    ));
    t.push(ratio_target(
        report,
        "Shared read: within 2× of in-process JVM Clojure get (≥ 0.5×)",
        "reads",
        &p1,
        reads::JVM,
        0.5,
    ));
    t.push(
        match report.median("startup", startup::EXISTING, startup::EVELISP) {
            Some(ms) => Target {
                target: "Startup (`evelisp -e nil`, existing env) under 5 ms".into(),
                measured: format!("{} ms", fmt_num(ms)),
                met: Some(ms < 5.0),
            },
            None => Target {
                target: "Startup (`evelisp -e nil`, existing env) under 5 ms".into(),
                measured: "—".into(),
                met: None,
            },
        },
    );
    t.extend(issue_17(report));
    t.extend(issue_18(report));
    t.extend(issue_19(report));
    t
}

/// The targets of issue 19 (scripting libraries): parsing 20 MB of JSON at
/// least as fast as Python's `json.loads` and as JVM cheshire after warm-up.
fn issue_19(report: &Report) -> Vec<Target> {
    vec![
        ratio_target(
            report,
            "JSON parse 20 MB: ≥ 1× Python json.loads",
            "json",
            json::PARSE,
            json::PYTHON,
            1.0,
        ),
        ratio_target(
            report,
            "JSON parse 20 MB: ≥ 1× JVM cheshire after warm-up",
            "json",
            json::PARSE,
            json::JVM_CHESHIRE,
            1.0,
        ),
    ]
}

/// The group of the interpreter workload whose name starts with `prefix`.
fn interp_group(report: &Report, prefix: &str) -> Option<String> {
    report
        .section("interp")?
        .groups
        .iter()
        .find(|g| g.name.starts_with(prefix))
        .map(|g| g.name.clone())
}

/// The targets of issue 17 ("Faster than CPython and babashka").
fn issue_17(report: &Report) -> Vec<Target> {
    let mut t = Vec::new();
    let interp = [
        ("fib", "fib 27: ≥ 2× Python", interp::PYTHON, 2.0),
        ("loop", "loop/recur 10M: ≥ 4× Python", interp::PYTHON, 4.0),
        (
            "200,000-key",
            "map-build 200k: ≥ 1.5× JVM Clojure after warm-up",
            interp::JVM,
            1.5,
        ),
        ("200,000-key", "map-build 200k: ≥ 1× nbb", interp::NBB, 1.0),
        ("(reduce", "map-inc 1M: ≥ 0.5× Python", interp::PYTHON, 0.5),
        ("(reduce", "map-inc 1M: ≥ 1× nbb", interp::NBB, 1.0),
        ("join", "str-build 200k: ≥ 0.5× Python", interp::PYTHON, 0.5),
        ("join", "str-build 200k: ≥ 1× nbb", interp::NBB, 1.0),
    ];
    for (prefix, target, peer, at_least) in interp {
        let group = interp_group(report, prefix).unwrap_or_default();
        t.push(ratio_target(
            report, target, "interp", &group, peer, at_least,
        ));
    }
    t.push(ratio_target(
        report,
        "Shared counter, 2 processes: ≥ 8× Python multiprocessing.Value",
        "counter",
        &counter::group_name(2),
        counter::PYTHON,
        8.0,
    ));
    let p50 = report.median(
        "map_update",
        &map_update::group_name(1_000_000, 1),
        map_update::EVELISP,
    );
    t.push(Target {
        target: "Map update on 1,000,000 keys: p50 ≤ 2.5 µs".into(),
        measured: p50.map_or("—".into(), |x| format!("{} µs", fmt_num(x))),
        met: p50.map(|x| x <= 2.5),
    });
    t.push(ratio_target(
        report,
        "Shared read, 1M keys: ≥ 1× in-process JVM Clojure get",
        "reads",
        &reads::group_name(1),
        reads::JVM,
        1.0,
    ));
    t
}

/// The targets of issue 18 ("An nREPL server"): an `eval` round trip's p50
/// at most 200 µs, and no slower than JVM nREPL's in the same run, both to
/// the `done` response and to the `value` (JVM nREPL's `done` waits for a
/// delayed ACK; see the workload's notes).
fn issue_18(report: &Report) -> Vec<Target> {
    let p50 = report.median("nrepl", nrepl::GROUP, nrepl::EVELISP);
    vec![
        Target {
            target: "nREPL eval round trip: p50 ≤ 200 µs".into(),
            measured: p50.map_or("—".into(), |x| format!("{} µs", fmt_num(x))),
            met: p50.map(|x| x <= 200.0),
        },
        ratio_target(
            report,
            "nREPL eval round trip: p50 ≤ JVM nREPL 1.0's (≥ 1×), to done",
            "nrepl",
            nrepl::GROUP,
            nrepl::JVM,
            1.0,
        ),
        ratio_target(
            report,
            "nREPL eval round trip: p50 ≤ JVM nREPL 1.0's (≥ 1×), to the value",
            "nrepl",
            nrepl::GROUP_VALUE,
            nrepl::JVM,
            1.0,
        ),
    ]
}
