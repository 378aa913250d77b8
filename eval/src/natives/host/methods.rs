//! The fixed table of host methods that `(.method target args...)` calls
//! (the expander rewrites it to `(evelisp.interop/invoke "method" target
//! args...)`): the `java.lang.String` methods scripts use most, and
//! `toString`/`equals`/`hashCode` on any value. Not general interop: a
//! method outside the table is an `IllegalArgumentException` naming it.
//!
//! | on | methods |
//! |---|---|
//! | strings | `length isEmpty isBlank toUpperCase toLowerCase trim strip stripLeading stripTrailing repeat startsWith endsWith contains indexOf lastIndexOf substring charAt split replace replaceAll replaceFirst matches equals equalsIgnoreCase compareTo concat` |
//! | files (`java.io.File` values, and path strings) and paths (`java.nio.file.Path` values) | see `natives/fs/java_file.rs` (`listFiles` gives a vector of files, sorted by name) |
//! | errors (what `catch` binds) | `getMessage getLocalizedMessage getCause getData` (as `ex-message`, `ex-cause`, `ex-data`) |
//! | symbols, and classes (the symbols naming them) | `getName getNamespace getSimpleName getCanonicalName` |
//! | any value | `toString equals hashCode` |
//!
//! Indices count characters (Unicode scalar values). `split` takes a regex
//! (as Java) and gives a vector, trailing empty strings removed.

use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::native_registry::Args;
use crate::native_registry::Native;
use crate::native_registry::args;
use crate::natives::collections::persistent;
use crate::natives::fs::java_file;
use crate::natives::language::{ex_cause, ex_data, ex_message};
use crate::natives::regex::patterns::compile;
use crate::{FromValue, Interp};
use evelisp_heap::{Value, View};

natives! {
    /// Calls the host method named by the string method on target with args
    /// (what (.method target args) expands to), from evelisp's fixed table of
    /// methods of strings, numbers, characters, collections, errors and files.
    #[arglists = "([method target & args])"]
    "evelisp.interop/invoke" => invoke;
}

fn no_method(method: &str, target: &Value<'_>) -> EvalError {
    let class = match target.borrowed().view() {
        Ok(View::Str(_)) => "java.lang.String",
        Ok(View::Host(_)) => crate::host_objects::class_name(target.word()),
        _ => "this value",
    };
    EvalError::new(EvalErrorKind::IllegalArgument(format!(
        "No method .{method} for {class} (evelisp has a fixed table of host methods)"
    )))
}

fn bad_index(i: i64, len: usize) -> EvalError {
    EvalError::new(EvalErrorKind::IndexOutOfBounds(format!(
        "index {i} out of bounds for length {len}"
    )))
}

/// A string or character argument as text.
fn text_arg(v: &Value<'_>) -> EvalResult<String> {
    match v.borrowed().view()? {
        View::Char(c) => Ok(c.to_string()),
        _ => String::from_value(v.borrowed()),
    }
}

/// Java's `indexOf`/`lastIndexOf` in characters.
fn char_index(s: &str, byte: Option<usize>) -> i64 {
    byte.map_or(-1, |b| s[..b].chars().count() as i64)
}

/// The byte offset of character `i` of `s` (`i` ≤ length).
fn byte_at(s: &str, i: usize) -> usize {
    s.char_indices().nth(i).map_or(s.len(), |(b, _)| b)
}

