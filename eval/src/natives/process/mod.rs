//! Processes: the natives behind `clojure.java.shell` and
//! `babashka.process` (both written in evelisp over these, in
//! `stdlib/src/clj/`). A started child is a process-local
//! `java.lang.Process` host object (`child.rs`); its pipes are host
//! streams (`pipes.rs`), read lazily, so a large output is never held
//! whole unless it is captured as text (`:out :string`).

mod child;
mod encoding;
mod options;
mod pipes;
pub(crate) mod shutdown;

pub(crate) use child::ChildProcess;

use crate::Interp;
use crate::error::{EvalError, EvalErrorKind, EvalResult, arity};
use crate::host_objects::{self, Family, Stream, lock};
use crate::native_registry::Args;
use crate::natives::io::streams::value;
use crate::seqs::elements;
use crate::{FromValue, IntoValue};
use child::Capture;
use encoding::Encoding;
use evelisp_heap::{ArrayElem, ArrayType, Ref, Value, Word};
use nix::sys::signal::Signal;
use options::{
    Input, Output, bad_option, env_pairs, input_of, keyword_name, opt, output_of, shared_out_err,
    stdio_of,
};
use std::process::{Command, Stdio};
use std::sync::Arc;

natives! {
    /// Starts the program cmd (a vector of strings: the program, then its
    /// arguments) and returns {:proc :in :out :err}: the process, and the
    /// streams of its input (an output stream, when :in is :pipe) and of
    /// its output and error (input streams, when :pipe). Options (a map):
    /// :dir; :env (the whole environment) and :extra-env, each a seq of
    /// [name value] strings; :in — :pipe, :inherit, a string, a byte
    /// array, or an input stream (another process's :out is handed over as
    /// an OS pipe); :out and :err — :pipe, :inherit, :string (captured,
    /// given by captured), :discard, or :write / :append with :out-file /
    /// :err-file; :out-enc and :err-enc for captured output: "UTF-8",
    /// "ISO-8859-1" or :bytes. A program that cannot be started is an
    /// IOException, as Java's.
    #[arglists = "([cmd opts])"]
    "evelisp.process/start" => start;
    /// Replaces this process with the program of cmd (a vector of strings:
    /// the program, then its arguments), as babashka.process's exec: opts
    /// :dir, :env and :extra-env as for evelisp.process/start; standard
    /// input, output and error stay the program's, and its exit status is
    /// this process's. Returns only when the program cannot be started: an
    /// IOException, as Java's.
    #[arglists = "([cmd opts])"]
    "evelisp.process/exec" => exec;
    /// Waits for the process to end and returns its exit code (128 + the
    /// signal for a process a signal ended, as Java reports it); with ms,
    /// nil if it has not ended within ms milliseconds.
    #[arglists = "([proc] [proc ms])"]
    "evelisp.process/wait" => wait;
    /// The output of the process captured as :out or :err (which) once
    /// its stream is at its end (waits for it), or nil if not captured.
    #[arglists = "([proc which])"]
    "evelisp.process/captured" => captured;
    /// Whether the process is still running.
    #[arglists = "([proc])"]
    "evelisp.process/alive?" => alive;
    /// Sends the process SIGTERM (Java's destroy); nil.
    #[arglists = "([proc])"]
    "evelisp.process/destroy" => |i, a| signal(i, a, "destroy", Signal::SIGTERM, false);
    /// Sends the process SIGKILL (Java's destroyForcibly); nil.
    #[arglists = "([proc])"]
    "evelisp.process/destroy-forcibly" => |i, a| signal(i, a, "destroy-forcibly", Signal::SIGKILL, false);
    /// Sends SIGTERM to the process and to all its descendants; nil.
    #[arglists = "([proc])"]
    "evelisp.process/destroy-tree" => |i, a| signal(i, a, "destroy-tree", Signal::SIGTERM, true);
    /// The process id of the process.
    #[arglists = "([proc])"]
    "evelisp.process/pid" => pid;
    /// Whether x is a process (a java.lang.Process).
    #[arglists = "([x])"]
    "evelisp.process/process?" => is_process;
}

