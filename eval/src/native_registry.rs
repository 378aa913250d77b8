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

use crate::error::EvalResult;
use crate::interp::{CORE_NS, Interp};
use evelisp_heap::{Env, Kind, Ref, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A native function: the interpreter and the call's arguments.
pub type Native = for<'e> fn(&Interp<'e>, Vec<Value<'e>>) -> EvalResult<Value<'e>>;

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
    by_name: HashMap<String, Native>,
}

static REGISTRY: OnceLock<NativeRegistry> = OnceLock::new();

impl NativeRegistry {
    /// Registers `defs` in this process (the first call wins: the core
    /// library's natives are fixed at compile time) and returns the registry.
    pub fn register(defs: &[&'static [NativeDef]]) -> &'static NativeRegistry {
        REGISTRY.get_or_init(|| {
            let by_name = defs
                .iter()
                .flat_map(|table| table.iter())
                .map(|def| {
                    let (ns, name) = def.ns_and_name();
                    (format!("{ns}/{name}"), def.f)
                })
                .collect();
            NativeRegistry { by_name }
        })
    }

    /// The native named `ns/name`, if this process registered it.
    pub fn lookup(qualified: &str) -> Option<Native> {
        REGISTRY.get()?.by_name.get(qualified).copied()
    }
}

/// A native's code object: body the qualified name symbol `qualified`, aux
/// the keyword `:evelisp/native`.
pub(crate) fn native_code<'e>(env: &'e Env, qualified: Ref<'_>) -> EvalResult<Value<'e>> {
    let marker = env.intern_keyword(Some("evelisp"), "native")?;
    Ok(env.new_code(qualified, marker.borrowed(), &[])?)
}

/// A fn object named `name` calling the native `qualified` (a symbol);
/// `captured` (nil for a plain native) is passed first to a native closure.
pub(crate) fn native_fn<'e>(
    env: &'e Env,
    qualified: Ref<'_>,
    captured: Ref<'_>,
    name: Ref<'_>,
) -> EvalResult<Value<'e>> {
    let code = native_code(env, qualified)?;
    Ok(env.new_fn(code.borrowed(), captured, name)?)
}

/// Whether `v` is the native fn object naming `qualified` (a symbol).
pub(crate) fn is_native_named(v: Ref<'_>, qualified: Ref<'_>) -> EvalResult<bool> {
    if !matches!(v.kind()?, Some(Kind::Fn)) {
        return Ok(false);
    }
    let env = v.env();
    let (code, _, _) = env.fn_parts(v)?;
    let (body, aux, _) = env.code_parts(code)?;
    Ok(body.word() == qualified.word() && matches!(aux.kind()?, Some(Kind::Keyword)))
}
