//! The human renderer: diagnostics drawn with miette, showing the YAML line they point at.
//!
//! miette takes one source per diagnostic, so a label in another file (the parent's row)
//! becomes a `related` diagnostic with its own source, as the style guide asks.
//!
//! Everything drawn that came from outside (messages quoting a plan, help, labels, file
//! names, the lines of the file) goes through [`terminal_safe`] first: a control character
//! in a plan is shown as `<U+001B>`, never obeyed by the terminal. In the file's lines the
//! spans are moved to match.

use crate::{terminal_safe, Diagnostic, Label, Lang, Severity, Text};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use std::fmt;

/// Gives the renderer the text of a file, so that it can show the lines a label points at.
pub trait SourceLookup {
    fn source(&self, file: &str) -> Option<&str>;
}

/// Files by name, owned (`BTreeMap<String, String>`) or borrowed (`BTreeMap<&str, &str>`).
impl<K, V> SourceLookup for std::collections::BTreeMap<K, V>
where
    K: std::borrow::Borrow<str> + Ord,
    V: AsRef<str>,
{
    fn source(&self, file: &str) -> Option<&str> {
        self.get(file).map(AsRef::as_ref)
    }
}

/// How to draw.
#[derive(Clone, Copy, Debug)]
pub struct RenderOptions {
    pub lang: Lang,
    /// Colour and Unicode box drawing, for a terminal. Off gives plain ASCII-art-free text
    /// that is the same on every machine.
    pub color: bool,
    pub width: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            lang: Lang::Zh,
            color: false,
            width: 100,
        }
    }
}

/// Renders diagnostics, in the order given, one after another.
pub fn render_human(
    diagnostics: &[Diagnostic],
    sources: &dyn SourceLookup,
    options: RenderOptions,
) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_context_lines(1)
        .with_show_related_as_nested(true);
    let mut out = String::new();
    for diagnostic in diagnostics {
        let report = Report::build(diagnostic, sources, options.lang);
        // Writing into a String cannot fail; if miette itself fails we still show the
        // message rather than lose the finding.
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&report.message);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// One diagnostic in the shape miette wants.
struct Report {
    code: String,
    severity: Severity,
    message: String,
    help: Option<String>,
    source: Option<NamedSource<Window>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl Report {
    fn build(diagnostic: &Diagnostic, sources: &dyn SourceLookup, lang: Lang) -> Report {
        let mut message = format!(
            "{}: {}",
            match lang {
                Lang::Zh => diagnostic.severity.zh(),
                Lang::En => diagnostic.severity.as_str(),
            },
            diagnostic.message.get(lang)
        );
        if let Some(reason) = &diagnostic.exemption {
            message.push_str(&match lang {
                Lang::Zh => format!("\n（已豁免：{reason}）"),
                Lang::En => format!("\n(exempted: {reason})"),
            });
        } else if let Some(explanation) = &diagnostic.explanation {
            message.push_str(&match lang {
                Lang::Zh => format!("\n（规划自身的说明：{explanation}）"),
                Lang::En => format!("\n(the plan's own explanation: {explanation})"),
            });
        }
        let (source, labels) = attach(&diagnostic.primary, sources, lang);
        if source.is_none() {
            message.push_str(&format!("\n  --> {}", diagnostic.primary.location));
        }
        let message = terminal_safe(&message).into_owned();
        let related = diagnostic
            .related
            .iter()
            .map(|r| {
                let (source, labels) = attach(&r.label, sources, lang);
                let mut message = r.message.get(lang).to_string();
                if source.is_none() {
                    message.push_str(&format!("\n  --> {}", r.label.location));
                }
                Report {
                    code: String::new(),
                    severity: Severity::Info,
                    message: terminal_safe(&message).into_owned(),
                    help: None,
                    source,
                    labels,
                    related: Vec::new(),
                }
            })
            .collect();
        Report {
            code: terminal_safe(&diagnostic.code).into_owned(),
            // An exempted finding is shown as advice, whatever its severity.
            severity: if diagnostic.exemption.is_some() {
                Severity::Info
            } else {
                diagnostic.severity
            },
            message,
            help: diagnostic
                .help
                .as_ref()
                .map(|h| terminal_safe(h.get(lang)).into_owned()),
            source,
            labels,
            related,
        }
    }
}

/// The source and label for a place, or nothing where the file's text is unknown or the
/// place is the whole file.
fn attach(
    label: &Label,
    sources: &dyn SourceLookup,
    lang: Lang,
) -> (Option<NamedSource<Window>>, Vec<LabeledSpan>) {
    let at = &label.location;
    if at.line == 0 {
        return (None, Vec::new());
    }
    let Some(text) = sources.source(&at.file) else {
        return (None, Vec::new());
    };
    // A span that does not fit the text (the file changed under us) is clamped rather
    // than trusted: miette must never be handed an out-of-range span.
    let offset = at.offset.min(text.len());
    let len = at.len.min(text.len() - offset);
    let window = Window::around(text, offset, len);
    let (shown, moved) = Escaped::of(&text[window.start..window.end]);
    let (start, end) = (
        moved.map(offset - window.start),
        moved.map(offset + len - window.start),
    );
    let source = NamedSource::new(
        terminal_safe(&at.file),
        Window {
            text: shown,
            line: window.line,
        },
    )
    .with_language("yaml");
    let span = SourceSpan::new(start.into(), end - start);
    let text = label
        .text
        .as_ref()
        .map(|t: &Text| terminal_safe(t.get(lang)).into_owned());
    (Some(source), vec![LabeledSpan::new_with_span(text, span)])
}

/// The lines of a file around a place, which is all a snippet shows: miette is handed
/// these rather than the whole file, so that a finding costs its few lines and not a scan
/// of its file (a national check renders thousands). Offsets within it are the window's;
/// the line numbers shown are the file's.
struct Window {
    text: String,
    /// The file's line (0-based) the window starts at.
    line: usize,
}

/// Where a window lies in its file.
struct Bounds {
    start: usize,
    end: usize,
    line: usize,
}

impl Window {
    /// Lines the snippet may show on either side of the place (it shows one).
    const MARGIN: usize = 2;

