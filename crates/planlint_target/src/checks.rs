//! Checks of one target against its own plan, for the rule engine: a target already met by
//! the baseline or worse than it ([`against_baseline`]), a sign that fights the indicator's
//! direction ([`sign_conflict`]), and a unit label that does not fit the value
//! ([`check_unit_label`]).

use std::fmt;

use serde::Serialize;

use crate::resolve::in_unit;
use crate::{convert, same_value, Better, Bound, Context, Form, Target, Unit};

/// What a target says about the plan's own baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum BaselineCheck {
    /// The baseline already satisfies the target's bound, so the target asks for nothing
    /// (婴儿死亡率 baseline 3.88‰, target `<10`).
    AlreadyMet {
        /// The baseline, in the row's unit.
        baseline: f64,
        /// The target's bound, in the row's unit.
        target: f64,
    },
    /// The target is worse than the baseline (空气质量优良天数比率 98.6 → 95), or moves the
    /// wrong way.
    Regresses {
        /// The baseline, in the row's unit, when known.
        baseline: Option<f64>,
        /// The target value, in the row's unit, when it has one.
        target: Option<f64>,
    },
}

impl fmt::Display for BaselineCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BaselineCheck::AlreadyMet { baseline, target } => {
                write!(
                    f,
                    "the baseline {baseline} already meets the target {target}"
                )
            }
            BaselineCheck::Regresses {
                baseline: Some(baseline),
                target: Some(target),
            } => write!(
                f,
                "the target {target} is worse than the baseline {baseline}"
            ),
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
            BaselineCheck::AlreadyMet { baseline, target } => {
                format!("基期值{baseline}已达到目标{target}，目标无约束力")
            }
            BaselineCheck::Regresses {
                baseline: Some(baseline),
                target: Some(target),
            } => format!("目标值{target}劣于基期值{baseline}"),
            BaselineCheck::Regresses { .. } => "目标相对基期向不利方向变化".to_owned(),
        }
    }
}

/// Compares a target with its own plan's baseline.
///
/// - A plain value worse than the baseline regresses.
/// - A bound on the side of `better` (a floor when higher is better, a ceiling when lower is)
///   that the baseline already satisfies is already met. A bound on the other side is a sign
///   conflict instead, see [`sign_conflict`].
/// - A change or direction against `better` regresses.
///
/// `None` when none of these applies, or when the baseline is needed and missing.
pub fn against_baseline(target: &Target, ctx: &Context, better: Better) -> Option<BaselineCheck> {
    let baseline = ctx.baseline_in_row_unit().ok();
    match &target.form {
        Form::Value { value, unit, bound } => {
            let (b, row_unit) = baseline?;
            let (v, _) = in_unit(*value, unit.as_ref(), row_unit.as_ref()).ok()?;
            let b_beats_v = match better {
                Better::Higher => b > v,
                Better::Lower => b < v,
            };
            let meets =
                |strict: bool| (same_value(b, v) && !strict) || (!same_value(b, v) && b_beats_v);
            match (bound, better) {
                (Bound::Plain, _) if b_beats_v && !same_value(b, v) => {
                    Some(BaselineCheck::Regresses {
                        baseline: Some(b),
                        target: Some(v),
                    })
                }
                (Bound::AtLeast { strict }, Better::Higher)
                | (Bound::AtMost { strict }, Better::Lower)
                    if meets(*strict) =>
                {
                    Some(BaselineCheck::AlreadyMet {
                        baseline: b,
                        target: v,
                    })
                }
                _ => None,
            }
        }
        Form::Change { direction, .. }
        | Form::PerYear { direction, .. }
        | Form::Direction(direction)
            if *direction == better.dir().opposite() =>
        {
            let b = baseline.as_ref().map(|(b, _)| *b);
            let t = match crate::resolve(target, ctx, Some(better)) {
                crate::Requirement::Floor { value, .. }
                | crate::Requirement::Ceiling { value, .. } => Some(value),
                _ => None,
            };
            Some(BaselineCheck::Regresses {
                baseline: b,
                target: t,
            })
        }
        _ => None,
    }
}

/// Whether a bound's sign fights the indicator's direction: a floor (`≥5`, `8名以上`) on a
/// lower-is-better indicator, or a ceiling (`<10`, `低于23%`) on a higher-is-better one.
/// Almost always a typo. Any part with such a bound counts.
pub fn sign_conflict(target: &Target, better: Better) -> bool {
    match &target.form {
        Form::Value { bound, .. } => matches!(
            (bound, better),
            (Bound::AtLeast { .. }, Better::Lower) | (Bound::AtMost { .. }, Better::Higher)
        ),
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
