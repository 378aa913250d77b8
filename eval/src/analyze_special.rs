//! The analysis of the special forms in resolved code (`analyze.rs` does
//! calls, literals and `fn*` arities). The code analyzed may come from
//! another process's env file, and a file may be damaged: every form's
//! shape is checked here as it is taken apart (counts of parts, even
//! binding vectors, vars where resolved code has vars, symbols where it
//! binds names), and a form that is not what the expander makes is a
//! syntax error naming the form, never a panic or an index out of range.

use crate::error::{EvalError, EvalErrorKind, EvalResult, syntax};
use crate::interp::Interp;
use crate::node::{Catch, Node};
use crate::scopes::Scopes;
use crate::special_form::SpecialForm;
use evelisp_heap::{Kind, Ref, Value};

/// The elements of `coll` (a vector or list) in pairs: a binding vector.
fn pairs<'a>(form: &'static str, coll: Ref<'a>) -> EvalResult<Vec<(Ref<'a>, Ref<'a>)>> {
    if !matches!(coll.kind()?, Some(Kind::Vector | Kind::Cons))
        && coll.word() != evelisp_heap::Word::EMPTY_LIST
    {
        return Err(syntax(form, "needs a binding vector"));
    }
    let items: Vec<Ref<'a>> = coll.elements()?.collect::<Result<_, _>>()?;
    if items.len() % 2 != 0 {
        return Err(syntax(
            form,
            "needs an even number of forms in its binding vector",
        ));
    }
    Ok(items.chunks_exact(2).map(|p| (p[0], p[1])).collect())
}

/// `x` if it is a var (what the expander puts where a form names a var).
fn var_in<'a>(form: &'static str, x: Ref<'a>) -> EvalResult<Ref<'a>> {
    if matches!(x.kind()?, Some(Kind::Var)) {
        Ok(x)
    } else {
        Err(syntax(form, "expects a resolved var in expanded code"))
    }
}

/// `x` if it is a symbol (a name a form binds).
fn symbol_in<'a>(form: &'static str, x: Ref<'a>) -> EvalResult<Ref<'a>> {
    if matches!(x.kind()?, Some(Kind::Symbol)) {
        Ok(x)
    } else {
        Err(syntax(form, "binds names that must be symbols"))
    }
}

/// The error of a `recur` that is not allowed here.
fn recur_error(message: String) -> EvalError {
    EvalError::new(EvalErrorKind::Recur(message))
}

impl<'e> Interp<'e> {
    /// Analyzes special form `special`: `form` is the whole form, `items`
    /// its elements (the head first).
    pub(crate) fn analyze_special(
        &self,
        special: SpecialForm,
        form: Ref<'_>,
        items: &[Ref<'_>],
        cx: &mut Scopes<'e>,
        tail: bool,
    ) -> EvalResult<Node<'e>> {
        let env = self.env;
        let args = items.get(1..).unwrap_or_default();
        match special {
            SpecialForm::Quote => {
                let [x] = args[..] else {
                    return Err(syntax("quote", "takes exactly one form"));
                };
                Ok(Node::Const(env.own(x)?))
            }
            SpecialForm::If => {
                let (test, then, els) = match args[..] {
                    [t, a] => (t, a, None),
                    [t, a, b] => (t, a, Some(b)),
                    _ => return Err(syntax("if", "takes a test, a then and an optional else")),
                };
                let test = self.analyze(test, cx, false)?;
                let then = self.analyze(then, cx, tail)?;
                let els = match els {
                    Some(b) => self.analyze(b, cx, tail)?,
                    None => Node::Const(Value::nil(env)),
                };
                Ok(Node::If(Box::new([test, then, els])))
            }
            SpecialForm::Do => self.analyze_body(args, cx, tail),
            SpecialForm::Let => self.analyze_let(args, cx, tail, false),
            SpecialForm::Loop => self.analyze_let(args, cx, tail, true),
            SpecialForm::Recur => {
                let Some(target) = cx.top().recur_target.clone() else {
                    return Err(recur_error("Can only recur from tail position".into()));
                };
                if !tail {
                    return Err(recur_error("Can only recur from tail position".into()));
                }
                if target.len() != args.len() {
                    return Err(recur_error(format!(
                        "Mismatched argument count to recur, expected: {} args, got: {}",
                        target.len(),
                        args.len()
                    )));
                }
                let args = args
                    .iter()
                    .map(|x| self.analyze(*x, cx, false))
                    .collect::<EvalResult<_>>()?;
                Ok(Node::Recur(args))
            }
            SpecialForm::Fn => self.analyze_fn(form, cx),
            SpecialForm::Letfn => self.analyze_letfn(items, cx, tail),
            SpecialForm::Def => {
                let (var, init) = match args[..] {
                    [var] => (var, None),
                    [var, init] => (var, Some(init)),
                    _ => return Err(syntax("def", "takes a var and an optional init")),
                };
                let var = env.own(var_in("def", var)?)?;
                let init = match init {
                    Some(x) => {
                        let mut node = self.analyze(x, cx, false)?;
                        // A fn bound by a def is named after its var, `ns/name`
                        // (for messages and frames, wherever it is called
                        // from): an anonymous one, or one named like the var
                        // (`defn`). Its local self-name is not changed.
                        let (ns, name) = env.var_name(var.borrowed())?;
                        if let Node::Fn(t) = &mut node
                            && (t.name.word().is_nil() || t.name.word() == name.word())
                        {
                            t.name = env.intern_symbol(
                                Some(ns.symbol_parts()?.1),
                                name.symbol_parts()?.1,
                            )?;
                        }
                        Some(Box::new(node))
                    }
                    None => None,
                };
                Ok(Node::Def(var, init))
            }
            SpecialForm::Var => {
                let [var] = args[..] else {
                    return Err(syntax("var", "takes exactly one symbol"));
                };
                Ok(Node::TheVar(env.own(var_in("var", var)?)?))
            }
            SpecialForm::Try => self.analyze_try(args, cx),
            SpecialForm::Binding => {
                let Some((&bindings, body)) = args.split_first() else {
                    return Err(syntax("binding", "needs a binding vector"));
                };
                let mut analyzed = Vec::new();
                for (var, value) in pairs("binding", bindings)? {
                    let var = env.own(var_in("binding", var)?)?;
                    analyzed.push((var, self.analyze(value, cx, false)?));
                }
                let saved = cx.top().recur_target.take();
                let body = self.analyze_body(body, cx, false);
                cx.top().recur_target = saved;
                Ok(Node::Binding(analyzed, Box::new(body?)))
            }
            SpecialForm::SetBang => {
                let [var, value] = args[..] else {
                    return Err(syntax("set!", "takes a var name and a value"));
                };
                let var = env.own(var_in("set!", var)?)?;
                let value = self.analyze(value, cx, false)?;
                Ok(Node::SetBang(var, Box::new(value)))
            }
            SpecialForm::Throw => {
                let [x] = args[..] else {
                    return Err(syntax("throw", "takes exactly one form"));
                };
                Ok(Node::Throw(
                    Box::new(self.analyze(x, cx, false)?),
                    self.position_of(form.word()),
                ))
            }
            // The expander rewrites these: they never reach resolved code.
            SpecialForm::Ns | SpecialForm::Defmacro => Err(syntax(
                special.name(),
                "is not expanded: stored code is damaged",
            )),
        }
    }

