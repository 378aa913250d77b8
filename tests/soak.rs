//! The soak test of issue 14: one env file used as people use it for weeks,
//! compressed. A long-lived writer runs for the whole test while short
//! processes come and go: most exit normally, some are killed by SIGKILL
//! at random moments, some run a slow `swap!` function, and `env check`
//! runs now and then while all of that goes on. Nothing fails, the counts
//! are exact, every concurrent check is clean, the file stops growing, and
//! at the end a lone open sweeps what the killed processes leaked.
//!
//! Short by default (part of `cargo test`); `EVELISP_SOAK_SECS=3600 cargo
//! test --test soak -- --nocapture` runs it for an hour.

mod common;
use common::{Rng, check_clean, env_cmd, eval_ok, spawn};
use std::process::{Child, Output};
use std::time::{Duration, Instant};

fn assert_success(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what}: {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Waits for `child` and asserts it succeeded.
fn finish(what: &str, child: Child) {
    let out = child.wait_with_output().expect("evelisp runs");
    assert_success(what, &out);
}

/// A value of `env info`'s output (`name: value ...`): the first number.
fn info_bytes(info: &str, field: &str) -> u64 {
    info.lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no {field} in env info:\n{info}"))
}

#[test]
fn a_long_lived_writer_short_runs_kills_slow_swaps_and_live_checks() {
    let secs: u64 = std::env::var("EVELISP_SOAK_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(25);
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("soak.eve");
    eval_ok(
        &env,
        "(def m (atom {})) (def exact (atom 0)) (def slow (atom 0)) (def stop (atom false)) (def writes (atom 0))",
    );
    let writer = spawn(
        &env,
        "(loop [] (when-not @stop (swap! m assoc (rand-int 200) (vec (range (rand-int 8)))) (swap! writes inc) (recur))) @writes",
    );
    eprintln!("soak: {secs} s");
    let mut rng = Rng::seeded();

    let (mut normal, mut killed, mut slow, mut checks) = (0u64, 0u64, 0u64, 0u64);
    let mut slow_running: Vec<Child> = Vec::new();
    let mut lengths = Vec::new();
    let start = Instant::now();
    let deadline = start + Duration::from_secs(secs);
    while Instant::now() < deadline {
        match rng.below(10) {
            0..=4 => {
                let out = spawn(
                    &env,
                    "(dotimes [i 10] (swap! exact inc) (swap! m assoc (rand-int 200) i))",
                )
                .wait_with_output()
                .expect("evelisp runs");
                assert_success("normal run", &out);
                normal += 1;
            }
            5 | 6 => {
                let mut victim = spawn(
                    &env,
                    "(dotimes [i 1000000] (swap! m assoc (rand-int 200) {:i i :s (str i)}))",
                );
                std::thread::sleep(Duration::from_millis(rng.below(40)));
                victim.kill().expect("SIGKILL");
                victim.wait().expect("reaped");
                killed += 1;
            }
            7 => {
                // A slow swap function, left running while the rest goes on.
                slow_running.push(spawn(
                    &env,
                    "(swap! slow (fn [x] (Thread/sleep 400) (inc x)))",
                ));
                slow += 1;
                if slow_running.len() > 3 {
                    finish("slow swap", slow_running.remove(0));
                }
            }
            _ => {
                let out = env_cmd("check", &env);
                assert_success("env check on the live file", &out);
                checks += 1;
                let info = String::from_utf8_lossy(&env_cmd("info", &env).stdout).into_owned();
                lengths.push(info_bytes(&info, "length:"));
            }
        }
    }
    for child in slow_running {
        finish("slow swap", child);
    }
    eval_ok(&env, "(reset! stop true)");
    finish("writer", writer);
    eprintln!(
        "soak: {normal} normal, {killed} killed, {slow} slow swaps, {checks} live checks; lengths {lengths:?}"
    );

    assert_eq!(eval_ok(&env, "@exact"), format!("{}\n", normal * 10));
    assert_eq!(eval_ok(&env, "@slow"), format!("{slow}\n"));
    check_clean(&env);
    // Bounded: the length over the second half of the run stays within
    // what the first half reached plus what the kills there may leak
    // (each kill leaks at most its thread cache and values in flight).
    if lengths.len() >= 4 {
        let half = lengths.len() / 2;
        let first = *lengths[..half].iter().max().unwrap_or(&0);
        let last = *lengths.last().unwrap_or(&0);
        assert!(
            last <= 2 * first + (8 << 20),
            "the file kept growing: {lengths:?}"
        );
    }
    // Alone now: the next open sweeps what the killed processes leaked.
    eval_ok(&env, "nil");
    let info = String::from_utf8_lossy(&env_cmd("info", &env).stdout).into_owned();
    assert_eq!(info_bytes(&info, "unreachable:"), 0, "{info}");
}
