//! The review opinion as a Word document (.docx): WordprocessingML in a zip, written here.
//!
//! Why by hand: the letter needs a handful of paragraph kinds, one table, a landscape
//! section and a page-number footer — a few hundred lines of XML — and the `zip` crate
//! with deflate is already in the build for reading .docx. The maintained writer crates
//! bring their own XML and image stacks for features a letter does not use.
//!
//! The layout follows the usual form of official letters (GB/T 9704): A4, margins 37 mm
//! top, 35 mm bottom, 28 mm left and 26 mm right; the title in 小标宋 (宋体 where it is
//! absent) at 22 pt; the body in 仿宋 at 16 pt (三号) on a 28 pt line, first lines indented
//! two characters; first-rank headings (一、) in 黑体; the page number centred below as
//! “— 1 —”. The attached table starts a landscape page, in 10.5 pt (五号), with its
//! header repeated on every page. Fonts are named, not embedded: Word, WPS and LibreOffice
//! substitute what a machine lacks.
//!
//! Every text is escaped, and characters XML 1.0 forbids are dropped, so no plan text can
//! break the document. The zip entries carry a fixed date, so the same letter gives the
//! same bytes.

use crate::opinion::{AnnexRow, Block, Opinion};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

const BODY_FONT: &str = "仿宋";
const TITLE_FONT: &str = "方正小标宋简体";
const HEADING_FONT: &str = "黑体";
const LATIN_FONT: &str = "Times New Roman";

/// The opinion as the bytes of a .docx file.
pub fn docx(opinion: &Opinion) -> Vec<u8> {
    let parts: [(&str, String); 9] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core(opinion)),
        ("docProps/app.xml", APP.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document(opinion)),
        ("word/styles.xml", styles()),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/footer1.xml", FOOTER.to_string()),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for (name, text) in parts {
        // Writing to memory fails only on a broken zip state, which these calls never
        // leave; a failure would give a truncated file, caught by the tests that open it.
        if zip.start_file(name, options).is_ok() {
            let _ = zip.write_all(text.as_bytes());
        }
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// Text as XML character data: escaped, and without the characters XML 1.0 forbids.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Run properties: fonts (Latin and East Asian), size in half-points, bold.
fn run_props(east: &str, half_points: u32, bold: bool) -> String {
    format!(
        r#"<w:rPr><w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{east}" w:cs="{LATIN_FONT}"/>{}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>"#,
        if bold { "<w:b/><w:bCs/>" } else { "" }
    )
}

/// A paragraph of one run.
fn para(text: &str, ppr: &str, rpr: &str) -> String {
    format!(
        r#"<w:p><w:pPr>{ppr}</w:pPr><w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        esc(text)
    )
}

/// A body paragraph: 仿宋 三号 on a 28 pt line, first line indented two characters.
const BODY_PPR: &str = r#"<w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>"#;

fn document(opinion: &Opinion) -> String {
    let body_rpr = run_props(BODY_FONT, 32, false);
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#,
    );
    let mut annex = None;
    for (i, block) in opinion.blocks.iter().enumerate() {
        // The closing paragraph stays on the page of the signature below it.
        let before_signature = matches!(opinion.blocks.get(i + 1), Some(Block::Signature(_)));
        match block {
            Block::Title(t) => xml.push_str(&para(
                t,
                r#"<w:spacing w:before="0" w:after="560" w:line="640" w:lineRule="exact"/><w:jc w:val="center"/>"#,
                &run_props(TITLE_FONT, 44, false),
            )),
            Block::Addressee(t) => xml.push_str(&para(
                t,
                r#"<w:spacing w:line="560" w:lineRule="exact"/>"#,
                &body_rpr,
            )),
            Block::Body(t) if before_signature => {
                xml.push_str(&para(t, &format!("<w:keepNext/>{BODY_PPR}"), &body_rpr))
            }
            Block::Body(t) => xml.push_str(&para(t, BODY_PPR, &body_rpr)),
            Block::Heading(t) => xml.push_str(&para(
                t,
                &format!(r#"<w:keepNext/>{BODY_PPR}"#),
                &run_props(HEADING_FONT, 32, false),
            )),
            Block::Signature(t) => xml.push_str(&para(
                t,
                r#"<w:keepNext/><w:keepLines/><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:right="1280"/><w:jc w:val="right"/>"#,
                &body_rpr,
            )),
            Block::Annex { .. } => annex = Some(block),
        }
    }
    if let Some(Block::Annex {
        label,
        title,
        header,
        rows,
        note,
    }) = annex
    {
        // The letter's section ends here, in portrait; the table's section follows in
        // landscape and carries the document's last section properties.
        xml.push_str(&format!(
            r#"<w:p><w:pPr>{}</w:pPr></w:p>"#,
            section_props(false)
        ));
        xml.push_str(&para(
            label,
            r#"<w:spacing w:line="560" w:lineRule="exact"/>"#,
            &run_props(HEADING_FONT, 32, false),
        ));
        xml.push_str(&para(
            title,
            r#"<w:spacing w:after="240" w:line="560" w:lineRule="exact"/><w:jc w:val="center"/>"#,
            &run_props(TITLE_FONT, 36, false),
        ));
        xml.push_str(&table(header, rows));
        xml.push_str(&para(
            note,
            r#"<w:spacing w:before="120" w:line="360" w:lineRule="auto"/>"#,
            &run_props(BODY_FONT, 21, false),
        ));
        xml.push_str(&section_props(true));
    } else {
        xml.push_str(&section_props(false));
    }
    xml.push_str("</w:body></w:document>");
    xml
}

