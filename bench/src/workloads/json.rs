//! Workload 8, JSON (issue 19): parse and generate a deterministic ~20 MB
//! document (written by [`document`]) in evelisp (`scripts/json.clj` over
//! its `clojure.data.json`), Python 3's `json` module (C accelerated,
//! `json_peer.py`), and JVM Clojure with Debian's `clojure.data.json` and
//! cheshire (the same `json.clj`, after warm-up runs). Each process times
//! each operation itself; every peer's check value (records and the sum
//! of their ids) is compared with evelisp's.

use std::process::Command;

use anyhow::Result;

use crate::ctx::{Ctx, log};
use crate::report::{Better, Group, Outcome, Row, Section};
use crate::stats::Summary;
use crate::workloads::interp::parse_results;

/// evelisp's row name.
pub const EVELISP: &str = "evelisp (clojure.data.json)";
/// Python's row name.
pub const PYTHON: &str = "Python 3 json (C accelerated)";
/// JVM data.json's row name.
pub const JVM_DATA_JSON: &str = "JVM clojure.data.json (after warm-up)";
/// JVM cheshire's row name.
pub const JVM_CHESHIRE: &str = "JVM cheshire (after warm-up)";
/// The parse group's name.
pub const PARSE: &str = "parse (string to values)";
/// The generate group's name.
pub const GENERATE: &str = "generate (values to a string)";

/// The classpath of the JVM libraries (Debian's jars).
const CLASSPATH: &str = "/usr/share/java/data.json.jar:/usr/share/java/cheshire.jar:\
/usr/share/java/jackson-core.jar:/usr/share/java/jackson-dataformat-cbor.jar:\
/usr/share/java/jackson-dataformat-smile.jar:/usr/share/java/tigris.jar";

/// A small deterministic generator (a 64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// The document: a JSON array of `records` objects — ints, doubles,
/// booleans, null, short and long strings (with escapes and non-ASCII
/// text), a nested object and arrays — about 200 bytes each.
pub fn document(records: u64) -> String {
    const WORDS: [&str; 8] = [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "café",
        "naïve",
        "quote\\\"d",
        "tab\\tbed",
    ];
    let mut r = Lcg(19);
    let mut out = String::with_capacity(records as usize * 220);
    out.push('[');
    for id in 0..records {
        if id > 0 {
            out.push_str(",\n");
        }
        let w = |r: &mut Lcg| WORDS[(r.next() % 8) as usize];
        let score = (r.next() % 1_000_000) as f64 / 1000.0;
        let tags: Vec<String> = (0..(r.next() % 5))
            .map(|_| format!("\"{}\"", w(&mut r)))
            .collect();
        let (a, b, c) = (w(&mut r), w(&mut r), w(&mut r));
        out.push_str(&format!(
            "{{\"id\":{id},\"name\":\"user {id} {a}\",\"score\":{score},\"active\":{},\
             \"parent\":{},\"tags\":[{}],\"point\":{{\"x\":{},\"y\":{},\"label\":\"{b}\"}},\
             \"counts\":[{},{},{}],\"note\":\"{c} {c} {c} and some more text to read\"}}",
            r.next() % 2 == 0,
            if id % 3 == 0 {
                "null".to_string()
            } else {
                (id / 3).to_string()
            },
            tags.join(","),
            r.next() % 10_000,
            -((r.next() % 10_000) as i64),
            r.next(),
            r.next() % 100,
            r.next() % 7,
        ));
    }
    out.push_str("]\n");
    out
}

fn run_peer(label: &str, mut cmd: Command) -> Result<crate::workloads::interp::Results> {
    log(&format!("json: {label}"));
    let out = cmd.output()?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = err.lines().rev().take(3).collect();
        anyhow::bail!("{label} failed ({}): {}", out.status, tail.join(" / "));
    }
    parse_results(&String::from_utf8_lossy(&out.stdout))
}

