//! `planlint report DIR` as a reviewer runs it over a repository or a folder: the overview
//! page and its folder of full reports, the Excel workbook read back as another program
//! reads it, the numbers of both against `check --format json` on the same folder, and the
//! page opened, filtered, sorted and printed in headless Chromium (`tests/browser/overview.mjs`).

#[path = "common.rs"]
mod common;
#[path = "browser/harness.rs"]
mod harness;

use calamine::{Data, Reader, Xlsx};
use common::{planlint as run, root, seeds_with_exemptions};
use std::collections::BTreeMap;
use std::path::Path;

/// Counts by plan id: (errors, warnings, notes, exempted).
type Counts = BTreeMap<String, (usize, usize, usize, usize)>;

/// What `check --format json` says about each plan of `path`, and every finding as (plan,
/// rule, message).
fn check_json(dir: &Path, path: &str) -> (Counts, Vec<(String, String, String)>) {
    let (code, out, err) = run(dir, &["check", path, "--format", "json"]);
    // 2 where a plan's verdict waits (its parent's table unknown, say), said on stderr.
    assert!(
        code == 0 || code == 1 || (code == 2 && err.contains("无法判定")),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut counts = Counts::new();
    let mut findings = Vec::new();
    for d in json["diagnostics"].as_array().unwrap() {
        let Some(plan) = d["plan"].as_str() else {
            continue;
        };
        let entry = counts.entry(plan.to_string()).or_default();
        if d["exempted"].as_bool() == Some(true) {
            entry.3 += 1;
        } else {
            match d["severity"].as_str() {
                Some("error") => entry.0 += 1,
                Some("warning") => entry.1 += 1,
                _ => entry.2 += 1,
            }
        }
        findings.push((
            plan.to_string(),
            d["rule"].as_str().unwrap().to_string(),
            d["message"].as_str().unwrap().to_string(),
        ));
    }
    findings.sort();
    (counts, findings)
}

/// The value of attribute `name` in a tag's text.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// The attributes of the page's `<tr` elements with class `class`, each with a space in
/// front.
fn rows(page: &str, class: &str) -> Vec<String> {
    page.split("<tr ")
        .skip(1)
        .map(|t| format!(" {}", &t[..t.find('>').unwrap_or(t.len())]))
        .filter(|t| attr(t, "class").is_some_and(|c| c.split(' ').any(|c| c == class)))
        .collect()
}

/// The counts the overview's rows carry, by plan id.
fn overview_counts(page: &str) -> Counts {
    let mut counts = Counts::new();
    for tag in rows(page, "plan") {
        let n = |name| attr(&tag, name).unwrap().parse::<usize>().unwrap();
        let plan = attr(&tag, "data-plan").unwrap().to_string();
        let c = (
            n("data-error"),
            n("data-warning"),
            n("data-info"),
            n("data-exempted"),
        );
        if c != (0, 0, 0, 0) {
            counts.insert(plan, c);
        }
    }
    counts
}

#[test]
fn the_overview_of_the_seeds_agrees_with_check_and_links_every_plan() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("overview.html");
    let seeds = root().join("seeds");
    let (code, stdout, err) = run(
        dir.path(),
        &[
            "report",
            seeds.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.contains("已写入") && stdout.contains("5 个规划"),
        "{stdout}"
    );
    let page = std::fs::read_to_string(&out).unwrap();

    // The counts of every row are check's for that plan.
    let (expected, _) = check_json(root(), "seeds");
    assert!(!expected.is_empty());
    assert_eq!(overview_counts(&page), expected);

    // One row per plan file, each linking to its full report, which exists and is that
    // plan's report.
    let plans = rows(&page, "plan");
    // The parents kept as reference copies are not submissions: five plans are.
    assert_eq!(plans.len(), 5);
    let folder = dir.path().join("overview-reports");
    let mut linked = 0;
    for part in page.split("<a href=\"").skip(1) {
        let href = &part[..part.find('"').unwrap()];
        let report = std::fs::read_to_string(dir.path().join(href)).unwrap();
        assert!(report.contains("规划衔接审查报告"), "{href}");
        linked += 1;
    }
    // Each plan is linked from its row, and from its matrix row where it has one.
    assert!(linked >= 5, "{linked}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 5);
    let alxa = std::fs::read_to_string(folder.join("nm-alxa-health-14.html")).unwrap();
    assert!(alxa.contains("阿拉善盟"));

    // The matrix: a weaker cell for every weaker-target finding and a missing cell for
    // every missing-indicator finding, plan by plan.
    let (_, findings) = check_json(root(), "seeds");
    for (rule, verdict) in [
        ("weaker-target", "weaker"),
        ("missing-indicator", "missing"),
    ] {
        let mut found: BTreeMap<String, usize> = BTreeMap::new();
        for (plan, r, _) in &findings {
            if r == rule {
                *found.entry(plan.clone()).or_default() += 1;
            }
        }
        let mut cells: BTreeMap<String, usize> = BTreeMap::new();
        for part in page.split("<tr class=\"member\"").skip(1) {
            let tag = &part[..part.find('>').unwrap()];
            let plan = attr(&format!(" {tag}"), "data-plan").unwrap().to_string();
            let row = &part[..part.find("</tr>").unwrap()];
            let n = row.matches(&format!("data-v=\"{verdict}\"")).count();
            if n > 0 {
                cells.insert(plan, n);
            }
        }
        assert_eq!(cells, found, "{rule}");
        assert!(!found.is_empty(), "{rule}");
    }

    // Written once; replaced (page and folder) only with --force.
    let (code, _, err) = run(
        dir.path(),
        &[
            "report",
            seeds.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("--force"), "{err}");
    let (code, _, err) = run(
        dir.path(),
        &[
            "report",
            seeds.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--force",
            "--lang",
            "en",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("Plan alignment overview"));
}

#[test]
fn a_province_folder_is_judged_against_parents_outside_it() {
    let (code, page, err) = run(root(), &["report", "seeds/nei-mongol"]);
    assert_eq!(code, 0, "{err}");
    let plans = rows(&page, "plan");
    assert_eq!(plans.len(), 3);
    // The province's parent lies outside the folder: it is named, not listed.
    assert!(page.contains("“十四五”国民健康规划"));
    assert!(!plans
        .iter()
        .any(|t| attr(t, "data-plan") == Some("cn-health-14")));
    // On standard output the page stands alone: no links to reports that were not written.
    assert!(!page.contains("<a href="));
    let (expected, _) = check_json(root(), "seeds/nei-mongol");
    assert_eq!(overview_counts(&page), expected);
}

#[test]
fn a_folder_with_a_broken_file_and_a_title_with_markup() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.plan.yaml"), "planlint: 1\nid: [\n").unwrap();
    let plan = "planlint: 1\nid: x\ntitle: \"<script>alert(1)</script>某县规划\"\nregion: 某县\nlevel: county\nperiod: {start: 2021, end: 2025}\nindicators:\n  - {name: \"婴儿死亡率<b>\", unit: ‰, baseline: \"3.88\", target: \"<3\"}\n";
    std::fs::write(dir.path().join("x.plan.yaml"), plan).unwrap();
    let (code, page, err) = run(dir.path(), &["report", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(!page.contains("<script"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;某县规划"));
    // The file that is not a plan has its row, saying it could not be checked.
    let broken: Vec<String> = rows(&page, "plan")
        .into_iter()
        .filter(|t| attr(t, "data-file").is_some_and(|f| f.ends_with("broken.plan.yaml")))
        .collect();
    assert_eq!(broken.len(), 1);
    assert_eq!(attr(&broken[0], "data-outcome"), Some("undetermined"));

    // An empty folder is a usage problem.
    let empty = tempfile::tempdir().unwrap();
    let (code, _, err) = run(empty.path(), &["report", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("没有规划文件"), "{err}");
    // A folder has no opinion: that takes one plan.
    let (code, _, err) = run(
        root(),
        &["report", "seeds", "--format", "docx", "-o", "x.docx"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("目录"), "{err}");
}

/// A sheet's rows as text.
fn sheet(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, name: &str) -> Vec<Vec<String>> {
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => format!("{i}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_workbook_reads_back_as_the_overview_and_every_finding() {
    let dir = tempfile::tempdir().unwrap();
    let repo = seeds_with_exemptions();
    let root = || repo.path();
    let xlsx = dir.path().join("总览.xlsx");
    let workbook = |to: &Path| {
        let to = to.to_str().unwrap();
        run(root(), &["report", "seeds", "--format", "xlsx", "-o", to])
    };
    let (code, stdout, err) = workbook(&xlsx);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("已写入"), "{stdout}");
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["各规划结论", "指标对照矩阵", "问题清单"]
    );

    // The plans: a row each, with check's counts.
    let plans = sheet(&mut book, "各规划结论");
    assert_eq!(
        plans[0][..6],
        ["序号", "规划", "地区", "级别", "上级规划", "结论"]
    );
    assert_eq!(plans.len(), 6);
    let (expected, findings) = check_json(root(), "seeds");
    let files: BTreeMap<String, String> = {
        // The sheet names plans by title and file; check by id: join through the files.
        let (_, out, _) = run(root(), &["check", "seeds", "--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| {
                Some((
                    d["file"].as_str()?.to_string(),
                    d["plan"].as_str()?.to_string(),
                ))
            })
            .collect()
    };
    let mut read = Counts::new();
    for row in &plans[1..] {
        let n = |i: usize| row[i].parse::<f64>().unwrap() as usize;
        let c = (n(6), n(7), n(8), n(9));
        if c != (0, 0, 0, 0) {
            read.insert(files[&row[17]].clone(), c);
        }
    }
    assert_eq!(read, expected);
    let panzhihua = plans.iter().find(|r| r[2] == "攀枝花市").unwrap();
    assert_eq!(panzhihua[5], "不通过");
    assert_eq!(panzhihua[4], "四川省“十四五”卫生健康发展规划");

    // Every finding, with its rule and message; the targets of both plans beside a weaker one.
    let table = sheet(&mut book, "问题清单");
    assert_eq!(
        table[0],
        [
            "规划",
            "地区",
            "指标",
            "规则",
            "严重程度",
            "问题",
            "位置",
            "上级目标值",
            "本规划目标值",
            "已说明",
            "说明理由"
        ]
    );
    assert_eq!(table.len() - 1, findings.len());
    let ids: BTreeMap<String, String> = plans[1..]
        .iter()
        .map(|r| (r[1].clone(), files.get(&r[17]).cloned().unwrap_or_default()))
        .collect();
    let mut back: Vec<(String, String, String)> = table[1..]
        .iter()
        .map(|r| (ids[&r[0]].clone(), r[3].clone(), r[5].clone()))
        .collect();
    back.sort();
    assert_eq!(back, findings);
    let weaker = table
        .iter()
        .find(|r| r[3] == "weaker-target" && r[1] == "阿拉善盟")
        .unwrap();
    assert_eq!(weaker[2], "人均预期寿命");
    assert_eq!(weaker[7], "在2020年基础上提高1岁左右");
    assert_eq!(weaker[8], "77.6岁");
    let exempted: Vec<&Vec<String>> = table.iter().filter(|r| r[9] == "是").collect();
    assert_eq!(exempted.len(), 2);
    assert!(exempted.iter().all(|r| !r[10].is_empty()));

    // The matrix: a block per parent, its indicators across, its plans down.
    let matrix = sheet(&mut book, "指标对照矩阵");
    let block = matrix
        .iter()
        .position(|r| r[0].starts_with("内蒙古自治区“十四五”卫生与健康事业发展规划"))
        .unwrap();
    assert_eq!(matrix[block + 1][0], "规划");
    let alxa = matrix[block..].iter().find(|r| r[0] == "阿拉善盟").unwrap();
    assert!(alxa[1].starts_with('▼'), "{alxa:?}");
    assert!(
        alxa.iter().filter(|c| c.starts_with('✗')).count() == 1,
        "{alxa:?}"
    );

    // Same input, same bytes: a workbook made a second later is the same file (Excel's
    // creation stamp is not the clock's).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again = dir.path().join("again.xlsx");
    let (code, _, err) = workbook(&again);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&xlsx).unwrap() == std::fs::read(&again).unwrap());
}

/// The page as a reviewer uses it, in headless Chromium: nothing leaves the file, no
/// script runs, the verdict filter, the parent filter and the sorts change what is shown,
/// and it prints. Skipped, saying why, where Chromium or the npm packages are absent
/// (`.ci/run` installs both). With `PLANLINT_BROWSER_OUT=DIR` the screenshots are kept.
#[test]
fn the_overview_is_filtered_sorted_and_printed_in_headless_chromium() {
    if !harness::ready("the_overview_is_filtered_sorted_and_printed_in_headless_chromium") {
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let out = harness::output_dir(temp.path());
    let html = out.join("overview.html");
    let (code, _, err) = run(
        root(),
        &["report", "seeds", "-o", html.to_str().unwrap(), "--force"],
    );
    assert_eq!(code, 0, "{err}");
    let (ok, stdout, stderr) = harness::node("overview.mjs", [html.as_os_str(), out.as_os_str()]);
    assert!(ok, "{stdout}\n{stderr}");
    // What the script saw, against what the page says.
    let page = std::fs::read_to_string(&html).unwrap();
    let fails = rows(&page, "plan")
        .iter()
        .filter(|t| attr(t, "data-outcome") == Some("fails"))
        .count();
    assert!(stdout.contains(&format!(r#""fails":{fails}"#)), "{stdout}");
    assert!(stdout.contains(r#""rows":5"#), "{stdout}");
    for file in ["overview.png", "overview-print.png", "overview.pdf"] {
        let size = std::fs::metadata(out.join(file)).map_or(0, |m| m.len());
        assert!(size > 1000, "{file} is {size} bytes");
    }
}

/// Into a stream (`-o /dev/stdout`) the overview goes alone, as on standard output: no
/// folder of reports is made beside the stream.
#[test]
fn an_overview_into_a_stream_writes_no_folder_beside_it() {
    let (code, out, err) = run(root(), &["report", "seeds", "-o", "/dev/stdout"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("规划衔接审查总览"), "{out}");
    assert!(!Path::new("/dev/stdout-reports").exists());
    let (code, _, err) = run(root(), &["report", "seeds", "-o", "/dev/null"]);
    assert_eq!(code, 0, "{err}");
    assert!(!Path::new("/dev/null-reports").exists());
}
