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
/// directory itself when it is one rule.
pub fn from_dir(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<RuleSource> {
    if dir.join("rule.yaml").is_file() {
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
    let mut dirs: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("rule.yaml").is_file())
        .collect();
    dirs.sort();
    dirs.iter().filter_map(|d| one(d, diagnostics)).collect()
}

fn one(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<RuleSource> {
    let id = dir.file_name()?.to_string_lossy().into_owned();
    let meta = crate::discover::read(&dir.join("rule.yaml"));
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
