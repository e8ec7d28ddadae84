//! The plans of one check, every row read once, and the answers the rules and the report
//! ask of them again and again, each computed once on first use and shared.

use crate::citations::{citation_core, cites_folded};
use crate::sections::{coverage, Topic};
use crate::standing::Standing;
use planlint_model::{
    Catalog, Indicator, Level, Nature, Plan, PlanSet, Reading, RequiredIndicators, RowReader,
    Section,
};
use planlint_target::{
    parse_unit, resolve, Better, ChangeKind, Comparison, Form, Note, Requirement, Target, Unit,
    UnitLabel,
};
use std::sync::{Arc, OnceLock};

/// The plans of one check, read once and shared by every rule, thread and report.
#[derive(Debug)]
pub struct World {
    pub plans: PlanSet,
    pub catalog: Catalog,
    /// Per plan, per table row: the row read for comparison.
    pub readings: Vec<Vec<Reading>>,
    /// Per plan, per target stated in the text.
    pub text_readings: Vec<Vec<Reading>>,
    /// Per plan, per table row: the indicator key (a catalog id, or `~` and the
    /// normalised name for a row the catalog does not know).
    pub keys: Vec<Vec<String>>,
    /// Per plan, per target stated in the text: its indicator key, as for rows.
    text_keys: Vec<Vec<String>>,
    /// Per plan, per table row: the baselines the plan states outside its table.
    pub(crate) baselines: Vec<Vec<crate::baseline::Baselines>>,
    /// Per plan, what is asked of it again and again, computed on first use: a parent's
    /// title is folded once, not once for every child that cites it.
    cache: Vec<PlanCache>,
    /// Per catalog entry, its unit read: every row matching the entry is compared with it.
    /// Read here, from the catalog as the world holds it (extensions applied).
    catalog_units: Vec<Option<Unit>>,
}

/// Why a plan need not carry an ancestor's row ([`World::waived`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waiver {
    /// The ancestor asks its children for binding (约束性) rows only, and the row is
    /// expected (预期性).
    BindingOnly,
    /// The catalog does not measure the indicator below this level.
    BelowLevel(Level),
}

/// A row a plan must carry, matched: the ancestor's row, the plan's row for the same
/// indicator (if it has one) and how the two stand ([`World::standing`]).
///
/// Kept small: every plan has one per row it must carry, tens of thousands in all.
#[derive(Clone, Copy, Debug)]
pub struct Pair {
    ancestor: u32,
    ancestor_row: u32,
    /// The plan's row, `u32::MAX` for none.
    row: u32,
    /// An index into [`Standing::ALL`].
    standing: u8,
    /// Whether the two rows' units measure the same thing ([`World::units_convert`]); true
    /// where the plan has no row.
    pub units_convert: bool,
    /// Whether the plan must carry the row ([`World::required`]); a row it carries of its
    /// own accord is compared all the same.
    pub required: bool,
}

impl Pair {
    /// The ancestor and its row ([`World::carried`]).
    pub fn wanted(&self) -> (usize, usize) {
        (self.ancestor as usize, self.ancestor_row as usize)
    }

    /// The plan's row for the indicator ([`World::find_row`]).
    pub fn row(&self) -> Option<usize> {
        (self.row != u32::MAX).then_some(self.row as usize)
    }

    /// How the plan's row stands against the ancestor's; [`Standing::Missing`] where the
    /// plan has no row.
    pub fn standing(&self) -> Standing {
        Standing::ALL[usize::from(self.standing)]
    }
}

/// A plan's previous-period table as the rules ask of it.
#[derive(Debug, Default)]
struct Previous {
    /// Each row's indicator key.
    keys: Vec<String>,
    /// Each key's first row.
    first: std::collections::HashMap<String, usize, ahash::RandomState>,
    /// Each row's target, parsed.
    targets: Vec<Option<Arc<planlint_target::Target>>>,
}

