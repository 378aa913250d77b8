//! [`Interp`]: one thread's evaluator over an open env file. It holds the
//! thread's participant (pins and retires go through it), its current
//! namespace (`*ns*` is per thread), the symbols of the special forms, and
//! the process-local cache of analyzed code (keyed by a code object's word
//! and its file-unique id, so a reused offset never aliases).
//!
//! Evaluating text: read (reader) → desugar (reader sugar, needs the
//! namespace context) → convert (`Form` → heap value, positions kept in a
//! side table) → expand (macros run, globals resolved to var objects:
//! `expand.rs`) → analyze (a process-local tree: `analyze.rs`) → run
//! (`run.rs`).

use crate::analyze::FnCode;
use crate::convert::{Positions, form_to_value};
use crate::desugar::{Context, desugar};
use crate::error::{EvalError, EvalErrorKind, EvalResult, Position};
use evelisp_heap::{Env, Participant, Ref, Value, Word};
use evelisp_reader::{LineIndex, ReadOptions, Span};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// The words of the symbols the evaluator treats specially (interned, so
/// the same in every process; compared by word).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Specials {
    pub quote: Word,
    pub if_: Word,
    pub do_: Word,
    pub let_: Word,
    pub loop_: Word,
    pub recur: Word,
    pub fn_: Word,
    pub letfn: Word,
    pub def: Word,
    pub var: Word,
    pub throw: Word,
    pub try_: Word,
    pub catch: Word,
    pub finally: Word,
    pub binding: Word,
    pub set: Word,
    pub ns: Word,
    pub defmacro: Word,
    pub amp: Word,
    pub native: Word,
}

/// A native function resolved by name for this process: one of the core
/// natives, or one the host registered (with the registry's generation
/// when it was looked up: a later registration may replace it).
#[derive(Clone)]
pub(crate) enum NativeImpl {
    /// A native of [`crate::natives::NATIVES`].
    Core(crate::natives::Native),
    /// A host native and the registry generation it was found in.
    Host(crate::host_natives::HostNative, u64),
}

impl NativeImpl {
    /// Whether a cached resolution still holds: always for a core native;
    /// for a host native, while no native was registered since.
    pub(crate) fn is_current(&self) -> bool {
        match self {
            NativeImpl::Core(_) => true,
            NativeImpl::Host(_, generation) => *generation == crate::host_natives::generation(),
        }
    }
}

/// A hasher for keys made of words and ids (FxHash's mixing): the caches
/// below are looked up on every call, and their keys need no protection
/// against chosen collisions.
#[derive(Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A map keyed by (code word, code id) with [`WordHasher`].
pub(crate) type CodeMap<V> = HashMap<(Word, u64), V, std::hash::BuildHasherDefault<WordHasher>>;

/// A writer shared between threads: a `*out*` that can be conveyed to
/// the futures a thread starts (they write to the same writer, as Clojure
/// conveys the binding of `*out*`).
pub type SharedOut = std::sync::Arc<std::sync::Mutex<Box<dyn std::io::Write + Send>>>;

/// A thread's `*out*`: a writer only this thread may use (given to
/// [`Interp::set_out`]; futures started meanwhile write to standard
/// output), or a [`SharedOut`] that futures started meanwhile write to too.
pub enum Out<'e> {
    /// A writer of this thread only.
    Local(Box<dyn std::io::Write + 'e>),
    /// A writer shared with the futures this thread starts.
    Shared(SharedOut),
}

impl Out<'_> {
    /// A shared `*out*` writing to `w`.
    pub fn shared(w: impl std::io::Write + Send + 'static) -> Self {
        Out::Shared(std::sync::Arc::new(std::sync::Mutex::new(Box::new(w))))
    }

    /// Writes all of `text` and flushes.
    fn write_text(&mut self, text: &str) -> std::io::Result<()> {
        match self {
            Out::Local(w) => w.write_all(text.as_bytes()).and_then(|()| w.flush()),
            Out::Shared(w) => {
                let mut w = w.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                w.write_all(text.as_bytes()).and_then(|()| w.flush())
            }
        }
    }
}

/// Where the form being evaluated came from: its file and text, to turn
/// byte spans into line:column.
struct Source {
    file: Option<String>,
    text: String,
}

