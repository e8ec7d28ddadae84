//! Reading a plan file: YAML text to a [`Plan`] and the problems found on the way.
//!
//! **Invariant:** [`load_plan`] never fails as a whole and never panics. It returns the plan
//! it could read (or `None` when the text is not a YAML mapping at all) and every problem,
//! each with a code from [`crate::codes`], the file, a line and a column.

use crate::decode::{codes, Fields, Reader};
use crate::plan::*;
use crate::yaml::{Node, NodeKind};
use planlint_diagnostics::{Diagnostic, Text};

pub(crate) const PLAN_KEYS: &[&str] = &[
    "planlint",
    "id",
    "title",
    "region",
    "level",
    "period",
    "baseline_year",
    "parent",
    "issuer",
    "issued",
    "source",
    "reference",
    "basis",
    "sections",
    "indicators",
    "targets_in_text",
    "baselines_in_text",
    "previous_period",
    "requirements",
    "exemptions",
];
pub(crate) const SECTION_KEYS: &[&str] = &["title", "number", "sections"];
pub(crate) const INDICATOR_KEYS: &[&str] = &[
    "name",
    "unit",
    "domain",
    "no",
    "baseline",
    "target",
    "nature",
    "id",
    "note",
    "baseline_from",
    "explanation",
];
pub(crate) const PREVIOUS_INDICATOR_KEYS: &[&str] = &[
    "name", "unit", "domain", "no", "baseline", "target", "actual", "nature", "id", "note",
];
pub(crate) const TEXT_TARGET_KEYS: &[&str] =
    &["name", "target", "unit", "year", "section", "scope", "id"];
pub(crate) const TEXT_BASELINE_KEYS: &[&str] = &["name", "value", "unit", "year", "section", "id"];
pub(crate) const PREVIOUS_KEYS: &[&str] = &["period", "indicators"];
pub(crate) const PERIOD_KEYS: &[&str] = &["start", "end"];
pub(crate) const REQUIREMENT_KEYS: &[&str] = &["sections", "indicators"];
pub(crate) const REQUIRED_SECTION_KEYS: &[&str] = &["topic", "any_of"];
pub(crate) const EXEMPTION_KEYS: &[&str] = &["rule", "indicator", "section", "reason"];

/// The format versions this build reads.
pub const FORMAT_VERSION: i64 = 1;

/// Reads one plan file's text. `file` is the name used in diagnostics.
pub fn load_plan(file: &str, text: &str) -> (Option<Plan>, Vec<Diagnostic>) {
    let mut reader = Reader::new(file);
    let Some(root) = reader.parse(text) else {
        return (None, reader.diagnostics);
    };
    if matches!(root.kind, NodeKind::Null) {
        reader.error(
            codes::INVALID_VALUE,
            root.pos,
            Text::new("计划文件为空", "the plan file is empty"),
        );
        return (None, reader.diagnostics);
    }
    let plan = read_plan(&mut reader, &root);
    planlint_diagnostics::sort(&mut reader.diagnostics);
    let diagnostics = reader
        .diagnostics
        .into_iter()
        .map(|d| match &plan {
            Some(p) if !p.id().is_empty() => d.with_plan(p.id()),
            _ => d,
        })
        .collect();
    (plan, diagnostics)
}

