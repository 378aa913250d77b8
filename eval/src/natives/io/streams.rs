//! Streams as values: the natives behind `clojure.java.io`'s `reader`,
//! `writer`, `input-stream` and `output-stream`, and the operations on
//! the process-local stream objects they give (`host_objects.rs`):
//! reading lines, all the text, characters; writing, flushing, closing.
//! `slurp`, `spit`, `line-seq` and `read-line` (`files.rs`) come here for
//! a stream; `.readLine`, `.write`, `.close`, ... (`host/objects.rs`) too.
//!
//! Text is UTF-8 (`:encoding` is ignored; invalid bytes read as U+FFFD).
//! A reader over `*in*` (`(io/reader *in*)`, `(java.io.BufferedReader.
//! *in*)`) reads the process's one buffered standard input, so lines read
//! through either are not read twice.

use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::host_objects::{self, Family, OUT_INDEX, Stream, lock, standard};
use crate::native_registry::Args;
use crate::natives::io::encodings::{Encoder, Encoding, encoding_option};
use crate::natives::strings::clojure_string::str_of;
use evelisp_heap::{Ref, Value, View, Word};
use std::io::{BufReader, Read, Write};

natives! {
    /// A reader of x: a path (or file), a reader (itself), or an input
    /// stream (read as UTF-8 text). Options are ignored.
    #[arglists = "([x & opts])"]
    "evelisp.io/reader" => |i, a| open(i, "reader", a);
    /// A writer of x: a path (or file; with :append true it adds to the end),
    /// a writer (itself), or an output stream.
    #[arglists = "([x & opts])"]
    "evelisp.io/writer" => |i, a| open(i, "writer", a);
    /// An input stream of x: a path (or file), or an input stream (itself).
    #[arglists = "([x & opts])"]
    "evelisp.io/input-stream" => |i, a| open(i, "input-stream", a);
    /// An output stream of x: a path (or file; :append true adds to the end),
    /// or an output stream (itself).
    #[arglists = "([x & opts])"]
    "evelisp.io/output-stream" => |i, a| open(i, "output-stream", a);
    /// Copies input (a reader, input stream, path or string) to output (a
    /// writer or output stream); nil.
    #[arglists = "([input output & opts])"]
    "evelisp.io/copy" => copy;
    /// The path of the resource named n: the first file of that name under a
    /// directory of the load path (the script's directory, --path,
    /// EVELISP_PATH), or nil.
    #[arglists = "([n])"]
    "evelisp.io/resource" => resource;
    /// Internal: the thunk of line-seq over a reader (captured [reader]).
    #[arglists = "([captured])"]
    "-line-seq-stream-step" => line_seq_step;
}

/// Whether `v` is a process-local host object.
pub(crate) fn is_stream(v: Ref<'_>) -> bool {
    v.word().as_host().is_some()
}

/// An `IOException` about `path`, worded as Java's
/// (`"x.txt (No such file or directory)"`).
pub(crate) fn path_error(path: &str, e: &std::io::Error) -> EvalError {
    let text = e.to_string();
    let reason = match text.find(" (os error") {
        Some(at) => &text[..at],
        None => &text,
    };
    EvalError::new(EvalErrorKind::Io(format!("{path} ({reason})")))
}

/// A reader or input stream over the file at `path`.
pub(crate) fn file_in(path: &str, class: &'static str, family: Family) -> EvalResult<Word> {
    let file = std::fs::File::open(path).map_err(|e| path_error(path, &e))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(EvalError::new(EvalErrorKind::Io(format!(
            "{path} (Is a directory)"
        ))));
    }
    let r: Box<dyn Read + Send> = Box::new(file);
    host_objects::register(class, family, Stream::In(BufReader::new(r)))
}

/// A writer or output stream over the file at `path`.
pub(crate) fn file_out(
    path: &str,
    append: bool,
    class: &'static str,
    family: Family,
) -> EvalResult<Word> {
    let file = open_out(path, append)?;
    let w: Box<dyn Write + Send> = Box::new(std::io::BufWriter::new(file));
    host_objects::register(class, family, Stream::Out(w))
}

/// The file at `path` opened for writing, at its end if `append`.
fn open_out(path: &str, append: bool) -> EvalResult<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .append(append)
        .truncate(!append)
        .open(path)
        .map_err(|e| path_error(path, &e))
}

/// A reader over the text `s`.
pub(crate) fn string_in(s: &str, class: &'static str) -> EvalResult<Word> {
    let r: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(s.as_bytes().to_vec()));
    host_objects::register(class, Family::Reader, Stream::In(BufReader::new(r)))
}

