//! Building a [`Report`] from a check: the indicator table side by side, the section
//! coverage, the exemptions and the verdict.
//!
//! Nothing here judges: every verdict is the alignment's ([`planlint_align::World`]), the
//! same answers the rules report on. An indicator line is one of [`World::pairs`] with its
//! [`Standing`]; a requirement shown is [`World::explain`]'s; a section line is one of
//! [`World::coverage`]'s topics. A row the report calls weaker is therefore a row
//! `weaker-target` was given to report, by construction.

use crate::{
    Bar, Chart, ExemptionLine, Gap, IndicatorLine, Outcome, PlanFacts, Report, RowFacts,
    SectionLine, Verdict,
};
use planlint_align::{Standing, Waiver, World};
use planlint_diagnostics::{Counts, Diagnostic, Subject, Text};
use planlint_model::names::normalise;
use planlint_model::{Nature, Plan, Reading};
use planlint_target::{convert, Better, Comparison, Reason, Requirement, Unit};

/// Builds the report on plan `p` of `world`. `diagnostics` are the check's (findings about
/// other plans of the world are left out); `blocks` says which of them leave the check
/// incomplete (a loading error, a rule that failed: the check decides); `generator` names
/// the tool for the footer.
pub fn build(
    world: &World,
    p: usize,
    diagnostics: &[Diagnostic],
    blocks: impl Fn(&Diagnostic) -> bool,
    generator: &str,
) -> Report {
    build_with(world, p, diagnostics, blocks, generator, Detail::Full)
}

/// How much of a report to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Everything a report page shows.
    Full,
    /// What an overview row and its matrix cells need: the verdicts, counts, gaps and
    /// targets, without the words of each line's reason, its chart or the rows'
    /// requirements in words (empty). Same verdicts as [`Detail::Full`], by construction:
    /// both take them from the pairs' standings.
    Summary,
}

/// [`build`], with only what `detail` asks for.
pub fn build_with(
    world: &World,
    p: usize,
    diagnostics: &[Diagnostic],
    blocks: impl Fn(&Diagnostic) -> bool,
    generator: &str,
    detail: Detail,
) -> Report {
    let plan = world.plan(p);
    let (problems, diagnostics): (Vec<Diagnostic>, Vec<Diagnostic>) = about(world, p, diagnostics)
        .into_iter()
        .partition(|d| crate::verdict::is_problem(d, &blocks));
    let ancestors = world.plans.ancestors(p);
    let has_table = !plan.indicators.is_empty();

    let judge = Judge {
        world,
        p,
        has_table,
        diagnostics: &diagnostics,
        detail,
    };
    let mut indicators = Vec::new();
    let mut matched = vec![false; plan.indicators.len()];
    for pair in world.pairs(p) {
        let (a, ar) = pair.wanted();
        let source = ancestors.iter().position(|&x| x == a).unwrap_or(0);
        if let Some(r) = pair.row() {
            matched[r] = true;
        }
        let waived = world.waived(p, (a, ar));
        indicators.push(judge.line(pair.row(), pair.standing(), waived, a, ar, source));
    }
    let unmatched = matched
        .iter()
        .enumerate()
        .filter(|(_, m)| !**m)
        .map(|(r, _)| row_facts(world, p, r, detail))
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
    let gaps = Gap::of(world, p, problems.iter().any(&blocks));
    Report {
        file: plan.file.clone(),
        plan: Some(facts(plan)),
        ancestors: ancestors.iter().map(|&a| facts(world.plan(a))).collect(),
        outcome: crate::verdict::outcome(counts, &gaps),
        counts,
        gaps,
        indicators,
        has_table,
        unmatched,
        sections: sections(world, p, &ancestors, &diagnostics),
        has_headings: !plan.sections.is_empty(),
        exemptions,
        diagnostics,
        problems,
        generator: generator.to_string(),
        rules: Vec::new(),
    }
}

/// The report on a file that could not be read as a plan: the verdict says so, and the
/// diagnostics say why.
pub fn unreadable(file: &str, diagnostics: &[Diagnostic], generator: &str) -> Report {
    let mut problems = diagnostics.to_vec();
    planlint_diagnostics::sort(&mut problems);
    Report {
        file: file.to_string(),
        plan: None,
        ancestors: Vec::new(),
        outcome: Outcome::Undetermined,
        counts: Counts::default(),
        gaps: vec![Gap::Unreadable],
        indicators: Vec::new(),
        has_table: false,
        unmatched: Vec::new(),
        sections: Vec::new(),
        has_headings: false,
        diagnostics: Vec::new(),
        problems,
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
        table_unknown: plan.indicators_unknown.is_some(),
    }
}

