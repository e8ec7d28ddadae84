//! The messages a reviewer may see: why a text is unreadable ([`ParseIssue`]), a printing
//! slip read through ([`Slip`]), why two targets cannot be compared ([`Reason`]), and what
//! else a comparison noticed ([`Note`]). Each has a short English `Display` and a Chinese
//! `zh()`.

use std::fmt;

use serde::Serialize;

use crate::Unit;

/// Why a target text could not be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ParseIssue {
    /// The text is far longer than any target cell, or states a target whose canonical print
    /// is (a cell of a great many short parts).
    TooLong {
        /// Its length in characters, or its print's where that is longer.
        chars: usize,
    },
    /// Words with no number and no direction, such as `基本消除`.
    NoNumber {
        /// The words.
        text: String,
    },
    /// Words that point both up and down, such as `上升趋势得到遏制`.
    MixedDirection {
        /// The words.
        text: String,
    },
    /// A number that is negative, too large, or not a finite number.
    BadNumber {
        /// The number as printed.
        text: String,
    },
    /// A count per population that does not say what it counts: `每千人口7.5`.
    NoMeasureWord {
        /// The text.
        text: String,
    },
    /// Text after the number that is not a unit.
    UnknownUnit {
        /// The text after the number.
        text: String,
    },
    /// A range whose two ends have different units, or whose low end is above its high end.
    BadRange {
        /// The range as printed.
        text: String,
    },
    /// A floor and a ceiling at once, such as `不低于90以下`.
    ConflictingBounds {
        /// The text.
        text: String,
    },
    /// Several values with no names to tell them apart, such as `≥25，≥30`.
    UnnamedParts {
        /// The text.
        text: String,
    },
    /// Nothing else fits.
    Unrecognised {
        /// The text.
        text: String,
    },
}

impl fmt::Display for ParseIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseIssue::TooLong { chars } => {
                write!(f, "too long for a target ({chars} characters)")
            }
            ParseIssue::NoNumber { text } => {
                write!(f, "`{text}` states no number and no direction")
            }
            ParseIssue::MixedDirection { text } => {
                write!(f, "`{text}` points both up and down")
            }
            ParseIssue::BadNumber { text } => {
                write!(
                    f,
                    "`{text}` is not a usable number (negative, too large or not finite)"
                )
            }
            ParseIssue::NoMeasureWord { text } => write!(
                f,
                "`{text}` is a count per population that does not say what it counts (个, 张, 名)"
            ),
            ParseIssue::UnknownUnit { text } => write!(f, "`{text}` is not a known unit"),
            ParseIssue::BadRange { text } => {
                write!(
                    f,
                    "`{text}` is not a range from a lower to a higher value in one unit"
                )
            }
            ParseIssue::ConflictingBounds { text } => {
                write!(f, "`{text}` is both a floor and a ceiling")
            }
            ParseIssue::UnnamedParts { text } => {
                write!(f, "`{text}` has several values but no part names")
            }
            ParseIssue::Unrecognised { text } => write!(f, "`{text}` is not a known target form"),
        }
    }
}

impl ParseIssue {
    /// The message in Chinese.
    pub fn zh(&self) -> String {
        match self {
            ParseIssue::TooLong { chars } => format!("文本过长（{chars}字），不是目标值"),
            ParseIssue::NoNumber { text } => format!("“{text}”既无数值也无方向"),
            ParseIssue::MixedDirection { text } => format!("“{text}”同时含升、降两个方向"),
            ParseIssue::BadNumber { text } => {
                format!("“{text}”不是可用的数值（负数、过大或非有限数）")
            }
            ParseIssue::NoMeasureWord { text } => {
                format!("“{text}”为每人口数量，但未注明计量单位（个、张、名等）")
            }
            ParseIssue::UnknownUnit { text } => format!("“{text}”不是可识别的单位"),
            ParseIssue::BadRange { text } => format!("“{text}”不是同一单位下由低到高的区间"),
            ParseIssue::ConflictingBounds { text } => format!("“{text}”同时是下限和上限"),
            ParseIssue::UnnamedParts { text } => format!("“{text}”含多个数值但未标明分项"),
            ParseIssue::Unrecognised { text } => format!("“{text}”不是可识别的目标形式"),
        }
    }
}

