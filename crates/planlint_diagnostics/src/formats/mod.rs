//! Every output of a run's findings but the human one: JSON, SARIF, JUnit XML, GitHub
//! workflow annotations and a Markdown summary.
//!
//! Each format is one file with one entry point, `render(&RunReport) -> String`; the
//! Markdown table of findings is also what the review report's Markdown shows. Every
//! renderer is deterministic: it takes the diagnostics in the order [`RunReport`] promises
//! (file, line, column, code), iterates no hash map, writes no time stamp and no absolute
//! path of its own, so the same run gives the same bytes.
//!
//! **API boundary:** these outputs are read by CI gates (GitHub code scanning, GitLab test
//! reports, GitHub annotations); their shapes change only on purpose.
//!
//! Load problem codes (`yaml-syntax`, …), import codes and engine codes (`rule-failed`,
//! `stale-exemption`) are not rules, so they are not in [`RunReport::rules`]; the caller
//! lists what it knows of them in [`RunReport::codes`], and the renderers describe them
//! from there ([`described`]).

pub mod github;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;

#[cfg(test)]
mod tests;

use crate::{Diagnostic, Lang, Severity, Text};

/// A rule as machine outputs describe it.
pub struct RuleInfo {
    /// The rule id, which is public API (SARIF `ruleId`, exemptions, `planlint rule <id>`).
    pub id: String,
    /// The severity the rule reports at, after the configuration's overrides.
    pub severity: Severity,
    /// One line saying what the rule finds.
    pub summary: Text,
    /// the full documentation, Markdown, in the report's language
    pub help_markdown: String,
    /// content hash (hex SHA-256) of the rule's script
    pub hash: String,
}

/// What a code that is not a rule id stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// A plan file could not be read as written (`yaml-syntax`, `unknown-field`, …).
    Load,
    /// Importing a document (`import-row`, …).
    Import,
    /// A rule failed to run: its findings are incomplete.
    RuleFailed,
    /// An exemption that covers no finding.
    StaleExemption,
}

/// A code that is not a rule id, as the outputs describe it.
#[derive(Clone, Debug)]
pub struct CodeInfo {
    pub code: &'static str,
    pub kind: CodeKind,
    /// The severity it usually has.
    pub severity: Severity,
    /// What it stands for, in a few words.
    pub summary: Text,
}

/// Everything a machine output needs from one run.
pub struct RunReport<'a> {
    /// Every diagnostic of the run, already sorted (file, line, column, code).
    pub diagnostics: &'a [Diagnostic],
    /// Every rule that ran, sorted by id.
    pub rules: &'a [RuleInfo],
    /// How many plan files were checked.
    pub files: usize,
    /// How many plans were checked.
    pub plans: usize,
    /// The language of messages and of the words the outputs add.
    pub lang: Lang,
    /// The version of planlint: `env!("CARGO_PKG_VERSION")`.
    pub tool_version: &'a str,
    /// The content hash of the indicator catalog the run used.
    pub catalog_hash: &'a str,
    /// The codes that are not rules, with what they stand for.
    pub codes: &'a [CodeInfo],
}

impl RunReport<'_> {
    /// What `code` stands for, where it is not a rule's.
    pub fn kind(&self, code: &str) -> Option<CodeKind> {
        self.codes.iter().find(|c| c.code == code).map(|c| c.kind)
    }

    /// Whether `code` is a load problem (the file could not be read or is not a valid
    /// plan).
    pub(crate) fn is_load_code(&self, code: &str) -> bool {
        self.kind(code) == Some(CodeKind::Load)
    }

    /// Whether the run could not check everything: a load error or a failed rule. This is
    /// the same test the exit status 2 uses.
    pub fn could_not_check(&self) -> bool {
        self.diagnostics.iter().any(|d| match self.kind(&d.code) {
            Some(CodeKind::RuleFailed) => true,
            Some(CodeKind::Load) => d.severity == Severity::Error,
            _ => false,
        })
    }
}

/// A rule or a code, as the outputs list it: the rules that ran, and a generic entry for
/// each load problem or engine code that occurs in the run.
pub(crate) struct Described<'a> {
    pub id: &'a str,
    pub severity: Severity,
    pub summary: String,
    pub help_markdown: String,
    /// The script's hash; `None` for a code that is not a rule.
    pub hash: Option<&'a str>,
}

/// The rules that ran and the other codes that occur in `report`, sorted by id, each once.
///
/// A code that is both a rule id and occurs in the diagnostics is listed as the rule. The
/// order is by id so that an index into this list (SARIF `ruleIndex`) is stable.
pub(crate) fn described<'a>(report: &RunReport<'a>) -> Vec<Described<'a>> {
    let lang = report.lang;
    let mut out: Vec<Described<'a>> = report
        .rules
        .iter()
        .map(|r| Described {
            id: &r.id,
            severity: r.severity,
            summary: r.summary.get(lang).to_string(),
            help_markdown: r.help_markdown.clone(),
            hash: Some(&r.hash),
        })
        .collect();
    for d in report.diagnostics {
        if out.iter().any(|e| e.id == d.code) {
            continue;
        }
        let (severity, summary) = generic(report, &d.code);
        let summary = summary.get(lang).to_string();
        out.push(Described {
            id: &d.code,
            severity,
            help_markdown: summary.clone(),
            summary,
            hash: None,
        });
    }
    out.sort_by(|a, b| a.id.cmp(b.id));
    out
}

/// The default severity and short description of a code that is not a rule.
fn generic(report: &RunReport, code: &str) -> (Severity, Text) {
    match report.codes.iter().find(|c| c.code == code) {
        Some(info) if info.kind == CodeKind::Load => (
            Severity::Error,
            Text::new("计划文件问题", "plan file problem"),
        ),
        Some(info) => (info.severity, info.summary.clone()),
        // Not reachable from planlint itself: every diagnostic is a rule's finding or a
        // code the caller lists. Described anyway, so no output ever drops a finding.
        None => (Severity::Warning, Text::new("检查结果", "finding")),
    }
}

/// A path as CI tools want it: relative to the repository, with `/` separators.
///
/// Diagnostics carry the file as the user named it, which is relative whenever the user gave
/// a relative path. A leading `./` is dropped (GitHub matches annotations against paths
/// from the repository root). An absolute path cannot be made relative without knowing the
/// repository root, so it is kept; the second value says so and each format handles it.
pub(crate) fn repo_path(file: &str) -> (String, bool) {
    let mut path = file.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_string();
    }
    let bytes = path.as_bytes();
    let absolute = path.starts_with('/')
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':');
    (path, absolute)
}

/// The message in `lang`, then the help on its own line where there is one.
pub(crate) fn message_with_help(d: &Diagnostic, lang: Lang) -> String {
    let mut text = d.message.get(lang).to_string();
    if let Some(help) = &d.help {
        text.push('\n');
        text.push_str(help.get(lang));
    }
    text
}

pub(crate) use crate::pick;