/// What is asked of one plan again and again, each part computed on first use.
#[derive(Debug, Default)]
struct PlanCache {
    /// The title and each basis entry, as citations are compared ([`World::cites`]).
    citations: OnceLock<(String, Vec<String>)>,
    /// Every heading's place in the tree, depth first: the flat index of the heading it is
    /// under (`u32::MAX` at the top) and its index there.
    section_links: OnceLock<Vec<(u32, u32)>>,
    /// Every heading's title folded by `normalise`, depth first.
    folded_headings: OnceLock<Vec<Arc<str>>>,
    /// The rows every child of the plan must carry ([`World::carried`]): they depend on
    /// the parent alone, so a prefecture's 10 counties share one list.
    carried_below: OnceLock<Vec<(usize, usize)>>,
    /// Each row the plan must carry, with the plan's row for it and their standing
    /// ([`World::pairs`]).
    pairs: OnceLock<Vec<Pair>>,
    /// The plan's previous-period table, read ([`World::previous`]).
    previous: OnceLock<Previous>,
    /// The plan's rows ordered by indicator key (then row), for finding a key's first row.
    rows_by_key: OnceLock<Vec<u32>>,
    /// The section topics the plan's ancestors require, with the heading covering each.
    coverage: OnceLock<Vec<Topic>>,
    /// Per row, whether its unit label fits its values ([`World::unit_label_fits`]).
    label_fits: OnceLock<Vec<bool>>,
}

impl World {
    pub fn new(plans: PlanSet, catalog: Catalog) -> World {
        World::new_on(plans, catalog, 1)
    }

    /// [`World::new`] on up to `jobs` threads: each plan's rows are read apart, and the
    /// results are kept in plan order, so the world is the same whatever `jobs` is.
    pub fn new_on(plans: PlanSet, catalog: Catalog, jobs: usize) -> World {
        let all: Vec<&Plan> = plans.plans().iter().collect();
        let read = crate::parallel_map_with(
            &all,
            jobs,
            || RowReader::new(&catalog),
            |reader, plan| {
                let mut rows: Vec<Reading> = plan
                    .indicators
                    .iter()
                    .map(|row| reader.row(plan, row))
                    .collect();
                let baselines = crate::baseline::gather(plan, &mut rows, reader);
                let keys: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
                let texts: Vec<Reading> = plan
                    .targets_in_text
                    .iter()
                    .map(|t| reader.text_target(plan, t))
                    .collect();
                let text_keys: Vec<String> = texts.iter().map(|r| r.key.clone()).collect();
                (rows, keys, texts, text_keys, baselines)
            },
        );
        let mut readings = Vec::with_capacity(read.len());
        let mut keys = Vec::with_capacity(read.len());
        let mut text_readings = Vec::with_capacity(read.len());
        let mut text_keys = Vec::with_capacity(read.len());
        let mut baselines = Vec::with_capacity(read.len());
        for (rows, row_keys, texts, t_keys, stated) in read {
            readings.push(rows);
            keys.push(row_keys);
            text_readings.push(texts);
            text_keys.push(t_keys);
            baselines.push(stated);
        }
        let catalog_units = catalog
            .entries()
            .iter()
            .map(|e| e.unit.as_ref().and_then(|u| parse_unit(&u.value)))
            .collect();
        World {
            cache: plans.plans().iter().map(|_| PlanCache::default()).collect(),
            catalog_units,
            plans,
            catalog,
            readings,
            text_readings,
            keys,
            text_keys,
            baselines,
        }
    }

    pub fn plan(&self, p: usize) -> &Plan {
        self.plans.get(p)
    }

    /// Whether plan `p`'s basis cites plan `q` (its title, however the basis words it).
    pub fn cites(&self, p: usize, q: usize) -> bool {
        cites_folded(&self.citations(p).1, &self.citations(q).0)
    }

    /// Plan `p`'s title and basis entries as citations are compared (folded on first use,
    /// by any thread).
    fn citations(&self, p: usize) -> &(String, Vec<String>) {
        self.cache[p].citations.get_or_init(|| {
            let plan = self.plan(p);
            (
                citation_core(plan.title()),
                plan.basis.iter().map(|b| citation_core(&b.value)).collect(),
            )
        })
    }

    /// How many headings plan `p` has, at every depth.
    pub fn section_count(&self, p: usize) -> usize {
        self.section_links(p).len()
    }

    /// Heading `s` of plan `p` (depth first) and its depth (1 at the top).
    pub fn section(&self, p: usize, s: usize) -> (&Section, usize) {
        let plan = self.plan(p);
        let links = self.section_links(p);
        let mut path = Vec::new();
        let mut at = s;
        loop {
            let (parent, index) = links[at];
            path.push(index as usize);
            if parent == u32::MAX {
                break;
            }
            at = parent as usize;
        }
        let mut sections = &plan.sections;
        let mut found = &sections[path[path.len() - 1]];
        for &i in path.iter().rev().skip(1) {
            sections = &found.sections;
            found = &sections[i];
        }
        (found, path.len())
    }

