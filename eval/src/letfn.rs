//! `letfn*`: `(letfn* [f (fn* f [x] ...) g (fn* g [y] ...)] body...)`,
//! local functions that may call each other (mutual recursion).
//!
//! Fn objects in the env file are immutable and reference counted, so two
//! closures capturing each other would form a cycle that is never freed.
//! Instead all the functions of one `letfn*` share ONE captured vector
//! `C = [code-of-f code-of-g ... captured-value ...]`: the code objects of
//! the group first (code never references a fn object), then the union of
//! what the functions capture from outside the group. Inside any of them a
//! reference to sibling `j` is a [`Node::Sibling`] that builds
//! `new_fn(code_j, C, name_j)` from the running closure's own `C`. The body
//! of the `letfn*` sees the names as slots holding those fns.
//!
//! The code objects record the group in their aux vector (`[[f g] sym
//! ...]`, see `analyze.rs`), so they analyze the same way in another
//! process.
//!
//! Expansion binds every name before expanding any init. The `letfn`
//! macro (a native macro) gives `letfn*` from Clojure's spec syntax.

use crate::error::{EvalError, EvalResult, syntax};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::node::{FnCode, LetFnTemplate, Node};
use crate::scopes::{FnCx, ParentRef, Scopes};
use crate::special_form::SpecialForm;
use evelisp_heap::{Kind, Ref, Value, Word};
use std::rc::Rc;

impl<'e> Interp<'e> {
    /// Expands `(letfn* [name init ...] body...)`: every name is bound
    /// while the inits and the body expand.
    pub(crate) fn expand_letfn(
        &self,
        form: Ref<'_>,
        locals: &mut Vec<Word>,
    ) -> EvalResult<Value<'e>> {
        let env = self.env;
        let bindings = form.rest()?.first()?;
        if !matches!(bindings.kind()?, Some(Kind::Vector)) || bindings.count()? % 2 != 0 {
            return Err(syntax(
                "letfn*",
                "requires a vector with an even number of forms",
            ));
        }
        let mut items: Vec<Ref<'_>> = bindings.elements()?.collect::<Result<_, _>>()?;
        for pair in items.chunks_mut(2) {
            self.check_binding_symbol("letfn*", pair[0])?;
            // Bound by the interned word: no metadata.
            pair[0] = pair[0].without_meta()?;
        }
        let mark = locals.len();
        locals.extend(items.chunks(2).map(|pair| pair[0].word()));
        let result = (|| {
            let mut out_bindings = Vec::with_capacity(items.len());
            for pair in items.chunks(2) {
                out_bindings.push(env.own(pair[0])?);
                out_bindings.push(self.expand(pair[1], locals)?);
            }
            let refs: Vec<Ref<'_>> = out_bindings.iter().map(Value::borrowed).collect();
            let mut out = vec![env.own(form.first()?)?, env.make_vector(&refs)?];
            for x in form.rest()?.rest()?.elements()? {
                out.push(self.expand(x?, locals)?);
            }
            self.list_of(&out)
        })();
        locals.truncate(mark);
        result
    }

    /// Analyzes an expanded `letfn*` (see the module docs).
    pub(crate) fn analyze_letfn(
        &self,
        items: &[Ref<'_>],
        cx: &mut Scopes<'e>,
        tail: bool,
    ) -> EvalResult<Node<'e>> {
        let env = self.env;
        let Some(bindings) = items.get(1) else {
            return Err(syntax("letfn*", "needs a binding vector"));
        };
        let bindings: Vec<Ref<'_>> = bindings.elements()?.collect::<Result<_, _>>()?;
        if bindings.len() % 2 != 0 {
            return Err(syntax(
                "letfn*",
                "requires a vector with an even number of forms",
            ));
        }
        let n = bindings.len() / 2;
        let mut names = Vec::with_capacity(n);
        let mut inits = Vec::with_capacity(n);
        for pair in bindings.chunks(2) {
            let init = pair[1];
            let is_fn = matches!(init.kind()?, Some(Kind::Cons))
                && init.first()?.word() == self.sym.word(SpecialForm::Fn);
            if !is_fn {
                return Err(syntax("letfn*", "each init must be a fn* form"));
            }
            names.push(env.own(pair[0])?);
            inits.push(init);
        }
        // The shared captures: the siblings first, then what any of the
        // functions captures from outside (their union, in order found).
        let mut shared: Vec<Value<'e>> = names.clone();
        let mut shared_nodes: Vec<ParentRef> = vec![ParentRef::SelfFn; n];
        let mut analyses = Vec::with_capacity(n);
        for init in &inits {
            let mut fcx = FnCx::new();
            fcx.siblings = n;
            fcx.captures = std::mem::take(&mut shared);
            fcx.capture_nodes = std::mem::take(&mut shared_nodes);
            cx.frames.push(fcx);
            let result = self.analyze_arities(*init, cx);
            let child = cx.frames.pop().unwrap_or_else(FnCx::new);
            shared = child.captures;
            shared_nodes = child.capture_nodes;
            analyses.push(result?.1);
        }
        let mut aux_items: Vec<Ref<'_>> = Vec::with_capacity(shared.len() - n + 1);
        let name_refs: Vec<Ref<'_>> = names.iter().map(Value::borrowed).collect();
        let sibling_names = env.make_vector(&name_refs)?;
        aux_items.push(sibling_names.borrowed());
        aux_items.extend(shared[n..].iter().map(Value::borrowed));
        let aux = env.make_vector(&aux_items)?;
        let mut codes = Vec::with_capacity(n);
        for (init, arities) in inits.iter().zip(analyses) {
            let positions = self.encode_positions(*init)?;
            let code = env.new_code(*init, aux.borrowed(), &positions)?;
            let id = env.code_id(code.borrowed())?;
            self.caches
                .analysis
                .borrow_mut()
                .insert((code.word(), id), Rc::new(FnCode { arities }));
            codes.push(code);
        }
        let captures = shared_nodes[n..].iter().map(|r| r.node()).collect();
        // The names are bound in the body only.
        let top = cx.top();
        let (mark, slot_mark) = (top.locals.len(), top.next_slot);
        let slots: Vec<usize> = names.iter().map(|s| top.bind(s.word())).collect();
        let body = self.analyze_body(items.get(2..).unwrap_or_default(), cx, tail);
        let top = cx.top();
        top.locals.truncate(mark);
        top.next_slot = slot_mark;
        let template = LetFnTemplate {
            codes,
            names,
            slots,
            captures,
        };
        Ok(Node::LetFn(Box::new(template), Box::new(body?)))
    }
}

