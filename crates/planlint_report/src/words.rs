//! The report's own words in Chinese and English: headings, verdicts, counts. Messages
//! about the plan come from the diagnostics and `planlint_target`, already in both.

use crate::{Gap, Outcome, PlanFacts, Report, Verdict};
pub use planlint_diagnostics::{pick, plural};
use planlint_diagnostics::{Counts, Lang, Severity};
use planlint_model::{Level, Nature};

/// A sign that carries the verdict without colour, for print and for colour-blind readers.
pub fn outcome_sign(outcome: Outcome) -> &'static str {
    crate::look::outcome(&outcome).sign
}

pub fn outcome_word(outcome: Outcome, lang: Lang) -> &'static str {
    crate::look::outcome(&outcome).word(lang)
}

/// The line above the gaps: why the verdict is 无法判定, or what 不通过 leaves unchecked.
pub fn gaps_heading(report: &Report, lang: Lang) -> &'static str {
    match report.outcome {
        Outcome::Undetermined => pick(
            lang,
            "无法判定：以下内容未能核对，结论须待补齐后作出。",
            "Undetermined: what follows was not checked, and a verdict waits on it.",
        ),
        _ => pick(
            lang,
            "此外，以下内容未能核对：",
            "Besides, what follows was not checked:",
        ),
    }
}

/// What the indicator comparison says when it has no line: why there is nothing to carry.
pub fn no_indicator_lines(report: &Report, lang: Lang) -> &'static str {
    if report.gaps.contains(&Gap::NoParent) {
        pick(
            lang,
            "未找到上级规划，指标未作对照。",
            "No parent plan was found: the indicators were not compared.",
        )
    } else if report.gaps.contains(&Gap::ParentTable) {
        pick(
            lang,
            "上级规划的指标表未录入，指标未作对照。",
            "The indicator tables above were not recorded: the indicators were not compared.",
        )
    } else {
        pick(
            lang,
            "上级规划没有本规划须承接的指标行。",
            "The plans above this one have no indicator rows for it to carry.",
        )
    }
}

/// Where every indicator line comes from an ancestor above the parent: why, in a sentence.
pub fn stand_in(report: &Report, lang: Lang) -> Option<String> {
    let s = report.common_source().filter(|&s| s > 0)?;
    let (parent, source) = (report.ancestors.first()?, report.ancestors.get(s)?);
    let (parent, source) = (title(parent), title(source));
    Some(match (lang, report.ancestors[0].table_unknown) {
        (Lang::Zh, true) => format!("上级《{parent}》的指标表未录入，暂以《{source}》为对照。"),
        (Lang::En, true) => format!("The parent, {parent}, has its indicator table not recorded: {source} stands in for it."),
        (Lang::Zh, false) => format!("上级《{parent}》未列这些指标，全部按《{source}》承接。"),
        (Lang::En, false) => format!("The parent, {parent}, lists none of them: all come from {source}."),
    })
}

/// What the section comparison says when it has no line.
pub fn no_section_lines(report: &Report, lang: Lang) -> &'static str {
    if report.gaps.contains(&Gap::NoParent) {
        pick(
            lang,
            "未找到上级规划，章节未作对照。",
            "No parent plan was found: the sections were not compared.",
        )
    } else {
        pick(
            lang,
            "上级规划没有对下级规划的板块要求。",
            "The plans above this one require no sections.",
        )
    }
}

/// The heading of the problems of reading, which the verdict does not count.
pub fn problems_heading(lang: Lang) -> &'static str {
    pick(
        lang,
        "六、读取问题（文件读取和检查工具的问题，不计入结论）",
        "6. Problems reading the plan (the tool's, not counted in the verdict)",
    )
}

/// The one sentence under the verdict: what the reviewer has to do.
pub fn outcome_sentence(report: &Report, lang: Lang) -> String {
    let c = report.counts;
    match (report.outcome, lang) {
        (Outcome::Fails, Lang::Zh) => {
            format!("有 {} 个错误，须修改后再报；另有 {} 个警告请核实。", c.error, c.warning)
        }
        (Outcome::Fails, Lang::En) => format!(
            "{} {} must be fixed before the plan can be approved; {} {} to review.",
            c.error,
            plural(c.error, "error", "errors"),
            c.warning,
            plural(c.warning, "warning", "warnings")
        ),
        (Outcome::PassesWithWarnings, Lang::Zh) => {
            format!("没有错误；{} 个警告请逐项核实或说明理由。", c.warning)
        }
        (Outcome::PassesWithWarnings, Lang::En) => format!(
            "No errors; {} {} to review, each to be fixed or explained.",
            c.warning,
            plural(c.warning, "warning", "warnings")
        ),
        (Outcome::Passes, Lang::Zh) => "没有错误，也没有警告。".to_string(),
        (Outcome::Passes, Lang::En) => "No errors and no warnings.".to_string(),
        (Outcome::Undetermined, Lang::Zh) if c.warning > 0 => format!(
            "未能作出结论：部分内容未能核对（见下）；已核对的部分没有错误，{} 个警告请核实。",
            c.warning
        ),
        (Outcome::Undetermined, Lang::En) if c.warning > 0 => format!(
            "No verdict: part of the plan could not be checked (below); what was checked has no errors and {} {} to review.",
            c.warning,
            plural(c.warning, "warning", "warnings")
        ),
        (Outcome::Undetermined, Lang::Zh) => {
            "未能作出结论：部分内容未能核对（见下）；已核对的部分没有发现问题。".to_string()
        }
        (Outcome::Undetermined, Lang::En) => {
            "No verdict: part of the plan could not be checked (below); what was checked raised nothing.".to_string()
        }
    }
}

