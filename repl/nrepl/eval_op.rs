//! `eval` and `load-file` on a session's thread, with nREPL's responses:
//! a `value` (printed with `pr`, with the `ns` after it) per top-level
//! form, `out`/`err` as they are printed, and for an error its text on
//! `err`, then `ex`, `root-ex` and status `eval-error`; an evaluation
//! error does not stop the forms after it (as nREPL's REPL loop goes on),
//! a reading error does. Then `done`, or `interrupted` + `done` when the
//! request was interrupted. `load-file` evaluates the file's text with its
//! name in error positions and answers one `value`, the last form's, and
//! no `ns` (as nREPL's), leaving the session's namespace as it was.

use super::message::{Request, Response};
use super::session::Session;
use super::transport::Transport;
use crate::eval::{EvalError, EvalErrorKind, EvalResult, Interp};
use crate::heap::Value;

/// The largest `line`/`column` honored (a larger one is ignored: the
/// positions would take that much padding).
const MAX_OFFSET: i64 = 1 << 20;

/// Runs one `eval` (or `load-file`) request on the session's thread.
pub(crate) fn evaluate(
    interp: &Interp<'_>,
    session: &Session,
    req: &Request,
    transport: &Transport,
    load_file: bool,
) {
    let reply = |r: Response| transport.send(r);
    let base = || Response::to(req, Some(&session.id));
    session
        .target
        .set(transport.clone(), req.id().map(str::to_string));
    let code_key = if load_file { "file" } else { "code" };
    let Some(code) = req.str(code_key) else {
        reply(base().status(&["error", "no-code", "done"]));
        return;
    };
    let file = if load_file {
        req.str("file-path").or(req.str("file-name"))
    } else {
        req.str("file")
    };
    let original_ns = interp.current_ns();
    let explicit_ns = match req.str("ns") {
        Some(name) => match find_ns(interp, name) {
            Ok(Some(ns)) => Some(ns),
            _ => {
                reply(
                    base()
                        .set("ns", name)
                        .status(&["error", "namespace-not-found", "done"]),
                );
                return;
            }
        },
        None => None,
    };
    let restore_ns = explicit_ns.is_some() || load_file;
    if let Some(ns) = explicit_ns {
        interp.set_current_ns(ns);
    }
    let text = if load_file {
        code.to_string()
    } else {
        padded(code, req.int("line"), req.int("column"))
    };
    session.begin(interp, req.id());
    let mut last = None;
    let result = interp.eval_str_each(&text, file.or(Some("<nrepl>")), |result| {
        match result {
            Ok(v) if load_file => last = Some(v),
            Ok(v) => send_value(interp, session, req, transport, v)?,
            // Interrupts, exits and a load-file's first error end it.
            Err(e) if load_file || stops(&e) => return Err(e),
            Err(e) => report_error(interp, session, req, transport, e),
        }
        Ok(())
    });
    let interrupted = session.end();
    let result = match result {
        Ok(()) => match last {
            Some(v) => send_value(interp, session, req, transport, v),
            None => Ok(()),
        },
        Err(e) => Err(e),
    };
    if restore_ns {
        interp.set_current_ns(original_ns);
    }
    if let Ok(name) = interp.current_ns_name() {
        session.set_ns_name(name);
    }
    match result {
        Err(e) if interrupted || matches!(e.kind, EvalErrorKind::Interrupted) => {
            reply(base().status(&["interrupted", "done"]));
        }
        Err(e) => {
            if let EvalErrorKind::Exit(code) = e.kind {
                // The server is shared: an exit request ends only this
                // request (as under a JVM that forbids `System.exit`).
                reply(
                    base()
                        .set(
                            "err",
                            format!(
                                "(System/exit {code}) does not end the nREPL server; \
                                 the request stopped there\n"
                            ),
                        )
                        .set("ex", "class java.lang.SecurityException")
                        .set("root-ex", "class java.lang.SecurityException")
                        .status(&["eval-error"]),
                );
            } else {
                report_error(interp, session, req, transport, e);
            }
            reply(base().status(&["done"]));
        }
        Ok(()) if interrupted => {
            reply(base().status(&["interrupted", "done"]));
        }
        Ok(()) => {
            reply(base().status(&["done"]));
        }
    }
}

