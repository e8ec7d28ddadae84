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

// ---------------------------------------------------------------------------------------
// Nothing blocks, nothing is swallowed, nothing overflows the stack, and a rule that keeps
// hitting its limits is not run on every plan.

/// Runs `hostile` as above and asserts it failed, quickly, with `why`.
fn assert_contained_within(hostile: &str, why: &str, bound: Duration) {
    let started = Instant::now();
    assert_contained(hostile, why);
    // Each case runs the hostile rule on two plans, and `assert_contained` once more without it.
    assert!(
        started.elapsed() < bound,
        "{hostile}: {:?}",
        started.elapsed()
    );
}

#[test]
fn sleeping_is_refused() {
    // rhai's standard library has `sleep`, which would block a check thread for as long as
    // the script asked, past every limit.
    assert_contained_within(
        "sleep(30);",
        "`sleep` is not available",
        Duration::from_secs(5),
    );
    assert_contained_within(
        "sleep(30.0);",
        "`sleep` is not available",
        Duration::from_secs(5),
    );
    assert_contained_within(
        "let f = Fn(\"sleep\"); f.call(30);",
        "`sleep` is not available",
        Duration::from_secs(5),
    );
}

#[test]
fn an_error_inside_a_sort_comparator_fails_the_rule() {
    // rhai's own `sort` drops the comparator's error and sorts by type instead.
    assert_contained(
        "let a = [3, 1, 2]; a.sort(|x, y| { throw \"comparator broke\"; });",
        "comparator broke",
    );
    assert_contained(
        "let a = [3, 1, 2]; a.sort_by(|x, y| x.no_such_method());",
        "no_such_method",
    );
    assert_contained(
        "let a = [3, 1, 2, 2]; a.dedup(|x, y| { throw \"dedup broke\"; });",
        "dedup broke",
    );
    assert_contained(
        "let a = [3, 1, 2]; a.sort(|x, y| \"later\");",
        "not a number or true/false",
    );
}

#[test]
fn an_endless_comparator_is_stopped_and_fails_the_rule() {
    // Each call of the comparator counts its operations afresh in rhai, and rhai's `sort`
    // drops the error that stops one: the rule used to go on with the array unsorted.
    assert_contained_within(
        "let a = []; for i in 0..200 { a.push(200 - i); } a.sort(|x, y| { loop {} });",
        "ran out",
        Duration::from_secs(20),
    );
    assert_contained_within(
        "let a = [3, 1, 2, 2]; a.dedup(|x, y| { loop {} });",
        "ran out",
        Duration::from_secs(20),
    );
}

#[test]
fn sorting_with_a_comparator_still_sorts() {
    let found = run(concat!(
        "let a = [5, 3, 9, 1, 3, 7];\n",
        "a.sort(|x, y| x - y);\n",
        "if a != [1, 3, 3, 5, 7, 9] { throw `ascending: ${a}`; }\n",
        "a.sort(|x, y| x > y);\n",
        "if a != [9, 7, 5, 3, 3, 1] { throw `descending: ${a}`; }\n",
        "let rows = [#{k: 2, n: \"b\"}, #{k: 1, n: \"a\"}, #{k: 2, n: \"c\"}];\n",
        "rows.sort(|x, y| x.k - y.k);\n",
        "if rows.map(|r| r.n) != [\"a\", \"b\", \"c\"] { throw `stable: ${rows}`; }\n",
        "a.dedup(|x, y| x == y);\n",
        "if a != [9, 7, 5, 3, 1] { throw `dedup: ${a}`; }\n",
        "if `${[1, \"x\", #{k: [true]}]}` != \"[1, \\\"x\\\", #{\\\"k\\\": [true]}]\" { throw `printed: ${[1, \"x\", #{k: [true]}]}`; }\n",
        "if ![1, [2]].contains([2]) || [1, [2]].index_of([2]) != 1 { throw \"contains\"; }\n",
    ));
    assert!(
        found.iter().all(|f| !f.starts_with("rule-failed")),
        "{found:#?}"
    );
}

/// A script that builds two arrays `a` and `b` nested `depth` levels deep (cheaply: `take`
/// moves the value instead of copying it) and a map `m` nested as deep as the map size
/// limit lets it, then does `then` with them.
fn deep(depth: usize, then: &str) -> String {
    format!(
        "let a = []; let b = []; for i in 0..{depth} {{ a = [take(a)]; b = [take(b)]; }}\n\
         let m = #{{}}; for i in 0..900 {{ m = #{{x: take(m)}}; }}\n{then}"
    )
}

