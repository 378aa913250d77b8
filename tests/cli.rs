//! The `evelisp` binary as a process: help and usage errors (exit 2), `-e`
//! expressions, scripts with errors (`file:line:column` on stderr, exit 1),
//! piped input, `--ephemeral`, and the `env` subcommands. Every run gets
//! its own `XDG_DATA_HOME`, so no test touches the user's default env.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// What a run of `evelisp` gave.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Exit code, stdout and stderr as one text, for snapshots.
    fn transcript(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code.map_or("signal".to_string(), |c| c.to_string()),
            self.stdout,
            self.stderr
        )
    }
}

/// Runs `evelisp args` with `stdin`, its data home (and so its default
/// env) in `home`.
fn run_in(home: &Path, args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(args)
        .env("XDG_DATA_HOME", home)
        .env_remove("EVELISP_ENV")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("evelisp starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("evelisp runs");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "a Rust panic leaked out:\n{}",
        run.stderr
    );
    run
}

/// Runs `evelisp args` in a fresh data home of its own.
fn run(args: &[&str], stdin: &str) -> Run {
    let home = tempfile::tempdir().expect("temp dir");
    run_in(home.path(), args, stdin)
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn help_and_usage_errors() {
    insta::assert_snapshot!(run(&["--help"], "").transcript());
    insta::assert_snapshot!(run(&["--no-such-flag"], "").transcript());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--no-such-flag"][..],
        &["-e"],
        &["env"],
        &["env", "info"],
        &["env", "frobnicate", "x.eve"],
        &["--env", "a.eve", "--ephemeral", "-e", "1"],
    ] {
        let r = run(args, "");
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.transcript());
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.transcript());
        assert!(!r.stderr.is_empty(), "{args:?}: {}", r.transcript());
    }
}

#[test]
fn version() {
    let r = run(&["--version"], "");
    assert_eq!(r.code, Some(0));
    assert_eq!(r.stdout, format!("evelisp {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn eval_prints_the_last_value_unless_nil() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("e.eve");
    let env = path_str(&env);

    let r = run(&["--env", env, "-e", "(+ 1 2)"], "");
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (Some(0), "3\n"),
        "{}",
        r.transcript()
    );

    let r = run(&["--env", env, "-e", "nil"], "");
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (Some(0), ""),
        "{}",
        r.transcript()
    );

    let r = run(
        &["--env", env, "-e", "(+ 1 2)", "-e", "[:a \"b\" (inc 41)]"],
        "",
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (Some(0), "[:a \"b\" 42]\n"),
        "{}",
        r.transcript()
    );

    // Several forms in one -e: the last value.
    let r = run(&["--env", env, "-e", "(def x 20) (+ x 1)"], "");
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (Some(0), "21\n"),
        "{}",
        r.transcript()
    );

    // An error in -e: exit 1, message on stderr, nothing on stdout.
    let r = run(&["--env", env, "-e", "(undefined-thing 1)"], "");
    assert_eq!(r.code, Some(1), "{}", r.transcript());
    assert!(r.stdout.is_empty(), "{}", r.transcript());
    assert!(
        r.stderr
            .contains("Unable to resolve symbol: undefined-thing"),
        "{}",
        r.transcript()
    );
}

#[test]
fn built_in_libraries_load_on_first_qualified_use() {
    // No `require`: naming a var of a built-in library by its full name
    // loads the library (as babashka does; `clojure -e` has some preloaded).
    for (expr, printed) in [
        ("(clojure.set/union #{1} #{2})", "#{1 2}\n"),
        ("(clojure.string/join \",\" [1 2])", "\"1,2\"\n"),
        ("(with-out-str (clojure.pprint/pprint [1]))", "\"[1]\\n\"\n"),
        ("(clojure.walk/keywordize-keys {\"a\" 1})", "{:a 1}\n"),
    ] {
        let r = run(&["--ephemeral", "-e", expr], "");
        assert_eq!(
            (r.code, r.stdout.as_str()),
            (Some(0), printed),
            "{}",
            r.transcript()
        );
    }
    let r = run(&["--ephemeral", "-e", "(no.such/thing 1)"], "");
    assert_eq!(r.code, Some(1), "{}", r.transcript());
    assert!(
        r.stderr.contains("No such namespace: no.such"),
        "{}",
        r.transcript()
    );
}

