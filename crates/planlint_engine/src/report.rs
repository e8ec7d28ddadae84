//! `report(at, message)` and `report(at, related, message)`: how a script reports a
//! finding.
//!
//! `message` is a map with `zh` and `en` (required), and optionally `help_zh`, `help_en`,
//! `severity` (`"error"`, `"warning"`, `"info"`; default: the rule's), `related_zh`,
//! `related_en` (the label of the related place), `indicator` (the indicator's name, where
//! neither place says it) and `section` (the section topic the finding is about; `subject`
//! is read the same way). `at` and `related` are a plan, a row, a section, a text target, or
//! a place from `row.at("target")` / `plan.at("basis")`.

use crate::run;
use crate::sandbox::err;
use crate::views::{place, About, At};
use planlint_diagnostics::{Severity, Text};
use rhai::{Dynamic, Engine, EvalAltResult, Map};

/// One finding, as a script reported it.
#[derive(Clone, Debug)]
pub struct Report {
    pub at: At,
    /// The indicator's name, where the script gave it.
    pub indicator: Option<String>,
    /// The section topic the finding is about, where the script gave it.
    pub section: Option<String>,
    pub related: Option<(At, Option<Text>)>,
    pub message: Text,
    pub help: Option<Text>,
    pub severity: Option<Severity>,
}

impl Report {
    /// The bytes of text the finding holds, counted against the run's limit.
    pub(crate) fn text_bytes(&self) -> usize {
        let text = |t: &Text| t.zh.len() + t.en.len();
        text(&self.message)
            + self.help.as_ref().map_or(0, text)
            + self
                .related
                .as_ref()
                .and_then(|(_, label)| label.as_ref())
                .map_or(0, text)
            + self.indicator.as_ref().map_or(0, String::len)
            + self.section.as_ref().map_or(0, String::len)
    }

    /// What the finding is about: the place's row or text target, else the related
    /// place's (a missing indicator is reported at the plan, about the ancestor's row).
    pub fn about(&self) -> About {
        match (self.at.about, &self.related) {
            (About::Plan, Some((related, _))) => related.about,
            (about, _) => about,
        }
    }
}

/// Registers `report`.
pub(crate) fn register(engine: &mut Engine) {
    engine.register_fn("report", |at: Dynamic, message: Map| {
        report(at, None, message)
    });
    engine.register_fn("report", |at: Dynamic, related: Dynamic, message: Map| {
        report(at, Some(related), message)
    });
}

fn string(message: &Map, key: &str) -> Option<String> {
    message
        .get(key)
        .and_then(|v| v.clone().into_string().ok())
        .filter(|s| !s.is_empty())
}

/// The text in both languages under `<prefix>_zh` and `<prefix>_en`; one alone stands for
/// both.
fn pair(message: &Map, prefix: &str) -> Option<Text> {
    match (
        string(message, &format!("{prefix}_zh")),
        string(message, &format!("{prefix}_en")),
    ) {
        (Some(zh), Some(en)) => Some(Text::new(zh, en)),
        (Some(zh), None) => Some(Text::new(zh.clone(), zh)),
        (None, Some(en)) => Some(Text::new(en.clone(), en)),
        (None, None) => None,
    }
}

fn report(at: Dynamic, related: Option<Dynamic>, message: Map) -> Result<(), Box<EvalAltResult>> {
    let (Some(zh), Some(en)) = (string(&message, "zh"), string(&message, "en")) else {
        return Err(err("report() needs a message with both `zh` and `en`"));
    };
    let severity = match string(&message, "severity").as_deref() {
        None => None,
        Some("error") => Some(Severity::Error),
        Some("warning") => Some(Severity::Warning),
        Some("info") => Some(Severity::Info),
        Some(other) => return Err(err(format!("unknown severity `{other}`"))),
    };
    let at = place(at)?;
    let related = match related {
        Some(r) if !r.is_unit() => Some((place(r)?, pair(&message, "related"))),
        _ => None,
    };
    run::push(Report {
        at,
        indicator: string(&message, "indicator"),
        section: string(&message, "section").or_else(|| string(&message, "subject")),
        related,
        message: Text::new(zh, en),
        help: pair(&message, "help"),
        severity,
    })
}
