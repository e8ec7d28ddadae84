//! The report as Markdown, for a reviewer who pastes it into a reply: the same parts as
//! the HTML, in the same order, without the charts.
//!
//! Every value from a plan goes through `cell` (`planlint_diagnostics::markdown_cell`),
//! which escapes `&`, `<`, `>` and `|` and turns line breaks into `<br>`, so that a plan's
//! text can neither break a table nor be read as HTML by a Markdown renderer, and escapes
//! `[` and `]` and shows web addresses as code, so that it makes no link and no image; or
//! through `code` (`markdown_code`), a code span, in which nothing is a link.

use crate::words::{self, pick};
use crate::{IndicatorLine, Report, RowFacts};
use planlint_diagnostics::{markdown_cell as cell, markdown_code as code, Diagnostic, Lang};

fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

fn header(cells: &[&str]) -> String {
    let mut out = row(&cells.iter().map(|c| c.to_string()).collect::<Vec<_>>());
    out.push_str(&row(&vec!["---".to_string(); cells.len()]));
    out
}

fn or_dash(value: Option<&str>) -> String {
    match value.filter(|v| !v.trim().is_empty()) {
        Some(v) => cell(v),
        None => "—".to_string(),
    }
}

fn nature(row: &RowFacts, lang: Lang) -> String {
    let word = words::nature(row.nature, lang);
    if row.nature_given {
        word.to_string()
    } else {
        match lang {
            Lang::Zh => format!("{word}（未标明）"),
            Lang::En => format!("{word} (not stated)"),
        }
    }
}

/// Renders the report as Markdown, ending with a newline.
pub fn markdown(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let title = report
        .plan
        .as_ref()
        .map_or(report.file.as_str(), words::title);
    out.push_str(&format!(
        "# {}{}{}\n\n",
        pick(lang, "规划衔接审查报告", "Plan alignment review"),
        pick(lang, "：", ": "),
        cell(title)
    ));
    if let Some(plan) = &report.plan {
        out.push_str(&format!("{}\n\n", cell(&words::plan_line(plan, lang))));
    }

    // The verdict.
    out.push_str(&format!(
        "## {} {}\n\n{}\n\n",
        words::outcome_sign(report.outcome),
        words::outcome_word(report.outcome, lang),
        words::outcome_sentence(report, lang)
    ));
    let counts: Vec<String> = words::counts(report.counts, lang)
        .into_iter()
        .map(|(_, _, t)| t)
        .collect();
    out.push_str(&format!("{}\n\n", counts.join(" · ")));
    for (sign, label, names) in words::attention(report, lang) {
        out.push_str(&format!(
            "- {sign} **{label}**{}{}\n",
            pick(lang, "：", ": "),
            cell(&names.join(pick(lang, "、", ", ")))
        ));
    }
    let rules = words::by_rule(report, lang);
    if !rules.is_empty() {
        let kinds: Vec<String> = rules
            .iter()
            .map(|(severity, label, n)| {
                format!("{} {} ×{n}", words::severity_sign(*severity), cell(label))
            })
            .collect();
        out.push_str(&format!(
            "- {}{}\n",
            pick(lang, "问题分类：", "Findings by kind: "),
            kinds.join(" · ")
        ));
    }
    out.push('\n');
    if !report.gaps.is_empty() {
        out.push_str(&format!("**{}**\n\n", words::gaps_heading(report, lang)));
        for gap in &report.gaps {
            out.push_str(&format!("- {}\n", cell(&gap.sentence(report, lang))));
        }
        out.push('\n');
    }
    if report.plan.is_some() {
        let tally: Vec<String> = words::tally(report, lang)
            .into_iter()
            .map(|(t, bad)| if bad { format!("**{t}**") } else { t })
            .collect();
        if !tally.is_empty() {
            out.push_str(&format!("{}\n\n", tally.join(" · ")));
        }
    }

    if let Some(plan) = &report.plan {
        // The plans.
        out.push_str(&format!(
            "## {}\n\n",
            pick(lang, "本规划与上级规划", "The plan and the plans above it")
        ));
        out.push_str(&header(&[
            "",
            pick(lang, "标题", "Title"),
            pick(lang, "层级", "Level"),
            pick(lang, "规划期", "Period"),
            pick(lang, "文件", "File"),
        ]));
        let plan_row = |who: String, p: &crate::PlanFacts| {
            row(&[
                who,
                format!("{} ({})", cell(words::title(p)), code(&p.id)),
                p.level
                    .map_or("—".to_string(), |l| words::level(l, lang).to_string()),
                p.period.map_or("—".to_string(), |p| p.to_string()),
                code(&p.file),
            ])
        };
        out.push_str(&plan_row(
            pick(lang, "本规划", "This plan").to_string(),
            plan,
        ));
        for (i, a) in report.ancestors.iter().enumerate() {
            let who = match (i, lang) {
                (0, Lang::Zh) => "上级".to_string(),
                (0, Lang::En) => "Parent".to_string(),
                (n, Lang::Zh) => format!("上{}级", n + 1),
                (n, Lang::En) => format!("Ancestor {}", n + 1),
            };
            out.push_str(&plan_row(who, a));
        }
        out.push('\n');

        indicators(&mut out, report, lang);
        unmatched(&mut out, report, lang);
        sections(&mut out, report, lang);
    }
    findings(&mut out, report, lang);
    if report.plan.is_some() {
        exemptions(&mut out, report, lang);
    }
    if !report.problems.is_empty() {
        let list: Vec<&Diagnostic> = report.problems.iter().collect();
        out.push_str(&format!("## {}\n\n", words::problems_heading(lang)));
        out.push_str(&planlint_diagnostics::formats::markdown::findings_table(
            &list, lang,
        ));
        out.push('\n');
    }
    out.push_str(&format!(
        "---\n\n{}\n",
        match lang {
            Lang::Zh => format!(
                "由 {} 依据规划文件 {} 生成。结论依据规划文件所载的文字和数据，供审查人员参考，不代替审查意见。",
                cell(&report.generator),
                code(&report.file)
            ),
            Lang::En => format!(
                "Made by {} from the plan file {}. The verdicts rest on what the plan file states; they inform the reviewer's opinion and do not replace it.",
                cell(&report.generator),
                code(&report.file)
            ),
        }
    ));
    out
}

