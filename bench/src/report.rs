//! The results as data (sections of groups of rows, targets, skipped peers)
//! and their rendering as the markdown of `bench/results.md`.
//!
//! Every figure is the median of repeated runs with their range; every ratio
//! is evelisp's speed divided by the peer's, both measured in the same run
//! (above 1: evelisp is faster).

use std::fmt::Write as _;

use crate::peers::Skip;
use crate::stats::Summary;

/// Which way a metric is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// Throughputs: ops per second.
    Higher,
    /// Times and latencies.
    Lower,
}

/// What came of one peer's measurement.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The summary of the repetitions.
    Measured(Summary),
    /// The peer could not run here: why.
    Skipped(String),
    /// It ran and something was wrong (a wrong final count, a crash): what.
    Failed(String),
}

impl Outcome {
    /// The median, when measured.
    pub fn median(&self) -> Option<f64> {
        match self {
            Outcome::Measured(s) => Some(s.median),
            _ => None,
        }
    }
}

/// One peer's line in a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Who was measured, and how (e.g. `Redis GET, pipelined ×100`).
    pub peer: String,
    /// The figure.
    pub outcome: Outcome,
    /// Further columns (their headers are the section's `extra_headers`).
    pub extras: Vec<String>,
    /// Whether this is evelisp's row, the one the others are compared with.
    pub subject: bool,
    /// A row shown for context only (a floor or a part of evelisp's own
    /// cost), with no ratio.
    pub context: bool,
}

impl Row {
    /// evelisp's row.
    pub fn subject(peer: &str, outcome: Outcome) -> Row {
        Row {
            peer: peer.to_string(),
            outcome,
            extras: Vec::new(),
            subject: true,
            context: false,
        }
    }

    /// A peer's row.
    pub fn peer(peer: &str, outcome: Outcome) -> Row {
        Row {
            peer: peer.to_string(),
            outcome,
            extras: Vec::new(),
            subject: false,
            context: false,
        }
    }

    /// A row for context, without a ratio (e.g. `/bin/true`).
    pub fn context(peer: &str, outcome: Outcome) -> Row {
        Row {
            peer: peer.to_string(),
            outcome,
            extras: Vec::new(),
            subject: false,
            context: true,
        }
    }

    /// The same row with extra columns.
    pub fn with_extras(mut self, extras: Vec<String>) -> Row {
        self.extras = extras;
        self
    }
}

/// Rows measured under one setting (e.g. `P = 2`): ratios are taken within it.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The setting.
    pub name: String,
    /// evelisp's row and the peers'.
    pub rows: Vec<Row>,
}

impl Group {
    /// A group with no rows yet.
    pub fn new(name: impl Into<String>) -> Group {
        Group {
            name: name.into(),
            rows: Vec::new(),
        }
    }

    /// evelisp's speed divided by the row's, within this group
    /// (`None` without both figures, and for evelisp's own row).
    pub fn ratio(&self, row: &Row, better: Better) -> Option<f64> {
        if row.subject || row.context {
            return None;
        }
        let subject = self.rows.iter().find(|r| r.subject)?.outcome.median()?;
        let peer = row.outcome.median()?;
        let r = match better {
            Better::Higher => subject / peer,
            Better::Lower => peer / subject,
        };
        r.is_finite().then_some(r)
    }
}

/// One workload's table.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// A short key the targets use to find figures (`counter`, `reads`, ...).
    pub id: String,
    /// The heading.
    pub title: String,
    /// What the figure column holds, with its unit (`swaps/s`).
    pub metric: String,
    /// Which way the metric is better.
    pub better: Better,
    /// Headers of the rows' extra columns.
    pub extra_headers: Vec<String>,
    /// Sentences under the table: what was run, how it was timed.
    pub notes: Vec<String>,
    /// The tables' groups of rows.
    pub groups: Vec<Group>,
}

impl Section {
    /// An empty section.
    pub fn new(id: &str, title: &str, metric: &str, better: Better) -> Section {
        Section {
            id: id.to_string(),
            title: title.to_string(),
            metric: metric.to_string(),
            better,
            extra_headers: Vec::new(),
            notes: Vec::new(),
            groups: Vec::new(),
        }
    }

    /// The group named `name`.
    pub fn group(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.name == name)
    }
}

