//! Compiled control forms: `if` (testing an inlined comparison as a
//! `bool`), `do`, `let*`, `loop*` and `recur` (a `recur` stores its values
//! into the target's slots and sets the frame's flag; the `loop*` or the
//! call repeats its body while the flag is set, checking for `Ctrl-C` on
//! each back edge), `letfn*`, `throw`, `try` and `binding`.

use super::{Code, Cond, Operand, compile, internal, operand};
use crate::error::{EvalResult, Position};
use crate::frame::Frame;
use crate::interp::Interp;
use crate::node::{Catch, LetFnTemplate, Node};
use evelisp_heap::{Ref, Value};

/// `(if test then else)`.
pub(super) fn if_<'e>(i: &Interp<'e>, parts: [Node<'e>; 3], target: Option<&[usize]>) -> Code<'e> {
    let [test, then, els] = parts;
    let then = operand(i, then, target);
    let els = operand(i, els, target);
    // A comparison tested inside the `if`'s own closure (one per
    // operation): no call of a test closure.
    if let Node::Prim(p) = test {
        if super::calls::Prim::is_comparison(p.op) {
            let p = super::calls::Prim::new(i, *p);
            macro_rules! make {
                ($op:ident) => {
                    Box::new(move |i, f| {
                        if p.test(crate::prim_op::PrimOp::$op, i, f)? {
                            then.eval(i, f)
                        } else {
                            els.eval(i, f)
                        }
                    })
                };
            }
            return for_each_op!(p.op, make);
        }
        return if_tested(cond(i, Node::Prim(p)), then, els);
    }
    if_tested(cond(i, test), then, els)
}

/// An `if` on a compiled test.
fn if_tested<'e>(test: Cond<'e>, then: Operand<'e>, els: Operand<'e>) -> Code<'e> {
    Box::new(move |i, f| {
        if test(i, f)? {
            then.eval(i, f)
        } else {
            els.eval(i, f)
        }
    })
}

/// A test other than an inlined comparison (which `if_` tests in its own
/// closure): its value's truth.
fn cond<'e>(i: &Interp<'e>, test: Node<'e>) -> Cond<'e> {
    match operand(i, test, None) {
        Operand::Const(v) => {
            let truth = crate::rust_values::truthy(v.borrowed());
            Box::new(move |_, _| Ok(truth))
        }
        Operand::Local(s) => {
            Box::new(move |_, f| Ok(crate::rust_values::truthy(f.slots[s].borrowed())))
        }
        Operand::Move(s) => Box::new(move |i, f| {
            let v = std::mem::replace(&mut f.slots[s], Value::nil(i.env));
            Ok(crate::rust_values::truthy(v.borrowed()))
        }),
        Operand::Code(c) => {
            Box::new(move |i, f| Ok(crate::rust_values::truthy(c(i, f)?.borrowed())))
        }
        test @ Operand::Prim(_) => {
            Box::new(move |i, f| Ok(crate::rust_values::truthy(test.eval(i, f)?.borrowed())))
        }
    }
}

/// `(do ...)`: the last value.
pub(super) fn do_<'e>(
    i: &Interp<'e>,
    mut nodes: Vec<Node<'e>>,
    target: Option<&[usize]>,
) -> Code<'e> {
    let Some(last) = nodes.pop() else {
        return Box::new(|i, _| Ok(Value::nil(i.env)));
    };
    let last = compile(i, last, target);
    if nodes.is_empty() {
        return last;
    }
    let before: Vec<Code<'e>> = nodes.into_iter().map(|n| compile(i, n, None)).collect();
    Box::new(move |i, f| {
        for c in &before {
            c(i, f)?;
        }
        last(i, f)
    })
}

/// Compiles bindings: each init (no `recur` inside) with its slot.
fn inits<'e>(i: &Interp<'e>, inits: Vec<(usize, Node<'e>)>) -> Vec<(usize, Operand<'e>)> {
    inits
        .into_iter()
        .map(|(slot, init)| (slot, operand(i, init, None)))
        .collect()
}

/// `let*`: each init stored in its slot, then the body.
pub(super) fn let_<'e>(
    i: &Interp<'e>,
    bindings: Vec<(usize, Node<'e>)>,
    body: Node<'e>,
    target: Option<&[usize]>,
) -> Code<'e> {
    let bindings = inits(i, bindings);
    let body = compile(i, body, target);
    Box::new(move |i, f| {
        for (slot, init) in &bindings {
            f.slots[*slot] = init.eval(i, f)?;
        }
        body(i, f)
    })
}

/// `loop*`: a `let*` whose body repeats while a `recur` asked for it.
pub(super) fn loop_<'e>(
    i: &Interp<'e>,
    bindings: Vec<(usize, Node<'e>)>,
    body: Node<'e>,
    _target: Option<&[usize]>,
) -> Code<'e> {
    let slots: Vec<usize> = bindings.iter().map(|(s, _)| *s).collect();
    let bindings = inits(i, bindings);
    let (bindings, body) = match super::loops::fused(i, bindings, &slots, body) {
        Ok(code) => return code,
        Err(parts) => parts,
    };
    let body = compile(i, body, Some(&slots));
    Box::new(move |i, f| {
        for (slot, init) in &bindings {
            f.slots[*slot] = init.eval(i, f)?;
        }
        loop {
            let v = body(i, f)?;
            if !f.recur {
                return Ok(v);
            }
            f.recur = false;
            i.check_interrupt()?;
        }
    })
}

