//! The plan hierarchy: which plan implements which, resolved by id across a set of plans.
//!
//! **Invariant:** after [`PlanSet::new`], `parent_of` only ever points at a plan of a
//! strictly higher level and following it always ends at a root: links that would make a
//! cycle, skip to the same or a lower level, or name an unknown plan are reported and cut.
//! So every walk up the tree ([`PlanSet::ancestors_iter`]) terminates.
//!
//! Building the set is linear in the number of plans, whatever the shape of the links: a
//! parent chain of ten thousand plans, or a cycle through all of them, is walked once, and
//! each broken link is reported once, on the plan that wrote it. Each plan's depth is
//! worked out once, so a caller can walk a plan's ancestors without allocating
//! ([`PlanSet::ancestors_iter`]) or ask how deep it is ([`PlanSet::depth`]).

use crate::decode::{codes, location};
use crate::plan::Plan;
use planlint_diagnostics::{Diagnostic, Label, Text};
use std::collections::BTreeMap;

/// A set of loaded plans with their parent links resolved.
#[derive(Debug, Default)]
pub struct PlanSet {
    plans: Vec<Plan>,
    parent_of: Vec<Option<usize>>,
    /// How many links each plan is below its root.
    depth: Vec<usize>,
    by_id: BTreeMap<String, usize>,
}

impl PlanSet {
    /// Resolves parent links. Plans are kept in the order given; the first plan with an id
    /// owns it, and later ones are reported as `duplicate-id` and take no part in the
    /// hierarchy.
    pub fn new(plans: Vec<Plan>) -> (PlanSet, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut by_id = BTreeMap::new();
        for (i, plan) in plans.iter().enumerate() {
            let Some(id) = &plan.id else { continue };
            match by_id.get(&id.value) {
                None => {
                    by_id.insert(id.value.clone(), i);
                }
                Some(&first) => {
                    let other: &Plan = &plans[first];
                    let other_pos = other.id.as_ref().map(|s| s.pos).unwrap_or(other.pos);
                    diagnostics.push(
                        Diagnostic::error(
                            codes::DUPLICATE_ID,
                            Text::new(
                                format!("计划标识 `{}` 与另一个文件重复", id.value),
                                format!("plan id `{}` is already used by another file", id.value),
                            ),
                            location(&plan.file, id.pos),
                        )
                        .with_plan(&id.value)
                        .with_related(
                            Text::new("首次使用于此", "first used here"),
                            Label::new(location(&other.file, other_pos)),
                        )
                        .with_help(Text::new(
                            "每个计划的 id 在仓库中必须唯一",
                            "every plan's id must be unique in the repository",
                        )),
                    );
                }
            }
        }

        let mut parent_of = vec![None; plans.len()];
        for (i, plan) in plans.iter().enumerate() {
            if !owns_id(&by_id, plan, i) {
                continue;
            }
            let Some(parent) = &plan.parent else { continue };
            let here = location(&plan.file, parent.pos);
            let Some(&p) = by_id.get(&parent.value) else {
                diagnostics.push(
                    Diagnostic::error(
                        codes::MISSING_PARENT,
                        Text::new(
                            format!("找不到上级规划 `{}`", parent.value),
                            format!("parent plan `{}` was not found", parent.value),
                        ),
                        here,
                    )
                    .with_plan(plan.id())
                    .with_help(Text::new(
                        "把上级规划的文件加入检查范围，或改正 parent 的值",
                        "add the parent plan's file to the paths checked, or correct `parent`",
                    )),
                );
                continue;
            };
            let parent_plan = &plans[p];
            if p == i {
                diagnostics.push(
                    Diagnostic::error(
                        codes::HIERARCHY_CYCLE,
                        Text::new("规划以自身为上级", "the plan names itself as its parent"),
                        here,
                    )
                    .with_plan(plan.id()),
                );
                continue;
            }
            if let (Some(child), Some(up)) = (plan.level(), parent_plan.level()) {
                if up >= child {
                    diagnostics.push(
                        Diagnostic::error(
                            codes::HIERARCHY_LEVEL,
                            Text::new(
                                format!(
                                    "上级规划 `{}` 为{}，不高于本规划的{}",
                                    parent.value,
                                    up.zh(),
                                    child.zh()
                                ),
                                format!(
                                    "parent `{}` is {}, not above this {} plan",
                                    parent.value,
                                    up.as_str(),
                                    child.as_str()
                                ),
                            ),
                            here,
                        )
                        .with_plan(plan.id())
                        .with_related(
                            Text::new("上级规划的层级", "the parent's level"),
                            Label::new(location(
                                &parent_plan.file,
                                parent_plan
                                    .level
                                    .as_ref()
                                    .map_or(parent_plan.pos, |l| l.pos),
                            )),
                        ),
                    );
                    continue;
                }
            }
            parent_of[i] = Some(p);
        }

        // Levels strictly decrease along links whose levels are known, but a plan without a
        // level can still close a loop. Walk up from every plan not yet seen and cut the
        // link that closes a cycle, reporting the cycle once. Each plan is walked over
        // once in all (a walk stops at a plan an earlier walk finished), so a chain of
        // ten thousand plans costs ten thousand steps, not fifty million.
        let mut state = vec![Walk::New; plans.len()];
        let mut path = Vec::new();
        for start in 0..plans.len() {
            if state[start] != Walk::New {
                continue;
            }
            path.clear();
            let mut current = start;
            loop {
                state[current] = Walk::OnPath(path.len());
                path.push(current);
                let Some(next) = parent_of[current] else {
                    break;
                };
                match state[next] {
                    Walk::New => current = next,
                    Walk::Done => break,
                    Walk::OnPath(at) => {
                        diagnostics.push(cycle_problem(&plans, &path[at..], current));
                        parent_of[current] = None;
                        break;
                    }
                }
            }
            for &p in &path {
                state[p] = Walk::Done;
            }
        }

        // Every chain now ends at a root: how far each plan is from its root, computed once
        // (a plan's depth is its parent's plus one, so each is worked out from the nearest
        // plan whose depth is known).
        let mut depth = vec![usize::MAX; plans.len()];
        for start in 0..plans.len() {
            path.clear();
            let mut current = start;
            // Climb to a plan whose depth is known, or to a root (whose depth is 0).
            let mut known = loop {
                if depth[current] != usize::MAX {
                    break depth[current];
                }
                match parent_of[current] {
                    Some(p) => {
                        path.push(current);
                        current = p;
                    }
                    None => {
                        depth[current] = 0;
                        break 0;
                    }
                }
            };
            for &p in path.iter().rev() {
                known += 1;
                depth[p] = known;
            }
        }

        (
            PlanSet {
                plans,
                parent_of,
                depth,
                by_id,
            },
            diagnostics,
        )
    }

