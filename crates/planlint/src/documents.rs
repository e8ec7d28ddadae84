//! Reading any input the way every command reads it: the one place where a file's
//! [`Kind`] is decided ([`Kind::of`]) and where documents planlint cannot read itself are
//! converted — .doc, .wps, .rtf and .odt by LibreOffice into .docx, PDF by poppler's
//! `pdftotext -layout` into text.
//!
//! A conversion runs in a private temporary folder (mode 0700, removed on every path, a
//! panic included, by [`tempfile::TempDir`]'s drop) with a LibreOffice profile of its own
//! there, so it never meets the user's running LibreOffice, and under a time limit: a
//! converter that has not finished is killed with its whole process group (LibreOffice's
//! launcher starts the real program as a child). Its output is read through the same
//! size-capped reader and the same importer as any other file. A converter that is
//! missing, fails or runs out of time is one `import-unreadable` problem for that file,
//! naming the Debian package to install where the tool is missing; the other files are
//! still read.

use crate::discover;
use planlint_check::Input;
use planlint_diagnostics::{Diagnostic, Location, Text};
use planlint_import::{Document, Kind, Office};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long LibreOffice may take for one document: a first start with a fresh profile
/// takes seconds, a plan a few more.
const OFFICE_TIMEOUT: Duration = Duration::from_secs(120);

/// How long `pdftotext` may take for one document.
const PDF_TIMEOUT: Duration = Duration::from_secs(60);

/// The environment variable that shortens (or lengthens) both limits, in seconds.
pub const TIMEOUT_VAR: &str = "PLANLINT_CONVERT_TIMEOUT";

/// Reads the file at `path`, known as `name`, as its kind says: a plan file's text, or a
/// document read (and converted first where it must be).
pub fn read_input(path: &Path, name: &str) -> Result<Input, Box<Diagnostic>> {
    let name = name.to_string();
    // Opened once, through the one safe opener (a pipe or a device is refused at once), and
    // read up to the limit its name suggests (a document's where it is named as one, a plan
    // file's otherwise); the kind is then decided from what was read.
    let limit = if planlint_import::is_document(path) {
        discover::MAX_DOCUMENT_BYTES
    } else {
        discover::MAX_PLAN_BYTES
    };
    let bytes = discover::read_bytes(path, &name, limit)?;
    match Kind::of(
        &name,
        &bytes[..bytes.len().min(planlint_import::kind::HEAD)],
    ) {
        Kind::Plan => {
            let text = planlint_check::plan_text(&name, bytes)?;
            Ok(Input::Plan(planlint_check::SourceFile { name, text }))
        }
        kind => {
            let document = read_document(&name, kind, &bytes)?;
            Ok(Input::Read { name, document })
        }
    }
}

/// Reads a file named as a document (`planlint import`).
pub fn read_document_file(path: &Path, name: &str) -> Result<Document, Box<Diagnostic>> {
    let bytes = discover::read_bytes(path, name, discover::MAX_DOCUMENT_BYTES)?;
    let kind = match Kind::of(name, &bytes) {
        // A file given to `import` is a document whatever its name says.
        Kind::Plan => Kind::Text,
        kind => kind,
    };
    read_document(name, kind, &bytes)
}

/// Reads a document of `kind` from its bytes, converting it first where it must be.
pub fn read_document(name: &str, kind: Kind, bytes: &[u8]) -> Result<Document, Box<Diagnostic>> {
    match kind {
        Kind::Text if name.to_ascii_lowercase().ends_with(".docx") => {
            // A name that promised a Word document whose content is not one.
            planlint_import::read_as(name, kind, bytes).map_err(|mut d| {
                d.message = Text::new(
                    format!("它的扩展名是 .docx，但内容不是 Word 文档（.docx 文件是 zip 格式），按文本读取也不行：{}", d.message.zh),
                    format!("its name ends in .docx, but it is not a Word document (a .docx is a zip file), nor readable as text: {}", d.message.en),
                );
                d
            })
        }
        Kind::Plan | Kind::Docx | Kind::Text => planlint_import::read_as(name, kind, bytes),
        Kind::Office(office) => {
            let docx = convert(name, Converter::Office(office), bytes)?;
            let mut document = planlint_import::read_as(name, Kind::Docx, &docx)?;
            document.format = office.extension();
            Ok(document)
        }
        Kind::Pdf => {
            let text = convert(name, Converter::Pdf, bytes)?;
            let mut document = planlint_import::read_as(name, Kind::Text, &text)?;
            // Its tables come as columns of spaces: read them as tables.
            document = planlint_import::layout::tables(document);
            document.format = "pdf";
            Ok(document)
        }
    }
}

