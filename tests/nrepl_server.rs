//! The nREPL server under bad input and load, over raw TCP (what no real
//! client sends): garbage, a truncated message, a 100 MB message, a
//! non-UTF-8 string, a client leaving in the middle of an evaluation. The
//! offending connection gets an error or is closed; the server, the other
//! connections and the env go on. Then 50 clients evaluating at once, and
//! a server started from evelisp code (`evelisp.nrepl/start-server!`).

mod common;
use common::nrepl::{Conn, ServerProc, statuses, text};
use common::{check_clean, eval_ok};
use evelisp::nrepl::bencode::Bencode;
use std::io::{BufRead, BufReader, Write};
use std::net::Shutdown;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The error response a bad message gets, then the end of the connection.
fn expect_error_then_close(conn: &mut Conn, status: &str) -> String {
    let r = conn.recv().expect("an error response");
    assert!(statuses(&r).contains(&status.to_string()), "{r:?}");
    let err = text(&r, "err").expect("an error text").to_string();
    assert!(conn.recv().is_none(), "the connection is closed after it");
    err
}

/// The server still serves: a fresh connection evaluates, and sees `keep`.
fn still_serving(port: u16) {
    let mut c = Conn::open(port);
    let s = c.clone_session();
    assert_eq!(c.values(&s, "(+ 40 2) @keep"), ["42", "[:kept 1]"]);
}

#[test]
fn bad_messages_end_only_their_connection() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("bad.eve");
    let server = ServerProc::start(&env, dir.path());
    let port = server.port;
    // A session open through everything below.
    let mut steady = Conn::open(port);
    let steady_session = steady.clone_session();
    assert_eq!(
        steady.values(&steady_session, "(def keep (atom [:kept 1])) :ok"),
        ["#'user/keep", ":ok"]
    );

    // Not bencode.
    let mut c = Conn::open(port);
    c.send_raw(b"hello, is this nREPL?").expect("sent");
    let err = expect_error_then_close(&mut c, "bad-message");
    assert!(err.contains("malformed"), "{err}");
    still_serving(port);

    // Truncated: the client stops writing in the middle of a message.
    let mut c = Conn::open(port);
    c.send_raw(b"d2:op4:eval4:code3:(+").expect("sent");
    c.stream.shutdown(Shutdown::Write).expect("half-closed");
    let err = expect_error_then_close(&mut c, "bad-message");
    assert!(err.contains("ends before it is complete"), "{err}");
    still_serving(port);

    // A 100 MB string announced: refused at its length, nothing read or
    // allocated for it.
    let mut c = Conn::open(port);
    c.send_raw(b"d2:op4:eval4:code104857600:").expect("sent");
    let err = expect_error_then_close(&mut c, "bad-message");
    assert!(err.contains("too large"), "{err}");
    still_serving(port);

    // 100 MB actually sent (many small strings): the connection is closed
    // once it passes the limit; the writer sees its end.
    let mut c = Conn::open(port);
    let mut sent = c.send_raw(b"d2:op4:eval4:codel").is_ok();
    let chunk = b"9:xxxxxxxxx".repeat(100_000);
    let mut total = 0;
    while sent && total < 100 << 20 {
        sent = c.send_raw(&chunk).is_ok();
        total += chunk.len();
    }
    assert!(
        !sent
            || c.recv()
                .is_some_and(|r| statuses(&r).contains(&"bad-message".into()))
    );
    still_serving(port);

    // A string that is not UTF-8: that request gets an error, the
    // connection goes on.
    let mut c = Conn::open(port);
    c.send_raw(b"d4:code4:\xff\xfe(+2:id8:bad-utf82:op4:evale")
        .expect("sent");
    let r = c.recv().expect("a response");
    assert_eq!(text(&r, "id"), Some("bad-utf8"));
    assert!(statuses(&r).contains(&"bad-request".into()), "{r:?}");
    assert!(text(&r, "err").is_some_and(|e| e.contains("\"code\" is not UTF-8")));
    let s = c.clone_session();
    assert_eq!(c.values(&s, "(inc 1)"), ["2"]);

    // Not a dictionary, and a request without an op.
    let r = c.request(&[("code", "1")]);
    assert!(statuses(&r[0]).contains(&"unknown-op".into()));
    c.send_raw(b"i42e").expect("sent");
    let r = c.recv().expect("a response");
    assert!(statuses(&r).contains(&"bad-request".into()), "{r:?}");
    assert_eq!(c.values(&s, "(inc 2)"), ["3"]);

    // The first connection's session saw none of it.
    assert_eq!(steady.values(&steady_session, "@keep"), ["[:kept 1]"]);
    drop(server);
    assert_eq!(eval_ok(&env, "@keep"), "[:kept 1]\n");
    check_clean(&env);
}

