//! Reads every hand-written `.clj`/`.cljc` file under `tests/corpus/` (built
//! from Clojure's reader reference and ordinary code), snapshots what each
//! reads as, and checks that printing it reads back to the same forms.

use evelisp_reader::{Conditionals, ReadOptions, Reader, read};
use std::path::PathBuf;

fn corpus() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the corpus directory exists")
        .map(|e| e.expect("a readable directory entry").path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("clj" | "cljc")))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "corpus files missing from {dir:?}");
    files
}

#[test]
fn every_corpus_file_reads_and_round_trips() {
    for path in corpus() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        for conditionals in [Conditionals::Allow, Conditionals::Preserve] {
            let options = ReadOptions {
                conditionals,
                ..ReadOptions::for_file(name.as_str())
            };
            let forms = read(&text, &options).unwrap_or_else(|e| panic!("{e}"));
            let streamed: Vec<_> = Reader::new(&text, &options)
                .collect::<Result<_, _>>()
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(streamed, forms, "{name}: streaming differs from read");
            assert!(!forms.is_empty(), "{name}");
            let printed: Vec<String> = forms.iter().map(|f| f.to_string()).collect();
            let again = read(&printed.join("\n"), &options).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(again, forms, "{name} does not read back the same");
            if conditionals == Conditionals::Allow {
                insta::assert_snapshot!(name.clone(), printed.join("\n"));
            }
        }
    }
}
