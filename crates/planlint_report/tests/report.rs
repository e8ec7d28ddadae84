//! The report built from small plans written here: each verdict, the chart, sections and
//! exemptions, a file that is not a plan, both languages, and text that must stay text.
//!
//! The agreement of the report's verdicts with the rules' findings on the seeds is tested
//! in the `planlint` crate, which runs the rules; the seed plan's snapshots are in
//! `tests/report.rs` at the repository root.

use planlint_align::World;
use planlint_diagnostics::{Diagnostic, Lang, Location, Severity, Text};
use planlint_model::{load_plan, Catalog, PlanSet};
use planlint_report::{build, html, markdown, unreadable, Bar, Outcome, Verdict};

const CATALOG: &str = include_str!("../../../rules/catalog.yaml");

const PARENT: &str = r#"planlint: 1
id: province
title: 某省“十四五”卫生健康规划
region: 某省
level: province
period: {start: 2021, end: 2025}
indicators:
  - {name: 婴儿死亡率, unit: ‰, baseline: "5.4", target: "<5", nature: 约束性}
  - {name: 居民健康素养水平, unit: "%", baseline: "20", target: "≥25", nature: 预期性}
  - {name: 人均预期寿命, unit: 岁, baseline: "77.9", target: 在2020年基础上提高1岁左右}
  - {name: 15岁以上人群吸烟率, unit: "%", target: "23.3"}
  - {name: 儿童青少年总体近视率, unit: "%", baseline: "52.7", target: 每年降低0.5个百分点}
requirements:
  sections:
    - {topic: 保障措施, any_of: [保障措施, 规划实施]}
    - {topic: 中医药, any_of: [中医药]}
"#;

const CHILD: &str = r#"planlint: 1
id: city
title: 某市“十四五”卫生健康规划
region: 某市
level: prefecture
period: {start: 2021, end: 2025}
parent: province
sections:
  - {number: 一、, title: 发展基础}
  - {number: 二、, title: 规划实施}
indicators:
  - {"no": 1, name: 婴儿死亡率, unit: ‰, baseline: "3.88", target: "<10", nature: 预期性}
  - {"no": 2, name: 居民健康素养水平, unit: "%", baseline: "20.4", target: "≥26", nature: 预期性}
  - {"no": 3, name: 人均预期寿命, unit: 岁, baseline: "77.1", target: "77.6"}
  - {"no": 4, name: 儿童青少年总体近视率, unit: "%", baseline: "54.49", target: 每年降低0.5个百分点}
  - {"no": 5, name: 每千人口医疗卫生机构床位数, unit: 张, baseline: "5.46", target: "7.5"}
exemptions:
  - {rule: missing-section, section: 中医药, reason: 本市中医药另有专项规划}
"#;

/// The world of a check of `files`, and the loading problems.
fn world(files: &[(&str, &str)]) -> (World, Vec<Diagnostic>) {
    let (catalog, mut problems) = Catalog::load("rules/catalog.yaml", CATALOG);
    let mut plans = Vec::new();
    for (name, text) in files {
        let (plan, found) = load_plan(name, text);
        plans.extend(plan);
        problems.extend(found);
    }
    let (set, found) = PlanSet::new(plans);
    problems.extend(found);
    (World::new(set, catalog), problems)
}

fn index(world: &World, id: &str) -> usize {
    world.plans.index_of(id).unwrap()
}

/// A finding about plan `city`, as a rule would report it.
fn finding(
    code: &str,
    severity: Severity,
    subject: Option<&str>,
    exemption: Option<&str>,
) -> Diagnostic {
    let mut d = Diagnostic::new(
        code,
        severity,
        Text::new("中文消息", "a message"),
        Location::file("city.plan.yaml"),
    )
    .with_plan("city");
    d.subject.section = subject.map(str::to_string);
    d.exemption = exemption.map(str::to_string);
    d
}

