//! Persistent hash maps and sets: a CHAMP trie (compressed hash-array
//! mapped prefix tree) over Clojure's 32-bit `hash`, 5 bits per level,
//! with collision nodes once the hash is used up. Updates copy the path
//! only; lookups and iteration read the mapping in place.
//!
//! - map / set object: `count, root` (root is nil when empty); a set is a
//!   map whose values are nil;
//! - map node: `datamap | nodemap << 32`, then the inline key/value pairs
//!   in bit order, then the child nodes in bit order;
//! - collision node: `hash | count << 32`, then key/value pairs.
//!
//! Canonical form (CHAMP): a child that would hold a single entry and no
//! children is inlined into its parent, so a map's shape depends only on
//! its contents.
//!
//! Ownership: every constructor retains what it stores; operations take
//! borrowed words and return a new collection the caller owns.

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::object::Kind;
use crate::word::Word;

const BITS: u32 = 5;

fn frag(h: u32, shift: u32) -> u32 {
    (h >> shift) & 31
}

fn rank(map: u32, bit: u32) -> usize {
    (map & (bit - 1)).count_ones() as usize
}

/// A trie node read from the file.
enum Node {
    Champ {
        datamap: u32,
        nodemap: u32,
        pairs: Vec<(Word, Word)>,
        children: Vec<Word>,
    },
    Collision {
        hash: u32,
        pairs: Vec<(Word, Word)>,
    },
}

