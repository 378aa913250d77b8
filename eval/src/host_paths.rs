//! `java.io.File`, `java.nio.file.Path` and `FileTime` as evelisp values
//! (what `clojure.java.io/file` and babashka.fs give): records the env
//! file can hold and share, since a path means the same in every process.
//! A file is a record of type `java.io.File`, a path one of type
//! `sun.nio.fs.UnixPath`, each with one field, `:evelisp.path/path` (its
//! text, normalized as Java's `UnixPath`); a file time is a record of type
//! `java.nio.file.attribute.FileTime` with `:evelisp.file-time/millis`.
//! Being records, both are `=` by content and hash alike. `str` gives
//! Java's `toString` (the path; the ISO-8601 instant), and they print as
//! Clojure prints such objects: `#object[sun.nio.fs.UnixPath 0x.. "a/b"]`.

use evelisp_heap::{Env, HeapError, Ref, Value, View};

/// The record type of a file.
pub(crate) const FILE_CLASS: &str = "java.io.File";
/// The record type of a path.
pub(crate) const PATH_CLASS: &str = "sun.nio.fs.UnixPath";
/// The record type of a file's attributes (what babashka.fs's
/// `walk-file-tree` hands its visitors).
pub(crate) const ATTRIBUTES_CLASS: &str = "sun.nio.fs.UnixFileAttributes";
/// The record type of a file time.
pub(crate) const FILE_TIME_CLASS: &str = "java.nio.file.attribute.FileTime";

/// `text` normalized as Java's `UnixPath`: repeated `/` collapse and a
/// trailing `/` goes (except for the root).
pub(crate) fn normalize_path(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    if out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    out
}

/// A one-field record of type `class`.
fn one_field_record<'e>(
    env: &'e Env,
    class: &str,
    key: (&str, &str),
    value: Ref<'_>,
) -> Result<Value<'e>, HeapError> {
    let key = env.intern_keyword(Some(key.0), key.1)?;
    let m = env.empty_map()?;
    let m = env.assoc(m.borrowed(), key.borrowed(), value)?;
    let ty = env.intern_symbol(None, class)?;
    let basis = env.empty_vector()?;
    env.make_record(ty.borrowed(), basis.borrowed(), m.borrowed())
}

/// The field `key` of `v` if `v` is a record of type `class`.
fn field_of<'a>(v: Ref<'a>, class: &str, key: (&str, &str)) -> Result<Option<Ref<'a>>, HeapError> {
    match v.record_type()? {
        Some(ty) if ty.symbol_parts()? == (None, class) => {
            let k = v.env().intern_keyword(Some(key.0), key.1)?;
            v.get(k.borrowed())
        }
        _ => Ok(None),
    }
}

/// A path value of `text` (normalized).
pub(crate) fn make_path<'e>(env: &'e Env, text: &str) -> Result<Value<'e>, HeapError> {
    let s = env.make_string(&normalize_path(text))?;
    one_field_record(env, PATH_CLASS, ("evelisp.path", "path"), s.borrowed())
}

/// A file value of `text` (normalized).
pub(crate) fn make_file<'e>(env: &'e Env, text: &str) -> Result<Value<'e>, HeapError> {
    let s = env.make_string(&normalize_path(text))?;
    one_field_record(env, FILE_CLASS, ("evelisp.path", "path"), s.borrowed())
}

/// The text of `v` if it is a record of type `class` holding a path.
fn text_of<'a>(v: Ref<'a>, class: &str) -> Result<Option<&'a str>, HeapError> {
    match field_of(v, class, ("evelisp.path", "path"))? {
        Some(s) => match s.view()? {
            View::Str(s) => Ok(Some(s)),
            _ => Ok(None),
        },
        None => Ok(None),
    }
}

/// The text of `v` if it is a path value.
pub(crate) fn path_text(v: Ref<'_>) -> Result<Option<&str>, HeapError> {
    text_of(v, PATH_CLASS)
}

/// The text of `v` if it is a file value.
pub(crate) fn file_text(v: Ref<'_>) -> Result<Option<&str>, HeapError> {
    text_of(v, FILE_CLASS)
}

/// The path `v` names if it is a file or a path value (not a string).
pub(crate) fn file_or_path_text(v: Ref<'_>) -> Result<Option<&str>, HeapError> {
    if !matches!(v.view()?, View::Map { .. }) {
        return Ok(None);
    }
    match file_text(v)? {
        Some(t) => Ok(Some(t)),
        None => path_text(v),
    }
}

/// The path `v` names: a string, a file or a path value.
pub(crate) fn any_path_text(v: Ref<'_>) -> Result<Option<&str>, HeapError> {
    match v.view()? {
        View::Str(s) => Ok(Some(s)),
        View::Map { .. } => file_or_path_text(v),
        _ => Ok(None),
    }
}

/// An attributes value over the map `attrs` (`:kind :size :mtime ...`,
/// see `natives/fs/attributes.rs`): a record whose keys stay readable.
pub(crate) fn make_attributes<'e>(env: &'e Env, attrs: Ref<'_>) -> Result<Value<'e>, HeapError> {
    let ty = env.intern_symbol(None, ATTRIBUTES_CLASS)?;
    let basis = env.empty_vector()?;
    env.make_record(ty.borrowed(), basis.borrowed(), attrs)
}

/// Whether `v` is an attributes value.
pub(crate) fn is_attributes(v: Ref<'_>) -> Result<bool, HeapError> {
    Ok(match v.record_type()? {
        Some(ty) => ty.symbol_parts()? == (None, ATTRIBUTES_CLASS),
        None => false,
    })
}

/// A file time of `millis` since the epoch.
pub(crate) fn make_file_time(env: &Env, millis: i64) -> Result<Value<'_>, HeapError> {
    let n = env.make_int(millis)?;
    one_field_record(
        env,
        FILE_TIME_CLASS,
        ("evelisp.file-time", "millis"),
        n.borrowed(),
    )
}

/// The milliseconds of `v` if it is a file time.
pub(crate) fn file_time_millis(v: Ref<'_>) -> Result<Option<i64>, HeapError> {
    match field_of(v, FILE_TIME_CLASS, ("evelisp.file-time", "millis"))? {
        Some(n) => Ok(Some(n.as_i64()?)),
        None => Ok(None),
    }
}

/// Java's `toString` of a path or file time value, with its class, or
/// `None` for any other value.
pub(crate) fn host_record_text(v: Ref<'_>) -> Result<Option<(&'static str, String)>, HeapError> {
    if !matches!(v.view()?, View::Map { .. }) {
        return Ok(None);
    }
    if let Some(p) = path_text(v)? {
        return Ok(Some((PATH_CLASS, p.to_string())));
    }
    if let Some(p) = file_text(v)? {
        return Ok(Some((FILE_CLASS, p.to_string())));
    }
    if let Some(ms) = file_time_millis(v)? {
        let seconds = ms.div_euclid(1000);
        let nanos = (ms.rem_euclid(1000) as u32) * 1_000_000;
        return Ok(Some((
            FILE_TIME_CLASS,
            crate::uuid_time::format_instant(seconds, nanos),
        )));
    }
    Ok(None)
}