#[test]
fn every_verdict_with_its_reason() {
    let (world, problems) = world(&[("province.plan.yaml", PARENT), ("city.plan.yaml", CHILD)]);
    assert_eq!(problems, Vec::new());
    let report = build(
        &world,
        index(&world, "city"),
        &[],
        |_| false,
        "planlint test",
    );
    let verdicts: Vec<(&str, Verdict, bool)> = report
        .indicators
        .iter()
        .map(|l| (l.wanted.name.as_str(), l.verdict, l.downgraded))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("婴儿死亡率", Verdict::Weaker, true),
            ("居民健康素养水平", Verdict::Stricter, false),
            ("人均预期寿命", Verdict::Weaker, false),
            ("15岁以上人群吸烟率", Verdict::Missing, false),
            ("儿童青少年总体近视率", Verdict::Equal, false),
        ]
    );
    let reasons: Vec<&str> = report
        .indicators
        .iter()
        .map(|l| l.reason.en.as_str())
        .collect();
    insta::assert_debug_snapshot!(reasons, @r#"
    [
        "this plan: < 10‰; the ancestor: < 5‰; binding (约束性) in the ancestor, not in this plan",
        "this plan: ≥ 26%; the ancestor: ≥ 25%",
        "this plan: ≥ 77.6岁; the ancestor: ≥ 78.1岁; the parent target is approximate (左右); the parent's change was applied to the child's own baseline",
        "the plan's indicator table has no row for it",
        "this plan: ≤ 51.99%; the ancestor: ≤ 51.99%; the parent's change was applied to the child's own baseline",
    ]
    "#);
    // The plan's row the parent does not have.
    let unmatched: Vec<&str> = report.unmatched.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(unmatched, ["每千人口医疗卫生机构床位数"]);
    assert_eq!(report.outcome, Outcome::Passes, "no diagnostics were given");
}

#[test]
fn an_equal_change_without_baselines_is_not_said_to_be_unconvertible() {
    // Both promise the same change and neither gives a baseline: the changes are compared
    // as written, and the reason says so instead of "无法换算" beside "与上级持平".
    let parent = PARENT.replace(
        r#"{name: 15岁以上人群吸烟率, unit: "%", target: "23.3"}"#,
        r#"{name: 15岁以上人群吸烟率, unit: "%", target: 降低2个百分点}"#,
    );
    let child = CHILD.replace(
        r#"  - {"no": 5,"#,
        "  - {\"no\": 6, name: 15岁以上人群吸烟率, unit: \"%\", target: 降低2个百分点}\n  - {\"no\": 5,",
    );
    let (world, problems) = world(&[("province.plan.yaml", &parent), ("city.plan.yaml", &child)]);
    assert_eq!(problems, Vec::new());
    let report = build(
        &world,
        index(&world, "city"),
        &[],
        |_| false,
        "planlint test",
    );
    let line = report
        .indicators
        .iter()
        .find(|l| l.wanted.name == "15岁以上人群吸烟率")
        .unwrap();
    assert_eq!(line.verdict, Verdict::Equal);
    assert!(!line.reason.zh.contains("无法换算"), "{}", line.reason.zh);
    assert!(
        line.reason.zh.contains("按所写的变化幅度直接比较"),
        "{}",
        line.reason.zh
    );
}

#[test]
fn a_chart_puts_the_three_values_on_the_plan_s_scale() {
    let (world, _) = world(&[("province.plan.yaml", PARENT), ("city.plan.yaml", CHILD)]);
    let report = build(
        &world,
        index(&world, "city"),
        &[],
        |_| false,
        "planlint test",
    );
    let life = &report.indicators[2];
    let chart = life.chart.as_ref().unwrap();
    assert_eq!(chart.higher_is_better, Some(true));
    assert_eq!(chart.unit.as_deref(), Some("岁"));
    assert_eq!(chart.baseline, Some(77.1));
    assert_eq!(chart.plan, Bar::AtLeast(77.6));
    // The parent's "+1 year" is applied to the plan's own baseline, as the rule compares.
    assert!(matches!(chart.parent, Bar::AtLeast(v) if (v - 78.1).abs() < 1e-9));
    let infant = &report.indicators[0];
    let chart = infant.chart.as_ref().unwrap();
    assert_eq!(chart.higher_is_better, Some(false));
    assert_eq!(
        (chart.plan, chart.parent),
        (Bar::Below(10.0), Bar::Below(5.0))
    );
    // No chart where there is nothing to draw.
    assert!(report.indicators[3].chart.is_none());
}

