//! Env file creation, reopening and refusal of bad files: real files on disk,
//! real processes racing to create the same file.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::testing::{self, HEADER_LEN, PAGE_SIZE};
use evelisp_heap::{Env, EnvOptions, HeapError};
use std::os::unix::fs::{FileExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

fn fresh_file(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("env.eve");
    drop(Env::open_with(&p, &opts()).unwrap());
    p
}

/// Opens a file that must be refused, checking it is left byte-for-byte intact.
fn refused(path: &Path) -> HeapError {
    let before = std::fs::read(path).unwrap();
    let err = Env::open_with(path, &opts()).expect_err("bad file was accepted");
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "refused file was modified"
    );
    let msg = err.to_string();
    assert!(
        msg.contains(&path.display().to_string()),
        "error does not name the file: {msg}"
    );
    err
}

#[test]
fn create_then_reopen_sees_the_same_env() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.eve");
    let a = Env::open_with(&p, &opts()).unwrap();
    let b = Env::open(&p).unwrap();
    assert_eq!(a.env_id(), b.env_id());
    assert_eq!(
        b.map_size(),
        1 << 30,
        "an existing file keeps its own map size"
    );
    assert!(a.file_len() >= HEADER_LEN);
    let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // No temp files are left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn missing_file_without_create_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("none.eve");
    match Env::open_with(&p, &opts().create(false)) {
        Err(HeapError::Io { source, .. }) => {
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound)
        }
        other => panic!("{other:?}"),
    }
    assert!(!p.exists());
}

#[test]
fn map_size_too_small_at_creation() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("small.eve");
    let err = Env::open_with(&p, &EnvOptions::new().map_size(64 * 1024)).unwrap_err();
    assert!(matches!(err, HeapError::MapSizeTooSmall { .. }), "{err:?}");
    assert!(!p.exists());
}

#[test]
fn random_bytes_and_empty_files_are_not_env_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("junk.eve");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let junk: Vec<u8> = (0..3 * PAGE_SIZE)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    std::fs::write(&p, &junk).unwrap();
    assert!(matches!(refused(&p), HeapError::NotEnvFile { .. }));
    std::fs::write(&p, b"").unwrap();
    assert!(matches!(refused(&p), HeapError::NotEnvFile { .. }));
}

#[test]
fn truncated_files_are_named_truncated() {
    let dir = tempfile::tempdir().unwrap();
    let p = fresh_file(dir.path());
    let full = std::fs::read(&p).unwrap();
    for len in [
        100,
        PAGE_SIZE as usize,
        HEADER_LEN as usize,
        full.len() - PAGE_SIZE as usize,
    ] {
        std::fs::write(&p, &full[..len]).unwrap();
        match refused(&p) {
            HeapError::Truncated { actual, .. } => assert_eq!(actual, len as u64),
            other => panic!("len {len}: {other:?}"),
        }
    }
}

