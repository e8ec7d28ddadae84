//! The indicator catalog: what each indicator is called, its unit, and which way is better.
//!
//! The catalog (`rules/catalog.yaml`, extensible by a repository's own catalog files) gives
//! each indicator an id, the names plans print it under, a canonical unit, a direction, a
//! range of believable values (to catch a unit label that does not fit the value) and, for
//! a row that stands for two indicators, its parts.
//!
//! Matching a row's name tries, in order: the row's explicit `id`, an exact catalog name,
//! the normalised name (see [`crate::names`]), then similarity. A match by similarity is
//! marked as such so that the caller reports it for a person to confirm.

use crate::decode::{codes, location, Reader};
use crate::load;
use crate::names::{normalise, similarity};
use crate::plan::Spanned;
use crate::yaml::{self, Node};
use planlint_diagnostics::{Diagnostic, Label, Text};
use serde::Serialize;
use std::collections::BTreeMap;

/// Which way is better for an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Higher,
    Lower,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Higher => "higher",
            Direction::Lower => "lower",
        }
    }
}

/// One catalog entry.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub id: Spanned<String>,
    pub names: Vec<Spanned<String>>,
    pub unit: Option<Spanned<String>>,
    pub direction: Option<Spanned<Direction>>,
    /// Believable values in `unit`.
    pub plausible: Option<(f64, f64)>,
    /// For a composite row: the ids it stands for.
    pub parts: Vec<Spanned<String>>,
    /// The catalog file the entry comes from.
    pub file: String,
}

impl Entry {
    /// The first accepted name, for messages.
    pub fn name(&self) -> &str {
        self.names.first().map_or(&self.id.value, |n| &n.value)
    }
}

/// How a name was matched to a catalog entry.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "lowercase", tag = "by")]
pub enum MatchKind {
    /// The row's explicit `id`.
    Id,
    /// One of the entry's names, exactly.
    Name,
    /// One of the entry's names after normalisation.
    Normalised,
    /// The most similar name; a person should confirm it.
    Similar { score: f64 },
}

/// A catalog entry matched to a name.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Match {
    pub entry: usize,
    pub kind: MatchKind,
}

/// The lowest similarity that counts as a match. Tuned on the seed plans: variants of one
/// indicator score above 0.75 and the nearest different indicator below 0.7.
pub const SIMILARITY_THRESHOLD: f64 = 0.75;

/// The indicator catalog.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    entries: Vec<Entry>,
    by_id: BTreeMap<String, usize>,
    by_name: BTreeMap<String, usize>,
    by_normalised: BTreeMap<String, usize>,
}

const CATALOG_KEYS: &[&str] = &["catalog", "indicators"];
const ENTRY_KEYS: &[&str] = &["id", "names", "unit", "direction", "plausible", "parts"];

impl Catalog {
    /// Reads a catalog file. Like plans, a catalog never fails as a whole.
    pub fn load(file: &str, text: &str) -> (Catalog, Vec<Diagnostic>) {
        let mut catalog = Catalog::default();
        let diagnostics = catalog.extend(file, text);
        (catalog, diagnostics)
    }

    /// Adds the entries of another catalog file. An entry whose id is already known adds
    /// its names to the existing entry and overrides the unit, direction and range it gives;
    /// this is how a repository extends the bundled catalog.
    pub fn extend(&mut self, file: &str, text: &str) -> Vec<Diagnostic> {
        let mut r = Reader::new(file);
        let Some(root) = r.parse(text) else {
            return r.diagnostics;
        };
        if let Some(f) = r.fields(&root, "catalog", CATALOG_KEYS) {
            if let Some(n) = f.get("catalog") {
                if let Some(v) = r.int(n, "catalog") {
                    if v.value != 1 {
                        r.error(
                            codes::INVALID_VALUE,
                            v.pos,
                            Text::new(
                                format!("不支持目录格式版本 {}", v.value),
                                format!("catalog format version {} is not supported", v.value),
                            ),
                        );
                    }
                }
            }
            if let Some(n) = f.get("indicators") {
                let entries = r.list(n, "indicators", |r, n, what| entry(r, n, what));
                for e in entries {
                    self.add(e, &mut r);
                }
            }
        }
        self.check_parts(&mut r);
        r.diagnostics
    }

