//! Regular expressions: `re-pattern`, `re-find`, `re-matches`, `re-seq`,
//! `re-quote-replacement`, and the helpers `clojure.string` uses
//! (compiling a pattern, Java's match iteration and replacement syntax).
//!
//! A pattern is a heap object holding its source (`#"a+"`); each process
//! compiles a source once, with the `fancy-regex` crate, and keeps it in a
//! cache keyed by the source. `fancy-regex` has Java's backtracking
//! features — look-around (`(?=` `(?!` `(?<=` `(?<!`), back references
//! (`\1`, `\k<name>`), atomic groups (`(?>...)`) and possessive quantifiers
//! (`a*+`, `x{2}+`) — and hands every pattern (or part) without them to the
//! `regex` crate, so ordinary patterns keep linear-time matching. A match
//! that backtracks past the engine's limit is an error (Java would overflow
//! its stack instead). Java's syntax is translated where the two differ
//! ([`translate`]):
//!
//! - `\d \w \s` (and their negations) are ASCII, as in Java; `\b` takes
//!   any Unicode letter or digit as a word character, as Java 17's does;
//! - `\Q...\E` quotes, `\e`, `\cX`, octal `\0nn`, `\Z`, POSIX classes
//!   `\p{Alpha}` ... `\p{javaLowerCase}` become their equivalents;
//! - a `{` or `}` that is not part of a repetition is a literal;
//! - in a character class, `[:` `~~` `--` are literal characters, as in
//!   Java (the engine reads a POSIX class `[[:alpha:]]`, and class
//!   differences);
//! - the inline flags `u`, `U` and `d` are dropped (the engine is
//!   Unicode-aware anyway; `U` means something else there).
//!
//! Java's `$` also matches before a final line terminator and its `.`
//! excludes `\r`, `\u0085`, `\u2028`, `\u2029`; here `$` is the end of the
//! text and `.` excludes `\n` only.
//!
//! `re-seq` is lazy, realized 32 matches at a time (its thunk is a native
//! closure over `[pattern string position]`, so any process continues it).
//! Matchers (`re-matcher`, `(re-find m)`, `re-groups`) are in `matcher.rs`.

use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::native_registry::Args;
use crate::{FromValue, Interp};
use evelisp_heap::{Ref, Value, View};
use fancy_regex::Regex;

/// A match of a pattern and its groups.
pub(crate) type Captures<'t> = fancy_regex::Captures<'t, str>;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

natives! {
    /// The regex pattern compiled from the string s (a pattern is returned as
    /// it is).
    #[arglists = "([s])"]
    "re-pattern" => re_pattern;
    /// The first match of the regex re in the string s, or nil; with a matcher
    /// m, its next match. A match is the matched string, or a vector of it and
    /// its groups when re has groups.
    #[arglists = "([m] [re s])"]
    "re-find" => re_find;
    /// The match of the regex re against the whole of the string s (the string,
    /// or a vector of it and its groups), or nil.
    #[arglists = "([re s])"]
    "re-matches" => re_matches;
    /// The lazy seq of the successive matches of the regex re in the string s
    /// (each as re-find gives it), or nil when there are none.
    #[arglists = "([re s])"]
    "re-seq" => re_seq;
    /// Internal: the thunk of re-seq (captured [re s position]): the next
    /// matches, up to 32, then the lazy rest.
    #[arglists = "([captured])"]
    "-re-seq-step" => re_seq_step;
    /// The string replacement with its $ and backslash characters escaped, so a
    /// regex replacement inserts it literally.
    #[arglists = "([replacement])"]
    "re-quote-replacement" => re_quote_replacement;
}

/// How many compiled regexes the cache holds before it starts over (a
/// script building patterns from data cannot make it grow without bound).
const CACHE_LIMIT: usize = 4096;

