//! Clojure's built-in tag readers (`default-data-readers`): `#inst` (a
//! `java.util.Date` of an RFC 3339 timestamp, Clojure's
//! `clojure.instant/read-instant-date`) and `#uuid` (Java's
//! `UUID.fromString`), which reading needs without an interpreter
//! (`form_to_value.rs`, edn) and `data_readers.rs` falls back to.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::uuid_time;
use evelisp_heap::{Env, InstClass, Ref, Value, View};
use evelisp_reader::Symbol;

/// The value of a built-in tag (`inst`, `uuid`) for `value`, or `None`
/// for another tag.
pub(crate) fn builtin_tag<'e>(tag: &Symbol, value: &Value<'e>) -> Option<EvalResult<Value<'e>>> {
    if tag.ns.is_some() {
        return None;
    }
    match &*tag.name {
        "inst" => Some(read_instant_date(value.env(), value.borrowed())),
        "uuid" => Some(read_uuid(value.env(), value.borrowed())),
        _ => None,
    }
}

/// Clojure's `clojure.instant/read-instant-date`: the `java.util.Date`
/// of a timestamp string (milliseconds; finer digits are dropped).
pub(crate) fn read_instant_date<'e>(env: &'e Env, s: Ref<'_>) -> EvalResult<Value<'e>> {
    let View::Str(text) = s.view()? else {
        return Err(crate::print::class_cast("java.lang.CharSequence", s));
    };
    let (seconds, nanos) = uuid_time::parse_timestamp(text).map_err(read_error)?;
    Ok(env.make_inst(seconds, nanos / 1_000_000 * 1_000_000, InstClass::Date)?)
}

/// Clojure's `clojure.uuid/default-uuid-reader`: the UUID a string names.
pub(crate) fn read_uuid<'e>(env: &'e Env, s: Ref<'_>) -> EvalResult<Value<'e>> {
    let View::Str(text) = s.view()? else {
        return Err(EvalError::new(EvalErrorKind::IllegalArgument(
            "Assert failed: (string? form)".into(),
        )));
    };
    uuid_from_string(env, text)
}

/// Java's `UUID.fromString`, its errors as Java's exceptions.
pub(crate) fn uuid_from_string<'e>(env: &'e Env, text: &str) -> EvalResult<Value<'e>> {
    match uuid_time::parse_uuid(text) {
        Ok((msb, lsb)) => Ok(env.make_uuid(msb, lsb)?),
        Err(uuid_time::UuidError::Illegal(m)) => {
            Err(EvalError::new(EvalErrorKind::IllegalArgument(m)))
        }
        Err(uuid_time::UuidError::NumberFormat(m)) => {
            Err(EvalError::new(EvalErrorKind::NumberFormat(m)))
        }
    }
}

/// A reading error with Clojure's message (a `RuntimeException` there).
fn read_error(message: String) -> EvalError {
    EvalError::new(EvalErrorKind::Read(message))
}
