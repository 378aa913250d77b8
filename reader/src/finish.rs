//! The reader-conditional pass: it runs only when the source contains `#?`
//! or `#?@`. It resolves each conditional (or, when preserving, checks its
//! shape) and then applies the collection rules of `rules.rs` to whatever
//! the conditionals changed (the grammar left those checks to this pass).
//!
//! Conditionals are resolved as Clojure does: one that selects nothing
//! vanishes, `#?@` splices into the enclosing collection, and a prefix
//! (`'`, `^`, a tag, ...) whose form vanished takes the next form.
//! One difference: `#_` discards a whole conditional, whatever it selects.

use crate::error::{ReadError, ReadErrorKind};
use crate::form::{Form, FormKind};
use crate::rules::{self, Checker, may_vanish};
use crate::span::Span;
use crate::{Conditionals, ReadOptions};
use std::collections::VecDeque;

/// Where a sequence of forms stands, for the `#?@` error message.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    TopLevel,
    Collection,
}

pub(crate) struct Finisher<'a, 's> {
    options: &'a ReadOptions,
    checker: &'a Checker<'s>,
    /// Offsets of every `#?`/`#?@` token, ascending.
    conditionals: &'a [usize],
}

/// Grow the stack when less than this much is left...
const STACK_RED_ZONE: usize = 64 * 1024;
/// ...by a new segment of this size.
const STACK_SEGMENT: usize = 1024 * 1024;

type Siblings = std::iter::Peekable<std::vec::IntoIter<Form>>;

impl<'a, 's> Finisher<'a, 's> {
    pub(crate) fn new(
        options: &'a ReadOptions,
        checker: &'a Checker<'s>,
        conditionals: &'a [usize],
    ) -> Finisher<'a, 's> {
        Finisher {
            options,
            checker,
            conditionals,
        }
    }

    /// Whether a reader conditional lies inside `span`. Forms without one
    /// were fully checked by the grammar and are left as they are.
    fn has_conditional(&self, span: Span) -> bool {
        let i = self.conditionals.partition_point(|&o| o < span.start);
        self.conditionals.get(i).is_some_and(|&o| o < span.end)
    }

    fn error(&self, kind: ReadErrorKind, span: Span) -> ReadError {
        self.checker.error((kind, span))
    }

    /// Finishes the top-level forms of a source text.
    pub(crate) fn top_level(&mut self, forms: Vec<Form>) -> Result<Vec<Form>, ReadError> {
        self.sequence(forms, Place::TopLevel)
    }

    fn sequence(&mut self, mut forms: Vec<Form>, place: Place) -> Result<Vec<Form>, ReadError> {
        if !forms.iter().any(may_vanish) {
            // Fast path: one form in, one form out; finish in place the ones
            // that contain a conditional.
            let mut no_siblings = Vec::new().into_iter().peekable();
            for slot in &mut forms {
                if self.has_conditional(slot.span) {
                    let form = std::mem::replace(slot, Form::new(FormKind::Nil, Span::default()));
                    *slot = self.form(form, &mut no_siblings)?;
                }
            }
            return Ok(forms);
        }
        let mut out = Vec::with_capacity(forms.len());
        let mut siblings = forms.into_iter().peekable();
        while let Some(form) = siblings.next() {
            if self.has_conditional(form.span) {
                self.item(form, &mut siblings, place, &mut out)?;
            } else {
                out.push(form);
            }
        }
        Ok(out)
    }

    /// Finishes one form of a sequence, pushing what it yields (zero, one or,
    /// for `#?@`, several forms) onto `out`.
    fn item(
        &mut self,
        form: Form,
        siblings: &mut Siblings,
        place: Place,
        out: &mut Vec<Form>,
    ) -> Result<(), ReadError> {
        if let FormKind::ReaderConditional { .. } = form.kind {
            return self.conditional(form, siblings, place, out);
        }
        out.push(self.form(form, siblings)?);
        Ok(())
    }

