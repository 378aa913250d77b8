//! The CHAMP trie under maps and sets: node layout, reading and writing
//! nodes, and the path-copying lookup, insert and delete on them, plus the
//! shape verification `check()` uses.
//!
//! - map node: `datamap | nodemap << 32`, then the inline key/value pairs
//!   in bit order, then the child nodes in bit order;
//! - collision node: `hash | count << 32`, then key/value pairs (once the
//!   32-bit hash is used up, below the last 5-bit level);
//! - canonical form: a child that would hold a single entry and no children
//!   is inlined into its parent, so a trie's shape depends only on its
//!   contents.

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::object_header::Kind;
use crate::word::Word;
use std::sync::atomic::Ordering;

/// Hash bits per trie level.
pub(crate) const BITS: u32 = 5;

/// The 5-bit fragment of `h` at `shift`.
pub(crate) fn frag(h: u32, shift: u32) -> u32 {
    // No bits are left below the last level (only a damaged trie gets
    // there, and `level_check` refuses it; this never panics meanwhile).
    h.checked_shr(shift).unwrap_or(0) & 31
}

pub(crate) fn rank(map: u32, bit: u32) -> usize {
    (map & (bit - 1)).count_ones() as usize
}

/// A node's entries, read into the process (small ones inline).
pub(crate) type Pairs = smallvec::SmallVec<[(Word, Word); 8]>;
/// A node's children, read into the process (small ones inline).
pub(crate) type Children = smallvec::SmallVec<[Word; 8]>;

/// A trie node read from the file.
pub(crate) enum Node {
    Champ {
        datamap: u32,
        nodemap: u32,
        pairs: Pairs,
        children: Children,
    },
    Collision {
        hash: u32,
        pairs: Pairs,
    },
}

impl Env {
    pub(crate) fn read_node(&self, n: Word) -> Result<Node> {
        let (header, words) = self.object(n)?;
        let word = |i: usize| {
            words
                .get(i)
                .map(|w| Word::from_bits(w.load(Ordering::Relaxed)))
                .ok_or_else(|| HeapError::CorruptObject {
                    offset: n.bits(),
                    detail: "map node shorter than its bitmaps",
                })
        };
        let meta = word(0)?.bits();
        let (lo, hi) = (meta as u32, (meta >> 32) as u32);
        let pairs_at = |count: usize| -> Result<Pairs> {
            let mut pairs = Pairs::with_capacity(count.min(words.len()));
            for i in 0..count {
                pairs.push((word(1 + 2 * i)?, word(2 + 2 * i)?));
            }
            Ok(pairs)
        };
        match header.kind {
            Kind::MapNode => {
                if lo & hi != 0 {
                    return Err(HeapError::CorruptObject {
                        offset: n.bits(),
                        detail: "map node bitmaps overlap",
                    });
                }
                let d = lo.count_ones() as usize;
                let pairs = pairs_at(d)?;
                let mut children = Children::with_capacity(hi.count_ones() as usize);
                for j in 0..hi.count_ones() as usize {
                    children.push(word(1 + 2 * d + j)?);
                }
                Ok(Node::Champ {
                    datamap: lo,
                    nodemap: hi,
                    pairs,
                    children,
                })
            }
            Kind::CollisionNode => Ok(Node::Collision {
                hash: lo,
                pairs: pairs_at(hi as usize)?,
            }),
            other => Err(HeapError::WrongKind {
                expected: "map node",
                found: other.name().into(),
            }),
        }
    }

    /// Writes a node; retains every key, value and child it stores.
    pub(crate) fn write_node(&self, node: &Node) -> Result<Word> {
        let (kind, meta, pairs, children): (Kind, u64, &[(Word, Word)], &[Word]) = match node {
            Node::Champ {
                datamap,
                nodemap,
                pairs,
                children,
            } => (
                Kind::MapNode,
                u64::from(*datamap) | u64::from(*nodemap) << 32,
                pairs,
                children,
            ),
            Node::Collision { hash, pairs } => (
                Kind::CollisionNode,
                u64::from(*hash) | (pairs.len() as u64) << 32,
                pairs,
                &[],
            ),
        };
        let words = 1 + 2 * pairs.len() as u64 + children.len() as u64;
        let off = self.new_object(kind, 8 * words, 0)?;
        self.init_word(off, 0, Word::from_bits(meta))?;
        let stored = || pairs.iter().flat_map(|(k, v)| [k, v]).chain(children);
        for &w in stored() {
            self.mapping.prefetch(w);
        }
        for (i, &w) in (1..).zip(stored()) {
            self.retain(w)?;
            self.init_word(off, i, w)?;
        }
        Ok(Word::object(off))
    }

