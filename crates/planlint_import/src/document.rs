//! A document as the importer sees it: paragraphs and tables in reading order, each with
//! the place it came from, whatever the file format.
//!
//! A text file gives one [`Para`] per line and no tables (the importer finds tables in the
//! lines); a .docx gives its paragraphs, with the outline level of their heading style, and
//! its real tables (`w:tbl`).

/// Where a piece of a document came from, for messages that point a person at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// A line of a text file: 1-based line, and the 1-based column (in characters) where
    /// the text starts.
    Line { line: u32, column: u32 },
    /// A paragraph of a .docx body, 1-based, counting paragraphs outside tables only.
    Paragraph { index: u32 },
    /// A cell of a .docx table: 1-based table number, row and column (grid column).
    Cell { table: u32, row: u32, column: u32 },
}

impl Origin {
    /// The place in words, in Chinese and English: "第 12 行" / "line 12".
    pub fn describe(&self) -> (String, String) {
        match *self {
            Origin::Line { line, .. } => (format!("第 {line} 行"), format!("line {line}")),
            Origin::Paragraph { index } => (format!("第 {index} 段"), format!("paragraph {index}")),
            Origin::Cell { table, row, column } => (
                format!("表 {table} 第 {row} 行第 {column} 列"),
                format!("table {table}, row {row}, column {column}"),
            ),
        }
    }
}

/// A paragraph (or a line of a text file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Para {
    pub text: String,
    pub origin: Origin,
    /// The outline level its style gives (1 for Heading 1 / 标题 1 …), where the format has
    /// styles; `None` for body text and for every line of a text file.
    pub outline: Option<u8>,
}

/// A table cell. Merged cells are repeated: a cell spanning two rows (vMerge) appears in
/// both rows with the same text and `merged_from` set to the row it started in; a cell
/// spanning two columns (gridSpan) appears once per grid column, the copies with
/// `span_from` set to the column it started in. Only this markup says cells are merged:
/// two neighbouring cells that print the same text are two cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub origin: Origin,
    /// For the continuation of a vertically merged cell, the 1-based row where it starts.
    pub merged_from: Option<u32>,
    /// For the second and later grid columns of a horizontally merged cell, the 1-based
    /// grid column where it starts.
    pub span_from: Option<u32>,
    /// Footnote marks printed as superscripts after the text (`1`, `①`, `*`), which are
    /// not part of the value.
    pub marks: Vec<String>,
    /// The texts of the footnotes and endnotes the cell refers to.
    pub notes: Vec<String>,
}

/// A table: rows of cells, in grid order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
    pub origin: Origin,
}

/// One block of a document, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

/// A document read from a file, before anything is interpreted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// What the bytes were: "UTF-8", "UTF-16LE", "GB18030", "docx".
    pub format: &'static str,
}

/// The document as plain text, for showing a place in it: a text file as it was decoded,
/// a .docx as one line per paragraph and one line per table row (cells between `|`).
#[derive(Clone, Debug, Default)]
pub struct Rendering {
    pub text: String,
    /// Where each origin sits: 1-based line and column, byte offset and length.
    places: std::collections::BTreeMap<Origin, (u32, u32, usize, usize)>,
}

impl Rendering {
    /// The 1-based line and column, byte offset and length of an origin's text; an origin
    /// not seen is placed at the start of its line where the line is known.
    pub fn locate(&self, origin: Origin) -> (u32, u32, usize, usize) {
        if let Some(place) = self.places.get(&origin) {
            return *place;
        }
        if let Origin::Line { line, .. } = origin {
            if let Some(place) = self.places.get(&Origin::Line { line, column: 1 }) {
                return *place;
            }
        }
        (1, 1, 0, 0)
    }
}

impl Document {
    /// Renders the document as text and records where every paragraph and cell is.
    pub fn render(&self) -> Rendering {
        let mut r = Rendering::default();
        let mut line = 0u32;
        for block in &self.blocks {
            match block {
                Block::Para(p) => {
                    line += 1;
                    let offset = r.text.len();
                    // Text files: keep the original line numbers even where lines are
                    // missing from the blocks (they never are, but do not assume it).
                    if let Origin::Line { line: l, .. } = p.origin {
                        while line < l {
                            r.text.push('\n');
                            line += 1;
                        }
                    }
                    let offset = offset.max(r.text.len());
                    r.text.push_str(&p.text);
                    r.text.push('\n');
                    r.places.insert(p.origin, (line, 1, offset, p.text.len()));
                    // Cells of a tabbed text line are addressed by column.
                    if let Origin::Line { line: l, .. } = p.origin {
                        let mut column = 1u32;
                        let mut byte = 0usize;
                        for piece in p.text.split('\t') {
                            let trimmed = piece.trim_start();
                            let lead = piece.len() - trimmed.len();
                            let lead_chars = piece[..lead].chars().count() as u32;
                            r.places
                                .entry(Origin::Line {
                                    line: l,
                                    column: column + lead_chars,
                                })
                                .or_insert((
                                    line,
                                    column + lead_chars,
                                    offset + byte + lead,
                                    trimmed.trim_end().len(),
                                ));
                            column += piece.chars().count() as u32 + 1;
                            byte += piece.len() + 1;
                        }
                    }
                }
                Block::Table(t) => {
                    for row in &t.rows {
                        line += 1;
                        let mut column = 1u32;
                        for (k, cell) in row.iter().enumerate() {
                            if k > 0 {
                                r.text.push_str(" | ");
                                column += 3;
                            }
                            let text = cell.text.replace('\n', " ");
                            r.places.entry(cell.origin).or_insert((
                                line,
                                column,
                                r.text.len(),
                                text.len(),
                            ));
                            column += text.chars().count() as u32;
                            r.text.push_str(&text);
                        }
                        r.text.push('\n');
                    }
                    if let Some(first) = t.rows.first().and_then(|r| r.first()) {
                        let place = r.places.get(&first.origin).copied();
                        if let Some(place) = place {
                            r.places.entry(t.origin).or_insert(place);
                        }
                    }
                }
            }
        }
        r
    }
}

impl Document {
    /// A document of text lines, one paragraph per line, as a decoded text file gives
    /// (see [`crate::encoding::lines`]).
    pub fn from_text(text: &str, format: &'static str) -> Document {
        crate::encoding::lines(text, format)
    }
}