/// One thread's evaluator (see the module docs). Not `Send`: make one per
/// thread.
pub struct Interp<'e> {
    pub(crate) env: &'e Env,
    pub(crate) p: Participant<'e>,
    pub(crate) sym: Specials,
    ns: RefCell<Value<'e>>,
    pub(crate) core: Value<'e>,
    pub(crate) cache: RefCell<CodeMap<Rc<FnCode<'e>>>>,
    /// The natives resolved by this interpreter, by (code word, code id)
    /// of their code object (so a call after the first needs no lookup by
    /// name).
    natives: RefCell<CodeMap<NativeImpl>>,
    /// The code objects of the core natives this interpreter made native
    /// closures of (one code object per native, shared by its closures).
    native_codes: RefCell<HashMap<&'static str, (Value<'e>, Value<'e>)>>,
    /// The log of this thread's running ref transaction (`stm.rs`).
    pub(crate) tx: RefCell<Option<crate::stm::Tx<'e>>>,
    /// How many times a native was looked up by name (the slow path of
    /// [`Interp::resolve_native`]; observed by tests).
    native_name_lookups: Cell<u64>,
    pub(crate) depth: Cell<usize>,
    positions: RefCell<Positions>,
    source: RefCell<Option<Source>>,
    next_id: Cell<u64>,
    /// The value of the error being thrown by `throw`, until a `catch`
    /// takes it (one per thread, as only one error unwinds at a time).
    pub(crate) thrown: RefCell<Option<Value<'e>>>,
    /// The var `clojure.core/*ns*` (its value is this thread's namespace).
    pub(crate) ns_var: Word,
    /// Directories searched by `require` before `EVELISP_PATH`.
    pub(crate) load_path: RefCell<Vec<std::path::PathBuf>>,
    /// This thread's bindings of dynamic vars.
    pub(crate) bindings: RefCell<crate::dynamic::Bindings<'e>>,
    /// A filter of the vars `bindings` has: one bit per var word, modulo
    /// 64 (`dynamic.rs`); a clear bit means "not bound" without a lookup.
    pub(crate) bound_filter: Cell<u64>,
    /// The `state` keys of future, promise and delay state maps, once
    /// interned (`future.rs`: every `deref` of an atom looks for them).
    pub(crate) state_keys: RefCell<Option<[Value<'e>; 3]>>,
    /// Vectors of finished frames, reused for the next calls' arguments
    /// (`run.rs`), so a call allocates no memory of the process.
    pub(crate) frame_pool: RefCell<Vec<Vec<Value<'e>>>>,
    /// The call site of [`Interp::apply`] (natives calling fns), with its
    /// caches of the last native and compiled fn it called (`run.rs`).
    pub(crate) apply_site: crate::analyze::CallSite<'e>,
    /// The registry vars of atom validators and watches (`natives/refs.rs`),
    /// once looked up.
    pub(crate) atom_registries: RefCell<Option<[Value<'e>; 2]>>,
    /// The interrupt count last seen, when this interpreter can be
    /// interrupted (`interrupt.rs`).
    pub(crate) interrupts_seen: Cell<Option<u64>>,
    /// While a macro's expansion is expanded: the position of the macro
    /// call, for forms the macro made (a `def` made by `defn` records it).
    pub(crate) macro_position: RefCell<Option<Position>>,
    /// The metadata written on names in the current top-level form, by
    /// name (`var_meta.rs`).
    pub(crate) pending_meta: RefCell<HashMap<String, evelisp_reader::Form>>,
    /// Positions of the lists of stored code being analyzed (from its
    /// position table: `code_positions.rs`).
    pub(crate) code_positions: RefCell<HashMap<Word, Position>>,
    /// The host's shared handle on `env`, for threads this interpreter
    /// starts (futures); without it they open the file themselves.
    pub(crate) shared_env: RefCell<Option<std::sync::Arc<Env>>>,
    /// This thread's `*out*` (process-local: never stored in the env).
    out: RefCell<Out<'e>>,
    /// The vars `*out*`, `*err*`, `*in*` (dynamic, never bound in the file).
    pub(crate) stream_vars: [Word; 3],
}

/// Name of the namespace of the core library.
pub const CORE_NS: &str = "clojure.core";
/// Name of the namespace evaluation starts in.
pub const USER_NS: &str = "user";

impl<'e> Interp<'e> {
    /// An evaluator for the calling thread: attaches a participant, makes
    /// sure `clojure.core` (with its native functions) and `user` exist,
    /// and starts in `user`.
    pub fn new(env: &'e Env) -> EvalResult<Interp<'e>> {
        let p = env.participant()?;
        let s = |name: &str| -> EvalResult<Word> { Ok(env.intern_symbol(None, name)?.word()) };
        let sym = Specials {
            quote: s("quote")?,
            if_: s("if")?,
            do_: s("do")?,
            let_: s("let*")?,
            loop_: s("loop*")?,
            recur: s("recur")?,
            fn_: s("fn*")?,
            letfn: s("letfn*")?,
            def: s("def")?,
            var: s("var")?,
            throw: s("throw")?,
            try_: s("try")?,
            catch: s("catch")?,
            finally: s("finally")?,
            binding: s("binding")?,
            set: s("set!")?,
            ns: s("ns")?,
            defmacro: s("defmacro")?,
            amp: s("&")?,
            native: env.intern_keyword(Some("evelisp"), "native")?.word(),
        };
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
            ns: RefCell::new(user),
            core,
            cache: RefCell::new(CodeMap::default()),
            natives: RefCell::new(CodeMap::default()),
            native_codes: RefCell::new(HashMap::new()),
            tx: RefCell::new(None),
            native_name_lookups: Cell::new(0),
            depth: Cell::new(0),
            positions: RefCell::new(Positions::default()),
            source: RefCell::new(None),
            next_id: Cell::new(u64::from(std::process::id()) << 32),
            thrown: RefCell::new(None),
            ns_var: ns_var.word(),
            load_path: RefCell::new(Vec::new()),
            bindings: RefCell::new(crate::dynamic::Bindings::default()),
            bound_filter: Cell::new(0),
            state_keys: RefCell::new(None),
            frame_pool: RefCell::new(Vec::new()),
            apply_site: crate::analyze::CallSite {
                position: None,
                var_root: None,
                native: RefCell::new(None),
                compiled: RefCell::new(None),
            },
            pending_meta: RefCell::new(HashMap::new()),
            macro_position: RefCell::new(None),
            interrupts_seen: Cell::new(None),
            atom_registries: RefCell::new(None),
            code_positions: RefCell::new(HashMap::new()),
            shared_env: RefCell::new(None),
            out: RefCell::new(Out::shared(std::io::stdout())),
            stream_vars,
        };
        crate::natives::install(&interp)?;
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
        *self.shared_env.borrow_mut() = Some(env);
        Ok(())
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
        self.ns.borrow().clone()
    }

    /// The name of the current namespace.
    pub fn current_ns_name(&self) -> EvalResult<String> {
        let ns = self.current_ns();
        let name = self.env.namespace_name(ns.borrowed())?;
        Ok(name.symbol_parts()?.1.to_string())
    }

    /// Makes `ns` (a namespace) the current one.
    pub fn set_current_ns(&self, ns: Value<'e>) {
        *self.ns.borrow_mut() = ns;
    }

    /// Binds this thread's `*out*` to `out` (standard output by default),
    /// a writer of this thread only: futures started while it is bound
    /// write to standard output (see [`Interp::set_shared_out`]).
    pub fn set_out(&self, out: Box<dyn std::io::Write + 'e>) {
        *self.out.borrow_mut() = Out::Local(out);
    }

    /// Binds this thread's `*out*` to `out`, shared with the futures this
    /// thread starts while it is bound (they write to it too).
    pub fn set_shared_out(&self, out: SharedOut) {
        *self.out.borrow_mut() = Out::Shared(out);
    }

    /// Replaces this thread's `*out*`, giving back the one it had.
    pub fn replace_out(&self, out: Out<'e>) -> Out<'e> {
        std::mem::replace(&mut *self.out.borrow_mut(), out)
    }

    /// This thread's `*out*` if it can be conveyed to another thread.
    pub(crate) fn shared_out(&self) -> Option<SharedOut> {
        match &*self.out.borrow() {
            Out::Shared(w) => Some(w.clone()),
            Out::Local(_) => None,
        }
    }

    /// Writes `text` to this thread's `*out*`.
    pub(crate) fn write_out(&self, text: &str) -> EvalResult<()> {
        self.out
            .borrow_mut()
            .write_text(text)
            .map_err(|e| EvalError::new(EvalErrorKind::Io(e.to_string())))
    }

    /// A native closure: a fn object calling the native
    /// `clojure.core/name` (a core native, or one a library registered
    /// under that name) with `captured` as its first argument (its code
    /// object made once per interpreter and shared by every closure of that
    /// native).
    pub fn native_closure(&self, name: &'static str, captured: Ref<'_>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let cached = self.native_codes.borrow().get(name).cloned();
        let (code, body) = match cached {
            Some(hit) => hit,
            None => {
                let body = env.intern_symbol(Some(CORE_NS), name)?;
                let marker = env.intern_keyword(Some("evelisp"), "native")?;
                let code = env.new_code(body.borrowed(), marker.borrowed(), &[])?;
                self.native_codes
                    .borrow_mut()
                    .insert(name, (code.clone(), body.clone()));
                (code, body)
            }
        };
        Ok(env.new_fn(code.borrowed(), captured, body.borrowed())?)
    }

    /// The native function named by native code object `code` (whose body
    /// is the name symbol `body`): cached per code object after the first
    /// lookup by name (core natives first, then the host's).
    pub(crate) fn resolve_native(&self, code: Ref<'_>, body: Ref<'_>) -> EvalResult<NativeImpl> {
        let key = (code.word(), self.env.code_id(code)?);
        if let Some(hit) = self.natives.borrow().get(&key)
            && hit.is_current()
        {
            return Ok(hit.clone());
        }
        self.native_name_lookups
            .set(self.native_name_lookups.get() + 1);
        let name = crate::expand::symbol_text(body);
        let found = if let Some(native) = crate::natives::lookup(&name) {
            NativeImpl::Core(native)
        } else {
            let generation = crate::host_natives::generation();
            match crate::host_natives::lookup(&name) {
                Some(native) => NativeImpl::Host(native, generation),
                None => return Err(EvalError::new(EvalErrorKind::MissingNative(name))),
            }
        };
        self.natives.borrow_mut().insert(key, found.clone());
        Ok(found)
    }

    /// Reads and evaluates every form of `text`, returning the last value
    /// (nil for no forms). `file` names the source in error positions.
    pub fn eval_str(&self, text: &str, file: Option<&str>) -> EvalResult<Value<'e>> {
        let options = ReadOptions {
            file: file.map(Into::into),
            ..ReadOptions::default()
        };
        let saved_source = self.source.replace(Some(Source {
            file: file.map(str::to_string),
            text: text.to_string(),
        }));
        let saved_positions = self.positions.replace(Positions::default());
        // One form at a time, as Clojure loads a file: each form is read
        // after the one before it ran, so the forms before a syntax error
        // have run when it is reported.
        let result = (|| {
            let mut last = Value::nil(self.env);
            for form in evelisp_reader::Reader::new(text, &options) {
                let form = form.map_err(|e| {
                    EvalError::new(EvalErrorKind::Read(e.kind.to_string())).at(Some(Position {
                        file: file.map(str::to_string),
                        line: e.at.line,
                        column: e.at.column,
                    }))
                })?;
                last = self.eval_reader_form(form)?;
            }
            Ok(last)
        })();
        *self.source.borrow_mut() = saved_source;
        *self.positions.borrow_mut() = saved_positions;
        result
    }

    /// `(read-string text)`: the first form of `text` as data (reader
    /// sugar resolved in the current namespace, as Clojure's reader does);
    /// an error when `text` holds no form ("EOF while reading").
    pub fn read_string(&self, text: &str) -> EvalResult<Value<'e>> {
        let options = ReadOptions::default();
        let Some(form) = evelisp_reader::Reader::new(text, &options).next() else {
            return Err(EvalError::new(EvalErrorKind::Read(
                "EOF while reading".into(),
            )));
        };
        let form = form.map_err(|e| {
            EvalError::new(EvalErrorKind::Read(e.kind.to_string())).at(Some(Position {
                file: None,
                line: e.at.line,
                column: e.at.column,
            }))
        })?;
        let plain = desugar(form, &mut NsContext { interp: self })
            .map_err(|e| EvalError::new(EvalErrorKind::Desugar(e.to_string())))?;
        form_to_value(self.env, &plain, &mut Positions::default())
            .map_err(|e| EvalError::new(EvalErrorKind::Convert(e.to_string())))
    }

    /// Desugars, converts and evaluates one form the reader gave.
    pub fn eval_reader_form(&self, form: evelisp_reader::Form) -> EvalResult<Value<'e>> {
        let span = form.span;
        let plain = desugar(form, &mut NsContext { interp: self }).map_err(|e| {
            EvalError::new(EvalErrorKind::Desugar(e.to_string()))
                .at(self.position_of_span(e.span))
                .at(self.position_of_span(span))
        })?;
        self.note_name_meta(&plain);
        let value = {
            let mut positions = self.positions.borrow_mut();
            positions.clear();
            form_to_value(self.env, &plain, &mut positions).map_err(|e| {
                EvalError::new(EvalErrorKind::Convert(e.to_string()))
                    .at(self.position_of_span(e.span))
                    .at(self.position_of_span(span))
            })?
        };
        self.eval(value.borrowed())
            .map_err(|e| e.at(self.position_of_span(span)))
    }

    /// Evaluates a form given as a heap value. A top-level `(do ...)` is
    /// evaluated one form at a time (each expanded after the one before it
    /// ran, as Clojure does), so `(do (ns a) (def x 1))` defines `a/x`.
    pub fn eval(&self, form: Ref<'_>) -> EvalResult<Value<'e>> {
        let form = self.as_code(form)?;
        let form = form.borrowed();
        if matches!(form.kind()?, Some(evelisp_heap::Kind::Cons))
            && form.first()?.word() == self.sym.do_
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

    /// The source position of a heap form read in the current evaluation,
    /// if known.
    pub(crate) fn position_of(&self, form: Word) -> Option<Position> {
        if let Some(p) = self.code_positions.borrow().get(&form) {
            return Some(p.clone());
        }
        let span = self.positions.borrow().get(form)?;
        self.position_of_span(span)
    }

    /// Gives the form `to` the source position of `from`, if it has one
    /// (lists and vectors rebuilt by expansion).
    pub(crate) fn copy_position(&self, from: Word, to: Word) {
        if from == to || to.as_object().is_none() {
            return;
        }
        let mut positions = self.positions.borrow_mut();
        if let Some(span) = positions.get(from) {
            positions.insert(to, span);
        }
    }

    fn position_of_span(&self, span: Span) -> Option<Position> {
        let source = self.source.borrow();
        let source = source.as_ref()?;
        let lc = LineIndex::new(&source.text).line_col(span.start);
        Some(Position {
            file: source.file.clone(),
            line: lc.line,
            column: lc.column,
        })
    }

    /// A fresh number (for gensyms): unique in this process, and prefixed
    /// by the process id so two processes rarely pick the same.
    pub fn next_id(&self) -> u64 {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        id
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

/// The namespace context desugaring asks for (current namespace, aliases,
/// which namespace a symbol's var lives in, fresh ids).
struct NsContext<'a, 'e> {
    interp: &'a Interp<'e>,
}

impl Context for NsContext<'_, '_> {
    fn current_ns(&self) -> evelisp_reader::Name {
        self.interp
            .current_ns_name()
            .unwrap_or_else(|_| USER_NS.to_string())
            .into()
    }

    fn resolve_alias(&self, alias: &str) -> Option<evelisp_reader::Name> {
        let env = self.interp.env;
        let sym = env.intern_symbol(None, alias).ok()?;
        let ns = self.interp.alias_target(sym.borrowed()).ok()??;
        let name = env.namespace_name(ns.borrowed()).ok()?;
        Some(name.symbol_parts().ok()?.1.into())
    }

    fn var_namespace(&self, name: &str) -> Option<evelisp_reader::Name> {
        let env = self.interp.env;
        let sym = env.intern_symbol(None, name).ok()?;
        let var = self.interp.resolve_unqualified(sym.borrowed()).ok()??;
        let (ns, _) = env.var_name(var.borrowed()).ok()?;
        Some(ns.symbol_parts().ok()?.1.into())
    }

    fn next_id(&mut self) -> u64 {
        self.interp.next_id()
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
        assert_eq!(i.native_name_lookups.get(), 2);
    }
}
