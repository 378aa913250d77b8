//! Analysis: resolved code (see `expand.rs`) becomes a process-local tree,
//! [`Node`], that `run.rs` evaluates: locals are frame slots, globals are
//! var objects, closures list what they capture.
//!
//! A `fn*` becomes a code object in the env file (its resolved form, and a
//! vector of the symbols it captures, in order) plus, per process, the
//! analysis of that code ([`FnCode`], cached by the code's word and its
//! file-unique id). A function defined in one process is called in another
//! by analyzing the same code object there: the result does not depend on
//! that process's namespaces or macros, because the code is resolved.
//!
//! The aux vector of a code object has one of two layouts:
//! - a plain `fn*`: `[sym ...]`, the captured symbols; the fn's captured
//!   vector holds their values in the same order;
//! - a function of a `letfn*` group (`letfn.rs`): `[[sib ...] sym ...]`,
//!   first a vector of the group's names (in binding order), then the
//!   symbols captured from outside the group. Every fn of the group shares
//!   one captured vector `[code-of-sib ... value-of-sym ...]`, so a
//!   reference to sibling `j` builds `new_fn(code_j, captured, sib_j)` from
//!   the running closure's own vector (no fn object references another:
//!   no reference cycle, which reference counts could never free).

use crate::error::{EvalError, EvalErrorKind, EvalResult, syntax};
use crate::interp::Interp;
use crate::node::call_site::CallSite;
use crate::node::{Arity, FnCode, FnTemplate, Node, PrimCall, TopNode};
use crate::scopes::{FnCx, ParentRef, Scopes};
use evelisp_heap::{Kind, Ref, Value};
use std::rc::Rc;

