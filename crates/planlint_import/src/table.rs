//! Indicator tables: found in the lines of a text file or read from a .docx table, their
//! header mapped to columns, and their rows read cell by cell.
//!
//! Text files print tables in two layouts: one cell per line (blank lines between cells),
//! and cells that start with a tab, continue on untabbed lines ("健康" / "水平") and end
//! their row with a blank line. Either way the importer sees a stream of cells; a row ends
//! at its nature cell (约束性/预期性), begins at its row number, and the cells before the
//! number are the domain (领域), which spans the rows below it until the next one.

use crate::clean::{compact, is_space, tidy, trim, Line};
use crate::document::Origin;

/// One cell of a table as printed, or a value read from one, with where it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub origin: Origin,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Domain,
    No,
    Name,
    Unit,
    Baseline,
    Target,
    Actual,
    Nature,
    /// A column of ticks for 约束性.
    Binding,
    /// A column of ticks for 预期性.
    Expected,
    /// 备注: a remark about the row.
    Note,
}

/// One indicator row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub no: Option<Token>,
    pub domain: Option<Token>,
    pub name: Option<Token>,
    pub unit: Option<Token>,
    pub baseline: Option<Token>,
    pub target: Option<Token>,
    pub actual: Option<Token>,
    pub nature: Option<Token>,
    pub origin: Option<Origin>,
    /// Footnote marks printed after the row's values (superscripts).
    pub marks: Vec<String>,
    /// Footnote texts and 备注 cells of the row.
    pub footnotes: Vec<String>,
    /// The row's note as written to the plan file: its footnotes and the table notes its
    /// marks point at.
    pub note: Option<Token>,
    /// What was guessed while reading the row (Chinese, English), for a comment on it.
    pub guesses: Vec<(String, String)>,
}

/// Something the reader guessed or could not place, at its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remark {
    /// The diagnostic code: `import-skipped`, `import-guessed`, `import-row`, `import-toc`.
    pub code: &'static str,
    pub origin: Origin,
    pub zh: String,
    pub en: String,
}

/// A table read from the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadTable {
    pub title: Option<Token>,
    /// Column roles from the header, in order (value columns only matter).
    pub columns: Vec<Role>,
    pub rows: Vec<Row>,
    /// A previous period's completion table (target and actual), not the new targets.
    pub previous: bool,
    pub origin: Option<Origin>,
    /// Lines (indexes into the cleaned lines) the table took, for text files.
    pub lines: std::ops::Range<usize>,
    pub remarks: Vec<Remark>,
    /// For a .docx table, what each grid column holds.
    pub grid: Option<Grid>,
    /// The label row read last (a row of one cell naming the domain of the rows below).
    pub label: Option<Token>,
    /// The notes printed under the table or in its last row (注：…).
    pub notes: Vec<Token>,
    /// The domain read from the table's title, when the table has no domain column.
    pub domain_from_title: Option<String>,
}

/// What a header cell says its column holds.
pub fn header_role(cell: &str) -> Option<Role> {
    let t = compact(cell);
    if t.is_empty() {
        return None;
    }
    let t = t.as_str();
    Some(match t {
        "领域" | "領域" | "类别" | "類別" | "分类" => Role::Domain,
        "序号" | "序號" | "编号" | "編號" => Role::No,
        "主要指标" | "主要指標" | "指标名称" | "指標名稱" | "指标" | "指標" | "指标内容" => {
            Role::Name
        }
        "单位" | "單位" | "计量单位" => Role::Unit,
        "指标性质" | "指標性質" | "属性" | "屬性" | "性质" | "性質" | "指标属性" | "指標屬性" => {
            Role::Nature
        }
        _ if t.contains("完成") || t.contains("实际") || t.contains("實際") => Role::Actual,
        _ if t.starts_with("主要指标") || t.starts_with("指标名称") => Role::Name,
        _ if t.contains("基期")
            || t.contains("现状")
            || t.contains("基线")
            || t.contains("現狀") =>
        {
            Role::Baseline
        }
        _ if year_of(t).is_some() && t.chars().count() <= 12 => Role::Target, // decided later
        _ if t.contains("目标") || t.contains("目標") => Role::Target,
        _ => return None,
    })
}

/// The year a header cell names ("2020年", "2025年目标值").
pub fn year_of(text: &str) -> Option<u32> {
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &text[digits.len()..];
    (digits.len() == 4 && rest.starts_with('年'))
        .then(|| digits.parse().ok())
        .flatten()
}

/// Whether a cell is an indicator's nature.
pub fn is_nature(cell: &str) -> bool {
    matches!(
        compact(cell).as_str(),
        "约束" | "约束性" | "預期" | "预期" | "预期性" | "預期性" | "約束" | "約束性"
    )
}

/// Units plans print, in a column or in brackets after the name.
const UNITS: &[&str] = &[
    "%",
    "％",
    "‰",
    "/10万",
    "1/10万",
    "/万",
    "岁",
    "歲",
    "人",
    "名",
    "张",
    "張",
    "个",
    "個",
    "所",
    "家",
    "亿元",
    "億元",
    "亿人",
    "億人",
    "万人",
    "萬人",
    "元",
    "万元",
    "萬元",
    "年",
    "次",
    "天",
    "日",
    "人次",
    "床",
    "平方米",
    "米",
    "公里",
    "分钟",
    "小时",
    "项",
    "件",
    "台",
    "辆",
    "‱",
    "%以上",
];

/// Whether a cell is a unit.
pub fn is_unit(cell: &str) -> bool {
    let c = compact(cell);
    UNITS.contains(&c.as_str())
}

fn normal_unit(unit: &str) -> String {
    compact(unit).replace('％', "%")
}

