//! The indicator catalog: what each indicator is called, its unit, and which way is better.
//!
//! The catalog (`rules/catalog.yaml`, extensible by a repository's own catalog files) gives
//! each indicator an id, the names plans print it under, a canonical unit, a direction, a
//! range of believable values (to catch a unit label that does not fit the value) and, for
//! a row that stands for two indicators, its parts.
//!
//! Matching a row's name tries, in order: the row's explicit `id`, an exact catalog name,
//! the normalised name (see [`crate::names::normalise`]), the indicator key (see
//! [`crate::names::fold`]: a jurisdiction such as 全市 dropped, a population stem such as
//! 每千常住人口 folded), then similarity between keys of the same population. A match
//! through the key says which jurisdiction and stem it folded, and a match by similarity is
//! marked as such, so that the caller can tell a person.
//!
//! An entry may also say down to which level of plan it is carried (`lowest_level`): below
//! it, a plan that leaves the indicator out is not at fault.

use crate::decode::{codes, location, Reader};
use crate::load;
use crate::names::{fold, normalise, same_population, similarity, Folding};
use crate::plan::{Level, Spanned};
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

/// Why a plan's target for an indicator is usually a cap held rather than a level to
/// improve on: an "already met" cap is then no finding worth sending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cap {
    /// A rare event (孕产妇死亡率): in a region with a few thousand births one death moves
    /// the rate by tens per 10万, so plans cap it rather than chase last year's figure.
    RareEvent,
    /// A prevalence a plan keeps below a line (艾滋病感染率): the aim is to stay under it.
    Prevalence,
    /// A control line set by policy (个人卫生支出占卫生总费用的比重 控制在28%以下): plans
    /// hold the share under the line the parent sets, not below last year's figure.
    ControlLine,
}

impl Cap {
    pub const ALL: [(&'static str, Cap); 3] = [
        ("rare-event", Cap::RareEvent),
        ("prevalence", Cap::Prevalence),
        ("control-line", Cap::ControlLine),
    ];
}

/// One catalog entry.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub id: Spanned<String>,
    pub names: Vec<Spanned<String>>,
    pub unit: Option<Spanned<crate::Printed>>,
    pub direction: Option<Spanned<Direction>>,
    /// Believable values in `unit`.
    pub plausible: Option<(f64, f64)>,
    /// For a composite row: the ids it stands for.
    pub parts: Vec<Spanned<String>>,
    /// The lowest level of plan that must carry the indicator when an ancestor does; `None`
    /// for every level. Policy, not a fact about the plans: see `rules/catalog.yaml`.
    pub lowest_level: Option<Spanned<Level>>,
    /// Whether targets for the indicator are caps held rather than levels to improve on.
    pub cap: Option<Spanned<Cap>>,
    /// The catalog file the entry comes from.
    pub file: String,
}

impl Entry {
    /// The first accepted name, for messages.
    pub fn name(&self) -> &str {
        self.names.first().map_or(&self.id.value, |n| &n.value)
    }

    /// Whether a plan at `level` must carry the indicator when one of its ancestors does:
    /// true down to `lowest_level`, and at every level where the entry gives none. A plan
    /// below that level that does print the indicator is still compared.
    pub fn required_at(&self, level: Level) -> bool {
        self.lowest_level
            .as_ref()
            .is_none_or(|lowest| level <= lowest.value)
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
    /// One of the entry's names once both are folded to their indicator key
    /// ([`crate::names::fold`]). `scope` is the jurisdiction that differs between the
    /// row's name and the catalog's: the one the row prints (全市), or, where the row prints
    /// none, the one the catalog's name prints (地级及以上城市). `stem` is the population
    /// stem that differs (每千常住人口 against 每千人口), the row's where it has one. Both
    /// are `None` where only a word variant differed (的, 比率, 及以上): nothing a reviewer
    /// needs to be told.
    Folded {
        scope: Option<&'static str>,
        stem: Option<&'static str>,
    },
    /// The most similar name; a person should confirm it.
    Similar { score: f64 },
}

/// A catalog entry matched to a name.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Match {
    pub entry: usize,
    /// Which of the entry's `names` the row's name met (0 for a match by id): the name to
    /// quote when telling a person what the row was taken for ([`Catalog::matched_name`]).
    pub name: usize,
    pub kind: MatchKind,
}

impl MatchKind {
    /// Whether the match dropped a jurisdiction or folded a population stem, which a
    /// reviewer should be told about once.
    pub fn folded_qualifier(self) -> bool {
        matches!(self, MatchKind::Folded { scope, stem } if scope.is_some() || stem.is_some())
    }
}

