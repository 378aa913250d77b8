//! The fn object that names a native, built in one place: its code
//! object's body is the native's qualified name symbol and its aux the
//! keyword `:evelisp/native`, so the file stores only the name and each
//! process resolves it (`native_registry.rs`). Used by the natives'
//! install, by embedders' natives (`host_natives.rs`) and by native
//! closures (`Interp::native_closure`).

use crate::error::EvalResult;
use evelisp_heap::{Env, Kind, Ref, Value};

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

/// [`native_fn`] for a core native bound by the install: an immortal fn
/// (never counted nor freed), so reading its var takes no pin or count.
pub(crate) fn core_native_fn<'e>(
    env: &'e Env,
    qualified: Ref<'_>,
    name: Ref<'_>,
) -> EvalResult<Value<'e>> {
    let code = native_code(env, qualified)?;
    let nil = Value::nil(env);
    Ok(env.new_immortal_fn(code.borrowed(), nil.borrowed(), name)?)
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