/// A printing slip in a number, read as the number that was meant. The target reads; the
/// slip is kept on it ([`crate::Target::slips`]) so a reviewer can ask for the text to be
/// corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Slip {
    /// A full stop (`。`) or an enumeration comma (`、`) printed for the decimal point:
    /// `3。5名`, `77、6岁`.
    DecimalMark {
        /// The mark printed.
        printed: char,
        /// The number as meant: `3.5`.
        number: String,
    },
    /// A space inside a number: `7 7.6`, `3 .5`.
    SpaceInNumber {
        /// The number as meant.
        number: String,
    },
    /// The letter `O` (or `o`) or the character `〇` printed for the digit 0 among digits:
    /// `9O%`, `1〇0`.
    LetterForZero {
        /// The character printed.
        printed: char,
        /// The number as meant.
        number: String,
    },
}

impl fmt::Display for Slip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Slip::DecimalMark {
                printed: '。',
                number,
            } => write!(f, "a full stop printed for the decimal point: {number}"),
            Slip::DecimalMark {
                printed: '、',
                number,
            } => write!(
                f,
                "an enumeration comma (、) printed for the decimal point: {number}"
            ),
            Slip::DecimalMark { printed, number } => {
                write!(f, "`{printed}` printed for the decimal point: {number}")
            }
            Slip::SpaceInNumber { number } => {
                write!(f, "a stray space inside the number: {number}")
            }
            Slip::LetterForZero {
                printed: '〇',
                number,
            } => write!(f, "the character 〇 printed for the digit 0: {number}"),
            Slip::LetterForZero { printed, number } => {
                write!(f, "the letter {printed} printed for the digit 0: {number}")
            }
        }
    }
}

impl Slip {
    /// The message in Chinese.
    pub fn zh(&self) -> String {
        match self {
            Slip::DecimalMark {
                printed: '。',
                number,
            } => format!("小数点误作句号，应为{number}"),
            Slip::DecimalMark {
                printed: '、',
                number,
            } => format!("小数点误作顿号，应为{number}"),
            Slip::DecimalMark { printed, number } => {
                format!("小数点误作“{printed}”，应为{number}")
            }
            Slip::SpaceInNumber { number } => format!("数字中有多余空格，应为{number}"),
            Slip::LetterForZero {
                printed: '〇',
                number,
            } => format!("数字0误作“〇”，应为{number}"),
            Slip::LetterForZero { printed, number } => {
                format!("数字0误作字母{printed}，应为{number}")
            }
        }
    }
}

/// Which of the two compared targets a note is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Side {
    /// The lower-level plan's target.
    Child,
    /// The parent plan's target.
    Parent,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Child => "child",
            Side::Parent => "parent",
        })
    }
}

impl Side {
    /// The side in Chinese: `下级` or `上级`.
    pub fn zh(&self) -> &'static str {
        match self {
            Side::Child => "下级",
            Side::Parent => "上级",
        }
    }
}

