//! Inter-process byte-range locks on the env file: Linux open-file-description
//! locks (`F_OFD_SETLKW`). The kernel drops them when the holder's file
//! description closes, in particular when the holder process dies, so a
//! crashed process never leaves a lock behind.
//!
//! OFD locks do not exclude threads sharing one file description, so every
//! lock here pairs the kernel lock with an in-process mutex.

use std::fs::File;
use std::io;
use std::os::fd::AsRawFd;
use std::sync::{Mutex, MutexGuard};

/// A named byte of the env file that serializes a rare operation (growth)
/// across threads and processes.
#[derive(Debug)]
pub struct ByteLock {
    byte: u64,
    local: Mutex<()>,
}

/// Holds a `ByteLock`; unlocks when dropped.
#[derive(Debug)]
pub struct ByteLockGuard<'a> {
    file: &'a File,
    byte: u64,
    _local: MutexGuard<'a, ()>,
}

fn ofd(file: &File, byte: u64, kind: libc::c_int, cmd: libc::c_int) -> io::Result<()> {
    // SAFETY: `flock` is a plain C struct for which all-zero bytes are a valid value.
    let mut fl: libc::flock = unsafe { std::mem::zeroed() };
    fl.l_type = kind as libc::c_short;
    fl.l_whence = libc::SEEK_SET as libc::c_short;
    fl.l_start = byte as libc::off_t;
    fl.l_len = 1;
    fl.l_pid = 0; // required for OFD locks
    loop {
        // SAFETY: the fd is open for the life of `file`; `fl` is a valid flock
        // that outlives the call, as F_OFD_SETLK(W) requires.
        let r = unsafe { libc::fcntl(file.as_raw_fd(), cmd, &mut fl as *mut libc::flock) };
        if r == 0 {
            return Ok(());
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

impl ByteLock {
    /// A lock on byte `byte` of the env file.
    pub fn new(byte: u64) -> Self {
        ByteLock {
            byte,
            local: Mutex::new(()),
        }
    }

    /// Blocks until this thread holds the lock in this process and the
    /// process holds it against every other process.
    pub fn lock<'a>(&'a self, file: &'a File) -> io::Result<ByteLockGuard<'a>> {
        // A poisoned local mutex only means another thread panicked while
        // growing; the kernel state it protected is re-read under the lock.
        let local = self.local.lock().unwrap_or_else(|p| p.into_inner());
        ofd(file, self.byte, libc::F_WRLCK, libc::F_OFD_SETLKW)?;
        Ok(ByteLockGuard {
            file,
            byte: self.byte,
            _local: local,
        })
    }
}

/// Tries to take an exclusive OFD lock on `byte` without waiting; `Ok(false)`
/// if another open file description holds it.
pub fn try_lock_byte(file: &File, byte: u64) -> io::Result<bool> {
    match ofd(file, byte, libc::F_WRLCK, libc::F_OFD_SETLK) {
        Ok(()) => Ok(true),
        Err(e) if matches!(e.raw_os_error(), Some(libc::EAGAIN) | Some(libc::EACCES)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Whether an exclusive OFD lock on `byte` would conflict with a lock held
/// through another open file description (another process, or another
/// `open` of the file). Takes nothing (`F_OFD_GETLK`).
pub fn held_elsewhere(file: &File, byte: u64) -> io::Result<bool> {
    // SAFETY: `flock` is a plain C struct for which all-zero bytes are a valid value.
    let mut fl: libc::flock = unsafe { std::mem::zeroed() };
    fl.l_type = libc::F_WRLCK as libc::c_short;
    fl.l_whence = libc::SEEK_SET as libc::c_short;
    fl.l_start = byte as libc::off_t;
    fl.l_len = 1;
    fl.l_pid = 0; // required for OFD locks
    loop {
        // SAFETY: the fd is open for the life of `file`; `fl` is a valid flock
        // that outlives the call, as F_OFD_GETLK requires (it writes to it).
        let r = unsafe {
            libc::fcntl(
                file.as_raw_fd(),
                libc::F_OFD_GETLK,
                &mut fl as *mut libc::flock,
            )
        };
        if r == 0 {
            return Ok(fl.l_type != libc::F_UNLCK as libc::c_short);
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// Releases an OFD lock on `byte` taken through `file`.
pub fn unlock_byte(file: &File, byte: u64) -> io::Result<()> {
    ofd(file, byte, libc::F_UNLCK, libc::F_OFD_SETLK)
}

impl Drop for ByteLockGuard<'_> {
    fn drop(&mut self) {
        // Unlock failure is impossible for a lock we hold on an open fd; if
        // it ever happened the kernel still drops the lock at close.
        let _ = unlock_byte(self.file, self.byte);
    }
}

/// Takes a shared OFD lock on `byte`, waiting while someone holds it
/// exclusively.
pub fn lock_shared(file: &File, byte: u64) -> io::Result<()> {
    ofd(file, byte, libc::F_RDLCK, libc::F_OFD_SETLKW)
}

/// Tries to take a shared OFD lock on `byte` without waiting; `Ok(false)`
/// if another open file description holds it exclusively.
pub fn try_lock_shared(file: &File, byte: u64) -> io::Result<bool> {
    match ofd(file, byte, libc::F_RDLCK, libc::F_OFD_SETLK) {
        Ok(()) => Ok(true),
        Err(e) if matches!(e.raw_os_error(), Some(libc::EAGAIN) | Some(libc::EACCES)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Turns this file description's shared lock on `byte` into a shared one
/// again after [`try_lock_byte`] made it exclusive.
pub fn downgrade(file: &File, byte: u64) -> io::Result<()> {
    ofd(file, byte, libc::F_RDLCK, libc::F_OFD_SETLK)
}
