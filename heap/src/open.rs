//! Opening and closing an env file: the orchestration above every other
//! part of [`Env`]. `Env::open*` validate and map the file ([`Mapping`]),
//! then attach: take the shared open lock, mark the file in use and, when
//! alone after an unclean exit, recover it (restore the newest checkpoint
//! after an OS crash, then sweep); `Drop` gives the attachment back and
//! the last one out marks the file clean.
//!
//! Open/close accounting (header: open count, clean flag, boot id):
//! - Attaching sets the clean flag to 0 and, if it was 1, syncs the file
//!   before anything is written, so no clean flag is ever on disk next to
//!   stores that are not durable.
//! - The last close (alone, the open count back at 0, the file recovered)
//!   syncs the heap, then stores clean = 1 with this boot's id, then syncs
//!   again: only then is the file cleanly closed. A close that does not
//!   complete (the process dies, a sync fails) leaves clean = 0.
//! - A lone open trusts clean = 1 on any boot (a reboot after a clean close
//!   keeps every store). Clean != 1 with this boot's id is a process crash:
//!   sweep only. Clean != 1 with another boot's id is an OS crash: restore
//!   the newest checkpoint, then sweep. The boot id becomes this boot's
//!   once that is done.

use crate::block_layout::CLASS_COUNT;
use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::file::{self, EnvOptions, io_err};
use crate::header::{self, HEADER_LEN};
use crate::lock;
use crate::mapping::Mapping;
use std::path::Path;
use std::sync::atomic::Ordering;

impl Env {
    /// Opens the env file at `path`, creating it with default options if it
    /// is missing.
    pub fn open(path: impl AsRef<Path>) -> Result<Env> {
        Self::open_with(path, &EnvOptions::default())
    }

    /// Opens (or creates, as `opts` allow) the env file at `path`.
    pub fn open_with(path: impl AsRef<Path>, opts: &EnvOptions) -> Result<Env> {
        let path = path.as_ref();
        let (file, fixed, len0) = file::open_file(path, opts, CLASS_COUNT as u32)?;
        let mut env = Env::from_mapping(Mapping::new(path, file, fixed, len0, false)?);
        // On failure `env` drops unattached: its Drop leaves the open count
        // and the clean mark alone, so a failed recovery is retried.
        env.attach(opts.recover, opts.on_wait)?;
        env.attached = true;
        Ok(env)
    }

    /// Opens the existing env file at `path` to look at it without writing
    /// a byte: the file is opened and mapped read-only, nothing is
    /// attached (no open count, clean flag, participant slot or recovery),
    /// so it works on a read-only file and on a file whose participant
    /// slots are all taken, and leaves its modification time alone. Only
    /// what needs no pin is available: [`Env::check`], [`Env::stats`],
    /// [`Env::namespace_names`], [`Env::attached_processes`]; anything
    /// that would write (a participant, an allocation, a count) is refused
    /// with [`HeapError::ReadOnly`].
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Env> {
        let path = path.as_ref();
        let (file, fixed, len0) = file::open_file_read_only(path, CLASS_COUNT as u32)?;
        Ok(Env::from_mapping(Mapping::new(
            path, file, fixed, len0, true,
        )?))
    }

    /// Registers this env as a user of the file, first marking the file
    /// in use (clean flag 0, durably: see [`Env::mark_in_use`]).
    ///
    /// When it is alone, it decides what the previous session left:
    /// - clean flag 1 (the last close synced the heap, then the flag):
    ///   nothing to recover, whatever boot closed it (a reboot after a
    ///   clean close keeps every store);
    /// - unclean, and the header's boot id is this boot's: a process died
    ///   holding the file; the page cache kept every store, so a sweep
    ///   gets back what the dead process leaked;
    /// - unclean, and another boot's id: the OS crashed (or restarted)
    ///   with the file in use, so unsynced pages may be lost: restore the
    ///   newest checkpoint, then sweep.
    ///
    /// The boot id becomes this boot's only once that is settled
    /// (recovered, or nothing to recover); an env opened with
    /// `recover(false)` on an unclean file leaves it as it was. An env that
    /// is not alone leaves the boot id alone: whoever attached first this
    /// boot already settled it.
    fn attach(&self, recover: bool, on_wait: Option<fn(&Path)>) -> Result<()> {
        self.wait_open_lock(on_wait)
            .map_err(|e| io_err(self.path(), "lock for open", e))?;
        let alone = lock::try_lock_byte(self.mapping.file(), header::LOCK_OPEN)
            .map_err(|e| io_err(self.path(), "lock for open", e))?;
        if !alone {
            // Two envs opening together both see the other: neither is
            // alone, so each marks the file in use itself (a last closer
            // cannot mark it clean while this env holds its shared lock).
            self.validate_participants()?;
            self.mark_in_use()?;
            self.mapping
                .hdr(header::OFF_OPEN_COUNT)
                .fetch_add(1, Ordering::AcqRel);
            return Ok(());
        }
        let result = (|| {
            let this_boot = crate::file::boot_id();
            // Only a durable clean mark is ever stored (see `Drop`), so it
            // is trusted on any boot.
            let clean = self.mapping.hdr(header::OFF_CLEAN).load(Ordering::Acquire) == 1;
            let other_boot = self
                .mapping
                .hdr(header::OFF_BOOT_ID)
                .load(Ordering::Acquire)
                != this_boot;
            // A sweep (after a crash) clears every retire list; otherwise
            // the lists left in the table must be sound.
            if clean || !recover || self.carved_len() <= HEADER_LEN {
                self.validate_participants()?;
            }
            // Unclean (durably) from here until the last close, also while
            // recovery runs and if it fails.
            self.mark_in_use()?;
            let mut recovered = true;
            if !clean && self.carved_len() > HEADER_LEN {
                if recover {
                    if other_boot {
                        // An OS crash: unsynced pages may be lost, back to
                        // the newest checkpoint.
                        self.restore_checkpoint()?;
                    }
                    let report = self.sweep_exclusive()?;
                    *self.recovery.lock().unwrap_or_else(|p| p.into_inner()) =
                        Some(Box::new(report));
                } else {
                    // Left unswept: this env must not mark the file clean,
                    // nor record this boot (the restore is still due).
                    self.unrecovered.store(true, Ordering::Release);
                    recovered = false;
                }
            }
            self.mapping
                .hdr(header::OFF_OPEN_COUNT)
                .store(1, Ordering::Release);
            if recovered {
                self.mapping
                    .hdr(header::OFF_BOOT_ID)
                    .store(this_boot, Ordering::Release);
            }
            Ok(())
        })();
        lock::downgrade(self.mapping.file(), header::LOCK_OPEN)
            .map_err(|e| io_err(self.path(), "lock for open", e))?;
        result
    }

