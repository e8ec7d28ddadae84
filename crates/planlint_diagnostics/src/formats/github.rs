//! `planlint check --format github`: GitHub Actions workflow commands, which GitHub shows as
//! annotations on the pull request's diff.
//!
//! One line per finding: `::error file=F,line=L,col=C,title=T::message`. Errors are
//! `::error`, warnings `::warning`, infos and exempted findings (which do not fail a check)
//! `::notice`. A finding about the whole file (line 0) names only the file.
//!
//! Escaping follows GitHub's runner (`actions/toolkit`, `command.ts`): in the message `%`,
//! `\r` and `\n` become `%25`, `%0D` and `%0A`; in a property value `:` and `,` become `%3A`
//! and `%2C` as well.
//!
//! **The limit.** GitHub shows at most [`limit()`] annotations of each level per step and
//! drops the rest silently. So the first [`limit()`] findings of a level are annotations
//! and the others are written as plain log lines (`file:line:col: level[rule]: message`):
//! the job log still holds every finding. When anything was held back, the output ends
//! with one `::notice::` saying how many and pointing at the summary; to keep that notice
//! itself visible, notices are then capped at one less than the limit.

use super::{message_with_help, pick, repo_path, RunReport};
use crate::{Diagnostic, Lang, Severity};

/// How many annotations of one level (error, warning, notice) GitHub shows per step.
///
/// GitHub documents 10 error and 10 warning annotations per step (and 50 per job); notices
/// are limited the same way in practice.
pub fn limit() -> usize {
    10
}

/// The annotation levels, in the order counts are reported.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Error,
    Warning,
    Notice,
}