#[test]
fn the_default_env_is_in_the_data_home() {
    let home = tempfile::tempdir().expect("temp dir");
    let r = run_in(home.path(), &["-e", "(def kept 7)"], "");
    assert_eq!(r.code, Some(0), "{}", r.transcript());
    assert!(home.path().join("evelisp/default.eve").is_file());
    let r = run_in(home.path(), &["-e", "kept"], "");
    assert_eq!(r.stdout, "7\n", "{}", r.transcript());

    // EVELISP_ENV overrides it.
    let other = home.path().join("other.eve");
    let out = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(["-e", "(def here 1)"])
        .env("XDG_DATA_HOME", home.path())
        .env("EVELISP_ENV", &other)
        .output()
        .expect("evelisp runs");
    assert!(out.status.success());
    assert!(other.is_file());
}

#[test]
fn a_script_with_an_error_says_where() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("script.clj");
    std::fs::write(
        &script,
        "(def f (fn* [x] (+ x 1)))\n(def y (f 1))\n\n   (f 1 2)\n(def never 0)\n",
    )
    .expect("write script");
    let env = dir.path().join("s.eve");
    let r = run(&["--env", path_str(&env), path_str(&script)], "");
    assert_eq!(r.code, Some(1), "{}", r.transcript());
    assert!(r.stdout.is_empty(), "{}", r.transcript());
    assert!(r.stderr.contains("script.clj:4:4"), "{}", r.transcript());
    assert!(r.stderr.contains("ArityException"), "{}", r.transcript());
    // The forms before the error ran; the ones after did not.
    let r = run(&["--env", path_str(&env), "-e", "y"], "");
    assert_eq!(r.stdout, "2\n", "{}", r.transcript());
    let r = run(&["--env", path_str(&env), "-e", "never"], "");
    assert_eq!(r.code, Some(1), "{}", r.transcript());

    // A missing script is an error naming it.
    let r = run(&["--env", path_str(&env), "no-such-script.clj"], "");
    assert_eq!(r.code, Some(1), "{}", r.transcript());
    assert!(
        r.stderr.contains("no-such-script.clj"),
        "{}",
        r.transcript()
    );
}

#[test]
fn a_file_with_a_syntax_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.clj");
    std::fs::write(
        &path,
        "(ns demo)\n(defn ok [] 1)\n\n(defn bad []\n  \"x\" \\qq)\n(never)\n",
    )
    .expect("write file");
    let out = run(&["--ephemeral", path_str(&path)], "").transcript();
    let out = out.replace(path_str(&path), "broken.clj");
    insta::assert_snapshot!(out);
}

#[test]
fn piped_input_is_read_whole() {
    insta::assert_snapshot!(run(&["-"], "(a)\n(b 0xFF\n   c)\n[d]]\n").transcript());
    // Standard input that is not a terminal is a script: nothing printed.
    insta::assert_snapshot!(run(&[], "#?(:clj 1 :evelisp 2) 'x\n").transcript());
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("p.eve");
    let r = run(&["--env", path_str(&env)], "(def piped\n  (+ 1 2))\n");
    assert_eq!(r.code, Some(0), "{}", r.transcript());
    let r = run(
        &["--env", path_str(&env), "-"],
        "(def twice (+ piped piped))",
    );
    assert_eq!(r.code, Some(0), "{}", r.transcript());
    let r = run(&["--env", path_str(&env), "-e", "twice"], "");
    assert_eq!(r.stdout, "6\n", "{}", r.transcript());
    let r = run(&["--env", path_str(&env)], "\n\n  (inc nil)");
    assert_eq!(r.code, Some(1), "{}", r.transcript());
    assert!(r.stderr.contains("<stdin>:3:3"), "{}", r.transcript());
}

