//! What a file is: the one decision every command makes the same way (`import`, `check`,
//! `report`, the desk), by the file's first bytes where they can say and by its name
//! otherwise.
//!
//! The content wins over the name because documents travel under wrong names: a Word
//! file renamed `.txt`, an RTF saved as `.doc`, a PDF attached as `.docx`. A plan file is
//! only ever known by its name (YAML has no signature), and a file whose name and bytes
//! say nothing is read as a plan file, as `check` has always read the paths it is given.

use std::path::Path;

/// How many bytes [`Kind::of`] looks at.
pub const HEAD: usize = 96;

/// What a file is, and so how it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A plan file (YAML).
    Plan,
    /// A Word document (.docx), read by this crate.
    Docx,
    /// Text in UTF-8, UTF-16 or GB18030, read by this crate.
    Text,
    /// A document LibreOffice converts to .docx before it is read.
    Office(Office),
    /// A PDF, read as the text poppler's `pdftotext -layout` gives.
    Pdf,
}

/// The formats LibreOffice converts to .docx for us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Office {
    /// Word 97–2003 (.doc), or a document encrypted with a password (the same container).
    Doc,
    /// WPS Office's own format (.wps).
    Wps,
    /// Rich Text Format (.rtf).
    Rtf,
    /// OpenDocument text (.odt).
    Odt,
}

impl Office {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Office::Doc => "doc",
            Office::Wps => "wps",
            Office::Rtf => "rtf",
            Office::Odt => "odt",
        }
    }
}

impl Kind {
    /// What a file is, from its name and its first bytes (at least [`HEAD`] of them where
    /// the file has that many).
    pub fn of(name: &str, head: &[u8]) -> Kind {
        let by_name = Kind::of_name(name);
        if head.starts_with(b"PK\x03\x04") {
            // An OpenDocument file stores its media type first, uncompressed, at byte 30.
            let odt = head.get(30..).is_some_and(|rest| {
                rest.starts_with(b"mimetypeapplication/vnd.oasis.opendocument.text")
            });
            return if odt {
                Kind::Office(Office::Odt)
            } else {
                Kind::Docx
            };
        }
        if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            return match by_name {
                Some(Kind::Office(Office::Wps)) => Kind::Office(Office::Wps),
                _ => Kind::Office(Office::Doc),
            };
        }
        if head.starts_with(b"{\\rtf") {
            return Kind::Office(Office::Rtf);
        }
        if head.starts_with(b"%PDF-") {
            return Kind::Pdf;
        }
        match by_name {
            // A .docx is a zip: what is not one is not a Word document, and is read as the
            // text it may be (the reader says so where it is not text either).
            Some(Kind::Docx) => Kind::Text,
            Some(kind) => kind,
            None => Kind::Plan,
        }
    }

    /// What a file's name says it is; `None` for a name that says nothing (no extension,
    /// or one planlint does not know).
    pub fn of_name(name: &str) -> Option<Kind> {
        let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "yaml" | "yml" => Kind::Plan,
            "docx" => Kind::Docx,
            "txt" => Kind::Text,
            "doc" => Kind::Office(Office::Doc),
            "wps" => Kind::Office(Office::Wps),
            "rtf" => Kind::Office(Office::Rtf),
            "odt" => Kind::Office(Office::Odt),
            "pdf" => Kind::Pdf,
            _ => return None,
        })
    }

    /// Whether this is a document (imported) rather than a plan file.
    pub fn is_document(self) -> bool {
        self != Kind::Plan
    }

    /// The short name of the format, as messages and the desk show it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Plan => "plan",
            Kind::Docx => "docx",
            Kind::Text => "text",
            Kind::Office(office) => office.extension(),
            Kind::Pdf => "pdf",
        }
    }

    /// The extension a file of this kind is given when it is written under a name of our
    /// own (the desk's uploads), with the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Plan => ".plan.yaml",
            Kind::Docx => ".docx",
            Kind::Text => ".txt",
            Kind::Office(Office::Doc) => ".doc",
            Kind::Office(Office::Wps) => ".wps",
            Kind::Office(Office::Rtf) => ".rtf",
            Kind::Office(Office::Odt) => ".odt",
            Kind::Pdf => ".pdf",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_decides_where_it_can_and_the_name_otherwise() {
        let cases: [(&str, &[u8], Kind); 14] = [
            ("a.txt", b"PK\x03\x04rest", Kind::Docx),
            ("a.docx", b"PK\x03\x04rest", Kind::Docx),
            ("a.docx", b"plain text", Kind::Text),
            ("a.plan.yaml", b"planlint: 1", Kind::Plan),
            ("A.YML", b"planlint: 1", Kind::Plan),
            ("a.txt", b"\x89PNG\r\n", Kind::Text),
            ("notes", b"id: x", Kind::Plan),
            (
                "a.doc",
                b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0",
                Kind::Office(Office::Doc),
            ),
            (
                "a.WPS",
                b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0",
                Kind::Office(Office::Wps),
            ),
            ("a.doc", b"{\\rtf1\\ansi", Kind::Office(Office::Rtf)),
            ("a.docx", b"%PDF-1.7\n", Kind::Pdf),
            ("a.pdf", b"", Kind::Pdf),
            ("a.plan.yaml", b"{\\rtf1", Kind::Office(Office::Rtf)),
            ("a.RTF", b"hello", Kind::Office(Office::Rtf)),
        ];
        for (name, head, kind) in cases {
            assert_eq!(Kind::of(name, head), kind, "{name}");
        }
        let mut odt = b"PK\x03\x04".to_vec();
        odt.resize(30, 0);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(Kind::of("x.docx", &odt), Kind::Office(Office::Odt));
    }
}
