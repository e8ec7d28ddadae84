//! Indicator tables, headings and titles in the layouts plans use, in .docx documents
//! written here by hand (`support/docx_writer.rs`): each is read to the exact rows, or
//! reported with a clear message at its place. `python_docx.rs` builds the same layouts
//! with python-docx, a producer that does not share these assumptions.

#[path = "support/check.rs"]
mod check;
#[path = "support/docx_writer.rs"]
mod docx_writer;

use check::{headings, import_docx, problems, rows};
use docx_writer::{c, para, table, text_box, vml_text_box, Docx, C};

/// The opening every test document shares: a title, a chapter and a table's title.
fn opening(doc: &mut Docx, table_title: &str) {
    doc.p("某县“十四五”卫生健康事业发展规划")
        .styled("1", "一、发展目标")
        .p(table_title);
}

fn header(cells: &[&str]) -> Vec<C> {
    cells.iter().map(|t| c(t)).collect()
}

#[test]
fn the_nature_column_in_the_middle_units_in_values_and_equal_neighbours() {
    let mut doc = Docx::new();
    opening(&mut doc, "表1 主要指标");
    doc.table(&[
        header(&["序号", "指标名称", "属性", "2020年", "2025年"]),
        header(&["1", "人均预期寿命", "预期性", "77.1岁", "78岁"]),
        header(&["2", "孕产妇系统管理率", "约束性", ">90%", ">90%"]),
        header(&["3", "婴儿死亡率", "预期性", "3.9‰", "≤5‰"]),
        header(&[
            "4",
            "以乡镇为单位适龄儿童免疫规划疫苗接种率",
            "约束性",
            ">90",
            ">90",
        ]),
    ])
    .styled("1", "二、主要任务");
    let (imported, plan) = import_docx("columns.docx", &doc.bytes());
    assert_eq!(
        rows(&plan),
        [
            "1 人均预期寿命 [岁] - | 77.1 → 78 | 预期性",
            "2 孕产妇系统管理率 [%] - | >90 → >90 | 约束性",
            "3 婴儿死亡率 [‰] - | 3.9 → ≤5 | 预期性",
            "4 以乡镇为单位适龄儿童免疫规划疫苗接种率 [-] - | >90 → >90 | 约束性",
        ]
    );
    assert!(
        imported.problems.iter().all(|d| d.code != "import-row"),
        "{:?}",
        problems(&imported)
    );
}

#[test]
fn nature_as_two_ticked_columns_under_a_two_row_header() {
    let mut doc = Docx::new();
    opening(&mut doc, "“十四五”时期卫生健康发展主要指标");
    doc.table(&[
        vec![
            c("领域").restart(),
            c("主要指标").restart(),
            c("单位").restart(),
            c("指标值").span(2),
            c("属性").span(2),
        ],
        vec![
            c("").cont(),
            c("").cont(),
            c("").cont(),
            c("2020年"),
            c("2025年"),
            c("约束性"),
            c("预期性"),
        ],
        header(&["健康水平", "人均预期寿命", "岁", "78.3", "79", "", "√"]),
        vec![
            c("").cont(),
            c("婴儿死亡率"),
            c("‰"),
            c("4.5"),
            c("<5"),
            c("✓"),
            c(""),
        ],
        vec![
            c("健康服务"),
            c("每千人口床位数"),
            c("张"),
            c("6.1"),
            c("6.5"),
            c(""),
            c(""),
        ],
        vec![
            c("").cont(),
            c("每万人口全科医生数"),
            c("人"),
            c("3"),
            c("4"),
            c("√"),
            c("√"),
        ],
    ]);
    let (imported, plan) = import_docx("ticks.docx", &doc.bytes());
    assert_eq!(
        rows(&plan),
        [
            "- 人均预期寿命 [岁] 健康水平 | 78.3 → 79 | 预期性",
            "- 婴儿死亡率 [‰] 健康水平 | 4.5 → <5 | 约束性",
            "- 每千人口床位数 [张] 健康服务 | 6.1 → 6.5 | -",
            "- 每万人口全科医生数 [人] 健康服务 | 3 → 4 | -",
        ]
    );
    let said = problems(&imported);
    assert!(
        said.iter()
            .any(|p| p.contains("“每千人口床位数”在约束性、预期性两列都没有打勾")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|p| p.contains("“每万人口全科医生数”在约束性、预期性两列都打了勾")),
        "{said:?}"
    );
    // The rows read with a guess are marked in the plan file.
    assert!(
        imported.yaml.contains(
            "- name: \"每千人口床位数\"  # 请核对：“每千人口床位数”在约束性、预期性两列都没有打勾"
        ),
        "{}",
        imported.yaml
    );
}