/// Section properties: A4 portrait with the letter's margins, or A4 landscape for the
/// table; the page-number footer on both.
fn section_props(landscape: bool) -> String {
    let (w, h, orient) = if landscape {
        (16838, 11906, r#" w:orient="landscape""#)
    } else {
        (11906, 16838, "")
    };
    let margins = if landscape {
        r#"<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="851" w:footer="851" w:gutter="0"/>"#
    } else {
        r#"<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1247" w:gutter="0"/>"#
    };
    format!(
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/><w:pgSz w:w="{w}" w:h="{h}"{orient}/>{margins}<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>"#
    )
}

/// The attached table: the header repeated on every page, each row kept on one page, the
/// last cell shaded in its verdict's colours.
fn table(header: &[String], rows: &[AnnexRow]) -> String {
    // Column widths in twentieths of a point, for a landscape A4 page less 25 mm margins:
    // 序号, 指标, 单位, 上级目标值, 上级属性, 本规划序号, 本规划目标值, 本规划属性, 衔接情况.
    const WIDTHS: [u32; 9] = [600, 3000, 1000, 2100, 900, 900, 2100, 900, 2500];
    let rpr = run_props(BODY_FONT, 21, false);
    let head_rpr = run_props(HEADING_FONT, 21, false);
    let cell = |text: &str, width: u32, rpr: &str, shade: Option<u32>| {
        let shading = shade
            .map(|fill| format!(r#"<w:shd w:val="clear" w:color="auto" w:fill="{fill:06X}"/>"#))
            .unwrap_or_default();
        format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}<w:vAlign w:val="center"/></w:tcPr>{}</w:tc>"#,
            para(
                text,
                r#"<w:spacing w:before="20" w:after="20" w:line="300" w:lineRule="auto"/><w:jc w:val="center"/>"#,
                rpr
            )
        )
    };
    let borders = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|b| format!(r#"<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#))
        .collect::<String>();
    let grid: String = WIDTHS
        .iter()
        .map(|w| format!(r#"<w:gridCol w:w="{w}"/>"#))
        .collect();
    let mut xml = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"#,
        WIDTHS.iter().sum::<u32>()
    );
    xml.push_str(r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"#);
    for (i, h) in header.iter().enumerate() {
        xml.push_str(&cell(h, width(&WIDTHS, i), &head_rpr, Some(0xE7E6E6)));
    }
    xml.push_str("</w:tr>");
    for row in rows {
        xml.push_str(r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>"#);
        let last = row.cells.len().saturating_sub(1);
        for (i, text) in row.cells.iter().enumerate() {
            let shade = (i == last).then_some(row.look.fill);
            xml.push_str(&cell(text, width(&WIDTHS, i), &rpr, shade));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

/// The width of column `i`, or the last width for columns beyond the grid.
fn width(widths: &[u32], i: usize) -> u32 {
    widths.get(i).or(widths.last()).copied().unwrap_or(1000)
}

fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault>{}</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style></w:styles>"#,
        run_props(BODY_FONT, 32, false)
    )
}

fn core(opinion: &Opinion) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>planlint</dc:creator></cp:coreProperties>"#,
        esc(&opinion.title)
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>planlint</Application></Properties>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

/// The page number, centred: “— 1 —” in 宋体 14 pt (四号), as letters print it.
const FOOTER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(
            esc("<w:t>&\"x\u{0}\u{1}\u{B}y\tz"),
            "&lt;w:t&gt;&amp;&quot;xy z"
        );
    }
}
