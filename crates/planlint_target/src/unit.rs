//! Units as plans print them (`‰`, `%`, `/10万`, `岁`, `人`, `张/千人`, …), their
//! dimensions, and conversion between units of one dimension.
//!
//! Traditional and simplified spellings of a measure word (`個` and `个`, `張` and `张`,
//! `級` and `级`) are one unit: labels are kept in their simplified form.

use std::borrow::Cow;
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
    /// A count of things, with its measure word (simplified): `人`, `名`, `张`, `个`, `所`, `家`, `次`, `台`, ….
    Count(Label),
    /// A count per population: `每5万人口1个` is 1 `个` per 50,000 people, printed
    /// `个/5万人`. Densities of one kind of thing convert between population bases
    /// (1 per 5万 is 2 per 10万); they do not convert into a bare count.
    Density {
        /// The measure word of what is counted: `个`, `张`, `名`.
        count: Label,
        /// The population the count is per: 1,000 for `每千人口`, 50,000 for `每5万人口`.
        per: u32,
    },
    /// Any other short label, such as `亿元`; it compares only with the same label.
    Other(Label),
}

/// A unit's label: one or two characters almost always, kept without an allocation.
pub type Label = smartstring::alias::String;

/// What a unit measures; two units convert into each other only within one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Dimension<'a> {
    /// A proportion: `‰`, `%`, `/万` and `/10万` all convert.
    Ratio,
    /// A span of years.
    Years,
    /// A span of days.
    Days,
    /// A count of one kind of thing; the label does not matter within a kind.
    Count(CountKind<'a>),
    /// A count of one kind of thing per population, whatever the population base.
    Density(CountKind<'a>),
    /// An unknown label; it compares only with itself.
    Other(&'a str),
}

/// The kind of thing a count measures, so that `人` and `名` compare and `人` and `张` do not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum CountKind<'a> {
    /// People: `人`, `名`, `位`.
    People,
    /// Beds: `张`, `床`.
    Beds,
    /// Institutions or other whole units: `个`, `所`, `家`, `座`.
    Units,
    /// Another measure word, compared only with itself (`次`, `台`, `项`, `类`, …).
    Other(&'a str),
}

/// Measure words read as [`Unit::Count`]; anything else short is [`Unit::Other`].
pub(crate) const COUNT_LABELS: &[&str] = &[
    "人次", "人", "名", "位", "张", "床", "个", "所", "家", "座", "次", "台", "项", "辆", "例",
    "种", "支", "间", "套", "类", "批",
];

/// Traditional spellings of the characters of unit labels and target words, with their
/// simplified forms. `parse` folds a target's text with it and `parse_unit` a unit's, so a
/// plan printed in traditional characters reads like one in simplified (`達到3級以上`,
/// `15個`, `全覆蓋`). Only characters of the grammar's own words are listed; anything else
/// is left as printed. Sorted by the traditional character, for a binary search.
const TRADITIONAL: &[(char, char)] = &[
    ('並', '并'),
    ('個', '个'),
    ('們', '们'),
    ('價', '价'),
    ('億', '亿'),
    ('優', '优'),
    ('內', '内'),
    ('創', '创'),
    ('務', '务'),
    ('區', '区'),
    ('協', '协'),
    ('參', '参'),
    ('員', '员'),
    ('單', '单'),
    ('國', '国'),
    ('團', '团'),
    ('執', '执'),
    ('實', '实'),
    ('審', '审'),
    ('將', '将'),
    ('對', '对'),
    ('導', '导'),
    ('屆', '届'),
    ('層', '层'),
    ('師', '师'),
    ('張', '张'),
    ('後', '后'),
    ('從', '从'),
    ('態', '态'),
    ('應', '应'),
    ('揮', '挥'),
    ('擇', '择'),
    ('數', '数'),
    ('斷', '断'),
    ('於', '于'),
    ('暫', '暂'),
    ('書', '书'),
    ('條', '条'),
    ('構', '构'),
    ('標', '标'),
    ('機', '机'),
    ('檢', '检'),
    ('歲', '岁'),
    ('歷', '历'),
    ('減', '减'),
    ('測', '测'),
    ('準', '准'),
    ('為', '为'),
    ('無', '无'),
    ('爭', '争'),
    ('狀', '状'),
    ('現', '现'),
    ('產', '产'),
    ('當', '当'),
    ('療', '疗'),
    ('發', '发'),
    ('確', '确'),
    ('礎', '础'),
    ('種', '种'),
    ('穩', '稳'),
    ('約', '约'),
    ('級', '级'),
    ('結', '结'),
    ('維', '维'),
    ('練', '练'),
    ('縣', '县'),
    ('總', '总'),
    ('續', '续'),
    ('職', '职'),
    ('臺', '台'),
    ('與', '与'),
    ('萬', '万'),
    ('蓋', '盖'),
    ('處', '处'),
    ('衛', '卫'),
    ('裡', '里'),
    ('訓', '训'),
    ('設', '设'),
    ('診', '诊'),
    ('評', '评'),
    ('該', '该'),
    ('護', '护'),
    ('費', '费'),
    ('質', '质'),
    ('較', '较'),
    ('輛', '辆'),
    ('辦', '办'),
    ('進', '进'),
    ('達', '达'),
    ('選', '选'),
    ('邊', '边'),
    ('鄉', '乡'),
    ('醫', '医'),
    ('鎮', '镇'),
    ('長', '长'),
    ('開', '开'),
    ('間', '间'),
    ('隊', '队'),
    ('項', '项'),
    ('類', '类'),
    ('顯', '显'),
    ('養', '养'),
    ('體', '体'),
    ('點', '点'),
];

/// The simplified form of a character of `TRADITIONAL`, or the character itself.
pub(crate) fn simplified(c: char) -> char {
    if (c as u32) < 0x3400 {
        return c;
    }
    TRADITIONAL
        .binary_search_by_key(&c, |(t, _)| *t)
        .map_or(c, |i| TRADITIONAL[i].1)
}

/// Reads a unit as printed. Surrounding spaces and brackets are ignored; an empty string is
/// no unit. Unknown labels become [`Unit::Other`] so a caller can still print them.
pub fn parse_unit(s: &str) -> Option<Unit> {
    // Most labels have no traditional character to simplify: they are read in place.
    let folded: Cow<'_, str> = if s.chars().all(|c| simplified(c) == c) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().map(simplified).collect())
    };
    let s = folded
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
        _ if COUNT_LABELS.contains(&s) => Unit::Count(s.into()),
        _ => density_label(s).unwrap_or_else(|| Unit::Other(s.into())),
    };
    Some(unit)
}

