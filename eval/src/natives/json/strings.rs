//! The strings of the JSON parser (`parse.rs`): a string's text borrowed
//! from the document when it holds no escape, else built with its escapes
//! decoded — `\uXXXX` surrogate pairs joined, a lone surrogate refused
//! (evelisp strings are UTF-8), raw control characters refused.

use super::errors::Problem;
use super::parse::{Parser, Step};
use std::borrow::Cow;

impl<'t> Parser<'t, '_, '_> {
    /// A string (the parser at its opening quote): its text, borrowed
    /// from the document when it holds no escape.
    pub(super) fn string(&mut self) -> Step<Cow<'t, str>> {
        self.pos += 1;
        let start = self.pos;
        let b = self.bytes;
        let mut p = start;
        while let Some(&c) = b.get(p) {
            match c {
                b'"' => {
                    self.pos = p + 1;
                    return Ok(Cow::Borrowed(self.text.get(start..p).unwrap_or_default()));
                }
                b'\\' => break,
                0..=0x1f => {
                    self.pos = p;
                    return self.control_char();
                }
                _ => p += 1,
            }
        }
        if p >= b.len() {
            self.pos = p;
            return self.fail(Problem::Eof("expected a string's closing quote"));
        }
        let mut out = String::with_capacity(p - start + 16);
        out.push_str(self.text.get(start..p).unwrap_or_default());
        self.pos = p;
        self.escaped_rest(out).map(Cow::Owned)
    }

    fn control_char<T>(&self) -> Step<T> {
        let code = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.fail(Problem::Str(format!(
            "Illegal unquoted character ((CTRL-CHAR, code {code})): has to be escaped using backslash to be included in string value"
        )))
    }

    /// The rest of a string with escapes, from the parser's position.
    fn escaped_rest(&mut self, mut out: String) -> Step<String> {
        let b = self.bytes;
        loop {
            let run_start = self.pos;
            while let Some(&c) = b.get(self.pos) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
            match b.get(self.pos) {
                None => return self.fail(Problem::Eof("expected a string's closing quote")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => return self.control_char(),
            }
        }
    }

    /// One escape sequence (the parser at its backslash).
    fn escape(&mut self, out: &mut String) -> Step<()> {
        self.pos += 1;
        let Some(&c) = self.bytes.get(self.pos) else {
            return self.fail(Problem::Eof("expected a string's closing quote"));
        };
        let plain = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.pos += 1;
                let unit = self.hex4()?;
                let c = self.code_point(unit)?;
                out.push(c);
                return Ok(());
            }
            _ => {
                return self.fail(Problem::Str(format!(
                    "Unrecognized character escape '{}'",
                    self.char_here()
                )));
            }
        };
        self.pos += 1;
        out.push(plain);
        Ok(())
    }

    /// Four hex digits at the parser's position (consumed).
    fn hex4(&mut self) -> Step<u32> {
        let mut unit = 0;
        for _ in 0..4 {
            let Some(&h) = self.bytes.get(self.pos) else {
                return self.fail(Problem::Eof("expected a string's closing quote"));
            };
            let Some(d) = (h as char).to_digit(16) else {
                return self.fail(Problem::Str(
                    "Unexpected character in a \\u escape: expected a hex-digit".into(),
                ));
            };
            unit = unit * 16 + d;
            self.pos += 1;
        }
        Ok(unit)
    }

    /// The character of UTF-16 unit `unit`, with its low surrogate
    /// (`\uXXXX` following) when it is a high one. A lone surrogate is
    /// refused: evelisp strings are UTF-8 and cannot hold one.
    fn code_point(&mut self, unit: u32) -> Step<char> {
        if (0xD800..0xDC00).contains(&unit)
            && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u")
        {
            let save = self.pos;
            self.pos += 2;
            let low = self.hex4()?;
            if (0xDC00..0xE000).contains(&low) {
                let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                if let Some(c) = char::from_u32(c) {
                    return Ok(c);
                }
            }
            self.pos = save;
        }
        match char::from_u32(unit) {
            Some(c) => Ok(c),
            None => self.fail(Problem::Str(format!(
                "lone surrogate \\u{unit:04X}: evelisp strings cannot hold one"
            ))),
        }
    }
}
