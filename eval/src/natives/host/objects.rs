//! Constructors and methods of the process-local host objects
//! (`host_objects.rs`): `(Class. args)` / `(new Class args)` (the
//! expander rewrites both to `(evelisp.interop/new "Class" args...)`),
//! and the methods `(.method obj args)` calls on them.
//!
//! | class (short or full name) | made from | methods |
//! |---|---|---|
//! | `StringBuilder` | nothing, a string, a capacity | `append insert reverse setLength length charAt setCharAt deleteCharAt delete replace indexOf lastIndexOf substring isEmpty toString` |
//! | `java.io.StringWriter` | nothing | `write append flush close toString` |
//! | `java.io.StringReader` | a string | as readers |
//! | `java.io.BufferedReader`, `InputStreamReader`, `LineNumberReader`, `PushbackReader` | a reader or input stream (`*in*`) | readers: `readLine read ready close` |
//! | `java.io.FileReader`, `FileInputStream` | a path | readers, input streams |
//! | `java.io.BufferedWriter`, `OutputStreamWriter`, `PrintWriter`, `PrintStream` | a writer or output stream | writers: `write append newLine print println flush close` |
//! | `java.io.FileWriter`, `FileOutputStream` | a path (and append?) | writers, output streams |
//! | `java.io.File` | a path, or a parent and a child | a file value (`host_paths.rs`; methods in `natives/fs/java_file.rs`) |
//!
//! Indices count characters, as the string methods do. A class outside
//! the table is an `IllegalArgumentException` naming it.

use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::host_objects::{self, Family, Stream, lock};
use crate::native_registry::Args;
use crate::natives::io::streams::{self, value};
use crate::natives::strings::clojure_string::str_of;
use crate::{FromValue, IntoValue};
use evelisp_heap::{Ref, Value, View};

natives! {
    /// Makes an object of the host class named class (a string) from args:
    /// what (Class. args) and (new Class args) expand to.
    #[arglists = "([class & args])"]
    "evelisp.interop/new" => new_object;
}

/// The class names the table knows, short name first.
fn canonical(name: &str) -> &str {
    let short = name.rsplit('.').next().unwrap_or(name);
    match (name, short) {
        (_, "StringBuilder" | "StringBuffer")
            if !name.contains('.') || name.starts_with("java.lang.") =>
        {
            short
        }
        (n, _) if n.starts_with("java.io.") => short,
        (n, _) if !n.contains('.') => n,
        _ => name,
    }
}

fn unknown_class(name: &str) -> EvalError {
    EvalError::new(EvalErrorKind::IllegalArgument(format!(
        "Unable to resolve classname: {name} (evelisp knows a fixed table of host classes)"
    )))
}

