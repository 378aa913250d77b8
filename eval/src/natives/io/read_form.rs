//! Reading one form from a reader, leaving the rest unread (what Clojure's
//! `read` and `clojure.edn/read` do with a `java.io.PushbackReader`):
//! [`next_form_text`] takes from a host reader (`crate::host_objects`)
//! exactly the characters of its next top-level form — whitespace, commas
//! and comments before it are skipped, a token ends at the character that
//! ends it, which stays unread, as Clojure's reader unreads it — and the
//! text is then read by the usual readers (`clojure.edn`'s, or
//! `read-string`'s). Only the extent of the form is found here, from the
//! characters that delimit forms (collections, strings, character
//! literals, comments, the prefixes `' ` ~ ~@ @ ^ #_ #tag #?`); whether the
//! text is a valid form is the reader's to say.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::host_objects::{self, Family};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::io::streams::with_input;
use crate::natives::one;
use evelisp_heap::{Ref, Value};
use std::io::{BufRead, BufReader, Read};

natives! {
    /// Internal: the text of the next form of the java.io.PushbackReader rdr,
    /// read from it (the character after the form stays unread); nil at the
    /// end of its input.
    #[arglists = "([rdr])"]
    "evelisp.io/read-form-text" => read_form_text;
}

/// `(evelisp.io/read-form-text rdr)`.
fn read_form_text<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let rdr = one("evelisp.io/read-form-text", &args)?.borrowed();
    pushback_reader(rdr)?;
    match next_form_text(rdr)? {
        Some(text) => Ok(i.env().make_string(&text)?),
        None => Ok(Value::nil(i.env())),
    }
}

/// Checks that `rdr` is a `java.io.PushbackReader` (or Clojure's
/// `LineNumberingPushbackReader`, `*in*`'s class), as the JVM's cast in
/// `read` does: nil is a `NullPointerException`, anything else a
/// `ClassCastException`. Returns whether it is a line-numbering reader.
pub(crate) fn pushback_reader(rdr: Ref<'_>) -> EvalResult<bool> {
    if rdr.is_nil() {
        return Err(EvalError::new(EvalErrorKind::NullPointer(
            "Cannot invoke \"java.io.PushbackReader.read()\" because \"r\" is null".into(),
        )));
    }
    let class = match host_objects::family_of(rdr.word()) {
        Some(Family::Reader) => host_objects::class_name(rdr.word()),
        _ => "",
    };
    match class {
        "java.io.PushbackReader" => Ok(false),
        "clojure.lang.LineNumberingPushbackReader" => Ok(true),
        _ => Err(EvalError::new(EvalErrorKind::ClassCast(format!(
            "class {} cannot be cast to class java.io.PushbackReader",
            crate::natives::host::classes::class_name(rdr)?.unwrap_or_default()
        )))),
    }
}

/// The text of the next form of reader `rdr`, consumed from it; `None`
/// when only whitespace and comments are left. A form cut short by the
/// end of the input gives the text read so far (the reader reports it).
pub(crate) fn next_form_text(rdr: Ref<'_>) -> EvalResult<Option<String>> {
    with_input(rdr.word(), |r| {
        let mut s = Scanner { r, out: Vec::new() };
        s.skip_space(false)?;
        if s.peek()?.is_none() {
            return Ok(None);
        }
        s.form(0)?;
        Ok(Some(String::from_utf8_lossy(&s.out).into_owned()))
    })
}

/// Deepest nesting followed (deeper input is left to the reader's own
/// depth limit, which refuses it).
const MAX_DEPTH: usize = 10_000;

/// Whether `b` ends a token (Clojure's whitespace, comma, or terminating
/// macro character; `#`, `'` and `%` do not end one).
fn ends_token(b: u8) -> bool {
    b.is_ascii_whitespace()
        || matches!(b, b',' | b'"' | b';' | b'@' | b'^' | b'`' | b'~')
        || matches!(b, b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'\\')
}

struct Scanner<'r> {
    r: &'r mut BufReader<Box<dyn Read + Send>>,
    out: Vec<u8>,
}

