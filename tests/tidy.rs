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
        // Every documentation section, in both languages: what the rule checks, what it
        // does not flag and why, why it matters, an example, how to fix, how to exempt.
        let (loaded, found) = planlint_engine::RuleMeta::load("rule.yaml", &meta);
        if !found.is_empty() {
            problems.push(format!("{id}: rule.yaml does not load: {found:?}"));
        }
        if let Some(loaded) = loaded {
            for (section, _, _) in planlint_engine::DOC_SECTIONS {
                match loaded.docs.iter().find(|(k, _)| k == section) {
                    Some((_, text)) if !text.zh.trim().is_empty() && !text.en.trim().is_empty() => {
                    }
                    _ => problems.push(format!("{id}: rule.yaml has no `{section}` in zh and en")),
                }
            }
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

/// The edges between the workspace's crates, as ARCHITECTURE.md lists them between its
/// `<!-- edges -->` markers: (crate, its workspace dependencies).
fn documented_edges() -> std::collections::BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let start = text
        .find("<!-- edges -->")
        .expect("ARCHITECTURE.md marks its edges");
    let end = text
        .find("<!-- /edges -->")
        .expect("ARCHITECTURE.md ends its edges");
    let names = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    text[start..end]
        .lines()
        .filter_map(|line| line.strip_prefix("- "))
        .map(|line| {
            let (from, to) = line.split_once('→').unwrap_or((line, ""));
            let mut to = names(to);
            to.sort();
            (names(from).remove(0), to)
        })
        .collect()
}

/// The edges between the workspace's crates as Cargo sees them (normal dependencies).
fn actual_edges() -> std::collections::BTreeMap<String, Vec<String>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let out = std::process::Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages = metadata["packages"].as_array().unwrap();
    let ours: Vec<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    packages
        .iter()
        .map(|p| {
            let mut to: Vec<String> = p["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["kind"].is_null())
                .filter_map(|d| d["name"].as_str())
                .filter(|name| ours.contains(name))
                .map(str::to_string)
                .collect();
            to.sort();
            to.dedup();
            (p["name"].as_str().unwrap().to_string(), to)
        })
        .collect()
}

#[test]
fn architecture_lists_exactly_the_crate_edges_cargo_has() {
    let documented = documented_edges();
    let actual = actual_edges();
    for (krate, deps) in &actual {
        for dep in deps {
            assert!(
                documented.get(krate).is_some_and(|d| d.contains(dep)),
                "{krate} depends on {dep}, and ARCHITECTURE.md does not say so: a new edge is a design change, write it down"
            );
        }
    }
    for (krate, deps) in &documented {
        let have = actual
            .get(krate)
            .unwrap_or_else(|| panic!("ARCHITECTURE.md lists {krate}, which is no crate"));
        for dep in deps {
            assert!(
                have.contains(dep),
                "ARCHITECTURE.md says {krate} depends on {dep}, and it does not"
            );
        }
    }
    assert_eq!(
        documented.keys().collect::<Vec<_>>(),
        actual.keys().collect::<Vec<_>>(),
        "ARCHITECTURE.md lists every crate"
    );
    // The report renders; it must not reach up into the rule engine.
    assert!(!actual["planlint_report"].contains(&"planlint_engine".to_string()));
}

/// Every function and getter a rule script can call, as the sandbox registers them: `name`
/// for a function, `.name` for a getter, `[]` for an indexer.
fn script_api() -> std::collections::BTreeSet<String> {
    let engine = planlint_engine::engine(&planlint_engine::Limits::default());
    engine
        .gen_fn_signatures(false)
        .iter()
        .map(|signature| {
            let name = signature.split('(').next().unwrap_or("").trim();
            let name = name.rsplit(' ').next().unwrap_or(name);
            if name.starts_with("index$") {
                "[]".to_string()
            } else if let Some(field) = name.strip_prefix("get$") {
                format!(".{field}")
            } else {
                name.to_string()
            }
        })
        .collect()
}

#[test]
fn every_script_function_and_getter_is_documented() {
    let doc = std::fs::read_to_string(root().join("docs/writing-rules.md")).unwrap();
    let api = script_api();
    // A sanity check that the engine was read: the helpers every bundled rule uses.
    for known in ["report", "compared", ".name", "section_coverage"] {
        assert!(api.contains(known), "{known} is not in {api:?}");
    }
    let undocumented: Vec<&String> = api
        .iter()
        .filter(|name| {
            let plain = name.trim_start_matches('.');
            match name.as_str() {
                "[]" => !doc.contains("c[\""),
                // An operator the sandbox replaces (`==`) is named as it is written.
                n if !n.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.') => {
                    !doc.contains(&format!("`{n}`"))
                }
                n if n.starts_with('.') => !doc.contains(&format!("`{plain}`")),
                _ => !doc.contains(&format!("`{plain}(")) && !doc.contains(&format!(".{plain}(")),
            }
        })
        .collect();
    assert!(
        undocumented.is_empty(),
        "docs/writing-rules.md does not document these script functions and getters: {undocumented:?}"
    );
}
