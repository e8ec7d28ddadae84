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

/// Every UTF-8 input of `targets`' corpora and regressions through `check` (the fuzz
/// targets take UTF-8 text only, like the loader).
fn replay(targets: &[&str], check: fn(&str)) {
    let files: Vec<PathBuf> = targets.iter().flat_map(|t| inputs(t)).collect();
    assert!(
        !files.is_empty(),
        "fuzz/corpus/{} is empty or missing",
        targets[0]
    );
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            check(text);
        }
    }
}

#[test]
fn load_plan_corpus() {
    replay(&["load_plan"], planlint_model::fuzzing::load_plan_text);
}

#[test]
fn catalog_corpus() {
    replay(&["catalog"], planlint_model::fuzzing::catalog_text);
}

#[test]
fn yaml_differential_corpus() {
    // The load_plan corpus is plan-shaped YAML; the regressions are what fuzzing the
    // differential target found.
    replay(
        &["load_plan", "yaml_differential"],
        planlint_model::fuzzing::yaml_differential,
    );
}
