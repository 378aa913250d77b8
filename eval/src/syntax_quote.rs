//! Syntax-quote (`` `form ``) expansion, as Clojure's reader does it: the
//! result is code that builds the quoted form, with symbols qualified.
//!
//! - a special-form name stays unqualified: `(quote if)`;
//! - `x#` becomes `x__N__auto__`, the same `N` for every `x#` in one
//!   syntax-quote;
//! - `.method` and `Ctor.` stay as written;
//! - `alias/x` takes the alias's full namespace; other qualified symbols
//!   stay; an unqualified symbol takes the namespace of the var it names
//!   here, else the current namespace: `(quote user/x)`;
//! - `~x` is `x`; `~@x` splices, and only inside a collection;
//! - `(a b)` → `(clojure.core/seq (clojure.core/concat (clojure.core/list
//!   ...) ...))`, vectors, maps and sets through `clojure.core/apply` with
//!   `vector`, `hash-map`, `hash-set`;
//! - keywords, strings, numbers, characters, `nil` and booleans stand for
//!   themselves;
//! - metadata is kept: `(clojure.core/with-meta expanded meta)`.
//!
//! Other sugar inside (`'x`, `@x`, `#()`, `::k`, nested `` ` ``) is first
//! turned into the forms Clojure's reader would have produced, then quoted.

use crate::desugar::{Context, DesugarError, DesugarErrorKind, core, list, sym};
use evelisp_reader::{Form, FormKind, Name, Span, Symbol};
use std::collections::HashMap;

/// The special forms: their names are never qualified.
pub const SPECIAL_FORMS: &[&str] = &[
    "def", "if", "do", "let*", "letfn*", "fn*", "loop*", "recur", "quote", "var", "throw", "try",
    "catch", "finally", "set!", "&", "case*", "new", ".", "deftype*", "reify*",
];

/// Expands `` `form `` into code that builds `form`.
pub fn expand(form: Form, cx: &mut dyn Context) -> Result<Form, DesugarError> {
    let mut quoter = Quoter {
        cx,
        gensyms: HashMap::new(),
    };
    quoter.quote(form)
}

/// Which unquote a `(clojure.core/unquote x)` list stands for.
enum Unquoted {
    One,
    Spliced,
}

/// Splits `(clojure.core/unquote x)` or `(clojure.core/unquote-splicing x)`
/// into its kind and `x`; gives any other form back unchanged.
fn unquote_list(form: Form) -> Result<(Unquoted, Form), Form> {
    let which = match &form.kind {
        FormKind::List(items) if items.len() == 2 => match &items[0].kind {
            FormKind::Symbol(Symbol { ns: Some(ns), name })
                if ns == "clojure.core" && name == "unquote" =>
            {
                Unquoted::One
            }
            FormKind::Symbol(Symbol { ns: Some(ns), name })
                if ns == "clojure.core" && name == "unquote-splicing" =>
            {
                Unquoted::Spliced
            }
            _ => return Err(form),
        },
        _ => return Err(form),
    };
    let FormKind::List(mut items) = form.kind else {
        return Err(form);
    };
    Ok((which, items.remove(1)))
}

struct Quoter<'c> {
    cx: &'c mut dyn Context,
    gensyms: HashMap<Name, Name>,
}

