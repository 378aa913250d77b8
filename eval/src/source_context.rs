//! Where the code being evaluated came from ([`SourceContext`]): the
//! file and text of the current evaluation, the positions of the lists
//! and vectors read from it ([`Positions`]; `form_to_value.rs` records
//! them), the
//! positions of stored code being analyzed (`code_positions.rs`), the
//! macro call whose expansion is being expanded, and the metadata written
//! on names in the current top-level form (`var_meta.rs`). Turns a form
//! into the `file:line:column` errors show.

use crate::error::Position;
use evelisp_heap::Word;
use evelisp_reader::Span;
use std::cell::RefCell;
use std::collections::HashMap;

/// Where the form being evaluated came from: its file and text, to turn
/// byte spans into line:column.
pub(crate) struct Source {
    pub(crate) file: Option<String>,
    pub(crate) text: String,
    /// The text's line starts, found when a position is first asked for
    /// (a file's every `defn` asks for one: not a pass over the text each).
    pub(crate) line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl Source {
    /// The source of `text` read from `file`.
    pub(crate) fn new(file: Option<String>, text: String) -> Source {
        Source {
            file,
            text,
            line_starts: std::cell::OnceCell::new(),
        }
    }
}

/// Where the code being evaluated came from (see the module docs).
#[derive(Default)]
pub(crate) struct SourceContext {
    /// The positions of the forms read in the current evaluation.
    pub(crate) positions: RefCell<Positions>,
    /// The file and text of the current evaluation.
    pub(crate) source: RefCell<Option<Source>>,
    /// While a macro's expansion is expanded: the position of the macro
    /// call, for forms the macro made (a `def` made by `defn` records it).
    pub(crate) macro_position: RefCell<Option<Position>>,
    /// The metadata written on names in the current top-level form, by
    /// name (`var_meta.rs`).
    pub(crate) pending_meta: RefCell<HashMap<String, evelisp_reader::Form>>,
    /// Positions of the lists of stored code being analyzed (from its
    /// position table: `code_positions.rs`).
    pub(crate) code_positions: RefCell<HashMap<Word, Position>>,
}

impl SourceContext {
    /// The source position of a heap form read in the current evaluation,
    /// if known.
    pub(crate) fn position_of(&self, form: Word) -> Option<Position> {
        if let Some(p) = self.code_positions.borrow().get(&form) {
            return Some(p.clone());
        }
        let span = self.positions.borrow().get(form)?;
        self.position_of_span(span)
    }

    /// Gives the form `to` the source position of `from`, if it has one
    /// (lists and vectors rebuilt by expansion).
    pub(crate) fn copy_position(&self, from: Word, to: Word) {
        if from == to || to.as_object().is_none() {
            return;
        }
        let mut positions = self.positions.borrow_mut();
        if let Some(span) = positions.get(from) {
            positions.insert(to, span);
        }
    }

    pub(crate) fn position_of_span(&self, span: Span) -> Option<Position> {
        let source = self.source.borrow();
        let source = source.as_ref()?;
        let starts = source
            .line_starts
            .get_or_init(|| evelisp_reader::line_starts(&source.text));
        let lc = evelisp_reader::line_col_at(&source.text, starts, span.start);
        Some(Position {
            file: source.file.clone(),
            line: lc.line,
            column: lc.column,
        })
    }
}

/// Where lists and vectors came from: a process-local table from a heap
/// object's [`Word`] to the [`Span`] (byte offsets into the source text;
/// turn them into line and column with [`evelisp_reader::LineIndex`]) of
/// the form it was converted from. Error messages about a form being
/// evaluated look its position up here.
///
/// A word is plain data, not a handle: an entry is meaningful only while
/// the value it was recorded for is alive. Once that value is freed its
/// offset may be reused by an unrelated object, which would then seem to
/// have the old position; drop or [`clear`](Positions::clear) the table
/// together with the converted values. Immediates (`()` in particular, the
/// one word of every empty list) are never recorded.
#[derive(Debug, Default, Clone)]
pub struct Positions {
    spans: HashMap<Word, Span>,
}

impl Positions {
    /// An empty table.
    pub fn new() -> Positions {
        Positions::default()
    }

    /// The source span of the list or vector `word`, if it was recorded.
    pub fn get(&self, word: Word) -> Option<Span> {
        self.spans.get(&word).copied()
    }

    /// Records that object `word` was read from `span` (a later record of
    /// the same word wins). Immediates are ignored.
    pub fn insert(&mut self, word: Word, span: Span) {
        if word.as_object().is_some() {
            self.spans.insert(word, span);
        }
    }

    /// Forgets `word`.
    pub fn remove(&mut self, word: Word) -> Option<Span> {
        self.spans.remove(&word)
    }

    /// The number of recorded words.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.spans.clear();
    }
}
