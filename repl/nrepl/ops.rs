//! One connection: reads requests, answers the session, describe and
//! editor ops itself, and queues `eval`/`load-file` to the session's
//! thread. A message that is not bencode, is truncated or too large gets
//! one error response and the connection is closed (the byte stream cannot
//! be trusted after it); a well-formed message with a non-UTF-8 string
//! gets an error response and the connection goes on. When the connection
//! ends, the sessions it made are closed.

use super::bencode::{Bencode, BencodeError, Decoder};
use super::message::{Request, Response, dict, salvage_id};
use super::server::State;
use super::session::{Interrupted, Session, Task};
use super::tools::Tools;
use super::transport::Transport;
use std::io::BufReader;
use std::net::TcpStream;
use std::sync::Arc;

/// The ops this server implements (what `describe` lists).
pub(crate) const OPS: &[&str] = &[
    "clone",
    "close",
    "complete",
    "completions",
    "describe",
    "eldoc",
    "eval",
    "info",
    "interrupt",
    "load-file",
    "lookup",
    "ls-middleware",
    "ls-sessions",
    "stdin",
];

/// The parts of the server, named as nREPL's middleware (`ls-middleware`).
const MIDDLEWARE: &[&str] = &[
    "evelisp.nrepl/describe",
    "evelisp.nrepl/session",
    "evelisp.nrepl/stdin",
    "evelisp.nrepl/eval",
    "evelisp.nrepl/load-file",
    "evelisp.nrepl/completion",
    "evelisp.nrepl/lookup",
];

/// Serves connection `conn` until the client leaves or the server stops;
/// then closes the sessions it made (also after an internal error: a
/// panic ends only this connection).
pub(crate) fn serve(state: Arc<State>, stream: TcpStream, conn: u64) {
    if let Ok(w) = stream.try_clone() {
        let transport = Transport::new(Box::new(w));
        let served = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            serve_requests(&state, &transport, stream, conn)
        }));
        if served.is_err() {
            transport.send(failed(
                Response::default(),
                "internal error; closing the connection",
            ));
        }
        transport.close();
    }
    state.remove_conn(conn);
    state.close_sessions_of(conn);
}

/// Reads and answers requests until the stream ends or cannot be trusted.
fn serve_requests(state: &Arc<State>, transport: &Transport, stream: TcpStream, conn: u64) {
    let env = state.env.clone();
    let mut tools: Option<Tools<'_>> = None;
    // The sessions made for one request each (not registered): closed
    // with the connection too, so a client leaving mid-eval stops them.
    let mut ephemeral: Vec<Arc<Session>> = Vec::new();
    let mut decoder = Decoder::new(BufReader::new(stream), state.limits);
    loop {
        if state.stopping() {
            break;
        }
        match decoder.next_value() {
            Ok(None) | Err(BencodeError::Io(_)) => break,
            Ok(Some(v)) => match Request::from_bencode(v.clone()) {
                Ok(req) => {
                    // Those whose thread has ended (it holds the other count).
                    ephemeral.retain(|s| Arc::strong_count(s) > 1);
                    let mut cx = Connection {
                        state,
                        transport,
                        tools: &mut tools,
                        ephemeral: &mut ephemeral,
                        conn,
                    };
                    handle(&mut cx, &env, req);
                }
                Err(e) => {
                    transport.send(
                        Response::with_id(salvage_id(&v).as_deref(), None)
                            .set("err", format!("evelisp nREPL: bad request: {e}\n"))
                            .status(&["error", "bad-request", "done"]),
                    );
                }
            },
            Err(e) => {
                transport.send(
                    Response::default()
                        .set(
                            "err",
                            format!("evelisp nREPL: {e}; closing the connection\n"),
                        )
                        .status(&["error", "bad-message", "done"]),
                );
                break;
            }
        }
    }
    for s in ephemeral {
        s.close();
    }
}

/// What answering a request on a connection needs.
struct Connection<'c, 'e> {
    state: &'c Arc<State>,
    transport: &'c Transport,
    tools: &'c mut Option<Tools<'e>>,
    ephemeral: &'c mut Vec<Arc<Session>>,
    conn: u64,
}

/// An error response carrying the error's text on `err`.
fn failed(base: Response, e: impl std::fmt::Display) -> Response {
    base.set("err", format!("evelisp nREPL: {e}\n"))
        .status(&["error", "done"])
}

