//! `assoc` on the CHAMP trie (layout in `champ.rs`), word by word: a
//! node's payload words are copied into a buffer on the stack
//! ([`NodeWords`]), edited there (a value or a child replaced, an entry
//! shifted in, an entry pushed down into a new child) and written as the
//! new node, which takes a count of each word it copies in one pass after
//! prefetching all their headers. No node is decoded into lists of entries
//! and children. Path copying for shared nodes (`node_assoc`), and the
//! update in place of nodes only the caller holds (`assoc_taking`,
//! `node_assoc_in_place`; see `map.rs`).

use crate::champ::{BITS, Node, frag, rank};
use crate::checked::Obj;
use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::object_header::Kind;
use crate::word::Word;
use std::sync::atomic::Ordering;

/// The most payload words a trie node has: its bitmaps, then 32 slots of
/// at most two words each (the bitmaps are disjoint).
const MAX_NODE_WORDS: usize = 1 + 64;

/// Free words a node rewritten in place gets for the next entries: two.
const ROOM: usize = 4;

/// The payload words of one trie node, copied out of the file to be
/// edited and written back as a node.
struct NodeWords {
    w: [u64; MAX_NODE_WORDS],
    len: usize,
}

/// Which copied words the written node takes counts of.
#[derive(Clone, Copy, PartialEq)]
enum Counts {
    /// Every word past the bitmaps (they are borrowed from the old node
    /// and the caller).
    All,
    /// Every word but the one at this index, whose count the caller hands
    /// over.
    AllBut(usize),
    /// None: the caller hands over the counts of every word (those of the
    /// node being replaced, and fresh ones).
    None,
}

impl NodeWords {
    /// The first `len` payload words of node `o`.
    fn of(o: &Obj<'_>, len: usize) -> Result<NodeWords> {
        let src = o.words(0, len as u64)?;
        let mut w = [0u64; MAX_NODE_WORDS];
        if len > MAX_NODE_WORDS {
            return Err(HeapError::CorruptObject {
                offset: o.off,
                detail: "map node larger than 32 slots",
            });
        }
        for (d, s) in w.iter_mut().zip(src) {
            *d = s.load(Ordering::Relaxed);
        }
        Ok(NodeWords { w, len })
    }

    fn word(&self, i: usize) -> Word {
        Word::from_bits(self.w[i])
    }

    /// Shifts `x` in at `at`. The caller's bitmaps keep `len` within
    /// `MAX_NODE_WORDS` (a slot that was free takes the words).
    fn insert(&mut self, at: usize, x: &[u64]) {
        self.w.copy_within(at..self.len, at + x.len());
        self.w[at..at + x.len()].copy_from_slice(x);
        self.len += x.len();
    }

    /// Removes the `n` words at `at`.
    fn remove(&mut self, at: usize, n: usize) {
        self.w.copy_within(at + n..self.len, at);
        self.len -= n;
    }

    fn set_maps(&mut self, datamap: u32, nodemap: u32) {
        self.w[0] = u64::from(datamap) | u64::from(nodemap) << 32;
    }
}

/// The bitmaps of checked trie node `o`, refused when they overlap (a
/// damaged node: a slot would be both an entry and a child).
fn bitmaps(o: &Obj<'_>) -> Result<(u32, u32)> {
    let meta = o.word(0)?.bits();
    let (datamap, nodemap) = (meta as u32, (meta >> 32) as u32);
    if datamap & nodemap != 0 {
        return Err(HeapError::CorruptObject {
            offset: o.off,
            detail: "map node bitmaps overlap",
        });
    }
    Ok((datamap, nodemap))
}

impl Env {
    /// Writes `nw` as a new trie node of `kind` in a block with room for
    /// `room` more words, taking the counts `counts` says. On an error the
    /// node is not made (a count it took leaks, never a word it stored:
    /// nothing can reach it).
    fn write_words(&self, kind: Kind, nw: &NodeWords, room: usize, counts: Counts) -> Result<Word> {
        let words = (nw.len + room).min(MAX_NODE_WORDS);
        let off = self.new_object(kind, 8 * words as u64, 0)?;
        let o = self.obj_at(off)?;
        let dst = o.words(0, nw.len as u64)?;
        let src = &nw.w[..nw.len];
        for (d, &x) in dst.iter().zip(src) {
            d.store(x, Ordering::Relaxed);
        }
        let (before, after) = match counts {
            Counts::None => return Ok(Word::object(off)),
            Counts::All => (&src[1..], &src[..0]),
            Counts::AllBut(i) => (&src[1..i], &src[i + 1..]),
        };
        // All headers asked for first, so their misses overlap.
        self.mapping.prefetch_all(before);
        self.mapping.prefetch_all(after);
        self.retain_all(before.iter().copied())?;
        self.retain_all(after.iter().copied())?;
        Ok(Word::object(off))
    }

