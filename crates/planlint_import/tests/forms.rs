//! The importer on small documents written for these tests, one form at a time: heading
//! styles, tables in both text layouts, metadata, the basis, targets in the text, and the
//! artifacts of web pages and converters.

use planlint_import::{import, Document, Imported, Options, Origin};
use planlint_model::{load_plan, Plan, Section};

fn run(text: &str) -> (Imported, Plan) {
    let doc = Document::from_text(text, "UTF-8");
    let imported = import("draft.txt", &doc, &Options::default());
    let (plan, problems) = load_plan("draft.plan.yaml", &imported.yaml);
    let errors: Vec<_> = problems
        .iter()
        .filter(|d| d.severity == planlint_diagnostics::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{}", imported.yaml);
    (imported, plan.unwrap())
}

fn outline(sections: &[Section], depth: usize, out: &mut Vec<String>) {
    for s in sections {
        let n = s.number.as_ref().map_or("", |n| n.value.as_str());
        out.push(format!("{}{n}{}", "  ".repeat(depth), s.title.value));
        outline(&s.sections, depth + 1, out);
    }
}

fn headings(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    outline(&plan.sections, 0, &mut out);
    out
}

fn rows(plan: &Plan) -> Vec<String> {
    plan.indicators
        .iter()
        .map(|r| {
            fn v<T: AsRef<str>>(s: &Option<planlint_model::Spanned<T>>) -> String {
                s.as_ref()
                    .map_or("-".to_string(), |s| s.value.as_ref().to_string())
            }
            format!(
                "{} {} [{}] {} | {} → {} | {}",
                v(&r.no),
                r.name.value,
                v(&r.unit),
                v(&r.domain),
                v(&r.baseline),
                v(&r.target),
                r.nature.as_ref().map_or("-", |n| n.value.zh())
            )
        })
        .collect()
}

fn codes(imported: &Imported) -> Vec<(String, u32)> {
    imported
        .problems
        .iter()
        .map(|d| (d.code.clone(), d.primary.location.line))
        .collect()
}

const CHAPTERS: &str = "\
某某市“十四五”卫生健康发展规划

第一章 发展背景
第一节 发展基础
一、资源总量
（一）床位增加
1.新建病房
2、改扩建门诊
（1）一号楼
（2）二号楼
(二)人员增加
第二节 面临形势
第二章 总体要求
";

#[test]
fn every_heading_style_nests_in_document_order() {
    let (_, plan) = run(CHAPTERS);
    assert_eq!(
        headings(&plan),
        [
            "第一章发展背景",
            "  第一节发展基础",
            "    一、资源总量",
            "      （一）床位增加",
            "        1.新建病房",
            "        2、改扩建门诊",
            "          （1）一号楼",
            "          （2）二号楼",
            "      (二)人员增加",
            "  第二节面临形势",
            "第二章总体要求",
        ]
    );
}

#[test]
fn run_in_headings_take_the_text_before_the_full_stop() {
    let text = "某县“十四五”卫生健康规划\n\n一、主要任务\n(一)提升基层能力。各乡镇卫生院要配齐设备，开展培训。\n(二)强化人才。引进急需专业人员。\n";
    let (_, plan) = run(text);
    assert_eq!(
        headings(&plan),
        ["一、主要任务", "  (一)提升基层能力", "  (二)强化人才"]
    );
}

#[test]
fn a_skipped_number_is_kept_and_reported() {
    let text = "某县“十四五”卫生健康规划\n一、现状\n（一）成效\n（三）问题\n二、目标\n";
    let (imported, plan) = run(text);
    assert_eq!(
        headings(&plan),
        ["一、现状", "  （一）成效", "  （三）问题", "二、目标"]
    );
    assert!(codes(&imported).contains(&("import-numbering".to_string(), 4)));
    let message = &imported
        .problems
        .iter()
        .find(|d| d.code == "import-numbering")
        .unwrap()
        .message
        .zh;
    assert!(message.contains("（二）"), "{message}");
}

#[test]
fn numbers_out_of_sequence_and_decimals_are_not_headings() {
    let text = "某县“十四五”卫生健康规划\n一、目标\n5.这不是标题\n77.6\n2025.12\n二、任务\n";
    let (_, plan) = run(text);
    assert_eq!(headings(&plan), ["一、目标", "二、任务"]);
}

#[test]
fn the_table_of_contents_is_not_the_body_and_differences_are_reported() {
    let text = "\
某某市“十四五”卫生健康发展规划
目   录
第一章  发展基础 3
第二章  深人推进改革
第一章  发展基础
第二章  深入推进改革
";
    let (imported, plan) = run(text);
    assert_eq!(headings(&plan), ["第一章发展基础", "第二章深入推进改革"]);
    let toc: Vec<&str> = imported
        .problems
        .iter()
        .filter(|d| d.code == "import-toc")
        .map(|d| d.message.zh.as_str())
        .collect();
    assert_eq!(toc.len(), 2, "{toc:?}");
    assert!(toc[0].contains("页码 3"));
    assert!(toc[1].contains("深人推进改革") && toc[1].contains("深入推进改革"));
}

/// One cell per line, blank lines between, units in the names, the domain before the
/// first row of its group and split over two lines, a missing baseline cell.
const CELL_PER_LINE: &str = "\
某某盟“十四五”卫生健康发展规划

一、发展目标

主要发展指标

主  要  指  标

2020年

2025年

指标性质

健康

水平

1

人均预期寿命(岁)

78.1

79

预期

2

婴儿死亡率  (‰)

4.2

<5

预期

健康服务

3

每千人口执业 (助理) 医师数 (人)

2.9

约束性

二、主要任务
";

#[test]
fn a_table_with_one_cell_per_line() {
    let (imported, plan) = run(CELL_PER_LINE);
    assert_eq!(
        rows(&plan),
        [
            "1 人均预期寿命 [岁] 健康水平 | 78.1 → 79 | 预期性",
            "2 婴儿死亡率 [‰] 健康水平 | 4.2 → <5 | 预期性",
            "3 每千人口执业(助理)医师数 [人] 健康服务 | - → 2.9 | 约束性",
        ]
    );
    // The row with a missing cell is read, and the guess reported at its line.
    let row3 = imported
        .problems
        .iter()
        .find(|d| d.code == "import-row")
        .unwrap();
    assert_eq!(row3.primary.location.line, 39);
    assert!(
        row3.message.zh.contains("基期值空缺"),
        "{}",
        row3.message.zh
    );
    // The table's lines are not headings, nor are the numbers in it.
    assert_eq!(headings(&plan), ["一、发展目标", "二、主要任务"]);
}

/// Cells that start with a tab, continuation lines, rows ended by blank lines, a unit
/// column, a header split over two lines, a repeated row number, and a previous period's
/// completion table before the new one.
const TABBED: &str = "\
某某旗“十四五”卫生健康规划
一、规划背景
表1 “十三五”规划主要指标完成情况
\t领域
\t主要指标
\t单位
\t2020年
目标值
\t2020年
完成值
\t指标
性质

\t健康
水平
\t1
\t孕产妇死亡率
\t/10万
\t≤20
\t0
\t预期性

二、发展目标
“十四五”规划指标体系
\t领域
\t主要指标
\t单位
\t2025年
\t指标性质

\t健康
水平
\t1
\t婴儿死亡率
\t‰
\t<6
\t预期性

\t
\t1
\t孕产妇死亡率（/10万）\t\t
\t＜15
\t约束性

三、主要任务
";

#[test]
fn tabbed_tables_and_a_previous_period() {
    let (_, plan) = run(TABBED);
    assert_eq!(
        rows(&plan),
        [
            "1 婴儿死亡率 [‰] 健康水平 | - → <6 | 预期性",
            "1 孕产妇死亡率 [/10万] 健康水平 | - → ＜15 | 约束性",
        ]
    );
    let previous = plan.previous_period.as_ref().expect("the completion table");
    assert_eq!(previous.period.as_ref().unwrap().value.start, 2016);
    let r = &previous.indicators[0];
    assert_eq!(r.name.value, "孕产妇死亡率");
    assert_eq!(r.target.as_ref().unwrap().value, "≤20");
    assert_eq!(r.actual.as_ref().unwrap().value, "0");
    assert_eq!(
        headings(&plan),
        ["一、规划背景", "二、发展目标", "三、主要任务"]
    );
}

#[test]
fn cells_point_at_their_line_and_column() {
    let (imported, plan) = run(TABBED);
    // Row "婴儿死亡率": its target cell "<6" is on line 36, after a tab.
    let target = plan.indicators[0].target.as_ref().unwrap();
    let origin = imported.origins[target.pos.line as usize - 1].unwrap();
    assert_eq!(
        origin,
        Origin::Line {
            line: 36,
            column: 2
        }
    );
}

const NOTICE: &str = "\
您当前的位置:首页 > 政府信息公开 > 文件
某某市人民政府办公室关于印发《某某市“十四五”卫生健康发展规划》的通知
各区人民政府：
现将《某某市“十四五”卫生健康发展规划》印发给你们，请认真贯彻落实。
某某市人民政府办公室
2022年3月8日
某某市“十四五”卫生健康发展规划
为贯彻落实《某某省“十四五”卫生健康发展规划》和《某某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》，制定本规划。
一、发展基础
全市每千人口床位数达到6.2张。
二、发展目标
到2025年，每万人口全科医生数达到4名以上，孕产妇死亡率控制在12/10万以下。
";

#[test]
fn metadata_and_the_basis() {
    let (imported, plan) = run(NOTICE);
    assert_eq!(plan.title(), "某某市“十四五”卫生健康发展规划");
    assert_eq!(plan.region.as_ref().unwrap().value, "某某市");
    assert_eq!(plan.level().unwrap().as_str(), "prefecture");
    assert_eq!(plan.period.as_ref().unwrap().value.to_string(), "2021–2025");
    assert_eq!(plan.baseline_year(), Some(2020));
    assert_eq!(plan.issued.as_ref().unwrap().value, "2022-03-08");
    assert_eq!(plan.issuer.as_ref().unwrap().value, "某某市人民政府办公室");
    let basis: Vec<&str> = plan.basis.iter().map(|b| b.value.as_str()).collect();
    assert_eq!(
        basis,
        [
            "某某省“十四五”卫生健康发展规划",
            "某某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
        ]
    );
    // Site navigation is skipped, and said so at line 1.
    assert!(codes(&imported).contains(&("import-skipped".to_string(), 1)));
}

#[test]
fn targets_in_the_text_look_ahead_not_back() {
    let (_, plan) = run(NOTICE);
    let targets: Vec<String> = plan
        .targets_in_text
        .iter()
        .map(|t| {
            format!(
                "{}: {} ({:?}, {})",
                t.name.value,
                t.target.value,
                t.year.as_ref().map(|y| y.value),
                t.section.as_ref().unwrap().value
            )
        })
        .collect();
    // 发展基础 reports what was reached; only the 2025 aims are targets.
    assert_eq!(
        targets,
        [
            "每万人口全科医生数: 达到4名以上 (Some(2025), 发展目标)",
            "孕产妇死亡率: 控制在12/10万以下 (Some(2025), 发展目标)",
        ]
    );
}

#[test]
fn the_parent_is_proposed_from_the_basis() {
    let doc = Document::from_text(NOTICE, "UTF-8");
    let candidates = vec![
        planlint_import::Candidate {
            id: "other-14".into(),
            title: "另一省“十四五”卫生健康发展规划".into(),
            level: Some("province".into()),
            file: String::new(),
        },
        planlint_import::Candidate {
            id: "mou-14".into(),
            title: "某某省“十四五”卫生健康发展规划".into(),
            level: Some("province".into()),
            file: String::new(),
        },
    ];
    let options = Options {
        candidates,
        ..Options::default()
    };
    let imported = import("draft.txt", &doc, &options);
    assert_eq!(imported.parent.as_deref(), Some("mou-14"));
    assert!(imported.yaml.contains("parent: \"mou-14\""));
}

#[test]
fn web_artifacts_are_removed_and_reported() {
    let text = "\
[bookmark: _GoBack]某某縣“十四五”衛(wèi)生健(jiàn)康規(guī)劃
一、總(zǒng)體要求
二、重點(diǎn)任務(wù)
";
    let (imported, plan) = run(text);
    // Traditional characters are kept as written; the readings are gone.
    assert_eq!(plan.title(), "某某縣“十四五”衛生健康規劃");
    assert_eq!(headings(&plan), ["一、總體要求", "二、重點任務"]);
    let skipped: Vec<&str> = imported
        .problems
        .iter()
        .filter(|d| d.code == "import-skipped")
        .map(|d| d.message.en.as_str())
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped.iter().any(|m| m.contains("6 pinyin readings")),
        "{skipped:?}"
    );
    assert!(
        skipped.iter().any(|m| m.contains("bookmark")),
        "{skipped:?}"
    );
}

