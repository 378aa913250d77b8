//! Loading code: `load-file`, `require` and the load path, and the `ns`
//! form.
//!
//! A library `a.b-c` is the file `a/b_c.clj` or `a/b_c.cljc` (in reader
//! conditionals the first branch for `:evelisp`, `:clj` or `:default`
//! wins, in the conditional's order: code written for Clojure takes its
//! `:clj` branches, as under babashka) found in the
//! first directory of the load path that has it: directories added by the
//! host (the script's directory, `--path`), then `EVELISP_PATH`
//! (colon-separated), then the libraries built into the binary
//! ([`register_library`]). Namespaces live in the shared env file, so `require`
//! loads a library only when its namespace does not exist there yet (or
//! with `:reload`): a library another process loaded is already in the
//! world. A built-in library is loaded again when the namespace in the file
//! was made from another version of its source (a newer binary on an old
//! env file): the stamp of the source each was loaded from is kept in the
//! var `evelisp.load/builtins` (`{"clojure.string" "<hash>"}`).

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::args;
use evelisp_heap::{Kind, Ref, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, RwLock};

/// Libraries built into this binary (the core library's `clojure.test`,
/// `clojure.string`, …), by namespace name: `require` loads one when no
/// file on the load path provides it.
static EMBEDDED: LazyLock<RwLock<HashMap<String, &'static str>>> =
    LazyLock::new(|| RwLock::new(HashMap::new()));

/// Makes `source` the built-in library `name` for `require` in this
/// process.
pub fn register_library(name: &str, source: &'static str) {
    let mut libs = EMBEDDED.write().unwrap_or_else(|p| p.into_inner());
    libs.insert(name.to_string(), source);
}

/// Source files built into this binary by file name (the core library's
/// `clojure/core.clj`, ...): what `clojure.repl/source` reads when no file
/// on disk has that name.
static EMBEDDED_FILES: LazyLock<RwLock<HashMap<String, &'static str>>> =
    LazyLock::new(|| RwLock::new(HashMap::new()));

/// Makes `source` the built-in source file `file` in this process.
pub fn register_source_file(file: &str, source: &'static str) {
    let mut files = EMBEDDED_FILES.write().unwrap_or_else(|p| p.into_inner());
    files.insert(file.to_string(), source);
}

/// The built-in source file `file`: one registered by
/// [`register_source_file`], or a built-in library's (`clojure/string.clj`
/// for `clojure.string`).
pub fn embedded_source(file: &str) -> Option<&'static str> {
    let files = EMBEDDED_FILES.read().unwrap_or_else(|p| p.into_inner());
    if let Some(source) = files.get(file) {
        return Some(source);
    }
    let libs = EMBEDDED.read().unwrap_or_else(|p| p.into_inner());
    libs.iter()
        .find(|(ns, _)| format!("{}.clj", ns.replace('.', "/").replace('-', "_")) == file)
        .map(|(_, source)| *source)
}

/// The built-in library `name`, if registered.
fn embedded_library(name: &str) -> Option<&'static str> {
    let libs = EMBEDDED.read().unwrap_or_else(|p| p.into_inner());
    libs.get(name).copied()
}

impl<'e> Interp<'e> {
    /// Adds `dir` to the front of this thread's load path.
    pub fn add_load_path(&self, dir: impl Into<PathBuf>) {
        self.thread.load_path.borrow_mut().insert(0, dir.into());
    }

    /// The directories searched for libraries, in order.
    pub fn load_path(&self) -> Vec<PathBuf> {
        let mut dirs = self.thread.load_path.borrow().clone();
        if let Some(path) = std::env::var_os("EVELISP_PATH") {
            dirs.extend(std::env::split_paths(&path));
        }
        dirs
    }

