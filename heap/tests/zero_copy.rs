//! Zero copy: a second process reads element 999,999 of a 1,000,000-element
//! vector written by the first, and its resident memory grows by a few
//! pages (the path from the root), not by the vector's size.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use evelisp_heap::FIRST_USER_ROOT;
use evelisp_heap::{Env, EnvOptions, Ref, Word};
use std::process::Command;

#[test]
fn reading_one_element_of_a_large_vector_touches_a_few_pages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("z.eve");
    let n = 1_000_000u64;
    {
        let env = Env::open_with(&path, &EnvOptions::new().map_size(1 << 32)).unwrap();
        let p = env.participant().unwrap();
        let items: Vec<Ref<'_>> = (0..n as i64)
            .map(|i| Ref::immediate(&env, Word::fixnum(i).unwrap()).unwrap())
            .collect();
        let v = env.make_vector(&items).unwrap();
        env.root(FIRST_USER_ROOT + 4).unwrap().reset(&p, v).unwrap();
        let bytes = env.stats().unwrap().live_bytes;
        assert!(bytes > 8_000_000, "the vector occupies {bytes} bytes");
    }
    // 999,999 sits in the tail; 500,000 is three trie levels down.
    for index in [999_999u64, 500_000] {
        let out = Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
            .args([
                "nth",
                path.to_str().unwrap(),
                &(FIRST_USER_ROOT + 4).to_string(),
                &index.to_string(),
            ])
            .output()
            .unwrap();
        common::assert_ok(&out);
        let line = String::from_utf8(out.stdout).unwrap();
        let f: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(f[2], format!("Int({index})"));
        let grown = f[1]
            .parse::<u64>()
            .unwrap()
            .saturating_sub(f[0].parse().unwrap());
        eprintln!("resident pages grew by {grown} reading element {index}");
        // The vector is over 2,000 pages; a read faults in the pages of the
        // few nodes on its path (the kernel maps up to 16 around each fault).
        assert!(grown <= 80, "reading one element faulted in {grown} pages");
    }
}
