//! Charts drawn at build time as inline, accessible SVG.
//!
//! A chart is `role="img"` with a `<title>` and a `<desc>` that states every
//! number, and the page shows the same numbers in a table beside it. Each bar
//! is labelled with its period and its value as the source writes it, and
//! names its source; a value axis from zero with round ticks and the unit
//! runs under the bars, so lengths can be read as numbers. Colours come from
//! CSS classes, so the chart follows the light, dark and print styles. No
//! script runs in the browser.
//!
//! The layout is a column of rows, each a line of text (one `<text>` each,
//! no `<tspan>`, so that checkers can measure its contrast) above a bar that
//! may span the whole width: narrow enough (440 units) to stay legible when a
//! phone shrinks it to its width.

use crate::markdown::escaped as esc;

const WIDTH: f64 = 360.0;
/// Room at the left and right of the plot, for the first and last tick labels.
const PAD: f64 = 12.0;
/// A row's line of text (the period and value, and the source), then its bar.
const LINE: f64 = 22.0;
const BAR_HEIGHT: f64 = 16.0;
/// Between one row's bar and the next row's text.
const GAP: f64 = 10.0;
const TOP: f64 = 4.0;
/// Below the last bar: the axis, its tick labels and its caption.
const AXIS_HEIGHT: f64 = 50.0;
/// The font sizes of the stylesheet (`.chart text`, `.chart .chart-source`),
/// in the drawing's units, and a generous average width of a letter in ems:
/// enough to tell whether a row's label and source fit on one line.
const LABEL_SIZE: f64 = 15.0;
const SMALL_SIZE: f64 = 13.0;
const LETTER_EM: f64 = 0.58;

/// A horizontal bar chart.
#[derive(Debug, Clone)]
pub struct BarChart {
    /// Unique id on the page, for `aria-labelledby`.
    pub id: String,
    pub title: String,
    /// Says in words what the chart shows, every value included.
    pub description: String,
    pub bars: Vec<Bar>,
    pub axis: Axis,
}

#[derive(Debug, Clone)]
pub struct Bar {
    /// What the bar stands for: its period.
    pub label: String,
    /// Where the value comes from: `Nguồn: 000, 003`.
    pub source: String,
    pub value: f64,
    /// The value as the source writes it.
    pub value_label: String,
}

/// The value axis: its ticks (from zero) and what the values are counted in.
#[derive(Debug, Clone)]
pub struct Axis {
    pub ticks: Vec<Tick>,
    /// `Đơn vị: người`.
    pub caption: String,
}

#[derive(Debug, Clone)]
pub struct Tick {
    pub value: f64,
    pub label: String,
}

/// Round values from zero to at least `max`, about `count` steps of 1, 2,
/// 2.5 or 5 times a power of ten: `0, 100000, 200000, 300000, 400000`.
pub fn nice_ticks(max: f64, count: usize) -> Vec<f64> {
    if !(max.is_finite() && max > 0.0) {
        return vec![0.0, 1.0];
    }
    let rough = max / count.max(1) as f64;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    let steps = (max / step - 1e-9).ceil().max(1.0) as usize;
    // Rounded to the step's decimals, so that 3 × 0.1 is 0.3.
    let scale = 10f64.powi((-power.log10()).max(0.0) as i32 + 1);
    (0..=steps).map(|i| (i as f64 * step * scale).round() / scale).collect()
}

