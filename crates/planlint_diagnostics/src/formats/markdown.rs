//! `planlint check --format markdown`: a summary for a pull-request comment or
//! `$GITHUB_STEP_SUMMARY`, in the report's language.
//!
//! From top to bottom: a heading with the verdict (✅ nothing to fix, ⚠️ warnings, ❌ errors)
//! and the counts by severity, exempted findings counted apart; a line when something could
//! not be checked; one section per file with a table of its findings (severity, rule,
//! line, indicator, message with help and the parent's row); the exempted findings with the
//! plans' reasons; and, folded in a `<details>`, the rules that ran with their scripts'
//! hashes and the catalog's hash.
//!
//! Grouping by file keeps a long report (hundreds of findings) readable: each file's
//! heading carries its own counts. Nothing is cut: GitHub allows 65,536 characters in a
//! comment and 1 MiB in a step summary, and a row is about 200 bytes.
//!
//! Table cells escape `|`, turn line breaks into `<br>`, and escape `&`, `<` and `>`, so
//! a message can neither break the table nor be read as HTML; `[` and `]` are escaped and
//! web addresses shown as code, so a plan's text makes no link and no image.

use super::{pick, repo_path, RunReport};
use crate::{plural, Counts, Diagnostic, Lang, Severity};

/// Renders the summary, ending with a newline.
pub fn render(report: &RunReport) -> String {
    let lang = report.lang;
    let counts = Counts::of(report.diagnostics);
    let mut out = String::new();

    let verdict = if counts.error > 0 {
        "❌"
    } else if counts.warning > 0 {
        "⚠️"
    } else {
        "✅"
    };
    let headline = if counts.error + counts.warning + counts.info == 0 {
        let mut text = pick(lang, "没有发现问题", "no findings").to_string();
        if counts.exempted > 0 {
            text.push_str(&match lang {
                Lang::Zh => format!("（{} 个已豁免）", counts.exempted),
                Lang::En => format!(" ({} exempted)", counts.exempted),
            });
        }
        text
    } else {
        count_words(lang, counts)
    };
    let colon = pick(lang, "：", ": ");
    out.push_str(&format!("## {verdict} planlint{colon}{headline}\n\n"));
    out.push_str(&match lang {
        Lang::Zh => format!(
            "检查了 {} 个文件、{} 个规划。\n",
            report.files, report.plans
        ),
        Lang::En => format!(
            "Checked {} {}, {} {}.\n",
            report.files,
            plural(report.files, "file", "files"),
            report.plans,
            plural(report.plans, "plan", "plans")
        ),
    });
    if report.could_not_check() {
        out.push_str(pick(
            lang,
            "\n> [!WARNING]\n> 有文件未能读取或不是有效的规划，或有规则运行失败：结果不完整。\n",
            "\n> [!WARNING]\n> A file could not be read or is not a valid plan, or a rule failed: the results are incomplete.\n",
        ));
    }

    // One section per file, in the report's order (by file).
    let active: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.exemption.is_none())
        .collect();
    let mut rest = &active[..];
    while let Some(first) = rest.first() {
        let n = rest
            .iter()
            .take_while(|d| d.primary.location.file == first.primary.location.file)
            .count();
        let (findings, next) = rest.split_at(n);
        rest = next;
        let (file, _) = repo_path(&first.primary.location.file);
        let file_counts = Counts::of(findings.iter().copied());
        out.push_str(&format!(
            "\n### {}{}{}{}\n\n",
            code(&file),
            pick(lang, "（", " ("),
            count_words(lang, file_counts),
            pick(lang, "）", ")")
        ));
        out.push_str(&findings_table(findings, lang));
    }

    let exempted: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.exemption.is_some())
        .collect();
    if !exempted.is_empty() {
        out.push_str(&format!(
            "\n### {}{}{}{}\n\n",
            pick(lang, "已豁免", "Exempted"),
            pick(lang, "（", " ("),
            exempted.len(),
            pick(lang, "）", ")")
        ));
        out.push_str(&exempted_table(&exempted, lang));
    }

    out.push_str(&format!(
        "\n<details><summary>{}{}{}{}</summary>\n\n",
        pick(lang, "运行的规则", "Rules that ran"),
        pick(lang, "（", " ("),
        report.rules.len(),
        pick(lang, "）", ")")
    ));
    if !report.rules.is_empty() {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n| --- | --- | --- | --- |\n",
            pick(lang, "规则", "Rule"),
            pick(lang, "级别", "Severity"),
            pick(lang, "说明", "Summary"),
            pick(lang, "脚本哈希（SHA-256）", "Script hash (SHA-256)"),
        ));
        for rule in report.rules {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                code(&rule.id),
                severity_word(rule.severity, lang),
                cell(rule.summary.get(lang)),
                code(&rule.hash),
            ));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "{}{}\n\n</details>\n\n<sub>planlint {}</sub>\n",
        pick(lang, "指标目录哈希：", "Catalog hash: "),
        code(report.catalog_hash),
        cell(report.tool_version)
    ));
    out
}