fn read_plan(r: &mut Reader, root: &Node) -> Option<Plan> {
    let f = r.fields(root, "plan", PLAN_KEYS)?;
    let mut plan = Plan {
        file: r.file.to_string(),
        pos: root.pos,
        keys: f.keys().map(|(k, p)| (k.to_string(), p)).collect(),
        ..Plan::default()
    };
    match f.get("planlint") {
        Some(n) => {
            plan.format = r.int(n, "planlint");
            if let Some(v) = &plan.format {
                if v.value != FORMAT_VERSION {
                    r.error(
                        codes::INVALID_VALUE,
                        v.pos,
                        Text::new(
                            format!("不支持格式版本 {}，本版本读取版本 1", v.value),
                            format!(
                                "format version {} is not supported; this build reads version 1",
                                v.value
                            ),
                        ),
                    );
                }
            }
        }
        None => r.missing(&f, "plan", "planlint"),
    }
    plan.id = required(r, &f, "plan", "id", |r, n| id(r, n, "id"));
    plan.title = required(r, &f, "plan", "title", |r, n| r.text(n, "title"));
    plan.region = required(r, &f, "plan", "region", |r, n| r.text(n, "region"));
    plan.level = required(r, &f, "plan", "level", |r, n| {
        r.choice(n, "level", &Level::ALL)
    });
    plan.period = required(r, &f, "plan", "period", |r, n| period(r, n, "period"));
    plan.baseline_year = f
        .get("baseline_year")
        .and_then(|n| r.year(n, "baseline_year"));
    plan.parent = f.get("parent").and_then(|n| id(r, n, "parent"));
    plan.issuer = f.get("issuer").and_then(|n| r.text(n, "issuer"));
    plan.issued = f.get("issued").and_then(|n| date(r, n, "issued"));
    plan.source = f.get("source").and_then(|n| r.text(n, "source"));
    plan.reference = f.get("reference").and_then(|n| r.flag(n, "reference"));
    if let Some(n) = f.get("basis") {
        plan.basis = r.list(n, "basis", |r, n, what| r.text(n, what));
    }
    if let Some(n) = f.get("sections") {
        if unknown(r, n, "sections") {
            plan.sections_unknown = Some(n.pos);
        } else {
            plan.sections = r.list(n, "sections", section);
        }
    }
    if let Some(n) = f.get("indicators") {
        if unknown(r, n, "indicators") {
            plan.indicators_unknown = Some(n.pos);
        } else {
            plan.indicators = r.list(n, "indicators", |r, n, what| {
                indicator(r, n, what, INDICATOR_KEYS)
            });
        }
    }
    if let Some(n) = f.get("targets_in_text") {
        plan.targets_in_text = r.list(n, "targets_in_text", text_target);
    }
    if let Some(n) = f.get("baselines_in_text") {
        plan.baselines_in_text = r.list(n, "baselines_in_text", text_baseline);
    }
    plan.previous_period = f.get("previous_period").and_then(|n| previous(r, n));
    plan.requirements = f.get("requirements").and_then(|n| requirements(r, n));
    if let Some(n) = f.get("exemptions") {
        plan.exemptions = r.list(n, "exemptions", exemption);
    }
    if let (Some(period), Some(year)) = (&plan.period, &plan.baseline_year) {
        if year.value >= period.value.end {
            r.error(
                codes::INVALID_VALUE,
                year.pos,
                Text::new(
                    format!(
                        "基期年份 {} 不早于规划期末 {}",
                        year.value, period.value.end
                    ),
                    format!(
                        "baseline_year {} is not before the end of the period {}",
                        year.value, period.value.end
                    ),
                ),
            );
        }
    }
    Some(plan)
}

/// Whether a list that may be unknown says so: the word `unknown` (a part of the document
/// that was not transcribed). Any other text there is refused, saying what is accepted.
fn unknown(r: &mut Reader, node: &Node, what: &str) -> bool {
    let NodeKind::Str(text) = &node.kind else {
        return false;
    };
    if text.as_str() == "unknown" {
        return true;
    }
    r.error(
        codes::INVALID_VALUE,
        node.pos,
        Text::new(
            format!("`{what}` 应为列表，或写 unknown 表示原文未录入，实为 `{text}`"),
            format!("`{what}` must be a list, or `unknown` where it was not transcribed; found `{text}`"),
        ),
    );
    true
}

/// Reads a required key, reporting it when absent.
fn required<T>(
    r: &mut Reader,
    f: &Fields,
    what: &str,
    key: &str,
    read: impl FnOnce(&mut Reader, &Node) -> Option<T>,
) -> Option<T> {
    match f.get(key) {
        Some(n) => read(r, n),
        None => {
            r.missing(f, what, key);
            None
        }
    }
}

/// A plan or catalog id: lowercase ASCII letters, digits and hyphens.
pub(crate) fn id(r: &mut Reader, node: &Node, what: &str) -> Option<Spanned<String>> {
    let text = r.text(node, what)?;
    let ok = !text.value.is_empty()
        && text
            .value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Some(text)
    } else {
        r.error(
            codes::INVALID_VALUE,
            node.pos,
            Text::new(
                format!("`{what}` 的值 `{}` 不是有效标识（只能用小写字母、数字和 -）", text.value),
                format!(
                    "`{what}` value `{}` is not a valid id (lowercase letters, digits and `-` only)",
                    text.value
                ),
            ),
        );
        None
    }
}

