//! Files and paths: `java.io.File` and `java.nio.file.Path` values (records,
//! `host_paths.rs`) and their methods (`java_file.rs`), and the natives
//! under babashka.fs (`evelisp.fs/*`): path text (`path_ops.rs`), the
//! file system — attributes, directories, copies, temp files, bytes
//! (`tree.rs`, `attributes.rs`) — and Java's glob syntax (`glob.rs`).
//!
//! Every failure is an `IOException` whose message names the path, as
//! Java's do; a file name that is not UTF-8 is an error naming its
//! directory (evelisp's paths are strings).

pub(crate) mod attributes;
pub(crate) mod glob;
pub(crate) mod java_file;
pub(crate) mod path_ops;
pub(crate) mod tree;

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::host_paths::any_path_text;
use crate::natives::regex::patterns::cast;
use evelisp_heap::Ref;
use std::ffi::OsStr;

/// An `IOException` about `path`: `"path (reason)"`, as Java's.
pub(crate) fn io_error(path: &str, e: &std::io::Error) -> EvalError {
    let text = e.to_string();
    let reason = match text.find(" (os error") {
        Some(at) => &text[..at],
        None => &text,
    };
    EvalError::new(EvalErrorKind::Io(format!("{path} ({reason})")))
}

/// Writes `bytes` to the file at `path`, created if missing, after what it
/// holds when `append`, else in its place.
pub(crate) fn write_file(path: &str, bytes: &[u8], append: bool) -> EvalResult<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .append(append)
        .truncate(!append)
        .open(path)
        .map_err(|e| io_error(path, &e))?;
    file.write_all(bytes).map_err(|e| io_error(path, &e))
}

/// An `IOException` about `path` with `reason`.
pub(crate) fn io_fail(path: &str, reason: &str) -> EvalError {
    EvalError::new(EvalErrorKind::Io(format!("{path} ({reason})")))
}

/// The path `v` names: a string, a `File` or a `Path`; else a
/// `ClassCastException` naming `what`.
pub(crate) fn path_arg<'a>(v: Ref<'a>, what: &str) -> EvalResult<&'a str> {
    match any_path_text(v)? {
        Some(p) => Ok(p),
        None => Err(cast("a file, path or string", v, what)),
    }
}

/// The text of the file name `name` found in directory `dir`, or an error
/// naming both when it is not UTF-8.
pub(crate) fn name_text<'a>(dir: &str, name: &'a OsStr) -> EvalResult<&'a str> {
    name.to_str().ok_or_else(|| {
        io_fail(
            &format!("{dir}/{}", name.to_string_lossy()),
            "file name is not valid UTF-8; evelisp's paths are strings",
        )
    })
}

/// `parent` and `child` joined as Java's `new File(parent, child)` does on
/// Unix (`child` is normalized; an empty parent stands for the root).
pub(crate) fn join_file(parent: &str, child: &str) -> String {
    let child = crate::host_paths::normalize_path(child);
    let parent = crate::host_paths::normalize_path(parent);
    let parent = if parent.is_empty() { "/" } else { &parent };
    if child.is_empty() {
        parent.to_string()
    } else if parent == "/" {
        if child.starts_with('/') {
            child
        } else {
            format!("/{child}")
        }
    } else if child.starts_with('/') {
        format!("{parent}{child}")
    } else {
        format!("{parent}/{child}")
    }
}

/// `other` resolved against `base` as Java's `Path.resolve`: an absolute
/// `other` replaces `base`, an empty one leaves it.
pub(crate) fn resolve_path(base: &str, other: &str) -> String {
    if other.starts_with('/') || base.is_empty() {
        other.to_string()
    } else if other.is_empty() {
        base.to_string()
    } else if base.ends_with('/') {
        format!("{base}{other}")
    } else {
        format!("{base}/{other}")
    }
}

/// The current directory's path, or an `IOException`.
pub(crate) fn current_dir() -> EvalResult<String> {
    let cwd = std::env::current_dir().map_err(|e| io_error(".", &e))?;
    match cwd.to_str() {
        Some(s) => Ok(s.to_string()),
        None => Err(io_fail(
            &cwd.to_string_lossy(),
            "current directory is not valid UTF-8",
        )),
    }
}

/// `path` made absolute against the current directory (not normalized).
pub(crate) fn absolute(path: &str) -> EvalResult<String> {
    if path.starts_with('/') {
        Ok(path.to_string())
    } else {
        Ok(resolve_path(&current_dir()?, path))
    }
}

/// `path` with `.` and `..` taken away lexically (Java's `normalize`).
pub(crate) fn normalize_dots(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            _ => parts.push(part),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Java's `File.getCanonicalPath`: absolute, `.` and `..` resolved, and
/// the symbolic links of the part that exists followed; the rest kept.
pub(crate) fn canonical(path: &str) -> EvalResult<String> {
    let abs = normalize_dots(&absolute(path)?);
    let mut existing = std::path::PathBuf::from(&abs);
    let mut rest: Vec<String> = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(&existing) {
            let mut out = match real.to_str() {
                Some(s) => s.to_string(),
                None => return Err(io_fail(&abs, "path is not valid UTF-8")),
            };
            for r in rest.iter().rev() {
                out = resolve_path(&out, r);
            }
            return Ok(out);
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_string_lossy().into_owned());
                existing = parent.to_path_buf();
            }
            _ => return Ok(abs),
        }
    }
}
