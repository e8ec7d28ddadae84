//! Rule test cases: a few plan files with `# expect: <rule>` markers, and a snapshot.
//!
//! A case is a directory beside its rule (`rules/<id>/cases/<case>/`) holding plan files
//! named `*.yaml` (not `*.plan.yaml`, so repository mode never checks them) — usually a
//! `parent.yaml` and a `child.yaml` — and a `snapshot.txt`. A line that must get a finding
//! of the rule ends with `# expect: <rule>`; a finding on a line without the marker, or a
//! marker without a finding, fails the case. The snapshot holds the inputs and the
//! rendered findings in both languages, so a change of message is seen in review.
//!
//! `planlint test-rules` runs cases for any rule directory, so rule authors need no Rust.

use crate::{RuleSet, Selection, World};
use planlint_diagnostics::{render_human, Diagnostic, Lang, RenderOptions};
use planlint_model::{load_plan, Catalog, PlanSet};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A file of a case, as read by the caller.
#[derive(Clone, Debug)]
pub struct CaseFile {
    pub name: String,
    pub text: String,
}

/// What running a case found.
#[derive(Clone, Debug)]
pub struct CaseOutcome {
    /// Why the case fails; empty when it passes (before the snapshot is compared).
    pub failures: Vec<String>,
    /// The text the case's `snapshot.txt` must equal.
    pub snapshot: String,
    /// The findings, for callers that want more than the snapshot.
    pub diagnostics: Vec<Diagnostic>,
}

/// The `# expect:` markers of a file: (line, rule id).
pub fn markers(text: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(at) = line.find("# expect:") {
            for id in line[at + "# expect:".len()..].split(',') {
                let id = id.trim();
                if !id.is_empty() {
                    out.push((i as u32 + 1, id.to_string()));
                }
            }
        }
    }
    out
}

/// Runs rule `rule_id` on the plans of one case.
pub fn run_case(
    rules: &RuleSet,
    rule_id: &str,
    catalog: &Catalog,
    files: &[CaseFile],
) -> CaseOutcome {
    let mut failures = Vec::new();
    let mut plans = Vec::new();
    let mut load_problems = Vec::new();
    for f in files {
        let (plan, problems) = load_plan(&f.name, &f.text);
        load_problems.extend(problems);
        plans.extend(plan);
    }
    for d in &load_problems {
        failures.push(format!(
            "{}: {} {}",
            d.primary.location, d.code, d.message.en
        ));
    }
    let (set, problems) = PlanSet::new(plans);
    for d in &problems {
        failures.push(format!(
            "{}: {} {}",
            d.primary.location, d.code, d.message.en
        ));
    }
    let count = set.plans().len();
    let world = Arc::new(World::new(set, catalog.clone()));
    let selection = Selection {
        select: Some(vec![rule_id.to_string()]),
        ..Selection::default()
    };
    let all: Vec<usize> = (0..count).collect();
    let diagnostics = rules.check(&world, &all, &selection);

    // Markers against findings.
    let mut expected: BTreeSet<(String, u32)> = BTreeSet::new();
    for f in files {
        for (line, id) in markers(&f.text) {
            if id == rule_id {
                expected.insert((f.name.clone(), line));
            }
        }
    }
    let mut got: BTreeSet<(String, u32)> = BTreeSet::new();
    for d in &diagnostics {
        let at = &d.primary.location;
        if d.code == rule_id {
            got.insert((at.file.clone(), at.line));
        } else {
            failures.push(format!("{at}: unexpected {}: {}", d.code, d.message.en));
        }
    }
    for (file, line) in expected.difference(&got) {
        failures.push(format!(
            "{file}:{line}: expected `{rule_id}`, found nothing"
        ));
    }
    for (file, line) in got.difference(&expected) {
        failures.push(format!(
            "{file}:{line}: `{rule_id}` fired on a line without `# expect: {rule_id}`"
        ));
    }

    let sources: BTreeMap<String, String> = files
        .iter()
        .map(|f| (f.name.clone(), f.text.clone()))
        .collect();
    let mut snapshot = String::new();
    for f in files {
        snapshot.push_str(&format!("--- {}\n{}", f.name, f.text));
        if !f.text.ends_with('\n') {
            snapshot.push('\n');
        }
    }
    for lang in [Lang::Zh, Lang::En] {
        snapshot.push_str(&format!(
            "--- {}\n",
            match lang {
                Lang::Zh => "findings (zh)",
                Lang::En => "findings (en)",
            }
        ));
        snapshot.push_str(&render_human(
            &diagnostics,
            &sources,
            RenderOptions {
                lang,
                color: false,
                width: 100,
            },
        ));
    }
    CaseOutcome {
        failures,
        snapshot,
        diagnostics,
    }
}