impl Scanner<'_> {
    fn peek(&mut self) -> EvalResult<Option<u8>> {
        let buf = self.r.fill_buf().map_err(host_objects::io)?;
        Ok(buf.first().copied())
    }

    /// Takes the next byte into the text.
    fn take(&mut self) -> EvalResult<Option<u8>> {
        let b = self.peek()?;
        if let Some(b) = b {
            self.r.consume(1);
            self.out.push(b);
        }
        Ok(b)
    }

    /// Skips whitespace, commas and `;` comments, keeping them in the text
    /// when `keep` (not before the form; a comment is kept as a newline).
    fn skip_space(&mut self, keep: bool) -> EvalResult<()> {
        while let Some(b) = self.peek()? {
            if b.is_ascii_whitespace() || b == b',' {
                self.r.consume(1);
                if keep {
                    self.out.push(b);
                }
            } else if b == b';' {
                while let Some(c) = self.peek()? {
                    self.r.consume(1);
                    if c == b'\n' {
                        break;
                    }
                }
                if keep {
                    self.out.push(b'\n');
                }
            } else {
                break;
            }
        }
        Ok(())
    }

    /// Takes the bytes of a token (up to the byte that ends it).
    fn token(&mut self) -> EvalResult<()> {
        while let Some(b) = self.peek()? {
            if ends_token(b) {
                break;
            }
            self.take()?;
        }
        Ok(())
    }

    /// Takes one form, after whitespace (kept) if there is any first.
    fn next_form(&mut self, depth: usize) -> EvalResult<()> {
        self.skip_space(true)?;
        self.form(depth)
    }

    /// Takes one form starting at the next byte.
    fn form(&mut self, depth: usize) -> EvalResult<()> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        let Some(b) = self.peek()? else {
            return Ok(());
        };
        match b {
            b'(' | b'[' | b'{' => {
                self.take()?;
                self.elements(depth)
            }
            // An unmatched closer: the reader says so.
            b')' | b']' | b'}' => self.take().map(drop),
            b'"' => {
                self.take()?;
                self.string()
            }
            b'\\' => {
                self.take()?;
                // The character itself, even one that ends tokens.
                self.take()?;
                self.token()
            }
            b'\'' | b'`' | b'@' => {
                self.take()?;
                self.next_form(depth + 1)
            }
            b'~' => {
                self.take()?;
                if self.peek()? == Some(b'@') {
                    self.take()?;
                }
                self.next_form(depth + 1)
            }
            b'^' => {
                self.take()?;
                self.next_form(depth + 1)?;
                self.next_form(depth + 1)
            }
            b'#' => {
                self.take()?;
                self.dispatch(depth)
            }
            _ => self.token(),
        }
    }

    /// After `#`.
    fn dispatch(&mut self, depth: usize) -> EvalResult<()> {
        match self.peek()? {
            Some(b'{' | b'(' | b'"') => self.form(depth + 1),
            Some(b'#') => {
                self.take()?;
                self.token()
            }
            Some(b'\'' | b'=') => {
                self.take()?;
                self.next_form(depth + 1)
            }
            Some(b'^') => {
                self.take()?;
                self.next_form(depth + 1)?;
                self.next_form(depth + 1)
            }
            Some(b'?') => {
                self.take()?;
                if self.peek()? == Some(b'@') {
                    self.take()?;
                }
                self.next_form(depth + 1)
            }
            Some(b':') => {
                self.take()?;
                self.token()?;
                self.next_form(depth + 1)
            }
            Some(b'_') => {
                // A discarded form, then the form that counts (unless a
                // collection or the input ends first).
                self.take()?;
                self.next_form(depth + 1)?;
                self.skip_space(true)?;
                match self.peek()? {
                    None | Some(b')' | b']' | b'}') => Ok(()),
                    Some(_) => self.form(depth + 1),
                }
            }
            // A tagged literal: the tag, then its form.
            Some(_) => {
                self.token()?;
                self.next_form(depth + 1)
            }
            None => Ok(()),
        }
    }

    /// The elements of a collection, through its closing delimiter.
    fn elements(&mut self, depth: usize) -> EvalResult<()> {
        loop {
            self.skip_space(true)?;
            match self.peek()? {
                None => return Ok(()),
                Some(b')' | b']' | b'}') => return self.take().map(drop),
                Some(_) => self.form(depth + 1)?,
            }
        }
    }

    /// The rest of a string literal, through its closing quote.
    fn string(&mut self) -> EvalResult<()> {
        while let Some(b) = self.take()? {
            match b {
                b'\\' => {
                    self.take()?;
                }
                b'"' => return Ok(()),
                _ => {}
            }
        }
        Ok(())
    }
}
