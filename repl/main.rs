//! The `evelisp` command line: the REPL, `-e` expressions and scripts on
//! an env file, and the `env` maintenance commands.
//!
//! One process opens one [`Env`] and makes one [`Interp`] (on the main
//! thread), once. Exit codes: 0 success, 1 an uncaught error (the error on
//! stderr with its `file:line:column` and frames), 2 a usage error, 141
//! when standard output's reader went away (`| head`; nothing printed). No
//! error prints a Rust panic or backtrace: a panic is reported as an
//! internal error in one line (exit 1).

mod editor;
mod env_cmd;
mod nrepl_cmd;
mod test_cmd;

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use evelisp::eval::{EvalError, EvalErrorKind, Interp};
use evelisp::heap::{Env, EnvOptions};
use rustyline::error::ReadlineError;

/// Exit code of an uncaught error.
const EXIT_ERROR: u8 = 1;
/// Exit code when standard output's reader went away (128 + SIGPIPE, what
/// a shell reports for a process the signal ended).
const EXIT_BROKEN_PIPE: u8 = 141;
/// Exit code of a usage error.
const EXIT_USAGE: u8 = 2;

/// The command line.
#[derive(Parser, Debug)]
#[command(
    name = "evelisp",
    version,
    about = "A Clojure-like Lisp whose global environment lives in a memory-mapped env file",
    long_about = None,
    args_conflicts_with_subcommands = true,
    after_help = "\
With no SCRIPT and no -e: a REPL when standard input is a terminal,
otherwise standard input is read whole and run as a script.

The env file is FILE of --env, else $EVELISP_ENV, else
$XDG_DATA_HOME/evelisp/default.eve (~/.local/share/evelisp/default.eve).
Every process on the same env file shares its namespaces, vars and atoms.

Exit codes: 0 success, 1 an uncaught error, 2 a usage error,
141 standard output closed by its reader (`evelisp script.clj | head`)."
)]
struct Cli {
    /// Use the env file FILE (created if missing).
    #[arg(long, value_name = "FILE")]
    env: Option<PathBuf>,

    /// Use a private env in a temporary file, removed at exit.
    #[arg(long, conflicts_with = "env")]
    ephemeral: bool,

    /// Evaluate EXPR (repeatable, in order); print the last value unless nil.
    #[arg(short = 'e', long = "eval", value_name = "EXPR")]
    eval: Vec<String>,

    /// Add DIR to the load path of `require` (repeatable; before EVELISP_PATH).
    #[arg(long = "path", value_name = "DIR")]
    path: Vec<PathBuf>,

    /// Run the script SCRIPT (`-` reads standard input); ARGS are its `*command-line-args*`.
    // One positional for both, so that everything after SCRIPT is the
    // script's, also what looks like an option of evelisp's
    // (`script.clj --help`); an unknown option before it is refused in
    // `parse_command_line`.
    #[arg(
        value_name = "SCRIPT [ARGS]",
        trailing_var_arg = true,
        allow_hyphen_values = true,
        num_args = 1..
    )]
    script_and_args: Vec<String>,

    #[command(subcommand)]
    command: Option<Command>,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
enum Command {
    /// Inspect and maintain env files.
    #[command(subcommand)]
    Env(EnvCommand),
    /// Run the clojure.test tests of the *_test.clj files under PATHS (default: test).
    Test(test_cmd::TestArgs),
    /// Serve nREPL clients (editors: CIDER, Calva, Conjure...) on an env file.
    NreplServer(nrepl_cmd::NreplArgs),
}

/// `evelisp env ...`.
#[derive(Subcommand, Debug)]
pub(crate) enum EnvCommand {
    /// Length, live/free/retired bytes, objects by kind, namespaces, attached participants.
    Info {
        /// The env file.
        file: PathBuf,
    },
    /// Verify every invariant: exit 0 when healthy, 1 with the findings.
    Check {
        /// The env file.
        file: PathBuf,
    },
    /// Sweep now (fails if other processes have the file open).
    Gc {
        /// The env file.
        file: PathBuf,
    },
    /// Make the current state survive an OS crash.
    Checkpoint {
        /// The env file.
        file: PathBuf,
    },
}

