//! The analyzed tree: [`Node`] and the templates its nodes hold, made by
//! `analyze.rs` (and `analyze_special.rs`, `letfn.rs`, `prims.rs`) from
//! resolved code and run by `run.rs`. Process-local: a tree holds counted
//! values of the file (constants, vars, code objects) but is never stored.

pub mod call_site;

use crate::compile::Code;
use crate::error::Position;
use crate::native_handle::NativeImpl;
use crate::prim_op::PrimOp;
use call_site::CallSite;
use evelisp_heap::{Root, Value};

/// A node of the analyzed tree.
pub(crate) enum Node<'e> {
    /// A constant (quoted data, literals).
    Const(Value<'e>),
    /// A local of the current frame.
    Local(usize),
    /// The last read of a local: its value is taken out of the slot
    /// (`moves.rs`).
    MoveLocal(usize),
    /// A local captured by the running closure.
    Captured(usize),
    /// Sibling `j` of the running `letfn*` function: a fn made from the
    /// code at index `j` of the closure's captured vector and that vector.
    Sibling(usize),
    /// `letfn*`: makes the group's fns in their slots, then the body.
    LetFn(Box<LetFnTemplate<'e>>, Box<Node<'e>>),
    /// The running function itself (its name in its body).
    SelfFn,
    /// A var's value.
    Var(Value<'e>),
    /// `(var x)`: the var itself.
    TheVar(Value<'e>),
    /// `(if test then else)`.
    If(Box<[Node<'e>; 3]>),
    /// `(do ...)`: the last value.
    Do(Vec<Node<'e>>),
    /// `let*`: each init stored in its slot, then the body.
    Let(Vec<(usize, Node<'e>)>, Box<Node<'e>>),
    /// `loop*`: a `let*` that `recur` jumps back to.
    Loop(Vec<(usize, Node<'e>)>, Box<Node<'e>>),
    /// `recur`: new values for the target's slots (a `loop*`'s bindings,
    /// or the function's parameters), in order.
    Recur(Vec<Node<'e>>),
    /// `fn*`: makes a closure.
    Fn(Box<FnTemplate<'e>>),
    /// A call.
    Invoke(Box<Node<'e>>, Vec<Node<'e>>, Box<CallSite<'e>>),
    /// A call of an inlined primitive through its var (`prims.rs`).
    Prim(Box<PrimCall<'e>>),
    /// `def`: sets the var's root (when there is an init) and gives the var.
    Def(Value<'e>, Option<Box<Node<'e>>>),
    /// `throw`, and where it is written.
    Throw(Box<Node<'e>>, Option<Position>),
    /// `binding`: thread bindings of dynamic vars around the body.
    Binding(Vec<(Value<'e>, Node<'e>)>, Box<Node<'e>>),
    /// `set!` of a dynamic var's thread binding.
    SetBang(Value<'e>, Box<Node<'e>>),
    /// `try`: the body, the catch clauses in order, the finally body.
    Try(Box<Node<'e>>, Vec<Catch<'e>>, Option<Box<Node<'e>>>),
    /// A vector literal with evaluated elements.
    Vector(Vec<Node<'e>>),
    /// A map literal with evaluated keys and values.
    Map(Vec<(Node<'e>, Node<'e>)>),
    /// A set literal with evaluated elements.
    Set(Vec<Node<'e>>),
}

/// A `catch` clause: what it matches, the slot of its name, its body.
pub(crate) struct Catch<'e> {
    /// A class symbol (`Exception`, `ArithmeticException`, ...) or keyword.
    pub class: Value<'e>,
    /// The slot the error value is bound to.
    pub slot: usize,
    /// The body.
    pub body: Node<'e>,
}

/// What a `fn*` node needs to make a closure.
pub(crate) struct FnTemplate<'e> {
    /// The code object in the file.
    pub code: Value<'e>,
    /// The captured values, evaluated where the closure is made.
    pub captures: Vec<Node<'e>>,
    /// The function's name symbol, or nil.
    pub name: Value<'e>,
}

/// The analysis of a code object, cached per process.
pub(crate) struct FnCode<'e> {
    /// The arities, by number of required parameters.
    pub arities: Vec<Arity<'e>>,
}

/// One arity of a function.
pub(crate) struct Arity<'e> {
    /// Parameters before `&`.
    pub required: usize,
    /// Whether a `& rest` parameter takes the remaining arguments.
    pub variadic: bool,
    /// Slots the frame needs (parameters first).
    pub frame_size: usize,
    /// The body, compiled.
    pub body: Code<'e>,
}

/// The top level's analysis: its compiled code and the frame size it needs.
pub(crate) struct TopNode<'e> {
    pub code: Code<'e>,
    pub frame_size: usize,
}

/// What a `letfn*` node needs to make its functions.
pub(crate) struct LetFnTemplate<'e> {
    /// The code object of each function, in binding order.
    pub codes: Vec<Value<'e>>,
    /// The bound names (also the fns' names).
    pub names: Vec<Value<'e>>,
    /// The slot each fn is stored in.
    pub slots: Vec<usize>,
    /// The values captured from outside the group, evaluated where the
    /// `letfn*` runs.
    pub captures: Vec<Node<'e>>,
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
