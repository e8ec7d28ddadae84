//! The verdict on a plan, and what keeps it from being given.
//!
//! A verdict is earned: **通过** and **通过，但有警告** are said only of a plan that was read,
//! has a parent found in the repository, an indicator table read, a table above it to
//! compare with, and its headings read where sections are required; otherwise the verdict is
//! **无法判定**, with each [`Gap`] named. **不通过** needs one error the plan does not exempt:
//! a defect found is a defect whatever else could not be looked at, and the gaps are named
//! beside it. Problems of reading (the importer's, a file's loading errors, a rule that
//! failed) are the tool's: they are [`Report::problems`], never counted as the plan's errors,
//! and never make a verdict 不通过.

use crate::{Outcome, Report};
use planlint_align::World;
use planlint_diagnostics::{Counts, Diagnostic, Lang};
use planlint_model::Level;

/// Something the check could not look at, which keeps the verdict from being given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    /// The file could not be read as a plan.
    Unreadable,
    /// The file is a reference copy of a higher plan, kept as a parent: not a submission.
    Reference,
    /// Part of the file could not be read, or a rule failed on it.
    Incomplete,
    /// The plan names a parent the repository does not hold, or names none.
    NoParent,
    /// The plan has a parent, but no plan above it has an indicator table to compare with.
    ParentTable,
    /// No indicator table was read from the plan, though it has indicators to carry.
    NoTable,
    /// No heading was read from the plan, though sections are required of it.
    NoHeadings,
}

