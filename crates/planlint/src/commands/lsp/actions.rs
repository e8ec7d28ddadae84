//! Code actions on the findings under the cursor: add a row the plan is missing (the
//! ancestor's name, unit, target and nature), mark a row binding (约束性), correct a unit
//! label `unit-mismatch` identified, and add an exemption for a finding with its reason left
//! to fill in (the plan does not load until it is: an exemption must give its reason).
//!
//! Each edit keeps the file's style: a row is written as the rows around it are (block or
//! flow), at their indentation.

use super::rows::{row_at, row_extent};
use super::Analysis;
use lsp_types::{CodeAction, CodeActionKind, Range, TextEdit, Uri, WorkspaceEdit};
use planlint_diagnostics::{Diagnostic, Lang};
use planlint_model::{Indicator, Plan};
use planlint_target::UnitLabel;
use std::collections::HashMap;

/// A YAML scalar in double quotes: every value written is quoted, so that none reads as a
/// number, a date or a flow indicator.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            _ => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// The code actions for the findings whose place meets `range`.
pub fn actions(analysis: &Analysis, uri: &Uri, range: Range) -> Vec<CodeAction> {
    let Some(p) = analysis.plan else {
        return Vec::new();
    };
    let lines = analysis.lines();
    let (from, to) = (lines.offset(range.start), lines.offset(range.end));
    let mut out = Vec::new();
    for d in analysis.diagnostics() {
        let at = &d.primary.location;
        let (start, end) = (at.offset, at.offset + at.len);
        // The finding's lines meet the range's lines.
        let (first, last) = (lines.position(start).line, lines.position(end).line);
        if last < lines.position(from).line || first > lines.position(to).line {
            continue;
        }
        out.extend(
            fixes(analysis, p, &d)
                .into_iter()
                .map(|(title, edits)| action(uri, title, edits, true)),
        );
        if analysis.rules.contains_key(&d.code) && d.exemption.is_none() {
            if let Some((title, edit)) = exemption(analysis, p, &d) {
                out.push(action(uri, title, vec![edit], false));
            }
        }
    }
    out
}

fn action(uri: &Uri, title: String, edits: Vec<TextEdit>, preferred: bool) -> CodeAction {
    // The protocol's map of edits by URI; the URI type is hashed by its text alone, so the
    // interior mutability clippy sees in it cannot change a key.
    #[allow(clippy::mutable_key_type)]
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    }
}

