//! The peers evelisp is measured against: locating each one (or saying why it
//! cannot run here), their versions, and the native clients the workers use.
//!
//! Redis, SQLite and LMDB are driven from Rust (the `redis`, `rusqlite` and
//! `lmdb-rkv` crates) so that no peer pays for a slow client; Python, JVM
//! Clojure, nbb and Guile run the scripts of `bench/scripts/`.

pub mod clojure;
pub mod guile;
pub mod lmdb;
pub mod nbb;
pub mod python;
pub mod redis;
pub mod sqlite;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A peer that cannot run here, and why: printed when found, listed in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The peer's name.
    pub peer: String,
    /// Why it was skipped.
    pub reason: String,
}

impl Skip {
    /// A skip of `peer` for `reason`.
    pub fn new(peer: impl Into<String>, reason: impl Into<String>) -> Skip {
        Skip {
            peer: peer.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: skipped: {}", self.peer, self.reason)
    }
}

/// A located program and the version it reports.
#[derive(Debug, Clone)]
pub struct Tool {
    /// Where it is.
    pub path: PathBuf,
    /// Its version line.
    pub version: String,
}

/// The first executable file called `name` on `PATH`.
pub fn find_in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// Runs `program args` and returns the first non-empty line it printed
/// (stdout, else stderr), or why it could not.
pub fn version_line(program: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .to_string();
    if !out.status.success() {
        return Err(format!(
            "{} {} failed ({}): {line}",
            program.display(),
            args.join(" "),
            out.status
        ));
    }
    Ok(line)
}

/// Locates `name` on `PATH` and asks its version, or says why it is skipped.
pub fn locate(peer: &str, name: &str, version_args: &[&str], hint: &str) -> Result<Tool, Skip> {
    let path = find_in_path(name)
        .ok_or_else(|| Skip::new(peer, format!("`{name}` not found on PATH ({hint})")))?;
    let version = version_line(&path, version_args).map_err(|e| Skip::new(peer, e))?;
    Ok(Tool { path, version })
}

/// Every peer this run found, or why not.
#[derive(Debug)]
pub struct Peers {
    /// `redis-server`.
    pub redis: Result<Tool, Skip>,
    /// `python3`.
    pub python: Result<Tool, Skip>,
    /// Debian's `clojure` (JVM).
    pub clojure: Result<Tool, Skip>,
    /// `nbb` (SCI on Node.js).
    pub nbb: Result<Tool, Skip>,
    /// `guile` (Guile 3).
    pub guile: Result<Tool, Skip>,
    /// `janet`, looked for but without a script yet.
    pub janet: Result<Tool, Skip>,
    /// `hyperfine`, for the startup figures (else timed here).
    pub hyperfine: Result<Tool, Skip>,
}

impl Peers {
    /// Looks for every peer; `bench_dir` is where `bench/run` installs npm peers.
    pub fn locate(bench_dir: &Path) -> Peers {
        let janet = match locate("janet", "janet", &["-v"], "not packaged in Debian 12") {
            Ok(t) => Err(Skip::new(
                "janet",
                format!("found {} but bench/ has no Janet script yet", t.version),
            )),
            Err(s) => Err(s),
        };
        Peers {
            redis: redis::locate(),
            python: python::locate(),
            clojure: clojure::locate(),
            nbb: nbb::locate(bench_dir),
            guile: guile::locate(),
            janet,
            hyperfine: locate(
                "hyperfine",
                "hyperfine",
                &["--version"],
                "apt-get install hyperfine",
            ),
        }
    }

    /// The skip reasons of every peer not found.
    pub fn skips(&self) -> Vec<Skip> {
        [
            &self.redis,
            &self.python,
            &self.clojure,
            &self.nbb,
            &self.guile,
            &self.janet,
            &self.hyperfine,
        ]
        .into_iter()
        .filter_map(|r| r.as_ref().err().cloned())
        .collect()
    }

    /// `(peer, version)` of every peer found, and of the compiled-in clients.
    pub fn versions(&self) -> Vec<(String, String)> {
        let mut v = Vec::new();
        for (name, r) in [
            ("Redis", &self.redis),
            ("Python", &self.python),
            ("JVM Clojure", &self.clojure),
            ("nbb", &self.nbb),
            ("Guile", &self.guile),
            ("hyperfine", &self.hyperfine),
        ] {
            v.push((
                name.to_string(),
                match r {
                    Ok(t) => t.version.clone(),
                    Err(s) => format!("skipped: {}", s.reason),
                },
            ));
        }
        v.push((
            "SQLite".into(),
            format!("{} (rusqlite, bundled)", rusqlite::version()),
        ));
        v.push(("LMDB".into(), lmdb::version()));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_reasons_read_as_a_sentence() {
        let s = Skip::new(
            "guile",
            "`guile` not found on PATH (apt-get install guile-3.0)",
        );
        assert_eq!(
            s.to_string(),
            "guile: skipped: `guile` not found on PATH (apt-get install guile-3.0)"
        );
    }

    #[test]
    fn a_missing_program_is_a_skip_not_an_error() {
        let r = locate(
            "nothing",
            "evelisp-bench-no-such-program",
            &["--version"],
            "a hint",
        );
        let skip = r.expect_err("not found");
        assert_eq!(skip.peer, "nothing");
        assert!(
            skip.reason.contains("not found on PATH (a hint)"),
            "{}",
            skip.reason
        );
    }
}
