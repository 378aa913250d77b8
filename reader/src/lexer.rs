//! The logos lexer: source text to [`Tok`]ens. Strings, regexes and character
//! literals are scanned by callbacks so that an unterminated one is reported
//! where it starts; atoms (numbers, symbols, keywords) are classified by
//! [`crate::atom`].
//!
//! A token ends at whitespace, a comma, or a terminating macro character
//! (`" ; @ ^ ` ~ ( ) [ ] { } \`), as in Clojure; `#`, `'` and `%` may appear
//! inside a token.

use crate::atom;
use crate::error::ReadErrorKind;
use crate::form::{FormKind, MapNamespace, Symbol};
use crate::span::Span;
use logos::{Lexer, Logos};

/// Why lexing failed, and where. Some problems need the line index to become
/// a [`ReadErrorKind`], so they are kept in this raw form until then.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum LexProblem {
    /// A string that runs to the end of input; the span starts at its quote.
    UnterminatedString,
    /// A regex that runs to the end of input.
    UnterminatedRegex,
    /// Any other problem.
    Kind(ReadErrorKind),
    /// A character no token starts with (cannot happen with the token set
    /// below, but the lexer needs a default).
    #[default]
    Unexpected,
}

/// A lexing error: the problem and the bytes it is about.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct LexError {
    pub problem: LexProblem,
    pub span: Option<Span>,
}

impl LexError {
    fn at(problem: LexProblem, span: Span) -> LexError {
        LexError {
            problem,
            span: Some(span),
        }
    }

    fn kind(kind: ReadErrorKind, span: Span) -> LexError {
        LexError::at(LexProblem::Kind(kind), span)
    }

    fn from_lexer(lex: &mut Lexer<'_, Tok>) -> LexError {
        let span = lex.span();
        LexError::at(LexProblem::Unexpected, Span::new(span.start, span.end))
    }
}

/// The tokens of Clojure's reader syntax.
#[derive(Logos, Debug, Clone, PartialEq)]
#[logos(error(LexError, LexError::from_lexer))]
// Whitespace is Java's `Character.isWhitespace` (so a no-break space is not)
// plus the comma. `tc` is a character that may continue a token; `nc` one
// that may continue a number (numbers also end at `#`, `'` and `%`); `sc`
// one that may start a symbol or keyword.
#[logos(subpattern ws = r"[\t\n\x0B\x0C\r\x1C-\x1F ,\x{1680}\x{2000}-\x{2006}\x{2008}-\x{200A}\x{2028}\x{2029}\x{205F}\x{3000}]")]
#[logos(subpattern tc = r#"[^\t\n\x0B\x0C\r\x1C-\x1F ,\x{1680}\x{2000}-\x{2006}\x{2008}-\x{200A}\x{2028}\x{2029}\x{205F}\x{3000};"@^`~()\[\]{}\\]"#)]
#[logos(subpattern nc = r#"[^\t\n\x0B\x0C\r\x1C-\x1F ,\x{1680}\x{2000}-\x{2006}\x{2008}-\x{200A}\x{2028}\x{2029}\x{205F}\x{3000};"@^`~()\[\]{}\\#'%]"#)]
#[logos(subpattern sc = r#"[^\t\n\x0B\x0C\r\x1C-\x1F ,\x{1680}\x{2000}-\x{2006}\x{2008}-\x{200A}\x{2028}\x{2029}\x{205F}\x{3000};"@^`~()\[\]{}\\#'0-9+\-]"#)]
// Whitespace, `;` comments and `#!` (shebang) comments; a comment ends at
// `\n` or `\r`.
#[logos(skip(r"(?&ws)+|;[^\r\n]*|#![^\r\n]*", allow_greedy = true))]
pub(crate) enum Tok {
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("#{")]
    SetOpen,
    #[token("#(")]
    FnOpen,
    #[token("#_")]
    Discard,
    #[token("#'")]
    VarQuote,
    #[token("#?")]
    Cond,
    #[token("#?@")]
    CondSplice,
    #[token("'")]
    Quote,
    #[token("`")]
    SyntaxQuote,
    #[token("~")]
    Unquote,
    #[token("~@")]
    UnquoteSplice,
    #[token("@")]
    Deref,
    #[token("^")]
    #[token("#^")]
    Meta,
    /// `#tag` (a tagged literal's tag).
    #[regex(r"#\p{L}(?&tc)*", lex_tag)]
    Tag(Symbol),
    /// `#:ns`, `#::` or `#::alias` before a map.
    #[regex(r"#::?(?&tc)*", lex_map_namespace)]
    NsMap(MapNamespace),
    /// A `#` that starts no dispatch form: always an error.
    #[token("#", lex_bad_dispatch)]
    BadDispatch,
    /// A self-contained literal: number, symbol, keyword, nil, boolean,
    /// string, regex, character or symbolic value.
    #[regex(r"[+\-]?[0-9](?&nc)*", lex_atom)]
    #[regex(r"(?&sc)(?&tc)*", lex_atom)]
    #[regex(r#"[+\-]([^\t\n\x0B\x0C\r\x1C-\x1F ,\x{1680}\x{2000}-\x{2006}\x{2008}-\x{200A}\x{2028}\x{2029}\x{205F}\x{3000};"@^`~()\[\]{}\\0-9](?&tc)*)?"#, lex_atom)]
    #[regex(r"##(?&ws)*(?&tc)*", lex_symbolic)]
    #[token("\"", lex_string)]
    #[token("#\"", lex_regex)]
    #[token("\\", lex_char)]
    Atom(FormKind),
}

