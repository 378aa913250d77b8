//! Compiled calls. A call is compiled by what its head is: the running fn
//! by its own name (called with its analysis at hand, no count taken), a
//! var (the site's caches are checked against the var's root word: a
//! compiled fn or a native called again reads nothing from the file), or
//! any other value (through the site's caches too). An inlined primitive
//! (`prims.rs`) computes small integers from its operands' words; as an
//! `if` test a comparison gives a `bool` without making a value.

use super::{Code, Operand, operand};
use crate::error::EvalResult;
use crate::frame::Frame;
use crate::interp::Interp;
use crate::native_handle::NativeImpl;
use crate::native_registry::Args;
use crate::node::call_site::CallSite;
use crate::node::{Node, PrimCall};
use crate::prim_op::PrimOp;
use evelisp_heap::{Root, Value, Word};

/// A call: `f` applied to `args` at `site`.
pub(super) fn invoke<'e>(
    i: &Interp<'e>,
    f: Node<'e>,
    args: Vec<Node<'e>>,
    site: CallSite<'e>,
) -> Code<'e> {
    let args: Vec<Operand<'e>> = args.into_iter().map(|a| operand(i, a, None)).collect();
    match f {
        Node::SelfFn => Box::new(move |i, fr| {
            let Some(c) = &fr.closure else {
                return Err(super::internal("self outside a closure"));
            };
            let (f, captured, analysis) = (c.f, c.captured, c.analysis);
            let values = run_args(i, &args, fr)?;
            i.call_analyzed(f, captured, analysis, values)
                .map_err(|e| e.at(site.position.clone()))
        }),
        Node::Var(var)
            if site.var_root.is_some()
                && var.word() != i.thread.ns_var
                && !i.is_stream_var(var.borrowed()) =>
        {
            Box::new(move |i, fr| {
                if let Some(root) = &site.var_root
                    && !i.is_thread_bound_by(var.word(), site.var_bits)
                {
                    let w = root.current_word();
                    if let Some(c) = site.compiled_for(w) {
                        let values = run_args(i, &args, fr)?;
                        let none = Value::nil(i.env);
                        return i
                            .call_analyzed(c.0.borrowed(), none.borrowed(), &c.1, values)
                            .map_err(|e| e.at(site.position.clone()));
                    }
                    if let Some(c) = site.native_for(w) {
                        let values = native_args(i, &args, fr)?;
                        return i
                            .call_native(&c.1, c.0.borrowed(), values)
                            .map_err(|e| e.at(site.position.clone()));
                    }
                }
                let f = i.deref_var(var.borrowed())?;
                let values = run_args(i, &args, fr)?;
                i.call_at_site(f, values, &site)
            })
        }
        f => {
            let f = operand(i, f, None);
            Box::new(move |i, fr| {
                let f = f.eval(i, fr)?;
                let values = run_args(i, &args, fr)?;
                i.call_at_site(f, values, &site)
            })
        }
    }
}

/// The values of argument operands, in order, in a vector of the frame
/// pool (it becomes the callee's frame).
#[inline(always)]
fn run_args<'e>(
    i: &Interp<'e>,
    args: &[Operand<'e>],
    fr: &mut Frame<'_, 'e>,
) -> EvalResult<Vec<Value<'e>>> {
    let mut values = i.take_slots(args.len());
    for a in args {
        values.push(a.eval(i, fr)?);
    }
    Ok(values)
}

/// The values of argument operands, in order, for a native.
fn native_args<'e>(
    i: &Interp<'e>,
    args: &[Operand<'e>],
    fr: &mut Frame<'_, 'e>,
) -> EvalResult<Args<'e>> {
    let mut values = Args::new();
    for a in args {
        values.push(a.eval(i, fr)?);
    }
    Ok(values)
}

/// A compiled inlined primitive: the operation, the var it is called
/// through, that var's root, the native fn the root held at analysis
/// (kept alive here, so its word cannot be reused while compared against),
/// the native itself, one or two operands and the call site.
pub(crate) struct Prim<'e> {
    /// The operation.
    pub(super) op: PrimOp,
    var: Value<'e>,
    root: Root<'e>,
    native_fn: Value<'e>,
    native: NativeImpl,
    a: Operand<'e>,
    b: Option<Operand<'e>>,
    site: CallSite<'e>,
}

