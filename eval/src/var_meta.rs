//! Var metadata: the map a `def` gives its var (`:ns :name :file :line
//! :column`, `:doc` from a docstring, and what the reader's metadata on the
//! name says: `^:dynamic`, `^:private`, `^:macro`, `^{:doc "…"}`), kept in
//! the var's metadata root in the file (`meta`, `alter-meta!`,
//! `reset-meta!` read and change it). The flags the evaluator acts on
//! (dynamic, private, macro) are also set in the var's flags word.
//!
//! The metadata written on a name comes from the reader's forms (code
//! holds names without metadata: the expander strips it, see
//! `expand.rs`): before a top-level form is converted, every `^meta name`
//! in it is noted by name, and a `def` of that name in the form (directly,
//! or made by a macro such as `defn`) takes it.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::form_to_value::{Positions, form_to_value};
use crate::interp::Interp;
use evelisp_heap::{Ref, Value};
use evelisp_heap::{VAR_DYNAMIC, VAR_MACRO, VAR_PRIVATE};
use evelisp_reader::{Form, FormKind};

/// Every `^meta name` in `form`: the name and its metadata form (a map).
pub(crate) fn names_with_meta(form: &Form, out: &mut Vec<(String, Form)>) {
    let mut stack = vec![form];
    while let Some(f) = stack.pop() {
        match &f.kind {
            FormKind::List(items)
            | FormKind::Vector(items)
            | FormKind::Map(items)
            | FormKind::Set(items) => stack.extend(items.iter()),
            FormKind::Meta { meta, target } => {
                if let FormKind::Symbol(s) = &target.kind
                    && s.ns.is_none()
                {
                    out.push((s.name.to_string(), (**meta).clone()));
                }
                stack.push(target);
            }
            _ => {}
        }
    }
}

/// The var flags a metadata map (or a lone keyword) sets.
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

/// `(quote x)` → `x`: quoted metadata values (`^{:arglists '([x])}`) are
/// kept as the data they quote; other values are kept as written.
fn unquoted(form: &Form) -> &Form {
    match &form.kind {
        FormKind::List(items)
            if items.len() == 2
                && matches!(&items[0].kind, FormKind::Symbol(s)
                    if s.ns.is_none() && &*s.name == "quote") =>
        {
            &items[1]
        }
        _ => form,
    }
}

impl<'e> Interp<'e> {
    /// Notes the metadata written on names in a top-level form (see the
    /// module docs).
    pub(crate) fn note_name_meta(&self, form: &Form) {
        let mut found = Vec::new();
        names_with_meta(form, &mut found);
        let mut pending = self.source.pending_meta.borrow_mut();
        pending.clear();
        pending.extend(found);
    }

    /// Gives `var` (just interned by a `def` of `name`) its metadata map
    /// and flags; `doc` is the def's docstring, `form` the def form (for
    /// its position).
    pub(crate) fn apply_def_meta(
        &self,
        name: &str,
        var: Ref<'_>,
        doc: Option<Ref<'_>>,
        form: Ref<'_>,
    ) -> EvalResult<()> {
        let env = self.env;
        let (ns_name, _) = env.var_name(var)?;
        let mut m = env.empty_map()?;
        let put = |m: Value<'e>, k: &str, v: Ref<'_>| -> EvalResult<Value<'e>> {
            let k = env.intern_keyword(None, k)?;
            Ok(env.assoc(m.borrowed(), k.borrowed(), v)?)
        };
        let ns = self
            .find_ns(ns_name.symbol_parts()?.1)?
            .unwrap_or_else(|| Value::nil(env));
        m = put(m, "ns", ns.borrowed())?;
        let bare = env.intern_symbol(None, name)?;
        m = put(m, "name", bare.borrowed())?;
        let position = self
            .position_of(form.word())
            .or_else(|| self.source.macro_position.borrow().clone());
        if let Some(p) = position {
            if let Some(file) = &p.file {
                let file = env.make_string(file)?;
                m = put(m, "file", file.borrowed())?;
            }
            let line = env.make_int(i64::from(p.line))?;
            m = put(m, "line", line.borrowed())?;
            let column = env.make_int(i64::from(p.column))?;
            m = put(m, "column", column.borrowed())?;
        }
        let pending = self.source.pending_meta.borrow().get(name).cloned();
        if let Some(meta) = pending {
            env.var_set_flags(var, meta_flags(&meta))?;
            match &meta.kind {
                FormKind::Keyword(_) => {
                    let k = form_to_value(env, &meta, &mut Positions::default())
                        .map_err(|e| EvalError::new(EvalErrorKind::Convert(e.to_string())))?;
                    let t = env.make_bool(true);
                    m = env.assoc(m.borrowed(), k.borrowed(), t.borrowed())?;
                }
                FormKind::Map(items) => {
                    for kv in items.chunks(2) {
                        let [k, v] = kv else { continue };
                        let convert = |f: &Form| {
                            form_to_value(env, unquoted(f), &mut Positions::default())
                                .map_err(|e| EvalError::new(EvalErrorKind::Convert(e.to_string())))
                        };
                        let (k, v) = (convert(k)?, convert(v)?);
                        m = env.assoc(m.borrowed(), k.borrowed(), v.borrowed())?;
                    }
                }
                _ => {}
            }
        }
        if let Some(doc) = doc {
            m = put(m, "doc", doc)?;
        }
        let flags = env.var_flags(var)?;
        for (flag, key) in [
            (VAR_DYNAMIC, "dynamic"),
            (VAR_MACRO, "macro"),
            (VAR_PRIVATE, "private"),
        ] {
            if flags & flag != 0 {
                let t = env.make_bool(true);
                m = put(m, key, t.borrowed())?;
            }
        }
        env.var_meta(var)?.reset(&self.p, m)?;
        Ok(())
    }
}
