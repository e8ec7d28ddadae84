//! Text files as they arrive: bytes in UTF-8 (with or without a byte-order mark), UTF-16
//! (little or big endian, with or without a BOM) or GB18030, decoded without asking the user
//! which, and split into one [`Para`] per line.
//!
//! Detection goes from the surest evidence to the weakest:
//!
//! 1. A known binary signature (PDF, ZIP, PNG, an old Word file …) is refused by name, so a
//!    person who picked the wrong file is told what they picked.
//! 2. A byte-order mark decides the encoding; the rest must then be valid in it.
//! 3. NUL bytes never occur in UTF-8 or GB18030 text, but every ASCII character of UTF-16
//!    carries one. A file with NUL bytes is decoded as UTF-16 (the endianness whose NUL
//!    bytes are in the high half of more code units first) and kept only if the result
//!    reads as text: no control characters, and at least four characters in five of the
//!    kinds a Chinese plan uses (ASCII, CJK ideographs and punctuation, full-width forms,
//!    Latin, Greek, symbols). Otherwise it is binary, and the first NUL is where it went
//!    wrong.
//! 4. Valid UTF-8 is UTF-8: GB18030 text of any length is practically never valid UTF-8.
//! 5. Otherwise GB18030, when it decodes without an error and reads as text: at most one
//!    in ten of its non-ASCII characters outside those kinds (private-use and rare
//!    characters are what most other encodings give when misread as GB18030). GB18030 is a
//!    superset of GBK and GB2312, so this covers them too. Big5 and Shift-JIS text decode
//!    as GBK to ordinary ideographs and are not told apart: planlint does not read them.
//! 6. Otherwise an error naming the byte where UTF-8 failed and where GB18030 failed.
//!
//! Control characters other than tab, line feed, carriage return, vertical tab and form
//! feed make a file binary; so do the C1 controls (U+0080 to U+009F), which a terminal
//! obeys as it obeys ESC. Line ends are normalised to `\n` (CRLF and lone CR), and the
//! vertical tab (Word's manual line break when text is copied out) and form feed (a page
//! break) become spaces, so a line keeps the number and the columns an editor shows.
//!
//! Nothing here panics, whatever the bytes: every index is checked, and decoding uses
//! `encoding_rs`'s non-replacing decoders, which report the first malformed byte.

use crate::document::{Block, Document, Origin, Para};
use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE};
use std::fmt;

/// Text decoded from a file's bytes, with the encoding it was found to be in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, line ends normalised to `\n`, without a byte-order mark.
    pub text: String,
    /// What the bytes were: `"UTF-8"`, `"UTF-8 (BOM)"`, `"UTF-16LE"`, `"UTF-16BE"` or
    /// `"GB18030"`.
    pub format: &'static str,
}

/// Why bytes could not be read as text. Every variant knows the byte offset where reading
/// went wrong ([`DecodeError::offset`]) and says so in Chinese and English
/// ([`DecodeError::message`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The file starts with the signature of a known binary format.
    Binary {
        /// The format in English with its article, e.g. `"a PDF"`.
        what: &'static str,
        /// The format in Chinese, e.g. `"PDF 文件"`.
        what_zh: &'static str,
        /// What to do instead, in English and Chinese.
        hint: &'static str,
        hint_zh: &'static str,
    },
    /// A NUL byte in a file that does not read as UTF-16 text.
    Nul { offset: usize },
    /// A control character that text does not contain.
    Control { offset: usize, code: u32 },
    /// The file announces an encoding with a byte-order mark, but its bytes are not valid
    /// in it (or the encoding is one planlint does not read, such as UTF-32).
    Invalid { format: &'static str, offset: usize },
    /// Neither valid UTF-8 nor GB18030 text.
    Unknown {
        /// Where the bytes stop being valid UTF-8.
        utf8_offset: usize,
        /// Where GB18030 decoding failed, or the first character that made the GB18030
        /// reading implausible as text.
        gb18030_offset: usize,
        /// Whether GB18030 decoded without error but gave unlikely characters.
        gb18030_decoded: bool,
    },
}

