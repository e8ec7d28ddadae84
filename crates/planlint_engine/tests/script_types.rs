//! Every value a script reads is one of the types the guide names: a string, a number, a
//! boolean, `()`, an array or map of them, or a view or record. A Rust type that reaches a
//! script unregistered (a `SmartString` where a `String` was) compares with nothing and
//! prints as its type's name: every rule that reads it would fail or, worse, quote the
//! type's name in a finding.
//!
//! The properties are taken from docs/writing-rules.md, so a property added there is
//! checked too; the helpers' records are walked whole. The values come from the seed
//! repository and every rule case.

use planlint_engine::{Limits, RuleSet, RuleSource, Selection, World};
use planlint_model::{load_plan, Catalog, PlanSet};
#[path = "common/files.rs"]
mod common;
use common::{files, root};
use std::path::PathBuf;
use std::sync::Arc;

/// The backticked names in the guide's paragraph `A **{kind}** … has …`, leaving out what
/// is in brackets (the values a property takes, `plan.at("key")`).
fn properties(guide: &str, kind: &str) -> Vec<String> {
    let start = format!("A **{kind}** ");
    let line = guide
        .lines()
        .find(|l| l.starts_with(&start))
        .unwrap_or_else(|| panic!("the guide describes no {kind}"));
    let mut flat = String::new();
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => flat.push(c),
            _ => {}
        }
    }
    let mut names: Vec<String> = flat
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_string)
        .collect();
    names.dedup();
    names
}

const WALK: &str = r#"
// The first value inside `v` whose type no script knows, with where it is; "" for none.
fn foreign(v, at) {
    let t = type_of(v);
    if ["string", "i64", "f64", "bool", "()", "Plan", "Row", "Section", "TextTarget", "Place"].contains(t) { return ""; }
    if t == "Comparison" || t == "UnitLabel" { return foreign(v.to_map(), at); }
    if t == "array" {
        for x in v { let f = foreign(x, at + "[]"); if f != "" { return f; } }
        return "";
    }
    if t == "map" {
        for k in v.keys() { let f = foreign(v[k], at + "." + k); if f != "" { return f; } }
        return "";
    }
    `${at}: ${t}`
}
let found = [];
let seen = 0;
"#;

fn script(guide: &str) -> (String, usize) {
    let mut script = WALK.to_string();
    let mut count = 0;
    let mut read = |view: &str, kind: &str, script: &mut String| {
        let names = properties(guide, kind);
        assert!(names.len() >= 3, "{kind}: {names:?}");
        for name in names {
            count += 1;
            script.push_str(&format!(
                "{{ let f = foreign({view}.{name}, \"{kind}.{name}\"); seen += 1; if f != \"\" {{ found.push(f); }} }}\n"
            ));
        }
    };
    read("plan", "Plan", &mut script);
    script.push_str("for row in plan.indicators {\n");
    read("row", "Row", &mut script);
    script.push_str(
        "for h in [baseline_of(row), baseline_verdict(row), baseline_conflicts(row), previous_row(plan, row), compare_previous(plan, row), unit_label(row), slips(row), bound(row.baseline)] { let f = foreign(h, \"helper of a row\"); if f != \"\" { found.push(f); } }\n}\n",
    );
    script.push_str("for s in plan.sections {\n");
    read("s", "Section", &mut script);
    script.push_str("}\nfor t in plan.targets_in_text {\n");
    read("t", "TextTarget", &mut script);
    script
        .push_str("let f = foreign(slips(t), \"slips(t)\"); if f != \"\" { found.push(f); }\n}\n");
    script.push_str(
        r#"for h in [compared(plan), text_compared(plan, #{}), not_carried(plan), section_coverage(plan), text_groups(plan), carried(plan)] { let f = foreign(h, "a query"); if f != "" { found.push(f); } }
report(plan, #{zh: "探针", en: `${seen}|${found}`});
"#,
    );
    (script, count)
}

fn world(paths: &[PathBuf]) -> Arc<World> {
    let plans = paths
        .iter()
        .filter_map(|f| load_plan(&f.to_string_lossy(), &std::fs::read_to_string(f).unwrap()).0)
        .collect();
    let (set, _) = PlanSet::new(plans);
    let file = root().join("rules/catalog.yaml");
    let catalog = Catalog::load(
        &file.to_string_lossy(),
        &std::fs::read_to_string(&file).unwrap(),
    )
    .0;
    Arc::new(World::new(set, catalog))
}

#[test]
fn every_value_a_script_reads_is_a_type_scripts_know() {
    let guide = std::fs::read_to_string(root().join("docs/writing-rules.md")).unwrap();
    let (script, properties) = script(&guide);
    assert!(properties >= 50, "{properties} properties in the guide");
    let source = RuleSource {
        id: "types".into(),
        meta_file: "rules/types/rule.yaml".into(),
        meta_text: "id: types\nseverity: info\nsummary: {zh: 类型, en: types}\n".into(),
        script_file: "rules/types/check.rhai".into(),
        script_text: script,
    };
    let (rules, problems) = RuleSet::compile(vec![source], Limits::default());
    assert!(problems.is_empty(), "{problems:?}");

    let mut repositories = Vec::new();
    let mut seeds = Vec::new();
    files(&root().join("seeds"), ".plan.yaml", &mut seeds);
    repositories.push(seeds);
    for rule in std::fs::read_dir(root().join("rules")).unwrap() {
        let dir = rule.unwrap().path().join("cases");
        if dir.is_dir() {
            for case in std::fs::read_dir(dir).unwrap() {
                let mut plans = Vec::new();
                files(&case.unwrap().path(), ".yaml", &mut plans);
                repositories.push(plans);
            }
        }
    }
    let (mut plans, mut values) = (0, 0);
    for paths in &repositories {
        let world = world(paths);
        let which: Vec<usize> = (0..world.plans.plans().len()).collect();
        for d in rules.check(&world, &which, &Selection::default()) {
            assert_eq!(d.code, "types", "{}", d.message.en);
            let (seen, found) = d.message.en.split_once('|').unwrap();
            assert!(found == "[]", "{}: {found}", d.plan.unwrap_or_default());
            plans += 1;
            values += seen.parse::<usize>().unwrap();
        }
    }
    assert!(plans >= 100, "{plans} plans");
    assert!(values >= 10_000, "{values} values");
}