/// What to run once the env is open.
enum Job {
    /// Evaluate expressions, print the last value unless nil.
    Exprs(Vec<String>),
    /// Run a script's text; `name` is the file named in error positions.
    Script {
        /// The file name in error positions.
        name: String,
        /// The source.
        text: String,
    },
    /// The interactive REPL.
    Repl,
    /// Load test files, run their clojure.test tests.
    Test(Vec<PathBuf>),
    /// Serve nREPL clients until a signal ends the process.
    Nrepl(nrepl_cmd::NreplArgs),
}

/// The command line, parsed by clap. A first positional argument that
/// looks like an option (`--no-such-flag`) is the unknown option it is, not
/// a script: the positional takes hyphens only so that the script's own
/// arguments may look like options.
fn parse_command_line() -> Result<Cli, clap::Error> {
    let cli = Cli::try_parse()?;
    match cli.script_and_args.first() {
        Some(first) if first.starts_with('-') && first != "-" => Err(Cli::command().error(
            clap::error::ErrorKind::UnknownArgument,
            format!("unexpected argument '{first}' found"),
        )),
        _ => Ok(cli),
    }
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        eprintln!("evelisp: internal error: {msg}");
    }));
    match std::panic::catch_unwind(run) {
        Ok(code) => code,
        Err(_) => ExitCode::from(EXIT_ERROR),
    }
}

