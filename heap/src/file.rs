//! Creating and opening env files on disk: race-free creation (the header is
//! built in a private temp file that is then hard-linked into place, so no
//! process ever sees a half-written header) and validation of an existing
//! file before anything is mapped or written.

use crate::error::{HeapError, Result};
use crate::header::{self, Fixed, HEADER_LEN, MAX_MAP_SIZE, MIN_MAP_SIZE, PAGE_SIZE};
use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A hash of the kernel's boot id (0 if it cannot be read): told apart
/// from the header's, it says whether the OS restarted since the file
/// was last settled (see `open.rs`).
pub(crate) fn boot_id() -> u64 {
    match std::fs::read("/proc/sys/kernel/random/boot_id") {
        Ok(bytes) => header::checksum(&bytes) | 1,
        Err(_) => 0,
    }
}

/// Default reserved map size: 64 GiB of address space (not disk).
pub const DEFAULT_MAP_SIZE: u64 = 64 << 30;
/// Default length of a new file: header plus 1 MiB.
pub const DEFAULT_INITIAL_LEN: u64 = HEADER_LEN + (1 << 20);

/// How to open or create an env file.
#[derive(Debug, Clone)]
pub struct EnvOptions {
    pub(crate) map_size: u64,
    pub(crate) initial_len: u64,
    pub(crate) mode: u32,
    pub(crate) create: bool,
    pub(crate) recover: bool,
    pub(crate) on_wait: Option<fn(&Path)>,
}

impl Default for EnvOptions {
    fn default() -> Self {
        EnvOptions {
            map_size: DEFAULT_MAP_SIZE,
            initial_len: DEFAULT_INITIAL_LEN,
            mode: 0o600,
            create: true,
            recover: true,
            on_wait: None,
        }
    }
}

impl EnvOptions {
    /// Defaults: create if missing, 64 GiB map size, mode 0600.
    pub fn new() -> Self {
        Self::default()
    }

    /// The map size recorded in a file this call creates (an existing file
    /// keeps its own). Rounded up to whole pages.
    pub fn map_size(mut self, bytes: u64) -> Self {
        self.map_size = bytes;
        self
    }

    /// The initial file length of a file this call creates.
    pub fn initial_len(mut self, bytes: u64) -> Self {
        self.initial_len = bytes;
        self
    }

    /// Permission bits of a file this call creates (default 0600).
    pub fn mode(mut self, mode: u32) -> Self {
        self.mode = mode;
        self
    }

    /// Whether opening the file alone after an unclean exit sweeps it
    /// (default true). `false` opens it as found, e.g. to `check()` what a
    /// crash left; the file then stays marked unclean for the next opener.
    pub fn recover(mut self, recover: bool) -> Self {
        self.recover = recover;
        self
    }

    /// Called once (with the file's path) when opening has waited about a
    /// second for another process that has the file to itself (sweeping
    /// it after a crash); the open then goes on waiting. Default: none.
    pub fn on_wait(mut self, notice: fn(&Path)) -> Self {
        self.on_wait = Some(notice);
        self
    }

    /// Whether a missing file is created (default true).
    pub fn create(mut self, create: bool) -> Self {
        self.create = create;
        self
    }
}

pub(crate) fn io_err(path: &Path, what: &'static str, source: io::Error) -> HeapError {
    HeapError::Io {
        path: path.to_path_buf(),
        what,
        source,
    }
}

fn round_up(x: u64, to: u64) -> u64 {
    x.div_ceil(to) * to
}

/// Extends `file` so bytes `offset..offset+len` are allocated on disk.
pub(crate) fn fallocate(file: &File, offset: u64, len: u64) -> io::Result<()> {
    // SAFETY: the fd is open for the life of `file`; posix_fallocate takes
    // plain integers and touches no memory of ours.
    let r = unsafe {
        libc::posix_fallocate(file.as_raw_fd(), offset as libc::off_t, len as libc::off_t)
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::from_raw_os_error(r))
    }
}

/// Gives the disk blocks of `offset .. offset + len` back to the file
/// system (`FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE`): the range reads
/// back as zeros and the file keeps its length. A file system that cannot
/// punch holes (`EOPNOTSUPP`) is not an error: the space just stays.
pub(crate) fn punch_hole(file: &File, offset: u64, len: u64) -> io::Result<()> {
    // SAFETY: the fd is open for the life of `file`; fallocate takes plain
    // integers and touches no memory of ours.
    let r = unsafe {
        libc::fallocate(
            file.as_raw_fd(),
            libc::FALLOC_FL_PUNCH_HOLE | libc::FALLOC_FL_KEEP_SIZE,
            offset as libc::off_t,
            len as libc::off_t,
        )
    };
    if r == 0 {
        return Ok(());
    }
    let e = io::Error::last_os_error();
    if e.raw_os_error() == Some(libc::EOPNOTSUPP) {
        return Ok(());
    }
    Err(e)
}

