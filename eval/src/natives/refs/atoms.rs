//! Atoms as reference types: `atom`, `swap! swap-vals! reset! reset-vals!
//! compare-and-set!`, validators (`set-validator! get-validator`) and
//! watches (`add-watch remove-watch`).
//!
//! Validators and watches of every reference type (atoms, refs, agents)
//! live in the env file, in registry vars of the namespace `evelisp.atoms`
//! (`validators`: `{iref fn}`, `watches`: `{iref {key fn}}`, `metas`:
//! `{iref map}`, `history`: `{ref [min max]}`; an atom is its own key, a
//! ref or an agent its record), so a watch added by one process is called
//! when any process changes the reference — by the process that changes
//! it, after its compare-and-set (a ref's commit, an agent's action)
//! succeeded. A validator runs before the compare-and-set
//! (with `swap!`'s function, so it may run again on a retry); a value it
//! refuses leaves the atom unchanged: "Invalid reference state". With no
//! validator and no watch anywhere in the file, a `swap!` costs one load
//! of each registry's root word.

use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::native_registry::args;
use crate::print::class_cast;
use crate::rust_values::truthy;
use evelisp_heap::{Kind, Ref, Value};

natives! {
    /// A new atom holding x, in the env file (shared with every process on
    /// it). Options: :validator f (refuses new values f does not accept) and
    /// :meta m (its metadata).
    #[arglists = "([x] [x & options])"]
    "atom" => atom;
    /// Sets atom to (apply f current args) by compare-and-set, retrying on a
    /// conflict from any thread or process; the new value.
    #[arglists = "([atom f] [atom f x] [atom f x y] [atom f x y & args])"]
    "swap!" => swap;
    /// Sets atom to newval; newval.
    #[arglists = "([atom newval])"]
    "reset!" => reset;
    /// Sets the value of atom to (apply f old-value args), atomically (f may be
    /// retried); returns the vector [old new].
    #[arglists = "([atom f] [atom f x] [atom f x y] [atom f x y & args])"]
    "swap-vals!" => swap_vals;
    /// Sets the value of atom to newval; returns the vector [old new].
    #[arglists = "([atom newval])"]
    "reset-vals!" => reset_vals;
    /// Sets atom to newval if it holds oldval (identical); whether it did.
    #[arglists = "([atom oldval newval])"]
    "compare-and-set!" => compare_and_set;
    /// Makes validator-fn (nil removes it) the validator of iref: it must
    /// return truthy for the current and every new value, else the change
    /// throws. Returns nil.
    #[arglists = "([iref validator-fn])"]
    "set-validator!" => set_validator;
    /// The validator fn of iref, or nil.
    #[arglists = "([iref])"]
    "get-validator" => get_validator;
    /// Adds fn, under key, as a watch of reference: after each change it is
    /// called as (fn key reference old-state new-state). Returns reference.
    #[arglists = "([reference key fn])"]
    "add-watch" => add_watch;
    /// Removes the watch added under key from reference; returns reference.
    #[arglists = "([reference key])"]
    "remove-watch" => remove_watch;
}

/// `(atom x & options)`: a new atom holding x, in the env file, with the
/// options `:validator` and `:meta`.
pub(crate) fn atom<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some(x) = args.first() else {
        return Err(arity("clojure.core/atom", 0));
    };
    i.check_publishable(x.borrowed(), || "an atom".into())?;
    let a = i.env.make_atom(x.clone())?;
    if args.len() > 1 {
        let opts = options_map(i, &args[1..])?;
        i.setup_reference(a.borrowed(), opts.borrowed())?;
    }
    Ok(a)
}

/// The atom argument of `name`.
fn atom_arg<'a>(name: &str, args: &'a [Value<'_>]) -> EvalResult<Ref<'a>> {
    let Some(a) = args.first() else {
        return Err(arity(&format!("clojure.core/{name}"), 0));
    };
    let a = a.borrowed();
    if !matches!(a.kind()?, Some(Kind::Atom)) {
        return Err(class_cast("an atom", a));
    }
    Ok(a)
}

/// The reference argument of `name` (an atom, a ref or an agent).
fn iref_arg<'a>(i: &Interp<'_>, name: &str, args: &'a [Value<'_>]) -> EvalResult<Ref<'a>> {
    let Some(a) = args.first() else {
        return Err(arity(&format!("clojure.core/{name}"), 0));
    };
    let a = a.borrowed();
    if a.is_nil() {
        return Err(EvalError::new(EvalErrorKind::NullPointer(format!(
            "{name} of nil"
        ))));
    }
    if !i.is_iref(a)? {
        return Err(class_cast("clojure.lang.IRef", a));
    }
    Ok(a)
}