/// The compiled regexes of this process, by Java source (`whole` ones are
/// anchored at both ends, for `re-matches`).
static CACHE: LazyLock<Mutex<HashMap<(String, bool), Regex>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The compiled form of the Java regex `source`, anchored at both ends when
/// `whole`; a syntax error is an `IllegalArgumentException` (as Java's
/// `PatternSyntaxException`).
pub(crate) fn compile(source: &str, whole: bool) -> EvalResult<Regex> {
    let key = (source.to_string(), whole);
    if let Some(re) = CACHE.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(re.clone());
    }
    let translated = translate(source).map_err(|m| syntax_error(source, &m))?;
    let text = if whole {
        format!(r"\A(?:{translated})\z")
    } else {
        translated
    };
    let re = Regex::new(&text).map_err(|e| syntax_error(source, &e.to_string()))?;
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if cache.len() >= CACHE_LIMIT {
        cache.clear();
    }
    cache.insert(key, re.clone());
    Ok(re)
}

fn syntax_error(source: &str, message: &str) -> EvalError {
    EvalError::new(EvalErrorKind::IllegalArgument(format!(
        "Invalid regular expression #\"{source}\": {message}"
    )))
}

/// The source of `v` if it is a pattern.
pub(crate) fn pattern_source<'a>(v: Ref<'a>) -> EvalResult<Option<&'a str>> {
    match v.view()? {
        View::Pattern(s) => Ok(Some(s)),
        _ => Ok(None),
    }
}

/// The compiled pattern `v`, or a `ClassCastException` naming `what`.
pub(crate) fn pattern_arg(v: Ref<'_>, whole: bool, what: &str) -> EvalResult<Regex> {
    match pattern_source(v)? {
        Some(src) => compile(src, whole),
        None => Err(cast("a regular expression", v, what)),
    }
}

/// A `ClassCastException`: `v` is not `expected` (in `what`); for nil a
/// `NullPointerException`, as Java's method call on null gives.
pub(crate) fn cast(expected: &str, v: Ref<'_>, what: &str) -> EvalError {
    if v.is_nil() {
        return EvalError::new(EvalErrorKind::NullPointer(format!(
            "{what}: expected {expected}, got nil"
        )));
    }
    let shown = crate::print::pr_str(v).unwrap_or_else(|_| "value".into());
    EvalError::new(EvalErrorKind::ClassCast(format!(
        "{what}: expected {expected}, got {shown}"
    )))
}

/// The string `v` (only a string), or a `ClassCastException` naming `what`.
pub(crate) fn string_arg<'a>(v: Ref<'a>, what: &str) -> EvalResult<&'a str> {
    match v.view()? {
        View::Str(s) => Ok(s),
        _ => Err(cast("a string", v, what)),
    }
}

/// Every match of `re` in `s`, as Java's `Matcher.find` loop gives them:
/// after an empty match the search goes on one character further, and an
/// empty match may follow a non-empty one. At most `limit` matches.
pub(crate) fn matches<'t>(re: &Regex, s: &'t str, limit: usize) -> EvalResult<Vec<Captures<'t>>> {
    let mut out = Vec::new();
    let mut at = 0;
    while out.len() < limit && at <= s.len() {
        let Some(caps) = captures_at(re, s, at)? else {
            break;
        };
        let Some(m) = caps.get(0) else {
            break;
        };
        at = if m.start() == m.end() {
            match s[m.end()..].chars().next() {
                Some(c) => m.end() + c.len_utf8(),
                None => s.len() + 1,
            }
        } else {
            m.end()
        };
        out.push(caps);
    }
    Ok(out)
}

/// The first match of `re` in `s` at or after byte `at`. A match that
/// backtracks past the engine's limit (a pattern with look-around or back
/// references on a hostile input) is an error, as Java's
/// `StackOverflowError` is there.
pub(crate) fn captures_at<'t>(
    re: &Regex,
    s: &'t str,
    at: usize,
) -> EvalResult<Option<Captures<'t>>> {
    re.captures_from_pos(s, at).map_err(|e| {
        EvalError::new(EvalErrorKind::IllegalState(format!(
            "regular expression #\"{}\" could not be matched: {e}",
            re.as_str()
        )))
    })
}

