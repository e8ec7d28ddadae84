//! The layouts of `layouts.rs` again, in documents python-docx writes
//! (`support/make_layouts.py`): another producer, whose files have the parts Word and WPS
//! files have (a full styles.xml and numbering.xml, merged cells as python-docx merges
//! them). Where LibreOffice is installed, each document is also saved again by it
//! (`soffice --headless --convert-to docx`), a third producer, and must read the same.
//!
//! python-docx is looked for in `PLANLINT_PYTHON` (a Python that has it), then in the
//! virtual environment `.ci/run` makes (`~/.cache/planlint-python-docx`), then in
//! `python3`. Without it the test says why and passes; CI installs it.

#[path = "support/check.rs"]
mod check;

use check::{headings, import_docx, problems, rows};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A Python that can import python-docx.
fn python() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = std::env::var_os("PLANLINT_PYTHON") {
        candidates.push(p.into());
    }
    if let Some(home) = std::env::var_os("HOME") {
        candidates.push(Path::new(&home).join(".cache/planlint-python-docx/bin/python"));
    }
    candidates.push("python3".into());
    candidates.into_iter().find(|p| {
        Command::new(p)
            .args(["-c", "import docx"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Documents by file name, with their bytes.
type Documents = Vec<(String, Vec<u8>)>;

/// The documents, written into a fresh folder.
fn documents() -> Option<(tempfile::TempDir, Documents)> {
    let Some(python) = python() else {
        eprintln!("skipped: python-docx is not installed (set PLANLINT_PYTHON, or run .ci/run, which installs it into ~/.cache/planlint-python-docx)");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/make_layouts.py");
    let out = Command::new(&python)
        .arg(&script)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut docs = Vec::new();
    for name in [
        "two-row-header.docx",
        "word-numbering.docx",
        "continued.docx",
        "layout-table.docx",
    ] {
        docs.push((
            name.to_string(),
            std::fs::read(dir.path().join(name)).unwrap(),
        ));
    }
    Some((dir, docs))
}

/// What each document must read as: its rows and its headings.
fn expect(name: &str, bytes: &[u8]) {
    let (imported, plan) = import_docx(name, bytes);
    let said = problems(&imported);
    match name {
        "two-row-header.docx" => {
            assert_eq!(
                rows(&plan),
                [
                    "- 人均预期寿命 [岁] 健康水平 | 78.1 → 78.6 | 预期性",
                    "- 孕产妇系统管理率 [%] 健康水平 | >90 → >90 | 约束性 | 注 按常住人口",
                    "- 每千人口床位数 [张] 健康服务 | 6.1 → 6.9 | 预期性",
                ],
                "{name}"
            );
            assert_eq!(plan.period.as_ref().unwrap().value.to_string(), "2021–2025");
            assert_eq!(
                imported.draft.status.as_ref().map(|s| s.value.as_str()),
                Some("征求意见稿")
            );
            assert!(
                said.iter().all(|p| !p.starts_with("import-row")),
                "{said:?}"
            );
        }
        "word-numbering.docx" => {
            assert_eq!(
                headings(&plan),
                [
                    "第一章发展基础",
                    "  第一节主要成就",
                    "  第二节面临形势",
                    "第二章总体要求",
                    "  第一节指导思想",
                    // "List Number" numbers a body paragraph 1., read as a typed 1. is.
                    "    1.加强基层医疗卫生服务能力建设",
                ],
                "{name}"
            );
        }
        "continued.docx" => {
            assert_eq!(
                rows(&plan),
                [
                    "1 人均预期寿命 [岁] - | 77.6 → 78.5 | 预期性 | 注 1：为2019年数据",
                    "2 婴儿死亡率 [‰] - | 4 → <5 | 预期性",
                    "3 孕产妇死亡率 [/10万] - | 12 → <15 | 约束性",
                ],
                "{name}"
            );
            assert_eq!(headings(&plan), ["一、发展目标", "二、主要任务"], "{name}");
        }
        "layout-table.docx" => {
            assert_eq!(
                rows(&plan),
                [
                    "1 人均预期寿命 [岁] - | 78 → 78.5 | 预期性",
                    "2 婴儿死亡率 [‰] - | 4 → 4 | 预期性",
                ],
                "{name}"
            );
        }
        other => panic!("no expectation for {other}"),
    }
}

#[test]
fn python_docx_documents_read_to_the_exact_rows() {
    let Some((_dir, docs)) = documents() else {
        return;
    };
    for (name, bytes) in &docs {
        expect(name, bytes);
    }
}

#[test]
fn documents_saved_again_by_libreoffice_read_the_same() {
    let soffice = ["soffice", "libreoffice"].into_iter().find(|s| {
        Command::new(s)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(soffice) = soffice else {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
        return;
    };
    let Some((dir, docs)) = documents() else {
        return;
    };
    let again = dir.path().join("again");
    for (name, _) in &docs {
        let out = Command::new(soffice)
            .args(["--headless", "--convert-to", "docx", "--outdir"])
            .arg(&again)
            .arg(dir.path().join(name))
            .env("HOME", dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(again.join(name)).unwrap();
        expect(name, &bytes);
    }
}
