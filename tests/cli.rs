//! The `planlint` command as a user runs it: exit codes, formats, languages, and a bad
//! file next to good ones. Each case runs the built binary and snapshots what it prints.

#[path = "common.rs"]
mod common;

use common::root;
use std::path::Path;
use std::process::Command;

const GOOD: &str = "planlint: 1\nid: good\ntitle: 测试规划\nregion: 某市\nlevel: prefecture\nperiod: {start: 2021, end: 2025}\nissuer: 某市人民政府\nissued: 2022-01-01\nindicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: \"3.88\", target: \"<3\"}\n";

/// Runs planlint in `dir` with no colour and a fixed language; returns exit code and stdout.
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let (code, out, err) = common::planlint(dir, args);
    (code, out + &err)
}

/// Content hashes change whenever a rule or the catalog does; snapshots show `<hash>`.
fn without_hashes(text: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in text.chars() {
        if c.is_ascii_hexdigit() && !c.is_ascii_uppercase() {
            run.push(c);
            continue;
        }
        out.push_str(if run.len() == 64 { "<hash>" } else { &run });
        run.clear();
        out.push(c);
    }
    out.push_str(if run.len() == 64 { "<hash>" } else { &run });
    out
}

fn write(dir: &Path, name: &str, text: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The report a provincial reviewer gets for the bundled real plans: every finding, in
/// Chinese and in English. Unit errors in 攀枝花's table are errors, so the exit status is 1.
#[test]
fn the_seeds_report() {
    let (code, zh) = run(root(), &["check", "seeds"]);
    assert_eq!(code, 1, "{zh}");
    insta::assert_snapshot!("seeds_report_zh", zh);
    let (code, en) = run(root(), &["check", "--lang", "en", "seeds"]);
    assert_eq!(code, 1, "{en}");
    insta::assert_snapshot!("seeds_report_en", en);
}

#[test]
fn a_bad_file_is_reported_and_the_others_still_load() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/good.plan.yaml", GOOD.as_bytes());
    write(
        dir.path(),
        "b/bad.plan.yaml",
        GOOD.replace("id: good", "id: bad\nparent: nowhere")
            .replace("title:", "titel:")
            .as_bytes(),
    );
    write(dir.path(), "c/ignored.yaml", b"not: a plan");
    let (code, out) = run(dir.path(), &["check", "."]);
    assert_eq!(code, 2, "{out}");
    insta::assert_snapshot!(out, @"
    invalid-value

      × 错误: `plan` 缺少必填字段 `title`
       ╭─[b/bad.plan.yaml:1:1]
     1 │ planlint: 1
       · ▲
     2 │ id: bad
       ╰────

    missing-parent

      × 错误: 找不到上级规划 `nowhere`
       ╭─[b/bad.plan.yaml:3:9]
     2 │ id: bad
     3 │ parent: nowhere
       ·         ───────
     4 │ titel: 测试规划
       ╰────
      help: 把上级规划的文件加入检查范围，或改正 parent 的值

    unknown-field

      × 错误: `plan` 中有未知字段 `titel`
       ╭─[b/bad.plan.yaml:4:1]
     3 │ parent: nowhere
     4 │ titel: 测试规划
       · ─────
     5 │ region: 某市
       ╰────
      help: 是否想写 `title`？

    检查了 2 个文件、2 个规划：3 个错误，0 个警告，0 个提示
    planlint: 1 个规划无法判定，有内容未能核对：《测试规划》（未找到上级规划）
    ");
}

#[test]
fn english_messages() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "x.plan.yaml",
        GOOD.replace("level: prefecture", "level: city").as_bytes(),
    );
    let (code, out) = run(dir.path(), &["check", "--lang", "en", "x.plan.yaml"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(out, @"
    invalid-value

      × error: `level` has an invalid value `city`
       ╭─[x.plan.yaml:5:8]
     4 │ region: 某市
     5 │ level: city
       ·        ────
     6 │ period: {start: 2021, end: 2025}
       ╰────
      help: expected one of: national, province, prefecture, county

    checked 1 files, 1 plans: 1 errors, 0 warnings, 0 notes
    ");
}

#[test]
fn json_output() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "x.plan.yaml",
        GOOD.replace("id: good", "id: good\nid: again").as_bytes(),
    );
    let (code, out) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--lang",
            "en",
            "--select",
            "weaker-target",
            "x.plan.yaml",
        ],
    );
    assert_eq!(code, 2);
    insta::assert_snapshot!(without_hashes(&out), @r#"
    {
      "version": 1,
      "tool": {
        "name": "planlint",
        "version": "0.0.0",
        "rules": [
          {
            "id": "weaker-target",
            "hash": "<hash>"
          }
        ],
        "catalog": "<hash>"
      },
      "diagnostics": [
        {
          "rule": "duplicate-key",
          "severity": "error",
          "plan": "good",
          "file": "x.plan.yaml",
          "line": 3,
          "column": 1,
          "offset": 21,
          "length": 2,
          "message": "duplicate key `id` in `plan` (first at line 2); the first one is used",
          "help": "remove one of them",
          "indicator": null,
          "subject": {
            "indicator": null,
            "indicator_id": null,
            "section": null,
            "text_section": null
          },
          "exempted": false,
          "reason": null,
          "explanation": null,
          "related": []
        }
      ],
      "summary": {
        "files": 1,
        "plans": 1,
        "error": 1,
        "warning": 0,
        "info": 0,
        "exempted": 0
      }
    }
    "#);
}

