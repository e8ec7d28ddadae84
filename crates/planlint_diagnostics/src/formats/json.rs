//! The machine-readable output of `planlint check --format json`.
//!
//! **API boundary:** this shape is public API for CI (documented in docs/json-output.md);
//! it changes only on purpose, with the `version` field.

use super::RunReport;
use crate::{Counts, Subject};
use serde::Serialize;

#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub version: u32,
    pub tool: JsonTool<'a>,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
    pub summary: JsonSummary,
}

/// Which planlint, which rules and which catalog judged the plans: rule provenance.
#[derive(Serialize)]
pub struct JsonTool<'a> {
    pub name: &'static str,
    pub version: &'a str,
    pub rules: Vec<JsonRule<'a>>,
    pub catalog: &'a str,
}

#[derive(Serialize)]
pub struct JsonRule<'a> {
    pub id: &'a str,
    pub hash: &'a str,
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub rule: &'a str,
    pub severity: &'a str,
    pub plan: Option<&'a str>,
    pub file: &'a str,
    pub line: u32,
    pub column: u32,
    pub offset: usize,
    pub length: usize,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub indicator: Option<&'a str>,
    /// What the finding is about, as data (added in the same version: a field is added,
    /// never renamed or removed).
    pub subject: &'a Subject,
    pub exempted: bool,
    pub reason: Option<&'a str>,
    /// The plan's own explanation of what the finding is about (added within version 1).
    pub explanation: Option<&'a str>,
    pub related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
pub struct JsonRelated<'a> {
    pub message: &'a str,
    pub file: &'a str,
    pub line: u32,
    pub column: u32,
}

#[derive(Serialize)]
pub struct JsonSummary {
    pub files: usize,
    pub plans: usize,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub exempted: usize,
}

/// The run as the JSON of docs/json-output.md, ending with a newline.
pub fn render(run: &RunReport) -> String {
    let (diagnostics, lang) = (run.diagnostics, run.lang);
    let (files, plans) = (run.files, run.plans);
    let counts = Counts::of(diagnostics);
    let report = JsonReport {
        version: 1,
        tool: JsonTool {
            name: "planlint",
            version: run.tool_version,
            rules: run
                .rules
                .iter()
                .map(|r| JsonRule {
                    id: &r.id,
                    hash: &r.hash,
                })
                .collect(),
            catalog: run.catalog_hash,
        },
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                rule: &d.code,
                severity: d.severity.as_str(),
                plan: d.plan.as_deref(),
                file: &d.primary.location.file,
                line: d.primary.location.line,
                column: d.primary.location.column,
                offset: d.primary.location.offset,
                length: d.primary.location.len,
                message: d.message.get(lang),
                help: d.help.as_ref().map(|h| h.get(lang)),
                indicator: d.subject.indicator.as_deref(),
                subject: &d.subject,
                exempted: d.exemption.is_some(),
                reason: d.exemption.as_deref(),
                explanation: d.explanation.as_deref(),
                related: d
                    .related
                    .iter()
                    .map(|r| JsonRelated {
                        message: r.message.get(lang),
                        file: &r.label.location.file,
                        line: r.label.location.line,
                        column: r.label.location.column,
                    })
                    .collect(),
            })
            .collect(),
        summary: JsonSummary {
            files,
            plans,
            error: counts.error,
            warning: counts.warning,
            info: counts.info,
            exempted: counts.exempted,
        },
    };
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
