//! The overview as one HTML page: the verdict of every plan, sortable and filterable, and
//! per parent the matrix of its plans against the indicators they must carry.
//!
//! The page has no script. Sorting and filtering are pure CSS: radio buttons and a
//! `<select>` change nothing but their own `:checked` state, and the stylesheet reads it
//! with `:has()` — a filter hides the rows without the chosen verdict or parent, a sort sets
//! each row's CSS `order` from a custom property holding its rank for that key (the table
//! of plans is laid out as a grid, so `order` moves its rows). Why not a script: the page
//! must open offline from a file and inside the desk, whose policy allows no inline script
//! and shows reports in a frame that runs none; a script file beside the page would be one
//! more thing to lose when the page is mailed. What prints is what is shown: the filter and
//! the order chosen.
//!
//! Every value from a plan enters through maud's `(…)`, which escapes it; the only
//! unescaped text is this module's stylesheet and the rules made from the overview's own
//! indexes (`g3`, `o-fails`).

use crate::look::{self, Look};
use crate::overview::{Cell, Column, Group, Overview, PlanRow};
use crate::words::{self, pick};
use crate::Gap;
use crate::PlanFacts;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use planlint_diagnostics::Lang;

/// The stylesheet: screen first, then print (landscape; A3 where the printer has it, the
/// matrix's columns shrink to fit A4).
const CSS: &str = r#"
:root { --red: #b71c1c; --red-bg: #fdecea; --amber: #8a5a00; --amber-bg: #fff4d6;
  --green: #1b5e20; --green-bg: #e8f5e9; --grey: #555; --grey-bg: #f1f1f1; --line: #d0d0d0;
  --orange: #a33c00; --orange-bg: #ffe9d9; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #1a1a1a; background: #fff; line-height: 1.45;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans SC", "SimHei", "Heiti SC",
    system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 14px; }
