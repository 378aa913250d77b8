//! Completion from the shared env file itself, for the REPL's Tab key and
//! the nREPL server's `completions`/`complete` ops: a name another terminal
//! just defined completes here. What is completed depends on the word
//! before the cursor:
//!
//! - inside a string literal: a file path;
//! - `:pre` / `:ns/pre`: interned keywords;
//! - `ns/pre` or `alias/pre`: the public vars of that namespace;
//! - `pre`: the special forms, the names mapped in the current namespace
//!   (its vars and what it refers, `clojure.core` included) and namespace
//!   names.
//!
//! [`EnvCompleter::candidates`] gives the names; [`EnvCompleter::typed`]
//! gives each with its kind and namespace (what nREPL clients show).

use crate::eval::Interp;
use crate::heap::{Kind, Ref, Value};
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use std::collections::BTreeMap;

/// The special forms, offered like names.
const SPECIAL_FORMS: &[&str] = &[
    "def", "if", "do", "let*", "loop*", "recur", "fn*", "letfn*", "quote", "var", "throw", "try",
    "catch", "finally", "set!", "binding", "ns", "defmacro",
];

/// Characters that end a symbol or keyword (to the left of the cursor).
fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || "()[]{}\"',;@^`~\\".contains(c)
}

/// Whether `pos` in `line` is inside a string literal.
fn in_string(line: &str, pos: usize) -> bool {
    let mut inside = false;
    let mut escaped = false;
    for c in line[..pos].chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => inside = !inside,
            ';' if !inside => return false,
            _ => {}
        }
    }
    inside
}

/// What a candidate names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CandidateKind {
    /// A special form.
    SpecialForm,
    /// A var holding a function.
    Function,
    /// A macro.
    Macro,
    /// Any other var.
    Var,
    /// A namespace (or an alias of one).
    Namespace,
    /// A keyword.
    Keyword,
}

impl CandidateKind {
    /// The name nREPL clients use for it (`"function"`, `"special-form"`...).
    pub fn nrepl_name(self) -> &'static str {
        match self {
            CandidateKind::SpecialForm => "special-form",
            CandidateKind::Function => "function",
            CandidateKind::Macro => "macro",
            CandidateKind::Var => "var",
            CandidateKind::Namespace => "namespace",
            CandidateKind::Keyword => "keyword",
        }
    }
}

/// A completion with what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The completed text.
    pub text: String,
    /// What it names.
    pub kind: CandidateKind,
    /// The namespace of the var it names, if it names one.
    pub ns: Option<String>,
}

/// The completer (see the module docs).
pub struct EnvCompleter<'a, 'e> {
    interp: &'a Interp<'e>,
    /// The namespace names are completed in (the interpreter's current
    /// one when `None`).
    ns: Option<Value<'e>>,
    files: FilenameCompleter,
}

/// Candidates by text (the first kind found for a text wins).
type Found = BTreeMap<String, (CandidateKind, Option<String>)>;

impl<'a, 'e> EnvCompleter<'a, 'e> {
    /// A completer over `interp`'s env and current namespace.
    pub fn new(interp: &'a Interp<'e>) -> Self {
        EnvCompleter {
            interp,
            ns: None,
            files: FilenameCompleter::new(),
        }
    }

    /// A completer over `interp`'s env, completing in namespace `ns`.
    pub fn in_ns(interp: &'a Interp<'e>, ns: Value<'e>) -> Self {
        EnvCompleter {
            interp,
            ns: Some(ns),
            files: FilenameCompleter::new(),
        }
    }