/// Reads `张/千人`, `个/5万人`, `名/万人口`: a measure word per a population.
fn density_label(s: &str) -> Option<Unit> {
    let (count, base) = s.split_once(['/', '／'])?;
    if !COUNT_LABELS.contains(&count) {
        return None;
    }
    let base = ["常住人口", "人口", "名居民", "居民", "人"]
        .iter()
        .find_map(|w| base.strip_suffix(w))?;
    Some(Unit::Density {
        count: count.into(),
        per: population_base(base)?,
    })
}

/// The most people a density may be per; a larger base is no real norm.
const MAX_BASE: u32 = 100_000_000;

/// Reads a population base as plans print it before `人口`: `千` (1,000), `万`, `十万`,
/// `5万`, `10万`, `3千`, `1000`. `None` for anything else, or for a base out of range.
pub(crate) fn population_base(s: &str) -> Option<u32> {
    let (number, scale) = if let Some(n) = s.strip_suffix('万') {
        (n, 10_000u64)
    } else if let Some(n) = s.strip_suffix('千') {
        (n, 1_000)
    } else {
        (s, 1)
    };
    let times: u64 = match number {
        "" if scale > 1 => 1,
        "" => return None,
        "十" => 10,
        "百" => 100,
        "两" => 2,
        _ => match chinese_digit(number) {
            Some(d) => u64::from(d),
            None if number.len() <= 9 && number.bytes().all(|b| b.is_ascii_digit()) => {
                number.parse().ok()?
            }
            None => return None,
        },
    };
    let per = times.checked_mul(scale)?;
    u32::try_from(per)
        .ok()
        .filter(|p| (1..=MAX_BASE).contains(p))
}

/// `一` to `十` as 1 to 10.
pub(crate) fn chinese_digit(s: &str) -> Option<u8> {
    let mut chars = s.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    "一二三四五六七八九十"
        .chars()
        .position(|d| d == c)
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// How a population base prints: `千`, `万`, `5万`, `10万`, `3千`, `1500`.
fn print_base(per: u32) -> String {
    match per {
        1_000 => "千".to_owned(),
        10_000 => "万".to_owned(),
        p if p % 10_000 == 0 => format!("{}万", p / 10_000),
        p if p % 1_000 == 0 => format!("{}千", p / 1_000),
        p => p.to_string(),
    }
}

fn count_kind(label: &str) -> CountKind<'_> {
    match label {
        "人" | "名" | "位" => CountKind::People,
        "张" | "床" => CountKind::Beds,
        "个" | "所" | "家" | "座" => CountKind::Units,
        other => CountKind::Other(other),
    }
}

