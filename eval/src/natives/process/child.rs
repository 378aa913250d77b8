//! A running child process, as the state of a `java.lang.Process` host
//! object (`host_objects.rs`, family `Process`): its pid, its exit code
//! once a waiter thread has reaped it, and the threads capturing its
//! output as text (`:out :string`). Killing is by signal to the pid
//! (`destroy` sends SIGTERM as Java's does, `destroy-tree` the process and
//! every descendant found in `/proc`).

use super::encoding::Encoding;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use std::collections::HashMap;
use std::os::unix::process::ExitStatusExt;
use std::process::Child;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Output captured by a thread reading a pipe to its end.
pub(crate) struct Capture {
    /// How the bytes are given.
    pub(crate) encoding: Encoding,
    thread: Option<JoinHandle<std::io::Result<Vec<u8>>>>,
    bytes: Option<Vec<u8>>,
}

impl Capture {
    /// A capture of what `thread` reads.
    pub(crate) fn new(encoding: Encoding, thread: JoinHandle<std::io::Result<Vec<u8>>>) -> Self {
        Capture {
            encoding,
            thread: Some(thread),
            bytes: None,
        }
    }

    /// The bytes read, once the pipe is at its end (waits for it).
    pub(crate) fn bytes(&mut self) -> EvalResult<&[u8]> {
        if let Some(t) = self.thread.take() {
            let read = t.join().map_err(|_| {
                EvalError::new(EvalErrorKind::Io(
                    "the thread reading a process's output failed".into(),
                ))
            })?;
            self.bytes = Some(read.map_err(crate::host_objects::io)?);
        }
        Ok(self.bytes.as_deref().unwrap_or_default())
    }
}

/// The exit code, once known.
#[derive(Default)]
struct Exit {
    code: Option<i64>,
}

/// A child process started by `evelisp.process/start`.
pub(crate) struct ChildProcess {
    /// Its process id.
    pub(crate) pid: u32,
    exit: Arc<(Mutex<Exit>, Condvar)>,
    /// Its standard output captured (`:out :string`), else `None`.
    pub(crate) out: Mutex<Option<Capture>>,
    /// Its standard error captured (`:err :string`), else `None`.
    pub(crate) err: Mutex<Option<Capture>>,
}

fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The exit code Java reports for a status: the code, or 128 + the
/// signal that ended the process.
fn code_of(status: std::process::ExitStatus) -> i64 {
    match (status.code(), status.signal()) {
        (Some(c), _) => i64::from(c),
        (None, Some(s)) => 128 + i64::from(s),
        (None, None) => -1,
    }
}

impl ChildProcess {
    /// Takes over `child` (its pipes already taken): a thread waits for it
    /// and records its exit code.
    pub(crate) fn new(mut child: Child) -> Arc<ChildProcess> {
        let exit = Arc::new((Mutex::new(Exit::default()), Condvar::new()));
        let pid = child.id();
        let record = exit.clone();
        std::thread::spawn(move || {
            let code = child.wait().map_or(-1, code_of);
            let (lock, cv) = &*record;
            guard(lock).code = Some(code);
            cv.notify_all();
        });
        Arc::new(ChildProcess {
            pid,
            exit,
            out: Mutex::new(None),
            err: Mutex::new(None),
        })
    }

    /// The exit code if the process has ended.
    pub(crate) fn exit_code(&self) -> Option<i64> {
        guard(&self.exit.0).code
    }

    /// Waits for the process to end (at most `limit`); its exit code, or
    /// `None` when the limit passed first.
    pub(crate) fn wait(&self, limit: Option<Duration>) -> Option<i64> {
        let (lock, cv) = &*self.exit;
        let deadline = limit.map(|l| Instant::now() + l);
        let mut exit = guard(lock);
        loop {
            if let Some(code) = exit.code {
                return Some(code);
            }
            exit = match deadline {
                None => cv.wait(exit).unwrap_or_else(|p| p.into_inner()),
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        return None;
                    }
                    cv.wait_timeout(exit, d - now)
                        .unwrap_or_else(|p| p.into_inner())
                        .0
                }
            };
        }
    }

    /// Sends `signal` to the process unless it has ended (its pid may
    /// then belong to another process).
    pub(crate) fn signal(&self, signal: Signal) {
        let exit = guard(&self.exit.0);
        if exit.code.is_none() {
            // A process that ended between the reap and now is no error.
            let _ = kill(pid_of(self.pid), signal);
        }
    }

    /// Sends `signal` to the process and to every descendant it has now
    /// (found before any is signalled, as Java's `descendants()`).
    pub(crate) fn signal_tree(&self, signal: Signal) {
        // An ended process has no descendants (they were given to init),
        // and its pid may be another process's now.
        if self.exit_code().is_some() {
            return;
        }
        let descendants = descendants(self.pid);
        self.signal(signal);
        for d in descendants {
            let _ = kill(pid_of(d), signal);
        }
    }
}

fn pid_of(pid: u32) -> Pid {
    Pid::from_raw(i32::try_from(pid).unwrap_or(i32::MAX))
}

/// The parent of each running process, read from `/proc/<pid>/stat`.
fn parents() -> HashMap<u32, u32> {
    let mut map = HashMap::new();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return map;
    };
    for entry in dir.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid ...": comm may hold spaces and parens.
        let Some(after) = stat.rfind(')').map(|at| &stat[at + 1..]) else {
            continue;
        };
        if let Some(ppid) = after.split_whitespace().nth(1).and_then(|s| s.parse().ok()) {
            map.insert(pid, ppid);
        }
    }
    map
}

/// Every descendant of `root` (children, their children, ...).
pub(crate) fn descendants(root: u32) -> Vec<u32> {
    let parents = parents();
    let mut found = Vec::new();
    let mut frontier = vec![root];
    while let Some(p) = frontier.pop() {
        for (&child, &parent) in &parents {
            if parent == p && !found.contains(&child) {
                found.push(child);
                frontier.push(child);
            }
        }
    }
    found
}
