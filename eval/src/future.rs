//! Futures: `(future-call f)` runs `f` on a new OS thread and gives back a
//! **future**, which is a heap atom (so it means the same in every process
//! that reads it) holding a state map:
//!
//! - `{:evelisp.future/state :pending, :evelisp.future/fn f,
//!    :evelisp.future/bindings {var value}, :evelisp.future/ns ns}` while it
//!   runs (the fn, the creator's thread bindings and namespace: Clojure
//!   conveys bindings to futures);
//! - `{:evelisp.future/state :done, :evelisp.future/value v}` or
//!   `{:evelisp.future/state :failed, :evelisp.future/error e}` after: the
//!   future's thread sets the atom once, by a compare-and-set from the
//!   pending state; `deref` waits for that change with the heap's
//!   `wait_change` and re-raises a failure;
//! - `{:evelisp.future/state :cancelled}` when `future-cancel` (in any
//!   process) won that compare-and-set first: `deref` throws a
//!   `CancellationException`. The thread cannot be stopped (an OS thread
//!   has no safe interruption); if it has not started the fn it never
//!   does, otherwise its result is dropped.
//!
//! The thread gets its own [`Interp`] (interpreters are not `Send`) over its
//! own handle on the env file: `Value`s borrow their `Env`, and a thread
//! that may outlive the caller cannot borrow the caller's, so the creator
//! opens the file again (the heap treats it like another process) and moves
//! that `Env` into the thread. Values never cross threads in Rust memory:
//! the thread finds its future by id in the registry var
//! `evelisp.future/pending` (`{id future}`), and takes it out of it.
//!
//! Promises (`promise.rs`) and delays (`delay.rs`) are atoms holding state
//! maps the same way, with keys in their own namespaces
//! (`evelisp.promise`, `evelisp.delay`); [`RefType`] tells them apart, and
//! `deref`, `realized?` of any of them start here.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::Args;
use evelisp_heap::{Env, EnvOptions, Kind, Ref, Value, Word};
use std::time::{Duration, Instant};

/// Namespace of the keys of a future's state map.
const KEY_NS: &str = "evelisp.future";

/// The reference types kept as an atom holding a state map; each has its
/// own namespace for the keys of its map, so one is never taken for
/// another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RefType {
    /// A future (this file).
    Future,
    /// A promise (`promise.rs`).
    Promise,
    /// A delay (`delay.rs`).
    Delay,
}

impl RefType {
    /// The namespace of the keys of this type's state maps.
    fn key_ns(self) -> &'static str {
        match self {
            RefType::Future => KEY_NS,
            RefType::Promise => "evelisp.promise",
            RefType::Delay => "evelisp.delay",
        }
    }
}

/// What `deref` of a future gives.
pub(crate) enum Outcome<'e> {
    /// The future's value (or a plain atom's value).
    Value(Value<'e>),
    /// The timeout passed first.
    TimedOut,
}

