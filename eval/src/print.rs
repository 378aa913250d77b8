//! Printing heap values as text: Clojure's `pr` (readably: strings quoted
//! and escaped, characters as `\a`) and `print` (strings and characters
//! raw), as [`print_value`], [`pr_str`] and [`print_str`].
//!
//! | value | prints as |
//! |---|---|
//! | nil, booleans, integers | `nil`, `true`, `42` |
//! | bigints | `42N` |
//! | floats | as Clojure (Java's `Double.toString`): `1.0`, `1.0E10`, `##Inf`, `##NaN` |
//! | ratios | `1/3` |
//! | characters | `\a`, `\newline`, `\space` readably; the bare character otherwise |
//! | strings | `"a\nb"` readably; the raw text otherwise |
//! | regular expressions | `#"a+b"` (the source as written) |
//! | symbols, keywords | `ns/name`, `:ns/name` |
//! | lists, vectors, sets | `(1 2)`, `[1 2]`, `#{1 2}` |
//! | maps | `{:a 1, :b 2}` |
//! | agents | `#object[clojure.lang.Agent 0x1d8510 {:status :ready, :val 1}]` (`:failed` when an action failed it), as Clojure |
//! | atoms | `#object[clojure.lang.Atom 0x1d8510 {:status :ready, :val 42}]` as Clojure, the hex being the atom's offset in the env file (an atom met again inside its own value prints its value as `…`) |
//! | vars | `#'ns/name` |
//! | namespaces | `#namespace[name]` |
//! | functions | `#function[ns/name]`, `#function[anonymous]` |
//! | code objects | `#<code>` |
//! | the unbound marker | `#<unbound>` |
//!
//! With `*print-meta*` true (a dynamic var of `clojure.core`, false by
//! default), `pr` prints a value's metadata before it, as Clojure does:
//! `^{:a 1} [1 2]` (symbols, lists, vectors, maps, sets and seqs; not fns,
//! nor an empty map, nor when printing for humans).
//!
//! Reading an atom's current value needs a pin: [`print_value_in`] uses the
//! caller's [`Participant`]; [`print_value`] attaches one of its own, only
//! when it meets an atom. Deep nesting does not overflow the stack: it
//! grows on the heap as needed.

use evelisp_heap::{Env, HeapError, InstClass, Participant, Ref, View};
use evelisp_reader::format_double;
use num_bigint::{BigInt, Sign};
use std::fmt::Write;

/// Appends the text of `value` to `out`: as `pr` does when `readably`, as
/// `print` does otherwise. Attaches a participant of its own to read the
/// value of an atom, if it meets one (see [`print_value_in`] to use the
/// caller's).
pub fn print_value(value: Ref<'_>, readably: bool, out: &mut String) -> Result<(), HeapError> {
    Printer::new(value.env(), readably, None).print(value, out)
}

/// [`print_value`], reading atoms under pins of `participant` (the calling
/// thread's participant, attached to the env of `value`; one of another
/// env is ignored and a participant of its own attached instead).
pub fn print_value_in(
    value: Ref<'_>,
    readably: bool,
    participant: &Participant<'_>,
    out: &mut String,
) -> Result<(), HeapError> {
    let env = value.env();
    let p = std::ptr::eq(participant.env(), env).then_some(participant);
    Printer::new(env, readably, p).print(value, out)
}

/// The name of the var that makes `pr` print metadata.
pub(crate) const PRINT_META: &str = "*print-meta*";

/// Interns `clojure.core/*print-meta*` (dynamic, root false) if missing.
pub(crate) fn define_print_meta(i: &crate::interp::Interp<'_>) -> crate::error::EvalResult<()> {
    let env = i.env;
    let sym = env.intern_symbol(None, PRINT_META)?;
    let var = env.intern_var(&i.p, i.core.borrowed(), sym.borrowed())?;
    env.var_set_flags(var.borrowed(), evelisp_heap::VAR_DYNAMIC)?;
    let root = env.var_root(var.borrowed())?;
    let current = root.get(&i.p)?;
    if current.word() == evelisp_heap::Word::UNBOUND {
        root.compare_and_set(&i.p, current.borrowed(), env.make_bool(false))?;
    }
    Ok(())
}

