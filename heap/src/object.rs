//! Objects in the file: allocating them, reading their headers (layout in
//! `object_header.rs`), and their reference counts.
//!
//! Header word (always accessed atomically, like the first word of every
//! block): bits 0..8 kind, 8..16 size class, 16..24 flags, 24..32 reserved
//! (sweep mark), 32..64 reference count. Objects flagged [`IMMORTAL`]
//! (symbols, keywords, their names, vars, namespaces) are never counted or
//! freed. A count is an ownership: a parent object, a root word or a
//! process-local handle. [`Env::release`] only reports when a count reaches
//! zero; freeing at zero (with the children's counts) happens in the epoch
//! layer, once no pinned reader can see the object.

use crate::block_layout::{Block, CARVE_MAGIC, CLASS_COUNT, block_size, block_size_of};
use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::header::HEADER_LEN;
use crate::object_header::{HEADER_BYTES, IMMORTAL, Kind, ObjectHeader, RC_ONE, encode};
use crate::word::Word;
use std::sync::atomic::{AtomicU64, Ordering};

impl Env {
    /// Allocates an object of `kind` with `payload` bytes after the header,
    /// count 1 (owned by the caller). The payload is uninitialized; the
    /// object is private until the caller publishes its word.
    pub(crate) fn new_object(&self, kind: Kind, payload: u64, flags: u8) -> Result<u64> {
        let block = self.alloc(HEADER_BYTES + payload)?;
        self.mapping
            .word_at(block.offset)?
            .store(encode(kind, block.class, flags, 1), Ordering::Relaxed);
        Ok(block.offset)
    }

    /// Frees the block of the object at `off` without touching its
    /// children's counts: an object that was never published (it lost a
    /// publication race, or was built and then not needed), or a shell
    /// whose counts were handed over to a copy.
    ///
    /// # Safety
    /// Nobody but the caller can reach the object at `off`, now or later:
    /// the calling thread allocated it and never published its word, or
    /// the caller holds its only count (reachable by nobody else; see
    /// `sole_owner`). The caller does not use it afterwards.
    pub(crate) unsafe fn free_unpublished(&self, off: u64) -> Result<()> {
        let h = self.header_of(off)?;
        // SAFETY: by the caller's guarantee, no other owner, thread or
        // process can hold or reach the block, so it may be reused at once.
        unsafe {
            self.allocator().free(Block {
                offset: off,
                class: h.class,
            })
        }
    }

    /// Whether the object at `off` has exactly one count and is not
    /// immortal: held by one owner only. An object the caller holds that
    /// one count of is reachable by nobody else — no root holds it (a root
    /// holds a count; a value taken out of a root is retired with that
    /// count until every reader pinned before has moved on) — so the
    /// caller may change it in place.
    pub(crate) fn sole_owner(&self, off: u64) -> Result<bool> {
        Ok(self.obj_at(off)?.sole_owned())
    }

    /// The header of the object at `off`, validated: a 16-aligned offset
    /// past the file header whose whole block lies in the file, holding a
    /// known kind and size class (not a carve header). Inlined fast path
    /// (a few compares and a table load); errors, and blocks past the file
    /// length this process last saw, take the cold path.
    #[inline]
    pub fn header_of(&self, off: u64) -> Result<ObjectHeader> {
        let known = self.mapping.known_len();
        if off % 16 == 0 && off >= HEADER_LEN && off < known {
            // SAFETY: `off` is 16-aligned, past the header and its word
            // ends at or below the known length (a multiple of 16 above
            // `off`), so it is mapped and backed.
            let w = unsafe { self.mapping.word_unchecked(off) }.load(Ordering::Acquire);
            let class = ((w >> 8) & 0xFF) as usize;
            if w & 0xFFFF_FFFF_0000_0000 != CARVE_MAGIC
                && class < CLASS_COUNT
                && off + block_size_of(class) <= known
                && let Some(kind) = Kind::from_u8(w as u8)
            {
                return Ok(ObjectHeader {
                    kind,
                    class,
                    flags: (w >> 16) as u8,
                    refcount: (w >> 32) as u32,
                });
            }
        }
        self.header_of_slow(off)
    }

    /// Whether `off` holds an immortal fn ([`Env::new_immortal_fn`]):
    /// such a block is never freed while processes run (nothing counts
    /// it; only a sweep, run alone, takes back one nothing reaches), so
    /// once seen it stays that fn. Other immortal kinds are not asked
    /// about: retire batches and unpublished intern entries are freed.
    #[inline]
    pub(crate) fn is_immortal_fn(&self, off: u64) -> bool {
        matches!(self.header_of(off), Ok(h) if h.kind == Kind::Fn && h.flags & IMMORTAL != 0)
    }

