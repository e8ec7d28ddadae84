//! Target expressions of Chinese development plans: reading them as plans print them, and
//! deciding whether a plan's target is no weaker than its parent's.
//!
//! This is the heart of planlint and it is pure: no I/O, no scripting, no file formats.
//! `docs/targets.md` in the repository is the specification; every form listed there is read.
//!
//! The flow is three steps, each usable alone:
//!
//! 1. [`parse`] reads a cell such as `≥25`, `比基期降低10%` or `城镇稳定在80左右，居民稳定在70以上`
//!    into a [`Target`]. It is total: any input gives a target, and what cannot be read is
//!    [`Form::Unreadable`] with a [`ParseIssue`] that says why. [`Target`]'s `Display` prints a
//!    canonical form that parses back to the same target.
//! 2. [`resolve`] turns a target and what the plan knows beside it (a [`Context`]: baseline,
//!    unit, years) into a [`Requirement`]: a floor, a ceiling, a band, a direction, or the
//!    [`Reason`] it cannot be resolved.
//! 3. [`compare`] decides whether a child's target is [`Verdict::Stricter`], equal, weaker or
//!    not comparable with its parent's, with [`Note`]s a reviewer should see (左右, 力争,
//!    `<` against `≤`, converted units).
//!
//! The rule engine also calls [`against_baseline`] (a target already met by, or worse than,
//! the plan's own baseline), [`sign_conflict`] (`≥5` on a mortality rate) and
//! [`check_unit_label`] (a rate printed `%` whose value only makes sense in `‰`).
//!
//! Every message a reviewer may see ([`Reason`], [`Note`], [`ParseIssue`], [`BaselineCheck`])
//! has an English `Display` and a Chinese `zh()`.
//!
//! ```
//! use planlint_target::{compare, parse, Better, Context, Unit, Verdict};
//!
//! // 儿童青少年总体近视率: the parent wants 0.5 points less a year from 54.49 (2020);
//! // the child promises 52 in 2025, above the 51.99 ceiling that works out to.
//! let child_ctx = Context::new(2020, 2025).with_baseline(54.49).with_unit(Unit::Percent);
//! let parent_ctx = child_ctx.clone();
//! let result = compare(
//!     &parse("52"),
//!     &child_ctx,
//!     &parse("每年降低0.5个百分点"),
//!     &parent_ctx,
//!     Some(Better::Lower),
//! );
//! assert!(matches!(result.verdict, Verdict::Weaker { by: Some(by) } if (by - 0.01).abs() < 1e-9));
//! ```
//!
//! # Choices beyond the first sketch of this API
//!
//! - Forms that occur in the plans but were not in the sketch: [`Form::Range`] (`103-107`,
//!   出生人口性别比) and its [`Requirement::Band`].
//! - Messages are typed so each has a Chinese version: [`Form::Unreadable`] carries a
//!   [`ParseIssue`], [`Verdict::Equal`] an optional [`Note`].
//! - [`Verdict::Weaker`] carries `by: Option<f64>`: a direction against the opposite
//!   direction is weaker by no number, and NaN would not survive JSON.
//! - [`Reason`] also has `DirectionConflict` (a floor against a ceiling), `NoYears` (a
//!   yearly change with no span) and `RangeVsBound`.
//! - Forms the county and prefecture plans write in their text: a share of a total
//!   ([`Form::Share`], `覆盖旗县总数的1/3`), all of a set ([`Form::All`], `全覆盖`,
//!   `5个县区全部建成`), one floor for each unit of a set ([`Form::PerUnit`],
//!   `每个乡镇至少1所`), an ordinal grade ([`Form::Grade`], `二级甲等以上`) and the baseline's
//!   own level ([`Form::AtBaseline`], `不低于现有水平`). A per-population density
//!   (`每5万人口1个`) is a [`Form::Value`] in a [`Unit::Density`], so it converts between
//!   population bases like any unit; several floors at once (`4类8项以上`) are
//!   [`Form::Parts`] named by their measure words; a range of increases (`新增3-5个`) is a
//!   [`Form::Change`] with `up_to`.
//! - Besides `approx` and `strive`, a [`Target`] keeps `firm` (`确保`), `hold` (`保持`,
//!   `稳定在`, `维持`, `不低于现有水平`: hold the level), the `year` printed before it
//!   (`到2035年`), and the printing [`Slip`]s it was read through (`3。5名` is 3.5).
//!
//! # Dependencies
//!
//! Only `serde`, to derive `Serialize` on the public types so the CLI can emit JSON. The
//! parser is hand-written over `char`s: the grammar is small, and a regular-expression
//! engine would add a dependency without making the many small cases clearer.
//!
//! # Numbers
//!
//! Values are `f64`. Two values are equal when they differ by less than one part in 10⁹,
//! so that `54.49 − 0.5 × 5` equals `51.99` and `3.06%` equals `30.6‰`. The parser never
//! produces NaN or an infinity: such input is unreadable.

