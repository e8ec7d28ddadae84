//! Comparing a child plan's target with its parent's: is it stricter, equal, weaker, or not
//! comparable, and what should a reviewer be told beside the verdict.
//!
//! The rules, from `docs/targets.md`:
//!
//! - Both absolute: higher-is-better wants the child's floor ≥ the parent's floor,
//!   lower-is-better wants the child's ceiling ≤ the parent's ceiling. Equal values with
//!   `<` against `≤` are [`Verdict::Equal`] with [`Note::StrictnessDiffers`], never weaker.
//!   A floor against a ceiling is [`Reason::DirectionConflict`]; the rule engine reports the
//!   sign itself ([`crate::sign_conflict`]).
//! - Both relative, of the same kind (`%` with `%`, points with points, amounts of one
//!   dimension): the amounts compare directly, no baseline needed. Two yearly changes compare
//!   per year; a yearly change against a total is summed over its own plan's years.
//! - Parent relative, child absolute: the parent's change is applied to the child's own
//!   baseline and years (the child must promise at least the same change from where it
//!   stands); with no child baseline the result is [`Reason::NoBaseline`].
//! - Otherwise (parent absolute, child relative, …) each target resolves with its own plan's
//!   context and the absolute requirements compare.
//! - Parent direction only: the child must move the same way from its own baseline. A child
//!   number that does is stricter; one that does not is weaker; an opposite direction is
//!   weaker; with no child baseline, [`Reason::NoBaseline`].
//! - Units convert within a dimension (‰, %, /万, /10万; `人` with `名`); otherwise
//!   [`Reason::UnitMismatch`].
//! - Parts: when both targets have the same part names, part against part; when only one
//!   has parts, each part against the other's single target. The verdict is the worst part's,
//!   ranking weaker, then not comparable, then equal, then stricter. Different part names are
//!   [`Reason::PartsDiffer`].
//!
//! When `better` is `None`, it is taken from the parent's target sign (`≥`, `以上`, a change
//! up or down, a direction), as `docs/targets.md` says, with [`Note::DirectionFromParent`].

use serde::Serialize;

use crate::resolve::in_unit;
use crate::{
    convert, resolve, same_value, Better, ChangeKind, Context, Dir, Form, Note, PartRequirement,
    Reason, Requirement, Side, Target, Unit,
};

/// How a child's target stands against its parent's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Verdict {
    /// The child asks for more than the parent.
    Stricter,
    /// The child asks for the same, perhaps with a note (such as `<` against `≤`).
    Equal {
        /// What differs without making the child weaker.
        note: Option<Note>,
    },
    /// The child asks for less than the parent.
    Weaker {
        /// By how much, in the parent's unit (percent of the baseline or percentage points for
        /// two relative targets); `None` when the gap has no number (a direction against a
        /// direction).
        by: Option<f64>,
    },
    /// The two cannot be compared, and why.
    NotComparable(Reason),
}

impl Verdict {
    /// Ranks verdicts from best to worst for combining parts: stricter, equal, not
    /// comparable, weaker.
    fn rank(&self) -> u8 {
        match self {
            Verdict::Stricter => 0,
            Verdict::Equal { .. } => 1,
            Verdict::NotComparable(_) => 2,
            Verdict::Weaker { .. } => 3,
        }
    }
}

/// The result of [`compare`]: the verdict, both requirements as compared, and notes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The verdict.
    pub verdict: Verdict,
    /// The child's requirement, resolved with the child's context.
    pub child: Requirement,
    /// The parent's requirement as compared: with the parent's context, or with the child's
    /// baseline when a parent change was applied to it ([`Note::ParentChangeOnChildBaseline`]).
    pub parent: Requirement,
    /// What a reviewer should see beside the verdict, without repeats.
    pub notes: Vec<Note>,
}

/// Compares a child plan's target with its parent's. See the module documentation for the
/// rules.
pub fn compare(
    child: &Target,
    child_ctx: &Context,
    parent: &Target,
    parent_ctx: &Context,
    better: Option<Better>,
) -> Comparison {
    let mut notes = Vec::new();
    let better = better.or_else(|| {
        let inferred = better_from(parent);
        if inferred.is_some() {
            notes.push(Note::DirectionFromParent);
        }
        inferred
    });
    let mut comparison = match (&child.form, &parent.form) {
        (Form::Parts(_), _) | (_, Form::Parts(_)) => {
            compare_parts(child, child_ctx, parent, parent_ctx, better)
        }
        _ => compare_single(child, child_ctx, parent, parent_ctx, better),
    };
    notes.append(&mut comparison.notes);
    comparison.notes = dedup(notes);
    comparison
}

