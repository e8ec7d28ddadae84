//! The overview of many checked plans — a repository, a province's folder — as data: one
//! row per plan with its verdict and counts, and per parent a matrix of the plans that
//! implement it against the indicators they must carry.
//!
//! It is made from the plans' own [`Report`]s and judges nothing: a row's verdict and
//! counts are its report's, a matrix cell is one of its report's indicator lines. So the
//! overview, the report a row links to, the workbook and `check` cannot disagree.
//! [`crate::overview_html`] and [`crate::xlsx`] render it.

use crate::{Gap, IndicatorLine, Outcome, PlanFacts, Report, RowFacts, Verdict};
use planlint_diagnostics::{Counts, Diagnostic};
use std::collections::BTreeMap;

/// The overview of a set of checked plans.
#[derive(Clone, Debug)]
pub struct Overview {
    /// What was looked at, as the user named it (a folder, a file).
    pub scope: String,
    /// One row per plan (and per input that could not be read as one), parents before
    /// their children, then by file.
    pub rows: Vec<PlanRow>,
    /// One matrix per parent of the plans in the rows, in the order of the rows.
    pub groups: Vec<Group>,
    /// Problems that belong to no plan: the configuration, a catalog, a rule.
    pub general: Vec<Diagnostic>,
    /// What made the overview, for the footer (`planlint 0.1.0`).
    pub generator: String,
}

/// One plan in the overview.
#[derive(Clone, Debug)]
pub struct PlanRow {
    /// The plan's report: an index into the reports the overview was made from.
    pub report: usize,
    pub file: String,
    /// `None` for a file that could not be read as a plan.
    pub plan: Option<PlanFacts>,
    /// Its parent, where it was found.
    pub parent: Option<PlanFacts>,
    pub outcome: Outcome,
    pub counts: Counts,
    /// What could not be judged, and why.
    pub gaps: Vec<Gap>,
    pub tally: Tally,
    /// Its parent's matrix: an index into [`Overview::groups`].
    pub group: Option<usize>,
}

/// A plan's indicator lines and section lines, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Indicators it must carry.
    pub carried: usize,
    pub weaker: usize,
    /// Missing rows; 0 for a plan with no table read (nothing can be said of its rows).
    pub missing: usize,
    pub downgraded: usize,
    pub uncomparable: usize,
    /// Stricter or equal.
    pub fine: usize,
    pub sections: usize,
    pub sections_missing: usize,
}

impl Tally {
    pub fn of(report: &Report) -> Tally {
        Tally {
            carried: report.indicators.len(),
            weaker: report.count(Verdict::Weaker),
            missing: if report.has_table {
                report.count(Verdict::Missing)
            } else {
                0
            },
            downgraded: report.downgraded(),
            uncomparable: report.count(Verdict::NotComparable),
            fine: report.count(Verdict::Stricter) + report.count(Verdict::Equal),
            sections: report.sections.len(),
            sections_missing: report.sections_missing(),
        }
    }
}

/// The plans implementing one parent, against the indicators they must carry.
#[derive(Clone, Debug)]
pub struct Group {
    pub parent: PlanFacts,
    pub columns: Vec<Column>,
    /// One per plan: an index into [`Overview::rows`], and a cell per column (`None`
    /// where the plan has no line for that column: it was judged against other ancestors,
    /// or no table was read from it).
    pub members: Vec<(usize, Vec<Option<Cell>>)>,
}

/// One indicator the plans of a group must carry.
#[derive(Clone, Debug)]
pub struct Column {
    /// The ancestor whose row it is (the parent, or a plan above it).
    pub source: PlanFacts,
    /// The ancestor's row.
    pub wanted: RowFacts,
    /// How many plans are weaker, missing it, or dropped its binding nature.
    pub weaker: usize,
    pub missing: usize,
    pub downgraded: usize,
}

/// One plan's standing on one indicator.
#[derive(Clone, Debug)]
pub struct Cell {
    pub verdict: Verdict,
    pub downgraded: bool,
    /// The plan's row, if it has one.
    pub row: Option<RowFacts>,
    /// The plan's reasons, where it explains a finding about the indicator.
    pub explained: bool,
}

impl Cell {
    fn of(line: &IndicatorLine) -> Cell {
        Cell {
            verdict: line.verdict,
            downgraded: line.downgraded,
            row: line.row.clone(),
            explained: !line.exempted.is_empty(),
        }
    }
}

/// Where a column comes from: the ancestor's id and the row's line in its file.
type ColumnKey = (String, u32);

fn column_key(report: &Report, line: &IndicatorLine) -> ColumnKey {
    let id = report
        .ancestors
        .get(line.source)
        .map(|a| a.id.clone())
        .unwrap_or_default();
    (id, line.wanted.line)
}

