//! `.docx` reading: small Word documents assembled in the test (zip and XML by hand), and
//! hostile ones — not a zip, a zip without a document, zip bombs, malformed XML, deep
//! nesting, huge spans.
//!
//! `PLANLINT_WRITE_CORPUS=1 cargo test -p planlint_import --test docx` also writes the
//! documents built here (up to 64 KiB) into `fuzz/corpus/import_docx/` as fuzzing seeds:
//! each .docx, and its document and styles XML joined by a NUL byte, which the fuzz target
//! reads as parts without the zip.

use planlint_import::docx::{read_docx, read_docx_with, read_parts, DocxError, Limits};
use planlint_import::{Block, Cell, Document, Origin, Para};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A zip archive of the given entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    let bytes = writer.finish().unwrap().into_inner();
    keep_as_seed(&bytes);
    bytes
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// `word/document.xml` with the given body content.
fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" mc:Ignorable=""><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

/// `word/styles.xml` with the given styles.
fn styles_xml(styles: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>{styles}</w:styles>"#
    )
}

/// A complete .docx: the package parts Word writes, the body and the styles.
fn docx(body: &str, styles: &str) -> Vec<u8> {
    let document = document_xml(body);
    let styles = styles_xml(styles);
    keep_as_seed(&[document.as_bytes(), b"\0", styles.as_bytes()].concat());
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ])
}

/// With `PLANLINT_WRITE_CORPUS` set, keeps a document as a fuzzing seed, named by content.
fn keep_as_seed(bytes: &[u8]) {
    if std::env::var_os("PLANLINT_WRITE_CORPUS").is_none() || bytes.len() > 64 << 10 {
        return;
    }
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/import_docx");
    std::fs::create_dir_all(&dir).unwrap();
    // FNV-1a: a stable name without another dependency.
    let hash = bytes.iter().fold(0xcbf29ce484222325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    });
    std::fs::write(dir.join(format!("seed-{hash:016x}")), bytes).unwrap();
}

/// A paragraph of one run, with an optional style.
fn p(style: Option<&str>, text: &str) -> String {
    let text = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let ppr = style.map_or(String::new(), |s| {
        format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#)
    });
    format!(r#"<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// Paragraph blocks as (text, index, outline).
fn paras(doc: &Document) -> Vec<(String, u32, Option<u8>)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(Para {
                text,
                origin: Origin::Paragraph { index },
                outline,
            }) => Some((text.clone(), *index, *outline)),
            _ => None,
        })
        .collect()
}

fn texts(doc: &Document) -> Vec<String> {
    paras(doc).into_iter().map(|(t, ..)| t).collect()
}

/// Table rows as cell texts, with "↑r" appended for a cell merged from row r.
fn table_texts(doc: &Document, n: usize) -> Vec<Vec<String>> {
    let table = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .nth(n)
        .expect("table");
    table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| match c.merged_from {
                    Some(r) => format!("{}↑{r}", c.text),
                    None => c.text.clone(),
                })
                .collect()
        })
        .collect()
}

const STYLES: &str = r#"
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="PlanSection"><w:name w:val="Plan Section"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="PlanSub"><w:name w:val="Plan Sub"/><w:basedOn w:val="PlanSection"/></w:style>
<w:style w:type="paragraph" w:styleId="PlanSubSub"><w:name w:val="Plan Sub Sub"/><w:basedOn w:val="PlanSub"/></w:style>
<w:style w:type="paragraph" w:styleId="wps4"><w:name w:val="标题 4"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="标题"/></w:style>
<w:style w:type="paragraph" w:styleId="NotAHeading"><w:name w:val="Not a heading"/><w:basedOn w:val="1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop 1"/><w:basedOn w:val="Loop2"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop 2"/><w:basedOn w:val="Loop1"/></w:style>
<w:style w:type="character" w:styleId="3"><w:name w:val="heading 3 Char"/></w:style>
<w:style w:type="paragraph" w:styleId="Empty"/>
<w:style w:type="paragraph" w:styleId="AfterEmpty"><w:name w:val="heading 6"/></w:style>
"#;