    /// Every heading's parent and index there, depth first.
    fn section_links(&self, p: usize) -> &[(u32, u32)] {
        self.cache[p].section_links.get_or_init(|| {
            fn walk(sections: &[Section], parent: u32, out: &mut Vec<(u32, u32)>) {
                for (i, s) in sections.iter().enumerate() {
                    let me = u32::try_from(out.len()).unwrap_or(u32::MAX);
                    out.push((parent, u32::try_from(i).unwrap_or(u32::MAX)));
                    walk(&s.sections, me, out);
                }
            }
            let mut out = Vec::new();
            walk(&self.plan(p).sections, u32::MAX, &mut out);
            out
        })
    }

    /// Every heading title of plan `p`, depth first, folded by `normalise`.
    pub fn folded_headings(&self, p: usize) -> &[Arc<str>] {
        self.cache[p].folded_headings.get_or_init(|| {
            self.plan(p)
                .all_sections()
                .iter()
                .map(|s| crate::fold::folded(&s.title.value))
                .collect()
        })
    }

    /// The first heading of plan `p` (depth first) whose folded title contains one of
    /// `titles` folded — preferring one outside the background chapter (发展基础, 规划背景):
    /// a task topic (医疗服务) is covered by the task chapter that plans it, not by the
    /// paragraph that reports last period's achievements in it.
    pub fn find_section(&self, p: usize, titles: &[String]) -> Option<usize> {
        let wanted: Vec<Arc<str>> = titles
            .iter()
            .map(|t| crate::fold::folded(t))
            .filter(|t| !t.is_empty())
            .collect();
        let headings = self.folded_headings(p);
        let matches = |title: &Arc<str>| wanted.iter().any(|w| title.contains(&**w));
        (0..headings.len())
            .filter(|&s| matches(&headings[s]))
            .find(|&s| !self.in_background(p, s))
            .or_else(|| headings.iter().position(matches))
    }

    /// Whether heading `s` of plan `p` lies in a background chapter: a top-level heading
    /// about where the plan starts (规划背景, 发展基础, 发展现状, 发展回顾).
    fn in_background(&self, p: usize, s: usize) -> bool {
        const BACKGROUND: [&str; 6] = [
            "规划背景",
            "发展基础",
            "发展现状",
            "发展回顾",
            "发展成就",
            "现状与形势",
        ];
        let links = self.section_links(p);
        let mut top = s;
        while links[top].0 != u32::MAX {
            top = links[top].0 as usize;
        }
        let title = &self.folded_headings(p)[top];
        BACKGROUND.iter().any(|b| title.contains(b))
    }

    /// The section topics plan `p`'s ancestors require of it, nearest ancestor first, each
    /// topic once, with the heading that covers it.
    pub fn coverage(&self, p: usize) -> &[Topic] {
        self.cache[p].coverage.get_or_init(|| coverage(self, p))
    }

    /// Whether row `r` of plan `p` prints a unit label that fits its values, judged by the
    /// catalog's canonical unit and plausible range: the printed and canonical units (where
    /// known) and the verdict — `None` where there is nothing to judge (no printed unit, or
    /// an indicator the catalog gives no unit for).
    pub fn unit_label(
        &self,
        p: usize,
        r: usize,
    ) -> (Option<&Unit>, Option<&Unit>, Option<UnitLabel>) {
        use planlint_target::check_unit_label;
        let reading = &self.readings[p][r];
        let entry = reading.matched.map(|m| self.catalog.entry(m.entry));
        let printed = reading.unit.as_ref();
        let canonical = reading
            .matched
            .and_then(|m| self.catalog_units[m.entry].as_ref());
        let verdict = match (printed, canonical) {
            (Some(printed), Some(canonical)) if printed.dimension() != canonical.dimension() => {
                Some(UnitLabel::Incompatible)
            }
            (Some(printed), Some(canonical)) => {
                let value = reading.baseline.or(match &reading.target.form {
                    Form::Value { value, .. } => Some(*value),
                    _ => None,
                });
                match (entry.and_then(|e| e.plausible), value) {
                    (Some(range), Some(value)) => {
                        Some(check_unit_label(value, printed, canonical, range))
                    }
                    _ => Some(UnitLabel::Ok),
                }
            }
            _ => None,
        };
        (printed, canonical, verdict)
    }

