//! Bencode, nREPL's wire format: integers `i42e`, byte strings `5:hello`,
//! lists `l...e` and dictionaries `d...e` (keys byte strings, written in
//! sorted order). Decoding reads one value from a stream and refuses, with
//! a [`BencodeError`], anything malformed or beyond [`Limits`] (total
//! size, nesting), before allocating for it; a client's bad message ends
//! in an error for that connection, never a panic or an unbounded buffer.
//!
//! Written here rather than taken from a crate: the bencode crates
//! (`bendy`, `serde_bencode`, `bt_bencode`) decode from a complete byte
//! slice, while a server must find where a message ends in a socket's byte
//! stream and refuse an oversized one while reading it.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Read, Write};

/// A bencoded value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bencode {
    /// An integer.
    Int(i64),
    /// A byte string (nREPL's strings are UTF-8 text).
    Bytes(Vec<u8>),
    /// A list.
    List(Vec<Bencode>),
    /// A dictionary, its keys in byte order (the order they are written in).
    Dict(BTreeMap<Vec<u8>, Bencode>),
}

impl Bencode {
    /// A byte string of `s`'s UTF-8 bytes.
    pub fn str(s: &str) -> Bencode {
        Bencode::Bytes(s.as_bytes().to_vec())
    }

    /// Writes the encoding of this value to `out`.
    pub fn encode_to(&self, out: &mut Vec<u8>) {
        match self {
            Bencode::Int(n) => {
                out.push(b'i');
                out.extend_from_slice(n.to_string().as_bytes());
                out.push(b'e');
            }
            Bencode::Bytes(b) => encode_bytes(b, out),
            Bencode::List(items) => {
                out.push(b'l');
                for item in items {
                    item.encode_to(out);
                }
                out.push(b'e');
            }
            Bencode::Dict(entries) => {
                out.push(b'd');
                for (k, v) in entries {
                    encode_bytes(k, out);
                    v.encode_to(out);
                }
                out.push(b'e');
            }
        }
    }

    /// The encoding of this value.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode_to(&mut out);
        out
    }

    /// Writes the encoding of this value to `w` (one write).
    pub fn write_to(&self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(&self.encode())
    }
}

fn encode_bytes(b: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(b.len().to_string().as_bytes());
    out.push(b':');
    out.extend_from_slice(b);
}

/// What a decoder accepts.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The most bytes one value may take on the wire.
    pub max_bytes: usize,
    /// The deepest nesting of lists and dictionaries.
    pub max_depth: usize,
}

impl Default for Limits {
    /// 32 MiB per message (a `load-file` of a large source file fits) and
    /// 64 levels of nesting (nREPL messages use two or three).
    fn default() -> Self {
        Limits {
            max_bytes: 32 << 20,
            max_depth: 64,
        }
    }
}

/// Why a value could not be decoded.
#[derive(Debug, thiserror::Error)]
pub enum BencodeError {
    /// The stream ended before the value did.
    #[error("the message ends before it is complete")]
    Truncated,
    /// A byte that cannot start or continue a value there.
    #[error("malformed bencode: unexpected byte {byte:?} at offset {offset}")]
    Unexpected {
        /// The byte.
        byte: char,
        /// Its offset in the message.
        offset: usize,
    },
    /// An integer or string length that is not a valid number.
    #[error("malformed bencode: bad number at offset {0}")]
    BadNumber(usize),
    /// A dictionary key that is not a byte string.
    #[error("malformed bencode: a dictionary key must be a string (offset {0})")]
    KeyNotString(usize),
    /// The value is larger than [`Limits::max_bytes`].
    #[error("message too large: more than {0} bytes")]
    TooLarge(usize),
    /// Lists and dictionaries nested deeper than [`Limits::max_depth`].
    #[error("message nested too deeply: more than {0} levels")]
    TooDeep(usize),
    /// Reading the stream failed.
    #[error("reading the connection failed: {0}")]
    Io(#[from] io::Error),
}

/// Reads bencoded values one after another from a byte stream.
pub struct Decoder<R> {
    input: R,
    limits: Limits,
    /// Bytes of the current value read so far.
    used: usize,
}

impl<R: BufRead> Decoder<R> {
    /// A decoder over `input` with `limits`.
    pub fn new(input: R, limits: Limits) -> Self {
        Decoder {
            input,
            limits,
            used: 0,
        }
    }

