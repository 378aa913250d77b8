//! Expansion: a form (heap value) becomes *resolved code*: every macro call
//! is expanded (the macro runs), every global symbol is replaced by its var
//! object (vars are immortal, so code can hold them), `def` interns its var.
//! Locals stay symbols, special forms keep their symbols, quoted data is
//! left alone. Resolved code means the same thing in every process, whatever
//! that process's current namespace, aliases or macros: it is what a
//! function's code object stores in the env file (`analyze.rs` makes it).
//!
//! Metadata: code holds no symbol with metadata — a symbol is compared by
//! its (interned) word, so `^String x` in parameters or bindings, or
//! `^:private f`, is bound and resolved as `x` and `f`. A vector, map, set
//! or `()` literal with metadata evaluates to the value with its metadata
//! map evaluated (`(with-meta [..] {..})`, minus `:line`/`:column`), and so
//! does a list that expands to `fn*` (`^:m (fn [] ..)`); the metadata of
//! another call form is dropped. Quoted data keeps its metadata.
//!
//! Resolution order for an unqualified symbol: a local; the current
//! namespace's mappings; `clojure.core` (every namespace refers it
//! implicitly for now). `ns/name`: `ns` an alias of the current namespace
//! or a namespace name.

use crate::error::{EvalError, EvalErrorKind, EvalResult, syntax};
use crate::interp::Interp;
use crate::special_form::SpecialForm;
use evelisp_heap::{Kind, Ref, Value, Word};

/// Whether resolving a qualified symbol refuses a private var of another
/// namespace (a call or a value does; `var` and `binding` do not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Privacy {
    Checked,
    Ignored,
}

/// Expansions of one form deeper than this are refused (a macro that keeps
/// expanding to itself).
const MAX_EXPANSIONS: usize = 10_000;

