//! Layout of the env file's header (pages 0 to 9) and the pure functions
//! that write and validate its fixed fields. Nothing here touches a file:
//! it works on byte buffers so it can be tested and fuzzed directly.
//!
//! | bytes | what |
//! |---|---|
//! | 0..64 | fixed, checksummed: magic, version, endianness, page size, header length, map size, env id, creation time, class count, FNV-1a checksum |
//! | 64..128 | file length and bump pointer (sealed), global epoch, open count, clean flag, boot id, next unique id, participant high-water mark |
//! | 128, 129 | OFD lock bytes: carve/growth, open (shared by every env) |
//! | 256..1536 | free-list heads, one tagged word per size class, then the free-run list's (`alloc::RUN_CLASS`) |
//! | 1536..2048 | 64 root words (0 namespaces, 1 intern table, 2–3 checkpoint snapshots, 8.. applications) |
//! | 2048..3072 | OFD lock bytes of the participant slots |
//! | 4096..4352 | two checkpoint records `{seq, snapshot, end, checksum}` (the rest of page 1 is spare) |
//! | 8192..40960 | participant table: 1,024 slots `{owner pid, pinned epoch, retire list, spare}` |
//!
//! All fields are in the byte order of the machine that created the file;
//! the endianness marker lets another machine refuse it cleanly.

use crate::error::{HeapError, Result};
use std::path::Path;

/// Magic bytes at offset 0 of every env file.
pub const MAGIC: [u8; 8] = *b"EVEHEAP\0";
/// The format version this build writes and reads.
///
/// Version 2 moved the participant table out of page 1 into pages 2..10,
/// grew it from 120 to 1,024 slots, and added free runs (carves of
/// `RUN_CLASS`, which a version-1 reader would not parse).
pub const FORMAT_VERSION: u32 = 2;
/// Written in native order; reads back differently on the other endianness.
pub const ENDIAN_MARKER: u32 = 0x0102_0304;
/// Page size of the format (the unit of file growth and page runs).
pub const PAGE_SIZE: u64 = 4096;
/// Bytes reserved for the header: page 0 (header), page 1 (checkpoint
/// records) and the participant table. The first object lives at this offset.
pub const HEADER_LEN: u64 = OFF_PARTICIPANTS + PARTICIPANT_SLOT * PARTICIPANT_COUNT as u64;
/// Largest map size the format supports (offsets must fit in 44 bits so a
/// free-list head can pack an ABA tag next to them).
pub const MAX_MAP_SIZE: u64 = 1 << 44;
/// Smallest map size accepted at creation.
pub const MIN_MAP_SIZE: u64 = 1 << 20;

// ---- fixed (checksummed) fields: bytes 0..64 ----
/// Offset of the magic.
pub const OFF_MAGIC: u64 = 0;
/// Offset of the format version (u32).
pub const OFF_VERSION: u64 = 8;
/// Offset of the endianness marker (u32).
pub const OFF_ENDIAN: u64 = 12;
/// Offset of the page size (u32).
pub const OFF_PAGE_SIZE: u64 = 16;
/// Offset of the header length (u32).
pub const OFF_HEADER_LEN: u64 = 20;
/// Offset of the reserved map size (u64).
pub const OFF_MAP_SIZE: u64 = 24;
/// Offset of the env id (u64, random at creation).
pub const OFF_ENV_ID: u64 = 32;
/// Offset of the creation time (u64, seconds since the Unix epoch).
pub const OFF_CREATED: u64 = 40;
/// Offset of the number of size classes (u32) this file was made with.
pub const OFF_CLASS_COUNT: u64 = 48;
/// Offset of the checksum (u64) over bytes `0..OFF_CHECKSUM`.
pub const OFF_CHECKSUM: u64 = 56;

