//! Dynamic vars and thread bindings: `binding` and `set!`, and the var
//! flags written as metadata on a `def`'s name (`^:dynamic`, `^:private`,
//! `^:macro`).
//!
//! Thread bindings are process-local and per thread, never in the file:
//! a persistent map (`imbl`) from var to value; `binding` installs a new
//! map for its body and puts the old one back after it, also when the body
//! fails. Reading a dynamic var looks at the thread's map first, then at the
//! var's root in the file.
//!
//! The heap keeps no metadata on values yet, so var flags come from the
//! reader's forms: before a top-level form is converted, every `(def ^meta
//! name ...)` in it is noted, and the `def` applies the flags when it
//! interns the var.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use evelisp_heap::var::{VAR_DYNAMIC, VAR_MACRO, VAR_PRIVATE};
use evelisp_heap::{Ref, Value, Word};
use evelisp_reader::{Form, FormKind};

/// This thread's bindings of dynamic vars (by the var's word).
pub(crate) type Bindings<'e> = imbl::HashMap<Word, Value<'e>>;

/// The var flags `(def ^meta name ...)` forms in `form` ask for, by name.
pub(crate) fn def_flags(form: &Form, out: &mut Vec<(String, u64)>) {
    let mut stack = vec![form];
    while let Some(f) = stack.pop() {
        match &f.kind {
            FormKind::List(items) => {
                if let [head, name, ..] = &items[..]
                    && matches!(&head.kind, FormKind::Symbol(s) if s.ns.is_none() && &*s.name == "def")
                    && let FormKind::Meta { meta, target } = &name.kind
                    && let FormKind::Symbol(s) = &target.kind
                {
                    let flags = meta_flags(meta);
                    if flags != 0 {
                        out.push((s.name.to_string(), flags));
                    }
                }
                stack.extend(items.iter());
            }
            FormKind::Vector(items) | FormKind::Map(items) | FormKind::Set(items) => {
                stack.extend(items.iter());
            }
            FormKind::Meta { target, .. } => stack.push(target),
            _ => {}
        }
    }
}

/// The flags a metadata map (or a lone keyword) sets.
fn meta_flags(meta: &Form) -> u64 {
    let flag = |k: &str| match k {
        "dynamic" => VAR_DYNAMIC,
        "private" => VAR_PRIVATE,
        "macro" => VAR_MACRO,
        _ => 0,
    };
    match &meta.kind {
        FormKind::Keyword(k) if k.ns.is_none() => flag(&k.name),
        FormKind::Map(items) => items
            .chunks(2)
            .filter_map(|kv| match (&kv[0].kind, kv.get(1).map(|v| &v.kind)) {
                (FormKind::Keyword(k), Some(FormKind::Bool(true))) if k.ns.is_none() => {
                    Some(flag(&k.name))
                }
                _ => None,
            })
            .fold(0, |a, b| a | b),
        _ => 0,
    }
}

impl<'e> Interp<'e> {
    /// Runs `body` with `vars` bound to `values` on this thread.
    pub(crate) fn with_bindings<T>(
        &self,
        pairs: Vec<(Ref<'_>, Value<'e>)>,
        body: impl FnOnce() -> EvalResult<T>,
    ) -> EvalResult<T> {
        let mut next = self.bindings.borrow().clone();
        for (var, value) in pairs {
            if self.env.var_flags(var)? & VAR_DYNAMIC == 0 {
                return Err(EvalError::new(EvalErrorKind::IllegalState(format!(
                    "Can't dynamically bind non-dynamic var: {}",
                    self.var_display(var)
                ))));
            }
            next.insert(var.word(), value);
        }
        let saved = std::mem::replace(&mut *self.bindings.borrow_mut(), next);
        let result = body();
        *self.bindings.borrow_mut() = saved;
        result
    }

    /// `(set! var value)`: changes this thread's binding of `var`.
    pub(crate) fn set_binding(&self, var: Ref<'_>, value: Value<'e>) -> EvalResult<Value<'e>> {
        let mut bindings = self.bindings.borrow_mut();
        match bindings.get_mut(&var.word()) {
            Some(slot) => {
                *slot = value.clone();
                Ok(value)
            }
            None => Err(EvalError::new(EvalErrorKind::IllegalState(format!(
                "Can't change/establish root binding of: {} with set",
                self.var_display(var)
            )))),
        }
    }

    /// This thread's binding of `var`, if it has one.
    pub(crate) fn thread_binding(&self, var: Ref<'_>) -> Option<Value<'e>> {
        let bindings = self.bindings.borrow();
        if bindings.is_empty() {
            return None;
        }
        bindings.get(&var.word()).cloned()
    }

    /// Notes the var flags the `def`s of a top-level form ask for.
    pub(crate) fn note_def_flags(&self, form: &Form) {
        let mut found = Vec::new();
        def_flags(form, &mut found);
        let mut pending = self.pending_flags.borrow_mut();
        pending.clear();
        pending.extend(found);
    }

    /// Applies the noted flags for `name` to `var` (after a `def` interns it).
    pub(crate) fn apply_def_flags(&self, name: &str, var: Ref<'_>) -> EvalResult<()> {
        if let Some(flags) = self.pending_flags.borrow().get(name) {
            self.env.var_set_flags(var, *flags)?;
        }
        Ok(())
    }
}
