//! Drives the `evelisp` binary on a real pseudo-terminal, as a person would:
//! multi-line input, Ctrl-C clearing a line, errors with positions, Ctrl-D
//! leaving, and history kept across sessions.

use rexpect::session::spawn_command;
use std::process::Command;

fn evelisp(state_dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_evelisp"));
    cmd.env("XDG_STATE_HOME", state_dir).env("TERM", "xterm");
    cmd
}

#[test]
fn a_person_at_the_terminal() -> Result<(), rexpect::error::Error> {
    let state = tempfile::tempdir().expect("a temporary directory");
    let mut p = spawn_command(evelisp(state.path()), Some(20_000))?;
    p.exp_string("read=> ")?;

    // A form over two lines is read when it is complete, and printed on one.
    p.send_line("(defn greet [n]")?;
    p.send_line("  (str \"hi \" n))")?;
    p.exp_string("(defn greet [n] (str \"hi \" n))")?;
    p.exp_string("read=> ")?;

    // Ctrl-C throws away the unfinished input and gives a fresh prompt.
    p.send("(this is never finished")?;
    p.send_control('c')?;
    p.exp_string("read=> ")?;
    p.send_line("[1,2 0xFF]")?;
    p.exp_string("[1 2 255]")?;

    // Errors say where.
    p.send_line("(oops]")?;
    p.exp_string("<repl>:1:6: unmatched ']': expected ')' to close '(' at 1:1")?;
    p.exp_string("read=> ")?;

    // Ctrl-D leaves.
    p.send_control('d')?;
    p.exp_eof()?;

    let history =
        std::fs::read_to_string(state.path().join("evelisp/history")).expect("history was saved");
    assert!(history.contains("[1,2 0xFF]"), "{history}");

    // The next session starts with that history: Up recalls the last entry.
    let mut p = spawn_command(evelisp(state.path()), Some(20_000))?;
    p.exp_string("read=> ")?;
    p.send("\x1b[A")?; // Up
    p.send_line("")?;
    p.exp_string("<repl>:1:6: unmatched ']'")?;
    p.send_line(":repl/quit")?;
    p.exp_eof()?;
    Ok(())
}
