//! Persistent lists: cons cells `first, rest, count` ending in the
//! empty-list immediate `()`. `cons` is O(1) and shares the rest.

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::object::Kind;
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
        Ok(self.list_cell(l)?.map_or(0, |c| c.2))
    }

    /// `(first l)`: nil for `()`.
    pub(crate) fn list_first(&self, l: Word) -> Result<Word> {
        Ok(self.list_cell(l)?.map_or(Word::NIL, |c| c.0))
    }

    /// `(rest l)`: `()` for `()`.
    pub(crate) fn list_rest(&self, l: Word) -> Result<Word> {
        Ok(self.list_cell(l)?.map_or(Word::EMPTY_LIST, |c| c.1))
    }

    /// The elements of list `l`, read in place.
    pub(crate) fn list_iter(&self, l: Word) -> ListIter<'_> {
        ListIter { env: self, cur: l }
    }
}

/// Iterator over a list's elements (see [`Env::list_iter`]).
#[derive(Debug)]
pub struct ListIter<'e> {
    env: &'e Env,
    cur: Word,
}

impl Iterator for ListIter<'_> {
    type Item = Result<Word>;

    fn next(&mut self) -> Option<Result<Word>> {
        if self.cur.decode() == Decoded::EmptyList {
            return None;
        }
        match self.env.list_cell(self.cur) {
            Ok(Some((first, rest, _))) => {
                self.cur = rest;
                Some(Ok(first))
            }
            Ok(None) => None,
            Err(e) => {
                self.cur = Word::EMPTY_LIST;
                Some(Err(e))
            }
        }
    }
}