/// "2 errors, 1 warning, 0 infos, 1 exempted", leaving out the exempted when there are none.
fn count_words(lang: Lang, counts: Counts) -> String {
    match lang {
        Lang::Zh => {
            let mut text = format!(
                "{} 个错误，{} 个警告，{} 条提示",
                counts.error, counts.warning, counts.info
            );
            if counts.exempted > 0 {
                text.push_str(&format!("，{} 个已豁免", counts.exempted));
            }
            text
        }
        Lang::En => {
            let mut text = format!(
                "{} {}, {} {}, {} {}",
                counts.error,
                plural(counts.error, "error", "errors"),
                counts.warning,
                plural(counts.warning, "warning", "warnings"),
                counts.info,
                plural(counts.info, "info", "infos"),
            );
            if counts.exempted > 0 {
                text.push_str(&format!(", {} exempted", counts.exempted));
            }
            text
        }
    }
}

/// The table of open findings, one row each: severity, rule, place, indicator, and the
/// message with its help and the places that explain it. The review report's Markdown
/// shows the same table.
pub fn findings_table(findings: &[&Diagnostic], lang: Lang) -> String {
    let mut out = format!(
        "| {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- |\n",
        pick(lang, "级别", "Severity"),
        pick(lang, "规则", "Rule"),
        pick(lang, "位置", "Line"),
        pick(lang, "指标", "Indicator"),
        pick(lang, "说明", "Message"),
    );
    for d in findings {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            severity(d.severity, lang),
            code(&d.code),
            place(d, lang),
            cell(d.subject.name().unwrap_or("")),
            message(d, lang),
        ));
    }
    out
}

/// The table of exempted findings: file, place, rule, indicator, message, and the plan's
/// reason.
pub fn exempted_table(findings: &[&Diagnostic], lang: Lang) -> String {
    let mut out = format!(
        "| {} | {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- | --- |\n",
        pick(lang, "文件", "File"),
        pick(lang, "位置", "Line"),
        pick(lang, "规则", "Rule"),
        pick(lang, "指标", "Indicator"),
        pick(lang, "说明", "Message"),
        pick(lang, "豁免理由", "Reason"),
    );
    for d in findings {
        let (file, _) = repo_path(&d.primary.location.file);
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            code(&file),
            place(d, lang),
            code(&d.code),
            cell(d.subject.name().unwrap_or("")),
            cell(d.message.get(lang)),
            cell(d.exemption.as_deref().unwrap_or("")),
        ));
    }
    out
}

fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => severity.zh(),
        Lang::En => severity.as_str(),
    }
}

fn severity(severity: Severity, lang: Lang) -> String {
    let icon = match severity {
        Severity::Error => "❌",
        Severity::Warning => "⚠️",
        Severity::Info => "ℹ️",
    };
    format!("{icon} {}", severity_word(severity, lang))
}

/// `line:column`; for a document whose lines mean nothing to its reader (a .docx), the
/// paragraph or cell its label names; or a word for a finding about the whole file.
fn place(d: &Diagnostic, lang: Lang) -> String {
    let at = &d.primary.location;
    if let Some(words) = &d.primary.text {
        cell(words.get(lang))
    } else if at.line == 0 {
        pick(lang, "整个文件", "whole file").to_string()
    } else {
        format!("{}:{}", at.line, at.column)
    }
}

/// The message, the help and the places that explain it, in one cell.
fn message(d: &Diagnostic, lang: Lang) -> String {
    let mut text = cell(d.message.get(lang));
    if let Some(explanation) = &d.explanation {
        text.push_str(&format!(
            "<br>📝 {}{}",
            pick(lang, "规划自身的说明：", "the plan's own explanation: "),
            cell(explanation)
        ));
    }
    if let Some(help) = &d.help {
        text.push_str(&format!("<br>💡 {}", cell(help.get(lang))));
    }
    for related in &d.related {
        let at = &related.label.location;
        let (file, _) = repo_path(&at.file);
        let place = if at.line == 0 {
            file
        } else {
            format!("{file}:{}:{}", at.line, at.column)
        };
        text.push_str(&format!(
            "<br>↳ {}{}{}",
            cell(related.message.get(lang)),
            pick(lang, "：", ": "),
            code(&place)
        ));
    }
    text
}