/// A validator and the watches of one atom.
struct Hooks<'e> {
    validator: Option<Value<'e>>,
    watches: Vec<(Value<'e>, Value<'e>)>,
}

impl<'e> Interp<'e> {
    /// The registry var `evelisp.atoms/name` (cached: vars are immortal).
    fn registry(&self, which: usize) -> EvalResult<Value<'e>> {
        Ok(self.registry_entry(which)?.0)
    }

    /// The registry var `which` and its root, looked up once.
    fn registry_entry(&self, which: usize) -> EvalResult<(Value<'e>, evelisp_heap::Root<'e>)> {
        if let Some(vars) = self.caches.atom_registries.borrow().as_ref() {
            return Ok(vars[which].clone());
        }
        let env = self.env;
        let ns_sym = env.intern_symbol(None, "evelisp.atoms")?;
        let ns = env.namespace(&self.p, ns_sym.borrowed())?;
        let mut vars = Vec::new();
        for name in ["validators", "watches", "metas", "history"] {
            let sym = env.intern_symbol(None, name)?;
            let var = env.intern_var(&self.p, ns.borrowed(), sym.borrowed())?;
            // A var is immortal, so its root stays
            // valid as long as the env is open.
            let root = env.var_root(var.borrowed())?;
            vars.push((var, root));
        }
        let entry = vars[which].clone();
        let vars: [(Value<'e>, evelisp_heap::Root<'e>); 4] = vars
            .try_into()
            .map_err(|_| EvalError::new(EvalErrorKind::IllegalState("registry vars".into())))?;
        *self.caches.atom_registries.borrow_mut() = Some(vars);
        Ok(entry)
    }

    /// The root of registry `which`, without taking a count of its var.
    fn registry_root(&self, which: usize) -> EvalResult<evelisp_heap::Root<'e>> {
        if let Some(vars) = self.caches.atom_registries.borrow().as_ref() {
            return Ok(vars[which].1);
        }
        Ok(self.registry_entry(which)?.1)
    }

    /// The current map of registry `which` (nil when empty).
    pub(crate) fn registry_map(&self, which: usize) -> EvalResult<Value<'e>> {
        let root = self.registry_root(which)?;
        // No reference in the file has ever had a hook of this registry:
        // one load of the root word, no pin and no count taken.
        let w = root.current_word();
        if w == evelisp_heap::Word::UNBOUND || w.is_nil() {
            return Ok(Value::nil(self.env));
        }
        let v = root.get(&self.p)?;
        if v.word() == evelisp_heap::Word::UNBOUND {
            return Ok(Value::nil(self.env));
        }
        Ok(v)
    }

    /// The validator and watches of atom `a`.
    fn hooks(&self, a: Ref<'_>) -> EvalResult<Hooks<'e>> {
        let env = self.env;
        let validators = self.registry_map(0)?;
        let validator = match validators.borrowed().is_nil() {
            true => None,
            false => validators
                .borrowed()
                .get(a)?
                .map(|f| env.own(f))
                .transpose()?,
        };
        let watches_map = self.registry_map(1)?;
        let mut watches = Vec::new();
        if !watches_map.borrowed().is_nil()
            && let Some(mine) = watches_map.borrowed().get(a)?
        {
            for e in mine.entries()? {
                let (k, f) = e?;
                watches.push((env.own(k)?, env.own(f)?));
            }
        }
        Ok(Hooks { validator, watches })
    }

    /// Updates registry `which` with `f` (CAS in the file).
    pub(crate) fn update_registry(
        &self,
        which: usize,
        mut f: impl FnMut(Value<'e>) -> EvalResult<Value<'e>>,
    ) -> EvalResult<()> {
        let var = self.registry(which)?;
        let env = self.env;
        env.var_root(var.borrowed())?.swap(&self.p, |cur| {
            let cur = if cur.word() == evelisp_heap::Word::UNBOUND || cur.is_nil() {
                env.empty_map()?
            } else {
                env.own(cur)?
            };
            f(cur)
        })?;
        Ok(())
    }
}

impl<'e> Interp<'e> {
    /// Whether any reference in the file has a validator or a watch.
    pub(crate) fn has_iref_hooks(&self) -> EvalResult<bool> {
        Ok(
            !self.registry_map(0)?.borrowed().is_nil()
                || !self.registry_map(1)?.borrowed().is_nil(),
        )
    }

    /// Refuses `v` as the new value of reference `r` if its validator
    /// says no.
    pub(crate) fn validate_iref(&self, r: Ref<'_>, v: &Value<'e>) -> EvalResult<()> {
        let validators = self.registry_map(0)?;
        if validators.borrowed().is_nil() {
            return Ok(());
        }
        let f = validators
            .borrowed()
            .get(r)?
            .map(|f| self.env.own(f))
            .transpose()?;
        validate(self, f.as_ref(), v)
    }

    /// Calls the watches of reference `r` after a change from `old` to
    /// `new`.
    pub(crate) fn notify_iref(
        &self,
        r: Ref<'_>,
        old: &Value<'e>,
        new: &Value<'e>,
    ) -> EvalResult<()> {
        if self.registry_map(1)?.borrowed().is_nil() {
            return Ok(());
        }
        let hooks = self.hooks(r)?;
        notify(self, &hooks, r, old, new)
    }

    /// The current value of reference `r` (an atom, a ref or an agent).
    fn iref_value(&self, r: Ref<'_>) -> EvalResult<Value<'e>> {
        if matches!(r.kind()?, Some(Kind::Atom)) {
            return Ok(self.env.atom_root(r)?.get(&self.p)?);
        }
        if let Some(cell) = self.ref_cell(r)? {
            return Ok(self.env.atom_root(cell)?.get(&self.p)?);
        }
        let cell = self.agent_arg(r)?;
        self.agent_field(cell, crate::agent::AgentField::State)
    }

    /// Whether `r` is an atom, a ref or an agent.
    pub(crate) fn is_iref(&self, r: Ref<'_>) -> EvalResult<bool> {
        if matches!(r.kind()?, Some(Kind::Atom)) {
            // Futures, promises and delays are atoms too, but no IRef.
            return Ok(self.ref_state(r)?.is_none());
        }
        Ok(self.ref_cell(r)?.is_some() || self.agent_cell(r)?.is_some())
    }

    /// The metadata of reference `r` (nil if none).
    pub(crate) fn iref_meta(&self, r: Ref<'_>) -> EvalResult<Value<'e>> {
        let metas = self.registry_map(2)?;
        if metas.borrowed().is_nil() {
            return Ok(metas);
        }
        Ok(match metas.borrowed().get(r)? {
            Some(m) => self.env.own(m)?,
            None => Value::nil(self.env),
        })
    }

    /// Sets the metadata of reference `r` to `(f current)`; the new map.
    pub(crate) fn alter_iref_meta(
        &self,
        r: Ref<'_>,
        f: impl Fn(Value<'e>) -> EvalResult<Value<'e>>,
    ) -> EvalResult<Value<'e>> {
        let env = self.env;
        let mut out = Value::nil(env);
        self.update_registry(2, |m| {
            let cur = match m.borrowed().get(r)? {
                Some(x) => env.own(x)?,
                None => Value::nil(env),
            };
            let new = f(cur)?;
            if !new.borrowed().is_nil()
                && !matches!(new.borrowed().kind()?, Some(Kind::Map | Kind::ArrayMap))
            {
                return Err(class_cast("clojure.lang.IPersistentMap", new.borrowed()));
            }
            out = new.clone();
            Ok(if new.borrowed().is_nil() {
                env.dissoc(m.borrowed(), r)?
            } else {
                env.assoc(m.borrowed(), r, new.borrowed())?
            })
        })?;
        Ok(out)
    }

    /// Applies the options `:validator` and `:meta` of a new reference
    /// `r` (Clojure's `setup-reference`) from `opts`, a map.
    pub(crate) fn setup_reference(&self, r: Ref<'_>, opts: Ref<'_>) -> EvalResult<()> {
        let env = self.env;
        let meta_k = env.intern_keyword(None, "meta")?;
        if let Some(m) = opts.get(meta_k.borrowed())?
            && !m.is_nil()
        {
            let m = env.own(m)?;
            self.alter_iref_meta(r, |_| Ok(m.clone()))?;
        }
        let validator_k = env.intern_keyword(None, "validator")?;
        if let Some(f) = opts.get(validator_k.borrowed())?
            && !f.is_nil()
        {
            let f = env.own(f)?;
            validate(self, Some(&f), &self.iref_value(r)?)?;
            self.update_registry(0, |m| Ok(env.assoc(m.borrowed(), r, f.borrowed())?))?;
        }
        Ok(())
    }
}

/// The options of `(atom x & options)`, `ref`, `agent`, as a map (as
/// Clojure's `(apply hash-map options)`: a key without a value is an
/// IllegalArgumentException).
pub(crate) fn options_map<'e>(i: &Interp<'e>, opts: &[Value<'e>]) -> EvalResult<Value<'e>> {
    let env = i.env;
    if opts.len() % 2 == 1 {
        let last = crate::print::pr_str(opts[opts.len() - 1].borrowed()).unwrap_or_default();
        return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "No value supplied for key: {last}"
        ))));
    }
    let mut m = env.empty_map()?;
    for kv in opts.chunks(2) {
        m = env.assoc(m.borrowed(), kv[0].borrowed(), kv[1].borrowed())?;
    }
    Ok(m)
}

