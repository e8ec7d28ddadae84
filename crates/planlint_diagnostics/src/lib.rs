//! Diagnostics as plain data, and every way of showing them.
//!
//! Every problem planlint finds — a YAML error, an unknown key, a missing parent, and later
//! a rule's finding — is a [`Diagnostic`]: a stable code, a severity, a message in Chinese
//! and English, a primary [`Label`] in a plan file, related labels in other files (the
//! parent's row), and help. The data is owned here and rendered at the edge: [`render`]
//! holds the only use of miette in the workspace, so the rest of the code never depends on
//! how a terminal shows things.
//!
//! **Invariant:** rendering is deterministic. [`sort`] orders diagnostics by file, line,
//! column and code, and the renderer takes no colour, no links and a fixed width unless the
//! caller asks otherwise.

pub mod formats;
mod render;

pub use render::{render_human, RenderOptions, SourceLookup};

use serde::Serialize;
use std::fmt;

/// SHA-256 of some texts, each followed by a zero byte, in hex.
pub fn content_hash<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for text in texts {
        hasher.update(text.as_bytes());
        hasher.update([0u8]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The language messages are shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// Picks the language from a locale string such as `zh_CN.UTF-8` or `en_US`.
    /// Anything that is not English gets Chinese: the plans are Chinese.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

/// The Chinese or the English word, for `lang`.
pub fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The English word for a count of `n`: `one` or `many`.
pub fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Text for a Markdown table cell or line, escaped for Markdown rather than for HTML, so
/// that it reads the same pasted as plain text: `<10` stays `<10`, `R&D` stays `R&D`. Only
/// what Markdown would read as markup is neutralised: a `<` that could open a tag or an
/// autolink is written `&lt;` and a `&` that could spell an entity `&amp;` (every Markdown
/// reader honours those, not all honour `\<`); emphasis and link characters (so that plan
/// text makes no link and no image: `[批准](https://…)`, `![](https://…)`) and `|` (the
/// table) take CommonMark's backslash; a `#`, `>`, `-` or `+` and a space at the start is
/// escaped too. A web address (`https://…`, `www.…`) is shown as code, which a Markdown
/// reader (GitHub's autolinks) does not turn into a link. Line breaks are `<br>`.
pub fn markdown_cell(text: &str) -> String {
    let text = text.replace('\r', "");
    // One `~` is a range (5~10); two may strike through what lies between them.
    let tildes = text.chars().filter(|&c| c == '~').count() > 1;
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text.as_str();
    let mut first = true;
    while let Some((start, end)) = next_address(rest) {
        markdown_escape(&mut out, &rest[..start], tildes, first);
        out.push_str(&markdown_code(&rest[start..end]));
        rest = &rest[end..];
        first = false;
    }
    markdown_escape(&mut out, rest, tildes, first);
    out
}

/// Escapes `text` into `out` as [`markdown_cell`] says; `at_start`: the text opens the line.
fn markdown_escape(out: &mut String, text: &str, tildes: bool, at_start: bool) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let escape = match ch {
            // Backticks are left: our messages quote names as code, and a code span's
            // content is literal.
            '\\' | '*' | '_' | '[' | ']' | '|' => true,
            '~' => tildes,
            // `<` opens raw HTML or an autolink only before a letter, `/`, `!` or `?`.
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            // `&` spells an entity only as `&name;` or `&#…;` (R&D stays R&D).
            '&' => {
                let rest = &chars[i + 1..];
                let run = rest
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
                    .count();
                run > 0 && rest.get(run) == Some(&';')
            }
            // At the very start of a line, followed by a space, these open a quote, a
            // heading or a list. (A target such as `>90` or `-5%` stays as printed: the
            // renderers put plan text after a `|` or a prefix, never at a line's start.)
            '>' | '#' | '-' | '+' => at_start && i == 0 && next.is_none_or(|n| n == ' '),
            _ => false,
        };
        match ch {
            '\n' => out.push_str("<br>"),
            '<' if escape => out.push_str("&lt;"),
            '&' if escape => out.push_str("&amp;"),
            _ => {
                if escape {
                    out.push('\\');
                }
                out.push(ch);
            }
        }
    }
}

/// The first web address in `text` as GitHub's Markdown would link it: a scheme and
/// `://`, or `www.` at the start of a word, up to a space or a character outside ASCII.
fn next_address(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.');
    let start = (0..bytes.len()).find_map(|i| {
        let rest = &bytes[i..];
        if rest.starts_with(b"://") {
            let scheme = bytes[..i].iter().rev().take_while(|&&b| word(b)).count();
            (scheme > 0).then(|| i - scheme)
        } else if rest.len() >= 4
            && rest[..4].eq_ignore_ascii_case(b"www.")
            && (i == 0 || !word(bytes[i - 1]))
        {
            Some(i)
        } else {
            None
        }
    })?;
    let end = bytes[start..]
        .iter()
        .position(|b| !b.is_ascii_graphic())
        .map_or(bytes.len(), |n| start + n);
    Some((start, end))
}

/// A Markdown code span holding `text` as it is, fit for a table cell: its fence longer
/// than any run of backticks in it, `|` escaped (GitHub reads `\|` as `|` even in a code
/// span in a table), line breaks as spaces.
pub fn markdown_code(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ").replace('|', "\\|");
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if longest > 0 || text.starts_with(' ') || text.ends_with(' ') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// Whether a terminal would obey a character rather than show it: a C0 control other than
/// tab, line feed and carriage return (ESC starts colour, cursor and title commands; BEL
/// rings), DEL, or a C1 control (U+0080 to U+009F: U+009B is `ESC [`).
pub fn is_terminal_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || ('\u{7f}'..='\u{9f}').contains(&c)
}

