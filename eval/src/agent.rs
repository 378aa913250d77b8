//! Agents, shared by every process on the env file.
//!
//! An agent is a record of type `clojure.lang.Agent` whose map holds its
//! cell, an atom in the env file (`{:evelisp.agent/cell atom}`), as a ref
//! holds its cell. The cell holds the agent's **control vector**
//! `[state error mode handler front rear sent done]`: its state, its error
//! (nil while it is ready), its error mode (`:continue` / `:fail`) and
//! handler, the queue of pending actions (a list `front`, oldest first, and
//! a vector `rear`, newest last: a persistent queue, amortized O(1) at each
//! end), and the counts of actions ever enqueued and ever finished. Every
//! change is one compare-and-set of the cell, so a send from any thread or
//! process is never lost, and actions are applied in the order their sends
//! won the CAS: in order per sender. An action is `[f args bindings]`, all
//! values in the file, so any process can run it. (An agent is a record
//! over an atom, as a ref is, not a heap kind of its own: the check, the
//! sweep and checkpoints already know every part of it.)
//!
//! **Running.** Whoever holds the agent's *claim* (`Env::try_claim` on the
//! cell: an OFD lock the kernel drops when its holder dies, as participant
//! slots are held) applies the actions one at a time: it reads the head
//! action, applies it (with `*agent*` bound, the sender's bindings
//! conveyed, and the sends it makes held back), then, in one CAS, pops that
//! action, stores the new state and counts it done; then it calls the
//! watches and releases the held sends. When the queue is empty it drops
//! the claim and looks once more (a send that saw the claim held before the
//! drop is then seen), claiming again if there is work. A send enqueues,
//! then starts a worker thread of its process unless the agent is claimed.
//! **A claimant that dies** (kill -9) loses its claim with its process;
//! the action it was running is still the queue's head (it is popped only
//! with its result), so the next process that sends to or awaits the agent
//! claims it and runs that action again: an action's change to the state
//! is applied exactly once; its side effects may happen again if its
//! process died while running it.
//!
//! `await` waits (on the cell's futex, re-checking every 50 ms for a dead
//! claimant) until the count of finished actions reaches the count enqueued
//! when it was called. An action counts as finished once its watches, its
//! error handler and its held sends have run (a claimant that died after
//! popping it is settled by whoever finds the agent unclaimed). A process
//! that ends (`wait_agents_idle`, or after `shutdown-agents`) finishes the
//! actions queued when it noticed, then leaves the rest to other
//! processes.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::future::ThreadEnv;
use crate::interp::Interp;
use crate::native_registry::args;
use evelisp_heap::{Ref, Value, Word};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Positions in the control vector.
const STATE: u64 = 0;
const ERROR: u64 = 1;
const MODE: u64 = 2;
const HANDLER: u64 = 3;
const FRONT: u64 = 4;
const REAR: u64 = 5;
const SENT: u64 = 6;
const DONE: u64 = 7;

/// How often a waiter looks for a claimant that died.
const RECHECK: Duration = Duration::from_millis(50);

/// Set by `shutdown-agents` (and at exit): this process starts no more
/// workers; those running finish what was queued when they noticed.
static SHUTDOWN: AtomicBool = AtomicBool::new(false);

/// The agents (env id, cell offset) a worker of this process is starting
/// for: it has not tried to claim them yet, so a send need not start
/// another.
static STARTING: Mutex<Option<std::collections::HashSet<(u64, u64)>>> = Mutex::new(None);

fn starting<T>(f: impl FnOnce(&mut std::collections::HashSet<(u64, u64)>) -> T) -> T {
    let mut guard = STARTING.lock().unwrap_or_else(|p| p.into_inner());
    f(guard.get_or_insert_with(Default::default))
}

/// The worker threads of this process that are running.
static WORKERS: Mutex<usize> = Mutex::new(0);
static WORKERS_IDLE: Condvar = Condvar::new();

/// Stops this process's agent system (`shutdown-agents`).
pub(crate) fn shutdown() {
    SHUTDOWN.store(true, Ordering::SeqCst);
}