    fn add(&mut self, mut e: Entry, r: &mut Reader) {
        let index = match self.by_id.get(&e.id.value) {
            Some(&i) => {
                let existing = &mut self.entries[i];
                if existing.file == e.file {
                    r.error(
                        codes::DUPLICATE_ID,
                        e.id.pos,
                        Text::new(
                            format!("目录中指标标识 `{}` 重复", e.id.value),
                            format!("indicator id `{}` appears twice in the catalog", e.id.value),
                        ),
                    );
                    return;
                }
                existing.names.append(&mut e.names);
                if e.unit.is_some() {
                    existing.unit = e.unit;
                }
                if e.direction.is_some() {
                    existing.direction = e.direction;
                }
                if e.plausible.is_some() {
                    existing.plausible = e.plausible;
                }
                if !e.parts.is_empty() {
                    existing.parts = e.parts;
                }
                i
            }
            None => {
                self.entries.push(e);
                let i = self.entries.len() - 1;
                self.by_id.insert(self.entries[i].id.value.clone(), i);
                i
            }
        };
        for name in self.entries[index].names.clone() {
            let clash = |map: &BTreeMap<String, usize>, key: &str| {
                map.get(key).copied().filter(|&other| other != index)
            };
            let normal = normalise(&name.value);
            if let Some(other) =
                clash(&self.by_name, &name.value).or_else(|| clash(&self.by_normalised, &normal))
            {
                let other = &self.entries[other];
                let d = Diagnostic::error(
                    codes::DUPLICATE_ID,
                    Text::new(
                        format!("名称 `{}` 已属于指标 `{}`", name.value, other.id.value),
                        format!(
                            "the name `{}` already belongs to indicator `{}`",
                            name.value, other.id.value
                        ),
                    ),
                    location(r.file, name.pos),
                )
                .with_related(
                    Text::new("该指标在此定义", "that indicator is defined here"),
                    Label::new(location(&other.file, other.id.pos)),
                );
                r.diagnostics.push(d);
                continue;
            }
            self.by_name.insert(name.value.clone(), index);
            self.by_normalised.insert(normal, index);
        }
    }

