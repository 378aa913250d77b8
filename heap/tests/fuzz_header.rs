//! Bad input never crashes: random header bytes, random lengths and random
//! damage anywhere in the header page of a real file give a typed error or
//! an env that `check()` can judge, never a panic or a signal.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_heap::testing::{self, HEADER_LEN, PAGE_SIZE};
use evelisp_heap::{Env, EnvOptions, Ref, Word};
use proptest::prelude::*;
use std::path::Path;

fn valid_file(path: &Path) -> Vec<u8> {
    let env = Env::open_with(path, &EnvOptions::new().map_size(1 << 28)).unwrap();
    {
        let p = env.participant().unwrap();
        let s = env.make_string("s").unwrap();
        let v = env
            .make_vector(&[Ref::immediate(&env, Word::TRUE).unwrap(), s.borrowed()])
            .unwrap();
        env.root(testing::FIRST_USER_ROOT)
            .unwrap()
            .reset(&p, v)
            .unwrap();
    }
    drop(env);
    std::fs::read(path).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn validate_never_panics(page in prop::collection::vec(any::<u8>(), 0..(PAGE_SIZE as usize + 8)), disk_len in any::<u64>()) {
        let mut page = page;
        if page.len() >= 8 && disk_len % 2 == 0 {
            page[..8].copy_from_slice(&testing::MAGIC); // get past the magic half the time
        }
        let _ = testing::validate(Path::new("f"), &page, disk_len, evelisp_heap::testing::CLASS_COUNT as u32);
    }

    #[test]
    fn damaged_files_are_refused_or_judged(edits in prop::collection::vec((0..PAGE_SIZE as usize, any::<u8>()), 1..8), cut in prop::option::of(0..3 * HEADER_LEN as usize)) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.eve");
        let mut bytes = valid_file(&p);
        for (at, b) in edits {
            bytes[at] = b;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.min(bytes.len()));
        }
        std::fs::write(&p, &bytes).unwrap();
        if let Ok(env) = Env::open(&p) {
            // Accepted (the damage hit a mutable field): judging it must not crash.
            let _ = env.check();
            if let (Ok(p), Ok(root)) = (env.participant(), env.root(testing::FIRST_USER_ROOT)) {
                let g = p.pin();
                let _ = root.load(&g).map(|r| r.view());
            }
        }
    }
}