impl<'e> Interp<'e> {
    fn future_key(&self, name: &str) -> EvalResult<Value<'e>> {
        self.ref_key(RefType::Future, name)
    }

    /// A state map of `pairs` (keys in the future namespace).
    fn future_state(&self, pairs: &[(&str, Ref<'_>)]) -> EvalResult<Value<'e>> {
        self.ref_state_map(RefType::Future, pairs)
    }

    /// The registry of futures whose thread has not started yet.
    fn future_registry(&self) -> EvalResult<evelisp_heap::Root<'e>> {
        let env = self.env;
        let ns_sym = env.intern_symbol(None, KEY_NS)?;
        let ns = env.namespace(&self.p, ns_sym.borrowed())?;
        let name = env.intern_symbol(None, "pending")?;
        let var = env.intern_var(&self.p, ns.borrowed(), name.borrowed())?;
        Ok(env.var_root(var.borrowed())?)
    }

    /// `(future-call f)`: see the module docs.
    pub(crate) fn future_call(&self, f: Ref<'_>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let bindings = self.thread_bindings_map()?;
        let pending = self.future_key("pending")?;
        let ns = self.current_ns();
        let state = self.future_state(&[
            ("state", pending.borrowed()),
            ("fn", f),
            ("bindings", bindings.borrowed()),
            ("ns", ns.borrowed()),
        ])?;
        let future = env.make_atom(state)?;
        let id = (self.next_id() & ((1 << 60) - 1)) as i64;
        let key = env.make_int(id)?;
        let registry = self.future_registry()?;
        let edit = |add: bool| {
            registry.swap(&self.p, |cur: Ref<'_>| -> EvalResult<Value<'e>> {
                let cur = if cur.word() == Word::UNBOUND || cur.is_nil() {
                    env.empty_map()?
                } else {
                    env.own(cur)?
                };
                Ok(if add {
                    env.assoc(cur.borrowed(), key.borrowed(), future.borrowed())?
                } else {
                    env.dissoc(cur.borrowed(), key.borrowed())?
                })
            })
        };
        edit(true)?;
        let handle = self.thread_env();
        // `*out*` is conveyed when it can be shared; else the thread
        // writes to standard output.
        let out = self.shared_out();
        let started = handle.and_then(|thread_env| {
            std::thread::Builder::new()
                .name("evelisp-future".into())
                .spawn(move || run_future_thread(thread_env, id, out))
                .map_err(|e| EvalError::new(EvalErrorKind::Io(e.to_string())))
        });
        if let Err(e) = started {
            edit(false)?;
            return Err(e);
        }
        Ok(future)
    }

    /// An env handle for a thread this one starts (a future, an agent
    /// worker): the host's shared handle when it gave one (one mapping per
    /// process, and it works for an env file already unlinked); else the
    /// file opened again.
    pub(crate) fn thread_env(&self) -> EvalResult<ThreadEnv> {
        match self.thread.shared_env.borrow().clone() {
            Some(shared) => Ok(ThreadEnv::Shared(shared)),
            None => Env::open_with(self.env.path(), &EnvOptions::new().create(false))
                .map(|env| ThreadEnv::Owned(Box::new(env)))
                .map_err(EvalError::from),
        }
    }

    /// The key `:ns/name` of reference type `t`'s state maps.
    pub(crate) fn ref_key(&self, t: RefType, name: &str) -> EvalResult<Value<'e>> {
        Ok(self.env.intern_keyword(Some(t.key_ns()), name)?)
    }

    /// A state map of reference type `t`: `pairs` with keys in its
    /// namespace.
    pub(crate) fn ref_state_map(
        &self,
        t: RefType,
        pairs: &[(&str, Ref<'_>)],
    ) -> EvalResult<Value<'e>> {
        let mut m = self.env.empty_map()?;
        for (k, v) in pairs {
            let k = self.ref_key(t, k)?;
            m = self.env.assoc(m.borrowed(), k.borrowed(), *v)?;
        }
        Ok(m)
    }

    /// Field `name` of state map `state` of type `t` (nil if absent).
    pub(crate) fn ref_field(
        &self,
        t: RefType,
        state: Ref<'_>,
        name: &str,
    ) -> EvalResult<Value<'e>> {
        let k = self.ref_key(t, name)?;
        self.own_field(state, k.borrowed())
    }

    /// Which reference type state map `state` belongs to, and its state
    /// tag (a keyword's word), or `None` for any other value.
    pub(crate) fn classify_state(&self, state: Ref<'_>) -> EvalResult<Option<(RefType, Word)>> {
        // A state map has a few entries: any other map an atom holds is
        // told apart without a lookup (a deref of an atom of a big map
        // looks at its count only).
        if !matches!(state.map_count()?, Some(n) if n <= 8) {
            return Ok(None);
        }
        let types = [RefType::Future, RefType::Promise, RefType::Delay];
        if self.caches.state_keys.borrow().is_none() {
            let keys = [
                self.ref_key(types[0], "state")?,
                self.ref_key(types[1], "state")?,
                self.ref_key(types[2], "state")?,
            ];
            *self.caches.state_keys.borrow_mut() = Some(keys);
        }
        let keys = self.caches.state_keys.borrow();
        for (t, key) in types.into_iter().zip(keys.iter().flatten()) {
            if let Some(tag) = state.get(key.borrowed())? {
                return Ok(Some((t, tag.word())));
            }
        }
        Ok(None)
    }

    /// The reference type of `x`, its state map and state tag, if `x` is a
    /// future, a promise or a delay.
    pub(crate) fn ref_state(&self, x: Ref<'_>) -> EvalResult<Option<(RefType, Value<'e>, Word)>> {
        if !matches!(x.kind()?, Some(Kind::Atom)) {
            return Ok(None);
        }
        let state = self.env.atom_root(x)?.get(&self.p)?;
        Ok(self
            .classify_state(state.borrowed())?
            .map(|(t, tag)| (t, state, tag)))
    }

    /// The state map and tag of `x` if it is a future.
    fn state_of(&self, x: Ref<'_>) -> EvalResult<Option<(Value<'e>, Word)>> {
        Ok(match self.ref_state(x)? {
            Some((RefType::Future, state, tag)) => Some((state, tag)),
            _ => None,
        })
    }

    /// Whether `x` is a future.
    pub(crate) fn is_future(&self, x: Ref<'_>) -> EvalResult<bool> {
        Ok(self.state_of(x)?.is_some())
    }

    /// Whether future `x` has finished (an error if it is no future).
    pub(crate) fn future_done(&self, x: Ref<'_>) -> EvalResult<bool> {
        not_nil(x)?;
        match self.state_of(x)? {
            Some((_, tag)) => Ok(tag != self.future_key("pending")?.word()),
            None => Err(crate::print::class_cast("a future", x)),
        }
    }

    /// `(future-cancel x)`: cancels future `x` unless it has finished;
    /// whether this call cancelled it.
    pub(crate) fn future_cancel(&self, x: Ref<'_>) -> EvalResult<bool> {
        not_nil(x)?;
        if self.state_of(x)?.is_none() {
            return Err(crate::print::class_cast("a future", x));
        }
        let root = self.env.atom_root(x)?;
        let pending = self.future_key("pending")?;
        let cancelled = self.future_key("cancelled")?;
        loop {
            let state = root.get(&self.p)?;
            match self.classify_state(state.borrowed())? {
                Some((RefType::Future, tag)) if tag == pending.word() => {}
                _ => return Ok(false),
            }
            let new = self.future_state(&[("state", cancelled.borrowed())])?;
            if root.compare_and_set(&self.p, state.borrowed(), new)? {
                return Ok(true);
            }
        }
    }

    /// `(future-cancelled? x)`: whether future `x` was cancelled.
    pub(crate) fn future_cancelled(&self, x: Ref<'_>) -> EvalResult<bool> {
        not_nil(x)?;
        match self.state_of(x)? {
            Some((_, tag)) => Ok(tag == self.future_key("cancelled")?.word()),
            None => Err(crate::print::class_cast("a future", x)),
        }
    }

    /// `realized?`: whether future, promise or delay `x` has a value (or
    /// an error) yet; an error for anything else.
    pub(crate) fn realized(&self, x: Ref<'_>) -> EvalResult<bool> {
        if matches!(x.kind()?, Some(evelisp_heap::Kind::LazySeq)) {
            return Ok(x.lazy_value()?.is_some());
        }
        match self.ref_state(x)? {
            Some((t @ (RefType::Future | RefType::Promise), _, tag)) => {
                Ok(tag != self.ref_key(t, "pending")?.word())
            }
            Some((RefType::Delay, _, tag)) => Ok(tag
                == self.ref_key(RefType::Delay, "done")?.word()
                || tag == self.ref_key(RefType::Delay, "failed")?.word()),
            None => Err(crate::print::class_cast(
                "a future, a promise, a delay or a lazy seq",
                x,
            )),
        }
    }

    /// `deref` of an atom that may be a future, a promise or a delay: a
    /// plain atom's value at once; a future's value once it is done, its
    /// error re-raised if it failed; a promise's value once delivered
    /// (waiting at most `timeout` for either); a delay's value, forcing it
    /// (a delay takes no timeout).
    pub(crate) fn deref_atom(
        &self,
        x: Ref<'_>,
        timeout: Option<Duration>,
    ) -> EvalResult<Outcome<'e>> {
        // `x` is held by the caller for the whole deref: no count taken.
        let root = self.env.atom_root_of(x)?;
        let root = root.as_root();
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            // The version before the look at the state: a change after the
            // look makes the wait below return at once.
            let seen = root.version();
            let state = root.get(&self.p)?;
            let Some((t, tag)) = self.classify_state(state.borrowed())? else {
                return Ok(Outcome::Value(state));
            };
            match t {
                RefType::Future => {
                    if tag == self.future_key("done")?.word() {
                        return Ok(Outcome::Value(self.ref_field(
                            t,
                            state.borrowed(),
                            "value",
                        )?));
                    }
                    if tag == self.future_key("cancelled")?.word() {
                        return Err(EvalError::new(EvalErrorKind::Cancelled));
                    }
                    if tag != self.future_key("pending")?.word() {
                        let e = self.ref_field(t, state.borrowed(), "error")?;
                        return Err(self.throw_value(e));
                    }
                }
                RefType::Promise => {
                    if tag != self.ref_key(t, "pending")?.word() {
                        return Ok(Outcome::Value(self.ref_field(
                            t,
                            state.borrowed(),
                            "value",
                        )?));
                    }
                }
                RefType::Delay => {
                    if timeout.is_some() {
                        return Err(crate::print::class_cast(
                            "a future or a promise (deref with a timeout)",
                            x,
                        ));
                    }
                    return Ok(Outcome::Value(self.force_delay(x)?));
                }
            }
            let left = match deadline {
                None => None,
                Some(d) => {
                    let left = d.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Ok(Outcome::TimedOut);
                    }
                    Some(left)
                }
            };
            root.wait_change(seen, left)?;
        }
    }

    fn own_field(&self, map: Ref<'_>, k: Ref<'_>) -> EvalResult<Value<'e>> {
        Ok(match map.get(k)? {
            Some(v) => self.env.own(v)?,
            None => Value::nil(self.env),
        })
    }

    /// The future thread's work: take future `id` from the registry, run
    /// its fn with the conveyed bindings and namespace, store the outcome.
    fn run_future(&self, id: i64) -> EvalResult<()> {
        let env = self.env;
        let key = env.make_int(id)?;
        let registry = self.future_registry()?;
        let mut taken = None;
        registry.swap(&self.p, |cur: Ref<'_>| -> EvalResult<Value<'e>> {
            if cur.word() == Word::UNBOUND || cur.is_nil() {
                return Ok(env.own(cur)?);
            }
            taken = cur.get(key.borrowed())?.map(|f| env.own(f)).transpose()?;
            Ok(env.dissoc(cur, key.borrowed())?)
        })?;
        let Some(future) = taken else {
            return Err(EvalError::new(EvalErrorKind::IllegalState(format!(
                "future {id} is not in the registry"
            ))));
        };
        let root = env.atom_root(future.borrowed())?;
        let state = root.get(&self.p)?;
        if state
            .borrowed()
            .get(self.future_key("state")?.borrowed())?
            .map(|t| t.word())
            != Some(self.future_key("pending")?.word())
        {
            return Ok(()); // cancelled before it started
        }
        let field = |name: &str| -> EvalResult<Value<'e>> {
            let k = self.future_key(name)?;
            self.own_field(state.borrowed(), k.borrowed())
        };
        let (f, bindings, ns) = (field("fn")?, field("bindings")?, field("ns")?);
        if !ns.borrowed().is_nil() {
            self.set_current_ns(ns);
        }
        let outcome = self.with_bindings_map(bindings.borrowed(), || {
            self.apply(f.borrowed(), Args::new())
        });
        let new_state = match outcome {
            Ok(v) => {
                let done = self.future_key("done")?;
                self.future_state(&[("state", done.borrowed()), ("value", v.borrowed())])?
            }
            Err(e) => {
                let failed = self.future_key("failed")?;
                let e = self.error_value(e)?;
                self.future_state(&[("state", failed.borrowed()), ("error", e.borrowed())])?
            }
        };
        // Fails only when the future was cancelled meanwhile: the result
        // is dropped.
        root.compare_and_set(&self.p, state.borrowed(), new_state)?;
        Ok(())
    }
}

