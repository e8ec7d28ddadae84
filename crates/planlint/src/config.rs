//! `planlint.yaml`: a repository's settings, found by walking up from the checked path.
//!
//! ```yaml
//! planlint: 1
//! rules:
//!   select: [weaker-target, missing-indicator]   # only these (default: all)
//!   ignore: [missing-basis]                      # never these
//!   severity: {slack-target: error}              # replace a rule's severity
//!   dirs: [lint-rules]                           # more rule directories
//! catalogs: [catalog.yaml]                       # catalog files extending the bundled one
//! ```
//!
//! Paths are relative to the folder holding `planlint.yaml`, which is the repository root.

use crate::discover::{self, display};
use planlint_diagnostics::{Diagnostic, Severity};
use planlint_model::decode::Reader;
use planlint_model::yaml;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name looked for.
pub const FILE_NAME: &str = "planlint.yaml";

#[derive(Debug, Default)]
pub struct Config {
    /// The folder holding `planlint.yaml`: the repository's root.
    pub root: Option<PathBuf>,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    pub rule_dirs: Vec<PathBuf>,
    pub catalogs: Vec<PathBuf>,
}

/// Walks up from `start` to the first folder with a `planlint.yaml`.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let mut dir = if start.is_dir() {
        start.as_path()
    } else {
        start.parent()?
    };
    loop {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = dir.parent()?;
    }
}

/// Reads the configuration for `start`; no file is an empty configuration.
pub fn load(start: &Path, diagnostics: &mut Vec<Diagnostic>) -> Config {
    let Some(path) = find(start) else {
        return Config::default();
    };
    let file = match discover::read(&path) {
        Ok(file) => file,
        Err(d) => {
            diagnostics.push(*d);
            return Config::default();
        }
    };
    let root = path.parent().map(Path::to_path_buf);
    let mut config = Config {
        root: root.clone(),
        ..Config::default()
    };
    let name = display(&path);
    let mut r = Reader::new(&name);
    let Some(node) = r.parse(&file.text) else {
        diagnostics.extend(r.diagnostics);
        return config;
    };
    let base = root.unwrap_or_default();
    if let Some(f) = r.fields(&node, "planlint.yaml", &["planlint", "rules", "catalogs"]) {
        if let Some(n) = f.get("planlint") {
            r.int(n, "planlint");
        }
        if let Some(n) = f.get("rules") {
            if let Some(rules) = r.fields(n, "rules", &["select", "ignore", "severity", "dirs"]) {
                let texts = |r: &mut Reader, key: &str| -> Vec<String> {
                    match rules.get(key) {
                        Some(n) => r
                            .list(n, key, |r, n, what| r.text(n, what))
                            .into_iter()
                            .map(|s| s.value)
                            .collect(),
                        None => Vec::new(),
                    }
                };
                if rules.get("select").is_some() {
                    config.select = Some(texts(&mut r, "select"));
                }
                config.ignore = texts(&mut r, "ignore");
                config.rule_dirs = texts(&mut r, "dirs").iter().map(|d| base.join(d)).collect();
                if let Some(n) = rules.get("severity") {
                    if let yaml::NodeKind::Map(entries) = &n.kind {
                        for (k, v) in entries {
                            let (Some(id), Some(level)) = (
                                r.text(k, "severity"),
                                r.choice(
                                    v,
                                    "severity",
                                    &[
                                        ("error", Severity::Error),
                                        ("warning", Severity::Warning),
                                        ("info", Severity::Info),
                                    ],
                                ),
                            ) else {
                                continue;
                            };
                            config.severity.insert(id.value, level.value);
                        }
                    } else {
                        r.fields(n, "severity", &[]);
                    }
                }
            }
        }
        if let Some(n) = f.get("catalogs") {
            config.catalogs = r
                .list(n, "catalogs", |r, n, what| r.text(n, what))
                .into_iter()
                .map(|s| base.join(s.value))
                .collect();
        }
    }
    diagnostics.extend(r.diagnostics);
    config
}
