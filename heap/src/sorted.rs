//! Sorted maps and sets: `Kind::Sorted` is `comparator, root, count,
//! flags` (flags bit 0: a set). The comparator is a fn, or nil for
//! Clojure's `compare`. The root is nil (empty) or a node of a persistent
//! B+ tree whose nodes are ordinary vectors:
//!
//! - a leaf `[0 k0 v0 k1 v1 ...]`, keys in order (a set stores `k k`);
//! - an inner node `[1 c0 k1 c1 k2 c2 ...]`: every key of child `cj` is
//!   at least `kj` and below `k(j+1)`.
//!
//! Ordering needs the comparator, which may be a fn only the evaluator can
//! run, so inserting, removing and looking up are the evaluator's work
//! (`eval/src/sorted.rs`); the heap builds the object, walks the tree in
//! order (iteration, equality, hashing, printing) and checks its shape.
//! Lookups by key through the heap ([`Env::map_get`](crate::env::Env))
//! are refused with [`HeapError::WrongKind`].

use crate::env::Env;
use crate::error::Result;
use crate::object_header::Kind;
use crate::word::Word;

/// Flag bit of a sorted set.
pub(crate) const SET: u64 = 1;

impl Env {
    /// `(comparator, root, count, is_set)` of sorted collection `w`.
    pub(crate) fn sorted_words(&self, w: Word) -> Result<(Word, Word, u64, bool)> {
        let off = self.expect_kind(w, Kind::Sorted)?;
        Ok((
            self.load_word(off, 0)?,
            self.load_word(off, 1)?,
            self.load_word(off, 2)?.bits(),
            self.load_word(off, 3)?.bits() & SET != 0,
        ))
    }

    /// The entries of sorted collection `w` in order.
    pub(crate) fn sorted_iter(&self, w: Word) -> Result<SortedIter<'_>> {
        let (_, root, _, _) = self.sorted_words(w)?;
        Ok(SortedIter {
            env: self,
            stack: if root.is_nil() {
                vec![]
            } else {
                vec![(root, 0)]
            },
        })
    }

    /// What `check` finds wrong with sorted collection `w`: a tree whose
    /// nodes are not leaves and inner nodes of the layout above, or whose
    /// entries do not add up to the count.
    pub(crate) fn sorted_findings(&self, w: Word) -> Result<Vec<String>> {
        let (_, root, count, _) = self.sorted_words(w)?;
        let mut out = Vec::new();
        let mut entries = 0u64;
        let mut stack = if root.is_nil() { vec![] } else { vec![root] };
        while let Some(n) = stack.pop() {
            let len = self.vector_count(n)?;
            match self.vector_nth(n, 0).ok().map(|t| t.decode()) {
                Some(crate::word::Decoded::Int(0)) if len % 2 == 1 => entries += (len - 1) / 2,
                Some(crate::word::Decoded::Int(1)) if len >= 2 && len % 2 == 0 => {
                    for j in 0..len / 2 {
                        stack.push(self.vector_nth(n, 1 + 2 * j)?);
                    }
                }
                _ => out.push(format!("sorted tree node {n:?} has a bad layout")),
            }
        }
        if out.is_empty() && entries != count {
            out.push(format!("sorted count {count} but {entries} entries"));
        }
        Ok(out)
    }
}

/// In-order walk of a sorted tree (see [`Env::sorted_iter`]): yields
/// `(key, value)`.
#[derive(Debug)]
pub struct SortedIter<'e> {
    env: &'e Env,
    /// Nodes being walked and the next position in each.
    stack: Vec<(Word, u64)>,
}

/// One step of the walk.
enum Visit {
    Entry(Word, Word),
    Child(Word),
    Done,
}

impl SortedIter<'_> {
    fn visit(&self, node: Word, pos: u64) -> Result<Visit> {
        let len = self.env.vector_count(node)?;
        let leaf = self.env.vector_nth(node, 0)?.decode() == crate::word::Decoded::Int(0);
        let i = 1 + 2 * pos;
        if leaf {
            if i + 1 >= len {
                return Ok(Visit::Done);
            }
            Ok(Visit::Entry(
                self.env.vector_nth(node, i)?,
                self.env.vector_nth(node, i + 1)?,
            ))
        } else if i >= len {
            Ok(Visit::Done)
        } else {
            Ok(Visit::Child(self.env.vector_nth(node, i)?))
        }
    }
}

impl Iterator for SortedIter<'_> {
    type Item = Result<(Word, Word)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let &(node, pos) = self.stack.last()?;
            match self.visit(node, pos) {
                Ok(Visit::Entry(k, v)) => {
                    if let Some(top) = self.stack.last_mut() {
                        top.1 += 1;
                    }
                    return Some(Ok((k, v)));
                }
                Ok(Visit::Child(c)) => {
                    if let Some(top) = self.stack.last_mut() {
                        top.1 += 1;
                    }
                    self.stack.push((c, 0));
                }
                Ok(Visit::Done) => {
                    self.stack.pop();
                }
                Err(e) => {
                    self.stack.clear();
                    return Some(Err(e));
                }
            }
        }
    }
}