/// True for the errors that mean the disk (or quota) is full.
pub(crate) fn is_disk_full(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::ENOSPC) | Some(libc::EFBIG) | Some(libc::EDQUOT)
    )
}

fn env_id() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let mut seed = Vec::with_capacity(24);
    seed.extend_from_slice(&nanos.to_ne_bytes());
    seed.extend_from_slice(&u64::from(std::process::id()).to_ne_bytes());
    seed.extend_from_slice(&COUNTER.fetch_add(1, Ordering::Relaxed).to_ne_bytes());
    header::checksum(&seed)
}

/// Opens (creating if allowed and missing) the env file at `path` and
/// validates its header. Returns the open file, its fixed header fields and
/// its committed length. Never writes to an existing file.
///
/// A `path` that is a symlink to a missing file creates that file (the
/// link's target), as `open(O_CREAT)` would. Errors name `path`, never the
/// temp file a creation goes through.
pub(crate) fn open_file(
    path: &Path,
    opts: &EnvOptions,
    class_count: u32,
) -> Result<(File, Fixed, u64)> {
    for _ in 0..CREATE_ATTEMPTS {
        match OpenOptions::new().read(true).write(true).open(path) {
            Ok(file) => return validate_open(path, file, class_count),
            Err(e) if e.kind() == ErrorKind::NotFound && opts.create => {
                let target = link_target(path)?;
                if let Some(done) = create_file(path, &target, opts, class_count)? {
                    return Ok(done);
                }
                // Another process linked its file first: open that one.
            }
            Err(e) => return Err(io_err(path, "open", e)),
        }
    }
    // Each round either opened a file or found one made by another process
    // in between: only a path that keeps vanishing gets here.
    Err(HeapError::Io {
        path: path.to_path_buf(),
        what: "create env file",
        source: io::Error::other(format!(
            "the file kept disappearing after it was created ({CREATE_ATTEMPTS} attempts)"
        )),
    })
}

/// Rounds of open-or-create before [`open_file`] gives up: each round that
/// does not open a file found one made (and removed again) by others.
const CREATE_ATTEMPTS: u32 = 64;

/// Symlinks followed before a chain of them is refused (as the kernel's
/// `ELOOP`).
const MAX_SYMLINKS: u32 = 40;

/// Where a new env file for `path` must be linked: `path` itself, or the
/// final target of the (dangling) symlink chain at `path`, so that `path`
/// opens the new file afterwards.
fn link_target(path: &Path) -> Result<PathBuf> {
    let mut cur = path.to_path_buf();
    for _ in 0..MAX_SYMLINKS {
        match fs::symlink_metadata(&cur) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = fs::read_link(&cur).map_err(|e| io_err(path, "read symlink", e))?;
                cur = match cur.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(cur),
        }
    }
    Err(io_err(
        path,
        "follow symlinks",
        io::Error::other(format!("more than {MAX_SYMLINKS} symlinks in a chain")),
    ))
}

/// Opens the existing env file at `path` for reading only and validates
/// its header (works on a read-only file; never creates one).
pub(crate) fn open_file_read_only(path: &Path, class_count: u32) -> Result<(File, Fixed, u64)> {
    let file = OpenOptions::new()
        .read(true)
        .open(path)
        .map_err(|e| io_err(path, "open", e))?;
    validate_open(path, file, class_count)
}

/// Reads of the header that fail validation before the file is refused:
/// the file length and bump pointer change while other processes work (a
/// read can catch a word mid-store, or the length after a growth that the
/// earlier `stat` missed), so a refusal must be seen on fresh reads.
const VALIDATE_ATTEMPTS: u32 = 4;

fn validate_open(path: &Path, file: File, class_count: u32) -> Result<(File, Fixed, u64)> {
    let mut attempt = 1;
    loop {
        let disk_len = file.metadata().map_err(|e| io_err(path, "stat", e))?.len();
        let mut page = vec![0u8; PAGE_SIZE as usize];
        let want = disk_len.min(PAGE_SIZE) as usize;
        file.read_exact_at(&mut page[..want], 0)
            .map_err(|e| io_err(path, "read header", e))?;
        page.truncate(want);
        match header::validate(path, &page, disk_len, class_count)
            .and_then(|ok| check_free_heads(path, &file, &page, class_count).map(|()| ok))
        {
            Ok((fixed, len)) => return Ok((file, fixed, len)),
            Err(e) if attempt >= VALIDATE_ATTEMPTS || !may_be_in_flux(&e) => return Err(e),
            Err(_) => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
        }
    }
}