/// `(evelisp.interop/new "Class" args...)`.
fn new_object<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some((class, args)) = args.split_first() else {
        return Err(arity("evelisp.interop/new", 0));
    };
    let name = String::from_value(class.borrowed())?;
    let arg = |k: usize| args.get(k).map(Value::borrowed);
    let text = |v: Ref<'_>| str_of(i, v);
    let bad_args = || {
        EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "No matching ctor found for class {name} with {} arguments",
            args.len()
        )))
    };
    let short = name.rsplit('.').next().unwrap_or(&name);
    if (short.ends_with("Exception") || short.ends_with("Error") || short == "Throwable")
        && short != "ExceptionInfo"
    {
        return exception(i, short, args);
    }
    if matches!(name.as_str(), "Object" | "java.lang.Object") {
        if !args.is_empty() {
            return Err(arity("java.lang.Object.", args.len()));
        }
        return plain_object(i);
    }
    if let Some(coll) = super::collections::construct(i, &name, args)? {
        return Ok(coll);
    }
    let w = match (canonical(&name), args.len()) {
        ("StringBuilder" | "StringBuffer", 0) => sb(String::new())?,
        ("StringBuilder" | "StringBuffer", 1) => match arg(0).map(Ref::view).transpose()? {
            Some(View::Int(_)) => sb(String::new())?,
            Some(View::Str(s)) => sb(s.to_string())?,
            _ => sb(text(args[0].borrowed())?)?,
        },
        ("StringWriter", 0 | 1) => host_objects::register(
            "java.io.StringWriter",
            Family::Writer,
            Stream::Text(String::new()),
        )?,
        ("StringReader", 1) => {
            streams::string_in(&text(args[0].borrowed())?, "java.io.StringReader")?
        }
        (
            c @ ("BufferedReader" | "InputStreamReader" | "LineNumberReader" | "PushbackReader"),
            1 | 2,
        ) => {
            let class = match c {
                "BufferedReader" => "java.io.BufferedReader",
                "InputStreamReader" => "java.io.InputStreamReader",
                "LineNumberReader" => "java.io.LineNumberReader",
                _ => "java.io.PushbackReader",
            };
            let src = args[0].borrowed();
            if src.word().as_host().is_none() {
                return Err(bad_args());
            }
            streams::wrap(src, true, class, Family::Reader)?
        }
        ("BufferedInputStream", 1 | 2) => streams::wrap(
            args[0].borrowed(),
            true,
            "java.io.BufferedInputStream",
            Family::InputStream,
        )?,
        ("FileReader", 1 | 2) => streams::file_in(
            &text(args[0].borrowed())?,
            "java.io.FileReader",
            Family::Reader,
        )?,
        ("FileInputStream", 1) => streams::file_in(
            &text(args[0].borrowed())?,
            "java.io.FileInputStream",
            Family::InputStream,
        )?,
        (c @ ("BufferedWriter" | "OutputStreamWriter" | "PrintWriter" | "PrintStream"), 1 | 2)
            if args[0].word().as_host().is_some() =>
        {
            let (class, family) = match c {
                "BufferedWriter" => ("java.io.BufferedWriter", Family::Writer),
                "OutputStreamWriter" => ("java.io.OutputStreamWriter", Family::Writer),
                "PrintWriter" => ("java.io.PrintWriter", Family::Writer),
                _ => ("java.io.PrintStream", Family::OutputStream),
            };
            streams::wrap(args[0].borrowed(), false, class, family)?
        }
        ("BufferedOutputStream", 1 | 2) => streams::wrap(
            args[0].borrowed(),
            false,
            "java.io.BufferedOutputStream",
            Family::OutputStream,
        )?,
        (c @ ("FileWriter" | "PrintWriter" | "FileOutputStream" | "PrintStream"), 1 | 2) => {
            let append = match arg(1).map(Ref::view).transpose()? {
                Some(View::Bool(b)) => b,
                None => false,
                _ => return Err(bad_args()),
            };
            let (class, family) = match c {
                "FileWriter" => ("java.io.FileWriter", Family::Writer),
                "PrintWriter" => ("java.io.PrintWriter", Family::Writer),
                "FileOutputStream" => ("java.io.FileOutputStream", Family::OutputStream),
                _ => ("java.io.PrintStream", Family::OutputStream),
            };
            streams::file_out(&text(args[0].borrowed())?, append, class, family)?
        }
        ("File", 1 | 2) => {
            // `(File. parent child)`: a nil parent is no parent.
            let mut path = text(args[0].borrowed())?;
            if let Some(child) = arg(1) {
                let child = text(child)?;
                path = if args[0].borrowed().is_nil() {
                    child
                } else {
                    crate::natives::fs::join_file(&path, &child)
                };
            }
            return Ok(crate::host_paths::make_file(i.env(), &path)?);
        }
        (
            "StringBuilder"
            | "StringBuffer"
            | "StringWriter"
            | "StringReader"
            | "BufferedReader"
            | "InputStreamReader"
            | "LineNumberReader"
            | "PushbackReader"
            | "BufferedInputStream"
            | "FileReader"
            | "FileInputStream"
            | "BufferedWriter"
            | "OutputStreamWriter"
            | "PrintWriter"
            | "PrintStream"
            | "BufferedOutputStream"
            | "FileWriter"
            | "FileOutputStream"
            | "File",
            _,
        ) => return Err(bad_args()),
        _ => return Err(unknown_class(&name)),
    };
    Ok(value(i, w))
}