/// Polls `@atom-name` through `conn` until it stops changing (the loop
/// that bumped it has stopped); panics if it never does.
fn wait_until_still(conn: &mut Conn, session: &str, code: &str) -> String {
    let mut last = conn.values(session, code);
    for _ in 0..600 {
        std::thread::sleep(Duration::from_millis(100));
        let now = conn.values(session, code);
        if now == last {
            return now.concat();
        }
        last = now;
    }
    panic!("{code} never stopped changing: the evaluation was not stopped");
}

#[test]
fn a_client_leaving_mid_eval_stops_its_session_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("leave.eve");
    let server = ServerProc::start(&env, dir.path());
    let mut other = Conn::open(server.port);
    let os = other.clone_session();
    other.values(
        &os,
        "(def spins (atom 0)) (def printed (atom 0)) (def sessionless (atom 0))",
    );

    let mut leaving = Conn::open(server.port);
    let ls = leaving.clone_session();
    leaving.send(&[
        ("op", "eval"),
        ("session", &ls),
        ("code", "(loop [] (swap! spins inc) (recur))"),
    ]);
    let mut printing = Conn::open(server.port);
    let ps = printing.clone_session();
    printing.send(&[
        ("op", "eval"),
        ("session", &ps),
        (
            "code",
            "(loop [] (swap! printed inc) (println \"tick\") (recur))",
        ),
    ]);
    // An eval naming no session runs in a session of its own.
    let mut anonymous = Conn::open(server.port);
    anonymous.send(&[
        ("op", "eval"),
        ("code", "(loop [] (swap! sessionless inc) (recur))"),
    ]);
    // All run (the printing one has printed) before their clients leave.
    assert!(printing.recv().is_some_and(|r| text(&r, "out").is_some()));
    while other.values(&os, "(every? pos? [@spins @sessionless])") != ["true"] {
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(leaving);
    drop(printing);
    drop(anonymous);

    // Their loops stop; the other session goes on.
    wait_until_still(&mut other, &os, "@spins");
    wait_until_still(&mut other, &os, "@printed");
    wait_until_still(&mut other, &os, "@sessionless");
    let sessions = other.request(&[("op", "ls-sessions")]);
    let listed = match sessions[0].get("sessions") {
        Some(Bencode::List(ids)) => ids
            .iter()
            .map(|id| match id {
                Bencode::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                other => panic!("a session id that is not a string: {other:?}"),
            })
            .collect::<Vec<_>>(),
        other => panic!("no session list: {other:?}"),
    };
    assert!(listed.contains(&os), "{listed:?}");
    assert!(!listed.contains(&ls) && !listed.contains(&ps), "{listed:?}");
    assert_eq!(other.values(&os, "(+ 1 2)"), ["3"]);
    drop(server);
    check_clean(&env);
}

#[test]
fn fifty_clients_evaluate_at_once() {
    const CLIENTS: usize = 50;
    const EACH: usize = 20;
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("fifty.eve");
    let server = ServerProc::start(&env, dir.path());
    let port = server.port;
    let mut first = Conn::open(port);
    let s = first.clone_session();
    first.values(&s, "(def hits (atom 0))");
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(CLIENTS));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|i| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let mut c = Conn::open(port);
                let s = c.clone_session();
                c.values(&s, &format!("(def mine-{i} {i})"));
                barrier.wait();
                for n in 0..EACH {
                    let got = c.values(&s, &format!("(swap! hits inc) (+ mine-{i} {n})"));
                    assert_eq!(got.len(), 2, "{got:?}");
                    assert_eq!(got[1], (i + n).to_string());
                }
            })
        })
        .collect();
    for c in clients {
        c.join().expect("a client thread");
    }
    assert_eq!(first.values(&s, "@hits"), [(CLIENTS * EACH).to_string()]);
    drop(server);
    check_clean(&env);
}