fn words(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The fixes of one finding: a title and its edits.
fn fixes(analysis: &Analysis, p: usize, d: &Diagnostic) -> Vec<(String, Vec<TextEdit>)> {
    let world = &analysis.outcome.world;
    let plan = world.plan(p);
    let lang = analysis.lang;
    let lines = analysis.lines();
    let edit = |offset: usize, len: usize, text: String| TextEdit {
        range: lines.range(offset, len),
        new_text: text,
    };
    let mut out = Vec::new();
    match d.code.as_str() {
        "missing-indicator" => {
            // The ancestor's row is the finding's related label.
            for related in &d.related {
                let place = &related.label.location;
                let wanted = world
                    .pairs(p)
                    .iter()
                    .map(|pair| pair.wanted())
                    .find(|&(a, ar)| {
                        world.plan(a).file == place.file
                            && world.row(a, ar).name.pos.start() == place.offset
                    });
                let Some((a, ar)) = wanted else { continue };
                let row = world.row(a, ar);
                if let Some((offset, text)) = new_row(&analysis.text, plan, row) {
                    out.push((
                        words(
                            lang,
                            format!("添加上级指标“{}”", row.name.value),
                            format!("Add the ancestor's row “{}”", row.name.value),
                        ),
                        vec![edit(offset, 0, text)],
                    ));
                }
            }
        }
        "binding-downgrade" => {
            if let Some(r) = row_at(analysis, d.primary.location.offset) {
                let row = world.row(p, r);
                let title = words(
                    lang,
                    format!("将“{}”标为约束性", row.name.value),
                    format!("Mark “{}” binding (约束性)", row.name.value),
                );
                match &row.nature {
                    Some(nature) => out.push((
                        title,
                        vec![edit(
                            nature.pos.start(),
                            nature.pos.len as usize,
                            "约束性".to_string(),
                        )],
                    )),
                    None => {
                        if let Some((offset, text)) =
                            new_key(&analysis.text, row, "nature", "约束性")
                        {
                            out.push((title, vec![edit(offset, 0, text)]));
                        }
                    }
                }
            }
        }
        "unit-mismatch" => {
            if let Some(r) = row_at(analysis, d.primary.location.offset) {
                let row = world.row(p, r);
                let (_, canonical, verdict) = world.unit_label(p, r);
                let fixed = match verdict {
                    Some(UnitLabel::Mislabelled { likely }) => Some(likely.label().to_string()),
                    Some(UnitLabel::Incompatible) => canonical.map(|u| u.label().to_string()),
                    _ => None,
                };
                if let (Some(fixed), Some(unit)) = (fixed, &row.unit) {
                    out.push((
                        words(
                            lang,
                            format!("把单位改为“{fixed}”"),
                            format!("Change the unit to \"{fixed}\""),
                        ),
                        vec![edit(
                            unit.pos.start(),
                            unit.pos.len as usize,
                            quoted(&fixed),
                        )],
                    ));
                }
            }
        }
        _ => {}
    }
    out
}

/// Where a list item goes after `last` (a span ending the list) and how it starts: the
/// indentation of the `- ` the last item starts with, and whether that item is a flow
/// mapping.
fn item_style(text: &str, start: usize) -> (usize, bool) {
    let line_start = text[..start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let indent = line.len() - line.trim_start_matches(' ').len();
    let after = line[indent..].strip_prefix('-').unwrap_or(&line[indent..]);
    (indent, after.trim_start().starts_with('{'))
}

/// A list item of `fields`, in the style of the items around it.
fn item(fields: &[(&str, String)], indent: usize, flow: bool) -> String {
    let pad = " ".repeat(indent);
    if flow {
        let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        format!("{pad}- {{{}}}\n", inner.join(", "))
    } else {
        let mut out = String::new();
        for (i, (k, v)) in fields.iter().enumerate() {
            let lead = if i == 0 {
                format!("{pad}- ")
            } else {
                format!("{pad}  ")
            };
            out.push_str(&format!("{lead}{k}: {v}\n").replace(": \n", ":\n"));
        }
        out
    }
}

/// The text and place of a new row carrying the ancestor's `row` at the end of the plan's
/// indicator table (a new table at the end of the file where it has none).
fn new_row(text: &str, plan: &Plan, row: &Indicator) -> Option<(usize, String)> {
    let mut fields = vec![("name", quoted(&row.name.value))];
    if let Some(unit) = &row.unit {
        fields.push(("unit", quoted(&unit.value)));
    }
    if let Some(target) = &row.target {
        fields.push(("target", quoted(&target.value)));
    }
    fields.push((
        "nature",
        match row.nature() {
            planlint_model::Nature::Binding => "约束性".to_string(),
            _ => "预期性".to_string(),
        },
    ));
    match plan.indicators.last() {
        Some(last) => {
            let (_, end) = row_extent(text, last);
            let (indent, flow) = item_style(text, last.pos.start());
            let offset = (end + 1).min(text.len());
            let lead = if end >= text.len() { "\n" } else { "" };
            Some((offset, format!("{lead}{}", item(&fields, indent, flow))))
        }
        None if plan.keys.iter().any(|(k, _)| k == "indicators") => None,
        None => Some(at_end(text, "indicators", &fields)),
    }
}

/// A new top-level list `key` with one item at the end of the file.
fn at_end(text: &str, key: &str, fields: &[(&str, String)]) -> (usize, String) {
    let lead = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    (
        text.len(),
        format!("{lead}{key}:\n{}", item(fields, 2, false)),
    )
}

/// A key added to a row: a line below it (block) or before its closing brace (flow).
fn new_key(text: &str, row: &Indicator, key: &str, value: &str) -> Option<(usize, String)> {
    let (_, end) = row_extent(text, row);
    let (indent, flow) = item_style(text, row.pos.start());
    if flow {
        let close = text[..end].rfind('}')?;
        Some((close, format!(", {key}: {value}")))
    } else {
        let lead = if end >= text.len() { "\n" } else { "" };
        Some((
            (end + 1).min(text.len()),
            format!("{lead}{}  {key}: {value}\n", " ".repeat(indent)),
        ))
    }
}

/// An exemption for finding `d`: its rule and subject, and a reason left empty for the
/// author to write (until it is written the plan reports the empty reason).
fn exemption(analysis: &Analysis, p: usize, d: &Diagnostic) -> Option<(String, TextEdit)> {
    let plan = analysis.outcome.world.plan(p);
    let text = &analysis.text;
    let mut fields = vec![("rule", d.code.clone())];
    let subject = match (&d.subject.indicator, &d.subject.section) {
        (Some(indicator), _) => {
            fields.push(("indicator", quoted(indicator)));
            indicator.clone()
        }
        (None, Some(section)) => {
            fields.push(("section", quoted(section)));
            section.clone()
        }
        (None, None) => String::new(),
    };
    fields.push(("reason", String::new()));
    let (offset, new_text) = match plan.exemptions.last() {
        Some(last) => {
            let end = [last.pos, last.rule.pos, last.reason.pos]
                .into_iter()
                .chain(last.indicator.as_ref().map(|s| s.pos))
                .chain(last.section.as_ref().map(|s| s.pos))
                .map(|p| p.end())
                .max()
                .unwrap_or(0)
                .min(text.len());
            let end = text[end..].find('\n').map_or(text.len(), |i| end + i);
            let (indent, flow) = item_style(text, last.pos.start());
            let lead = if end >= text.len() { "\n" } else { "" };
            (
                (end + 1).min(text.len()),
                format!("{lead}{}", item(&fields, indent, flow)),
            )
        }
        None if plan.keys.iter().any(|(k, _)| k == "exemptions") => return None,
        None => at_end(text, "exemptions", &fields),
    };
    let lines = analysis.lines();
    let title = words(
        analysis.lang,
        format!(
            "为此项 {} 添加豁免（须填写理由）{}",
            d.code,
            bracket(&subject, true)
        ),
        format!(
            "Exempt this {} finding (a reason to fill in){}",
            d.code,
            bracket(&subject, false)
        ),
    );
    Some((
        title,
        TextEdit {
            range: lines.range(offset, 0),
            new_text,
        },
    ))
}

fn bracket(subject: &str, zh: bool) -> String {
    match (subject.is_empty(), zh) {
        (true, _) => String::new(),
        (false, true) => format!("：“{subject}”"),
        (false, false) => format!(": “{subject}”"),
    }
}
