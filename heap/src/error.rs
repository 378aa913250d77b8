//! Typed errors of the heap: every failure to open, validate, grow or read
//! an env file, each naming the file (where there is one) and the problem.

use std::path::PathBuf;

/// Result type of the heap crate.
pub type Result<T, E = HeapError> = std::result::Result<T, E>;

/// Why the env file is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FullReason {
    /// The reserved map size recorded in the header is used up.
    MapSize,
    /// The file system refused to allocate more space (`ENOSPC`, `EFBIG`, quota).
    Disk,
}

impl std::fmt::Display for FullReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FullReason::MapSize => f.write_str("the reserved map size is used up"),
            FullReason::Disk => f.write_str("the disk refused to grow the file"),
        }
    }
}

/// Every error the heap reports.
#[derive(Debug, thiserror::Error)]
pub enum HeapError {
    /// An operating-system call on the env file failed.
    #[error("{path}: {what}: {source}")]
    Io {
        /// The env file.
        path: PathBuf,
        /// What was being done.
        what: &'static str,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// The file does not start with the env-file magic.
    #[error("{path}: not an env file (bad magic)")]
    NotEnvFile {
        /// The file.
        path: PathBuf,
    },
    /// The file was written by another format version.
    #[error("{path}: env file format version {found}, but this build reads version {supported}")]
    FormatVersion {
        /// The file.
        path: PathBuf,
        /// Version recorded in the file.
        found: u32,
        /// Version this build reads.
        supported: u32,
    },
    /// The file was written on a machine of the other byte order.
    #[error("{path}: env file has the wrong byte order for this machine")]
    Endianness {
        /// The file.
        path: PathBuf,
    },
    /// The file is shorter than its header says.
    #[error("{path}: truncated env file: {actual} bytes on disk, header needs {expected}")]
    Truncated {
        /// The file.
        path: PathBuf,
        /// Bytes actually in the file.
        actual: u64,
        /// Bytes the header requires.
        expected: u64,
    },
    /// The checksum over the header's fixed fields does not match.
    #[error("{path}: header checksum mismatch (stored {stored:#018x}, computed {computed:#018x})")]
    HeaderChecksum {
        /// The file.
        path: PathBuf,
        /// Checksum stored in the header.
        stored: u64,
        /// Checksum computed from the header fields.
        computed: u64,
    },
    /// The requested or recorded map size cannot hold the file.
    #[error("{path}: map size {map_size} is too small (needs at least {needed})")]
    MapSizeTooSmall {
        /// The file.
        path: PathBuf,
        /// The map size asked for or recorded.
        map_size: u64,
        /// The least acceptable map size.
        needed: u64,
    },
    /// A header field holds a value no valid env file can have.
    #[error("{path}: corrupt header: {field}: {detail}")]
    CorruptHeader {
        /// The file.
        path: PathBuf,
        /// The header field.
        field: &'static str,
        /// What is wrong with it.
        detail: String,
    },
    /// No more memory can be allocated in the env file.
    #[error("{path}: env full: {reason} (asked for {requested} bytes)")]
    EnvFull {
        /// The file.
        path: PathBuf,
        /// Map size or disk.
        reason: FullReason,
        /// Bytes that were being allocated.
        requested: u64,
    },
    /// An allocation request larger than any size class.
    #[error("allocation of {size} bytes is larger than the largest size class")]
    TooLarge {
        /// Bytes requested.
        size: u64,
    },
    /// An offset read from the file points outside the allocated file or is misaligned.
    #[error("bad offset {offset:#x} ({detail})")]
    BadOffset {
        /// The offset.
        offset: u64,
        /// Why it is bad.
        detail: &'static str,
    },
    /// A value word or object is not of the kind an operation needs.
    #[error("wrong kind: expected {expected}, found {found}")]
    WrongKind {
        /// The kind needed.
        expected: &'static str,
        /// The kind found.
        found: String,
    },
    /// An object's bytes are not what its kind requires (e.g. a string that is not UTF-8).
    #[error("corrupt object at {offset:#x}: {detail}")]
    CorruptObject {
        /// The object.
        offset: u64,
        /// What is wrong.
        detail: &'static str,
    },
    /// A root index outside the header's root table.
    #[error("root index {index} out of range (0..{count})")]
    RootIndex {
        /// The index asked for.
        index: usize,
        /// The number of roots.
        count: usize,
    },
    /// An index outside a collection.
    #[error("index {index} out of bounds for a collection of {count}")]
    IndexOutOfBounds {
        /// The index asked for.
        index: u64,
        /// The collection's count.
        count: u64,
    },
    /// An operation that needs a non-empty collection got an empty one.
    #[error("{0} of an empty collection")]
    Empty(&'static str),
    /// Reading a seq reached a lazy seq nobody has realized yet: the
    /// evaluator realizes it (runs its thunk) and tries again.
    #[error("lazy seq at {offset:#x} is not realized yet")]
    Unrealized {
        /// The lazy seq.
        offset: u64,
    },
    /// Hashing or comparing a value went deeper than
    /// [`crate::value::MAX_NESTING`] levels: a value nested that deep, or a
    /// damaged file whose value contains itself.
    #[error(
        "value at {offset:#x} nested deeper than {depth} levels (or a damaged env file: a value inside itself)"
    )]
    TooDeep {
        /// The value where the limit was reached.
        offset: u64,
        /// The limit.
        depth: u32,
    },
    /// An operation that needs the env file to itself found other users.
    #[error("{path}: other threads or processes have the env open")]
    NotAlone {
        /// The file.
        path: PathBuf,
    },
    /// A change asked of an env opened read-only (`Env::open_read_only`).
    #[error("{path}: opened read-only, so it cannot {what}")]
    ReadOnly {
        /// The file.
        path: PathBuf,
        /// What was asked.
        what: &'static str,
    },
    /// Every participant slot of the file is taken.
    #[error("{path}: all {slots} participant slots are taken")]
    TooManyParticipants {
        /// The file.
        path: PathBuf,
        /// The number of slots.
        slots: usize,
    },
    /// A value or guard of one open env was handed to another.
    #[error("{path}: a value or guard of another open env was used here")]
    ForeignValue {
        /// The file of the env that was asked.
        path: PathBuf,
    },
}

/// Kinds no value of the language has: only a word read inside an object
/// (or a heap root) can be expected to be one, so failing to find one is
/// damage, not a type error of the program.
const INTERNAL_KINDS: &[&str] = &[
    "vector-node",
    "map-node",
    "map node",
    "collision-node",
    "intern-node",
    "retire-batch",
    "snapshot",
    "code",
    "a sorted tree node",
    "trie map node",
    "interned entry",
];

impl HeapError {
    /// Whether this error may come from a damaged env file, though a
    /// sound one can give it too (a value nested very deep).
    pub fn may_be_damage(&self) -> bool {
        matches!(self, HeapError::TooDeep { .. })
    }

    /// Whether this error can only come from a damaged env file (or a bug
    /// of the heap): a corrupt object, an offset outside the file, a word
    /// that is no valid word, or a node of the wrong kind inside an
    /// object. A program's own type errors (`(conj 1 2)`) are not.
    pub fn is_damage(&self) -> bool {
        match self {
            HeapError::CorruptObject { .. } | HeapError::BadOffset { .. } => true,
            HeapError::WrongKind { expected, found } => {
                INTERNAL_KINDS.contains(expected)
                    || INTERNAL_KINDS.contains(&found.as_str())
                    || found.starts_with("Invalid(")
            }
            _ => false,
        }
    }
}
