//! Conversions between Rust values and evelisp values for embedders:
//! [`FromValue`] reads a heap value into an owned Rust value (integers,
//! floats, bool, `String`, `Vec`, `HashMap`, `Option`, and [`Data`], an
//! owned mirror of any evelisp data); [`IntoValue`] builds a heap value
//! from one; [`IntoArgs`] turns tuples, arrays and slices of those into an
//! argument list for [`Runtime::call`](crate::runtime::Runtime::call).
//!
//! Reading copies out of the file (the result must outlive the pin);
//! inside natives, [`Args`](crate::runtime::Args) hands out zero-copy
//! borrowed views too.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use evelisp_heap::{Env, Kind, Ref, Value, View, Word};
use std::collections::HashMap;
use std::hash::Hash;

/// Whether a value counts as true in a test: everything but nil and
/// false (Clojure's truth, as a Rust `bool`).
#[inline]
pub fn truthy(v: Ref<'_>) -> bool {
    v.word() != Word::NIL && v.word() != Word::FALSE
}

/// An owned copy of evelisp data, for values whose shape the embedder does
/// not know in advance. Functions, atoms, vars and other references are
/// kept as their printed text ([`Data::Other`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    /// `nil`.
    Nil,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A character.
    Char(char),
    /// A string.
    Str(String),
    /// A keyword, without its colon (`"ns/name"` or `"name"`).
    Keyword(String),
    /// A symbol (`"ns/name"` or `"name"`).
    Symbol(String),
    /// A list.
    List(Vec<Data>),
    /// A vector.
    Vector(Vec<Data>),
    /// A map, as its entries (in the map's order).
    Map(Vec<(Data, Data)>),
    /// A set, as its elements (in the set's order).
    Set(Vec<Data>),
    /// Anything else (functions, atoms, vars, namespaces, bigints,
    /// ratios), as `pr` prints it. Converting it back gives that string.
    Other(String),
}

/// A Rust value that can be read from an evelisp value.
pub trait FromValue: Sized {
    /// Reads `v`, or says why it does not fit.
    fn from_value(v: Ref<'_>) -> EvalResult<Self>;
}

/// A Rust value that can become an evelisp value in an env file.
pub trait IntoValue {
    /// Builds the value in `env`.
    fn into_value(self, env: &Env) -> EvalResult<Value<'_>>;
}

/// An argument list for a call: `()`, tuples of up to six [`IntoValue`]s,
/// arrays, `Vec`s and slices (of `Clone` items).
pub trait IntoArgs {
    /// Builds the arguments in `env`.
    fn into_args(self, env: &Env) -> EvalResult<Vec<Value<'_>>>;
}

/// The error for a value that does not have the expected type.
pub(crate) fn mismatch(expected: &str, v: Ref<'_>) -> EvalError {
    let shown = crate::print::pr_str(v).unwrap_or_else(|_| "a value".into());
    EvalError::new(EvalErrorKind::ClassCast(format!(
        "expected {expected}, got {shown}"
    )))
}

impl FromValue for i64 {
    fn from_value(v: Ref<'_>) -> EvalResult<Self> {
        match v.view()? {
            View::Int(i) => Ok(i),
            _ => Err(mismatch("an integer", v)),
        }
    }
}

macro_rules! narrow_int {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(v: Ref<'_>) -> EvalResult<Self> {
                let i = i64::from_value(v)?;
                <$t>::try_from(i).map_err(|_| {
                    EvalError::new(EvalErrorKind::IllegalArgument(format!(
                        "{i} does not fit in {}", stringify!($t)
                    )))
                })
            }
        }
        impl IntoValue for $t {
            fn into_value(self, env: &Env) -> EvalResult<Value<'_>> {
                let i = i64::try_from(self).map_err(|_| {
                    EvalError::new(EvalErrorKind::IllegalArgument(format!(
                        "{self} does not fit in a 64-bit integer"
                    )))
                })?;
                Ok(env.make_int(i)?)
            }
        }
    )*};
}
narrow_int!(i8, i16, i32, u8, u16, u32, u64, usize, isize);

impl IntoValue for i64 {
    fn into_value(self, env: &Env) -> EvalResult<Value<'_>> {
        Ok(env.make_int(self)?)
    }
}

impl FromValue for f64 {
    /// A float, or an integer widened to one (as Clojure's `double`).
    fn from_value(v: Ref<'_>) -> EvalResult<Self> {
        match v.view()? {
            View::Float(f) => Ok(f),
            View::Float32(f) => Ok(f64::from(f)),
            #[allow(clippy::cast_precision_loss)]
            View::Int(i) => Ok(i as f64),
            _ => Err(mismatch("a number", v)),
        }
    }
}

impl IntoValue for f64 {
    fn into_value(self, env: &Env) -> EvalResult<Value<'_>> {
        Ok(env.make_float(self)?)
    }
}

