//! Desugaring: the reader keeps sugar as written (`'x`, `@x`, `` `x ``,
//! `#()`, `::k`, `#:ns{}`, `^m`); this pass turns it into the plain forms
//! Clojure's reader would have produced, so the rest of the evaluator sees
//! only lists, vectors, maps, sets, atoms, normalized metadata and tagged
//! literals.
//!
//! | written | becomes |
//! |---|---|
//! | `'x` | `(quote x)` |
//! | `@x` | `(clojure.core/deref x)` |
//! | `#'x` | `(var x)` |
//! | `~x`, `~@x` outside syntax-quote | `(clojure.core/unquote x)`, `(clojure.core/unquote-splicing x)` |
//! | `` `x `` | see [`crate::desugar::syntax_quote`] |
//! | `#(...)` | see [`crate::desugar::anon_fn`] |
//! | `::k`, `::alias/k` | `:current.ns/k`, `:full.ns/k` |
//! | `#:ns{:a 1 :_/b 2}` | `{:ns/a 1, :b 2}` |
//! | `^:k`, `^T`, `^"T"`, stacked | one [`FormKind::Meta`] whose meta is a map: `{:k true}`, `{:tag T}`, merged (outer wins) |
//!
//! What it needs from the evaluator (the current namespace, aliases, which
//! namespace a var comes from, fresh ids for generated names) comes through
//! the [`Context`] trait.

pub mod anon_fn;
pub mod syntax_quote;

use evelisp_reader::{Form, FormKind, Keyword, MapNamespace, Name, Span, Symbol};

/// What desugaring asks of the evaluator's namespaces.
pub trait Context {
    /// The name of the current namespace.
    fn current_ns(&self) -> Name;
    /// The full namespace name `alias` stands for in the current namespace,
    /// if it is one of its aliases (`::alias/k` accepts only aliases, as in
    /// Clojure).
    fn resolve_alias(&self, alias: &str) -> Option<Name>;
    /// The namespace of the var an unqualified symbol `name` refers to in
    /// the current namespace (interned or referred), if any.
    fn var_namespace(&self, name: &str) -> Option<Name>;
    /// A fresh number for generated names (`x__12__auto__`, `p1__13#`).
    fn next_id(&mut self) -> u64;
}

/// Why a form cannot be desugared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DesugarErrorKind {
    /// `~@x` directly inside syntax-quote, not inside a collection.
    #[error("unquote-splicing ~@ used outside a list, vector, map or set")]
    SpliceNotInCollection,
    /// Syntax-quotes nested more deeply than allowed.
    #[error("syntax-quote nested more than {0} deep")]
    NestedTooDeeply(usize),
    /// A syntax-quote whose expansion would visit more forms than allowed.
    #[error("syntax-quote expansion visits more than {0} forms (syntax-quote nested too deeply?)")]
    ExpansionTooLarge(usize),
    /// A map or set whose keys become equal once `::` keywords and
    /// namespaced-map keys are resolved.
    #[error("duplicate key {0} once namespaces are resolved")]
    DuplicateKey(String),
    /// `::alias/k` or `#::alias{}` with an alias the namespace lacks.
    #[error("no namespace alias '{alias}' in {ns}")]
    UnknownAlias {
        /// The alias as written.
        alias: String,
        /// The current namespace.
        ns: String,
    },
}

/// A desugaring error and the span of the form it is about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct DesugarError {
    /// What went wrong.
    pub kind: DesugarErrorKind,
    /// The form it is about.
    pub span: Span,
}

pub(crate) fn sym(ns: Option<&str>, name: &str, span: Span) -> Form {
    Form::new(
        FormKind::Symbol(Symbol {
            ns: ns.map(Name::from),
            name: Name::from(name),
        }),
        span,
    )
}

pub(crate) fn core(name: &str, span: Span) -> Form {
    sym(Some("clojure.core"), name, span)
}

pub(crate) fn list(items: Vec<Form>, span: Span) -> Form {
    Form::new(FormKind::List(items), span)
}

