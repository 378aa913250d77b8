//! Seqs over collections read in place: `(seq v)` of a vector, string,
//! hash map, array map or hash set (and `keys`, `vals`, `rseq`) is O(1) to
//! start and lazy, chunked as Clojure's vector seqs are.
//!
//! A seq is the first chunk (up to [`CHUNK`] elements, as seq conses)
//! ending in a lazy seq whose thunk is the native closure
//! `-coll-seq-step` over a captured vector `[coll part position...]`:
//! the collection, what of it the seq gives ([`Part`]), and where the next
//! chunk starts — an index of a vector, a byte offset in a string, or for
//! a hash map or set the steps taken at each level of its trie
//! (`heap/src/hamt_iter.rs`), so a chunk is resumed in O(depth) and never
//! by skipping what came before. All of it lives in the env file, so any
//! process realizes the rest of a seq another one started.
//!
//! An array map (at most 8 entries) is one chunk. Sorted maps and sets and
//! other seqables are not handled here (`seqs.rs` lists them at once).

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::print::class_cast;
use evelisp_heap::{Kind, Ref, Value};

/// Elements realized at once (Clojure's chunk size).
pub(crate) const CHUNK: usize = 32;

/// What a seq over a collection gives.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Part {
    /// Its elements (a map's entries as `[k v]` vectors, a string's
    /// characters).
    All = 0,
    /// A map's keys.
    Keys = 1,
    /// A map's values.
    Vals = 2,
    /// A vector's elements from the last to the first (`rseq`).
    Reversed = 3,
}

impl Part {
    fn from_code(code: i64) -> Option<Part> {
        Some(match code {
            0 => Part::All,
            1 => Part::Keys,
            2 => Part::Vals,
            3 => Part::Reversed,
            _ => return None,
        })
    }
}

/// The seq of `part` of `x` (nil when empty) if `x` is a vector, string,
/// hash or array map (a record's too) or hash set; `None` for anything
/// else. `start` is where it begins: an index for a vector (the count of
/// elements left for [`Part::Reversed`]), a count of characters to skip
/// for a string; 0 for a map or set.
pub(crate) fn coll_seq<'e>(
    i: &Interp<'e>,
    x: Ref<'_>,
    part: Part,
    start: u64,
) -> EvalResult<Option<Value<'e>>> {
    let Some(kind) = x.kind()? else {
        return Ok(None);
    };
    let bare = x.without_meta()?;
    let seq = match kind {
        Kind::Vector if part == Part::Reversed => {
            let n = bare.count()?;
            vector_chunk_reversed(i, bare, start.min(n))?
        }
        Kind::Vector => vector_chunk(i, bare, start)?,
        Kind::String => {
            let s = bare.as_str()?;
            let offset = match s.char_indices().nth(start as usize) {
                Some((b, _)) => b,
                None => return Ok(Some(Value::nil(i.env))),
            };
            string_chunk(i, bare, offset as u64)?
        }
        Kind::ArrayMap => {
            let mut items = Vec::new();
            for e in bare.entries()? {
                let (k, v) = e?;
                items.push(entry_part(i, part, false, k, v)?);
            }
            cells(i, items, Value::nil(i.env))?
        }
        Kind::Map | Kind::Set => hash_chunk(i, bare, part, &[])?,
        _ => return Ok(None),
    };
    Ok(Some(seq))
}

/// The first element of `x` if it is a string, array or hash map or hash
/// set (nil when empty), without making a seq; `None` for anything else.
pub(crate) fn coll_first<'e>(i: &Interp<'e>, x: Ref<'_>) -> EvalResult<Option<Value<'e>>> {
    let env = i.env;
    let Some(kind) = x.kind()? else {
        return Ok(None);
    };
    let bare = x.without_meta()?;
    Ok(Some(match kind {
        Kind::String => match bare.as_str()?.chars().next() {
            Some(c) => env.make_char(c),
            None => Value::nil(env),
        },
        Kind::ArrayMap => match bare.entries()?.next() {
            Some(e) => {
                let (k, v) = e?;
                env.make_vector(&[k, v])?
            }
            None => Value::nil(env),
        },
        Kind::Map | Kind::Set => match bare.hash_entries_from(&[], 1)?.0.first() {
            Some(&(k, v)) => entry_part(i, Part::All, kind == Kind::Set, k, v)?,
            None => Value::nil(env),
        },
        _ => return Ok(None),
    }))
}

/// What `part` takes of entry `(k, v)` of a map, or of a set (`set`: its
/// element is the key).
fn entry_part<'e>(
    i: &Interp<'e>,
    part: Part,
    set: bool,
    k: Ref<'_>,
    v: Ref<'_>,
) -> EvalResult<Value<'e>> {
    let env = i.env;
    Ok(match part {
        Part::Keys => env.own(k)?,
        Part::Vals => env.own(v)?,
        _ if set => env.own(k)?,
        _ => env.make_vector(&[k, v])?,
    })
}

/// Conses `items` in front of `tail`.
fn cells<'e>(i: &Interp<'e>, items: Vec<Value<'e>>, mut tail: Value<'e>) -> EvalResult<Value<'e>> {
    for x in items.into_iter().rev() {
        tail = i.env.seq_cons(x.borrowed(), tail.borrowed())?;
    }
    Ok(tail)
}

