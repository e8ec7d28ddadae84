//! Any text as a target cell. The input is split at the first NUL (or, failing that, the
//! first newline) into a child and a parent target. Each is parsed, resolved with a fixed
//! context for both directions, compared with the other, and printed and parsed back: a
//! readable target must read back the same (`Target`'s promise
//! `parse(&t.to_string()).reads_as(&t)`), so a round trip that changes the reading is a
//! finding like a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    planlint_target::fuzzing::target_parse(text);
});
