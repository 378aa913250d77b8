//! The operations inlined at call sites ([`PrimOp`]): which native call
//! each one replaces, and its result on small integers (and immediates, for
//! `=`) computed in place; `prims.rs` makes and runs the inlined calls.

use evelisp_heap::Word;

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
    #[inline]
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
    #[inline(always)]
    pub(crate) fn fast(self, a: Word, b: Word) -> Option<Word> {
        if self == PrimOp::Equal {
            // Two immediates are equal exactly when their words are
            // (but for two 32-bit floats: `0.0` and `-0.0`); an object (a
            // double, a big number, a collection) needs `=`.
            if a.as_object().is_some() || b.as_object().is_some() {
                return None;
            }
            if a != b && a.is_float32() && b.is_float32() {
                return None;
            }
            return Some(Word::bool(a == b));
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

/// A small integer's value, or `None` for any other word.
#[inline]
fn fixnum(w: Word) -> Option<i64> {
    w.as_fixnum()
}
