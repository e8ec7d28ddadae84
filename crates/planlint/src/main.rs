//! The `planlint` command: argument parsing, output and the exit status.
//!
//! The binary is thin: it finds and reads files, hands their text to the library crates,
//! and renders what comes back. Exit status: `0` no errors, `1` errors found (or warnings
//! with `--deny warnings`), `2` something could not be checked (a file could not be read or
//! is not a valid plan, or a rule failed). A closed pipe (`planlint check | head`) ends
//! quietly, as ripgrep does.

mod baseline;
mod check;
mod config;
mod discover;
mod formats;
mod help_zh;
mod import;
mod init;
mod output;
mod report;
mod rules;
mod serve;
mod show;
mod test_rules;

use clap::{Parser, Subcommand, ValueEnum};
use planlint_diagnostics::{render_human, Counts, Diagnostic, Lang, RenderOptions, Severity};
use planlint_engine::engine_codes;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Checks that a Chinese development plan lines up with the plan it implements.
#[derive(Parser)]
#[command(name = "planlint", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check plans against their parents and report every finding.
    Check(CheckArgs),
    /// Show how each plan was read: its parents, and what every indicator's target
    /// requires.
    Show(ShowArgs),
    /// Print a rule's documentation, or list every rule.
    Rule(RuleArgs),
    /// Run the test cases of rule directories (`<rule>/cases/<case>/`).
    TestRules(TestRulesArgs),
    /// Record today's findings, so that `check --baseline` reports only new ones.
    Baseline(BaselineArgs),
    /// Print the JSON Schema of plan files, for editors (docs/editor-setup.md).
    Schema,
    /// Scaffold a plan repository: planlint.yaml, example plans, CI and pre-commit files.
    Init(InitArgs),
    /// Write one plan's review report (HTML or Markdown): the verdict, the indicators
    /// beside the parent's, section coverage and every finding.
    Report(ReportArgs),
    /// Read a plan document (.txt, .docx) into a plan file for a person to review.
    Import(ImportArgs),
    /// Open the review page on this computer: upload a submitted document, pick its
    /// parent, read the review report in the browser.
    Serve(ServeArgs),
    /// Print a shell completion script: `planlint completions bash > …`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(clap::Args)]
struct ImportArgs {
    /// The document: a .txt (UTF-8, UTF-16 or GB18030) or a .docx.
    document: PathBuf,
    /// Write the plan file here instead of to standard output (atomically).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
    /// The plan's id (default: made from the file name).
    #[arg(long)]
    id: Option<String>,
    /// The parent: a plan id or a plan file (default: proposed from the document's basis
    /// among the repository's plans).
    #[arg(long, value_name = "PLAN")]
    parent: Option<String>,
    /// Language of messages (default: from LANG; Chinese unless it names English).
    #[arg(long, value_enum, env = "PLANLINT_LANG")]
    lang: Option<LangArg>,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// The plan repository: a folder holding `planlint.yaml`, or one below it.
    #[arg(default_value = ".")]
    repo: PathBuf,
    #[command(flatten)]
    common: Common,
    /// The port to listen on (default: a free one, printed at start).
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = serve::parse_port)]
    port: u16,
    /// Listen on this address instead of 127.0.0.1. Any address but a loopback one makes
    /// the page reachable from the network.
    #[arg(long, value_name = "ADDR", value_parser = serve::parse_bind)]
    bind: Option<std::net::IpAddr>,
    /// Seconds a client has to send a request's headers, and then its whole upload.
    #[arg(long, value_name = "SECONDS", default_value_t = serve::DEFAULT_READ_TIMEOUT.as_secs_f64(), hide = true)]
    read_timeout: f64,
}

#[derive(clap::Args)]
struct ReportArgs {
    /// The plan file to report on, or a plan document (.txt, .docx), imported as `check`
    /// imports it.
    plan: PathBuf,
    #[command(flatten)]
    common: Common,
    /// Write the report to this file (atomically) instead of to standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// The report's format.
    #[arg(long, value_enum, default_value_t = report::ReportFormat::Html)]
    format: report::ReportFormat,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
    /// For a document: its parent, a plan id or a plan file (default: proposed from the
    /// document's basis among the repository's plans).
    #[arg(long, value_name = "PLAN")]
    parent: Option<String>,
}

