//! Checks of one target against its own plan, for the rule engine: a target worse than the
//! baseline or already met by it ([`against_baseline`]), a sign that fights the
//! indicator's direction ([`sign_conflict`]), and a unit label that does not fit the value
//! ([`check_unit_label`]).

use std::fmt;

use serde::Serialize;

use crate::resolve::in_unit;
use crate::{
    convert, resolve, same_value, show_number, Better, Bound, Context, Dimension, Dir, Form,
    Requirement, Target, Unit,
};

/// What a target says about the plan's own baseline. See [`against_baseline`] for where
/// the line between the two is drawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum BaselineCheck {
    /// The target is worse than the baseline: the value it names lies on the worse side of
    /// where the plan starts (空气质量优良天数比率 98.6 → 95; 个人卫生支出占比 22.7 with a
    /// ceiling of 28), or it moves the wrong way.
    Regresses {
        /// The baseline, in the row's unit, when known.
        baseline: Option<f64>,
        /// The target value, in the row's unit, when it has one.
        target: Option<f64>,
        /// The target is a bound that allows ending worse (`≥90` from 98.17, `<28` from
        /// 22.7) rather than a value to reach or a change that ends worse (`95` from 98.6).
        allows_only: bool,
    },
    /// The baseline already meets the target and the target asks for no improvement: a
    /// bound or value at the baseline (`≥90` from 90), or a bound beyond it where holding
    /// the level is the sensible aim (`hold_sensible`).
    AlreadyMet {
        /// The baseline, in the row's unit.
        baseline: f64,
        /// The target's value or bound, in the row's unit.
        target: f64,
        /// Why holding the level is the sensible aim, when it is: a rule may stay quiet.
        hold_sensible: Option<HoldReason>,
    },
}

/// Why a target that asks for no improvement is sensible as it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum HoldReason {
    /// The target says to hold the level: `保持在95%以上`, `稳定在`, `维持`, `不低于现有水平`.
    HoldTarget,
    /// The baseline is at or next to the best the indicator can be: 99% or more of a
    /// higher-is-better percentage, or 0 of a lower-is-better one.
    BaselineAtBest {
        /// The best value, in the row's unit: 100 for a percentage, 0.
        best: f64,
    },
}

impl fmt::Display for HoldReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HoldReason::HoldTarget => {
                f.write_str("the target holds the level (保持, 稳定在, 维持)")
            }
            HoldReason::BaselineAtBest { best } => write!(
                f,
                "the baseline is at or next to the best possible ({})",
                show_number(*best)
            ),
        }
    }
}

impl HoldReason {
    /// The reason in Chinese.
    pub fn zh(&self) -> String {
        match self {
            HoldReason::HoldTarget => "目标本身即为保持现有水平".to_owned(),
            HoldReason::BaselineAtBest { best } => {
                format!("基期值已处于或接近最好水平（{}）", show_number(*best))
            }
        }
    }
}

impl fmt::Display for BaselineCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BaselineCheck::AlreadyMet {
                baseline,
                target,
                hold_sensible: None,
            } => write!(
                f,
                "the baseline {} already meets the target {}: no improvement is asked",
                show_number(*baseline),
                show_number(*target)
            ),
            BaselineCheck::AlreadyMet {
                baseline,
                target,
                hold_sensible: Some(reason),
            } => write!(
                f,
                "the baseline {} already meets the target {}, and holding the level is sensible: {reason}",
                show_number(*baseline),
                show_number(*target)
            ),
            BaselineCheck::Regresses {
                baseline: Some(baseline),
                target: Some(target),
                allows_only,
            } => {
                write!(
                    f,
                    "the target {} is worse than the baseline {}",
                    show_number(*target),
                    show_number(*baseline)
                )?;
                if *allows_only {
                    f.write_str(": it allows the value to end the period worse than it started")?;
                }
                Ok(())
            }
            BaselineCheck::Regresses { .. } => {
                f.write_str("the target moves the wrong way from the baseline")
            }
        }
    }
}

