//! What `clojure.repl` needs from Rust: the text of a top-level form
//! starting at a line of a source (for `source`), from a file on disk or
//! from the core library built into the binary.

use crate::error::EvalResult;
use crate::error::arity;
use crate::native_registry::Args;
use crate::{FromValue, Interp};
use evelisp_heap::Value;
use evelisp_reader::{ReadOptions, Reader};

natives! {
    /// The text of the top-level form that starts on line of file (a file on
    /// disk, else a core library source built into the binary), or nil.
    #[arglists = "([file line])"]
    "evelisp.repl/source-at" => source_at;
}

/// The source text of the file `file`: a file on disk, else one of the
/// core library's sources built into the binary (`clojure/core.clj`, ...).
fn source_text(file: &str) -> Option<String> {
    if let Ok(text) = std::fs::read_to_string(file) {
        return Some(text);
    }
    crate::load::embedded_source(file).map(str::to_string)
}

/// `(evelisp.repl/source-at file line)`: the text of the top-level form of
/// `file` that starts on `line`, or nil when there is none.
fn source_at<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [file, line] = &args[..] else {
        return Err(arity("evelisp.repl/source-at", args.len()));
    };
    let file = String::from_value(file.borrowed())?;
    let line = i64::from_value(line.borrowed())?;
    let Some(text) = source_text(&file) else {
        return Ok(Value::nil(i.env()));
    };
    let index = evelisp_reader::LineIndex::new(&text);
    for form in Reader::new(&text, &ReadOptions::default()) {
        let Ok(form) = form else { break };
        let start = index.line_col(form.span.start);
        if i64::from(start.line) == line {
            let body = &text[form.span.start..form.span.end];
            return Ok(i.env().make_string(body)?);
        }
        if i64::from(start.line) > line {
            break;
        }
    }
    Ok(Value::nil(i.env()))
}
