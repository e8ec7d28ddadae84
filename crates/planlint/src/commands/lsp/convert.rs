//! Between planlint's data and the protocol's: file URIs and paths, byte offsets and the
//! editor's positions (in the encoding agreed at start), and diagnostics.

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};
use planlint_diagnostics::{Diagnostic, Lang, Severity};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// How the editor counts columns: the protocol's default is UTF-16 code units; a client
/// may offer UTF-8 or UTF-32 (characters), which the server then prefers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding to use among those a client offers (none offered: UTF-16).
    pub fn choose(offered: &[String]) -> Encoding {
        if offered.iter().any(|e| e == "utf-32") {
            Encoding::Utf32
        } else if offered.iter().any(|e| e == "utf-8") {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Utf32 => "utf-32",
        }
    }

    fn width(self, ch: char) -> u32 {
        match self {
            Encoding::Utf8 => ch.len_utf8() as u32,
            Encoding::Utf16 => ch.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }
}

/// Where each line of a text starts, to turn byte offsets into positions and back.
#[derive(Debug)]
pub struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str, encoding: Encoding) -> Lines<'t> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines {
            text,
            starts,
            encoding,
        }
    }

    /// The position of byte `offset` (clamped to the text, and back to a character start).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = self.text[start..offset]
            .chars()
            .map(|c| self.encoding.width(c))
            .sum();
        Position::new(line as u32, character)
    }

    /// The byte offset of `position` (clamped to its line and to the text).
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(self.text.len(), |&e| e);
        let mut units = 0;
        for (i, ch) in self.text[start..end].char_indices() {
            if units >= position.character || ch == '\n' || ch == '\r' {
                return start + i;
            }
            units += self.encoding.width(ch);
        }
        end
    }

    /// The range of bytes `offset..offset + len`.
    pub fn range(&self, offset: usize, len: usize) -> Range {
        Range::new(self.position(offset), self.position(offset + len))
    }

    /// The line `line` (0-based) without its line break.
    pub fn line(&self, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line) else {
            return "";
        };
        let end = self.starts.get(line + 1).map_or(self.text.len(), |&e| e);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The byte offset where line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.text.len())
    }
}

/// The file a `file:` URI names; `None` for another scheme.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///C:/…` on Windows; `file:///home/…` elsewhere.
    let rest = match rest.strip_prefix('/') {
        Some(after) if after.as_bytes().get(1) == Some(&b':') => after,
        _ => rest,
    };
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(Ok(b)) = rest.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16)) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

/// The `file:` URI of a path (made absolute), every byte outside the unreserved set and
/// `/` percent-encoded.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

/// The texts of the files a check read, to place a related label in another file.
pub trait Texts {
    fn text(&self, name: &str) -> Option<&str>;
    fn path(&self, name: &str) -> Option<PathBuf>;
}

/// A planlint diagnostic in the protocol's terms, placed in `lines` (its own file's text);
/// its related labels are placed in the files `texts` gives. The rule's documentation is
/// linked where `docs` has a page for the code.
pub fn diagnostic(
    d: &Diagnostic,
    lines: &Lines,
    texts: &dyn Texts,
    lang: Lang,
    docs: &dyn Fn(&str) -> Option<Uri>,
) -> lsp_types::Diagnostic {
    let at = &d.primary.location;
    let range = if at.line == 0 {
        Range::default()
    } else {
        lines.range(at.offset, at.len)
    };
    let mut message = d.message.get(lang).to_string();
    if let Some(text) = &d.primary.text {
        message.push_str(&format!("\n{}", text.get(lang)));
    }
    if let Some(help) = &d.help {
        let word = planlint_diagnostics::pick(lang, "建议：", "help: ");
        message.push_str(&format!("\n{word}{}", help.get(lang)));
    }
    if let Some(reason) = &d.exemption {
        let word = planlint_diagnostics::pick(lang, "已豁免：", "exempted: ");
        message.push_str(&format!("\n{word}{reason}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let place = &r.label.location;
            let text = texts.text(&place.file)?;
            let uri = uri_of(&texts.path(&place.file)?)?;
            let range = Lines::new(text, lines.encoding).range(place.offset, place.len);
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri, range),
                message: r.message.get(lang).to_string(),
            })
        })
        .collect();
    let severity = match (d.exemption.is_some(), d.severity) {
        (true, _) | (_, Severity::Info) => DiagnosticSeverity::INFORMATION,
        (_, Severity::Error) => DiagnosticSeverity::ERROR,
        (_, Severity::Warning) => DiagnosticSeverity::WARNING,
    };
    lsp_types::Diagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.clone())),
        code_description: docs(&d.code).map(|href| CodeDescription { href }),
        source: Some("planlint".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        // What a code action needs to find the finding again: its code and subject.
        data: Some(serde_json::json!({
            "code": d.code,
            "indicator": d.subject.indicator,
            "indicator_id": d.subject.indicator_id,
            "section": d.subject.section,
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_in_the_agreed_encoding() {
        let text = "a: 人均\n𝄞x: 1\n";
        for (encoding, column) in [
            (Encoding::Utf8, 9),
            (Encoding::Utf16, 5),
            (Encoding::Utf32, 5),
        ] {
            let lines = Lines::new(text, encoding);
            let end = text.find('\n').unwrap_or(0);
            assert_eq!(lines.position(end), Position::new(0, column));
            assert_eq!(lines.offset(Position::new(0, column)), end);
        }
        let lines = Lines::new(text, Encoding::Utf16);
        let x = text.find('x').unwrap_or(0);
        assert_eq!(lines.position(x), Position::new(1, 2));
        assert_eq!(lines.offset(Position::new(1, 2)), x);
        // Past the line's end is the line's end; past the text is its end.
        assert_eq!(
            lines.offset(Position::new(0, 99)),
            text.find('\n').unwrap_or(0)
        );
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
    }

    #[test]
    fn file_uris_round_trip() {
        let path = Path::new("/tmp/规划 a#b/x.plan.yaml");
        let uri = uri_of(path).expect("a file URI");
        assert_eq!(
            uri.as_str(),
            "file:///tmp/%E8%A7%84%E5%88%92%20a%23b/x.plan.yaml"
        );
        assert_eq!(path_of(&uri).as_deref(), Some(path));
        let windows = Uri::from_str("file:///C:/plans/a.plan.yaml").expect("a URI");
        assert_eq!(
            path_of(&windows),
            Some(PathBuf::from("C:/plans/a.plan.yaml"))
        );
    }
}