/// A new entry of class `class` over the stream of `w`, which must be an
/// input (`input`) or output stream.
pub(crate) fn wrap(
    w: Ref<'_>,
    input: bool,
    class: &'static str,
    family: Family,
) -> EvalResult<Word> {
    let found = host_objects::lookup(w.word())?;
    let ok = match found.family {
        Family::Reader | Family::InputStream => input,
        Family::Writer | Family::OutputStream => !input,
        Family::StringBuilder | Family::Collection | Family::Matcher | Family::Process => false,
    };
    if !ok {
        let want = if input {
            "an input stream or reader"
        } else {
            "an output stream or writer"
        };
        return Err(not_a(w, want));
    }
    // A wrapper of the same class over a stream is that stream; another
    // class (a `PushbackReader` over a `StringReader`) is a new object
    // over the same stream, of its own class.
    if found.family == family && found.class == class && found.index > crate::host_objects::IN_INDEX
    {
        return Ok(w.word());
    }
    host_objects::share(class, family, found.stream)
}

fn not_a(v: Ref<'_>, what: &str) -> EvalError {
    EvalError::new(EvalErrorKind::IllegalArgument(format!(
        "Cannot open <{}> as {what}",
        crate::print::pr_str(v).unwrap_or_default()
    )))
}

/// Whether the options `opts` (keyword/value pairs) hold `key` true.
fn option(opts: &[Value<'_>], key: &str) -> EvalResult<bool> {
    for pair in opts.chunks(2) {
        if let [k, v] = pair
            && let View::Keyword { ns: None, name } = k.borrowed().view()?
            && name == key
        {
            return Ok(!matches!(
                v.borrowed().view()?,
                View::Nil | View::Bool(false)
            ));
        }
    }
    Ok(false)
}

/// A host word as a value.
pub(crate) fn value<'e>(i: &Interp<'e>, w: Word) -> Value<'e> {
    Value::immediate(i.env(), w).unwrap_or_else(|| Value::nil(i.env()))
}

/// `(reader x)`, `(writer x)`, `(input-stream x)`, `(output-stream x)`.
fn open<'e>(i: &Interp<'e>, what: &str, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some((x, opts)) = args.split_first() else {
        return Err(arity(&format!("clojure.java.io/{what}"), 0));
    };
    let (input, class, family) = match what {
        "reader" => (true, "java.io.BufferedReader", Family::Reader),
        "writer" => (false, "java.io.BufferedWriter", Family::Writer),
        "input-stream" => (true, "java.io.BufferedInputStream", Family::InputStream),
        _ => (false, "java.io.BufferedOutputStream", Family::OutputStream),
    };
    let enc = encoding_option(opts)?;
    let text = matches!(family, Family::Reader | Family::Writer);
    let x = x.borrowed();
    let w = match (x.view()?, crate::host_paths::any_path_text(x)?) {
        (View::Host(_), _) if text && enc != Encoding::Utf8 => {
            return Err(EvalError::new(EvalErrorKind::UnsupportedOperation(
                format!(
                    "clojure.java.io/{what}: an :encoding over an open stream (evelisp's streams are UTF-8)"
                ),
            )));
        }
        (View::Host(_), _) => wrap(x, input, class, family)?,
        (_, Some(path)) if input && text && enc != Encoding::Utf8 => {
            let bytes = std::fs::read(path).map_err(|e| path_error(path, &e))?;
            let r: Box<dyn Read + Send> =
                Box::new(std::io::Cursor::new(enc.decode(&bytes).into_bytes()));
            host_objects::register(class, family, Stream::In(BufReader::new(r)))?
        }
        (_, Some(path)) if input => file_in(path, class, family)?,
        (_, Some(path)) if text && enc != Encoding::Utf8 => {
            let file = open_out(path, option(opts, "append")?)?;
            let w: Box<dyn Write + Send> = Box::new(Encoder {
                inner: std::io::BufWriter::new(file),
                encoding: enc,
            });
            host_objects::register(class, family, Stream::Out(w))?
        }
        (_, Some(path)) => file_out(path, option(opts, "append")?, class, family)?,
        _ => {
            let want = if input {
                "an InputStream"
            } else {
                "an OutputStream"
            };
            return Err(not_a(x, want));
        }
    };
    Ok(value(i, w))
}

