//! Loading plan files: each problem code at its line and column, and what survives a
//! problem. One helper renders the outcome as text; each case is a small YAML and an inline
//! snapshot of that text.

use planlint_model::{load_plan, PlanSet};

/// The outcome of loading `text`: one line per problem, then what was read.
fn load(text: &str) -> String {
    let (plan, problems) = load_plan("t.plan.yaml", text);
    let mut out = String::new();
    for p in &problems {
        let at = &p.primary.location;
        out.push_str(&format!(
            "{} {}:{} {}\n",
            p.code, at.line, at.column, p.message.en
        ));
        // The byte range must point at the text the line and column name.
        if at.line > 0 {
            let line_start: usize = text
                .split_inclusive('\n')
                .take(at.line as usize - 1)
                .map(str::len)
                .sum();
            let col_offset = text[line_start..]
                .char_indices()
                .nth(at.column as usize - 1)
                .map_or(0, |(b, _)| b);
            assert_eq!(line_start + col_offset, at.offset, "offset of {p:?}");
        }
    }
    match plan {
        None => out.push_str("plan: none\n"),
        Some(plan) => out.push_str(&format!(
            "plan: id={:?} indicators={} sections={}\n",
            plan.id(),
            plan.indicators.len(),
            plan.all_sections().len()
        )),
    }
    out
}

const HEAD: &str = "planlint: 1\nid: p\ntitle: 测试规划\nregion: 某市\nlevel: prefecture\nperiod: {start: 2021, end: 2025}\n";

fn with_head(rest: &str) -> String {
    format!("{HEAD}{rest}")
}

