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

/// Reads a .docx table: the leading rows that name columns are the header.
pub fn read_grid_table(
    rows: &[Vec<Token>],
    origin: Origin,
    title: Option<Token>,
) -> Option<ReadTable> {
    let mut header_rows = 0;
    let mut columns = Vec::new();
    for row in rows {
        let named = row
            .iter()
            .filter(|c| header_role(&c.text).is_some())
            .count();
        let filled = row.iter().filter(|c| !c.text.trim().is_empty()).count();
        if named >= 2 && named * 2 >= filled {
            // Merged header cells repeat: keep each role once, in order.
            let (roles, _) = take_header(&dedup_adjacent(row));
            if columns.is_empty() {
                columns = roles;
            }
            header_rows += 1;
        } else {
            break;
        }
    }
    if header_rows == 0 || !columns.contains(&Role::Name) {
        return None;
    }
    let mut table = ReadTable {
        previous: is_previous(&columns, title.as_ref()),
        title,
        columns,
        origin: Some(origin),
        ..ReadTable::default()
    };
    for row in &rows[header_rows..] {
        let cells = dedup_adjacent(row);
        if cells.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        let ends_in_nature = cells.last().is_some_and(|c| is_nature(&c.text));
        table.push_row(cells, ends_in_nature);
    }
    Some(table)
}

/// Cells spanning several grid columns are repeated by the .docx reader; one is enough.
fn dedup_adjacent(row: &[Token]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    for cell in row {
        let same = out.last().is_some_and(|last: &Token| {
            last.text == cell.text
                && matches!((last.origin, cell.origin),
                    (Origin::Cell { row: a, .. }, Origin::Cell { row: b, .. }) if a == b)
                && !cell.text.is_empty()
        });
        if !same {
            out.push(cell.clone());
        }
    }
    out
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
                "{no_zh}「{name}」有 {got} 个数值格，表头有 {} 列（{}）：{}；请核对",
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
