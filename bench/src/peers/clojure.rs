//! JVM Clojure (Debian's `clojure` package, `clojure script.clj args`): the
//! in-process bound of the counter and the reads, and an interpreter peer.
//! The JVM takes about a second to start and its JIT needs warming, so its
//! scripts warm up first and are timed from the `go` line on (the same
//! protocol as every worker) or inside the process.

use super::{Skip, Tool, find_in_path, version_line};

/// Locates `clojure` and `java`, and asks Clojure its version.
pub fn locate() -> Result<Tool, Skip> {
    let peer = "JVM Clojure";
    let path = find_in_path("clojure").ok_or_else(|| {
        Skip::new(
            peer,
            "`clojure` not found on PATH (apt-get install clojure)",
        )
    })?;
    let java = find_in_path("java").ok_or_else(|| Skip::new(peer, "`java` not found on PATH"))?;
    let java_version = version_line(&java, &["-version"]).map_err(|e| Skip::new(peer, e))?;
    let clj = version_line(&path, &["-e", "(println \"Clojure\" (clojure-version))"])
        .map_err(|e| Skip::new(peer, e))?;
    Ok(Tool {
        path,
        version: format!("{clj} on {java_version}"),
    })
}
