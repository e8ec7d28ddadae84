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
            // Each folder's entries in name order: the files come out in the order they
            // are sorted in below, which then costs a pass (paths compare slowly).
            let walk = walkdir::WalkDir::new(path)
                .follow_links(false)
                .sort_by_file_name()
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
    // One file named two ways (`p09/x.plan.yaml ./p09/x.plan.yaml`, or a folder and a file
    // in it) is read once, under the first of its names: it is one plan, not two with the
    // same id. Only several paths can name a file twice. The folder is what is resolved: a
    // link named beside its target is two names the user gave, each said as given.
    if paths.len() > 1 {
        let mut folders = Folders::default();
        let mut seen = std::collections::HashSet::new();
        files.retain(|f| {
            folders
                .resolve(f)
                .is_none_or(|resolved| seen.insert(resolved))
        });
    }
    files
}

/// Files' paths with their folders resolved (links and `..` followed), each folder once
/// however many files it holds; the file's own name is kept as it is.
#[derive(Default)]
pub struct Folders {
    resolved: std::collections::HashMap<PathBuf, Option<PathBuf>>,
}

impl Folders {
    /// `file` in its folder's canonical path; `None` where the folder cannot be resolved
    /// or the path names no file.
    pub fn resolve(&mut self, file: &Path) -> Option<PathBuf> {
        let name = file.file_name()?;
        let folder = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let resolved = self
            .resolved
            .entry(folder.to_path_buf())
            .or_insert_with(|| std::fs::canonicalize(folder).ok());
        Some(resolved.as_ref()?.join(name))
    }
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

/// Reads a file's bytes, refusing one larger than `limit` and anything that is not a
/// regular file.
///
/// The file is opened once (following a symbolic link) without waiting — a named pipe
/// with no writer would otherwise hold the open forever — and what was opened is checked:
/// a named pipe, a socket or a device (`/dev/zero`) is refused. The limit is enforced while
/// reading (reading stops one block past it), not by the size the file had a moment
/// before: a file that grows as it is read, or one that says it is empty and is not
/// (`/proc`), still stops at the limit.
pub fn read_bytes(path: &Path, name: &str, limit: u64) -> Result<Vec<u8>, Box<Diagnostic>> {
    use std::io::Read;
    let (mut file, meta) = open(path, name)?;
    if meta.len() > limit {
        return Err(too_large(name, Some(meta.len()), limit));
    }
    // Read straight into the text's buffer, sized for the file as it was opened and one
    // more byte (a read that fills none is the end), then grown a block at a time for a
    // file that grows or does not say its size (/proc's). Not through `read_to_end`: its
    // first small probe read is refused by files that take only whole records (/proc's),
    // and the blocks bound how far past the limit a read can go.
    const BLOCK: usize = 64 << 10;
    let cannot = |e: std::io::Error| Box::new(io_error(name, &e.to_string()));
    let expected = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = vec![0u8; if expected == 0 { BLOCK } else { expected + 1 }];
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            bytes.resize(filled + BLOCK, 0);
        }
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(cannot(e)),
        }
        if filled as u64 > limit {
            return Err(too_large(name, None, limit));
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// The first `n` bytes of a regular file, or fewer when that is all it holds; opened as
/// [`read_bytes`] opens a file.
pub fn read_start(path: &Path, n: usize) -> Result<Vec<u8>, Box<Diagnostic>> {
    use std::io::Read;
    let name = display(path);
    let (file, _) = open(path, &name)?;
    let mut start = Vec::with_capacity(n);
    file.take(n as u64)
        .read_to_end(&mut start)
        .map_err(|e| Box::new(io_error(&name, &e.to_string())))?;
    Ok(start)
}

/// Opens a file to read it: once, following a symbolic link, without waiting, and only if
/// what was opened is a regular file.
fn open(path: &Path, name: &str) -> Result<(std::fs::File, std::fs::Metadata), Box<Diagnostic>> {
    let cannot = |e: std::io::Error| Box::new(io_error(name, &e.to_string()));
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Reading a regular file is the same without waiting; a terminal named as a file
        // must not become this process's controlling terminal.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if let Some(what) = not_regular(&meta) {
        return Err(Box::new(
            Diagnostic::error(
                codes::IO_ERROR,
                Text::new(
                    format!("不是普通文件（{}），planlint 只读取文件", what.0),
                    format!("not a regular file ({}); planlint reads files only", what.1),
                ),
                Location::file(name),
            )
            .with_help(Text::new("请指定规划文件本身", "name the plan file itself")),
        ));
    }
    Ok((file, meta))
}

/// What a file is when it is not a regular file, in both languages.
fn not_regular(meta: &std::fs::Metadata) -> Option<(&'static str, &'static str)> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some(("目录", "a folder"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some(("命名管道", "a named pipe"));
        }
        if kind.is_socket() {
            return Some(("套接字", "a socket"));
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some(("设备", "a device"));
        }
    }
    Some(("其他类型", "something else"))
}

/// A file over the limit: `size` is what the file system says, or unknown (the file held
/// more than it said: it grew while it was read, or it is a file like /proc's).
fn too_large(name: &str, size: Option<u64>, limit: u64) -> Box<Diagnostic> {
    let most = limit >> 20;
    let (zh, en) = match size {
        Some(size) => (
            format!("文件过大（{} MB），planlint 最多读取 {most} MB", size >> 20),
            format!(
                "the file is too large ({} MB); planlint reads at most {most} MB",
                size >> 20
            ),
        ),
        None => (
            format!("文件超过 {most} MB，planlint 最多读取 {most} MB"),
            format!("the file holds more than {most} MB; planlint reads at most {most} MB"),
        ),
    };
    Box::new(
        Diagnostic::error(codes::IO_ERROR, Text::new(zh, en), Location::file(name)).with_help(
            Text::new(
                "确认这是规划文件；规划文件通常只有几十 KB",
                "check that this is a plan file; plan files are usually tens of kilobytes",
            ),
        ),
    )
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

    #[test]
    fn a_file_named_several_ways_is_found_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("p09")).unwrap();
        let file = dir.path().join("p09").join("x.plan.yaml");
        std::fs::write(&file, "planlint: 1\n").unwrap();
        std::fs::write(dir.path().join("y.plan.yaml"), "planlint: 1\n").unwrap();
        let mut problems = Vec::new();
        let named = [
            file.clone(),
            dir.path().join(".").join("p09").join("x.plan.yaml"),
            dir.path().join("p09").join("..").join("p09"),
            dir.path().to_path_buf(),
        ];
        let found = discover(&named, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found.len(), 2, "{found:?}");
        // One name alone is as it was.
        assert_eq!(
            discover(std::slice::from_ref(&file), &mut problems),
            vec![file]
        );
    }
}