/// `(SomeException. msg?)`, `(SomeException. msg cause)`: an error value
/// of that class (what `catch` matches by name), as `ex-info` makes them.
fn exception<'e>(i: &Interp<'e>, class: &str, args: &[Value<'e>]) -> EvalResult<Value<'e>> {
    let env = i.env();
    let nil = Value::nil(env);
    let (msg, cause) = match args {
        [] => (nil.clone(), nil.clone()),
        [m] if matches!(m.borrowed().kind()?, Some(evelisp_heap::Kind::String))
            || m.borrowed().is_nil() =>
        {
            (m.clone(), nil.clone())
        }
        [c] => (nil.clone(), c.clone()),
        [m, c] => (m.clone(), c.clone()),
        _ => return Err(arity(&format!("{class}."), args.len())),
    };
    i.make_ex_info(class, msg.borrowed(), nil.borrowed(), cause.borrowed())
}

fn sb(s: String) -> EvalResult<evelisp_heap::Word> {
    host_objects::register(
        "java.lang.StringBuilder",
        Family::StringBuilder,
        Stream::Text(s),
    )
}

fn bad_index(i: i64, len: usize) -> EvalError {
    EvalError::new(EvalErrorKind::IndexOutOfBounds(format!(
        "index {i},length {len}"
    )))
}

/// The byte offset of character `k` of `s` (`k` ≤ length).
fn byte_at(s: &str, k: usize) -> usize {
    s.char_indices().nth(k).map_or(s.len(), |(b, _)| b)
}

/// The text `(.append sb x)` adds: a character as itself, nil as "null",
/// anything else as `str` gives it.
fn append_text(i: &Interp<'_>, x: Ref<'_>) -> EvalResult<String> {
    Ok(match x.view()? {
        View::Nil => "null".into(),
        _ => str_of(i, x)?,
    })
}

/// `(.method obj args...)` on a host object, or `None` when the object
/// has no such method.
pub(crate) fn invoke<'e>(
    i: &Interp<'e>,
    method: &str,
    target: &Value<'e>,
    rest: &[Value<'e>],
) -> EvalResult<Option<Value<'e>>> {
    let env = i.env();
    let w = target.word();
    let found = match host_objects::lookup(w) {
        Ok(found) => found,
        // Closing a closed stream does nothing, as in Java (`slurp` closes
        // the reader a `with-open` closes again).
        Err(_) if method == "close" && rest.is_empty() => {
            host_objects::close(w)?;
            return Ok(Some(Value::nil(env)));
        }
        Err(e) => return Err(e),
    };
    if found.family == Family::Collection {
        return super::collections::invoke(i, method, target, rest);
    }
    if found.family == Family::Process {
        return crate::natives::process::invoke(i, method, target, rest);
    }
    let this = || Ok::<_, EvalError>(Some(target.clone()));
    let int = |v: &Value<'e>| i64::from_value(v.borrowed());
    // Closing and flushing, whatever the object.
    match (method, rest) {
        ("close", []) => {
            host_objects::close(w)?;
            return Ok(Some(Value::nil(env)));
        }
        ("flush", []) => {
            streams::flush(w)?;
            return Ok(Some(Value::nil(env)));
        }
        _ => {}
    }
    let text_obj = matches!(&*lock(&found.stream), Stream::Text(_));
    match found.family {
        Family::Reader | Family::InputStream => Ok(Some(match (method, rest) {
            ("readLine", []) => match streams::read_line(w)? {
                Some(l) => env.make_string(&l)?,
                None => Value::nil(env),
            },
            ("read", []) => env.make_int(streams::read_one(w, found.family == Family::Reader)?)?,
            ("ready", []) => env.make_bool(streams::ready(w)?),
            _ => return Ok(None),
        })),
        Family::Writer | Family::OutputStream => {
            let out = |s: &str| streams::write(i, w, s);
            match (method, rest) {
                // `(.write out bytes)`: a byte array's bytes as they are.
                ("write", [x]) if matches!(x.borrowed().view()?, View::Array(_)) => {
                    match crate::natives::fs::tree::array_bytes(x)? {
                        Some(bytes) if w == host_objects::standard(host_objects::OUT_INDEX) => {
                            out(&String::from_utf8_lossy(&bytes))?
                        }
                        Some(bytes) => host_objects::write_bytes(w, &bytes)?,
                        None => out(&append_text(i, x.borrowed())?)?,
                    }
                    Ok(Some(Value::nil(env)))
                }
                ("write" | "print", [x]) => {
                    let s = match x.borrowed().view()? {
                        View::Int(c) if method == "write" => char::from_u32(c as u32)
                            .map(String::from)
                            .unwrap_or_default(),
                        _ => append_text(i, x.borrowed())?,
                    };
                    out(&s)?;
                    Ok(Some(Value::nil(env)))
                }
                ("write", [x, off, len]) => {
                    let s = str_of(i, x.borrowed())?;
                    let (off, len) = (int(off)?.max(0) as usize, int(len)?.max(0) as usize);
                    let part: String = s.chars().skip(off).take(len).collect();
                    out(&part)?;
                    Ok(Some(Value::nil(env)))
                }
                ("append", [x]) => {
                    out(&append_text(i, x.borrowed())?)?;
                    this()
                }
                ("newLine", []) | ("println", []) => {
                    out("\n")?;
                    Ok(Some(Value::nil(env)))
                }
                ("println", [x]) => {
                    out(&format!("{}\n", append_text(i, x.borrowed())?))?;
                    Ok(Some(Value::nil(env)))
                }
                ("getBuffer", []) if text_obj => {
                    Ok(Some(env.make_string(&host_objects::to_string(w))?))
                }
                _ => Ok(None),
            }
        }
        _ => string_builder(i, method, target, rest),
    }
}

