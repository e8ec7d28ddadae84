//! The run every format's tests render: a small report built by hand that holds one of each
//! kind of finding, and an empty one.

use super::{CodeInfo, CodeKind, RuleInfo, RunReport};
use crate::{sort, Diagnostic, Label, Lang, Location, Severity, Text};

/// The data a [`RunReport`] borrows.
pub(crate) struct Fixture {
    pub diagnostics: Vec<Diagnostic>,
    pub rules: Vec<RuleInfo>,
    pub files: usize,
    pub plans: usize,
    pub codes: Vec<CodeInfo>,
}

impl Fixture {
    /// The report in Chinese, the plans' language.
    pub fn report(&self) -> RunReport<'_> {
        self.report_in(Lang::Zh)
    }

    pub fn report_in(&self, lang: Lang) -> RunReport<'_> {
        RunReport {
            diagnostics: &self.diagnostics,
            rules: &self.rules,
            files: self.files,
            plans: self.plans,
            lang,
            tool_version: "9.9.9",
            catalog_hash: CATALOG_HASH,
            codes: &self.codes,
        }
    }
}

/// The codes that are not rules, as planlint lists them (a few of each kind).
fn codes() -> Vec<CodeInfo> {
    let load = |code| CodeInfo {
        code,
        kind: CodeKind::Load,
        severity: Severity::Error,
        summary: Text::new("计划文件问题", "plan file problem"),
    };
    vec![
        load("io-error"),
        load("yaml-syntax"),
        CodeInfo {
            code: "rule-failed",
            kind: CodeKind::RuleFailed,
            severity: Severity::Error,
            summary: Text::new("规则运行失败", "rule failed"),
        },
        CodeInfo {
            code: "stale-exemption",
            kind: CodeKind::StaleExemption,
            severity: Severity::Warning,
            summary: Text::new("豁免未覆盖任何检查结果", "exemption covers no finding"),
        },
    ]
}

const CATALOG_HASH: &str = "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";

pub(crate) const CHILD: &str = "./plans/市级.plan.yaml";
pub(crate) const PARENT: &str = "plans/国家.plan.yaml";
pub(crate) const BROKEN: &str = "plans/坏.plan.yaml";
pub(crate) const SCRIPT: &str = "rules/weaker-target/check.rhai";

/// A message with every character an output format must escape.
pub(crate) const AWKWARD_ZH: &str = "目标 <10% 弱于上级: 15%, & 更多\n第二行";
pub(crate) const AWKWARD_EN: &str =
    "target <10% is weaker than the parent's: 15%, & more\nsecond line";

/// The rules that ran, sorted by id.
pub(crate) fn rules() -> Vec<RuleInfo> {
    let rule = |id: &str, severity, zh: &str, en: &str, hash: char| RuleInfo {
        id: id.to_string(),
        severity,
        summary: Text::new(zh, en),
        help_markdown: format!(
            "# {id}\n\n## What it does\n\n{en}.\n\n## How to fix\n\nFix the plan."
        ),
        hash: hash.to_string().repeat(64),
    };
    vec![
        rule(
            "binding-downgrade",
            Severity::Error,
            "约束性指标被降为预期性",
            "a binding indicator became expected",
            '1',
        ),
        rule(
            "missing-indicator",
            Severity::Error,
            "缺少上级规划的指标",
            "an indicator of the parent is missing",
            '2',
        ),
        rule(
            "similar-indicator-name",
            Severity::Info,
            "指标名称与上级相近但不同",
            "an indicator's name is close to the parent's",
            '3',
        ),
        rule(
            "weaker-target",
            Severity::Warning,
            "目标弱于上级规划",
            "a target is weaker than the parent's",
            'a',
        ),
    ]
}

fn at(file: &str, line: u32, column: u32, offset: usize, len: usize) -> Location {
    Location {
        file: file.to_string(),
        line,
        column,
        offset,
        len,
    }
}

