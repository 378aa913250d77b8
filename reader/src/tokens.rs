//! The token stream the grammar parses: logos tokens with their byte
//! offsets, checked on the way through.
//!
//! It keeps a stack that mirrors the grammar's nesting (open delimiters and
//! prefixes still waiting for their form), so that it can report errors in
//! the user's terms before the parser sees them: an unmatched or mismatched
//! closer, a prefix with no form after it, input that ends inside a form
//! (an *incomplete* error naming where the open form starts), and nesting
//! deeper than the configured limit.

use crate::error::{ReadError, ReadErrorKind};
use crate::form::{Form, MapNamespace, Symbol};
use crate::lexer::{LexError, LexProblem, Tok};
use crate::span::{LazyLineIndex, Span};
use logos::{Logos, SpannedIter};
use std::sync::Arc;

/// The tokens the grammar parses. Openers and prefixes carry the offset
/// where they start and closers the offset where they end, and atoms arrive
/// as finished forms, so the grammar needs no location rules of its own.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PTok {
    LParen(usize),
    RParen(usize),
    LBracket(usize),
    RBracket(usize),
    LBrace(usize),
    RBrace(usize),
    SetOpen(usize),
    FnOpen(usize),
    Discard,
    VarQuote(usize),
    Cond(usize),
    CondSplice(usize),
    Quote(usize),
    SyntaxQuote(usize),
    Unquote(usize),
    UnquoteSplice(usize),
    Deref(usize),
    Meta(usize),
    Atom(Form),
    Tag((usize, Symbol)),
    NsMap((usize, MapNamespace)),
}

impl PTok {
    fn from_lexed(tok: Tok, span: Span) -> PTok {
        let (l, r) = (span.start, span.end);
        match tok {
            Tok::LParen => PTok::LParen(l),
            Tok::RParen => PTok::RParen(r),
            Tok::LBracket => PTok::LBracket(l),
            Tok::RBracket => PTok::RBracket(r),
            Tok::LBrace => PTok::LBrace(l),
            Tok::RBrace => PTok::RBrace(r),
            Tok::SetOpen => PTok::SetOpen(l),
            Tok::FnOpen => PTok::FnOpen(l),
            Tok::Discard | Tok::BadDispatch => PTok::Discard,
            Tok::VarQuote => PTok::VarQuote(l),
            Tok::Cond => PTok::Cond(l),
            Tok::CondSplice => PTok::CondSplice(l),
            Tok::Quote => PTok::Quote(l),
            Tok::SyntaxQuote => PTok::SyntaxQuote(l),
            Tok::Unquote => PTok::Unquote(l),
            Tok::UnquoteSplice => PTok::UnquoteSplice(l),
            Tok::Deref => PTok::Deref(l),
            Tok::Meta => PTok::Meta(l),
            Tok::Atom(kind) => PTok::Atom(Form::new(kind, span)),
            Tok::Tag(sym) => PTok::Tag((l, sym)),
            Tok::NsMap(ns) => PTok::NsMap((l, ns)),
        }
    }
}

/// Where a token stream ends a chunk of top-level forms. Chunks are parsed
/// and their conditionals resolved one after another, so that errors come
/// in the same order whether a text is read whole or form by form.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Pausing {
    /// After every top-level form (streaming), except that a form holding a
    /// conditional keeps the next form with it.
    EachForm,
    /// Only after a group of forms that holds a conditional (reading a
    /// whole text: stretches without conditionals stay one chunk).
    AfterConditionals,
}

/// Something the grammar is still inside of.
enum Frame<'a> {
    /// An open delimiter waiting for `closer`.
    Delim {
        closer: char,
        opener: &'static str,
        what: &'static str,
        start: usize,
    },
    /// A prefix waiting for `remaining` more forms.
    Prefix {
        remaining: u8,
        text: &'a str,
        /// `#_`: the form it takes produces nothing in the enclosing form.
        discard: bool,
        /// `#?` must be followed by `(`, `#:ns` by `{`.
        must_open: Option<char>,
    },
}

