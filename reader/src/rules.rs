//! The rules a collection must satisfy once it is complete: maps have an
//! even number of forms and distinct keys, sets distinct elements, `#()`
//! neither nests nor uses malformed `%` arguments, metadata is a map,
//! keyword, symbol or string on a form that can carry it.
//!
//! The grammar applies them as it builds each collection. Where a reader
//! conditional inside could still change the collection (a `#?` may vanish
//! or splice), the check is left to the conditional pass in `finish.rs`,
//! which applies the same rules after resolving.

use crate::error::{ReadError, ReadErrorKind};
use crate::form::{Form, FormKind};
use crate::span::{LazyLineIndex, Span};
use std::collections::HashSet;
use std::sync::Arc;

/// A broken rule: what, and where.
pub(crate) type Broken = (ReadErrorKind, Span);

/// Turns broken rules into [`ReadError`]s with positions.
pub(crate) struct Checker<'a> {
    pub(crate) index: LazyLineIndex<'a>,
    pub(crate) file: Option<Arc<str>>,
}

impl Checker<'_> {
    pub(crate) fn error(&self, (kind, span): Broken) -> ReadError {
        ReadError {
            kind,
            span,
            at: self.index.line_col(span.start),
            file: self.file.clone(),
        }
    }

    /// A `{...}` built by the grammar, checked unless a conditional inside
    /// may still change it.
    pub(crate) fn map(&self, items: Vec<Form>, span: Span) -> Result<Form, ReadError> {
        if !items.iter().any(may_vanish) {
            check_map(&items, span).map_err(|b| self.error(b))?;
        }
        Ok(Form::new(FormKind::Map(items), span))
    }

    /// A `#{...}` built by the grammar.
    pub(crate) fn set(&self, items: Vec<Form>, span: Span) -> Result<Form, ReadError> {
        if !items.iter().any(may_vanish) {
            check_set(&items).map_err(|b| self.error(b))?;
        }
        Ok(Form::new(FormKind::Set(items), span))
    }

    /// A `#(...)` built by the grammar.
    pub(crate) fn anon_fn(&self, items: Vec<Form>, span: Span) -> Result<Form, ReadError> {
        check_anon_fn(&items).map_err(|b| self.error(b))?;
        Ok(Form::new(FormKind::AnonFn(items), span))
    }

    /// A `^meta target` built by the grammar.
    pub(crate) fn meta(
        &self,
        start: usize,
        meta: Box<Form>,
        target: Box<Form>,
    ) -> Result<Form, ReadError> {
        if !may_vanish(&meta) && !may_vanish(&target) {
            check_meta(&meta, &target).map_err(|b| self.error(b))?;
        }
        let span = Span::new(start, target.span.end);
        Ok(Form::new(FormKind::Meta { meta, target }, span))
    }
}

/// Whether a form may yield no form (or several) once reader conditionals
/// are resolved: a conditional, possibly behind prefixes.
pub(crate) fn may_vanish(f: &Form) -> bool {
    match &f.kind {
        FormKind::ReaderConditional { .. } => true,
        FormKind::Quote(x)
        | FormKind::SyntaxQuote(x)
        | FormKind::Unquote(x)
        | FormKind::UnquoteSplicing(x)
        | FormKind::Deref(x)
        | FormKind::Var(x)
        | FormKind::Tagged { form: x, .. } => may_vanish(x),
        FormKind::Meta { meta, target } => may_vanish(meta) || may_vanish(target),
        _ => false,
    }
}

pub(crate) fn check_map(items: &[Form], span: Span) -> Result<(), Broken> {
    // A preserved `#?@` stands for an unknown number of forms.
    let splices = |f: &Form| matches!(f.kind, FormKind::ReaderConditional { splicing: true, .. });
    if items.iter().any(splices) {
        return Ok(());
    }
    if items.len() % 2 != 0 {
        return Err((ReadErrorKind::OddMap, span));
    }
    match duplicate(items.iter().step_by(2)) {
        Some(dup) => Err((ReadErrorKind::DuplicateKey(dup.to_string()), dup.span)),
        None => Ok(()),
    }
}

pub(crate) fn check_set(items: &[Form]) -> Result<(), Broken> {
    match duplicate(items.iter()) {
        Some(dup) => Err((ReadErrorKind::DuplicateElement(dup.to_string()), dup.span)),
        None => Ok(()),
    }
}

/// No `#()` inside, and every `%` argument well formed, anywhere in the body.
pub(crate) fn check_anon_fn(items: &[Form]) -> Result<(), Broken> {
    let mut stack: Vec<&Form> = items.iter().collect();
    while let Some(f) = stack.pop() {
        match &f.kind {
            FormKind::AnonFn(_) => return Err((ReadErrorKind::NestedAnonFn, f.span)),
            FormKind::Symbol(s) if s.ns.is_none() && !valid_arg(&s.name) => {
                return Err((ReadErrorKind::InvalidArgLiteral(s.name.to_string()), f.span));
            }
            _ => stack.extend(f.children()),
        }
    }
    Ok(())
}

pub(crate) fn check_meta(meta: &Form, target: &Form) -> Result<(), Broken> {
    let preserved = |f: &Form| matches!(f.kind, FormKind::ReaderConditional { .. });
    // A vector is Clojure 1.12's `^[long String]` (`{:param-tags [...]}`).
    let meta_ok = matches!(
        meta.kind,
        FormKind::Map(_)
            | FormKind::NamespacedMap { .. }
            | FormKind::Keyword(_)
            | FormKind::Symbol(_)
            | FormKind::Str(_)
            | FormKind::Vector(_)
    ) || preserved(meta);
    if !meta_ok {
        return Err((ReadErrorKind::InvalidMetadata(meta.kind_name()), meta.span));
    }
    let target_ok = !matches!(
        target.kind,
        FormKind::Nil
            | FormKind::Bool(_)
            | FormKind::Int(_)
            | FormKind::BigInt(_)
            | FormKind::Float(_)
            | FormKind::BigDecimal(_)
            | FormKind::Ratio(_)
            | FormKind::Char(_)
            | FormKind::Str(_)
            | FormKind::Regex(_)
            | FormKind::Keyword(_)
    );
    if !target_ok {
        return Err((
            ReadErrorKind::MetadataTarget(target.kind_name()),
            target.span,
        ));
    }
    Ok(())
}

/// The highest `%n` a `#()` may use (Clojure's limit on positional
/// parameters); it also keeps `#(%4294967296)` from asking for billions of
/// parameters.
pub const MAX_ARG: u32 = 20;

/// `%`, `%&` or `%n` (1 ≤ n ≤ 20), or any symbol not starting with `%`.
fn valid_arg(name: &str) -> bool {
    match name.strip_prefix('%') {
        None | Some("") | Some("&") => true,
        Some(n) => n.len() <= 2 && n.parse::<u32>().is_ok_and(|n| (1..=MAX_ARG).contains(&n)),
    }
}

/// The second occurrence of the first form that appears twice. Small
/// collections (most) are scanned pairwise; larger ones hashed.
fn duplicate<'f>(forms: impl Iterator<Item = &'f Form> + Clone) -> Option<&'f Form> {
    if forms.clone().nth(16).is_none() {
        return forms
            .clone()
            .enumerate()
            .find(|&(i, f)| forms.clone().take(i).any(|g| g == f))
            .map(|(_, f)| f);
    }
    let mut seen = HashSet::new();
    forms.into_iter().find(|&f| !seen.insert(f))
}