fn verdict_cell(line: &IndicatorLine, lang: Lang) -> String {
    let mut text = format!(
        "{} **{}**",
        words::verdict_sign(line.verdict),
        words::verdict_word(line.verdict, lang)
    );
    if line.downgraded {
        text.push_str(&format!("；⇣ **{}**", words::downgraded(lang)));
    }
    text.push_str(&format!("<br>{}", cell(line.reason.get(lang))));
    for reason in &line.exempted {
        text.push_str(&format!(
            "<br>{}{}",
            pick(lang, "已豁免：", "exempted: "),
            cell(reason)
        ));
    }
    text
}

fn indicators(out: &mut String, report: &Report, lang: Lang) {
    out.push_str(&format!(
        "## {}\n\n",
        pick(lang, "一、指标对照", "1. Indicators side by side")
    ));
    if report.indicators.is_empty() {
        out.push_str(&format!("{}\n\n", words::no_indicator_lines(report, lang)));
        return;
    }
    let common = report.common_source();
    if let Some(sentence) = words::stand_in(report, lang) {
        out.push_str(&format!("{}\n\n", cell(&sentence)));
    }
    out.push_str(&header(&[
        "#",
        pick(lang, "指标", "Indicator"),
        pick(lang, "上级目标", "Ancestor's target"),
        pick(lang, "本规划：基期 → 目标", "This plan: baseline → target"),
        pick(lang, "结论", "Verdict"),
    ]));
    for (i, line) in report.indicators.iter().enumerate() {
        let w = &line.wanted;
        let mut name = cell(&w.name);
        if let Some(unit) = &w.unit {
            name.push_str(&format!(" ({})", cell(unit)));
        }
        let from = report.ancestors.get(line.source);
        if let Some(source) = from.filter(|_| line.source > 0 && common.is_none()) {
            name.push_str(&format!(
                "<br>{}{}",
                pick(lang, "来源：", "from: "),
                cell(words::title(source))
            ));
        }
        let mut wanted = or_dash(w.target.as_deref());
        if w.nature_given {
            wanted.push_str(&format!("<br>{}", nature(w, lang)));
        }
        let plan = match &line.row {
            Some(r) => {
                let mut text = format!(
                    "{} → {}<br>{}",
                    or_dash(r.baseline.as_deref()),
                    or_dash(r.target.as_deref()),
                    nature(r, lang)
                );
                if r.name != w.name {
                    text.push_str(&format!("<br>{}", cell(&r.name)));
                }
                text
            }
            None => pick(lang, "*无此指标*", "*no such row*").to_string(),
        };
        out.push_str(&row(&[
            (i + 1).to_string(),
            name,
            wanted,
            plan,
            verdict_cell(line, lang),
        ]));
    }
    out.push('\n');
}

