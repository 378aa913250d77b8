//! JSON for `cheshire.core` and `clojure.data.json` (Lisp in stdlib, over
//! these natives): `evelisp.json/parse` and `parse-next` (one parser,
//! `parse.rs`, building heap values as it reads; numbers in `numbers.rs`;
//! errors with line and column, classed as each library throws them, in
//! `errors.rs`) and `evelisp.json/generate` (the writer, `generate.rs`).
//! `evelisp.json/read-value-text` (`stream.rs`) takes one value's text
//! from a reader, for reading values one at a time from a stream.
//! Options come as a map; each wrapper passes its library's defaults.

mod errors;
mod generate;
mod numbers;
mod parse;
mod pretty;
pub(super) mod stream;
mod strings;

use crate::Interp;
use crate::error::{EvalError, EvalErrorKind, EvalResult, arity};
use crate::native_registry::Args;
use crate::natives::regex::patterns::string_arg;
use errors::Dialect;
use evelisp_heap::{Ref, Value, View};
use generate::{WriteOptions, Writer};
use numbers::NumberMode;
use parse::{Failure, KeyMode, ParseOptions, Parser};

natives! {
    /// The JSON document in the string s as a value. opts is a map or nil:
    /// :key-fn (nil: keys as strings, true: keywords, else a fn of the key
    /// string), :value-fn (a fn of key and value; returning itself drops the
    /// entry), :bigdec (non-integers as BigDecimals), :biginteger (integers
    /// past 64 bits as java.math.BigInteger, else bigints), :dialect
    /// (:cheshire or :data.json: whose exceptions), :whole (text after the
    /// value is an error, else ignored), :eof (the value of a blank
    /// document; without it that is an error).
    #[arglists = "([s opts])"]
    "evelisp.json/parse" => parse_text;
    /// The next JSON value of the string s from byte offset start (0, or an
    /// end this gave), as [value end] (end the byte offset after it), or nil
    /// when only whitespace is left; opts as for evelisp.json/parse.
    #[arglists = "([s start opts])"]
    "evelisp.json/parse-next" => parse_next;
    /// The JSON text of x. opts is a map or nil: :dialect (:cheshire or
    /// :data.json: whose rules), :pretty, :escape-unicode, :escape-slash,
    /// :escape-js-separators, :key-fn (a fn of each map key giving its name),
    /// :value-fn (a fn of key and value; returning itself drops the entry).
    #[arglists = "([x opts])"]
    "evelisp.json/generate" => generate_text;
    /// The JSON text of x laid out as clojure.data.json's pprint prints it
    /// (72 columns, no final newline); opts as for evelisp.json/generate
    /// (:value-fn and :pretty are not used).
    #[arglists = "([x opts])"]
    "evelisp.json/pprint" => pprint_text;
}

/// The option `name` of the map `opts` (nil when absent or opts is nil).
fn option<'a>(i: &Interp<'_>, opts: Ref<'a>, name: &str) -> EvalResult<Option<Ref<'a>>> {
    if opts.is_nil() {
        return Ok(None);
    }
    let k = i.env().intern_keyword(None, name)?;
    Ok(opts.get(k.borrowed())?.filter(|v| !v.is_nil()))
}

/// Whether the option `name` is given and truthy.
fn flag(i: &Interp<'_>, opts: Ref<'_>, name: &str) -> EvalResult<bool> {
    Ok(option(i, opts, name)?.is_some_and(|v| !matches!(v.view(), Ok(View::Bool(false)))))
}

/// The `:dialect` option (data.json unless `:cheshire`).
fn dialect(i: &Interp<'_>, opts: Ref<'_>) -> EvalResult<Dialect> {
    Ok(
        match option(i, opts, "dialect")?.map(Ref::view).transpose()? {
            Some(View::Keyword {
                name: "cheshire", ..
            }) => Dialect::Cheshire,
            _ => Dialect::DataJson,
        },
    )
}