/// Clojure's `pr-str`: the readable text of `value`.
pub fn pr_str(value: Ref<'_>) -> Result<String, HeapError> {
    let mut out = String::new();
    print_value(value, true, &mut out)?;
    Ok(out)
}

/// Clojure's `print-str`: the text of `value` for humans (strings and
/// characters raw).
pub fn print_str(value: Ref<'_>) -> Result<String, HeapError> {
    let mut out = String::new();
    print_value(value, false, &mut out)?;
    Ok(out)
}

impl<'e> crate::interp::Interp<'e> {
    /// Appends the text of `value` to `out` as [`print_value_in`] does,
    /// realizing the lazy seqs it holds first if it holds unrealized ones
    /// (what `pr`, `str`, the REPL print).
    pub fn print_realized(
        &self,
        value: Ref<'_>,
        readably: bool,
        out: &mut String,
    ) -> crate::error::EvalResult<()> {
        let start = out.len();
        // `*print-readably*` false makes `pr` print as `print` does.
        let readably = readably
            && self
                .print_var("*print-readably*")?
                .is_none_or(|v| crate::rust_values::truthy(v.borrowed()));
        let print_meta = readably
            && self
                .print_var(PRINT_META)?
                .is_some_and(|v| crate::rust_values::truthy(v.borrowed()));
        let limit = |name: &str| -> crate::error::EvalResult<Option<usize>> {
            Ok(self
                .print_var(name)?
                .and_then(|v| v.borrowed().as_i64().ok())
                .map(|n| usize::try_from(n).unwrap_or(0)))
        };
        let (length, level) = (limit("*print-length*")?, limit("*print-level*")?);
        let print = |out: &mut String| -> crate::error::EvalResult<()> {
            out.truncate(start);
            let mut printer = Printer::new(self.env, readably, Some(&self.p));
            printer.print_meta = print_meta;
            printer.length = length;
            printer.level = level;
            printer.print(value, out).map_err(Into::into)
        };
        match print(out) {
            Err(e) if e.is_unrealized() => {
                // Realize what will be printed: all of it, or, under
                // *print-length*/*print-level*, only as much (so an
                // infinite seq prints its first elements).
                if length.is_some() || level.is_some() {
                    self.realize_bounded(value, length, level)?;
                } else {
                    self.realize_deep(value)?;
                }
                print(out)
            }
            r => r,
        }
    }