/// Whether higher or lower is better, from the parent's own target.
fn better_from(target: &Target) -> Option<Better> {
    let dir = match &target.form {
        Form::Value { bound, .. } => match bound {
            crate::Bound::AtLeast { .. } => Dir::Up,
            crate::Bound::AtMost { .. } => Dir::Down,
            crate::Bound::Plain => return None,
        },
        Form::Change { direction, .. } | Form::PerYear { direction, .. } => *direction,
        Form::Direction(dir) => *dir,
        Form::Parts(parts) => {
            let mut found = parts.iter().map(|p| better_from(&p.target));
            let first = found.next()??;
            return found.all(|b| b == Some(first)).then_some(first);
        }
        _ => return None,
    };
    match dir {
        Dir::Up => Some(Better::Higher),
        Dir::Down => Some(Better::Lower),
        Dir::Stable => None,
    }
}

fn flag_notes(target: &Target, side: Side, notes: &mut Vec<Note>) {
    if target.approx {
        notes.push(Note::Approx(side));
    }
    if target.strive {
        notes.push(Note::Strive(side));
    }
}

fn dedup(notes: Vec<Note>) -> Vec<Note> {
    let mut out: Vec<Note> = Vec::with_capacity(notes.len());
    for note in notes {
        if !out.contains(&note) {
            out.push(note);
        }
    }
    out
}

fn compare_parts(
    child: &Target,
    child_ctx: &Context,
    parent: &Target,
    parent_ctx: &Context,
    better: Option<Better>,
) -> Comparison {
    let child_part_ctx = child_ctx.without_baseline();
    let parent_part_ctx = parent_ctx.without_baseline();
    let mut results: Vec<(String, Comparison)> = Vec::new();
    let mut notes = Vec::new();
    match (&child.form, &parent.form) {
        (Form::Parts(cp), Form::Parts(pp)) => {
            let mut child_names: Vec<String> = cp.iter().map(|p| p.name.clone()).collect();
            let mut parent_names: Vec<String> = pp.iter().map(|p| p.name.clone()).collect();
            child_names.sort();
            parent_names.sort();
            if child_names != parent_names {
                return Comparison {
                    verdict: Verdict::NotComparable(Reason::PartsDiffer {
                        child: child_names,
                        parent: parent_names,
                    }),
                    child: resolve(child, child_ctx, better),
                    parent: resolve(parent, parent_ctx, better),
                    notes,
                };
            }
            for ppart in pp {
                if let Some(cpart) = cp.iter().find(|c| c.name == ppart.name) {
                    let result = compare(
                        &cpart.target,
                        &child_part_ctx,
                        &ppart.target,
                        &parent_part_ctx,
                        better,
                    );
                    results.push((ppart.name.clone(), result));
                }
            }
        }
        (Form::Parts(cp), _) => {
            notes.push(Note::PartsAgainstWhole);
            for cpart in cp {
                let result = compare(&cpart.target, &child_part_ctx, parent, parent_ctx, better);
                results.push((cpart.name.clone(), result));
            }
        }
        (_, Form::Parts(pp)) => {
            notes.push(Note::PartsAgainstWhole);
            for ppart in pp {
                let result = compare(child, child_ctx, &ppart.target, &parent_part_ctx, better);
                results.push((ppart.name.clone(), result));
            }
        }
        _ => return compare_single(child, child_ctx, parent, parent_ctx, better),
    }

    let mut verdict = Verdict::Equal { note: None };
    let mut first = true;
    let mut child_reqs = Vec::new();
    let mut parent_reqs = Vec::new();
    for (name, result) in results {
        let worse = result.verdict.rank() > verdict.rank()
            || match (&result.verdict, &verdict) {
                (Verdict::Weaker { by: Some(a) }, Verdict::Weaker { by: Some(b) }) => a > b,
                _ => false,
            };
        if first || worse {
            verdict = result.verdict;
            first = false;
        }
        notes.extend(result.notes);
        child_reqs.push(PartRequirement {
            name: name.clone(),
            requirement: result.child,
        });
        parent_reqs.push(PartRequirement {
            name,
            requirement: result.parent,
        });
    }
    // A whole target compared with parts is shown once, not once per part.
    let child_req = match &child.form {
        Form::Parts(_) => Requirement::Parts(child_reqs),
        _ => resolve(child, child_ctx, better),
    };
    let parent_req = match &parent.form {
        Form::Parts(_) => Requirement::Parts(parent_reqs),
        _ => resolve(parent, parent_ctx, better),
    };
    Comparison {
        verdict,
        child: child_req,
        parent: parent_req,
        notes,
    }
}

