//! One thread's evaluation state ([`ThreadState`]): its namespace
//! (`*ns*`), `*out*`, bindings of dynamic vars and their filter, the ref
//! transaction it runs, the error being thrown, the call depth, the
//! agent sends its running action holds back, the interrupt count it saw, the frame vectors it reuses, its load path and
//! gensym counter. Process-local, one per interpreter (an `Interp` is
//! one thread's).

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use evelisp_heap::{Env, Value, Word};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// An action a thread holds back (in a transaction or an agent action):
/// the agent and the action.
pub(crate) type HeldSend<'e> = (Value<'e>, Value<'e>);

/// This thread's bindings of dynamic vars: by the var's word, the var
/// itself (so the bindings can be given to another thread as a heap map:
/// futures, `bound-fn*`) and its value.
/// Hashed with [`crate::caches::WordHasher`]: every read of a var whose
/// call site is not inlined looks here, and var words need no protection
/// against chosen collisions.
pub(crate) type Bindings<'e> = imbl::GenericHashMap<
    Word,
    (Value<'e>, Value<'e>),
    std::hash::BuildHasherDefault<crate::caches::WordHasher>,
    imbl::shared_ptr::DefaultSharedPtr,
>;

/// The log of this thread's running ref transaction (`stm.rs` runs it).
#[derive(Default)]
pub(crate) struct Tx<'e> {
    /// Per ref cell (its atom's word): the atom, the version and the value
    /// first read.
    pub(crate) reads: HashMap<Word, (Value<'e>, u32, Value<'e>)>,
    /// Per ref cell: the value the transaction set.
    pub(crate) writes: HashMap<Word, Value<'e>>,
    /// The order the cells were first written in (commit order).
    pub(crate) order: Vec<Word>,
    /// The agent sends made in the transaction, sent when it commits
    /// (dropped when it runs again).
    pub(crate) sends: Vec<HeldSend<'e>>,
}

/// A writer shared between threads: a `*out*` that can be conveyed to
/// the futures a thread starts (they write to the same writer, as Clojure
/// conveys the binding of `*out*`).
pub type SharedOut = std::sync::Arc<std::sync::Mutex<Box<dyn std::io::Write + Send>>>;

/// A thread's `*out*`: a writer only this thread may use (given to
/// [`Interp::set_out`]; futures started meanwhile write to standard
/// output), or a [`SharedOut`] that futures started meanwhile write to too.
pub enum Out<'e> {
    /// A writer of this thread only.
    Local(Box<dyn std::io::Write + 'e>),
    /// A writer shared with the futures this thread starts.
    Shared(SharedOut),
    /// A process-local host writer (`(binding [*out* w] ...)`): the word
    /// of its entry in `host_objects.rs` (never `*out*`'s own entry).
    Host(Word),
}

impl Out<'_> {
    /// A shared `*out*` writing to `w`.
    pub fn shared(w: impl std::io::Write + Send + 'static) -> Self {
        Out::Shared(std::sync::Arc::new(std::sync::Mutex::new(Box::new(w))))
    }

    /// Writes all of `text` and flushes.
    fn write_text(&mut self, text: &str) -> std::io::Result<()> {
        match self {
            Out::Local(w) => w.write_all(text.as_bytes()).and_then(|()| w.flush()),
            Out::Shared(w) => {
                let mut w = w.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                w.write_all(text.as_bytes()).and_then(|()| w.flush())
            }
            Out::Host(w) => crate::host_objects::write_text(*w, text)
                .map_err(|e| std::io::Error::other(e.to_string())),
        }
    }
}

