//! Documents planlint reads through another program, as a user meets them in every command:
//! .rtf (and .doc, .wps, .odt) converted by LibreOffice, PDF read by poppler's pdftotext.
//! The fixtures are made here: an RTF written by hand (RTF is text), a PDF printed from it
//! by LibreOffice. A missing, failing or hanging converter is faked with a script on
//! `PATH`, so those paths are tested on every machine.
//!
//! Where LibreOffice or pdftotext is not installed, the tests that need them say so and
//! pass, except under CI (`CI` set), where they must run (`.ci/run` installs both).

#[path = "common.rs"]
mod common;

use common::{command, root};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Whether `program` is on `PATH`; under CI its absence fails the test.
fn installed(program: &str, package: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()));
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} is not installed: CI must install {package}"
        );
        eprintln!("skipped: {program} is not installed (apt-get install {package})");
    }
    found
}

/// RTF text for paragraphs and one table, Chinese written as `\uN?` escapes.
fn rtf(before: &[&str], table: &[&[&str]], after: &[&str]) -> String {
    fn escape(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '\\' | '{' | '}' => {
                    out.push('\\');
                    out.push(c);
                }
                c if c.is_ascii() => out.push(c),
                c => {
                    let code = c as u32;
                    if code <= 0xFFFF {
                        // RTF's \u takes a signed 16-bit number.
                        out.push_str(&format!("\\u{}?", code as u16 as i16));
                    }
                }
            }
        }
        out
    }
    let mut out =
        String::from("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\n");
    for p in before {
        out.push_str(&format!("\\pard\\plain\\f0 {}\\par\n", escape(p)));
    }
    for row in table {
        out.push_str("\\trowd");
        for i in 1..=row.len() {
            out.push_str(&format!("\\cellx{}", i * 1300));
        }
        out.push('\n');
        for cell in *row {
            out.push_str(&format!(
                "\\pard\\intbl\\plain\\f0 {}\\cell\n",
                escape(cell)
            ));
        }
        out.push_str("\\row\n");
    }
    for p in after {
        out.push_str(&format!("\\pard\\plain\\f0 {}\\par\n", escape(p)));
    }
    out.push('}');
    out
}

/// A county's plan citing the Sichuan plan of the seeds, with an indicator table.
fn county_rtf() -> String {
    rtf(
        &[
            "某某县“十四五”卫生健康事业发展规划",
            "根据《四川省“十四五”卫生健康发展规划》，结合本县实际，制定本规划。",
            "一、发展基础",
            "全县医疗卫生服务能力持续提升。",
            "二、发展目标",
            "主要发展指标",
        ],
        &[
            &[
                "领域",
                "序号",
                "主要指标",
                "单位",
                "2020年",
                "2025年",
                "指标性质",
            ],
            &[
                "健康水平",
                "1",
                "人均预期寿命",
                "岁",
                "78.9",
                "79.5",
                "预期性",
            ],
            &["", "2", "孕产妇死亡率", "/10万", "12", "<15", "约束性"],
        ],
        &["三、保障措施", "加强组织领导。"],
    )
}