/// A relative target: its amount, kind and direction, and whether it is per year.
struct Relative<'a> {
    amount: f64,
    kind: &'a ChangeKind,
    direction: Dir,
    per_year: bool,
}

fn relative(target: &Target) -> Option<Relative<'_>> {
    match &target.form {
        Form::Change {
            amount,
            kind,
            direction,
            ..
        } => Some(Relative {
            amount: *amount,
            kind,
            direction: *direction,
            per_year: false,
        }),
        Form::PerYear {
            amount,
            kind,
            direction,
            ..
        } => Some(Relative {
            amount: *amount,
            kind,
            direction: *direction,
            per_year: true,
        }),
        _ => None,
    }
}

fn compare_single(
    child: &Target,
    child_ctx: &Context,
    parent: &Target,
    parent_ctx: &Context,
    better: Option<Better>,
) -> Comparison {
    let mut notes = Vec::new();
    flag_notes(child, Side::Child, &mut notes);
    flag_notes(parent, Side::Parent, &mut notes);
    let child_req = resolve(child, child_ctx, better);
    let mut parent_req = resolve(parent, parent_ctx, better);

    let verdict = match (relative(child), relative(parent)) {
        (Some(c), Some(p)) => {
            match compare_relative(&c, child_ctx, &p, parent_ctx, better, &mut notes) {
                Some(verdict) => verdict,
                None => {
                    per_year_notes(child, child_ctx, Side::Child, &child_req, &mut notes);
                    per_year_notes(parent, parent_ctx, Side::Parent, &parent_req, &mut notes);
                    compare_requirements(&child_req, &parent_req, child_ctx, &mut notes)
                }
            }
        }
        (None, Some(_)) if matches!(child.form, Form::Value { .. } | Form::Range { .. }) => {
            // The parent's change, applied to where the child stands.
            parent_req = resolve(parent, child_ctx, better);
            if !matches!(parent_req, Requirement::None(_)) {
                notes.push(Note::ParentChangeOnChildBaseline);
            }
            per_year_notes(parent, child_ctx, Side::Parent, &parent_req, &mut notes);
            compare_requirements(&child_req, &parent_req, child_ctx, &mut notes)
        }
        _ => {
            per_year_notes(child, child_ctx, Side::Child, &child_req, &mut notes);
            per_year_notes(parent, parent_ctx, Side::Parent, &parent_req, &mut notes);
            compare_requirements(&child_req, &parent_req, child_ctx, &mut notes)
        }
    };
    Comparison {
        verdict,
        child: child_req,
        parent: parent_req,
        notes,
    }
}

fn per_year_notes(
    target: &Target,
    ctx: &Context,
    side: Side,
    req: &Requirement,
    notes: &mut Vec<Note>,
) {
    if let (Form::PerYear { .. }, Ok(years)) = (&target.form, ctx.years()) {
        if !matches!(req, Requirement::None(_)) {
            notes.push(Note::PerYearSummed { side, years });
        }
    }
}

