//! The CSV record reader behind `clojure.data.csv/read-csv`
//! (`stdlib/src/clj/clojure/data/csv.clj`): `evelisp.csv/read-record`
//! reads one record from a reader, so `read-csv` stays a lazy seq that
//! streams a large file one record at a time. Written in Rust because
//! evelisp was measured too slow for it: on a 10 MB file (150,804
//! records) Python's `csv` module takes 0.27 s of CPU, this reader 0.9 s
//! (release build), while a loop in evelisp that only reads each
//! character with `.read` and appends it to a `StringBuilder`, parsing
//! nothing, takes 0.53 s per MB, about 5 s for the file.
//!
//! The grammar is data.csv 1.0's: a field starting with the quote
//! character is quoted (a doubled quote inside it is one quote, separators
//! and line breaks are text) and must be followed by a separator, a line
//! break or the end; any other field runs to the next separator or line
//! break, quotes in it being text. `\n`, `\r\n` and a lone `\r` end a
//! record. Malformed input is reported, as data.csv raises it, with the
//! line and column where it was found.

use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::host_objects;
use crate::native_registry::Args;
use crate::natives::io::streams::with_input;
use evelisp_heap::{Ref, Value, View};
use std::io::{BufRead, BufReader, Read};

natives! {
    /// Internal: reads the next record of reader r (sep and quote are
    /// characters; line is the line the record starts on, for errors).
    /// Returns [fields end next-line] with end :eol, :eof or
    /// :cr-eof (a record ended by a `\r` at the very end), or on malformed
    /// input [nil class message].
    #[arglists = "([r sep quote line])"]
    "evelisp.csv/read-record" => read_record;
}

/// How a field ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Sep,
    Eol,
    Eof,
    CrEof,
}

/// Malformed input: the exception class data.csv raises and its message.
struct Malformed {
    class: &'static str,
    message: String,
}

/// A reader's text, a character at a time, with the position reached.
struct Source<'r> {
    r: &'r mut BufReader<Box<dyn Read + Send>>,
    line: i64,
    column: i64,
}

impl Source<'_> {
    /// The next character, `None` at the end (invalid UTF-8 reads as
    /// U+FFFD).
    fn next(&mut self) -> EvalResult<Option<char>> {
        let buf = self.r.fill_buf().map_err(host_objects::io)?;
        let Some(&b) = buf.first() else {
            return Ok(None);
        };
        self.column += 1;
        if b < 0x80 {
            self.r.consume(1);
            return Ok(Some(char::from(b)));
        }
        let len = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => {
                self.r.consume(1);
                return Ok(Some('\u{FFFD}'));
            }
        };
        let mut bytes = [0u8; 4];
        let n = if buf.len() >= len {
            bytes[..len].copy_from_slice(&buf[..len]);
            self.r.consume(len);
            len
        } else {
            let mut n = 0;
            while n < len {
                let more = self.r.fill_buf().map_err(host_objects::io)?;
                let Some(&m) = more.first() else { break };
                if n > 0 && m & 0xC0 != 0x80 {
                    break;
                }
                bytes[n] = m;
                self.r.consume(1);
                n += 1;
            }
            n
        };
        Ok(Some(
            std::str::from_utf8(&bytes[..n])
                .ok()
                .and_then(|s| s.chars().next())
                .unwrap_or('\u{FFFD}'),
        ))
    }

    /// Starts a new line (after a line break was read).
    fn new_line(&mut self) {
        self.line += 1;
        self.column = 0;
    }

    /// After a `\r`: a following `\n` is part of the same line break.
    fn after_cr(&mut self) -> EvalResult<End> {
        let buf = self.r.fill_buf().map_err(host_objects::io)?;
        let end = match buf.first() {
            Some(b'\n') => {
                self.r.consume(1);
                End::Eol
            }
            Some(_) => End::Eol,
            None => End::CrEof,
        };
        self.new_line();
        Ok(end)
    }

    /// The end a line break or the end of input makes, if `c` is one.
    fn line_end(&mut self, c: Option<char>) -> EvalResult<Option<End>> {
        Ok(match c {
            None => Some(End::Eof),
            Some('\n') => {
                self.new_line();
                Some(End::Eol)
            }
            Some('\r') => Some(self.after_cr()?),
            Some(_) => None,
        })
    }
}