/// Splits a unit printed in brackets after a name: `人均预期寿命（岁）` → (`人均预期寿命`,
/// `岁`). A composite row prints the unit after each part (`…管理率(%)和…管理率(%)`): every
/// bracket holding a unit is taken out. Brackets that are part of the name (`执业(助理)`)
/// stay.
pub fn split_unit(name: &str) -> (String, Option<String>) {
    let mut out = String::new();
    let mut unit: Option<String> = None;
    let mut rest = name;
    loop {
        let open = rest.find(['(', '（']);
        let Some(at) = open else {
            out.push_str(rest);
            break;
        };
        let after = &rest[at..];
        let open_len = after.chars().next().map_or(1, char::len_utf8);
        let Some(close) = after[open_len..].find([')', '）']) else {
            out.push_str(rest);
            break;
        };
        let inner = &after[open_len..open_len + close];
        let close_len = after[open_len + close..]
            .chars()
            .next()
            .map_or(1, char::len_utf8);
        let whole = open_len + close + close_len;
        if is_unit(inner) {
            out.push_str(&rest[..at]);
            if unit.is_none() {
                unit = Some(normal_unit(inner));
            }
        } else {
            out.push_str(&rest[..at + whole]);
        }
        rest = &after[whole..];
    }
    (tidy(&out), unit)
}

fn is_row_number(cell: &str) -> Option<u32> {
    let c = compact(cell);
    (!c.is_empty() && c.len() <= 3 && c.bytes().all(|b| b.is_ascii_digit()))
        .then(|| c.parse().ok())
        .flatten()
}

/// Cells of a text-file table, from `start` (the first header line) to where the table
/// ends. Returns the cells and the index of the first line after the table.
fn text_cells(lines: &[Line], start: usize) -> (Vec<Token>, usize) {
    let tabbed = lines[start].text.starts_with('\t');
    let mut cells: Vec<Token> = Vec::new();
    let mut i = start;
    let mut after_blank = false;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() && !line.text.contains('\t') {
            after_blank = true;
            i += 1;
            continue;
        }
        let long = compact(&line.text).chars().count() > 40
            || (line.text.contains('。') && compact(&line.text).chars().count() > 16);
        if tabbed {
            if line.text.starts_with('\t') {
                let mut column = 1u32;
                let mut first = true;
                let pieces: Vec<&str> = line.text.split('\t').skip(1).collect();
                // Trailing empty pieces after a filled cell are layout, not cells.
                let keep = pieces
                    .iter()
                    .rposition(|p| !trim(p).is_empty())
                    .map_or(1, |p| p + 1);
                for piece in &pieces[..keep.min(pieces.len())] {
                    let origin = match line.origin {
                        Origin::Line { line, .. } => Origin::Line {
                            line,
                            column: column + 1,
                        },
                        other => other,
                    };
                    if first || !trim(piece).is_empty() {
                        cells.push(Token {
                            text: trim(piece).to_string(),
                            origin,
                        });
                    }
                    first = false;
                    column += piece.chars().count() as u32 + 1;
                }
                after_blank = false;
            } else if !after_blank && !cells.is_empty() && !long {
                // A cell continued on the next line: "健康" / "水平".
                if let Some(last) = cells.last_mut() {
                    last.text.push_str(trim(&line.text));
                }
            } else {
                break;
            }
        } else {
            if long
                || crate::headings::numbered(&line.text).is_some_and(|n| {
                    !matches!(n.style, crate::headings::Style::ArDot) || n.rest.chars().count() > 12
                })
            {
                break;
            }
            let col = line.text.chars().take_while(|&c| is_space(c)).count() as u32;
            let origin = match line.origin {
                Origin::Line { line, .. } => Origin::Line {
                    line,
                    column: col + 1,
                },
                other => other,
            };
            cells.push(Token {
                text: trim(&line.text).to_string(),
                origin,
            });
        }
        i += 1;
    }
    (cells, i)
}

/// Splits the header cells off a table's cells: the leading cells that name columns.
fn take_header(cells: &[Token]) -> (Vec<Role>, usize) {
    let mut roles = Vec::new();
    let mut used = 0;
    for cell in cells {
        if cell.text.is_empty() {
            // An empty header cell over the domain or number column.
            used += 1;
            continue;
        }
        match header_role(&cell.text) {
            Some(role) => {
                roles.push((role, compact(&cell.text)));
                used += 1;
            }
            None => break,
        }
    }
    // Year columns: the earlier is the baseline, the later the target, unless the table
    // is a completion table whose year columns are target and actual.
    let years: Vec<u32> = roles.iter().filter_map(|(_, t)| year_of(t)).collect();
    let latest = years.iter().max().copied();
    let roles = roles
        .into_iter()
        .map(|(role, text)| match (role, year_of(&text)) {
            (Role::Target, Some(y)) if Some(y) != latest && !text.contains("目标") => {
                Role::Baseline
            }
            (Role::Target, Some(_)) if text.contains("基期") => Role::Baseline,
            _ => role,
        })
        .collect();
    (roles, used)
}

/// Reads a table whose header starts at `start` in the cleaned lines of a text file.
pub fn read_text_table(lines: &[Line], start: usize, title: Option<Token>) -> ReadTable {
    let (cells, end) = text_cells(lines, start);
    let (columns, used) = take_header(&cells);
    let mut table = ReadTable {
        previous: is_previous(&columns, title.as_ref()),
        title,
        columns,
        origin: Some(lines[start].origin),
        lines: start..end,
        ..ReadTable::default()
    };
    let body = &cells[used..];
    // Rows end at their nature cell; a row missing it ends where the next row number is.
    let mut row: Vec<Token> = Vec::new();
    let mut expected = 1u32;
    for (k, cell) in body.iter().enumerate() {
        // A row number (the next one, or the last one repeated) followed by a name.
        let starts_next = is_row_number(&cell.text)
            .is_some_and(|n| n >= 1 && (n == expected || n + 1 == expected))
            && row.iter().any(|t| is_row_number(&t.text).is_some())
            && row.len() >= 3
            && body.get(k + 1).is_some_and(|t| {
                !is_value_like(&t.text) && !is_nature(&t.text) && !t.text.is_empty()
            });
        // Ends the row being collected; the next row number expected follows the last one.
        let mut end_row = |row: &mut Vec<Token>, has_nature: bool, expected: &mut u32| {
            table.push_row(std::mem::take(row), has_nature);
            let last = table.rows.last().and_then(|r| r.no.as_ref());
            if let Some(n) = last.and_then(|v| is_row_number(&v.text)) {
                *expected = n + 1;
            }
        };
        if starts_next {
            end_row(&mut row, false, &mut expected);
        }
        row.push(cell.clone());
        if is_nature(&cell.text) {
            end_row(&mut row, true, &mut expected);
        }
    }
    if !row.is_empty() {
        let origin = row[0].origin;
        let text: Vec<&str> = row.iter().map(|t| t.text.as_str()).collect();
        table.remarks.push(Remark {
            code: "import-row",
            origin,
            zh: format!("表格末尾有无法归入任何一行的单元格：{}", text.join(" | ")),
            en: format!(
                "cells at the end of the table fit no row: {}",
                text.join(" | ")
            ),
        });
    }
    table
}

