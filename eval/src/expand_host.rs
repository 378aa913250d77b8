//! The host-interop forms as the expander rewrites them to calls of the
//! interop natives (`natives/host/objects.rs`, `methods.rs`): `(Class.
//! args)`, `(new Class args)`, `(. target method args)` and `(Class/FIELD)`.
//! `expand.rs` asks here for every list whose head is a symbol.

use crate::error::{EvalResult, syntax};
use crate::interp::Interp;
use evelisp_heap::{Kind, Ref, Value, Word};

impl<'e> Interp<'e> {
    /// The host-interop forms, rewritten to calls (a name bound to a var
    /// is left alone, so a record's `Name.` or a user's `new` stay theirs):
    /// - `(Class. args...)` and `(new Class args...)`:
    ///   `(evelisp.interop/new "Class" args...)` (`natives/host/objects.rs`),
    ///   or `(Class. args...)` when that names a record's constructor;
    /// - `(. target method args...)` and `(. target (method args...))`:
    ///   `(.method target args...)`;
    /// - `(Class/FIELD)`, a static constant called with no arguments
    ///   (Clojure reads it as the field): `Class/FIELD`.
    pub(crate) fn host_form(&self, form: Ref<'_>, head: Ref<'_>) -> EvalResult<Option<Value<'e>>> {
        let env = self.env;
        let (ns, name) = head.symbol_parts()?;
        let resolved =
            || -> EvalResult<bool> { Ok(matches!(self.resolve_symbol(head), Ok(Some(_)))) };
        let items =
            || -> EvalResult<Vec<Ref<'_>>> { Ok(form.elements()?.collect::<Result<_, _>>()?) };
        let new_call = |class: &str, args: &[Ref<'_>]| -> EvalResult<Value<'e>> {
            let new = env.intern_symbol(Some("evelisp.interop"), "new")?;
            let class = env.make_string(class)?;
            let mut call = vec![new.borrowed(), class.borrowed()];
            call.extend_from_slice(args);
            Ok(env.make_list(&call)?)
        };
        if ns.is_none() && name.len() > 1 && name.ends_with('.') && !name.starts_with('.') {
            if resolved()? {
                return Ok(None);
            }
            let items = items()?;
            return Ok(Some(new_call(&name[..name.len() - 1], &items[1..])?));
        }
        if ns.is_none() && name == "new" && !resolved()? {
            let items = items()?;
            let Some(class) = items.get(1) else {
                return Err(syntax("new", "needs a class"));
            };
            let (None, class) = class.symbol_parts()? else {
                return Err(syntax("new", "the class must be a symbol"));
            };
            // A record or type's constructor `Name.` (defrecord, deftype).
            let ctor = env.intern_symbol(None, &format!("{class}."))?;
            if matches!(self.resolve_symbol(ctor.borrowed()), Ok(Some(_))) {
                let mut call = vec![ctor.borrowed()];
                call.extend_from_slice(&items[2..]);
                return Ok(Some(env.make_list(&call)?));
            }
            return Ok(Some(new_call(class, &items[2..])?));
        }
        if ns.is_none() && name == "." && !resolved()? {
            let items = items()?;
            let (Some(target), Some(member)) = (items.get(1), items.get(2)) else {
                return Err(syntax(".", "needs a target and a member"));
            };
            let (method, args): (Ref<'_>, Vec<Ref<'_>>) =
                if matches!(member.kind()?, Some(Kind::Cons)) {
                    let parts: Vec<Ref<'_>> = member.elements()?.collect::<Result<_, _>>()?;
                    (parts[0], parts[1..].to_vec())
                } else {
                    (*member, items[3..].to_vec())
                };
            let (None, m) = method.symbol_parts()? else {
                return Err(syntax(".", "the member must be a symbol"));
            };
            let dotted = env.intern_symbol(None, &format!(".{}", m.trim_start_matches('-')))?;
            let mut call = vec![dotted.borrowed(), *target];
            call.extend(args);
            return Ok(Some(env.make_list(&call)?));
        }
        if let Some(class) = ns
            && form.count()? == 1
            && class.chars().next().is_some_and(char::is_uppercase)
            && let Ok(Some(var)) = self.resolve_symbol(head)
            && self.env.var_flags(var.borrowed())? & evelisp_heap::VAR_MACRO == 0
        {
            let root = env.var_root(var.borrowed())?.get(&self.p)?;
            if !matches!(root.borrowed().kind()?, Some(Kind::Fn)) && root.word() != Word::UNBOUND {
                return Ok(Some(env.own(head)?));
            }
        }
        Ok(None)
    }
}
