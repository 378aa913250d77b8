//! Line editing for the interactive loop (rustyline): multi-line input
//! driven by the reader (Enter inside an unfinished form continues on the
//! next line), matching-bracket highlighting, tab completion from the env
//! (`completion.rs`), and persistent history in
//! `$XDG_STATE_HOME/evelisp/history` (`~/.local/state/evelisp/history`).

use std::borrow::Cow;
use std::path::PathBuf;

use evelisp::completion::EnvCompleter;
use evelisp::eval::Interp;
use evelisp::reader::{ReadOptions, read};
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter, MatchingBracketHighlighter};
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Helper, Hinter};

/// The rustyline helper of the evelisp REPL.
#[derive(Helper, Hinter)]
pub struct ReplHelper<'a, 'e> {
    brackets: MatchingBracketHighlighter,
    completer: EnvCompleter<'a, 'e>,
}

impl<'a, 'e> ReplHelper<'a, 'e> {
    /// The helper of a REPL evaluating with `interp`.
    pub fn new(interp: &'a Interp<'e>) -> Self {
        ReplHelper {
            brackets: MatchingBracketHighlighter::new(),
            completer: EnvCompleter::new(interp),
        }
    }
}

impl Completer for ReplHelper<'_, '_> {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        self.completer.complete(line, pos, ctx)
    }
}

impl Validator for ReplHelper<'_, '_> {
    /// Input is accepted once the reader finds no unfinished form in it;
    /// syntax errors are accepted too, to be reported after Enter.
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(match read(ctx.input(), &ReadOptions::default()) {
            Err(e) if e.is_incomplete() => ValidationResult::Incomplete,
            _ => ValidationResult::Valid(None),
        })
    }
}

impl Highlighter for ReplHelper<'_, '_> {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        self.brackets.highlight(line, pos)
    }

    fn highlight_char(&self, line: &str, pos: usize, kind: CmdKind) -> bool {
        self.brackets.highlight_char(line, pos, kind)
    }
}

/// Where the REPL keeps its history, creating the directory if needed.
pub fn history_path() -> Option<PathBuf> {
    let state = match std::env::var_os("XDG_STATE_HOME") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(std::env::var_os("HOME")?).join(".local/state"),
    };
    let dir = state.join("evelisp");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("history"))
}