    pub fn plans(&self) -> &[Plan] {
        &self.plans
    }

    pub fn get(&self, index: usize) -> &Plan {
        &self.plans[index]
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn parent(&self, index: usize) -> Option<usize> {
        self.parent_of[index]
    }

    /// The parent, the grandparent and so on up to the root, as a list.
    ///
    /// Each call walks the whole chain and allocates; a caller that visits every plan
    /// should walk with [`PlanSet::ancestors_iter`] (or ask [`PlanSet::depth`]) instead.
    pub fn ancestors(&self, index: usize) -> Vec<usize> {
        self.ancestors_iter(index).collect()
    }

    /// The parent, the grandparent and so on up to the root, walked without allocating.
    /// Its length ([`ExactSizeIterator::len`]) is the plan's [`PlanSet::depth`].
    pub fn ancestors_iter(&self, index: usize) -> Ancestors<'_> {
        Ancestors {
            parent_of: &self.parent_of,
            next: self.parent_of[index],
            left: self.depth[index],
        }
    }

    /// How many ancestors the plan has: 0 for a root, 1 for a child of a root.
    pub fn depth(&self, index: usize) -> usize {
        self.depth[index]
    }
}

/// The ancestors of a plan, nearest first ([`PlanSet::ancestors_iter`]).
#[derive(Clone, Debug)]
pub struct Ancestors<'s> {
    parent_of: &'s [Option<usize>],
    next: Option<usize>,
    left: usize,
}

impl Iterator for Ancestors<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let here = self.next?;
        self.next = self.parent_of[here];
        self.left = self.left.saturating_sub(1);
        Some(here)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Ancestors<'_> {}

/// Where a plan stands in the walk that finds cycles.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Walk {
    New,
    /// On the path being walked, at this place in it.
    OnPath(usize),
    /// Walked; whatever is above it ends at a root.
    Done,
}

/// The most plans a cycle's message names; a longer cycle is shortened in the middle.
const CYCLE_NAMES: usize = 8;

/// The problem for the cycle `cycle` (plans in the order their parent links go), closed
/// by the parent link of `closing`.
fn cycle_problem(plans: &[Plan], cycle: &[usize], closing: usize) -> Diagnostic {
    let ids: Vec<&str> = cycle.iter().map(|&x| plans[x].id()).collect();
    let (zh, en) = if ids.len() <= CYCLE_NAMES {
        (
            format!("{} → {}", ids.join(" → "), ids[0]),
            format!("{} → {}", ids.join(" → "), ids[0]),
        )
    } else {
        let head = ids[..CYCLE_NAMES - 2].join(" → ");
        let tail = ids[ids.len() - 2..].join(" → ");
        let skipped = ids.len() - CYCLE_NAMES;
        (
            format!(
                "{head} → …（另 {skipped} 个规划）… → {tail} → {}（共 {} 个规划）",
                ids[0],
                ids.len()
            ),
            format!(
                "{head} → … ({skipped} more plans) … → {tail} → {} ({} plans)",
                ids[0],
                ids.len()
            ),
        )
    };
    let plan = &plans[closing];
    let pos = plan.parent.as_ref().map_or(plan.pos, |p| p.pos);
    Diagnostic::error(
        codes::HIERARCHY_CYCLE,
        Text::new(
            format!("上级关系成环：{zh}"),
            format!("the parent links form a cycle: {en}"),
        ),
        location(&plan.file, pos),
    )
    .with_plan(plan.id())
}

fn owns_id(by_id: &BTreeMap<String, usize>, plan: &Plan, index: usize) -> bool {
    plan.id
        .as_ref()
        .is_some_and(|id| by_id.get(&id.value) == Some(&index))
}
