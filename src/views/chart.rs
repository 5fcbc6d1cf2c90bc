//! Charts drawn at build time as inline, accessible SVG.
//!
//! A chart is `role="img"` with a `<title>` and a `<desc>` that states every
//! number, and the page shows the same numbers in a table beside it. Colours
//! come from CSS classes, so the chart follows the light, dark and print
//! styles. No script runs in the browser.

use crate::markdown::escaped as esc;

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 120.0;
const VALUE_WIDTH: f64 = 200.0;
const BAR_HEIGHT: f64 = 22.0;
const GAP: f64 = 10.0;

/// A horizontal bar chart.
#[derive(Debug, Clone)]
pub struct BarChart {
    /// Unique id on the page, for `aria-labelledby`.
    pub id: String,
    pub title: String,
    /// Says in words what the chart shows, every value included.
    pub description: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as the source writes it.
    pub value_label: String,
}

/// The chart as an `<svg>` element.
pub fn bars(chart: &BarChart) -> String {
    let max = chart.bars.iter().map(|b| b.value.abs()).fold(0.0_f64, f64::max);
    let span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let height = chart.bars.len() as f64 * (BAR_HEIGHT + GAP) + GAP;
    let id = esc(&chart.id);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {WIDTH} {height}\" preserveAspectRatio=\"xMinYMin meet\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(&chart.title),
        esc(&chart.description)
    );
    for (i, bar) in chart.bars.iter().enumerate() {
        let y = GAP + i as f64 * (BAR_HEIGHT + GAP);
        let width = if max > 0.0 { (bar.value.abs() / max * span).max(1.0) } else { 1.0 };
        let text_y = y + BAR_HEIGHT * 0.72;
        svg.push_str(&format!(
            "<text class=\"chart-label\" x=\"0\" y=\"{text_y:.1}\">{}</text>\
<rect class=\"chart-bar\" x=\"{LABEL_WIDTH}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{BAR_HEIGHT}\" rx=\"2\"/>\
<text class=\"chart-value\" x=\"{:.1}\" y=\"{text_y:.1}\">{}</text>",
            esc(&bar.label),
            LABEL_WIDTH + width + 6.0,
            esc(&bar.value_label)
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_is_accessible_and_scaled() {
        let chart = BarChart {
            id: "c1".into(),
            title: "Người Việt tại Hàn Quốc".into(),
            description: "320.000 (2024); 350.000 (hiện nay)".into(),
            bars: vec![
                Bar {
                    label: "2024".into(),
                    value: 320_000.0,
                    value_label: "khoảng 320.000 người".into(),
                },
                Bar {
                    label: "hiện nay".into(),
                    value: 350_000.0,
                    value_label: "khoảng 350.000 người".into(),
                },
            ],
        };
        let svg = bars(&chart);
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-labelledby=\"c1-title c1-desc\"")
        );
        assert!(svg.contains("<title id=\"c1-title\">Người Việt tại Hàn Quốc</title>"));
        assert!(svg.contains("<desc id=\"c1-desc\">320.000 (2024); 350.000 (hiện nay)</desc>"));
        assert!(svg.contains("width=\"320.0\""), "the largest bar spans the whole bar area: {svg}");
        assert!(svg.contains("width=\"292.6\""), "the smaller bar is in proportion: {svg}");
    }

    #[test]
    fn labels_are_escaped() {
        let chart = BarChart {
            id: "x".into(),
            title: "<script>".into(),
            description: String::new(),
            bars: vec![Bar {
                label: "a&b".into(),
                value: 0.0,
                value_label: "0".into(),
            }],
        };
        let svg = bars(&chart);
        assert!(svg.contains("&lt;script&gt;") && svg.contains("a&amp;b") && !svg.contains("<script>"));
    }
}