    /// Whether row `r` of plan `p` prints a unit label that fits its values (or none).
    pub fn unit_label_fits(&self, p: usize, r: usize) -> bool {
        self.cache[p].label_fits.get_or_init(|| {
            (0..self.readings[p].len())
                .map(|r| matches!(self.unit_label(p, r).2, None | Some(UnitLabel::Ok)))
                .collect()
        })[r]
    }

    /// Plan `p`'s previous-period table, read once per plan with one reader, however many
    /// rules ask: each row's indicator key, the first row of each key, each row's target.
    fn previous(&self, p: usize) -> &Previous {
        self.cache[p].previous.get_or_init(|| {
            let Some(previous) = &self.plan(p).previous_period else {
                return Previous::default();
            };
            let mut reader = planlint_model::RowReader::new(&self.catalog);
            let mut table = Previous::default();
            for (at, old) in previous.indicators.iter().enumerate() {
                let key = reader.key(&old.name.value, old.id.as_ref().map(|s| s.value.as_str()));
                table.first.entry(key.clone()).or_insert(at);
                table.keys.push(key);
                table
                    .targets
                    .push(old.target.as_ref().map(|t| reader.parse(&t.value)));
            }
            table
        })
    }

    /// The indicator key of each row of plan `p`'s previous-period table, as its own rows'
    /// keys are made (so a row of the table now meets its row of the table then).
    pub fn previous_keys(&self, p: usize) -> &[String] {
        &self.previous(p).keys
    }

    /// The first row of plan `p`'s previous-period table for the indicator `key`.
    fn previous_at(&self, p: usize, key: &str) -> Option<usize> {
        self.previous(p).first.get(key).copied()
    }

    /// The target of plan `p`'s previous-period table for the indicator `key`, parsed, where
    /// the table has a row for it with a target.
    pub fn previous_target(&self, p: usize, key: &str) -> Option<&planlint_target::Target> {
        let at = self.previous_at(p, key)?;
        self.previous(p).targets.get(at)?.as_deref()
    }

    /// The row of plan `p`'s previous-period table for the indicator `key`, if it has one.
    pub fn previous_row(&self, p: usize, key: &str) -> Option<&planlint_model::Indicator> {
        let at = self.previous_at(p, key)?;
        self.plan(p).previous_period.as_ref()?.indicators.get(at)
    }

    /// How row `(p, r)` stands against row `(q, s)` it carries: the policy of which pairs
    /// are compared, in one place.
    ///
    /// A row whose unit label does not fit its values is not compared (`unit-mismatch`
    /// reports the label); then two rows whose printed units measure different quantities
    /// are not compared (`unit-mismatch` reports that too); then an ancestor's row whose
    /// label does not fit is not compared; every other pair is compared
    /// ([`World::compare`]), and a target short of an approximate one (`提高1岁左右`) by no
    /// more than 左右 allows ([`crate::within_approx`]) stands as equal.
    pub fn standing(&self, (p, r): (usize, usize), (q, s): (usize, usize)) -> Standing {
        if !self.unit_label_fits(p, r) {
            Standing::UnitLabel
        } else if !self.units_convert((p, r), (q, s)) {
            Standing::UnitsDiffer
        } else if !self.unit_label_fits(q, s) {
            Standing::UnitLabel
        } else {
            let comparison = self.compare((p, r), (q, s));
            // Short of an approximate target (左右) by no more than it allows: as strict.
            if crate::within_approx(&comparison, self.readings[p][r].baseline) {
                Standing::Equal
            } else {
                Standing::of(&comparison.verdict)
            }
        }
    }

    /// The catalog ids a row stands for: its own, or its parts for a composite.
    fn stands_for(&self, p: usize, r: usize) -> impl Iterator<Item = &str> + Clone {
        let key = self.keys[p][r].as_str();
        let parts = self
            .catalog
            .by_id(key)
            .map_or(&[][..], |entry| &self.catalog.entry(entry).parts[..]);
        let own = parts.is_empty().then_some(key);
        own.into_iter()
            .chain(parts.iter().map(|s| s.value.as_str()))
    }

