//! The JSON parser: one pass over the text's bytes (RFC 8259, nothing
//! more: no comments, `NaN` or single quotes), building heap values as it
//! goes — strings, numbers, vectors, maps with keys as the key mode makes
//! them — with no tree of Rust values in between. Nesting grows the stack
//! on the heap (`stacker`), so deep documents neither overflow nor need a
//! depth limit.

use super::errors::{ParseError, Problem};
use super::numbers::{NumberMode, number_value};
use crate::Interp;
use crate::error::EvalError;
use crate::native_registry::args;
use evelisp_heap::{Ref, Value};
use std::borrow::Cow;
use std::collections::HashMap;

/// How object keys become values.
pub(crate) enum KeyMode<'a> {
    /// Strings, as written.
    Strings,
    /// Keywords, as `clojure.core/keyword` makes them of the string.
    Keywords,
    /// The result of a function of the key string.
    Function(Ref<'a>),
}

/// What one parse makes of a document.
pub(crate) struct ParseOptions<'a> {
    /// How keys become values.
    pub keys: KeyMode<'a>,
    /// `clojure.data.json`'s `:value-fn`: called with each key (after the
    /// key mode) and value; returning the function itself drops the entry.
    pub value_fn: Option<Ref<'a>>,
    /// How numbers become values.
    pub numbers: NumberMode,
}

/// An error of a parse: the document's, or one a key or value function
/// raised.
pub(crate) enum Failure {
    /// The document is malformed.
    Syntax(ParseError),
    /// The evaluator failed (a function raised, the heap is full).
    Eval(EvalError),
}

impl From<EvalError> for Failure {
    fn from(e: EvalError) -> Self {
        Failure::Eval(e)
    }
}

impl From<evelisp_heap::HeapError> for Failure {
    fn from(e: evelisp_heap::HeapError) -> Self {
        Failure::Eval(e.into())
    }
}

/// The result of a parsing step.
pub(super) type Step<T> = Result<T, Failure>;

/// Keys longer than this are not cached.
const CACHED_KEY_MAX: usize = 48;
/// Most distinct keys cached per parse.
const KEY_CACHE_MAX: usize = 4096;

/// One parse of one text.
pub(crate) struct Parser<'t, 'a, 'e> {
    interp: &'a Interp<'e>,
    pub(super) text: &'t str,
    pub(super) bytes: &'t [u8],
    pub(super) pos: usize,
    options: &'a ParseOptions<'a>,
    /// Key values already made, by key text (strings and keywords are
    /// immutable, so one object serves every occurrence).
    keys: HashMap<&'t str, Value<'e>>,
    /// Values of the arrays and objects being read (the elements of
    /// nested ones above those of their parents).
    stack: Vec<Value<'e>>,
    /// The key texts of the objects being read while they are small
    /// enough for an array map (to check they are distinct), nested ones
    /// above their parents'.
    key_texts: Vec<Cow<'t, str>>,
}

impl<'t, 'a, 'e> Parser<'t, 'a, 'e> {
    /// A parser of `text` from byte `start`.
    pub(crate) fn new(
        interp: &'a Interp<'e>,
        text: &'t str,
        start: usize,
        options: &'a ParseOptions<'a>,
    ) -> Self {
        Parser {
            interp,
            text,
            bytes: text.as_bytes(),
            pos: start,
            options,
            keys: HashMap::new(),
            stack: Vec::new(),
            key_texts: Vec::new(),
        }
    }

