//! Resolving a [`Target`] against what the plan knows beside it (a [`Context`]) into an
//! absolute [`Requirement`] on the indicator's value, in the row's unit.

use serde::Serialize;

use crate::{convert, Bound, ChangeKind, Dimension, Dir, Form, Reason, Target, Unit};

/// What the plan knows beside a target: its own baseline, units and years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Context {
    /// The plan's baseline value (the `2020年` column), if it gives one.
    pub baseline: Option<f64>,
    /// The unit the baseline is printed in, when it differs from the row's (`80.1%` in a row
    /// headed `‰`); `None` means the row's unit.
    pub baseline_unit: Option<Unit>,
    /// The row's unit (`婴儿死亡率（‰）`); a target's own unit converts into it.
    pub unit: Option<Unit>,
    /// The year of the baseline.
    pub baseline_year: i32,
    /// The year of the target.
    pub target_year: i32,
}

impl Context {
    /// A context with no baseline and no unit, from `baseline_year` to `target_year`.
    pub fn new(baseline_year: i32, target_year: i32) -> Context {
        Context {
            baseline: None,
            baseline_unit: None,
            unit: None,
            baseline_year,
            target_year,
        }
    }

    /// This context with the given baseline, in the row's unit.
    pub fn with_baseline(mut self, baseline: f64) -> Context {
        self.baseline = Some(baseline);
        self
    }

    /// This context with the given row unit.
    pub fn with_unit(mut self, unit: Unit) -> Context {
        self.unit = Some(unit);
        self
    }

    /// This context with the baseline printed in its own unit.
    pub fn with_baseline_unit(mut self, unit: Unit) -> Context {
        self.baseline_unit = Some(unit);
        self
    }

    /// The number of years a yearly change runs over, when the target year is after the
    /// baseline year.
    pub(crate) fn years(&self) -> Result<i32, Reason> {
        let years = i64::from(self.target_year) - i64::from(self.baseline_year);
        i32::try_from(years)
            .ok()
            .filter(|y| *y > 0)
            .ok_or(Reason::NoYears {
                baseline_year: self.baseline_year,
                target_year: self.target_year,
            })
    }

    /// The baseline in the row's unit, and that unit.
    pub(crate) fn baseline_in_row_unit(&self) -> Result<(f64, Option<Unit>), Reason> {
        let baseline = self
            .baseline
            .filter(|b| b.is_finite())
            .ok_or(Reason::NoBaseline)?;
        in_unit(baseline, self.baseline_unit.as_ref(), self.unit.as_ref())
    }

    /// This context without its baseline: a row's single baseline cannot be split among the
    /// parts of a target.
    pub(crate) fn without_baseline(&self) -> Context {
        Context {
            baseline: None,
            baseline_unit: None,
            ..self.clone()
        }
    }
}

impl Default for Context {
    /// The 十四五 span, 2020 to 2025, with no baseline and no unit.
    fn default() -> Context {
        Context::new(2020, 2025)
    }
}

/// Whether a higher or a lower value of the indicator is better, from the indicator catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Better {
    /// Coverage, management rates, staff per population, life expectancy.
    Higher,
    /// Mortality, smoking rate, 个人卫生支出占比, average length of stay.
    Lower,
}

impl Better {
    /// The direction of improvement.
    pub fn dir(self) -> Dir {
        match self {
            Better::Higher => Dir::Up,
            Better::Lower => Dir::Down,
        }
    }
}

/// A target resolved to an absolute requirement on the value in the row's unit, or why it
/// cannot be.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Requirement {
    /// The value must be at least (`strict`: above) `value`.
    Floor {
        /// The lowest acceptable value.
        value: f64,
        /// Whether `value` itself is excluded.
        strict: bool,
        /// The unit of `value`.
        unit: Option<Unit>,
    },
    /// The value must be at most (`strict`: below) `value`.
    Ceiling {
        /// The highest acceptable value.
        value: f64,
        /// Whether `value` itself is excluded.
        strict: bool,
        /// The unit of `value`.
        unit: Option<Unit>,
    },
    /// The value must stay within `low..=high`.
    Band {
        /// The lowest acceptable value.
        low: f64,
        /// The highest acceptable value.
        high: f64,
        /// The unit of both ends.
        unit: Option<Unit>,
    },
    /// The value must move this way, by no stated amount.
    Direction(Dir),
    /// One requirement per named part.
    Parts(Vec<PartRequirement>),
    /// No requirement can be derived, and why.
    None(Reason),
}

