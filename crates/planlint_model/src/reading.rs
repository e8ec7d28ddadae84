//! A plan's rows read for comparison: the target parsed, the baseline as a number, the
//! unit, the catalog entry, and the context (baseline and years) that relative targets
//! resolve with.
//!
//! This is where the printed plan meets the target arithmetic of `planlint_target`. The
//! rule engine compares [`Reading`]s; `planlint show` prints them so that a person can see
//! how every row was understood.

use crate::catalog::{Catalog, Direction, Match};
use crate::names::{indicator_key, simplify};
use crate::plan::{Indicator, Plan, TextTarget};
use planlint_target::{parse, parse_unit, Better, Bound, Context, Form, Requirement, Target, Unit};
use std::collections::HashMap;
use std::sync::Arc;

/// One row, read.
#[derive(Clone, Debug)]
pub struct Reading {
    /// The target as parsed; `Form::Empty` where the row has none. Rows that print the same
    /// text share one.
    pub target: Arc<Target>,
    /// The baseline as a number, where the plan prints a plain number.
    pub baseline: Option<f64>,
    /// The baseline as parsed, where the row prints one (it may be a bound: `>90`).
    pub baseline_printed: Option<Arc<Target>>,
    /// The row's unit.
    pub unit: Option<Unit>,
    /// The catalog entry the row's name matched, if any.
    pub matched: Option<Match>,
    /// The key rows are matched across plans by: the catalog id, or, for a name the
    /// catalog does not know, `~` and its [`indicator_key`] — so that 全市医院病床使用率 and
    /// 医院病床使用率 in a child and its parent are taken for one indicator.
    pub key: String,
    /// Which way is better: from the catalog.
    pub better: Option<Better>,
    /// The baseline and years the target resolves with.
    pub context: Context,
}

impl Reading {
    /// The target as an absolute requirement on the value, or why it is not one.
    pub fn requirement(&self) -> Requirement {
        planlint_target::resolve(&self.target, &self.context, self.better)
    }
}

/// Converts a catalog direction to the target crate's.
pub fn better(direction: Direction) -> Better {
    match direction {
        Direction::Higher => Better::Higher,
        Direction::Lower => Better::Lower,
    }
}

/// Reads a table row of `plan`.
pub fn read_row(plan: &Plan, row: &Indicator, catalog: &Catalog) -> Reading {
    RowReader::new(catalog).row(plan, row)
}

/// Reads a target stated in the text of `plan`; it has no baseline of its own.
pub fn read_text_target(plan: &Plan, target: &TextTarget, catalog: &Catalog) -> Reading {
    RowReader::new(catalog).text_target(plan, target)
}

/// Reads rows one after another, remembering the names it matched to the catalog and the
/// values it parsed: the plans of a repository repeat the same few hundred indicator names
/// and printed targets over tens of thousands of rows, and matching a name that is not in
/// the catalog means comparing it with every catalog name.
///
/// **Invariant:** a reading is the same as [`read_row`] or [`read_text_target`] gives: only
/// pure functions of their text are remembered.
pub struct RowReader<'c> {
    catalog: &'c Catalog,
    /// By name, for rows without an explicit catalog id (almost all), and by name and id.
    names: NameMemory,
    named_ids: Memory<(String, String), (Option<Match>, String)>,
    printed: Memory<String, Arc<Target>>,
}

type Memory<K, V> = HashMap<K, V, ahash::RandomState>;

/// What readers remembered, kept between them: a check in batches makes readers for each
/// batch, on its own threads, and they meet the same names and printed values again (a
/// national check parsed 48,000 values of 11,000 distinct while each reader started
/// afresh). A reader takes one memory when it is made and gives it back when dropped; there
/// are as many as readers were alive at once.
static KEPT: std::sync::Mutex<Vec<Kept>> = std::sync::Mutex::new(Vec::new());

/// One reader's memory: the names it matched, with the edition of the catalog they were
/// matched against, and the values it parsed (a pure function of the text, so whatever the
/// catalog).
struct Kept {
    edition: u64,
    names: NameMemory,
    printed: Memory<String, Arc<Target>>,
}

/// The most memories kept between readers: as many as a check has readers alive at once
/// (a world's readers on each batch thread, a rule thread's), each bounded by
/// [`RowReader::REMEMBERED`] texts of a kind, so that a long-lived process (the language
/// server, the desk) holds a few megabytes of them at most.
const KEPT_AT_MOST: usize = 8;

type NameMemory = Memory<String, (Option<Match>, String)>;