/// Two relative targets of the same kind, compared by amount. `None` when the kinds differ
/// (`%` against points), so the caller resolves both against their baselines instead.
fn compare_relative(
    c: &Relative<'_>,
    child_ctx: &Context,
    p: &Relative<'_>,
    parent_ctx: &Context,
    better: Option<Better>,
    notes: &mut Vec<Note>,
) -> Option<Verdict> {
    let mut child_amount = match (c.kind, p.kind) {
        (ChangeKind::Percent, ChangeKind::Percent) | (ChangeKind::Points, ChangeKind::Points) => {
            c.amount
        }
        (ChangeKind::Absolute(cu), ChangeKind::Absolute(pu)) => match (cu, pu) {
            (Some(cu), Some(pu)) if cu != pu => match convert(c.amount, cu, pu) {
                Some(amount) => {
                    notes.push(Note::Converted {
                        side: Side::Child,
                        from: cu.clone(),
                        to: pu.clone(),
                    });
                    amount
                }
                None => {
                    return Some(Verdict::NotComparable(Reason::UnitMismatch {
                        child: cu.clone(),
                        parent: pu.clone(),
                    }))
                }
            },
            _ => c.amount,
        },
        _ => return None,
    };
    let mut parent_amount = p.amount;
    if c.per_year != p.per_year {
        // One yearly, one total: sum the yearly one over its own plan's years.
        let (ctx, side) = if c.per_year {
            (child_ctx, Side::Child)
        } else {
            (parent_ctx, Side::Parent)
        };
        let years = match ctx.years() {
            Ok(years) => years,
            Err(reason) => return Some(Verdict::NotComparable(reason)),
        };
        notes.push(Note::PerYearSummed { side, years });
        if c.per_year {
            child_amount *= f64::from(years);
        } else {
            parent_amount *= f64::from(years);
        }
    }
    let good = better.map_or(p.direction, Better::dir);
    let signed = |amount: f64, dir: Dir| if dir == good { amount } else { -amount };
    let c_signed = signed(child_amount, c.direction);
    let p_signed = signed(parent_amount, p.direction);
    Some(if same_value(c_signed, p_signed) {
        Verdict::Equal { note: None }
    } else if c_signed > p_signed {
        Verdict::Stricter
    } else {
        Verdict::Weaker {
            by: Some(p_signed - c_signed),
        }
    })
}

/// Converts a child value into the parent's unit, noting a conversion.
fn to_parent_unit(
    value: f64,
    child_unit: Option<&Unit>,
    parent_unit: Option<&Unit>,
    notes: &mut Vec<Note>,
) -> Result<f64, Reason> {
    let (converted, _) = in_unit(value, child_unit, parent_unit)?;
    if let (Some(from), Some(to)) = (child_unit, parent_unit) {
        if from != to {
            notes.push(Note::Converted {
                side: Side::Child,
                from: from.clone(),
                to: to.clone(),
            });
        }
    }
    Ok(converted)
}

fn compare_requirements(
    child: &Requirement,
    parent: &Requirement,
    child_ctx: &Context,
    notes: &mut Vec<Note>,
) -> Verdict {
    use Requirement as R;
    let result = match (child, parent) {
        (_, R::None(reason)) | (R::None(reason), _) => Err(reason.clone()),
        (R::Parts(_), _) | (_, R::Parts(_)) => Err(Reason::PartsDiffer {
            child: Vec::new(),
            parent: Vec::new(),
        }),
        (
            R::Floor {
                value: c,
                strict: cs,
                unit: cu,
            },
            R::Floor {
                value: p,
                strict: ps,
                unit: pu,
            },
        ) => to_parent_unit(*c, cu.as_ref(), pu.as_ref(), notes).map(|c| floors(c, *cs, *p, *ps)),
        (
            R::Ceiling {
                value: c,
                strict: cs,
                unit: cu,
            },
            R::Ceiling {
                value: p,
                strict: ps,
                unit: pu,
            },
        ) => to_parent_unit(*c, cu.as_ref(), pu.as_ref(), notes).map(|c| ceilings(c, *cs, *p, *ps)),
        (R::Floor { .. }, R::Ceiling { .. }) | (R::Ceiling { .. }, R::Floor { .. }) => {
            Err(Reason::DirectionConflict)
        }
        (
            R::Band { low, unit: cu, .. },
            R::Floor {
                value: p,
                strict: ps,
                unit: pu,
            },
        ) => {
            to_parent_unit(*low, cu.as_ref(), pu.as_ref(), notes).map(|c| floors(c, false, *p, *ps))
        }
        (
            R::Band { high, unit: cu, .. },
            R::Ceiling {
                value: p,
                strict: ps,
                unit: pu,
            },
        ) => to_parent_unit(*high, cu.as_ref(), pu.as_ref(), notes)
            .map(|c| ceilings(c, false, *p, *ps)),
        (
            R::Band {
                low: cl,
                high: ch,
                unit: cu,
            },
            R::Band {
                low: pl,
                high: ph,
                unit: pu,
            },
        ) => to_parent_unit(*cl, cu.as_ref(), pu.as_ref(), notes).and_then(|cl| {
            let ch = to_parent_unit(*ch, cu.as_ref(), pu.as_ref(), notes)?;
            Ok(bands(cl, ch, *pl, *ph))
        }),
        (R::Floor { .. } | R::Ceiling { .. }, R::Band { .. }) => Err(Reason::RangeVsBound),
        (R::Direction(c), R::Direction(p)) => Ok(directions(*c, *p)),
        (R::Direction(c), R::Floor { .. }) => direction_against_number(*c, Dir::Up),
        (R::Direction(c), R::Ceiling { .. }) => direction_against_number(*c, Dir::Down),
        (R::Direction(_), R::Band { .. }) => Err(Reason::DirectionOnly),
        (number, R::Direction(p)) => number_against_direction(number, *p, child_ctx),
    };
    result.unwrap_or_else(Verdict::NotComparable)
}

