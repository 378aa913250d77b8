//! The natives behind `clojure.string` (`src/clj/clojure/string.clj`),
//! defined in the helper namespace `evelisp.string` (the library's own
//! namespace must not exist before `require` loads it).
//!
//! Strings are sequences of Unicode scalar values: indices (`index-of`,
//! `last-index-of`) count characters, not UTF-16 units as Java does.
//! Whitespace is Java's `Character.isWhitespace` ([`java_whitespace`]).

use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::native_registry::Args;
use crate::native_registry::args;
use crate::natives::regex::patterns::{
    cast, compile, expand_replacement, groups_value, java_split, matches, pattern_source,
    quote_replacement, string_arg,
};
use evelisp_heap::{Ref, Value, View};
use fancy_regex::Regex;

natives! {
    /// The string s with every character in upper case.
    #[arglists = "([s])"]
    "evelisp.string/upper-case" => upper_case;
    /// The string s with every character in lower case.
    #[arglists = "([s])"]
    "evelisp.string/lower-case" => lower_case;
    /// The string s with its first character in upper case and the rest in
    /// lower case.
    #[arglists = "([s])"]
    "evelisp.string/capitalize" => capitalize;
    /// The characters of the string s in reverse order, as a string.
    #[arglists = "([s])"]
    "evelisp.string/reverse" => reverse;
    /// The string s without the whitespace at either end.
    #[arglists = "([s])"]
    "evelisp.string/trim" => trim;
    /// The string s without the whitespace at its start.
    #[arglists = "([s])"]
    "evelisp.string/triml" => triml;
    /// The string s without the whitespace at its end.
    #[arglists = "([s])"]
    "evelisp.string/trimr" => trimr;
    /// The string s without the newline and return characters at its end.
    #[arglists = "([s])"]
    "evelisp.string/trim-newline" => trim_newline;
    /// Whether s is nil, empty, or only whitespace.
    #[arglists = "([s])"]
    "evelisp.string/blank?" => blank;
    /// Whether the string s begins with substr.
    #[arglists = "([s substr])"]
    "evelisp.string/starts-with?" => starts_with;
    /// Whether the string s finishes with substr.
    #[arglists = "([s substr])"]
    "evelisp.string/ends-with?" => ends_with;
    /// Whether substr occurs in the string s.
    #[arglists = "([s substr])"]
    "evelisp.string/includes?" => includes;
    /// The character index of the first value (a string or character) in s at
    /// or after from-index, or nil.
    #[arglists = "([s value] [s value from-index])"]
    "evelisp.string/index-of" => index_of;
    /// The character index of the last value (a string or character) in s at or
    /// before from-index, or nil.
    #[arglists = "([s value] [s value from-index])"]
    "evelisp.string/last-index-of" => last_index_of;
    /// The texts (as str gives them) of the elements of items (any seqable),
    /// with the string separator between each two.
    #[arglists = "([separator items])"]
    "evelisp.string/join" => join;
    /// The string s with each character c for which (cmap c) is not nil
    /// replaced by the text of (cmap c).
    #[arglists = "([s cmap])"]
    "evelisp.string/escape" => escape;
    /// The string s with every match (a string, character or regex) replaced by
    /// replacement (a string, with $1 groups for a regex, or a fn of the
    /// match).
    #[arglists = "([s match replacement])"]
    "evelisp.string/replace" => replace;
    /// The string s with the first match (a string, character or regex)
    /// replaced by replacement, as in replace.
    #[arglists = "([s match replacement])"]
    "evelisp.string/replace-first" => replace_first;
    /// The vector of the pieces of the string s between the matches of the
    /// regex re, as Java's String.split (limit caps the pieces; trailing empty
    /// pieces dropped when it is 0).
    #[arglists = "([s re] [s re limit])"]
    "evelisp.string/split" => split;
    /// The vector of the lines of s, split at \n or \r\n, without trailing
    /// empty lines.
    #[arglists = "([s])"]
    "evelisp.string/split-lines" => split_lines;
    /// The string replacement with its $ and \ characters escaped, so replace
    /// inserts it literally.
    #[arglists = "([replacement])"]
    "evelisp.string/re-quote-replacement" => re_quote_replacement;
}

/// Java's `Character.isWhitespace`: the Unicode space, line and paragraph
/// separators except the no-break spaces, and `\t \n \u000B \f \r` and
/// `\u001C`-`\u001F`.
pub(crate) fn java_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1c}'..='\u{20}'
            | '\u{1680}'
            | '\u{2000}'..='\u{2006}'
            | '\u{2008}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// The text `str` gives for `v`, as Java's `toString`: nil → "", a
