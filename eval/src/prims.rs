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

use crate::analyze::Node;
use crate::call_site::CallSite;
use crate::interp::{Interp, NativeImpl};
use evelisp_heap::{Root, Value, Word};

/// An inlined operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PrimOp {
    /// `(+ a b)`.
    Add,
    /// `(- a b)`.
    Sub,
    /// `(* a b)`.
    Mul,
    /// `(< a b)`.
    Lt,
    /// `(> a b)`.
    Gt,
    /// `(<= a b)`.
    Le,
    /// `(>= a b)`.
    Ge,
    /// `(== a b)`.
    NumEq,
    /// `(= a b)`.
    Equal,
    /// `(inc a)`.
    Inc,
    /// `(dec a)`.
    Dec,
    /// `(zero? a)`.
    Zero,
    /// `(pos? a)`.
    Pos,
    /// `(neg? a)`.
    Neg,
}

impl PrimOp {
    /// The operation a call of native `name` with `argc` arguments inlines.
    pub(crate) fn for_native(name: &str, argc: usize) -> Option<PrimOp> {
        let op = match (name, argc) {
            ("+", 2) => PrimOp::Add,
            ("-", 2) => PrimOp::Sub,
            ("*", 2) => PrimOp::Mul,
            ("<", 2) => PrimOp::Lt,
            (">", 2) => PrimOp::Gt,
            ("<=", 2) => PrimOp::Le,
            (">=", 2) => PrimOp::Ge,
            ("==", 2) => PrimOp::NumEq,
            ("=", 2) => PrimOp::Equal,
            ("inc", 1) => PrimOp::Inc,
            ("dec", 1) => PrimOp::Dec,
            ("zero?", 1) => PrimOp::Zero,
            ("pos?", 1) => PrimOp::Pos,
            ("neg?", 1) => PrimOp::Neg,
            _ => return None,
        };
        Some(op)
    }

    /// The result for immediate arguments, or `None` when the native must
    /// decide (an argument is not a small integer, or the result is not).
    fn fast(self, a: Word, b: Word) -> Option<Word> {
        if self == PrimOp::Equal {
            // Two immediates are equal exactly when their words are; an
            // object (a float, a big number, a collection) needs `=`.
            return (a.as_object().is_none() && b.as_object().is_none())
                .then(|| Word::bool(a == b));
        }
        let x = fixnum(a)?;
        let y = || fixnum(b);
        // Fixnums have 62 bits: a sum or difference never overflows i64,
        // and a result outside the fixnum range goes to the native.
        match self {
            PrimOp::Add => Word::fixnum(x + y()?),
            PrimOp::Sub => Word::fixnum(x - y()?),
            PrimOp::Mul => Word::fixnum(x.checked_mul(y()?)?),
            PrimOp::Lt => Some(Word::bool(x < y()?)),
            PrimOp::Gt => Some(Word::bool(x > y()?)),
            PrimOp::Le => Some(Word::bool(x <= y()?)),
            PrimOp::Ge => Some(Word::bool(x >= y()?)),
            PrimOp::NumEq => Some(Word::bool(x == y()?)),
            PrimOp::Inc => Word::fixnum(x + 1),
            PrimOp::Dec => Word::fixnum(x - 1),
            PrimOp::Zero => Some(Word::bool(x == 0)),
            PrimOp::Pos => Some(Word::bool(x > 0)),
            PrimOp::Neg => Some(Word::bool(x < 0)),
            PrimOp::Equal => None,
        }
    }
}

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

/// A small integer's value, or `None` for any other word.
fn fixnum(w: Word) -> Option<i64> {
    w.as_fixnum()
}

/// An inlined call: the operation, the var it was called through and that
/// var's root, the native fn the root held at analysis (kept alive here, so
/// its word cannot be reused while this node compares against it), the
/// native itself, the argument nodes and the call site.
pub(crate) struct PrimCall<'e> {
    pub op: PrimOp,
    pub var: Value<'e>,
    pub root: Root<'e>,
    pub native_fn: Value<'e>,
    pub native: NativeImpl,
    pub args: Vec<Node<'e>>,
    pub site: CallSite<'e>,
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
        let name = crate::expand::symbol_text(body);
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

    /// Whether the call still means the inlined native: the var's root is
    /// the same fn object and this thread has not bound the var.
    pub(crate) fn prim_applies(&self, p: &PrimCall<'e>) -> bool {
        p.root.current_word() == p.native_fn.word() && !self.is_thread_bound(p.var.word())
    }

    /// The fast result of `p` for argument words `a` and `b` (`b` unused
    /// by one-argument operations).
    pub(crate) fn prim_fast(&self, op: PrimOp, a: Word, b: Word) -> Option<Value<'e>> {
        op.fast(a, b).and_then(|w| Value::immediate(self.env, w))
    }
}
