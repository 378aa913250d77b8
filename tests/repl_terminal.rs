//! Drives the `evelisp` REPL on a real pseudo-terminal, as a person would:
//! the namespace prompt, values printed with `pr`, multi-line input, Ctrl-C
//! clearing a line, errors with positions that leave the REPL running,
//! Ctrl-D and `:repl/quit` leaving, history kept across sessions, and what
//! one session defines being there for the next.

use rexpect::session::spawn_command;
use std::path::Path;
use std::process::Command;

fn evelisp(state_dir: &Path, env: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_evelisp"));
    cmd.arg("--env")
        .arg(env)
        .env("XDG_STATE_HOME", state_dir)
        .env("TERM", "xterm");
    cmd
}

#[test]
fn a_person_at_the_terminal() -> Result<(), rexpect::error::Error> {
    let state = tempfile::tempdir().expect("a temporary directory");
    let env = state.path().join("repl.eve");
    let mut p = spawn_command(evelisp(state.path(), &env), Some(30_000))?;
    p.exp_string("user=> ")?;

    p.send_line("(+ 1 2)")?;
    p.exp_string("3")?;
    p.exp_string("user=> ")?;

    // A form over two lines is evaluated when it is complete.
    p.send_line("(def greet (fn* [n]")?;
    p.send_line("  (str \"hi \" n)))")?;
    p.exp_string("#'user/greet")?;
    p.exp_string("user=> ")?;
    p.send_line("(greet \"you\")")?;
    p.exp_string("\"hi you\"")?;
    p.exp_string("user=> ")?;

    // Ctrl-C throws away the unfinished input and gives a fresh prompt.
    p.send("(this is never finished")?;
    p.send_control('c')?;
    p.exp_string("user=> ")?;
    p.send_line("[1,2 0xFF]")?;
    p.exp_string("[1 2 255]")?;
    p.exp_string("user=> ")?;

    // Errors say where, and the REPL goes on.
    p.send_line("(greet 1 2)")?;
    p.exp_string("ArityException")?;
    p.exp_string("user=> ")?;
    p.send_line("(oops]")?;
    p.exp_string("(<repl>:1:6): unmatched ']'")?;
    p.exp_string("user=> ")?;
    p.send_line("(inc 41)")?;
    p.exp_string("42")?;
    p.exp_string("user=> ")?;

    // *1 *2 *3 hold the last results, *e the last error.
    p.send_line("(+ 1 1)")?;
    p.exp_string("2")?;
    p.exp_string("user=> ")?;
    p.send_line("[*1 *2 *3]")?;
    p.exp_string("[2 42 [1 2 255]]")?;
    p.exp_string("user=> ")?;
    p.send_line("(greet 1 2 3)")?;
    p.exp_string("ArityException")?;
    p.exp_string("user=> ")?;
    p.send_line("(ex-message *e)")?;
    p.exp_string("\"Wrong number of args (3) passed to: user/greet\"")?;
    p.exp_string("user=> ")?;

    // The prompt follows the current namespace.
    p.send_line("(in-ns 'scratch)")?;
    p.exp_string("scratch=> ")?;
    p.send_line("(user/greet \"ns\")")?;
    p.exp_string("\"hi ns\"")?;
    p.exp_string("scratch=> ")?;
    p.send_line("(in-ns 'user)")?;
    p.exp_string("user=> ")?;

    // nil is printed at the REPL.
    p.send_line("nil")?;
    p.exp_string("nil")?;
    p.exp_string("user=> ")?;

    // Ctrl-D leaves.
    p.send_control('d')?;
    p.exp_eof()?;

    let history =
        std::fs::read_to_string(state.path().join("evelisp/history")).expect("history was saved");
    assert!(history.contains("[1,2 0xFF]"), "{history}");

    // The next session has the same env (greet is there) and the history:
    // Up recalls the last entry.
    let mut p = spawn_command(evelisp(state.path(), &env), Some(30_000))?;
    p.exp_string("user=> ")?;
    p.send_line("(greet \"again\")")?;
    p.exp_string("\"hi again\"")?;
    p.exp_string("user=> ")?;
    p.send("\x1b[A")?; // Up
    p.send_line("")?;
    p.exp_string("\"hi again\"")?;
    p.exp_string("user=> ")?;
    p.send_line(":repl/quit")?;
    p.exp_eof()?;
    Ok(())
}

