//! The review opinion (审查意见) on one plan, as the reviewer sends it: the draft of a
//! letter in the form such letters take, for the reviewer to edit and sign.
//!
//! 关于《…》的审查意见, the addressee (the plan's issuing body), the basis of the review
//! (the plans above it), the overall opinion, then the points grouped by kind — 指标衔接,
//! 目标值, 指标属性, 章节设置, and anything else — each naming the row by the number the
//! plan prints (序号), the requirement of the plan above, and what to change; then what the
//! plan has explained itself (规划已说明), for the reviewer to accept or not; and the
//! indicator comparison as an attached table (附表).
//!
//! Everything is made from the report's data, never from rule ids or file keys: a point
//! about a weaker target is written from the two rows and their requirements, not from the
//! finding's message. Findings of other kinds (a custom rule, a check of the text) are
//! written from their message, which the rules keep in the same register.
//! [`crate::docx`] writes the letter as a Word document.

use crate::look;
use crate::overview::{line_about, target_text, unmatched_about};
use crate::{IndicatorLine, Outcome, PlanFacts, Report, RowFacts, SectionLine, Verdict};
use planlint_diagnostics::{Diagnostic, Lang, Severity};
use planlint_model::Nature;

/// One block of the letter, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// The title, centred.
    Title(String),
    /// The addressee, flush left, ending with a colon.
    Addressee(String),
    /// A paragraph of body text, its first line indented.
    Body(String),
    /// A numbered heading of the first rank: 一、总体意见.
    Heading(String),
    /// The signature and the date, right-aligned.
    Signature(String),
    /// The attached table: it starts a new page, in landscape.
    Annex {
        label: String,
        title: String,
        header: Vec<String>,
        rows: Vec<AnnexRow>,
        note: String,
    },
}

/// One row of the attached table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnexRow {
    pub cells: Vec<String>,
    /// The verdict's key and colours for the last cell.
    pub look: look::Look,
}

/// The whole letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opinion {
    /// The title, also the document's title property.
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Opinion {
    /// The letter as plain text: a line per paragraph, a line per table row with its cells
    /// between ` | ` — how it reads back from the Word document.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Title(t)
                | Block::Addressee(t)
                | Block::Body(t)
                | Block::Heading(t)
                | Block::Signature(t) => {
                    out.push_str(t);
                    out.push('\n');
                }
                Block::Annex {
                    label,
                    title,
                    header,
                    rows,
                    note,
                } => {
                    for line in [label, title] {
                        out.push_str(line);
                        out.push('\n');
                    }
                    out.push_str(&header.join(" | "));
                    out.push('\n');
                    for row in rows {
                        out.push_str(&row.cells.join(" | "));
                        out.push('\n');
                    }
                    out.push_str(note);
                    out.push('\n');
                }
            }
        }
        out
    }
}

/// The numbers of the first rank: 一、二、… (and 1. 2. in English).
fn rank1(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}、", chinese_number(n)),
        Lang::En => format!("{n}. "),
    }
}

/// The numbers of the second rank: （一）（二）… (and (1) (2) in English).
fn rank2(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{}）", chinese_number(n)),
        Lang::En => format!("({n}) "),
    }
}

/// 1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五: the numbers a letter counts with.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n < 10 {
        return DIGITS[n].to_string();
    }
    // The units digit, left out when it is zero (二十, not 二十零).
    let units = if n.is_multiple_of(10) {
        ""
    } else {
        DIGITS[n % 10]
    };
    if n < 20 {
        return format!("十{units}");
    }
    if n < 100 {
        return format!("{}十{units}", DIGITS[n / 10]);
    }
    if n < 1000 {
        let rest = n % 100;
        let tail = match rest {
            0 => String::new(),
            1..=9 => format!("零{}", DIGITS[rest]),
            10..=19 => format!("一{}", chinese_number(rest)),
            _ => chinese_number(rest),
        };
        return format!("{}百{tail}", DIGITS[n / 100]);
    }
    n.to_string()
}

/// A plan's title in book-title marks: 《…》, without marks it already has.
fn book(plan: &PlanFacts) -> String {
    let title = crate::words::title(plan);
    let bare = title.trim_start_matches('《').trim_end_matches('》');
    format!("《{bare}》")
}

/// How a row is named: by the number the plan prints (指标表第5项), and its name.
fn row_ref(row: &RowFacts, lang: Lang) -> String {
    let no = row
        .no
        .as_deref()
        .map(|n| {
            n.trim()
                .trim_matches(|c: char| {
                    matches!(c, '.' | '、' | '．' | '(' | ')' | '（' | '）' | ' ')
                })
                .to_string()
        })
        .filter(|n| !n.is_empty());
    match (no, lang) {
        (Some(no), Lang::Zh) => format!("指标表第{no}项“{}”", row.name),
        (None, Lang::Zh) => format!("指标表中“{}”一项", row.name),
        (Some(no), Lang::En) => format!("row {no} of the indicator table, “{}”", row.name),
        (None, Lang::En) => format!("the indicator “{}”", row.name),
    }
}

