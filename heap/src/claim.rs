//! Claims: exclusive ownership of one object of the env file (an agent's
//! "running" claim), held by one thread of one process and released by the
//! kernel when that process dies — the same liveness rule as participant
//! slots (`epoch.rs`): an OFD byte-range lock (`lock.rs`), here on the byte
//! `CLAIM_BASE + offset / 16` of the file (past any length the file can
//! have: a lock on a byte needs no byte there). OFD locks do not exclude
//! threads of one process sharing a file description, so a process-wide
//! set of the claims held in this process (by env id and offset) does that.

use crate::env::Env;
use crate::error::Result;
use crate::file::io_err;
use crate::lock::{held_elsewhere, try_lock_byte, unlock_byte};
use std::collections::HashSet;
use std::sync::Mutex;

/// The first lock byte of claims: above every header lock byte and every
/// file length (`map_size` is below 2^48).
const CLAIM_BASE: u64 = 1 << 50;
const _: () = assert!(crate::header::MAX_MAP_SIZE < CLAIM_BASE);

/// The claims held in this process: (env id, object offset).
static LOCAL: Mutex<Option<HashSet<(u64, u64)>>> = Mutex::new(None);

fn local<T>(f: impl FnOnce(&mut HashSet<(u64, u64)>) -> T) -> T {
    // A poisoned set only means a thread panicked while holding it; the
    // set itself is always consistent (one insert or remove at a time).
    let mut guard = LOCAL.lock().unwrap_or_else(|p| p.into_inner());
    f(guard.get_or_insert_with(HashSet::new))
}

/// A held claim on an object; released when dropped (or when the process
/// dies).
#[derive(Debug)]
pub struct Claim<'e> {
    env: &'e Env,
    offset: u64,
}

impl Env {
    fn claim_byte(offset: u64) -> u64 {
        CLAIM_BASE + offset / 16
    }

    /// Takes the claim on the object at `offset` if no thread of any process
    /// holds it; `None` if one does. The caller keeps the object alive
    /// while it holds the claim (so the offset names the same object).
    pub fn try_claim(&self, offset: u64) -> Result<Option<Claim<'_>>> {
        let key = (self.env_id(), offset);
        if !local(|s| s.insert(key)) {
            return Ok(None);
        }
        let file = self.mapping.file();
        match try_lock_byte(file, Self::claim_byte(offset)) {
            Ok(true) => Ok(Some(Claim { env: self, offset })),
            Ok(false) => {
                local(|s| s.remove(&key));
                Ok(None)
            }
            Err(e) => {
                local(|s| s.remove(&key));
                Err(io_err(self.path(), "claim an object", e))
            }
        }
    }

    /// Whether a thread of this or another process holds the claim on the
    /// object at `offset` (a hint: it may change at once).
    pub fn is_claimed(&self, offset: u64) -> Result<bool> {
        if local(|s| s.contains(&(self.env_id(), offset))) {
            return Ok(true);
        }
        held_elsewhere(self.mapping.file(), Self::claim_byte(offset))
            .map_err(|e| io_err(self.path(), "look at a claim", e))
    }
}

impl Claim<'_> {
    /// The offset of the claimed object.
    pub fn offset(&self) -> u64 {
        self.offset
    }
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        // Unlocking a lock held on an open fd cannot fail; if it did, the
        // kernel still drops it when the file closes.
        let _ = unlock_byte(self.env.mapping.file(), Env::claim_byte(self.offset));
        local(|s| s.remove(&(self.env.env_id(), self.offset)));
    }
}