/// Java's `Pattern.split(s, limit)`: no leading empty piece for a
/// zero-width match at the start; limit > 0 at most that many pieces;
/// limit 0 trailing empty pieces dropped; limit < 0 all pieces.
pub(crate) fn java_split<'t>(re: &Regex, s: &'t str, limit: i64) -> EvalResult<Vec<&'t str>> {
    let mut pieces = Vec::new();
    let mut index = 0;
    let limited = limit > 0;
    let max = usize::try_from(limit).unwrap_or(0);
    for caps in matches(re, s, usize::MAX)? {
        let Some(m) = caps.get(0) else { continue };
        if !limited || pieces.len() + 1 < max {
            if index == 0 && m.start() == 0 && m.end() == 0 {
                continue;
            }
            pieces.push(&s[index..m.start()]);
            index = m.end();
        } else {
            if pieces.len() + 1 == max {
                pieces.push(&s[index..]);
                index = m.end();
            }
            break;
        }
    }
    if index == 0 {
        return Ok(vec![s]);
    }
    if !limited || pieces.len() < max {
        pieces.push(&s[index..]);
    }
    if limit == 0 {
        while pieces.last().is_some_and(|p| p.is_empty()) {
            pieces.pop();
        }
    }
    Ok(pieces)
}

/// What Clojure's `re-groups` gives for a match: the matched text when the
/// pattern has no groups, else a vector `[whole group1 ...]` (nil for a
/// group that did not take part).
pub(crate) fn groups_value<'e>(i: &Interp<'e>, caps: &Captures<'_>) -> EvalResult<Value<'e>> {
    let env = i.env();
    if caps.len() == 1 {
        let whole = caps.get(0).map_or("", |m| m.as_str());
        return Ok(env.make_string(whole)?);
    }
    let mut items = Vec::with_capacity(caps.len());
    for g in caps.iter() {
        items.push(match g {
            Some(m) => env.make_string(m.as_str())?,
            None => Value::nil(env),
        });
    }
    let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
    Ok(env.make_vector(&refs)?)
}

/// Appends Java's replacement text `repl` for the match `caps` to `out`:
/// `$n` (the longest number naming a group), `${name}`, `\x` a literal x.
pub(crate) fn expand_replacement(
    caps: &Captures<'_>,
    names: &Regex,
    repl: &str,
    out: &mut String,
) -> EvalResult<()> {
    let illegal = |m: String| EvalError::new(EvalErrorKind::IllegalArgument(m));
    let mut chars = repl.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(x) => out.push(x),
                None => return Err(illegal("character to be escaped is missing".into())),
            },
            '$' => match chars.next() {
                Some('{') => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(x) if x.is_ascii_alphanumeric() => name.push(x),
                            _ => {
                                return Err(illegal(
                                    "named capturing group is missing trailing '}'".into(),
                                ));
                            }
                        }
                    }
                    if !names.capture_names().any(|n| n == Some(name.as_str())) {
                        return Err(illegal(format!("No group with name {{{name}}}")));
                    }
                    if let Some(m) = caps.name(&name) {
                        out.push_str(m.as_str());
                    }
                }
                Some(d) if d.is_ascii_digit() => {
                    let mut n = d as usize - '0' as usize;
                    if n >= caps.len() {
                        return Err(EvalError::new(EvalErrorKind::IndexOutOfBounds(format!(
                            "No group {n}"
                        ))));
                    }
                    while let Some(&x) = chars.peek() {
                        let Some(digit) = x.to_digit(10) else { break };
                        let bigger = n * 10 + digit as usize;
                        if bigger >= caps.len() {
                            break;
                        }
                        n = bigger;
                        chars.next();
                    }
                    if let Some(m) = caps.get(n) {
                        out.push_str(m.as_str());
                    }
                }
                _ => return Err(illegal("Illegal group reference".into())),
            },
            _ => out.push(c),
        }
    }
    Ok(())
}

/// Java's `Matcher.quoteReplacement`: `\` and `$` escaped with `\`.
pub(crate) fn quote_replacement(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\\' || c == '$' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `(re-pattern s)`: the pattern of source `s` (a pattern is returned as
/// is); a syntax error is thrown here, as in Clojure.
fn re_pattern<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [s] = &args[..] else {
        return Err(arity("clojure.core/re-pattern", args.len()));
    };
    if pattern_source(s.borrowed())?.is_some() {
        return Ok(s.clone());
    }
    let src = string_arg(s.borrowed(), "re-pattern")?;
    compile(src, false)?;
    Ok(i.env().make_pattern(src)?)
}