fn floors(c: f64, c_strict: bool, p: f64, p_strict: bool) -> Verdict {
    if same_value(c, p) {
        Verdict::Equal {
            note: (c_strict != p_strict).then_some(Note::StrictnessDiffers),
        }
    } else if c > p {
        Verdict::Stricter
    } else {
        Verdict::Weaker { by: Some(p - c) }
    }
}

fn ceilings(c: f64, c_strict: bool, p: f64, p_strict: bool) -> Verdict {
    if same_value(c, p) {
        Verdict::Equal {
            note: (c_strict != p_strict).then_some(Note::StrictnessDiffers),
        }
    } else if c < p {
        Verdict::Stricter
    } else {
        Verdict::Weaker { by: Some(c - p) }
    }
}

fn bands(cl: f64, ch: f64, pl: f64, ph: f64) -> Verdict {
    let low_same = same_value(cl, pl);
    let high_same = same_value(ch, ph);
    let low_ok = low_same || cl > pl;
    let high_ok = high_same || ch < ph;
    if low_same && high_same {
        Verdict::Equal { note: None }
    } else if low_ok && high_ok {
        Verdict::Stricter
    } else {
        let below = if low_ok { 0.0 } else { pl - cl };
        let above = if high_ok { 0.0 } else { ch - ph };
        Verdict::Weaker {
            by: Some(below.max(above)),
        }
    }
}

fn directions(child: Dir, parent: Dir) -> Verdict {
    match (child, parent) {
        (c, p) if c == p => Verdict::Equal { note: None },
        (_, Dir::Stable) => Verdict::NotComparable(Reason::DirectionOnly),
        _ => Verdict::Weaker { by: None },
    }
}

/// A child that gives only a direction, against a parent number that asks for `asked`.
fn direction_against_number(child: Dir, asked: Dir) -> Result<Verdict, Reason> {
    if child == asked.opposite() {
        Ok(Verdict::Weaker { by: None })
    } else {
        Err(Reason::DirectionOnly)
    }
}

/// A child number against a parent that gives only a direction: the child must move that
/// way from its own baseline.
fn number_against_direction(
    child: &Requirement,
    parent: Dir,
    ctx: &Context,
) -> Result<Verdict, Reason> {
    use Requirement as R;
    if parent == Dir::Stable {
        return Err(Reason::DirectionOnly);
    }
    let (baseline, baseline_unit) = ctx.baseline_in_row_unit()?;
    let child_unit = match child {
        R::Floor { unit, .. } | R::Ceiling { unit, .. } | R::Band { unit, .. } => unit.as_ref(),
        _ => None,
    };
    let (b, _) = in_unit(baseline, baseline_unit.as_ref(), child_unit)?;
    // How far the child's bound moves from the baseline, positive in the parent's direction.
    let (moved, strict) = match (child, parent) {
        (R::Floor { value, strict, .. }, Dir::Up) => (value - b, *strict),
        (R::Ceiling { value, strict, .. }, Dir::Down) => (b - value, *strict),
        (R::Band { low, .. }, Dir::Up) => (low - b, false),
        (R::Band { high, .. }, Dir::Down) => (b - high, false),
        (R::Floor { .. } | R::Ceiling { .. }, _) => return Err(Reason::DirectionConflict),
        _ => return Err(Reason::DirectionOnly),
    };
    Ok(if same_value(b + moved, b) {
        if strict {
            Verdict::Stricter
        } else {
            Verdict::Weaker { by: Some(0.0) }
        }
    } else if moved > 0.0 {
        Verdict::Stricter
    } else {
        Verdict::Weaker { by: Some(-moved) }
    })
}
