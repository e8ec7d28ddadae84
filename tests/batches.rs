//! A check of many plans is taken a batch at a time, and says byte for byte what one check
//! of everything says: every output format, standard error and the exit status, at batch
//! sizes down to one plan, on one thread and on several — on the seeds, and on a generated
//! repository roughened the way real ones are (a file that is not YAML, a parent that is
//! not there, a second root, an exemption, files without an id, comments and quoting the
//! generator does not write).

#[path = "common.rs"]
mod common;

use common::{command, root};
use std::path::Path;

/// `planlint check` in `dir` with the batch size `batch` (`None`: in one piece): exit code,
/// standard output, standard error.
fn check(dir: &Path, batch: Option<usize>, args: &[&str]) -> (i32, String, String) {
    let mut cmd = command(dir, env!("CARGO_BIN_EXE_planlint"));
    cmd.arg("check").args(args);
    // Larger than any repository here: one piece.
    cmd.env("PLANLINT_CHECK_BATCH", batch.unwrap_or(1 << 30).to_string());
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// How many batches a check of `path` in batches of `size` was taken in, as `--timings`
/// says.
fn batches(dir: &Path, path: &str, size: usize) -> usize {
    let (_, _, err) = check(dir, Some(size), &[path, "--timings", "--format", "json"]);
    let head = err
        .lines()
        .find(|l| l.starts_with("planlint 用时"))
        .unwrap_or("");
    head.split("分 ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}

/// Every format, and `path` as given, checked in batches of each size and in one piece.
fn same_in_batches(dir: &Path, path: &str, sizes: &[usize]) {
    for &size in sizes {
        assert!(
            batches(dir, path, size) > 1,
            "{path} was not checked in batches of {size}"
        );
    }
    same_either_way(dir, &[path], sizes);
}

/// Every format of a check with `args`, in batches of each size (or in one piece, where
/// the check must be) and in one piece.
fn same_either_way(dir: &Path, args: &[&str], sizes: &[usize]) {
    for format in ["human", "json", "sarif", "junit", "markdown", "github"] {
        for jobs in ["1", "3"] {
            let args: Vec<&str> = args
                .iter()
                .copied()
                .chain(["--format", format, "--jobs", jobs])
                .collect();
            let whole = check(dir, None, &args);
            for &size in sizes {
                let parts = check(dir, Some(size), &args);
                assert!(
                    parts == whole,
                    "{args:?} in batches of {size} differs:\n{}{}\n---\n{}{}",
                    parts.1,
                    parts.2,
                    whole.1,
                    whole.2
                );
            }
        }
    }
}

#[test]
fn the_seeds_checked_in_batches_are_checked_as_one() {
    same_in_batches(root(), "seeds", &[1, 2, 4]);
}

#[test]
fn a_generated_repository_roughened_checked_in_batches_is_checked_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let g = planlint_bench::generate(7, 2, 4, 30);
    std::fs::write(dir.path().join("planlint.yaml"), "planlint: 1\n").unwrap();
    let mut counties = 0;
    for (path, text) in &g.files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        // Every seventh county hand-edited: a comment, and its parent quoted.
        let text = if path.contains("-c") {
            counties += 1;
            if counties % 7 == 0 {
                text.replacen("\nparent: ", "\n# 上级规划\nparent: ", 1)
                    .replacen("parent: ", "parent: \"", 1)
                    .replacen("-health-14\n", "-health-14\"\n", 1)
            } else {
                text.clone()
            }
        } else {
            text.clone()
        };
        std::fs::write(p, text).unwrap();
    }
    assert!(counties > 20);
    let extra = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    // Not YAML at all.
    extra("broken.plan.yaml", "planlint: 1\nid: [\n");
    // A county whose parent is not in the repository.
    extra(
        "orphan.plan.yaml",
        "planlint: 1\nid: orphan-14\ntitle: 某某县“十四五”卫生健康规划\nregion: 某某县\nlevel: county\nperiod: {start: 2021, end: 2025}\nparent: nowhere-14\nindicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: \"3.9\", target: \"<5\"}\n",
    );
    // A second root, a province naming no parent, with a county below it that exempts a
    // finding.
    extra(
        "root.plan.yaml",
        "planlint: 1\nid: root-14\ntitle: 某省“十四五”卫生健康规划\nregion: 某省\nlevel: province\nperiod: {start: 2021, end: 2025}\nindicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: \"4.1\", target: \"<4\", nature: 约束性}\n",
    );
    extra(
        "under-root.plan.yaml",
        "planlint: 1\nid: under-root-14\ntitle: 某县“十四五”卫生健康规划\nregion: 某县\nlevel: county\nperiod: {start: 2021, end: 2025}\nparent: root-14\nindicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: \"3.0\", target: \"<6\"}\nexemptions:\n  - {rule: regressing-target, reason: 出生人数少，逐年波动大}\n",
    );
    // Files without an id: empty, a list, and a plan that names its parent but not itself.
    extra("empty.plan.yaml", "");
    extra("list.plan.yaml", "- 婴儿死亡率\n- 孕产妇死亡率\n");
    extra(
        "no-id.plan.yaml",
        "planlint: 1\ntitle: 某乡“十四五”卫生健康规划\nregion: 某乡\nlevel: county\nperiod: {start: 2021, end: 2025}\nparent: root-14\nindicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: \"3.0\", target: \"<6\"}\n",
    );
    same_in_batches(dir.path(), ".", &[1, 5, 16]);
    // One province's folder: its ancestors lie outside the paths named.
    let province = g
        .files
        .iter()
        .map(|(p, _)| p.split('/').next().unwrap_or(""))
        .find(|p| p.starts_with('p'))
        .unwrap()
        .to_string();
    same_in_batches(dir.path(), &province, &[3]);
}

/// A plan file from a few facts: `level` and `parent` may be left out (`""`).
fn plan(id: &str, level: &str, parent: &str, rows: &str) -> String {
    let mut text = format!(
        "planlint: 1\nid: {id}\ntitle: 某{id}规划\nregion: 某地{id}\nperiod: {{start: 2021, end: 2025}}\nissuer: 某{id}人民政府\nissued: 2021-06-01\n"
    );
    if !level.is_empty() {
        text += &format!("level: {level}\n");
    }
    if !parent.is_empty() {
        text += &format!("parent: {parent}\n");
    }
    text + "indicators:\n  - {name: 婴儿死亡率, unit: ‰, baseline: \"4.1\", target: \"<4\", nature: 约束性}\n" + rows
}

/// A repository of `files` (name, text), with its `planlint.yaml`.
fn repository(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("planlint.yaml"), "planlint: 1\n").unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Cases an adversarial reading found where batches once said something else.
#[test]
fn what_batches_once_got_wrong_they_now_say_as_one() {
    // A root whose only child cannot hang below it (a province under a prefecture): it has
    // no parent and is no one's, so its parent is missing.
    let dir = repository(&[
        ("r.plan.yaml", plan("r", "prefecture", "", "")),
        ("c.plan.yaml", plan("c", "province", "r", "")),
        ("g.plan.yaml", plan("g", "county", "c", "")),
    ]);
    same_either_way(dir.path(), &["r.plan.yaml", "g.plan.yaml"], &[1]);
    same_in_batches(dir.path(), ".", &[1]);

    // A carriage return alone ends a comment and a line: the parent is on the next line.
    let county = plan("x", "county", "", "").replacen("id: x\n", "id: x # 县\rparent: p\n", 1);
    let dir = repository(&[
        ("a-p.plan.yaml", plan("p", "province", "", "")),
        ("b-x.plan.yaml", county),
    ]);
    same_in_batches(dir.path(), ".", &[1]);

    // A rule that hits a limit on the three provinces (and whose rule.yaml has a field it
    // does not know) is not run on the plans after them.
    let rule = "id: deep\nseverity: info\ncolour: red\nsummary: {zh: 递归, en: recurses}\n";
    let script = "fn f(x) { f(x + 1) }\nif plan.level == \"province\" { f(0); }\nreport(plan, #{ zh: \"到此一游\", en: \"visited\" });\n";
    let dir = repository(&[
        ("a-n.plan.yaml", plan("n", "national", "", "")),
        ("b-p1.plan.yaml", plan("p1", "province", "n", "")),
        ("b-p2.plan.yaml", plan("p2", "province", "n", "")),
        ("b-p3.plan.yaml", plan("p3", "province", "n", "")),
        ("c-c1.plan.yaml", plan("c1", "county", "p1", "")),
        ("c-c2.plan.yaml", plan("c2", "county", "p2", "")),
        ("c-c3.plan.yaml", plan("c3", "county", "p3", "")),
        ("rules/deep/rule.yaml", rule.to_string()),
        ("rules/deep/check.rhai", script.to_string()),
    ]);
    same_either_way(dir.path(), &[".", "--rules", "rules"], &[1, 2]);

    // A cycle of parents, cut where the plans' order says.
    let deaths = "  - {name: 孕产妇死亡率, unit: /10万, baseline: \"15\", target: \"<12\", nature: 约束性}\n";
    let dir = repository(&[
        ("1-b.plan.yaml", plan("b", "province", "a", deaths)),
        ("2-a.plan.yaml", plan("a", "", "b", "")),
        ("3-l.plan.yaml", plan("l", "county", "a", "")),
    ]);
    same_either_way(dir.path(), &["."], &[1]);

    // A file that is not UTF-8, and a path that is not there: the check is incomplete.
    let dir = repository(&[
        ("a.plan.yaml", plan("a", "national", "", "")),
        ("b.plan.yaml", plan("b", "province", "a", "")),
    ]);
    same_either_way(
        dir.path(),
        &["a.plan.yaml", "b.plan.yaml", "nothere.plan.yaml"],
        &[1],
    );
    // A plan file given as the baseline, with no finding of its own: its text is drawn.
    same_either_way(
        dir.path(),
        &[
            ".",
            "--baseline",
            "b.plan.yaml",
            "--ignore",
            "missing-basis",
        ],
        &[1],
    );
    std::fs::write(dir.path().join("c.plan.yaml"), b"planlint: 1\nid: c\xff\n").unwrap();
    same_in_batches(dir.path(), ".", &[1]);

    // A parent whose header only a parse can read (a carriage return alone in a comment
    // of its first lines): its own parent is read in one piece as in batches.
    let deaths = "  - {name: 孕产妇死亡率, unit: /10万, baseline: \"15\", target: \"<12\", nature: 约束性}\n";
    let province = plan("p", "province", "n", "").replacen("id: p\n", "id: p # 省\r# 注\n", 1);
    let dir = repository(&[
        ("n.plan.yaml", plan("n", "national", "", deaths)),
        ("p.plan.yaml", province),
        ("c1.plan.yaml", plan("c1", "county", "p", "")),
        ("c2.plan.yaml", plan("c2", "county", "p", "")),
    ]);
    same_either_way(dir.path(), &["c1.plan.yaml", "c2.plan.yaml"], &[1]);
    let (_, out, _) = check(dir.path(), None, &["c1.plan.yaml", "--format", "json"]);
    assert!(
        out.contains("n.plan.yaml"),
        "the national plan was not read:\n{out}"
    );

    // A chain of parents deeper than any hierarchy is checked in one piece (in batches,
    // each batch would read most of it again).
    let mut files = vec![("0.plan.yaml".to_string(), plan("k0", "", "", ""))];
    for k in 1..16 {
        let parent = format!("k{}", k - 1);
        files.push((
            format!("{k}.plan.yaml"),
            plan(&format!("k{k}"), "", &parent, ""),
        ));
    }
    let files: Vec<(&str, String)> = files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let dir = repository(&files);
    assert_eq!(
        batches(dir.path(), ".", 1),
        1,
        "a deep chain was cut into batches"
    );
    let dir = repository(&files[..8]);
    assert!(
        batches(dir.path(), ".", 1) > 1,
        "a short chain was not cut into batches"
    );
    same_in_batches(dir.path(), ".", &[1, 3]);

    // Findings that tie on place, code and English message, from plans of two batches.
    let rule =
        "id: at-parent\nseverity: info\nsummary: {zh: 在上级处报告, en: reports at the parent}\n";
    let script = "if type_of(parent) != \"()\" { report(parent, #{ zh: `下级规划：${plan.id}`, en: \"a plan below\" }); }\n";
    let dir = repository(&[
        ("0-r.plan.yaml", plan("r", "national", "", "")),
        ("a-c1.plan.yaml", plan("c1", "province", "r", "")),
        ("b-p.plan.yaml", plan("p", "province", "r", "")),
        ("c-c2.plan.yaml", plan("c2", "prefecture", "p", "")),
        ("rules/at-parent/rule.yaml", rule.to_string()),
        ("rules/at-parent/check.rhai", script.to_string()),
    ]);
    same_in_batches(dir.path(), ".", &[1]);
    same_either_way(dir.path(), &[".", "--rules", "rules"], &[1]);
}
