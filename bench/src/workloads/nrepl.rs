//! Workload 7 (issue 18), nREPL round trip: an editor's request `eval`
//! of `(+ 1 2)` over loopback TCP, from sending the message to reading the
//! response that carries `done`, against evelisp's server
//! (`evelisp nrepl-server`) and JVM nREPL 1.0 (Debian's
//! `libnrepl-clojure`, `clojure -m nrepl.cmdline`), each started once
//! and measured in the same run. Each repetition is a new connection and
//! session: warm-up requests (the JVM's JIT), then the timed ones, one at a
//! time as an editor sends them (fewer than JVM nREPL 1.0 survives in one
//! session: it overflows its stack after about 2,400 evaluations). The
//! client is evelisp's own bencode codec
//! (`evelisp::nrepl::bencode`), which both servers read.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use evelisp::nrepl::bencode::{Bencode, Decoder, Limits};

use crate::ctx::{Ctx, log, measure};
use crate::report::{Better, Group, Outcome, Row, Section, fmt_num};
use crate::stats::{Summary, percentile};

/// evelisp's row name.
pub const EVELISP: &str = "evelisp nrepl-server";
/// The JVM server's row name.
pub const JVM: &str = "JVM nREPL 1.0 (Debian libnrepl-clojure)";
/// The group of the whole round trip: to the response with `done`.
pub const GROUP: &str = "eval (+ 1 2) to done, one session, loopback";
/// The group of the time to the `value` response.
pub const GROUP_VALUE: &str = "eval (+ 1 2) to its value, one session, loopback";
/// Debian's nREPL jar.
const NREPL_JAR: &str = "/usr/share/java/nrepl.jar";

/// A running server: killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `cmd` (run in `dir`) and waits up to a minute for its
/// `nREPL server started on port N ...` line.
fn start(mut cmd: Command, dir: &Path) -> Result<Server> {
    std::fs::create_dir_all(dir)?;
    let mut child = cmd
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting the server")?;
    let stdout = child.stdout.take().context("no stdout")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(rest) = line.strip_prefix("nREPL server started on port ") {
                let port = rest.split_whitespace().next().and_then(|p| p.parse().ok());
                let _ = tx.send(port);
            }
        }
    });
    let port = match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(Some(port)) => port,
        _ => {
            let _ = child.kill();
            let _ = child.wait();
            bail!("the server printed no `nREPL server started on port N` line within 60 s");
        }
    };
    Ok(Server { child, port })
}

/// One client connection.
struct Client {
    out: TcpStream,
    input: Decoder<BufReader<TcpStream>>,
    next_id: u64,
}

impl Client {
    fn connect(port: u16) -> Result<Client> {
        let out = TcpStream::connect(("127.0.0.1", port))?;
        out.set_nodelay(true)?;
        out.set_read_timeout(Some(Duration::from_secs(60)))?;
        let input = Decoder::new(BufReader::new(out.try_clone()?), Limits::default());
        Ok(Client {
            out,
            input,
            next_id: 0,
        })
    }

    /// Sends `op` with `fields` and a new id; returns the id.
    fn send(&mut self, op: &str, fields: &[(&str, &str)]) -> Result<String> {
        self.next_id += 1;
        let id = self.next_id.to_string();
        let mut msg = BTreeMap::new();
        msg.insert(b"op".to_vec(), Bencode::str(op));
        msg.insert(b"id".to_vec(), Bencode::str(&id));
        for (k, v) in fields {
            msg.insert(k.as_bytes().to_vec(), Bencode::str(v));
        }
        self.out.write_all(&Bencode::Dict(msg).encode())?;
        Ok(id)
    }

    /// Reads responses up to the one to request `id` whose status has
    /// `done`, calling `seen` on each response to `id` as it arrives;
    /// returns the responses to `id`.
    fn replies_until_done(&mut self, id: &str, mut seen: impl FnMut(&Dict)) -> Result<Vec<Dict>> {
        let mut replies = Vec::new();
        loop {
            let reply = match self.input.next_value()? {
                Some(Bencode::Dict(d)) => Dict(d),
                Some(other) => bail!("a response that is not a dictionary: {other:?}"),
                None => bail!("the server closed the connection"),
            };
            if reply.text("id") != Some(id) {
                continue;
            }
            seen(&reply);
            let done = reply.statuses().any(|s| s == "done");
            replies.push(reply);
            if done {
                return Ok(replies);
            }
        }
    }

