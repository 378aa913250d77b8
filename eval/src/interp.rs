//! [`Interp`]: one thread's evaluator over an open env file. It holds the
//! env, the thread's participant (pins and retires go through it), the
//! words of the special forms, `clojure.core`, and its state in three
//! parts, each a type of its own file: the thread's evaluation state
//! (`thread_state.rs`: `*ns*`, `*out*`, bindings, ...), the caches
//! (`caches.rs`: analyzed code keyed by a code object's word and its
//! file-unique id, resolved natives, ...), and where the code being
//! evaluated came from (`source_context.rs`). `Interp::new`, which also
//! installs the natives, is in `natives/install.rs`.
//!
//! Evaluating text (`read_eval.rs`): read (reader) → desugar (reader sugar, needs the
//! namespace context) → convert (`Form` → heap value, positions kept in a
//! side table) → expand (macros run, globals resolved to var objects:
//! `expand.rs`) → analyze (a process-local tree: `analyze.rs`) → run
//! (`run.rs`).

use crate::caches::Caches;
use crate::error::{EvalError, EvalErrorKind, EvalResult, Position};
use crate::source_context::SourceContext;
use crate::special_form::{SpecialForm, SpecialSymbols};
use crate::thread_state::ThreadState;
pub use crate::thread_state::{Out, SharedOut};
use evelisp_heap::{Env, Participant, Ref, Value, Word};

/// One thread's evaluator (see the module docs). Not `Send`: make one per
/// thread. Its state is in three parts, each a type of its own file: the
/// thread's evaluation state ([`ThreadState`]), the caches
/// ([`Caches`]), and where the code being evaluated came from
/// ([`SourceContext`]).
pub struct Interp<'e> {
    /// The env file.
    pub(crate) env: &'e Env,
    /// This thread's participant (pins and retires go through it).
    pub(crate) p: Participant<'e>,
    /// The words of the special forms' names.
    pub(crate) sym: SpecialSymbols,
    /// The namespace `clojure.core`.
    pub(crate) core: Value<'e>,
    /// The thread's evaluation state.
    pub(crate) thread: ThreadState<'e>,
    /// The caches of analysis, natives and looked-up keys.
    pub(crate) caches: Caches<'e>,
    /// Where the code being evaluated came from.
    pub(crate) source: SourceContext,
}

/// Name of the namespace of the core library.
pub const CORE_NS: &str = "clojure.core";
/// Name of the namespace evaluation starts in.
pub const USER_NS: &str = "user";

impl<'e> Interp<'e> {
    /// An evaluator for the calling thread without its natives installed
    /// (`Interp::new`, in `natives/install.rs`, installs them): attaches a
    /// participant, makes sure `clojure.core` and `user` exist, and starts
    /// in `user`.
    pub(crate) fn without_natives(env: &'e Env) -> EvalResult<Interp<'e>> {
        let p = env.participant()?;
        let sym = SpecialSymbols::intern(env)?;
        let core_name = env.intern_symbol(None, CORE_NS)?;
        let core = env.namespace(&p, core_name.borrowed())?;
        let user_name = env.intern_symbol(None, USER_NS)?;
        let user = env.namespace(&p, user_name.borrowed())?;
        let ns_sym = env.intern_symbol(None, "*ns*")?;
        let ns_var = env.intern_var(&p, core.borrowed(), ns_sym.borrowed())?;
        env.var_set_flags(ns_var.borrowed(), evelisp_heap::VAR_DYNAMIC)?;
        let mut stream_vars = [Word::NIL; 3];
        for (slot, name) in stream_vars.iter_mut().zip(["*out*", "*err*", "*in*"]) {
            let sym = env.intern_symbol(None, name)?;
            let var = env.intern_var(&p, core.borrowed(), sym.borrowed())?;
            env.var_set_flags(var.borrowed(), evelisp_heap::VAR_DYNAMIC)?;
            *slot = var.word();
        }
        let interp = Interp {
            env,
            p,
            sym,
            core,
            thread: ThreadState::new(user, ns_var.word(), stream_vars),
            caches: Caches::new(),
            source: SourceContext::default(),
        };
        Ok(interp)
    }

    /// Gives this interpreter a shared handle on its env, so the threads it
    /// starts (futures) use the process's one mapping instead of opening the
    /// file again. `env` must be the handle this interpreter was made with.
    pub fn share_env(&self, env: std::sync::Arc<Env>) -> EvalResult<()> {
        if !std::ptr::eq(&*env, self.env) {
            return Err(EvalError::new(EvalErrorKind::IllegalState(
                "share_env: not the env this interpreter works on".into(),
            )));
        }
        *self.thread.shared_env.borrow_mut() = Some(env);
        Ok(())
    }

    /// The shared handle given by [`Interp::share_env`], if any (what a
    /// host needs to start threads of its own over the same mapping).
    pub fn shared_env(&self) -> Option<std::sync::Arc<Env>> {
        self.thread.shared_env.borrow().clone()
    }

    /// The env file this evaluator works on.
    pub fn env(&self) -> &'e Env {
        self.env
    }

