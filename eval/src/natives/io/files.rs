//! Local file and console I/O: `slurp`, `spit`, `line-seq`, `file-seq`,
//! `read-line` in `clojure.core`, and the natives behind the minimal
//! `clojure.java.io` library (`src/clj/clojure/java/io.clj`), defined in
//! the helper namespace `evelisp.io`.
//!
//! A file is a `java.io.File` value (`host_paths.rs`); a path string or a
//! babashka.fs path is taken wherever a file is (`natives::fs::path_arg`).
//! Readers and writers are process-local stream objects
//! (`streams.rs`), which `slurp`, `spit`, `line-seq` and `read-line`
//! (from `*in*`) hand over to. Over a path, `line-seq` is lazy: its thunk is a native closure over `[path
//! byte-offset]` (no open file lives in the env file), realizing 64 lines
//! at a time; `file-seq` is eager (a list). Text is UTF-8 unless an `:encoding`
//! says otherwise (`encodings.rs`; invalid bytes read as U+FFFD). Failures are `IOException`s whose message starts
//! with the path, as Java's: `"x.txt (No such file or directory)"`.

use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::host_paths::{make_file, normalize_path as normalize};
use crate::native_registry::Args;
use crate::natives::fs::join_file as join_path;
use crate::natives::fs::{io_error, write_file};
use crate::natives::io::encodings::encoding_option;
use crate::natives::io::streams;
use crate::natives::strings::clojure_string::str_of;
use evelisp_heap::{Ref, Value, View};
use std::path::Path;

natives! {
    /// The whole content of the file f (a path, file or reader) as a string.
    #[arglists = "([f & opts])"]
    "slurp" => slurp;
    /// Writes (str content) to the file f, replacing it, or adding to its end
    /// with :append true. Returns nil.
    #[arglists = "([f content & options])"]
    "spit" => spit;
    /// The lazy seq of the lines of the file rdr reads (a path or a reader),
    /// without their terminators; nil for an empty file.
    #[arglists = "([rdr])"]
    "line-seq" => line_seq;
    /// Internal: the thunk of line-seq (captured [path offset]): the next lines
    /// of the file, up to 64, then the lazy rest.
    #[arglists = "([captured])"]
    "-line-seq-step" => line_seq_step;
    /// A seq of dir and of every file and directory under it, as java.io.Files,
    /// depth first, each directory before its entries (sorted by name).
    #[arglists = "([dir])"]
    "file-seq" => file_seq;
    /// The next line of *in* (standard input unless rebound), without its line
    /// terminator, or nil at the end of input.
    #[arglists = "([])"]
    "read-line" => read_line;
    /// The java.io.File of f (a string, file or path; nil for a lone nil), with
    /// each of more joined under it as a relative child: the work of
    /// clojure.java.io/file.
    #[arglists = "([f & more])"]
    "evelisp.io/file" => file;
    /// Deletes the file or empty directory f; true, or when that fails silently
    /// if given, else an error.
    #[arglists = "([f] [f silently])"]
    "evelisp.io/delete-file" => delete_file;
    /// Creates the missing directories above the file the arguments name
    /// (joined as by file); whether it created any.
    #[arglists = "([f & more])"]
    "evelisp.io/make-parents" => make_parents;
}

/// The path `v` names: a string, a file or a path value.
fn path_arg<'a>(v: Ref<'a>, what: &str) -> EvalResult<&'a str> {
    crate::natives::fs::path_arg(v, what)
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

/// `(slurp f & opts)`: the whole text of file `f`.
fn slurp<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some(f) = args.first() else {
        return Err(arity("clojure.core/slurp", 0));
    };
    let enc = encoding_option(&args[1..])?;
    if streams::is_stream(f.borrowed()) {
        return streams::slurp(i, f.borrowed());
    }
    let path = path_arg(f.borrowed(), "slurp")?;
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
    Ok(i.env().make_string(&enc.decode(&bytes))?)
}

