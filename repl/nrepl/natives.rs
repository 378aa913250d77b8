//! `evelisp.nrepl/start-server!` and `stop-server!`: the server started
//! from evelisp code. They are host natives (`define_host_native`), not
//! core natives: the server lives in this crate, above the evaluator, so
//! the `evelisp` binary (and any embedding program that wants them) calls
//! [`install`] on its interpreter at start; the env file then holds vars
//! naming them, and a process that did not install them gets a clear
//! "missing native" error when it calls one.

use super::server::{Server, ServerOptions};
use crate::eval::{Data, EvalError, EvalErrorKind, EvalResult, FromValue, Interp};
use crate::heap::Value;
use std::sync::{Arc, Mutex, MutexGuard};

/// The servers started from evelisp code in this process.
static SERVERS: Mutex<Vec<Server>> = Mutex::new(Vec::new());

fn servers() -> MutexGuard<'static, Vec<Server>> {
    SERVERS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Their docstrings and arglists, set once per env file.
const DOCS: &str = r#"
(do
  (clojure.core/alter-meta! (var evelisp.nrepl/start-server!) clojure.core/assoc
    :doc "Starts an nREPL server on this process's env file and gives its port.
  opts: :port (0 or none: a free one), :host (\"127.0.0.1\" unless given:
  anyone who can connect can run code as this user)."
    :arglists '([] [opts]))
  (clojure.core/alter-meta! (var evelisp.nrepl/stop-server!) clojure.core/assoc
    :doc "Stops the nREPL server on port (every server started with
  start-server! in this process when no port is given); true if one stopped."
    :arglists '([] [port])))
"#;

/// Defines `evelisp.nrepl/start-server!` and `stop-server!` in this
/// process (and their vars in the env file, once).
pub fn install(interp: &Interp<'_>) -> EvalResult<()> {
    crate::eval::define_host_native(interp, "evelisp.nrepl/start-server!", Arc::new(start))?;
    crate::eval::define_host_native(interp, "evelisp.nrepl/stop-server!", Arc::new(stop))?;
    // Every process starts here: the docs are read (one root load), and
    // written only by the first process on an env file.
    if !documented(interp)? {
        interp.eval_str(DOCS, Some("<nrepl>"))?;
    }
    Ok(())
}

/// Whether `stop-server!` (documented last) has its docstring.
fn documented(interp: &Interp<'_>) -> EvalResult<bool> {
    let env = interp.env();
    let p = interp.participant();
    let ns_sym = env.intern_symbol(None, "evelisp.nrepl")?;
    let Some(ns) = env.find_namespace(p, ns_sym.borrowed())? else {
        return Ok(false);
    };
    let sym = env.intern_symbol(None, "stop-server!")?;
    let var = env.intern_var(p, ns.borrowed(), sym.borrowed())?;
    let meta = env.var_meta(var.borrowed())?.get(p)?;
    let doc = env.intern_keyword(None, "doc")?;
    Ok(!meta.borrowed().is_nil() && meta.borrowed().get(doc.borrowed())?.is_some())
}

fn illegal(msg: String) -> EvalError {
    EvalError::new(EvalErrorKind::IllegalArgument(msg))
}

/// `(start-server! opts)`.
fn start<'e>(interp: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let mut options = ServerOptions::default();
    match args.as_slice() {
        [] => {}
        [opts] => {
            let data = Data::from_value(opts.borrowed())?;
            let entries = match data {
                Data::Map(entries) => entries,
                Data::Nil => Vec::new(),
                _ => return Err(illegal("start-server!: opts must be a map".into())),
            };
            for (k, v) in entries {
                match (k, v) {
                    (Data::Keyword(k), Data::Int(p)) if k == "port" => {
                        options.port = u16::try_from(p).map_err(|_| {
                            illegal(format!("start-server!: :port {p} is not a port"))
                        })?;
                    }
                    (Data::Keyword(k), Data::Str(h)) if k == "host" => options.host = h,
                    (Data::Keyword(k), Data::Nil) if k == "port" || k == "host" => {}
                    (k, _) => {
                        return Err(illegal(format!(
                            "start-server!: unknown or invalid option {k:?} (:port and :host are)"
                        )));
                    }
                }
            }
        }
        _ => {
            return Err(EvalError::new(EvalErrorKind::Arity {
                count: args.len(),
                name: "evelisp.nrepl/start-server!".into(),
            }));
        }
    }
    let env = interp.shared_env().ok_or_else(|| {
        EvalError::new(EvalErrorKind::IllegalState(
            "start-server!: this interpreter has no shared env handle (Interp::share_env)".into(),
        ))
    })?;
    let server = Server::start(env, &options)
        .map_err(|e| EvalError::new(EvalErrorKind::Io(e.to_string())))?;
    let port = server.port();
    servers().push(server);
    Ok(interp.env().make_int(i64::from(port))?)
}

/// `(stop-server!)`, `(stop-server! port)`.
fn stop<'e>(interp: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let port = match args.as_slice() {
        [] => None,
        [p] => match Data::from_value(p.borrowed())? {
            Data::Int(p) => Some(p),
            Data::Nil => None,
            _ => return Err(illegal("stop-server!: port must be an integer".into())),
        },
        _ => {
            return Err(EvalError::new(EvalErrorKind::Arity {
                count: args.len(),
                name: "evelisp.nrepl/stop-server!".into(),
            }));
        }
    };
    let stopping: Vec<Server> = {
        let mut all = servers();
        let (stop, keep): (Vec<_>, Vec<_>) = all
            .drain(..)
            .partition(|s| port.is_none_or(|p| i64::from(s.port()) == p));
        *all = keep;
        stop
    };
    let any = !stopping.is_empty();
    // Stopped outside the lock (each waits for its accepting thread).
    drop(stopping);
    Ok(interp.env().make_bool(any))
}
