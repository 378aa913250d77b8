//! nbb: babashka's SCI interpreter on Node.js (npm package `nbb`, installed by
//! `bench/run` into `bench/.peers/`): an interpreter peer (`scripts/interp.cljs`).

use std::path::Path;

use super::{Skip, Tool, find_in_path, version_line};

/// Locates nbb in `bench/.peers/node_modules/.bin`, else on `PATH`.
pub fn locate(bench_dir: &Path) -> Result<Tool, Skip> {
    let local = bench_dir.join(".peers/node_modules/.bin/nbb");
    let path = if local.exists() {
        Some(local)
    } else {
        find_in_path("nbb")
    };
    let path = path.ok_or_else(|| {
        Skip::new(
            "nbb",
            "nbb not installed (npm install --prefix bench/.peers nbb)",
        )
    })?;
    let node = find_in_path("node").ok_or_else(|| Skip::new("nbb", "`node` not found on PATH"))?;
    let node_version = version_line(&node, &["--version"]).map_err(|e| Skip::new("nbb", e))?;
    let nbb_version = version_line(&path, &["--version"]).map_err(|e| Skip::new("nbb", e))?;
    Ok(Tool {
        path,
        version: format!("{nbb_version} on Node.js {node_version}"),
    })
}
