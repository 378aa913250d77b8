//! Processes started by evelisp scripts with real programs (issue 19):
//! `clojure.java.shell/sh` and `babashka.process` running `sh`, `cat`,
//! `false`, a program that does not exist (a clear error, the script and
//! its env file intact), a pipeline of three, a 100 MB output read line
//! by line with the evelisp process's peak memory measured, a process
//! killed while it is read, and `destroy-tree` reaching grandchildren.

mod common;
use common::{check_clean, eval, eval_ok};
use std::path::Path;
use std::time::{Duration, Instant};

/// Runs `src` in a fresh env file of `dir`; stdout, which must succeed.
fn run(dir: &Path, src: &str) -> String {
    eval_ok(&dir.join("env.eve"), src)
}

#[test]
fn real_programs_through_clojure_java_shell() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(
        dir.path(),
        r#"(require '[clojure.java.shell :refer [sh]])
           (prn (sh "sh" "-c" "echo $((6 * 7)); echo oops >&2; exit 4"))
           (prn (sh "cat" :in "fed to cat"))
           (prn (sh "false"))"#,
    );
    assert_eq!(
        out,
        "{:exit 4, :out \"42\\n\", :err \"oops\\n\"}\n\
         {:exit 0, :out \"fed to cat\", :err \"\"}\n\
         {:exit 1, :out \"\", :err \"\"}\n"
    );
}

#[test]
fn a_missing_program_is_a_clear_error_and_the_env_stays_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("env.eve");
    let out = eval_ok(
        &env,
        r#"(require '[babashka.process :as p])
           (def before (atom 1))
           (prn (try (p/process "evelisp-no-such-program --flag")
                     (catch java.io.IOException e (ex-message e))))
           (swap! before inc)
           (prn (:out (p/sh "echo" "after")) @before)"#,
    );
    assert_eq!(
        out,
        "\"Cannot run program \\\"evelisp-no-such-program\\\": error=2, No such file or directory\"\n\
         \"after\\n\" 2\n"
    );
    // Uncaught, it ends the script with the message, and the env is
    // usable by the next process.
    let failed = eval(&env, r#"(clojure.java.shell/sh "evelisp-no-such-program")"#);
    assert!(!failed.status.success());
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(
        err.contains("Cannot run program \"evelisp-no-such-program\""),
        "{err}"
    );
    assert_eq!(eval_ok(&env, "(prn @before)"), "2\n");
    check_clean(&env);
}

#[test]
fn check_throws_on_a_non_zero_exit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(
        dir.path(),
        r#"(require '[babashka.process :as p])
           (prn (try (p/check (p/process "false")) :no-throw
                     (catch clojure.lang.ExceptionInfo e [(ex-message e) (:exit (ex-data e))])))
           (prn (:exit (p/shell {:continue true :out :string} "false")))"#,
    );
    assert_eq!(out, "[\"\" 1]\n1\n");
}

#[test]
fn a_pipeline_of_three_streams_through_os_pipes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(
        dir.path(),
        r#"(require '[babashka.process :as p])
           (prn (-> (p/process ["seq" "1" "100000"])
                    (p/process ["grep" "7"])
                    (p/process ["wc" "-l"])
                    :out slurp clojure.string/trim))
           ;; an endless first process: only real pipes let it end
           (prn (-> (p/process "yes abc") (p/process "cat") (p/process "head -n 3") :out slurp))"#,
    );
    // The numbers 1..=100000 with a 7: all but the 9^5 - 1 of 1..=99999
    // without one, and 100000.
    let with_seven = 100_000 - (9_i64.pow(5) - 1) - 1;
    assert_eq!(with_seven, 40951);
    assert_eq!(out, format!("\"{with_seven}\"\n\"abc\\nabc\\nabc\\n\"\n"));
}

/// Reads a process's output line by line with `.readLine`: [lines chars].
const READ_LINES: &str = "(loop [lines 0 chars 0]
                            (if-let [l (.readLine r)]
                              (recur (inc lines) (+ chars (count l)))
                              [lines chars]))";

