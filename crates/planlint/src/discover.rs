//! Finding plan files and reading them.
//!
//! A path named on the command line is read whatever its name; a directory is walked for
//! `*.plan.yaml`, skipping hidden folders (`.git`) and build output (`target`,
//! `node_modules`); symbolic links are not followed. Files are returned sorted, so the order of output never depends on the
//! order a file system lists a directory in. A file that cannot be read becomes an
//! `io-error` diagnostic and the others are still read.

use planlint_diagnostics::{Diagnostic, Location, Text};
use planlint_model::codes;
use std::path::{Path, PathBuf};

/// The suffix repository mode looks for.
pub use planlint_check::PLAN_SUFFIX;

pub use planlint_check::SourceFile;

/// Lists the plan files under `paths`, sorted and without repeats.
pub fn discover(paths: &[PathBuf], diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walk = walkdir::WalkDir::new(path)
                .follow_links(false)
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !skipped(e));
            for entry in walk {
                match entry {
                    Ok(entry) => {
                        let name = entry.file_name().to_string_lossy();
                        if entry.file_type().is_file() && name.ends_with(PLAN_SUFFIX) {
                            files.push(entry.into_path());
                        }
                    }
                    Err(err) => {
                        let at = err.path().map_or_else(|| display(path), display);
                        diagnostics.push(io_error(&at, &err.to_string()));
                    }
                }
            }
        } else {
            files.push(path.clone());
        }
    }
    files.sort();
    files.dedup();
    files
}

/// Folders never searched for plans: hidden ones (`.git`) and build output.
fn skipped(entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    entry.file_type().is_dir()
        && (name.starts_with('.') || name == "target" || name == "node_modules")
}

/// Reads a file as UTF-8 text (a leading byte-order mark is dropped).
pub fn read(path: &Path) -> Result<SourceFile, Box<Diagnostic>> {
    let name = display(path);
    let bytes = read_bytes(path, &name, MAX_PLAN_BYTES)?;
    let text = planlint_check::plan_text(&name, bytes)?;
    Ok(SourceFile { name, text })
}

/// The largest plan file read. Real plans are tens of kilobytes; a file of many megabytes
/// is a mistake (or an attack), and parsing it would cost memory for nothing.
pub const MAX_PLAN_BYTES: u64 = 16 << 20;

/// The largest document imported: a plan document with its tables is a few megabytes.
pub const MAX_DOCUMENT_BYTES: u64 = 64 << 20;

/// Reads a file's bytes, refusing one larger than `limit`.
pub fn read_bytes(path: &Path, name: &str, limit: u64) -> Result<Vec<u8>, Box<Diagnostic>> {
    refuse_large(path, name, limit)?;
    std::fs::read(path).map_err(|e| Box::new(io_error(name, &e.to_string())))
}

/// Refuses a file larger than `limit` before reading it.
pub fn refuse_large(path: &Path, name: &str, limit: u64) -> Result<(), Box<Diagnostic>> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(()); // reading it will say what is wrong
    };
    if !meta.is_file() || meta.len() <= limit {
        return Ok(());
    }
    let (size, most) = (meta.len() >> 20, limit >> 20);
    Err(Box::new(
        Diagnostic::error(
            codes::IO_ERROR,
            Text::new(
                format!("文件过大（{size} MB），planlint 最多读取 {most} MB"),
                format!("the file is too large ({size} MB); planlint reads at most {most} MB"),
            ),
            Location::file(name),
        )
        .with_help(Text::new(
            "确认这是规划文件；规划文件通常只有几十 KB",
            "check that this is a plan file; plan files are usually tens of kilobytes",
        )),
    ))
}

pub fn io_error(name: &str, message: &str) -> Diagnostic {
    Diagnostic::error(
        codes::IO_ERROR,
        Text::new(
            format!("无法读取：{message}"),
            format!("cannot read: {message}"),
        ),
        Location::file(name),
    )
}

/// An absolute path shown relative to the current folder, as a user would name it from
/// there: below it (`seeds/x.plan.yaml`), or beside it with `..` where the two share more
/// than the file system's root (`../repo/x.plan.yaml`); else as it is.
pub fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            let cwd = std::fs::canonicalize(cwd).ok()?;
            let path = std::fs::canonicalize(path).ok()?;
            relative(&path, &cwd)
        })
        .unwrap_or_else(|| path.to_path_buf())
}

/// `path` relative to `base` (both canonical), going up with `..` at most three times;
/// `None` where they share only the root.
fn relative(path: &Path, base: &Path) -> Option<PathBuf> {
    if let Ok(inside) = path.strip_prefix(base) {
        return Some(inside.to_path_buf());
    }
    let common = path
        .components()
        .zip(base.components())
        .take_while(|(a, b)| a == b)
        .count();
    let up = base.components().count() - common;
    if common <= 1 || up > 3 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in 0..up {
        out.push("..");
    }
    out.extend(path.components().skip(common));
    Some(out)
}

/// A path as the user wrote it, with `/` separators and without a leading `./`.
pub fn display(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    match text.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shown_from_the_current_folder() {
        let at = |p: &str, base: &str| relative(Path::new(p), Path::new(base));
        assert_eq!(at("/w/repo/a.yaml", "/w/repo"), Some("a.yaml".into()));
        assert_eq!(
            at("/w/repo/a.yaml", "/w/other"),
            Some("../repo/a.yaml".into())
        );
        assert_eq!(at("/tmp/x/a.yaml", "/home/u"), None);
        assert_eq!(at("/w/a/b/c/d/e.yaml", "/w/x/y/z/q"), None);
    }
}
