//! The `evelisp` command line.
//!
//! Until the evaluator lands (issue 4) this is a read-print loop: it reads
//! forms from a file or from standard input and prints each back as the
//! reader understood it, so the reader can be tried by hand. On a terminal
//! it edits lines with rustyline (multi-line forms, history, bracket
//! matching; Ctrl-C clears the input, Ctrl-D or `:repl/quit` exits); piped
//! input is read whole, like a script. The full CLI (env files, scripts,
//! evaluation) is issue 6.

mod editor;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use evelisp::reader::{ReadOptions, Reader};
use rustyline::error::ReadlineError;

const USAGE: &str = "\
usage: evelisp [FILE | -]
       evelisp --version | --help

Reads Clojure forms from FILE (or standard input: - or none) and prints
each back as the reader sees it. The evaluator is not built yet.";

const PROMPT: &str = "read=> ";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => interactive(),
        [flag] if flag == "--help" || flag == "-h" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        [flag] if flag == "--version" || flag == "-V" => {
            println!("evelisp {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        [dash] if dash == "-" => interactive(),
        [file] if !file.starts_with('-') => read_file(file),
        _ => {
            let unexpected = match args
                .iter()
                .find(|a| a.starts_with('-') && a.as_str() != "-")
            {
                Some(flag) => format!("unknown option '{flag}'"),
                None => "too many arguments".to_string(),
            };
            eprintln!("evelisp: {unexpected}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Prints each form of `text`, stopping at the first error (reported as
/// `file:line:column: message`). Returns false if there was an error.
fn print_forms(text: &str, file: &str) -> bool {
    let mut out = io::stdout().lock();
    for form in Reader::new(text, &ReadOptions::for_file(file)) {
        match form {
            Ok(form) => {
                if writeln!(out, "{form}").is_err() {
                    return false;
                }
            }
            Err(e) => {
                let _ = out.flush();
                eprintln!("{e}");
                return false;
            }
        }
    }
    true
}

/// Reads a whole file and prints its forms, or the first error.
fn read_file(path: &str) -> ExitCode {
    match std::fs::read_to_string(path) {
        Ok(text) if print_forms(&text, path) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("evelisp: cannot read {path}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn interactive() -> ExitCode {
    if io::stdin().is_terminal() {
        match line_editor() {
            Ok(code) => return code,
            // No usable terminal after all: read plain lines instead.
            Err(ReadlineError::Errno(_)) => {}
            Err(e) => {
                eprintln!("evelisp: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    plain_input()
}

/// The loop on a terminal, with rustyline.
fn line_editor() -> Result<ExitCode, ReadlineError> {
    let mut rl = rustyline::Editor::<editor::ReplHelper, _>::new()?;
    rl.set_helper(Some(editor::ReplHelper::default()));
    let history = editor::history_path();
    if let Some(path) = &history {
        let _ = rl.load_history(path);
    }
    println!(
        "evelisp {} — reader only: forms are read and printed back (the evaluator is not built yet).\nCtrl-D or :repl/quit exits.",
        env!("CARGO_PKG_VERSION")
    );
    loop {
        match rl.readline(PROMPT) {
            Ok(input) => {
                if input.trim() == ":repl/quit" {
                    break;
                }
                if !input.trim().is_empty() {
                    let _ = rl.add_history_entry(input.as_str());
                }
                print_forms(&input, "<repl>");
            }
            Err(ReadlineError::Interrupted) => continue, // Ctrl-C clears the input
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e),
        }
    }
    if let Some(path) = &history {
        let _ = rl.save_history(path);
    }
    Ok(ExitCode::SUCCESS)
}

/// Standard input that is not a terminal is a script: read it whole and
/// print its forms (errors give their line in the whole input).
fn plain_input() -> ExitCode {
    let mut text = String::new();
    if let Err(e) = io::Read::read_to_string(&mut io::stdin(), &mut text) {
        eprintln!("evelisp: cannot read standard input: {e}");
        return ExitCode::FAILURE;
    }
    if print_forms(&text, "<stdin>") {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
