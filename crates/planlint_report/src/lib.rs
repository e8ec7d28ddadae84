//! The review report of one checked plan: what a provincial reviewer reads, prints and
//! attaches to a written opinion.
//!
//! [`build`] turns what a check already has — the [`World`] (plans, hierarchy, every row
//! read), the index of the plan under review, and the check's diagnostics — into a
//! [`Report`]: plain data in both languages, with nothing left to compute. [`html()`] and
//! [`markdown()`] render it. The report shows, from the top:
//!
//! - the verdict (passes, passes with warnings, fails, or could not be checked), the counts
//!   by severity, and the plan's and its ancestors' titles, levels and periods;
//! - the indicator table side by side: every indicator the plan must carry (from the parent,
//!   or the nearest ancestor that has it, as the rules take them), the parent's target and
//!   nature, the plan's row or "missing", and the verdict with its reason in words, and a
//!   small bullet chart where both targets are numbers;
//! - the plan's rows that match nothing above it;
//! - the coverage of the sections the ancestors require;
//! - every diagnostic, and the plan's exemptions with its reasons.
//!
//! The verdicts are computed with the rules' own building blocks ([`World::carried`],
//! [`World::find_row`], the rows' [`planlint_model::Reading`]s and
//! [`planlint_target::compare`]), and make the same exceptions the rules make (a unit label
//! that does not fit its value is never compared), so that a row the report calls weaker
//! is a row `weaker-target` reports, and the other way round (tested on the seeds by the
//! `planlint` crate).
//!
//! **Invariant:** no I/O, and no panic on any plan: a plan that could not be read gives a
//! report that says so and lists the problems ([`unreadable`]).
//! **Invariant:** the HTML is escaped by construction: every value from a plan enters
//! through maud's `(…)` interpolation, which escapes it; the only unescaped text is this
//! crate's own stylesheet.

mod build;
mod chart;
mod docx;
mod html;
pub mod look;
mod markdown;
mod opinion;
mod overview;
mod overview_html;
mod verdict;
mod words;
mod xlsx;

pub use build::{build, build_with, unreadable, Detail};
pub use docx::docx;
pub use html::html;
pub use markdown::markdown;
pub use opinion::{opinion, AnnexRow, Block, Opinion};
pub use overview::{overview, Cell, Column, Group, Overview, PlanRow, Tally};
pub use overview_html::overview_html;
pub use verdict::Gap;
pub use xlsx::{xlsx, SHEETS};

use planlint_diagnostics::{Counts, Diagnostic, Text};
use planlint_model::{Level, Nature, Period};

#[cfg(doc)]
use planlint_align::World;

/// The whole report, in both languages.
#[derive(Clone, Debug)]
pub struct Report {
    /// The plan file as the user named it.
    pub file: String,
    /// The plan under review; `None` when the file could not be read as a plan.
    pub plan: Option<PlanFacts>,
    /// Its ancestors, parent first.
    pub ancestors: Vec<PlanFacts>,
    /// The verdict at the top.
    pub outcome: Outcome,
    /// The plan's findings by severity, exempted ones apart (problems of reading are not
    /// counted).
    pub counts: Counts,
    /// What could not be checked: the reasons a verdict is 无法判定, or named beside 不通过.
    pub gaps: Vec<Gap>,
    /// One line per indicator the plan must carry, in the ancestors' table order (nearest
    /// ancestor first).
    pub indicators: Vec<IndicatorLine>,
    /// Whether the plan has an indicator table at all.
    pub has_table: bool,
    /// The plan's rows that match no indicator it must carry.
    pub unmatched: Vec<RowFacts>,
    /// One line per section topic the ancestors require, nearest ancestor first.
    pub sections: Vec<SectionLine>,
    /// Whether the plan records any headings (a plan that records none is not checked for
    /// sections, as `missing-section` does).
    pub has_headings: bool,
    /// The findings about the plan, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Problems of reading, the tool's and not the plan's: the importer's remarks, loading
    /// errors, a rule that failed. Listed apart; never counted as the plan's errors.
    pub problems: Vec<Diagnostic>,
    /// The plan's exemptions.
    pub exemptions: Vec<ExemptionLine>,
    /// What made the report, for the footer (`planlint 0.1.0`).
    pub generator: String,
    /// The rules that ran, with their one-line summaries, so that the verdict can say
    /// what kinds of problem were found in words rather than rule ids. Empty from
    /// [`build`]; the caller fills it where it knows the rules.
    pub rules: Vec<(String, Text)>,
}

/// The verdict on the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// No error and no warning (notes and exempted findings aside).
    Passes,
    /// Warnings, but no error.
    PassesWithWarnings,
    /// At least one error that the plan does not exempt.
    Fails,
    /// 无法判定: something a verdict needs was not checked ([`Report::gaps`] says what).
    Undetermined,
}

