//! The [`Form`] tree the reader produces: every node is a [`FormKind`] with
//! the [`Span`] of source text it was read from.
//!
//! The tree keeps what was written: `'x` is [`FormKind::Quote`], not
//! `(quote x)`; `::a` keeps its auto-resolve flag; `^:m x` is a
//! [`FormKind::Meta`] node; `#(...)` and `` `x `` stay sugar. Desugaring and
//! resolution belong to the evaluator.

use crate::span::Span;
use num_bigint::BigInt;
use num_rational::BigRational;

/// The text of a symbol or keyword part: a string stored inline when short
/// (up to 24 bytes), so reading a symbol rarely allocates.
pub type Name = compact_str::CompactString;

/// A symbol as written: an optional namespace and a name (`clojure.core//`
/// has namespace `clojure.core` and name `/`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Symbol {
    /// The part before the `/`, if any.
    pub ns: Option<Name>,
    /// The name.
    pub name: Name,
}

impl Symbol {
    /// A symbol without a namespace.
    pub fn simple(name: impl Into<Name>) -> Symbol {
        Symbol {
            ns: None,
            name: name.into(),
        }
    }
}

/// A keyword as written: `:a`, `:ns/a`, or auto-resolved `::a`, `::alias/a`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Keyword {
    /// The namespace (for `::alias/a`, the alias as written).
    pub ns: Option<Name>,
    /// The name.
    pub name: Name,
    /// Written with `::`: resolved against the current namespace later.
    pub auto: bool,
}

/// An arbitrary-precision decimal (`1.5M`): `unscaled × 10^-scale`, as in
/// Java's `BigDecimal` (so `1.50M` and `1.5M` are different forms).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BigDecimal {
    /// The digits as an integer.
    pub unscaled: BigInt,
    /// How many of those digits are after the decimal point (may be negative).
    pub scale: i64,
}

/// The prefix of a namespaced map literal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MapNamespace {
    /// `#:ns{...}`: keys take namespace `ns`.
    Explicit(Name),
    /// `#::{...}`: keys take the current namespace.
    Current,
    /// `#::alias{...}`: keys take the namespace that `alias` names.
    Alias(Name),
}

/// One form read from source, with its location.
///
/// Equality (`==`) compares structure only and ignores spans; floats compare
/// by bit pattern, so `##NaN` equals itself and `0.0` differs from `-0.0`.
#[derive(Debug, Clone)]
pub struct Form {
    /// What was read.
    pub kind: FormKind,
    /// Where in the source it was read from.
    pub span: Span,
}