/// The chart as an `<svg>` element.
pub fn bars(chart: &BarChart) -> String {
    let top = chart.axis.ticks.iter().map(|t| t.value).fold(0.0_f64, f64::max);
    let max = chart.bars.iter().map(|b| b.value.abs()).fold(top, f64::max);
    let span = WIDTH - 2.0 * PAD;
    let x = |value: f64| PAD + if max > 0.0 { value.abs() / max * span } else { 0.0 };
    let mut rows = String::new();
    let mut bands = Vec::with_capacity(chart.bars.len());
    let mut y = TOP;
    for bar in &chart.bars {
        bands.push(y + LINE);
        let label = format!("{}: {}", bar.label, bar.value_label);
        // The source stands at the right of the label's line when both fit
        // there, and on a line of its own under the bar otherwise.
        let fits = text_width(&label, LABEL_SIZE) + text_width(&bar.source, SMALL_SIZE) + 16.0 <= span;
        let (source_x, source_y, anchor) = if fits {
            (WIDTH - PAD, y + 15.0, "end")
        } else {
            (PAD, y + LINE + BAR_HEIGHT + 15.0, "start")
        };
        let width = (x(bar.value) - PAD).max(1.0);
        rows.push_str(&format!(
            "<g class=\"chart-row\"><text class=\"chart-label\" x=\"{PAD}\" y=\"{:.1}\">{}</text>\
<text class=\"chart-source\" x=\"{source_x:.1}\" y=\"{source_y:.1}\" text-anchor=\"{anchor}\">{}</text>\
<rect class=\"chart-bar\" x=\"{PAD}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{BAR_HEIGHT}\" rx=\"2\"/></g>",
            y + 15.0,
            esc(&label),
            esc(&bar.source),
            y + LINE,
        ));
        y += LINE + BAR_HEIGHT + GAP + if fits { 0.0 } else { LINE };
    }
    let plot_bottom = y;
    let height = plot_bottom + AXIS_HEIGHT;
    let id = esc(&chart.id);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {WIDTH} {height}\" preserveAspectRatio=\"xMinYMin meet\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(&chart.title),
        esc(&chart.description)
    );
    svg.push_str(&grid_and_axis(&chart.axis, x, &bands, plot_bottom));
    svg.push_str(&rows);
    svg.push_str("</svg>");
    svg
}

/// About how wide `text` is at `size`, erring wide.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * LETTER_EM
}

