//! The commonest `loop*` compiled as one closure: a body that is an `if`
//! on an inlined comparison with a `recur` as one branch,
//! `(loop [i 0 s 0] (if (< i n) (recur (inc i) (+ s i)) s))`, or a `do`
//! ending in the `recur` (`dotimes`, `when`). The loop
//! tests the comparison, computes the `recur`'s values and stores them in
//! its own Rust loop: no closure call for the `if` or the `recur`, no
//! frame flag between them. The other branch may itself `recur` (it is
//! compiled with the loop's slots as its target and sets the flag as
//! usual). `Ctrl-C` is checked on every back edge, as in `loop_`.

use super::calls::Prim;
use super::{Code, Operand, compile, operand};
use crate::frame::Frame;
use crate::interp::Interp;
use crate::node::Node;
use crate::prim_op::PrimOp;
use evelisp_heap::Value;

/// The `recur`'s values: computed first (all of them), then stored.
enum RecurValues<'e> {
    One(usize, Operand<'e>),
    Two([usize; 2], Operand<'e>, Operand<'e>),
    Many(Vec<(usize, Operand<'e>)>),
}

impl<'e> RecurValues<'e> {
    #[inline(always)]
    fn store(&self, i: &Interp<'e>, f: &mut Frame<'_, 'e>) -> crate::error::EvalResult<()> {
        match self {
            RecurValues::One(s, a) => {
                let v = a.eval(i, f)?;
                f.slots[*s] = v;
            }
            RecurValues::Two([s, t], a, b) => {
                let va = a.eval(i, f)?;
                let vb = b.eval(i, f)?;
                f.slots[*s] = va;
                f.slots[*t] = vb;
            }
            RecurValues::Many(args) => {
                let mut values = smallvec::SmallVec::<[Value<'e>; 4]>::new();
                for (_, a) in args {
                    values.push(a.eval(i, f)?);
                }
                for ((slot, _), v) in args.iter().zip(values) {
                    f.slots[*slot] = v;
                }
            }
        }
        Ok(())
    }
}

/// The fused loop for `body` over `slots`, or `body` back when it has not
/// that shape (`if` on a comparison, a `recur` of `slots.len()` values in
/// one branch).
pub(super) fn fused<'e>(
    i: &Interp<'e>,
    inits: Vec<(usize, Operand<'e>)>,
    slots: &[usize],
    body: Node<'e>,
) -> Result<Code<'e>, (Vec<(usize, Operand<'e>)>, Node<'e>)> {
    let Node::If(parts) = body else {
        return Err((inits, body));
    };
    let recur_args = |n: &Node<'e>| match n {
        Node::Recur(args) => args.len() == slots.len(),
        Node::Do(nodes) => {
            matches!(nodes.last(), Some(Node::Recur(args)) if args.len() == slots.len())
        }
        _ => false,
    };
    let fits = matches!(&parts[0], Node::Prim(p) if Prim::is_comparison(p.op))
        && (recur_args(&parts[1]) || recur_args(&parts[2]));
    if !fits {
        return Err((inits, Node::If(parts)));
    }
    let [test, then, els] = *parts;
    let Node::Prim(p) = test else {
        unreachable!("checked above")
    };
    let (recur_when, branch, other) = if recur_args(&then) {
        (true, then, els)
    } else {
        (false, els, then)
    };
    // The forms before the `recur` (a `do`'s), run for their effects.
    let (before, args): (Vec<Code<'e>>, Vec<Node<'e>>) = match branch {
        Node::Recur(args) => (Vec::new(), args),
        Node::Do(mut nodes) => match nodes.pop() {
            Some(Node::Recur(args)) => (
                nodes.into_iter().map(|n| compile(i, n, None)).collect(),
                args,
            ),
            _ => unreachable!("checked above"),
        },
        _ => unreachable!("checked above"),
    };
    let mut args: Vec<(usize, Operand<'e>)> = slots
        .iter()
        .copied()
        .zip(args.into_iter().map(|a| operand(i, a, None)))
        .collect();
    let values = match args.len() {
        1 => {
            let (s, a) = args.remove(0);
            RecurValues::One(s, a)
        }
        2 => {
            let (t, b) = args.remove(1);
            let (s, a) = args.remove(0);
            RecurValues::Two([s, t], a, b)
        }
        _ => RecurValues::Many(args),
    };
    let other = operand(i, other, Some(slots));
    let p = Prim::new(i, *p);
    // One closure per operation, and per presence of forms before the
    // `recur` (the loop without them keeps its registers for the values).
    macro_rules! fused_loop {
        ($op:ident, $before:expr) => {
            Box::new(move |i, f| {
                for (slot, init) in &inits {
                    f.slots[*slot] = init.eval(i, f)?;
                }
                loop {
                    if p.test(PrimOp::$op, i, f)? == recur_when {
                        $before(i, &mut *f)?;
                        values.store(i, f)?;
                    } else {
                        let v = other.eval(i, f)?;
                        if !f.recur {
                            return Ok(v);
                        }
                        f.recur = false;
                    }
                    i.check_interrupt()?;
                }
            })
        };
    }
    macro_rules! make {
        ($op:ident) => {
            if before.is_empty() {
                fused_loop!($op, |_, _| crate::error::EvalResult::Ok(()))
            } else {
                fused_loop!($op, |i: &Interp<'e>, f: &mut Frame<'_, 'e>| {
                    for c in &before {
                        c(i, f)?;
                    }
                    crate::error::EvalResult::Ok(())
                })
            }
        };
    }
    Ok(for_each_op!(p.op, make))
}
