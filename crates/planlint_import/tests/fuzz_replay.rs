//! Replays the `import_text` and `import_docx` fuzzing corpora of `fuzz/` (and every input
//! that once crashed, kept under `fuzz/regressions/`) as ordinary tests, through the same
//! calls and checks as the fuzz targets, so `cargo test` re-checks what fuzzing found
//! without spending fuzzing time in CI.

use planlint_import::docx::{read_docx, read_parts, Limits};
use planlint_import::{encoding, Block, Document, Origin};
use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut files = Vec::new();
    for folder in ["corpus", "regressions"] {
        if let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) {
            files.extend(entries.filter_map(Result::ok).map(|e| e.path()));
        }
    }
    files.sort();
    files
}

/// What `fuzz_targets/import_text.rs` does with one input.
fn import_text(bytes: &[u8]) {
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

/// The consistency checks of `fuzz_targets/import_docx.rs`.
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

/// What `fuzz_targets/import_docx.rs` does with one input. Returns whether a document was
/// read.
fn import_docx(bytes: &[u8]) -> bool {
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

#[test]
fn import_text_corpus() {
    let files = inputs("import_text");
    assert!(
        !files.is_empty(),
        "fuzz/corpus/import_text is empty or missing"
    );
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        import_text(&bytes);
    }
}

#[test]
fn import_docx_corpus() {
    let files = inputs("import_docx");
    assert!(
        !files.is_empty(),
        "fuzz/corpus/import_docx is empty or missing"
    );
    let mut read = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        read += usize::from(import_docx(&bytes));
    }
    // The corpus is not all rejects: real documents in it are read.
    assert!(read > 0, "no document of {} was read", files.len());
}

/// The `import_document` corpus: every input through the whole import, with the checks of
/// `planlint_import::fuzzing::import_document`.
#[test]
fn import_document_corpus() {
    let files = inputs("import_document");
    assert!(
        !files.is_empty(),
        "fuzz/corpus/import_document is empty or missing"
    );
    let written = files
        .iter()
        .filter(|path| planlint_import::fuzzing::import_document(&std::fs::read(path).unwrap()))
        .count();
    assert!(written > 0, "no corpus input imported");
}
