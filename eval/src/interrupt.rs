//! Interrupting a running evaluation (Ctrl-C in the REPL): the host counts
//! interrupt requests in a process-wide counter ([`request_interrupt`], safe
//! to call from a signal handler); an interpreter made interruptible
//! ([`Interp::set_interruptible`]) checks the counter at every function call
//! and every `recur`, and stops with an `Interrupted` error when it moved.
//! No `catch` takes that error (`finally` clauses run), so an infinite loop
//! with a catch-all inside still returns to the prompt. Other interpreters
//! (futures, embedders) are not affected.
//!
//! A host running several evaluations at once (the nREPL server: one
//! session per thread) gives each interpreter an [`InterruptSource`] of its
//! own ([`Interp::set_interrupt_source`]), so interrupting one session
//! leaves the others running.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use std::sync::Arc;
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

/// A counter of interrupt requests of its own, for the interpreters given
/// it instead of the process-wide one (cloning shares the counter).
#[derive(Clone, Debug, Default)]
pub struct InterruptSource(Arc<AtomicU64>);

impl InterruptSource {
    /// A new counter, with no request made.
    pub fn new() -> InterruptSource {
        InterruptSource::default()
    }

    /// Asks the interpreters using this source to stop what they are
    /// evaluating.
    pub fn request(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    /// The requests made so far.
    pub fn count(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

impl Interp<'_> {
    /// The counter this interpreter watches: its own source, else the
    /// process-wide one.
    #[inline]
    fn interrupt_counter(&self) -> &AtomicU64 {
        match self.thread.interrupt_source.get() {
            Some(source) => &source.0,
            None => &INTERRUPTS,
        }
    }

    /// Makes this interpreter stop at the next call or `recur` after an
    /// interrupt request (requests made before this call are ignored).
    pub fn set_interruptible(&self, on: bool) {
        self.thread.interrupts_seen.set(if on {
            Some(self.interrupt_counter().load(Ordering::Relaxed))
        } else {
            None
        });
    }

    /// Makes this interpreter watch `source` instead of the process-wide
    /// counter, and interruptible (requests made before are ignored). Once
    /// per interpreter: false, and nothing changed, if it already has one.
    pub fn set_interrupt_source(&self, source: InterruptSource) -> bool {
        let set = self.thread.interrupt_source.set(source).is_ok();
        if set {
            self.set_interruptible(true);
        }
        set
    }

    /// An `Interrupted` error if an interrupt was requested since the last
    /// check (interruptible interpreters only).
    #[inline]
    pub(crate) fn check_interrupt(&self) -> EvalResult<()> {
        let Some(seen) = self.thread.interrupts_seen.get() else {
            return Ok(());
        };
        let now = self.interrupt_counter().load(Ordering::Relaxed);
        if now == seen {
            return Ok(());
        }
        self.thread.interrupts_seen.set(Some(now));
        Err(EvalError::new(EvalErrorKind::Interrupted))
    }
}