#[test]
fn baseline_and_target_over_their_years_and_domain_label_rows() {
    let mut doc = Docx::new();
    opening(&mut doc, "主要发展指标");
    doc.table(&[
        vec![
            c("序号").restart(),
            c("指标").restart(),
            c("单位").restart(),
            c("基期值"),
            c("目标值"),
            c("指标性质").restart(),
        ],
        vec![
            c("").cont(),
            c("").cont(),
            c("").cont(),
            c("2020年"),
            c("2025年"),
            c("").cont(),
        ],
        vec![c("一、健康水平").span(6)],
        header(&["1", "人均预期寿命", "岁", "76.8", "77.5", "预期性"]),
        header(&["2", "孕产妇死亡率", "/10万", "13.7", "<15", "约束性"]),
        vec![c("二、健康服务").span(6)],
        header(&[
            "3",
            "每千人口执业（助理）医师数",
            "人",
            "2.6",
            "3.2",
            "预期性",
        ]),
    ]);
    let (_, plan) = import_docx("years.docx", &doc.bytes());
    assert_eq!(
        rows(&plan),
        [
            "1 人均预期寿命 [岁] 健康水平 | 76.8 → 77.5 | 预期性",
            "2 孕产妇死亡率 [/10万] 健康水平 | 13.7 → <15 | 约束性",
            "3 每千人口执业（助理）医师数 [人] 健康服务 | 2.6 → 3.2 | 预期性",
        ]
    );
}

fn indicator_header() -> Vec<C> {
    header(&["序号", "主要指标", "单位", "2020年", "2025年", "指标性质"])
}

#[test]
fn a_table_continued_over_a_page_break_with_or_without_its_header() {
    let page_break = r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#;
    let first = vec![
        indicator_header(),
        header(&["1", "人均预期寿命", "岁", "78", "78.5", "预期性"]),
        header(&["2", "婴儿死亡率", "‰", "4", "<5", "预期性"]),
    ];
    for (name, between, repeat) in [
        ("repeated", page_break.to_string(), true),
        ("bare", page_break.to_string(), false),
        ("xubiao", para("续表1"), false),
        ("xubiao-repeated", para("（续表）"), true),
    ] {
        let mut doc = Docx::new();
        opening(&mut doc, "表1 主要发展指标");
        doc.table(&first).push(&between);
        let mut rest = Vec::new();
        if repeat {
            rest.push(indicator_header());
        }
        rest.push(header(&[
            "3",
            "孕产妇死亡率",
            "/10万",
            "12",
            "<15",
            "约束性",
        ]));
        doc.table(&rest).styled("1", "二、主要任务");
        let (imported, plan) = import_docx(name, &doc.bytes());
        assert_eq!(
            rows(&plan),
            [
                "1 人均预期寿命 [岁] - | 78 → 78.5 | 预期性",
                "2 婴儿死亡率 [‰] - | 4 → <5 | 预期性",
                "3 孕产妇死亡率 [/10万] - | 12 → <15 | 约束性",
            ],
            "{name}"
        );
        assert!(
            imported.problems.iter().all(|d| d.code != "import-skipped"),
            "{name}: {:?}",
            problems(&imported)
        );
        assert_eq!(headings(&plan), ["一、发展目标", "二、主要任务"], "{name}");
    }
    // A second part with other columns cannot be read as the same table: it is said.
    let mut doc = Docx::new();
    opening(&mut doc, "表1 主要发展指标");
    doc.table(&first).p("续表");
    doc.table(&[header(&["3", "孕产妇死亡率", "/10万", "12", "<15"])]);
    let (imported, plan) = import_docx("mismatch.docx", &doc.bytes());
    assert_eq!(plan.indicators.len(), 2);
    let said = problems(&imported);
    assert!(
        said.iter().any(|p| p.starts_with("import-skipped: 第 2 张表紧接在第 1 张表（指标表）之后，像是它的续表，但列数不同（5 列，原表 6 列），未能读取")),
        "{said:?}"
    );
}

