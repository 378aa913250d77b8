//! Agents across processes: an agent made by one process is read, sent to
//! from two processes at once (each sender's actions applied in its order,
//! none lost) and seen updated by a third; a process killed (SIGKILL)
//! while it runs an agent's action does not wedge the agent: the next
//! process that awaits it runs that action again, exactly once.

mod common;
use common::{check_clean, eval_ok, ok, spawn};
use std::time::{Duration, Instant};

#[test]
fn two_processes_send_to_one_agent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("agents.eve");
    eval_ok(
        &env,
        "(def ag (agent [])) (defn note [v tag i] (conj v [tag i]))",
    );
    let sender =
        |tag: &str| format!("(dotimes [i 300] (send ag note {tag} i)) (await ag) (count @ag)");
    let (e1, e2) = (sender(":p1"), sender(":p2"));
    let c1 = spawn(&env, &e1);
    let c2 = spawn(&env, &e2);
    let n1: usize = ok(&e1, c1.wait_with_output().expect("ends"))
        .trim()
        .parse()
        .expect("a count");
    let n2: usize = ok(&e2, c2.wait_with_output().expect("ends"))
        .trim()
        .parse()
        .expect("a count");
    // Each saw at least its own 300 applied when its await returned.
    assert!(n1 >= 300 && n2 >= 300, "{n1} {n2}");
    assert_eq!(
        eval_ok(
            &env,
            "(let [v @ag
                   of (fn [t] (map second (filter #(= t (first %)) v)))]
               [(count v) (= (range 300) (of :p1)) (= (range 300) (of :p2))])"
        ),
        "[600 true true]\n"
    );
    // Updated by one process, seen by the next.
    eval_ok(&env, "(send ag (constantly :reset)) (await ag)");
    assert_eq!(eval_ok(&env, "(pr-str @ag)"), "\":reset\"\n");
    assert_eq!(
        eval_ok(&env, "(re-find #\"\\{.*\\}\" (pr-str ag))"),
        "\"{:status :ready, :val :reset}\"\n"
    );
    check_clean(&env);
}

#[test]
fn a_killed_runner_does_not_wedge_the_agent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("agents-kill.eve");
    eval_ok(
        &env,
        "(def gate (atom :hang)) (def runs (atom 0)) (def k (agent 0))
         (defn slow [s]
           (swap! runs inc)
           (when (= :hang @gate) (Thread/sleep 120000))
           (inc s))",
    );
    // This process runs `slow` and hangs in it (its exit waits for its
    // agent worker), until it is killed.
    let mut runner = spawn(&env, "(send k slow) :sent");
    let deadline = Instant::now() + Duration::from_secs(60);
    while eval_ok(&env, "@runs") != "1\n" {
        assert!(Instant::now() < deadline, "the action never started");
        std::thread::sleep(Duration::from_millis(50));
    }
    runner.kill().expect("SIGKILL");
    runner.wait().expect("reaped");
    eval_ok(&env, "(reset! gate :go)");
    // The killed runner's action is still queued: an await here claims the
    // agent (the kernel dropped the dead process's claim) and runs it.
    assert_eq!(
        eval_ok(&env, "[(await-for 20000 k) @k @runs]"),
        "[true 1 2]\n"
    );
    assert_eq!(
        eval_ok(
            &env,
            "(send k inc) (await-for 20000 k) [@k (agent-error k)]"
        ),
        "[2 nil]\n"
    );
}
