//! Everything planlint writes: files (atomically, never replacing one without `--force`),
//! standard output (a closed pipe is not an error) and messages on standard error.
//!
//! A file is written to a temporary file beside it, created exclusively under a name no one
//! can guess (so it never follows a symbolic link someone put there), synced, and renamed
//! over the target: a reader sees the old content or the new, never a part. The replaced
//! file's permissions are kept. A temporary file left by a run that was killed is removed
//! the next time the same file is written.
//!
//! Only a regular file (or nothing, or a symbolic link, which is replaced and never
//! followed) is replaced. Standard output and error named as files (`/dev/stdout`), a
//! terminal, `/dev/null` and a named pipe are written into as they are: that is what
//! `--output json=/dev/stdout` means. A directory, any other device or a socket is refused.

use crate::discover;
use planlint_diagnostics::Lang;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A message for the user on standard error, in their language; a control character in
/// it (from a file's name or a document) is shown, not obeyed.
pub fn say(lang: Lang, zh: String, en: String) {
    let text = match lang {
        Lang::Zh => zh,
        Lang::En => en,
    };
    eprintln!("planlint: {}", planlint_diagnostics::terminal_safe(&text));
}

/// Writes `bytes` to `path` atomically; says why on standard error when it cannot, and then
/// returns false.
pub fn write_or_say(path: &Path, bytes: &[u8], lang: Lang) -> bool {
    let name = discover::display(path);
    match write_atomically(path, bytes) {
        Ok(()) => true,
        Err(err) => {
            say(
                lang,
                format!("无法写入 {name}：{err}"),
                format!("cannot write {name}: {err}"),
            );
            false
        }
    }
}

/// Whether writing `out` must stop because a file is there and `--force` was not given;
/// says so when it must. Symbolic links count as files: they are not followed. Standard
/// output, a terminal, a pipe or `/dev/null` is written into, never replaced, so it needs
/// no `--force`.
pub fn refuses_to_replace(out: &Path, force: bool, lang: Lang) -> bool {
    if force || std::fs::symlink_metadata(out).is_err() {
        return false;
    }
    let shown = discover::display(out);
    match target(out) {
        Target::Stream(_) => return false,
        Target::Refused(what) => {
            say(
                lang,
                format!("{shown} 不是普通文件（{}），planlint 不会写入它", zh(what)),
                format!("{shown} is {what}; planlint does not write there"),
            );
            return true;
        }
        Target::Replace(_) => {}
    }
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

/// A stream planlint writes into rather than replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stream {
    Stdout,
    Stderr,
    /// A terminal, `/dev/null`, a named pipe: opened and written.
    Open,
}

/// What is at a path planlint is to write.
#[derive(Debug)]
enum Target {
    /// Nothing, a regular file, or a symbolic link: replaced by the new file. The
    /// permissions are the replaced regular file's.
    Replace(Option<std::fs::Permissions>),
    Stream(Stream),
    /// Something planlint never writes: what it is.
    Refused(&'static str),
}

/// What [`Target::Refused`] says, in Chinese.
fn zh(what: &str) -> &'static str {
    match what {
        "a directory" => "是目录",
        "a device" => "是设备",
        "a socket" => "是套接字",
        _ => "其他类型",
    }
}

/// Names of this process's standard output and error as files.
fn standard_stream(path: &Path) -> Option<Stream> {
    let text = path.to_str()?;
    match text {
        "/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1" => Some(Stream::Stdout),
        "/dev/stderr" | "/dev/fd/2" | "/proc/self/fd/2" => Some(Stream::Stderr),
        _ => None,
    }
}

/// Whether `path` is a stream planlint writes into rather than a file it replaces
/// (`/dev/stdout`, `/dev/null`, a terminal, a named pipe): nothing is written beside it.
pub fn is_stream(path: &Path) -> bool {
    matches!(target(path), Target::Stream(_))
}

fn target(path: &Path) -> Target {
    // Before anything looks at the file: `/dev/stdout` is a link to wherever standard output
    // goes, a regular file as often as a pipe, and must never be replaced.
    if let Some(stream) = standard_stream(path) {
        return Target::Stream(stream);
    }
    let Ok(link) = std::fs::symlink_metadata(path) else {
        return Target::Replace(None);
    };
    // A link is replaced, not followed — unless it leads to a stream (a link to
    // `/dev/null` means "write nothing", not "put a file here").
    let Ok(meta) = std::fs::metadata(path) else {
        return Target::Replace(None);
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Target::Replace((!link.file_type().is_symlink()).then(|| meta.permissions()));
    }
    if kind.is_dir() {
        return Target::Refused("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() || (kind.is_char_device() && writable_device(path, &meta)) {
            return Target::Stream(Stream::Open);
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Target::Refused("a device");
        }
        if kind.is_socket() {
            return Target::Refused("a socket");
        }
    }
    Target::Refused("not a regular file")
}

