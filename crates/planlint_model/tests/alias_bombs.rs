//! Alias bombs are refused before they cost memory, whichever YAML reader meets them.
//!
//! A few hundred bytes of anchors and aliases can stand for billions of nodes (an anchor of
//! ten aliases of an anchor of ten aliases …), and one long text aliased a thousand times
//! for gigabytes of text. Each bomb below is read in a child process capped at 512 MiB of
//! address space with `prlimit` (as `tests/bad_inputs.rs` caps the binary), which reports
//! its peak resident memory: the bomb must be refused as a safety limit, neither fast
//! reader may build it, and the peak must stay small. Where `prlimit` is absent the child
//! runs uncapped, and the peak is still checked.

use planlint_model::{load_plan, yaml};
use std::process::Command;

/// Set in the child: the name of the bomb it reads.
const CHILD: &str = "PLANLINT_ALIAS_BOMB";
/// The child's address space: a test binary and its threads take some of it.
const CAP_BYTES: u64 = 512 << 20;
/// The most resident memory a child may reach, bomb and test binary included.
const PEAK_KB: u64 = 64 << 10;

/// `n` dummy anchors, so that a bomb's aliases are not ten times its anchors (a heuristic
/// of serde-saphyr's, switched off in our options, that a bomb must not rely on).
fn dummies(n: usize) -> String {
    let list: Vec<String> = (0..n).map(|i| format!("&d{i} x")).collect();
    format!("dummies: [{}]\n", list.join(", "))
}

/// Each bomb, by name, in the layouts each reader takes first.
fn bombs() -> Vec<(&'static str, String)> {
    let mut laughs = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut laughs_block = String::from("a0: &a0\n");
    laughs_block.push_str(&"  - lol\n".repeat(10));
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10];
        laughs.push_str(&format!("a{i}: &a{i} [{}]\n", refs.join(", ")));
        laughs_block.push_str(&format!("a{i}: &a{i}\n"));
        for r in &refs {
            laughs_block.push_str(&format!("  - {r}\n"));
        }
    }
    // One wide list, aliased many times: no alias inside an anchor (the line reader takes
    // such texts when they are small).
    let wide_list = vec!["x"; 1000].join(", ");
    let wide = format!("a: &a [{wide_list}]\nb: [{}]\n", vec!["*a"; 999].join(", "));
    let wide_block = format!("a: &a [{wide_list}]\nb:\n{}", "  - *a\n".repeat(999));
    // Five levels of ten, then the top aliased 900 times, with anchors enough to pass a
    // ratio of aliases to anchors.
    let mut evade = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..5 {
        evade.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 10].join(", ")
        ));
    }
    evade.push_str(&dummies(95));
    evade.push_str(&format!("top: [{}]\n", vec!["*a4"; 900].join(", ")));
    // One long text aliased 900 times: a gigabyte of text from one megabyte.
    let long = "y".repeat(1 << 20);
    let long_flow = format!(
        "s: &s {long}\n{}top: [{}]\n",
        dummies(95),
        vec!["*s"; 900].join(", ")
    );
    let long_block = format!(
        "s: &s {long}\n{}top:\n{}",
        dummies(95),
        "  - *s\n".repeat(900)
    );
    let long_quoted = format!("s: &s \"{long}\"\ntop:\n{}", "- *s\n".repeat(900));
    // Deep: an anchored node thirty deep aliased thirty deep.
    let deep_node = format!("{}x{}", "[".repeat(30), "]".repeat(30));
    let deep = format!(
        "a: &a {deep_node}\nb: {}*a{}\n",
        "[".repeat(30),
        "]".repeat(30)
    );
    vec![
        ("laughs", laughs),
        ("laughs-block", laughs_block),
        ("wide", wide),
        ("wide-block", wide_block),
        ("evade", evade),
        ("long-flow", long_flow),
        ("long-block", long_block),
        ("long-quoted", long_quoted),
        ("deep", deep),
    ]
}

/// The process's peak resident memory in kB (Linux), or 0 where it cannot be read.
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// In the child: read the bomb every way, and say how much memory it took.
fn child(name: &str) {
    let (_, text) = bombs().into_iter().find(|(n, _)| *n == name).unwrap();
    let (scanned, evented) = yaml::fast_paths(&text);
    assert!(scanned.is_none(), "{name}: the line reader built the bomb");
    assert!(evented.is_none(), "{name}: the event reader built the bomb");
    drop((scanned, evented));
    let err = yaml::parse(&text).unwrap_err();
    assert!(err.limit, "{name}: {err:?}");
    let (plan, problems) = load_plan("bomb.plan.yaml", &text);
    assert!(plan.is_none(), "{name}");
    assert_eq!(problems.len(), 1, "{name}: {problems:?}");
    assert_eq!(problems[0].code, planlint_model::codes::YAML_SYNTAX);
    assert!(
        problems[0].message.en.contains("safety limit"),
        "{problems:?}"
    );
    println!("peak_kb={}", peak_kb());
}

#[test]
fn alias_bombs_are_refused_within_a_small_memory() {
    if let Ok(name) = std::env::var(CHILD) {
        child(&name);
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let prlimit = std::path::Path::new("/usr/bin/prlimit");
    if !prlimit.exists() {
        eprintln!("not capping memory: /usr/bin/prlimit is absent");
    }
    for (name, text) in bombs() {
        assert!(text.len() < 2 << 20, "{name} is {} bytes", text.len());
        let mut command = if prlimit.exists() {
            let mut c = Command::new(prlimit);
            c.arg(format!("--as={CAP_BYTES}")).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        let out = command
            .args([
                "--exact",
                "alias_bombs_are_refused_within_a_small_memory",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, name)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "{name}: {}\n{stdout}\n{stderr}",
            out.status
        );
        let peak: u64 = stdout
            .lines()
            .find_map(|l| l.split_once("peak_kb=").map(|(_, v)| v))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| panic!("{name}: no peak in {stdout}"));
        assert!(peak <= PEAK_KB, "{name}: peak {peak} kB");
        eprintln!("{name}: refused, peak {peak} kB");
    }
}

/// What aliases are for stays readable, and fast: a period written once, each row's nature
/// and unit aliased, 150 rows (more aliases than ten times the anchors).
#[test]
fn ordinary_aliases_are_read_by_the_line_reader() {
    let mut text = String::from(
        "planlint: 1\nid: p\ntitle: 测试规划\nregion: 某市\nlevel: prefecture\nperiod: &period {start: 2021, end: 2025}\nindicators:\n",
    );
    for i in 0..150 {
        let (nature, unit) = if i == 0 {
            ("&binding 约束性", "&percent '%'")
        } else {
            ("*binding", "*percent")
        };
        text.push_str(&format!(
            "  - name: 指标{i}\n    unit: {unit}\n    target: \">{i}\"\n    nature: {nature}\n"
        ));
    }
    text.push_str("previous_period:\n  period: *period\n");
    assert!(yaml::fast_paths(&text).0.is_some());
    planlint_model::fuzzing::yaml_differential(&text);
    let (plan, problems) = load_plan("p.plan.yaml", &text);
    assert!(problems.is_empty(), "{problems:#?}");
    let plan = plan.unwrap();
    assert_eq!(plan.indicators.len(), 150);
    assert!(plan
        .indicators
        .iter()
        .all(|r| r.unit.as_ref().unwrap().value == "%"));
    let previous = plan.previous_period.unwrap().period.unwrap();
    assert_eq!((previous.value.start, previous.value.end), (2021, 2025));
}
