//! Bad input, all in one repository beside a good plan: every bad file ends in a coded
//! problem (exit status 2), in bounded time, and the good plan is still checked.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const HEAD: &str =
    "planlint: 1\ntitle: 规划\nregion: 某地\nlevel: prefecture\nperiod: {start: 2021, end: 2025}\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// planlint on `args` in `dir`, with its address space capped at 1 GiB where `prlimit`
/// (util-linux) is there: an input that made it use more would fail the run, not pass
/// unnoticed. Without `prlimit` the run is not capped, and the test says so.
fn planlint_capped(dir: &Path, args: &[&str]) -> std::process::Output {
    let exe = env!("CARGO_BIN_EXE_planlint");
    let capped = Path::new("/usr/bin/prlimit").exists();
    let mut command = if capped {
        let mut c = Command::new("/usr/bin/prlimit");
        c.arg(format!("--as={}", 1u64 << 30)).arg(exe);
        c
    } else {
        eprintln!("not capping memory: /usr/bin/prlimit is absent");
        Command::new(exe)
    };
    command.args(args).current_dir(dir).output().unwrap()
}

fn plan(id: &str, extra: &str) -> Vec<u8> {
    format!("{HEAD}id: {id}\n{extra}").into_bytes()
}

/// The good plan every hostile repository holds, which must still be checked.
fn write_good_plan(d: &Path) {
    write(
        d,
        "good.plan.yaml",
        &plan(
            "good",
            "indicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: \"3.88\", target: \"<3\"}\n",
        ),
    );
}

#[test]
fn every_bad_file_is_a_coded_problem_and_the_good_plan_is_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_good_plan(d);
    write(d, "empty.plan.yaml", b"");
    write(
        d,
        "binary.plan.yaml",
        &[0u8, 159, 146, 150, 0, 1, 2, 255, 254, 10],
    );
    write(
        d,
        "gb18030.plan.yaml",
        &[b'i', b'd', b':', b' ', 0xD6, 0xD0, 0xCE, 0xC4, b'\n'],
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "planlint: 1\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    write(d, "utf16.plan.yaml", &utf16);
    write(d, "syntax.plan.yaml", b"planlint: 1\nid: [unclosed\n");
    write(d, "unknown.plan.yaml", &plan("unknown", "titel: x\n"));
    write(d, "duplicate.plan.yaml", &plan("duplicate", "id: again\n"));
    write(
        d,
        "types.plan.yaml",
        &plan("types", "baseline_year: soon\n"),
    );
    write(
        d,
        "deep.plan.yaml",
        format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000)).as_bytes(),
    );
    // Numbers at the edges of f64, and a target string of 1 MB.
    write(
        d,
        "numbers.plan.yaml",
        &plan("numbers", &format!(
            "indicators:\n  - {{name: 婴儿死亡率, unit: ‰, baseline: 1e308, target: .nan}}\n  - {{name: 孕产妇死亡率, unit: /10万, baseline: -0, target: \"-0\"}}\n  - {{name: 人均预期寿命, unit: 岁, baseline: \"77\", target: \"{}\"}}\n",
            "≥".repeat(350_000)
        )),
    );
    write(d, "self.plan.yaml", &plan("self", "parent: self\n"));
    write(d, "twin-a.plan.yaml", &plan("twin", ""));
    write(d, "twin-b.plan.yaml", &plan("twin", ""));
    // A folder named like a plan is not a plan file; a symbolic link loop is not followed.
    std::fs::create_dir_all(d.join("folder.plan.yaml")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d, d.join("loop")).unwrap();

    // A byte-order mark before a good plan is not a problem.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(plan("bom", ""));
    write(d, "bom.plan.yaml", &bom);

    let started = Instant::now();
    let out = planlint_capped(d, &["check", "--format", "json", "--lang", "en", "."]);
    // Not a timing test: a bound far above any real run, so a hang fails.
    assert!(started.elapsed() < Duration::from_secs(120));
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["file"].as_str().unwrap().to_string(),
                x["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |file: &str, code: &str| found.iter().any(|(f, c)| f == file && c == code);
    for (file, code) in [
        ("empty.plan.yaml", "invalid-value"),
        ("binary.plan.yaml", "io-error"),
        ("gb18030.plan.yaml", "io-error"),
        ("utf16.plan.yaml", "io-error"),
        ("syntax.plan.yaml", "yaml-syntax"),
        ("unknown.plan.yaml", "unknown-field"),
        ("duplicate.plan.yaml", "duplicate-key"),
        ("types.plan.yaml", "invalid-value"),
        ("deep.plan.yaml", "yaml-syntax"),
        ("self.plan.yaml", "hierarchy-cycle"),
        ("twin-b.plan.yaml", "duplicate-id"),
    ] {
        assert!(has(file, code), "{file}: no {code} in {found:#?}");
    }
    // The edge numbers load (`.nan` is text, and unreadable as a target); the 1 MB target
    // is refused as too long, so no rule ever handles it.
    assert!(has("numbers.plan.yaml", "unreadable-target"), "{found:#?}");
    assert!(has("numbers.plan.yaml", "invalid-value"), "{found:#?}");
    assert!(!found.iter().any(|(_, c)| c == "rule-failed"), "{found:#?}");
    assert!(
        !found
            .iter()
            .any(|(f, _)| f.contains("folder") || f.contains("loop")),
        "{found:#?}"
    );
    // Nothing is reported about the good plan (nor the one with a BOM), and it was checked.
    assert!(
        !found
            .iter()
            .any(|(f, _)| f == "good.plan.yaml" || f == "bom.plan.yaml"),
        "{found:#?}"
    );
    assert!(json["summary"]["plans"].as_u64().unwrap() >= 8, "{json}");
}