/// The vertical grid lines at the ticks (behind the bars only, never across
/// a line of text: `bands` are the bars' tops), the axis line, the tick
/// labels and the caption.
fn grid_and_axis(axis: &Axis, x: impl Fn(f64) -> f64, bands: &[f64], bottom: f64) -> String {
    let mut out = String::from("<g class=\"chart-axis\">");
    let last = axis.ticks.len().saturating_sub(1);
    for (i, tick) in axis.ticks.iter().enumerate() {
        let at = x(tick.value);
        // The first and last labels stand inside the plot's ends, so that
        // neither is cut off by the edge of the drawing.
        let anchor = match i {
            0 => "start",
            i if i == last => "end",
            _ => "middle",
        };
        let mut path: String = bands
            .iter()
            .map(|top| format!("M{at:.1} {:.1}V{:.1}", top - 3.0, top + BAR_HEIGHT + 3.0))
            .collect();
        path.push_str(&format!("M{at:.1} {bottom:.1}V{:.1}", bottom + 5.0));
        out.push_str(&format!(
            "<path class=\"chart-grid\" d=\"{path}\"/>\
<text class=\"chart-tick\" x=\"{at:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
            bottom + 20.0,
            esc(&tick.label)
        ));
    }
    out.push_str(&format!(
        "<line class=\"chart-axis-line\" x1=\"{PAD}\" y1=\"{bottom:.1}\" x2=\"{:.1}\" y2=\"{bottom:.1}\"/>",
        WIDTH - PAD
    ));
    // A figure counted in no unit (`10` documents) has no caption.
    if !axis.caption.is_empty() {
        out.push_str(&format!(
            "<text class=\"chart-caption\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            WIDTH - PAD,
            bottom + 40.0,
            esc(&axis.caption)
        ));
    }
    out.push_str("</g>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> BarChart {
        let ticks = nice_ticks(350_000.0, 4);
        BarChart {
            id: "c1".into(),
            title: "Người Việt tại Hàn Quốc".into(),
            description: "320.000 (2024); 350.000 (hiện nay)".into(),
            bars: vec![
                Bar {
                    label: "2024".into(),
                    source: "Nguồn: 000".into(),
                    value: 320_000.0,
                    value_label: "khoảng 320.000 người".into(),
                },
                Bar {
                    label: "hiện nay".into(),
                    source: "Nguồn: 001".into(),
                    value: 350_000.0,
                    value_label: "khoảng 350.000 người".into(),
                },
            ],
            axis: Axis {
                ticks: ticks
                    .iter()
                    .map(|&v| Tick {
                        value: v,
                        label: format!("{v}"),
                    })
                    .collect(),
                caption: "Đơn vị: người".into(),
            },
        }
    }

    #[test]
    fn ticks_are_round_and_reach_the_largest_value() {
        assert_eq!(nice_ticks(350_000.0, 4), [0.0, 100_000.0, 200_000.0, 300_000.0, 400_000.0]);
        assert_eq!(nice_ticks(88.0, 4), [0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(nice_ticks(81.5, 4), [0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(nice_ticks(100.0, 4), [0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(nice_ticks(0.0, 4), [0.0, 1.0]);
        assert_eq!(nice_ticks(0.35, 4), [0.0, 0.1, 0.2, 0.3, 0.4]);
    }

    /// The elements of `doc` of class `class`, in document order.
    fn with_class<'a, 'i>(doc: &'a roxmltree::Document<'i>, class: &str) -> Vec<roxmltree::Node<'a, 'i>> {
        doc.descendants().filter(|n| n.attribute("class") == Some(class)).collect()
    }

    fn texts(doc: &roxmltree::Document<'_>, class: &str) -> Vec<String> {
        with_class(doc, class)
            .iter()
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect()
    }

    fn numbers(doc: &roxmltree::Document<'_>, class: &str, attribute: &str) -> Vec<f64> {
        with_class(doc, class)
            .iter()
            .map(|n| n.attribute(attribute).unwrap().parse().unwrap())
            .collect()
    }

    #[test]
    fn chart_is_accessible_and_scaled_to_its_axis() {
        let svg = bars(&chart());
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let root = doc.root_element();
        assert_eq!((root.tag_name().name(), root.attribute("role")), ("svg", Some("img")));
        assert_eq!(root.attribute("aria-labelledby"), Some("c1-title c1-desc"));
        let child = |name: &str| {
            root.children()
                .find(|n| n.has_tag_name(name))
                .and_then(|n| n.text())
                .unwrap_or_default()
        };
        assert_eq!(child("title"), "Người Việt tại Hàn Quốc");
        assert_eq!(child("desc"), "320.000 (2024); 350.000 (hiện nay)");
        // The axis runs to 400,000 over 336 units: 320,000 is 268.8 of them.
        assert_eq!(
            numbers(&doc, "chart-bar", "width"),
            [268.8, 294.0],
            "the bars are in proportion to the axis"
        );
        assert_eq!(
            texts(&doc, "chart-tick"),
            ["0", "100000", "200000", "300000", "400000"],
            "a label at each tick"
        );
        let anchors: Vec<&str> = with_class(&doc, "chart-tick")
            .iter()
            .map(|t| t.attribute("text-anchor").unwrap())
            .collect();
        assert_eq!(
            anchors,
            ["start", "middle", "middle", "middle", "end"],
            "the end labels stay inside the drawing"
        );
        assert_eq!(with_class(&doc, "chart-axis-line").len(), 1);
        assert_eq!(texts(&doc, "chart-caption"), ["Đơn vị: người"]);
        assert_eq!(
            texts(&doc, "chart-source"),
            ["Nguồn: 000", "Nguồn: 001"],
            "each bar names its source"
        );
        assert_eq!(
            texts(&doc, "chart-label"),
            ["2024: khoảng 320.000 người", "hiện nay: khoảng 350.000 người"],
            "each bar says its period and its value"
        );
    }

    #[test]
    fn a_source_too_long_for_the_label_line_goes_under_its_bar() {
        let mut chart = chart();
        chart.bars[1].source = "Nguồn: 000, 001, 002, 003, 004, 005, 006, 007".into();
        let svg = bars(&chart);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let (labels, sources, bars) = (
            numbers(&doc, "chart-label", "y"),
            numbers(&doc, "chart-source", "y"),
            numbers(&doc, "chart-bar", "y"),
        );
        assert_eq!(sources[0], labels[0], "a short source shares its label's line");
        assert!(sources[1] > bars[1], "a long one is under its bar: {svg}");
        assert!(labels[1] > bars[0], "rows do not overlap");
        let height: f64 = doc
            .root_element()
            .attribute("viewBox")
            .unwrap()
            .rsplit(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(sources[1] < height, "the drawing is tall enough for the extra line");
    }

    #[test]
    fn an_axis_without_a_unit_has_no_caption() {
        let mut chart = chart();
        chart.axis.caption.clear();
        let svg = bars(&chart);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        assert!(with_class(&doc, "chart-caption").is_empty(), "{svg}");
        assert_eq!(with_class(&doc, "chart-axis-line").len(), 1);
    }

    #[test]
    fn labels_are_escaped() {
        let mut chart = chart();
        chart.title = "<script>".into();
        chart.bars[0].label = "a&b".into();
        chart.bars[1].source = "<b>".into();
        let svg = bars(&chart);
        assert!(svg.contains("&lt;script&gt;") && svg.contains("a&amp;b") && svg.contains("&lt;b&gt;") && !svg.contains("<script>"));
    }
}
