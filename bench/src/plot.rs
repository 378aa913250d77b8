//! `bench/results.svg`: one horizontal bar per peer measurement, evelisp's
//! speed divided by the peer's (log scale; right of 1×: evelisp is faster),
//! grouped by workload in the report's order. Drawn with plotters' SVG
//! backend (text stays SVG text, no font files needed).

use std::path::Path;

use anyhow::{Result, anyhow};
use plotters::prelude::*;

use crate::report::{Report, fmt_ratio};

/// One bar: its label, the ratio, and the section it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// `section · case · peer`.
    pub label: String,
    /// evelisp's speed ÷ the peer's.
    pub ratio: f64,
}

/// The bars of every measured ratio of the report, in its order.
pub fn bars(report: &Report) -> Vec<Bar> {
    let mut out = Vec::new();
    for s in &report.sections {
        let short = s.title.split_once(". ").map(|(_, t)| t).unwrap_or(&s.title);
        for g in &s.groups {
            for row in &g.rows {
                if let Some(ratio) = g.ratio(row, s.better) {
                    out.push(Bar {
                        label: format!("{short} · {} · {}", g.name, row.peer),
                        ratio,
                    });
                }
            }
        }
    }
    out
}

/// The x range: powers of ten around every ratio and 1.
fn x_range(bars: &[Bar]) -> (f64, f64) {
    let lo = bars.iter().map(|b| b.ratio).fold(1.0f64, f64::min);
    let hi = bars.iter().map(|b| b.ratio).fold(1.0f64, f64::max);
    (
        10f64.powf(lo.log10().floor() - 0.3).max(1e-6),
        10f64.powf(hi.log10().ceil() + 0.3).min(1e9),
    )
}

/// A tick label: `0.01×`, `1×`, `100×`.
fn tick(x: f64) -> String {
    if x >= 1.0 {
        format!("{x:.0}×")
    } else {
        let decimals = (-x.log10().floor()).clamp(0.0, 9.0) as usize;
        format!("{x:.decimals$}×")
    }
}

/// Writes the plot to `path`.
pub fn write_svg(report: &Report, path: &Path, run: &str) -> Result<()> {
    let bars = bars(report);
    let n = bars.len().max(1);
    let height = (110 + 22 * n) as u32;
    let root = SVGBackend::new(path, (1100, height)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| anyhow!("{e:?}"))?;
    let (lo, hi) = x_range(&bars);
    let labels: Vec<String> = bars.iter().rev().map(|b| b.label.clone()).collect();
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!("evelisp's speed ÷ each peer's, same run (log scale; right of 1×: evelisp is faster) — {run}"),
            ("sans-serif", 16),
        )
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(560)
        .build_cartesian_2d((lo..hi).log_scale(), (0..n).into_segmented())
        .map_err(|e| anyhow!("{e:?}"))?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n)
        .y_label_style(("sans-serif", 12))
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .x_desc("evelisp ÷ peer")
        .x_label_formatter(&|x| tick(*x))
        .draw()
        .map_err(|e| anyhow!("{e:?}"))?;
    let good = RGBColor(46, 139, 87);
    let bad = RGBColor(205, 92, 92);
    chart
        .draw_series(bars.iter().rev().enumerate().map(|(i, b)| {
            let color = if b.ratio >= 1.0 { good } else { bad };
            let mut r = Rectangle::new(
                [
                    (1.0, SegmentValue::Exact(i)),
                    (b.ratio, SegmentValue::Exact(i + 1)),
                ],
                color.filled(),
            );
            r.set_margin(3, 3, 0, 0);
            r
        }))
        .map_err(|e| anyhow!("{e:?}"))?;
    chart
        .draw_series(bars.iter().rev().enumerate().map(|(i, b)| {
            Text::new(
                fmt_ratio(b.ratio),
                (b.ratio.max(1.0) * 1.08, SegmentValue::CenterOf(i)),
                ("sans-serif", 11),
            )
        }))
        .map_err(|e| anyhow!("{e:?}"))?;
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(1.0, SegmentValue::Exact(0)), (1.0, SegmentValue::Exact(n))],
            BLACK.stroke_width(1),
        )))
        .map_err(|e| anyhow!("{e:?}"))?;
    root.present().map_err(|e| anyhow!("{e:?}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_x_range_holds_one_and_every_ratio() {
        let bars = vec![
            Bar {
                label: "a".into(),
                ratio: 0.03,
            },
            Bar {
                label: "b".into(),
                ratio: 250.0,
            },
        ];
        let (lo, hi) = x_range(&bars);
        assert!(lo < 0.03 && hi > 250.0 && lo < 1.0 && hi > 1.0, "{lo} {hi}");
        let (lo, hi) = x_range(&[]);
        assert!(lo < 1.0 && hi > 1.0);
        assert_eq!(tick(0.001), "0.001×");
        assert_eq!(tick(100.0), "100×");
    }
}