impl BaselineCheck {
    /// The message in Chinese.
    pub fn zh(&self) -> String {
        match self {
            BaselineCheck::AlreadyMet {
                baseline,
                target,
                hold_sensible: None,
            } => format!(
                "基期值{}已达到目标{}，目标未要求任何改进",
                show_number(*baseline),
                show_number(*target)
            ),
            BaselineCheck::AlreadyMet {
                baseline,
                target,
                hold_sensible: Some(reason),
            } => format!(
                "基期值{}已达到目标{}，以保持为目标是合理的：{}",
                show_number(*baseline),
                show_number(*target),
                reason.zh()
            ),
            BaselineCheck::Regresses {
                baseline: Some(baseline),
                target: Some(target),
                allows_only,
            } => format!(
                "目标值{}劣于基期值{}{}",
                show_number(*target),
                show_number(*baseline),
                if *allows_only {
                    "，允许规划期末水平比基期倒退"
                } else {
                    ""
                }
            ),
            BaselineCheck::Regresses { .. } => "目标相对基期向不利方向变化".to_owned(),
        }
    }
}

/// The share at or above which a higher-is-better percentage counts as at its best.
const NEAR_BEST_PERCENT: f64 = 99.0;

/// Compares a target with its own plan's baseline. The line is drawn on the value the
/// target names, against where the plan starts:
///
/// - A change or a direction the wrong way regresses.
/// - A target whose value lies strictly on the worse side of the baseline regresses: a
///   value to reach (`95` from 98.6) demands ending worse; a bound (`≥90` from 98.17, `<28`
///   from 22.7) allows it (`allows_only`). A bound beyond the baseline is already met
///   instead when holding the level is the sensible aim: the target says to hold
///   ([`Target::hold`]: `保持在95%以上` from 98), or the baseline is at or next to the best
///   ([`HoldReason::BaselineAtBest`]: 99% or more of a higher-is-better percentage, 0 of a
///   lower-is-better indicator, as 孕产妇死亡率 0 with `<20/10万`).
/// - A target at the baseline (`≥90` from 90, `90` from 90, `不低于现有水平`) is already met,
///   with the hold reason when there is one; a strict bound at it (`>90` from 90) asks for
///   improvement.
/// - A target beyond the baseline asks for improvement: `None`.
///
/// A bound on the other side of `better` (`≥5` on a mortality rate) is a sign conflict, not
/// a baseline finding ([`sign_conflict`]): `None`. So are parts, ranges and grades, and any
/// target when the baseline is needed and missing.
pub fn against_baseline(target: &Target, ctx: &Context, better: Better) -> Option<BaselineCheck> {
    let baseline = ctx.baseline_in_row_unit().ok();
    let wrong_way = match &target.form {
        Form::Change { direction, .. }
        | Form::PerYear { direction, .. }
        | Form::Direction(direction) => *direction == better.dir().opposite(),
        _ => false,
    };
    if wrong_way {
        let target = match resolve(target, ctx, Some(better)) {
            Requirement::Floor { value, .. } | Requirement::Ceiling { value, .. } => Some(value),
            _ => None,
        };
        return Some(BaselineCheck::Regresses {
            baseline: baseline.map(|(b, _)| b),
            target,
            allows_only: false,
        });
    }
    let (b, row_unit) = baseline?;
    let demands = match &target.form {
        Form::Value { bound, .. } | Form::Share { bound, .. } => *bound == Bound::Plain,
        Form::Change { .. } | Form::PerYear { .. } => true,
        Form::Direction(Dir::Stable) => {
            // Holding steady names the baseline itself.
            return Some(BaselineCheck::AlreadyMet {
                baseline: b,
                target: b,
                hold_sensible: Some(HoldReason::HoldTarget),
            });
        }
        Form::All { .. } | Form::AtBaseline { .. } | Form::PerUnit { .. } => false,
        Form::Direction(_)
        | Form::Range { .. }
        | Form::Grade { .. }
        | Form::Parts(_)
        | Form::Empty
        | Form::History { .. }
        | Form::Unreadable { .. } => return None,
    };
    let (value, strict, unit, floor) = match resolve(target, ctx, Some(better)) {
        Requirement::Floor {
            value,
            strict,
            unit,
        } => (value, strict, unit, true),
        Requirement::Ceiling {
            value,
            strict,
            unit,
        } => (value, strict, unit, false),
        _ => return None,
    };
    if floor != (better == Better::Higher) {
        return None;
    }
    let (v, _) = in_unit(value, unit.as_ref(), row_unit.as_ref()).ok()?;
    let hold = hold_reason(target, b, row_unit.as_ref(), better);
    if same_value(v, b) {
        return (!strict).then_some(BaselineCheck::AlreadyMet {
            baseline: b,
            target: v,
            hold_sensible: hold,
        });
    }
    let improves = match better {
        Better::Higher => v > b,
        Better::Lower => v < b,
    };
    if improves {
        return None;
    }
    Some(match hold {
        Some(reason) if !demands => BaselineCheck::AlreadyMet {
            baseline: b,
            target: v,
            hold_sensible: Some(reason),
        },
        _ => BaselineCheck::Regresses {
            baseline: Some(b),
            target: Some(v),
            allows_only: !demands,
        },
    })
}

