//! Tables laid out in columns of spaces, as `pdftotext -layout` prints a PDF's tables.
//!
//! A table starts at a line whose pieces (text between runs of two or more spaces) name
//! indicator columns (主要指标 with 序号, 单位, a year, 属性 or 性质); the header's pieces
//! give the columns, and each later piece goes to the column whose middle is nearest its
//! own (pdftotext keeps characters in their columns, counting each as one). A line with
//! pieces in three or more columns starts a row; a line with fewer continues the cells of
//! the row above (a name wrapped in its cell: 人均预期 / 寿命), or of the header before the
//! first row. The table ends at a blank line, a page break, a heading or a sentence. Where
//! two pieces of a line fall in one column (cells printed a single space apart), the
//! columns cannot be told apart and the lines stay lines: nothing is guessed. What is found becomes a
//! [`Table`] whose cells are at the lines and columns they were printed at, and is read
//! as a .docx table is; every other line stays as it was.

use crate::document::{Block, Cell, Document, Origin, Para, Table};

/// A piece of a line: its first and last character positions (0-based) and its text.
#[derive(Clone, Debug)]
struct Piece {
    start: usize,
    end: usize,
    text: String,
}

/// The pieces of a line, split at runs of two or more spaces (a tab or an ideographic
/// space counts as two).
fn pieces(line: &str) -> Vec<Piece> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i;
        while j < chars.len() {
            let c = chars[j];
            if c == '\t' || c == '\u{3000}' {
                break;
            }
            if c == ' ' {
                if chars.get(j + 1).is_none_or(|n| n.is_whitespace()) {
                    break;
                }
            } else {
                end = j;
            }
            j += 1;
        }
        out.push(Piece {
            start,
            end,
            text: chars[start..=end].iter().collect(),
        });
        i = j;
    }
    out
}

/// Whether the pieces are an indicator table's header.
fn is_header(pieces: &[Piece]) -> bool {
    if pieces.len() < 4 {
        return false;
    }
    let all: String = pieces.iter().map(|p| p.text.as_str()).collect();
    let named = ["序号", "单位", "年", "属性", "性质", "基期", "目标"]
        .iter()
        .filter(|w| all.contains(*w))
        .count();
    all.contains("指标") && named >= 2
}

fn middle(start: usize, end: usize) -> f64 {
    (start + end) as f64 / 2.0
}

/// The column nearest a piece.
fn column_of(columns: &[(usize, usize)], piece: &Piece) -> usize {
    let m = middle(piece.start, piece.end);
    let mut best = 0;
    let mut distance = f64::INFINITY;
    for (k, &(s, e)) in columns.iter().enumerate() {
        let d = (middle(s, e) - m).abs();
        if d < distance {
            best = k;
            distance = d;
        }
    }
    best
}

/// Two fragments of one cell, joined: with a space between Latin letters or digits, else
/// directly (Chinese wraps without one).
fn join(cell: &mut Cell, more: &str) {
    let more = &tidy(more);
    if cell.text.is_empty() {
        cell.text = more.to_string();
        return;
    }
    let spaced = cell
        .text
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && more
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if spaced {
        cell.text.push(' ');
    }
    cell.text.push_str(more);
}