/// The requirement of one named part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartRequirement {
    /// The part's name, as printed.
    pub name: String,
    /// Its requirement.
    pub requirement: Requirement,
}

/// Resolves a target against its plan's context.
///
/// - A plain value is a floor if higher is better and a ceiling if lower is better; with no
///   `better` it is [`Reason::NoDirection`]. An explicit bound needs no `better`.
/// - A change needs the baseline: relative `p%` gives `baseline × (1 ± p/100)`, points give
///   `baseline ± p` percentage points (converted when the row is in `‰`), an absolute amount
///   gives `baseline ± amount`. An increase is a floor and a decrease a ceiling. A range of
///   changes (`新增3-5个`) resolves with its low end, the part the plan commits to.
/// - A yearly change is multiplied by `target_year − baseline_year` and then resolved as a
///   change. A yearly relative change is summed, not compounded: plans state the sum.
/// - `同比例提高` and other directions stay directions; history, empty and unreadable targets
///   give the reason they cannot be resolved.
/// - The parts of a target resolve one by one, without the row's baseline.
/// - A share of a total is a percentage (`1/3` is 33.3…%), converted into a ratio row's
///   unit; in a row of counts it is [`Reason::ShareVsCount`]. All of a set is a floor of
///   100%, or of its count where printed and the row counts.
/// - A floor for each unit is a floor on each unit's value, even when plain.
/// - A grade with no class (`4级`) is a floor on its level in `级`; with a class (`二级甲等`)
///   it has no number ([`Reason::Ordinal`]); [`crate::compare`] compares grades by rank.
/// - The baseline's own level resolves to the baseline: a floor or ceiling at it.
/// - A density (`每5万人口1个`) converts into a row's density unit; in a row of bare counts
///   of the same kind it keeps its own unit, since the row's population base is not known.
pub fn resolve(target: &Target, ctx: &Context, better: Option<Better>) -> Requirement {
    resolve_for(target, ctx, better, None)
}

/// [`resolve`], with the unit of what the target is compared with: all of a set resolves
/// to its count against a count and to 100% against a rate.
pub(crate) fn resolve_for(
    target: &Target,
    ctx: &Context,
    better: Option<Better>,
    against: Option<&Unit>,
) -> Requirement {
    match &target.form {
        Form::Empty => Requirement::None(Reason::Empty),
        Form::History { .. } => Requirement::None(Reason::History),
        Form::Unreadable { reason } => Requirement::None(Reason::Unreadable(reason.clone())),
        Form::Direction(dir) => Requirement::Direction(*dir),
        Form::Parts(parts) => {
            let part_ctx = ctx.without_baseline();
            Requirement::Parts(
                parts
                    .iter()
                    .map(|part| PartRequirement {
                        name: part.name.clone(),
                        requirement: resolve(&part.target, &part_ctx, better),
                    })
                    .collect(),
            )
        }
        Form::Value { value, unit, bound } => {
            bounded(*value, unit.as_ref(), *bound, ctx.unit.as_ref(), better)
        }
        Form::PerUnit {
            value, unit, bound, ..
        } => {
            // Each unit must have it: a plain value is a floor, whichever way is better.
            let bound = match bound {
                Bound::Plain => Bound::AtLeast { strict: false },
                other => *other,
            };
            bounded(*value, unit.as_ref(), bound, ctx.unit.as_ref(), better)
        }
        Form::Share {
            numerator,
            denominator,
            bound,
            ..
        } => {
            if ctx
                .unit
                .as_ref()
                .is_some_and(|u| u.dimension() != Dimension::Ratio)
            {
                return Requirement::None(Reason::ShareVsCount);
            }
            let percent = numerator * 100.0 / denominator;
            bounded(
                percent,
                Some(&Unit::Percent),
                *bound,
                ctx.unit.as_ref(),
                better,
            )
        }
        Form::All { count, unit, .. } => {
            let counted = |u: &Unit| {
                !matches!(u.dimension(), Dimension::Ratio) && u.dimension() != Dimension::Years
            };
            let row = against.or(ctx.unit.as_ref());
            let floor = Bound::AtLeast { strict: false };
            match (row, count) {
                (Some(row), Some(count)) if counted(row) => {
                    bounded(*count, unit.as_ref(), floor, Some(row), better)
                }
                (Some(row), None) if counted(row) => Requirement::None(Reason::ShareVsCount),
                _ => bounded(
                    100.0,
                    Some(&Unit::Percent),
                    floor,
                    ctx.unit.as_ref(),
                    better,
                ),
            }
        }
        Form::Grade {
            level,
            class: None,
            bound,
        } => {
            let bound = match bound {
                Bound::Plain => Bound::AtLeast { strict: false },
                other => *other,
            };
            let unit = Unit::Other("级".into());
            bounded(f64::from(*level), Some(&unit), bound, Some(&unit), better)
        }
        Form::Grade { .. } => Requirement::None(Reason::Ordinal),
        Form::AtBaseline { bound, from_year } => {
            if from_year.is_some_and(|year| year != ctx.baseline_year) {
                // The level of another year than the plan's baseline: not given.
                return Requirement::None(Reason::History);
            }
            match ctx.baseline_in_row_unit() {
                Ok((baseline, unit)) => bounded(baseline, unit.as_ref(), *bound, None, better),
                Err(reason) => Requirement::None(reason),
            }
        }
        Form::Range { low, high, unit } => {
            let ends = in_unit(*low, unit.as_ref(), ctx.unit.as_ref()).and_then(|(low, u)| {
                Ok((low, in_unit(*high, unit.as_ref(), ctx.unit.as_ref())?.0, u))
            });
            match ends {
                Ok((low, high, unit)) => Requirement::Band { low, high, unit },
                Err(reason) => Requirement::None(reason),
            }
        }
        Form::Change {
            amount,
            kind,
            direction,
            ..
        } => change(*amount, kind, *direction, ctx),
        Form::PerYear {
            amount,
            kind,
            direction,
            ..
        } => match ctx.years() {
            Ok(years) => change(amount * f64::from(years), kind, *direction, ctx),
            Err(reason) => Requirement::None(reason),
        },
    }
}