/// Checks that the head of every free list (read in `page`, already
/// validated to lie in the carved heap) is a free block of its class: a
/// damaged head naming a live object would hand that object out again.
/// A head that another process moved since `page` was read is not judged
/// (its tag changes with every push and pop, so an unchanged head word
/// still names the same free block).
///
/// Not judged after an OS crash (left unclean by another boot): pages
/// written after the last checkpoint may be lost, so a head may name
/// anything, and the recovery that follows restores the checkpoint and
/// rebuilds every free list.
fn check_free_heads(path: &Path, file: &File, page: &[u8], class_count: u32) -> Result<()> {
    let word_at = |at: u64| -> Result<u64> {
        let mut b = [0u8; 8];
        file.read_exact_at(&mut b, at)
            .map_err(|e| io_err(path, "read free list head", e))?;
        Ok(u64::from_ne_bytes(b))
    };
    let in_page = |at: u64| {
        page.get(at as usize..at as usize + 8).map(|b| {
            let mut w = [0u8; 8];
            w.copy_from_slice(b);
            u64::from_ne_bytes(w)
        })
    };
    let clean = in_page(header::OFF_CLEAN) == Some(1);
    if !clean && in_page(header::OFF_BOOT_ID) != Some(boot_id()) {
        return Ok(());
    }
    for class in 0..u64::from(class_count) {
        let at = header::OFF_FREE_HEADS + 8 * class;
        let Some(head) = in_page(at) else {
            break;
        };
        let block = crate::block_layout::head_off(head);
        if block == 0 {
            continue;
        }
        let mark = word_at(block + 8)?;
        if mark != crate::block_layout::FREE_MARK | class && word_at(at)? == head {
            return Err(HeapError::CorruptHeader {
                path: path.to_path_buf(),
                field: "free list head",
                detail: format!("class {class}: the block at {block:#x} is not a free block"),
            });
        }
    }
    Ok(())
}

/// Whether a validation error could come from reading the header while
/// another process changes it (rather than from the file itself).
fn may_be_in_flux(e: &HeapError) -> bool {
    matches!(
        e,
        HeapError::Truncated { .. }
            | HeapError::CorruptHeader { .. }
            | HeapError::MapSizeTooSmall { .. }
    )
}

/// Builds a complete env file in a temp file beside `target` (`path`, or
/// the target of the dangling symlink at `path`), then links it into
/// place. `Ok(None)` when another process created it first. Errors name
/// `path`.
fn create_file(
    path: &Path,
    target: &Path,
    opts: &EnvOptions,
    class_count: u32,
) -> Result<Option<(File, Fixed, u64)>> {
    let map_size = round_up(opts.map_size, PAGE_SIZE);
    let initial = round_up(opts.initial_len.max(HEADER_LEN + PAGE_SIZE), PAGE_SIZE);
    if map_size < MIN_MAP_SIZE || map_size < initial {
        return Err(HeapError::MapSizeTooSmall {
            path: path.to_path_buf(),
            map_size,
            needed: initial.max(MIN_MAP_SIZE),
        });
    }
    if map_size > MAX_MAP_SIZE {
        return Err(HeapError::CorruptHeader {
            path: path.to_path_buf(),
            field: "map size",
            detail: format!("{map_size} exceeds the format's limit of {MAX_MAP_SIZE}"),
        });
    }
    let tmp = temp_path(target);
    let result = build_temp(path, &tmp, map_size, initial, opts.mode, class_count).and_then(
        |(file, fixed)| match fs::hard_link(&tmp, target) {
            Ok(()) => Ok(Some((file, fixed, initial))),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(None),
            Err(e) => Err(io_err(path, "link new env file into place", e)),
        },
    );
    let _ = fs::remove_file(&tmp);
    result
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unique = env_id();
    path.with_file_name(format!(".{name}.{}.{unique:016x}.tmp", std::process::id()))
}

/// Writes a new env file's header into the fresh temp file `tmp`; errors
/// name `path`, the env file being created.
fn build_temp(
    path: &Path,
    tmp: &Path,
    map_size: u64,
    initial: u64,
    mode: u32,
    class_count: u32,
) -> Result<(File, Fixed)> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(tmp)
        .map_err(|e| {
            let dir_missing = tmp
                .parent()
                .is_some_and(|d| !d.as_os_str().is_empty() && !d.is_dir());
            let what = match e.kind() {
                ErrorKind::NotFound if dir_missing => {
                    "create env file: its directory does not exist"
                }
                ErrorKind::PermissionDenied => "create env file: its directory is not writable",
                ErrorKind::ReadOnlyFilesystem => "create env file: read-only file system",
                _ => "create env file",
            };
            io_err(path, what, e)
        })?;
    fallocate(&file, 0, initial).map_err(|e| {
        if is_disk_full(&e) {
            HeapError::EnvFull {
                path: path.to_path_buf(),
                reason: crate::FullReason::Disk,
                requested: initial,
            }
        } else {
            io_err(path, "allocate new env file", e)
        }
    })?;
    let created = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let fixed = Fixed {
        map_size,
        env_id: env_id(),
        created,
    };
    let mut page = vec![0u8; PAGE_SIZE as usize];
    header::write_new(&mut page, fixed, initial, class_count);
    file.write_all_at(&page, 0)
        .map_err(|e| io_err(path, "write header of new env file", e))?;
    file.sync_all()
        .map_err(|e| io_err(path, "sync new env file", e))?;
    Ok((file, fixed))
}
