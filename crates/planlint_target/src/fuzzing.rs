//! What the `target_parse` fuzz target does with one input, with every check it makes,
//! shared by the target in `fuzz/` and the test that replays its corpus
//! (`tests/fuzz_replay.rs`), so the two cannot drift.

use crate::{against_baseline, compare, parse, resolve, sign_conflict, Better, Context, Form};

/// Any text as a target cell. The input is split at the first NUL (or, failing that, the
/// first newline) into a child and a parent target. Each is parsed, resolved with a fixed
/// context for both directions, compared with the other, checked against a baseline, and
/// printed and parsed back: a
/// readable target must read back the same (`Target`'s promise
/// `parse(&t.to_string()).reads_as(&t)`). Panics on any broken promise.
pub fn target_parse(text: &str) {
    let (a, b) = text
        .split_once('\0')
        .or_else(|| text.split_once('\n'))
        .unwrap_or((text, text));
    let child = parse(a);
    let parent = parse(b);
    let ctx = Context::new(2020, 2025).with_baseline(54.49);
    let other = Context::new(2020, 2025).with_baseline(10.0);
    for better in [Some(Better::Higher), Some(Better::Lower), None] {
        let _ = resolve(&child, &ctx, better);
        let _ = resolve(&parent, &other, better);
        let _ = compare(&child, &ctx, &parent, &other, better);
        let _ = compare(&parent, &ctx, &child, &ctx, better);
        if let Some(better) = better {
            let _ = against_baseline(&child, &ctx, better);
            let _ = sign_conflict(&parent, better);
        }
    }
    for target in [&child, &parent] {
        let printed = target.to_string();
        let again = parse(&printed);
        if !matches!(target.form, Form::Unreadable { .. }) {
            assert!(
                again.reads_as(target),
                "{:?} reads as {target:?}, prints as {printed:?}, which reads as {again:?}",
                target.raw,
            );
        }
    }
}