impl Unit {
    /// What this unit measures.
    pub fn dimension(&self) -> Dimension<'_> {
        match self {
            Unit::PerMille | Unit::Percent | Unit::Per10k | Unit::Per100k => Dimension::Ratio,
            Unit::Years => Dimension::Years,
            Unit::Days => Dimension::Days,
            Unit::Count(label) => Dimension::Count(count_kind(label)),
            Unit::Density { count, .. } => Dimension::Density(count_kind(count)),
            Unit::Other(label) => Dimension::Other(label),
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

    /// The unit as a plan prints it; a density as `个/5万人`.
    pub fn label(&self) -> Cow<'_, str> {
        Cow::Borrowed(match self {
            Unit::PerMille => "‰",
            Unit::Percent => "%",
            Unit::Per10k => "/万",
            Unit::Per100k => "/10万",
            Unit::Years => "岁",
            Unit::Days => "天",
            Unit::Count(label) | Unit::Other(label) => label,
            Unit::Density { count, per } => {
                return Cow::Owned(format!("{count}/{}人", print_base(*per)))
            }
        })
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// Converts `value` from one unit to another of the same dimension (1% = 10‰ = 1000/10万,
/// 1 per 5万 people = 2 per 10万); `None` when the dimensions differ or the result is not
/// finite.
///
/// The scale factor is applied as a multiplication or a division by an exact power of ten,
/// so that `3.06%` becomes `30.6‰` without a detour through `0.01`, which binary floating
/// point cannot hold exactly.
pub fn convert(value: f64, from: &Unit, to: &Unit) -> Option<f64> {
    if from.dimension() != to.dimension() {
        return None;
    }
    let converted = match (from, to) {
        (Unit::Density { per: from, .. }, Unit::Density { per: to, .. }) => {
            value * f64::from(*to) / f64::from(*from)
        }
        _ => match (from.ratio_exponent(), to.ratio_exponent()) {
            (Some(a), Some(b)) if b >= a => value * 10f64.powi(b - a),
            (Some(a), Some(b)) => value / 10f64.powi(a - b),
            _ => value,
        },
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
            // Traditional and simplified measure words are one unit.
            ("個", Some(Unit::Count("个".into()))),
            ("張", Some(Unit::Count("张".into()))),
            ("項", Some(Unit::Count("项".into()))),
            ("種", Some(Unit::Count("种".into()))),
            ("間", Some(Unit::Count("间".into()))),
            ("歲", Some(Unit::Years)),
            ("級", Some(Unit::Other("级".into()))),
            ("/10萬", Some(Unit::Per100k)),
            // Densities per population.
            (
                "张/千人",
                Some(Unit::Density {
                    count: "张".into(),
                    per: 1_000,
                }),
            ),
            (
                "名/万人口",
                Some(Unit::Density {
                    count: "名".into(),
                    per: 10_000,
                }),
            ),
            (
                "個/5萬人",
                Some(Unit::Density {
                    count: "个".into(),
                    per: 50_000,
                }),
            ),
            ("/千人", Some(Unit::Other("/千人".into()))),
        ];
        for (text, want) in cases {
            assert_eq!(parse_unit(text), want, "{text:?}");
        }
        for (per, label) in [
            (1_000, "张/千人"),
            (50_000, "张/5万人"),
            (1_500, "张/1500人"),
        ] {
            let unit = Unit::Density {
                count: "张".into(),
                per,
            };
            assert_eq!(unit.label(), label);
            assert_eq!(parse_unit(label), Some(unit));
        }
    }

    #[test]
    fn traditional_table_is_sorted_and_folds_each_character_once() {
        assert!(TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(TRADITIONAL
            .iter()
            .all(|(t, s)| t != s && simplified(*s) == *s));
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
        // One per 5万 people is two per 10万 and 0.2 per 万, whatever is counted of a kind.
        let density = |count: &str, per| Unit::Density {
            count: count.into(),
            per,
        };
        assert_eq!(
            convert(1.0, &density("个", 50_000), &density("所", 100_000)),
            Some(2.0)
        );
        assert_eq!(
            convert(1.0, &density("个", 50_000), &density("个", 10_000)),
            Some(0.2)
        );
        assert_eq!(
            convert(1.0, &density("张", 1_000), &density("个", 1_000)),
            None
        );
        assert_eq!(
            convert(3.0, &density("张", 1_000), &Unit::Count("张".into())),
            None
        );
    }
}
