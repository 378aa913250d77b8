//! The editor-support ops: `completions` (nREPL's) and `complete`
//! (CIDER's), from the shared env through [`EnvCompleter`] — names, `ns/`
//! and `alias/` names, keywords, namespaces, special forms; `lookup`
//! (nREPL's) and CIDER's `info` and `eldoc`, from a var's metadata (doc,
//! arglists, ns, file, line, column). They run on the connection's thread
//! with an interpreter of its own (made on first use), so they answer while
//! the session evaluates.

use super::bencode::Bencode;
use super::message::{Request, Response, dict};
use crate::completion::EnvCompleter;
use crate::eval::{Data, EvalResult, FromValue, Interp};
use crate::heap::{Env, Value};

/// A var's metadata as strings and numbers (keys as nREPL's `info` has
/// them; `eldoc` the arglists as lists of strings), nil when `sym` names no
/// var or special form in `ns`.
const INFO_FN: &str = r#"
(fn [ns-str sym-str]
  (let [the-ns (find-ns (symbol ns-str))
        sym (symbol sym-str)]
    (when the-ns
      (if (special-symbol? sym)
        {"ns" "clojure.core" "name" sym-str "special-form" "true"}
        (let [v (try (ns-resolve the-ns sym) (catch Exception _ nil))]
          (when (var? v)
            (let [m (meta v)]
              (cond-> {"ns" (str (ns-name (:ns m))) "name" (str (:name m))}
                (:doc m) (assoc "doc" (:doc m))
                (:file m) (assoc "file" (str (:file m)))
                (:line m) (assoc "line" (:line m))
                (:column m) (assoc "column" (:column m))
                (:macro m) (assoc "macro" "true")
                (:arglists m) (assoc "arglists-str" (pr-str (:arglists m))
                                     "eldoc" (mapv (fn [a] (mapv str a)) (:arglists m)))))))))))
"#;

/// A connection's interpreter for the editor-support ops.
pub(crate) struct Tools<'e> {
    interp: Interp<'e>,
    info_fn: Value<'e>,
}

impl<'e> Tools<'e> {
    /// The tools over `env`.
    pub(crate) fn new(env: &'e Env, shared: std::sync::Arc<Env>) -> EvalResult<Tools<'e>> {
        let interp = Interp::new(env)?;
        interp.share_env(shared)?;
        evelisp_stdlib::install(&interp)?;
        let info_fn = interp.eval_str(INFO_FN, Some("<nrepl>"))?;
        Ok(Tools { interp, info_fn })
    }

    /// The namespace named `name`, if it exists.
    fn ns(&self, name: &str) -> EvalResult<Option<Value<'e>>> {
        let env = self.interp.env();
        let sym = env.intern_symbol(None, name)?;
        Ok(env.find_namespace(self.interp.participant(), sym.borrowed())?)
    }

    /// `completions` / `complete`: the candidates for `prefix` in `ns`.
    pub(crate) fn complete(&self, req: &Request, ns: &str, base: Response) -> Response {
        let prefix = req.str("prefix").or(req.str("symbol")).unwrap_or_default();
        let the_ns = match self.ns(ns) {
            Ok(Some(n)) => n,
            Ok(None) => {
                return base.status(&["done", "completion-error", "namespace-not-found"]);
            }
            Err(_) => return base.status(&["done", "completion-error"]),
        };
        let completer = EnvCompleter::in_ns(&self.interp, the_ns);
        let candidates = if prefix.is_empty() {
            Vec::new()
        } else {
            completer.typed(prefix)
        };
        let list = candidates
            .into_iter()
            .map(|c| {
                let mut fields = vec![
                    ("candidate", Bencode::from(c.text)),
                    ("type", Bencode::str(c.kind.nrepl_name())),
                ];
                if let Some(ns) = c.ns {
                    fields.push(("ns", Bencode::from(ns)));
                }
                dict(fields)
            })
            .collect::<Vec<_>>();
        base.set("completions", list).status(&["done"])
    }

