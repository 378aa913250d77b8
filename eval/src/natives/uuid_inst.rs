//! UUIDs, instants and the reader's data objects: the host calls behind
//! Clojure's `random-uuid`, `parse-uuid`, `inst-ms`, `tagged-literal` and
//! `reader-conditional` (those are Lisp in `core_more.clj`, as Clojure's
//! are Clojure over these), the classes' constructors and static methods
//! scripts call (`java.util.UUID/randomUUID`, `(java.util.Date.)`,
//! `java.time.Instant/now`), the built-in tag readers
//! (`clojure.instant/read-instant-date`, `clojure.uuid/default-uuid-reader`)
//! and the few instance methods of these classes ([`method`]).
//!
//! Values are stored in the env file (heap kinds `Uuid`, `Inst`,
//! `TaggedLiteral`, `ReaderConditional`), so every process reads,
//! compares and hashes them alike.

use crate::Interp;
use crate::builtin_readers;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::native_registry::Args;
use crate::print::class_cast;
use crate::uuid_time;
use evelisp_heap::{InstClass, Kind, Value, View};
use std::time::{SystemTime, UNIX_EPOCH};

natives! {
    /// A random (version 4) UUID, from a cryptographically strong generator.
    #[arglists = "([])"]
    "java.util.UUID/randomUUID" => random_uuid;
    /// The UUID the string s names (Java's UUID.fromString: five groups of hex
    /// digits separated by dashes); IllegalArgumentException (or
    /// NumberFormatException) otherwise.
    #[arglists = "([s])"]
    "java.util.UUID/fromString" => uuid_from_string;
    /// A java.util.Date: now, or ms milliseconds after 1970-01-01T00:00:00Z.
    #[arglists = "([] [ms])"]
    "java.util.Date." => new_date;
    /// The current instant (java.time.Instant), to the nanosecond the system
    /// clock gives.
    #[arglists = "([])"]
    "java.time.Instant/now" => instant_now;
    /// The java.time.Instant ms milliseconds after 1970-01-01T00:00:00Z.
    #[arglists = "([ms])"]
    "java.time.Instant/ofEpochMilli" => instant_of_millis;
    /// The java.time.Instant s seconds (plus nanos nanoseconds) after
    /// 1970-01-01T00:00:00Z.
    #[arglists = "([s] [s nanos])"]
    "java.time.Instant/ofEpochSecond" => instant_of_seconds;
    /// Milliseconds since 1970-01-01T00:00:00Z of the instant inst (a
    /// java.util.Date or java.time.Instant): the Inst protocol's method.
    #[arglists = "([inst])"]
    "inst-ms*" => inst_ms;
    /// The tagged literal of tag (a symbol) and form: what the reader gives for
    /// #tag form when it has no reader function for tag.
    #[arglists = "([tag form])"]
    "clojure.lang.TaggedLiteral/create" => tagged_literal;
    /// The reader conditional of form (a list of features and forms), #?@ when
    /// splicing? is true.
    #[arglists = "([form splicing?])"]
    "clojure.lang.ReaderConditional/create" => reader_conditional;
    /// The java.util.Date of an RFC 3339 timestamp string (what #inst reads).
    #[arglists = "([cs])"]
    "clojure.instant/read-instant-date" => read_instant_date;
    /// The java.util.UUID a string names (what #uuid reads).
    #[arglists = "([form])"]
    "clojure.uuid/default-uuid-reader" => read_uuid;
}

/// The one argument of `name`.
fn one<'a, 'e>(name: &str, args: &'a [Value<'e>]) -> EvalResult<&'a Value<'e>> {
    match args {
        [x] => Ok(x),
        _ => Err(arity(name, args.len())),
    }
}

/// An integer argument (Java's `long` parameter).
fn long_arg(v: &Value<'_>) -> EvalResult<i64> {
    match v.borrowed().view()? {
        View::Int(n) => Ok(n),
        View::Nil => Err(EvalError::new(EvalErrorKind::NullPointer(
            "Cannot unbox a null long".into(),
        ))),
        _ => Err(class_cast("java.lang.Number", v.borrowed())),
    }
}

fn random_uuid<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("java.util.UUID/randomUUID", args.len()));
    }
    let (msb, lsb): (u64, u64) = (rand::random(), rand::random());
    // Version 4, IETF variant.
    let msb = (msb & !0xf000) | 0x4000;
    let lsb = (lsb & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    Ok(i.env().make_uuid(msb, lsb)?)
}

fn uuid_from_string<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = one("java.util.UUID/fromString", &args)?;
    match s.borrowed().view()? {
        View::Str(text) => builtin_readers::uuid_from_string(i.env(), text),
        View::Nil => Err(EvalError::new(EvalErrorKind::NullPointer(
            "Cannot invoke \"String.length()\" because \"name\" is null".into(),
        ))),
        _ => Err(class_cast("java.lang.String", s.borrowed())),
    }
}

/// Now, as seconds and nanoseconds since the epoch.
fn now() -> (i64, u32) {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => (d.as_secs() as i64, d.subsec_nanos()),
        // A clock before 1970: count back.
        Err(e) => {
            let d = e.duration();
            let nanos = d.as_nanos() as i128;
            let total = -nanos;
            (
                total.div_euclid(1_000_000_000) as i64,
                total.rem_euclid(1_000_000_000) as u32,
            )
        }
    }
}

fn new_date<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (seconds, nanos) = match &args[..] {
        [] => {
            let (s, n) = now();
            (s, n / 1_000_000 * 1_000_000)
        }
        [ms] => uuid_time::from_millis(long_arg(ms)?),
        _ => return Err(arity("java.util.Date.", args.len())),
    };
    Ok(i.env().make_inst(seconds, nanos, InstClass::Date)?)
}

