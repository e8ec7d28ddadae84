//! `planlint init [DIR]`: scaffolds a plan repository so that a team can gate every
//! change on planlint.
//!
//! It writes a commented `planlint.yaml`, an example parent and child plan that check
//! clean, a GitHub Actions workflow (annotations, SARIF for code scanning, a Markdown
//! summary), a GitLab CI job (a JUnit report) and a pre-commit configuration.
//!
//! It never overwrites a file unless asked: every target is checked before anything is
//! written, so a refused run leaves the folder exactly as it found it. With `--force`
//! each file is replaced atomically, so an interrupted run never leaves half a file.

use crate::discover::display;
use crate::write::{write_atomically, write_stdout};
use planlint_diagnostics::Lang;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The files `init` writes, as paths relative to the repository root (always with `/`)
/// and their contents. The order is the order they are reported in.
pub const FILES: &[(&str, &str)] = &[
    ("planlint.yaml", CONFIG),
    ("plans/example-province.plan.yaml", PARENT),
    ("plans/example-city/example-city.plan.yaml", CHILD),
    (".github/workflows/planlint.yml", GITHUB),
    (".gitlab-ci.yml", GITLAB),
    (".pre-commit-config.yaml", PRE_COMMIT),
];

/// Writes the scaffold into `dir`, creating it if absent. Exit status: `0` written, `2`
/// a file exists (without `force`) or could not be written.
pub fn run(dir: &Path, force: bool, lang: Lang) -> ExitCode {
    let targets: Vec<(PathBuf, &str)> = FILES
        .iter()
        .map(|(name, text)| (dir.join(name), *text))
        .collect();

    // Check everything first: a refusal must leave nothing behind. `symlink_metadata`
    // also sees a dangling link, which a write would follow.
    let existing: Vec<&PathBuf> = targets
        .iter()
        .map(|(path, _)| path)
        .filter(|path| path.symlink_metadata().is_ok())
        .collect();
    if !existing.is_empty() && !force {
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => "planlint: 以下文件已存在，未写入任何文件；用 --force 覆盖：",
                Lang::En =>
                    "planlint: these files exist, nothing was written; use --force to replace them:",
            }
        );
        for path in existing {
            eprintln!("  {}", display(path));
        }
        return ExitCode::from(2);
    }

    let mut report = String::new();
    for (path, text) in &targets {
        let replaced = path.symlink_metadata().is_ok();
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| write_atomically(path, text.as_bytes()));
        if let Err(err) = written {
            // Print what was done so far, so that the user knows what the failed run left.
            let _ = write_stdout(&report);
            eprintln!(
                "{}",
                match lang {
                    Lang::Zh => format!("planlint: 无法写入 {}：{err}", display(path)),
                    Lang::En => format!("planlint: cannot write {}: {err}", display(path)),
                }
            );
            return ExitCode::from(2);
        }
        let verb = match (lang, replaced) {
            (Lang::Zh, false) => "已创建",
            (Lang::Zh, true) => "已覆盖",
            (Lang::En, false) => "created ",
            (Lang::En, true) => "replaced",
        };
        report.push_str(&format!("{verb} {}\n", display(path)));
    }
    report.push_str(match lang {
        Lang::Zh => "\n下一步：\n  planlint check .                      检查示例规划（应无问题）\n  编辑 .github/workflows/planlint.yml   补全安装 planlint 的步骤（见文件中的 PLANLINT_INSTALL）\n  pre-commit install                    提交前自动检查改动的规划\n",
        Lang::En => "\nNext:\n  planlint check .                      check the example plans (they are clean)\n  edit .github/workflows/planlint.yml   complete the step that installs planlint (PLANLINT_INSTALL)\n  pre-commit install                    check changed plans before each commit\n",
    });
    // A closed pipe is not a failure: the files are written.
    let _ = write_stdout(&report);
    ExitCode::SUCCESS
}

const CONFIG: &str = r#"# planlint's settings for this repository. This file marks the repository's root:
# checking one plan or one sub-folder still finds every plan's parents from here.
# Paths below are relative to this folder. Reference: `planlint rule --all` lists the rules,
# `planlint rule <id>` documents one.
planlint: 1

# Every key below is optional; remove the leading `#` to use one.
# rules:
#   select: [weaker-target, missing-indicator]   # run only these rules (default: every rule)
#   ignore: [missing-basis]                      # never run these rules
#   severity: {slack-target: error}              # replace a rule's severity (error, warning, info)
#   dirs: [lint-rules]                           # this repository's own rules, one directory each
# catalogs: [catalog.yaml]                       # indicator catalog files extending the bundled one
"#;