/// Whether an error ends the request rather than just its form.
fn stops(e: &EvalError) -> bool {
    matches!(e.kind, EvalErrorKind::Interrupted | EvalErrorKind::Exit(_))
}

/// `code` placed at `line`:`column` (1-based), so positions in errors are
/// those of the client's file.
fn padded(code: &str, line: Option<i64>, column: Option<i64>) -> String {
    let line = line.filter(|&l| (1..=MAX_OFFSET).contains(&l)).unwrap_or(1);
    let column = column
        .filter(|&c| (1..=MAX_OFFSET).contains(&c))
        .unwrap_or(1);
    let mut text = String::with_capacity(code.len() + (line + column) as usize);
    text.extend(std::iter::repeat_n('\n', (line - 1) as usize));
    text.extend(std::iter::repeat_n(' ', (column - 1) as usize));
    text.push_str(code);
    text
}

/// The namespace named `name`, if it exists.
fn find_ns<'e>(interp: &Interp<'e>, name: &str) -> EvalResult<Option<Value<'e>>> {
    let env = interp.env();
    let sym = env.intern_symbol(None, name)?;
    Ok(env.find_namespace(interp.participant(), sym.borrowed())?)
}

/// Sends a form's value (printed with `pr`) and the namespace after it;
/// records it as `*1`.
fn send_value<'e>(
    interp: &Interp<'e>,
    session: &Session,
    req: &Request,
    transport: &Transport,
    v: Value<'e>,
) -> EvalResult<()> {
    let text = interp.pr_str(v.borrowed())?;
    interp.repl_result(v.borrowed())?;
    let mut r = Response::to(req, Some(&session.id)).set("value", text);
    if req.op() != Some("load-file") {
        r = r.set("ns", interp.current_ns_name()?);
    }
    transport.send(r);
    Ok(())
}

/// Reports an evaluation error: its text (with the frames) on `err`,
/// then `ex`, `root-ex` and status `eval-error`; it becomes `*e`.
fn report_error(
    interp: &Interp<'_>,
    session: &Session,
    req: &Request,
    transport: &Transport,
    e: EvalError,
) {
    let mut text = format!("{e}\n");
    for frame in &e.frames {
        text.push_str(&format!("  at {frame}\n"));
    }
    let fallback = format!("class {}", e.kind.class_name());
    transport.send(Response::to(req, Some(&session.id)).set("err", text));
    let (ex, root) = match interp.repl_error(e) {
        Ok(()) => exception_classes(interp).unwrap_or((fallback.clone(), fallback)),
        Err(_) => (fallback.clone(), fallback),
    };
    transport.send(
        Response::to(req, Some(&session.id))
            .set("ex", ex)
            .set("root-ex", root)
            .status(&["eval-error"]),
    );
}

/// `class X` of `*e` and of its root cause, as nREPL's `ex` and `root-ex`.
fn exception_classes(interp: &Interp<'_>) -> Option<(String, String)> {
    const CLASSES: &str = "(clojure.core/let [e clojure.core/*e \
         r (clojure.core/loop [e e] \
             (clojure.core/if-let [c (clojure.core/ex-cause e)] (recur c) e))] \
         [(clojure.core/str \"class \" (clojure.core/class e)) \
          (clojure.core/str \"class \" (clojure.core/class r))])";
    let v = interp.eval_str(CLASSES, Some("<nrepl>")).ok()?;
    let v = v.borrowed();
    let ex = v.nth(0).ok()?.as_str().ok()?.to_string();
    let root = v.nth(1).ok()?.as_str().ok()?.to_string();
    Some((ex, root))
}