    /// Sends `op` and reads its responses up to `done`.
    fn request(&mut self, op: &str, fields: &[(&str, &str)]) -> Result<Vec<Dict>> {
        let id = self.send(op, fields)?;
        self.replies_until_done(&id, |_| {})
    }
}

/// A response dictionary.
struct Dict(BTreeMap<Vec<u8>, Bencode>);

impl Dict {
    fn text(&self, key: &str) -> Option<&str> {
        match self.0.get(key.as_bytes()) {
            Some(Bencode::Bytes(b)) => std::str::from_utf8(b).ok(),
            _ => None,
        }
    }

    fn statuses(&self) -> impl Iterator<Item = &str> {
        let items: &[Bencode] = match self.0.get(b"status".as_slice()) {
            Some(Bencode::List(items)) => items,
            _ => &[],
        };
        items.iter().filter_map(|s| match s {
            Bencode::Bytes(b) => std::str::from_utf8(b).ok(),
            _ => None,
        })
    }
}

/// How long the timed requests of one repetition may take at most.
const TIME_BOX: Duration = Duration::from_secs(15);
/// The fewest timed requests of a repetition, time box or not.
const MIN_SAMPLES: u64 = 100;

/// One repetition's samples, in microseconds from sending a request: to
/// its `value` response, and to its `done`.
struct Samples {
    to_value: Vec<f64>,
    to_done: Vec<f64>,
}

/// One repetition: a new connection and session, `warmup` requests sent
/// back to back (no wait between them), then up to `n` timed requests, one
/// at a time, for at most [`TIME_BOX`] (at least [`MIN_SAMPLES`]).
fn round_trips(port: u16, warmup: u64, n: u64) -> Result<Samples> {
    let mut c = Client::connect(port)?;
    let cloned = c.request("clone", &[])?;
    let session = cloned
        .iter()
        .find_map(|r| r.text("new-session"))
        .context("clone gave no new-session")?
        .to_string();
    let eval = [("code", "(+ 1 2)"), ("session", session.as_str())];
    let mut last = String::new();
    for _ in 0..warmup {
        last = c.send("eval", &eval)?;
    }
    if warmup > 0 {
        c.replies_until_done(&last, |_| {})?;
    }
    let mut samples = Samples {
        to_value: Vec::with_capacity(n as usize),
        to_done: Vec::with_capacity(n as usize),
    };
    let start = Instant::now();
    for i in 0..n {
        if i >= MIN_SAMPLES && start.elapsed() > TIME_BOX {
            break;
        }
        let t = Instant::now();
        let id = c.send("eval", &eval)?;
        let mut to_value = None;
        let replies = c.replies_until_done(&id, |r| {
            if to_value.is_none() && r.text("value").is_some() {
                to_value = Some(t.elapsed());
            }
        })?;
        let to_done = t.elapsed();
        if !replies.iter().any(|r| r.text("value") == Some("3")) {
            bail!("(+ 1 2) did not give the value 3");
        }
        let to_value = to_value.context("no value response")?;
        samples.to_value.push(to_value.as_secs_f64() * 1e6);
        samples.to_done.push(to_done.as_secs_f64() * 1e6);
    }
    let _ = c.request("close", &[("session", session.as_str())]);
    Ok(samples)
}

/// A peer's figures: the p50s per repetition (the outcome) and their
/// p99s, to the value response and to `done`.
struct Figures {
    to_value: Outcome,
    to_done: Outcome,
    value_p99s: Vec<f64>,
    done_p99s: Vec<f64>,
}

impl Figures {
    /// Adds this peer's rows, made by `row`, to the group of round trips
    /// to `done` and to the group of times to the value.
    fn add_rows(self, done: &mut Group, value: &mut Group, row: impl Fn(Outcome) -> Row) {
        done.rows
            .push(row(self.to_done).with_extras(p99_column(&self.done_p99s)));
        value
            .rows
            .push(row(self.to_value).with_extras(p99_column(&self.value_p99s)));
    }
}

