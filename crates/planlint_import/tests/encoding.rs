//! Text files in the encodings plans arrive in (UTF-8 with and without a BOM, UTF-16 with
//! and without a BOM, GB18030), line ends, and bytes that are not text at all.
//!
//! `PLANLINT_WRITE_CORPUS=1 cargo test -p planlint_import --test encoding` also writes the
//! inputs decoded here (up to 2 KiB) into `fuzz/corpus/import_text/` as fuzzing seeds.

use encoding_rs::GB18030;
use planlint_import::encoding::{self, lines, DecodeError, Decoded};
use planlint_import::{Block, Origin, Para};

/// A snippet of a county plan, traditional characters and all, as GB18030 must carry it.
const PLAN: &str = "鄂温克族自治旗“十四五”卫生与健康事业发展规划\n\
第一章 发展基础\n\
（一）主要指标\n\
序号\t指标名称\t2020年\t2025年\t属性\n\
1\t人均预期寿命（岁）\t77.6\t78.3\t预期性\n\
2\t婴儿死亡率（‰）\t3.88\t<5\t约束性\n\
衛生與健康事業發展規劃——發布·第一號 ①②③ ≥90% ±0.5 ×10 °C\n";

/// [`encoding::decode`], keeping the input as a fuzzing seed when asked to.
fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    keep_as_seed(bytes);
    encoding::decode(bytes)
}

/// [`encoding::read_text`], keeping the input as a fuzzing seed when asked to.
fn read_text(bytes: &[u8]) -> Result<planlint_import::Document, DecodeError> {
    keep_as_seed(bytes);
    encoding::read_text(bytes)
}