/// The ancestor an indicator or a section comes from, as the letter names it: the parent
/// is 上级规划 (named once in the opening), a plan further up by its title.
fn source_name(report: &Report, source: usize, lang: Lang) -> String {
    match (source, report.ancestors.get(source)) {
        (0, _) | (_, None) => crate::words::pick(lang, "上级规划", "the parent plan").to_string(),
        (_, Some(plan)) => book(plan),
    }
}

/// A requirement in words (不低于80%), or the target as printed where it has none.
fn requirement(row: &RowFacts, lang: Lang) -> String {
    let text = row.requirement.get(lang).trim();
    // The requirement in words is shown where it adds a figure (不低于78.1岁 for “提高1岁左右”),
    // not where it only says a target is vague.
    let unreadable = !text.chars().any(|c| c.is_ascii_digit()) || text.contains("无法");
    match target_text(row) {
        Some(target) if unreadable => format!("“{target}”"),
        Some(target) => match lang {
            Lang::Zh => format!("“{target}”（即{text}）"),
            Lang::En => format!("“{target}” ({text})"),
        },
        None => crate::words::pick(lang, "（未设目标值）", "(no target set)").to_string(),
    }
}

fn nature(n: Nature, lang: Lang) -> &'static str {
    match (n, lang) {
        (Nature::Binding, Lang::Zh) => "约束性",
        (Nature::Expected, Lang::Zh) => "预期性",
        (Nature::Binding, Lang::En) => "binding",
        (Nature::Expected, Lang::En) => "expected",
    }
}

/// The kinds of point, in the letter's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Carry,
    Target,
    Nature,
    Sections,
    Other,
}

impl Kind {
    fn heading(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Kind::Carry => ("关于指标衔接", "Indicators to carry"),
            Kind::Target => ("关于目标值", "Targets"),
            Kind::Nature => ("关于指标属性", "Binding and expected indicators"),
            Kind::Sections => ("关于章节设置", "Sections"),
            Kind::Other => ("其他问题", "Other points"),
        };
        crate::words::pick(lang, zh, en)
    }

    /// The kind of a finding by its rule; a rule the letter does not know is "other".
    fn of(code: &str) -> Kind {
        match code {
            "missing-indicator" | "duplicate-row" | "similar-indicator-name" => Kind::Carry,
            "weaker-target"
            | "slack-target"
            | "direction-conflict"
            | "text-table-mismatch"
            | "unreadable-target"
            | "uncomparable-target"
            | "unit-mismatch" => Kind::Target,
            "binding-downgrade" => Kind::Nature,
            "missing-section" => Kind::Sections,
            _ => Kind::Other,
        }
    }
}

/// The rules whose points the letter writes from the indicator and section lines.
const FROM_LINES: [&str; 4] = [
    "missing-indicator",
    "weaker-target",
    "binding-downgrade",
    "missing-section",
];

/// The review opinion on a report's plan, in `lang`.
pub fn opinion(report: &Report, lang: Lang) -> Opinion {
    let zh = lang == Lang::Zh;
    let Some(plan) = &report.plan else {
        return unreadable(report, lang);
    };
    let title = match lang {
        Lang::Zh => format!("关于{}的审查意见", book(plan)),
        Lang::En => format!("Review opinion on {}", book(plan)),
    };
    let mut blocks = vec![Block::Title(title.clone())];
    // A plan issued jointly is answered to the body that leads, named first; a name printed
    // in traditional characters is written in the letter's simplified ones.
    let issuer = plan.issuer.as_ref().and_then(|i| {
        let lead = i.split(['、', '，', ',', ';', '；']).next()?.trim();
        (!lead.is_empty()).then(|| planlint_model::names::simplify(lead))
    });
    blocks.push(Block::Addressee(match (&issuer, lang) {
        (Some(issuer), Lang::Zh) => format!("{issuer}："),
        (Some(issuer), Lang::En) => format!("To {issuer}:"),
        (None, Lang::Zh) => "（报送单位）：".to_string(),
        (None, Lang::En) => "To (the submitting body):".to_string(),
    }));
    blocks.push(Block::Body(opening(report, plan, lang)));

    let mut points: Vec<(Kind, String)> = Vec::new();
    let mut explained: Vec<String> = Vec::new();
    indicator_points(report, lang, &mut points, &mut explained);
    section_points(report, lang, &mut points, &mut explained);
    other_points(report, lang, &mut points, &mut explained);
    points.sort_by_key(|(kind, _)| *kind);

    let mut n = 1;
    blocks.push(Block::Heading(format!(
        "{}{}",
        rank1(n, lang),
        crate::words::pick(lang, "总体意见", "Overall opinion")
    )));
    blocks.push(Block::Body(overall(
        report,
        points.len() + explained.len(),
        lang,
    )));
    let mut kind: Option<Kind> = None;
    let mut m = 0;
    for (k, text) in &points {
        if kind != Some(*k) {
            n += 1;
            m = 0;
            kind = Some(*k);
            blocks.push(Block::Heading(format!(
                "{}{}",
                rank1(n, lang),
                k.heading(lang)
            )));
        }
        m += 1;
        blocks.push(Block::Body(format!("{}{text}", rank2(m, lang))));
    }
    if !explained.is_empty() {
        n += 1;
        blocks.push(Block::Heading(format!(
            "{}{}",
            rank1(n, lang),
            crate::words::pick(lang, "规划已说明的事项", "Points the plan explains")
        )));
        blocks.push(Block::Body(
            crate::words::pick(
                lang,
                "以下事项，规划已说明理由，请审查人员研究是否予以认可。",
                "The plan departs from the plans above it on the points below and gives its reasons; the reviewer decides whether to accept them.",
            )
            .to_string(),
        ));
        for (m, text) in explained.iter().enumerate() {
            blocks.push(Block::Body(format!("{}{text}", rank2(m + 1, lang))));
        }
    }
    if !report.indicators.is_empty() {
        blocks.push(Block::Body(
            crate::words::pick(
                lang,
                "各项指标与上级规划的衔接情况见附表。",
                "The attached table compares every indicator with the plans above.",
            )
            .to_string(),
        ));
    }
    blocks.push(Block::Body(closing(report, lang)));
    blocks.push(Block::Signature(
        crate::words::pick(lang, "（审查单位）", "(Reviewing body)").to_string(),
    ));
    blocks.push(Block::Signature(if zh {
        "年  月  日".to_string()
    } else {
        "Date:".to_string()
    }));
    if !report.indicators.is_empty() {
        blocks.push(annex(report, plan, lang));
    }
    Opinion { title, blocks }
}