    /// The row of plan `p` for the same indicator as row `r` of plan `q`: the same key, or
    /// a composite that covers it, or a part of a composite it is.
    pub fn find_row(&self, p: usize, q: usize, r: usize) -> Option<usize> {
        if let Some(i) = self.row_by_key(p, &self.keys[q][r]) {
            return Some(i);
        }
        let wanted = self.stands_for(q, r);
        (0..self.keys[p].len()).find(|&i| {
            self.stands_for(p, i)
                .any(|have| wanted.clone().any(|w| w == have))
        })
    }

    /// The ancestors' rows plan `p` stands against: every row of every ancestor, nearest
    /// first, each indicator once (the nearest ancestor that has it). Which of them the plan
    /// must carry is [`World::required`]; the others are compared where the plan has them.
    ///
    /// They are the parent's business: computed once per parent and shared by its children.
    pub fn carried(&self, p: usize) -> &[(usize, usize)] {
        match self.plans.parent(p) {
            Some(q) => self.carried_below(q),
            None => &[],
        }
    }

    /// The rows plan `p` must carry ([`World::carried`]), each with the plan's row for it
    /// ([`World::find_row`]) and how the two stand ([`World::standing`]). Several rules and
    /// the report walk these pairs; the comparisons are made once.
    pub fn pairs(&self, p: usize) -> &[Pair] {
        self.cache[p].pairs.get_or_init(|| {
            self.carried(p)
                .iter()
                .map(|&(ancestor, ancestor_row)| {
                    let row = self.find_row(p, ancestor, ancestor_row);
                    let wanted = (ancestor, ancestor_row);
                    let standing = row.map_or(Standing::Missing, |r| self.standing((p, r), wanted));
                    let small = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
                    Pair {
                        ancestor: small(ancestor),
                        ancestor_row: small(ancestor_row),
                        row: row.map_or(u32::MAX, small),
                        standing: standing.index() as u8,
                        units_convert: row.is_none_or(|r| self.units_convert((p, r), wanted)),
                        required: self.required(p, wanted),
                    }
                })
                .collect()
        })
    }

    /// Whether two rows' units measure the same thing: true unless both print a unit that
    /// reads, in different dimensions (`%` and `人`).
    pub fn units_convert(&self, (p, r): (usize, usize), (q, s): (usize, usize)) -> bool {
        match (&self.readings[p][r].unit, &self.readings[q][s].unit) {
            (Some(x), Some(y)) => x.dimension() == y.dimension(),
            _ => true,
        }
    }

    /// How row `child` (a plan and a row) stands against row `parent`: both targets read
    /// with their own baselines and years, which way is better from the catalog through
    /// either row.
    pub fn compare(&self, (p, r): (usize, usize), (q, s): (usize, usize)) -> Comparison {
        let (c, a) = (&self.readings[p][r], &self.readings[q][s]);
        planlint_target::compare(
            &c.target,
            &c.context,
            &a.target,
            &a.context,
            c.better.or(a.better),
        )
    }

    /// [`World::compare`] as a reader should see it: where both targets are changes of one
    /// kind (`比基期降低10%` against `降低5%`), each is resolved with its own plan's baseline,
    /// so the two requirements shown would not say why they compare as they do; the
    /// parent's change is shown applied to the plan's own baseline instead — the same
    /// comparison in numbers, with a note saying so.
    pub fn explain(&self, (p, r): (usize, usize), (q, s): (usize, usize)) -> Comparison {
        let mut comparison = self.compare((p, r), (q, s));
        let (child, parent) = (&self.readings[p][r], &self.readings[q][s]);
        on_child_baseline(
            &mut comparison,
            child,
            parent,
            child.better.or(parent.better),
        );
        comparison
    }

