//! The mutable `java.util` collections ordinary Clojure code makes:
//! `ArrayList`, `LinkedList`, `ArrayDeque` (over a persistent vector),
//! `HashMap`, `LinkedHashMap` (a persistent map), `HashSet`,
//! `LinkedHashSet` (a persistent set). Each is a process-local host object
//! (`host_objects.rs`) whose entry names a value the env keeps outside the
//! roots (`Env::keep`); a mutation replaces it with the updated persistent
//! value (a path copy), under the entry's lock. `seq`, `count`, `into`,
//! printing and `=` see the current contents (a snapshot); elements are
//! compared with Clojure's `=`, as Java's `equals` does for its own
//! values. Iteration order of `HashMap`/`HashSet` is evelisp's, not
//! Java's.

use crate::Interp;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::host_objects::{self, CollKind, Family, Stream, lock};
use crate::natives::io::streams::value;
use crate::{FromValue, IntoValue};
use evelisp_heap::{Ref, Value, View};

/// Makes the collection `class` (short or full name), from `args` (none, a
/// capacity, or a collection to copy); `None` if `class` is not one.
pub(crate) fn construct<'e>(
    i: &Interp<'e>,
    class: &str,
    args: &[Value<'e>],
) -> EvalResult<Option<Value<'e>>> {
    let short = class.strip_prefix("java.util.").unwrap_or(class);
    let (full, kind): (&'static str, CollKind) = match short {
        "ArrayList" => ("java.util.ArrayList", CollKind::List),
        "LinkedList" => ("java.util.LinkedList", CollKind::List),
        "ArrayDeque" => ("java.util.ArrayDeque", CollKind::List),
        "HashMap" => ("java.util.HashMap", CollKind::Map),
        "LinkedHashMap" => ("java.util.LinkedHashMap", CollKind::Map),
        "HashSet" => ("java.util.HashSet", CollKind::Set),
        "LinkedHashSet" => ("java.util.LinkedHashSet", CollKind::Set),
        _ => return Ok(None),
    };
    let env = i.env();
    let empty = match kind {
        CollKind::List => env.empty_vector()?,
        CollKind::Map => env.empty_map()?,
        CollKind::Set => env.empty_set()?,
    };
    let init = match args {
        [] => empty,
        [x] if matches!(x.borrowed().view()?, View::Int(_)) => empty,
        [x] => into(i, empty, x.borrowed())?,
        _ => {
            return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
                "No matching ctor found for class {full}"
            ))));
        }
    };
    let id = env.keep(init)?;
    let w = host_objects::register(
        full,
        Family::Collection,
        Stream::Coll {
            kind,
            env: env as *const _ as usize,
            id,
        },
    )?;
    Ok(Some(value(i, w)))
}

/// `coll` with every element of `from` added (entries for a map).
fn into<'e>(i: &Interp<'e>, coll: Value<'e>, from: Ref<'_>) -> EvalResult<Value<'e>> {
    let env = i.env();
    let from = match host_objects::snapshot(i.env(), from)? {
        Some(s) => s,
        None => env.own(from)?,
    };
    let is_map = matches!(coll.borrowed().view()?, View::Map { .. });
    let mut out = coll;
    for x in i.seq_iter(i.seq_value(from.borrowed())?) {
        let x = x?;
        i.realize_key(x.borrowed())?;
        out = if is_map {
            let e = x.borrowed();
            env.assoc(out.borrowed(), e.nth(0)?, e.nth(1)?)?
        } else {
            env.conj(out.borrowed(), x.borrowed())?
        };
    }
    Ok(out)
}

fn bad_index(k: i64, len: u64) -> EvalError {
    EvalError::new(EvalErrorKind::IndexOutOfBounds(format!(
        "Index {k} out of bounds for length {len}"
    )))
}

