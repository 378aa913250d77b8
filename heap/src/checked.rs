//! [`Obj`]: a checked handle of one object — validated once when its
//! offset comes in from the file (a root, a var, another object's field,
//! a handle), then read with plain loads.
//!
//! Invariants of an `Obj<'e>` (made only by [`Env::obj`] and
//! [`Env::obj_at`], which run the whole header check of `header_of`):
//! - `off` is 16-aligned, past the file header, and the whole block
//!   `off .. off + block_size(class)` lies below the committed file length
//!   (so every byte of it is mapped and backed by the file; the mapping
//!   never moves and the file never shrinks, so this stays true for `'e`);
//! - `header` is what the header word held when it was checked: a known
//!   kind, a size class below `CLASS_COUNT`, not a carve header;
//! - `words` is the block's payload, one atomic word per 8 bytes after the
//!   header word: reading word `i` is a slice index (one compare against
//!   the block's length, never past the block, so a count read from a
//!   damaged object can at worst read the rest of its own block).
//!
//! What it does not promise: that the object is still alive. That is the
//! caller's, as for every read (a count, a pin or a parent holding it;
//! `handle.rs`). A freed and reused block is still mapped memory accessed
//! atomically, so a stale `Obj` reads garbage words, never out of bounds;
//! every word read through one is validated again where it is followed
//! (it is an offset that enters the process: `Env::obj` checks it).

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::object_header::{HEADER_BYTES, HOST_CLEAN, IMMORTAL, Kind, ObjectHeader};
use crate::word::Word;
use std::sync::atomic::{AtomicU64, Ordering};

/// An object whose header and block bounds were validated once (see the
/// module comment for what that guarantees).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Obj<'e> {
    /// The object's offset.
    pub(crate) off: u64,
    /// Its header as checked.
    pub(crate) header: ObjectHeader,
    /// The payload words of its block.
    words: &'e [AtomicU64],
}

impl<'e> Obj<'e> {
    /// The object's kind.
    #[inline]
    pub(crate) fn kind(&self) -> Kind {
        self.header.kind
    }

    /// Payload word `i` (a Relaxed load: objects are immutable once
    /// published, and the Acquire of the header check ordered it after
    /// the store that published the object). An error past the block.
    #[inline]
    pub(crate) fn word(&self, i: u64) -> Result<Word> {
        match self.words.get(i as usize) {
            Some(w) => Ok(Word::from_bits(w.load(Ordering::Relaxed))),
            None => Err(self.short()),
        }
    }

    /// Payload words `first .. first + n`, or an error past the block.
    #[inline]
    pub(crate) fn words(&self, first: u64, n: u64) -> Result<&'e [AtomicU64]> {
        let end = first.checked_add(n).ok_or_else(|| self.short())?;
        self.words
            .get(first as usize..end as usize)
            .ok_or_else(|| self.short())
    }

    /// All payload words of the block (readers go by the object's own
    /// counts, which they check against this length).
    #[inline]
    pub(crate) fn payload(&self) -> &'e [AtomicU64] {
        self.words
    }

    /// Bytes `start .. start + len` of the payload (counted from the
    /// first byte after the header word), or an error unless they lie
    /// inside the block: a length read from a damaged object never reaches
    /// past it.
    ///
    /// # Safety
    /// The bytes are not written while the slice lives: they are payload
    /// bytes of an object (a string, bigint, ...) written before it was
    /// published and never again, which the caller holds a count of or
    /// reads under a pin for the slice's lifetime (as `Env::block_bytes`).
    #[inline]
    pub(crate) unsafe fn bytes(&self, start: u64, len: u64) -> Result<&'e [u8]> {
        let size = self.words.len() as u64 * 8;
        if start.checked_add(len).is_none_or(|end| end > size) {
            return Err(HeapError::CorruptObject {
                offset: self.off,
                detail: "length larger than its block",
            });
        }
        // SAFETY: `start .. start + len` lies inside the payload words,
        // which `obj_at` proved mapped and file-backed for `'e`; by the
        // caller's guarantee nobody writes them while the slice lives.
        Ok(unsafe {
            std::slice::from_raw_parts(
                (self.words.as_ptr() as *const u8).add(start as usize),
                len as usize,
            )
        })
    }

    /// Whether the count the header held when checked was exactly one and
    /// the object is not immortal nor marked clean: `Env::sole_owner`
    /// without a second header check.
    #[inline]
    pub(crate) fn sole_owned(&self) -> bool {
        self.header.refcount == 1 && self.header.flags & (IMMORTAL | HOST_CLEAN) == 0
    }

    /// The object word.
    #[inline]
    pub(crate) fn word_of(&self) -> Word {
        Word::object(self.off)
    }

    #[cold]
    fn short(&self) -> HeapError {
        HeapError::CorruptObject {
            offset: self.off,
            detail: "object shorter than its count",
        }
    }
}

impl Env {
    /// The checked handle of the object at `off`: its header validated
    /// (`header_of`) and its block's payload as words.
    #[inline]
    pub(crate) fn obj_at(&self, off: u64) -> Result<Obj<'_>> {
        let header = self.header_of(off)?;
        let words = (crate::block_layout::block_size_of(header.class) / 8 - 1) as usize;
        // SAFETY: `header_of` checked that the whole block `off ..
        // off + block_size` lies in the allocated, file-backed part of the
        // mapping (which never moves nor shrinks while `self` lives),
        // 16-aligned; the payload words follow the header inside it, and
        // shared words are only ever accessed atomically.
        let words = unsafe {
            std::slice::from_raw_parts(
                self.mapping.map_ptr().add((off + HEADER_BYTES) as usize) as *const AtomicU64,
                words,
            )
        };
        Ok(Obj { off, header, words })
    }

    /// The checked handle of the object `w` refers to (an error for an
    /// immediate).
    #[inline]
    pub(crate) fn obj(&self, w: Word) -> Result<Obj<'_>> {
        match w.as_object() {
            Some(off) => self.obj_at(off),
            None => Err(HeapError::BadOffset {
                offset: w.bits(),
                detail: "not an object word",
            }),
        }
    }

    /// The checked handle of the object `w` refers to, which must be of
    /// `kind`.
    #[inline]
    pub(crate) fn obj_of(&self, w: Word, kind: Kind) -> Result<Obj<'_>> {
        if let Some(off) = w.as_object() {
            let o = self.obj_at(off)?;
            if o.header.kind == kind {
                return Ok(o);
            }
        }
        Err(self.wrong_kind(w, kind))
    }
}