#[test]
fn a_table_in_a_layout_table_and_in_a_text_box() {
    let indicator = table(&[
        indicator_header(),
        header(&["1", "人均预期寿命", "岁", "78", "78.5", "预期性"]),
        header(&["2", "婴儿死亡率", "‰", "4", "4", "预期性"]),
    ]);
    // A one-cell frame around the table's title and the table.
    let mut frame = c("");
    frame.inner = Some(format!(
        "{}{indicator}{}",
        para("专栏1 主要发展指标"),
        para("")
    ));
    let mut doc = Docx::new();
    doc.p("某县“十四五”卫生健康事业发展规划")
        .styled("1", "一、发展目标");
    doc.table(&[vec![frame]]).styled("1", "二、主要任务");
    let (imported, plan) = import_docx("frame.docx", &doc.bytes());
    let want = [
        "1 人均预期寿命 [岁] - | 78 → 78.5 | 预期性",
        "2 婴儿死亡率 [‰] - | 4 → 4 | 预期性",
    ];
    assert_eq!(rows(&plan), want);
    assert!(
        imported.yaml.contains("# 指标表：专栏1主要发展指标"),
        "{}",
        imported.yaml
    );

    // The same table in a text box (DrawingML with its VML fallback): read once.
    let mut doc = Docx::new();
    doc.p("某县“十四五”卫生健康事业发展规划")
        .styled("1", "一、发展目标");
    doc.push(&text_box(
        "",
        &format!("{}{indicator}", para("主要发展指标")),
    ));
    doc.styled("1", "二、主要任务");
    let (_, plan) = import_docx("textbox.docx", &doc.bytes());
    assert_eq!(rows(&plan), want);
    assert_eq!(headings(&plan), ["一、发展目标", "二、主要任务"]);
}

#[test]
fn several_tables_by_domain() {
    let mut doc = Docx::new();
    doc.p("某县“十四五”卫生健康事业发展规划")
        .styled("1", "一、发展目标");
    doc.p("表1 健康水平指标");
    doc.table(&[
        header(&["序号", "指标", "单位", "2020年", "2025年", "属性"]),
        header(&["1", "人均预期寿命", "岁", "78", "78.5", "预期性"]),
    ]);
    doc.p("表2 健康服务主要指标");
    doc.table(&[
        header(&["序号", "指标", "单位", "2020年", "2025年", "属性"]),
        header(&["1", "每千人口床位数", "张", "6", "6.6", "预期性"]),
        header(&["2", "每万人口全科医生数", "人", "3", "4", "约束性"]),
    ]);
    doc.styled("1", "二、主要任务");
    let (imported, plan) = import_docx("domains.docx", &doc.bytes());
    assert_eq!(
        rows(&plan),
        [
            "1 人均预期寿命 [岁] 健康水平 | 78 → 78.5 | 预期性",
            "1 每千人口床位数 [张] 健康服务 | 6 → 6.6 | 预期性",
            "2 每万人口全科医生数 [人] 健康服务 | 3 → 4 | 约束性",
        ]
    );
    let said = problems(&imported);
    assert!(
        said.iter().any(|p| p.contains(
            "第 2 张表没有领域一列，各行的领域按表题“表2健康服务主要指标”读作“健康服务”"
        )),
        "{said:?}"
    );
    assert!(imported
        .yaml
        .contains("# 指标表：表2健康服务主要指标（各行领域按表题读作“健康服务”）"));
}