    /// The window of `text` around `len` bytes at `offset` (a valid span of `text`).
    fn around(text: &str, offset: usize, len: usize) -> Bounds {
        let bytes = text.as_bytes();
        // Back to the start of the line MARGIN lines before the place's.
        let mut start = offset;
        let mut newlines = 0;
        while start > 0 {
            if bytes[start - 1] == b'\n' {
                if newlines == Self::MARGIN {
                    break;
                }
                newlines += 1;
            }
            start -= 1;
        }
        // On to the end of the line MARGIN lines after the place's end.
        let mut end = offset + len;
        let mut newlines = 0;
        while end < bytes.len() {
            if bytes[end] == b'\n' {
                newlines += 1;
                if newlines > Self::MARGIN {
                    break;
                }
            }
            end += 1;
        }
        let line = bytes[..start].iter().filter(|&&b| b == b'\n').count();
        Bounds { start, end, line }
    }
}

impl miette::SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new(
            inner.data(),
            *inner.span(),
            inner.line() + self.line,
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// How offsets move when a file's text is made safe for a terminal: for each escaped
/// character of the original, where it starts and ends, and how many bytes the text grew
/// by up to its end.
struct Escaped {
    grown: Vec<(usize, usize, usize)>,
}

impl Escaped {
    /// The text made safe, and how its offsets moved.
    fn of(text: &str) -> (String, Escaped) {
        let mut grown = Vec::new();
        let safe = terminal_safe(text);
        if let std::borrow::Cow::Borrowed(_) = safe {
            return (text.to_string(), Escaped { grown });
        }
        // Each escaped character is replaced by its escape `<U+XXXX>`, in order.
        let mut added = 0usize;
        for (i, c) in text.char_indices() {
            let escaped =
                crate::is_terminal_control(c) || (c == '\r' && !text[i + 1..].starts_with('\n'));
            if escaped {
                let escape = format!("<U+{:04X}>", u32::from(c)).len();
                added += escape - c.len_utf8();
                grown.push((i, i + c.len_utf8(), added));
            }
        }
        (safe.into_owned(), Escaped { grown })
    }

    /// Where the original offset `at` is in the safe text; an offset inside an escaped
    /// character (a C1 control takes two bytes) is moved to after its escape.
    fn map(&self, at: usize) -> usize {
        let before = self.grown.partition_point(|&(_, end, _)| end <= at);
        let added = before.checked_sub(1).map_or(0, |k| self.grown[k].2);
        match self.grown.get(before) {
            Some(&(start, end, next)) if start < at => end + next,
            _ => at + added,
        }
    }
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report").field("code", &self.code).finish()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        if self.code.is_empty() {
            None
        } else {
            Some(Box::new(&self.code))
        }
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Location;

    #[test]
    fn renders_the_line_a_diagnostic_points_at() {
        let text = "planlint: 1\nid: x\ntitel: 规划\n";
        let at = Location {
            file: "a.plan.yaml".into(),
            line: 3,
            column: 1,
            offset: 18,
            len: 5,
        };
        let d = Diagnostic::error(
            "unknown-field",
            Text::new("未知字段 `titel`", "unknown field `titel`"),
            at,
        )
        .with_label(Text::new("这里", "here"))
        .with_help(Text::new("是否想写 `title`？", "did you mean `title`?"));
        let lookup =
            std::collections::BTreeMap::from([("a.plan.yaml".to_string(), text.to_string())]);
        let out = render_human(&[d], &lookup, RenderOptions::default());
        assert!(out.contains("unknown-field"), "{out}");
        assert!(out.contains("titel: 规划"), "{out}");
        assert!(out.contains("a.plan.yaml:3:1"), "{out}");
        assert!(out.contains("是否想写"), "{out}");
    }

    /// The snippet is cut from the lines around the place: what is shown, and the line
    /// numbers, are the whole file's, at its first line, deep inside, and at its last
    /// (with and without a final newline).
    #[test]
    fn a_snippet_shows_the_files_own_lines_and_numbers() {
        let lines: Vec<String> = (1..=40).map(|n| format!("k{n}: 值{n}")).collect();
        for ending in ["\n", ""] {
            let text = lines.join("\n") + ending;
            for n in [1usize, 2, 20, 39, 40] {
                let offset = text.find(&format!("k{n}:")).unwrap();
                let at = Location {
                    file: "a.plan.yaml".into(),
                    line: n as u32,
                    column: 1,
                    offset,
                    len: format!("k{n}").len(),
                };
                let d = Diagnostic::error("x", Text::new("某", "x"), at);
                let lookup = std::collections::BTreeMap::from([("a.plan.yaml", text.as_str())]);
                let whole = {
                    // What miette draws from the whole file.
                    let handler =
                        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
                            .with_width(100)
                            .with_links(false)
                            .with_context_lines(1)
                            .with_show_related_as_nested(true);
                    let report = miette::miette!(
                        labels = vec![LabeledSpan::new_with_span(
                            None,
                            (offset, format!("k{n}").len())
                        )],
                        severity = miette::Severity::Error,
                        code = "x",
                        "错误: 某"
                    )
                    .with_source_code(
                        NamedSource::new("a.plan.yaml", text.clone()).with_language("yaml"),
                    );
                    let mut out = String::new();
                    handler.render_report(&mut out, report.as_ref()).unwrap();
                    out.push('\n');
                    out
                };
                let out = render_human(&[d], &lookup, RenderOptions::default());
                assert_eq!(out, whole, "line {n}");
                assert!(out.contains(&format!("a.plan.yaml:{n}:1")), "{out}");
                assert!(out.contains(&format!(" {n} │ k{n}: 值{n}")), "{out}");
            }
        }
    }

    #[test]
    fn control_characters_are_shown_never_obeyed() {
        // ESC in the message (a row name quoted from a plan), in the help, in the label,
        // in the file's name and in the line shown; BEL and a C1 CSI (U+009B) too.
        let text = "planlint: 1\nid: \u{1b}]0;owned\u{7}\ntitel: \u{9b}2J规划\n";
        let offset = text.find("titel").unwrap();
        let at = Location {
            file: "a\u{1b}[31m.plan.yaml".into(),
            line: 3,
            column: 1,
            offset,
            len: 5,
        };
        let d = Diagnostic::error(
            "unknown-field",
            Text::new("未知字段 `\u{1b}[2J`", "unknown field `\u{1b}[2J\u{7}`"),
            at.clone(),
        )
        .with_label(Text::new("这里\u{9b}", "here\u{9b}"))
        .with_help(Text::new("帮助\u{1b}c", "help\u{1b}c"));
        let lookup = std::collections::BTreeMap::from([(at.file.clone(), text.to_string())]);
        for lang in [Lang::Zh, Lang::En] {
            let out = render_human(
                std::slice::from_ref(&d),
                &lookup,
                RenderOptions {
                    lang,
                    ..RenderOptions::default()
                },
            );
            assert!(!out.chars().any(crate::is_terminal_control), "{out:?}");
            assert!(out.contains("<U+001B>[2J"), "{out}");
            assert!(out.contains("<U+009B>2J规划"), "{out}");
            // The label still points at `titel`, after the escape on the line above.
            assert!(out.contains("titel"), "{out}");
        }
        let (safe, moved) = Escaped::of(text);
        assert_eq!(&safe[moved.map(offset)..moved.map(offset + 5)], "titel");
        let c1 = text.find('\u{9b}').unwrap();
        assert_eq!(&safe[moved.map(c1)..moved.map(c1 + 2)], "<U+009B>");
        assert_eq!(moved.map(c1 + 1), moved.map(c1 + 2));
    }

    #[test]
    fn a_whole_file_problem_names_the_file() {
        let d = Diagnostic::error(
            "io-error",
            Text::new("无法读取", "cannot read"),
            Location::file("gone.plan.yaml"),
        );
        let lookup: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
        let out = render_human(
            &[d],
            &lookup,
            RenderOptions {
                lang: Lang::En,
                ..RenderOptions::default()
            },
        );
        assert!(out.contains("--> gone.plan.yaml"), "{out}");
        assert!(out.contains("error: cannot read"), "{out}");
    }
}