impl<'e> Prim<'e> {
    /// Compiles an inlined call.
    pub(super) fn new(i: &Interp<'e>, p: PrimCall<'e>) -> Prim<'e> {
        let PrimCall {
            op,
            var,
            root,
            native_fn,
            native,
            args,
            site,
        } = p;
        let mut args = args.into_iter().map(|a| operand(i, a, None));
        let a = args.next().unwrap_or(Operand::Const(Value::nil(i.env)));
        let b = args.next();
        Prim {
            op,
            var,
            root,
            native_fn,
            native,
            a,
            b,
            site,
        }
    }

    /// Whether the call still means the inlined native: the var's root is
    /// the same fn object and this thread has not bound the var.
    #[inline(always)]
    fn applies(&self, i: &Interp<'e>) -> bool {
        self.root.current_word() == self.native_fn.word()
            && !i.is_thread_bound_by(self.var.word(), self.site.var_bits)
    }

    /// The result's word when the operands are locals or constants whose
    /// words the operation computes on in place. `op` is `self.op`, a
    /// constant where the closure for one operation inlines this.
    #[inline(always)]
    fn fast_word(&self, op: PrimOp, f: &Frame<'_, 'e>) -> Option<Word> {
        let a = self.a.word(f)?;
        let b = match &self.b {
            Some(b) => b.word(f)?,
            None => Word::NIL,
        };
        op.fast(a, b)
    }

    /// The primitive's value (`op` is `self.op`, see [`Prim::fast_word`]).
    #[inline(always)]
    pub(super) fn run(
        &self,
        op: PrimOp,
        i: &Interp<'e>,
        f: &mut Frame<'_, 'e>,
    ) -> EvalResult<Value<'e>> {
        if !self.applies(i) {
            return self.as_call(i, f);
        }
        if let Some(v) = self
            .fast_word(op, f)
            .and_then(|w| Value::immediate(i.env, w))
        {
            return Ok(v);
        }
        self.evaluated(i, f)
    }

    /// Whether the value is truthy (`op` is `self.op`, see
    /// [`Prim::fast_word`]): a comparison of small integers gives its
    /// `bool` without making a value.
    #[inline(always)]
    pub(super) fn test(
        &self,
        op: PrimOp,
        i: &Interp<'e>,
        f: &mut Frame<'_, 'e>,
    ) -> EvalResult<bool> {
        if self.applies(i)
            && let Some(w) = self.fast_word(op, f)
        {
            return Ok(w == Word::bool(true));
        }
        self.test_slow(i, f)
    }

    /// [`Prim::test`] but for small integers.
    #[inline(never)]
    fn test_slow(&self, i: &Interp<'e>, f: &mut Frame<'_, 'e>) -> EvalResult<bool> {
        Ok(crate::rust_values::truthy(
            self.run(self.op, i, f)?.borrowed(),
        ))
    }

    /// Whether the operation is a comparison (its value a boolean).
    pub(super) fn is_comparison(op: PrimOp) -> bool {
        use PrimOp::*;
        matches!(op, Lt | Gt | Le | Ge | NumEq | Equal | Zero | Pos | Neg)
    }

    /// The operands evaluated, then the fast result or the native's.
    #[inline(never)]
    fn evaluated(&self, i: &Interp<'e>, f: &mut Frame<'_, 'e>) -> EvalResult<Value<'e>> {
        let a = self.a.eval(i, f)?;
        let b = match &self.b {
            Some(b) => Some(b.eval(i, f)?),
            None => None,
        };
        let b_word = b.as_ref().map_or(Word::NIL, Value::word);
        if let Some(v) = i.prim_fast(self.op, a.word(), b_word) {
            return Ok(v);
        }
        let mut values = Args::new();
        values.push(a);
        values.extend(b);
        i.call_native(&self.native, self.native_fn.borrowed(), values)
            .map_err(|e| e.at(self.site.position.clone()))
    }

    /// The var no longer holds the native (or this thread bound it): the
    /// call the primitive stands for.
    #[inline(never)]
    fn as_call(&self, i: &Interp<'e>, f: &mut Frame<'_, 'e>) -> EvalResult<Value<'e>> {
        let fv = i.deref_var(self.var.borrowed())?;
        let mut values = i.take_slots(2);
        values.push(self.a.eval(i, f)?);
        if let Some(b) = &self.b {
            values.push(b.eval(i, f)?);
        }
        i.call_at_site(fv, values, &self.site)
    }
}

/// An inlined primitive.
pub(super) fn prim<'e>(i: &Interp<'e>, p: PrimCall<'e>) -> Code<'e> {
    let p = Prim::new(i, p);
    macro_rules! make {
        ($op:ident) => {
            Box::new(move |i, f| p.run(PrimOp::$op, i, f))
        };
    }
    for_each_op!(p.op, make)
}
