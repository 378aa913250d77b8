//! Reading text and evaluating what was read: [`Interp::eval_str`] (a
//! file or a REPL entry, one top-level form at a time), `read-string`'s
//! reading ([`Interp::read_string_with`] and its [`ReadStringOptions`]) and
//! [`Interp::eval_reader_form`]: desugar (with the namespace context the
//! reader sugar needs), convert to a heap value (tagged literals through
//! `data_readers.rs`, positions kept in a side table), evaluate.

use crate::data_readers::InterpTags;
use crate::desugar::{Context, desugar};
use crate::error::{EvalError, EvalErrorKind, EvalResult, Position};
use crate::form_to_value::{ConvertErrorKind, Positions, form_to_value_with};
use crate::interp::{Interp, USER_NS};
use crate::source_context::Source;
use evelisp_heap::{Ref, Value, View};
use evelisp_reader::ReadOptions;

impl<'e> Interp<'e> {
    /// Reads and evaluates every form of `text`, returning the last value
    /// (nil for no forms). `file` names the source in error positions.
    pub fn eval_str(&self, text: &str, file: Option<&str>) -> EvalResult<Value<'e>> {
        let mut last = Value::nil(self.env);
        self.eval_str_each(text, file, |v| {
            last = v?;
            Ok(())
        })?;
        Ok(last)
    }

    /// Reads and evaluates every form of `text` in order, giving each
    /// top-level form's result (its value or its error) to `each` before
    /// the next form is read (a REPL server replies once per form). `file`
    /// names the source in error positions. An error `each` returns ends
    /// it (so `each` decides whether an evaluation error stops the rest),
    /// as does a reading error, after the forms before it have run.
    pub fn eval_str_each(
        &self,
        text: &str,
        file: Option<&str>,
        mut each: impl FnMut(EvalResult<Value<'e>>) -> EvalResult<()>,
    ) -> EvalResult<()> {
        let options = ReadOptions {
            file: file.map(Into::into),
            ..ReadOptions::default()
        };
        let saved_source = self.source.source.replace(Some(Source::new(
            file.map(str::to_string),
            text.to_string(),
        )));
        let saved_positions = self.source.positions.replace(Positions::default());
        // One form at a time, as Clojure loads a file: each form is read
        // after the one before it ran, so the forms before a syntax error
        // have run when it is reported.
        let result = (|| {
            for form in evelisp_reader::Reader::new(text, &options) {
                let form = form.map_err(|e| {
                    EvalError::new(EvalErrorKind::Read(e.kind.to_string())).at(Some(Position {
                        file: file.map(str::to_string),
                        line: e.at.line,
                        column: e.at.column,
                    }))
                })?;
                each(self.eval_reader_form(form))?;
            }
            Ok(())
        })();
        *self.source.source.borrow_mut() = saved_source;
        *self.source.positions.borrow_mut() = saved_positions;
        result
    }

    /// `(read-string text)`: the first form of `text` as data (reader
    /// sugar resolved in the current namespace, as Clojure's reader does);
    /// an error when `text` holds no form ("EOF while reading"). Reader
    /// conditionals are refused, as Clojure's `read-string` refuses them
    /// without options (see [`Interp::read_string_with`]).
    pub fn read_string(&self, text: &str) -> EvalResult<Value<'e>> {
        self.read_string_with(text, &ReadStringOptions::default())
    }

    /// `(read-string opts text)`: as [`Interp::read_string`], with
    /// Clojure's reader options (`:eof`, `:read-cond`, `:features`).
    pub(crate) fn read_string_with(
        &self,
        text: &str,
        opts: &ReadStringOptions<'e>,
    ) -> EvalResult<Value<'e>> {
        let mut options = ReadOptions::default();
        options.features.extend(opts.features.iter().cloned());
        options.conditionals = match opts.read_cond {
            ReadCond::Allow => evelisp_reader::Conditionals::Allow,
            ReadCond::Refuse | ReadCond::Preserve => evelisp_reader::Conditionals::Preserve,
        };
        let Some(form) = evelisp_reader::Reader::new(text, &options).next() else {
            return match &opts.eof {
                Some(v) => Ok(v.clone()),
                // The reader's own exception, as Clojure's.
                None => Err(EvalError::new(EvalErrorKind::Runtime(
                    "EOF while reading".into(),
                ))),
            };
        };
        let form = form.map_err(|e| {
            EvalError::new(EvalErrorKind::Read(e.kind.to_string())).at(Some(Position {
                file: None,
                line: e.at.line,
                column: e.at.column,
            }))
        })?;
        if opts.read_cond == ReadCond::Refuse && has_conditional(&form) {
            return Err(EvalError::new(EvalErrorKind::Read(
                "Conditional read not allowed".into(),
            )));
        }
        let plain = desugar(form, &mut NsContext { interp: self })
            .map_err(|e| EvalError::new(EvalErrorKind::Desugar(e.to_string())))?;
        form_to_value_with(
            self.env,
            &plain,
            &mut Positions::default(),
            &mut InterpTags { interp: self },
        )
        .map_err(|e| match e.kind {
            ConvertErrorKind::TagReader(inner) => *inner,
            kind => EvalError::new(EvalErrorKind::Convert(kind.to_string())),
        })
    }

    /// Desugars, converts and evaluates one form the reader gave.
    pub fn eval_reader_form(&self, form: evelisp_reader::Form) -> EvalResult<Value<'e>> {
        let span = form.span;
        let plain = desugar(form, &mut NsContext { interp: self }).map_err(|e| {
            EvalError::new(EvalErrorKind::Desugar(e.to_string()))
                .at(self.source.position_of_span(e.span))
                .at(self.source.position_of_span(span))
        })?;
        self.note_name_meta(&plain);
        // Converted into a table of its own, which then becomes the
        // current one: a tag's reader function runs code (even loads a
        // library, which swaps the table) while the form converts.
        let mut positions = Positions::default();
        let mut tags = InterpTags { interp: self };
        let value =
            form_to_value_with(self.env, &plain, &mut positions, &mut tags).map_err(|e| {
                let at = self.source.position_of_span(e.span);
                match e.kind {
                    // As Clojure's reader reports a failing tag reader
                    // while loading: a reading error, the reader's message.
                    ConvertErrorKind::TagReader(inner) => match &inner.kind {
                        EvalErrorKind::Exit(_)
                        | EvalErrorKind::Interrupted
                        | EvalErrorKind::Heap(_)
                        | EvalErrorKind::Read(_) => inner.at(at),
                        kind => EvalError::new(EvalErrorKind::Read(kind.to_string())).at(at),
                    },
                    kind => EvalError::new(EvalErrorKind::Convert(kind.to_string())).at(at),
                }
                .at(self.source.position_of_span(span))
            })?;
        *self.source.positions.borrow_mut() = positions;
        self.eval(value.borrowed())
            .map_err(|e| e.at(self.source.position_of_span(span)))
    }
}

