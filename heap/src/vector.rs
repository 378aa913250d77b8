//! Persistent vectors (Clojure's `PersistentVector`): a 32-way trie plus a
//! tail of up to 32 elements, updated by copying only the path.
//!
//! - vector: `count, shift, root node, tail node` (payload words 0..4);
//! - node: `len, words[len]`: interior nodes hold child nodes, leaves hold
//!   32 elements; the tail node holds `count - tailoff` elements.
//!
//! Ownership: every constructor retains what it stores; operations take
//! borrowed words and return a new vector the caller owns (count 1).

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::object_header::Kind;
use crate::word::Word;
use std::sync::atomic::{AtomicU64, Ordering};

const BITS: u64 = 5;
const WIDTH: u64 = 32;
const MASK: u64 = WIDTH - 1;
/// Largest trie shift: 12 levels of 5 bits cover every u64 index.
const MAX_SHIFT: u64 = 60;

#[derive(Debug, Clone, Copy)]
struct Hdr {
    /// Offset of the vector object.
    off: u64,
    count: u64,
    shift: u64,
    root: Word,
    tail: Word,
}

fn tailoff(count: u64) -> u64 {
    if count < WIDTH {
        0
    } else {
        ((count - 1) >> BITS) << BITS
    }
}

impl Env {
    /// The header of vector `v` as stored (for `check()`, which reports
    /// what is wrong with it).
    fn vhdr_raw(&self, v: Word) -> Result<Hdr> {
        let o = self.obj_of(v, Kind::Vector)?;
        Ok(Hdr {
            off: o.off,
            count: o.word(0)?.bits(),
            shift: o.word(1)?.bits(),
            root: o.word(2)?,
            tail: o.word(3)?,
        })
    }

    /// The header of vector `v`, with a shift every operation can walk: a
    /// positive multiple of 5 that fits a u64 index (a corrupt one would
    /// underflow or overflow the level arithmetic).
    fn vhdr(&self, v: Word) -> Result<Hdr> {
        let h = self.vhdr_raw(v)?;
        if h.shift < BITS || h.shift % BITS != 0 || h.shift > MAX_SHIFT {
            return Err(HeapError::CorruptObject {
                offset: h.off,
                detail: "bad vector shift",
            });
        }
        Ok(h)
    }

    /// The tail's elements, checked against the count (`count - tailoff`).
    fn tail_words(&self, h: &Hdr) -> Result<Vec<Word>> {
        let words = self.vnode_words(h.tail)?;
        if words.len() as u64 != h.count - tailoff(h.count) {
            return Err(HeapError::CorruptObject {
                offset: h.off,
                detail: "vector tail length does not match its count",
            });
        }
        Ok(words)
    }

    fn vnode(&self, words: &[Word]) -> Result<Word> {
        let off = self.new_object(Kind::VecNode, 8 + 8 * words.len() as u64, 0)?;
        self.init_word(off, 0, Word::from_bits(words.len() as u64))?;
        for (i, &w) in words.iter().enumerate() {
            self.retain(w)?;
            self.init_word(off, 1 + i as u64, w)?;
        }
        Ok(Word::object(off))
    }

    /// The words of vector node `n`: its length checked against 32 and
    /// against its own block (a damaged length never reads a neighbour).
    fn vnode_slots(&self, n: Word) -> Result<(u64, &[AtomicU64])> {
        let (h, words) = self.object(n)?;
        let off = n.as_object().unwrap_or(0);
        if h.kind != Kind::VecNode {
            return Err(HeapError::WrongKind {
                expected: Kind::VecNode.name(),
                found: h.kind.name().to_string(),
            });
        }
        let len = words
            .first()
            .map_or(u64::MAX, |w| w.load(Ordering::Relaxed));
        if len > WIDTH || len as usize >= words.len() {
            return Err(HeapError::CorruptObject {
                offset: off,
                detail: "vector node longer than 32 or than its block",
            });
        }
        Ok((off, &words[1..=len as usize]))
    }