impl Drop for RowReader<'_> {
    fn drop(&mut self) {
        let kept = Kept {
            edition: self.catalog.edition(),
            names: std::mem::take(&mut self.names),
            printed: std::mem::take(&mut self.printed),
        };
        if let Ok(mut all) = KEPT.lock() {
            if all.len() < KEPT_AT_MOST {
                all.push(kept);
            }
        }
    }
}

/// Keeps `value` for `key`, forgetting everything first when the memory is full.
fn remember<K: std::hash::Hash + Eq, V>(memory: &mut Memory<K, V>, key: K, value: V) {
    if memory.len() >= RowReader::REMEMBERED {
        memory.clear();
    }
    memory.insert(key, value);
}

impl<'c> RowReader<'c> {
    /// Texts remembered of each kind, at most; the memory is cleared when full.
    const REMEMBERED: usize = 20_000;

    pub fn new(catalog: &'c Catalog) -> Self {
        // A memory an earlier reader left: its values whatever it read them against, its
        // names only where it matched them against the same catalog.
        let kept = KEPT.lock().ok().and_then(|mut all| all.pop());
        let (names, printed) = match kept {
            Some(kept) if kept.edition == catalog.edition() => (kept.names, kept.printed),
            Some(kept) => (Memory::default(), kept.printed),
            None => (Memory::default(), Memory::default()),
        };
        RowReader {
            catalog,
            names,
            named_ids: Memory::default(),
            printed,
        }
    }

    /// Reads a table row of `plan`.
    pub fn row(&mut self, plan: &Plan, row: &Indicator) -> Reading {
        self.read(
            plan,
            &row.name.value,
            row.id.as_ref().map(|s| s.value.as_str()),
            row.unit.as_ref().map(|s| s.value.as_str()),
            row.baseline.as_ref().map(|s| s.value.as_str()),
            row.target.as_ref().map(|s| s.value.as_str()),
            None,
        )
    }

    /// Reads a target stated in the text of `plan`; it has no baseline of its own.
    pub fn text_target(&mut self, plan: &Plan, target: &TextTarget) -> Reading {
        self.read(
            plan,
            &target.name.value,
            target.id.as_ref().map(|s| s.value.as_str()),
            target.unit.as_ref().map(|s| s.value.as_str()),
            None,
            Some(target.target.value.as_str()),
            target.year.as_ref().map(|y| y.value),
        )
    }

    /// The key rows of the indicator `name` (with the catalog id `id`, if given) are
    /// matched across plans by.
    pub fn key(&mut self, name: &str, id: Option<&str>) -> String {
        self.lookup(name, id).1
    }

    /// A value a plan states for an indicator outside its table (a previous period's actual,
    /// a figure in the text): the indicator's key, the value when it is a plain number, and
    /// the unit it is in (its own, else the one given beside it).
    pub fn value(
        &mut self,
        name: &str,
        id: Option<&str>,
        unit: Option<&str>,
        printed: &str,
    ) -> (String, Option<(f64, Option<Unit>)>) {
        let (_, key) = self.lookup(name, id);
        let value = match &self.parse(printed).form {
            Form::Value {
                value,
                unit: own,
                bound: Bound::Plain,
            } => Some((*value, own.clone().or_else(|| unit.and_then(parse_unit)))),
            _ => None,
        };
        (key, value)
    }

    /// The catalog match of a name and the key it is matched across plans by.
    fn lookup(&mut self, name: &str, id: Option<&str>) -> (Option<Match>, String) {
        let found = match id {
            None => self.names.get(name),
            Some(id) => self.named_ids.get(&(name.to_string(), id.to_string())),
        };
        if let Some(found) = found {
            return found.clone();
        }
        let matched = self.catalog.lookup(name, id);
        let key = row_key(self.catalog, name, matched);
        let found = (matched, key.clone());
        match id {
            None => remember(&mut self.names, name.to_string(), found),
            Some(id) => remember(
                &mut self.named_ids,
                (name.to_string(), id.to_string()),
                found,
            ),
        }
        (matched, key)
    }

    /// The value `text` as printed, parsed ([`parse_printed`]) once: readers remember what
    /// they parsed, and hand it on to the next.
    pub fn parse(&mut self, text: &str) -> Arc<Target> {
        if let Some(target) = self.printed.get(text) {
            return Arc::clone(target);
        }
        let target = Arc::new(parse_printed(text));
        remember(&mut self.printed, text.to_string(), Arc::clone(&target));
        target
    }