/// What `read-string` does with reader conditionals (`:read-cond`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum ReadCond {
    /// No `:read-cond`: a conditional is an error, as in Clojure.
    #[default]
    Refuse,
    /// `:allow`: the first branch of an enabled feature.
    Allow,
    /// `:preserve`: kept as a reader-conditional object.
    Preserve,
}

/// The options of `(read-string opts s)`.
#[derive(Default)]
pub(crate) struct ReadStringOptions<'e> {
    /// `:eof`: the value when the text holds no form.
    pub(crate) eof: Option<Value<'e>>,
    /// `:read-cond`.
    pub(crate) read_cond: ReadCond,
    /// `:features`: names of further enabled features.
    pub(crate) features: Vec<String>,
}

impl<'e> ReadStringOptions<'e> {
    /// The options a map gives (Clojure's errors for a bad `:read-cond`).
    pub(crate) fn from_map(i: &Interp<'e>, opts: Ref<'_>) -> EvalResult<ReadStringOptions<'e>> {
        let env = i.env();
        if !opts.is_nil() && !matches!(opts.view()?, View::Map { .. }) {
            return Err(crate::print::class_cast("java.util.Map", opts));
        }
        let get = |k: &str| -> EvalResult<Option<Value<'e>>> {
            if opts.is_nil() {
                return Ok(None);
            }
            let key = env.intern_keyword(None, k)?;
            match opts.get(key.borrowed())? {
                Some(v) => Ok(Some(env.own(v)?)),
                None => Ok(None),
            }
        };
        let eof_key = env.intern_keyword(None, "eof")?;
        let eof = if opts.is_nil() || !opts.contains(eof_key.borrowed())? {
            None
        } else {
            get("eof")?
        };
        let read_cond = match get("read-cond")? {
            None => ReadCond::Refuse,
            Some(v) if v.borrowed().is_nil() => ReadCond::Refuse,
            Some(v) => match v.borrowed().view()? {
                View::Keyword {
                    ns: None,
                    name: "allow",
                } => ReadCond::Allow,
                View::Keyword {
                    ns: None,
                    name: "preserve",
                } => ReadCond::Preserve,
                _ => {
                    return Err(EvalError::new(EvalErrorKind::Read(
                        "Conditional read not allowed".into(),
                    )));
                }
            },
        };
        let mut features = Vec::new();
        if let Some(set) = get("features")?
            && !set.borrowed().is_nil()
        {
            for k in set.borrowed().elements()? {
                if let View::Keyword { ns: None, name } = k?.view()? {
                    features.push(name.to_string());
                }
            }
        }
        Ok(ReadStringOptions {
            eof,
            read_cond,
            features,
        })
    }
}

