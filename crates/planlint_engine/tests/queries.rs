//! The query helpers choose rows without a script loop: `compared(plan, verdicts)`,
//! `text_compared(plan, filter)`, `not_carried(plan)`, `plan.indicators_where(property, values)`,
//! `carried_where(plan, property, values)`, `plan.targets_where(property, values)` and
//! `plan.column(property)`. Each must give
//! exactly what the loop it replaces gives, in the same order. A probe rule computes both
//! on every plan of the seed repository and of every rule case, and reports any
//! difference.

use planlint_engine::{Limits, RuleSet, RuleSource, Selection, World};
use planlint_model::{load_plan, Catalog, PlanSet};
#[path = "common/files.rs"]
mod common;
use common::{files, root};
use std::path::PathBuf;
use std::sync::Arc;

const PROBE: &str = r#"
fn id(row) { `${row.plan.id}|${row.no}|${row.name}|${row.target}` }

fn property(row, name) {
    switch name {
        "name" => row.name, "unit" => row.unit, "domain" => row.domain, "no" => row.no,
        "baseline" => row.baseline, "target" => row.target, "nature" => row.nature,
        "nature_given" => row.nature_given, "binding" => row.binding,
        "indicator" => row.indicator, "matched_by" => row.matched_by, "form" => row.form,
        "baseline_check" => baseline_check(row), "sign_conflict" => sign_conflict(row),
        "direction" => direction(row), "unit_status" => unit_label(row).status,
        "baseline_bound" => {
            let b = bound(row.baseline);
            if type_of(b) == "()" { "" } else if b.floor { "floor" } else { "ceiling" }
        },
        "baseline_verdict" => {
            let v = baseline_verdict(row);
            if type_of(v) == "()" { "" } else { v.verdict }
        },
        "baseline_disputed" => baseline_conflicts(row).len() > 0,
        "slipped" => slips(row).len() > 0,
        "previous_nature" => {
            let old = previous_row(row.plan, row);
            if type_of(old) == "()" { "" } else { old.nature }
        },
        "previous_verdict" => {
            let c = compare_previous(row.plan, row);
            if type_of(c) == "()" { "" } else { c.verdict }
        },
        _ => throw `unknown property ${name}`,
    }
}

// The alignment's policy, written out: a pair is compared only where both unit labels fit
// their values and the printed units measure the same quantity.
fn fits(row) { ["", "ok"].contains(unit_label(row).status) }
fn standing(row, wanted) {
    if !fits(row) { "unit-label" }
    else if !units_convert(row, wanted) { "units-differ" }
    else if !fits(wanted) { "unit-label" }
    else {
        // Short of an approximate target by no more than 左右 allows: equal.
        let c = compare(row, wanted);
        if c.within_approx == "true" { "equal" } else { c.verdict }
    }
}
fn text_standing(t, row) { if fits(row) { compare(t, row).verdict } else { "unit-label" } }

let checked = 0;
let wrong = [];
let seen = "";   // the properties some row has a value other than "" or false for

