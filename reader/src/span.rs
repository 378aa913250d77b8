//! Source positions: byte-offset [`Span`]s on every form, and the
//! [`LineIndex`] that turns a byte offset into a 1-based line and column.

use std::fmt;

/// A half-open range of byte offsets `start..end` into the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` (inclusive) to `end` (exclusive).
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The smallest span that covers both `self` and `other`.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A 1-based line and column (the column counts characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineCol {
    /// Line number, starting at 1.
    pub line: u32,
    /// Column number in characters, starting at 1.
    pub column: u32,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Maps byte offsets of one source text to [`LineCol`] positions.
///
/// Built once per source in O(n); each lookup is a binary search over line
/// starts plus a character count within the line.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex {
            text,
            line_starts: line_starts(text),
        }
    }

    /// The line and column of byte `offset` (clamped to the text's length and
    /// rounded down to a character boundary).
    pub fn line_col(&self, offset: usize) -> LineCol {
        line_col_at(self.text, &self.line_starts, offset)
    }
}

/// The byte offsets where the lines of `text` start (what a [`LineIndex`]
/// holds), for a holder that owns the text and keeps them beside it.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i + 1),
    );
    starts
}

/// [`LineIndex::line_col`] over `text` and its [`line_starts`] kept apart.
pub fn line_col_at(text: &str, line_starts: &[usize], offset: usize) -> LineCol {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = line_starts.partition_point(|&s| s <= offset).max(1) - 1;
    let start = line_starts.get(line).copied().unwrap_or(0).min(offset);
    let column = text[start..offset].chars().count() + 1;
    LineCol {
        line: u32::try_from(line + 1).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}

/// A [`LineIndex`] built only when first asked for a position: reading
/// needs line and column only to report an error.
pub(crate) struct LazyLineIndex<'a> {
    text: &'a str,
    index: std::cell::OnceCell<LineIndex<'a>>,
}

impl<'a> LazyLineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> LazyLineIndex<'a> {
        LazyLineIndex {
            text,
            index: std::cell::OnceCell::new(),
        }
    }

    pub(crate) fn line_col(&self, offset: usize) -> LineCol {
        self.index
            .get_or_init(|| LineIndex::new(self.text))
            .line_col(offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let idx = LineIndex::new("ab\nλx\n\nz");
        assert_eq!(idx.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(2), LineCol { line: 1, column: 3 });
        assert_eq!(idx.line_col(3), LineCol { line: 2, column: 1 });
        // 'x' follows the two-byte 'λ' but is column 2.
        assert_eq!(idx.line_col(5), LineCol { line: 2, column: 2 });
        assert_eq!(idx.line_col(7), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_col(8), LineCol { line: 4, column: 1 });
        assert_eq!(idx.line_col(100), LineCol { line: 4, column: 2 });
        // Inside a multi-byte character rounds down.
        assert_eq!(idx.line_col(4), LineCol { line: 2, column: 1 });
    }
}
