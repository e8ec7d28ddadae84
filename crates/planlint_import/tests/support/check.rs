//! What the layout tests assert about an imported document, shared by the tests whose
//! documents are written in Rust and those written by python-docx.

#![allow(dead_code)]

use planlint_import::{import, read, Imported, Options};
use planlint_model::{load_plan, Plan, Section};

/// Imports a .docx and loads the plan file it gives, which must load without errors.
pub fn import_docx(name: &str, bytes: &[u8]) -> (Imported, Plan) {
    let doc = read(name, bytes).unwrap_or_else(|d| panic!("{name}: {d:?}"));
    let imported = import(name, &doc, &Options::default());
    let (plan, problems) = load_plan("imported.plan.yaml", &imported.yaml);
    let errors: Vec<_> = problems
        .iter()
        .filter(|d| d.severity == planlint_diagnostics::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{}", imported.yaml);
    let plan = plan.unwrap_or_else(|| panic!("{name}: no plan\n{}", imported.yaml));
    plan_words_only(name, &imported);
    (imported, plan)
}

/// Every row as "no name [unit] domain | baseline → target | nature | note".
pub fn rows(plan: &Plan) -> Vec<String> {
    plan.indicators
        .iter()
        .map(|r| {
            fn v<T: AsRef<str>>(s: &Option<planlint_model::Spanned<T>>) -> String {
                s.as_ref()
                    .map_or("-".to_string(), |s| s.value.as_ref().to_string())
            }
            let mut line = format!(
                "{} {} [{}] {} | {} → {} | {}",
                v(&r.no),
                r.name.value,
                v(&r.unit),
                v(&r.domain),
                v(&r.baseline),
                v(&r.target),
                r.nature.as_ref().map_or("-", |n| n.value.zh())
            );
            if let Some(note) = &r.note {
                line.push_str(&format!(" | 注 {}", note.value));
            }
            line
        })
        .collect()
}

fn outline(sections: &[Section], depth: usize, out: &mut Vec<String>) {
    for s in sections {
        let n = s.number.as_ref().map_or("", |n| n.value.as_str());
        out.push(format!("{}{n}{}", "  ".repeat(depth), s.title.value));
        outline(&s.sections, depth + 1, out);
    }
}

/// The heading tree, one line per heading, indented by depth.
pub fn headings(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    outline(&plan.sections, 0, &mut out);
    out
}

/// The problems of an import as "code: Chinese message".
pub fn problems(imported: &Imported) -> Vec<String> {
    imported
        .problems
        .iter()
        .map(|d| format!("{}: {}", d.code, d.message.zh))
        .collect()
}

/// Words a reviewer should never meet in a Chinese message: YAML keys, developer words.
const DEVELOPER_WORDS: &[&str] = &[
    "字段",
    "parse",
    "Parse",
    "yaml",
    "YAML",
    "baseline",
    "target",
    "nature",
    "unit",
    "period",
    "region",
    "level",
    "parent",
    "title",
    "null",
    "None",
    "Some(",
    "Token",
    "Origin",
    "Cell {",
    "prefecture",
    "county",
    "province",
];

/// Every import message in Chinese is plain words, and so is the header comment.
pub fn plan_words_only(name: &str, imported: &Imported) {
    for d in &imported.problems {
        for word in DEVELOPER_WORDS {
            assert!(
                !d.message.zh.contains(word),
                "{name}: “{word}” in a message: {}",
                d.message.zh
            );
        }
    }
    // The first line names the file, whatever it is called.
    for line in imported
        .yaml
        .lines()
        .take_while(|l| l.starts_with('#'))
        .skip(1)
    {
        for word in DEVELOPER_WORDS {
            assert!(
                !line.contains(word),
                "{name}: “{word}” in the header: {line}"
            );
        }
    }
}