    fn vnode_words(&self, n: Word) -> Result<Vec<Word>> {
        let (_, slots) = self.vnode_slots(n)?;
        Ok(slots
            .iter()
            .map(|w| Word::from_bits(w.load(Ordering::Relaxed)))
            .collect())
    }

    fn vnode_get(&self, n: Word, i: u64) -> Result<Word> {
        let (off, slots) = self.vnode_slots(n)?;
        let w = slots.get(i as usize).ok_or(HeapError::CorruptObject {
            offset: off,
            detail: "vector node too short",
        })?;
        Ok(Word::from_bits(w.load(Ordering::Relaxed)))
    }

    fn vector_obj(&self, count: u64, shift: u64, root: Word, tail: Word) -> Result<Word> {
        let off = self.new_object(Kind::Vector, 32, 0)?;
        self.init_word(off, 0, Word::from_bits(count))?;
        self.init_word(off, 1, Word::from_bits(shift))?;
        for (i, w) in [(2, root), (3, tail)] {
            self.retain(w)?;
            self.init_word(off, i, w)?;
        }
        Ok(Word::object(off))
    }

    /// Stores `parts` in a new vector object, then gives up this code's
    /// ownership of the `fresh` ones (the vector now holds them).
    fn vector_obj_fresh(
        &self,
        count: u64,
        shift: u64,
        root: Word,
        tail: Word,
        fresh: &[Word],
    ) -> Result<Word> {
        let v = self.vector_obj(count, shift, root, tail)?;
        for &w in fresh {
            self.release(w)?;
        }
        Ok(v)
    }

    /// A new empty vector `[]`.
    pub(crate) fn vector_empty(&self) -> Result<Word> {
        let empty = self.vnode(&[])?;
        self.vector_obj_fresh(0, BITS, empty, empty, &[empty])
    }

    /// A new vector of `items`, built bottom-up (full leaves, then each
    /// trie level), in the same shape `conj` would give.
    pub(crate) fn vector_from(&self, items: &[Word]) -> Result<Word> {
        let count = items.len() as u64;
        let toff = tailoff(count) as usize;
        let mut shift = BITS;
        while ((toff as u64) >> BITS) > (1 << shift) {
            shift += BITS;
        }
        let mut level: Vec<Word> = Vec::with_capacity(toff / 32);
        for leaf in items[..toff].chunks(WIDTH as usize) {
            level.push(self.vnode(leaf)?);
        }
        // Leaves sit `shift / 5` levels below the root.
        for _ in 0..(if level.is_empty() { 0 } else { shift / BITS }) {
            let mut up = Vec::with_capacity(level.len().div_ceil(32));
            for group in level.chunks(WIDTH as usize) {
                up.push(self.vnode(group)?);
                for &child in group {
                    self.release(child)?;
                }
            }
            level = up;
        }
        let root = match level.pop() {
            Some(r) => r,
            None => self.vnode(&[])?,
        };
        let tail = self.vnode(&items[toff..])?;
        self.vector_obj_fresh(count, shift, root, tail, &[root, tail])
    }

    /// The number of elements of vector `v`.
    pub(crate) fn vector_count(&self, v: Word) -> Result<u64> {
        Ok(self.vhdr_raw(v)?.count)
    }

    fn leaf_for(&self, h: &Hdr, i: u64) -> Result<Word> {
        if i >= tailoff(h.count) {
            return Ok(h.tail);
        }
        let mut node = h.root;
        let mut level = h.shift;
        while level > 0 {
            node = self.vnode_get(node, (i >> level) & MASK)?;
            level -= BITS;
        }
        Ok(node)
    }

    /// Element `i` of vector `v`, read in place (O(log32 n)).
    pub(crate) fn vector_nth(&self, v: Word, i: u64) -> Result<Word> {
        let h = self.vhdr(v)?;
        if i >= h.count {
            return Err(HeapError::IndexOutOfBounds {
                index: i,
                count: h.count,
            });
        }
        let leaf = self.leaf_for(&h, i)?;
        self.vnode_get(leaf, i & MASK)
    }

