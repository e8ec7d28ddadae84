//! Replays the `target_parse` fuzzing corpus of `fuzz/` (and every input that once
//! failed, kept under `fuzz/regressions/`) as an ordinary test, through the same calls and
//! the same round-trip assertion as the fuzz target, so `cargo test` re-checks what fuzzing
//! found.

use planlint_target::{compare, parse, resolve, Better, Context, Form};
use std::path::Path;

#[test]
fn target_parse_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut files = Vec::new();
    for folder in ["corpus", "regressions"] {
        if let Ok(entries) = std::fs::read_dir(root.join(folder).join("target_parse")) {
            files.extend(entries.filter_map(Result::ok).map(|e| e.path()));
        }
    }
    files.sort();
    assert!(
        !files.is_empty(),
        "fuzz/corpus/target_parse is empty or missing"
    );
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
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
        }
        for target in [&child, &parent] {
            let printed = target.to_string();
            let again = parse(&printed);
            if !matches!(target.form, Form::Unreadable { .. }) {
                assert!(
                    again.reads_as(target),
                    "{}: {:?} reads as {target:?}, prints as {printed:?}, which reads as {again:?}",
                    path.display(),
                    target.raw,
                );
            }
        }
    }
}
