//! The public face of sorted maps and sets over `Ref` and `Value`
//! ([`SortedParts`], `Env::make_sorted`, `Ref::sorted_parts`): above the
//! handles, while the tree walk the readers need stays in `sorted.rs`.

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::handle::{Ref, Value};
use crate::object_header::Kind;
use crate::sorted::SET;
use crate::word::Word;

/// The parts of a sorted collection.
#[derive(Debug, Clone, Copy)]
pub struct SortedParts<'a> {
    /// The comparator fn, or nil for `compare`.
    pub comparator: Ref<'a>,
    /// The root node (nil when empty).
    pub root: Ref<'a>,
    /// The number of entries.
    pub count: u64,
    /// Whether it is a set.
    pub is_set: bool,
}

impl Env {
    /// A sorted map (or set) of `comparator` (a fn or nil), `root` (nil or
    /// a node vector) and `count` entries.
    pub fn make_sorted(
        &self,
        comparator: Ref<'_>,
        root: Ref<'_>,
        count: u64,
        is_set: bool,
    ) -> Result<Value<'_>> {
        self.check_same(comparator)?;
        self.check_same(root)?;
        if !comparator.is_nil() && !matches!(comparator.kind()?, Some(Kind::Fn)) {
            return Err(HeapError::WrongKind {
                expected: "a comparator fn or nil",
                found: format!("{:?}", comparator.word().decode()),
            });
        }
        if !root.is_nil() && !matches!(root.kind()?, Some(Kind::Vector)) {
            return Err(HeapError::WrongKind {
                expected: "a sorted tree node",
                found: format!("{:?}", root.word().decode()),
            });
        }
        let off = self.new_object(Kind::Sorted, 32, 0)?;
        for (i, w) in [(0, comparator.word()), (1, root.word())] {
            self.retain(w)?;
            self.init_word(off, i, w)?;
        }
        self.init_word(off, 2, Word::from_bits(count))?;
        self.init_word(off, 3, Word::from_bits(if is_set { SET } else { 0 }))?;
        Ok(Value::from_owned(self, Word::object(off)))
    }
}

impl<'a> Ref<'a> {
    /// The parts of a sorted map or set.
    pub fn sorted_parts(self) -> Result<SortedParts<'a>> {
        let bare = self.env().strip_meta(self.word())?;
        let (comparator, root, count, is_set) = self.env().sorted_words(bare)?;
        Ok(SortedParts {
            comparator: self.child(comparator),
            root: self.child(root),
            count,
            is_set,
        })
    }
}