const PARENT: &str = r#"# EXAMPLE written by `planlint init`: an invented provincial plan, not a real document.
# Every name and number below is made up to show the format; replace this file with your
# own plans (format: docs/plan-format.md in planlint's repository).
planlint: 1
id: example-province
title: 示例省“十四五”卫生健康发展规划
region: 示例省
level: province
period: {start: 2021, end: 2025}
issuer: 示例省人民政府办公厅
issued: 2021-12-20
sections:
  - {number: 一、, title: 发展基础}
  - {number: 二、, title: 发展目标}
  - {number: 三、, title: 主要任务}
  - {number: 四、, title: 保障措施}
indicators:
  - {no: 1, domain: 健康水平, name: 人均预期寿命, unit: 岁, baseline: "77.0", target: "78.0", nature: 预期性}
  - {no: 2, domain: 健康水平, name: 婴儿死亡率, unit: ‰, baseline: "5.0", target: "<4.5", nature: 预期性}
# What this plan asks of the plans that implement it (a policy of this repository).
requirements:
  sections:
    - {topic: 发展目标, any_of: [发展目标, 规划目标, 主要目标]}
    - {topic: 保障措施, any_of: [保障措施, 保障机制]}
  indicators: all
"#;

const CHILD: &str = r#"# EXAMPLE written by `planlint init`: an invented city plan implementing the example
# provincial plan (parent: example-province), not a real document. It checks clean:
# `planlint check .` exits 0, so the repository starts green.
planlint: 1
id: example-city
title: 示例市“十四五”卫生健康发展规划
region: 示例市
level: prefecture
period: {start: 2021, end: 2025}
parent: example-province
issuer: 示例市人民政府办公室
issued: 2022-03-15
basis:
  - 示例省“十四五”卫生健康发展规划
sections:
  - {number: 第一章, title: 发展基础}
  - {number: 第二章, title: 发展目标}
  - {number: 第三章, title: 主要任务}
  - {number: 第四章, title: 保障措施}
indicators:
  - {no: 1, domain: 健康水平, name: 人均预期寿命, unit: 岁, baseline: "77.5", target: "78.5", nature: 预期性}
  - {no: 2, domain: 健康水平, name: 婴儿死亡率, unit: ‰, baseline: "4.8", target: "<4.0", nature: 预期性}
"#;

const GITHUB: &str = r#"# Checks every plan on each push and pull request (written by `planlint init`).
#
# Findings appear three ways: as annotations on the changed lines (--format github), in
# the repository's code scanning alerts (SARIF), and as a summary on the run's page.
#
# planlint is not published on crates.io and this file cannot know where your copy comes
# from, so the step "Install planlint" is a placeholder that FAILS until you complete it.
# Replace its `run:` with one of, for example:
#   cargo install --locked --git https://example.org/your/planlint.git planlint
#   curl -sSfL https://example.org/planlint-x86_64-unknown-linux-gnu.tar.gz | tar -xz -C ~/.cargo/bin
name: planlint

on:
  push:
  pull_request:

permissions:
  contents: read
  security-events: write   # upload-sarif needs it

jobs:
  planlint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4

      - name: Install planlint
        # PLANLINT_INSTALL: replace this command with one that installs planlint (see above).
        run: |
          echo "::error::edit .github/workflows/planlint.yml: the 'Install planlint' step (PLANLINT_INSTALL) must install planlint"
          exit 1

      - name: Check plans
        run: planlint check . --format github --output sarif=planlint.sarif --output markdown=planlint-summary.md

      - name: Summary
        if: always()
        run: |
          if [ -f planlint-summary.md ]; then cat planlint-summary.md >> "$GITHUB_STEP_SUMMARY"; fi

      - name: Upload SARIF
        if: always() && hashFiles('planlint.sarif') != ''
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: planlint.sarif
          category: planlint
"#;

const GITLAB: &str = r#"# Checks every plan in each pipeline (written by `planlint init`); findings appear in the
# merge request's test report.
#
# planlint is not published on crates.io, so `before_script` is a placeholder that FAILS
# until you complete it (PLANLINT_INSTALL): install planlint from where your team keeps it,
# e.g. `cargo install --locked --git https://example.org/your/planlint.git planlint`.
planlint:
  image: rust:latest
  before_script:
    # PLANLINT_INSTALL: replace these two lines with a command that installs planlint.
    - echo "edit .gitlab-ci.yml: the before_script (PLANLINT_INSTALL) must install planlint"
    - exit 1
  script:
    - planlint check . --output junit=planlint-junit.xml
  artifacts:
    when: always
    reports:
      junit: planlint-junit.xml
"#;

const PRE_COMMIT: &str = r#"# Checks changed plans before each commit (written by `planlint init`).
# Run `pre-commit install` once; planlint must be on PATH.
# Each run is given only the changed plans; their parents are found from planlint.yaml.
repos:
  - repo: local
    hooks:
      - id: planlint
        name: planlint
        entry: planlint check
        language: system
        files: \.plan\.yaml$
        pass_filenames: true
"#;
