//! A session: a thread of its own with its own interpreter over the
//! server's env, so its `*ns*`, `*1 *2 *3 *e`, `*out*`/`*err*`/`*in*` and
//! thread bindings are its own, while every definition goes to the one env
//! file all processes share. Requests (`eval`, `load-file`) are queued to
//! the thread and run one at a time, in order; `interrupt` stops the
//! running one through the session's own interrupt counter, so other
//! sessions go on.

use super::eval_op;
use super::message::Request;
use super::session_io::{OutWriter, StdinQueue, StdinReader, Target};
use super::transport::Transport;
use crate::eval::{EvalResult, Interp, InterruptSource};
use crate::heap::{Env, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

/// What a session thread is asked to do.
pub(crate) enum Task {
    /// Evaluate an `eval` or `load-file` request.
    Eval {
        /// The request.
        req: Request,
        /// Where its responses go.
        transport: Transport,
        /// A `load-file` (else an `eval`).
        load_file: bool,
    },
}

/// The request a session is running, for `interrupt`.
#[derive(Default)]
struct Running {
    /// Whether a request is running.
    active: bool,
    /// Its `id`.
    id: Option<String>,
    /// Whether it was asked to stop.
    interrupted: bool,
}

/// What an `interrupt` request found.
pub(crate) enum Interrupted {
    /// Nothing was running.
    Idle,
    /// The running request was asked to stop.
    Stopped,
    /// Another request than the one named is running.
    Mismatch,
}

/// A session, as the connections see it (its interpreter lives on its
/// thread).
pub(crate) struct Session {
    /// Its id (a UUID-shaped string).
    pub(crate) id: String,
    /// The connection that made it (closed with it), 0 for none.
    pub(crate) owner: u64,
    tasks: Mutex<Option<Sender<Task>>>,
    interrupt: InterruptSource,
    running: Mutex<Running>,
    /// Its `*in*`'s input.
    pub(crate) stdin: Arc<StdinQueue>,
    /// The name of its current namespace (after its last evaluation).
    ns: Mutex<String>,
    /// Where its output goes.
    pub(crate) target: Target,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A fresh session id: UUID-shaped, from the process id, the time and a
/// counter, hashed.
pub(crate) fn new_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut a = crate::heap::Fnv1a::new();
    a.write(&std::process::id().to_le_bytes());
    a.write(&nanos.to_le_bytes());
    a.write(&n.to_le_bytes());
    let hi = a.finish();
    a.write(b"lo");
    let lo = a.finish();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xfff,
        0x8000 | ((lo >> 48) & 0x3fff),
        lo & 0xffff_ffff_ffff
    )
}

impl Session {
    /// Starts a session thread over `env`, in namespace `ns` (`user` when
    /// that namespace does not exist). Gives the error text if the thread
    /// or its interpreter cannot be made.
    pub(crate) fn start(
        env: Arc<Env>,
        owner: u64,
        ns: &str,
    ) -> Result<(Arc<Session>, JoinHandle<()>), String> {
        let (tx, rx) = mpsc::channel();
        let session = Arc::new(Session {
            id: new_id(),
            owner,
            tasks: Mutex::new(Some(tx)),
            interrupt: InterruptSource::new(),
            running: Mutex::new(Running::default()),
            stdin: Arc::new(StdinQueue::default()),
            ns: Mutex::new(ns.to_string()),
            target: Target::default(),
        });
        let (ready_tx, ready_rx) = mpsc::sync_channel(1);
        let thread_session = session.clone();
        let thread = std::thread::Builder::new()
            .name(format!("nrepl-session-{}", &session.id[..8]))
            .spawn(move || run(env, thread_session, rx, ready_tx))
            .map_err(|e| format!("cannot start a session thread: {e}"))?;
        match ready_rx.recv() {
            Ok(Ok(())) => Ok((session, thread)),
            Ok(Err(e)) => Err(e),
            Err(_) => Err("the session thread ended while starting".into()),
        }
    }

    /// Queues a task; false if the session is closed.
    pub(crate) fn submit(&self, task: Task) -> bool {
        match &*lock(&self.tasks) {
            Some(tx) => tx.send(task).is_ok(),
            None => false,
        }
    }

    /// Closes the session: no more requests are taken, the running one is
    /// interrupted, `*in*` is at its end; the thread ends after the
    /// requests already queued (each stopped at its first call).
    pub(crate) fn close(&self) {
        lock(&self.tasks).take();
        self.stdin.close();
        self.interrupt(None);
    }

    /// Lets the session end once the requests queued so far have run (a
    /// session made for one request).
    pub(crate) fn finish(&self) {
        lock(&self.tasks).take();
    }

    /// Asks the running request to stop, if it is the one with id
    /// `request` (any, when `None`).
    pub(crate) fn interrupt(&self, request: Option<&str>) -> Interrupted {
        let mut running = lock(&self.running);
        if !running.active {
            return Interrupted::Idle;
        }
        if let Some(want) = request
            && running.id.as_deref() != Some(want)
        {
            return Interrupted::Mismatch;
        }
        running.interrupted = true;
        self.interrupt.request();
        Interrupted::Stopped
    }