#[derive(Clone, Copy)]
enum Converter {
    Office(Office),
    Pdf,
}

impl Converter {
    fn program(self) -> &'static str {
        match self {
            Converter::Office(_) => "soffice",
            Converter::Pdf => "pdftotext",
        }
    }

    /// What the tool is called in messages, and the Debian package that brings it.
    fn tool(self) -> (&'static str, &'static str) {
        match self {
            Converter::Office(_) => ("LibreOffice", "libreoffice-writer-nogui"),
            Converter::Pdf => ("pdftotext (poppler)", "poppler-utils"),
        }
    }

    /// The format in words, for messages.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Converter::Office(Office::Doc) => {
                ("旧版 Word 文件（.doc）", "an old-format Word file (.doc)")
            }
            Converter::Office(Office::Wps) => ("WPS 文字文件（.wps）", "a WPS Writer file (.wps)"),
            Converter::Office(Office::Rtf) => ("RTF 文档", "an RTF document"),
            Converter::Office(Office::Odt) => {
                ("OpenDocument 文件（.odt）", "an OpenDocument file (.odt)")
            }
            Converter::Pdf => ("PDF 文件", "a PDF"),
        }
    }

    fn timeout(self) -> Duration {
        let set = std::env::var(TIMEOUT_VAR)
            .ok()
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s > 0.0);
        match (set, self) {
            (Some(seconds), _) => Duration::from_secs_f64(seconds.min(3600.0)),
            (None, Converter::Office(_)) => OFFICE_TIMEOUT,
            (None, Converter::Pdf) => PDF_TIMEOUT,
        }
    }
}

fn unreadable(name: &str, zh: String, en: String, help: Option<Text>) -> Box<Diagnostic> {
    let d = Diagnostic::error("import-unreadable", Text::new(zh, en), Location::file(name));
    Box::new(match help {
        Some(help) => d.with_help(help),
        None => d,
    })
}

