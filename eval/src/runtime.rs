//! The embedding API: [`Runtime`], one thread's evaluator over an env file
//! it holds a shared handle on. Open one with [`Runtime::open`] (creating
//! the file if missing) or [`Runtime::ephemeral`]; evaluate text
//! ([`Runtime::eval_str`], [`Runtime::eval_file`]), call functions with
//! Rust arguments ([`Runtime::call`]), define natives in Rust
//! ([`Runtime::define_native`]) and capture a thread's `*out*`
//! ([`Runtime::with_out`]). Results come back as owned Rust values through
//! [`FromValue`] (use [`Data`](crate::rust_values::Data) for any shape);
//! [`Runtime::with_interp`] gives the evaluator itself for zero-copy work.
//!
//! A `Runtime` is not `Send` (each thread has its own `*ns*`, bindings and
//! `*out*`): [`Runtime::handle`] gives a `Send + Sync` [`RuntimeHandle`]
//! that makes a runtime for another thread over the same mapping.
//!
//! The interpreter borrows the `Env` it works on, and the runtime owns that
//! `Env` (through an `Arc`): `self_cell` keeps the two together soundly.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::host_natives::{self, HostNative};
use crate::interp::Interp;
use crate::rust_values::{FromValue, IntoArgs, IntoValue};
use evelisp_heap::{Env, EnvOptions, Kind, Ref, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Work a runtime does on every thread it starts on, after the evaluator
/// is made (the core library uses it to install itself once per file and
/// to register its natives).
pub type Prelude = fn(&Interp<'_>) -> EvalResult<()>;

self_cell::self_cell!(
    /// The env handle and the interpreter that borrows it.
    struct Cell {
        owner: Arc<Env>,
        #[not_covariant]
        dependent: Interp,
    }
);

/// One thread's evaluator over an env file (see the module docs).
pub struct Runtime {
    cell: Cell,
    prelude: Option<Prelude>,
}

/// A `Send + Sync` handle on a runtime's env file, to make runtimes for
/// other threads over the same mapping.
#[derive(Clone)]
pub struct RuntimeHandle {
    env: Arc<Env>,
    prelude: Option<Prelude>,
}

/// A var, named `ns/name`: a handle for [`Runtime::get`] and
/// [`Runtime::call`]. It names the var, so a redefinition (here or in
/// another process) is seen by the next use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Var {
    ns: String,
    name: String,
}

impl Var {
    /// The var's namespace.
    pub fn ns(&self) -> &str {
        &self.ns
    }

    /// The var's name in its namespace.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl std::fmt::Display for Var {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#'{}/{}", self.ns, self.name)
    }
}

/// What [`Runtime::call`] can call: a var name (`"ns/name"`) or a [`Var`].
pub trait Callee {
    /// The var to call.
    fn var(&self) -> EvalResult<Var>;
}

impl Callee for &str {
    fn var(&self) -> EvalResult<Var> {
        parse_var_name(self)
    }
}

impl Callee for &Var {
    fn var(&self) -> EvalResult<Var> {
        Ok((*self).clone())
    }
}

fn parse_var_name(qualified: &str) -> EvalResult<Var> {
    match qualified.split_once('/') {
        Some((ns, name)) if !ns.is_empty() && !name.is_empty() => Ok(Var {
            ns: ns.to_string(),
            name: name.to_string(),
        }),
        _ => Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "not a qualified var name (ns/name): {qualified}"
        )))),
    }
}

/// The arguments of a call of a native defined with
/// [`Runtime::define_native`].
pub struct Args<'a, 'e> {
    interp: &'a Interp<'e>,
    values: &'a [Value<'e>],
}

impl<'a, 'e> Args<'a, 'e> {
    /// How many arguments there are.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Argument `i` converted to `T` (an `IllegalArgumentException` when
    /// there is no such argument, a `ClassCastException` when it does not
    /// fit).
    pub fn get<T: FromValue>(&self, i: usize) -> EvalResult<T> {
        T::from_value(self.value(i)?)
    }

    /// Argument `i` as a borrowed, zero-copy view.
    pub fn value(&self, i: usize) -> EvalResult<Ref<'a>> {
        self.values.get(i).map(Value::borrowed).ok_or_else(|| {
            EvalError::new(EvalErrorKind::IllegalArgument(format!(
                "argument {} asked for, {} given",
                i + 1,
                self.values.len()
            )))
        })
    }

    /// The evaluator running the call (to call back into evelisp).
    pub fn interp(&self) -> &'a Interp<'e> {
        self.interp
    }
}

