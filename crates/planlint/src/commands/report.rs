//! `planlint report`: the review report of one plan, as self-contained HTML or as
//! Markdown, on standard output or in a file; or its review opinion as a Word document
//! (`--format docx`). A folder, or `--format xlsx`, gives the overview ([`super::overview`]).
//!
//! The plan is checked exactly as `planlint check` checks it (the same catalog, rules,
//! configuration and repository), and the report is built by `planlint_report` from what
//! the check found. Exit status: `0` when the report was written, whatever its verdict;
//! `2` when it could not be (the plan cannot be read, the output file exists and `--force`
//! was not given, or the file cannot be written).

use crate::review::report_of;
use crate::write::{say, write_stdout};
use crate::{discover, repo};
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
    /// The review opinion as a Word document, a draft to edit and sign (one plan; needs -o).
    Docx,
    /// The overview as an Excel workbook: plans, matrix and every finding (needs -o).
    Xlsx,
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

/// Builds the report on `args.plan`: the bytes, and the verdict for the closing line.
fn make(args: &Args) -> Result<(Vec<u8>, Outcome), String> {
    let name = discover::display(&args.plan);
    let checked = repo::run(&repo::Options {
        paths: vec![args.plan.clone()],
        catalogs: args.catalogs.clone(),
        rule_dirs: args.rule_dirs.clone(),
        parent: args.parent.clone(),
        lang: Some(args.lang),
        ..repo::Options::default()
    });
    let diagnostics = checked.outcome.diagnostics();
    // A plan file that cannot be read at all has nothing to report on.
    if let Some(d) = diagnostics.iter().find(|d| {
        d.code == planlint_model::codes::IO_ERROR
            && d.severity == Severity::Error
            && d.primary.location.file == name
    }) {
        return Err(d.message.get(args.lang).to_string());
    }
    if checked.outcome.checked.len() > 1 {
        return Err(match args.lang {
            Lang::Zh => format!(
                "{name} 含有 {} 个规划；report 一次只报告一个规划文件（检查整个目录请用 `planlint check`）",
                checked.outcome.checked.len()
            ),
            Lang::En => format!(
                "{name} holds {} plans; report takes one plan file (`planlint check` checks a folder)",
                checked.outcome.checked.len()
            ),
        });
    }
    let report = report_of(&checked, &diagnostics, &name);
    let bytes = match args.format {
        ReportFormat::Html => planlint_report::html(&report, args.lang).into_bytes(),
        ReportFormat::Markdown => planlint_report::markdown(&report, args.lang).into_bytes(),
        ReportFormat::Docx | ReportFormat::Xlsx => {
            planlint_report::docx(&planlint_report::opinion(&report, args.lang))
        }
    };
    Ok((bytes, report.outcome))
}

/// Runs `planlint report`.
pub fn run(args: &Args) -> ExitCode {
    let lang = args.lang;
    let plan = discover::display(&args.plan);
    if args.plan.is_dir() || args.format == ReportFormat::Xlsx {
        return super::overview::run(args);
    }
    if args.format == ReportFormat::Docx && args.output.is_none() {
        say(
            lang,
            "Word 文件须用 -o 指定输出文件（如 -o 审查意见.docx）".to_string(),
            "a Word document needs an output file: -o opinion.docx".to_string(),
        );
        return ExitCode::from(2);
    }
    if let Some(out) = &args.output {
        if crate::write::refuses_to_replace(out, args.force, lang) {
            return ExitCode::from(2);
        }
    }
    if !args.plan.exists() {
        say(
            lang,
            format!("找不到 {plan}"),
            format!("{plan}: no such file"),
        );
        return ExitCode::from(2);
    }
    let (bytes, outcome) = match make(args) {
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
        None => match write_stdout(&String::from_utf8_lossy(&bytes)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(()) => ExitCode::from(2),
        },
        Some(path) => write_file(path, &bytes, outcome, lang),
    }
}

fn write_file(path: &Path, bytes: &[u8], outcome: Outcome, lang: Lang) -> ExitCode {
    let name = discover::display(path);
    if !crate::write::write_or_say(path, bytes, lang) {
        return ExitCode::from(2);
    }
    let verdict = planlint_report::look::outcome(&outcome)
        .word(lang)
        .to_lowercase();
    let line = match lang {
        Lang::Zh => format!("已写入 {name}（结论：{verdict}）\n"),
        Lang::En => format!("wrote {name} (verdict: {verdict})\n"),
    };
    let _ = write_stdout(&line);
    ExitCode::SUCCESS
}
