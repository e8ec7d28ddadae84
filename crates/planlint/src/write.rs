//! Everything planlint writes: files (atomically, never replacing one without `--force`),
//! standard output (a closed pipe is not an error) and messages on standard error.

use crate::discover;
use planlint_diagnostics::Lang;
use std::io::Write;

/// A message for the user on standard error, in their language.
pub fn say(lang: Lang, zh: String, en: String) {
    eprintln!(
        "planlint: {}",
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    );
}

/// Whether writing `out` must stop because a file is there and `--force` was not given;
/// says so when it must. Symbolic links count as files: they are not followed.
pub fn refuses_to_replace(out: &std::path::Path, force: bool, lang: Lang) -> bool {
    if force || std::fs::symlink_metadata(out).is_err() {
        return false;
    }
    let shown = discover::display(out);
    say(
        lang,
        format!("{shown} 已存在，未覆盖；确需替换请加 --force"),
        format!("{shown} exists and was not replaced; add --force to replace it"),
    );
    true
}

/// Writes to stdout; a closed pipe is not an error.
pub fn write_stdout(text: &str) -> Result<(), ()> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => {
            eprintln!("planlint: {err}");
            Err(())
        }
    }
}

/// A pause for the tests that kill planlint in the middle of writing a file
/// (tests/atomic.rs): with `PLANLINT_FAILPOINT=<name>` set, the writer stops at that point
/// for a minute. Unset, it costs one environment lookup per file written.
fn failpoint(name: &str) {
    if std::env::var_os("PLANLINT_FAILPOINT").is_some_and(|v| v == name) {
        eprintln!("planlint: paused at {name}");
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

/// Writes a file so that a reader sees the old content or the new, never a part: the bytes
/// go to a temporary file in the same folder, which then replaces the target.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.planlint-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        let (first, rest) = bytes.split_at(bytes.len() / 2);
        file.write_all(first)?;
        failpoint("mid-write");
        file.write_all(rest)?;
        file.sync_all()?;
        failpoint("before-rename");
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