#[test]
fn headings_come_from_styles_their_chains_and_direct_outline_levels() {
    let body = [
        p(Some("Title"), "某县“十四五”卫生健康事业发展规划"),
        p(Some("1"), "第一章 发展基础"),
        p(None, "“十三五”时期，全县卫生健康事业取得显著成效。"),
        p(Some("2"), "第一节 主要成就"),
        p(Some("PlanSection"), "一、健康水平"),
        p(Some("PlanSub"), "（一）人均预期寿命"),
        p(Some("PlanSubSub"), "1. 婴儿死亡率"),
        p(Some("wps4"), "（1）孕产妇死亡率"),
        p(Some("NotAHeading"), "正文，样式基于标题 1 但大纲级别为正文"),
        p(Some("Loop1"), "样式互相继承"),
        p(Some("Heading5"), "未定义的样式 Heading5"),
        p(Some("Missing"), "未定义的样式"),
        r#"<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>直接设置大纲级别</w:t></w:r></w:p>"#.into(),
        r#"<w:p><w:pPr><w:pStyle w:val="1"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>标题样式但直接设为正文</w:t></w:r></w:p>"#.into(),
        p(Some("AfterEmpty"), "空样式定义之后的样式"),
    ]
    .concat();
    let doc = read_docx(&docx(&body, STYLES)).unwrap();
    assert_eq!(doc.format, "docx");
    let expected: Vec<(String, u32, Option<u8>)> = [
        ("某县“十四五”卫生健康事业发展规划", None),
        ("第一章 发展基础", Some(1)),
        ("“十三五”时期，全县卫生健康事业取得显著成效。", None),
        ("第一节 主要成就", Some(2)),
        ("一、健康水平", Some(3)),
        ("（一）人均预期寿命", Some(3)),
        ("1. 婴儿死亡率", Some(3)),
        ("（1）孕产妇死亡率", Some(4)),
        ("正文，样式基于标题 1 但大纲级别为正文", None),
        ("样式互相继承", None),
        ("未定义的样式 Heading5", Some(5)),
        ("未定义的样式", None),
        ("直接设置大纲级别", Some(2)),
        ("标题样式但直接设为正文", None),
        ("空样式定义之后的样式", Some(6)),
    ]
    .iter()
    .enumerate()
    .map(|(i, (t, o))| (t.to_string(), i as u32 + 1, *o))
    .collect();
    assert_eq!(paras(&doc), expected);
}

#[test]
fn without_a_styles_part_style_ids_are_read_as_names() {
    let document = document_xml(
        &[
            p(Some("Heading1"), "第一章"),
            p(Some("Heading2"), "第一节"),
            p(None, "正文"),
        ]
        .concat(),
    );
    let bytes = zip_of(&[("word/document.xml", document.as_bytes())]);
    let doc = read_docx(&bytes).unwrap();
    assert_eq!(
        paras(&doc),
        vec![
            ("第一章".to_string(), 1, Some(1)),
            ("第一节".to_string(), 2, Some(2)),
            ("正文".to_string(), 3, None),
        ]
    );
}

/// A table cell: optional tcPr content and paragraphs.
fn tc(props: &str, paragraphs: &[&str]) -> String {
    let ps: String = paragraphs.iter().map(|t| p(None, t)).collect();
    let ps = if ps.is_empty() {
        "<w:p/>".to_string()
    } else {
        ps
    };
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{ps}</w:tc>")
}

