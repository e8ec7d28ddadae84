//! Word documents (.docx) read into a [`Document`]: body paragraphs with the outline level
//! of their heading style, and real tables (`w:tbl`) with merged cells repeated.
//!
//! A .docx is a zip archive. The main part (found through `_rels/.rels`, normally
//! `word/document.xml`) holds the body; `word/styles.xml` says which paragraph styles are
//! headings. Both are streamed through `quick-xml` with namespaces resolved, so a document
//! that binds WordprocessingML to another prefix, or uses the Strict namespace, reads the
//! same.
//!
//! What is read, and what is left out on purpose:
//!
//! - Paragraph text is the concatenation of its runs' `w:t`; `w:tab` and `w:ptab` give a
//!   tab, `w:br` and `w:cr` a space (a plan's paragraph is one line for the importer), a
//!   non-breaking hyphen a `-`, a soft hyphen nothing, `w:sym` its character (Symbol-font
//!   codes such as ≥ ≤ ± × are mapped).
//! - Tracked changes are read as accepted: inserted (`w:ins`, `w:moveTo`) text is kept,
//!   deleted (`w:del`, `w:delText`, `w:moveFrom`) text is not, and the old properties kept
//!   in `w:pPrChange` and its kind do not count.
//! - Field codes (`w:instrText`, e.g. `TOC \o "1-3"`) are dropped and field results kept;
//!   hidden runs (`w:vanish`) are dropped.
//! - Drawings, pictures, embedded objects and the text boxes inside them are skipped: they
//!   float outside the reading order. Of `mc:AlternateContent`, the first `mc:Choice` is
//!   read and the fallback is not, so nothing is read twice.
//! - Headers, footers, footnotes and comments are other parts and are not read.
//!
//! Hostile input ends in a [`DocxError`], never a panic: entries are read through a size
//! cap and a compression-ratio check that look at the bytes actually inflated (the sizes
//! in the zip headers are not trusted), element nesting is bounded, and the text produced
//! (merged cells repeat their text) has a budget. See [`Limits`].

use crate::document::{Block, Cell, Document, Origin, Para, Table};
use crate::encoding::is_forbidden_char;
use crate::numbering::{Counters, Numbering, Suffix};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::io::{Cursor, Read};

/// Bounds on what reading one .docx may cost. [`Limits::default`] suits real plans, which
/// are a few megabytes at most.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes read out of any one zip entry once inflated (default 64 MiB).
    pub max_part_size: u64,
    /// The most an entry may expand: bytes inflated so far per byte of the entry's
    /// compressed size, checked while inflating once more than 1 MiB has come out
    /// (default 200; Word's XML compresses 5 to 30 times, a zip bomb about 1,000 times).
    /// The compressed size is the header's, but never more than the archive's length.
    pub max_ratio: u64,
    /// The deepest element nesting accepted in a part (default 256; Word writes about 20,
    /// tables in tables a few more).
    pub max_depth: usize,
    /// The most text, in bytes, the document may expand to once merged cells are repeated,
    /// counting 64 bytes for every paragraph and cell (default 128 MiB).
    pub max_text: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_part_size: 64 << 20,
            max_ratio: 200,
            max_depth: 256,
            max_text: 128 << 20,
        }
    }
}

/// Inflated bytes below which the compression ratio is not checked: a small part may
/// compress very well without being a threat.
const RATIO_FLOOR: u64 = 1 << 20;

/// Grid columns beyond this in one table row are dropped (a `w:gridSpan` of four billion
/// must not become four billion cells). Word itself allows 63.
const MAX_COLUMNS: u32 = 1024;

/// How far a chain of `w:basedOn` is followed (it may loop).
const MAX_STYLE_CHAIN: usize = 32;

/// Cost charged to the text budget for each paragraph or cell besides its text.
const BLOCK_COST: usize = 64;

/// Why a .docx could not be read. [`DocxError::message`] says it in Chinese and English;
/// the part name and byte offset are kept for errors inside a part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocxError {
    /// The bytes are not a zip archive; `what` names what they look like instead, when
    /// that is known (English, Chinese).
    NotZip {
        what: Option<(&'static str, &'static str)>,
        detail: String,
    },
    /// A zip archive without the main document part; `what` names the kind of file it
    /// looks like (an Excel workbook, an OpenDocument text …) when that is known.
    MissingDocument {
        part: String,
        what: Option<(&'static str, &'static str)>,
    },
    /// The zip archive is damaged, encrypted or uses a compression method other than
    /// stored or deflate.
    Zip { part: String, detail: String },
    /// A part inflates to more than [`Limits::max_part_size`].
    TooLarge { part: String, limit: u64 },
    /// A part expands more than [`Limits::max_ratio`] times.
    Ratio {
        part: String,
        inflated: u64,
        compressed: u64,
        limit: u64,
    },
    /// A part is not UTF-8 (nor UTF-16 with a byte-order mark).
    NotUtf8 { part: String, offset: usize },
    /// A part is not well-formed XML.
    Xml {
        part: String,
        offset: usize,
        detail: String,
    },
    /// A part nests elements deeper than [`Limits::max_depth`].
    TooDeep {
        part: String,
        offset: usize,
        limit: usize,
    },
    /// The document's text, merged cells repeated, exceeds [`Limits::max_text`].
    TooMuchText { limit: usize },
    /// Text holds a control character (written as it is, or as a character reference such
    /// as `&#27;`) that a text file may not hold either: a C0 control other than tab, line
    /// feed and carriage return, DEL, or a C1 control.
    Control {
        part: String,
        offset: usize,
        code: u32,
    },
}

impl DocxError {
    /// The byte offset in the part where reading went wrong, for errors inside a part.
    pub fn offset(&self) -> Option<usize> {
        match *self {
            DocxError::NotUtf8 { offset, .. }
            | DocxError::Xml { offset, .. }
            | DocxError::TooDeep { offset, .. }
            | DocxError::Control { offset, .. } => Some(offset),
            _ => None,
        }
    }

    /// The message in Chinese and in English.
    pub fn message(&self) -> (String, String) {
        match self {
            DocxError::NotZip {
                what: Some((en, zh)),
                ..
            } => (
                format!("不是 .docx 文件：这是{zh}"),
                format!("not a .docx: this is {en}"),
            ),
            DocxError::NotZip { what: None, detail } => (
                format!("不是 .docx 文件：不是 ZIP 压缩包（{detail}）"),
                format!("not a .docx: not a zip archive ({detail})"),
            ),
            DocxError::MissingDocument { part, what } => {
                let (zh, en) = match what {
                    Some((en, zh)) => (format!("；它像是{zh}"), format!("; it looks like {en}")),
                    None => (String::new(), String::new()),
                };
                (
                    format!("不是 .docx 文件：压缩包中没有 {part}{zh}"),
                    format!("not a .docx: the zip archive has no {part}{en}"),
                )
            }
            DocxError::Zip { part, detail } => (
                format!("损坏的 .docx 文件：{part}：{detail}"),
                format!("damaged .docx: {part}: {detail}"),
            ),
            DocxError::TooLarge { part, limit } => {
                let mib = limit >> 20;
                (
                    format!("拒绝读取 .docx：{part} 解压后超过 {mib} MiB（可能是压缩炸弹）"),
                    format!("refused .docx: {part} is larger than {mib} MiB uncompressed (a zip bomb?)"),
                )
            }
            DocxError::Ratio {
                part,
                inflated,
                compressed,
                limit,
            } => (
                format!("拒绝读取 .docx：{part} 的压缩比超过 {limit} 倍（{compressed} 字节解压出 {inflated} 字节以上，可能是压缩炸弹）"),
                format!("refused .docx: {part} expands more than {limit} times ({inflated} bytes and more from {compressed}; a zip bomb?)"),
            ),
            DocxError::NotUtf8 { part, offset } => (
                format!("损坏的 .docx 文件：{part} 不是 UTF-8 文本（第 {offset} 字节无效）"),
                format!("damaged .docx: {part} is not UTF-8 text (invalid at byte {offset})"),
            ),
            DocxError::Xml {
                part,
                offset,
                detail,
            } => (
                format!("损坏的 .docx 文件：{part} 第 {offset} 字节处 XML 格式错误：{detail}"),
                format!("damaged .docx: {part} is not well-formed XML at byte {offset}: {detail}"),
            ),
            DocxError::TooDeep {
                part,
                offset,
                limit,
            } => (
                format!("拒绝读取 .docx：{part} 的元素嵌套超过 {limit} 层（第 {offset} 字节）"),
                format!("refused .docx: {part} nests elements more than {limit} deep (at byte {offset})"),
            ),
            DocxError::Control { part, offset, code } => (
                format!("拒绝读取 .docx：{part} 第 {offset} 字节处的文字含控制字符 U+{code:04X}，文档正文不含控制字符"),
                format!("refused .docx: the text of {part} holds the control character U+{code:04X} (at byte {offset}); a document's text holds none"),
            ),
            DocxError::TooMuchText { limit } => {
                let mib = limit >> 20;
                (
                    format!("拒绝读取 .docx：重复合并单元格后文字超过 {mib} MiB"),
                    format!("refused .docx: more than {mib} MiB of text once merged table cells are repeated"),
                )
            }
        }
    }
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().1)
    }
}

