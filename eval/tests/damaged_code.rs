//! Damaged code in a real env file gives an error, never a panic: a
//! function using every special form is defined in a file, then each
//! element and each tail of every list of its stored code is overwritten
//! in the file, one at a time, by another word (every special-form name,
//! nil, a number, `()`, a keyword, a string, a vector, a var), and the
//! function is called by a fresh interpreter, which analyzes the damaged
//! code. Every call must return (a value or an error); the bytes are put
//! back after each variant, and the function works again at the end.

#![allow(clippy::unwrap_used)] // test code may unwrap

use evelisp_eval::Interp;
use evelisp_eval::pr_str;
use evelisp_heap::{Env, Kind, Ref, Value, Word};
use std::os::unix::fs::FileExt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

mod common;

const DEFINITION: &str = "
(def ^:dynamic *d* 0)
(def f (fn* f ([x]
  (let* [y (inc x)]
    (letfn* [g (fn* g ([n] (if (< n 1) 0 (+ n (g (dec n))))))]
      (binding [*d* x]
        (if (< 0 y)
          (loop* [i 0] (if (< i y) (recur (inc i)) [(+ i (g 2)) (var f) (quote q) (def h 1)]))
          (try (throw (quote boom))
               (catch :default e (quote caught))
               (finally (set! *d* 2))))))))))";

/// Every list cell of `form`, depth first (vectors are walked into).
fn cells(form: Ref<'_>, out: &mut Vec<u64>) {
    match form.kind().unwrap() {
        Some(Kind::Cons) => {
            let mut rest = form;
            while matches!(rest.kind().unwrap(), Some(Kind::Cons)) {
                out.push(rest.word().as_object().unwrap());
                cells(rest.first().unwrap(), out);
                rest = rest.rest().unwrap();
            }
        }
        Some(Kind::Vector) => {
            for x in form.elements().unwrap() {
                cells(x.unwrap(), out);
            }
        }
        _ => {}
    }
}

fn call(i: &Interp<'_>, f: &Value<'_>) -> Result<String, String> {
    let env = i.env();
    let three = env.make_int(3).unwrap();
    match i.apply(f.borrowed(), vec![three].into()) {
        Ok(v) => Ok(pr_str(v.borrowed()).unwrap_or_else(|e| format!("(unprintable: {e})"))),
        Err(e) => Err(e.to_string()),
    }
}

#[test]
fn damaged_code_objects_give_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let env: Env = common::env(&dir);
    let path = env.path().to_path_buf();
    let first = Interp::new(&env).unwrap();
    first.eval_str(DEFINITION, Some("damaged.clj")).unwrap();
    let f = first.eval_str("f", None).unwrap();
    assert_eq!(call(&first, &f).unwrap(), "[7 #'user/f q #'user/h]");

    // The replacement words, kept alive by these values.
    let mut keep: Vec<Value<'_>> = Vec::new();
    for name in [
        "quote", "if", "do", "let*", "loop*", "recur", "fn*", "letfn*", "def", "var", "throw",
        "try", "binding", "set!", "ns", "defmacro", "catch", "finally", "&",
    ] {
        keep.push(env.intern_symbol(None, name).unwrap());
    }
    for text in [":k", "\"s\"", "[1 2 3]", "{:a 1}", "(var *d*)", "1.5"] {
        keep.push(first.eval_str(text, None).unwrap());
    }
    let mut replacements: Vec<u64> = keep.iter().map(|v| v.word().bits()).collect();
    replacements.extend([Word::NIL.bits(), Word::EMPTY_LIST.bits()]);
    replacements.push(Word::fixnum(1).unwrap().bits());

    let (code, _, _) = env.fn_parts(f.borrowed()).unwrap();
    let (body, _, _) = env.code_parts(code).unwrap();
    let mut offsets = Vec::new();
    cells(body, &mut offsets);
    assert!(offsets.len() > 50, "only {} cells", offsets.len());

    // A watchdog interrupts a variant that runs for long (damage can turn
    // a loop's test into a constant).
    let started = Arc::new(AtomicU64::new(u64::MAX));
    let done = Arc::new(AtomicBool::new(false));
    let clock = Instant::now();
    let watchdog = {
        let (started, done) = (started.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(20));
                let at = started.load(Ordering::Relaxed);
                if at != u64::MAX && clock.elapsed().as_millis() as u64 > at + 200 {
                    evelisp_eval::request_interrupt();
                }
            }
        })
    };

    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)
        .unwrap();
    let (mut variants, mut errors, mut panics) = (0, 0, Vec::new());
    for &cell in &offsets {
        let mut original = [0u8; 32];
        file.read_exact_at(&mut original, cell).unwrap();
        // The element and the tail words of the cell (after its header).
        for slot in [8u64, 16] {
            for &w in &replacements {
                file.write_all_at(&w.to_le_bytes(), cell + slot).unwrap();
                let i = Interp::new(&env).unwrap();
                i.set_interruptible(true);
                started.store(clock.elapsed().as_millis() as u64, Ordering::Relaxed);
                let outcome = catch_unwind(AssertUnwindSafe(|| call(&i, &f)));
                started.store(u64::MAX, Ordering::Relaxed);
                drop(i);
                file.write_all_at(&original, cell).unwrap();
                variants += 1;
                match outcome {
                    Ok(Ok(_)) => {}
                    Ok(Err(_)) => errors += 1,
                    Err(_) => panics.push(format!("cell {cell:#x} slot {slot} word {w:#x}")),
                }
            }
        }
    }
    done.store(true, Ordering::Relaxed);
    watchdog.join().unwrap();
    eprintln!(
        "{variants} variants of {} list cells: {errors} errors, {} panics",
        offsets.len(),
        panics.len()
    );
    assert!(
        panics.is_empty(),
        "{} of {variants} variants panicked: {panics:?}",
        panics.len()
    );
    // Most damage must be noticed (an element replaced by a harmless
    // constant may still run).
    assert!(
        errors * 2 > variants,
        "only {errors} of {variants} variants gave an error"
    );
    // Every byte is back: the function works again, analyzed afresh.
    let last = Interp::new(&env).unwrap();
    assert_eq!(call(&last, &f).unwrap(), "[7 #'user/f q #'user/h]");
}
