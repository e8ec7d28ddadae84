//! A plan's `exemptions` matched to the findings about it.
//!
//! An exemption names a rule and, optionally, an indicator and a section; it covers a
//! finding of that rule whose [`Subject`] says it is about that indicator (by the name as
//! printed, by the catalog id, or by any name the catalog gives the same indicator) and
//! that section (the required topic, or the heading a text target stands under). Matching
//! is on that data, never on a message's wording, so rewording a rule's message cannot
//! make an exemption stale.

use crate::World;
use planlint_diagnostics::{Diagnostic, Subject, Text};
use planlint_model::decode::location;
use planlint_model::names::normalise;
use planlint_model::Exemption;

/// The code of an exemption that covers no finding. Public API, like the rule ids.
pub const STALE_EXEMPTION: &str = "stale-exemption";

/// Marks the findings that plan `p`'s exemptions cover (each finding by the first
/// exemption that covers it), and adds a `stale-exemption` warning for each exemption that
/// covers none. `ran` says which rules ran on the plan to the end: an exemption for a rule
/// that was not selected, or that failed, is not known to be stale, so it is not reported.
pub fn exempt(
    world: &World,
    p: usize,
    mut found: Vec<Diagnostic>,
    ran: impl Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let plan = world.plan(p);
    let mut used = vec![false; plan.exemptions.len()];
    for d in found
        .iter_mut()
        .filter(|d| d.plan.as_deref() == Some(plan.id()))
    {
        if let Some(i) = plan
            .exemptions
            .iter()
            .position(|e| covers(world, e, &d.code, &d.subject))
        {
            d.exemption = Some(plan.exemptions[i].reason.value.clone());
            used[i] = true;
        }
    }
    for (e, used) in plan.exemptions.iter().zip(used) {
        if !used && ran(&e.rule.value) {
            found.push(
                Diagnostic::warning(
                    STALE_EXEMPTION,
                    Text::new(
                        format!("豁免（规则 `{}`）没有对应任何检查结果", e.rule.value),
                        format!(
                            "the exemption for rule `{}` covers no finding",
                            e.rule.value
                        ),
                    ),
                    location(&plan.file, e.rule.pos),
                )
                .with_plan(plan.id())
                .with_help(Text::new(
                    "问题已解决时，请删除这条豁免",
                    "if the problem is gone, remove the exemption",
                )),
            );
        }
    }
    found
}

/// Whether exemption `e` covers a finding of rule `code` about `subject`.
fn covers(world: &World, e: &Exemption, code: &str, subject: &Subject) -> bool {
    if e.rule.value != code {
        return false;
    }
    let indicator_ok = match &e.indicator {
        None => true,
        Some(want) => same_indicator(world, &want.value, subject),
    };
    let section_ok = match &e.section {
        None => true,
        Some(want) => {
            let want = normalise(&want.value);
            !want.is_empty()
                && [&subject.section, &subject.text_section]
                    .into_iter()
                    .flatten()
                    .any(|have| normalise(have).contains(&want))
        }
    };
    indicator_ok && section_ok
}

/// Whether an exemption's `indicator` (a name or a catalog id) is the indicator a finding
/// is about.
fn same_indicator(world: &World, want: &str, subject: &Subject) -> bool {
    let id_of = |name: &str| {
        world
            .catalog
            .lookup(name, None)
            .map(|m| world.catalog.entry(m.entry).id.value.as_str())
    };
    let named = subject
        .indicator
        .as_deref()
        .is_some_and(|have| normalise(want) == normalise(have) || id_of(have) == Some(want));
    let by_id = subject
        .indicator_id
        .as_deref()
        .is_some_and(|id| id == want || id_of(want) == Some(id));
    named || by_id
}