#[test]
fn superscript_marks_footnotes_and_table_notes_go_to_the_row_note() {
    let mut doc = Docx::new();
    opening(&mut doc, "主要发展指标");
    doc.footnotes.push((1, "按常住人口计算。".into()));
    doc.table(&[
        indicator_header(),
        vec![
            c("1"),
            c("人均预期寿命"),
            c("岁"),
            c("77.6").sup("1"),
            c("78.3"),
            c("预期性"),
        ],
        vec![
            c("2"),
            c("婴儿死亡率"),
            c("‰"),
            c("4.2").sup("②"),
            c("<5"),
            c("预期性"),
        ],
        vec![
            c("3"),
            c("每千人口床位数"),
            c("张").footnote(1),
            c("6.2"),
            c("6.8"),
            c("预期性"),
        ],
        vec![
            c("4"),
            c("孕产妇死亡率"),
            c("/10万"),
            c("14").sup("3"),
            c("<15"),
            c("约束性"),
        ],
    ]);
    doc.p("注：1.2020年数据为2019年统计数；②为全县平均值。")
        .styled("1", "二、主要任务");
    let (imported, plan) = import_docx("notes.docx", &doc.bytes());
    assert_eq!(
        rows(&plan),
        [
            "1 人均预期寿命 [岁] - | 77.6 → 78.3 | 预期性 | 注 1：2020年数据为2019年统计数",
            "2 婴儿死亡率 [‰] - | 4.2 → <5 | 预期性 | 注 ②：为全县平均值",
            "3 每千人口床位数 [张] - | 6.2 → 6.8 | 预期性 | 注 按常住人口计算。",
            "4 孕产妇死亡率 [/10万] - | 14 → <15 | 约束性 | 注 上标“3”",
        ]
    );
    let said = problems(&imported);
    assert!(
        said.iter()
            .any(|p| p.contains("“孕产妇死亡率”的数值后有上标“3”，表下注释中没有找到它的说明")),
        "{said:?}"
    );
    // The note is not a heading, nor a target in the text.
    assert_eq!(headings(&plan), ["一、发展目标", "二、主要任务"]);
}