    #[allow(clippy::too_many_arguments)]
    fn read(
        &mut self,
        plan: &Plan,
        name: &str,
        id: Option<&str>,
        unit: Option<&str>,
        baseline: Option<&str>,
        target: Option<&str>,
        year: Option<i32>,
    ) -> Reading {
        let (matched, key) = self.lookup(name, id);
        let entry = matched.map(|m| self.catalog.entry(m.entry));
        let unit = unit.and_then(parse_unit);
        let baseline_printed = baseline.map(|b| self.parse(b));
        let (baseline, baseline_unit) = match baseline_printed.as_ref().map(|t| &t.form) {
            Some(Form::Value {
                value,
                unit,
                bound: Bound::Plain,
            }) => (Some(*value), unit.clone()),
            _ => (None, None),
        };
        let target_year = year.or(plan.target_year()).unwrap_or(2025);
        let baseline_year = plan.baseline_year().unwrap_or(target_year - 5);
        let mut context = Context::new(baseline_year, target_year);
        context.baseline = baseline;
        context.unit = unit.clone();
        // A baseline printed with its own unit (`80.1%` in a `%` row) keeps it only where it
        // differs from the row's, as the context expects.
        if baseline_unit.is_some() && baseline_unit != unit {
            context.baseline_unit = baseline_unit;
        }
        Reading {
            target: self.parse(target.unwrap_or("")),
            baseline,
            baseline_printed,
            unit,
            matched,
            key,
            better: entry
                .and_then(|e| e.direction.as_ref())
                .map(|d| better(d.value)),
            context,
        }
    }
}

/// The key a row is matched across plans by: its catalog entry's id, or `~` and the
/// [`indicator_key`] of a name the catalog does not know.
pub fn row_key(catalog: &Catalog, name: &str, matched: Option<Match>) -> String {
    match matched {
        Some(m) => catalog.entry(m.entry).id.value.clone(),
        None => format!("~{}", indicator_key(name)),
    }
}

/// Parses a printed value. Traditional characters are read as their simplified forms
/// (`全覆蓋` is `全覆盖`), while `raw` keeps the text as the plan printed it.
pub fn parse_printed(text: &str) -> Target {
    let mut target = parse(&simplify(text));
    if matches!(target.form, Form::Unreadable { .. }) {
        // The reason quotes the text; quote it as the plan printed it.
        let as_printed = parse(text);
        if matches!(as_printed.form, Form::Unreadable { .. }) {
            target = as_printed;
        }
    }
    target.raw = text.to_string();
    target
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load_plan;

    const BUNDLED: &str = include_str!("../../../rules/catalog.yaml");

    fn keys(text: &str) -> Vec<String> {
        let (catalog, _) = Catalog::load("rules/catalog.yaml", BUNDLED);
        let (plan, problems) = load_plan("p.plan.yaml", text);
        assert!(problems.is_empty(), "{problems:#?}");
        let plan = plan.unwrap();
        let mut reader = RowReader::new(&catalog);
        let rows: Vec<String> = plan
            .indicators
            .iter()
            .map(|row| reader.row(&plan, row).key)
            .collect();
        // The remembered readings give the same keys as fresh ones.
        for (row, key) in plan.indicators.iter().zip(&rows) {
            assert_eq!(&read_row(&plan, row, &catalog).key, key);
            assert_eq!(&reader.row(&plan, row).key, key);
        }
        rows
    }

    #[test]
    fn rows_the_catalog_does_not_know_are_keyed_without_their_jurisdiction() {
        let parent = keys(
            "planlint: 1\nid: p\ntitle: 甲省规划\nregion: 甲省\nlevel: province\nperiod: {start: 2021, end: 2025}\nindicators:\n  - {name: 医院病床使用率, target: \"85\"}\n  - {name: 每千人口医院床位数, target: \"5\"}\n  - {name: 人均预期寿命, target: \"79\"}\n",
        );
        let child = keys(
            "planlint: 1\nid: c\ntitle: 乙县规划\nregion: 乙县\nlevel: county\nperiod: {start: 2021, end: 2025}\nindicators:\n  - {name: 全县医院病床使用率, target: \"85\"}\n  - {name: 每千常住人口醫院床位數（張）, target: \"5\"}\n  - {name: 全縣人均預期壽命, target: \"79\"}\n  - {name: 农村医院病床使用率, target: \"85\"}\n",
        );
        assert_eq!(
            parent,
            ["~医院病床使用率", "~每千人医院床位", "life-expectancy"]
        );
        assert_eq!(child[..3], parent[..]);
        assert_eq!(child[3], "~农村医院病床使用率");
    }
}
