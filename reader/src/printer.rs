//! The printer: every [`Form`] prints as readable Clojure text that reads
//! back to an equal form (`read(print(f)) == f`).
//!
//! Strings and characters are escaped so that control characters survive;
//! doubles and decimals print as Clojure prints them; sugar (`'x`, `@x`,
//! `^m x`, `#(...)`) prints as it was written.

use crate::atom::character_name;
use crate::form::{Form, FormKind, Keyword, MapNamespace, Symbol};
use crate::number::{format_bigdecimal, format_double};
use std::fmt::{self, Display, Formatter, Write};

impl Display for Symbol {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.ns {
            Some(ns) => write!(f, "{ns}/{}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

impl Display for Keyword {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.auto { "::" } else { ":" })?;
        match &self.ns {
            Some(ns) => write!(f, "{ns}/{}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

impl Display for Form {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        // Forms built by the evaluator can nest deeper than the reader's
        // limit: grow the stack rather than overflow it.
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.kind.fmt(f))
    }
}

impl Display for FormKind {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            FormKind::Nil => f.write_str("nil"),
            FormKind::Bool(b) => write!(f, "{b}"),
            FormKind::Int(i) => write!(f, "{i}"),
            FormKind::BigInt(i) => write!(f, "{i}N"),
            FormKind::Float(d) => f.write_str(&format_double(*d)),
            FormKind::BigDecimal(d) => write!(f, "{}M", format_bigdecimal(d)),
            FormKind::Ratio(r) => write!(f, "{}/{}", r.numer(), r.denom()),
            FormKind::Char(c) => write_char_literal(f, *c),
            FormKind::Str(s) => write_string_literal(f, s),
            FormKind::Regex(s) => write!(f, "#\"{s}\""),
            FormKind::Symbol(s) => s.fmt(f),
            FormKind::Keyword(k) => k.fmt(f),
            FormKind::List(items) => write_seq(f, "(", items, ")"),
            FormKind::Vector(items) => write_seq(f, "[", items, "]"),
            FormKind::Set(items) => write_seq(f, "#{", items, "}"),
            FormKind::AnonFn(items) => write_seq(f, "#(", items, ")"),
            FormKind::Map(items) => write_map(f, items),
            FormKind::NamespacedMap { ns, map } => {
                match ns {
                    MapNamespace::Explicit(ns) => write!(f, "#:{ns}")?,
                    MapNamespace::Current => f.write_str("#::")?,
                    MapNamespace::Alias(a) => write!(f, "#::{a}")?,
                }
                map.fmt(f)
            }
            FormKind::ReaderConditional { splicing, forms } => {
                write_seq(f, if *splicing { "#?@(" } else { "#?(" }, forms, ")")
            }
            FormKind::Unquote(inner) if matches!(inner.kind, FormKind::Deref(_)) => {
                // `~@x` would read as unquote-splicing.
                write!(f, "~ {inner}")
            }
            FormKind::Quote(inner)
            | FormKind::SyntaxQuote(inner)
            | FormKind::Unquote(inner)
            | FormKind::UnquoteSplicing(inner)
            | FormKind::Deref(inner)
            | FormKind::Var(inner) => write!(f, "{}{inner}", prefix_text_of(self)),
            FormKind::Meta { meta, target } => write!(f, "^{meta} {target}"),
            FormKind::Tagged { tag, form } => write!(f, "#{tag} {form}"),
        }
    }
}

fn prefix_text_of(kind: &FormKind) -> &'static str {
    match kind {
        FormKind::Quote(_) => "'",
        FormKind::SyntaxQuote(_) => "`",
        FormKind::Unquote(_) => "~",
        FormKind::UnquoteSplicing(_) => "~@",
        FormKind::Deref(_) => "@",
        FormKind::Var(_) => "#'",
        FormKind::Meta { .. } => "^",
        _ => "",
    }
}

/// The prefix a sugar form is written with (`'`, `@`, `^`, `#inst`, ...).
pub(crate) fn prefix_text(form: &Form) -> String {
    match &form.kind {
        FormKind::Tagged { tag, .. } => format!("#{tag}"),
        other => prefix_text_of(other).to_string(),
    }
}

fn write_seq(f: &mut Formatter<'_>, open: &str, items: &[Form], close: &str) -> fmt::Result {
    f.write_str(open)?;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_char(' ')?;
        }
        item.fmt(f)?;
    }
    f.write_str(close)
}

fn write_map(f: &mut Formatter<'_>, items: &[Form]) -> fmt::Result {
    f.write_char('{')?;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(if i % 2 == 0 { ", " } else { " " })?;
        }
        item.fmt(f)?;
    }
    f.write_char('}')
}

/// Writes `c` as a character literal: `\a`, `\newline`, `\u0000`.
pub fn write_char_literal(f: &mut impl Write, c: char) -> fmt::Result {
    if let Some(name) = character_name(c) {
        return write!(f, "\\{name}");
    }
    if c.is_control() || c.is_whitespace() {
        return write!(f, "\\u{:04x}", c as u32);
    }
    write!(f, "\\{c}")
}

/// Writes `s` as a string literal, escaping quotes, backslashes and control
/// characters.
pub fn write_string_literal(f: &mut impl Write, s: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\t' => f.write_str("\\t")?,
            '\r' => f.write_str("\\r")?,
            '\u{8}' => f.write_str("\\b")?,
            '\u{c}' => f.write_str("\\f")?,
            c if c.is_control() => write!(f, "\\u{:04x}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}
