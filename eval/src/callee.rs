//! A fn that a native calls once per element (the step of `reduce`, the
//! `f` of a `map` walked in place): [`Interp::callee`] looks at it once —
//! a core native (and the inlined operation its small-integer result is,
//! `prim_op.rs`), a compiled fn with its analysis, or anything else — and
//! [`Interp::call_callee`] then calls it without the lookups
//! [`Interp::apply`] makes on every call (its call site's caches, the fn's
//! parts in the file). What each call means is `apply`'s.

use crate::error::EvalResult;
use crate::interp::Interp;
use crate::native_handle::NativeImpl;
use crate::native_registry::Args;
use crate::node::FnCode;
use crate::prim_op::PrimOp;
use evelisp_heap::{Kind, Ref, Value};
use std::rc::Rc;

/// A fn resolved for many calls (see the module comment).
pub(crate) struct Callee<'c, 'e> {
    f: Ref<'c>,
    how: How<'c, 'e>,
}

/// How a [`Callee`] is called.
enum How<'c, 'e> {
    /// A native without captured values; `ops` are the inlined operations
    /// its calls with one and with two arguments are, if any.
    Native {
        native: NativeImpl,
        ops: [Option<PrimOp>; 2],
    },
    /// A compiled fn: its captured values and its analysis.
    Compiled {
        captured: Ref<'c>,
        analysis: Rc<FnCode<'e>>,
    },
    /// Anything else (a keyword, a map, a var, a native closure...).
    Apply,
}

impl<'e> Interp<'e> {
    /// `f` resolved for many calls.
    pub(crate) fn callee<'c>(&self, f: Ref<'c>) -> EvalResult<Callee<'c, 'e>> {
        let apply = Callee { f, how: How::Apply };
        if !matches!(f.kind()?, Some(Kind::Fn)) {
            return Ok(apply);
        }
        let env = self.env;
        let (code, captured, _) = env.fn_parts(f)?;
        let (body, aux, _) = env.code_parts(code)?;
        if aux.word() != self.sym.native {
            let analysis = self.code_analysis(code)?;
            return Ok(Callee {
                f,
                how: How::Compiled { captured, analysis },
            });
        }
        if !captured.is_nil() {
            return Ok(apply);
        }
        let native = self.resolve_native(code, body)?;
        let ops = if matches!(native, NativeImpl::Core(_)) {
            let name = crate::print::symbol_text(body);
            let short = name.strip_prefix("clojure.core/").unwrap_or(&name);
            [PrimOp::for_native(short, 1), PrimOp::for_native(short, 2)]
        } else {
            [None, None]
        };
        Ok(Callee {
            f,
            how: How::Native { native, ops },
        })
    }

    /// Calls `c` with the `N` values `values`, as `apply` would: a
    /// compiled fn gets them straight in its frame's vector (no small
    /// vector of arguments moved into it).
    #[inline]
    pub(crate) fn call_callee_with<const N: usize>(
        &self,
        c: &Callee<'_, 'e>,
        values: [Value<'e>; N],
    ) -> EvalResult<Value<'e>> {
        if let How::Compiled { captured, analysis } = &c.how {
            let mut slots = self.take_slots(N);
            slots.reserve(N);
            for v in values {
                slots.push(v);
            }
            return self.call_analyzed(c.f, *captured, analysis, slots);
        }
        let mut args = Args::new();
        for v in values {
            args.push(v);
        }
        self.call_callee(c, args)
    }

    /// Calls `c` with `args`, as `apply` would.
    pub(crate) fn call_callee(&self, c: &Callee<'_, 'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
        match &c.how {
            How::Native { native, ops } => {
                let op = match args.len() {
                    1 => ops[0],
                    2 => ops[1],
                    _ => None,
                };
                if let Some(op) = op
                    && let Some(v) = crate::prims::fast_native(self, op, &args)
                {
                    return Ok(v);
                }
                if !native.is_current() {
                    return self.apply(c.f, args);
                }
                self.call_native(native, c.f, args)
            }
            How::Compiled { captured, analysis } => {
                self.call_analyzed(c.f, *captured, analysis, self.slots_of_args(args))
            }
            How::Apply => self.apply(c.f, args),
        }
    }
}
