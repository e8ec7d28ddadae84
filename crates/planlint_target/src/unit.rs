//! Units as plans print them (`‰`, `%`, `/10万`, `岁`, `人`, …), their dimensions, and
//! conversion between units of one dimension.

use std::fmt;

use serde::Serialize;

/// A unit as printed, normalised.
///
/// Ratio units differ only by scale and convert into each other; count units keep their
/// label (`人`, `张`, …) so a diagnostic can print it back, and compare across labels of
/// the same kind (`人` and `名` both count people).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Unit {
    /// `‰`: per thousand.
    PerMille,
    /// `%` or `％`: per hundred.
    Percent,
    /// `/万` or `1/万`: per ten thousand.
    Per10k,
    /// `/10万` or `1/10万`: per hundred thousand.
    Per100k,
    /// `岁` or `年`: a span of years, such as a life expectancy.
    Years,
    /// `天` or `日`: a span of days, such as an average length of stay.
    Days,
    /// A count of things, with its measure word as printed: `人`, `名`, `张`, `个`, `所`, `家`, `次`, `台`, ….
    Count(String),
    /// Any other short label, such as `亿元`; it compares only with the same label.
    Other(String),
}

/// What a unit measures; two units convert into each other only within one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Dimension {
    /// A proportion: `‰`, `%`, `/万` and `/10万` all convert.
    Ratio,
    /// A span of years.
    Years,
    /// A span of days.
    Days,
    /// A count of one kind of thing; the label does not matter within a kind.
    Count(CountKind),
    /// An unknown label; it compares only with itself.
    Other(String),
}

/// The kind of thing a count measures, so that `人` and `名` compare and `人` and `张` do not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum CountKind {
    /// People: `人`, `名`, `位`.
    People,
    /// Beds: `张`, `床`.
    Beds,
    /// Institutions or other whole units: `个`, `所`, `家`, `座`.
    Units,
    /// Another measure word, compared only with itself (`次`, `台`, `项`, …).
    Other(String),
}

/// Measure words read as [`Unit::Count`]; anything else short is [`Unit::Other`].
const COUNT_LABELS: &[&str] = &[
    "人", "名", "位", "张", "床", "个", "所", "家", "座", "次", "人次", "台", "项", "辆", "例",
    "种", "支", "间", "套",
];

/// Reads a unit as printed. Surrounding spaces and brackets are ignored; an empty string is
/// no unit. Unknown labels become [`Unit::Other`] so a caller can still print them.
pub fn parse_unit(s: &str) -> Option<Unit> {
    let s = s
        .trim()
        .trim_matches(|c| matches!(c, '(' | ')' | '（' | '）'))
        .trim();
    let unit = match s {
        "" => return None,
        "‰" => Unit::PerMille,
        "%" | "％" => Unit::Percent,
        "/万" | "1/万" | "/万人" | "1/万人" | "／万" => Unit::Per10k,
        "/10万" | "1/10万" | "/10万人" | "1/10万人" | "/十万" | "1/十万" | "／10万" | "/１０万" => {
            Unit::Per100k
        }
        "岁" | "年" => Unit::Years,
        "天" | "日" => Unit::Days,
        _ if COUNT_LABELS.contains(&s) => Unit::Count(s.to_owned()),
        _ => Unit::Other(s.to_owned()),
    };
    Some(unit)
}

impl Unit {
    /// What this unit measures.
    pub fn dimension(&self) -> Dimension {
        match self {
            Unit::PerMille | Unit::Percent | Unit::Per10k | Unit::Per100k => Dimension::Ratio,
            Unit::Years => Dimension::Years,
            Unit::Days => Dimension::Days,
            Unit::Count(label) => Dimension::Count(match label.as_str() {
                "人" | "名" | "位" => CountKind::People,
                "张" | "床" => CountKind::Beds,
                "个" | "所" | "家" | "座" => CountKind::Units,
                other => CountKind::Other(other.to_owned()),
            }),
            Unit::Other(label) => Dimension::Other(label.clone()),
        }
    }

    /// The power of ten a ratio unit divides by (`%` is 2, `/10万` is 5); `None` for other units.
    fn ratio_exponent(&self) -> Option<i32> {
        match self {
            Unit::Percent => Some(2),
            Unit::PerMille => Some(3),
            Unit::Per10k => Some(4),
            Unit::Per100k => Some(5),
            _ => None,
        }
    }

    /// The unit as a plan prints it.
    pub fn label(&self) -> &str {
        match self {
            Unit::PerMille => "‰",
            Unit::Percent => "%",
            Unit::Per10k => "/万",
            Unit::Per100k => "/10万",
            Unit::Years => "岁",
            Unit::Days => "天",
            Unit::Count(label) | Unit::Other(label) => label,
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Converts `value` from one unit to another of the same dimension (1% = 10‰ = 1000/10万);
/// `None` when the dimensions differ or the result is not finite.
///
/// The scale factor is applied as a multiplication or a division by an exact power of ten,
/// so that `3.06%` becomes `30.6‰` without a detour through `0.01`, which binary floating
/// point cannot hold exactly.
pub fn convert(value: f64, from: &Unit, to: &Unit) -> Option<f64> {
    if from.dimension() != to.dimension() {
        return None;
    }
    let converted = match (from.ratio_exponent(), to.ratio_exponent()) {
        (Some(a), Some(b)) if b >= a => value * 10f64.powi(b - a),
        (Some(a), Some(b)) => value / 10f64.powi(a - b),
        _ => value,
    };
    converted.is_finite().then_some(converted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_parse_and_print() {
        let cases = [
            ("‰", Some(Unit::PerMille)),
            ("%", Some(Unit::Percent)),
            ("％", Some(Unit::Percent)),
            ("/10万", Some(Unit::Per100k)),
            ("1/10万", Some(Unit::Per100k)),
            ("/万", Some(Unit::Per10k)),
            ("（岁）", Some(Unit::Years)),
            ("天", Some(Unit::Days)),
            ("名", Some(Unit::Count("名".into()))),
            ("亿元", Some(Unit::Other("亿元".into()))),
            ("", None),
            ("  ", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_unit(text), want, "{text:?}");
        }
    }

    #[test]
    fn conversions() {
        let p = Unit::Percent;
        let m = Unit::PerMille;
        let k = Unit::Per100k;
        assert_eq!(convert(3.06, &p, &m), Some(30.6));
        assert_eq!(convert(30.6, &m, &p), Some(3.06));
        assert_eq!(convert(1.0, &p, &k), Some(1000.0));
        assert_eq!(convert(14.5, &k, &m), Some(0.145));
        assert_eq!(convert(1.0, &p, &Unit::Years), None);
        let people = convert(3.0, &Unit::Count("人".into()), &Unit::Count("名".into()));
        assert_eq!(people, Some(3.0));
        assert_eq!(
            convert(3.0, &Unit::Count("人".into()), &Unit::Count("张".into())),
            None
        );
        assert_eq!(convert(1e308, &k, &p), Some(1e305));
        assert_eq!(convert(1e308, &p, &k), None);
    }
}