#[test]
fn a_valid_plan_has_no_problems() {
    insta::assert_snapshot!(load(&with_head("indicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: 3.88, target: \"<10\", nature: 预期}\nsections:\n  - title: 发展基础\n    sections: [{title: 成就}]\n")), @r#"plan: id="p" indicators=1 sections=2"#);
}

#[test]
fn a_misspelt_key_is_unknown_field_and_the_rest_is_read() {
    insta::assert_snapshot!(load(&with_head("indicators:\n  - name: 婴儿死亡率\n    taget: \"<10\"\n  - name: 孕产妇死亡率\n")), @r#"
    unknown-field 9:5 unknown field `taget` in `indicators[0]`
    plan: id="p" indicators=2 sections=0
    "#);
}

#[test]
fn a_duplicate_key_keeps_the_first() {
    let text = with_head("title: 另一个标题\n");
    insta::assert_snapshot!(load(&text), @r#"
    duplicate-key 7:1 duplicate key `title` in `plan` (first at line 3); the first one is used
    plan: id="p" indicators=0 sections=0
    "#);
    let (plan, _) = load_plan("t.plan.yaml", &text);
    assert_eq!(plan.unwrap().title(), "测试规划");
}

/// A mapping of tens of thousands of made-up keys, of repeated ones and of keys that are
/// not text, as an attacker or a broken export writes it: each kind is said for the first
/// keys and then counted once, and the known keys among them are still read.
#[test]
fn a_flood_of_unknown_and_repeated_keys_is_counted_not_listed() {
    let mut body = String::new();
    for i in 0..30_000 {
        body.push_str(&format!("k{i}: v\n"));
    }
    for _ in 0..30_000 {
        body.push_str("title: 又一个标题\n");
    }
    for i in 0..21 {
        body.push_str(&format!("{}: v\n", 100_000 + i));
    }
    let text = with_head(&body);
    let (plan, problems) = load_plan("t.plan.yaml", &text);
    assert_eq!(plan.unwrap().title(), "测试规划");
    let of = |code: &str| problems.iter().filter(|p| p.code == code).count();
    let limit = planlint_model::decode::KEY_PROBLEMS;
    assert_eq!(of("unknown-field"), limit + 1);
    assert_eq!(of("duplicate-key"), limit + 1);
    assert_eq!(of("invalid-value"), limit + 1);
    let said: Vec<&str> = problems.iter().map(|p| p.message.en.as_str()).collect();
    assert!(
        said.contains(&"29980 more unknown fields in `plan`, from here on, not listed one by one"),
        "{said:?}"
    );
    assert!(
        said.contains(&"29980 more repeated keys in `plan`, from here on, not listed one by one; the first of each is used"),
        "{said:?}"
    );
    assert!(
        said.contains(
            &"1 more key of `plan` that is not text, from here on, not listed one by one"
        ),
        "{said:?}"
    );
}

#[test]
fn wrong_types_are_invalid_values() {
    insta::assert_snapshot!(load(&with_head("baseline_year: 二〇二〇\nindicators:\n  - {name: [a], target: {x: 1}}\n  - name: 床位数\n    nature: 必须\nsections: 发展基础\n")), @r#"
    invalid-value 7:16 `baseline_year` must be an integer, found text
    invalid-value 9:12 `name` must be text, found a list
    invalid-value 9:25 `target` must be text or a number, found a mapping
    invalid-value 11:13 invalid nature `必须`
    invalid-value 12:11 `sections` must be a list, or `unknown` where it was not transcribed; found `发展基础`
    plan: id="p" indicators=1 sections=0
    "#);
}

#[test]
fn missing_required_keys_are_reported_at_the_mapping() {
    insta::assert_snapshot!(load("planlint: 1\nid: Bad_Id\nlevel: town\nperiod: {start: 2025, end: 2021}\n"), @r#"
    invalid-value 1:1 `plan` is missing the required field `region`
    invalid-value 1:1 `plan` is missing the required field `title`
    invalid-value 2:5 `id` value `Bad_Id` is not a valid id (lowercase letters, digits and `-` only)
    invalid-value 3:8 `level` has an invalid value `town`
    invalid-value 4:9 the period starts (2025) after it ends (2021)
    plan: id="" indicators=0 sections=0
    "#);
}

#[test]
fn yaml_syntax_errors_point_at_the_line() {
    insta::assert_snapshot!(load("planlint: 1\nid: p\ntitle: [unclosed\nregion: x\n"), @"
    yaml-syntax 4:7 YAML syntax error: illegal placement of ':' indicator
    plan: none
    ");
}

#[test]
fn an_alias_bomb_is_refused_without_expanding_it() {
    let mut text =
        String::from("planlint: 1\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        let refs = vec![format!("*a{p}"); 9].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let started = std::time::Instant::now();
    let out = load(&text);
    assert!(out.starts_with("yaml-syntax "), "{out}");
    assert!(out.contains("safety limit"), "{out}");
    // Not a timing test: a bound far above any real run, so a hang shows as a failure.
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn deep_nesting_is_refused_at_its_line() {
    let nested: String = (0..200)
        .map(|i| format!("{}- \n", "  ".repeat(i)))
        .collect();
    let out = load(&with_head(&format!("sections:\n{nested}")));
    assert!(out.starts_with("yaml-syntax "), "{out}");
    assert!(out.contains("safety limit"), "{out}");
    let line: u32 = out
        .split_whitespace()
        .nth(1)
        .unwrap()
        .split(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(line > 20 && line < 60, "{out}");
}

#[test]
fn empty_and_non_mapping_files() {
    insta::assert_snapshot!(load(""), @r"
    invalid-value 1:1 the plan file is empty
    plan: none
    ");
    insta::assert_snapshot!(load("- just\n- a list\n"), @r"
    invalid-value 1:1 `plan` must be a mapping (key: value), found a list
    plan: none
    ");
}

#[test]
fn unsupported_format_version() {
    insta::assert_snapshot!(load(&HEAD.replace("planlint: 1", "planlint: 2")), @r#"
    invalid-value 1:11 format version 2 is not supported; this build reads version 1
    plan: id="p" indicators=0 sections=0
    "#);
}

fn plan(id: &str, level: &str, parent: Option<&str>) -> planlint_model::Plan {
    let parent = parent.map_or(String::new(), |p| format!("parent: {p}\n"));
    let text = format!("planlint: 1\nid: {id}\ntitle: {id}\nregion: r\nlevel: {level}\nperiod: {{start: 2021, end: 2025}}\n{parent}");
    let (plan, problems) = load_plan(&format!("{id}.plan.yaml"), &text);
    assert!(problems.is_empty(), "{problems:?}");
    plan.unwrap()
}

fn hierarchy(plans: Vec<planlint_model::Plan>) -> String {
    let (set, problems) = PlanSet::new(plans);
    let mut out: Vec<String> = problems
        .iter()
        .map(|p| format!("{} {} {}", p.code, p.primary.location, p.message.en))
        .collect();
    for (i, p) in set.plans().iter().enumerate() {
        let chain: Vec<&str> = set.ancestors(i).iter().map(|&a| set.get(a).id()).collect();
        out.push(format!("{} -> [{}]", p.id(), chain.join(", ")));
    }
    out.join("\n")
}

#[test]
fn the_hierarchy_resolves_ancestors() {
    insta::assert_snapshot!(hierarchy(vec![
        plan("county", "county", Some("city")),
        plan("city", "prefecture", Some("prov")),
        plan("prov", "province", Some("nation")),
        plan("nation", "national", None),
    ]), @r"
    county -> [city, prov, nation]
    city -> [prov, nation]
    prov -> [nation]
    nation -> []
    ");
}

#[test]
fn hierarchy_problems_are_coded() {
    insta::assert_snapshot!(hierarchy(vec![
        plan("self", "county", Some("self")),
        plan("orphan", "county", Some("gone")),
        plan("upside", "province", Some("low")),
        plan("low", "county", None),
        plan("twin", "county", None),
        plan("twin", "prefecture", None),
    ]), @r"
    duplicate-id twin.plan.yaml:2:5 plan id `twin` is already used by another file
    hierarchy-cycle self.plan.yaml:7:9 the plan names itself as its parent
    missing-parent orphan.plan.yaml:7:9 parent plan `gone` was not found
    hierarchy-level upside.plan.yaml:7:9 parent `low` is county, not above this province plan
    self -> []
    orphan -> []
    upside -> []
    low -> []
    twin -> []
    twin -> []
    ");
}

#[test]
fn a_cycle_without_levels_is_cut() {
    // Levels normally prevent cycles; plans whose level is missing can still form one.
    let mk = |id: &str, parent: &str| {
        let text = format!("planlint: 1\nid: {id}\ntitle: t\nregion: r\nperiod: {{start: 2021, end: 2025}}\nparent: {parent}\n");
        load_plan(&format!("{id}.plan.yaml"), &text).0.unwrap()
    };
    let out = hierarchy(vec![mk("a", "b"), mk("b", "c"), mk("c", "a")]);
    assert!(out.contains("hierarchy-cycle"), "{out}");
    assert_eq!(out.matches("hierarchy-cycle").count(), 1, "{out}");
}