/// `(re-find re s)`: the first match of `re` in `s` (see [`groups_value`]),
/// or nil; `(re-find m)`: the next match of matcher `m`.
fn re_find<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    // `(re-find m)` of a matcher: its next match.
    if args.len() == 1 {
        return super::matcher::find_next(i, args);
    }
    let [re, s] = &args[..] else {
        return Err(arity("clojure.core/re-find", args.len()));
    };
    let re = pattern_arg(re.borrowed(), false, "re-find")?;
    let s = string_arg(s.borrowed(), "re-find")?;
    match captures_at(&re, s, 0)? {
        Some(caps) => groups_value(i, &caps),
        None => Ok(Value::nil(i.env())),
    }
}

/// `(re-matches re s)`: the match of `re` against the whole of `s`, or nil.
fn re_matches<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [re, s] = &args[..] else {
        return Err(arity("clojure.core/re-matches", args.len()));
    };
    let re = pattern_arg(re.borrowed(), true, "re-matches")?;
    let s = string_arg(s.borrowed(), "re-matches")?;
    match captures_at(&re, s, 0)? {
        Some(caps) => groups_value(i, &caps),
        None => Ok(Value::nil(i.env())),
    }
}

/// `(re-seq re s)`: the lazy seq of the matches of `re` in `s`, in order
/// (realized 32 at a time: a lazy seq over the native closure
/// `-re-seq-step` of `[re s position]`); `()` when there is none (Clojure's
/// `re-seq` gives nil then: so does this, once read by `seq`).
fn re_seq<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [re, s] = &args[..] else {
        return Err(arity("clojure.core/re-seq", args.len()));
    };
    pattern_arg(re.borrowed(), false, "re-seq")?;
    string_arg(s.borrowed(), "re-seq")?;
    let step = re_seq_lazy(i, re.borrowed(), s.borrowed(), 0)?;
    // Realize the first chunk now, so no match gives nil as in Clojure.
    let first = i.seq_value(step.borrowed())?;
    Ok(first)
}

/// A lazy seq of the matches of `re` in `s` from byte `at`.
fn re_seq_lazy<'e>(i: &Interp<'e>, re: Ref<'_>, s: Ref<'_>, at: usize) -> EvalResult<Value<'e>> {
    let env = i.env();
    let at = env.make_int(at as i64)?;
    let captured = env.make_vector(&[re, s, at.borrowed()])?;
    let thunk = i.native_closure("-re-seq-step", captured.borrowed())?;
    Ok(env.make_lazy_seq(thunk.borrowed())?)
}

/// The thunk of `re-seq`: up to 32 matches from the captured position,
/// then the lazy rest.
fn re_seq_step<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [captured] = &args[..] else {
        return Err(arity("clojure.core/-re-seq-step", args.len()));
    };
    let c = captured.borrowed();
    let (re_v, s_v) = (c.nth(0)?, c.nth(1)?);
    let at = usize::try_from(c.nth(2)?.as_i64()?).unwrap_or(0);
    let re = pattern_arg(re_v, false, "re-seq")?;
    let s = string_arg(s_v, "re-seq")?;
    const CHUNK: usize = 32;
    let mut items = Vec::new();
    let mut pos = at;
    while items.len() < CHUNK && pos <= s.len() {
        let Some(caps) = captures_at(&re, s, pos)? else {
            pos = s.len() + 1;
            break;
        };
        let Some(m) = caps.get(0) else {
            break;
        };
        pos = if m.start() == m.end() {
            match s[m.end()..].chars().next() {
                Some(ch) => m.end() + ch.len_utf8(),
                None => s.len() + 1,
            }
        } else {
            m.end()
        };
        items.push(groups_value(i, &caps)?);
    }
    let env = i.env();
    let mut tail = if pos <= s.len() {
        re_seq_lazy(i, re_v, s_v, pos)?
    } else {
        Value::nil(env)
    };
    for x in items.into_iter().rev() {
        tail = env.seq_cons(x.borrowed(), tail.borrowed())?;
    }
    Ok(tail)
}

/// `(re-quote-replacement s)`: `s` with `\` and `$` escaped, to be used
/// literally as a replacement.
fn re_quote_replacement<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [s] = &args[..] else {
        return Err(arity("clojure.core/re-quote-replacement", args.len()));
    };
    let s = String::from_value(s.borrowed())?;
    Ok(i.env().make_string(&quote_replacement(&s))?)
}

