//! Persistent hash maps and sets over the CHAMP trie of [`crate::champ`]:
//! map / set objects (`count, root`, root nil when empty; a set is a map
//! whose values are nil), their operations and iteration. Updates copy the
//! path only; lookups and iteration read the mapping in place.
//!
//! Ownership: every constructor retains what it stores; operations take
//! borrowed words and return a new collection the caller owns.

use crate::champ::{Node, frag};
use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::hamt_iter::HamtIter;
use crate::object_header::Kind;
use crate::word::Word;

impl Env {
    /// The count and root of hash map or set `m` (of kind `kind`).
    pub(crate) fn hamt(&self, kind: Kind, m: Word) -> Result<(u64, Word)> {
        let (h, words) = self.object(m)?;
        if h.kind != kind {
            return Err(HeapError::WrongKind {
                expected: kind.name(),
                found: h.kind.name().into(),
            });
        }
        match words {
            [count, root, ..] => Ok((
                count.load(std::sync::atomic::Ordering::Relaxed),
                Word::from_bits(root.load(std::sync::atomic::Ordering::Relaxed)),
            )),
            _ => Err(HeapError::CorruptObject {
                offset: m.bits(),
                detail: "map object too small",
            }),
        }
    }

    pub(crate) fn hamt_obj(&self, kind: Kind, count: u64, root: Word, fresh: bool) -> Result<Word> {
        let off = self.new_object(kind, 16, 0)?;
        self.init_word(off, 0, Word::from_bits(count))?;
        self.retain(root)?;
        self.init_word(off, 1, root)?;
        if fresh {
            self.release(root)?;
        }
        Ok(Word::object(off))
    }

    fn hamt_get(&self, kind: Kind, m: Word, k: Word) -> Result<Option<Word>> {
        Ok(self.hamt_entry(kind, m, k)?.map(|(_, v)| v))
    }

    /// The stored entry whose key equals `k`.
    pub(crate) fn hamt_entry(&self, kind: Kind, m: Word, k: Word) -> Result<Option<(Word, Word)>> {
        let (_, root) = self.hamt(kind, m)?;
        if root.is_nil() {
            return Ok(None);
        }
        self.node_get(root, k, self.hash(k)? as u32)
    }

    /// The element of set `s` equal to `x` (the stored one, not `x`).
    pub(crate) fn set_element(&self, s: Word, x: Word) -> Result<Option<Word>> {
        Ok(self.hamt_entry(Kind::Set, s, x)?.map(|(k, _)| k))
    }

    pub(crate) fn hamt_assoc(&self, kind: Kind, m: Word, k: Word, v: Word) -> Result<Word> {
        let (count, root) = self.hamt(kind, m)?;
        let h = self.hash(k)? as u32;
        if root.is_nil() {
            let node = Node::Champ {
                datamap: 1 << frag(h, 0),
                nodemap: 0,
                pairs: smallvec::smallvec![(k, v)],
                children: crate::champ::Children::new(),
            };
            let root = self.write_node(&node)?;
            return self.hamt_obj(kind, 1, root, true);
        }
        match self.node_assoc(root, k, v, h, 0)? {
            None => {
                self.retain(m)?;
                Ok(m)
            }
            Some((root, added)) => {
                let Some(count) = count.checked_add(u64::from(added)) else {
                    // Never published: the new root goes with this error.
                    self.drop_ref(root)?;
                    return Err(self.bad_count(m));
                };
                self.hamt_obj(kind, count, root, true)
            }
        }
    }

    /// `assoc` into hash map `m` in place, if the caller holds the only
    /// count of `m` (nobody else can reach it) and its trie is not empty:
    /// the trie is changed in place where its nodes are held only by `m`
    /// (`node_assoc_in_place`), else path-copied below the shared node, and
    /// the new root and count are stored in `m`. Whether it did; `false`
    /// leaves `m` unchanged (the caller assocs as [`Env::map_assoc`]).
    pub(crate) fn hamt_assoc_in_place(&self, m: Word, k: Word, v: Word) -> Result<bool> {
        self.hamt_in_place(Kind::Map, m, k, v)
    }