    /// A new node holding two entries that collide down to `shift` (it
    /// takes its own counts of them; the caller owns its count).
    pub(crate) fn merge(
        &self,
        a: (Word, Word, u32),
        b: (Word, Word, u32),
        shift: u32,
    ) -> Result<Word> {
        if shift >= 32 {
            return self.write_node(&Node::Collision {
                hash: a.2,
                pairs: smallvec::smallvec![(a.0, a.1), (b.0, b.1)],
            });
        }
        let (fa, fb) = (frag(a.2, shift), frag(b.2, shift));
        let mut nw = NodeWords {
            w: [0; MAX_NODE_WORDS],
            len: 1,
        };
        if fa != fb {
            let (x, y) = if fa < fb { (a, b) } else { (b, a) };
            nw.insert(1, &[x.0.bits(), x.1.bits(), y.0.bits(), y.1.bits()]);
            nw.set_maps(1 << fa | 1 << fb, 0);
            return self.write_words(Kind::MapNode, &nw, 0, Counts::All);
        }
        let child = self.merge(a, b, shift + BITS)?;
        nw.insert(1, &[child.bits()]);
        nw.set_maps(0, 1 << fa);
        match self.write_words(Kind::MapNode, &nw, 0, Counts::AllBut(1)) {
            Ok(node) => Ok(node),
            Err(e) => {
                // Never published: the new child goes with the error.
                self.drop_ref(child)?;
                Err(e)
            }
        }
    }

    /// A copy of the first `used` payload words of trie node `o` with
    /// word `slot` (a child) replaced by `child`, whose count the caller
    /// hands over; the copy takes a count of every other word (their
    /// headers were prefetched by the caller). Copied block to block: the
    /// commonest step of a path copy.
    fn copy_with_child(&self, o: &Obj<'_>, used: usize, slot: usize, child: Word) -> Result<Word> {
        let src = o.words(0, used as u64)?;
        let off = self.new_object(Kind::MapNode, 8 * used as u64, 0)?;
        let new = self.obj_at(off)?;
        let dst = new.words(0, used as u64)?;
        for (d, s) in dst.iter().zip(src) {
            d.store(s.load(Ordering::Relaxed), Ordering::Relaxed);
        }
        dst[slot].store(child.bits(), Ordering::Relaxed);
        let load = |w: &std::sync::atomic::AtomicU64| w.load(Ordering::Relaxed);
        self.retain_all(dst[1..slot].iter().map(load))?;
        self.retain_all(dst[slot + 1..].iter().map(load))?;
        Ok(Word::object(off))
    }

    /// `(assoc node k v)` by path copying: `Ok(None)` if nothing changes
    /// (the key already maps to this very word), else the new node (the
    /// caller owns its count) and whether an entry was added. The old
    /// node is not changed.
    pub(crate) fn node_assoc(
        &self,
        n: Word,
        k: Word,
        v: Word,
        h: u32,
        shift: u32,
    ) -> Result<Option<(Word, bool)>> {
        self.node_assoc_obj(self.obj(n)?, k, v, h, shift)
    }