    /// Takes the shared open lock, waiting while another env has the file
    /// to itself (a recovery sweep); after about a second of waiting,
    /// calls `on_wait` once, then blocks until the lock is free.
    fn wait_open_lock(&self, on_wait: Option<fn(&Path)>) -> std::io::Result<()> {
        let start = std::time::Instant::now();
        while start.elapsed() < std::time::Duration::from_secs(1) {
            if lock::try_lock_shared(self.mapping.file(), header::LOCK_OPEN)? {
                return Ok(());
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        if let Some(notice) = on_wait {
            notice(self.path());
        }
        lock::lock_shared(self.mapping.file(), header::LOCK_OPEN)
    }

    /// Sets the clean flag to 0 and, if it was set, syncs the file before
    /// anything else is written: a clean flag left on disk next to stores
    /// that are not durable would make the next boot trust lost pages.
    /// Serialized by the carve lock, so an env attaching at the same time
    /// that finds the flag already 0 knows it is on disk. If the sync
    /// fails the flag is put back (the file is as durable as it was).
    fn mark_in_use(&self) -> Result<()> {
        let _carve = self.mapping.carve_lock()?;
        let was = self
            .mapping
            .hdr(header::OFF_CLEAN)
            .swap(0, Ordering::AcqRel);
        if was != 0
            && let Err(e) = self.mapping.file().sync_data()
        {
            self.mapping
                .hdr(header::OFF_CLEAN)
                .store(was, Ordering::Release);
            return Err(io_err(self.path(), "sync env file at open", e));
        }
        Ok(())
    }

    /// The clean close of the last env: makes the whole heap durable, then
    /// stores the clean flag with this boot's id and makes that durable
    /// too. Only then is the file cleanly closed, and a later lone open
    /// (after a reboot too) trusts it. If the first sync fails the flag
    /// stays 0, so the next lone open recovers. The caller is alone on the
    /// file (exclusive open lock) with nothing attached.
    fn mark_clean(&self) -> std::io::Result<()> {
        // On Linux `fdatasync` writes back the pages dirtied through the
        // shared mapping as well (as for a checkpoint).
        self.mapping.file().sync_data()?;
        self.mapping
            .hdr(header::OFF_BOOT_ID)
            .store(crate::file::boot_id(), Ordering::Release);
        self.mapping
            .hdr(header::OFF_CLEAN)
            .store(1, Ordering::Release);
        self.mapping.file().sync_data()
    }

    /// Runs `f` with this env proven alone on the file (an exclusive lock
    /// on the open byte), or fails with `NotAlone`.
    pub(crate) fn exclusive<T>(&mut self, f: impl FnOnce(&Env) -> Result<T>) -> Result<T> {
        self.mapping.writable("sweep")?;
        let alone = lock::try_lock_byte(self.mapping.file(), header::LOCK_OPEN)
            .map_err(|e| io_err(self.path(), "lock for sweep", e))?;
        if !alone {
            return Err(HeapError::NotAlone {
                path: self.path().to_path_buf(),
            });
        }
        let result = f(self);
        lock::downgrade(self.mapping.file(), header::LOCK_OPEN)
            .map_err(|e| io_err(self.path(), "lock for sweep", e))?;
        result
    }
}

impl Drop for Env {
    /// Detaches: the last env to close (alone on the file) marks it clean
    /// durably (see `mark_clean`), unless an attachment was never
    /// given back (a process died), this env left the file unrecovered, or
    /// it never attached (its open failed).
    fn drop(&mut self) {
        // Give back the counts of the values kept outside the roots.
        let kept = self.kept_slots().take_all();
        for w in kept {
            drop(crate::handle::Value::from_owned(self, w));
        }
        if !self.attached {
            // Never counted as open (recovery failed, or the open lock
            // could not be taken): nothing to give back, and the file's
            // state must stay as unclean as it was.
            return;
        }
        // A count already at zero means the accounting is broken: give up
        // nothing below zero, and do not vouch for the file.
        let left = self
            .mapping
            .hdr(header::OFF_OPEN_COUNT)
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |c| c.checked_sub(1))
            .map(|old| old - 1);
        if let Ok(true) = lock::try_lock_byte(self.mapping.file(), header::LOCK_OPEN) {
            if left == Ok(0) && !self.unrecovered.load(Ordering::Acquire) {
                // A failed sync cannot be reported from `drop`: it leaves
                // the file unclean (first sync) or clean with the heap
                // already durable (second sync), both safe.
                let _ = self.mark_clean();
            } else {
                self.mapping
                    .hdr(header::OFF_OPEN_COUNT)
                    .store(0, Ordering::Release);
            }
        }
        // Closing the file (after this) releases the OFD locks.
    }
}
