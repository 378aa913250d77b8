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
        let mut out = None;
        let mut ns = None;
        for (var, value) in pairs {
            if var.word() == self.thread.ns_var {
                // `*ns*` reads the thread's current namespace: binding it
                // makes the bound namespace current for the body (where
                // `def` interns and symbols resolve), as in Clojure.
                ns = self.namespace_value(value.borrowed()).or(ns);
            } else if self.is_stream_var(var) {
                out = self.check_stream_binding(var, value.borrowed())?.or(out);
            } else if self.env.var_flags(var)? & VAR_DYNAMIC == 0 {
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
        // `*out*` bound to a writer: what the printing natives write to.
        let saved_out = out.map(|w| self.replace_out(crate::thread_state::Out::Host(w)));
        let saved_ns = ns.map(|ns| std::mem::replace(&mut *self.thread.ns.borrow_mut(), ns));
        let result = body();
        if let Some(ns) = saved_ns {
            self.set_current_ns(ns);
        }
        if let Some(o) = saved_out {
            self.replace_out(o);
        }
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
                if var.word() == self.thread.ns_var
                    && let Some(ns) = self.namespace_value(value.borrowed())
                {
                    self.set_current_ns(ns);
                }
                Ok(value)
            }
            None => Err(EvalError::new(EvalErrorKind::IllegalState(format!(
                "Can't change/establish root binding of: {} with set",
                self.var_display(var)
            )))),
        }
    }

    /// `value` as a namespace to make current, if it is one.
    fn namespace_value(&self, value: Ref<'_>) -> Option<Value<'e>> {
        match value.kind() {
            Ok(Some(evelisp_heap::Kind::Namespace)) => self.env.own(value).ok(),
            _ => None,
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

    /// Whether `var` is `*out*`, `*err*` or `*in*`: their values are
    /// process-local streams (`host_objects.rs`), never in the file.
    pub(crate) fn is_stream_var(&self, var: Ref<'_>) -> bool {
        self.thread.stream_vars.contains(&var.word())
    }

    /// The value of a stream var on this thread: its binding, else the
    /// process's standard stream.
    pub(crate) fn stream_value(&self, var: Ref<'_>) -> Value<'e> {
        let slot = self
            .thread
            .stream_vars
            .iter()
            .position(|v| *v == var.word());
        self.stream_var_value(slot.unwrap_or(2))
    }

    /// The value of `*out*` (0), `*err*` (1) or `*in*` (2) on this thread.
    pub(crate) fn stream_var_value(&self, slot: usize) -> Value<'e> {
        let var = self.thread.stream_vars[slot.min(2)];
        if self.thread.bound_filter.get() & filter_bits(var) == filter_bits(var)
            && let Some((_, v)) = self.thread.bindings.borrow().get(&var)
        {
            return v.clone();
        }
        let index = match slot {
            0 => crate::host_objects::OUT_INDEX,
            1 => crate::host_objects::ERR_INDEX,
            _ => crate::host_objects::IN_INDEX,
        };
        let w = crate::host_objects::standard(index);
        Value::immediate(self.env, w).unwrap_or_else(|| Value::nil(self.env))
    }

    /// Checks a binding of a stream var: `*out*` and `*err*` take a
    /// writer, `*in*` a reader. Gives the writer `*out*` is bound to when
    /// printing must go to it (not when it is `*out*` itself).
    fn check_stream_binding(&self, var: Ref<'_>, value: Ref<'_>) -> EvalResult<Option<Word>> {
        use crate::host_objects::{Family, OUT_INDEX, standard};
        let is_in = self.thread.stream_vars.get(2) == Some(&var.word());
        let family = crate::host_objects::family_of(value.word());
        let fits = if is_in {
            matches!(family, Some(Family::Reader | Family::InputStream))
        } else {
            matches!(
                family,
                Some(Family::Writer | Family::OutputStream | Family::StringBuilder)
            )
        };
        if !fits {
            let class = if is_in {
                "java.io.Reader"
            } else {
                "java.io.Writer"
            };
            return Err(crate::print::class_cast(&format!("a {class}"), value));
        }
        crate::host_objects::lookup(value.word())?;
        let is_out = self.thread.stream_vars.first() == Some(&var.word());
        Ok((is_out && value.word() != standard(OUT_INDEX)).then_some(value.word()))
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