fn opening(report: &Report, plan: &PlanFacts, lang: Lang) -> String {
    let parent = report.ancestors.first();
    let others: Vec<String> = report.ancestors.iter().skip(1).map(book).collect();
    match (parent, lang) {
        (Some(parent), Lang::Zh) => {
            let mut basis = format!("{}（以下简称上级规划）", book(parent));
            if !others.is_empty() {
                basis.push_str(&format!("和{}", others.join("、")));
            }
            format!(
                "{}收悉。我们依据{}，对规划的指标设置、目标值、指标属性和章节内容与上级规划的衔接情况进行了审查。现提出以下意见：",
                book(plan),
                basis
            )
        }
        (Some(parent), Lang::En) => {
            let mut basis = format!("{} (the parent plan)", book(parent));
            if !others.is_empty() {
                basis.push_str(&format!(" and {}", others.join(", ")));
            }
            format!(
                "We have received {} and reviewed how its indicators, targets, binding indicators and sections line up with {}. Our opinion follows.",
                book(plan),
                basis
            )
        }
        (None, Lang::Zh) => format!(
            "{}收悉。规划未注明所落实的上级规划，或规划库中没有该上级规划，本次仅对规划自身的指标和目标值进行了审查。现提出以下意见：",
            book(plan)
        ),
        (None, Lang::En) => format!(
            "We have received {}. It names no parent plan that we hold, so only its own indicators and targets were reviewed. Our opinion follows.",
            book(plan)
        ),
    }
}