mod checks;
mod compare;
pub mod fuzzing;
mod parse;
mod print;
mod reason;
mod resolve;
mod unit;

use serde::Serialize;

pub use checks::{
    against_baseline, check_unit_label, sign_conflict, BaselineCheck, HoldReason, UnitLabel,
};
pub use compare::{compare, Comparison, Verdict};
pub use parse::parse;
pub use reason::{Note, ParseIssue, Reason, Side, Slip};
pub use resolve::{resolve, show_number, Better, Context, PartRequirement, Requirement};
pub use unit::{convert, parse_unit, CountKind, Dimension, Unit};

/// A target as a plan prints it, read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    /// The text as given, before any normalisation.
    pub raw: String,
    /// What the text says.
    pub form: Form,
    /// `左右` (about) or `达到或接近` (reach or approach): the value is approximate.
    pub approx: bool,
    /// `力争` (strive to), `争取`, `有望`: a soft commitment.
    pub strive: bool,
    /// The value or bound is given in words (`以上`, `不低于`, `达到`, `全覆盖`) rather than a sign.
    pub words: bool,
    /// `确保` (make sure): a firm commitment.
    pub firm: bool,
    /// A target to hold the level rather than to improve it: `保持在95%以上`, `稳定在80左右`,
    /// `维持在28%以下`, `保持稳定`, `不低于现有水平`. A rule may stay quiet when the baseline
    /// already meets such a target (see [`against_baseline`]).
    pub hold: bool,
    /// The year printed before the target (`到2035年，…`), when it is printed.
    pub year: Option<i32>,
    /// Printing slips the reading went through (`3。5名` read as 3.5), each with the number
    /// as it was meant. A reviewer should see them; they are not part of the reading.
    pub slips: Vec<Slip>,
}

impl Target {
    /// A target with the given form and flags, whose `raw` text is its canonical print;
    /// parsing that text gives this target back.
    ///
    /// Flags a form implies are set, and flags it cannot carry are cleared, so that the
    /// promise holds whatever the arguments: `全覆盖` is always in words, `保持稳定` always
    /// holds the level, and an empty target has no flags.
    pub fn new(form: Form, approx: bool, strive: bool, words: bool) -> Target {
        Target {
            raw: String::new(),
            form,
            approx,
            strive,
            words,
            firm: false,
            hold: false,
            year: None,
            slips: Vec::new(),
        }
        .canonical()
    }

    /// This target with `确保` (a firm commitment) set or cleared.
    pub fn with_firm(mut self, firm: bool) -> Target {
        self.firm = firm;
        self.canonical()
    }

    /// This target with the hold-the-level flag set or cleared, where its form allows.
    pub fn with_hold(mut self, hold: bool) -> Target {
        self.hold = hold;
        self.canonical()
    }

    /// This target with the year printed before it.
    pub fn with_year(mut self, year: Option<i32>) -> Target {
        self.year = year;
        self.canonical()
    }

    /// Sets the flags the form implies, clears those it cannot carry, and prints `raw`.
    fn canonical(mut self) -> Target {
        self.settle_flags();
        self.raw = self.to_string();
        self
    }