impl FromValue for bool {
    fn from_value(v: Ref<'_>) -> EvalResult<Self> {
        match v.view()? {
            View::Bool(b) => Ok(b),
            _ => Err(mismatch("a boolean", v)),
        }
    }
}

impl IntoValue for bool {
    fn into_value(self, env: &Env) -> EvalResult<Value<'_>> {
        Ok(env.make_bool(self))
    }
}

impl FromValue for String {
    /// A string; a keyword or symbol gives its name text (`ns/name`).
    fn from_value(v: Ref<'_>) -> EvalResult<Self> {
        match v.view()? {
            View::Str(s) => Ok(s.to_string()),
            View::Keyword { ns, name } | View::Symbol { ns, name } => Ok(qualified(ns, name)),
            _ => Err(mismatch("a string", v)),
        }
    }
}

impl IntoValue for String {
    fn into_value(self, env: &Env) -> EvalResult<Value<'_>> {
        Ok(env.make_string(&self)?)
    }
}

impl IntoValue for &str {
    fn into_value(self, env: &Env) -> EvalResult<Value<'_>> {
        Ok(env.make_string(self)?)
    }
}

impl IntoValue for () {
    fn into_value(self, env: &Env) -> EvalResult<Value<'_>> {
        Ok(Value::nil(env))
    }
}

impl FromValue for () {
    /// Accepts any value and ignores it (for evaluations run for effect).
    fn from_value(_: Ref<'_>) -> EvalResult<Self> {
        Ok(())
    }
}

impl<T: FromValue> FromValue for Option<T> {
    /// `None` for nil, else the value.
    fn from_value(v: Ref<'_>) -> EvalResult<Self> {
        if v.is_nil() {
            Ok(None)
        } else {
            T::from_value(v).map(Some)
        }
    }
}

impl<T: IntoValue> IntoValue for Option<T> {
    fn into_value(self, env: &Env) -> EvalResult<Value<'_>> {
        match self {
            Some(x) => x.into_value(env),
            None => Ok(Value::nil(env)),
        }
    }
}

impl<T: FromValue> FromValue for Vec<T> {
    /// The elements of a vector, list or set, or the `[k v]` entries of a
    /// map; nil gives an empty `Vec`.
    fn from_value(v: Ref<'_>) -> EvalResult<Self> {
        match v.kind()? {
            None if v.is_nil() || v.word() == Word::EMPTY_LIST => Ok(Vec::new()),
            Some(Kind::Vector | Kind::Cons | Kind::Set) => {
                v.elements()?.map(|x| T::from_value(x?)).collect()
            }
            _ => Err(mismatch("a vector, list or set", v)),
        }
    }
}

impl<T: IntoValue> IntoValue for Vec<T> {
    /// A vector.
    fn into_value(self, env: &Env) -> EvalResult<Value<'_>> {
        let items = self
            .into_iter()
            .map(|x| x.into_value(env))
            .collect::<EvalResult<Vec<_>>>()?;
        let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
        Ok(env.make_vector(&refs)?)
    }
}

impl<K: FromValue + Eq + Hash, V: FromValue> FromValue for HashMap<K, V> {
    /// The entries of a map; nil gives an empty map.
    fn from_value(v: Ref<'_>) -> EvalResult<Self> {
        match v.kind()? {
            None if v.is_nil() => Ok(HashMap::new()),
            Some(Kind::Map | Kind::ArrayMap) => v
                .entries()?
                .map(|e| {
                    let (k, x) = e?;
                    Ok((K::from_value(k)?, V::from_value(x)?))
                })
                .collect(),
            _ => Err(mismatch("a map", v)),
        }
    }
}

impl<K: IntoValue, V: IntoValue> IntoValue for HashMap<K, V> {
    /// A map.
    fn into_value(self, env: &Env) -> EvalResult<Value<'_>> {
        let mut m = env.empty_map()?;
        for (k, v) in self {
            let (k, v) = (k.into_value(env)?, v.into_value(env)?);
            m = env.assoc(m.borrowed(), k.borrowed(), v.borrowed())?;
        }
        Ok(m)
    }
}

fn qualified(ns: Option<&str>, name: &str) -> String {
    match ns {
        Some(ns) => format!("{ns}/{name}"),
        None => name.to_string(),
    }
}

fn split_qualified(text: &str) -> (Option<&str>, &str) {
    match text.split_once('/') {
        Some((ns, name)) if !ns.is_empty() && !name.is_empty() => (Some(ns), name),
        _ => (None, text),
    }
}

impl FromValue for Data {
    fn from_value(v: Ref<'_>) -> EvalResult<Self> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || data_of(v))
    }
}