impl<'e> Interp<'e> {
    /// Analyzes resolved code evaluated at the top level.
    pub(crate) fn analyze_top(&self, form: Ref<'_>) -> EvalResult<TopNode<'e>> {
        let mut cx = Scopes {
            frames: vec![FnCx::new()],
        };
        let mut node = self.analyze(form, &mut cx, false)?;
        crate::moves::mark_moves(&mut node);
        Ok(TopNode {
            code: crate::compile::compile(self, node, None),
            frame_size: cx.top().max_slot,
        })
    }

    pub(crate) fn analyze(
        &self,
        form: Ref<'_>,
        cx: &mut Scopes<'e>,
        tail: bool,
    ) -> EvalResult<Node<'e>> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            self.analyze_on_stack(form, cx, tail)
        })
    }

    fn analyze_on_stack(
        &self,
        form: Ref<'_>,
        cx: &mut Scopes<'e>,
        tail: bool,
    ) -> EvalResult<Node<'e>> {
        let env = self.env;
        match form.kind()? {
            Some(Kind::Symbol) => match cx.lookup(env, form)? {
                Some(r) => Ok(r.node()),
                None => Err(EvalError::new(EvalErrorKind::UnresolvedSymbol(
                    crate::print::symbol_text(form),
                ))),
            },
            Some(Kind::Var) => Ok(Node::Var(env.own(form)?)),
            // An error in a list is placed at the innermost list that has
            // a known position (expansion copies positions to the forms it
            // rebuilds).
            Some(Kind::Cons) => self
                .analyze_list(form, cx, tail)
                .map_err(|e| e.at(self.position_of(form.word()))),
            Some(Kind::Vector) if !self.is_constant(form)? => Ok(Node::Vector(
                form.elements()?
                    .map(|x| self.analyze(x?, cx, false))
                    .collect::<EvalResult<_>>()?,
            )),
            Some(Kind::Map | Kind::ArrayMap) if !self.is_constant(form)? => {
                let mut entries = Vec::new();
                for e in form.entries()? {
                    let (k, v) = e?;
                    entries.push((self.analyze(k, cx, false)?, self.analyze(v, cx, false)?));
                }
                Ok(Node::Map(entries))
            }
            Some(Kind::Set) if !self.is_constant(form)? => Ok(Node::Set(
                form.elements()?
                    .map(|x| self.analyze(x?, cx, false))
                    .collect::<EvalResult<_>>()?,
            )),
            _ => Ok(Node::Const(env.own(form)?)),
        }
    }

    /// Whether a collection literal holds only constants (then it is its
    /// own value, shared rather than rebuilt).
    fn is_constant(&self, form: Ref<'_>) -> EvalResult<bool> {
        let leaf = |x: Ref<'_>| -> EvalResult<bool> {
            Ok(match x.kind()? {
                Some(Kind::Symbol | Kind::Var | Kind::Cons) => false,
                Some(Kind::Vector | Kind::Map | Kind::ArrayMap | Kind::Set) => {
                    self.is_constant(x)?
                }
                _ => true,
            })
        };
        match form.kind()? {
            Some(Kind::Map | Kind::ArrayMap) => {
                for e in form.entries()? {
                    let (k, v) = e?;
                    if !leaf(k)? || !leaf(v)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            _ => {
                for x in form.elements()? {
                    if !leaf(x?)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
        }
    }

    fn analyze_list(&self, form: Ref<'_>, cx: &mut Scopes<'e>, tail: bool) -> EvalResult<Node<'e>> {
        let env = self.env;
        let head = form.first()?;
        let items: Vec<Ref<'_>> = form.elements()?.collect::<Result<_, _>>()?;
        let is_local =
            matches!(head.kind()?, Some(Kind::Symbol)) && cx.lookup(env, head)?.is_some();
        if matches!(head.kind()?, Some(Kind::Symbol))
            && !is_local
            && let Some(special) = self.sym.form_of(head.word())
        {
            return self.analyze_special(special, form, &items, cx, tail);
        }
        let f = self.analyze(head, cx, false)?;
        let args: Vec<Node<'e>> = items
            .iter()
            .skip(1)
            .map(|x| self.analyze(*x, cx, false))
            .collect::<EvalResult<_>>()?;
        let var_root = match &f {
            Node::Var(var) => Some(env.var_root(var.borrowed())?),
            _ => None,
        };
        let site = CallSite::new(
            self.position_of(form.word()),
            var_root,
            match &f {
                Node::Var(var) => crate::dynamic::filter_bits(var.word()),
                _ => 0,
            },
        );
        if let Node::Var(var) = &f
            && let Some((op, root, native_fn, native)) = self.inline_prim(var, &args)?
        {
            let Node::Var(var) = f else {
                unreachable!("matched above")
            };
            return Ok(Node::Prim(Box::new(PrimCall {
                op,
                var,
                root,
                native_fn,
                native,
                args,
                site,
            })));
        }
        Ok(Node::Invoke(Box::new(f), args, Box::new(site)))
    }

    pub(crate) fn analyze_body(
        &self,
        body: &[Ref<'_>],
        cx: &mut Scopes<'e>,
        tail: bool,
    ) -> EvalResult<Node<'e>> {
        let mut nodes = Vec::with_capacity(body.len());
        for (i, x) in body.iter().enumerate() {
            nodes.push(self.analyze(*x, cx, tail && i + 1 == body.len())?);
        }
        Ok(match nodes.len() {
            0 => Node::Const(Value::nil(self.env)),
            1 => nodes.pop().unwrap_or(Node::Const(Value::nil(self.env))),
            _ => Node::Do(nodes),
        })
    }

    /// `(fn* name? ([params] body...)+)` inside `cx`: analyzes the arities
    /// (finding what the function captures), stores the code object, and
    /// caches its analysis for this process.
    pub(crate) fn analyze_fn(&self, form: Ref<'_>, cx: &mut Scopes<'e>) -> EvalResult<Node<'e>> {
        let env = self.env;
        cx.frames.push(FnCx::new());
        let arities = self.analyze_arities(form, cx);
        let child = cx.frames.pop().unwrap_or_else(FnCx::new);
        let (name, arities) = arities?;
        let captures: Vec<Ref<'_>> = child.captures.iter().map(Value::borrowed).collect();
        let aux = env.make_vector(&captures)?;
        let positions = self.encode_positions(form)?;
        let code = env.new_code(form, aux.borrowed(), &positions)?;
        let capture_nodes = child.capture_nodes;
        let id = env.code_id(code.borrowed())?;
        self.caches
            .analysis
            .borrow_mut()
            .insert((code.word(), id), Rc::new(FnCode { arities }));
        Ok(Node::Fn(Box::new(FnTemplate {
            code,
            captures: capture_nodes.into_iter().map(ParentRef::node).collect(),
            name,
        })))
    }

    /// The analysis of a code object made by any process (cached).
    pub(crate) fn code_analysis(&self, code: Ref<'_>) -> EvalResult<Rc<FnCode<'e>>> {
        let env = self.env;
        let key = (code.word(), env.code_id(code)?);
        if let Some(hit) = self.caches.analysis.borrow().get(&key) {
            return Ok(hit.clone());
        }
        let (body, aux, positions) = env.code_parts(code)?;
        let mut fcx = FnCx::new();
        fcx.fixed = true;
        for (k, c) in aux.elements()?.enumerate() {
            let c = c?;
            if k == 0 && matches!(c.kind()?, Some(Kind::Vector)) {
                // A `letfn*` function: its group's names come first.
                for sib in c.elements()? {
                    fcx.captures.push(env.own(sib?)?);
                }
                fcx.siblings = fcx.captures.len();
            } else {
                fcx.captures.push(env.own(c)?);
            }
        }
        let mut cx = Scopes { frames: vec![fcx] };
        let (_, arities) =
            self.with_code_positions(body, positions, || self.analyze_arities(body, &mut cx))?;
        let analysis = Rc::new(FnCode { arities });
        self.caches
            .analysis
            .borrow_mut()
            .insert(key, analysis.clone());
        Ok(analysis)
    }

    /// The name and the arities of a resolved `fn*` form, analyzed in
    /// `cx` (a fresh function context).
    pub(crate) fn analyze_arities(
        &self,
        form: Ref<'_>,
        cx: &mut Scopes<'e>,
    ) -> EvalResult<(Value<'e>, Vec<Arity<'e>>)> {
        let env = self.env;
        let mut rest = form.rest()?;
        let mut name = Value::nil(env);
        if matches!(rest.first()?.kind()?, Some(Kind::Symbol)) {
            name = env.own(rest.first()?)?;
            cx.top().self_name = Some(name.word());
            rest = rest.rest()?;
        }
        let mut arities: Vec<Arity<'e>> = Vec::new();
        for arity in rest.elements()? {
            let arity = arity?;
            let params = arity.first()?;
            let mut required = 0;
            let mut variadic = false;
            let mut names = Vec::new();
            let ps: Vec<Ref<'_>> = params.elements()?.collect::<Result<_, _>>()?;
            let mut i = 0;
            while i < ps.len() {
                if ps[i].word() == self.sym.amp {
                    if i + 2 != ps.len() {
                        return Err(syntax("fn*", "& must be followed by exactly one parameter"));
                    }
                    variadic = true;
                    names.push(ps[i + 1].word());
                    break;
                }
                required += 1;
                names.push(ps[i].word());
                i += 1;
            }
            if arities
                .iter()
                .any(|a| a.required == required && !a.variadic && !variadic)
            {
                return Err(syntax("fn*", "can't have 2 overloads with the same arity"));
            }
            if variadic && arities.iter().any(|a| a.variadic) {
                return Err(syntax("fn*", "can't have more than 1 variadic overload"));
            }
            let top = cx.top();
            let (mark, slot_mark) = (top.locals.len(), top.next_slot);
            let slots: Vec<usize> = names.iter().map(|&n| top.bind(n)).collect();
            let saved = top.recur_target.replace(slots.clone());
            let body: Vec<Ref<'_>> = arity.rest()?.elements()?.collect::<Result<_, _>>()?;
            let body = self.analyze_body(&body, cx, true);
            let top = cx.top();
            top.recur_target = saved;
            let frame_size = top.max_slot;
            top.locals.truncate(mark);
            top.next_slot = slot_mark;
            top.max_slot = 0;
            let mut body = body?;
            crate::moves::mark_moves(&mut body);
            arities.push(Arity {
                required,
                variadic,
                frame_size,
                body: crate::compile::compile_fn_body(self, body, &slots),
            });
        }
        Ok((name, arities))
    }
}
