//! The reader behind `clojure.edn` (`src/clj/clojure/edn.clj`):
//! `evelisp.edn/read-string` reads the first form of a string as EDN data
//! and never evaluates anything.
//!
//! The text goes through evelisp's own reader (reader conditionals kept,
//! not resolved); the form tree is then converted here rather than by the
//! evaluator, because EDN is a subset of Clojure's syntax: the sugar only
//! code has (`'x`, `` ` ``, `~`, `@x`, `#'x`, `#()`, `#"re"`, `#?`, `::k`,
//! `#::{}`) is refused with Clojure's EdnReader messages, metadata is
//! dropped (as everywhere in evelisp), `#:ns{}` maps get their namespace,
//! and a tagged literal `#tag form` calls the function the `:readers` map
//! gives for `tag`, else the built-in reader of `#inst` (a
//! `java.util.Date`) or `#uuid` (a `java.util.UUID`), else the `:default`
//! function with tag and value, else fails — Clojure's `EdnReader` order.

use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult, Position};
use crate::form_to_value::{Positions, form_to_value};
use crate::native_registry::Args;
use crate::native_registry::args;
use crate::natives::io::read_form;
use crate::natives::regex::patterns::{cast, string_arg};
use evelisp_heap::{Ref, Value, View};
use evelisp_reader::{
    Conditionals, Form, FormKind, Keyword, LineCol, LineIndex, MapNamespace, Name, ReadOptions,
    Reader, Span, Symbol,
};

natives! {
    /// The first form of the string s read as EDN data (the work of
    /// clojure.edn/read-string). opts is a map or nil: :eof (the value when s
    /// holds no form), :readers (tag symbol to fn) and :default (fn of tag and
    /// value) for tagged literals.
    #[arglists = "([opts s])"]
    "evelisp.edn/read-string" => read_string;
    /// The next form of the java.io.PushbackReader rdr read as EDN data, the
    /// rest left unread (the work of clojure.edn/read); opts as for
    /// evelisp.edn/read-string.
    #[arglists = "([opts rdr])"]
    "evelisp.edn/read" => read_reader;
}

/// `(evelisp.edn/read-string opts s)`: the first form of the string `s`
/// as EDN data. `opts` is a map (or nil) with `:eof` (returned when `s`
/// holds no form; without it that is an error), `:readers` (tag symbol →
/// function of the tagged value) and `:default` (function of tag and
/// value, for tags `:readers` lacks).
fn read_string<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [opts, s] = &args[..] else {
        return Err(arity("clojure.edn/read-string", args.len()));
    };
    let text = string_arg(s.borrowed(), "clojure.edn/read-string")?;
    let opts = opts.borrowed();
    if !matches!(opts.view()?, View::Nil | View::Map { .. }) {
        return Err(cast("a map of options", opts, "clojure.edn/read-string"));
    }
    read_text(i, opts, text, ErrorClass::Runtime)
}

/// `(evelisp.edn/read opts rdr)`: the next form of the reader `rdr` (a
/// `java.io.PushbackReader`) as EDN data, the rest left unread; `opts` as
/// for `read-string`. Errors are `RuntimeException`s, or, reading a
/// `LineNumberingPushbackReader` (`*in*`), `EdnReader$ReaderException`s,
/// as Clojure's.
fn read_reader<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [opts, rdr] = &args[..] else {
        return Err(arity("clojure.edn/read", args.len()));
    };
    let line_numbering = read_form::pushback_reader(rdr.borrowed())?;
    let opts = opts.borrowed();
    if !matches!(opts.view()?, View::Nil | View::Map { .. }) {
        return Err(EvalError::new(EvalErrorKind::ClassCast(format!(
            "class {} cannot be cast to class clojure.lang.IPersistentMap",
            i.pr_str(opts)?
        ))));
    }
    let class = if line_numbering {
        ErrorClass::EdnReader
    } else {
        ErrorClass::Runtime
    };
    let text = read_form::next_form_text(rdr.borrowed())?.unwrap_or_default();
    read_text(i, opts, &text, class)
}

/// The class of the reading errors of one read.
#[derive(Clone, Copy)]
enum ErrorClass {
    /// `java.lang.RuntimeException` (a string, or a plain reader).
    Runtime,
    /// `clojure.lang.EdnReader$ReaderException` (a line-numbering reader).
    EdnReader,
}