    /// [`Env::hamt_assoc_in_place`] on a map or set of kind `kind` (any
    /// other object is left alone: `false`).
    pub(crate) fn hamt_in_place(&self, kind: Kind, m: Word, k: Word, v: Word) -> Result<bool> {
        let Some(off) = m.as_object() else {
            return Ok(false);
        };
        // One header check: the kind and the count it reads decide.
        let o = self.obj_at(off)?;
        if o.kind() != kind || !o.sole_owned() {
            return Ok(false);
        }
        let (count, root) = (o.word(0)?.bits(), o.word(1)?);
        if root.is_nil() {
            return Ok(false);
        }
        let changed = self.assoc_taking(root, k, v, self.hash(k)? as u32, 0)?;
        if let Some((new_root, added)) = changed {
            if new_root != root {
                self.init_word(off, 1, new_root)?;
            }
            if added {
                self.init_word(off, 0, Word::from_bits(count + 1))?;
            }
        }
        Ok(true)
    }

    fn hamt_dissoc(&self, kind: Kind, m: Word, k: Word) -> Result<Word> {
        let (count, root) = self.hamt(kind, m)?;
        let found = if root.is_nil() {
            None
        } else {
            self.node_dissoc(root, k, self.hash(k)? as u32, 0)?
        };
        match found {
            None => {
                self.retain(m)?;
                Ok(m)
            }
            Some(None) => match count.checked_sub(1) {
                Some(count) => self.hamt_obj(kind, count, Word::NIL, false),
                None => Err(self.bad_count(m)),
            },
            Some(Some(root)) => match count.checked_sub(1) {
                Some(count) => self.hamt_obj(kind, count, root, true),
                None => {
                    // Never published: the new root goes with this error.
                    self.drop_ref(root)?;
                    Err(self.bad_count(m))
                }
            },
        }
    }

    /// The error for a map or set whose recorded count cannot be right.
    fn bad_count(&self, m: Word) -> HeapError {
        HeapError::CorruptObject {
            offset: m.as_object().unwrap_or(0),
            detail: "map count out of step with its entries",
        }
    }

    /// The kind of map `m`: [`Kind::ArrayMap`] (small, insertion order) or
    /// [`Kind::Map`] (hash trie).
    pub(crate) fn map_kind(&self, m: Word) -> Result<Kind> {
        let off = m.as_object().ok_or_else(|| HeapError::WrongKind {
            expected: "map",
            found: format!("{:?}", m.decode()),
        })?;
        match self.header_of(off)?.kind {
            k @ (Kind::ArrayMap | Kind::Map) => Ok(k),
            k => Err(HeapError::WrongKind {
                expected: "map",
                found: k.name().into(),
            }),
        }
    }

    /// A new empty map `{}` (an array map, as in Clojure).
    pub(crate) fn map_empty(&self) -> Result<Word> {
        self.array_map(&[])
    }

    /// A new empty hash map (a hash trie whatever its size).
    pub(crate) fn hash_map_empty(&self) -> Result<Word> {
        self.hamt_obj(Kind::Map, 0, Word::NIL, false)
    }

    /// The number of entries of map `m`.
    pub(crate) fn map_count(&self, m: Word) -> Result<u64> {
        if let Ok((_, _, count, false)) = self.sorted_words(m) {
            return Ok(count);
        }
        match self.map_kind(m)? {
            Kind::ArrayMap => Ok(self.array_map_pairs(m)?.len() as u64),
            _ => Ok(self.hamt(Kind::Map, m)?.0),
        }
    }

    /// `(get m k)`: the value of `k` in map `m`, read in place.
    pub(crate) fn map_get(&self, m: Word, k: Word) -> Result<Option<Word>> {
        match self.map_kind(m)? {
            Kind::ArrayMap => self.array_map_get(m, k),
            _ => self.hamt_get(Kind::Map, m, k),
        }
    }

    /// `(assoc m k v)`: a new map (the same map, retained, if nothing
    /// changes). An array map past [`crate::array_map::ARRAY_MAP_MAX`]
    /// entries becomes a hash map.
    pub(crate) fn map_assoc(&self, m: Word, k: Word, v: Word) -> Result<Word> {
        match self.map_kind(m)? {
            Kind::ArrayMap => self.array_map_assoc(m, k, v),
            _ => self.hamt_assoc(Kind::Map, m, k, v),
        }
    }

