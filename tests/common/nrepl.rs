//! A raw nREPL connection for the server's tests: bencode over TCP with
//! the library's codec, requests built by hand, responses read one by one
//! (the bad-input tests need to send what no real client would), and the
//! `evelisp nrepl-server` process.

use evelisp::nrepl::bencode::{Bencode, Decoder, Limits};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `evelisp nrepl-server`, ended with SIGTERM on drop.
pub struct ServerProc {
    /// The process.
    pub child: Child,
    /// Its port.
    pub port: u16,
    /// The line it printed when it started.
    pub banner: String,
}

impl ServerProc {
    /// Starts `evelisp nrepl-server --env env` in directory `cwd` and
    /// waits for its start line.
    pub fn start(env: &Path, cwd: &Path) -> ServerProc {
        let mut child = Command::new(env!("CARGO_BIN_EXE_evelisp"))
            .args(["nrepl-server", "--env"])
            .arg(env)
            .current_dir(cwd)
            .env_remove("EVELISP_ENV")
            .env_remove("EVELISP_PATH")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("evelisp nrepl-server starts");
        let mut out = BufReader::new(child.stdout.take().expect("stdout piped"));
        let mut banner = String::new();
        out.read_line(&mut banner).expect("the start line");
        let port = banner
            .rsplit(':')
            .next()
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| panic!("no port in {banner:?}"));
        ServerProc {
            child,
            port,
            banner: banner.trim_end().to_string(),
        }
    }

    /// Sends SIGTERM and waits; the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        self.child.wait().expect("the server exits")
    }
}

impl Drop for ServerProc {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.terminate();
        }
    }
}

/// A response: its fields.
pub type Resp = BTreeMap<String, Bencode>;

/// A raw connection.
pub struct Conn {
    /// The socket (for writing raw bytes).
    pub stream: TcpStream,
    decoder: Decoder<BufReader<TcpStream>>,
    next: u64,
}

/// A string field of a response.
pub fn text<'a>(r: &'a Resp, key: &str) -> Option<&'a str> {
    match r.get(key) {
        Some(Bencode::Bytes(b)) => std::str::from_utf8(b).ok(),
        _ => None,
    }
}

/// The statuses of a response.
pub fn statuses(r: &Resp) -> Vec<String> {
    match r.get("status") {
        Some(Bencode::List(items)) => items
            .iter()
            .filter_map(|i| match i {
                Bencode::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

impl Conn {
    /// Connects to the server on `port`.
    pub fn open(port: u16) -> Conn {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
        // Only so a broken server fails the test instead of hanging it.
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .expect("timeout set");
        let reader = BufReader::new(stream.try_clone().expect("clone"));
        Conn {
            stream,
            decoder: Decoder::new(reader, Limits::default()),
            next: 0,
        }
    }

    /// Sends raw bytes.
    pub fn send_raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.stream.write_all(bytes)
    }

    /// Sends a request of string fields, with a fresh `id`; gives the id.
    pub fn send(&mut self, fields: &[(&str, &str)]) -> String {
        self.next += 1;
        let id = format!("req-{}", self.next);
        let mut d = BTreeMap::new();
        for (k, v) in fields {
            d.insert(k.as_bytes().to_vec(), Bencode::str(v));
        }
        d.insert(b"id".to_vec(), Bencode::str(&id));
        self.send_raw(&Bencode::Dict(d).encode()).expect("sent");
        id
    }

    /// The next response, `None` when the server closed the connection.
    pub fn recv(&mut self) -> Option<Resp> {
        match self.decoder.next_value() {
            Ok(Some(Bencode::Dict(d))) => Some(
                d.into_iter()
                    .map(|(k, v)| (String::from_utf8_lossy(&k).into_owned(), v))
                    .collect(),
            ),
            Ok(Some(other)) => panic!("a response that is not a dictionary: {other:?}"),
            _ => None,
        }
    }

    /// Sends a request and gives its responses, up to the one whose
    /// status has `done`.
    pub fn request(&mut self, fields: &[(&str, &str)]) -> Vec<Resp> {
        let id = self.send(fields);
        self.responses(&id)
    }

    /// The responses to request `id`, up to `done`.
    pub fn responses(&mut self, id: &str) -> Vec<Resp> {
        let mut out = Vec::new();
        loop {
            let r = self
                .recv()
                .expect("a response before the connection closed");
            if text(&r, "id") != Some(id) {
                continue;
            }
            let done = statuses(&r).iter().any(|s| s == "done");
            out.push(r);
            if done {
                return out;
            }
        }
    }

    /// A new session's id.
    pub fn clone_session(&mut self) -> String {
        let r = self.request(&[("op", "clone")]);
        text(&r[0], "new-session").expect("new-session").to_string()
    }

    /// The `value`s of evaluating `code` in `session`.
    pub fn values(&mut self, session: &str, code: &str) -> Vec<String> {
        self.request(&[("op", "eval"), ("session", session), ("code", code)])
            .iter()
            .filter_map(|r| text(r, "value").map(str::to_string))
            .collect()
    }
}