#[test]
fn values_nested_thousands_deep_fail_the_rule_and_never_abort() {
    // Each of these used to recurse once per level through rhai's function calls and
    // overflow the stack, aborting the whole process (SIGABRT), at 2,000 levels.
    for then in [
        "let same = a == b;",
        "let differ = a != b;",
        "let same = m == m;",
        "let s = `${a}`;",
        "let s = a.to_string();",
        "let s = a.to_debug();",
        "let s = m.to_string();",
        "print(a);",
        "debug(m);",
        "let s = \"x\" + a;",
        "let found = a in [1, b];",
        "let found = [1, b].index_of(a);",
        "let found = [1, b].contains(a);",
        "let j = m.to_json();",
    ] {
        assert_contained_within(
            &deep(3_000, then),
            "nested deeper than 64 levels",
            Duration::from_secs(60),
        );
    }
}

#[test]
fn deep_values_the_sandbox_cannot_refuse_run_on_a_stack_large_enough() {
    // Copying, dropping, hashing (`switch`) and throwing a deep value recurse in rhai
    // itself: the rules' threads have the stack for it, whoever calls the check, here a
    // thread with a small stack.
    for then in [
        "let c = a; let d = c;",
        "fn f(x) { x } let c = f(a);",
        "switch a { 1 => (), _ => () }",
    ] {
        let script = deep(3_000, then);
        let found = std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(move || run(&script))
            .unwrap()
            .join()
            .unwrap();
        assert!(
            found.iter().all(|f| !f.starts_with("rule-failed")),
            "{then}: {found:#?}"
        );
    }
    // A thrown deep value is shown shortened.
    assert_contained(&deep(3_000, "throw a;"), "[[[[[[[[[…]]]]]]]]]");
}

#[test]
fn the_text_of_findings_is_bounded_per_run() {
    // 1,000 findings of 60 KB each: 60 MB held for one plan, before (and 600 MB at the
    // 10,000 findings a run may report).
    assert_contained(
        "let s = \"\"; s.pad(10000, \"长\");\nfor i in 0..1000 { report(plan, #{zh: s, en: s}); }",
        "too much text",
    );
}

/// `n` child plans of one parent, named c01, c02, …
fn world_of(n: usize) -> Arc<World> {
    let mut texts = vec![("p.plan.yaml".to_string(), PARENT.to_string())];
    for i in 1..=n {
        texts.push((
            format!("c{i:02}.plan.yaml"),
            CHILD
                .replace("id: c\n", &format!("id: c{i:02}\n"))
                .replace("title: 下级", &format!("title: 下级{i}")),
        ));
    }
    let plans = texts
        .iter()
        .map(|(f, t)| load_plan(f, t).0.unwrap())
        .collect();
    let (set, problems) = PlanSet::new(plans);
    assert!(problems.is_empty(), "{problems:?}");
    Arc::new(World::new(set, Catalog::default()))
}

/// The findings of `script` beside the good rule over every plan of `world`, on `jobs`
/// threads, as `code file message`.
fn run_all(script: &str, world: &Arc<World>, jobs: usize) -> Vec<String> {
    let (rules, problems) = RuleSet::compile(
        vec![source("good", GOOD), source("hostile", script)],
        limits(),
    );
    assert!(problems.is_empty(), "{problems:?}");
    let all: Vec<usize> = (0..world.plans.plans().len()).collect();
    rules
        .check_parallel(world, &all, &Selection::default(), jobs, &|| {})
        .iter()
        .map(|d| format!("{} {} {}", d.code, d.primary.location, d.message.en))
        .collect()
}

#[test]
fn a_rule_that_keeps_hitting_its_limits_is_not_run_on_every_plan() {
    let world = world_of(12);
    let started = Instant::now();
    let found = run_all("loop {}", &world, 1);
    let failed: Vec<&String> = found
        .iter()
        .filter(|f| f.starts_with("rule-failed"))
        .collect();
    // The parent and the first two children, in plan order, then one line for the rest.
    assert_eq!(failed.len(), 4, "{failed:#?}");
    assert!(
        failed.iter().any(|f| f.contains(
            "rule `hostile` hit its limits on 3 plans (p, c01, c02) and was not run on the 10 plans after them"
        )),
        "{failed:#?}"
    );
    // The good rule still ran on every plan.
    assert_eq!(found.iter().filter(|f| f.starts_with("good ")).count(), 13);
    // Not a timing test: the thirteen plans would each have run out of operations.
    assert!(started.elapsed() < Duration::from_secs(30));
    // The same output whatever the threads.
    for jobs in [2, 8] {
        assert_eq!(run_all("loop {}", &world, jobs), found, "{jobs} threads");
    }
}