/// The lowest similarity that counts as a match. Tuned on the seed plans: variants of one
/// indicator score above 0.75 and the nearest different indicator below 0.7. Names of
/// different populations can score far higher (农村孕产妇住院分娩率 and 孕产妇住院分娩率:
/// 0.875); [`crate::names::same_population`] keeps them apart, whatever the score.
pub const SIMILARITY_THRESHOLD: f64 = 0.75;

/// What an indicator key leads to: names of one entry (in catalog order), or names of
/// several entries, which then match no row through the key.
#[derive(Clone, Debug)]
enum Keyed {
    One { entry: usize, names: Vec<usize> },
    Shared,
}

/// The indicator catalog.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    entries: Vec<Entry>,
    by_id: BTreeMap<String, usize>,
    /// Exact names and normalised names: the entry and which of its names.
    by_name: BTreeMap<String, (usize, usize)>,
    by_normalised: BTreeMap<String, (usize, usize)>,
    by_key: BTreeMap<String, Keyed>,
    /// Which catalog this is: the same for a catalog and its clones, new after each
    /// [`Catalog::extend`] (0 for the empty one). What was matched against one edition
    /// holds for every catalog of that edition.
    edition: u64,
}

const CATALOG_KEYS: &[&str] = &["catalog", "indicators"];
const ENTRY_KEYS: &[&str] = &[
    "id",
    "names",
    "unit",
    "direction",
    "plausible",
    "parts",
    "lowest_level",
    "cap",
];

