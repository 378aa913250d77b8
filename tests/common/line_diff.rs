//! A line diff of two outputs, for tests that compare what evelisp printed
//! with what JVM Clojure printed.

/// A line diff of `expected` and `actual` (longest common subsequence):
/// unchanged lines start with two spaces, lines only Clojure printed with
/// `- `, lines only evelisp printed with `+ `. Runs of more than three
/// unchanged lines are shortened to their ends.
pub fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut lines = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            lines.push(format!("  {}", a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            lines.push(format!("- {}", a[i]));
            i += 1;
        } else {
            lines.push(format!("+ {}", b[j]));
            j += 1;
        }
    }
    let mut shown = Vec::new();
    let mut same: Vec<String> = Vec::new();
    let flush = |same: &mut Vec<String>, shown: &mut Vec<String>| {
        if same.len() > 3 {
            shown.push(same[0].clone());
            shown.push(format!("  ... {} unchanged lines", same.len() - 2));
            shown.push(same[same.len() - 1].clone());
        } else {
            shown.append(same);
        }
        same.clear();
    };
    for line in lines {
        if line.starts_with("  ") {
            same.push(line);
        } else {
            flush(&mut same, &mut shown);
            shown.push(line);
        }
    }
    flush(&mut same, &mut shown);
    shown.join("\n")
}