    /// Writes `node`, then gives up this code's ownership of `fresh`, a
    /// node this operation created and never published: freed (with the
    /// counts it holds) unless `node` now holds it too.
    pub(crate) fn write_node_fresh(&self, node: &Node, fresh: Option<Word>) -> Result<Word> {
        let w = self.write_node(node);
        if let Some(f) = fresh {
            // A collapsed child (its lone entry pulled up into `node`) has
            // no other owner: dropping its count frees it. Done even when
            // the write failed, so an error leaks nothing.
            self.drop_ref(f)?;
        }
        w
    }

    /// Lookup reading only the words on the path (no copies): the stored
    /// `(key, value)` entry equal to `k`, read in place.
    /// Refuses a CHAMP node below the last hash level (shift 32 and on,
    /// where only collision nodes can be): a damaged trie, or one whose
    /// node is its own descendant, would be walked forever.
    fn level_check(&self, n: Word, shift: u32) -> Result<()> {
        if shift >= 32
            && let Some(off) = n.as_object()
            && self.header_of(off)?.kind == Kind::MapNode
        {
            return Err(Self::below_last_level(off));
        }
        Ok(())
    }

    /// The error of a CHAMP node found below the last hash level.
    #[cold]
    pub(crate) fn below_last_level(off: u64) -> HeapError {
        HeapError::CorruptObject {
            offset: off,
            detail: "map node below the last hash level (a damaged or cyclic map)",
        }
    }

    pub(crate) fn node_get(&self, mut n: Word, k: Word, h: u32) -> Result<Option<(Word, Word)>> {
        let bad = |off: Word| HeapError::CorruptObject {
            offset: off.bits(),
            detail: "map node shorter than its bitmaps",
        };
        let at = |words: &[std::sync::atomic::AtomicU64], i: usize, n: Word| {
            words
                .get(i)
                .map(|w| Word::from_bits(w.load(Ordering::Relaxed)))
                .ok_or_else(|| bad(n))
        };
        let mut shift = 0;
        loop {
            let (header, words) = self.object(n)?;
            let meta = at(words, 0, n)?.bits();
            let (lo, hi) = (meta as u32, (meta >> 32) as u32);
            match header.kind {
                Kind::MapNode => {
                    self.level_check(n, shift)?;
                    let bit = 1 << frag(h, shift);
                    if lo & bit != 0 {
                        let i = 1 + 2 * rank(lo, bit);
                        let k0 = at(words, i, n)?;
                        return Ok(if k0 == k || self.equals(k0, k)? {
                            Some((k0, at(words, i + 1, n)?))
                        } else {
                            None
                        });
                    }
                    if hi & bit == 0 {
                        return Ok(None);
                    }
                    let d = lo.count_ones() as usize;
                    n = at(words, 1 + 2 * d + rank(hi, bit), n)?;
                    shift += BITS;
                }
                Kind::CollisionNode => {
                    for i in 0..hi as usize {
                        let k0 = at(words, 1 + 2 * i, n)?;
                        if self.equals(k0, k)? {
                            return Ok(Some((k0, at(words, 2 + 2 * i, n)?)));
                        }
                    }
                    return Ok(None);
                }
                other => {
                    return Err(HeapError::WrongKind {
                        expected: "map node",
                        found: other.name().into(),
                    });
                }
            }
        }
    }

    /// The single entry of a node that holds exactly one and no children.
    pub(crate) fn singleton(&self, n: Word) -> Result<Option<(Word, Word)>> {
        Ok(match self.read_node(n)? {
            Node::Champ {
                pairs, children, ..
            } if pairs.len() == 1 && children.is_empty() => Some(pairs[0]),
            Node::Collision { pairs, .. } if pairs.len() == 1 => Some(pairs[0]),
            _ => None,
        })
    }

