//! Robustness: hostile input parses, without panicking, in bounded time.

use std::time::{Duration, Instant};

use planlint_target::{parse, Form, ParseIssue};

/// Parses `text`, checks it took well under a second, and returns the form.
fn timed(text: &str) -> Form {
    let start = Instant::now();
    let target = parse(text);
    let _ = target.to_string();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "took {:?}",
        start.elapsed()
    );
    target.form
}

#[test]
fn hostile_strings() {
    let megabyte = "9".repeat(1 << 20);
    assert!(matches!(
        timed(&megabyte),
        Form::Unreadable { reason: ParseIssue::TooLong { chars } } if chars == 1 << 20
    ));

    let signs = "≥".repeat(10_000);
    assert!(matches!(
        timed(&signs),
        Form::Unreadable {
            reason: ParseIssue::TooLong { .. }
        }
    ));

    let mixed = "城镇≥80，".repeat(5_000);
    assert!(matches!(
        timed(&mixed),
        Form::Unreadable {
            reason: ParseIssue::TooLong { .. }
        }
    ));

    // Just under the limit: parts, names and numbers all tried, still fast.
    let near_limit = "城镇稳定在80左右，".repeat(40);
    let _ = timed(&near_limit[..near_limit.len() - "，".len()]);
    let near_limit = "城".repeat(399);
    let _ = timed(&near_limit);
    let digits = format!("{}.5", "9".repeat(398));
    assert!(matches!(
        timed(&digits),
        Form::Unreadable {
            reason: ParseIssue::BadNumber { .. }
        }
    ));

    for text in [
        "1e308",
        "NaN",
        "-0",
        "inf",
        "-inf",
        "+5",
        "1e-308",
        "0.0000000000000001",
        "≥",
        "<",
        "%",
        "左右左右左右",
        "力争力争",
        "比基期降低",
        "每年降低个百分点",
        "1..2",
        "1-",
        "-1-2",
        "--5",
        "\u{0}\u{1}\u{7f}",
        "\u{202e}≥25",
        "≥\u{200b}25",
        "ℵ₀",
        "🙂",
        "≥25🙂",
        "Ⅻ",
        "١٢٣",
        "𝟗𝟎",
        "\u{FFFD}",
        "城镇:",
        ":80",
        "城镇：：80",
        "，，，",
        "、",
        "10000000000000000000000000",
    ] {
        let _ = timed(text);
    }

    // A value far beyond f64 is unreadable, never infinite.
    let huge = format!("≥1{}", "0".repeat(350));
    assert!(matches!(
        timed(&huge),
        Form::Unreadable {
            reason: ParseIssue::BadNumber { .. }
        }
    ));
}