/// string or character as is, a pattern its source, anything else as
/// `pr` prints it (`[1 "x"]`).
pub(crate) fn str_of(i: &Interp<'_>, v: Ref<'_>) -> EvalResult<String> {
    let mut out = String::new();
    i.push_str_of(v, &mut out)?;
    Ok(out)
}

/// The text of `v` as Java's `toString` gives it (`(.toString s)` in
/// Clojure's clojure.string: a string as is, any other value as `str`
/// prints it), or a `NullPointerException` for nil.
pub(crate) fn to_string_arg<'a>(
    i: &Interp<'_>,
    v: Ref<'a>,
    what: &str,
) -> EvalResult<std::borrow::Cow<'a, str>> {
    match v.view()? {
        View::Str(s) => Ok(std::borrow::Cow::Borrowed(s)),
        View::Nil => Err(cast("a string", v, what)),
        _ => Ok(std::borrow::Cow::Owned(str_of(i, v)?)),
    }
}

fn string<'e>(i: &Interp<'e>, s: &str) -> EvalResult<Value<'e>> {
    Ok(i.env().make_string(s)?)
}

fn boolean<'e>(i: &Interp<'e>, b: bool) -> EvalResult<Value<'e>> {
    Ok(i.env().make_bool(b))
}

/// The single string argument of `name`.
fn one_string<'a>(name: &str, args: &'a [Value<'_>]) -> EvalResult<Ref<'a>> {
    match args {
        [s] => Ok(s.borrowed()),
        _ => Err(arity(&format!("clojure.string/{name}"), args.len())),
    }
}

/// The two arguments of `name`: the text of the first (as `toString`
/// gives it) and the second, a string.
fn two_strings<'a>(
    i: &Interp<'_>,
    name: &str,
    args: &'a [Value<'_>],
) -> EvalResult<(std::borrow::Cow<'a, str>, &'a str)> {
    match args {
        [a, b] => Ok((
            to_string_arg(i, a.borrowed(), name)?,
            string_arg(b.borrowed(), name)?,
        )),
        _ => Err(arity(&format!("clojure.string/{name}"), args.len())),
    }
}

fn upper_case<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = to_string_arg(i, one_string("upper-case", &args)?, "upper-case")?;
    string(i, &s.to_uppercase())
}

fn lower_case<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = to_string_arg(i, one_string("lower-case", &args)?, "lower-case")?;
    string(i, &s.to_lowercase())
}

fn capitalize<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = to_string_arg(i, one_string("capitalize", &args)?, "capitalize")?;
    let mut chars = s.chars();
    let out = match chars.next() {
        Some(c) => {
            let mut out: String = c.to_uppercase().collect();
            out.push_str(&chars.as_str().to_lowercase());
            out
        }
        None => String::new(),
    };
    string(i, &out)
}

fn reverse<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = string_arg(one_string("reverse", &args)?, "reverse")?;
    string(i, &s.chars().rev().collect::<String>())
}

fn trim<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = string_arg(one_string("trim", &args)?, "trim")?;
    string(i, s.trim_matches(java_whitespace))
}

fn triml<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = string_arg(one_string("triml", &args)?, "triml")?;
    string(i, s.trim_start_matches(java_whitespace))
}

fn trimr<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = string_arg(one_string("trimr", &args)?, "trimr")?;
    string(i, s.trim_end_matches(java_whitespace))
}

fn trim_newline<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = string_arg(one_string("trim-newline", &args)?, "trim-newline")?;
    string(i, s.trim_end_matches(['\n', '\r']))
}

fn blank<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = one_string("blank?", &args)?;
    if s.is_nil() {
        return boolean(i, true);
    }
    let s = string_arg(s, "blank?")?;
    boolean(i, s.chars().all(java_whitespace))
}

fn starts_with<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (s, sub) = two_strings(i, "starts-with?", &args)?;
    boolean(i, s.starts_with(sub))
}

fn ends_with<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (s, sub) = two_strings(i, "ends-with?", &args)?;
    boolean(i, s.ends_with(sub))
}

fn includes<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (s, sub) = two_strings(i, "includes?", &args)?;
    boolean(i, s.contains(sub))
}

/// The byte offset of character `index` of `s` (its length past the end).
fn byte_at(s: &str, index: usize) -> usize {
    s.char_indices().nth(index).map_or(s.len(), |(b, _)| b)
}

/// The character index of byte offset `b` of `s`.
fn char_at(s: &str, b: usize) -> usize {
    s[..b].chars().count()
}

