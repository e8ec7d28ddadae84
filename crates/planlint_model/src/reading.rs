//! A plan's rows read for comparison: the target parsed, the baseline as a number, the
//! unit, the catalog entry, and the context (baseline and years) that relative targets
//! resolve with.
//!
//! This is where the printed plan meets the target arithmetic of `planlint_target`. The
//! rule engine compares [`Reading`]s; `planlint show` prints them so that a person can see
//! how every row was understood.

use crate::catalog::{Catalog, Direction, Match};
use crate::names::simplify;
use crate::plan::{Indicator, Plan, TextTarget};
use planlint_target::{parse, parse_unit, Better, Bound, Context, Form, Requirement, Target, Unit};

/// One row, read.
#[derive(Clone, Debug)]
pub struct Reading {
    /// The target as parsed; `Form::Empty` where the row has none.
    pub target: Target,
    /// The baseline as a number, where the plan prints a plain number.
    pub baseline: Option<f64>,
    /// The baseline as parsed, where the row prints one (it may be a bound: `>90`).
    pub baseline_printed: Option<Target>,
    /// The row's unit.
    pub unit: Option<Unit>,
    /// The catalog entry the row's name matched, if any.
    pub matched: Option<Match>,
    /// Which way is better: from the catalog.
    pub better: Option<Better>,
    /// The baseline and years the target resolves with.
    pub context: Context,
}

impl Reading {
    /// The target as an absolute requirement on the value, or why it is not one.
    pub fn requirement(&self) -> Requirement {
        planlint_target::resolve(&self.target, &self.context, self.better)
    }
}

/// Converts a catalog direction to the target crate's.
pub fn better(direction: Direction) -> Better {
    match direction {
        Direction::Higher => Better::Higher,
        Direction::Lower => Better::Lower,
    }
}

/// Reads a table row of `plan`.
pub fn read_row(plan: &Plan, row: &Indicator, catalog: &Catalog) -> Reading {
    read(
        plan,
        &row.name.value,
        row.id.as_ref().map(|s| s.value.as_str()),
        row.unit.as_ref().map(|s| s.value.as_str()),
        row.baseline.as_ref().map(|s| s.value.as_str()),
        row.target.as_ref().map(|s| s.value.as_str()),
        None,
        catalog,
    )
}

/// Reads a target stated in the text of `plan`; it has no baseline of its own.
pub fn read_text_target(plan: &Plan, target: &TextTarget, catalog: &Catalog) -> Reading {
    read(
        plan,
        &target.name.value,
        target.id.as_ref().map(|s| s.value.as_str()),
        target.unit.as_ref().map(|s| s.value.as_str()),
        None,
        Some(target.target.value.as_str()),
        target.year.as_ref().map(|y| y.value),
        catalog,
    )
}

/// Parses a printed value. Traditional characters are read as their simplified forms
/// (`全覆蓋` is `全覆盖`), while `raw` keeps the text as the plan printed it.
pub fn parse_printed(text: &str) -> Target {
    let mut target = parse(&simplify(text));
    if matches!(target.form, Form::Unreadable { .. }) {
        // The reason quotes the text; quote it as the plan printed it.
        let as_printed = parse(text);
        if matches!(as_printed.form, Form::Unreadable { .. }) {
            target = as_printed;
        }
    }
    target.raw = text.to_string();
    target
}

#[allow(clippy::too_many_arguments)]
fn read(
    plan: &Plan,
    name: &str,
    id: Option<&str>,
    unit: Option<&str>,
    baseline: Option<&str>,
    target: Option<&str>,
    year: Option<i32>,
    catalog: &Catalog,
) -> Reading {
    let matched = catalog.lookup(name, id);
    let entry = matched.map(|m| catalog.entry(m.entry));
    let unit = unit.and_then(parse_unit);
    let baseline_printed = baseline.map(parse_printed);
    let (baseline, baseline_unit) = match baseline_printed.as_ref().map(|t| &t.form) {
        Some(Form::Value {
            value,
            unit,
            bound: Bound::Plain,
        }) => (Some(*value), unit.clone()),
        _ => (None, None),
    };
    let target_year = year.or(plan.target_year()).unwrap_or(2025);
    let baseline_year = plan.baseline_year().unwrap_or(target_year - 5);
    let mut context = Context::new(baseline_year, target_year);
    context.baseline = baseline;
    context.unit = unit.clone();
    // A baseline printed with its own unit (`80.1%` in a `%` row) keeps it only where it
    // differs from the row's, as the context expects.
    if baseline_unit.is_some() && baseline_unit != unit {
        context.baseline_unit = baseline_unit;
    }
    Reading {
        target: parse_printed(target.unwrap_or("")),
        baseline,
        baseline_printed,
        unit,
        matched,
        better: entry
            .and_then(|e| e.direction.as_ref())
            .map(|d| better(d.value)),
        context,
    }
}