    /// [`Env::node_assoc`] on the checked node `o`.
    fn node_assoc_obj(
        &self,
        o: Obj<'_>,
        k: Word,
        v: Word,
        h: u32,
        shift: u32,
    ) -> Result<Option<(Word, bool)>> {
        match o.kind() {
            Kind::MapNode if shift >= 32 => return Err(Self::below_last_level(o.off)),
            Kind::MapNode => {}
            Kind::CollisionNode => return self.collision_assoc(o.word_of(), k, v),
            other => {
                return Err(HeapError::WrongKind {
                    expected: "map node",
                    found: other.name().into(),
                });
            }
        }
        let (datamap, nodemap) = bitmaps(&o)?;
        let d = datamap.count_ones() as usize;
        let used = 1 + 2 * d + nodemap.count_ones() as usize;
        let bit = 1 << frag(h, shift);
        if nodemap & bit != 0 {
            let slot = 1 + 2 * d + rank(nodemap, bit);
            // The copy will count every other word of this node: their
            // headers are asked for now, to arrive while the levels below
            // are copied.
            self.mapping.prefetch_words(o.words(1, used as u64 - 1)?);
            let child = self.obj(o.word(slot as u64)?)?;
            let Some((new_child, added)) = self.node_assoc_obj(child, k, v, h, shift + BITS)?
            else {
                return Ok(None);
            };
            return match self.copy_with_child(&o, used, slot, new_child) {
                Ok(node) => Ok(Some((node, added))),
                Err(e) => {
                    // Never published: the new child goes with the error.
                    self.drop_ref(new_child)?;
                    Err(e)
                }
            };
        }
        let mut nw = NodeWords::of(&o, used)?;
        if datamap & bit != 0 {
            let i = 1 + 2 * rank(datamap, bit);
            let (k0, v0) = (nw.word(i), nw.word(i + 1));
            if k0 == k || self.equals(k0, k)? {
                if v0 == v {
                    return Ok(None);
                }
                nw.w[i + 1] = v.bits();
                let node = self.write_words(Kind::MapNode, &nw, 0, Counts::All)?;
                return Ok(Some((node, false)));
            }
            // Two keys in one slot: a new child holds both (`merge` takes
            // its own counts of them).
            let child = self.merge((k0, v0, self.hash(k0)? as u32), (k, v, h), shift + BITS)?;
            nw.remove(i, 2);
            let slot = 1 + 2 * (d - 1) + rank(nodemap, bit);
            nw.insert(slot, &[child.bits()]);
            nw.set_maps(datamap & !bit, nodemap | bit);
            return match self.write_words(Kind::MapNode, &nw, 0, Counts::AllBut(slot)) {
                Ok(node) => Ok(Some((node, true))),
                Err(e) => {
                    self.drop_ref(child)?;
                    Err(e)
                }
            };
        }
        nw.insert(1 + 2 * rank(datamap, bit), &[k.bits(), v.bits()]);
        nw.set_maps(datamap | bit, nodemap);
        let node = self.write_words(Kind::MapNode, &nw, 0, Counts::All)?;
        Ok(Some((node, true)))
    }

    /// `assoc` into collision node `n` by copying it.
    fn collision_assoc(&self, n: Word, k: Word, v: Word) -> Result<Option<(Word, bool)>> {
        let Node::Collision { hash, mut pairs } = self.read_node(n)? else {
            return Err(HeapError::CorruptObject {
                offset: n.bits(),
                detail: "collision node changed kind",
            });
        };
        for i in 0..pairs.len() {
            if self.equals(pairs[i].0, k)? {
                if pairs[i].1 == v {
                    return Ok(None);
                }
                pairs[i].1 = v;
                let node = self.write_node(&Node::Collision { hash, pairs })?;
                return Ok(Some((node, false)));
            }
        }
        pairs.push((k, v));
        let node = self.write_node(&Node::Collision { hash, pairs })?;
        Ok(Some((node, true)))
    }