/// The `regex` crate's spelling of the Java regex `java` (see the module
/// docs), or why it cannot be translated.
pub(crate) fn translate(java: &str) -> Result<String, String> {
    let chars: Vec<char> = java.chars().collect();
    let mut out = String::with_capacity(java.len() + 8);
    let mut depth = 0usize; // nesting of character classes
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        k += 1;
        match c {
            '\\' => {
                let Some(&e) = chars.get(k) else {
                    return Err("unexpected end of pattern after \\".into());
                };
                k += 1;
                k = escape(&chars, k, e, depth > 0, &mut out)?;
            }
            '[' => {
                depth += 1;
                out.push('[');
                if chars.get(k) == Some(&'^') {
                    out.push('^');
                    k += 1;
                }
                if chars.get(k) == Some(&']') {
                    out.push_str("\\]");
                    k += 1;
                }
                // Java has no POSIX bracket classes: `[[:alpha:]]` is a class
                // holding `:alph`. The colon written as the range `:-:` keeps
                // the engine from reading `[:alpha:]` as one.
                if chars.get(k) == Some(&':') {
                    out.push_str(":-:");
                    k += 1;
                }
            }
            // In Java `~~` and `--` in a class are literal characters (or a
            // range ending at `-`); the `regex` crate reads them as the
            // symmetric difference and difference of classes.
            '~' if depth > 0 => out.push_str("\\~"),
            '-' if depth > 0 && chars.get(k) == Some(&'-') => out.push_str("\\-"),
            ']' if depth > 0 => {
                depth -= 1;
                out.push(']');
            }
            _ if depth > 0 => out.push(c),
            '{' => match repetition(&chars, k) {
                Some(end) => {
                    out.extend(&chars[k - 1..end]);
                    k = end;
                    if chars.get(k) == Some(&'+') {
                        out.push('+');
                        k += 1;
                    }
                }
                None => out.push_str("\\{"),
            },
            '}' => out.push_str("\\}"),
            '*' | '+' | '?' => {
                out.push(c);
                // A possessive quantifier (`a*+`): kept, the engine has them.
                if chars.get(k) == Some(&'+') {
                    out.push('+');
                    k += 1;
                }
            }
            '(' if chars.get(k) == Some(&'?') => {
                k = group_flags(&chars, k, &mut out);
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

/// If `chars[k..]` (after a `{`) is `n}`, `n,}` or `n,m}`, the index after
/// the `}`.
fn repetition(chars: &[char], mut k: usize) -> Option<usize> {
    let start = k;
    while chars.get(k).is_some_and(char::is_ascii_digit) {
        k += 1;
    }
    if k == start {
        return None;
    }
    if chars.get(k) == Some(&',') {
        k += 1;
        while chars.get(k).is_some_and(char::is_ascii_digit) {
            k += 1;
        }
    }
    (chars.get(k) == Some(&'}')).then_some(k + 1)
}

/// Copies a group opening `(?...` at `chars[k] == '?'`, dropping the Java
/// flags `u`, `U`, `d` of a flag group; the index after what it copied.
fn group_flags(chars: &[char], k: usize, out: &mut String) -> usize {
    let mut end = k + 1;
    while chars
        .get(end)
        .is_some_and(|c| matches!(c, 'i' | 'm' | 's' | 'x' | 'u' | 'U' | 'd' | '-'))
    {
        end += 1;
    }
    let Some(&close) = chars.get(end) else {
        out.push_str("(?");
        return k + 1;
    };
    if end == k + 1 || !matches!(close, ')' | ':') {
        out.push_str("(?");
        return k + 1;
    }
    let kept: String = chars[k + 1..end]
        .iter()
        .filter(|c| !matches!(c, 'u' | 'U' | 'd'))
        .collect();
    let kept = kept.trim_end_matches('-');
    if close == ')' {
        if !kept.is_empty() {
            out.push_str(&format!("(?{kept})"));
        }
    } else {
        out.push_str(&format!("(?{kept}:"));
    }
    end + 1
}

/// Translates the escape `\e` (its letter at `chars[k - 1]`); the index
/// after it.
fn escape(
    chars: &[char],
    mut k: usize,
    e: char,
    in_class: bool,
    out: &mut String,
) -> Result<usize, String> {
    let class = |name: &str, out: &mut String| {
        if in_class {
            out.push_str(&format!("[:{name}:]"));
        } else {
            out.push_str(&format!("[[:{name}:]]"));
        }
    };
    match e {
        'd' => class("digit", out),
        'D' => class("^digit", out),
        'w' => class("word", out),
        'W' => class("^word", out),
        's' => class("space", out),
        'S' => class("^space", out),
        // Java 17's word boundary takes any letter or digit as a word
        // character (Unicode), as the engine's \b does.
        'b' if !in_class => out.push_str(r"\b"),
        'B' if !in_class => out.push_str(r"\B"),
        'Z' => out.push_str(r"\z"),
        'e' => out.push_str(r"\x1B"),
        'Q' => {
            while k < chars.len() {
                if chars[k] == '\\' && chars.get(k + 1) == Some(&'E') {
                    return Ok(k + 2);
                }
                literal(chars[k], out);
                k += 1;
            }
        }
        'E' => {}
        'c' => {
            let Some(&x) = chars.get(k) else {
                return Err("unexpected end of pattern after \\c".into());
            };
            out.push_str(&format!(r"\x{{{:x}}}", u32::from(x) ^ 64));
            k += 1;
        }
        '0' => {
            let mut n = 0u32;
            let mut digits = 0;
            while digits < 3 {
                match chars.get(k).and_then(|c| c.to_digit(8)) {
                    Some(d) if n * 8 + d <= 0o377 => {
                        n = n * 8 + d;
                        k += 1;
                        digits += 1;
                    }
                    _ => break,
                }
            }
            if digits == 0 {
                return Err("illegal octal escape sequence".into());
            }
            out.push_str(&format!(r"\x{{{n:x}}}"));
        }
        'p' | 'P' if chars.get(k) == Some(&'{') => {
            let Some(len) = chars[k..].iter().position(|&c| c == '}') else {
                return Err("unclosed character family".into());
            };
            let name: String = chars[k + 1..k + len].iter().collect();
            k += len + 1;
            let negated = e == 'P';
            match posix_class(&name) {
                Some(posix) => {
                    let posix = if negated {
                        format!("^{posix}")
                    } else {
                        posix.to_string()
                    };
                    class(&posix, out);
                }
                None => {
                    let name = unicode_property(&name);
                    out.push_str(&format!(r"\{e}{{{name}}}"));
                }
            }
        }
        _ if e.is_ascii_alphanumeric() => {
            out.push('\\');
            out.push(e);
        }
        _ => literal(e, out),
    }
    Ok(k)
}

/// Appends the character `c`, matched literally.
fn literal(c: char, out: &mut String) {
    if regex::escape(c.encode_utf8(&mut [0; 4])).len() > c.len_utf8() {
        out.push('\\');
        out.push(c);
    } else if c.is_alphanumeric() {
        out.push(c);
    } else {
        out.push_str(&format!(r"\x{{{:x}}}", u32::from(c)));
    }
}

/// The ASCII class of a Java POSIX class name (`Alpha` → `alpha`).
fn posix_class(name: &str) -> Option<&'static str> {
    Some(match name {
        "Lower" => "lower",
        "Upper" => "upper",
        "ASCII" => "ascii",
        "Alpha" => "alpha",
        "Digit" => "digit",
        "Alnum" => "alnum",
        "Punct" => "punct",
        "Graph" => "graph",
        "Print" => "print",
        "Blank" => "blank",
        "Cntrl" => "cntrl",
        "XDigit" => "xdigit",
        "Space" => "space",
        _ => return None,
    })
}

/// The `regex` crate's name of a Java Unicode property (`IsLatin` →
/// `Latin`, `javaLowerCase` → `Lowercase`).
fn unicode_property(name: &str) -> String {
    match name {
        "javaLowerCase" => "Lowercase".into(),
        "javaUpperCase" => "Uppercase".into(),
        "javaWhitespace" => "White_Space".into(),
        "javaLetter" => "L".into(),
        "javaDigit" => "Nd".into(),
        "javaAlphabetic" => "Alphabetic".into(),
        _ => name
            .strip_prefix("Is")
            .or_else(|| name.strip_prefix("In"))
            .unwrap_or(name)
            .to_string(),
    }
}
