//! `planlint rule`: a rule's documentation, or every rule in a line each.

use crate::cli::{lang, RuleArgs};
use crate::rules;
use planlint_diagnostics::Lang;
use std::process::ExitCode;

/// Runs `planlint rule`.
pub fn run(args: RuleArgs) -> ExitCode {
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
    if crate::write::write_stdout(&text).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