/// The overall opinion: the verdict in the letter's words, and the indicator tally.
fn overall(report: &Report, points: usize, lang: Lang) -> String {
    // What could not be judged is said first, and a plan with nothing found is then not
    // called well aligned: the verdict waits on what was not checked.
    let gaps: Vec<String> = report
        .gaps
        .iter()
        .map(|gap| letter_gap(*gap, report, lang))
        .collect();
    if report.outcome == Outcome::Undetermined {
        return match lang {
            Lang::Zh => format!(
                "经审查，{}暂不能作出审查结论。已核对的部分{}。",
                gaps.concat(),
                if points > 0 {
                    "有以下问题需要修改完善或说明理由"
                } else {
                    "未发现与上级规划要求不一致的问题"
                }
            ),
            Lang::En => format!(
                "On review, {}so no conclusion can be given yet. In what was checked, {}.",
                gaps.concat(),
                if points > 0 {
                    "the points below are to be revised or explained"
                } else {
                    "we found nothing that departs from the plans above"
                }
            ),
        };
    }
    let n = report.indicators.len();
    let missing = if report.has_table {
        report.count(Verdict::Missing)
    } else {
        0
    };
    let weaker = report.count(Verdict::Weaker);
    let downgraded = report.downgraded();
    let sections = report.sections_missing();
    let verdict = match (report.outcome, lang) {
        // Nothing fails or warns, but something is to be completed or checked (an indicator
        // table that could not be read, the plan's own explanations).
        (Outcome::Passes, Lang::Zh) if points > 0 => {
            "经审查，未发现与上级规划要求明显不一致的问题，但有以下事项需要完善或核实。".to_string()
        }
        (Outcome::Passes, Lang::En) if points > 0 => {
            "We found nothing that clearly departs from the plans above, but the points below are to be completed or checked.".to_string()
        }
        (Outcome::Passes, Lang::Zh) => {
            "经审查，规划与上级规划衔接较好，未发现需要修改的问题，原则同意。".to_string()
        }
        (Outcome::Passes, Lang::En) => {
            "The plan lines up with the plans above it; we found nothing to change and agree to it in principle.".to_string()
        }
        (Outcome::PassesWithWarnings, Lang::Zh) => format!(
            "经审查，规划与上级规划基本衔接，但还有{}处需要修改完善或说明理由，具体意见如下。",
            chinese_count(points)
        ),
        (Outcome::PassesWithWarnings, Lang::En) => format!(
            "The plan broadly lines up with the plans above it, but {points} points need to be revised or explained, as follows."
        ),
        (Outcome::Fails, Lang::Zh) => format!(
            "经审查，规划有{}处与上级规划要求不一致或存在明显差错，须按以下意见修改后重新报送。",
            chinese_count(points)
        ),
        (Outcome::Fails, Lang::En) => format!(
            "The plan departs from the plans above it or contains clear errors in {points} points, and must be revised as follows and submitted again."
        ),
        // Said above, with what could not be checked.
        (Outcome::Undetermined, _) => String::new(),
    };
    if n == 0 {
        return verdict;
    }
    let tally = match lang {
        Lang::Zh => {
            let mut parts = Vec::new();
            if report.has_table {
                parts.push(format!("缺列{missing}项"));
            }
            parts.push(format!("目标值弱于上级{weaker}项"));
            if report.natures_known() {
                parts.push(format!("约束性指标降为预期性{downgraded}项"));
            } else {
                parts
                    .push("约束性指标是否降为预期性无法核对（上级规划未标明指标属性）".to_string());
            }
            let mut s = format!("上级规划要求承接的{n}项指标中，{}", parts.join("、"));
            if !report.has_table {
                s.push_str("（规划未列出可核对的指标表，缺列情况未能核对）");
            }
            if report.has_headings && !report.sections.is_empty() {
                s.push_str(&format!(
                    "；要求设置的{}个章节内容中，缺少{sections}个",
                    report.sections.len()
                ));
            }
            s.push('。');
            s
        }
        Lang::En => {
            let mut s = format!("Of the {n} indicators the plan must carry, ");
            if report.has_table {
                s.push_str(&format!("{missing} are missing, "));
            }
            if report.natures_known() {
                s.push_str(&format!(
                    "{weaker} have a weaker target and {downgraded} are no longer binding"
                ));
            } else {
                s.push_str(&format!(
                    "{weaker} have a weaker target; whether any is no longer binding cannot be checked (the plans above record no natures)"
                ));
            }
            if !report.has_table {
                s.push_str(" (the plan has no indicator table to check rows against)");
            }
            if report.has_headings && !report.sections.is_empty() {
                s.push_str(&format!(
                    "; of the {} required sections, {sections} are missing",
                    report.sections.len()
                ));
            }
            s.push('.');
            s
        }
    };
    format!(
        "{verdict}{}{tally}",
        if lang == Lang::Zh { "" } else { " " }
    )
}

/// What was not checked, as the reviewing body writes it to the plan's author.
fn letter_gap(gap: crate::Gap, report: &Report, lang: Lang) -> String {
    use crate::Gap;
    if let (Gap::ParentTable, Some(stand_in)) = (gap, crate::verdict::stand_in(report)) {
        return match lang {
            Lang::Zh => format!("上级规划的主要指标表暂未纳入比对，指标暂按《{stand_in}》比对，与上级规划的衔接情况待核对，"),
            Lang::En => format!("the parent plan's table of indicators is not yet available, so the indicators were compared with {stand_in} meanwhile and their alignment with the parent remains to be checked; "),
        };
    }
    let (zh, en) = match gap {
        Gap::Unreadable => ("报送文件未能读取，", "the file submitted could not be read; "),
        Gap::Reference => ("该文件为上级规划文本，不属于本次审查的规划，", "the file is a higher plan's text, not a plan under review; "),
        Gap::Incomplete => ("报送文件部分内容未能读取，", "part of the file submitted could not be read; "),
        Gap::NoParent => ("未能确定规划所落实的上级规划，", "the plan it implements could not be determined; "),
        Gap::ParentTable => ("上级规划的主要指标表暂未纳入比对，指标衔接情况待核对，", "the parent plan's table of indicators is not yet available for comparison, so the indicators remain to be checked; "),
        Gap::NoTable => ("规划的主要指标表未能识别（可能为图片或版式特殊），", "the plan's table of indicators could not be read (a picture, or an unusual layout); "),
        Gap::NoHeadings => ("规划的章节标题未能识别，章节设置待核对，", "the plan's headings could not be read, so its sections remain to be checked; "),
    };
    crate::words::pick(lang, zh, en).to_string()
}

/// 3 → 3, as letters write counts: in figures (Arabic numerals are the rule for counts).
fn chinese_count(n: usize) -> String {
    n.to_string()
}

