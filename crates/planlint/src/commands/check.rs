//! `planlint check`: check plans against their parents and report every finding, on
//! standard output in one format and in files in others, with the exit status CI gates
//! read: `0` no errors, `1` errors found (or warnings, with `--deny warnings`), `2`
//! something could not be checked.

use crate::baseline;
use crate::batches::{self, CheckRun, PlanGaps};
use crate::cli::{lang, CheckArgs, Color, Format};
use crate::discover;
use crate::repo;
use crate::write::{say, write_atomically, write_stdout};
use planlint_check::{Phase, Timings};
use planlint_diagnostics::formats::{self, RuleInfo, RunReport};
use planlint_diagnostics::{render_human, Counts, Diagnostic, Lang, RenderOptions, Severity};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

/// Runs `planlint check`.
pub fn run(args: CheckArgs) -> ExitCode {
    if args.watch {
        return super::watch::run(args);
    }
    let started = std::time::Instant::now();
    let lang = lang(args.common.lang);
    let mut checked = batches::check(&repo::Options {
        paths: args.paths,
        catalogs: args.common.catalogs,
        rule_dirs: args.common.rule_dirs,
        select: args.select,
        ignore: args.ignore,
        jobs: args.jobs,
        parent: args.parent,
        lang: Some(lang),
        no_sources: args.format != Format::Human
            && args
                .outputs
                .iter()
                .all(|(format, _)| *format != Format::Human),
        ..repo::Options::default()
    });
    let mut diagnostics = std::mem::take(&mut checked.diagnostics);
    if let Some(path) = &args.baseline {
        let name = discover::display(path);
        let file = discover::read(path);
        let recorded = match &file {
            Ok(file) => baseline::Baseline::parse(&name, &file.text),
            Err(d) => Err(d.clone()),
        };
        match recorded {
            Ok(recorded) => {
                let (new, fixed) = recorded.filter(diagnostics);
                diagnostics = new;
                if fixed.total() > 0 {
                    if args.prune {
                        let pruned = recorded.without(&fixed);
                        if let Err(err) = write_atomically(path, pruned.to_json().as_bytes()) {
                            eprintln!("planlint: cannot write {name}: {err}");
                            return ExitCode::from(2);
                        }
                    }
                    diagnostics.push(baseline::fixed_note(&name, &fixed, args.prune));
                }
            }
            Err(problem) => {
                // Without its baseline the check would fail on every old finding: stop.
                diagnostics = vec![*problem];
                // The problem is drawn from the baseline file's own text, read above.
                let mut sources: std::collections::BTreeMap<&str, &str> = checked
                    .sources
                    .iter()
                    .map(|(name, text)| (name.as_str(), text.as_str()))
                    .collect();
                if let Ok(file) = &file {
                    sources.insert(&name, &file.text);
                }
                let text = render_human(
                    &diagnostics,
                    &sources,
                    RenderOptions {
                        lang,
                        color: false,
                        width: 100,
                    },
                );
                let _ = write_stdout(&text);
                return ExitCode::from(2);
            }
        }
        planlint_diagnostics::sort(&mut diagnostics);
    }
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let rendering = std::time::Instant::now();
    let rules = rule_infos(&checked, lang);
    let codes = planlint_check::known_codes();
    let report = run_report(&checked, &diagnostics, &rules, &codes, lang);
    for (format, path) in &args.outputs {
        let text = render(*format, &checked, &report, false);
        if let Err(err) = write_atomically(path, text.as_bytes()) {
            eprintln!("planlint: cannot write {}: {err}", discover::display(path));
            return ExitCode::from(2);
        }
    }
    if write_stdout(&render(args.format, &checked, &report, color)).is_err() {
        return ExitCode::from(2);
    }
    let undetermined = undetermined(&checked, &diagnostics);
    say_undetermined(&undetermined, lang);
    let status = exit_status(
        &checked,
        &diagnostics,
        args.deny.is_some(),
        !undetermined.is_empty(),
    );
    if args.timings {
        let mut timings = std::mem::take(&mut checked.timings);
        timings.add(Phase::Render, rendering.elapsed());
        eprint!(
            "{}",
            render_timings(
                &timings,
                lang,
                started.elapsed(),
                checked.jobs,
                checked.batches,
                checked.side_by_side,
            )
        );
    }
    // The process ends here: freeing thousands of plans one by one would only cost time
    // (a few percent of a national check).
    std::mem::forget(checked);
    std::mem::forget(diagnostics);
    status
}