/// A cell of a .docx table as the table reader takes it: its text (cleaned), its place,
/// its grid column, and what Word's markup says of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridCell {
    pub text: String,
    pub origin: Origin,
    /// The 1-based grid column.
    pub column: u32,
    /// A copy of a cell spanning several grid columns (`w:gridSpan`), not a cell itself.
    pub copy: bool,
    /// The continuation of a cell merged down from the row above (`w:vMerge`).
    pub merged: bool,
    /// Superscript footnote marks printed after the text.
    pub marks: Vec<String>,
    /// The texts of the footnotes the cell refers to.
    pub notes: Vec<String>,
}

/// How a .docx table's columns were read: a role per grid column (0-based), and the
/// header's texts, by which a part of the table repeated after a page break is known.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    pub roles: Vec<Option<Role>>,
    pub header: Vec<String>,
}

/// Words that label a group of value columns in a two-row header ("指标值" over
/// 2020年 and 2025年).
fn group_label(text: &str) -> bool {
    let t = compact(text);
    [
        "指标值",
        "指标数值",
        "数值",
        "指標值",
        "指标值情况",
        "规划指标值",
    ]
    .contains(&t.as_str())
}

/// The nature a header cell of a ticked column names: 约束性 or 预期性 as a column.
fn nature_column(text: &str) -> Option<Role> {
    let t = compact(text);
    match t.trim_end_matches(['性', '指', '标']) {
        "约束" | "約束" => Some(Role::Binding),
        "预期" | "預期" => Some(Role::Expected),
        _ => None,
    }
}

/// Whether a cell may sit in a header row below the first.
fn header_like(text: &str) -> bool {
    header_role(text).is_some() || group_label(text) || nature_column(text).is_some()
}

/// Whether a ticked-column cell is ticked.
fn ticked(text: &str) -> bool {
    let t = compact(text);
    !t.is_empty() && t.chars().all(|c| "√✓✔☑✅●○◎■★☆*＊是Yy".contains(c))
}

/// A row number as a numbered list prints it in a cell ("1.", "1、", "（1）") or as typed.
fn grid_row_number(text: &str) -> Option<String> {
    let c = compact(text);
    let c = c
        .trim_start_matches(['(', '（'])
        .trim_end_matches(['.', '、', '．', ')', '）']);
    is_row_number(c).map(|n| n.to_string())
}

/// What a column of a .docx table holds, from its header cells top to bottom (repeats
/// of one merged cell counted once). Year columns are `Target` here with their year; the
/// caller makes the earlier ones baselines.
fn column_role(texts: &[String]) -> (Option<Role>, Option<u32>) {
    if let Some(role) = texts.iter().find_map(|t| nature_column(t)) {
        return (Some(role), None);
    }
    let joined: String = texts.iter().map(|t| compact(t)).collect();
    let j = simplify_header(&joined);
    let year = texts.iter().find_map(|t| year_of(&compact(t)));
    if j.contains("完成") || j.contains("实际") {
        return (Some(Role::Actual), year);
    }
    if ["基期", "现状", "基线", "基数"]
        .iter()
        .any(|w| j.contains(w))
    {
        return (Some(Role::Baseline), year);
    }
    if j.contains("目标") || j.contains("规划值") || j.contains("预期值") {
        return (Some(Role::Target), year);
    }
    if year.is_some() {
        return (Some(Role::Target), year);
    }
    for t in texts.iter().rev() {
        let c = compact(t);
        if matches!(c.as_str(), "备注" | "備註" | "说明" | "說明" | "注") {
            return (Some(Role::Note), None);
        }
        if let Some(role) = header_role(&c) {
            return (Some(role), None);
        }
    }
    (None, None)
}

/// Traditional header words read as simplified (the few a header uses).
fn simplify_header(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '實' => '实',
            '際' => '际',
            '現' => '现',
            '狀' => '状',
            '線' => '线',
            '數' => '数',
            '標' => '标',
            '規' => '规',
            '劃' => '划',
            '預' => '预',
            c => c,
        })
        .collect()
}

/// How many leading rows of a .docx table are its header: a first row naming at least two
/// columns, and the rows under it whose new cells are all column names, group labels or
/// years (a two-row header).
fn grid_header_rows(rows: &[Vec<GridCell>]) -> usize {
    let mut count = 0;
    for row in rows {
        let filled: Vec<&GridCell> = row
            .iter()
            .filter(|c| !c.copy && !c.text.trim().is_empty())
            .collect();
        if count == 0 {
            let named = filled
                .iter()
                .filter(|c| header_role(&c.text).is_some())
                .count();
            if named >= 2 && named * 2 >= filled.len() {
                count = 1;
                continue;
            }
            break;
        }
        let fresh: Vec<&&GridCell> = filled.iter().filter(|c| !c.merged).collect();
        if !fresh.is_empty()
            && fresh
                .iter()
                .all(|c| header_like(&c.text) && grid_row_number(&c.text).is_none())
        {
            count += 1;
        } else {
            break;
        }
    }
    count
}

/// The roles of a table's grid columns from its header rows.
fn grid_roles(header: &[Vec<GridCell>]) -> Grid {
    let width = header
        .iter()
        .flatten()
        .map(|c| c.column as usize)
        .max()
        .unwrap_or(0);
    let mut found: Vec<(Option<Role>, Option<u32>)> = Vec::with_capacity(width);
    let mut keys = Vec::with_capacity(width);
    for column in 1..=width {
        let mut texts: Vec<String> = Vec::new();
        for row in header {
            if let Some(cell) = row.iter().find(|c| c.column as usize == column) {
                let t = compact(&cell.text);
                if !t.is_empty() && texts.last() != Some(&t) {
                    texts.push(t);
                }
            }
        }
        keys.push(texts.concat());
        found.push(column_role(&texts));
    }
    // Year columns: the latest is the target, the earlier ones baselines, unless the
    // header says which (基期值 2020年 / 目标值 2025年).
    let latest = found.iter().filter_map(|(_, y)| *y).max();
    let roles = found
        .iter()
        .zip(&keys)
        .map(|((role, year), key)| match (role, year) {
            (Some(Role::Target), Some(y))
                if Some(*y) != latest && !simplify_header(key).contains("目标") =>
            {
                Some(Role::Baseline)
            }
            _ => *role,
        })
        .collect();
    Grid {
        roles,
        header: keys,
    }
}

