//! Tagged literals `#tag form` as Clojure's reader gives them values
//! (`LispReader.readTagged`): the function `*data-readers*` maps the tag
//! to (the `data_readers.clj`/`.cljc` files on the load path count as
//! part of it), else the built-in readers of `default-data-readers`
//! (`#inst` → a `java.util.Date`, `#uuid` → a `java.util.UUID`), else
//! `*default-data-reader-fn*` called with the tag and the form, else the
//! error `No reader function for tag foo`.
//!
//! The evaluator converts each top-level form after the one before it
//! ran, so a data reader installed by one form (`alter-var-root` of
//! `*data-readers*`) reads the tags of the forms after it, and
//! `(binding [*data-readers* …] (read-string …))` reads with it.

use crate::builtin_readers;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::form_to_value::{ConvertError, ConvertErrorKind, TagReader};
use crate::interp::Interp;
use crate::native_registry::args;
use evelisp_heap::{Env, Kind, Ref, Value, View};
use evelisp_reader::{FormKind, ReadOptions, Span, Symbol};
use std::path::Path;

/// The dynamic var holding the user's tag readers.
pub(crate) const DATA_READERS: &str = "*data-readers*";
/// Its qualified name.
pub(crate) const DATA_READERS_VAR: &str = "clojure.core/*data-readers*";
/// The dynamic var holding the fallback reader of unknown tags.
pub(crate) const DEFAULT_DATA_READER_FN: &str = "*default-data-reader-fn*";

/// `(get tl :tag)` and the other keys of a tagged literal (`:tag`,
/// `:form`) or a reader conditional (`:form`, `:splicing?`); `None` for
/// other keys and other values.
pub(crate) fn reader_object_get<'e>(
    env: &'e Env,
    coll: Ref<'_>,
    key: Ref<'_>,
) -> EvalResult<Option<Value<'e>>> {
    let kind = coll.kind()?;
    if !matches!(kind, Some(Kind::TaggedLiteral | Kind::ReaderConditional))
        || !matches!(key.kind()?, Some(Kind::Keyword))
    {
        return Ok(None);
    }
    let (ns, name) = key.symbol_parts()?;
    if ns.is_some() {
        return Ok(None);
    }
    Ok(match (kind, name) {
        (Some(Kind::TaggedLiteral), "tag") => Some(env.own(coll.tagged_literal_parts()?.0)?),
        (Some(Kind::TaggedLiteral), "form") => Some(env.own(coll.tagged_literal_parts()?.1)?),
        (Some(Kind::ReaderConditional), "form") => {
            Some(env.own(coll.reader_conditional_parts()?.0)?)
        }
        (Some(Kind::ReaderConditional), "splicing?") => {
            Some(env.make_bool(coll.reader_conditional_parts()?.1))
        }
        _ => None,
    })
}

impl<'e> Interp<'e> {
    /// The current value of `*data-readers*` (an empty map when it has
    /// none): what a binding of it for a file or a script starts from.
    pub fn data_readers_now(&self) -> EvalResult<Value<'e>> {
        match self.print_var(DATA_READERS)? {
            Some(v) => Ok(v),
            None => Ok(self.env.empty_map()?),
        }
    }

    /// The value of the tagged literal `#tag value`, in Clojure's order
    /// (see the module docs).
    pub(crate) fn read_tagged(&self, tag: &Symbol, value: Value<'e>) -> EvalResult<Value<'e>> {
        let env = self.env;
        let tag_sym = env.intern_symbol(tag.ns.as_deref(), &tag.name)?;
        if let Some(readers) = self.print_var(DATA_READERS)?
            && let Some(f) = lookup(readers.borrowed(), tag_sym.borrowed())?
        {
            let f = self.env.own(f)?;
            return self.apply(f.borrowed(), args![value]);
        }
        if let Some(f) = self.data_readers_file_entry(tag)? {
            return self.apply(f.borrowed(), args![value]);
        }
        if let Some(result) = builtin_readers::builtin_tag(tag, &value) {
            return result;
        }
        if let Some(f) = self.print_var(DEFAULT_DATA_READER_FN)? {
            return self.apply(f.borrowed(), args![tag_sym, value]);
        }
        Err(EvalError::new(EvalErrorKind::Read(format!(
            "No reader function for tag {tag}"
        ))))
    }

    /// The reader function of `tag` in a `data_readers.clj` or
    /// `data_readers.cljc` file of the load path (a map of tag symbols to
    /// fully qualified var symbols, read with reader conditionals; the
    /// first file naming the tag wins). The var's namespace is required
    /// if it is not loaded yet.
    fn data_readers_file_entry(&self, tag: &Symbol) -> EvalResult<Option<Value<'e>>> {
        for dir in self.load_path() {
            for name in ["data_readers.clj", "data_readers.cljc"] {
                let path = dir.join(name);
                if let Some(var) = self.data_reader_in(&path, tag)? {
                    return Ok(Some(var));
                }
            }
        }
        Ok(None)
    }

    /// The var `path` (a data readers file, if it exists) names for `tag`.
    fn data_reader_in(&self, path: &Path, tag: &Symbol) -> EvalResult<Option<Value<'e>>> {
        let Ok(text) = std::fs::read_to_string(path) else {
            return Ok(None);
        };
        let shown = path.display().to_string();
        let options = ReadOptions::for_file(shown.as_str());
        let bad = |what: &str| {
            EvalError::new(EvalErrorKind::Read(format!(
                "Not a valid data-reader map: {what} in {shown}"
            )))
        };
        let form = match evelisp_reader::Reader::new(&text, &options).next() {
            None => return Ok(None),
            Some(Err(e)) => return Err(bad(&e.to_string())),
            Some(Ok(form)) => form,
        };
        let FormKind::Map(items) = &form.kind else {
            return Err(bad("not a map"));
        };
        for pair in items.chunks(2) {
            let [k, v] = pair else { continue };
            let (FormKind::Symbol(key), FormKind::Symbol(target)) = (&k.kind, &v.kind) else {
                return Err(bad("keys and values must be symbols"));
            };
            if key != tag {
                continue;
            }
            let Some(ns) = &target.ns else {
                return Err(bad("reader var must be namespace-qualified"));
            };
            if self.find_ns(ns)?.is_none() {
                self.load_lib(ns, false)?;
            }
            let sym = self.env.intern_symbol(Some(ns), &target.name)?;
            return Ok(Some(self.resolve_var(sym.borrowed())?));
        }
        Ok(None)
    }
}

/// `readers` (a map, else nothing) at `tag`.
fn lookup<'a>(readers: Ref<'a>, tag: Ref<'_>) -> EvalResult<Option<Ref<'a>>> {
    if !matches!(readers.view()?, View::Map { .. }) {
        return Ok(None);
    }
    Ok(readers.get(tag)?.filter(|f| !f.is_nil()))
}

/// The evaluator's [`TagReader`]: [`Interp::read_tagged`].
pub(crate) struct InterpTags<'a, 'e> {
    /// The interpreter reading.
    pub(crate) interp: &'a Interp<'e>,
}

impl<'e> TagReader<'e> for InterpTags<'_, 'e> {
    fn read_tagged(
        &mut self,
        tag: &Symbol,
        value: Value<'e>,
        span: Span,
    ) -> Result<Value<'e>, ConvertError> {
        self.interp
            .read_tagged(tag, value)
            .map_err(|e| ConvertError {
                kind: ConvertErrorKind::TagReader(Box::new(e)),
                span,
            })
    }
}