    /// Where the parser is (a byte offset).
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// Skips whitespace; whether text remains.
    pub(crate) fn skip_whitespace(&mut self) -> bool {
        while let Some(&b) = self.bytes.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return true;
            }
            self.pos += 1;
        }
        false
    }

    /// The character at the parser's position (the text is UTF-8, so a
    /// byte may start a longer one).
    pub(super) fn char_here(&self) -> char {
        self.text
            .get(self.pos..)
            .and_then(|s| s.chars().next())
            .unwrap_or('\u{FFFD}')
    }

    /// Fails with `problem` at the parser's position.
    pub(super) fn fail<T>(&self, problem: Problem) -> Step<T> {
        Err(Failure::Syntax(ParseError {
            problem,
            offset: self.pos,
        }))
    }

    fn unexpected<T>(&self, expecting: &'static str) -> Step<T> {
        match self.bytes.get(self.pos) {
            None => self.fail(Problem::Eof(expecting)),
            Some(_) => self.fail(Problem::Unexpected {
                found: self.char_here(),
                expecting,
            }),
        }
    }

    /// Fails unless only whitespace follows.
    pub(crate) fn expect_end(&mut self) -> Step<()> {
        if self.skip_whitespace() {
            return self.fail(Problem::Trailing(self.char_here()));
        }
        Ok(())
    }

    /// The next value (leading whitespace skipped).
    pub(crate) fn value(&mut self) -> Step<Value<'e>> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.value_here())
    }

    fn value_here(&mut self) -> Step<Value<'e>> {
        self.skip_whitespace();
        let env = self.interp.env();
        match self.bytes.get(self.pos) {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                let s = self.string()?;
                Ok(env.make_string(&s)?)
            }
            Some(b't') => self.literal("true", env.make_bool(true)),
            Some(b'f') => self.literal("false", env.make_bool(false)),
            Some(b'n') => self.literal("null", Value::nil(env)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => self.unexpected("expected a value"),
        }
    }

    fn literal(&mut self, word: &'static str, value: Value<'e>) -> Step<Value<'e>> {
        let end = self.pos + word.len();
        if self.bytes.get(self.pos..end) == Some(word.as_bytes()) {
            self.pos = end;
            // A literal glued to letters (`truex`) is one bad token.
            if self
                .bytes
                .get(self.pos)
                .is_some_and(u8::is_ascii_alphanumeric)
            {
                return self.unexpected("expected a separator after a literal");
            }
            return Ok(value);
        }
        // Point at the first character that differs.
        while self.bytes.get(self.pos) == word.as_bytes().get(self.pos + word.len() - end) {
            self.pos += 1;
        }
        self.unexpected(
            "expected a value (true, false, null, a number, a string, an array or an object)",
        )
    }

    fn number(&mut self) -> Step<Value<'e>> {
        let start = self.pos;
        let b = self.bytes;
        let mut p = self.pos;
        if b.get(p) == Some(&b'-') {
            p += 1;
        }
        match b.get(p) {
            Some(b'0') => p += 1,
            Some(b'1'..=b'9') => {
                while b.get(p).is_some_and(u8::is_ascii_digit) {
                    p += 1;
                }
            }
            _ => {
                self.pos = p;
                return self.number_error("expected a digit");
            }
        }
        let int_end = p;
        let mut integral = true;
        if b.get(p) == Some(&b'.') {
            integral = false;
            p += 1;
            if !b.get(p).is_some_and(u8::is_ascii_digit) {
                self.pos = p;
                return self.number_error("expected a digit after the decimal point");
            }
            while b.get(p).is_some_and(u8::is_ascii_digit) {
                p += 1;
            }
        }
        if matches!(b.get(p), Some(b'e' | b'E')) {
            integral = false;
            p += 1;
            if matches!(b.get(p), Some(b'+' | b'-')) {
                p += 1;
            }
            if !b.get(p).is_some_and(u8::is_ascii_digit) {
                self.pos = p;
                return self.number_error("expected a digit in the exponent");
            }
            while b.get(p).is_some_and(u8::is_ascii_digit) {
                p += 1;
            }
        }
        // `01`, `1x`: a number glued to more of a token.
        if b.get(p)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.')
        {
            self.pos = p;
            return self.number_error("expected a separator after a number");
        }
        self.pos = p;
        let text = self.text.get(start..p).unwrap_or_default();
        let _ = int_end;
        Ok(number_value(
            self.interp.env(),
            text,
            integral,
            self.options.numbers,
        )?)
    }

    fn number_error<T>(&self, expecting: &'static str) -> Step<T> {
        match self.bytes.get(self.pos) {
            None => self.fail(Problem::Eof(expecting)),
            Some(_) => self.fail(Problem::Number(expecting)),
        }
    }

    fn array(&mut self) -> Step<Value<'e>> {
        self.pos += 1;
        let base = self.stack.len();
        if !self.skip_whitespace() {
            return self.fail(Problem::Eof("expected close marker for Array"));
        }
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(self.interp.env().empty_vector()?);
        }
        loop {
            let v = self.value()?;
            self.stack.push(v);
            if self.entry_ends(b']', "Array")? {
                break;
            }
        }
        let v = self.interp.env().make_vector_of(&self.stack[base..])?;
        self.stack.truncate(base);
        Ok(v)
    }

    /// After an entry of an array or object (`what`): a comma and more
    /// (`false`), or its closing byte `close` (`true`), consumed.
    fn entry_ends(&mut self, close: u8, what: &'static str) -> Step<bool> {
        self.skip_whitespace();
        match self.bytes.get(self.pos) {
            Some(b',') => {
                self.pos += 1;
                if !self.skip_whitespace() {
                    return self.fail(Problem::EofAfterComma(what));
                }
                Ok(false)
            }
            Some(&b) if b == close => {
                self.pos += 1;
                Ok(true)
            }
            _ => self.unexpected(if close == b']' {
                "was expecting comma to separate Array entries"
            } else {
                "was expecting comma to separate Object entries"
            }),
        }
    }

    fn object(&mut self) -> Step<Value<'e>> {
        self.pos += 1;
        let base = self.stack.len();
        if !self.skip_whitespace() {
            return self.fail(Problem::Eof("expected close marker for Object"));
        }
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(self.interp.env().empty_map()?);
        }
        let mut distinct = true;
        let texts_base = self.key_texts.len();
        loop {
            self.skip_whitespace();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return self.unexpected("was expecting double-quote to start field name");
            }
            let key_text = self.string()?;
            // Only an array map (at most 8 entries) needs distinct keys:
            // a bigger map is built by assoc, where a repeated key wins.
            if distinct && self.stack.len() - base < 16 {
                distinct = !self.key_texts[texts_base..].contains(&key_text);
                self.key_texts.push(key_text.clone());
            }
            let key = self.key(key_text)?;
            self.skip_whitespace();
            if self.bytes.get(self.pos) != Some(&b':') {
                return self.unexpected("was expecting a colon to separate field name and value");
            }
            self.pos += 1;
            let value = self.value()?;
            match self.options.value_fn {
                None => {
                    self.stack.push(key);
                    self.stack.push(value);
                }
                Some(f) => {
                    let v = self.interp.apply(f, args![key.clone(), value])?;
                    if v.word() != f.word() {
                        self.stack.push(key);
                        self.stack.push(v);
                    }
                }
            }
            if self.entry_ends(b'}', "Object")? {
                break;
            }
        }
        let env = self.interp.env();
        let known_keys = matches!(self.options.keys, KeyMode::Strings | KeyMode::Keywords);
        let map = if distinct && known_keys {
            env.make_map_of_distinct(&self.stack[base..])?
        } else {
            let mut m = env.empty_map()?;
            for pair in self.stack[base..].chunks_exact(2) {
                m = env.assoc_owned(m, pair[0].borrowed(), pair[1].borrowed())?;
            }
            m
        };
        self.stack.truncate(base);
        self.key_texts.truncate(texts_base);
        Ok(map)
    }

    /// The key value of key text `text`.
    fn key(&mut self, text: Cow<'t, str>) -> Step<Value<'e>> {
        let env = self.interp.env();
        if let KeyMode::Function(f) = self.options.keys {
            let s = env.make_string(&text)?;
            return Ok(self.interp.apply(f, args![s])?);
        }
        let cacheable = matches!(text, Cow::Borrowed(_)) && text.len() <= CACHED_KEY_MAX;
        if let Cow::Borrowed(t) = text
            && cacheable
            && let Some(v) = self.keys.get(t)
        {
            return Ok(v.clone());
        }
        let v = match self.options.keys {
            KeyMode::Keywords => {
                let (ns, name) = crate::natives::language::split_name(&text);
                env.intern_keyword(ns, name)?
            }
            _ => env.make_string(&text)?,
        };
        if let Cow::Borrowed(t) = text
            && cacheable
            && self.keys.len() < KEY_CACHE_MAX
        {
            self.keys.insert(t, v.clone());
        }
        Ok(v)
    }
}