fn closing(report: &Report, lang: Lang) -> String {
    match (report.outcome, lang) {
        (Outcome::Passes, Lang::Zh) => "以上意见，供参考。".to_string(),
        (Outcome::Passes, Lang::En) => "This opinion is for your reference.".to_string(),
        (Outcome::PassesWithWarnings | Outcome::Fails, Lang::Zh) => {
            "以上意见，请认真研究，修改完善后按程序报送。".to_string()
        }
        (Outcome::PassesWithWarnings | Outcome::Fails, Lang::En) => {
            "Please consider these points and submit the revised plan through the usual procedure."
                .to_string()
        }
        // What is missing is the plan's to give (a table, headings, a readable file)…
        (Outcome::Undetermined, Lang::Zh) if author_gaps(report) => {
            "以上意见，请补齐相关内容后按程序报送，我们将据此完成审查。".to_string()
        }
        (Outcome::Undetermined, Lang::En) if author_gaps(report) => {
            "Please complete what is missing and submit the plan through the usual procedure; the review will then be completed.".to_string()
        }
        // …or the reviewer's (the parent's table, which plan it implements).
        (Outcome::Undetermined, Lang::Zh) => {
            "待上述事项核实后，我们将补充提出审查意见。".to_string()
        }
        (Outcome::Undetermined, Lang::En) => {
            "We will complete this opinion once the points above are settled.".to_string()
        }
    }
}

/// Whether what keeps the verdict back is the plan's to supply.
fn author_gaps(report: &Report) -> bool {
    use crate::Gap;
    report.gaps.iter().any(|g| {
        matches!(
            g,
            Gap::Unreadable | Gap::Incomplete | Gap::NoTable | Gap::NoHeadings
        )
    })
}

fn indicator_points(
    report: &Report,
    lang: Lang,
    points: &mut Vec<(Kind, String)>,
    explained: &mut Vec<String>,
) {
    if !report.has_table && !report.indicators.is_empty() {
        points.push((
            Kind::Carry,
            crate::words::pick(
                lang,
                "规划未列出主要指标表（或指标表未能识别），无法逐项核对上级规划要求承接的指标。建议参照上级规划增列主要指标表，逐项明确指标名称、单位、基期值、目标值和指标属性。",
                "The plan has no indicator table that could be read, so the indicators it must carry cannot be checked one by one. Add a table of the main indicators, each with its name, unit, baseline, target and whether it is binding, following the parent plan.",
            )
            .to_string(),
        ));
    }
    for line in &report.indicators {
        let from = source_name(report, line.source, lang);
        let w = &line.wanted;
        let said =
            |text: String, explained: &mut Vec<String>, points: &mut Vec<(Kind, String)>, kind| {
                if line.exempted.is_empty() {
                    points.push((kind, text));
                } else {
                    explained.push(with_reasons(&text, &line.exempted, lang));
                }
            };
        match (line.verdict, &line.row) {
            (Verdict::Missing, _) if report.has_table => {
                let text = match lang {
                    Lang::Zh => format!(
                        "{from}将“{}”列为{}指标，目标值为{}，本规划指标表未列出该指标。建议增列该指标，目标值不低于{from}要求；确因本地情况不宜列入的，请说明理由。",
                        w.name,
                        nature(w.nature, lang),
                        requirement(w, lang)
                    ),
                    Lang::En => format!(
                        "{from} sets “{}” as a {} indicator with the target {}; the plan's indicator table does not list it. Add it with a target at least as demanding, or explain why it does not apply locally.",
                        w.name,
                        nature(w.nature, lang),
                        requirement(w, lang)
                    ),
                };
                said(text, explained, points, Kind::Carry);
            }
            (Verdict::Weaker, Some(row)) => {
                let parent = compared_parent(line, lang)
                    .map(|p| {
                        format!(
                            "{}（{}）",
                            target_text(w).map(|t| format!("“{t}”")).unwrap_or_default(),
                            p
                        )
                    })
                    .unwrap_or_else(|| requirement(w, lang));
                let text = match lang {
                    Lang::Zh => format!(
                        "{}的目标值为{}，弱于{from}确定的{}。建议将目标值调整到不低于{from}的水平；确有困难的，请说明理由。",
                        row_ref(row, lang),
                        requirement(row, lang),
                        parent
                    ),
                    Lang::En => format!(
                        "The target of {} is {}, weaker than {} set by {from}. Raise it at least to the level of {from}, or explain why it cannot be met.",
                        row_ref(row, lang),
                        requirement(row, lang),
                        parent
                    ),
                };
                said(text, explained, points, Kind::Target);
            }
            _ => {}
        }
        if let (true, Some(row)) = (line.downgraded, &line.row) {
            let text = match lang {
                Lang::Zh => format!(
                    "{}在{from}中为约束性指标，本规划列为{}指标。约束性指标须逐级落实，建议改为约束性指标。",
                    row_ref(row, lang),
                    if row.nature_given { "预期性" } else { "未标明属性的（按预期性）" }
                ),
                Lang::En => format!(
                    "{} is binding in {from}, but {} in the plan. Binding indicators are carried down every level: mark it binding.",
                    row_ref(row, lang),
                    if row.nature_given { "expected" } else { "not marked (so expected)" }
                ),
            };
            said(text, explained, points, Kind::Nature);
        }
    }
}

