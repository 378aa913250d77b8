//! Native functions of the core library written in Rust (where speed or
//! access needs them), one file per concept; [`register`] registers them in
//! every process and binds their vars in the env file by name.

mod edn;
mod host;
mod interop;
mod io;
mod lang;
mod matcher;
mod numbers;
mod regex;
mod repl_support;
mod sorting;
mod string_natives;
mod strings;
mod test_support;
mod types;

use evelisp_eval::Interp;
use evelisp_eval::error::{EvalError, EvalErrorKind, EvalResult};
use evelisp_eval::host_natives::{HostNative, define, register as register_host};
use evelisp_eval::natives::Native;
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

/// Every native of the core library, by qualified name.
fn all_natives() -> impl Iterator<Item = &'static (&'static str, Native)> {
    strings::NATIVES
        .iter()
        .chain(lang::NATIVES)
        .chain(regex::NATIVES)
        .chain(matcher::NATIVES)
        .chain(string_natives::NATIVES)
        .chain(io::NATIVES)
        .chain(types::NATIVES)
        .chain(numbers::NATIVES)
        .chain(host::NATIVES)
        .chain(sorting::NATIVES)
        .chain(repl_support::NATIVES)
        .chain(interop::NATIVES)
        .chain(test_support::NATIVES)
        .chain(edn::NATIVES)
}

/// The qualified names of the natives (part of the install stamp).
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    all_natives().map(|(name, _)| *name)
}

/// Registers the core library's natives in this process (every process
/// does, at every start: a cheap table insert).
pub fn register() {
    for (name, f) in all_natives() {
        register_host(name, native(*f));
    }
}

/// Binds the natives' vars and the host constants in the env file (done
/// once per env file and version: a var already naming its native is left
/// alone).
pub fn define_all(interp: &Interp<'_>) -> EvalResult<()> {
    for (name, f) in all_natives() {
        define(interp, name, native(*f))?;
    }
    host::define_constants(interp)?;
    Ok(())
}
