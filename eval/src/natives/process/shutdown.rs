//! Shutdown hooks (`babashka.process`'s `:shutdown`, Java's
//! `Runtime.addShutdownHook`): functions of no arguments a script
//! registers, called when the `evelisp` command finishes its job (the
//! script ended, normally or with an error), in the order registered.
//! Each is kept by the env (`Env::keep`: it may close over process-local
//! objects, as a process record does) until it has run.

use crate::Interp;
use crate::error::{EvalResult, arity};
use crate::native_registry::Args;
use evelisp_heap::Value;
use std::sync::Mutex;

natives! {
    /// Registers f, a function of no arguments, to be called when this
    /// evelisp process finishes its script (as a JVM shutdown hook); nil.
    #[arglists = "([f])"]
    "evelisp.process/add-shutdown-hook" => add_hook;
}

/// The hooks registered: the address of the env keeping each, and its
/// number there.
static HOOKS: Mutex<Vec<(usize, u64)>> = Mutex::new(Vec::new());

fn hooks() -> std::sync::MutexGuard<'static, Vec<(usize, u64)>> {
    HOOKS.lock().unwrap_or_else(|p| p.into_inner())
}

fn add_hook<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [f] = &args[..] else {
        return Err(arity("evelisp.process/add-shutdown-hook", args.len()));
    };
    let env = i.env();
    let id = env.keep(f.clone())?;
    hooks().push((env as *const _ as usize, id));
    Ok(Value::nil(env))
}

impl Interp<'_> {
    /// Calls the shutdown hooks registered on this interpreter's env, in
    /// order, each once; an error of one is reported on stderr (as the
    /// JVM reports an exception of a hook's thread) and the rest still
    /// run.
    pub fn run_shutdown_hooks(&self) {
        let env = self.env();
        let here = env as *const _ as usize;
        loop {
            let next = {
                let mut h = hooks();
                match h.iter().position(|(e, _)| *e == here) {
                    Some(at) => h.remove(at).1,
                    None => return,
                }
            };
            let result = env
                .kept(next)
                .map_err(crate::EvalError::from)
                .and_then(|f| {
                    let _ = env.release_kept(next);
                    self.apply(f.borrowed(), Args::new())
                });
            if let Err(e) = result {
                eprintln!("Exception in shutdown hook: {e}");
            }
        }
    }
}