fn keep_as_seed(bytes: &[u8]) {
    if std::env::var_os("PLANLINT_WRITE_CORPUS").is_none() || bytes.len() > 2048 {
        return;
    }
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/import_text");
    std::fs::create_dir_all(&dir).unwrap();
    // FNV-1a: a stable name without another dependency.
    let hash = bytes.iter().fold(0xcbf29ce484222325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    });
    std::fs::write(dir.join(format!("seed-{hash:016x}")), bytes).unwrap();
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn utf16be(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn decoded(text: &str, format: &'static str) -> Result<Decoded, DecodeError> {
    Ok(Decoded {
        text: text.to_string(),
        format,
    })
}

#[test]
fn utf8_with_and_without_a_bom() {
    assert_eq!(decode(PLAN.as_bytes()), decoded(PLAN, "UTF-8"));
    let with_bom = [b"\xEF\xBB\xBF", PLAN.as_bytes()].concat();
    assert_eq!(decode(&with_bom), decoded(PLAN, "UTF-8 (BOM)"));
    assert_eq!(decode(b""), decoded("", "UTF-8"));
    assert_eq!(decode(b"\xEF\xBB\xBF"), decoded("", "UTF-8 (BOM)"));
}

#[test]
fn utf16_with_a_bom() {
    let le = [&b"\xFF\xFE"[..], &utf16le(PLAN)].concat();
    let be = [&b"\xFE\xFF"[..], &utf16be(PLAN)].concat();
    assert_eq!(decode(&le), decoded(PLAN, "UTF-16LE"));
    assert_eq!(decode(&be), decoded(PLAN, "UTF-16BE"));
}

#[test]
fn utf16_without_a_bom_is_found_by_its_nul_bytes() {
    assert_eq!(decode(&utf16le(PLAN)), decoded(PLAN, "UTF-16LE"));
    assert_eq!(decode(&utf16be(PLAN)), decoded(PLAN, "UTF-16BE"));
    // Mostly ASCII.
    let ascii = "Life expectancy 78.3\nInfant mortality <5\n";
    assert_eq!(decode(&utf16le(ascii)), decoded(ascii, "UTF-16LE"));
    assert_eq!(decode(&utf16be(ascii)), decoded(ascii, "UTF-16BE"));
    // Chinese where 一 (U+4E00, a NUL in its low byte) outnumbers the ASCII characters:
    // the NUL majority points the wrong way, and plausibility puts it right.
    let chinese = "第一章一、第一节一一一一一一一一\n";
    assert_eq!(decode(&utf16le(chinese)), decoded(chinese, "UTF-16LE"));
    assert_eq!(decode(&utf16be(chinese)), decoded(chinese, "UTF-16BE"));
}

#[test]
fn gb18030_is_detected_and_traditional_characters_survive() {
    assert_eq!(decode(&gb18030(PLAN)), decoded(PLAN, "GB18030"));
    // GBK-only text (a subset of GB18030) too.
    let gbk = "到2025年，每万人口全科医生数达到3.93名以上。\n";
    assert_eq!(decode(&gb18030(gbk)), decoded(gbk, "GB18030"));
    // GB18030's four-byte sequences (here for a non-breaking space and ‰) decode.
    let four = "指标\u{A0}值‰\n";
    assert!(gb18030(four).len() > four.chars().count() * 2);
    assert_eq!(decode(&gb18030(four)), decoded(four, "GB18030"));
    // GB18030 with a byte-order mark (84 31 95 33): the mark is dropped.
    let with_bom = [&b"\x84\x31\x95\x33"[..], &gb18030(gbk)].concat();
    assert_eq!(decode(&with_bom), decoded(gbk, "GB18030"));
}

#[test]
fn line_ends_are_normalised() {
    assert_eq!(
        decode(b"a\r\nb\rc\n\r\nd"),
        decoded("a\nb\nc\n\nd", "UTF-8")
    );
    let crlf = PLAN.replace('\n', "\r\n");
    assert_eq!(decode(&gb18030(&crlf)), decoded(PLAN, "GB18030"));
    let le = [&b"\xFF\xFE"[..], &utf16le(&crlf)].concat();
    assert_eq!(decode(&le), decoded(PLAN, "UTF-16LE"));
    // Vertical tab (Word's line break) and form feed (page break) keep their column.
    assert_eq!(decode(b"a\x0Bb\x0Cc"), decoded("a b c", "UTF-8"));
}

#[test]
fn read_text_gives_one_paragraph_per_line() {
    let doc = read_text("第一章 总则\r\n\r\n（一）指标\n\t人均预期寿命\n".as_bytes()).unwrap();
    assert_eq!(doc.format, "UTF-8");
    let expected: Vec<Block> = ["第一章 总则", "", "（一）指标", "\t人均预期寿命"]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Block::Para(Para {
                text: t.to_string(),
                origin: Origin::Line {
                    line: i as u32 + 1,
                    column: 1,
                },
                outline: None,
            })
        })
        .collect();
    assert_eq!(doc.blocks, expected);

    let doc = read_text(&gb18030("甲\n乙")).unwrap();
    assert_eq!(doc.format, "GB18030");
    assert_eq!(doc.blocks.len(), 2);
    assert_eq!(read_text(b"").unwrap().blocks, vec![]);
    assert_eq!(lines("\n", "UTF-8").blocks.len(), 1);
    assert_eq!(lines("a\n\n", "UTF-16LE").blocks.len(), 2);
    assert_eq!(lines("a\n\n", "UTF-16LE").format, "UTF-16LE");
}

fn message(e: &DecodeError) -> (String, String) {
    e.message()
}

