//! What `compare` and `unit_label` give a script: records read like maps — by field
//! (`c.verdict`), by index (`c["child_zh"]`), listed (`keys`, `to_map`) and printed — whose
//! texts are only written when read. An unknown field is a `rule-failed` naming the fields.

use planlint_engine::{Limits, RuleSet, RuleSource, Selection, World};
use planlint_model::{load_plan, Catalog, PlanSet};
use std::sync::Arc;

const PARENT: &str = "planlint: 1\nid: p\ntitle: 上级\nregion: 省\nlevel: province\nperiod: {start: 2021, end: 2025}\nindicators:\n  - {name: 婴儿死亡率, unit: ‰, target: \"<5\", nature: 约束性}\n";
const CHILD: &str = "planlint: 1\nid: c\ntitle: 下级\nregion: 市\nlevel: prefecture\nperiod: {start: 2021, end: 2025}\nparent: p\nindicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: 6.2, target: \"<10\", nature: 约束性}\n";

/// Runs `script` on the child plan; returns each finding's English message (without the
/// `=` that keeps an empty value from being an empty message).
fn run(script: &str) -> Vec<String> {
    let source = RuleSource {
        id: "probe".into(),
        meta_file: "rules/probe/rule.yaml".into(),
        meta_text: "id: probe\nseverity: warning\nsummary: {zh: 探针, en: probe}\n".into(),
        script_file: "rules/probe/check.rhai".into(),
        script_text: script.into(),
    };
    let (rules, problems) = RuleSet::compile(vec![source], Limits::default());
    assert!(problems.is_empty(), "{problems:?}");
    let plans = [("p.plan.yaml", PARENT), ("c.plan.yaml", CHILD)]
        .iter()
        .map(|(f, t)| load_plan(f, t).0.unwrap())
        .collect();
    let (set, _) = PlanSet::new(plans);
    let world = Arc::new(World::new(set, catalog()));
    rules
        .check(&world, &[1], &Selection::default())
        .into_iter()
        .map(|d| {
            d.message
                .en
                .strip_prefix('=')
                .unwrap_or(&d.message.en)
                .to_string()
        })
        .collect()
}

fn catalog() -> Catalog {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules/catalog.yaml");
    Catalog::load(file, &std::fs::read_to_string(file).unwrap()).0
}

fn say(what: &str) -> String {
    format!(
        "let row = plan.indicators[0]; let wanted = carried(plan)[0]; let c = compare(row, wanted); let u = unit_label(row); report(plan, #{{zh: \"探针\", en: `=${{{what}}}`}});"
    )
}

#[test]
fn comparison_reads_like_a_map() {
    assert_eq!(run(&say("c.verdict")), ["weaker"]);
    assert_eq!(run(&say("c[\"verdict\"]")), ["weaker"]);
    assert_eq!(
        run(&say("c.child_zh == c[\"child_zh\"] && c.child_zh != \"\"")),
        ["true"]
    );
    assert_eq!(run(&say("c.reason_en")), [""]);
    assert_eq!(
        run(&say("c.keys()")),
        ["[\"verdict\", \"reason_zh\", \"reason_en\", \"child_zh\", \"child_en\", \"parent_zh\", \"parent_en\", \"notes_zh\", \"notes_en\", \"within_approx\"]"]
    );
    assert_eq!(run(&say("c.to_map().verdict")), ["weaker"]);
    assert_eq!(run(&say("type_of(c)")), ["Comparison"]);
    let printed = run(&say("`${c}`"));
    assert!(
        printed[0].starts_with("#{verdict: \"weaker\", reason_zh: \"\""),
        "{printed:?}"
    );
}

#[test]
fn unit_label_reads_like_a_map() {
    assert_eq!(run(&say("u.status")), ["ok"]);
    assert_eq!(run(&say("u[\"printed\"] + \"|\" + u.canonical")), ["‰|‰"]);
    assert_eq!(run(&say("u.likely")), [""]);
    assert_eq!(run(&say("type_of(u)")), ["UnitLabel"]);
}

#[test]
fn an_unknown_field_names_the_fields() {
    let found = run(&say("c[\"verdit\"]"));
    assert_eq!(found.len(), 1);
    assert!(
        found[0].contains("Comparison has no field `verdit`; it has verdict, reason_zh"),
        "{found:?}"
    );
}

/// Headings seen by a script: depth first, each with its depth and title, found by
/// `find_section` (first match outside the background chapter, normalised), and the same
/// on every run.
#[test]
fn sections_depth_first() {
    const NESTED: &str = "planlint: 1\nid: c\ntitle: 下级\nregion: 市\nlevel: prefecture\nperiod: {start: 2021, end: 2025}\nsections:\n  - title: 发展基础\n    sections:\n      - {title: 主要成就}\n      - title: 面临形势\n        sections: [{title: 机遇}]\n  - title: 主要目标\n";
    let source = RuleSource {
        id: "probe".into(),
        meta_file: "rules/probe/rule.yaml".into(),
        meta_text: "id: probe\nseverity: warning\nsummary: {zh: 探针, en: probe}\n".into(),
        script_file: "rules/probe/check.rhai".into(),
        script_text:
            "let seen = []; for s in plan.sections { seen.push(`${s.depth}${s.title}`); } \
            for s in plan.sections { seen.push(`${s.depth}${s.title}`); } \
            seen.push(find_section(plan, [\"形势\", \"目标\"]).title); \
            seen.push(type_of(find_section(plan, [\"保障\"]))); \
            report(plan, #{zh: \"探针\", en: `${seen}`});"
                .into(),
    };
    let (rules, problems) = RuleSet::compile(vec![source], Limits::default());
    assert!(problems.is_empty(), "{problems:?}");
    let (set, _) = PlanSet::new(vec![load_plan("c.plan.yaml", NESTED).0.unwrap()]);
    let world = Arc::new(World::new(set, catalog()));
    let found: Vec<String> = rules
        .check(&world, &[0], &Selection::default())
        .into_iter()
        .map(|d| d.message.en)
        .collect();
    let once = "\"1发展基础\", \"2主要成就\", \"2面临形势\", \"3机遇\", \"1主要目标\"";
    // 面临形势 matches first, but it stands under 发展基础 (the plan's look back), so the
    // heading outside the background, 主要目标, is preferred.
    assert_eq!(found, [format!("[{once}, {once}, \"主要目标\", \"()\"]")]);
}
