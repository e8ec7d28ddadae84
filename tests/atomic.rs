//! Nothing lost: planlint killed in the middle of writing a file leaves the file that was
//! there whole. Each command that writes (import, baseline, check --output, init) goes
//! through one atomic writer; the test stops it at a failpoint — half the bytes written,
//! or all written but not yet renamed into place — kills it, and looks at the file.

#![cfg(unix)]

#[path = "common.rs"]
mod common;

use common::root;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Starts planlint paused at `failpoint`, waits until it says so, kills it, and returns the
/// folder's file names afterwards.
fn kill_at(failpoint: &str, dir: &Path, args: &[&str]) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(args)
        .current_dir(dir)
        .env("PLANLINT_FAILPOINT", failpoint)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the pause: its message on standard error.
    let mut stderr = child.stderr.take().unwrap();
    let start = Instant::now();
    let mut seen = String::new();
    let mut buf = [0u8; 256];
    use std::io::Read;
    while !seen.contains("paused at") {
        let n = stderr.read(&mut buf).unwrap();
        assert!(n > 0, "planlint ended before the failpoint: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no pause: {seen}"
        );
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn a_kill_while_importing_leaves_the_old_plan_file() {
    let doc = root()
        .join("tests/fixtures/county-draft.txt")
        .display()
        .to_string();
    for failpoint in ["mid-write", "before-rename"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("draft.plan.yaml"),
            "# the reviewer's edits\n",
        )
        .unwrap();
        kill_at(
            failpoint,
            dir.path(),
            &["import", &doc, "-o", "draft.plan.yaml", "--force"],
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("draft.plan.yaml")).unwrap(),
            "# the reviewer's edits\n",
            "{failpoint}"
        );
        // What is left besides it is the hidden temporary file, never a half-written target.
        for name in names(dir.path()) {
            assert!(
                name == "draft.plan.yaml"
                    || (name.starts_with(".draft.plan.yaml.planlint-") && name.ends_with(".tmp")),
                "{name}"
            );
        }
    }
}

#[test]
fn a_kill_while_writing_a_baseline_or_an_output_leaves_the_old_files() {
    let seeds = root().join("seeds").display().to_string();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("planlint-baseline.json"), "old baseline").unwrap();
    kill_at("mid-write", dir.path(), &["baseline", &seeds, "--force"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("planlint-baseline.json")).unwrap(),
        "old baseline"
    );
    std::fs::write(dir.path().join("out.sarif"), "old sarif").unwrap();
    kill_at(
        "before-rename",
        dir.path(),
        &["check", &seeds, "--output", "sarif=out.sarif"],
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.sarif")).unwrap(),
        "old sarif"
    );
}

#[test]
fn without_the_failpoint_the_write_completes() {
    let dir = tempfile::tempdir().unwrap();
    let doc = root()
        .join("tests/fixtures/county-draft.txt")
        .display()
        .to_string();
    let status = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["import", &doc, "-o", "draft.plan.yaml"])
        .current_dir(dir.path())
        .env_remove("PLANLINT_FAILPOINT")
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(names(dir.path()), ["draft.plan.yaml"]);
}
