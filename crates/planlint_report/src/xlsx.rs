//! The overview as an Excel workbook (.xlsx), for the reviewer who sorts, filters and
//! forwards: a sheet of plans (one row each), the matrix of plans against their parent's
//! indicators, and every finding as a filterable table.
//!
//! Written with rust_xlsxwriter, which writes the Office Open XML that Excel itself writes
//! (shared strings, styles, table parts) and is tested against files Excel saved, so the
//! workbook opens without a repair prompt in Excel, WPS and LibreOffice. Every value is a
//! plain string or number (no formula), so nothing in a plan can become a formula.

use crate::look::{self, Look};
use crate::overview::{line_about, target_text, unmatched_about, Overview};
use crate::words::{self, pick};
use crate::Report;
use planlint_diagnostics::Lang;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Table, TableColumn,
    TableStyle, Workbook, Worksheet, XlsxError,
};

/// Excel's limit on the characters of a cell.
const CELL_LIMIT: usize = 32_000;

/// The sheets' names, in both languages.
pub const SHEETS: [(&str, &str); 3] = [
    ("各规划结论", "Plans"),
    ("指标对照矩阵", "Matrix"),
    ("问题清单", "Findings"),
];

/// The workbook of `overview`, whose rows index `reports`. Fails only where the writer
/// does (a sheet beyond Excel's limits).
pub fn xlsx(overview: &Overview, reports: &[Report], lang: Lang) -> Result<Vec<u8>, String> {
    write(overview, reports, lang).map_err(|e| e.to_string())
}

fn write(overview: &Overview, reports: &[Report], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // Excel stamps a workbook with the time it was made; planlint's output is the same
    // bytes for the same input, so the stamp is a fixed date.
    let stamp = ExcelDateTime::from_ymd(2021, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&stamp));
    let styles = Styles::new();
    plans(
        workbook.add_worksheet().set_name(name(0, lang))?,
        overview,
        &styles,
        lang,
    )?;
    matrix(
        workbook.add_worksheet().set_name(name(1, lang))?,
        overview,
        &styles,
        lang,
    )?;
    findings(
        workbook.add_worksheet().set_name(name(2, lang))?,
        overview,
        reports,
        &styles,
        lang,
    )?;
    workbook.save_to_buffer()
}

fn name(sheet: usize, lang: Lang) -> &'static str {
    pick(lang, SHEETS[sheet].0, SHEETS[sheet].1)
}

/// A cell's text within Excel's limit.
fn cell(text: &str) -> &str {
    match text.char_indices().nth(CELL_LIMIT) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

struct Styles {
    header: Format,
    title: Format,
    wrap: Format,
    column_header: Format,
}

impl Styles {
    fn new() -> Styles {
        let font = "Microsoft YaHei";
        Styles {
            header: Format::new()
                .set_bold()
                .set_font_name(font)
                .set_background_color(Color::RGB(0xECEFF1))
                .set_border(FormatBorder::Thin)
                .set_text_wrap(),
            title: Format::new()
                .set_bold()
                .set_font_name(font)
                .set_font_size(13),
            wrap: Format::new().set_font_name(font).set_text_wrap(),
            column_header: Format::new()
                .set_font_name(font)
                .set_rotation(90)
                .set_align(FormatAlign::Center)
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(0xECEFF1)),
        }
    }

    /// A verdict's colours.
    fn look(&self, l: &Look) -> Format {
        Format::new()
            .set_bold()
            .set_font_name("Microsoft YaHei")
            .set_font_color(Color::RGB(l.ink))
            .set_background_color(Color::RGB(l.fill))
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
    }
}

fn headers(
    sheet: &mut Worksheet,
    row: u32,
    names: &[&str],
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (c, n) in names.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, *n, &styles.header)?;
    }
    Ok(())
}