/// Stops this process's agent system and waits until its worker threads
/// have finished the actions queued now (what a host calls before it
/// exits, as the JVM waits for the agent pools' threads).
pub fn wait_agents_idle() {
    shutdown();
    let mut n = WORKERS.lock().unwrap_or_else(|p| p.into_inner());
    while *n > 0 {
        n = WORKERS_IDLE.wait(n).unwrap_or_else(|p| p.into_inner());
    }
}

fn failed_error() -> EvalError {
    EvalError::new(EvalErrorKind::Rethrown {
        class: "RuntimeException",
        message: "Agent is failed, needs restart".into(),
    })
}

pub(crate) use crate::thread_state::HeldSend;

impl<'e> Interp<'e> {
    fn agent_key(&self) -> EvalResult<Value<'e>> {
        Ok(self.env.intern_keyword(Some("evelisp.agent"), "cell")?)
    }

    /// The cell (an atom) of agent `r`, if `r` is an agent.
    pub(crate) fn agent_cell<'a>(&self, r: Ref<'a>) -> EvalResult<Option<Ref<'a>>> {
        let Some(ty) = r.record_type()? else {
            return Ok(None);
        };
        if ty.symbol_parts()? != (None, "clojure.lang.Agent") {
            return Ok(None);
        }
        Ok(r.get(self.agent_key()?.borrowed())?)
    }

    /// The cell of agent `r`, or a ClassCastException naming `what`.
    pub(crate) fn agent_arg<'a>(&self, r: Ref<'a>) -> EvalResult<Ref<'a>> {
        if r.is_nil() {
            return Err(EvalError::new(EvalErrorKind::NullPointer(
                "agent is nil".into(),
            )));
        }
        self.agent_cell(r)?
            .ok_or_else(|| crate::print::class_cast("clojure.lang.Agent", r))
    }

    /// A new agent holding `state`, with error `handler` (nil for none)
    /// and error `mode` (a keyword).
    pub(crate) fn new_agent(
        &self,
        state: Value<'e>,
        mode: Ref<'_>,
        handler: Ref<'_>,
    ) -> EvalResult<Value<'e>> {
        let env = self.env;
        self.check_publishable(state.borrowed(), || "an agent".into())?;
        let nil = Value::nil(env);
        let front = env.make_list(&[])?;
        let rear = env.empty_vector()?;
        let zero = env.make_int(0)?;
        let ctl = env.make_vector(&[
            state.borrowed(),
            nil.borrowed(),
            mode,
            handler,
            front.borrowed(),
            rear.borrowed(),
            zero.borrowed(),
            zero.borrowed(),
        ])?;
        let cell = env.make_atom(ctl)?;
        let m = env.empty_map()?;
        let m = env.assoc(m.borrowed(), self.agent_key()?.borrowed(), cell.borrowed())?;
        let ty = env.intern_symbol(None, "clojure.lang.Agent")?;
        let basis = env.empty_vector()?;
        Ok(env.make_record(ty.borrowed(), basis.borrowed(), m.borrowed())?)
    }

    /// The control vector of the agent with cell `cell`.
    fn control(&self, cell: Ref<'_>) -> EvalResult<Value<'e>> {
        Ok(self.env.atom_root(cell)?.get(&self.p)?)
    }

    /// Field `i` of the control vector of the agent with cell `cell`.
    pub(crate) fn agent_field(&self, cell: Ref<'_>, i: AgentField) -> EvalResult<Value<'e>> {
        let ctl = self.control(cell)?;
        Ok(self.env.own(ctl.borrowed().nth(i as u64)?)?)
    }

    /// Sets field `i` of the agent's control vector to `v`.
    pub(crate) fn set_agent_field(
        &self,
        cell: Ref<'_>,
        i: AgentField,
        v: Ref<'_>,
    ) -> EvalResult<()> {
        let env = self.env;
        let k = env.make_int(i as i64)?;
        env.atom_root(cell)?
            .swap(&self.p, |cur| env.assoc(cur, k.borrowed(), v))?;
        Ok(())
    }

    /// `(send agent f & args)` (and `send-off`, `send-via`): enqueues the
    /// action — held back until the running transaction commits, or the
    /// running action ends — and starts a worker if nobody runs the agent.
    pub(crate) fn agent_send(
        &self,
        agent: Ref<'_>,
        f: Ref<'_>,
        args: &[Value<'e>],
    ) -> EvalResult<()> {
        let env = self.env;
        let cell = self.agent_arg(agent)?;
        if !self.control(cell)?.borrowed().nth(ERROR)?.is_nil() {
            return Err(failed_error());
        }
        let args: Vec<Ref<'_>> = args.iter().map(|a| a.borrowed()).collect();
        let args = env.make_vector(&args)?;
        let bindings = self.thread_bindings_map()?;
        let bindings = match bindings.borrowed().count()? {
            0 => Value::nil(env),
            _ => bindings,
        };
        let action = env.make_vector(&[f, args.borrowed(), bindings.borrowed()])?;
        self.check_publishable(action.borrowed(), || "an agent".into())?;
        let agent = env.own(agent)?;
        if let Some(tx) = self.thread.tx.borrow_mut().as_mut() {
            tx.sends.push((agent, action));
            return Ok(());
        }
        if let Some(held) = self.thread.agent_sends.borrow_mut().as_mut() {
            held.push((agent, action));
            return Ok(());
        }
        self.dispatch(agent.borrowed(), action)
    }

    /// Sends the actions a transaction or an action held back.
    pub(crate) fn release_sends(&self, held: Vec<HeldSend<'e>>) -> EvalResult<()> {
        for (agent, action) in held {
            self.dispatch(agent.borrowed(), action)?;
        }
        Ok(())
    }

    /// `release-pending-sends`: sends now what the running action holds
    /// back; how many.
    pub(crate) fn release_pending_sends(&self) -> EvalResult<usize> {
        let held = match self.thread.agent_sends.borrow_mut().as_mut() {
            Some(held) => std::mem::take(held),
            None => return Ok(0),
        };
        let n = held.len();
        self.release_sends(held)?;
        Ok(n)
    }

    /// Enqueues `action` on `agent` (one CAS of its cell) and makes sure
    /// someone runs it.
    fn dispatch(&self, agent: Ref<'_>, action: Value<'e>) -> EvalResult<()> {
        let env = self.env;
        let cell = self.agent_arg(agent)?;
        let (rear_k, sent_k) = (env.make_int(REAR as i64)?, env.make_int(SENT as i64)?);
        env.atom_root(cell)?
            .swap(&self.p, |cur| -> EvalResult<Value<'e>> {
                let rear = env.conj(cur.nth(REAR)?, action.borrowed())?;
                let sent = env.make_int(cur.nth(SENT)?.as_i64()? + 1)?;
                let v = env.assoc(cur, rear_k.borrowed(), rear.borrowed())?;
                Ok(env.assoc(v.borrowed(), sent_k.borrowed(), sent.borrowed())?)
            })?;
        self.kick(agent, cell)
    }

    /// Starts a worker for `agent` unless one holds its claim (or this
    /// process's agent system is shut down).
    fn kick(&self, agent: Ref<'_>, cell: Ref<'_>) -> EvalResult<()> {
        if SHUTDOWN.load(Ordering::SeqCst) {
            return Ok(());
        }
        self.start_worker(agent, cell)
    }

    /// Starts a worker for `agent` unless one of this process is starting
    /// or some thread holds its claim.
    fn start_worker(&self, agent: Ref<'_>, cell: Ref<'_>) -> EvalResult<()> {
        let key = (self.env.env_id(), cell_offset(cell)?);
        if starting(|s| s.contains(&key)) || self.env.is_claimed(key.1)? {
            return Ok(());
        }
        if !starting(|s| s.insert(key)) {
            return Ok(());
        }
        let started = self.spawn_worker(agent, key);
        if started.is_err() {
            starting(|s| s.remove(&key));
        }
        started
    }

    /// The registry of agents handed to worker threads: `{id agent}` in the
    /// var `evelisp.agent/dispatch` (values never cross threads in Rust
    /// memory).
    fn worker_registry(&self) -> EvalResult<evelisp_heap::Root<'e>> {
        let env = self.env;
        let ns_sym = env.intern_symbol(None, "evelisp.agent")?;
        let ns = env.namespace(&self.p, ns_sym.borrowed())?;
        let name = env.intern_symbol(None, "dispatch")?;
        let var = env.intern_var(&self.p, ns.borrowed(), name.borrowed())?;
        Ok(env.var_root(var.borrowed())?)
    }

    /// Adds (`Some`) or takes out (`None`) entry `id` of the worker
    /// registry; what was there.
    fn edit_worker_registry(
        &self,
        id: i64,
        agent: Option<Ref<'_>>,
    ) -> EvalResult<Option<Value<'e>>> {
        let env = self.env;
        let key = env.make_int(id)?;
        let mut taken = None;
        self.worker_registry()?
            .swap(&self.p, |cur: Ref<'_>| -> EvalResult<Value<'e>> {
                let cur = if cur.word() == Word::UNBOUND || cur.is_nil() {
                    env.empty_map()?
                } else {
                    env.own(cur)?
                };
                taken = cur
                    .borrowed()
                    .get(key.borrowed())?
                    .map(|a| env.own(a))
                    .transpose()?;
                Ok(match agent {
                    Some(a) => env.assoc(cur.borrowed(), key.borrowed(), a)?,
                    None => env.dissoc(cur.borrowed(), key.borrowed())?,
                })
            })?;
        Ok(taken)
    }

    /// Starts a worker thread of this process for `agent`.
    fn spawn_worker(&self, agent: Ref<'_>, key: (u64, u64)) -> EvalResult<()> {
        let id = (self.next_id() & ((1 << 60) - 1)) as i64;
        self.edit_worker_registry(id, Some(agent))?;
        let out = self.shared_out();
        *WORKERS.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        let started = self.thread_env().and_then(|thread_env| {
            std::thread::Builder::new()
                .name("evelisp-agent".into())
                .spawn(move || run_worker_thread(thread_env, id, key, out))
                .map_err(|e| EvalError::new(EvalErrorKind::Io(e.to_string())))
        });
        if let Err(e) = started {
            worker_done();
            self.edit_worker_registry(id, None)?;
            return Err(e);
        }
        Ok(())
    }

    /// A worker's work: takes its agent from the registry and runs it.
    fn run_worker(&self, id: i64) -> EvalResult<()> {
        let Some(agent) = self.edit_worker_registry(id, None)? else {
            return Ok(());
        };
        self.run_agent(agent.borrowed(), None)
    }

    /// Runs `agent`'s actions while this thread can claim it and there are
    /// any (at most until `until` actions are done, if given).
    fn run_agent(&self, agent: Ref<'_>, until: Option<i64>) -> EvalResult<()> {
        let cell = self.agent_arg(agent)?;
        let mut stop_at = until;
        loop {
            let offset = cell_offset(cell)?;
            let claimed = self.env.try_claim(offset);
            // Tried: a send from now on sees the claim, or starts a worker.
            starting(|s| s.remove(&(self.env.env_id(), offset)));
            let Some(claim) = claimed? else {
                return Ok(());
            };
            // A claimant that died may have left its last action uncounted.
            self.settle(cell)?;
            let drained = self.drain(agent, cell, &mut stop_at);
            drop(claim);
            drained?;
            // Looked at after the claim is dropped: a send that saw it held
            // is seen here.
            let ctl = self.control(cell)?;
            let ctl = ctl.borrowed();
            if !runnable(ctl)? || stop_at.is_some_and(|s| count(ctl, DONE).unwrap_or(s) >= s) {
                return Ok(());
            }
        }
    }

    /// Applies the queued actions while the agent is not failed.
    fn drain(&self, agent: Ref<'_>, cell: Ref<'_>, stop_at: &mut Option<i64>) -> EvalResult<()> {
        loop {
            let ctl = self.control(cell)?;
            let c = ctl.borrowed();
            if stop_at.is_none() && SHUTDOWN.load(Ordering::SeqCst) {
                *stop_at = Some(count(c, SENT)?);
            }
            if stop_at.is_some_and(|s| count(c, DONE).unwrap_or(s) >= s) || !runnable(c)? {
                return Ok(());
            }
            let action = self.env.own(head(c)?)?;
            self.run_action(agent, cell, ctl.borrowed(), action)?;
        }
    }

    /// Applies `action` (the head of the queue in `ctl`) and records its
    /// outcome.
    fn run_action(
        &self,
        agent: Ref<'_>,
        cell: Ref<'_>,
        ctl: Ref<'_>,
        action: Value<'e>,
    ) -> EvalResult<()> {
        let env = self.env;
        let a = action.borrowed();
        let (f, args, bindings) = (a.nth(0)?, a.nth(1)?, a.nth(2)?);
        let old = env.own(ctl.nth(STATE)?)?;
        let mut call = args![old.clone()];
        for x in args.elements()? {
            call.push(env.own(x?)?);
        }
        let outer = self.thread.agent_sends.replace(Some(Vec::new()));
        let agent_v = env.own(agent)?;
        let result = self
            .with_var_bindings(vec![("clojure.core/*agent*", agent_v.clone())], || {
                self.with_bindings_map(bindings, || {
                    let v = self.apply(f, call)?;
                    self.check_publishable(v.borrowed(), || "an agent".into())?;
                    self.validate_iref(agent, &v)?;
                    Ok(v)
                })
            })
            .and_then(|r| r);
        let held = self.thread.agent_sends.replace(outer).unwrap_or_default();
        let root = env.atom_root(cell)?;
        let ints = |i: u64| env.make_int(i as i64);
        let (state_k, error_k) = (ints(STATE)?, ints(ERROR)?);
        let (front_k, rear_k) = (ints(FRONT)?, ints(REAR)?);
        // Pops `action` (if it is still the head: a restart may have
        // cleared the queue) and sets the fields `set`, in one CAS: the
        // state changes exactly once. The done count follows (`settle`)
        // after the watches, the error handler and the held sends, so an
        // await returns after them, as in Clojure.
        let finish = |set: &[(&Value<'e>, Ref<'_>)]| -> EvalResult<()> {
            root.swap(&self.p, |cur| -> EvalResult<Value<'e>> {
                if !runnable(cur)? || head(cur)?.word() != a.word() {
                    return Ok(env.own(cur)?);
                }
                let (front, rear) = pop(self, cur)?;
                let mut v = env.assoc(cur, front_k.borrowed(), front.borrowed())?;
                v = env.assoc(v.borrowed(), rear_k.borrowed(), rear.borrowed())?;
                for (k, x) in set {
                    v = env.assoc(v.borrowed(), k.borrowed(), *x)?;
                }
                Ok(v)
            })?;
            Ok(())
        };
        match result {
            Ok(new) => {
                finish(&[(&state_k, new.borrowed())])?;
                let notified = self.notify_iref(agent, &old, &new);
                let released = self.release_sends(held);
                self.settle(cell)?;
                notified.and(released)
            }
            Err(e) => {
                if matches!(e.kind, EvalErrorKind::Exit(_)) {
                    return Err(e);
                }
                let ev = self.error_value(e)?;
                let cont = env.intern_keyword(None, "continue")?;
                let fail = ctl.nth(MODE)?.word() != cont.word();
                if fail {
                    finish(&[(&error_k, ev.borrowed())])?;
                } else {
                    finish(&[])?;
                }
                let handler = ctl.nth(HANDLER)?;
                if !handler.is_nil() {
                    // As Clojure: an error of the handler is ignored.
                    let _ = self.apply(handler, args![agent_v, ev]);
                }
                self.settle(cell)
            }
        }
    }

    /// Brings the agent's done count up to the actions no longer queued
    /// (sent − queued): after an action has finished, and when a claimant
    /// died between popping an action and counting it.
    fn settle(&self, cell: Ref<'_>) -> EvalResult<()> {
        let env = self.env;
        let root = env.atom_root(cell)?;
        let done_k = env.make_int(DONE as i64)?;
        loop {
            // Nothing is written when the count is right: a waiter that
            // settles while a worker starts does not wake itself.
            let ctl = root.get(&self.p)?;
            let cur = ctl.borrowed();
            let finished =
                count(cur, SENT)? - (cur.nth(FRONT)?.count()? + cur.nth(REAR)?.count()?) as i64;
            if count(cur, DONE)? >= finished {
                return Ok(());
            }
            let n = env.make_int(finished)?;
            let new = env.assoc(cur, done_k.borrowed(), n.borrowed())?;
            if root.compare_and_set(&self.p, cur, new)? {
                return Ok(());
            }
        }
    }

    /// `(await-for ms & agents)` / `(await & agents)`: waits until every
    /// action sent to the agents before the call has been applied; false
    /// if `timeout` passed first.
    pub(crate) fn await_agents(
        &self,
        agents: &[Value<'e>],
        timeout: Option<Duration>,
    ) -> EvalResult<bool> {
        if self.in_transaction() {
            return Err(EvalError::new(EvalErrorKind::IllegalState(
                "await in transaction".into(),
            )));
        }
        if self.thread.agent_sends.borrow().is_some() {
            return Err(EvalError::new(EvalErrorKind::Exception(
                "Can't await in agent action".into(),
            )));
        }
        let deadline = timeout.map(|t| Instant::now() + t);
        let mut targets = Vec::new();
        for a in agents {
            let cell = self.agent_arg(a.borrowed())?;
            let ctl = self.control(cell)?;
            if !ctl.borrowed().nth(ERROR)?.is_nil() {
                return Err(failed_error());
            }
            targets.push(count(ctl.borrowed(), SENT)?);
        }
        for (a, target) in agents.iter().zip(targets) {
            let cell = self.agent_arg(a.borrowed())?;
            let root = self.env.atom_root(cell)?;
            loop {
                let seen = root.version();
                let ctl = root.get(&self.p)?;
                // As Clojure's await, whose action queues behind the
                // others: a failed agent holds it until restarted.
                if count(ctl.borrowed(), DONE)? >= target && ctl.borrowed().nth(ERROR)?.is_nil() {
                    break;
                }
                // Nobody runs it (a claimant died, or this process's
                // workers are shut down): start a worker, or run it here.
                if !self.env.is_claimed(cell_offset(cell)?)? {
                    self.settle(cell)?;
                }
                if runnable(ctl.borrowed())? && !self.env.is_claimed(cell_offset(cell)?)? {
                    if SHUTDOWN.load(Ordering::SeqCst) {
                        self.run_agent(a.borrowed(), Some(target))?;
                        continue;
                    }
                    self.start_worker(a.borrowed(), cell)?;
                }
                let wait = match deadline {
                    None => RECHECK,
                    Some(d) => {
                        let left = d.saturating_duration_since(Instant::now());
                        if left.is_zero() {
                            return Ok(false);
                        }
                        left.min(RECHECK)
                    }
                };
                root.wait_change(seen, Some(wait))?;
            }
        }
        Ok(true)
    }

    /// `(restart-agent agent new-state & options)`: clears a failed agent's
    /// error and sets its state; `clear` drops its queued actions.
    pub(crate) fn restart_agent(
        &self,
        agent: Ref<'_>,
        state: Value<'e>,
        clear: bool,
    ) -> EvalResult<Value<'e>> {
        let env = self.env;
        let cell = self.agent_arg(agent)?;
        if self.control(cell)?.borrowed().nth(ERROR)?.is_nil() {
            return Err(EvalError::new(EvalErrorKind::Rethrown {
                class: "RuntimeException",
                message: "Agent does not need a restart".into(),
            }));
        }
        self.check_publishable(state.borrowed(), || "an agent".into())?;
        self.validate_iref(agent, &state)?;
        let ints = |i: u64| env.make_int(i as i64);
        let (state_k, error_k) = (ints(STATE)?, ints(ERROR)?);
        let (front_k, rear_k, done_k) = (ints(FRONT)?, ints(REAR)?, ints(DONE)?);
        let nil = Value::nil(env);
        env.atom_root(cell)?
            .swap(&self.p, |cur| -> EvalResult<Value<'e>> {
                let mut v = env.assoc(cur, state_k.borrowed(), state.borrowed())?;
                v = env.assoc(v.borrowed(), error_k.borrowed(), nil.borrowed())?;
                if clear {
                    // The dropped actions count as done, so an await
                    // waiting for them returns.
                    let front = env.make_list(&[])?;
                    let rear = env.empty_vector()?;
                    v = env.assoc(v.borrowed(), front_k.borrowed(), front.borrowed())?;
                    v = env.assoc(v.borrowed(), rear_k.borrowed(), rear.borrowed())?;
                    v = env.assoc(v.borrowed(), done_k.borrowed(), cur.nth(SENT)?)?;
                }
                Ok(v)
            })?;
        self.kick(agent, cell)?;
        Ok(state)
    }
}

