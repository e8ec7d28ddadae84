//! Any UTF-8 text as a plan file: `load_plan` must return diagnostics, never panic, and
//! a plan it accepts must go through `PlanSet::new` (alone and as its own sibling, which
//! gives two plans with one id).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    planlint_model::fuzzing::load_plan_text(text);
});
