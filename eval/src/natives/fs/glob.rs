//! Java's glob syntax (`FileSystem.getPathMatcher("glob:...")`) as a
//! regex, for babashka.fs's `glob` and `match`: `*` any characters of one
//! name, `**` any characters across names, `?` one character of a name,
//! `{a,b}` either (not nested), `[abc]`, `[a-z]`, `[!a]` one character of
//! a name, `\` quotes the next character. A malformed pattern is an error
//! naming the pattern and the offset, as Java's `PatternSyntaxException`.

use crate::Interp;
use crate::error::{EvalError, EvalErrorKind, EvalResult, arity};
use crate::native_registry::Args;
use crate::natives::regex::patterns::string_arg;
use evelisp_heap::Value;

natives! {
    /// The regex (Java syntax, as a string) that matches the paths the glob
    /// pattern matches.
    #[arglists = "([pattern])"]
    "evelisp.fs/glob->regex" => glob_regex;
}

/// A `PatternSyntaxException`-like error at `at` in `glob`.
fn syntax(what: &str, glob: &str, at: usize) -> EvalError {
    EvalError::new(EvalErrorKind::IllegalArgument(format!(
        "{what} near index {at}\n{glob}"
    )))
}

/// Whether `c` means something in a regex.
fn regex_meta(c: char) -> bool {
    ".^$+{[]|()\\*?".contains(c)
}

/// The regex matching what `glob` matches.
pub(crate) fn glob_to_regex(glob: &str) -> EvalResult<String> {
    let chars: Vec<char> = glob.chars().collect();
    let mut out = String::from("^");
    let mut in_group = false;
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        k += 1;
        match c {
            '\\' => {
                let Some(&next) = chars.get(k) else {
                    return Err(syntax("No character to escape", glob, k - 1));
                };
                k += 1;
                if regex_meta(next) {
                    out.push('\\');
                }
                out.push(next);
            }
            '/' => out.push('/'),
            '[' => {
                // One character of a name: a negated class leaves out `/`
                // too (Java intersects the class with `[^/]`).
                out.push('[');
                let mut negated = false;
                if chars.get(k) == Some(&'^') {
                    out.push_str("\\^");
                    k += 1;
                } else {
                    if chars.get(k) == Some(&'!') {
                        out.push('^');
                        negated = true;
                        k += 1;
                    }
                    if chars.get(k) == Some(&'-') {
                        out.push('-');
                        k += 1;
                    }
                }
                let mut closed = false;
                let mut last: Option<char> = None;
                let mut in_range = false;
                while k < chars.len() {
                    let c = chars[k];
                    k += 1;
                    if c == ']' {
                        closed = true;
                        break;
                    }
                    if c == '/' {
                        return Err(syntax("Explicit 'name separator' in class", glob, k - 1));
                    }
                    if c == '\\' || c == '[' || (c == '&' && chars.get(k) == Some(&'&')) {
                        out.push('\\');
                    }
                    out.push(c);
                    if c == '-' {
                        if last.is_none() {
                            return Err(syntax("Invalid range", glob, k - 1));
                        }
                        in_range = true;
                        match chars.get(k) {
                            Some(&']') | None => {}
                            Some(&hi) if last.is_some_and(|lo| hi < lo) => {
                                return Err(syntax("Invalid range", glob, k));
                            }
                            _ => {}
                        }
                    } else {
                        last = if in_range { None } else { Some(c) };
                        in_range = false;
                    }
                }
                if !closed {
                    return Err(syntax("Missing ']'", glob, k.saturating_sub(1)));
                }
                if negated {
                    out.push('/');
                }
                out.push(']');
            }
            '{' => {
                if in_group {
                    return Err(syntax("Cannot nest groups", glob, k - 1));
                }
                out.push_str("(?:(?:");
                in_group = true;
            }
            '}' if in_group => {
                out.push_str("))");
                in_group = false;
            }
            ',' if in_group => out.push_str(")|(?:"),
            '*' if chars.get(k) == Some(&'*') => {
                out.push_str(".*");
                k += 1;
            }
            '*' => out.push_str("[^/]*"),
            '?' => out.push_str("[^/]"),
            c => {
                if regex_meta(c) {
                    out.push('\\');
                }
                out.push(c);
            }
        }
    }
    if in_group {
        return Err(syntax("Missing '}'", glob, glob.len().saturating_sub(1)));
    }
    out.push('$');
    Ok(out)
}

fn glob_regex<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [p] = &args[..] else {
        return Err(arity("evelisp.fs/glob->regex", args.len()));
    };
    let glob = string_arg(p.borrowed(), "glob")?;
    Ok(i.env().make_string(&glob_to_regex(glob)?)?)
}

#[cfg(test)]
mod tests {
    use super::glob_to_regex;

    #[test]
    fn translates_java_glob_syntax() {
        assert_eq!(
            glob_to_regex("*.clj").ok().as_deref(),
            Some("^[^/]*\\.clj$")
        );
        assert_eq!(glob_to_regex("**/a?").ok().as_deref(), Some("^.*/a[^/]$"));
        assert_eq!(
            glob_to_regex("{a,b}").ok().as_deref(),
            Some("^(?:(?:a)|(?:b))$")
        );
        assert_eq!(glob_to_regex("[!a-c]").ok().as_deref(), Some("^[^a-c/]$"));
        assert_eq!(glob_to_regex("[x-z]?").ok().as_deref(), Some("^[x-z][^/]$"));
        assert!(glob_to_regex("{a,{b}}").is_err());
        assert!(glob_to_regex("[a").is_err());
        assert!(glob_to_regex("a{b").is_err());
    }
}