fn keyword(ns: Option<Name>, name: Name, span: Span) -> Form {
    Form::new(
        FormKind::Keyword(Keyword {
            ns,
            name,
            auto: false,
        }),
        span,
    )
}

/// Desugars `form` and everything inside it.
pub fn desugar(form: Form, cx: &mut dyn Context) -> Result<Form, DesugarError> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || desugar_on_stack(form, cx))
}

fn desugar_on_stack(form: Form, cx: &mut dyn Context) -> Result<Form, DesugarError> {
    let span = form.span;
    let all = |items: Vec<Form>, cx: &mut dyn Context| -> Result<Vec<Form>, DesugarError> {
        items.into_iter().map(|f| desugar(f, cx)).collect()
    };
    let wrap = |head: Form, x: Box<Form>, cx: &mut dyn Context| -> Result<Form, DesugarError> {
        Ok(list(vec![head, desugar(*x, cx)?], span))
    };
    Ok(match form.kind {
        FormKind::List(items) => list(all(items, cx)?, span),
        FormKind::Vector(items) => Form::new(FormKind::Vector(all(items, cx)?), span),
        FormKind::Map(items) => {
            let check = items.iter().step_by(2).any(is_auto_keyword);
            let items = all(items, cx)?;
            if check {
                distinct(items.iter().step_by(2))?;
            }
            Form::new(FormKind::Map(items), span)
        }
        FormKind::Set(items) => {
            let check = items.iter().any(is_auto_keyword);
            let items = all(items, cx)?;
            if check {
                distinct(items.iter())?;
            }
            Form::new(FormKind::Set(items), span)
        }
        FormKind::Keyword(k) if k.auto => resolve_keyword(k, span, cx)?,
        FormKind::NamespacedMap { ns, map } => namespaced_map(ns, *map, span, cx)?,
        FormKind::Quote(x) => wrap(sym(None, "quote", span), x, cx)?,
        FormKind::Deref(x) => wrap(core("deref", span), x, cx)?,
        FormKind::Var(x) => wrap(sym(None, "var", span), x, cx)?,
        FormKind::Unquote(x) => wrap(core("unquote", span), x, cx)?,
        FormKind::UnquoteSplicing(x) => wrap(core("unquote-splicing", span), x, cx)?,
        FormKind::SyntaxQuote(x) => {
            let inner = crate::desugar::syntax_quote::expand(*x, cx)?;
            desugar(inner, cx)?
        }
        FormKind::AnonFn(body) => {
            let fn_form = crate::desugar::anon_fn::expand(body, span, cx);
            desugar(fn_form, cx)?
        }
        FormKind::Meta { meta, target } => {
            let (meta, target) = normalize_meta(*meta, *target, cx)?;
            Form::new(
                FormKind::Meta {
                    meta: Box::new(meta),
                    target: Box::new(target),
                },
                span,
            )
        }
        FormKind::Tagged { tag, form } => {
            let form = Box::new(desugar(*form, cx)?);
            Form::new(FormKind::Tagged { tag, form }, span)
        }
        // Kept by `read-string` with `{:read-cond :preserve}`: its forms
        // are data like any other.
        FormKind::ReaderConditional { splicing, forms } => {
            let forms = forms
                .into_iter()
                .map(|f| desugar(f, cx))
                .collect::<Result<Vec<_>, _>>()?;
            Form::new(FormKind::ReaderConditional { splicing, forms }, span)
        }
        other => Form::new(other, span),
    })
}

/// `::k` → `:current/k`; `::alias/k` → `:full.ns/k`.
fn resolve_keyword(k: Keyword, span: Span, cx: &mut dyn Context) -> Result<Form, DesugarError> {
    let ns = match &k.ns {
        None => cx.current_ns(),
        Some(alias) => alias_of(alias, span, cx)?,
    };
    Ok(keyword(Some(ns), k.name, span))
}

