//! Completion: keys from the plan file's schema (`planlint_model::schema`, the decoder's
//! own key lists) at the place the cursor is in; and values — indicator names (the
//! parent's rows the plan does not carry yet first, then the catalog's names), units,
//! natures and every other value the schema enumerates, plan ids for `parent`, rule ids
//! for an exemption's `rule`.

use super::Analysis;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionResponse, Documentation,
    MarkupContent, MarkupKind, Position,
};
use planlint_align::Standing;
use planlint_diagnostics::Lang;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The schema of plan files, parsed once.
fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        serde_json::from_str(&planlint_model::schema::plan_schema()).unwrap_or(Value::Null)
    })
}

/// A schema node with its `$ref` followed.
fn resolved(node: &Value) -> &Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference
            .strip_prefix("#/")
            .map(|path| {
                path.split('/')
                    .fold(schema(), |node, key| node.get(key).unwrap_or(&Value::Null))
            })
            .unwrap_or(&Value::Null),
        None => node,
    }
}

/// The schema object at a path of container keys (`["indicators"]`): arrays give their
/// items.
fn object_at(path: &[String]) -> &'static Value {
    let mut node = schema();
    for key in path {
        node = resolved(
            node.pointer("/properties")
                .and_then(|p| p.get(key))
                .unwrap_or(&Value::Null),
        );
        node = structured(node);
        if let Some(items) = node.get("items") {
            node = structured(resolved(items));
        }
    }
    node
}

/// The branch of an `anyOf`/`oneOf` that has structure (a list or an object), not the
/// alternatives beside it (`unknown`, a plain string): `indicators` is a list of rows or
/// `unknown`, and completion inside it is completion in a row.
fn structured(node: &'static Value) -> &'static Value {
    node.get("anyOf")
        .or_else(|| node.get("oneOf"))
        .and_then(Value::as_array)
        .and_then(|any| {
            any.iter()
                .map(resolved)
                .find(|n| n.get("properties").is_some() || n.get("items").is_some())
        })
        .unwrap_or(node)
}

/// A line's indentation, and its key where it is `key:` or `- key:` (or a key being typed).
fn key_of(line: &str) -> (usize, Option<&str>) {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = line[indent..].strip_prefix("- ").unwrap_or(&line[indent..]);
    let key_col = line.len() - rest.len();
    let key = rest.split(':').next().filter(|k| {
        rest.contains(':')
            && !k.is_empty()
            && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    });
    (key_col, key)
}

/// The container keys above line `line` whose block holds a key at column `column`,
/// outermost first.
fn containers(lines: &super::Lines, line: usize, column: usize) -> Vec<String> {
    let mut path = Vec::new();
    let mut column = column;
    for l in (0..line).rev() {
        if column == 0 {
            break;
        }
        let text = lines.line(l);
        if text.trim().is_empty() || text.trim_start().starts_with('#') {
            continue;
        }
        let (key_col, key) = key_of(text);
        // A key left of the block that ends its line with `:` holds the block.
        if let Some(key) = key {
            if key_col < column && text.trim_end().ends_with(':') {
                path.push(key.to_string());
                column = key_col;
            }
        }
    }
    path.reverse();
    path
}

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: Option<String>,
    doc: Option<&str>,
) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        documentation: doc.map(|d| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: d.to_string(),
            })
        }),
        ..CompletionItem::default()
    }
}

/// The completions at `position`; `ids` are the plan ids of the repository.
pub fn complete(analysis: &Analysis, position: Position, ids: &[String]) -> CompletionResponse {
    let lines = analysis.lines();
    let offset = lines.offset(position);
    let start = lines.line_start(position.line as usize);
    let before = &analysis.text[start.min(offset)..offset];
    let (key_col, key) = key_of(before);
    let path = containers(&lines, position.line as usize, key_col);
    let object = object_at(&path);
    let items = match key {
        Some(key) => values(analysis, &path, key, object, ids),
        None => keys(object, analysis.lang),
    };
    CompletionResponse::List(CompletionList {
        is_incomplete: false,
        items,
    })
}

