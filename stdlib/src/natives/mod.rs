//! Native functions of the core library written in Rust (where speed or
//! access needs them), one file per concept; [`register`] registers them in
//! every process and binds their vars in the env file by name.

mod host;
mod io;
mod lang;
mod numbers;
mod regex;
mod repl_support;
mod sorting;
mod string_natives;
mod strings;
mod types;

use evelisp_eval::Interp;
use evelisp_eval::error::{EvalError, EvalErrorKind, EvalResult};
use evelisp_eval::host_natives::{HostNative, define};
use evelisp_heap::Value;
use std::sync::Arc;

/// Forces the higher-ranked signature on a closure.
pub(crate) fn native<F>(f: F) -> HostNative
where
    F: for<'e> Fn(&Interp<'e>, Vec<Value<'e>>) -> EvalResult<Value<'e>> + Send + Sync + 'static,
{
    Arc::new(f)
}

/// The error for a call of native `name` with `n` arguments.
pub(crate) fn arity(name: &str, n: usize) -> EvalError {
    EvalError::new(EvalErrorKind::Arity {
        count: n,
        name: name.to_string(),
    })
}

/// Registers the core library's natives in this process and binds their
/// vars (once per env file: a var already naming its native is left
/// alone).
pub fn register(interp: &Interp<'_>) -> EvalResult<()> {
    for (name, f) in strings::NATIVES
        .iter()
        .chain(lang::NATIVES)
        .chain(regex::NATIVES)
        .chain(string_natives::NATIVES)
        .chain(io::NATIVES)
        .chain(types::NATIVES)
        .chain(numbers::NATIVES)
        .chain(host::NATIVES)
        .chain(sorting::NATIVES)
        .chain(repl_support::NATIVES)
    {
        define(interp, name, native(*f))?;
    }
    host::define_constants(interp)?;
    Ok(())
}
