//! `evelisp env info|check|gc|checkpoint FILE`: inspecting and maintaining
//! an env file. None of them creates a missing file; `info` and `check`
//! open the file read-only as found (`Env::open_read_only`: no recovery
//! sweep, no participant slot, not a byte written, so `check` sees what a
//! crash left and works on a live or read-only file), `gc` sweeps (alone
//! on the file) and reports what the recovery sweep at open did too,
//! `checkpoint` makes the current state durable.

use std::path::Path;
use std::process::ExitCode;

use evelisp::heap::{CheckReport, Env, EnvOptions, Stats};

use crate::EnvCommand;

/// `println!` that gives up quietly when standard output is closed (e.g.
/// piped into `head`), instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Runs one `env` subcommand.
pub(crate) fn run(cmd: EnvCommand) -> ExitCode {
    let result = match &cmd {
        EnvCommand::Info { file } => info(file),
        EnvCommand::Check { file } => check(file),
        EnvCommand::Gc { file } => gc(file),
        EnvCommand::Checkpoint { file } => checkpoint(file),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("evelisp: {msg}");
            ExitCode::from(crate::EXIT_ERROR)
        }
    }
}

/// Opens an existing env file; `recover` as in [`EnvOptions::recover`].
fn open(file: &Path, recover: bool) -> Result<Env, String> {
    if !file.exists() {
        return Err(format!("{}: no such env file", file.display()));
    }
    Env::open_with(
        file,
        &EnvOptions::new()
            .create(false)
            .recover(recover)
            .on_wait(crate::waiting_notice),
    )
    .map_err(|e| crate::env_error(file, &e))
}

/// `1234567 (1.2 MiB)`.
fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{n} ({value:.1} {})", UNITS[unit])
}

fn print_stats(stats: &Stats, allocated: u64) {
    out!("length:        {}", bytes(stats.file_len));
    out!(
        "on disk:       {} (allocated blocks; holes punched in free runs)",
        bytes(allocated)
    );
    out!("carved:        {}", bytes(stats.carved_len));
    out!(
        "live:          {} in {} objects",
        bytes(stats.live_bytes),
        stats.live_objects
    );
    out!("free:          {}", bytes(stats.free_bytes));
    out!("retired:       {}", bytes(stats.retired_bytes));
    out!("unreachable:   {}", bytes(stats.unreachable_bytes));
}

/// Opens an existing env file to look at it: read-only, attaching nothing
/// (see [`Env::open_read_only`]), so the file is not written at all.
fn open_to_look(file: &Path) -> Result<Env, String> {
    if !file.exists() {
        return Err(format!("{}: no such env file", file.display()));
    }
    Env::open_read_only(file).map_err(|e| crate::env_error(file, &e))
}

/// Prints what a check could not verify on a live file.
fn print_skipped(report: &CheckReport) {
    for note in &report.skipped {
        out!("note: {note}");
    }
}

fn info(file: &Path) -> Result<ExitCode, String> {
    let env = open_to_look(file)?;
    let report = env.check().map_err(|e| crate::env_error(file, &e))?;
    let stats = &report.stats;
    let allocated = env
        .allocated_bytes()
        .map_err(|e| crate::env_error(file, &e))?;
    out!("env file:      {}", file.display());
    print_stats(stats, allocated);
    // Other processes (this one only looks); their threads hold the slots.
    let me = std::process::id();
    let others: Vec<u32> = env
        .attached_processes()
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|&pid| pid != me)
        .collect();
    let pids: Vec<String> = others.iter().map(u32::to_string).collect();
    let listed = if pids.is_empty() {
        String::new()
    } else {
        format!(" (pid {})", pids.join(", "))
    };
    out!(
        "attached:      {} process(es){listed}; {} participant slot(s)",
        others.len(),
        stats.participants
    );
    out!("objects by kind:");
    for (kind, (count, size)) in &stats.kinds {
        out!("  {kind:<14} {count:>10} {:>12} B", size);
    }
    let names = env.namespace_names().map_err(|e| e.to_string())?;
    out!("namespaces ({}):", names.len());
    for name in names {
        out!("  {name}");
    }
    print_skipped(&report);
    Ok(ExitCode::SUCCESS)
}

fn check(file: &Path) -> Result<ExitCode, String> {
    let env = open_to_look(file)?;
    let report = env.check().map_err(|e| crate::env_error(file, &e))?;
    print_skipped(&report);
    if report.is_healthy() {
        out!(
            "{}: healthy ({} live objects, {} live)",
            file.display(),
            report.stats.live_objects,
            bytes(report.stats.live_bytes)
        );
        Ok(ExitCode::SUCCESS)
    } else {
        out!("{}: {} finding(s):", file.display(), report.findings.len());
        for f in &report.findings {
            out!("  at {:#x}: {}", f.offset, f.problem);
        }
        Ok(ExitCode::from(crate::EXIT_ERROR))
    }
}

fn gc(file: &Path) -> Result<ExitCode, String> {
    // Opened with recovery: after an OS crash the newest checkpoint must be
    // restored before anything is swept.
    let mut env = open(file, true)?;
    if let Some(at_open) = env.recovery_report() {
        out!(
            "{}: recovery sweep at open: {} block(s) reclaimed ({}), {} count(s) fixed",
            file.display(),
            at_open.reclaimed_blocks,
            bytes(at_open.reclaimed_bytes),
            at_open.counts_fixed
        );
    }
    let report = env.sweep().map_err(|e| crate::env_error(file, &e))?;
    out!(
        "{}: swept: {} block(s) reclaimed ({}), {} live, {} count(s) fixed, {} free run(s), {} given back to the file system",
        file.display(),
        report.reclaimed_blocks,
        bytes(report.reclaimed_bytes),
        bytes(report.live_bytes),
        report.counts_fixed,
        report.free_runs,
        bytes(report.punched_bytes)
    );
    if report.findings.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        out!("damage found (left alone):");
        for f in &report.findings {
            out!("  at {:#x}: {}", f.offset, f.problem);
        }
        Ok(ExitCode::from(crate::EXIT_ERROR))
    }
}

fn checkpoint(file: &Path) -> Result<ExitCode, String> {
    let env = open(file, true)?;
    let p = env.participant().map_err(|e| e.to_string())?;
    let seq = env.checkpoint(&p).map_err(|e| crate::env_error(file, &e))?;
    out!("{}: checkpoint {seq} written", file.display());
    Ok(ExitCode::SUCCESS)
}