    /// The value of printer var `clojure.core/name` on this thread (nil
    /// and unbound as `None`).
    /// The value of dynamic `clojure.core` var `name` on this thread
    /// (`None` when unbound or nil).
    pub(crate) fn core_dynamic(
        &self,
        name: &str,
    ) -> crate::error::EvalResult<Option<evelisp_heap::Value<'e>>> {
        self.print_var(name)
    }

    pub(crate) fn print_var(
        &self,
        name: &str,
    ) -> crate::error::EvalResult<Option<evelisp_heap::Value<'e>>> {
        let sym = self.env.intern_symbol(None, name)?;
        let Some(var) = self.ns_lookup(self.core.borrowed(), sym.borrowed())? else {
            return Ok(None);
        };
        let v = match self.thread_binding(var.borrowed()) {
            Some(v) => v,
            None => self.env.var_root(var.borrowed())?.get(&self.p)?,
        };
        Ok((v.word() != evelisp_heap::Word::UNBOUND && !v.borrowed().is_nil()).then_some(v))
    }

    /// Clojure's `pr-str` of `value`, realizing lazy seqs (see
    /// [`Self::print_realized`]).
    pub fn pr_str(&self, value: Ref<'_>) -> crate::error::EvalResult<String> {
        let mut out = String::new();
        self.print_realized(value, true, &mut out)?;
        Ok(out)
    }

    /// Appends Clojure's `(str v)` of one value to `out` (Java's
    /// `toString`): nothing for nil, strings and characters as they are, a
    /// pattern's source, a namespace's name, a lazy seq as
    /// `clojure.lang.LazySeq@<hash>`, anything else printed readably
    /// (`(str [1 "x"])` is `[1 "x"]`).
    pub fn push_str_of(&self, v: Ref<'_>, out: &mut String) -> crate::error::EvalResult<()> {
        // `str` of a small integer: the hot path of string building.
        if let Some(n) = v.word().as_fixnum() {
            out.push_str(itoa::Buffer::new().format(n));
            return Ok(());
        }
        // A string (what `join` gets most): its text, one object check.
        if let Some(s) = v.string_text()? {
            out.push_str(s);
            return Ok(());
        }
        match v.view()? {
            View::Nil => {}
            View::Str(s) | View::Pattern(s) => out.push_str(s),
            View::Char(c) => out.push(c),
            // Java's Double.toString, not the reader's ##NaN.
            View::Float(f) if f.is_nan() => out.push_str("NaN"),
            View::Float(f) if f.is_infinite() => {
                out.push_str(if f > 0.0 { "Infinity" } else { "-Infinity" })
            }
            // Java's `BigDecimal.toString`: no `M`.
            View::BigDecimal {
                negative,
                magnitude,
                scale,
            } => push_decimal(out, negative, magnitude, scale),
            // `BigInt.toString`: the digits, no `N`.
            View::BigInt { .. } => {
                let start = out.len();
                print_value(v, true, out)?;
                if out[start..].ends_with('N') {
                    out.pop();
                }
            }
            View::Host(_) => out.push_str(&crate::host_objects::to_string(v.word())),
            View::Namespace(_) => {
                let name = self.env.namespace_name(v)?;
                out.push_str(name.symbol_parts()?.1);
            }
            // Scalars print the same whatever the printer vars say: no
            // lookups (`str` of a number is a hot path of string building).
            View::Int(_)
            | View::Float(_)
            | View::Float32(_)
            | View::Ratio { .. }
            | View::Bool(_)
            | View::Keyword { .. }
            | View::Symbol { .. } => print_value(v, true, out)?,
            // Java's `Object.toString` (the hex is the offset in the env file).
            View::Volatile(offset) => {
                push_fmt(out, format_args!("clojure.lang.Volatile@{offset:x}"));
            }
            View::Reduced(offset) => {
                push_fmt(out, format_args!("clojure.lang.Reduced@{offset:x}"));
            }
            // Java's `toString` of an array: `[I@1d8510`.
            View::Array(offset) => {
                let class = v.array_class_name()?;
                push_fmt(out, format_args!("{class}@{offset:x}"));
            }
            View::Seq { lazy: true } => {
                let h = self.realizing(&[v], || Ok(v.hash()?))?;
                push_fmt(out, format_args!("clojure.lang.LazySeq@{:x}", h as u32));
            }
            // Java's `toString` of the host classes.
            View::Uuid { msb, lsb } => out.push_str(&crate::uuid_time::format_uuid(msb, lsb)),
            View::Inst {
                seconds,
                class: InstClass::Date,
                ..
            } => out.push_str(&crate::uuid_time::date_to_string(seconds)),
            View::Inst { seconds, nanos, .. } => {
                out.push_str(&crate::uuid_time::format_instant(seconds, nanos));
            }
            View::TaggedLiteral { .. } => {
                push_fmt(
                    out,
                    format_args!("clojure.lang.TaggedLiteral@{:x}", v.hash()? as u32),
                );
            }
            View::ReaderConditional { .. } => {
                push_fmt(
                    out,
                    format_args!("clojure.lang.ReaderConditional@{:x}", v.hash()? as u32),
                );
            }
            _ => match plain_object_text(v)? {
                Some(text) => out.push_str(&text),
                None => match crate::host_paths::host_record_text(v)? {
                    Some((_, text)) => out.push_str(&text),
                    None => self.print_realized(v, true, out)?,
                },
            },
        }
        Ok(())
    }

    /// Clojure's `print-str` of `value`, realizing lazy seqs.
    pub fn print_str(&self, value: Ref<'_>) -> crate::error::EvalResult<String> {
        let mut out = String::new();
        self.print_realized(value, false, &mut out)?;
        Ok(out)
    }
}