#[test]
fn a_server_started_from_evelisp_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("code.eve");
    let mut child = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .arg("--env")
        .arg(&env)
        .args([
            "-e",
            "(def port (evelisp.nrepl/start-server! {:port 0})) (println port) (flush) \
             (read-line) (println (evelisp.nrepl/stop-server! port)) \
             (println (evelisp.nrepl/stop-server! port))",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("evelisp runs");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("the port");
    let port: u16 = line.trim().parse().expect("a port number");
    let mut c = Conn::open(port);
    let s = c.clone_session();
    assert_eq!(
        c.values(&s, "(+ 40 2) (str port)"),
        ["42", &format!("\"{port}\"")]
    );
    drop(c);
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"\n")
        .expect("the line");
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).expect("the rest");
    assert!(child.wait().expect("exits").success());
    assert_eq!(rest, "true\nfalse\n");
    // Bad options are errors.
    let out = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .arg("--env")
        .arg(&env)
        .args(["-e", "(evelisp.nrepl/start-server! {:port 99999})"])
        .output()
        .expect("evelisp runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(":port 99999 is not a port"));
}

#[test]
fn the_messages_cider_sends_when_it_connects_are_answered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("cider.eve");
    let server = ServerProc::start(&env, dir.path());
    let mut c = Conn::open(server.port);
    // CIDER's connection: a REPL session and a tooling session.
    let repl = c.clone_session();
    let tooling = c.clone_session();
    let describe = c.request(&[("op", "describe"), ("session", &repl)]);
    let ops = format!("{:?}", describe[0].get("ops"));
    for op in [
        "eval",
        "complete",
        "info",
        "eldoc",
        "load-file",
        "interrupt",
    ] {
        assert!(
            ops.contains(&format!("{:?}", op.as_bytes())),
            "{op} in {ops}"
        );
    }
    // Its startup evaluations (REPL init, print settings, the tooling
    // session's requires), answered without an error.
    let startup = [
        (&repl, "(str *ns*)"),
        (
            &repl,
            "(when-let [requires (resolve 'clojure.main/repl-requires)]\n  (clojure.core/apply clojure.core/require @requires))",
        ),
        (
            &repl,
            "(do (set! *print-length* 100) (set! *print-level* 10))",
        ),
        (&tooling, "(clojure.core/str clojure.core/*ns*)"),
        (&repl, "(range 200)"),
    ];
    let mut values = Vec::new();
    for (session, code) in startup {
        let rs = c.request(&[
            ("op", "eval"),
            ("session", session),
            ("code", code),
            ("inhibit-cider-middleware", "true"),
            ("nrepl.middleware.print/print", "cider.nrepl.pprint/pr"),
        ]);
        for r in &rs {
            assert!(text(r, "err").is_none(), "{code}: {r:?}");
            assert!(
                !statuses(r).iter().any(|s| s.contains("error")),
                "{code}: {r:?}"
            );
        }
        values.extend(
            rs.iter()
                .filter_map(|r| text(r, "value").map(str::to_string)),
        );
    }
    assert_eq!(values[0], "\"user\"");
    assert_eq!(values[3], "\"user\"");
    // *print-length* as CIDER set it, in its session only.
    assert!(values[4].ends_with("97 98 99 ...)"), "{}", values[4]);
    assert_eq!(c.values(&tooling, "(count (pr-str (range 200)))"), ["691"]);
    // cider-nrepl's own ops are not there: CIDER is told so, and goes on.
    let r = c.request(&[("op", "out-subscribe"), ("session", &repl)]);
    assert!(statuses(&r[0]).contains(&"unknown-op".into()));
    assert_eq!(c.values(&repl, "(+ 1 2)"), ["3"]);
}