    /// Resolves (or, when preserving, checks) a reader conditional. Nested
    /// conditionals recurse through here without passing `form`, so this is
    /// stack-guarded too.
    #[inline(never)]
    fn conditional(
        &mut self,
        form: Form,
        siblings: &mut Siblings,
        place: Place,
        out: &mut Vec<Form>,
    ) -> Result<(), ReadError> {
        stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || {
            self.conditional_on_stack(form, siblings, place, out)
        })
    }

    fn conditional_on_stack(
        &mut self,
        form: Form,
        siblings: &mut Siblings,
        place: Place,
        out: &mut Vec<Form>,
    ) -> Result<(), ReadError> {
        let span = form.span;
        let FormKind::ReaderConditional { splicing, forms } = form.kind else {
            return Ok(());
        };
        if self.options.conditionals == Conditionals::Preserve {
            self.conditional_body(&forms, span)?;
            let forms = self.sequence(forms, Place::Collection)?;
            let kind = FormKind::ReaderConditional { splicing, forms };
            out.push(Form::new(kind, span));
            return Ok(());
        }
        let Some(selected) = self.select(forms, span)? else {
            return Ok(());
        };
        if !splicing {
            return self.item(selected, siblings, place, out);
        }
        if place == Place::TopLevel {
            return Err(self.error(ReadErrorKind::SplicingNotAllowed("at the top level"), span));
        }
        let spliced = match selected.kind {
            FormKind::List(items) | FormKind::Vector(items) => items,
            _ => {
                let kind = ReadErrorKind::SplicingNotSequential(selected.kind_name());
                return Err(self.error(kind, selected.span));
            }
        };
        out.extend(self.sequence(spliced, Place::Collection)?);
        Ok(())
    }

    /// Checks a conditional's shape: alternating keyword features and forms.
    fn conditional_body(&self, forms: &[Form], span: Span) -> Result<(), ReadError> {
        if forms.len() % 2 != 0 {
            return Err(self.error(ReadErrorKind::OddReaderConditional, span));
        }
        for feature in forms.iter().step_by(2) {
            let FormKind::Keyword(k) = &feature.kind else {
                let kind = ReadErrorKind::ReaderConditionalFeature(feature.kind_name());
                return Err(self.error(kind, feature.span));
            };
            if k.ns.is_none() && !k.auto && matches!(k.name.as_str(), "else" | "none") {
                let kind = ReadErrorKind::ReservedFeature(k.to_string());
                return Err(self.error(kind, feature.span));
            }
        }
        Ok(())
    }

    /// The form of the first branch whose feature is enabled.
    fn select(&self, forms: Vec<Form>, span: Span) -> Result<Option<Form>, ReadError> {
        self.conditional_body(&forms, span)?;
        let mut forms = forms.into_iter();
        while let (Some(feature), Some(form)) = (forms.next(), forms.next()) {
            if let FormKind::Keyword(k) = &feature.kind {
                if k.ns.is_none() && !k.auto && self.options.features.contains(k.name.as_str()) {
                    return Ok(Some(form));
                }
            }
        }
        Ok(None)
    }

    /// Takes the next form for a prefix: first from `queue` (forms the
    /// parser gave the prefix), then from the following siblings, skipping
    /// conditionals that select nothing.
    fn take_one(
        &mut self,
        queue: &mut VecDeque<Form>,
        siblings: &mut Siblings,
        prefix: &Form,
    ) -> Result<Form, ReadError> {
        loop {
            let Some(next) = queue.pop_front().or_else(|| siblings.next()) else {
                let what = crate::tokens::describe_prefix(&crate::printer::prefix_text(prefix));
                return Err(
                    self.error(ReadErrorKind::ConditionalSelectedNothing(what), prefix.span)
                );
            };
            let mut produced = Vec::new();
            self.item(next, siblings, Place::Collection, &mut produced)?;
            match produced.len() {
                0 => continue,
                1 => return Ok(produced.remove(0)),
                _ => {
                    let kind = ReadErrorKind::SplicingNotAllowed("where one form is expected");
                    return Err(self.error(kind, prefix.span));
                }
            }
        }
    }

    fn one(
        &mut self,
        form: Form,
        siblings: &mut Siblings,
        prefix: &Form,
    ) -> Result<Box<Form>, ReadError> {
        let mut queue = VecDeque::from([form]);
        self.take_one(&mut queue, siblings, prefix).map(Box::new)
    }

    /// Finishes a form that is not itself a reader conditional. Kept small:
    /// it is on the recursive path of every nested form, so rarer cases live
    /// in their own (not inlined) functions.
    fn form(&mut self, form: Form, siblings: &mut Siblings) -> Result<Form, ReadError> {
        // Every level of nesting passes through here, so this is where the
        // stack grows when deep input needs more than the caller's thread has.
        stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || {
            self.form_on_stack(form, siblings)
        })
    }

    fn form_on_stack(&mut self, form: Form, siblings: &mut Siblings) -> Result<Form, ReadError> {
        let span = form.span;
        let kind = match form.kind {
            FormKind::List(items) => FormKind::List(self.sequence(items, Place::Collection)?),
            FormKind::Vector(items) => FormKind::Vector(self.sequence(items, Place::Collection)?),
            FormKind::Map(items) => self.map(items, span)?,
            FormKind::Set(items) => self.set(items)?,
            FormKind::AnonFn(items) => self.anon_fn(items)?,
            kind @ (FormKind::NamespacedMap { .. }
            | FormKind::Quote(_)
            | FormKind::SyntaxQuote(_)
            | FormKind::Unquote(_)
            | FormKind::UnquoteSplicing(_)
            | FormKind::Deref(_)
            | FormKind::Var(_)
            | FormKind::Tagged { .. }
            | FormKind::Meta { .. }) => return self.prefixed(kind, span, siblings),
            other => other,
        };
        Ok(Form::new(kind, span))
    }

    #[inline(never)]
    fn map(&mut self, items: Vec<Form>, span: Span) -> Result<FormKind, ReadError> {
        let items = self.sequence(items, Place::Collection)?;
        rules::check_map(&items, span).map_err(|b| self.checker.error(b))?;
        Ok(FormKind::Map(items))
    }

    #[inline(never)]
    fn set(&mut self, items: Vec<Form>) -> Result<FormKind, ReadError> {
        let items = self.sequence(items, Place::Collection)?;
        rules::check_set(&items).map_err(|b| self.checker.error(b))?;
        Ok(FormKind::Set(items))
    }

    #[inline(never)]
    fn anon_fn(&mut self, items: Vec<Form>) -> Result<FormKind, ReadError> {
        let items = self.sequence(items, Place::Collection)?;
        rules::check_anon_fn(&items).map_err(|b| self.checker.error(b))?;
        Ok(FormKind::AnonFn(items))
    }

    /// Finishes a form written with a prefix (`'`, `^`, `#tag`, `#:ns`, ...).
    #[inline(never)]
    /// When a conditional inside vanished and the prefix took a later form,
    /// the result's span grows to cover that form.
    fn prefixed(
        &mut self,
        kind: FormKind,
        span: Span,
        siblings: &mut Siblings,
    ) -> Result<Form, ReadError> {
        // The prefix form with its target taken out, to name it in messages.
        let nil = || Box::new(Form::new(FormKind::Nil, span));
        let shell = |kind: FormKind| Form::new(kind, span);
        let kind = match kind {
            FormKind::NamespacedMap { ns, map } => {
                let map = Box::new(self.form(*map, siblings)?);
                FormKind::NamespacedMap { ns, map }
            }
            FormKind::Quote(f) => {
                FormKind::Quote(self.one(*f, siblings, &shell(FormKind::Quote(nil())))?)
            }
            FormKind::SyntaxQuote(f) => {
                let p = shell(FormKind::SyntaxQuote(nil()));
                FormKind::SyntaxQuote(self.one(*f, siblings, &p)?)
            }
            FormKind::Unquote(f) => {
                FormKind::Unquote(self.one(*f, siblings, &shell(FormKind::Unquote(nil())))?)
            }
            FormKind::UnquoteSplicing(f) => {
                let p = shell(FormKind::UnquoteSplicing(nil()));
                FormKind::UnquoteSplicing(self.one(*f, siblings, &p)?)
            }
            FormKind::Deref(f) => {
                FormKind::Deref(self.one(*f, siblings, &shell(FormKind::Deref(nil())))?)
            }
            FormKind::Var(f) => {
                FormKind::Var(self.one(*f, siblings, &shell(FormKind::Var(nil())))?)
            }
            FormKind::Tagged { tag, form } => {
                let p = shell(FormKind::Tagged {
                    tag: tag.clone(),
                    form: nil(),
                });
                let form = self.one(*form, siblings, &p)?;
                FormKind::Tagged { tag, form }
            }
            FormKind::Meta { meta, target } => {
                let p = shell(FormKind::Meta {
                    meta: nil(),
                    target: nil(),
                });
                let mut queue = VecDeque::from([*meta, *target]);
                let meta = self.take_one(&mut queue, siblings, &p)?;
                let target = self.take_one(&mut queue, siblings, &p)?;
                rules::check_meta(&meta, &target).map_err(|b| self.checker.error(b))?;
                FormKind::Meta {
                    meta: Box::new(meta),
                    target: Box::new(target),
                }
            }
            other => other,
        };
        let mut form = Form::new(kind, span);
        let end = form
            .children()
            .map(|c| c.span.end)
            .max()
            .unwrap_or(span.end);
        form.span.end = form.span.end.max(end);
        Ok(form)
    }
}
