//! Conversion of desugared reader [`Form`]s into heap [`Value`]s (what
//! `quote` and the evaluator's constants need), recording in
//! [`Positions`] (`source_context.rs`) where in the source each list or
//! vector came from.
//!
//! The input is a form after [`crate::desugar()`]: nil, booleans, numbers,
//! characters, strings, symbols, keywords, lists, vectors, maps, sets (and
//! metadata nodes). Each becomes the heap value Clojure's reader would have
//! produced:
//!
//! | form | value |
//! |---|---|
//! | `42` | an integer (immediate when it fits in 63 bits, else boxed) |
//! | `42N`, integers beyond 64 bits | a bigint |
//! | `1.5`, `##Inf` | a float |
//! | `1/3` | a ratio of two integers (the reader gives it in lowest terms) |
//! | `\a`, `"s"` | a character, a string |
//! | `a/b`, `:a/b` | an interned symbol, keyword |
//! | `(…)`, `[…]` | a list (`()` is the empty-list immediate), a vector |
//! | `{…}`, `#{…}` | a map (a small array map keeps source order), a set |
//!
//! **Metadata** (`^{:tag T} x`, after desugaring one map) is kept on the
//! values that can carry it, as Clojure's reader does: symbols, lists
//! (also `()`), vectors, maps and sets get the converted map (the heap's
//! metadata wrapper; the wrapper word gets the target's position). The
//! expander evaluates it on collection literals and strips it from
//! symbols in code; `def` still reads the metadata of names from the
//! [`Form`] (`var_meta.rs`).
//!
//! Regexes `#"…"` become pattern objects (their source). A tagged
//! literal `#tag x` is the value a [`TagReader`] gives for `tag` and the
//! converted `x`: [`form_to_value`] knows the built-in `#inst` and
//! `#uuid` only; the evaluator passes its own, which follows Clojure's
//! `*data-readers*`, `default-data-readers`, `*default-data-reader-fn*`
//! (`data_readers.rs`). A reader conditional (kept only by `read-string`
//! with `{:read-cond :preserve}`) becomes a reader-conditional object
//! whose tagged literals stay tagged-literal objects. What the heap cannot
//! represent yet (decimals `1.5M`) is a [`ConvertError`] carrying the
//! form's span, as is leftover sugar (a form that was not desugared).

use evelisp_heap::{Env, HeapError, Ref, Value, Word};
use evelisp_reader::{Form, FormKind, Span, Symbol};
use num_bigint::{BigInt, Sign};

/// Gives the value of a tagged literal `#tag value` (`value` already
/// converted), or the error that reading it is.
pub trait TagReader<'e> {
    /// The value `#tag value` stands for.
    fn read_tagged(
        &mut self,
        tag: &Symbol,
        value: Value<'e>,
        span: Span,
    ) -> Result<Value<'e>, ConvertError>;
}

/// The tag readers every conversion knows: `#inst` and `#uuid` (Clojure's
/// `default-data-readers`); any other tag is an error.
pub struct BuiltinTags;

impl<'e> TagReader<'e> for BuiltinTags {
    fn read_tagged(
        &mut self,
        tag: &Symbol,
        value: Value<'e>,
        span: Span,
    ) -> Result<Value<'e>, ConvertError> {
        match crate::builtin_readers::builtin_tag(tag, &value) {
            Some(result) => result
                .map_err(|e| ConvertError::new(ConvertErrorKind::TagReader(Box::new(e)), span)),
            None => Err(ConvertError::new(
                ConvertErrorKind::TaggedLiteral {
                    tag: tag.to_string(),
                },
                span,
            )),
        }
    }
}

/// Tagged literals inside a preserved reader conditional: kept as
/// tagged-literal objects, as Clojure's reader does.
struct PreservedTags;

impl<'e> TagReader<'e> for PreservedTags {
    fn read_tagged(
        &mut self,
        tag: &Symbol,
        value: Value<'e>,
        span: Span,
    ) -> Result<Value<'e>, ConvertError> {
        let env = value.env();
        let heap = |e: HeapError| ConvertError::new(e, span);
        let sym = env
            .intern_symbol(tag.ns.as_deref(), &tag.name)
            .map_err(heap)?;
        env.make_tagged_literal(sym.borrowed(), value.borrowed())
            .map_err(heap)
    }
}

