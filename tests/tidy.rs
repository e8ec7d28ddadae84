//! Tidy checks on the repository's own content, run by `cargo test`: every bundled rule is
//! documented in both languages, has a failing and a passing case, and its id is unique
//! and matches its directory; the docs list every rule.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rule_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("rule.yaml").is_file())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_rule_is_documented_and_has_cases() {
    let dirs = rule_dirs();
    assert!(!dirs.is_empty());
    let mut problems = Vec::new();
    for dir in &dirs {
        let id = dir.file_name().unwrap().to_string_lossy().to_string();
        let meta = std::fs::read_to_string(dir.join("rule.yaml")).unwrap();
        if !meta.contains(&format!("id: {id}\n")) {
            problems.push(format!(
                "{id}: rule.yaml's id differs from the directory name"
            ));
        }
        for section in ["summary:", "what:", "why:", "example:", "fix:", "exempt:"] {
            if !meta.contains(section) {
                problems.push(format!("{id}: rule.yaml has no `{section}`"));
            }
        }
        if meta.matches("zh:").count() < 6 || meta.matches("en:").count() < 6 {
            problems.push(format!("{id}: every documentation section needs zh and en"));
        }
        if !dir.join("check.rhai").is_file() {
            problems.push(format!("{id}: no check.rhai"));
        }
        let cases: Vec<String> = std::fs::read_dir(dir.join("cases"))
            .map(|entries| {
                entries
                    .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        for kind in ["fail-", "pass-"] {
            if !cases.iter().any(|c| c.starts_with(kind)) {
                problems.push(format!("{id}: no `{kind}…` case"));
            }
        }
        for case in &cases {
            if !dir.join("cases").join(case).join("snapshot.txt").is_file() {
                problems.push(format!(
                    "{id}/{case}: no snapshot.txt (run `planlint test-rules --bless`)"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn case_files_are_never_found_by_repository_mode() {
    // Case plans are named *.yaml, not *.plan.yaml, so `planlint check .` skips them.
    for dir in rule_dirs() {
        let Ok(cases) = std::fs::read_dir(dir.join("cases")) else {
            continue;
        };
        for case in cases {
            for file in std::fs::read_dir(case.unwrap().path()).unwrap() {
                let name = file.unwrap().file_name().to_string_lossy().to_string();
                assert!(!name.ends_with(".plan.yaml"), "{}: {name}", dir.display());
            }
        }
    }
}
