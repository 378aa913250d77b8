//! The `evelisp` command line.
//!
//! Until the evaluator lands (issue 4) this is a read-print loop: it reads
//! forms from a file or from standard input (a form may span several
//! lines) and prints each back as the reader understood it, so the reader
//! can be tried by hand. The full CLI (env files, scripts, the REPL) is
//! issue 6.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use evelisp::reader::{ReadOptions, read};

const USAGE: &str = "\
usage: evelisp [FILE]
       evelisp --version | --help

Reads Clojure forms from FILE (or standard input, - or none) and prints
each back as the reader sees it. The evaluator is not built yet.";

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
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Reads a whole file and prints its forms, or the first error.
fn read_file(path: &str) -> ExitCode {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("evelisp: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match read(&text, &ReadOptions::for_file(path)) {
        Ok(forms) => {
            let mut out = io::stdout().lock();
            for form in forms {
                if writeln!(out, "{form}").is_err() {
                    return ExitCode::FAILURE;
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Reads lines until they make whole forms, prints them, and goes on.
fn interactive() -> ExitCode {
    let stdin = io::stdin();
    let mut pending = String::new();
    let mut line = String::new();
    let mut status = ExitCode::SUCCESS;
    let prompt = |pending: &str| {
        let mut err = io::stderr();
        let _ = write!(
            err,
            "{}",
            if pending.is_empty() {
                "read=> "
            } else {
                "  #_=> "
            }
        );
        let _ = err.flush();
    };
    prompt(&pending);
    loop {
        line.clear();
        match stdin.lock().read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        pending.push_str(&line);
        match read(&pending, &ReadOptions::for_file("<stdin>")) {
            Ok(forms) => {
                for form in forms {
                    println!("{form}");
                }
                pending.clear();
            }
            Err(e) if e.is_incomplete() => {}
            Err(e) => {
                eprintln!("{e}");
                status = ExitCode::FAILURE;
                pending.clear();
            }
        }
        prompt(&pending);
    }
    if !pending.trim().is_empty() {
        if let Err(e) = read(&pending, &ReadOptions::for_file("<stdin>")) {
            eprintln!("{e}");
            status = ExitCode::FAILURE;
        }
    }
    status
}