impl Env {
    fn read_node(&self, n: Word) -> Result<Node> {
        let off = n.as_object().ok_or(HeapError::BadOffset {
            offset: n.bits(),
            detail: "map node is not an object",
        })?;
        let kind = self.header_of(off)?.kind;
        let meta = self.load_word(off, 0)?.bits();
        let (lo, hi) = (meta as u32, (meta >> 32) as u32);
        let pairs_at = |count: usize| -> Result<Vec<(Word, Word)>> {
            (0..count as u64)
                .map(|i| {
                    Ok((
                        self.load_word(off, 1 + 2 * i)?,
                        self.load_word(off, 2 + 2 * i)?,
                    ))
                })
                .collect()
        };
        match kind {
            Kind::MapNode => {
                if lo & hi != 0 {
                    return Err(HeapError::CorruptObject {
                        offset: off,
                        detail: "map node bitmaps overlap",
                    });
                }
                let d = lo.count_ones() as u64;
                let pairs = pairs_at(d as usize)?;
                let children = (0..u64::from(hi.count_ones()))
                    .map(|j| self.load_word(off, 1 + 2 * d + j))
                    .collect::<Result<_>>()?;
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
    fn write_node(&self, node: &Node) -> Result<Word> {
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
        let stored = pairs.iter().flat_map(|(k, v)| [k, v]).chain(children);
        for (i, &w) in (1..).zip(stored) {
            self.retain(w)?;
            self.init_word(off, i, w)?;
        }
        Ok(Word::object(off))
    }

    /// Writes `node`, then gives up this code's ownership of `fresh`.
    fn write_node_fresh(&self, node: &Node, fresh: Option<Word>) -> Result<Word> {
        let w = self.write_node(node)?;
        if let Some(f) = fresh {
            self.release(f)?;
        }
        Ok(w)
    }

    /// A node holding two entries that collide down to `shift`.
    fn merge(&self, a: (Word, Word, u32), b: (Word, Word, u32), shift: u32) -> Result<Word> {
        if shift >= 32 {
            return self.write_node(&Node::Collision {
                hash: a.2,
                pairs: vec![(a.0, a.1), (b.0, b.1)],
            });
        }
        let (fa, fb) = (frag(a.2, shift), frag(b.2, shift));
        if fa != fb {
            let pairs = if fa < fb {
                vec![(a.0, a.1), (b.0, b.1)]
            } else {
                vec![(b.0, b.1), (a.0, a.1)]
            };
            return self.write_node(&Node::Champ {
                datamap: 1 << fa | 1 << fb,
                nodemap: 0,
                pairs,
                children: vec![],
            });
        }
        let child = self.merge(a, b, shift + BITS)?;
        let node = Node::Champ {
            datamap: 0,
            nodemap: 1 << fa,
            pairs: vec![],
            children: vec![child],
        };
        self.write_node_fresh(&node, Some(child))
    }

    /// Lookup reading only the words on the path (no copies).
    fn node_get(&self, mut n: Word, k: Word, h: u32) -> Result<Option<Word>> {
        let mut shift = 0;
        loop {
            let off = n.as_object().ok_or(HeapError::BadOffset {
                offset: n.bits(),
                detail: "map node is not an object",
            })?;
            let kind = self.header_of(off)?.kind;
            let meta = self.load_word(off, 0)?.bits();
            let (lo, hi) = (meta as u32, (meta >> 32) as u32);
            match kind {
                Kind::MapNode => {
                    let bit = 1 << frag(h, shift);
                    if lo & bit != 0 {
                        let i = rank(lo, bit) as u64;
                        let k0 = self.load_word(off, 1 + 2 * i)?;
                        return Ok(if self.equals(k0, k)? {
                            Some(self.load_word(off, 2 + 2 * i)?)
                        } else {
                            None
                        });
                    }
                    if hi & bit == 0 {
                        return Ok(None);
                    }
                    let d = u64::from(lo.count_ones());
                    n = self.load_word(off, 1 + 2 * d + rank(hi, bit) as u64)?;
                    shift += BITS;
                }
                Kind::CollisionNode => {
                    for i in 0..u64::from(hi) {
                        if self.equals(self.load_word(off, 1 + 2 * i)?, k)? {
                            return Ok(Some(self.load_word(off, 2 + 2 * i)?));
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

    /// `Ok(None)` if nothing changes (the key already maps to this very word).
    fn node_assoc(
        &self,
        n: Word,
        k: Word,
        v: Word,
        h: u32,
        shift: u32,
    ) -> Result<Option<(Word, bool)>> {
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
                    let (k0, v0) = pairs[i];
                    if self.equals(k0, k)? {
                        if v0 == v {
                            return Ok(None);
                        }
                        pairs[i].1 = v;
                        return Ok(Some((
                            self.write_node(&Node::Champ {
                                datamap,
                                nodemap,
                                pairs,
                                children,
                            })?,
                            false,
                        )));
                    }
                    let child =
                        self.merge((k0, v0, self.hash(k0)? as u32), (k, v, h), shift + BITS)?;
                    pairs.remove(i);
                    children.insert(rank(nodemap, bit), child);
                    let node = Node::Champ {
                        datamap: datamap & !bit,
                        nodemap: nodemap | bit,
                        pairs,
                        children,
                    };
                    return Ok(Some((self.write_node_fresh(&node, Some(child))?, true)));
                }
                if nodemap & bit != 0 {
                    let j = rank(nodemap, bit);
                    let Some((child, added)) =
                        self.node_assoc(children[j], k, v, h, shift + BITS)?
                    else {
                        return Ok(None);
                    };
                    children[j] = child;
                    let node = Node::Champ {
                        datamap,
                        nodemap,
                        pairs,
                        children,
                    };
                    return Ok(Some((self.write_node_fresh(&node, Some(child))?, added)));
                }
                pairs.insert(rank(datamap, bit), (k, v));
                Ok(Some((
                    self.write_node(&Node::Champ {
                        datamap: datamap | bit,
                        nodemap,
                        pairs,
                        children,
                    })?,
                    true,
                )))
            }
            Node::Collision { hash, mut pairs } => {
                for i in 0..pairs.len() {
                    if self.equals(pairs[i].0, k)? {
                        if pairs[i].1 == v {
                            return Ok(None);
                        }
                        pairs[i].1 = v;
                        return Ok(Some((
                            self.write_node(&Node::Collision { hash, pairs })?,
                            false,
                        )));
                    }
                }
                pairs.push((k, v));
                Ok(Some((
                    self.write_node(&Node::Collision { hash, pairs })?,
                    true,
                )))
            }
        }
    }

    /// The single entry of a node that holds exactly one and no children.
    fn singleton(&self, n: Word) -> Result<Option<(Word, Word)>> {
        Ok(match self.read_node(n)? {
            Node::Champ {
                pairs, children, ..
            } if pairs.len() == 1 && children.is_empty() => Some(pairs[0]),
            Node::Collision { pairs, .. } if pairs.len() == 1 => Some(pairs[0]),
            _ => None,
        })
    }

    /// `Ok(None)`: key absent. `Ok(Some(None))`: the node is now empty.
    fn node_dissoc(&self, n: Word, k: Word, h: u32, shift: u32) -> Result<Option<Option<Word>>> {
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

    fn hamt(&self, kind: Kind, m: Word) -> Result<(u64, Word)> {
        let off = self.expect_kind(m, kind)?;
        Ok((self.load_word(off, 0)?.bits(), self.load_word(off, 1)?))
    }

    fn hamt_obj(&self, kind: Kind, count: u64, root: Word, fresh: bool) -> Result<Word> {
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
        let (_, root) = self.hamt(kind, m)?;
        if root.is_nil() {
            return Ok(None);
        }
        self.node_get(root, k, self.hash(k)? as u32)
    }

    fn hamt_assoc(&self, kind: Kind, m: Word, k: Word, v: Word) -> Result<Word> {
        let (count, root) = self.hamt(kind, m)?;
        let h = self.hash(k)? as u32;
        if root.is_nil() {
            let node = Node::Champ {
                datamap: 1 << frag(h, 0),
                nodemap: 0,
                pairs: vec![(k, v)],
                children: vec![],
            };
            let root = self.write_node(&node)?;
            return self.hamt_obj(kind, 1, root, true);
        }
        match self.node_assoc(root, k, v, h, 0)? {
            None => {
                self.retain(m)?;
                Ok(m)
            }
            Some((root, added)) => self.hamt_obj(kind, count + u64::from(added), root, true),
        }
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
            Some(None) => self.hamt_obj(kind, count - 1, Word::NIL, false),
            Some(Some(root)) => self.hamt_obj(kind, count - 1, root, true),
        }
    }

    /// A new empty map `{}`.
    pub fn map_empty(&self) -> Result<Word> {
        self.hamt_obj(Kind::Map, 0, Word::NIL, false)
    }

    /// The number of entries of map `m`.
    pub fn map_count(&self, m: Word) -> Result<u64> {
        Ok(self.hamt(Kind::Map, m)?.0)
    }

    /// `(get m k)`: the value of `k` in map `m`, read in place.
    pub fn map_get(&self, m: Word, k: Word) -> Result<Option<Word>> {
        self.hamt_get(Kind::Map, m, k)
    }

    /// `(assoc m k v)`: a new map (the same map, retained, if nothing changes).
    pub fn map_assoc(&self, m: Word, k: Word, v: Word) -> Result<Word> {
        self.hamt_assoc(Kind::Map, m, k, v)
    }

    /// `(dissoc m k)`: a new map without `k`.
    pub fn map_dissoc(&self, m: Word, k: Word) -> Result<Word> {
        self.hamt_dissoc(Kind::Map, m, k)
    }

    /// The entries of map `m` (in hash order), read in place.
    pub fn map_iter(&self, m: Word) -> Result<HamtIter<'_>> {
        let (_, root) = self.hamt(Kind::Map, m)?;
        Ok(HamtIter::new(self, root))
    }

    /// A new empty set `#{}`.
    pub fn set_empty(&self) -> Result<Word> {
        self.hamt_obj(Kind::Set, 0, Word::NIL, false)
    }

    /// The number of elements of set `s`.
    pub fn set_count(&self, s: Word) -> Result<u64> {
        Ok(self.hamt(Kind::Set, s)?.0)
    }

    /// `(contains? s x)`.
    pub fn set_contains(&self, s: Word, x: Word) -> Result<bool> {
        Ok(self.hamt_get(Kind::Set, s, x)?.is_some())
    }

    /// `(conj s x)`: a new set with `x`.
    pub fn set_conj(&self, s: Word, x: Word) -> Result<Word> {
        self.hamt_assoc(Kind::Set, s, x, Word::NIL)
    }

    /// `(disj s x)`: a new set without `x`.
    pub fn set_disj(&self, s: Word, x: Word) -> Result<Word> {
        self.hamt_dissoc(Kind::Set, s, x)
    }

    /// The elements of set `s` (in hash order), read in place.
    pub fn set_iter(&self, s: Word) -> Result<impl Iterator<Item = Result<Word>> + '_> {
        let (_, root) = self.hamt(Kind::Set, s)?;
        Ok(HamtIter::new(self, root).map(|r| r.map(|(k, _)| k)))
    }
}

/// One node being iterated: its entries, its children, and how far each is done.
type Frame = (Vec<(Word, Word)>, Vec<Word>, usize, usize);

/// Iterator over the entries of a map or set trie, depth first.
pub struct HamtIter<'e> {
    env: &'e Env,
    stack: Vec<Frame>,
    pending: Option<Word>,
}

impl std::fmt::Debug for HamtIter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HamtIter")
            .field("depth", &self.stack.len())
            .finish()
    }
}

impl<'e> HamtIter<'e> {
    fn new(env: &'e Env, root: Word) -> Self {
        HamtIter {
            env,
            stack: Vec::new(),
            pending: if root.is_nil() { None } else { Some(root) },
        }
    }
}

impl Iterator for HamtIter<'_> {
    type Item = Result<(Word, Word)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(n) = self.pending.take() {
                match self.env.read_node(n) {
                    Ok(Node::Champ {
                        pairs, children, ..
                    }) => self.stack.push((pairs, children, 0, 0)),
                    Ok(Node::Collision { pairs, .. }) => self.stack.push((pairs, Vec::new(), 0, 0)),
                    Err(e) => {
                        self.stack.clear();
                        return Some(Err(e));
                    }
                }
            }
            let (pairs, children, pi, ci) = self.stack.last_mut()?;
            if *pi < pairs.len() {
                *pi += 1;
                return Some(Ok(pairs[*pi - 1]));
            }
            if *ci < children.len() {
                *ci += 1;
                self.pending = Some(children[*ci - 1]);
                continue;
            }
            self.stack.pop();
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

    fn node_findings(
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
                    out.push(format!(
                        "node {n:?} below the last hash level is not a collision node"
                    ));
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
