//! The errors of the JSON parser: what went wrong and where (a byte
//! offset, shown as line and column), worded and classed as the library
//! being imitated throws them — cheshire's Jackson
//! (`com.fasterxml.jackson.core.JsonParseException`, its subclass
//! `io.JsonEOFException` for an early end) or `clojure.data.json`
//! (`java.lang.Exception` "JSON error (...)", `java.io.EOFException` for
//! an empty document or an unterminated string).

use crate::error::{EvalError, EvalErrorKind, Position};

/// Whose errors a parse throws.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Dialect {
    /// cheshire (Jackson's exceptions and messages).
    Cheshire,
    /// clojure.data.json (its exceptions and messages).
    DataJson,
}

/// What is wrong with a document.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Problem {
    /// The text ended where more was needed (`what` was being read).
    Eof(&'static str),
    /// A character no value can start with, or that does not belong here
    /// (`expecting` says what would).
    Unexpected {
        /// The character met.
        found: char,
        /// What was expected instead.
        expecting: &'static str,
    },
    /// A malformed number.
    Number(&'static str),
    /// A malformed string (bad escape, raw control character, lone
    /// surrogate).
    Str(String),
    /// Text after the value where the whole text must be one document.
    Trailing(char),
    /// The text ended after a comma of an array or object (`what`).
    EofAfterComma(&'static str),
}

/// A parse error: the problem and the byte offset where it was found.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ParseError {
    /// What is wrong.
    pub problem: Problem,
    /// Byte offset in the text.
    pub offset: usize,
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = text.as_bytes().get(..offset).unwrap_or_default();
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = 1 + text
        .get(line_start..offset)
        .map_or(offset - line_start, |s| s.chars().count());
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

impl ParseError {
    /// The evaluator error for this parse error of `text`, in `dialect`'s
    /// class and wording, with the line and column in the message and as
    /// the error's position.
    pub(crate) fn to_eval_error(&self, text: &str, dialect: Dialect) -> EvalError {
        let (line, column) = line_column(text, self.offset);
        let (class, what) = match dialect {
            Dialect::Cheshire => self.jackson(),
            Dialect::DataJson => self.data_json(),
        };
        let message = match dialect {
            Dialect::Cheshire => format!("{what}\n at [line: {line}, column: {column}]"),
            Dialect::DataJson => format!("{what} at line {line}, column {column}"),
        };
        EvalError::new(EvalErrorKind::Rethrown { class, message }).at(Some(Position {
            file: None,
            line,
            column,
        }))
    }

    /// Jackson's class and message.
    fn jackson(&self) -> (&'static str, String) {
        match &self.problem {
            Problem::Eof(what) => (
                "JsonEOFException",
                format!("Unexpected end-of-input: {what}"),
            ),
            Problem::Unexpected { found, expecting } => (
                "JsonParseException",
                format!(
                    "Unexpected character ({}): {expecting}",
                    describe_char(*found)
                ),
            ),
            Problem::Number(what) => (
                "JsonParseException",
                format!("Invalid numeric value: {what}"),
            ),
            Problem::Str(what) => ("JsonParseException", what.clone()),
            Problem::EofAfterComma(what) => (
                "JsonParseException",
                format!("Unexpected end-of-input within/between {what} entries"),
            ),
            Problem::Trailing(c) => (
                "JsonParseException",
                format!(
                    "Unexpected character ({}): expected end of document",
                    describe_char(*c)
                ),
            ),
        }
    }

    /// clojure.data.json's class and message.
    fn data_json(&self) -> (&'static str, String) {
        match &self.problem {
            Problem::Eof("expected a string's closing quote") => (
                "EOFException",
                "JSON error (end-of-file inside string)".into(),
            ),
            // data.json's reader hits the end reading a value: an
            // EOFException; expecting a separator or a key, its own error.
            Problem::Eof("expected a value") => ("EOFException", "JSON error (end-of-file)".into()),
            Problem::Eof(what) => ("Exception", format!("JSON error (end-of-file, {what})")),
            Problem::EofAfterComma(_) => ("EOFException", "JSON error (end-of-file)".into()),
            Problem::Unexpected { found, expecting } => (
                "Exception",
                format!("JSON error (unexpected character): {found} ({expecting})"),
            ),
            Problem::Number(what) => (
                "Exception",
                format!("JSON error (invalid number literal): {what}"),
            ),
            Problem::Str(what) => ("Exception", format!("JSON error ({what})")),
            Problem::Trailing(c) => (
                "Exception",
                format!("JSON error (found extra data after the value): {c}"),
            ),
        }
    }
}

/// A character as Jackson shows it: `'x' (code 120)`.
fn describe_char(c: char) -> String {
    if c.is_control() {
        format!("CTRL-CHAR, code {}", c as u32)
    } else {
        format!("'{c}' (code {})", c as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_from_the_last_newline() {
        assert_eq!(line_column("ab", 0), (1, 1));
        assert_eq!(line_column("a\nbé c", 6), (2, 4));
        assert_eq!(line_column("x", 10), (1, 2));
    }
}