    /// `assoc` into the checked trie node `o` (not a collision node), which
    /// the caller holds the only count of through a map only it holds (so
    /// nobody else can reach it): a changed value or child is stored in
    /// place, a new entry is shifted in when the block has room, two keys
    /// meeting in one slot are pushed down into a new child in place; a
    /// node that must grow is rewritten with the counts of the old one
    /// handed over (its siblings' counts are not touched) and room for two
    /// more entries, the old one freed as a shell. `None` when nothing
    /// changes; else the node now in `o`'s place (`o` itself, or the
    /// rewritten one, whose count the caller now holds) and whether an
    /// entry was added.
    fn node_assoc_in_place(
        &self,
        o: Obj<'_>,
        k: Word,
        v: Word,
        h: u32,
        shift: u32,
    ) -> Result<Option<(Word, bool)>> {
        let (n, off, header) = (o.word_of(), o.off, o.header);
        if header.kind != Kind::MapNode {
            return Err(HeapError::WrongKind {
                expected: "trie map node",
                found: header.kind.name().into(),
            });
        }
        if shift >= 32 {
            return Err(Self::below_last_level(off));
        }
        let (datamap, nodemap) = bitmaps(&o)?;
        let bit = 1 << frag(h, shift);
        let d = datamap.count_ones() as usize;
        let used = 1 + 2 * d + nodemap.count_ones() as usize;
        let words = o.payload();
        if nodemap & bit != 0 {
            let slot = 1 + 2 * d + rank(nodemap, bit);
            let child = o.word(slot as u64)?;
            let Some((new_child, added)) = self.assoc_taking(child, k, v, h, shift + BITS)? else {
                return Ok(None);
            };
            if new_child != child {
                words[slot].store(new_child.bits(), Ordering::Relaxed);
            }
            return Ok(Some((n, added)));
        }
        // Only the bitmaps and the one slot the key falls in are read,
        // unless the node must be rewritten.
        if datamap & bit != 0 {
            let i = 1 + 2 * rank(datamap, bit);
            let (k0, v0) = (o.word(i as u64)?, o.word(i as u64 + 1)?);
            if k0 == k || self.equals(k0, k)? {
                if v0 == v {
                    return Ok(None);
                }
                self.retain(v)?;
                words[i + 1].store(v.bits(), Ordering::Relaxed);
                self.drop_ref(v0)?;
                return Ok(Some((n, false)));
            }
            // Two keys in one slot: a child holds both (`merge` takes its
            // own counts of them, so the node's are given back). The node
            // shrinks by a word: rewritten in its own block.
            let child = self.merge((k0, v0, self.hash(k0)? as u32), (k, v, h), shift + BITS)?;
            let mut nw = NodeWords::of(&o, used)?;
            nw.remove(i, 2);
            let slot = 1 + 2 * (d - 1) + rank(nodemap, bit);
            nw.insert(slot, &[child.bits()]);
            nw.set_maps(datamap & !bit, nodemap | bit);
            for (dst, &x) in words.iter().zip(&nw.w[..nw.len]) {
                dst.store(x, Ordering::Relaxed);
            }
            self.drop_ref(k0)?;
            self.drop_ref(v0)?;
            return Ok(Some((n, true)));
        }
        // A new entry: shifted into place when the block has room.
        let pos = 1 + 2 * rank(datamap, bit);
        self.retain(k)?;
        self.retain(v)?;
        if words.len() >= used + 2 {
            for idx in (pos..used).rev() {
                words[idx + 2].store(words[idx].load(Ordering::Relaxed), Ordering::Relaxed);
            }
            words[pos].store(k.bits(), Ordering::Relaxed);
            words[pos + 1].store(v.bits(), Ordering::Relaxed);
            let meta = u64::from(datamap | bit) | u64::from(nodemap) << 32;
            words[0].store(meta, Ordering::Relaxed);
            return Ok(Some((n, true)));
        }
        let mut nw = NodeWords::of(&o, used)?;
        nw.insert(pos, &[k.bits(), v.bits()]);
        nw.set_maps(datamap | bit, nodemap);
        let grown = match self.write_words(Kind::MapNode, &nw, ROOM, Counts::None) {
            Ok(g) => g,
            Err(e) => {
                self.drop_ref(k)?;
                self.drop_ref(v)?;
                return Err(e);
            }
        };
        // SAFETY: the old node was held by the caller alone (count 1,
        // reachable by nobody else: see `map.rs`) and its counts were
        // handed over to `grown`; it is freed as a shell.
        unsafe { self.free_unpublished(off)? };
        Ok(Some((grown, true)))
    }

    /// `assoc` into trie node `n`, whose count the caller gives up if the
    /// node changes (keeping it otherwise): in place when that count is
    /// the only one, else path-copied (the caller's count of the old node
    /// given back). As `node_assoc_in_place`, the node now in `n`'s place.
    pub(crate) fn assoc_taking(
        &self,
        n: Word,
        k: Word,
        v: Word,
        h: u32,
        shift: u32,
    ) -> Result<Option<(Word, bool)>> {
        // One header check: the kind and the count it reads decide.
        let o = self.obj(n)?;
        // A collision node is rewritten as persistent code does.
        if o.kind() == Kind::MapNode && o.sole_owned() {
            return self.node_assoc_in_place(o, k, v, h, shift);
        }
        let r = self.node_assoc_obj(o, k, v, h, shift)?;
        if r.is_some() {
            self.drop_ref(n)?;
        }
        Ok(r)
    }
}
