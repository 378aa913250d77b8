//! The intern table: symbols and keywords interned in the file, so the same
//! name gives the same object offset in every process and identity is one
//! word compare.
//!
//! The table (root word [`ROOT_INTERN`]) is an insert-only concurrent hash
//! trie over a 64-bit FNV hash of (kind, ns, name), 5 bits per level:
//! - a node is an object of 32 slot words;
//! - a slot is 0 (empty), an entry (symbol/keyword word) or a child node
//!   (its offset with bit 0 set);
//! - a slot only ever goes 0 → entry → child, each step by CAS, and entries
//!   are immortal and never removed, so there is no ABA and readers need no
//!   protection;
//! - at the last level (hash bits used up) a slot holds a chain of entries
//!   linked through their `next` word, pushed by CAS.
//!
//! Symbol/keyword layout: header, ns string word (+8, nil if none), name
//! string word (+16), Clojure hash `i32` (+24), intern hash `u64` (+32),
//! next entry word (+40).

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::hash;
use crate::header::{OFF_ROOTS, ROOT_INTERN};
use crate::object_header::{IMMORTAL, Kind};
use crate::word::Word;
use std::sync::atomic::{AtomicU64, Ordering};

const FANOUT: u64 = 32;
const BITS: u32 = 5;
/// Levels of the trie; at `MAX_LEVEL` slots hold collision chains.
const MAX_LEVEL: u32 = 12;
const ENTRY_PAYLOAD: u64 = 40;

/// The trie hash of a symbol or keyword `ns/name`.
fn name_hash(kind: Kind, ns: Option<&str>, name: &str) -> u64 {
    hash::fnv64(&[
        &[kind as u8],
        ns.unwrap_or("").as_bytes(),
        &[u8::from(ns.is_some())],
        name.as_bytes(),
    ])
}

struct Candidate {
    entry: u64,
    strings: [Word; 2],
}

impl Env {
    /// The interned symbol `ns/name` (or `name` without a namespace).
    pub(crate) fn symbol(&self, ns: Option<&str>, name: &str) -> Result<Word> {
        self.intern(Kind::Symbol, ns, name)
    }

    /// The interned keyword `:ns/name` (or `:name`).
    pub(crate) fn keyword(&self, ns: Option<&str>, name: &str) -> Result<Word> {
        self.intern(Kind::Keyword, ns, name)
    }

    /// The namespace and name of symbol or keyword `w`, read in place.
    pub(crate) fn symbol_parts(&self, w: Word) -> Result<(Option<&str>, &str)> {
        let off = w.as_object().ok_or_else(|| HeapError::WrongKind {
            expected: "symbol or keyword",
            found: format!("{:?}", w.decode()),
        })?;
        let kind = self.header_of(off)?.kind;
        if kind != Kind::Symbol && kind != Kind::Keyword {
            return Err(HeapError::WrongKind {
                expected: "symbol or keyword",
                found: kind.name().to_string(),
            });
        }
        self.entry_parts(off)
    }

    fn entry_parts(&self, off: u64) -> Result<(Option<&str>, &str)> {
        let ns = Word::from_bits(self.mapping.word_at(off + 8)?.load(Ordering::Relaxed));
        let name = Word::from_bits(self.mapping.word_at(off + 16)?.load(Ordering::Relaxed));
        let ns = if ns.is_nil() {
            None
        } else {
            Some(self.str(ns)?)
        };
        Ok((ns, self.str(name)?))
    }

    /// Calls `f` with the namespace and name of every interned keyword
    /// (`keywords`) or symbol, in no particular order (for completion in a
    /// REPL). Entries are immortal and slots only grow, so the walk needs
    /// no pin; names interned during it may or may not be seen.
    pub fn for_each_interned(
        &self,
        keywords: bool,
        mut f: impl FnMut(Option<&str>, &str),
    ) -> Result<()> {
        let want = if keywords {
            Kind::Keyword
        } else {
            Kind::Symbol
        };
        let mut nodes = vec![self.intern_root()?];
        while let Some(node) = nodes.pop() {
            for i in 0..FANOUT {
                let slot = self
                    .mapping
                    .word_at(node + 8 + 8 * i)?
                    .load(Ordering::Acquire);
                if slot == 0 {
                    continue;
                }
                if slot & 1 == 1 {
                    nodes.push(self.node_of(slot)?);
                    continue;
                }
                // An entry, or the head of a collision chain.
                let mut e = slot;
                while e != 0 {
                    let kind = self.header_of(e)?.kind;
                    if !matches!(kind, Kind::Symbol | Kind::Keyword) {
                        return Err(HeapError::WrongKind {
                            expected: "interned entry",
                            found: kind.name().into(),
                        });
                    }
                    if kind == want {
                        let (ns, name) = self.entry_parts(e)?;
                        f(ns, name);
                    }
                    e = self.mapping.word_at(e + 40)?.load(Ordering::Acquire);
                }
            }
        }
        Ok(())
    }