/// What the parent's target requires of this plan, as the comparison resolved it (a target
/// such as 在2020年基础上提高1岁左右 is resolved on the plan's own baseline): the part of the
/// line's reason after 上级：, which `build` writes as “本规划：…；上级：…”.
fn compared_parent(line: &IndicatorLine, lang: Lang) -> Option<String> {
    let (reason, key, end) = match lang {
        Lang::Zh => (line.reason.zh.as_str(), "上级：", '；'),
        Lang::En => (line.reason.en.as_str(), "the ancestor: ", ';'),
    };
    let start = reason.find(key)? + key.len();
    let rest = &reason[start..];
    let text = rest[..rest.find(end).unwrap_or(rest.len())].trim();
    (!text.is_empty()).then(|| match lang {
        Lang::Zh => format!("即{text}"),
        Lang::En => text.to_string(),
    })
}

/// A point the plan explains, with its reasons quoted.
fn with_reasons(text: &str, reasons: &[String], lang: Lang) -> String {
    // The point's first sentence says what departs; the advice after it is for the plan's
    // authors and is left out here.
    // A full stop ends a sentence; a point between digits (<4.8) does not.
    let end = match lang {
        Lang::Zh => text.find('。'),
        Lang::En => text.find(". "),
    };
    let first = end
        .map_or(text, |at| &text[..at])
        .trim_end_matches(['。', '.']);
    let quoted: Vec<String> = reasons.iter().map(|r| format!("“{}”", r.trim())).collect();
    match lang {
        Lang::Zh => format!("{first}。规划已说明：{}。□认可 □不认可", quoted.join("；")),
        Lang::En => format!(
            "{first}. The plan explains: {}. □ accepted □ not accepted",
            quoted.join("; ")
        ),
    }
}

fn section_points(
    report: &Report,
    lang: Lang,
    points: &mut Vec<(Kind, String)>,
    explained: &mut Vec<String>,
) {
    if report.sections.is_empty() {
        return;
    }
    if !report.has_headings {
        points.push((
            Kind::Sections,
            crate::words::pick(
                lang,
                "未能读取规划的章节标题，无法核对上级规划要求设置的章节内容。请在报送稿中使用规范的章节标题。",
                "The plan's headings could not be read, so the sections the plans above require could not be checked. Use numbered headings in the submitted text.",
            )
            .to_string(),
        ));
        return;
    }
    for line in report.sections.iter().filter(|s| s.covered_by.is_none()) {
        let text = section_point(report, line, lang);
        match &line.exempted {
            None => points.push((Kind::Sections, text)),
            Some(reason) => explained.push(with_reasons(&text, std::slice::from_ref(reason), lang)),
        }
    }
}

fn section_point(report: &Report, line: &SectionLine, lang: Lang) -> String {
    let from = source_name(report, line.source, lang);
    let examples: Vec<String> = line
        .accepted
        .iter()
        .filter(|a| **a != line.topic)
        .take(3)
        .map(|a| format!("“{a}”"))
        .collect();
    match lang {
        Lang::Zh => format!(
            "{from}要求下级规划设置“{}”方面的内容，本规划未见相应章节{}。建议增设相关章节，或在相关章节中予以明确。",
            line.topic,
            if examples.is_empty() {
                String::new()
            } else {
                format!("（如{}等）", examples.join(""))
            }
        ),
        Lang::En => format!(
            "{from} requires the plans below it to cover “{}”; the plan has no such section{}. Add one, or cover the topic in a related section.",
            line.topic,
            if examples.is_empty() {
                String::new()
            } else {
                format!(" (such as {})", examples.join(", "))
            }
        ),
    }
}

/// Findings the indicator and section lines do not cover, written from their rows where
/// the letter knows the rule, from their message otherwise.
fn other_points(
    report: &Report,
    lang: Lang,
    points: &mut Vec<(Kind, String)>,
    explained: &mut Vec<String>,
) {
    for d in &report.diagnostics {
        if FROM_LINES.contains(&d.code.as_str()) {
            continue;
        }
        // A target the plan explains (a note under its table on how it was set) is listed
        // with the plan's reason, for the reviewer to accept or not, whatever its severity.
        // The note explains the target's level, not a unit label or a missing cell.
        const TARGET_LEVEL: [&str; 3] =
            ["regressing-target", "slack-target", "looser-than-previous"];
        if d.exemption.is_none() && TARGET_LEVEL.contains(&d.code.as_str()) {
            if let Some(explanation) = &d.explanation {
                let text = other_point(report, d, lang);
                let first = explanation.split('。').next().unwrap_or(explanation);
                explained.push(with_reasons(&text, &[first.to_string()], lang));
                continue;
            }
        }
        // Notes are for the reviewer's desk, not for the letter, except a target that
        // cannot be compared: the plan's authors must say what it means.
        if d.severity == Severity::Info && d.code != "uncomparable-target" {
            continue;
        }
        let text = other_point(report, d, lang);
        match &d.exemption {
            None => points.push((Kind::of(&d.code), text)),
            Some(reason) => explained.push(with_reasons(&text, std::slice::from_ref(reason), lang)),
        }
    }
}