#[test]
fn future_format_version_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = fresh_file(dir.path());
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&p)
        .unwrap();
    let mut page = vec![0u8; 64];
    f.read_exact_at(&mut page, 0).unwrap();
    page[8..12].copy_from_slice(&(testing::FORMAT_VERSION + 1).to_ne_bytes());
    let sum = testing::checksum(&page[..56]);
    page[56..64].copy_from_slice(&sum.to_ne_bytes());
    f.write_all_at(&page, 0).unwrap();
    drop(f);
    match refused(&p) {
        HeapError::FormatVersion {
            found, supported, ..
        } => {
            assert_eq!(
                (found, supported),
                (testing::FORMAT_VERSION + 1, testing::FORMAT_VERSION)
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_flipped_bit_in_any_header_field_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = fresh_file(dir.path());
    let good = std::fs::read(&p).unwrap();
    // Fixed fields (0..64) and the sealed size fields: any flipped bit.
    let mut bits: Vec<usize> = (0..64 * 8).collect();
    for off in [testing::OFF_FILE_LEN, testing::OFF_BUMP] {
        bits.extend((0..64).map(|b| off as usize * 8 + b));
    }
    for bit in bits {
        let mut bad = good.clone();
        bad[bit / 8] ^= 1 << (bit % 8);
        std::fs::write(&p, &bad).unwrap();
        let err = refused(&p);
        let expected = match bit / 8 {
            0..8 => matches!(err, HeapError::NotEnvFile { .. }),
            12..16 => matches!(err, HeapError::CorruptHeader { .. }),
            16..64 => matches!(err, HeapError::HeaderChecksum { .. }),
            8..12 => matches!(err, HeapError::HeaderChecksum { .. }),
            _ => matches!(
                err,
                HeapError::CorruptHeader { .. }
                    | HeapError::Truncated { .. }
                    | HeapError::MapSizeTooSmall { .. }
            ),
        };
        assert!(expected, "bit {bit}: {err:?}");
    }
    std::fs::write(&p, &good).unwrap();
    Env::open(&p).unwrap();
}

#[test]
fn racing_threads_create_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("race.eve");
    let ids: Vec<u64> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..8)
            .map(|_| s.spawn(|| Env::open_with(&p, &opts()).unwrap().env_id()))
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(ids.iter().all(|&id| id == ids[0]), "{ids:?}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn racing_processes_create_one_file() {
    let bin = env!("CARGO_BIN_EXE_heap-hammer");
    for round in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(format!("race{round}.eve"));
        let children: Vec<_> = (0..6)
            .map(|_| {
                Command::new(bin)
                    .args(["open", p.to_str().unwrap()])
                    .stdout(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let ids: Vec<String> = children
            .into_iter()
            .map(|c| {
                let out = c.wait_with_output().unwrap();
                assert!(out.status.success());
                String::from_utf8(out.stdout).unwrap()
            })
            .collect();
        assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
        assert_eq!(
            ids[0].trim(),
            format!("{:016x}", Env::open(&p).unwrap().env_id())
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

#[test]
fn a_dangling_symlink_creates_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("d.eve");
    std::os::unix::fs::symlink("nowhere.eve", &link).unwrap();
    // A chain of links, relative to each link's directory.
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let chain = dir.path().join("chain.eve");
    std::os::unix::fs::symlink("sub/hop.eve", &chain).unwrap();
    std::os::unix::fs::symlink("../end.eve", dir.path().join("sub/hop.eve")).unwrap();
    for (path, target) in [(&link, "nowhere.eve"), (&chain, "end.eve")] {
        // In a thread, so a creation that loops fails the test in a second
        // instead of hanging it.
        let (tx, rx) = std::sync::mpsc::channel();
        let p = path.clone();
        std::thread::spawn(move || {
            let _ = tx.send(Env::open_with(&p, &opts()).map(|env| env.env_id()));
        });
        let id = rx
            .recv_timeout(std::time::Duration::from_secs(1))
            .expect("opened within a second")
            .unwrap();
        assert!(dir.path().join(target).is_file(), "{target} was created");
        assert!(std::fs::symlink_metadata(path).unwrap().is_symlink());
        assert_eq!(Env::open_with(path, &opts()).unwrap().env_id(), id);
    }
}

#[test]
fn a_symlink_loop_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.eve"), dir.path().join("b.eve"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let err = Env::open_with(&a, &opts()).expect_err("a loop of links");
    assert!(err.to_string().contains(&a.display().to_string()), "{err}");
}

#[test]
fn creation_errors_name_the_env_path_not_a_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/dir/env.eve");
    let msg = Env::open_with(&missing, &opts()).unwrap_err().to_string();
    assert!(msg.starts_with(&missing.display().to_string()), "{msg}");
    assert!(msg.contains("directory does not exist"), "{msg}");
    assert!(!msg.contains(".env.eve."), "names the temp file: {msg}");

    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes to any directory: then a file system's own refusal
    // (sysfs, where nobody creates files) stands in for the mode bits.
    let ro = if std::fs::write(ro.join("probe"), b"").is_ok() {
        Path::new("/sys").to_path_buf()
    } else {
        ro
    };
    let path = ro.join("env.eve");
    let msg = Env::open_with(&path, &opts()).unwrap_err().to_string();
    assert!(msg.starts_with(&path.display().to_string()), "{msg}");
    assert!(!msg.contains(".env.eve."), "names the temp file: {msg}");
    assert!(msg.contains("create env file"), "{msg}");
}

#[test]
fn a_free_list_head_naming_a_live_block_is_refused_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("env.eve");
    let (class, live) = {
        let env = Env::open_with(&path, &opts()).unwrap();
        let p = env.participant().unwrap();
        let root = env.root(testing::FIRST_USER_ROOT).unwrap();
        // A string kept in a root, and garbage of its class freed beside it.
        let kept = env.make_string("kept").unwrap();
        let off = kept.word().as_object().unwrap();
        root.reset(&p, kept).unwrap();
        for _ in 0..100 {
            drop(env.make_string("garbage").unwrap());
        }
        let class = (evelisp_heap::testing::load_word(&env, off).unwrap() >> 8 & 0xFF) as u64;
        (class, off)
    };
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)
        .unwrap();
    let at = testing::OFF_FREE_HEADS + 8 * class;
    let mut head = [0u8; 8];
    file.read_exact_at(&mut head, at).unwrap();
    assert_ne!(
        u64::from_ne_bytes(head) & ((1 << 40) - 1),
        0,
        "class {class} has free blocks"
    );
    file.write_all_at(&((1u64 << 40) | live >> 4).to_ne_bytes(), at)
        .unwrap();
    match refused(&path) {
        HeapError::CorruptHeader {
            field: "free list head",
            ..
        } => {}
        other => panic!("{other:?}"),
    }
}
