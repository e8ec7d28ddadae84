//! `planlint test-rules [DIR]`: runs the cases beside each rule and compares snapshots, so
//! that a repository's rule authors can test their rules without Rust.

use crate::discover::{self, display};
use crate::rules;
use planlint_diagnostics::Lang;
use planlint_engine::testing::{run_case, CaseFile};
use planlint_engine::{Limits, RuleSet};
use planlint_model::Catalog;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The file a case's expected output is kept in.
pub const SNAPSHOT: &str = "snapshot.txt";

pub fn run(dir: &Path, bless: bool, catalogs: &[PathBuf], lang: Lang) -> ExitCode {
    let mut problems = Vec::new();
    let sources = rules::from_dir(dir, &mut problems);
    let (set, compile_problems) = RuleSet::compile(sources.clone(), Limits::default());
    problems.extend(compile_problems);
    let mut catalog_files = Vec::new();
    for path in catalogs {
        match discover::read(path) {
            Ok(file) => catalog_files.push(file),
            Err(d) => problems.push(*d),
        }
    }
    let (catalog, _) = planlint_check::load_catalog(&catalog_files, &mut problems);
    for p in &problems {
        println!("{}: {} {}", p.primary.location, p.code, p.message.get(lang));
    }
    let (mut passed, mut failed) = (0, 0);
    for source in &sources {
        let rule_dir = Path::new(&source.meta_file)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let cases = case_dirs(&rule_dir.join("cases"));
        if cases.is_empty() {
            println!(
                "FAILED {}: no cases in {}/cases",
                source.id,
                display(&rule_dir)
            );
            failed += 1;
            continue;
        }
        for case in cases {
            let name = format!(
                "{}/{}",
                source.id,
                case.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            );
            match one(&set, &source.id, &catalog, &case, bless) {
                Ok(()) => {
                    println!("ok     {name}");
                    passed += 1;
                }
                Err(why) => {
                    println!("FAILED {name}");
                    for line in why.lines() {
                        println!("    {line}");
                    }
                    failed += 1;
                }
            }
        }
    }
    if !problems.is_empty() {
        failed += 1;
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn case_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn one(set: &RuleSet, id: &str, catalog: &Catalog, case: &Path, bless: bool) -> Result<(), String> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(case)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    names.sort();
    let mut files = Vec::new();
    for path in &names {
        let file = discover::read(path).map_err(|d| d.message.en.clone())?;
        files.push(CaseFile {
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            text: file.text,
        });
    }
    let outcome = run_case(set, id, catalog, &files);
    let snapshot_path = case.join(SNAPSHOT);
    if bless {
        crate::write::write_atomically(&snapshot_path, outcome.snapshot.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", display(&snapshot_path)))?;
    }
    let mut why = outcome.failures.join("\n");
    if !bless {
        let expected = discover::read(&snapshot_path)
            .map(|f| f.text)
            .unwrap_or_default();
        if expected != outcome.snapshot {
            if !why.is_empty() {
                why.push('\n');
            }
            why.push_str(&format!(
                "{} differs from the output (run `planlint test-rules --bless` to accept):\n{}",
                display(&snapshot_path),
                diff(&expected, &outcome.snapshot)
            ));
        }
    }
    if why.is_empty() {
        Ok(())
    } else {
        Err(why)
    }
}

/// The lines that differ, marked `-` (expected) and `+` (got); enough to see what changed.
fn diff(expected: &str, got: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let g: Vec<&str> = got.lines().collect();
    let mut out = String::new();
    for i in 0..e.len().max(g.len()) {
        match (e.get(i), g.get(i)) {
            (Some(a), Some(b)) if a == b => {}
            (a, b) => {
                if let Some(a) = a {
                    out.push_str(&format!("-{a}\n"));
                }
                if let Some(b) = b {
                    out.push_str(&format!("+{b}\n"));
                }
            }
        }
    }
    out
}
