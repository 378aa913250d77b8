//! Installing the natives: registering them in this process's
//! `NativeRegistry` and binding their vars in the env file, each with
//! `:doc`, `:arglists`, `:ns` and `:name` from its definition (once per env
//! file and set of natives: a stamp says they are bound already). Also
//! [`Interp::new`], the evaluator with its natives.

use super::{ALL, var_docs};
use crate::error::EvalResult;
use crate::interp::Interp;
use crate::native_object::{core_native_fn, is_native_named};
use crate::native_registry::{NativeDef, NativeKind, NativeRegistry};
use evelisp_heap::{Env, Fnv1a};

impl<'e> Interp<'e> {
    /// An evaluator for the calling thread: attaches a participant, makes
    /// sure `clojure.core` (with its native functions) and `user` exist,
    /// and starts in `user`.
    pub fn new(env: &'e Env) -> EvalResult<Interp<'e>> {
        let interp = Interp::without_natives(env)?;
        install(&interp)?;
        Ok(interp)
    }
}

/// Registers every native in this process, and binds their vars (with
/// their metadata) and the host constants unless the env file holds this
/// set of natives already.
pub(crate) fn install(interp: &Interp<'_>) -> EvalResult<()> {
    NativeRegistry::register(ALL);
    let env = interp.env;
    crate::print::define_print_meta(interp)?;
    let stamp_root = {
        let ns_sym = env.intern_symbol(None, "evelisp.eval")?;
        let ns = env.namespace(&interp.p, ns_sym.borrowed())?;
        let name = env.intern_symbol(None, "natives")?;
        let var = env.intern_var(&interp.p, ns.borrowed(), name.borrowed())?;
        env.var_root(var.borrowed())?
    };
    let stamp = natives_stamp();
    let current = stamp_root.get(&interp.p)?;
    if current.borrowed().as_i64().ok() == Some(stamp) {
        return Ok(());
    }
    for def in ALL.iter().flat_map(|table| table.iter()) {
        bind(interp, def)?;
    }
    super::host::statics::define_constants(interp)?;
    var_docs::define(interp)?;
    stamp_root.reset(&interp.p, env.make_int(stamp)?)?;
    Ok(())
}

/// Binds the var of `def` to its native fn object (unless it holds it
/// already) and gives it its metadata.
fn bind(interp: &Interp<'_>, def: &NativeDef) -> EvalResult<()> {
    let env = interp.env;
    let (ns_name, name) = def.ns_and_name();
    let ns_sym = env.intern_symbol(None, ns_name)?;
    let ns = env.namespace(&interp.p, ns_sym.borrowed())?;
    let sym = env.intern_symbol(None, name)?;
    let var = env.intern_var(&interp.p, ns.borrowed(), sym.borrowed())?;
    if def.kind == NativeKind::Macro {
        env.var_set_flags(var.borrowed(), evelisp_heap::VAR_MACRO)?;
    }
    let root = env.var_root(var.borrowed())?;
    let current = root.get(&interp.p)?;
    let qualified = env.intern_symbol(Some(ns_name), name)?;
    if !is_native_named(current.borrowed(), qualified.borrowed())? {
        let f = core_native_fn(env, qualified.borrowed(), qualified.borrowed())?;
        root.compare_and_set(&interp.p, current.borrowed(), f)?;
    }
    if def.doc.is_empty() && def.arglists.is_empty() {
        return Ok(());
    }
    let key = |k: &str| env.intern_keyword(None, k);
    let mut m = env.empty_map()?;
    m = env.assoc(m.borrowed(), key("ns")?.borrowed(), ns.borrowed())?;
    m = env.assoc(m.borrowed(), key("name")?.borrowed(), sym.borrowed())?;
    if !def.arglists.is_empty() {
        let arglists = interp.read_string(def.arglists)?;
        m = env.assoc(
            m.borrowed(),
            key("arglists")?.borrowed(),
            arglists.borrowed(),
        )?;
    }
    if !def.doc.is_empty() {
        let doc = env.make_string(&def.doc_text())?;
        m = env.assoc(m.borrowed(), key("doc")?.borrowed(), doc.borrowed())?;
    }
    env.var_meta(var.borrowed())?.reset(&interp.p, m)?;
    Ok(())
}

/// A hash (FNV-1a, as a non-negative integer) of every native's name,
/// kind, arglists and doc, and of the docs of the vars the evaluator
/// interns: the stamp of this set of natives. Computed when the crate is
/// built ([`NATIVES_STAMP`]), not at every start.
pub const fn natives_stamp() -> i64 {
    NATIVES_STAMP
}

/// [`natives_stamp`], evaluated at compile time.
const NATIVES_STAMP: i64 = compute_natives_stamp();

/// `h` advanced over `text` and a 0 byte after it.
const fn feed_text(h: &mut Fnv1a, text: &str) {
    h.write(text.as_bytes());
    h.write_u8(0);
}

/// The stamp over [`ALL`] and [`var_docs::VAR_DOCS`], in order: each
/// native's name, kind (`fn`/`macro`), arglists and doc lines, then each
/// var's name and doc.
const fn compute_natives_stamp() -> i64 {
    let mut h = Fnv1a::new();
    let mut t = 0;
    while t < ALL.len() {
        let table = ALL[t];
        let mut d = 0;
        while d < table.len() {
            let def = &table[d];
            feed_text(&mut h, def.name);
            feed_text(
                &mut h,
                match def.kind {
                    NativeKind::Fn => "fn",
                    NativeKind::Macro => "macro",
                },
            );
            feed_text(&mut h, def.arglists);
            let mut k = 0;
            while k < def.doc.len() {
                feed_text(&mut h, def.doc[k]);
                k += 1;
            }
            d += 1;
        }
        t += 1;
    }
    let mut v = 0;
    while v < var_docs::VAR_DOCS.len() {
        let (name, doc) = var_docs::VAR_DOCS[v];
        feed_text(&mut h, name);
        feed_text(&mut h, doc);
        v += 1;
    }
    (h.finish() >> 2) as i64
}
