//! The server: a listening socket, a thread accepting connections, a
//! thread per connection (`ops.rs`), and the sessions (`session.rs`), all
//! over one shared env handle. [`Server::stop`] (also on drop) stops
//! accepting, closes every connection and session, and returns once the
//! accepting thread has ended.

use super::bencode::Limits;
use super::ops;
use super::session::Session;
use crate::heap::Env;
use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

/// How long `stop` waits for the connection and session threads.
const STOP_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Where and how a server listens.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// The address to bind (`127.0.0.1` by default: only this machine).
    pub host: String,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// What one message may be (size, nesting).
    pub limits: Limits,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            host: "127.0.0.1".into(),
            port: 0,
            limits: Limits::default(),
        }
    }
}

/// Why a server could not start.
#[derive(Debug, thiserror::Error)]
pub enum NreplError {
    /// The address could not be resolved or bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// `host:port`.
        addr: String,
        /// Why.
        source: std::io::Error,
    },
    /// The accepting thread could not be started.
    #[error("cannot start the server thread: {0}")]
    Thread(std::io::Error),
}

/// What the server's threads share.
pub(crate) struct State {
    /// The env every session evaluates in.
    pub(crate) env: Arc<Env>,
    /// Sessions by id.
    sessions: Mutex<HashMap<String, Arc<Session>>>,
    /// Open connections by number (to close them on stop).
    conns: Mutex<HashMap<u64, TcpStream>>,
    /// Set by `stop`.
    stopping: AtomicBool,
    /// The connection and session threads (each holds the env), joined
    /// by `stop` so the env is closed cleanly after it.
    threads: Mutex<Vec<JoinHandle<()>>>,
    next_conn: AtomicU64,
    /// Message limits.
    pub(crate) limits: Limits,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl State {
    /// The session of this id.
    pub(crate) fn session(&self, id: &str) -> Option<Arc<Session>> {
        lock(&self.sessions).get(id).cloned()
    }

    /// Registers a session.
    pub(crate) fn add_session(&self, s: Arc<Session>) {
        lock(&self.sessions).insert(s.id.clone(), s);
    }

    /// Closes and forgets the session of this id; whether there was one.
    pub(crate) fn close_session(&self, id: &str) -> bool {
        let s = lock(&self.sessions).remove(id);
        match s {
            Some(s) => {
                s.close();
                true
            }
            None => false,
        }
    }

    /// The ids of the sessions, sorted.
    pub(crate) fn session_ids(&self) -> Vec<String> {
        let mut ids: Vec<_> = lock(&self.sessions).keys().cloned().collect();
        ids.sort();
        ids
    }

    /// Closes the sessions connection `conn` made.
    pub(crate) fn close_sessions_of(&self, conn: u64) {
        let closing: Vec<_> = {
            let mut sessions = lock(&self.sessions);
            let ids: Vec<_> = sessions
                .values()
                .filter(|s| s.owner == conn)
                .map(|s| s.id.clone())
                .collect();
            ids.iter().filter_map(|id| sessions.remove(id)).collect()
        };
        for s in closing {
            s.close();
        }
    }

    /// Whether the server is stopping.
    pub(crate) fn stopping(&self) -> bool {
        self.stopping.load(Ordering::Acquire)
    }

    /// Keeps a thread's handle for `stop` (the finished ones are joined
    /// now, so the list stays short).
    pub(crate) fn track(&self, thread: JoinHandle<()>) {
        let mut threads = lock(&self.threads);
        let (done, running): (Vec<_>, Vec<_>) = threads.drain(..).partition(|t| t.is_finished());
        *threads = running;
        threads.push(thread);
        drop(threads);
        for t in done {
            let _ = t.join();
        }
    }

    /// Forgets a closed connection.
    pub(crate) fn remove_conn(&self, conn: u64) {
        lock(&self.conns).remove(&conn);
    }
}

/// A running nREPL server.
pub struct Server {
    state: Arc<State>,
    addr: SocketAddr,
    host: String,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds `options.host:options.port` and starts serving sessions over
    /// `env`.
    pub fn start(env: Arc<Env>, options: &ServerOptions) -> Result<Server, NreplError> {
        let addr = format!("{}:{}", options.host, options.port);
        let bind_error = |source| NreplError::Bind {
            addr: addr.clone(),
            source,
        };
        let resolved = addr
            .to_socket_addrs()
            .map_err(bind_error)?
            .collect::<Vec<_>>();
        let listener = TcpListener::bind(&resolved[..]).map_err(bind_error)?;
        let local = listener.local_addr().map_err(bind_error)?;
        let state = Arc::new(State {
            env,
            sessions: Mutex::new(HashMap::new()),
            conns: Mutex::new(HashMap::new()),
            stopping: AtomicBool::new(false),
            threads: Mutex::new(Vec::new()),
            next_conn: AtomicU64::new(1),
            limits: options.limits,
        });
        let accept_state = state.clone();
        let accept = std::thread::Builder::new()
            .name("nrepl-accept".into())
            .spawn(move || accept_loop(listener, accept_state))
            .map_err(NreplError::Thread)?;
        Ok(Server {
            state,
            addr: local,
            host: options.host.clone(),
            accept: Some(accept),
        })
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The line nREPL servers print when they start (editors' jack-in
    /// commands wait for it).
    pub fn started_message(&self) -> String {
        let host = &self.host;
        let port = self.port();
        format!("nREPL server started on port {port} on host {host} - nrepl://{host}:{port}")
    }

    /// Stops the server: no new connections; open connections and every
    /// session are closed (a running evaluation is interrupted).
    pub fn stop(&mut self) {
        let Some(accept) = self.accept.take() else {
            return;
        };
        self.state.stopping.store(true, Ordering::Release);
        // Wake the accepting thread with a connection of our own.
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip(if wake.is_ipv4() {
                std::net::Ipv4Addr::LOCALHOST.into()
            } else {
                std::net::Ipv6Addr::LOCALHOST.into()
            });
        }
        let _ = TcpStream::connect_timeout(&wake, std::time::Duration::from_secs(2));
        for (_, conn) in lock(&self.state.conns).drain() {
            let _ = conn.shutdown(std::net::Shutdown::Both);
        }
        let sessions: Vec<_> = lock(&self.state.sessions).drain().collect();
        for (_, s) in sessions {
            s.close();
        }
        let _ = accept.join();
        // The threads end once their evaluation stops (at its next call)
        // and their client is gone; one stuck in a long native call is
        // left behind after a while (the process may then end without
        // closing the env cleanly: the next opener recovers it).
        let deadline = std::time::Instant::now() + STOP_WAIT;
        let threads: Vec<_> = lock(&self.state.threads).drain(..).collect();
        for t in threads {
            while !t.is_finished() && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            if t.is_finished() {
                let _ = t.join();
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Accepts connections until the server stops, each served on a thread.
fn accept_loop(listener: TcpListener, state: Arc<State>) {
    for stream in listener.incoming() {
        if state.stopping() {
            break;
        }
        let Ok(stream) = stream else {
            // A connection that failed before it was accepted; go on.
            continue;
        };
        let _ = stream.set_nodelay(true);
        let conn = state.next_conn.fetch_add(1, Ordering::Relaxed);
        if let Ok(copy) = stream.try_clone() {
            lock(&state.conns).insert(conn, copy);
        }
        let conn_state = state.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("nrepl-conn-{conn}"))
            .spawn(move || ops::serve(conn_state, stream, conn));
        match spawned {
            Ok(thread) => state.track(thread),
            Err(_) => state.remove_conn(conn),
        }
    }
}
