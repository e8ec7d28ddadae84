//! `planlint completions SHELL`: a shell completion script.

use crate::cli::Cli;
use crate::write::write_stdout;
use std::process::ExitCode;

/// Runs `planlint completions`.
pub fn run(shell: clap_complete::Shell) -> ExitCode {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "planlint", &mut out);
    match write_stdout(&String::from_utf8_lossy(&out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(()) => ExitCode::from(2),
    }
}
