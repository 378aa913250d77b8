//! `#(...)` expansion, as Clojure's reader does it:
//! `#(+ % %3 %&)` → `(fn* [p1__1# p2__2# p3__3# & rest__4#] (+ p1__1# p3__3# rest__4#))`.
//!
//! `%` is `%1`; every position up to the highest `%n` gets a parameter even
//! if unused; `%&` adds a rest parameter. The generated names end in `#`,
//! as Clojure's do.

use crate::desugar::{Context, list, sym};
use evelisp_reader::{Form, FormKind, Name, Span, Symbol};

/// Expands the body of `#(...)` read at `span` into a `(fn* [...] (...))` form.
pub fn expand(body: Vec<Form>, span: Span, cx: &mut dyn Context) -> Form {
    let mut args = Args::default();
    let body: Vec<Form> = body.into_iter().map(|f| args.replace(f, cx)).collect();
    let mut params: Vec<Form> = Vec::new();
    for i in 0..args.positional.len() {
        let name = match &args.positional[i] {
            Some(name) => name.clone(),
            None => Name::from(format!("p{}__{}#", i + 1, cx.next_id())),
        };
        params.push(sym(None, &name, span));
    }
    if let Some(rest) = args.rest {
        params.push(sym(None, "&", span));
        params.push(sym(None, &rest, span));
    }
    list(
        vec![
            sym(None, "fn*", span),
            Form::new(FormKind::Vector(params), span),
            list(body, span),
        ],
        span,
    )
}

/// The generated names of the arguments used so far.
#[derive(Default)]
struct Args {
    positional: Vec<Option<Name>>,
    rest: Option<Name>,
}

impl Args {
    fn replace(&mut self, form: Form, cx: &mut dyn Context) -> Form {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.replace_on_stack(form, cx))
    }

    fn replace_on_stack(&mut self, form: Form, cx: &mut dyn Context) -> Form {
        let span = form.span;
        let mut all = |items: Vec<Form>, cx: &mut dyn Context| -> Vec<Form> {
            items.into_iter().map(|f| self.replace(f, cx)).collect()
        };
        let kind = match form.kind {
            FormKind::Symbol(s) => match self.arg(&s, cx) {
                Some(name) => FormKind::Symbol(Symbol::simple(name)),
                None => FormKind::Symbol(s),
            },
            FormKind::List(v) => FormKind::List(all(v, cx)),
            FormKind::Vector(v) => FormKind::Vector(all(v, cx)),
            FormKind::Map(v) => FormKind::Map(all(v, cx)),
            FormKind::Set(v) => FormKind::Set(all(v, cx)),
            FormKind::Quote(x) => FormKind::Quote(Box::new(self.replace(*x, cx))),
            FormKind::SyntaxQuote(x) => FormKind::SyntaxQuote(Box::new(self.replace(*x, cx))),
            FormKind::Unquote(x) => FormKind::Unquote(Box::new(self.replace(*x, cx))),
            FormKind::UnquoteSplicing(x) => {
                FormKind::UnquoteSplicing(Box::new(self.replace(*x, cx)))
            }
            FormKind::Deref(x) => FormKind::Deref(Box::new(self.replace(*x, cx))),
            FormKind::Var(x) => FormKind::Var(Box::new(self.replace(*x, cx))),
            FormKind::Meta { meta, target } => FormKind::Meta {
                meta: Box::new(self.replace(*meta, cx)),
                target: Box::new(self.replace(*target, cx)),
            },
            FormKind::Tagged { tag, form } => FormKind::Tagged {
                tag,
                form: Box::new(self.replace(*form, cx)),
            },
            FormKind::NamespacedMap { ns, map } => FormKind::NamespacedMap {
                ns,
                map: Box::new(self.replace(*map, cx)),
            },
            other => other,
        };
        Form::new(kind, span)
    }

    /// The generated name for `%`, `%n` or `%&`, or `None` for other symbols.
    fn arg(&mut self, s: &Symbol, cx: &mut dyn Context) -> Option<Name> {
        if s.ns.is_some() {
            return None;
        }
        let n = match s.name.strip_prefix('%')? {
            "" => 1,
            "&" => {
                let rest = self
                    .rest
                    .get_or_insert_with(|| Name::from(format!("rest__{}#", cx.next_id())));
                return Some(rest.clone());
            }
            // The reader allows %1..%20 (Clojure's limit); anything else
            // stays an ordinary symbol.
            digits => digits
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=20).contains(n))?,
        };
        if self.positional.len() < n {
            self.positional.resize(n, None);
        }
        let slot = &mut self.positional[n - 1];
        let name = slot.get_or_insert_with(|| Name::from(format!("p{n}__{}#", cx.next_id())));
        Some(name.clone())
    }
}