    /// Reads and evaluates the file at `path` (with `*ns*` restored after
    /// it); its last value.
    pub fn load_file(&self, path: &Path) -> EvalResult<Value<'e>> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            EvalError::new(EvalErrorKind::Io(format!(
                "cannot read {}: {e}",
                path.display()
            )))
        })?;
        let saved = self.current_ns();
        // As Clojure's `load`, `*data-readers*` is bound for the file, so
        // `(set! *data-readers* ...)` in it reads its later forms and goes
        // no further.
        let readers = self.data_readers_now()?;
        let file = path.display().to_string();
        let result = self.with_var_bindings(
            vec![(crate::data_readers::DATA_READERS_VAR, readers)],
            || self.eval_str(&text, Some(&file)),
        );
        self.set_current_ns(saved);
        result?
    }

    /// `(load "path")`, as Clojure's: `path` names a source file without
    /// its extension, from the root of the load path when it starts with
    /// `/`, else relative to the current namespace's directory (`load`
    /// of `"fs/paths"` in `babashka.fs` is `babashka/fs/paths`). The file
    /// is the first `.clj` or `.cljc` of that name on the load path, else a
    /// built-in file of that name ([`register_source_file`]: the parts of a
    /// built-in library). Evaluated with `*ns*` restored after it.
    pub(crate) fn load_resource(&self, path: &str) -> EvalResult<()> {
        let stem = match path.strip_prefix('/') {
            Some(rooted) => rooted.to_string(),
            None => {
                let ns = self.current_ns_name()?.replace('.', "/").replace('-', "_");
                match ns.rsplit_once('/') {
                    Some((dir, _)) => format!("{dir}/{path}"),
                    None => path.to_string(),
                }
            }
        };
        if let Some(file) = self.find_file(&stem) {
            return self.load_file(&file).map(drop);
        }
        match embedded_source(&format!("{stem}.clj")) {
            Some(source) => self.eval_embedded(&stem, source),
            None => Err(self.not_found(&stem)),
        }
    }

    /// The first `stem.clj` or `stem.cljc` on the load path.
    fn find_file(&self, stem: &str) -> Option<PathBuf> {
        self.load_path().into_iter().find_map(|dir| {
            ["clj", "cljc"]
                .iter()
                .map(|ext| dir.join(format!("{stem}.{ext}")))
                .find(|p| p.is_file())
        })
    }

    /// Evaluates the built-in source of `stem.clj`, `*ns*` restored after.
    fn eval_embedded(&self, stem: &str, source: &str) -> EvalResult<()> {
        let saved = self.current_ns();
        let result = self.eval_str(source, Some(&format!("{stem}.clj")));
        self.set_current_ns(saved);
        result.map(drop)
    }

    /// The error for a `stem` found neither on the load path nor built in.
    fn not_found(&self, stem: &str) -> EvalError {
        EvalError::new(EvalErrorKind::Io(format!(
            "Could not locate {stem}.clj or {stem}.cljc on the load path ({})",
            self.load_path()
                .iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(":")
        )))
    }

    /// The file of library `name` on the load path, if any.
    fn find_lib(&self, name: &str) -> Option<PathBuf> {
        self.find_file(&name.replace('.', "/").replace('-', "_"))
    }

    /// Loads library `name` unless its namespace exists (or `reload`, or
    /// it is a built-in library loaded from another version of its source).
    pub(crate) fn load_lib(&self, name: &str, reload: bool) -> EvalResult<()> {
        let file = self.find_lib(name);
        let builtin = if file.is_none() {
            embedded_library(name)
        } else {
            None
        };
        if !reload && self.find_ns(name)?.is_some() {
            let current = match builtin {
                Some(source) => self.builtin_stamp(name)? == Some(library_stamp(name, source)),
                None => true,
            };
            if current {
                return Ok(());
            }
        }
        let Some(file) = file else {
            let stem = name.replace('.', "/").replace('-', "_");
            let Some(source) = builtin else {
                return Err(self.not_found(&stem));
            };
            self.eval_embedded(&stem, source)?;
            return self.set_builtin_stamp(name, &library_stamp(name, source));
        };
        self.load_file(&file)?;
        if self.find_ns(name)?.is_none() {
            return Err(EvalError::new(EvalErrorKind::IllegalState(format!(
                "{} did not define namespace {name}",
                file.display()
            ))));
        }
        Ok(())
    }

    /// Loads the built-in library `name` (`clojure.set`, `clojure.pprint`,
    /// ...) when code names one of its vars by its full name before any
    /// `require` of it, as babashka does; `Ok(false)` when `name` is no
    /// built-in library. The state of the form being expanded that a load
    /// would change (the macro call's position, metadata pending on names)
    /// is kept.
    pub(crate) fn load_builtin_on_use(&self, name: &str) -> EvalResult<bool> {
        if embedded_library(name).is_none() {
            return Ok(false);
        }
        let macro_position = self.source.macro_position.take();
        let pending_meta = self.source.pending_meta.take();
        let loaded = self.load_lib(name, false);
        *self.source.macro_position.borrow_mut() = macro_position;
        *self.source.pending_meta.borrow_mut() = pending_meta;
        loaded.map(|()| true)
    }

    /// One `require` spec: `a.b` or `[a.b :as x :refer [f g] :reload]`.
    pub(crate) fn require_spec(&self, spec: Ref<'_>) -> EvalResult<()> {
        let env = self.env;
        let (lib, opts): (Ref<'_>, Vec<Ref<'_>>) = match spec.kind()? {
            Some(Kind::Symbol) => (spec, Vec::new()),
            Some(Kind::Vector | Kind::Cons) => {
                let items: Vec<Ref<'_>> = spec.elements()?.collect::<Result<_, _>>()?;
                let Some((lib, opts)) = items.split_first() else {
                    return Err(bad_spec(spec));
                };
                (*lib, opts.to_vec())
            }
            _ => return Err(bad_spec(spec)),
        };
        if !matches!(lib.kind()?, Some(Kind::Symbol)) {
            return Err(bad_spec(spec));
        }
        let name = crate::print::symbol_text(lib);
        let mut alias = None;
        let mut refer: Option<Ref<'_>> = None;
        let mut reload = false;
        let mut i = 0;
        while i < opts.len() {
            let key = opts[i];
            if !matches!(key.kind()?, Some(Kind::Keyword)) {
                return Err(bad_spec(spec));
            }
            match key.symbol_parts()?.1 {
                "reload" | "reload-all" => {
                    reload = true;
                    i += 1;
                }
                "as" | "as-alias" => {
                    alias = opts.get(i + 1).copied();
                    i += 2;
                }
                "refer" => {
                    refer = opts.get(i + 1).copied();
                    i += 2;
                }
                _ => return Err(bad_spec(spec)),
            }
        }
        self.load_lib(&name, reload)?;
        let ns_sym = env.intern_symbol(None, &name)?;
        if let Some(a) = alias {
            self.apply(
                self.core_fn("alias")?.borrowed(),
                args![env.own(a)?, ns_sym.clone()],
            )?;
        }
        if let Some(r) = refer {
            let mut args = args![ns_sym];
            if !matches!(r.kind()?, Some(Kind::Keyword)) {
                args.push(env.intern_keyword(None, "only")?);
                args.push(env.own(r)?);
            }
            self.apply(self.core_fn("refer")?.borrowed(), args)?;
        }
        Ok(())
    }

    /// The root of `evelisp.load/builtins`.
    fn builtins_root(&self) -> EvalResult<evelisp_heap::Root<'e>> {
        let env = self.env;
        let ns_sym = env.intern_symbol(None, "evelisp.load")?;
        let ns = env.namespace(&self.p, ns_sym.borrowed())?;
        let name = env.intern_symbol(None, "builtins")?;
        let var = env.intern_var(&self.p, ns.borrowed(), name.borrowed())?;
        Ok(env.var_root(var.borrowed())?)
    }

    /// The stamp of the source built-in library `name` was loaded from.
    fn builtin_stamp(&self, name: &str) -> EvalResult<Option<String>> {
        let map = self.builtins_root()?.get(&self.p)?;
        if !matches!(map.borrowed().kind()?, Some(Kind::Map | Kind::ArrayMap)) {
            return Ok(None);
        }
        let key = self.env.make_string(name)?;
        Ok(map
            .borrowed()
            .get(key.borrowed())?
            .and_then(|v| v.as_str().ok().map(str::to_string)))
    }

    /// Records that built-in library `name` was loaded from `stamp`.
    fn set_builtin_stamp(&self, name: &str, stamp: &str) -> EvalResult<()> {
        let env = self.env;
        let key = env.make_string(name)?;
        let val = env.make_string(stamp)?;
        self.builtins_root()?
            .swap(&self.p, |old| -> EvalResult<Value<'e>> {
                let base = if matches!(old.kind()?, Some(Kind::Map | Kind::ArrayMap)) {
                    env.own(old)?
                } else {
                    env.empty_map()?
                };
                Ok(env.assoc(base.borrowed(), key.borrowed(), val.borrowed())?)
            })?;
        Ok(())
    }

    /// The value of `clojure.core/name`.
    fn core_fn(&self, name: &str) -> EvalResult<Value<'e>> {
        let sym = self.env.intern_symbol(None, name)?;
        let var = self
            .ns_lookup(self.core.borrowed(), sym.borrowed())?
            .ok_or_else(|| EvalError::new(EvalErrorKind::UnresolvedSymbol(name.into())))?;
        self.deref_var(var.borrowed())
    }
}