fn span_of(lex: &Lexer<'_, Tok>) -> Span {
    let s = lex.span();
    Span::new(s.start, s.end)
}

/// True for the characters that end a token (besides whitespace and commas).
pub(crate) fn is_terminating(c: char) -> bool {
    matches!(
        c,
        '"' | ';' | '@' | '^' | '`' | '~' | '(' | ')' | '[' | ']' | '{' | '}' | '\\'
    )
}

/// True for whitespace as the reader sees it (commas included).
pub(crate) fn is_whitespace(c: char) -> bool {
    matches!(c, '\t'..='\r' | '\x1C'..='\x1F' | ' ' | ',')
        || (c > '\x7f'
            && c.is_whitespace()
            && !matches!(c, '\u{85}' | '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

fn lex_atom(lex: &mut Lexer<'_, Tok>) -> Result<FormKind, LexError> {
    atom::classify(lex.slice()).map_err(|k| LexError::kind(k, span_of(lex)))
}

fn lex_symbolic(lex: &mut Lexer<'_, Tok>) -> Result<FormKind, LexError> {
    // `## Inf`: whitespace may separate `##` from the name, as in Clojure.
    match lex.slice()[2..].trim_start_matches(is_whitespace) {
        "Inf" => Ok(FormKind::Float(f64::INFINITY)),
        "-Inf" => Ok(FormKind::Float(f64::NEG_INFINITY)),
        "NaN" => Ok(FormKind::Float(f64::NAN)),
        other => Err(LexError::kind(
            ReadErrorKind::InvalidSymbolicValue(other.to_string()),
            span_of(lex),
        )),
    }
}

fn lex_tag(lex: &mut Lexer<'_, Tok>) -> Result<Symbol, LexError> {
    let text = &lex.slice()[1..];
    atom::symbol(text)
        .ok_or_else(|| LexError::kind(ReadErrorKind::InvalidSymbol(text.to_string()), span_of(lex)))
}

fn lex_map_namespace(lex: &mut Lexer<'_, Tok>) -> Result<MapNamespace, LexError> {
    let text = &lex.slice()[2..];
    let bad = || {
        LexError::kind(
            ReadErrorKind::InvalidMapNamespace(text.to_string()),
            span_of(lex),
        )
    };
    let simple = |name: &str| match atom::symbol(name) {
        Some(Symbol { ns: None, name }) => Some(name),
        _ => None,
    };
    match text.strip_prefix(':') {
        Some("") => Ok(MapNamespace::Current),
        Some(alias) => simple(alias).map(MapNamespace::Alias).ok_or_else(bad),
        None => simple(text).map(MapNamespace::Explicit).ok_or_else(bad),
    }
}

fn lex_bad_dispatch(lex: &mut Lexer<'_, Tok>) -> Result<(), LexError> {
    let span = span_of(lex);
    let kind = match lex.remainder().chars().next() {
        None => ReadErrorKind::EndAfter("#".to_string()),
        Some('=') => ReadErrorKind::ReadEval,
        Some('<') => ReadErrorKind::Unreadable,
        Some(c) => ReadErrorKind::UnknownDispatch(c.to_string()),
    };
    Err(LexError::kind(kind, span))
}

/// Scans a string literal after its opening quote, decoding escapes.
fn lex_string(lex: &mut Lexer<'_, Tok>) -> Result<FormKind, LexError> {
    let start = lex.span().start;
    let rest = lex.remainder();
    let body = start + 1;
    let mut out = String::new();
    let mut seg = 0;
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                out.push_str(&rest[seg..i]);
                lex.bump(i + 1);
                return Ok(FormKind::Str(out));
            }
            '\\' => {
                out.push_str(&rest[seg..i]);
                let Some((_, e)) = chars.next() else { break };
                let decoded = match e {
                    't' => '\t',
                    'r' => '\r',
                    'n' => '\n',
                    '\\' => '\\',
                    '"' => '"',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'u' => match unicode_escape(&rest[i..]) {
                        Escape::Char(c, len) => {
                            // `len` counts ASCII bytes after the backslash and
                            // `u`, already consumed: skip them.
                            for _ in 0..len {
                                chars.next();
                            }
                            c
                        }
                        Escape::Incomplete => break,
                        Escape::Invalid(text) => {
                            let span = Span::new(body + i, body + i + 1 + text.len());
                            return Err(LexError::kind(ReadErrorKind::InvalidEscape(text), span));
                        }
                    },
                    '0'..='7' => {
                        let digits: String = rest[i + 1..]
                            .chars()
                            .take(3)
                            .take_while(|d| d.is_digit(8))
                            .collect();
                        let value = u32::from_str_radix(&digits, 8).unwrap_or(u32::MAX);
                        if value > 0o377 {
                            let span = Span::new(body + i, body + i + 1 + digits.len());
                            return Err(LexError::kind(ReadErrorKind::InvalidEscape(digits), span));
                        }
                        for _ in 1..digits.len() {
                            chars.next();
                        }
                        char::from_u32(value).unwrap_or('\0')
                    }
                    other => {
                        let span = Span::new(body + i, body + i + 1 + other.len_utf8());
                        return Err(LexError::kind(
                            ReadErrorKind::UnsupportedEscape(other.to_string()),
                            span,
                        ));
                    }
                };
                out.push(decoded);
                seg = chars.offset();
            }
            _ => {}
        }
    }
    lex.bump(rest.len());
    Err(LexError::at(
        LexProblem::UnterminatedString,
        Span::new(start, start + 1),
    ))
}