/// Refuses `v` if `validator` says no.
fn validate<'e>(i: &Interp<'e>, validator: Option<&Value<'e>>, v: &Value<'e>) -> EvalResult<()> {
    let Some(f) = validator else { return Ok(()) };
    let ok = i.apply(f.borrowed(), args![v.clone()])?;
    if truthy(ok.borrowed()) {
        Ok(())
    } else {
        Err(EvalError::new(EvalErrorKind::IllegalState(
            "Invalid reference state".into(),
        )))
    }
}

/// Calls every watch of `a` with `(key atom old new)`.
fn notify<'e>(
    i: &Interp<'e>,
    hooks: &Hooks<'e>,
    a: Ref<'_>,
    old: &Value<'e>,
    new: &Value<'e>,
) -> EvalResult<()> {
    for (k, f) in &hooks.watches {
        i.apply(
            f.borrowed(),
            args![k.clone(), i.env.own(a)?, old.clone(), new.clone()],
        )?;
    }
    Ok(())
}

/// Swaps `a` with `next` (given the current value), validating; gives
/// (old, new) and notifies the watches.
fn change<'e>(
    i: &Interp<'e>,
    a: Ref<'_>,
    next: impl Fn(Ref<'_>) -> EvalResult<Value<'e>>,
) -> EvalResult<(Value<'e>, Value<'e>)> {
    let root = i.env.atom_root_of(a)?;
    let hooks = i.hooks(a)?;
    let (old, new) = root.swap_vals(&i.p, |cur| {
        let v = next(cur)?;
        i.check_publishable(v.borrowed(), || "an atom".into())?;
        validate(i, hooks.validator.as_ref(), &v)?;
        Ok::<_, EvalError>(v)
    })?;
    notify(i, &hooks, a, &old, &new)?;
    Ok((old, new))
}

