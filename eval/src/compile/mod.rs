//! Compiling the analyzed tree to closures. Each [`Node`] of a function
//! arity's body (or of a top-level form) becomes a Rust closure that runs
//! it ([`Code`]), made once when the code object is analyzed and cached with
//! the analysis per process (the code in the env file stays the resolved
//! form, so every process can run every function). Compiling decides at
//! analysis time what the tree walker decided on every run: which node
//! kind, whether an operand is a local or a constant read in place
//! ([`Operand`]), whether an `if` tests an inlined comparison (a `bool`,
//! no value made, inside the `if`'s own closure; any other test is a
//! [`Cond`]), which slots a `recur` stores into (it stores
//! them itself and the `loop*` or call repeats: a jump, no values carried),
//! whether a call is of the running fn, through a var, or of a value.
//!
//! The parts: `control.rs` (`if`, `do`, `let*`, `loop*`, `recur`, `try`,
//! `binding`, `letfn*`, `throw`), `calls.rs` (calls and inlined
//! primitives), `values.rs` (`fn*`, `def`, `set!`, literals, vars,
//! captured locals).

/// A closure per operation, so each one's fast path is its own code (the
/// operation a constant): `$make!(Op)` gives the closure for `Op`.
macro_rules! for_each_op {
    ($op:expr, $make:ident) => {
        match $op {
            $crate::prim_op::PrimOp::Add => $make!(Add),
            $crate::prim_op::PrimOp::Sub => $make!(Sub),
            $crate::prim_op::PrimOp::Mul => $make!(Mul),
            $crate::prim_op::PrimOp::Lt => $make!(Lt),
            $crate::prim_op::PrimOp::Gt => $make!(Gt),
            $crate::prim_op::PrimOp::Le => $make!(Le),
            $crate::prim_op::PrimOp::Ge => $make!(Ge),
            $crate::prim_op::PrimOp::NumEq => $make!(NumEq),
            $crate::prim_op::PrimOp::Equal => $make!(Equal),
            $crate::prim_op::PrimOp::Inc => $make!(Inc),
            $crate::prim_op::PrimOp::Dec => $make!(Dec),
            $crate::prim_op::PrimOp::Zero => $make!(Zero),
            $crate::prim_op::PrimOp::Pos => $make!(Pos),
            $crate::prim_op::PrimOp::Neg => $make!(Neg),
        }
    };
}

mod calls;
mod control;
mod loops;
mod values;

use crate::error::EvalResult;
use crate::frame::Frame;
use crate::interp::Interp;
use crate::node::Node;
use evelisp_heap::{Value, Word};

/// A compiled node: runs it in a frame and gives its value.
pub(crate) type Code<'e> =
    Box<dyn for<'a> Fn(&Interp<'e>, &mut Frame<'a, 'e>) -> EvalResult<Value<'e>> + 'e>;

/// A compiled test: whether the node's value is truthy.
pub(crate) type Cond<'e> =
    Box<dyn for<'a> Fn(&Interp<'e>, &mut Frame<'a, 'e>) -> EvalResult<bool> + 'e>;