/// The keys of the schema object, with their titles and descriptions.
fn keys(object: &Value, lang: Lang) -> Vec<CompletionItem> {
    let Some(properties) = object.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let _ = lang;
    properties
        .iter()
        .map(|(key, node)| {
            let node = resolved(node);
            let mut it = item(
                key,
                CompletionItemKind::PROPERTY,
                node.get("title")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                node.get("description").and_then(Value::as_str),
            );
            it.insert_text = Some(format!("{key}: "));
            it
        })
        .collect()
}

/// The values for `key` in the object at `path`.
fn values(
    analysis: &Analysis,
    path: &[String],
    key: &str,
    object: &Value,
    ids: &[String],
) -> Vec<CompletionItem> {
    let lang = analysis.lang;
    let zh = lang == Lang::Zh;
    let node = resolved(
        object
            .get("properties")
            .and_then(|p| p.get(key))
            .unwrap_or(&Value::Null),
    );
    let in_rows = matches!(
        path.last().map(String::as_str),
        Some("indicators" | "targets_in_text")
    );
    let world = &analysis.outcome.world;
    let mut out: Vec<CompletionItem> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut push = |out: &mut Vec<CompletionItem>, it: CompletionItem| {
        if seen.insert(it.label.clone()) {
            out.push(it);
        }
    };
    match key {
        "name" if in_rows => {
            // The ancestors' rows the plan does not carry yet, first.
            if let Some(p) = analysis.plan {
                for pair in world.pairs(p) {
                    if pair.standing() != Standing::Missing {
                        continue;
                    }
                    let (a, ar) = pair.wanted();
                    let row = world.row(a, ar);
                    let target = row.target.as_ref().map_or("", |t| t.value.as_str());
                    let detail = if zh {
                        format!("《{}》要求：{target}", world.plan(a).title())
                    } else {
                        format!("{} asks: {target}", world.plan(a).title())
                    };
                    let mut it = item(
                        &row.name.value,
                        CompletionItemKind::VALUE,
                        Some(detail),
                        None,
                    );
                    it.sort_text = Some(format!("0{:04}", out.len()));
                    push(&mut out, it);
                }
            }
            for entry in world.catalog.entries() {
                for name in &entry.names {
                    let mut it = item(
                        &name.value,
                        CompletionItemKind::VALUE,
                        Some(format!("`{}`", entry.id.value)),
                        None,
                    );
                    it.sort_text = Some(format!("1{}", name.value));
                    push(&mut out, it);
                }
            }
        }
        "unit" => {
            let common = [
                "%", "‰", "/10万", "岁", "人", "张", "个", "万人", "元", "天", "年",
            ];
            let catalog = world
                .catalog
                .entries()
                .iter()
                .filter_map(|e| e.unit.as_ref());
            for unit in common
                .iter()
                .map(|u| u.to_string())
                .chain(catalog.map(|u| u.value.to_string()))
            {
                push(&mut out, item(&unit, CompletionItemKind::UNIT, None, None));
            }
        }
        "parent" => {
            for id in ids {
                push(
                    &mut out,
                    item(id, CompletionItemKind::REFERENCE, None, None),
                );
            }
        }
        "rule" => {
            for rule in analysis.rules.keys() {
                push(
                    &mut out,
                    item(rule, CompletionItemKind::ENUM_MEMBER, None, None),
                );
            }
        }
        _ => {}
    }
    if let Some(choices) = node.get("enum").and_then(Value::as_array) {
        for (i, choice) in choices.iter().filter_map(Value::as_str).enumerate() {
            let mut it = item(choice, CompletionItemKind::ENUM_MEMBER, None, None);
            it.sort_text = Some(format!("{i:04}"));
            push(&mut out, it);
        }
    }
    out
}
