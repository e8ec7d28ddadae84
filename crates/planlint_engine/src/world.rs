//! What rules see: the plans of one check, read once, and the views scripts get of them.
//!
//! [`World`] holds the loaded plans, the catalog and every row already read for
//! comparison. Scripts never see these types directly: they get small read-only views
//! ([`PlanView`], [`RowView`], [`SectionView`], [`TextView`]) that point into the shared
//! world by index, and an [`At`] for any place they want to report at. A view has getters
//! only, so a rule cannot change what another rule sees.

use planlint_model::names::normalise;
use planlint_model::yaml::Pos;
use planlint_model::{
    Catalog, Indicator, MatchKind, Nature, Plan, PlanSet, Reading, RequiredIndicators, RowReader,
    Section,
};
use std::sync::{Arc, OnceLock};

/// The plans of one check, read once and shared by every rule and thread.
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
    /// Per plan, what rules ask of it again and again, computed on first use: a parent's
    /// title is folded once, not once for every child that cites it.
    cache: Vec<PlanCache>,
}

/// A row a plan must carry, matched: the ancestor's row, the plan's row for the same
/// indicator (if it has one) and how the plan's target stands against the ancestor's.
///
/// Kept small (16 bytes): every plan has one per row it must carry, tens of thousands in all.
#[derive(Clone, Copy, Debug)]
pub struct Carried {
    ancestor: u32,
    ancestor_row: u32,
    /// The plan's row, `u32::MAX` for none.
    row: u32,
    /// An index into [`VERDICTS`], `u8::MAX` for none.
    verdict: u8,
    /// Whether the two rows' units measure the same thing ([`World::units_convert`]); true
    /// where the plan has no row.
    pub units_convert: bool,
}

/// The verdicts of [`World::compare`], by the names scripts use.
pub(crate) const VERDICTS: [&str; 4] = ["stricter", "equal", "weaker", "uncomparable"];

impl Carried {
    /// The ancestor and its row ([`World::carried`]).
    pub fn wanted(&self) -> (usize, usize) {
        (self.ancestor as usize, self.ancestor_row as usize)
    }

    /// The plan's row for the indicator ([`World::find_row`]).
    pub fn row(&self) -> Option<usize> {
        (self.row != u32::MAX).then_some(self.row as usize)
    }

    /// `"stricter"`, `"equal"`, `"weaker"` or `"uncomparable"` where the plan has a row.
    pub fn verdict(&self) -> Option<&'static str> {
        VERDICTS.get(usize::from(self.verdict)).copied()
    }
}

/// What rules ask of one plan again and again, each part computed on first use: its texts
/// folded for citations, its headings' places, the rows it must carry, its rows by key.
#[derive(Debug, Default)]
pub struct PlanCache {
    /// The title and each basis entry, as citations are compared ([`crate::api::cites`]).
    citations: OnceLock<(String, Vec<String>)>,
    /// Every heading's place in the tree, depth first: the flat index of the heading it is
    /// under (`u32::MAX` at the top) and its index there.
    section_links: OnceLock<Vec<(u32, u32)>>,
    /// The rows every child of the plan must carry ([`World::carried`]): they depend on
    /// the parent alone, so a prefecture's 10 counties share one list.
    carried_below: OnceLock<Vec<(usize, usize)>>,
    /// Each row the plan must carry, with the plan's row for it and their verdict
    /// ([`World::matched`]).
    matched: OnceLock<Vec<Carried>>,
    /// The plan's rows ordered by indicator key (then row), for finding a key's first row.
    rows_by_key: OnceLock<Vec<u32>>,
}

impl PlanCache {
    /// The plan's title and basis entries as citations are compared.
    pub fn citations(&self, plan: &Plan) -> &(String, Vec<String>) {
        self.citations.get_or_init(|| {
            let core = crate::api::citation_core;
            (
                core(plan.title()),
                plan.basis.iter().map(|b| core(&b.value)).collect(),
            )
        })
    }