/// `(.method coll args...)` on a `java.util` collection, or `None` when it
/// has no such method.
pub(crate) fn invoke<'e>(
    i: &Interp<'e>,
    method: &str,
    target: &Value<'e>,
    rest: &[Value<'e>],
) -> EvalResult<Option<Value<'e>>> {
    let env = i.env();
    let found = host_objects::lookup(target.word())?;
    let guard = lock(&found.stream);
    let Stream::Coll {
        kind,
        env: env_addr,
        id,
    } = *guard
    else {
        return Ok(None);
    };
    let cur = host_objects::kept(i.env(), env_addr, id)?;
    let c = cur.borrowed();
    let n = c.count()?;
    let int = |v: &Value<'e>| i64::from_value(v.borrowed());
    let index = |v: &Value<'e>, max: u64| -> EvalResult<u64> {
        let k = int(v)?;
        if k < 0 || k as u64 > max {
            return Err(bad_index(k, n));
        }
        Ok(k as u64)
    };
    let yes = |b: bool| Ok(Some(env.make_bool(b)));
    let nil = || Ok(Some(Value::nil(env)));
    let set = |v: Value<'e>| -> EvalResult<()> { Ok(env.replace_kept(id, v)?) };
    // Methods of every collection.
    match (method, rest) {
        ("size", []) => return Ok(Some(n.into_value(env)?)),
        ("isEmpty", []) => return yes(n == 0),
        ("clear", []) => {
            set(match kind {
                CollKind::List => env.empty_vector()?,
                CollKind::Map => env.empty_map()?,
                CollKind::Set => env.empty_set()?,
            })?;
            return nil();
        }
        _ => {}
    }
    match kind {
        CollKind::List => {
            let items = || -> EvalResult<Vec<Value<'e>>> {
                c.elements()?
                    .map(|x| Ok(env.own(x?)?))
                    .collect::<EvalResult<Vec<_>>>()
            };
            let rebuild = |v: &[Value<'e>]| -> EvalResult<()> {
                let refs: Vec<Ref<'_>> = v.iter().map(Value::borrowed).collect();
                set(env.make_vector(&refs)?)
            };
            let position = |x: &Value<'e>| -> EvalResult<Option<u64>> {
                for (k, e) in c.elements()?.enumerate() {
                    if e?.equals(x.borrowed())? {
                        return Ok(Some(k as u64));
                    }
                }
                Ok(None)
            };
            match (method, rest) {
                ("add" | "addLast" | "offer" | "offerLast", [x]) => {
                    set(env.conj(c, x.borrowed())?)?;
                    if method == "addLast" {
                        nil()
                    } else {
                        yes(true)
                    }
                }
                ("add", [at, x]) => {
                    let k = index(at, n)? as usize;
                    let mut v = items()?;
                    v.insert(k, x.clone());
                    rebuild(&v)?;
                    nil()
                }
                ("addFirst" | "push" | "offerFirst", [x]) => {
                    let mut v = items()?;
                    v.insert(0, x.clone());
                    rebuild(&v)?;
                    if method == "offerFirst" {
                        yes(true)
                    } else {
                        nil()
                    }
                }
                ("addAll", [xs]) => {
                    let before = n;
                    let new = into(i, cur.clone(), xs.borrowed())?;
                    let changed = new.borrowed().count()? != before;
                    set(new)?;
                    yes(changed)
                }
                ("get", [at]) if n > 0 => Ok(Some(env.own(c.nth(index(at, n - 1)?)?)?)),
                ("get", [at]) => Err(bad_index(int(at)?, n)),
                ("set", [at, x]) if n > 0 => {
                    let k = index(at, n - 1)?;
                    let old = env.own(c.nth(k)?)?;
                    let at = env.make_int(k as i64)?;
                    set(env.assoc(c, at.borrowed(), x.borrowed())?)?;
                    Ok(Some(old))
                }
                ("getFirst" | "element" | "peek" | "peekFirst" | "getLast" | "peekLast", []) => {
                    if n == 0 {
                        return match method {
                            "peek" | "peekFirst" | "peekLast" => nil(),
                            _ => Err(EvalError::new(EvalErrorKind::Thrown(
                                "NoSuchElementException".into(),
                            ))),
                        };
                    }
                    let k = if method.ends_with("Last") { n - 1 } else { 0 };
                    Ok(Some(env.own(c.nth(k)?)?))
                }
                (
                    "removeFirst" | "pop" | "poll" | "pollFirst" | "remove" | "removeLast"
                    | "pollLast",
                    [],
                ) => {
                    if n == 0 {
                        return match method {
                            "poll" | "pollFirst" | "pollLast" => nil(),
                            _ => Err(EvalError::new(EvalErrorKind::Thrown(
                                "NoSuchElementException".into(),
                            ))),
                        };
                    }
                    let mut v = items()?;
                    let x = if method.ends_with("Last") {
                        v.pop()
                    } else {
                        Some(v.remove(0))
                    };
                    rebuild(&v)?;
                    Ok(x)
                }
                ("remove", [x]) => {
                    // An integer is an index (Java's `remove(int)`).
                    if let View::Int(k) = x.borrowed().view()? {
                        if k < 0 || k as u64 >= n {
                            return Err(bad_index(k, n));
                        }
                        let mut v = items()?;
                        let old = v.remove(k as usize);
                        rebuild(&v)?;
                        return Ok(Some(old));
                    }
                    match position(x)? {
                        Some(k) => {
                            let mut v = items()?;
                            v.remove(k as usize);
                            rebuild(&v)?;
                            yes(true)
                        }
                        None => yes(false),
                    }
                }
                ("contains", [x]) => yes(position(x)?.is_some()),
                ("indexOf", [x]) => Ok(Some(env.make_int(position(x)?.map_or(-1, |k| k as i64))?)),
                ("toArray", []) => Ok(Some(cur.clone())),
                _ => Ok(None),
            }
        }
        CollKind::Map => match (method, rest) {
            ("put", [k, v]) => {
                i.realize_key(k.borrowed())?;
                let old = c.get(k.borrowed())?.map(|o| env.own(o)).transpose()?;
                set(env.assoc(c, k.borrowed(), v.borrowed())?)?;
                Ok(Some(old.unwrap_or_else(|| Value::nil(env))))
            }
            ("putIfAbsent", [k, v]) => match c.get(k.borrowed())? {
                Some(old) => Ok(Some(env.own(old)?)),
                None => {
                    i.realize_key(k.borrowed())?;
                    set(env.assoc(c, k.borrowed(), v.borrowed())?)?;
                    nil()
                }
            },
            ("get", [k]) => Ok(Some(match c.get(k.borrowed())? {
                Some(v) => env.own(v)?,
                None => Value::nil(env),
            })),
            ("getOrDefault", [k, d]) => Ok(Some(match c.get(k.borrowed())? {
                Some(v) => env.own(v)?,
                None => d.clone(),
            })),
            ("containsKey", [k]) => yes(c.get(k.borrowed())?.is_some()),
            ("containsValue", [x]) => {
                for e in c.entries()? {
                    if e?.1.equals(x.borrowed())? {
                        return yes(true);
                    }
                }
                yes(false)
            }
            ("remove", [k]) => {
                let old = c.get(k.borrowed())?.map(|o| env.own(o)).transpose()?;
                if old.is_some() {
                    set(env.dissoc(c, k.borrowed())?)?;
                }
                Ok(Some(old.unwrap_or_else(|| Value::nil(env))))
            }
            ("putAll", [m]) => {
                set(into(i, cur.clone(), m.borrowed())?)?;
                nil()
            }
            ("keySet", []) => {
                let mut s = env.empty_set()?;
                for e in c.entries()? {
                    s = env.conj(s.borrowed(), e?.0)?;
                }
                Ok(Some(s))
            }
            ("values", []) => {
                let vals: Vec<Ref<'_>> = c
                    .entries()?
                    .map(|e| e.map(|e| e.1))
                    .collect::<Result<_, _>>()?;
                Ok(Some(env.make_vector(&vals)?))
            }
            ("entrySet", []) => Ok(Some(i.seq_value(c)?)),
            _ => Ok(None),
        },
        CollKind::Set => match (method, rest) {
            ("add", [x]) => {
                if c.contains(x.borrowed())? {
                    return yes(false);
                }
                i.realize_key(x.borrowed())?;
                set(env.conj(c, x.borrowed())?)?;
                yes(true)
            }
            ("contains", [x]) => yes(c.contains(x.borrowed())?),
            ("remove", [x]) => {
                if !c.contains(x.borrowed())? {
                    return yes(false);
                }
                set(env.disj(c, x.borrowed())?)?;
                yes(true)
            }
            ("addAll", [xs]) => {
                let new = into(i, cur.clone(), xs.borrowed())?;
                let changed = new.borrowed().count()? != n;
                set(new)?;
                yes(changed)
            }
            _ => Ok(None),
        },
    }
}
