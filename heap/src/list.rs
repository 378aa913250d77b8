//! Persistent lists: cons cells `first, rest, count` ending in the
//! empty-list immediate `()`. `cons` is O(1) and shares the rest.

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::object_header::Kind;
use crate::word::{Decoded, Word};

impl Env {
    fn list_cell(&self, l: Word) -> Result<Option<(Word, Word, u64)>> {
        if l == Word::EMPTY_LIST {
            return Ok(None);
        }
        let off = self.expect_kind(l, Kind::Cons)?;
        Ok(Some((
            self.load_word(off, 0)?,
            self.load_word(off, 1)?,
            self.load_word(off, 2)?.bits(),
        )))
    }

    /// `(cons x l)` for a list `l` (`()` or a cons cell): a new list.
    pub(crate) fn list_cons(&self, x: Word, l: Word) -> Result<Word> {
        // The rest is stored bare (see `meta.rs`).
        let l = self.strip_meta(l)?;
        let count = self.list_count(l)?;
        let count = count
            .checked_add(1)
            .ok_or_else(|| HeapError::CorruptObject {
                offset: l.as_object().unwrap_or(0),
                detail: "list count at its limit",
            })?;
        let off = self.new_object(Kind::Cons, 24, 0)?;
        for (i, w) in [(0, x), (1, l)] {
            self.retain(w)?;
            self.init_word(off, i, w)?;
        }
        self.init_word(off, 2, Word::from_bits(count))?;
        Ok(Word::object(off))
    }

    /// A new list of `items`, in order.
    pub(crate) fn list_from(&self, items: &[Word]) -> Result<Word> {
        let mut l = Word::EMPTY_LIST;
        for &x in items.iter().rev() {
            let next = self.list_cons(x, l)?;
            self.release(l)?;
            l = next;
        }
        Ok(l)
    }

    /// The number of elements of list `l` (O(1)).
    pub(crate) fn list_count(&self, l: Word) -> Result<u64> {
        if l == Word::EMPTY_LIST {
            return Ok(0);
        }
        let off = self.expect_kind(l, Kind::Cons)?;
        Ok(self.load_word(off, 2)?.bits())
    }

    /// `(rest l)`: `()` for `()`.
    pub(crate) fn list_rest(&self, l: Word) -> Result<Word> {
        Ok(self.list_cell(l)?.map_or(Word::EMPTY_LIST, |c| c.1))
    }

    /// The elements of list `l`, read in place.
    pub(crate) fn list_iter(&self, l: Word) -> ListIter<'_> {
        ListIter {
            env: self,
            cur: l,
            steps: 0,
            limit: self.max_walk_steps(),
        }
    }

    /// The most steps a walk can take over distinct objects, and the
    /// deepest a sound value can nest: every object takes at least 16
    /// bytes of the file. A walk or a nesting that goes further has gone
    /// round a cycle, which only a damaged file can hold (objects are
    /// immutable once published, so none can come to contain itself).
    pub fn max_walk_steps(&self) -> u64 {
        self.file_len() / 16 + 1
    }

    /// The error of a value or seq found to lead back to itself.
    pub fn cycle_error(&self, w: Word) -> HeapError {
        HeapError::CorruptObject {
            offset: w.as_object().unwrap_or(0),
            detail: "a cycle: the value or seq leads back to itself",
        }
    }
}

/// Iterator over a list's elements (see [`Env::list_iter`]).
#[derive(Debug)]
pub struct ListIter<'e> {
    env: &'e Env,
    cur: Word,
    /// Steps taken, bounded by `limit`.
    steps: u64,
    /// [`Env::max_walk_steps`] when last looked at (looked at again when
    /// reached: the file may have grown since).
    limit: u64,
}

impl Iterator for ListIter<'_> {
    type Item = Result<Word>;

    /// Follows lists, seq conses and realized lazy seqs; an unrealized lazy
    /// seq ends the walk with [`HeapError::Unrealized`].
    fn next(&mut self) -> Option<Result<Word>> {
        loop {
            self.steps += 1;
            if self.steps > self.limit {
                self.limit = self.env.max_walk_steps();
            }
            if self.steps > self.limit {
                let e = self.env.cycle_error(self.cur);
                self.cur = Word::EMPTY_LIST;
                return Some(Err(e));
            }
            match self.env.seq_step(self.cur) {
                Ok(Step::End) => return None,
                Ok(Step::Cell(first, rest)) => {
                    self.cur = rest;
                    return Some(Ok(first));
                }
                Ok(Step::Realized(v)) => self.cur = v,
                Err(e) => {
                    self.cur = Word::EMPTY_LIST;
                    return Some(Err(e));
                }
            }
        }
    }
}

/// One step of walking a seq (see [`Env::seq_step`]).
pub(crate) enum Step {
    /// The end: nil or `()`.
    End,
    /// A cell: its first element and its rest.
    Cell(Word, Word),
    /// A realized lazy seq: walk on into its value.
    Realized(Word),
}

impl Env {
    /// One step of walking seq `w` (a list, seq cons, lazy seq, nil or `()`).
    pub(crate) fn seq_step(&self, w: Word) -> Result<Step> {
        if matches!(w.decode(), Decoded::EmptyList | Decoded::Nil) {
            return Ok(Step::End);
        }
        let off = w.as_object().ok_or_else(|| HeapError::WrongKind {
            expected: "seq",
            found: format!("{:?}", w.decode()),
        })?;
        match self.header_of(off)?.kind {
            Kind::Cons => {
                let (first, rest) = (self.load_word(off, 0)?, self.load_word(off, 1)?);
                // A cell's count is one more than its rest's: checked at
                // every step, so a damaged list whose tail points back at
                // itself (or at any cell before) is an error, not an
                // endless walk, for every reader.
                let count = self.load_word(off, 2)?.bits();
                if self.list_count(rest)?.checked_add(1) != Some(count) {
                    return Err(HeapError::CorruptObject {
                        offset: off,
                        detail: "list count does not match its rest (a damaged or cyclic list)",
                    });
                }
                Ok(Step::Cell(first, rest))
            }
            Kind::SeqCons => {
                let (first, rest) = self.seq_cons_parts(w)?;
                Ok(Step::Cell(first, rest))
            }
            Kind::LazySeq => match self.lazy_value_word(w)? {
                Some(v) => Ok(Step::Realized(v)),
                None => Err(HeapError::Unrealized { offset: off }),
            },
            // A seq with metadata: walk its target.
            Kind::WithMeta => Ok(Step::Realized(self.strip_meta(w)?)),
            k => Err(HeapError::WrongKind {
                expected: "seq",
                found: k.name().into(),
            }),
        }
    }

    /// The number of elements of seq `w`, walking it (realized parts only).
    pub(crate) fn seq_count(&self, w: Word) -> Result<u64> {
        let mut n = 0u64;
        for x in self.list_iter(w) {
            x?;
            n += 1;
        }
        Ok(n)
    }
}