#[test]
fn binary_formats_are_named() {
    let cases: [(&[u8], &str, &str); 5] = [
        (
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj",
            "not a text file: this is a PDF (its signature is at byte 0); use the .docx it was made from, or copy its text into a .txt file",
            "不是文本文件：这是 PDF 文件（第 0 字节起是它的文件头）；请使用生成它的 .docx，或把其中文字复制到 .txt 文件",
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00",
            "not a text file: this is a ZIP archive (maybe a .docx) (its signature is at byte 0); if it is a Word document, give it the .docx extension",
            "不是文本文件：这是 ZIP 压缩包（可能是 .docx 文件）（第 0 字节起是它的文件头）；如果是 Word 文档，请使用 .docx 扩展名",
        ),
        (
            b"\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR",
            "not a text file: this is a PNG image (its signature is at byte 0); planlint reads text and .docx documents",
            "不是文本文件：这是 PNG 图片（第 0 字节起是它的文件头）；planlint 只读取文本和 .docx 文档",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
            "not a text file: this is an old-format Office file (.doc, .wps, .xls) or a password-protected document (its signature is at byte 0); open it in Word or WPS and save it as .docx without a password",
            "不是文本文件：这是旧版 Office 文件（.doc、.wps、.xls）或加密文档（第 0 字节起是它的文件头）；请用 Word 或 WPS 打开并另存为不加密的 .docx",
        ),
        (
            b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}",
            "not a text file: this is an RTF (rich text) document (its signature is at byte 0); open it in Word or WPS and save it as .docx or plain text",
            "不是文本文件：这是 RTF 富文本文档（第 0 字节起是它的文件头）；请用 Word 或 WPS 打开并另存为 .docx 或纯文本",
        ),
    ];
    for (bytes, en, zh) in cases {
        let e = decode(bytes).unwrap_err();
        assert!(matches!(e, DecodeError::Binary { .. }));
        assert_eq!(e.offset(), 0);
        assert_eq!(message(&e), (zh.to_string(), en.to_string()));
        assert_eq!(e.to_string(), en);
        assert_eq!(read_text(bytes).unwrap_err(), e);
    }
}

