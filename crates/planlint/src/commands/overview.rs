//! `planlint report DIR`: the overview of a repository or a folder — every plan's verdict,
//! and per parent the matrix of its plans against the indicators they must carry — as one
//! HTML page, or as an Excel workbook with every finding (`--format xlsx`, which also takes
//! a single plan).
//!
//! With `-o overview.html`, each plan's full report is written beside the page, in the
//! folder `overview-reports/` (named after the page), and the page links to them; the
//! folder is replaced as a whole only with `--force`. On standard output the page stands
//! alone, without links. Exit status as for `report`: `0` when written, whatever the
//! verdicts; `2` when it could not be.

use super::report::{Args, ReportFormat};
use crate::write::{say, write_atomically, write_stdout};
use crate::{discover, overview, repo};
use planlint_diagnostics::Lang;
use planlint_report::{Overview, PlanRow, Report};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs `planlint report` on a folder, or on anything with `--format xlsx`.
pub fn run(args: &Args) -> ExitCode {
    let lang = args.lang;
    let scope = discover::display(&args.plan);
    let refuse = |zh: String, en: String| {
        say(lang, zh, en);
        ExitCode::from(2)
    };
    match args.format {
        ReportFormat::Markdown | ReportFormat::Docx => {
            return refuse(
                format!("{scope} 是目录；目录只能生成总览（--format html 或 xlsx），审查意见和 Markdown 报告一次针对一个规划文件"),
                format!("{scope} is a folder; a folder gives an overview (--format html or xlsx), while the opinion and the Markdown report take one plan file"),
            )
        }
        ReportFormat::Xlsx if args.output.is_none() => {
            return refuse(
                "Excel 文件须用 -o 指定输出文件（如 -o 总览.xlsx）".to_string(),
                "an Excel workbook needs an output file: -o overview.xlsx".to_string(),
            )
        }
        _ => {}
    }
    if let Some(out) = &args.output {
        if crate::write::refuses_to_replace(out, args.force, lang) {
            return ExitCode::from(2);
        }
    }
    let checked = repo::run(&repo::Options {
        paths: vec![args.plan.clone()],
        catalogs: args.catalogs.clone(),
        rule_dirs: args.rule_dirs.clone(),
        parent: args.parent.clone(),
        lang: Some(lang),
        ..repo::Options::default()
    });
    let diagnostics = checked.outcome.diagnostics();
    let (reports, overview) = overview::of(&checked, &diagnostics, &scope);
    if overview.rows.is_empty() {
        return refuse(
            format!("{scope} 中没有规划文件"),
            format!("{scope} holds no plan file"),
        );
    }
    match (args.format, &args.output) {
        (ReportFormat::Xlsx, Some(out)) => match planlint_report::xlsx(&overview, &reports, lang) {
            Ok(bytes) => write_file(out, &bytes, &overview, lang),
            Err(why) => refuse(
                format!("无法生成 Excel 文件：{why}"),
                format!("cannot make the workbook: {why}"),
            ),
        },
        (_, None) => {
            let page = planlint_report::overview_html(&overview, lang, &|_| None);
            match write_stdout(&page) {
                Ok(()) => ExitCode::SUCCESS,
                Err(()) => ExitCode::from(2),
            }
        }
        (_, Some(out)) => write_with_reports(out, &reports, &overview, args.force, lang),
    }
}

/// The folder of full reports beside the page `out`: `overview.html` → `overview-reports`.
pub fn reports_folder(out: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "overview".to_string());
    out.with_file_name(format!("{stem}-reports"))
}

/// The file name of each row's report in the folder, unique.
fn report_names(reports: &[Report], overview: &Overview) -> Vec<String> {
    let mut used = BTreeSet::new();
    overview
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut name = overview::report_file_name(&reports[row.report], i + 1);
            if !used.insert(name.to_lowercase()) {
                name = format!("{:04}-{name}", i + 1);
                used.insert(name.to_lowercase());
            }
            name
        })
        .collect()
}

fn write_with_reports(
    out: &Path,
    reports: &[Report],
    overview: &Overview,
    force: bool,
    lang: Lang,
) -> ExitCode {
    let folder = reports_folder(out);
    let folder_name = discover::display(&folder);
    if folder.exists() {
        if !force {
            say(
                lang,
                format!("{folder_name} 已存在，未覆盖；确需替换请加 --force"),
                format!("{folder_name} exists and was not replaced; add --force to replace it"),
            );
            return ExitCode::from(2);
        }
        // Only a folder of reports this command wrote is removed: every entry an .html
        // file, so that a mistyped -o never deletes a folder of other work.
        let ours = std::fs::read_dir(&folder).is_ok_and(|entries| {
            entries.flatten().all(|e| {
                e.path().extension().is_some_and(|x| x == "html")
                    && e.file_type().is_ok_and(|t| t.is_file())
            })
        });
        if !ours || std::fs::remove_dir_all(&folder).is_err() {
            say(
                lang,
                format!("{folder_name} 中有报告以外的文件，未替换"),
                format!("{folder_name} holds files other than reports and was not replaced"),
            );
            return ExitCode::from(2);
        }
    }
    if let Err(err) = std::fs::create_dir_all(&folder) {
        say(
            lang,
            format!("无法创建 {folder_name}：{err}"),
            format!("cannot create {folder_name}: {err}"),
        );
        return ExitCode::from(2);
    }
    let names = report_names(reports, overview);
    let jobs = repo::threads(0);
    let items: Vec<(usize, &PlanRow)> = overview.rows.iter().enumerate().collect();
    let written = planlint_align::parallel_map(&items, jobs, |(i, row)| {
        let page = planlint_report::html(&reports[row.report], lang);
        write_atomically(&folder.join(&names[*i]), page.as_bytes())
    });
    if let Some(err) = written.into_iter().find_map(Result::err) {
        say(
            lang,
            format!("无法写入 {folder_name}：{err}"),
            format!("cannot write into {folder_name}: {err}"),
        );
        return ExitCode::from(2);
    }
    let folder_link = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let index: std::collections::BTreeMap<usize, usize> = overview
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| (row.report, i))
        .collect();
    let link = |row: &PlanRow| {
        index
            .get(&row.report)
            .map(|&i| format!("{}/{}", percent(&folder_link), percent(&names[i])))
    };
    let page = planlint_report::overview_html(overview, lang, &link);
    write_file(out, page.as_bytes(), overview, lang)
}

/// A path segment as a URL writes it: everything but unreserved ASCII percent-encoded.
fn percent(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn write_file(path: &Path, bytes: &[u8], overview: &Overview, lang: Lang) -> ExitCode {
    let name = discover::display(path);
    if let Err(err) = write_atomically(path, bytes) {
        say(
            lang,
            format!("无法写入 {name}：{err}"),
            format!("cannot write {name}: {err}"),
        );
        return ExitCode::from(2);
    }
    let tally: Vec<String> = overview
        .outcomes()
        .iter()
        .map(|o| {
            let l = planlint_report::look::outcome(o);
            format!("{} {}", l.word(lang), overview.with_outcome(o))
        })
        .collect();
    let line = match lang {
        Lang::Zh => format!(
            "已写入 {name}（{} 个规划：{}）\n",
            overview.rows.len(),
            tally.join("，")
        ),
        Lang::En => format!(
            "wrote {name} ({} plans: {})\n",
            overview.rows.len(),
            tally.join(", ")
        ),
    };
    let _ = write_stdout(&line);
    ExitCode::SUCCESS
}
