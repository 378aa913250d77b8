//! Classifying a token: number, `nil`/`true`/`false`, keyword or symbol
//! (following Clojure's rules for where `/` and `:` may appear), and
//! character names for `\` literals.

use crate::error::ReadErrorKind;
use crate::form::{FormKind, Keyword, Name, Symbol};
use crate::number;

/// Reads one token that is not a string, regex or character literal.
pub(crate) fn classify(token: &str) -> Result<FormKind, ReadErrorKind> {
    let bytes = token.as_bytes();
    let starts_number = matches!(bytes, [b'0'..=b'9', ..] | [b'+' | b'-', b'0'..=b'9', ..]);
    if starts_number {
        return number::parse(token);
    }
    match token {
        "nil" => return Ok(FormKind::Nil),
        "true" => return Ok(FormKind::Bool(true)),
        "false" => return Ok(FormKind::Bool(false)),
        _ => {}
    }
    if let Some(rest) = token.strip_prefix(':') {
        let (auto, rest) = match rest.strip_prefix(':') {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        return match parts(rest) {
            // `::/` names nothing.
            Some((ns, name)) if !(auto && ns.is_none() && name == "/") => {
                Ok(FormKind::Keyword(Keyword { ns, name, auto }))
            }
            _ => Err(ReadErrorKind::InvalidKeyword(token.to_string())),
        };
    }
    symbol(token)
        .map(FormKind::Symbol)
        .ok_or_else(|| ReadErrorKind::InvalidSymbol(token.to_string()))
}

/// Parses `text` as a symbol (as a tag or namespace name is written), or
/// `None` if it is not one: a number, `nil`/`true`/`false`, or malformed.
pub(crate) fn symbol(text: &str) -> Option<Symbol> {
    let bytes = text.as_bytes();
    let number_like = matches!(bytes, [b'0'..=b'9', ..] | [b'+' | b'-', b'0'..=b'9', ..]);
    if number_like || matches!(text, "nil" | "true" | "false") {
        return None;
    }
    parts(text).map(|(ns, name)| Symbol { ns, name })
}

/// Splits a symbol or keyword body (without leading colons) into namespace
/// and name. `/` alone is a name; `ns//` has the name `/`; otherwise at most
/// one `/` separates two non-empty parts. No part may contain `::`, start
/// with `:` or end with `:`. A name after a `/` may not start with a digit
/// (`:a/1` is invalid, as in Clojure; `:1` is fine).
fn parts(text: &str) -> Option<(Option<Name>, Name)> {
    let bytes = text.as_bytes();
    let (&first, &last) = (bytes.first()?, bytes.last()?);
    if first == b':' || last == b':' {
        return None;
    }
    if text == "/" {
        return Some((None, Name::const_new("/")));
    }
    // One pass: the first '/', and no "::" anywhere.
    let mut slash = None;
    let mut colon = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b':' && colon {
            return None;
        }
        colon = b == b':';
        if b == b'/' && slash.is_none() {
            slash = Some(i);
        }
    }
    let Some(slash) = slash else {
        return Some((None, Name::from(text)));
    };
    let (ns, name) = (&text[..slash], &text[slash + 1..]);
    let name_ok = name == "/"
        || (!name.is_empty()
            && !name.contains('/')
            && !name.starts_with(|c: char| c.is_ascii_digit()));
    if ns.is_empty() || ns.ends_with(':') || !name_ok {
        return None;
    }
    Some((Some(Name::from(ns)), Name::from(name)))
}

/// The character a `\` literal names: a single character, a name such as
/// `newline`, `\uHHHH` or `\oNNN` (at most `\o377`).
pub(crate) fn character(token: &str) -> Option<char> {
    let mut chars = token.chars();
    let first = chars.next()?;
    if chars.next().is_none() {
        return Some(first);
    }
    match token {
        "newline" => return Some('\n'),
        "space" => return Some(' '),
        "tab" => return Some('\t'),
        "backspace" => return Some('\u{8}'),
        "formfeed" => return Some('\u{c}'),
        "return" => return Some('\r'),
        _ => {}
    }
    if let Some(hex) = token.strip_prefix('u') {
        if hex.len() == 4 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
        }
        return None;
    }
    if let Some(oct) = token.strip_prefix('o') {
        if (1..=3).contains(&oct.len()) && oct.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
            let v = u32::from_str_radix(oct, 8).ok()?;
            return if v <= 0o377 { char::from_u32(v) } else { None };
        }
    }
    None
}

/// The name a character literal is printed with, if it has one.
pub(crate) fn character_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\n' => "newline",
        ' ' => "space",
        '\t' => "tab",
        '\u{8}' => "backspace",
        '\u{c}' => "formfeed",
        '\r' => "return",
        _ => return None,
    })
}
