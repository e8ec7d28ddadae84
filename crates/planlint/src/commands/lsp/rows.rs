//! Hover and go to definition: the indicator row under the cursor, how it stands against
//! the ancestor's row it carries (the alignment's answer, `World::pairs` and
//! `World::explain`), and where that row and the parent plan are written.

use super::convert::{uri_of, Encoding, Lines};
use super::Analysis;
use lsp_types::{Hover, HoverContents, Location, MarkupContent, MarkupKind};
use planlint_align::{Pair, Standing, World};
use planlint_diagnostics::Lang;
use planlint_model::{Indicator, Nature};
use planlint_target::{Note, Requirement};
use std::path::Path;

/// The bytes a row covers in its file: from the start of its first line to the end of the
/// line its last value ends on.
pub fn row_extent(text: &str, row: &Indicator) -> (usize, usize) {
    let spans = [
        Some(row.pos),
        Some(row.name.pos),
        row.unit.as_ref().map(|s| s.pos),
        row.domain.as_ref().map(|s| s.pos),
        row.no.as_ref().map(|s| s.pos),
        row.baseline.as_ref().map(|s| s.pos),
        row.target.as_ref().map(|s| s.pos),
        row.nature.as_ref().map(|s| s.pos),
        row.id.as_ref().map(|s| s.pos),
        row.note.as_ref().map(|s| s.pos),
    ];
    let start = row.pos.start().min(text.len());
    let end = spans
        .iter()
        .flatten()
        .map(|p| p.end())
        .max()
        .unwrap_or(start)
        .min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    (line_start, line_end)
}

/// The plan's row under byte `offset`, where the cursor is on one.
pub fn row_at(analysis: &Analysis, offset: usize) -> Option<usize> {
    let p = analysis.plan?;
    let plan = analysis.outcome.world.plan(p);
    plan.indicators
        .iter()
        .enumerate()
        .filter(|(_, row)| {
            let (start, end) = row_extent(&analysis.text, row);
            start <= offset && offset <= end
        })
        .map(|(r, _)| r)
        .next_back()
}

/// The pair of the plan's row `r`: the ancestor's row it carries.
fn pair_of(world: &World, p: usize, r: usize) -> Option<Pair> {
    world
        .pairs(p)
        .iter()
        .copied()
        .find(|pair| pair.row() == Some(r))
}

/// The id after `parent:` on a line, if the line is the plan's `parent` key.
pub fn parent_on_line(line: &str) -> Option<&str> {
    let value = line.strip_prefix("parent:")?;
    let value = value.split('#').next()?.trim();
    let value = value.trim_matches(['"', '\'']);
    (!value.is_empty()).then_some(value)
}

fn nature_word(nature: Nature, lang: Lang) -> &'static str {
    match (nature, lang) {
        (Nature::Binding, Lang::Zh) => "约束性",
        (Nature::Binding, Lang::En) => "binding (约束性)",
        (_, Lang::Zh) => "预期性",
        (_, Lang::En) => "expected (预期性)",
    }
}

fn standing_word(standing: Standing, lang: Lang) -> &'static str {
    let (zh, en) = match standing {
        Standing::Stricter => ("严于上级", "stricter than the ancestor's"),
        Standing::Equal => ("与上级相当", "as strict as the ancestor's"),
        Standing::Weaker => ("弱于上级", "weaker than the ancestor's"),
        Standing::Uncomparable => ("无法比较", "not comparable"),
        Standing::Missing => ("本规划未列", "not in this plan"),
        Standing::UnitLabel => (
            "单位标注与数值不符，不作比较",
            "not compared: a unit label does not fit its values",
        ),
        Standing::UnitsDiffer => (
            "单位不是同一种量，不作比较",
            "not compared: the units measure different quantities",
        ),
    };
    planlint_diagnostics::pick(lang, zh, en)
}

fn requirement(r: &Requirement, lang: Lang) -> String {
    match lang {
        Lang::Zh => r.zh(),
        Lang::En => r.to_string(),
    }
}

/// A row as a line of the hover: name, target, unit, nature.
fn row_line(row: &Indicator, lang: Lang) -> String {
    let value = |s: &Option<planlint_model::Spanned<planlint_model::Printed>>| {
        s.as_ref().map_or(String::new(), |s| s.value.to_string())
    };
    let (target, unit) = (value(&row.target), value(&row.unit));
    match lang {
        Lang::Zh => format!(
            "“{}”目标 {}{}，{}",
            row.name.value,
            if target.is_empty() { "未设" } else { &target },
            if unit.is_empty() {
                String::new()
            } else {
                format!("（{unit}）")
            },
            nature_word(row.nature(), lang)
        ),
        Lang::En => format!(
            "“{}” target {}{}, {}",
            row.name.value,
            if target.is_empty() { "none" } else { &target },
            if unit.is_empty() {
                String::new()
            } else {
                format!(" ({unit})")
            },
            nature_word(row.nature(), lang)
        ),
    }
}