    pub(crate) fn symbol_hash_at(&self, off: u64) -> Result<i32> {
        Ok(self.mapping.word_at(off + 24)?.load(Ordering::Relaxed) as u32 as i32)
    }

    fn intern_root(&self) -> Result<u64> {
        let root = self.mapping.hdr(OFF_ROOTS + 8 * ROOT_INTERN as u64);
        let cur = root.load(Ordering::Acquire);
        if cur != 0 {
            return self.node_of(cur);
        }
        let node = self.new_node()?;
        match root.compare_exchange(0, node, Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => Ok(node),
            Err(winner) => {
                // SAFETY: `node` lost the CAS that would have published it.
                unsafe { self.free_unpublished(node)? };
                self.node_of(winner)
            }
        }
    }

    fn node_of(&self, w: u64) -> Result<u64> {
        let off = w & !1;
        self.expect_kind(Word::from_bits(off), Kind::InternNode)
    }

    fn new_node(&self) -> Result<u64> {
        let node = self.new_object(Kind::InternNode, 8 * FANOUT, IMMORTAL)?;
        for i in 0..FANOUT {
            self.mapping
                .word_at(node + 8 + 8 * i)?
                .store(0, Ordering::Relaxed);
        }
        Ok(node)
    }

    fn slot(&self, node: u64, hash: u64, level: u32) -> Result<&AtomicU64> {
        let idx = (hash >> (BITS * level)) & (FANOUT - 1);
        self.mapping.word_at(node + 8 + 8 * idx)
    }

    fn entry_matches(
        &self,
        entry: u64,
        kind: Kind,
        ns: Option<&str>,
        name: &str,
        h: u64,
    ) -> Result<bool> {
        if self.mapping.word_at(entry + 32)?.load(Ordering::Relaxed) != h
            || self.header_of(entry)?.kind != kind
        {
            return Ok(false);
        }
        Ok(self.entry_parts(entry)? == (ns, name))
    }

    fn build(&self, kind: Kind, ns: Option<&str>, name: &str, h: u64) -> Result<Candidate> {
        let ns_word = match ns {
            Some(ns) => self.new_string_flags(ns, IMMORTAL)?,
            None => Word::NIL,
        };
        let name_word = self.new_string_flags(name, IMMORTAL)?;
        let clj = match kind {
            Kind::Keyword => hash::hash_keyword(ns, name),
            _ => hash::hash_symbol(ns, name),
        };
        let entry = self.new_object(kind, ENTRY_PAYLOAD, IMMORTAL)?;
        self.mapping
            .word_at(entry + 8)?
            .store(ns_word.bits(), Ordering::Relaxed);
        self.mapping
            .word_at(entry + 16)?
            .store(name_word.bits(), Ordering::Relaxed);
        self.mapping
            .word_at(entry + 24)?
            .store(u64::from(clj as u32), Ordering::Relaxed);
        self.mapping
            .word_at(entry + 32)?
            .store(h, Ordering::Relaxed);
        self.mapping
            .word_at(entry + 40)?
            .store(0, Ordering::Relaxed);
        Ok(Candidate {
            entry,
            strings: [ns_word, name_word],
        })
    }

    fn discard(&self, c: Option<Candidate>) -> Result<()> {
        if let Some(c) = c {
            // A candidate's entry and strings were built by this thread and
            // never published (its CAS into the trie lost or was never
            // tried).
            for s in c.strings.into_iter().filter_map(Word::as_object) {
                // SAFETY: an unpublished string of the candidate (above).
                unsafe { self.free_unpublished(s)? };
            }
            // SAFETY: the candidate's unpublished entry (above).
            unsafe { self.free_unpublished(c.entry)? };
        }
        Ok(())
    }

    fn intern(&self, kind: Kind, ns: Option<&str>, name: &str) -> Result<Word> {
        let h = name_hash(kind, ns, name);
        self.intern_hashed(kind, ns, name, h)
    }

    /// The interned symbol or keyword `ns/name`, if it is in the table;
    /// interns nothing. It follows the path an insert takes: a slot
    /// holding another name means the name was never interned (inserting
    /// it would have pushed that entry down and made the slot a node).
    pub(crate) fn find_interned(
        &self,
        kind: Kind,
        ns: Option<&str>,
        name: &str,
    ) -> Result<Option<Word>> {
        let h = name_hash(kind, ns, name);
        let mut node = self.intern_root()?;
        let mut level = 0;
        loop {
            let cur = self.slot(node, h, level)?.load(Ordering::Acquire);
            if cur & 1 == 1 {
                node = self.node_of(cur)?;
                level += 1;
                continue;
            }
            if level == MAX_LEVEL {
                return Ok(self.chain_find(cur, kind, ns, name, h)?.map(Word::object));
            }
            if cur != 0 && self.entry_matches(cur, kind, ns, name, h)? {
                return Ok(Some(Word::object(cur)));
            }
            return Ok(None);
        }
    }

