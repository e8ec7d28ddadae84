//! Many checked plans as the overview shows them: one review report per plan checked (and
//! per input that could not be read as a plan), built the way `report` builds one, and
//! the overview made from them. Used by `report DIR` and by the desk.
//!
//! Each report gets the diagnostics about its own plan only — those naming its id, and
//! those in its file that name none — so a row's counts are the counts `check --format
//! json` gives for that plan. Problems of no plan (the configuration, a catalog, a rule)
//! are the overview's, shown once rather than in every row.

use crate::repo::Checked;
use crate::review;
use planlint_diagnostics::Diagnostic;
use planlint_report::{Overview, Report};
use std::collections::BTreeMap;
use std::path::Path;

/// The reports of every plan a check checked and of every input it could not read, and
/// their overview, named `scope` for its reader.
pub fn of(checked: &Checked, diagnostics: Vec<Diagnostic>, scope: &str) -> (Vec<Report>, Overview) {
    let outcome = &checked.outcome;
    let world = &outcome.world;
    let checked_plans = &outcome.checked;

    // Diagnostics by plan: by its id first (as the report takes them), then by its file.
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_file: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, &p) in checked_plans.iter().enumerate() {
        let plan = world.plan(p);
        by_id.entry(plan.id()).or_insert(k);
        by_file.entry(plan.file.as_str()).or_insert(k);
    }
    let mut own: Vec<Vec<Diagnostic>> = vec![Vec::new(); checked_plans.len()];
    let mut unreadable: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    let mut general = Vec::new();
    for d in diagnostics {
        let k = match &d.plan {
            Some(id) => by_id.get(id.as_str()).copied(),
            None => by_file.get(d.primary.location.file.as_str()).copied(),
        };
        match k {
            Some(k) => own[k].push(d),
            None if is_plan_input(&d.primary.location.file) => unreadable
                .entry(d.primary.location.file.clone())
                .or_default()
                .push(d),
            None => general.push(d),
        }
    }

    let jobs = crate::repo::threads(0);
    let items: Vec<(usize, &Vec<Diagnostic>)> =
        checked_plans.iter().copied().zip(own.iter()).collect();
    let mut reports: Vec<Report> = planlint_align::parallel_map(&items, jobs, |(p, own)| {
        let mut report = planlint_report::build(
            world,
            *p,
            own,
            planlint_check::could_not_check,
            &review::generator(),
        );
        review::name_rules(checked, &mut report);
        report
    });
    for (file, problems) in &unreadable {
        let mut report = planlint_report::unreadable(file, problems, &review::generator());
        review::name_rules(checked, &mut report);
        reports.push(report);
    }
    let overview = planlint_report::overview(scope, &reports, general, &review::generator());
    (reports, overview)
}

/// Whether a file a diagnostic points at is a plan input (a plan file or a document) rather
/// than the configuration, a catalog or a rule.
fn is_plan_input(file: &str) -> bool {
    !file.is_empty()
        && (file.ends_with(planlint_check::PLAN_SUFFIX)
            || planlint_import::is_document(Path::new(file)))
}

/// A file name for a plan's report in the overview's folder: the plan's id where it is a
/// safe file name, else its letters and digits with its position, so that two plans never
/// share a file.
pub fn report_file_name(report: &Report, position: usize) -> String {
    let id = report.plan.as_ref().map_or("", |p| p.id.as_str());
    let safe = !id.is_empty()
        && id.len() <= 120
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if safe {
        format!("{id}.html")
    } else {
        let kept: String = id
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(40)
            .collect();
        format!("{position:04}-{kept}.html")
    }
}
