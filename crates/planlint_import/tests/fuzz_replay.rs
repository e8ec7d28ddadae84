//! Replays the `import_text` and `import_docx` fuzzing corpora of `fuzz/` (and every input
//! that once crashed, kept under `fuzz/regressions/`) as ordinary tests, through the same
//! calls and checks as the fuzz targets, so `cargo test` re-checks what fuzzing found
//! without spending fuzzing time in CI.

use planlint_import::fuzzing::{import_docx, import_text};
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
