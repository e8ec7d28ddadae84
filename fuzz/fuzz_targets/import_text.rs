//! Any bytes as a text document: `encoding::decode` and `encoding::read_text` must return
//! text or an error, never panic, and agree with each other. Decoded text has no CR left,
//! an error's offset lies within the input, and the lines are numbered 1, 2, 3 … from the
//! text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    planlint_import::fuzzing::import_text(bytes);
});
