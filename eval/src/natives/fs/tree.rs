//! The file-system operations under babashka.fs (`evelisp.fs/*`):
//! listing, creating, deleting, copying and moving files and directories,
//! temp files, links, and a file's bytes. The Lisp library
//! (`stdlib/src/clj/babashka/fs.clj`) builds walks, globs and trees on
//! them. Each takes paths as strings, files or paths.

use super::{io_error, io_fail, name_text, path_arg};
use crate::Interp;
use crate::error::{EvalResult, arity};
use crate::native_registry::Args;
use evelisp_heap::{ArrayElem, ArrayType, Value, View};
use std::path::Path;

natives! {
    /// The names of the entries of directory dir, sorted.
    #[arglists = "([dir])"]
    "evelisp.fs/-list-dir" => list_dir;
    /// Creates directory path (its parent must exist); path.
    #[arglists = "([path])"]
    "evelisp.fs/-create-dir" => create_dir;
    /// Creates directory path and its missing parents; path.
    #[arglists = "([path])"]
    "evelisp.fs/-create-dirs" => create_dirs;
    /// Creates the empty file path, which must not exist; path.
    #[arglists = "([path])"]
    "evelisp.fs/-create-file" => create_file;
    /// Deletes the file, link or empty directory path; an error if it is missing.
    #[arglists = "([path])"]
    "evelisp.fs/-delete" => delete;
    /// Copies file src to dest (replacing it if replace) with its permissions;
    /// with copy-attrs its modification time too. A directory copies as an
    /// empty one.
    #[arglists = "([src dest replace copy-attrs])"]
    "evelisp.fs/-copy" => copy;
    /// Moves (renames) src to dest, replacing dest if replace.
    #[arglists = "([src dest replace])"]
    "evelisp.fs/-move" => move_path;
    /// A new directory in dir named prefix and random characters.
    #[arglists = "([dir prefix])"]
    "evelisp.fs/-create-temp-dir" => create_temp_dir;
    /// A new empty file in dir named prefix, random characters and suffix.
    #[arglists = "([dir prefix suffix])"]
    "evelisp.fs/-create-temp-file" => create_temp_file;
    /// Creates the symbolic link link pointing at target.
    #[arglists = "([link target])"]
    "evelisp.fs/-create-sym-link" => create_sym_link;
    /// Creates the hard link link to the existing file target.
    #[arglists = "([link target])"]
    "evelisp.fs/-create-link" => create_link;
    /// The target of the symbolic link path, as a string.
    #[arglists = "([path])"]
    "evelisp.fs/-read-link" => read_link;
    /// The bytes of file path, as a byte array.
    #[arglists = "([path])"]
    "evelisp.fs/-read-bytes" => read_bytes;
    /// Writes the byte array bytes to file path (at its end if append).
    #[arglists = "([path bytes append])"]
    "evelisp.fs/-write-bytes" => write_bytes;
    /// The directory for temp files: $TMPDIR or /tmp.
    #[arglists = "([])"]
    "evelisp.fs/-temp-dir" => temp_dir;
}

/// Whether `v` is true as Clojure tests it.
fn truthy(v: &Value<'_>) -> EvalResult<bool> {
    Ok(!matches!(
        v.borrowed().view()?,
        View::Nil | View::Bool(false)
    ))
}

/// `path` as a value (a string).
fn text<'e>(i: &Interp<'e>, s: &str) -> EvalResult<Value<'e>> {
    Ok(i.env().make_string(s)?)
}

fn list_dir<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [dir] = &args[..] else {
        return Err(arity("evelisp.fs/-list-dir", args.len()));
    };
    let dir = path_arg(dir.borrowed(), "list-dir")?;
    let shown = if dir.is_empty() { "." } else { dir };
    let entries = std::fs::read_dir(shown).map_err(|e| io_error(dir, &e))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io_error(dir, &e))?;
        names.push(name_text(dir, &entry.file_name())?.to_string());
    }
    names.sort();
    let env = i.env();
    let values = names
        .iter()
        .map(|n| env.make_string(n))
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<_> = values.iter().map(Value::borrowed).collect();
    Ok(env.make_vector(&refs)?)
}

