//! Helpers shared by the heap's integration tests, which drive real worker
//! processes (the `heap-hammer` binary).

/// Asserts that a worker process exited successfully, showing its stderr
/// if it did not.
pub fn assert_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
