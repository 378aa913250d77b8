//! Dynamic vars and thread bindings: `binding` and `set!` (a var is
//! dynamic when its `def` says `^:dynamic`: `var_meta.rs`).
//!
//! Thread bindings are process-local and per thread, never in the file:
//! a persistent map (`imbl`) from var to value; `binding` installs a new
//! map for its body and puts the old one back after it, also when the body
//! fails. Reading a dynamic var looks at the thread's map first, then at the
//! var's root in the file.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use evelisp_heap::VAR_DYNAMIC;
use evelisp_heap::{Ref, Value, Word};

/// The two bits of a var in the filter of bound vars (a Bloom filter of
/// 64 bits: a var is maybe bound when both its bits are set). The bits
/// come from a multiplicative hash of the word, so vars allocated near
/// each other do not share bits because of where the file put them.
#[inline]
pub(crate) fn filter_bits(var: Word) -> u64 {
    let h = (var.bits() >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (1 << (h >> 58)) | (1 << ((h >> 52) & 63))
}

impl<'e> Interp<'e> {
    /// Runs `body` with `vars` bound to `values` on this thread.
    pub(crate) fn with_bindings<T>(
        &self,
        pairs: Vec<(Ref<'_>, Value<'e>)>,
        body: impl FnOnce() -> EvalResult<T>,
    ) -> EvalResult<T> {
        let mut next = self.thread.bindings.borrow().clone();
        for (var, value) in pairs {
            if self.is_stream_var(var) {
                return Err(self.stream_error(var));
            }
            if self.env.var_flags(var)? & VAR_DYNAMIC == 0 {
                return Err(EvalError::new(EvalErrorKind::IllegalState(format!(
                    "Can't dynamically bind non-dynamic var: {}",
                    self.var_display(var)
                ))));
            }
            next.insert(var.word(), (self.env.own(var)?, value));
        }
        let filter = next.keys().fold(0, |f, var| f | filter_bits(*var));
        let saved_filter = self.thread.bound_filter.replace(filter);
        let saved = std::mem::replace(&mut *self.thread.bindings.borrow_mut(), next);
        let result = body();
        *self.thread.bindings.borrow_mut() = saved;
        self.thread.bound_filter.set(saved_filter);
        result
    }

    /// `(set! var value)`: changes this thread's binding of `var`.
    pub(crate) fn set_binding(&self, var: Ref<'_>, value: Value<'e>) -> EvalResult<Value<'e>> {
        let mut bindings = self.thread.bindings.borrow_mut();
        match bindings.get_mut(&var.word()) {
            Some(slot) => {
                slot.1 = value.clone();
                Ok(value)
            }
            None => Err(EvalError::new(EvalErrorKind::IllegalState(format!(
                "Can't change/establish root binding of: {} with set",
                self.var_display(var)
            )))),
        }
    }

    /// Whether this thread has bound the var with this word, given the
    /// var's filter bits (a call site computes those of the var it calls
    /// through once). The filter answers most calls without looking in the
    /// map.
    #[inline]
    pub(crate) fn is_thread_bound_by(&self, var: Word, bits: u64) -> bool {
        self.thread.bound_filter.get() & bits == bits
            && self.thread.bindings.borrow().contains_key(&var)
    }

    /// This thread's binding of `var`, if it has one.
    pub(crate) fn thread_binding(&self, var: Ref<'_>) -> Option<Value<'e>> {
        let bits = filter_bits(var.word());
        if self.thread.bound_filter.get() & bits != bits {
            return None;
        }
        let bindings = self.thread.bindings.borrow();
        bindings.get(&var.word()).map(|(_, v)| v.clone())
    }

    /// This thread's bindings as a heap map `{var value}` (to convey them
    /// to a future or a `bound-fn*`).
    pub(crate) fn thread_bindings_map(&self) -> EvalResult<Value<'e>> {
        let mut m = self.env.empty_map()?;
        for (var, value) in self.thread.bindings.borrow().values() {
            m = self
                .env
                .assoc(m.borrowed(), var.borrowed(), value.borrowed())?;
        }
        Ok(m)
    }

    /// Runs `body` with the bindings of a heap map `{var value}` added.
    pub(crate) fn with_bindings_map<T>(
        &self,
        map: Ref<'_>,
        body: impl FnOnce() -> EvalResult<T>,
    ) -> EvalResult<T> {
        let mut pairs = Vec::new();
        if !map.is_nil() {
            for entry in map.entries()? {
                let (var, value) = entry?;
                if !matches!(var.kind()?, Some(evelisp_heap::Kind::Var)) {
                    return Err(crate::print::class_cast("a var", var));
                }
                pairs.push((var, self.env.own(value)?));
            }
        }
        self.with_bindings(pairs, body)
    }

    /// Whether `var` is `*out*`, `*err*` or `*in*`: process-local streams,
    /// never a value in the file (see `natives/streams.rs`).
    pub(crate) fn is_stream_var(&self, var: Ref<'_>) -> bool {
        self.thread.stream_vars.contains(&var.word())
    }

    /// The error for reading (or binding) a stream var.
    pub(crate) fn stream_error(&self, var: Ref<'_>) -> EvalError {
        let name = self.var_display(var);
        let short = name.rsplit('/').next().unwrap_or(&name).to_string();
        EvalError::new(EvalErrorKind::IllegalState(format!(
            "{short} is a process-local stream and cannot be stored in the shared env"
        )))
    }
}

impl<'e> Interp<'e> {
    /// Runs `body` with the dynamic vars named `ns/name` in `pairs` bound
    /// on this thread (each var interned dynamic if missing): how a host
    /// gives a thread process-local values such as `*command-line-args*`.
    pub fn with_var_bindings<T>(
        &self,
        pairs: Vec<(&str, Value<'e>)>,
        body: impl FnOnce() -> T,
    ) -> EvalResult<T> {
        let env = self.env;
        let mut vars = Vec::new();
        for (qualified, value) in pairs {
            let (ns, name) = qualified.split_once('/').ok_or_else(|| {
                EvalError::new(EvalErrorKind::IllegalArgument(format!(
                    "not a qualified var name (ns/name): {qualified}"
                )))
            })?;
            let ns_sym = env.intern_symbol(None, ns)?;
            let ns = env.namespace(&self.p, ns_sym.borrowed())?;
            let sym = env.intern_symbol(None, name)?;
            let var = env.intern_var(&self.p, ns.borrowed(), sym.borrowed())?;
            env.var_set_flags(var.borrowed(), VAR_DYNAMIC)?;
            vars.push((var, value));
        }
        let pairs = vars
            .iter()
            .map(|(var, value)| (var.borrowed(), value.clone()))
            .collect();
        self.with_bindings(pairs, || Ok(body()))
    }
}
