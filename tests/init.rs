//! `planlint init` as a team uses it: scaffold a repository, then run the generated
//! pre-commit hook and CI commands exactly as pre-commit and CI would. A new repository
//! must start green, and `init` must never overwrite anything without `--force`.

#[path = "common.rs"]
mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What `init` writes, relative to the repository root.
const SCAFFOLD: &[&str] = &[
    "planlint.yaml",
    "plans/example-province.plan.yaml",
    "plans/example-city/example-city.plan.yaml",
    ".github/workflows/planlint.yml",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
];

/// Runs `program args` in `dir` with a fixed language and no colour; returns the exit code
/// and stdout followed by stderr.
fn run_program(dir: &Path, program: &str, args: &[String]) -> (i32, String) {
    let out = common::command(dir, program)
        .args(args)
        .output()
        .unwrap_or_else(|err| panic!("cannot run {program}: {err}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn planlint(dir: &Path, args: &[&str]) -> (i32, String) {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    run_program(dir, env!("CARGO_BIN_EXE_planlint"), &args)
}

/// Runs a command line from a generated file, with `planlint` meaning the binary under
/// test. The generated commands use no quoting, so splitting on whitespace is exact.
fn run_command_line(dir: &Path, line: &str, extra: &[String]) -> (i32, String) {
    let mut words = line.split_whitespace();
    assert_eq!(
        words.next(),
        Some("planlint"),
        "not a planlint command: {line}"
    );
    let args: Vec<String> = words
        .map(str::to_string)
        .chain(extra.iter().cloned())
        .collect();
    run_program(dir, env!("CARGO_BIN_EXE_planlint"), &args)
}

fn git(dir: &Path, args: &[&str]) -> String {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let (code, out) = run_program(dir, "git", &args);
    assert_eq!(code, 0, "git {args:?}: {out}");
    out
}

/// Every file under `dir` (except `.git`) with its bytes, to prove a run changed nothing.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|err| panic!("{name}: {err}"))
}

/// The value of `key:` in the one hook of a generated `.pre-commit-config.yaml`. The file
/// is ours and flat (one `repo: local` hook, one key a line), so a line scan reads it.
fn hook_value(config: &str, key: &str) -> String {
    let prefix = format!("{key}:");
    let mut values = config
        .lines()
        .map(|l| l.trim_start().trim_start_matches("- "))
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.strip_prefix(&prefix))
        .map(|v| v.trim().to_string());
    let value = values
        .next()
        .unwrap_or_else(|| panic!("no `{key}` in:\n{config}"));
    assert!(values.next().is_none(), "two `{key}` in:\n{config}");
    value
}

/// The one `planlint check …` command line of a generated CI file.
fn ci_command(file: &str) -> String {
    let lines: Vec<&str> = file
        .lines()
        .map(|l| {
            l.trim_start()
                .trim_start_matches("- ")
                .trim_start_matches("run: ")
        })
        .filter(|l| l.starts_with("planlint check"))
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "expected one `planlint check` line in:\n{file}"
    );
    lines[0].to_string()
}