/// What a .docx table turned out to be.
#[derive(Debug)]
pub enum GridRead {
    /// An indicator table (or a previous period's).
    Table(Box<ReadTable>),
    /// No header naming indicator columns.
    NoHeader,
}

/// Reads a .docx table: its leading header rows give each grid column a role, and every
/// row below is read column by column. Word's merge markup is followed; nothing else is
/// taken as merged.
pub fn read_grid_table(rows: &[Vec<GridCell>], origin: Origin, title: Option<Token>) -> GridRead {
    let header_rows = grid_header_rows(rows);
    if header_rows == 0 {
        return GridRead::NoHeader;
    }
    let grid = grid_roles(&rows[..header_rows]);
    if !grid.roles.contains(&Some(Role::Name)) {
        return GridRead::NoHeader;
    }
    let columns: Vec<Role> = grid.roles.iter().flatten().copied().collect();
    let mut table = ReadTable {
        previous: is_previous(&columns, title.as_ref()),
        title,
        columns,
        origin: Some(origin),
        grid: Some(grid),
        ..ReadTable::default()
    };
    let has_nature = table
        .columns
        .iter()
        .any(|r| matches!(r, Role::Nature | Role::Binding | Role::Expected));
    if !has_nature && !table.previous {
        let (zh, en) = table_place(origin);
        table.remark(
            origin,
            format!("{zh}没有指标性质（约束性/预期性）一列，各行的性质未读取，按预期性处理"),
            format!("{en} has no nature column (约束性/预期性); every row is read as expected"),
        );
    }
    table.read_grid_rows(&rows[header_rows..]);
    GridRead::Table(Box::new(table))
}

/// "第 2 张表" / "table 2" for a table's origin.
pub fn table_place(origin: Origin) -> (String, String) {
    match origin {
        Origin::Cell { table, .. } => (format!("第 {table} 张表"), format!("table {table}")),
        other => {
            let (zh, en) = other.describe();
            (format!("{zh}的表"), format!("the table at {en}"))
        }
    }
}

/// Removes a number before a label: "一、健康水平" → 健康水平.
fn strip_number(text: &str) -> String {
    match crate::headings::numbered(text) {
        Some(n) if !trim(&n.rest).is_empty() => tidy(&n.rest),
        _ => tidy(text),
    }
}

impl ReadTable {
    /// Continues this table with the rows of a table printed after it (the rest of it
    /// after a page break): its header, when repeated, must name the same columns, and
    /// without one it must have as many columns. Returns the two widths when it does not
    /// fit.
    pub fn continue_grid(&mut self, rows: &[Vec<GridCell>]) -> Result<(), (usize, usize)> {
        let Some(grid) = &self.grid else {
            return Err((0, 0));
        };
        let width = grid.roles.len();
        let header_rows = grid_header_rows(rows);
        let own = rows
            .iter()
            .flatten()
            .map(|c| c.column as usize)
            .max()
            .unwrap_or(0);
        if header_rows > 0 {
            let again = grid_roles(&rows[..header_rows]);
            if again.roles != grid.roles {
                return Err((width, own));
            }
        } else if own != width {
            return Err((width, own));
        }
        self.read_grid_rows(&rows[header_rows..]);
        Ok(())
    }

    /// Reads the data rows of a .docx table, column by column.
    fn read_grid_rows(&mut self, rows: &[Vec<GridCell>]) {
        let Some(grid) = self.grid.clone() else {
            return;
        };
        for row in rows {
            let cells: Vec<&GridCell> = row.iter().filter(|c| !c.copy).collect();
            let filled: Vec<&&GridCell> =
                cells.iter().filter(|c| !c.text.trim().is_empty()).collect();
            let Some(first) = filled.first() else {
                continue;
            };
            let first_text = compact(&first.text);
            // A note under the table, printed in its last row.
            if filled.len() == 1
                && ["注", "備註", "备注", "说明", "說明"]
                    .iter()
                    .any(|w| first_text.starts_with(w))
            {
                self.notes.push(Token {
                    text: tidy(&first.text),
                    origin: first.origin,
                });
                continue;
            }
            // The header printed again (Word's repeated header rows, or a part after a
            // page break that repeats it).
            let key: Vec<String> = (1..=grid.header.len())
                .map(|col| {
                    row.iter()
                        .find(|c| c.column as usize == col)
                        .map_or(String::new(), |c| compact(&c.text))
                })
                .collect();
            if key
                .iter()
                .zip(&grid.header)
                .filter(|(a, b)| !a.is_empty() && a == b)
                .count()
                >= 2
                && grid_header_rows(std::slice::from_ref(row)) == 1
            {
                continue;
            }
            // A row of one cell across the table names the domain of the rows below.
            let fresh: Vec<&&&GridCell> = filled.iter().filter(|c| !c.merged).collect();
            let spans = row.iter().filter(|c| c.copy).count() > 0;
            if filled.len() == 1
                && fresh.len() == 1
                && (spans || cells.len() == 1)
                && grid_row_number(&first.text).is_none()
                && grid.header.len() > 2
            {
                self.label = Some(Token {
                    text: strip_number(&first.text),
                    origin: first.origin,
                });
                continue;
            }
            let before = self.remarks.len();
            let pushed = self.grid_row(&grid, row, &cells);
            if pushed {
                let new: Vec<(String, String)> = self.remarks[before..]
                    .iter()
                    .map(|r| (r.zh.clone(), r.en.clone()))
                    .collect();
                if let Some(last) = self.rows.last_mut() {
                    last.guesses.extend(new);
                }
            }
        }
    }

