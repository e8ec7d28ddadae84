//! Building a [`Report`] from a check: the indicator table side by side, the section
//! coverage, the exemptions and the verdict.
//!
//! Every judgement here is made the way the rules make it, with the same building blocks,
//! so that the report and the findings cannot disagree:
//!
//! - the indicators a plan must carry are [`World::carried`] (nearest ancestor first, each
//!   indicator once, filtered by the ancestor's `requirements.indicators`), and the plan's
//!   row for each is [`World::find_row`] (composite rows included), as in `missing-indicator`;
//! - the two targets compare with [`compare`] on the rows' readings, with the direction
//!   from the catalog through either row, as `compare(row, parent_row)` does for
//!   `weaker-target`; a unit label that does not fit its values (the row's or the
//!   ancestor's) is not compared, as `weaker-target` leaves it to `unit-mismatch`;
//! - a binding (约束性) ancestor row whose plan row is not binding is downgraded, as in
//!   `binding-downgrade`;
//! - section topics are taken nearest ancestor first, each once by its normalised name, and
//!   covered by the first heading whose normalised title contains an accepted title, as in
//!   `missing-section`.

use crate::{
    Bar, Chart, ExemptionLine, IndicatorLine, Outcome, PlanFacts, Report, RowFacts, SectionLine,
    Verdict,
};
use planlint_diagnostics::{Counts, Diagnostic, Severity, Text};
use planlint_engine::{engine_codes, World};
use planlint_model::names::normalise;
use planlint_model::{codes, Nature, Plan, Reading, Section};
use planlint_target::{
    convert, resolve, Better, ChangeKind, Comparison, Form, Note, Reason, Requirement, Target,
    Unit, UnitLabel,
};

/// Builds the report on plan `p` of `world`. `diagnostics` are the check's (findings about
/// other plans of the world are left out); `generator` names the tool for the footer.
pub fn build(world: &World, p: usize, diagnostics: &[Diagnostic], generator: &str) -> Report {
    let plan = world.plan(p);
    let diagnostics = about(world, p, diagnostics);
    let ancestors = world.plans.ancestors(p);
    let has_table = !plan.indicators.is_empty();

    let judge = Judge {
        world,
        p,
        has_table,
        diagnostics: &diagnostics,
    };
    let mut indicators = Vec::new();
    let mut matched = vec![false; plan.indicators.len()];
    for &(a, ar) in world.carried(p) {
        let source = ancestors.iter().position(|&x| x == a).unwrap_or(0);
        let found = world.find_row(p, a, ar);
        if let Some(r) = found {
            matched[r] = true;
        }
        indicators.push(judge.line(found, a, ar, source));
    }
    let unmatched = matched
        .iter()
        .enumerate()
        .filter(|(_, m)| !**m)
        .map(|(r, _)| row_facts(world, p, r))
        .collect();

    let exemptions = plan
        .exemptions
        .iter()
        .map(|e| ExemptionLine {
            rule: e.rule.value.clone(),
            indicator: e.indicator.as_ref().map(|s| s.value.clone()),
            section: e.section.as_ref().map(|s| s.value.clone()),
            reason: e.reason.value.clone(),
            covers: diagnostics
                .iter()
                .filter(|d| d.code == e.rule.value)
                .filter(|d| d.exemption.as_deref() == Some(e.reason.value.as_str()))
                .count(),
        })
        .collect();

    let counts = Counts::of(&diagnostics);
    Report {
        file: plan.file.clone(),
        plan: Some(facts(plan)),
        ancestors: ancestors.iter().map(|&a| facts(world.plan(a))).collect(),
        outcome: outcome(counts),
        counts,
        incomplete: incomplete(&diagnostics),
        indicators,
        has_table,
        unmatched,
        sections: sections(world, p, &ancestors, &diagnostics),
        has_headings: !plan.sections.is_empty(),
        exemptions,
        diagnostics,
        generator: generator.to_string(),
        rules: Vec::new(),
    }
}

/// The report on a file that could not be read as a plan: the verdict says so, and the
/// diagnostics say why.
pub fn unreadable(file: &str, diagnostics: &[Diagnostic], generator: &str) -> Report {
    let mut diagnostics = diagnostics.to_vec();
    planlint_diagnostics::sort(&mut diagnostics);
    Report {
        file: file.to_string(),
        plan: None,
        ancestors: Vec::new(),
        outcome: Outcome::NotChecked,
        counts: Counts::of(&diagnostics),
        incomplete: true,
        indicators: Vec::new(),
        has_table: false,
        unmatched: Vec::new(),
        sections: Vec::new(),
        has_headings: false,
        diagnostics,
        exemptions: Vec::new(),
        generator: generator.to_string(),
        rules: Vec::new(),
    }
}