    /// Sets the flags the form implies and clears those it cannot carry; the reader does
    /// the same, so a target read and a target made read alike.
    pub(crate) fn settle_flags(&mut self) {
        // A whole number of `级` is a grade's level (`4级`), and prints as one.
        if let Form::Value {
            value,
            unit: Some(Unit::Other(label)),
            bound,
        } = &self.form
        {
            if label == "级" && value.fract() == 0.0 && (0.0..=99.0).contains(value) {
                self.form = Form::Grade {
                    // A whole number from 0 to 99: the conversion is exact.
                    level: *value as u8,
                    class: None,
                    bound: *bound,
                };
            }
        }
        let flags = Flags::of(&self.form);
        self.approx &= flags.may_approx;
        self.strive &= flags.may_strive;
        self.firm &= flags.may_strive;
        self.hold = flags.hold.apply(self.hold);
        self.words = flags.words.apply(self.words);
        if !flags.may_year {
            self.year = None;
        }
        if matches!(self.form, Form::Range { .. }) {
            // A range is printed with signs only; `保持在103-107` is the one way its words show.
            self.words &= self.hold;
        }
    }

    /// Whether two targets read the same: the same form and flags, at every level, whatever
    /// their raw texts and the slips those texts had. `parse(&t.to_string()).reads_as(&t)`
    /// holds for every readable `t`.
    pub fn reads_as(&self, other: &Target) -> bool {
        self.without_raw() == other.without_raw()
    }

    fn without_raw(&self) -> Target {
        let form = match &self.form {
            Form::Parts(parts) => Form::Parts(
                parts
                    .iter()
                    .map(|p| Part {
                        name: p.name.clone(),
                        target: p.target.without_raw(),
                    })
                    .collect(),
            ),
            other => other.clone(),
        };
        Target {
            raw: String::new(),
            form,
            slips: Vec::new(),
            ..*self
        }
    }
}

/// What a flag may be for a form: always on, always off, or as read.
#[derive(Clone, Copy)]
pub(crate) enum Implied {
    On,
    Off,
    AsRead,
}

impl Implied {
    fn apply(self, read: bool) -> bool {
        match self {
            Implied::On => true,
            Implied::Off => false,
            Implied::AsRead => read,
        }
    }
}

/// The flags a form implies or allows: shared by the reader, the printer and
/// [`Target::new`], so the three agree.
pub(crate) struct Flags {
    pub(crate) may_approx: bool,
    pub(crate) may_strive: bool,
    pub(crate) may_year: bool,
    pub(crate) hold: Implied,
    pub(crate) words: Implied,
}

impl Flags {
    pub(crate) fn of(form: &Form) -> Flags {
        let all = Flags {
            may_approx: true,
            may_strive: true,
            may_year: true,
            hold: Implied::AsRead,
            words: Implied::AsRead,
        };
        match form {
            // Nothing is printed around these but their own text.
            Form::Empty | Form::History { .. } | Form::Unreadable { .. } => Flags {
                may_approx: false,
                may_strive: false,
                may_year: false,
                hold: Implied::Off,
                words: Implied::Off,
            },
            // Parts carry their flags one by one; only a year stands before them all.
            Form::Parts(_) => Flags {
                may_approx: false,
                may_strive: false,
                hold: Implied::Off,
                words: Implied::Off,
                ..all
            },
            // A movement is not a level to hold.
            Form::Change { .. } | Form::PerYear { .. } => Flags {
                hold: Implied::Off,
                words: Implied::Off,
                ..all
            },
            Form::Direction(Dir::Stable) => Flags {
                hold: Implied::On,
                words: Implied::Off,
                ..all
            },
            Form::Direction(_) => Flags {
                hold: Implied::Off,
                words: Implied::Off,
                ..all
            },
            Form::Share { .. } | Form::All { .. } => Flags {
                words: Implied::On,
                ..all
            },
            Form::AtBaseline { bound, .. } => Flags {
                words: Implied::On,
                hold: match bound {
                    Bound::AtLeast { strict: true } | Bound::AtMost { strict: true } => {
                        Implied::AsRead
                    }
                    _ => Implied::On,
                },
                ..all
            },
            Form::Value { .. } | Form::Range { .. } | Form::PerUnit { .. } | Form::Grade { .. } => {
                all
            }
        }
    }
}