/// The first form of `text` as EDN data (`opts` as for `read-string`).
fn read_text<'e>(
    i: &Interp<'e>,
    opts: Ref<'_>,
    text: &str,
    class: ErrorClass,
) -> EvalResult<Value<'e>> {
    let options = ReadOptions {
        conditionals: Conditionals::Preserve,
        ..ReadOptions::default()
    };
    let Some(form) = Reader::new(text, &options).next() else {
        let eof = i.env().intern_keyword(None, "eof")?;
        return match option(opts, eof.borrowed())? {
            Some(v) => Ok(i.env().own(v)?),
            None => Err(read_error("EOF while reading".into(), None, class)),
        };
    };
    let form = form.map_err(|e| read_error(e.kind.to_string(), Some(e.at), class))?;
    let readers = i.env().intern_keyword(None, "readers")?;
    let default = i.env().intern_keyword(None, "default")?;
    let edn = Edn {
        interp: i,
        readers: option(opts, readers.borrowed())?,
        default: option(opts, default.borrowed())?,
        text,
        class,
    };
    edn.value(&form)
}

/// The value of option `key` in `opts` (a map or nil), if given.
fn option<'a>(opts: Ref<'a>, key: Ref<'_>) -> EvalResult<Option<Ref<'a>>> {
    if opts.is_nil() {
        return Ok(None);
    }
    Ok(opts.get(key)?)
}

/// A reading error (a `RuntimeException`, or an
/// `EdnReader$ReaderException`, as Clojure's), at a line and column of the
/// text when known.
fn read_error(message: String, at: Option<LineCol>, class: ErrorClass) -> EvalError {
    let class = match class {
        ErrorClass::Runtime => "RuntimeException",
        ErrorClass::EdnReader => "EdnReader$ReaderException",
    };
    EvalError::new(EvalErrorKind::Rethrown { class, message }).at(at.map(position))
}

/// `at` as an error position (no file: the text is a string).
fn position(at: LineCol) -> Position {
    Position {
        file: None,
        line: at.line,
        column: at.column,
    }
}

/// One conversion of a form tree: the interpreter (to call tag readers),
/// the `:readers` and `:default` options, and the text (for error
/// positions).
struct Edn<'a, 'e> {
    interp: &'a Interp<'e>,
    readers: Option<Ref<'a>>,
    default: Option<Ref<'a>>,
    text: &'a str,
    class: ErrorClass,
}

