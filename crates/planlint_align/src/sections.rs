//! Section coverage: the topics a plan's ancestors require of the plans that implement
//! them (`requirements.sections`), and the heading of the plan that covers each.

use crate::World;

/// A section topic an ancestor requires, and the heading that covers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topic {
    /// The topic as the ancestor names it.
    pub topic: String,
    /// The ancestor that requires it (a plan of the world).
    pub source: usize,
    /// The titles the ancestor accepts (the topic itself where it lists none).
    pub accepted: Vec<String>,
    /// The plan's first heading (depth first, an index for [`World::section`]) whose folded
    /// title contains an accepted title folded.
    pub covered_by: Option<usize>,
}

/// The topics plan `p`'s ancestors require, nearest ancestor first, each topic once (by
/// its folded name): a topic named again by a farther ancestor is decided by the nearer.
pub(crate) fn coverage(world: &World, p: usize) -> Vec<Topic> {
    let mut seen: Vec<std::sync::Arc<str>> = Vec::new();
    let mut out = Vec::new();
    for a in world.plans.ancestors(p) {
        let Some(requirements) = &world.plan(a).requirements else {
            continue;
        };
        for required in &requirements.sections {
            let topic = required.topic.value.clone();
            let key = crate::fold::folded(&topic);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let accepted: Vec<String> = if required.any_of.is_empty() {
                vec![topic.clone()]
            } else {
                required.any_of.iter().map(|t| t.value.clone()).collect()
            };
            let covered_by = world.find_section(p, &accepted);
            out.push(Topic {
                topic,
                source: a,
                accepted,
                covered_by,
            });
        }
    }
    out
}