impl std::error::Error for DocxError {}

/// Reads a .docx from its bytes, within [`Limits::default`].
pub fn read_docx(bytes: &[u8]) -> Result<Document, DocxError> {
    read_docx_with(bytes, &Limits::default())
}

/// Reads a .docx from its bytes, within the given limits.
pub fn read_docx_with(bytes: &[u8], limits: &Limits) -> Result<Document, DocxError> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotZip {
        what: sniff(bytes),
        detail: e.to_string(),
    })?;
    let mut archive = Archive {
        zip,
        len: bytes.len() as u64,
    };
    let main = main_part(&mut archive, limits)?;
    let Some(document) = read_part(&mut archive, &main, limits)? else {
        return Err(DocxError::MissingDocument {
            what: other_format(&archive),
            part: main,
        });
    };
    let styles = match related_part(&mut archive, &main, "/styles", "styles.xml", limits)? {
        Some((xml, name)) => Styles::parse(&xml, &name, limits)?,
        None => Styles::default(),
    };
    let numbering = match related_part(&mut archive, &main, "/numbering", "numbering.xml", limits)?
    {
        Some((xml, name)) => Numbering::parse(&xml, &name, limits)?,
        None => Numbering::default(),
    };
    let mut notes = Notes::default();
    for (kind, relation, file) in [
        ('f', "/footnotes", "footnotes.xml"),
        ('e', "/endnotes", "endnotes.xml"),
    ] {
        if let Some((xml, name)) = related_part(&mut archive, &main, relation, file, limits)? {
            notes.parse(kind, &xml, &name, limits)?;
        }
    }
    let parts = Parts {
        styles,
        numbering,
        notes,
    };
    read_body(&document, &main, &parts, limits)
}

/// Reads the XML parts of a .docx already taken out of the zip: the main document part
/// (`word/document.xml`) and, when there is one, `word/styles.xml`. [`read_docx`] does
/// this after unzipping; fuzzing and tests use it to reach the XML directly.
pub fn read_parts(
    document_xml: &[u8],
    styles_xml: Option<&[u8]>,
    limits: &Limits,
) -> Result<Document, DocxError> {
    read_all_parts(document_xml, styles_xml, None, None, limits)
}

/// Like [`read_parts`], with `word/numbering.xml` and `word/footnotes.xml` too.
pub fn read_all_parts(
    document_xml: &[u8],
    styles_xml: Option<&[u8]>,
    numbering_xml: Option<&[u8]>,
    footnotes_xml: Option<&[u8]>,
    limits: &Limits,
) -> Result<Document, DocxError> {
    let styles = match styles_xml {
        Some(xml) => Styles::parse(xml, "word/styles.xml", limits)?,
        None => Styles::default(),
    };
    let numbering = match numbering_xml {
        Some(xml) => Numbering::parse(xml, "word/numbering.xml", limits)?,
        None => Numbering::default(),
    };
    let mut notes = Notes::default();
    if let Some(xml) = footnotes_xml {
        notes.parse('f', xml, "word/footnotes.xml", limits)?;
    }
    let parts = Parts {
        styles,
        numbering,
        notes,
    };
    read_body(document_xml, "word/document.xml", &parts, limits)
}

/// The zip archive of a .docx, and its length in bytes.
struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    len: u64,
}

/// What bytes that are not a zip archive look like, for the message.
fn sniff(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.is_empty() {
        return Some(("an empty file", "空文件"));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some((
            "an old-format Word file (.doc, .wps) or a password-protected document: open it in Word or WPS and save it as .docx without a password",
            "旧版 Word 文件（.doc、.wps）或加密文档：请用 Word 或 WPS 打开并另存为不加密的 .docx",
        ));
    }
    if bytes.starts_with(b"%PDF-") {
        return Some((
            "a PDF: use the .docx it was made from",
            " PDF 文件：请使用生成它的 .docx",
        ));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some((
            "an RTF document: open it in Word or WPS and save it as .docx",
            " RTF 文档：请用 Word 或 WPS 打开并另存为 .docx",
        ));
    }
    if crate::encoding::decode(bytes).is_ok() {
        return Some((
            "a text file: give it the .txt extension",
            "文本文件：请使用 .txt 扩展名",
        ));
    }
    None
}

/// What a zip archive without a Word document looks like, by its parts.
fn other_format(archive: &Archive<'_>) -> Option<(&'static str, &'static str)> {
    let has = |name: &str| archive.zip.index_for_name(name).is_some();
    if has("xl/workbook.xml") {
        Some(("an Excel workbook (.xlsx)", " Excel 工作簿（.xlsx）"))
    } else if has("ppt/presentation.xml") {
        Some((
            "a PowerPoint presentation (.pptx)",
            " PowerPoint 演示文稿（.pptx）",
        ))
    } else if has("content.xml") && has("mimetype") {
        Some((
            "an OpenDocument file (.odt): save it as .docx",
            " OpenDocument 文件（.odt）：请另存为 .docx",
        ))
    } else {
        None
    }
}

/// Reads one zip entry through the limits. `Ok(None)` when the archive has no such entry.
///
/// The entry's declared sizes are not trusted: nothing is allocated from them, and the
/// size cap and the ratio are checked on the bytes inflated so far, as they come.
fn read_part(
    archive: &mut Archive<'_>,
    name: &str,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, DocxError> {
    let zip_error = |e: &dyn fmt::Display| DocxError::Zip {
        part: name.to_string(),
        detail: e.to_string(),
    };
    let mut entry = match archive.zip.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(zip_error(&e)),
    };
    // The entry's data lies inside the archive, whatever its header says.
    let compressed = entry.compressed_size().clamp(1, archive.len.max(1));
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 << 10];
    loop {
        let n = match entry.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(zip_error(&e)),
        };
        let inflated = out.len() as u64 + n as u64;
        if inflated > limits.max_part_size {
            return Err(DocxError::TooLarge {
                part: name.to_string(),
                limit: limits.max_part_size,
            });
        }
        if inflated > RATIO_FLOOR && inflated > compressed.saturating_mul(limits.max_ratio) {
            return Err(DocxError::Ratio {
                part: name.to_string(),
                inflated,
                compressed,
                limit: limits.max_ratio,
            });
        }
        out.extend_from_slice(buf.get(..n).unwrap_or(&[]));
    }
    Ok(Some(out))
}

