//! Line editing for the interactive loop (rustyline): multi-line input
//! driven by the reader (Enter inside an unfinished form continues on the
//! next line), matching-bracket highlighting, and persistent history in
//! `$XDG_STATE_HOME/evelisp/history` (`~/.local/state/evelisp/history`).

use std::borrow::Cow;
use std::path::PathBuf;

use evelisp::reader::{ReadOptions, read};
use rustyline::highlight::{CmdKind, Highlighter, MatchingBracketHighlighter};
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Completer, Helper, Hinter};

/// The rustyline helper of the evelisp REPL.
#[derive(Helper, Completer, Hinter, Default)]
pub struct ReplHelper {
    brackets: MatchingBracketHighlighter,
}

impl Validator for ReplHelper {
    /// Input is accepted once the reader finds no unfinished form in it;
    /// syntax errors are accepted too, to be reported after Enter.
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(match read(ctx.input(), &ReadOptions::default()) {
            Err(e) if e.is_incomplete() => ValidationResult::Incomplete,
            _ => ValidationResult::Valid(None),
        })
    }
}

impl Highlighter for ReplHelper {
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
