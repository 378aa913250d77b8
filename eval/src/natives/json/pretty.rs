//! clojure.data.json's `pprint`: JSON laid out by Clojure's pretty printer
//! rules as data.json drives them — an array is a logical block `[...]`
//! with `, ` and a fill newline between elements, an object a block `{...}`
//! with `, ` and a linear newline between entries, each entry a block of
//! its own `"key":` linear newline value; 72 columns (`*print-right-margin*`).
//! A linear newline breaks when its block does not fit on the line; a fill
//! newline when the section after it does not fit, or the one before it
//! took more than one line. Scalars are spelled by the writer
//! (`generate.rs`).

use super::generate::Writer;
use crate::Interp;
use crate::error::EvalResult;
use crate::natives::seqs::lazy::each_element;
use evelisp_heap::{Ref, View};

/// Clojure's default `*print-right-margin*`.
const MARGIN: usize = 72;

/// A piece of the layout.
enum Node {
    /// Text printed as it is.
    Text(String),
    /// A logical block.
    Block {
        prefix: &'static str,
        parts: Vec<Part>,
        suffix: &'static str,
        /// Its width on one line.
        flat: usize,
    },
}

/// A part of a block.
enum Part {
    Node(Node),
    Linear,
    Fill,
}

impl Node {
    fn flat(&self) -> usize {
        match self {
            Node::Text(t) => t.chars().count(),
            Node::Block { flat, .. } => *flat,
        }
    }

    fn block(prefix: &'static str, parts: Vec<Part>, suffix: &'static str) -> Node {
        let inner: usize = parts
            .iter()
            .map(|p| match p {
                Part::Node(n) => n.flat(),
                _ => 0,
            })
            .sum();
        Node::Block {
            prefix,
            flat: prefix.len() + inner + suffix.len(),
            parts,
            suffix,
        }
    }
}

/// The layout tree of `x` (scalars, keys and their escapes by `writer`).
fn tree(i: &Interp<'_>, writer: &mut Writer<'_, '_>, x: Ref<'_>) -> EvalResult<Node> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || match x.view()? {
        View::Map { .. } => {
            let mut parts = Vec::new();
            for entry in x.entries()? {
                let (k, v) = entry?;
                if !parts.is_empty() {
                    parts.push(Part::Node(Node::Text(", ".into())));
                    parts.push(Part::Linear);
                }
                writer.key_only(k)?;
                let mut key = writer.take();
                key.push(':');
                let value = tree(i, writer, v)?;
                parts.push(Part::Node(Node::block(
                    "",
                    vec![Part::Node(Node::Text(key)), Part::Linear, Part::Node(value)],
                    "",
                )));
            }
            Ok(Node::block("{", parts, "}"))
        }
        View::Vector { .. } | View::List { .. } | View::Set { .. } | View::Seq { .. } => {
            let mut parts = Vec::new();
            let coll = i.env().own(x)?;
            each_element(i, coll, &mut |v| {
                if !parts.is_empty() {
                    parts.push(Part::Node(Node::Text(", ".into())));
                    parts.push(Part::Fill);
                }
                parts.push(Part::Node(tree(i, writer, v.borrowed())?));
                Ok(true)
            })?;
            Ok(Node::block("[", parts, "]"))
        }
        _ => {
            writer.value(x)?;
            Ok(Node::Text(writer.take()))
        }
    })
}

/// The output being laid out.
struct Layout {
    out: String,
    column: usize,
    /// Newlines written so far.
    lines: usize,
}

impl Layout {
    fn text(&mut self, t: &str) {
        self.out.push_str(t);
        self.column += t.chars().count();
    }

    fn newline(&mut self, indent: usize) {
        let trimmed = self.out.trim_end_matches(' ').len();
        self.out.truncate(trimmed);
        self.out.push('\n');
        self.lines += 1;
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.column = indent;
    }

    /// Lays out `node` at the current column; `after` is the width of the
    /// text that must follow it on the same line. Whether it took more
    /// than one line.
    fn node(&mut self, node: &Node, after: usize) -> bool {
        let Node::Block {
            prefix,
            parts,
            suffix,
            flat,
        } = node
        else {
            if let Node::Text(t) = node {
                self.text(t);
            }
            return false;
        };
        let broken = self.column + flat + after >= MARGIN;
        let start_line = self.lines;
        self.text(prefix);
        let indent = self.column;
        let mut previous_multiline = false;
        for (n, part) in parts.iter().enumerate() {
            match part {
                Part::Node(child) => {
                    let rest = section_width(&parts[n + 1..], suffix.len() + after);
                    previous_multiline = self.node(child, rest) || previous_multiline;
                }
                Part::Linear if broken => self.newline(indent),
                Part::Linear => {}
                Part::Fill => {
                    let next = section_width(&parts[n + 1..], suffix.len() + after);
                    if previous_multiline || self.column + next >= MARGIN {
                        self.newline(indent);
                    }
                    previous_multiline = false;
                }
            }
        }
        self.text(suffix);
        self.lines > start_line
    }
}

/// The width of `parts` up to their first newline; `end` (the block's
/// suffix and what follows it) when there is none.
fn section_width(parts: &[Part], end: usize) -> usize {
    let mut width = 0;
    for p in parts {
        match p {
            Part::Node(n) => width += n.flat(),
            _ => return width,
        }
    }
    width + end
}

/// `x` laid out as clojure.data.json's `pprint` prints it (no final
/// newline).
pub(crate) fn pprint(
    i: &Interp<'_>,
    writer: &mut Writer<'_, '_>,
    x: Ref<'_>,
) -> EvalResult<String> {
    let node = tree(i, writer, x)?;
    let mut layout = Layout {
        out: String::new(),
        column: 0,
        lines: 0,
    };
    layout.node(&node, 0);
    Ok(layout.out)
}
