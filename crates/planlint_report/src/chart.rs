//! The bullet chart of one indicator, as inline SVG: the plan's baseline and both targets
//! on one axis, in the plan's unit.
//!
//! What the parent accepts is a grey band on the axis (from its floor up, from its ceiling
//! down, or its range); the parent's target is a tall black tick, the plan's target a
//! diamond, and the baseline a hollow circle. An arrowhead at one end of the axis points the
//! way that is better. A weaker plan target sits outside the grey band whatever the colours
//! print as; colour (red for weaker, green otherwise) only repeats it. Each mark has its
//! value written beside it where there is room, and the whole chart has a text equivalent
//! in its `<title>`.

use crate::{Bar, Chart, Verdict};
use maud::{html, Markup};
use planlint_diagnostics::Lang;
use planlint_target::show_number;

const WIDTH: f64 = 240.0;
const HEIGHT: f64 = 62.0;
const LEFT: f64 = 14.0;
const RIGHT: f64 = 226.0;
const AXIS: f64 = 31.0;
/// The labels' size in the chart's units. Printed, the chart is `PRINT_WIDTH_MM` wide, so a
/// label is `FONT * PRINT_WIDTH_MM / WIDTH` mm high: 12 units at 58 mm is 8.2 pt.
const FONT: f64 = 12.0;
/// The chart's width on paper, as the report's print stylesheet (`html::CSS`) sets it; a
/// test holds the two together.
#[cfg(test)]
const PRINT_WIDTH_MM: f64 = 58.0;

/// A coordinate for SVG: one decimal.
fn c(x: f64) -> String {
    format!("{x:.1}")
}

/// The width of a label in pixels, roughly: a CJK character is a square, others half.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|ch| if ch.is_ascii() { FONT * 0.6 } else { FONT })
        .sum()
}

fn ends(bar: Bar) -> (f64, f64) {
    match bar {
        Bar::AtLeast(v) | Bar::Above(v) | Bar::AtMost(v) | Bar::Below(v) => (v, v),
        Bar::Between(l, h) => (l, h),
    }
}

fn bar_text(bar: Bar) -> String {
    match bar {
        // The target's own operator: ">25" is not "≥25".
        Bar::AtLeast(v) => format!("≥{}", show_number(v)),
        Bar::Above(v) => format!(">{}", show_number(v)),
        Bar::AtMost(v) => format!("≤{}", show_number(v)),
        Bar::Below(v) => format!("<{}", show_number(v)),
        Bar::Between(l, h) => format!("{}–{}", show_number(l), show_number(h)),
    }
}

/// The axis: the values' span, padded, never below zero for values that are not.
struct Scale {
    min: f64,
    max: f64,
}

impl Scale {
    fn new(chart: &Chart) -> Scale {
        let (a, b) = ends(chart.parent);
        let (x, y) = ends(chart.plan);
        let mut values = vec![a, b, x, y];
        values.extend(chart.baseline);
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut span = hi - lo;
        if span <= 1e-9 * hi.abs().max(1.0) {
            span = (hi.abs() * 0.2).max(1.0);
        }
        let pad = span * 0.2;
        let mut min = lo - pad;
        if lo >= 0.0 && min < 0.0 {
            min = 0.0;
        }
        Scale { min, max: hi + pad }
    }

    fn x(&self, v: f64) -> f64 {
        LEFT + (v - self.min) / (self.max - self.min) * (RIGHT - LEFT)
    }
}

/// A label placed on a lane, kept inside the chart.
struct Label {
    x: f64,
    y: f64,
    anchor: &'static str,
    text: String,
}

impl Label {
    fn new(x: f64, y: f64, text: String) -> Label {
        let w = text_width(&text);
        let (x, anchor) = if x - w / 2.0 < 1.0 {
            (1.0, "start")
        } else if x + w / 2.0 > WIDTH - 1.0 {
            (WIDTH - 1.0, "end")
        } else {
            (x, "middle")
        };
        Label { x, y, anchor, text }
    }

