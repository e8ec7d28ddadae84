//! `planlint schema`: the JSON Schema of plan files, for editors.

use crate::write::write_stdout;
use std::process::ExitCode;

/// Runs `planlint schema`.
pub fn run() -> ExitCode {
    match write_stdout(&planlint_model::schema::plan_schema()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(()) => ExitCode::from(2),
    }
}