/// The namespace context desugaring asks for (current namespace, aliases,
/// which namespace a symbol's var lives in, fresh ids).
struct NsContext<'a, 'e> {
    interp: &'a Interp<'e>,
}

impl Context for NsContext<'_, '_> {
    fn current_ns(&self) -> evelisp_reader::Name {
        self.interp
            .current_ns_name()
            .unwrap_or_else(|_| USER_NS.to_string())
            .into()
    }

    fn resolve_alias(&self, alias: &str) -> Option<evelisp_reader::Name> {
        let env = self.interp.env;
        let sym = env.intern_symbol(None, alias).ok()?;
        let ns = self.interp.alias_target(sym.borrowed()).ok()??;
        let name = env.namespace_name(ns.borrowed()).ok()?;
        Some(name.symbol_parts().ok()?.1.into())
    }

    fn var_namespace(&self, name: &str) -> Option<evelisp_reader::Name> {
        let env = self.interp.env;
        let sym = env.intern_symbol(None, name).ok()?;
        let var = self.interp.resolve_unqualified(sym.borrowed()).ok()??;
        let (ns, _) = env.var_name(var.borrowed()).ok()?;
        Some(ns.symbol_parts().ok()?.1.into())
    }

    fn next_id(&mut self) -> u64 {
        self.interp.next_id()
    }
}

/// Whether `form` holds a reader conditional (read with them preserved).
fn has_conditional(form: &evelisp_reader::Form) -> bool {
    use evelisp_reader::FormKind as F;
    match &form.kind {
        F::ReaderConditional { .. } => true,
        F::List(xs) | F::Vector(xs) | F::Map(xs) | F::Set(xs) | F::AnonFn(xs) => {
            xs.iter().any(has_conditional)
        }
        F::NamespacedMap { map: x, .. }
        | F::Quote(x)
        | F::SyntaxQuote(x)
        | F::Unquote(x)
        | F::UnquoteSplicing(x)
        | F::Deref(x)
        | F::Var(x)
        | F::Tagged { form: x, .. } => has_conditional(x),
        F::Meta { meta, target } => has_conditional(meta) || has_conditional(target),
        _ => false,
    }
}