    /// Reads one data row; returns whether a row was added.
    fn grid_row(&mut self, grid: &Grid, row: &[GridCell], cells: &[&GridCell]) -> bool {
        let Some(first) = cells.first().map(|c| c.origin) else {
            return false;
        };
        let mut out = Row {
            origin: Some(first),
            ..Row::default()
        };
        let mut name: Option<Token> = None;
        let mut ticks: Vec<(Role, Origin)> = Vec::new();
        let mut nature_cell: Option<&GridCell> = None;
        let mut unplaced: Vec<&GridCell> = Vec::new();
        let mut spanned: Vec<(String, Vec<Role>)> = Vec::new();
        for cell in cells {
            let at = (cell.column as usize).saturating_sub(1);
            let role = grid.roles.get(at).copied().flatten();
            // The grid columns this cell covers, and their roles.
            let covered: Vec<Role> = row
                .iter()
                .filter(|c| {
                    c.column == cell.column
                        || (c.copy && c.column > cell.column && {
                            // A copy belongs to the nearest cell on its left.
                            !row.iter()
                                .any(|o| !o.copy && o.column > cell.column && o.column <= c.column)
                        })
                })
                .filter_map(|c| {
                    grid.roles
                        .get((c.column as usize).saturating_sub(1))
                        .copied()
                        .flatten()
                })
                .collect();
            let values: Vec<Role> = covered
                .iter()
                .copied()
                .filter(|r| matches!(r, Role::Baseline | Role::Target | Role::Actual))
                .collect();
            if values.len() > 1 && !cell.text.trim().is_empty() {
                spanned.push((one_space(&cell.text), values));
            }
            out.marks.extend(cell.marks.iter().cloned());
            out.footnotes.extend(cell.notes.iter().cloned());
            let token = Token {
                text: cell.text.clone(),
                origin: cell.origin,
            };
            let empty = cell.text.trim().is_empty();
            match role {
                Some(Role::Domain) => {
                    if !empty {
                        out.domain = Some(Token {
                            text: compact(&cell.text),
                            origin: cell.origin,
                        });
                    }
                }
                Some(Role::No) => {
                    if !empty {
                        let text =
                            grid_row_number(&cell.text).unwrap_or_else(|| compact(&cell.text));
                        out.no = Some(Token {
                            text,
                            origin: cell.origin,
                        });
                    }
                }
                Some(Role::Name) => {
                    if !empty {
                        match name.as_mut() {
                            Some(n) => n.text.push_str(trim(&cell.text)),
                            None => name = Some(token),
                        }
                    }
                }
                Some(Role::Nature) => nature_cell = Some(cell),
                Some(r @ (Role::Binding | Role::Expected)) => {
                    if ticked(&cell.text) {
                        ticks.push((r, cell.origin));
                    }
                }
                Some(Role::Note) => {
                    if !empty {
                        out.footnotes.push(one_space(&cell.text));
                    }
                }
                Some(r @ (Role::Unit | Role::Baseline | Role::Target | Role::Actual)) => {
                    if !empty {
                        out.set(r, token);
                    }
                }
                None => {
                    if !empty {
                        unplaced.push(cell);
                    }
                }
            }
        }
        let Some(name) = name else {
            let left: Vec<&str> = cells
                .iter()
                .map(|c| c.text.as_str())
                .filter(|t| !t.trim().is_empty())
                .collect();
            // A row with only a number in it is an empty line of the table.
            if left.len() > 1 || out.baseline.is_some() || out.target.is_some() {
                self.remark(
                    first,
                    format!("此行没有指标名称，无法读取：{}", left.join(" | ")),
                    format!(
                        "this row has no indicator name and cannot be read: {}",
                        left.join(" | ")
                    ),
                );
            }
            return false;
        };
        let (name_text, unit_in_name) = split_unit(&name.text);
        let shown = name_text.clone();
        out.name = Some(Token {
            text: name_text,
            origin: name.origin,
        });
        if out.unit.is_none() {
            if let Some(unit) = unit_in_name {
                out.unit = Some(Token {
                    text: unit,
                    origin: name.origin,
                });
            }
        }
        // The domain: its column (merged cells repeat it), else the row above's, else the
        // label row above.
        if out.domain.is_none() {
            let has_column = grid.roles.contains(&Some(Role::Domain));
            out.domain = match (&self.label, self.rows.last()) {
                (Some(label), _) if !has_column => Some(label.clone()),
                (_, Some(above)) if has_column => above.domain.clone(),
                (Some(label), _) => Some(label.clone()),
                _ => None,
            };
        }
        // The nature: its column, or a tick in one of two columns.
        let has_ticks = grid
            .roles
            .iter()
            .any(|r| matches!(r, Some(Role::Binding | Role::Expected)));
        if let Some(cell) = nature_cell {
            if is_nature(&cell.text) {
                out.nature = Some(Token {
                    text: compact(&cell.text),
                    origin: cell.origin,
                });
            } else if cell.text.trim().is_empty() {
                self.remark(
                    first,
                    format!("“{shown}”没有填写指标性质（约束性/预期性），已按预期性处理"),
                    format!("({shown}) has no nature (约束性/预期性); read as expected"),
                );
            } else {
                self.remark(
                    cell.origin,
                    format!("“{shown}”的指标性质写作“{}”，无法识别为约束性或预期性，已按预期性处理", one_space(&cell.text)),
                    format!("({shown}) gives its nature as “{}”, neither 约束性 nor 预期性; read as expected", one_space(&cell.text)),
                );
            }
        } else if has_ticks {
            match ticks.as_slice() {
                [(role, origin)] => {
                    out.nature = Some(Token {
                        text: if *role == Role::Binding { "约束性" } else { "预期性" }.to_string(),
                        origin: *origin,
                    })
                }
                [] => self.remark(
                    first,
                    format!("“{shown}”在约束性、预期性两列都没有打勾，已按预期性处理"),
                    format!("({shown}) is ticked in neither the 约束性 nor the 预期性 column; read as expected"),
                ),
                _ => self.remark(
                    first,
                    format!("“{shown}”在约束性、预期性两列都打了勾，性质未读取，已按预期性处理"),
                    format!("({shown}) is ticked in both the 约束性 and the 预期性 column; its nature was not read (expected)"),
                ),
            }
        }
        for (text, values) in spanned {
            let roles: Vec<&str> = values.iter().map(|r| r.zh()).collect();
            self.remark(
                first,
                format!("“{shown}”的“{text}”一格横跨{}几列，已按{}读取，请核对", roles.join("、"), roles[0]),
                format!("({shown}): the cell “{text}” spans the {} columns; read as the {}; please check",
                    values.iter().map(|r| r.en()).collect::<Vec<_>>().join(", "), values[0].en()),
            );
        }
        for cell in unplaced {
            self.remark(
                cell.origin,
                format!(
                    "“{shown}”有一格“{}”所在的列没有可识别的表头，未读取",
                    one_space(&cell.text)
                ),
                format!(
                    "({shown}): the cell “{}” is in a column without a known header; not read",
                    one_space(&cell.text)
                ),
            );
        }
        self.units_in_values(&mut out);
        self.rows.push(out);
        true
    }