/// Answers one request.
fn handle<'e>(cx: &mut Connection<'_, 'e>, env: &'e Arc<crate::heap::Env>, req: Request) {
    let (state, transport, conn) = (cx.state, cx.transport, cx.conn);
    let op = req.op().unwrap_or_default().to_string();
    let session = match req.session() {
        Some(id) => match state.session(id) {
            Some(s) => Some(s),
            None => {
                transport.send(Response::to(&req, Some(id)).status(&[
                    "error",
                    "unknown-session",
                    "done",
                ]));
                return;
            }
        },
        None => None,
    };
    // Every response names a session, as nREPL's do (it makes one for a
    // request that names none): clients such as nreplops-tool rely on it.
    let sid = session
        .as_ref()
        .map_or_else(super::session::new_id, |s| s.id.clone());
    let base = || Response::to(&req, Some(&sid));
    let response = match op.as_str() {
        "clone" => {
            let ns = session
                .as_ref()
                .map_or_else(|| "user".to_string(), |s| s.ns_name());
            match Session::start(state.env.clone(), conn, &ns) {
                Ok((new, thread)) => {
                    state.track(thread);
                    let id = new.id.clone();
                    state.add_session(new);
                    base().set("new-session", id).status(&["done"])
                }
                Err(e) => failed(base(), e),
            }
        }
        "close" => match &session {
            Some(s) => {
                state.close_session(&s.id);
                base().status(&["done", "session-closed"])
            }
            None => base().status(&["error", "no-session", "done"]),
        },
        "describe" => {
            let mut r = base()
                .set("ops", dict(OPS.iter().map(|op| (*op, dict::<&str>([])))))
                .set("versions", versions());
            if let Some(s) = &session {
                r = r.set("aux", dict([("current-ns", Bencode::from(s.ns_name()))]));
            }
            r.status(&["done"])
        }
        "ls-sessions" => {
            let ids = state.session_ids().into_iter().map(Bencode::from).collect();
            base().set("sessions", Bencode::List(ids)).status(&["done"])
        }
        "ls-middleware" => {
            let names = MIDDLEWARE.iter().map(|m| Bencode::str(m)).collect();
            base()
                .set("middleware", Bencode::List(names))
                .status(&["done"])
        }
        "eval" | "load-file" => match eval(cx, &req, session, &op) {
            Ok(()) => return,
            Err(r) => r(base()),
        },
        "interrupt" => match &session {
            None => base().status(&["error", "session-ephemeral", "done"]),
            Some(s) => match s.interrupt(req.str("interrupt-id")) {
                Interrupted::Idle => base().status(&["session-idle", "done"]),
                Interrupted::Mismatch => base().status(&["error", "interrupt-id-mismatch", "done"]),
                // The interrupted request answers `interrupted` itself.
                Interrupted::Stopped => base().status(&["done"]),
            },
        },
        "stdin" => match &session {
            None => base().status(&["error", "no-session", "done"]),
            Some(s) => {
                s.stdin.push(req.str("stdin").unwrap_or_default());
                base().status(&["done"])
            }
        },
        "completions" | "complete" | "lookup" | "info" | "eldoc" => {
            if cx.tools.is_none() {
                match Tools::new(env, env.clone()) {
                    Ok(t) => *cx.tools = Some(t),
                    Err(e) => {
                        transport.send(failed(base(), e));
                        return;
                    }
                }
            }
            let Some(t) = cx.tools.as_ref() else { return };
            let ns = req
                .str("ns")
                .map(str::to_string)
                .or_else(|| session.as_ref().map(|s| s.ns_name()))
                .unwrap_or_else(|| "user".to_string());
            if op.starts_with("complet") {
                t.complete(&req, &ns, base())
            } else {
                t.lookup(&req, &op, &ns, base())
            }
        }
        _ => base().status(&["error", "unknown-op", "done"]),
    };
    transport.send(response);
}

/// The error response of a request that could not be queued.
type Refusal = Box<dyn FnOnce(Response) -> Response>;

/// Queues an `eval` or `load-file` to its session's thread (a session made
/// for it alone when the request names none, as nREPL does); the session
/// answers it.
fn eval(
    cx: &mut Connection<'_, '_>,
    req: &Request,
    session: Option<Arc<Session>>,
    op: &str,
) -> Result<(), Refusal> {
    let (state, transport, conn) = (cx.state, cx.transport, cx.conn);
    let load_file = op == "load-file";
    let code_key = if load_file { "file" } else { "code" };
    if req.str(code_key).is_none() {
        return Err(Box::new(|b| b.status(&["error", "no-code", "done"])));
    }
    let (target, ephemeral) = match session {
        Some(s) => (s, false),
        None => match Session::start(state.env.clone(), conn, "user") {
            Ok((s, thread)) => {
                state.track(thread);
                cx.ephemeral.push(s.clone());
                (s, true)
            }
            Err(e) => return Err(Box::new(move |b| failed(b, e))),
        },
    };
    let queued = target.submit(Task::Eval {
        req: req.clone(),
        transport: transport.clone(),
        load_file,
    });
    if ephemeral {
        // Ends once the request has run.
        target.finish();
    }
    if !queued {
        return Err(Box::new(|b| b.status(&["error", "session-closed", "done"])));
    }
    Ok(())
}

/// The `versions` of `describe`: evelisp's, the nREPL protocol's it
/// follows, and the Clojure version its core library follows (editors
/// check that one).
fn versions() -> Bencode {
    let version = |major: i64, minor: i64, incremental: i64, text: &str| {
        dict([
            ("major", Bencode::Int(major)),
            ("minor", Bencode::Int(minor)),
            ("incremental", Bencode::Int(incremental)),
            ("version-string", Bencode::str(text)),
        ])
    };
    let own = env!("CARGO_PKG_VERSION");
    let mut parts = own.split('.').map(|p| p.parse::<i64>().unwrap_or(0));
    let (a, b, c) = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    dict([
        ("evelisp", version(a, b, c, own)),
        ("nrepl", version(1, 0, 0, "1.0.0")),
        ("clojure", version(1, 11, 1, "1.11.1")),
    ])
}
