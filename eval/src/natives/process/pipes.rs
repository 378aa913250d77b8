//! The pipes of a child process as host objects: its standard output
//! and error as `java.io.InputStream`s read lazily (`:out` of a process),
//! its standard input as a `java.io.OutputStream`; and what feeds a
//! child's input: text or bytes written by a thread, another host input
//! stream copied by a thread, or the read end of another child's output
//! pipe handed over whole (a real OS pipe, so a pipeline's processes run
//! concurrently and stream).

use crate::error::EvalResult;
use crate::host_objects::{self, Family, Stream, lock};
use evelisp_heap::Word;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard, Weak};

/// The read end of a child's output pipe, shared between the host
/// object reading it and the registry that can hand it to another child.
type Shared = Arc<Mutex<Option<File>>>;

fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A reader of a pipe that may be taken away (then it reads as ended).
/// At the pipe's end its descriptor is closed at once, so the streams of
/// many processes read to their ends hold no descriptors while their
/// objects stay open.
struct PipeReader(Shared);

impl Read for PipeReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut pipe = guard(&self.0);
        let n = match pipe.as_mut() {
            Some(f) => f.read(buf)?,
            None => return Ok(0),
        };
        if n == 0 && !buf.is_empty() {
            *pipe = None;
        }
        Ok(n)
    }
}

/// The host streams over a child's output pipe, each with its pipe.
/// Weak both: closing the stream closes the pipe.
type Registry = Vec<(Weak<Mutex<Stream>>, Weak<Mutex<Option<File>>>)>;

static PIPES: LazyLock<Mutex<Registry>> = LazyLock::new(|| Mutex::new(Vec::new()));

/// A `java.io.InputStream` host object over the output pipe `pipe`.
pub(crate) fn output_stream(pipe: impl Into<std::os::fd::OwnedFd>) -> EvalResult<Word> {
    let shared: Shared = Arc::new(Mutex::new(Some(File::from(pipe.into()))));
    let reader: Box<dyn Read + Send> = Box::new(PipeReader(shared.clone()));
    let word = host_objects::register(
        "java.lang.ProcessImpl$ProcessPipeInputStream",
        Family::InputStream,
        Stream::In(BufReader::new(reader)),
    )?;
    let stream = host_objects::lookup(word)?.stream;
    let mut pipes = guard(&PIPES);
    pipes.retain(|(s, p)| s.strong_count() > 0 && p.strong_count() > 0);
    pipes.push((Arc::downgrade(&stream), Arc::downgrade(&shared)));
    Ok(word)
}

/// A `java.io.OutputStream` host object writing to a child's input.
pub(crate) fn input_stream(stdin: std::process::ChildStdin) -> EvalResult<Word> {
    let w: Box<dyn Write + Send> = Box::new(stdin);
    host_objects::register(
        "java.lang.ProcessImpl$ProcessPipeOutputStream",
        Family::OutputStream,
        Stream::Out(w),
    )
}

/// The pipe under the host input stream `w` when it is a child's output
/// not read from yet: taken from the stream (which then reads as ended),
/// to be another child's input.
pub(crate) fn take_pipe(w: Word) -> EvalResult<Option<File>> {
    let found = host_objects::lookup(w)?;
    let shared = guard(&PIPES).iter().find_map(|(s, p)| {
        s.upgrade()
            .filter(|s| Arc::ptr_eq(s, &found.stream))
            .and_then(|_| p.upgrade())
    });
    let Some(shared) = shared else {
        return Ok(None);
    };
    let s = lock(&found.stream);
    match &*s {
        // Bytes already buffered would be lost: copy instead.
        Stream::In(r) if r.buffer().is_empty() => Ok(guard(&shared).take()),
        _ => Ok(None),
    }
}

/// Writes `bytes` to a child's input on a thread, then closes it (a child
/// that exits without reading them all is no error).
pub(crate) fn feed_bytes(mut stdin: std::process::ChildStdin, bytes: Vec<u8>) {
    std::thread::spawn(move || {
        let _ = stdin.write_all(&bytes);
    });
}

/// Copies the host input stream `source` to a child's input on a thread,
/// then closes the input.
pub(crate) fn feed_stream(mut stdin: std::process::ChildStdin, source: Arc<Mutex<Stream>>) {
    std::thread::spawn(move || {
        loop {
            let mut s = lock(&source);
            let Stream::In(r) = &mut *s else {
                return;
            };
            let chunk = match r.fill_buf() {
                Ok([]) | Err(_) => return,
                Ok(chunk) => chunk.to_vec(),
            };
            r.consume(chunk.len());
            drop(s);
            if stdin.write_all(&chunk).is_err() {
                return;
            }
        }
    });
}

/// A thread reading `pipe` to its end.
pub(crate) fn capture(
    mut pipe: impl Read + Send + 'static,
) -> std::thread::JoinHandle<std::io::Result<Vec<u8>>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        pipe.read_to_end(&mut bytes)?;
        Ok(bytes)
    })
}
