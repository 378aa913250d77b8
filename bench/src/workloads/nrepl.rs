//! Workload 8 (issue 18), the nREPL round trip: a client on loopback sends
//! `eval` of `(+ 1 2)` in a session and waits for its `done`, over and
//! over, against `evelisp nrepl-server` and against JVM nREPL 1.0 (Debian's
//! `libnrepl-clojure`, started in the same run). Each repetition times
//! every round trip of a batch (after warm-ups: the JVM's JIT) and keeps
//! its p50 and p99; the figures are the medians of those over the
//! repetitions. The client is this module's few lines of bencode (the
//! bench links none of evelisp's crates); every reply is checked to be 3.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::ctx::{Ctx, measure};
use crate::report::{Better, Group, Outcome, Row, Section};
use crate::stats::percentile;

/// evelisp's row.
pub const EVELISP: &str = "evelisp nrepl-server";
/// The JVM's row.
pub const JVM: &str = "JVM nREPL 1.0 (Clojure 1.11)";
/// The group of medians.
pub const P50: &str = "p50 of a round trip";
/// The group of 99th percentiles.
pub const P99: &str = "p99 of a round trip";
/// Where Debian puts nREPL's jar.
const NREPL_JAR: &str = "/usr/share/java/nrepl.jar";

/// A server process, killed on drop.
struct ServerProc(Child);

impl Drop for ServerProc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `argv` and reads the port from the first line it prints that
/// ends in one.
fn start(mut cmd: Command) -> Result<(ServerProc, u16)> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting the server")?;
    let out = child.stdout.take().context("no stdout")?;
    let server = ServerProc(child);
    for line in BufReader::new(out).lines() {
        let line = line?;
        let digits: String = line
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if let Ok(port) = digits.parse() {
            return Ok((server, port));
        }
    }
    bail!("the server ended without printing its port")
}

/// A bencoded value as the client needs it.
#[derive(Debug)]
enum Ben {
    Int,
    Str(Vec<u8>),
    List(Vec<Ben>),
    Dict(BTreeMap<Vec<u8>, Ben>),
}

fn read_ben(r: &mut impl BufRead) -> Result<Ben> {
    let mut b = [0u8; 1];
    r.read_exact(&mut b)?;
    Ok(match b[0] {
        b'i' => {
            let mut n = Vec::new();
            r.read_until(b'e', &mut n)?;
            Ben::Int
        }
        b'l' | b'd' => {
            let dict = b[0] == b'd';
            let mut items = Vec::new();
            loop {
                if r.fill_buf()?.first() == Some(&b'e') {
                    r.consume(1);
                    break;
                }
                items.push(read_ben(r)?);
            }
            if !dict {
                return Ok(Ben::List(items));
            }
            let mut map = BTreeMap::new();
            let mut it = items.into_iter();
            while let (Some(Ben::Str(k)), Some(v)) = (it.next(), it.next()) {
                map.insert(k, v);
            }
            Ben::Dict(map)
        }
        d if d.is_ascii_digit() => {
            let mut len = vec![d];
            r.read_until(b':', &mut len)?;
            len.pop();
            let n: usize = std::str::from_utf8(&len)?.parse()?;
            let mut s = vec![0; n];
            r.read_exact(&mut s)?;
            Ben::Str(s)
        }
        other => bail!("bad bencode byte {other}"),
    })
}

/// `d...e` of string pairs (keys given in sorted order).
fn request(pairs: &[(&str, &str)]) -> Vec<u8> {
    let mut out = b"d".to_vec();
    for (k, v) in pairs {
        for s in [k, v] {
            out.extend_from_slice(format!("{}:{s}", s.len()).as_bytes());
        }
    }
    out.push(b'e');
    out
}

/// A connection with a session.
struct Client {
    w: TcpStream,
    r: BufReader<TcpStream>,
    session: String,
}

impl Client {
    fn connect(port: u16) -> Result<Client> {
        let w = TcpStream::connect(("127.0.0.1", port))?;
        w.set_nodelay(true)?;
        w.set_read_timeout(Some(Duration::from_secs(60)))?;
        let r = BufReader::new(w.try_clone()?);
        let mut c = Client {
            w,
            r,
            session: String::new(),
        };
        c.w.write_all(&request(&[("id", "c"), ("op", "clone")]))?;
        let reply = c.until_done()?;
        c.session = reply.new_session.context("clone gave no new-session")?;
        Ok(c)
    }

    /// Reads responses up to the one with status `done`.
    fn until_done(&mut self) -> Result<Reply> {
        let mut reply = Reply::default();
        loop {
            let Ben::Dict(d) = read_ben(&mut self.r)? else {
                bail!("a response that is not a dictionary");
            };
            let text = |k: &[u8]| match d.get(k) {
                Some(Ben::Str(s)) => Some(String::from_utf8_lossy(s).into_owned()),
                _ => None,
            };
            reply.value = text(b"value").or(reply.value);
            reply.seen.push(
                d.keys()
                    .map(|k| String::from_utf8_lossy(k).into_owned())
                    .chain(text(b"err"))
                    .collect::<Vec<_>>()
                    .join(","),
            );
            reply.new_session = text(b"new-session").or(reply.new_session);
            if let Some(Ben::List(st)) = d.get(b"status".as_slice())
                && st.iter().any(|s| matches!(s, Ben::Str(s) if s == b"done"))
            {
                return Ok(reply);
            }
        }
    }

