//! A session's streams: `*out*` and `*err*` write `out`/`err` responses to
//! the client of the request being evaluated, as they are printed; `*in*`
//! reads what the client sends with `stdin` requests, asking for more
//! (`need-input`) when it has none.

use super::message::Response;
use super::transport::Transport;
use crate::eval::InterruptSource;
use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// Where a session's output goes: the connection and `id` of the request
/// it is evaluating (or evaluated last: a future's late output still
/// reaches the client).
#[derive(Clone, Default)]
pub struct Target(Arc<Mutex<Option<Destination>>>);

/// A connection and the id of the request output answers.
type Destination = (Transport, Option<String>);

impl Target {
    /// Output goes to `transport`, tagged with `id`, from now on.
    pub fn set(&self, transport: Transport, id: Option<String>) {
        *lock(&self.0) = Some((transport, id));
    }

    /// Sends `response` built on the current request's id, if any.
    fn send(&self, session: &str, build: impl FnOnce(Response) -> Response) -> bool {
        let target = lock(&self.0).clone();
        match target {
            Some((transport, id)) => {
                transport.send(build(Response::with_id(id.as_deref(), Some(session))))
            }
            None => false,
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// `*out*` or `*err*` of a session: each write becomes one response with
/// the text under `key` (a UTF-8 sequence cut between two writes waits
/// for its end).
pub struct OutWriter {
    target: Target,
    session: String,
    key: &'static str,
    pending: Vec<u8>,
}

impl OutWriter {
    /// A writer sending `key` (`"out"` or `"err"`) responses.
    pub fn new(target: Target, session: String, key: &'static str) -> OutWriter {
        OutWriter {
            target,
            session,
            key,
            pending: Vec::new(),
        }
    }

    fn send_text(&mut self, text: String) {
        let key = self.key;
        // A client that went away loses its output; the eval goes on.
        self.target.send(&self.session, |r| r.set(key, text));
    }
}

impl Write for OutWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let complete = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            // Not UTF-8 at all: sent as is, replaced.
            Err(_) => self.pending.len(),
        };
        if complete > 0 {
            let rest = self.pending.split_off(complete);
            let text = String::from_utf8_lossy(&self.pending).into_owned();
            self.pending = rest;
            self.send_text(text);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let text = String::from_utf8_lossy(&self.pending).into_owned();
            self.pending.clear();
            self.send_text(text);
        }
        Ok(())
    }
}

/// What a session's `*in*` has been sent and not read yet.
#[derive(Default)]
struct Input {
    bytes: VecDeque<u8>,
    /// An empty `stdin` request: the next read finds the end of input.
    eof: bool,
    /// The session is closed: every read finds the end of input.
    closed: bool,
}

/// The input queue of a session, filled by `stdin` requests.
#[derive(Default)]
pub struct StdinQueue {
    input: Mutex<Input>,
    ready: Condvar,
}

impl StdinQueue {
    /// Adds `text` to the input (empty text: the end of input, once).
    pub fn push(&self, text: &str) {
        let mut input = lock(&self.input);
        if text.is_empty() {
            input.eof = true;
        } else {
            input.bytes.extend(text.as_bytes());
        }
        self.ready.notify_all();
    }

    /// Ends the input for good (the session is closed).
    pub fn close(&self) {
        lock(&self.input).closed = true;
        self.ready.notify_all();
    }
}

/// A session's `*in*`: reads the [`StdinQueue`]; when it is empty, sends
/// `need-input` to the client of the running request and waits, until
/// input comes, the session is closed, or the evaluation is interrupted.
pub struct StdinReader {
    queue: Arc<StdinQueue>,
    target: Target,
    session: String,
    interrupt: InterruptSource,
}

impl StdinReader {
    /// A reader of `queue` for `session`.
    pub fn new(
        queue: Arc<StdinQueue>,
        target: Target,
        session: String,
        interrupt: InterruptSource,
    ) -> StdinReader {
        StdinReader {
            queue,
            target,
            session,
            interrupt,
        }
    }
}

impl Read for StdinReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let requests = self.interrupt.count();
        let mut asked = false;
        let mut input = lock(&self.queue.input);
        loop {
            if !input.bytes.is_empty() {
                let n = buf.len().min(input.bytes.len());
                for (slot, b) in buf.iter_mut().zip(input.bytes.drain(..n)) {
                    *slot = b;
                }
                return Ok(n);
            }
            if input.closed {
                return Ok(0);
            }
            if input.eof {
                input.eof = false;
                return Ok(0);
            }
            if self.interrupt.count() != requests {
                return Err(io::Error::other("interrupted while waiting for input"));
            }
            if !asked {
                asked = true;
                drop(input);
                let sent = self
                    .target
                    .send(&self.session, |r| r.status(&["need-input"]));
                if !sent {
                    // Nobody to ask: the end of input.
                    return Ok(0);
                }
                input = lock(&self.queue.input);
                continue;
            }
            input = self
                .queue
                .ready
                .wait_timeout(input, Duration::from_millis(50))
                .map(|(g, _)| g)
                .unwrap_or_else(|poisoned| poisoned.into_inner().0);
        }
    }
}