/// Text for a terminal: every character a terminal would obey shown as `<U+001B>`, and a
/// carriage return not followed by a line feed too (it would let later text overwrite
/// what came before on the line). Text from a plan, a document, a file name or a rule
/// goes through it before a terminal sees it.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| is_terminal_control(c) || c == '\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_terminal_control(c) || (c == '\r' && chars.peek() != Some(&'\n')) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A message in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// How bad a diagnostic is. The order is from most to least severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The word a Chinese reader expects.
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a file: 1-based line and column (in characters), and a byte range.
///
/// A problem with the file as a whole (it cannot be read) has line 0 and column 0.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// The file as the user named it (relative where the user gave a relative path).
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// Byte offset of the start in the file's text.
    pub offset: usize,
    /// Length in bytes; 0 for a point.
    pub len: usize,
}

impl Location {
    /// The whole file, for problems that have no position (the file cannot be read).
    pub fn file(file: impl Into<String>) -> Location {
        Location {
            file: file.into(),
            line: 0,
            column: 0,
            offset: 0,
            len: 0,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.file)
        } else {
            write!(f, "{}:{}:{}", self.file, self.line, self.column)
        }
    }
}

/// A marked place with an optional short text shown under it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub location: Location,
    pub text: Option<Text>,
}

impl Label {
    pub fn new(location: Location) -> Label {
        Label {
            location,
            text: None,
        }
    }

    pub fn with_text(location: Location, text: Text) -> Label {
        Label {
            location,
            text: Some(text),
        }
    }
}

/// A place in another file that explains the finding, such as the parent's row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub message: Text,
    pub label: Label,
}

/// What a finding is about, as data rather than words: machine outputs give it beside the
/// message, exemptions match on it, and baselines record findings by it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Subject {
    /// The indicator's name as the plan prints it (for a row the plan lacks, as the
    /// ancestor prints it).
    pub indicator: Option<String>,
    /// The indicator's catalog id, where the catalog knows it.
    pub indicator_id: Option<String>,
    /// The section topic the finding is about (a topic a parent requires).
    pub section: Option<String>,
    /// The heading under which the target stated in the text stands, for a finding about
    /// a target in the body text.
    pub text_section: Option<String>,
}

impl Subject {
    /// The subject in a word, for a reader: the indicator's name, else the section topic.
    pub fn name(&self) -> Option<&str> {
        self.indicator.as_deref().or(self.section.as_deref())
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// A load problem code (`unknown-field`, …) or a rule id. Public API.
    pub code: String,
    pub severity: Severity,
    pub message: Text,
    pub primary: Label,
    pub related: Vec<Related>,
    pub help: Option<Text>,
    /// The id of the plan the finding is about, where known.
    pub plan: Option<String>,
    /// What the finding is about, as data: the indicator, the section topic, the heading
    /// of a text target. Exemptions match on it, and a baseline records findings by it, so
    /// that editing a plan's lines or rewording a message does not change either.
    pub subject: Subject,
    /// The plan's own reason, where its `exemptions` cover this finding. An exempted
    /// finding is still shown, but does not fail a check.
    pub exemption: Option<String>,
    /// The plan's own explanation of what the finding is about (a table note, a paragraph),
    /// shown beside it for the reviewer to weigh; it does not exempt the finding unless the
    /// repository's policy says so.
    pub explanation: Option<String>,
}

impl Diagnostic {
    pub fn new(code: impl Into<String>, severity: Severity, message: Text, at: Location) -> Self {
        Diagnostic {
            code: code.into(),
            severity,
            message,
            primary: Label::new(at),
            related: Vec::new(),
            help: None,
            plan: None,
            subject: Subject::default(),
            exemption: None,
            explanation: None,
        }
    }

    pub fn error(code: impl Into<String>, message: Text, at: Location) -> Self {
        Self::new(code, Severity::Error, message, at)
    }

    pub fn warning(code: impl Into<String>, message: Text, at: Location) -> Self {
        Self::new(code, Severity::Warning, message, at)
    }

    pub fn with_help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    pub fn with_label(mut self, text: Text) -> Self {
        self.primary.text = Some(text);
        self
    }

    pub fn with_plan(mut self, plan: impl Into<String>) -> Self {
        self.plan = Some(plan.into());
        self
    }

    pub fn with_indicator(mut self, indicator: impl Into<String>) -> Self {
        self.subject.indicator = Some(indicator.into());
        self
    }

    pub fn with_related(mut self, message: Text, label: Label) -> Self {
        self.related.push(Related { message, label });
        self
    }

    /// The key diagnostics are sorted by: file, line, column, code, then message.
    fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        let at = &self.primary.location;
        (&at.file, at.line, at.column, &self.code, &self.message.en)
    }
}

/// Sorts diagnostics into the order every output uses: file, line, column, code. Findings
/// that tie on those and the English message (another plan's, another Chinese wording,
/// one exempted) are ordered by all they hold, so that the order never depends on which
/// was found first (a check taken in batches finds them in another order).
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        a.sort_key().cmp(&b.sort_key()).then_with(|| {
            let whole = |d: &Diagnostic| serde_json::to_string(d).unwrap_or_default();
            whole(a).cmp(&whole(b))
        })
    });
}

/// Counts by severity, for summaries. Exempted findings are counted apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub exempted: usize,
}

impl Counts {
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Counts {
        let mut counts = Counts::default();
        for d in diagnostics {
            if d.exemption.is_some() {
                counts.exempted += 1;
                continue;
            }
            match d.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
        }
        counts
    }
}