#[test]
fn ephemeral_leaves_no_file_behind() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let home = tempfile::tempdir().expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(["--ephemeral", "-e", "(def a (atom 1)) (swap! a inc)"])
        .env("TMPDIR", tmp.path())
        .env("XDG_DATA_HOME", home.path())
        .env_remove("EVELISP_ENV")
        .output()
        .expect("evelisp runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2\n");
    assert!(out.status.success());
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("read temp dir")
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    // Nor did it touch the default env.
    assert!(!home.path().join("evelisp/default.eve").exists());
}

#[test]
fn env_check_and_info() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("fresh.eve");
    let env = path_str(&env);

    // A missing file is not created by env commands.
    let r = run(&["env", "check", env], "");
    assert_eq!(r.code, Some(1), "{}", r.transcript());
    assert!(r.stderr.contains(env), "{}", r.transcript());
    assert!(!Path::new(env).exists());

    let r = run(&["--env", env, "-e", "(def v [1 2 3]) (def m {:a 1})"], "");
    assert_eq!(r.code, Some(0), "{}", r.transcript());

    let r = run(&["env", "check", env], "");
    assert_eq!(r.code, Some(0), "{}", r.transcript());
    assert!(r.stdout.contains("healthy"), "{}", r.transcript());

    let r = run(&["env", "info", env], "");
    assert_eq!(r.code, Some(0), "{}", r.transcript());
    for line in [
        "length:",
        "on disk:",
        "live:",
        "free:",
        "retired:",
        "attached:",
        "namespaces (",
    ] {
        assert!(r.stdout.contains(line), "{line}: {}", r.transcript());
    }
    assert!(r.stdout.contains("  user\n"), "{}", r.transcript());
    assert!(r.stdout.contains("  clojure.core\n"), "{}", r.transcript());
    // Objects by kind, with counts: the two vars defined above at least.
    let vars = r
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("var "))
        .unwrap_or_else(|| panic!("no var line: {}", r.transcript()));
    let count: u64 = vars
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no var count: {vars}"));
    assert!(count >= 2, "{vars}");

    let r = run(&["env", "checkpoint", env], "");
    assert_eq!(r.code, Some(0), "{}", r.transcript());
    let r = run(&["env", "gc", env], "");
    assert_eq!(r.code, Some(0), "{}", r.transcript());
    assert!(r.stdout.contains("swept"), "{}", r.transcript());
    let r = run(&["env", "check", env], "");
    assert_eq!(r.code, Some(0), "{}", r.transcript());
    let r = run(&["--env", env, "-e", "[v m]"], "");
    assert_eq!(r.stdout, "[[1 2 3] {:a 1}]\n", "{}", r.transcript());
}

#[test]
fn env_commands_on_a_file_that_is_not_an_env() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("notes.txt");
    std::fs::write(&bad, "just some text, not an env file\n".repeat(300)).expect("write");
    let before = std::fs::read(&bad).expect("read");
    for cmd in ["check", "info", "gc", "checkpoint"] {
        let r = run(&["env", cmd, path_str(&bad)], "");
        assert!(matches!(r.code, Some(1 | 2)), "{cmd}: {}", r.transcript());
        assert!(
            r.stderr.contains(path_str(&bad)) && r.stderr.contains("not an env file"),
            "{cmd}: {}",
            r.transcript()
        );
    }
    // Nor as --env.
    let r = run(&["--env", path_str(&bad), "-e", "1"], "");
    assert_eq!(r.code, Some(1), "{}", r.transcript());
    assert!(r.stderr.contains("not an env file"), "{}", r.transcript());
    assert_eq!(
        std::fs::read(&bad).expect("read"),
        before,
        "the file was written"
    );
}