/// The diagnostics about plan `p`: its own findings, the problems of its file, and
/// problems that belong to no plan file (the configuration, a catalog, a rule).
fn about(world: &World, p: usize, diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    let plan = world.plan(p);
    let other_file = |file: &str| {
        file != plan.file && world.plans.plans().iter().any(|other| other.file == file)
    };
    let mut kept: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| match &d.plan {
            Some(id) => id == plan.id(),
            None => !other_file(&d.primary.location.file),
        })
        .cloned()
        .collect();
    planlint_diagnostics::sort(&mut kept);
    kept
}

fn outcome(counts: Counts) -> Outcome {
    if counts.error > 0 {
        Outcome::Fails
    } else if counts.warning > 0 {
        Outcome::PassesWithWarnings
    } else {
        Outcome::Passes
    }
}

/// Whether the check is incomplete: the file had loading errors, or a rule failed.
fn incomplete(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| {
        d.code == engine_codes::RULE_FAILED
            || (d.severity == Severity::Error && codes::ALL.contains(&d.code.as_str()))
    })
}

fn facts(plan: &Plan) -> PlanFacts {
    PlanFacts {
        id: plan.id().to_string(),
        title: plan.title().to_string(),
        region: plan.region.as_ref().map(|s| s.value.clone()),
        level: plan.level(),
        period: plan.period.as_ref().map(|s| s.value),
        file: plan.file.clone(),
        issuer: plan.issuer.as_ref().map(|s| s.value.clone()),
        issued: plan.issued.as_ref().map(|s| s.value.clone()),
    }
}

fn row_facts(world: &World, p: usize, r: usize) -> RowFacts {
    let row = &world.plan(p).indicators[r];
    let reading = &world.readings[p][r];
    let requirement = reading.requirement();
    let text = |s: &Option<planlint_model::Spanned<String>>| s.as_ref().map(|s| s.value.clone());
    RowFacts {
        no: text(&row.no),
        name: row.name.value.clone(),
        unit: text(&row.unit),
        baseline: text(&row.baseline),
        target: text(&row.target),
        nature: row.nature(),
        nature_given: row.nature.is_some(),
        indicator: reading
            .matched
            .map(|m| world.catalog.entry(m.entry).id.value.clone()),
        requirement: Text::new(requirement.zh(), requirement.to_string()),
        line: row.pos.line,
    }
}

/// Whether a row's unit label does not fit its values, judged by the catalog's unit and
/// plausible range: what the rules' `unit_label(row).status` calls mislabelled,
/// incompatible or implausible.
fn unit_label_unfit(world: &World, p: usize, r: usize) -> bool {
    !matches!(world.unit_label(p, r).2, None | Some(UnitLabel::Ok))
}

/// What the indicator lines of one plan are judged with.
struct Judge<'a> {
    world: &'a World,
    /// The plan under review.
    p: usize,
    has_table: bool,
    diagnostics: &'a [Diagnostic],
}

impl Judge<'_> {
    /// One indicator the plan must carry: ancestor `a`'s row `ar` (from the ancestor at
    /// `source` in the report's list), and the plan's row `found`.
    fn line(&self, found: Option<usize>, a: usize, ar: usize, source: usize) -> IndicatorLine {
        let Judge {
            world,
            p,
            has_table,
            diagnostics,
        } = *self;
        let wanted = row_facts(world, a, ar);
        let Some(r) = found else {
            let reason = if has_table {
                Text::new(
                    "本规划指标表中没有该指标",
                    "the plan's indicator table has no row for it",
                )
            } else {
                Text::new(
                "本规划没有指标表（missing-indicator 不检查没有指标表的规划）",
                "the plan has no indicator table (missing-indicator does not check a plan without one)",
            )
            };
            return IndicatorLine {
                source,
                exempted: exempted(diagnostics, &[&wanted.name]),
                wanted,
                row: None,
                verdict: Verdict::Missing,
                downgraded: false,
                reason,
                chart: None,
            };
        };
        let row = row_facts(world, p, r);
        let (child, parent) = (&world.readings[p][r], &world.readings[a][ar]);
        let better = child.better.or(parent.better);
        let mut comparison = world.compare((p, r), (a, ar));
        on_child_baseline(&mut comparison, child, parent, better);
        let unfit = unit_label_unfit(world, p, r) || unit_label_unfit(world, a, ar);
        let (verdict, mut reason) = judge(&comparison, unfit);
        let chart = match verdict {
            Verdict::Stricter | Verdict::Equal | Verdict::Weaker => {
                chart(&comparison, child, better)
            }
            _ => None,
        };
        let downgraded = wanted.nature == Nature::Binding && row.nature != Nature::Binding;
        if downgraded {
            reason.zh.push_str("；上级为约束性指标，本规划未标为约束性");
            reason
                .en
                .push_str("; binding (约束性) in the ancestor, not in this plan");
        }
        IndicatorLine {
            source,
            exempted: exempted(diagnostics, &[&row.name, &wanted.name]),
            wanted,
            row: Some(row),
            verdict,
            downgraded,
            reason,
            chart,
        }
    }
}

