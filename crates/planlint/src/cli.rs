//! The command line: every command, argument and option, as clap reads them. The doc
//! comments are the help text (`help_zh` gives the Chinese one).

use crate::commands::report::ReportFormat;
use crate::commands::serve;
use clap::{Parser, Subcommand, ValueEnum};
use planlint_diagnostics::Lang;
use std::path::PathBuf;

/// Checks that a Chinese development plan lines up with the plan it implements.
#[derive(Parser)]
#[command(name = "planlint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
    /// Write one plan's review report (HTML or Markdown) or review opinion (Word); for a
    /// folder, the overview of its plans (HTML or Excel).
    Report(ReportArgs),
    /// Read a plan document (.docx, .doc, .wps, .rtf, .pdf, .txt) into a plan file for a person to review.
    Import(ImportArgs),
    /// Open the review page on this computer: upload a submitted document, pick its
    /// parent, read the review report in the browser.
    Serve(ServeArgs),
    /// Serve editors as a language server over standard input and output: findings as you
    /// type, hover, go to the parent's row, completion and quick fixes (docs/editor-setup.md).
    Lsp(LspArgs),
    /// Print a shell completion script: `planlint completions bash > …`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(clap::Args)]
pub struct LspArgs {
    #[command(flatten)]
    pub common: Common,
    /// Accepted for editors that start every server with `--stdio`; standard input and
    /// output are the only transport.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The document: a .docx, a .txt (UTF-8, UTF-16 or GB18030), or a .doc, .wps, .rtf or .odt
    /// (converted by LibreOffice) or a PDF (read by pdftotext) where those are installed.
    pub document: PathBuf,
    /// Write the plan file here instead of to standard output (atomically).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// The plan's id (default: made from the file name).
    #[arg(long)]
    pub id: Option<String>,
    /// The parent: a plan id or a plan file (default: proposed from the document's basis
    /// among the repository's plans).
    #[arg(long, value_name = "PLAN")]
    pub parent: Option<String>,
    /// Language of messages (default: from LANG; Chinese unless it names English).
    #[arg(long, value_enum, env = "PLANLINT_LANG")]
    pub lang: Option<LangArg>,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The plan repository: a folder holding `planlint.yaml`, or one below it.
    #[arg(default_value = ".")]
    pub repo: PathBuf,
    #[command(flatten)]
    pub common: Common,
    /// The port to listen on (default: a free one, printed at start).
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = serve::parse_port)]
    pub port: u16,
    /// Listen on this address instead of 127.0.0.1. Any address but a loopback one makes
    /// the page reachable from the network.
    #[arg(long, value_name = "ADDR", value_parser = serve::parse_bind)]
    pub bind: Option<std::net::IpAddr>,
    /// Also accept requests that call the server NAME (repeatable): a name the network
    /// gives this computer. localhost and the address listened on are always accepted;
    /// any other name is refused, so that a web page elsewhere cannot reach the server.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
    /// Connections open at once; one more is answered 503.
    #[arg(long, value_name = "N", default_value_t = serve::MAX_CONNECTIONS, hide = true)]
    pub max_connections: usize,
    /// Bytes of request bodies held at once, across all requests; an upload past it is
    /// answered 503.
    #[arg(long, value_name = "BYTES", default_value_t = serve::MAX_BODY_MEMORY, hide = true)]
    pub max_body_memory: usize,
    /// Seconds a client has to send a request's headers, and then its whole upload.
    #[arg(long, value_name = "SECONDS", default_value_t = serve::DEFAULT_READ_TIMEOUT.as_secs_f64(), hide = true)]
    pub read_timeout: f64,
}

#[derive(clap::Args)]
pub struct ReportArgs {
    /// The plan file to report on, or a plan document (.docx, .doc, .wps, .rtf, .pdf, .txt), imported as `check`
    /// imports it; a folder gives the overview of its plans.
    pub plan: PathBuf,
    #[command(flatten)]
    pub common: Common,
    /// Write the report to this file (atomically) instead of to standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The report's format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// For a document: its parent, a plan id or a plan file (default: proposed from the
    /// document's basis among the repository's plans).
    #[arg(long, value_name = "PLAN")]
    pub parent: Option<String>,
}