    /// `header_of` with every check spelled out and the file length
    /// reread: the error paths, and blocks in a part of the file another
    /// process grew.
    #[cold]
    #[inline(never)]
    fn header_of_slow(&self, off: u64) -> Result<ObjectHeader> {
        let w = self.mapping.word_at(off)?.load(Ordering::Acquire);
        if w & 0xFFFF_FFFF_0000_0000 == CARVE_MAGIC {
            return Err(HeapError::CorruptObject {
                offset: off,
                detail: "a carve header, not an object",
            });
        }
        let kind = Kind::from_u8(w as u8).ok_or(HeapError::CorruptObject {
            offset: off,
            detail: "unknown kind",
        })?;
        let class = ((w >> 8) & 0xFF) as usize;
        if class >= CLASS_COUNT {
            return Err(HeapError::CorruptObject {
                offset: off,
                detail: "bad size class",
            });
        }
        // The block, not the class: a large block is its page run less
        // the carve header, and may end at the very end of the file.
        self.mapping.check_range(off, block_size(class), 16)?;
        Ok(ObjectHeader {
            kind,
            class,
            flags: (w >> 16) as u8,
            refcount: (w >> 32) as u32,
        })
    }

    /// The object offset of `w` after checking it is an object of `kind`.
    #[inline]
    pub(crate) fn expect_kind(&self, w: Word, kind: Kind) -> Result<u64> {
        if let Some(off) = w.as_object()
            && self.header_of(off)?.kind == kind
        {
            return Ok(off);
        }
        Err(self.wrong_kind(w, kind))
    }

    /// The error of `w` found where an object of `kind` was expected.
    #[cold]
    #[inline(never)]
    pub(crate) fn wrong_kind(&self, w: Word, kind: Kind) -> HeapError {
        match w.as_object() {
            None => HeapError::WrongKind {
                expected: kind.name(),
                found: format!("{:?}", w.decode()),
            },
            Some(off) => match self.header_of(off) {
                Ok(h) => HeapError::WrongKind {
                    expected: kind.name(),
                    found: h.kind.name().to_string(),
                },
                Err(e) => e,
            },
        }
    }

    /// Takes one more ownership of the object `w` refers to (no-op for
    /// immediates and immortal objects).
    ///
    /// Hot path of every path copy, inlined: one load and a CAS on the
    /// header word after validating what the count needs (a known kind,
    /// not immortal, a count neither zero nor saturated), so a dead object
    /// (count 0) is never resurrected and a saturated count never wraps.
    /// Anything else (and a lost CAS) takes `retain_slow`.
    #[inline]
    pub(crate) fn retain(&self, w: Word) -> Result<()> {
        let Some(off) = w.as_object() else {
            return Ok(());
        };
        if let Some(word) = self.count_word(off) {
            if count_up(word) {
                return Ok(());
            }
        }
        self.retain_slow(off)
    }

    /// `retain` of each word of `words` (the words a new node copies from
    /// another), with the file length and the writable test read once for
    /// the run: a path copy takes dozens of counts at a time. Immediates
    /// are skipped; anything `retain`'s fast path would not take goes to
    /// `retain_slow`, as there.
    #[inline]
    pub(crate) fn retain_all(&self, words: impl IntoIterator<Item = u64>) -> Result<()> {
        let known = self.mapping.known_len();
        let writable = !self.mapping.is_read_only();
        for w in words {
            let Some(off) = Word::from_bits(w).as_object() else {
                continue;
            };
            if writable && off % 16 == 0 && off >= HEADER_LEN && off < known {
                // SAFETY: 16-aligned, past the header, and below the known
                // length (a multiple of 16 above `off`, so the word ends
                // at or below it): mapped and backed.
                let word = unsafe { self.mapping.word_unchecked(off) };
                if count_up(word) {
                    continue;
                }
            }
            self.retain_slow(off)?;
        }
        Ok(())
    }

    /// `retain` out of line, for [`Value`](crate::Value)'s `Clone` (as
    /// `drop_ref_outlined` for its `Drop`).
    #[inline(never)]
    pub(crate) fn retain_outlined(&self, w: Word) -> Result<()> {
        self.retain(w)
    }

    /// The header word of the object at `off` for a count change, if the
    /// env is writable and the word lies below the length last seen
    /// (else `None`: the slow paths check and name the fault).
    #[inline]
    pub(crate) fn count_word(&self, off: u64) -> Option<&AtomicU64> {
        if off % 16 == 0
            && off >= HEADER_LEN
            && off < self.mapping.known_len()
            && !self.mapping.is_read_only()
        {
            // SAFETY: 16-aligned, past the header, and below the known
            // length (a multiple of 16 above `off`, so the word ends at or
            // below it): mapped and backed.
            Some(unsafe { self.mapping.word_unchecked(off) })
        } else {
            None
        }
    }

