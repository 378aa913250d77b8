//! Streams a host hands an interpreter: a Rust writer or reader
//! registered as a process-local `java.io.Writer` / `Reader` host object
//! (`host_objects.rs`), for the host to bind `*err*` or `*in*` to on a
//! thread (the nREPL server's sessions send what is written to `*err*` to
//! their client, and read `*in*` from what it sends).

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::host_objects::{self, Family, Stream};
use crate::interp::Interp;
use evelisp_heap::{Ref, Value};
use std::io::{BufReader, Read, Write};

impl<'e> Interp<'e> {
    /// A `java.io.PrintWriter` host object writing to `w` (each write goes
    /// to `w` as it is made; `.flush` flushes it).
    pub fn host_writer(&self, w: Box<dyn Write + Send>) -> EvalResult<Value<'e>> {
        let word = host_objects::register("java.io.PrintWriter", Family::Writer, Stream::Out(w))?;
        self.host_value(word)
    }

    /// A `clojure.lang.LineNumberingPushbackReader` host object reading
    /// from `r` (`read-line` with `*in*` bound to it reads `r`).
    pub fn host_reader(&self, r: Box<dyn Read + Send>) -> EvalResult<Value<'e>> {
        let word = host_objects::register(
            "clojure.lang.LineNumberingPushbackReader",
            Family::Reader,
            Stream::In(BufReader::new(r)),
        )?;
        self.host_value(word)
    }

    /// Closes a host object (a writer is flushed; its entry is freed for
    /// reuse, and later uses of it are "Stream closed" errors).
    pub fn close_host_object(&self, v: Ref<'_>) -> EvalResult<()> {
        host_objects::close(v.word())
    }

    fn host_value(&self, word: evelisp_heap::Word) -> EvalResult<Value<'e>> {
        Value::immediate(self.env(), word).ok_or_else(|| {
            EvalError::new(EvalErrorKind::IllegalState(
                "a host object's word is not an immediate value".into(),
            ))
        })
    }
}