fn other_point(report: &Report, d: &Diagnostic, lang: Lang) -> String {
    let line: Option<&IndicatorLine> = line_about(report, &d.subject);
    let row = line
        .and_then(|l| l.row.as_ref())
        .or_else(|| unmatched_about(report, &d.subject));
    let name = d.subject.name();
    let mut message = official(d.message.get(lang));
    // The row is named by the number the plan prints: where the message names the
    // indicator, that name becomes the row's reference; elsewhere the reference leads.
    if let (Some(row), Some(name)) = (row, name) {
        let quoted = format!("“{name}”");
        if message.starts_with(&quoted) {
            message.replace_range(..quoted.len(), &row_ref(row, lang));
        } else if !message.contains(&quoted) {
            message = format!(
                "{}{}{message}",
                row_ref(row, lang),
                crate::words::pick(lang, "：", ": ")
            );
        }
    } else if let (None, Some(name)) = (row, name) {
        if !message.contains(name) {
            message = format!("“{name}”{}{message}", crate::words::pick(lang, "：", ": "));
        }
    }
    let advice = match (d.code.as_str(), lang) {
        ("uncomparable-target", Lang::Zh) => {
            Some("请明确目标值的口径，以便与上级规划比较。".to_string())
        }
        ("uncomparable-target", Lang::En) => {
            Some("State the target so that it can be compared with the parent's.".to_string())
        }
        _ => d
            .help
            .as_ref()
            .map(|h| official(h.get(lang)))
            .filter(|h| !h.is_empty()),
    };
    let mut text = sentence(&message);
    if let Some(advice) = advice {
        match lang {
            Lang::Zh => {
                // Advice that starts with what to do takes 建议; advice that starts by
                // stating a fact (基期值已是最好水平，……) stands as it is.
                let advice = advice.trim_start_matches("建议");
                let first = advice.split('，').next().unwrap_or(advice);
                if !(first.contains('已') || first.contains('是')) {
                    text.push_str("建议");
                }
                text.push_str(&sentence(advice));
            }
            Lang::En => {
                text.push(' ');
                text.push_str(&sentence(&advice));
            }
        }
    }
    text
}

/// The words of the plan file's format that a rule's message or help may name (where to
/// write an exemption, which list to add a citation to): a letter never shows them.
const FILE_WORDS: [&str; 12] = [
    "exemptions",
    "exemption",
    "basis",
    "section:",
    "indicator:",
    "rule:",
    "reason:",
    "targets_in_text",
    "requirements",
    "indicators",
    "sections",
    "planlint",
];

/// A rule's text in the letter's register: quotes as “”, the plan file's own words put
/// the way a letter says them, and any clause still naming the file's format left out.
fn official(text: &str) -> String {
    let mut t = text.replace('「', "“").replace('」', "”");
    for (file_words, letter_words) in [
        ("并在 exemptions 中写明理由", "并说明理由"),
        ("在 exemptions 中写明理由", "请说明理由"),
        ("in exemptions", "in the plan"),
        ("补录到 basis", "补入编制依据"),
        ("的规划文件中没有指标行", "未列指标表"),
        ("规划文件", "规划"),
        // A table's rows are 项 in a letter, numbered by their 序号; 行 is for files.
        ("行号", "序号"),
        ("两行", "两项"),
        ("该行", "该项"),
        ("每行", "每项"),
        ("各行", "各项"),
        ("一行", "一项"),
    ] {
        t = t.replace(file_words, letter_words);
    }
    t = row_numbers_as_items(&t);
    // “（section: 重点任务）” and the like.
    while let Some(start) = t.find("（section:") {
        match t[start..].find('）') {
            Some(len) => t.replace_range(start..start + len + '）'.len_utf8(), ""),
            None => break,
        }
    }
    let zh = !t.is_ascii();
    let separator = if zh { '；' } else { ';' };
    let kept: Vec<&str> = t
        .split(separator)
        .filter(|clause| {
            let lower = clause.to_ascii_lowercase();
            !FILE_WORDS.iter().any(|w| {
                lower.match_indices(w).any(|(at, _)| {
                    let before = lower[..at].chars().next_back();
                    let after = lower[at + w.len()..].chars().next();
                    !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                        && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                })
            })
        })
        .collect();
    kept.join(if zh { "；" } else { "; " }).trim().to_string()
}