fn period(r: &mut Reader, node: &Node, what: &str) -> Option<Spanned<Period>> {
    let f = r.fields(node, what, PERIOD_KEYS)?;
    let start = required(r, &f, what, "start", |r, n| r.year(n, "start"));
    let end = required(r, &f, what, "end", |r, n| r.year(n, "end"));
    let (start, end) = (start?, end?);
    if start.value > end.value {
        r.error(
            codes::INVALID_VALUE,
            node.pos,
            Text::new(
                format!("规划期起始年 {} 晚于结束年 {}", start.value, end.value),
                format!(
                    "the period starts ({}) after it ends ({})",
                    start.value, end.value
                ),
            ),
        );
        return None;
    }
    Some(Spanned::new(
        Period {
            start: start.value,
            end: end.value,
        },
        node.pos,
    ))
}

/// A date written `YYYY-MM-DD`.
fn date(r: &mut Reader, node: &Node, what: &str) -> Option<Spanned<String>> {
    let text = r.text(node, what)?;
    let parts: Vec<&str> = text.value.split('-').collect();
    let valid = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && (1..=12).contains(&parts[1].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&parts[2].parse::<u32>().unwrap_or(0));
    if valid {
        Some(text)
    } else {
        r.error(
            codes::INVALID_VALUE,
            node.pos,
            Text::new(
                format!("`{what}` 应为 YYYY-MM-DD 格式的日期，实为 `{}`", text.value),
                format!(
                    "`{what}` must be a date as YYYY-MM-DD, found `{}`",
                    text.value
                ),
            ),
        );
        None
    }
}

fn section(r: &mut Reader, node: &Node, what: &str) -> Option<Section> {
    let f = r.fields(node, what, SECTION_KEYS)?;
    let title = required(r, &f, what, "title", |r, n| r.text(n, "title"));
    let number = f.get("number").and_then(|n| r.printed(n, "number"));
    let sections = match f.get("sections") {
        Some(n) => r.list(n, &[what, ".sections"].concat(), section),
        None => Vec::new(),
    };
    Some(Section {
        pos: node.pos,
        title: title?,
        number,
        sections,
    })
}

fn indicator(r: &mut Reader, node: &Node, what: &str, keys: &[&str]) -> Option<Indicator> {
    let f = r.fields(node, what, keys)?;
    let name = required(r, &f, what, "name", |r, n| r.text(n, "name"));
    let mut row = Indicator {
        pos: node.pos,
        name: Spanned::new(String::new(), node.pos),
        unit: f.get("unit").and_then(|n| r.printed(n, "unit")),
        domain: f.get("domain").and_then(|n| r.text(n, "domain")),
        no: f.get("no").and_then(|n| r.printed(n, "no")),
        baseline: f.get("baseline").and_then(|n| r.printed(n, "baseline")),
        target: f.get("target").and_then(|n| r.printed(n, "target")),
        nature: None,
        actual: f
            .get("actual")
            .and_then(|n| r.printed(n, "actual"))
            .map(Box::new),
        id: f.get("id").and_then(|n| id(r, n, "id")).map(Box::new),
        note: f.get("note").and_then(|n| r.text(n, "note")).map(Box::new),
        baseline_from: f
            .get("baseline_from")
            .and_then(|n| r.text(n, "baseline_from"))
            .map(Box::new),
        explanation: f
            .get("explanation")
            .and_then(|n| r.text(n, "explanation"))
            .map(Box::new),
    };
    if let Some(n) = f.get("nature") {
        if let Some(text) = r.text(n, "nature") {
            match Nature::parse(&text.value) {
                Some(nature) => row.nature = Some(Spanned::new(nature, text.pos)),
                None => {
                    r.error(
                        codes::INVALID_VALUE,
                        text.pos,
                        Text::new(
                            format!("指标性质 `{}` 无效", text.value),
                            format!("invalid nature `{}`", text.value),
                        ),
                    )
                    .help = Some(Text::new(
                        "可用的值：约束性、约束、预期性、预期、binding、expected",
                        "expected one of: binding, expected, 约束性, 约束, 预期性, 预期",
                    ));
                }
            }
        }
    }
    // Every field is read (and its problems reported) before a row without a name is
    // dropped.
    row.name = name?;
    Some(row)
}