/// Reads one field into `out`; how it ended.
fn read_field(
    src: &mut Source<'_>,
    sep: char,
    quote: char,
    out: &mut String,
) -> EvalResult<Result<End, Malformed>> {
    // As data.csv: the quote is looked for before the separator at the
    // start of a field, the separator first inside one.
    let first = src.next()?;
    if first == Some(quote) {
        return read_quoted(src, sep, quote, out);
    }
    let mut c = first;
    loop {
        if c == Some(sep) {
            return Ok(Ok(End::Sep));
        }
        if let Some(end) = src.line_end(c)? {
            return Ok(Ok(end));
        }
        if let Some(ch) = c {
            out.push(ch);
        }
        c = src.next()?;
    }
}

/// Reads the rest of a quoted field (its opening quote read).
fn read_quoted(
    src: &mut Source<'_>,
    sep: char,
    quote: char,
    out: &mut String,
) -> EvalResult<Result<End, Malformed>> {
    let (start_line, start_column) = (src.line, src.column);
    loop {
        match src.next()? {
            None => {
                return Ok(Err(Malformed {
                    class: "EOFException",
                    message: format!(
                        "CSV error (unexpected end of file) at line {}, column {}: the quoted field \
                         opened at line {start_line}, column {start_column} is not closed",
                        src.line,
                        src.column + 1
                    ),
                }));
            }
            Some(c) if c == quote => {
                let after = src.next()?;
                if after == Some(quote) {
                    out.push(quote);
                    continue;
                }
                if after == Some(sep) {
                    return Ok(Ok(End::Sep));
                }
                if let Some(end) = src.line_end(after)? {
                    return Ok(Ok(end));
                }
                let c = after.unwrap_or(quote);
                return Ok(Err(Malformed {
                    class: "Exception",
                    message: format!(
                        "CSV error (unexpected character: {c}) at line {}, column {}: a quoted \
                         field must be followed by a separator or a line break",
                        src.line, src.column
                    ),
                }));
            }
            Some('\n') => {
                out.push('\n');
                src.new_line();
            }
            Some('\r') => {
                out.push('\r');
                // `\r\n` inside a quoted field is one line break of the text.
                if src.r.fill_buf().map_err(host_objects::io)?.first() != Some(&b'\n') {
                    src.new_line();
                }
            }
            Some(c) => out.push(c),
        }
    }
}

/// A character argument.
fn char_arg(v: Ref<'_>, what: &str) -> EvalResult<char> {
    match v.view()? {
        View::Char(c) => Ok(c),
        _ => Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "clojure.data.csv: the {what} must be a character, not {}",
            crate::print::pr_str(v).unwrap_or_default()
        )))),
    }
}

fn read_record<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [r, sep, quote, line] = &args[..] else {
        return Err(arity("evelisp.csv/read-record", args.len()));
    };
    let sep = char_arg(sep.borrowed(), "separator")?;
    let quote = char_arg(quote.borrowed(), "quote")?;
    let line = match line.borrowed().view()? {
        View::Int(n) => n,
        _ => 1,
    };
    if r.borrowed().word().as_host().is_none() {
        return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "clojure.data.csv/read-csv reads a string or a reader, not {}",
            crate::print::pr_str(r.borrowed()).unwrap_or_default()
        ))));
    }
    let read = with_input(r.word(), |rd| {
        let mut src = Source {
            r: rd,
            line,
            column: 0,
        };
        let mut fields = Vec::new();
        loop {
            let mut field = String::new();
            match read_field(&mut src, sep, quote, &mut field)? {
                Ok(End::Sep) => fields.push(field),
                Ok(end) => {
                    fields.push(field);
                    return Ok(Ok((fields, end, src.line)));
                }
                Err(bad) => return Ok(Err(bad)),
            }
        }
    })?;
    let env = i.env();
    match read {
        Ok((fields, end, next_line)) => {
            let strings = fields
                .iter()
                .map(|f| env.make_string(f))
                .collect::<Result<Vec<_>, _>>()?;
            let refs: Vec<Ref<'_>> = strings.iter().map(Value::borrowed).collect();
            let fields = env.make_vector(&refs)?;
            let end = env.intern_keyword(
                None,
                match end {
                    End::Eof => "eof",
                    End::CrEof => "cr-eof",
                    End::Sep | End::Eol => "eol",
                },
            )?;
            let next = env.make_int(next_line)?;
            Ok(env.make_vector(&[fields.borrowed(), end.borrowed(), next.borrowed()])?)
        }
        Err(bad) => {
            let nil = Value::nil(env);
            let class = env.make_string(bad.class)?;
            let message = env.make_string(&bad.message)?;
            Ok(env.make_vector(&[nil.borrowed(), class.borrowed(), message.borrowed()])?)
        }
    }
}
