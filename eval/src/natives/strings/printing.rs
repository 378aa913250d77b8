//! Printing natives: `str`, `pr-str`, `print-str`, `println-str`,
//! `prn-str` (the text as a string) and `print`, `println`, `pr`, `prn`
//! (the text written to the thread's `*out*`), all over one joining
//! function, [`printed_text`].

use crate::error::EvalResult;
use crate::interp::Interp;
use crate::native_registry::Args;
use evelisp_heap::{Kind, Value};

natives! {
    /// The string print would write for the xs.
    #[arglists = "([& xs])"]
    "print-str" => print_str;
    /// The string println would write for the xs (ending in a newline).
    #[arglists = "([& xs])"]
    "println-str" => println_str;
    /// The string prn would write for the xs (readable, ending in a newline).
    #[arglists = "([& xs])"]
    "prn-str" => prn_str;
    /// The text of the values joined: nil as nothing, strings and characters as
    /// they are, others as pr prints them.
    #[arglists = "([] [x] [x & ys])"]
    "str" => str_;
    /// What pr would print of the xs, as a string.
    #[arglists = "([& xs])"]
    "pr-str" => pr_str;
    /// Prints the values (as print), separated by spaces, then a newline.
    #[arglists = "([& more])"]
    "println" => println;
    /// Prints the values for people: strings and characters without quotes.
    #[arglists = "([& more])"]
    "print" => print;
    /// Prints the values readably (as pr), then a newline.
    #[arglists = "([& more])"]
    "prn" => prn;
    /// Prints the values readably: strings quoted, characters as \c.
    #[arglists = "([& more])"]
    "pr" => pr;
}

/// The text of `args` as `print` (`readably` false) or `pr` writes them:
/// separated by spaces, with a newline after when `newline`.
fn printed_text(
    i: &Interp<'_>,
    args: &[Value<'_>],
    readably: bool,
    newline: bool,
) -> EvalResult<String> {
    let mut out = String::new();
    for (n, a) in args.iter().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        i.print_realized(a.borrowed(), readably, &mut out)?;
    }
    if newline {
        out.push('\n');
    }
    Ok(out)
}

/// Writes the printed text of `args` to `*out*`; nil.
fn write_printed<'e>(
    i: &Interp<'e>,
    args: &[Value<'e>],
    readably: bool,
    newline: bool,
) -> EvalResult<Value<'e>> {
    i.write_out(&printed_text(i, args, readably, newline)?)?;
    Ok(Value::nil(i.env))
}

/// The printed text of `args` as a string value.
fn printed_string<'e>(
    i: &Interp<'e>,
    args: &[Value<'e>],
    readably: bool,
    newline: bool,
) -> EvalResult<Value<'e>> {
    Ok(i.env
        .make_string(&printed_text(i, args, readably, newline)?)?)
}

/// `(str & xs)`: the concatenated texts of xs (nil gives nothing).
pub(crate) fn str_<'e>(i: &Interp<'e>, mut args: Args<'e>) -> EvalResult<Value<'e>> {
    if args.len() == 1 {
        let x = args[0].borrowed();
        // One small integer (the hot path of string building): its digits
        // straight into the new string.
        if let Some(n) = x.word().as_fixnum() {
            return Ok(i.env.make_string(itoa::Buffer::new().format(n))?);
        }
        // One string is its own text, the same object (Java's
        // `String.toString` returns this).
        if x.kind()? == Some(Kind::String)
            && let Some(s) = args.pop()
        {
            return Ok(s);
        }
    }
    let mut out = String::new();
    for a in &args {
        i.push_str_of(a.borrowed(), &mut out)?;
    }
    Ok(i.env.make_string(&out)?)
}

/// `(pr-str & xs)`: what `pr` would write.
pub(crate) fn pr_str<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    printed_string(i, &args, true, false)
}

/// `(print-str & xs)`: what `print` would write.
fn print_str<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    printed_string(i, &args, false, false)
}

/// `(println-str & xs)`: what `println` would write.
fn println_str<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    printed_string(i, &args, false, true)
}

/// `(prn-str & xs)`: what `prn` would write.
fn prn_str<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    printed_string(i, &args, true, true)
}

/// `(println & xs)`.
pub(crate) fn println<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    write_printed(i, &a, false, true)
}

/// `(print & xs)`.
pub(crate) fn print<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    write_printed(i, &a, false, false)
}

/// `(prn & xs)`.
pub(crate) fn prn<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    write_printed(i, &a, true, true)
}

/// `(pr & xs)`.
pub(crate) fn pr<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    write_printed(i, &a, true, false)
}
