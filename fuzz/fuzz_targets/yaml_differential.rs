//! Any UTF-8 text through both YAML readers: where the fast path (events → nodes) gives a
//! tree, serde-saphyr must give the same tree, positions included.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    planlint_model::fuzzing::yaml_differential(text);
});
