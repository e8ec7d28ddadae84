//! The plan hierarchy: which plan implements which, resolved by id across a set of plans.
//!
//! **Invariant:** after [`PlanSet::new`], `parent_of` only ever points at a plan of a
//! strictly higher level and following it always ends at a root: links that would make a
//! cycle, skip to the same or a lower level, or name an unknown plan are reported and cut.
//! So every walk up the tree ([`PlanSet::ancestors`]) terminates.

use crate::decode::{codes, location};
use crate::plan::Plan;
use planlint_diagnostics::{Diagnostic, Label, Text};
use std::collections::BTreeMap;

/// A set of loaded plans with their parent links resolved.
#[derive(Debug, Default)]
pub struct PlanSet {
    plans: Vec<Plan>,
    parent_of: Vec<Option<usize>>,
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
        // level can still close a loop. Walk up from every plan and cut the link that
        // closes a cycle, reporting the cycle once.
        for start in 0..plans.len() {
            let mut path = vec![start];
            let mut current = start;
            while let Some(next) = parent_of[current] {
                if let Some(at) = path.iter().position(|&x| x == next) {
                    let cycle: Vec<&str> = path[at..].iter().map(|&x| plans[x].id()).collect();
                    let closing = current;
                    let plan = &plans[closing];
                    let pos = plan.parent.as_ref().map_or(plan.pos, |p| p.pos);
                    diagnostics.push(
                        Diagnostic::error(
                            codes::HIERARCHY_CYCLE,
                            Text::new(
                                format!("上级关系成环：{} → {}", cycle.join(" → "), cycle[0]),
                                format!(
                                    "the parent links form a cycle: {} → {}",
                                    cycle.join(" → "),
                                    cycle[0]
                                ),
                            ),
                            location(&plan.file, pos),
                        )
                        .with_plan(plan.id()),
                    );
                    parent_of[closing] = None;
                    break;
                }
                path.push(next);
                current = next;
            }
        }

        (
            PlanSet {
                plans,
                parent_of,
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

    /// The parent, the grandparent and so on up to the root.
    pub fn ancestors(&self, index: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut current = index;
        while let Some(p) = self.parent_of[current] {
            out.push(p);
            current = p;
        }
        out
    }
}

fn owns_id(by_id: &BTreeMap<String, usize>, plan: &Plan, index: usize) -> bool {
    plan.id
        .as_ref()
        .is_some_and(|id| by_id.get(&id.value) == Some(&index))
}
