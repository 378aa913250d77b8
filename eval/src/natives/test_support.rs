//! What `clojure.test` needs from Rust: the source position of a form
//! (`evelisp/form-position`, so `is` can name the file and line of a
//! failing assertion: lists carry no metadata here), and running a
//! function with `*out*` sent to the process's standard output or error
//! (`evelisp.test/call-with-out`, behind `*test-out*`: streams are
//! process-local and cannot be values in the shared env, so `*test-out*`
//! names one by keyword).

use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Out;
use crate::native_registry::Args;
use evelisp_heap::{Kind, Value};

natives! {
    /// Where form was read, as {:file :line :column} (no :file for the REPL or
    /// -e), or for a form a macro built, where that macro was called; nil when
    /// not known. For macros: (evelisp/form-position &form).
    #[arglists = "([form])"]
    "evelisp/form-position" => form_position;
    /// Calls f with no arguments and *out* going to target: nil keeps the
    /// current *out*, :out is standard output, :err standard error; the
    /// previous *out* comes back afterwards, also when f fails.
    #[arglists = "([target f])"]
    "evelisp.test/call-with-out" => call_with_out;
}

/// `(evelisp/form-position form)`: `{:file "f.clj" :line 3 :column 5}`
/// for where `form` was read (`:file` left out when it was read from the
/// REPL or `-e`), or, for a form a macro made, where that macro was
/// called; nil when not known. Meant for macros: `(evelisp/form-position
/// &form)`.
fn form_position<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [form] = &args[..] else {
        return Err(arity("evelisp/form-position", args.len()));
    };
    let env = i.env();
    let Some(pos) = i.form_position(form.borrowed()) else {
        return Ok(Value::nil(env));
    };
    let mut m = env.empty_map()?;
    if let Some(file) = &pos.file {
        let k = env.intern_keyword(None, "file")?;
        let v = env.make_string(file)?;
        m = env.assoc(m.borrowed(), k.borrowed(), v.borrowed())?;
    }
    for (name, n) in [("line", pos.line), ("column", pos.column)] {
        let k = env.intern_keyword(None, name)?;
        let v = env.make_int(i64::from(n))?;
        m = env.assoc(m.borrowed(), k.borrowed(), v.borrowed())?;
    }
    Ok(m)
}

/// `(evelisp.test/call-with-out target f)`: calls `f` with this thread's
/// `*out*` going to `target`: nil keeps the current `*out*`, `:out` is the
/// process's standard output, `:err` its standard error. The previous
/// `*out*` is put back, also when `f` fails.
fn call_with_out<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [target, f] = &args[..] else {
        return Err(arity("evelisp.test/call-with-out", args.len()));
    };
    let target = target.borrowed();
    let out = if target.is_nil() {
        None
    } else if matches!(target.kind()?, Some(Kind::Keyword)) {
        match target.symbol_parts()? {
            (None, "out") => Some(Out::shared(std::io::stdout())),
            (None, "err") => Some(Out::shared(std::io::stderr())),
            _ => None,
        }
        .map(Some)
        .ok_or_else(|| bad_target(target))?
    } else {
        return Err(bad_target(target));
    };
    let Some(out) = out else {
        return i.apply(f.borrowed(), Args::new());
    };
    let saved = i.replace_out(out);
    let result = i.apply(f.borrowed(), Args::new());
    i.replace_out(saved);
    result
}

/// The error for a `*test-out*` that names no stream.
fn bad_target(target: evelisp_heap::Ref<'_>) -> EvalError {
    let shown = crate::print::pr_str(target).unwrap_or_else(|_| "value".into());
    EvalError::new(EvalErrorKind::IllegalArgument(format!(
        "*test-out* must be nil, :out or :err (streams cannot be stored in the env), not {shown}"
    )))
}