/// Deterministic pseudo-random bytes (xorshift).
fn noise(len: usize, mut state: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

#[test]
fn random_binary_is_refused_at_the_first_bad_byte() {
    for seed in 1..50u64 {
        let bytes = noise(4096, seed);
        let e = decode(&bytes).unwrap_err();
        match e {
            DecodeError::Nul { offset } => {
                assert_eq!(offset, bytes.iter().position(|&b| b == 0).unwrap());
            }
            DecodeError::Control { offset, code } => {
                assert_eq!(u32::from(bytes[offset]), code);
            }
            other => panic!("seed {seed}: {other:?}"),
        }
    }
    let mut bytes = b"ordinary text, then ".to_vec();
    bytes.extend_from_slice(&[0x00, 0x01, 0x02, 0x03, 0xFF]);
    let e = decode(&bytes).unwrap_err();
    assert_eq!(e, DecodeError::Nul { offset: 20 });
    assert_eq!(
        message(&e),
        (
            "不是文本文件：第 20 字节是空字节（NUL），且文件不是 UTF-16 文本".to_string(),
            "not a text file: NUL byte at byte 20, and the file is not UTF-16 text".to_string()
        )
    );
}

#[test]
fn control_characters_make_a_file_binary() {
    let e = decode("人均预期寿命\x07达到".as_bytes()).unwrap_err();
    assert_eq!(
        e,
        DecodeError::Control {
            offset: 18,
            code: 7
        }
    );
    assert_eq!(
        message(&e),
        (
            "不是文本文件：第 18 字节是控制字符 U+0007".to_string(),
            "not a text file: control character U+0007 at byte 18".to_string()
        )
    );
    // In UTF-16 the offset counts the BOM and two bytes per character.
    let le = [&b"\xFF\xFE"[..], &utf16le("健康\u{1B}")].concat();
    assert_eq!(
        decode(&le).unwrap_err(),
        DecodeError::Control {
            offset: 6,
            code: 0x1B
        }
    );
    // In GB18030 too (found on the bytes, before decoding).
    let gb = [gb18030("健康"), b"\x7F".to_vec()].concat();
    assert_eq!(
        decode(&gb).unwrap_err(),
        DecodeError::Control {
            offset: 4,
            code: 0x7F
        }
    );
}

#[test]
fn invalid_utf8_that_is_not_gb18030_either() {
    // 0xFF starts nothing in UTF-8 or GB18030.
    let e = decode(b"abc\xFFdef").unwrap_err();
    assert_eq!(
        e,
        DecodeError::Unknown {
            utf8_offset: 3,
            gb18030_offset: 3,
            gb18030_decoded: false
        }
    );
    assert_eq!(
        message(&e),
        (
            "无法识别文本编码：不是 UTF-8（第 3 字节无效），也不是 GB18030（第 3 字节无效）；请将文件另存为 UTF-8".to_string(),
            "unknown text encoding: not UTF-8 (invalid at byte 3), nor GB18030 (invalid at byte 3); save the file as UTF-8".to_string()
        )
    );
    assert_eq!(e.offset(), 3);
    // Latin-1: é (0xE9) followed by a newline is no GB18030 pair.
    let e = decode(b"caf\xE9\nna\xEFve").unwrap_err();
    assert_eq!(
        e,
        DecodeError::Unknown {
            utf8_offset: 3,
            gb18030_offset: 3,
            gb18030_decoded: false
        }
    );
    // Valid GB18030, but private-use characters (GB18030's user-defined area): not text.
    let mut bytes = gb18030("规划：");
    let at = bytes.len();
    bytes.extend_from_slice(&b"\xAA\xA1\xAA\xA2\xAB\xA1".repeat(4));
    let e = decode(&bytes).unwrap_err();
    assert_eq!(
        e,
        DecodeError::Unknown {
            utf8_offset: 0,
            gb18030_offset: at,
            gb18030_decoded: true
        }
    );
    assert!(
        e.to_string().contains(&format!(
            "read as GB18030 it gives characters unlikely in text (from byte {at})"
        )),
        "{e}"
    );
}

#[test]
fn announced_encodings_must_hold() {
    // A UTF-16LE BOM, then an unpaired high surrogate.
    let bytes = [
        &b"\xFF\xFE"[..],
        &utf16le("健康"),
        b"\x00\xD8",
        &utf16le("x"),
    ]
    .concat();
    let e = decode(&bytes).unwrap_err();
    assert_eq!(
        e,
        DecodeError::Invalid {
            format: "UTF-16LE",
            offset: 6
        }
    );
    assert_eq!(
        message(&e),
        (
            "文件以 UTF-16LE 的字节顺序标记开头，但第 6 字节不是有效的 UTF-16LE".to_string(),
            "the file starts with a UTF-16LE byte-order mark, but byte 6 is not valid UTF-16LE"
                .to_string()
        )
    );
    // An odd number of bytes after a UTF-16BE BOM.
    let bytes = [&b"\xFE\xFF"[..], &utf16be("健康"), b"\x4E"].concat();
    assert_eq!(
        decode(&bytes).unwrap_err(),
        DecodeError::Invalid {
            format: "UTF-16BE",
            offset: 6
        }
    );
    // A UTF-8 BOM, then GB18030.
    let bytes = [&b"\xEF\xBB\xBF"[..], &gb18030("健康")].concat();
    assert_eq!(
        decode(&bytes).unwrap_err(),
        DecodeError::Invalid {
            format: "UTF-8",
            offset: 3
        }
    );
    // UTF-32 is named, not misread as UTF-16.
    let e = decode(b"\xFF\xFE\x00\x00a\x00\x00\x00").unwrap_err();
    assert_eq!(
        e.to_string(),
        "the file is UTF-32LE (byte-order mark at byte 0), which planlint does not read; save it as UTF-8"
    );
}

/// The five real documents of `../shared/seeds`, converted to every encoding planlint
/// reads, decode back to the same text.
#[test]
fn seed_documents_in_every_encoding() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let mut checked = 0;
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let expected = text.replace("\r\n", "\n");
        assert_eq!(decode(text.as_bytes()).unwrap().text, expected);
        for (bytes, format) in [
            (gb18030(&text), "GB18030"),
            ([&b"\xFF\xFE"[..], &utf16le(&text)].concat(), "UTF-16LE"),
            ([&b"\xFE\xFF"[..], &utf16be(&text)].concat(), "UTF-16BE"),
            (utf16le(&text), "UTF-16LE"),
            (utf16be(&text), "UTF-16BE"),
        ] {
            assert_eq!(
                decode(&bytes),
                decoded(&expected, format),
                "{}",
                path.display()
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 5, "the five seed documents");
}
