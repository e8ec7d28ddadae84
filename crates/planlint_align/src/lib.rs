//! How a plan stands against the plans above it: the one judgement the rules and the
//! review report share.
//!
//! A check asks the same questions of every plan, and two consumers ask them: the Rhai
//! rules (through the engine's script API) and the review report. Both ask this crate, so
//! they cannot disagree by construction:
//!
//! - [`World`]: the plans of one check with every row read once ([`planlint_model::Reading`]),
//!   the indicator key of each row, the rows a plan must carry ([`World::carried`]), the plan's
//!   row for each ([`World::find_row`]) and how the two compare ([`World::compare`]).
//! - [`Standing`] and [`World::pairs`]: each carried row with the plan's row and its standing
//!   — stricter, equal, weaker, not comparable, or *not compared* because a unit label does
//!   not fit its values or the two rows measure different quantities. That last policy is
//!   written once, here ([`World::standing`]); a rule asking for weaker pairs never sees a
//!   pair whose units are in doubt.
//! - [`World::coverage`]: the section topics the ancestors require and the heading that
//!   covers each.
//! - [`World::cites`]: whether a plan's basis cites another plan.
//! - [`exempt`]: a plan's exemptions matched to findings on what the findings are about (the
//!   indicator, its catalog id, the section topic), never on their wording.
//!
//! **Invariant:** pure — no I/O, no scripting. The world is the same whatever the number of
//! threads it was built on, and every cached answer is a function of the plans alone.

mod baseline;
mod citations;
mod exempt;
mod fold;
mod parallel;
mod sections;
mod standing;
mod world;

pub use baseline::{disagree, BaselineVerdict, Baselines, Origin, Quiet, Stated};
pub use citations::{citation_core, cites, cites_folded};
pub use exempt::{exempt, STALE_EXEMPTION};
pub use fold::folded;
pub use parallel::{parallel_map, parallel_map_with};
pub use sections::Topic;
pub use standing::Standing;
pub use world::{Pair, Waiver, World};