#[test]
fn a_body_printed_twice_is_read_once() {
    let body: String = (1..=25)
        .map(|i| format!("第{i}段正文内容，说明本规划第{i}项工作的安排和要求。\n"))
        .collect();
    let text = format!("某县“十四五”卫生健康规划\n一、总体要求\n{body}二、保障措施\n网页页脚\n某县“十四五”卫生健康规划\n一、总体要求\n{body}");
    let (imported, plan) = run(&text);
    assert_eq!(headings(&plan), ["一、总体要求", "二、保障措施"]);
    let repeat = imported
        .problems
        .iter()
        .find(|d| d.message.en.contains("prints the body twice"))
        .expect("the repeat is reported");
    // The copy starts with the title printed again, on line 30.
    assert_eq!(repeat.primary.location.line, 30);
}

#[test]
fn a_document_without_anything_still_gives_a_plan_file_saying_what_is_missing() {
    let imported = import(
        "empty.txt",
        &Document::from_text("", "UTF-8"),
        &Options::default(),
    );
    let (_, problems) = load_plan("empty.plan.yaml", &imported.yaml);
    // Well-formed; only the values nobody could find are missing.
    assert!(
        problems.iter().all(|d| d.code == "invalid-value"),
        "{problems:#?}"
    );
    assert!(imported.yaml.contains("没有找到标题"), "{}", imported.yaml);
    assert!(imported.yaml.contains("没有找到指标表"));
}