fn alias_of(alias: &str, span: Span, cx: &mut dyn Context) -> Result<Name, DesugarError> {
    cx.resolve_alias(alias).ok_or_else(|| DesugarError {
        kind: DesugarErrorKind::UnknownAlias {
            alias: alias.to_string(),
            ns: cx.current_ns().to_string(),
        },
        span,
    })
}

/// `#:ns{:a 1, :_/b 2, c 3}` → `{:ns/a 1, :b 2, ns/c 3}`: keys without a
/// namespace take `ns`, keys in namespace `_` lose it, others stay.
fn namespaced_map(
    ns: MapNamespace,
    map: Form,
    span: Span,
    cx: &mut dyn Context,
) -> Result<Form, DesugarError> {
    let ns = match ns {
        MapNamespace::Explicit(ns) => ns,
        MapNamespace::Current => cx.current_ns(),
        MapNamespace::Alias(alias) => alias_of(&alias, span, cx)?,
    };
    let FormKind::Map(items) = map.kind else {
        return desugar(map, cx);
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let item = if i % 2 == 1 {
            item
        } else {
            let item_span = item.span;
            match item.kind {
                FormKind::Keyword(k) if !k.auto => match k.ns.as_deref() {
                    None => keyword(Some(ns.clone()), k.name, item_span),
                    Some("_") => keyword(None, k.name, item_span),
                    Some(_) => Form::new(FormKind::Keyword(k), item_span),
                },
                FormKind::Symbol(s) => match s.ns.as_deref() {
                    None => sym(Some(&ns), &s.name, item_span),
                    Some("_") => sym(None, &s.name, item_span),
                    Some(_) => Form::new(FormKind::Symbol(s), item_span),
                },
                other => Form::new(other, item_span),
            }
        };
        out.push(desugar(item, cx)?);
    }
    distinct(out.iter().step_by(2))?;
    Ok(Form::new(FormKind::Map(out), map.span))
}

fn is_auto_keyword(f: &Form) -> bool {
    matches!(&f.kind, FormKind::Keyword(k) if k.auto)
}

/// An error for the first key that equals an earlier one.
fn distinct<'f>(keys: impl Iterator<Item = &'f Form>) -> Result<(), DesugarError> {
    let mut seen = std::collections::HashSet::new();
    for key in keys {
        if !seen.insert(key) {
            return Err(DesugarError {
                kind: DesugarErrorKind::DuplicateKey(key.to_string()),
                span: key.span,
            });
        }
    }
    Ok(())
}

/// Merges stacked metadata into one map (outer keys win) and turns `^:k`,
/// `^T`, `^"T"` into `{:k true}`, `{:tag T}`.
fn normalize_meta(
    meta: Form,
    target: Form,
    cx: &mut dyn Context,
) -> Result<(Form, Form), DesugarError> {
    let meta_span = meta.span;
    let outer = meta_entries(desugar(meta, cx)?);
    let target = desugar(target, cx)?;
    // A desugared `^inner x` target already has one normalized map: merge.
    let (mut entries, target) = match target.kind {
        FormKind::Meta {
            meta: inner,
            target: x,
        } => (meta_entries(*inner), *x),
        kind => (Vec::new(), Form::new(kind, target.span)),
    };
    for kv in outer.chunks_exact(2) {
        match entries.chunks_exact(2).position(|e| e[0] == kv[0]) {
            Some(i) => entries[2 * i + 1] = kv[1].clone(),
            None => entries.extend_from_slice(kv),
        }
    }
    Ok((Form::new(FormKind::Map(entries), meta_span), target))
}

/// The key/value forms of metadata as written: a map's entries, `:k` as
/// `:k true`, anything else as `:tag x`.
fn meta_entries(meta: Form) -> Vec<Form> {
    let span = meta.span;
    match meta.kind {
        FormKind::Map(entries) => entries,
        FormKind::Keyword(k) => vec![
            Form::new(FormKind::Keyword(k), span),
            Form::new(FormKind::Bool(true), span),
        ],
        other => vec![
            keyword(None, Name::const_new("tag"), span),
            Form::new(other, span),
        ],
    }
}
