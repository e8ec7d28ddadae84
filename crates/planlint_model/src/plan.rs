//! The plan as planlint sees it: every value with the place it was written.
//!
//! These types are what a plan file holds, read strictly (see `load.rs`). Values a plan
//! prints — names, units, baselines, targets — are kept as the text the plan wrote, so
//! that a diagnostic can quote it as written; interpretation (reading a target, matching a
//! name) happens on top of this, never instead of it.

use crate::yaml::Pos;
use serde::Serialize;
use std::fmt;

/// A value as the plan prints it (a unit, a row number, a baseline, a target): short, so
/// most are kept without an allocation.
pub type Printed = crate::yaml::SmallText;

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spanned<T> {
    pub value: T,
    #[serde(skip)]
    pub pos: Pos,
}

impl<T> Spanned<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        Spanned { value, pos }
    }
}

impl<T: fmt::Display> fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// The tier of government a plan belongs to. The order is from the top down, so a parent
/// must compare less than its child.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    National,
    Province,
    Prefecture,
    County,
}

impl Level {
    pub const ALL: [(&'static str, Level); 4] = [
        ("national", Level::National),
        ("province", Level::Province),
        ("prefecture", Level::Prefecture),
        ("county", Level::County),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::County => "county",
        }
    }

    /// The level as a Chinese reader names it.
    pub fn zh(self) -> &'static str {
        match self {
            Level::National => "国家级",
            Level::Province => "省级",
            Level::Prefecture => "市级",
            Level::County => "县级",
        }
    }
}

/// Whether an indicator is binding (约束性) or expected (预期性).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Nature {
    Binding,
    Expected,
}

impl Nature {
    /// Reads the spellings plans use; `None` for anything else.
    pub fn parse(text: &str) -> Option<Nature> {
        match text.trim() {
            "binding" | "约束性" | "约束" | "約束性" | "約束" => Some(Nature::Binding),
            "expected" | "预期性" | "预期" | "預期性" | "預期" => Some(Nature::Expected),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Nature::Binding => "binding",
            Nature::Expected => "expected",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Nature::Binding => "约束性",
            Nature::Expected => "预期性",
        }
    }
}

/// The years a plan covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub start: i32,
    pub end: i32,
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.start, self.end)
    }
}

/// A plan file, as far as it could be read.
///
/// Required keys are `Option` here because loading never fails as a whole: a plan with no
/// `id` is still returned (with a problem) so that its other contents can be reported on.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Plan {
    /// The file as the user named it.
    pub file: String,
    #[serde(skip)]
    pub pos: Pos,
    /// Where each top-level key was written, so a finding about a whole part of the plan
    /// (its indicators, its basis) can point at the key.
    #[serde(skip)]
    pub keys: Vec<(String, Pos)>,
    pub format: Option<Spanned<i64>>,
    pub id: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub region: Option<Spanned<String>>,
    pub level: Option<Spanned<Level>>,
    pub period: Option<Spanned<Period>>,
    pub baseline_year: Option<Spanned<i32>>,
    pub parent: Option<Spanned<String>>,
    pub issuer: Option<Spanned<String>>,
    pub issued: Option<Spanned<String>>,
    pub source: Option<Spanned<String>>,
    /// `reference: true`: a copy of a higher plan kept in the repository as the parent of
    /// others, not a submission; it is never checked itself.
    pub reference: Option<Spanned<bool>>,
    pub basis: Vec<Spanned<String>>,
    pub sections: Vec<Section>,
    /// Where `sections: unknown` says the heading tree was not transcribed: unknown, not
    /// empty.
    #[serde(skip)]
    pub sections_unknown: Option<Pos>,
    pub indicators: Vec<Indicator>,
    /// Where `indicators: unknown` says the indicator table was not transcribed (the
    /// document is not at hand): unknown, not a table without rows.
    #[serde(skip)]
    pub indicators_unknown: Option<Pos>,
    pub targets_in_text: Vec<TextTarget>,
    /// Values the text states for indicators at a given year (a baseline the table lacks:
    /// 2020年全县人均预期寿命达到78.2岁), with where it says them.
    pub baselines_in_text: Vec<TextBaseline>,
    pub previous_period: Option<PreviousPeriod>,
    pub requirements: Option<Requirements>,
    pub exemptions: Vec<Exemption>,
}

impl Plan {
    /// The plan's id, or `""` when it has none.
    pub fn id(&self) -> &str {
        self.id.as_ref().map_or("", |s| s.value.as_str())
    }

    pub fn title(&self) -> &str {
        self.title.as_ref().map_or("", |s| s.value.as_str())
    }

    /// Whether the plan is a reference copy of a higher plan (`reference: true`): read as a
    /// parent, never checked itself.
    pub fn is_reference(&self) -> bool {
        self.reference.as_ref().is_some_and(|r| r.value)
    }

    pub fn level(&self) -> Option<Level> {
        self.level.as_ref().map(|l| l.value)
    }

    /// The year the baseline column stands for: `baseline_year`, else the year before the
    /// period starts.
    pub fn baseline_year(&self) -> Option<i32> {
        self.baseline_year
            .as_ref()
            .map(|y| y.value)
            .or_else(|| self.period.as_ref().map(|p| p.value.start - 1))
    }