/// The rules that ran, as the outputs describe them.
pub(crate) fn rule_infos(checked: &CheckRun, lang: Lang) -> Vec<RuleInfo> {
    checked
        .ran
        .iter()
        .map(|rule| RuleInfo {
            id: rule.meta.id.clone(),
            severity: rule.severity,
            summary: rule.meta.summary.clone(),
            help_markdown: rule.meta.render(lang),
            hash: rule.hash.clone(),
        })
        .collect()
}

/// What every output of a check is rendered from.
pub(crate) fn run_report<'a>(
    checked: &'a CheckRun,
    diagnostics: &'a [Diagnostic],
    rules: &'a [RuleInfo],
    codes: &'a [formats::CodeInfo],
    lang: Lang,
) -> RunReport<'a> {
    RunReport {
        diagnostics,
        rules,
        files: checked.checked_files,
        plans: checked.plans,
        lang,
        tool_version: env!("CARGO_PKG_VERSION"),
        catalog_hash: &checked.catalog_hash,
        codes,
    }
}

/// One output of a check, in one format.
fn render(format: Format, checked: &CheckRun, report: &RunReport, color: bool) -> String {
    match format {
        Format::Json => formats::json::render(report),
        Format::Sarif => formats::sarif::render(report),
        Format::Junit => formats::junit::render(report),
        Format::Github => formats::github::render(report),
        Format::Markdown => formats::markdown::render(report),
        Format::Human => {
            // Findings are drawn apart, in pieces on every thread, and the pieces joined in
            // order: the same bytes as drawing them one after another.
            let options = RenderOptions {
                lang: report.lang,
                color,
                width: 100,
            };
            let sources = &checked.sources;
            let jobs = checked.jobs.max(1);
            let diagnostics = report.diagnostics;
            let pieces: Vec<&[Diagnostic]> = diagnostics
                .chunks(diagnostics.len().div_ceil(jobs * 8).max(1))
                .collect();
            let mut text = planlint_align::parallel_map(&pieces, jobs, |piece| {
                render_human(piece, sources, options)
            })
            .concat();
            text.push_str(&summary(
                report.lang,
                report.files,
                report.plans,
                Counts::of(diagnostics),
            ));
            text
        }
    }
}

/// The exit status: `2` when something could not be checked (a file, a rule), `1` when a
/// plan fails (errors, or warnings with `--deny warnings`), `2` when a plan's verdict is
/// 无法判定 (`undetermined`: no parent found, no table read…), `0` otherwise — the verdicts
/// the report gives, in one number.
fn exit_status(
    checked: &CheckRun,
    diagnostics: &[Diagnostic],
    deny_warnings: bool,
    undetermined: bool,
) -> ExitCode {
    let failing = |d: &&Diagnostic| {
        d.exemption.is_none()
            && (d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning))
    };
    if checked.incomplete {
        ExitCode::from(2)
    } else if diagnostics.iter().any(|d| failing(&d)) {
        ExitCode::from(1)
    } else if undetermined {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// The checked plans whose verdict is 无法判定, with what was not checked: those with a
/// gap and no error of their own (an error fails a plan whatever else was not checked).
fn undetermined<'a>(checked: &'a CheckRun, diagnostics: &[Diagnostic]) -> Vec<&'a PlanGaps> {
    // The plans an error of their own fails (not an importer's remark), gathered once.
    let failing: std::collections::BTreeSet<&str> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && d.exemption.is_none())
        .filter(|d| !d.code.starts_with("import-"))
        .filter_map(|d| d.plan.as_deref())
        .collect();
    checked
        .gaps
        .iter()
        .filter(|g| !failing.contains(g.id.as_str()))
        .collect()
}