/// The hover of the row under `offset`: the catalog's indicator, the ancestor's row, what
/// both targets require and how they compare, with the derivation the alignment gives.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    let p = analysis.plan?;
    let r = row_at(analysis, offset)?;
    let world = &analysis.outcome.world;
    let lang = analysis.lang;
    let zh = lang == Lang::Zh;
    let row = world.row(p, r);
    let mut out = Vec::new();
    out.push(format!("**{}**", row.name.value));
    match world.readings[p][r].matched {
        Some(m) => {
            let entry = world.catalog.entry(m.entry);
            let unit = entry.unit.as_ref().map_or("", |u| u.value.as_str());
            let how = match m.kind {
                planlint_model::MatchKind::Similar { .. } => planlint_diagnostics::pick(
                    lang,
                    "（按相似名称匹配，请确认）",
                    " (by a similar name: confirm it)",
                ),
                _ => "",
            };
            out.push(if zh {
                format!(
                    "指标目录：`{}`“{}”{}{how}",
                    entry.id.value,
                    world.catalog.matched_name(m),
                    if unit.is_empty() {
                        String::new()
                    } else {
                        format!("，单位 {unit}")
                    }
                )
            } else {
                format!(
                    "Catalog: `{}` “{}”{}{how}",
                    entry.id.value,
                    world.catalog.matched_name(m),
                    if unit.is_empty() {
                        String::new()
                    } else {
                        format!(", unit {unit}")
                    }
                )
            });
        }
        None => out.push(
            planlint_diagnostics::pick(
                lang,
                "指标目录：未收录，按名称与上级比对",
                "Catalog: not known; matched with the ancestors by its name",
            )
            .to_string(),
        ),
    }
    out.push(format!(
        "{}{}",
        planlint_diagnostics::pick(lang, "本规划：", "This plan: "),
        row_line(row, lang)
    ));
    match pair_of(world, p, r) {
        None => out.push(
            planlint_diagnostics::pick(
                lang,
                "上级规划均未列此指标，无从比较。",
                "No ancestor lists this indicator, so there is nothing to compare with.",
            )
            .to_string(),
        ),
        Some(pair) => {
            let (a, ar) = pair.wanted();
            let ancestor = world.plan(a);
            let wanted = world.row(a, ar);
            out.push(if zh {
                format!("上级：《{}》{}", ancestor.title(), row_line(wanted, lang))
            } else {
                format!("Ancestor: {} {}", ancestor.title(), row_line(wanted, lang))
            });
            let comparison = world.explain((p, r), (a, ar));
            let on_own_baseline = comparison
                .notes
                .contains(&Note::ParentChangeOnChildBaseline);
            let baseline = row.baseline.as_ref().map(|b| b.value.as_str());
            let parent = requirement(&comparison.parent, lang);
            let child = requirement(&comparison.child, lang);
            out.push(match (zh, on_own_baseline, baseline) {
                (true, true, Some(b)) => format!("按本地基期{b}推算，上级要求{parent}；本规划要求{child}"),
                (true, _, _) => format!("上级要求{parent}；本规划要求{child}"),
                (false, true, Some(b)) => format!(
                    "On this plan's own baseline {b}, the ancestor asks {parent}; this plan asks {child}"
                ),
                (false, _, _) => format!("The ancestor asks {parent}; this plan asks {child}"),
            });
            let mut verdict = format!(
                "{}{}",
                planlint_diagnostics::pick(lang, "结论：", "Verdict: "),
                standing_word(pair.standing(), lang)
            );
            for note in &comparison.notes {
                if *note == Note::ParentChangeOnChildBaseline {
                    continue;
                }
                verdict.push_str(planlint_diagnostics::pick(lang, "；", "; "));
                verdict.push_str(&match lang {
                    Lang::Zh => note.zh(),
                    Lang::En => note.to_string(),
                });
            }
            if wanted.nature() == Nature::Binding && row.nature() != Nature::Binding {
                verdict.push_str(planlint_diagnostics::pick(
                    lang,
                    "；上级为约束性指标，本规划未标为约束性",
                    "; binding in the ancestor, not in this plan",
                ));
            }
            out.push(verdict);
        }
    }
    let (start, end) = row_extent(&analysis.text, row);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: out.join("\n\n"),
        }),
        range: Some(analysis.lines().range(start, end - start)),
    })
}

/// Where the thing under `offset` is defined: for a row, the ancestor's row it carries;
/// on the `parent:` line, the parent plan's `id`.
pub fn definition(analysis: &Analysis, offset: usize, encoding: Encoding) -> Option<Location> {
    let p = analysis.plan?;
    let world = &analysis.outcome.world;
    let lines = analysis.lines();
    let line = lines.line(lines.position(offset).line as usize);
    let (q, at) = if parent_on_line(line).is_some() {
        let q = world.plans.parent(p)?;
        let plan = world.plan(q);
        (q, plan.id.as_ref().map_or(plan.pos, |id| id.pos))
    } else {
        let r = row_at(analysis, offset)?;
        let (a, ar) = pair_of(world, p, r)?.wanted();
        (a, world.row(a, ar).name.pos)
    };
    let file = &world.plan(q).file;
    let text = analysis
        .outcome
        .files
        .iter()
        .find(|f| &f.name == file)?
        .text
        .as_str();
    let range = Lines::new(text, encoding).range(at.start(), at.len as usize);
    Some(Location::new(uri_of(Path::new(file))?, range))
}