    /// The first row of plan `p` with indicator `key`.
    pub fn row_by_key(&self, p: usize, key: &str) -> Option<usize> {
        let keys = &self.keys[p];
        let order = self.cache[p].rows_by_key.get_or_init(|| {
            let mut order: Vec<u32> = (0..keys.len())
                .map(|r| u32::try_from(r).unwrap_or(u32::MAX))
                .collect();
            order.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]).then(a.cmp(&b)));
            order
        });
        let first = order.partition_point(|&r| keys[r as usize].as_str() < key);
        let &r = order.get(first)?;
        (keys[r as usize] == key).then_some(r as usize)
    }

    /// The indicator key of target `t` stated in plan `p`'s text.
    pub fn text_key(&self, p: usize, t: usize) -> &str {
        &self.text_keys[p][t]
    }

    /// The table row of plan `p` for the indicator its text target `t` names.
    pub fn text_row(&self, p: usize, t: usize) -> Option<usize> {
        self.row_by_key(p, &self.text_keys[p][t])
    }

    /// Text target `t` of plan `p` against table row `r` of plan `q` (the plan's own, in
    /// the rules that ask), both read with the table row's baseline and years.
    pub fn compare_text(&self, p: usize, t: usize, (q, r): (usize, usize)) -> Comparison {
        let (a, b) = (&self.text_readings[p][t], &self.readings[q][r]);
        planlint_target::compare(
            &a.target,
            &b.context,
            &b.target,
            &b.context,
            b.better.or(a.better),
        )
    }

    /// Text target `(p, t)` against text target `(q, u)`, both read with the context of the
    /// table row their plan has for the indicator (its baseline and years), or their own.
    pub fn compare_texts(&self, (p, t): (usize, usize), (q, u): (usize, usize)) -> Comparison {
        let (a, b) = (&self.text_readings[p][t], &self.text_readings[q][u]);
        let context = |plan: usize, text: usize, reading: &Reading| {
            self.text_row(plan, text).map_or_else(
                || reading.context.clone(),
                |r| self.readings[plan][r].context.clone(),
            )
        };
        planlint_target::compare(
            &a.target,
            &context(p, t, a),
            &b.target,
            &context(q, u, b),
            a.better.or(b.better),
        )
    }

    /// How text target `t` of plan `p` stands against the plan's table row `r`: not
    /// compared where the row's unit label does not fit its values, as for carried rows.
    pub fn text_standing(&self, p: usize, t: usize, r: usize) -> Standing {
        if !self.unit_label_fits(p, r) {
            Standing::UnitLabel
        } else {
            Standing::of(&self.compare_text(p, t, (p, r)).verdict)
        }
    }

    /// What a child of plan `q` stands against: the rows of `q` and of its ancestors,
    /// nearest first, each indicator once. Each plan's list is its own rows and then its
    /// parent's list, so a chain of any depth costs one pass per plan; the lists are built
    /// from the top down, without recursion.
    fn carried_below(&self, q: usize) -> &[(usize, usize)] {
        if let Some(list) = self.cache[q].carried_below.get() {
            return list;
        }
        // The ancestors whose lists are not built yet, nearest first.
        let mut todo = vec![q];
        for a in self.plans.ancestors_iter(q) {
            if self.cache[a].carried_below.get().is_some() {
                break;
            }
            todo.push(a);
        }
        for &x in todo.iter().rev() {
            self.cache[x]
                .carried_below
                .get_or_init(|| self.carried_by(x));
        }
        self.cache[q].carried_below.get().map_or(&[], Vec::as_slice)
    }

    /// Plan `q`'s rows, first per indicator, then its parent's list less those indicators.
    fn carried_by(&self, q: usize) -> Vec<(usize, usize)> {
        let mut seen = std::collections::HashSet::<&str, ahash::RandomState>::default();
        let mut out = Vec::new();
        for r in 0..self.plan(q).indicators.len() {
            if seen.insert(self.keys[q][r].as_str()) {
                out.push((q, r));
            }
        }
        let above = self.plans.ancestors_iter(q).next();
        if let Some(list) = above.and_then(|a| self.cache[a].carried_below.get()) {
            for &(a, r) in list {
                if seen.insert(self.keys[a][r].as_str()) {
                    out.push((a, r));
                }
            }
        }
        out
    }

    /// Whether plan `p` must carry ancestor row `(a, r)`: it must unless [`World::waived`]
    /// says why not.
    pub fn required(&self, p: usize, wanted: (usize, usize)) -> bool {
        self.waived(p, wanted).is_none()
    }

    /// Why plan `p` need not carry ancestor row `(a, r)`, if it need not: the ancestor asks
    /// its children for binding rows only (`requirements.indicators: binding`) and this one
    /// is expected, or the indicator is not measured at the plan's level (the catalog's
    /// `lowest_level`: 人均健康预期寿命 is not estimated below the province).
    pub fn waived(&self, p: usize, (a, r): (usize, usize)) -> Option<Waiver> {
        let ancestor = self.plan(a);
        let binding_only = ancestor
            .requirements
            .as_ref()
            .and_then(|req| req.indicators.as_ref())
            .is_some_and(|i| i.value == RequiredIndicators::Binding);
        if binding_only && ancestor.indicators[r].nature() != Nature::Binding {
            return Some(Waiver::BindingOnly);
        }
        let level = self.plan(p).level()?;
        let entry = self.catalog.entry(self.readings[a][r].matched?.entry);
        match &entry.lowest_level {
            Some(lowest) if !entry.required_at(level) => Some(Waiver::BelowLevel(lowest.value)),
            _ => None,
        }
    }

    /// Row `r` of plan `p`.
    pub fn row(&self, p: usize, r: usize) -> &Indicator {
        &self.plan(p).indicators[r]
    }

    /// The catalog id row `r` of plan `p` matched, where the catalog knows it.
    pub fn catalog_id(&self, p: usize, r: usize) -> Option<&str> {
        self.readings[p][r]
            .matched
            .map(|m| self.catalog.entry(m.entry).id.value.as_str())
    }
}