    /// Heading `s` (depth first) and its depth (1 at the top).
    pub fn section<'p>(&self, plan: &'p Plan, s: usize) -> (&'p Section, usize) {
        let links = self.section_links(plan);
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
    fn section_links(&self, plan: &Plan) -> &[(u32, u32)] {
        self.section_links.get_or_init(|| {
            fn walk(sections: &[Section], parent: u32, out: &mut Vec<(u32, u32)>) {
                for (i, s) in sections.iter().enumerate() {
                    let me = u32::try_from(out.len()).unwrap_or(u32::MAX);
                    out.push((parent, u32::try_from(i).unwrap_or(u32::MAX)));
                    walk(&s.sections, me, out);
                }
            }
            let mut out = Vec::new();
            walk(&plan.sections, u32::MAX, &mut out);
            out
        })
    }
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
                let rows: Vec<Reading> = plan
                    .indicators
                    .iter()
                    .map(|row| reader.row(plan, row))
                    .collect();
                let keys: Vec<String> = plan
                    .indicators
                    .iter()
                    .zip(&rows)
                    .map(|(row, reading)| key(&catalog, row, reading))
                    .collect();
                let texts: Vec<Reading> = plan
                    .targets_in_text
                    .iter()
                    .map(|t| reader.text_target(plan, t))
                    .collect();
                (rows, keys, texts)
            },
        );
        let mut readings = Vec::with_capacity(read.len());
        let mut keys = Vec::with_capacity(read.len());
        let mut text_readings = Vec::with_capacity(read.len());
        for (rows, row_keys, texts) in read {
            readings.push(rows);
            keys.push(row_keys);
            text_readings.push(texts);
        }
        World {
            cache: plans.plans().iter().map(|_| PlanCache::default()).collect(),
            plans,
            catalog,
            readings,
            text_readings,
            keys,
        }
    }

    pub fn plan(&self, p: usize) -> &Plan {
        self.plans.get(p)
    }

    /// Plan `p`'s title and basis entries as citations are compared (folded on first use,
    /// by any thread).
    pub fn citations(&self, p: usize) -> &(String, Vec<String>) {
        self.cache[p].citations(self.plan(p))
    }

    /// How many headings plan `p` has, at every depth.
    pub fn section_count(&self, p: usize) -> usize {
        self.cache[p].section_links(self.plan(p)).len()
    }

    /// Whether row `r` of plan `p` prints a unit label that fits its values, judged by the
    /// catalog's canonical unit and plausible range: the printed and canonical units (where
    /// known) and the verdict — `None` where there is nothing to judge (no printed unit, or
    /// an indicator the catalog gives no unit for). One judgement for the rules
    /// (`unit_label(row)`) and the review report.
    pub fn unit_label(
        &self,
        p: usize,
        r: usize,
    ) -> (
        Option<planlint_target::Unit>,
        Option<planlint_target::Unit>,
        Option<planlint_target::UnitLabel>,
    ) {
        use planlint_target::{check_unit_label, parse_unit, Form, UnitLabel};
        let reading = &self.readings[p][r];
        let entry = reading.matched.map(|m| self.catalog.entry(m.entry));
        let printed = reading.unit.clone();
        let canonical = entry
            .and_then(|e| e.unit.as_ref())
            .and_then(|u| parse_unit(&u.value));
        let verdict = match (&printed, &canonical) {
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

    /// The catalog ids a row stands for: its own, or its parts for a composite.
    fn stands_for(&self, p: usize, r: usize) -> Vec<&str> {
        let key = self.keys[p][r].as_str();
        match self.catalog.by_id(key) {
            Some(entry) => {
                let parts = &self.catalog.entry(entry).parts;
                if parts.is_empty() {
                    vec![key]
                } else {
                    parts.iter().map(|s| s.value.as_str()).collect()
                }
            }
            None => vec![key],
        }
    }

    /// The row of plan `p` for the same indicator as row `r` of plan `q`: the same key, or
    /// a composite that covers it, or a part of a composite it is.
    pub fn find_row(&self, p: usize, q: usize, r: usize) -> Option<usize> {
        if let Some(i) = self.row_by_key(p, &self.keys[q][r]) {
            return Some(i);
        }
        let wanted = self.stands_for(q, r);
        (0..self.keys[p].len()).find(|&i| {
            let have = self.stands_for(p, i);
            have.iter().any(|h| wanted.contains(h))
        })
    }

    /// The indicators plan `p` must carry: every row of every ancestor, nearest first, each
    /// indicator once (the nearest ancestor that has it), filtered by what that ancestor
    /// requires of its children (`requirements.indicators`: all, or binding only).
    ///
    /// They are the parent's business: computed once per parent and shared by its children.
    pub fn carried(&self, p: usize) -> &[(usize, usize)] {
        match self.plans.parent(p) {
            Some(q) => self.cache[q]
                .carried_below
                .get_or_init(|| self.carried_below(q)),
            None => &[],
        }
    }

    /// The rows plan `p` must carry ([`World::carried`]), each with the plan's row for it
    /// ([`World::find_row`]) and the verdict of comparing the two ([`World::compare`]).
    /// Several rules walk these pairs; the comparisons are made once.
    pub fn matched(&self, p: usize) -> &[Carried] {
        self.cache[p].matched.get_or_init(|| {
            self.carried(p)
                .iter()
                .map(|&(ancestor, ancestor_row)| {
                    let row = self.find_row(p, ancestor, ancestor_row);
                    let wanted = (ancestor, ancestor_row);
                    let verdict = row.map(|r| verdict_index(&self.compare((p, r), wanted).verdict));
                    let small = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
                    Carried {
                        ancestor: small(ancestor),
                        ancestor_row: small(ancestor_row),
                        row: row.map_or(u32::MAX, small),
                        verdict: verdict.map_or(u8::MAX, |i| i as u8),
                        units_convert: row.is_none_or(|r| self.units_convert((p, r), wanted)),
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
    pub fn compare(
        &self,
        (p, r): (usize, usize),
        (q, s): (usize, usize),
    ) -> planlint_target::Comparison {
        let (c, a) = (&self.readings[p][r], &self.readings[q][s]);
        planlint_target::compare(
            &c.target,
            &c.context,
            &a.target,
            &a.context,
            c.better.or(a.better),
        )
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

    /// What a child of plan `q` must carry: the rows of `q` and of its ancestors, nearest
    /// first, each indicator once.
    fn carried_below(&self, q: usize) -> Vec<(usize, usize)> {
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut out = Vec::new();
        for a in std::iter::once(q).chain(self.plans.ancestors(q)) {
            let plan = self.plan(a);
            let binding_only = plan
                .requirements
                .as_ref()
                .and_then(|r| r.indicators.as_ref())
                .is_some_and(|i| i.value == RequiredIndicators::Binding);
            for (r, row) in plan.indicators.iter().enumerate() {
                if !seen.insert(self.keys[a][r].as_str()) {
                    continue;
                }
                if binding_only && row.nature() != Nature::Binding {
                    continue;
                }
                out.push((a, r));
            }
        }
        out
    }
}

/// A verdict's name, as scripts see it.
pub fn verdict_name(verdict: &planlint_target::Verdict) -> &'static str {
    VERDICTS[verdict_index(verdict)]
}

/// A verdict's place in [`VERDICTS`].
fn verdict_index(verdict: &planlint_target::Verdict) -> usize {
    use planlint_target::Verdict;
    match verdict {
        Verdict::Stricter => 0,
        Verdict::Equal { .. } => 1,
        Verdict::Weaker { .. } => 2,
        Verdict::NotComparable(_) => 3,
    }
}

fn key(catalog: &Catalog, row: &Indicator, reading: &Reading) -> String {
    match reading.matched {
        Some(m) => catalog.entry(m.entry).id.value.clone(),
        None => format!("~{}", normalise(&row.name.value)),
    }
}

/// A place a rule can report at: a position in a plan's file.
#[derive(Clone, Debug)]
pub struct At {
    pub plan: usize,
    pub pos: Pos,
    /// The indicator's name as printed, where the place is in a row.
    pub indicator: Option<String>,
}

/// How views reach the world: through a handle made for each run, so that the many views
/// a script makes and drops count references on their own thread's handle, not all on the
/// world's one counter (which threads would fight over).
pub type WorldRef = Arc<Arc<World>>;

/// A read-only view of a plan.
#[derive(Clone, Debug)]
pub struct PlanView {
    pub w: WorldRef,
    pub p: usize,
}

/// A read-only view of a table row.
#[derive(Clone, Debug)]
pub struct RowView {
    pub w: WorldRef,
    pub p: usize,
    pub r: usize,
}

/// A read-only view of a heading.
#[derive(Clone, Debug)]
pub struct SectionView {
    pub w: WorldRef,
    pub p: usize,
    /// Index in the plan's sections, depth first.
    pub s: usize,
}

/// A read-only view of a target stated in the text.
#[derive(Clone, Debug)]
pub struct TextView {
    pub w: WorldRef,
    pub p: usize,
    pub t: usize,
}

impl PlanView {
    pub fn plan(&self) -> &Plan {
        self.w.plan(self.p)
    }

    pub fn at(&self, key: &str) -> At {
        At {
            plan: self.p,
            pos: self.plan().key_pos(key),
            indicator: None,
        }
    }
}

impl RowView {
    pub fn row(&self) -> &Indicator {
        &self.w.plan(self.p).indicators[self.r]
    }

    pub fn reading(&self) -> &Reading {
        &self.w.readings[self.p][self.r]
    }

    pub fn key(&self) -> &str {
        &self.w.keys[self.p][self.r]
    }

    /// The place of one of the row's fields; the row itself when the field is absent.
    pub fn at(&self, field: &str) -> At {
        let row = self.row();
        let pos = match field {
            "name" => Some(row.name.pos),
            "unit" => row.unit.as_ref().map(|s| s.pos),
            "domain" => row.domain.as_ref().map(|s| s.pos),
            "no" => row.no.as_ref().map(|s| s.pos),
            "baseline" => row.baseline.as_ref().map(|s| s.pos),
            "target" => row.target.as_ref().map(|s| s.pos),
            "nature" => row.nature.as_ref().map(|s| s.pos),
            "id" => row.id.as_ref().map(|s| s.pos),
            _ => None,
        };
        At {
            plan: self.p,
            pos: pos.unwrap_or(row.pos),
            indicator: Some(row.name.value.clone()),
        }
    }

    /// How the row's name matched the catalog: `id`, `name`, `normalised`, `similar`, or
    /// `""` when it did not.
    pub fn matched_by(&self) -> &'static str {
        match self.reading().matched.map(|m| m.kind) {
            Some(MatchKind::Id) => "id",
            Some(MatchKind::Name) => "name",
            Some(MatchKind::Normalised) => "normalised",
            Some(MatchKind::Folded { .. }) => "folded",
            Some(MatchKind::Similar { .. }) => "similar",
            None => "",
        }
    }
}

impl SectionView {
    /// The section and its depth (1 for a top-level heading).
    pub fn section(&self) -> (&Section, usize) {
        self.w.cache[self.p].section(self.w.plan(self.p), self.s)
    }
}

impl TextView {
    pub fn target(&self) -> &planlint_model::TextTarget {
        &self.w.plan(self.p).targets_in_text[self.t]
    }

    pub fn reading(&self) -> &Reading {
        &self.w.text_readings[self.p][self.t]
    }
}
