//! Walking the CHAMP trie of a hash map or set (`champ.rs`) in order, and
//! resuming such a walk from a position kept as plain integers.
//!
//! The order is depth first, by hash-bit position at each level (an entry
//! and a sub-node of one node are visited by their bit position, as
//! Clojure's hash map visits its nodes, so a map of more than 8 entries
//! lists its keys in Clojure's order).
//!
//! A position is the number of steps (entries and children passed) taken
//! at each level of the path from the root to the node of the entry last
//! given: resuming reads only the nodes on that path, O(depth), however
//! far into the trie the walk is. The evaluator's chunked seqs over maps
//! and sets keep it in a value of the env file, so any process goes on
//! where another stopped (`Ref::hash_entries_from` in `handle.rs`).

use crate::checked::Obj;
use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::object_header::Kind;
use crate::word::Word;

/// Iterator over the entries of a map or set trie, in the order above.
pub struct HamtIter<'e> {
    env: &'e Env,
    stack: Vec<Level<'e>>,
    pending: Option<Word>,
}

/// One node being visited, read in place: the checked node, how many
/// entries and children it has, the bitmaps of those not visited yet, and
/// how many of each were visited.
struct Level<'e> {
    node: Obj<'e>,
    pairs: usize,
    children: usize,
    data_left: u32,
    nodes_left: u32,
    pi: usize,
    ci: usize,
}

/// What one step at a level passes: an entry or a child (their indexes).
enum Step {
    Pair(usize),
    Child(usize),
}

impl<'e> Level<'e> {
    /// The level of trie node `n`: its shape checked once (a known node
    /// kind, disjoint bitmaps, every entry and child inside its block).
    fn of(env: &'e Env, n: Word) -> Result<Level<'e>> {
        let node = env.obj(n)?;
        let meta = node.word(0)?.bits();
        let (lo, hi) = (meta as u32, (meta >> 32) as u32);
        let level = match node.kind() {
            Kind::MapNode => {
                if lo & hi != 0 {
                    return Err(HeapError::CorruptObject {
                        offset: node.off,
                        detail: "map node bitmaps overlap",
                    });
                }
                Level {
                    node,
                    pairs: lo.count_ones() as usize,
                    children: hi.count_ones() as usize,
                    data_left: lo,
                    nodes_left: hi,
                    pi: 0,
                    ci: 0,
                }
            }
            // A collision node: its entries in order.
            Kind::CollisionNode => Level {
                node,
                pairs: hi as usize,
                children: 0,
                data_left: u32::MAX,
                nodes_left: 0,
                pi: 0,
                ci: 0,
            },
            other => {
                return Err(HeapError::WrongKind {
                    expected: "map node",
                    found: other.name().into(),
                });
            }
        };
        if (1 + 2 * level.pairs + level.children) > node.payload().len() {
            return Err(HeapError::CorruptObject {
                offset: node.off,
                detail: "map node shorter than its bitmaps",
            });
        }
        Ok(level)
    }

    /// Entry `p` of the node.
    fn pair(&self, p: usize) -> Result<(Word, Word)> {
        let i = 1 + 2 * p as u64;
        Ok((self.node.word(i)?, self.node.word(i + 1)?))
    }

    /// Child `c` of the node.
    fn child(&self, c: usize) -> Result<Word> {
        self.node.word((1 + 2 * self.pairs + c) as u64)
    }

    /// The next entry or child of this node, by bit position.
    fn step(&mut self) -> Option<Step> {
        let data_bit = self.data_left.trailing_zeros();
        let node_bit = self.nodes_left.trailing_zeros();
        let data_next = self.pi < self.pairs && (data_bit < node_bit || self.ci >= self.children);
        if data_next {
            self.data_left &= !(1u32.checked_shl(data_bit).unwrap_or(0));
            self.pi += 1;
            return Some(Step::Pair(self.pi - 1));
        }
        if self.ci < self.children {
            self.nodes_left &= !(1u32.checked_shl(node_bit).unwrap_or(0));
            self.ci += 1;
            return Some(Step::Child(self.ci - 1));
        }
        None
    }

    fn has_more(&self) -> bool {
        self.pi < self.pairs || self.ci < self.children
    }
}

impl std::fmt::Debug for HamtIter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HamtIter")
            .field("depth", &self.stack.len())
            .finish()
    }
}

/// Levels of a hash trie above its collision nodes: 32 hash bits, 5 a level.
const MAX_TRIE_DEPTH: usize = 7;