    /// The thread's participant.
    pub fn participant(&self) -> &Participant<'e> {
        &self.p
    }

    /// The current namespace (`*ns*`).
    pub fn current_ns(&self) -> Value<'e> {
        self.thread.ns.borrow().clone()
    }

    /// The name of the current namespace.
    pub fn current_ns_name(&self) -> EvalResult<String> {
        let ns = self.current_ns();
        let name = self.env.namespace_name(ns.borrowed())?;
        Ok(name.symbol_parts()?.1.to_string())
    }

    /// Makes `ns` (a namespace) the current one.
    pub fn set_current_ns(&self, ns: Value<'e>) {
        *self.thread.ns.borrow_mut() = ns;
    }

    /// Binds this thread's `*out*` to `out` (standard output by default),
    /// a writer of this thread only: futures started while it is bound
    /// write to standard output (see [`Interp::set_shared_out`]).
    pub fn set_out(&self, out: Box<dyn std::io::Write + 'e>) {
        *self.thread.out.borrow_mut() = Out::Local(out);
    }

    /// Binds this thread's `*out*` to `out`, shared with the futures this
    /// thread starts while it is bound (they write to it too).
    pub fn set_shared_out(&self, out: SharedOut) {
        *self.thread.out.borrow_mut() = Out::Shared(out);
    }

    /// Replaces this thread's `*out*`, giving back the one it had.
    pub fn replace_out(&self, out: Out<'e>) -> Out<'e> {
        std::mem::replace(&mut *self.thread.out.borrow_mut(), out)
    }

    /// This thread's `*out*` if it can be conveyed to another thread.
    pub(crate) fn shared_out(&self) -> Option<SharedOut> {
        self.thread.shared_out()
    }

    /// Writes `text` to this thread's `*out*`.
    pub(crate) fn write_out(&self, text: &str) -> EvalResult<()> {
        self.thread.write_out(text)
    }

    /// A native closure: a fn object calling the native
    /// `clojure.core/name` (a core native, or one a library registered
    /// under that name) with `captured` as its first argument (its code
    /// object made once per interpreter and shared by every closure of that
    /// native).
    pub fn native_closure(&self, name: &'static str, captured: Ref<'_>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let cached = self.caches.native_codes.borrow().get(name).cloned();
        let (code, body) = match cached {
            Some(hit) => hit,
            None => {
                let body = env.intern_symbol(Some(CORE_NS), name)?;
                let code = crate::native_object::native_code(env, body.borrowed())?;
                self.caches
                    .native_codes
                    .borrow_mut()
                    .insert(name, (code.clone(), body.clone()));
                (code, body)
            }
        };
        Ok(env.new_fn(code.borrowed(), captured, body.borrowed())?)
    }

    /// Evaluates a form given as a heap value. A top-level `(do ...)` is
    /// evaluated one form at a time (each expanded after the one before it
    /// ran, as Clojure does), so `(do (ns a) (def x 1))` defines `a/x`.
    pub fn eval(&self, form: Ref<'_>) -> EvalResult<Value<'e>> {
        let form = self.as_code(form)?;
        let form = form.borrowed();
        if matches!(form.kind()?, Some(evelisp_heap::Kind::Cons))
            && form.first()?.word() == self.sym.word(SpecialForm::Do)
        {
            let mut last = Value::nil(self.env);
            for x in form.rest()?.elements()? {
                last = self.eval(x?)?;
            }
            return Ok(last);
        }
        let expanded = self.expand(form, &mut Vec::new())?;
        let node = self.analyze_top(expanded.borrowed())?;
        self.run_top(&node)
    }

    /// A fresh number (for gensyms): unique in this process, and prefixed
    /// by the process id so two processes rarely pick the same.
    pub fn next_id(&self) -> u64 {
        self.thread.next_id()
    }

    /// The source position of a heap form read in the current evaluation,
    /// if known.
    pub(crate) fn position_of(&self, form: Word) -> Option<Position> {
        self.source.position_of(form)
    }

    /// Gives the form `to` the source position of `from`, if it has one
    /// (lists and vectors rebuilt by expansion).
    pub(crate) fn copy_position(&self, from: Word, to: Word) {
        self.source.copy_position(from, to);
    }

    /// The namespace named `name`, if it exists.
    pub(crate) fn find_ns(&self, name: &str) -> EvalResult<Option<Value<'e>>> {
        let sym = self.env.intern_symbol(None, name)?;
        Ok(self.env.find_namespace(&self.p, sym.borrowed())?)
    }

    /// The var `ns` maps `name` to (interned or referred), if any.
    pub(crate) fn ns_lookup(&self, ns: Ref<'_>, name: Ref<'_>) -> EvalResult<Option<Value<'e>>> {
        let mappings = self.env.namespace_mappings(ns)?;
        let g = self.p.pin();
        let map = mappings.load(&g)?;
        if map.is_nil() {
            return Ok(None);
        }
        match map.get(name)? {
            Some(v) if !v.is_nil() => Ok(Some(self.env.own(v)?)),
            _ => Ok(None),
        }
    }

    /// Whether `ns` maps `name` to nil: excluded from the implicit refer of
    /// `clojure.core` (`(:refer-clojure :exclude [name])`).
    pub(crate) fn ns_excludes(&self, ns: Ref<'_>, name: Ref<'_>) -> EvalResult<bool> {
        let mappings = self.env.namespace_mappings(ns)?;
        let g = self.p.pin();
        let map = mappings.load(&g)?;
        if map.is_nil() {
            return Ok(false);
        }
        Ok(map.get(name)?.is_some_and(|v| v.is_nil()))
    }

    /// The namespace an alias of the current namespace stands for.
    pub(crate) fn alias_target(&self, alias: Ref<'_>) -> EvalResult<Option<Value<'e>>> {
        let ns = self.current_ns();
        let aliases = self.env.namespace_aliases(ns.borrowed())?;
        let g = self.p.pin();
        let map = aliases.load(&g)?;
        if map.is_nil() {
            return Ok(None);
        }
        match map.get(alias)? {
            Some(v) => Ok(Some(self.env.own(v)?)),
            None => Ok(None),
        }
    }

    /// `ns/name` or `name` of a var, for messages.
    pub(crate) fn var_display(&self, var: Ref<'_>) -> String {
        match self.env.var_name(var) {
            Ok((ns, name)) => match (ns.symbol_parts(), name.symbol_parts()) {
                (Ok((_, ns)), Ok((_, name))) => format!("{ns}/{name}"),
                _ => "?".into(),
            },
            Err(_) => "?".into(),
        }
    }
}