/// One printing run.
struct Printer<'e, 'p> {
    env: &'e Env,
    readably: bool,
    /// The caller's participant, if given.
    borrowed: Option<&'p Participant<'p>>,
    /// A participant of our own, attached at the first atom.
    owned: Option<Participant<'e>>,
    /// Atoms being printed (their offsets), to stop at a cycle.
    atoms: Vec<u64>,
    /// Whether to print metadata (`*print-meta*`).
    print_meta: bool,
    /// How many elements of each collection to print (`*print-length*`).
    length: Option<usize>,
    /// How deep to print nested collections (`*print-level*`).
    level: Option<usize>,
    /// The collections being printed around the current value.
    depth: usize,
    /// Their words, outermost first (to find a collection inside itself).
    path: Vec<u64>,
}

impl<'e, 'p> Printer<'e, 'p> {
    fn new(env: &'e Env, readably: bool, borrowed: Option<&'p Participant<'p>>) -> Self {
        Printer {
            env,
            readably,
            borrowed,
            owned: None,
            atoms: Vec::new(),
            print_meta: false,
            length: None,
            level: None,
            depth: 0,
            path: Vec::new(),
        }
    }

    fn print(&mut self, value: Ref<'_>, out: &mut String) -> Result<(), HeapError> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.print_on_stack(value, out))
    }

    fn print_on_stack(&mut self, value: Ref<'_>, out: &mut String) -> Result<(), HeapError> {
        let view = value.view()?;
        if self.print_meta
            && !matches!(view, View::Fn(_))
            && let Some(m) = value.meta()?
            && m.count()? > 0
        {
            out.push('^');
            self.print(m, out)?;
            out.push(' ');
        }
        let collection = matches!(
            view,
            View::List { .. }
                | View::Seq { .. }
                | View::Vector { .. }
                | View::Set { .. }
                | View::Map { .. }
        );
        if collection && self.level.is_some_and(|l| self.depth >= l) {
            out.push('#');
            return Ok(());
        }
        if collection {
            // A collection inside itself (only a damaged file holds one:
            // objects are immutable once published) would print forever.
            // Looked for at depths 64, 128, 256, ...: a cycle of length L
            // shows by the first such depth past 64 + L, and sound values
            // pay a push and a pop.
            let w = value.word().bits();
            if self.path.len() >= 64 && self.path.len().is_power_of_two() && self.path.contains(&w)
            {
                return Err(self.env.cycle_error(value.word()));
            }
            self.path.push(w);
        }
        self.depth += usize::from(collection);
        let r = self.print_view(value, view, out);
        self.depth -= usize::from(collection);
        if collection {
            self.path.pop();
        }
        r
    }