#[derive(clap::Args)]
pub struct InitArgs {
    /// The repository's folder (created if absent).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Replace files that exist.
    #[arg(long)]
    pub force: bool,
    /// Language of messages (default: from LANG; Chinese unless it names English).
    #[arg(long, value_enum, env = "PLANLINT_LANG")]
    pub lang: Option<LangArg>,
}

#[derive(clap::Args)]
pub struct BaselineArgs {
    /// Plan files, or directories to search for `*.plan.yaml`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub common: Common,
    /// The baseline file to write.
    #[arg(long, short = 'o', default_value = "planlint-baseline.json")]
    pub output: PathBuf,
    /// Run only these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Option<Vec<String>>,
    /// Never run these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Replace the baseline file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(clap::Args)]
pub struct Common {
    /// Language of messages (default: from LANG; Chinese unless it names English).
    #[arg(long, value_enum, env = "PLANLINT_LANG", global = true)]
    pub lang: Option<LangArg>,
    /// An indicator catalog file that extends the bundled one (repeatable).
    #[arg(long = "catalog", value_name = "FILE")]
    pub catalogs: Vec<PathBuf>,
    /// A directory of rules to add to the bundled ones (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Plan files, directories to search for `*.plan.yaml`, or plan documents (.docx, .doc,
    /// .wps, .rtf, .pdf, .txt) to import and check.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub common: Common,
    /// The parent of the documents checked: a plan id or a plan file (default: proposed
    /// from the document's basis among the repository's plans).
    #[arg(long, value_name = "PLAN")]
    pub parent: Option<String>,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also write an output to a file, as FORMAT=FILE (repeatable), so that CI needs one
    /// pass: `--output sarif=planlint.sarif --output markdown=summary.md`. Files are
    /// written atomically; standard output, a terminal, a named pipe or /dev/null is written
    /// into (`--output json=/dev/stdout`); a folder or other device is refused.
    #[arg(long = "output", value_name = "FORMAT=FILE", value_parser = parse_output)]
    pub outputs: Vec<(Format, PathBuf)>,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Run only these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Option<Vec<String>>,
    /// Never run these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Treat warnings as errors for the exit status: `--deny warnings`.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,
    /// Report only findings the baseline file does not record (see `planlint baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: remove recorded findings that are gone from the file.
    #[arg(long, requires = "baseline")]
    pub prune: bool,
    /// Threads to check plans on (default: one per core). The output is the same bytes
    /// whatever the number.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub jobs: usize,
    /// Print where the time went on standard error: each phase, and each rule.
    #[arg(long)]
    pub timings: bool,
    /// Keep watching: check again whenever a plan file is saved, and print only what
    /// changed since the last check (findings new and gone). Stop with Ctrl-C.
    #[arg(long, conflicts_with_all = ["baseline", "outputs"])]
    pub watch: bool,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// Plan files, or directories to search for `*.plan.yaml`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(clap::Args)]
pub struct RuleArgs {
    /// The rule id.
    #[arg(required_unless_present = "all")]
    pub id: Option<String>,
    /// List every rule with its summary.
    #[arg(long, conflicts_with = "id")]
    pub all: bool,
    #[command(flatten)]
    pub common: Common,
}

#[derive(clap::Args)]
pub struct TestRulesArgs {
    /// A directory of rules, or one rule's directory.
    #[arg(default_value = "rules")]
    pub dir: PathBuf,
    /// Write the snapshots the cases produce instead of comparing with them.
    #[arg(long)]
    pub bless: bool,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
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

pub fn parse_output(text: &str) -> Result<(Format, PathBuf), String> {
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
pub enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Deny {
    Warnings,
}

/// The language of `--help`, decided before the arguments are parsed: `--lang` if given,
/// else the environment.
pub fn help_lang() -> Lang {
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

pub fn lang(arg: Option<LangArg>) -> Lang {
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