// compared(plan, verdict), and with several verdicts, against carried + find_row + compare.
let verdicts = ["stricter", "equal", "weaker", "uncomparable", "unit-label", "units-differ"];
let all = [];
for v in verdicts {
    let by_loop = [];
    for wanted in carried(plan) {
        let row = find_row(plan, wanted);
        if type_of(row) == "()" { continue; }
        let c = compare(row, wanted);
        if standing(row, wanted) == v { by_loop.push(`${id(row)}>${id(wanted)}>${c.child_en}>${c.reason_en}`); }
    }
    let by_query = [];
    for pair in compared(plan, v) {
        let c = pair.comparison;
        by_query.push(`${id(pair.row)}>${id(pair.wanted)}>${c.child_en}>${c.reason_en}`);
    }
    checked += by_loop.len();
    if by_loop != by_query { wrong.push(`compared(${v}): ${by_loop} != ${by_query}`); }
}
let by_loop = [];
for wanted in carried(plan) {
    let row = find_row(plan, wanted);
    if type_of(row) == "()" { continue; }
    let v = standing(row, wanted);
    if v == "weaker" || v == "equal" { by_loop.push(`${id(row)}>${id(wanted)}`); }
}
let by_query = [];
for pair in compared(plan, ["weaker", "equal"]) { by_query.push(`${id(pair.row)}>${id(pair.wanted)}`); }
if by_loop != by_query { wrong.push(`compared(weaker, equal): ${by_loop} != ${by_query}`); }
let every = [];
for pair in compared(plan) { every.push(`${id(pair.row)}>${id(pair.wanted)}`); }
let by_loop = [];
for wanted in carried(plan) {
    let row = find_row(plan, wanted);
    if type_of(row) != "()" { by_loop.push(`${id(row)}>${id(wanted)}`); }
}
if by_loop != every { wrong.push(`compared(): ${by_loop} != ${every}`); }
for convert in [true, false] {
    let by_loop = [];
    let weaker_loop = [];
    for wanted in carried(plan) {
        let row = find_row(plan, wanted);
        if type_of(row) == "()" || units_convert(row, wanted) != convert { continue; }
        by_loop.push(`${id(row)}>${id(wanted)}`);
        if standing(row, wanted) == "weaker" { weaker_loop.push(`${id(row)}>${id(wanted)}`); }
    }
    let by_query = [];
    for pair in compared(plan, #{units_convert: convert}) { by_query.push(`${id(pair.row)}>${id(pair.wanted)}`); }
    let weaker_query = [];
    for pair in compared(plan, #{units_convert: convert, verdict: ["weaker"]}) { weaker_query.push(`${id(pair.row)}>${id(pair.wanted)}`); }
    checked += by_loop.len();
    if by_loop != by_query { wrong.push(`compared(units_convert: ${convert}): ${by_loop} != ${by_query}`); }
    if weaker_loop != weaker_query { wrong.push(`compared(weaker, units_convert: ${convert}): ${weaker_loop} != ${weaker_query}`); }
}

// compared(plan, #{row_binding, wanted_binding}) against carried + find_row.
for both in [[true, true], [true, false], [false, true], [false, false]] {
    let by_loop = [];
    for wanted in carried(plan) {
        let row = find_row(plan, wanted);
        if type_of(row) == "()" || row.binding != both[0] || wanted.binding != both[1] { continue; }
        by_loop.push(`${id(row)}>${id(wanted)}`);
    }
    let by_query = [];
    for pair in compared(plan, #{row_binding: both[0], wanted_binding: both[1]}) {
        by_query.push(`${id(pair.row)}>${id(pair.wanted)}`);
    }
    checked += by_loop.len();
    if both == [false, true] && by_loop.len() > 0 && !seen.contains(",downgraded,") { seen += ",downgraded,"; }
    if by_loop != by_query { wrong.push(`compared(binding ${both}): ${by_loop} != ${by_query}`); }
}

// text_compared(plan, #{target_hold, row_binding}) against targets_in_text + find_row.
for hold in [true, false] {
    for binding in [true, false] {
        let by_loop = [];
        for t in plan.targets_in_text {
            let row = find_row(plan, t);
            if type_of(row) == "()" || t.hold != hold || row.binding != binding { continue; }
            by_loop.push(`${t.name}|${t.target}|${t.section}>${id(row)}`);
        }
        let by_query = [];
        for pair in text_compared(plan, #{target_hold: hold, row_binding: binding}) {
            by_query.push(`${pair.target.name}|${pair.target.target}|${pair.target.section}>${id(pair.row)}`);
        }
        checked += by_loop.len();
        if hold && by_loop.len() > 0 && !seen.contains(",target_hold,") { seen += ",target_hold,"; }
        if by_loop != by_query { wrong.push(`text_compared(hold ${hold}, binding ${binding}): ${by_loop} != ${by_query}`); }
    }
}

// text_compared(plan, filter) against targets_in_text + find_row + compare.
fn tid(t) { `${t.name}|${t.target}|${t.year}|${t.section}` }
let by_loop = [];
let changes_loop = [];
let weaker_loop = [];
for t in plan.targets_in_text {
    let row = find_row(plan, t);
    if type_of(row) == "()" { continue; }
    let c = compare(t, row);
    let v = text_standing(t, row);
    by_loop.push(`${tid(t)}>${id(row)}>${v}>${c.child_en}`);
    if t.form == "change" && row.form == "change" && (t.year == 0 || t.year == plan.period_end) {
        changes_loop.push(`${tid(t)}>${id(row)}`);
    }
    if v == "weaker" || v == "stricter" { weaker_loop.push(`${tid(t)}>${id(row)}`); }
}
let by_query = [];
for pair in text_compared(plan) {
    let c = pair.comparison;
    by_query.push(`${tid(pair.target)}>${id(pair.row)}>${c.verdict}>${c.child_en}`);
}
let changes_query = [];
for pair in text_compared(plan, #{target_form: "change", row_form: ["change"], target_year: [0, plan.period_end]}) {
    changes_query.push(`${tid(pair.target)}>${id(pair.row)}`);
}
let weaker_query = [];
for pair in text_compared(plan, ["weaker", "stricter"]) { weaker_query.push(`${tid(pair.target)}>${id(pair.row)}`); }
checked += by_loop.len();
if by_loop != by_query { wrong.push(`text_compared(): ${by_loop} != ${by_query}`); }
if changes_loop != changes_query { wrong.push(`text_compared(changes): ${changes_loop} != ${changes_query}`); }
if weaker_loop != weaker_query { wrong.push(`text_compared(weaker, stricter): ${weaker_loop} != ${weaker_query}`); }

// compared(plan, #{row_form, wanted_form}) against the loop.
let by_loop = [];
for wanted in carried(plan) {
    let row = find_row(plan, wanted);
    if type_of(row) == "()" || row.form != "value" || !["value", "range"].contains(wanted.form) { continue; }
    by_loop.push(`${id(row)}>${id(wanted)}`);
}
let by_query = [];
for pair in compared(plan, #{row_form: "value", wanted_form: ["value", "range"]}) { by_query.push(`${id(pair.row)}>${id(pair.wanted)}`); }
if by_loop != by_query { wrong.push(`compared(forms): ${by_loop} != ${by_query}`); }

// not_carried(plan) against carried + find_row.
let by_loop = [];
for wanted in carried(plan) {
    if type_of(find_row(plan, wanted)) == "()" && required(plan, wanted) { by_loop.push(id(wanted)); }
}
let by_query = [];
for wanted in not_carried(plan) { by_query.push(id(wanted)); }
checked += by_loop.len();
if by_loop != by_query { wrong.push(`not_carried: ${by_loop} != ${by_query}`); }

// plan.indicators_where(property, value) for every value a row has, and two at once;
// plan.column(property); carried_where(plan, property, value) for every value a carried
// row has.
for name in ["name", "unit", "domain", "no", "baseline", "target", "nature", "nature_given",
             "binding", "indicator", "matched_by", "form", "baseline_check", "sign_conflict",
             "direction", "unit_status", "baseline_bound", "baseline_verdict",
             "baseline_disputed", "slipped", "previous_nature", "previous_verdict"] {
    let values = [];
    for row in plan.indicators {
        let v = property(row, name);
        if !values.contains(v) { values.push(v); }
    }
    for v in values {
        if v != "" && v != false && !seen.contains(`,${name},`) { seen += `,${name},`; }
        let by_loop = [];
        for row in plan.indicators { if property(row, name) == v { by_loop.push(id(row)); } }
        let by_query = [];
        for row in plan.indicators_where(name, v) { by_query.push(id(row)); }
        checked += by_loop.len();
        if by_loop != by_query { wrong.push(`${name} = ${v}: ${by_loop} != ${by_query}`); }
    }
    let by_loop = [];
    for row in plan.indicators { by_loop.push(property(row, name)); }
    let by_query = plan.column(name);
    checked += by_loop.len();
    if by_loop != by_query { wrong.push(`column ${name}: ${by_loop} != ${by_query}`); }
    let carried_values = [];
    for row in carried(plan) {
        let v = property(row, name);
        if !carried_values.contains(v) { carried_values.push(v); }
    }
    for v in carried_values {
        let by_loop = [];
        for row in carried(plan) { if property(row, name) == v { by_loop.push(id(row)); } }
        let by_query = [];
        for row in carried_where(plan, name, v) { by_query.push(id(row)); }
        checked += by_loop.len();
        if by_loop != by_query { wrong.push(`carried ${name} = ${v}: ${by_loop} != ${by_query}`); }
    }
    if values.len() >= 2 {
        let pair = [values[0], values[1]];
        let by_loop = [];
        for row in plan.indicators { if pair.contains(property(row, name)) { by_loop.push(id(row)); } }
        let by_query = [];
        for row in plan.indicators_where(name, pair) { by_query.push(id(row)); }
        if by_loop != by_query { wrong.push(`${name} in ${pair}: ${by_loop} != ${by_query}`); }
    }
}

// plan.targets_where(property, value) for every value a text target has, and two at once.
fn text_property(t, name) {
    switch name {
        "name" => t.name, "target" => t.target, "unit" => t.unit, "section" => t.section,
        "scope" => t.scope, "indicator" => t.indicator, "form" => t.form,
        "year_given" => t.year_given, "hold" => t.hold,
        "scope_level" => scope_level(t.scope), "slipped" => slips(t).len() > 0,
        _ => throw `unknown property ${name}`,
    }
}
for name in ["name", "target", "unit", "section", "scope", "indicator", "form", "year_given",
             "hold", "scope_level", "slipped"] {
    let values = [];
    for t in plan.targets_in_text {
        let v = text_property(t, name);
        if !values.contains(v) { values.push(v); }
    }
    for v in values {
        if v != "" && v != false && !seen.contains(`,text ${name},`) { seen += `,text ${name},`; }
        let by_loop = [];
        for t in plan.targets_in_text { if text_property(t, name) == v { by_loop.push(tid(t)); } }
        let by_query = [];
        for t in plan.targets_where(name, v) { by_query.push(tid(t)); }
        checked += by_loop.len();
        if by_loop != by_query { wrong.push(`text ${name} = ${v}: ${by_loop} != ${by_query}`); }
    }
    if values.len() >= 2 {
        let pair = [values[0], values[1]];
        let by_loop = [];
        for t in plan.targets_in_text { if pair.contains(text_property(t, name)) { by_loop.push(tid(t)); } }
        let by_query = [];
        for t in plan.targets_where(name, pair) { by_query.push(tid(t)); }
        if by_loop != by_query { wrong.push(`text ${name} in ${pair}: ${by_loop} != ${by_query}`); }
    }
}

// plan.repeated(property) against a loop over the column.
for name in ["no", "indicator", "name", "binding"] {
    let column = plan.column(name);
    let by_loop = [];
    for i in 0..column.len() {
        let v = column[i];
        if by_loop.contains(v) { continue; }
        for j in (i + 1)..column.len() {
            if column[j] == v { by_loop.push(v); break; }
        }
    }
    let by_query = plan.repeated(name);
    checked += column.len();
    if by_loop.len() > 0 && !seen.contains(",repeated,") { seen += ",repeated,"; }
    if by_loop != by_query { wrong.push(`repeated ${name}: ${by_loop} != ${by_query}`); }
}

// text_groups(plan) against grouping the text targets by indicator in a loop.
fn text_id(t) { `${t.name}|${t.target}|${t.section}|${t.year}` }
let texts = plan.targets_in_text;
let keys = [];
for t in texts { keys.push(t.indicator); }
let by_loop = [];
for i in 0..keys.len() {
    if keys[i] == "" || keys.index_of(keys[i]) != i { continue; }
    let group = [];
    for j in i..keys.len() { if keys[j] == keys[i] { group.push(text_id(texts[j])); } }
    if group.len() >= 2 { by_loop.push(group); }
}
let by_query = [];
for g in text_groups(plan) {
    let group = [];
    for t in g { group.push(text_id(t)); }
    by_query.push(group);
}
checked += keys.len();
if by_loop.len() > 0 && !seen.contains(",text_groups,") { seen += ",text_groups,"; }
if by_loop != by_query { wrong.push(`text_groups: ${by_loop} != ${by_query}`); }

report(plan, #{zh: "探针", en: `${checked}|${seen}|${wrong}`});
"#;

fn rules(script: &str) -> RuleSet {
    let source = RuleSource {
        id: "probe".into(),
        meta_file: "rules/probe/rule.yaml".into(),
        meta_text: "id: probe\nseverity: info\nsummary: {zh: 探针, en: probe}\n".into(),
        script_file: "rules/probe/check.rhai".into(),
        script_text: script.into(),
    };
    let (rules, problems) = RuleSet::compile(vec![source], Limits::default());
    assert!(problems.is_empty(), "{problems:?}");
    rules
}

/// The bundled indicator catalog.
fn catalog() -> Catalog {
    let file = root().join("rules/catalog.yaml");
    Catalog::load(
        &file.to_string_lossy(),
        &std::fs::read_to_string(&file).unwrap(),
    )
    .0
}

/// The probe's findings on one repository: per plan, `checked|seen|wrong`.
fn probe(rules: &RuleSet, paths: &[PathBuf]) -> Vec<(String, usize, String, String)> {
    let plans = paths
        .iter()
        .filter_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            load_plan(&f.to_string_lossy(), &text).0
        })
        .collect();
    let (set, _) = PlanSet::new(plans);
    let which: Vec<usize> = (0..set.plans().len()).collect();
    let world = Arc::new(World::new(set, catalog()));
    rules
        .check(&world, &which, &Selection::default())
        .into_iter()
        .filter(|d| d.code == "probe" || d.code == "rule-failed")
        .map(|d| {
            let mut parts = d.message.en.splitn(3, '|');
            let checked = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let seen = parts.next().unwrap_or_default().to_string();
            let wrong = parts.next().unwrap_or_default().to_string();
            (
                format!("{} ({})", d.plan.unwrap_or_default(), d.message.en),
                checked,
                seen,
                wrong,
            )
        })
        .collect()
}

#[test]
fn queries_give_what_their_loops_give() {
    let rules = rules(PROBE);
    let mut found = Vec::new();
    let mut seeds = Vec::new();
    files(&root().join("seeds"), ".plan.yaml", &mut seeds);
    assert!(seeds.len() >= 7, "{seeds:?}");
    found.extend(probe(&rules, &seeds));
    let mut cases = 0;
    for rule in std::fs::read_dir(root().join("rules")).unwrap() {
        let dir = rule.unwrap().path().join("cases");
        if !dir.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(dir).unwrap() {
            let mut plans = Vec::new();
            files(&case.unwrap().path(), ".yaml", &mut plans);
            found.extend(probe(&rules, &plans));
            cases += 1;
        }
    }
    assert!(cases >= 40, "{cases} rule cases");
    let wrong: Vec<_> = found
        .iter()
        .filter(|(_, _, _, wrong)| wrong != "[]")
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
    // Not vacuous: the probe ran on every plan and compared many rows, and each property
    // was true, or not empty, for some row.
    let checked: usize = found.iter().map(|(_, n, _, _)| n).sum();
    for name in [
        "baseline_check",
        "sign_conflict",
        "unit_status",
        "baseline_bound",
        "baseline_verdict",
        "baseline_disputed",
        "slipped",
        "previous_nature",
        "previous_verdict",
        "repeated",
        "text_groups",
        "downgraded",
        "target_hold",
        "text name",
        "text unit",
        "text section",
        "text scope",
        "text indicator",
        "text form",
        "text year_given",
        "text hold",
        "text scope_level",
        "text slipped",
    ] {
        let some = found
            .iter()
            .any(|(_, _, seen, _)| seen.contains(&format!(",{name},")));
        assert!(some, "no row has a value for {name}");
    }
    assert!(found.len() >= 90, "{} plans probed", found.len());
    assert!(checked >= 2_000, "{checked} rows compared");
}

#[test]
fn distinct_and_join() {
    let mut seeds = Vec::new();
    files(&root().join("seeds"), ".plan.yaml", &mut seeds);
    let say = |what: &str| -> String {
        let script = format!("report(plan, #{{zh: \"探针\", en: `${{{what}}}`}});");
        probe(&rules(&script), &seeds[..1]).remove(0).0
    };
    assert!(say(r#"distinct(["b", "a", "b", "c", "a"])"#).contains(r#"["b", "a", "c"]"#));
    assert!(say("distinct([3, 1, 3, true, false, true])").contains("[3, 1, true, false]"));
    assert!(say(r#"distinct(["1", 1])"#).contains(r#"["1", 1]"#));
    assert!(say("distinct([])").contains("[]"));
    assert!(say(r#"join(["甲", "乙", "丙"], "、")"#).contains("甲、乙、丙"));
    assert!(say(r#"join(["甲"], "、") + "|" + join([], "、") + "|""#).contains("甲||"));
    assert!(say(r#"join(["", "a", ""], ",")"#).contains(",a,"));
    assert!(say(r#"join(["a", 1], ",")"#)
        .contains("join() takes an array of strings, not one holding i64"));
    // The text is refused before it is made where it would pass the string limit (the
    // parts are held to it already: the separators are what could pass it).
    let long = say(r#"let s = ""; s.pad(40000, "x"); join(["a", "b", "c"], s)"#);
    assert!(
        long.contains("it built data that is too large (Length of string)"),
        "{long}"
    );
    assert!(say("distinct([[1]])")
        .contains("distinct() takes strings, integers and booleans, not array"));
}

#[test]
fn a_query_with_an_unknown_name_says_what_it_takes() {
    let mut seeds = Vec::new();
    files(&root().join("seeds"), ".plan.yaml", &mut seeds);
    let messages = |script: &str| -> Vec<String> {
        probe(&rules(script), &seeds[..1])
            .into_iter()
            .map(|(m, _, _, _)| m)
            .collect()
    };
    // Each call that cannot be taken, and what its message must say.
    let refused = [
        (
            r#"plan.indicators_where("colour", "red");"#,
            "indicators_where() selects by name, unit, domain,",
        ),
        (
            r#"plan.indicators_where("form", 3);"#,
            "indicators_where() selects by form with strings, not i64",
        ),
        (
            r#"plan.indicators_where("previous_verdict", "looser");"#,
            r#"indicators_where() selects by previous_verdict with "stricter", "equal", "weaker", "uncomparable", "", not "looser""#,
        ),
        (
            r#"carried_where(plan, "nature", ["binding", "约束性"]);"#,
            r#"carried_where() selects by nature with "binding", "expected", not "约束性""#,
        ),
        (
            r#"plan.indicators_where("slipped", "true");"#,
            "indicators_where() selects by slipped with true or false, not true (string)",
        ),
        (
            r#"plan.targets_where("colour", "red");"#,
            "targets_where() selects by name, target, unit, section, scope, indicator, form, year_given, hold, scope_level, slipped, not `colour`",
        ),
        (
            r#"plan.targets_where("scope_level", "national");"#,
            r#"targets_where() selects by scope_level with "province", "prefecture", "county", "", not "national""#,
        ),
        (
            r#"plan.targets_where("hold", 1);"#,
            "targets_where() selects by hold with true or false, not 1 (i64)",
        ),
        (
            r#"carried_where(plan, "colour", "red");"#,
            "carried_where() selects by name, unit, domain,",
        ),
        (
            r#"plan.column("colour");"#,
            "column() reads name, unit, domain,",
        ),
        (
            r#"compared(plan, #{colour: "red"});"#,
            "compared() filters by verdict, row_form, wanted_form, row_binding, wanted_binding, units_convert, not `colour`",
        ),
        (
            r#"compared(plan, #{row_binding: "yes"});"#,
            "compared() needs true or false for row_binding, not string",
        ),
        (
            r#"text_compared(plan, #{target_binding: true});"#,
            "text_compared() filters by verdict, target_form, row_form, row_binding, target_year, target_hold, not `target_binding`",
        ),
        (
            r#"plan.repeated("colour");"#,
            "repeated() reads name, unit, domain,",
        ),
        (
            r#"compared(plan, #{units_convert: "no"});"#,
            "compared() needs true or false for units_convert, not string",
        ),
        (
            r#"text_compared(plan, #{units_convert: true});"#,
            "text_compared() filters by verdict, target_form, row_form, row_binding, target_year, target_hold, not `units_convert`",
        ),
        (
            r#"compared(plan, #{row_form: "round"});"#,
            "compared() takes the forms empty, value, range,",
        ),
        (
            r#"compared(plan, "worse");"#,
            "compared() takes the verdicts stricter, equal, weaker, uncomparable, unit-label, units-differ, not `worse`",
        ),
    ];
    for (script, says) in refused {
        let found = messages(script);
        assert!(found[0].contains(says), "{script}: {found:?}");
    }
}

/// `plan.repeated` and `text_groups` on a plan of many rows and text targets: they count in
/// one pass (a helper's time is not the script's, and no limit stops a native call), and
/// give what they give on small plans.
#[test]
fn repeated_and_text_groups_hold_on_a_long_plan() {
    const ROWS: usize = 6_000;
    let mut text = String::from(
        "planlint: 1\nid: long\ntitle: 长表\nregion: 某县\nlevel: county\nperiod: {start: 2021, end: 2025}\nindicators:\n",
    );
    // Every row a name of its own but the last, which repeats the first; numbers 1..ROWS.
    for i in 0..ROWS {
        let name = if i + 1 == ROWS { 0 } else { i };
        text.push_str(&format!(
            "  - {{no: \"{}\", name: \"自拟指标{name}\", target: \"≥{i}\"}}\n",
            i + 1
        ));
    }
    // Text targets: pairs for the same indicator, and one alone.
    text.push_str("targets_in_text:\n");
    for i in 0..ROWS / 2 {
        for _ in 0..2 {
            text.push_str(&format!(
                "  - {{name: \"自拟指标{i}\", target: \"≥{i}\"}}\n"
            ));
        }
    }
    text.push_str("  - {name: \"另一指标\", target: \"≥1\"}\n");
    let file = std::env::temp_dir().join(format!("planlint-long-{}.plan.yaml", std::process::id()));
    std::fs::write(&file, &text).unwrap();
    let script = r#"
        let groups = text_groups(plan);
        let sizes = [];
        for g in groups { sizes.push(g.len()); }
        sizes = distinct(sizes);
        report(plan, #{zh: "探针", en: `0||${plan.repeated("name")}|${plan.repeated("no").len()}|${groups.len()}|${sizes}|${groups[1][0].name}`});
    "#;
    let found = probe(&rules(script), std::slice::from_ref(&file));
    let _ = std::fs::remove_file(&file);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .0
            .contains(&format!("[\"自拟指标0\"]|0|{}|[2]|自拟指标1", ROWS / 2)),
        "{found:?}"
    );
}