impl Gap {
    /// A few words, for a table cell.
    pub fn word(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Gap::Unreadable => (
                "文件未能作为规划读取",
                "the file could not be read as a plan",
            ),
            Gap::Reference => (
                "上级规划的对照副本，不作审查",
                "a reference copy of a higher plan, not reviewed",
            ),
            Gap::Incomplete => ("部分内容未能读取", "part of the file could not be read"),
            Gap::NoParent => ("未找到上级规划", "parent not found"),
            Gap::ParentTable => (
                "上级规划的指标表未录入",
                "the parent's indicator table is unknown",
            ),
            Gap::NoTable => ("未读到本规划的指标表", "no indicator table read"),
            Gap::NoHeadings => ("未读到本规划的章节标题", "no headings read"),
        };
        crate::words::pick(lang, zh, en)
    }

    /// A sentence saying what was not checked and what to do, for the report's verdict.
    pub fn sentence(self, report: &Report, lang: Lang) -> String {
        let parent = report
            .ancestors
            .first()
            .map(|p| format!("《{}》", crate::words::title(p)));
        let stand_in = stand_in(report);
        match (self, lang) {
            (Gap::Unreadable, Lang::Zh) => "文件未能作为规划读取，原因见“读取问题”。".into(),
            (Gap::Unreadable, Lang::En) => "The file could not be read as a plan; see the reading problems.".into(),
            (Gap::Reference, Lang::Zh) => "本文件是上级规划的对照副本，供下级规划对照，不作为报送规划审查。".into(),
            (Gap::Reference, Lang::En) => "This file is a reference copy of a higher plan, kept for the plans below it to be compared with; it is not reviewed as a submission.".into(),
            (Gap::Incomplete, Lang::Zh) => "部分内容未能读取，或有检查规则未能运行，见“读取问题”；相关内容未作核对。".into(),
            (Gap::Incomplete, Lang::En) => "Part of the file could not be read, or a rule failed; see the reading problems. What they concern was not checked.".into(),
            (Gap::NoParent, Lang::Zh) => "未找到上级规划，指标和章节均未与上级对照。请在规划中写明所依据的上级规划，或用 --parent 指定（候选见“读取问题”）。".into(),
            (Gap::NoParent, Lang::En) => "No parent plan was found, so nothing was compared with a plan above. Name the plan it implements, or give it with --parent (candidates among the reading problems).".into(),
            (Gap::ParentTable, Lang::Zh) => {
                let parent = parent.as_deref().unwrap_or("上级规划");
                match &stand_in {
                    Some(s) => format!(
                        "{parent}的指标表未录入，未能核对其指标要求；指标暂以《{s}》为对照。"
                    ),
                    None => format!("{parent}及其上级规划的指标表均未录入，指标无从对照。"),
                }
            }
            (Gap::ParentTable, Lang::En) => match &stand_in {
                Some(s) => format!(
                    "The parent's indicator table is not recorded, so its requirements were not checked; the indicators were compared with {s} meanwhile."
                ),
                None => "No plan above has its indicator table recorded: the indicators could not be compared.".into(),
            },
            (Gap::NoTable, Lang::Zh) => "未读到本规划的指标表（可能是图片，或表格版式未能识别），指标未作核对。".into(),
            (Gap::NoTable, Lang::En) => "No indicator table was read from the plan (a picture, or a layout not recognised): the indicators were not checked.".into(),
            (Gap::NoHeadings, Lang::Zh) => "未读到本规划的章节标题，上级要求的章节未作核对。".into(),
            (Gap::NoHeadings, Lang::En) => "No heading was read from the plan: the sections the parent requires were not checked.".into(),
        }
    }

    /// The gaps of plan `p` of `world` (not of an unreadable file: that is
    /// [`Gap::Unreadable`] alone). `incomplete`: a problem left its check incomplete.
    pub fn of(world: &World, p: usize, incomplete: bool) -> Vec<Gap> {
        // (Only a plan naming no parent is asked: the answer matters for it alone.)
        let top = world.plan(p).parent.is_none() && is_top(world, p);
        Gap::knowing_children(world, p, incomplete, top)
    }

    /// [`Gap::of`], where whether the plan is the parent of others is known apart
    /// (`parent_of_others`): a check taken in parts holds a plan's ancestors, not its
    /// children.
    pub fn knowing_children(
        world: &World,
        p: usize,
        incomplete: bool,
        parent_of_others: bool,
    ) -> Vec<Gap> {
        let plan = world.plan(p);
        if plan.is_reference() {
            return vec![Gap::Reference];
        }
        let ancestors = world.plans.ancestors(p);
        let mut gaps = Vec::new();
        if incomplete {
            gaps.push(Gap::Incomplete);
        }
        let pairs = world.pairs(p);
        // A plan that names no parent and is the parent of others is the top of the
        // repository (a province's own repository, say): where comparison starts, not a
        // plan whose parent is missing.
        let no_parent = match &plan.parent {
            Some(_) => ancestors.is_empty(),
            None => plan.level() != Some(Level::National) && !parent_of_others,
        };
        // The plan implements its parent: a higher plan's table stands in for an unknown
        // one (and its findings are given), but the verdict waits for the parent's own.
        let parent_unknown = ancestors
            .first()
            .is_some_and(|&a| world.plan(a).indicators_unknown.is_some());
        if no_parent {
            gaps.push(Gap::NoParent);
        } else if parent_unknown {
            gaps.push(Gap::ParentTable);
        }
        if plan.indicators.is_empty() && !pairs.is_empty() {
            gaps.push(Gap::NoTable);
        }
        if plan.sections.is_empty() && !world.coverage(p).is_empty() {
            gaps.push(Gap::NoHeadings);
        }
        gaps
    }
}

/// The title of the nearest plan above whose indicator table is known: it stands in for a
/// parent's unknown table.
pub(crate) fn stand_in(report: &Report) -> Option<&str> {
    report
        .ancestors
        .iter()
        .find(|a| !a.table_unknown)
        .map(crate::words::title)
}

/// Whether plan `p` is the parent of another plan of the world.
fn is_top(world: &World, p: usize) -> bool {
    (0..world.plans.plans().len()).any(|q| world.plans.parent(q) == Some(p))
}

/// The verdict from the plan's own findings' counts and the gaps.
pub(crate) fn outcome(counts: Counts, gaps: &[Gap]) -> Outcome {
    if gaps
        .iter()
        .any(|g| matches!(g, Gap::Unreadable | Gap::Reference))
    {
        Outcome::Undetermined
    } else if counts.error > 0 {
        Outcome::Fails
    } else if !gaps.is_empty() {
        Outcome::Undetermined
    } else if counts.warning > 0 {
        Outcome::PassesWithWarnings
    } else {
        Outcome::Passes
    }
}

/// Whether a diagnostic is a problem of reading rather than a finding about the plan: the
/// importer's remarks, and what `blocks` says leaves the check incomplete (a loading error,
/// a rule that failed).
pub(crate) fn is_problem(d: &Diagnostic, blocks: &impl Fn(&Diagnostic) -> bool) -> bool {
    d.code.starts_with("import-") || blocks(d)
}