/// Logos tokens turned into `(start, token, end)` triples for the parser.
pub(crate) struct TokenStream<'a> {
    source: &'a str,
    tokens: SpannedIter<'a, Tok>,
    index: LazyLineIndex<'a>,
    file: Option<Arc<str>>,
    frames: Vec<Frame<'a>>,
    max_depth: usize,
    /// The input ended or an error was reported.
    done: bool,
    /// Offsets of the `#?` and `#?@` tokens seen, in order: the conditional
    /// pass visits only the forms that contain one.
    pub(crate) conditionals: Vec<usize>,
    /// Where the stream pauses (ends for the parser until
    /// [`TokenStream::resume`]).
    pausing: Pausing,
    /// A top-level form just ended and the stream paused there.
    paused: bool,
    /// The current top-level form holds a conditional, so the next form
    /// joins its chunk (a prefix whose conditional vanishes takes it).
    conditional_pending: bool,
    /// An error found between top-level forms, held back until the parser
    /// has finished the forms before it: an error inside those (an odd map,
    /// say) comes first in the text and is the one to report.
    pub(crate) deferred: Option<ReadError>,
}

impl<'a> TokenStream<'a> {
    pub(crate) fn new(
        source: &'a str,
        file: Option<Arc<str>>,
        max_depth: usize,
    ) -> TokenStream<'a> {
        TokenStream {
            source,
            tokens: Tok::lexer(source).spanned(),
            index: LazyLineIndex::new(source),
            file,
            frames: Vec::new(),
            max_depth: max_depth.min(crate::MAX_DEPTH_LIMIT),
            done: false,
            conditionals: Vec::new(),
            pausing: Pausing::AfterConditionals,
            paused: false,
            conditional_pending: false,
            deferred: None,
        }
    }

    /// Makes the stream pause after each complete top-level form (or group
    /// of forms, when one holds a reader conditional).
    pub(crate) fn one_form_at_a_time(&mut self) {
        self.pausing = Pausing::EachForm;
    }

    /// Continues after a pause; false once the input is exhausted.
    pub(crate) fn resume(&mut self) -> bool {
        self.paused = false;
        !self.done
    }

    pub(crate) fn error(&self, kind: ReadErrorKind, span: Span) -> ReadError {
        ReadError {
            kind,
            span,
            at: self.index.line_col(span.start),
            file: self.file.clone(),
        }
    }

    fn lex_error(&self, e: LexError, fallback: Span) -> ReadError {
        let span = e.span.unwrap_or(fallback);
        let start = self.index.line_col(span.start);
        let end = Span::new(self.source.len(), self.source.len());
        match e.problem {
            LexProblem::UnterminatedString => {
                self.error(ReadErrorKind::UnterminatedString(start), end)
            }
            LexProblem::UnterminatedRegex => {
                self.error(ReadErrorKind::UnterminatedRegex(start), end)
            }
            LexProblem::Kind(kind) => self.error(kind, span),
            LexProblem::Unexpected => {
                let text = self.source.get(span.start..span.end).unwrap_or("?");
                self.error(ReadErrorKind::UnknownDispatch(text.to_string()), span)
            }
        }
    }

    fn push(&mut self, frame: Frame<'a>, span: Span) -> Result<(), ReadError> {
        if self.frames.len() >= self.max_depth {
            return Err(self.error(ReadErrorKind::TooDeep(self.max_depth), span));
        }
        self.frames.push(frame);
        Ok(())
    }

    fn open(
        &mut self,
        closer: char,
        opener: &'static str,
        what: &'static str,
        span: Span,
    ) -> Result<(), ReadError> {
        let frame = Frame::Delim {
            closer,
            opener,
            what,
            start: span.start,
        };
        self.push(frame, span)
    }

    fn prefix(
        &mut self,
        remaining: u8,
        span: Span,
        must_open: Option<char>,
    ) -> Result<(), ReadError> {
        let text = &self.source[span.start..span.end];
        let frame = Frame::Prefix {
            remaining,
            text,
            discard: text == "#_",
            must_open,
        };
        self.push(frame, span)
    }

    /// A whole form ended: prefixes waiting for it take it.
    fn complete_form(&mut self) {
        while let Some(Frame::Prefix {
            remaining, discard, ..
        }) = self.frames.last_mut()
        {
            *remaining -= 1;
            if *remaining > 0 {
                return;
            }
            let discard = *discard;
            self.frames.pop();
            if discard {
                return; // `#_ x` yields no form to the prefixes around it
            }
        }
    }

    fn close(&mut self, found: char, span: Span) -> Result<(), ReadError> {
        match self.frames.last() {
            None => Err(self.error(ReadErrorKind::Unmatched(found), span)),
            Some(Frame::Prefix { text, .. }) => Err(self.error(
                ReadErrorKind::MissingForm {
                    prefix: describe_prefix(text),
                    found: found.to_string(),
                },
                span,
            )),
            Some(&Frame::Delim {
                closer,
                opener,
                start,
                ..
            }) => {
                if closer != found {
                    return Err(self.error(
                        ReadErrorKind::Mismatched {
                            found,
                            expected: closer,
                            opener,
                            start: self.index.line_col(start),
                        },
                        span,
                    ));
                }
                self.frames.pop();
                self.complete_form();
                Ok(())
            }
        }
    }

    fn check(&mut self, tok: &Tok, span: Span) -> Result<(), ReadError> {
        if let Some(Frame::Prefix { must_open, .. }) = self.frames.last_mut() {
            if let Some(required) = must_open.take() {
                let opens = match tok {
                    Tok::LParen => '(',
                    Tok::LBrace => '{',
                    _ => ' ',
                };
                if required != opens {
                    let kind = if required == '(' {
                        ReadErrorKind::ReaderConditionalBody
                    } else {
                        ReadErrorKind::NamespacedMapBody
                    };
                    return Err(self.error(kind, span));
                }
            }
        }
        match tok {
            Tok::LParen => self.open(')', "(", "list", span),
            Tok::LBracket => self.open(']', "[", "vector", span),
            Tok::LBrace => self.open('}', "{", "map", span),
            Tok::SetOpen => self.open('}', "#{", "set", span),
            Tok::FnOpen => self.open(')', "#(", "#() function", span),
            Tok::RParen => self.close(')', span),
            Tok::RBracket => self.close(']', span),
            Tok::RBrace => self.close('}', span),
            Tok::Quote
            | Tok::SyntaxQuote
            | Tok::Unquote
            | Tok::UnquoteSplice
            | Tok::Deref
            | Tok::VarQuote
            | Tok::Discard
            | Tok::Tag(_) => self.prefix(1, span, None),
            Tok::Meta => self.prefix(2, span, None),
            Tok::Cond | Tok::CondSplice => {
                self.conditionals.push(span.start);
                self.conditional_pending = true;
                self.prefix(1, span, Some('('))
            }
            Tok::NsMap(_) => self.prefix(1, span, Some('{')),
            Tok::Atom(_) => {
                self.complete_form();
                Ok(())
            }
            Tok::BadDispatch => Ok(()), // never produced: its callback always fails
        }
    }

    /// The error for input that ended inside a form.
    fn end_of_input(&self) -> Option<ReadError> {
        let end = Span::new(self.source.len(), self.source.len());
        let frame = self.frames.last()?;
        let kind = match frame {
            Frame::Delim { what, start, .. } => ReadErrorKind::UnterminatedCollection {
                what,
                start: self.index.line_col(*start),
            },
            Frame::Prefix { text, .. } => ReadErrorKind::EndAfter(describe_prefix(text)),
        };
        Some(self.error(kind, end))
    }
}