impl Quoter<'_> {
    fn quote(&mut self, form: Form) -> Result<Form, DesugarError> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.quote_on_stack(form))
    }

    fn quote_on_stack(&mut self, form: Form) -> Result<Form, DesugarError> {
        let span = form.span;
        // A nested syntax-quote, once expanded, leaves `~~x` as the list
        // `(clojure.core/unquote x)`: Clojure treats that list as an unquote.
        let form = match unquote_list(form) {
            Ok((Unquoted::One, x)) => return Ok(x),
            Ok((Unquoted::Spliced, _)) => {
                return Err(DesugarError {
                    kind: DesugarErrorKind::SpliceNotInCollection,
                    span,
                });
            }
            Err(form) => form,
        };
        let quoted = |f: Form| list(vec![sym(None, "quote", span), f], span);
        Ok(match form.kind {
            FormKind::Symbol(s) => quoted(Form::new(FormKind::Symbol(self.symbol(s)), span)),
            FormKind::Unquote(x) => crate::desugar::desugar(*x, self.cx)?,
            FormKind::UnquoteSplicing(_) => {
                return Err(DesugarError {
                    kind: DesugarErrorKind::SpliceNotInCollection,
                    span,
                });
            }
            FormKind::List(items) if items.is_empty() => list(vec![core("list", span)], span),
            FormKind::List(items) => self.seq(items, span)?,
            FormKind::Vector(items) => self.apply("vector", items, span)?,
            FormKind::Map(items) => self.apply("hash-map", items, span)?,
            FormKind::Set(items) => self.apply("hash-set", items, span)?,
            FormKind::Meta { .. } => {
                let desugared = crate::desugar::desugar(form, self.cx)?;
                let FormKind::Meta { meta, target } = desugared.kind else {
                    return self.quote(desugared);
                };
                let target = self.quote(*target)?;
                let meta = self.quote(*meta)?;
                list(vec![core("with-meta", span), target, meta], span)
            }
            FormKind::Quote(_)
            | FormKind::Deref(_)
            | FormKind::Var(_)
            | FormKind::AnonFn(_)
            | FormKind::SyntaxQuote(_)
            | FormKind::NamespacedMap { .. }
            | FormKind::Keyword(_) => {
                // Read as Clojure's reader would have, then quote that.
                let desugared = crate::desugar::desugar(form, self.cx)?;
                match desugared.kind {
                    FormKind::Keyword(_) => desugared,
                    _ => self.quote(desugared)?,
                }
            }
            // Strings, numbers, characters, nil, booleans, regexes, tagged
            // literals stand for themselves.
            other => Form::new(other, span),
        })
    }

    /// `(clojure.core/seq (clojure.core/concat part...))`
    fn seq(&mut self, items: Vec<Form>, span: Span) -> Result<Form, DesugarError> {
        let mut concat = vec![core("concat", span)];
        for item in items {
            let item_span = item.span;
            let item = match unquote_list(item) {
                Ok((Unquoted::One, x)) => {
                    concat.push(list(vec![core("list", item_span), x], item_span));
                    continue;
                }
                Ok((Unquoted::Spliced, x)) => {
                    concat.push(x);
                    continue;
                }
                Err(item) => item,
            };
            concat.push(match item.kind {
                FormKind::Unquote(x) => list(
                    vec![
                        core("list", item_span),
                        crate::desugar::desugar(*x, self.cx)?,
                    ],
                    item_span,
                ),
                FormKind::UnquoteSplicing(x) => crate::desugar::desugar(*x, self.cx)?,
                kind => {
                    let quoted = self.quote(Form::new(kind, item_span))?;
                    list(vec![core("list", item_span), quoted], item_span)
                }
            });
        }
        Ok(list(vec![core("seq", span), list(concat, span)], span))
    }

    /// `(clojure.core/apply clojure.core/CTOR (clojure.core/seq ...))`
    fn apply(&mut self, ctor: &str, items: Vec<Form>, span: Span) -> Result<Form, DesugarError> {
        let seq = self.seq(items, span)?;
        Ok(list(vec![core("apply", span), core(ctor, span), seq], span))
    }

    fn symbol(&mut self, s: Symbol) -> Symbol {
        let Some(ns) = &s.ns else {
            let name = s.name.as_str();
            if SPECIAL_FORMS.contains(&name) || name.starts_with('.') || name.ends_with('.') {
                return s;
            }
            if let Some(base) = name.strip_suffix('#') {
                let cx = &mut self.cx;
                let generated = self
                    .gensyms
                    .entry(s.name.clone())
                    .or_insert_with(|| Name::from(format!("{base}__{}__auto__", cx.next_id())));
                return Symbol::simple(generated.clone());
            }
            let ns = self
                .cx
                .var_namespace(name)
                .unwrap_or_else(|| self.cx.current_ns());
            return Symbol {
                ns: Some(ns),
                name: s.name,
            };
        };
        match self.cx.resolve_alias(ns) {
            Some(full) => Symbol {
                ns: Some(full),
                name: s.name,
            },
            None => s,
        }
    }
}