/// An abstract list of three levels and the lists that use it.
fn chapter_numbering(formats: [(&str, &str); 3], restart: bool) -> String {
    let levels: String = formats
        .iter()
        .enumerate()
        .map(|(i, (format, text))| {
            format!(
                r#"<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>"#
            )
        })
        .collect();
    let mut out = format!(
        r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#
    );
    if restart {
        out.push_str(r#"<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#);
    }
    out
}

#[test]
fn headings_numbered_by_word_lists() {
    // By a list style: Heading 1 and Heading 2 carry the list.
    let mut doc = Docx::new();
    doc.numbering = chapter_numbering(
        [
            ("chineseCounting", "第%1章"),
            ("chineseCountingThousand", "第%2节"),
            ("decimal", "%3."),
        ],
        false,
    );
    doc.styles = r#"<w:style w:type="paragraph" w:styleId="Chapter"><w:name w:val="Plan Chapter"/><w:basedOn w:val="1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Section"><w:name w:val="Plan Section"/><w:basedOn w:val="2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#.into();
    doc.p("某市“十四五”卫生健康发展规划")
        .styled("Chapter", "发展基础")
        .styled("Section", "主要成就")
        .styled("Section", "面临形势")
        .styled("Chapter", "总体要求")
        .styled("Section", "指导思想");
    let (_, plan) = import_docx("chapters.docx", &doc.bytes());
    assert_eq!(
        headings(&plan),
        [
            "第一章发展基础",
            "  第一节主要成就",
            "  第二节面临形势",
            "第二章总体要求",
            "  第一节指导思想",
        ]
    );

    // By w:numPr on plain paragraphs, 一、/（一）/1. with a restart of the third level.
    let mut doc = Docx::new();
    doc.numbering = chapter_numbering(
        [
            ("chineseCounting", "%1、"),
            ("chineseCounting", "（%2）"),
            ("decimal", "%3."),
        ],
        true,
    );
    doc.p("某旗“十四五”卫生与健康规划")
        .numbered(1, 0, "发展基础")
        .numbered(1, 1, "资源总量")
        .numbered(1, 2, "床位")
        .numbered(1, 2, "人员")
        .numbered(1, 1, "服务能力")
        .numbered(2, 2, "门诊")
        .numbered(1, 0, "主要任务");
    let (_, plan) = import_docx("lists.docx", &doc.bytes());
    assert_eq!(
        headings(&plan),
        [
            "一、发展基础",
            "  （一）资源总量",
            "    1.床位",
            "    2.人员",
            "  （二）服务能力",
            "    1.门诊",
            "二、主要任务",
        ]
    );

    // 甲、乙 numbering (ideographTraditional) is printed too.
    let mut doc = Docx::new();
    doc.numbering = chapter_numbering(
        [
            ("chineseCounting", "%1、"),
            ("ideographTraditional", "%2."),
            ("decimal", "%3."),
        ],
        false,
    );
    doc.p("某县“十四五”卫生健康规划")
        .numbered(1, 0, "目标")
        .numbered(1, 1, "健康水平");
    let bytes = doc.bytes();
    let read = planlint_import::read("stems.docx", &bytes).unwrap();
    let texts: Vec<String> = read
        .blocks
        .iter()
        .filter_map(|b| match b {
            planlint_import::Block::Para(p) => Some(p.text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        texts,
        ["某县“十四五”卫生健康规划", "一、 目标", "甲. 健康水平"]
    );
}

#[test]
fn a_document_without_headings_says_so() {
    let mut doc = Docx::new();
    doc.p("某县“十四五”卫生健康事业发展规划")
        .p("本规划所称卫生健康事业，包括医疗、预防、保健和康复等各项工作。")
        .p("全县将加强基层医疗卫生服务能力建设，推进医共体建设。");
    let (imported, plan) = import_docx("flat.docx", &doc.bytes());
    assert!(plan.sections.is_empty());
    let said = problems(&imported);
    assert!(
        said.iter()
            .any(|p| p.starts_with("import-no-headings: 文档中没有找到任何章节标题")),
        "{said:?}"
    );
    assert!(
        imported
            .yaml
            .contains("第 1 段：文档中没有找到任何章节标题"),
        "{}",
        imported.yaml
    );
}

#[test]
fn titles_as_printed_period_status_and_the_notice() {
    for (title, next) in [
        (
            "某县卫生健康事业发展规划（2021—2025年）（征求意见稿）",
            None,
        ),
        ("某县卫生健康事业发展规划(2021-2025年)(征求意见稿)", None),
        (
            "某县卫生健康事业发展规划（2021–2025年）",
            Some("（征求意见稿）"),
        ),
        ("某县卫生健康事业发展规划（2021至2025年）（送审稿）", None),
        ("某县卫生健康事业发展规划（2021~2025年）（草案）", None),
        ("某县‘十四五’卫生健康事业发展规划（试行）", None),
        (
            "某县国民经济和社会发展第十四个五年卫生健康规划（修订稿）",
            None,
        ),
    ] {
        let mut doc = Docx::new();
        doc.p(title);
        if let Some(next) = next {
            doc.p(next);
        }
        doc.styled("1", "一、发展基础")
            .p("全县医疗卫生服务能力持续提升。");
        let (imported, plan) = import_docx("draft-status.docx", &doc.bytes());
        assert_eq!(
            plan.period.as_ref().unwrap().value.to_string(),
            "2021–2025",
            "{title}"
        );
        assert_eq!(plan.region.as_ref().unwrap().value, "某县", "{title}");
        assert_eq!(plan.level().unwrap().as_str(), "county", "{title}");
        assert!(
            !plan.title().contains("稿")
                && !plan.title().contains("试行")
                && !plan.title().contains("草案"),
            "{title}: {}",
            plan.title()
        );
        let status = imported.draft.status.as_ref().expect(title);
        assert!(
            imported
                .yaml
                .contains(&format!("这是{}，不是正式印发的文本", status.value)),
            "{}",
            imported.yaml
        );
    }
    // A period on the line under the title.
    let mut doc = Docx::new();
    doc.p("某县卫生健康事业发展规划")
        .p("（2021—2025年）")
        .styled("1", "一、发展基础");
    let (imported, plan) = import_docx("below.docx", &doc.bytes());
    assert_eq!(plan.period.as_ref().unwrap().value.to_string(), "2021–2025");
    let said = problems(&imported);
    assert!(
        said.iter()
            .any(|p| p
                .contains("标题中未找到规划期，已按标题下一行的“（2021—2025年）”读作2021—2025年")),
        "{said:?}"
    );

    // The notice block: 关于印发…的通知, its number, a date in Chinese numerals.
    let mut doc = Docx::new();
    doc.p("某县人民政府办公室关于印发《某县“十四五”卫生健康事业发展规划》的通知")
        .p("某政办发〔2022〕12号")
        .p("各乡镇人民政府，县直各部门：")
        .p("现将《某县“十四五”卫生健康事业发展规划》印发给你们，请认真贯彻执行。")
        .p("某县人民政府办公室")
        .p("二〇二二年三月八日")
        .p("某县“十四五”卫生健康事业发展规划")
        .styled("1", "一、发展基础");
    let (imported, plan) = import_docx("notice.docx", &doc.bytes());
    assert_eq!(plan.title(), "某县“十四五”卫生健康事业发展规划");
    assert_eq!(plan.issued.as_ref().unwrap().value, "2022-03-08");
    assert_eq!(plan.issuer.as_ref().unwrap().value, "某县人民政府办公室");
    assert_eq!(
        imported.draft.doc_number.as_ref().unwrap().value,
        "某政办发〔2022〕12号"
    );
    assert!(
        imported
            .yaml
            .contains("# - 文号：某政办发〔2022〕12号（第 2 段）"),
        "{}",
        imported.yaml
    );
}

#[test]
fn limits_hold_in_text_boxes_and_nested_tables() {
    use planlint_import::docx::{read_docx, read_docx_with, DocxError, Limits};
    // Text boxes in text boxes, 200 deep: refused for nesting, not a crash.
    let mut inner = para("最里层");
    for _ in 0..200 {
        inner = vml_text_box(&inner);
    }
    let mut doc = Docx::new();
    doc.push(&inner);
    let e = read_docx(&doc.bytes()).unwrap_err();
    assert!(matches!(e, DocxError::TooDeep { .. }), "{e:?}");
    // Ten deep is read, each box after its anchor, the innermost last.
    let mut inner = para("最里层");
    for _ in 0..10 {
        inner = vml_text_box(&inner);
    }
    let mut doc = Docx::new();
    doc.push(&inner);
    let read = read_docx(&doc.bytes()).unwrap();
    assert_eq!(read.blocks.len(), 11);
    // A long cell repeated by a merge down many rows of a table in a text box: the text
    // budget holds there too.
    let long = "健".repeat(10_000);
    let mut rows = vec![vec![c(&long).restart()]];
    for _ in 0..200 {
        rows.push(vec![c("").cont()]);
    }
    let mut doc = Docx::new();
    doc.push(&text_box("", &table(&rows)));
    let small = Limits {
        max_text: 1 << 20,
        ..Limits::default()
    };
    let e = read_docx_with(&doc.bytes(), &small).unwrap_err();
    assert_eq!(e, DocxError::TooMuchText { limit: 1 << 20 });
}
