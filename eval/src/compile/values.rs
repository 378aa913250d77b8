//! Compiled nodes that make or read values: captured locals, `letfn*`
//! siblings, the running fn, vars, `fn*` (a closure: the code object and a
//! vector of the captured values, in the file), `def`, `set!` and the
//! vector, map and set literals.

use super::{Code, Operand, internal, operand};
use crate::interp::Interp;
use crate::node::{FnTemplate, Node};
use evelisp_heap::{Ref, Value};

/// A local captured by the running closure.
pub(super) fn captured<'e>(n: usize) -> Code<'e> {
    Box::new(move |i, f| {
        let c = f
            .closure
            .as_ref()
            .ok_or_else(|| internal("capture outside a closure"))?;
        Ok(i.env.own(c.captured.nth(n as u64)?)?)
    })
}

/// Sibling `j` of the running `letfn*` fn: a fn made from the code at
/// index `j` of the closure's captured vector and that vector.
pub(super) fn sibling<'e>(j: usize) -> Code<'e> {
    Box::new(move |i, f| {
        let env = i.env;
        let c = f
            .closure
            .as_ref()
            .ok_or_else(crate::letfn::outside_closure)?;
        let code = c.captured.nth(j as u64)?;
        let (_, aux, _) = env.code_parts(code)?;
        let name = aux.nth(0)?.nth(j as u64)?;
        Ok(env.new_fn(code, c.captured, name)?)
    })
}

/// The running fn itself.
pub(super) fn self_fn<'e>() -> Code<'e> {
    Box::new(|i, f| {
        let c = f
            .closure
            .as_ref()
            .ok_or_else(|| internal("self outside a closure"))?;
        Ok(i.env.own(c.f)?)
    })
}

/// A var's value. For a var other than `*ns*` and the stream vars, its
/// root is found once here (vars are immortal: a root stays valid); each
/// read then checks this thread's bindings (one AND of filter bits, as a
/// call through a var does) and loads the root.
pub(super) fn var<'e>(i: &Interp<'e>, var: Value<'e>) -> Code<'e> {
    let root = match i.env.var_root(var.borrowed()) {
        Ok(root) if var.word() != i.thread.ns_var && !i.is_stream_var(var.borrowed()) => root,
        _ => return Box::new(move |i, _| i.deref_var(var.borrowed())),
    };
    let bits = crate::dynamic::filter_bits(var.word());
    Box::new(move |i, _| {
        if i.is_thread_bound_by(var.word(), bits) {
            return i.deref_var(var.borrowed());
        }
        let v = root.get(&i.p)?;
        if v.word() == evelisp_heap::Word::UNBOUND {
            return i.deref_var(var.borrowed());
        }
        Ok(v)
    })
}

/// `fn*`: a closure of the code object and the captured values.
pub(super) fn fn_<'e>(i: &Interp<'e>, t: FnTemplate<'e>) -> Code<'e> {
    let FnTemplate {
        code,
        captures,
        name,
    } = t;
    let captures: Vec<Operand<'e>> = captures.into_iter().map(|c| operand(i, c, None)).collect();
    Box::new(move |i, f| {
        let env = i.env;
        let mut values = Vec::with_capacity(captures.len());
        for c in &captures {
            values.push(c.eval(i, f)?);
        }
        let refs: Vec<Ref<'_>> = values.iter().map(Value::borrowed).collect();
        let captured = env.make_vector(&refs)?;
        Ok(env.new_fn(code.borrowed(), captured.borrowed(), name.borrowed())?)
    })
}

/// `def`: sets the var's root (when there is an init) and gives the var.
pub(super) fn def<'e>(i: &Interp<'e>, var: Value<'e>, init: Option<Node<'e>>) -> Code<'e> {
    let Some(init) = init else {
        return Box::new(move |_, _| Ok(var.clone()));
    };
    let init = operand(i, init, None);
    Box::new(move |i, f| {
        let v = init.eval(i, f)?;
        i.check_publishable(v.borrowed(), || {
            format!("var {}", i.var_display(var.borrowed()))
        })?;
        i.env.var_root(var.borrowed())?.reset(&i.p, v)?;
        Ok(var.clone())
    })
}

/// `set!` of a dynamic var's thread binding.
pub(super) fn set_bang<'e>(i: &Interp<'e>, var: Value<'e>, value: Node<'e>) -> Code<'e> {
    let value = operand(i, value, None);
    Box::new(move |i, f| {
        let v = value.eval(i, f)?;
        i.set_binding(var.borrowed(), v)
    })
}

/// A vector literal with evaluated elements.
pub(super) fn vector<'e>(i: &Interp<'e>, items: Vec<Node<'e>>) -> Code<'e> {
    let items: Vec<Operand<'e>> = items.into_iter().map(|n| operand(i, n, None)).collect();
    Box::new(move |i, f| {
        let mut values = Vec::with_capacity(items.len());
        for a in &items {
            values.push(a.eval(i, f)?);
        }
        let refs: Vec<Ref<'_>> = values.iter().map(Value::borrowed).collect();
        Ok(i.env.make_vector(&refs)?)
    })
}

/// A map literal with evaluated keys and values.
pub(super) fn map<'e>(i: &Interp<'e>, entries: Vec<(Node<'e>, Node<'e>)>) -> Code<'e> {
    let entries: Vec<(Operand<'e>, Operand<'e>)> = entries
        .into_iter()
        .map(|(k, v)| (operand(i, k, None), operand(i, v, None)))
        .collect();
    Box::new(move |i, f| {
        let env = i.env;
        let mut m = env.empty_map()?;
        for (k, v) in &entries {
            let (k, v) = (k.eval(i, f)?, v.eval(i, f)?);
            i.realize_key(k.borrowed())?;
            m = env.assoc(m.borrowed(), k.borrowed(), v.borrowed())?;
        }
        Ok(m)
    })
}

/// A set literal with evaluated elements.
pub(super) fn set<'e>(i: &Interp<'e>, items: Vec<Node<'e>>) -> Code<'e> {
    let items: Vec<Operand<'e>> = items.into_iter().map(|n| operand(i, n, None)).collect();
    Box::new(move |i, f| {
        let env = i.env;
        let mut s = env.empty_set()?;
        for x in &items {
            let x = x.eval(i, f)?;
            i.realize_key(x.borrowed())?;
            s = env.conj(s.borrowed(), x.borrowed())?;
        }
        Ok(s)
    })
}