    /// The entry for `ns/name` in the collision chain starting at entry
    /// `head` (0 for an empty chain), if it is there.
    fn chain_find(
        &self,
        head: u64,
        kind: Kind,
        ns: Option<&str>,
        name: &str,
        h: u64,
    ) -> Result<Option<u64>> {
        let mut e = head;
        while e != 0 {
            if self.entry_matches(e, kind, ns, name, h)? {
                return Ok(Some(e));
            }
            e = self.mapping.word_at(e + 40)?.load(Ordering::Acquire);
        }
        Ok(None)
    }

    /// Interns with a given trie hash (tests force collisions through it).
    pub(crate) fn intern_hashed(
        &self,
        kind: Kind,
        ns: Option<&str>,
        name: &str,
        h: u64,
    ) -> Result<Word> {
        let mut node = self.intern_root()?;
        let mut level = 0;
        let mut cand: Option<Candidate> = None;
        loop {
            let slot = self.slot(node, h, level)?;
            let cur = slot.load(Ordering::Acquire);
            if cur & 1 == 1 {
                node = self.node_of(cur)?;
                level += 1;
                continue;
            }
            if level == MAX_LEVEL {
                // Collision chain: search it, else push our entry.
                if let Some(e) = self.chain_find(cur, kind, ns, name, h)? {
                    self.discard(cand)?;
                    return Ok(Word::object(e));
                }
                let c = match cand.take() {
                    Some(c) => c,
                    None => self.build(kind, ns, name, h)?,
                };
                self.mapping
                    .word_at(c.entry + 40)?
                    .store(cur, Ordering::Relaxed);
                match slot.compare_exchange(cur, c.entry, Ordering::AcqRel, Ordering::Acquire) {
                    Ok(_) => return Ok(Word::object(c.entry)),
                    Err(_) => cand = Some(c),
                }
                continue;
            }
            if cur == 0 {
                let c = match cand.take() {
                    Some(c) => c,
                    None => self.build(kind, ns, name, h)?,
                };
                match slot.compare_exchange(0, c.entry, Ordering::AcqRel, Ordering::Acquire) {
                    Ok(_) => return Ok(Word::object(c.entry)),
                    Err(_) => cand = Some(c),
                }
                continue;
            }
            if self.entry_matches(cur, kind, ns, name, h)? {
                self.discard(cand)?;
                return Ok(Word::object(cur));
            }
            // Another name lives here: push it one level down.
            let other = self.mapping.word_at(cur + 32)?.load(Ordering::Relaxed);
            let child = self.new_node()?;
            self.slot(child, other, level + 1)?
                .store(cur, Ordering::Relaxed);
            if slot
                .compare_exchange(cur, child | 1, Ordering::AcqRel, Ordering::Acquire)
                .is_err()
            {
                // SAFETY: `child` lost the CAS that would have published it.
                unsafe { self.free_unpublished(child)? };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Env, EnvOptions, Kind, View};

    #[test]
    fn colliding_hashes_split_nodes_and_chain() {
        let dir = tempfile::tempdir().unwrap();
        let env = Env::open_with(
            dir.path().join("c.eve"),
            &EnvOptions::new().map_size(1 << 30),
        )
        .unwrap();
        // Names sharing long hash prefixes, and names sharing the whole hash.
        let hashes = [0u64, 1 << 59, 1 << 55, 0, 0, 7, 7 | 1 << 62];
        let mut words = Vec::new();
        for (i, &h) in hashes.iter().enumerate() {
            let name = format!("n{i}");
            let w = env.intern_hashed(Kind::Symbol, None, &name, h).unwrap();
            assert!(!words.contains(&w));
            words.push(w);
        }
        for round in 0..2 {
            for (i, &h) in hashes.iter().enumerate() {
                let name = format!("n{i}");
                let w = env.intern_hashed(Kind::Symbol, None, &name, h).unwrap();
                assert_eq!(w, words[i], "round {round} name {name}");
                assert_eq!(
                    env.view(w).unwrap(),
                    View::Symbol {
                        ns: None,
                        name: &name
                    }
                );
            }
        }
        // Same name and hash but another kind is another entry.
        let k = env.intern_hashed(Kind::Keyword, None, "n0", 0).unwrap();
        assert_ne!(k, words[0]);
        assert_eq!(env.intern_hashed(Kind::Keyword, None, "n0", 0).unwrap(), k);
        // Listing walks split nodes and collision chains alike.
        let mut names = Vec::new();
        env.for_each_interned(false, |_, n| names.push(n.to_string()))
            .unwrap();
        names.sort();
        assert_eq!(names, ["n0", "n1", "n2", "n3", "n4", "n5", "n6"]);
        let mut keywords = Vec::new();
        env.for_each_interned(true, |_, n| keywords.push(n.to_string()))
            .unwrap();
        assert_eq!(keywords, ["n0"]);
    }
}