#[test]
fn unreadable_inputs_are_io_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "latin1.plan.yaml",
        b"planlint: 1\ntitle: \xd6\xd0\xce\xc4\n",
    );
    let (code, out) = run(
        dir.path(),
        &["check", "latin1.plan.yaml", "missing.plan.yaml"],
    );
    assert_eq!(code, 2);
    assert!(out.contains("io-error"), "{out}");
    assert!(
        out.contains("文件不是 UTF-8 文本（第 19 字节处无效）"),
        "{out}"
    );
    assert!(out.contains("--> missing.plan.yaml"), "{out}");
    assert!(out.contains("检查了 0 个文件"), "{out}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = b"\xEF\xBB\xBF".to_vec();
    text.extend_from_slice(GOOD.as_bytes());
    write(dir.path(), "bom.plan.yaml", &text);
    let (code, out) = run(dir.path(), &["check", "bom.plan.yaml"]);
    // Read without a problem; a plan alone, with no parent to compare with, is 无法判定.
    assert!(out.contains("0 个错误，0 个警告，0 个提示"), "{out}");
    assert!(
        out.contains("无法判定") && out.contains("未找到上级规划"),
        "{out}"
    );
    assert_eq!(code, 2, "{out}");
}

#[test]
fn help_lists_the_commands() {
    let (code, out) = run(root(), &["--help"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn show_reads_every_row_of_a_seed() {
    let (code, out) = run(
        root(),
        &[
            "show",
            "seeds/nei-mongol/nm-alxa-health-14.plan.yaml",
            "seeds/nei-mongol/nm-health-14.plan.yaml",
            "seeds/national/cn-health-14.plan.yaml",
        ],
    );
    assert_eq!(code, 0, "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn show_in_english() {
    let (code, out) = run(root(), &["show", "--lang", "en", "seeds/sichuan"]);
    // Sichuan's folder holds no national plan, but seeds/planlint.yaml marks the
    // repository's root, where it is found.
    assert_eq!(code, 0, "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn hostile_yaml_next_to_a_good_plan() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.plan.yaml", GOOD.as_bytes());
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    write(dir.path(), "bomb.plan.yaml", bomb.as_bytes());
    let deep: String = (0..200)
        .map(|i| format!("{}- \n", "  ".repeat(i)))
        .collect();
    write(dir.path(), "deep.plan.yaml", deep.as_bytes());
    let (code, out, _) = common::planlint(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(code, 2, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(String, String, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{out}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        ("bomb.plan.yaml", "yaml-syntax")
    );
    assert_eq!(
        (found[1].0.as_str(), found[1].1.as_str()),
        ("deep.plan.yaml", "yaml-syntax")
    );
    assert!(found[1].2 > 20, "{out}");
    // The good plan was still read.
    assert_eq!(json["summary"]["plans"], 1, "{out}");
}

const PARENT: &str = "planlint: 1\nid: prov\ntitle: 某省规划\nregion: 某省\nlevel: province\nperiod: {start: 2021, end: 2025}\nindicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: \"5.4\", target: \"<5\", nature: 约束性}\n  - {name: 居民健康素养水平, unit: \"%\", target: \"≥25\", nature: 预期性}\n";

/// A child whose infant mortality target is weaker than its binding parent's (an error)
/// and whose health literacy target is weaker than an expected one (a warning).
fn child(extra: &str) -> String {
    format!("planlint: 1\nid: city\ntitle: 某市规划\nregion: 某市\nlevel: prefecture\nperiod: {{start: 2021, end: 2025}}\nparent: prov\nindicators:\n  - {{name: 婴儿死亡率, unit: ‰, baseline: \"3.88\", target: \"<10\", nature: 约束性}}\n  - {{name: 居民健康素养水平, unit: \"%\", baseline: \"20\", target: \"≥22\", nature: 预期性}}\n{extra}")
}

fn plan_dir(child_text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "prov.plan.yaml", PARENT.as_bytes());
    write(dir.path(), "city.plan.yaml", child_text.as_bytes());
    dir
}

fn codes(out: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(out).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {}:{}{}",
                d["rule"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"],
                if d["exempted"].as_bool().unwrap() {
                    " exempted"
                } else {
                    ""
                }
            )
        })
        .collect()
}

#[test]
fn errors_exit_1_and_warnings_exit_0_unless_denied() {
    let dir = plan_dir(&child(""));
    let args = [
        "check",
        "--format",
        "json",
        "--select",
        "weaker-target",
        ".",
    ];
    let (code, out) = run(dir.path(), &args);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        codes(&out),
        [
            "weaker-target error city.plan.yaml:9",
            "weaker-target warning city.plan.yaml:10"
        ]
    );

    // Without the error, a warning alone passes, unless warnings are denied.
    let dir = plan_dir(&child("").replace("\"<10\"", "\"<5\""));
    let (code, out) = run(dir.path(), &args);
    assert_eq!(code, 0, "{out}");
    let mut denied = args.to_vec();
    denied.extend(["--deny", "warnings"]);
    let (code, _) = run(dir.path(), &denied);
    assert_eq!(code, 1);
}

#[test]
fn exemptions_keep_the_finding_with_the_plans_reason() {
    let dir = plan_dir(&child("exemptions:\n  - {rule: weaker-target, indicator: 婴儿死亡率, reason: 活产数少，指标波动大}\n  - {rule: weaker-target, indicator: 床位数, reason: 过时的豁免}\n  - {rule: slack-target, indicator: 床位数, reason: 未运行的规则}\n"));
    let (code, out) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--select",
            "weaker-target",
            ".",
        ],
    );
    // The exempted error no longer fails the check; the stale exemption is a warning. The
    // exemption for a rule that did not run is not known to be stale.
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        codes(&out),
        [
            "weaker-target error city.plan.yaml:9 exempted",
            "weaker-target warning city.plan.yaml:10",
            "stale-exemption warning city.plan.yaml:13",
        ]
    );
    assert!(
        out.contains("\"reason\": \"活产数少，指标波动大\""),
        "{out}"
    );
    let (_, human) = run(dir.path(), &["check", "--select", "weaker-target", "."]);
    assert!(
        human.contains("（已豁免：活产数少，指标波动大）"),
        "{human}"
    );
    assert!(human.contains("1 项已豁免"), "{human}");
}

