//! A row's baseline from wherever the plan states it, and how the row's target stands
//! against it.
//!
//! The table's baseline column is one source. The previous period's completion table (its
//! 2020 actual, where the previous period ends in the baseline year) and the values the
//! text states (2020年全县人均预期寿命达到78.2岁, `baselines_in_text`) are others. Where the
//! table prints no baseline, the first other source is adopted — so a relative target
//! resolves and a target can be judged against where the plan starts — and the source is
//! kept, so a message can say where the figure comes from. Where the table prints one and
//! another source says otherwise (beyond rounding), that is a finding of its own.

use crate::World;
use planlint_model::{Cap, Plan, Reading, RowReader};
use planlint_target::{against_baseline, convert, BaselineCheck, HoldReason, Unit};

/// Where a baseline value is stated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The indicator table's baseline column.
    Table,
    /// The previous period's completion table: the row's actual.
    Previous(usize),
    /// A value stated in the text (`baselines_in_text`).
    Text(usize),
}

impl Origin {
    /// The name scripts use: `table`, `previous`, `text`.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Table => "table",
            Origin::Previous(_) => "previous",
            Origin::Text(_) => "text",
        }
    }
}

/// A baseline value a plan states outside its table, in the row's unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Stated {
    pub value: f64,
    /// The value as printed.
    pub printed: planlint_model::Printed,
    pub origin: Origin,
}

/// A row's baselines: the values stated outside the table, and which of them the row's
/// reading adopted (where the table prints none).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Baselines {
    pub stated: Vec<Stated>,
    /// The origin of the baseline the row is read with, when it is not the table's.
    pub adopted: Option<Origin>,
}

/// Why a target that asks for no improvement, or merely caps the value, is sensible as it
/// is: a finding about it would be noise in a review opinion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quiet {
    /// The target says to hold the level (保持, 稳定在, 维持, 不低于现有水平).
    HoldTarget,
    /// The baseline is at or next to the best possible (≥99% of a higher-is-better
    /// percentage, 0 of a lower-is-better rate).
    AtBest,
    /// A cap on a rare event or a prevalence the catalog marks so.
    Cap(Cap),
    /// The target is the same as the ancestor's for the indicator (">90 → >90").
    AsParent,
}

impl Quiet {
    /// The name scripts use.
    pub fn name(self) -> &'static str {
        match self {
            Quiet::HoldTarget => "hold-target",
            Quiet::AtBest => "at-best",
            Quiet::Cap(Cap::RareEvent) => "rare-event",
            Quiet::Cap(Cap::Prevalence) => "prevalence",
            Quiet::Cap(Cap::ControlLine) => "control-line",
            Quiet::AsParent => "as-parent",
        }
    }
}

/// How a row's target stands against the plan's own baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct BaselineVerdict {
    pub check: BaselineCheck,
    /// Why holding the level is the sensible aim, when it is.
    pub quiet: Option<Quiet>,
    /// Where the baseline comes from.
    pub origin: Origin,
}

/// The baselines plan `plan` states outside its table for each of its rows (`rows`, read),
/// and the rows' readings with an adopted baseline where the table gives none.
pub(crate) fn gather(plan: &Plan, rows: &mut [Reading], reader: &mut RowReader) -> Vec<Baselines> {
    let mut out = vec![Baselines::default(); rows.len()];
    if rows.is_empty() {
        return out;
    }
    let baseline_year = plan.baseline_year();
    let mut found: Vec<(String, f64, Option<Unit>, planlint_model::Printed, Origin)> = Vec::new();
    if let Some(previous) = &plan.previous_period {
        let ends = previous.period.as_ref().map(|p| p.value.end);
        if ends.is_some() && ends == baseline_year {
            for (i, row) in previous.indicators.iter().enumerate() {
                let Some(actual) = &row.actual else { continue };
                let (key, value) = reader.value(
                    &row.name.value,
                    row.id.as_ref().map(|s| s.value.as_str()),
                    row.unit.as_ref().map(|s| s.value.as_str()),
                    &actual.value,
                );
                if let Some((value, unit)) = value {
                    found.push((key, value, unit, actual.value.clone(), Origin::Previous(i)));
                }
            }
        }
    }
    for (i, stated) in plan.baselines_in_text.iter().enumerate() {
        let year = stated.year.as_ref().map(|y| y.value).or(baseline_year);
        if year.is_none() || year != baseline_year {
            continue;
        }
        let (key, value) = reader.value(
            &stated.name.value,
            stated.id.as_ref().map(|s| s.value.as_str()),
            stated.unit.as_ref().map(|s| s.value.as_str()),
            &stated.value.value,
        );
        if let Some((value, unit)) = value {
            found.push((
                key,
                value,
                unit,
                stated.value.value.clone(),
                Origin::Text(i),
            ));
        }
    }
    if found.is_empty() {
        return out;
    }
    for (reading, baselines) in rows.iter_mut().zip(out.iter_mut()) {
        for (key, value, unit, printed, origin) in &found {
            if *key != reading.key {
                continue;
            }
            // In the row's unit, where both are known; a unit of another quantity is no
            // baseline of this row.
            let value = match (unit, &reading.unit) {
                (Some(from), Some(to)) if from != to => match convert(*value, from, to) {
                    Some(v) => v,
                    None => continue,
                },
                _ => *value,
            };
            baselines.stated.push(Stated {
                value,
                printed: printed.clone(),
                origin: *origin,
            });
        }
        // The table prints no baseline (or only a dash): adopt the first stated one, the
        // completion table's before the text's.
        if reading.baseline_printed.is_none() || reading.baseline.is_none() {
            let empty = reading
                .baseline_printed
                .as_ref()
                .is_none_or(|t| matches!(t.form, planlint_target::Form::Empty));
            if empty {
                if let Some(first) = baselines.stated.iter().min_by_key(|s| match s.origin {
                    Origin::Table => 0,
                    Origin::Previous(_) => 1,
                    Origin::Text(_) => 2,
                }) {
                    reading.baseline = Some(first.value);
                    reading.context.baseline = Some(first.value);
                    baselines.adopted = Some(first.origin);
                }
            }
        }
    }
    out
}