    fn print_view(
        &mut self,
        value: Ref<'_>,
        view: View<'_>,
        out: &mut String,
    ) -> Result<(), HeapError> {
        match view {
            View::Nil => out.push_str("nil"),
            View::Bool(b) => out.push_str(if b { "true" } else { "false" }),
            View::Unbound => out.push_str("#<unbound>"),
            View::Host(_) => match crate::host_objects::kept_collection(value.word()) {
                // A `java.util` collection prints as its contents, as
                // Clojure prints Java collections.
                Some((id, list, env)) if env == self.env as *const _ as usize => {
                    let contents = self.env.kept(id)?;
                    if list {
                        self.print_seq(contents.borrowed(), "(", ")", out)?;
                    } else {
                        self.print(contents.borrowed(), out)?;
                    }
                }
                _ => crate::host_objects::print(value.word(), self.readably, out),
            },
            View::Int(i) => out.push_str(itoa::Buffer::new().format(i)),
            View::BigInt {
                negative,
                magnitude,
            } => {
                push_bigint(out, negative, magnitude);
                // A `java.math.BigInteger` prints without the `N`.
                if !value.is_biginteger()? {
                    out.push('N');
                }
            }
            View::Float(f) => out.push_str(&format_double(f)),
            View::Float32(f) => out.push_str(&evelisp_reader::format_float(f)),
            View::BigDecimal {
                negative,
                magnitude,
                scale,
            } => {
                push_decimal(out, negative, magnitude, scale);
                out.push('M');
            }
            // As Clojure prints a pattern (`pr` and `print` alike).
            View::Pattern(source) => {
                out.push_str("#\"");
                out.push_str(source);
                out.push('"');
            }
            View::Ratio { .. } => {
                let (n, d) = value.ratio_parts()?;
                push_integer(out, n)?;
                out.push('/');
                push_integer(out, d)?;
            }
            View::Char(c) if self.readably => {
                crate::print_literals::push_char_literal(out, c);
            }
            View::Char(c) => out.push(c),
            View::Str(s) if self.readably => {
                crate::print_literals::push_string_literal(out, s);
            }
            View::Str(s) => out.push_str(s),
            View::Symbol { ns, name } => push_name(out, ns, name),
            View::Keyword { ns, name } => {
                out.push(':');
                push_name(out, ns, name);
            }
            View::List { .. } | View::Seq { .. } => self.print_seq(value, "(", ")", out)?,
            View::Vector { .. } => self.print_seq(value, "[", "]", out)?,
            View::Set { .. } => self.print_seq(value, "#{", "}", out)?,
            View::Map { .. } => {
                // A ref prints as Clojure's: its cell's value.
                if let Some(ty) = value.record_type()?
                    && ty.symbol_parts()? == (None, "clojure.lang.Ref")
                {
                    let key = self.env.intern_keyword(Some("evelisp.ref"), "cell")?;
                    if let Some(cell) = value.get(key.borrowed())?
                        && let View::Atom(offset) = cell.view()?
                    {
                        return self.print_atom_as(cell, offset, "clojure.lang.Ref", out);
                    }
                }
                // An agent: `#object[clojure.lang.Agent 0x.. {:status
                // :ready, :val 1}]` (`:failed` once an action failed it).
                if let Some(ty) = value.record_type()?
                    && ty.symbol_parts()? == (None, "clojure.lang.Agent")
                {
                    let key = self.env.intern_keyword(Some("evelisp.agent"), "cell")?;
                    if let Some(cell) = value.get(key.borrowed())?
                        && let View::Atom(offset) = cell.view()?
                    {
                        return self.print_agent(cell, offset, out);
                    }
                }
                // A path or file time (`host_paths.rs`): as Clojure
                // prints those objects, the hash standing for identity.
                if let Some((class, text)) = crate::host_paths::host_record_text(value)? {
                    let h = value.hash()? as u32;
                    push_fmt(out, format_args!("#object[{class} 0x{h:x} "));
                    if self.readably {
                        out.push('"');
                        out.push_str(&text);
                        out.push('"');
                    } else {
                        out.push_str(&text);
                    }
                    out.push(']');
                    return Ok(());
                }
                // `(Object.)`: as Clojure prints a plain object.
                if let Some(text) = plain_object_text(value)? {
                    push_fmt(
                        out,
                        format_args!("#object[java.lang.Object 0x{} ", &text[17..]),
                    );
                    if self.readably {
                        out.push('"');
                        out.push_str(&text);
                        out.push('"');
                    } else {
                        out.push_str(&text);
                    }
                    out.push(']');
                    return Ok(());
                }
                // A record prints as `#user.Point{:x 1, :y 2}`.
                if let Some(ty) = value.record_type()? {
                    out.push('#');
                    self.print_name_of(ty, out)?;
                }
                out.push('{');
                for (i, entry) in value.entries()?.enumerate() {
                    let (k, v) = entry?;
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if self.length == Some(i) {
                        out.push_str("...");
                        break;
                    }
                    self.print(k, out)?;
                    out.push(' ');
                    self.print(v, out)?;
                }
                out.push('}');
            }
            View::Atom(offset) => self.print_atom_as(value, offset, "clojure.lang.Atom", out)?,
            View::Volatile(offset) => {
                self.print_atom_as(value, offset, "clojure.lang.Volatile", out)?
            }
            // As Clojure: #object[clojure.lang.Reduced 0x1d8510 {:status :ready, :val 1}]
            View::Reduced(offset) => {
                push_fmt(
                    out,
                    format_args!(
                        "#object[clojure.lang.Reduced 0x{offset:x} {{:status :ready, :val "
                    ),
                );
                if let Some(inner) = value.reduced_inner()? {
                    self.print(inner, out)?;
                }
                out.push_str("}]");
            }
            View::Var(_) => {
                let (ns, name) = self.env.var_name(value)?;
                out.push_str("#'");
                self.print_name_of(ns, out)?;
                out.push('/');
                self.print_name_of(name, out)?;
            }
            View::Namespace(_) => {
                out.push_str("#namespace[");
                self.print_name_of(self.env.namespace_name(value)?, out)?;
                out.push(']');
            }
            View::Fn(_) => {
                let (_, _, name) = self.env.fn_parts(value)?;
                out.push_str("#function[");
                if name.is_nil() {
                    out.push_str("anonymous");
                } else {
                    self.print_name_of(name, out)?;
                }
                out.push(']');
            }
            View::Code(_) => out.push_str("#<code>"),
            View::Uuid { msb, lsb } => {
                out.push_str("#uuid \"");
                out.push_str(&crate::uuid_time::format_uuid(msb, lsb));
                out.push('"');
            }
            View::Inst {
                seconds,
                nanos,
                class: InstClass::Date,
            } => {
                out.push_str("#inst \"");
                out.push_str(&crate::uuid_time::format_inst(seconds, nanos));
                out.push('"');
            }
            // As Clojure prints an object without a print method (the hex
            // is the object's offset in the env file).
            View::Inst {
                seconds,
                nanos,
                class: InstClass::Instant,
            } => {
                let offset = value.word().bits();
                push_fmt(
                    out,
                    format_args!(
                        "#object[java.time.Instant 0x{offset:x} \"{}\"]",
                        crate::uuid_time::format_instant(seconds, nanos)
                    ),
                );
            }
            View::TaggedLiteral { .. } => {
                let (tag, form) = value.tagged_literal_parts()?;
                out.push('#');
                self.print(tag, out)?;
                out.push(' ');
                self.print(form, out)?;
            }
            View::ReaderConditional { .. } => {
                let (form, splicing) = value.reader_conditional_parts()?;
                out.push_str(if splicing { "#?@" } else { "#?" });
                self.print(form, out)?;
            }
            // As Clojure: #object["[I" 0x1d8510 "[I@1d8510"] (the hex is
            // the array's offset in the env file, the same in every process).
            View::Array(offset) => {
                let class = value.array_class_name()?;
                let q = if self.readably { "\"" } else { "" };
                push_fmt(
                    out,
                    format_args!("#object[{q}{class}{q} 0x{offset:x} {q}{class}@{offset:x}{q}]"),
                );
            }
        }
        Ok(())
    }