/// `(spit f content & opts)`: writes `(str content)` to file `f`,
/// replacing it, or appending with `:append true`; nil.
fn spit<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [f, content, opts @ ..] = &args[..] else {
        return Err(arity("clojure.core/spit", args.len()));
    };
    let enc = encoding_option(opts)?;
    if streams::is_stream(f.borrowed()) {
        return streams::spit(i, f.borrowed(), content.borrowed());
    }
    let path = path_arg(f.borrowed(), "spit")?;
    let text = str_of(i, content.borrowed())?;
    let append = option(opts, "append")?;
    write_file(path, &enc.encode(&text), append)?;
    Ok(Value::nil(i.env()))
}

/// `(line-seq rdr)`: the lazy seq of the lines of the file `rdr` names (a
/// path, or what `clojure.java.io/reader` gives); nil for an empty file.
/// Lines end at `\n`, `\r` or `\r\n`, as Java's `readLine`.
fn line_seq<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [f] = &args[..] else {
        return Err(arity("clojure.core/line-seq", args.len()));
    };
    if streams::is_stream(f.borrowed()) {
        return streams::line_seq(i, f.borrowed());
    }
    let path = path_arg(f.borrowed(), "line-seq")?;
    // Fail now, as Clojure's reader does, for a file that is not there.
    std::fs::File::open(path).map_err(|e| io_error(path, &e))?;
    let path = i.env().make_string(path)?;
    let first = line_seq_lazy(i, path.borrowed(), 0)?;
    i.seq_value(first.borrowed())
}

/// A lazy seq of the lines of file `path` from byte `at`.
fn line_seq_lazy<'e>(i: &Interp<'e>, path: Ref<'_>, at: u64) -> EvalResult<Value<'e>> {
    let env = i.env();
    let at = env.make_int(at as i64)?;
    let captured = env.make_vector(&[path, at.borrowed()])?;
    let thunk = i.native_closure("-line-seq-step", captured.borrowed())?;
    Ok(env.make_lazy_seq(thunk.borrowed())?)
}

/// The thunk of `line-seq`: up to 64 lines from the captured offset, then
/// the lazy rest.
fn line_seq_step<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    use std::io::{BufRead, Seek};
    let [captured] = &args[..] else {
        return Err(arity("clojure.core/-line-seq-step", args.len()));
    };
    let c = captured.borrowed();
    let path_v = c.nth(0)?;
    let path = path_arg(path_v, "line-seq")?;
    let at = u64::try_from(c.nth(1)?.as_i64()?).unwrap_or(0);
    let file = std::fs::File::open(path).map_err(|e| io_error(path, &e))?;
    let mut reader = std::io::BufReader::new(file);
    reader
        .seek(std::io::SeekFrom::Start(at))
        .map_err(|e| io_error(path, &e))?;
    const CHUNK: usize = 64;
    let mut lines_read = Vec::new();
    let mut pos = at;
    let mut buf = Vec::new();
    let mut at_end = false;
    while lines_read.len() < CHUNK {
        buf.clear();
        // A line ends at \n; a \r alone ends one too (handled below).
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| io_error(path, &e))?;
        if n == 0 {
            at_end = true;
            break;
        }
        // Split at lone \r as Java's readLine does.
        let mut start = 0;
        let mut k = 0;
        while k < buf.len() {
            match buf[k] {
                b'\r' if buf.get(k + 1) == Some(&b'\n') => {
                    lines_read.push(String::from_utf8_lossy(&buf[start..k]).into_owned());
                    k += 2;
                    start = k;
                }
                b'\r' | b'\n' => {
                    lines_read.push(String::from_utf8_lossy(&buf[start..k]).into_owned());
                    k += 1;
                    start = k;
                }
                _ => k += 1,
            }
        }
        if start < buf.len() {
            lines_read.push(String::from_utf8_lossy(&buf[start..]).into_owned());
        }
        pos += n as u64;
    }
    let env = i.env();
    let mut tail = if at_end {
        Value::nil(env)
    } else {
        line_seq_lazy(i, path_v, pos)?
    };
    for line in lines_read.into_iter().rev() {
        let l = env.make_string(&line)?;
        tail = env.seq_cons(l.borrowed(), tail.borrowed())?;
    }
    Ok(tail)
}