    fn new_path(&self, level: u64, node: Word) -> Result<Word> {
        if level == 0 {
            self.retain(node)?;
            return Ok(node);
        }
        let child = self.new_path(level - BITS, node)?;
        let r = self.vnode(&[child])?;
        self.release(child)?;
        Ok(r)
    }

    fn push_tail(&self, count: u64, level: u64, parent: Word, tail: Word) -> Result<Word> {
        let sub = ((count - 1) >> level) & MASK;
        let mut words = self.vnode_words(parent)?;
        let (insert, fresh) = if level == BITS {
            (tail, false)
        } else if (sub as usize) < words.len() {
            (
                self.push_tail(count, level - BITS, words[sub as usize], tail)?,
                true,
            )
        } else {
            (self.new_path(level - BITS, tail)?, true)
        };
        if (sub as usize) < words.len() {
            words[sub as usize] = insert;
        } else {
            words.push(insert);
        }
        let r = self.vnode(&words)?;
        if fresh {
            self.release(insert)?;
        }
        Ok(r)
    }

    /// `(conj v x)`: a new vector with `x` appended.
    pub(crate) fn vector_conj(&self, v: Word, x: Word) -> Result<Word> {
        let h = self.vhdr(v)?;
        let count = h
            .count
            .checked_add(1)
            .ok_or_else(|| HeapError::CorruptObject {
                offset: h.off,
                detail: "vector count at its limit",
            })?;
        if h.count - tailoff(h.count) < WIDTH {
            let mut words = self.tail_words(&h)?;
            words.push(x);
            let tail = self.vnode(&words)?;
            return self.vector_obj_fresh(count, h.shift, h.root, tail, &[tail]);
        }
        let (root, shift) = if (h.count >> BITS) > (1 << h.shift) {
            let path = self.new_path(h.shift, h.tail)?;
            let root = self.vnode(&[h.root, path])?;
            self.release(path)?;
            (root, h.shift + BITS)
        } else {
            (self.push_tail(h.count, h.shift, h.root, h.tail)?, h.shift)
        };
        let tail = self.vnode(&[x])?;
        self.vector_obj_fresh(count, shift, root, tail, &[root, tail])
    }

    /// Appends `x` to vector `v` in place, if the caller holds the only
    /// count of `v` and the tail is not full: into the tail when it is held
    /// only by `v` and has room, else into a new tail with room for a whole
    /// leaf (so the next appends are in place). Whether it did; `false`
    /// leaves `v` unchanged (the caller appends as [`Env::vector_conj`]).
    pub(crate) fn vector_conj_in_place(&self, v: Word, x: Word) -> Result<bool> {
        let h = self.vhdr(v)?;
        let len = h.count - tailoff(h.count);
        if len >= WIDTH || !self.sole_owner(h.off)? {
            return Ok(false);
        }
        let tail_off = self.expect_kind(h.tail, Kind::VecNode)?;
        if self.load_word(tail_off, 0)?.bits() != len {
            return Err(HeapError::CorruptObject {
                offset: h.off,
                detail: "vector tail length does not match its count",
            });
        }
        let room = (crate::block_layout::class_size(self.header_of(tail_off)?.class)
            - crate::object_header::HEADER_BYTES)
            / 8;
        // Plain stores: nobody else can reach the vector or its tail
        // (`sole_owner`), so nobody reads these words meanwhile.
        if self.sole_owner(tail_off)? && room > 1 + len {
            self.retain(x)?;
            self.init_word(tail_off, 1 + len, x)?;
            self.init_word(tail_off, 0, Word::from_bits(len + 1))?;
            self.init_word(h.off, 0, Word::from_bits(h.count + 1))?;
            return Ok(true);
        }
        // A new tail with room for the whole leaf holds the old tail's
        // words and `x`; the old tail's count is given back.
        let mut words = self.tail_words(&h)?;
        words.push(x);
        let off = self.new_object(Kind::VecNode, 8 + 8 * WIDTH, 0)?;
        self.init_word(off, 0, Word::from_bits(words.len() as u64))?;
        for (i, &w) in words.iter().enumerate() {
            self.retain(w)?;
            self.init_word(off, 1 + i as u64, w)?;
        }
        self.init_word(h.off, 3, Word::object(off))?;
        self.init_word(h.off, 0, Word::from_bits(h.count + 1))?;
        self.drop_ref(h.tail)?;
        Ok(true)
    }

