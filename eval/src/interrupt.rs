//! Interrupting a running evaluation (Ctrl-C in the REPL): the host counts
//! interrupt requests in a process-wide counter ([`request_interrupt`], safe
//! to call from a signal handler); an interpreter made interruptible
//! ([`Interp::set_interruptible`]) checks the counter at every function call
//! and every `recur`, and stops with an `Interrupted` error when it moved.
//! No `catch` takes that error (`finally` clauses run), so an infinite loop
//! with a catch-all inside still returns to the prompt. Other interpreters
//! (futures, embedders) are not affected.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use std::sync::atomic::{AtomicU64, Ordering};

/// Interrupt requests so far in this process.
static INTERRUPTS: AtomicU64 = AtomicU64::new(0);

/// Asks the interruptible interpreters of this process to stop what they
/// are evaluating. Async-signal-safe (one atomic add).
pub fn request_interrupt() {
    INTERRUPTS.fetch_add(1, Ordering::Relaxed);
}

/// The counter, for a signal-handling crate to increment directly.
pub fn interrupt_counter() -> &'static AtomicU64 {
    &INTERRUPTS
}

impl Interp<'_> {
    /// Makes this interpreter stop at the next call or `recur` after an
    /// interrupt request (requests made before this call are ignored).
    pub fn set_interruptible(&self, on: bool) {
        self.thread.interrupts_seen.set(if on {
            Some(INTERRUPTS.load(Ordering::Relaxed))
        } else {
            None
        });
    }

    /// An `Interrupted` error if an interrupt was requested since the last
    /// check (interruptible interpreters only).
    #[inline]
    pub(crate) fn check_interrupt(&self) -> EvalResult<()> {
        let Some(seen) = self.thread.interrupts_seen.get() else {
            return Ok(());
        };
        let now = INTERRUPTS.load(Ordering::Relaxed);
        if now == seen {
            return Ok(());
        }
        self.thread.interrupts_seen.set(Some(now));
        Err(EvalError::new(EvalErrorKind::Interrupted))
    }
}
