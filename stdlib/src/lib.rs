//! The evelisp core library (`evelisp-stdlib`): the Lisp sources of
//! `clojure.core` (the part written in evelisp: `src/clj/clojure/*.clj`)
//! and of the built-in libraries (`clojure.test`, `clojure.string`, ...),
//! and the prelude that installs them. It holds no Rust natives: those are
//! all in `evelisp-eval`'s `natives/`, installed by every `Interp::new`.
//!
//! [`install`] is the runtime prelude: it registers the built-in libraries
//! for `require` and the core sources for `clojure.repl/source`, and evaluates
//! `clojure.core`'s source into the env file when the file does not hold
//! this version of it yet (the first process that opens a fresh env
//! installs it; later ones find it there and start at once). The version
//! installed is recorded in the var `evelisp.stdlib/installed`.

use evelisp_eval::EvalResult;
use evelisp_eval::{Interp, register_library, register_source_file};
use evelisp_heap::Fnv1a;
use evelisp_heap::Value;

/// The sources of `clojure.core`'s evelisp part, in load order (file name
/// for error positions, source): each may use what those before it
/// define.
pub const CORE_SOURCES: &[(&str, &str)] = &[
    ("clojure/core.clj", include_str!("clj/clojure/core.clj")),
    (
        "clojure/core_multi.clj",
        include_str!("clj/clojure/core_multi.clj"),
    ),
    (
        "clojure/core_fns.clj",
        include_str!("clj/clojure/core_fns.clj"),
    ),
    (
        "clojure/core_seq.clj",
        include_str!("clj/clojure/core_seq.clj"),
    ),
    (
        "clojure/core_xform.clj",
        include_str!("clj/clojure/core_xform.clj"),
    ),
    (
        "clojure/core_more.clj",
        include_str!("clj/clojure/core_more.clj"),
    ),
    (
        "clojure/core_records.clj",
        include_str!("clj/clojure/core_records.clj"),
    ),
];
/// The parts of built-in libraries that a library's main file `load`s
/// (file name under the load path's root, source).
pub const LIBRARY_FILES: &[(&str, &str)] = &[
    (
        "babashka/fs/walk.clj",
        include_str!("clj/babashka/fs/walk.clj"),
    ),
    (
        "babashka/fs/files.clj",
        include_str!("clj/babashka/fs/files.clj"),
    ),
    (
        "babashka/fs/attributes.clj",
        include_str!("clj/babashka/fs/attributes.clj"),
    ),
    (
        "babashka/fs/programs.clj",
        include_str!("clj/babashka/fs/programs.clj"),
    ),
    (
        "babashka/cli/format.clj",
        include_str!("clj/babashka/cli/format.clj"),
    ),
];

/// The source of `clojure.test`.
pub const TEST_SOURCE: &str = include_str!("clj/clojure/test.clj");

/// The libraries `require` finds built in: namespace and source.
pub const LIBRARIES: &[(&str, &str)] = &[
    ("clojure.test", TEST_SOURCE),
    ("clojure.string", include_str!("clj/clojure/string.clj")),
    ("clojure.java.io", include_str!("clj/clojure/java/io.clj")),
    ("clojure.repl", include_str!("clj/clojure/repl.clj")),
    ("clojure.set", include_str!("clj/clojure/set.clj")),
    ("clojure.walk", include_str!("clj/clojure/walk.clj")),
    ("clojure.data", include_str!("clj/clojure/data.clj")),
    ("clojure.zip", include_str!("clj/clojure/zip.clj")),
    ("clojure.edn", include_str!("clj/clojure/edn.clj")),
    ("clojure.pprint", include_str!("clj/clojure/pprint.clj")),
    ("clojure.data.csv", include_str!("clj/clojure/data/csv.clj")),
    (
        "clojure.tools.cli",
        include_str!("clj/clojure/tools/cli.clj"),
    ),
    ("babashka.fs", include_str!("clj/babashka/fs.clj")),
    ("cheshire.parse", include_str!("clj/cheshire/parse.clj")),
    ("cheshire.core", include_str!("clj/cheshire/core.clj")),
    (
        "clojure.data.json",
        include_str!("clj/clojure/data/json.clj"),
    ),
    (
        "clojure.java.shell",
        include_str!("clj/clojure/java/shell.clj"),
    ),
    ("babashka.process", include_str!("clj/babashka/process.clj")),
    ("babashka.cli", include_str!("clj/babashka/cli.clj")),
];

/// The stamp of this build's core library: the crate version and a hash
/// (FNV-1a) of the sources and the natives' stamp, so a changed library is
/// installed again. The hash is computed when the crate is built
/// ([`CORE_HASH`]).
pub fn core_stamp() -> String {
    format!("{}-{CORE_HASH:016x}", env!("CARGO_PKG_VERSION"))
}

/// FNV-1a of the bytes of [`CORE_SOURCES`], in order, then of the natives'
/// stamp (little-endian), evaluated at compile time.
const CORE_HASH: u64 = core_hash();

/// See [`CORE_HASH`].
const fn core_hash() -> u64 {
    let mut h = Fnv1a::new();
    let mut s = 0;
    while s < CORE_SOURCES.len() {
        h.write(CORE_SOURCES[s].1.as_bytes());
        s += 1;
    }
    h.write(&evelisp_eval::natives_stamp().to_le_bytes());
    h.finish()
}

/// The runtime prelude (see the module docs).
pub fn install(interp: &Interp<'_>) -> EvalResult<()> {
    for (name, source) in LIBRARIES {
        register_library(name, source);
    }
    for (file, source) in CORE_SOURCES.iter().chain(LIBRARY_FILES) {
        register_source_file(file, source);
    }
    let stamp = core_stamp();
    if installed_stamp(interp)?.as_deref() == Some(stamp.as_str()) {
        return Ok(());
    }
    let saved = interp.current_ns();
    let result = CORE_SOURCES
        .iter()
        .try_for_each(|(file, source)| interp.eval_str(source, Some(file)).map(drop));
    interp.set_current_ns(saved);
    result?;
    set_installed_stamp(interp, &stamp)
}

/// The root of the var `evelisp.stdlib/installed`.
fn stamp_root<'e>(interp: &Interp<'e>) -> EvalResult<evelisp_heap::Root<'e>> {
    let env = interp.env();
    let p = interp.participant();
    let ns_sym = env.intern_symbol(None, "evelisp.stdlib")?;
    let ns = env.namespace(p, ns_sym.borrowed())?;
    let name = env.intern_symbol(None, "installed")?;
    let var = env.intern_var(p, ns.borrowed(), name.borrowed())?;
    Ok(env.var_root(var.borrowed())?)
}

fn installed_stamp(interp: &Interp<'_>) -> EvalResult<Option<String>> {
    let v = stamp_root(interp)?.get(interp.participant())?;
    Ok(v.borrowed().as_str().ok().map(str::to_string))
}

fn set_installed_stamp(interp: &Interp<'_>, stamp: &str) -> EvalResult<()> {
    let v: Value<'_> = interp.env().make_string(stamp)?;
    stamp_root(interp)?.reset(interp.participant(), v)?;
    Ok(())
}