/// Why a target cannot be resolved, or two targets cannot be compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Reason {
    /// A change from the baseline, but the plan gives no baseline.
    NoBaseline,
    /// A bare direction cannot be compared with a number, or a stable target with a movement.
    DirectionOnly,
    /// The target refers to historical data the plan does not give.
    History,
    /// Nothing says whether higher or lower is better.
    NoDirection,
    /// The units measure different things.
    UnitMismatch {
        /// The child's unit (or the target's, when resolving one target).
        child: Unit,
        /// The parent's unit (or the row's, when resolving one target).
        parent: Unit,
    },
    /// No target was given.
    Empty,
    /// The target text could not be read.
    Unreadable(ParseIssue),
    /// Both targets have parts, but not the same ones.
    PartsDiffer {
        /// The child's part names.
        child: Vec<String>,
        /// The parent's part names.
        parent: Vec<String>,
    },
    /// One target is a floor and the other a ceiling.
    DirectionConflict,
    /// A per-year change needs a target year after the baseline year.
    NoYears {
        /// The baseline year.
        baseline_year: i32,
        /// The target year.
        target_year: i32,
    },
    /// A band (`103-107`) against a one-sided bound.
    RangeVsBound,
    /// A share of a total (`覆盖旗县总数的1/3`, `全覆盖`) against an absolute number: the
    /// plan does not say how large the total is.
    ShareVsCount,
    /// A floor for each unit of a set (`每个乡镇至少1所`) against a total or a rate: the
    /// number of units is not given.
    PerUnitVsTotal,
    /// Floors for each unit of two different sets: per 乡镇 against per 县.
    PerDifferentUnits {
        /// The child's set.
        child: String,
        /// The parent's set.
        parent: String,
    },
    /// A grade is an ordinal scale: it has no number to resolve to (`二级甲等`), and
    /// compares only with another grade.
    Ordinal,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NoBaseline => f.write_str("a change from the baseline, but no baseline is given"),
            Reason::DirectionOnly => f.write_str("a direction without a number cannot be compared with a number"),
            Reason::History => f.write_str("refers to historical data the plan does not give"),
            Reason::NoDirection => f.write_str("unknown whether higher or lower is better"),
            Reason::UnitMismatch { child, parent } => {
                write!(f, "units measure different things: child {child}, parent {parent}")
            }
            Reason::Empty => f.write_str("no target is given"),
            Reason::Unreadable(issue) => write!(f, "target not readable: {issue}"),
            Reason::PartsDiffer { child, parent } => write!(
                f,
                "the parts differ: child {}, parent {}",
                child.join("/"),
                parent.join("/")
            ),
            Reason::DirectionConflict => f.write_str("one target is a floor and the other a ceiling"),
            Reason::NoYears { baseline_year, target_year } => write!(
                f,
                "a per-year change needs the target year after the baseline year ({baseline_year}→{target_year})"
            ),
            Reason::RangeVsBound => f.write_str("a range cannot be compared with a one-sided bound"),
            Reason::ShareVsCount => f.write_str(
                "a share of a total cannot be compared with an absolute number: the size of the total is not given"
            ),
            Reason::PerUnitVsTotal => f.write_str(
                "a floor for each unit of a set cannot be compared with a total or a rate: the number of units is not given"
            ),
            Reason::PerDifferentUnits { child, parent } => write!(
                f,
                "floors for each unit of different sets: child per {child}, parent per {parent}"
            ),
            Reason::Ordinal => f.write_str(
                "a grade is an ordinal scale: it has no number and compares only with another grade"
            ),
        }
    }
}

impl Reason {
    /// The message in Chinese.
    pub fn zh(&self) -> String {
        match self {
            Reason::NoBaseline => "相对基期的目标缺少基期值，无法换算".to_owned(),
            Reason::DirectionOnly => "仅有方向、无具体数值，无法与数值目标比较".to_owned(),
            Reason::History => "以规划未给出的历史数据为参照，无法比较".to_owned(),
            Reason::NoDirection => "指标方向（越高越好或越低越好）不明".to_owned(),
            Reason::UnitMismatch { child, parent } => {
                format!("单位不可换算：下级为{child}，上级为{parent}")
            }
            Reason::Empty => "未设目标值".to_owned(),
            Reason::Unreadable(issue) => format!("目标值无法识别：{}", issue.zh()),
            Reason::PartsDiffer { child, parent } => format!(
                "分项不一致：下级为{}，上级为{}",
                child.join("、"),
                parent.join("、")
            ),
            Reason::DirectionConflict => "上下级目标一为下限、一为上限，方向相反".to_owned(),
            Reason::NoYears {
                baseline_year,
                target_year,
            } => {
                format!("年均变化需目标年晚于基期年（{baseline_year}→{target_year}）")
            }
            Reason::RangeVsBound => "区间目标无法与单侧目标比较".to_owned(),
            Reason::ShareVsCount => "占总数比例的目标无法与绝对数比较：未给出总数".to_owned(),
            Reason::PerUnitVsTotal => {
                "“每个……”的目标无法与总量或比率比较：未给出单位个数".to_owned()
            }
            Reason::PerDifferentUnits { child, parent } => {
                format!("按不同单位计的目标：下级为每个{child}，上级为每个{parent}")
            }
            Reason::Ordinal => "等级为定序指标，无数值可换算，只能与等级比较".to_owned(),
        }
    }
}