/// Shows a parent's change on the child's baseline where both targets are changes of one
/// kind ([`World::explain`]).
fn on_child_baseline(
    comparison: &mut Comparison,
    child: &Reading,
    parent: &Reading,
    better: Option<Better>,
) {
    fn kind(target: &Target) -> Option<&ChangeKind> {
        match &target.form {
            Form::Change { kind, .. } | Form::PerYear { kind, .. } => Some(kind),
            _ => None,
        }
    }
    let same = matches!(
        (kind(&child.target), kind(&parent.target)),
        (Some(ChangeKind::Percent), Some(ChangeKind::Percent))
            | (Some(ChangeKind::Points), Some(ChangeKind::Points))
            | (Some(ChangeKind::Absolute(_)), Some(ChangeKind::Absolute(_)))
    );
    if !same
        || matches!(
            comparison.verdict,
            planlint_target::Verdict::NotComparable(_)
        )
    {
        return;
    }
    let on_child = resolve(&parent.target, &child.context, better);
    if matches!(on_child, Requirement::None(_)) {
        return;
    }
    comparison.parent = on_child;
    if !comparison
        .notes
        .contains(&Note::ParentChangeOnChildBaseline)
    {
        comparison.notes.push(Note::ParentChangeOnChildBaseline);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use planlint_model::{load_plan, PlanSet};

    const BUNDLED: &str = include_str!("../../../rules/catalog.yaml");

    /// A plan whose one row prints life expectancy in `unit`.
    fn world(unit: &str, extension: Option<&str>) -> World {
        let (mut catalog, problems) = Catalog::load("rules/catalog.yaml", BUNDLED);
        assert!(problems.is_empty(), "{problems:?}");
        if let Some(text) = extension {
            let problems = catalog.extend("ext.yaml", text);
            assert!(problems.is_empty(), "{problems:?}");
        }
        let text = format!("planlint: 1\nid: p\ntitle: 某省规划\nregion: 某省\nlevel: province\nperiod: {{start: 2021, end: 2025}}\nindicators:\n  - {{name: 人均预期寿命, unit: \"{unit}\", baseline: \"77.5\", target: \"78.5\"}}\n");
        let (set, _) = PlanSet::new(vec![load_plan("p.plan.yaml", &text).0.unwrap()]);
        World::new(set, catalog)
    }

    #[test]
    fn a_unit_is_judged_by_the_catalog_as_extended() {
        let label = |w: &World| {
            let (printed, canonical, verdict) = w.unit_label(0, 0);
            (printed.cloned(), canonical.cloned(), verdict)
        };
        let years = Some(Unit::Years);
        assert_eq!(
            label(&world("岁", None)),
            (years.clone(), years.clone(), Some(UnitLabel::Ok))
        );
        // An extension that gives the entry another unit is the one rows are judged by.
        let percent = "catalog: 1\nindicators:\n  - {id: life-expectancy, unit: \"%\"}\n";
        assert_eq!(
            label(&world("岁", Some(percent))),
            (years, Some(Unit::Percent), Some(UnitLabel::Incompatible))
        );
        assert_eq!(label(&world("%", Some(percent))).2, Some(UnitLabel::Ok));
    }
}