/// `第15行` → `第15项`: the rows of a table as a letter counts them.
fn row_numbers_as_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('第') {
        out.push_str(&rest[..at]);
        let after = &rest[at + '第'.len_utf8()..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let tail = &after[digits.len()..];
        if !digits.is_empty() && tail.starts_with('行') {
            out.push_str(&format!("第{digits}项"));
            rest = &tail['行'.len_utf8()..];
        } else {
            out.push('第');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A message as a sentence of the letter: trimmed, ending with a full stop.
fn sentence(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        return String::new();
    }
    let ascii = t.is_ascii();
    let ends = ['。', '.', '！', '？', '!', '?'];
    if t.ends_with(ends) {
        t.to_string()
    } else if ascii {
        format!("{t}.")
    } else {
        format!("{t}。")
    }
}

fn annex(report: &Report, plan: &PlanFacts, lang: Lang) -> Block {
    let header: Vec<String> = match lang {
        Lang::Zh => [
            "序号",
            "指标",
            "单位",
            "上级目标值",
            "上级属性",
            "本规划序号",
            "本规划目标值",
            "本规划属性",
            "衔接情况",
        ],
        Lang::En => [
            "No.",
            "Indicator",
            "Unit",
            "Parent's target",
            "Parent's nature",
            "Plan's row",
            "Plan's target",
            "Plan's nature",
            "Standing",
        ],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    // The plan above whose rows the table compares with: the one all lines come from, else
    // the parent; a line from another plan names it.
    let common = report.common_source().unwrap_or(0);
    let rows = report
        .indicators
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let w = &line.wanted;
            // A plan without a table read has no row to judge: its lines say so.
            let judged = report.has_table || line.row.is_some();
            let l = if judged {
                look::cell(line.verdict, line.downgraded)
            } else {
                look::cell(Verdict::NotComparable, false)
            };
            let mut standing = if judged {
                l.word(lang).to_string()
            } else {
                crate::words::pick(lang, "未能核对", "not checked").to_string()
            };
            if !line.exempted.is_empty() {
                standing.push_str(crate::words::pick(lang, "（规划已说明）", " (explained)"));
            }
            if line.source != common {
                if let Some(a) = report.ancestors.get(line.source) {
                    standing.push_str(&match lang {
                        Lang::Zh => format!("（对照{}）", book(a)),
                        Lang::En => format!(" (against {})", book(a)),
                    });
                }
            }
            let (no, target, nat) = match &line.row {
                Some(row) => (
                    row.no.clone().unwrap_or_default(),
                    target_text(row).unwrap_or_else(|| "—".to_string()),
                    nature(row.nature, lang).to_string(),
                ),
                None => ("—".to_string(), "—".to_string(), "—".to_string()),
            };
            AnnexRow {
                cells: vec![
                    (i + 1).to_string(),
                    w.name.clone(),
                    w.unit.clone().unwrap_or_default(),
                    w.target.clone().unwrap_or_else(|| "—".to_string()),
                    nature(w.nature, lang).to_string(),
                    no,
                    target,
                    nat,
                    standing,
                ],
                look: l,
            }
        })
        .collect();
    let parent = report.ancestors.get(common).map(book).unwrap_or_default();
    Block::Annex {
        label: crate::words::pick(lang, "附表", "Attached table").to_string(),
        title: match lang {
            Lang::Zh => format!("{}主要指标与上级规划衔接情况对照表", book(plan)),
            Lang::En => format!("The indicators of {} against the plans above", book(plan)),
        },
        header,
        rows,
        note: match lang {
            Lang::Zh => format!(
                "注：上级目标值、上级属性取自{parent}（标明“对照”的，取自所注规划）；目标值照录规划原文。"
            ),
            Lang::En => format!(
                "Note: the parent's targets and natures are those of {parent} (or of the plan named in the last column); targets are as the plans print them."
            ),
        },
    }
}

fn unreadable(report: &Report, lang: Lang) -> Opinion {
    let title = match lang {
        Lang::Zh => format!("关于“{}”的审查意见", report.file),
        Lang::En => format!("Review opinion on “{}”", report.file),
    };
    let reasons: Vec<String> = report
        .problems
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .take(5)
        .map(|d| sentence(d.message.get(lang)))
        .collect();
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Addressee(crate::words::pick(lang, "（报送单位）：", "To (the submitting body):").to_string()),
        Block::Body(match lang {
            Lang::Zh => format!("报送的文件“{}”无法作为规划读取，未能进行审查。请核对后重新报送。", report.file),
            Lang::En => format!("The file “{}” could not be read as a plan, so it was not reviewed. Please check it and submit it again.", report.file),
        }),
    ];
    for (i, reason) in reasons.iter().enumerate() {
        blocks.push(Block::Body(format!("{}{reason}", rank2(i + 1, lang))));
    }
    blocks.push(Block::Signature(
        crate::words::pick(lang, "（审查单位）", "(Reviewing body)").to_string(),
    ));
    Opinion { title, blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_count_in_chinese_numbers() {
        let cases = [
            (1, "一"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (35, "三十五"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (999, "九百九十九"),
            (1000, "1000"),
        ];
        for (n, words) in cases {
            assert_eq!(chinese_number(n), words, "{n}");
        }
    }

    #[test]
    fn rows_are_named_by_the_number_the_plan_prints() {
        let row = |no: Option<&str>| RowFacts {
            no: no.map(str::to_string),
            name: "孕产妇死亡率".into(),
            unit: Some("/10万".into()),
            baseline: None,
            target: Some("≤14.5".into()),
            nature: Nature::Expected,
            nature_given: true,
            indicator: None,
            requirement: planlint_diagnostics::Text::new("不高于14.5/10万", "at most 14.5/10万"),
            line: 40,
        };
        assert_eq!(
            row_ref(&row(Some("5.")), Lang::Zh),
            "指标表第5项“孕产妇死亡率”"
        );
        assert_eq!(
            row_ref(&row(Some("（12）")), Lang::Zh),
            "指标表第12项“孕产妇死亡率”"
        );
        assert_eq!(row_ref(&row(None), Lang::Zh), "指标表中“孕产妇死亡率”一项");
        assert_eq!(
            requirement(&row(None), Lang::Zh),
            "“≤14.5/10万”（即不高于14.5/10万）"
        );
    }
}