#[derive(clap::Args)]
struct InitArgs {
    /// The repository's folder (created if absent).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Replace files that exist.
    #[arg(long)]
    force: bool,
    /// Language of messages (default: from LANG; Chinese unless it names English).
    #[arg(long, value_enum, env = "PLANLINT_LANG")]
    lang: Option<LangArg>,
}

#[derive(clap::Args)]
struct BaselineArgs {
    /// Plan files, or directories to search for `*.plan.yaml`.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    common: Common,
    /// The baseline file to write.
    #[arg(long, short = 'o', default_value = "planlint-baseline.json")]
    output: PathBuf,
    /// Run only these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    select: Option<Vec<String>>,
    /// Never run these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    ignore: Vec<String>,
    /// Replace the baseline file if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(clap::Args)]
struct Common {
    /// Language of messages (default: from LANG; Chinese unless it names English).
    #[arg(long, value_enum, env = "PLANLINT_LANG", global = true)]
    lang: Option<LangArg>,
    /// An indicator catalog file that extends the bundled one (repeatable).
    #[arg(long = "catalog", value_name = "FILE")]
    catalogs: Vec<PathBuf>,
    /// A directory of rules to add to the bundled ones (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    rule_dirs: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Plan files, directories to search for `*.plan.yaml`, or plan documents (.txt,
    /// .docx) to import and check.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    common: Common,
    /// The parent of the documents checked: a plan id or a plan file (default: proposed
    /// from the document's basis among the repository's plans).
    #[arg(long, value_name = "PLAN")]
    parent: Option<String>,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also write an output to a file, as FORMAT=FILE (repeatable), so that CI needs one
    /// pass: `--output sarif=planlint.sarif --output markdown=summary.md`. Files are
    /// written atomically.
    #[arg(long = "output", value_name = "FORMAT=FILE", value_parser = parse_output)]
    outputs: Vec<(Format, PathBuf)>,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Run only these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    select: Option<Vec<String>>,
    /// Never run these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    ignore: Vec<String>,
    /// Treat warnings as errors for the exit status: `--deny warnings`.
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<Deny>,
    /// Report only findings the baseline file does not record (see `planlint baseline`).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// With --baseline: remove recorded findings that are gone from the file.
    #[arg(long, requires = "baseline")]
    prune: bool,
    /// Threads to check plans on (default: one per core). The output is the same bytes
    /// whatever the number.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    jobs: usize,
    /// Print where the time went on standard error: each phase, and each rule.
    #[arg(long)]
    timings: bool,
}

#[derive(clap::Args)]
struct ShowArgs {
    /// Plan files, or directories to search for `*.plan.yaml`.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(clap::Args)]
struct RuleArgs {
    /// The rule id.
    #[arg(required_unless_present = "all")]
    id: Option<String>,
    /// List every rule with its summary.
    #[arg(long, conflicts_with = "id")]
    all: bool,
    #[command(flatten)]
    common: Common,
}

#[derive(clap::Args)]
struct TestRulesArgs {
    /// A directory of rules, or one rule's directory.
    #[arg(default_value = "rules")]
    dir: PathBuf,
    /// Write the snapshots the cases produce instead of comparing with them.
    #[arg(long)]
    bless: bool,
    #[command(flatten)]
    common: Common,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Messages with the plan's lines, for people.
    Human,
    /// The documented JSON shape (docs/json-output.md).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// JUnit XML, for GitLab and other test reports.
    Junit,
    /// GitHub workflow annotations.
    Github,
    /// A Markdown summary for a pull request or $GITHUB_STEP_SUMMARY.
    Markdown,
}

fn parse_output(text: &str) -> Result<(Format, PathBuf), String> {
    let (format, file) = text
        .split_once('=')
        .ok_or_else(|| format!("expected FORMAT=FILE, found `{text}`"))?;
    let format = Format::from_str(format, true)?;
    if file.is_empty() {
        return Err("the file name is empty".to_string());
    }
    Ok((format, PathBuf::from(file)))
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    Warnings,
}

/// The language of `--help`, decided before the arguments are parsed: `--lang` if given,
/// else the environment.
fn help_lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let given = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned().unwrap_or_default()))
    });
    match given.as_deref() {
        Some("en") => Lang::En,
        Some("zh") => Lang::Zh,
        _ => lang(
            std::env::var("PLANLINT_LANG")
                .ok()
                .and_then(|v| match v.as_str() {
                    "en" => Some(LangArg::En),
                    "zh" => Some(LangArg::Zh),
                    _ => None,
                }),
        ),
    }
}

fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let command = match help_lang() {
        Lang::Zh => help_zh::translate(Cli::command()),
        Lang::En => Cli::command(),
    };
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    match cli.command {
        Command::Check(args) => check(args),
        Command::Show(args) => show(args),
        Command::Rule(args) => rule(args),
        Command::Baseline(args) => record_baseline(args),
        Command::Init(args) => init::run(&args.dir, args.force, lang(args.lang)),
        Command::Report(args) => report::run(&report::Args {
            plan: args.plan,
            output: args.output,
            format: args.format,
            force: args.force,
            lang: lang(args.common.lang),
            catalogs: args.common.catalogs,
            rule_dirs: args.common.rule_dirs,
            parent: args.parent,
        }),
        Command::Serve(args) => serve::run(serve::Args {
            repo: args.repo,
            port: args.port,
            bind: args.bind,
            lang: lang(args.common.lang),
            // The page is in Chinese unless English is asked for by name: the locale of
            // the machine that runs the server is not the reader's choice.
            page_lang: match args.common.lang {
                Some(LangArg::En) => Lang::En,
                _ => Lang::Zh,
            },
            catalogs: args.common.catalogs,
            rule_dirs: args.common.rule_dirs,
            read_timeout: std::time::Duration::try_from_secs_f64(args.read_timeout)
                .unwrap_or(serve::DEFAULT_READ_TIMEOUT),
        }),
        Command::Import(args) => import::run(&import::Args {
            document: args.document,
            output: args.output,
            force: args.force,
            id: args.id,
            parent: args.parent,
            lang: lang(args.lang),
        }),
        Command::Schema => match write_stdout(&planlint_model::schema::plan_schema()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(()) => ExitCode::from(2),
        },
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "planlint", &mut out);
            match write_stdout(&String::from_utf8_lossy(&out)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(()) => ExitCode::from(2),
            }
        }
        Command::TestRules(args) => test_rules::run(
            &args.dir,
            args.bless,
            &args.common.catalogs,
            lang(args.common.lang),
        ),
    }
}

fn lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => {
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
                .unwrap_or_default();
            Lang::from_locale(&locale)
        }
    }
}

/// A message for the user on standard error, in their language.
pub(crate) fn say(lang: Lang, zh: String, en: String) {
    eprintln!(
        "planlint: {}",
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    );
}

/// Whether writing `out` must stop because a file is there and `--force` was not given;
/// says so when it must. Symbolic links count as files: they are not followed.
pub(crate) fn refuses_to_replace(out: &std::path::Path, force: bool, lang: Lang) -> bool {
    if force || std::fs::symlink_metadata(out).is_err() {
        return false;
    }
    let shown = discover::display(out);
    say(
        lang,
        format!("{shown} 已存在，未覆盖；确需替换请加 --force"),
        format!("{shown} exists and was not replaced; add --force to replace it"),
    );
    true
}

/// Writes to stdout; a closed pipe is not an error.
pub(crate) fn write_stdout(text: &str) -> Result<(), ()> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => {
            eprintln!("planlint: {err}");
            Err(())
        }
    }
}

