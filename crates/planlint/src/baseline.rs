//! Baselines: adopting planlint on a repository that already has findings.
//!
//! `planlint baseline` records today's findings; `planlint check --baseline FILE` then
//! reports only findings that are not recorded, and says which recorded ones are gone, so
//! that `--prune` can shrink the file. A finding is recorded by its plan, rule, indicator
//! and subject (a section topic) — never by line or column, so that editing a plan does
//! not invalidate the baseline — with a count for findings that share a key.
//!
//! The file is JSON, sorted, one finding key per entry:
//!
//! ```json
//! {"planlint_baseline": 1, "findings": [{"plan": "…", "rule": "…", "indicator": "…", "count": 1}]}
//! ```

use planlint_diagnostics::{Diagnostic, Location, Severity, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The code of the note that lists recorded findings that are gone.
pub const BASELINE_FIXED: &str = "baseline-fixed";

/// What a baseline records a finding by.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key {
    pub plan: String,
    pub rule: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub indicator: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
}

impl Key {
    pub fn of(d: &Diagnostic) -> Key {
        Key {
            plan: d
                .plan
                .clone()
                .unwrap_or_else(|| d.primary.location.file.clone()),
            rule: d.code.clone(),
            indicator: d.subject.indicator.clone().unwrap_or_default(),
            subject: d.subject.section.clone().unwrap_or_default(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    key: Key,
    count: usize,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    planlint_baseline: u32,
    findings: Vec<Entry>,
}

/// Recorded findings and how many of each.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Baseline {
    pub counts: BTreeMap<Key, usize>,
}

/// Findings a baseline records: rule findings, not problems loading files (those must be
/// fixed, not tolerated) and not exempted ones (the plan already explains them).
pub fn recordable(d: &Diagnostic) -> bool {
    d.exemption.is_none()
        && !planlint_model::codes::ALL.contains(&d.code.as_str())
        && d.code != planlint_engine::engine_codes::RULE_FAILED
}

impl Baseline {
    pub fn record(diagnostics: &[Diagnostic]) -> Baseline {
        let mut counts = BTreeMap::new();
        for d in diagnostics.iter().filter(|d| recordable(d)) {
            *counts.entry(Key::of(d)).or_insert(0) += 1;
        }
        Baseline { counts }
    }

    pub fn to_json(&self) -> String {
        let file = File {
            planlint_baseline: 1,
            findings: self
                .counts
                .iter()
                .map(|(key, &count)| Entry {
                    key: key.clone(),
                    count,
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a baseline file; a file that is not one is an `invalid-value` problem.
    pub fn parse(name: &str, text: &str) -> Result<Baseline, Box<Diagnostic>> {
        let file: File = serde_json::from_str(text).map_err(|e| {
            Box::new(Diagnostic::error(
                planlint_model::codes::INVALID_VALUE,
                Text::new(
                    format!("基线文件无法读取：{e}"),
                    format!("the baseline file cannot be read: {e}"),
                ),
                Location {
                    file: name.to_string(),
                    line: e.line() as u32,
                    column: e.column() as u32,
                    offset: 0,
                    len: 0,
                },
            ))
        })?;
        if file.planlint_baseline != 1 {
            return Err(Box::new(Diagnostic::error(
                planlint_model::codes::INVALID_VALUE,
                Text::new(
                    format!("不支持基线格式版本 {}", file.planlint_baseline),
                    format!(
                        "baseline format version {} is not supported",
                        file.planlint_baseline
                    ),
                ),
                Location::file(name),
            )));
        }
        let mut counts = BTreeMap::new();
        for e in file.findings {
            *counts.entry(e.key).or_insert(0) += e.count;
        }
        Ok(Baseline { counts })
    }

    /// Drops the findings the baseline records; returns the rest, and what the baseline
    /// records that was not found (fixed findings), with how many of each.
    pub fn filter(&self, diagnostics: Vec<Diagnostic>) -> (Vec<Diagnostic>, Baseline) {
        let mut left = self.counts.clone();
        let mut new = Vec::new();
        for d in diagnostics {
            if recordable(&d) {
                if let Some(n) = left.get_mut(&Key::of(&d)).filter(|n| **n > 0) {
                    *n -= 1;
                    continue;
                }
            }
            new.push(d);
        }
        left.retain(|_, n| *n > 0);
        (new, Baseline { counts: left })
    }

    /// This baseline without the findings in `fixed`.
    pub fn without(&self, fixed: &Baseline) -> Baseline {
        let mut counts = self.counts.clone();
        for (key, n) in &fixed.counts {
            if let Some(have) = counts.get_mut(key) {
                *have = have.saturating_sub(*n);
            }
        }
        counts.retain(|_, n| *n > 0);
        Baseline { counts }
    }

    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }
}

/// The note that recorded findings are gone, so that the baseline can shrink.
pub fn fixed_note(file: &str, fixed: &Baseline, pruned: bool) -> Diagnostic {
    let list: Vec<String> = fixed
        .counts
        .iter()
        .map(|(k, n)| {
            let about = [k.indicator.as_str(), k.subject.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" / ");
            let times = if *n > 1 {
                format!(" ×{n}")
            } else {
                String::new()
            };
            if about.is_empty() {
                format!("{} {}{times}", k.plan, k.rule)
            } else {
                format!("{} {} “{about}”{times}", k.plan, k.rule)
            }
        })
        .collect();
    let total = fixed.total();
    let mut d = Diagnostic::new(
        BASELINE_FIXED,
        Severity::Info,
        Text::new(
            format!("基线中记录的 {total} 项问题已不再出现：{}", list.join("；")),
            format!(
                "{total} findings recorded in the baseline are gone: {}",
                list.join("; ")
            ),
        ),
        Location::file(file),
    );
    d.help = Some(if pruned {
        Text::new("已从基线中删除", "removed from the baseline")
    } else {
        Text::new(
            "用 `--prune` 把它们从基线中删除，使基线只减不增",
            "run with `--prune` to remove them, so that the baseline only shrinks",
        )
    });
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(plan: &str, rule: &str, indicator: &str, line: u32) -> Diagnostic {
        let mut d = Diagnostic::warning(
            rule,
            Text::new("x", "x"),
            Location {
                file: format!("{plan}.plan.yaml"),
                line,
                column: 1,
                offset: 0,
                len: 0,
            },
        )
        .with_plan(plan);
        if !indicator.is_empty() {
            d.subject.indicator = Some(indicator.to_string());
        }
        d
    }

    #[test]
    fn records_by_key_not_by_line_and_round_trips() {
        let today = vec![
            finding("a", "slack-target", "婴儿死亡率", 10),
            finding("a", "slack-target", "婴儿死亡率", 12),
            finding("a", "duplicate-row", "", 30),
        ];
        let baseline = Baseline::record(&today);
        let text = baseline.to_json();
        assert_eq!(Baseline::parse("b.json", &text).unwrap(), baseline);
        // The same findings on other lines are still recorded ones.
        let moved: Vec<Diagnostic> = today
            .iter()
            .map(|d| {
                let mut d = d.clone();
                d.primary.location.line += 5;
                d
            })
            .collect();
        let (new, fixed) = baseline.filter(moved);
        assert!(new.is_empty());
        assert_eq!(fixed.total(), 0);
    }

    #[test]
    fn new_findings_pass_through_and_fixed_ones_are_counted() {
        let baseline = Baseline::record(&[
            finding("a", "slack-target", "婴儿死亡率", 10),
            finding("a", "slack-target", "孕产妇死亡率", 11),
        ]);
        let (new, fixed) = baseline.filter(vec![
            finding("a", "slack-target", "婴儿死亡率", 10),
            finding("a", "weaker-target", "婴儿死亡率", 10),
        ]);
        assert_eq!(new.len(), 1);
        assert_eq!(new[0].code, "weaker-target");
        assert_eq!(fixed.total(), 1);
        assert_eq!(baseline.without(&fixed).total(), 1);
    }

    #[test]
    fn a_broken_file_is_a_coded_problem() {
        let err =
            Baseline::parse("b.json", "{\"planlint_baseline\": 1, \"findingz\": []}").unwrap_err();
        assert_eq!(err.code, "invalid-value");
        assert_eq!(err.primary.location.line, 1);
    }
}