    /// The label's horizontal extent.
    fn span(&self) -> (f64, f64) {
        let w = text_width(&self.text);
        match self.anchor {
            "start" => (self.x, self.x + w),
            "end" => (self.x - w, self.x),
            _ => (self.x - w / 2.0, self.x + w / 2.0),
        }
    }

    fn clashes(&self, other: &Label) -> bool {
        let (a, b) = self.span();
        let (x, y) = other.span();
        self.y == other.y && a < y + 4.0 && x < b + 4.0
    }
}

/// The words of the chart, for its labels and its text equivalent.
fn names(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::Zh => ("上级", "本规划", "基期"),
        Lang::En => ("parent", "plan", "base"),
    }
}

/// Which way is better, in words.
pub fn direction(chart: &Chart, lang: Lang) -> &'static str {
    match (chart.higher_is_better, lang) {
        (Some(true), Lang::Zh) => "越高越好",
        (Some(false), Lang::Zh) => "越低越好",
        (None, Lang::Zh) => "保持在区间内",
        (Some(true), Lang::En) => "higher is better",
        (Some(false), Lang::En) => "lower is better",
        (None, Lang::En) => "within the range",
    }
}

/// The caption under the chart: the direction, with an arrow that points it.
pub fn caption(chart: &Chart, lang: Lang) -> String {
    match chart.higher_is_better {
        Some(true) => format!("→ {}", direction(chart, lang)),
        Some(false) => format!("← {}", direction(chart, lang)),
        None => format!("↔ {}", direction(chart, lang)),
    }
}

/// The chart's text equivalent: what it shows, in one sentence.
pub fn describe(chart: &Chart, lang: Lang) -> String {
    let unit = chart.unit.clone().unwrap_or_default();
    let (parent, plan, base) = names(lang);
    let mut parts = vec![
        format!("{parent} {}{unit}", bar_text(chart.parent)),
        format!("{plan} {}{unit}", bar_text(chart.plan)),
    ];
    if let Some(b) = chart.baseline {
        parts.push(format!("{base} {}{unit}", show_number(b)));
    }
    parts.push(direction(chart, lang).to_string());
    parts.join(match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    })
}