    /// `retain` with every check and its error, and the CAS retried.
    #[cold]
    #[inline(never)]
    fn retain_slow(&self, off: u64) -> Result<()> {
        self.mapping.writable("take a reference")?;
        let word = self.mapping.word_at(off)?;
        let mut h = word.load(Ordering::Relaxed);
        loop {
            if Kind::from_u8(h as u8).is_none() {
                return Err(HeapError::CorruptObject {
                    offset: off,
                    detail: "unknown kind",
                });
            }
            if (h >> 16) as u8 & IMMORTAL != 0 {
                return Ok(());
            }
            match h >> 32 {
                0 => {
                    return Err(HeapError::CorruptObject {
                        offset: off,
                        detail: "retain of a dead object (count 0)",
                    });
                }
                // Saturated: the count sticks (the object lives until a
                // sweep recounts it) rather than wrapping to zero.
                c if c == u64::from(u32::MAX) => return Ok(()),
                _ => {}
            }
            match word.compare_exchange_weak(h, h + RC_ONE, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => return Ok(()),
                Err(now) => h = now,
            }
        }
    }

    /// Gives up one ownership of the object `w` refers to. Returns the
    /// remaining count (`None` for immediates and immortal objects). A count
    /// of zero means the object is garbage; freeing it waits for the epoch
    /// layer, which guarantees no reader can still see it.
    ///
    /// Inlined fast path: one load of the header word, validated as
    /// `retain` does (a known kind, not a carve header, not immortal, a
    /// count neither zero nor saturated) before the CAS; the block bounds
    /// are `header_of`'s to check if the count reaches zero and the object
    /// is freed. Anything else takes `release_slow`.
    #[inline]
    pub(crate) fn release(&self, w: Word) -> Result<Option<u32>> {
        let Some(off) = w.as_object() else {
            return Ok(None);
        };
        if let Some(word) = self.count_word(off) {
            match count_down(word) {
                CountDown::Taken(cur) => return Ok(Some((cur >> 32) as u32 - 1)),
                // An immortal object (a symbol, a keyword, a var, a core
                // native) is not counted.
                CountDown::Immortal => return Ok(None),
                CountDown::Slow => {}
            }
        }
        self.release_slow(off)
    }

    /// `release` of each object word of `words` (a freed trie node's
    /// payload), with the file length and the writable test read once for
    /// the run; each object whose count reaches zero is passed to `dead`.
    /// Immediates are skipped; anything `release`'s fast path would not
    /// take goes to `release_slow`, as there.
    #[inline]
    pub(crate) fn release_all(
        &self,
        words: &[AtomicU64],
        mut dead: impl FnMut(Word),
    ) -> Result<()> {
        let known = self.mapping.known_len();
        let writable = !self.mapping.is_read_only();
        for x in words {
            let w = Word::from_bits(x.load(Ordering::Relaxed));
            let Some(off) = w.as_object() else {
                continue;
            };
            if writable && off % 16 == 0 && off >= HEADER_LEN && off < known {
                // SAFETY: 16-aligned, past the header, and below the known
                // length (a multiple of 16 above `off`, so the word ends
                // at or below it): mapped and backed.
                let word = unsafe { self.mapping.word_unchecked(off) };
                match count_down(word) {
                    CountDown::Taken(cur) => {
                        if cur >> 32 == 1 {
                            dead(w);
                        }
                        continue;
                    }
                    CountDown::Immortal => continue,
                    CountDown::Slow => {}
                }
            }
            if self.release_slow(off)? == Some(0) {
                dead(w);
            }
        }
        Ok(())
    }

    /// `release` with every check and its error, and the CAS retried.
    #[cold]
    #[inline(never)]
    pub(crate) fn release_slow(&self, off: u64) -> Result<Option<u32>> {
        let word = self.mapping.word_at(off)?;
        let mut cur = word.load(Ordering::Relaxed);
        loop {
            if cur & 0xFFFF_FFFF_0000_0000 == CARVE_MAGIC || Kind::from_u8(cur as u8).is_none() {
                return Err(self
                    .header_of(off)
                    .err()
                    .unwrap_or(HeapError::CorruptObject {
                        offset: off,
                        detail: "unknown kind",
                    }));
            }
            if (cur >> 16) as u8 & IMMORTAL != 0 {
                return Ok(None);
            }
            if cur >> 32 == 0 {
                return Err(HeapError::CorruptObject {
                    offset: off,
                    detail: "release of an object with count 0",
                });
            }
            if cur >> 32 == u64::from(u32::MAX) {
                // A saturated count sticks (see `retain`): the object lives
                // until a sweep recounts it.
                return Ok(Some(u32::MAX));
            }
            match word.compare_exchange_weak(cur, cur - RC_ONE, Ordering::AcqRel, Ordering::Relaxed)
            {
                Ok(_) => return Ok(Some((cur >> 32) as u32 - 1)),
                Err(now) => cur = now,
            }
        }
    }

