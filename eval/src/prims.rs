//! Primitive operations inlined at call sites: a call of `+ - * < > <= >=
//! == = inc dec zero? pos? neg?` through its `clojure.core` var becomes a
//! `Node::Prim` that computes small integers (and any immediates, for `=`)
//! in place, without looking the var up, making an argument vector or
//! calling the native.
//!
//! The inlining never changes meaning: each time it runs, the node checks
//! that the var's root is still the native fn it was analyzed with (one
//! atomic load: `alter-var-root`, `with-redefs` or a `def` in any process
//! change it) and that this thread has not bound the var; otherwise, and
//! for arguments that are not small integers, it makes the ordinary call.

use crate::interp::Interp;
use crate::native_handle::NativeImpl;
use crate::node::Node;
use crate::prim_op::PrimOp;
use evelisp_heap::{Root, Value, Word};

/// The result of native `op` for `args` when they are small integers of
/// the operation's arity (the natives' own fast path, for calls that do
/// not go through an inlined site: `reduce`'s `f`, `apply`, `swap!`).
pub(crate) fn fast_native<'e>(i: &Interp<'e>, op: PrimOp, args: &[Value<'e>]) -> Option<Value<'e>> {
    let unary = matches!(
        op,
        PrimOp::Inc | PrimOp::Dec | PrimOp::Zero | PrimOp::Pos | PrimOp::Neg
    );
    let (a, b) = match (args, unary) {
        ([a], true) => (a.word(), Word::NIL),
        ([a, b], false) => (a.word(), b.word()),
        _ => return None,
    };
    i.prim_fast(op, a, b)
}

impl<'e> Interp<'e> {
    /// A `Node::Prim` for a call of `var` with `args`, when the var holds
    /// one of the inlined natives now.
    pub(crate) fn inline_prim(
        &self,
        var: &Value<'e>,
        args: &[Node<'e>],
    ) -> crate::error::EvalResult<Option<(PrimOp, Root<'e>, Value<'e>, NativeImpl)>> {
        let env = self.env;
        let root = env.var_root(var.borrowed())?;
        let f = root.get(&self.p)?;
        if !matches!(f.borrowed().kind()?, Some(evelisp_heap::Kind::Fn)) {
            return Ok(None);
        }
        let (code, captured, _) = env.fn_parts(f.borrowed())?;
        let (body, aux, _) = env.code_parts(code)?;
        if aux.word() != self.sym.native || !captured.is_nil() {
            return Ok(None);
        }
        let name = crate::print::symbol_text(body);
        let short = name.strip_prefix("clojure.core/").unwrap_or(&name);
        let Some(op) = PrimOp::for_native(short, args.len()) else {
            return Ok(None);
        };
        let native = self.resolve_native(code, body)?;
        if !matches!(native, NativeImpl::Core(_)) {
            return Ok(None);
        }
        Ok(Some((op, root, f, native)))
    }

    /// The fast result of `p` for argument words `a` and `b` (`b` unused
    /// by one-argument operations).
    pub(crate) fn prim_fast(&self, op: PrimOp, a: Word, b: Word) -> Option<Value<'e>> {
        op.fast(a, b).and_then(|w| Value::immediate(self.env, w))
    }
}
