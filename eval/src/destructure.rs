//! Destructuring, as Clojure's `destructure`: a binding vector whose
//! patterns are vectors and maps becomes a flat vector of `symbol init`
//! pairs that `let*` understands. The `let`, `fn`, `loop` and `defn`
//! macros of the core library call it (`(destructure '[[a b] v])`).
//!
//! | pattern | binds |
//! |---|---|
//! | `sym` | `sym` to the value |
//! | `[a b]` | `a` `(nth v 0 nil)`, `b` `(nth v 1 nil)` |
//! | `[a b & more :as all]` | `s` `(seq v)`, then `a` `(first s)`, `s` `(next s)`, `b` likewise, `more` `s`, `all` `v` |
//! | `{a :a, :keys [b ns/c], :strs [d], :syms [e], :or {a 1}, :as m}` | `a` `(get m :a 1)`, `b` `(get m :b)`, `c` `(get m :ns/c)`, `d` `(get m "d")`, `e` `(get m 'e)`, `m` the map |
//! | `{:ns/keys [x]}` | `x` `(get m :ns/x)` |
//!
//! A map pattern given a sequence (keyword arguments after `&`) binds the
//! map those pairs make, or the one map if the sequence holds only a map
//! (Clojure 1.11). Patterns nest.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::Args;
use evelisp_heap::{Kind, Ref, Value, View};

fn unsupported(form: Ref<'_>) -> EvalError {
    let shown = crate::print::pr_str(form).unwrap_or_else(|_| "form".into());
    EvalError::new(EvalErrorKind::Syntax {
        form: "destructure",
        problem: format!("unsupported binding form: {shown}"),
    })
}

/// Builds the flat bindings (see the module docs).
struct Destructurer<'i, 'e> {
    interp: &'i Interp<'e>,
    out: Vec<Value<'e>>,
}