fn run() -> ExitCode {
    let cli = match parse_command_line() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(EXIT_USAGE),
            };
        }
    };
    let (mut env_flag, mut ephemeral, mut load_path) = (cli.env, cli.ephemeral, cli.path);
    let mut test_paths = None;
    let mut nrepl = None;
    match cli.command {
        Some(Command::Env(cmd)) => return env_cmd::run(cmd),
        Some(Command::Test(args)) => {
            // Tests run on a private env unless told otherwise.
            ephemeral = args.env.is_none();
            env_flag = args.env;
            load_path = args.path;
            let paths = if args.paths.is_empty() {
                vec![PathBuf::from("test")]
            } else {
                args.paths
            };
            // Test files require each other relative to their roots.
            load_path.extend(paths.iter().filter(|p| p.is_dir()).cloned());
            test_paths = Some(paths);
        }
        Some(Command::NreplServer(args)) => {
            env_flag = args.env.clone();
            load_path = args.path.clone();
            nrepl = Some(args);
        }
        None => {}
    }
    // The load path of `require`: the --path directories in order, then
    // the script's directory (then EVELISP_PATH, added by the evaluator).
    // `*command-line-args*`: what follows the script (or, with -e, every
    // positional argument, as babashka does).
    let mut command_line_args = cli.script_and_args;
    let script = (!command_line_args.is_empty()).then(|| command_line_args.remove(0));

    let job = if let Some(paths) = test_paths {
        Job::Test(paths)
    } else if let Some(args) = nrepl {
        Job::Nrepl(args)
    } else if !cli.eval.is_empty() {
        if let Some(first) = script.clone() {
            command_line_args.insert(0, first);
        }
        Job::Exprs(cli.eval)
    } else {
        match script.as_deref() {
            Some("-") => match read_stdin() {
                Ok(text) => Job::Script {
                    name: "<stdin>".into(),
                    text,
                },
                Err(code) => return code,
            },
            Some(path) => match std::fs::read_to_string(path) {
                Ok(text) => {
                    let dir = Path::new(path).parent().unwrap_or(Path::new(""));
                    load_path.push(if dir.as_os_str().is_empty() {
                        PathBuf::from(".")
                    } else {
                        dir.to_path_buf()
                    });
                    Job::Script {
                        name: path.to_string(),
                        text,
                    }
                }
                Err(e) => {
                    eprintln!("evelisp: cannot read {path}: {e}");
                    return ExitCode::from(EXIT_ERROR);
                }
            },
            None if io::stdin().is_terminal() => Job::Repl,
            None => match read_stdin() {
                Ok(text) => Job::Script {
                    name: "<stdin>".into(),
                    text,
                },
                Err(code) => return code,
            },
        }
    };

    let opened = if ephemeral {
        evelisp_eval::open_ephemeral().map_err(|e| e.kind.to_string())
    } else {
        match default_env_path(env_flag) {
            Ok(path) => open_env(&path).map(|env| (env, path)),
            Err(msg) => Err(msg),
        }
    };
    let (env, path) = match opened {
        Ok(opened) => opened,
        Err(msg) => {
            eprintln!("evelisp: {msg}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    if !ephemeral {
        let _ = ENV_PATH.set(path.clone());
    }
    // Shared with the threads futures start: one mapping per process.
    let env = std::sync::Arc::new(env);
    let interp = match Interp::new(&env).and_then(|i| {
        i.share_env(env.clone())?;
        evelisp_stdlib::install(&i)?;
        Ok(i)
    }) {
        Ok(interp) => interp,
        Err(e) => {
            report(&e);
            return ExitCode::from(EXIT_ERROR);
        }
    };
    for dir in load_path.into_iter().rev() {
        interp.add_load_path(dir);
    }
    // `evelisp.nrepl/start-server!` and `stop-server!` (host natives of
    // this binary). Not fatal: a process that cannot define them (an env
    // it may only read) runs everything else.
    let _ = evelisp::nrepl::install(&interp);
    let args = match command_line_args_value(&interp, &command_line_args) {
        Ok(args) => args,
        Err(e) => {
            report(&e);
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let run_job = || match job {
        Job::Exprs(exprs) => run_exprs(&interp, &exprs),
        Job::Script { name, text } => run_script(&interp, &text, &name),
        Job::Repl => repl(&interp, &path, ephemeral),
        Job::Test(paths) => test_cmd::run(&interp, &paths),
        Job::Nrepl(args) => nrepl_cmd::run(env.clone(), &args),
    };
    let data_readers = match interp.data_readers_now() {
        Ok(v) => v,
        Err(e) => {
            report(&e);
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let code = interp
        .with_var_bindings(
            vec![
                ("clojure.core/*command-line-args*", args),
                // Bound as Clojure's compiler binds them, so a script's
                // `(set! *warn-on-reflection* true)` works.
                (
                    "clojure.core/*warn-on-reflection*",
                    interp.env().make_bool(false),
                ),
                (
                    "clojure.core/*unchecked-math*",
                    interp.env().make_bool(false),
                ),
                ("clojure.core/*data-readers*", data_readers),
            ],
            run_job,
        )
        .unwrap_or_else(|e| {
            report(&e);
            ExitCode::from(EXIT_ERROR)
        });
    // As the JVM runs its shutdown hooks (babashka.process's
    // `:shutdown`), however the job ended.
    interp.run_shutdown_hooks();
    // As the JVM waits for the agent pools' threads: the actions this
    // process's workers have queued now are finished before it exits.
    evelisp_eval::wait_agents_idle();
    drop(interp);
    drop(env);
    code
}

/// `*command-line-args*`: a list of the strings, nil when there are none
/// (as in Clojure).
fn command_line_args_value<'e>(
    interp: &Interp<'e>,
    args: &[String],
) -> Result<evelisp_heap::Value<'e>, EvalError> {
    let env = interp.env();
    if args.is_empty() {
        return Ok(evelisp_heap::Value::nil(env));
    }
    let items = args
        .iter()
        .map(|a| env.make_string(a))
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<_> = items.iter().map(|v| v.borrowed()).collect();
    Ok(env.make_list(&refs)?)
}

/// Reads standard input whole.
fn read_stdin() -> Result<String, ExitCode> {
    let mut text = String::new();
    match io::stdin().read_to_string(&mut text) {
        Ok(_) => Ok(text),
        Err(e) => {
            eprintln!("evelisp: cannot read standard input: {e}");
            Err(ExitCode::from(EXIT_ERROR))
        }
    }
}

/// The env file to use: `--env`, else `$EVELISP_ENV`, else
/// `$XDG_DATA_HOME/evelisp/default.eve` (`~/.local/share/...`), whose
/// directory is created if missing.
fn default_env_path(flag: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(path) = flag {
        return Ok(path);
    }
    if let Some(path) = std::env::var_os("EVELISP_ENV").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let data = match std::env::var_os("XDG_DATA_HOME").filter(|p| !p.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => match std::env::var_os("HOME").filter(|p| !p.is_empty()) {
            Some(home) => PathBuf::from(home).join(".local/share"),
            None => {
                return Err(
                    "no env file: give --env FILE or set EVELISP_ENV (HOME is not set)".into(),
                );
            }
        },
    };
    let dir = data.join("evelisp");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir.join("default.eve"))
}

/// Opens (creating if missing) the env file at `path`. A file this call
/// creates reserves `$EVELISP_MAP_SIZE` bytes of address space (a number,
/// optionally ending in K, M, G or T), else the default 64 GiB: tools that
/// limit address space, such as valgrind, need less.
fn open_env(path: &Path) -> Result<Env, String> {
    let mut options = EnvOptions::new().on_wait(waiting_notice);
    if let Some(text) = std::env::var_os("EVELISP_MAP_SIZE") {
        let text = text.to_string_lossy();
        options = options.map_size(parse_size(&text).ok_or_else(|| {
            format!("EVELISP_MAP_SIZE: {text:?} is not a size (such as 4G or 512M)")
        })?);
    }
    Env::open_with(path, &options).map_err(|e| env_error(path, &e))
}

/// The message of an error about the env file at `path`, naming the file
/// (most heap errors do; those about one object inside it do not).
pub(crate) fn env_error(path: &Path, e: &evelisp::heap::HeapError) -> String {
    let text = e.to_string();
    let name = path.display().to_string();
    if text.starts_with(&name) {
        text
    } else {
        format!("{name}: {text}")
    }
}

/// Told on stderr when opening has waited a second for another process
/// that has the env file to itself (recovering it after a crash).
pub(crate) fn waiting_notice(path: &Path) {
    let _ = writeln!(
        io::stderr().lock(),
        "evelisp: {}: waiting for another process to finish recovering the env file (sweep)...",
        path.display()
    );
}

/// Bytes from `"123"`, `"64K"`, `"512M"`, `"4G"` or `"1T"`.
fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let (digits, shift) = match text.char_indices().last()? {
        (i, 'K' | 'k') => (&text[..i], 10),
        (i, 'M' | 'm') => (&text[..i], 20),
        (i, 'G' | 'g') => (&text[..i], 30),
        (i, 'T' | 't') => (&text[..i], 40),
        _ => (text, 0),
    };
    let n: u64 = digits.parse().ok()?;
    n.checked_mul(1u64 << shift).filter(|&b| b > 0)
}

/// Prints an uncaught error: its Display, then its frames, one per line.
pub(crate) fn report(e: &EvalError) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{e}");
    for frame in &e.frames {
        let _ = writeln!(err, "  at {frame}");
    }
    // What only a damaged env file gives: say which file, and what to run.
    if let EvalErrorKind::Heap(h) = &e.kind
        && let Some(path) = ENV_PATH.get()
    {
        let p = path.display();
        if h.is_damage() {
            let _ = writeln!(
                err,
                "evelisp: the env file {p} is damaged; `evelisp env check {p}` lists what is wrong"
            );
        } else if h.may_be_damage() {
            let _ = writeln!(
                err,
                "evelisp: if the env file {p} is damaged, `evelisp env check {p}` lists what is wrong"
            );
        }
    }
}

