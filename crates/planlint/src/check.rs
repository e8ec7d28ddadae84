//! `planlint check`: load the configuration, the catalog, the plans and the rules, resolve
//! the hierarchy, and run every selected rule on every plan.

use crate::config;
use crate::discover::{self, SourceFile};
use crate::rules;
use planlint_diagnostics::{sort, Diagnostic};
use planlint_engine::{Limits, RuleSet, Selection, World};
use planlint_model::{load_plan, Catalog, PlanSet};
use std::path::PathBuf;
use std::sync::Arc;

/// The indicator catalog built into the binary, so that planlint works anywhere.
pub const BUNDLED_CATALOG: &str = include_str!("../../../rules/catalog.yaml");

/// What to check and how.
#[derive(Debug, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub catalogs: Vec<PathBuf>,
    pub rule_dirs: Vec<PathBuf>,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    /// Load and resolve only; run no rules (`planlint show`).
    pub no_rules: bool,
}

/// Everything a check found, ready to render.
pub struct Outcome {
    pub files: Vec<SourceFile>,
    /// Other files diagnostics can point at: catalogs, rule scripts, the configuration.
    pub other_files: Vec<SourceFile>,
    pub world: Arc<World>,
    /// Problems loading files: a plan with one could not be checked as written.
    pub load_problems: Vec<Diagnostic>,
    /// What the rules found, and rules that failed.
    pub findings: Vec<Diagnostic>,
}

impl Outcome {
    /// Every diagnostic, sorted.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .load_problems
            .iter()
            .chain(&self.findings)
            .cloned()
            .collect();
        sort(&mut all);
        all
    }
}

/// Runs a check. One bad file never stops the others.
pub fn run(options: &Options) -> Outcome {
    let mut problems = Vec::new();
    let start = options.paths.first().cloned().unwrap_or_default();
    let config = config::load(&start, &mut problems);
    let mut other_files = Vec::new();

    let (mut catalog, catalog_problems) = Catalog::load("rules/catalog.yaml", BUNDLED_CATALOG);
    problems.extend(catalog_problems);
    for path in config.catalogs.iter().chain(&options.catalogs) {
        match discover::read(path) {
            Ok(file) => {
                problems.extend(catalog.extend(&file.name, &file.text));
                other_files.push(file);
            }
            Err(problem) => problems.push(*problem),
        }
    }

    let mut files = Vec::new();
    let mut plans = Vec::new();
    for path in discover::discover(&options.paths, &mut problems) {
        match discover::read(&path) {
            Ok(file) => {
                let (plan, found) = load_plan(&file.name, &file.text);
                problems.extend(found);
                plans.extend(plan);
                files.push(file);
            }
            Err(problem) => problems.push(*problem),
        }
    }
    let (plans, found) = PlanSet::new(plans);
    problems.extend(found);
    let count = plans.plans().len();
    let world = Arc::new(World::new(plans, catalog));

    let mut sources = rules::bundled();
    for dir in config.rule_dirs.iter().chain(&options.rule_dirs) {
        sources.extend(rules::from_dir(dir, &mut problems));
    }
    for s in &sources {
        other_files.push(SourceFile {
            name: s.script_file.clone(),
            text: s.script_text.clone(),
        });
        other_files.push(SourceFile {
            name: s.meta_file.clone(),
            text: s.meta_text.clone(),
        });
    }
    let (rules, compile_problems) = RuleSet::compile(sources, Limits::default());
    let mut findings = compile_problems;
    if !options.no_rules {
        let selection = Selection {
            select: options.select.clone().or(config.select),
            ignore: options
                .ignore
                .iter()
                .chain(&config.ignore)
                .cloned()
                .collect(),
            severity: config.severity,
        };
        let all: Vec<usize> = (0..count).collect();
        findings.extend(rules.check(&world, &all, &selection));
    }
    sort(&mut problems);
    sort(&mut findings);
    Outcome {
        files,
        other_files,
        world,
        load_problems: problems,
        findings,
    }
}
