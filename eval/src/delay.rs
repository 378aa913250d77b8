//! Delays: `(delay* f)` (the native macro `delay` wraps its body in a
//! `(fn* [] ...)`) gives a heap atom holding a state map, keys in the
//! namespace `evelisp.delay`:
//!
//! - `{:state :pending, :fn f}` until it is forced;
//! - `{:state :running, :fn f, :owner [pid nonce token]}` while one forcer runs
//!   `f`: forcers race to put it there by compare-and-set on the atom, so
//!   exactly one thread of one process runs the body, however many force
//!   it at once; the others wait for the next change with the heap's
//!   `wait_change`;
//! - `{:state :done, :value v}` or `{:state :failed, :error e}` after (the
//!   fn is dropped): every later `force`/`deref` gives `v`, or raises the
//!   same error `e` again, as Clojure does.
//!
//! The owner names the forcer's process id, a number drawn when that
//! process first ran a delay (so a later process that gets the same pid is
//! not taken for it), and a token unique in that process. A forcer that finds its own token (the body forcing its own
//! delay) gets an error instead of waiting for itself forever. A waiter in
//! another process looks, each second of waiting, whether the owner's
//! process still exists (`/proc/<pid>`); if it died mid-body, the waiter
//! puts the delay back to `:pending` (by compare-and-set from the exact
//! running state it saw), so one of the waiters runs the body instead.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::future::RefType;
use crate::interp::Interp;
use crate::native_registry::Args;
use evelisp_heap::{Ref, Value};
use std::cell::RefCell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The source of owner tokens (unique in this process).
static NEXT_TOKEN: AtomicU64 = AtomicU64::new(1);

/// This process's nonce (see the module docs).
static NONCE: OnceLock<i64> = OnceLock::new();

/// This process's nonce, drawn from the clock and the pid on first use.
fn nonce() -> i64 {
    *NONCE.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        ((nanos ^ (u64::from(std::process::id()) << 40)) & ((1 << 60) - 1)) as i64
    })
}

/// How long a waiter waits before it looks whether a running delay's
/// owner process is still alive.
const OWNER_CHECK: Duration = Duration::from_secs(1);

thread_local! {
    /// The tokens of the delays this thread is running the body of.
    static RUNNING: RefCell<Vec<i64>> = const { RefCell::new(Vec::new()) };
}

/// Whether process `pid` exists (true when it cannot be told).
fn process_alive(pid: i64) -> bool {
    if !std::path::Path::new("/proc/self").exists() {
        return true;
    }
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}