    /// Marks `id` as running (on the session thread, with the interpreter
    /// made interruptible from now: older requests to stop are ignored).
    pub(crate) fn begin(&self, interp: &Interp<'_>, id: Option<&str>) {
        let mut running = lock(&self.running);
        interp.set_interruptible(true);
        *running = Running {
            active: true,
            id: id.map(str::to_string),
            interrupted: false,
        };
    }

    /// Marks the running request finished; whether it was interrupted.
    pub(crate) fn end(&self) -> bool {
        let mut running = lock(&self.running);
        let interrupted = running.interrupted;
        *running = Running::default();
        interrupted
    }

    /// The name of the session's current namespace.
    pub(crate) fn ns_name(&self) -> String {
        lock(&self.ns).clone()
    }

    /// Records the session's current namespace.
    pub(crate) fn set_ns_name(&self, name: String) {
        *lock(&self.ns) = name;
    }
}

/// The session thread: makes the interpreter, binds the streams and the
/// REPL vars, then runs tasks until the session is closed.
fn run(
    env: Arc<Env>,
    session: Arc<Session>,
    tasks: Receiver<Task>,
    ready: mpsc::SyncSender<Result<(), String>>,
) {
    let result = (|| -> EvalResult<()> {
        let interp = Interp::new(&env)?;
        interp.share_env(env.clone())?;
        evelisp_stdlib::install(&interp)?;
        interp.set_interrupt_source(session.interrupt.clone());
        let start_ns = session.ns_name();
        let ns_sym = env.intern_symbol(None, &start_ns)?;
        if let Some(ns) = env.find_namespace(interp.participant(), ns_sym.borrowed())? {
            interp.set_current_ns(ns);
        }
        session.set_ns_name(interp.current_ns_name()?);
        let out = OutWriter::new(session.target.clone(), session.id.clone(), "out");
        interp.set_shared_out(Arc::new(Mutex::new(Box::new(out))));
        let err = interp.host_writer(Box::new(OutWriter::new(
            session.target.clone(),
            session.id.clone(),
            "err",
        )))?;
        let input = interp.host_reader(Box::new(StdinReader::new(
            session.stdin.clone(),
            session.target.clone(),
            session.id.clone(),
            session.interrupt.clone(),
        )))?;
        let bindings = session_bindings(&interp, &err, &input)?;
        // As the terminal REPL: clojure.repl's tools in `user`.
        interp.eval_str(
            "(clojure.core/require '[clojure.repl :refer [doc source dir apropos find-doc pst]])",
            Some("<nrepl>"),
        )?;
        let _ = ready.send(Ok(()));
        interp.with_var_bindings(bindings, || {
            interp.with_repl_vars(|| {
                while let Ok(task) = tasks.recv() {
                    let Task::Eval {
                        req,
                        transport,
                        load_file,
                    } = task;
                    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        eval_op::evaluate(&interp, &session, &req, &transport, load_file)
                    }));
                    if ran.is_err() {
                        // The interpreter's state is unknown now: the
                        // session ends, the server goes on.
                        session.finish();
                        transport.send(
                            super::message::Response::to(&req, Some(&session.id))
                                .set(
                                    "err",
                                    "evelisp nREPL: internal error; the session is closed\n",
                                )
                                .status(&["error", "session-closed", "done"]),
                        );
                        break;
                    }
                }
            })
        })??;
        let _ = interp.close_host_object(err.borrowed());
        let _ = interp.close_host_object(input.borrowed());
        Ok(())
    })();
    if let Err(e) = result {
        let _ = ready.send(Err(e.to_string()));
    }
}

/// The thread bindings of a session: its `*err*` and `*in*`, the vars the
/// CLI binds for scripts, and the printer's and `assert`'s, as Clojure's
/// REPL binds them (so `set!` works on them: CIDER sets `*print-length*`).
fn session_bindings<'e>(
    interp: &Interp<'e>,
    err: &Value<'e>,
    input: &Value<'e>,
) -> EvalResult<Vec<(&'static str, Value<'e>)>> {
    let env = interp.env();
    Ok(vec![
        ("clojure.core/*err*", err.clone()),
        ("clojure.core/*in*", input.clone()),
        ("clojure.core/*command-line-args*", Value::nil(env)),
        ("clojure.core/*warn-on-reflection*", env.make_bool(false)),
        ("clojure.core/*unchecked-math*", env.make_bool(false)),
        ("clojure.core/*data-readers*", interp.data_readers_now()?),
        ("clojure.core/*print-length*", Value::nil(env)),
        ("clojure.core/*print-level*", Value::nil(env)),
        ("clojure.core/*print-meta*", env.make_bool(false)),
        ("clojure.core/*assert*", env.make_bool(true)),
    ])
}
