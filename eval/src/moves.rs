//! Last uses of locals. A read of a local after which nothing can read its
//! slot again before the slot is bound anew becomes `Node::MoveLocal`: it
//! takes the value out of the slot instead of copying it. The value then
//! has one holder fewer, so a collection that only the running code holds
//! reaches `conj`/`assoc` with a single count and is extended in place
//! (`(reduce (fn [acc x] (conj acc x)) [] xs)`, `(recur (assoc m k v))`).
//!
//! The analysis is a backward liveness pass over one frame's tree, in
//! evaluation order reversed. It is conservative where control is not a
//! tree: a slot bound outside a `loop*` and read inside it is live in the
//! whole loop (the next iteration reads it again), `recur` continues with
//! what is live at the loop's head, and nothing inside a `try` moves (a
//! `catch` or `finally` may read what the body read); every slot a `try`
//! reads is live before it.

use crate::node::Node;
use std::collections::HashSet;

type Slots = HashSet<usize>;

/// Marks the last uses in the tree of one frame (a function arity's body
/// or a top-level form).
pub(crate) fn mark_moves(body: &mut Node<'_>) {
    let mut live = Slots::new();
    let mut loops = Vec::new();
    mark(body, &mut live, &mut loops);
}

/// `live` is what may be read after `node`; on return, what may be read
/// before it. `loops` holds the live set at the head of each enclosing
/// `loop*` (what a `recur` continues with).
fn mark(node: &mut Node<'_>, live: &mut Slots, loops: &mut Vec<Slots>) {
    match node {
        Node::Local(s) => {
            let s = *s;
            if live.insert(s) {
                *node = Node::MoveLocal(s);
            }
        }
        Node::MoveLocal(s) => {
            live.insert(*s);
        }
        Node::Const(_)
        | Node::Captured(_)
        | Node::Sibling(_)
        | Node::SelfFn
        | Node::Var(_)
        | Node::TheVar(_) => {}
        Node::If(parts) => {
            let [test, then, els] = &mut **parts;
            let mut other = live.clone();
            mark(then, live, loops);
            mark(els, &mut other, loops);
            live.extend(other);
            mark(test, live, loops);
        }
        Node::Do(nodes) => {
            for n in nodes.iter_mut().rev() {
                mark(n, live, loops);
            }
        }
        Node::Let(inits, body) => {
            mark(body, live, loops);
            for (slot, init) in inits.iter_mut().rev() {
                live.remove(slot);
                mark(init, live, loops);
            }
        }
        Node::Loop(inits, body) => {
            let own: Slots = inits.iter().map(|(slot, _)| *slot).collect();
            let mut head = live.clone();
            head.extend(free_reads(body).difference(&own));
            loops.push(head.clone());
            mark(body, live, loops);
            loops.pop();
            live.extend(head);
            for (slot, init) in inits.iter_mut().rev() {
                live.remove(slot);
                mark(init, live, loops);
            }
        }
        Node::Recur(args) => {
            *live = loops.last().cloned().unwrap_or_default();
            for a in args.iter_mut().rev() {
                mark(a, live, loops);
            }
        }
        Node::Fn(t) => {
            for c in t.captures.iter_mut().rev() {
                mark(c, live, loops);
            }
        }
        Node::LetFn(t, body) => {
            mark(body, live, loops);
            for slot in &t.slots {
                live.remove(slot);
            }
            // Captures are read where the group is made; left as copies.
            live.extend(all_reads_of(t.captures.iter()));
        }
        Node::Invoke(f, args, _) => {
            for a in args.iter_mut().rev() {
                mark(a, live, loops);
            }
            mark(f, live, loops);
        }
        Node::Prim(p) => {
            for a in p.args.iter_mut().rev() {
                mark(a, live, loops);
            }
        }
        Node::Def(_, init) => {
            if let Some(init) = init {
                mark(init, live, loops);
            }
        }
        Node::Throw(x, _) => mark(x, live, loops),
        Node::Binding(pairs, body) => {
            mark(body, live, loops);
            for (_, n) in pairs.iter_mut().rev() {
                mark(n, live, loops);
            }
        }
        Node::SetBang(_, v) => mark(v, live, loops),
        Node::Try(..) => live.extend(reads(node)),
        Node::Vector(items) | Node::Set(items) => {
            for n in items.iter_mut().rev() {
                mark(n, live, loops);
            }
        }
        Node::Map(entries) => {
            for (k, v) in entries.iter_mut().rev() {
                mark(v, live, loops);
                mark(k, live, loops);
            }
        }
    }
}

