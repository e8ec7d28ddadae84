//! The human renderer: diagnostics drawn with miette, showing the YAML line they point at.
//!
//! miette takes one source per diagnostic, so a label in another file (the parent's row)
//! becomes a `related` diagnostic with its own source, as the style guide asks.

use crate::{Diagnostic, Label, Lang, Severity, Text};
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
    source: Option<NamedSource<String>>,
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
                    message,
                    help: None,
                    source,
                    labels,
                    related: Vec::new(),
                }
            })
            .collect();
        Report {
            code: diagnostic.code.clone(),
            // An exempted finding is shown as advice, whatever its severity.
            severity: if diagnostic.exemption.is_some() {
                Severity::Info
            } else {
                diagnostic.severity
            },
            message,
            help: diagnostic.help.as_ref().map(|h| h.get(lang).to_string()),
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
) -> (Option<NamedSource<String>>, Vec<LabeledSpan>) {
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
    let source = NamedSource::new(&at.file, text.to_string()).with_language("yaml");
    let span = SourceSpan::new(offset.into(), len);
    let text = label.text.as_ref().map(|t: &Text| t.get(lang).to_string());
    (Some(source), vec![LabeledSpan::new_with_span(text, span)])
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
