//! The `planlint` command: argument parsing, output and the exit status.
//!
//! The binary is thin: it finds and reads files, hands their text to the library crates,
//! and renders what comes back. Exit status: `0` nothing wrong, `1` findings, `2` a plan
//! could not be checked (it could not be read, or it is not a valid plan file). A closed
//! pipe (`planlint check | head`) ends quietly with `0`, as ripgrep does.

mod check;
mod discover;
mod output;
mod show;

use clap::{Parser, Subcommand, ValueEnum};
use planlint_diagnostics::{render_human, Counts, Lang, RenderOptions, Severity};
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
    /// Load plan files, resolve their hierarchy and report every problem.
    Check(CheckArgs),
    /// Show how each plan was read: its parents, and what every indicator's target
    /// requires.
    Show(ShowArgs),
}

#[derive(clap::Args)]
struct ShowArgs {
    /// Plan files, or directories to search for `*.plan.yaml`.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Language (default: from LANG; Chinese unless it names English).
    #[arg(long, value_enum, env = "PLANLINT_LANG")]
    lang: Option<LangArg>,
    /// An indicator catalog file that extends the bundled one (repeatable).
    #[arg(long = "catalog", value_name = "FILE")]
    catalogs: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Plan files, or directories to search for `*.plan.yaml`.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Language of messages (default: from LANG; Chinese unless it names English).
    #[arg(long, value_enum, env = "PLANLINT_LANG")]
    lang: Option<LangArg>,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// An indicator catalog file that extends the bundled one (repeatable).
    #[arg(long = "catalog", value_name = "FILE")]
    catalogs: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Show(args) => show(args),
    }
}

fn show(args: ShowArgs) -> ExitCode {
    let lang = lang(args.lang);
    let outcome = check::run(&args.paths, &args.catalogs);
    let mut text = show::render(&outcome.plans, &outcome.catalog, lang);
    if !outcome.diagnostics.is_empty() {
        text.push_str(&match lang {
            Lang::Zh => format!(
                "有 {} 个读取问题，详见 `planlint check`\n",
                outcome.diagnostics.len()
            ),
            Lang::En => format!(
                "{} loading problems: see `planlint check`\n",
                outcome.diagnostics.len()
            ),
        });
    }
    if write_stdout(&text).is_err() {
        return ExitCode::from(2);
    }
    if outcome.diagnostics.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// Writes to stdout; a closed pipe is not an error.
fn write_stdout(text: &str) -> Result<(), ()> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => {
            eprintln!("planlint: {err}");
            Err(())
        }
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

fn check(args: CheckArgs) -> ExitCode {
    let lang = lang(args.lang);
    let outcome = check::run(&args.paths, &args.catalogs);
    let counts = Counts::of(&outcome.diagnostics);
    let text = match args.format {
        Format::Json => output::json(
            &outcome.diagnostics,
            outcome.files.len(),
            outcome.plans.plans().len(),
            lang,
        ),
        Format::Human => {
            let stdout_is_terminal = std::io::stdout().is_terminal();
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => stdout_is_terminal && std::env::var_os("NO_COLOR").is_none(),
            };
            let sources: BTreeMap<String, String> = outcome
                .files
                .iter()
                .chain(&outcome.catalog_files)
                .map(|f| (f.name.clone(), f.text.clone()))
                .collect();
            let mut text = render_human(
                &outcome.diagnostics,
                &sources,
                RenderOptions {
                    lang,
                    color,
                    width: 100,
                },
            );
            text.push_str(&summary(
                lang,
                outcome.files.len(),
                outcome.plans.plans().len(),
                counts,
            ));
            text
        }
    };
    if write_stdout(&text).is_err() {
        return ExitCode::from(2);
    }
    // Every diagnostic so far is a load problem: the plan could not be checked as written.
    let could_not_check = outcome
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    if could_not_check || outcome.files.is_empty() {
        ExitCode::from(2)
    } else if counts.warning > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn summary(lang: Lang, files: usize, plans: usize, counts: Counts) -> String {
    match lang {
        Lang::Zh => format!(
            "读取 {files} 个文件，{plans} 个规划：{} 个错误，{} 个警告，{} 个提示\n",
            counts.error, counts.warning, counts.info
        ),
        Lang::En => format!(
            "read {files} files, {plans} plans: {} errors, {} warnings, {} notes\n",
            counts.error, counts.warning, counts.info
        ),
    }
}
