//! The options of `evelisp.process/start` read from its map: where a
//! child's input comes from (`Input`), where its output and error go
//! (`Output`), the encodings of its text and its environment.

use super::encoding::Encoding;
use super::pipes;
use crate::FromValue;
use crate::Interp;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::host_objects::{self, Stream};
use crate::seqs::elements;
use evelisp_heap::{ArrayElem, ArrayType, Ref, View};
use std::os::fd::{AsFd, OwnedFd};
use std::process::Stdio;
use std::sync::Arc;

/// The option `key` of the map `opts`, if present and not nil.
pub(super) fn opt<'a>(i: &Interp<'_>, opts: Ref<'a>, key: &str) -> EvalResult<Option<Ref<'a>>> {
    if opts.is_nil() {
        return Ok(None);
    }
    let k = i.env().intern_keyword(None, key)?;
    Ok(opts.get(k.borrowed())?.filter(|v| !v.is_nil()))
}

/// The keyword name of `v`, if it is an unqualified keyword.
pub(super) fn keyword_name<'a>(v: Ref<'a>) -> EvalResult<Option<&'a str>> {
    Ok(match v.view()? {
        View::Keyword { ns: None, name } => Some(name),
        _ => None,
    })
}

pub(super) fn bad_option(what: &str, v: Ref<'_>) -> EvalError {
    EvalError::new(EvalErrorKind::IllegalArgument(format!(
        "unsupported {what} option: {}",
        crate::print::pr_str(v).unwrap_or_default()
    )))
}

/// The [name value] pairs of an environment option.
pub(super) fn env_pairs(i: &Interp<'_>, v: Ref<'_>) -> EvalResult<Vec<(String, String)>> {
    elements(i, v)?
        .into_iter()
        .map(|pair| {
            let p = pair.borrowed();
            Ok((
                String::from_value(p.nth(0)?)?,
                String::from_value(p.nth(1)?)?,
            ))
        })
        .collect()
}

/// The bytes of a byte array.
fn array_bytes(v: Ref<'_>) -> EvalResult<Option<Vec<u8>>> {
    if !matches!(v.view()?, View::Array(_)) {
        return Ok(None);
    }
    let (ty, len) = v.array_type()?;
    if ty != ArrayType::Byte {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(len as usize);
    for j in 0..len {
        if let ArrayElem::Byte(b) = v.array_prim(j)? {
            out.push(b as u8);
        }
    }
    Ok(Some(out))
}

/// How a child's input is given.
pub(super) enum Input {
    Pipe,
    Inherit,
    Bytes(Vec<u8>),
    Pipeline(std::fs::File),
    Copy(Arc<std::sync::Mutex<Stream>>),
}

pub(super) fn input_of(i: &Interp<'_>, opts: Ref<'_>) -> EvalResult<Input> {
    let Some(v) = opt(i, opts, "in")? else {
        return Ok(Input::Pipe);
    };
    match v.view()? {
        View::Keyword {
            ns: None,
            name: "pipe",
        } => Ok(Input::Pipe),
        View::Keyword {
            ns: None,
            name: "inherit",
        } => Ok(Input::Inherit),
        View::Str(s) => Ok(Input::Bytes(encoding_of(i, opts, "in-enc")?.encode(s))),
        View::Host(_) => match pipes::take_pipe(v.word())? {
            Some(f) => Ok(Input::Pipeline(f)),
            None => Ok(Input::Copy(host_objects::lookup(v.word())?.stream)),
        },
        _ => match array_bytes(v)? {
            Some(b) => Ok(Input::Bytes(b)),
            None => Ok(Input::Bytes(
                crate::natives::strings::clojure_string::str_of(i, v)?.into_bytes(),
            )),
        },
    }
}

/// Where a child's output or error goes.
pub(super) enum Output {
    Pipe,
    Inherit,
    Discard,
    /// `:err :out`: the error goes where the output goes, interleaved.
    ToOut,
    Capture(Encoding),
    File(std::fs::File),
}

fn encoding_of(i: &Interp<'_>, opts: Ref<'_>, key: &str) -> EvalResult<Encoding> {
    let Some(v) = opt(i, opts, key)? else {
        return Ok(Encoding::Utf8);
    };
    if keyword_name(v)? == Some("bytes") {
        return Ok(Encoding::Bytes);
    }
    Encoding::named(&String::from_value(v).map_err(|_| bad_option(key, v))?)
}

pub(super) fn output_of(i: &Interp<'_>, opts: Ref<'_>, key: &str) -> EvalResult<Output> {
    let Some(v) = opt(i, opts, key)? else {
        return Ok(Output::Pipe);
    };
    let file_key = format!("{key}-file");
    let to_file = |append: bool| -> EvalResult<Output> {
        let Some(path) = opt(i, opts, &file_key)? else {
            return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
                ":{key} :{} needs :{file_key}",
                if append { "append" } else { "write" }
            ))));
        };
        let path = crate::natives::strings::clojure_string::str_of(i, path)?;
        std::fs::OpenOptions::new()
            .create(true)
            .write(!append)
            .append(append)
            .truncate(!append)
            .open(&path)
            .map(Output::File)
            .map_err(|e| crate::natives::io::streams::path_error(&path, &e))
    };
    match keyword_name(v)? {
        Some("pipe") => Ok(Output::Pipe),
        Some("inherit") => Ok(Output::Inherit),
        Some("discard") => Ok(Output::Discard),
        Some("out") if key == "err" => Ok(Output::ToOut),
        Some("string") => Ok(Output::Capture(encoding_of(
            i,
            opts,
            &format!("{key}-enc"),
        )?)),
        Some("write") => to_file(false),
        Some("append") => to_file(true),
        _ => Err(bad_option(key, v)),
    }
}

pub(super) fn stdio_of(o: &Output) -> EvalResult<Stdio> {
    Ok(match o {
        Output::Pipe | Output::Capture(_) => Stdio::piped(),
        Output::Inherit => Stdio::inherit(),
        Output::Discard | Output::ToOut => Stdio::null(),
        Output::File(f) => Stdio::from(f.try_clone().map_err(host_objects::io)?),
    })
}

/// The child's output and error when the error goes where the output
/// goes (`:err :out`): one pipe for both when the output is read (its
/// reading end returned, to stand for the child's stdout), else the same
/// destination twice.
pub(super) fn shared_out_err(out: &Output) -> EvalResult<(Stdio, Stdio, Option<OwnedFd>)> {
    let io = host_objects::io;
    Ok(match out {
        Output::Pipe | Output::Capture(_) => {
            // Close-on-exec, so no other child inherits the writing end
            // (its reader would never see the end).
            let (reader, writer) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC)
                .map_err(|e| io(e.into()))?;
            let second = writer.try_clone().map_err(io)?;
            (Stdio::from(writer), Stdio::from(second), Some(reader))
        }
        Output::Inherit => {
            let ours = std::io::stdout().as_fd().try_clone_to_owned().map_err(io)?;
            (Stdio::inherit(), Stdio::from(ours), None)
        }
        Output::Discard | Output::ToOut => (Stdio::null(), Stdio::null(), None),
        Output::File(f) => (
            Stdio::from(f.try_clone().map_err(io)?),
            Stdio::from(f.try_clone().map_err(io)?),
            None,
        ),
    })
}
