//! The `planlint` command: arguments in, exit status out.
//!
//! The binary is thin: `cli` says what the command line accepts, `commands` holds one file
//! per command, `repo` and `discover` find and read the repository's files, and `write`
//! writes (atomically) and prints. Checking is [`planlint_check`]'s, in memory. Exit status:
//! `0` no errors, `1` errors found (or warnings with `--deny warnings`), `2` something could
//! not be checked (a file could not be read or is not a valid plan, or a rule failed). A
//! closed pipe (`planlint check | head`) ends quietly, as ripgrep does.

mod baseline;
mod batches;
mod cli;
mod commands;
mod discover;
mod documents;
mod help_zh;
mod overview;
mod repo;
mod review;
mod rules;
mod workspace;
mod write;

use cli::{lang, Cli, Command, LangArg};
use planlint_diagnostics::Lang;
use std::process::ExitCode;

/// mimalloc: a check allocates and frees many small values a batch at a time, which glibc's
/// allocator does dearly (ARCHITECTURE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let command = match cli::help_lang() {
        Lang::Zh => help_zh::translate(Cli::command()),
        Lang::En => Cli::command(),
    };
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    match cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Show(args) => commands::show::run(args),
        Command::Rule(args) => commands::rule::run(args),
        Command::Baseline(args) => commands::baseline::run(args),
        Command::Init(args) => commands::init::run(&args.dir, args.force, lang(args.lang)),
        Command::Report(args) => commands::report::run(&commands::report::Args {
            plan: args.plan,
            output: args.output,
            format: args.format,
            force: args.force,
            lang: lang(args.common.lang),
            catalogs: args.common.catalogs,
            rule_dirs: args.common.rule_dirs,
            parent: args.parent,
        }),
        Command::Serve(args) => commands::serve::run(commands::serve::Args {
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
                .unwrap_or(commands::serve::DEFAULT_READ_TIMEOUT),
            allow_hosts: args.allow_hosts,
            max_connections: args.max_connections.max(1),
            max_body_memory: args.max_body_memory,
        }),
        Command::Import(args) => commands::import::run(&commands::import::Args {
            document: args.document,
            output: args.output,
            force: args.force,
            id: args.id,
            parent: args.parent,
            lang: lang(args.lang),
        }),
        Command::Lsp(args) => commands::lsp::run(commands::lsp::Args {
            lang: lang(args.common.lang),
            catalogs: args.common.catalogs,
            rule_dirs: args.common.rule_dirs,
        }),
        Command::Schema => commands::schema::run(),
        Command::Completions { shell } => commands::completions::run(shell),
        Command::TestRules(args) => commands::test_rules::run(
            &args.dir,
            args.bless,
            &args.common.catalogs,
            lang(args.common.lang),
        ),
    }
}
