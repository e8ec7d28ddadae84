//! `planlint report`: the review report of one plan, as self-contained HTML or as
//! Markdown, on standard output or in a file.
//!
//! The plan is checked exactly as `planlint check` checks it (the same catalog, rules,
//! configuration and repository), and the report is built by `planlint_report` from what
//! the check found. Exit status: `0` when the report was written, whatever its verdict;
//! `2` when it could not be (the plan cannot be read, the output file exists and `--force`
//! was not given, or the file cannot be written).

use crate::{check, discover, output, say, write_stdout};
use clap::ValueEnum;
use planlint_diagnostics::{Lang, Severity};
use planlint_report::Outcome;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The report's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page: open offline, print on A4.
    Html,
    /// Markdown, to paste into a reply.
    Markdown,
}

/// What `planlint report` was asked to do.
#[derive(Debug)]
pub struct Args {
    pub plan: PathBuf,
    pub output: Option<PathBuf>,
    pub format: ReportFormat,
    pub force: bool,
    pub lang: Lang,
    pub catalogs: Vec<PathBuf>,
    pub rule_dirs: Vec<PathBuf>,
    /// For a document: its parent (a plan id or a plan file).
    pub parent: Option<String>,
}

/// The tool that made the report, for its footer.
fn generator() -> String {
    format!("planlint {}", env!("CARGO_PKG_VERSION"))
}

/// The report of the plan a check checked — or, when the file could not be read as a plan,
/// of why — known to its reader by `shown` (a document is checked as the plan file
/// imported from it, `doc.txt.plan.yaml`, and a served upload from a temporary folder: the
/// reader knows neither name). Used by `report` and by `serve`.
pub fn report_of(
    outcome: &check::Outcome,
    diagnostics: &[planlint_diagnostics::Diagnostic],
    shown: &str,
) -> planlint_report::Report {
    let mut report = match outcome.checked.as_slice() {
        [p, ..] => planlint_report::build(
            &outcome.world,
            *p,
            diagnostics,
            |d| crate::formats::could_not_check(std::slice::from_ref(d)),
            &generator(),
        ),
        [] => planlint_report::unreadable(shown, diagnostics, &generator()),
    };
    report.file = shown.to_string();
    if let Some(plan) = &mut report.plan {
        plan.file = shown.to_string();
    }
    report.rules = outcome
        .ran
        .iter()
        .map(|(meta, _, _)| (meta.id.clone(), meta.summary.clone()))
        .collect();
    // What the importer's codes mean, for a document's report.
    report.rules.extend(
        planlint_import::CODES
            .iter()
            .map(|(code, zh, en)| (code.to_string(), planlint_diagnostics::Text::new(*zh, *en))),
    );
    report
}

/// Builds the report on `args.plan`: the text, and the verdict for the closing line.
fn make(args: &Args) -> Result<(String, Outcome), String> {
    let name = discover::display(&args.plan);
    let outcome = check::run(&check::Options {
        paths: vec![args.plan.clone()],
        catalogs: args.catalogs.clone(),
        rule_dirs: args.rule_dirs.clone(),
        parent: args.parent.clone(),
        ..check::Options::default()
    });
    let diagnostics = outcome.diagnostics();
    // A plan file that cannot be read at all has nothing to report on.
    if let Some(d) = diagnostics.iter().find(|d| {
        d.code == planlint_model::codes::IO_ERROR
            && d.severity == Severity::Error
            && d.primary.location.file == name
    }) {
        return Err(d.message.get(args.lang).to_string());
    }
    if outcome.checked.len() > 1 {
        return Err(match args.lang {
            Lang::Zh => format!(
                "{name} 含有 {} 个规划；report 一次只报告一个规划文件（检查整个目录请用 `planlint check`）",
                outcome.checked.len()
            ),
            Lang::En => format!(
                "{name} holds {} plans; report takes one plan file (`planlint check` checks a folder)",
                outcome.checked.len()
            ),
        });
    }
    let report = report_of(&outcome, &diagnostics, &name);
    let text = match args.format {
        ReportFormat::Html => planlint_report::html(&report, args.lang),
        ReportFormat::Markdown => planlint_report::markdown(&report, args.lang),
    };
    Ok((text, report.outcome))
}

/// Runs `planlint report`.
pub fn run(args: &Args) -> ExitCode {
    let lang = args.lang;
    let plan = discover::display(&args.plan);
    if let Some(out) = &args.output {
        if crate::refuses_to_replace(out, args.force, lang) {
            return ExitCode::from(2);
        }
    }
    if args.plan.is_dir() {
        say(
            lang,
            format!(
                "{plan} 是目录；report 一次只报告一个规划文件（检查整个目录请用 `planlint check`）"
            ),
            format!(
                "{plan} is a folder; report takes one plan file (`planlint check` checks a folder)"
            ),
        );
        return ExitCode::from(2);
    }
    if !args.plan.exists() {
        say(
            lang,
            format!("找不到 {plan}"),
            format!("{plan}: no such file"),
        );
        return ExitCode::from(2);
    }
    let (text, outcome) = match make(args) {
        Ok(made) => made,
        Err(why) => {
            say(
                lang,
                format!("无法报告 {plan}：{why}"),
                format!("cannot report on {plan}: {why}"),
            );
            return ExitCode::from(2);
        }
    };
    match &args.output {
        None => match write_stdout(&text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(()) => ExitCode::from(2),
        },
        Some(path) => write_file(path, &text, outcome, lang),
    }
}

fn write_file(path: &Path, text: &str, outcome: Outcome, lang: Lang) -> ExitCode {
    let name = discover::display(path);
    if let Err(err) = output::write_atomically(path, text.as_bytes()) {
        say(
            lang,
            format!("无法写入 {name}：{err}"),
            format!("cannot write {name}: {err}"),
        );
        return ExitCode::from(2);
    }
    let verdict = match (outcome, lang) {
        (Outcome::Passes, Lang::Zh) => "通过",
        (Outcome::PassesWithWarnings, Lang::Zh) => "通过，但有警告",
        (Outcome::Fails, Lang::Zh) => "不通过",
        (Outcome::NotChecked, Lang::Zh) => "无法检查",
        (Outcome::Passes, Lang::En) => "passes",
        (Outcome::PassesWithWarnings, Lang::En) => "passes with warnings",
        (Outcome::Fails, Lang::En) => "fails",
        (Outcome::NotChecked, Lang::En) => "could not be checked",
    };
    let line = match lang {
        Lang::Zh => format!("已写入 {name}（结论：{verdict}）\n"),
        Lang::En => format!("wrote {name} (verdict: {verdict})\n"),
    };
    let _ = write_stdout(&line);
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    //! The report's verdicts agree with the rules' findings: a row the report calls weaker
    //! is one `weaker-target` reports, a downgraded row one `binding-downgrade` reports, a
    //! missing row one `missing-indicator` reports, and a missing section one
    //! `missing-section` reports; and the other way round. Checked on the seeds and on the
    //! rules' own pass and fail cases (the seeds have no downgraded row).

    use crate::check;
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
        let outcome = check::run(&check::Options {
            paths,
            ..check::Options::default()
        });
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
                |d| crate::formats::could_not_check(std::slice::from_ref(d)),
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
        // The seeds have weaker, missing and uncovered rows, so that this is not agreement
        // on nothing.
        assert!(!rules.weaker.is_empty());
        assert!(!rules.missing.is_empty());
        assert!(!rules.sections.is_empty());
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
