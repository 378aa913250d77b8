//! Running analyzed trees: frames of local slots, closures made of a code
//! object and a vector of captured values (both in the env file), calls of
//! functions, natives, keywords, maps, sets and vars, and `recur` in
//! constant Rust stack (a `loop*` or a function body repeats while its tail
//! asks for it). Deep non-tail recursion is bounded: past `MAX_DEPTH`
//! nested calls it is a `StackOverflow` error, never a crash (the Rust
//! stack grows on the heap through `stacker`).

use crate::error::{EvalError, EvalErrorKind, EvalResult, arity};
use crate::frame::{Closure, Frame};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::node::TopNode;
use evelisp_heap::{Kind, Ref, Value, Word};

/// Calls nested deeper than this are a `StackOverflow` error.
pub const MAX_DEPTH: usize = 10_000;
/// An error keeps at most this many frames (the innermost).
const MAX_FRAMES: usize = 64;

impl<'e> Interp<'e> {
    /// Runs a top-level form's compiled code in a frame of its own.
    pub(crate) fn run_top(&self, top: &TopNode<'e>) -> EvalResult<Value<'e>> {
        let mut frame = Frame {
            slots: vec![Value::nil(self.env); top.frame_size],
            closure: None,
            recur: false,
        };
        (top.code)(self, &mut frame)
    }

    /// The arguments in `slots` (a vector of the frame pool, given back)
    /// as a native's.
    fn args_of_slots(&self, mut slots: Vec<Value<'e>>) -> Args<'e> {
        let args = slots.drain(..).collect();
        self.give_slots(slots);
        args
    }

    /// A frame's vector (from the pool) holding `args`.
    pub(crate) fn slots_of_args(&self, args: Args<'e>) -> Vec<Value<'e>> {
        let mut slots = self.take_slots(args.len());
        slots.reserve(args.len());
        // Pushed one by one: `extend` from the small vector's iterator
        // takes its general path (a size hint and a capacity check per
        // value), several times the cost for the two or three values of
        // a step call.
        for v in args {
            slots.push(v);
        }
        slots
    }

    /// An empty vector for a call's arguments (which become its frame),
    /// from this interpreter's pool of frames when it has one.
    pub(crate) fn take_slots(&self, capacity: usize) -> Vec<Value<'e>> {
        match self.thread.frame_pool.borrow_mut().pop() {
            Some(v) => v,
            None => Vec::with_capacity(capacity.max(4)),
        }
    }

    /// Gives a finished frame's vector back to the pool (its values are
    /// dropped now; a big vector or a full pool is freed).
    #[inline(always)]
    pub(crate) fn give_slots(&self, mut slots: Vec<Value<'e>>) {
        slots.clear();
        let mut pool = self.thread.frame_pool.borrow_mut();
        if pool.len() < 256 && slots.capacity() <= 64 {
            pool.push(slots);
        }
    }

    /// Calls `f` with `values` at `site`, through the site's inline caches.
    pub(crate) fn call_at_site(
        &self,
        f: Value<'e>,
        values: Vec<Value<'e>>,
        site: &crate::node::call_site::CallSite<'e>,
    ) -> EvalResult<Value<'e>> {
        // The caches are looked at (their borrows end) before the call: the
        // body may call through this same site again.
        if let Some(c) = site.native_for(f.word()) {
            let values = self.args_of_slots(values);
            return self
                .call_native(&c.1, f.borrowed(), values)
                .map_err(|e| e.at(site.position.clone()));
        }
        if let Some(c) = site.compiled_for(f.word()) {
            // The cached fn has no captured values (see below).
            let none = Value::nil(self.env);
            return self
                .call_analyzed(f.borrowed(), none.borrowed(), &c.1, values)
                .map_err(|e| e.at(site.position.clone()));
        }
        let env = self.env;
        let at = |e: EvalError| e.at(site.position.clone());
        if !matches!(f.borrowed().kind()?, Some(Kind::Fn)) {
            return self
                .apply(f.borrowed(), self.args_of_slots(values))
                .map_err(at);
        }
        let (code, captured, _) = env.fn_parts(f.borrowed())?;
        // A closure of the code this site called last: its analysis at hand.
        if let Some(c) = site.code_for(code.word()) {
            return self
                .call_analyzed(f.borrowed(), captured, &c.1, values)
                .map_err(at);
        }
        let (body, aux, _) = env.code_parts(code)?;
        if aux.word() == self.sym.native {
            if !captured.is_nil() {
                // A native closure (`bound-fn*`): `apply` passes its values.
                return self
                    .apply(f.borrowed(), self.args_of_slots(values))
                    .map_err(at);
            }
            let native = self.resolve_native(code, body)?;
            *site.native.borrow_mut() = Some(std::rc::Rc::new((f.clone(), native)));
            let values = self.args_of_slots(values);
            return self.call_native(&native, f.borrowed(), values).map_err(at);
        }
        let analysis = self.code_analysis(code)?;
        self.remember_compiled(site, f.borrowed(), code, captured, &analysis)?;
        self.call_analyzed(f.borrowed(), captured, &analysis, values)
            .map_err(at)
    }

    /// Keeps compiled fn `f` (code object `code`, captured values
    /// `captured`) in `site`'s caches: a fn without captured values itself;
    /// a closure only by its code, since holding the closure would keep
    /// what it captured (the head of a lazy seq, say) alive until the site
    /// calls another fn.
    fn remember_compiled(
        &self,
        site: &crate::node::call_site::CallSite<'e>,
        f: Ref<'_>,
        code: Ref<'_>,
        captured: Ref<'_>,
        analysis: &std::rc::Rc<crate::node::FnCode<'e>>,
    ) -> EvalResult<()> {
        let env = self.env;
        if captured.is_nil() || captured.count()? == 0 {
            *site.compiled.borrow_mut() = Some(std::rc::Rc::new((env.own(f)?, analysis.clone())));
        } else {
            *site.code.borrow_mut() = Some(std::rc::Rc::new((env.own(code)?, analysis.clone())));
        }
        Ok(())
    }

    /// Calls `native` (the native of fn object `f`) with `args`; an error
    /// names the native in its frames.
    pub(crate) fn call_native(
        &self,
        native: &crate::native_handle::NativeImpl,
        f: Ref<'_>,
        args: Args<'e>,
    ) -> EvalResult<Value<'e>> {
        let result = self.call_resolved(*native, args);
        result.map_err(|mut e| {
            if e.frames.len() < MAX_FRAMES {
                let env = self.env;
                let name = env
                    .fn_parts(f)
                    .and_then(|(code, _, _)| env.code_parts(code))
                    .map(|(body, _, _)| crate::print::symbol_text(body))
                    .unwrap_or_else(|_| "native".into());
                e.frames.push(name);
            }
            e
        })
    }