    /// The year targets are for: the end of the period.
    pub fn target_year(&self) -> Option<i32> {
        self.period.as_ref().map(|p| p.value.end)
    }

    /// Where a top-level key was written; the start of the plan when it is absent.
    pub fn key_pos(&self, key: &str) -> Pos {
        self.keys
            .iter()
            .find(|(k, _)| k == key)
            .map_or(self.pos, |(_, p)| *p)
    }

    /// Every section, depth first, in document order.
    pub fn all_sections(&self) -> Vec<&Section> {
        fn walk<'a>(sections: &'a [Section], out: &mut Vec<&'a Section>) {
            for s in sections {
                out.push(s);
                walk(&s.sections, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, &mut out);
        out
    }
}

/// A heading and the headings under it.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    #[serde(skip)]
    pub pos: Pos,
    pub title: Spanned<String>,
    pub number: Option<Spanned<Printed>>,
    pub sections: Vec<Section>,
}

/// One row of an indicator table, as printed.
#[derive(Clone, Debug, Serialize)]
pub struct Indicator {
    #[serde(skip)]
    pub pos: Pos,
    pub name: Spanned<String>,
    pub unit: Option<Spanned<Printed>>,
    pub domain: Option<Spanned<String>>,
    /// The row number as printed (text, since plans print `15` twice or `（1）`).
    pub no: Option<Spanned<Printed>>,
    pub baseline: Option<Spanned<Printed>>,
    pub target: Option<Spanned<Printed>>,
    pub nature: Option<Spanned<Nature>>,
    /// Only in a previous period's completion table: what was achieved.
    pub actual: Option<Box<Spanned<Printed>>>,
    /// An explicit catalog id; it overrides matching by name.
    pub id: Option<Box<Spanned<String>>>,
    pub note: Option<Box<Spanned<String>>>,
    /// Where the plan says its baseline comes from, when not from its own statistics
    /// (参照自治区平均水平), as printed.
    pub baseline_from: Option<Box<Spanned<String>>>,
    /// The plan's own explanation of the row: a table note or a paragraph that explains a
    /// deviation (活产数不足一万人…), shown beside a finding about the row for the reviewer
    /// to weigh.
    pub explanation: Option<Box<Spanned<String>>>,
}
// The five fields few rows have are boxed: a row costs a pointer for each it lacks, not the
// text's and place's room (a national repository reads 90,000 rows).

impl Indicator {
    /// The nature, with an unknown nature treated as expected (the format's rule).
    pub fn nature(&self) -> Nature {
        self.nature.as_ref().map_or(Nature::Expected, |n| n.value)
    }
}

/// A target stated in the plan's text rather than its table.
#[derive(Clone, Debug, Serialize)]
pub struct TextTarget {
    #[serde(skip)]
    pub pos: Pos,
    pub name: Spanned<String>,
    pub target: Spanned<Printed>,
    pub unit: Option<Spanned<Printed>>,
    pub year: Option<Spanned<i32>>,
    pub section: Option<Spanned<String>>,
    /// The jurisdiction the sentence names for the target, as printed (全市, 全旗, 各旗市区):
    /// a county plan that says 全市 was copied from the city's.
    pub scope: Option<Spanned<String>>,
    pub id: Option<Spanned<String>>,
}

/// A value the text states for an indicator at a year: a baseline or another year's level.
#[derive(Clone, Debug, Serialize)]
pub struct TextBaseline {
    #[serde(skip)]
    pub pos: Pos,
    pub name: Spanned<String>,
    /// The value as printed.
    pub value: Spanned<Printed>,
    pub unit: Option<Spanned<Printed>>,
    /// The year the value is for; the plan's baseline year when absent.
    pub year: Option<Spanned<i32>>,
    /// The title of the section where the text says it.
    pub section: Option<Spanned<String>>,
    pub id: Option<Spanned<String>>,
}

/// The previous period's completion table, kept apart from the plan's own targets.
#[derive(Clone, Debug, Serialize)]
pub struct PreviousPeriod {
    #[serde(skip)]
    pub pos: Pos,
    pub period: Option<Spanned<Period>>,
    pub indicators: Vec<Indicator>,
}

/// What a plan asks of the plans that implement it.
#[derive(Clone, Debug, Serialize)]
pub struct Requirements {
    #[serde(skip)]
    pub pos: Pos,
    pub sections: Vec<RequiredSection>,
    pub indicators: Option<Spanned<RequiredIndicators>>,
}

/// A topic a child plan must cover, and the titles accepted for it.
#[derive(Clone, Debug, Serialize)]
pub struct RequiredSection {
    #[serde(skip)]
    pub pos: Pos,
    pub topic: Spanned<String>,
    pub any_of: Vec<Spanned<String>>,
}

/// Which of a plan's indicators its children must carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RequiredIndicators {
    All,
    Binding,
}

/// A deviation the plan acknowledges.
#[derive(Clone, Debug, Serialize)]
pub struct Exemption {
    #[serde(skip)]
    pub pos: Pos,
    pub rule: Spanned<String>,
    pub indicator: Option<Spanned<String>>,
    pub section: Option<Spanned<String>>,
    pub reason: Spanned<String>,
}
