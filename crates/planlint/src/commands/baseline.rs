//! `planlint baseline`: record today's findings in a file, so that `check --baseline`
//! reports only new ones.

use crate::baseline;
use crate::cli::{lang, BaselineArgs};
use crate::discover;
use crate::repo;
use crate::write::{write_atomically, write_stdout};
use planlint_diagnostics::Lang;
use std::process::ExitCode;

/// Runs `planlint baseline`.
pub fn run(args: BaselineArgs) -> ExitCode {
    let lang = lang(args.common.lang);
    let checked = repo::run(&repo::Options {
        paths: args.paths,
        catalogs: args.common.catalogs,
        rule_dirs: args.common.rule_dirs,
        select: args.select,
        ignore: args.ignore,
        ..repo::Options::default()
    });
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
    let recorded = baseline::Baseline::record(&checked.outcome.diagnostics());
    if let Err(err) = write_atomically(&args.output, recorded.to_json().as_bytes()) {
        eprintln!("planlint: cannot write {name}: {err}");
        return ExitCode::from(2);
    }
    let _ = write_stdout(&match lang {
        Lang::Zh => format!("已把 {} 项问题记入 {name}\n", recorded.total()),
        Lang::En => format!("recorded {} findings in {name}\n", recorded.total()),
    });
    ExitCode::SUCCESS
}