impl<'e> Destructurer<'_, 'e> {
    fn sym(&self, ns: Option<&str>, name: &str) -> EvalResult<Value<'e>> {
        Ok(self.interp.env.intern_symbol(ns, name)?)
    }

    fn core(&self, name: &str) -> EvalResult<Value<'e>> {
        self.sym(Some(crate::interp::CORE_NS), name)
    }

    fn list(&self, items: &[Value<'e>]) -> EvalResult<Value<'e>> {
        self.interp.list_of(items)
    }

    fn gensym(&self, prefix: &str) -> EvalResult<Value<'e>> {
        let id = self.interp.next_id();
        self.sym(None, &format!("{prefix}{id}"))
    }

    /// Binds `pattern` to the value of the form `init`.
    fn bind(&mut self, pattern: Ref<'_>, init: Value<'e>) -> EvalResult<()> {
        match pattern.kind()? {
            Some(Kind::Symbol) => {
                self.out.push(self.interp.env.own(pattern)?);
                self.out.push(init);
                Ok(())
            }
            Some(Kind::Vector) => self.bind_vector(pattern, init),
            Some(Kind::Map | Kind::ArrayMap) => self.bind_map(pattern, init),
            _ => Err(unsupported(pattern)),
        }
    }

    fn bind_vector(&mut self, pattern: Ref<'_>, init: Value<'e>) -> EvalResult<()> {
        let env = self.interp.env;
        let gvec = self.gensym("vec__")?;
        self.out.push(gvec.clone());
        self.out.push(init);
        let items: Vec<Ref<'_>> = pattern.elements()?.collect::<Result<_, _>>()?;
        let is_amp = |r: &Ref<'_>| -> EvalResult<bool> {
            Ok(matches!(
                r.view()?,
                View::Symbol {
                    ns: None,
                    name: "&"
                }
            ))
        };
        // As Clojure's: with a rest (`&`), the elements are walked with
        // seq, first and next (so a map or a set destructures too, and a
        // list in one pass); without one, each is `(nth v n nil)`.
        let mut has_rest = false;
        for item in &items {
            has_rest |= is_amp(item)?;
        }
        let gseq = if has_rest {
            let gseq = self.gensym("seq__")?;
            self.out.push(gseq.clone());
            self.out
                .push(self.list(&[self.core("seq")?, gvec.clone()])?);
            Some(gseq)
        } else {
            None
        };
        let mut n = 0i64;
        let mut k = 0;
        while k < items.len() {
            let item = items[k];
            if is_amp(&item)? {
                let (Some(&rest), Some(gseq)) = (items.get(k + 1), &gseq) else {
                    return Err(unsupported(pattern));
                };
                self.bind(rest, gseq.clone())?;
                k += 2;
                continue;
            }
            match item.view()? {
                View::Keyword {
                    ns: None,
                    name: "as",
                } => {
                    let Some(&name) = items.get(k + 1) else {
                        return Err(unsupported(pattern));
                    };
                    if !matches!(name.kind()?, Some(Kind::Symbol)) {
                        return Err(unsupported(pattern));
                    }
                    self.out.push(env.own(name)?);
                    self.out.push(gvec.clone());
                    k += 2;
                }
                _ => {
                    let init = match &gseq {
                        Some(gseq) => {
                            let gfirst = self.gensym("first__")?;
                            self.out.push(gfirst.clone());
                            self.out
                                .push(self.list(&[self.core("first")?, gseq.clone()])?);
                            self.out.push(gseq.clone());
                            self.out
                                .push(self.list(&[self.core("next")?, gseq.clone()])?);
                            gfirst
                        }
                        None => self.list(&[
                            self.core("nth")?,
                            gvec.clone(),
                            env.make_int(n)?,
                            Value::nil(env),
                        ])?,
                    };
                    self.bind(item, init)?;
                    n += 1;
                    k += 1;
                }
            }
        }
        Ok(())
    }

    fn bind_map(&mut self, pattern: Ref<'_>, init: Value<'e>) -> EvalResult<()> {
        let env = self.interp.env;
        let gmap = self.gensym("map__")?;
        self.out.push(gmap.clone());
        self.out.push(init);
        // (if (seq? m) (if (next m) (apply hash-map m) (if (seq m) (first m) {})) m)
        let interp = self.interp;
        let c = |name: &str| -> EvalResult<Value<'e>> {
            Ok(interp
                .env
                .intern_symbol(Some(crate::interp::CORE_NS), name)?)
        };
        let as_map = self.list(&[
            self.sym(None, "if")?,
            self.list(&[c("seq?")?, gmap.clone()])?,
            self.list(&[
                self.sym(None, "if")?,
                self.list(&[c("next")?, gmap.clone()])?,
                self.list(&[c("apply")?, c("hash-map")?, gmap.clone()])?,
                self.list(&[
                    self.sym(None, "if")?,
                    self.list(&[c("seq")?, gmap.clone()])?,
                    self.list(&[c("first")?, gmap.clone()])?,
                    env.empty_map()?,
                ])?,
            ])?,
            gmap.clone(),
        ])?;
        self.out.push(gmap.clone());
        self.out.push(as_map);

        let mut defaults = None;
        let mut entries = Vec::new();
        for entry in pattern.entries()? {
            let (k, v) = entry?;
            match k.view()? {
                View::Keyword {
                    ns: None,
                    name: "or",
                } => defaults = Some(v),
                View::Keyword {
                    ns: None,
                    name: "as",
                } => {
                    self.out.push(env.own(v)?);
                    self.out.push(gmap.clone());
                }
                _ => entries.push((k, v)),
            }
        }
        let default_of = |local: Ref<'_>| -> EvalResult<Option<Value<'e>>> {
            match defaults {
                Some(d) => d.get(local)?.map(|v| Ok(env.own(v)?)).transpose(),
                None => Ok(None),
            }
        };
        for (k, v) in entries {
            let shorthand = match k.view()? {
                View::Keyword { ns, name } if matches!(name, "keys" | "strs" | "syms") => {
                    Some((ns, name))
                }
                _ => None,
            };
            let Some((key_ns, form)) = shorthand else {
                // `pattern key`: the value under `key`.
                let local = (matches!(k.kind()?, Some(Kind::Symbol))).then_some(k);
                let default = match local {
                    Some(l) => default_of(l)?,
                    None => None,
                };
                let mut get = vec![c("get")?, gmap.clone(), self.quoted(v)?];
                if let Some(d) = default {
                    get.push(d);
                }
                let get = self.list(&get)?;
                self.bind(k, get)?;
                continue;
            };
            if !matches!(v.kind()?, Some(Kind::Vector)) {
                return Err(unsupported(pattern));
            }
            for name in v.elements()? {
                let name = name?;
                let (ns, local_name) = match name.view()? {
                    View::Symbol { ns, name } | View::Keyword { ns, name } => (ns, name),
                    _ => return Err(unsupported(pattern)),
                };
                let ns = ns.or(key_ns);
                let key = match form {
                    "keys" => env.intern_keyword(ns, local_name)?,
                    "strs" => env.make_string(local_name)?,
                    _ => {
                        let s = self.sym(ns, local_name)?;
                        self.quoted(s.borrowed())?
                    }
                };
                let local = self.sym(None, local_name)?;
                let mut get = vec![c("get")?, gmap.clone(), key];
                if let Some(d) = default_of(local.borrowed())? {
                    get.push(d);
                }
                let get = self.list(&get)?;
                self.bind(local.borrowed(), get)?;
            }
        }
        Ok(())
    }

    /// `x` as a form that evaluates to `x` (symbols and lists quoted).
    fn quoted(&self, x: Ref<'_>) -> EvalResult<Value<'e>> {
        let env = self.interp.env;
        match x.kind()? {
            Some(Kind::Symbol | Kind::Cons) => self.list(&[self.sym(None, "quote")?, env.own(x)?]),
            _ => Ok(env.own(x)?),
        }
    }
}

impl<'e> Interp<'e> {
    /// `bindings` (a vector of pattern/init pairs) as flat `let*` bindings.
    pub fn destructure(&self, bindings: Ref<'_>) -> EvalResult<Value<'e>> {
        if !matches!(bindings.kind()?, Some(Kind::Vector)) {
            return Err(unsupported(bindings));
        }
        let items: Vec<Ref<'_>> = bindings.elements()?.collect::<Result<_, _>>()?;
        if items.len() % 2 != 0 {
            return Err(EvalError::new(EvalErrorKind::Syntax {
                form: "let",
                problem: "requires an even number of forms in the binding vector".into(),
            }));
        }
        let mut d = Destructurer {
            interp: self,
            out: Vec::new(),
        };
        for pair in items.chunks(2) {
            d.bind(pair[0], self.env.own(pair[1])?)?;
        }
        let refs: Vec<Ref<'_>> = d.out.iter().map(Value::borrowed).collect();
        Ok(self.env.make_vector(&refs)?)
    }
}

/// `(destructure bindings)`: the native the core library's binding macros
/// call.
pub(crate) fn destructure_native<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    match &args[..] {
        [b] => i.destructure(b.borrowed()),
        _ => Err(crate::error::arity("clojure.core/destructure", args.len())),
    }
}