impl<'e> HamtIter<'e> {
    /// A walk of the trie under `root` (nil: an empty one) from its start.
    pub(crate) fn new(env: &'e Env, root: Word) -> Self {
        HamtIter {
            env,
            stack: Vec::with_capacity(MAX_TRIE_DEPTH + 1),
            pending: if root.is_nil() { None } else { Some(root) },
        }
    }

    /// A walk of the trie under `root` resumed at `position` (what
    /// [`Self::position`] gave on a walk of the same trie; empty: the
    /// start). A position that does not fit the trie is an
    /// [`HeapError::IndexOutOfBounds`].
    pub(crate) fn resume(env: &'e Env, root: Word, position: &[u64]) -> Result<Self> {
        if position.is_empty() || root.is_nil() {
            return Ok(HamtIter::new(env, root));
        }
        if position.len() > MAX_TRIE_DEPTH + 1 {
            return Err(HeapError::IndexOutOfBounds {
                index: position.len() as u64,
                count: MAX_TRIE_DEPTH as u64 + 1,
            });
        }
        let mut stack: Vec<Level<'e>> = Vec::with_capacity(position.len());
        let mut node = root;
        for (depth, &steps) in position.iter().enumerate() {
            let mut level = Level::of(env, node)?;
            let available = (level.pairs + level.children) as u64;
            if steps > available {
                return Err(HeapError::IndexOutOfBounds {
                    index: steps,
                    count: available,
                });
            }
            let mut last = None;
            for _ in 0..steps {
                last = level.step();
            }
            if depth + 1 < position.len() {
                // The walk went down into the child passed last.
                match last {
                    Some(Step::Child(c)) => node = level.child(c)?,
                    _ => {
                        return Err(HeapError::IndexOutOfBounds {
                            index: steps,
                            count: available,
                        });
                    }
                }
            }
            stack.push(level);
        }
        Ok(HamtIter {
            env,
            stack,
            pending: None,
        })
    }

    /// Where the walk stands (between two entries): the steps taken at
    /// each level of the current path, for [`Self::resume`].
    pub(crate) fn position(&self) -> Vec<u64> {
        self.stack.iter().map(|l| (l.pi + l.ci) as u64).collect()
    }

    /// Whether no entry is left (every node on the path is passed; a child
    /// never is empty, so one not passed yet holds an entry).
    pub(crate) fn is_done(&self) -> bool {
        self.pending.is_none() && !self.stack.iter().any(Level::has_more)
    }
}

impl Iterator for HamtIter<'_> {
    type Item = Result<(Word, Word)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(n) = self.pending.take() {
                // Seven levels of 5 hash bits, then a collision node: a
                // deeper trie is damaged (a node that is its own
                // descendant would be walked forever).
                if self.stack.len() > MAX_TRIE_DEPTH {
                    self.stack.clear();
                    return Some(Err(HeapError::CorruptObject {
                        offset: n.as_object().unwrap_or(0),
                        detail: "hash trie deeper than its hash bits (a damaged or cyclic map)",
                    }));
                }
                match Level::of(self.env, n) {
                    Ok(level) => self.stack.push(level),
                    Err(e) => {
                        self.stack.clear();
                        return Some(Err(e));
                    }
                }
            }
            let l = self.stack.last_mut()?;
            match l.step() {
                Some(Step::Pair(p)) => return Some(l.pair(p)),
                Some(Step::Child(c)) => match l.child(c) {
                    Ok(child) => self.pending = Some(child),
                    Err(e) => {
                        self.stack.clear();
                        return Some(Err(e));
                    }
                },
                None => {
                    self.stack.pop();
                }
            }
        }
    }
}

/// A run of a trie's entries and the position after it (`None` at the
/// end).
pub(crate) type WordsRun = (Vec<(Word, Word)>, Option<Vec<u64>>);

impl Env {
    /// Up to `max` entries of hash map or set `m` (of kind `kind`) from
    /// `position`, and the position after them (`None` when no entry is
    /// left).
    pub(crate) fn hash_entries_words(
        &self,
        kind: Kind,
        m: Word,
        position: &[u64],
        max: usize,
    ) -> Result<WordsRun> {
        let (_, root) = self.hamt(kind, m)?;
        let mut it = HamtIter::resume(self, root, position)?;
        let mut out = Vec::with_capacity(max.min(64));
        while out.len() < max {
            match it.next() {
                Some(e) => out.push(e?),
                None => break,
            }
        }
        let after = (!it.is_done()).then(|| it.position());
        Ok((out, after))
    }
}
