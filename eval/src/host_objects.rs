//! Process-local host objects: streams, readers, writers,
//! `StringBuilder`s, `java.util` collections and regex matchers, which
//! belong to one process and can never be values in the shared env file.
//! Each is an entry of this process's table,
//! named by a host-object word (the heap's tag `1000`, `word.rs`) whose
//! 60-bit payload is laid out here:
//!
//! | bits | field |
//! |---|---|
//! | 0..4 | the family (reader, writer, input or output stream, text buffer, collection, matcher, process): names the type in an error about a word that no longer resolves |
//! | 4..28 | the entry's index in the table |
//! | 28..36 | the entry's generation: bumped when the entry is closed, so a word kept after `.close` is detected when the slot is reused |
//! | 36..60 | this process's stamp: 24 random bits chosen once per process, so a word another process left in the file is told apart |
//!
//! Inside the process such a word is a value like any other: an argument,
//! a local, an element of a collection the running code holds, a binding
//! of `*out*`/`*in*`. Publishing one into a var root, an atom or a ref is
//! refused (`Interp::check_publishable`, which walks the new part of the
//! value: `Ref::find_host_word`). A word of another process or of a
//! closed entry is a clear error when used, never a crash.
//!
//! Lifetime: an entry lives until it is closed (`.close`, `with-open`,
//! `spit`, which closes as Clojure's does), then its slot is reused under
//! the next generation; an entry never closed (a `StringBuilder`, a
//! reader left open) lives until the process ends, as nothing can know
//! when its word is no longer reachable (it may sit in any heap value).
//! Entries 0, 1 and 2 are the process's standard streams: `*out*`
//! (writing to the thread's `*out*`), `*err*`, `*in*`.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use evelisp_heap::{Env, Ref, Value, Word};
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

/// The family of a host object (bits 0..4 of its payload).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// A character reader (`java.io.Reader`).
    Reader = 1,
    /// A character writer (`java.io.Writer`).
    Writer = 2,
    /// A byte input stream (`java.io.InputStream`).
    InputStream = 3,
    /// A byte output stream (`java.io.OutputStream`).
    OutputStream = 4,
    /// A text buffer (`java.lang.StringBuilder`).
    StringBuilder = 5,
    /// A mutable `java.util` collection.
    Collection = 6,
    /// A regex matcher (`java.util.regex.Matcher`).
    Matcher = 7,
    /// A child process (`java.lang.Process`, `natives/process/`).
    Process = 8,
}

impl Family {
    fn from_bits(b: u64) -> Option<Family> {
        Some(match b {
            1 => Family::Reader,
            2 => Family::Writer,
            3 => Family::InputStream,
            4 => Family::OutputStream,
            5 => Family::StringBuilder,
            6 => Family::Collection,
            7 => Family::Matcher,
            8 => Family::Process,
            _ => return None,
        })
    }

    /// The Java type this family stands for.
    pub(crate) fn type_name(self) -> &'static str {
        match self {
            Family::Reader => "java.io.Reader",
            Family::Writer => "java.io.Writer",
            Family::InputStream => "java.io.InputStream",
            Family::OutputStream => "java.io.OutputStream",
            Family::StringBuilder => "java.lang.StringBuilder",
            Family::Collection => "java.util.Collection",
            Family::Matcher => "java.util.regex.Matcher",
            Family::Process => "java.lang.Process",
        }
    }
}

/// What an entry holds. Several entries may share one stream (a
/// `BufferedReader` made over `*in*` reads the same input).
pub(crate) enum Stream {
    /// Input: bytes, read as UTF-8 text by readers.
    In(BufReader<Box<dyn Read + Send>>),
    /// Output to a file or another byte sink.
    Out(Box<dyn Write + Send>),
    /// Text in memory: a `StringBuilder` or `StringWriter`.
    Text(String),
    /// The writer the using thread's `*out*` is bound to (entry 0).
    ThreadOut,
    /// The process's standard error (entry 1).
    StdErr,
    /// A `java.util` collection: the value the env keeps under `id`
    /// (`Env::keep`), of the env at address `env` (compared, never read).
    Coll {
        /// List, map or set.
        kind: CollKind,
        /// The address of the `Env` keeping it.
        env: usize,
        /// Its number among the env's kept values.
        id: u64,
    },
    /// A regex matcher's state.
    Matcher(Box<MatcherState>),
    /// A child process (its state is shared with the threads waiting for
    /// it, so waiting holds no lock of the table's).
    Process(Arc<crate::natives::process::ChildProcess>),
    /// Closed: every use is an `IOException` ("Stream closed").
    Closed,
}