/// `2 个错误 · 12 个警告 · 1 个提示 · 0 项已豁免`, each with its severity and whether it
/// counts anything (a zero is not shown as a problem).
pub fn counts(counts: Counts, lang: Lang) -> Vec<(Severity, bool, String)> {
    let kinds = [
        (Severity::Error, counts.error, "个错误", "error", "errors"),
        (
            Severity::Warning,
            counts.warning,
            "个警告",
            "warning",
            "warnings",
        ),
        (Severity::Info, counts.info, "个提示", "note", "notes"),
    ];
    let mut out: Vec<(Severity, bool, String)> = kinds
        .into_iter()
        .map(|(severity, n, zh, one, many)| {
            let text = match lang {
                Lang::Zh => format!("{n} {zh}"),
                Lang::En => format!("{n} {}", plural(n, one, many)),
            };
            (severity, n > 0, text)
        })
        .collect();
    if counts.exempted > 0 {
        out.push((
            Severity::Info,
            true,
            match lang {
                Lang::Zh => format!("{} 项已豁免", counts.exempted),
                Lang::En => format!("{} exempted", counts.exempted),
            },
        ));
    }
    out
}

pub fn severity(severity: Severity, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => severity.zh(),
        Lang::En => match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        },
    }
}

/// A sign per severity, so that meaning never rests on colour alone.
pub fn severity_sign(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✗",
        Severity::Warning => "!",
        Severity::Info => "i",
    }
}

pub fn verdict_sign(verdict: Verdict) -> &'static str {
    crate::look::cell(verdict, false).sign
}

pub fn verdict_word(verdict: Verdict, lang: Lang) -> &'static str {
    crate::look::cell(verdict, false).word(lang)
}

/// The CSS class of a verdict, which colours it.
pub fn verdict_class(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Stricter => "v-stricter",
        Verdict::Equal => "v-equal",
        Verdict::Weaker => "v-weaker",
        Verdict::NotComparable => "v-uncomparable",
        Verdict::Missing => "v-missing",
        Verdict::NotRequired => "v-waived",
    }
}

pub fn downgraded(lang: Lang) -> &'static str {
    pick(lang, "约束性被降为预期性", "downgraded from binding")
}

pub fn nature(nature: Nature, lang: Lang) -> &'static str {
    match (nature, lang) {
        (Nature::Binding, Lang::Zh) => "约束性",
        (Nature::Expected, Lang::Zh) => "预期性",
        (Nature::Binding, Lang::En) => "binding",
        (Nature::Expected, Lang::En) => "expected",
    }
}

pub fn level(level: Level, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => level.zh(),
        Lang::En => match level {
            Level::National => "national",
            Level::Province => "provincial",
            Level::Prefecture => "prefecture",
            Level::County => "county",
        },
    }
}

/// `市级 · 2021–2025 · 阿拉善盟`: a plan's level, period and region on one line.
pub fn plan_line(plan: &PlanFacts, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(l) = plan.level {
        parts.push(level(l, lang).to_string());
    }
    if let Some(p) = plan.period {
        parts.push(p.to_string());
    }
    if let Some(r) = &plan.region {
        parts.push(r.clone());
    }
    parts.push(format!("id {}", plan.id));
    parts.join(" · ")
}

/// A plan's title, or its id or file where it has none.
pub fn title(plan: &PlanFacts) -> &str {
    if !plan.title.is_empty() {
        &plan.title
    } else if !plan.id.is_empty() {
        &plan.id
    } else {
        &plan.file
    }
}