/// Runs `f` on the input stream of `w`.
pub(crate) fn with_input<T>(
    w: Word,
    f: impl FnOnce(&mut BufReader<Box<dyn Read + Send>>) -> EvalResult<T>,
) -> EvalResult<T> {
    let found = host_objects::lookup(w)?;
    let mut s = lock(&found.stream);
    match &mut *s {
        Stream::In(r) => f(r),
        Stream::Closed => Err(host_objects::closed()),
        _ => Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "a {} cannot be read from",
            found.class
        )))),
    }
}

/// The next line of the reader `w` (without `\n` or `\r\n`), or `None`.
pub(crate) fn read_line(w: Word) -> EvalResult<Option<String>> {
    with_input(w, host_objects::read_line)
}

/// The rest of the reader `w`, as text.
pub(crate) fn read_all(w: Word) -> EvalResult<String> {
    with_input(w, |r| {
        let mut bytes = Vec::new();
        r.read_to_end(&mut bytes).map_err(host_objects::io)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    })
}

/// The next character (a reader) or byte (an input stream) of `w`, or
/// -1 at the end, as Java's `read()`.
pub(crate) fn read_one(w: Word, chars: bool) -> EvalResult<i64> {
    with_input(w, |r| {
        let mut first = [0u8; 1];
        if r.read(&mut first).map_err(host_objects::io)? == 0 {
            return Ok(-1);
        }
        let b = first[0];
        let len = match b {
            _ if !chars || b < 0x80 => return Ok(i64::from(b)),
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => return Ok(0xFFFD),
        };
        let mut buf = vec![b];
        let mut more = vec![0u8; len - 1];
        let n = r.read(&mut more).map_err(host_objects::io)?;
        buf.extend_from_slice(&more[..n]);
        Ok(String::from_utf8_lossy(&buf)
            .chars()
            .next()
            .map_or(0xFFFD, |c| i64::from(u32::from(c))))
    })
}

/// Whether the reader `w` has buffered input (Java's `ready()`).
pub(crate) fn ready(w: Word) -> EvalResult<bool> {
    with_input(w, |r| Ok(!r.buffer().is_empty()))
}

/// Writes `text` to the writer `w` (`*out*`'s entry writes to this
/// thread's `*out*`).
pub(crate) fn write(i: &Interp<'_>, w: Word, text: &str) -> EvalResult<()> {
    if w == standard(OUT_INDEX) {
        return i.write_out(text);
    }
    host_objects::write_text(w, text)
}

/// Flushes the writer `w`.
pub(crate) fn flush(w: Word) -> EvalResult<()> {
    let found = host_objects::lookup(w)?;
    let mut s = lock(&found.stream);
    match &mut *s {
        Stream::Out(o) => o.flush().map_err(host_objects::io),
        Stream::Closed => Err(host_objects::closed()),
        _ => Ok(()),
    }
}

/// `(slurp x)` of a reader or input stream: the rest of its text; the
/// stream is closed, as Clojure's `slurp` closes what it opened.
pub(crate) fn slurp<'e>(i: &Interp<'e>, x: Ref<'_>) -> EvalResult<Value<'e>> {
    let text = read_all(x.word())?;
    host_objects::close(x.word())?;
    Ok(i.env().make_string(&text)?)
}

/// `(spit w content)` to a writer or output stream: writes, then closes
/// it, as Clojure's `spit` does.
pub(crate) fn spit<'e>(i: &Interp<'e>, w: Ref<'_>, content: Ref<'_>) -> EvalResult<Value<'e>> {
    let text = str_of(i, content)?;
    write(i, w.word(), &text)?;
    host_objects::close(w.word())?;
    Ok(Value::nil(i.env()))
}

/// `(line-seq rdr)` of a reader: a lazy seq reading a line when it is
/// realized (and the lines after it already in the buffer, up to 64, so
/// reading from a pipe never waits for input not asked for).
pub(crate) fn line_seq<'e>(i: &Interp<'e>, rdr: Ref<'_>) -> EvalResult<Value<'e>> {
    host_objects::lookup(rdr.word())?;
    let lazy = line_seq_lazy(i, rdr)?;
    i.seq_value(lazy.borrowed())
}

fn line_seq_lazy<'e>(i: &Interp<'e>, rdr: Ref<'_>) -> EvalResult<Value<'e>> {
    let env = i.env();
    let captured = env.make_vector(&[rdr])?;
    let thunk = i.native_closure("-line-seq-stream-step", captured.borrowed())?;
    Ok(env.make_lazy_seq(thunk.borrowed())?)
}

