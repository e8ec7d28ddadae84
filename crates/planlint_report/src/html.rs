//! The report as one self-contained HTML page: inline CSS and SVG, no script, no external
//! file, font or URL, so that it opens offline in any browser and prints on A4.
//!
//! The page is built with maud: every value from a plan enters through `(…)`, which
//! escapes it, so a plan title containing `<script>` shows as text. The stylesheet is this
//! crate's own constant and the only text that enters unescaped.
//!
//! Meaning never rests on colour alone: every verdict has a sign and a word (▼ 弱于上级,
//! ✗ 缺失), every severity a sign, and the chart shows a weaker target outside the grey band
//! of what the parent accepts. The print stylesheet sets A4, repeats table headers on
//! every page and keeps rows whole.

use crate::chart;
use crate::words::{self, pick};
use crate::{IndicatorLine, Outcome, PlanFacts, Report, RowFacts, SectionLine};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use planlint_diagnostics::{Diagnostic, Lang, Severity};

/// The stylesheet: screen first, then print. System fonts only, CJK first.
pub(crate) const CSS: &str = r#"
:root { --red: #b71c1c; --red-bg: #fdecea; --amber: #8a5a00; --amber-bg: #fff4d6;
  --green: #1b5e20; --green-bg: #e8f5e9; --grey: #555; --grey-bg: #f1f1f1; --line: #d0d0d0; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #1a1a1a; background: #fff; line-height: 1.5;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans SC", "SimHei", "Heiti SC",
    system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 14px; }
