//! Where the code being evaluated came from ([`SourceContext`]): the
//! file and text of the current evaluation, the positions of the lists
//! and vectors read from it (`form_to_value.rs` records them), the
//! positions of stored code being analyzed (`code_positions.rs`), the
//! macro call whose expansion is being expanded, and the metadata written
//! on names in the current top-level form (`var_meta.rs`). Turns a form
//! into the `file:line:column` errors show.

use crate::error::Position;
use crate::form_to_value::Positions;
use evelisp_heap::Word;
use evelisp_reader::{LineIndex, Span};
use std::cell::RefCell;
use std::collections::HashMap;

/// Where the form being evaluated came from: its file and text, to turn
/// byte spans into line:column.
pub(crate) struct Source {
    pub(crate) file: Option<String>,
    pub(crate) text: String,
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
        let lc = LineIndex::new(&source.text).line_col(span.start);
        Some(Position {
            file: source.file.clone(),
            line: lc.line,
            column: lc.column,
        })
    }
}