    /// The next value, or `None` when the stream ends cleanly between
    /// values.
    pub fn next_value(&mut self) -> Result<Option<Bencode>, BencodeError> {
        self.used = 0;
        if self.input.fill_buf()?.is_empty() {
            return Ok(None);
        }
        self.value(0).map(Some)
    }

    /// One byte, counted against the size limit.
    fn byte(&mut self) -> Result<u8, BencodeError> {
        let b = self.peek()?;
        self.input.consume(1);
        self.count(1)?;
        Ok(b)
    }

    fn peek(&mut self) -> Result<u8, BencodeError> {
        match self.input.fill_buf()?.first() {
            Some(&b) => Ok(b),
            None => Err(BencodeError::Truncated),
        }
    }

    fn count(&mut self, n: usize) -> Result<(), BencodeError> {
        self.used = self.used.saturating_add(n);
        if self.used > self.limits.max_bytes {
            return Err(BencodeError::TooLarge(self.limits.max_bytes));
        }
        Ok(())
    }

    fn unexpected(&self, byte: u8) -> BencodeError {
        BencodeError::Unexpected {
            byte: char::from(byte),
            offset: self.used.saturating_sub(1),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Bencode, BencodeError> {
        match self.peek()? {
            b'i' => {
                self.byte()?;
                let n = self.number(b'e')?;
                Ok(Bencode::Int(n))
            }
            b'0'..=b'9' => self.bytes().map(Bencode::Bytes),
            b'l' | b'd' if depth >= self.limits.max_depth => {
                Err(BencodeError::TooDeep(self.limits.max_depth))
            }
            b'l' => {
                self.byte()?;
                let mut items = Vec::new();
                while self.peek()? != b'e' {
                    items.push(self.value(depth + 1)?);
                }
                self.byte()?;
                Ok(Bencode::List(items))
            }
            b'd' => {
                self.byte()?;
                let mut entries = BTreeMap::new();
                while self.peek()? != b'e' {
                    if !self.peek()?.is_ascii_digit() {
                        return Err(BencodeError::KeyNotString(self.used));
                    }
                    let k = self.bytes()?;
                    let v = self.value(depth + 1)?;
                    entries.insert(k, v);
                }
                self.byte()?;
                Ok(Bencode::Dict(entries))
            }
            other => {
                self.byte()?;
                Err(self.unexpected(other))
            }
        }
    }

    /// Digits (an optional `-` first) up to `end`, as an `i64`.
    fn number(&mut self, end: u8) -> Result<i64, BencodeError> {
        let start = self.used;
        let mut text = String::new();
        loop {
            let b = self.byte()?;
            if b == end {
                break;
            }
            if !(b.is_ascii_digit() || (b == b'-' && text.is_empty())) || text.len() > 20 {
                return Err(BencodeError::BadNumber(start));
            }
            text.push(char::from(b));
        }
        text.parse().map_err(|_| BencodeError::BadNumber(start))
    }

    /// A byte string: its length, `:`, the bytes. The length is checked
    /// against the limit before anything is allocated for it.
    fn bytes(&mut self) -> Result<Vec<u8>, BencodeError> {
        let start = self.used;
        let len = self.number(b':')?;
        let len = usize::try_from(len).map_err(|_| BencodeError::BadNumber(start))?;
        self.count(len)?;
        let mut buf = Vec::with_capacity(len.min(1 << 16));
        let got = (&mut self.input).take(len as u64).read_to_end(&mut buf)?;
        if got < len {
            return Err(BencodeError::Truncated);
        }
        Ok(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decode(bytes: &[u8], limits: Limits) -> Result<Option<Bencode>, BencodeError> {
        Decoder::new(bytes, limits).next_value()
    }

    fn value() -> impl Strategy<Value = Bencode> {
        let leaf = prop_oneof![
            any::<i64>().prop_map(Bencode::Int),
            proptest::collection::vec(any::<u8>(), 0..20).prop_map(Bencode::Bytes),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..8).prop_map(Bencode::List),
                proptest::collection::btree_map(
                    proptest::collection::vec(any::<u8>(), 0..8),
                    inner,
                    0..8
                )
                .prop_map(Bencode::Dict),
            ]
        })
    }

    proptest! {
        #[test]
        fn decode_inverts_encode(v in value()) {
            let bytes = v.encode();
            let back = decode(&bytes, Limits::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(back, Some(v));
        }

        #[test]
        fn values_follow_each_other(a in value(), b in value()) {
            let mut bytes = a.encode();
            bytes.extend(b.encode());
            let mut d = Decoder::new(&bytes[..], Limits::default());
            prop_assert_eq!(d.next_value().ok().flatten(), Some(a));
            prop_assert_eq!(d.next_value().ok().flatten(), Some(b));
            prop_assert!(matches!(d.next_value(), Ok(None)));
        }

        #[test]
        fn every_proper_prefix_is_truncated(v in value()) {
            let bytes = v.encode();
            for cut in 1..bytes.len() {
                let r = decode(&bytes[..cut], Limits::default());
                prop_assert!(matches!(r, Err(BencodeError::Truncated)), "prefix {} gave {:?}", cut, r);
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut d = Decoder::new(&bytes[..], Limits { max_bytes: 100, max_depth: 8 });
            for _ in 0..10 {
                match d.next_value() {
                    Ok(Some(_)) => {}
                    _ => break,
                }
            }
        }

        #[test]
        fn values_over_the_limit_are_refused(v in value()) {
            let bytes = v.encode();
            let limit = bytes.len() - 1;
            let r = decode(&bytes, Limits { max_bytes: limit, max_depth: 64 });
            prop_assert!(matches!(r, Err(BencodeError::TooLarge(_))), "{:?}", r);
        }
    }

    #[test]
    fn known_encodings() {
        let mut d = BTreeMap::new();
        d.insert(b"op".to_vec(), Bencode::str("eval"));
        d.insert(b"code".to_vec(), Bencode::str("(+ 1 2)"));
        d.insert(b"n".to_vec(), Bencode::Int(-3));
        d.insert(
            b"l".to_vec(),
            Bencode::List(vec![Bencode::str("a"), Bencode::Int(0)]),
        );
        let bytes = b"d4:code7:(+ 1 2)1:ll1:ai0ee1:ni-3e2:op4:evale";
        assert_eq!(Bencode::Dict(d.clone()).encode(), bytes.to_vec());
        let back = decode(bytes, Limits::default()).ok().flatten();
        assert_eq!(back, Some(Bencode::Dict(d)));
    }

    #[test]
    fn malformed_input_is_an_error() {
        let l = Limits::default();
        assert!(matches!(decode(b"i12", l), Err(BencodeError::Truncated)));
        assert!(matches!(
            decode(b"x", l),
            Err(BencodeError::Unexpected { byte: 'x', .. })
        ));
        assert!(matches!(
            decode(b"di1ei2ee", l),
            Err(BencodeError::KeyNotString(_))
        ));
        assert!(matches!(decode(b"i-e", l), Err(BencodeError::BadNumber(_))));
        assert!(matches!(
            decode(b"i1-2e", l),
            Err(BencodeError::BadNumber(_))
        ));
        assert!(matches!(
            decode(b"i99999999999999999999e", l),
            Err(BencodeError::BadNumber(_))
        ));
        assert!(matches!(
            decode(b"3x:abc", l),
            Err(BencodeError::BadNumber(_))
        ));
        assert!(matches!(
            decode(b"-3:abc", l),
            Err(BencodeError::Unexpected { byte: '-', .. })
        ));
        assert!(matches!(decode(b"5:abc", l), Err(BencodeError::Truncated)));
        assert!(matches!(decode(b"", l), Ok(None)));
    }

    #[test]
    fn a_huge_declared_length_is_refused_before_reading() {
        // 100 MB declared, 3 bytes sent: refused at the length.
        let r = decode(b"d4:code100000000:abc", Limits::default());
        assert!(matches!(r, Err(BencodeError::TooLarge(_))), "{r:?}");
        let r = decode(b"99999999999999999999:", Limits::default());
        assert!(matches!(r, Err(BencodeError::BadNumber(_))), "{r:?}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let mut bytes = vec![b'l'; 100];
        bytes.extend(vec![b'e'; 100]);
        let r = decode(&bytes, Limits::default());
        assert!(matches!(r, Err(BencodeError::TooDeep(64))), "{r:?}");
        let mut ok = vec![b'l'; 64];
        ok.extend(vec![b'e'; 64]);
        assert!(decode(&ok, Limits::default()).is_ok());
    }
}
