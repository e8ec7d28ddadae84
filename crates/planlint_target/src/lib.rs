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

pub use checks::{against_baseline, check_unit_label, sign_conflict, BaselineCheck, UnitLabel};
pub use compare::{compare, Comparison, Verdict};
pub use parse::parse;
pub use reason::{Note, ParseIssue, Reason, Side};
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
}

impl Target {
    /// A target with the given form and flags, whose `raw` text is its canonical print;
    /// parsing that text gives this target back.
    pub fn new(form: Form, approx: bool, strive: bool, words: bool) -> Target {
        let mut target = Target {
            raw: String::new(),
            form,
            approx,
            strive,
            words,
        };
        target.raw = target.to_string();
        target
    }
}

impl Target {
    /// Whether two targets read the same: the same form and flags, at every level, whatever
    /// their raw texts. `parse(&t.to_string()).reads_as(&t)` holds for every readable `t`.
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
            ..*self
        }
    }
}

/// The shape of a target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Form {
    /// No target: `——`, `—`, `-`, a blank cell.
    Empty,
    /// A value to reach, possibly bounded: `77.6`, `≥25`, `<10`, `8名以上`, `低于23%`, `达到1.3张`.
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
    /// A change from the baseline: `比基期降低10%`, `2020年基础上增长30%`, `提高1岁左右`.
    Change {
        /// The size of the change, as printed (never negative).
        amount: f64,
        /// Relative percent, percentage points, or an absolute amount.
        kind: ChangeKind,
        /// Up or down.
        direction: Dir,
        /// The base year when printed (`2020年基础上`); `None` for `比基期` or none.
        from_year: Option<i32>,
        /// `以上`: at least this much change.
        at_least: bool,
    },
    /// A change every year: `每年降低0.5个百分点`.
    PerYear {
        /// The size of the yearly change (never negative).
        amount: f64,
        /// Relative percent, percentage points, or an absolute amount.
        kind: ChangeKind,
        /// Up or down.
        direction: Dir,
        /// `以上`: at least this much change each year.
        at_least: bool,
    },
    /// A direction with no number: `持续提升`, `逐步降低`, `保持稳定`, `同比例提高`.
    Direction(Dir),
    /// A target relative to data the plan does not give: `≤十二五期间平均值`.
    History {
        /// The text, normalised.
        text: String,
    },
    /// One target per named part: `城镇稳定在80左右，居民稳定在70以上`.
    Parts(Vec<Part>),
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