#[test]
fn configuration_selects_ignores_and_sets_severities() {
    let dir = plan_dir(&child(""));
    write(
        dir.path(),
        "planlint.yaml",
        b"planlint: 1\nrules:\n  select: [weaker-target]\n  severity: {weaker-target: warning}\n",
    );
    // Found by walking up from a sub-folder's file.
    let (code, out) = run(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        codes(&out),
        [
            "weaker-target warning city.plan.yaml:9",
            "weaker-target warning city.plan.yaml:10"
        ]
    );
    let (code, out) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--ignore",
            "weaker-target",
            ".",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(codes(&out).is_empty(), "{out}");
    write(dir.path(), "planlint.yaml", b"planlint: 1\nrulez: {}\n");
    let (code, out) = run(dir.path(), &["check", "."]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("unknown-field") && out.contains("planlint.yaml"),
        "{out}"
    );
}

#[test]
fn a_repository_adds_its_own_rules_and_a_failing_rule_does_not_stop_the_others() {
    let dir = plan_dir(&child(""));
    write(
        dir.path(),
        "lint/too-many-rows/rule.yaml",
        b"id: too-many-rows\nseverity: info\nsummary: {zh: \xe8\xa1\x8c\xe6\x95\xb0, en: rows}\n",
    );
    write(dir.path(), "lint/too-many-rows/check.rhai", "if plan.indicators.len() > 1 { report(plan.at(\"indicators\"), #{zh: \"行多\", en: \"many rows\"}); }".as_bytes());
    write(
        dir.path(),
        "lint/loops/rule.yaml",
        b"id: loops\nseverity: error\nsummary: {zh: x, en: x}\n",
    );
    write(dir.path(), "lint/loops/check.rhai", b"\nloop {}\n");
    let (code, out) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--rules",
            "lint",
            "--select",
            "weaker-target,too-many-rows,loops",
            ".",
        ],
    );
    assert_eq!(
        code, 2,
        "a failed rule means the plans were not fully checked: {out}"
    );
    assert_eq!(
        codes(&out),
        [
            "too-many-rows info city.plan.yaml:8",
            "weaker-target error city.plan.yaml:9",
            "weaker-target warning city.plan.yaml:10",
            "rule-failed error lint/loops/check.rhai:2",
            "rule-failed error lint/loops/check.rhai:2",
            "too-many-rows info prov.plan.yaml:7",
        ]
    );
}