/// A piece's text without the spaces a PDF puts beside Chinese characters (`2020 年`).
fn tidy(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = i.checked_sub(1).map(|k| chars[k]);
            let after = chars.get(i + 1).copied();
            if before.is_some_and(|b| !b.is_ascii()) || after.is_some_and(|a| !a.is_ascii()) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn cell(text: &str, line: u32, column: usize) -> Cell {
    Cell {
        text: tidy(text),
        origin: Origin::Line {
            line,
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        },
        merged_from: None,
        span_from: None,
        marks: Vec::new(),
        notes: Vec::new(),
    }
}

/// The line number of a text paragraph.
fn line_of(p: &Para) -> u32 {
    match p.origin {
        Origin::Line { line, .. } => line,
        _ => 0,
    }
}

/// The document with its space-laid tables made tables.
pub fn tables(document: Document) -> Document {
    let Document { blocks, format } = document;
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut iter = blocks.into_iter().peekable();
    while let Some(block) = iter.next() {
        let Block::Para(para) = block else {
            out.push(block);
            continue;
        };
        let head = pieces(&para.text);
        if !is_header(&head) {
            out.push(Block::Para(para));
            continue;
        }
        let columns: Vec<(usize, usize)> = head.iter().map(|p| (p.start, p.end)).collect();
        let line = line_of(&para);
        let header: Vec<Cell> = head.iter().map(|p| cell(&p.text, line, p.start)).collect();
        let mut rows: Vec<Vec<Cell>> = vec![header];
        let mut taken: Vec<Para> = Vec::new();
        let mut clear = true;
        while let Some(Block::Para(next)) = iter.peek() {
            let text = next.text.trim();
            // A blank line, a page break, a heading or a sentence ends the table.
            if text.is_empty()
                || next.text.contains('\u{c}')
                || text.ends_with('。')
                || crate::headings::numbered(text).is_some_and(|n| {
                    use crate::headings::Style;
                    matches!(
                        n.style,
                        Style::Chapter | Style::Section | Style::CnComma | Style::CnParen
                    )
                })
            {
                break;
            }
            let found = pieces(&next.text);
            let line = line_of(next);
            let mut cells: Vec<Option<&Piece>> = vec![None; columns.len()];
            let mut spread = 0;
            for piece in &found {
                let k = column_of(&columns, piece);
                if cells[k].is_some() {
                    // Two pieces in one column: the columns are printed too close to be
                    // told apart (a single space between cells). Nothing is guessed: the
                    // lines stay lines.
                    clear = false;
                }
                spread += 1;
                cells[k] = Some(piece);
            }
            if spread >= 3 {
                // A new row: every column, empty where nothing is printed.
                let row = columns
                    .iter()
                    .enumerate()
                    .map(|(k, &(start, _))| match cells[k] {
                        Some(p) => cell(&p.text, line, p.start),
                        None => cell("", line, start),
                    })
                    .collect();
                rows.push(row);
            } else if let Some(last) = rows.last_mut() {
                // The cells of the row above (or the header) continue.
                for piece in &found {
                    join(&mut last[column_of(&columns, piece)], &piece.text);
                }
            }
            if let Some(Block::Para(p)) = iter.next() {
                taken.push(p);
            }
        }
        if rows.len() < 2 || !clear {
            out.push(Block::Para(para));
            out.extend(taken.into_iter().map(Block::Para));
            continue;
        }
        out.push(Block::Table(Table {
            rows,
            origin: Origin::Line { line, column: 1 },
        }));
    }
    Document {
        blocks: out,
        format,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_printed_in_columns_of_spaces_is_read_as_a_table() {
        let text = r"主要发展指标
领域       序号   主要指标  单位      2020 年   2025 年   指标性质
健康水平     1    人均预期  岁       78.2     78.5     预期性
              寿命
         2    婴儿死亡  ‰       4.1      <6       预期性
              率

三、保障措施
";
        let doc = tables(Document::from_text(text, "UTF-8"));
        let table = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Para(_) => None,
            })
            .unwrap();
        let rows: Vec<Vec<&str>> = table
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec![
                    "领域",
                    "序号",
                    "主要指标",
                    "单位",
                    "2020年",
                    "2025年",
                    "指标性质"
                ],
                vec![
                    "健康水平",
                    "1",
                    "人均预期寿命",
                    "岁",
                    "78.2",
                    "78.5",
                    "预期性"
                ],
                vec!["", "2", "婴儿死亡率", "‰", "4.1", "<6", "预期性"],
            ]
        );
        // The cells are where they were printed; the lines around stay lines.
        assert_eq!(
            table.rows[1][2].origin,
            Origin::Line {
                line: 3,
                column: 15
            }
        );
        assert!(matches!(&doc.blocks[0], Block::Para(p) if p.text == "主要发展指标"));
        assert!(matches!(doc.blocks.last(), Some(Block::Para(p)) if p.text == "三、保障措施"));
    }

    #[test]
    fn prose_with_wide_spaces_is_not_a_table() {
        let text = "一、发展目标    到2025年，    人均预期寿命达到78.5岁。\n";
        let doc = tables(Document::from_text(text, "UTF-8"));
        assert!(doc.blocks.iter().all(|b| matches!(b, Block::Para(_))));
    }

    #[test]
    fn columns_too_close_to_tell_apart_stay_lines() {
        let text = r"领域     序号   主要指标   单位    2020 年 2025 年   指标性质
健康水平   1    人均预期寿命 岁     78.9   79.5     预期性
三、保障措施
";
        let doc = tables(Document::from_text(text, "UTF-8"));
        assert_eq!(doc.blocks.len(), 3);
        assert!(doc.blocks.iter().all(|b| matches!(b, Block::Para(_))));
    }
}
