//! Python 3: the interpreter peer (`scripts/interp.py`) and the
//! `multiprocessing.Value` counter (`scripts/counter_mp.py`). The bench runs
//! the interpreter's own executable (`sys.executable`), not a wrapper such as
//! a pyenv shim, whose start would be counted against Python.

use std::path::PathBuf;

use super::{Skip, Tool, locate as locate_tool, version_line};

/// Locates `python3` and the real executable behind it.
pub fn locate() -> Result<Tool, Skip> {
    let tool = locate_tool("Python", "python3", &["--version"], "install Python 3")?;
    let exe = version_line(&tool.path, &["-c", "import sys; print(sys.executable)"])
        .map_err(|e| Skip::new("Python", e))?;
    Ok(Tool {
        path: PathBuf::from(exe),
        version: tool.version,
    })
}