/// `(file-seq dir)`: `dir` and every file and directory under it, depth
/// first, each directory before its entries (sorted by name), as paths.
fn file_seq<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [f] = &args[..] else {
        return Err(arity("clojure.core/file-seq", args.len()));
    };
    let root = path_arg(f.borrowed(), "file-seq")?;
    let mut out = Vec::new();
    let mut stack = vec![normalize(root)];
    while let Some(path) = stack.pop() {
        if Path::new(&path).is_dir() {
            let entries = std::fs::read_dir(&path).map_err(|e| io_error(&path, &e))?;
            let mut children = Vec::new();
            for entry in entries {
                let entry = entry.map_err(|e| io_error(&path, &e))?;
                let name = entry.file_name();
                children.push(join_path(
                    &path,
                    crate::natives::fs::name_text(&path, &name)?,
                ));
            }
            children.sort();
            stack.extend(children.into_iter().rev());
        }
        out.push(path);
    }
    let env = i.env();
    if out.is_empty() {
        return Ok(Value::nil(env));
    }
    let files = out
        .iter()
        .map(|p| make_file(env, p))
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<Ref<'_>> = files.iter().map(Value::borrowed).collect();
    Ok(env.make_list(&refs)?)
}

/// `(read-line)`: the next line of this process's standard input (without
/// its line terminator), or nil at its end.
fn read_line<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("clojure.core/read-line", args.len()));
    }
    streams::read_line_in(i)
}

/// `(file f & more)`: the `java.io.File` of `f` (a string, file or
/// path), then of each child under it, as Clojure's: nil for a lone nil,
/// an `IllegalArgumentException` for an absolute child.
fn file<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some((first, more)) = args.split_first() else {
        return Err(arity("clojure.java.io/file", 0));
    };
    let env = i.env();
    if more.is_empty() && first.borrowed().is_nil() {
        return Ok(Value::nil(env));
    }
    // `(File. nil child)` is the child alone.
    let (mut path, more) = match more.split_first() {
        Some((child, rest)) if first.borrowed().is_nil() => {
            (normalize(&as_file_text(child.borrowed())?), rest)
        }
        _ => (normalize(&as_file_text(first.borrowed())?), more),
    };
    for child in more {
        let child = as_file_text(child.borrowed())?;
        if child.starts_with('/') {
            return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
                "{child} is not a relative path"
            ))));
        }
        path = join_path(&path, &child);
    }
    Ok(make_file(env, &path)?)
}

/// What Clojure's `as-file` takes: a string, a file (or path), nil.
fn as_file_text(v: Ref<'_>) -> EvalResult<String> {
    match crate::host_paths::any_path_text(v)? {
        Some(p) => Ok(p.to_string()),
        None if v.is_nil() => Err(EvalError::new(EvalErrorKind::NullPointer(
            "clojure.java.io/file: a nil path".into(),
        ))),
        None => Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "No implementation of method: :as-file of protocol: #'clojure.java.io/Coercions found for class: {}",
            crate::natives::host::classes::class_name(v)?.unwrap_or_default()
        )))),
    }
}

/// `(delete-file f)` / `(delete-file f silently)`: deletes file or empty
/// directory `f`; true, or when it fails `silently` if given, else an
/// `IOException`.
fn delete_file<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (f, silently) = match &args[..] {
        [f] => (f, None),
        [f, s] => (f, Some(s)),
        _ => return Err(arity("clojure.java.io/delete-file", args.len())),
    };
    let path = str_of(i, f.borrowed())?;
    let p = Path::new(&path);
    let done = if p.is_dir() {
        std::fs::remove_dir(p)
    } else {
        std::fs::remove_file(p)
    };
    match (done, silently) {
        (Ok(()), _) => Ok(i.env().make_bool(true)),
        (Err(_), Some(s)) => Ok(s.clone()),
        (Err(_), None) => Err(EvalError::new(EvalErrorKind::Io(format!(
            "Couldn't delete {path}"
        )))),
    }
}

/// `(make-parents f & more)`: creates the directories above the file the
/// arguments name (as `file` joins them); whether it created any.
fn make_parents<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let path = file(i, args)?;
    let path = str_of(i, path.borrowed())?;
    let created = match Path::new(&path).parent() {
        Some(parent) if !parent.as_os_str().is_empty() && !parent.exists() => {
            std::fs::create_dir_all(parent).map_err(|e| io_error(&path, &e))?;
            true
        }
        _ => false,
    };
    Ok(i.env().make_bool(created))
}