/// The child process a host word names, or a `ClassCastException`.
pub(crate) fn child_of(x: Ref<'_>) -> EvalResult<Arc<ChildProcess>> {
    if host_objects::family_of(x.word()) == Some(Family::Process) {
        let found = host_objects::lookup(x.word())?;
        if let Stream::Process(c) = &*lock(&found.stream) {
            return Ok(c.clone());
        }
    }
    Err(crate::print::class_cast("a java.lang.Process", x))
}

fn one_proc(name: &str, args: &[Value<'_>]) -> EvalResult<Arc<ChildProcess>> {
    match args {
        [p] => child_of(p.borrowed()),
        _ => Err(arity(&format!("evelisp.process/{name}"), args.len())),
    }
}

fn is_process<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [x] = &args[..] else {
        return Err(arity("evelisp.process/process?", args.len()));
    };
    let yes = host_objects::family_of(x.word()) == Some(Family::Process);
    Ok(i.env().make_bool(yes))
}

/// Java's message for a program that cannot be started.
fn spawn_error(program: &str, dir: Option<&str>, e: &std::io::Error) -> EvalError {
    let text = e.to_string();
    let reason = text
        .find(" (os error")
        .map_or(text.as_str(), |at| &text[..at]);
    let dir = dir
        .map(|d| format!(" (in directory \"{d}\")"))
        .unwrap_or_default();
    let code = e.raw_os_error().unwrap_or(0);
    EvalError::new(EvalErrorKind::Io(format!(
        "Cannot run program \"{program}\"{dir}: error={code}, {reason}"
    )))
}

/// The words of a command and its `:dir`, `:env` and `:extra-env`.
struct CommandLine {
    words: Vec<String>,
    dir: Option<String>,
    env_all: Option<Vec<(String, String)>>,
    env_extra: Option<Vec<(String, String)>>,
}

impl CommandLine {
    fn of(i: &Interp<'_>, cmd: Ref<'_>, opts: Ref<'_>) -> EvalResult<CommandLine> {
        let words = elements(i, cmd)?
            .iter()
            .map(|w| String::from_value(w.borrowed()))
            .collect::<EvalResult<Vec<_>>>()?;
        if words.is_empty() {
            return Err(EvalError::new(EvalErrorKind::IndexOutOfBounds(
                "an empty command: no program to start".into(),
            )));
        }
        let dir = match opt(i, opts, "dir")? {
            Some(d) => Some(crate::natives::strings::clojure_string::str_of(i, d)?),
            None => None,
        };
        let env_all = opt(i, opts, "env")?.map(|e| env_pairs(i, e)).transpose()?;
        let env_extra = opt(i, opts, "extra-env")?
            .map(|e| env_pairs(i, e))
            .transpose()?;
        Ok(CommandLine {
            words,
            dir,
            env_all,
            env_extra,
        })
    }
}

/// `(evelisp.process/exec cmd opts)`.
fn exec<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    use std::io::Write;
    use std::os::unix::process::CommandExt;
    let [cmd, opts] = &args[..] else {
        return Err(arity("evelisp.process/exec", args.len()));
    };
    let line = CommandLine::of(i, cmd.borrowed(), opts.borrowed())?;
    let (program, rest) = (&line.words[0], &line.words[1..]);
    let mut c = Command::new(program);
    c.args(rest);
    if let Some(d) = &line.dir {
        c.current_dir(d);
    }
    if let Some(all) = &line.env_all {
        c.env_clear();
        c.envs(all.iter().map(|(k, v)| (k, v)));
    }
    if let Some(extra) = &line.env_extra {
        c.envs(extra.iter().map(|(k, v)| (k, v)));
    }
    // What was printed reaches the terminal before the program replaces
    // this one. The env file is closed by the exec (its descriptor is
    // close-on-exec), which frees this process's participant slot as an
    // exit would.
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    let e = c.exec();
    Err(spawn_error(program, line.dir.as_deref(), &e))
}