/// The rest of the hostile repository: a parent cycle of three, a 100 MB plan file, and a
/// file that cannot be read at all. Each is a coded problem, the run stays small and quick,
/// and the good plan is still checked.
#[test]
fn a_cycle_of_three_a_huge_file_and_an_unreadable_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_good_plan(d);
    write(d, "a.plan.yaml", &plan("a", "parent: b\n"));
    write(d, "b.plan.yaml", &plan("b", "parent: c\n"));
    write(d, "c.plan.yaml", &plan("c", "parent: a\n"));
    // 100 MB: a valid head, then a comment that never ends. Written in pieces.
    {
        use std::io::Write;
        let mut f = std::fs::File::create(d.join("huge.plan.yaml")).unwrap();
        f.write_all(&plan("huge", "# ")).unwrap();
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..100 {
            f.write_all(&chunk).unwrap();
        }
    }
    let mut args = vec!["check", "--format", "json", "--lang", "en", "."];
    // /proc/self/mem cannot be read from its start, not even by root (who can read a file
    // whatever its permission bits): the unreadable file, named on the command line.
    #[cfg(target_os = "linux")]
    args.push("/proc/self/mem");
    let started = Instant::now();
    let out = planlint_capped(d, &args);
    assert!(started.elapsed() < Duration::from_secs(120));
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["file"].as_str().unwrap().to_string(),
                x["rule"].as_str().unwrap().to_string(),
                x["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |file: &str, code: &str| found.iter().any(|(f, c, _)| f == file && c == code);
    // Three plans of one level cannot be each other's parents: every link is reported
    // (as a level inversion, which also cuts the cycle), and none hangs the walk up.
    for file in ["a.plan.yaml", "b.plan.yaml", "c.plan.yaml"] {
        assert!(
            has(file, "hierarchy-level") || has(file, "hierarchy-cycle"),
            "{file}: {found:#?}"
        );
    }
    assert!(has("huge.plan.yaml", "io-error"), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|(f, _, m)| f == "huge.plan.yaml" && m.contains("too large (100 MB)")),
        "{found:#?}"
    );
    #[cfg(target_os = "linux")]
    assert!(has("/proc/self/mem", "io-error"), "{found:#?}");
    assert!(
        !found.iter().any(|(f, _, _)| f == "good.plan.yaml"),
        "{found:#?}"
    );
}