impl DecodeError {
    /// The byte offset (0-based, from the start of the file) where reading went wrong.
    pub fn offset(&self) -> usize {
        match *self {
            DecodeError::Binary { .. } => 0,
            DecodeError::Nul { offset }
            | DecodeError::Control { offset, .. }
            | DecodeError::Invalid { offset, .. } => offset,
            DecodeError::Unknown { utf8_offset, .. } => utf8_offset,
        }
    }

    /// The message in Chinese and in English.
    pub fn message(&self) -> (String, String) {
        match *self {
            DecodeError::Binary {
                what,
                what_zh,
                hint,
                hint_zh,
            } => (
                format!("不是文本文件：这是{what_zh}（第 0 字节起是它的文件头）；{hint_zh}"),
                format!("not a text file: this is {what} (its signature is at byte 0); {hint}"),
            ),
            DecodeError::Nul { offset } => (
                format!("不是文本文件：第 {offset} 字节是空字节（NUL），且文件不是 UTF-16 文本"),
                format!("not a text file: NUL byte at byte {offset}, and the file is not UTF-16 text"),
            ),
            DecodeError::Control { offset, code } => (
                format!("不是文本文件：第 {offset} 字节是控制字符 U+{code:04X}"),
                format!("not a text file: control character U+{code:04X} at byte {offset}"),
            ),
            DecodeError::Invalid { format, offset } if format.starts_with("UTF-32") => (
                format!("文件是 {format} 编码（第 {offset} 字节起的字节顺序标记），planlint 不读取此编码；请另存为 UTF-8"),
                format!("the file is {format} (byte-order mark at byte {offset}), which planlint does not read; save it as UTF-8"),
            ),
            DecodeError::Invalid { format, offset } => (
                format!("文件以 {format} 的字节顺序标记开头，但第 {offset} 字节不是有效的 {format}"),
                format!("the file starts with a {format} byte-order mark, but byte {offset} is not valid {format}"),
            ),
            DecodeError::Unknown {
                utf8_offset,
                gb18030_offset,
                gb18030_decoded,
            } => {
                let (gb_zh, gb_en) = if gb18030_decoded {
                    (
                        format!("按 GB18030 解码得到的字符不像正文（第 {gb18030_offset} 字节起）"),
                        format!("read as GB18030 it gives characters unlikely in text (from byte {gb18030_offset})"),
                    )
                } else {
                    (
                        format!("也不是 GB18030（第 {gb18030_offset} 字节无效）"),
                        format!("nor GB18030 (invalid at byte {gb18030_offset})"),
                    )
                };
                (
                    format!("无法识别文本编码：不是 UTF-8（第 {utf8_offset} 字节无效），{gb_zh}；请将文件另存为 UTF-8"),
                    format!("unknown text encoding: not UTF-8 (invalid at byte {utf8_offset}), {gb_en}; save the file as UTF-8"),
                )
            }
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().1)
    }
}

impl std::error::Error for DecodeError {}