    fn do_assoc(&self, level: u64, node: Word, i: u64, x: Word) -> Result<Word> {
        let mut words = self.vnode_words(node)?;
        let sub = ((i >> level) & MASK) as usize;
        if sub >= words.len() {
            return Err(HeapError::CorruptObject {
                offset: node.bits(),
                detail: "vector path too short",
            });
        }
        if level == 0 {
            words[sub] = x;
            return self.vnode(&words);
        }
        let child = self.do_assoc(level - BITS, words[sub], i, x)?;
        words[sub] = child;
        let r = self.vnode(&words)?;
        self.release(child)?;
        Ok(r)
    }

    /// `(assoc v i x)`: a new vector with element `i` replaced (or `x`
    /// appended when `i` is the count).
    pub(crate) fn vector_assoc(&self, v: Word, i: u64, x: Word) -> Result<Word> {
        let h = self.vhdr(v)?;
        if i == h.count {
            return self.vector_conj(v, x);
        }
        if i > h.count {
            return Err(HeapError::IndexOutOfBounds {
                index: i,
                count: h.count,
            });
        }
        if i >= tailoff(h.count) {
            let mut words = self.tail_words(&h)?;
            *words
                .get_mut((i & MASK) as usize)
                .ok_or_else(|| HeapError::CorruptObject {
                    offset: h.off,
                    detail: "vector tail too short",
                })? = x;
            let tail = self.vnode(&words)?;
            return self.vector_obj_fresh(h.count, h.shift, h.root, tail, &[tail]);
        }
        let root = self.do_assoc(h.shift, h.root, i, x)?;
        self.vector_obj_fresh(h.count, h.shift, root, h.tail, &[root])
    }

    fn pop_tail(&self, count: u64, level: u64, node: Word) -> Result<Option<Word>> {
        let sub = ((count - 2) >> level) & MASK;
        let mut words = self.vnode_words(node)?;
        if level > BITS {
            let child = *words
                .get(sub as usize)
                .ok_or_else(|| HeapError::CorruptObject {
                    offset: node.bits(),
                    detail: "vector path too short",
                })?;
            let new_child = self.pop_tail(count, level - BITS, child)?;
            if new_child.is_none() && sub == 0 {
                return Ok(None);
            }
            words.truncate(sub as usize);
            if let Some(c) = new_child {
                words.push(c);
            }
            let r = self.vnode(&words)?;
            if let Some(c) = new_child {
                self.release(c)?;
            }
            Ok(Some(r))
        } else if sub == 0 {
            Ok(None)
        } else {
            words.truncate(sub as usize);
            Ok(Some(self.vnode(&words)?))
        }
    }

    /// `(pop v)`: a new vector without the last element.
    pub(crate) fn vector_pop(&self, v: Word) -> Result<Word> {
        let h = self.vhdr(v)?;
        match h.count {
            0 => return Err(HeapError::Empty("pop")),
            1 => return self.vector_empty(),
            _ => {}
        }
        if h.count - tailoff(h.count) > 1 {
            let mut words = self.tail_words(&h)?;
            words.pop();
            let tail = self.vnode(&words)?;
            return self.vector_obj_fresh(h.count - 1, h.shift, h.root, tail, &[tail]);
        }
        let new_tail = self.leaf_for(&h, h.count - 2)?;
        let mut root = match self.pop_tail(h.count, h.shift, h.root)? {
            Some(r) => r,
            None => self.vnode(&[])?,
        };
        let mut shift = h.shift;
        if shift > BITS {
            let words = self.vnode_words(root)?;
            if words.len() == 1 {
                self.retain(words[0])?;
                // The fresh root was never published: free it (and its
                // count on the child kept as the new root).
                self.drop_ref(root)?;
                root = words[0];
                shift -= BITS;
            }
        }
        self.vector_obj_fresh(h.count - 1, shift, root, new_tail, &[root])
    }

