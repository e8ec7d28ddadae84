//! Any UTF-8 text as the indicator catalog: `Catalog::load` must return diagnostics, never
//! panic; lookups by fixed names, by id and by the input's own first line must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    planlint_model::fuzzing::catalog_text(text);
});
