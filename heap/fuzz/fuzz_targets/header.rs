//! Fuzz target: arbitrary bytes as the start of an env file. Validation must
//! give a typed answer and never panic; a file that passes must open and be
//! judged by `check()` without a crash.

#![no_main]

use evelisp_heap::testing::{self, PAGE_SIZE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.eve");
    let page = &data[..data.len().min(PAGE_SIZE as usize)];
    if testing::validate(
        path,
        page,
        data.len() as u64,
        evelisp_heap::testing::CLASS_COUNT as u32,
    )
    .is_ok()
    {
        let dir = std::env::temp_dir().join(format!("evelisp-fuzz-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("f.eve");
        if std::fs::write(&file, data).is_ok() {
            if let Ok(env) = evelisp_heap::Env::open(&file) {
                let _ = env.check();
            }
        }
    }
});