impl Runtime {
    /// Opens the env file at `path` (creating it if missing) and makes an
    /// evaluator for the calling thread, in namespace `user`.
    pub fn open(path: impl AsRef<Path>) -> EvalResult<Runtime> {
        Runtime::open_with(path, None)
    }

    /// Like [`Runtime::open`], running `prelude` once the evaluator is
    /// made (and on every thread a [`RuntimeHandle`] starts).
    pub fn open_with(path: impl AsRef<Path>, prelude: Option<Prelude>) -> EvalResult<Runtime> {
        let env = Env::open_with(path.as_ref(), &EnvOptions::new())?;
        Runtime::from_env(Arc::new(env), prelude)
    }

    /// A private env in a temporary file that no other process can open
    /// (unlinked at once; the mapping keeps it alive until the last handle
    /// is dropped).
    pub fn ephemeral() -> EvalResult<Runtime> {
        Runtime::ephemeral_with(None)
    }

    /// Like [`Runtime::ephemeral`], with a prelude (see
    /// [`Runtime::open_with`]).
    pub fn ephemeral_with(prelude: Option<Prelude>) -> EvalResult<Runtime> {
        let (env, _) = open_ephemeral()?;
        Runtime::from_env(Arc::new(env), prelude)
    }

    /// A runtime for the calling thread over an env the host opened.
    pub fn from_env(env: Arc<Env>, prelude: Option<Prelude>) -> EvalResult<Runtime> {
        let shared = env.clone();
        let cell = Cell::try_new(env, |env| {
            let interp = Interp::new(env)?;
            interp.share_env(shared)?;
            if let Some(prelude) = prelude {
                prelude(&interp)?;
            }
            Ok::<_, EvalError>(interp)
        })?;
        Ok(Runtime { cell, prelude })
    }

    /// A `Send + Sync` handle to make runtimes for other threads.
    pub fn handle(&self) -> RuntimeHandle {
        RuntimeHandle {
            env: self.cell.borrow_owner().clone(),
            prelude: self.prelude,
        }
    }

    /// The env file this runtime works on.
    pub fn env(&self) -> &Env {
        self.cell.borrow_owner()
    }

    /// Runs `f` with this thread's evaluator (zero-copy access to values;
    /// they cannot leave `f`).
    pub fn with_interp<R>(&self, f: impl for<'e> FnOnce(&Interp<'e>) -> R) -> R {
        self.cell.with_dependent(|_, interp| f(interp))
    }

    /// Reads and evaluates every form of `src`; the last value as `T`.
    pub fn eval_str<T: FromValue>(&self, src: &str) -> EvalResult<T> {
        self.with_interp(|interp| {
            let v = interp.eval_str(src, None)?;
            T::from_value(v.borrowed())
        })
    }

    /// Reads and evaluates the file at `path` (errors name it); the last
    /// value as `T`. `*ns*` is restored afterwards, as `load-file` does.
    pub fn eval_file<T: FromValue>(&self, path: impl AsRef<Path>) -> EvalResult<T> {
        self.with_interp(|interp| {
            let v = interp.load_file(path.as_ref())?;
            T::from_value(v.borrowed())
        })
    }

    /// The var `ns/name` (an error if its namespace or the var does not
    /// exist).
    pub fn var(&self, qualified: &str) -> EvalResult<Var> {
        let var = parse_var_name(qualified)?;
        self.with_interp(|interp| find_var(interp, &var).map(|_| ()))?;
        Ok(var)
    }

    /// The current value of `var` (its thread binding, else its root).
    pub fn get<T: FromValue>(&self, var: impl Callee) -> EvalResult<T> {
        let var = var.var()?;
        self.with_interp(|interp| {
            let v = find_var(interp, &var)?;
            let value = interp.deref_var(v.borrowed())?;
            T::from_value(value.borrowed())
        })
    }

    /// Calls the function held by `f` (a var name or a [`Var`]) with
    /// `args` (a tuple, array, slice or `Vec` of [`IntoValue`]s); its value
    /// as `T`.
    pub fn call<T: FromValue>(&self, f: impl Callee, args: impl IntoArgs) -> EvalResult<T> {
        let var = f.var()?;
        self.with_interp(|interp| {
            let v = find_var(interp, &var)?;
            let args = args.into_args(interp.env())?;
            let result =
                interp.apply(v.borrowed(), crate::native_registry::Args::from_vec(args))?;
            T::from_value(result.borrowed())
        })
    }

    /// Defines the native function `ns/name` (creating the namespace if
    /// needed): calling it from evelisp calls `f`. The var's value lives in
    /// the env file and names the native, so other processes see the var;
    /// calling it works in every process that defined the same native.
    pub fn define_native<R, F>(&self, qualified: &str, f: F) -> EvalResult<Var>
    where
        R: IntoValue,
        F: Fn(&Args<'_, '_>) -> EvalResult<R> + Send + Sync + 'static,
    {
        let var = parse_var_name(qualified)?;
        let native: HostNative = Arc::new(host_fn(move |interp, values| {
            let result = f(&Args {
                interp,
                values: &values,
            })?;
            result.into_value(interp.env())
        }));
        self.with_interp(|interp| host_natives::define(interp, qualified, native))?;
        Ok(var)
    }

    /// Runs `f` with this thread's `*out*` writing to `out`; gives back
    /// `f`'s result and the writer (so `Vec<u8>` captures the output).
    pub fn with_out<W, R>(&self, out: W, f: impl FnOnce() -> R) -> (R, W)
    where
        W: Write + Send + 'static,
    {
        let slot = Arc::new(Mutex::new(Some(out)));
        let writer = SharedWriter(slot.clone());
        let result = self.with_interp(|interp| {
            let saved = interp.replace_out(crate::interp::Out::shared(writer));
            let result = f();
            drop(interp.replace_out(saved));
            result
        });
        let out = lock(&slot).take();
        match out {
            Some(out) => (result, out),
            // Only this function takes the writer out of its slot.
            None => unreachable!("with_out: the writer was taken twice"),
        }
    }
}