    /// A row without a unit that prints it in its values ("77.1岁", "≥95%"): the unit is
    /// read from the values, which keep their number and sign.
    fn units_in_values(&mut self, row: &mut Row) {
        if row.unit.is_some() {
            return;
        }
        let mut found: Vec<(String, Origin)> = Vec::new();
        for value in [&row.baseline, &row.target, &row.actual]
            .into_iter()
            .flatten()
        {
            if let Some((_, unit)) = value_unit(&value.text) {
                found.push((unit, value.origin));
            }
        }
        let Some((unit, origin)) = found.first().cloned() else {
            return;
        };
        if found.iter().any(|(u, _)| *u != unit) {
            let shown = row.name.as_ref().map_or(String::new(), |n| n.text.clone());
            let units: Vec<&str> = found.iter().map(|(u, _)| u.as_str()).collect();
            self.remark(
                origin,
                format!("“{shown}”的数值带有不同的单位（{}），单位未读取，数值按原文保留", units.join("、")),
                format!("({shown}) prints different units in its values ({}); the unit was not read and the values are kept as printed", units.join(", ")),
            );
            return;
        }
        for value in [&mut row.baseline, &mut row.target, &mut row.actual]
            .into_iter()
            .flatten()
        {
            if let Some((number, _)) = value_unit(&value.text) {
                value.text = number;
            }
        }
        row.unit = Some(Token { text: unit, origin });
    }
}

impl ReadTable {
    /// Writes each row's note: its footnotes and 备注, and for every footnote mark after
    /// its values, what the table's notes say of that mark. A mark the notes do not
    /// explain is kept in the note and reported.
    pub fn resolve_notes(&mut self) {
        let notes: Vec<String> = self.notes.iter().map(|n| n.text.clone()).collect();
        let marks_in_table: std::collections::BTreeSet<&str> = self
            .rows
            .iter()
            .flat_map(|r| r.marks.iter().map(String::as_str))
            .collect();
        let single = (notes.len() == 1 && marks_in_table.len() == 1).then(|| {
            let n = &notes[0];
            let n = n
                .trim_start_matches(['注', '：', ':', ' '])
                .trim_start_matches(|c: char| marks_in_table.iter().any(|m| m.contains(c)));
            n.trim_start_matches(['.', '、', '：', ':', ' '])
                .to_string()
        });
        let mut remarks = Vec::new();
        for row in &mut self.rows {
            let mut parts: Vec<String> = row.footnotes.clone();
            for mark in &row.marks {
                match define(&notes, mark).or_else(|| single.clone().filter(|s| !s.is_empty())) {
                    Some(text) => parts.push(format!("{mark}：{text}")),
                    None => {
                        let name = row.name.as_ref().map_or(String::new(), |n| n.text.clone());
                        let zh = format!("“{name}”的数值后有上标“{mark}”，表下注释中没有找到它的说明；已记入此行备注");
                        let en = format!("({name}) has the superscript “{mark}” after its value, which no note under the table explains; kept in the row's note");
                        row.guesses.push((zh.clone(), en.clone()));
                        remarks.push(Remark {
                            code: "import-row",
                            origin: row.origin.unwrap_or(Origin::Paragraph { index: 0 }),
                            zh,
                            en,
                        });
                        parts.push(format!("上标“{mark}”"));
                    }
                }
            }
            parts.dedup();
            if !parts.is_empty() {
                row.note = Some(Token {
                    text: parts.join("；"),
                    origin: row.origin.unwrap_or(Origin::Paragraph { index: 0 }),
                });
            }
        }
        self.remarks.extend(remarks);
    }
}

/// What a table's notes say of a footnote mark: the text after "1." / "1、" / "①" / "*"
/// / "（1）" up to the end of its clause.
fn define(notes: &[String], mark: &str) -> Option<String> {
    let ascii = mark.chars().all(|c| c.is_ascii_alphanumeric());
    for note in notes {
        let body = note
            .trim_start_matches(['注', '备', '说', '明'])
            .trim_start_matches(['：', ':', ' ']);
        let forms: Vec<String> = if ascii {
            [".", "、", "．", "：", ":", ")", "）"]
                .iter()
                .map(|s| format!("{mark}{s}"))
                .chain([format!("（{mark}）"), format!("({mark})")])
                .collect()
        } else {
            vec![mark.to_string()]
        };
        for form in forms {
            let mut from = 0;
            while let Some(at) = body[from..].find(&form) {
                let start = from + at;
                let before = body[..start].chars().last();
                let boundary = before.is_none_or(|c| "；;。，, \t".contains(c));
                if boundary {
                    let rest = &body[start + form.len()..];
                    let end = rest.find(['；', ';', '。']).unwrap_or(rest.len());
                    let text = tidy(&rest[..end]);
                    if !text.is_empty() {
                        return Some(text);
                    }
                }
                from = start + form.len();
            }
        }
    }
    None
}

/// A value printed with its unit: a sign or none, a number, a unit, and perhaps 以上/以下/
/// 左右 ("≥95%", "77.1岁", "16.9/10万", "90%以上"). Returns the value without the unit,
/// and the unit. Changes printed with a unit ("提高1岁") are not values with a unit.
pub fn value_unit(text: &str) -> Option<(String, String)> {
    let t = compact(text);
    let sign_len: usize = t
        .char_indices()
        .take_while(|(_, c)| "<>≤≥＜＞=≦≧".contains(*c))
        .map(|(_, c)| c.len_utf8())
        .sum();
    let rest = &t[sign_len..];
    let digits = rest
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .map(|(_, c)| c.len_utf8())
        .sum::<usize>();
    if digits == 0 || !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let after = &rest[digits..];
    let (unit, tail) = ["以上", "以下", "左右", "及以上", "及以下"]
        .iter()
        .find_map(|w| after.strip_suffix(w).map(|u| (u, *w)))
        .unwrap_or((after, ""));
    if unit.is_empty() || !is_unit(unit) || unit.starts_with("%以上") {
        return None;
    }
    Some((
        format!("{}{}{tail}", &t[..sign_len], &rest[..digits]),
        normal_unit(unit),
    ))
}

