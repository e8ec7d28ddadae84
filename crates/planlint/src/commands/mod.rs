//! One file per command. Each has a `run` that takes its parsed arguments and returns the
//! exit status; none calls back into `main`.

pub mod baseline;
pub mod check;
pub mod completions;
pub mod import;
pub mod init;
pub mod lsp;
pub mod overview;
pub mod report;
pub mod rule;
pub mod schema;
pub mod serve;
pub mod show;
pub mod test_rules;
pub mod watch;