struct Slot {
    generation: u8,
    class: &'static str,
    family: Family,
    stream: Option<Arc<Mutex<Stream>>>,
}

struct Table {
    slots: Vec<Slot>,
    free: Vec<u32>,
}

const INDEX_BITS: u32 = 24;
const GEN_SHIFT: u32 = 4 + INDEX_BITS;
const STAMP_SHIFT: u32 = GEN_SHIFT + 8;

/// Index of `*out*`'s entry.
pub(crate) const OUT_INDEX: u32 = 0;
/// Index of `*err*`'s entry.
pub(crate) const ERR_INDEX: u32 = 1;
/// Index of `*in*`'s entry.
pub(crate) const IN_INDEX: u32 = 2;

/// Set once this process has made any host-object word: until then no
/// value it publishes can hold one, and the walk is skipped.
static USED: AtomicBool = AtomicBool::new(false);

/// This process's stamp (24 bits, never 0).
static STAMP: LazyLock<u64> = LazyLock::new(|| {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut h = evelisp_heap::Fnv1a::new();
    h.write(&std::process::id().to_le_bytes());
    h.write(&nanos.to_le_bytes());
    let h = h.finish();
    let s = (h ^ (h >> 24) ^ (h >> 48)) & ((1 << 24) - 1);
    if s == 0 { 1 } else { s }
});

static TABLE: LazyLock<Mutex<Table>> = LazyLock::new(|| {
    let stdin: Box<dyn Read + Send> = Box::new(std::io::stdin());
    let fixed = [
        (
            "java.io.OutputStreamWriter",
            Family::Writer,
            Stream::ThreadOut,
        ),
        ("java.io.PrintWriter", Family::Writer, Stream::StdErr),
        (
            "clojure.lang.LineNumberingPushbackReader",
            Family::Reader,
            Stream::In(BufReader::new(stdin)),
        ),
    ];
    Mutex::new(Table {
        slots: fixed
            .into_iter()
            .map(|(class, family, stream)| Slot {
                generation: 0,
                class,
                family,
                stream: Some(Arc::new(Mutex::new(stream))),
            })
            .collect(),
        free: Vec::new(),
    })
});

fn table() -> MutexGuard<'static, Table> {
    TABLE.lock().unwrap_or_else(|p| p.into_inner())
}

/// Whether this process has ever made a host-object word.
#[inline]
pub(crate) fn any_made() -> bool {
    USED.load(Ordering::Relaxed)
}

fn word_of(index: u32, generation: u8, family: Family) -> Word {
    USED.store(true, Ordering::Relaxed);
    Word::host(
        family as u64
            | u64::from(index) << 4
            | u64::from(generation) << GEN_SHIFT
            | *STAMP << STAMP_SHIFT,
    )
}

/// The word of one of the standard streams' entries.
pub(crate) fn standard(index: u32) -> Word {
    let family = if index == IN_INDEX {
        Family::Reader
    } else {
        Family::Writer
    };
    word_of(index, 0, family)
}

/// A new entry holding `stream`, of Java class `class`.
pub(crate) fn register(class: &'static str, family: Family, stream: Stream) -> EvalResult<Word> {
    share(class, family, Arc::new(Mutex::new(stream)))
}

/// A new entry over a stream another entry holds too.
pub(crate) fn share(
    class: &'static str,
    family: Family,
    stream: Arc<Mutex<Stream>>,
) -> EvalResult<Word> {
    let mut t = table();
    let index = match t.free.pop() {
        Some(i) => i,
        None => {
            let i = t.slots.len() as u32;
            if i >= 1 << INDEX_BITS {
                return Err(EvalError::new(EvalErrorKind::IllegalState(format!(
                    "too many open host objects in this process (at most {}); close some",
                    1u32 << INDEX_BITS
                ))));
            }
            t.slots.push(Slot {
                generation: 0,
                class,
                family,
                stream: None,
            });
            i
        }
    };
    let slot = &mut t.slots[index as usize];
    slot.class = class;
    slot.family = family;
    slot.stream = Some(stream);
    Ok(word_of(index, slot.generation, family))
}