/// Two changes of one kind (`比基期降低10%` against `降低5%`, `每年降低0.5个百分点` against
/// the same) compare by their amounts, but each is resolved with its own plan's baseline,
/// so the two requirements a reader sees would not show why they are equal. Shown instead:
/// the parent's change applied to the plan's own baseline, as `compare` does for a plan
/// value against a parent change, which is the same comparison in numbers.
fn on_child_baseline(
    comparison: &mut Comparison,
    child: &Reading,
    parent: &Reading,
    better: Option<Better>,
) {
    fn kind(target: &Target) -> Option<&ChangeKind> {
        match &target.form {
            Form::Change { kind, .. } | Form::PerYear { kind, .. } => Some(kind),
            _ => None,
        }
    }
    let same = matches!(
        (kind(&child.target), kind(&parent.target)),
        (Some(ChangeKind::Percent), Some(ChangeKind::Percent))
            | (Some(ChangeKind::Points), Some(ChangeKind::Points))
            | (Some(ChangeKind::Absolute(_)), Some(ChangeKind::Absolute(_)))
    );
    if !same
        || matches!(
            comparison.verdict,
            planlint_target::Verdict::NotComparable(_)
        )
    {
        return;
    }
    let on_child = resolve(&parent.target, &child.context, better);
    if matches!(on_child, Requirement::None(_)) {
        return;
    }
    comparison.parent = on_child;
    if !comparison
        .notes
        .contains(&Note::ParentChangeOnChildBaseline)
    {
        comparison.notes.push(Note::ParentChangeOnChildBaseline);
    }
}

/// The verdict and its reason in words.
fn judge(comparison: &Comparison, unit_label_unfit: bool) -> (Verdict, Text) {
    use planlint_target::Verdict as V;
    // Whose target is missing, said plainly.
    if let V::NotComparable(Reason::Empty) = &comparison.verdict {
        return (
            Verdict::NotComparable,
            if matches!(comparison.parent, Requirement::None(Reason::Empty)) {
                Text::new(
                    "上级未设目标值，无从比较",
                    "the ancestor sets no target, so there is nothing to compare with",
                )
            } else {
                Text::new("本规划未设目标值", "the plan sets no target")
            },
        );
    }
    if let V::NotComparable(reason) = &comparison.verdict {
        return (
            Verdict::NotComparable,
            Text::new(reason.zh(), reason.to_string()),
        );
    }
    if unit_label_unfit {
        return (
            Verdict::NotComparable,
            Text::new(
                "单位标注与数值不符（见 unit-mismatch），不作比较",
                "the unit label does not fit the values (see unit-mismatch), so the targets are not compared",
            ),
        );
    }
    let verdict = match comparison.verdict {
        V::Stricter => Verdict::Stricter,
        V::Equal { .. } => Verdict::Equal,
        V::Weaker { .. } => Verdict::Weaker,
        V::NotComparable(_) => Verdict::NotComparable,
    };
    let mut zh = format!(
        "本规划：{}；上级：{}",
        comparison.child.zh(),
        comparison.parent.zh()
    );
    let mut en = format!(
        "this plan: {}; the ancestor: {}",
        comparison.child, comparison.parent
    );
    if let V::Equal { note: Some(note) } = &comparison.verdict {
        zh.push_str(&format!("；{}", note.zh()));
        en.push_str(&format!("; {note}"));
    }
    for note in &comparison.notes {
        zh.push_str(&format!("；{}", note.zh()));
        en.push_str(&format!("; {note}"));
    }
    (verdict, Text::new(zh, en))
}

/// The plan's reasons for exempted findings about an indicator named `names`.
fn exempted(diagnostics: &[Diagnostic], names: &[&str]) -> Vec<String> {
    let names: Vec<String> = names.iter().map(|n| normalise(n)).collect();
    let mut out: Vec<String> = Vec::new();
    for d in diagnostics {
        let (Some(reason), Some(indicator)) = (&d.exemption, &d.indicator) else {
            continue;
        };
        if names.contains(&normalise(indicator)) && !out.contains(reason) {
            out.push(reason.clone());
        }
    }
    out
}

