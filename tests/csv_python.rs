//! clojure.data.csv against Python's `csv` module: Python writes seeded
//! random tables (quotes, separators, `\n` and `\r\n` inside fields, empty
//! fields, unicode) and evelisp's `read-csv` must read back every value;
//! evelisp's `write-csv` writes the tables and Python's reader must read
//! back every value. Values cross between the two as code points
//! (`104.105,33` is the record `["hi" "!"]`), so neither side's printer
//! is trusted. Also: a malformed file (a quoted field never closed at the
//! end of a large input) is a clear error with its place, not a hang.
//! Skipped, with a printed reason, where `python3` is missing.

use std::path::Path;
use std::process::{Command, Output};

/// The generator: `python3 -c GEN SEED ROWS DELIM QUOTE TERMINATOR OUT.csv
/// OUT.txt` writes a random table as CSV (Python's writer) and the records
/// Python's reader reads from it as code points.
const GENERATE: &str = r#"
import csv, random, sys
seed, rows, delim, quote, term, csv_path, cp_path = sys.argv[1:]
rng = random.Random(int(seed))
alphabet = ['a', 'b', 'Z', '0', ' ', ',', ';', '"', "'", '\n', '\r\n', '\r', '\t',
            'é', 'ü', '日', '本', '€', '\U0001F600', 'x y', '""', '|']
def field():
    k = rng.choice([0, 0, 1, 2, 3, 8])
    return ''.join(rng.choice(alphabet) for _ in range(k))
table = [[field() for _ in range(rng.randint(1, 6))] for _ in range(int(rows))]
with open(csv_path, 'w', newline='', encoding='utf-8') as f:
    csv.writer(f, delimiter=delim, quotechar=quote, lineterminator=term.replace('CRLF', '\r\n').replace('LF', '\n')).writerows(table)
# The values are what Python's reader reads back (with a "\n" terminator
# its writer leaves a lone "\r" unquoted, which both readers take as a
# line break), an empty line being [""] as in data.csv (Python gives []).
with open(csv_path, newline='', encoding='utf-8') as f:
    read = [row or [''] for row in csv.reader(f, delimiter=delim, quotechar=quote)]
with open(cp_path, 'w', encoding='utf-8') as f:
    for row in read:
        f.write(','.join('.'.join(str(ord(c)) for c in cell) for cell in row) + '\n')
"#;

/// The reader: `python3 -c READ DELIM QUOTE IN.csv` prints the records of
/// the CSV file as code points (an empty line as [""], as data.csv reads
/// it).
const READ: &str = r#"
import csv, sys
delim, quote, path = sys.argv[1:]
with open(path, newline='', encoding='utf-8') as f:
    for row in csv.reader(f, delimiter=delim, quotechar=quote):
        row = row or ['']
        sys.stdout.write(','.join('.'.join(str(ord(c)) for c in cell) for cell in row) + '\n')
"#;

/// The evelisp side: functions between records and code-point lines (a
/// cell is decoded by reading a string literal of `\\u` escapes, as
/// `char` takes no code point above U+FFFF).
const CODEC: &str = r#"
(require '[clojure.data.csv :as csv] '[clojure.java.io :as io] '[clojure.string :as str] 'clojure.edn)
(defn encode [record]
  (str/join "," (map (fn [cell] (str/join "." (map int cell))) record)))
(defn escape [cp]
  (if (< cp 0x10000)
    (format "\\u%04x" cp)
    (let [v (- cp 0x10000)]
      (str (escape (+ 0xD800 (bit-shift-right v 10))) (escape (+ 0xDC00 (bit-and v 0x3FF)))))))