/// The methods of a `StringBuilder`.
fn string_builder<'e>(
    i: &Interp<'e>,
    method: &str,
    target: &Value<'e>,
    rest: &[Value<'e>],
) -> EvalResult<Option<Value<'e>>> {
    let env = i.env();
    let found = host_objects::lookup(target.word())?;
    // Arguments are turned into text before the buffer is locked (an
    // argument may be this very builder).
    let texts = rest
        .iter()
        .map(|x| append_text(i, x.borrowed()))
        .collect::<EvalResult<Vec<_>>>()?;
    let ints: Vec<Option<i64>> = rest
        .iter()
        .map(|x| match x.borrowed().view() {
            Ok(View::Int(n)) => Some(n),
            _ => None,
        })
        .collect();
    let mut guard = lock(&found.stream);
    let Stream::Text(s) = &mut *guard else {
        return Ok(None);
    };
    let len = s.chars().count();
    let index = |k: usize, max: usize| -> EvalResult<usize> {
        match ints.get(k).copied().flatten() {
            Some(n) if n >= 0 && (n as usize) <= max => Ok(n as usize),
            Some(n) => Err(bad_index(n, len)),
            None => Err(crate::print::class_cast("an int", rest[k].borrowed())),
        }
    };
    let this = Some(target.clone());
    Ok(match (method, rest.len()) {
        ("append", 1) => {
            s.push_str(&texts[0]);
            this
        }
        ("insert", 2) => {
            let at = byte_at(s, index(0, len)?);
            s.insert_str(at, &texts[1]);
            this
        }
        ("reverse", 0) => {
            *s = s.chars().rev().collect();
            this
        }
        ("setLength", 1) => {
            let n = index(0, usize::MAX)?;
            if n <= len {
                s.truncate(byte_at(s, n));
            } else {
                s.extend(std::iter::repeat_n('\0', n - len));
            }
            Some(Value::nil(env))
        }
        ("length", 0) => Some(len.into_value(env)?),
        ("isEmpty", 0) => Some(env.make_bool(s.is_empty())),
        ("toString", 0) => Some(env.make_string(s)?),
        ("charAt", 1) => {
            let k = index(0, len.saturating_sub(1))?;
            match s.chars().nth(k) {
                Some(c) => Some(env.make_char(c)),
                None => return Err(bad_index(k as i64, len)),
            }
        }
        ("setCharAt", 2) => {
            let k = index(0, len.saturating_sub(1))?;
            if k >= len {
                return Err(bad_index(k as i64, len));
            }
            let at = byte_at(s, k);
            let end = byte_at(s, k + 1);
            s.replace_range(at..end, &texts[1]);
            Some(Value::nil(env))
        }
        ("deleteCharAt", 1) => {
            let k = index(0, len.saturating_sub(1))?;
            if k >= len {
                return Err(bad_index(k as i64, len));
            }
            let (at, end) = (byte_at(s, k), byte_at(s, k + 1));
            s.replace_range(at..end, "");
            this
        }
        ("delete", 2) => {
            let start = index(0, len)?;
            let end = match ints[1] {
                Some(e) if e >= start as i64 => (e as usize).min(len),
                _ => return Err(bad_index(start as i64, len)),
            };
            let (a, b) = (byte_at(s, start), byte_at(s, end));
            s.replace_range(a..b, "");
            this
        }
        ("replace", 3) => {
            let start = index(0, len)?;
            let end = match ints[1] {
                Some(e) if e >= start as i64 => (e as usize).min(len),
                _ => return Err(bad_index(start as i64, len)),
            };
            let (a, b) = (byte_at(s, start), byte_at(s, end));
            s.replace_range(a..b, &texts[2]);
            this
        }
        ("indexOf" | "lastIndexOf", 1) => {
            let found = if method == "indexOf" {
                s.find(texts[0].as_str())
            } else {
                s.rfind(texts[0].as_str())
            };
            let k = found.map_or(-1, |b| s[..b].chars().count() as i64);
            Some(env.make_int(k)?)
        }
        ("substring", 1 | 2) => {
            let start = index(0, len)?;
            let end = if rest.len() == 2 { index(1, len)? } else { len };
            if end < start {
                return Err(bad_index(start as i64, len));
            }
            Some(env.make_string(&s[byte_at(s, start)..byte_at(s, end)])?)
        }
        _ => None,
    })
}

/// The type symbol of what `(Object.)` makes.
const OBJECT: &str = "java.lang.Object";

/// `(Object.)`: a value equal only to itself, which can be stored and
/// shared like any other (a lock or a sentinel): a record of type
/// `java.lang.Object` holding an id unique to it (the process id, the
/// time and a count).
fn plain_object<'e>(i: &Interp<'e>) -> EvalResult<Value<'e>> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let env = i.env();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut h = evelisp_heap::Fnv1a::new();
    h.write(&std::process::id().to_le_bytes());
    h.write(&nanos.to_le_bytes());
    h.write(&NEXT.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    let id = env.make_int((h.finish() >> 2) as i64)?;
    let key = env.intern_keyword(Some("evelisp.object"), "id")?;
    let m = env.empty_map()?;
    let m = env.assoc(m.borrowed(), key.borrowed(), id.borrowed())?;
    let ty = env.intern_symbol(None, OBJECT)?;
    let basis = env.empty_vector()?;
    Ok(env.make_record(ty.borrowed(), basis.borrowed(), m.borrowed())?)
}