/// A native of one path argument doing `f`, giving the path back.
fn on_path<'e>(
    _i: &Interp<'e>,
    args: &Args<'e>,
    name: &str,
    f: impl FnOnce(&str) -> std::io::Result<()>,
) -> EvalResult<Value<'e>> {
    let [p] = &args[..] else {
        return Err(arity(&format!("evelisp.fs/{name}"), args.len()));
    };
    let path = path_arg(p.borrowed(), name)?;
    f(path).map_err(|e| io_error(path, &e))?;
    Ok(p.clone())
}

fn create_dir<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    on_path(i, &args, "-create-dir", |p| std::fs::create_dir(p))
}

fn create_dirs<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    on_path(i, &args, "-create-dirs", |p| std::fs::create_dir_all(p))
}

fn create_file<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    on_path(i, &args, "-create-file", |p| {
        std::fs::File::options()
            .write(true)
            .create_new(true)
            .open(p)
            .map(drop)
    })
}

fn delete<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    on_path(i, &args, "-delete", |p| {
        let meta = std::fs::symlink_metadata(p)?;
        if meta.is_dir() {
            std::fs::remove_dir(p)
        } else {
            std::fs::remove_file(p)
        }
    })
}

fn copy<'e>(_i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [src, dest, replace, attrs] = &args[..] else {
        return Err(arity("evelisp.fs/-copy", args.len()));
    };
    let from = path_arg(src.borrowed(), "copy")?;
    let to = path_arg(dest.borrowed(), "copy")?;
    if !truthy(replace)? && std::fs::symlink_metadata(to).is_ok() {
        return Err(io_fail(to, "file already exists"));
    }
    let meta = std::fs::metadata(from).map_err(|e| io_error(from, &e))?;
    if meta.is_dir() {
        // As Java's Files.copy: a directory copies as an empty one.
        if !Path::new(to).is_dir() {
            std::fs::create_dir(to).map_err(|e| io_error(to, &e))?;
        }
    } else {
        std::fs::copy(from, to).map_err(|e| io_error(from, &e))?;
    }
    if truthy(attrs)? {
        let millis = super::java_file::modified_millis(&meta);
        super::java_file::set_modified(to, millis).map_err(|e| io_error(to, &e))?;
    }
    Ok(dest.clone())
}

fn move_path<'e>(_i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [src, dest, replace] = &args[..] else {
        return Err(arity("evelisp.fs/-move", args.len()));
    };
    let from = path_arg(src.borrowed(), "move")?;
    let to = path_arg(dest.borrowed(), "move")?;
    std::fs::symlink_metadata(from).map_err(|e| io_error(from, &e))?;
    if !truthy(replace)? && std::fs::symlink_metadata(to).is_ok() {
        return Err(io_fail(to, "file already exists"));
    }
    std::fs::rename(from, to).map_err(|e| io_error(from, &e))?;
    Ok(dest.clone())
}

/// A name no file has yet: `prefix`, a random number, `suffix`.
fn temp_name(prefix: &str, suffix: &str) -> String {
    format!("{prefix}{}{suffix}", rand::random::<u64>())
}

/// Tries `make` on fresh names in `dir` until one is free.
fn make_temp<'e>(
    i: &Interp<'e>,
    dir: &str,
    prefix: &str,
    suffix: &str,
    make: impl Fn(&str) -> std::io::Result<()>,
) -> EvalResult<Value<'e>> {
    for _ in 0..100 {
        let path = super::resolve_path(dir, &temp_name(prefix, suffix));
        match make(&path) {
            Ok(()) => return text(i, &path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_error(&path, &e)),
        }
    }
    Err(io_fail(dir, "no free temp name after 100 tries"))
}

fn create_temp_dir<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [dir, prefix] = &args[..] else {
        return Err(arity("evelisp.fs/-create-temp-dir", args.len()));
    };
    let dir = path_arg(dir.borrowed(), "create-temp-dir")?;
    let prefix = path_arg(prefix.borrowed(), "create-temp-dir")?;
    make_temp(i, dir, prefix, "", |p| {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new().mode(0o700).create(p)
    })
}