main { padding: 16px 20px 40px; }
h1 { font-size: 22px; margin: 2px 0 4px; }
h2 { font-size: 17px; margin: 24px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #333; }
h3 { font-size: 15px; margin: 0; display: inline; }
p { margin: 4px 0; }
a { color: #0b4f8a; }
.kind { color: var(--grey); font-size: 13px; letter-spacing: .05em; }
.sub { color: var(--grey); font-size: 12px; }
ul.chips { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 6px; }
ul.chips li { border: 2px solid; border-radius: 4px; padding: 2px 10px; font-weight: 700; }
ul.chips li.plain { border-color: #999; font-weight: 400; }
.o-fails { color: var(--red); background: var(--red-bg); border-color: var(--red); }
.o-warnings { color: var(--amber); background: var(--amber-bg); border-color: var(--amber); }
.o-passes { color: var(--green); background: var(--green-bg); border-color: var(--green); }
.o-notchecked { color: #333; background: var(--grey-bg); border-color: var(--grey); }
.controls { display: flex; flex-wrap: wrap; gap: 10px 24px; align-items: center; margin: 10px 0;
  padding: 8px 12px; border: 1px solid var(--line); border-radius: 6px; background: #fafafa; }
.controls fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; }
.controls legend { float: left; font-weight: 700; margin-right: 6px; padding: 0; }
.controls label { white-space: nowrap; cursor: pointer; }
.controls select { font: inherit; max-width: 32em; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 3px 6px; vertical-align: top; text-align: left; }
thead th { background: #eceff1; font-weight: 600; font-size: 13px; }
table.plans { display: grid; grid-template-columns: auto minmax(14em, 2fr) auto minmax(10em, 1.4fr) auto repeat(8, auto) minmax(8em, 1fr);
  border-top: 1px solid var(--line); border-left: 1px solid var(--line); }
table.plans thead, table.plans tbody { display: contents; }
table.plans tr { display: grid; grid-column: 1 / -1; grid-template-columns: subgrid; }
table.plans thead tr { order: -1; position: sticky; top: 0; z-index: 1; }
table.plans th, table.plans td { border: 0; border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n.zero { color: #aaa; }
td.n.bad { color: var(--red); font-weight: 700; }
.verdict { white-space: nowrap; font-weight: 700; border: 2px solid; border-radius: 3px; padding: 0 5px; display: inline-block; }
.gaps { font-size: 12px; color: #333; }
.gaps li { margin: 0; }
.gaps ul { margin: 0; padding-left: 1.1em; }
.matrix-wrap { overflow-x: auto; }
details.group { margin: 14px 0 18px; }
details.group > summary { cursor: pointer; padding: 4px 0; }
table.matrix th.col { writing-mode: vertical-rl; text-orientation: upright; white-space: nowrap; font-size: 12px;
  font-weight: 500; padding: 6px 2px; text-align: left; min-width: 1.8em; }
table.matrix th.col.binding { font-weight: 800; }
table.matrix th.col .mark { font-weight: 800; color: #000; }
table.matrix th.plan { white-space: nowrap; font-weight: 500; }
table.matrix td { text-align: center; padding: 2px; min-width: 1.8em; font-weight: 700; }
table.matrix tfoot th, table.matrix tfoot td { font-size: 12px; font-weight: 600; background: #fafafa; }
table.matrix tfoot td.bad { color: var(--red); }
.c-ok { color: var(--green); background: var(--green-bg); }
.c-weaker { color: var(--red); background: var(--red-bg); }
.c-missing { color: var(--red); background: var(--red-bg); outline: 1px dashed var(--red); outline-offset: -3px; }
.c-down { color: var(--orange); background: var(--orange-bg); }
.c-uncomparable { color: var(--grey); background: var(--grey-bg); }
.c-waived { color: var(--grey); background: transparent; }
.c-none { color: #bbb; }
td .ex { font-size: 9px; vertical-align: super; color: #333; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 12px; margin: 6px 0; }
.legend span.key { display: inline-block; min-width: 1.8em; text-align: center; font-weight: 700; border: 1px solid var(--line); }
.general { border: 2px solid var(--red); padding: 6px 10px; border-radius: 4px; }
footer { margin-top: 30px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--grey); font-size: 12px; }
@page { size: A3 landscape; margin: 10mm; }
@media print {
  body { font-size: 8.5pt; }
  main { padding: 0; }
  .controls { display: none; }
  h2 { break-after: avoid; margin-top: 10pt; font-size: 12pt; }
  table.plans thead tr { position: static; }
  table.plans tr, table.matrix tr, details.group > summary { break-inside: avoid; }
  table.matrix thead { display: table-header-group; }
  table.matrix th.col { font-size: 7pt; }
  table.matrix td { font-size: 7.5pt; padding: 0; }
  details.group { break-inside: auto; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Renders the overview as a complete HTML page. `link` gives the address of a plan's full
/// report (relative to the page), or `None` where there is none to link to.
pub fn overview_html(
    overview: &Overview,
    lang: Lang,
    link: &dyn Fn(&PlanRow) -> Option<String>,
) -> String {
    let kind = pick(lang, "规划衔接审查总览", "Plan alignment overview");
    let page = html! {
        (DOCTYPE)
        html lang=(pick(lang, "zh-CN", "en")) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(overview.generator);
                title { (kind) (pick(lang, "：", ": ")) (overview.scope) }
                style { (PreEscaped(CSS)) (PreEscaped(rules(overview))) }
            }
            body {
                main {
                    header {
                        p.kind { (kind) }
                        h1 { (overview.scope) }
                        (totals(overview, lang))
                    }
                    @if !overview.general.is_empty() {
                        (general(overview, lang))
                    }
                    (controls(overview, lang))
                    (plans(overview, lang, link))
                    @if !overview.groups.is_empty() {
                        (matrices(overview, lang, link))
                    }
                    footer {
                        p {
                            (match lang {
                                Lang::Zh => format!("由 {} 生成。", overview.generator),
                                Lang::En => format!("Made by {}.", overview.generator),
                            })
                            " "
                            (pick(lang,
                                "结论依据各规划文件所载的文字和数据，供审查人员参考，不代替审查意见。",
                                "The verdicts rest on what the plan files state; they inform the reviewer's opinion and do not replace it."))
                        }
                    }
                }
            }
        }
    };
    lines(&page.into_string())
}

/// Breaks the page into lines after the closing tags of rows and blocks, in one pass (the
/// page of a national repository is 20 MB), so that its source reads line by line. Text
/// from a plan never holds a tag: its `<` is escaped.
fn lines(page: &str) -> String {
    const AFTER: [&str; 6] = [
        "</tr>", "</thead>", "<tbody>", "</tbody>", "</style>", "</h2>",
    ];
    let mut out = String::with_capacity(page.len() + page.len() / 50);
    let mut rest = page;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match AFTER.iter().find(|tag| rest.starts_with(**tag)) {
            Some(tag) => {
                out.push_str(tag);
                out.push('\n');
                rest = &rest[tag.len()..];
            }
            None => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The class of a group, for the filter: `g3`.
fn group_class(group: Option<usize>) -> String {
    match group {
        Some(g) => format!("g{g}"),
        None => "g-none".to_string(),
    }
}

/// The sort keys: the radio's id suffix, its words, and each row's rank by it.
fn sort_keys(overview: &Overview) -> Vec<(&'static str, (&'static str, &'static str), Vec<usize>)> {
    let rows = &overview.rows;
    let rank = |key: &dyn Fn(&PlanRow) -> (i64, i64, String)| -> Vec<usize> {
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by_key(|&i| key(&rows[i]));
        let mut ranks = vec![0; rows.len()];
        for (position, &i) in order.iter().enumerate() {
            ranks[i] = position;
        }
        ranks
    };
    let name = |r: &PlanRow| {
        r.plan
            .as_ref()
            .map(|p| p.region.clone().unwrap_or_else(|| p.title.clone()))
            .unwrap_or_else(|| r.file.clone())
    };
    vec![
        (
            "outcome",
            ("结论", "verdict"),
            rank(&|r| {
                (
                    i64::from(look::outcome(&r.outcome).rank),
                    -(r.counts.error as i64),
                    name(r),
                )
            }),
        ),
        (
            "errors",
            ("错误数", "errors"),
            rank(&|r| {
                (
                    -(r.counts.error as i64),
                    -(r.counts.warning as i64),
                    name(r),
                )
            }),
        ),
        (
            "warnings",
            ("警告数", "warnings"),
            rank(&|r| {
                (
                    -(r.counts.warning as i64),
                    -(r.counts.error as i64),
                    name(r),
                )
            }),
        ),
        (
            "weaker",
            ("弱于上级", "weaker"),
            rank(&|r| (-(r.tally.weaker as i64), -(r.tally.missing as i64), name(r))),
        ),
        (
            "missing",
            ("缺失指标", "missing"),
            rank(&|r| (-(r.tally.missing as i64), -(r.tally.weaker as i64), name(r))),
        ),
        ("region", ("地区", "region"), rank(&|r| (0, 0, name(r)))),
    ]
}

/// The rules that make the filters and the sorts work: one per verdict that occurs, one
/// per parent, one per sort key. Made only of the overview's own keys and indexes.
fn rules(overview: &Overview) -> String {
    let mut css = String::new();
    for outcome in overview.outcomes() {
        let l = look::outcome(&outcome);
        css.push_str(&format!(
            "body:has(#v-{k}:checked) :is(tr.plan, tr.member):not([data-outcome=\"{k}\"]) {{ display: none; }}\n",
            k = l.key
        ));
    }
    for g in 0..overview.groups.len() {
        css.push_str(&format!(
            "body:has(#parent option[value=\"g{g}\"]:checked) :is(tr.plan, details.group):not(.g{g}) {{ display: none; }}\n"
        ));
    }
    if overview.rows.iter().any(|r| r.group.is_none()) {
        css.push_str("body:has(#parent option[value=\"g-none\"]:checked) :is(tr.plan, details.group):not(.g-none) { display: none; }\n");
    }
    for (key, _, _) in sort_keys(overview) {
        css.push_str(&format!(
            "body:has(#s-{key}:checked) table.plans tbody tr {{ order: var(--{key}); }}\n"
        ));
    }
    css
}

fn totals(overview: &Overview, lang: Lang) -> Markup {
    let total = overview.totals();
    html! {
        p.sub {
            (match lang {
                Lang::Zh => format!("共 {} 个规划，上级规划 {} 个", overview.rows.len(), overview.groups.len()),
                Lang::En => format!("{} plans, {} parent plans", overview.rows.len(), overview.groups.len()),
            })
        }
        ul.chips #totals {
            @for outcome in overview.outcomes() {
                @let l = look::outcome(&outcome);
                li class=(l.class) data-outcome=(l.key) {
                    (l.sign) " " (l.word(lang)) " " (overview.with_outcome(&outcome))
                }
            }
            @for (_, some, text) in words::counts(total, lang) {
                li class=(if some { "plain some" } else { "plain" }) { (text) }
            }
        }
    }
}

fn general(overview: &Overview, lang: Lang) -> Markup {
    html! {
        section.general #general {
            p { strong { (pick(lang, "不属于任何规划的问题（配置、指标目录或规则）：", "Problems of no plan (the configuration, a catalog or a rule):")) } }
            ul {
                @for d in &overview.general {
                    li { (words::severity(d.severity, lang)) " " code { (d.code) } " " (d.message.get(lang)) " " span.sub { (d.primary.location.to_string()) } }
                }
            }
        }
    }
}

fn controls(overview: &Overview, lang: Lang) -> Markup {
    html! {
        div.controls #controls {
            fieldset {
                legend { (pick(lang, "结论", "Verdict")) }
                label { input type="radio" name="verdict" #v-all checked; " " (pick(lang, "全部", "all")) }
                @for outcome in overview.outcomes() {
                    @let l = look::outcome(&outcome);
                    label { input type="radio" name="verdict" id={ "v-" (l.key) }; " " (l.sign) " " (l.word(lang)) }
                }
            }
            label {
                strong { (pick(lang, "上级规划", "Parent")) } " "
                select #parent {
                    option value="" selected { (pick(lang, "全部", "all")) }
                    @for (g, group) in overview.groups.iter().enumerate() {
                        option value={ "g" (g) } { (words::title(&group.parent)) " (" (group.members.len()) ")" }
                    }
                    @if overview.rows.iter().any(|r| r.group.is_none()) {
                        option value="g-none" { (pick(lang, "无上级或无可对照的指标", "no parent, or nothing to compare")) }
                    }
                }
            }
            fieldset {
                legend { (pick(lang, "排序", "Sort by")) }
                label { input type="radio" name="sort" #s-default checked; " " (pick(lang, "按上级", "parent")) }
                @for (key, (zh, en), _) in sort_keys(overview) {
                    label { input type="radio" name="sort" id={ "s-" (key) }; " " (pick(lang, zh, en)) }
                }
            }
        }
    }
}

fn plan_name(row: &PlanRow) -> String {
    match &row.plan {
        Some(plan) => words::title(plan).to_string(),
        None => row.file.clone(),
    }
}

fn linked(name: &str, href: Option<String>) -> Markup {
    html! {
        @match href {
            Some(href) => a href=(href) { (name) },
            None => (name),
        }
    }
}

fn number(n: usize, bad: bool) -> Markup {
    let class = if n == 0 {
        "n zero"
    } else if bad {
        "n bad"
    } else {
        "n"
    };
    html! { td class=(class) { (n) } }
}

fn plans(overview: &Overview, lang: Lang, link: &dyn Fn(&PlanRow) -> Option<String>) -> Markup {
    let keys = sort_keys(overview);
    html! {
        section #plans {
            h2 { (pick(lang, "各规划结论", "The plans")) }
            table.plans {
                thead {
                    tr {
                        th.n { "#" }
                        th { (pick(lang, "规划", "Plan")) }
                        th { (pick(lang, "级别", "Level")) }
                        th { (pick(lang, "上级规划", "Parent")) }
                        th { (pick(lang, "结论", "Verdict")) }
                        th.n { (pick(lang, "错误", "Errors")) }
                        th.n { (pick(lang, "警告", "Warnings")) }
                        th.n { (pick(lang, "提示", "Notes")) }
                        th.n { (pick(lang, "已说明", "Explained")) }
                        th.n { (pick(lang, "缺失指标", "Missing")) }
                        th.n { (pick(lang, "弱于上级", "Weaker")) }
                        th.n { (pick(lang, "降为预期性", "Downgraded")) }
                        th.n { (pick(lang, "缺少板块", "Sections missing")) }
                        th { (pick(lang, "未能判定", "Not judged")) }
                    }
                }
                tbody {
                    @for (i, row) in overview.rows.iter().enumerate() {
                        @let l = look::outcome(&row.outcome);
                        @let style = keys.iter().map(|(k, _, ranks)| format!("--{k}:{}", ranks[i])).collect::<Vec<_>>().join(";");
                        tr class={ "plan " (group_class(row.group)) }
                            style=(style)
                            data-plan=(row.plan.as_ref().map_or("", |p| p.id.as_str()))
                            data-file=(row.file)
                            data-outcome=(l.key)
                            data-error=(row.counts.error) data-warning=(row.counts.warning)
                            data-info=(row.counts.info) data-exempted=(row.counts.exempted)
                        {
                            td.n { (i + 1) }
                            td {
                                (linked(&plan_name(row), link(row)))
                                @if let Some(plan) = &row.plan {
                                    @if let Some(region) = &plan.region { br; span.sub { (region) } }
                                }
                            }
                            td { (row.plan.as_ref().and_then(|p| p.level).map_or("", |l| words::level(l, lang))) }
                            td { @if let Some(parent) = &row.parent { (words::title(parent)) } }
                            td { span class={ "verdict " (l.class) } { (l.sign) " " (l.word(lang)) }
                                }
                            (number(row.counts.error, true))
                            (number(row.counts.warning, true))
                            (number(row.counts.info, false))
                            (number(row.counts.exempted, false))
                            (number(row.tally.missing, true))
                            (number(row.tally.weaker, true))
                            (number(row.tally.downgraded, true))
                            (number(row.tally.sections_missing, true))
                            td.gaps {
                                @if !row.gaps.is_empty() {
                                    ul { @for gap in &row.gaps { li { (gap.word(lang)) } } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn matrices(overview: &Overview, lang: Lang, link: &dyn Fn(&PlanRow) -> Option<String>) -> Markup {
    html! {
        section #matrix {
            h2 { (pick(lang, "指标对照矩阵", "Indicators, plan by plan")) }
            p.sub { (pick(lang,
                "每个上级规划一张表：行是落实它的规划，列是它们须承接的指标（上级规划的指标表，或其上级的）。鼠标停在格子上可见两级目标值。",
                "One table per parent plan: a row per plan implementing it, a column per indicator they must carry (the parent's table, or a plan's above it). Hover over a cell for both targets.")) }
            (legend(lang))
            @for (g, group) in overview.groups.iter().enumerate() {
                (matrix(overview, g, group, lang, link))
            }
        }
    }
}

fn legend(lang: Lang) -> Markup {
    use crate::Verdict as V;
    let keys = [
        look::cell(V::Stricter, false),
        look::cell(V::Equal, false),
        look::cell(V::Weaker, false),
        look::cell(V::Missing, false),
        look::cell(V::Stricter, true),
        look::cell(V::NotComparable, false),
    ];
    html! {
        div.legend {
            @for l in keys {
                span { span class={ "key " (l.class) } { (l.sign) } " " (l.word(lang)) }
            }
            span { span.key.c-none { "·" } " " (pick(lang, "未读到指标表，不作判断", "no table read: not judged")) }
            span { span.key { "★" } " " (pick(lang, "上级为约束性指标", "binding in the parent")) }
            span { span.key { "*" } " " (pick(lang, "规划已说明理由", "the plan explains it")) }
        }
    }
}

fn column_title(column: &Column, lang: Lang) -> String {
    let w = &column.wanted;
    let mut parts = vec![w.name.clone()];
    if let Some(unit) = &w.unit {
        parts.push(format!("（{unit}）"));
    }
    let target = w.target.clone().unwrap_or_else(|| "—".to_string());
    match lang {
        Lang::Zh => format!(
            "{}\n{}：{}（{}）",
            parts.concat(),
            words::title(&column.source),
            target,
            words::nature(w.nature, lang)
        ),
        Lang::En => format!(
            "{}\n{}: {} ({})",
            parts.concat(),
            words::title(&column.source),
            target,
            words::nature(w.nature, lang)
        ),
    }
}

/// The hover text of a cell: both targets and the verdict.
fn cell_title(column: &Column, cell: &Cell, l: &Look, lang: Lang) -> String {
    let w = &column.wanted;
    let parent = format!(
        "{}{}",
        w.target.clone().unwrap_or_else(|| "—".to_string()),
        w.unit.as_ref().map(|u| format!(" {u}")).unwrap_or_default()
    );
    let plan = match &cell.row {
        Some(row) => {
            let no = row.no.clone().unwrap_or_default();
            format!(
                "{}{}{}（{}）",
                if no.is_empty() {
                    String::new()
                } else {
                    format!("{} ", no.trim_end_matches(['.', '、']))
                },
                row.target.clone().unwrap_or_else(|| "—".to_string()),
                row.unit
                    .as_ref()
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default(),
                words::nature(row.nature, lang)
            )
        }
        None => pick(lang, "未列", "absent").to_string(),
    };
    match lang {
        Lang::Zh => format!(
            "{}\n上级：{}（{}）\n本规划：{}\n{}{}",
            w.name,
            parent,
            words::nature(w.nature, lang),
            plan,
            l.zh,
            if cell.explained {
                "（规划已说明）"
            } else {
                ""
            }
        ),
        Lang::En => format!(
            "{}\nparent: {} ({})\nplan: {}\n{}{}",
            w.name,
            parent,
            words::nature(w.nature, lang),
            plan,
            l.en,
            if cell.explained {
                " (explained by the plan)"
            } else {
                ""
            }
        ),
    }
}

fn short(plan: Option<&PlanFacts>, file: &str) -> String {
    match plan {
        Some(p) => p
            .region
            .clone()
            .unwrap_or_else(|| words::title(p).to_string()),
        None => file.to_string(),
    }
}

fn matrix(
    overview: &Overview,
    g: usize,
    group: &Group,
    lang: Lang,
    link: &dyn Fn(&PlanRow) -> Option<String>,
) -> Markup {
    let weaker: usize = group.columns.iter().map(|c| c.weaker).sum();
    let missing: usize = group.columns.iter().map(|c| c.missing).sum();
    html! {
        details class={ "group g" (g) } open data-group=(group.parent.id) {
            summary {
                h3 { (words::title(&group.parent)) }
                " "
                span.sub { (match lang {
                    Lang::Zh => format!("{} 个规划 · {} 项指标 · 弱于上级 {} 处 · 缺失 {} 处", group.members.len(), group.columns.len(), weaker, missing),
                    Lang::En => format!("{} plans · {} indicators · {} weaker · {} missing", group.members.len(), group.columns.len(), weaker, missing),
                }) }
            }
            div.matrix-wrap {
                table.matrix {
                    thead {
                        tr {
                            th { (pick(lang, "规划", "Plan")) }
                            @for column in &group.columns {
                                th class={ "col" @if column.wanted.nature == planlint_model::Nature::Binding { " binding" } }
                                    title=(column_title(column, lang)) {
                                    @if column.wanted.nature == planlint_model::Nature::Binding { span.mark { "★" } }
                                    (column.wanted.name)
                                }
                            }
                        }
                    }
                    tbody {
                        @for (r, cells) in &group.members {
                            @let row = &overview.rows[*r];
                            @let l = look::outcome(&row.outcome);
                            tr.member data-outcome=(l.key) data-plan=(row.plan.as_ref().map_or("", |p| p.id.as_str())) {
                                th.plan title=(plan_name(row)) { (linked(&short(row.plan.as_ref(), &row.file), link(row))) " " span.sub { (l.sign) } }
                                @for (column, cell) in group.columns.iter().zip(cells) {
                                    @match cell {
                                        Some(cell) => {
                                            @let c = look::cell(cell.verdict, cell.downgraded);
                                            td class=(c.class) data-v=(c.key) title=(cell_title(column, cell, &c, lang)) {
                                                (c.sign) @if cell.explained { span.ex { "*" } }
                                            }
                                        }
                                        None => td.c-none data-v="none" { "·" }
                                    }
                                }
                            }
                        }
                    }
                    tfoot {
                        (footer_row(pick(lang, "弱于上级", "weaker"), group.columns.iter().map(|c| c.weaker)))
                        (footer_row(pick(lang, "缺失", "missing"), group.columns.iter().map(|c| c.missing)))
                        (footer_row(pick(lang, "降为预期性", "downgraded"), group.columns.iter().map(|c| c.downgraded)))
                    }
                }
            }
        }
    }
}

fn footer_row(label: &str, counts: impl Iterator<Item = usize>) -> Markup {
    html! {
        tr {
            th { (label) }
            @for n in counts {
                td class=(if n > 0 { "bad" } else { "" }) { @if n > 0 { (n) } }
            }
        }
    }
}

/// The gaps of a row in words, for the other renderers.
pub fn gaps_text(gaps: &[Gap], lang: Lang) -> String {
    gaps.iter()
        .map(|g| g.word(lang))
        .collect::<Vec<_>>()
        .join(pick(lang, "；", "; "))
}