/// `planlint` in `dir` with extra environment.
fn planlint(dir: &Path, args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> (i32, String, String) {
    let mut cmd = command(dir, env!("CARGO_BIN_EXE_planlint"));
    cmd.args(args);
    for (key, value) in env {
        cmd.env(key, value);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A plan's indicator rows, one line each: name, unit, baseline → target.
fn rows(plan: &planlint_model::Plan) -> Vec<String> {
    plan.indicators
        .iter()
        .map(|r| {
            format!(
                "{} {} {}→{}",
                r.name.value,
                r.unit.as_ref().map_or("", |u| u.value.as_str()),
                r.baseline.as_ref().map_or("", |b| b.value.as_str()),
                r.target.as_ref().map_or("", |t| t.value.as_str())
            )
        })
        .collect()
}

fn seeds() -> PathBuf {
    root().join("seeds")
}

/// A folder holding only `programs`, each a shell script, to stand for `PATH`.
fn fake_path(dir: &Path, programs: &[(&str, &str)]) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    for (name, script) in programs {
        let path = bin.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

/// Text without the line breaks and frames a terminal rendering adds, for `contains`.
fn squash(text: &str) -> String {
    text.replace('│', "").split_whitespace().collect()
}

/// Whether `text` says every one of `words`, however a terminal wrapped it.
fn says(text: &str, words: &[&str]) -> bool {
    let text = squash(text);
    words.iter().all(|w| text.contains(&squash(w)))
}

fn empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().next().is_none()
}

#[test]
fn an_rtf_is_converted_and_read_by_import_check_and_report() {
    if !installed("soffice", "libreoffice-writer-nogui") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let doc = dir.path().join("某县规划.rtf");
    std::fs::write(&doc, county_rtf()).unwrap();
    let doc = doc.display().to_string();
    let env = [("TMPDIR", tmp.path().as_os_str())];

    let (code, yaml, err) = planlint(&seeds(), &["import", &doc], &env);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("（rtf）读取了 2 行指标、3 个标题、1 条依据"),
        "{err}"
    );
    assert!(yaml.contains("parent: \"sc-health-14\""), "{yaml}");
    let (plan, problems) = planlint_model::load_plan("x.plan.yaml", &yaml);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        rows(&plan.unwrap()),
        ["人均预期寿命 岁 78.9→79.5", "孕产妇死亡率 /10万 12→<15"]
    );

    // `check` imports it (never as YAML); its findings point into the document.
    let (code, out, err) = planlint(
        &seeds(),
        &["check", &doc, "--select", "weaker-target"],
        &env,
    );
    // Sichuan's own table is not recorded: the national one stands in, and the verdict
    // waits for Sichuan's (exit 2, said on stderr).
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("上级规划的指标表未录入"), "{err}");
    assert!(
        !out.contains("yaml-syntax") && !out.contains("import-unreadable"),
        "{out}"
    );

    // `report` too, and its footer names the file as the user named it.
    let (code, html, err) = planlint(&seeds(), &["report", &doc], &env);
    assert_eq!(code, 0, "{err}");
    assert!(html.contains("某某县“十四五”卫生健康事业发展规划"));
    assert!(!html.contains(&tmp.path().display().to_string()));
    // Every conversion's folder is gone.
    assert!(empty(tmp.path()), "left behind in TMPDIR");
}

/// Prints `source` to PDF with LibreOffice, into `dir`.
fn print_pdf(source: &Path, dir: &Path) -> PathBuf {
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(source)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let pdf = dir.join(source.with_extension("pdf").file_name().unwrap());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    pdf
}

#[test]
fn a_pdf_is_read_as_its_text_and_its_tables_as_tables() {
    if !installed("soffice", "libreoffice-writer-nogui") || !installed("pdftotext", "poppler-utils")
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let env = [("TMPDIR", tmp.path().as_os_str())];
    // The Word fixture printed to PDF: its table comes back in columns of spaces, and is
    // read to the same rows as the .docx. Named .docx, as attachments sometimes are, it is
    // still read as the PDF it is.
    let pdf = print_pdf(&root().join("tests/fixtures/county-draft.docx"), dir.path());
    let misnamed = dir.path().join("county-draft-copy.docx");
    std::fs::copy(&pdf, &misnamed).unwrap();
    for path in [&pdf, &misnamed] {
        let (code, yaml, err) = planlint(&seeds(), &["import", &path.display().to_string()], &env);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains("（pdf）读取了 3 行指标、4 个标题、1 条依据"),
            "{err}"
        );
        assert!(
            yaml.contains("parent: \"nm-hulunbuir-health-14\""),
            "{yaml}"
        );
        let (plan, problems) = planlint_model::load_plan("x.plan.yaml", &yaml);
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(
            rows(&plan.unwrap()),
            [
                "人均预期寿命 岁 78.2→78.5",
                "婴儿死亡率 ‰ 4.1→<6",
                "每千人口执业（助理）医师数 人 2.8→3.2"
            ],
            "{yaml}"
        );
    }
    // A table whose cells are printed a single space apart cannot be cut into columns:
    // nothing is guessed, the plan says no table was read, and the text around is kept.
    let rtf = dir.path().join("narrow.rtf");
    std::fs::write(&rtf, county_rtf()).unwrap();
    let pdf = print_pdf(&rtf, dir.path());
    let (code, yaml, err) = planlint(&seeds(), &["import", &pdf.display().to_string()], &env);
    assert_eq!(code, 0, "{err}");
    assert!(
        yaml.contains("title: \"某某县“十四五”卫生健康事业发展规划\""),
        "{yaml}"
    );
    assert!(yaml.contains("parent: \"sc-health-14\""), "{yaml}");
    assert!(yaml.contains("title: \"保障措施\""), "{yaml}");
    let (plan, _) = planlint_model::load_plan("x.plan.yaml", &yaml);
    let found = rows(&plan.unwrap());
    assert!(
        found.is_empty() || found == ["人均预期寿命 岁 78.9→79.5", "孕产妇死亡率 /10万 12→<15"],
        "rows read by a guess: {found:?}"
    );
    assert!(empty(tmp.path()), "left behind in TMPDIR");
}