#[test]
fn env_gc_refuses_while_another_process_has_the_file_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("busy.eve");
    let env = path_str(&env);
    let r = run(&["--env", env, "-e", "(def x 1)"], "");
    assert_eq!(r.code, Some(0), "{}", r.transcript());
    // A script that holds the env open while it reads its standard input.
    let mut holder = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(["--env", env, "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("evelisp starts");
    // The holder opens the env only after reading stdin whole: wait until
    // the env shows an attached participant. Give it its input but keep
    // stdin open by writing a loop that takes a while.
    let mut stdin = holder.stdin.take().expect("stdin");
    stdin
        .write_all(b"(loop* [i 0] (if (< i 3000000) (recur (inc i))))")
        .expect("write");
    drop(stdin);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut refused = None;
    while std::time::Instant::now() < deadline {
        let r = run(&["env", "gc", env], "");
        if r.code == Some(1) && r.stderr.contains("other threads or processes") {
            refused = Some(r);
            break;
        }
        if holder.try_wait().expect("wait").is_some() {
            break;
        }
    }
    let _ = holder.kill();
    let _ = holder.wait();
    let r = refused.expect("env gc was refused while the env was open elsewhere");
    assert!(r.stderr.contains(env), "{}", r.transcript());
}

#[test]
fn require_finds_libraries_on_the_path_and_next_to_the_script() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = dir.path().join("lib/my");
    std::fs::create_dir_all(&lib).expect("mkdir");
    std::fs::write(
        lib.join("greeting.clj"),
        "(ns my.greeting)\n(def hello (fn* [n] (str \"hello \" n)))\n",
    )
    .expect("write lib");
    let libdir = dir.path().join("lib");
    let r = run(
        &[
            "--ephemeral",
            "--path",
            path_str(&libdir),
            "-e",
            "(require '[my.greeting :as g]) (g/hello 1)",
        ],
        "",
    );
    assert_eq!(r.stdout, "\"hello 1\"\n", "{}", r.transcript());

    // A script's own directory is on the load path.
    let script = libdir.join("main.clj");
    std::fs::write(
        &script,
        "(ns main (:require [my.greeting :as g]))\n(def said (g/hello 2))\n",
    )
    .expect("write script");
    let env = dir.path().join("r.eve");
    let r = run(&["--env", path_str(&env), path_str(&script)], "");
    assert_eq!(r.code, Some(0), "{}", r.transcript());
    let r = run(&["--env", path_str(&env), "-e", "main/said"], "");
    assert_eq!(r.stdout, "\"hello 2\"\n", "{}", r.transcript());
}

#[test]
fn a_future_runs_on_the_process_mapping_also_of_an_unlinked_ephemeral_env() {
    // The ephemeral file is unlinked at open: a future's thread could not
    // open it again by path, so this only works on the shared handle.
    let out = run(
        &[
            "--ephemeral",
            "-e",
            "(def a (atom 0)) @(future (swap! a + 41) (inc @a))",
        ],
        "",
    );
    assert_eq!(out.stdout, "42\n", "{}", out.transcript());
    assert_eq!(out.code, Some(0));
}

#[test]
fn command_line_args_reach_the_script_and_its_futures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("args.clj");
    std::fs::write(
        &script,
        "(prn *command-line-args*)\n(prn @(future (first *command-line-args*)))\n",
    )
    .expect("write script");
    let env = dir.path().join("a.eve");
    let r = run(&["--env", path_str(&env), path_str(&script), "x", "-y"], "");
    assert_eq!(r.stdout, "(\"x\" \"-y\")\n\"x\"\n", "{}", r.transcript());
    // Everything after the script is the script's, options of evelisp's
    // own included (a script's `--help`, `-e`, `--env`).
    for flag in ["--help", "-h", "-e", "--env", "--version"] {
        let r = run(&["--env", path_str(&env), path_str(&script), flag, "1"], "");
        assert_eq!(
            r.stdout,
            format!("(\"{flag}\" \"1\")\n\"{flag}\"\n"),
            "{}",
            r.transcript()
        );
    }
    let r = run(&["--env", path_str(&env), path_str(&script)], "");
    assert_eq!(r.stdout, "nil\nnil\n", "{}", r.transcript());
    // With -e, the positional arguments are the args (as with babashka).
    let r = run(
        &[
            "--env",
            path_str(&env),
            "-e",
            "(vec *command-line-args*)",
            "a",
            "b",
        ],
        "",
    );
    assert_eq!(r.stdout, "[\"a\" \"b\"]\n", "{}", r.transcript());
    // They are this process's own: another process's root is untouched.
    let r = run(&["--env", path_str(&env), "-e", "*command-line-args*"], "");
    assert_eq!(r.code, Some(0), "{}", r.transcript());
    assert_eq!(r.stdout, "", "{}", r.transcript());
}

