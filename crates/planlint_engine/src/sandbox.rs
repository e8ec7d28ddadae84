//! The sandbox every rule runs in: a bare rhai engine, its [`Limits`], and the script API
//! registered on it.
//!
//! **Invariant:** the sandbox starts from a bare engine: no modules, no `eval`, no I/O, and
//! `print`/`debug` go nowhere. Every run is bounded by [`Limits`].

use rhai::{Dynamic, Engine, EvalAltResult, Position};
use std::time::Duration;

/// The limits every rule run is held to.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub operations: u64,
    pub call_levels: usize,
    pub expr_depth: usize,
    pub string_size: usize,
    pub array_size: usize,
    pub map_size: usize,
    pub time: Duration,
    /// Findings one run may report.
    pub reports: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            operations: 5_000_000,
            call_levels: 32,
            expr_depth: 64,
            string_size: 64 * 1024,
            array_size: 100_000,
            map_size: 10_000,
            time: Duration::from_secs(2),
            reports: 10_000,
        }
    }
}

/// Builds the sandboxed engine with the whole script API.
pub fn engine(limits: &Limits) -> Engine {
    let mut engine = Engine::new_raw();
    // The language core (operators, strings, arrays, maps) and nothing that reaches out:
    // rhai has no file or network functions, and modules are compiled out (`no_module`).
    engine.register_global_module(rhai::packages::Package::as_shared_module(
        &rhai::packages::StandardPackage::new(),
    ));
    engine.disable_symbol("eval");
    engine.on_print(|_| {});
    engine.on_debug(|_, _, _| {});
    engine.set_max_operations(limits.operations);
    engine.set_max_call_levels(limits.call_levels);
    engine.set_max_expr_depths(limits.expr_depth, limits.expr_depth);
    engine.set_max_string_size(limits.string_size);
    engine.set_max_array_size(limits.array_size);
    engine.set_max_map_size(limits.map_size);
    engine.set_max_variables(1_000);
    engine.set_max_functions(1_000);
    engine.on_progress(|ops| {
        // Checking the clock every operation would cost more than the rules do.
        if ops % 4096 == 0 && crate::run::time_is_up() {
            Some(Dynamic::from("time limit"))
        } else {
            None
        }
    });
    crate::views::register(&mut engine);
    crate::records::register(&mut engine);
    crate::queries::register(&mut engine);
    crate::report::register(&mut engine);
    engine
}

/// A script error with `message`.
pub(crate) fn err(message: impl Into<String>) -> Box<EvalAltResult> {
    Box::new(EvalAltResult::ErrorRuntime(
        Dynamic::from(message.into()),
        Position::NONE,
    ))
}
