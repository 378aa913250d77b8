//! The native integer `range` (`(range start end step)` of longs, step not
//! 0; the core library's `range` calls `-range-longs` for it): a lazy seq
//! realized [`RANGE_CHUNK`] numbers at a time by the native closure
//! `-range-chunk` over `[start end step]`, so any process realizes it the
//! same way.
//!
//! A range's numbers are a pure function of its `[start end step]`, so a
//! walk that meets an unrealized range seq ([`unrealized_range`]) may
//! compute them instead of realizing the cells, as Clojure's `LongRange`
//! reduces without making its chunks: `each_element` (reduce, into,
//! join, ...) and `map` over a range do. Nothing can tell: the seq left
//! unrealized gives the same numbers to whoever realizes it later, in
//! this process or another.

use crate::error::EvalResult;
use crate::error::arity;
use crate::interp::{CORE_NS, Interp};
use crate::native_registry::Args;
use crate::print::class_cast;
use evelisp_heap::{Ref, Value};

natives! {
    /// Internal: the lazy seq of the integers start, start+step, ... before end
    /// (step not 0), realized a chunk at a time.
    #[arglists = "([start end step])"]
    "-range-longs" => range_longs;
    /// Internal: the thunk of a range made by -range-longs (captured [start end
    /// step]): the next elements, then the lazy rest or nil.
    #[arglists = "([captured])"]
    "-range-chunk" => range_chunk;
}

/// How many elements a chunk of a range realizes at once.
pub(crate) const RANGE_CHUNK: usize = 32;

/// The numbers of a range of longs: `start, start + step, ...` while
/// before `end` (below it for a positive step, above it for a negative
/// one), ending early where the next number would overflow a long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LongRange {
    /// The first number (if it is before `end`).
    pub(crate) start: i64,
    /// The bound, never reached.
    pub(crate) end: i64,
    /// The difference between numbers.
    pub(crate) step: i64,
}

impl LongRange {
    /// Whether `x` is before the end.
    #[inline]
    fn before_end(&self, x: i64) -> bool {
        if self.step > 0 {
            x < self.end
        } else {
            x > self.end
        }
    }

    /// The next chunk: its numbers, up to [`RANGE_CHUNK`], pushed onto
    /// `items`, and the range after them, `None` when nothing is left.
    pub(crate) fn chunk(&self, items: &mut smallvec::SmallVec<[i64; 32]>) -> Option<LongRange> {
        let mut x = Some(self.start);
        let mut n = 0;
        while let Some(v) = x {
            if !self.before_end(v) || n == RANGE_CHUNK {
                break;
            }
            items.push(v);
            n += 1;
            x = v.checked_add(self.step);
        }
        match x {
            Some(next) if self.before_end(next) => Some(LongRange {
                start: next,
                ..*self
            }),
            _ => None,
        }
    }

    /// Calls `f` on each number in order until it gives false.
    pub(crate) fn each(&self, f: &mut dyn FnMut(i64) -> EvalResult<bool>) -> EvalResult<()> {
        let mut x = self.start;
        while self.before_end(x) && f(x)? {
            match x.checked_add(self.step) {
                Some(next) => x = next,
                None => break,
            }
        }
        Ok(())
    }

    /// The range of a captured `[start end step]`.
    fn of_captured(c: Ref<'_>) -> EvalResult<LongRange> {
        let long = |k: u64| -> EvalResult<i64> {
            let x = c.nth(k)?;
            x.as_i64().map_err(|_| class_cast("an integer", x))
        };
        Ok(LongRange {
            start: long(0)?,
            end: long(1)?,
            step: long(2)?,
        })
    }
}

/// `(-range-longs start end step)` for integers (step not 0): the lazy seq
/// of `start, start+step, ...` before `end`, realized [`RANGE_CHUNK`] at a
/// time by the native closure `-range-chunk` (its captured vector is
/// `[start end step]`, so another process realizes it the same way).
pub(crate) fn range_longs<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [start, end, step] = &args[..] else {
        return Err(arity("clojure.core/-range-longs", args.len()));
    };
    let captured = i
        .env
        .make_vector(&[start.borrowed(), end.borrowed(), step.borrowed()])?;
    range_seq(i, captured)
}

/// A lazy seq over the native closure `-range-chunk` of `captured`.
fn range_seq<'e>(i: &Interp<'e>, captured: Value<'e>) -> EvalResult<Value<'e>> {
    let thunk = i.native_closure("-range-chunk", captured.borrowed())?;
    Ok(i.env.make_lazy_seq(thunk.borrowed())?)
}

/// The unrealized lazy seq of range `r` (what `-range-longs` makes).
pub(crate) fn long_range_seq<'e>(i: &Interp<'e>, r: LongRange) -> EvalResult<Value<'e>> {
    let env = i.env;
    let captured = env.make_vector(&[
        env.make_int(r.start)?.borrowed(),
        env.make_int(r.end)?.borrowed(),
        env.make_int(r.step)?.borrowed(),
    ])?;
    range_seq(i, captured)
}

/// The thunk of a range's lazy seq: `([start end step])` → the next
/// elements as seq conses, ending in the lazy seq of the rest (or nil).
pub(crate) fn range_chunk<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [captured] = &args[..] else {
        return Err(arity("clojure.core/-range-chunk", args.len()));
    };
    let r = LongRange::of_captured(captured.borrowed())?;
    let mut items = smallvec::SmallVec::new();
    let env = i.env;
    let mut tail = match r.chunk(&mut items) {
        Some(rest) => long_range_seq(i, rest)?,
        None => Value::nil(env),
    };
    for v in items.into_iter().rev() {
        tail = env.seq_cons(env.make_int(v)?.borrowed(), tail.borrowed())?;
    }
    Ok(tail)
}

/// The range whose numbers the lazy seq `s` would give, if `s` is a range
/// seq of `-range-longs` (or the rest of one) that is not realized yet;
/// `None` for any other value, and for a range seq already realized (its
/// cells are then walked as they are). The caller may compute the
/// numbers instead of realizing `s` (see the module docs).
pub(crate) fn unrealized_range(i: &Interp<'_>, s: Ref<'_>) -> EvalResult<Option<LongRange>> {
    // Taken with a count: a realizer may clear the thunk meanwhile, and
    // then the numbers are still those of its captured vector.
    let name = range_chunk_name(i)?;
    let Some(thunk) = s.lazy_thunk_with_body(&i.p, name.word())? else {
        return Ok(None);
    };
    // The whole test of a native fn object (its code's aux a keyword).
    if !crate::native_object::is_native_named(thunk.borrowed(), name.borrowed())? {
        return Ok(None);
    }
    let (_, captured, _) = i.env.fn_parts(thunk.borrowed())?;
    // A captured vector not of three longs: left to realizing, which
    // reports it.
    Ok(LongRange::of_captured(captured).ok())
}

/// The word of the symbol `clojure.core/-range-chunk`, the body of the
/// code of a range's thunk (a native fn object names its native so,
/// `native_object.rs`), interned once per interpreter: a walk compares it
/// with the thunk of every unrealized lazy seq it meets.
fn range_chunk_name<'e>(i: &Interp<'e>) -> EvalResult<Value<'e>> {
    if let Some(name) = i.caches.range_chunk_name.get() {
        return Ok(name.clone());
    }
    let name = i.env.intern_symbol(Some(CORE_NS), "-range-chunk")?;
    Ok(i.caches.range_chunk_name.get_or_init(|| name).clone())
}
