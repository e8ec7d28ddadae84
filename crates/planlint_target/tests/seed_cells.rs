//! Every target and baseline cell of the seed plans (`seeds/**/*.plan.yaml`: the fields
//! `target` and `baseline` of `indicators`, `targets_in_text` and `previous_period`) read by
//! `parse`, with the cells that stay unreadable listed with their reasons. The seeds are
//! transcribed from real plans, defects included, so this is the measure of how much of
//! what plans really print the parser reads.
//!
//! The plan files are read with a small scanner of the YAML they are written in (block
//! mappings and one-line or broken flow mappings, plain and quoted scalars), since this
//! crate reads no YAML; `planlint_model` checks the same files with the real reader.

use std::path::{Path, PathBuf};

use planlint_target::{parse, Form};

/// A cell: the plan file, the section, the field, and the text.
struct Cell {
    file: String,
    section: String,
    field: String,
    text: String,
}

#[test]
fn seed_cells_read() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no seed plans under {}", root.display());
    let mut cells = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        cells.extend(scan(&name, &text));
    }
    let mut out = Vec::new();
    let mut unreadable = 0;
    for cell in &cells {
        let target = parse(&cell.text);
        if let Form::Unreadable { reason } = &target.form {
            unreadable += 1;
            out.push(format!(
                "{} | {} {} | {:?} ⇒ {reason}",
                cell.file, cell.section, cell.field, cell.text
            ));
        }
        for slip in &target.slips {
            out.push(format!(
                "{} | {} {} | {:?} read, with a slip: {slip}",
                cell.file, cell.section, cell.field, cell.text
            ));
        }
    }
    out.insert(0, format!("{} cells, {unreadable} unreadable", cells.len()));
    insta::assert_snapshot!(out.join("\n"), @r#"
    373 cells, 0 unreadable
    sc-panzhihua-health-14.plan.yaml | targets_in_text target | "2。8名" read, with a slip: a full stop printed for the decimal point: 2.8
    "#);
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.to_string_lossy().ends_with(".plan.yaml") {
            files.push(path);
        }
    }
}

/// The sections whose rows hold targets.
const SECTIONS: &[&str] = &["indicators", "targets_in_text", "previous_period"];

/// The fields read.
const FIELDS: &[&str] = &["target", "baseline"];

/// Scans a plan file for the `target` and `baseline` values of the sections above.
fn scan(file: &str, text: &str) -> Vec<Cell> {
    let chars: Vec<char> = text.chars().collect();
    let mut cells = Vec::new();
    let mut section = String::new();
    let mut depth = 0usize;
    let mut i = 0;
    // Whether the next token starts a key: at a line's start (after indentation and `- `),
    // or after `{` or `,` inside a flow mapping.
    let mut key_position = true;
    let mut line_start = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => {
                key_position = true;
                line_start = i + 1;
                i += 1;
                continue;
            }
            ' ' | '\t' if key_position => {}
            '-' if key_position && chars.get(i + 1) == Some(&' ') => {}
            '#' if i == 0 || chars[i - 1].is_whitespace() => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '{' | '[' => {
                depth += 1;
                key_position = true;
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                key_position = false;
            }
            ',' if depth > 0 => key_position = true,
            '"' | '\'' => {
                // A quoted key (`"no"`) or value elsewhere: skip it whole.
                let (_, end) = quoted(&chars, i);
                i = end;
                key_position = false;
                continue;
            }
            _ if key_position => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let key: String = chars[start..i].iter().collect();
                key_position = false;
                if chars.get(i) == Some(&':') {
                    if depth == 0 && start == line_start {
                        section = key.clone();
                    }
                    if SECTIONS.contains(&section.as_str()) && FIELDS.contains(&key.as_str()) {
                        let (value, end) = value(&chars, i + 1, depth > 0);
                        cells.push(Cell {
                            file: file.to_owned(),
                            section: section.clone(),
                            field: key,
                            text: value,
                        });
                        i = end;
                    }
                }
                if i == start {
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    cells
}

/// A quoted scalar starting at `at` (its quote): the text, and the position after it.
fn quoted(chars: &[char], at: usize) -> (String, usize) {
    let quote = chars[at];
    let mut out = String::new();
    let mut i = at + 1;
    while i < chars.len() {
        let c = chars[i];
        if quote == '"' && c == '\\' {
            if let Some(&next) = chars.get(i + 1) {
                out.push(match next {
                    'n' => '\n',
                    't' => '\t',
                    other => other,
                });
            }
            i += 2;
            continue;
        }
        if c == quote {
            if quote == '\'' && chars.get(i + 1) == Some(&'\'') {
                out.push('\'');
                i += 2;
                continue;
            }
            return (out, i + 1);
        }
        out.push(c);
        i += 1;
    }
    (out, i)
}

/// The value after a key's `:`: quoted, or plain up to the end of the line (in a flow
/// mapping, up to `,` or `}`) or a comment.
fn value(chars: &[char], from: usize, flow: bool) -> (String, usize) {
    let mut i = from;
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    if matches!(chars.get(i), Some('"' | '\'')) {
        return quoted(chars, i);
    }
    let start = i;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' || (flow && matches!(c, ',' | '}' | ']')) || (c == '#' && chars[i - 1] == ' ')
        {
            break;
        }
        i += 1;
    }
    (
        chars[start..i].iter().collect::<String>().trim().to_owned(),
        i,
    )
}