/// A value with its own unit and bound, in the row's unit: a floor, a ceiling, or, for a
/// plain value, whichever `better` says.
fn bounded(
    value: f64,
    own: Option<&Unit>,
    bound: Bound,
    row: Option<&Unit>,
    better: Option<Better>,
) -> Requirement {
    // A density in a row of bare counts of the same kind keeps its own unit: the row's
    // population base is in its name, which this crate does not read.
    let row = match (own, row) {
        (Some(own @ Unit::Density { count, .. }), Some(Unit::Count(label)))
            if Unit::Count(count.clone()).dimension() == Unit::Count(label.clone()).dimension() =>
        {
            Some(own)
        }
        _ => row,
    };
    let (value, unit) = match in_unit(value, own, row) {
        Ok(converted) => converted,
        Err(reason) => return Requirement::None(reason),
    };
    match (bound, better) {
        (Bound::AtLeast { strict }, _) => Requirement::Floor {
            value,
            strict,
            unit,
        },
        (Bound::AtMost { strict }, _) => Requirement::Ceiling {
            value,
            strict,
            unit,
        },
        (Bound::Plain, Some(Better::Higher)) => Requirement::Floor {
            value,
            strict: false,
            unit,
        },
        (Bound::Plain, Some(Better::Lower)) => Requirement::Ceiling {
            value,
            strict: false,
            unit,
        },
        (Bound::Plain, None) => Requirement::None(Reason::NoDirection),
    }
}

/// Resolves a change of `amount` from the context's baseline.
fn change(amount: f64, kind: &ChangeKind, direction: Dir, ctx: &Context) -> Requirement {
    let (baseline, unit) = match ctx.baseline_in_row_unit() {
        Ok(found) => found,
        Err(reason) => return Requirement::None(reason),
    };
    let delta =
        match kind {
            ChangeKind::Percent => Ok((baseline * amount / 100.0, unit)),
            // Percentage points are a difference of two percentages: in a `‰` row, 0.5 points
            // are 5‰. A row with no unit is taken to be in percent.
            ChangeKind::Points => match &unit {
                None => Ok((amount, None)),
                Some(u) => convert(amount, &Unit::Percent, u)
                    .map(|d| (d, unit.clone()))
                    .ok_or(Reason::UnitMismatch {
                        child: Unit::Percent,
                        parent: u.clone(),
                    }),
            },
            ChangeKind::Absolute(own) => match (own, &unit) {
                (Some(own), Some(row)) => convert(amount, own, row)
                    .map(|d| (d, unit.clone()))
                    .ok_or(Reason::UnitMismatch {
                        child: own.clone(),
                        parent: row.clone(),
                    }),
                (own, _) => Ok((amount, unit.clone().or_else(|| own.clone()))),
            },
        };
    let (delta, unit) = match delta {
        Ok(found) => found,
        Err(reason) => return Requirement::None(reason),
    };
    match direction {
        Dir::Up => Requirement::Floor {
            value: baseline + delta,
            strict: false,
            unit,
        },
        Dir::Down => Requirement::Ceiling {
            value: baseline - delta,
            strict: false,
            unit,
        },
        Dir::Stable => Requirement::Direction(Dir::Stable),
    }
}

