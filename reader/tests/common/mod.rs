//! Helpers shared by the reader's integration tests: a renderer that shows
//! every node of a form tree with its kind, text and line:column span.

#![allow(dead_code)]

use evelisp_reader::{Form, FormKind, LineIndex, ReadOptions, read};
use std::fmt::Write;

/// Renders `forms` one node per line, children indented, with spans.
pub fn tree(src: &str, forms: &[Form]) -> String {
    let index = LineIndex::new(src);
    let mut out = String::new();
    for f in forms {
        node(&mut out, &index, f, 1);
    }
    out
}

fn node(out: &mut String, index: &LineIndex<'_>, f: &Form, depth: usize) {
    let pad = "  ".repeat(depth);
    let (start, end) = (index.line_col(f.span.start), index.line_col(f.span.end));
    let at = format!("@{start}-{end}");
    let label = match &f.kind {
        FormKind::Symbol(s) => format!("symbol ns={:?} name={:?}", s.ns, s.name),
        FormKind::Keyword(k) => format!("keyword ns={:?} name={:?} auto={}", k.ns, k.name, k.auto),
        FormKind::Str(s) => format!("string {s:?}"),
        FormKind::Regex(s) => format!("regex {s:?}"),
        FormKind::Char(c) => format!("char {c:?}"),
        FormKind::Int(i) => format!("int {i}"),
        FormKind::BigInt(i) => format!("bigint {i}"),
        FormKind::Float(x) => format!("double {x:?}"),
        FormKind::BigDecimal(d) => format!("decimal unscaled={} scale={}", d.unscaled, d.scale),
        FormKind::Ratio(r) => format!("ratio {}/{}", r.numer(), r.denom()),
        FormKind::Tagged { tag, .. } => format!("tagged #{tag}"),
        FormKind::NamespacedMap { ns, .. } => format!("namespaced-map {ns:?}"),
        FormKind::ReaderConditional { splicing, .. } => {
            format!("reader-conditional splicing={splicing}")
        }
        _ => f.kind_name().to_string(),
    };
    let _ = writeln!(out, "{pad}{label} {at}");
    for c in f.children() {
        node(out, index, c, depth + 1);
    }
}

/// Reads each input and renders its forms as a tree (or its error).
pub fn cases(inputs: &[&str], options: &ReadOptions) -> String {
    let mut out = String::new();
    for input in inputs {
        let _ = writeln!(out, "── {input}");
        match read(input, options) {
            Ok(forms) => {
                out.push_str(&tree(input, &forms));
                let printed: Vec<String> = forms.iter().map(|f| f.to_string()).collect();
                let _ = writeln!(out, "  => {}", printed.join(" "));
            }
            Err(e) => {
                let tag = if e.is_incomplete() {
                    " [incomplete]"
                } else {
                    ""
                };
                let _ = writeln!(out, "  error: {e}{tag}");
            }
        }
    }
    out
}

/// Reads each input and renders only its printed forms or error: one line each.
pub fn outcomes(inputs: &[&str], options: &ReadOptions) -> String {
    let mut out = String::new();
    for input in inputs {
        let result = match read(input, options) {
            Ok(forms) => forms
                .iter()
                .map(|f| f.to_string())
                .collect::<Vec<_>>()
                .join(" "),
            Err(e) => {
                let tag = if e.is_incomplete() {
                    " [incomplete]"
                } else {
                    ""
                };
                format!("error: {e}{tag}")
            }
        };
        let _ = writeln!(out, "{input:<28} => {result}");
    }
    out
}