/// As the JVM: `future-done?`, `future-cancel`, `future-cancelled?` of nil
/// throw a NullPointerException (of any other non-future, a
/// ClassCastException).
fn not_nil(x: Ref<'_>) -> EvalResult<()> {
    if x.is_nil() {
        return Err(EvalError::new(EvalErrorKind::NullPointer(
            "Cannot invoke \"java.util.concurrent.Future.isDone()\" because \"f\" is null".into(),
        )));
    }
    Ok(())
}

/// The env a future's (or an agent worker's) thread works on.
pub(crate) enum ThreadEnv {
    /// The host's handle, shared with it.
    Shared(std::sync::Arc<Env>),
    /// A handle of the thread's own.
    Owned(Box<Env>),
}

impl std::ops::Deref for ThreadEnv {
    type Target = Env;
    fn deref(&self) -> &Env {
        match self {
            ThreadEnv::Shared(env) => env,
            ThreadEnv::Owned(env) => env,
        }
    }
}

fn run_future_thread(env: ThreadEnv, id: i64, out: Option<crate::interp::SharedOut>) {
    let result = Interp::new(&env).and_then(|interp| {
        // The futures this one starts share the host's handle too.
        if let ThreadEnv::Shared(shared) = &env {
            interp.share_env(shared.clone())?;
        }
        if let Some(out) = out {
            interp.set_shared_out(out);
        }
        interp.run_future(id)
    });
    if let Err(e) = result {
        // Nothing else can report it: the future stays pending.
        eprintln!("evelisp: future {id} could not run: {e}");
    }
}
