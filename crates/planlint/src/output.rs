//! The machine-readable output of `planlint check --format json`.
//!
//! **API boundary:** this shape is public API for CI (documented in docs/json-output.md);
//! it changes only on purpose, with the `version` field.

use crate::formats::RunReport;
use planlint_diagnostics::Counts;
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
    pub exempted: bool,
    pub reason: Option<&'a str>,
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

pub fn json(run: &RunReport) -> String {
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
                exempted: d.exemption.is_some(),
                reason: d.exemption.as_deref(),
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

/// A pause for the tests that kill planlint in the middle of writing a file
/// (tests/atomic.rs): with `PLANLINT_FAILPOINT=<name>` set, the writer stops at that point
/// for a minute. Unset, it costs one environment lookup per file written.
fn failpoint(name: &str) {
    if std::env::var_os("PLANLINT_FAILPOINT").is_some_and(|v| v == name) {
        eprintln!("planlint: paused at {name}");
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

/// Writes a file so that a reader sees the old content or the new, never a part: the bytes
/// go to a temporary file in the same folder, which then replaces the target.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.planlint-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        let (first, rest) = bytes.split_at(bytes.len() / 2);
        file.write_all(first)?;
        failpoint("mid-write");
        file.write_all(rest)?;
        file.sync_all()?;
        failpoint("before-rename");
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
