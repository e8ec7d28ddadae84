//! `planlint import`: a plan document (.txt, .docx) written out as a plan file for a
//! person to review.
//!
//! The plan file goes to standard output, or to `-o FILE` (never replacing a file without
//! `--force`, always written atomically). Everything the importer skipped or guessed is a
//! warning on standard error, pointing at the document's own line or cell.

use crate::discover;
use crate::repo::{self, read_document};
use crate::write::{say, write_atomically, write_stdout};
use planlint_diagnostics::{render_human, Diagnostic, Lang, RenderOptions};
use planlint_import::Candidate;
use planlint_model::load_plan;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `planlint import` was asked to do.
pub struct Args {
    pub document: PathBuf,
    pub output: Option<PathBuf>,
    pub force: bool,
    pub id: Option<String>,
    pub parent: Option<String>,
    pub lang: Lang,
}

/// The plans of the repository that holds `near` (walking up to `planlint.yaml`), as
/// candidates for the document's parent.
fn candidates_near(near: &Path) -> Vec<Candidate> {
    repo::root_of(near).map_or_else(Vec::new, |root| repo::repository(&root, 0).candidates())
}

fn render(problems: &[Diagnostic], name: &str, text: &str, lang: Lang) -> String {
    let sources: BTreeMap<String, String> = [(name.to_string(), text.to_string())].into();
    render_human(
        problems,
        &sources,
        RenderOptions {
            lang,
            color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            width: 100,
        },
    )
}

/// Runs `planlint import`: 0 written, 2 when the document cannot be read or the output
/// cannot be written.
pub fn run(args: &Args) -> ExitCode {
    let lang = args.lang;
    let name = discover::display(&args.document);
    if let Some(out) = &args.output {
        if crate::write::refuses_to_replace(out, args.force, lang) {
            return ExitCode::from(2);
        }
    }
    let document = match read_document(&args.document, &name) {
        Ok(d) => d,
        Err(problem) => {
            eprint!("{}", render(&[*problem], &name, "", lang));
            return ExitCode::from(2);
        }
    };
    // Candidates for the parent: the repository the output goes to, else the one the
    // document lies in, else the one we are in.
    let near: Vec<PathBuf> = [
        args.output
            .as_ref()
            .and_then(|o| o.parent().map(Path::to_path_buf)),
        Some(args.document.clone()),
        std::env::current_dir().ok(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut candidates: Vec<Candidate> = near
        .iter()
        .map(|p| {
            candidates_near(if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            })
        })
        .find(|c| !c.is_empty())
        .unwrap_or_default();
    // A parent named by its file: its id, and its repository as the candidates.
    let parent = match &args.parent {
        Some(p) if Path::new(p).is_file() => {
            let file = match discover::read(Path::new(p)) {
                Ok(f) => f,
                Err(problem) => {
                    eprint!("{}", render(&[*problem], p, "", lang));
                    return ExitCode::from(2);
                }
            };
            let (plan, _) = load_plan(&file.name, &file.text);
            match plan.map(|p| p.id().to_string()).filter(|id| !id.is_empty()) {
                Some(id) => {
                    if candidates.is_empty() {
                        candidates = candidates_near(Path::new(p));
                    }
                    Some(id)
                }
                None => {
                    say(
                        lang,
                        format!("{p} 不是可读取的规划文件（没有 id）"),
                        format!("{p} is not a readable plan file (it has no id)"),
                    );
                    return ExitCode::from(2);
                }
            }
        }
        other => other.clone(),
    };
    let options = planlint_import::Options {
        id: args.id.clone(),
        parent,
        candidates,
        lang,
    };
    let imported = planlint_import::import(&name, &document, &options);
    if !imported.problems.is_empty() {
        eprint!(
            "{}",
            render(&imported.problems, &name, &imported.rendering.text, lang)
        );
    }
    // The plan file must be well-formed: a syntax error, an unknown or a repeated key is
    // planlint's bug, said plainly. (Missing values — no title found — are for the person
    // reviewing it, and the header comment names them.)
    let (_, found) = load_plan("imported.plan.yaml", &imported.yaml);
    let malformed = [
        planlint_model::codes::YAML_SYNTAX,
        planlint_model::codes::UNKNOWN_FIELD,
        planlint_model::codes::DUPLICATE_KEY,
    ];
    if let Some(bad) = found.iter().find(|d| malformed.contains(&d.code.as_str())) {
        say(
            lang,
            format!(
                "内部错误：导入结果无法读取（{}），请报告此问题",
                bad.message.zh
            ),
            format!(
                "internal error: the imported plan does not load ({}); please report this",
                bad.message.en
            ),
        );
        return ExitCode::from(2);
    }
    let draft = &imported.draft;
    let rows = draft.current_rows().count();
    let headings = count_headings(&draft.headings);
    say(
        lang,
        format!(
            "从 {name}（{}）读取了 {rows} 行指标、{headings} 个标题、{} 条依据、{} 个正文目标；{} 处需要核对",
            document.format,
            draft.basis.len(),
            draft.targets_in_text.len(),
            imported.problems.len()
        ),
        format!(
            "read {rows} indicator rows, {headings} headings, {} basis documents and {} targets in the text from {name} ({}); {} places to check",
            draft.basis.len(),
            draft.targets_in_text.len(),
            document.format,
            imported.problems.len()
        ),
    );
    match &args.output {
        Some(out) => {
            if let Err(err) = write_atomically(out, imported.yaml.as_bytes()) {
                say(
                    lang,
                    format!("无法写入 {}：{err}", discover::display(out)),
                    format!("cannot write {}: {err}", discover::display(out)),
                );
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
        None => match write_stdout(&imported.yaml) {
            Ok(()) => ExitCode::SUCCESS,
            Err(()) => ExitCode::from(2),
        },
    }
}

fn count_headings(list: &[planlint_import::interpret::Heading]) -> usize {
    list.iter().map(|h| 1 + count_headings(&h.children)).sum()
}