    /// `Ok(None)`: key absent. `Ok(Some(None))`: the node is now empty.
    pub(crate) fn node_dissoc(
        &self,
        n: Word,
        k: Word,
        h: u32,
        shift: u32,
    ) -> Result<Option<Option<Word>>> {
        self.level_check(n, shift)?;
        match self.read_node(n)? {
            Node::Champ {
                datamap,
                nodemap,
                mut pairs,
                mut children,
            } => {
                let bit = 1 << frag(h, shift);
                if datamap & bit != 0 {
                    let i = rank(datamap, bit);
                    if !self.equals(pairs[i].0, k)? {
                        return Ok(None);
                    }
                    if pairs.len() == 1 && children.is_empty() {
                        return Ok(Some(None));
                    }
                    pairs.remove(i);
                    let node = Node::Champ {
                        datamap: datamap & !bit,
                        nodemap,
                        pairs,
                        children,
                    };
                    return Ok(Some(Some(self.write_node(&node)?)));
                }
                if nodemap & bit == 0 {
                    return Ok(None);
                }
                let j = rank(nodemap, bit);
                let Some(new_child) = self.node_dissoc(children[j], k, h, shift + BITS)? else {
                    return Ok(None);
                };
                let node = match new_child {
                    None => {
                        children.remove(j);
                        if pairs.is_empty() && children.is_empty() {
                            return Ok(Some(None));
                        }
                        Node::Champ {
                            datamap,
                            nodemap: nodemap & !bit,
                            pairs,
                            children,
                        }
                    }
                    Some(c) => match self.singleton(c)? {
                        // Keep the trie canonical: pull a lone entry up.
                        Some(entry) => {
                            children.remove(j);
                            pairs.insert(rank(datamap, bit), entry);
                            Node::Champ {
                                datamap: datamap | bit,
                                nodemap: nodemap & !bit,
                                pairs,
                                children,
                            }
                        }
                        None => {
                            children[j] = c;
                            Node::Champ {
                                datamap,
                                nodemap,
                                pairs,
                                children,
                            }
                        }
                    },
                };
                Ok(Some(Some(self.write_node_fresh(&node, new_child)?)))
            }
            Node::Collision { hash, mut pairs } => {
                let mut found = None;
                for (i, &(k0, _)) in pairs.iter().enumerate() {
                    if self.equals(k0, k)? {
                        found = Some(i);
                        break;
                    }
                }
                let Some(i) = found else { return Ok(None) };
                if pairs.len() == 1 {
                    return Ok(Some(None));
                }
                pairs.remove(i);
                Ok(Some(Some(
                    self.write_node(&Node::Collision { hash, pairs })?,
                )))
            }
        }
    }

    pub(crate) fn node_findings(
        &self,
        kind: Kind,
        n: Word,
        shift: u32,
        prefix: u64,
        is_root: bool,
        out: &mut Vec<String>,
    ) -> Result<u64> {
        let mask = if shift >= 32 {
            u64::from(u32::MAX)
        } else {
            (1u64 << shift) - 1
        };
        let pairs_ok = |pairs: &[(Word, Word)], out: &mut Vec<String>| -> Result<()> {
            for &(k, v) in pairs {
                if u64::from(self.hash(k)? as u32) & mask != prefix {
                    out.push(format!(
                        "node {n:?}: key {k:?} does not match its path's hash prefix"
                    ));
                }
                if kind == Kind::Set && !v.is_nil() {
                    out.push(format!("set node {n:?} holds a value"));
                }
            }
            Ok(())
        };
        match self.read_node(n)? {
            Node::Champ {
                datamap,
                nodemap,
                pairs,
                children,
            } => {
                if shift >= 32 {
                    // Nothing below can be judged (no hash bits are left),
                    // and a node that is its own descendant ends here.
                    out.push(format!(
                        "node {n:?} below the last hash level is not a collision node"
                    ));
                    return Ok(pairs.len() as u64);
                }
                if !is_root && children.is_empty() && pairs.len() <= 1 {
                    out.push(format!(
                        "node {n:?} holds {} entries and no children (not canonical)",
                        pairs.len()
                    ));
                }
                let mut bits = datamap;
                for &(k, _) in &pairs {
                    let b = bits.trailing_zeros();
                    bits &= bits - 1;
                    if frag(self.hash(k)? as u32, shift) != b {
                        out.push(format!("node {n:?}: key {k:?} sits at the wrong bit"));
                    }
                }
                pairs_ok(&pairs, out)?;
                let mut total = pairs.len() as u64;
                let mut bits = nodemap;
                for c in children {
                    let b = u64::from(bits.trailing_zeros());
                    bits &= bits - 1;
                    total +=
                        self.node_findings(kind, c, shift + BITS, prefix | b << shift, false, out)?;
                }
                Ok(total)
            }
            Node::Collision { hash, pairs } => {
                if shift < 32 {
                    out.push(format!("collision node {n:?} above the last hash level"));
                }
                if pairs.len() < 2 {
                    out.push(format!(
                        "collision node {n:?} holds {} entries",
                        pairs.len()
                    ));
                }
                for &(k, _) in &pairs {
                    if self.hash(k)? as u32 != hash {
                        out.push(format!("collision node {n:?}: key {k:?} has another hash"));
                    }
                }
                pairs_ok(&pairs, out)?;
                Ok(pairs.len() as u64)
            }
        }
    }
}