/// A stamp of a library's source (FNV-1a, hex).
fn source_stamp(source: &str) -> String {
    format!("{:016x}", evelisp_heap::fnv1a(source.as_bytes()))
}

/// The stamp of built-in library `name` whose main file is `source`: its
/// source and the built-in files under its directory (`babashka/fs/*.clj`
/// for `babashka.fs`, which its main file `load`s), in name order, so a
/// change to any part loads the library again.
fn library_stamp(name: &str, source: &str) -> String {
    let dir = format!("{}/", name.replace('.', "/").replace('-', "_"));
    let files = EMBEDDED_FILES.read().unwrap_or_else(|p| p.into_inner());
    let mut parts: Vec<(&String, &&'static str)> =
        files.iter().filter(|(f, _)| f.starts_with(&dir)).collect();
    if parts.is_empty() {
        return source_stamp(source);
    }
    parts.sort();
    let mut h = evelisp_heap::Fnv1a::new();
    h.write(source.as_bytes());
    for (file, text) in parts {
        h.write(file.as_bytes());
        h.write(text.as_bytes());
    }
    format!("{:016x}", h.finish())
}

fn bad_spec(spec: Ref<'_>) -> EvalError {
    EvalError::new(EvalErrorKind::Syntax {
        form: "require",
        problem: format!(
            "bad lib spec {}",
            crate::print::pr_str(spec).unwrap_or_default()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::{library_stamp, register_source_file, source_stamp};

    #[test]
    fn a_library_stamp_covers_the_parts_its_main_file_loads() {
        // A library without parts: the stamp of its source.
        assert_eq!(
            library_stamp("stamp-test.alone", "(ns stamp-test.alone)"),
            source_stamp("(ns stamp-test.alone)")
        );
        register_source_file("stamp_test/split/a.clj", "(def a 1)");
        let one = library_stamp("stamp-test.split", "(ns stamp-test.split)");
        assert_ne!(one, source_stamp("(ns stamp-test.split)"));
        // Another version of a part is another stamp: the library loads again.
        register_source_file("stamp_test/split/a.clj", "(def a 2)");
        let two = library_stamp("stamp-test.split", "(ns stamp-test.split)");
        assert_ne!(one, two);
        // A file of another library's directory changes nothing.
        register_source_file("stamp_test/splitx/b.clj", "(def b 1)");
        assert_eq!(
            two,
            library_stamp("stamp-test.split", "(ns stamp-test.split)")
        );
    }
}