#[test]
fn which_plans_a_rule_is_disabled_after_depends_on_plan_order_only() {
    // It fails on c02, c05, c06 and c09 only: the cut is after c06 (the third in plan
    // order), so c09's failure is not reported and c07…c12 are not run.
    let world = world_of(12);
    let script = "if [\"c02\", \"c05\", \"c06\", \"c09\"].contains(plan.id) { loop {} }\nreport(plan, #{zh: \"过\", en: \"ran\"});";
    let found = run_all(script, &world, 1);
    let ran: Vec<String> = found
        .iter()
        .filter(|f| f.starts_with("hostile "))
        .map(|f| f.split([' ', ':']).nth(1).unwrap_or("").to_string())
        .collect();
    assert_eq!(
        ran,
        [
            "c01.plan.yaml",
            "c03.plan.yaml",
            "c04.plan.yaml",
            "p.plan.yaml"
        ],
        "{found:#?}"
    );
    assert!(
        found.iter().any(|f| f.contains(
            "hit its limits on 3 plans (c02, c05, c06) and was not run on the 6 plans after them"
        )),
        "{found:#?}"
    );
    assert!(!found.iter().any(|f| f.contains("(c09)")), "{found:#?}");
    for jobs in [3, 8] {
        assert_eq!(run_all(script, &world, jobs), found, "{jobs} threads");
    }
}

#[test]
fn a_rule_that_errors_is_not_disabled() {
    // A mistake of the script on some data is not a limit: it is reported on every plan.
    let world = world_of(6);
    let found = run_all("throw \"wrong\";", &world, 2);
    assert_eq!(
        found
            .iter()
            .filter(|f| f.starts_with("rule-failed"))
            .count(),
        7,
        "{found:#?}"
    );
}

#[test]
fn a_broken_rule_yaml_is_a_rule_failed() {
    for meta in [
        "id: [unclosed\n",
        "",
        "id: broken\nseverity: loud\n",
        "id: other\nseverity: warning\nsummary: {zh: 测试, en: test}\n",
    ] {
        let (rules, problems) = RuleSet::compile(
            vec![
                source("good", GOOD),
                RuleSource {
                    meta_text: meta.to_string(),
                    ..source("broken", GOOD)
                },
            ],
            limits(),
        );
        assert_eq!(rules.rules().len(), 1, "{meta:?}");
        assert!(
            problems.iter().any(|d| d.code == "rule-failed"
                && d.primary.location.file == "rules/broken/rule.yaml"
                && d.message.en.contains("rule `broken` did not run")),
            "{meta:?}: {problems:#?}"
        );
    }
}

#[test]
fn an_exemption_of_a_rule_that_failed_is_not_called_stale() {
    // The rule's findings on the plan are unknown, so nobody can say its exemption covers
    // none; the stale exemption of the rule that ran is still reported.
    let child = format!(
        "{CHILD}exemptions:\n  - {{rule: hostile, reason: 已报批}}\n  - {{rule: good, indicator: 人均预期寿命, reason: 已报批}}\n"
    );
    let plans = [("p.plan.yaml", PARENT), ("c.plan.yaml", child.as_str())]
        .iter()
        .map(|(f, t)| load_plan(f, t).0.unwrap())
        .collect();
    let (set, _) = PlanSet::new(plans);
    let world = Arc::new(World::new(set, Catalog::default()));
    let found = run_all("loop {}", &world, 1);
    let stale: Vec<&String> = found
        .iter()
        .filter(|f| f.starts_with("stale-exemption"))
        .collect();
    assert_eq!(stale.len(), 1, "{found:#?}");
    assert!(stale[0].contains("rule `good`"), "{stale:?}");
}

#[test]
fn no_rule_can_change_the_plan_its_neighbours_see() {
    // `plan`, `parent` and `ancestors` are made once per plan for all its rules.
    let reader = "report(plan, #{zh: \"见\", en: `${plan.id} ${type_of(parent)} ${ancestors.len()} ${ancestors.map(|a| a.id)}`});";
    let meddlers = [
        "plan = 1;",
        "parent = ();",
        "ancestors = [];",
        "ancestors.push(1);",
        "ancestors.clear();",
        "ancestors.pop();",
        "ancestors.truncate(0);",
        "ancestors[0] = 1;",
        "ancestors += [1, 2];",
        "fn grow() { this.push(1); } ancestors.grow();",
        "fn wipe() { this = (); } plan.wipe(); parent.wipe(); ancestors.wipe();",
        "let ancestors = [1, 2, 3]; let plan = (); let parent = 7; ancestors.push(4);",
        "let a = ancestors; a.clear(); let p = plan; p = ();",
        "for a in ancestors { a = (); }",
    ];
    let mut sources: Vec<RuleSource> = meddlers
        .iter()
        .enumerate()
        .map(|(i, m)| source(&format!("meddler-{i:02}"), m))
        .collect();
    sources.push(source("reader", reader));
    let seen = |sources: Vec<RuleSource>| -> Vec<String> {
        let (rules, problems) = RuleSet::compile(sources, limits());
        assert!(problems.is_empty(), "{problems:#?}");
        rules
            .check(&world(), &[0, 1], &Selection::default())
            .iter()
            .filter(|d| d.code == "reader")
            .map(|d| d.message.en.clone())
            .collect()
    };
    let alone = seen(vec![source("reader", reader)]);
    assert_eq!(alone, ["c Plan 1 [\"p\"]", "p () 0 []"].map(String::from));
    assert_eq!(seen(sources), alone);
}
