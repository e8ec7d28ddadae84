//! A rule's metadata: its `rule.yaml`, the one place a rule declares its id, default
//! severity, summary and documentation in Chinese and English.
//!
//! ```yaml
//! id: weaker-target          # must equal the directory name; public API
//! severity: error            # error | warning | info: the default
//! summary: {zh: …, en: …}
//! docs:
//!   what: {zh: …, en: …}     # what it checks
//!   skips: {zh: …, en: …}    # what it does not flag, and why
//!   why: {zh: …, en: …}      # why it matters
//!   example: {zh: …, en: …}  # an example
//!   fix: {zh: …, en: …}      # how to fix
//!   exempt: {zh: …, en: …}   # how to exempt
//! ```

use planlint_diagnostics::{Diagnostic, Lang, Severity, Text};
use planlint_model::decode::Reader;
use planlint_model::yaml::Node;
use serde::Serialize;

/// The sections of a rule's documentation, in the order they are printed.
pub const DOC_SECTIONS: [(&str, &str, &str); 6] = [
    ("what", "检查内容", "What it checks"),
    ("skips", "不报告的情形", "What it does not flag"),
    ("why", "为何重要", "Why it matters"),
    ("example", "示例", "Example"),
    ("fix", "如何修改", "How to fix"),
    ("exempt", "如何豁免", "How to exempt"),
];

/// What a rule says about itself.
#[derive(Clone, Debug, Serialize)]
pub struct RuleMeta {
    pub id: String,
    pub severity: Severity,
    pub summary: Text,
    /// The documentation sections present, keyed as in [`DOC_SECTIONS`].
    pub docs: Vec<(String, Text)>,
}

impl RuleMeta {
    /// Reads `rule.yaml`. `file` names it in problems.
    pub fn load(file: &str, text: &str) -> (Option<RuleMeta>, Vec<Diagnostic>) {
        let mut r = Reader::new(file);
        let Some(root) = r.parse(text) else {
            return (None, r.diagnostics);
        };
        let meta = read(&mut r, &root);
        (meta, r.diagnostics)
    }

    /// The documentation as text, for `planlint rule <id>`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = format!(
            "{} ({})\n{}\n",
            self.id,
            match lang {
                Lang::Zh => self.severity.zh(),
                Lang::En => self.severity.as_str(),
            },
            self.summary.get(lang)
        );
        for (key, zh, en) in DOC_SECTIONS {
            if let Some((_, text)) = self.docs.iter().find(|(k, _)| k == key) {
                let heading = match lang {
                    Lang::Zh => zh,
                    Lang::En => en,
                };
                out.push_str(&format!(
                    "\n## {heading}\n\n{}\n",
                    text.get(lang).trim_end()
                ));
            }
        }
        out
    }
}

fn read(r: &mut Reader, root: &Node) -> Option<RuleMeta> {
    let f = r.fields(root, "rule", &["id", "severity", "summary", "docs"])?;
    let id = match f.get("id") {
        Some(n) => r.text(n, "id"),
        None => {
            r.missing(&f, "rule", "id");
            None
        }
    };
    let severity = match f.get("severity") {
        Some(n) => r.choice(
            n,
            "severity",
            &[
                ("error", Severity::Error),
                ("warning", Severity::Warning),
                ("info", Severity::Info),
            ],
        ),
        None => {
            r.missing(&f, "rule", "severity");
            None
        }
    };
    let summary = match f.get("summary") {
        Some(n) => text(r, n, "summary"),
        None => {
            r.missing(&f, "rule", "summary");
            None
        }
    };
    let mut docs = Vec::new();
    if let Some(n) = f.get("docs") {
        let keys: Vec<&str> = DOC_SECTIONS.iter().map(|(k, _, _)| *k).collect();
        if let Some(d) = r.fields(n, "docs", &keys) {
            for key in keys {
                if let Some(n) = d.get(key) {
                    if let Some(t) = text(r, n, key) {
                        docs.push((key.to_string(), t));
                    }
                }
            }
        }
    }
    Some(RuleMeta {
        id: id?.value,
        severity: severity?.value,
        summary: summary?,
        docs,
    })
}

/// A `{zh: …, en: …}` pair; both are required.
fn text(r: &mut Reader, node: &Node, what: &str) -> Option<Text> {
    let f = r.fields(node, what, &["zh", "en"])?;
    let mut get = |lang: &str| match f.get(lang) {
        Some(n) => r.text(n, lang).map(|s| s.value),
        None => {
            r.missing(&f, what, lang);
            None
        }
    };
    let zh = get("zh");
    let en = get("en");
    Some(Text::new(zh?, en?))
}
