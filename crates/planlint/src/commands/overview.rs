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
use crate::write::{say, write_stdout};
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
    // The full reports only where they are written beside the page; the page alone and
    // the workbook need the rows' verdicts, counts and targets.
    let detail = match (args.format, &args.output) {
        (ReportFormat::Html, Some(out)) if !crate::write::is_stream(out) => {
            planlint_report::Detail::Full
        }
        _ => planlint_report::Detail::Summary,
    };
    let (reports, overview) = overview::of(&checked, diagnostics, &scope, detail);
    let code = write(args, &scope, &reports, &overview);
    // The process ends here: the check and the reports of a national repository are a few
    // hundred megabytes in millions of allocations, and giving them back one by one took a
    // tenth of the run. The operating system takes the memory back at once.
    std::mem::forget((checked, reports, overview));
    code
}

/// Writes what `run` made.
fn write(args: &Args, scope: &str, reports: &[Report], overview: &Overview) -> ExitCode {
    let lang = args.lang;
    let refuse = |zh: String, en: String| {
        say(lang, zh, en);
        ExitCode::from(2)
    };
    if overview.rows.is_empty() {
        return refuse(
            format!("{scope} 中没有规划文件"),
            format!("{scope} holds no plan file"),
        );
    }
    match (args.format, &args.output) {
        (ReportFormat::Xlsx, Some(out)) => match planlint_report::xlsx(overview, reports, lang) {
            Ok(bytes) => write_file(out, &bytes, overview, lang),
            Err(why) => refuse(
                format!("无法生成 Excel 文件：{why}"),
                format!("cannot make the workbook: {why}"),
            ),
        },
        (_, None) => {
            let page = planlint_report::overview_html(overview, lang, &|_| None);
            match write_stdout(&page) {
                Ok(()) => ExitCode::SUCCESS,
                Err(()) => ExitCode::from(2),
            }
        }
        // Into a stream (/dev/stdout, /dev/null, a pipe) the page goes alone, as on
        // standard output: there is no folder beside a stream for the reports.
        (_, Some(out)) if crate::write::is_stream(out) => {
            let page = planlint_report::overview_html(overview, lang, &|_| None);
            write_file(out, page.as_bytes(), overview, lang)
        }
        (_, Some(out)) => write_with_reports(out, reports, overview, args.force, lang),
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
    let names = report_names(reports, overview);
    let items: Vec<(usize, &PlanRow)> = overview.rows.iter().enumerate().collect();
    let written = write_folder(&folder, &items, |(i, row)| {
        (
            names[*i].clone(),
            planlint_report::html(&reports[row.report], lang).into_bytes(),
        )
    });
    if let Err(err) = written {
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

/// Writes a folder of files so that a reader sees no folder or the whole of it: the files
/// go into a temporary folder beside it, which is then renamed into place. This is
/// `write_atomically` for a folder: one rename for all the files rather than a rename and
/// a sync per file, which for a national repository's 3,209 reports took most of the time.
/// The files are made on every thread; `make` gives each item's file name and bytes.
fn write_folder<T: Sync>(
    folder: &Path,
    items: &[T],
    make: impl Fn(&T) -> (String, Vec<u8>) + Sync,
) -> std::io::Result<()> {
    let name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = folder.with_file_name(format!(".{name}.planlint-{}.tmp", std::process::id()));
    let result = (|| {
        std::fs::create_dir(&temp)?;
        let written = planlint_align::parallel_map(items, repo::threads(0), |item| {
            use std::io::Write;
            let (file, bytes) = make(item);
            std::fs::File::create(temp.join(file))?.write_all(&bytes)
        });
        written.into_iter().collect::<std::io::Result<()>>()?;
        std::fs::rename(&temp, folder)
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&temp);
    }
    result
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
    if !crate::write::write_or_say(path, bytes, lang) {
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
