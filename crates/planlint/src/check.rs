//! `planlint check`: load the plans under the given paths and resolve their hierarchy.

use crate::discover::{self, SourceFile};
use planlint_diagnostics::{sort, Diagnostic};
use planlint_model::{load_plan, Catalog, PlanSet};
use std::path::PathBuf;

/// The indicator catalog built into the binary, so that planlint works anywhere.
pub const BUNDLED_CATALOG: &str = include_str!("../../../rules/catalog.yaml");

/// Everything a check found, ready to render.
pub struct Outcome {
    pub files: Vec<SourceFile>,
    pub catalog_files: Vec<SourceFile>,
    pub plans: PlanSet,
    pub catalog: Catalog,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads the catalog (the bundled one, extended by `catalogs`) and every plan under
/// `paths`. One bad file never stops the others.
pub fn run(paths: &[PathBuf], catalogs: &[PathBuf]) -> Outcome {
    let mut diagnostics = Vec::new();
    let (mut catalog, problems) = Catalog::load("rules/catalog.yaml", BUNDLED_CATALOG);
    diagnostics.extend(problems);
    let mut catalog_files = Vec::new();
    for path in catalogs {
        match discover::read(path) {
            Ok(file) => {
                diagnostics.extend(catalog.extend(&file.name, &file.text));
                catalog_files.push(file);
            }
            Err(problem) => diagnostics.push(*problem),
        }
    }
    let mut files = Vec::new();
    let mut plans = Vec::new();
    for path in discover::discover(paths, &mut diagnostics) {
        match discover::read(&path) {
            Ok(file) => {
                let (plan, problems) = load_plan(&file.name, &file.text);
                diagnostics.extend(problems);
                plans.extend(plan);
                files.push(file);
            }
            Err(problem) => diagnostics.push(*problem),
        }
    }
    let (plans, problems) = PlanSet::new(plans);
    diagnostics.extend(problems);
    sort(&mut diagnostics);
    Outcome {
        files,
        catalog_files,
        plans,
        catalog,
        diagnostics,
    }
}
