//! The methods of `java.io.File` (on a file value or a path string) and
//! of `java.nio.file.Path` (on a path value) that scripts use, as
//! `evelisp.interop/invoke` (`(.getName f)`) finds them. Queries that
//! fail (`exists`, `mkdir`, `delete`, ...) answer false as Java's do.

use super::{absolute, canonical, join_file, normalize_dots, resolve_path};
use crate::Interp;
use crate::error::EvalResult;
use crate::host_paths::{any_path_text, make_file, make_path, normalize_path, path_text};
use evelisp_heap::{Value, View};
use std::path::Path;
use std::time::{Duration, UNIX_EPOCH};

/// The last name of `path` (`""` for the root).
pub(crate) fn file_name(path: &str) -> &str {
    if path == "/" {
        return "";
    }
    path.rsplit('/').next().unwrap_or("")
}

/// The parent of `path` as Java's `File.getParent`, or `None`.
pub(crate) fn parent_of(path: &str) -> Option<&str> {
    match path.rfind('/') {
        Some(0) if path.len() > 1 => Some("/"),
        Some(at) if at > 0 => Some(&path[..at]),
        _ => None,
    }
}

/// The modification time of `path` in milliseconds (0 if it is missing).
pub(crate) fn modified_millis(meta: &std::fs::Metadata) -> i64 {
    match meta.modified() {
        Ok(t) => match t.duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_millis() as i64,
            Err(e) => -(e.duration().as_millis() as i64),
        },
        Err(_) => 0,
    }
}

/// Sets the modification time of `path` to `millis`.
pub(crate) fn set_modified(path: &str, millis: i64) -> std::io::Result<()> {
    let t = if millis >= 0 {
        UNIX_EPOCH + Duration::from_millis(millis as u64)
    } else {
        UNIX_EPOCH - Duration::from_millis(millis.unsigned_abs())
    };
    let f = std::fs::File::options()
        .write(true)
        .open(path)
        .or_else(|_| std::fs::File::open(path))?;
    f.set_modified(t)
}

/// Whether this process may access `path` as `how` (`access(2)`).
pub(crate) fn may_access(path: &str, how: rustix::fs::Access) -> bool {
    rustix::fs::access(path, how).is_ok()
}

/// `java.io.File`'s method `method` on the file `path` (with `rest`, its
/// arguments), or `None` if it is not one of them.
pub(crate) fn file_method<'e>(
    i: &Interp<'e>,
    method: &str,
    path: &str,
    rest: &[Value<'e>],
) -> EvalResult<Option<Value<'e>>> {
    use rustix::fs::Access;
    let env = i.env();
    let norm = normalize_path(path);
    let meta = || std::fs::metadata(&norm).ok();
    let file = |p: &str| -> EvalResult<Value<'e>> { Ok(make_file(env, p)?) };
    let boolean = |b: bool| -> EvalResult<Value<'e>> { Ok(env.make_bool(b)) };
    let value = match (method, rest) {
        ("exists", []) => boolean(meta().is_some())?,
        ("isFile", []) => boolean(meta().is_some_and(|m| m.is_file()))?,
        ("isDirectory", []) => boolean(meta().is_some_and(|m| m.is_dir()))?,
        ("isHidden", []) => boolean(file_name(&norm).starts_with('.'))?,
        ("isAbsolute", []) => boolean(norm.starts_with('/'))?,
        ("canRead", []) => boolean(may_access(&norm, Access::READ_OK))?,
        ("canWrite", []) => boolean(may_access(&norm, Access::WRITE_OK))?,
        ("canExecute", []) => boolean(may_access(&norm, Access::EXEC_OK))?,
        ("length", []) => env.make_int(meta().map_or(0, |m| m.len() as i64))?,
        ("lastModified", []) => env.make_int(meta().map_or(0, |m| modified_millis(&m)))?,
        ("setLastModified", [t]) => boolean(set_modified(&norm, t.borrowed().as_i64()?).is_ok())?,
        ("getName", []) => env.make_string(file_name(&norm))?,
        ("getParent", []) => match parent_of(&norm) {
            Some(p) => env.make_string(p)?,
            None => Value::nil(env),
        },
        ("getParentFile", []) => match parent_of(&norm) {
            Some(p) => file(p)?,
            None => Value::nil(env),
        },
        ("getPath" | "toString", []) => env.make_string(&norm)?,
        ("getAbsolutePath", []) => env.make_string(&absolute(&norm)?)?,
        ("getAbsoluteFile", []) => file(&absolute(&norm)?)?,
        ("getCanonicalPath", []) => env.make_string(&canonical(&norm)?)?,
        ("getCanonicalFile", []) => file(&canonical(&norm)?)?,
        ("toPath", []) => make_path(env, &norm)?,
        ("mkdir", []) => boolean(std::fs::create_dir(&norm).is_ok())?,
        ("mkdirs", []) => {
            boolean(!Path::new(&norm).exists() && std::fs::create_dir_all(&norm).is_ok())?
        }
        ("createNewFile", []) => boolean(
            std::fs::File::options()
                .write(true)
                .create_new(true)
                .open(&norm)
                .is_ok(),
        )?,
        ("delete", []) => boolean(if meta().is_some_and(|m| m.is_dir()) {
            std::fs::remove_dir(&norm).is_ok()
        } else {
            std::fs::remove_file(&norm).is_ok()
        })?,
        ("renameTo", [dest]) => match any_path_text(dest.borrowed())? {
            Some(d) => boolean(std::fs::rename(&norm, d).is_ok())?,
            None => return Ok(None),
        },
        // The entries of a directory (nil for anything else), sorted by
        // name: as files under it (`listFiles`) or names (`list`).
        ("listFiles" | "list", []) => match std::fs::read_dir(&norm) {
            Ok(entries) => {
                let mut names = Vec::new();
                for e in entries.filter_map(Result::ok) {
                    names.push(super::name_text(&norm, &e.file_name())?.to_string());
                }
                names.sort();
                let items = names
                    .iter()
                    .map(|n| {
                        if method == "list" {
                            Ok(env.make_string(n)?)
                        } else {
                            file(&join_file(&norm, n))
                        }
                    })
                    .collect::<EvalResult<Vec<_>>>()?;
                let refs: Vec<_> = items.iter().map(Value::borrowed).collect();
                env.make_vector(&refs)?
            }
            Err(_) => Value::nil(env),
        },
        _ => return Ok(None),
    };
    Ok(Some(value))
}