fn plans(
    sheet: &mut Worksheet,
    overview: &Overview,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    let names = match lang {
        Lang::Zh => [
            "序号",
            "规划",
            "地区",
            "级别",
            "上级规划",
            "结论",
            "错误",
            "警告",
            "提示",
            "已说明",
            "须承接指标",
            "缺失",
            "弱于上级",
            "降为预期性",
            "无法比较",
            "缺少板块",
            "未能判定",
            "文件",
        ],
        Lang::En => [
            "No.",
            "Plan",
            "Region",
            "Level",
            "Parent",
            "Verdict",
            "Errors",
            "Warnings",
            "Notes",
            "Explained",
            "Indicators to carry",
            "Missing",
            "Weaker",
            "Downgraded",
            "Not comparable",
            "Sections missing",
            "Not judged",
            "File",
        ],
    };
    headers(sheet, 0, &names, styles)?;
    for (i, row) in overview.rows.iter().enumerate() {
        let r = i as u32 + 1;
        let l = look::outcome(&row.outcome);
        sheet.write_number(r, 0, (i + 1) as f64)?;
        let title = match &row.plan {
            Some(p) => words::title(p).to_string(),
            None => row.file.clone(),
        };
        sheet.write_string(r, 1, cell(&title))?;
        if let Some(plan) = &row.plan {
            if let Some(region) = &plan.region {
                sheet.write_string(r, 2, cell(region))?;
            }
            if let Some(level) = plan.level {
                sheet.write_string(r, 3, words::level(level, lang))?;
            }
        }
        if let Some(parent) = &row.parent {
            sheet.write_string(r, 4, cell(words::title(parent)))?;
        }
        sheet.write_string_with_format(r, 5, l.word(lang), &styles.look(&l))?;
        let t = &row.tally;
        let numbers = [
            row.counts.error,
            row.counts.warning,
            row.counts.info,
            row.counts.exempted,
            t.carried,
            t.missing,
            t.weaker,
            t.downgraded,
            t.uncomparable,
            t.sections_missing,
        ];
        for (k, n) in numbers.iter().enumerate() {
            sheet.write_number(r, 6 + k as u16, *n as f64)?;
        }
        let gaps = crate::overview_html::gaps_text(&row.gaps, lang);
        if !gaps.is_empty() {
            sheet.write_string(r, 16, cell(&gaps))?;
        }
        sheet.write_string(r, 17, cell(&row.file))?;
    }
    let last = overview.rows.len() as u32;
    sheet.autofilter(0, 0, last.max(1), names.len() as u16 - 1)?;
    sheet.set_freeze_panes(1, 2)?;
    sheet.set_column_width(0, 6)?;
    sheet.set_column_width(1, 44)?;
    sheet.set_column_width(2, 14)?;
    sheet.set_column_width(4, 36)?;
    sheet.set_column_width(5, 14)?;
    sheet.set_column_width(16, 24)?;
    sheet.set_column_width(17, 40)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// One block per parent: its title, a row of indicator names, a row per plan with each
/// cell's sign, verdict and the plan's target, and the counts per indicator below.
fn matrix(
    sheet: &mut Worksheet,
    overview: &Overview,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    let mut r: u32 = 0;
    let mut widest = 0;
    for group in &overview.groups {
        let title = match lang {
            Lang::Zh => format!(
                "{}（{} 个规划，{} 项指标）",
                words::title(&group.parent),
                group.members.len(),
                group.columns.len()
            ),
            Lang::En => format!(
                "{} ({} plans, {} indicators)",
                words::title(&group.parent),
                group.members.len(),
                group.columns.len()
            ),
        };
        sheet.write_string_with_format(r, 0, cell(&title), &styles.title)?;
        r += 1;
        sheet.write_string_with_format(r, 0, pick(lang, "规划", "Plan"), &styles.header)?;
        for (c, column) in group.columns.iter().enumerate() {
            let w = &column.wanted;
            let mut head = w.name.clone();
            if w.nature == planlint_model::Nature::Binding {
                head.insert(0, '★');
            }
            if let Some(target) = target_text(w) {
                head.push_str(&format!("（{target}）"));
            }
            sheet.write_string_with_format(r, c as u16 + 1, cell(&head), &styles.column_header)?;
        }
        sheet.set_row_height(r, 150)?;
        widest = widest.max(group.columns.len());
        r += 1;
        for (m, cells) in &group.members {
            let row = &overview.rows[*m];
            let name = match &row.plan {
                Some(p) => p
                    .region
                    .clone()
                    .unwrap_or_else(|| words::title(p).to_string()),
                None => row.file.clone(),
            };
            sheet.write_string(r, 0, cell(&name))?;
            for (c, found) in cells.iter().enumerate() {
                let Some(found) = found else {
                    sheet.write_string(r, c as u16 + 1, "·")?;
                    continue;
                };
                let l = look::cell(found.verdict, found.downgraded);
                let mut text = l.sign.to_string();
                if let Some(target) = found.row.as_ref().and_then(target_text) {
                    text.push(' ');
                    text.push_str(&target);
                }
                if found.explained {
                    text.push('*');
                }
                sheet.write_string_with_format(r, c as u16 + 1, cell(&text), &styles.look(&l))?;
            }
            r += 1;
        }
        let sums: [(&str, Vec<usize>); 3] = [
            (
                pick(lang, "弱于上级（个）", "weaker (plans)"),
                group.columns.iter().map(|c| c.weaker).collect(),
            ),
            (
                pick(lang, "缺失（个）", "missing (plans)"),
                group.columns.iter().map(|c| c.missing).collect(),
            ),
            (
                pick(lang, "降为预期性（个）", "downgraded (plans)"),
                group.columns.iter().map(|c| c.downgraded).collect(),
            ),
        ];
        for (label, counts) in sums {
            sheet.write_string_with_format(r, 0, label, &styles.header)?;
            for (c, n) in counts.iter().enumerate() {
                sheet.write_number(r, c as u16 + 1, *n as f64)?;
            }
            r += 1;
        }
        r += 1;
    }
    if overview.groups.is_empty() {
        sheet.write_string(
            0,
            0,
            pick(
                lang,
                "没有可对照的上级指标。",
                "There are no parent indicators to compare with.",
            ),
        )?;
    }
    sheet.set_column_width(0, 18)?;
    for c in 0..widest {
        sheet.set_column_width(c as u16 + 1, 11)?;
    }
    sheet.set_freeze_panes(0, 1)?;
    sheet.set_landscape();
    sheet.set_paper_size(8);
    Ok(())
}

/// Every finding of every plan, as a table with a filter on each column.
fn findings(
    sheet: &mut Worksheet,
    overview: &Overview,
    reports: &[Report],
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    let names = match lang {
        Lang::Zh => [
            "规划",
            "地区",
            "指标",
            "规则",
            "严重程度",
            "问题",
            "位置",
            "上级目标值",
            "本规划目标值",
            "已说明",
            "说明理由",
        ],
        Lang::En => [
            "Plan",
            "Region",
            "Indicator",
            "Rule",
            "Severity",
            "Message",
            "Place",
            "Parent's target",
            "Plan's target",
            "Explained",
            "Reason given",
        ],
    };
    let mut r: u32 = 0;
    for row in &overview.rows {
        let Some(report) = reports.get(row.report) else {
            continue;
        };
        let title = match &row.plan {
            Some(p) => words::title(p).to_string(),
            None => row.file.clone(),
        };
        let region = row
            .plan
            .as_ref()
            .and_then(|p| p.region.clone())
            .unwrap_or_default();
        for d in &report.diagnostics {
            r += 1;
            let line = line_about(report, &d.subject);
            let (parent_target, plan_target) = match line {
                Some(l) => (target_text(&l.wanted), l.row.as_ref().and_then(target_text)),
                None => (
                    None,
                    unmatched_about(report, &d.subject).and_then(target_text),
                ),
            };
            sheet.write_string(r, 0, cell(&title))?;
            sheet.write_string(r, 1, cell(&region))?;
            if let Some(name) = d.subject.name() {
                sheet.write_string(r, 2, cell(name))?;
            }
            sheet.write_string(r, 3, cell(&d.code))?;
            sheet.write_string(r, 4, words::severity(d.severity, lang))?;
            sheet.write_string_with_format(r, 5, cell(d.message.get(lang)), &styles.wrap)?;
            sheet.write_string(r, 6, cell(&crate::place(&d.primary, lang)))?;
            if let Some(t) = parent_target {
                sheet.write_string(r, 7, cell(&t))?;
            }
            if let Some(t) = plan_target {
                sheet.write_string(r, 8, cell(&t))?;
            }
            sheet.write_string(
                r,
                9,
                if d.exemption.is_some() {
                    pick(lang, "是", "yes")
                } else {
                    pick(lang, "否", "no")
                },
            )?;
            if let Some(reason) = &d.exemption {
                sheet.write_string(r, 10, cell(reason))?;
            }
        }
    }
    let last_col = names.len() as u16 - 1;
    if r == 0 {
        headers(sheet, 0, &names, styles)?;
        sheet.write_string(1, 0, pick(lang, "没有发现问题。", "No findings."))?;
    } else {
        let columns: Vec<TableColumn> = names
            .iter()
            .map(|n| TableColumn::new().set_header(*n))
            .collect();
        let table = Table::new()
            .set_columns(&columns)
            .set_style(TableStyle::Light9)
            .set_name("Findings");
        sheet.add_table(0, 0, r, last_col, &table)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (c, width) in [28, 12, 24, 20, 9, 60, 36, 16, 16, 8, 30]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, width)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}