// ---- mutable fields (atomics), bytes 64..256 ----
/// Offset of the committed file length (sealed u64, see [`seal`]).
pub const OFF_FILE_LEN: u64 = 64;
/// Offset of the bump pointer: the first never-carved byte (sealed u64).
pub const OFF_BUMP: u64 = 72;
/// Offset of the global epoch (u64).
pub const OFF_EPOCH: u64 = 80;
/// The global epoch of a sound file stays below this: it moves on by one
/// per collection, so 2^62 would take millennia, and an epoch at or past
/// it (near `u64::MAX` it would wrap; at 2^63 and beyond reclamation
/// stops) can only be damage. [`validate`] refuses it.
pub const MAX_EPOCH: u64 = 1 << 62;
/// Offset of the number of processes' envs attached (u64; a dead process's
/// attachment is never subtracted, which marks its exit as unclean).
pub const OFF_OPEN_COUNT: u64 = 88;
/// Offset of the clean flag (u64): 1 when the last env closed cleanly. It
/// is stored only after the heap is synced, and synced itself, so it is
/// trusted on any boot; attaching clears it (durably) before any store.
pub const OFF_CLEAN: u64 = 96;
/// Offset of the boot id (u64 hash of the kernel's boot id), stored by a
/// lone opener once recovery is settled and by a clean close. On a file
/// left unclean, this boot's id means a process crash (sweep only) and
/// another boot's id an OS crash: the next lone open restores the newest
/// checkpoint, then sweeps. With the clean flag set it is not consulted.
pub const OFF_BOOT_ID: u64 = 104;
/// Offset of the next unique id (u64, by `fetch_add`): code objects take
/// one, so a process-local cache keyed by (offset, id) never mistakes a new
/// object at a reused offset for the one it analyzed.
pub const OFF_NEXT_ID: u64 = 112;
/// Offset of the participant high-water mark (u64): one more than the
/// highest slot ever taken, so scans of the table stop there.
pub const OFF_SLOT_HIGH: u64 = 120;
/// Byte locked (OFD lock) by whoever carves memory or grows the file.
pub const LOCK_GROW: u64 = 128;
/// Byte every open env holds a shared OFD lock on; an exclusive lock on it
/// proves the holder is alone (sweep, clean close).
pub const LOCK_OPEN: u64 = 129;
/// Byte locked (OFD lock) by whoever writes a checkpoint, so checkpoints of
/// several threads and processes never interleave.
pub const LOCK_CHECKPOINT: u64 = 130;
/// Lock byte that serializes the commits of ref transactions (`dosync`)
/// across threads and processes.
pub const LOCK_REF_COMMIT: u64 = 131;

/// Offset of the free-list heads: one tagged word per size class.
pub const OFF_FREE_HEADS: u64 = 256;
/// Room for this many free-list heads.
pub const MAX_CLASSES: usize = 160;
/// Offset of the root words.
pub const OFF_ROOTS: u64 = OFF_FREE_HEADS + 8 * MAX_CLASSES as u64; // 1536
/// Number of root words.
pub const ROOT_COUNT: usize = 64;
/// Root index of the namespace table.
pub const ROOT_NAMESPACES: usize = 0;
/// Root index of the symbol/keyword intern table.
pub const ROOT_INTERN: usize = 1;
/// Root index of the snapshot of checkpoint record 0; record 1's is the
/// next root. Each record's snapshot is owned by its root, so a sweep keeps
/// both (the newest, and the older one recovery falls back to).
pub const ROOT_CHECKPOINT: usize = 2;
/// First root index free for applications (lower ones are the heap's own).
pub const FIRST_USER_ROOT: usize = 8;
/// Offset of the checkpoint records (reserved: page 1 starts with them).
pub const OFF_CHECKPOINTS: u64 = PAGE_SIZE;
/// Bytes per checkpoint record: `seq, snapshot, end, checksum` words
/// (then spare), two records from [`OFF_CHECKPOINTS`]. The checksum is
/// [`checksum`] over `seq, snapshot, end` and the env id, native order.
pub const CHECKPOINT_RECORD: u64 = 64;
/// Offset of the participant table (page 2, after the checkpoint records' page).
pub const OFF_PARTICIPANTS: u64 = 2 * PAGE_SIZE;
/// Bytes per participant slot: owner pid, pinned epoch, retire list, spare.
pub const PARTICIPANT_SLOT: u64 = 32;
/// Number of participant slots: threads attached at once, across all
/// processes (a slot is held only while its thread is attached).
pub const PARTICIPANT_COUNT: usize = 1024;
/// Byte `LOCK_SLOTS + i` is OFD-locked by the owner of participant slot `i`.
pub const LOCK_SLOTS: u64 = 2048;