/// What a requirement allows, in its unit.
fn bar(requirement: &Requirement) -> Option<(Bar, Option<&Unit>)> {
    let bar = match requirement {
        Requirement::Floor { value, unit, .. } => (Bar::AtLeast(*value), unit.as_ref()),
        Requirement::Ceiling { value, unit, .. } => (Bar::AtMost(*value), unit.as_ref()),
        Requirement::Band { low, high, unit } => (Bar::Between(*low, *high), unit.as_ref()),
        _ => return None,
    };
    Some(bar)
}

/// `value` in `from` converted to `to`, where both are known and differ.
fn to_unit(value: f64, from: Option<&Unit>, to: Option<&Unit>) -> Option<f64> {
    let value = match (from, to) {
        (Some(from), Some(to)) if from != to => convert(value, from, to)?,
        _ => value,
    };
    value.is_finite().then_some(value)
}

/// A bar converted from one unit to another, and only if its ends are finite.
fn in_unit(bar: Bar, from: Option<&Unit>, to: Option<&Unit>) -> Option<Bar> {
    let c = |v| to_unit(v, from, to);
    Some(match bar {
        Bar::AtLeast(v) => Bar::AtLeast(c(v)?),
        Bar::AtMost(v) => Bar::AtMost(c(v)?),
        Bar::Between(l, h) => Bar::Between(c(l)?, c(h)?),
    })
}

/// The bullet chart of a comparison: both requirements and the plan's baseline in the
/// plan's unit.
fn chart(comparison: &Comparison, child: &Reading, better: Option<Better>) -> Option<Chart> {
    let (plan_bar, unit) = bar(&comparison.child)?;
    let (parent_bar, parent_unit) = bar(&comparison.parent)?;
    let unit = unit.or(child.unit.as_ref());
    let parent_bar = in_unit(parent_bar, parent_unit, unit)?;
    let plan_bar = in_unit(plan_bar, unit, unit)?;
    let baseline_unit = child.context.baseline_unit.as_ref().or(unit);
    let baseline = child.baseline.and_then(|b| to_unit(b, baseline_unit, unit));
    let higher_is_better = match (better, parent_bar) {
        (Some(b), _) => Some(b == Better::Higher),
        (None, Bar::AtLeast(_)) => Some(true),
        (None, Bar::AtMost(_)) => Some(false),
        (None, Bar::Between(..)) => None,
    };
    Some(Chart {
        higher_is_better,
        unit: unit.map(|u| u.label().to_string()),
        baseline,
        parent: parent_bar,
        plan: plan_bar,
    })
}

/// The section topics the ancestors require, nearest ancestor first, each once.
fn sections(
    world: &World,
    p: usize,
    ancestors: &[usize],
    diagnostics: &[Diagnostic],
) -> Vec<SectionLine> {
    let plan = world.plan(p);
    let headings = plan.all_sections();
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (source, &a) in ancestors.iter().enumerate() {
        let Some(requirements) = &world.plan(a).requirements else {
            continue;
        };
        for required in &requirements.sections {
            let topic = required.topic.value.clone();
            let key = normalise(&topic);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let accepted: Vec<String> = if required.any_of.is_empty() {
                vec![topic.clone()]
            } else {
                required.any_of.iter().map(|t| t.value.clone()).collect()
            };
            let covered_by = covering(&headings, &accepted).map(|s| {
                (
                    s.number.as_ref().map(|n| n.value.clone()),
                    s.title.value.clone(),
                )
            });
            let exempted = diagnostics
                .iter()
                .filter(|d| d.code == "missing-section")
                .filter(|d| d.subject.as_deref() == Some(topic.as_str()))
                .find_map(|d| d.exemption.clone());
            out.push(SectionLine {
                topic,
                source,
                accepted,
                covered_by,
                exempted,
            });
        }
    }
    out
}

/// The first heading whose normalised title contains one of the accepted titles.
fn covering<'a>(headings: &[&'a Section], accepted: &[String]) -> Option<&'a Section> {
    let wanted: Vec<String> = accepted
        .iter()
        .map(|t| normalise(t))
        .filter(|t| !t.is_empty())
        .collect();
    headings.iter().copied().find(|s| {
        let title = normalise(&s.title.value);
        wanted.iter().any(|w| title.contains(w.as_str()))
    })
}
