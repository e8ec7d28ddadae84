//! What the command-line tests share: the project's root, and planlint run as a user runs
//! it. Each test file takes it with `#[path = "common.rs"] mod common;`.

// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// The project's root folder.
pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// `program` to run in `dir` with Chinese messages and no colour, whatever the caller's
/// environment.
pub fn command(dir: &Path, program: &str) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(dir)
        .env_remove("PLANLINT_LANG")
        .env("LANG", "zh_CN.UTF-8")
        .env("NO_COLOR", "1");
    command
}

/// Runs planlint in `dir` (see [`command`]); returns the exit code, stdout and stderr.
pub fn planlint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = command(dir, env!("CARGO_BIN_EXE_planlint"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A copy of the seed repository in which 阿拉善盟's plan exempts its two regressing
/// child-mortality targets, as an author would explain them.
pub fn seeds_with_exemptions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("seeds");
    for entry in walkdir::WalkDir::new(root().join("seeds")) {
        let entry = entry.unwrap();
        let to = copy.join(entry.path().strip_prefix(root().join("seeds")).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let alxa = copy.join("nei-mongol/nm-alxa-health-14.plan.yaml");
    let mut text = std::fs::read_to_string(&alxa).unwrap();
    assert!(!text.contains("\nexemptions:"));
    for indicator in ["婴儿死亡率", "5岁以下儿童死亡率"] {
        if !text.contains("exemptions:") {
            text.push_str("\nexemptions:\n");
        }
        text.push_str(&format!(
            "  - rule: regressing-target\n    indicator: {indicator}\n    reason: 出生人数少，个别病例即可使死亡率大幅波动，目标按全区水平设定\n"
        ));
    }
    std::fs::write(&alxa, text).unwrap();
    dir
}