fn row_facts(world: &World, p: usize, r: usize, detail: Detail) -> RowFacts {
    let row = &world.plan(p).indicators[r];
    let reading = &world.readings[p][r];
    let requirement = match detail {
        Detail::Full => {
            let requirement = reading.requirement();
            Text::new(requirement.zh(), requirement.to_string())
        }
        Detail::Summary => Text::new("", ""),
    };
    fn text<T: AsRef<str>>(s: &Option<planlint_model::Spanned<T>>) -> Option<String> {
        s.as_ref().map(|s| s.value.as_ref().to_string())
    }
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
        requirement,
        line: row.pos.line,
    }
}

/// What the indicator lines of one plan are judged with.
struct Judge<'a> {
    world: &'a World,
    /// The plan under review.
    p: usize,
    has_table: bool,
    diagnostics: &'a [Diagnostic],
    detail: Detail,
}

impl Judge<'_> {
    /// One indicator the plan must carry: ancestor `a`'s row `ar` (from the ancestor at
    /// `source` in the report's list), and the plan's row `found`. `waived` says why the
    /// plan need not carry it, if it need not.
    fn line(
        &self,
        found: Option<usize>,
        standing: Standing,
        waived: Option<Waiver>,
        a: usize,
        ar: usize,
        source: usize,
    ) -> IndicatorLine {
        let Judge {
            world,
            p,
            has_table,
            diagnostics,
            detail,
        } = *self;
        let wanted = row_facts(world, a, ar, detail);
        let wanted_id = world.catalog_id(a, ar);
        let Some(r) = found else {
            let known = world.plan(p).indicators_unknown.is_none();
            let (verdict, reason) = match waived {
                Some(Waiver::BindingOnly) => (
                    Verdict::NotRequired,
                    Text::new(
                        "上级仅要求下级规划落实约束性指标，该指标为预期性，本规划可不列",
                        "the ancestor asks its children for binding (约束性) indicators only, and this one is expected",
                    ),
                ),
                Some(Waiver::BelowLevel(lowest)) => (
                    Verdict::NotRequired,
                    Text::new(
                        format!("该指标统计到{}为止，本规划可不列", lowest.zh()),
                        format!("the indicator is measured down to {} plans only", lowest.as_str()),
                    ),
                ),
                None if !known => (
                    Verdict::NotComparable,
                    Text::new(
                        "本规划指标表未录入，无法核对是否列有该指标",
                        "the plan's indicator table was not transcribed, so whether it carries the indicator is unknown",
                    ),
                ),
                None if has_table => (
                    Verdict::Missing,
                    Text::new(
                        "本规划指标表中没有该指标",
                        "the plan's indicator table has no row for it",
                    ),
                ),
                None => (
                    Verdict::Missing,
                    Text::new(
                        "本规划没有指标表（missing-indicator 不检查没有指标表的规划）",
                        "the plan has no indicator table (missing-indicator does not check a plan without one)",
                    ),
                ),
            };
            return IndicatorLine {
                source,
                exempted: exempted(diagnostics, &[&wanted.name], wanted_id),
                wanted,
                row: None,
                verdict,
                downgraded: false,
                reason,
                chart: None,
            };
        };
        let row = row_facts(world, p, r, detail);
        if detail == Detail::Summary {
            return IndicatorLine {
                source,
                exempted: exempted(diagnostics, &[&row.name, &wanted.name], wanted_id),
                downgraded: wanted.nature == Nature::Binding && row.nature != Nature::Binding,
                wanted,
                row: Some(row),
                verdict: verdict_of(standing),
                reason: Text::new("", ""),
                chart: None,
            };
        }
        let child = &world.readings[p][r];
        let better = child.better.or(world.readings[a][ar].better);
        let comparison = world.explain((p, r), (a, ar));
        let (verdict, mut reason) = judge(&comparison, standing);
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
            exempted: exempted(diagnostics, &[&row.name, &wanted.name], wanted_id),
            wanted,
            row: Some(row),
            verdict,
            downgraded,
            reason,
            chart,
        }
    }
}

/// The verdict a standing gives a line with a row: stricter, equal or weaker as compared,
/// not comparable otherwise.
fn verdict_of(standing: Standing) -> Verdict {
    match standing {
        Standing::Stricter => Verdict::Stricter,
        Standing::Equal => Verdict::Equal,
        Standing::Weaker => Verdict::Weaker,
        _ => Verdict::NotComparable,
    }
}

