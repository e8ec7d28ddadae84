//! `planlint check`: load the plans under the given paths and resolve their hierarchy.

use crate::discover::{self, SourceFile};
use planlint_diagnostics::{sort, Diagnostic};
use planlint_model::{load_plan, PlanSet};
use std::path::PathBuf;

/// Everything a check found, ready to render.
pub struct Outcome {
    pub files: Vec<SourceFile>,
    pub plans: PlanSet,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads every plan under `paths`. One bad file never stops the others.
pub fn run(paths: &[PathBuf]) -> Outcome {
    let mut diagnostics = Vec::new();
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
        plans,
        diagnostics,
    }
}