/// `(evelisp.process/start cmd opts)`.
fn start<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [cmd, opts] = &args[..] else {
        return Err(arity("evelisp.process/start", args.len()));
    };
    let (cmd, opts) = (cmd.borrowed(), opts.borrowed());
    let CommandLine {
        words,
        dir,
        env_all,
        env_extra,
    } = CommandLine::of(i, cmd, opts)?;
    let (program, rest) = (&words[0], &words[1..]);
    let out = output_of(i, opts, "out")?;
    let err = output_of(i, opts, "err")?;
    let input = input_of(i, opts)?;
    // The reading end of the pipe a child's output and error share
    // (`:err :out`), from the last command made.
    let shared_reader = std::cell::RefCell::new(None);
    let command = |program: &str, args: &[String]| -> EvalResult<Command> {
        let mut c = Command::new(program);
        c.args(args);
        if let Some(d) = &dir {
            c.current_dir(d);
        }
        if let Some(all) = &env_all {
            c.env_clear();
            c.envs(all.iter().map(|(k, v)| (k, v)));
        }
        if let Some(extra) = &env_extra {
            c.envs(extra.iter().map(|(k, v)| (k, v)));
        }
        c.stdin(match &input {
            Input::Inherit => Stdio::inherit(),
            Input::Pipeline(f) => Stdio::from(f.try_clone().map_err(host_objects::io)?),
            Input::Pipe | Input::Bytes(_) | Input::Copy(_) => Stdio::piped(),
        });
        if matches!(err, Output::ToOut) {
            let (stdout, stderr, reader) = shared_out_err(&out)?;
            c.stdout(stdout);
            c.stderr(stderr);
            *shared_reader.borrow_mut() = reader;
        } else {
            c.stdout(stdio_of(&out)?);
            c.stderr(stdio_of(&err)?);
        }
        Ok(c)
    };
    let spawned = match command(program, rest)?.spawn() {
        // A file without a `#!` line: run by /bin/sh, as Java's exec (and
        // the shells) do.
        Err(e) if e.raw_os_error() == Some(8) => {
            let mut args = vec![program.clone()];
            args.extend(rest.iter().cloned());
            command("/bin/sh", &args)?.spawn().map_err(|_| e)
        }
        spawned => spawned,
    };
    let mut spawned = spawned.map_err(|e| spawn_error(program, dir.as_deref(), &e))?;
    // This process's copy of a pipeline's pipe is closed now (the
    // commands are dropped), so the previous process sees its reader gone
    // if this one exits.
    let input = match input {
        Input::Pipeline(_) => Input::Inherit,
        other => other,
    };
    let stdin = spawned.stdin.take();
    let stdout = spawned
        .stdout
        .take()
        .map(std::os::fd::OwnedFd::from)
        .or_else(|| shared_reader.borrow_mut().take());
    let stderr = spawned.stderr.take();
    let proc = ChildProcess::new(spawned);
    let stream_of = |o: &Output, pipe: Option<_>, capture: &std::sync::Mutex<Option<Capture>>| {
        match (o, pipe) {
            (Output::Capture(enc), Some(p)) => {
                *capture.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some(Capture::new(*enc, pipes::capture(std::fs::File::from(p))));
                Ok(None)
            }
            (Output::Pipe, Some(p)) => pipes::output_stream(p).map(Some),
            _ => Ok::<_, EvalError>(None),
        }
    };
    let out_word = stream_of(&out, stdout, &proc.out)?;
    let err_word = stream_of(&err, stderr.map(std::os::fd::OwnedFd::from), &proc.err)?;
    let in_word = feed(stdin, input)?;
    let proc_word = host_objects::register(
        "java.lang.ProcessImpl",
        Family::Process,
        Stream::Process(proc),
    )?;
    let env = i.env();
    let word = |w: Option<Word>| w.map_or_else(|| Value::nil(env), |w| value(i, w));
    let mut m = env.empty_map()?;
    for (k, v) in [
        ("proc", word(Some(proc_word))),
        ("in", word(in_word)),
        ("out", word(out_word)),
        ("err", word(err_word)),
    ] {
        let k = env.intern_keyword(None, k)?;
        m = env.assoc(m.borrowed(), k.borrowed(), v.borrowed())?;
    }
    Ok(m)
}

/// Feeds the child's input as `:in` says; the word of its input stream
/// when it is left to the script (`:pipe`).
fn feed(stdin: Option<std::process::ChildStdin>, input: Input) -> EvalResult<Option<Word>> {
    let Some(stdin) = stdin else {
        return Ok(None);
    };
    match input {
        Input::Bytes(b) => pipes::feed_bytes(stdin, b),
        Input::Copy(s) => pipes::feed_stream(stdin, s),
        Input::Pipe => return pipes::input_stream(stdin).map(Some),
        Input::Inherit | Input::Pipeline(_) => {}
    }
    Ok(None)
}

