//! The sending half of a connection: responses are encoded and written
//! whole under a lock, so the messages of a connection's sessions and of
//! its reader thread never interleave. A failed write (the client went
//! away) marks the transport closed; later sends are dropped quietly, and
//! whoever evaluates for that client finishes and is cleaned up.

use super::bencode::Bencode;
use super::message::Response;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// A connection's sending half (cheap to clone: shared).
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

struct Inner {
    out: Mutex<Box<dyn Write + Send>>,
    open: AtomicBool,
}

impl Transport {
    /// A transport writing to `out`.
    pub fn new(out: Box<dyn Write + Send>) -> Transport {
        Transport {
            inner: Arc::new(Inner {
                out: Mutex::new(out),
                open: AtomicBool::new(true),
            }),
        }
    }

    /// Sends `r`; false if the connection is closed (nothing sent).
    pub fn send(&self, r: Response) -> bool {
        self.send_value(&r.into_bencode())
    }

    /// Sends a bencoded value; false if the connection is closed.
    pub fn send_value(&self, v: &Bencode) -> bool {
        if !self.is_open() {
            return false;
        }
        let bytes = v.encode();
        let mut out = self
            .inner
            .out
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let ok = out.write_all(&bytes).and_then(|()| out.flush()).is_ok();
        if !ok {
            self.close();
        }
        ok
    }

    /// Whether sends still go out.
    pub fn is_open(&self) -> bool {
        self.inner.open.load(Ordering::Acquire)
    }

    /// Marks the connection closed: later sends are dropped.
    pub fn close(&self) {
        self.inner.open.store(false, Ordering::Release);
    }
}