impl<'e> Interp<'e> {
    /// Expands `form` with the symbols in `locals` bound (see module docs).
    pub(crate) fn expand(&self, form: Ref<'_>, locals: &mut Vec<Word>) -> EvalResult<Value<'e>> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            let expanded = self
                .expand_on_stack(form, locals, 0)
                .map_err(|e| e.at(self.position_of(form.word())))?;
            // The rebuilt form keeps the source position of the one read
            // (a macro's output takes the position of the macro call).
            self.copy_position(form.word(), expanded.word());
            Ok(expanded)
        })
    }

    fn expand_on_stack(
        &self,
        form: Ref<'_>,
        locals: &mut Vec<Word>,
        expansions: usize,
    ) -> EvalResult<Value<'e>> {
        let env = self.env;
        if let Some(meta) = form.meta()? {
            return self.expand_with_meta(form, meta, locals, expansions);
        }
        match form.kind()? {
            Some(Kind::Symbol) => {
                if locals.contains(&form.word()) {
                    return Ok(env.own(form)?);
                }
                self.resolve_var(form)
            }
            Some(Kind::Cons) => self.expand_list(form, locals, expansions),
            Some(Kind::Vector) => {
                let items = self.expand_all(form.elements()?, locals)?;
                let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
                Ok(env.make_vector(&refs)?)
            }
            Some(Kind::Map | Kind::ArrayMap) => {
                let mut m = env.empty_map()?;
                for entry in form.entries()? {
                    let (k, v) = entry?;
                    let (k, v) = (self.expand(k, locals)?, self.expand(v, locals)?);
                    m = env.assoc(m.borrowed(), k.borrowed(), v.borrowed())?;
                }
                Ok(m)
            }
            Some(Kind::Set) => {
                let mut s = env.empty_set()?;
                for x in self.expand_all(form.elements()?, locals)? {
                    s = env.conj(s.borrowed(), x.borrowed())?;
                }
                Ok(s)
            }
            _ => Ok(env.own(form)?),
        }
    }

    /// A form carrying metadata (see the module docs).
    fn expand_with_meta(
        &self,
        form: Ref<'_>,
        meta: Ref<'_>,
        locals: &mut Vec<Word>,
        expansions: usize,
    ) -> EvalResult<Value<'e>> {
        let env = self.env;
        let bare = form.without_meta()?;
        // The bare form is where the reader's position is.
        self.copy_position(form.word(), bare.word());
        let expanded = self.expand_on_stack(bare, locals, expansions)?;
        let keep = match bare.kind()? {
            None => bare.word() == Word::EMPTY_LIST,
            Some(Kind::Vector | Kind::Map | Kind::ArrayMap | Kind::Set) => true,
            Some(Kind::Cons) => {
                let e = expanded.borrowed();
                matches!(e.kind()?, Some(Kind::Cons))
                    && e.first()?.word() == self.sym.word(SpecialForm::Fn)
            }
            _ => false,
        };
        if !keep {
            return Ok(expanded);
        }
        let mut m = env.own(meta.without_meta()?)?;
        for k in ["line", "column"] {
            let k = env.intern_keyword(None, k)?;
            m = env.dissoc(m.borrowed(), k.borrowed())?;
        }
        if m.borrowed().count()? == 0 {
            return Ok(expanded);
        }
        // A type hint names a class, which evelisp has no var for: it
        // stays the symbol written.
        let tag = env.intern_keyword(None, "tag")?;
        if let Some(t) = m.borrowed().get(tag.borrowed())? {
            let quote = env.intern_symbol(None, "quote")?;
            let quoted = env.make_list(&[quote.borrowed(), t])?;
            m = env.assoc(m.borrowed(), tag.borrowed(), quoted.borrowed())?;
        }
        let meta = self.expand(m.borrowed(), locals)?;
        let with_meta = env.intern_symbol(None, "with-meta")?;
        let var = self
            .ns_lookup(self.core.borrowed(), with_meta.borrowed())?
            .ok_or_else(|| {
                EvalError::new(EvalErrorKind::UnresolvedSymbol(
                    "clojure.core/with-meta".into(),
                ))
            })?;
        let call = env.make_list(&[var.borrowed(), expanded.borrowed(), meta.borrowed()])?;
        self.copy_position(form.word(), call.word());
        Ok(call)
    }

    fn expand_all<'a>(
        &self,
        items: impl Iterator<Item = evelisp_heap::Result<Ref<'a>>>,
        locals: &mut Vec<Word>,
    ) -> EvalResult<Vec<Value<'e>>> {
        items.map(|x| self.expand(x?, locals)).collect()
    }

    fn expand_list(
        &self,
        form: Ref<'_>,
        locals: &mut Vec<Word>,
        expansions: usize,
    ) -> EvalResult<Value<'e>> {
        let env = self.env;
        // Code compares symbols by their interned word: no metadata.
        let head = form.first()?.without_meta()?;
        let s = self.sym;
        if matches!(head.kind()?, Some(Kind::Symbol)) && !locals.contains(&head.word()) {
            let h = head.word();
            if let Some(special) = s.form_of(h) {
                return match special {
                    SpecialForm::Quote => Ok(env.own(form)?),
                    SpecialForm::Let | SpecialForm::Loop => self.expand_let(form, locals),
                    SpecialForm::Fn => self.expand_fn(form, locals),
                    SpecialForm::Letfn => self.expand_letfn(form, locals),
                    SpecialForm::Def => self.expand_def(form, locals),
                    SpecialForm::Defmacro => self.expand_defmacro(form, locals),
                    SpecialForm::Var => self.expand_var(form, head),
                    SpecialForm::Try => self.expand_try(form, locals),
                    SpecialForm::Binding => self.expand_binding(form, locals),
                    SpecialForm::Ns => {
                        let plain = self.ns_form(form)?;
                        self.expand_on_stack(plain.borrowed(), locals, expansions + 1)
                    }
                    SpecialForm::SetBang => self.expand_set(form, head, locals),
                    SpecialForm::If | SpecialForm::Do | SpecialForm::Recur | SpecialForm::Throw => {
                        self.expand_args(form, head, locals)
                    }
                };
            }
            // `(.method target args...)`: a call of the fixed table of host
            // methods, `(evelisp.interop/invoke "method" target args...)`.
            if let (None, name) = head.symbol_parts()?
                && let Some(method) = name.strip_prefix('.')
                && !method.is_empty()
                && !method.starts_with('.')
            {
                let invoke = env.intern_symbol(Some("evelisp.interop"), "invoke")?;
                let method = env.make_string(method)?;
                let mut call = vec![invoke.borrowed(), method.borrowed()];
                call.extend(form.rest()?.elements()?.collect::<Result<Vec<_>, _>>()?);
                let call = env.make_list(&call)?;
                self.copy_position(form.word(), call.word());
                return self.expand_on_stack(call.borrowed(), locals, expansions + 1);
            }
            if let Some(call) = self.host_form(form, head)? {
                self.copy_position(form.word(), call.word());
                return self.expand_on_stack(call.borrowed(), locals, expansions + 1);
            }
            // A macro call: run the macro, expand what it gave.
            if let Some(var) = self.resolve_symbol(head)?
                && self.env.var_flags(var.borrowed())? & evelisp_heap::VAR_MACRO != 0
            {
                if expansions >= MAX_EXPANSIONS {
                    return Err(syntax(
                        "macroexpand",
                        format!("more than {MAX_EXPANSIONS} expansions of one form"),
                    ));
                }
                let amp_env = self.amp_env(locals)?;
                let expanded = self.macroexpand_call(var.borrowed(), form, amp_env)?;
                // Forms the macro made have the call's position.
                let at = self
                    .position_of(form.word())
                    .or_else(|| self.source.macro_position.borrow().clone());
                let saved = self.source.macro_position.replace(at);
                let result = self.expand_on_stack(expanded.borrowed(), locals, expansions + 1);
                *self.source.macro_position.borrow_mut() = saved;
                return result;
            }
        }
        let items = self.expand_all(form.elements()?, locals)?;
        let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
        Ok(env.make_list(&refs)?)
    }

    /// One expansion of `form` if it is a macro call (head symbol naming a
    /// macro var), else `None`.
    pub(crate) fn macroexpand_once(&self, form: Ref<'_>) -> EvalResult<Option<Value<'e>>> {
        if !matches!(form.kind()?, Some(Kind::Cons)) {
            return Ok(None);
        }
        let head = form.first()?;
        if !matches!(head.kind()?, Some(Kind::Symbol)) {
            return Ok(None);
        }
        match self.resolve_symbol(head) {
            Ok(Some(var)) if self.env.var_flags(var.borrowed())? & evelisp_heap::VAR_MACRO != 0 => {
                Ok(Some(self.macroexpand_call(
                    var.borrowed(),
                    form,
                    Value::nil(self.env),
                )?))
            }
            _ => Ok(None),
        }
    }

    /// `&env` of a macro called where `locals` are bound: a map from each
    /// local's symbol to nil (nil when there are none, as in Clojure).
    fn amp_env(&self, locals: &[Word]) -> EvalResult<Value<'e>> {
        let env = self.env;
        if locals.is_empty() {
            return Ok(Value::nil(env));
        }
        let mut m = env.empty_map()?;
        let nil = Value::nil(env);
        for &w in locals {
            let sym = env.symbol_of_word(w)?;
            m = env.assoc(m.borrowed(), sym.borrowed(), nil.borrowed())?;
        }
        Ok(m)
    }

    /// Calls macro `var` on `form`: `(macro &form &env arg...)`.
    pub(crate) fn macroexpand_call(
        &self,
        var: Ref<'_>,
        form: Ref<'_>,
        amp_env: Value<'e>,
    ) -> EvalResult<Value<'e>> {
        let f = self.env.var_root(var)?.get(&self.p)?;
        let mut args = crate::native_registry::args![self.env.own(form)?, amp_env];
        for x in form.rest()?.elements()? {
            args.push(self.env.own(x?)?);
        }
        let expansion = self.apply(f.borrowed(), args)?;
        self.as_code(expansion.borrowed())
    }

    /// `(var name)`: the name resolved to its var.
    fn expand_var(&self, form: Ref<'_>, head: Ref<'_>) -> EvalResult<Value<'e>> {
        let items: Vec<Ref<'_>> = form.elements()?.collect::<Result<_, _>>()?;
        let [_, name] = items[..] else {
            return Err(syntax("var", "takes exactly one symbol"));
        };
        if !matches!(name.kind()?, Some(Kind::Symbol)) {
            return Err(syntax(
                "var",
                format!(
                    "expects a symbol, not {}",
                    crate::print::pr_str(name).unwrap_or_else(|_| "value".into())
                ),
            ));
        }
        let var = self.resolve_var_even_private(name)?;
        Ok(self.env.make_list(&[head, var.borrowed()])?)
    }

    /// `(set! name value)`: the name resolved to its var (never a local).
    fn expand_set(
        &self,
        form: Ref<'_>,
        head: Ref<'_>,
        locals: &mut Vec<Word>,
    ) -> EvalResult<Value<'e>> {
        let items: Vec<Ref<'_>> = form.elements()?.collect::<Result<_, _>>()?;
        let [_, target, value] = items[..] else {
            return Err(syntax("set!", "takes a var name and a value"));
        };
        if locals.contains(&target.without_meta()?.word()) {
            return Err(syntax("set!", "can't set! a local"));
        }
        let var = self.resolve_var(target)?;
        let value = self.expand(value, locals)?;
        Ok(self
            .env
            .make_list(&[head, var.borrowed(), value.borrowed()])?)
    }

    /// `(head expanded-args...)`.
    fn expand_args(
        &self,
        form: Ref<'_>,
        head: Ref<'_>,
        locals: &mut Vec<Word>,
    ) -> EvalResult<Value<'e>> {
        let mut out = vec![self.env.own(head)?];
        out.extend(self.expand_all(form.rest()?.elements()?, locals)?);
        let refs: Vec<Ref<'_>> = out.iter().map(Value::borrowed).collect();
        Ok(self.env.make_list(&refs)?)
    }

    /// `(try body... (catch Class e body...)... (finally body...)?)`: the
    /// class (a symbol or keyword) is kept as written; `e` is bound in its
    /// catch body.
    fn expand_try(&self, form: Ref<'_>, locals: &mut Vec<Word>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let mut out = vec![env.own(form.first()?)?];
        let mut seen_clause = false;
        let mut seen_finally = false;
        for item in form.rest()?.elements()? {
            let item = item?;
            let head = if matches!(item.kind()?, Some(Kind::Cons)) {
                Some(item.first()?.word())
            } else {
                None
            };
            if seen_finally {
                return Err(syntax(
                    "try",
                    "finally clause must be last in try expression",
                ));
            }
            if head == Some(self.sym.catch) {
                seen_clause = true;
                let parts: Vec<Ref<'_>> = item.elements()?.collect::<Result<_, _>>()?;
                let [catch, class, name, body @ ..] = &parts[..] else {
                    return Err(syntax("catch", "needs a class, a name and a body"));
                };
                self.check_binding_symbol("catch", *name)?;
                let name = &name.without_meta()?;
                locals.push(name.word());
                let body = self.expand_all(body.iter().map(|b| Ok(*b)), locals);
                locals.pop();
                let mut clause = vec![env.own(*catch)?, env.own(*class)?, env.own(*name)?];
                clause.extend(body?);
                let refs: Vec<Ref<'_>> = clause.iter().map(Value::borrowed).collect();
                out.push(env.make_list(&refs)?);
            } else if head == Some(self.sym.finally) {
                seen_clause = true;
                seen_finally = true;
                out.push(self.expand_args(item, item.first()?, locals)?);
            } else if seen_clause {
                return Err(syntax(
                    "try",
                    "only catch or finally clauses can follow catch",
                ));
            } else {
                out.push(self.expand(item, locals)?);
            }
        }
        self.list_of(&out)
    }

    /// `(ns name doc? attrs? (:require spec...)...)` as plain calls:
    /// `(do (in-ns 'name) (refer-clojure ...) (require 'spec)...)`.
    /// `(:import ...)` becomes `(import ...)`.
    fn ns_form(&self, form: Ref<'_>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let items: Vec<Ref<'_>> = form.elements()?.collect::<Result<_, _>>()?;
        let Some(&name) = items.get(1) else {
            return Err(syntax("ns", "needs a name"));
        };
        if !matches!(name.kind()?, Some(Kind::Symbol)) {
            return Err(syntax("ns", "the name must be a symbol"));
        }
        let quote_sym = env.intern_symbol(None, "quote")?;
        let quote = |x: Ref<'_>| env.make_list(&[quote_sym.borrowed(), x]);
        let core = |n: &str| env.intern_symbol(Some(crate::interp::CORE_NS), n);
        let in_ns = core("in-ns")?;
        let require = core("require")?;
        let mut out = vec![
            env.intern_symbol(None, "do")?,
            env.make_list(&[in_ns.borrowed(), quote(name)?.borrowed()])?,
        ];
        for clause in &items[2..] {
            if !matches!(clause.kind()?, Some(Kind::Cons)) {
                continue; // docstring, attribute map
            }
            let head = clause.first()?;
            let key = if matches!(head.kind()?, Some(Kind::Keyword)) {
                head.symbol_parts()?.1.to_string()
            } else {
                return Err(syntax(
                    "ns",
                    "references start with a keyword like :require",
                ));
            };
            match key.as_str() {
                "require" | "use" => {
                    for spec in clause.rest()?.elements()? {
                        let call =
                            env.make_list(&[require.borrowed(), quote(spec?)?.borrowed()])?;
                        out.push(call);
                    }
                }
                "refer-clojure" => {
                    let refer_clojure = core("refer-clojure")?;
                    let mut call = vec![refer_clojure];
                    for opt in clause.rest()?.elements()? {
                        call.push(quote(opt?)?);
                    }
                    out.push(self.list_of(&call)?);
                }
                "import" => {
                    let import = core("import")?;
                    let mut call = vec![import];
                    for spec in clause.rest()?.elements()? {
                        call.push(env.own(spec?)?);
                    }
                    out.push(self.list_of(&call)?);
                }
                "gen-class" | "load" => {}
                other => {
                    return Err(syntax("ns", format!("unknown reference :{other}")));
                }
            }
        }
        self.list_of(&out)
    }

    /// `(binding [var-sym e ...] body...)`: the symbols resolve to vars.
    fn expand_binding(&self, form: Ref<'_>, locals: &mut Vec<Word>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let bindings = form.rest()?.first()?;
        if !matches!(bindings.kind()?, Some(Kind::Vector)) || bindings.count()? % 2 != 0 {
            return Err(syntax(
                "binding",
                "requires a vector with an even number of forms",
            ));
        }
        let items: Vec<Ref<'_>> = bindings.elements()?.collect::<Result<_, _>>()?;
        let mut out_bindings = Vec::new();
        for pair in items.chunks(2) {
            out_bindings.push(self.resolve_var_even_private(pair[0])?);
            out_bindings.push(self.expand(pair[1], locals)?);
        }
        let refs: Vec<Ref<'_>> = out_bindings.iter().map(Value::borrowed).collect();
        let bindings = env.make_vector(&refs)?;
        let mut out = vec![env.own(form.first()?)?, bindings];
        out.extend(self.expand_all(form.rest()?.rest()?.elements()?, locals)?);
        self.list_of(&out)
    }

    /// `(let* [s e ...] body...)` and `loop*`: each init sees the symbols
    /// bound before it; the body sees them all.
    fn expand_let(&self, form: Ref<'_>, locals: &mut Vec<Word>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let name = if form.first()?.word() == self.sym.word(SpecialForm::Let) {
            "let*"
        } else {
            "loop*"
        };
        let bindings = form.rest()?.first()?;
        if !matches!(bindings.kind()?, Some(Kind::Vector)) {
            return Err(syntax(name, "requires a vector for its bindings"));
        }
        if bindings.count()? % 2 != 0 {
            return Err(syntax(
                name,
                "requires an even number of forms in its bindings",
            ));
        }
        let mark = locals.len();
        let mut out_bindings = Vec::new();
        let items: Vec<Ref<'_>> = bindings.elements()?.collect::<Result<_, _>>()?;
        for pair in items.chunks(2) {
            let (sym, init) = (pair[0], pair[1]);
            self.check_binding_symbol(name, sym)?;
            let sym = sym.without_meta()?;
            let init = self.expand(init, locals)?;
            locals.push(sym.word());
            out_bindings.push(env.own(sym)?);
            out_bindings.push(init);
        }
        let body = self.expand_all(form.rest()?.rest()?.elements()?, locals);
        locals.truncate(mark);
        let refs: Vec<Ref<'_>> = out_bindings.iter().map(Value::borrowed).collect();
        let bindings = env.make_vector(&refs)?;
        let mut out = vec![env.own(form.first()?)?, bindings];
        out.extend(body?);
        self.list_of(&out)
    }

    pub(crate) fn check_binding_symbol(&self, form: &'static str, sym: Ref<'_>) -> EvalResult<()> {
        let printed = || crate::print::pr_str(sym).unwrap_or_else(|_| "value".into());
        if !matches!(sym.kind()?, Some(Kind::Symbol)) {
            return Err(syntax(
                form,
                format!("Unsupported binding form: {}", printed()),
            ));
        }
        if sym.symbol_parts()?.0.is_some() {
            let problem = match form {
                "let*" | "loop*" => "Can't let qualified name",
                "fn*" => "Can't use qualified name as parameter",
                _ => "Can't bind qualified name",
            };
            return Err(syntax(form, format!("{problem}: {}", printed())));
        }
        Ok(())
    }

    /// `(fn* name? [params] body...)` or `(fn* name? ([params] body...)+)`,
    /// always given back in the second shape.
    fn expand_fn(&self, form: Ref<'_>, locals: &mut Vec<Word>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let mut rest = form.rest()?;
        let mut out = vec![env.own(form.first()?)?];
        let mark = locals.len();
        let name = rest.first()?.without_meta()?;
        if matches!(name.kind()?, Some(Kind::Symbol)) {
            self.check_binding_symbol("fn*", name)?;
            locals.push(name.word());
            out.push(env.own(name)?);
            rest = rest.rest()?;
        }
        let arities: Vec<Ref<'_>> = if matches!(rest.first()?.kind()?, Some(Kind::Vector)) {
            vec![rest]
        } else {
            rest.elements()?.collect::<Result<_, _>>()?
        };
        if arities.is_empty() {
            locals.truncate(mark);
            return Err(syntax("fn*", "needs a parameter vector"));
        }
        let result = (|| {
            for arity in arities {
                out.push(self.expand_arity(arity, locals)?);
            }
            Ok::<_, EvalError>(())
        })();
        locals.truncate(mark);
        result?;
        self.list_of(&out)
    }

    /// `([params] body...)` with the parameters bound in the body.
    fn expand_arity(&self, arity: Ref<'_>, locals: &mut Vec<Word>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let params = if matches!(arity.kind()?, Some(Kind::Cons)) {
            arity.first()?
        } else {
            arity
        };
        if !matches!(params.kind()?, Some(Kind::Vector)) {
            return Err(syntax("fn*", "each arity starts with a parameter vector"));
        }
        let mark = locals.len();
        // The parameters as code binds them: without metadata.
        let mut bare_params = Vec::new();
        for p in params.elements()? {
            let p = p?.without_meta()?;
            if p.word() != self.sym.amp {
                self.check_binding_symbol("fn*", p)?;
                locals.push(p.word());
            }
            bare_params.push(p);
        }
        let params = env.make_vector(&bare_params)?;
        let body = if matches!(arity.kind()?, Some(Kind::Cons)) {
            self.expand_all(arity.rest()?.elements()?, locals)
        } else {
            Ok(Vec::new())
        };
        locals.truncate(mark);
        let mut out = vec![params];
        out.extend(body?);
        self.list_of(&out)
    }

    /// `(def name)`, `(def name init)`, `(def name "doc" init)`: interns
    /// the var in the current namespace now, gives `(def #'var init?)`.
    fn expand_def(&self, form: Ref<'_>, locals: &mut Vec<Word>) -> EvalResult<Value<'e>> {
        self.expand_def_flagged(form, locals, 0)
    }

    /// [`Interp::expand_def`], setting `flags` on the var as it is interned.
    fn expand_def_flagged(
        &self,
        form: Ref<'_>,
        locals: &mut Vec<Word>,
        flags: u64,
    ) -> EvalResult<Value<'e>> {
        let env = self.env;
        let items: Vec<Ref<'_>> = form.elements()?.collect::<Result<_, _>>()?;
        let (name, doc, init) = match items[..] {
            [_, name] => (name, None, None),
            [_, name, init] => (name, None, Some(init)),
            [_, name, doc, init] if matches!(doc.kind()?, Some(Kind::String)) => {
                (name, Some(doc), Some(init))
            }
            _ => {
                return Err(syntax(
                    "def",
                    "takes a name, an optional docstring and an init",
                ));
            }
        };
        let var = self.intern_here(name)?;
        if flags != 0 {
            env.var_set_flags(var.borrowed(), flags)?;
        }
        self.apply_def_meta(name.symbol_parts()?.1, var.borrowed(), doc, form)?;
        let mut out = vec![env.own(items[0])?, var];
        if let Some(init) = init {
            out.push(self.expand(init, locals)?);
        }
        self.list_of(&out)
    }

    /// `(defmacro name doc? [params] body...)`: `(def name (fn* name
    /// ([&form &env params...] body...)))`, the var marked as a macro.
    fn expand_defmacro(&self, form: Ref<'_>, locals: &mut Vec<Word>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let items: Vec<Ref<'_>> = form.elements()?.collect::<Result<_, _>>()?;
        let Some(&name) = items.get(1) else {
            return Err(syntax("defmacro", "needs a name"));
        };
        let mut body_at = 2;
        if items
            .get(2)
            .is_some_and(|d| matches!(d.kind(), Ok(Some(Kind::String))))
        {
            body_at = 3;
        }
        let amp_form = env.intern_symbol(None, "&form")?;
        let amp_env = env.intern_symbol(None, "&env")?;
        let mut arities = Vec::new();
        // The parameter vectors as written, for the var's :arglists.
        let mut arglists: Vec<Ref<'_>> = Vec::new();
        let shapes: Vec<Ref<'_>> = match items.get(body_at) {
            Some(p) if matches!(p.kind()?, Some(Kind::Vector)) => vec![],
            _ => items[body_at..].to_vec(),
        };
        let build = |params: Ref<'_>, body: &[Ref<'_>]| -> EvalResult<Value<'e>> {
            let mut ps = vec![amp_form.borrowed(), amp_env.borrowed()];
            ps.extend(params.elements()?.collect::<Result<Vec<_>, _>>()?);
            let params = env.make_vector(&ps)?;
            let mut arity = vec![params.borrowed()];
            arity.extend_from_slice(body);
            Ok(env.make_list(&arity)?)
        };
        if shapes.is_empty() {
            let Some(&params) = items.get(body_at) else {
                return Err(syntax("defmacro", "needs a parameter vector"));
            };
            arities.push(build(params, &items[body_at + 1..])?);
            arglists.push(params);
        } else {
            for shape in shapes {
                let parts: Vec<Ref<'_>> = shape.elements()?.collect::<Result<_, _>>()?;
                let Some((&params, body)) = parts.split_first() else {
                    return Err(syntax("defmacro", "an arity needs a parameter vector"));
                };
                arities.push(build(params, body)?);
                arglists.push(params);
            }
        }
        let fn_sym = env.intern_symbol(None, "fn*")?;
        let mut fn_form = vec![fn_sym.borrowed(), name];
        fn_form.extend(arities.iter().map(Value::borrowed));
        let fn_form = env.make_list(&fn_form)?;
        let def_sym = env.intern_symbol(None, "def")?;
        let mut def_form = vec![def_sym.borrowed(), name];
        if body_at == 3 {
            def_form.push(items[2]);
        }
        def_form.push(fn_form.borrowed());
        let def_form = env.make_list(&def_form)?;
        self.copy_position(form.word(), def_form.word());
        // The var is marked a macro as it is interned, so later forms
        // expand its calls.
        let expanded =
            self.expand_def_flagged(def_form.borrowed(), locals, evelisp_heap::VAR_MACRO)?;
        let var = expanded.borrowed().rest()?.first()?;
        let arglists = env.make_list(&arglists)?;
        let key = env.intern_keyword(None, "arglists")?;
        let meta = env.var_meta(var)?;
        meta.swap(&self.p, |m| {
            let m = if m.is_nil() {
                env.empty_map()?
            } else {
                env.own(m)?
            };
            env.assoc(m.borrowed(), key.borrowed(), arglists.borrowed())
        })?;
        Ok(expanded)
    }

    /// The var named by `sym` in the current namespace, interned if missing.
    pub(crate) fn intern_here(&self, sym: Ref<'_>) -> EvalResult<Value<'e>> {
        let env = self.env;
        if !matches!(sym.kind()?, Some(Kind::Symbol)) {
            return Err(syntax("def", "the first argument must be a symbol"));
        }
        let (ns, name) = sym.symbol_parts()?;
        let current = self.current_ns();
        if let Some(ns) = ns
            && ns != self.current_ns_name()?
        {
            return Err(syntax(
                "def",
                format!("can't create a var in namespace {ns} from another namespace"),
            ));
        }
        let bare = env.intern_symbol(None, name)?;
        env.intern_var(&self.p, current.borrowed(), bare.borrowed())
            .map_err(|e| match e {
                evelisp_heap::HeapError::WrongKind { .. } => syntax(
                    "def",
                    format!("{name} already refers to a var of another namespace"),
                ),
                e => e.into(),
            })
    }

    /// The var a global symbol names (error if none).
    pub(crate) fn resolve_var(&self, sym: Ref<'_>) -> EvalResult<Value<'e>> {
        self.resolve_var_in(sym, Privacy::Checked)
    }

    /// [`Interp::resolve_var`] for `(var ns/x)` and `binding`, which reach
    /// a private var of another namespace, as in Clojure.
    fn resolve_var_even_private(&self, sym: Ref<'_>) -> EvalResult<Value<'e>> {
        self.resolve_var_in(sym, Privacy::Ignored)
    }

    fn resolve_var_in(&self, sym: Ref<'_>, privacy: Privacy) -> EvalResult<Value<'e>> {
        match self.resolve_symbol_in(sym, privacy)? {
            Some(var) => Ok(var),
            None => Err(EvalError::new(EvalErrorKind::UnresolvedSymbol(
                crate::print::symbol_text(sym),
            ))),
        }
    }

    /// The var a global symbol names, if any.
    pub(crate) fn resolve_symbol(&self, sym: Ref<'_>) -> EvalResult<Option<Value<'e>>> {
        self.resolve_symbol_in(sym, Privacy::Checked)
    }

    /// [`Interp::resolve_symbol`]; a private var of another namespace is an
    /// error unless `privacy` is [`Privacy::Ignored`].
    fn resolve_symbol_in(&self, sym: Ref<'_>, privacy: Privacy) -> EvalResult<Option<Value<'e>>> {
        let env = self.env;
        let (ns, name) = sym.symbol_parts()?;
        let Some(ns) = ns else {
            return self.resolve_unqualified(sym);
        };
        let ns_sym = env.intern_symbol(None, ns)?;
        let target = match self.alias_target(ns_sym.borrowed())? {
            Some(t) => t,
            None => match self.find_ns(ns)? {
                Some(t) => t,
                None => match self.load_builtin_on_use(ns)? {
                    true => self
                        .find_ns(ns)?
                        .ok_or_else(|| EvalError::new(EvalErrorKind::NoSuchNamespace(ns.into())))?,
                    false => {
                        return Err(EvalError::new(EvalErrorKind::NoSuchNamespace(ns.into())));
                    }
                },
            },
        };
        let bare = env.intern_symbol(None, name)?;
        let found = self.ns_lookup(target.borrowed(), bare.borrowed())?;
        if let Some(var) = &found
            && privacy == Privacy::Checked
            && env.var_flags(var.borrowed())? & evelisp_heap::VAR_PRIVATE != 0
            && target.word() != self.current_ns().word()
        {
            return Err(EvalError::new(EvalErrorKind::IllegalState(format!(
                "var: #'{} is not public",
                self.var_display(var.borrowed())
            ))));
        }
        Ok(found)
    }

    /// An unqualified symbol: the current namespace, then `clojure.core`.
    pub(crate) fn resolve_unqualified(&self, sym: Ref<'_>) -> EvalResult<Option<Value<'e>>> {
        let current = self.current_ns();
        if let Some(v) = self.ns_lookup(current.borrowed(), sym)? {
            return Ok(Some(v));
        }
        if self.ns_excludes(current.borrowed(), sym)? {
            return Ok(None);
        }
        self.ns_lookup(self.core.borrowed(), sym)
    }
}

impl<'e> Interp<'e> {
    /// A list of owned values.
    pub(crate) fn list_of(&self, items: &[Value<'e>]) -> EvalResult<Value<'e>> {
        let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
        Ok(self.env.make_list(&refs)?)
    }
}