    /// The header of the object `w` refers to and its payload words as a
    /// slice (bounds-checked indexing, one range check for the block), for
    /// hot read paths that read several words of one object.
    #[inline(always)]
    pub(crate) fn object(&self, w: Word) -> Result<(ObjectHeader, &[AtomicU64])> {
        let o = self.obj(w)?;
        Ok((o.header, o.payload()))
    }

    /// Payload word `i` of object `off` (at `off + 8 + 8 * i`). Objects are
    /// immutable once published, so a Relaxed load after the Acquire that
    /// found the object sees what its writer stored.
    pub(crate) fn load_word(&self, off: u64, i: u64) -> Result<Word> {
        Ok(Word::from_bits(
            self.mapping
                .word_at(off + HEADER_BYTES + 8 * i)?
                .load(Ordering::Relaxed),
        ))
    }

    /// The bytes `start..start + len` of the object at `off` (`start`
    /// counted from the object's first byte), refused unless they lie
    /// inside the object's own block: a length read from a damaged file
    /// never reaches into a neighbour or past the file's end.
    pub(crate) fn block_bytes(&self, off: u64, start: u64, len: u64) -> Result<&[u8]> {
        let block = block_size(self.header_of(off)?.class);
        if start.checked_add(len).is_none_or(|end| end > block) {
            return Err(HeapError::CorruptObject {
                offset: off,
                detail: "length larger than its block",
            });
        }
        // SAFETY: every caller asks for the payload of a string, bigint or
        // code object it holds a count of or reads under a pin (so it is not
        // freed while the slice lives, which borrows `self` no longer than
        // that holder); such payloads are written with `write_private`
        // before the object is published and never again.
        unsafe { self.mapping.bytes(off + start, len) }
    }

    /// Stores payload word `i` of an object this thread has not published yet.
    pub(crate) fn init_word(&self, off: u64, i: u64, w: Word) -> Result<()> {
        self.mapping
            .word_at(off + HEADER_BYTES + 8 * i)?
            .store(w.bits(), Ordering::Relaxed);
        Ok(())
    }
}

/// The fast path of a count increment on the header word `word`: nothing
/// for an immortal object, one CAS when the header is of a known kind and
/// its count neither zero (a dead object is never resurrected) nor
/// saturated. False when it did neither (the caller's slow path decides).
#[inline(always)]
fn count_up(word: &std::sync::atomic::AtomicU64) -> bool {
    let h = word.load(Ordering::Relaxed);
    if Kind::from_u8(h as u8).is_none() {
        return false;
    }
    // An immortal object is not counted: nothing to do.
    if (h >> 16) as u8 & IMMORTAL != 0 {
        return true;
    }
    h >> 32 != 0
        && h >> 32 != u64::from(u32::MAX)
        && word
            .compare_exchange_weak(h, h + RC_ONE, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
}

/// What the fast path of a count decrement did (see [`count_down`]).
pub(crate) enum CountDown {
    /// It took one count: the header word as it was (the CAS compared
    /// it, so its kind and class are the object's).
    Taken(u64),
    /// The object is immortal: not counted, nothing to do.
    Immortal,
    /// It did not take the count (the caller's slow path decides).
    Slow,
}

/// The fast path of a count decrement on the header word `word`: nothing
/// for an immortal object, one CAS when the header is of a known kind (not
/// a carve header) and its count neither zero nor saturated.
#[inline(always)]
pub(crate) fn count_down(word: &AtomicU64) -> CountDown {
    let cur = word.load(Ordering::Relaxed);
    if cur & 0xFFFF_FFFF_0000_0000 == CARVE_MAGIC || Kind::from_u8(cur as u8).is_none() {
        return CountDown::Slow;
    }
    if (cur >> 16) as u8 & IMMORTAL != 0 {
        return CountDown::Immortal;
    }
    if cur >> 32 != 0
        && cur >> 32 != u64::from(u32::MAX)
        && word
            .compare_exchange_weak(cur, cur - RC_ONE, Ordering::AcqRel, Ordering::Relaxed)
            .is_ok()
    {
        CountDown::Taken(cur)
    } else {
        CountDown::Slow
    }
}
