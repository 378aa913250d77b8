//! A file's attributes for babashka.fs (`evelisp.fs/*`): its kind, size,
//! times and POSIX permissions (read following links or not), access
//! checks (`access(2)`: what `readable?` and `executable?` ask), setting
//! the modification time and the permissions, and `FileTime` values
//! (`host_paths.rs`).

use super::java_file::{may_access, modified_millis, set_modified};
use super::{io_error, path_arg};
use crate::Interp;
use crate::error::{EvalResult, arity};
use crate::host_paths::{file_time_millis, make_file_time};
use crate::native_registry::Args;
use crate::natives::regex::patterns::cast;
use evelisp_heap::{Value, View};
use std::os::unix::fs::{MetadataExt, PermissionsExt};

natives! {
    /// The attributes of path as a record of type sun.nio.fs.UnixFileAttributes
    /// with the keys :kind :size :mtime :atime :ctime :mode :uid :gid (:kind one
    /// of :file :directory :sym-link :other, times in milliseconds, :mode the
    /// permission bits) and the methods of Java's BasicFileAttributes
    /// (.isDirectory .size .lastModifiedTime ...), following a final symbolic
    /// link if follow; nil if there is no such file.
    #[arglists = "([path follow])"]
    "evelisp.fs/-attrs" => attrs;
    /// Whether this process may access path as how (:read, :write or :execute).
    #[arglists = "([path how])"]
    "evelisp.fs/-access" => access;
    /// Sets the modification time of path to millis since the epoch; path.
    #[arglists = "([path millis])"]
    "evelisp.fs/-set-mtime" => set_mtime;
    /// Sets the permission bits of path to mode; path.
    #[arglists = "([path mode])"]
    "evelisp.fs/-set-mode" => set_mode;
    /// The FileTime of millis since the epoch.
    #[arglists = "([millis])"]
    "evelisp.fs/millis->file-time" => millis_to_file_time;
    /// The milliseconds since the epoch of the FileTime ft.
    #[arglists = "([ft])"]
    "evelisp.fs/file-time->millis" => file_time_to_millis;
    /// Whether x is a FileTime.
    #[arglists = "([x])"]
    "evelisp.fs/file-time?" => is_file_time;
}

fn attrs<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [p, follow] = &args[..] else {
        return Err(arity("evelisp.fs/-attrs", args.len()));
    };
    let path = path_arg(p.borrowed(), "attributes")?;
    let path = if path.is_empty() { "." } else { path };
    let follow = !matches!(follow.borrowed().view()?, View::Nil | View::Bool(false));
    let meta = if follow {
        std::fs::metadata(path)
    } else {
        std::fs::symlink_metadata(path)
    };
    let env = i.env();
    let meta = match meta {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Value::nil(env)),
        // A path through a file (`a.txt/b`) is no file either.
        Err(e) if e.raw_os_error() == Some(20) => return Ok(Value::nil(env)),
        Err(e) => return Err(io_error(path, &e)),
    };
    let ft = meta.file_type();
    let kind = if ft.is_symlink() {
        "sym-link"
    } else if ft.is_dir() {
        "directory"
    } else if ft.is_file() {
        "file"
    } else {
        "other"
    };
    let mtime = modified_millis(&meta);
    let atime = meta.atime() * 1000 + meta.atime_nsec() / 1_000_000;
    let ctime = match meta.created() {
        Ok(t) => match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_millis() as i64,
            Err(_) => mtime,
        },
        Err(_) => mtime,
    };
    let mut m = env.empty_map()?;
    let mut put = |k: &str, v: Value<'_>| -> EvalResult<()> {
        let key = env.intern_keyword(None, k)?;
        m = env.assoc(m.borrowed(), key.borrowed(), v.borrowed())?;
        Ok(())
    };
    put("kind", env.intern_keyword(None, kind)?)?;
    put("size", env.make_int(meta.len() as i64)?)?;
    put("mtime", env.make_int(mtime)?)?;
    put("atime", env.make_int(atime)?)?;
    put("ctime", env.make_int(ctime)?)?;
    put("mode", env.make_int(i64::from(meta.mode() & 0o7777))?)?;
    put("uid", env.make_int(i64::from(meta.uid()))?)?;
    put("gid", env.make_int(i64::from(meta.gid()))?)?;
    Ok(crate::host_paths::make_attributes(env, m.borrowed())?)
}

fn access<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    use rustix::fs::Access;
    let [p, how] = &args[..] else {
        return Err(arity("evelisp.fs/-access", args.len()));
    };
    let path = path_arg(p.borrowed(), "access")?;
    let how = match how.borrowed().view()? {
        View::Keyword { name: "read", .. } => Access::READ_OK,
        View::Keyword { name: "write", .. } => Access::WRITE_OK,
        View::Keyword {
            name: "execute", ..
        } => Access::EXEC_OK,
        _ => Access::EXISTS,
    };
    Ok(i.env().make_bool(may_access(path, how)))
}

fn set_mtime<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [p, t] = &args[..] else {
        return Err(arity("evelisp.fs/-set-mtime", args.len()));
    };
    let path = path_arg(p.borrowed(), "set-last-modified-time")?;
    let millis = match file_time_millis(t.borrowed())? {
        Some(ms) => ms,
        None => t.borrowed().as_i64()?,
    };
    set_modified(path, millis).map_err(|e| io_error(path, &e))?;
    let _ = i;
    Ok(p.clone())
}

fn set_mode<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [p, mode] = &args[..] else {
        return Err(arity("evelisp.fs/-set-mode", args.len()));
    };
    let path = path_arg(p.borrowed(), "set-posix-file-permissions")?;
    let mode = u32::try_from(mode.borrowed().as_i64()?).unwrap_or(0) & 0o7777;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(|e| io_error(path, &e))?;
    let _ = i;
    Ok(p.clone())
}

fn millis_to_file_time<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [ms] = &args[..] else {
        return Err(arity("evelisp.fs/millis->file-time", args.len()));
    };
    Ok(make_file_time(i.env(), ms.borrowed().as_i64()?)?)
}

fn file_time_to_millis<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [ft] = &args[..] else {
        return Err(arity("evelisp.fs/file-time->millis", args.len()));
    };
    match file_time_millis(ft.borrowed())? {
        Some(ms) => Ok(i.env().make_int(ms)?),
        None => Err(cast("a FileTime", ft.borrowed(), "file-time->millis")),
    }
}

fn is_file_time<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [x] = &args[..] else {
        return Err(arity("evelisp.fs/file-time?", args.len()));
    };
    let yes = matches!(x.borrowed().view()?, View::Map { .. })
        && file_time_millis(x.borrowed())?.is_some();
    Ok(i.env().make_bool(yes))
}
