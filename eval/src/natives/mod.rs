//! Every Rust native of the core library, grouped by concept, each defined
//! once with its name, arglists, docstring and kind by [`natives!`]; and
//! [`install`](install::install), which registers them in this process
//! (the core's `NativeRegistry`) and binds their vars in the env file with
//! `:doc` and `:arglists`.
//!
//! A function is a native when Clojure's own is Java (the numeric tower,
//! collections read in place, printing, regexes, I/O, host classes), or
//! when it needs the evaluator or the heap (atoms, refs, vars, namespaces,
//! futures); everything else is written in evelisp (`stdlib/src/clj/`).
//! Natives call each other as plain Rust functions.
//!
//! A native fn whose captured vector is not nil is a *native closure*
//! (`bound-fn*`): the vector is passed as its first argument.

/// Defines `NATIVES`, this module's table of [`NativeDef`]s: each entry
/// its doc comment (the docstring), `#[arglists = "..."]`, `#[macro]` for
/// a macro, then `"name" => rust_fn;` (a bare name is in `clojure.core`).
///
/// [`NativeDef`]: crate::native_registry::NativeDef
macro_rules! natives {
    (@kind) => { $crate::native_registry::NativeKind::Fn };
    (@kind macro) => { $crate::native_registry::NativeKind::Macro };
    ($( $(#[doc = $doc:literal])* #[arglists = $arglists:literal] $(#[$kind:ident])?
        $name:literal => $f:expr; )*) => {
        /// The natives of this module.
        pub(crate) const NATIVES: &[$crate::native_registry::NativeDef] = &[$(
            $crate::native_registry::NativeDef {
                name: $name,
                arglists: $arglists,
                doc: &[$($doc),*],
                f: $f,
                kind: natives!(@kind $($kind)?),
            }
        ),*];
    };
}

mod collections;
mod concurrency;
mod equality;
pub(crate) mod fs;
pub(crate) mod host;
mod install;
mod io;
mod json;
mod language;
mod language_host;
mod namespaces;
mod numbers;
pub(crate) mod process;
mod refs;
pub(crate) mod regex;
pub(crate) mod seqs;
mod strings;
mod test_support;
mod uuid_inst;
pub(crate) mod values;
mod var_docs;

use crate::error::{EvalResult, arity};
use crate::interp::CORE_NS;
use crate::native_registry::NativeDef;
use evelisp_heap::Value;

pub(crate) use collections::array_access::element as array_element;
pub use install::natives_stamp;

/// Every table of natives, in install order.
pub(crate) const ALL: &[&[NativeDef]] = &[
    numbers::arithmetic::NATIVES,
    numbers::comparison::NATIVES,
    numbers::bits::NATIVES,
    numbers::unchecked::NATIVES,
    numbers::predicates::NATIVES,
    numbers::coercion::NATIVES,
    numbers::biginteger::NATIVES,
    numbers::decimals::NATIVES,
    numbers::random::NATIVES,
    uuid_inst::NATIVES,
    collections::persistent::NATIVES,
    collections::access::NATIVES,
    collections::building::NATIVES,
    collections::sorted::NATIVES,
    collections::sorting::NATIVES,
    collections::arrays::NATIVES,
    collections::array_access::NATIVES,
    collections::array_statics::NATIVES,
    equality::NATIVES,
    seqs::lazy::NATIVES,
    seqs::range::NATIVES,
    seqs::map_filter::NATIVES,
    seqs::concat::NATIVES,
    seqs::coll_seq::NATIVES,
    strings::printing::NATIVES,
    strings::format::NATIVES,
    strings::clojure_string::NATIVES,
    regex::patterns::NATIVES,
    regex::matcher::NATIVES,
    io::files::NATIVES,
    io::streams::NATIVES,
    io::edn::NATIVES,
    io::read_form::NATIVES,
    io::repl_source::NATIVES,
    refs::agents::NATIVES,
    refs::atoms::NATIVES,
    refs::deref::NATIVES,
    values::NATIVES,
    refs::transactions::NATIVES,
    refs::vars::NATIVES,
    concurrency::NATIVES,
    namespaces::NATIVES,
    host::classes::NATIVES,
    host::methods::NATIVES,
    host::objects::NATIVES,
    host::statics::NATIVES,
    host::lang_statics::NATIVES,
    language::NATIVES,
    language_host::NATIVES,
    test_support::NATIVES,
    io::csv::NATIVES,
    fs::path_ops::NATIVES,
    fs::tree::NATIVES,
    fs::attributes::NATIVES,
    fs::glob::NATIVES,
    json::NATIVES,
    json::stream::NATIVES,
    process::NATIVES,
    process::shutdown::NATIVES,
];

/// The only argument of a call of the `clojure.core` native `name`, or
/// its arity error.
pub(crate) fn one<'a, 'e>(name: &str, args: &'a [Value<'e>]) -> EvalResult<&'a Value<'e>> {
    match args {
        [x] => Ok(x),
        _ => Err(arity(&format!("{CORE_NS}/{name}"), args.len())),
    }
}

/// The two arguments of a call of the `clojure.core` native `name`, or
/// its arity error.
pub(crate) fn two<'a, 'e>(
    name: &str,
    args: &'a [Value<'e>],
) -> EvalResult<(&'a Value<'e>, &'a Value<'e>)> {
    match args {
        [a, b] => Ok((a, b)),
        _ => Err(arity(&format!("{CORE_NS}/{name}"), args.len())),
    }
}
