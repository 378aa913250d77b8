//! Room on the Rust stack for a call. Deep recursion in Lisp is deep
//! recursion in Rust: each call checks that at least [`RED_ZONE`] bytes
//! are left and otherwise runs on a new stack segment (`stacker`), so only
//! the `MAX_DEPTH` limit (`run.rs`) ends a deep recursion, never a native
//! stack overflow. Asking `stacker` costs a thread-local lookup per call;
//! instead the thread remembers the address below which room runs out
//! (its *floor*, known once `stacker` has been asked on this stack
//! segment) and a call compares the address of one of its locals with it.

use crate::interp::Interp;

/// The room a call needs before it runs: enough for the deepest chain of
/// nested compiled nodes between two calls.
const RED_ZONE: usize = 256 * 1024;
/// The size of a new stack segment.
const SEGMENT: usize = 4 * 1024 * 1024;

impl<'e> Interp<'e> {
    /// Whether at least [`RED_ZONE`] bytes of stack are known to be left
    /// (if not, [`Interp::make_stack_room`] finds out).
    #[inline(always)]
    pub(crate) fn has_stack_room(&self) -> bool {
        let here = 0u8;
        // The stack grows downwards on every target evelisp builds for.
        (std::ptr::addr_of!(here) as usize) > self.thread.stack_floor.get()
    }

    /// Runs `f` with at least [`RED_ZONE`] bytes of stack left, when
    /// [`Interp::has_stack_room`] does not know it: asks `stacker` how much
    /// is left, remembers the floor of this segment, and runs `f` here or
    /// on a new segment (whose floor holds while `f` runs there).
    #[inline(never)]
    pub(crate) fn make_stack_room<T>(&self, f: impl FnOnce() -> T) -> T {
        let floor = &self.thread.stack_floor;
        let here = 0u8;
        let sp = std::ptr::addr_of!(here) as usize;
        match stacker::remaining_stack() {
            Some(left) if left >= RED_ZONE => {
                floor.set(sp - left + RED_ZONE);
                f()
            }
            Some(_) => {
                let outer = floor.get();
                let result = stacker::grow(SEGMENT, || {
                    let here = 0u8;
                    let sp = std::ptr::addr_of!(here) as usize;
                    floor.set(match stacker::remaining_stack() {
                        Some(left) if left >= RED_ZONE => sp - left + RED_ZONE,
                        _ => usize::MAX,
                    });
                    f()
                });
                floor.set(outer);
                result
            }
            // Not known on this platform: ask every time.
            None => stacker::maybe_grow(RED_ZONE, SEGMENT, f),
        }
    }
}
