//! The plan data model: plan files read strictly with spans, the plan hierarchy, and the
//! indicator catalog.
//!
//! This crate does no I/O: callers hand it file names and texts. [`load_plan`] reads one
//! plan, [`PlanSet`] resolves the hierarchy across plans, and [`Catalog`] reads the
//! indicator catalog and matches a plan's row names to catalog entries.
//!
//! **API boundary:** the problem codes in [`codes`] are public API.

mod catalog;
pub mod decode;
pub mod fuzzing;
mod hierarchy;
mod load;
pub mod names;
pub mod plan;
pub mod reading;
pub mod schema;
pub mod yaml;

pub use catalog::{Cap, Catalog, Direction, Entry, Match, MatchKind, SIMILARITY_THRESHOLD};
pub use decode::codes;
pub use hierarchy::{Ancestors, PlanSet};
pub use load::{load_plan, FORMAT_VERSION};
pub use plan::*;
pub use reading::{read_row, read_text_target, row_key, Reading, RowReader};