#[test]
fn rule_documentation() {
    let (code, out) = run(root(), &["rule", "weaker-target", "--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    for heading in [
        "## What it checks",
        "## Why it matters",
        "## Example",
        "## How to fix",
        "## How to exempt",
    ] {
        assert!(out.contains(heading), "{out}");
    }
    let (code, out) = run(root(), &["rule", "--all"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("weaker-target"), "{out}");
    let (code, _) = run(root(), &["rule", "no-such-rule"]);
    assert_eq!(code, 2);
}

#[test]
fn the_bundled_rules_pass_their_cases() {
    let (code, out) = run(root(), &["test-rules", "rules"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(" passed, 0 failed"), "{out}");
}

#[test]
fn a_sub_folder_is_checked_against_ancestors_elsewhere_in_the_repository() {
    // seeds/planlint.yaml marks the repository root; Sichuan's folder holds no national plan.
    let (code, out) = run(root(), &["check", "--format", "json", "seeds/sichuan"]);
    assert_eq!(code, 1, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"missing-parent"), "{out}");
    assert!(rules.contains(&"weaker-target"), "{out}");
    // Only the folder's plans are reported on.
    assert!(
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["file"].as_str().unwrap().starts_with("seeds/sichuan/")),
        "{out}"
    );
    // 攀枝花's plan; Sichuan's own plan is kept as a reference copy and not checked.
    assert_eq!(json["summary"]["plans"], 1, "{out}");
}

/// A repository of a few hundred plans made from the seeds: every real leaf plan copied
/// many times under new ids, all implementing the same real parents.
fn generated_repository(copies: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "planlint.yaml", b"planlint: 1\n");
    let leaves = [
        "nei-mongol/nm-alxa-health-14",
        "nei-mongol/nm-wuhai-health-14",
        "nei-mongol/nm-ewenki-health-14",
        "sichuan/sc-panzhihua-health-14",
        "xinjiang/xj-changji-health-system-2024",
    ];
    for entry in std::fs::read_dir(root().join("seeds")).unwrap() {
        let region = entry.unwrap().path();
        if !region.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&region).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let id = name.trim_end_matches(".plan.yaml").to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            let region_name = region.file_name().unwrap().to_string_lossy().to_string();
            if leaves.contains(&format!("{region_name}/{id}").as_str()) {
                for k in 0..copies {
                    let copy = text.replace(&format!("id: {id}"), &format!("id: {id}-{k}"));
                    write(
                        dir.path(),
                        &format!("{region_name}/{k:03}/{id}-{k}.plan.yaml"),
                        copy.as_bytes(),
                    );
                }
            } else {
                write(
                    dir.path(),
                    &format!("{region_name}/{name}"),
                    text.as_bytes(),
                );
            }
        }
    }
    dir
}