(defn decode-cell [cell]
  (clojure.edn/read-string
   (str "\"" (apply str (map #(escape (Long/parseLong %)) (remove empty? (str/split cell #"\.")))) "\"")))
(defn decode [line]
  (mapv decode-cell (str/split line #"," -1)))
"#;

fn python() -> Option<String> {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    (!ok).then(|| "python3 is not installed".to_string())
}

fn run(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn evelisp(script: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(["--ephemeral", "-e", script])
        .env_remove("EVELISP_ENV")
        .env_remove("EVELISP_PATH")
        .output()
        .expect("evelisp runs")
}

fn generate(
    dir: &Path,
    seed: u32,
    rows: u32,
    delim: &str,
    quote: &str,
    term: &str,
) -> (String, String) {
    let csv = dir.join(format!("t{seed}.csv")).display().to_string();
    let cps = dir.join(format!("t{seed}.txt")).display().to_string();
    let seed = seed.to_string();
    let rows = rows.to_string();
    run(
        Command::new("python3")
            .args(["-c", GENERATE, &seed, &rows, delim, quote, term, &csv, &cps])
            .output()
            .expect("python3 runs"),
        "the generator",
    );
    (csv, cps)
}

/// A Lisp character literal of c.
fn char_literal(c: &str) -> String {
    match c {
        "\t" => "\\tab".into(),
        other => format!("\\{other}"),
    }
}

#[test]
fn read_csv_reads_what_pythons_writer_writes() {
    if let Some(why) = python() {
        println!("skipped: {why}");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let dialects = [
        (",", "\"", "CRLF"),
        (",", "\"", "LF"),
        (";", "'", "CRLF"),
        ("\t", "\"", "LF"),
    ];
    for (n, (delim, quote, term)) in dialects.iter().enumerate() {
        let seed = 1000 + n as u32;
        let (csv, cps) = generate(dir.path(), seed, 300, delim, quote, term);
        let script = format!(
            "{CODEC}
(with-open [r (io/reader {csv:?})]
  (doseq [record (csv/read-csv r :separator {} :quote {})]
    (println (encode record))))",
            char_literal(delim),
            char_literal(quote)
        );
        let printed = run(evelisp(&script), "evelisp read-csv");
        let want = std::fs::read_to_string(&cps).expect("code points");
        assert!(
            printed == want,
            "seed {seed} ({delim:?} {quote:?} {term}): evelisp read other values than Python wrote\n{}",
            first_difference(&want, &printed)
        );
    }
}

#[test]
fn pythons_reader_reads_what_write_csv_writes() {
    if let Some(why) = python() {
        println!("skipped: {why}");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let dialects = [
        (",", "\"", ":lf"),
        (",", "\"", ":cr+lf"),
        (";", "'", ":cr+lf"),
        ("|", "\"", ":lf"),
    ];
    for (n, (delim, quote, newline)) in dialects.iter().enumerate() {
        let seed = 2000 + n as u32;
        let (_, cps) = generate(dir.path(), seed, 300, ",", "\"", "LF");
        let out = dir
            .path()
            .join(format!("w{seed}.csv"))
            .display()
            .to_string();
        let script = format!(
            "{CODEC}
(with-open [w (io/writer {out:?})]
  (csv/write-csv w (map decode (butlast (str/split (slurp {cps:?}) #\"\\n\" -1)))
                 :separator {} :quote {} :newline {newline}))",
            char_literal(delim),
            char_literal(quote)
        );
        run(evelisp(&script), "evelisp write-csv");
        let read = run(
            Command::new("python3")
                .args(["-c", READ, delim, quote, &out])
                .output()
                .expect("python3 runs"),
            "Python's reader",
        );
        let want = std::fs::read_to_string(&cps).expect("code points");
        assert!(
            read == want,
            "seed {seed} ({delim:?} {quote:?} {newline}): Python read other values than evelisp wrote\n{}",
            first_difference(&want, &read)
        );
    }
}

fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    for i in 0..w.len().max(g.len()) {
        if w.get(i) != g.get(i) {
            return format!(
                "record {}: want {:?}\n          got  {:?}",
                i + 1,
                w.get(i),
                g.get(i)
            );
        }
    }
    "no line differs".into()
}

#[test]
fn an_unclosed_quote_at_the_end_of_a_large_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.csv");
    let mut text = String::from("id,name,note\r\n");
    for i in 0..20_000 {
        text.push_str(&format!("{i},\"name {i}\",\"a, b\"\r\n"));
    }
    text.push_str("20000,\"never closed\r\nmore text");
    std::fs::write(&path, &text).expect("write");
    let start = std::time::Instant::now();
    let out = evelisp(&format!(
        "(require '[clojure.data.csv :as csv] '[clojure.java.io :as io])
         (with-open [r (io/reader {:?})]
           (println (count (csv/read-csv r))))",
        path.display().to_string()
    ));
    assert!(
        start.elapsed().as_secs() < 120,
        "took {:?}",
        start.elapsed()
    );
    assert!(!out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.stdout.is_empty(),
        "no partial value: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        stderr.contains("CSV error (unexpected end of file) at line 20003, column 10")
            && stderr.contains("opened at line 20002, column 7"),
        "{stderr}"
    );
    // Records before the bad one are read lazily, as data.csv reads them.
    let out = evelisp(&format!(
        "(require '[clojure.data.csv :as csv] '[clojure.java.io :as io])
         (with-open [r (io/reader {:?})]
           (prn (nth (csv/read-csv r) 20000)))",
        path.display().to_string()
    ));
    assert_eq!(run(out, "evelisp"), "[\"19999\" \"name 19999\" \"a, b\"]\n");
}
