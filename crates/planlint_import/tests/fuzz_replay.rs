//! Replays the `import_text` and `import_docx` fuzzing corpora of `fuzz/` (and every input
//! that once crashed, kept under `fuzz/regressions/`) as ordinary tests, through the same
//! calls and checks as the fuzz targets, so `cargo test` re-checks what fuzzing found
//! without spending fuzzing time in CI.

use planlint_import::fuzzing::{import_docx, import_text};
#[path = "../../../fuzz/replay.rs"]
mod replay;

use replay::inputs;

#[test]
fn import_text_corpus() {
    let files = inputs(&["import_text"]);
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        import_text(&bytes);
    }
}

#[test]
fn import_docx_corpus() {
    let files = inputs(&["import_docx"]);
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
    let files = inputs(&["import_document"]);
    let written = files
        .iter()
        .filter(|path| planlint_import::fuzzing::import_document(&std::fs::read(path).unwrap()))
        .count();
    assert!(written > 0, "no corpus input imported");
}
