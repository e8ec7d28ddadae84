//! The state of one rule run on this thread: where its findings go, what they weigh, when
//! its time is up, and the failure that ended it.
//!
//! A failure recorded here ([`fail`]) ends the run whatever the script does next: rhai drops
//! the errors of some callbacks (a printing function's, for one), so the engine's progress
//! hook stops the script at its next operation once a failure is recorded, and the run's
//! result is the recorded failure even if the script seemed to finish.

use crate::report::Report;
use crate::sandbox::{err, Limits};
use planlint_diagnostics::Text;
use rhai::{EvalAltResult, Position};
use std::cell::{Cell, RefCell};
use std::time::Instant;

/// The token the progress hook stops a script with.
pub(crate) const STOPPED: &str = "stopped";

/// The limit a run hit, found by the sandbox rather than by rhai: its time, the text of its
/// findings, the nesting of a value it printed or compared.
#[derive(Clone, Debug)]
pub(crate) struct Failure {
    pub message: Text,
    pub at: Position,
}

/// The state of the run on this thread.
struct Run {
    reports: Vec<Report>,
    deadline: Instant,
    max_reports: usize,
    /// Bytes of text the findings may still hold.
    bytes_left: usize,
    max_bytes: usize,
    failure: Option<Failure>,
}

thread_local! {
    static RUN: RefCell<Option<Run>> = const { RefCell::new(None) };
    /// Whether the run on this thread has failed: read on every operation, so kept apart
    /// from the rest.
    static STOP: Cell<bool> = const { Cell::new(false) };
}

/// Starts collecting reports for one run on this thread.
pub(crate) fn begin(limits: &Limits) {
    STOP.with(|s| s.set(false));
    RUN.with(|r| {
        *r.borrow_mut() = Some(Run {
            reports: Vec::new(),
            deadline: Instant::now() + limits.time,
            max_reports: limits.reports,
            bytes_left: limits.report_bytes,
            max_bytes: limits.report_bytes,
            failure: None,
        })
    });
}

/// Ends the run on this thread: what it reported, and the failure recorded, if any.
pub(crate) fn end() -> (Vec<Report>, Option<Failure>) {
    STOP.with(|s| s.set(false));
    RUN.with(|r| {
        r.borrow_mut()
            .take()
            .map(|run| (run.reports, run.failure))
            .unwrap_or_default()
    })
}

/// Whether the run on this thread has failed and must stop.
pub(crate) fn stopped() -> bool {
    STOP.with(Cell::get)
}

/// Whether the run on this thread is past its deadline; the first time it is, the failure
/// is recorded.
pub(crate) fn time_is_up() -> bool {
    let up = RUN.with(|r| {
        r.borrow()
            .as_ref()
            .is_some_and(|run| Instant::now() > run.deadline)
    });
    if up {
        let _ = fail(
            "超出运行时间".to_string(),
            "it ran out of time".to_string(),
            Position::NONE,
        );
    }
    up
}

/// Records that the run hit a limit (the first one counts), stops it, and returns the error
/// to raise where it was found.
pub(crate) fn fail(zh: String, en: String, at: Position) -> Box<EvalAltResult> {
    STOP.with(|s| s.set(true));
    let error = err(en.clone());
    RUN.with(|r| {
        if let Some(run) = r.borrow_mut().as_mut() {
            run.failure.get_or_insert(Failure {
                message: Text::new(zh, en),
                at,
            });
        }
    });
    error
}

/// Keeps a finding of the run on this thread; an error once the run has reported as many
/// as it may, or as much text.
pub(crate) fn push(report: Report) -> Result<(), Box<EvalAltResult>> {
    let size = report.text_bytes();
    let over = RUN.with(|r| {
        let mut run = r.borrow_mut();
        let Some(run) = run.as_mut() else {
            return Some(None);
        };
        if run.reports.len() >= run.max_reports {
            return Some(Some((
                format!("报告的结果过多：每个规划最多 {} 项", run.max_reports),
                format!(
                    "too many findings: a rule may report at most {} per plan",
                    run.max_reports
                ),
            )));
        }
        if size > run.bytes_left {
            let most = run.max_bytes >> 20;
            return Some(Some((
                format!("报告的结果文字过多：每个规划合计最多 {most} MB"),
                format!("its findings hold too much text: at most {most} MB per plan"),
            )));
        }
        run.bytes_left -= size;
        run.reports.push(report);
        None
    });
    match over {
        None => Ok(()),
        Some(None) => Err(err("report() called outside a rule run")),
        Some(Some((zh, en))) => Err(fail(zh, en, Position::NONE)),
    }
}
