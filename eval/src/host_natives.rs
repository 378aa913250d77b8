//! Natives an embedding program defines at run time
//! (`Runtime::define_native`): Rust closures registered in this process
//! under a qualified name. Only for embedders: the core library's natives
//! are `natives/`, fixed at compile time. The env
//! file stores only the name (a native fn object, as for the core
//! natives), so a function value means the same in every process; a
//! process that has not registered the name gets a clear `MissingNative`
//! error when it calls it.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use evelisp_heap::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, RwLock};

/// A native defined by the host: any closure over an interpreter and the
/// call's arguments.
pub type HostNative =
    Arc<dyn for<'e> Fn(&Interp<'e>, Vec<Value<'e>>) -> EvalResult<Value<'e>> + Send + Sync>;

/// The natives registered in this process, by `ns/name`.
static REGISTRY: LazyLock<RwLock<HashMap<String, HostNative>>> =
    LazyLock::new(|| RwLock::new(HashMap::new()));

/// Bumped by every [`register`]: interpreters cache the host natives they
/// resolved, and drop such an entry when the registry changed since.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Registers `f` as the native `qualified` in this process (replacing an
/// earlier one of that name).
pub fn register(qualified: &str, f: HostNative) {
    let mut registry = REGISTRY
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    registry.insert(qualified.to_string(), f);
    GENERATION.fetch_add(1, Ordering::Release);
}

/// The registry's generation: changes whenever a native is registered.
pub(crate) fn generation() -> u64 {
    GENERATION.load(Ordering::Acquire)
}

/// The native registered as `qualified`, if any.
pub fn lookup(qualified: &str) -> Option<HostNative> {
    let registry = REGISTRY
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    registry.get(qualified).cloned()
}

/// Registers `f` as the native `ns/name` in this process and binds the var
/// `ns/name` (namespace created if missing) to the native fn object that
/// names it.
pub fn define(interp: &Interp<'_>, qualified: &str, f: HostNative) -> EvalResult<()> {
    let Some((ns, name)) = qualified
        .split_once('/')
        .filter(|(ns, name)| !ns.is_empty() && !name.is_empty())
    else {
        return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "not a qualified var name (ns/name): {qualified}"
        ))));
    };
    register(qualified, f);
    let env = interp.env();
    let p = interp.participant();
    let ns_sym = env.intern_symbol(None, ns)?;
    let ns = env.namespace(p, ns_sym.borrowed())?;
    let sym = env.intern_symbol(None, name)?;
    let var = env.intern_var(p, ns.borrowed(), sym.borrowed())?;
    let qualified = env.intern_symbol(Some(ns_name(qualified)), name)?;
    let root = env.var_root(var.borrowed())?;
    let current = root.get(p)?;
    if crate::native_registry::is_native_named(current.borrowed(), qualified.borrowed())? {
        return Ok(());
    }
    let nil = Value::nil(env);
    let f = crate::native_registry::native_fn(
        env,
        qualified.borrowed(),
        nil.borrowed(),
        qualified.borrowed(),
    )?;
    root.reset(p, f)?;
    Ok(())
}

fn ns_name(qualified: &str) -> &str {
    qualified.split_once('/').map_or("", |(ns, _)| ns)
}