/// A compiled operand: a local or a constant is read in place by the node
/// that uses it (no call); anything else is compiled code.
pub(crate) enum Operand<'e> {
    /// A local slot, copied.
    Local(usize),
    /// The last read of a local slot: its value is taken out.
    Move(usize),
    /// A constant.
    Const(Value<'e>),
    /// An inlined primitive, run in place (no call of a closure).
    Prim(Box<calls::Prim<'e>>),
    /// Any other node.
    Code(Code<'e>),
}

impl<'e> Operand<'e> {
    /// The operand's value.
    #[inline(always)]
    pub(crate) fn eval(&self, i: &Interp<'e>, f: &mut Frame<'_, 'e>) -> EvalResult<Value<'e>> {
        match self {
            Operand::Local(s) => Ok(f.slots[*s].clone()),
            Operand::Move(s) => Ok(std::mem::replace(&mut f.slots[*s], Value::nil(i.env))),
            Operand::Const(v) => Ok(v.clone()),
            Operand::Prim(p) => p.run(p.op, i, f),
            Operand::Code(c) => c(i, f),
        }
    }

    /// The operand's word without evaluating anything, for a local or a
    /// constant (what the inlined primitives compute on).
    #[inline(always)]
    pub(crate) fn word(&self, f: &Frame<'_, 'e>) -> Option<Word> {
        match self {
            Operand::Local(s) | Operand::Move(s) => f.slots.get(*s).map(Value::word),
            Operand::Const(v) => Some(v.word()),
            Operand::Prim(_) | Operand::Code(_) => None,
        }
    }
}

/// Compiles `node` as an operand; `target` is the slots a `recur` in it
/// stores into (see [`compile`]).
pub(crate) fn operand<'e>(i: &Interp<'e>, node: Node<'e>, target: Option<&[usize]>) -> Operand<'e> {
    match node {
        Node::Local(s) => Operand::Local(s),
        Node::MoveLocal(s) => Operand::Move(s),
        Node::Const(v) => Operand::Const(v),
        Node::Prim(p) => Operand::Prim(Box::new(calls::Prim::new(i, *p))),
        node => Operand::Code(compile(i, node, target)),
    }
}

/// Compiles a fn arity's body, whose `recur`s store into `params`: a body
/// that is an `if` on a comparison with a `recur` in one branch runs as
/// one fused loop (`loops.rs`), as a `loop*` of that shape does.
pub(crate) fn compile_fn_body<'e>(i: &Interp<'e>, body: Node<'e>, params: &[usize]) -> Code<'e> {
    match loops::fused(i, Vec::new(), params, body) {
        Ok(code) => code,
        Err((_, body)) => compile(i, body, Some(params)),
    }
}

/// Compiles `node` in interpreter `i` (which gives the analysis-time facts:
/// the thread's stream vars and `*ns*`). `target` is the slots that a
/// `recur` in tail position of `node` stores its values into: the
/// enclosing `loop*`'s bindings or the function's parameters; `None`
/// where analysis allows no `recur`.
pub(crate) fn compile<'e>(i: &Interp<'e>, node: Node<'e>, target: Option<&[usize]>) -> Code<'e> {
    match node {
        Node::Const(v) => Box::new(move |_, _| Ok(v.clone())),
        Node::Local(s) => Box::new(move |_, f| Ok(f.slots[s].clone())),
        Node::MoveLocal(s) => {
            Box::new(move |i, f| Ok(std::mem::replace(&mut f.slots[s], Value::nil(i.env))))
        }
        Node::If(parts) => control::if_(i, *parts, target),
        Node::Do(nodes) => control::do_(i, nodes, target),
        Node::Let(inits, body) => control::let_(i, inits, *body, target),
        Node::Loop(inits, body) => control::loop_(i, inits, *body, target),
        Node::Recur(args) => control::recur(i, args, target),
        Node::LetFn(t, body) => control::letfn(i, *t, *body, target),
        Node::Throw(x, position) => control::throw(i, *x, position),
        Node::Try(body, catches, finally) => control::try_(i, *body, catches, finally),
        Node::Binding(pairs, body) => control::binding(i, pairs, *body),
        Node::Invoke(f, args, site) => calls::invoke(i, *f, args, *site),
        Node::Prim(p) => calls::prim(i, *p),
        Node::Captured(n) => values::captured(n),
        Node::Sibling(j) => values::sibling(j),
        Node::SelfFn => values::self_fn(),
        Node::Var(var) => values::var(i, var),
        Node::TheVar(var) => Box::new(move |_, _| Ok(var.clone())),
        Node::Fn(t) => values::fn_(i, *t),
        Node::Def(var, init) => values::def(i, var, init.map(|n| *n)),
        Node::SetBang(var, value) => values::set_bang(i, var, *value),
        Node::Vector(items) => values::vector(i, items),
        Node::Map(entries) => values::map(i, entries),
        Node::Set(items) => values::set(i, items),
    }
}

/// The error of compiled code run where the analysis did not allow it
/// (a damaged tree; never for code the analyzer made).
pub(crate) fn internal(what: &str) -> crate::error::EvalError {
    crate::error::EvalError::new(crate::error::EvalErrorKind::ClassCast(format!(
        "internal error: {what}"
    )))
}
