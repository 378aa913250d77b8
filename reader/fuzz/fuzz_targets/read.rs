//! Fuzz target: arbitrary bytes into the reader. It must never panic or
//! overflow its stack, and whatever it reads must print as text that reads
//! back to the same forms, with reader conditionals resolved or preserved.
#![no_main]

use evelisp_reader::{Conditionals, ReadOptions, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for conditionals in [Conditionals::Allow, Conditionals::Preserve] {
        let options = ReadOptions {
            conditionals,
            ..ReadOptions::default()
        };
        let Ok(forms) = read(text, &options) else {
            continue;
        };
        let printed: Vec<String> = forms.iter().map(|f| f.to_string()).collect();
        let printed = printed.join("\n");
        match read(&printed, &options) {
            Ok(again) => assert_eq!(again, forms, "{text:?} printed as {printed:?}"),
            Err(e) => panic!("{text:?} printed as {printed:?}, which fails to read: {e}"),
        }
    }
});
