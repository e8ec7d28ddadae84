//! What every check of one repository shares: the indicator catalog, the compiled rules and
//! which of them run. Made once, and kept by callers that check again and again (the desk,
//! an editor).

use crate::{Config, SourceFile};
use planlint_diagnostics::{Diagnostic, Severity};
use planlint_engine::{content_hash, Limits, RuleMeta, RuleSet, RuleSource, Selection};
use planlint_model::Catalog;

/// The indicator catalog built into planlint, so that it works anywhere.
pub const BUNDLED_CATALOG: &str = include_str!("../../../rules/catalog.yaml");

include!(concat!(env!("OUT_DIR"), "/bundled_rules.rs"));

/// The bundled rules, named as they are in this repository.
pub fn bundled_rules() -> Vec<RuleSource> {
    BUNDLED
        .iter()
        .map(|(id, meta, script)| RuleSource {
            id: id.to_string(),
            meta_file: format!("rules/{id}/rule.yaml"),
            meta_text: meta.to_string(),
            script_file: format!("rules/{id}/check.rhai"),
            script_text: script.to_string(),
        })
        .collect()
}

/// The bundled catalog extended by `files` (in order), and the content hash of every
/// catalog text used.
pub fn load_catalog(files: &[SourceFile], problems: &mut Vec<Diagnostic>) -> (Catalog, String) {
    let (mut catalog, found) = Catalog::load("rules/catalog.yaml", BUNDLED_CATALOG);
    problems.extend(found);
    for file in files {
        problems.extend(catalog.extend(&file.name, &file.text));
    }
    let hash =
        content_hash(std::iter::once(BUNDLED_CATALOG).chain(files.iter().map(|f| f.text.as_str())));
    (catalog, hash)
}

/// A rule that runs, as machine outputs describe it.
#[derive(Clone, Debug)]
pub struct RanRule {
    pub meta: RuleMeta,
    /// SHA-256 of its `rule.yaml` and `check.rhai`.
    pub hash: String,
    /// The severity it reports at, after the configuration's overrides.
    pub severity: Severity,
}

/// The catalog, the rules and the selection of one repository.
#[derive(Debug)]
pub struct Setup {
    pub catalog: Catalog,
    /// SHA-256 of the catalog texts used, in order.
    pub catalog_hash: String,
    pub rules: RuleSet,
    pub selection: Selection,
    /// Problems reading the configuration, the catalogs and the rules' files: each check
    /// reports them with its loading problems.
    pub problems: Vec<Diagnostic>,
    /// Rules that could not be compiled (a broken `rule.yaml` or script, an id taken
    /// twice): each check reports them with its findings.
    pub compile_problems: Vec<Diagnostic>,
    /// The catalog, rule and configuration files, for showing places in them.
    pub files: Vec<SourceFile>,
}

impl Setup {
    /// The bundled catalog extended by `catalogs` (in order), the bundled rules and
    /// `rules`, and the configuration's selection with `select`/`ignore` given on top.
    /// `problems` are what the caller found reading these files, kept with the setup's own.
    pub fn new(
        config: &Config,
        catalogs: Vec<SourceFile>,
        rules: Vec<RuleSource>,
        extra: Selection,
        mut problems: Vec<Diagnostic>,
    ) -> Setup {
        let (catalog, catalog_hash) = load_catalog(&catalogs, &mut problems);
        let mut files = catalogs;
        let mut sources = bundled_rules();
        sources.extend(rules);
        for s in &sources {
            files.push(SourceFile::new(&s.script_file, &s.script_text));
            files.push(SourceFile::new(&s.meta_file, &s.meta_text));
        }
        let (rules, compile_problems) = RuleSet::compile(sources, Limits::default());
        let selection = Selection {
            select: extra.select.or_else(|| config.select.clone()),
            ignore: extra.ignore.iter().chain(&config.ignore).cloned().collect(),
            severity: config.severity.clone(),
            explanations_exempt: config.explanations_exempt,
        };
        Setup {
            catalog,
            catalog_hash,
            rules,
            selection,
            problems,
            compile_problems,
            files,
        }
    }

    /// The time each rule that runs has spent so far, over every check made with this
    /// setup and every thread.
    pub fn rule_times(&self) -> Vec<(String, std::time::Duration)> {
        self.rules
            .time_spent()
            .into_iter()
            .filter(|(id, _)| self.selection.runs(id))
            .map(|(id, spent)| (id.to_string(), spent))
            .collect()
    }

    /// The rules that run, sorted by id, with their hashes and the severity they run at.
    pub fn ran(&self) -> Vec<RanRule> {
        let mut ran: Vec<RanRule> = self
            .rules
            .rules()
            .iter()
            .filter(|r| self.selection.runs(&r.meta.id))
            .map(|rule| RanRule {
                meta: rule.meta.clone(),
                hash: rule.hash.clone(),
                severity: self
                    .selection
                    .severity
                    .get(&rule.meta.id)
                    .copied()
                    .unwrap_or(rule.meta.severity),
            })
            .collect();
        ran.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        ran
    }
}