    /// Every composite's parts must name entries.
    fn check_parts(&self, r: &mut Reader) {
        for e in &self.entries {
            if e.file != r.file {
                continue;
            }
            for part in &e.parts {
                if !self.by_id.contains_key(&part.value) {
                    r.error(
                        codes::INVALID_VALUE,
                        part.pos,
                        Text::new(
                            format!("组合指标的组成部分 `{}` 不在目录中", part.value),
                            format!("part `{}` of a composite is not in the catalog", part.value),
                        ),
                    );
                }
            }
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, index: usize) -> &Entry {
        &self.entries[index]
    }

    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Finds the entry for a row, by its explicit id if it has one, else by its name.
    pub fn lookup(&self, name: &str, id: Option<&str>) -> Option<Match> {
        if let Some(id) = id {
            return self.by_id(id).map(|entry| Match {
                entry,
                kind: MatchKind::Id,
            });
        }
        if let Some(&entry) = self.by_name.get(name) {
            return Some(Match {
                entry,
                kind: MatchKind::Name,
            });
        }
        let normal = normalise(name);
        if let Some(&entry) = self.by_normalised.get(&normal) {
            return Some(Match {
                entry,
                kind: MatchKind::Normalised,
            });
        }
        // The most similar name; ties go to the earlier entry so the result is stable.
        let mut best: Option<(f64, usize)> = None;
        for (known, &entry) in &self.by_normalised {
            let score = similarity(&normal, known);
            if score >= SIMILARITY_THRESHOLD
                && best.is_none_or(|(s, e)| score > s || (score == s && entry < e))
            {
                best = Some((score, entry));
            }
        }
        best.map(|(score, entry)| Match {
            entry,
            kind: MatchKind::Similar { score },
        })
    }
}

fn entry(r: &mut Reader, node: &Node, what: &str) -> Option<Entry> {
    let f = r.fields(node, what, ENTRY_KEYS)?;
    let id = match f.get("id") {
        Some(n) => load::id(r, n, "id"),
        None => {
            r.missing(&f, what, "id");
            None
        }
    };
    let names = match f.get("names") {
        Some(n) => r.list(n, "names", |r, n, what| r.text(n, what)),
        None => Vec::new(),
    };
    let direction = f.get("direction").and_then(|n| {
        r.choice(
            n,
            "direction",
            &[("higher", Direction::Higher), ("lower", Direction::Lower)],
        )
    });
    let plausible = f.get("plausible").and_then(|n| {
        let values = r.list(n, "plausible", |r, n, what| match n.kind {
            yaml::NodeKind::Int(i) => Some(i as f64),
            yaml::NodeKind::Float(x) => Some(x),
            _ => {
                r.error(
                    codes::INVALID_VALUE,
                    n.pos,
                    Text::new(
                        format!("`{what}` 应为数字"),
                        format!("`{what}` must be a number"),
                    ),
                );
                None
            }
        });
        match values[..] {
            [lo, hi] if lo <= hi => Some((lo, hi)),
            _ => {
                r.error(
                    codes::INVALID_VALUE,
                    n.pos,
                    Text::new(
                        "`plausible` 应为两个数 [最小, 最大]",
                        "`plausible` must be two numbers [min, max]",
                    ),
                );
                None
            }
        }
    });
    let parts = match f.get("parts") {
        Some(n) => r.list(n, "parts", |r, n, what| load::id(r, n, what)),
        None => Vec::new(),
    };
    Some(Entry {
        id: id?,
        names,
        unit: f.get("unit").and_then(|n| r.printed(n, "unit")),
        direction,
        plausible,
        parts,
        file: r.file.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUNDLED: &str = include_str!("../../../rules/catalog.yaml");

    #[test]
    fn the_bundled_catalog_loads_cleanly() {
        let (catalog, problems) = Catalog::load("rules/catalog.yaml", BUNDLED);
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(catalog.entries().len() > 50);
    }

    #[test]
    fn matching_goes_id_name_normalised_similar() {
        let (catalog, _) = Catalog::load("rules/catalog.yaml", BUNDLED);
        let id = |m: Option<Match>| m.map(|m| (catalog.entry(m.entry).id.value.clone(), m.kind));
        assert_eq!(
            id(catalog.lookup("anything", Some("infant-mortality"))),
            Some(("infant-mortality".into(), MatchKind::Id))
        );
        assert_eq!(
            id(catalog.lookup("婴儿死亡率", None)),
            Some(("infant-mortality".into(), MatchKind::Name))
        );
        assert_eq!(
            id(catalog.lookup("嬰兒死亡率（‰）", None)),
            Some(("infant-mortality".into(), MatchKind::Normalised))
        );
        assert!(matches!(
            catalog.lookup("婴儿死亡率水平", None).map(|m| m.kind),
            Some(MatchKind::Similar { .. })
        ));
        assert_eq!(catalog.lookup("完全无关的名称", None), None);
    }

    #[test]
    fn a_repository_can_extend_the_catalog() {
        let (mut catalog, _) = Catalog::load("rules/catalog.yaml", BUNDLED);
        let problems = catalog.extend(
            "repo/catalog.yaml",
            "catalog: 1\nindicators:\n  - {id: infant-mortality, names: [婴儿死亡率统计口径甲]}\n  - {id: new-one, names: [新指标], direction: higher}\n",
        );
        assert!(problems.is_empty(), "{problems:#?}");
        let m = catalog.lookup("婴儿死亡率统计口径甲", None).unwrap();
        assert_eq!(catalog.entry(m.entry).id.value, "infant-mortality");
        assert!(catalog.lookup("新指标", None).is_some());
    }

    #[test]
    fn catalog_problems_are_coded() {
        let (_, problems) = Catalog::load(
            "c.yaml",
            "catalog: 1\nindicators:\n  - {id: a, names: [甲], direction: up, parts: [zz]}\n  - {id: a, names: [乙]}\n  - {idd: b}\n",
        );
        let codes: Vec<&str> = problems.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "invalid-value",
                "unknown-field",
                "invalid-value",
                "duplicate-id",
                "invalid-value"
            ]
        );
    }
}
