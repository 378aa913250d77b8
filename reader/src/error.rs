//! Reader errors: what went wrong ([`ReadErrorKind`]) and where
//! ([`ReadError`] carries the span, line, column and file name).
//!
//! Errors that mean "the input stopped in the middle of a form" are
//! *incomplete* ([`ReadError::is_incomplete`]), so a REPL can keep reading
//! lines instead of reporting them.

use crate::span::{LineCol, Span};
use std::fmt;
use std::sync::Arc;

/// What went wrong while reading.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadErrorKind {
    // --- incomplete input: more text could complete the form ---
    /// A string ran to the end of input.
    #[error("unterminated string starting at {0}")]
    UnterminatedString(LineCol),
    /// A regex literal ran to the end of input.
    #[error("unterminated regex starting at {0}")]
    UnterminatedRegex(LineCol),
    /// A collection was still open at the end of input.
    #[error("unterminated {what} starting at {start}")]
    UnterminatedCollection {
        /// `list`, `vector`, `map`, `set`, `#() function`, ...
        what: &'static str,
        /// Where its opening delimiter is.
        start: LineCol,
    },
    /// A prefix (`'`, `@`, `^`, `#_`, a tag, ...) had no form after it.
    #[error("unexpected end of input after {0}")]
    EndAfter(String),

    // --- syntax errors ---
    /// A closing delimiter with nothing open.
    #[error("unmatched '{0}'")]
    Unmatched(char),
    /// A closing delimiter that does not match the innermost open one.
    #[error("unmatched '{found}': expected '{expected}' to close '{opener}' at {start}")]
    Mismatched {
        /// The closer that was found.
        found: char,
        /// The closer that was expected.
        expected: char,
        /// The opener as written (`(`, `#{`, ...).
        opener: &'static str,
        /// Where the opener is.
        start: LineCol,
    },
    /// A prefix was followed by something that is not a form.
    #[error("expected a form after {prefix} but found '{found}'")]
    MissingForm {
        /// The prefix, described (`'`, `^`, `#inst`, ...).
        prefix: String,
        /// What came instead.
        found: String,
    },
    /// A token that cannot be read as a number.
    #[error("invalid number '{0}'")]
    InvalidNumber(String),
    /// A decimal whose scale does not fit in 32 bits (as in Java).
    #[error("invalid number '{0}': scale out of range")]
    ScaleOutOfRange(String),
    /// A number literal longer than the reader accepts.
    #[error("invalid number '{0}…': longer than {1} characters")]
    NumberTooLong(String, usize),
    /// A ratio with a zero denominator.
    #[error("invalid number '{0}': division by zero")]
    DivideByZero(String),
    /// A radix number whose radix is outside 2..=36.
    #[error("invalid number '{0}': radix must be between 2 and 36")]
    InvalidRadix(String),
    /// A token that is neither number nor valid symbol.
    #[error("invalid symbol '{0}'")]
    InvalidSymbol(String),
    /// A token that starts with `:` but is not a valid keyword.
    #[error("invalid keyword '{0}'")]
    InvalidKeyword(String),
    /// `\foo` where `foo` names no character.
    #[error("invalid character name '\\{0}'")]
    InvalidCharacterName(String),
    /// A `\` at the very end of input.
    #[error("unexpected end of input after \\ (character literal)")]
    EndInCharacter,
    /// An escape in a string that the reader does not know.
    #[error("unsupported escape character '\\{0}' in string")]
    UnsupportedEscape(String),
    /// A `\u` or octal escape that is malformed or names no character.
    #[error("invalid escape '\\{0}' in string")]
    InvalidEscape(String),
    /// `##X` where `X` is not `Inf`, `-Inf` or `NaN`.
    #[error("invalid symbolic value '##{0}': expected ##Inf, ##-Inf or ##NaN")]
    InvalidSymbolicValue(String),
    /// `#` followed by a character that starts no dispatch form.
    #[error("no reader dispatch for '#{0}'")]
    UnknownDispatch(String),
    /// `#=`: evaluation while reading is not supported.
    #[error("'#=' (read-time evaluation) is not supported")]
    ReadEval,
    /// `#<...>`: an unreadable printed object.
    #[error("unreadable form '#<'")]
    Unreadable,
    /// A map literal with an odd number of forms.
    #[error("map literal must contain an even number of forms")]
    OddMap,
    /// A map literal with a key given twice.
    #[error("duplicate key {0} in map literal")]
    DuplicateKey(String),
    /// A set literal with an element given twice.
    #[error("duplicate element {0} in set literal")]
    DuplicateElement(String),
    /// `#()` inside `#()`.
    #[error("nested #() functions are not allowed")]
    NestedAnonFn,
    /// `%x` inside `#()` where `x` is not empty, `&` or a positive integer.
    #[error("invalid argument literal '{0}': must be %, %&, or %n with n from 1 to 20")]
    InvalidArgLiteral(String),
    /// `^x` where `x` cannot be metadata.
    #[error("metadata must be a symbol, keyword, string, map or vector, not {}", article(.0))]
    InvalidMetadata(&'static str),
    /// `^m x` where `x` cannot carry metadata.
    #[error("metadata cannot be applied to {}", article(.0))]
    MetadataTarget(&'static str),
    /// `#?` or `#?@` not followed by a list.
    #[error("reader conditional body must be a list")]
    ReaderConditionalBody,
    /// A reader conditional with an odd number of forms.
    #[error("reader conditional must contain an even number of forms")]
    OddReaderConditional,
    /// `:else` or `:none` used as a reader-conditional feature.
    #[error("reader conditional feature {0} is reserved")]
    ReservedFeature(String),
    /// A reader conditional whose feature is not a keyword.
    #[error("reader conditional feature must be a keyword, not {}", article(.0))]
    ReaderConditionalFeature(&'static str),
    /// `#?@` at the top level or where one form is needed.
    #[error("splicing reader conditional #?@ is not allowed {0}")]
    SplicingNotAllowed(&'static str),
    /// `#?@` selected something that is not a list or vector.
    #[error("splicing reader conditional must select a list or vector, not {}", article(.0))]
    SplicingNotSequential(&'static str),
    /// A reader conditional after a prefix selected no form, and no form followed.
    #[error("reader conditional after {0} selected no form")]
    ConditionalSelectedNothing(String),
    /// `#:ns` not followed by a map.
    #[error("namespaced map prefix must be followed by a map")]
    NamespacedMapBody,
    /// A malformed `#:ns` prefix.
    #[error("invalid namespaced map prefix '#:{0}'")]
    InvalidMapNamespace(String),
    /// Forms nested deeper than the reader allows.
    #[error("forms nested deeper than {0} levels")]
    TooDeep(usize),
}

/// `name` with its indefinite article: "an integer", "a list".
fn article(name: &str) -> String {
    let vowel = name.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {name}", if vowel { "an" } else { "a" })
}

impl ReadErrorKind {
    /// True when more input could complete the form (the REPL should ask for
    /// another line rather than report an error).
    pub fn is_incomplete(&self) -> bool {
        matches!(
            self,
            ReadErrorKind::UnterminatedString(_)
                | ReadErrorKind::UnterminatedRegex(_)
                | ReadErrorKind::UnterminatedCollection { .. }
                | ReadErrorKind::EndAfter(_)
                | ReadErrorKind::EndInCharacter
        )
    }
}

/// A reader error with its location.
///
/// Displays as `file:line:column: message` (or `line:column: message` when
/// the source has no file name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// What went wrong.
    pub kind: ReadErrorKind,
    /// The bytes the error is about.
    pub span: Span,
    /// Where the error is (the start of `span`).
    pub at: LineCol,
    /// The source's file name, if it has one.
    pub file: Option<Arc<str>>,
}

impl ReadError {
    /// True when more input could complete the form; see
    /// [`ReadErrorKind::is_incomplete`].
    pub fn is_incomplete(&self) -> bool {
        self.kind.is_incomplete()
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}:")?;
        }
        write!(f, "{}: {}", self.at, self.kind)
    }
}

impl std::error::Error for ReadError {}
