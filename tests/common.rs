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
