//! Natives an embedding program defines (`Runtime::define_native`): Rust
//! closures registered in this process under a qualified name. The env
//! file stores only the name (a native fn object, as for the core
//! natives), so a function value means the same in every process; a
//! process that has not registered the name gets a clear `MissingNative`
//! error when it calls it.

use crate::error::EvalResult;
use crate::interp::Interp;
use evelisp_heap::Value;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

/// A native defined by the host: any closure over an interpreter and the
/// call's arguments.
pub type HostNative =
    Arc<dyn for<'e> Fn(&Interp<'e>, Vec<Value<'e>>) -> EvalResult<Value<'e>> + Send + Sync>;

/// The natives registered in this process, by `ns/name`.
static REGISTRY: LazyLock<RwLock<HashMap<String, HostNative>>> =
    LazyLock::new(|| RwLock::new(HashMap::new()));

/// Registers `f` as the native `qualified` in this process (replacing an
/// earlier one of that name).
pub fn register(qualified: &str, f: HostNative) {
    let mut registry = REGISTRY
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    registry.insert(qualified.to_string(), f);
}

/// The native registered as `qualified`, if any.
pub fn lookup(qualified: &str) -> Option<HostNative> {
    let registry = REGISTRY
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    registry.get(qualified).cloned()
}
