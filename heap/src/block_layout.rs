//! The layout of blocks in the file: size classes (classes 0..8 are
//! 16..=128 bytes in steps of 16; above that four classes per doubling),
//! carve headers, the marks and links of free blocks, free-list heads
//! (`tag << 40 | offset >> 4`), and [`Block`]. Pure constants and
//! arithmetic, below the mapping: the file's validation at open, the
//! allocator, objects, check and sweep all read blocks by these rules.
//! How they are used is in `alloc.rs`'s module comment.

use crate::error::{HeapError, Result};
use crate::header;

/// Number of size classes.
pub const CLASS_COUNT: usize = 8 + 4 * 36;
/// Smallest class carved as its own page run.
pub const LARGE_MIN: u64 = 16 * 1024;
/// Bytes carved at once for a small class.
pub const CHUNK: u64 = 64 * 1024;
/// Marks the second word of a free block (low byte: its class).
pub const FREE_MARK: u64 = 0xF4EE_B10C_0000_0000;
/// Marks the first word of a carve header (low byte: the carve's class).
pub const CARVE_MAGIC: u64 = 0xCA4E_D0C5_0000_0000;
/// Bytes of the header at the start of every carve: `CARVE_MAGIC | class`, span.
pub const CARVE_HEADER: u64 = 16;

/// The pseudo-class of a free run (a carve with nothing live, made by the
/// sweep); its list head is the free-list head slot after the last class.
pub const RUN_CLASS: usize = CLASS_COUNT;

const _: () = assert!(RUN_CLASS < header::MAX_CLASSES && RUN_CLASS < 256);

/// Whether `span` is a valid span for a carve of `class` (a size class or
/// [`RUN_CLASS`]).
pub const fn valid_span(class: usize, span: u64) -> bool {
    if span % header::PAGE_SIZE != 0 || span < LARGE_MIN {
        return false;
    }
    if class == RUN_CLASS {
        return true;
    }
    if class >= CLASS_COUNT {
        return false;
    }
    let size = class_size(class);
    if size >= LARGE_MIN {
        span == size
    } else {
        span < CHUNK + LARGE_MIN
    }
}

const OFF_BITS: u32 = 40;
const OFF_MASK: u64 = (1 << OFF_BITS) - 1;

/// Low bits of a free block's first word: its low byte (0xFF) is no kind,
/// so a free block never looks like an object header.
const LINK_TAG: u64 = 0xF_FFFF;

/// The first word of a free block whose successor is `next` (0: none).
pub(crate) const fn free_link(next: u64) -> u64 {
    next << 20 | LINK_TAG
}

/// The successor named by a free block's first word (garbage gives an
/// offset the caller's range check refuses).
pub(crate) const fn link_target(word0: u64) -> u64 {
    if word0 & LINK_TAG == LINK_TAG {
        word0 >> 20
    } else {
        !15
    }
}

/// Size in bytes of class `class`.
pub const fn class_size(class: usize) -> u64 {
    if class < 8 {
        16 * (class as u64 + 1)
    } else {
        let j = (class - 8) as u64;
        let p = 128u64 << (j / 4);
        p + (p / 4) * (j % 4 + 1)
    }
}

/// Usable bytes of a block of `class`: the class size, less the carve
/// header for a large class (whose page run holds just one block).
pub const fn block_size(class: usize) -> u64 {
    let size = class_size(class);
    if size >= LARGE_MIN {
        size - CARVE_HEADER
    } else {
        size
    }
}

/// [`block_size`] of every class, for the hot paths (a header check, a
/// free, a checked handle's length): one load instead of the arithmetic.
static BLOCK_SIZES: [u64; CLASS_COUNT] = {
    let mut t = [0; CLASS_COUNT];
    let mut c = 0;
    while c < CLASS_COUNT {
        t[c] = block_size(c);
        c += 1;
    }
    t
};

/// [`block_size`] of `class` by table lookup (computed past the table).
#[inline]
pub(crate) fn block_size_of(class: usize) -> u64 {
    match BLOCK_SIZES.get(class) {
        Some(&size) => size,
        None => block_size(class),
    }
}

/// The smallest class whose blocks hold `size` bytes.
pub fn class_of(size: u64) -> Result<usize> {
    let class = class_of_raw(size)?;
    if block_size(class) >= size {
        return Ok(class);
    }
    if class + 1 >= CLASS_COUNT {
        return Err(HeapError::TooLarge { size });
    }
    Ok(class + 1)
}

/// The class whose size is the first at or above `size` (its block may
/// be smaller: see [`class_of`]).
fn class_of_raw(size: u64) -> Result<usize> {
    if size <= 128 {
        return Ok((size.max(1).div_ceil(16) - 1) as usize);
    }
    let p = 1u64 << (63 - (size - 1).leading_zeros());
    let k = (size - p).div_ceil(p / 4); // 1..=4
    let class = 8 + 4 * (p.trailing_zeros() as usize - 7) + (k as usize - 1);
    if class >= CLASS_COUNT {
        return Err(HeapError::TooLarge { size });
    }
    Ok(class)
}

/// A block handed out by the allocator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Offset of the block in the file (16-aligned; page-aligned for large classes).
    pub offset: u64,
    /// Its size class.
    pub class: usize,
}

impl Block {
    /// Usable bytes in the block.
    pub fn size(&self) -> u64 {
        block_size(self.class)
    }
}

/// A free-list head naming the block at `off` with ABA tag `tag`.
pub(crate) fn pack(tag: u64, off: u64) -> u64 {
    (tag << OFF_BITS) | (off >> 4)
}

/// The block a free-list head names.
pub(crate) fn head_off(h: u64) -> u64 {
    (h & OFF_MASK) << 4
}

/// The ABA tag of a free-list head.
pub(crate) fn head_tag(h: u64) -> u64 {
    h >> OFF_BITS
}