/// Says on standard error which plans could not be judged and why (at most five by name).
fn say_undetermined(undetermined: &[&PlanGaps], lang: Lang) {
    if undetermined.is_empty() {
        return;
    }
    let named = |zh: bool| -> Vec<String> {
        undetermined
            .iter()
            .take(5)
            .map(|plan| {
                let l = if zh { Lang::Zh } else { Lang::En };
                let why: Vec<&str> = plan.gaps.iter().map(|g| g.word(l)).collect();
                if zh {
                    format!("《{}》（{}）", plan.title, why.join("、"))
                } else {
                    format!("{} ({})", plan.title, why.join(", "))
                }
            })
            .collect()
    };
    let more = undetermined.len().saturating_sub(5);
    let (zh_more, en_more) = match more {
        0 => (String::new(), String::new()),
        n => (format!("等，另有 {n} 个"), format!(" and {n} more")),
    };
    say(
        lang,
        format!(
            "{} 个规划无法判定，有内容未能核对：{}{zh_more}",
            undetermined.len(),
            named(true).join("；")
        ),
        format!(
            "{} {} could not be judged, as part of {} was not checked: {}{en_more}",
            undetermined.len(),
            if undetermined.len() == 1 {
                "plan"
            } else {
                "plans"
            },
            if undetermined.len() == 1 {
                "it"
            } else {
                "them"
            },
            named(false).join("; ")
        ),
    );
}

fn summary(lang: Lang, files: usize, plans: usize, counts: Counts) -> String {
    let exempted = match (lang, counts.exempted) {
        (_, 0) => String::new(),
        (Lang::Zh, n) => format!("，{n} 项已豁免"),
        (Lang::En, n) => format!(", {n} exempted"),
    };
    match lang {
        Lang::Zh => format!(
            "检查了 {files} 个文件、{plans} 个规划：{} 个错误，{} 个警告，{} 个提示{exempted}\n",
            counts.error, counts.warning, counts.info
        ),
        Lang::En => format!(
            "checked {files} files, {plans} plans: {} errors, {} warnings, {} notes{exempted}\n",
            counts.error, counts.warning, counts.info
        ),
    }
}

/// The table `--timings` prints for a check on `jobs` threads: each phase's wall time and
/// share of `total`, then each rule's time summed over the threads, slowest first. Where
/// `side_by_side` batches were checked at once, a phase's time is summed over them, and its
/// share is of all the phases' time.
fn render_timings(
    timings: &Timings,
    lang: Lang,
    total: Duration,
    jobs: usize,
    batches: usize,
    side_by_side: usize,
) -> String {
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    let share = |d: Duration, of: Duration| {
        if of.is_zero() {
            0.0
        } else {
            100.0 * d.as_secs_f64() / of.as_secs_f64()
        }
    };
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let threads = match (zh, jobs) {
        (true, jobs) => format!("{jobs} 个线程"),
        (false, 1) => "1 thread".to_string(),
        (false, jobs) => format!("{jobs} threads"),
    };
    let head = match (zh, batches, side_by_side) {
        (true, 1, _) => format!("planlint 用时（墙钟时间，{threads}）：\n"),
        (true, n, 1) => format!("planlint 用时（墙钟时间，{threads}，分 {n} 批检查）：\n"),
        (true, n, w) => format!(
            "planlint 用时（{threads}，分 {n} 批检查，每次 {w} 批同时进行；各阶段为各批用时之和，合计为墙钟时间）：\n"
        ),
        (false, 1, _) => format!("planlint timings (wall time, {threads}):\n"),
        (false, n, 1) => format!("planlint timings (wall time, {threads}, in {n} batches):\n"),
        (false, n, w) => format!(
            "planlint timings ({threads}, in {n} batches, {w} at a time; each phase summed over the batches, the total in wall time):\n"
        ),
    };
    out.push_str(&head);
    let of = match side_by_side {
        1 => total,
        _ => timings.phases.iter().map(|(_, spent)| *spent).sum(),
    };
    for (phase, spent) in &timings.phases {
        out.push_str(&format!(
            "  {} {:>11} {:>5.1}%\n",
            pad(phase.name(lang), 36),
            ms(*spent),
            share(*spent, of)
        ));
    }
    let total_name = if zh { "合计" } else { "total" };
    out.push_str(&format!("  {} {:>11}\n", pad(total_name, 36), ms(total)));
    if !timings.rules.is_empty() {
        let mut rules: Vec<&(String, Duration)> = timings.rules.iter().collect();
        rules.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let sum: Duration = rules.iter().map(|r| r.1).sum();
        out.push_str(if zh {
            "各规则用时（各线程合计）：\n"
        } else {
            "time per rule (summed over threads):\n"
        });
        for (id, spent) in rules {
            out.push_str(&format!(
                "  {} {:>11} {:>5.1}%\n",
                pad(id, 36),
                ms(*spent),
                share(*spent, sum)
            ));
        }
    }
    out
}
/// `text` padded with spaces to `width` terminal columns; Chinese characters take two.
fn pad(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}
