//! The codes a check reports that are not rule ids: loading a plan file, importing a
//! document, and the engine's own. Outputs describe them from this list, and it says which
//! of them mean that something could not be checked.

use planlint_diagnostics::formats::{CodeInfo, CodeKind};
use planlint_diagnostics::{Diagnostic, Severity, Text};
use planlint_engine::engine_codes;
use planlint_model::codes;

/// Every code that is not a rule id, with what it stands for.
pub fn known_codes() -> Vec<CodeInfo> {
    let load = codes::ALL.iter().map(|code| CodeInfo {
        code,
        kind: CodeKind::Load,
        severity: Severity::Error,
        summary: Text::new("计划文件问题", "plan file problem"),
    });
    let import = planlint_import::CODES
        .iter()
        .map(|(code, zh, en)| CodeInfo {
            code,
            kind: CodeKind::Import,
            severity: if *code == "import-unreadable" {
                Severity::Error
            } else {
                Severity::Warning
            },
            summary: Text::new(*zh, *en),
        });
    let engine = [
        CodeInfo {
            code: engine_codes::RULE_FAILED,
            kind: CodeKind::RuleFailed,
            severity: Severity::Error,
            summary: Text::new("规则运行失败", "rule failed"),
        },
        CodeInfo {
            code: engine_codes::STALE_EXEMPTION,
            kind: CodeKind::StaleExemption,
            severity: Severity::Warning,
            summary: Text::new("豁免未覆盖任何检查结果", "exemption covers no finding"),
        },
    ];
    load.chain(import).chain(engine).collect()
}

/// Whether a diagnostic means that something could not be checked: a plan file that could
/// not be read as written, or a rule that failed.
pub fn could_not_check(d: &Diagnostic) -> bool {
    d.code == engine_codes::RULE_FAILED
        || (d.severity == Severity::Error && codes::ALL.contains(&d.code.as_str()))
}
