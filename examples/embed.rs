//! Embedding evelisp in a Rust program: open (or create) an env file, define
//! a native function in Rust, evaluate code that uses it, call an evelisp
//! function with Rust arguments, and capture what it prints.
//!
//! Run it twice to see the env file persist between runs:
//!
//! ```text
//! cargo run --example embed -- /tmp/embed.eve
//! ```

use evelisp::{Data, Runtime};
use std::collections::HashMap;

fn main() -> Result<(), evelisp::Error> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "embed-example.eve".to_string());
    let rt = Runtime::open(&path)?;

    // A native written in Rust, callable from evelisp as app/word-count.
    rt.define_native("app/word-count", |args| {
        let text: String = args.get(0)?;
        Ok(text.split_whitespace().count() as i64)
    })?;

    // Shared state lives in the env file: the count survives this process.
    rt.eval_str::<()>("(ns app)")?;
    if rt.var("app/runs").is_err() {
        rt.eval_str::<()>("(def runs (atom 0))")?;
    }
    rt.eval_str::<()>(
        "(defn summarize [text]
           {:words (word-count text) :run (swap! runs inc)})",
    )?;

    let summary: HashMap<String, i64> = rt.call("app/summarize", ("the quick brown fox",))?;
    println!(
        "words: {}, run number: {}",
        summary["words"], summary["run"]
    );

    // Any shape of result, as an owned copy.
    let data: Data = rt.eval_str("[1 :two \"three\"]")?;
    println!("data: {data:?}");

    // Output of evelisp code, captured instead of going to stdout.
    let ((), out) = rt.with_out(Vec::new(), || {
        let _ = rt.eval_str::<()>("(println \"hello from evelisp\")");
    });
    print!("captured: {}", String::from_utf8_lossy(&out));
    Ok(())
}
