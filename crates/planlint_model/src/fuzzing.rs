//! What the `load_plan`, `catalog` and `yaml_differential` fuzz targets do with one input, shared by the
//! targets in `fuzz/` and the test that replays their corpora (`tests/fuzz_replay.rs`), so
//! the two cannot drift. Any panic is the finding.

use crate::{load_plan, yaml, Catalog, PlanSet};

/// The YAML fast path must read a text exactly as serde-saphyr does (kinds, values and
/// every position), or leave it to serde-saphyr: `yaml::parse` gives what serde-saphyr
/// alone gives, tree or error. Panics, naming the difference, when not.
pub fn yaml_differential(text: &str) {
    let (parsed, reference) = (yaml::parse(text), yaml::parse_with_serde_saphyr(text));
    // Each fast path on its own (a blank text never reaches them).
    if !text.trim().is_empty() {
        let (scanned, evented) = yaml::fast_paths(text);
        for (path, tree) in [("line reader", scanned), ("event reader", evented)] {
            if let Some(tree) = tree {
                assert!(
                    reference.as_ref() == Ok(&tree),
                    "the {path} differs from serde-saphyr on {text:?}:\n{path}: {tree:?}\nserde-saphyr: {reference:?}"
                );
            }
        }
    }
    assert!(
        parsed == reference,
        "the fast path differs from serde-saphyr on {text:?}:\nparse: {parsed:?}\nserde-saphyr: {reference:?}"
    );
}

/// Any text as a plan file; a plan it gives goes through `PlanSet::new` alone and twice
/// (two plans, one id).
pub fn load_plan_text(text: &str) {
    let (plan, _diagnostics) = load_plan("f.plan.yaml", text);
    if let Some(plan) = plan {
        let _ = PlanSet::new(vec![plan.clone()]);
        let _ = PlanSet::new(vec![plan.clone(), plan]);
    }
}

/// Any text as a catalog file, then lookups of fixed names, an id, and the text's first
/// line as a name and as an id.
pub fn catalog_text(text: &str) {
    let (catalog, _diagnostics) = Catalog::load("c.yaml", text);
    let first_line = text.lines().next().unwrap_or("");
    for name in [
        "人均预期寿命",
        "婴儿死亡率（‰）",
        "每千人口 执业(助理)医师数",
        "",
        first_line,
    ] {
        let _ = catalog.lookup(name, None);
    }
    let _ = catalog.lookup("x", Some("life-expectancy"));
    let _ = catalog.lookup("x", Some(first_line));
}