/// One finding of each kind: a binding error with the parent's row, a warning with an
/// awkward message, an info, an exempted finding, a failed rule and a whole-file load error.
pub(crate) fn sample() -> Fixture {
    let mut exempted = Diagnostic::error(
        "missing-indicator",
        Text::new(
            "缺少上级指标“煤炭产量”",
            "the parent's indicator `煤炭产量` is missing",
        ),
        at(CHILD, 11, 1, 300, 0),
    )
    .with_plan("shi-2025")
    .with_indicator("煤炭产量");
    exempted.exemption = Some("本市无此产业".to_string());

    let mut info = Diagnostic::new(
        "similar-indicator-name",
        Severity::Info,
        Text::new(
            "指标“森林覆盖率”与上级的“森林覆盖率（%）”相近",
            "indicator `森林覆盖率` is close to the parent's `森林覆盖率（%）`",
        ),
        at(CHILD, 9, 5, 240, 15),
    )
    .with_plan("shi-2025")
    .with_indicator("森林覆盖率");
    info.help = Some(Text::new("名称一致时更易核对", "use the parent's name"));

    let mut diagnostics = vec![
        Diagnostic::error(
            "binding-downgrade",
            Text::new(
                "指标“单位GDP能耗”在上级规划中是约束性的",
                "indicator `单位GDP能耗` is binding in the parent plan",
            ),
            at(CHILD, 5, 3, 120, 12),
        )
        .with_plan("shi-2025")
        .with_indicator("单位GDP能耗")
        .with_help(Text::new("请改为约束性指标", "make it binding"))
        .with_related(
            Text::new("上级规划：约束性指标", "parent plan: binding"),
            Label::new(at(PARENT, 12, 5, 410, 9)),
        ),
        Diagnostic::warning(
            "weaker-target",
            Text::new(AWKWARD_ZH, AWKWARD_EN),
            at(CHILD, 8, 7, 200, 6),
        )
        .with_plan("shi-2025")
        .with_indicator("R&D 经费投入强度"),
        info,
        exempted,
        Diagnostic::error(
            "io-error",
            Text::new(
                "无法读取文件：权限不足",
                "cannot read the file: permission denied",
            ),
            Location::file(BROKEN),
        ),
        Diagnostic::error(
            "rule-failed",
            Text::new(
                "规则 `weaker-target` 运行失败 (shi-2025)：it ran out of operations",
                "rule `weaker-target` failed (shi-2025): it ran out of operations",
            ),
            at(SCRIPT, 3, 9, 40, 0),
        )
        .with_plan("shi-2025")
        .with_help(Text::new(
            "该规则的其他结果不可信；其余规则照常运行",
            "this rule's findings are incomplete; the other rules ran as usual",
        )),
    ];
    sort(&mut diagnostics);
    Fixture {
        codes: codes(),
        diagnostics,
        rules: rules(),
        files: 3,
        plans: 2,
    }
}

/// A clean run: the rules ran and found nothing.
pub(crate) fn empty() -> Fixture {
    Fixture {
        codes: codes(),
        diagnostics: Vec::new(),
        rules: rules(),
        files: 2,
        plans: 2,
    }
}

/// A run with `n` findings of `severity` in one file, for limits and large outputs.
pub(crate) fn many(errors: usize, warnings: usize, infos: usize) -> Fixture {
    let mut diagnostics = Vec::new();
    let mut line = 1;
    for (count, severity, code) in [
        (errors, Severity::Error, "binding-downgrade"),
        (warnings, Severity::Warning, "weaker-target"),
        (infos, Severity::Info, "similar-indicator-name"),
    ] {
        for i in 0..count {
            diagnostics.push(
                Diagnostic::new(
                    code,
                    severity,
                    Text::new(format!("第 {i} 条"), format!("finding {i}")),
                    at(CHILD, line, 1, 0, 1),
                )
                .with_plan("shi-2025"),
            );
            line += 1;
        }
    }
    sort(&mut diagnostics);
    Fixture {
        codes: codes(),
        diagnostics,
        rules: rules(),
        files: 1,
        plans: 1,
    }
}