/// Reads it through `line-seq`: [lines chars].
const LINE_SEQ: &str = "(reduce (fn [[n c] l] [(inc n) (+ c (count l))]) [0 0] (line-seq r))";

/// The peak resident memory (VmHWM, kB) a script reading `mb` MB of a
/// process's output with `read` (over the reader `r`) reports for
/// itself, after the result it printed.
fn peak_after_reading(dir: &Path, mb: u64, read: &str) -> (String, u64) {
    let src = format!(
        r#"(require '[babashka.process :as p] '[clojure.java.io :as io] '[clojure.string :as str])
           (let [proc (p/process ["sh" "-c" "yes 0123456789012345678901234567890123456789012345678 | head -c {bytes}"])
                 result (with-open [r (io/reader (:out proc))] {read})]
             (prn result (:exit @proc)))
           (println (some #(when (str/starts-with? % "VmHWM:") (re-find #"\d+" %))
                          (str/split-lines (slurp "/proc/self/status"))))"#,
        bytes = mb * 1024 * 1024
    );
    let out = run(dir, &src);
    let mut lines = out.lines();
    let result = lines.next().unwrap_or_default().to_string();
    let peak = lines
        .next()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(u64::MAX);
    (result, peak)
}

#[test]
fn a_100_mb_output_is_read_lazily_in_small_memory() {
    for read in [READ_LINES, LINE_SEQ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let small = tempfile::tempdir().expect("temp dir");
        let (r1, base) = peak_after_reading(small.path(), 1, read);
        assert_eq!(r1, "[20972 1027605] 0");
        let (r100, peak) = peak_after_reading(dir.path(), 100, read);
        // 100 MB of 50-byte lines: 2097152 lines of 49 characters.
        assert_eq!(r100, "[2097152 102760448] 0");
        let growth_kb = peak.saturating_sub(base);
        eprintln!("peak RSS {peak} kB reading 100 MB, {base} kB reading 1 MB ({read})");
        assert!(
            growth_kb < 100 * 1024,
            "reading 100 MB grew the peak RSS by {growth_kb} kB ({base} -> {peak}): {read}"
        );
    }
}

#[test]
fn a_process_killed_mid_read_ends_its_stream() {
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let out = run(
        dir.path(),
        r#"(require '[babashka.process :as p] '[clojure.java.io :as io])
           (let [proc (p/process ["sh" "-c" "echo first; exec sleep 60"])
                 r (io/reader (:out proc))]
             (prn (.readLine r))
             (p/destroy proc)
             (prn (.readLine r))
             (prn (:exit @proc) (p/alive? proc)))
           (let [proc (p/process ["sh" "-c" "echo one; exec sleep 60"])
                 r (io/reader (:out proc))]
             (.readLine r)
             (.destroyForcibly (:proc proc))
             (prn (line-seq r) (:exit @proc)))"#,
    );
    assert_eq!(out, "\"first\"\nnil\n143 false\nnil 137\n");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "it waited for sleep"
    );
}

fn alive(pid: u32) -> bool {
    // A killed grandchild may stay a zombie until its reaper runs.
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        s.rsplit(')')
            .next()
            .is_some_and(|r| !r.trim_start().starts_with('Z'))
    })
}