impl Iterator for TokenStream<'_> {
    type Item = Result<(usize, PTok, usize), ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done || self.paused {
            return None;
        }
        let Some((tok, range)) = self.tokens.next() else {
            self.done = true;
            return self.end_of_input().map(Err);
        };
        let span = Span::new(range.start, range.end);
        let result = tok
            .map_err(|e| self.lex_error(e, span))
            .and_then(|tok| self.check(&tok, span).map(|()| tok));
        match result {
            Ok(tok) => {
                if self.frames.is_empty() {
                    // A top-level form just ended.
                    let pending = std::mem::take(&mut self.conditional_pending);
                    self.paused = !pending
                        && (self.pausing == Pausing::EachForm || !self.conditionals.is_empty());
                }
                Some(Ok((span.start, PTok::from_lexed(tok, span), span.end)))
            }
            Err(e) => {
                self.done = true;
                if self.frames.is_empty() {
                    self.deferred = Some(e);
                    return None;
                }
                Some(Err(e))
            }
        }
    }
}

/// How a prefix is named in messages: `' (quote)`, `#inst (tagged literal)`.
pub(crate) fn describe_prefix(text: &str) -> String {
    let what = match text {
        "'" => "quote",
        "`" => "syntax-quote",
        "~" => "unquote",
        "~@" => "unquote-splicing",
        "@" => "deref",
        "^" | "#^" => "metadata",
        "#'" => "var quote",
        "#_" => "discard",
        "#?" | "#?@" => "reader conditional",
        t if t.starts_with("#:") => "namespaced map",
        _ => "tagged literal",
    };
    format!("{text} ({what})")
}
