//! Reader throughput: reading 1 MB of typical Clojure source (the test
//! corpus repeated), against a same-run baseline that only scans the same
//! bytes for line starts (`LineIndex::new`), so the figure can be read as a
//! ratio on a noisy machine. `read` times reading alone (the forms are
//! dropped outside the timing); `read_and_drop` and `read_and_print` add
//! freeing and printing them.
//!
//! Run with `cargo bench -p evelisp-reader`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use evelisp_reader::{LineIndex, ReadOptions, read};
use std::hint::black_box;

/// About 1 MB of ordinary Clojure: the corpus files, repeated.
fn megabyte_of_source() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let sample: String = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("corpus file"))
        .map(|text| text.replace("#!/usr/bin/env evelisp\n", ""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(&sample);
        text.push('\n');
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = megabyte_of_source();
    let options = ReadOptions::default();
    let forms = read(&text, &options).expect("the benchmark text reads");
    eprintln!(
        "input: {} bytes, {} top-level forms",
        text.len(),
        forms.len()
    );

    let mut group = c.benchmark_group("read_1mb");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(30);
    group.bench_function("baseline_line_index", |b| {
        b.iter(|| black_box(LineIndex::new(black_box(&text))))
    });
    // Reading alone: the forms are dropped outside the timed part.
    group.bench_function("read", |b| {
        b.iter_with_large_drop(|| read(black_box(&text), &options))
    });
    // Reading and then freeing the forms.
    group.bench_function("read_and_drop", |b| {
        b.iter(|| black_box(read(black_box(&text), &options)))
    });
    group.bench_function("read_and_print", |b| {
        b.iter(|| {
            let forms = read(black_box(&text), &options).expect("reads");
            black_box(forms.iter().map(|f| f.to_string().len()).sum::<usize>())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
