//! Promises: `(promise)` gives a heap atom holding the state map
//! `{:evelisp.promise/state :pending}`; `(deliver p v)` replaces it, by
//! compare-and-set, with `{:evelisp.promise/state :delivered,
//! :evelisp.promise/value v}`. Only the first deliver wins (it returns the
//! promise; any later one returns nil and changes nothing), in whatever
//! thread or process it runs. `deref` (in `future.rs`) waits for the change
//! with the heap's `wait_change`, so a deref blocked in one process wakes
//! when another process delivers.

use crate::error::EvalResult;
use crate::future::RefType;
use crate::interp::Interp;
use evelisp_heap::{Ref, Value};

impl<'e> Interp<'e> {
    /// `(promise)`: a new, undelivered promise.
    pub(crate) fn promise_new(&self) -> EvalResult<Value<'e>> {
        let pending = self.ref_key(RefType::Promise, "pending")?;
        let state = self.ref_state_map(RefType::Promise, &[("state", pending.borrowed())])?;
        Ok(self.env.make_atom(state)?)
    }

    /// Whether `x` is a promise (also callable: `(p v)` delivers `v`).
    pub(crate) fn is_promise(&self, x: Ref<'_>) -> EvalResult<bool> {
        Ok(matches!(self.ref_state(x)?, Some((RefType::Promise, _, _))))
    }

    /// `(deliver p v)`: delivers `v` if `p` is not delivered yet and gives
    /// `p`; gives nil (and changes nothing) if it was. An error if `p` is
    /// no promise.
    pub(crate) fn deliver(&self, p: Ref<'_>, v: Ref<'_>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let Some((RefType::Promise, state, tag)) = self.ref_state(p)? else {
            return Err(crate::print::class_cast("a promise", p));
        };
        if tag != self.ref_key(RefType::Promise, "pending")?.word() {
            return Ok(Value::nil(env));
        }
        let delivered = self.ref_key(RefType::Promise, "delivered")?;
        let new = self.ref_state_map(
            RefType::Promise,
            &[("state", delivered.borrowed()), ("value", v)],
        )?;
        // The only change a pending promise ever sees is its delivery: if
        // the compare-and-set fails, another deliver came first.
        if env
            .atom_root(p)?
            .compare_and_set(&self.p, state.borrowed(), new)?
        {
            Ok(env.own(p)?)
        } else {
            Ok(Value::nil(env))
        }
    }
}
