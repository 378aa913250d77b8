//! GNU Guile 3: an interpreter peer (`scripts/interp.scm`), run with Guile's
//! default auto-compilation (compiled before the timed part).

use super::{Skip, Tool, locate as locate_tool};

/// Locates `guile` (Debian's `guile-3.0`).
pub fn locate() -> Result<Tool, Skip> {
    locate_tool(
        "Guile",
        "guile",
        &["--version"],
        "apt-get install guile-3.0",
    )
}