/// The env file this process opened (unset for `--ephemeral`), for
/// messages about damage found in it.
static ENV_PATH: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Writes one line to stdout; false if stdout is gone (closed pipe).
fn print_line(text: &str) -> bool {
    let mut out = io::stdout().lock();
    writeln!(out, "{text}").and_then(|()| out.flush()).is_ok()
}

/// `-e EXPR ...`: evaluates each in order, prints the last value unless nil.
fn run_exprs(interp: &Interp<'_>, exprs: &[String]) -> ExitCode {
    let mut last = None;
    for expr in exprs {
        match interp.eval_str(expr, Some("<expr>")) {
            Ok(v) => last = Some(v),
            Err(e) => return failed(&e),
        }
    }
    match last {
        Some(v) if !v.borrowed().is_nil() => match interp.pr_str(v.borrowed()) {
            Ok(text) => {
                print_line(&text);
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("evelisp: {e}");
                ExitCode::from(EXIT_ERROR)
            }
        },
        _ => ExitCode::SUCCESS,
    }
}

/// A script: every form evaluated in order; values are not printed.
fn run_script(interp: &Interp<'_>, text: &str, name: &str) -> ExitCode {
    match interp.eval_str(text, Some(name)) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => failed(&e),
    }
}

/// The exit code for an evaluation that ended in `e`: the status asked
/// for by `(System/exit n)` (nothing printed), else 1 with the error
/// reported.
fn failed(e: &EvalError) -> ExitCode {
    match exit_request(e) {
        Some(code) => code,
        // Standard output's reader went away (`evelisp script.clj | head`):
        // stop quietly with the status of a process SIGPIPE ended, as `cat`
        // or `grep` do, instead of a stack of "Broken pipe" errors.
        None if matches!(e.kind, EvalErrorKind::Io(_)) && stdout_reader_gone() => {
            ExitCode::from(EXIT_BROKEN_PIPE)
        }
        None => {
            report(e);
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Whether standard output is a pipe (or socket) whose reading end is
/// closed: `poll` reports an error condition on it.
fn stdout_reader_gone() -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::os::fd::AsFd;
    let out = std::io::stdout();
    let mut fds = [PollFd::new(out.as_fd(), PollFlags::POLLOUT)];
    matches!(poll(&mut fds, PollTimeout::ZERO), Ok(n) if n > 0)
        && fds[0]
            .revents()
            .is_some_and(|r| r.intersects(PollFlags::POLLERR | PollFlags::POLLHUP))
}

/// `Some(status)` if `e` is a `(System/exit n)` request.
fn exit_request(e: &EvalError) -> Option<ExitCode> {
    match e.kind {
        // Statuses are 0..=255 on Unix, as the JVM's are taken.
        EvalErrorKind::Exit(code) => Some(ExitCode::from((code & 0xff) as u8)),
        _ => None,
    }
}

/// The prompt: the current namespace.
fn prompt(interp: &Interp<'_>) -> String {
    let ns = interp.current_ns_name().unwrap_or_else(|_| "?".to_string());
    format!("{ns}=> ")
}

/// Evaluates one REPL entry and prints its value (or the error).
fn repl_eval(interp: &Interp<'_>, input: &str) -> Option<ExitCode> {
    match interp.eval_str(input, Some("<repl>")) {
        Ok(v) => {
            if let Err(e) = interp.repl_result(v.borrowed()) {
                report(&e);
            }
            match interp.pr_str(v.borrowed()) {
                // Standard output gone: leave.
                Ok(text) => (!print_line(&text)).then_some(ExitCode::SUCCESS),
                Err(e) => {
                    eprintln!("evelisp: {e}");
                    None
                }
            }
        }
        Err(e) => {
            if let Some(code) = exit_request(&e) {
                return Some(code);
            }
            report(&e);
            if let Err(e) = interp.repl_error(e) {
                report(&e);
            }
            None
        }
    }
}

/// The interactive loop on a terminal (rustyline).
/// Ctrl-C while an evaluation runs (the terminal is not in raw mode then,
/// so it is a SIGINT) interrupts it instead of ending the process: a
/// thread turns each SIGINT into an interrupt request.
fn interrupt_on_sigint() {
    match signal_hook::iterator::Signals::new([signal_hook::consts::SIGINT]) {
        Ok(mut signals) => {
            std::thread::spawn(move || {
                for _ in signals.forever() {
                    evelisp::eval::request_interrupt();
                }
            });
        }
        Err(e) => eprintln!("evelisp: Ctrl-C will end the process ({e})"),
    }
}

fn repl(interp: &Interp<'_>, path: &Path, ephemeral: bool) -> ExitCode {
    interrupt_on_sigint();
    interp.set_interruptible(true);
    // As Clojure's REPL: clojure.repl's tools are at hand in `user`.
    if let Err(e) = interp.eval_str(
        "(clojure.core/require '[clojure.repl :refer [doc source dir apropos find-doc pst]])",
        Some("<repl>"),
    ) {
        report(&e);
    }
    // Each REPL has its own *1 *2 *3 *e (thread bindings).
    let session = interp.with_repl_vars(|| line_editor(interp, path, ephemeral));
    let session = match session {
        Ok(session) => session,
        Err(e) => {
            report(&e);
            return ExitCode::from(EXIT_ERROR);
        }
    };
    match session {
        Ok(code) => code,
        // No usable terminal after all: run standard input as a script.
        Err(ReadlineError::Errno(_)) => match read_stdin() {
            Ok(text) => run_script(interp, &text, "<stdin>"),
            Err(code) => code,
        },
        Err(e) => {
            eprintln!("evelisp: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn line_editor(
    interp: &Interp<'_>,
    path: &Path,
    ephemeral: bool,
) -> Result<ExitCode, ReadlineError> {
    let mut rl = rustyline::Editor::<editor::ReplHelper, _>::new()?;
    rl.set_helper(Some(editor::ReplHelper::new(interp)));
    let history = editor::history_path();
    if let Some(path) = &history {
        let _ = rl.load_history(path);
    }
    let on = if ephemeral {
        "a private ephemeral env".to_string()
    } else {
        path.display().to_string()
    };
    let others = interp.env().attached_processes().map_or(0, |pids| {
        pids.iter().filter(|&&p| p != std::process::id()).count()
    });
    let others = match others {
        0 => "no other process attached".to_string(),
        1 => "1 other process attached".to_string(),
        n => format!("{n} other processes attached"),
    };
    println!(
        "evelisp {} on {on} ({others}; (evelisp/attached) lists them)\nCtrl-D or :repl/quit exits.",
        env!("CARGO_PKG_VERSION")
    );
    let code = loop {
        match rl.readline(&prompt(interp)) {
            Ok(input) => {
                if input.trim() == ":repl/quit" {
                    break ExitCode::SUCCESS;
                }
                if input.trim().is_empty() {
                    continue;
                }
                let _ = rl.add_history_entry(input.as_str());
                if let Some(code) = repl_eval(interp, &input) {
                    break code;
                }
            }
            Err(ReadlineError::Interrupted) => continue, // Ctrl-C clears the input
            Err(ReadlineError::Eof) => break ExitCode::SUCCESS,
            Err(e) => return Err(e),
        }
    };
    if let Some(path) = &history {
        let _ = rl.save_history(path);
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn map_sizes_parse_with_units() {
        assert_eq!(parse_size("4096"), Some(4096));
        assert_eq!(parse_size("64K"), Some(64 << 10));
        assert_eq!(parse_size("512m"), Some(512 << 20));
        assert_eq!(parse_size(" 4G "), Some(4 << 30));
        assert_eq!(parse_size("1T"), Some(1 << 40));
        assert_eq!(parse_size("0"), None);
        assert_eq!(parse_size("G"), None);
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size("99999999999T"), None);
    }
}
