//! How long checking the bundled seed plans takes, phase by phase: reading and parsing the
//! YAML, building the world (targets read, names matched), compiling the rules, and
//! running them. Run with `cargo bench -p planlint_engine --bench seeds`; it prints the
//! median of many runs for each phase. Figures are for comparing phases and versions on
//! one machine, not goals (speed goals live here, never in timed tests).

use planlint_engine::{Limits, RuleSet, RuleSource, Selection, World};
use planlint_model::{load_plan, Catalog, PlanSet};
#[path = "../tests/common/files.rs"]
mod common;
use common::{files, root};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let mut plan_files = Vec::new();
    files(&root().join("seeds"), ".plan.yaml", &mut plan_files);
    let texts: Vec<(String, String)> = plan_files
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let catalog_text = std::fs::read_to_string(root().join("rules/catalog.yaml")).unwrap();
    let mut rule_dirs: Vec<PathBuf> = std::fs::read_dir(root().join("rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("rule.yaml").is_file())
        .collect();
    rule_dirs.sort();
    let sources: Vec<RuleSource> = rule_dirs
        .iter()
        .map(|d| RuleSource {
            id: d.file_name().unwrap().to_string_lossy().into_owned(),
            meta_file: d.join("rule.yaml").display().to_string(),
            meta_text: std::fs::read_to_string(d.join("rule.yaml")).unwrap(),
            script_file: d.join("check.rhai").display().to_string(),
            script_text: std::fs::read_to_string(d.join("check.rhai")).unwrap(),
        })
        .collect();

    let runs = 50;
    let (mut parse, mut world_t, mut compile, mut check, mut total) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut findings = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let plans: Vec<_> = texts
            .iter()
            .filter_map(|(f, t)| load_plan(f, t).0)
            .collect();
        let (catalog, _) = Catalog::load("rules/catalog.yaml", &catalog_text);
        let (set, _) = PlanSet::new(plans);
        let count = set.plans().len();
        let t1 = Instant::now();
        let world = Arc::new(World::new(set, catalog));
        let t2 = Instant::now();
        let (rules, _) = RuleSet::compile(sources.clone(), Limits::default());
        let t3 = Instant::now();
        let all: Vec<usize> = (0..count).collect();
        findings = rules.check(&world, &all, &Selection::default()).len();
        let t4 = Instant::now();
        parse.push(t1 - start);
        world_t.push(t2 - t1);
        compile.push(t3 - t2);
        check.push(t4 - t3);
        total.push(t4 - start);
    }
    println!(
        "seeds: {} plans, {} rules, {findings} findings; median of {runs} runs",
        texts.len(),
        sources.len()
    );
    for (name, samples) in [
        ("read YAML + catalog + hierarchy", parse),
        ("read rows (targets, names)", world_t),
        ("compile rules", compile),
        ("run rules", check),
        ("total", total),
    ] {
        println!(
            "{name:34} {:>10.3} ms",
            median(samples).as_secs_f64() * 1000.0
        );
    }
}