/// Writes a rule of the repository's own: `lint/<id>/rule.yaml` and `check.rhai`.
fn write_rule(d: &Path, id: &str, script: &str) {
    write(
        d,
        &format!("lint/{id}/rule.yaml"),
        format!("id: {id}\nseverity: warning\nsummary: {{zh: 测试, en: test}}\n").as_bytes(),
    );
    write(d, &format!("lint/{id}/check.rhai"), script.as_bytes());
}

/// Hostile rules in a repository of seven plans, under the 1 GiB cap: one that sleeps, one
/// that prints a value nested 3,000 deep (which aborted the process), one that floods its
/// findings with text, one that never ends (not run after its third plan), a broken
/// rule.yaml, and two folders that look like rules but are misnamed. Each is a
/// `rule-failed`, the run ends in bounded time with status 2, and the bundled rules still
/// check the good plan.
#[test]
fn hostile_rules_fail_alone_within_their_limits() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "planlint.yaml", b"planlint: 1\nrules:\n  dirs: [lint]\n");
    write_good_plan(d);
    for i in 1..=6 {
        write(
            d,
            &format!("p{i}.plan.yaml"),
            &plan(
                &format!("p{i}"),
                "indicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: \"4\", target: \"<3\"}\n",
            ),
        );
    }
    write_rule(d, "sleeps", "sleep(60);");
    write_rule(
        d,
        "deep",
        "let a = []; for i in 0..3000 { a = [take(a)]; } let s = `${a}`;",
    );
    write_rule(
        d,
        "flood",
        "let s = \"\"; s.pad(10000, \"长\"); for i in 0..1000 { report(plan, #{zh: s, en: s}); }",
    );
    write_rule(d, "loops", "loop {}");
    write_rule(d, "broken", "report(plan, #{zh: \"x\", en: \"x\"});");
    write(d, "lint/broken/rule.yaml", b"id: [broken\n");
    write(
        d,
        "lint/misnamed/rule.yml",
        b"id: misnamed\nseverity: warning\nsummary: {zh: x, en: x}\n",
    );
    write(
        d,
        "lint/misnamed/check.rhai",
        b"report(plan, #{zh: \"x\", en: \"x\"});",
    );
    write(
        d,
        "lint/script-only/check.rhai",
        b"report(plan, #{zh: \"x\", en: \"x\"});",
    );

    let started = Instant::now();
    let out = planlint_capped(d, &["check", "--format", "json", "--lang", "en", "."]);
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    // Not a timing test: sleeping 60 s on seven plans, or running the endless rule on all
    // of them, would take minutes.
    assert!(took < Duration::from_secs(90), "{took:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let failed: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["rule"] == "rule-failed")
        .map(|x| {
            (
                x["file"].as_str().unwrap().to_string(),
                x["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |file: &str, words: &str| {
        failed
            .iter()
            .any(|(f, m)| f.ends_with(file) && m.contains(words))
    };
    for (file, words) in [
        ("lint/sleeps/check.rhai", "`sleep` is not available"),
        ("lint/deep/check.rhai", "nested deeper than 64 levels"),
        ("lint/flood/check.rhai", "too much text"),
        (
            "lint/loops/check.rhai",
            "was not run on the 4 plans after them",
        ),
        ("lint/broken/rule.yaml", "rule `broken` did not run"),
        (
            "lint/misnamed/rule.yml",
            "must be named rule.yaml, not rule.yml",
        ),
        (
            "lint/script-only/check.rhai",
            "has check.rhai but no rule.yaml",
        ),
    ] {
        assert!(has(file, words), "{file}: {words:?} not in {failed:#?}");
    }
    // The endless rule failed on three plans, then was not run.
    assert_eq!(
        failed
            .iter()
            .filter(|(f, m)| f.ends_with("lint/loops/check.rhai") && m.contains("ran out"))
            .count(),
        3,
        "{failed:#?}"
    );
    // Every plan was still checked.
    assert!(json["summary"]["plans"].as_u64().unwrap() >= 7, "{json}");
}
