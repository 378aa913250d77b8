//! Regex matchers: `re-matcher`, `re-find` of a matcher (each call finds
//! the next match) and `re-groups` (the groups of the last match), as
//! Java's `Matcher` serves them in Clojure.
//!
//! A matcher is a process-local host object (`crate::host_objects`, family
//! `Matcher`), as Java's is a mutable object of one JVM: its state (the
//! pattern's source, the text, where the next search starts, the last
//! match's groups) lives in this process's table, never in the env file;
//! storing one in a var or an atom is refused like any host object. It
//! prints as Java's `toString`:
//! `#object[java.util.regex.Matcher 0x.. "java.util.regex.Matcher[pattern=a+ region=0,3 lastmatch=]"]`.

use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::host_objects::{Family, MatcherState, Stream, lock, lookup, register};
use crate::native_registry::Args;
use crate::natives::regex::patterns::{cast, compile, pattern_source, string_arg};
use evelisp_heap::{Ref, Value};

natives! {
    /// A matcher of the regex re over the string s, for re-find and re-groups.
    #[arglists = "([re s])"]
    "re-matcher" => re_matcher;
    /// The groups of the last match of the matcher m: the matched string, or a
    /// vector of it and its groups; an error when m has not matched.
    #[arglists = "([m])"]
    "re-groups" => re_groups;
}

impl std::fmt::Display for MatcherState {
    /// Java's `Matcher.toString`: the region is in UTF-16 units.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let last = self
            .groups
            .as_ref()
            .and_then(|g| g.first().cloned().flatten())
            .unwrap_or_default();
        write!(
            f,
            "java.util.regex.Matcher[pattern={} region=0,{} lastmatch={last}]",
            self.source,
            self.text.encode_utf16().count()
        )
    }
}

/// Whether `m` is a matcher (a live host object of the matcher family).
pub(crate) fn is_matcher(m: Ref<'_>) -> bool {
    crate::host_objects::family_of(m.word()) == Some(Family::Matcher)
}

/// `(re-find m)` of matcher `m` (called by `re-find`).
pub(crate) fn find_next<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [m] = &args[..] else {
        return Err(arity("clojure.core/re-find", args.len()));
    };
    with_state(m.borrowed(), "re-find", |st| {
        let re = compile(&st.source, false)?;
        let found = if st.pos <= st.text.len() {
            super::patterns::captures_at(&re, &st.text, st.pos)?.map(|caps| {
                let m0 = caps
                    .get(0)
                    .map_or((st.pos, st.pos), |m| (m.start(), m.end()));
                let groups: Vec<Option<String>> = caps
                    .iter()
                    .map(|g| g.map(|g| g.as_str().to_string()))
                    .collect();
                (m0, groups)
            })
        } else {
            None
        };
        match found {
            Some(((start, end), groups)) => {
                // After an empty match the next search starts one character
                // further, as Java's `find`.
                st.pos = if start == end {
                    st.text[end..]
                        .chars()
                        .next()
                        .map_or(st.text.len() + 1, |c| end + c.len_utf8())
                } else {
                    end
                };
                st.groups = Some(groups);
            }
            None => {
                st.pos = st.text.len() + 1;
                st.groups = None;
            }
        }
        Ok(())
    })?;
    groups_of(i, m.borrowed()).map(|g| g.unwrap_or_else(|| Value::nil(i.env())))
}

/// Runs `f` on the state of matcher `m` (`what` names the caller in the
/// error for a value that is not a matcher).
fn with_state<T>(
    m: Ref<'_>,
    what: &str,
    f: impl FnOnce(&mut MatcherState) -> EvalResult<T>,
) -> EvalResult<T> {
    if !is_matcher(m) {
        return Err(cast("a matcher", m, what));
    }
    let found = lookup(m.word())?;
    let mut s = lock(&found.stream);
    match &mut *s {
        Stream::Matcher(st) => f(st),
        _ => Err(cast("a matcher", m, what)),
    }
}

/// `(re-matcher re s)`: a matcher of `re` over string `s`.
fn re_matcher<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [re, s] = &args[..] else {
        return Err(arity("clojure.core/re-matcher", args.len()));
    };
    let Some(source) = pattern_source(re.borrowed())? else {
        return Err(cast("a regular expression", re.borrowed(), "re-matcher"));
    };
    // Compiled now, so a bad pattern fails here (and is cached for finds).
    compile(source, false)?;
    let text = string_arg(s.borrowed(), "re-matcher")?;
    let state = MatcherState {
        source: source.to_string(),
        text: text.to_string(),
        pos: 0,
        groups: None,
    };
    let w = register(
        "java.util.regex.Matcher",
        Family::Matcher,
        Stream::Matcher(Box::new(state)),
    )?;
    Ok(Value::immediate(i.env(), w).unwrap_or_else(|| Value::nil(i.env())))
}

/// The groups value of matcher `m`'s last match: the matched string, or a
/// vector of it and its groups (nil for a group that did not take part).
fn groups_of<'e>(i: &Interp<'e>, m: Ref<'_>) -> EvalResult<Option<Value<'e>>> {
    let groups = with_state(m, "re-groups", |st| Ok(st.groups.clone()))?;
    let Some(groups) = groups else {
        return Ok(None);
    };
    let env = i.env();
    if groups.len() == 1 {
        return Ok(Some(env.make_string(groups[0].as_deref().unwrap_or(""))?));
    }
    let mut items = Vec::with_capacity(groups.len());
    for g in &groups {
        items.push(match g {
            Some(s) => env.make_string(s)?,
            None => Value::nil(env),
        });
    }
    let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
    Ok(Some(env.make_vector(&refs)?))
}

/// `(re-groups m)`: the groups of matcher `m`'s last match (an
/// IllegalStateException when it has none).
fn re_groups<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [m] = &args[..] else {
        return Err(arity("clojure.core/re-groups", args.len()));
    };
    match groups_of(i, m.borrowed())? {
        Some(g) => Ok(g),
        None => Err(EvalError::new(EvalErrorKind::IllegalState(
            "No match found".into(),
        ))),
    }
}