#[test]
fn a_script_runs_form_by_form_as_it_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("partial.clj");
    std::fs::write(
        &script,
        "(def before 1)\n(println \"ran\")\n(oops]\n(def after 2)\n",
    )
    .expect("write script");
    let env = dir.path().join("p.eve");
    let r = run(&["--env", path_str(&env), path_str(&script)], "");
    assert_eq!(r.code, Some(1), "{}", r.transcript());
    assert_eq!(r.stdout, "ran\n", "{}", r.transcript());
    assert!(r.stderr.contains("partial.clj:3:6"), "{}", r.transcript());
    // The forms before the syntax error ran, as Clojure's load does.
    let r = run(
        &["--env", path_str(&env), "-e", "[before (resolve 'after)]"],
        "",
    );
    assert_eq!(r.stdout, "[1 nil]\n", "{}", r.transcript());
}

#[test]
fn system_exit_ends_the_process_with_its_status_and_a_clean_env() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("x.eve");
    let r = run(
        &[
            "--env",
            path_str(&env),
            "-e",
            "(def log (atom [])) (try (System/exit 3) (catch Throwable _ (swap! log conj :caught)) (finally (swap! log conj :finally)))",
        ],
        "",
    );
    assert_eq!(r.code, Some(3), "{}", r.transcript());
    assert_eq!(r.stderr, "", "{}", r.transcript());
    // No catch took it; the finally ran; the env was closed cleanly.
    let r = run(&["--env", path_str(&env), "-e", "@log"], "");
    assert_eq!(r.stdout, "[:finally]\n", "{}", r.transcript());
    let r = run(&["env", "check", path_str(&env)], "");
    assert_eq!(r.code, Some(0), "{}", r.transcript());
    // A script too, and NumberFormatException is caught by its name.
    let script = dir.path().join("exit.clj");
    std::fs::write(
        &script,
        "(println (try (Integer/parseInt \"x\") (catch NumberFormatException e (ex-message e))))\n(exit 4)\n(println \"never\")\n",
    )
    .expect("write");
    let r = run(&["--env", path_str(&env), path_str(&script)], "");
    assert_eq!(r.code, Some(4), "{}", r.transcript());
    assert_eq!(r.stdout, "For input string: \"x\"\n", "{}", r.transcript());
}

/// `text` with the temporary directory, hex numbers and decimal numbers
/// replaced by placeholders, so a snapshot shows the shape of the output.
fn redact(text: &str, dir: &Path) -> String {
    let text = text.replace(&dir.display().to_string(), "[DIR]");
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '0' && chars.peek() == Some(&'x') {
            chars.next();
            while chars.peek().is_some_and(char::is_ascii_hexdigit) {
                chars.next();
            }
            out.push_str("0x[HEX]");
        } else if c.is_ascii_digit() {
            while chars
                .peek()
                .is_some_and(|d| d.is_ascii_digit() || *d == '.')
            {
                chars.next();
            }
            out.push('N');
        } else {
            out.push(c);
        }
    }
    // Sizes change unit as they grow (B, KiB, MiB).
    for unit in [" GiB", " MiB", " KiB", " B"] {
        out = out.replace(&format!("N{unit}"), "N [unit]");
    }
    // A size under 1 KiB is shown in bytes alone ("512 B"), a larger one
    // in bytes and a unit ("2048 (2 KiB)"): both read as one shape.
    out.replace("N (N [unit])", "N [unit]")
}

/// A run's exit code, then its output redacted.
fn shown(r: &Run, dir: &Path) -> String {
    format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        r.code,
        redact(&r.stdout, dir),
        redact(&r.stderr, dir)
    )
}

