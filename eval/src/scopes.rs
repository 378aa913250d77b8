//! The analyzer's scopes: the context of each function being analyzed
//! ([`FnCx`]: its locals and slots, what it captures, where `recur` goes)
//! and the lookup of a local from the innermost function outwards, which
//! records a capture in every function it crosses.

use crate::error::EvalResult;
use crate::node::Node;
use evelisp_heap::{Env, Ref, Value, Word};

/// The analysis context of one function (or of the top level).
pub(crate) struct FnCx<'e> {
    /// Symbol → slot, innermost last.
    pub(crate) locals: Vec<(Word, usize)>,
    pub(crate) next_slot: usize,
    pub(crate) max_slot: usize,
    /// The function's own name.
    pub(crate) self_name: Option<Word>,
    /// Captured symbols, in order, with how the enclosing context gets them.
    pub(crate) captures: Vec<Value<'e>>,
    pub(crate) capture_nodes: Vec<ParentRef>,
    /// Analysis of stored code: the captures are given, nothing else is.
    pub(crate) fixed: bool,
    /// The slots `recur` rebinds, if `recur` may appear here.
    pub(crate) recur_target: Option<Vec<usize>>,
    /// The first `siblings` captures are the fns of this function's
    /// `letfn*` group (0 for a plain `fn*`).
    pub(crate) siblings: usize,
}

/// The contexts of the functions being analyzed, innermost last.
pub(crate) struct Scopes<'e> {
    pub(crate) frames: Vec<FnCx<'e>>,
}

/// How an enclosing context reads a captured local.
#[derive(Clone, Copy)]
pub(crate) enum ParentRef {
    Local(usize),
    Captured(usize),
    Sibling(usize),
    SelfFn,
}

impl ParentRef {
    pub(crate) fn node<'e>(self) -> Node<'e> {
        match self {
            ParentRef::Local(s) => Node::Local(s),
            ParentRef::Captured(i) => Node::Captured(i),
            ParentRef::Sibling(j) => Node::Sibling(j),
            ParentRef::SelfFn => Node::SelfFn,
        }
    }
}

impl<'e> FnCx<'e> {
    pub(crate) fn new() -> FnCx<'e> {
        FnCx {
            locals: Vec::new(),
            next_slot: 0,
            max_slot: 0,
            self_name: None,
            captures: Vec::new(),
            capture_nodes: Vec::new(),
            fixed: false,
            recur_target: None,
            siblings: 0,
        }
    }

    pub(crate) fn bind(&mut self, sym: Word) -> usize {
        let slot = self.next_slot;
        self.next_slot += 1;
        self.max_slot = self.max_slot.max(self.next_slot);
        self.locals.push((sym, slot));
        slot
    }
}

impl<'e> Scopes<'e> {
    pub(crate) fn top(&mut self) -> &mut FnCx<'e> {
        // There is always at least the top-level context.
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    /// Resolves local `sym` (a symbol) from the innermost context outwards,
    /// recording a capture in every function it crosses.
    pub(crate) fn lookup(&mut self, env: &'e Env, sym: Ref<'_>) -> EvalResult<Option<ParentRef>> {
        lookup_in(env, &mut self.frames, sym)
    }
}

fn lookup_in<'e>(
    env: &'e Env,
    frames: &mut [FnCx<'e>],
    sym: Ref<'_>,
) -> EvalResult<Option<ParentRef>> {
    let Some((cx, outer)) = frames.split_last_mut() else {
        return Ok(None);
    };
    let w = sym.word();
    if let Some(&(_, slot)) = cx.locals.iter().rev().find(|(s, _)| *s == w) {
        return Ok(Some(ParentRef::Local(slot)));
    }
    if cx.self_name == Some(w) {
        return Ok(Some(ParentRef::SelfFn));
    }
    if let Some(i) = cx.captures.iter().position(|s| s.word() == w) {
        if i < cx.siblings {
            return Ok(Some(ParentRef::Sibling(i)));
        }
        return Ok(Some(ParentRef::Captured(i)));
    }
    if cx.fixed {
        return Ok(None);
    }
    let Some(from_outer) = lookup_in(env, outer, sym)? else {
        return Ok(None);
    };
    cx.captures.push(env.own(sym)?);
    cx.capture_nodes.push(from_outer);
    Ok(Some(ParentRef::Captured(cx.captures.len() - 1)))
}
