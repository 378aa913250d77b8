//! [`Reader`]: reading a source text one top-level form at a time, so that a
//! caller (the evaluator loading a file, `read` on a stream, the REPL) can
//! act on each form before the next is read, and forms before a syntax
//! error are still delivered.

use crate::error::ReadError;
use crate::form::Form;
use crate::rules::Checker;
use crate::span::LazyLineIndex;
use crate::tokens::TokenStream;
use crate::{ReadOptions, parse_chunk};
use std::collections::VecDeque;

/// An iterator over the top-level forms of a source text, read lazily.
///
/// Yields each form in order; a syntax error is yielded in its place and
/// ends the iteration. Reading everything through a `Reader` gives the same
/// forms as [`crate::read`].
///
/// ```
/// use evelisp_reader::{Reader, ReadOptions};
///
/// let options = ReadOptions::for_file("demo.clj");
/// let mut forms = Reader::new("(def a 1) (def b 2) (oops]", &options);
/// assert_eq!(forms.next().unwrap().unwrap().to_string(), "(def a 1)");
/// assert_eq!(forms.next().unwrap().unwrap().to_string(), "(def b 2)");
/// let err = forms.next().unwrap().unwrap_err();
/// assert_eq!(err.to_string(), "demo.clj:1:26: unmatched ']': expected ')' to close '(' at 1:21");
/// assert!(forms.next().is_none());
/// ```
pub struct Reader<'s> {
    source: &'s str,
    options: ReadOptions,
    tokens: TokenStream<'s>,
    checker: Checker<'s>,
    ready: VecDeque<Form>,
    /// An error to yield once the forms read before it are delivered.
    error: Option<ReadError>,
    finished: bool,
}

impl<'s> Reader<'s> {
    /// A reader over `source`.
    pub fn new(source: &'s str, options: &ReadOptions) -> Reader<'s> {
        let mut tokens = TokenStream::new(source, options.file.clone(), options.max_depth);
        tokens.one_form_at_a_time();
        Reader {
            source,
            options: options.clone(),
            tokens,
            checker: Checker {
                index: LazyLineIndex::new(source),
                file: options.file.clone(),
            },
            ready: VecDeque::new(),
            error: None,
            finished: false,
        }
    }
}

impl Iterator for Reader<'_> {
    type Item = Result<Form, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.ready.is_empty() {
            if let Some(e) = self.error.take() {
                self.finished = true;
                return Some(Err(e));
            }
            if self.finished || !self.tokens.resume() {
                return None;
            }
            let chunk = crate::with_parser_stack(&self.options, || {
                parse_chunk(self.source, &self.options, &mut self.tokens, &self.checker)
            });
            match chunk {
                Ok(forms) => {
                    self.ready.extend(forms);
                    self.error = self.tokens.deferred.take();
                }
                Err(e) => {
                    self.finished = true;
                    return Some(Err(e));
                }
            }
        }
        self.ready.pop_front().map(Ok)
    }
}