/// A host object as found in the table.
pub(crate) struct Found {
    /// Its Java class name.
    pub(crate) class: &'static str,
    /// Its family.
    pub(crate) family: Family,
    /// Its index (identity within the process).
    pub(crate) index: u32,
    /// The stream it holds.
    pub(crate) stream: Arc<Mutex<Stream>>,
}

/// The parts of a host-object word: family, index, generation, stamp.
fn parts(w: Word) -> Option<(Option<Family>, u32, u8, u64)> {
    let p = w.as_host()?;
    Some((
        Family::from_bits(p & 0xF),
        ((p >> 4) & ((1 << INDEX_BITS) - 1)) as u32,
        (p >> GEN_SHIFT) as u8,
        p >> STAMP_SHIFT,
    ))
}

/// The family of a host-object word (for naming it in errors), whether or
/// not it resolves.
pub(crate) fn family_of(w: Word) -> Option<Family> {
    parts(w).and_then(|(f, ..)| f)
}

/// The entry `w` names, or the error for a word of another process or of
/// a closed entry.
pub(crate) fn lookup(w: Word) -> EvalResult<Found> {
    let Some((family, index, generation, stamp)) = parts(w) else {
        return Err(EvalError::new(EvalErrorKind::IllegalArgument(
            "not a host object".into(),
        )));
    };
    let name = family.map_or("host object", Family::type_name);
    if stamp != *STAMP {
        return Err(EvalError::new(EvalErrorKind::IllegalState(format!(
            "a {name} of another process: process-local objects cannot be shared through the env"
        ))));
    }
    let t = table();
    match t.slots.get(index as usize) {
        Some(slot) if slot.generation == generation && Some(slot.family) == family => {
            match &slot.stream {
                Some(stream) => Ok(Found {
                    class: slot.class,
                    family: slot.family,
                    index,
                    stream: stream.clone(),
                }),
                None => Err(closed()),
            }
        }
        _ => Err(closed()),
    }
}

/// Java's error for a closed stream.
pub(crate) fn closed() -> EvalError {
    EvalError::new(EvalErrorKind::Io("Stream closed".into()))
}

/// Locks a stream (a poisoned lock is taken over: the stream's state is
/// whatever the failed operation left).
pub(crate) fn lock(s: &Mutex<Stream>) -> MutexGuard<'_, Stream> {
    s.lock().unwrap_or_else(|p| p.into_inner())
}

/// Closes the entry `w` names (and the stream it shares with others):
/// the stream is flushed and dropped, the slot freed for reuse under the
/// next generation, and so are the slots of the other entries over the
/// same stream (but the standard streams'). Closing a closed object does nothing, as in Java;
/// the standard streams' entries stay (closing `*in*` ends its input).
pub(crate) fn close(w: Word) -> EvalResult<()> {
    let Some((_, index, generation, stamp)) = parts(w) else {
        return Ok(());
    };
    if stamp != *STAMP {
        return lookup(w).map(|_| ());
    }
    let stream = {
        let mut t = table();
        let Some(slot) = t.slots.get_mut(index as usize) else {
            return Ok(());
        };
        if slot.generation != generation {
            return Ok(());
        }
        if index <= IN_INDEX {
            slot.stream.clone()
        } else {
            slot.generation = slot.generation.wrapping_add(1);
            let s = slot.stream.take();
            if s.is_some() {
                t.free.push(index);
            }
            // The other entries over the same stream (a `StringReader`
            // under the `PushbackReader` closed) are closed with it: their
            // slots are freed too, so wrapping leaks no entry.
            if let Some(shared) = &s
                && Arc::strong_count(shared) > 1
            {
                let mut freed = Vec::new();
                for (i, other) in t.slots.iter_mut().enumerate().skip(IN_INDEX as usize + 1) {
                    if other
                        .stream
                        .as_ref()
                        .is_some_and(|o| Arc::ptr_eq(o, shared))
                    {
                        other.generation = other.generation.wrapping_add(1);
                        other.stream = None;
                        freed.push(i as u32);
                    }
                }
                t.free.extend(freed);
            }
            s
        }
    };
    if let Some(stream) = stream {
        let mut s = lock(&stream);
        let result = match &mut *s {
            Stream::Out(w) => w.flush(),
            _ => Ok(()),
        };
        if !matches!(&*s, Stream::ThreadOut | Stream::StdErr) {
            *s = Stream::Closed;
        }
        result.map_err(|e| EvalError::new(EvalErrorKind::Io(e.to_string())))?;
    }
    Ok(())
}