fn gone_within(pid: u32, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if !alive(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// Starts `sh` with a grandchild `sleep`, stops `sh` with `how`
/// (`destroy` or `destroy-tree`); the grandchild's pid.
fn grandchild_after(dir: &Path, how: &str) -> u32 {
    let out = run(
        dir,
        &format!(
            r#"(require '[babashka.process :as p] '[clojure.java.io :as io])
               (let [proc (p/process ["sh" "-c" "sleep 120 & echo $!; wait"])
                     pid (.readLine (io/reader (:out proc)))]
                 (p/{how} proc)
                 (println pid (:exit @proc)))"#
        ),
    );
    let mut parts = out.split_whitespace();
    let pid = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    assert_eq!(parts.next(), Some("143"), "{out}");
    pid
}

#[test]
fn destroy_tree_kills_grandchildren_and_destroy_does_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let survivor = grandchild_after(dir.path(), "destroy");
    assert!(survivor > 0);
    let survived = alive(survivor);
    // Clean up before asserting.
    let _ = std::process::Command::new("kill")
        .arg(survivor.to_string())
        .status();
    assert!(survived, "destroy alone killed the grandchild {survivor}");
    let pid = grandchild_after(dir.path(), "destroy-tree");
    assert!(pid > 0);
    assert!(
        gone_within(pid, Duration::from_secs(5)),
        "the grandchild {pid} outlived destroy-tree"
    );
}

/// Runs a script starting `sleep` with `opts`, which prints its pid and
/// ends without waiting for it; the pid.
fn sleeper_left_by(dir: &Path, opts: &str) -> u32 {
    let out = run(
        dir,
        &format!(
            r#"(require '[babashka.process :as p])
               (println (.pid (:proc (p/process {opts} "sleep 120"))))"#
        ),
    );
    out.trim().parse().unwrap_or(0)
}

#[test]
fn shutdown_hooks_run_when_the_script_ends() {
    let dir = tempfile::tempdir().expect("temp dir");
    let left = sleeper_left_by(dir.path(), "{}");
    assert!(left > 0);
    let survived = alive(left);
    let _ = std::process::Command::new("kill")
        .arg(left.to_string())
        .status();
    assert!(survived, "the process {left} ended without a hook");
    let pid = sleeper_left_by(dir.path(), "{:shutdown p/destroy-tree}");
    assert!(pid > 0);
    assert!(
        gone_within(pid, Duration::from_secs(5)),
        "the :shutdown hook did not stop {pid}"
    );
    // A hook's error is reported; the others still run.
    let out = eval(
        &dir.path().join("env.eve"),
        r#"(require '[babashka.process :as p])
           (p/process {:shutdown (fn [_] (throw (ex-info "hook failed" {})))} "true")
           (p/process {:shutdown (fn [_] (println "second hook ran"))} "true")
           nil"#,
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "second hook ran\n");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("hook failed"),
        "{out:?}"
    );
}

#[test]
fn finished_processes_leave_no_descriptors_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(
        dir.path(),
        r#"(require '[babashka.process :as p] '[clojure.java.shell :as sh])
           (defn fds [] (count (.list (java.io.File. "/proc/self/fd"))))
           (def before (fds))
           (dotimes [_ 300]
             (p/sh "true")
             (sh/sh "cat" :in "x")
             (p/shell "true")
             (let [q @(p/process "echo x")]
               (slurp (:out q))
               (slurp (:err q))))
           (prn (- (fds) before))
           ;; an unread stream holds its pipe until it is closed
           (let [q @(p/process "echo x")]
             (prn (- (fds) before))
             (.close (:out q))
             (.close (:err q))
             (prn (- (fds) before)))"#,
    );
    assert_eq!(out, "0\n2\n0\n");
}

#[test]
fn exec_replaces_the_evelisp_process_and_leaves_the_env_whole() {
    // The program takes over the process: what the script printed before
    // is out, the program's output follows, its exit status is the
    // process's; the env file is whole and its participant slot free, as
    // after an exit.
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("env.eve");
    let out = eval(
        &env,
        "(require '[babashka.process :as p]) (def kept [1 2 3]) (print \"before \")
         (p/exec {:extra-env {\"WHO\" \"exec\"}} \"sh\" \"-c\" \"echo replaced by $WHO; exit 3\")
         (println \"never printed\")",
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "before replaced by exec\n"
    );
    assert_eq!(out.status.code(), Some(3));
    check_clean(&env);
    let info = String::from_utf8_lossy(&common::env_cmd("info", &env).stdout).into_owned();
    assert!(info.contains("attached:      0 process(es)"), "{info}");
    assert_eq!(eval_ok(&env, "kept"), "[1 2 3]\n");
    // A program that cannot be started is an error the script can catch.
    assert_eq!(
        run(
            dir.path(),
            "(require '[babashka.process :as p])
             (try (p/exec \"no-such-program-19\") (catch java.io.IOException e (ex-message e)))"
        ),
        "\"Cannot run program \\\"no-such-program-19\\\": error=2, No such file or directory\"\n"
    );
}