/// The chart as inline SVG. `verdict` colours the plan's mark.
pub fn svg(chart: &Chart, verdict: Verdict, lang: Lang) -> Markup {
    let scale = Scale::new(chart);
    let (parent_word, plan_word, base_word) = names(lang);
    let (band_from, band_to) = match chart.parent {
        Bar::AtLeast(v) | Bar::Above(v) => (scale.x(v), RIGHT),
        Bar::AtMost(v) | Bar::Below(v) => (LEFT, scale.x(v)),
        Bar::Between(l, h) => (scale.x(l), scale.x(h)),
    };
    let parent_ticks: Vec<f64> = match chart.parent {
        Bar::AtLeast(v) | Bar::Above(v) | Bar::AtMost(v) | Bar::Below(v) => vec![scale.x(v)],
        Bar::Between(l, h) => vec![scale.x(l), scale.x(h)],
    };
    let (plan_lo, plan_hi) = ends(chart.plan);
    let (plan_lo, plan_hi) = (scale.x(plan_lo), scale.x(plan_hi));
    let plan_mid = (plan_lo + plan_hi) / 2.0;
    let parent_mid = parent_ticks.iter().sum::<f64>() / parent_ticks.len() as f64;
    let colour = match verdict {
        Verdict::Weaker => "#c62828",
        _ => "#2e7d32",
    };

    // Labels: the parent's above the axis, the plan's below; the baseline's wherever it
    // does not clash, or not at all (the table beside the chart gives it too).
    let (top, bottom) = (FONT, HEIGHT - 3.0);
    let parent_label = Label::new(
        parent_mid,
        top,
        format!("{parent_word} {}", bar_text(chart.parent)),
    );
    let plan_label = Label::new(
        plan_mid,
        bottom,
        format!("{plan_word} {}", bar_text(chart.plan)),
    );
    let base_label = chart.baseline.and_then(|b| {
        let x = scale.x(b);
        let text = format!("{base_word} {}", show_number(b));
        let up = Label::new(x, top, text.clone());
        if !up.clashes(&parent_label) {
            return Some(up);
        }
        let down = Label::new(x, bottom, text);
        (!down.clashes(&plan_label)).then_some(down)
    });
    let labels: Vec<&Label> = [Some(&parent_label), Some(&plan_label), base_label.as_ref()]
        .into_iter()
        .flatten()
        .collect();

    // The arrowhead at the better end of the axis; none where neither end is better.
    let arrow = match chart.higher_is_better {
        None => String::new(),
        Some(true) => format!(
            "{},{} {},{} {},{}",
            c(WIDTH - 2.0),
            c(AXIS),
            c(RIGHT),
            c(AXIS - 4.0),
            c(RIGHT),
            c(AXIS + 4.0)
        ),
        Some(false) => format!(
            "{},{} {},{} {},{}",
            c(2.0),
            c(AXIS),
            c(LEFT),
            c(AXIS - 4.0),
            c(LEFT),
            c(AXIS + 4.0)
        ),
    };
    let diamond = |x: f64| {
        format!(
            "{},{} {},{} {},{} {},{}",
            c(x),
            c(AXIS - 7.0),
            c(x + 6.0),
            c(AXIS),
            c(x),
            c(AXIS + 7.0),
            c(x - 6.0),
            c(AXIS)
        )
    };
    let description = describe(chart, lang);
    html! {
        svg.chart width=(c(WIDTH)) height=(c(HEIGHT))
            viewBox={ "0 0 " (c(WIDTH)) " " (c(HEIGHT)) } role="img" aria-label=(description) {
            title { (description) }
            // The track, and what the parent accepts on it.
            rect x=(c(LEFT)) y=(c(AXIS - 5.0)) width=(c(RIGHT - LEFT)) height="10" fill="#f2f2f2" stroke="#999" stroke-width="0.5" {}
            rect.accepted x=(c(band_from)) y=(c(AXIS - 5.0)) width=(c((band_to - band_from).max(1.0))) height="10" fill="#bdbdbd" {}
            line x1=(c(LEFT)) y1=(c(AXIS)) x2=(c(RIGHT)) y2=(c(AXIS)) stroke="#555" stroke-width="1" {}
            @if !arrow.is_empty() {
                polygon.better points=(arrow) fill="#555" {}
            }
            @for x in &parent_ticks {
                line.parent x1=(c(*x)) y1=(c(AXIS - 12.0)) x2=(c(*x)) y2=(c(AXIS + 12.0)) stroke="#000" stroke-width="2.5" {}
            }
            @if let Some(b) = chart.baseline {
                circle.baseline cx=(c(scale.x(b))) cy=(c(AXIS)) r="4" fill="#fff" stroke="#000" stroke-width="1.5" {}
            }
            @if plan_hi - plan_lo > 1.0 {
                line x1=(c(plan_lo)) y1=(c(AXIS)) x2=(c(plan_hi)) y2=(c(AXIS)) stroke=(colour) stroke-width="4" {}
                polygon.plan points=(diamond(plan_lo)) fill=(colour) stroke="#000" stroke-width="1" {}
                polygon.plan points=(diamond(plan_hi)) fill=(colour) stroke="#000" stroke-width="1" {}
            } @else {
                polygon.plan points=(diamond(plan_mid)) fill=(colour) stroke="#000" stroke-width="1" {}
            }
            @for l in &labels {
                text x=(c(l.x)) y=(c(l.y)) text-anchor=(l.anchor) font-size=(c(FONT)) fill="#222" { (l.text) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(parent: Bar, plan: Bar, baseline: Option<f64>) -> Chart {
        Chart {
            higher_is_better: Some(true),
            unit: Some("岁".into()),
            baseline,
            parent,
            plan,
        }
    }

    #[test]
    fn marks_sit_inside_the_axis_in_value_order() {
        let c = chart(Bar::AtLeast(78.1), Bar::AtLeast(77.6), Some(77.1));
        let s = Scale::new(&c);
        let (base, plan, parent) = (s.x(77.1), s.x(77.6), s.x(78.1));
        assert!(LEFT <= base && base < plan && plan < parent && parent <= RIGHT);
    }

    #[test]
    fn one_value_everywhere_still_has_an_axis() {
        let c = chart(Bar::AtLeast(0.0), Bar::AtLeast(0.0), Some(0.0));
        let s = Scale::new(&c);
        assert!(s.max > s.min);
        assert!(s.x(0.0).is_finite());
    }

    #[test]
    fn the_text_equivalent_names_every_mark_and_the_direction() {
        let c = chart(Bar::AtLeast(78.1), Bar::AtLeast(77.6), Some(77.1));
        assert_eq!(
            describe(&c, Lang::En),
            "parent ≥78.1岁; plan ≥77.6岁; base 77.1岁; higher is better"
        );
        assert_eq!(
            describe(&c, Lang::Zh),
            "上级 ≥78.1岁；本规划 ≥77.6岁；基期 77.1岁；越高越好"
        );
    }

    #[test]
    fn a_range_with_no_better_direction_has_no_arrow() {
        let c = Chart {
            higher_is_better: None,
            unit: None,
            baseline: Some(108.0),
            parent: Bar::Between(103.0, 107.0),
            plan: Bar::Between(104.0, 106.0),
        };
        let svg = svg(&c, Verdict::Stricter, Lang::Zh).into_string();
        assert!(!svg.contains("class=\"better\""), "{svg}");
        assert!(svg.contains("上级 103–107"), "{svg}");
        assert_eq!(caption(&c, Lang::En), "↔ within the range");
    }

    #[test]
    fn a_baseline_label_that_would_clash_is_moved_or_dropped() {
        // Three values on top of each other: the baseline's label cannot go anywhere.
        let c = chart(Bar::AtLeast(10.0), Bar::AtLeast(10.0), Some(10.0));
        let svg = svg(&c, Verdict::Equal, Lang::En).into_string();
        assert!(svg.contains("parent ≥10"));
        assert!(svg.contains("plan ≥10"));
        assert!(!svg.contains(">base 10<"), "{svg}");
    }

    #[test]
    fn a_target_keeps_its_own_operator() {
        let c = chart(Bar::Above(25.0), Bar::AtLeast(25.0), None);
        let svg = svg(&c, Verdict::Weaker, Lang::Zh).into_string();
        assert!(svg.contains("上级 &gt;25"), "{svg}");
        assert!(svg.contains("本规划 ≥25"), "{svg}");
        let c = chart(Bar::Below(10.0), Bar::AtMost(8.0), None);
        assert_eq!(
            describe(&c, Lang::En),
            "parent <10岁; plan ≤8岁; higher is better"
        );
    }

    #[test]
    fn printed_labels_are_at_least_eight_points() {
        let points = FONT * PRINT_WIDTH_MM / WIDTH / 25.4 * 72.0;
        assert!(points >= 8.0, "{points} pt");
        let css = crate::html::CSS;
        let print = &css[css.find("@media print").unwrap()..];
        assert!(
            print.contains(&format!("td.chart svg {{ width: {PRINT_WIDTH_MM}mm;")),
            "the print stylesheet's chart width is not PRINT_WIDTH_MM"
        );
        // Nothing else in print is smaller than 8 pt.
        for size in print.split("font-size:").skip(1) {
            let pt: f64 = size.trim().split("pt").next().unwrap().parse().unwrap();
            assert!(pt >= 8.0, "{size}");
        }
        // The labels sit inside the chart, the upper one below its top edge.
        let c = chart(Bar::AtLeast(78.1), Bar::AtLeast(77.6), Some(77.1));
        let svg = svg(&c, Verdict::Stricter, Lang::Zh).into_string();
        assert!(svg.contains(&format!("font-size=\"{FONT:.1}\"")), "{svg}");
    }
}