fn create_temp_file<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [dir, prefix, suffix] = &args[..] else {
        return Err(arity("evelisp.fs/-create-temp-file", args.len()));
    };
    let dir = path_arg(dir.borrowed(), "create-temp-file")?;
    let prefix = path_arg(prefix.borrowed(), "create-temp-file")?;
    let suffix = path_arg(suffix.borrowed(), "create-temp-file")?;
    make_temp(i, dir, prefix, suffix, |p| {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::File::options()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(p)
            .map(drop)
    })
}

fn create_sym_link<'e>(_i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [link, target] = &args[..] else {
        return Err(arity("evelisp.fs/-create-sym-link", args.len()));
    };
    let l = path_arg(link.borrowed(), "create-sym-link")?;
    let t = path_arg(target.borrowed(), "create-sym-link")?;
    std::os::unix::fs::symlink(t, l).map_err(|e| io_error(l, &e))?;
    Ok(link.clone())
}

fn create_link<'e>(_i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [link, target] = &args[..] else {
        return Err(arity("evelisp.fs/-create-link", args.len()));
    };
    let l = path_arg(link.borrowed(), "create-link")?;
    let t = path_arg(target.borrowed(), "create-link")?;
    std::fs::hard_link(t, l).map_err(|e| io_error(l, &e))?;
    Ok(link.clone())
}

fn read_link<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [p] = &args[..] else {
        return Err(arity("evelisp.fs/-read-link", args.len()));
    };
    let path = path_arg(p.borrowed(), "read-link")?;
    let target = std::fs::read_link(path).map_err(|e| io_error(path, &e))?;
    match target.to_str() {
        Some(t) => text(i, t),
        None => Err(io_fail(path, "link target is not valid UTF-8")),
    }
}

fn read_bytes<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [p] = &args[..] else {
        return Err(arity("evelisp.fs/-read-bytes", args.len()));
    };
    let path = path_arg(p.borrowed(), "read-all-bytes")?;
    if Path::new(path).is_dir() {
        return Err(io_fail(path, "Is a directory"));
    }
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
    byte_array(i, &bytes)
}

/// A new `byte[]` holding `bytes`.
pub(crate) fn byte_array<'e>(i: &Interp<'e>, bytes: &[u8]) -> EvalResult<Value<'e>> {
    let env = i.env();
    let nil = Value::nil(env);
    let a = env.make_array(ArrayType::Byte, bytes.len() as u64, nil.borrowed())?;
    for (k, b) in bytes.iter().enumerate() {
        env.array_set_prim(a.borrowed(), k as u64, ArrayElem::Byte(*b as i8))?;
    }
    Ok(a)
}

/// The bytes of the `byte[]` `v`, or `None` if it is not one.
pub(crate) fn array_bytes(v: &Value<'_>) -> EvalResult<Option<Vec<u8>>> {
    let r = v.borrowed();
    if !matches!(r.view()?, View::Array(_)) {
        return Ok(None);
    }
    let (ty, len) = r.array_type()?;
    if ty != ArrayType::Byte {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(len as usize);
    for k in 0..len {
        if let ArrayElem::Byte(b) = r.array_prim(k)? {
            out.push(b as u8);
        }
    }
    Ok(Some(out))
}

fn write_bytes<'e>(_i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [p, bytes, append] = &args[..] else {
        return Err(arity("evelisp.fs/-write-bytes", args.len()));
    };
    let path = path_arg(p.borrowed(), "write-bytes")?;
    let Some(data) = array_bytes(bytes)? else {
        return Err(crate::natives::regex::patterns::cast(
            "a byte array",
            bytes.borrowed(),
            "write-bytes",
        ));
    };
    super::write_file(path, &data, truthy(append)?)?;
    Ok(p.clone())
}

fn temp_dir<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("evelisp.fs/-temp-dir", args.len()));
    }
    let dir = std::env::var("TMPDIR").unwrap_or_else(|_| "/tmp".to_string());
    text(i, &dir)
}