/// Text for a table cell: no `|`, no line break, no HTML, no trailing space.
fn cell(text: &str) -> String {
    crate::markdown_cell(text.trim_end())
}

/// A code span that holds any text, fit for a table cell.
fn code(text: &str) -> String {
    crate::markdown_code(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::tests::{empty, many, sample};

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render(&sample().report()));
    }

    #[test]
    fn snapshot_english() {
        insta::assert_snapshot!(render(&sample().report_in(Lang::En)));
    }

    #[test]
    fn empty_report() {
        let out = render(&empty().report_in(Lang::En));
        assert!(out.starts_with("## ✅ planlint: no findings\n\nChecked 2 files, 2 plans.\n"));
        assert!(!out.contains("###"));
        assert!(out.contains("<details><summary>Rules that ran (4)</summary>"));
        insta::assert_snapshot!(out);
    }

    #[test]
    fn verdicts() {
        let head = |e, w, i| {
            render(&many(e, w, i).report_in(Lang::En))
                .lines()
                .next()
                .unwrap()
                .to_string()
        };
        assert_eq!(
            head(1, 2, 0),
            "## ❌ planlint: 1 error, 2 warnings, 0 infos"
        );
        assert_eq!(
            head(0, 1, 0),
            "## ⚠️ planlint: 0 errors, 1 warning, 0 infos"
        );
        assert_eq!(
            head(0, 0, 3),
            "## ✅ planlint: 0 errors, 0 warnings, 3 infos"
        );
        let zh = render(&sample().report());
        assert!(zh.starts_with("## ❌ planlint：3 个错误，1 个警告，1 条提示，1 个已豁免\n"));
    }

    #[test]
    fn tables() {
        let out = render(&sample().report());
        // One section per file, exempted findings apart.
        assert!(out.contains("\n### `plans/市级.plan.yaml`（1 个错误，1 个警告，1 条提示）\n"));
        assert!(out.contains("\n### `plans/坏.plan.yaml`（1 个错误，0 个警告，0 条提示）\n"));
        assert!(out.contains("| ❌ 错误 | `io-error` | 整个文件 |  | 无法读取文件：权限不足 |\n"));
        // `|`-free cells: the awkward message stays in its row.
        assert!(out.contains(
            "| ⚠️ 警告 | `weaker-target` | 8:7 | R&D 经费投入强度 | 目标 <10% 弱于上级: 15%, & 更多<br>第二行 |\n"
        ));
        assert!(out.contains("<br>↳ 上级规划：约束性指标：`plans/国家.plan.yaml:12:5` |"));
        assert!(out.contains("\n### 已豁免（1）\n"));
        assert!(out.contains("| 本市无此产业 |\n"));
        // Every table row has the columns of its header.
        for line in out.lines().filter(|l| l.starts_with('|')) {
            let cells = line.replace("\\|", "").matches('|').count();
            assert!([5, 6, 7].contains(&cells), "{line}");
        }
        assert!(out.contains("| `weaker-target` | 警告 | 目标弱于上级规划 | `aaaaaaaa"));
    }

    #[test]
    fn cells() {
        assert_eq!(cell("a|b\nc <d> & e\r\n"), "a\\|b<br>c &lt;d> & e");
        assert_eq!(cell("目标 <10% 弱于上级"), "目标 <10% 弱于上级");
        assert_eq!(code("a`b|c"), "`` a`b\\|c ``");
        // Links, images and web addresses from a plan's text make no link (a `<` before an
        // address shown as code opens nothing).
        assert_eq!(
            cell("见[批准](https://evil.example/x)与![](http://t.example/p.png)，www.evil.example。<https://a.example>"),
            "见\\[批准\\](`https://evil.example/x)`与!\\[\\](`http://t.example/p.png)`，`www.evil.example`。<`https://a.example>`"
        );
        assert_eq!(cell("WWW.X.cn|x"), "`WWW.X.cn\\|x`");
        assert_eq!(cell("a://"), "`a://`");
        assert_eq!(cell("://x awww.x"), "://x awww.x");
        assert_eq!(code("``x"), "``` ``x ```");
    }

    #[test]
    fn two_hundred_findings_stay_grouped() {
        let out = render(&many(120, 60, 20).report_in(Lang::En));
        assert_eq!(out.matches("\n### ").count(), 1);
        assert_eq!(
            out.lines()
                .filter(|l| l.starts_with("| ❌ error |"))
                .count(),
            120
        );
        assert_eq!(
            out.lines()
                .filter(|l| l.starts_with("| ⚠️ warning |"))
                .count(),
            60
        );
        assert_eq!(
            out.lines().filter(|l| l.starts_with("| ℹ️ info |")).count(),
            20
        );
    }
}