/// The verdict of a pair with its standing, and its reason in words: why the targets could
/// not be compared first (whose target is missing, said plainly), then why they were not
/// compared, then both requirements and the comparison's notes.
fn judge(comparison: &Comparison, standing: Standing) -> (Verdict, Text) {
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
    let verdict = match standing {
        Standing::UnitLabel => {
            return (
                Verdict::NotComparable,
                Text::new(
                    "单位标注与数值不符（见 unit-mismatch），不作比较",
                    "the unit label does not fit the values (see unit-mismatch), so the targets are not compared",
                ),
            )
        }
        Standing::UnitsDiffer => {
            return (
                Verdict::NotComparable,
                Text::new(
                    "两行的单位不是同一种量，无法换算，不作比较",
                    "the two rows' units measure different quantities, so the targets are not compared",
                ),
            )
        }
        _ => verdict_of(standing),
    };
    // Targets compared as written (two changes without baselines) have no requirement in
    // values: say how they were compared, never "无法换算" beside a verdict.
    let unresolved = |r: &Requirement| matches!(r, Requirement::None(_));
    let (mut zh, mut en) = if unresolved(&comparison.child) || unresolved(&comparison.parent) {
        (
            "两级目标未折算为具体数值，按所写的变化幅度直接比较".to_string(),
            "the targets are not converted to values: the changes they set are compared as written"
                .to_string(),
        )
    } else {
        (
            format!(
                "本规划：{}；上级：{}",
                comparison.child.zh(),
                comparison.parent.zh()
            ),
            format!(
                "this plan: {}; the ancestor: {}",
                comparison.child, comparison.parent
            ),
        )
    };
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

/// The plan's reasons for exempted findings about an indicator named `names` (or with
/// the catalog id `id`).
fn exempted(diagnostics: &[Diagnostic], names: &[&str], id: Option<&str>) -> Vec<String> {
    let names: Vec<String> = names.iter().map(|n| normalise(n)).collect();
    let about = |subject: &Subject| {
        subject
            .indicator
            .as_ref()
            .is_some_and(|i| names.contains(&normalise(i)))
            || (id.is_some() && subject.indicator_id.as_deref() == id)
    };
    let mut out: Vec<String> = Vec::new();
    for d in diagnostics {
        let Some(reason) = &d.exemption else {
            continue;
        };
        if about(&d.subject) && !out.contains(reason) {
            out.push(reason.clone());
        }
    }
    out
}

/// What a requirement allows, in its unit.
fn bar(requirement: &Requirement) -> Option<(Bar, Option<&Unit>)> {
    let bar = match requirement {
        Requirement::Floor {
            value,
            strict,
            unit,
        } => (
            if *strict {
                Bar::Above(*value)
            } else {
                Bar::AtLeast(*value)
            },
            unit.as_ref(),
        ),
        Requirement::Ceiling {
            value,
            strict,
            unit,
        } => (
            if *strict {
                Bar::Below(*value)
            } else {
                Bar::AtMost(*value)
            },
            unit.as_ref(),
        ),
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
        Bar::Above(v) => Bar::Above(c(v)?),
        Bar::AtMost(v) => Bar::AtMost(c(v)?),
        Bar::Below(v) => Bar::Below(c(v)?),
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
        (None, Bar::AtLeast(_) | Bar::Above(_)) => Some(true),
        (None, Bar::AtMost(_) | Bar::Below(_)) => Some(false),
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

/// The section topics the ancestors require, nearest ancestor first, each once
/// ([`World::coverage`]), with the heading covering each and the plan's reason where its
/// exemptions cover a finding about the topic.
fn sections(
    world: &World,
    p: usize,
    ancestors: &[usize],
    diagnostics: &[Diagnostic],
) -> Vec<SectionLine> {
    world
        .coverage(p)
        .iter()
        .map(|topic| {
            let covered_by = topic.covered_by.map(|s| {
                let (section, _) = world.section(p, s);
                (
                    section.number.as_ref().map(|n| n.value.to_string()),
                    section.title.value.clone(),
                )
            });
            let exempted = diagnostics
                .iter()
                .filter(|d| d.subject.section.as_deref() == Some(topic.topic.as_str()))
                .find_map(|d| d.exemption.clone());
            SectionLine {
                topic: topic.topic.clone(),
                source: ancestors
                    .iter()
                    .position(|&a| a == topic.source)
                    .unwrap_or(0),
                accepted: topic.accepted.clone(),
                covered_by,
                exempted,
            }
        })
        .collect()
}
