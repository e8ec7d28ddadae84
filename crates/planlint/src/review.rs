//! A checked plan as the review report shows it: what `planlint report` writes and what the
//! desk shows, built the same way for both.

use crate::repo::Checked;
use planlint_diagnostics::{Diagnostic, Text};

/// The tool that made the report, for its footer.
pub fn generator() -> String {
    format!("planlint {}", env!("CARGO_PKG_VERSION"))
}

/// The report of the plan a check checked — or, when the file could not be read as a plan,
/// of why — known to its reader by `shown` (a document is checked as the plan file
/// imported from it, `doc.txt.plan.yaml`, and a served upload from a temporary folder: the
/// reader knows neither name). Used by `report` and by `serve`.
pub fn report_of(
    checked: &Checked,
    diagnostics: &[Diagnostic],
    shown: &str,
) -> planlint_report::Report {
    let outcome = &checked.outcome;
    // A reference copy is not checked, but its report says what it is.
    let plan = outcome.checked.first().or(outcome.references.first());
    let mut report = match plan {
        Some(p) => planlint_report::build(
            &outcome.world,
            *p,
            diagnostics,
            planlint_check::could_not_check,
            &generator(),
        ),
        None => planlint_report::unreadable(shown, diagnostics, &generator()),
    };
    report.file = shown.to_string();
    if let Some(plan) = &mut report.plan {
        plan.file = shown.to_string();
    }
    name_rules(checked, &mut report);
    report
}

/// Gives the report the summaries of the rules that ran and of the importer's codes, so
/// that it names kinds of problem in words rather than ids.
pub fn name_rules(checked: &Checked, report: &mut planlint_report::Report) {
    report.rules = checked
        .outcome
        .ran
        .iter()
        .map(|rule| (rule.meta.id.clone(), rule.meta.summary.clone()))
        .collect();
    // What the importer's codes mean, for a document's report.
    report.rules.extend(
        planlint_import::CODES
            .iter()
            .map(|(code, zh, en)| (code.to_string(), Text::new(*zh, *en))),
    );
}

#[cfg(test)]
mod tests {
    //! The report's verdicts agree with the rules' findings: a row the report calls weaker
    //! is one `weaker-target` reports, a downgraded row one `binding-downgrade` reports, a
    //! missing row one `missing-indicator` reports, and a missing section one
    //! `missing-section` reports; and the other way round. Checked on the seeds and on the
    //! rules' own pass and fail cases (the seeds have no downgraded row).

    use crate::repo;
    use planlint_report::Verdict;
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    fn root() -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
    }

    type Keys = BTreeSet<(String, String)>;

    /// What the rules found and what the reports say, per kind, on one check.
    #[derive(Debug, Default, PartialEq)]
    struct Kinds {
        weaker: Keys,
        downgraded: Keys,
        missing: Keys,
        sections: Keys,
    }

    fn agreement(paths: Vec<PathBuf>) -> (Kinds, Kinds) {
        let checked = repo::run(&repo::Options {
            paths,
            ..repo::Options::default()
        });
        let outcome = &checked.outcome;
        let diagnostics = outcome.diagnostics();
        let found = |code: &str| -> Keys {
            diagnostics
                .iter()
                .filter(|d| d.code == code)
                .map(|d| {
                    let subject = d.subject.name().unwrap_or_default().to_string();
                    (d.plan.clone().unwrap_or_default(), subject)
                })
                .collect()
        };
        let rules = Kinds {
            weaker: found("weaker-target"),
            downgraded: found("binding-downgrade"),
            missing: found("missing-indicator"),
            sections: found("missing-section"),
        };
        let mut reports = Kinds::default();
        for &p in &outcome.checked {
            let report = planlint_report::build(
                &outcome.world,
                p,
                &diagnostics,
                planlint_check::could_not_check,
                "test",
            );
            let id = report
                .plan
                .as_ref()
                .map(|p| p.id.clone())
                .unwrap_or_default();
            for line in &report.indicators {
                let row_name = line
                    .row
                    .as_ref()
                    .map(|r| r.name.clone())
                    .unwrap_or_default();
                match line.verdict {
                    Verdict::Weaker => {
                        reports.weaker.insert((id.clone(), row_name.clone()));
                    }
                    // missing-indicator does not check a plan without a table.
                    Verdict::Missing if report.has_table => {
                        reports
                            .missing
                            .insert((id.clone(), line.wanted.name.clone()));
                    }
                    _ => {}
                }
                if line.downgraded {
                    reports.downgraded.insert((id.clone(), row_name));
                }
            }
            if report.has_headings {
                for s in report.sections.iter().filter(|s| s.covered_by.is_none()) {
                    reports.sections.insert((id.clone(), s.topic.clone()));
                }
            }
        }
        (reports, rules)
    }

    #[test]
    fn the_report_agrees_with_the_rules_on_the_seeds() {
        let (reports, rules) = agreement(vec![root().join("seeds")]);
        assert_eq!(reports, rules);
        // The seeds have weaker and missing rows, so that this is not agreement on nothing.
        // They cover every section their parents require (a reviewer read them so), so the
        // sections agree on their rule's own cases below.
        assert!(!rules.weaker.is_empty());
        assert!(!rules.missing.is_empty());
    }

    #[test]
    fn the_report_agrees_with_the_rules_on_their_own_cases() {
        let mut downgraded = 0;
        for rule in [
            "weaker-target",
            "binding-downgrade",
            "missing-indicator",
            "missing-section",
            "uncomparable-target",
            "unit-mismatch",
        ] {
            let cases = root().join("rules").join(rule).join("cases");
            let mut dirs: Vec<PathBuf> = std::fs::read_dir(&cases)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_dir())
                .collect();
            dirs.sort();
            assert!(!dirs.is_empty(), "{}", cases.display());
            for dir in dirs {
                let files = yaml_files(&dir);
                let (reports, rules) = agreement(files);
                assert_eq!(reports, rules, "{}", dir.display());
                downgraded += rules.downgraded.len();
            }
        }
        assert!(downgraded > 0);
    }

    fn yaml_files(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        files
    }
}