    /// The elements of vector `v` in order, read leaf by leaf in place.
    pub(crate) fn vector_iter(&self, v: Word) -> Result<VectorIter<'_>> {
        self.vector_iter_from(v, 0)
    }

    /// The elements of vector `v` from index `start` on (none when `start`
    /// is past the end), read leaf by leaf in place.
    pub(crate) fn vector_iter_from(&self, v: Word, start: u64) -> Result<VectorIter<'_>> {
        let hdr = self.vhdr(v)?;
        Ok(VectorIter {
            env: self,
            i: start.min(hdr.count),
            hdr,
            leaf: Vec::new(),
        })
    }
}

/// Iterator over a vector's elements (see [`Env::vector_iter`]).
#[derive(Debug)]
pub struct VectorIter<'e> {
    env: &'e Env,
    hdr: Hdr,
    i: u64,
    leaf: Vec<Word>,
}

impl Iterator for VectorIter<'_> {
    type Item = Result<Word>;

    fn next(&mut self) -> Option<Result<Word>> {
        if self.i >= self.hdr.count {
            return None;
        }
        if self.i & MASK == 0 || self.leaf.is_empty() {
            match self
                .env
                .leaf_for(&self.hdr, self.i)
                .and_then(|l| self.env.vnode_words(l))
            {
                Ok(words) => self.leaf = words,
                Err(e) => {
                    self.i = self.hdr.count;
                    return Some(Err(e));
                }
            }
        }
        let w = self.leaf.get((self.i & MASK) as usize).copied();
        self.i += 1;
        Some(w.ok_or_else(|| HeapError::CorruptObject {
            offset: self.hdr.tail.bits(),
            detail: "vector leaf too short",
        }))
    }
}

impl Env {
    /// Shape problems of vector `v` (empty when healthy): tail length,
    /// leaf fullness and trie depth against `count` and `shift`.
    pub(crate) fn vector_findings(&self, v: Word) -> Result<Vec<String>> {
        let h = self.vhdr_raw(v)?;
        let mut out = Vec::new();
        let tail_len = self.vnode_words(h.tail)?.len() as u64;
        if tail_len != h.count - tailoff(h.count) {
            out.push(format!(
                "tail holds {tail_len}, count {} needs {}",
                h.count,
                h.count - tailoff(h.count)
            ));
        }
        if h.shift < BITS || h.shift % BITS != 0 || h.shift > MAX_SHIFT {
            out.push(format!("bad shift {}", h.shift));
            return Ok(out);
        }
        let in_trie = self.trie_len(h.root, h.shift, &mut out)?;
        if in_trie != tailoff(h.count) {
            out.push(format!(
                "trie holds {in_trie} elements, count {} needs {}",
                h.count,
                tailoff(h.count)
            ));
        }
        Ok(out)
    }

    fn trie_len(&self, node: Word, level: u64, out: &mut Vec<String>) -> Result<u64> {
        let words = self.vnode_words(node)?;
        if level == 0 {
            if words.len() as u64 != WIDTH {
                out.push(format!(
                    "leaf {node:?} holds {} elements, not 32",
                    words.len()
                ));
            }
            return Ok(words.len() as u64);
        }
        let mut n = 0;
        for w in words {
            n += self.trie_len(w, level - BITS, out)?;
        }
        Ok(n)
    }
}
