//! Making `File` and `Path` values and the path arithmetic of babashka.fs
//! that needs the host or Java's exact rules (`evelisp.fs/*`): `path` and
//! `file` joining, relativize, normalize, absolute and canonical paths,
//! the current and home directories.

use super::{absolute, canonical, current_dir, join_file, path_arg, resolve_path};
use crate::Interp;
use crate::error::{EvalError, EvalErrorKind, EvalResult, arity};
use crate::host_paths::{file_text, make_file, make_path, normalize_path, path_text};
use crate::native_registry::Args;
use evelisp_heap::{Value, View};

natives! {
    /// The java.nio.file.Path of the string, file or path p, with each of
    /// more resolved against it in turn (an absolute one replaces it).
    #[arglists = "([p & more])"]
    "evelisp.fs/path" => path;
    /// The java.io.File of the string, file or path f, with each of more a
    /// child under it (as new File(parent, child)).
    #[arglists = "([f & more])"]
    "evelisp.fs/file" => file;
    /// Whether x is a java.nio.file.Path.
    #[arglists = "([x])"]
    "evelisp.fs/path?" => is_path;
    /// Whether x is a java.io.File.
    #[arglists = "([x])"]
    "evelisp.fs/file?" => is_file;
    /// The path that leads from base to other (both absolute or both
    /// relative), as a string.
    #[arglists = "([base other])"]
    "evelisp.fs/-relativize" => relativize_native;
    /// p without its . and .. names, as a string.
    #[arglists = "([p])"]
    "evelisp.fs/-normalize" => normalize;
    /// p made absolute against the current directory, as a string.
    #[arglists = "([p])"]
    "evelisp.fs/-absolute" => absolute_native;
    /// The canonical path of p: absolute, without . and .., links followed.
    #[arglists = "([p])"]
    "evelisp.fs/-canonical" => canonical_native;
    /// The current directory, as a string.
    #[arglists = "([])"]
    "evelisp.fs/-cwd" => cwd;
    /// The home directory ($HOME), as a string.
    #[arglists = "([])"]
    "evelisp.fs/-home" => home;
    /// Whether path p starts with the names of path other.
    #[arglists = "([p other])"]
    "evelisp.fs/-starts-with?" => starts_with_native;
    /// Whether path p ends with the names of path other.
    #[arglists = "([p other])"]
    "evelisp.fs/-ends-with?" => ends_with_native;
}

/// The names of `p` (without empty ones).
fn names(p: &str) -> Vec<&str> {
    p.split('/').filter(|s| !s.is_empty()).collect()
}

/// Java's `Path.relativize`: the path from `base` to `other`.
pub(crate) fn relativize(base: &str, other: &str) -> EvalResult<String> {
    let (base, other) = (normalize_path(base), normalize_path(other));
    if base.starts_with('/') != other.starts_with('/') {
        return Err(EvalError::new(EvalErrorKind::IllegalArgument(
            "'other' is different type of Path".into(),
        )));
    }
    let (b, o) = (names(&base), names(&other));
    let common = b.iter().zip(&o).take_while(|(x, y)| x == y).count();
    let mut out: Vec<&str> = vec![".."; b.len() - common];
    out.extend(&o[common..]);
    Ok(out.join("/"))
}

/// Java's `Path.startsWith` of normalized paths.
pub(crate) fn starts_with(p: &str, other: &str) -> bool {
    if p.starts_with('/') != other.starts_with('/') {
        return false;
    }
    let (a, b) = (names(p), names(other));
    // An empty path starts only an empty one.
    if other.is_empty() {
        return p.is_empty();
    }
    b.len() <= a.len() && a[..b.len()] == b[..]
}

/// Java's `Path.endsWith` of normalized paths.
pub(crate) fn ends_with(p: &str, other: &str) -> bool {
    if other.starts_with('/') {
        return p == other;
    }
    let (a, b) = (names(p), names(other));
    if other.is_empty() {
        return p.is_empty();
    }
    b.len() <= a.len() && a[a.len() - b.len()..] == b[..]
}

