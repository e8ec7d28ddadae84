//! A check of many plans is taken a batch at a time, and says byte for byte what one check
//! of everything says: every output format, standard error and the exit status, at batch
//! sizes down to one plan, on one thread and on several — on the seeds, and on a generated
//! repository roughened the way real ones are (a file that is not YAML, a parent that is
//! not there, a second root, an exemption, comments and quoting the generator does not
//! write).

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
    for format in ["human", "json", "sarif", "junit", "markdown"] {
        for jobs in ["1", "3"] {
            let args = [path, "--format", format, "--jobs", jobs];
            let whole = check(dir, None, &args);
            assert!(whole.0 == 1 || whole.0 == 2, "{}", whole.2);
            for &size in sizes {
                let parts = check(dir, Some(size), &args);
                assert!(
                    parts == whole,
                    "{path} in batches of {size} ({format}, {jobs} jobs) differs:\n{}\n---\n{}",
                    parts.2,
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