fn tr(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

#[test]
fn tables_repeat_merged_cells_and_keep_body_paragraph_numbers() {
    let restart = r#"<w:vMerge w:val="restart"/>"#;
    let cont = "<w:vMerge/>";
    // A row that starts in the second grid column.
    let last_row = format!(
        r#"<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{}{}{}</w:tr>"#,
        tc("", &["5岁以下儿童死亡率（‰）"]),
        tc(r#"<w:gridSpan w:val="2"/>"#, &["<6"]),
        tc(cont, &[]),
    );
    let table = format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="3000"/><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/></w:tblGrid>{}{}{}{}{}</w:tbl>"#,
        tr(&[
            tc("", &["领域"]),
            tc("", &["主要指标"]),
            tc("", &["2020年"]),
            tc("", &["2025年"]),
            tc("", &["指标性质"]),
        ]),
        tr(&[
            tc(restart, &["健康", "水平"]),
            tc("", &["人均预期寿命（岁）"]),
            tc("", &["77.6"]),
            tc("", &["78.3"]),
            tc("", &["预期性"]),
        ]),
        tr(&[
            tc(cont, &[]),
            tc("", &["婴儿死亡率（‰）"]),
            tc("", &["3.88"]),
            tc("", &["<5"]),
            tc("", &["预期性"]),
        ]),
        tr(&[
            tc(r#"<w:vMerge w:val="continue"/>"#, &[]),
            tc(r#"<w:gridSpan w:val="2"/>"#, &["孕产妇死亡率（1/10万）"]),
            tc("", &["<12"]),
            tc(r#"<w:vMerge w:val="restart"/>"#, &["约束性"]),
        ]),
        last_row,
    );
    let body = [
        p(None, "表1 主要发展指标"),
        table,
        p(None, "注：带*的为约束性指标。"),
    ]
    .concat();
    let doc = read_docx(&docx(&body, STYLES)).unwrap();

    assert_eq!(
        paras(&doc),
        vec![
            ("表1 主要发展指标".to_string(), 1, None),
            ("注：带*的为约束性指标。".to_string(), 2, None),
        ]
    );
    assert!(matches!(doc.blocks[1], Block::Table(_)));
    assert_eq!(
        table_texts(&doc, 0),
        vec![
            vec!["领域", "主要指标", "2020年", "2025年", "指标性质"],
            vec!["健康\n水平", "人均预期寿命（岁）", "77.6", "78.3", "预期性"],
            vec!["健康\n水平↑2", "婴儿死亡率（‰）", "3.88", "<5", "预期性"],
            vec![
                "健康\n水平↑2",
                "孕产妇死亡率（1/10万）",
                "孕产妇死亡率（1/10万）",
                "<12",
                "约束性"
            ],
            vec!["5岁以下儿童死亡率（‰）", "<6", "<6", "约束性↑4"],
        ]
    );
    let Block::Table(table) = &doc.blocks[1] else {
        unreachable!()
    };
    assert_eq!(
        table.origin,
        Origin::Cell {
            table: 1,
            row: 1,
            column: 1
        }
    );
    // Grid columns: a span repeats the cell once per column, gridBefore shifts the row.
    let origins: Vec<(u32, u32)> = table.rows[3]
        .iter()
        .chain(&table.rows[4])
        .map(|c| match c.origin {
            Origin::Cell { row, column, .. } => (row, column),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        origins,
        vec![
            (4, 1),
            (4, 2),
            (4, 3),
            (4, 4),
            (4, 5),
            (5, 2),
            (5, 3),
            (5, 4),
            (5, 5)
        ]
    );
    assert_eq!(
        table.rows[2][0],
        Cell {
            text: "健康\n水平".into(),
            origin: Origin::Cell {
                table: 1,
                row: 3,
                column: 1
            },
            merged_from: Some(2),
            span_from: None,
            marks: Vec::new(),
            notes: Vec::new(),
        }
    );
}

#[test]
fn a_layout_table_gives_what_it_holds_and_tables_are_numbered_in_reading_order() {
    let nested = format!(
        "<w:tbl>{}{}</w:tbl>",
        tr(&[tc("", &["甲"]), tc("", &["乙"])]),
        tr(&[tc("", &["丙"]), tc("", &["甲"])])
    );
    let outer_cell = format!("<w:tc>{}{}{}</w:tc>", p(None, "前"), nested, p(None, "后"));
    let body = [
        format!("<w:tbl>{}</w:tbl>", tr(&[tc("", &["一号表"])])),
        p(None, "中间"),
        format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            outer_cell,
            tc("", &["右"])
        ),
        p(None, "之后"),
    ]
    .concat();
    let doc = read_docx(&docx(&body, "")).unwrap();
    assert_eq!(table_texts(&doc, 0), vec![vec!["一号表"]]);
    // The table that holds a table lays out the page: its paragraphs are read as
    // paragraphs and the table inside as a table, in reading order. Equal texts in
    // neighbouring cells stay two cells.
    assert_eq!(
        table_texts(&doc, 1),
        vec![vec!["甲", "乙"], vec!["丙", "甲"]]
    );
    let shape: Vec<String> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => p.text.clone(),
            Block::Table(t) => format!("表{:?}", t.origin),
        })
        .collect();
    assert_eq!(
        shape,
        [
            "表Cell { table: 1, row: 1, column: 1 }",
            "中间",
            "前",
            "表Cell { table: 2, row: 1, column: 1 }",
            "后",
            "右",
            "之后"
        ]
    );
    let Block::Table(second) = &doc.blocks[3] else {
        panic!("{:?}", doc.blocks)
    };
    assert_eq!(
        second.rows[1][1].origin,
        Origin::Cell {
            table: 2,
            row: 2,
            column: 2
        }
    );
    assert_eq!(
        paras(&doc).iter().map(|p| p.1).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
}

#[test]
fn traditional_characters_are_kept_as_written() {
    let text = "鄂溫克族自治旗衛生與健康事業發展規劃（發布）";
    let doc = read_docx(&docx(&p(None, text), "")).unwrap();
    assert_eq!(texts(&doc), vec![text]);
}

#[test]
fn runs_tabs_breaks_hyphens_and_symbols() {
    let body = concat!(
        r#"<w:p><w:r><w:t>序号</w:t></w:r><w:r><w:tab/><w:t>指标</w:t><w:tab/></w:r><w:r><w:t xml:space="preserve">名称 </w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>健康</w:t><w:br/><w:t>水平</w:t><w:cr/><w:t>第二行</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>COVID</w:t><w:noBreakHyphen/><w:t>19 防</w:t><w:softHyphen/><w:t>控</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>孕产妇死亡率</w:t><w:sym w:font="Symbol" w:char="F0A3"/><w:t>12/10万，覆盖率</w:t><w:sym w:font="Symbol" w:char="F0B3"/><w:t>90%，</w:t><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="宋体" w:char="2265"/><w:t>&amp;&lt;&#x4E00;&#20108;</w:t></w:r></w:p>"#,
        r#"<w:p><w:hyperlink w:anchor="_Toc1"><w:r><w:t>第一章 总则</w:t></w:r><w:r><w:rPr><w:webHidden/></w:rPr><w:tab/></w:r><w:r><w:rPr><w:webHidden/></w:rPr><w:t>3</w:t></w:r></w:hyperlink></w:p>"#,
        r#"<w:p><w:r><w:t><![CDATA[a<b]]></w:t></w:r></w:p>"#,
    );
    let doc = read_docx(&docx(body, "")).unwrap();
    assert_eq!(
        texts(&doc),
        vec![
            "序号\t指标\t名称 ",
            "健康 水平 第二行",
            "COVID-19 防控",
            "孕产妇死亡率≤12/10万，覆盖率≥90%，≥&<一二",
            "第一章 总则\t3",
            "a<b",
        ]
    );
}

#[test]
fn tracked_changes_fields_hidden_text_and_drawings() {
    let body = concat!(
        // Deleted text goes, inserted text stays.
        r#"<w:p><w:r><w:t>到2025年，</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>每千人口床位数达到6张</w:delText></w:r></w:del><w:ins w:id="2" w:author="x"><w:r><w:t>每千人口床位数达到6.5张</w:t></w:r></w:ins></w:p>"#,
        // Moved text appears once, where it was moved to.
        r#"<w:p><w:moveFrom w:id="3" w:author="x"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom><w:r><w:t>正文</w:t></w:r><w:moveTo w:id="4" w:author="x"><w:r><w:t>新位置</w:t></w:r></w:moveTo></w:p>"#,
        // A field: code dropped, result kept.
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc123 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>12</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        // Hidden runs go; a run with vanish switched off stays.
        r#"<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>也可见</w:t></w:r></w:p>"#,
        // A style change: the old style kept in pPrChange does not count.
        r#"<w:p><w:pPr><w:pStyle w:val="1"/><w:pPrChange w:id="5" w:author="x"><w:pPr><w:pStyle w:val="a"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>改为标题</w:t></w:r></w:p>"#,
        // A text box in a drawing, with its VML fallback: read once, after its anchor.
        r#"<w:p><w:r><w:t>图</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        // Alternate content around ordinary runs: the first choice is read, once.
        r#"<w:p><mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>选一</w:t></w:r></mc:Choice><mc:Choice Requires="w15"><w:r><w:t>选二</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>后备</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#,
        // A content control and custom XML around paragraphs: still body paragraphs.
        r#"<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
        r#"<w:customXml w:element="x"><w:p><w:r><w:t>自定义</w:t></w:r></w:p></w:customXml>"#,
    );
    let doc = read_docx(&docx(body, STYLES)).unwrap();
    assert_eq!(
        paras(&doc),
        vec![
            ("到2025年，每千人口床位数达到6.5张".to_string(), 1, None),
            ("正文新位置".to_string(), 2, None),
            ("12".to_string(), 3, None),
            ("可见也可见".to_string(), 4, None),
            ("改为标题".to_string(), 5, Some(1)),
            ("图".to_string(), 6, None),
            ("文本框".to_string(), 7, None),
            ("选一".to_string(), 8, None),
            ("目录".to_string(), 9, None),
            ("自定义".to_string(), 10, None),
        ]
    );
}

#[test]
fn other_prefixes_and_the_strict_namespace_read_the_same() {
    let prefixed = format!(
        r#"<x:document xmlns:x="{W}"><x:body><x:p><x:pPr><x:pStyle x:val="Heading1"/></x:pPr><x:r><x:t>第一章</x:t></x:r></x:p><w:p xmlns:w="urn:not-word"><w:r><w:t>不是 Word 的元素</w:t></w:r></w:p></x:body></x:document>"#
    );
    let doc = read_docx(&zip_of(&[("word/document.xml", prefixed.as_bytes())])).unwrap();
    assert_eq!(paras(&doc), vec![("第一章".to_string(), 1, Some(1))]);

    let strict = r#"<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>严格模式</w:t></w:r></w:p></w:body></w:document>"#;
    let doc = read_docx(&zip_of(&[("word/document.xml", strict.as_bytes())])).unwrap();
    assert_eq!(texts(&doc), vec!["严格模式"]);
}

#[test]
fn the_main_part_is_found_through_the_package_relationships() {
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/main/doc.xml"/></Relationships>"#;
    let doc_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="../shared/s.xml"/></Relationships>"#;
    let document = document_xml(&p(Some("h"), "主文档"));
    let styles = styles_xml(
        r#"<w:style w:type="paragraph" w:styleId="h"><w:name w:val="heading 2"/></w:style>"#,
    );
    let bytes = zip_of(&[
        ("_rels/.rels", rels.as_bytes()),
        ("main/_rels/doc.xml.rels", doc_rels.as_bytes()),
        ("main/doc.xml", document.as_bytes()),
        ("shared/s.xml", styles.as_bytes()),
        (
            "word/document.xml",
            document_xml(&p(None, "不是主文档")).as_bytes(),
        ),
    ]);
    let doc = read_docx(&bytes).unwrap();
    assert_eq!(paras(&doc), vec![("主文档".to_string(), 1, Some(2))]);
}

#[test]
fn an_empty_document_has_no_blocks() {
    for body in ["", "<w:p/>"] {
        let doc = read_docx(&docx(body, "")).unwrap();
        if body.is_empty() {
            assert_eq!(doc.blocks, vec![]);
        } else {
            assert_eq!(paras(&doc), vec![(String::new(), 1, None)]);
        }
        assert_eq!(doc.format, "docx");
    }
    let bare = format!(r#"<w:document xmlns:w="{W}"><w:body/></w:document>"#);
    let doc = read_docx(&zip_of(&[("word/document.xml", bare.as_bytes())])).unwrap();
    assert_eq!(doc.blocks, vec![]);
}

fn message(e: &DocxError) -> String {
    let (zh, en) = e.message();
    format!("{zh}\n{en}")
}

#[test]
fn bytes_that_are_not_a_zip_say_what_they_are() {
    let cases: [(&[u8], &str); 5] = [
        (b"", "not a .docx: this is an empty file"),
        ("到2025年，人均预期寿命达到78岁。\n".as_bytes(), "not a .docx: this is a text file: give it the .txt extension"),
        (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", "not a .docx: this is a PDF: use the .docx it was made from"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00",
            "not a .docx: this is an old-format Word file (.doc, .wps) or a password-protected document",
        ),
        (b"\x00\x01\x02\x03\xFF\xFE\x00binary", "not a .docx: not a zip archive ("),
    ];
    for (bytes, expected) in cases {
        let e = read_docx(bytes).unwrap_err();
        assert!(matches!(e, DocxError::NotZip { .. }), "{e:?}");
        assert!(e.to_string().starts_with(expected), "{e}");
        assert!(
            message(&e).starts_with("不是 .docx 文件："),
            "{}",
            message(&e)
        );
        assert_eq!(e.offset(), None);
    }
    // A zip's signature followed by garbage is not a zip either.
    let e = read_docx(b"PK\x03\x04garbage").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("not a .docx: not a zip archive ("),
        "{e}"
    );
}

#[test]
fn a_zip_without_a_word_document_is_named() {
    let e = read_docx(&zip_of(&[("readme.txt", b"hello")])).unwrap_err();
    assert_eq!(
        e,
        DocxError::MissingDocument {
            part: "word/document.xml".into(),
            what: None
        }
    );
    assert_eq!(
        e.to_string(),
        "not a .docx: the zip archive has no word/document.xml"
    );
    assert_eq!(
        e.message().0,
        "不是 .docx 文件：压缩包中没有 word/document.xml"
    );

    let xlsx = zip_of(&[
        ("xl/workbook.xml", b"<workbook/>"),
        ("[Content_Types].xml", b"<Types/>"),
    ]);
    assert_eq!(
        read_docx(&xlsx).unwrap_err().to_string(),
        "not a .docx: the zip archive has no word/document.xml; it looks like an Excel workbook (.xlsx)"
    );
    let odt = zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<x/>"),
    ]);
    assert!(read_docx(&odt)
        .unwrap_err()
        .to_string()
        .ends_with("it looks like an OpenDocument file (.odt): save it as .docx"));

    // The package relationships point at a part that is not there.
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/gone.xml"/></Relationships>"#;
    let e = read_docx(&zip_of(&[("_rels/.rels", rels.as_bytes())])).unwrap_err();
    assert_eq!(
        e.to_string(),
        "not a .docx: the zip archive has no word/gone.xml"
    );
}

/// A zip whose `word/document.xml` inflates to `size` zero bytes, compressed as it is
/// written: the archive stays small, the zeros are never all in memory.
fn zeros_zip(size: u64, method: CompressionMethod) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(method)
        .large_file(size >= u64::from(u32::MAX));
    writer.start_file("word/document.xml", options).unwrap();
    let chunk = vec![0u8; 1 << 20];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        writer.write_all(&chunk[..n]).unwrap();
        left -= n as u64;
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn a_zip_bomb_is_refused_while_inflating() {
    // 200 MB of zeros: about 200 KB compressed, a ratio near 1,000.
    let bomb = zeros_zip(200_000_000, CompressionMethod::Deflated);
    assert!(bomb.len() < 1_000_000, "{}", bomb.len());
    let e = read_docx(&bomb).unwrap_err();
    let DocxError::Ratio {
        part,
        inflated,
        compressed,
        limit,
    } = &e
    else {
        panic!("{e:?}")
    };
    assert_eq!((part.as_str(), *limit), ("word/document.xml", 200));
    // Refused as soon as 200 times the compressed size has come out: before the 64 MiB
    // cap, long before 200 MB.
    assert!(*compressed < 1_000_000 && *compressed as usize <= bomb.len());
    assert!(
        *inflated > compressed * 200 && *inflated <= compressed * 200 + (64 << 10),
        "{inflated}"
    );
    assert!(*inflated < 64 << 20);
    assert!(
        e.to_string()
            .starts_with("refused .docx: word/document.xml expands more than 200 times"),
        "{e}"
    );
    assert!(e.message().0.contains("可能是压缩炸弹"));

    // Past the size cap, whatever the ratio.
    let limits = Limits {
        max_part_size: 1 << 20,
        max_ratio: u64::MAX,
        ..Limits::default()
    };
    let e = read_docx_with(&zeros_zip(3 << 20, CompressionMethod::Deflated), &limits).unwrap_err();
    assert_eq!(
        e,
        DocxError::TooLarge {
            part: "word/document.xml".into(),
            limit: 1 << 20
        }
    );
    assert_eq!(
        e.to_string(),
        "refused .docx: word/document.xml is larger than 1 MiB uncompressed (a zip bomb?)"
    );

    // Stored (not compressed) past the default 64 MiB cap.
    let e = read_docx(&zeros_zip(65 << 20, CompressionMethod::Stored)).unwrap_err();
    assert!(
        matches!(e, DocxError::TooLarge { limit, .. } if limit == 64 << 20),
        "{e:?}"
    );
}

#[test]
fn declared_sizes_in_the_zip_headers_are_not_trusted() {
    // The bomb again, its headers rewritten to declare 100 bytes uncompressed.
    let mut bomb = zeros_zip(200_000_000, CompressionMethod::Deflated);
    let declared = 200_000_000u32.to_le_bytes();
    let mut patched = 0;
    for i in 0..bomb.len().saturating_sub(4) {
        if bomb[i..i + 4] == declared {
            bomb[i..i + 4].copy_from_slice(&100u32.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "local header and central directory");
    // The zip reader counts what it inflates against the declared size and stops there
    // with an error; nothing is allocated from the header either way.
    assert_damaged_document(&bomb);
}

#[test]
fn malformed_xml_is_reported_with_its_byte_offset() {
    let part = |xml: &str| read_parts(xml.as_bytes(), None, &Limits::default()).unwrap_err();
    let open = format!(r#"<w:document xmlns:w="{W}"><w:body>"#);

    let xml = format!("{open}<w:p><w:r><w:t>正文</w:r></w:p></w:body></w:document>");
    let e = part(&xml);
    let at = xml.find("</w:r>").unwrap();
    assert_eq!(e.offset(), Some(at), "{e}");
    assert!(
        e.to_string().starts_with(&format!(
            "damaged .docx: word/document.xml is not well-formed XML at byte {at}: "
        )),
        "{e}"
    );
    assert!(e.message().0.starts_with(&format!(
        "损坏的 .docx 文件：word/document.xml 第 {at} 字节处 XML 格式错误："
    )));

    // Cut short.
    let xml = format!("{open}<w:p><w:r><w:t>正文</w:t>");
    let e = part(&xml);
    assert!(matches!(e, DocxError::Xml { .. }), "{e:?}");
    assert_eq!(e.offset(), Some(xml.len()));

    // An entity that XML does not define.
    let xml = format!("{open}<w:p><w:r><w:t>a&nbsp;b</w:t></w:r></w:p></w:body></w:document>");
    let e = part(&xml);
    assert!(
        e.to_string()
            .contains("unknown entity or character reference &nbsp;"),
        "{e}"
    );

    // Not UTF-8.
    let mut bytes = open.clone().into_bytes();
    bytes.extend_from_slice(b"<w:p><w:r><w:t>\xB7\xA2</w:t></w:r></w:p></w:body></w:document>");
    let e = read_parts(&bytes, None, &Limits::default()).unwrap_err();
    assert_eq!(
        e,
        DocxError::NotUtf8 {
            part: "word/document.xml".into(),
            offset: open.len() + 15
        }
    );
    assert_eq!(
        e.to_string(),
        format!(
            "damaged .docx: word/document.xml is not UTF-8 text (invalid at byte {})",
            open.len() + 15
        )
    );

    // Malformed styles are reported against their own part, inside a real .docx too.
    let bytes = zip_of(&[
        ("word/document.xml", document_xml(&p(None, "x")).as_bytes()),
        (
            "word/styles.xml",
            b"<w:styles xmlns:w=\"x\"><w:style></w:styles>",
        ),
    ]);
    let e = read_docx(&bytes).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("damaged .docx: word/styles.xml is not well-formed XML at byte "),
        "{e}"
    );
}

#[test]
fn deep_nesting_is_bounded() {
    let depth = 10_000;
    let xml = format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:p>{}{}</w:p></w:body></w:document>"#,
        "<w:hyperlink>".repeat(depth),
        "</w:hyperlink>".repeat(depth)
    );
    let e = read_parts(xml.as_bytes(), None, &Limits::default()).unwrap_err();
    let DocxError::TooDeep { offset, limit, .. } = e else {
        panic!("{e:?}")
    };
    assert_eq!(limit, 256);
    // The 257th open element: <w:document>, <w:body>, <w:p> and 254 hyperlinks.
    let expected = xml.find("<w:hyperlink>").unwrap() + 254 * "<w:hyperlink>".len();
    assert_eq!(offset, expected);

    // Tables nested 40 deep are fine, and flattened into the outer cell.
    let mut cell = p(None, "最里层");
    for _ in 0..40 {
        cell = format!("<w:tbl><w:tr><w:tc>{cell}</w:tc></w:tr></w:tbl>");
    }
    let doc = read_docx(&docx(&cell, "")).unwrap();
    assert_eq!(table_texts(&doc, 0), vec![vec!["最里层"]]);
}

#[test]
fn huge_spans_and_endless_merges_stay_within_bounds() {
    // A span of four billion columns is cut at 1,024.
    let body = format!(
        "<w:tbl>{}</w:tbl>",
        tr(&[
            tc(r#"<w:gridSpan w:val="4000000000"/>"#, &["宽"]),
            tc("", &["溢出"])
        ])
    );
    let doc = read_docx(&docx(&body, "")).unwrap();
    let rows = table_texts(&doc, 0);
    assert_eq!(rows[0].len(), 1024);
    assert!(rows[0].iter().all(|t| t == "宽"));

    // A long cell continued down many rows: its text is repeated in each, within budget.
    let long = "健".repeat(10_000);
    let mut rows = tr(&[tc(r#"<w:vMerge w:val="restart"/>"#, &[&long])]);
    for _ in 0..200 {
        rows.push_str(&tr(&[tc("<w:vMerge/>", &[])]));
    }
    let bytes = docx(&format!("<w:tbl>{rows}</w:tbl>"), "");
    let doc = read_docx(&bytes).unwrap();
    assert_eq!(table_texts(&doc, 0).len(), 201);
    let small = Limits {
        max_text: 1 << 20,
        ..Limits::default()
    };
    let e = read_docx_with(&bytes, &small).unwrap_err();
    assert_eq!(e, DocxError::TooMuchText { limit: 1 << 20 });
    assert_eq!(
        e.to_string(),
        "refused .docx: more than 1 MiB of text once merged table cells are repeated"
    );
}

#[test]
fn damaged_archives_and_unsupported_compression_are_errors() {
    // Flip a byte inside the deflated document: the CRC (or the inflater) catches it.
    let mut bytes = docx(&p(None, &"到2025年，人均预期寿命达到78岁。".repeat(50)), "");
    let name = b"word/document.xml";
    let at = bytes
        .windows(name.len())
        .position(|w| w == name)
        .expect("local header");
    bytes[at + name.len() + 40] ^= 0x55;
    assert_damaged_document(&bytes);

    // Another compression method than stored or deflate (here: bzip2, method 12).
    let mut bytes = zip_of(&[("word/document.xml", document_xml("").as_bytes())]);
    for i in 0..bytes.len() - 4 {
        if bytes[i..i + 4] == *b"PK\x03\x04" {
            bytes[i + 8] = 12;
        }
        if bytes[i..i + 4] == *b"PK\x01\x02" {
            bytes[i + 10] = 12;
        }
    }
    let e = read_docx(&bytes).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("damaged .docx: word/document.xml: "),
        "{e}"
    );
}

/// `bytes` are refused as a damaged .docx whose `word/document.xml` cannot be read.
fn assert_damaged_document(bytes: &[u8]) {
    let e = read_docx(bytes).unwrap_err();
    assert!(
        matches!(&e, DocxError::Zip { part, .. } if part == "word/document.xml"),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .starts_with("damaged .docx: word/document.xml: "),
        "{e}"
    );
}