/// The new value of `(f cur args...)`.
fn call_with<'e>(
    i: &Interp<'e>,
    f: &Value<'e>,
    cur: Ref<'_>,
    args: &[Value<'e>],
) -> EvalResult<Value<'e>> {
    let mut call = args![i.env.own(cur)?];
    call.extend(args.iter().cloned());
    i.apply(f.borrowed(), call)
}

/// `(swap! atom f & args)`: the new value.
pub(crate) fn swap<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let a = atom_arg("swap!", &args)?;
    let Some(f) = args.get(1) else {
        return Err(arity("clojure.core/swap!", args.len()));
    };
    Ok(change(i, a, |cur| call_with(i, f, cur, &args[2..]))?.1)
}

/// `(swap-vals! atom f & args)`: `[old new]`.
pub(crate) fn swap_vals<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let a = atom_arg("swap-vals!", &args)?;
    let Some(f) = args.get(1) else {
        return Err(arity("clojure.core/swap-vals!", args.len()));
    };
    let (old, new) = change(i, a, |cur| call_with(i, f, cur, &args[2..]))?;
    Ok(i.env.make_vector(&[old.borrowed(), new.borrowed()])?)
}

/// `(reset! atom v)`: `v`.
pub(crate) fn reset<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let a = atom_arg("reset!", &args)?;
    let [_, v] = &args[..] else {
        return Err(arity("clojure.core/reset!", args.len()));
    };
    Ok(change(i, a, |_| Ok(v.clone()))?.1)
}