/// Runs the JSON workload.
pub fn run(ctx: &Ctx) -> Section {
    let records = ctx.size(85_000, 10_000);
    let mut s = Section::new("json", "8. JSON", "time (ms)", Better::Lower);
    let path = ctx.scratch_path("doc.json");
    let doc = document(records);
    let size_mb = doc.len() as f64 / 1e6;
    if let Err(e) = std::fs::write(&path, &doc) {
        let mut g = Group::new(PARSE);
        g.rows
            .push(Row::subject(EVELISP, Outcome::Failed(format!("{e:#}"))));
        s.groups.push(g);
        return s;
    }
    drop(doc);
    let reps = ctx.reps.to_string();
    let jvm_warmups = ctx.size(3, 1).to_string();
    let file = path.display().to_string();
    let env = ctx.scratch_path("json.eve");
    let _ = std::fs::remove_file(&env);
    let mut eve = Command::new(&ctx.evelisp);
    eve.arg("--env")
        .arg(&env)
        .arg(ctx.script("json.clj"))
        .args(["data.json", &reps, "1", &file]);
    let jvm = |lib: &str| match &ctx.peers.clojure {
        Ok(t) => {
            let mut c = Command::new(&t.path);
            c.env("CLASSPATH", CLASSPATH)
                .arg(ctx.script("json.clj"))
                .args([lib, &reps, &jvm_warmups, &file]);
            Ok(c)
        }
        Err(skip) => Err(skip.reason.clone()),
    };
    let python = match &ctx.peers.python {
        Ok(t) => {
            let mut c = Command::new(&t.path);
            c.arg(ctx.script("json_peer.py")).args([&reps, "1", &file]);
            Ok(c)
        }
        Err(skip) => Err(skip.reason.clone()),
    };
    let peers: Vec<(&str, Result<Command, String>)> = vec![
        (EVELISP, Ok(eve)),
        (PYTHON, python),
        (JVM_DATA_JSON, jvm("data.json")),
        (JVM_CHESHIRE, jvm("cheshire")),
    ];
    let results: Vec<(&str, Result<_, Outcome>)> = peers
        .into_iter()
        .map(|(name, cmd)| {
            let r = match cmd {
                Ok(cmd) => run_peer(name, cmd).map_err(|e| Outcome::Failed(format!("{e:#}"))),
                Err(why) => Err(Outcome::Skipped(why)),
            };
            (name, r)
        })
        .collect();
    let reference = results.first().and_then(|(_, r)| r.as_ref().ok());
    for (key, label) in [("parse", PARSE), ("generate", GENERATE)] {
        let mut g = Group::new(label);
        for (name, r) in &results {
            let outcome = match r {
                Err(o) => o.clone(),
                Ok(res) => match res.get(key) {
                    None => Outcome::Failed(format!("printed no result for {key}")),
                    Some((times, value)) => {
                        match reference.and_then(|r| r.get(key)).map(|(_, v)| v) {
                            Some(w) if w != value => {
                                Outcome::Failed(format!("result {value}, evelisp's is {w}"))
                            }
                            _ => Summary::of(times)
                                .map(Outcome::Measured)
                                .unwrap_or_else(|| Outcome::Failed("no times".into())),
                        }
                    }
                },
            };
            g.rows.push(if *name == EVELISP {
                Row::subject(name, outcome)
            } else {
                Row::peer(name, outcome)
            });
        }
        s.groups.push(g);
    }
    s.notes.push(format!(
        "One document of {records} records ({size_mb:.1} MB: ints, doubles, booleans, null, strings \
         with escapes and non-ASCII text, nested objects and arrays), generated by the bench. Each \
         process reads it once, then times `read-str`/`parse-string-strict`/`json.loads` on the text \
         and `write-str`/`generate-string`/`json.dumps` (compact separators) on the parsed values \
         itself ({} timed runs each, after 1 untimed run; the JVM after {jvm_warmups}), so process \
         start is not counted. Every peer's check (records and the sum of their ids, of the values \
         parsed and of the text generated parsed back) equals evelisp's. Sources: \
         `bench/scripts/json.clj`, `json_peer.py`, `bench/src/workloads/json.rs`.",
        ctx.reps
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_deterministic_valid_json_of_the_size_asked() {
        let a = document(1000);
        assert_eq!(a, document(1000));
        let v: serde_json::Value = serde_json::from_str(&a).expect("valid JSON");
        assert_eq!(v.as_array().map(Vec::len), Some(1000));
        assert!(a.len() > 150_000 && a.len() < 300_000, "{}", a.len());
    }
}
