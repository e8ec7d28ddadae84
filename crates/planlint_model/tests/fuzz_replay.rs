//! Replays the fuzzing corpora of `fuzz/` (and every input that once crashed, kept under
//! `fuzz/regressions/`) as ordinary tests, so `cargo test` re-checks what fuzzing found
//! without spending fuzzing time in CI. Each input goes through the same calls as the
//! fuzz target of the same name.

#[path = "../../../fuzz/replay.rs"]
mod replay;

/// Every UTF-8 input of `targets`' corpora and regressions through `check` (the fuzz
/// targets take UTF-8 text only, like the loader).
fn replay(targets: &[&str], check: fn(&str)) {
    for path in replay::inputs(targets) {
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