/// Why a form cannot be converted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConvertErrorKind {
    /// A literal the heap has no representation for yet (`"regex"`,
    /// `"decimal (BigDecimal)"`, ...).
    #[error("{0} literals are not supported yet")]
    Unsupported(&'static str),
    /// A decimal whose scale is beyond Java's 32 bits (`1E-3000000000M`).
    #[error("decimal {0}M is out of range: its scale must fit in 32 bits")]
    DecimalScale(String),
    /// A tagged literal no reader function is known for
    /// (`#my/tag x` outside `*data-readers*`).
    #[error("No reader function for tag {tag}")]
    TaggedLiteral {
        /// The tag as written (`inst`, `uuid`, `my/tag`).
        tag: String,
    },
    /// A tag's reader function failed (a malformed `#inst` or `#uuid`, or
    /// a data reader that threw): the error as the evaluator reports it.
    #[error("{0}")]
    TagReader(Box<crate::error::EvalError>),
    /// Reader sugar left in the tree (`'x`, `#()`, `::k`, ...): forms must
    /// go through [`crate::desugar()`] first.
    #[error("{0} must be desugared before conversion")]
    NotDesugared(&'static str),
    /// Two keys of a map (elements of a set) that are different forms but
    /// equal values, such as `1` and `1N`.
    #[error("duplicate key {0}")]
    DuplicateKey(String),
    /// The heap failed (file full, I/O error, corrupt object).
    #[error("heap error: {0}")]
    Heap(#[from] HeapError),
}

/// A conversion error and the span of the form it is about.
#[derive(Debug, thiserror::Error)]
#[error("{kind}")]
pub struct ConvertError {
    /// What went wrong.
    pub kind: ConvertErrorKind,
    /// The form it is about.
    pub span: Span,
}

impl ConvertError {
    fn new(kind: impl Into<ConvertErrorKind>, span: Span) -> ConvertError {
        ConvertError {
            kind: kind.into(),
            span,
        }
    }
}

pub use crate::source_context::Positions;

/// Converts a desugared `form` into a heap value in `env`, recording the
/// span of every list and vector in `positions`. Metadata is kept (see
/// the module docs). Deeply nested forms are fine: the stack grows on the
/// heap as needed.
pub fn form_to_value<'e>(
    env: &'e Env,
    form: &Form,
    positions: &mut Positions,
) -> Result<Value<'e>, ConvertError> {
    form_to_value_with(env, form, positions, &mut BuiltinTags)
}

/// [`form_to_value`] with `tags` giving the value of each tagged literal
/// (the evaluator's: `*data-readers*` and the rest of Clojure's order).
pub fn form_to_value_with<'e>(
    env: &'e Env,
    form: &Form,
    positions: &mut Positions,
    tags: &mut dyn TagReader<'e>,
) -> Result<Value<'e>, ConvertError> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
        convert(env, form, positions, tags)
    })
}