/// `java.nio.file.Path`'s method `method` on the path value `path`, or
/// `None` if it is not one of them.
pub(crate) fn path_method<'e>(
    i: &Interp<'e>,
    method: &str,
    path: &str,
    rest: &[Value<'e>],
) -> EvalResult<Option<Value<'e>>> {
    let env = i.env();
    let p = |s: &str| -> EvalResult<Value<'e>> { Ok(make_path(env, s)?) };
    let other = |v: &Value<'e>| -> EvalResult<Option<String>> {
        Ok(any_path_text(v.borrowed())?.map(str::to_string))
    };
    let value = match (method, rest) {
        ("toString", []) => env.make_string(path)?,
        ("toFile", []) => make_file(env, path)?,
        ("getFileName", []) if path == "/" => Value::nil(env),
        ("getFileName", []) => p(file_name(path))?,
        ("getParent", []) => match parent_of(path) {
            Some(parent) => p(parent)?,
            None => Value::nil(env),
        },
        ("getRoot", []) if path.starts_with('/') => p("/")?,
        ("getRoot", []) => Value::nil(env),
        ("isAbsolute", []) => env.make_bool(path.starts_with('/')),
        ("toAbsolutePath", []) => p(&absolute(path)?)?,
        ("normalize", []) => p(&normalize_dots(path))?,
        ("toRealPath", _) => {
            let real = std::fs::canonicalize(path).map_err(|e| super::io_error(path, &e))?;
            match real.to_str() {
                Some(s) => p(s)?,
                None => return Err(super::io_fail(path, "real path is not valid UTF-8")),
            }
        }
        ("resolve", [o]) => match other(o)? {
            Some(o) => p(&resolve_path(path, &o))?,
            None => return Ok(None),
        },
        ("relativize", [o]) => match other(o)? {
            Some(o) => p(&super::path_ops::relativize(path, &o)?)?,
            None => return Ok(None),
        },
        ("startsWith", [o]) => match other(o)? {
            Some(o) => env.make_bool(super::path_ops::starts_with(path, &normalize_path(&o))),
            None => return Ok(None),
        },
        ("endsWith", [o]) => match other(o)? {
            Some(o) => env.make_bool(super::path_ops::ends_with(path, &normalize_path(&o))),
            None => return Ok(None),
        },
        ("getNameCount", []) => env.make_int(
            path.split('/')
                .filter(|s| !s.is_empty())
                .count()
                .max(usize::from(path.is_empty())) as i64,
        )?,
        _ => return Ok(None),
    };
    Ok(Some(value))
}

/// The methods of a file, path or path string `target`, if `method` is one.
pub(crate) fn method_of<'e>(
    i: &Interp<'e>,
    method: &str,
    target: &Value<'e>,
    rest: &[Value<'e>],
) -> EvalResult<Option<Value<'e>>> {
    let t = target.borrowed();
    if let Some(p) = path_text(t)? {
        return path_method(i, method, p, rest);
    }
    if crate::host_paths::is_attributes(t)? {
        return attributes_method(i, method, target, rest);
    }
    match t.view()? {
        View::Str(_) | View::Map { .. } => match any_path_text(t)? {
            Some(p) => file_method(i, method, p, rest),
            None => Ok(None),
        },
        _ => Ok(None),
    }
}

/// `BasicFileAttributes`' method `method` on the attributes value `attrs`
/// (`natives/fs/attributes.rs`), or `None` if it is not one of them.
fn attributes_method<'e>(
    i: &Interp<'e>,
    method: &str,
    attrs: &Value<'e>,
    rest: &[Value<'e>],
) -> EvalResult<Option<Value<'e>>> {
    if !rest.is_empty() {
        return Ok(None);
    }
    let env = i.env();
    let a = attrs.borrowed();
    let field = |k: &str| -> EvalResult<Option<evelisp_heap::Ref<'_>>> {
        let key = env.intern_keyword(None, k)?;
        Ok(a.get(key.borrowed())?)
    };
    let kind_is = |k: &str| -> EvalResult<Value<'e>> {
        let yes = match field("kind")? {
            Some(v) => matches!(v.view()?, View::Keyword { ns: None, name } if name == k),
            None => false,
        };
        Ok(env.make_bool(yes))
    };
    let time = |k: &str| -> EvalResult<Value<'e>> {
        let ms = match field(k)? {
            Some(v) => v.as_i64()?,
            None => 0,
        };
        Ok(crate::host_paths::make_file_time(env, ms)?)
    };
    Ok(Some(match method {
        "isDirectory" => kind_is("directory")?,
        "isRegularFile" => kind_is("file")?,
        "isSymbolicLink" => kind_is("sym-link")?,
        "isOther" => kind_is("other")?,
        "size" => match field("size")? {
            Some(v) => env.make_int(v.as_i64()?)?,
            None => env.make_int(0)?,
        },
        "lastModifiedTime" => time("mtime")?,
        "lastAccessTime" => time("atime")?,
        "creationTime" => time("ctime")?,
        _ => return Ok(None),
    }))
}