#[test]
fn without_the_converters_each_format_names_the_package_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let bin = fake_path(dir.path(), &[]);
    let files = [
        (
            "a.rtf",
            b"{\\rtf1 hello}".to_vec(),
            "libreoffice-writer-nogui",
        ),
        (
            "b.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0".to_vec(),
            "libreoffice-writer-nogui",
        ),
        (
            "c.wps",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0".to_vec(),
            "libreoffice-writer-nogui",
        ),
        ("d.pdf", b"%PDF-1.4\n".to_vec(), "poppler-utils"),
    ];
    let env = [("PATH", bin.as_os_str())];
    for (name, bytes, package) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, out, err) = planlint(dir.path(), &["import", name], &env);
        assert_eq!(code, 2, "{name}: {out}{err}");
        assert!(err.contains("import-unreadable"), "{name}: {err}");
        assert!(says(&err, &[package, "本机未安装"]), "{name}: {err}");
        let (_, _, err) = planlint(dir.path(), &["import", name, "--lang", "en"], &env);
        assert!(says(&err, &[package, "not installed"]), "{name}: {err}");
    }
    // In a check, each is one problem of its own; the text document beside them is still
    // checked, and none is read as YAML.
    let txt = root()
        .join("tests/fixtures/county-draft.txt")
        .display()
        .to_string();
    let mut args = vec!["check".to_string()];
    args.extend(
        files
            .iter()
            .map(|(n, ..)| dir.path().join(n).display().to_string()),
    );
    args.extend([txt, "--select".into(), "weaker-target".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, _) = planlint(&seeds(), &args, &env);
    assert_eq!(code, 2, "{out}");
    assert_eq!(out.matches("import-unreadable").count(), 4, "{out}");
    assert!(out.contains("weaker-target"), "{out}");
    assert!(
        !out.contains("yaml-syntax") && !out.contains("invalid-value"),
        "{out}"
    );
}

#[test]
fn a_converter_that_hangs_is_stopped_and_one_that_fails_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let seen = dir.path().join("seen");
    // The hanging converter records its folder's mode and its process, then sleeps in a
    // child of its own (as LibreOffice's launcher does).
    let bin = fake_path(
        dir.path(),
        &[
            (
                "soffice",
                &format!(
                    "PATH=/usr/bin:/bin; stat -c %a . > {seen}/mode; sleep 60 & echo $! > {seen}/pid; wait",
                    seen = seen.display()
                ),
            ),
            ("pdftotext", "echo 'Syntax Error: broken xref' >&2; exit 1"),
        ],
    );
    std::fs::create_dir_all(&seen).unwrap();
    std::fs::write(dir.path().join("a.rtf"), b"{\\rtf1 hello}").unwrap();
    std::fs::write(dir.path().join("b.pdf"), b"%PDF-1.4\n").unwrap();
    let env = [
        ("PATH", bin.as_os_str()),
        ("TMPDIR", tmp.path().as_os_str()),
        ("PLANLINT_CONVERT_TIMEOUT", std::ffi::OsStr::new("1")),
    ];
    let started = Instant::now();
    let (code, _, err) = planlint(dir.path(), &["import", "a.rtf"], &env);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        says(&err, &["import-unreadable", "1 秒内没有完成，已中止"]),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(seen.join("mode")).unwrap().trim(),
        "700"
    );
    // The converter's own child was killed with it.
    let pid = std::fs::read_to_string(seen.join("pid")).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", pid.trim())).unwrap_or_default();
    assert!(
        status.is_empty() || status.contains("State:\tZ"),
        "{status}"
    );

    let (code, _, err) = planlint(dir.path(), &["import", "b.pdf"], &env);
    assert_eq!(code, 2, "{err}");
    assert!(
        says(&err, &["pdftotext (poppler) 未能转换", "broken xref"]),
        "{err}"
    );
    assert!(empty(tmp.path()), "left behind in TMPDIR");
}