/// Finds a program on `PATH`.
fn find_program(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// Converts `bytes` with the converter and returns what it wrote (a .docx, or UTF-8 text).
fn convert(name: &str, converter: Converter, bytes: &[u8]) -> Result<Vec<u8>, Box<Diagnostic>> {
    let (format_zh, format_en) = converter.words();
    // A space between Chinese and Latin letters, as the other messages write it.
    let format_zh = if format_zh.starts_with(|c: char| c.is_ascii()) {
        format!(" {format_zh}")
    } else {
        format_zh.to_string()
    };
    let (tool, package) = converter.tool();
    let Some(program) = find_program(converter.program()) else {
        return Err(unreadable(
            name,
            format!("此文件为{format_zh}，读取它需要 {tool}，本机未安装"),
            format!("this is {format_en}; reading it needs {tool}, which is not installed"),
            Some(Text::new(
                format!("安装 {package}（sudo apt-get install {package}）后重试，或用 Word、WPS 另存为 .docx"),
                format!("install {package} (sudo apt-get install {package}) and retry, or save it as .docx in Word or WPS"),
            )),
        ));
    };
    let failed = |why_zh: String, why_en: String| {
        unreadable(
            name,
            format!("此文件为{format_zh}，{tool} 未能转换它：{why_zh}"),
            format!("this is {format_en}, and {tool} could not convert it: {why_en}"),
            Some(Text::new(
                "文件可能已损坏或加密；请用 Word 或 WPS 打开并另存为不加密的 .docx",
                "the file may be damaged or encrypted: open it in Word or WPS and save it as .docx without a password",
            )),
        )
    };
    let folder = private_folder().map_err(|e| {
        failed(
            format!("无法建立临时文件夹（{e}）"),
            format!("no temporary folder ({e})"),
        )
    })?;
    let dir = folder.path();
    let input = match converter {
        Converter::Office(office) => dir.join(format!("input.{}", office.extension())),
        Converter::Pdf => dir.join("input.pdf"),
    };
    write_new(&input, bytes).map_err(|e| {
        failed(
            format!("无法写入临时文件（{e}）"),
            format!("cannot write a temporary file ({e})"),
        )
    })?;
    let out_dir = dir.join("out");
    let (mut command, output) = match converter {
        Converter::Office(_) => {
            let mut command = Command::new(&program);
            command
                .arg(format!(
                    "-env:UserInstallation={}",
                    file_url(&dir.join("profile"))
                ))
                .args([
                    "--headless",
                    "--norestore",
                    "--nologo",
                    "--nodefault",
                    "--nolockcheck",
                ])
                .args(["--convert-to", "docx:MS Word 2007 XML", "--outdir"])
                .arg(&out_dir)
                .arg(&input);
            (command, out_dir.join("input.docx"))
        }
        Converter::Pdf => {
            let output = dir.join("output.txt");
            let mut command = Command::new(&program);
            command
                .args(["-layout", "-enc", "UTF-8", "-eol", "unix"])
                .arg(&input)
                .arg(&output);
            (command, output)
        }
    };
    let log = dir.join("log.txt");
    let status = run_with_limit(&mut command, dir, &log, converter.timeout());
    let said = || {
        let mut text = String::new();
        if let Ok(file) = std::fs::File::open(&log) {
            let mut bytes = Vec::new();
            let _ = file.take(2000).read_to_end(&mut bytes);
            // The private folder's name is of no use to the reader and names this machine.
            text = String::from_utf8_lossy(&bytes)
                .trim()
                .replace('\n', " ")
                .replace(&format!("{}/", dir.display()), "")
                .replace(&dir.display().to_string(), "");
        }
        text
    };
    match status {
        Err(RunError::TimedOut(limit)) => {
            let seconds = limit.as_secs_f64();
            return Err(failed(
                format!("{seconds} 秒内没有完成，已中止"),
                format!("it did not finish within {seconds} s and was stopped"),
            ));
        }
        Err(RunError::Start(e)) => {
            return Err(failed(
                format!("无法启动（{e}）"),
                format!("it could not start ({e})"),
            ));
        }
        Ok(code) if !code.success() => {
            let said = said();
            let said = |before: &str| {
                if said.is_empty() {
                    String::new()
                } else {
                    format!("{before}{said}")
                }
            };
            return Err(failed(
                format!("退出状态 {code}{}", said("，输出：")),
                format!("exit status {code}{}", said(", saying: ")),
            ));
        }
        Ok(_) => {}
    }
    if !output.is_file() {
        let said = said();
        let (zh, en) = match said.is_empty() {
            true => (String::new(), String::new()),
            false => (format!("（{said}）"), format!(" ({said})")),
        };
        return Err(failed(
            format!("没有产生输出文件{zh}"),
            format!("it wrote no output{en}"),
        ));
    }
    // The converter's output is read like any file planlint is given: capped in size.
    discover::read_bytes(&output, name, discover::MAX_DOCUMENT_BYTES)
}

/// A new folder only this user can enter, removed when the value is dropped.
fn private_folder() -> std::io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("planlint-convert-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o700));
    }
    builder.tempdir()
}

/// Writes a file that must not exist yet (inside the private folder).
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// A path as a `file://` URL, each byte outside the unreserved set percent-encoded.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for &b in path.to_string_lossy().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

enum RunError {
    Start(std::io::Error),
    TimedOut(Duration),
}

/// Runs a converter in `dir` with its output going to `log`, and waits at most `limit`.
/// On time out the whole process group is killed and reaped.
fn run_with_limit(
    command: &mut Command,
    dir: &Path,
    log: &Path,
    limit: Duration,
) -> Result<std::process::ExitStatus, RunError> {
    let log_file = std::fs::File::create(log).map_err(RunError::Start)?;
    let log_err = log_file.try_clone().map_err(RunError::Start)?;
    command
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(log_file)
        .stderr(log_err);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(RunError::Start)?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                // The launcher may leave children behind; none may outlive the folder.
                kill_group(&child);
                return Ok(status);
            }
            Ok(None) if started.elapsed() < limit => {
                std::thread::sleep(Duration::from_millis(25));
            }
            Ok(None) | Err(_) => {
                kill_group(&child);
                let _ = child.kill();
                let _ = child.wait();
                return Err(RunError::TimedOut(limit));
            }
        }
    }
}

/// Kills the process group a converter was started in (its own: `process_group(0)`).
fn kill_group(child: &std::process::Child) {
    #[cfg(unix)]
    if let Some(pid) = rustix::process::Pid::from_raw(child.id() as i32) {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
    #[cfg(not(unix))]
    let _ = child;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_path_is_a_file_url() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/规")),
            "file:///tmp/a%20b/%E8%A7%84"
        );
    }
}
