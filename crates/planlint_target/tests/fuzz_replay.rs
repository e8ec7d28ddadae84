//! Replays the `target_parse` fuzzing corpus of `fuzz/` (and every input that once
//! failed, kept under `fuzz/regressions/`) as an ordinary test, through the same calls and
//! the same round-trip assertion as the fuzz target, so `cargo test` re-checks what fuzzing
//! found.

#[path = "../../../fuzz/replay.rs"]
mod replay;

#[test]
fn target_parse_corpus() {
    let files = replay::inputs(&["target_parse"]);
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        // A failure names the input: the assertion's message has the text, not the file.
        eprintln!("{}", path.display());
        planlint_target::fuzzing::target_parse(text);
    }
}