fn is_previous(columns: &[Role], title: Option<&Token>) -> bool {
    columns.contains(&Role::Actual)
        || title.is_some_and(|t| {
            let c = compact(&t.text);
            c.contains("十三五") && (c.contains("完成") || !c.contains("十四五"))
        })
}

impl ReadTable {
    /// The value columns of the header, in order: what the cells after the name hold.
    fn value_roles(&self) -> Vec<Role> {
        self.columns
            .iter()
            .copied()
            .filter(|r| matches!(r, Role::Unit | Role::Baseline | Role::Target | Role::Actual))
            .collect()
    }

    fn remark(&mut self, origin: Origin, zh: String, en: String) {
        self.remarks.push(Remark {
            code: "import-row",
            origin,
            zh,
            en,
        });
    }

    /// Interprets the cells of one row.
    fn push_row(&mut self, mut cells: Vec<Token>, has_nature: bool) {
        let Some(first) = cells.first().map(|c| c.origin) else {
            return;
        };
        let before = self.remarks.len();
        let mut row = Row {
            origin: Some(first),
            ..Row::default()
        };
        if has_nature {
            if let Some(n) = cells.pop() {
                row.nature = Some(Token {
                    text: compact(&n.text),
                    origin: n.origin,
                });
            }
        } else {
            self.remark(
                first,
                "此行没有指标性质（约束性/预期性）一格，已按预期性处理".into(),
                "this row has no nature cell (约束性/预期性); read as expected".into(),
            );
        }
        // The domain: cells before the row number; none means the one above spans here.
        let number_at = cells
            .iter()
            .take(4)
            .position(|c| is_row_number(&c.text).is_some());
        let (domain_cells, rest) = match number_at {
            Some(at) => {
                let (d, r) = cells.split_at(at);
                row.no = Some(Token {
                    text: compact(&r[0].text),
                    origin: r[0].origin,
                });
                (d.to_vec(), r[1..].to_vec())
            }
            None => {
                // No number column: a domain cell is there only if the row is a cell longer.
                let extra = cells.len().saturating_sub(self.value_roles().len() + 1);
                let (d, r) = cells.split_at(extra.min(cells.len()));
                (d.to_vec(), r.to_vec())
            }
        };
        let domain: String = domain_cells.iter().map(|c| compact(&c.text)).collect();
        if !domain.is_empty() {
            row.domain = Some(Token {
                text: domain,
                origin: domain_cells[0].origin,
            });
        } else if let Some(above) = self.rows.last().and_then(|r| r.domain.clone()) {
            row.domain = Some(above);
        }
        let roles = self.value_roles();
        let mut rest = rest;
        if rest.is_empty() {
            self.remark(
                first,
                "此行没有指标名称，无法读取".into(),
                "this row has no indicator name and cannot be read".into(),
            );
            return;
        }
        // A name split over several cells: join the leading cells until the count fits.
        while rest.len() > roles.len() + 1 && !is_value_like(&rest[1].text) {
            let next = rest.remove(1);
            rest[0].text.push_str(trim(&next.text));
        }
        let name = rest.remove(0);
        let (name_text, unit_in_name) = split_unit(&name.text);
        row.name = Some(Token {
            text: name_text,
            origin: name.origin,
        });
        if let Some(unit) = unit_in_name {
            row.unit = Some(Token {
                text: unit,
                origin: name.origin,
            });
        }
        let values = rest;
        // The unit was in the name, and the unit column left empty.
        let roles: Vec<Role> =
            if row.unit.is_some() && values.len() + 1 == roles.len() && roles.contains(&Role::Unit)
            {
                roles.into_iter().filter(|r| *r != Role::Unit).collect()
            } else {
                roles
            };
        if values.len() == roles.len() {
            for (role, cell) in roles.iter().zip(values) {
                row.set(*role, cell);
            }
        } else {
            self.place_uneven(&mut row, values, &roles);
        }
        row.guesses = self.remarks[before..]
            .iter()
            .map(|r| (r.zh.clone(), r.en.clone()))
            .collect();
        self.rows.push(row);
    }

    /// A row with more or fewer value cells than the header has columns: the unit goes to
    /// the unit column, the last value to the target, and the guess is reported.
    fn place_uneven(&mut self, row: &mut Row, mut values: Vec<Token>, roles: &[Role]) {
        let origin = row.origin.unwrap_or(Origin::Line { line: 0, column: 0 });
        let (no_zh, no_en) = match &row.no {
            Some(n) => (
                format!("序号 {} 的指标行", n.text),
                format!("row {}", n.text),
            ),
            None => ("一行指标".to_string(), "a row".to_string()),
        };
        let name = row.name.as_ref().map_or(String::new(), |n| n.text.clone());
        let got = values.len();
        let columns: Vec<&str> = roles.iter().map(|r| r.zh()).collect();
        let mut done_zh: Vec<String> = Vec::new();
        let mut done_en: Vec<String> = Vec::new();
        if let Some(at) = values.iter().position(|v| is_unit(&v.text)) {
            let unit = values.remove(at);
            row.set(Role::Unit, unit);
        }
        let mut value_roles: Vec<Role> =
            roles.iter().copied().filter(|r| *r != Role::Unit).collect();
        // Missing cells are taken from the front: the target (and actual) are kept.
        while value_roles.len() > values.len() {
            let missing = value_roles.remove(0);
            done_zh.push(format!("{}空缺", missing.zh()));
            done_en.push(format!("no {}", missing.en()));
        }
        // More cells than columns: a cell printed over two lines ("城镇80左右" / "居民70")
        // is one value; the first cells are joined.
        let extra = values.len().saturating_sub(value_roles.len());
        if value_roles.is_empty() && !values.is_empty() {
            // The header names no value column at all: the cells have nowhere to go.
            let left: Vec<&str> = values.iter().map(|t| t.text.as_str()).collect();
            done_zh.push(format!("表头没有数值列，未读取：{}", left.join(" | ")));
            done_en.push(format!(
                "the header has no value column; not read: {}",
                left.join(" | ")
            ));
            values.clear();
        } else if extra > 0 {
            let joined: Vec<Token> = values.drain(..=extra).collect();
            let text = joined
                .iter()
                .map(|t| trim(&t.text))
                .collect::<Vec<_>>()
                .join(" ");
            done_zh.push(format!("前 {} 格合并为一格", extra + 1));
            done_en.push(format!("the first {} cells joined into one", extra + 1));
            values.insert(
                0,
                Token {
                    text,
                    origin: joined[0].origin,
                },
            );
        }
        for (role, cell) in value_roles.iter().zip(values) {
            done_zh.push(format!("{}读作“{}”", role.zh(), one_space(&cell.text)));
            done_en.push(format!("{} read as “{}”", role.en(), one_space(&cell.text)));
            row.set(*role, cell);
        }
        self.remark(
            origin,
            format!(
                "{no_zh}“{name}”有 {got} 个数值格，表头有 {} 列（{}）：{}；请核对",
                columns.len(),
                columns.join("、"),
                done_zh.join("，")
            ),
            format!(
                "{no_en} ({name}) has {got} value cell{} where the header has {} column{} ({}): {}; please check",
                if got == 1 { "" } else { "s" },
                columns.len(),
                if columns.len() == 1 { "" } else { "s" },
                roles.iter().map(|r| r.en()).collect::<Vec<_>>().join(", "),
                done_en.join(", ")
            ),
        );
    }
}

