//! One long-lived process and many short ones on one env file, as a REPL
//! left open for days while scripts come and go, some of them killed
//! (issue 14, item 1). A process that ends, normally or by SIGKILL, must
//! give its participant slot back: before, the survivor adopted every dead
//! slot and kept it, and after ~117 short runs every new process failed
//! with "all 120 participant slots are taken".
//!
//! Real processes throughout: one writer for the whole test, 1,000 short
//! processes that exit normally and 300 killed at random moments. Every
//! normal run succeeds, the counter the normal runs bump is exact, the
//! slots in use at the end are the writer's alone, `(evelisp/attached)`
//! lists no dead pid, and `env check` is clean once the writer stops.

mod common;
use common::{Rng, check_clean, env_cmd, eval_ok, spawn};
use std::time::{Duration, Instant};

/// Normal short runs (the figure).
const NORMAL: usize = 1000;
/// Short runs killed by SIGKILL at a random moment.
const KILLED: usize = 300;
/// Swaps each normal run makes on the exact counter.
const EACH: usize = 10;

/// `evelisp env info env`'s stdout.
fn info(env: &std::path::Path) -> String {
    let out = env_cmd("info", env);
    assert!(out.status.success(), "env info: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn short_and_killed_processes_give_their_slots_back_to_a_long_lived_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("weeks.eve");
    eval_ok(
        &env,
        "(def m (atom {})) (def exact (atom 0)) (def stop (atom false)) (def writes (atom 0))",
    );
    // The long-lived writer: keeps updating a shared map until told to stop.
    let mut writer = spawn(
        &env,
        "(loop [] (when-not @stop (swap! m assoc (rand-int 100) @writes) (swap! writes inc) (recur))) @writes",
    );
    let writer_pid = writer.id();
    // Wait until it is writing.
    let start = Instant::now();
    while eval_ok(&env, "@writes") == "0\n" {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the writer never wrote"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    let mut rng = Rng::seeded();
    let normal_expr =
        format!("(dotimes [i {EACH}] (swap! exact inc) (swap! m assoc (rand-int 100) [i]))");
    let killed_expr = "(dotimes [i 100000] (swap! m assoc (rand-int 100) [i]))";
    // Interleave the killed runs among the normal ones, two at a time so
    // a kill often lands while another process is attached.
    let mut kills_left = KILLED;
    for n in 0..NORMAL {
        let victim = (kills_left > 0 && rng.below((NORMAL - n) as u64) < kills_left as u64)
            .then(|| spawn(&env, killed_expr));
        let out = spawn(&env, &normal_expr)
            .wait_with_output()
            .expect("evelisp runs");
        assert!(
            out.status.success(),
            "normal run {n} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if let Some(mut victim) = victim {
            kills_left -= 1;
            std::thread::sleep(Duration::from_millis(rng.below(30)));
            victim.kill().expect("SIGKILL");
            victim.wait().expect("reaped");
        }
    }
    // Whatever is left of the kills (none, unless the draw fell short).
    for _ in 0..kills_left {
        let mut victim = spawn(&env, killed_expr);
        std::thread::sleep(Duration::from_millis(rng.below(30)));
        victim.kill().expect("SIGKILL");
        victim.wait().expect("reaped");
    }

    // The writer is still running: if it stopped, what it said is the
    // failure (its stderr), not the slot count that follows from it.
    if let Ok(Some(status)) = writer.try_wait() {
        let out = writer.wait_with_output().expect("writer's output");
        panic!(
            "the writer ended early ({status}): stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Only the writer holds a slot now, and only live pids are attached.
    let shown = info(&env);
    assert!(
        shown.contains("1 participant slot(s)") && shown.contains(&format!("pid {writer_pid}")),
        "{shown}"
    );
    let attached = eval_ok(&env, "(evelisp/attached)");
    let me_and_writer = attached
        .trim()
        .trim_matches(['[', ']', '(', ')'])
        .split_whitespace()
        .count();
    assert_eq!(me_and_writer, 2, "attached: {attached}");
    assert!(
        attached.contains(&writer_pid.to_string()),
        "attached: {attached}"
    );

    eval_ok(&env, "(reset! stop true)");
    let out = writer.wait_with_output().expect("writer ends");
    assert!(out.status.success(), "writer: {out:?}");
    assert_eq!(eval_ok(&env, "@exact"), format!("{}\n", NORMAL * EACH));
    check_clean(&env);
}