    fn print_seq(
        &mut self,
        value: Ref<'_>,
        open: &str,
        close: &str,
        out: &mut String,
    ) -> Result<(), HeapError> {
        out.push_str(open);
        for (i, x) in value.elements()?.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if self.length == Some(i) {
                out.push_str("...");
                break;
            }
            self.print(x?, out)?;
        }
        out.push_str(close);
        Ok(())
    }

    /// A name (symbol, string or other value) printed without quotes, as
    /// in `#'ns/name` and `#function[name]`.
    fn print_name_of(&mut self, name: Ref<'_>, out: &mut String) -> Result<(), HeapError> {
        match name.view()? {
            View::Str(s) => out.push_str(s),
            View::Symbol { ns, name } => push_name(out, ns, name),
            _ => self.print(name, out)?,
        }
        Ok(())
    }

    /// An agent whose cell is `cell` (at `offset`): its state and status.
    fn print_agent(
        &mut self,
        cell: Ref<'_>,
        offset: u64,
        out: &mut String,
    ) -> Result<(), HeapError> {
        push_fmt(
            out,
            format_args!("#object[clojure.lang.Agent 0x{offset:x} "),
        );
        if self.atoms.contains(&offset) {
            out.push_str("{:status :ready, :val …}]");
            return Ok(());
        }
        if self.borrowed.is_none() && self.owned.is_none() {
            self.owned = Some(self.env.participant()?);
        }
        let root = self.env.atom_root(cell)?;
        self.atoms.push(offset);
        let printed = {
            let owned = self.owned.take();
            let Some(p) = self.borrowed.or(owned.as_ref()) else {
                self.atoms.pop();
                return Err(no_participant());
            };
            let result = root.get(p).and_then(|ctl| {
                let c = ctl.borrowed();
                let status = if c.nth(1)?.is_nil() {
                    "ready"
                } else {
                    "failed"
                };
                push_fmt(out, format_args!("{{:status :{status}, :val "));
                self.print(c.nth(0)?, out)
            });
            self.owned = owned;
            result
        };
        self.atoms.pop();
        printed?;
        out.push_str("}]");
        Ok(())
    }

    /// An atom (or a volatile) as Clojure prints it, its value read as an
    /// owned value.
    fn print_atom_as(
        &mut self,
        atom: Ref<'_>,
        offset: u64,
        class: &str,
        out: &mut String,
    ) -> Result<(), HeapError> {
        // As Clojure: #object[clojure.lang.Atom 0x1d8510 {:status :ready, :val 42}]
        // (the hex is the atom's offset in the env file, the same in every
        // process).
        if self.atoms.contains(&offset) {
            push_fmt(
                out,
                format_args!("#object[{class} 0x{offset:x} {{:status :ready, :val …}}]"),
            );
            return Ok(());
        }
        if self.borrowed.is_none() && self.owned.is_none() {
            self.owned = Some(self.env.participant()?);
        }
        let root = match atom.kind()? {
            Some(evelisp_heap::Kind::Volatile) => self.env.volatile_root(atom)?,
            _ => self.env.atom_root(atom)?,
        };
        // An owned value, not a pin: printing may realize lazy seqs, which
        // runs user code.
        let value = {
            let Some(p) = self.borrowed.or(self.owned.as_ref()) else {
                return Err(no_participant());
            };
            root.get(p)?
        };
        // A transient (core_fns.clj: an atom holding
        // `{:clojure.core/transient coll}`) prints as Clojure's does.
        if class == "clojure.lang.Atom"
            && let Some(tc) = transient_class(self.env, value.borrowed())?
        {
            let q = if self.readably { "\"" } else { "" };
            push_fmt(
                out,
                format_args!("#object[{tc} 0x{offset:x} {q}{tc}@{offset:x}{q}]"),
            );
            return Ok(());
        }
        push_fmt(
            out,
            format_args!("#object[{class} 0x{offset:x} {{:status :ready, :val "),
        );
        self.atoms.push(offset);
        let printed = self.print(value.borrowed(), out);
        self.atoms.pop();
        printed?;
        out.push_str("}]");
        Ok(())
    }
}