/// Which field of an agent's control vector.
#[derive(Clone, Copy, Debug)]
pub(crate) enum AgentField {
    /// The state.
    State = STATE as isize,
    /// The error (nil while ready).
    Error = ERROR as isize,
    /// The error mode.
    Mode = MODE as isize,
    /// The error handler.
    Handler = HANDLER as isize,
}

/// The offset of an agent's cell (what its claim is keyed by).
fn cell_offset(cell: Ref<'_>) -> EvalResult<u64> {
    cell.word().as_object().ok_or_else(|| {
        EvalError::new(EvalErrorKind::IllegalState(
            "an agent's cell is not an object".into(),
        ))
    })
}

/// Count field `i` of a control vector.
fn count(ctl: Ref<'_>, i: u64) -> EvalResult<i64> {
    Ok(ctl.nth(i)?.as_i64()?)
}

/// Whether the agent of control vector `ctl` has an action to run (queued,
/// and not failed).
fn runnable(ctl: Ref<'_>) -> EvalResult<bool> {
    Ok(ctl.nth(ERROR)?.is_nil() && (ctl.nth(FRONT)?.count()? > 0 || ctl.nth(REAR)?.count()? > 0))
}

/// The oldest queued action of `ctl` (the caller checked there is one).
fn head(ctl: Ref<'_>) -> EvalResult<Ref<'_>> {
    let front = ctl.nth(FRONT)?;
    Ok(if front.count()? > 0 {
        front.first()?
    } else {
        ctl.nth(REAR)?.nth(0)?
    })
}

/// The queue of `ctl` without its head: (front, rear).
fn pop<'e>(i: &Interp<'e>, ctl: Ref<'_>) -> EvalResult<(Value<'e>, Value<'e>)> {
    let env = i.env;
    let front = ctl.nth(FRONT)?;
    if front.count()? > 0 {
        return Ok((env.own(front.rest()?)?, env.own(ctl.nth(REAR)?)?));
    }
    let rear = ctl.nth(REAR)?;
    let items = rear.elements()?.skip(1).collect::<Result<Vec<_>, _>>()?;
    Ok((env.make_list(&items)?, env.empty_vector()?))
}

fn worker_done() {
    let mut n = WORKERS.lock().unwrap_or_else(|p| p.into_inner());
    *n = n.saturating_sub(1);
    if *n == 0 {
        WORKERS_IDLE.notify_all();
    }
}

/// The body of an agent worker's thread: an interpreter over its own env
/// handle (as a future's).
fn run_worker_thread(
    env: ThreadEnv,
    id: i64,
    key: (u64, u64),
    out: Option<crate::interp::SharedOut>,
) {
    let result = Interp::new(&env).and_then(|interp| {
        if let ThreadEnv::Shared(shared) = &env {
            interp.share_env(shared.clone())?;
        }
        if let Some(out) = out {
            interp.set_shared_out(out);
        }
        interp.run_worker(id)
    });
    if let Err(e) = result {
        // The action stays queued: the next send or await runs it.
        eprintln!("evelisp: agent worker stopped: {e}");
    }
    starting(|s| s.remove(&key));
    worker_done();
}
