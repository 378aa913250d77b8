//! Docstrings of the `clojure.core` vars the evaluator interns itself
//! (dynamic vars such as `*ns*`, `*out*`, `*print-meta*`), which are not
//! natives; [`define`] adds each to its var's metadata at install. The one
//! such var only a host binds, `*command-line-args*`, is interned here
//! (dynamic, root nil as in Clojure), so it exists and has its doc before
//! any host binds it.

use crate::error::EvalResult;
use crate::interp::Interp;
use evelisp_heap::Value;

/// `(name, doc)` of each such var of `clojure.core`.
pub(crate) const VAR_DOCS: &[(&str, &str)] = &[
    (
        "*command-line-args*",
        "The arguments given after the script on the command line, as a seq of strings (nil when none).",
    ),
    (
        "*err*",
        "The writer for error output: standard error unless rebound.",
    ),
    (
        "*in*",
        "The reader for input: standard input unless rebound (a process-local stream).",
    ),
    (
        "*ns*",
        "The current namespace: where def interns and symbols are resolved; changed by in-ns and ns.",
    ),
    (
        "*out*",
        "The writer that print, println, pr, prn and friends write to: standard output unless rebound (e.g. by with-out-str).",
    ),
    (
        "*print-meta*",
        "When true, pr and prn print the metadata of values that have some, as ^{...} before them. Default false.",
    ),
];

/// The var hosts bind (`Interp::with_var_bindings`) for a program's
/// arguments.
const COMMAND_LINE_ARGS: &str = "*command-line-args*";

/// Interns `*command-line-args*` (dynamic, root nil unless it has one),
/// then adds `:doc` to the metadata of each var of [`VAR_DOCS`] that
/// exists.
pub(crate) fn define(interp: &Interp<'_>) -> EvalResult<()> {
    let env = interp.env;
    let args_sym = env.intern_symbol(None, COMMAND_LINE_ARGS)?;
    let args_var = env.intern_var(&interp.p, interp.core.borrowed(), args_sym.borrowed())?;
    env.var_set_flags(args_var.borrowed(), evelisp_heap::VAR_DYNAMIC)?;
    let root = env.var_root(args_var.borrowed())?;
    let current = root.get(&interp.p)?;
    if current.word() == evelisp_heap::Word::UNBOUND {
        root.compare_and_set(&interp.p, current.borrowed(), Value::nil(env))?;
    }
    let doc_key = env.intern_keyword(None, "doc")?;
    for (name, doc) in VAR_DOCS {
        let sym = env.intern_symbol(None, name)?;
        let Some(var) = interp
            .ns_lookup(interp.core.borrowed(), sym.borrowed())?
            .filter(|v| matches!(v.borrowed().kind(), Ok(Some(evelisp_heap::Kind::Var))))
        else {
            continue;
        };
        let meta = env.var_meta(var.borrowed())?;
        let current = meta.get(&interp.p)?;
        let base = if current.borrowed().is_nil() {
            env.empty_map()?
        } else {
            current
        };
        let doc = env.make_string(doc)?;
        let m = env.assoc(base.borrowed(), doc_key.borrowed(), doc.borrowed())?;
        meta.reset(&interp.p, m)?;
    }
    Ok(())
}
