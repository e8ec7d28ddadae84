//! Any bytes as a .docx: `docx::read_docx` must return a document or an error, never
//! panic, and stay within its limits. Input starting with `PK` goes through the zip
//! layer; other input is read as the XML parts themselves (`word/document.xml`, then
//! `word/styles.xml` after the first NUL byte), so that mutations reach the XML reader
//! without breaking a zip checksum first.
//!
//! A document read must be consistent: body paragraphs numbered 1, 2, 3 …, tables numbered
//! 1, 2, 3 …, every cell in its table and row, grid columns rising along a row, and a merged
//! cell pointing at an earlier row.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlint_import::docx::{read_docx, read_parts, Limits};
use planlint_import::{Block, Document, Origin};

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

fuzz_target!(|bytes: &[u8]| {
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
        Ok(doc) => check(&doc),
        Err(e) => {
            let (zh, en) = e.message();
            assert!(!zh.is_empty() && !en.is_empty());
        }
    }
});
