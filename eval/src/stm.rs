//! Refs and transactions (`ref`, `dosync`, `alter`, `commute`, `ref-set`,
//! `ensure`, `io!`), across threads and processes.
//!
//! A ref is a record of type `clojure.lang.Ref` whose map holds its cell,
//! an atom in the env file (`{:evelisp.ref/cell atom}`). A transaction runs
//! its body with a thread-local log: the value and the atom version it
//! first read of each ref it touched, and the values it set. Reads inside
//! it see its own writes and, for the rest, the value first read (a
//! consistent view). At the end it commits under the heap's ref-commit
//! lock (an OFD lock, released by the kernel if its holder dies): if the
//! version of every ref it touched is still the one it read, it writes its
//! values; otherwise it runs the body again (so, as in Clojure, a body may
//! run more than once and should have no side effects). Atom versions
//! count every change, so a value changed and changed back is still seen
//! as a conflict. `commute` is `alter` here (correct, with less
//! concurrency). A process killed in the middle of a commit may leave
//! part of it applied. A ref's validator checks its new value before the
//! commit ("Invalid reference state"); after the commit its watches are
//! called, then the agent sends the transaction made are sent (a
//! transaction that runs again drops them: they are sent once).

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::thread_state::Tx;
use evelisp_heap::{Ref, Value};

/// How many times a transaction runs before giving up.
const MAX_RETRIES: usize = 10_000;

fn no_tx() -> EvalError {
    EvalError::new(EvalErrorKind::IllegalState("No transaction running".into()))
}

