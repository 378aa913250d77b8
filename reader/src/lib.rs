//! The evelisp reader (`evelisp-reader`): Clojure source text to [`Form`]
//! trees with source spans, and the printer that turns them back into text.
//!
//! The pipeline is: a [logos](logos) lexer (`lexer.rs`, with `atom.rs` and
//! `number.rs` classifying tokens) → a checking token stream (`tokens.rs`:
//! delimiters, incomplete input, nesting depth) → a
//! [lalrpop](lalrpop_util) grammar (`grammar.lalrpop`) building the tree →
//! a finishing pass (`finish.rs`: reader conditionals, map/set/`#()`/metadata
//! rules).
//!
//! ```
//! use evelisp_reader::{read_str, FormKind};
//!
//! let forms = read_str("(defn f [x] (* 2 x)) ^:private #{1 2}").unwrap();
//! assert_eq!(forms.len(), 2);
//! assert!(matches!(forms[0].kind, FormKind::List(_)));
//! assert_eq!(forms[1].to_string(), "^:private #{1 2}");
//!
//! let err = read_str("(+ 1 2").unwrap_err();
//! assert!(err.is_incomplete());
//! assert_eq!(err.to_string(), "1:7: unterminated list starting at 1:1");
//! ```

mod atom;
mod error;
mod finish;
mod form;
mod lexer;
mod number;
mod printer;
mod rules;
mod span;
mod stream;
mod tokens;

lalrpop_util::lalrpop_mod!(
    #[allow(
        missing_docs,
        unused_qualifications,
        unreachable_patterns,
        clippy::all,
        clippy::pedantic,
        clippy::unwrap_used
    )]
    grammar
);

pub use error::{ReadError, ReadErrorKind};
pub use form::{BigDecimal, Form, FormKind, Keyword, MapNamespace, Name, Symbol};
pub use number::{MAX_NUMBER_LEN, format_bigdecimal, format_double, format_float};
pub use printer::{write_char_literal, write_string_literal};
pub use span::{LineCol, LineIndex, Span, line_col_at, line_starts};
pub use stream::Reader;

/// Wraps `form` (read from `start`) in a prefix form such as `'` or `@`.
fn prefixed(start: usize, form: Box<Form>, wrap: fn(Box<Form>) -> FormKind) -> Form {
    let end = form.span.end;
    Form::new(wrap(form), Span::new(start, end))
}

use lalrpop_util::ParseError;
use std::collections::HashSet;
use std::sync::Arc;

/// What to do with reader conditionals `#?(...)` and `#?@(...)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Conditionals {
    /// Replace each by the form of its first enabled feature (or nothing).
    #[default]
    Allow,
    /// Keep them as [`FormKind::ReaderConditional`] forms.
    Preserve,
}

/// How to read a source text.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// The file name shown in error messages.
    pub file: Option<Arc<str>>,
    /// Enabled reader-conditional features (by default `evelisp`, `clj`
    /// and `default`: like babashka, evelisp takes the `:clj` branches of
    /// code written for Clojure; the first enabled feature in the
    /// conditional's order wins).
    pub features: HashSet<String>,
    /// Whether reader conditionals are resolved or kept.
    pub conditionals: Conditionals,
    /// The deepest nesting of forms allowed (each collection and each prefix
    /// such as `'` is one level; at most [`MAX_DEPTH_LIMIT`]). Deeper input
    /// is an error, not a crash.
    pub max_depth: usize,
}

/// The default limit on nesting depth.
pub const DEFAULT_MAX_DEPTH: usize = 1000;

/// The highest `max_depth` honoured: larger settings count as this.
pub const MAX_DEPTH_LIMIT: usize = 100_000;

/// Stack the recursive-ascent parser may use per level of nesting, with a
/// margin over what was measured (about 3 KiB in release builds and 32 KiB
/// in debug builds for 1000 levels of lists, quotes or metadata).
const PARSER_STACK_PER_LEVEL: usize = if cfg!(debug_assertions) {
    40 * 1024
} else {
    4 * 1024
};

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            file: None,
            features: ["evelisp", "clj", "default"].map(String::from).into(),
            conditionals: Conditionals::Allow,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