fn data_of(v: Ref<'_>) -> EvalResult<Data> {
    let all = |v: Ref<'_>| -> EvalResult<Vec<Data>> {
        v.elements()?.map(|x| Data::from_value(x?)).collect()
    };
    Ok(match v.view()? {
        View::Nil => Data::Nil,
        View::Bool(b) => Data::Bool(b),
        View::Int(i) => Data::Int(i),
        View::Float(f) => Data::Float(f),
        View::Float32(f) => Data::Float(f64::from(f)),
        View::Char(c) => Data::Char(c),
        View::Str(s) => Data::Str(s.to_string()),
        View::Keyword { ns, name } => Data::Keyword(qualified(ns, name)),
        View::Symbol { ns, name } => Data::Symbol(qualified(ns, name)),
        _ if v.word() == Word::EMPTY_LIST => Data::List(Vec::new()),
        _ => match v.kind()? {
            Some(Kind::Cons) => Data::List(all(v)?),
            Some(Kind::Vector) => Data::Vector(all(v)?),
            Some(Kind::Set) => Data::Set(all(v)?),
            Some(Kind::Sorted) if v.sorted_parts()?.is_set => Data::Set(all(v)?),
            Some(Kind::Map | Kind::ArrayMap | Kind::Sorted) => Data::Map(
                v.entries()?
                    .map(|e| {
                        let (k, x) = e?;
                        Ok((Data::from_value(k)?, Data::from_value(x)?))
                    })
                    .collect::<EvalResult<_>>()?,
            ),
            _ => Data::Other(crate::print::pr_str(v)?),
        },
    })
}

impl IntoValue for Data {
    fn into_value(self, env: &Env) -> EvalResult<Value<'_>> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || value_of(self, env))
    }
}

fn value_of(d: Data, env: &Env) -> EvalResult<Value<'_>> {
    let items = |xs: Vec<Data>| -> EvalResult<Vec<Value<'_>>> {
        xs.into_iter().map(|x| x.into_value(env)).collect()
    };
    Ok(match d {
        Data::Nil => Value::nil(env),
        Data::Bool(b) => env.make_bool(b),
        Data::Int(i) => env.make_int(i)?,
        Data::Float(f) => env.make_float(f)?,
        Data::Char(c) => env.make_char(c),
        Data::Str(s) | Data::Other(s) => env.make_string(&s)?,
        Data::Keyword(k) => {
            let (ns, name) = split_qualified(&k);
            env.intern_keyword(ns, name)?
        }
        Data::Symbol(s) => {
            let (ns, name) = split_qualified(&s);
            env.intern_symbol(ns, name)?
        }
        Data::List(xs) => {
            let xs = items(xs)?;
            let refs: Vec<Ref<'_>> = xs.iter().map(Value::borrowed).collect();
            env.make_list(&refs)?
        }
        Data::Vector(xs) => {
            let xs = items(xs)?;
            let refs: Vec<Ref<'_>> = xs.iter().map(Value::borrowed).collect();
            env.make_vector(&refs)?
        }
        Data::Set(xs) => {
            let mut s = env.empty_set()?;
            for x in items(xs)? {
                s = env.conj(s.borrowed(), x.borrowed())?;
            }
            s
        }
        Data::Map(entries) => {
            let mut m = env.empty_map()?;
            for (k, v) in entries {
                let (k, v) = (k.into_value(env)?, v.into_value(env)?);
                m = env.assoc(m.borrowed(), k.borrowed(), v.borrowed())?;
            }
            m
        }
    })
}

impl IntoArgs for () {
    fn into_args(self, _: &Env) -> EvalResult<Vec<Value<'_>>> {
        Ok(Vec::new())
    }
}

macro_rules! tuple_args {
    ($(($($t:ident $i:tt),+)),*) => {$(
        impl<$($t: IntoValue),+> IntoArgs for ($($t,)+) {
            fn into_args(self, env: &Env) -> EvalResult<Vec<Value<'_>>> {
                Ok(vec![$(self.$i.into_value(env)?),+])
            }
        }
    )*};
}
tuple_args!(
    (A 0),
    (A 0, B 1),
    (A 0, B 1, C 2),
    (A 0, B 1, C 2, D 3),
    (A 0, B 1, C 2, D 3, E 4),
    (A 0, B 1, C 2, D 3, E 4, F 5)
);

impl<T: IntoValue, const N: usize> IntoArgs for [T; N] {
    fn into_args(self, env: &Env) -> EvalResult<Vec<Value<'_>>> {
        self.into_iter().map(|x| x.into_value(env)).collect()
    }
}

impl<T: IntoValue + Clone, const N: usize> IntoArgs for &[T; N] {
    fn into_args(self, env: &Env) -> EvalResult<Vec<Value<'_>>> {
        self.iter().map(|x| x.clone().into_value(env)).collect()
    }
}

impl<T: IntoValue + Clone> IntoArgs for &[T] {
    fn into_args(self, env: &Env) -> EvalResult<Vec<Value<'_>>> {
        self.iter().map(|x| x.clone().into_value(env)).collect()
    }
}

impl<T: IntoValue> IntoArgs for Vec<T> {
    fn into_args(self, env: &Env) -> EvalResult<Vec<Value<'_>>> {
        self.into_iter().map(|x| x.into_value(env)).collect()
    }
}