impl Level {
    fn of(d: &Diagnostic) -> Level {
        if d.exemption.is_some() {
            return Level::Notice;
        }
        match d.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Info => Level::Notice,
        }
    }

    fn command(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Notice => "notice",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Renders the run as workflow commands, one per line, ending with a newline (or nothing
/// for a clean run).
pub fn render(report: &RunReport) -> String {
    let lang = report.lang;
    let mut total = [0usize; 3];
    for d in report.diagnostics {
        total[Level::of(d).index()] += 1;
    }
    let any_hidden = total.iter().any(|&n| n > limit());
    let cap = |level: Level| {
        if any_hidden && level == Level::Notice {
            limit() - 1
        } else {
            limit()
        }
    };

    let mut out = String::new();
    let mut shown = [0usize; 3];
    for d in report.diagnostics {
        let level = Level::of(d);
        if shown[level.index()] < cap(level) {
            shown[level.index()] += 1;
            out.push_str(&annotation(d, level, lang));
        } else {
            out.push_str(&plain(d, lang));
        }
        out.push('\n');
    }

    let hidden: Vec<usize> = (0..3).map(|i| total[i] - shown[i]).collect();
    let hidden_total: usize = hidden.iter().sum();
    if hidden_total > 0 {
        let parts: Vec<String> = [
            (hidden[0], pick(lang, "个错误", " errors")),
            (hidden[1], pick(lang, "个警告", " warnings")),
            (hidden[2], pick(lang, "条提示", " notices")),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n}{}{word}", pick(lang, " ", "")))
        .collect();
        let text = match lang {
            Lang::Zh => format!(
                "另有 {hidden_total} 条结果未显示为注释（GitHub 每个步骤每级只显示 {} 条）：{}；日志和摘要中列出了全部结果",
                limit(),
                parts.join("、")
            ),
            Lang::En => format!(
                "{hidden_total} more findings are not shown as annotations (GitHub shows {} of each level per step): {}; the log and the summary list them all",
                limit(),
                parts.join(", ")
            ),
        };
        out.push_str(&format!(
            "::notice title={}::{}\n",
            escape_property("planlint"),
            escape_data(&text)
        ));
    }
    out
}

/// One finding as a workflow command.
fn annotation(d: &Diagnostic, level: Level, lang: Lang) -> String {
    let at = &d.primary.location;
    let (file, _) = repo_path(&at.file);
    let mut properties = vec![format!("file={}", escape_property(&file))];
    if at.line > 0 {
        properties.push(format!("line={}", at.line));
        properties.push(format!("col={}", at.column.max(1)));
    }
    let title = match &d.subject.indicator {
        Some(indicator) => format!("{}: {indicator}", d.code),
        None => d.code.clone(),
    };
    properties.push(format!("title={}", escape_property(&title)));
    format!(
        "::{} {}::{}",
        level.command(),
        properties.join(","),
        escape_data(&full_message(d, lang))
    )
}

/// One finding as a plain log line, for findings past the limit.
fn plain(d: &Diagnostic, lang: Lang) -> String {
    let (file, _) = repo_path(&d.primary.location.file);
    let at = &d.primary.location;
    let place = if at.line == 0 {
        file
    } else {
        format!("{file}:{}:{}", at.line, at.column)
    };
    let severity = match lang {
        Lang::Zh => d.severity.zh(),
        Lang::En => d.severity.as_str(),
    };
    let text = full_message(d, lang).replace(['\r', '\n'], " ");
    let line = format!("{place}: {severity}[{}]: {text}", d.code);
    // A line that starts with `::` would be read as a command.
    if line.starts_with("::") {
        format!(" {line}")
    } else {
        line
    }
}

/// The message, help, the places that explain it and the exemption's reason.
fn full_message(d: &Diagnostic, lang: Lang) -> String {
    let mut text = message_with_help(d, lang);
    for related in &d.related {
        let at = &related.label.location;
        let (file, _) = repo_path(&at.file);
        if at.line == 0 {
            text.push_str(&format!("\n↳ {}: {file}", related.message.get(lang)));
        } else {
            text.push_str(&format!(
                "\n↳ {}: {file}:{}:{}",
                related.message.get(lang),
                at.line,
                at.column
            ));
        }
    }
    if let Some(reason) = &d.exemption {
        text.push_str(pick(lang, "\n已豁免：", "\nexempted: "));
        text.push_str(reason);
    }
    text
}

/// Escapes a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::tests::{empty, many, sample, AWKWARD_ZH};

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
        assert_eq!(render(&empty().report()), "");
    }

    #[test]
    fn one_command_per_finding() {
        let fixture = sample();
        let out = render(&fixture.report());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), fixture.diagnostics.len());
        assert!(lines.iter().all(|l| l.starts_with("::")));
        let count = |prefix: &str| lines.iter().filter(|l| l.starts_with(prefix)).count();
        // binding-downgrade, io-error, rule-failed; weaker-target; info and exempted.
        assert_eq!(count("::error "), 3);
        assert_eq!(count("::warning "), 1);
        assert_eq!(count("::notice "), 2);
        // A whole-file finding names only the file; `./` is dropped.
        assert!(lines
            .contains(&"::error file=plans/坏.plan.yaml,title=io-error::无法读取文件：权限不足"));
        assert!(out.contains("::error file=plans/市级.plan.yaml,line=5,col=3,title=binding-downgrade%3A 单位GDP能耗::"));
        // The parent's row and the exemption's reason are in the message.
        assert!(out.contains("%0A↳ 上级规划：约束性指标: plans/国家.plan.yaml:12:5"));
        assert!(out.contains("%0A已豁免：本市无此产业"));
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_data("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
        assert_eq!(escape_property("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
        let out = render(&sample().report());
        let warning = out.lines().find(|l| l.starts_with("::warning")).unwrap();
        assert_eq!(
            warning,
            format!(
                "::warning file=plans/市级.plan.yaml,line=8,col=7,title=weaker-target%3A R&D 经费投入强度::{}",
                escape_data(AWKWARD_ZH)
            )
        );
        assert!(warning.contains("<10%25 弱于上级: 15%25, & 更多%0A第二行"));
    }

    #[test]
    fn limit_per_level() {
        let fixture = many(25, 12, 3);
        let out = render(&fixture.report_in(Lang::En));
        let lines: Vec<&str> = out.lines().collect();
        let count = |prefix: &str| lines.iter().filter(|l| l.starts_with(prefix)).count();
        assert_eq!(count("::error "), limit());
        assert_eq!(count("::warning "), limit());
        // Three infos, all shown, plus the closing notice.
        assert_eq!(count("::notice "), 4);
        // Every finding is still in the log: annotations, then plain lines past the limit.
        assert_eq!(lines.len(), 25 + 12 + 3 + 1);
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.contains(": error[binding-downgrade]: "))
                .count(),
            15
        );
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.contains(": warning[weaker-target]: "))
                .count(),
            2
        );
        // The first ten of a level are the annotations; nothing of that level follows as
        // an annotation.
        let last_error = lines
            .iter()
            .rposition(|l| l.starts_with("::error "))
            .unwrap();
        assert!(lines[last_error].ends_with("::finding 9"));
        assert_eq!(
            *lines.last().unwrap(),
            "::notice title=planlint::17 more findings are not shown as annotations (GitHub shows 10 of each level per step): 15 errors, 2 warnings; the log and the summary list them all"
        );
    }

    #[test]
    fn closing_notice_stays_within_the_notice_limit() {
        let out = render(&many(0, 0, 12).report());
        let notices = out.lines().filter(|l| l.starts_with("::notice ")).count();
        assert_eq!(notices, limit());
        assert!(out
            .lines()
            .last()
            .unwrap()
            .contains("另有 3 条结果未显示为注释"));
        assert!(out.lines().last().unwrap().contains("3 条提示"));
    }

    #[test]
    fn exactly_at_the_limit_needs_no_notice() {
        let out = render(&many(10, 10, 10).report());
        assert_eq!(out.lines().count(), 30);
        assert!(out
            .lines()
            .all(|l| !l.starts_with("::notice title=planlint")));
    }
}