/// A fresh repository: `git init`, `planlint init`, then the pre-commit hook on the staged
/// plans and both CI commands all pass, and write the files CI uploads.
#[test]
fn a_new_repository_starts_green() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    git(dir, &["init", "--quiet"]);

    let (code, out) = planlint(dir, &["init"]);
    assert_eq!(code, 0, "{out}");
    for name in SCAFFOLD {
        assert!(dir.join(name).is_file(), "{name} not written:\n{out}");
        assert!(out.contains(name), "{name} not reported:\n{out}");
    }
    let (code, out) = planlint(dir, &["check", "."]);
    assert_eq!(code, 0, "the example plans must check clean:\n{out}");
    assert!(out.contains("0 个错误，0 个警告，0 个提示"), "{out}");

    // The pre-commit hook, run as pre-commit runs a `language: system` hook: from the
    // repository root, the entry followed by the staged files its `files` pattern matches.
    let config = read(dir, ".pre-commit-config.yaml");
    assert_eq!(hook_value(&config, "repo"), "local");
    assert_eq!(hook_value(&config, "language"), "system");
    assert_eq!(hook_value(&config, "pass_filenames"), "true");
    assert_eq!(hook_value(&config, "files"), r"\.plan\.yaml$");
    let entry = hook_value(&config, "entry");
    git(dir, &["add", "--all"]);
    let staged: Vec<String> = git(dir, &["diff", "--cached", "--name-only"])
        .lines()
        .filter(|f| f.ends_with(".plan.yaml")) // what `\.plan\.yaml$` matches
        .map(str::to_string)
        .collect();
    assert_eq!(
        staged,
        [
            "plans/example-city/example-city.plan.yaml",
            "plans/example-province.plan.yaml"
        ]
    );
    let (code, out) = run_command_line(dir, &entry, &staged);
    assert_eq!(code, 0, "pre-commit hook on every plan:\n{out}");
    // A commit that touches only the child: its parent is found from planlint.yaml.
    let (code, out) = run_command_line(dir, &entry, &staged[..1]);
    assert_eq!(code, 0, "pre-commit hook on the child alone:\n{out}");

    // GitHub Actions: annotations on stdout, SARIF and a Markdown summary to files.
    let github = read(dir, ".github/workflows/planlint.yml");
    let command = ci_command(&github);
    assert_eq!(
        command,
        "planlint check . --format github --output sarif=planlint.sarif --output markdown=planlint-summary.md"
    );
    assert!(
        github.contains("github/codeql-action/upload-sarif@v3"),
        "{github}"
    );
    assert!(github.contains("$GITHUB_STEP_SUMMARY"), "{github}");
    assert!(github.contains("PLANLINT_INSTALL"), "{github}");
    let (code, out) = run_command_line(dir, &command, &[]);
    assert_eq!(code, 0, "GitHub CI command:\n{out}");
    assert_eq!(out, "", "a clean run prints no annotations");
    let sarif: serde_json::Value =
        serde_json::from_str(&read(dir, "planlint.sarif")).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        Some(0)
    );
    assert!(!read(dir, "planlint-summary.md").is_empty());

    // GitLab CI: a JUnit report.
    let gitlab = read(dir, ".gitlab-ci.yml");
    let command = ci_command(&gitlab);
    assert!(
        command.contains("--output junit=planlint-junit.xml"),
        "{command}"
    );
    assert!(gitlab.contains("junit: planlint-junit.xml"), "{gitlab}");
    let (code, out) = run_command_line(dir, &command, &[]);
    assert_eq!(code, 0, "GitLab CI command:\n{out}");
    let junit = read(dir, "planlint-junit.xml");
    assert!(junit.starts_with("<?xml"), "{junit}");
    assert!(!junit.contains("<failure"), "{junit}");

    // Again without --force: refused, and not one byte changes, even in a file the user
    // has edited since.
    std::fs::write(dir.join("planlint.yaml"), "planlint: 1\n# edited\n").unwrap();
    let before = tree(dir);
    let (code, out) = planlint(dir, &["init"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("--force"), "{out}");
    for name in SCAFFOLD {
        assert!(out.contains(name), "{name} not listed as existing:\n{out}");
    }
    assert_eq!(tree(dir), before, "a refused init changed files");

    // With --force: every scaffold file is back to the template, other files untouched.
    let (code, out) = planlint(dir, &["init", "--force"]);
    assert_eq!(code, 0, "{out}");
    assert_ne!(read(dir, "planlint.yaml"), "planlint: 1\n# edited\n");
    let after = tree(dir);
    for (name, bytes) in &before {
        if !SCAFFOLD.iter().any(|s| Path::new(s) == name) {
            assert_eq!(after.get(name), Some(bytes), "{} changed", name.display());
        }
    }
    let (code, out) = planlint(dir, &["check", "."]);
    assert_eq!(code, 0, "{out}");
}

/// `init DIR` creates the folder; one existing file anywhere in the scaffold stops the
/// whole run before anything is written.
#[test]
fn init_checks_every_file_before_writing_any() {
    let temp = tempfile::tempdir().unwrap();
    let (code, out) = planlint(temp.path(), &["init", "new/repo", "--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("created"), "{out}");
    assert_eq!(tree(&temp.path().join("new/repo")).len(), SCAFFOLD.len());

    let dir = temp.path().join("partial");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(".gitlab-ci.yml"), "mine\n").unwrap();
    let (code, out) = planlint(temp.path(), &["init", "partial", "--lang", "en"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains(".gitlab-ci.yml"), "{out}");
    assert!(
        !out.contains("planlint.yaml\n"),
        "only existing files are listed:\n{out}"
    );
    assert_eq!(
        tree(&dir).into_iter().collect::<Vec<_>>(),
        [(PathBuf::from(".gitlab-ci.yml"), b"mine\n".to_vec())],
        "a refused init wrote files"
    );

    let (code, out) = planlint(temp.path(), &["init", "partial", "--force", "--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("replaced partial/.gitlab-ci.yml"), "{out}");
    assert_ne!(read(&dir, ".gitlab-ci.yml"), "mine\n");
    assert_eq!(tree(&dir).len(), SCAFFOLD.len());
}