fn text_target(r: &mut Reader, node: &Node, what: &str) -> Option<TextTarget> {
    let f = r.fields(node, what, TEXT_TARGET_KEYS)?;
    let name = required(r, &f, what, "name", |r, n| r.text(n, "name"));
    let target = required(r, &f, what, "target", |r, n| r.printed(n, "target"));
    Some(TextTarget {
        pos: node.pos,
        name: name?,
        target: target?,
        unit: f.get("unit").and_then(|n| r.printed(n, "unit")),
        year: f.get("year").and_then(|n| r.year(n, "year")),
        section: f.get("section").and_then(|n| r.text(n, "section")),
        scope: f.get("scope").and_then(|n| r.text(n, "scope")),
        id: f.get("id").and_then(|n| id(r, n, "id")),
    })
}

fn text_baseline(r: &mut Reader, node: &Node, what: &str) -> Option<TextBaseline> {
    let f = r.fields(node, what, TEXT_BASELINE_KEYS)?;
    let name = required(r, &f, what, "name", |r, n| r.text(n, "name"));
    let value = required(r, &f, what, "value", |r, n| r.printed(n, "value"));
    Some(TextBaseline {
        pos: node.pos,
        name: name?,
        value: value?,
        unit: f.get("unit").and_then(|n| r.printed(n, "unit")),
        year: f.get("year").and_then(|n| r.year(n, "year")),
        section: f.get("section").and_then(|n| r.text(n, "section")),
        id: f.get("id").and_then(|n| id(r, n, "id")),
    })
}

fn previous(r: &mut Reader, node: &Node) -> Option<PreviousPeriod> {
    let what = "previous_period";
    let f = r.fields(node, what, PREVIOUS_KEYS)?;
    let period = required(r, &f, what, "period", |r, n| {
        period(r, n, "previous_period.period")
    });
    let indicators = match f.get("indicators") {
        Some(n) => r.list(n, "previous_period.indicators", |r, n, what| {
            indicator(r, n, what, PREVIOUS_INDICATOR_KEYS)
        }),
        None => Vec::new(),
    };
    Some(PreviousPeriod {
        pos: node.pos,
        period,
        indicators,
    })
}

fn requirements(r: &mut Reader, node: &Node) -> Option<Requirements> {
    let f = r.fields(node, "requirements", REQUIREMENT_KEYS)?;
    let sections = match f.get("sections") {
        Some(n) => r.list(n, "requirements.sections", |r, n, what| {
            let f = r.fields(n, what, REQUIRED_SECTION_KEYS)?;
            let topic = required(r, &f, what, "topic", |r, n| r.text(n, "topic"));
            let any_of = match f.get("any_of") {
                Some(n) => r.list(n, "any_of", |r, n, what| r.text(n, what)),
                None => Vec::new(),
            };
            Some(RequiredSection {
                pos: n.pos,
                topic: topic?,
                any_of,
            })
        }),
        None => Vec::new(),
    };
    let indicators = f.get("indicators").and_then(|n| {
        r.choice(
            n,
            "requirements.indicators",
            &[
                ("all", RequiredIndicators::All),
                ("binding", RequiredIndicators::Binding),
            ],
        )
    });
    Some(Requirements {
        pos: node.pos,
        sections,
        indicators,
    })
}

fn exemption(r: &mut Reader, node: &Node, what: &str) -> Option<Exemption> {
    let f = r.fields(node, what, EXEMPTION_KEYS)?;
    let rule = required(r, &f, what, "rule", |r, n| r.text(n, "rule"));
    let reason = required(r, &f, what, "reason", |r, n| r.text(n, "reason"));
    Some(Exemption {
        pos: node.pos,
        rule: rule?,
        indicator: f.get("indicator").and_then(|n| r.text(n, "indicator")),
        section: f.get("section").and_then(|n| r.text(n, "section")),
        reason: reason?,
    })
}