/// Signatures of binary formats someone may hand planlint by mistake, with their names
/// and what to do instead. Checked before anything else, so a .docx given as text (or a
/// PDF) is named rather than called "unknown encoding".
const SIGNATURES: &[(&[u8], &str, &str, &str, &str)] = &[
    (
        b"%PDF-",
        "a PDF",
        " PDF 文件",
        "use the .docx it was made from, or copy its text into a .txt file",
        "请使用生成它的 .docx，或把其中文字复制到 .txt 文件",
    ),
    (
        b"PK\x03\x04",
        "a ZIP archive (maybe a .docx)",
        " ZIP 压缩包（可能是 .docx 文件）",
        "if it is a Word document, give it the .docx extension",
        "如果是 Word 文档，请使用 .docx 扩展名",
    ),
    (
        b"PK\x05\x06",
        "an empty ZIP archive",
        "空的 ZIP 压缩包",
        "it holds no document",
        "其中没有文档",
    ),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an old-format Office file (.doc, .wps, .xls) or a password-protected document",
        "旧版 Office 文件（.doc、.wps、.xls）或加密文档",
        "open it in Word or WPS and save it as .docx without a password",
        "请用 Word 或 WPS 打开并另存为不加密的 .docx",
    ),
    (
        b"{\\rtf",
        "an RTF (rich text) document",
        " RTF 富文本文档",
        "open it in Word or WPS and save it as .docx or plain text",
        "请用 Word 或 WPS 打开并另存为 .docx 或纯文本",
    ),
    (
        b"\x89PNG\r\n\x1A\n",
        "a PNG image",
        " PNG 图片",
        "planlint reads text and .docx documents",
        "planlint 只读取文本和 .docx 文档",
    ),
    (
        b"\xFF\xD8\xFF",
        "a JPEG image",
        " JPEG 图片",
        "planlint reads text and .docx documents",
        "planlint 只读取文本和 .docx 文档",
    ),
    (
        b"GIF8",
        "a GIF image",
        " GIF 图片",
        "planlint reads text and .docx documents",
        "planlint 只读取文本和 .docx 文档",
    ),
    (
        b"\x1F\x8B",
        "a gzip archive",
        " gzip 压缩文件",
        "unpack it first",
        "请先解压",
    ),
    (
        b"7z\xBC\xAF\x27\x1C",
        "a 7-Zip archive",
        " 7-Zip 压缩包",
        "unpack it first",
        "请先解压",
    ),
    (
        b"Rar!\x1A\x07",
        "a RAR archive",
        " RAR 压缩包",
        "unpack it first",
        "请先解压",
    ),
    (
        b"\x7FELF",
        "a program (ELF executable)",
        "可执行程序（ELF）",
        "planlint reads text and .docx documents",
        "planlint 只读取文本和 .docx 文档",
    ),
    (
        b"MZ\x90\x00",
        "a program (Windows executable)",
        "可执行程序（Windows）",
        "planlint reads text and .docx documents",
        "planlint 只读取文本和 .docx 文档",
    ),
];

/// Decodes a text file's bytes, detecting the encoding (see the module documentation).
///
/// Line ends come out as `\n`, a leading byte-order mark is dropped, and the returned
/// [`Decoded::format`] names what the bytes were. Empty input is empty UTF-8 text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(&(_, what, what_zh, hint, hint_zh)) = SIGNATURES
        .iter()
        .find(|(magic, ..)| bytes.starts_with(magic))
    {
        return Err(DecodeError::Binary {
            what,
            what_zh,
            hint,
            hint_zh,
        });
    }

    // Byte-order marks. UTF-32's come first: its little-endian mark starts like UTF-16's.
    if bytes.starts_with(b"\xFF\xFE\x00\x00") {
        return Err(DecodeError::Invalid {
            format: "UTF-32LE",
            offset: 0,
        });
    }
    if bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(DecodeError::Invalid {
            format: "UTF-32BE",
            offset: 0,
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => finish(text.to_string(), "UTF-8 (BOM)", Offsets::Bytes(3)),
            Err(e) => Err(DecodeError::Invalid {
                format: "UTF-8",
                offset: 3 + e.valid_up_to(),
            }),
        };
    }
    for (bom, encoding, format) in [
        (b"\xFF\xFE", UTF_16LE, "UTF-16LE"),
        (b"\xFE\xFF", UTF_16BE, "UTF-16BE"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return match decode_strict(encoding, rest) {
                Ok(text) => finish(text, format, Offsets::Utf16(2)),
                Err(at) => Err(DecodeError::Invalid {
                    format,
                    offset: 2 + at,
                }),
            };
        }
    }

    // NUL bytes: UTF-16 without a byte-order mark, or binary.
    if let Some(first_nul) = bytes.iter().position(|&b| b == 0) {
        return utf16_without_bom(bytes).ok_or(DecodeError::Nul { offset: first_nul });
    }

    // From here on the bytes are read as an ASCII-compatible encoding (UTF-8 or GB18030).
    // In both, a byte below 0x80 is always the ASCII character itself (GB18030's trail
    // bytes are never below 0x30 nor 0x7F), so control characters are found on the bytes.
    if let Some(offset) = bytes
        .iter()
        .position(|&b| is_forbidden_control(u32::from(b)))
    {
        return Err(DecodeError::Control {
            offset,
            code: u32::from(bytes[offset]),
        });
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return finish(text.to_string(), "UTF-8", Offsets::Bytes(0)),
        Err(e) => e.valid_up_to(),
    };
    match decode_strict(GB18030, bytes) {
        Ok(text) => match first_implausible(&text) {
            None => finish(text, "GB18030", Offsets::Gb18030(bytes)),
            Some(char_index) => Err(DecodeError::Unknown {
                utf8_offset: utf8_error,
                gb18030_offset: gb18030_char_offset(bytes, char_index),
                gb18030_decoded: true,
            }),
        },
        Err(at) => Err(DecodeError::Unknown {
            utf8_offset: utf8_error,
            gb18030_offset: at,
            gb18030_decoded: false,
        }),
    }
}

