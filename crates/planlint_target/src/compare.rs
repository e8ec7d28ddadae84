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

use crate::resolve::{in_unit, resolve_for};
use crate::{
    convert, resolve, same_value, Better, ChangeKind, Context, Dimension, Dir, Form, Note,
    PartRequirement, Reason, Requirement, Side, Target, Unit,
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
        Form::Value { bound, .. }
        | Form::Share { bound, .. }
        | Form::PerUnit { bound, .. }
        | Form::AtBaseline { bound, .. } => match bound {
            crate::Bound::AtLeast { .. } => Dir::Up,
            crate::Bound::AtMost { .. } => Dir::Down,
            crate::Bound::Plain => return None,
        },
        Form::Change { direction, .. } | Form::PerYear { direction, .. } => *direction,
        Form::Direction(dir) => *dir,
        // Covering all of a set, or reaching a grade, is more of a good thing.
        Form::All { .. } | Form::Grade { .. } => Dir::Up,
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
    let (child_req, mut parent_req) = resolve_both(child, child_ctx, parent, parent_ctx, better);
    for (target, side) in [(child, Side::Child), (parent, Side::Parent)] {
        if matches!(
            target.form,
            Form::Change { up_to: Some(_), .. } | Form::PerYear { up_to: Some(_), .. }
        ) {
            notes.push(Note::LowEnd(side));
        }
    }

    let verdict = if let Some(verdict) = compare_grades(child, child_ctx, parent, parent_ctx) {
        verdict
    } else if let Some(reason) = sets_differ(child, &child_req, parent, &parent_req) {
        Verdict::NotComparable(reason)
    } else {
        match (relative(child), relative(parent)) {
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
            (None, Some(_)) if is_level(&child.form) => {
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
        }
    };
    Comparison {
        verdict,
        child: child_req,
        parent: parent_req,
        notes,
    }
}

/// Whether a form names a level to reach (rather than a change or a direction).
fn is_level(form: &Form) -> bool {
    matches!(
        form,
        Form::Value { .. }
            | Form::Range { .. }
            | Form::Share { .. }
            | Form::All { .. }
            | Form::AtBaseline { .. }
    )
}

/// Resolves both targets, each in its own plan's context; all of a set resolves in the
/// terms of the other target (its count against a count, 100% against a rate).
fn resolve_both(
    child: &Target,
    child_ctx: &Context,
    parent: &Target,
    parent_ctx: &Context,
    better: Option<Better>,
) -> (Requirement, Requirement) {
    let is_all = |t: &Target| matches!(t.form, Form::All { .. });
    match (is_all(child), is_all(parent)) {
        (true, false) => {
            let parent_req = resolve(parent, parent_ctx, better);
            let child_req = resolve_for(child, child_ctx, better, requirement_unit(&parent_req));
            (child_req, parent_req)
        }
        (false, true) => {
            let child_req = resolve(child, child_ctx, better);
            let parent_req = resolve_for(parent, parent_ctx, better, requirement_unit(&child_req));
            (child_req, parent_req)
        }
        _ => (
            resolve(child, child_ctx, better),
            resolve(parent, parent_ctx, better),
        ),
    }
}

fn requirement_unit(req: &Requirement) -> Option<&Unit> {
    match req {
        Requirement::Floor { unit, .. }
        | Requirement::Ceiling { unit, .. }
        | Requirement::Band { unit, .. } => unit.as_ref(),
        _ => None,
    }
}

/// Why two targets over sets cannot be compared, if they cannot: a share of a total
/// against an absolute number; a floor for each unit against a total, or against a floor
/// for each unit of another set.
fn sets_differ(
    child: &Target,
    child_req: &Requirement,
    parent: &Target,
    parent_req: &Requirement,
) -> Option<Reason> {
    let absolute = |req: &Requirement| {
        requirement_unit(req).is_some_and(|u| u.dimension() != Dimension::Ratio)
    };
    let share = |t: &Target| matches!(t.form, Form::Share { .. });
    if (share(child) && absolute(parent_req)) || (share(parent) && absolute(child_req)) {
        return Some(Reason::ShareVsCount);
    }
    let per_unit = |t: &Target| match &t.form {
        Form::PerUnit { of, .. } => Some(of.clone()),
        _ => None,
    };
    let amount = |t: &Target| {
        is_level(&t.form)
            || matches!(
                t.form,
                Form::Change { .. } | Form::PerYear { .. } | Form::Grade { .. }
            )
    };
    match (per_unit(child), per_unit(parent)) {
        (Some(c), Some(p)) => (!same_set(&c, &p)).then_some(Reason::PerDifferentUnits {
            child: c,
            parent: p,
        }),
        (Some(_), None) if amount(parent) => Some(Reason::PerUnitVsTotal),
        (None, Some(_)) if amount(child) => Some(Reason::PerUnitVsTotal),
        _ => None,
    }
}

/// Whether two sets of units are the same: the same name, or two names of one level of
/// administration (`旗县区` and `县(区)` are both counties; `苏木乡镇` and `乡镇` townships).
fn same_set(a: &str, b: &str) -> bool {
    a == b || admin_level(a).is_some_and(|level| admin_level(b) == Some(level))
}

/// The level of administration a set's name ends in: 1 village, 2 township, 3 county,
/// 4 prefecture, 5 province.
fn admin_level(name: &str) -> Option<u8> {
    if name.ends_with("社区") || name.ends_with('村') || name.ends_with("嘎查") {
        Some(1)
    } else if name.ends_with('乡')
        || name.ends_with('镇')
        || name.ends_with("苏木")
        || name.ends_with("街道")
    {
        Some(2)
    } else if name.ends_with('县') || name.ends_with('旗') || name.ends_with('区') {
        Some(3)
    } else if name.ends_with('市') || name.ends_with('盟') || name.ends_with('州') {
        Some(4)
    } else if name.ends_with('省') {
        Some(5)
    } else {
        None
    }
}

/// A grade's rank: its level, then its class (none below 丙等).
type Rank = (f64, u8);

/// A target as a grade: a [`Form::Grade`], or a value in `级` (`4级`, or `4` in a row in
/// `级`), which is a level with no class. `None` for anything else.
fn grade_of(target: &Target, ctx: &Context) -> Option<(Rank, crate::Bound)> {
    let level_unit = |unit: Option<&Unit>| {
        unit.or(ctx.unit.as_ref())
            .is_some_and(|u| *u == Unit::Other("级".into()))
    };
    match &target.form {
        Form::Grade {
            level,
            class,
            bound,
        } => Some((
            (f64::from(*level), class.map_or(0, |c| c as u8 + 1)),
            *bound,
        )),
        Form::Value { value, unit, bound } if level_unit(unit.as_ref()) => {
            Some(((*value, 0), *bound))
        }
        _ => None,
    }
}

/// Two grades compared by rank; a grade against anything but a grade is not comparable.
/// `None` when neither target is a grade.
fn compare_grades(
    child: &Target,
    child_ctx: &Context,
    parent: &Target,
    parent_ctx: &Context,
) -> Option<Verdict> {
    let is_grade = |t: &Target| matches!(t.form, Form::Grade { .. });
    if !is_grade(child) && !is_grade(parent) {
        return None;
    }
    let (c, p) = (grade_of(child, child_ctx), grade_of(parent, parent_ctx));
    let (Some((c, cb)), Some((p, pb))) = (c, p) else {
        // The other target is no grade: say why it cannot be compared in its own terms where
        // it has them (no target, history, a direction), else that a grade is ordinal.
        let other = if is_grade(child) { parent } else { child };
        return Some(Verdict::NotComparable(match &other.form {
            Form::Empty => Reason::Empty,
            Form::History { .. } => Reason::History,
            Form::Unreadable { reason } => Reason::Unreadable(reason.clone()),
            Form::Direction(_) => Reason::DirectionOnly,
            _ => Reason::Ordinal,
        }));
    };
    use crate::Bound as B;
    let floor = |b: B| !matches!(b, B::AtMost { .. });
    let strict = |b: B| matches!(b, B::AtLeast { strict: true } | B::AtMost { strict: true });
    if floor(cb) != floor(pb) {
        return Some(Verdict::NotComparable(Reason::DirectionConflict));
    }
    let by = |a: Rank, b: Rank| (!same_value(a.0, b.0)).then_some((a.0 - b.0).abs());
    let ordering = if same_value(c.0, p.0) {
        c.1.cmp(&p.1)
    } else if c.0 > p.0 {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Less
    };
    let ordering = if floor(cb) {
        ordering
    } else {
        ordering.reverse()
    };
    Some(match ordering {
        std::cmp::Ordering::Equal => Verdict::Equal {
            note: (strict(cb) != strict(pb)).then_some(Note::StrictnessDiffers),
        },
        std::cmp::Ordering::Greater => Verdict::Stricter,
        std::cmp::Ordering::Less => Verdict::Weaker { by: by(c, p) },
    })
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