#[test]
fn sections_are_covered_missing_or_exempted() {
    let (world, _) = world(&[("province.plan.yaml", PARENT), ("city.plan.yaml", CHILD)]);
    let exempted = finding(
        "missing-section",
        Severity::Warning,
        Some("中医药"),
        Some("本市中医药另有专项规划"),
    );
    let report = build(
        &world,
        index(&world, "city"),
        &[exempted],
        |_| false,
        "planlint test",
    );
    let lines: Vec<(&str, Option<&str>, Option<&str>)> = report
        .sections
        .iter()
        .map(|s| {
            (
                s.topic.as_str(),
                s.covered_by.as_ref().map(|(_, t)| t.as_str()),
                s.exempted.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("保障措施", Some("规划实施"), None),
            ("中医药", None, Some("本市中医药另有专项规划")),
        ]
    );
    assert_eq!(report.exemptions.len(), 1);
    assert_eq!(report.exemptions[0].covers, 1);
    assert_eq!(report.counts.exempted, 1);
    assert_eq!(report.outcome, Outcome::Passes);
}

#[test]
fn the_outcome_follows_the_open_findings() {
    let (world, _) = world(&[("province.plan.yaml", PARENT), ("city.plan.yaml", CHILD)]);
    let p = index(&world, "city");
    let warning = finding("slack-target", Severity::Warning, None, None);
    let error = finding("weaker-target", Severity::Error, None, None);
    let exempted_error = finding("weaker-target", Severity::Error, None, Some("理由"));
    let outcome = |found: &[Diagnostic]| build(&world, p, found, |_| false, "t").outcome;
    assert_eq!(outcome(&[]), Outcome::Passes);
    assert_eq!(
        outcome(std::slice::from_ref(&warning)),
        Outcome::PassesWithWarnings
    );
    assert_eq!(outcome(&[warning.clone(), error]), Outcome::Fails);
    assert_eq!(
        outcome(&[warning, exempted_error]),
        Outcome::PassesWithWarnings
    );
    // Findings about another plan are not this plan's.
    let other = finding("weaker-target", Severity::Error, None, None).with_plan("province");
    assert_eq!(outcome(&[other]), Outcome::Passes);
}

#[test]
fn a_unit_label_that_does_not_fit_is_not_compared() {
    // 婴儿死亡率 3.06 printed as "%" (攀枝花): converted it would look 10 times worse.
    let child = CHILD.replace(
        r#"name: 婴儿死亡率, unit: ‰, baseline: "3.88", target: "<10""#,
        r#"name: 婴儿死亡率, unit: "%", baseline: "3.06", target: "<4""#,
    );
    let (world, _) = world(&[("province.plan.yaml", PARENT), ("city.plan.yaml", &child)]);
    let report = build(&world, index(&world, "city"), &[], |_| false, "t");
    let infant = &report.indicators[0];
    assert_eq!(infant.verdict, Verdict::NotComparable);
    assert!(
        infant.reason.en.contains("unit-mismatch"),
        "{}",
        infant.reason.en
    );
    assert!(infant.chart.is_none());
}

#[test]
fn plan_text_stays_text_in_html_and_markdown() {
    let child = CHILD
        .replace(
            "title: 某市“十四五”卫生健康规划",
            "title: \"<script>alert('title')</script>某市规划\"",
        )
        .replace(
            "name: 每千人口医疗卫生机构床位数",
            "name: \"<img src=x onerror=alert(1)>床位 | 数\"",
        )
        .replace(
            "reason: 本市中医药另有专项规划",
            "reason: \"</style><script>alert('reason')</script>\"",
        );
    let (world, problems) = world(&[("province.plan.yaml", PARENT), ("city.plan.yaml", &child)]);
    assert_eq!(problems, Vec::new());
    let report = build(&world, index(&world, "city"), &[], |_| false, "t");
    for lang in [Lang::Zh, Lang::En] {
        let page = html(&report, lang);
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("<img"), "{page}");
        assert_eq!(
            page.matches("</style>").count(),
            1,
            "only the stylesheet's own"
        );
        assert!(page.contains("&lt;script&gt;alert('title')&lt;/script&gt;某市规划"));
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;床位 | 数"));
        assert!(page.contains("&lt;/style&gt;&lt;script&gt;alert('reason')&lt;/script&gt;"));
        let md = markdown(&report, lang);
        assert!(!md.contains("<script") && !md.contains("<img"), "{md}");
        assert!(
            md.contains("&lt;img src=x onerror=alert(1)>床位 \\| 数"),
            "{md}"
        );
    }
}

#[test]
fn a_file_that_is_not_a_plan_gets_a_report_that_says_so() {
    let (_, problems) = world(&[("broken.plan.yaml", "planlint: 1\nid: [\n")]);
    assert!(!problems.is_empty());
    let report = unreadable("broken.plan.yaml", &problems, "planlint test");
    assert_eq!(report.outcome, Outcome::Undetermined);
    let page = html(&report, Lang::En);
    assert!(page.contains("Undetermined"));
    assert!(page.contains("yaml-syntax"));
    assert!(!page.contains("table class=\"indicators\""));
    let md = markdown(&report, Lang::Zh);
    assert!(md.contains("无法判定"), "{md}");
    assert!(md.contains("yaml-syntax"), "{md}");
}