/// `recur`: its values, all computed first, stored into the target's
/// slots; the frame's flag tells the `loop*` or call to repeat.
pub(super) fn recur<'e>(i: &Interp<'e>, args: Vec<Node<'e>>, target: Option<&[usize]>) -> Code<'e> {
    let Some(target) = target.filter(|t| t.len() == args.len()) else {
        return Box::new(|_, _| Err(internal("recur without a target")));
    };
    let mut args: Vec<Operand<'e>> = args.into_iter().map(|a| operand(i, a, None)).collect();
    match (target, args.len()) {
        (&[s], 1) => {
            let a = args.remove(0);
            Box::new(move |i, f| {
                let v = a.eval(i, f)?;
                f.slots[s] = v;
                f.recur = true;
                Ok(Value::nil(i.env))
            })
        }
        (&[s, t], 2) => {
            let b = args.remove(1);
            let a = args.remove(0);
            Box::new(move |i, f| {
                let va = a.eval(i, f)?;
                let vb = b.eval(i, f)?;
                f.slots[s] = va;
                f.slots[t] = vb;
                f.recur = true;
                Ok(Value::nil(i.env))
            })
        }
        _ => {
            let target = target.to_vec();
            Box::new(move |i, f| {
                let mut values = smallvec::SmallVec::<[Value<'e>; 4]>::new();
                for a in &args {
                    values.push(a.eval(i, f)?);
                }
                for (slot, v) in target.iter().zip(values) {
                    f.slots[*slot] = v;
                }
                f.recur = true;
                Ok(Value::nil(i.env))
            })
        }
    }
}

/// `letfn*`: one captured vector for the group, a fn per slot, the body
/// (see `letfn.rs`).
pub(super) fn letfn<'e>(
    i: &Interp<'e>,
    t: LetFnTemplate<'e>,
    body: Node<'e>,
    target: Option<&[usize]>,
) -> Code<'e> {
    let LetFnTemplate {
        codes,
        names,
        slots,
        captures,
    } = t;
    let captures: Vec<Operand<'e>> = captures.into_iter().map(|c| operand(i, c, None)).collect();
    let body = compile(i, body, target);
    Box::new(move |i, f| {
        let env = i.env;
        let mut values = Vec::with_capacity(captures.len());
        for c in &captures {
            values.push(c.eval(i, f)?);
        }
        let mut refs: Vec<Ref<'_>> = codes.iter().map(Value::borrowed).collect();
        refs.extend(values.iter().map(Value::borrowed));
        let shared = env.make_vector(&refs)?;
        for ((code, name), slot) in codes.iter().zip(&names).zip(&slots) {
            f.slots[*slot] = env.new_fn(code.borrowed(), shared.borrowed(), name.borrowed())?;
        }
        body(i, f)
    })
}

/// `throw`: the error of the value, at the form's position.
pub(super) fn throw<'e>(i: &Interp<'e>, x: Node<'e>, position: Option<Position>) -> Code<'e> {
    let x = operand(i, x, None);
    Box::new(move |i, f| {
        let v = x.eval(i, f)?;
        Err(i.throw_value(v).at(position.clone()))
    })
}

/// A compiled `catch` clause: what it matches, the slot of its name, its
/// body.
struct CompiledCatch<'e> {
    class: Value<'e>,
    slot: usize,
    body: Code<'e>,
}

/// `try`: the body; on an error the first matching `catch`; the
/// `finally` body in any case (an error in it replaces the one thrown).
pub(super) fn try_<'e>(
    i: &Interp<'e>,
    body: Node<'e>,
    catches: Vec<Catch<'e>>,
    finally: Option<Box<Node<'e>>>,
) -> Code<'e> {
    let body = compile(i, body, None);
    let catches: Vec<CompiledCatch<'e>> = catches
        .into_iter()
        .map(|c| CompiledCatch {
            class: c.class,
            slot: c.slot,
            body: compile(i, c.body, None),
        })
        .collect();
    let finally = finally.map(|n| compile(i, *n, None));
    Box::new(move |i, f| {
        let mut result = body(i, f);
        if let Err(e) = result {
            let classes = catches.iter().map(|c| c.class.borrowed());
            result = match i.matching_catch(&e, classes)? {
                Some(n) => {
                    let c = &catches[n];
                    f.slots[c.slot] = i.error_value(e)?;
                    (c.body)(i, f)
                }
                None => Err(e),
            };
        }
        if let Some(finally) = &finally {
            finally(i, f)?;
        }
        result
    })
}

/// `binding`: thread bindings of dynamic vars around the body.
pub(super) fn binding<'e>(
    i: &Interp<'e>,
    pairs: Vec<(Value<'e>, Node<'e>)>,
    body: Node<'e>,
) -> Code<'e> {
    let pairs: Vec<(Value<'e>, Operand<'e>)> = pairs
        .into_iter()
        .map(|(var, init)| (var, operand(i, init, None)))
        .collect();
    let body = compile(i, body, None);
    Box::new(move |i, f| run_binding(i, &pairs, &body, f))
}

fn run_binding<'e>(
    i: &Interp<'e>,
    pairs: &[(Value<'e>, Operand<'e>)],
    body: &Code<'e>,
    f: &mut Frame<'_, 'e>,
) -> EvalResult<Value<'e>> {
    let mut values = Vec::with_capacity(pairs.len());
    for (var, init) in pairs {
        values.push((var.borrowed(), init.eval(i, f)?));
    }
    i.with_bindings(values, || body(i, f))
}