/// `(evelisp.process/wait proc)`, `(evelisp.process/wait proc ms)`.
fn wait<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (p, limit) = match &args[..] {
        [p] => (p, None),
        [p, ms] => {
            let ms = i64::from_value(ms.borrowed())?;
            (
                p,
                Some(std::time::Duration::from_millis(
                    u64::try_from(ms).unwrap_or(0),
                )),
            )
        }
        _ => return Err(arity("evelisp.process/wait", args.len())),
    };
    let child = child_of(p.borrowed())?;
    match child.wait(limit) {
        Some(code) => code.into_value(i.env()),
        None => Ok(Value::nil(i.env())),
    }
}

/// `(evelisp.process/captured proc :out)`.
fn captured<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [p, which] = &args[..] else {
        return Err(arity("evelisp.process/captured", args.len()));
    };
    let child = child_of(p.borrowed())?;
    let slot = match keyword_name(which.borrowed())? {
        Some("out") => &child.out,
        Some("err") => &child.err,
        _ => return Err(bad_option("captured", which.borrowed())),
    };
    let mut guard = slot.lock().unwrap_or_else(|p| p.into_inner());
    let Some(capture) = guard.as_mut() else {
        return Ok(Value::nil(i.env()));
    };
    let encoding = capture.encoding;
    let bytes = capture.bytes()?;
    let env = i.env();
    Ok(match encoding {
        Encoding::Bytes => {
            let nil = Value::nil(env);
            let arr = env.make_array(ArrayType::Byte, bytes.len() as u64, nil.borrowed())?;
            for (j, &b) in bytes.iter().enumerate() {
                env.array_set_prim(arr.borrowed(), j as u64, ArrayElem::Byte(b as i8))?;
            }
            arr
        }
        text => env.make_string(&text.decode(bytes))?,
    })
}

fn alive<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let child = one_proc("alive?", &args)?;
    Ok(i.env().make_bool(child.exit_code().is_none()))
}

fn signal<'e>(
    i: &Interp<'e>,
    args: Args<'e>,
    name: &str,
    sig: Signal,
    tree: bool,
) -> EvalResult<Value<'e>> {
    let child = one_proc(name, &args)?;
    if tree {
        child.signal_tree(sig);
    } else {
        child.signal(sig);
    }
    Ok(Value::nil(i.env()))
}

fn pid<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let child = one_proc("pid", &args)?;
    i64::from(child.pid).into_value(i.env())
}

/// Java's `toString` of a process: `Process[pid=N, exitValue=...]`.
pub(crate) fn describe(c: &ChildProcess) -> String {
    match c.exit_code() {
        Some(code) => format!("Process[pid={}, exitValue={code}]", c.pid),
        None => format!("Process[pid={}, exitValue=\"not exited\"]", c.pid),
    }
}

/// The methods of a `java.lang.Process` (`(.waitFor p)` ...), or `None`.
pub(crate) fn invoke<'e>(
    i: &Interp<'e>,
    method: &str,
    target: &Value<'e>,
    rest: &[Value<'e>],
) -> EvalResult<Option<Value<'e>>> {
    let child = child_of(target.borrowed())?;
    let env = i.env();
    Ok(Some(match (method, rest) {
        ("waitFor", []) => child.wait(None).unwrap_or(-1).into_value(env)?,
        ("isAlive", []) => env.make_bool(child.exit_code().is_none()),
        ("pid", []) => i64::from(child.pid).into_value(env)?,
        ("exitValue", []) => match child.exit_code() {
            Some(code) => code.into_value(env)?,
            None => {
                return Err(EvalError::new(EvalErrorKind::IllegalState(
                    "process hasn't exited".into(),
                )));
            }
        },
        ("destroy", []) => {
            child.signal(Signal::SIGTERM);
            Value::nil(env)
        }
        ("destroyForcibly", []) => {
            child.signal(Signal::SIGKILL);
            target.clone()
        }
        _ => return Ok(None),
    }))
}
