//! `planlint.yaml`: a repository's settings, read from its text.
//!
//! ```yaml
//! planlint: 1
//! rules:
//!   select: [weaker-target, missing-indicator]   # only these (default: all)
//!   ignore: [missing-basis]                      # never these
//!   severity: {slack-target: error}              # replace a rule's severity
//!   dirs: [lint-rules]                           # more rule directories
//!   explanations: exempt                         # a plan's own explanation of a row exempts
//!                                                # the findings about it (default: show)
//! catalogs: [catalog.yaml]                       # catalog files extending the bundled one
//! ```
//!
//! Paths are relative to the folder holding `planlint.yaml`, which is the repository root;
//! the caller, which finds the file, resolves them.

use planlint_diagnostics::{Diagnostic, Severity};
use planlint_model::decode::Reader;
use planlint_model::yaml;
use std::collections::BTreeMap;

/// The file name looked for.
pub const FILE_NAME: &str = "planlint.yaml";

/// A repository's settings.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    /// Rule directories, as written (relative to the repository root).
    pub rule_dirs: Vec<String>,
    /// Catalog files, as written (relative to the repository root).
    pub catalogs: Vec<String>,
    /// Whether a plan's own explanation of a row exempts the findings about it.
    pub explanations_exempt: bool,
}

impl Config {
    /// Reads a `planlint.yaml` named `name`; every problem is a diagnostic, and what could
    /// be read is kept.
    pub fn parse(name: &str, text: &str) -> (Config, Vec<Diagnostic>) {
        let mut config = Config::default();
        let mut r = Reader::new(name);
        let Some(node) = r.parse(text) else {
            return (config, r.diagnostics);
        };
        if let Some(f) = r.fields(&node, "planlint.yaml", &["planlint", "rules", "catalogs"]) {
            if let Some(n) = f.get("planlint") {
                r.int(n, "planlint");
            }
            if let Some(n) = f.get("rules") {
                read_rules(&mut r, n, &mut config);
            }
            if let Some(n) = f.get("catalogs") {
                config.catalogs = r
                    .list(n, "catalogs", |r, n, what| r.text(n, what))
                    .into_iter()
                    .map(|s| s.value)
                    .collect();
            }
        }
        (config, r.diagnostics)
    }
}

/// The `rules:` mapping.
fn read_rules(r: &mut Reader, n: &yaml::Node, config: &mut Config) {
    let Some(rules) = r.fields(
        n,
        "rules",
        &["select", "ignore", "severity", "dirs", "explanations"],
    ) else {
        return;
    };
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
        config.select = Some(texts(r, "select"));
    }
    config.ignore = texts(r, "ignore");
    config.rule_dirs = texts(r, "dirs");
    if let Some(n) = rules.get("explanations") {
        config.explanations_exempt = r
            .choice(n, "explanations", &[("show", false), ("exempt", true)])
            .is_some_and(|c| c.value);
    }
    let Some(n) = rules.get("severity") else {
        return;
    };
    let yaml::NodeKind::Map(entries) = &n.kind else {
        r.fields(n, "severity", &[]);
        return;
    };
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
}

#[cfg(test)]
mod tests {
    use super::Config;

    #[test]
    fn a_configuration_is_read_and_its_problems_placed() {
        let (config, problems) = Config::parse(
            "planlint.yaml",
            "planlint: 1\nrules:\n  select: [weaker-target]\n  ignore: [missing-basis]\n  severity: {slack-target: error}\n  dirs: [lint]\ncatalogs: [c.yaml]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.select, Some(vec!["weaker-target".to_string()]));
        assert_eq!(config.ignore, ["missing-basis"]);
        assert_eq!(config.rule_dirs, ["lint"]);
        assert_eq!(config.catalogs, ["c.yaml"]);
        assert_eq!(config.severity.len(), 1);
        let (_, problems) = Config::parse("planlint.yaml", "rules:\n  selekt: [x]\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].primary.location.line, 2);
    }
}