impl Interp<'_> {
    /// Refuses to publish `v` into a shared root (`into` names it: "var
    /// user/x", "an atom", "a ref") when it is or holds a process-local
    /// host object. Free until this process has made one.
    #[inline]
    pub(crate) fn check_publishable(
        &self,
        v: evelisp_heap::Ref<'_>,
        into: impl FnOnce() -> String,
    ) -> EvalResult<()> {
        if !crate::host_objects::any_made() {
            return Ok(());
        }
        // Pinned: a lazy seq's cell the walk reads may be replaced (and its
        // old value retired) meanwhile.
        let _pin = self.participant().pin();
        match v.find_host_word()? {
            None => Ok(()),
            Some(w) => Err(EvalError::new(EvalErrorKind::IllegalState(format!(
                "a {} is a process-local object and cannot be stored in the shared env ({}): \
                 keep it in a local, or store what it holds",
                crate::host_objects::class_name(w),
                into()
            )))),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // tests may unwrap

    use super::Interp;
    use evelisp_heap::{Env, EnvOptions};

    /// A native is looked up by name once per code object: every later
    /// call is served from the interpreter's cache.
    #[test]
    fn natives_are_looked_up_by_name_once() {
        let dir = tempfile::tempdir().unwrap();
        let env = Env::open_with(
            dir.path().join("e.eve"),
            &EnvOptions::new().map_size(1 << 30),
        )
        .unwrap();
        let i = Interp::new(&env).unwrap();
        let v = i
            .eval_str("(loop* [n 0] (if (< n 1000) (recur (inc n)) n))", None)
            .unwrap();
        assert_eq!(crate::print::pr_str(v.borrowed()).unwrap(), "1000");
        // `<` and `inc`: one lookup each, not one per call.
        assert_eq!(i.caches.native_name_lookups.get(), 2);
    }
}