/// Something a comparison noticed that a reviewer should see beside the verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Note {
    /// The target is approximate (`左右`, `达到或接近`).
    Approx(Side),
    /// The target is a soft commitment (`力争`).
    Strive(Side),
    /// Equal in value, but one bound is strict (`<10`) and the other not (`≤10`).
    StrictnessDiffers,
    /// A value was converted between units before comparing.
    Converted {
        /// Whose value was converted.
        side: Side,
        /// The unit it was printed in.
        from: Unit,
        /// The unit it was compared in.
        to: Unit,
    },
    /// Whether higher or lower is better was taken from the parent's target.
    DirectionFromParent,
    /// The parent's relative change was applied to the child's own baseline.
    ParentChangeOnChildBaseline,
    /// A yearly change was summed over the plan's years.
    PerYearSummed {
        /// Whose target was summed.
        side: Side,
        /// Over how many years.
        years: i32,
    },
    /// Each part of the one target was compared with the other's single target.
    PartsAgainstWhole,
    /// A range of changes (`新增3-5个`) was read as its low end, the part the plan commits to.
    LowEnd(Side),
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Approx(side) => write!(f, "the {side} target is approximate (左右)"),
            Note::Strive(side) => write!(f, "the {side} target is a soft commitment (力争)"),
            Note::StrictnessDiffers => {
                f.write_str("equal in value; only a strict bound (`<`, `>`) against an inclusive one (`≤`, `≥`) differs")
            }
            Note::Converted { side, from, to } => {
                write!(f, "the {side} value was converted from {from} to {to}")
            }
            Note::DirectionFromParent => {
                f.write_str("whether higher or lower is better was taken from the parent's target")
            }
            Note::ParentChangeOnChildBaseline => {
                f.write_str("the parent's change was applied to the child's own baseline")
            }
            Note::PerYearSummed { side, years } => {
                write!(f, "the {side} yearly change was summed over {years} years")
            }
            Note::PartsAgainstWhole => {
                f.write_str("each part was compared with the other plan's single target")
            }
            Note::LowEnd(side) => write!(
                f,
                "the {side} range of changes was read as its low end, the part committed to"
            ),
        }
    }
}

impl Note {
    /// The message in Chinese.
    pub fn zh(&self) -> String {
        match self {
            Note::Approx(side) => format!("{}目标为约数（左右）", side.zh()),
            Note::Strive(side) => format!("{}目标为力争目标", side.zh()),
            Note::StrictnessDiffers => {
                "数值相同，仅严格不等号（<、>）与含等号（≤、≥）之别".to_owned()
            }
            Note::Converted { side, from, to } => {
                format!("{}数值已由{from}换算为{to}", side.zh())
            }
            Note::DirectionFromParent => "指标方向取自上级目标".to_owned(),
            Note::ParentChangeOnChildBaseline => "上级变化幅度按下级基期值换算".to_owned(),
            Note::PerYearSummed { side, years } => {
                format!("{}年均变化按{years}年累计", side.zh())
            }
            Note::PartsAgainstWhole => "各分项分别与另一方的总目标比较".to_owned(),
            Note::LowEnd(side) => format!("{}变化幅度为区间，按下限（承诺部分）比较", side.zh()),
        }
    }
}
