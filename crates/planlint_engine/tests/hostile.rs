//! Hostile rules: each ends as one `rule-failed` finding within its limits, and the other
//! rules' findings are the same as without it.

use planlint_engine::{Limits, RuleSet, RuleSource, Selection, World};
use planlint_model::{load_plan, Catalog, PlanSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PARENT: &str = "planlint: 1\nid: p\ntitle: 上级\nregion: 省\nlevel: province\nperiod: {start: 2021, end: 2025}\nindicators:\n  - {name: 婴儿死亡率, unit: ‰, target: \"<5\", nature: 约束性}\n";
const CHILD: &str = "planlint: 1\nid: c\ntitle: 下级\nregion: 市\nlevel: prefecture\nperiod: {start: 2021, end: 2025}\nparent: p\nindicators:\n  - {name: 婴儿死亡率, unit: ‰, target: \"<10\", nature: 约束性}\n";

const META: &str = "id: ID\nseverity: warning\nsummary: {zh: 测试, en: test}\n";

/// A rule that reports every row, so its findings can be compared with and without a
/// hostile neighbour.
const GOOD: &str =
    "for row in plan.indicators { report(row, #{zh: `行 ${row.name}`, en: `row ${row.name}`}); }";

fn source(id: &str, script: &str) -> RuleSource {
    RuleSource {
        id: id.to_string(),
        meta_file: format!("rules/{id}/rule.yaml"),
        meta_text: META.replace("ID", id),
        script_file: format!("rules/{id}/check.rhai"),
        script_text: script.to_string(),
    }
}

fn world() -> Arc<World> {
    let plans = [("p.plan.yaml", PARENT), ("c.plan.yaml", CHILD)]
        .iter()
        .map(|(f, t)| load_plan(f, t).0.unwrap())
        .collect();
    let (set, problems) = PlanSet::new(plans);
    assert!(problems.is_empty());
    Arc::new(World::new(set, Catalog::default()))
}

fn limits() -> Limits {
    Limits {
        operations: 200_000,
        time: Duration::from_secs(1),
        map_size: 1_000,
        ..Limits::default()
    }
}

/// Runs the good rule beside a hostile one; returns the findings as `code file:line message`.
fn run(hostile: &str) -> Vec<String> {
    let (rules, problems) = RuleSet::compile(
        vec![source("good", GOOD), source("hostile", hostile)],
        limits(),
    );
    let world = world();
    let mut found: Vec<String> = problems
        .iter()
        .chain(&rules.check(&world, &[0, 1], &Selection::default()))
        .map(|d| format!("{} {} {}", d.code, d.primary.location, d.message.en))
        .collect();
    found.sort();
    found
}

fn good_only() -> Vec<String> {
    let (rules, _) = RuleSet::compile(vec![source("good", GOOD)], limits());
    let world = world();
    rules
        .check(&world, &[0, 1], &Selection::default())
        .iter()
        .map(|d| format!("{} {} {}", d.code, d.primary.location, d.message.en))
        .collect()
}

/// Asserts the hostile rule failed (once per plan, or once at compile time) with a
/// message containing `why`, and the good rule's findings are unchanged.
fn assert_contained(hostile: &str, why: &str) {
    let started = Instant::now();
    let found = run(hostile);
    // Not a timing test: a bound far above the limits, so a hang shows as a failure.
    assert!(started.elapsed() < Duration::from_secs(30), "{hostile}");
    let failed: Vec<&String> = found
        .iter()
        .filter(|f| f.starts_with("rule-failed"))
        .collect();
    assert!(!failed.is_empty(), "{hostile}: {found:#?}");
    for f in &failed {
        assert!(f.contains("rules/hostile/check.rhai"), "{f}");
        assert!(f.contains(why), "{hostile}: expected {why:?} in {f}");
    }
    let good: Vec<String> = found
        .into_iter()
        .filter(|f| f.starts_with("good "))
        .collect();
    assert_eq!(good, good_only(), "{hostile}");
}

#[test]
fn an_endless_loop_runs_out_of_operations() {
    assert_contained("loop { }", "ran out of operations");
}

#[test]
fn runaway_recursion_is_stopped() {
    assert_contained("fn f(x) { f(x + 1) } f(0);", "nested too deep");
}

#[test]
fn a_string_grown_without_end_is_stopped() {
    assert_contained("let s = \"x\"; loop { s += s; }", "too large");
}

#[test]
fn an_array_grown_without_end_is_stopped() {
    assert_contained("let a = [1]; loop { a += a; }", "too large");
}

#[test]
fn a_map_grown_without_end_is_stopped() {
    // Merging maps is checked against the map size limit.
    assert_contained(
        "let m = #{}; let i = 0; loop { m += #{}; m[`k${i}`] = i; i += 1; }",
        "too large",
    );
    // rhai does not check the size on an indexed assignment; the operation and time
    // limits stop it instead, long before memory matters.
    assert_contained(
        "let m = #{}; let i = 0; loop { m[`k${i}`] = i; i += 1; }",
        "ran out",
    );
}

#[test]
fn importing_a_module_is_refused() {
    assert_contained("import \"std\" as s;", "");
}

#[test]
fn reading_a_file_is_impossible() {
    assert_contained(
        "let f = open_file(\"/etc/passwd\"); f.read_string();",
        "open_file",
    );
}

#[test]
fn eval_is_refused() {
    assert_contained("eval(\"1 + 1\");", "");
}

#[test]
fn a_syntax_error_points_at_its_line() {
    let found = run("let x = ;\n");
    let failed: Vec<&String> = found
        .iter()
        .filter(|f| f.starts_with("rule-failed"))
        .collect();
    assert_eq!(failed.len(), 1, "{found:#?}");
    assert!(
        failed[0].contains("rules/hostile/check.rhai:1:"),
        "{}",
        failed[0]
    );
}

#[test]
fn a_failure_inside_functions_points_at_where_it_happened() {
    let found = run("fn f(x) {\n  g(x)\n}\nfn g(y) {\n  y.no_such_method()\n}\nf(1);\n");
    let failed: Vec<&String> = found
        .iter()
        .filter(|f| f.starts_with("rule-failed"))
        .collect();
    assert_eq!(failed.len(), 2, "{found:#?}");
    for f in failed {
        // Line 5, the call that failed, not the script's first line; the calls it was in.
        assert!(f.contains("rules/hostile/check.rhai:5:5 "), "{f}");
        assert!(f.contains("no_such_method (i64) (in `f` → `g`)"), "{f}");
    }
}

#[test]
fn a_closure_capturing_a_variable_says_closures_are_off() {
    // Closures are compiled out of the sandbox (rhai's `no_closure`); an anonymous function
    // that reads an outer variable fails, and the message says why and what to do.
    assert_contained(
        "let n = 1;\nlet big = [1, 2, 3].filter(|x| x > n);\n",
        "cannot use variables from outside it (closures are off in the sandbox): use a `for` loop",
    );
    // One that does not capture still works.
    let found =
        run("let big = [1, 2, 3].filter(|x| x > 1);\nif big.len() != 2 { throw \"wrong\"; }\n");
    assert!(
        found.iter().all(|f| !f.starts_with("rule-failed")),
        "{found:#?}"
    );
}

#[test]
fn calling_helpers_with_wrong_types_fails_cleanly() {
    assert_contained("report(42, #{zh: \"x\", en: \"y\"});", "report() needs");
    assert_contained(
        "report(plan, #{zh: \"only chinese\"});",
        "both `zh` and `en`",
    );
    assert_contained("compare(1, 2);", "compare");
}

#[test]
fn a_flood_of_findings_is_cut_off() {
    assert_contained(
        "loop { report(plan, #{zh: \"x\", en: \"x\"}); }",
        "too many findings",
    );
}

#[test]
fn print_and_debug_go_nowhere() {
    // Output from a rule would corrupt machine output on stdout; it is dropped.
    let found = run("print(\"hello\"); debug(\"hello\");");
    assert!(
        found.iter().all(|f| !f.starts_with("rule-failed")),
        "{found:#?}"
    );
}

#[test]
fn two_rules_with_one_id_keep_the_first() {
    let (rules, problems) = RuleSet::compile(
        vec![source("good", GOOD), source("good", "loop {}")],
        limits(),
    );
    assert_eq!(rules.rules().len(), 1);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, "duplicate-id");
}
