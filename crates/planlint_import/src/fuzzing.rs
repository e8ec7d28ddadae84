//! What the fuzz targets do with one input, with every check they make, shared by the
//! targets in `fuzz/` and the test that replays their corpora
//! (`tests/fuzz_replay.rs`), so the two cannot drift.

use crate::docx::{read_docx, read_parts, Limits};
use crate::{encoding, import, read, Block, Document, Options, Origin};
use planlint_model::{codes, load_plan};

/// Imports `bytes` (as a .docx when they start like a zip, as text otherwise) and checks
/// what comes out. Panics on any broken promise; returns whether a plan file was written.
pub fn import_document(bytes: &[u8]) -> bool {
    let name = if bytes.starts_with(b"PK") {
        "fuzz.docx"
    } else {
        "fuzz.txt"
    };
    let document = match read(name, bytes) {
        Ok(document) => document,
        Err(problem) => {
            assert_eq!(problem.code, "import-unreadable");
            assert!(!problem.message.zh.is_empty() && !problem.message.en.is_empty());
            return false;
        }
    };
    let imported = import(name, &document, &Options::default());
    assert_eq!(imported.origins.len(), imported.yaml.lines().count());
    let (_, problems) = load_plan("fuzz.plan.yaml", &imported.yaml);
    for p in &problems {
        assert!(
            ![
                codes::YAML_SYNTAX,
                codes::UNKNOWN_FIELD,
                codes::DUPLICATE_KEY
            ]
            .contains(&p.code.as_str()),
            "malformed plan file: {p:?}\n{}",
            imported.yaml
        );
    }
    let text_len = imported.rendering.text.len();
    for origin in imported.origins.iter().flatten() {
        let (_, _, offset, len) = imported.rendering.locate(*origin);
        assert!(offset + len <= text_len, "{origin:?} outside the rendering");
        assert!(imported.rendering.text.is_char_boundary(offset));
        assert!(imported.rendering.text.is_char_boundary(offset + len));
    }
    for d in imported.problems.iter().chain(&problems) {
        let mut d = d.clone();
        imported.relocate(&mut d, "fuzz.plan.yaml", name);
        let at = &d.primary.location;
        assert!(at.offset + at.len <= text_len, "{d:?}");
    }
    true
}

/// Any bytes as a text document (the `import_text` target): decoding returns text or an
/// error, never panics; decoded text has no CR left, an error's offset lies within the
/// input, the lines are numbered 1, 2, 3 …, and `read_text` agrees with `decode`.
pub fn import_text(bytes: &[u8]) {
    match encoding::decode(bytes) {
        Ok(decoded) => {
            assert!(!decoded.text.contains('\r'));
            let doc = encoding::lines(&decoded.text, decoded.format);
            for (i, block) in doc.blocks.iter().enumerate() {
                let Block::Para(para) = block else {
                    panic!("a table in a text file")
                };
                assert_eq!(
                    para.origin,
                    Origin::Line {
                        line: i as u32 + 1,
                        column: 1
                    }
                );
                assert!(!para.text.contains('\n'));
            }
            assert_eq!(encoding::read_text(bytes).ok(), Some(doc));
        }
        Err(e) => {
            assert!(e.offset() <= bytes.len(), "{e:?}");
            let (zh, en) = e.message();
            assert!(!zh.is_empty() && !en.is_empty());
            assert_eq!(encoding::read_text(bytes).err(), Some(e));
        }
    }
}

/// A .docx read must be consistent: body paragraphs numbered 1, 2, 3 …, tables numbered
/// 1, 2, 3 …, every cell in its table and row, grid columns rising along a row, and a
/// merged cell pointing at an earlier row.
fn check(doc: &Document) {
    assert_eq!(doc.format, "docx");
    let (mut paragraphs, mut tables) = (0u32, 0u32);
    for block in &doc.blocks {
        match block {
            Block::Para(para) => {
                paragraphs += 1;
                assert_eq!(para.origin, Origin::Paragraph { index: paragraphs });
                assert!(para.outline.is_none_or(|level| (1..=9).contains(&level)));
            }
            Block::Table(table) => {
                tables += 1;
                assert_eq!(
                    table.origin,
                    Origin::Cell {
                        table: tables,
                        row: 1,
                        column: 1
                    }
                );
                for (r, row) in table.rows.iter().enumerate() {
                    let mut last = 0;
                    for cell in row {
                        let Origin::Cell {
                            table: t,
                            row,
                            column,
                        } = cell.origin
                        else {
                            panic!("{:?}", cell.origin)
                        };
                        assert_eq!((t, row), (tables, r as u32 + 1));
                        assert!(column > last && column <= 1024);
                        last = column;
                        assert!(cell.merged_from.is_none_or(|from| from < row));
                    }
                }
            }
        }
    }
}

/// Any bytes as a .docx (the `import_docx` target): input starting with `PK` goes through
/// the zip layer; other input is read as the XML parts themselves (`word/document.xml`,
/// then `word/styles.xml` after the first NUL byte), so that mutations reach the XML reader
/// without breaking a zip checksum first. Returns whether a document was read.
pub fn import_docx(bytes: &[u8]) -> bool {
    let result = if bytes.starts_with(b"PK") {
        read_docx(bytes)
    } else {
        let (document, styles) = match bytes.iter().position(|&b| b == 0) {
            Some(i) => (&bytes[..i], Some(&bytes[i + 1..])),
            None => (bytes, None),
        };
        read_parts(document, styles, &Limits::default())
    };
    match result {
        Ok(doc) => {
            check(&doc);
            true
        }
        Err(e) => {
            let (zh, en) = e.message();
            assert!(!zh.is_empty() && !en.is_empty());
            false
        }
    }
}