/// The shape of a target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Form {
    /// No target: `——`, `—`, `-`, a blank cell.
    Empty,
    /// A value to reach, possibly bounded: `77.6`, `≥25`, `<10`, `8名以上`, `低于23%`, `达到1.3张`,
    /// and a density per population in a [`Unit::Density`]: `每5万人口1个`.
    Value {
        /// The number as printed.
        value: f64,
        /// The unit printed after the number, if any.
        unit: Option<Unit>,
        /// Whether the value is a plain target, a floor or a ceiling.
        bound: Bound,
    },
    /// A band the value must stay within: `103-107` (出生人口性别比), `1-1.5名`.
    Range {
        /// The lower end, inclusive.
        low: f64,
        /// The upper end, inclusive.
        high: f64,
        /// The unit printed with the ends, if any.
        unit: Option<Unit>,
    },
    /// A change from the baseline: `比基期降低10%`, `2020年基础上增长30%`, `提高1岁左右`,
    /// `新增床位200张`, `新增3-5个`.
    Change {
        /// The size of the change, as printed (never negative); the low end of a range of
        /// changes, which is what the plan commits to.
        amount: f64,
        /// Relative percent, percentage points, or an absolute amount.
        kind: ChangeKind,
        /// Up or down.
        direction: Dir,
        /// The base year when printed (`2020年基础上`); `None` for `比基期` or none.
        from_year: Option<i32>,
        /// `以上`: at least this much change.
        at_least: bool,
        /// The high end of a range of changes (`新增3-5个`), never below `amount`.
        up_to: Option<f64>,
    },
    /// A change every year: `每年降低0.5个百分点`, `每年新增1个以上`.
    PerYear {
        /// The size of the yearly change (never negative); the low end of a range.
        amount: f64,
        /// Relative percent, percentage points, or an absolute amount.
        kind: ChangeKind,
        /// Up or down.
        direction: Dir,
        /// `以上`: at least this much change each year.
        at_least: bool,
        /// The high end of a range of yearly changes (`每年新增3-5项`).
        up_to: Option<f64>,
    },
    /// A direction with no number: `持续提升`, `逐步降低`, `保持稳定`, `同比例提高`.
    Direction(Dir),
    /// A target relative to data the plan does not give: `≤十二五期间平均值`.
    History {
        /// The text, normalised.
        text: String,
    },
    /// One target per named part: `城镇稳定在80左右，居民稳定在70以上`; also several floors
    /// at once, each part named by its measure word (`4类8项以上`: `类` ≥ 4, `项` ≥ 8).
    Parts(Vec<Part>),
    /// A share of a total, as a fraction: `覆盖乡镇总数的一半` (1/2), `覆盖旗县总数的1/3`,
    /// `达到总数的30%以上` (30/100). It reads as a percentage of the set; it cannot be
    /// compared with an absolute count, since the plan does not say how large the total is.
    Share {
        /// The numerator of the fraction as printed (`30` of `30%`, `1` of `1/3`).
        numerator: f64,
        /// The denominator (`100` for a percentage), never zero.
        denominator: f64,
        /// A share to reach, at least or at most.
        bound: Bound,
        /// What the total counts, when printed: `乡镇` of `乡镇总数`.
        of: Option<String>,
    },
    /// All of a set: `全覆盖`, `实现全覆盖`, `所有乡镇全覆盖`, `全县所有`, `3个乡镇全部建成`.
    /// A floor of 100%, or of the count where one is printed.
    All {
        /// The size of the set, where printed (`3` of `3个乡镇`).
        count: Option<f64>,
        /// The measure word of the count (`个`).
        unit: Option<Unit>,
        /// What the set is, where printed (`乡镇`).
        of: Option<String>,
    },
    /// The same floor for every unit of a set: `每个乡镇至少1个`, `每个旗县区建成1所`,
    /// `各区至少有1所`. A plain value is a floor here: each unit must have it.
    PerUnit {
        /// What each unit is: `乡镇`, `旗县区`.
        of: String,
        /// The value each unit must reach.
        value: f64,
        /// Its measure word.
        unit: Option<Unit>,
        /// A plain value, a floor or a ceiling.
        bound: Bound,
    },
    /// A grade on an ordinal scale: `达到三级水平`, `二级甲等`, `达到二级甲等以上`,
    /// `创建三级医院`, `4级`. Levels order 一级 < 二级 < 三级; within a level 丙等 < 乙等 <
    /// 甲等 (< 特等). A plain grade is a floor: a plan reaches a grade or a higher one.
    Grade {
        /// The level: 3 of `三级`.
        level: u8,
        /// The class within the level, where printed: `甲等`.
        class: Option<GradeClass>,
        /// A grade to reach, at least or at most.
        bound: Bound,
    },
    /// The baseline's own level: `保持现有水平`, `不低于现有水平`, `不低于2020年水平`.
    AtBaseline {
        /// Hold it, at least it, or at most it.
        bound: Bound,
        /// The year of the level, where printed.
        from_year: Option<i32>,
    },
    /// Text that could not be read, and why.
    Unreadable {
        /// Why the text could not be read.
        reason: ParseIssue,
    },
}