    /// One round trip of `(+ 1 2)`, in µs.
    fn round_trip(&mut self) -> Result<f64> {
        let msg = request(&[
            ("code", "(+ 1 2)"),
            ("id", "e"),
            ("op", "eval"),
            ("session", &self.session),
        ]);
        let t = Instant::now();
        self.w.write_all(&msg)?;
        let reply = self.until_done()?;
        let us = t.elapsed().as_secs_f64() * 1e6;
        if reply.value.as_deref() != Some("3") {
            bail!(
                "(+ 1 2) gave {:?} (responses: {:?})",
                reply.value,
                reply.seen
            );
        }
        Ok(us)
    }
}

#[derive(Default)]
struct Reply {
    value: Option<String>,
    new_session: Option<String>,
    /// The keys of each response read (for an error message).
    seen: Vec<String>,
}

/// The round trips of one repetition (after `warm` unmeasured ones).
fn batch(c: &mut Client, warm: u64, n: u64) -> Result<Vec<f64>> {
    for _ in 0..warm {
        c.round_trip()?;
    }
    (0..n).map(|_| c.round_trip()).collect()
}

/// Round trips per repetition.
fn per_rep(ctx: &Ctx) -> u64 {
    ctx.size(1_000, 300)
}

/// Measures a server on `port`: p50 and p99 rows. Each repetition has a
/// connection and session of its own (JVM nREPL 1.0 fails with a
/// `StackOverflowError` after about 2,400 evaluations in one session);
/// the first one warms up with `warm` round trips, the others with 100.
fn rows(ctx: &Ctx, label: &str, port: u16, warm: u64) -> (Outcome, Outcome) {
    let n = per_rep(ctx);
    let mut p99s = Vec::new();
    let p50 = measure(&format!("{label} p50 µs"), ctx.reps, |rep| {
        let mut client = Client::connect(port)?;
        let times = batch(&mut client, if rep == 0 { warm } else { 100 }, n)?;
        p99s.push(percentile(&times, 0.99).context("no times")?);
        percentile(&times, 0.5).context("no times")
    });
    let p99 = match crate::stats::Summary::of(&p99s) {
        Some(s) if matches!(p50, Outcome::Measured(_)) => Outcome::Measured(s),
        _ => p50.clone(),
    };
    (p50, p99)
}

/// Runs the nREPL workload.
pub fn run(ctx: &Ctx) -> Section {
    let mut s = Section::new(
        "nrepl",
        "8. nREPL round trip of (+ 1 2) over loopback",
        "time (µs)",
        Better::Lower,
    );
    let env = ctx.scratch_path("nrepl.eve");
    let _ = std::fs::remove_file(&env);
    let mut eve = Command::new(&ctx.evelisp);
    eve.args(["nrepl-server", "--port", "0", "--env"])
        .arg(&env)
        .current_dir(&ctx.scratch);
    let (e50, e99) = match start(eve) {
        Ok((_server, port)) => rows(ctx, "nrepl evelisp", port, 200),
        Err(e) => {
            let o = Outcome::Failed(format!("{e:#}"));
            (o.clone(), o)
        }
    };
    let (j50, j99) = match (&ctx.peers.clojure, Path::new(NREPL_JAR).exists()) {
        (Err(skip), _) => {
            let o = Outcome::Skipped(skip.reason.clone());
            (o.clone(), o)
        }
        (Ok(_), false) => {
            let o = Outcome::Skipped(format!(
                "{NREPL_JAR} missing (apt-get install libnrepl-clojure)"
            ));
            (o.clone(), o)
        }
        (Ok(clojure), true) => {
            let mut jvm = Command::new(&clojure.path);
            jvm.env("CLASSPATH", NREPL_JAR).args([
                "-e",
                "(require 'nrepl.server) \
                 (println (:port (nrepl.server/start-server :port 0))) \
                 (flush) @(promise)",
            ]);
            match start(jvm) {
                // The JIT wants more warming than the interpreter.
                Ok((_server, port)) => rows(ctx, "nrepl JVM", port, 1_000),
                Err(e) => {
                    let o = Outcome::Failed(format!("{e:#}"));
                    (o.clone(), o)
                }
            }
        }
    };
    s.notes.push(format!(
        "One client on loopback: each round trip sends `eval` of `(+ 1 2)` and waits for its \
         `done` (the value checked to be 3). Each repetition opens a connection and a session \
         and times {} round trips after 100 unmeasured ones (the first repetition: 200 for \
         evelisp, 1,000 for the JVM's JIT), keeping their p50 and p99; the figures are the \
         medians over the repetitions. A session per repetition, because JVM nREPL 1.0 fails \
         with a `StackOverflowError` after about 2,400 evaluations in one session.",
        per_rep(ctx)
    ));
    s.notes.push(
        "JVM nREPL 1.0 writes a reply's value and its `done` as two small writes on a socket \
         without TCP_NODELAY: the second waits for the client's (delayed) ACK of the first, \
         about 40 ms on Linux; any client that waits for `done` sees this. evelisp's server \
         sets TCP_NODELAY."
            .into(),
    );
    for (name, e, j) in [(P50, e50, j50), (P99, e99, j99)] {
        let mut g = Group::new(name);
        g.rows.push(Row::subject(EVELISP, e));
        g.rows.push(Row::peer(JVM, j));
        s.groups.push(g);
    }
    s
}
