//! Bad paths given to clojure.java.io and babashka.fs (issue 19): a
//! dangling symbolic link, a file that cannot be read (the tests run as
//! root, who can read any file: a directory read as a file stands for
//! it), and a file name that is not UTF-8. Each is a clear error naming
//! the path, never a panic or a wrong value; the script's env stays
//! intact: a later expression works and `evelisp env check` is clean.

mod common;
use common::{check_clean, eval, eval_ok};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

/// A Lisp string literal of `s` (no quotes or backslashes expected).
fn lit(s: &std::path::Path) -> String {
    let s = s.to_str().expect("the test's own paths are UTF-8");
    assert!(!s.contains('"') && !s.contains('\\'));
    format!("\"{s}\"")
}

/// The message of the error `expr` raises, caught in the script.
fn caught(expr: &str) -> String {
    format!(
        "(println (try {expr} :no-error (catch Exception e (str (.getName (class e)) \": \" (ex-message e)))))"
    )
}

#[test]
fn bad_paths_are_clear_errors_and_leave_the_env_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("fs.eve");
    let files = dir.path().join("files");
    std::fs::create_dir(&files).expect("files dir");
    let dangling = files.join("dangling");
    std::os::unix::fs::symlink(files.join("gone"), &dangling).expect("symlink");
    let weird = dir.path().join("weird");
    std::fs::create_dir(&weird).expect("weird dir");
    std::fs::write(weird.join(OsStr::from_bytes(b"bad\xffname")), "x").expect("non-UTF-8 name");

    eval_ok(&env, "(def kept {:before [1 2 3]})");
    let (d, f, w) = (lit(&dangling), lit(&files), lit(&weird));
    let script = [
        "(require '[clojure.java.io :as io] '[babashka.fs :as fs])".to_string(),
        // A dangling link: reading it fails naming it; it does not exist.
        caught(&format!("(slurp {d})")),
        caught(&format!("(fs/read-all-bytes {d})")),
        caught(&format!("(fs/size {d})")),
        format!("(println :exists (fs/exists? {d}) (.exists (io/file {d})) (fs/sym-link? {d}))"),
        // A directory read as a file (what even root cannot read).
        caught(&format!("(slurp {f})")),
        caught(&format!("(fs/read-all-lines {f})")),
        caught(&format!("(with-open [r (io/reader {f})] (.readLine r))")),
        // A file name that is not UTF-8.
        caught(&format!("(fs/list-dir {w})")),
        caught(&format!("(doall (file-seq (io/file {w})))")),
        caught(&format!("(fs/glob {w} \"*\")")),
        caught(&format!("(.listFiles (io/file {w}))")),
        "(println :after (:before kept) (count (fs/list-dir (fs/parent (fs/path ".to_string()
            + &f
            + ")))))",
    ]
    .join("\n");
    let out = eval_ok(&env, &script);
    let lines: Vec<&str> = out.lines().collect();
    let shown = |path: &std::path::Path| path.to_str().unwrap_or_default().to_string();
    let expect = [
        format!(
            "java.io.IOException: {} (No such file or directory)",
            shown(&dangling)
        ),
        format!(
            "java.io.IOException: {} (No such file or directory)",
            shown(&dangling)
        ),
        format!(
            "java.io.IOException: {} (No such file or directory)",
            shown(&dangling)
        ),
        ":exists false false true".to_string(),
        format!("java.io.IOException: {} (Is a directory)", shown(&files)),
        format!("java.io.IOException: {} (Is a directory)", shown(&files)),
        format!("java.io.IOException: {} (Is a directory)", shown(&files)),
    ];
    for (k, want) in expect.iter().enumerate() {
        assert_eq!(
            lines.get(k).copied(),
            Some(want.as_str()),
            "line {k} of\n{out}"
        );
    }
    let bad_name = format!("{}/bad\u{fffd}name", shown(&weird));
    for k in 7..11 {
        let line = lines.get(k).copied().unwrap_or_default();
        assert!(
            line.starts_with("java.io.IOException: ")
                && line.contains(&bad_name)
                && line.contains("file name is not valid UTF-8"),
            "line {k}: {line}\n{out}"
        );
    }
    assert_eq!(lines.get(11).copied(), Some(":after [1 2 3] 3"), "{out}");
    assert!(!out.contains("panicked"));

    // Uncaught, the error ends the script with the path named on stderr...
    let failed = eval(
        &env,
        &format!("(require '[babashka.fs :as fs]) (fs/read-all-bytes {d})"),
    );
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&shown(&dangling)), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // ...and the env is intact: a later process reads and writes it.
    assert_eq!(
        eval_ok(&env, "(def kept (assoc kept :after 4)) (prn kept)"),
        "{:before [1 2 3], :after 4}\n"
    );
    check_clean(&env);
}

#[test]
fn paths_and_files_stored_in_the_env_are_values_another_process_reads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("paths.eve");
    eval_ok(
        &env,
        "(require '[babashka.fs :as fs] '[clojure.java.io :as io])
         (def stored {:p (fs/path \"a\" \"b\") :f (io/file \"c\" \"d\") :t (fs/millis->file-time 0)})",
    );
    let out = eval_ok(
        &env,
        "(require '[babashka.fs :as fs] '[clojure.java.io :as io])
         (println (str (:p stored)) (str (:f stored)) (str (:t stored))
                  (= (:p stored) (fs/path \"a/b\")) (= (:f stored) (io/file \"c/d\"))
                  (instance? java.nio.file.Path (:p stored)) (instance? java.io.File (:f stored)))",
    );
    assert_eq!(out, "a/b c/d 1970-01-01T00:00:00Z true true true true\n");
    check_clean(&env);
}