impl ReadOptions {
    /// The default options, with `file` as the name in error messages.
    pub fn for_file(file: impl Into<Arc<str>>) -> ReadOptions {
        ReadOptions {
            file: Some(file.into()),
            ..ReadOptions::default()
        }
    }
}

/// Reads every form of `source` with the default options.
pub fn read_str(source: &str) -> Result<Vec<Form>, ReadError> {
    read(source, &ReadOptions::default())
}

/// Reads every form of `source`.
///
/// An error that [`is_incomplete`](ReadError::is_incomplete) means the text
/// stopped inside a form and more input could complete it.
pub fn read(source: &str, options: &ReadOptions) -> Result<Vec<Form>, ReadError> {
    let mut tokens = tokens::TokenStream::new(source, options.file.clone(), options.max_depth);
    let checker = rules::Checker {
        index: span::LazyLineIndex::new(source),
        file: options.file.clone(),
    };
    // One stack check for the whole text (not one per chunk).
    with_parser_stack(options, || {
        let mut forms = parse_chunk(source, options, &mut tokens, &checker)?;
        // The stream pauses after each group of forms holding a conditional.
        loop {
            if let Some(error) = tokens.deferred.take() {
                return Err(error);
            }
            if !tokens.resume() {
                return Ok(forms);
            }
            forms.extend(parse_chunk(source, options, &mut tokens, &checker)?);
        }
    })
}

/// Runs `f` (which parses) on a stack with room for `max_depth` levels of
/// the recursive-ascent parser: a new segment is mapped only when the
/// caller's stack is too small.
fn with_parser_stack<T>(options: &ReadOptions, f: impl FnOnce() -> T) -> T {
    let need = options
        .max_depth
        .min(MAX_DEPTH_LIMIT)
        .saturating_mul(PARSER_STACK_PER_LEVEL)
        .saturating_add(256 * 1024);
    stacker::maybe_grow(need, need, f)
}

/// Parses what `tokens` yields up to its next pause (one chunk of top-level
/// forms) and resolves the reader conditionals found in it. An error
/// the token stream found after these forms is left in `tokens.deferred`.
fn parse_chunk(
    source: &str,
    options: &ReadOptions,
    tokens: &mut tokens::TokenStream<'_>,
    checker: &rules::Checker<'_>,
) -> Result<Vec<Form>, ReadError> {
    // The recursive-ascent parser recurses once per level of nesting: the
    // callers (`read`, `Reader::next`) run this within `with_parser_stack`.
    let forms = grammar::FormsParser::new()
        .parse(checker, &mut *tokens)
        .map_err(|e| parse_error(e, source, checker))?;
    let conditionals = std::mem::take(&mut tokens.conditionals);
    if conditionals.is_empty() {
        return Ok(forms);
    }
    finish::Finisher::new(options, checker, &conditionals).top_level(forms)
}

/// Wraps a reader error for the parser, from a grammar action.
fn user_error(error: ReadError) -> ParseError<usize, tokens::PTok, ReadError> {
    ParseError::User { error }
}

/// Converts what the parser reports. The token stream catches every error
/// it can name first, so only its own errors normally arrive here.
fn parse_error(
    e: ParseError<usize, tokens::PTok, ReadError>,
    source: &str,
    checker: &rules::Checker<'_>,
) -> ReadError {
    let (kind, span) = match e {
        ParseError::User { error } => return error,
        ParseError::UnrecognizedEof { location, .. } => (
            ReadErrorKind::EndAfter("the last form".to_string()),
            Span::new(location, location),
        ),
        ParseError::UnrecognizedToken {
            token: (l, _, r), ..
        }
        | ParseError::ExtraToken { token: (l, _, r) } => {
            let found = source.get(l..r).unwrap_or("?").to_string();
            let kind = ReadErrorKind::MissingForm {
                prefix: "the previous token".to_string(),
                found,
            };
            (kind, Span::new(l, r))
        }
        ParseError::InvalidToken { location } => (
            ReadErrorKind::UnknownDispatch(
                source
                    .get(location..)
                    .unwrap_or("")
                    .chars()
                    .take(1)
                    .collect(),
            ),
            Span::new(location, location),
        ),
    };
    checker.error((kind, span))
}
