//! What the browser tests (`tests/report.rs`, `tests/serve.rs`) share: whether Chromium and
//! the npm packages are here, and where screenshots go. Included with `#[path]`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder of `tests/browser/` (the npm package and its scripts).
pub fn folder() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/browser")).to_path_buf()
}

/// Whether the browser test `test` can run here. Where it cannot, it is skipped, saying
/// why — except under CI (`CI` set; `.ci/run` installs Chromium and the packages), where a
/// missing browser is a failure.
pub fn ready(test: &str) -> bool {
    let why = if !Path::new("/usr/bin/chromium").exists() {
        "/usr/bin/chromium is not installed (apt-get install chromium)"
    } else if !folder().join("node_modules/playwright-core").exists() {
        "tests/browser/node_modules is absent (cd tests/browser && npm ci)"
    } else if Command::new("node").arg("--version").output().is_err() {
        "node is not installed"
    } else {
        return true;
    };
    assert!(
        std::env::var_os("CI").is_none(),
        "the browser test must run in CI, but {why}"
    );
    eprintln!("skipped {test}: {why}");
    false
}

/// Where screenshots and PDFs go: `PLANLINT_BROWSER_OUT` to keep them, else `temp`.
pub fn output_dir(temp: &Path) -> PathBuf {
    match std::env::var_os("PLANLINT_BROWSER_OUT") {
        Some(dir) => {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::canonicalize(dir).unwrap()
        }
        None => temp.to_path_buf(),
    }
}

/// Runs `tests/browser/<script>` with node; returns whether it succeeded, its stdout and
/// its stderr.
pub fn node<S: AsRef<std::ffi::OsStr>>(
    script: &str,
    args: impl IntoIterator<Item = S>,
) -> (bool, String, String) {
    let result = Command::new("node")
        .arg(folder().join(script))
        .args(args)
        .output()
        .unwrap();
    (
        result.status.success(),
        String::from_utf8_lossy(&result.stdout).into_owned(),
        String::from_utf8_lossy(&result.stderr).into_owned(),
    )
}