/// The kinds of form.
#[derive(Debug, Clone)]
pub enum FormKind {
    /// `nil`
    Nil,
    /// `true` or `false`
    Bool(bool),
    /// An integer that fits in 64 bits (`42`, `0xFF`, `2r1010`, `017`).
    Int(i64),
    /// An integer written with `N` or too large for 64 bits.
    BigInt(BigInt),
    /// A double (`1.5`, `1e3`, `##Inf`, `##NaN`).
    Float(f64),
    /// A decimal written with `M`.
    BigDecimal(BigDecimal),
    /// A ratio in lowest terms with a denominator above 1 (`1/3`).
    Ratio(BigRational),
    /// A character literal (`\a`, `\newline`, `\u00e9`).
    Char(char),
    /// A string literal, escapes decoded.
    Str(String),
    /// A regex literal `#"..."`, kept as written between the quotes.
    Regex(String),
    /// A symbol.
    Symbol(Symbol),
    /// A keyword.
    Keyword(Keyword),
    /// `( ... )`
    List(Vec<Form>),
    /// `[ ... ]`
    Vector(Vec<Form>),
    /// `{ ... }`: keys and values alternate; the length is even and keys are
    /// distinct (checked by the reader). Only when reading with
    /// [`crate::Conditionals::Preserve`] may a map hold a splicing
    /// conditional `#?@`, which stands for any number of forms; such a map is
    /// checked when the conditional is resolved, not before.
    Map(Vec<Form>),
    /// `#{ ... }`: elements are distinct (checked by the reader).
    Set(Vec<Form>),
    /// `#:ns{...}`, `#::{...}` or `#::alias{...}`; `map` is a [`FormKind::Map`].
    NamespacedMap {
        /// The namespace prefix as written.
        ns: MapNamespace,
        /// The map literal that follows the prefix.
        map: Box<Form>,
    },
    /// `'form`
    Quote(Box<Form>),
    /// `` `form ``
    SyntaxQuote(Box<Form>),
    /// `~form`
    Unquote(Box<Form>),
    /// `~@form`
    UnquoteSplicing(Box<Form>),
    /// `@form`
    Deref(Box<Form>),
    /// `#'sym`
    Var(Box<Form>),
    /// `^meta target`: `meta` is a map, keyword, symbol or string.
    Meta {
        /// The metadata as written (`^:kw` keeps the keyword).
        meta: Box<Form>,
        /// The form the metadata applies to.
        target: Box<Form>,
    },
    /// `#( ... )`: the body of an anonymous function; `%`, `%1`, `%&` stay
    /// symbols.
    AnonFn(Vec<Form>),
    /// `#tag form`, including `#inst` and `#uuid`.
    Tagged {
        /// The tag symbol.
        tag: Symbol,
        /// The tagged form.
        form: Box<Form>,
    },
    /// `#?( ... )` or `#?@( ... )`, kept only when reading with
    /// [`crate::Conditionals::Preserve`].
    ReaderConditional {
        /// Written as `#?@`.
        splicing: bool,
        /// Alternating feature keywords and forms.
        forms: Vec<Form>,
    },
}

impl Form {
    /// A form of `kind` read from `span`.
    pub fn new(kind: FormKind, span: Span) -> Form {
        Form { kind, span }
    }

    /// The key/value pairs of a [`FormKind::Map`] (empty for other kinds).
    pub fn map_entries(&self) -> impl Iterator<Item = (&Form, &Form)> {
        let items: &[Form] = match &self.kind {
            FormKind::Map(items) => items,
            _ => &[],
        };
        items.chunks_exact(2).map(|kv| (&kv[0], &kv[1]))
    }

    /// The forms directly inside this one, in source order: a collection's
    /// elements, a prefix form's target (`^m x` gives `m` then `x`), a
    /// conditional's features and branches, a namespaced map's map.
    pub fn children(&self) -> impl Iterator<Item = &Form> {
        let (items, one, two): (&[Form], Option<&Form>, Option<&Form>) = match &self.kind {
            FormKind::List(v)
            | FormKind::Vector(v)
            | FormKind::Map(v)
            | FormKind::Set(v)
            | FormKind::AnonFn(v)
            | FormKind::ReaderConditional { forms: v, .. } => (v, None, None),
            FormKind::Quote(x)
            | FormKind::SyntaxQuote(x)
            | FormKind::Unquote(x)
            | FormKind::UnquoteSplicing(x)
            | FormKind::Deref(x)
            | FormKind::Var(x)
            | FormKind::Tagged { form: x, .. }
            | FormKind::NamespacedMap { map: x, .. } => (&[], Some(x), None),
            FormKind::Meta { meta, target } => (&[], Some(meta), Some(target)),
            _ => (&[], None, None),
        };
        items.iter().chain(one).chain(two)
    }

    /// A short name of this form's kind, for error messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            FormKind::Nil => "nil",
            FormKind::Bool(_) => "boolean",
            FormKind::Int(_) | FormKind::BigInt(_) => "integer",
            FormKind::Float(_) => "double",
            FormKind::BigDecimal(_) => "decimal",
            FormKind::Ratio(_) => "ratio",
            FormKind::Char(_) => "character",
            FormKind::Str(_) => "string",
            FormKind::Regex(_) => "regex",
            FormKind::Symbol(_) => "symbol",
            FormKind::Keyword(_) => "keyword",
            FormKind::List(_) => "list",
            FormKind::Vector(_) => "vector",
            FormKind::Map(_) | FormKind::NamespacedMap { .. } => "map",
            FormKind::Set(_) => "set",
            FormKind::Quote(_) => "quoted form",
            FormKind::SyntaxQuote(_) => "syntax-quoted form",
            FormKind::Unquote(_) => "unquote",
            FormKind::UnquoteSplicing(_) => "unquote-splicing",
            FormKind::Deref(_) => "deref",
            FormKind::Var(_) => "var quote",
            FormKind::Meta { .. } => "form with metadata",
            FormKind::AnonFn(_) => "#() function",
            FormKind::Tagged { .. } => "tagged literal",
            FormKind::ReaderConditional { .. } => "reader conditional",
        }
    }
}