const _: () = assert!(OFF_PARTICIPANTS + PARTICIPANT_SLOT * PARTICIPANT_COUNT as u64 <= HEADER_LEN);
const _: () = assert!(HEADER_LEN % PAGE_SIZE == 0);
const _: () = assert!(LOCK_SLOTS + PARTICIPANT_COUNT as u64 <= PAGE_SIZE);
const _: () = assert!(LOCK_SLOTS >= OFF_ROOTS + 8 * ROOT_COUNT as u64);

/// The fixed fields of a header, as decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixed {
    /// Reserved map size in bytes.
    pub map_size: u64,
    /// Random id of this env file.
    pub env_id: u64,
    /// Creation time, seconds since the Unix epoch.
    pub created: u64,
}

fn get_u32(b: &[u8], off: u64) -> u32 {
    let o = off as usize;
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[o..o + 4]);
    u32::from_ne_bytes(a)
}

fn get_u64(b: &[u8], off: u64) -> u64 {
    let o = off as usize;
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[o..o + 8]);
    u64::from_ne_bytes(a)
}

fn put_u32(b: &mut [u8], off: u64, v: u32) {
    let o = off as usize;
    b[o..o + 4].copy_from_slice(&v.to_ne_bytes());
}

fn put_u64(b: &mut [u8], off: u64, v: u64) {
    let o = off as usize;
    b[o..o + 8].copy_from_slice(&v.to_ne_bytes());
}

/// For each of the 12 check bits, the mask of the 52 value bits (12..64)
/// that feed it: every value bit gets a distinct 12-bit column of weight 3.
const SEAL_MASKS: [u64; 12] = {
    let mut masks = [0u64; 12];
    let mut col: u64 = 0;
    let mut bit = 12;
    while bit < 64 {
        col += 1;
        while col.count_ones() != 3 {
            col += 1;
        }
        let mut k = 0;
        while k < 12 {
            if col & (1 << k) != 0 {
                masks[k] |= 1 << bit;
            }
            k += 1;
        }
        bit += 1;
    }
    masks
};

/// Seals a page-multiple size field: its 12 low bits (always zero) carry
/// check bits of a linear code over the other 52, so any one or two flipped
/// bits are detected. Size fields are only ever stored sealed.
pub const fn seal(v: u64) -> u64 {
    let v = v & !(PAGE_SIZE - 1);
    let mut check = 0;
    let mut k = 0;
    while k < 12 {
        check |= ((v & SEAL_MASKS[k]).count_ones() as u64 & 1) << k;
        k += 1;
    }
    v | check
}

/// The value of a sealed field, or `None` if its check bits do not match.
pub const fn unseal(s: u64) -> Option<u64> {
    let v = s & !(PAGE_SIZE - 1);
    if seal(v) == s { Some(v) } else { None }
}

/// FNV-1a 64 over `bytes`: the header checksum (deterministic, no seed).
pub fn checksum(bytes: &[u8]) -> u64 {
    crate::fnv::fnv1a(bytes)
}

/// Writes a fresh header (fixed fields, checksum, file length and bump
/// pointer) into `page`, which must be at least one page of zeros.
pub fn write_new(page: &mut [u8], fixed: Fixed, file_len: u64, class_count: u32) {
    page[..8].copy_from_slice(&MAGIC);
    put_u32(page, OFF_VERSION, FORMAT_VERSION);
    put_u32(page, OFF_ENDIAN, ENDIAN_MARKER);
    put_u32(page, OFF_PAGE_SIZE, PAGE_SIZE as u32);
    put_u32(page, OFF_HEADER_LEN, HEADER_LEN as u32);
    put_u64(page, OFF_MAP_SIZE, fixed.map_size);
    put_u64(page, OFF_ENV_ID, fixed.env_id);
    put_u64(page, OFF_CREATED, fixed.created);
    put_u32(page, OFF_CLASS_COUNT, class_count);
    let sum = checksum(&page[..OFF_CHECKSUM as usize]);
    put_u64(page, OFF_CHECKSUM, sum);
    put_u64(page, OFF_FILE_LEN, seal(file_len));
    put_u64(page, OFF_BUMP, seal(HEADER_LEN));
}