/// Decodes a text file into a [`Document`] of lines: [`decode`], then [`lines`].
pub fn read_text(bytes: &[u8]) -> Result<Document, DecodeError> {
    let decoded = decode(bytes)?;
    Ok(lines(&decoded.text, decoded.format))
}

/// One [`Para`] per line of `text` (split at `\n`; a final line end does not start another
/// line), at [`Origin::Line`] with its 1-based line number and column 1, with no outline
/// level. Blank lines are kept: they separate table rows in some plans. `format` is
/// recorded as the document's [`Document::format`].
pub fn lines(text: &str, format: &'static str) -> Document {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let blocks = if text.is_empty() {
        Vec::new()
    } else {
        body.split('\n')
            .enumerate()
            .map(|(i, line)| {
                Block::Para(Para {
                    text: line.to_string(),
                    origin: Origin::Line {
                        line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                        column: 1,
                    },
                    outline: None,
                })
            })
            .collect()
    };
    Document { blocks, format }
}

/// Whether a byte is a control character that text files do not hold: C0 controls other
/// than tab, line feed, vertical tab, form feed and carriage return, and DEL.
fn is_forbidden_control(code: u32) -> bool {
    (code < 0x20 && !matches!(code, 0x09..=0x0D)) || code == 0x7F
}

/// Whether a decoded character is one text files do not hold: a forbidden C0 control,
/// DEL, or a C1 control (U+0080 to U+009F: `\u{9B}` starts a terminal's command as
/// `ESC [` does).
pub(crate) fn is_forbidden_char(c: char) -> bool {
    is_forbidden_control(u32::from(c)) || ('\u{80}'..='\u{9F}').contains(&c)
}

/// How a byte index in decoded text maps back to an offset in the input, for messages.
#[derive(Clone, Copy)]
enum Offsets<'a> {
    /// The text is the input's bytes after a BOM of this many bytes (UTF-8).
    Bytes(usize),
    /// Each character took two bytes per UTF-16 code unit, after a BOM of this many bytes.
    Utf16(usize),
    /// The text was decoded from these GB18030 bytes.
    Gb18030(&'a [u8]),
}

impl Offsets<'_> {
    fn map(self, text: &str, byte_index: usize) -> usize {
        match self {
            Offsets::Bytes(skip) => skip + byte_index,
            Offsets::Gb18030(bytes) => {
                let chars = text.get(..byte_index).unwrap_or("").chars().count();
                gb18030_char_offset(bytes, chars)
            }
            Offsets::Utf16(skip) => {
                let units: usize = text
                    .get(..byte_index)
                    .unwrap_or("")
                    .chars()
                    .map(char::len_utf16)
                    .sum();
                skip + 2 * units
            }
        }
    }
}

/// Checks the decoded text for control characters and normalises its line ends.
fn finish(
    text: String,
    format: &'static str,
    offsets: Offsets<'_>,
) -> Result<Decoded, DecodeError> {
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| is_forbidden_char(c)) {
        return Err(DecodeError::Control {
            offset: offsets.map(&text, i),
            code: u32::from(c),
        });
    }
    Ok(Decoded {
        text: normalise(&text),
        format,
    })
}