#[test]
fn two_terminals_share_one_world() -> Result<(), rexpect::error::Error> {
    let state = tempfile::tempdir().expect("a temporary directory");
    let env = state.path().join("two.eve");
    let mut a = spawn_command(evelisp(state.path(), &env), Some(30_000))?;
    a.exp_string("user=> ")?;
    let mut b = spawn_command(evelisp(state.path(), &env), Some(30_000))?;
    // The banner counts the other terminal.
    b.exp_string("1 other process attached")?;
    b.exp_string("user=> ")?;

    // A function typed in one terminal is called in the other.
    a.send_line("(defn greet [n] (str \"hi \" n))")?;
    a.exp_string("#'user/greet")?;
    a.exp_string("user=> ")?;
    b.send_line("(greet \"x\")")?;
    b.exp_string("\"hi x\"")?;
    b.exp_string("user=> ")?;

    // A name defined in the first completes in the second (Tab).
    // (Each wait is for output the echo of the input does not contain.)
    a.send_line("(def a-rather-unusual-name 41)")?;
    a.exp_string("#'user/a-rather-unusual-name")?;
    a.exp_string("user=> ")?;
    b.send("(inc a-rather-unu")?;
    b.send("\t")?;
    b.send_line(")")?;
    b.exp_string("42")?;
    b.exp_string("user=> ")?;
    // Qualified names and keywords complete too.
    a.send_line(
        "(ns tools.text) (defn shout-it [s] (str s \"!\")) (in-ns 'user) (str \"done\" \"-shout\")",
    )?;
    a.exp_string("\"done-shout\"")?;
    a.exp_string("user=> ")?;
    b.send("(tools.text/shout-i")?;
    b.send("\t")?;
    b.send_line(" \"x\")")?;
    b.exp_string("\"x!\"")?;
    b.exp_string("user=> ")?;
    a.send_line("(keyword \"a-keyword-from-a\")")?;
    a.exp_string(":a-keyword-from-a")?;
    a.exp_string("user=> ")?;
    b.send("(str :a-keyword-fr")?;
    b.send("\t")?;
    b.send_line(")")?;
    b.exp_string("\":a-keyword-from-a\"")?;
    b.exp_string("user=> ")?;

    // Each terminal has its own namespace and its own *1.
    a.send_line("(in-ns 'elsewhere)")?;
    a.exp_string("elsewhere=> ")?;
    b.send_line("(str *ns*)")?;
    b.exp_string("\"user\"")?;
    b.exp_string("user=> ")?;

    a.send_control('d')?;
    a.exp_eof()?;
    b.send_control('d')?;
    b.exp_eof()?;
    Ok(())
}

#[test]
fn ctrl_c_interrupts_a_running_evaluation() -> Result<(), rexpect::error::Error> {
    let state = tempfile::tempdir().expect("a temporary directory");
    let env = state.path().join("interrupt.eve");
    let mut p = spawn_command(evelisp(state.path(), &env), Some(30_000))?;
    p.exp_string("user=> ")?;
    p.send_line("(def a (atom 0))")?;
    p.exp_string("#'user/a")?;
    p.exp_string("user=> ")?;
    // An endless loop, with a catch-all inside: Ctrl-C still stops it.
    p.send_line("(loop [] (try (swap! a inc) (catch Throwable _ nil)) (recur))")?;
    std::thread::sleep(std::time::Duration::from_millis(500));
    p.send_control('c')?;
    p.exp_string("Evaluation interrupted")?;
    p.exp_string("user=> ")?;
    // The REPL and the env are intact.
    p.send_line("(pos? @a)")?;
    p.exp_string("true")?;
    p.exp_string("user=> ")?;
    // Non-tail recursion (2^40 calls, 40 deep) is interrupted too.
    p.send_line("(defn spin [n] (if (pos? n) (do (spin (dec n)) (spin (dec n))) 0))")?;
    p.exp_string("#'user/spin")?;
    p.exp_string("user=> ")?;
    p.send_line("(spin 40)")?;
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c')?;
    p.exp_string("Evaluation interrupted")?;
    p.exp_string("user=> ")?;
    // A fn that only recurs (no call, no loop*) is checked on each repeat.
    p.send_line("((fn [n] (if (neg? n) n (recur (inc n)))) 0)")?;
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c')?;
    p.exp_string("Evaluation interrupted")?;
    p.exp_string("user=> ")?;
    // A loop of one `if` and a `recur` (one fused loop) is checked on each
    // back edge.
    p.send_line("(loop [i 0] (if (< i 1) (recur 0) i))")?;
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c')?;
    p.exp_string("Evaluation interrupted")?;
    p.exp_string("user=> ")?;
    p.send_line("(+ 40 2)")?;
    p.exp_string("42")?;
    p.exp_string("user=> ")?;
    p.send_control('d')?;
    p.exp_eof()?;
    Ok(())
}