/// The main document part: the target of the package's `officeDocument` relationship,
/// or `word/document.xml` when the package has no relationships part.
fn main_part(archive: &mut Archive<'_>, limits: &Limits) -> Result<String, DocxError> {
    const DEFAULT: &str = "word/document.xml";
    let Some(rels) = read_part(archive, "_rels/.rels", limits)? else {
        return Ok(DEFAULT.to_string());
    };
    let target = relationship(&rels, "_rels/.rels", "/officeDocument", limits)?;
    Ok(target.map_or_else(|| DEFAULT.to_string(), |t| resolve_target("", &t)))
}

/// A part the main part relates to (styles, numbering, footnotes), by the relationship's
/// type, or `default_file` beside the main part when it has no relationships. `None` when
/// there is no such part; its bytes and name otherwise.
fn related_part(
    archive: &mut Archive<'_>,
    main: &str,
    type_suffix: &str,
    default_file: &str,
    limits: &Limits,
) -> Result<Option<(Vec<u8>, String)>, DocxError> {
    let (dir, file) = main.rsplit_once('/').map_or(("", main), |(d, f)| (d, f));
    let dir = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let rels_name = format!("{dir}_rels/{file}.rels");
    let target = match read_part(archive, &rels_name, limits)? {
        Some(rels) => relationship(&rels, &rels_name, type_suffix, limits)?,
        None => None,
    };
    let name = target.map_or_else(
        || format!("{dir}{default_file}"),
        |t| resolve_target(&dir, &t),
    );
    if archive.zip.index_for_name(&name).is_none() {
        return Ok(None);
    }
    Ok(read_part(archive, &name, limits)?.map(|xml| (xml, name)))
}

/// The target of the first internal relationship whose type ends with `type_suffix`.
fn relationship(
    xml: &[u8],
    part: &str,
    type_suffix: &str,
    limits: &Limits,
) -> Result<Option<String>, DocxError> {
    let text = xml_text(xml, part)?;
    let mut xml = XmlPart::new(&text, part, limits);
    loop {
        match xml.next()? {
            Ev::Start(_, e) | Ev::Empty(_, e) if e.local_name().as_ref() == "Relationship" => {
                let kind = xml.plain_attr(&e, "Type")?.unwrap_or_default();
                let external = xml
                    .plain_attr(&e, "TargetMode")?
                    .is_some_and(|m| m.eq_ignore_ascii_case("External"));
                if kind.ends_with(type_suffix) && !external {
                    if let Some(target) = xml.plain_attr(&e, "Target")? {
                        return Ok(Some(target));
                    }
                }
            }
            Ev::Eof => return Ok(None),
            _ => {}
        }
    }
}

/// A relationship target as a zip entry name: relative to `dir` (ending with `/`, or
/// empty for the package root) unless it starts with `/`; `.` and `..` resolved.
fn resolve_target(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// A part's bytes as text: UTF-8 (a BOM dropped), or UTF-16 with a BOM.
pub(crate) fn xml_text<'a>(bytes: &'a [u8], part: &str) -> Result<Cow<'a, str>, DocxError> {
    for (bom, encoding) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return encoding
                .decode_without_bom_handling_and_without_replacement(rest)
                .map(|t| Cow::Owned(t.into_owned()))
                .ok_or_else(|| DocxError::NotUtf8 {
                    part: part.to_string(),
                    offset: 0,
                });
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|e| DocxError::NotUtf8 {
            part: part.to_string(),
            offset: e.valid_up_to(),
        })
}

/// The elements the readers act on. Everything else is [`Tag::Other`] (walked through) or
/// [`Tag::Skip`] (its whole subtree ignored).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    Body,
    P,
    PPr,
    PStyle,
    OutlineLvl,
    R,
    RPr,
    Vanish,
    T,
    Tab,
    Br,
    NoBreakHyphen,
    Sym,
    Tbl,
    Tr,
    TrPr,
    GridBefore,
    Tc,
    TcPr,
    GridSpan,
    VMerge,
    HMerge,
    AlternateContent,
    Choice,
    Style,
    Name,
    BasedOn,
    /// `w:txbxContent`: the body of a text box, read where its anchor is.
    TextBox,
    VertAlign,
    RStyle,
    /// `w:footnoteReference` or `w:endnoteReference`.
    NoteRef,
    NumPr,
    Ilvl,
    NumId,
    AbstractNum,
    Num,
    Lvl,
    Start,
    NumFmt,
    LvlText,
    LvlRestart,
    IsLgl,
    Suff,
    AbstractNumId,
    LvlOverride,
    StartOverride,
    /// `w:footnote` or `w:endnote` in the notes parts.
    Note,
    Skip,
    Other,
}

/// WordprocessingML, transitional and strict.
fn is_w(ns: &str) -> bool {
    ns == "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        || ns == "http://purl.oclc.org/ooxml/wordprocessingml/main"
}

const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

fn classify(ns: &ResolveResult<'_>, local: &str) -> Tag {
    match ns {
        ResolveResult::Bound(ns) if is_w(ns.0) => match local {
            "body" => Tag::Body,
            "p" => Tag::P,
            "pPr" => Tag::PPr,
            "pStyle" => Tag::PStyle,
            "outlineLvl" => Tag::OutlineLvl,
            "r" => Tag::R,
            "rPr" => Tag::RPr,
            "vanish" => Tag::Vanish,
            "t" => Tag::T,
            "tab" | "ptab" => Tag::Tab,
            "br" | "cr" => Tag::Br,
            "noBreakHyphen" => Tag::NoBreakHyphen,
            "sym" => Tag::Sym,
            "tbl" => Tag::Tbl,
            "tr" => Tag::Tr,
            "trPr" => Tag::TrPr,
            "gridBefore" => Tag::GridBefore,
            "tc" => Tag::Tc,
            "tcPr" => Tag::TcPr,
            "gridSpan" => Tag::GridSpan,
            "vMerge" => Tag::VMerge,
            "hMerge" => Tag::HMerge,
            "style" => Tag::Style,
            "name" => Tag::Name,
            "basedOn" => Tag::BasedOn,
            "txbxContent" => Tag::TextBox,
            "vertAlign" => Tag::VertAlign,
            "rStyle" => Tag::RStyle,
            "footnoteReference" | "endnoteReference" => Tag::NoteRef,
            "numPr" => Tag::NumPr,
            "ilvl" => Tag::Ilvl,
            "numId" => Tag::NumId,
            "abstractNum" => Tag::AbstractNum,
            "num" => Tag::Num,
            "lvl" => Tag::Lvl,
            "start" => Tag::Start,
            "numFmt" => Tag::NumFmt,
            "lvlText" => Tag::LvlText,
            "lvlRestart" => Tag::LvlRestart,
            "isLgl" => Tag::IsLgl,
            "suff" => Tag::Suff,
            "abstractNumId" => Tag::AbstractNumId,
            "lvlOverride" => Tag::LvlOverride,
            "startOverride" => Tag::StartOverride,
            "footnote" | "endnote" => Tag::Note,
            // Deleted and moved-away text, field codes, embedded objects, and the old
            // properties that tracked changes keep. Drawings and VML pictures are walked
            // through: the only WordprocessingML text inside them is a text box's.
            "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" | "object"
            | "fldData" | "pPrChange" | "rPrChange" | "tblPrChange" | "trPrChange"
            | "tcPrChange" | "sectPrChange" | "tblGridChange" | "numberingChange" => Tag::Skip,
            _ => Tag::Other,
        },
        ResolveResult::Bound(ns) if ns.0 == MC => match local {
            "AlternateContent" => Tag::AlternateContent,
            "Choice" => Tag::Choice,
            "Fallback" => Tag::Skip,
            _ => Tag::Other,
        },
        _ => Tag::Other,
    }
}

