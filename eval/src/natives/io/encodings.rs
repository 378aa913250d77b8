//! The `:encoding` option of `slurp`, `spit`, `clojure.java.io/reader`,
//! `writer` and `copy`: evelisp's text is UTF-8 inside; a file's bytes in
//! UTF-8, ISO-8859-1 (Latin-1) or US-ASCII are decoded and encoded as
//! Java's charsets do (a byte US-ASCII lacks reads as U+FFFD, a character
//! the charset lacks writes as `?`). Another encoding is an error naming it.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use evelisp_heap::{Value, View};
use std::io::Write;

/// A charset evelisp reads and writes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Encoding {
    /// UTF-8 (the default): invalid bytes read as U+FFFD.
    Utf8,
    /// ISO-8859-1: one byte per character up to U+00FF.
    Latin1,
    /// US-ASCII: seven bits.
    Ascii,
}

impl Encoding {
    /// The charset named `name` (Java's names and aliases, any case).
    pub(crate) fn named(name: &str) -> EvalResult<Encoding> {
        match name.to_ascii_uppercase().replace('_', "-").as_str() {
            "UTF-8" | "UTF8" => Ok(Encoding::Utf8),
            "ISO-8859-1" | "ISO8859-1" | "LATIN1" | "ISO-LATIN-1" | "8859-1" | "CP819" => {
                Ok(Encoding::Latin1)
            }
            "US-ASCII" | "ASCII" | "ISO646-US" => Ok(Encoding::Ascii),
            _ => Err(EvalError::new(EvalErrorKind::UnsupportedOperation(
                format!("encoding {name}: evelisp reads and writes UTF-8, ISO-8859-1 and US-ASCII"),
            ))),
        }
    }

    /// The text of `bytes` in this charset.
    pub(crate) fn decode(self, bytes: &[u8]) -> String {
        match self {
            Encoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            Encoding::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
            Encoding::Ascii => bytes
                .iter()
                .map(|&b| if b < 0x80 { char::from(b) } else { '\u{fffd}' })
                .collect(),
        }
    }

    /// The bytes of `text` in this charset.
    pub(crate) fn encode(self, text: &str) -> Vec<u8> {
        let limit = match self {
            Encoding::Utf8 => return text.as_bytes().to_vec(),
            Encoding::Latin1 => 0xFF,
            Encoding::Ascii => 0x7F,
        };
        text.chars()
            .map(|c| {
                u8::try_from(u32::from(c))
                    .ok()
                    .filter(|&b| u32::from(b) <= limit)
            })
            .map(|b| b.unwrap_or(b'?'))
            .collect()
    }
}

/// The `:encoding` of the keyword/value options `opts` (UTF-8 if none).
pub(crate) fn encoding_option(opts: &[Value<'_>]) -> EvalResult<Encoding> {
    for pair in opts.chunks(2) {
        if let [k, v] = pair
            && let View::Keyword {
                ns: None,
                name: "encoding",
            } = k.borrowed().view()?
        {
            return match v.borrowed().view()? {
                View::Str(name) => Encoding::named(name),
                View::Nil => Ok(Encoding::Utf8),
                _ => Err(EvalError::new(EvalErrorKind::IllegalArgument(
                    ":encoding takes a charset name (a string)".into(),
                ))),
            };
        }
    }
    Ok(Encoding::Utf8)
}

/// A writer taking UTF-8 text (whole strings, as evelisp writes them) and
/// writing it to `inner` in `encoding`.
pub(crate) struct Encoder<W: Write> {
    /// Where the encoded bytes go.
    pub(crate) inner: W,
    /// The charset of those bytes.
    pub(crate) encoding: Encoding,
}

impl<W: Write> Write for Encoder<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.inner.write_all(&self.encoding.encode(&text))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::Encoding;

    #[test]
    fn charsets_round_trip_as_java_s() {
        let latin1 = Encoding::named("iso-8859-1").ok();
        assert_eq!(latin1, Some(Encoding::Latin1));
        assert_eq!(Encoding::Latin1.encode("héllo€"), b"h\xe9llo?".to_vec());
        assert_eq!(Encoding::Latin1.decode(b"h\xe9llo"), "héllo");
        assert_eq!(Encoding::Ascii.decode(b"a\xe9"), "a\u{fffd}");
        assert_eq!(Encoding::Ascii.encode("aé"), b"a?".to_vec());
        assert!(Encoding::named("EBCDIC").is_err());
    }
}
