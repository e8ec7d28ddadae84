//! The generated repository checked with the bundled rules gives exactly its truth list:
//! every injected defect found, exempted where the plan acknowledges it and only there, no
//! other finding, and no load problem — the benchmark's 100 % recall and precision, on a
//! small repository, as a test.

use planlint_bench::{found_keys, generate, rule_sources, Generated, CATALOG, DEFECT_KINDS};
use planlint_diagnostics::Diagnostic;
use planlint_engine::{Limits, RuleSet, Selection, World};
use planlint_model::{load_plan, Catalog, PlanSet};
use std::collections::BTreeMap;
use std::sync::Arc;

/// (rule, plan, catalog id) → exempted.
type Found = BTreeMap<(String, String, String), bool>;

/// Loads and checks the repository; asserts that nothing but the rules had anything to say.
fn check(g: &Generated) -> Vec<Diagnostic> {
    let mut plans = Vec::new();
    for (file, text) in &g.files {
        let (plan, problems) = load_plan(file, text);
        assert!(problems.is_empty(), "{file}: {problems:#?}");
        plans.extend(plan);
    }
    let (catalog, problems) = Catalog::load("rules/catalog.yaml", CATALOG);
    assert!(problems.is_empty());
    let (set, problems) = PlanSet::new(plans);
    assert!(problems.is_empty(), "{problems:#?}");
    let count = set.plans().len();
    let world = Arc::new(World::new(set, catalog));
    let (rules, problems) = RuleSet::compile(rule_sources(), Limits::default());
    assert!(problems.is_empty(), "{problems:#?}");
    // Reference copies of higher plans are parents, not submissions: not checked.
    let all: Vec<usize> = (0..count)
        .filter(|&i| !world.plans.get(i).is_reference())
        .collect();
    rules.check_parallel(&world, &all, &Selection::default(), 2, &|| {})
}

/// The findings by (rule, plan, catalog id), as `planlint-bench run` matches them.
fn found(findings: &[Diagnostic]) -> Found {
    let (catalog, _) = Catalog::load("rules/catalog.yaml", CATALOG);
    found_keys(&catalog, findings)
}

fn truth(g: &Generated) -> Found {
    g.truth_keys()
}

#[test]
fn findings_are_the_truth() {
    let mut kinds: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for seed in [1, 2, 3] {
        let g = generate(seed, 3, 10, 86);
        let findings = check(&g);
        let others: Vec<&Diagnostic> = findings
            .iter()
            .filter(|d| !DEFECT_KINDS.contains(&d.code.as_str()))
            .collect();
        assert!(others.is_empty(), "seed {seed}: {others:#?}");
        let (want, have) = (truth(&g), found(&findings));
        assert_eq!(want.len(), g.truth.len(), "seed {seed}: one defect per key");
        for (key, exempted) in &want {
            assert_eq!(have.get(key), Some(exempted), "seed {seed}: {key:?}");
        }
        for key in have.keys() {
            assert!(want.contains_key(key), "seed {seed}: extra {key:?}");
        }
        for ((rule, _, _), exempted) in &want {
            let k = kinds.entry(rule.clone()).or_default();
            k.0 += 1;
            k.1 += usize::from(*exempted);
        }
    }
    // Every kind is injected, and exemptions are; the text targets are a kind of their own.
    for kind in DEFECT_KINDS {
        assert!(
            kinds.get(kind).is_some_and(|k| k.0 > 0),
            "{kind}: {kinds:?}"
        );
    }
    assert!(kinds.values().map(|k| k.1).sum::<usize>() > 0, "{kinds:?}");
}

#[test]
fn plans_state_targets_in_text_and_some_a_previous_period() {
    let g = generate(1, 3, 10, 86);
    let mut previous = 0;
    let mut exemptions = 0;
    for (path, text) in &g.files {
        let (plan, _) = load_plan(path, text);
        let plan = plan.unwrap();
        let texts = plan.targets_in_text.len();
        assert!(
            (5..=11).contains(&texts),
            "{path}: {texts} targets in the text"
        );
        if let Some(p) = &plan.previous_period {
            assert!(!p.indicators.is_empty(), "{path}");
            previous += 1;
        }
        exemptions += plan.exemptions.len();
    }
    let share = previous as f64 / g.files.len() as f64;
    assert!(
        (0.3..=0.7).contains(&share),
        "{previous} of {}",
        g.files.len()
    );
    let exempted = g.truth.iter().filter(|d| d.exempted).count();
    assert_eq!(exemptions, exempted);
}
