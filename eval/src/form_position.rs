//! The source position of a form, for macros that report where they were
//! called (`clojure.test`'s `is` names the file and line of a failing
//! assertion). Evelisp keeps no metadata on lists, so `(meta &form)` has
//! no `:line`; the interpreter's side tables of positions do.

use crate::error::Position;
use crate::interp::Interp;
use evelisp_heap::Ref;

impl Interp<'_> {
    /// Where `form` was read (a list or vector of the source being
    /// evaluated, or of stored code being analyzed); for a form a macro
    /// made, while that macro's expansion is expanded, the position of the
    /// nearest macro call that has one. `None` when neither is known (a
    /// form built at run time).
    pub fn form_position(&self, form: Ref<'_>) -> Option<Position> {
        self.position_of(form.word())
            .or_else(|| self.source.macro_position.borrow().clone())
    }
}