/// The lazy seq of the rest: `-coll-seq-step` over `[coll part pos...]`.
fn rest_seq<'e>(i: &Interp<'e>, coll: Ref<'_>, part: Part, pos: &[u64]) -> EvalResult<Value<'e>> {
    let env = i.env;
    let mut words = Vec::with_capacity(pos.len() + 2);
    words.push(env.own(coll)?);
    words.push(env.make_int(part as i64)?);
    for &p in pos {
        words.push(env.make_int(i64::try_from(p).unwrap_or(i64::MAX))?);
    }
    let refs: Vec<Ref<'_>> = words.iter().map(Value::borrowed).collect();
    let captured = env.make_vector(&refs)?;
    let thunk = i.native_closure("-coll-seq-step", captured.borrowed())?;
    Ok(env.make_lazy_seq(thunk.borrowed())?)
}

/// The elements of vector `v` from `index` (a chunk, then the lazy rest).
fn vector_chunk<'e>(i: &Interp<'e>, v: Ref<'_>, index: u64) -> EvalResult<Value<'e>> {
    let n = v.count()?;
    if index >= n {
        return Ok(Value::nil(i.env));
    }
    let end = (index + CHUNK as u64).min(n);
    let items = v
        .vector_slice(index, end)?
        .into_iter()
        .map(|x| Ok(i.env.own(x)?))
        .collect::<EvalResult<Vec<_>>>()?;
    let tail = if end < n {
        rest_seq(i, v, Part::All, &[end])?
    } else {
        Value::nil(i.env)
    };
    cells(i, items, tail)
}

/// The elements of vector `v` below `left`, last first.
fn vector_chunk_reversed<'e>(i: &Interp<'e>, v: Ref<'_>, left: u64) -> EvalResult<Value<'e>> {
    if left == 0 {
        return Ok(Value::nil(i.env));
    }
    let start = left.saturating_sub(CHUNK as u64);
    let mut items = v
        .vector_slice(start, left)?
        .into_iter()
        .map(|x| Ok(i.env.own(x)?))
        .collect::<EvalResult<Vec<_>>>()?;
    items.reverse();
    let tail = if start > 0 {
        rest_seq(i, v, Part::Reversed, &[start])?
    } else {
        Value::nil(i.env)
    };
    cells(i, items, tail)
}

/// The characters of string `s` from byte `offset` (a char boundary).
fn string_chunk<'e>(i: &Interp<'e>, s: Ref<'_>, offset: u64) -> EvalResult<Value<'e>> {
    let text = s.as_str()?;
    let rest = usize::try_from(offset)
        .ok()
        .and_then(|o| text.get(o..))
        .ok_or_else(|| bad_position(offset))?;
    let mut items = Vec::with_capacity(CHUNK);
    let mut used = 0;
    for c in rest.chars().take(CHUNK) {
        items.push(i.env.make_char(c));
        used += c.len_utf8();
    }
    if items.is_empty() {
        return Ok(Value::nil(i.env));
    }
    let tail = if used < rest.len() {
        rest_seq(i, s, Part::All, &[offset + used as u64])?
    } else {
        Value::nil(i.env)
    };
    cells(i, items, tail)
}

/// `part` of the entries of hash map or set `m` from trie `position`.
fn hash_chunk<'e>(
    i: &Interp<'e>,
    m: Ref<'_>,
    part: Part,
    position: &[u64],
) -> EvalResult<Value<'e>> {
    let env = i.env;
    let set = matches!(m.kind()?, Some(Kind::Set));
    let (entries, after) = m.hash_entries_from(position, CHUNK).map_err(|e| match e {
        // A position that does not fit the trie (only a forged one).
        evelisp_heap::HeapError::IndexOutOfBounds { index, count } => {
            EvalError::new(EvalErrorKind::IndexOutOfBounds(format!(
                "seq position {index} is past the {count} steps of a trie node"
            )))
        }
        e => e.into(),
    })?;
    let mut items = Vec::with_capacity(entries.len());
    for (k, v) in entries {
        items.push(entry_part(i, part, set, k, v)?);
    }
    let tail = match after {
        Some(pos) => rest_seq(i, m, part, &pos)?,
        None => Value::nil(env),
    };
    cells(i, items, tail)
}

/// The thunk of a seq over a collection: `([coll part pos...])` → the next
/// chunk, then the lazy rest (or nil).
pub(crate) fn step<'e>(i: &Interp<'e>, captured: Ref<'_>) -> EvalResult<Value<'e>> {
    if !matches!(captured.kind()?, Some(Kind::Vector)) || captured.count()? < 3 {
        return Err(class_cast("a seq position", captured));
    }
    let coll = captured.nth(0)?;
    let code = captured.nth(1)?;
    let part = code
        .as_i64()
        .ok()
        .and_then(Part::from_code)
        .ok_or_else(|| class_cast("a seq part", code))?;
    let pos = captured
        .vector_slice(2, captured.count()?)?
        .into_iter()
        .map(|p| {
            p.as_i64()
                .ok()
                .and_then(|n| u64::try_from(n).ok())
                .ok_or_else(|| class_cast("a seq position", p))
        })
        .collect::<EvalResult<Vec<u64>>>()?;
    let first = pos.first().copied().unwrap_or(0);
    match coll.kind()? {
        Some(Kind::Vector) if part == Part::Reversed => {
            let n = coll.count()?;
            vector_chunk_reversed(i, coll, first.min(n))
        }
        Some(Kind::Vector) => vector_chunk(i, coll, first),
        Some(Kind::String) => string_chunk(i, coll, first),
        Some(Kind::Map | Kind::Set) => hash_chunk(i, coll, part, &pos),
        _ => Err(class_cast("a vector, string, hash map or set", coll)),
    }
}

/// The error for a string position that is no character boundary.
fn bad_position(offset: u64) -> EvalError {
    EvalError::new(EvalErrorKind::IndexOutOfBounds(format!(
        "seq position {offset} is not a character boundary of its string"
    )))
}
