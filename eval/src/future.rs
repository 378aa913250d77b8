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
//!   future's thread resets the atom once; `deref` waits for that change
//!   with the heap's `wait_change` and re-raises a failure.
//!
//! The thread gets its own [`Interp`] (interpreters are not `Send`) over its
//! own handle on the env file: `Value`s borrow their `Env`, and a thread
//! that may outlive the caller cannot borrow the caller's, so the creator
//! opens the file again (the heap treats it like another process) and moves
//! that `Env` into the thread. Values never cross threads in Rust memory:
//! the thread finds its future by id in the registry var
//! `evelisp.future/pending` (`{id future}`), and takes it out of it.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use evelisp_heap::{Env, EnvOptions, Kind, Ref, Value, Word};
use std::time::{Duration, Instant};

/// Namespace of the keys of a future's state map.
const KEY_NS: &str = "evelisp.future";

/// What `deref` of a future gives.
pub(crate) enum Outcome<'e> {
    /// The future's value (or a plain atom's value).
    Value(Value<'e>),
    /// The timeout passed first.
    TimedOut,
}

impl<'e> Interp<'e> {
    fn future_key(&self, name: &str) -> EvalResult<Value<'e>> {
        Ok(self.env.intern_keyword(Some(KEY_NS), name)?)
    }

    /// A state map of `pairs` (keys in the future namespace).
    fn future_state(&self, pairs: &[(&str, Ref<'_>)]) -> EvalResult<Value<'e>> {
        let mut m = self.env.empty_map()?;
        for (k, v) in pairs {
            let k = self.future_key(k)?;
            m = self.env.assoc(m.borrowed(), k.borrowed(), *v)?;
        }
        Ok(m)
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
        // The host's shared handle when it gave one (one mapping per
        // process, and it works for an env file already unlinked); else the
        // thread opens the file itself.
        let handle = match self.shared_env.borrow().clone() {
            Some(shared) => Ok(ThreadEnv::Shared(shared)),
            None => Env::open_with(env.path(), &EnvOptions::new().create(false))
                .map(ThreadEnv::Owned)
                .map_err(EvalError::from),
        };
        let started = handle.and_then(|thread_env| {
            std::thread::Builder::new()
                .name("evelisp-future".into())
                .spawn(move || run_future_thread(thread_env, id))
                .map_err(|e| EvalError::new(EvalErrorKind::Io(e.to_string())))
        });
        if let Err(e) = started {
            edit(false)?;
            return Err(e);
        }
        Ok(future)
    }

    /// The state map of `x` if it is a future.
    fn state_of(&self, x: Ref<'_>) -> EvalResult<Option<(Value<'e>, Word)>> {
        if !matches!(x.kind()?, Some(Kind::Atom)) {
            return Ok(None);
        }
        let state = self.env.atom_root(x)?.get(&self.p)?;
        let key = self.future_key("state")?;
        let tag = match state.borrowed().kind()? {
            Some(Kind::Map | Kind::ArrayMap) => state.borrowed().get(key.borrowed())?,
            _ => None,
        };
        Ok(match tag {
            Some(tag) => {
                let tag = tag.word();
                Some((state, tag))
            }
            None => None,
        })
    }

    /// Whether `x` is a future.
    pub(crate) fn is_future(&self, x: Ref<'_>) -> EvalResult<bool> {
        Ok(self.state_of(x)?.is_some())
    }

    /// Whether future `x` has finished (an error if it is no future).
    pub(crate) fn future_done(&self, x: Ref<'_>) -> EvalResult<bool> {
        match self.state_of(x)? {
            Some((_, tag)) => Ok(tag != self.future_key("pending")?.word()),
            None => Err(crate::natives::class_cast("a future", x)),
        }
    }

    /// `deref` of an atom that may be a future: a plain atom's value at
    /// once; a future's value once it is done (waiting at most `timeout`),
    /// its error re-raised if it failed.
    pub(crate) fn deref_atom(
        &self,
        x: Ref<'_>,
        timeout: Option<Duration>,
    ) -> EvalResult<Outcome<'e>> {
        let root = self.env.atom_root(x)?;
        let deadline = timeout.map(|t| Instant::now() + t);
        let pending = self.future_key("pending")?.word();
        let done = self.future_key("done")?.word();
        loop {
            let seen = root.version();
            let Some((state, tag)) = self.state_of(x)? else {
                return Ok(Outcome::Value(root.get(&self.p)?));
            };
            if tag == done {
                let k = self.future_key("value")?;
                return Ok(Outcome::Value(
                    self.own_field(state.borrowed(), k.borrowed())?,
                ));
            }
            if tag != pending {
                let k = self.future_key("error")?;
                let e = self.own_field(state.borrowed(), k.borrowed())?;
                return Err(self.throw_value(e));
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
        let state = env.atom_root(future.borrowed())?.get(&self.p)?;
        let field = |name: &str| -> EvalResult<Value<'e>> {
            let k = self.future_key(name)?;
            self.own_field(state.borrowed(), k.borrowed())
        };
        let (f, bindings, ns) = (field("fn")?, field("bindings")?, field("ns")?);
        if !ns.borrowed().is_nil() {
            self.set_current_ns(ns);
        }
        let outcome =
            self.with_bindings_map(bindings.borrowed(), || self.apply(f.borrowed(), Vec::new()));
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
        env.atom_root(future.borrowed())?
            .reset(&self.p, new_state)?;
        Ok(())
    }
}

/// The body of a future's thread: an interpreter over its own env handle.
/// The env a future's thread works on.
enum ThreadEnv {
    /// The host's handle, shared with it.
    Shared(std::sync::Arc<Env>),
    /// A handle of the thread's own.
    Owned(Env),
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

fn run_future_thread(env: ThreadEnv, id: i64) {
    let result = Interp::new(&env).and_then(|interp| interp.run_future(id));
    if let Err(e) = result {
        // Nothing else can report it: the future stays pending.
        eprintln!("evelisp: future {id} could not run: {e}");
    }
}
