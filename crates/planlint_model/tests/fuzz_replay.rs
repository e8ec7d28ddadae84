//! Replays the fuzzing corpora of `fuzz/` (and every input that once crashed, kept under
//! `fuzz/regressions/`) as ordinary tests, so `cargo test` re-checks what fuzzing found
//! without spending fuzzing time in CI. Each input goes through the same calls as the
//! fuzz target of the same name.

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
fn load_plan_corpus() {
    let files = inputs("load_plan");
    assert!(
        !files.is_empty(),
        "fuzz/corpus/load_plan is empty or missing"
    );
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        // The fuzz target takes UTF-8 text only, like the loader.
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        planlint_model::fuzzing::load_plan_text(text);
    }
}

#[test]
fn catalog_corpus() {
    let files = inputs("catalog");
    assert!(!files.is_empty(), "fuzz/corpus/catalog is empty or missing");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        planlint_model::fuzzing::catalog_text(text);
    }
}

#[test]
fn yaml_differential_corpus() {
    // The load_plan corpus is plan-shaped YAML; the regressions are what fuzzing the
    // differential target found.
    let mut files = inputs("load_plan");
    files.extend(inputs("yaml_differential"));
    assert!(
        !files.is_empty(),
        "fuzz/corpus/load_plan is empty or missing"
    );
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        planlint_model::fuzzing::yaml_differential(text);
    }
}