impl<'e> Interp<'e> {
    /// The type symbol of refs.
    fn ref_type(&self) -> EvalResult<Value<'e>> {
        Ok(self.env.intern_symbol(None, "clojure.lang.Ref")?)
    }

    /// The cell (an atom) of ref `r`, if `r` is a ref.
    pub(crate) fn ref_cell<'a>(&self, r: Ref<'a>) -> EvalResult<Option<Ref<'a>>> {
        let Some(ty) = r.record_type()? else {
            return Ok(None);
        };
        if ty.word() != self.ref_type()?.word() {
            return Ok(None);
        }
        let key = self.env.intern_keyword(Some("evelisp.ref"), "cell")?;
        Ok(r.get(key.borrowed())?)
    }

    /// `(ref x)`: a new ref holding `x`.
    pub(crate) fn new_ref(&self, x: Value<'e>) -> EvalResult<Value<'e>> {
        let env = self.env;
        self.check_publishable(x.borrowed(), || "a ref".into())?;
        let cell = env.make_atom(x)?;
        let key = env.intern_keyword(Some("evelisp.ref"), "cell")?;
        let m = env.empty_map()?;
        let m = env.assoc(m.borrowed(), key.borrowed(), cell.borrowed())?;
        let basis = env.empty_vector()?;
        Ok(env.make_record(self.ref_type()?.borrowed(), basis.borrowed(), m.borrowed())?)
    }

    /// The value of ref cell `cell`: in a transaction, the one it set or
    /// first read (recording the read); outside, the current one.
    pub(crate) fn ref_value(&self, cell: Ref<'_>) -> EvalResult<Value<'e>> {
        let root = self.env.atom_root(cell)?;
        let mut tx = self.thread.tx.borrow_mut();
        let Some(tx) = tx.as_mut() else {
            return Ok(root.get(&self.p)?);
        };
        if let Some(v) = tx.writes.get(&cell.word()) {
            return Ok(v.clone());
        }
        if let Some((_, _, v)) = tx.reads.get(&cell.word()) {
            return Ok(v.clone());
        }
        // The version before the value: a change between the two is
        // caught at commit.
        let version = root.version();
        let v = root.get(&self.p)?;
        tx.reads
            .insert(cell.word(), (self.env.own(cell)?, version, v.clone()));
        Ok(v)
    }

    /// `ref-set` of ref cell `cell` to `v` in the running transaction.
    pub(crate) fn ref_set(&self, cell: Ref<'_>, v: Value<'e>) -> EvalResult<Value<'e>> {
        if self.thread.tx.borrow().is_none() {
            return Err(no_tx());
        }
        // Record the version first seen (a write conflicts with any commit
        // since).
        self.ref_value(cell)?;
        let mut tx = self.thread.tx.borrow_mut();
        let tx = tx.as_mut().ok_or_else(no_tx)?;
        if tx.writes.insert(cell.word(), v.clone()).is_none() {
            tx.order.push(cell.word());
        }
        Ok(v)
    }

    /// Whether a transaction is running on this thread.
    pub(crate) fn in_transaction(&self) -> bool {
        self.thread.tx.borrow().is_some()
    }

    /// `(dosync ...)`: runs `f` in a transaction (joining the running one,
    /// if any), committing its writes at the end, running it again on a
    /// conflict.
    pub(crate) fn run_in_transaction(&self, f: Ref<'_>) -> EvalResult<Value<'e>> {
        if self.in_transaction() {
            return self.apply(f, Args::new());
        }
        for _ in 0..MAX_RETRIES {
            *self.thread.tx.borrow_mut() = Some(Tx::default());
            let result = self.apply(f, Args::new());
            let mut tx = self.thread.tx.borrow_mut().take().unwrap_or_default();
            let value = result?;
            let sends = std::mem::take(&mut tx.sends);
            if let Some(changes) = self.commit(tx)? {
                // As Clojure: watches, then the held agent sends, after
                // the commit.
                for (r, old, new) in changes {
                    self.notify_iref(r.borrowed(), &old, &new)?;
                }
                self.release_sends(sends)?;
                return Ok(value);
            }
        }
        Err(EvalError::new(EvalErrorKind::IllegalState(format!(
            "Transaction failed after reaching retry limit ({MAX_RETRIES})"
        ))))
    }

    /// Validates and applies `tx` under the commit lock; `None` when a ref
    /// it touched changed meanwhile (the transaction runs again), else the
    /// refs it changed, with their old and new values, for their watches.
    /// Each new value is checked by its ref's validator first (an
    /// IllegalStateException "Invalid reference state", as Clojure's
    /// commit), before the lock is taken: the values are final by then.
    #[allow(clippy::type_complexity)]
    fn commit(&self, tx: Tx<'e>) -> EvalResult<Option<Vec<(Value<'e>, Value<'e>, Value<'e>)>>> {
        if tx.reads.is_empty() {
            return Ok(Some(Vec::new()));
        }
        let mut changes = Vec::new();
        let hooks = self.has_iref_hooks()?;
        for w in &tx.order {
            if let (Some((cell, _, old)), Some(v)) = (tx.reads.get(w), tx.writes.get(w)) {
                self.check_publishable(v.borrowed(), || "a ref".into())?;
                if hooks {
                    let r = self.ref_of_cell(cell.borrowed())?;
                    self.validate_iref(r.borrowed(), v)?;
                    changes.push((r, old.clone(), v.clone()));
                }
            }
        }
        let _lock = self.env.ref_commit_lock()?;
        for (cell, version, _) in tx.reads.values() {
            if self.env.atom_root(cell.borrowed())?.version() != *version {
                return Ok(None);
            }
        }
        for w in &tx.order {
            if let (Some((cell, _, _)), Some(v)) = (tx.reads.get(w), tx.writes.get(w)) {
                self.env
                    .atom_root(cell.borrowed())?
                    .reset(&self.p, v.clone())?;
            }
        }
        Ok(Some(changes))
    }

    /// The ref whose cell is `cell` (the record `{:evelisp.ref/cell cell}`
    /// of type `clojure.lang.Ref`: equal to the ref the program holds).
    fn ref_of_cell(&self, cell: Ref<'_>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let key = env.intern_keyword(Some("evelisp.ref"), "cell")?;
        let m = env.empty_map()?;
        let m = env.assoc(m.borrowed(), key.borrowed(), cell)?;
        let basis = env.empty_vector()?;
        Ok(env.make_record(self.ref_type()?.borrowed(), basis.borrowed(), m.borrowed())?)
    }
}