/// CRLF and lone CR become LF; vertical tab and form feed become a space; a byte-order
/// mark left at the start (a second one, or GB18030's own) is dropped.
fn normalise(text: &str) -> String {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{0B}' | '\u{0C}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Decodes `bytes` in `encoding` without replacement characters: the text, or the offset
/// of the first malformed byte sequence.
fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    // The bound is exact for the encodings used here; should it ever overflow, grow as
    // needed below.
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut out = String::with_capacity(capacity);
    let mut read_total = 0usize;
    loop {
        let rest = bytes.get(read_total..).unwrap_or(&[]);
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(rest.len().saturating_mul(3).max(16)),
            DecoderResult::Malformed(bad, consumed_after) => {
                // `read` counts the malformed bytes and the ones read after them.
                return Err(read_total
                    .saturating_sub(usize::from(bad))
                    .saturating_sub(usize::from(consumed_after)));
            }
        }
    }
}

/// UTF-16 without a byte-order mark, chosen by where the NUL bytes are: the text and its
/// format, when one endianness decodes to plausible text.
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // ASCII characters put their NUL in the high byte: second in little endian. Chinese
    // characters such as 一 (U+4E00) put one in the low byte, so the majority only says
    // which to try first.
    let order = if odd >= even {
        [(UTF_16LE, "UTF-16LE"), (UTF_16BE, "UTF-16BE")]
    } else {
        [(UTF_16BE, "UTF-16BE"), (UTF_16LE, "UTF-16LE")]
    };
    order.into_iter().find_map(|(encoding, format)| {
        let text = decode_strict(encoding, bytes).ok()?;
        if text.chars().any(|c| c == '\0' || is_forbidden_char(c)) {
            return None;
        }
        let total = text.chars().count();
        let good = text.chars().filter(|&c| plausible(c)).count();
        // Read with the wrong endianness, Chinese text gives about one plausible character
        // in three; the right one gives nearly all.
        if good * 10 < total * 8 {
            return None;
        }
        Some(Decoded {
            text: normalise(&text),
            format,
        })
    })
}

/// Whether a character is likely in a Chinese plan: ASCII text, Latin letters (pinyin
/// tone marks included), Greek and Cyrillic, punctuation, symbols and number forms, CJK
/// punctuation, kana, bopomofo, the CJK Unified Ideographs and compatibility ideographs,
/// and full-width forms. Private use, the rare extensions, Hangul, Yi and the like are not:
/// they are what other encodings look like when misread as GB18030 or UTF-16.
fn plausible(c: char) -> bool {
    matches!(u32::from(c),
        0x09 | 0x0A | 0x0D | 0x20..=0x7E
        | 0xA0..=0x24F
        | 0x370..=0x4FF
        | 0x1E00..=0x1EFF
        | 0x2000..=0x2BFF
        | 0x3000..=0x312F
        | 0x3200..=0x33FF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE4F
        | 0xFEFF
        | 0xFF00..=0xFFEF)
}

/// For text decoded from GB18030: the index (in characters) of the first implausible
/// character, when implausible characters are more than one in ten of the non-ASCII ones.
/// A few odd characters do not make a file unreadable; many mean another encoding (Big5,
/// Shift-JIS, Latin-1 …) was misread.
fn first_implausible(text: &str) -> Option<usize> {
    let mut non_ascii = 0usize;
    let mut bad = 0usize;
    let mut first = None;
    for (i, c) in text.chars().enumerate() {
        if c.is_ascii() {
            continue;
        }
        non_ascii += 1;
        if !plausible(c) {
            bad += 1;
            first.get_or_insert(i);
        }
    }
    if bad * 10 > non_ascii {
        first
    } else {
        None
    }
}

/// The byte offset of the `char_index`-th character of bytes that decoded as GB18030
/// without error. GB18030's structure gives each character's length: one byte below 0x81
/// (0x80 included, which the WHATWG decoder reads as €), four when the second byte is a
/// digit, two otherwise.
fn gb18030_char_offset(bytes: &[u8], char_index: usize) -> usize {
    let mut offset = 0usize;
    for _ in 0..char_index {
        let Some(&lead) = bytes.get(offset) else {
            break;
        };
        offset += match (lead, bytes.get(offset + 1)) {
            (0x81..=0xFE, Some(0x30..=0x39)) => 4,
            (0x81..=0xFE, Some(_)) => 2,
            _ => 1,
        };
    }
    offset.min(bytes.len())
}
