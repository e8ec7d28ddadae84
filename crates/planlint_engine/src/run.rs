//! The state of one rule run on this thread: where its findings go, and when its time is
//! up.

use crate::report::Report;
use crate::sandbox::{err, Limits};
use rhai::EvalAltResult;
use std::cell::RefCell;
use std::time::Instant;

/// The state of the run on this thread.
struct Run {
    reports: Vec<Report>,
    deadline: Instant,
    max_reports: usize,
}

thread_local! {
    static RUN: RefCell<Option<Run>> = const { RefCell::new(None) };
}

/// Starts collecting reports for one run on this thread.
pub(crate) fn begin(limits: &Limits) {
    RUN.with(|r| {
        *r.borrow_mut() = Some(Run {
            reports: Vec::new(),
            deadline: Instant::now() + limits.time,
            max_reports: limits.reports,
        })
    });
}

/// Ends the run on this thread and returns what it reported.
pub(crate) fn end() -> Vec<Report> {
    RUN.with(|r| {
        r.borrow_mut()
            .take()
            .map(|run| run.reports)
            .unwrap_or_default()
    })
}

/// Whether the run on this thread is past its deadline.
pub(crate) fn time_is_up() -> bool {
    RUN.with(|r| {
        r.borrow()
            .as_ref()
            .is_some_and(|run| Instant::now() > run.deadline)
    })
}

/// Keeps a finding of the run on this thread; an error once the run has reported as many
/// as it may.
pub(crate) fn push(report: Report) -> Result<(), Box<EvalAltResult>> {
    RUN.with(|r| {
        let mut run = r.borrow_mut();
        let Some(run) = run.as_mut() else {
            return Err(err("report() called outside a rule run"));
        };
        if run.reports.len() >= run.max_reports {
            return Err(err(format!(
                "too many findings: a rule may report at most {} per plan",
                run.max_reports
            )));
        }
        run.reports.push(report);
        Ok(())
    })
}