/// The one-line summary of the indicator table and the sections, under the verdict.
pub fn tally(report: &Report, lang: Lang) -> Vec<(String, bool)> {
    if report.indicators.is_empty() && report.sections.is_empty() {
        return Vec::new();
    }
    let n = report.indicators.len();
    let weaker = report.count(Verdict::Weaker);
    let missing = report.count(Verdict::Missing);
    let downgraded = report.downgraded();
    let uncomparable = report.count(Verdict::NotComparable);
    let waived = report.count(Verdict::NotRequired);
    let fine = report.count(Verdict::Stricter) + report.count(Verdict::Equal);
    let sections = report.sections.len();
    let sections_missing = report.sections_missing();
    let mut line = match lang {
        Lang::Zh => vec![
            (format!("上级指标 {n} 项"), false),
            (format!("缺失 {missing} 项"), missing > 0),
            (format!("弱于上级 {weaker} 项"), weaker > 0),
            if report.natures_known() {
                (format!("约束性被降级 {downgraded} 项"), downgraded > 0)
            } else {
                (
                    "约束性是否被降级未知（上级未标明指标属性）".to_string(),
                    false,
                )
            },
            (format!("无法比较 {uncomparable} 项"), false),
            (format!("不弱于上级 {fine} 项"), false),
            (
                format!("要求板块 {sections} 个，缺 {sections_missing} 个"),
                sections_missing > 0,
            ),
        ],
        Lang::En => vec![
            (format!("{n} ancestor indicators"), false),
            (format!("{missing} missing"), missing > 0),
            (format!("{weaker} weaker"), weaker > 0),
            if report.natures_known() {
                (format!("{downgraded} downgraded"), downgraded > 0)
            } else {
                (
                    "downgrades unknown (the ancestor records no natures)".to_string(),
                    false,
                )
            },
            (format!("{uncomparable} not comparable"), false),
            (format!("{fine} at least as strict"), false),
            (
                format!("{sections_missing} of {sections} required sections missing"),
                sections_missing > 0,
            ),
        ],
    };
    if waived > 0 {
        let words = match lang {
            Lang::Zh => format!("本级不要求 {waived} 项"),
            Lang::En => format!("{waived} not required here"),
        };
        line.insert(line.len() - 1, (words, false));
    }
    line
}

/// What needs the reviewer's attention, by name: the indicators weaker than the parent's,
/// missing, or downgraded, and the required sections not covered. Each with its sign and
/// label; empty groups are left out.
pub fn attention(report: &Report, lang: Lang) -> Vec<(&'static str, &'static str, Vec<String>)> {
    let names = |verdict: Verdict| -> Vec<String> {
        report
            .indicators
            .iter()
            .filter(|l| l.verdict == verdict && l.exempted.is_empty())
            .map(|l| match &l.row {
                Some(row) => row.name.clone(),
                None => l.wanted.name.clone(),
            })
            .collect()
    };
    let downgraded: Vec<String> = report
        .indicators
        .iter()
        .filter(|l| l.downgraded && l.exempted.is_empty())
        .filter_map(|l| l.row.as_ref().map(|r| r.name.clone()))
        .collect();
    let sections: Vec<String> = if report.has_headings {
        report
            .sections
            .iter()
            .filter(|s| s.covered_by.is_none() && s.exempted.is_none())
            .map(|s| s.topic.clone())
            .collect()
    } else {
        Vec::new()
    };
    let missing = if report.has_table {
        names(Verdict::Missing)
    } else {
        Vec::new()
    };
    // The errors that fail the plan, by what they are about and their rule.
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && d.exemption.is_none())
        .map(|d| {
            let about = d.subject.name();
            match (about, lang) {
                (Some(a), Lang::Zh) => format!("{a}（{}）", d.code),
                (Some(a), Lang::En) => format!("{a} ({})", d.code),
                (None, _) => d.code.clone(),
            }
        })
        .collect();
    let groups = [
        (
            severity_sign(Severity::Error),
            pick(lang, "须修改的错误", "Errors to fix"),
            errors,
        ),
        (
            verdict_sign(Verdict::Weaker),
            pick(lang, "目标弱于上级", "Weaker than the ancestor"),
            names(Verdict::Weaker),
        ),
        (
            "⇣",
            pick(lang, "约束性被降为预期性", "Downgraded from binding"),
            downgraded,
        ),
        (
            verdict_sign(Verdict::Missing),
            pick(lang, "缺少上级指标", "Ancestor's indicators missing"),
            missing,
        ),
        (
            verdict_sign(Verdict::Missing),
            pick(lang, "缺少要求的板块", "Required sections missing"),
            sections,
        ),
    ];
    groups
        .into_iter()
        .filter(|(_, _, n)| !n.is_empty())
        .collect()
}

/// The open findings by rule: the rule's summary (or id), its severity and how many,
/// errors first, then by count.
pub fn by_rule(report: &Report, lang: Lang) -> Vec<(Severity, String, usize)> {
    let mut out: Vec<(Severity, String, usize)> = Vec::new();
    let mut codes: Vec<&str> = Vec::new();
    for d in report.diagnostics.iter().filter(|d| d.exemption.is_none()) {
        match codes.iter().position(|c| *c == d.code) {
            Some(i) => {
                out[i].2 += 1;
                out[i].0 = out[i].0.min(d.severity);
            }
            None => {
                codes.push(&d.code);
                let label = match report.rules.iter().find(|(id, _)| *id == d.code) {
                    Some((id, summary)) => match lang {
                        Lang::Zh => format!("{}（{id}）", summary.zh),
                        Lang::En => format!("{} ({id})", summary.en),
                    },
                    None => d.code.clone(),
                };
                out.push((d.severity, label, 1));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(&b.1)));
    out
}
