//! `evelisp test [PATHS]`: loads every `*_test.clj`/`*_test.cljc` file
//! under PATHS (default `test/`; a file named directly is loaded whatever
//! its name), in path order, and runs the `clojure.test` tests of the
//! namespaces they define; exit 0 when every assertion passed, 1 on a
//! failure, an error, or a file that does not load. The test paths are on
//! the load path, so tests `require` their helpers.

use crate::report;
use evelisp_eval::Interp;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `evelisp test`.
#[derive(clap::Args, Debug)]
pub(crate) struct TestArgs {
    /// Run on the env file FILE (default: a private temporary env).
    #[arg(long, value_name = "FILE")]
    pub(crate) env: Option<PathBuf>,
    /// Add DIR to the load path of `require` (repeatable).
    #[arg(long = "path", value_name = "DIR")]
    pub(crate) path: Vec<PathBuf>,
    /// Files or directories of tests (default: test).
    #[arg(value_name = "PATHS")]
    pub(crate) paths: Vec<PathBuf>,
}

/// Every test file under `path` (itself if a file), sorted.
fn test_files(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            test_files(&p, out)?;
        } else if is_test_file(&p) {
            out.push(p);
        }
    }
    Ok(())
}

/// A test file is named `*_test.clj` or `*_test.cljc` (namespace
/// `...-test`, the convention of Clojure's test runners); other files under
/// the test paths are libraries the tests `require`.
fn is_test_file(p: &Path) -> bool {
    let ext_ok = p.extension().is_some_and(|x| x == "clj" || x == "cljc");
    let stem_ok = p
        .file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.ends_with("_test"));
    ext_ok && stem_ok
}

/// Runs the tests (see the module docs).
pub(crate) fn run(interp: &Interp<'_>, paths: &[PathBuf]) -> ExitCode {
    let mut files = Vec::new();
    for p in paths {
        if let Err(e) = test_files(p, &mut files) {
            eprintln!("evelisp test: cannot read {}: {e}", p.display());
            return ExitCode::from(1);
        }
    }
    if let Err(e) = interp.eval_str("(require 'clojure.test)", Some("<test>")) {
        report(&e);
        return ExitCode::from(1);
    }
    let user = interp.current_ns();
    let mut namespaces = Vec::new();
    let mut load_failed = false;
    for file in &files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("evelisp test: cannot read {}: {e}", file.display());
                load_failed = true;
                continue;
            }
        };
        // The namespace a test file defines is the one it leaves current.
        interp.set_current_ns(user.clone());
        match interp.eval_str(&text, Some(&file.display().to_string())) {
            Ok(_) => match interp.current_ns_name() {
                Ok(name) if name != "user" && !namespaces.contains(&name) => namespaces.push(name),
                _ => {}
            },
            Err(e) => {
                eprintln!("evelisp test: {} did not load:", file.display());
                report(&e);
                load_failed = true;
            }
        }
    }
    interp.set_current_ns(user);
    if namespaces.is_empty() {
        println!("No test namespaces found under {}.", show_paths(paths));
        return if load_failed {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        };
    }
    let quoted: Vec<String> = namespaces.iter().map(|n| format!("'{n}")).collect();
    let call = format!(
        "(clojure.test/successful? (clojure.test/run-tests {}))",
        quoted.join(" ")
    );
    match interp.eval_str(&call, Some("<test>")) {
        Ok(v)
            if v.borrowed().view().ok() == Some(evelisp_heap::View::Bool(true)) && !load_failed =>
        {
            ExitCode::SUCCESS
        }
        Ok(_) => ExitCode::from(1),
        Err(e) => {
            report(&e);
            ExitCode::from(1)
        }
    }
}

fn show_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