/// One of the targets and whether this run met it.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// The target as the issue states it.
    pub target: String,
    /// What this run measured.
    pub measured: String,
    /// Met, missed, or `None` when a figure it needs is missing.
    pub met: Option<bool>,
}

/// Everything `bench/results.md` shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// The first heading.
    pub title: String,
    /// `key: value` lines under it: date, machine, mode, versions.
    pub meta: Vec<(String, String)>,
    /// One table per workload.
    pub sections: Vec<Section>,
    /// The targets table.
    pub targets: Vec<Target>,
    /// Peers that could not run, with why.
    pub skipped: Vec<Skip>,
}

impl Report {
    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The median of `peer` in `group` of section `id`.
    pub fn median(&self, id: &str, group: &str, peer: &str) -> Option<f64> {
        let g = self.section(id)?.group(group)?;
        g.rows.iter().find(|r| r.peer == peer)?.outcome.median()
    }

    /// The ratio (evelisp's speed ÷ the peer's) of `peer` in `group` of section `id`.
    pub fn ratio(&self, id: &str, group: &str, peer: &str) -> Option<f64> {
        let s = self.section(id)?;
        let g = s.group(group)?;
        let row = g.rows.iter().find(|r| r.peer == peer)?;
        g.ratio(row, s.better)
    }

    /// The markdown of `bench/results.md`.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", self.title);
        for (k, v) in &self.meta {
            let _ = writeln!(out, "- **{k}**: {v}");
        }
        out.push('\n');
        out.push_str(
            "Every figure is the median of the repetitions, with their range; the last \
             column is evelisp's speed divided by the peer's, both measured in this run \
             (above 1×: evelisp is faster).\n\n",
        );
        if !self.targets.is_empty() {
            out.push_str("## Targets\n\n| target | measured | |\n|---|---|---|\n");
            for t in &self.targets {
                let verdict = match t.met {
                    Some(true) => "met",
                    Some(false) => "**missed**",
                    None => "not measured",
                };
                let _ = writeln!(out, "| {} | {} | {} |", t.target, t.measured, verdict);
            }
            out.push('\n');
        }
        for s in &self.sections {
            render_section(&mut out, s);
        }
        if !self.skipped.is_empty() {
            out.push_str("## Skipped peers\n\n");
            for skip in &self.skipped {
                let _ = writeln!(out, "- {skip}");
            }
            out.push('\n');
        }
        out
    }
}

fn render_section(out: &mut String, s: &Section) {
    let _ = writeln!(out, "## {}\n", s.title);
    let mut header = format!("| case | peer | {} | range |", s.metric);
    let mut rule = String::from("|---|---|---:|---:|");
    for h in &s.extra_headers {
        let _ = write!(header, " {h} |");
        rule.push_str("---:|");
    }
    header.push_str(" evelisp vs peer |");
    rule.push_str("---:|");
    let _ = writeln!(out, "{header}\n{rule}");
    for g in &s.groups {
        for row in &g.rows {
            let peer = if row.subject {
                format!("**{}**", row.peer)
            } else {
                row.peer.clone()
            };
            let (figure, range) = match &row.outcome {
                Outcome::Measured(m) => (
                    fmt_num(m.median),
                    if m.count > 1 {
                        format!("{}–{} ({} runs)", fmt_num(m.min), fmt_num(m.max), m.count)
                    } else {
                        "1 run".to_string()
                    },
                ),
                Outcome::Skipped(why) => (format!("skipped: {}", escape(why)), "—".into()),
                Outcome::Failed(why) => (format!("**error**: {}", escape(why)), "—".into()),
            };
            let mut line = format!("| {} | {} | {} | {} |", g.name, peer, figure, range);
            for i in 0..s.extra_headers.len() {
                let cell = row.extras.get(i).map(String::as_str).unwrap_or("—");
                let _ = write!(line, " {cell} |");
            }
            let ratio = match g.ratio(row, s.better) {
                Some(r) => fmt_ratio(r),
                None if row.subject => "1×".to_string(),
                None => "—".to_string(),
            };
            let _ = writeln!(out, "{line} {ratio} |");
        }
    }
    out.push('\n');
    for n in &s.notes {
        let _ = writeln!(out, "{n}\n");
    }
}