    /// The namespace names are completed in.
    fn current(&self) -> Value<'e> {
        self.ns.clone().unwrap_or_else(|| self.interp.current_ns())
    }

    /// The candidates for `word` (see the module docs); errors reading the
    /// env give no candidates.
    pub fn candidates(&self, word: &str) -> Vec<String> {
        self.found(word).into_keys().collect()
    }

    /// The candidates for `word` with their kinds, sorted by text.
    pub fn typed(&self, word: &str) -> Vec<Candidate> {
        self.found(word)
            .into_iter()
            .map(|(text, (kind, ns))| Candidate { text, kind, ns })
            .collect()
    }

    fn found(&self, word: &str) -> Found {
        let mut out = Found::new();
        let _ = if let Some(k) = word.strip_prefix(':') {
            self.keywords(k, &mut out)
        } else if let Some((ns, prefix)) = word.split_once('/') {
            self.qualified(ns, prefix, &mut out)
        } else {
            self.names(word, &mut out)
        };
        out
    }

    fn keywords(&self, prefix: &str, out: &mut Found) -> crate::heap::Result<()> {
        self.interp.env().for_each_interned(true, |ns, name| {
            let text = match ns {
                Some(ns) => format!("{ns}/{name}"),
                None => name.to_string(),
            };
            if text.starts_with(prefix) {
                out.entry(format!(":{text}"))
                    .or_insert((CandidateKind::Keyword, None));
            }
        })
    }

    /// What the var `var` holds, and its namespace's name.
    fn var_kind(&self, var: Ref<'_>) -> (CandidateKind, Option<String>) {
        let env = self.interp.env();
        let flags = env.var_flags(var).unwrap_or(0);
        let ns = env
            .var_name(var)
            .ok()
            .and_then(|(ns, _)| ns.symbol_parts().ok().map(|(_, n)| n.to_string()));
        let kind = if flags & crate::heap::VAR_MACRO != 0 {
            CandidateKind::Macro
        } else {
            let is_fn = env
                .var_root(var)
                .and_then(|root| root.get(self.interp.participant()))
                .is_ok_and(|v| matches!(v.borrowed().kind(), Ok(Some(Kind::Fn))));
            if is_fn {
                CandidateKind::Function
            } else {
                CandidateKind::Var
            }
        };
        (kind, ns)
    }

    /// The namespace `name` names here: an alias of the current namespace,
    /// else a namespace of that name.
    fn namespace_named(&self, name: &str) -> crate::heap::Result<Option<Value<'e>>> {
        let env = self.interp.env();
        let p = self.interp.participant();
        let sym = env.intern_symbol(None, name)?;
        let current = self.current();
        let aliases = env.namespace_aliases(current.borrowed())?.get(p)?;
        if !aliases.borrowed().is_nil()
            && let Some(ns) = aliases.borrowed().get(sym.borrowed())?
        {
            return Ok(Some(env.own(ns)?));
        }
        env.find_namespace(p, sym.borrowed())
    }

    fn qualified(&self, ns_name: &str, prefix: &str, out: &mut Found) -> crate::heap::Result<()> {
        let Some(ns) = self.namespace_named(ns_name)? else {
            return Ok(());
        };
        let env = self.interp.env();
        let ns_sym = env.namespace_name(ns.borrowed())?.word();
        let mappings = env
            .namespace_mappings(ns.borrowed())?
            .get(self.interp.participant())?;
        self.each_mapping(mappings.borrowed(), |name, var| {
            // Public vars interned in that namespace (not what it refers).
            let interned_here = env.var_name(var).is_ok_and(|(n, _)| n.word() == ns_sym);
            let private = env
                .var_flags(var)
                .is_ok_and(|f| f & crate::heap::VAR_PRIVATE != 0);
            if interned_here && !private && name.starts_with(prefix) {
                out.entry(format!("{ns_name}/{name}"))
                    .or_insert_with(|| self.var_kind(var));
            }
        })
    }

    fn names(&self, prefix: &str, out: &mut Found) -> crate::heap::Result<()> {
        let env = self.interp.env();
        let p = self.interp.participant();
        for s in SPECIAL_FORMS.iter().filter(|s| s.starts_with(prefix)) {
            out.insert(
                s.to_string(),
                (CandidateKind::SpecialForm, Some("clojure.core".into())),
            );
        }
        let current = self.current();
        let mappings = env.namespace_mappings(current.borrowed())?.get(p)?;
        self.each_mapping(mappings.borrowed(), |name, var| {
            if name.starts_with(prefix) {
                out.entry(name.to_string())
                    .or_insert_with(|| self.var_kind(var));
            }
        })?;
        // clojure.core is referred implicitly (not through mappings).
        let core = env.intern_symbol(None, "clojure.core")?;
        if let Some(core) = env.find_namespace(p, core.borrowed())? {
            let mappings = env.namespace_mappings(core.borrowed())?.get(p)?;
            self.each_mapping(mappings.borrowed(), |name, var| {
                let private = env
                    .var_flags(var)
                    .is_ok_and(|f| f & crate::heap::VAR_PRIVATE != 0);
                if !private && name.starts_with(prefix) {
                    out.entry(name.to_string())
                        .or_insert_with(|| self.var_kind(var));
                }
            })?;
        }
        for ns in env.all_namespaces(p)? {
            let name = env.namespace_name(ns.borrowed())?;
            let (_, name) = name.symbol_parts()?;
            if name.starts_with(prefix) {
                out.entry(name.to_string())
                    .or_insert((CandidateKind::Namespace, None));
            }
        }
        Ok(())
    }

    /// Calls `f` with each name → var of a namespace's mappings (nil
    /// mappings, excluded core names, are skipped).
    fn each_mapping(
        &self,
        mappings: Ref<'_>,
        mut f: impl FnMut(&str, Ref<'_>),
    ) -> crate::heap::Result<()> {
        if mappings.is_nil() {
            return Ok(());
        }
        for entry in mappings.entries()? {
            let (k, v) = entry?;
            if v.is_nil() || !matches!(v.kind()?, Some(Kind::Var)) {
                continue;
            }
            let (_, name) = k.symbol_parts()?;
            f(name, v);
        }
        Ok(())
    }
}

impl Completer for EnvCompleter<'_, '_> {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        if in_string(line, pos) {
            return self.files.complete(line, pos, ctx);
        }
        let start = line[..pos]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_delimiter(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &line[start..pos];
        if word.is_empty() {
            return Ok((pos, Vec::new()));
        }
        let pairs = self
            .candidates(word)
            .into_iter()
            .map(|c| Pair {
                display: c.clone(),
                replacement: c,
            })
            .collect();
        Ok((start, pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::in_string;

    #[test]
    fn strings_are_recognized() {
        assert!(in_string("(slurp \"/tm", 11));
        assert!(!in_string("(slurp \"a\" x", 12));
        assert!(in_string("(str \"a\\\"b", 10));
        assert!(!in_string("; \"x", 4));
    }
}