    /// `(try body... (catch class name body...)* (finally body...)?)`;
    /// `args` are the parts after `try`.
    fn analyze_try(&self, args: &[Ref<'_>], cx: &mut Scopes<'e>) -> EvalResult<Node<'e>> {
        let env = self.env;
        let mut body = Vec::new();
        let mut catches = Vec::new();
        let mut finally = None;
        for item in args {
            let head = if matches!(item.kind()?, Some(Kind::Cons)) {
                Some(item.first()?.word())
            } else {
                None
            };
            if head == Some(self.sym.catch) {
                let parts: Vec<Ref<'_>> = item.elements()?.collect::<Result<_, _>>()?;
                let [_, class, name, ref handler @ ..] = parts[..] else {
                    return Err(syntax("catch", "takes a class, a name and a body"));
                };
                let name = symbol_in("catch", name)?;
                let top = cx.top();
                let (mark, slot_mark) = (top.locals.len(), top.next_slot);
                let slot = top.bind(name.word());
                // `recur` cannot cross a catch.
                let saved = top.recur_target.take();
                let node = self.analyze_body(handler, cx, false);
                let top = cx.top();
                top.recur_target = saved;
                top.locals.truncate(mark);
                top.next_slot = slot_mark;
                catches.push(Catch {
                    class: env.own(class)?,
                    slot,
                    body: node?,
                });
            } else if head == Some(self.sym.finally) {
                let parts: Vec<Ref<'_>> = item.elements()?.collect::<Result<_, _>>()?;
                let saved = cx.top().recur_target.take();
                let node = self.analyze_body(parts.get(1..).unwrap_or_default(), cx, false);
                cx.top().recur_target = saved;
                finally = Some(Box::new(node?));
            } else {
                body.push(*item);
            }
        }
        let saved = cx.top().recur_target.take();
        let body = self.analyze_body(&body, cx, false);
        cx.top().recur_target = saved;
        Ok(Node::Try(Box::new(body?), catches, finally))
    }

    /// `(let* [name init ...] body...)` or `loop*`; `args` are the parts
    /// after the head.
    fn analyze_let(
        &self,
        args: &[Ref<'_>],
        cx: &mut Scopes<'e>,
        tail: bool,
        is_loop: bool,
    ) -> EvalResult<Node<'e>> {
        let form = if is_loop { "loop*" } else { "let*" };
        let Some((&bindings, body)) = args.split_first() else {
            return Err(syntax(form, "needs a binding vector"));
        };
        let bindings = pairs(form, bindings)?;
        let (mark, slot_mark) = (cx.top().locals.len(), cx.top().next_slot);
        let saved = cx.top().recur_target.clone();
        let mut inits = Vec::new();
        let result = (|| {
            for (name, init) in bindings {
                let name = symbol_in(form, name)?;
                let init = self.analyze(init, cx, false)?;
                let slot = cx.top().bind(name.word());
                inits.push((slot, init));
            }
            if is_loop {
                cx.top().recur_target = Some(inits.iter().map(|(s, _)| *s).collect());
            }
            self.analyze_body(body, cx, tail || is_loop)
        })();
        let top = cx.top();
        top.recur_target = saved;
        top.locals.truncate(mark);
        top.next_slot = slot_mark;
        let body = Box::new(result?);
        Ok(if is_loop {
            Node::Loop(inits, body)
        } else {
            Node::Let(inits, body)
        })
    }
}