#[test]
fn the_same_bytes_whatever_the_thread_count() {
    let (one, _) = (run(root(), &["check", "-j", "1", "seeds"]), ());
    let (eight, _) = (run(root(), &["check", "-j", "8", "seeds"]), ());
    assert_eq!(one, eight);
    let repo = generated_repository(60);
    let one = common::planlint(repo.path(), &["check", "-j", "1", "--format", "json", "."]);
    let eight = common::planlint(repo.path(), &["check", "-j", "8", "--format", "json", "."]);
    assert_eq!(one.0, 1);
    let json: serde_json::Value = serde_json::from_str(&one.1).unwrap();
    // 60 copies of the five seed plans; the parents are reference copies, not checked.
    assert_eq!(
        json["summary"]["plans"],
        300,
        "{}",
        &one.1[..500.min(one.1.len())]
    );
    assert!(one.1 == eight.1, "output differs between -j 1 and -j 8");
    // Human output is drawn in pieces on every thread and joined in order.
    let one = run(repo.path(), &["check", "-j", "1", "--color", "never", "."]);
    let eight = run(repo.path(), &["check", "-j", "8", "--color", "never", "."]);
    assert!(
        one.1.contains("missing-indicator"),
        "{}",
        &one.1[..500.min(one.1.len())]
    );
    assert!(
        one.1 == eight.1,
        "human output differs between -j 1 and -j 8"
    );
}

#[test]
fn one_run_writes_several_outputs() {
    let dir = plan_dir(&child(""));
    let args = [
        "check",
        "--format",
        "github",
        "--select",
        "weaker-target",
        "--output",
        "sarif=out/planlint.sarif",
        "--output",
        "junit=out/planlint.xml",
        "--output",
        "markdown=out/summary.md",
        "--output",
        "json=out/planlint.json",
        ".",
    ];
    let (code, out) = run(dir.path(), &args);
    // The output folder does not exist: nothing is written, and the run says why.
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("cannot write out/planlint.sarif"), "{out}");
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let (code, out) = run(dir.path(), &args);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with("::error file=city.plan.yaml,line=9,"),
        "{out}"
    );
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/planlint.sarif")).unwrap(),
    )
    .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);
    let junit = std::fs::read_to_string(dir.path().join("out/planlint.xml")).unwrap();
    assert!(
        junit.starts_with("<?xml") && junit.contains("<testsuites"),
        "{junit}"
    );
    let summary = std::fs::read_to_string(dir.path().join("out/summary.md")).unwrap();
    assert!(summary.starts_with("## ❌"), "{summary}");
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/planlint.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["tool"]["rules"][0]["id"], "weaker-target");
    assert_eq!(json["tool"]["rules"][0]["hash"].as_str().unwrap().len(), 64);
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 4, "{left:?}");
}

