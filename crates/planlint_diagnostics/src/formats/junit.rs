//! `planlint check --format junit`: JUnit XML, for GitLab's test reports
//! (`artifacts:reports:junit`) and other CI that reads test results.
//!
//! The mapping, which GitLab shows as a test report:
//!
//! - one `<testsuite>` per file that has a finding (`name` = the file), in file order;
//! - in it, one `<testcase>` per check: `load` (the load problems: the file could not be
//!   read or is not a valid plan), then each rule that ran, then each other code found in
//!   the file (`rule-failed`, `stale-exemption`), with `classname` = the plan's id (the file
//!   where no plan is known) and `file` = the file; a file that only a failed rule points
//!   at (the rule's script) lists just that `rule-failed` check;
//! - a check with errors that are not exempted **fails**: one `<failure type="error">` whose
//!   body lists each error as `line:column message`; a failed rule (`rule-failed`) is an
//!   `<error>` instead, the JUnit word for a test that could not run;
//! - warnings, infos and exempted findings do not fail a check, just as they do not fail
//!   `planlint check`: the testcase passes and lists them in `<system-out>`, so they are
//!   visible without turning the pipeline red;
//! - files without findings: the report names only the files that have findings, so the
//!   others are one suite together (`name` says how many), whose checks all pass; it
//!   counts the files that are not named by any finding, which a failed rule's script or an
//!   unreadable rule directory can make one too many or too few.
//!
//! There is no `timestamp`, `time` or host name: the same run gives the same bytes.
//!
//! XML 1.0 cannot hold most control characters, even escaped: they are dropped. `&`, `<`,
//! `>`, `"` and `'` are escaped everywhere; in attributes, tab, line feed and carriage
//! return are written as character references so that parsers keep them.

use super::{described, pick, repo_path, CodeKind, RunReport};
use crate::{Diagnostic, Lang, Severity};

/// The testcase that holds the load problems of a file.
const LOAD: &str = "load";

/// Renders the run as a JUnit XML document, ending with a newline.
pub fn render(report: &RunReport) -> String {
    let lang = report.lang;
    // The checks every suite lists: the load, the rules that ran, then other codes (engine
    // codes) found in the file.
    let rule_ids: Vec<&str> = report.rules.iter().map(|r| r.id.as_str()).collect();
    let extra_ids: Vec<&str> = described(report)
        .iter()
        .map(|e| e.id)
        .filter(|id| !rule_ids.contains(id) && !report.is_load_code(id))
        .collect();

    // Diagnostics are sorted by file, so each file's findings are one run of the slice.
    let mut suites: Vec<&[Diagnostic]> = Vec::new();
    let mut rest = report.diagnostics;
    while let Some(first) = rest.first() {
        let n = rest
            .iter()
            .take_while(|d| d.primary.location.file == first.primary.location.file)
            .count();
        suites.push(&rest[..n]);
        rest = &rest[n..];
    }

    let mut body = String::new();
    let (mut tests, mut failures, mut errors) = (0, 0, 0);
    for findings in &suites {
        let (file, _) = repo_path(&findings[0].primary.location.file);
        let classname = findings
            .iter()
            .find_map(|d| d.plan.clone())
            .unwrap_or_else(|| file.clone());
        // A plan file lists every check. A file that only a failed rule points at is the
        // rule's script, not a plan: it lists just what was found there.
        let mut checks: Vec<&str> = Vec::new();
        if is_plan_file(report, findings) {
            checks.push(LOAD);
            checks.extend(&rule_ids);
        }
        checks.extend(
            extra_ids
                .iter()
                .filter(|id| findings.iter().any(|d| d.code == **id)),
        );
        let cases: Vec<Case> = checks
            .iter()
            .map(|check| Case {
                name: check,
                findings: findings
                    .iter()
                    .filter(|d| {
                        d.code == *check || (*check == LOAD && report.is_load_code(&d.code))
                    })
                    .collect(),
            })
            .collect();
        let suite = suite(report, &file, &classname, &cases);
        tests += suite.tests;
        failures += suite.failures;
        errors += suite.errors;
        body.push_str(&suite.xml);
    }

    let clean = report
        .files
        .saturating_sub(suites.iter().filter(|f| is_plan_file(report, f)).count());
    if clean > 0 {
        let name = match lang {
            Lang::Zh => format!("无检查结果的文件（{clean} 个）"),
            Lang::En => format!("files without findings ({clean})"),
        };
        let mut checks = vec![LOAD];
        checks.extend(&rule_ids);
        let cases: Vec<Case> = checks
            .iter()
            .map(|name| Case {
                name,
                findings: Vec::new(),
            })
            .collect();
        let suite = suite(report, &name, "planlint", &cases);
        tests += suite.tests;
        body.push_str(&suite.xml);
    }

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"planlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n"
    ));
    out.push_str(&body);
    out.push_str("</testsuites>\n");
    out
}