/// What a reviewer needs to know to identify a plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanFacts {
    pub id: String,
    pub title: String,
    pub region: Option<String>,
    pub level: Option<Level>,
    pub period: Option<Period>,
    pub file: String,
    pub issuer: Option<String>,
    pub issued: Option<String>,
    /// Whether its indicator table is marked not transcribed (`indicators: unknown`).
    pub table_unknown: bool,
}

/// A table row as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct RowFacts {
    /// The row number as printed.
    pub no: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub baseline: Option<String>,
    pub target: Option<String>,
    /// The nature; a row that gives none counts as expected, as the format says.
    pub nature: Nature,
    /// Whether the row states its nature.
    pub nature_given: bool,
    /// The catalog id the row matched, if any.
    pub indicator: Option<String>,
    /// What the target requires, in words (`不低于25%`, `≥ 25%`).
    pub requirement: Text,
    /// The line of the row in its file.
    pub line: u32,
}

/// How the plan's target stands against the ancestor's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Stricter,
    Equal,
    Weaker,
    NotComparable,
    /// The plan has no row for the indicator.
    Missing,
    /// The plan has no row for the indicator and need not have one: the ancestor asks for
    /// binding rows only, or the indicator is not measured at the plan's level.
    NotRequired,
}

/// One indicator the plan must carry.
#[derive(Clone, Debug)]
pub struct IndicatorLine {
    /// The ancestor the indicator comes from (the parent, or the nearest ancestor that has
    /// it): an index into [`Report::ancestors`].
    pub source: usize,
    /// The ancestor's row.
    pub wanted: RowFacts,
    /// The plan's row, if it has one.
    pub row: Option<RowFacts>,
    pub verdict: Verdict,
    /// The ancestor marks the indicator binding (约束性) and the plan does not.
    pub downgraded: bool,
    /// Why, in words: both requirements and the comparison's notes, or why the two cannot
    /// be compared.
    pub reason: Text,
    /// The picture, where both targets are numbers on one scale.
    pub chart: Option<Chart>,
    /// The plan's reasons, where its exemptions cover a finding about this indicator.
    pub exempted: Vec<String>,
}

/// A small bullet chart: the baseline and both targets on one axis, in the plan's unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Whether a higher value is better; `None` when nothing says (a range such as
    /// 出生人口性别比 103–107, whose indicator has no direction).
    pub higher_is_better: Option<bool>,
    pub unit: Option<String>,
    pub baseline: Option<f64>,
    pub parent: Bar,
    pub plan: Bar,
}

/// What a requirement allows, as a stretch of the axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bar {
    /// At least this value.
    AtLeast(f64),
    /// Above this value (the target says `>`, 以上 not counting it, 超过).
    Above(f64),
    /// At most this value.
    AtMost(f64),
    /// Below this value (the target says `<`, 低于, 不到).
    Below(f64),
    /// Between two values.
    Between(f64, f64),
}

/// One section topic an ancestor requires.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionLine {
    pub topic: String,
    /// The ancestor that requires it: an index into [`Report::ancestors`].
    pub source: usize,
    /// The headings it accepts.
    pub accepted: Vec<String>,
    /// The plan's heading that covers it: number and title.
    pub covered_by: Option<(Option<String>, String)>,
    /// The plan's reason, where an exemption covers the missing topic.
    pub exempted: Option<String>,
}

/// One of the plan's exemptions.
#[derive(Clone, Debug, PartialEq)]
pub struct ExemptionLine {
    pub rule: String,
    pub indicator: Option<String>,
    pub section: Option<String>,
    pub reason: String,
    /// How many findings it covers; 0 is a stale exemption.
    pub covers: usize,
}

impl Report {
    /// The indicator lines with a given verdict.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.indicators
            .iter()
            .filter(|l| l.verdict == verdict)
            .count()
    }

    /// The indicator lines whose nature was downgraded.
    pub fn downgraded(&self) -> usize {
        self.indicators.iter().filter(|l| l.downgraded).count()
    }

    /// Whether the plans above record the natures (约束性/预期性) of the rows this plan must
    /// carry: where none does, "0 downgraded" would claim a check that was not made.
    pub fn natures_known(&self) -> bool {
        self.indicators.iter().any(|l| l.wanted.nature_given)
    }

    /// The ancestor every indicator line comes from, when it is one and the same for all.
    pub fn common_source(&self) -> Option<usize> {
        let first = self.indicators.first()?.source;
        self.indicators
            .iter()
            .all(|l| l.source == first)
            .then_some(first)
    }

    /// The required section topics no heading covers.
    pub fn sections_missing(&self) -> usize {
        if !self.has_headings {
            return 0;
        }
        self.sections
            .iter()
            .filter(|s| s.covered_by.is_none())
            .count()
    }
}

/// Where a finding is, for the report's reader: `file:line:column`, or — for a .docx,
/// whose lines mean nothing to its reader — the file and the paragraph or table cell the
/// importer named in the label.
pub fn place(label: &planlint_diagnostics::Label, lang: planlint_diagnostics::Lang) -> String {
    match &label.text {
        Some(text) => format!("{} {}", label.location.file, text.get(lang)),
        None => label.location.to_string(),
    }
}