    /// The info of `sym` in `ns` as bencode fields (`None`: not found).
    fn info(&self, ns: &str, sym: &str) -> EvalResult<Option<Vec<(String, Bencode)>>> {
        let env = self.interp.env();
        let ns_str = env.make_string(ns)?;
        let sym_str = env.make_string(sym)?;
        let call = env.make_list(&[
            self.info_fn.borrowed(),
            ns_str.borrowed(),
            sym_str.borrowed(),
        ])?;
        let v = self.interp.eval(call.borrowed())?;
        let Data::Map(entries) = Data::from_value(v.borrowed())? else {
            return Ok(None);
        };
        Ok(Some(
            entries
                .into_iter()
                .filter_map(|(k, v)| match k {
                    Data::Str(k) => to_bencode(v).map(|v| (k, v)),
                    _ => None,
                })
                .collect(),
        ))
    }

    /// `lookup` (nREPL), `info` and `eldoc` (CIDER).
    pub(crate) fn lookup(&self, req: &Request, op: &str, ns: &str, base: Response) -> Response {
        let sym = req.str("sym").or(req.str("symbol")).unwrap_or_default();
        let ns_missing = matches!(self.ns(ns), Ok(None));
        let found = if sym.is_empty() || ns_missing {
            Ok(None)
        } else {
            self.info(ns, sym)
        };
        match (op, found) {
            ("lookup", Ok(Some(fields))) => {
                let fields = fields.into_iter().filter(|(k, _)| k != "eldoc");
                base.set("info", dict(fields)).status(&["done"])
            }
            ("lookup", Ok(None)) if ns_missing => {
                base.status(&["done", "lookup-error", "namespace-not-found"])
            }
            ("lookup", Ok(None)) => base.set("info", dict::<&str>([])).status(&["done"]),
            ("lookup", Err(_)) => base.status(&["done", "lookup-error"]),
            ("info", Ok(Some(fields))) => {
                let mut r = base;
                for (k, v) in fields.into_iter().filter(|(k, _)| k != "eldoc") {
                    r = r.set(&k, v);
                }
                r.status(&["done"])
            }
            ("info", _) => base.status(&["done", "no-info"]),
            (_, Ok(Some(fields))) => eldoc(fields, base),
            _ => base.status(&["done", "no-eldoc"]),
        }
    }
}

/// CIDER's `eldoc` reply from the info fields.
fn eldoc(fields: Vec<(String, Bencode)>, base: Response) -> Response {
    let get = |key: &str| {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let Some(arglists) = get("eldoc") else {
        // A var without arglists, or a special form.
        let kind = if get("special-form").is_some() {
            "special-form"
        } else {
            "variable"
        };
        let mut r = base.set("type", kind);
        for key in ["ns", "name"] {
            if let Some(v) = get(key) {
                r = r.set(key, v);
            }
        }
        if let Some(doc) = get("doc") {
            r = r.set("docstring", doc);
        }
        return r.set("eldoc", Bencode::List(Vec::new())).status(&["done"]);
    };
    let kind = if get("macro").is_some() {
        "macro"
    } else {
        "function"
    };
    let mut r = base.set("eldoc", arglists).set("type", kind);
    for key in ["ns", "name"] {
        if let Some(v) = get(key) {
            r = r.set(key, v);
        }
    }
    if let Some(doc) = get("doc") {
        r = r.set("docstring", doc);
    }
    r.status(&["done"])
}

/// Bencode of plain data (nil: none).
fn to_bencode(d: Data) -> Option<Bencode> {
    Some(match d {
        Data::Nil => return None,
        Data::Int(n) => Bencode::Int(n),
        Data::Str(s) | Data::Keyword(s) | Data::Symbol(s) | Data::Other(s) => Bencode::from(s),
        Data::Bool(b) => Bencode::str(if b { "true" } else { "false" }),
        Data::Float(f) => Bencode::from(f.to_string()),
        Data::Char(c) => Bencode::from(c.to_string()),
        Data::List(items) | Data::Vector(items) | Data::Set(items) => {
            Bencode::List(items.into_iter().filter_map(to_bencode).collect())
        }
        Data::Map(entries) => dict(entries.into_iter().filter_map(|(k, v)| {
            let k = match k {
                Data::Str(s) | Data::Keyword(s) | Data::Symbol(s) => s,
                _ => return None,
            };
            Some((k, to_bencode(v)?))
        })),
    })
}