impl<'e> Edn<'_, 'e> {
    /// An error about the form at `span`.
    fn error(&self, message: String, span: Span) -> EvalError {
        read_error(message, Some(self.line_col(span)), self.class)
    }

    /// Where `span` starts in the text.
    fn line_col(&self, span: Span) -> LineCol {
        LineIndex::new(self.text).line_col(span.start)
    }

    /// The value of `form`, read as EDN (deep trees grow the stack on the
    /// heap instead of overflowing it).
    fn value(&self, form: &Form) -> EvalResult<Value<'e>> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.convert(form))
    }

    /// One step of [`Edn::value`]: collections built here (their
    /// elements may be tagged literals), sugar refused, scalars converted
    /// as the evaluator converts constants.
    fn convert(&self, form: &Form) -> EvalResult<Value<'e>> {
        let env = self.interp.env();
        let refused = |what: &str| Err(self.error(what.to_string(), form.span));
        match &form.kind {
            FormKind::List(items) => {
                let values = self.values(items)?;
                let refs: Vec<Ref<'_>> = values.iter().map(Value::borrowed).collect();
                Ok(env.make_list(&refs)?)
            }
            FormKind::Vector(items) => {
                let values = self.values(items)?;
                let refs: Vec<Ref<'_>> = values.iter().map(Value::borrowed).collect();
                Ok(env.make_vector(&refs)?)
            }
            FormKind::Map(items) => self.map(items, None),
            FormKind::NamespacedMap {
                ns: MapNamespace::Explicit(ns),
                map,
            } => match &map.kind {
                FormKind::Map(items) => self.map(items, Some(ns)),
                _ => refused("Namespaced map must specify a map"),
            },
            FormKind::NamespacedMap { .. } => {
                refused("Invalid token: #:: (auto-resolved namespaced maps are not EDN)")
            }
            FormKind::Set(items) => {
                let mut set = env.empty_set()?;
                for (n, item) in items.iter().enumerate() {
                    let x = self.value(item)?;
                    set = env.conj(set.borrowed(), x.borrowed())?;
                    self.check_distinct(set.borrowed(), n, x.borrowed(), item.span)?;
                }
                Ok(set)
            }
            // evelisp keeps no metadata on values.
            FormKind::Meta { target, .. } => self.value(target),
            FormKind::Tagged { tag, form: inner } => {
                let value = self.value(inner)?;
                self.tagged(tag, value, form.span)
            }
            FormKind::Keyword(k) if k.auto => match &k.ns {
                Some(ns) => refused(&format!("Invalid token: ::{ns}/{}", k.name)),
                None => refused(&format!("Invalid token: ::{}", k.name)),
            },
            FormKind::Quote(_) => refused("Invalid leading character: ' (quote is not EDN)"),
            FormKind::SyntaxQuote(_) => refused("Invalid leading character: `"),
            FormKind::Unquote(_) | FormKind::UnquoteSplicing(_) => {
                refused("Invalid leading character: ~")
            }
            FormKind::Deref(_) => refused("Invalid leading character: @"),
            FormKind::Var(_) => refused("No dispatch macro for: '"),
            FormKind::AnonFn(_) => refused("No dispatch macro for: ("),
            FormKind::Regex(_) => refused("No dispatch macro for: \""),
            FormKind::ReaderConditional { .. } => refused("No dispatch macro for: ?"),
            // Scalars: the evaluator's own conversion (numbers, characters,
            // strings, symbols, keywords).
            _ => form_to_value(env, form, &mut Positions::default())
                .map_err(|e| self.error(e.to_string(), e.span)),
        }
    }

    /// The values of `items`, in order.
    fn values(&self, items: &[Form]) -> EvalResult<Vec<Value<'e>>> {
        items.iter().map(|f| self.value(f)).collect()
    }

    /// A map of the alternating keys and values `items`; in a `#:ns{}`
    /// map, keys without a namespace take `ns` and `:_/k` loses its own.
    fn map(&self, items: &[Form], ns: Option<&Name>) -> EvalResult<Value<'e>> {
        let env = self.interp.env();
        let mut map = env.empty_map()?;
        for (n, pair) in items.chunks(2).enumerate() {
            let [k, v] = pair else {
                return Err(self.error(
                    "Map literal must contain an even number of forms".into(),
                    pair[0].span,
                ));
            };
            let key = match ns {
                Some(ns) => self.value(&qualified(k, ns))?,
                None => self.value(k)?,
            };
            let val = self.value(v)?;
            map = env.assoc(map.borrowed(), key.borrowed(), val.borrowed())?;
            self.check_distinct(map.borrowed(), n, key.borrowed(), k.span)?;
        }
        Ok(map)
    }

    /// Fails when adding the `n`th key (0-based) did not grow `coll`: the
    /// key equals an earlier one (`1` and `1N`, or two tagged literals
    /// whose readers gave equal values).
    fn check_distinct(&self, coll: Ref<'_>, n: usize, key: Ref<'_>, span: Span) -> EvalResult<()> {
        if coll.count()? == n as u64 + 1 {
            return Ok(());
        }
        let shown = crate::print::pr_str(key)?;
        Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "Duplicate key: {shown}"
        )))
        .at(Some(position(self.line_col(span)))))
    }

    /// The value of the tagged literal `#tag value`.
    fn tagged(&self, tag: &Symbol, value: Value<'e>, span: Span) -> EvalResult<Value<'e>> {
        let env = self.interp.env();
        let tag_symbol = env.intern_symbol(tag.ns.as_deref(), &tag.name)?;
        let reader = match self.readers {
            Some(readers) if !readers.is_nil() => {
                if !matches!(readers.view()?, View::Map { .. }) {
                    return Err(cast(
                        "a map of tag readers",
                        readers,
                        "clojure.edn :readers",
                    ));
                }
                readers.get(tag_symbol.borrowed())?
            }
            _ => None,
        };
        if let Some(f) = reader {
            return self.interp.apply(f, args![value]);
        }
        // Clojure's EdnReader: the built-in #inst and #uuid come before
        // :default.
        if let Some(result) = crate::builtin_readers::builtin_tag(tag, &value) {
            return result.map_err(|e| e.at(Some(position(self.line_col(span)))));
        }
        match self.default {
            Some(f) if !f.is_nil() => self.interp.apply(f, args![tag_symbol, value]),
            _ => Err(self.error(format!("No reader function for tag {tag}"), span)),
        }
    }
}

/// `key` of a `#:ns{}` map as it stands for: a keyword or symbol without
/// a namespace takes `ns`, one written `_/k` has none; other keys as they
/// are.
fn qualified(key: &Form, ns: &Name) -> Form {
    let with_ns = |own: &Option<Name>| match own.as_deref() {
        None => Some(ns.clone()),
        Some("_") => None,
        Some(_) => own.clone(),
    };
    let kind = match &key.kind {
        FormKind::Keyword(k) if !k.auto => FormKind::Keyword(Keyword {
            ns: with_ns(&k.ns),
            name: k.name.clone(),
            auto: false,
        }),
        FormKind::Symbol(s) => FormKind::Symbol(Symbol {
            ns: with_ns(&s.ns),
            name: s.name.clone(),
        }),
        other => other.clone(),
    };
    Form {
        kind,
        span: key.span,
    }
}
