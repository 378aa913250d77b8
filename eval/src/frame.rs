//! The frame of a running function call (or top-level form): its local
//! slots, the running closure, and whether its tail asked to `recur`.
//! Compiled code (`compile/`) reads and writes frames; `run.rs` makes them.

use evelisp_heap::{Ref, Value};

/// The running function: its object, its captured values and its analysis.
pub(crate) struct Closure<'a, 'e> {
    /// The fn object.
    pub f: Ref<'a>,
    /// Its vector of captured values (nil when it captures nothing).
    pub captured: Ref<'a>,
    /// The fn's analysis, for a call of the running fn by its own name
    /// (borrowed from the call: no count of it taken per call).
    pub analysis: &'a std::rc::Rc<crate::node::FnCode<'e>>,
}

/// A frame: the slots of one function call (or of a top-level form).
pub(crate) struct Frame<'a, 'e> {
    /// The local slots (parameters first).
    pub slots: Vec<Value<'e>>,
    /// The running closure (none at the top level).
    pub closure: Option<Closure<'a, 'e>>,
    /// Set by a `recur`, which has already stored its values in the
    /// target's slots; the `loop*` or call that repeats clears it.
    pub recur: bool,
}
