//! Fuzz target: arbitrary bytes into the reader. It must never panic or
//! overflow its stack, and whatever it reads must print as text that reads
//! back to the same forms, with reader conditionals resolved or preserved.
#![no_main]

use evelisp_reader::{Conditionals, ReadOptions, Reader, read};
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
        let whole = read(text, &options);
        // Streaming yields the same forms, or the same error after them.
        let streamed: Vec<_> = Reader::new(text, &options).collect();
        match &whole {
            Ok(forms) => {
                let streamed: Result<Vec<_>, _> = streamed.into_iter().collect();
                assert_eq!(streamed.as_ref(), Ok(forms), "{text:?}");
            }
            Err(e) => {
                let last = streamed.last().map(|r| r.as_ref().map(|_| ()));
                assert_eq!(last, Some(Err(e)), "{text:?}");
            }
        }
        let Ok(forms) = whole else {
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