    /// `(dissoc m k)`: a new map without `k`.
    pub(crate) fn map_dissoc(&self, m: Word, k: Word) -> Result<Word> {
        match self.map_kind(m)? {
            Kind::ArrayMap => self.array_map_dissoc(m, k),
            _ => self.hamt_dissoc(Kind::Map, m, k),
        }
    }

    /// The entries of map `m`, read in place: insertion order for an array
    /// map, hash order for a hash map.
    pub(crate) fn map_iter(&self, m: Word) -> Result<MapIter<'_>> {
        if let Ok((_, _, _, false)) = self.sorted_words(m) {
            return Ok(MapIter::Sorted(self.sorted_iter(m)?));
        }
        Ok(match self.map_kind(m)? {
            Kind::ArrayMap => MapIter::Array(self.array_map_pairs(m)?.into_iter()),
            _ => {
                let (_, root) = self.hamt(Kind::Map, m)?;
                MapIter::Hash(HamtIter::new(self, root))
            }
        })
    }

    /// A new empty set `#{}`.
    pub(crate) fn set_empty(&self) -> Result<Word> {
        self.hamt_obj(Kind::Set, 0, Word::NIL, false)
    }

    /// The number of elements of set `s`.
    pub(crate) fn set_count(&self, s: Word) -> Result<u64> {
        if let Ok((_, _, count, true)) = self.sorted_words(s) {
            return Ok(count);
        }
        Ok(self.hamt(Kind::Set, s)?.0)
    }

    /// `(contains? s x)`.
    pub(crate) fn set_contains(&self, s: Word, x: Word) -> Result<bool> {
        Ok(self.hamt_get(Kind::Set, s, x)?.is_some())
    }

    /// `(conj s x)`: a new set with `x`.
    pub(crate) fn set_conj(&self, s: Word, x: Word) -> Result<Word> {
        self.hamt_assoc(Kind::Set, s, x, Word::NIL)
    }

    /// `(disj s x)`: a new set without `x`.
    pub(crate) fn set_disj(&self, s: Word, x: Word) -> Result<Word> {
        self.hamt_dissoc(Kind::Set, s, x)
    }

    /// The elements of set `s` (in hash order), read in place.
    pub(crate) fn set_iter(&self, s: Word) -> Result<impl Iterator<Item = Result<Word>> + '_> {
        let it = if let Ok((_, _, _, true)) = self.sorted_words(s) {
            MapIter::Sorted(self.sorted_iter(s)?)
        } else {
            let (_, root) = self.hamt(Kind::Set, s)?;
            MapIter::Hash(HamtIter::new(self, root))
        };
        Ok(it.map(|r| r.map(|(k, _)| k)))
    }
}

/// Iterator over a map's entries (see [`Env::map_iter`]).
#[derive(Debug)]
pub enum MapIter<'e> {
    /// An array map's pairs, in insertion order.
    Array(std::vec::IntoIter<(Word, Word)>),
    /// A hash map's trie.
    Hash(HamtIter<'e>),
    /// A sorted map's tree, in order.
    Sorted(crate::sorted::SortedIter<'e>),
}

impl Iterator for MapIter<'_> {
    type Item = Result<(Word, Word)>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            MapIter::Array(it) => it.next().map(Ok),
            MapIter::Hash(it) => it.next(),
            MapIter::Sorted(it) => it.next(),
        }
    }
}

impl Env {
    /// Shape problems of map or set `m` (empty when healthy): bitmaps, the
    /// hash prefix of every key against its path, collision nodes, CHAMP
    /// canonical form, set values, and the recorded count.
    pub(crate) fn hamt_findings(&self, kind: Kind, m: Word) -> Result<Vec<String>> {
        let (count, root) = self.hamt(kind, m)?;
        let mut out = Vec::new();
        let n = if root.is_nil() {
            0
        } else {
            self.node_findings(kind, root, 0, 0, true, &mut out)?
        };
        if n != count {
            out.push(format!("holds {n} entries but records {count}"));
        }
        Ok(out)
    }
}