/// Measures one server.
fn measure_server(ctx: &Ctx, name: &str, server: Result<Server>, warmup: u64, n: u64) -> Figures {
    let server = match server {
        Ok(s) => s,
        Err(e) => {
            let failed = Outcome::Failed(format!("{e:#}"));
            return Figures {
                to_value: failed.clone(),
                to_done: failed,
                value_p99s: Vec::new(),
                done_p99s: Vec::new(),
            };
        }
    };
    let mut value_p99s = Vec::new();
    let mut done_p99s = Vec::new();
    let mut value_p50s = Vec::new();
    let to_done = measure(&format!("nREPL {name} p50 to done, µs"), ctx.reps, |_| {
        let s = round_trips(server.port, warmup, n)?;
        value_p50s.push(percentile(&s.to_value, 0.5).context("no samples")?);
        value_p99s.push(percentile(&s.to_value, 0.99).context("no samples")?);
        done_p99s.push(percentile(&s.to_done, 0.99).context("no samples")?);
        percentile(&s.to_done, 0.5).context("no samples")
    });
    let to_value = match (&to_done, Summary::of(&value_p50s)) {
        (Outcome::Measured(_), Some(s)) => Outcome::Measured(s),
        (other, _) => other.clone(),
    };
    Figures {
        to_value,
        to_done,
        value_p99s,
        done_p99s,
    }
}

fn p99_column(p99s: &[f64]) -> Vec<String> {
    vec![
        Summary::of(p99s)
            .map(|s| fmt_num(s.median))
            .unwrap_or_else(|| "—".into()),
    ]
}

/// The JVM server's command, or why it cannot run here.
fn jvm_command(ctx: &Ctx) -> Result<Command, String> {
    let clojure = ctx.peers.clojure.as_ref().map_err(|s| s.reason.clone())?;
    if !Path::new(NREPL_JAR).exists() {
        return Err(format!(
            "{NREPL_JAR} not found (apt-get install libnrepl-clojure)"
        ));
    }
    let mut c = Command::new(&clojure.path);
    c.env("CLASSPATH", NREPL_JAR)
        .args(["-m", "nrepl.cmdline", "--port", "0"]);
    Ok(c)
}

/// Runs the nREPL workload.
pub fn run(ctx: &Ctx) -> Section {
    let mut s = Section::new(
        "nrepl",
        "7. nREPL round trip",
        "p50 latency (µs)",
        Better::Lower,
    );
    s.extra_headers = vec!["p99 (µs, median of reps)".into()];
    // JVM nREPL 1.0 overflows its stack after about 2,400 evaluations in
    // one session: each repetition's session stays well below that.
    let n = ctx.size(1_000, 300);
    let warmup = ctx.size(1_000, 300);
    let dir: PathBuf = ctx.scratch_path("nrepl");
    let mut done = Group::new(GROUP);
    let mut value = Group::new(GROUP_VALUE);

    log("nREPL round trip, evelisp");
    let env = dir.join("nrepl.eve");
    let _ = std::fs::remove_file(&env);
    let mut cmd = Command::new(&ctx.evelisp);
    cmd.arg("nrepl-server")
        .args(["--port", "0", "--env"])
        .arg(&env);
    let f = measure_server(ctx, "evelisp", start(cmd, &dir.join("evelisp")), warmup, n);
    f.add_rows(&mut done, &mut value, |o| Row::subject(EVELISP, o));

    log("nREPL round trip, JVM nREPL");
    match jvm_command(ctx) {
        Ok(cmd) => {
            let f = measure_server(ctx, "JVM", start(cmd, &dir.join("jvm")), warmup, n);
            f.add_rows(&mut done, &mut value, |o| Row::peer(JVM, o));
        }
        Err(why) => {
            done.rows
                .push(Row::peer(JVM, Outcome::Skipped(why.clone())));
            value.rows.push(Row::peer(JVM, Outcome::Skipped(why)));
        }
    }
    s.groups.push(done);
    s.groups.push(value);
    s.notes.push(format!(
        "Each repetition opens a connection, clones a session and sends {warmup} `eval` requests of \
         `(+ 1 2)` back to back (the JVM's JIT warms up); then it times up to {n} more, one at a \
         time (for at most {} s, at least {MIN_SAMPLES}), each from writing the message to reading \
         its `value` response and to reading the response whose status has `done`, which an editor \
         waits for before it counts the request finished. The figure is the median over the \
         repetitions of each repetition's p50; the p99 column likewise. Both servers were started \
         once, on loopback; the client sets TCP_NODELAY and otherwise uses the socket's defaults, \
         as an editor does. JVM nREPL writes `value` and `done` as two small writes, and with \
         Nagle's algorithm on its socket the second waits for the client's delayed ACK (about \
         40 ms on Linux): that is its `done` figure; its `value` figure is the server's own work.",
        TIME_BOX.as_secs()
    ));
    s
}