/// An internal error (a sibling reference outside a closure).
pub(crate) fn outside_closure() -> EvalError {
    EvalError::new(crate::error::EvalErrorKind::ClassCast(
        "internal error: letfn sibling outside a closure".into(),
    ))
}

/// Macro `(letfn [(f [x] body...) (g ([y] ...) ...)] body...)`:
/// `(letfn* [f (fn* f [x] body...) g (fn* g ...)] body...)`.
pub(crate) fn letfn_macro<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let env = i.env;
    let Some((specs, body)) = args.get(2..).and_then(<[Value<'e>]>::split_first) else {
        return Err(crate::error::arity(
            "clojure.core/letfn",
            args.len().saturating_sub(2),
        ));
    };
    let specs = specs.borrowed();
    if !matches!(specs.kind()?, Some(Kind::Vector)) {
        return Err(syntax("letfn", "requires a vector of function specs"));
    }
    let fn_sym = env.intern_symbol(None, "fn*")?;
    let mut bindings = Vec::new();
    for spec in specs.elements()? {
        let spec = spec?;
        let name = match spec.kind()? {
            Some(Kind::Cons) => spec.first()?,
            _ => return Err(syntax("letfn", "each spec is (name [params] body...)")),
        };
        let mut f: Vec<Ref<'_>> = vec![fn_sym.borrowed()];
        f.extend(spec.elements()?.collect::<Result<Vec<_>, _>>()?);
        bindings.push(env.own(name)?);
        bindings.push(env.make_list(&f)?);
    }
    let refs: Vec<Ref<'_>> = bindings.iter().map(Value::borrowed).collect();
    let bindings = env.make_vector(&refs)?;
    let head = env.intern_symbol(None, "letfn*")?;
    let mut out: Vec<Ref<'_>> = vec![head.borrowed(), bindings.borrowed()];
    out.extend(body.iter().map(Value::borrowed));
    Ok(env.make_list(&out)?)
}