/// Converts `value` from its own unit into the row's, when both are known; a value with no
/// unit is taken to be in the row's unit.
pub(crate) fn in_unit(
    value: f64,
    own: Option<&Unit>,
    row: Option<&Unit>,
) -> Result<(f64, Option<Unit>), Reason> {
    match (own, row) {
        (Some(own), Some(row)) if own != row => convert(value, own, row)
            .map(|v| (v, Some(row.clone())))
            .ok_or(Reason::UnitMismatch {
                child: own.clone(),
                parent: row.clone(),
            }),
        (own, row) => Ok((value, own.or(row).cloned())),
    }
}

/// A number for a person: at most six decimals, no trailing zeros, so that arithmetic
/// such as `54.49 − 2.5` prints as `51.99` and a small figure such as `0.00542` survives.
pub fn show_number(value: f64) -> String {
    let rounded = (value * 1_000_000.0).round() / 1_000_000.0;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    format!("{rounded}")
}

fn with_unit(value: f64, unit: Option<&Unit>) -> String {
    match unit {
        Some(u) => format!("{}{}", show_number(value), u.label()),
        None => show_number(value),
    }
}

impl Requirement {
    /// The requirement in Chinese.
    pub fn zh(&self) -> String {
        match self {
            Requirement::Floor {
                value,
                strict,
                unit,
            } => format!(
                "{}{}",
                if *strict { "高于" } else { "不低于" },
                with_unit(*value, unit.as_ref())
            ),
            Requirement::Ceiling {
                value,
                strict,
                unit,
            } => format!(
                "{}{}",
                if *strict { "低于" } else { "不高于" },
                with_unit(*value, unit.as_ref())
            ),
            Requirement::Band { low, high, unit } => format!(
                "介于{}与{}之间",
                show_number(*low),
                with_unit(*high, unit.as_ref())
            ),
            Requirement::Direction(Dir::Up) => "须上升（未给出幅度）".to_owned(),
            Requirement::Direction(Dir::Down) => "须下降（未给出幅度）".to_owned(),
            Requirement::Direction(Dir::Stable) => "须保持稳定".to_owned(),
            Requirement::Parts(parts) => parts
                .iter()
                .map(|p| format!("{}：{}", p.name, p.requirement.zh()))
                .collect::<Vec<_>>()
                .join("；"),
            Requirement::None(reason) => format!("无法换算：{}", reason.zh()),
        }
    }
}

impl std::fmt::Display for Requirement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Requirement::Floor {
                value,
                strict,
                unit,
            } => write!(
                f,
                "{} {}",
                if *strict { ">" } else { "≥" },
                with_unit(*value, unit.as_ref())
            ),
            Requirement::Ceiling {
                value,
                strict,
                unit,
            } => write!(
                f,
                "{} {}",
                if *strict { "<" } else { "≤" },
                with_unit(*value, unit.as_ref())
            ),
            Requirement::Band { low, high, unit } => write!(
                f,
                "between {} and {}",
                show_number(*low),
                with_unit(*high, unit.as_ref())
            ),
            Requirement::Direction(Dir::Up) => f.write_str("must rise (no amount given)"),
            Requirement::Direction(Dir::Down) => f.write_str("must fall (no amount given)"),
            Requirement::Direction(Dir::Stable) => f.write_str("must hold steady"),
            Requirement::Parts(parts) => {
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{}: {}", p.name, p.requirement)?;
                }
                Ok(())
            }
            Requirement::None(reason) => write!(f, "cannot resolve: {reason}"),
        }
    }
}
