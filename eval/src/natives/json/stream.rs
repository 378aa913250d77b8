//! Reading one JSON value from a reader, leaving the rest unread (what
//! `clojure.data.json/read` does with a reader, and what `cheshire.core`'s
//! `parse-stream` and lazy `parsed-seq` need): [`next_value_text`] takes
//! from a host reader exactly the bytes of its next JSON value — the
//! whitespace before it skipped, a number or literal ending at the byte
//! that ends it, which stays unread — and the text is then parsed by the
//! one parser (`parse.rs`). Only the value's extent is found here, from
//! brackets, braces and strings; whether it is valid JSON is the parser's
//! to say, so a value cut short by the end of the input is returned as it
//! is and the parser reports where it ends.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::host_objects;
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::io::streams::with_input;
use crate::natives::one;
use evelisp_heap::Value;
use std::io::{BufRead, BufReader, Read};

natives! {
    /// Internal: the text of the next JSON value of the reader rdr, read from
    /// it (whitespace before it skipped; the character after a number or a
    /// literal stays unread); nil when only whitespace is left.
    #[arglists = "([rdr])"]
    "evelisp.json/read-value-text" => read_value_text;
}

/// `(evelisp.json/read-value-text rdr)`.
fn read_value_text<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let rdr = one("evelisp.json/read-value-text", &args)?.borrowed();
    if rdr.is_nil() {
        return Err(EvalError::new(EvalErrorKind::NullPointer(
            "Cannot read JSON from a null reader".into(),
        )));
    }
    if rdr.word().as_host().is_none() {
        return Err(EvalError::new(EvalErrorKind::ClassCast(format!(
            "class {} cannot be cast to class java.io.Reader",
            crate::natives::host::classes::class_name(rdr)?.unwrap_or_default()
        ))));
    }
    match with_input(rdr.word(), next_value_text)? {
        Some(text) => Ok(i.env().make_string(&text)?),
        None => Ok(Value::nil(i.env())),
    }
}

/// JSON's whitespace.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Where the scan of a value stands.
#[derive(Default)]
struct Extent {
    /// Open brackets and braces.
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// Bytes taken so far.
    taken: usize,
}

impl Extent {
    /// Looks at the next byte `b`: `Some(true)` takes it and ends the
    /// value, `Some(false)` leaves it unread and ends the value, `None`
    /// takes it and goes on.
    fn step(&mut self, b: u8) -> Option<bool> {
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
                if self.depth == 0 {
                    return Some(true);
                }
            }
            return None;
        }
        let first = self.taken == 0;
        match b {
            // A token at the top ends where a string or collection starts.
            b'"' | b'[' | b'{' if self.depth == 0 && !first => Some(false),
            b'"' => {
                self.in_string = true;
                None
            }
            b'[' | b'{' => {
                self.depth += 1;
                None
            }
            b']' | b'}' if self.depth > 0 => {
                self.depth -= 1;
                (self.depth == 0).then_some(true)
            }
            // A stray delimiter is the value: the parser names it.
            b']' | b'}' | b',' | b':' if first => Some(true),
            b']' | b'}' | b',' | b':' if self.depth == 0 => Some(false),
            _ if is_space(b) && self.depth == 0 => Some(false),
            _ => None,
        }
    }
}

/// The bytes of the next JSON value of `r`, consumed from it, as text;
/// `None` when only whitespace is left. A value cut short by the end of
/// the input gives the bytes read so far.
pub(crate) fn next_value_text(
    r: &mut BufReader<Box<dyn Read + Send>>,
) -> EvalResult<Option<String>> {
    loop {
        let buf = r.fill_buf().map_err(host_objects::io)?;
        if buf.is_empty() {
            return Ok(None);
        }
        let spaces = buf.iter().take_while(|b| is_space(**b)).count();
        let more = spaces < buf.len();
        r.consume(spaces);
        if more {
            break;
        }
    }
    let mut out = Vec::new();
    let mut extent = Extent::default();
    loop {
        let buf = r.fill_buf().map_err(host_objects::io)?;
        if buf.is_empty() {
            break;
        }
        let mut used = 0;
        let mut done = false;
        for &b in buf {
            match extent.step(b) {
                None => {
                    used += 1;
                    extent.taken += 1;
                }
                Some(take) => {
                    used += usize::from(take);
                    done = true;
                    break;
                }
            }
        }
        out.extend_from_slice(&buf[..used]);
        r.consume(used);
        if done {
            break;
        }
    }
    Ok(Some(String::from_utf8_lossy(&out).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::next_value_text;
    use std::io::{BufReader, Read};

    /// The texts of the values of `input`, read one after another through
    /// a buffer of 3 bytes (so values cross buffer refills).
    fn values(input: &str) -> Vec<String> {
        let mut r: BufReader<Box<dyn Read + Send>> =
            BufReader::with_capacity(3, Box::new(std::io::Cursor::new(input.as_bytes().to_vec())));
        let mut texts = Vec::new();
        while let Ok(Some(t)) = next_value_text(&mut r) {
            texts.push(t);
        }
        texts
    }

    #[test]
    fn each_value_is_taken_whole_and_nothing_after_it() {
        let texts = values(" {\"a\": [1, \"]}\\\"\"]}\n[2]  3.5e1 true\"s\" null\n");
        assert_eq!(
            texts,
            [
                "{\"a\": [1, \"]}\\\"\"]}",
                "[2]",
                "3.5e1",
                "true",
                "\"s\"",
                "null"
            ]
        );
    }

    #[test]
    fn a_cut_or_stray_value_goes_to_the_parser_as_it_is() {
        assert_eq!(values("[1, {\"a\""), ["[1, {\"a\""]);
        assert_eq!(values("] 1"), ["]", "1"]);
        assert_eq!(values(", 1"), [",", "1"]);
        assert_eq!(values("  \n "), Vec::<String>::new());
    }
}