impl Role {
    /// The column's name in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            Role::Domain => "领域",
            Role::No => "序号",
            Role::Name => "指标名称",
            Role::Unit => "单位",
            Role::Baseline => "基期值",
            Role::Target => "目标值",
            Role::Actual => "完成值",
            Role::Nature => "指标性质",
            Role::Binding => "约束性",
            Role::Expected => "预期性",
            Role::Note => "备注",
        }
    }

    /// The column's name in English.
    pub fn en(self) -> &'static str {
        match self {
            Role::Domain => "domain",
            Role::No => "number",
            Role::Name => "name",
            Role::Unit => "unit",
            Role::Baseline => "baseline",
            Role::Target => "target",
            Role::Actual => "actual",
            Role::Nature => "nature",
            Role::Binding => "binding",
            Role::Expected => "expected",
            Role::Note => "note",
        }
    }
}

impl Row {
    fn set(&mut self, role: Role, cell: Token) {
        let value = Some(Token {
            text: if role == Role::Unit {
                normal_unit(&cell.text)
            } else {
                one_space(&cell.text)
            },
            origin: cell.origin,
        });
        match role {
            Role::Unit => {
                if !cell.text.trim().is_empty() {
                    self.unit = value;
                }
            }
            Role::Baseline => self.baseline = value,
            Role::Target => self.target = value,
            Role::Actual => self.actual = value,
            Role::Domain => self.domain = value,
            Role::No => self.no = value,
            Role::Name => self.name = value,
            Role::Nature => self.nature = value,
            Role::Binding | Role::Expected | Role::Note => {}
        }
    }
}

/// Trims a value and turns every run of spaces of any kind (no-break, ideographic) inside
/// it into one ASCII space: the value as printed, in the plan format's spelling.
fn one_space(text: &str) -> String {
    let mut out = String::new();
    for word in trim(text).split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether a cell looks like a number or a target rather than part of a name.
fn is_value_like(cell: &str) -> bool {
    let c = compact(cell);
    c.contains(|ch: char| ch.is_ascii_digit() || "<>≤≥＜＞—-–≦≧".contains(ch))
        || is_unit(&c)
        || [
            "比",
            "每年",
            "同比",
            "达到",
            "提高",
            "降低",
            "下降",
            "控制",
            "保持",
            "不低于",
            "不高于",
        ]
        .iter()
        .any(|w| c.starts_with(w))
}

/// Whether the line at `i` opens an indicator table: a header cell, with more header cells
/// — a nature column among them — in the lines that follow.
pub fn header_starts(lines: &[Line], i: usize) -> bool {
    // Header cells are short: a long line is passed over without further look.
    if lines[i].text.len() > 48 {
        return false;
    }
    let first = compact(&lines[i].text);
    let opens = matches!(
        header_role(&first),
        Some(Role::Name | Role::Domain | Role::No)
    ) || (first.is_empty() && lines[i].text.contains('\t'));
    if !opens {
        return false;
    }
    let mut seen_nature = false;
    let mut headers = 0;
    let mut joined = String::new();
    for line in lines.iter().skip(i).take(24) {
        let c = compact(&line.text);
        if c.is_empty() {
            continue;
        }
        joined.push_str(&c);
        if let Some(role) = header_role(&c) {
            headers += 1;
            seen_nature |= role == Role::Nature;
        }
        // "指标" / "性质" split over two lines in the tab layout.
        seen_nature |= joined.ends_with("指标性质") || joined.ends_with("指標性質");
        if is_row_number(&c) == Some(1) {
            break;
        }
    }
    seen_nature && headers >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_come_out_of_names() {
        assert_eq!(
            split_unit("人均预期寿命（岁）"),
            ("人均预期寿命".into(), Some("岁".into()))
        );
        assert_eq!(
            split_unit("婴儿死亡率  (‰)"),
            ("婴儿死亡率".into(), Some("‰".into()))
        );
        assert_eq!(
            split_unit("孕产妇系统管理率(%)和3岁以下儿童系统管理率(%)"),
            (
                "孕产妇系统管理率和3岁以下儿童系统管理率".into(),
                Some("%".into())
            )
        );
        assert_eq!(
            split_unit("每千常住人口执业 (助理) 医师数 (人)"),
            ("每千常住人口执业(助理)医师数".into(), Some("人".into()))
        );
        assert_eq!(
            split_unit("严重精神障碍管理率"),
            ("严重精神障碍管理率".into(), None)
        );
    }

    #[test]
    fn header_cells_name_columns() {
        assert_eq!(header_role("主  要  指    标"), Some(Role::Name));
        assert_eq!(header_role("2020年完成值"), Some(Role::Actual));
        assert_eq!(header_role("指标性质"), Some(Role::Nature));
        assert_eq!(header_role("健康水平"), None);
        assert!(is_nature("约束性") && is_nature("预期") && !is_nature("预期寿命"));
    }
}