/// Reads one line (without its terminator: `\n` or `\r\n`) from an input
/// stream, or `None` at its end.
pub(crate) fn read_line(r: &mut BufReader<Box<dyn Read + Send>>) -> EvalResult<Option<String>> {
    let mut buf = Vec::new();
    let n = r.read_until(b'\n', &mut buf).map_err(io)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

/// An I/O error as an `IOException`.
pub(crate) fn io(e: std::io::Error) -> EvalError {
    EvalError::new(EvalErrorKind::Io(e.to_string()))
}

/// The Java class name of the object `w` names; for a word that no longer
/// resolves (closed, or another process's), its family's type.
pub(crate) fn class_name(w: Word) -> &'static str {
    match lookup(w) {
        Ok(found) => found.class,
        Err(_) => family_of(w).map_or("java.lang.Object", Family::type_name),
    }
}

/// The identity hash Java would print for the object `w` names.
pub(crate) fn identity(w: Word) -> u32 {
    let h = w.bits().wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 33) as u32
}

/// Java's `toString` of the object `w` names: the text of a
/// `StringBuilder`/`StringWriter`, else `class@hash`.
pub(crate) fn to_string(w: Word) -> String {
    if let Ok(found) = lookup(w) {
        match &*lock(&found.stream) {
            Stream::Text(t) => return t.clone(),
            Stream::Matcher(m) => return m.to_string(),
            Stream::Process(c) => return crate::natives::process::describe(c),
            _ => {}
        }
    }
    format!("{}@{:x}", class_name(w), identity(w))
}

/// How Clojure prints a host object: `#object[class 0xhash "toString"]`
/// (the string unquoted when not printing readably).
pub(crate) fn print(w: Word, readably: bool, out: &mut String) {
    use std::fmt::Write as _;
    let text = to_string(w);
    let _ = write!(out, "#object[{} 0x{:x} ", class_name(w), identity(w));
    if readably {
        out.push('"');
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
        out.push('"');
    } else {
        out.push_str(&text);
    }
    out.push(']');
}

/// Writes `text` to the writer `w` names (not `*out*`'s entry, which
/// writes to the using thread's `*out*`: `natives/io/streams.rs`).
pub(crate) fn write_text(w: Word, text: &str) -> EvalResult<()> {
    write_bytes(w, text.as_bytes())
}

/// Writes `bytes` to the output stream `w` (to a text sink, as UTF-8
/// text, invalid sequences as U+FFFD).
pub(crate) fn write_bytes(w: Word, bytes: &[u8]) -> EvalResult<()> {
    let text = || String::from_utf8_lossy(bytes);
    let found = lookup(w)?;
    let mut s = lock(&found.stream);
    match &mut *s {
        Stream::Out(o) => o.write_all(bytes).map_err(io),
        Stream::Text(t) => {
            t.push_str(&text());
            Ok(())
        }
        Stream::StdErr => {
            let mut e = std::io::stderr().lock();
            e.write_all(bytes).and_then(|()| e.flush()).map_err(io)
        }
        Stream::Closed => Err(closed()),
        Stream::In(_)
        | Stream::ThreadOut
        | Stream::Coll { .. }
        | Stream::Matcher(_)
        | Stream::Process(_) => Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "a {} cannot be written to",
            found.class
        )))),
    }
}