/// The parse options of `opts`.
fn parse_options<'a>(i: &Interp<'_>, opts: Ref<'a>) -> EvalResult<ParseOptions<'a>> {
    if !matches!(opts.view()?, View::Nil | View::Map { .. }) {
        return Err(EvalError::new(EvalErrorKind::IllegalArgument(
            "JSON options must be a map".into(),
        )));
    }
    let keys = match option(i, opts, "key-fn")? {
        None => KeyMode::Strings,
        Some(f) if matches!(f.view()?, View::Bool(true)) => KeyMode::Keywords,
        Some(f) if matches!(f.view()?, View::Bool(false)) => KeyMode::Strings,
        Some(f) => KeyMode::Function(f),
    };
    Ok(ParseOptions {
        keys,
        value_fn: option(i, opts, "value-fn")?,
        numbers: NumberMode {
            bigdec: flag(i, opts, "bigdec")?,
            biginteger: flag(i, opts, "biginteger")?,
        },
    })
}

/// A parse failure as the evaluator's error.
fn failure(f: Failure, text: &str, dialect: Dialect) -> EvalError {
    match f {
        Failure::Syntax(e) => e.to_eval_error(text, dialect),
        Failure::Eval(e) => e,
    }
}

/// `(evelisp.json/parse s opts)`.
fn parse_text<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [s, opts] = &args[..] else {
        return Err(arity("evelisp.json/parse", args.len()));
    };
    let text = string_arg(s.borrowed(), "evelisp.json/parse")?;
    let opts = opts.borrowed();
    let options = parse_options(i, opts)?;
    let dialect = dialect(i, opts)?;
    let mut parser = Parser::new(i, text, 0, &options);
    if !parser.skip_whitespace() {
        let eof = i.env().intern_keyword(None, "eof")?;
        if !opts.is_nil()
            && let Some(v) = opts.get(eof.borrowed())?
        {
            return Ok(i.env().own(v)?);
        }
    }
    let value = parser.value().map_err(|f| failure(f, text, dialect))?;
    if flag(i, opts, "whole")? {
        parser.expect_end().map_err(|f| failure(f, text, dialect))?;
    }
    Ok(value)
}

/// `(evelisp.json/parse-next s start opts)`.
fn parse_next<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [s, start, opts] = &args[..] else {
        return Err(arity("evelisp.json/parse-next", args.len()));
    };
    let text = string_arg(s.borrowed(), "evelisp.json/parse-next")?;
    // A byte offset (the Lisp side only hands back what it was given), so
    // a seq of many values costs no rescans; one inside a character
    // starts at the next boundary.
    let mut byte_start = usize::try_from(start.borrowed().as_i64()?)
        .unwrap_or(0)
        .min(text.len());
    while !text.is_char_boundary(byte_start) {
        byte_start += 1;
    }
    let opts = opts.borrowed();
    let options = parse_options(i, opts)?;
    let dialect = dialect(i, opts)?;
    let mut parser = Parser::new(i, text, byte_start, &options);
    if !parser.skip_whitespace() {
        return Ok(Value::nil(i.env()));
    }
    let value = parser.value().map_err(|f| failure(f, text, dialect))?;
    let end = i
        .env()
        .make_int(i64::try_from(parser.position()).unwrap_or(i64::MAX))?;
    Ok(i.env().make_vector_of(&[value, end])?)
}

/// The write options of `opts`.
fn write_options<'a>(i: &Interp<'_>, opts: Ref<'a>) -> EvalResult<WriteOptions<'a>> {
    Ok(WriteOptions {
        dialect: dialect(i, opts)?,
        pretty: flag(i, opts, "pretty")?,
        escape_unicode: flag(i, opts, "escape-unicode")?,
        escape_slash: flag(i, opts, "escape-slash")?,
        escape_js_separators: flag(i, opts, "escape-js-separators")?,
        key_fn: option(i, opts, "key-fn")?,
        value_fn: option(i, opts, "value-fn")?,
    })
}

/// `(evelisp.json/generate x opts)`.
fn generate_text<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [x, opts] = &args[..] else {
        return Err(arity("evelisp.json/generate", args.len()));
    };
    let options = write_options(i, opts.borrowed())?;
    let mut writer = Writer::new(i, &options);
    writer.value(x.borrowed())?;
    Ok(i.env().make_string(&writer.out)?)
}

/// `(evelisp.json/pprint x opts)`.
fn pprint_text<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [x, opts] = &args[..] else {
        return Err(arity("evelisp.json/pprint", args.len()));
    };
    let mut options = write_options(i, opts.borrowed())?;
    options.value_fn = None;
    options.pretty = false;
    let mut writer = Writer::new(i, &options);
    let text = pretty::pprint(i, &mut writer, x.borrowed())?;
    Ok(i.env().make_string(&text)?)
}
