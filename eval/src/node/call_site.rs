//! A call site's run-time state: where the call is written (for error
//! positions), the root of the var it calls through, and inline caches of
//! the native, of the compiled fn and of the closure's code it called last
//! (`run.rs` fills and reads them; `analyze.rs` makes one per call in the
//! tree).

use crate::error::Position;
use crate::node::FnCode;
use evelisp_heap::Value;
use std::rc::Rc;

/// A call site: where it is written, the root of the var it calls through
/// (when its head is a var), and inline caches of the native and of the
/// compiled fn without captured values it called last. The cached fn
/// objects are held (so their words cannot be reused for other objects
/// while cached) behind an `Rc`, which a call clones (a process-local
/// count) to keep its fn alive without touching the fn's count in the file.
pub(crate) struct CallSite<'e> {
    /// Where the call is written, if known.
    pub position: Option<Position>,
    /// The root of the head's var, for a call through a var.
    pub var_root: Option<evelisp_heap::Root<'e>>,
    /// The bound-vars filter bits of that var (`dynamic.rs`), computed
    /// once: a call checks the thread has not bound it with one AND.
    pub var_bits: u64,
    /// The native fn object (without captured values) this site called
    /// last, and what it resolved to.
    pub native: std::cell::RefCell<Option<CachedNative<'e>>>,
    /// The compiled fn without captured values this site called last, and
    /// its analysis: calling it again reads nothing of it from the file.
    pub compiled: std::cell::RefCell<Option<CachedFn<'e>>>,
    /// The code object of the closure (a compiled fn with captured
    /// values) this site called last, and its analysis: a call of any
    /// closure made from that code finds its analysis here, not by a
    /// lookup in the interpreter's table. The code object is held, so its
    /// word names it while cached; the closures themselves are not (what
    /// they captured is freed when they are).
    pub code: std::cell::RefCell<Option<CachedFn<'e>>>,
}

/// A call site's cached native: the fn object and what it resolved to.
pub(crate) type CachedNative<'e> = Rc<(Value<'e>, crate::native_handle::NativeImpl)>;

/// A call site's cached compiled fn: the fn object and its analysis.
pub(crate) type CachedFn<'e> = Rc<(Value<'e>, Rc<FnCode<'e>>)>;

impl<'e> CallSite<'e> {
    /// The cached native, if it is the fn object with word `f` (and, for a
    /// host native, the registry has not changed since).
    #[inline]
    pub(crate) fn native_for(&self, f: evelisp_heap::Word) -> Option<CachedNative<'e>> {
        match &*self.native.borrow() {
            Some(c) if c.0.word() == f && c.1.is_current() => Some(c.clone()),
            _ => None,
        }
    }

    /// A call site with empty caches.
    pub(crate) fn new(
        position: Option<Position>,
        var_root: Option<evelisp_heap::Root<'e>>,
        var_bits: u64,
    ) -> CallSite<'e> {
        CallSite {
            position,
            var_root,
            var_bits,
            native: std::cell::RefCell::new(None),
            compiled: std::cell::RefCell::new(None),
            code: std::cell::RefCell::new(None),
        }
    }

    /// The cached closure code and its analysis, if it is the code object
    /// with word `code`.
    #[inline]
    pub(crate) fn code_for(&self, code: evelisp_heap::Word) -> Option<CachedFn<'e>> {
        match &*self.code.borrow() {
            Some(c) if c.0.word() == code => Some(c.clone()),
            _ => None,
        }
    }

    /// The cached compiled fn, if it is the fn object with word `f`.
    #[inline]
    pub(crate) fn compiled_for(&self, f: evelisp_heap::Word) -> Option<CachedFn<'e>> {
        match &*self.compiled.borrow() {
            Some(c) if c.0.word() == f => Some(c.clone()),
            _ => None,
        }
    }
}
