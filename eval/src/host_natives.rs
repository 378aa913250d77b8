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
use crate::native_handle::{HostId, next_host_generation};
use evelisp_heap::Value;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

/// A native defined by the host: any closure over an interpreter and the
/// call's arguments.
pub type HostNative =
    Arc<dyn for<'e> Fn(&Interp<'e>, Vec<Value<'e>>) -> EvalResult<Value<'e>> + Send + Sync>;

/// The natives registered in this process: every registration appended
/// (so an index handed out stays valid), the latest by `ns/name`.
#[derive(Default)]
struct HostTable {
    by_name: HashMap<String, HostId>,
    natives: Vec<HostNative>,
}

static REGISTRY: LazyLock<RwLock<HostTable>> = LazyLock::new(|| RwLock::new(HostTable::default()));

/// Registers `f` as the native `qualified` in this process (replacing an
/// earlier one of that name). Interpreters cache the host natives they
/// resolved, and look such an entry up again when the registry changed
/// since (its generation, `native_handle.rs`).
pub fn register(qualified: &str, f: HostNative) {
    let mut table = REGISTRY
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let id = HostId(u32::try_from(table.natives.len()).unwrap_or(u32::MAX));
    table.natives.push(f);
    table.by_name.insert(qualified.to_string(), id);
    next_host_generation();
}

/// The index of the native registered as `qualified`, if any.
pub(crate) fn lookup_id(qualified: &str) -> Option<HostId> {
    let table = REGISTRY
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    table.by_name.get(qualified).copied()
}

/// The native at index `id`.
pub(crate) fn get(id: HostId) -> Option<HostNative> {
    let table = REGISTRY
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    table.natives.get(id.0 as usize).cloned()
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
    if crate::native_object::is_native_named(current.borrowed(), qualified.borrowed())? {
        return Ok(());
    }
    let nil = Value::nil(env);
    let f = crate::native_object::native_fn(
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