/// `(reset-vals! atom v)`: `[old v]`.
pub(crate) fn reset_vals<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let a = atom_arg("reset-vals!", &args)?;
    let [_, v] = &args[..] else {
        return Err(arity("clojure.core/reset-vals!", args.len()));
    };
    let (old, new) = change(i, a, |_| Ok(v.clone()))?;
    Ok(i.env.make_vector(&[old.borrowed(), new.borrowed()])?)
}

/// `(compare-and-set! atom old new)`: sets `new` if the atom holds `old`
/// (the same value: identity, as Clojure); whether it did.
pub(crate) fn compare_and_set<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let a = atom_arg("compare-and-set!", &args)?;
    let [_, old, new] = &args[..] else {
        return Err(arity("clojure.core/compare-and-set!", args.len()));
    };
    let hooks = i.hooks(a)?;
    i.check_publishable(new.borrowed(), || "an atom".into())?;
    validate(i, hooks.validator.as_ref(), new)?;
    let done = i
        .env
        .atom_root(a)?
        .compare_and_set(&i.p, old.borrowed(), new.clone())?;
    if done {
        notify(i, &hooks, a, old, new)?;
    }
    Ok(i.env.make_bool(done))
}

/// `(set-validator! atom f)`: `f` (nil removes it) must accept the current
/// value; nil.
pub(crate) fn set_validator<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let a = iref_arg(i, "set-validator!", &args)?;
    let [atom, f] = &args[..] else {
        return Err(arity("clojure.core/set-validator!", args.len()));
    };
    if !f.borrowed().is_nil() {
        let current = i.iref_value(a)?;
        validate(i, Some(f), &current)?;
    }
    let env = i.env;
    i.update_registry(0, |m| {
        Ok(if f.borrowed().is_nil() {
            env.dissoc(m.borrowed(), atom.borrowed())?
        } else {
            env.assoc(m.borrowed(), atom.borrowed(), f.borrowed())?
        })
    })?;
    Ok(Value::nil(env))
}

/// `(get-validator atom)`: its validator, or nil.
pub(crate) fn get_validator<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let a = iref_arg(i, "get-validator", &args)?;
    Ok(i.hooks(a)?.validator.unwrap_or_else(|| Value::nil(i.env)))
}

/// `(add-watch atom key f)`: calls `(f key atom old new)` after each
/// change; the atom.
pub(crate) fn add_watch<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    iref_arg(i, "add-watch", &args)?;
    let [atom, key, f] = &args[..] else {
        return Err(arity("clojure.core/add-watch", args.len()));
    };
    let env = i.env;
    i.update_registry(1, |m| {
        let mine = match m.borrowed().get(atom.borrowed())? {
            Some(w) => env.own(w)?,
            None => env.empty_map()?,
        };
        let mine = env.assoc(mine.borrowed(), key.borrowed(), f.borrowed())?;
        Ok(env.assoc(m.borrowed(), atom.borrowed(), mine.borrowed())?)
    })?;
    Ok(atom.clone())
}

/// `(remove-watch atom key)`: the atom.
pub(crate) fn remove_watch<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    iref_arg(i, "remove-watch", &args)?;
    let [atom, key] = &args[..] else {
        return Err(arity("clojure.core/remove-watch", args.len()));
    };
    let env = i.env;
    i.update_registry(1, |m| {
        let Some(mine) = m.borrowed().get(atom.borrowed())? else {
            return Ok(m);
        };
        let mine = env.dissoc(mine, key.borrowed())?;
        Ok(if mine.borrowed().count()? == 0 {
            env.dissoc(m.borrowed(), atom.borrowed())?
        } else {
            env.assoc(m.borrowed(), atom.borrowed(), mine.borrowed())?
        })
    })?;
    Ok(atom.clone())
}