/// One thread's evaluation state (see the module docs).
pub(crate) struct ThreadState<'e> {
    /// The current namespace (`*ns*`).
    pub(crate) ns: RefCell<Value<'e>>,
    /// The var `clojure.core/*ns*` (its value is this thread's namespace).
    pub(crate) ns_var: Word,
    /// The vars `*out*`, `*err*`, `*in*` (dynamic, never bound in the file).
    pub(crate) stream_vars: [Word; 3],
    /// This thread's `*out*` (process-local: never stored in the env).
    pub(crate) out: RefCell<Out<'e>>,
    /// This thread's bindings of dynamic vars.
    pub(crate) bindings: RefCell<Bindings<'e>>,
    /// A Bloom filter of the vars `bindings` has: two bits per var, from a
    /// hash of its word (`dynamic.rs`); a clear bit means "not bound"
    /// without a lookup.
    pub(crate) bound_filter: Cell<u64>,
    /// The log of this thread's running ref transaction (`stm.rs`).
    pub(crate) tx: RefCell<Option<Tx<'e>>>,
    /// While this thread runs an agent action: the sends it made, sent
    /// when the action ends (`agent.rs`).
    pub(crate) agent_sends: RefCell<Option<Vec<HeldSend<'e>>>>,
    /// The value of the error being thrown by `throw`, until a `catch`
    /// takes it (one per thread, as only one error unwinds at a time).
    pub(crate) thrown: RefCell<Option<Value<'e>>>,
    /// How deep the calls running now are (`run.rs`).
    pub(crate) depth: Cell<usize>,
    /// The stack address below which a call must make room first
    /// (`stack_room.rs`); `usize::MAX` when not known.
    pub(crate) stack_floor: Cell<usize>,
    /// The interrupt count last seen, when this interpreter can be
    /// interrupted (`interrupt.rs`).
    pub(crate) interrupts_seen: Cell<Option<u64>>,
    /// The interrupt counter this interpreter watches instead of the
    /// process-wide one, when its host gave it one (`interrupt.rs`).
    pub(crate) interrupt_source: std::cell::OnceCell<crate::interrupt::InterruptSource>,
    /// Vectors of finished frames, reused for the next calls' arguments
    /// (`run.rs`), so a call allocates no memory of the process.
    pub(crate) frame_pool: RefCell<Vec<Vec<Value<'e>>>>,
    /// Directories searched by `require` before `EVELISP_PATH`.
    pub(crate) load_path: RefCell<Vec<std::path::PathBuf>>,
    /// The host's shared handle on the env, for threads this interpreter
    /// starts (futures); without it they open the file themselves.
    pub(crate) shared_env: RefCell<Option<std::sync::Arc<Env>>>,
    /// The next gensym number.
    pub(crate) next_id: Cell<u64>,
}

impl<'e> ThreadState<'e> {
    /// The state of a thread starting in namespace `ns`.
    pub(crate) fn new(ns: Value<'e>, ns_var: Word, stream_vars: [Word; 3]) -> ThreadState<'e> {
        ThreadState {
            ns: RefCell::new(ns),
            ns_var,
            stream_vars,
            out: RefCell::new(Out::shared(std::io::stdout())),
            bindings: RefCell::new(Bindings::default()),
            bound_filter: Cell::new(0),
            tx: RefCell::new(None),
            agent_sends: RefCell::new(None),
            thrown: RefCell::new(None),
            depth: Cell::new(0),
            stack_floor: Cell::new(usize::MAX),
            interrupts_seen: Cell::new(None),
            interrupt_source: std::cell::OnceCell::new(),
            frame_pool: RefCell::new(Vec::new()),
            load_path: RefCell::new(Vec::new()),
            shared_env: RefCell::new(None),
            next_id: Cell::new(u64::from(std::process::id()) << 32),
        }
    }

    /// This thread's `*out*` if it can be conveyed to another thread.
    pub(crate) fn shared_out(&self) -> Option<SharedOut> {
        match &*self.out.borrow() {
            Out::Shared(w) => Some(w.clone()),
            Out::Local(_) | Out::Host(_) => None,
        }
    }

    /// Writes `text` to this thread's `*out*`.
    pub(crate) fn write_out(&self, text: &str) -> EvalResult<()> {
        self.out
            .borrow_mut()
            .write_text(text)
            .map_err(|e| EvalError::new(EvalErrorKind::Io(e.to_string())))
    }

    /// A fresh number (for gensyms): unique in this process, and prefixed
    /// by the process id so two processes rarely pick the same.
    pub(crate) fn next_id(&self) -> u64 {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        id
    }
}