/// What a `\uHHHH` escape in a string stands for.
enum Escape {
    /// The character, and how many characters after `\u` it used.
    Char(char, usize),
    /// The input ends inside the escape.
    Incomplete,
    /// Not a character: the escape as written (without the backslash).
    Invalid(String),
}

/// Decodes `\uHHHH` at the start of `text` (which begins with the
/// backslash), joining a UTF-16 surrogate pair `\uD83D\uDE00` into one
/// character as Java does; a lone surrogate is invalid.
fn unicode_escape(text: &str) -> Escape {
    let unit = |at: usize| -> Result<u32, usize> {
        let hex: String = text
            .get(at..)
            .unwrap_or("")
            .chars()
            .take(4)
            .take_while(|h| h.is_ascii_hexdigit())
            .collect();
        match u32::from_str_radix(&hex, 16) {
            Ok(v) if hex.len() == 4 => Ok(v),
            _ => Err(hex.len()),
        }
    };
    let ended = |at: usize, found: usize| at + found >= text.len();
    let hi = match unit(2) {
        Ok(v) => v,
        Err(found) if ended(2, found) => return Escape::Incomplete,
        Err(found) => return Escape::Invalid(text[1..2 + found].to_string()),
    };
    if !(0xD800..=0xDBFF).contains(&hi) {
        return match char::from_u32(hi) {
            Some(c) => Escape::Char(c, 4),
            None => Escape::Invalid(text[1..6].to_string()),
        };
    }
    // A high surrogate: a low one must follow as `\uHHHH`.
    if text.len() < 12
        && text[6..]
            .chars()
            .all(|c| "\\u0123456789abcdefABCDEF".contains(c))
    {
        return Escape::Incomplete;
    }
    let lo = match (text.get(6..8), unit(8)) {
        (Some("\\u"), Ok(lo)) if (0xDC00..=0xDFFF).contains(&lo) => lo,
        _ => return Escape::Invalid(text[1..6].to_string()),
    };
    let code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
    match char::from_u32(code) {
        Some(c) => Escape::Char(c, 10),
        None => Escape::Invalid(text[1..12].to_string()),
    }
}

/// Scans a regex literal after `#"`, keeping its text as written.
fn lex_regex(lex: &mut Lexer<'_, Tok>) -> Result<FormKind, LexError> {
    let start = lex.span().start;
    let rest = lex.remainder();
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                lex.bump(i + 1);
                return Ok(FormKind::Regex(rest[..i].to_string()));
            }
            '\\' if chars.next().is_none() => break,
            _ => {}
        }
    }
    lex.bump(rest.len());
    Err(LexError::at(
        LexProblem::UnterminatedRegex,
        Span::new(start, start + 2),
    ))
}

/// Scans a character literal after `\`: one character taken whatever it is,
/// then the rest of the token.
fn lex_char(lex: &mut Lexer<'_, Tok>) -> Result<FormKind, LexError> {
    let rest = lex.remainder();
    let mut chars = rest.char_indices();
    let Some((_, first)) = chars.next() else {
        return Err(LexError::kind(ReadErrorKind::EndInCharacter, span_of(lex)));
    };
    let mut end = first.len_utf8();
    for (i, c) in chars {
        if is_whitespace(c) || is_terminating(c) {
            break;
        }
        end = i + c.len_utf8();
    }
    lex.bump(end);
    atom::character(&rest[..end])
        .map(FormKind::Char)
        .ok_or_else(|| {
            LexError::kind(
                ReadErrorKind::InvalidCharacterName(rest[..end].to_string()),
                span_of(lex),
            )
        })
}