/// Which collection a `Stream::Coll` entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CollKind {
    /// `ArrayList`, `LinkedList`, `ArrayDeque`: a vector.
    List,
    /// `HashMap`, `LinkedHashMap`: a map.
    Map,
    /// `HashSet`, `LinkedHashSet`: a set.
    Set,
}

/// The value a kept `java.util` collection holds now (a persistent
/// vector, map or set in the env file), or `None` when `x` is not one.
pub(crate) fn snapshot<'e>(env: &'e Env, x: Ref<'_>) -> EvalResult<Option<Value<'e>>> {
    if x.word().as_host().is_none() {
        return Ok(None);
    }
    let found = lookup(x.word())?;
    let s = lock(&found.stream);
    match &*s {
        Stream::Coll { env: owner, id, .. } => Ok(Some(kept(env, *owner, *id)?)),
        _ => Ok(None),
    }
}

/// Kept value `id` of `env`, which must be the env (by address) that
/// kept it.
pub(crate) fn kept<'e>(env: &'e Env, owner: usize, id: u64) -> EvalResult<Value<'e>> {
    if owner != env as *const _ as usize {
        return Err(EvalError::new(EvalErrorKind::IllegalState(
            "a java.util collection made on another env file of this process".into(),
        )));
    }
    Ok(env.kept(id)?)
}

/// The state of one regex matcher (held by its host-object entry; its
/// searches are in `natives/regex/matcher.rs`).
pub(crate) struct MatcherState {
    /// The pattern's source (compiled again through the per-process cache).
    pub(crate) source: String,
    /// The text searched.
    pub(crate) text: String,
    /// The byte where the next search starts; past the end once a search
    /// found nothing.
    pub(crate) pos: usize,
    /// The groups of the last successful search (`None` before one, or
    /// after a failed one): group 0 first, `None` for a group that did not
    /// take part.
    pub(crate) groups: Option<Vec<Option<String>>>,
}

/// The kept value of the `java.util` collection `w` names: its number,
/// whether it prints as a list (`LinkedList`, `ArrayDeque`) and the
/// address of the env keeping it.
pub(crate) fn kept_collection(w: Word) -> Option<(u64, bool, usize)> {
    let found = lookup(w).ok()?;
    let s = lock(&found.stream);
    match &*s {
        Stream::Coll { env, id, .. } => Some((
            *id,
            matches!(found.class, "java.util.LinkedList" | "java.util.ArrayDeque"),
            *env,
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(w: Word) -> String {
        to_string(w)
    }

    #[test]
    fn a_closed_entry_is_reused_under_a_new_generation() {
        let a = register(
            "java.io.StringWriter",
            Family::Writer,
            Stream::Text("a".into()),
        )
        .expect("registered");
        write_text(a, "b").expect("written");
        assert_eq!(text(a), "ab");
        close(a).expect("closed");
        // Closing twice does nothing, as in Java.
        close(a).expect("closed again");
        let err = write_text(a, "c").expect_err("closed");
        assert_eq!(err.kind.class_name(), "IOException");
        // The slot is reused; the old word still does not resolve.
        let b = register(
            "java.lang.StringBuilder",
            Family::StringBuilder,
            Stream::Text("x".into()),
        )
        .expect("registered");
        assert_ne!(a, b);
        assert!(lookup(a).is_err());
        assert_eq!(text(b), "x");
        assert_eq!(class_name(a), "java.io.Writer");
    }

    #[test]
    fn a_word_of_another_process_is_a_clear_error() {
        let w = register(
            "java.lang.StringBuilder",
            Family::StringBuilder,
            Stream::Text(String::new()),
        )
        .expect("registered");
        let payload = w.as_host().expect("host word");
        let other_stamp = (*STAMP % 0xFF_FFFF + 1) << STAMP_SHIFT;
        let foreign = Word::host((payload & ((1 << STAMP_SHIFT) - 1)) | other_stamp);
        let err = lookup(foreign).err().expect("foreign");
        assert!(
            err.to_string()
                .contains("a java.lang.StringBuilder of another process"),
            "{err}"
        );
        // Printing it needs no entry.
        let mut out = String::new();
        print(foreign, true, &mut out);
        assert!(
            out.starts_with("#object[java.lang.StringBuilder 0x"),
            "{out}"
        );
    }
}