/// Whether two printed figures of one quantity disagree beyond the rounding of the less
/// precise one (80.78 and 80.8 agree; 80.78 and 79 do not).
pub fn disagree(a: f64, a_printed: &str, b: f64, b_printed: &str) -> bool {
    let decimals = |printed: &str| -> i32 {
        let digits: String = printed
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        digits
            .split_once('.')
            .map_or(0, |(_, frac)| frac.len() as i32)
    };
    let places = decimals(a_printed).min(decimals(b_printed));
    let tolerance = 0.5 * 10f64.powi(-places) + 1e-9;
    (a - b).abs() > tolerance
}

impl World {
    /// The baselines row `r` of plan `p` states outside its table.
    pub fn baselines(&self, p: usize, r: usize) -> &Baselines {
        &self.baselines[p][r]
    }

    /// The baselines row `r` of plan `p` states elsewhere that disagree with the one it is
    /// read with (the table's, or the one adopted where the table has none), beyond rounding.
    /// A row whose unit label does not fit its values (unit-mismatch's) is not compared:
    /// its figures would be converted from a unit it does not mean.
    pub fn baseline_conflicts(&self, p: usize, r: usize) -> Vec<&Stated> {
        if !self.unit_label_fits(p, r) {
            return Vec::new();
        }
        let baselines = &self.baselines[p][r];
        let (value, printed): (f64, planlint_model::Printed) = match baselines.adopted {
            Some(origin) => {
                let Some(adopted) = baselines.stated.iter().find(|s| s.origin == origin) else {
                    return Vec::new();
                };
                (adopted.value, adopted.printed.clone())
            }
            None => match (self.readings[p][r].baseline, &self.row(p, r).baseline) {
                (Some(value), Some(printed)) => (value, printed.value.clone()),
                _ => return Vec::new(),
            },
        };
        baselines
            .stated
            .iter()
            .filter(|s| Some(s.origin) != baselines.adopted)
            .filter(|s| disagree(value, &printed, s.value, &s.printed))
            .collect()
    }

    /// How row `r` of plan `p` stands against the plan's own baseline (the table's, or one
    /// adopted from elsewhere): `None` where the target is not judged against it (no
    /// baseline, no direction, a target that improves on it).
    pub fn baseline_verdict(&self, p: usize, r: usize) -> Option<BaselineVerdict> {
        let reading = &self.readings[p][r];
        let better = reading.better?;
        let check = against_baseline(&reading.target, &reading.context, better)?;
        let hold = match &check {
            BaselineCheck::AlreadyMet { hold_sensible, .. } => hold_sensible.as_ref(),
            BaselineCheck::Regresses { .. } => None,
        };
        let cap = reading
            .matched
            .and_then(|m| self.catalog.entry(m.entry).cap.as_ref())
            .map(|c| c.value);
        let quiet = match hold {
            Some(HoldReason::HoldTarget) => Some(Quiet::HoldTarget),
            Some(HoldReason::BaselineAtBest { .. }) => Some(Quiet::AtBest),
            None if reading.target.hold => Some(Quiet::HoldTarget),
            None => cap
                .map(Quiet::Cap)
                .or_else(|| self.as_parent(p, r).then_some(Quiet::AsParent)),
        };
        Some(BaselineVerdict {
            check,
            quiet,
            origin: self.baselines[p][r].adopted.unwrap_or(Origin::Table),
        })
    }

    /// Whether row `r` of plan `p` sets the same target as the ancestor's row it carries.
    fn as_parent(&self, p: usize, r: usize) -> bool {
        self.pairs(p).iter().any(|pair| {
            pair.row() == Some(r) && {
                let (a, ar) = pair.wanted();
                let theirs = &self.readings[a][ar].target;
                let ours = &self.readings[p][r].target;
                !matches!(theirs.form, planlint_target::Form::Empty) && ours.reads_as(theirs)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::disagree;

    #[test]
    fn figures_agree_within_the_rounding_of_the_less_precise() {
        assert!(!disagree(80.78, "80.78", 80.8, "80.8"));
        assert!(!disagree(3.6, "3.6", 3.6, "3.60"));
        assert!(disagree(80.78, "80.78", 79.0, "79"));
        assert!(disagree(3.7, "3.7", 3.8, "3.8"));
        assert!(!disagree(98.0, "98", 98.4, "98.4"));
        assert!(disagree(98.0, "98", 98.6, "98.6"));
    }
}