/// Whether a character device is one output may go to: `/dev/null` or a terminal. Any
/// other (a disk's raw device, `/dev/mem`, a serial line) is no place for a report.
#[cfg(unix)]
fn writable_device(path: &Path, meta: &std::fs::Metadata) -> bool {
    use std::io::IsTerminal;
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let null = std::fs::metadata("/dev/null").is_ok_and(|null| null.rdev() == meta.rdev());
    null || std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NOCTTY | libc::O_NONBLOCK)
        .open(path)
        .is_ok_and(|device| device.is_terminal())
}

/// Writes a file so that a reader sees the old content or the new, never a part (see the
/// module's documentation); or into standard output, a terminal, a pipe or `/dev/null`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    match target(path) {
        Target::Refused(what) => Err(std::io::Error::other(format!(
            "it is {what}: planlint replaces only regular files (and writes into standard output, a terminal, a pipe or /dev/null)"
        ))),
        Target::Stream(Stream::Stdout) => write_into(&mut std::io::stdout().lock(), bytes),
        Target::Stream(Stream::Stderr) => write_into(&mut std::io::stderr().lock(), bytes),
        Target::Stream(Stream::Open) => {
            // Never created, never truncated: it is there, and it is a stream. Opened without
            // waiting: a named pipe no one reads is an error at once, not a hang.
            let mut options = std::fs::OpenOptions::new();
            options.write(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.custom_flags(libc::O_NOCTTY | libc::O_NONBLOCK);
            }
            let mut stream = options.open(path).map_err(|err| {
                if err.raw_os_error() == Some(ENXIO) {
                    std::io::Error::other("it is a named pipe that no one reads")
                } else {
                    err
                }
            })?;
            write_into(&mut stream, bytes)
        }
        Target::Replace(permissions) => replace(path, bytes, permissions),
    }
}

/// What opening a named pipe without waiting says when no one reads it.
#[cfg(unix)]
const ENXIO: i32 = libc::ENXIO;
#[cfg(not(unix))]
const ENXIO: i32 = -1;

/// Writes all of `bytes` into a stream; one opened without waiting says "would block" while
/// its reader is behind, and is then waited on a little. A reader that went away is not an
/// error, as on standard output.
fn write_into(stream: &mut dyn Write, mut bytes: &[u8]) -> std::io::Result<()> {
    use std::io::ErrorKind;
    let result = loop {
        if bytes.is_empty() {
            break stream.flush();
        }
        match stream.write(bytes) {
            Ok(0) => break Err(ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(err) if err.kind() == ErrorKind::Interrupted => {}
            Err(err) if err.kind() == ErrorKind::WouldBlock => {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            Err(err) => break Err(err),
        }
    };
    match result {
        Err(err) if err.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// The prefix of the temporary files of `name`: `.NAME.planlint-`, then this process's id,
/// a dash and random letters, and `.tmp`.
fn temporary_prefix(name: &str) -> String {
    format!(".{name}.planlint-")
}

fn replace(
    path: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_leftovers(dir, &name);
    let mut builder = tempfile::Builder::new();
    let prefix = format!("{}{}-", temporary_prefix(&name), std::process::id());
    builder.prefix(&prefix).suffix(".tmp").rand_bytes(10);
    // A new file gets what `File::create` gives (0666 less the umask); a replaced one keeps
    // its own, set below (a mode given at creation would lose bits to the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // Created with O_CREAT | O_EXCL: an existing name, or a symbolic link planted under
    // it, is an error (tempfile then tries another name), never followed.
    let mut temp = builder.tempfile_in(dir)?;
    if let Some(permissions) = permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    let (first, rest) = bytes.split_at(bytes.len() / 2);
    temp.write_all(first)?;
    failpoint("mid-write");
    temp.write_all(rest)?;
    temp.as_file().sync_all()?;
    failpoint("before-rename");
    // On failure the temporary file is removed when `temp` is dropped.
    temp.persist(path).map(|_| ()).map_err(|e| e.error)
}

/// Removes the temporary files of `name` in `dir` that a killed run left: those whose
/// process is gone (or, where that cannot be told, that are over an hour old). A run
/// writing the same file at this moment keeps its own.
fn remove_leftovers(dir: &Path, name: &str) {
    let prefix = temporary_prefix(name);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let own = std::process::id().to_string();
    let leftovers: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let file = entry.file_name();
            let Some(rest) = file
                .to_str()
                .and_then(|f| f.strip_prefix(&prefix))
                .and_then(|f| f.strip_suffix(".tmp"))
            else {
                return false;
            };
            // `PID-RANDOM` now, `PID` before the name had random letters.
            let pid = rest.split('-').next().unwrap_or("");
            !pid.is_empty()
                && pid.bytes().all(|b| b.is_ascii_digit())
                && pid != own
                && !running(pid, entry)
        })
        .map(|entry| entry.path())
        .collect();
    for path in leftovers {
        // A link is removed, not followed; a file another run removed first is fine.
        let _ = std::fs::remove_file(path);
    }
}

/// Whether the process `pid` that made a temporary file may still be writing it.
fn running(pid: &str, entry: &std::fs::DirEntry) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return proc.join(pid).exists();
    }
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age < std::time::Duration::from_secs(3600))
}