/// The arguments of `index-of`/`last-index-of`: the string, the text
/// looked for (a string or a character) and the from-index.
fn search_args<'a>(
    i: &Interp<'_>,
    name: &str,
    args: &'a [Value<'_>],
) -> EvalResult<(std::borrow::Cow<'a, str>, String, Option<i64>)> {
    let (s, value, from) = match args {
        [s, v] => (s, v, None),
        [s, v, from] => (s, v, Some(from)),
        _ => return Err(arity(&format!("clojure.string/{name}"), args.len())),
    };
    let s = to_string_arg(i, s.borrowed(), name)?;
    let value = match value.borrowed().view()? {
        View::Str(t) => t.to_string(),
        View::Char(c) => c.to_string(),
        _ => return Err(cast("a string or character", value.borrowed(), name)),
    };
    let from = match from {
        Some(f) => match f.borrowed().view()? {
            View::Int(n) => Some(n),
            _ => return Err(cast("an integer", f.borrowed(), name)),
        },
        None => None,
    };
    Ok((s, value, from))
}

fn index_result<'e>(i: &Interp<'e>, found: Option<usize>) -> EvalResult<Value<'e>> {
    match found {
        Some(n) => Ok(i.env().make_int(n as i64)?),
        None => Ok(Value::nil(i.env())),
    }
}

fn index_of<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (s, value, from) = search_args(i, "index-of", &args)?;
    let s = &*s;
    let from = usize::try_from(from.unwrap_or(0).max(0)).unwrap_or(usize::MAX);
    let start = byte_at(s, from);
    let found = s[start..].find(&value).map(|b| char_at(s, start + b));
    index_result(i, found)
}

fn last_index_of<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (s, value, from) = search_args(i, "last-index-of", &args)?;
    let s = &*s;
    let found = match from {
        Some(f) if f < 0 => None,
        _ => {
            let from = from.map_or(usize::MAX, |f| usize::try_from(f).unwrap_or(usize::MAX));
            let end = byte_at(s, from).saturating_add(value.len()).min(s.len());
            s[..end].rfind(&value).map(|b| char_at(s, b))
        }
    };
    index_result(i, found)
}

/// `(join sep items)`: `items` a vector (the Lisp side makes one).
fn join<'e>(i: &Interp<'e>, mut args: Args<'e>) -> EvalResult<Value<'e>> {
    if args.len() != 2 {
        return Err(arity("clojure.string/join", args.len()));
    }
    // The walk takes the call's count of the items (a lazy map held by
    // nothing else is then walked without its cells).
    let items = args.pop().unwrap_or_else(|| Value::nil(i.env));
    let sep = string_arg(args[0].borrowed(), "join")?;
    let mut out = String::new();
    let mut first = true;
    // Any seqable, each element read when it is reached (no vector of
    // them all first).
    crate::natives::seqs::lazy::each_element(i, items, &mut |x| {
        if !first {
            out.push_str(sep);
        }
        first = false;
        i.push_str_of(x.borrowed(), &mut out)?;
        Ok(true)
    })?;
    string(i, &out)
}

fn escape<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [s, cmap] = &args[..] else {
        return Err(arity("clojure.string/escape", args.len()));
    };
    let s = string_arg(s.borrowed(), "escape")?;
    let env = i.env();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let r = i.apply(cmap.borrowed(), args![env.make_char(c)])?;
        if r.borrowed().is_nil() {
            out.push(c);
        } else {
            out.push_str(&str_of(i, r.borrowed())?);
        }
    }
    string(i, &out)
}

/// How a match is replaced.
enum Replacement<'a> {
    /// Java's replacement syntax (`$1`, `\$`).
    Template(&'a str),
    /// A function of the match (`re-groups`), its result as text.
    Fn(Ref<'a>),
}

/// Replaces the first `limit` matches of `re` in `s`.
fn replace_matches<'e>(
    i: &Interp<'e>,
    s: &str,
    re: &Regex,
    repl: &Replacement<'_>,
    limit: usize,
) -> EvalResult<String> {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for caps in matches(re, s, limit)? {
        let Some(m) = caps.get(0) else { continue };
        out.push_str(&s[last..m.start()]);
        match repl {
            Replacement::Template(t) => expand_replacement(&caps, re, t, &mut out)?,
            Replacement::Fn(f) => {
                let g = groups_value(i, &caps)?;
                let r = i.apply(*f, args![g])?;
                out.push_str(&str_of(i, r.borrowed())?);
            }
        }
        last = m.end();
    }
    out.push_str(&s[last..]);
    Ok(out)
}