/// Slots read in `node` that `node` does not bind itself (those of its
/// enclosing scopes).
fn free_reads(node: &Node<'_>) -> Slots {
    let mut read = Slots::new();
    let mut bound = Slots::new();
    walk(node, &mut |n| match n {
        Node::Local(s) | Node::MoveLocal(s) => {
            read.insert(*s);
        }
        Node::Let(inits, _) | Node::Loop(inits, _) => bound.extend(inits.iter().map(|(s, _)| *s)),
        Node::LetFn(t, _) => bound.extend(t.slots.iter().copied()),
        Node::Try(_, catches, _) => bound.extend(catches.iter().map(|c| c.slot)),
        _ => {}
    });
    read.difference(&bound).copied().collect()
}

/// Every slot read in `node`.
fn reads(node: &Node<'_>) -> Slots {
    let mut read = Slots::new();
    walk(node, &mut |n| {
        if let Node::Local(s) | Node::MoveLocal(s) = n {
            read.insert(*s);
        }
    });
    read
}

/// Every slot read in `nodes`.
fn all_reads_of<'a, 'e: 'a>(nodes: impl Iterator<Item = &'a Node<'e>>) -> Slots {
    let mut read = Slots::new();
    for n in nodes {
        read.extend(reads(n));
    }
    read
}

/// Calls `f` on `node` and every node under it in this frame (not inside
/// the bodies of the fns it makes: those run in frames of their own).
fn walk<'e>(node: &Node<'e>, f: &mut impl FnMut(&Node<'e>)) {
    f(node);
    match node {
        Node::Local(_)
        | Node::MoveLocal(_)
        | Node::Const(_)
        | Node::Captured(_)
        | Node::Sibling(_)
        | Node::SelfFn
        | Node::Var(_)
        | Node::TheVar(_) => {}
        Node::If(parts) => parts.iter().for_each(|n| walk(n, f)),
        Node::Do(nodes) | Node::Recur(nodes) | Node::Vector(nodes) | Node::Set(nodes) => {
            nodes.iter().for_each(|n| walk(n, f))
        }
        Node::Let(inits, body) | Node::Loop(inits, body) => {
            inits.iter().for_each(|(_, n)| walk(n, f));
            walk(body, f);
        }
        Node::Fn(t) => t.captures.iter().for_each(|n| walk(n, f)),
        Node::LetFn(t, body) => {
            t.captures.iter().for_each(|n| walk(n, f));
            walk(body, f);
        }
        Node::Invoke(g, args, _) => {
            walk(g, f);
            args.iter().for_each(|n| walk(n, f));
        }
        Node::Prim(p) => p.args.iter().for_each(|n| walk(n, f)),
        Node::Def(_, init) => {
            if let Some(init) = init {
                walk(init, f);
            }
        }
        Node::Throw(x, _) | Node::SetBang(_, x) => walk(x, f),
        Node::Binding(pairs, body) => {
            pairs.iter().for_each(|(_, n)| walk(n, f));
            walk(body, f);
        }
        Node::Try(body, catches, finally) => {
            walk(body, f);
            catches.iter().for_each(|c| walk(&c.body, f));
            if let Some(finally) = finally {
                walk(finally, f);
            }
        }
        Node::Map(entries) => entries.iter().for_each(|(k, v)| {
            walk(k, f);
            walk(v, f);
        }),
    }
}