fn lock<W>(slot: &Mutex<Option<W>>) -> std::sync::MutexGuard<'_, Option<W>> {
    slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl RuntimeHandle {
    /// A runtime for the calling thread over this handle's env file.
    pub fn runtime(&self) -> EvalResult<Runtime> {
        Runtime::from_env(self.env.clone(), self.prelude)
    }
}

/// Forces the higher-ranked signature on a closure.
fn host_fn<F>(f: F) -> F
where
    F: for<'e> Fn(&Interp<'e>, Vec<Value<'e>>) -> EvalResult<Value<'e>>,
{
    f
}

/// A writer shared with the caller of [`Runtime::with_out`], who takes it
/// back afterwards.
struct SharedWriter<W>(Arc<Mutex<Option<W>>>);

impl<W: Write> Write for SharedWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match lock(&self.0).as_mut() {
            Some(w) => w.write(buf),
            None => Err(std::io::Error::other("*out* is closed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match lock(&self.0).as_mut() {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

/// The var object of `var`, if its namespace and the var exist.
fn find_var<'e>(interp: &Interp<'e>, var: &Var) -> EvalResult<Value<'e>> {
    let missing = || {
        EvalError::new(EvalErrorKind::UnresolvedSymbol(format!(
            "{}/{}",
            var.ns, var.name
        )))
    };
    let ns = interp
        .find_ns(&var.ns)?
        .ok_or_else(|| EvalError::new(EvalErrorKind::NoSuchNamespace(var.ns.clone())))?;
    let sym = interp.env().intern_symbol(None, &var.name)?;
    let found = interp
        .ns_lookup(ns.borrowed(), sym.borrowed())?
        .ok_or_else(missing)?;
    if matches!(found.borrowed().kind()?, Some(Kind::Var)) {
        Ok(found)
    } else {
        Err(missing())
    }
}

/// Opens a private env: created in a fresh directory of its own under the
/// temporary directory, then unlinked at once (the mapping keeps it alive
/// until exit), so nothing is left behind however the process ends. Gives
/// the env and the path it had.
pub fn open_ephemeral() -> EvalResult<(Env, PathBuf)> {
    use std::os::unix::fs::DirBuilderExt;
    let base = std::env::temp_dir();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut attempt = 0u32;
    let dir = loop {
        let dir = base.join(format!(
            "evelisp-{}-{nanos:x}-{attempt}",
            std::process::id()
        ));
        match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
            Ok(()) => break dir,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(e) => {
                return Err(EvalError::new(EvalErrorKind::Io(format!(
                    "cannot create {}: {e}",
                    dir.display()
                ))));
            }
        }
    };
    let path = dir.join("ephemeral.eve");
    let env = Env::open_with(&path, &EnvOptions::new());
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_dir(&dir);
    Ok((env?, path))
}
