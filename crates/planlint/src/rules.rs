//! Reading rule directories named with `--rules` or in `planlint.yaml` (the bundled rules
//! are compiled into `planlint_check`).

use crate::discover::display;
use planlint_diagnostics::{Diagnostic, Location, Text};
use planlint_engine::RuleSource;
use planlint_model::codes;
use std::path::{Path, PathBuf};

/// The bundled rules followed by those of `dirs`, in order.
pub fn sources<'a>(
    dirs: impl IntoIterator<Item = &'a PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<RuleSource> {
    let mut sources = planlint_check::bundled_rules();
    for dir in dirs {
        sources.extend(from_dir(dir, diagnostics));
    }
    sources
}

/// The rules in a directory: each sub-directory with a `rule.yaml`, sorted by name; or the
/// directory itself when it is one rule. A sub-directory that looks like a rule but is
/// not one — a `rule.yml`, a `check.rhai` without `rule.yaml` — is a `rule-failed`: the
/// rule its author meant does not run, so the check is incomplete.
pub fn from_dir(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<RuleSource> {
    if dir.join(META).is_file() {
        return one(dir, diagnostics).into_iter().collect();
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                codes::IO_ERROR,
                Text::new(
                    format!("无法读取规则目录：{e}"),
                    format!("cannot read the rule directory: {e}"),
                ),
                Location::file(display(dir)),
            ));
            return Vec::new();
        }
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    // The directory itself, named as a rule directory but holding neither rules nor
    // a rule's files under their right names.
    let mut candidates = dirs.clone();
    candidates.insert(0, dir.to_path_buf());
    for candidate in &candidates {
        if let Some(problem) = misnamed(candidate) {
            diagnostics.push(problem);
        }
    }
    dirs.iter()
        .filter(|d| d.join(META).is_file())
        .filter_map(|d| one(d, diagnostics))
        .collect()
}

/// The file that makes a directory a rule.
const META: &str = "rule.yaml";

/// The names a rule's metadata is mistaken for.
const META_MISTAKES: [&str; 4] = ["rule.yml", "Rule.yaml", "rule.YAML", "rules.yaml"];

/// A `rule-failed` for a directory that looks like a rule (it holds `check.rhai`, or its
/// metadata under another name) but has no `rule.yaml`, so it is not one.
fn misnamed(dir: &Path) -> Option<Diagnostic> {
    if dir.join(META).is_file() {
        return None;
    }
    // (On a file system that ignores case, `Rule.yaml` is found as rule.yaml above.)
    let mistaken = META_MISTAKES.iter().find(|name| dir.join(name).is_file());
    let script = dir.join("check.rhai").is_file();
    if mistaken.is_none() && !script {
        return None;
    }
    let id = dir.file_name()?.to_string_lossy().into_owned();
    let (zh, en, at) = match mistaken {
        Some(name) => (
            format!("目录 `{id}` 中的规则未运行：元数据文件应命名为 rule.yaml，而不是 {name}"),
            format!("the rule in `{id}` did not run: its metadata file must be named rule.yaml, not {name}"),
            dir.join(name),
        ),
        None => (
            format!("目录 `{id}` 中的规则未运行：有 check.rhai 但没有 rule.yaml"),
            format!("the rule in `{id}` did not run: it has check.rhai but no rule.yaml"),
            dir.join("check.rhai"),
        ),
    };
    Some(
        Diagnostic::error(
            planlint_engine::engine_codes::RULE_FAILED,
            Text::new(zh, en),
            Location::file(display(&at)),
        )
        .with_help(Text::new(
            "规则目录包含 rule.yaml 和 check.rhai，写法见 docs/writing-rules.md",
            "a rule directory holds rule.yaml and check.rhai; docs/writing-rules.md shows them",
        )),
    )
}

fn one(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<RuleSource> {
    let id = dir.file_name()?.to_string_lossy().into_owned();
    let meta = crate::discover::read(&dir.join(META));
    let script = crate::discover::read(&dir.join("check.rhai"));
    match (meta, script) {
        (Ok(meta), Ok(script)) => Some(RuleSource {
            id,
            meta_file: meta.name,
            meta_text: meta.text,
            script_file: script.name,
            script_text: script.text,
        }),
        (meta, script) => {
            diagnostics.extend(meta.err().map(|d| *d));
            diagnostics.extend(script.err().map(|d| *d));
            None
        }
    }
}