/// `replace` (`first` false) and `replace-first`.
fn replace_impl<'e>(i: &Interp<'e>, args: &[Value<'e>], first: bool) -> EvalResult<Value<'e>> {
    let name = if first { "replace-first" } else { "replace" };
    let [s, m, r] = args else {
        return Err(arity(&format!("clojure.string/{name}"), args.len()));
    };
    let s = to_string_arg(i, s.borrowed(), name)?;
    let s = &*s;
    let limit = if first { 1 } else { usize::MAX };
    let (m, r) = (m.borrowed(), r.borrowed());
    let out = match (m.view()?, r.view()?) {
        // A string or character match: Java's `String.replace` takes a
        // string (a character) replacement; Clojure's replace-first takes
        // any value but nil, as `str` shows it (a character match: nil too).
        (View::Str(_) | View::Char(_), View::Nil)
            if !first || matches!(m.view()?, View::Str(_)) =>
        {
            return Err(EvalError::new(EvalErrorKind::NullPointer(format!(
                "clojure.string/{name} of a nil replacement"
            ))));
        }
        (View::Str(m), _) if first && !matches!(r.view()?, View::Str(_)) => {
            s.replacen(m, &str_of(i, r)?, 1)
        }
        (View::Char(m), _) if first && !matches!(r.view()?, View::Char(_)) => {
            s.replacen(m, &str_of(i, r)?, 1)
        }
        (View::Str(_), _) if !matches!(r.view()?, View::Str(_)) => {
            return Err(replacement_cast(r, "java.lang.CharSequence"));
        }
        (View::Char(_), _) if !matches!(r.view()?, View::Char(_)) => {
            return Err(replacement_cast(r, "java.lang.Character"));
        }
        (View::Str(m), View::Str(r)) if first => s.replacen(m, r, 1),
        (View::Str(m), View::Str(r)) => s.replace(m, r),
        (View::Char(m), View::Char(r)) if first => s.replacen(m, r.encode_utf8(&mut [0; 4]), 1),
        (View::Char(m), View::Char(r)) => s.replace(m, r.encode_utf8(&mut [0; 4])),
        (View::Pattern(src), View::Str(t)) => {
            let re = compile(src, false)?;
            replace_matches(i, s, &re, &Replacement::Template(t), limit)?
        }
        (View::Pattern(src), _) => {
            let re = compile(src, false)?;
            replace_matches(i, s, &re, &Replacement::Fn(r), limit)?
        }
        _ => {
            let shown = crate::print::pr_str(m).unwrap_or_else(|_| "value".into());
            return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
                "Invalid match arg: {shown}"
            ))));
        }
    };
    string(i, &out)
}

/// The `ClassCastException` of a replacement `r` that is not a `class`.
fn replacement_cast(r: Ref<'_>, class: &str) -> EvalError {
    let shown = crate::natives::host::classes::class_name(r)
        .ok()
        .flatten()
        .unwrap_or_default();
    EvalError::new(EvalErrorKind::ClassCast(format!(
        "class {shown} cannot be cast to class {class}"
    )))
}

fn replace<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    replace_impl(i, &args, false)
}

fn replace_first<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    replace_impl(i, &args, true)
}

fn pieces_vector<'e>(i: &Interp<'e>, pieces: &[&str]) -> EvalResult<Value<'e>> {
    let env = i.env();
    let items = pieces
        .iter()
        .map(|p| env.make_string(p))
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
    Ok(env.make_vector(&refs)?)
}

fn split<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (s, re, limit) = match &args[..] {
        [s, re] => (s, re, 0),
        [s, re, limit] => match limit.borrowed().view()? {
            View::Int(n) if i32::try_from(n).is_ok() => (s, re, n),
            // Converted as Clojure's reflective call does (`RT.intCast`):
            // truncated, beyond the ints an ArithmeticException.
            _ => (s, re, crate::numeric_tower::int_cast(limit.borrowed())?),
        },
        _ => return Err(arity("clojure.string/split", args.len())),
    };
    let s = string_arg(s.borrowed(), "split")?;
    let Some(src) = pattern_source(re.borrowed())? else {
        return Err(cast("a regular expression", re.borrowed(), "split"));
    };
    let re = compile(src, false)?;
    pieces_vector(i, &java_split(&re, s, limit)?)
}

fn split_lines<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = string_arg(one_string("split-lines", &args)?, "split-lines")?;
    let re = compile("\\r?\\n", false)?;
    pieces_vector(i, &java_split(&re, s, 0)?)
}

fn re_quote_replacement<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = to_string_arg(
        i,
        one_string("re-quote-replacement", &args)?,
        "re-quote-replacement",
    )?;
    string(i, &quote_replacement(&s))
}
