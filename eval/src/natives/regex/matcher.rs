//! Regex matchers: `re-matcher`, `re-find` of a matcher (each call finds
//! the next match) and `re-groups` (the groups of the last match), as
//! Java's `Matcher` serves them in Clojure.
//!
//! A matcher is an atom in the env file holding its state map
//! `{:evelisp.matcher/re re, .../s s, .../pos next-byte, .../groups last}`,
//! so it is a value like any other (it can be shared, though, as a Java
//! matcher, it is not meant to be used by two threads at once).

use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::natives::regex::patterns::{cast, groups_value, pattern_arg, string_arg};
use evelisp_heap::{Kind, Ref, Value};

natives! {
    /// A matcher of the regex re over the string s, for re-find and re-groups.
    #[arglists = "([re s])"]
    "re-matcher" => re_matcher;
    /// The groups of the last match of the matcher m: the matched string, or a
    /// vector of it and its groups; an error when m has not matched.
    #[arglists = "([m])"]
    "re-groups" => re_groups;
}

/// `(re-find m)` of matcher `m` (called by `re-find`).
pub(crate) fn find_next<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    matcher_find(i, args)
}

fn key<'e>(i: &Interp<'e>, name: &str) -> EvalResult<Value<'e>> {
    Ok(i.env().intern_keyword(Some("evelisp.matcher"), name)?)
}

/// The state map of matcher `m`, if it is one.
fn state<'e>(i: &Interp<'e>, m: Ref<'_>) -> EvalResult<Option<Value<'e>>> {
    if !matches!(m.kind()?, Some(Kind::Atom)) {
        return Ok(None);
    }
    let st = i.env().atom_root(m)?.get(i.participant())?;
    let re = key(i, "re")?;
    let is = matches!(st.borrowed().kind()?, Some(Kind::Map | Kind::ArrayMap))
        && st.borrowed().get(re.borrowed())?.is_some();
    Ok(is.then_some(st))
}

/// `(re-matcher re s)`: a matcher of `re` over string `s`.
fn re_matcher<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [re, s] = &args[..] else {
        return Err(arity("clojure.core/re-matcher", args.len()));
    };
    pattern_arg(re.borrowed(), false, "re-matcher")?;
    string_arg(s.borrowed(), "re-matcher")?;
    let env = i.env();
    let mut st = env.empty_map()?;
    let zero = env.make_int(0)?;
    let nil = Value::nil(env);
    for (k, v) in [("re", re), ("s", s), ("pos", &zero), ("groups", &nil)] {
        st = env.assoc(st.borrowed(), key(i, k)?.borrowed(), v.borrowed())?;
    }
    Ok(env.make_atom(st)?)
}

/// The next match of matcher `m` (what `re-find` of a matcher gives),
/// nil when there is none left.
fn matcher_find<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [m] = &args[..] else {
        return Err(arity("clojure.core/re-find", args.len()));
    };
    let env = i.env();
    let Some(st) = state(i, m.borrowed())? else {
        return Err(cast("a matcher", m.borrowed(), "re-find"));
    };
    let st = st.borrowed();
    let get = |k: &str| -> EvalResult<Ref<'_>> {
        let kv = key(i, k)?;
        let found = st.get(kv.borrowed())?;
        found.ok_or_else(|| EvalError::new(EvalErrorKind::IllegalState("bad matcher".into())))
    };
    let re = pattern_arg(get("re")?, false, "re-find")?;
    let s_ref = get("s")?;
    let s = string_arg(s_ref, "re-find")?;
    let pos = usize::try_from(get("pos")?.as_i64()?).unwrap_or(usize::MAX);
    let found = if pos <= s.len() {
        super::patterns::captures_at(&re, s, pos)?
    } else {
        None
    };
    let (groups, next) = match found {
        Some(caps) => {
            let m0 = caps.get(0).map_or((pos, pos), |m| (m.start(), m.end()));
            let next = if m0.0 == m0.1 {
                s[m0.1..]
                    .chars()
                    .next()
                    .map_or(s.len() + 1, |c| m0.1 + c.len_utf8())
            } else {
                m0.1
            };
            (groups_value(i, &caps)?, next)
        }
        None => (Value::nil(env), s.len() + 1),
    };
    let mut new = env.own(st)?;
    new = env.assoc(
        new.borrowed(),
        key(i, "pos")?.borrowed(),
        env.make_int(next as i64)?.borrowed(),
    )?;
    new = env.assoc(
        new.borrowed(),
        key(i, "groups")?.borrowed(),
        groups.borrowed(),
    )?;
    env.atom_root(m.borrowed())?.reset(i.participant(), new)?;
    Ok(groups)
}

/// `(re-groups m)`: the groups of matcher `m`'s last match (an
/// IllegalStateException when it has none).
fn re_groups<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [m] = &args[..] else {
        return Err(arity("clojure.core/re-groups", args.len()));
    };
    let Some(st) = state(i, m.borrowed())? else {
        return Err(cast("a matcher", m.borrowed(), "re-groups"));
    };
    let g = st.borrowed().get(key(i, "groups")?.borrowed())?;
    match g {
        Some(g) if !g.is_nil() => Ok(i.env().own(g)?),
        _ => Err(EvalError::new(EvalErrorKind::IllegalState(
            "No match found".into(),
        ))),
    }
}
