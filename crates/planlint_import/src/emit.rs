//! Writing a draft as a plan file, remembering which document place each line came from.

use crate::document::Origin;
use crate::interpret::{Draft, Heading};
use crate::table::{Row, Token};

/// A plan file being written: its text, and for each line the place in the document the
/// line's value was read from.
#[derive(Debug, Default)]
pub struct Yaml {
    pub text: String,
    pub origins: Vec<Option<Origin>>,
}

impl Yaml {
    fn line(&mut self, indent: usize, text: &str, origin: Option<Origin>) {
        for _ in 0..indent {
            self.text.push(' ');
        }
        self.text.push_str(text);
        self.text.push('\n');
        self.origins.push(origin);
    }

    fn comment(&mut self, indent: usize, text: &str) {
        self.line(indent, &format!("# {}", comment_text(text)), None);
    }
}

/// Whether YAML allows a character as it is (its printable set); anything else must be
/// escaped in a double-quoted scalar, and cannot appear in a comment at all.
fn printable(c: char) -> bool {
    matches!(c as u32,
        0x9 | 0x20..=0x7e | 0xa0..=0xd7ff | 0xe000..=0xfffd | 0x10000..=0x10ffff)
        && c != '\u{feff}'
}

/// A YAML double-quoted scalar: safe for any text.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if !printable(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a comment line: one line, printable characters only.
fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if !printable(c) => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// What the header comment and the identity of the plan say, beyond the draft.
#[derive(Debug, Default)]
pub struct Identity {
    pub id: String,
    pub parent: Option<String>,
    pub source: String,
    /// Lines for the header comment: what needs a person's eye.
    pub review: Vec<String>,
    /// The comments' words, in the chosen language: the first line (with `{source}`),
    /// the heading of the review list, and the label of a table's title.
    pub words: [&'static str; 3],
    /// Whether the comments are in English.
    pub english: bool,
}

fn field(y: &mut Yaml, indent: usize, key: &str, value: Option<&Token>) {
    if let Some(v) = value {
        y.line(
            indent,
            &format!("{key}: {}", quote(&v.text)),
            Some(v.origin),
        );
    }
}

fn row(y: &mut Yaml, r: &Row, previous: bool, english: bool) {
    let Some(name) = &r.name else { return };
    // A row read with a guess says so on its first line.
    let guessed = if r.guesses.is_empty() {
        String::new()
    } else {
        let said: Vec<&str> = r
            .guesses
            .iter()
            .map(|(zh, en)| if english { en.as_str() } else { zh.as_str() })
            .collect();
        let asks = said
            .iter()
            .any(|s| s.contains("请核对") || s.contains("please check"));
        let lead = match (asks, english) {
            (true, _) => "",
            (false, true) => "check: ",
            (false, false) => "请核对：",
        };
        format!(
            "  # {}",
            comment_text(&format!("{lead}{}", said.join("；")))
        )
    };
    y.line(
        2,
        &format!("- name: {}{guessed}", quote(&name.text)),
        Some(name.origin),
    );
    if let Some(no) = &r.no {
        let text = if no.text.bytes().all(|b| b.is_ascii_digit()) && !no.text.is_empty() {
            no.text.clone()
        } else {
            quote(&no.text)
        };
        y.line(4, &format!("\"no\": {text}"), Some(no.origin));
    }
    field(y, 4, "domain", r.domain.as_ref());
    field(y, 4, "unit", r.unit.as_ref());
    if !previous {
        field(y, 4, "baseline", r.baseline.as_ref());
    }
    field(y, 4, "target", r.target.as_ref());
    if previous {
        field(y, 4, "actual", r.actual.as_ref());
    }
    field(y, 4, "nature", r.nature.as_ref());
    field(y, 4, "note", r.note.as_ref());
}

fn headings(y: &mut Yaml, list: &[Heading], indent: usize) {
    for h in list {
        y.line(
            indent,
            &format!("- title: {}", quote(&h.title)),
            Some(h.origin),
        );
        if !h.number.is_empty() {
            y.line(
                indent + 2,
                &format!("number: {}", quote(&h.number)),
                Some(h.origin),
            );
        }
        if !h.children.is_empty() {
            y.line(indent + 2, "sections:", None);
            headings(y, &h.children, indent + 4);
        }
    }
}

/// Writes the plan file.
pub fn plan_file(draft: &Draft, who: &Identity) -> Yaml {
    let mut y = Yaml::default();
    y.comment(0, &who.words[0].replace("{source}", &who.source));
    if !who.review.is_empty() {
        y.comment(0, who.words[1]);
        for item in &who.review {
            // An item indented by two spaces belongs to the item above it.
            match item.strip_prefix("  ") {
                Some(sub) => y.comment(0, &format!("  - {sub}")),
                None => y.comment(0, &format!("- {item}")),
            }
        }
    }
    // Findings about the plan as a whole point at its title.
    let title = draft.title.as_ref().map(|t| t.origin);
    y.line(0, "planlint: 1", title);
    y.line(0, &format!("id: {}", quote(&who.id)), title);
    if let Some(t) = &draft.title {
        y.line(0, &format!("title: {}", quote(&t.value)), Some(t.origin));
    }
    if let Some(region) = &draft.region {
        y.line(
            0,
            &format!("region: {}", quote(region)),
            draft.title.as_ref().map(|t| t.origin),
        );
    }
    if let Some(level) = draft.level {
        y.line(
            0,
            &format!("level: {level}"),
            draft.title.as_ref().map(|t| t.origin),
        );
    }
    if let Some((start, end)) = draft.period {
        y.line(
            0,
            &format!("period: {{start: {start}, end: {end}}}"),
            draft.title.as_ref().map(|t| t.origin),
        );
        y.line(0, &format!("baseline_year: {}", start - 1), None);
    }
    if let Some(parent) = &who.parent {
        y.line(0, &format!("parent: {}", quote(parent)), None);
    }
    if let Some(issuer) = &draft.issuer {
        y.line(
            0,
            &format!("issuer: {}", quote(&issuer.value)),
            Some(issuer.origin),
        );
    }
    if let Some(issued) = &draft.issued {
        y.line(
            0,
            &format!("issued: {}", quote(&issued.value)),
            Some(issued.origin),
        );
    }
    y.line(0, &format!("source: {}", quote(&who.source)), None);
    if !draft.basis.is_empty() {
        y.line(0, "basis:", draft.basis.first().map(|b| b.origin));
        for b in &draft.basis {
            y.line(2, &format!("- {}", quote(&b.value)), Some(b.origin));
        }
    }
    if !draft.headings.is_empty() {
        y.line(0, "sections:", draft.headings.first().map(|h| h.origin));
        headings(&mut y, &draft.headings, 2);
    }
    let current: Vec<&Row> = draft.current_rows().collect();
    if !current.is_empty() {
        for t in draft.tables.iter().filter(|t| !t.previous) {
            if let Some(title) = &t.title {
                let domain = match (&t.domain_from_title, who.english) {
                    (Some(d), false) => format!("（各行领域按表题读作“{d}”）"),
                    (Some(d), true) => format!(" (each row's domain read from the title as {d})"),
                    (None, _) => String::new(),
                };
                y.comment(0, &format!("{}{}{domain}", who.words[2], title.text));
            }
        }
        // Findings about the table (an indicator missing from it) point at its title.
        let table = draft
            .tables
            .iter()
            .find(|t| !t.previous)
            .and_then(|t| t.title.as_ref().map(|v| v.origin).or(t.origin));
        y.line(0, "indicators:", table);
        for r in current {
            row(&mut y, r, false, who.english);
        }
    }
    if !draft.targets_in_text.is_empty() {
        y.line(
            0,
            "targets_in_text:",
            draft.targets_in_text.first().map(|t| t.origin),
        );
        for t in &draft.targets_in_text {
            y.line(2, &format!("- name: {}", quote(&t.name)), Some(t.origin));
            y.line(4, &format!("target: {}", quote(&t.target)), Some(t.origin));
            if let Some(year) = t.year {
                y.line(4, &format!("year: {year}"), Some(t.origin));
            }
            if let Some(section) = &t.section {
                y.line(4, &format!("section: {}", quote(section)), Some(t.origin));
            }
        }
    }
    let previous: Vec<&Row> = draft.previous_rows().collect();
    if !previous.is_empty() {
        y.line(0, "previous_period:", None);
        if let Some((start, _)) = draft.period {
            y.line(
                2,
                &format!("period: {{start: {}, end: {}}}", start - 5, start - 1),
                None,
            );
        }
        y.line(2, "indicators:", None);
        let mut inner = Yaml::default();
        for r in previous {
            row(&mut inner, r, true, who.english);
        }
        for (text, origin) in inner.text.lines().zip(inner.origins) {
            y.line(2, text, origin);
        }
    }
    y
}