fn instant_now<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("java.time.Instant/now", args.len()));
    }
    let (s, n) = now();
    Ok(i.env().make_inst(s, n, InstClass::Instant)?)
}

fn instant_of_millis<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let ms = long_arg(one("java.time.Instant/ofEpochMilli", &args)?)?;
    let (s, n) = uuid_time::from_millis(ms);
    Ok(i.env().make_inst(s, n, InstClass::Instant)?)
}

fn instant_of_seconds<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (s, adjust) = match &args[..] {
        [s] => (long_arg(s)?, 0),
        [s, n] => (long_arg(s)?, long_arg(n)?),
        _ => return Err(arity("java.time.Instant/ofEpochSecond", args.len())),
    };
    let overflow = || EvalError::new(EvalErrorKind::Arithmetic("long overflow".into()));
    let seconds = s
        .checked_add(adjust.div_euclid(1_000_000_000))
        .ok_or_else(overflow)?;
    let nanos = adjust.rem_euclid(1_000_000_000) as u32;
    Ok(i.env().make_inst(seconds, nanos, InstClass::Instant)?)
}

fn inst_ms<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("clojure.core/inst-ms*", &args)?;
    let View::Inst { seconds, nanos, .. } = x.borrowed().view()? else {
        return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "No implementation of method: :inst-ms* of protocol: #'clojure.core/Inst \
             found for class: {}",
            crate::natives::host::classes::class_name(x.borrowed())?
                .unwrap_or_else(|| "nil".into())
        ))));
    };
    let ms = uuid_time::epoch_millis(seconds, nanos)
        .ok_or_else(|| EvalError::new(EvalErrorKind::Arithmetic("long overflow".into())))?;
    Ok(i.env().make_int(ms)?)
}

fn tagged_literal<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [tag, form] = &args[..] else {
        return Err(arity("clojure.core/tagged-literal", args.len()));
    };
    // A symbol, or nil (Clojure's cast to Symbol lets nil through).
    if !tag.borrowed().is_nil() && !matches!(tag.borrowed().kind()?, Some(Kind::Symbol)) {
        return Err(class_cast("clojure.lang.Symbol", tag.borrowed()));
    }
    Ok(i.env()
        .make_tagged_literal(tag.borrowed(), form.borrowed())?)
}

fn reader_conditional<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [form, splicing] = &args[..] else {
        return Err(arity("clojure.core/reader-conditional", args.len()));
    };
    if !matches!(form.borrowed().view()?, View::List { .. }) {
        return Err(class_cast("clojure.lang.IPersistentList", form.borrowed()));
    }
    let splicing = match splicing.borrowed().view()? {
        View::Bool(b) => b,
        View::Nil => {
            return Err(EvalError::new(EvalErrorKind::NullPointer(
                "Cannot invoke \"java.lang.Boolean.booleanValue()\" because \"splicing_QMARK_\" is null"
                    .into(),
            )));
        }
        _ => return Err(class_cast("java.lang.Boolean", splicing.borrowed())),
    };
    Ok(i.env().make_reader_conditional(form.borrowed(), splicing)?)
}

fn read_instant_date<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = one("clojure.instant/read-instant-date", &args)?;
    builtin_readers::read_instant_date(i.env(), s.borrowed())
}

fn read_uuid<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = one("clojure.uuid/default-uuid-reader", &args)?;
    builtin_readers::read_uuid(i.env(), s.borrowed())
}

/// The instance methods of UUIDs, instants and tagged literals that
/// `(.method x)` reaches: `getTime` (Date), `toEpochMilli`,
/// `getEpochSecond`, `getNano` (Instant), `toInstant` (Date),
/// `getMostSignificantBits`, `getLeastSignificantBits`, `version` (UUID);
/// `None` when `target` is none of these or `method` not one of its.
pub(crate) fn method<'e>(
    i: &Interp<'e>,
    method: &str,
    target: &Value<'e>,
    rest: &[Value<'e>],
) -> EvalResult<Option<Value<'e>>> {
    if !rest.is_empty() {
        return Ok(None);
    }
    let env = i.env();
    let int = |n: i64| -> EvalResult<Option<Value<'e>>> { Ok(Some(env.make_int(n)?)) };
    match (target.borrowed().view()?, method) {
        (View::Uuid { msb, .. }, "getMostSignificantBits") => int(msb as i64),
        (View::Uuid { lsb, .. }, "getLeastSignificantBits") => int(lsb as i64),
        (View::Uuid { msb, .. }, "version") => int(((msb >> 12) & 0xf) as i64),
        (
            View::Inst {
                seconds,
                nanos,
                class: InstClass::Date,
            },
            "getTime",
        )
        | (
            View::Inst {
                seconds,
                nanos,
                class: InstClass::Instant,
            },
            "toEpochMilli",
        ) => int(uuid_time::epoch_millis(seconds, nanos)
            .ok_or_else(|| EvalError::new(EvalErrorKind::Arithmetic("long overflow".into())))?),
        (
            View::Inst {
                seconds,
                class: InstClass::Instant,
                ..
            },
            "getEpochSecond",
        ) => int(seconds),
        (
            View::Inst {
                nanos,
                class: InstClass::Instant,
                ..
            },
            "getNano",
        ) => int(i64::from(nanos)),
        (
            View::Inst {
                seconds,
                nanos,
                class: InstClass::Date,
            },
            "toInstant",
        ) => Ok(Some(env.make_inst(seconds, nanos, InstClass::Instant)?)),
        (View::TaggedLiteral { .. }, "tag" | "form") => {
            let (tag, form) = target.borrowed().tagged_literal_parts()?;
            Ok(Some(env.own(if method == "tag" { tag } else { form })?))
        }
        _ => Ok(None),
    }
}
