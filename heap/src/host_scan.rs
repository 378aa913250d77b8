//! Finding a process-local host-object word (`word.rs`, tag `1000`) inside
//! a value before it is published into a root: the evaluator refuses to
//! store such a value in a var root, an atom or a ref, because the word
//! names an entry of one process's table and means nothing elsewhere.
//!
//! The walk follows an object's children (`Env::children`, as `check`
//! does) and stops at atoms, vars, namespaces and names: an atom's value
//! went through the same refusal when it was stored (or is one a future,
//! promise or delay holds, which the evaluator allows within a process),
//! and vars, namespaces, symbols and keywords never hold a host word.
//! Code objects are not walked either: their bodies are the forms the
//! reader and macros made.
//!
//! A subtree found clean is marked with the header flag [`HOST_CLEAN`]
//! (an atomic `fetch_or` on the header word, safe beside concurrent count
//! updates, which CAS the whole word), so a later publication of a value
//! built on it (a `swap!` of a large map: the new path plus the clean
//! subtrees it shares) walks only what is new. Objects are immutable once
//! made, except where their sole owner updates them in place:
//! `Env::sole_owner` answers false for a marked object, so a marked
//! object never changes. Lazy seqs (whose cells change once, by CAS) are
//! walked but never marked.

use crate::env::Env;
use crate::error::Result;
use crate::object_header::{HOST_CLEAN, Kind};
use crate::word::{Decoded, Word};
use std::sync::atomic::Ordering;

impl Env {
    /// The first host-object word found in `w` or in the objects it refers
    /// to (see the module docs for where the walk stops), or `None`. The
    /// caller holds a count of `w` (or a pin under which it is valid),
    /// which keeps its children alive.
    pub(crate) fn find_host_word(&self, w: Word) -> Result<Option<Word>> {
        // (object offset, index of the next child to look at, children)
        let mut stack: Vec<(u64, usize, crate::check::Children)> = Vec::new();
        let mut found = None;
        let enter = |env: &Env, w: Word, found: &mut Option<Word>| -> Result<Option<u64>> {
            match w.decode() {
                Decoded::Host(_) => {
                    *found = Some(w);
                    Ok(None)
                }
                Decoded::Object(off) => {
                    let h = env.header_of(off)?;
                    if h.flags & HOST_CLEAN != 0 {
                        return Ok(None);
                    }
                    Ok(match h.kind {
                        Kind::Atom
                        | Kind::Volatile
                        | Kind::Var
                        | Kind::Namespace
                        | Kind::Symbol
                        | Kind::Keyword
                        | Kind::Code
                        | Kind::InternNode
                        | Kind::RetireBatch
                        | Kind::Snapshot
                        | Kind::String
                        | Kind::Pattern
                        | Kind::Int64
                        | Kind::Float64
                        | Kind::BigInt => None,
                        _ => Some(off),
                    })
                }
                _ => Ok(None),
            }
        };
        if let Some(off) = enter(self, w, &mut found)? {
            let kind = self.header_of(off)?.kind;
            stack.push((off, 0, self.children(off, kind)?));
        }
        while found.is_none() {
            let Some(top) = stack.last_mut() else { break };
            let (off, next) = (top.0, top.1);
            match top.2.get(next).copied() {
                Some(child) => {
                    top.1 += 1;
                    if let Some(c) = enter(self, child, &mut found)? {
                        let kind = self.header_of(c)?.kind;
                        stack.push((c, 0, self.children(c, kind)?));
                    }
                }
                None => {
                    stack.pop();
                    self.mark_host_clean(off)?;
                }
            }
        }
        Ok(found)
    }

    /// Marks the object at `off` as holding no host word (not lazy seqs,
    /// whose cells may still change; nothing on a read-only mapping).
    fn mark_host_clean(&self, off: u64) -> Result<()> {
        if self.is_read_only() || self.header_of(off)?.kind == Kind::LazySeq {
            return Ok(());
        }
        self.mapping
            .word_at(off)?
            .fetch_or(u64::from(HOST_CLEAN) << 16, Ordering::Relaxed);
        Ok(())
    }
}