#[test]
fn a_plan_without_a_parent_has_nothing_to_carry() {
    let (world, _) = world(&[("province.plan.yaml", PARENT)]);
    let report = build(&world, index(&world, "province"), &[], |_| false, "t");
    assert!(report.ancestors.is_empty());
    assert!(report.indicators.is_empty());
    assert!(report.sections.is_empty());
    assert_eq!(report.unmatched.len(), 5);
    // Nothing was compared: the verdict is 无法判定, and says why.
    assert_eq!(report.outcome, Outcome::Undetermined);
    assert_eq!(report.gaps, [planlint_report::Gap::NoParent]);
    let page = html(&report, Lang::Zh);
    assert!(page.contains("本规划没有可对照的上级规划"), "{page}");
    assert!(
        page.contains("无法判定") && page.contains("未找到上级规划"),
        "{page}"
    );
}

#[test]
fn both_languages() {
    let (world, _) = world(&[("province.plan.yaml", PARENT), ("city.plan.yaml", CHILD)]);
    let error = finding("weaker-target", Severity::Error, None, None);
    let report = build(
        &world,
        index(&world, "city"),
        &[error],
        |_| false,
        "planlint test",
    );
    let zh = html(&report, Lang::Zh);
    assert!(zh.contains(r#"<html lang="zh-CN">"#));
    assert!(zh.contains("不通过") && zh.contains("弱于上级") && zh.contains("约束性被降为预期性"));
    assert!(zh.contains("中文消息") && !zh.contains("a message"));
    let en = html(&report, Lang::En);
    assert!(en.contains(r#"<html lang="en">"#));
    assert!(
        en.contains("Fails") && en.contains("weaker") && en.contains("downgraded from binding")
    );
    assert!(en.contains("a message") && !en.contains("中文消息"));
    // Plan text is the plan's, whatever the language.
    assert!(en.contains("某市“十四五”卫生健康规划"));
}

#[test]
fn the_html_is_self_contained() {
    let (world, _) = world(&[("province.plan.yaml", PARENT), ("city.plan.yaml", CHILD)]);
    let page = html(
        &build(&world, index(&world, "city"), &[], |_| false, "t"),
        Lang::Zh,
    );
    for outside in [
        "http:", "https:", "src=", "href=", "@import", "url(", "<link", "<script",
    ] {
        assert!(!page.contains(outside), "{outside}");
    }
    // Inline charts, one per comparable indicator, and a print stylesheet for A4.
    assert_eq!(page.matches("<svg class=\"chart\"").count(), 4);
    assert!(page.contains("@page { size: A4"));
    assert!(page.contains("thead { display: table-header-group; }"));
}

/// A plan whose table was not read (a picture in the document) and whose headings were
/// not read either: nothing was compared, so no pass; each gap is named.
#[test]
fn a_plan_with_no_table_and_no_headings_read_is_undetermined() {
    let bare = CHILD.split("sections:").next().unwrap().to_string();
    let (world, _) = world(&[("province.plan.yaml", PARENT), ("city.plan.yaml", &bare)]);
    let report = build(&world, index(&world, "city"), &[], |_| false, "t");
    assert!(!report.indicators.is_empty());
    assert_eq!(report.outcome, Outcome::Undetermined);
    assert!(
        report.gaps.contains(&planlint_report::Gap::NoTable),
        "{:?}",
        report.gaps
    );
    let page = html(&report, Lang::Zh);
    assert!(page.contains("未读到本规划的指标表"), "{page}");
    let md = markdown(&report, Lang::En);
    assert!(
        md.contains("Undetermined") && md.contains("No indicator table was read"),
        "{md}"
    );
}

#[test]
fn downgrades_are_counted_only_where_the_plans_above_record_natures() {
    let build_md = |parent: &str| {
        let (world, _) = world(&[("province.plan.yaml", parent), ("city.plan.yaml", CHILD)]);
        let report = build(
            &world,
            index(&world, "city"),
            &[],
            |_| false,
            "planlint test",
        );
        let opinion = planlint_report::opinion(&report, Lang::Zh);
        (markdown(&report, Lang::Zh), format!("{opinion:?}"))
    };
    let (md, _) = build_md(PARENT);
    assert!(md.contains("约束性被降级 1 项"), "{md}");
    let bare = PARENT
        .replace(", nature: 约束性}", "}")
        .replace(", nature: 预期性}", "}");
    let (md, opinion) = build_md(&bare);
    assert!(!md.contains("约束性被降级 0 项"), "{md}");
    assert!(
        md.contains("约束性是否被降级未知（上级未标明指标属性）"),
        "{md}"
    );
    assert!(!opinion.contains("降为预期性0项"), "{opinion}");
    assert!(
        opinion.contains("约束性指标是否降为预期性无法核对"),
        "{opinion}"
    );
}