/// The path texts of `args`, or an error naming `what`.
fn texts<'a>(args: &'a Args<'_>, what: &str) -> EvalResult<Vec<&'a str>> {
    args.iter().map(|a| path_arg(a.borrowed(), what)).collect()
}

fn path<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let parts = texts(&args, "path")?;
    let Some((first, more)) = parts.split_first() else {
        return Err(arity("evelisp.fs/path", 0));
    };
    let mut p = normalize_path(first);
    for m in more {
        p = resolve_path(&p, &normalize_path(m));
    }
    Ok(make_path(i.env(), &p)?)
}

fn file<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let parts = texts(&args, "file")?;
    let Some((first, more)) = parts.split_first() else {
        return Err(arity("evelisp.fs/file", 0));
    };
    let mut p = normalize_path(first);
    for m in more {
        p = join_file(&p, m);
    }
    Ok(make_file(i.env(), &p)?)
}

/// Whether `x` is a record whose text `get` finds.
fn is_kind<'e>(
    i: &Interp<'e>,
    args: &Args<'e>,
    get: fn(evelisp_heap::Ref<'_>) -> Result<Option<&str>, evelisp_heap::HeapError>,
) -> EvalResult<Value<'e>> {
    let [x] = &args[..] else {
        return Err(arity("evelisp.fs/path?", args.len()));
    };
    let x = x.borrowed();
    let yes = matches!(x.view()?, View::Map { .. }) && get(x)?.is_some();
    Ok(i.env().make_bool(yes))
}

fn is_path<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    is_kind(i, &args, path_text)
}

fn is_file<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    is_kind(i, &args, file_text)
}

/// A native of two paths giving a string.
fn two_paths<'e>(
    i: &Interp<'e>,
    args: &Args<'e>,
    what: &str,
    f: impl FnOnce(&str, &str) -> EvalResult<Value<'e>>,
) -> EvalResult<Value<'e>> {
    let [a, b] = &args[..] else {
        return Err(arity(&format!("evelisp.fs/{what}"), args.len()));
    };
    let _ = i;
    f(path_arg(a.borrowed(), what)?, path_arg(b.borrowed(), what)?)
}

fn relativize_native<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    two_paths(i, &args, "relativize", |a, b| {
        Ok(i.env().make_string(&relativize(a, b)?)?)
    })
}

fn starts_with_native<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    two_paths(i, &args, "starts-with?", |a, b| {
        Ok(i.env()
            .make_bool(starts_with(&normalize_path(a), &normalize_path(b))))
    })
}

fn ends_with_native<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    two_paths(i, &args, "ends-with?", |a, b| {
        Ok(i.env()
            .make_bool(ends_with(&normalize_path(a), &normalize_path(b))))
    })
}

/// A native of one path giving a string made by `f`.
fn one_path<'e>(
    i: &Interp<'e>,
    args: &Args<'e>,
    what: &str,
    f: impl FnOnce(&str) -> EvalResult<String>,
) -> EvalResult<Value<'e>> {
    let [a] = &args[..] else {
        return Err(arity(&format!("evelisp.fs/{what}"), args.len()));
    };
    let p = path_arg(a.borrowed(), what)?;
    Ok(i.env().make_string(&f(&normalize_path(p))?)?)
}

fn normalize<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    one_path(i, &args, "normalize", |p| Ok(super::normalize_dots(p)))
}

fn absolute_native<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    one_path(i, &args, "absolutize", absolute)
}

fn canonical_native<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    one_path(i, &args, "canonicalize", canonical)
}

fn cwd<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("evelisp.fs/-cwd", args.len()));
    }
    Ok(i.env().make_string(&current_dir()?)?)
}

fn home<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("evelisp.fs/-home", args.len()));
    }
    let home = std::env::var("HOME").unwrap_or_else(|_| "/".to_string());
    Ok(i.env().make_string(&home)?)
}