#[test]
fn the_plan_file_for_a_small_document() {
    let (imported, _) = run(CELL_PER_LINE);
    insta::assert_snapshot!(imported.yaml);
}

#[test]
fn the_header_lists_every_guess_and_skip_with_its_place_and_marks_guessed_rows() {
    let (imported, _) = run(CELL_PER_LINE);
    let header: Vec<&str> = imported
        .yaml
        .lines()
        .take_while(|l| l.starts_with('#'))
        .collect();
    // Every warning of the import (what was skipped or guessed) is a header line with its
    // line in the document.
    for d in imported.problems.iter().filter(|d| {
        d.severity == planlint_diagnostics::Severity::Warning && d.code != "import-no-parent"
    }) {
        let line = format!("#   - 第 {} 行：{}", d.primary.location.line, d.message.zh);
        assert!(header.contains(&line.as_str()), "{line}\n{header:#?}");
    }
    // The level guessed from the region names where the region was read.
    assert!(
        header.iter().any(|l| l.contains("推测的（第 1 行）")),
        "{header:#?}"
    );
    // A row read with a guess says so on its own line in the file.
    let guessed = imported
        .yaml
        .lines()
        .filter(|l| l.trim_start().starts_with("- name:") && l.contains("  # "))
        .count();
    assert_eq!(guessed, 1, "{}", imported.yaml);
}