#[test]
fn env_tools_on_a_healthy_and_a_damaged_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("tools.eve");
    let r = run(
        &["--env", path_str(&env), "-e", "(def shared (atom [1 2 3]))"],
        "",
    );
    assert_eq!(r.code, Some(0), "{}", r.transcript());
    let check = run(&["env", "check", path_str(&env)], "");
    insta::assert_snapshot!("env_check_healthy", shown(&check, dir.path()));
    let info = run(&["env", "info", path_str(&env)], "");
    assert_eq!(info.code, Some(0), "{}", info.transcript());
    // The object counts change with the core library; the sections do not.
    let sections: Vec<&str> = info
        .stdout
        .lines()
        .filter(|l| !l.starts_with("  "))
        .collect();
    insta::assert_snapshot!(
        "env_info_sections",
        redact(&sections.join("\n"), dir.path())
    );
    // Damage the header: every tool refuses the file with the reason, and
    // writes nothing.
    let mut bytes = std::fs::read(&env).expect("read");
    bytes[40] ^= 0xff;
    std::fs::write(&env, &bytes).expect("write");
    let check = run(&["env", "check", path_str(&env)], "");
    insta::assert_snapshot!("env_check_damaged", shown(&check, dir.path()));
    let info = run(&["env", "info", path_str(&env)], "");
    assert_eq!(info.code, Some(1), "{}", info.transcript());
    assert_eq!(
        std::fs::read(&env).expect("read"),
        bytes,
        "the file was written"
    );
}

#[test]
fn a_failing_script_shows_where_and_the_frames() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("fails.clj");
    std::fs::write(
        &script,
        "(ns app.core)\n\n(defn parse [s]\n  (Integer/parseInt s))\n\n(defn total [xs]\n  (reduce + (mapv parse xs)))\n\n(println (total [\"1\" \"2\"]))\n(println (total [\"1\" \"x\"]))\n",
    )
    .expect("write script");
    let env = dir.path().join("f.eve");
    let r = run(&["--env", path_str(&env), path_str(&script)], "");
    let dir_text = dir.path().display().to_string();
    insta::assert_snapshot!(r.transcript().replace(&dir_text, "[DIR]"));
}

#[test]
fn bad_env_paths_are_refused_naming_the_path() {
    let home = tempfile::tempdir().expect("temp dir");
    // A dangling symlink: its target is created, and the link then opens it.
    let link = home.path().join("d.eve");
    std::os::unix::fs::symlink("nowhere.eve", &link).expect("symlink");
    let made = run_in(
        home.path(),
        &["--env", path_str(&link), "-e", "(def x 41)"],
        "",
    );
    assert_eq!(made.code, Some(0), "{}", made.transcript());
    assert!(home.path().join("nowhere.eve").is_file());
    let again = run_in(
        home.path(),
        &["--env", path_str(&link), "-e", "(inc x)"],
        "",
    );
    assert_eq!(again.stdout, "42\n", "{}", again.transcript());
    // A missing directory: exit 1, naming the env path, not a temp file.
    let missing = home.path().join("no/such/dir/x.eve");
    let r = run_in(home.path(), &["--env", path_str(&missing), "-e", "1"], "");
    assert_eq!(r.code, Some(1), "{}", r.transcript());
    assert!(
        r.stderr
            .starts_with(&format!("evelisp: {}: ", missing.display())),
        "{}",
        r.transcript()
    );
    assert!(
        r.stderr.contains("directory does not exist"),
        "{}",
        r.transcript()
    );
    assert!(!r.stderr.contains(".x.eve."), "{}", r.transcript());
}

#[test]
fn a_var_whose_root_leads_back_to_itself_is_a_stack_overflow_error() {
    let r = run(&["--ephemeral", "-e", "(def g #'g) (g 1)"], "");
    assert_eq!(r.code, Some(1), "{}", r.transcript());
    assert!(
        r.stderr.contains("StackOverflowError"),
        "{}",
        r.transcript()
    );
}