/// Builds the overview of `reports` (one per plan checked, and one per input that could not
/// be read as a plan). `general` are the problems of no plan; `scope` names what was looked
/// at.
pub fn overview(
    scope: &str,
    reports: &[Report],
    general: Vec<Diagnostic>,
    generator: &str,
) -> Overview {
    // Parents before children (by the level of the parent), then by parent, then by file.
    let mut order: Vec<usize> = (0..reports.len()).collect();
    let key = |i: usize| {
        let r = &reports[i];
        let parent = r.ancestors.first();
        (
            r.plan.is_some(),
            r.ancestors.len(),
            parent.map(|p| p.file.clone()),
            r.file.clone(),
        )
    };
    order.sort_by_key(|&i| key(i));

    let mut rows = Vec::with_capacity(reports.len());
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of: BTreeMap<String, usize> = BTreeMap::new();
    for &i in &order {
        let report = &reports[i];
        let parent = report.ancestors.first().cloned();
        let gaps = report.gaps.clone();
        let group = match (&parent, report.indicators.is_empty()) {
            (Some(parent), false) => {
                Some(*group_of.entry(parent.id.clone()).or_insert_with(|| {
                    groups.push(Group {
                        parent: parent.clone(),
                        columns: Vec::new(),
                        members: Vec::new(),
                    });
                    groups.len() - 1
                }))
            }
            _ => None,
        };
        let row = rows.len();
        rows.push(PlanRow {
            report: i,
            file: report.file.clone(),
            plan: report.plan.clone(),
            parent,
            outcome: report.outcome,
            counts: report.counts,
            tally: Tally::of(report),
            gaps,
            group,
        });
        if let Some(g) = group {
            add_member(&mut groups[g], row, report);
        }
    }
    for group in &mut groups {
        for (_, cells) in &mut group.members {
            cells.resize(group.columns.len(), None);
        }
        for (c, column) in group.columns.iter_mut().enumerate() {
            for (_, cells) in &group.members {
                if let Some(cell) = &cells[c] {
                    column.weaker += usize::from(cell.verdict == Verdict::Weaker);
                    column.missing += usize::from(cell.verdict == Verdict::Missing);
                    column.downgraded += usize::from(cell.downgraded);
                }
            }
        }
    }
    Overview {
        scope: scope.to_string(),
        rows,
        groups,
        general,
        generator: generator.to_string(),
    }
}

/// Adds a plan's indicator lines to its parent's matrix, adding the columns it is the first
/// to carry. Plans of one parent carry the same indicators, so the columns are the same
/// for all; a plan read without a table gets no cells (its rows cannot be judged).
fn add_member(group: &mut Group, row: usize, report: &Report) {
    let mut cells: Vec<Option<Cell>> = vec![None; group.columns.len()];
    let mut index: BTreeMap<ColumnKey, usize> = group
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| ((col.source.id.clone(), col.wanted.line), c))
        .collect();
    for line in &report.indicators {
        let key = column_key(report, line);
        let c = match index.get(&key) {
            Some(&c) => c,
            None => {
                group.columns.push(Column {
                    source: report
                        .ancestors
                        .get(line.source)
                        .cloned()
                        .unwrap_or_else(|| group.parent.clone()),
                    wanted: line.wanted.clone(),
                    weaker: 0,
                    missing: 0,
                    downgraded: 0,
                });
                cells.push(None);
                index.insert(key, group.columns.len() - 1);
                group.columns.len() - 1
            }
        };
        if report.has_table {
            cells[c] = Some(Cell::of(line));
        }
    }
    group.members.push((row, cells));
}

impl Overview {
    /// The rows with a given verdict.
    pub fn with_outcome(&self, outcome: &Outcome) -> usize {
        self.rows.iter().filter(|r| &r.outcome == outcome).count()
    }

    /// The verdicts that occur, most urgent first, each once.
    pub fn outcomes(&self) -> Vec<Outcome> {
        let mut out: Vec<Outcome> = Vec::new();
        for row in &self.rows {
            if !out.contains(&row.outcome) {
                out.push(row.outcome);
            }
        }
        out.sort_by_key(|o| crate::look::outcome(o).rank);
        out
    }

    /// The counts of every row added up.
    pub fn totals(&self) -> Counts {
        let mut total = Counts::default();
        for row in &self.rows {
            total.error += row.counts.error;
            total.warning += row.counts.warning;
            total.info += row.counts.info;
            total.exempted += row.counts.exempted;
        }
        total
    }
}

/// The indicator line a finding is about, matched on its subject (the catalog id, or the
/// indicator's name as either plan prints it), never on its wording.
pub fn line_about<'a>(
    report: &'a Report,
    subject: &planlint_diagnostics::Subject,
) -> Option<&'a IndicatorLine> {
    use planlint_model::names::normalise;
    if let Some(id) = &subject.indicator_id {
        let by_id = report.indicators.iter().find(|l| {
            l.wanted.indicator.as_deref() == Some(id.as_str())
                || l.row.as_ref().and_then(|r| r.indicator.as_deref()) == Some(id.as_str())
        });
        if by_id.is_some() {
            return by_id;
        }
    }
    let name = normalise(subject.indicator.as_deref()?);
    report.indicators.iter().find(|l| {
        normalise(&l.wanted.name) == name
            || l.row.as_ref().is_some_and(|r| normalise(&r.name) == name)
    })
}

/// The plan's own row a finding is about, where it matches no line (a row the plan adds).
pub fn unmatched_about<'a>(
    report: &'a Report,
    subject: &planlint_diagnostics::Subject,
) -> Option<&'a RowFacts> {
    use planlint_model::names::normalise;
    let name = normalise(subject.indicator.as_deref()?);
    report.unmatched.iter().find(|r| normalise(&r.name) == name)
}

/// A target as a reader writes it: the value with its unit (`≥80%`, `14.5/10万`), unless
/// the value already carries it.
pub fn target_text(row: &RowFacts) -> Option<String> {
    let target = row.target.as_deref()?.trim();
    if target.is_empty() {
        return None;
    }
    Some(match row.unit.as_deref().map(str::trim) {
        Some(unit) if !unit.is_empty() && !target.contains(unit) && ends_in_number(target) => {
            format!("{target}{unit}")
        }
        _ => target.to_string(),
    })
}

/// Whether a target ends in a number, so that a unit may follow it (`≥80`, not `稳步提高`).
fn ends_in_number(target: &str) -> bool {
    target.chars().last().is_some_and(|c| c.is_ascii_digit())
}