/// Java's `Character.isWhitespace`: Unicode white space except the
/// no-break spaces (what `strip` and `isBlank` remove).
fn java_whitespace(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// Whether `v` is an error value (what `ex-info` makes and `catch` binds:
/// a map with the key `:evelisp.ex/class`).
fn is_error(i: &Interp<'_>, v: &Value<'_>) -> EvalResult<bool> {
    let v = v.borrowed();
    if !matches!(v.view()?, View::Map { .. }) {
        return Ok(false);
    }
    let class = i.env().intern_keyword(Some("evelisp.ex"), "class")?;
    Ok(v.get(class.borrowed())?.is_some())
}

/// `(evelisp.interop/invoke "method" target args...)`.
fn invoke<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [method, target, rest @ ..] = &args[..] else {
        return Err(arity("evelisp.interop/invoke", args.len()));
    };
    let method = String::from_value(method.borrowed())?;
    let env = i.env();
    // Methods of every value.
    match (method.as_str(), rest) {
        ("toString", []) => {
            let mut out = String::new();
            i.push_str_of(target.borrowed(), &mut out)?;
            return Ok(env.make_string(&out)?);
        }
        ("equals", [other]) => {
            return Ok(env.make_bool(target.borrowed().equals(other.borrowed())?));
        }
        ("hashCode", []) => return Ok(env.make_int(i64::from(target.borrowed().hash()?))?),
        _ => {}
    }
    // A file or path value (`host_paths.rs`): `java.io.File`'s and
    // `java.nio.file.Path`'s methods.
    if matches!(target.borrowed().view()?, View::Map { .. })
        && let Some(v) = java_file::method_of(i, &method, target, rest)?
    {
        return Ok(v);
    }
    // Fields of a record or type: (.-x r) and (.x r).
    if rest.is_empty()
        && let Some(basis) = target.borrowed().record_basis()?
    {
        let field = method.strip_prefix('-').unwrap_or(&method);
        let key = env.intern_keyword(None, field)?;
        if basis
            .elements()?
            .any(|k| k.is_ok_and(|k| k.word() == key.word()))
        {
            return persistent::get(i, args![target.clone(), key]);
        }
    }
    // Methods of errors (`Throwable`, and `ExceptionInfo`'s `getData`).
    let part: Option<Native> = match method.as_str() {
        "getMessage" | "getLocalizedMessage" => Some(ex_message),
        "getCause" => Some(ex_cause),
        "getData" => Some(ex_data),
        _ => None,
    };
    if let (Some(part), []) = (part, rest)
        && is_error(i, target)?
    {
        return part(i, args![target.clone()]);
    }
    // Methods of symbols, and of classes (evelisp's classes are the
    // symbols naming them): `getName`, `getNamespace`, `getSimpleName`.
    if let View::Symbol { ns, name } = target.borrowed().view()?
        && rest.is_empty()
    {
        match method.as_str() {
            "getName" | "getCanonicalName" => return Ok(env.make_string(name)?),
            "getNamespace" => {
                return match ns {
                    Some(ns) => Ok(env.make_string(ns)?),
                    None => Ok(Value::nil(env)),
                };
            }
            "getSimpleName" => {
                return Ok(env.make_string(name.rsplit('.').next().unwrap_or(name))?);
            }
            _ => {}
        }
    }
    if target.word().as_host().is_some() {
        return match super::objects::invoke(i, &method, target, rest)? {
            Some(v) => Ok(v),
            None => Err(no_method(&method, target)),
        };
    }
    if let Some(v) = crate::natives::uuid_inst::method(i, &method, target, rest)? {
        return Ok(v);
    }
    let View::Str(s) = target.borrowed().view()? else {
        return Err(no_method(&method, target));
    };
    // A string is a file's path too (`length` is the string's).
    if method != "length"
        && let Some(v) = java_file::file_method(i, &method, s, rest)?
    {
        return Ok(v);
    }
    let chars = || s.chars().count();
    let int = |v: &Value<'e>| i64::from_value(v.borrowed());
    let string = |t: &str| -> EvalResult<Value<'e>> { Ok(env.make_string(t)?) };
    Ok(match (method.as_str(), rest) {
        ("length", []) => env.make_int(chars() as i64)?,
        ("isEmpty", []) => env.make_bool(s.is_empty()),
        ("getBytes", []) => crate::natives::fs::tree::byte_array(i, s.as_bytes())?,
        ("getBytes", [cs]) if text_arg(cs)?.eq_ignore_ascii_case("UTF-8") => {
            crate::natives::fs::tree::byte_array(i, s.as_bytes())?
        }
        ("toUpperCase", []) => string(&s.to_uppercase())?,
        ("toLowerCase", []) => string(&s.to_lowercase())?,
        ("trim", []) => string(s.trim_matches(|c: char| c <= ' '))?,
        ("strip", []) => string(s.trim_matches(java_whitespace))?,
        ("stripLeading", []) => string(s.trim_start_matches(java_whitespace))?,
        ("stripTrailing", []) => string(s.trim_end_matches(java_whitespace))?,
        ("isBlank", []) => env.make_bool(s.chars().all(java_whitespace)),
        ("repeat", [n]) => {
            let n = int(n)?;
            let count = usize::try_from(n).map_err(|_| {
                EvalError::new(EvalErrorKind::IllegalArgument(format!(
                    "count is negative: {n}"
                )))
            })?;
            string(&s.repeat(count))?
        }
        ("startsWith", [p]) => env.make_bool(s.starts_with(text_arg(p)?.as_str())),
        ("endsWith", [p]) => env.make_bool(s.ends_with(text_arg(p)?.as_str())),
        ("contains", [p]) => env.make_bool(s.contains(text_arg(p)?.as_str())),
        ("indexOf", [p]) => env.make_int(char_index(s, s.find(text_arg(p)?.as_str())))?,
        ("indexOf", [p, from]) => {
            let from = int(from)?.max(0) as usize;
            let start = byte_at(s, from.min(chars()));
            let found = s[start..].find(text_arg(p)?.as_str()).map(|b| b + start);
            env.make_int(char_index(s, found))?
        }
        ("lastIndexOf", [p]) => env.make_int(char_index(s, s.rfind(text_arg(p)?.as_str())))?,
        ("substring", [from]) => {
            let from_i = int(from)?;
            if from_i < 0 || from_i as usize > chars() {
                return Err(bad_index(from_i, chars()));
            }
            string(&s[byte_at(s, from_i as usize)..])?
        }
        ("substring", [from, to]) => {
            let (from_i, to_i) = (int(from)?, int(to)?);
            if from_i < 0 || to_i < from_i || to_i as usize > chars() {
                return Err(bad_index(to_i, chars()));
            }
            string(&s[byte_at(s, from_i as usize)..byte_at(s, to_i as usize)])?
        }
        ("charAt", [at]) => {
            let at = int(at)?;
            let c = usize::try_from(at)
                .ok()
                .and_then(|n| s.chars().nth(n))
                .ok_or_else(|| bad_index(at, chars()))?;
            env.make_char(c)
        }
        ("split", [re]) => {
            let re = compile(&String::from_value(re.borrowed())?, false)?;
            let parts = crate::natives::regex::patterns::java_split(&re, s, 0)?;
            let parts = parts
                .into_iter()
                .map(|p| env.make_string(p))
                .collect::<Result<Vec<_>, _>>()?;
            let refs: Vec<_> = parts.iter().map(Value::borrowed).collect();
            env.make_vector(&refs)?
        }
        ("replace", [from, to]) => string(&s.replace(text_arg(from)?.as_str(), &text_arg(to)?))?,
        ("replaceAll", [re, to]) => string(&replace_java(s, re, to, usize::MAX)?)?,
        ("replaceFirst", [re, to]) => string(&replace_java(s, re, to, 1)?)?,
        ("matches", [re]) => {
            let re = compile(&String::from_value(re.borrowed())?, true)?;
            env.make_bool(crate::natives::regex::patterns::captures_at(&re, s, 0)?.is_some())
        }
        ("equalsIgnoreCase", [other]) => env.make_bool(
            other
                .borrowed()
                .as_str()
                .is_ok_and(|o| o.to_lowercase() == s.to_lowercase()),
        ),
        ("compareTo", [other]) => env.make_int(crate::compare::compare_values(
            target.borrowed(),
            other.borrowed(),
        )?)?,
        ("concat", [other]) => string(&format!("{s}{}", String::from_value(other.borrowed())?))?,
        _ => return Err(no_method(&method, target)),
    })
}

/// `s` with the first `limit` matches of regex `re` replaced by `to`, whose
/// `$1`/`${name}` refer to groups (Java's `replaceAll`/`replaceFirst`).
fn replace_java(s: &str, re: &Value<'_>, to: &Value<'_>, limit: usize) -> EvalResult<String> {
    let re = compile(&String::from_value(re.borrowed())?, false)?;
    let to = String::from_value(to.borrowed())?;
    let mut out = String::new();
    let mut last = 0;
    for caps in crate::natives::regex::patterns::matches(&re, s, limit)? {
        let Some(whole) = caps.get(0) else { continue };
        out.push_str(&s[last..whole.start()]);
        crate::natives::regex::patterns::expand_replacement(&caps, &re, &to, &mut out)?;
        last = whole.end();
    }
    out.push_str(&s[last..]);
    Ok(out)
}