fn escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A figure with three significant digits and a k/M/G suffix past 10,000.
pub fn fmt_num(x: f64) -> String {
    let x = round3(x);
    let a = x.abs();
    let (v, suffix) = if a >= 1e9 {
        (x / 1e9, " G")
    } else if a >= 1e6 {
        (x / 1e6, " M")
    } else if a >= 1e4 {
        (x / 1e3, " k")
    } else {
        (x, "")
    };
    format!("{}{}", sig3(v), suffix)
}

/// `v` rounded to three significant digits (so 0.09999 prints as 0.100).
fn round3(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let scale = 10f64.powi(2 - v.abs().log10().floor() as i32);
    (v * scale).round() / scale
}

fn sig3(v: f64) -> String {
    let v = round3(v);
    let a = v.abs();
    if a == 0.0 {
        "0".to_string()
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else {
        let digits = (2 - a.log10().floor() as i32).clamp(0, 12) as usize;
        format!("{v:.digits$}")
    }
}

/// A ratio as `12.3×`.
pub fn fmt_ratio(r: f64) -> String {
    format!("{}×", sig3(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(median: f64, min: f64, max: f64) -> Outcome {
        Outcome::Measured(Summary {
            median,
            min,
            max,
            count: 5,
        })
    }

    fn sample() -> Report {
        let mut s = Section::new("counter", "Shared counter", "swaps/s", Better::Higher);
        s.notes
            .push("Throughput is P×N ÷ the time from go to the last done.".into());
        let mut g = Group::new("P = 2");
        g.rows
            .push(Row::subject("evelisp", measured(2.0e6, 1.8e6, 2.1e6)));
        g.rows.push(Row::peer(
            "Redis INCR",
            measured(50_000.0, 48_000.0, 51_000.0),
        ));
        g.rows
            .push(Row::peer("LMDB", Outcome::Failed("count 3 ≠ 4".into())));
        g.rows.push(Row::peer(
            "JVM Clojure atom",
            Outcome::Skipped("no java".into()),
        ));
        g.rows
            .push(Row::context("/bin/true", measured(1.0, 1.0, 1.0)));
        s.groups.push(g);
        let mut l = Section::new("map", "Map update", "p50 µs", Better::Lower);
        l.extra_headers = vec!["p99 µs".into()];
        let mut g = Group::new("1,000 keys");
        g.rows
            .push(Row::subject("evelisp", measured(3.2, 3.0, 3.5)).with_extras(vec!["9.1".into()]));
        g.rows.push(Row::peer("JVM", measured(0.8, 0.7, 0.9)));
        l.groups.push(g);
        Report {
            title: "Benchmarks".into(),
            meta: vec![("machine".into(), "2 cores".into())],
            sections: vec![s, l],
            targets: vec![
                Target {
                    target: "≥ 10× Redis".into(),
                    measured: "40×".into(),
                    met: Some(true),
                },
                Target {
                    target: "p50 ≤ 5 µs".into(),
                    measured: "—".into(),
                    met: None,
                },
            ],
            skipped: vec![Skip::new("guile", "guile not found on PATH")],
        }
    }

    #[test]
    fn ratios_follow_the_direction_of_the_metric() {
        let r = sample();
        assert_eq!(r.ratio("counter", "P = 2", "Redis INCR"), Some(40.0));
        assert_eq!(r.ratio("map", "1,000 keys", "JVM"), Some(0.25));
        assert_eq!(r.ratio("counter", "P = 2", "LMDB"), None);
        assert_eq!(r.ratio("counter", "P = 2", "evelisp"), None);
        assert_eq!(r.ratio("counter", "P = 2", "/bin/true"), None);
        assert_eq!(r.median("counter", "P = 2", "evelisp"), Some(2.0e6));
    }

    #[test]
    fn numbers_are_formatted_with_three_digits() {
        assert_eq!(fmt_num(2_345_678.0), "2.35 M");
        assert_eq!(fmt_num(45_678.0), "45.7 k");
        assert_eq!(fmt_num(1234.0), "1230");
        assert_eq!(fmt_num(12.345), "12.3");
        assert_eq!(fmt_num(0.012345), "0.0123");
        assert_eq!(fmt_ratio(0.25), "0.250×");
        assert_eq!(fmt_ratio(40.0), "40.0×");
        assert_eq!(fmt_ratio(0.099996), "0.100×");
        assert_eq!(fmt_num(9999.7), "10.0 k");
    }

    #[test]
    fn renders_the_markdown() {
        insta::assert_snapshot!(sample().to_markdown());
    }
}