fn convert<'e>(
    env: &'e Env,
    form: &Form,
    positions: &mut Positions,
    tags: &mut dyn TagReader<'e>,
) -> Result<Value<'e>, ConvertError> {
    let span = form.span;
    let heap = |e: HeapError| ConvertError::new(e, span);
    Ok(match &form.kind {
        FormKind::Nil => Value::nil(env),
        FormKind::Bool(b) => env.make_bool(*b),
        FormKind::Int(i) => env.make_int(*i).map_err(heap)?,
        FormKind::BigInt(i) => make_bigint(env, i).map_err(heap)?,
        FormKind::Float(f) => env.make_float(*f).map_err(heap)?,
        FormKind::Ratio(r) => {
            let n = make_integer(env, r.numer()).map_err(heap)?;
            let d = make_integer(env, r.denom()).map_err(heap)?;
            env.make_ratio(n.borrowed(), d.borrowed()).map_err(heap)?
        }
        FormKind::Char(c) => env.make_char(*c),
        FormKind::Str(s) => env.make_string(s).map_err(heap)?,
        FormKind::Symbol(s) => env.intern_symbol(s.ns.as_deref(), &s.name).map_err(heap)?,
        FormKind::Keyword(k) if k.auto => {
            return Err(ConvertError::new(
                ConvertErrorKind::NotDesugared("auto-resolved keyword"),
                span,
            ));
        }
        FormKind::Keyword(k) => env.intern_keyword(k.ns.as_deref(), &k.name).map_err(heap)?,
        FormKind::List(items) => {
            let children = convert_all(env, items, positions, tags)?;
            let v = env.make_list(&borrow_all(&children)).map_err(heap)?;
            positions.insert(v.word(), span);
            v
        }
        FormKind::Vector(items) => {
            let children = convert_all(env, items, positions, tags)?;
            let v = env.make_vector(&borrow_all(&children)).map_err(heap)?;
            positions.insert(v.word(), span);
            v
        }
        FormKind::Map(items) => {
            let mut map = env.empty_map().map_err(heap)?;
            for (n, kv) in items.chunks(2).enumerate() {
                let [k, v] = kv else {
                    return Err(ConvertError::new(
                        ConvertErrorKind::NotDesugared("map with an odd number of forms"),
                        span,
                    ));
                };
                let key = form_to_value_with(env, k, positions, tags)?;
                let val = form_to_value_with(env, v, positions, tags)?;
                map = env
                    .assoc(map.borrowed(), key.borrowed(), val.borrowed())
                    .map_err(heap)?;
                check_distinct(map.borrowed(), n, k)?;
            }
            map
        }
        FormKind::Set(items) => {
            let mut set = env.empty_set().map_err(heap)?;
            for (n, item) in items.iter().enumerate() {
                let x = form_to_value_with(env, item, positions, tags)?;
                set = env.conj(set.borrowed(), x.borrowed()).map_err(heap)?;
                check_distinct(set.borrowed(), n, item)?;
            }
            set
        }
        FormKind::Meta { meta, target } => {
            let value = form_to_value_with(env, target, positions, tags)?;
            let meta = form_to_value_with(env, meta, positions, tags)?;
            let carries = value.word() == Word::EMPTY_LIST
                || matches!(
                    value.borrowed().kind().map_err(heap)?,
                    Some(
                        evelisp_heap::Kind::Symbol
                            | evelisp_heap::Kind::Cons
                            | evelisp_heap::Kind::Vector
                            | evelisp_heap::Kind::Map
                            | evelisp_heap::Kind::ArrayMap
                            | evelisp_heap::Kind::Set
                    )
                );
            if !carries {
                // The reader refuses other targets; a desugared form that
                // became something else keeps none.
                return Ok(value);
            }
            let with = env
                .with_meta(value.borrowed(), meta.borrowed())
                .map_err(heap)?;
            positions.insert(with.word(), span);
            with
        }
        FormKind::BigDecimal(d) => {
            let scale = i32::try_from(d.scale).map_err(|_| {
                ConvertError::new(
                    ConvertErrorKind::DecimalScale(evelisp_reader::format_bigdecimal(d)),
                    span,
                )
            })?;
            let (sign, magnitude) = d.unscaled.to_bytes_le();
            env.make_bigdecimal(sign == Sign::Minus, &magnitude, scale)
                .map_err(heap)?
        }
        // A pattern object holding the source; each process compiles it.
        FormKind::Regex(source) => env.make_pattern(source).map_err(heap)?,
        FormKind::Tagged { tag, form: inner } => {
            let value = form_to_value_with(env, inner, positions, tags)?;
            tags.read_tagged(tag, value, span)?
        }
        // Kept only when reading with `:read-cond :preserve`: its forms
        // are data, and tagged literals inside stay tagged literals.
        FormKind::ReaderConditional { splicing, forms } => {
            let children = convert_all(env, forms, positions, &mut PreservedTags)?;
            let list = env.make_list(&borrow_all(&children)).map_err(heap)?;
            env.make_reader_conditional(list.borrowed(), *splicing)
                .map_err(heap)?
        }
        FormKind::NamespacedMap { .. }
        | FormKind::Quote(_)
        | FormKind::SyntaxQuote(_)
        | FormKind::Unquote(_)
        | FormKind::UnquoteSplicing(_)
        | FormKind::Deref(_)
        | FormKind::Var(_)
        | FormKind::AnonFn(_) => {
            return Err(ConvertError::new(
                ConvertErrorKind::NotDesugared(form.kind_name()),
                span,
            ));
        }
    })
}

fn convert_all<'e>(
    env: &'e Env,
    items: &[Form],
    positions: &mut Positions,
    tags: &mut dyn TagReader<'e>,
) -> Result<Vec<Value<'e>>, ConvertError> {
    items
        .iter()
        .map(|f| form_to_value_with(env, f, positions, tags))
        .collect()
}

fn borrow_all<'a>(values: &'a [Value<'_>]) -> Vec<Ref<'a>> {
    values.iter().map(Value::borrowed).collect()
}

/// Fails if adding the `n`th key (0-based) of a map or set did not grow
/// it: the key equals an earlier one as a value (`1` and `1N`).
fn check_distinct(coll: Ref<'_>, n: usize, key: &Form) -> Result<(), ConvertError> {
    let count = coll.count().map_err(|e| ConvertError::new(e, key.span))?;
    if count != n as u64 + 1 {
        return Err(ConvertError::new(
            ConvertErrorKind::DuplicateKey(key.to_string()),
            key.span,
        ));
    }
    Ok(())
}

/// A bigint value, whatever its size (`1N` stays a bigint, as in Clojure).
fn make_bigint<'e>(env: &'e Env, i: &BigInt) -> Result<Value<'e>, HeapError> {
    let (sign, magnitude) = i.to_bytes_le();
    env.make_bigint(sign == Sign::Minus, &magnitude)
}

/// An integer value: a long when it fits in 64 bits, else a bigint (the
/// parts of a ratio).
fn make_integer<'e>(env: &'e Env, i: &BigInt) -> Result<Value<'e>, HeapError> {
    match i64::try_from(i) {
        Ok(small) => env.make_int(small),
        Err(_) => make_bigint(env, i),
    }
}
