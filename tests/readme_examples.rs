//! Every `console` example in the README is run: each `$ command` line is
//! run by `sh` in a fresh directory (with `evelisp` the binary under test)
//! and its output must be the lines that follow it.

use std::path::Path;
use std::process::Command;

/// The console blocks of the README: (command, expected output) pairs.
fn console_blocks(readme: &str) -> Vec<Vec<(String, String)>> {
    let mut blocks = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```console" {
            continue;
        }
        let mut steps: Vec<(String, String)> = Vec::new();
        for line in lines.by_ref() {
            if line.trim() == "```" {
                break;
            }
            if let Some(cmd) = line.strip_prefix("$ ") {
                steps.push((cmd.to_string(), String::new()));
            } else if let Some(step) = steps.last_mut() {
                step.1.push_str(line);
                step.1.push('\n');
            }
        }
        blocks.push(steps);
    }
    blocks
}

#[test]
fn the_readme_console_examples_print_what_they_show() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    let blocks = console_blocks(&readme);
    assert!(blocks.len() >= 2, "the README has console examples");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_evelisp"))
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for steps in blocks {
        // Each block in a directory of its own (env files, scripts).
        let dir = tempfile::tempdir().expect("temp dir");
        for (cmd, expected) in steps {
            let out = Command::new("sh")
                .args(["-c", &cmd])
                .current_dir(dir.path())
                .env("PATH", &path)
                .env_remove("EVELISP_ENV")
                .env_remove("EVELISP_PATH")
                .output()
                .expect("sh runs");
            let got = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(got, expected, "README example: $ {cmd}");
        }
    }
}