#[test]
fn a_baseline_lets_a_repository_adopt_planlint() {
    let dir = plan_dir(&child(""));
    let select = ["--select", "weaker-target,regressing-target"];
    // Record today's findings (an error and a warning); refuse to replace the file.
    let mut args = vec!["baseline", "."];
    args.extend(select);
    let (code, out) = run(dir.path(), &args);
    assert_eq!(code, 0, "{out}");
    // weaker-target on both rows.
    assert!(
        out.contains("已把 2 项问题记入 planlint-baseline.json"),
        "{out}"
    );
    let (code, _) = run(dir.path(), &args);
    assert_eq!(
        code, 2,
        "an existing baseline is not replaced without --force"
    );

    let check = |dir: &Path, extra: &[&str]| {
        let mut args = vec![
            "check",
            "--format",
            "json",
            "--baseline",
            "planlint-baseline.json",
        ];
        args.extend(select);
        args.extend(extra);
        args.push(".");
        run(dir, &args)
    };
    // Recorded findings no longer fail the check, even after lines move.
    write(
        dir.path(),
        "city.plan.yaml",
        child("")
            .replacen(
                "indicators:\n",
                "# a comment moves every line\nindicators:\n",
                1,
            )
            .as_bytes(),
    );
    let (code, out) = check(dir.path(), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(codes(&out).is_empty(), "{out}");

    // A new finding fails it.
    write(
        dir.path(),
        "city.plan.yaml",
        child("  - {name: 人均预期寿命, unit: 岁, baseline: \"78\", target: \"77\"}\n").as_bytes(),
    );
    let (code, out) = check(dir.path(), &[]);
    assert_eq!(code, 0, "a new warning alone does not fail: {out}");
    assert_eq!(codes(&out), ["regressing-target warning city.plan.yaml:11"]);

    // Fixing a recorded finding is reported, and --prune shrinks the file.
    write(
        dir.path(),
        "city.plan.yaml",
        child("").replace("\"<10\"", "\"<3\"").as_bytes(),
    );
    let (code, out) = check(dir.path(), &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        codes(&out),
        ["baseline-fixed info planlint-baseline.json:0"]
    );
    let before = std::fs::read_to_string(dir.path().join("planlint-baseline.json")).unwrap();
    let (code, out) = check(dir.path(), &["--prune"]);
    assert_eq!(code, 0, "{out}");
    let after = std::fs::read_to_string(dir.path().join("planlint-baseline.json")).unwrap();
    assert!(
        before.contains("婴儿死亡率") && !after.contains("婴儿死亡率"),
        "{after}"
    );
    assert!(after.contains("居民健康素养水平"), "{after}");
    let (_, out) = check(dir.path(), &[]);
    assert!(codes(&out).is_empty(), "{out}");

    // A broken baseline stops the check rather than report every old finding.
    write(dir.path(), "planlint-baseline.json", b"{not json");
    let (code, out) = check(dir.path(), &[]);
    assert_eq!(code, 2, "{out}");
}

#[test]
fn shell_completions() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out) = run(root(), &["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(
            out.contains("test-rules") && out.contains("baseline"),
            "{shell}: {out}"
        );
    }
}

#[test]
fn the_committed_schema_is_what_planlint_prints() {
    let (code, out) = run(root(), &["schema"]);
    assert_eq!(code, 0);
    let committed = std::fs::read_to_string(root().join("docs/plan.schema.json")).unwrap();
    assert!(out == committed, "docs/plan.schema.json is stale: run `cargo run -p planlint -- schema > docs/plan.schema.json`");
}