    /// The value of a var (an error if it is unbound).
    pub(crate) fn deref_var(&self, var: Ref<'_>) -> EvalResult<Value<'e>> {
        if var.word() == self.thread.ns_var {
            return Ok(self.current_ns());
        }
        if self.is_stream_var(var) {
            return Ok(self.stream_value(var));
        }
        if let Some(bound) = self.thread_binding(var) {
            return Ok(bound);
        }
        let v = self.env.var_root(var)?.get(&self.p)?;
        if v.word() == Word::UNBOUND {
            return Err(EvalError::new(EvalErrorKind::UnboundVar(
                self.var_display(var),
            )));
        }
        Ok(v)
    }

    /// Calls `f` with `args`: a function (compiled or native), a keyword
    /// or a map or set (lookup), a vector (by index), or a var (its value).
    pub fn apply(&self, f: Ref<'_>, args: Args<'e>) -> EvalResult<Value<'e>> {
        let env = self.env;
        // Natives call fns through here (`reduce` its `f`, a lazy `map` its
        // fn): the interpreter's own call site remembers the last native
        // and the last compiled fn without captured values it called.
        if let Some(c) = self.caches.apply_site.native_for(f.word()) {
            return self.call_native(&c.1, f, args);
        }
        if let Some(c) = self.caches.apply_site.compiled_for(f.word()) {
            let none = Value::nil(env);
            return self.call_analyzed(f, none.borrowed(), &c.1, self.slots_of_args(args));
        }
        match f.kind()? {
            Some(Kind::Fn) => self.call_fn(f, args),
            Some(Kind::Keyword | Kind::Symbol) => {
                let (coll, default) = match &args[..] {
                    [m] => (m.borrowed(), None),
                    [m, d] => (m.borrowed(), Some(d)),
                    _ => return Err(arity(&crate::print::symbol_text(f), args.len())),
                };
                let found = match coll.kind()? {
                    Some(Kind::Sorted) => {
                        let set = coll.sorted_parts()?.is_set;
                        self.sorted_get(coll, f)?
                            .map(|(key, v)| if set { key } else { v })
                    }
                    Some(Kind::Map | Kind::ArrayMap | Kind::Set) => coll.get(f)?,
                    Some(Kind::TaggedLiteral | Kind::ReaderConditional) => {
                        return match crate::data_readers::reader_object_get(env, coll, f)? {
                            Some(v) => Ok(v),
                            None => Ok(default.cloned().unwrap_or_else(|| Value::nil(env))),
                        };
                    }
                    _ => None,
                };
                match (found, default) {
                    (Some(v), _) => Ok(env.own(v)?),
                    (None, Some(d)) => Ok(d.clone()),
                    (None, None) => Ok(Value::nil(env)),
                }
            }
            Some(Kind::Map | Kind::ArrayMap | Kind::Set | Kind::Sorted) => {
                let (k, default) = match &args[..] {
                    [k] => (k.borrowed(), None),
                    [k, d] => (k.borrowed(), Some(d)),
                    _ => return Err(arity("a collection", args.len())),
                };
                self.realize_key(k)?;
                let found = match crate::sorted::sorted_kind(f)? {
                    Some(set) => self
                        .sorted_get(f, k)?
                        .map(|(key, v)| if set { key } else { v }),
                    None => f.get(k)?,
                };
                match (found, default) {
                    (Some(v), _) => Ok(env.own(v)?),
                    (None, Some(d)) => Ok(d.clone()),
                    (None, None) => Ok(Value::nil(env)),
                }
            }
            // A vector is a function of its indices.
            Some(Kind::Vector) => {
                let [i] = &args[..] else {
                    return Err(arity("a vector", args.len()));
                };
                let n = f.count()?;
                match i.borrowed().view()? {
                    evelisp_heap::View::Int(k) if k >= 0 && (k as u64) < n => {
                        Ok(env.own(f.nth(k as u64)?)?)
                    }
                    evelisp_heap::View::Int(k) => {
                        Err(EvalError::new(EvalErrorKind::IndexOutOfBounds(format!(
                            "index {k} out of bounds for a vector of {n}"
                        ))))
                    }
                    _ => Err(EvalError::new(EvalErrorKind::IllegalArgument(
                        "Key must be integer".into(),
                    ))),
                }
            }
            Some(Kind::Var) => {
                // A var whose root is a var is followed here, in a loop:
                // one that leads back to itself (`(def g #'g) (g)`) is
                // Clojure's StackOverflowError, not a native overflow.
                let mut v = self.deref_var(f)?;
                for _ in 0..MAX_DEPTH {
                    if !matches!(v.borrowed().kind()?, Some(Kind::Var)) {
                        return self.apply(v.borrowed(), args);
                    }
                    v = self.deref_var(v.borrowed())?;
                }
                Err(EvalError::new(EvalErrorKind::StackOverflow(MAX_DEPTH)))
            }
            _ if f.is_nil() => Err(EvalError::new(EvalErrorKind::NullPointer(
                "nil cannot be called as a function".into(),
            ))),
            // A promise is a fn of one argument: it delivers it (Clojure's).
            Some(Kind::Atom) if self.is_promise(f)? => match &args[..] {
                [v] => self.deliver(f, v.borrowed()),
                _ => Err(arity("a promise", args.len())),
            },
            _ => Err(EvalError::new(EvalErrorKind::NotAFunction(
                crate::print::pr_str(f).unwrap_or_else(|_| "value".into()),
            ))),
        }
    }