/// Validates the header in `page` (the first bytes of a file whose length on
/// disk is `disk_len`) and returns its fixed fields and committed length.
///
/// `page` may be shorter than a page if the file is; every check is a clean
/// error, never a panic.
pub fn validate(path: &Path, page: &[u8], disk_len: u64, class_count: u32) -> Result<(Fixed, u64)> {
    let p = || path.to_path_buf();
    if page.len() < MAGIC.len() || page[..8] != MAGIC {
        return Err(HeapError::NotEnvFile { path: p() });
    }
    if (page.len() as u64) < PAGE_SIZE || disk_len < HEADER_LEN {
        return Err(HeapError::Truncated {
            path: p(),
            actual: disk_len,
            expected: HEADER_LEN,
        });
    }
    if get_u32(page, OFF_ENDIAN) != ENDIAN_MARKER {
        if get_u32(page, OFF_ENDIAN) == ENDIAN_MARKER.swap_bytes() {
            return Err(HeapError::Endianness { path: p() });
        }
        return corrupt(
            path,
            "endianness marker",
            format!("{:#x}", get_u32(page, OFF_ENDIAN)),
        );
    }
    let version = get_u32(page, OFF_VERSION);
    let stored = get_u64(page, OFF_CHECKSUM);
    let computed = checksum(&page[..OFF_CHECKSUM as usize]);
    // A future version may lay out its fixed fields differently, so the
    // version is reported before the checksum is judged.
    if version != FORMAT_VERSION && stored == computed {
        return Err(HeapError::FormatVersion {
            path: p(),
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if stored != computed {
        return Err(HeapError::HeaderChecksum {
            path: p(),
            stored,
            computed,
        });
    }
    if get_u32(page, OFF_PAGE_SIZE) as u64 != PAGE_SIZE {
        return corrupt(path, "page size", get_u32(page, OFF_PAGE_SIZE).to_string());
    }
    if get_u32(page, OFF_HEADER_LEN) as u64 != HEADER_LEN {
        return corrupt(
            path,
            "header length",
            get_u32(page, OFF_HEADER_LEN).to_string(),
        );
    }
    if get_u32(page, OFF_CLASS_COUNT) != class_count {
        return corrupt(
            path,
            "size class count",
            get_u32(page, OFF_CLASS_COUNT).to_string(),
        );
    }
    let fixed = Fixed {
        map_size: get_u64(page, OFF_MAP_SIZE),
        env_id: get_u64(page, OFF_ENV_ID),
        created: get_u64(page, OFF_CREATED),
    };
    if fixed.map_size > MAX_MAP_SIZE || fixed.map_size % PAGE_SIZE != 0 {
        return corrupt(path, "map size", fixed.map_size.to_string());
    }
    let Some(file_len) = unseal(get_u64(page, OFF_FILE_LEN)) else {
        return corrupt(
            path,
            "file length",
            format!(
                "check bits of {:#x} do not match",
                get_u64(page, OFF_FILE_LEN)
            ),
        );
    };
    if file_len < HEADER_LEN {
        return corrupt(path, "file length", file_len.to_string());
    }
    if fixed.map_size < file_len || fixed.map_size < MIN_MAP_SIZE {
        return Err(HeapError::MapSizeTooSmall {
            path: p(),
            map_size: fixed.map_size,
            needed: file_len.max(MIN_MAP_SIZE),
        });
    }
    if disk_len < file_len {
        return Err(HeapError::Truncated {
            path: p(),
            actual: disk_len,
            expected: file_len,
        });
    }
    let Some(bump) = unseal(get_u64(page, OFF_BUMP)) else {
        return corrupt(
            path,
            "bump pointer",
            format!("check bits of {:#x} do not match", get_u64(page, OFF_BUMP)),
        );
    };
    if bump < HEADER_LEN || bump > file_len {
        return corrupt(path, "bump pointer", bump.to_string());
    }
    let epoch = get_u64(page, OFF_EPOCH);
    if epoch >= MAX_EPOCH {
        return corrupt(
            path,
            "epoch",
            format!("{epoch:#x} is past the largest epoch a file can reach ({MAX_EPOCH:#x})"),
        );
    }
    for class in 0..class_count as u64 {
        let head = get_u64(page, OFF_FREE_HEADS + 8 * class);
        let off = (head & ((1 << 40) - 1)) << 4;
        if off != 0 && (off < HEADER_LEN || off >= bump) {
            return corrupt(
                path,
                "free list head",
                format!("class {class}: offset {off:#x} outside the carved heap"),
            );
        }
    }
    Ok((fixed, file_len))
}

fn corrupt<T>(path: &Path, field: &'static str, detail: String) -> Result<T> {
    Err(HeapError::CorruptHeader {
        path: path.to_path_buf(),
        field,
        detail,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh() -> Vec<u8> {
        let mut page = vec![0u8; PAGE_SIZE as usize];
        let fixed = Fixed {
            map_size: 1 << 30,
            env_id: 42,
            created: 7,
        };
        write_new(&mut page, fixed, HEADER_LEN + PAGE_SIZE, 10);
        page
    }

    #[test]
    fn fresh_header_validates() {
        let page = fresh();
        let (fixed, len) = validate(Path::new("x"), &page, 1 << 20, 10).unwrap();
        assert_eq!(fixed.map_size, 1 << 30);
        assert_eq!(fixed.env_id, 42);
        assert_eq!(len, HEADER_LEN + PAGE_SIZE);
    }

    #[test]
    fn every_bit_flip_in_fixed_fields_is_refused() {
        let page = fresh();
        for bit in 0..(OFF_CHECKSUM as usize + 8) * 8 {
            let mut p = page.clone();
            p[bit / 8] ^= 1 << (bit % 8);
            assert!(
                validate(Path::new("x"), &p, 1 << 20, 10).is_err(),
                "bit {bit} accepted"
            );
        }
    }

    #[test]
    fn seal_detects_one_and_two_bit_flips() {
        for v in [HEADER_LEN, 1 << 20, (1 << 44) - PAGE_SIZE, 0x1234_5000] {
            let s = seal(v);
            assert_eq!(unseal(s), Some(v));
            for a in 0..64 {
                assert_eq!(unseal(s ^ (1 << a)), None, "bit {a}");
                for b in a + 1..64 {
                    assert_eq!(unseal(s ^ (1 << a) ^ (1 << b)), None, "bits {a} {b}");
                }
            }
        }
    }

    #[test]
    fn an_impossible_epoch_is_refused() {
        for epoch in [MAX_EPOCH, 1 << 63, u64::MAX] {
            let mut page = fresh();
            put_u64(&mut page, OFF_EPOCH, epoch);
            match validate(Path::new("x"), &page, 1 << 20, 10) {
                Err(HeapError::CorruptHeader { field: "epoch", .. }) => {}
                other => panic!("epoch {epoch:#x}: {other:?}"),
            }
        }
        let mut page = fresh();
        put_u64(&mut page, OFF_EPOCH, MAX_EPOCH - 1);
        assert!(validate(Path::new("x"), &page, 1 << 20, 10).is_ok());
    }

    #[test]
    fn future_version_is_named() {
        let mut page = fresh();
        put_u32(&mut page, OFF_VERSION, 9);
        let sum = checksum(&page[..OFF_CHECKSUM as usize]);
        put_u64(&mut page, OFF_CHECKSUM, sum);
        match validate(Path::new("x"), &page, 1 << 20, 10) {
            Err(HeapError::FormatVersion {
                found: 9,
                supported: FORMAT_VERSION,
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_endianness_is_named() {
        let mut page = fresh();
        put_u32(&mut page, OFF_ENDIAN, ENDIAN_MARKER.swap_bytes());
        assert!(matches!(
            validate(Path::new("x"), &page, 1 << 20, 10),
            Err(HeapError::Endianness { .. })
        ));
    }
}