impl PartialEq for Form {
    fn eq(&self, other: &Form) -> bool {
        self.kind == other.kind
    }
}

impl PartialEq for FormKind {
    fn eq(&self, other: &FormKind) -> bool {
        use FormKind::*;
        match (self, other) {
            (Nil, Nil) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (BigInt(a), BigInt(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (BigDecimal(a), BigDecimal(b)) => a == b,
            (Ratio(a), Ratio(b)) => a == b,
            (Char(a), Char(b)) => a == b,
            (Str(a), Str(b)) | (Regex(a), Regex(b)) => a == b,
            (Symbol(a), Symbol(b)) => a == b,
            (Keyword(a), Keyword(b)) => a == b,
            (List(a), List(b))
            | (Vector(a), Vector(b))
            | (Map(a), Map(b))
            | (Set(a), Set(b))
            | (AnonFn(a), AnonFn(b)) => a == b,
            (NamespacedMap { ns: n1, map: m1 }, NamespacedMap { ns: n2, map: m2 }) => {
                n1 == n2 && m1 == m2
            }
            (Quote(a), Quote(b))
            | (SyntaxQuote(a), SyntaxQuote(b))
            | (Unquote(a), Unquote(b))
            | (UnquoteSplicing(a), UnquoteSplicing(b))
            | (Deref(a), Deref(b))
            | (Var(a), Var(b)) => a == b,
            (
                Meta {
                    meta: m1,
                    target: t1,
                },
                Meta {
                    meta: m2,
                    target: t2,
                },
            ) => m1 == m2 && t1 == t2,
            (Tagged { tag: t1, form: f1 }, Tagged { tag: t2, form: f2 }) => t1 == t2 && f1 == f2,
            (
                ReaderConditional {
                    splicing: s1,
                    forms: f1,
                },
                ReaderConditional {
                    splicing: s2,
                    forms: f2,
                },
            ) => s1 == s2 && f1 == f2,
            _ => false,
        }
    }
}

impl Eq for Form {}
impl Eq for FormKind {}

impl std::hash::Hash for Form {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.kind.hash(state);
    }
}

impl std::hash::Hash for FormKind {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        use FormKind::*;
        std::mem::discriminant(self).hash(state);
        match self {
            Nil => {}
            Bool(b) => b.hash(state),
            Int(i) => i.hash(state),
            BigInt(i) => i.hash(state),
            Float(f) => f.to_bits().hash(state),
            BigDecimal(d) => d.hash(state),
            Ratio(r) => r.hash(state),
            Char(c) => c.hash(state),
            Str(s) | Regex(s) => s.hash(state),
            Symbol(s) => s.hash(state),
            Keyword(k) => k.hash(state),
            List(v) | Vector(v) | Map(v) | Set(v) | AnonFn(v) => v.hash(state),
            NamespacedMap { ns, map } => {
                ns.hash(state);
                map.hash(state);
            }
            Quote(f) | SyntaxQuote(f) | Unquote(f) | UnquoteSplicing(f) | Deref(f) | Var(f) => {
                f.hash(state)
            }
            Meta { meta, target } => {
                meta.hash(state);
                target.hash(state);
            }
            Tagged { tag, form } => {
                tag.hash(state);
                form.hash(state);
            }
            ReaderConditional { splicing, forms } => {
                splicing.hash(state);
                forms.hash(state);
            }
        }
    }
}
