//! Syntax-quote (`` `form ``) expansion, as Clojure's reader does it: the
//! result is code that builds the quoted form, with symbols qualified.
//!
//! - a special-form name stays unqualified: `(quote if)`;
//! - `x#` becomes `x__N__auto__`, the same `N` for every `x#` in one
//!   syntax-quote;
//! - `.method`, `Ctor.` and names with a `.` inside (`my.lib`) stay as
//!   written;
//! - `alias/x` takes the alias's full namespace; other qualified symbols
//!   stay; an unqualified symbol takes the namespace of the var it names
//!   here, else the current namespace: `(quote user/x)`;
//! - `~x` is `x` (metadata on it is dropped); `~@x` splices, and only
//!   inside a collection;
//! - `(a b)` → `(clojure.core/seq (clojure.core/concat (clojure.core/list
//!   ...) ...))`, vectors, maps and sets through `clojure.core/apply` with
//!   `vector`, `hash-map`, `hash-set`;
//! - keywords, strings, numbers and characters stand for themselves;
//!   `nil`, booleans and other literals are quoted;
//! - syntax-quotes nest at most [`MAX_NESTING`] deep, and one visits at
//!   most [`EXPANSION_BUDGET`] forms.
//! - metadata is kept: `(clojure.core/with-meta expanded meta)`.
//!
//! Other sugar inside (`'x`, `@x`, `#()`, `::k`, nested `` ` ``) is first
//! turned into the forms Clojure's reader would have produced, then quoted.

use crate::desugar::{Context, DesugarError, DesugarErrorKind, core, list, sym};
use evelisp_reader::{Form, FormKind, Name, Span, Symbol};
use std::collections::HashMap;

/// The most forms one syntax-quote may visit. Each nesting level of
/// syntax-quote multiplies the size of what it quotes (about ×5), so
/// `` ```````````````x `` would otherwise exhaust memory.
pub const EXPANSION_BUDGET: usize = 1_000_000;

/// How deeply syntax-quotes may nest inside each other. Each level costs
/// about seven times the one inside it; macro-writing macros use two or
/// three.
pub const MAX_NESTING: usize = 5;

thread_local! {
    /// Syntax-quotes being expanded on this thread, innermost last.
    static NESTING: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The special forms: their names are never qualified.
pub const SPECIAL_FORMS: &[&str] = &[
    "def", "if", "do", "let*", "letfn*", "fn*", "loop*", "recur", "quote", "var", "throw", "try",
    "catch", "finally", "set!", "&", "case*", "new", ".", "deftype*", "reify*",
    // Macros in Clojure, special forms of this evaluator: left unqualified
    // so a macro's `(binding ...)` means the special form in any namespace.
    "binding", "defmacro", "ns",
];

/// Expands `` `form `` into code that builds `form`.
pub fn expand(form: Form, cx: &mut dyn Context) -> Result<Form, DesugarError> {
    let depth = NESTING.with(|n| n.get());
    if depth >= MAX_NESTING {
        return Err(DesugarError {
            kind: DesugarErrorKind::NestedTooDeeply(MAX_NESTING),
            span: form.span,
        });
    }
    NESTING.with(|n| n.set(depth + 1));
    let result = expand_one(form, cx);
    NESTING.with(|n| n.set(depth));
    result
}

fn expand_one(form: Form, cx: &mut dyn Context) -> Result<Form, DesugarError> {
    let mut quoter = Quoter {
        cx,
        gensyms: HashMap::new(),
        visited: 0,
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
    /// Forms visited so far, against [`EXPANSION_BUDGET`].
    visited: usize,
}

impl Quoter<'_> {
    fn quote(&mut self, form: Form) -> Result<Form, DesugarError> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.quote_on_stack(form))
    }

    fn quote_on_stack(&mut self, form: Form) -> Result<Form, DesugarError> {
        let span = form.span;
        self.visited += 1;
        if self.visited > EXPANSION_BUDGET {
            return Err(DesugarError {
                kind: DesugarErrorKind::ExpansionTooLarge(EXPANSION_BUDGET),
                span,
            });
        }
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
                // `` `^:m ~x `` is `x`: Clojure drops the metadata of an unquote.
                let target = match unquote_list(*target) {
                    Ok((Unquoted::One, x)) => return Ok(x),
                    Ok((Unquoted::Spliced, _)) => {
                        return Err(DesugarError {
                            kind: DesugarErrorKind::SpliceNotInCollection,
                            span,
                        });
                    }
                    Err(target) => target,
                };
                let target = self.quote(target)?;
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
            // Strings, numbers and characters stand for themselves; anything
            // else (nil, booleans, regexes, tagged literals) is quoted.
            kind @ (FormKind::Str(_)
            | FormKind::Int(_)
            | FormKind::BigInt(_)
            | FormKind::Float(_)
            | FormKind::BigDecimal(_)
            | FormKind::Ratio(_)
            | FormKind::Char(_)) => Form::new(kind, span),
            other => quoted(Form::new(other, span)),
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

    /// Qualifies a symbol in Clojure's order: special forms, `x#` gensyms,
    /// `Ctor.` and `.method` stay; a name with a `.` after its first
    /// character is a class-like name and stays; `alias/x` takes the
    /// alias's namespace; others take their var's or the current namespace.
    fn symbol(&mut self, s: Symbol) -> Symbol {
        if s.ns.is_none() {
            let name = s.name.as_str();
            if SPECIAL_FORMS.contains(&name) {
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
            if name.starts_with('.') || name.ends_with('.') {
                return s;
            }
        }
        if s.name.find('.').is_some_and(|i| i > 0) {
            return s;
        }
        let Some(ns) = &s.ns else {
            let ns = self
                .cx
                .var_namespace(&s.name)
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