/// Every output format, on a repository with findings and on a clean one, pinned by
/// snapshots (content hashes shown as `<hash>`, the temporary folder's name removed).
#[test]
fn every_format_on_findings_and_on_a_clean_repository() {
    let findings = plan_dir(&child(""));
    let clean = plan_dir(
        &child("")
            .replace("\"<10\"", "\"<3\"")
            .replace("\"≥22\"", "\"≥25\""),
    );
    // Only a warning (health literacy), which fails only with --deny warnings.
    let warnings = plan_dir(&child("").replace("\"<10\"", "\"<3\""));
    // A file that is not a valid plan beside the good ones: exit 2 in every format.
    let broken = plan_dir(&child(""));
    write(broken.path(), "bad.plan.yaml", b"planlint: 1\nid: [oops\n");
    let cases: [(&str, &tempfile::TempDir, &[&str], i32); 5] = [
        ("findings", &findings, &[], 1),
        ("clean", &clean, &[], 0),
        ("warnings", &warnings, &[], 0),
        ("warnings_denied", &warnings, &["--deny", "warnings"], 1),
        ("broken", &broken, &[], 2),
    ];
    for (name, dir, extra, expected) in cases {
        for format in ["human", "json", "sarif", "junit", "github", "markdown"] {
            let mut args = vec![
                "check",
                "--format",
                format,
                "--select",
                "weaker-target,slack-target",
            ];
            args.extend(extra);
            args.push(".");
            let (code, out) = run(dir.path(), &args);
            assert_eq!(code, expected, "{name} {format}: {out}");
            if name != "warnings_denied" {
                insta::assert_snapshot!(format!("format_{format}_{name}"), without_hashes(&out));
            }
        }
    }
}

#[test]
fn help_in_both_languages() {
    let (code, zh) = run(root(), &["check", "--help"]);
    assert_eq!(code, 0);
    assert!(zh.contains("对照上级规划检查规划"), "{zh}");
    let (code, en) = run(root(), &["check", "--help", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(en.contains("Check plans against their parents"), "{en}");
    insta::assert_snapshot!("check_help_zh", zh);
}

#[test]
fn timings_go_to_standard_error_and_change_nothing_else() {
    let planlint = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_planlint"))
            .args(["check", "--format", "json", "-j", "2"])
            .args(args)
            .arg("seeds")
            .current_dir(root())
            .output()
            .unwrap()
    };
    for (lang, phases, per_rule) in [
        (
            "zh",
            ["读取并解析规划文件", "运行规则", "合计"],
            "各规则用时（各线程合计）：",
        ),
        (
            "en",
            ["reading and parsing plan files", "running rules", "total"],
            "time per rule (summed over threads):",
        ),
    ] {
        let plain = planlint(&["--lang", lang]);
        let timed = planlint(&["--lang", lang, "--timings"]);
        // Only the plans that could not be judged are named on standard error.
        let said = String::from_utf8_lossy(&plain.stderr);
        assert!(
            said.lines()
                .all(|l| l.contains("无法判定") || l.contains("could not be judged")),
            "{said}"
        );
        assert_eq!(timed.status.code(), plain.status.code());
        assert!(timed.stdout == plain.stdout, "--timings changed the output");
        let err = String::from_utf8(timed.stderr).unwrap();
        for phase in phases {
            assert!(err.contains(phase), "{phase} missing from:\n{err}");
        }
        assert!(err.contains(per_rule), "{err}");
        // One line per rule that ran, each with its time and share.
        for rule in ["weaker-target", "missing-section", "slack-target"] {
            let line = err.lines().find(|l| l.trim_start().starts_with(rule));
            let line = line.unwrap_or_else(|| panic!("{rule} missing from:\n{err}"));
            assert!(line.contains(" ms ") && line.ends_with('%'), "{line}");
        }
    }
}