/// Whether a file's findings are about a plan: anything but a failed rule, which points at
/// the rule's script.
fn is_plan_file(report: &RunReport, findings: &[Diagnostic]) -> bool {
    findings
        .iter()
        .any(|d| report.kind(&d.code) != Some(CodeKind::RuleFailed))
}

/// One check of one file and what it found there.
struct Case<'a, 'd> {
    name: &'a str,
    findings: Vec<&'d Diagnostic>,
}

struct Suite {
    xml: String,
    tests: usize,
    failures: usize,
    errors: usize,
}

fn suite(report: &RunReport, name: &str, classname: &str, cases: &[Case]) -> Suite {
    let lang = report.lang;
    let mut xml = String::new();
    let (mut failures, mut errors) = (0, 0);
    for case in cases {
        let failing: Vec<&Diagnostic> = case
            .findings
            .iter()
            .copied()
            .filter(|d| d.severity == Severity::Error && d.exemption.is_none())
            .collect();
        let passing: Vec<&Diagnostic> = case
            .findings
            .iter()
            .copied()
            .filter(|d| !(d.severity == Severity::Error && d.exemption.is_none()))
            .collect();
        xml.push_str(&format!(
            "    <testcase name=\"{}\" classname=\"{}\"",
            escape(case.name, true),
            escape(classname, true)
        ));
        // No `file` attribute: the JUnit schema (Jenkins' junit-10.xsd, which CI validates
        // against) does not allow it; the suite's name is the file.
        if failing.is_empty() && passing.is_empty() {
            xml.push_str("/>\n");
            continue;
        }
        xml.push_str(">\n");
        if let Some(first) = failing.first() {
            let (element, kind) = if report.kind(case.name) == Some(CodeKind::RuleFailed) {
                errors += 1;
                ("error", case.name)
            } else {
                failures += 1;
                ("failure", "error")
            };
            let mut message = one_line(first.message.get(lang));
            if failing.len() > 1 {
                message.push_str(&match lang {
                    Lang::Zh => format!("（另有 {} 个）", failing.len() - 1),
                    Lang::En => format!(" (and {} more)", failing.len() - 1),
                });
            }
            xml.push_str(&format!(
                "      <{element} message=\"{}\" type=\"{kind}\">{}</{element}>\n",
                escape(&message, true),
                escape(&listing(&failing, lang), false)
            ));
        }
        if !passing.is_empty() {
            xml.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                escape(&listing(&passing, lang), false)
            ));
        }
        xml.push_str("    </testcase>\n");
    }
    let tests = cases.len();
    let head = format!(
        "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\"",
        escape(name, true)
    );
    Suite {
        xml: format!("{head}>\n{xml}  </testsuite>\n"),
        tests,
        failures,
        errors,
    }
}