fn unmatched(out: &mut String, report: &Report, lang: Lang) {
    out.push_str(&format!(
        "## {}\n\n",
        pick(
            lang,
            "二、上级未列的本规划指标",
            "2. The plan's own indicators, not in the plans above"
        )
    ));
    if !report.has_table {
        out.push_str(pick(
            lang,
            "本规划没有指标表。\n\n",
            "The plan has no indicator table.\n\n",
        ));
        return;
    }
    if report.unmatched.is_empty() {
        out.push_str(pick(
            lang,
            "本规划的每项指标都对应上级的一项指标。\n\n",
            "Every row of the plan matches an indicator above it.\n\n",
        ));
        return;
    }
    out.push_str(&header(&[
        pick(lang, "行", "Row"),
        pick(lang, "指标", "Indicator"),
        pick(lang, "基期 → 目标", "Baseline → target"),
        pick(lang, "性质", "Nature"),
    ]));
    for r in &report.unmatched {
        let mut name = cell(&r.name);
        if let Some(unit) = &r.unit {
            name.push_str(&format!(" ({})", cell(unit)));
        }
        out.push_str(&row(&[
            or_dash(r.no.as_deref()),
            name,
            format!(
                "{} → {}",
                or_dash(r.baseline.as_deref()),
                or_dash(r.target.as_deref())
            ),
            nature(r, lang),
        ]));
    }
    out.push('\n');
}

fn sections(out: &mut String, report: &Report, lang: Lang) {
    out.push_str(&format!(
        "## {}\n\n",
        pick(lang, "三、板块覆盖", "3. Required sections")
    ));
    if report.sections.is_empty() {
        out.push_str(&format!("{}\n\n", words::no_section_lines(report, lang)));
        return;
    }
    if !report.has_headings {
        out.push_str(pick(
            lang,
            "本规划文件没有记录标题结构，未检查板块覆盖。\n\n",
            "The plan file records no headings, so section coverage was not checked.\n\n",
        ));
        return;
    }
    out.push_str(&header(&[
        pick(lang, "要求的板块", "Required topic"),
        pick(lang, "提出要求的上级规划", "Required by"),
        pick(lang, "本规划对应的标题", "The plan's heading"),
    ]));
    for s in &report.sections {
        let covered = match (&s.covered_by, &s.exempted) {
            (Some((number, title)), _) => format!(
                "✓ {}{}{}",
                pick(lang, "已覆盖：", "covered: "),
                number
                    .as_deref()
                    .map_or(String::new(), |n| format!("{} ", cell(n))),
                cell(title)
            ),
            (None, Some(reason)) => format!(
                "✗ {}<br>{}",
                pick(lang, "缺失（已豁免）", "missing (exempted)"),
                cell(reason)
            ),
            (None, None) => format!(
                "✗ **{}**<br>{}{}",
                pick(lang, "缺失", "missing"),
                pick(lang, "认可的标题：", "accepted headings: "),
                cell(&s.accepted.join(pick(lang, "、", ", ")))
            ),
        };
        out.push_str(&row(&[
            cell(&s.topic),
            report
                .ancestors
                .get(s.source)
                .map_or(String::new(), |a| cell(words::title(a))),
            covered,
        ]));
    }
    out.push('\n');
}

