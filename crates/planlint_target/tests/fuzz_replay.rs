//! Replays the `target_parse` fuzzing corpus of `fuzz/` (and every input that once
//! failed, kept under `fuzz/regressions/`) as an ordinary test, through the same calls and
//! the same round-trip assertion as the fuzz target, so `cargo test` re-checks what fuzzing
//! found.

use std::path::Path;

#[test]
fn target_parse_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut files = Vec::new();
    for folder in ["corpus", "regressions"] {
        if let Ok(entries) = std::fs::read_dir(root.join(folder).join("target_parse")) {
            files.extend(entries.filter_map(Result::ok).map(|e| e.path()));
        }
    }
    files.sort();
    assert!(
        !files.is_empty(),
        "fuzz/corpus/target_parse is empty or missing"
    );
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        // A failure names the input: the assertion's message has the text, not the file.
        eprintln!("{}", path.display());
        planlint_target::fuzzing::target_parse(text);
    }
}