/// The thunk of `line-seq` over a reader.
fn line_seq_step<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [captured] = &args[..] else {
        return Err(arity("clojure.core/-line-seq-stream-step", args.len()));
    };
    let rdr = captured.borrowed().nth(0)?;
    let lines = with_input(rdr.word(), |r| {
        let mut lines = Vec::new();
        while let Some(line) = host_objects::read_line(r)? {
            lines.push(line);
            if lines.len() >= 64 || !r.buffer().contains(&b'\n') {
                return Ok((lines, false));
            }
        }
        Ok((lines, true))
    })?;
    let (lines, at_end) = lines;
    let env = i.env();
    let mut tail = if at_end {
        Value::nil(env)
    } else {
        line_seq_lazy(i, rdr)?
    };
    for line in lines.into_iter().rev() {
        let l = env.make_string(&line)?;
        tail = env.seq_cons(l.borrowed(), tail.borrowed())?;
    }
    Ok(tail)
}

/// `(read-line)`: the next line of this thread's `*in*`.
pub(crate) fn read_line_in<'e>(i: &Interp<'e>) -> EvalResult<Value<'e>> {
    let input = i.stream_var_value(2);
    match read_line(input.word())? {
        Some(line) => Ok(i.env().make_string(&line)?),
        None => Ok(Value::nil(i.env())),
    }
}

/// `(copy input output & opts)`: all of `input` (a reader or input
/// stream, a file or path, a string as text, a byte array) written to
/// `output` (a writer or output stream, a file or path, a string naming
/// a file), byte for byte; nil. `:buffer-size` is taken (not needed);
/// `:encoding` is the charset between text (a string, reader or writer)
/// and bytes (a file or stream).
fn copy<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [input, output, opts @ ..] = &args[..] else {
        return Err(arity("clojure.java.io/copy", args.len()));
    };
    let enc = encoding_option(opts)?;
    let (inp, out) = (input.borrowed(), output.borrowed());
    let is_text = |v: Ref<'_>, w: Word| -> EvalResult<bool> {
        Ok(match v.view()? {
            View::Str(_) => true,
            View::Host(_) => matches!(
                host_objects::family_of(w),
                Some(Family::Reader | Family::Writer)
            ),
            _ => false,
        })
    };
    let in_text = is_text(inp, input.word())?;
    let out_text = matches!(out.view()?, View::Host(_)) && is_text(out, output.word())?;
    // The input's bytes: text (a string, a reader) as evelisp's UTF-8.
    let bytes = match inp.view()? {
        View::Host(_) => read_all_bytes(input.word())?,
        View::Str(s) => s.as_bytes().to_vec(),
        _ => match crate::host_paths::file_or_path_text(inp)? {
            Some(path) => std::fs::read(path).map_err(|e| path_error(path, &e))?,
            None => match crate::natives::fs::tree::array_bytes(input)? {
                Some(b) => b,
                None => return Err(not_a(inp, "an InputStream")),
            },
        },
    };
    // Between text and bytes, the charset converts.
    let bytes = match (in_text, out_text) {
        (true, false) if enc != Encoding::Utf8 => enc.encode(&String::from_utf8_lossy(&bytes)),
        (false, true) => enc.decode(&bytes).into_bytes(),
        _ => bytes,
    };
    match out.view()? {
        View::Host(_) => {
            if output.word() == standard(OUT_INDEX) {
                i.write_out(&String::from_utf8_lossy(&bytes))?;
            } else {
                host_objects::write_bytes(output.word(), &bytes)?;
            }
            flush(output.word())?;
        }
        _ => match crate::host_paths::any_path_text(out)? {
            Some(path) => std::fs::write(path, &bytes).map_err(|e| path_error(path, &e))?,
            None => return Err(not_a(out, "an OutputStream")),
        },
    }
    Ok(Value::nil(i.env()))
}

/// The rest of the input stream `w`, as bytes.
fn read_all_bytes(w: Word) -> EvalResult<Vec<u8>> {
    with_input(w, |r| {
        let mut bytes = Vec::new();
        r.read_to_end(&mut bytes).map_err(host_objects::io)?;
        Ok(bytes)
    })
}

/// `(resource n)`: the first file `n` under the load path, or nil.
fn resource<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [n] = &args[..] else {
        return Err(arity("clojure.java.io/resource", args.len()));
    };
    let name = str_of(i, n.borrowed())?;
    let found = i
        .load_path()
        .into_iter()
        .map(|dir| dir.join(&name))
        .find(|p| p.exists());
    match found {
        Some(p) => Ok(i.env().make_string(&p.to_string_lossy())?),
        None => Ok(Value::nil(i.env())),
    }
}