/// Every finding, in the table `planlint check --format markdown` shows: the open ones,
/// then the exempted ones with the plan's reasons.
fn findings(out: &mut String, report: &Report, lang: Lang) {
    use planlint_diagnostics::formats::markdown::{exempted_table, findings_table};
    out.push_str(&format!(
        "## {}\n\n",
        pick(lang, "四、全部检查结果", "4. Every finding")
    ));
    if report.diagnostics.is_empty() {
        out.push_str(pick(lang, "没有检查结果。\n\n", "No findings.\n\n"));
        return;
    }
    let (open, exempted): (Vec<&Diagnostic>, Vec<&Diagnostic>) = report
        .diagnostics
        .iter()
        .partition(|d| d.exemption.is_none());
    if !open.is_empty() {
        out.push_str(&findings_table(&open, lang));
        out.push('\n');
    }
    if !exempted.is_empty() {
        out.push_str(&format!(
            "### {}\n\n",
            match lang {
                Lang::Zh => format!("已豁免（{}）", exempted.len()),
                Lang::En => format!("exempted ({})", exempted.len()),
            }
        ));
        out.push_str(&exempted_table(&exempted, lang));
        out.push('\n');
    }
}

fn exemptions(out: &mut String, report: &Report, lang: Lang) {
    out.push_str(&format!(
        "## {}\n\n",
        pick(lang, "五、本规划声明的豁免", "5. The plan's exemptions")
    ));
    if report.exemptions.is_empty() {
        out.push_str(pick(
            lang,
            "本规划没有声明豁免。\n\n",
            "The plan declares no exemptions.\n\n",
        ));
        return;
    }
    out.push_str(&header(&[
        pick(lang, "规则", "Rule"),
        pick(lang, "指标或板块", "Indicator or section"),
        pick(lang, "理由", "Reason"),
        pick(lang, "覆盖的问题", "Findings covered"),
    ]));
    for e in &report.exemptions {
        let what = match (&e.indicator, &e.section) {
            (Some(i), _) => cell(i),
            (None, Some(s)) => cell(s),
            (None, None) => pick(lang, "全部", "all").to_string(),
        };
        let covers = if e.covers == 0 {
            pick(
                lang,
                "✗ 未覆盖任何问题，应删除",
                "✗ covers nothing: remove it",
            )
            .to_string()
        } else {
            e.covers.to_string()
        };
        out.push_str(&row(&[code(&e.rule), what, cell(&e.reason), covers]));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_cannot_break_the_table_or_carry_html() {
        assert_eq!(cell("a|b\n<script>&"), "a\\|b<br>&lt;script>&");
        // Escaped for Markdown, not for HTML: a target reads as printed.
        assert_eq!(cell("<10"), "<10");
        assert_eq!(cell("≥95% & R&D"), "≥95% & R&D");
        assert_eq!(
            cell("&lt;b&gt; *x* `y` [z](u)"),
            "&amp;lt;b&amp;gt; \\*x\\* `y` \\[z\\](u)"
        );
        assert_eq!(cell("# 标题"), "\\# 标题");
        assert_eq!(cell("> 引"), "\\> 引");
        assert_eq!(cell("-5%"), "-5%");
        assert_eq!(cell("5~10"), "5~10");
        assert_eq!(cell("~~删~~"), "\\~\\~删\\~\\~");
    }

    /// A plan whose title, row names and explanation carry links and images: the report
    /// shows them as text (a link there led a reader of the pasted report elsewhere, an
    /// image was fetched when it was opened).
    #[test]
    fn links_and_images_from_a_plan_make_none() {
        let hostile = "[批准](https://evil.example) ![](https://t.example/p.png) www.evil.example <https://x.example>";
        let out = cell(hostile);
        // Every bracket escaped: no link text, no image.
        assert!(!out.replace("\\[", "").contains('['), "{out}");
        assert!(!out.replace("\\]", "").contains(']'), "{out}");
        assert!(!out.contains("<https"), "{out}");
        assert!(out.contains("`https://t.example/p.png)`"), "{out}");
        assert!(out.contains("`www.evil.example`"), "{out}");
    }
}