/// Why holding the level is the sensible aim for `target` from baseline `b`, if it is.
fn hold_reason(target: &Target, b: f64, unit: Option<&Unit>, better: Better) -> Option<HoldReason> {
    if target.hold {
        return Some(HoldReason::HoldTarget);
    }
    match better {
        Better::Lower if same_value(b, 0.0) => Some(HoldReason::BaselineAtBest { best: 0.0 }),
        Better::Higher => {
            let unit = unit.filter(|u| u.dimension() == Dimension::Ratio)?;
            let percent = convert(b, unit, &Unit::Percent)?;
            let best = convert(100.0, &Unit::Percent, unit)?;
            (NEAR_BEST_PERCENT - 1e-9..=100.0 + 1e-9)
                .contains(&percent)
                .then_some(HoldReason::BaselineAtBest { best })
        }
        Better::Lower => None,
    }
}

/// Whether a bound's sign fights the indicator's direction: a floor (`≥5`, `8名以上`) on a
/// lower-is-better indicator, or a ceiling (`<10`, `低于23%`) on a higher-is-better one.
/// Almost always a typo. Any part with such a bound counts.
pub fn sign_conflict(target: &Target, better: Better) -> bool {
    match &target.form {
        Form::Value { bound, .. } | Form::Share { bound, .. } | Form::PerUnit { bound, .. } => {
            matches!(
                (bound, better),
                (Bound::AtLeast { .. }, Better::Lower) | (Bound::AtMost { .. }, Better::Higher)
            )
        }
        Form::Parts(parts) => parts.iter().any(|p| sign_conflict(&p.target, better)),
        _ => false,
    }
}

/// Whether a printed unit label fits the value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum UnitLabel {
    /// The value, converted from the printed unit to the canonical one, is plausible.
    Ok,
    /// Converted it is implausible, but read as the canonical unit it is plausible: the label
    /// is most likely wrong (婴儿死亡率 3.06 printed `%` is 30.6‰; read as 3.06‰ it fits).
    Mislabelled {
        /// The unit the value is most likely in.
        likely: Unit,
    },
    /// The printed unit measures something else than the canonical one.
    Incompatible,
    /// Neither reading gives a plausible value.
    Implausible,
}

/// Checks a printed unit label against the indicator's canonical unit and plausible range
/// (inclusive, in the canonical unit).
pub fn check_unit_label(
    value: f64,
    printed: &Unit,
    canonical: &Unit,
    plausible: (f64, f64),
) -> UnitLabel {
    if printed.dimension() != canonical.dimension() {
        return UnitLabel::Incompatible;
    }
    let (low, high) = if plausible.0 <= plausible.1 {
        plausible
    } else {
        (plausible.1, plausible.0)
    };
    let fits = |v: f64| v >= low && v <= high;
    match convert(value, printed, canonical) {
        Some(v) if fits(v) => UnitLabel::Ok,
        _ if printed != canonical && fits(value) => UnitLabel::Mislabelled {
            likely: canonical.clone(),
        },
        _ => UnitLabel::Implausible,
    }
}