/// Each finding as `line:column severity: message`, then its help, the places that explain
/// it and the exemption's reason, indented.
fn listing(findings: &[&Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in findings {
        let at = &d.primary.location;
        if at.line == 0 {
            out.push_str(pick(lang, "整个文件", "whole file"));
        } else {
            out.push_str(&format!("{}:{}", at.line, at.column));
        }
        let severity = match lang {
            Lang::Zh => d.severity.zh(),
            Lang::En => d.severity.as_str(),
        };
        out.push_str(&format!(" {severity}: {}\n", indent(d.message.get(lang))));
        if let Some(indicator) = &d.subject.indicator {
            out.push_str(&format!(
                "    {}{indicator}\n",
                pick(lang, "指标：", "indicator: ")
            ));
        }
        if let Some(help) = &d.help {
            out.push_str(&format!(
                "    {}{}\n",
                pick(lang, "帮助：", "help: "),
                indent(help.get(lang))
            ));
        }
        for related in &d.related {
            let at = &related.label.location;
            let (file, _) = repo_path(&at.file);
            out.push_str(&format!(
                "    ↳ {}: {file}",
                indent(related.message.get(lang))
            ));
            if at.line > 0 {
                out.push_str(&format!(":{}:{}", at.line, at.column));
            }
            out.push('\n');
        }
        if let Some(reason) = &d.exemption {
            out.push_str(&format!(
                "    {}{}\n",
                pick(lang, "已豁免：", "exempted: "),
                indent(reason)
            ));
        }
    }
    out
}

/// Continues a multi-line text under the listing's indent.
fn indent(text: &str) -> String {
    text.replace('\n', "\n    ")
}

fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes text for XML 1.0: the five markup characters, and control characters XML cannot
/// hold are dropped. In an attribute, tab and line breaks become character references,
/// which attribute-value normalisation would otherwise turn into spaces.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::tests::{empty, many, sample};

    /// A small XML 1.0 well-formedness check, enough for what this renderer writes: tags
    /// balance, attribute values are quoted and hold no raw `<`, `&` or quote, text holds no
    /// raw `<` and every `&` starts a known reference, and no forbidden control character
    /// appears. Returns the element names in document order.
    fn well_formed(xml: &str) -> Vec<String> {
        let mut stack: Vec<String> = Vec::new();
        let mut elements = Vec::new();
        let rest = xml
            .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .expect("XML declaration");
        for c in rest.chars() {
            let allowed = c == '\t' || c == '\n' || c == '\r' || (c as u32) >= 0x20;
            assert!(
                allowed && c != '\u{FFFE}' && c != '\u{FFFF}',
                "forbidden char {c:?}"
            );
        }
        let check_text = |text: &str| {
            let mut parts = text.split('&');
            parts.next();
            for part in parts {
                let known = [
                    "amp;", "lt;", "gt;", "quot;", "apos;", "#9;", "#10;", "#13;",
                ];
                assert!(
                    known.iter().any(|k| part.starts_with(k)),
                    "bad reference &{part}"
                );
            }
        };
        let mut i = 0;
        while i < rest.len() {
            let Some(open) = rest[i..].find('<') else {
                check_text(&rest[i..]);
                break;
            };
            check_text(&rest[i..i + open]);
            let start = i + open;
            let close = start + rest[start..].find('>').expect("unclosed tag");
            let tag = &rest[start + 1..close];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
            } else {
                let self_closing = tag.ends_with('/');
                let tag = tag.trim_end_matches('/');
                let name = tag.split(' ').next().unwrap().to_string();
                assert!(
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                );
                // Attributes: name="value" pairs, values without raw markup.
                let mut attrs = &tag[name.len()..];
                while !attrs.trim().is_empty() {
                    let eq = attrs.find("=\"").expect("attribute without a quoted value");
                    let value_end = eq + 2 + attrs[eq + 2..].find('"').expect("unterminated value");
                    let value = &attrs[eq + 2..value_end];
                    assert!(
                        !value.contains('<') && !value.contains('\n'),
                        "raw markup in {value}"
                    );
                    check_text(value);
                    attrs = &attrs[value_end + 1..];
                }
                elements.push(name.clone());
                if !self_closing {
                    stack.push(name);
                }
            }
            i = close + 1;
        }
        assert!(stack.is_empty(), "unclosed elements {stack:?}");
        assert_eq!(elements.first().map(String::as_str), Some("testsuites"));
        elements
    }

    #[test]
    fn snapshot() {
        let out = render(&sample().report());
        well_formed(&out);
        insta::assert_snapshot!(out);
    }

    #[test]
    fn snapshot_english() {
        let out = render(&sample().report_in(Lang::En));
        well_formed(&out);
        insta::assert_snapshot!(out);
    }

    #[test]
    fn empty_report() {
        let out = render(&empty().report());
        let elements = well_formed(&out);
        // Two clean files, one suite for them, each check passing.
        assert_eq!(elements.iter().filter(|e| *e == "testsuite").count(), 1);
        assert_eq!(elements.iter().filter(|e| *e == "testcase").count(), 5);
        assert!(!out.contains("<failure") && !out.contains("<error"));
        assert!(
            out.contains("<testsuites name=\"planlint\" tests=\"5\" failures=\"0\" errors=\"0\">")
        );
        assert!(out.contains("name=\"无检查结果的文件（2 个）\""));
        insta::assert_snapshot!(out);
    }

    #[test]
    fn mapping() {
        let out = render(&sample().report());
        well_formed(&out);
        // The child plan's file: load + 4 rules; the broken file: load + 4 rules; the
        // script: only rule-failed; the parent's file, which has no finding,
        // in the suite of clean files: load + 4 rules.
        assert!(
            out.contains("<testsuites name=\"planlint\" tests=\"16\" failures=\"2\" errors=\"1\">")
        );
        assert!(out.contains("<testsuite name=\"无检查结果的文件（1 个）\" tests=\"5\" failures=\"0\" errors=\"0\" skipped=\"0\">"));
        assert!(out.contains(
            "<testsuite name=\"plans/市级.plan.yaml\" tests=\"5\" failures=\"1\" errors=\"0\" skipped=\"0\">"
        ));
        // The binding error fails its check, with the line, column and message.
        assert!(out.contains("<testcase name=\"binding-downgrade\" classname=\"shi-2025\">\n      <failure message=\"指标“单位GDP能耗”在上级规划中是约束性的\" type=\"error\">5:3 错误: 指标“单位GDP能耗”在上级规划中是约束性的\n"));
        // The warning passes, listed in system-out, escaped.
        assert!(out.contains("<testcase name=\"weaker-target\" classname=\"shi-2025\">\n      <system-out>8:7 警告: 目标 &lt;10% 弱于上级: 15%, &amp; 更多\n    第二行\n"));
        // The exempted error passes, with its reason.
        assert!(out.contains("<system-out>11:1 错误: 缺少上级指标“煤炭产量”\n    指标：煤炭产量\n    已豁免：本市无此产业\n</system-out>"));
        // The whole-file load error fails the `load` check; the classname is the file.
        assert!(out.contains("<testcase name=\"load\" classname=\"plans/坏.plan.yaml\">\n      <failure message=\"无法读取文件：权限不足\" type=\"error\">整个文件 错误: 无法读取文件：权限不足\n</failure>"));
        // A failed rule is an error, not a failure.
        assert!(out.contains("<testsuite name=\"rules/weaker-target/check.rhai\" tests=\"1\" failures=\"0\" errors=\"1\""));
        assert!(out.contains("<error message=\"规则 `weaker-target` 运行失败 (shi-2025)：it ran out of operations\" type=\"rule-failed\">"));
        // A file with findings still lists its passing checks.
        assert!(
            out.contains("<testcase name=\"missing-indicator\" classname=\"plans/坏.plan.yaml\"/>")
        );
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape("a&b<c>d\"e'f", false),
            "a&amp;b&lt;c&gt;d&quot;e&apos;f"
        );
        assert_eq!(escape("x\u{0}\u{1b}y\u{FFFF}", false), "xy");
        assert_eq!(escape("a\tb\nc\rd", false), "a\tb\nc&#13;d");
        assert_eq!(escape("a\tb\nc\rd", true), "a&#9;b&#10;c&#13;d");
        let mut fixture = sample();
        fixture.diagnostics[0].message.zh = "bell\u{7} & <tag> \"q\" 'a' ]]>".to_string();
        let out = render(&fixture.report());
        well_formed(&out);
        assert!(out.contains("bell &amp; &lt;tag&gt; &quot;q&quot; &apos;a&apos; ]]&gt;"));
    }

    #[test]
    fn many_findings_fail_one_check() {
        let out = render(&many(3, 0, 0).report_in(Lang::En));
        well_formed(&out);
        assert!(out.contains("<failure message=\"finding 0 (and 2 more)\" type=\"error\">1:1 error: finding 0\n2:1 error: finding 1\n3:1 error: finding 2\n</failure>"));
    }
}