main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
h1 { font-size: 22px; margin: 2px 0 4px; line-height: 1.3; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #333; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p { margin: 4px 0; }
.kind { color: var(--grey); font-size: 13px; letter-spacing: .05em; }
.facts-line { color: var(--grey); }
.verdict { display: flex; gap: 20px; align-items: center; margin: 14px 0 6px; padding: 14px 18px;
  border: 3px solid; border-radius: 6px; }
.verdict .stamp { flex: none; text-align: center; min-width: 150px; }
.verdict .sign { display: inline-block; width: 52px; height: 52px; line-height: 48px; border: 3px solid;
  border-radius: 50%; font-size: 32px; font-weight: 700; }
.verdict .word { display: block; font-size: 26px; font-weight: 700; margin-top: 4px; }
.verdict .sentence { font-size: 17px; font-weight: 600; }
.o-fails { border-color: var(--red); background: var(--red-bg); color: var(--red); }
.o-warnings { border-color: var(--amber); background: var(--amber-bg); color: var(--amber); }
.o-passes { border-color: var(--green); background: var(--green-bg); color: var(--green); }
.o-notchecked { border-color: var(--grey); background: var(--grey-bg); color: #333; }
.verdict .detail { color: #1a1a1a; }
ul.chips { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 6px; }
ul.chips li { border: 1px solid #999; border-radius: 3px; padding: 0 7px; background: #fff; font-size: 13px; }
ul.chips li.bad { border: 2px solid var(--red); color: var(--red); font-weight: 700; }
ul.chips li.s-error { border-color: var(--red); color: var(--red); }
ul.chips li.s-warning { border-color: var(--amber); color: var(--amber); }
dl.attention { margin: 8px 0 2px; }
dl.attention > div { display: flex; gap: 8px; margin: 2px 0; }
dl.attention dt { flex: none; font-weight: 700; color: var(--red); min-width: 12em; }
dl.attention dd { margin: 0; font-weight: 600; }
.byrule { margin-top: 6px; font-size: 12px; color: #444; }
.incomplete { margin-top: 6px; font-weight: 700; color: var(--red); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
thead th { background: #eceff1; font-weight: 600; font-size: 13px; }
td.no, th.no { width: 2.2em; text-align: right; color: var(--grey); }
.sub { color: var(--grey); font-size: 12px; }
.val { font-weight: 600; }
.none { color: var(--grey); font-style: italic; }
.tag { display: inline-block; border: 1px solid #888; border-radius: 3px; padding: 0 4px; font-size: 12px; }
.tag.binding { border: 2px solid #000; font-weight: 700; }
.tag.down { border: 2px solid var(--red); color: var(--red); font-weight: 700; }
.badge { display: inline-block; border: 2px solid; border-radius: 3px; padding: 0 6px; font-weight: 700;
  white-space: nowrap; margin: 0 4px 2px 0; }
.badge.v-stricter, .badge.v-equal { color: var(--green); background: var(--green-bg); }
.badge.v-weaker { color: var(--red); background: var(--red-bg); }
.badge.v-missing { color: var(--red); background: var(--red-bg); border-style: dashed; }
.badge.v-uncomparable { color: var(--grey); background: var(--grey-bg); border-style: dotted; }
.badge.v-waived { color: var(--grey); background: transparent; }
.badge.down { color: var(--red); background: var(--red-bg); }
.badge.ok { color: var(--green); background: var(--green-bg); }
.badge.exempt { color: var(--grey); background: var(--grey-bg); border-style: dotted; }
tr.v-weaker td:first-child, tr.v-missing td:first-child, tr.down td:first-child,
tr.gap td:first-child { box-shadow: inset 5px 0 0 var(--red); }
tr.v-weaker, tr.v-missing, tr.down, tr.gap { background: #fff8f7; }
.reason { font-size: 12.5px; margin-top: 2px; }
.exempted { font-size: 12.5px; color: var(--grey); margin-top: 2px; }
td.chart { width: 250px; }
td.chart svg { display: block; }
.dir { font-size: 11px; color: var(--grey); }
.legend { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; font-size: 12px; color: #333; margin: 4px 0; }
.legend svg { vertical-align: middle; }
.note { color: #333; font-size: 13px; }
.finding .msg { font-weight: 500; }
.finding .help { font-size: 12.5px; margin-top: 2px; }
.finding .related { font-size: 12px; color: var(--grey); margin-top: 2px; }
.sev { white-space: nowrap; font-weight: 700; }
.sev.s-error { color: var(--red); }
.sev.s-warning { color: var(--amber); }
.sev.s-info { color: var(--grey); }
code, .loc { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; font-size: 12px; }
.loc { color: var(--grey); word-break: break-all; }
footer { margin-top: 30px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--grey); font-size: 12px; }
@page { size: A4; margin: 12mm 10mm 14mm; }
table.plans tbody th, table.plans td:nth-child(4) { white-space: nowrap; }
@media print {
  body { font-size: 9pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 15pt; }
  h2 { font-size: 12pt; margin-top: 14pt; break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  .verdict { break-inside: avoid; padding: 8pt 10pt; }
  .verdict .word { font-size: 18pt; }
  .verdict .sentence { font-size: 11pt; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  tr, .legend { break-inside: avoid; page-break-inside: avoid; }
  th, td { padding: 2pt 3pt; }
  td.chart { width: 60mm; }
  td.chart svg { width: 58mm; height: auto; }
  .sub, .reason, .exempted, .finding .help, .finding .related, code, .loc, .dir { font-size: 8pt; }
}
"#;

fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

/// Renders the report as a complete HTML document.
pub fn html(report: &Report, lang: Lang) -> String {
    let title = match &report.plan {
        Some(plan) => words::title(plan).to_string(),
        None => report.file.clone(),
    };
    let kind = pick(lang, "规划衔接审查报告", "Plan alignment review");
    let page = html! {
        (DOCTYPE)
        html lang=(lang_tag(lang)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(report.generator);
                title { (kind) (pick(lang, "：", ": ")) (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                main {
                    header {
                        p.kind { (kind) }
                        h1 { (title) }
                        @if let Some(plan) = &report.plan {
                            p.facts-line { (words::plan_line(plan, lang)) }
                        }
                    }
                    (verdict(report, lang))
                    @if report.plan.is_some() {
                        (plans(report, lang))
                        (indicators(report, lang))
                        (unmatched(report, lang))
                        (sections(report, lang))
                    }
                    (findings(report, lang))
                    @if report.plan.is_some() {
                        (exemptions(report, lang))
                    }
                    (problems(report, lang))
                    footer {
                        p {
                            (match lang {
                                Lang::Zh => format!("由 {} 依据规划文件 {} 生成。", report.generator, report.file),
                                Lang::En => format!("Made by {} from the plan file {}.", report.generator, report.file),
                            })
                            " "
                            (pick(lang,
                                "结论依据规划文件所载的文字和数据，供审查人员参考，不代替审查意见。",
                                "The verdicts rest on what the plan file states; they inform the reviewer's opinion and do not replace it."))
                        }
                    }
                }
            }
        }
    };
    lines(page.into_string())
}

/// Breaks the page into lines after block-level closing tags, so that its source (and a
/// diff of two reports) reads line by line. Whitespace between these elements does not
/// change the page. Text from a plan never holds a tag: its `<` is escaped.
fn lines(page: String) -> String {
    const AFTER: &[&str] = &[
        "</head>",
        "</style>",
        "</title>",
        "</header>",
        "</section>",
        "</footer>",
        "</h1>",
        "</h2>",
        "</h3>",
        "</p>",
        "</ul>",
        "</li>",
        "</dl>",
        "</table>",
        "</thead>",
        "</tbody>",
        "</tr>",
        "</svg>",
        "<tbody>",
        "<main>",
    ];
    let mut out = page;
    for tag in AFTER {
        out = out.replace(tag, &format!("{tag}\n"));
    }
    out
}

fn outcome_class(outcome: Outcome) -> &'static str {
    crate::look::outcome(&outcome).class
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "s-error",
        Severity::Warning => "s-warning",
        Severity::Info => "s-info",
    }
}

/// The verdict box: what a reviewer reads in ten seconds.
fn verdict(report: &Report, lang: Lang) -> Markup {
    html! {
        section #verdict class={ "verdict " (outcome_class(report.outcome)) } {
            div.stamp {
                span.sign { (words::outcome_sign(report.outcome)) }
                span.word { (words::outcome_word(report.outcome, lang)) }
            }
            div.detail {
                p.sentence { (words::outcome_sentence(report, lang)) }
                ul.chips.counts {
                    @for (severity, some, text) in words::counts(report.counts, lang) {
                        li class=(if some { severity_class(severity) } else { "" }) { (words::severity_sign(severity)) " " (text) }
                    }
                }
                @let attention = words::attention(report, lang);
                @if !attention.is_empty() {
                    dl.attention {
                        @for (sign, label, names) in &attention {
                            div {
                                dt { (sign) " " (label) (match lang { Lang::Zh => format!("（{}）", names.len()), Lang::En => format!(" ({})", names.len()) }) }
                                dd { (names.join(pick(lang, "、", ", "))) }
                            }
                        }
                    }
                }
                @let tally = words::tally(report, lang);
                @if !tally.is_empty() {
                    ul.chips.tally {
                        @for (text, bad) in tally {
                            li class=(if bad { "bad" } else { "" }) { (text) }
                        }
                    }
                }
                @let rules = words::by_rule(report, lang);
                @if !rules.is_empty() {
                    p.byrule {
                        span.sub { (pick(lang, "问题分类：", "Findings by kind: ")) }
                        @for (i, (severity, label, n)) in rules.iter().enumerate() {
                            @if i > 0 { span.sep { " · " } }
                            span class={ "sev " (severity_class(*severity)) } { (words::severity_sign(*severity)) }
                            " " (label) " ×" (n)
                        }
                    }
                }
                @if !report.gaps.is_empty() {
                    div.incomplete {
                        p { (words::gaps_heading(report, lang)) }
                        ul { @for gap in &report.gaps { li { (gap.sentence(report, lang)) } } }
                    }
                }
            }
        }
    }
}

fn plan_cells(plan: &PlanFacts, lang: Lang) -> Markup {
    html! {
        td { span.val { (words::title(plan)) } div.sub { "id " (plan.id) } }
        td { (plan.level.map_or("—", |l| words::level(l, lang))) }
        td { (plan.period.map_or("—".to_string(), |p| p.to_string())) }
        td {
            @if let Some(issuer) = &plan.issuer { (issuer) br; }
            @if let Some(issued) = &plan.issued { span.sub { (issued) } }
        }
        td.loc { (plan.file) }
    }
}

/// The plan and its ancestors: titles, levels, periods.
fn plans(report: &Report, lang: Lang) -> Markup {
    let Some(plan) = &report.plan else {
        return html! {};
    };
    html! {
        section #plans {
            h2 { (pick(lang, "本规划与上级规划", "The plan and the plans above it")) }
            table.plans {
                thead { tr {
                    th {}
                    th { (pick(lang, "标题", "Title")) }
                    th { (pick(lang, "层级", "Level")) }
                    th { (pick(lang, "规划期", "Period")) }
                    th { (pick(lang, "印发", "Issued")) }
                    th { (pick(lang, "文件", "File")) }
                } }
                tbody {
                    tr { th { (pick(lang, "本规划", "This plan")) } (plan_cells(plan, lang)) }
                    @for (i, a) in report.ancestors.iter().enumerate() {
                        tr {
                            th { (ancestor_word(i, lang)) }
                            (plan_cells(a, lang))
                        }
                    }
                }
            }
            @if report.ancestors.is_empty() {
                p.note { (pick(lang,
                    "本规划没有可对照的上级规划（规划未写明上级规划，或所写的上级规划不在规划库中），因此没有可承接的指标和板块要求。",
                    "The plan has no usable parent (none is named, or the one named was not found), so there are no indicators or sections to carry.")) }
            }
        }
    }
}

fn ancestor_word(i: usize, lang: Lang) -> String {
    match (i, lang) {
        (0, Lang::Zh) => "上级".to_string(),
        (0, Lang::En) => "Parent".to_string(),
        (n, Lang::Zh) => format!("上{}级", n + 1),
        (n, Lang::En) => format!("Ancestor {}", n + 1),
    }
}

fn value_or_none(value: Option<&str>, none: &'static str) -> Markup {
    match value.filter(|v| !v.trim().is_empty()) {
        Some(v) => html! { span.val { (v) } },
        None => html! { span.none { (none) } },
    }
}

fn nature_tag(row: &RowFacts, lang: Lang, downgraded: bool) -> Markup {
    let word = words::nature(row.nature, lang);
    html! {
        @if downgraded {
            span.tag.down { "⇣ " (word) }
        } @else if row.nature == planlint_model::Nature::Binding {
            span.tag.binding { (word) }
        } @else {
            span.tag { (word) }
        }
        @if !row.nature_given {
            " " span.sub { (pick(lang, "（未标明，按预期性）", "(not stated: expected)")) }
        }
    }
}

fn row_no(row: &RowFacts, lang: Lang) -> String {
    match (&row.no, lang) {
        (Some(no), Lang::Zh) => format!("第{no}行"),
        (Some(no), Lang::En) => format!("row {no}"),
        (None, Lang::Zh) => format!("文件第{}行", row.line),
        (None, Lang::En) => format!("line {}", row.line),
    }
}

fn legend(lang: Lang) -> Markup {
    let (band, parent, plan, base, better) = match lang {
        Lang::Zh => (
            "上级可接受的范围",
            "上级目标",
            "本规划目标（绿：不弱于上级，红：弱于上级）",
            "本规划基期值",
            "较优方向",
        ),
        Lang::En => (
            "what the parent accepts",
            "parent's target",
            "plan's target (green: at least as strict, red: weaker)",
            "plan's baseline",
            "the better direction",
        ),
    };
    html! {
        div.legend {
            span { svg width="26" height="14" viewBox="0 0 26 14" { rect x="1" y="2" width="24" height="10" fill="#bdbdbd" stroke="#999" stroke-width="0.5" {} } " " (band) }
            span { svg width="10" height="18" viewBox="0 0 10 18" { line x1="5" y1="1" x2="5" y2="17" stroke="#000" stroke-width="2.5" {} } " " (parent) }
            span { svg width="14" height="16" viewBox="0 0 14 16" { polygon points="7,1 13,8 7,15 1,8" fill="#2e7d32" stroke="#000" stroke-width="1" {} } " " (plan) }
            span { svg width="12" height="12" viewBox="0 0 12 12" { circle cx="6" cy="6" r="4" fill="#fff" stroke="#000" stroke-width="1.5" {} } " " (base) }
            span { svg width="14" height="10" viewBox="0 0 14 10" { polygon points="13,5 3,1 3,9" fill="#555" {} } " " (better) }
        }
    }
}

/// The indicator table, side by side.
fn indicators(report: &Report, lang: Lang) -> Markup {
    let common = report.common_source();
    html! {
        section #indicators {
            h2 { (pick(lang, "一、指标对照", "1. Indicators side by side")) }
            @if report.indicators.is_empty() {
                p.note { (words::no_indicator_lines(report, lang)) }
            } @else {
                p.note {
                    (pick(lang,
                        "每行一项本规划须承接的指标：取自上级规划；上级未列出的，取最近一级列出该指标的上级规划。",
                        "One row per indicator the plan must carry: from the parent, or, where the parent is silent, from the nearest ancestor that has it."))
                    @if let Some(sentence) = words::stand_in(report, lang) {
                        " " (sentence)
                    }
                }
                (legend(lang))
                table.indicators {
                    thead { tr {
                        th.no { "#" }
                        th { (pick(lang, "指标", "Indicator")) }
                        th { (pick(lang, "上级目标", "Ancestor's target")) }
                        th { (pick(lang, "本规划：基期 → 目标", "This plan: baseline → target")) }
                        th { (pick(lang, "结论", "Verdict")) }
                        th { (pick(lang, "图示", "Chart")) }
                    } }
                    tbody {
                        @for (i, line) in report.indicators.iter().enumerate() {
                            (indicator_row(report, i, line, common, lang))
                        }
                    }
                }
            }
        }
    }
}

fn indicator_row(
    report: &Report,
    i: usize,
    line: &IndicatorLine,
    common: Option<usize>,
    lang: Lang,
) -> Markup {
    let class = format!(
        "indicator {}{}",
        words::verdict_class(line.verdict),
        if line.downgraded { " down" } else { "" }
    );
    let wanted = &line.wanted;
    let none = pick(lang, "未设目标", "no target");
    html! {
        tr class=(class) {
            td.no { (i + 1) }
            td.name {
                span.val { (wanted.name) }
                @if let Some(unit) = &wanted.unit { " " span.sub { "(" (unit) ")" } }
                @if let Some(row) = &line.row {
                    @if row.name != wanted.name {
                        div.sub { (pick(lang, "本规划写作：", "the plan names it: ")) (row.name) }
                    }
                }
                @if common.is_none() && line.source > 0 {
                    @if let Some(source) = report.ancestors.get(line.source) {
                        div.sub { (pick(lang, "来源：", "from: ")) (words::title(source)) }
                    }
                }
            }
            td.wanted {
                (value_or_none(wanted.target.as_deref(), none))
                @if wanted.nature_given {
                    div.sub { (nature_tag(wanted, lang, false)) }
                }
            }
            td.plan {
                @match &line.row {
                    Some(row) => {
                        (value_or_none(row.baseline.as_deref(), "—"))
                        " → "
                        (value_or_none(row.target.as_deref(), none))
                        @if row.unit.is_some() && row.unit != wanted.unit {
                            " " span.sub { "(" (row.unit.as_deref().unwrap_or("")) ")" }
                        }
                        div.sub { (row_no(row, lang)) " · " (nature_tag(row, lang, line.downgraded)) }
                    }
                    None => {
                        span.none { (pick(lang, "无此指标", "no such row")) }
                    }
                }
            }
            td.judgement {
                span class={ "badge " (words::verdict_class(line.verdict)) } {
                    (words::verdict_sign(line.verdict)) " " (words::verdict_word(line.verdict, lang))
                }
                @if line.downgraded {
                    span.badge.down { "⇣ " (words::downgraded(lang)) }
                }
                div.reason { (line.reason.get(lang)) }
                @for reason in &line.exempted {
                    div.exempted { (pick(lang, "已豁免：", "exempted: ")) (reason) }
                }
            }
            td.chart {
                @if let Some(chart) = &line.chart {
                    (chart::svg(chart, line.verdict, lang))
                    div.dir { (chart::caption(chart, lang)) }
                }
            }
        }
    }
}

/// The plan's rows that match no indicator it must carry.
fn unmatched(report: &Report, lang: Lang) -> Markup {
    html! {
        section #unmatched {
            h2 { (pick(lang, "二、上级未列的本规划指标", "2. The plan's own indicators, not in the plans above")) }
            @if !report.has_table {
                p.note { (pick(lang, "本规划没有指标表。", "The plan has no indicator table.")) }
            } @else if report.unmatched.is_empty() {
                p.note { (pick(lang, "本规划的每项指标都对应上级的一项指标。", "Every row of the plan matches an indicator above it.")) }
            } @else {
                p.note { (pick(lang,
                    "以下各行在上级规划中没有对应指标，无从比较；供了解本规划自设的指标。",
                    "These rows match nothing in the plans above, so there is nothing to compare them with; listed for completeness.")) }
                table.unmatched {
                    thead { tr {
                        th.no { (pick(lang, "行", "Row")) }
                        th { (pick(lang, "指标", "Indicator")) }
                        th { (pick(lang, "基期 → 目标", "Baseline → target")) }
                        th { (pick(lang, "性质", "Nature")) }
                        th { (pick(lang, "读作", "Read as")) }
                    } }
                    tbody {
                        @for row in &report.unmatched {
                            tr {
                                td.no { (row.no.as_deref().unwrap_or("")) }
                                td {
                                    span.val { (row.name) }
                                    @if let Some(unit) = &row.unit { " " span.sub { "(" (unit) ")" } }
                                    div.sub {
                                        @match &row.indicator {
                                            Some(id) => { (pick(lang, "指标目录：", "catalog: ")) code { (id) } }
                                            None => { (pick(lang, "指标目录中没有此指标", "not in the indicator catalog")) }
                                        }
                                    }
                                }
                                td {
                                    (value_or_none(row.baseline.as_deref(), "—"))
                                    " → "
                                    (value_or_none(row.target.as_deref(), pick(lang, "未设目标", "no target")))
                                }
                                td { (nature_tag(row, lang, false)) }
                                td.sub { (row.requirement.get(lang)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn section_row(report: &Report, line: &SectionLine, lang: Lang) -> Markup {
    let missing = line.covered_by.is_none();
    let gap = missing && line.exempted.is_none();
    html! {
        tr class=(if gap { "gap" } else { "" }) {
            td { span.val { (line.topic) } }
            td.sub { (report.ancestors.get(line.source).map_or("", |a| words::title(a))) }
            td {
                @match &line.covered_by {
                    Some((number, title)) => {
                        span.badge.ok { "✓ " (pick(lang, "已覆盖", "covered")) }
                        @if let Some(n) = number { (n) " " }
                        (title)
                    }
                    None => {
                        @if let Some(reason) = &line.exempted {
                            span.badge.exempt { "✗ " (pick(lang, "缺失（已豁免）", "missing (exempted)")) }
                            div.exempted { (reason) }
                        } @else {
                            span.badge.v-missing { "✗ " (pick(lang, "缺失", "missing")) }
                            div.sub { (pick(lang, "认可的标题：", "accepted headings: ")) (line.accepted.join(pick(lang, "、", ", "))) }
                        }
                    }
                }
            }
        }
    }
}

/// The section topics the ancestors require.
fn sections(report: &Report, lang: Lang) -> Markup {
    html! {
        section #sections {
            h2 { (pick(lang, "三、板块覆盖", "3. Required sections")) }
            @if report.sections.is_empty() {
                p.note { (words::no_section_lines(report, lang)) }
            } @else if !report.has_headings {
                p.note { (pick(lang,
                    "本规划文件没有记录标题结构，未检查板块覆盖。",
                    "The plan file records no headings, so section coverage was not checked.")) }
            } @else {
                table.sections {
                    thead { tr {
                        th { (pick(lang, "要求的板块", "Required topic")) }
                        th { (pick(lang, "提出要求的上级规划", "Required by")) }
                        th { (pick(lang, "本规划对应的标题", "The plan's heading")) }
                    } }
                    tbody {
                        @for line in &report.sections { (section_row(report, line, lang)) }
                    }
                }
            }
        }
    }
}

/// Where a finding is: `file:line:column`, or for a .docx, whose lines mean nothing to its
/// reader, the file and the paragraph or table cell its label names.
fn location(label: &planlint_diagnostics::Label, lang: Lang) -> String {
    crate::place(label, lang)
}

fn finding_rows(diagnostics: &[&Diagnostic], lang: Lang, exempted: bool) -> Markup {
    html! {
        table.findings {
            thead { tr {
                th { (pick(lang, "级别", "Severity")) }
                th { (pick(lang, "规则", "Rule")) }
                th { (pick(lang, "说明与修改建议", "Finding and how to fix it")) }
                th { (pick(lang, "位置", "Location")) }
            } }
            tbody {
                @for d in diagnostics {
                    tr.finding {
                        td { span class={ "sev " (severity_class(d.severity)) } { (words::severity_sign(d.severity)) " " (words::severity(d.severity, lang)) } }
                        td { code { (d.code) } }
                        td {
                            div.msg { (d.message.get(lang)) }
                            @if let Some(help) = &d.help {
                                div.help { (pick(lang, "修改建议：", "How to fix: ")) (help.get(lang)) }
                            }
                            @for r in &d.related {
                                div.related { (r.message.get(lang)) " — " span.loc { (location(&r.label, lang)) } }
                            }
                            @if exempted {
                                @if let Some(reason) = &d.exemption {
                                    div.exempted { (pick(lang, "本规划的豁免理由：", "the plan's reason: ")) (reason) }
                                }
                            } @else if let Some(explanation) = &d.explanation {
                                div.exempted { (pick(lang, "规划已说明（请审查人员判断是否采纳）：", "the plan explains (for the reviewer to accept or not): ")) (explanation) }
                            }
                        }
                        td.loc { (location(&d.primary, lang)) }
                    }
                }
            }
        }
    }
}

/// The problems of reading, apart from the findings: the tool's, not the plan's.
fn problems(report: &Report, lang: Lang) -> Markup {
    let list: Vec<&Diagnostic> = report.problems.iter().collect();
    html! {
        @if !list.is_empty() {
            section #problems {
                h2 { (words::problems_heading(lang)) }
                (finding_rows(&list, lang, false))
            }
        }
    }
}

/// Every diagnostic, by severity; exempted ones apart, with the plan's reasons.
fn findings(report: &Report, lang: Lang) -> Markup {
    let open: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.exemption.is_none())
        .collect();
    let exempted: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.exemption.is_some())
        .collect();
    let groups = [Severity::Error, Severity::Warning, Severity::Info].map(|s| {
        (
            s,
            open.iter()
                .copied()
                .filter(|d| d.severity == s)
                .collect::<Vec<_>>(),
        )
    });
    html! {
        section #findings {
            h2 { (pick(lang, "四、全部检查结果", "4. Every finding")) }
            @if report.diagnostics.is_empty() {
                p.note { (pick(lang, "没有检查结果。", "No findings.")) }
            }
            @for (severity, list) in &groups {
                @if !list.is_empty() {
                    h3 { (words::severity_sign(*severity)) " " (match lang {
                        Lang::Zh => format!("{}（{}）", words::severity(*severity, lang), list.len()),
                        Lang::En => format!("{}s ({})", capitalise(words::severity(*severity, lang)), list.len()),
                    }) }
                    (finding_rows(list, lang, false))
                }
            }
            @if !exempted.is_empty() {
                h3 { (match lang {
                    Lang::Zh => format!("已豁免（{}）", exempted.len()),
                    Lang::En => format!("Exempted ({})", exempted.len()),
                }) }
                (finding_rows(&exempted, lang, true))
            }
        }
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The plan's exemptions, with its reasons.
fn exemptions(report: &Report, lang: Lang) -> Markup {
    html! {
        section #exemptions {
            h2 { (pick(lang, "五、本规划声明的豁免", "5. The plan's exemptions")) }
            @if report.exemptions.is_empty() {
                p.note { (pick(lang, "本规划没有声明豁免。", "The plan declares no exemptions.")) }
            } @else {
                table.exemptions {
                    thead { tr {
                        th { (pick(lang, "规则", "Rule")) }
                        th { (pick(lang, "指标或板块", "Indicator or section")) }
                        th { (pick(lang, "理由", "Reason")) }
                        th { (pick(lang, "覆盖的问题", "Findings covered")) }
                    } }
                    tbody {
                        @for e in &report.exemptions {
                            tr class=(if e.covers == 0 { "gap" } else { "" }) {
                                td { code { (e.rule) } }
                                td {
                                    @if let Some(i) = &e.indicator { (i) }
                                    @if let Some(s) = &e.section { (s) }
                                    @if e.indicator.is_none() && e.section.is_none() { span.none { (pick(lang, "全部", "all")) } }
                                }
                                td { (e.reason) }
                                td {
                                    @if e.covers == 0 {
                                        span.badge.v-missing { "✗ " (pick(lang, "未覆盖任何问题，应删除", "covers nothing: remove it")) }
                                    } @else {
                                        (e.covers)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
