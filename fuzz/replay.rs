//! What the crates' `tests/fuzz_replay.rs` share, included by path: a fuzz target's inputs,
//! its corpus and the kept regressions, so `cargo test` replays what fuzzing found.

use std::path::{Path, PathBuf};

/// Every input of `targets`' corpora and regressions, in a stable order. Fails when there
/// are none: a missing corpus must not pass as a clean replay.
pub fn inputs(targets: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut files = Vec::new();
    for target in targets {
        let mut these = Vec::new();
        for folder in ["corpus", "regressions"] {
            if let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) {
                these.extend(entries.filter_map(Result::ok).map(|e| e.path()));
            }
        }
        these.sort();
        files.extend(these);
    }
    assert!(
        !files.is_empty(),
        "fuzz/corpus/{} is empty or missing",
        targets[0]
    );
    files
}
