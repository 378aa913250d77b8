//! Sorted maps and sets: lookups and updates of the persistent B+ tree the
//! heap stores (`heap/src/sorted.rs`: leaves `[0 k0 v0 k1 v1 ...]`, inner
//! nodes `[1 c0 k1 c1 ...]`, all ordinary vectors), ordered by the
//! collection's comparator: a fn, or Clojure's `compare` when nil. A fn
//! comparator may give a number or, as Clojure allows for any fn, a boolean
//! "less than" (then `(f b a)` tells greater from equal).
//!
//! An update copies the path from the root to one leaf (a node holds at
//! most [`WIDTH`] entries or children and splits in two beyond); removing
//! drops emptied nodes but does not merge thin ones, so the depth stays
//! what the largest size made it.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::args;
use evelisp_heap::{Kind, Ref, Value, View};

/// The most entries of a leaf, or children of an inner node.
const WIDTH: usize = 32;

/// The result of inserting into a subtree.
enum Inserted<'e> {
    /// The new subtree, and whether an entry was added (not replaced).
    One(Value<'e>, bool),
    /// The subtree split in two, with the first key of the right one.
    Split(Value<'e>, Value<'e>, Value<'e>, bool),
}

/// The result of removing from a subtree.
enum Removed<'e> {
    /// The key was not there.
    Absent,
    /// The subtree without it (nil when it became empty).
    Now(Option<Value<'e>>),
}

impl<'e> Interp<'e> {
    /// Compares `a` and `b` with `comparator` (nil: `compare`).
    pub fn compare_with(&self, comparator: Ref<'_>, a: Ref<'_>, b: Ref<'_>) -> EvalResult<i64> {
        if comparator.is_nil() {
            return crate::compare::compare_values(a, b);
        }
        let env = self.env;
        let r = self.apply(comparator, args![env.own(a)?, env.own(b)?])?;
        match r.borrowed().view()? {
            View::Int(n) => Ok(n.signum()),
            View::Float(f) => Ok(if f < 0.0 { -1 } else { i64::from(f > 0.0) }),
            View::Bool(true) => Ok(-1),
            View::Bool(false) | View::Nil => {
                let back = self.apply(comparator, args![env.own(b)?, env.own(a)?])?;
                Ok(i64::from(crate::rust_values::truthy(back.borrowed())))
            }
            _ => Err(crate::print::class_cast(
                "a comparison result",
                r.borrowed(),
            )),
        }
    }

    /// A new empty sorted map (or set) ordered by `comparator`.
    pub fn sorted_empty(&self, comparator: Ref<'_>, is_set: bool) -> EvalResult<Value<'e>> {
        let nil = Value::nil(self.env);
        Ok(self
            .env
            .make_sorted(comparator, nil.borrowed(), 0, is_set)?)
    }

    /// `(get m k)` on a sorted map or set: the entry `(key, value)`.
    pub fn sorted_get<'a>(&self, m: Ref<'a>, k: Ref<'_>) -> EvalResult<Option<(Ref<'a>, Ref<'a>)>> {
        let parts = m.sorted_parts()?;
        let mut node = parts.root;
        while !node.is_nil() {
            if is_leaf(node)? {
                let (found, i) = self.leaf_search(parts.comparator, node, k)?;
                return Ok(if found {
                    Some((node.nth(1 + 2 * i as u64)?, node.nth(2 + 2 * i as u64)?))
                } else {
                    None
                });
            }
            let j = self.child_index(parts.comparator, node, k)?;
            node = node.nth(1 + 2 * j as u64)?;
        }
        Ok(None)
    }

    /// `(assoc m k v)` on a sorted map (`(conj s k)` on a set: `v` = `k`).
    pub fn sorted_assoc(&self, m: Ref<'_>, k: Ref<'_>, v: Ref<'_>) -> EvalResult<Value<'e>> {
        let parts = m.sorted_parts()?;
        let env = self.env;
        let (root, added) = if parts.root.is_nil() {
            let zero = env.make_int(0)?;
            (env.make_vector(&[zero.borrowed(), k, v])?, true)
        } else {
            match self.insert(parts.comparator, parts.root, k, v)? {
                Inserted::One(n, added) => (n, added),
                Inserted::Split(l, sep, r, added) => {
                    let one = env.make_int(1)?;
                    let root = env.make_vector(&[
                        one.borrowed(),
                        l.borrowed(),
                        sep.borrowed(),
                        r.borrowed(),
                    ])?;
                    (root, added)
                }
            }
        };
        let count = parts.count + u64::from(added);
        let out = env.make_sorted(parts.comparator, root.borrowed(), count, parts.is_set)?;
        Ok(env.keep_meta(m, out)?)
    }

    /// `(dissoc m k)` on a sorted map (`(disj s k)` on a set).
    pub fn sorted_dissoc(&self, m: Ref<'_>, k: Ref<'_>) -> EvalResult<Value<'e>> {
        let parts = m.sorted_parts()?;
        let env = self.env;
        if parts.root.is_nil() {
            return Ok(env.own(m)?);
        }
        match self.remove(parts.comparator, parts.root, k)? {
            Removed::Absent => Ok(env.own(m)?),
            Removed::Now(root) => {
                // An inner root left with one child gives way to it.
                let mut root = root;
                while let Some(r) = &root {
                    if !is_leaf(r.borrowed())? && r.borrowed().count()? == 3 {
                        root = Some(env.own(r.borrowed().nth(1)?)?);
                    } else {
                        break;
                    }
                }
                let nil = Value::nil(env);
                let root_ref = root.as_ref().map_or(nil.borrowed(), Value::borrowed);
                let out =
                    env.make_sorted(parts.comparator, root_ref, parts.count - 1, parts.is_set)?;
                Ok(env.keep_meta(m, out)?)
            }
        }
    }

    /// The position of `k` in leaf `node`: (found, index of the entry or
    /// of where it would go).
    fn leaf_search(&self, cmp: Ref<'_>, node: Ref<'_>, k: Ref<'_>) -> EvalResult<(bool, usize)> {
        let n = ((node.count()? - 1) / 2) as usize;
        let (mut lo, mut hi) = (0usize, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let c = self.compare_with(cmp, node.nth(1 + 2 * mid as u64)?, k)?;
            if c == 0 {
                return Ok((true, mid));
            }
            if c < 0 {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Ok((false, lo))
    }

    /// The child of inner `node` whose range holds `k`.
    fn child_index(&self, cmp: Ref<'_>, node: Ref<'_>, k: Ref<'_>) -> EvalResult<usize> {
        let children = (node.count()? / 2) as usize;
        // The last j >= 1 whose separator is <= k, else 0.
        let (mut lo, mut hi) = (1usize, children);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.compare_with(cmp, node.nth(2 * mid as u64)?, k)? <= 0 {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Ok(lo - 1)
    }

    fn insert(
        &self,
        cmp: Ref<'_>,
        node: Ref<'_>,
        k: Ref<'_>,
        v: Ref<'_>,
    ) -> EvalResult<Inserted<'e>> {
        let env = self.env;
        let mut items: Vec<Value<'e>> = node
            .elements()?
            .map(|e| Ok(env.own(e?)?))
            .collect::<EvalResult<_>>()?;
        if is_leaf(node)? {
            let (found, i) = self.leaf_search(cmp, node, k)?;
            if found {
                items[2 + 2 * i] = env.own(v)?;
            } else {
                items.insert(1 + 2 * i, env.own(k)?);
                items.insert(2 + 2 * i, env.own(v)?);
            }
            let added = !found;
            let entries = (items.len() - 1) / 2;
            if entries <= WIDTH {
                return Ok(Inserted::One(vector(self, &items)?, added));
            }
            let half = entries / 2;
            let right_items: Vec<Value<'e>> = std::iter::once(env.make_int(0)?)
                .chain(items.drain(1 + 2 * half..))
                .collect();
            let sep = right_items[1].clone();
            return Ok(Inserted::Split(
                vector(self, &items)?,
                sep,
                vector(self, &right_items)?,
                added,
            ));
        }
        let j = self.child_index(cmp, node, k)?;
        let child = node.nth(1 + 2 * j as u64)?;
        let added = match self.insert(cmp, child, k, v)? {
            Inserted::One(c, added) => {
                items[1 + 2 * j] = c;
                added
            }
            Inserted::Split(l, sep, r, added) => {
                items[1 + 2 * j] = l;
                items.insert(2 + 2 * j, sep);
                items.insert(3 + 2 * j, r);
                added
            }
        };
        let children = items.len() / 2;
        if children <= WIDTH {
            return Ok(Inserted::One(vector(self, &items)?, added));
        }
        // Split: the left keeps children [0, half), the right the rest; the
        // separator before the right's first child moves up.
        let half = children / 2;
        let mut rest = items.split_off(2 * half);
        let sep = rest.remove(0);
        let right: Vec<Value<'e>> = std::iter::once(env.make_int(1)?).chain(rest).collect();
        Ok(Inserted::Split(
            vector(self, &items)?,
            sep,
            vector(self, &right)?,
            added,
        ))
    }

    fn remove(&self, cmp: Ref<'_>, node: Ref<'_>, k: Ref<'_>) -> EvalResult<Removed<'e>> {
        let env = self.env;
        if is_leaf(node)? {
            let (found, i) = self.leaf_search(cmp, node, k)?;
            if !found {
                return Ok(Removed::Absent);
            }
            let mut items: Vec<Value<'e>> = node
                .elements()?
                .map(|e| Ok(env.own(e?)?))
                .collect::<EvalResult<_>>()?;
            items.drain(1 + 2 * i..3 + 2 * i);
            return Ok(Removed::Now(if items.len() == 1 {
                None
            } else {
                Some(vector(self, &items)?)
            }));
        }
        let j = self.child_index(cmp, node, k)?;
        let child = node.nth(1 + 2 * j as u64)?;
        let replaced = match self.remove(cmp, child, k)? {
            Removed::Absent => return Ok(Removed::Absent),
            Removed::Now(c) => c,
        };
        let mut items: Vec<Value<'e>> = node
            .elements()?
            .map(|e| Ok(env.own(e?)?))
            .collect::<EvalResult<_>>()?;
        match replaced {
            Some(c) => items[1 + 2 * j] = c,
            // The child emptied: drop it with its separator (for the first
            // child, the next one's separator goes: it becomes the first).
            None if j == 0 => {
                items.drain(1..3.min(items.len()));
            }
            None => {
                items.drain(2 * j..2 + 2 * j);
            }
        }
        Ok(Removed::Now(if items.len() <= 1 {
            None
        } else {
            Some(vector(self, &items)?)
        }))
    }
}

/// Whether tree node `node` is a leaf.
fn is_leaf(node: Ref<'_>) -> EvalResult<bool> {
    match node.nth(0)?.view()? {
        View::Int(0) => Ok(true),
        View::Int(1) => Ok(false),
        _ => Err(EvalError::new(EvalErrorKind::IllegalState(
            "a sorted collection's tree node has a bad layout".into(),
        ))),
    }
}

/// A vector of `items`.
fn vector<'e>(i: &Interp<'e>, items: &[Value<'e>]) -> EvalResult<Value<'e>> {
    let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
    Ok(i.env.make_vector(&refs)?)
}

/// `Some(is_set)` when `x` is a sorted set or map.
pub fn sorted_kind(x: Ref<'_>) -> EvalResult<Option<bool>> {
    Ok(match x.kind()? {
        Some(Kind::Sorted) => Some(x.sorted_parts()?.is_set),
        _ => None,
    })
}