/// An event of a part, names already resolved to [`Tag`]s.
pub(crate) enum Ev<'a> {
    Start(Tag, BytesStart<'a>),
    Empty(Tag, BytesStart<'a>),
    End,
    Text(Cow<'a, str>),
    Eof,
}

/// A part being read: the namespace-aware reader, its name for messages, and the depth
/// bound.
pub(crate) struct XmlPart<'a> {
    reader: NsReader<&'a [u8]>,
    part: &'a str,
    depth: usize,
    max_depth: usize,
}

impl<'a> XmlPart<'a> {
    pub(crate) fn new(text: &'a str, part: &'a str, limits: &Limits) -> Self {
        XmlPart {
            reader: NsReader::from_str(text),
            part,
            depth: 0,
            max_depth: limits.max_depth,
        }
    }

    fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    fn error(&self, offset: usize, detail: impl fmt::Display) -> DocxError {
        DocxError::Xml {
            part: self.part.to_string(),
            offset,
            detail: detail.to_string(),
        }
    }

    /// The next event that matters: start, empty and end tags, and text (character data,
    /// CDATA and resolved references). Declarations, comments and processing instructions
    /// are passed over.
    pub(crate) fn next(&mut self) -> Result<Ev<'a>, DocxError> {
        loop {
            let (ns, event) = match self.reader.read_resolved_event() {
                Ok(pair) => pair,
                Err(e) => {
                    let at = usize::try_from(self.reader.error_position()).unwrap_or(usize::MAX);
                    return Err(self.error(at, e));
                }
            };
            let ev = match event {
                Event::Start(e) => {
                    let tag = classify(&ns, e.local_name().into_inner());
                    self.depth += 1;
                    if self.depth > self.max_depth {
                        return Err(DocxError::TooDeep {
                            part: self.part.to_string(),
                            offset: self.position(),
                            limit: self.max_depth,
                        });
                    }
                    Ev::Start(tag, e)
                }
                Event::Empty(e) => Ev::Empty(classify(&ns, e.local_name().into_inner()), e),
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    Ev::End
                }
                Event::Text(t) => Ev::Text(t.xml10_content()),
                Event::CData(c) => Ev::Text(c.into_inner()),
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(Cow::Owned(c.to_string())),
                        Ok(None) => {
                            quick_xml::escape::resolve_predefined_entity(&r).map(Cow::Borrowed)
                        }
                        Err(_) => None,
                    };
                    match resolved {
                        Some(text) => Ev::Text(text),
                        None => {
                            let at = self.position();
                            return Err(self.error(
                                at,
                                format_args!("unknown entity or character reference &{};", &*r),
                            ));
                        }
                    }
                }
                Event::Eof => {
                    if self.depth > 0 {
                        let at = self.position();
                        return Err(self.error(
                            at,
                            format_args!(
                                "the document ends with {} elements still open",
                                self.depth
                            ),
                        ));
                    }
                    Ev::Eof
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => continue,
            };
            if let Ev::Text(text) = &ev {
                if let Some(c) = text
                    .chars()
                    .find(|&c| c != '\t' && c != '\n' && c != '\r' && is_forbidden_char(c))
                {
                    return Err(DocxError::Control {
                        part: self.part.to_string(),
                        offset: self.position(),
                        code: u32::from(c),
                    });
                }
            }
            return Ok(ev);
        }
    }

    /// The value of the WordprocessingML attribute `w:<local>` (any prefix bound to the
    /// namespace), unescaped.
    pub(crate) fn w_attr(
        &self,
        e: &BytesStart<'_>,
        local: &str,
    ) -> Result<Option<String>, DocxError> {
        for attr in e.attributes() {
            let attr = attr.map_err(|err| self.error(self.position(), err))?;
            let (ns, name) = self.reader.resolver().resolve_attribute(attr.key);
            let in_w = matches!(&ns, ResolveResult::Bound(n) if is_w(n.0));
            if in_w && name.into_inner() == local {
                let value = attr
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|err| self.error(self.position(), err))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    /// The value of an attribute without a prefix (as in relationship parts), unescaped.
    fn plain_attr(&self, e: &BytesStart<'_>, name: &str) -> Result<Option<String>, DocxError> {
        for attr in e.attributes() {
            let attr = attr.map_err(|err| self.error(self.position(), err))?;
            if attr.key.into_inner() == name {
                let value = attr
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|err| self.error(self.position(), err))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }
}

/// An on/off property (`w:vanish`, …): on unless `w:val` says false.
pub(crate) fn is_on(val: Option<&str>) -> bool {
    !matches!(val, Some("0" | "false" | "off"))
}

/// A `w:outlineLvl` value: `Some(Some(n))` for outline level n (1 to 9), `Some(None)` for
/// body text (9 in the file), `None` when unreadable.
fn outline_value(val: Option<&str>) -> Option<Option<u8>> {
    match val?.trim().parse::<u8>().ok()? {
        v @ 0..=8 => Some(Some(v + 1)),
        _ => Some(None),
    }
}

/// The outline level a built-in heading style's name gives: "heading 1" … "heading 9"
/// as Word stores them, and the localised "标题 1" / "標題 1" that WPS and some converters
/// write. The style "标题" without a number is the document title, not a heading.
fn heading_name_level(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let rest = ["heading", "标题", "標題"]
        .iter()
        .find_map(|prefix| lower.strip_prefix(prefix))?;
    match rest.trim() {
        n @ ("1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9") => n.parse().ok(),
        _ => None,
    }
}

/// A paragraph style as far as outline levels and list numbering go, or a character style
/// as far as superscript goes.
#[derive(Clone, Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<Option<u8>>,
    /// The style's `w:numPr`: its list (`w:numId`) and level (`w:ilvl`), each if given.
    num_id: Option<String>,
    ilvl: Option<u8>,
    /// A character style's `w:vertAlign`: whether it raises text as a superscript.
    superscript: Option<bool>,
}

/// The paragraph and character styles of `word/styles.xml`, by style id.
#[derive(Clone, Debug, Default)]
struct Styles {
    by_id: BTreeMap<String, Style>,
    characters: BTreeMap<String, Style>,
    default_paragraph: Option<String>,
}

impl Styles {
    fn parse(bytes: &[u8], part: &str, limits: &Limits) -> Result<Styles, DocxError> {
        let text = xml_text(bytes, part)?;
        let mut xml = XmlPart::new(&text, part, limits);
        let mut styles = Styles::default();
        let mut stack: Vec<Tag> = Vec::new();
        let mut skip = 0usize;
        // The style being read: its id, what it says, and whether it is a character style.
        let mut current: Option<(String, Style, bool)> = None;
        let finish = |styles: &mut Styles, current: &mut Option<(String, Style, bool)>| {
            if let Some((id, style, character)) = current.take() {
                let map = if character {
                    &mut styles.characters
                } else {
                    &mut styles.by_id
                };
                map.entry(id).or_insert(style);
            }
        };
        loop {
            let (tag, e, empty) = match xml.next()? {
                Ev::Eof => break,
                Ev::Text(_) => continue,
                Ev::End => {
                    if skip > 0 {
                        skip -= 1;
                    } else if stack.pop() == Some(Tag::Style) {
                        finish(&mut styles, &mut current);
                    }
                    continue;
                }
                Ev::Start(tag, e) => (tag, e, false),
                Ev::Empty(tag, e) => (tag, e, true),
            };
            if skip > 0 || tag == Tag::Skip {
                skip += usize::from(!empty);
                continue;
            }
            let parent = stack.last().copied();
            let grandparent = stack
                .len()
                .checked_sub(2)
                .and_then(|i| stack.get(i))
                .copied();
            match tag {
                Tag::Style if current.is_none() => {
                    let kind = xml.w_attr(&e, "type")?;
                    let is_paragraph = kind.as_deref().is_none_or(|t| t == "paragraph");
                    let is_character = kind.as_deref() == Some("character");
                    let id = xml.w_attr(&e, "styleId")?;
                    if let (true, Some(id)) = (is_paragraph || is_character, id) {
                        let default = xml.w_attr(&e, "default")?;
                        if is_paragraph && default.is_some() && is_on(default.as_deref()) {
                            styles.default_paragraph.get_or_insert_with(|| id.clone());
                        }
                        current = Some((id, Style::default(), is_character));
                    }
                }
                Tag::Name if parent == Some(Tag::Style) => {
                    if let Some((_, style, _)) = current.as_mut() {
                        style.name = xml.w_attr(&e, "val")?.unwrap_or_default();
                    }
                }
                Tag::BasedOn if parent == Some(Tag::Style) => {
                    if let Some((_, style, _)) = current.as_mut() {
                        style.based_on = xml.w_attr(&e, "val")?;
                    }
                }
                Tag::OutlineLvl if parent == Some(Tag::PPr) => {
                    if let Some((_, style, _)) = current.as_mut() {
                        style.outline = outline_value(xml.w_attr(&e, "val")?.as_deref());
                    }
                }
                Tag::NumId if parent == Some(Tag::NumPr) && grandparent == Some(Tag::PPr) => {
                    if let Some((_, style, _)) = current.as_mut() {
                        style.num_id = xml.w_attr(&e, "val")?;
                    }
                }
                Tag::Ilvl if parent == Some(Tag::NumPr) && grandparent == Some(Tag::PPr) => {
                    if let Some((_, style, _)) = current.as_mut() {
                        style.ilvl = level_value(xml.w_attr(&e, "val")?.as_deref());
                    }
                }
                Tag::VertAlign if parent == Some(Tag::RPr) => {
                    if let Some((_, style, _)) = current.as_mut() {
                        style.superscript =
                            Some(xml.w_attr(&e, "val")?.as_deref() == Some("superscript"));
                    }
                }
                _ => {}
            }
            if !empty {
                stack.push(tag);
            } else if tag == Tag::Style {
                // `<w:style …/>`: a style with nothing in it ends where it starts.
                finish(&mut styles, &mut current);
            }
        }
        Ok(styles)
    }

    /// The outline level a paragraph of style `id` (or of the default paragraph style) has:
    /// the style's own `w:outlineLvl`, else its built-in heading name, else its `basedOn`
    /// style's level. An id that no style defines is read as a name ("Heading1").
    fn level(&self, id: Option<&str>) -> Option<u8> {
        let mut id = id.or(self.default_paragraph.as_deref())?;
        for _ in 0..MAX_STYLE_CHAIN {
            let Some(style) = self.by_id.get(id) else {
                return heading_name_level(id);
            };
            if let Some(outline) = style.outline {
                return outline;
            }
            if let Some(level) = heading_name_level(&style.name) {
                return Some(level);
            }
            id = style.based_on.as_deref()?;
        }
        None
    }

    /// The list and level a paragraph style numbers its paragraphs with, following
    /// `basedOn`: the nearest style that names a list gives it, the nearest that names a
    /// level gives that.
    fn numbering(&self, id: Option<&str>) -> (Option<&str>, Option<u8>) {
        let (mut num, mut ilvl) = (None, None);
        let Some(mut id) = id.or(self.default_paragraph.as_deref()) else {
            return (None, None);
        };
        for _ in 0..MAX_STYLE_CHAIN {
            let Some(style) = self.by_id.get(id) else {
                break;
            };
            num = num.or(style.num_id.as_deref());
            ilvl = ilvl.or(style.ilvl);
            match style.based_on.as_deref() {
                Some(next) => id = next,
                None => break,
            }
        }
        (num, ilvl)
    }

    /// Whether a character style raises its text as a superscript, following `basedOn`.
    fn superscript(&self, id: &str) -> bool {
        let mut id = id;
        for _ in 0..MAX_STYLE_CHAIN {
            let Some(style) = self.characters.get(id) else {
                return false;
            };
            if let Some(raised) = style.superscript {
                return raised;
            }
            match style.based_on.as_deref() {
                Some(next) => id = next,
                None => return false,
            }
        }
        false
    }
}

/// A list level (`w:ilvl`, 0 to 8); `None` when unreadable or out of range.
fn level_value(val: Option<&str>) -> Option<u8> {
    val?.trim().parse::<u8>().ok().filter(|l| *l <= 8)
}

/// The numbering, styles and notes parts, as the body reader uses them.
#[derive(Debug, Default)]
struct Parts {
    styles: Styles,
    numbering: Numbering,
    notes: Notes,
}

/// The texts of footnotes and endnotes, by id, for the cells that refer to them.
#[derive(Debug, Default)]
struct Notes {
    by_id: BTreeMap<String, String>,
}

impl Notes {
    /// Reads a footnotes or endnotes part: each note's text, its paragraphs joined by a
    /// space. The separator notes Word keeps (ids -1 and 0, with a `w:type`) are left out.
    fn parse(
        &mut self,
        kind: char,
        bytes: &[u8],
        part: &str,
        limits: &Limits,
    ) -> Result<(), DocxError> {
        let text = xml_text(bytes, part)?;
        let mut xml = XmlPart::new(&text, part, limits);
        let mut stack: Vec<Tag> = Vec::new();
        let mut skip = 0usize;
        let mut current: Option<(String, String)> = None;
        let mut budget = limits.max_text;
        loop {
            let (tag, e, empty) = match xml.next()? {
                Ev::Eof => break,
                Ev::Text(t) => {
                    let in_text = stack.last() == Some(&Tag::T);
                    if skip == 0 && in_text {
                        if let Some((_, note)) = current.as_mut() {
                            budget = budget.checked_sub(t.len()).ok_or(DocxError::TooMuchText {
                                limit: limits.max_text,
                            })?;
                            note.push_str(&t);
                        }
                    }
                    continue;
                }
                Ev::End => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    match stack.pop() {
                        Some(Tag::Note) => {
                            if let Some((id, note)) = current.take() {
                                let note = note.trim().to_string();
                                if !note.is_empty() {
                                    self.by_id.entry(id).or_insert(note);
                                }
                            }
                        }
                        Some(Tag::P) => {
                            if let Some((_, note)) = current.as_mut() {
                                if !note.is_empty() && !note.ends_with(' ') {
                                    note.push(' ');
                                }
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Ev::Start(tag, e) => (tag, e, false),
                Ev::Empty(tag, e) => (tag, e, true),
            };
            if skip > 0 || tag == Tag::Skip {
                skip += usize::from(!empty);
                continue;
            }
            if tag == Tag::Note && current.is_none() {
                let note_type = xml.w_attr(&e, "type")?;
                let id = xml.w_attr(&e, "id")?;
                if let (None | Some("normal"), Some(id)) = (note_type.as_deref(), id) {
                    current = Some((format!("{kind}{id}"), String::new()));
                }
            }
            if !empty {
                stack.push(tag);
            }
        }
        Ok(())
    }
}

/// Where the paragraph being read goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Body,
    Cell,
    Nowhere,
}

#[derive(Debug)]
struct ParaState {
    /// The text as printed, superscripts included.
    text: String,
    /// The text without its superscript marks (what a table cell's value is).
    plain: String,
    style: Option<String>,
    outline: Option<Option<u8>>,
    target: Target,
    /// The paragraph's own list numbering (`w:numPr`), each part if given.
    num_id: Option<String>,
    ilvl: Option<u8>,
    /// Superscript marks (footnote marks such as `1`, `①`, `*`), in order.
    marks: Vec<String>,
    /// The texts of the footnotes and endnotes the paragraph refers to.
    notes: Vec<String>,
    /// Whether the last text appended was a superscript mark (a mark in two runs is one).
    in_mark: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Merge {
    None,
    Restart,
    Continue,
}

/// What a table cell holds, in order: paragraphs, and the tables nested in it.
#[derive(Debug)]
enum Item {
    Para { text: String, outline: Option<u8> },
    Table(TableState),
}

#[derive(Debug)]
struct CellState {
    items: Vec<Item>,
    span: u32,
    vmerge: Merge,
    hmerge_continue: bool,
    marks: Vec<String>,
    notes: Vec<String>,
}

#[derive(Debug)]
struct RowState {
    cells: Vec<Cell>,
    /// The 0-based grid column the next cell starts in.
    column: u32,
}

#[derive(Debug)]
struct TableState {
    /// A number unique among the document's tables; tables are numbered in reading
    /// order once the whole body is read.
    id: u32,
    rows: Vec<Vec<Cell>>,
    row: Option<RowState>,
    cell: Option<CellState>,
    /// For each grid column, the vertical merge running in it: its first row and text.
    merges: Vec<Option<(u32, String)>>,
    /// Everything the cells held, in reading order.
    contents: Vec<Item>,
    /// Whether a cell holds a table: then this table lays out the page (a frame around a
    /// title and the real table) and is read for what it holds, not as a table.
    nested: bool,
}

/// What the reader was doing when a text box began, put back when it ends.
#[derive(Debug)]
struct Saved {
    para: Option<ParaState>,
    nested_paras: usize,
    open: Vec<TableState>,
    /// Where the text box's own blocks begin.
    blocks_at: usize,
    floating: Vec<Block>,
}

/// Reads the body of the main document part.
struct BodyReader<'s> {
    parts: &'s Parts,
    budget: usize,
    limit: usize,
    stack: Vec<Tag>,
    /// Inside a skipped subtree: how many of its elements are open.
    skip: usize,
    blocks: Vec<Block>,
    tables: u32,
    para: Option<ParaState>,
    /// Paragraphs opened inside the open paragraph (only malformed files have them);
    /// their text joins the outer one.
    nested_paras: usize,
    run_hidden: bool,
    /// The run's own `w:vertAlign` (superscript or not), and its character style.
    run_raised: Option<bool>,
    run_style: Option<String>,
    /// The tables open, outermost first (a table in a cell is nested in the one before).
    open: Vec<TableState>,
    /// For each open `mc:AlternateContent`, whether one of its choices was read.
    alternates: Vec<bool>,
    /// The text boxes open, innermost last.
    boxes: Vec<Saved>,
    /// Text boxes' blocks waiting for their anchor (a paragraph, a table) to end.
    floating: Vec<Block>,
    counters: Counters,
}

fn read_body(
    bytes: &[u8],
    part: &str,
    parts: &Parts,
    limits: &Limits,
) -> Result<Document, DocxError> {
    let text = xml_text(bytes, part)?;
    let mut xml = XmlPart::new(&text, part, limits);
    let mut body = BodyReader {
        parts,
        budget: limits.max_text,
        limit: limits.max_text,
        stack: Vec::new(),
        skip: 0,
        blocks: Vec::new(),
        tables: 0,
        para: None,
        nested_paras: 0,
        run_hidden: false,
        run_raised: None,
        run_style: None,
        open: Vec::new(),
        alternates: Vec::new(),
        boxes: Vec::new(),
        floating: Vec::new(),
        counters: Counters::default(),
    };
    loop {
        match xml.next()? {
            Ev::Eof => break,
            Ev::Text(t) => body.text(&t),
            Ev::End => body.end()?,
            Ev::Start(tag, e) => body.start(&xml, tag, &e)?,
            Ev::Empty(tag, e) => {
                body.start(&xml, tag, &e)?;
                body.end()?;
            }
        }
    }
    let mut blocks = body.blocks;
    blocks.append(&mut body.floating);
    number_blocks(&mut blocks);
    Ok(Document {
        blocks,
        format: "docx",
    })
}

/// Numbers paragraphs and tables in reading order: text boxes and the tables a layout
/// table holds are read where they sit, after their numbers were first given.
fn number_blocks(blocks: &mut [Block]) {
    let (mut paragraphs, mut tables) = (0u32, 0u32);
    for block in blocks {
        match block {
            Block::Para(p) => {
                paragraphs += 1;
                p.origin = Origin::Paragraph { index: paragraphs };
            }
            Block::Table(t) => {
                tables += 1;
                t.origin = Origin::Cell {
                    table: tables,
                    row: 1,
                    column: 1,
                };
                for cell in t.rows.iter_mut().flatten() {
                    if let Origin::Cell { table, .. } = &mut cell.origin {
                        *table = tables;
                    }
                }
            }
        }
    }
}

impl BodyReader<'_> {
    fn charge(&mut self, bytes: usize) -> Result<(), DocxError> {
        self.budget = self
            .budget
            .checked_sub(bytes.saturating_add(BLOCK_COST))
            .ok_or(DocxError::TooMuchText { limit: self.limit })?;
        Ok(())
    }

    fn parent(&self) -> Option<Tag> {
        self.stack.last().copied()
    }

    fn grandparent(&self) -> Option<Tag> {
        self.stack
            .len()
            .checked_sub(2)
            .and_then(|i| self.stack.get(i))
            .copied()
    }

    /// Whether the run being read is raised as a superscript: its own `w:vertAlign`, else
    /// its character style's.
    fn raised(&self) -> bool {
        match self.run_raised {
            Some(raised) => raised,
            None => self
                .run_style
                .as_deref()
                .is_some_and(|s| self.parts.styles.superscript(s)),
        }
    }

    /// Appends to the open paragraph, unless the run is hidden. A superscript in a table
    /// cell after anything but a Latin letter (an exponent: m², km²) is a footnote mark:
    /// it is kept apart, so that `77.6` with a raised `1` stays 77.6.
    fn push_text(&mut self, s: &str) {
        if self.run_hidden {
            return;
        }
        let raised = self.raised();
        let Some(para) = self.para.as_mut() else {
            return;
        };
        para.text.push_str(s);
        let exponent = para.plain.ends_with(|c: char| c.is_ascii_alphabetic());
        if raised && para.target == Target::Cell && !exponent && !s.trim().is_empty() {
            match (para.in_mark, para.marks.last_mut()) {
                (true, Some(last)) => last.push_str(s.trim()),
                _ => para.marks.push(s.trim().to_string()),
            }
            para.in_mark = true;
        } else {
            para.plain.push_str(s);
            para.in_mark = false;
        }
    }

    fn text(&mut self, t: &str) {
        if self.skip == 0 && self.parent() == Some(Tag::T) && self.grandparent() == Some(Tag::R) {
            self.push_text(t);
        }
    }

    /// Where a paragraph starting now goes.
    fn target(&self, in_body: bool) -> Target {
        match self.open.last() {
            Some(table) if table.cell.is_some() => Target::Cell,
            Some(_) => Target::Nowhere,
            None if in_body => Target::Body,
            None => Target::Nowhere,
        }
    }

    /// A start tag (or the start half of an empty one): acts on it and pushes what it is.
    fn start(&mut self, xml: &XmlPart<'_>, tag: Tag, e: &BytesStart<'_>) -> Result<(), DocxError> {
        if self.skip > 0 {
            self.skip += 1;
            return Ok(());
        }
        let in_body = self.stack.contains(&Tag::Body);
        let parent = self.parent();
        let in_run = parent == Some(Tag::R);
        let in_ppr = parent == Some(Tag::PPr) && self.grandparent() == Some(Tag::P);
        let in_rpr = parent == Some(Tag::RPr) && self.grandparent() == Some(Tag::R);
        let tag = match tag {
            Tag::Skip => {
                self.skip = 1;
                return Ok(());
            }
            Tag::Choice => {
                // Read the first choice of an alternate-content block, skip the others.
                match self.alternates.last_mut() {
                    Some(taken) if !*taken => {
                        *taken = true;
                        Tag::Choice
                    }
                    Some(_) => {
                        self.skip = 1;
                        return Ok(());
                    }
                    None => Tag::Other,
                }
            }
            Tag::AlternateContent => {
                self.alternates.push(false);
                Tag::AlternateContent
            }
            Tag::TextBox if in_body => {
                // A text box is read as blocks of its own, placed after the paragraph (or
                // the table) it is anchored in.
                self.boxes.push(Saved {
                    para: self.para.take(),
                    nested_paras: std::mem::take(&mut self.nested_paras),
                    open: std::mem::take(&mut self.open),
                    blocks_at: self.blocks.len(),
                    floating: std::mem::take(&mut self.floating),
                });
                self.run_hidden = false;
                Tag::TextBox
            }
            Tag::P if self.para.is_some() => {
                self.nested_paras += 1;
                Tag::P
            }
            Tag::P => {
                self.para = Some(ParaState {
                    text: String::new(),
                    plain: String::new(),
                    style: None,
                    outline: None,
                    target: self.target(in_body),
                    num_id: None,
                    ilvl: None,
                    marks: Vec::new(),
                    notes: Vec::new(),
                    in_mark: false,
                });
                Tag::P
            }
            Tag::PStyle | Tag::OutlineLvl if in_ppr && self.nested_paras == 0 => {
                let val = xml.w_attr(e, "val")?;
                if let Some(para) = self.para.as_mut() {
                    if tag == Tag::PStyle {
                        para.style = val;
                    } else {
                        para.outline = outline_value(val.as_deref());
                    }
                }
                tag
            }
            Tag::NumId | Tag::Ilvl
                if parent == Some(Tag::NumPr)
                    && self.grandparent() == Some(Tag::PPr)
                    && self.nested_paras == 0 =>
            {
                let val = xml.w_attr(e, "val")?;
                if let Some(para) = self.para.as_mut() {
                    if tag == Tag::NumId {
                        para.num_id = val;
                    } else {
                        para.ilvl = level_value(val.as_deref());
                    }
                }
                tag
            }
            Tag::R => {
                self.run_hidden = false;
                self.run_raised = None;
                self.run_style = None;
                Tag::R
            }
            Tag::Vanish if in_rpr => {
                self.run_hidden = is_on(xml.w_attr(e, "val")?.as_deref());
                tag
            }
            Tag::VertAlign if in_rpr => {
                self.run_raised = Some(xml.w_attr(e, "val")?.as_deref() == Some("superscript"));
                tag
            }
            Tag::RStyle if in_rpr => {
                self.run_style = xml.w_attr(e, "val")?;
                tag
            }
            Tag::NoteRef if in_run => {
                let kind = if e.local_name().as_ref() == "endnoteReference" {
                    'e'
                } else {
                    'f'
                };
                if let Some(id) = xml.w_attr(e, "id")? {
                    let note = self.parts.notes.by_id.get(&format!("{kind}{id}")).cloned();
                    if let (Some(para), Some(note)) = (self.para.as_mut(), note) {
                        para.notes.push(note);
                    }
                }
                tag
            }
            Tag::Tab if in_run => {
                self.push_text("\t");
                tag
            }
            Tag::Br if in_run => {
                self.push_text(" ");
                tag
            }
            Tag::NoBreakHyphen if in_run => {
                self.push_text("-");
                tag
            }
            Tag::Sym if in_run => {
                let font = xml.w_attr(e, "font")?.unwrap_or_default();
                let code = xml.w_attr(e, "char")?.unwrap_or_default();
                if let Some(c) = symbol(&font, &code) {
                    let mut buf = [0u8; 4];
                    self.push_text(c.encode_utf8(&mut buf));
                }
                tag
            }
            Tag::Tbl if self.para.is_some() => Tag::Other,
            Tag::Tbl if self.open.last().is_some_and(|t| t.cell.is_none()) => Tag::Other,
            Tag::Tbl if in_body => {
                self.tables = self.tables.saturating_add(1);
                self.open.push(TableState {
                    id: self.tables,
                    rows: Vec::new(),
                    row: None,
                    cell: None,
                    merges: Vec::new(),
                    contents: Vec::new(),
                    nested: false,
                });
                Tag::Tbl
            }
            Tag::Tr => match self.open.last_mut() {
                Some(table) if table.row.is_none() && self.para.is_none() => {
                    table.row = Some(RowState {
                        cells: Vec::new(),
                        column: 0,
                    });
                    Tag::Tr
                }
                _ => Tag::Other,
            },
            Tag::GridBefore if parent == Some(Tag::TrPr) && self.grandparent() == Some(Tag::Tr) => {
                let skip = number(xml.w_attr(e, "val")?.as_deref());
                if let Some(row) = self.open.last_mut().and_then(|t| t.row.as_mut()) {
                    row.column = row.column.saturating_add(skip).min(MAX_COLUMNS);
                }
                tag
            }
            Tag::Tc => match self.open.last_mut() {
                Some(table)
                    if table.row.is_some() && table.cell.is_none() && self.para.is_none() =>
                {
                    table.cell = Some(CellState {
                        items: Vec::new(),
                        span: 1,
                        vmerge: Merge::None,
                        hmerge_continue: false,
                        marks: Vec::new(),
                        notes: Vec::new(),
                    });
                    Tag::Tc
                }
                _ => Tag::Other,
            },
            Tag::GridSpan | Tag::VMerge | Tag::HMerge
                if parent == Some(Tag::TcPr) && self.grandparent() == Some(Tag::Tc) =>
            {
                let val = xml.w_attr(e, "val")?;
                if let Some(cell) = self.open.last_mut().and_then(|t| t.cell.as_mut()) {
                    match tag {
                        Tag::GridSpan => cell.span = number(val.as_deref()).clamp(1, MAX_COLUMNS),
                        Tag::VMerge => {
                            cell.vmerge = if val.as_deref() == Some("restart") {
                                Merge::Restart
                            } else {
                                Merge::Continue
                            }
                        }
                        _ => cell.hmerge_continue = val.as_deref() != Some("restart"),
                    }
                }
                tag
            }
            // Tags out of their place (a w:tab among tab stops, a stray w:tr …) are walked
            // through like any other element.
            Tag::PStyle
            | Tag::OutlineLvl
            | Tag::NumId
            | Tag::Ilvl
            | Tag::Vanish
            | Tag::VertAlign
            | Tag::RStyle
            | Tag::NoteRef
            | Tag::Tab
            | Tag::Br
            | Tag::NoBreakHyphen
            | Tag::Sym
            | Tag::GridBefore
            | Tag::GridSpan
            | Tag::VMerge
            | Tag::HMerge
            | Tag::TextBox
            | Tag::Tbl => Tag::Other,
            other => other,
        };
        self.stack.push(tag);
        Ok(())
    }

    /// An end tag (or the end half of an empty one).
    fn end(&mut self) -> Result<(), DocxError> {
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(());
        }
        match self.stack.pop() {
            Some(Tag::P) => self.end_paragraph()?,
            Some(Tag::R) => {
                self.run_hidden = false;
                self.run_raised = None;
                self.run_style = None;
            }
            Some(Tag::AlternateContent) => {
                self.alternates.pop();
            }
            Some(Tag::TextBox) => {
                if let Some(saved) = self.boxes.pop() {
                    let at = saved.blocks_at.min(self.blocks.len());
                    let own = self.blocks.split_off(at);
                    // What the box floated itself (boxes in boxes) follows it.
                    let inner = std::mem::replace(&mut self.floating, saved.floating);
                    self.floating.extend(own);
                    self.floating.extend(inner);
                    self.para = saved.para;
                    self.nested_paras = saved.nested_paras;
                    self.open = saved.open;
                }
            }
            Some(Tag::Tc) => self.end_cell()?,
            Some(Tag::Tr) => {
                if let Some(table) = self.open.last_mut() {
                    if let Some(row) = table.row.take() {
                        table.rows.push(row.cells);
                    }
                }
            }
            Some(Tag::Tbl) => {
                if let Some(table) = self.open.pop() {
                    match self.open.last_mut().and_then(|t| {
                        t.nested = true;
                        t.cell.as_mut()
                    }) {
                        Some(cell) => cell.items.push(Item::Table(table)),
                        None => {
                            self.emit_table(table)?;
                            self.flush_floating();
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Text boxes waiting for their anchor follow it.
    fn flush_floating(&mut self) {
        if self.para.is_none() && self.open.is_empty() {
            let floating = std::mem::take(&mut self.floating);
            self.blocks.extend(floating);
        }
    }

    /// A table that ended at the top level becomes a block; a layout table (one holding
    /// tables) gives its paragraphs and tables instead, in reading order.
    fn emit_table(&mut self, table: TableState) -> Result<(), DocxError> {
        if !table.nested {
            self.charge(0)?;
            self.blocks.push(Block::Table(Table {
                rows: table.rows,
                origin: Origin::Cell {
                    table: table.id,
                    row: 1,
                    column: 1,
                },
            }));
            return Ok(());
        }
        for item in table.contents {
            match item {
                Item::Para { text, outline } => self.push_paragraph(text, outline)?,
                Item::Table(inner) => self.emit_table(inner)?,
            }
        }
        Ok(())
    }

    fn push_paragraph(&mut self, text: String, outline: Option<u8>) -> Result<(), DocxError> {
        self.charge(text.len())?;
        self.blocks.push(Block::Para(Para {
            text,
            // Numbered in reading order at the end (`number_blocks`).
            origin: Origin::Paragraph { index: 0 },
            outline,
        }));
        Ok(())
    }

    /// The number Word prints before the paragraph, if its list numbering gives one.
    fn list_number(&mut self, para: &ParaState) -> Option<String> {
        let (style_num, style_level) = self.parts.styles.numbering(para.style.as_deref());
        let num_id = para.num_id.as_deref().or(style_num)?;
        let ilvl = para.ilvl.or(style_level).unwrap_or(0);
        if num_id.trim() == "0" {
            return None;
        }
        let (number, suffix) = self
            .parts
            .numbering
            .next(&mut self.counters, num_id, ilvl)?;
        Some(match suffix {
            Suffix::Nothing => number,
            Suffix::Tab | Suffix::Space => format!("{number} "),
        })
    }

    fn end_paragraph(&mut self) -> Result<(), DocxError> {
        if self.nested_paras > 0 {
            self.nested_paras -= 1;
            if let Some(para) = self.para.as_mut() {
                for text in [&mut para.text, &mut para.plain] {
                    if !text.is_empty() && !text.ends_with(char::is_whitespace) {
                        text.push(' ');
                    }
                }
            }
            return Ok(());
        }
        let Some(para) = self.para.take() else {
            return Ok(());
        };
        let number = self.list_number(&para);
        let outline = match para.outline {
            Some(direct) => direct,
            None => self.parts.styles.level(para.style.as_deref()),
        };
        match para.target {
            Target::Body => {
                let text = match number {
                    Some(n) => format!("{n}{}", para.text),
                    None => para.text,
                };
                self.push_paragraph(text, outline)?;
                self.flush_floating();
            }
            Target::Cell => {
                let text = match number {
                    Some(n) => format!("{n}{}", para.plain),
                    None => para.plain,
                };
                if let Some(cell) = self.open.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.items.push(Item::Para { text, outline });
                    cell.marks.extend(para.marks);
                    cell.notes.extend(para.notes);
                }
            }
            Target::Nowhere => {}
        }
        Ok(())
    }

    /// A cell ends: it becomes one [`Cell`] per grid column it covers, vertical merges
    /// continued with the text of the cell that started them.
    fn end_cell(&mut self) -> Result<(), DocxError> {
        let Some(table) = self.open.last_mut() else {
            return Ok(());
        };
        let (Some(cell), Some(row)) = (table.cell.take(), table.row.as_mut()) else {
            return Ok(());
        };
        let paragraphs: Vec<&str> = cell
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Para { text, .. } => Some(text.as_str()),
                Item::Table(_) => None,
            })
            .collect();
        let mut text = paragraphs.join("\n");
        if cell.hmerge_continue {
            if let Some(previous) = row.cells.last() {
                text.clone_from(&previous.text);
            }
        }
        let row_number = u32::try_from(table.rows.len() + 1).unwrap_or(u32::MAX);
        let mut cost = 0usize;
        // The grid column where the cell starts: an old-style horizontal merge
        // (`w:hMerge`) continues the cell before it.
        let first_column = match (cell.hmerge_continue, row.cells.last()) {
            (true, Some(previous)) => previous.span_from.unwrap_or(match previous.origin {
                Origin::Cell { column, .. } => column,
                _ => row.column + 1,
            }),
            _ => row.column + 1,
        };
        for k in 0..cell.span {
            if row.column >= MAX_COLUMNS {
                break;
            }
            let index = row.column as usize;
            if table.merges.len() <= index {
                table.merges.resize(index + 1, None);
            }
            let (cell_text, merged_from) = match cell.vmerge {
                Merge::Continue => match table.merges.get(index).and_then(Option::as_ref) {
                    Some((start, start_text)) => (start_text.clone(), Some(*start)),
                    None => (text.clone(), None),
                },
                Merge::Restart => {
                    if let Some(slot) = table.merges.get_mut(index) {
                        *slot = Some((row_number, text.clone()));
                    }
                    (text.clone(), None)
                }
                Merge::None => {
                    if let Some(slot) = table.merges.get_mut(index) {
                        *slot = None;
                    }
                    (text.clone(), None)
                }
            };
            cost = cost.saturating_add(cell_text.len() + BLOCK_COST);
            if cost > self.budget {
                return Err(DocxError::TooMuchText { limit: self.limit });
            }
            row.column += 1;
            let copy = k > 0 || cell.hmerge_continue;
            row.cells.push(Cell {
                text: cell_text,
                origin: Origin::Cell {
                    table: table.id,
                    row: row_number,
                    column: row.column,
                },
                merged_from,
                span_from: copy.then_some(first_column),
                marks: if copy { Vec::new() } else { cell.marks.clone() },
                notes: if copy { Vec::new() } else { cell.notes.clone() },
            });
        }
        self.budget -= cost.min(self.budget);
        table.contents.extend(cell.items);
        Ok(())
    }
}

/// A non-negative integer attribute (`w:gridSpan`, `w:gridBefore`); 0 when unreadable.
fn number(val: Option<&str>) -> u32 {
    val.and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(0)
}

/// The character of a `w:sym`: its `w:char` code (hexadecimal) when that is a real
/// character, or, for the Symbol font's private-use codes (F020–F0FF), the character that
/// font draws there where it is one a plan may use (Greek letters, ≤ ≥ ± × ÷ ° ≠ ≈ …).
/// Other fonts' private-use codes (Wingdings bullets and the like) give nothing.
fn symbol(font: &str, code: &str) -> Option<char> {
    let code = u32::from_str_radix(code.trim(), 16).ok()?;
    if !(0xE000..=0xF8FF).contains(&code) {
        return char::from_u32(code).filter(|c| !c.is_control());
    }
    if !font.trim().eq_ignore_ascii_case("symbol") {
        return None;
    }
    let low = u8::try_from(code.checked_sub(0xF000)?).ok()?;
    const GREEK_UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
    const GREEK_LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    let c = match low {
        b'A'..=b'Z' => GREEK_UPPER.chars().nth(usize::from(low - b'A'))?,
        b'a'..=b'z' => GREEK_LOWER.chars().nth(usize::from(low - b'a'))?,
        0x22 => '∀',
        0x24 => '∃',
        0x27 => '∋',
        0x2A => '∗',
        0x2D => '−',
        0x40 => '≅',
        0x5C => '∴',
        0x5E => '⊥',
        0x20..=0x7E => char::from(low),
        0xA2 => '′',
        0xA3 => '≤',
        0xA5 => '∞',
        0xAC => '←',
        0xAD => '↑',
        0xAE => '→',
        0xAF => '↓',
        0xB0 => '°',
        0xB1 => '±',
        0xB2 => '″',
        0xB3 => '≥',
        0xB4 => '×',
        0xB5 => '∝',
        0xB7 => '•',
        0xB8 => '÷',
        0xB9 => '≠',
        0xBA => '≡',
        0xBB => '≈',
        0xD6 => '√',
        0xD7 => '⋅',
        _ => return None,
    };
    Some(c)
}