/// The JVM class of the transient whose box holds `value`, if `value` is
/// such a box's content (`{:clojure.core/transient coll}`).
fn transient_class(env: &Env, value: Ref<'_>) -> Result<Option<&'static str>, HeapError> {
    if !matches!(value.kind()?, Some(evelisp_heap::Kind::ArrayMap)) || value.count()? != 1 {
        return Ok(None);
    }
    let key = env.intern_keyword(Some("clojure.core"), "transient")?;
    let Some(coll) = value.get(key.borrowed())? else {
        return Ok(None);
    };
    use evelisp_heap::Kind;
    Ok(match coll.kind()? {
        Some(Kind::Vector) => Some("clojure.lang.PersistentVector$TransientVector"),
        Some(Kind::Set) => Some("clojure.lang.PersistentHashSet$TransientHashSet"),
        Some(Kind::ArrayMap) => Some("clojure.lang.PersistentArrayMap$TransientArrayMap"),
        Some(Kind::Map) => Some("clojure.lang.PersistentHashMap$TransientHashMap"),
        _ => None,
    })
}

/// Attaching a participant at the first atom cannot leave none; reported
/// as an error rather than a panic all the same.
fn no_participant() -> HeapError {
    HeapError::WrongKind {
        expected: "a participant to read an atom",
        found: "none".into(),
    }
}

fn push_fmt(out: &mut String, args: std::fmt::Arguments<'_>) {
    // Writing to a String cannot fail.
    let _ = out.write_fmt(args);
}

fn push_name(out: &mut String, ns: Option<&str>, name: &str) {
    if let Some(ns) = ns {
        out.push_str(ns);
        out.push('/');
    }
    out.push_str(name);
}

fn push_bigint(out: &mut String, negative: bool, magnitude: &[u8]) {
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    push_fmt(
        out,
        format_args!("{}", BigInt::from_bytes_le(sign, magnitude)),
    );
}

/// A decimal as Java's `BigDecimal.toString` (`1.50`, `1E+3`), without `M`.
pub(crate) fn push_decimal(out: &mut String, negative: bool, magnitude: &[u8], scale: i32) {
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    out.push_str(&evelisp_reader::format_bigdecimal(
        &evelisp_reader::BigDecimal {
            unscaled: BigInt::from_bytes_le(sign, magnitude),
            scale: i64::from(scale),
        },
    ));
}

/// The numerator or denominator of a ratio: an integer, without `N`.
fn push_integer(out: &mut String, i: Ref<'_>) -> Result<(), HeapError> {
    match i.view()? {
        View::Int(i) => push_fmt(out, format_args!("{i}")),
        View::BigInt {
            negative,
            magnitude,
        } => push_bigint(out, negative, magnitude),
        other => {
            return Err(HeapError::WrongKind {
                expected: "integer",
                found: format!("{other:?}"),
            });
        }
    }
    Ok(())
}

/// `ns/name` or `name` of a symbol, for messages.
pub(crate) fn symbol_text(sym: Ref<'_>) -> String {
    match sym.symbol_parts() {
        Ok((Some(ns), name)) => format!("{ns}/{name}"),
        Ok((None, name)) => name.to_string(),
        Err(_) => format!("{:?}", sym.word()),
    }
}

/// The error for a value of the wrong type: `v` (printed) is not `what`.
pub fn class_cast(what: &str, v: Ref<'_>) -> crate::error::EvalError {
    let shown = pr_str(v).unwrap_or_else(|_| "value".into());
    crate::error::EvalError::new(crate::error::EvalErrorKind::ClassCast(format!(
        "{shown} is not {what}"
    )))
}

/// Java's `toString` of what `(Object.)` made (`java.lang.Object@hash`),
/// or `None` for any other value.
pub(crate) fn plain_object_text(v: Ref<'_>) -> Result<Option<String>, evelisp_heap::HeapError> {
    match v.record_type()? {
        Some(ty) if ty.symbol_parts()? == (None, "java.lang.Object") => {
            Ok(Some(format!("java.lang.Object@{:x}", v.hash()? as u32)))
        }
        _ => Ok(None),
    }
}