impl Catalog {
    /// Which catalog this is (see the field): equal editions, equal catalogs.
    pub fn edition(&self) -> u64 {
        self.edition
    }

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
        static EDITIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        self.edition = EDITIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
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
                if e.lowest_level.is_some() {
                    existing.lowest_level = e.lowest_level;
                }
                if e.cap.is_some() {
                    existing.cap = e.cap;
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
        for (n, name) in self.entries[index].names.clone().into_iter().enumerate() {
            let clash = |map: &BTreeMap<String, (usize, usize)>, key: &str| {
                map.get(key)
                    .map(|&(other, _)| other)
                    .filter(|&other| other != index)
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
            self.by_name.entry(name.value.clone()).or_insert((index, n));
            self.by_normalised.entry(normal).or_insert((index, n));
            self.add_key(index, n, &name, r);
        }
    }

    /// Files name `n` of entry `index` under its indicator key. Two entries whose names
    /// fold to one key differ only by a jurisdiction, a population stem or a word variant,
    /// which should not be; the key then matches neither, and the catalog's author is told.
    fn add_key(&mut self, index: usize, n: usize, name: &Spanned<String>, r: &mut Reader) {
        let key = fold(&name.value).key;
        if key.is_empty() {
            return;
        }
        match self.by_key.get_mut(&key) {
            None => {
                let names = vec![n];
                self.by_key.insert(
                    key,
                    Keyed::One {
                        entry: index,
                        names,
                    },
                );
            }
            Some(Keyed::One { entry, names }) if *entry == index => {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            Some(Keyed::One { entry, names }) => {
                let (entry, other) = (*entry, names[0]);
                let theirs = &self.entries[entry];
                let d = Diagnostic::warning(
                    codes::DUPLICATE_ID,
                    Text::new(
                        format!(
                            "名称“{}”与指标 `{}` 的名称“{}”仅在范围限定词、人口口径或用字上有别，二者均不再按折叠后的名称对照",
                            name.value, theirs.id.value, theirs.names[other].value
                        ),
                        format!(
                            "the name `{}` differs from `{}` of indicator `{}` only by a jurisdiction, a population stem or a word variant; neither is matched through the folded name",
                            name.value, theirs.names[other].value, theirs.id.value
                        ),
                    ),
                    location(r.file, name.pos),
                )
                .with_related(
                    Text::new("该指标在此定义", "that indicator is defined here"),
                    Label::new(location(&theirs.file, theirs.id.pos)),
                );
                r.diagnostics.push(d);
                self.by_key.insert(key, Keyed::Shared);
            }
            Some(Keyed::Shared) => {}
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

    /// The entry's name a match met, for telling a person what the row was taken for
    /// (“全市空气质量优良天数比率”按“地级及以上城市空气质量优良天数比率”对照).
    pub fn matched_name(&self, m: Match) -> &str {
        let entry = self.entry(m.entry);
        entry
            .names
            .get(m.name)
            .map_or_else(|| entry.name(), |n| n.value.as_str())
    }

    /// Finds the entry for a row, by its explicit id if it has one, else by its name.
    pub fn lookup(&self, name: &str, id: Option<&str>) -> Option<Match> {
        if let Some(id) = id {
            return self.by_id(id).map(|entry| Match {
                entry,
                name: 0,
                kind: MatchKind::Id,
            });
        }
        if let Some(&(entry, name)) = self.by_name.get(name) {
            return Some(Match {
                entry,
                name,
                kind: MatchKind::Name,
            });
        }
        if let Some(&(entry, name)) = self.by_normalised.get(&normalise(name)) {
            return Some(Match {
                entry,
                name,
                kind: MatchKind::Normalised,
            });
        }
        let ours = fold(name);
        match self.by_key.get(&ours.key) {
            Some(Keyed::One { entry, names }) => {
                // Of the entry's names with this key, the one the row's name differs least
                // from: a row printing 每万常住人口… is set beside the catalog's 每万常住人口…
                // spelling, with nothing to tell, rather than beside 每万人口….
                let entry = *entry;
                let ((scope, stem), name) = names
                    .iter()
                    .map(|&n| {
                        let theirs = fold(&self.entries[entry].names[n].value);
                        (differences(&ours, &theirs), n)
                    })
                    .min_by_key(|&((scope, stem), n)| {
                        (
                            usize::from(scope.is_some()) + usize::from(stem.is_some()),
                            n,
                        )
                    })?;
                return Some(Match {
                    entry,
                    name,
                    kind: MatchKind::Folded { scope, stem },
                });
            }
            // Names of two entries fold to this key: which one the row means is not known.
            Some(Keyed::Shared) => return None,
            None => {}
        }
        // The most similar key of the same population; ties go to the earlier entry, then
        // the earlier name, so the result is stable.
        let mut best: Option<(f64, usize, usize)> = None;
        for (known, keyed) in &self.by_key {
            let Keyed::One { entry, names } = keyed else {
                continue;
            };
            let (entry, name) = (*entry, names[0]);
            let score = similarity(&ours.key, known);
            if score >= SIMILARITY_THRESHOLD
                && best.is_none_or(|(s, e, n)| score > s || (score == s && (entry, name) < (e, n)))
                && same_population(&ours.key, known)
            {
                best = Some((score, entry, name));
            }
        }
        best.map(|(score, entry, name)| Match {
            entry,
            name,
            kind: MatchKind::Similar { score },
        })
    }
}

/// What differs between a row's name and a catalog name with the same key: the
/// jurisdiction one prints and the other does not (the row's first), and the population
/// stem, where they print different ones (the row's first).
fn differences(ours: &Folding, theirs: &Folding) -> (Option<&'static str>, Option<&'static str>) {
    let only_in =
        |a: &Folding, b: &Folding| a.scopes.iter().find(|s| !b.scopes.contains(s)).copied();
    let scope = only_in(ours, theirs).or_else(|| only_in(theirs, ours));
    let stem = if ours.stem == theirs.stem {
        None
    } else {
        ours.stem.or(theirs.stem)
    };
    (scope, stem)
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
    let lowest_level = f
        .get("lowest_level")
        .and_then(|n| r.choice(n, "lowest_level", &Level::ALL));
    let cap = f.get("cap").and_then(|n| r.choice(n, "cap", &Cap::ALL));
    Some(Entry {
        id: id?,
        names,
        unit: f.get("unit").and_then(|n| r.printed(n, "unit")),
        direction,
        plausible,
        parts,
        lowest_level,
        cap,
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
    fn a_match_through_a_jurisdiction_or_a_stem_says_which() {
        let (catalog, _) = Catalog::load("rules/catalog.yaml", BUNDLED);
        let found = |name: &str| {
            let m = catalog.lookup(name, None).unwrap();
            (
                catalog.entry(m.entry).id.value.as_str(),
                catalog.matched_name(m),
                m.kind,
            )
        };
        let folded = |scope, stem| MatchKind::Folded { scope, stem };
        assert_eq!(
            found("全市空气质量优良天数比率"),
            (
                "air-quality-good-days",
                "地级及以上城市空气质量优良天数比率",
                folded(Some("全市"), None)
            )
        );
        // Where the row prints no jurisdiction, the catalog's is the one that differs.
        assert_eq!(
            found("空气质量优良天数比率"),
            (
                "air-quality-good-days",
                "地级及以上城市空气质量优良天数比率",
                folded(Some("地级及以上城市"), None)
            )
        );
        assert_eq!(
            found("每千常住人口医疗卫生机构床位数"),
            (
                "beds-per-1000",
                "每千人口医疗卫生机构床位数",
                folded(None, Some("每千常住人口"))
            )
        );
        assert_eq!(
            found("全盟千人床位数"),
            (
                "beds-per-1000",
                "每千人口床位数",
                folded(Some("全盟"), Some("千人"))
            )
        );
        // A word variant alone is matched through the key too, with nothing to tell.
        let (id, _, kind) = found("二级以上综合医院设立老年医学科的比例");
        assert_eq!(
            (id, kind),
            ("geriatrics-department-share", folded(None, None))
        );
        assert!(!kind.folded_qualifier());
        assert!(found("全旗人均预期寿命").2.folded_qualifier());
    }

    #[test]
    fn similarity_never_crosses_populations() {
        let (catalog, _) = Catalog::load("rules/catalog.yaml", BUNDLED);
        for name in [
            "农村孕产妇住院分娩率",
            "城镇居民健康素养水平",
            "三级公立医院平均住院日",
            "每千户籍人口医疗卫生机构床位数",
            "社会卫生支出占卫生总费用的比重",
        ] {
            assert_eq!(catalog.lookup(name, None), None, "{name}");
        }
    }

    #[test]
    fn entries_say_how_low_they_are_carried() {
        let (catalog, problems) = Catalog::load(
            "c.yaml",
            "catalog: 1\nindicators:\n  - {id: a, names: [甲指标], lowest_level: province}\n  - {id: b, names: [乙指标]}\n  - {id: c, names: [丙指标], lowest_level: city}\n",
        );
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].code, codes::INVALID_VALUE);
        assert_eq!(
            (
                problems[0].primary.location.line,
                problems[0].primary.location.column
            ),
            (5, 41)
        );
        let entry = |id: &str| catalog.entry(catalog.by_id(id).unwrap());
        assert!(entry("a").required_at(Level::National));
        assert!(entry("a").required_at(Level::Province));
        assert!(!entry("a").required_at(Level::Prefecture));
        assert!(!entry("a").required_at(Level::County));
        assert!(entry("b").required_at(Level::County));
        assert!(entry("c").required_at(Level::County));
        let (bundled, _) = Catalog::load("rules/catalog.yaml", BUNDLED);
        let lowest = |id: &str| {
            bundled
                .entry(bundled.by_id(id).unwrap())
                .lowest_level
                .as_ref()
                .map(|l| l.value)
        };
        assert_eq!(lowest("healthy-life-expectancy"), Some(Level::Province));
        assert_eq!(lowest("air-quality-good-days"), Some(Level::Province));
        assert_eq!(
            lowest("surface-water-class-iii-share"),
            Some(Level::Province)
        );
        assert_eq!(lowest("life-expectancy"), None);
    }

    #[test]
    fn two_entries_whose_names_fold_alike_are_reported_and_not_matched() {
        let (catalog, problems) = Catalog::load(
            "c.yaml",
            "catalog: 1\nindicators:\n  - {id: a, names: [某某筛查覆盖率]}\n  - {id: b, names: [全市某某筛查覆盖率]}\n",
        );
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].code, codes::DUPLICATE_ID);
        assert_eq!(
            problems[0].severity,
            planlint_diagnostics::Severity::Warning
        );
        assert_eq!(problems[0].primary.location.line, 4);
        // Each name still matches as printed; a third spelling matches neither.
        assert!(catalog.lookup("某某筛查覆盖率", None).is_some());
        assert!(catalog.lookup("全市某某筛查覆盖率", None).is_some());
        assert_eq!(catalog.lookup("全县某某筛查覆盖率", None), None);
    }

    #[test]
    fn no_two_bundled_indicators_meet_through_their_names() {
        // Through the key (the catalog loads without a warning, above) or through
        // similarity: two names of different entries that read alike must differ in who
        // or what they count.
        let (catalog, _) = Catalog::load("rules/catalog.yaml", BUNDLED);
        let mut names = Vec::new();
        for e in catalog.entries() {
            for n in &e.names {
                names.push((e.id.value.as_str(), crate::names::indicator_key(&n.value)));
            }
        }
        for (i, (a, ka)) in names.iter().enumerate() {
            for (b, kb) in &names[i + 1..] {
                if a != b {
                    assert!(
                        similarity(ka, kb) < SIMILARITY_THRESHOLD || !same_population(ka, kb),
                        "{a} {ka} / {b} {kb}"
                    );
                }
            }
        }
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