#[test]
fn the_readme_stdin_idioms_read_a_real_pipe() {
    // Outputs checked against JVM Clojure 1.11 (`printf ... | clojure -e ...`).
    let input = "one\ntwo\r\nthree";
    let cases = [
        ("(prn (slurp *in*))", "\"one\\ntwo\\r\\nthree\"\n"),
        (
            "(prn (line-seq (java.io.BufferedReader. *in*)))",
            "(\"one\" \"two\" \"three\")\n",
        ),
        (
            "(require '[clojure.java.io :as io]) (prn (line-seq (io/reader *in*)))",
            "(\"one\" \"two\" \"three\")\n",
        ),
        (
            "(prn (read-line) (read-line) (read-line) (read-line))",
            "\"one\" \"two\" \"three\" nil\n",
        ),
        // read-line and a reader over *in* share one buffered input.
        (
            "(prn (read-line)) (prn (vec (line-seq (java.io.BufferedReader. *in*))))",
            "\"one\"\n[\"two\" \"three\"]\n",
        ),
        (
            "(with-open [r (clojure.java.io/reader *in*)] (prn (.readLine r) (.readLine r)))",
            "\"one\" \"two\"\n",
        ),
        (
            "(binding [*out* *err*] (print \"to-err\")) (.write *out* \"out\") (flush)",
            "out",
        ),
    ];
    for (expr, want) in cases {
        let r = run(&["--ephemeral", "-e", expr], input);
        assert_eq!(r.code, Some(0), "{expr}: {}", r.transcript());
        assert_eq!(r.stdout, want, "{expr}: {}", r.transcript());
    }
    let r = run(
        &[
            "--ephemeral",
            "-e",
            "(binding [*out* *err*] (print \"to-err\"))",
        ],
        "",
    );
    assert_eq!(r.stderr, "to-err", "{}", r.transcript());
    // A script file reads its standard input the same way.
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("count.clj");
    std::fs::write(
        &script,
        "(println (count (line-seq (java.io.BufferedReader. *in*))))\n",
    )
    .expect("write script");
    let r = run(&["--ephemeral", path_str(&script)], "a\nb\nc\n");
    assert_eq!(r.stdout, "3\n", "{}", r.transcript());
}

#[test]
fn storing_a_stream_in_the_env_is_refused_and_the_env_stays_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("s.eve");
    let r = run(
        &[
            "--env",
            path_str(&env),
            "-e",
            "(def a (atom 1)) (def rdr *in*)",
        ],
        "",
    );
    assert_eq!(r.code, Some(1), "{}", r.transcript());
    assert!(
        r.stderr.contains(
            "a clojure.lang.LineNumberingPushbackReader is a process-local object and cannot be \
             stored in the shared env (var user/rdr)"
        ),
        "{}",
        r.transcript()
    );
    let r = run(
        &[
            "--env",
            path_str(&env),
            "-e",
            "(reset! a [(java.io.StringWriter.)])",
        ],
        "",
    );
    assert_eq!(r.code, Some(1), "{}", r.transcript());
    assert!(
        r.stderr
            .contains("java.io.StringWriter is a process-local object"),
        "{}",
        r.transcript()
    );
    let r = run(&["--env", path_str(&env), "-e", "[@a (bound? #'rdr)]"], "");
    assert_eq!(r.stdout, "[1 false]\n", "{}", r.transcript());
    let check = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(["env", "check", path_str(&env)])
        .output()
        .expect("env check runs");
    assert!(check.status.success(), "{check:?}");
}

#[test]
fn a_script_whose_output_reader_goes_away_stops_quietly() {
    // `evelisp script.clj | head -1`: once the reader has closed the pipe,
    // the next write fails; the process ends with 141 (128 + SIGPIPE, as a
    // shell reports `cat` ended by the signal) and prints no error.
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(["--ephemeral", "-e", "(dotimes [i 1000000] (println i))"])
        .env_remove("EVELISP_ENV")
        .env_remove("EVELISP_PATH")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("evelisp starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("a line");
    assert_eq!(first, "0\n");
    // The reader is dropped here: the pipe's reading end is closed.
    let out = child.wait_with_output().expect("evelisp ends");
    assert_eq!(out.status.code(), Some(141));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
