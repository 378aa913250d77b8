//! Native functions as the evaluator's core sees them: the [`Native`] fn
//! type, the definition record [`NativeDef`] (name, arglists, doc and kind
//! together), the process's by-name [`NativeRegistry`] that the natives
//! (`natives/`) fill and that calls resolve through, and the fn object that
//! names a native ([`native_fn`]). The core owns these so it never imports
//! from the natives.
//!
//! A native's fn object holds a code object whose body is the native's
//! qualified name symbol and whose aux is the keyword `:evelisp/native`;
//! each process looks the name up here when it is first called, so a file
//! that names a native this binary lacks gives a clear error at call time.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::{CORE_NS, Interp};
use crate::native_handle::{NativeId, NativeImpl, host_generation};
use evelisp_heap::{Ref, Value};
use std::sync::OnceLock;

/// The arguments of a call of a native: up to four held in place (no
/// allocation for the calls that matter), more on the heap.
pub type Args<'e> = smallvec::SmallVec<[Value<'e>; 4]>;

/// Makes an [`Args`] of the given values, as `vec!` makes a `Vec`.
pub use smallvec::smallvec as args;

/// A native function: the interpreter and the call's arguments.
pub type Native = for<'e> fn(&Interp<'e>, Args<'e>) -> EvalResult<Value<'e>>;

/// Whether a native is called as a function or expanded as a macro.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NativeKind {
    /// An ordinary function.
    Fn,
    /// A macro: its var is marked `^:macro`, and it takes `&form &env`
    /// first, like any macro.
    Macro,
}

/// One native of the core library: everything about it in one place.
#[derive(Debug, Clone, Copy)]
pub struct NativeDef {
    /// Its name: `ns/name`, or a bare name for `clojure.core`.
    pub name: &'static str,
    /// Its argument lists as evelisp text, e.g. `"([x] [x y & more])"`.
    pub arglists: &'static str,
    /// Its docstring, one entry per line (doc-comment lines, each with the
    /// one leading space `///` leaves).
    pub doc: &'static [&'static str],
    /// The Rust function.
    pub f: Native,
    /// Function or macro.
    pub kind: NativeKind,
}

impl NativeDef {
    /// The namespace and the name within it (`clojure.core` for a bare
    /// name; `/` is division's bare name).
    pub fn ns_and_name(&self) -> (&'static str, &'static str) {
        match self.name.split_once('/') {
            Some((ns, name)) if !ns.is_empty() && !name.is_empty() => (ns, name),
            _ => (CORE_NS, self.name),
        }
    }

    /// The docstring as text: the lines joined, the leading space of each
    /// removed.
    pub fn doc_text(&self) -> String {
        let lines: Vec<&str> = self
            .doc
            .iter()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect();
        lines.join("\n")
    }
}

/// The natives this process has, by qualified name (filled once, by the
/// natives' install, before any interpreter runs code).
#[derive(Debug)]
pub struct NativeRegistry {
    /// By (namespace, name), hashed with foldhash: the table is built at
    /// every start of a process.
    by_name: foldhash::HashMap<(&'static str, &'static str), NativeId>,
    natives: Vec<Native>,
}

static REGISTRY: OnceLock<NativeRegistry> = OnceLock::new();

impl NativeRegistry {
    /// Registers `defs` in this process (the first call wins: the core
    /// library's natives are fixed at compile time) and returns the registry.
    pub fn register(defs: &[&'static [NativeDef]]) -> &'static NativeRegistry {
        REGISTRY.get_or_init(|| {
            let count = defs.iter().map(|table| table.len()).sum();
            let mut registry = NativeRegistry {
                by_name: std::collections::HashMap::with_capacity_and_hasher(
                    count,
                    foldhash::fast::RandomState::default(),
                ),
                natives: Vec::with_capacity(count),
            };
            for def in defs.iter().flat_map(|table| table.iter()) {
                let (ns, name) = def.ns_and_name();
                let id = NativeId(u32::try_from(registry.natives.len()).unwrap_or(u32::MAX));
                registry.natives.push(def.f);
                registry.by_name.insert((ns, name), id);
            }
            registry
        })
    }

    /// The index of the native named `ns/name`, if registered.
    pub(crate) fn lookup_id(qualified: &str) -> Option<NativeId> {
        let key = match qualified.split_once('/') {
            Some((ns, name)) if !ns.is_empty() && !name.is_empty() => (ns, name),
            _ => (CORE_NS, qualified),
        };
        REGISTRY.get()?.by_name.get(&key).copied()
    }

    /// The native at index `id`.
    #[inline]
    pub(crate) fn get(id: NativeId) -> Option<Native> {
        REGISTRY.get()?.natives.get(id.0 as usize).copied()
    }
}

impl<'e> Interp<'e> {
    /// The native function named by native code object `code` (whose body
    /// is the name symbol `body`): cached per code object after the first
    /// lookup by name (core natives first, then the host's).
    pub(crate) fn resolve_native(&self, code: Ref<'_>, body: Ref<'_>) -> EvalResult<NativeImpl> {
        let key = (code.word(), self.env.code_id(code)?);
        if let Some(&hit) = self.caches.natives.borrow().get(&key)
            && hit.is_current()
        {
            return Ok(hit);
        }
        self.caches
            .native_name_lookups
            .set(self.caches.native_name_lookups.get() + 1);
        let name = crate::print::symbol_text(body);
        let found = if let Some(id) = NativeRegistry::lookup_id(&name) {
            NativeImpl::Core(id)
        } else {
            let generation = host_generation();
            match crate::host_natives::lookup_id(&name) {
                Some(id) => NativeImpl::Host(id, generation),
                None => return Err(EvalError::new(EvalErrorKind::MissingNative(name))),
            }
        };
        self.caches.natives.borrow_mut().insert(key, found);
        Ok(found)
    }

    /// Calls the resolved native `native` with `args` (inlined into its
    /// callers: `args` is moved once, not once per level).
    #[inline(always)]
    pub(crate) fn call_resolved(
        &self,
        native: NativeImpl,
        args: Args<'e>,
    ) -> EvalResult<Value<'e>> {
        match native {
            NativeImpl::Core(id) => match NativeRegistry::get(id) {
                Some(f) => f(self, args),
                None => Err(unregistered()),
            },
            NativeImpl::Host(id, _) => match crate::host_natives::get(id) {
                Some(f) => f(self, args.into_vec()),
                None => Err(unregistered()),
            },
        }
    }
}

/// The error for a native index no registry has (never made by resolution).
fn unregistered() -> EvalError {
    EvalError::new(EvalErrorKind::MissingNative(
        "a native this process never registered".into(),
    ))
}