impl<'e> Interp<'e> {
    /// `(delay* f)`: a new delay of `f` (a fn of no arguments).
    pub(crate) fn delay_new(&self, f: Ref<'_>) -> EvalResult<Value<'e>> {
        let pending = self.ref_key(RefType::Delay, "pending")?;
        let state =
            self.ref_state_map(RefType::Delay, &[("state", pending.borrowed()), ("fn", f)])?;
        Ok(self.env.make_atom(state)?)
    }

    /// Whether `x` is a delay.
    pub(crate) fn is_delay(&self, x: Ref<'_>) -> EvalResult<bool> {
        Ok(matches!(self.ref_state(x)?, Some((RefType::Delay, _, _))))
    }

    /// `force`/`deref` of delay `x`: its value, running its body first if
    /// no one has (see the module docs); its error raised again if the
    /// body failed. An error if `x` is no delay.
    pub(crate) fn force_delay(&self, x: Ref<'_>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let t = RefType::Delay;
        let root = env.atom_root(x)?;
        let key =
            |name: &str| -> EvalResult<evelisp_heap::Word> { Ok(self.ref_key(t, name)?.word()) };
        let (pending, running, done) = (key("pending")?, key("running")?, key("done")?);
        let me = i64::from(std::process::id());
        loop {
            let seen = root.version();
            let state = root.get(&self.p)?;
            let Some((RefType::Delay, tag)) = self.classify_state(state.borrowed())? else {
                return Err(crate::print::class_cast("a delay", x));
            };
            if tag == done {
                return self.ref_field(t, state.borrowed(), "value");
            }
            if tag == pending {
                self.try_run_delay(x, state.borrowed())?;
                continue;
            }
            if tag != running {
                let e = self.ref_field(t, state.borrowed(), "error")?;
                return Err(self.throw_value(e));
            }
            let owner = self.ref_field(t, state.borrowed(), "owner")?;
            let owner = owner.borrowed();
            let field = |n: u64| owner.nth(n).and_then(|x| x.as_i64());
            let (pid, owner_nonce, token) = match (field(0), field(1), field(2)) {
                (Ok(pid), Ok(owner_nonce), Ok(token)) => (pid, owner_nonce, token),
                _ => {
                    return Err(crate::print::class_cast(
                        "a delay owner [pid nonce token]",
                        owner,
                    ));
                }
            };
            let owner_dead = if pid == me && owner_nonce == nonce() {
                if RUNNING.with(|r| r.borrow().contains(&token)) {
                    return Err(EvalError::new(EvalErrorKind::IllegalState(
                        "a delay was forced again by its own body".into(),
                    )));
                }
                // Another thread of this process runs it: it ends (or the
                // process, this thread with it).
                root.wait_change(seen, None)?;
                false
            } else if pid == me {
                // An earlier process that had this pid: gone.
                true
            } else {
                !root.wait_change(seen, Some(OWNER_CHECK))? && !process_alive(pid)
            };
            if owner_dead {
                // The owner died mid-body: back to pending, so a live
                // forcer runs it.
                let f = self.ref_field(t, state.borrowed(), "fn")?;
                let pending = self.ref_key(t, "pending")?;
                let again =
                    self.ref_state_map(t, &[("state", pending.borrowed()), ("fn", f.borrowed())])?;
                root.compare_and_set(&self.p, state.borrowed(), again)?;
            }
        }
    }

    /// Tries to take pending delay `x` (whose state is `state`) by
    /// compare-and-set, and if this thread got it, runs its fn and stores
    /// the outcome. Losing the race is no error: the caller looks again.
    fn try_run_delay(&self, x: Ref<'_>, state: Ref<'_>) -> EvalResult<()> {
        let env = self.env;
        let t = RefType::Delay;
        let root = env.atom_root(x)?;
        let f = self.ref_field(t, state, "fn")?;
        let token = (NEXT_TOKEN.fetch_add(1, Ordering::Relaxed) & ((1 << 60) - 1)) as i64;
        let pid = env.make_int(i64::from(std::process::id()))?;
        let nonce = env.make_int(nonce())?;
        let token_v = env.make_int(token)?;
        let owner = env.make_vector(&[pid.borrowed(), nonce.borrowed(), token_v.borrowed()])?;
        let running_tag = self.ref_key(t, "running")?;
        let running = self.ref_state_map(
            t,
            &[
                ("state", running_tag.borrowed()),
                ("fn", f.borrowed()),
                ("owner", owner.borrowed()),
            ],
        )?;
        if !root.compare_and_set(&self.p, state, running.clone())? {
            return Ok(());
        }
        RUNNING.with(|r| r.borrow_mut().push(token));
        let outcome = self.apply(f.borrowed(), Args::new());
        RUNNING.with(|r| r.borrow_mut().retain(|&k| k != token));
        let finished = (|| -> EvalResult<Value<'e>> {
            match outcome {
                Ok(v) => {
                    let done = self.ref_key(t, "done")?;
                    self.ref_state_map(t, &[("state", done.borrowed()), ("value", v.borrowed())])
                }
                Err(e) => {
                    let failed = self.ref_key(t, "failed")?;
                    let e = self.error_value(e)?;
                    self.ref_state_map(t, &[("state", failed.borrowed()), ("error", e.borrowed())])
                }
            }
        })();
        // Only a waiter that took this process for dead changes a running
        // state; whatever is there then is what every forcer reports. If
        // the outcome could not even be built (the heap failed), the delay
        // goes back to pending rather than stay running with no one on it.
        match finished {
            Ok(new) => {
                root.compare_and_set(&self.p, running.borrowed(), new)?;
            }
            Err(e) => {
                let pending = self.ref_key(t, "pending")?;
                let again =
                    self.ref_state_map(t, &[("state", pending.borrowed()), ("fn", f.borrowed())])?;
                root.compare_and_set(&self.p, running.borrowed(), again)?;
                return Err(e);
            }
        }
        Ok(())
    }
}
