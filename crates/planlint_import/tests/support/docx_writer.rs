//! A small .docx writer for tests: WordprocessingML written by hand and zipped with the
//! zip crate, so the importer's tests can build Word documents of any layout without
//! Word. It writes what Word writes for each feature (styles, numbering, footnotes, text
//! boxes in alternate content with a VML fallback), no more.

#![allow(dead_code)]

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Escapes text for XML.
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A table cell: text, and the merge markup and marks Word would write.
#[derive(Clone, Debug, Default)]
pub struct C {
    pub text: String,
    pub span: u32,
    /// `Some(true)`: starts a vertical merge; `Some(false)`: continues one.
    pub vmerge: Option<bool>,
    pub sup: Option<String>,
    pub footnote: Option<u32>,
    /// Paragraphs (and tables) written inside the cell instead of `text`.
    pub inner: Option<String>,
}

pub fn c(text: &str) -> C {
    C {
        text: text.to_string(),
        span: 1,
        ..C::default()
    }
}

impl C {
    pub fn span(mut self, n: u32) -> C {
        self.span = n;
        self
    }
    pub fn restart(mut self) -> C {
        self.vmerge = Some(true);
        self
    }
    pub fn cont(mut self) -> C {
        self.vmerge = Some(false);
        self.text.clear();
        self
    }
    pub fn sup(mut self, mark: &str) -> C {
        self.sup = Some(mark.to_string());
        self
    }
    pub fn footnote(mut self, id: u32) -> C {
        self.footnote = Some(id);
        self
    }
}

/// A run of text.
pub fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A paragraph with optional paragraph properties.
pub fn para_with(ppr: &str, runs: &str) -> String {
    let ppr = if ppr.is_empty() {
        String::new()
    } else {
        format!("<w:pPr>{ppr}</w:pPr>")
    };
    format!("<w:p>{ppr}{runs}</w:p>")
}

pub fn para(text: &str) -> String {
    para_with("", &run(text))
}

/// A table of rows of cells, its grid as wide as its widest row.
pub fn table(rows: &[Vec<C>]) -> String {
    let width: u32 = rows
        .iter()
        .map(|r| r.iter().map(|c| c.span.max(1)).sum())
        .max()
        .unwrap_or(1);
    let grid: String = (0..width).map(|_| r#"<w:gridCol w:w="1200"/>"#).collect();
    let mut out = format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"#
    );
    for row in rows {
        out.push_str("<w:tr>");
        for cell in row {
            let mut tcpr = String::new();
            if cell.span > 1 {
                tcpr.push_str(&format!(r#"<w:gridSpan w:val="{}"/>"#, cell.span));
            }
            match cell.vmerge {
                Some(true) => tcpr.push_str(r#"<w:vMerge w:val="restart"/>"#),
                Some(false) => tcpr.push_str("<w:vMerge/>"),
                None => {}
            }
            let content = match &cell.inner {
                Some(inner) => inner.clone(),
                None => {
                    let mut runs = if cell.text.is_empty() {
                        String::new()
                    } else {
                        run(&cell.text)
                    };
                    if let Some(mark) = &cell.sup {
                        runs.push_str(&format!(
                            r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{}</w:t></w:r>"#,
                            esc(mark)
                        ));
                    }
                    if let Some(id) = cell.footnote {
                        runs.push_str(&format!(
                            r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
                        ));
                    }
                    para_with(r#"<w:jc w:val="center"/>"#, &runs)
                }
            };
            out.push_str(&format!("<w:tc><w:tcPr>{tcpr}</w:tcPr>{content}</w:tc>"));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// A text box anchored in a paragraph, as Word 2010 and later writes it: a DrawingML
/// shape in `mc:Choice`, its VML copy in `mc:Fallback`.
pub fn text_box(anchor_text: &str, content: &str) -> String {
    format!(
        r##"<w:p>{}<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="5274310" cy="3000000"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1" name="文本框 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="文本框 1" type="#_x0000_t202" style="width:415pt;height:236pt"><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"##,
        if anchor_text.is_empty() {
            String::new()
        } else {
            run(anchor_text)
        }
    )
}

/// A text box without the VML fallback (older producers, WPS): `w:pict` only.
pub fn vml_text_box(content: &str) -> String {
    format!(
        r#"<w:p><w:r><w:pict><v:shape style="width:415pt;height:236pt"><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"#
    )
}

/// A whole document being written.
#[derive(Debug, Default)]
pub struct Docx {
    pub body: String,
    /// Extra `w:style` elements.
    pub styles: String,
    /// `w:abstractNum` and `w:num` elements; no numbering part when empty.
    pub numbering: String,
    /// Footnotes by id.
    pub footnotes: Vec<(u32, String)>,
}

impl Docx {
    pub fn new() -> Docx {
        Docx::default()
    }

    pub fn push(&mut self, xml: &str) -> &mut Docx {
        self.body.push_str(xml);
        self
    }

    pub fn p(&mut self, text: &str) -> &mut Docx {
        self.push(&para(text))
    }

    /// A paragraph in a style.
    pub fn styled(&mut self, style: &str, text: &str) -> &mut Docx {
        let xml = para_with(&format!(r#"<w:pStyle w:val="{style}"/>"#), &run(text));
        self.push(&xml)
    }

    /// A plain paragraph numbered by its own `w:numPr`.
    pub fn numbered(&mut self, num_id: u32, ilvl: u32, text: &str) -> &mut Docx {
        let xml = para_with(
            &format!(r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>"#),
            &run(text),
        );
        self.push(&xml)
    }

    pub fn table(&mut self, rows: &[Vec<C>]) -> &mut Docx {
        self.push(&table(rows))
    }

    fn document_xml(&self) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" mc:Ignorable="wps"><w:body>{}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#,
            self.body
        )
    }

    fn styles_xml(&self) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="宋体"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style><w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>{}</w:styles>"#,
            self.styles
        )
    }

    /// The .docx bytes.
    pub fn bytes(&self) -> Vec<u8> {
        let mut overrides = String::from(
            r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
        );
        let mut rels = String::from(
            r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
        );
        let mut parts: Vec<(String, String)> = vec![
            ("word/document.xml".into(), self.document_xml()),
            ("word/styles.xml".into(), self.styles_xml()),
        ];
        if !self.numbering.is_empty() {
            overrides.push_str(r#"<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>"#);
            rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#);
            parts.push((
                "word/numbering.xml".into(),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}">{}</w:numbering>"#,
                    self.numbering
                ),
            ));
        }
        if !self.footnotes.is_empty() {
            overrides.push_str(r#"<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>"#);
            rels.push_str(r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>"#);
            let notes: String = self
                .footnotes
                .iter()
                .map(|(id, text)| {
                    format!(
                        r#"<w:footnote w:id="{id}"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>{}</w:p></w:footnote>"#,
                        run(text)
                    )
                })
                .collect();
            parts.push((
                "word/footnotes.xml".into(),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>{notes}</w:footnotes>"#
                ),
            ));
        }
        parts.push((
            "[Content_Types].xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>"#
            ),
        ));
        parts.push((
            "_rels/.rels".into(),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.into(),
        ));
        parts.push((
            "word/_rels/document.xml.rels".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
            ),
        ));
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in &parts {
            writer.start_file(name.as_str(), options).unwrap();
            writer.write_all(text.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }
}
