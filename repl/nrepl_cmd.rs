//! `evelisp nrepl-server`: serves nREPL clients on an env file until
//! SIGINT, SIGTERM or SIGHUP. Prints the line editors' jack-in commands
//! wait for, writes the port to `.nrepl-port` in the working directory
//! (the file editors look for) and removes it when it stops.

use evelisp::heap::Env;
use evelisp::nrepl::{Server, ServerOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// `evelisp nrepl-server [--port N] [--host H] [--env FILE]`.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct NreplArgs {
    /// The port to listen on (0: a free one).
    #[arg(long, default_value_t = 0)]
    pub(crate) port: u16,
    /// The address to listen on. Anyone who can connect can run code as
    /// you: keep the default (this machine only) unless you mean it.
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) host: String,
    /// Use the env file FILE (created if missing; default as for the REPL).
    #[arg(long, value_name = "FILE")]
    pub(crate) env: Option<PathBuf>,
    /// Add DIR to the load path of `require` (repeatable).
    #[arg(long = "path", value_name = "DIR")]
    pub(crate) path: Vec<PathBuf>,
}

/// The port file editors read.
const PORT_FILE: &str = ".nrepl-port";

/// Runs the server until a signal asks the process to end.
pub(crate) fn run(env: Arc<Env>, args: &NreplArgs) -> ExitCode {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    // Taken before the server starts, so a signal at any point after the
    // port file exists is seen here.
    let mut signals = match signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("evelisp: cannot handle signals: {e}");
            return ExitCode::from(1);
        }
    };
    let options = ServerOptions {
        host: args.host.clone(),
        port: args.port,
        ..ServerOptions::default()
    };
    let mut server = match Server::start(env, &options) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("evelisp: nrepl-server: {e}");
            return ExitCode::from(1);
        }
    };
    let port = server.port().to_string();
    let wrote = match std::fs::write(PORT_FILE, &port) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("evelisp: cannot write {PORT_FILE}: {e}");
            false
        }
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", server.started_message());
        let _ = out.flush();
    }
    let _ = signals.forever().next();
    server.stop();
    if wrote {
        remove_if_ours(Path::new(PORT_FILE), &port);
    }
    ExitCode::SUCCESS
}

/// Removes the port file unless another server has written its own port
/// there since.
fn remove_if_ours(path: &Path, port: &str) {
    if std::fs::read_to_string(path).is_ok_and(|text| text.trim() == port) {
        let _ = std::fs::remove_file(path);
    }
}