fn options(paths: Vec<PathBuf>, common: &Common) -> check::Options {
    check::Options {
        paths,
        catalogs: common.catalogs.clone(),
        rule_dirs: common.rule_dirs.clone(),
        ..check::Options::default()
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let started = std::time::Instant::now();
    let lang = lang(args.common.lang);
    let mut opts = options(args.paths, &args.common);
    opts.select = args.select;
    opts.ignore = args.ignore;
    opts.jobs = args.jobs;
    opts.parent = args.parent;
    let mut outcome = check::run(&opts);
    let mut diagnostics = outcome.diagnostics();
    if let Some(path) = &args.baseline {
        let name = discover::display(path);
        let recorded = match discover::read(path) {
            Ok(file) => baseline::Baseline::parse(&name, &file.text),
            Err(d) => Err(d),
        };
        match recorded {
            Ok(recorded) => {
                let (new, fixed) = recorded.filter(diagnostics);
                diagnostics = new;
                if fixed.total() > 0 {
                    if args.prune {
                        let pruned = recorded.without(&fixed);
                        if let Err(err) =
                            output::write_atomically(path, pruned.to_json().as_bytes())
                        {
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
                let text = render_human(
                    &diagnostics,
                    &sources(&outcome),
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
    let counts = Counts::of(&diagnostics);
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let render = |format: Format, color: bool| -> String {
        render_format(format, &outcome, &diagnostics, counts, lang, color)
    };
    let rendering = std::time::Instant::now();
    for (format, path) in &args.outputs {
        if let Err(err) = output::write_atomically(path, render(*format, false).as_bytes()) {
            eprintln!("planlint: cannot write {}: {err}", discover::display(path));
            return ExitCode::from(2);
        }
    }
    if write_stdout(&render(args.format, color)).is_err() {
        return ExitCode::from(2);
    }
    let status = exit_status(&outcome, &diagnostics, args.deny.is_some());
    if args.timings {
        let mut timings = std::mem::take(&mut outcome.timings);
        timings
            .phases
            .push((check::Phase::Render, rendering.elapsed()));
        eprint!("{}", timings.render(lang, started.elapsed(), outcome.jobs));
    }
    // The process ends here: freeing thousands of plans one by one would only cost time
    // (a few percent of a national check).
    std::mem::forget(outcome);
    std::mem::forget(diagnostics);
    status
}

/// One output of a check, in one format.
fn render_format(
    format: Format,
    outcome: &check::Outcome,
    diagnostics: &[Diagnostic],
    counts: Counts,
    lang: Lang,
    color: bool,
) -> String {
    let (files, plans) = (outcome.checked_files, outcome.checked_plans);
    let rules: Vec<formats::RuleInfo> = outcome
        .ran
        .iter()
        .map(|(meta, hash, severity)| formats::RuleInfo {
            id: meta.id.clone(),
            severity: *severity,
            summary: meta.summary.clone(),
            help_markdown: meta.render(lang),
            hash: hash.clone(),
        })
        .collect();
    let report = formats::RunReport {
        diagnostics,
        rules: &rules,
        files,
        plans,
        lang,
        tool_version: env!("CARGO_PKG_VERSION"),
        catalog_hash: &outcome.catalog_hash,
    };
    match format {
        Format::Json => output::json(&report),
        Format::Sarif => formats::sarif::render(&report),
        Format::Junit => formats::junit::render(&report),
        Format::Github => formats::github::render(&report),
        Format::Markdown => formats::markdown::render(&report),
        Format::Human => {
            // Findings are drawn apart, in pieces on every thread, and the pieces joined in
            // order: the same bytes as drawing them one after another.
            let options = RenderOptions {
                lang,
                color,
                width: 100,
            };
            let sources = sources(outcome);
            let jobs = outcome.jobs.max(1);
            let pieces: Vec<&[Diagnostic]> = diagnostics
                .chunks(diagnostics.len().div_ceil(jobs * 8).max(1))
                .collect();
            let mut text = planlint_engine::parallel_map(&pieces, jobs, |piece| {
                render_human(piece, &sources, options)
            })
            .concat();
            text.push_str(&summary(lang, files, plans, counts));
            text
        }
    }
}

fn exit_status(
    outcome: &check::Outcome,
    diagnostics: &[Diagnostic],
    deny_warnings: bool,
) -> ExitCode {
    let could_not_check = outcome
        .load_problems
        .iter()
        .any(|d| d.severity == Severity::Error)
        || outcome
            .findings
            .iter()
            .any(|d| d.code == engine_codes::RULE_FAILED)
        || outcome.checked_files == 0;
    let failing = |d: &&Diagnostic| {
        d.exemption.is_none()
            && (d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning))
    };
    if could_not_check {
        ExitCode::from(2)
    } else if diagnostics.iter().any(|d| failing(&d)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Every file a diagnostic may point at, by the name diagnostics use (borrowed: a national
/// repository's texts are 39 MB).
fn sources(outcome: &check::Outcome) -> BTreeMap<&str, &str> {
    outcome
        .files
        .iter()
        .chain(&outcome.other_files)
        .map(|f| (f.name.as_str(), f.text.as_str()))
        .collect()
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

fn record_baseline(args: BaselineArgs) -> ExitCode {
    let lang = lang(args.common.lang);
    let mut opts = options(args.paths, &args.common);
    opts.select = args.select;
    opts.ignore = args.ignore;
    let outcome = check::run(&opts);
    let name = discover::display(&args.output);
    if args.output.exists() && !args.force {
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!("planlint: {name} 已存在；用 --force 覆盖，或用 `check --baseline {name} --prune` 缩减它"),
                Lang::En => format!("planlint: {name} exists; use --force to replace it, or `check --baseline {name} --prune` to shrink it"),
            }
        );
        return ExitCode::from(2);
    }
    let recorded = baseline::Baseline::record(&outcome.diagnostics());
    if let Err(err) = output::write_atomically(&args.output, recorded.to_json().as_bytes()) {
        eprintln!("planlint: cannot write {name}: {err}");
        return ExitCode::from(2);
    }
    let _ = write_stdout(&match lang {
        Lang::Zh => format!("已把 {} 项问题记入 {name}\n", recorded.total()),
        Lang::En => format!("recorded {} findings in {name}\n", recorded.total()),
    });
    ExitCode::SUCCESS
}

fn show(args: ShowArgs) -> ExitCode {
    let lang = lang(args.common.lang);
    let mut opts = options(args.paths, &args.common);
    opts.no_rules = true;
    let outcome = check::run(&opts);
    let mut text = show::render(&outcome.world, &outcome.checked, lang);
    let problems = outcome.load_problems.len();
    if problems > 0 {
        text.push_str(&match lang {
            Lang::Zh => format!("有 {problems} 个读取问题，详见 `planlint check`\n"),
            Lang::En => format!("{problems} loading problems: see `planlint check`\n"),
        });
    }
    if write_stdout(&text).is_err() {
        return ExitCode::from(2);
    }
    if problems == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

fn rule(args: RuleArgs) -> ExitCode {
    let lang = lang(args.common.lang);
    let mut problems = Vec::new();
    let sources = rules::sources(&args.common.rule_dirs, &mut problems);
    let (set, compile_problems) =
        planlint_engine::RuleSet::compile(sources, planlint_engine::Limits::default());
    problems.extend(compile_problems);
    for p in &problems {
        eprintln!(
            "planlint: {}: {} {}",
            p.primary.location,
            p.code,
            p.message.get(lang)
        );
    }
    let text = if args.all {
        let width = set
            .rules()
            .iter()
            .map(|r| r.meta.id.len())
            .max()
            .unwrap_or(0);
        set.rules()
            .iter()
            .map(|r| {
                format!(
                    "{:width$}  {:7}  {}\n",
                    r.meta.id,
                    r.meta.severity.as_str(),
                    r.meta.summary.get(lang)
                )
            })
            .collect::<String>()
    } else {
        let id = args.id.unwrap_or_default();
        match set.rule(&id) {
            Some(r) => r.meta.render(lang),
            None => {
                eprintln!(
                    "{}",
                    match lang {
                        Lang::Zh =>
                            format!("planlint: 没有规则 `{id}`；`planlint rule --all` 列出全部规则"),
                        Lang::En =>
                            format!("planlint: no rule `{id}`; `planlint rule --all` lists them"),
                    }
                );
                return ExitCode::from(2);
            }
        }
    };
    if write_stdout(&text).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
