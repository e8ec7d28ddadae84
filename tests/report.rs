//! `planlint report` as a reviewer runs it: the HTML and Markdown of a seed plan (pinned by
//! snapshots), both languages, the output file and `--force`, a file that is not a plan,
//! usage problems, plan text that must stay text, and the page opened in headless
//! Chromium (`tests/browser/report.mjs`).

#[path = "common.rs"]
mod common;
#[path = "browser/harness.rs"]
mod harness;

use common::{planlint as run, root};

use planlint_engine::World;
use planlint_model::{load_plan, Catalog, PlanSet};
use std::process::Command;

const SEED: &str = "seeds/nei-mongol/nm-alxa-health-14.plan.yaml";

/// The report of the seed plan in `format` and `lang`, from standard output.
fn seed_report(format: &str, lang: &str) -> String {
    let (code, out, err) = run(
        root(),
        &["report", SEED, "--format", format, "--lang", lang],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    out
}

/// The report of 阿拉善盟's plan, which a reviewer in 内蒙古 would get: every table row
/// against the national plan (the region's own plan has no readable table), the sections
/// the region requires, and the twelve warnings.
#[test]
fn the_html_report_of_a_seed_plan() {
    let html = seed_report("html", "zh");
    assert!(html.starts_with("<!DOCTYPE html>"));
    insta::assert_snapshot!("report_html_alxa_zh", html);
}

#[test]
fn the_markdown_report_of_a_seed_plan_in_both_languages() {
    insta::assert_snapshot!("report_markdown_alxa_zh", seed_report("markdown", "zh"));
    insta::assert_snapshot!("report_markdown_alxa_en", seed_report("markdown", "en"));
}

#[test]
fn the_html_report_in_english() {
    let html = seed_report("html", "en");
    assert!(html.contains(r#"<html lang="en">"#));
    // 内蒙古's own table is not recorded: the verdict waits for it.
    assert!(html.contains("Undetermined"));
    assert!(html.contains("Indicators side by side"));
    // The same table as in Chinese: one row per indicator to carry.
    let zh = seed_report("html", "zh");
    let rows = |page: &str| page.matches(r#"<tr class="indicator "#).count();
    assert_eq!(rows(&html), 12);
    assert_eq!(rows(&zh), 12);
}

#[test]
fn the_output_file_is_written_once_and_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let out_arg = out.to_str().unwrap();
    let seed = root().join(SEED);
    let seed = seed.to_str().unwrap();

    let (code, stdout, err) = run(dir.path(), &["report", seed, "-o", out_arg]);
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.contains("已写入") && stdout.contains("无法判定"),
        "{stdout}"
    );
    let written = std::fs::read_to_string(&out).unwrap();
    // The file holds what standard output would have shown.
    let (_, shown, _) = run(dir.path(), &["report", seed]);
    assert!(written == shown, "the file and standard output differ");

    std::fs::write(&out, "a reviewer's notes").unwrap();
    let (code, stdout, err) = run(dir.path(), &["report", seed, "-o", out_arg]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(err.contains("已存在") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "a reviewer's notes");

    let (code, _, err) = run(
        dir.path(),
        &["report", seed, "-o", out_arg, "--force", "--lang", "en"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("Undetermined"));
    // Nothing but the report is left in the folder (the atomic writer's temporary file
    // is gone).
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["report.html"]);
}

#[test]
fn the_exit_status_does_not_depend_on_the_verdict() {
    // 攀枝花's plan fails (units printed in % where only ‰ makes sense): the report is
    // still written, and that is success.
    let (code, out, err) = run(
        root(),
        &[
            "report",
            "seeds/sichuan/sc-panzhihua-health-14.plan.yaml",
            "--format",
            "markdown",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("## ✗ 不通过"), "{out}");
}

#[test]
fn a_file_that_is_not_a_plan_still_gets_a_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.plan.yaml"), "planlint: 1\nid: [\n").unwrap();
    let (code, out, err) = run(dir.path(), &["report", "broken.plan.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("无法判定"), "{out}");
    assert!(out.contains("yaml-syntax"), "{out}");
    assert!(out.contains("broken.plan.yaml:2:"), "{out}");
}

#[test]
fn usage_problems_exit_2_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    // A folder gives the overview (tests/overview.rs), but not in Markdown: that takes one
    // plan.
    let (code, out, err) = run(root(), &["report", "seeds", "--format", "markdown"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("目录"), "{err}");
    let (code, _, err) = run(dir.path(), &["report", "nowhere.plan.yaml", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(err.contains("nowhere.plan.yaml: no such file"), "{err}");
    let missing_dir = dir.path().join("no/such/folder/report.html");
    let (code, _, err) = run(
        root(),
        &[
            "report",
            SEED,
            "-o",
            missing_dir.to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot write"), "{err}");
    let (code, _, err) = run(root(), &["report", SEED, "--format", "pdf"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_plan_title_with_a_script_shows_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "planlint: 1\nid: x\ntitle: \"<script>alert(1)</script>某县规划\"\nregion: 某县\nlevel: county\nperiod: {start: 2021, end: 2025}\nindicators:\n  - {name: \"婴儿死亡率<b>\", unit: ‰, baseline: \"3.88\", target: \"<3\"}\n";
    std::fs::write(dir.path().join("x.plan.yaml"), plan).unwrap();
    let (code, html, err) = run(dir.path(), &["report", "x.plan.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;某县规划"));
    assert!(html.contains("婴儿死亡率&lt;b&gt;"));
}

/// How many indicators the seed plan must carry, computed here from the plans themselves
/// (the world the rules see), for the browser test to compare with the page's table.
fn seed_indicators() -> usize {
    let (catalog, _) = Catalog::load("rules/catalog.yaml", include_str!("../rules/catalog.yaml"));
    let mut plans = Vec::new();
    let mut stack = vec![root().join("seeds")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(".plan.yaml") {
                let text = std::fs::read_to_string(&path).unwrap();
                plans.extend(load_plan(&path.to_string_lossy(), &text).0);
            }
        }
    }
    let (set, _) = PlanSet::new(plans);
    let world = World::new(set, catalog);
    let p = world.plans.index_of("nm-alxa-health-14").unwrap();
    world.carried(p).len()
}

/// The report opened as a reviewer opens it, in Debian's Chromium driven headless by
/// playwright-core: no request leaves the file, the verdict is shown, the table has one
/// row per indicator the plan must carry, a chart is drawn, and the page prints to an A4
/// PDF. Skipped, saying why, where Chromium or the npm packages are not installed (`.ci/run`
/// installs both, and there a missing browser is a failure, not a skip). With
/// `PLANLINT_BROWSER_OUT=DIR` the screenshots and the PDF are kept in DIR.
#[test]
fn the_report_opens_in_headless_chromium() {
    if !harness::ready("the_report_opens_in_headless_chromium") {
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let out = harness::output_dir(temp.path());
    let html = out.join("report.html");
    let (code, _, err) = run(
        root(),
        &["report", SEED, "-o", html.to_str().unwrap(), "--force"],
    );
    assert_eq!(code, 0, "{err}");

    let expected = seed_indicators();
    assert_eq!(expected, 12);
    let (ok, stdout, stderr) = harness::node(
        "report.mjs",
        [
            html.as_os_str(),
            out.as_os_str(),
            expected.to_string().as_ref(),
        ],
    );
    assert!(ok, "{stdout}\n{stderr}");
    assert!(stdout.contains(r#""verdict":"无法判定""#), "{stdout}");
    assert!(
        stdout.contains(&format!(r#""rows":{expected}"#)),
        "{stdout}"
    );
    for file in ["report.png", "first-screen.png", "report.pdf"] {
        let size = std::fs::metadata(out.join(file)).map_or(0, |m| m.len());
        assert!(size > 1000, "{file} is {size} bytes");
    }

    // And as a reviewer would print it without any driver: Chromium's own --print-to-pdf.
    let profile = tempfile::tempdir().unwrap();
    let pdf = out.join("print-to-pdf.pdf");
    let printed = Command::new("/usr/bin/chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        printed.status.success(),
        "{}",
        String::from_utf8_lossy(&printed.stderr)
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.starts_with(b"%PDF-") && bytes.len() > 1000,
        "{} bytes",
        bytes.len()
    );
}