/// Whether a value is a target to reach, a floor or a ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Bound {
    /// A bare value: a floor if higher is better, a ceiling if lower is better.
    Plain,
    /// `≥`, `>`, `以上`, `不低于`: the value must be at least this (`strict` for `>`, `高于`).
    AtLeast {
        /// `>` rather than `≥`.
        strict: bool,
    },
    /// `≤`, `<`, `以下`, `低于`: the value must be at most this (`strict` for `<`, `低于`).
    AtMost {
        /// `<` rather than `≤`.
        strict: bool,
    },
}

/// The class within a grade's level, from lowest to highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum GradeClass {
    /// `丙等`.
    C,
    /// `乙等`.
    B,
    /// `甲等`.
    A,
    /// `特等`, above 甲等 where a scale has it.
    Special,
}

impl GradeClass {
    /// The class as plans print it: `甲` of `甲等`.
    pub fn zh(self) -> &'static str {
        match self {
            GradeClass::C => "丙",
            GradeClass::B => "乙",
            GradeClass::A => "甲",
            GradeClass::Special => "特",
        }
    }
}

/// How a change is measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ChangeKind {
    /// `10%`: a percentage of the baseline.
    Percent,
    /// `0.5个百分点`: percentage points added to or taken from a rate.
    Points,
    /// `1岁`, `2人`, or a bare number: an amount in the given unit. Never `%`: a change in `%`
    /// is [`ChangeKind::Percent`], and an absolute change in percent is [`ChangeKind::Points`].
    Absolute(Option<Unit>),
}

/// A direction of movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Dir {
    /// Rising: `提高`, `提升`, `增长`.
    Up,
    /// Falling: `降低`, `下降`, `减少`.
    Down,
    /// Neither: `保持稳定`.
    Stable,
}

impl Dir {
    /// The opposite direction; `Stable` stays `Stable`.
    pub fn opposite(self) -> Dir {
        match self {
            Dir::Up => Dir::Down,
            Dir::Down => Dir::Up,
            Dir::Stable => Dir::Stable,
        }
    }
}

/// One named part of a [`Form::Parts`] target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// The part's name as printed: `城镇`, `居民`.
    pub name: String,
    /// The part's own target; never itself [`Form::Parts`].
    pub target: Target,
}

/// Whether two values are equal within one part in 10⁹ (and within 10⁻⁹ near zero).
pub(crate) fn same_value(a: f64, b: f64) -> bool {
    let scale = a.abs().max(b.abs()).max(1.0);
    (a - b).abs() <= 1e-9 * scale
}