    fn call_fn(&self, f: Ref<'_>, args: Args<'e>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let site = &self.caches.apply_site;
        let (code, captured, _) = env.fn_parts(f)?;
        if let Some(c) = site.code_for(code.word()) {
            return self.call_analyzed(f, captured, &c.1, self.slots_of_args(args));
        }
        let (body, aux, _) = env.code_parts(code)?;
        if aux.word() == self.sym.native {
            let mut args = args;
            // A native closure (`bound-fn*`) gets its captured values first.
            if !captured.is_nil() {
                args.insert(0, env.own(captured)?);
            }
            let resolved = self.resolve_native(code, body)?;
            if captured.is_nil() {
                *site.native.borrow_mut() = Some(std::rc::Rc::new((env.own(f)?, resolved)));
            }
            let result = self.call_resolved(resolved, args);
            return result.map_err(|mut e| {
                if e.frames.len() < MAX_FRAMES {
                    e.frames.push(crate::print::symbol_text(body));
                }
                e
            });
        }
        let analysis = self.code_analysis(code)?;
        self.remember_compiled(site, f, code, captured, &analysis)?;
        self.call_analyzed(f, captured, &analysis, self.slots_of_args(args))
    }

    /// Calls compiled fn `f` (captured values `captured`, analysis
    /// `analysis`) with `args`: picks the arity, binds the parameters,
    /// runs the body again while its tail asks to `recur` (checking for
    /// `Ctrl-C` on each repeat, as on each call).
    pub(crate) fn call_analyzed(
        &self,
        f: Ref<'_>,
        captured: Ref<'_>,
        analysis: &std::rc::Rc<crate::node::FnCode<'e>>,
        args: Vec<Value<'e>>,
    ) -> EvalResult<Value<'e>> {
        let n = args.len();
        let arity = match &analysis.arities[..] {
            [a] if a.required == n && !a.variadic => a,
            arities => match arities
                .iter()
                .find(|a| (!a.variadic && a.required == n) || (a.variadic && n >= a.required))
            {
                Some(a) => a,
                None => return Err(arity(&self.fn_name(f), n)),
            },
        };
        self.check_interrupt()?;
        let depth = self.thread.depth.get();
        if depth >= MAX_DEPTH {
            return Err(EvalError::new(EvalErrorKind::StackOverflow(MAX_DEPTH)));
        }
        self.thread.depth.set(depth + 1);
        let result = self.run_arity(f, captured, analysis, arity, args);
        self.thread.depth.set(depth);
        match result {
            Ok(v) => Ok(v),
            Err(e) => Err(self.with_frame(e, f)),
        }
    }

    /// Runs `arity` of fn `f` with `args` in a new frame (on a stack
    /// grown when little is left).
    #[inline(always)]
    fn run_arity(
        &self,
        f: Ref<'_>,
        captured: Ref<'_>,
        analysis: &std::rc::Rc<crate::node::FnCode<'e>>,
        arity: &crate::node::Arity<'e>,
        args: Vec<Value<'e>>,
    ) -> EvalResult<Value<'e>> {
        let slots = if arity.variadic || args.len() < arity.frame_size {
            self.bind_params(arity.required, arity.variadic, args, arity.frame_size)?
        } else {
            args
        };
        let mut frame = Frame {
            slots,
            closure: Some(Closure {
                f,
                captured,
                analysis,
            }),
            recur: false,
        };
        let result = if self.has_stack_room() {
            self.run_body(arity, &mut frame)
        } else {
            self.make_stack_room(|| self.run_body(arity, &mut frame))
        };
        // Moved out, not taken: no empty vector is left to drop.
        let Frame { slots, .. } = frame;
        self.give_slots(slots);
        result
    }

    /// Runs the body of `arity` in `frame`, again while it asks to `recur`.
    #[inline(always)]
    fn run_body<'a>(
        &self,
        arity: &crate::node::Arity<'e>,
        frame: &mut Frame<'a, 'e>,
    ) -> EvalResult<Value<'e>> {
        loop {
            let v = (arity.body)(self, frame)?;
            // A `recur` of the parameters stored its values already.
            if !frame.recur {
                return Ok(v);
            }
            frame.recur = false;
            self.check_interrupt()?;
        }
    }

    /// The name of fn `f` for messages.
    #[cold]
    fn fn_name(&self, f: Ref<'_>) -> String {
        let name = self.env.fn_parts(f).map(|(_, _, name)| name);
        name.map_or_else(|_| "fn".into(), |name| self.fn_display(name))
    }

    /// Error `e` with fn `f`'s frame added (up to `MAX_FRAMES`).
    #[cold]
    #[inline(never)]
    fn with_frame(&self, mut e: EvalError, f: Ref<'_>) -> EvalError {
        if e.frames.len() < MAX_FRAMES {
            e.frames.push(self.fn_name(f));
        }
        e
    }

    /// The slots of a call's frame: the first `required` arguments, then
    /// (variadic) the rest as a list, or nil when there is none, then nil
    /// up to `frame_size`. The argument vector becomes the frame.
    #[inline(never)]
    fn bind_params(
        &self,
        required: usize,
        variadic: bool,
        mut args: Vec<Value<'e>>,
        frame_size: usize,
    ) -> EvalResult<Vec<Value<'e>>> {
        if variadic {
            let rest = args.split_off(required);
            args.push(if rest.is_empty() {
                Value::nil(self.env)
            } else {
                let refs: Vec<Ref<'_>> = rest.iter().map(Value::borrowed).collect();
                self.env.make_list(&refs)?
            });
        }
        if args.len() < frame_size {
            args.resize(frame_size, Value::nil(self.env));
        }
        Ok(args)
    }

    /// `ns/name` of a function for messages (its name symbol, qualified by
    /// the current namespace when it has none).
    fn fn_display(&self, name: Ref<'_>) -> String {
        if name.is_nil() {
            return "fn".into();
        }
        let ns = self.current_ns_name().unwrap_or_default();
        match name.symbol_parts() {
            Ok((Some(ns), n)) => format!("{ns}/{n}"),
            Ok((None, n)) => format!("{ns}/{n}"),
            Err(_) => "fn".into(),
        }
    }
}
