//! The character encodings of a process's text: what `:in-enc` encodes a
//! string input with and what `:out-enc`/`:err-enc` decode captured
//! output with, as Java's charsets of those names do (an unmappable
//! character encodes as `?`, an undecodable byte sequence decodes as
//! U+FFFD); `:bytes` leaves output as a byte array.

use crate::error::{EvalError, EvalErrorKind, EvalResult};

/// An encoding of process text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8.
    Utf8,
    /// ISO-8859-1: one character per byte.
    Latin1,
    /// US-ASCII: seven bits.
    Ascii,
    /// UTF-16: big-endian unless a byte-order mark says otherwise;
    /// encoding writes the mark.
    Utf16,
    /// UTF-16BE, no mark.
    Utf16Be,
    /// UTF-16LE, no mark.
    Utf16Le,
    /// Output as a byte array (`:out-enc :bytes`).
    Bytes,
}

impl Encoding {
    /// The encoding Java's charset `name` is (names compared as Java
    /// does, ignoring case; common aliases too).
    pub(crate) fn named(name: &str) -> EvalResult<Encoding> {
        Ok(match name.to_ascii_uppercase().replace('_', "-").as_str() {
            "UTF-8" | "UTF8" => Encoding::Utf8,
            "ISO-8859-1" | "ISO8859-1" | "LATIN1" | "ISO-LATIN-1" => Encoding::Latin1,
            "US-ASCII" | "ASCII" => Encoding::Ascii,
            "UTF-16" | "UTF16" => Encoding::Utf16,
            "UTF-16BE" => Encoding::Utf16Be,
            "UTF-16LE" => Encoding::Utf16Le,
            _ => {
                return Err(EvalError::new(EvalErrorKind::Io(format!(
                    "{name} (evelisp knows UTF-8, ISO-8859-1, US-ASCII, UTF-16, UTF-16BE, UTF-16LE)"
                ))));
            }
        })
    }

    /// `text` as bytes.
    pub(crate) fn encode(self, text: &str) -> Vec<u8> {
        let narrow = |max: u32| {
            text.chars()
                .map(|c| {
                    u8::try_from(u32::from(c))
                        .ok()
                        .filter(|&b| u32::from(b) <= max)
                })
                .map(|b| b.unwrap_or(b'?'))
                .collect()
        };
        let wide = |big: bool, mark: bool| {
            let mut out = Vec::new();
            if mark {
                out.extend_from_slice(&[0xFE, 0xFF]);
            }
            for unit in text.encode_utf16() {
                let b = if big {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                };
                out.extend_from_slice(&b);
            }
            out
        };
        match self {
            Encoding::Utf8 | Encoding::Bytes => text.as_bytes().to_vec(),
            Encoding::Latin1 => narrow(0xFF),
            Encoding::Ascii => narrow(0x7F),
            Encoding::Utf16 => wide(true, true),
            Encoding::Utf16Be => wide(true, false),
            Encoding::Utf16Le => wide(false, false),
        }
    }

    /// `bytes` as text.
    pub(crate) fn decode(self, bytes: &[u8]) -> String {
        let wide = |bytes: &[u8], big: bool| {
            let units = bytes.chunks_exact(2).map(|p| {
                if big {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                }
            });
            let mut s: String = char::decode_utf16(units)
                .map(|c| c.unwrap_or('\u{FFFD}'))
                .collect();
            if bytes.len() % 2 == 1 {
                s.push('\u{FFFD}');
            }
            s
        };
        match self {
            Encoding::Utf8 | Encoding::Bytes => String::from_utf8_lossy(bytes).into_owned(),
            Encoding::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
            Encoding::Ascii => bytes
                .iter()
                .map(|&b| if b < 0x80 { char::from(b) } else { '\u{FFFD}' })
                .collect(),
            Encoding::Utf16 => match bytes {
                [0xFE, 0xFF, rest @ ..] => wide(rest, true),
                [0xFF, 0xFE, rest @ ..] => wide(rest, false),
                _ => wide(bytes, true),
            },
            Encoding::Utf16Be => wide(bytes, true),
            Encoding::Utf16Le => wide(bytes, false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_round_trip_and_replace_what_they_cannot_hold() {
        assert_eq!(Encoding::Latin1.encode("é€"), vec![0xE9, b'?']);
        assert_eq!(Encoding::Ascii.encode("aé"), vec![b'a', b'?']);
        assert_eq!(Encoding::Utf16.encode("a"), vec![0xFE, 0xFF, 0, b'a']);
        assert_eq!(Encoding::Utf16Le.decode(&[b'a', 0]), "a");
        assert_eq!(Encoding::Utf16.decode(&[0xFF, 0xFE, b'a', 0]), "a");
        assert_eq!(Encoding::Utf16.decode(b"\n"), "\u{FFFD}");
        assert_eq!(Encoding::Ascii.decode(&[b'a', 0xE9]), "a\u{FFFD}");
        assert_eq!(Encoding::Latin1.decode(&[0xC3, 0xA9]), "Ã©");
        assert!(Encoding::named("KOI8-R").is_err());
        assert_eq!(Encoding::named("utf-8").ok(), Some(Encoding::Utf8));
    }
}
