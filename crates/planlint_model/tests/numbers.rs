//! Numbers keep their printed form. YAML reads plain numerals in notations of its own —
//! `1e-400` is 0, `0x1F` is 31, `1_000` is 1000, `1e400` is infinity, `-.nan` is `.nan`
//! — and a plan that writes one unquoted must not reach the rules rewritten. Each printed value
//! (`baseline`, `target`, `actual`, `no`, a text target's `target`) is either the text as
//! written or refused with an `invalid-value` problem that says why; each integer field
//! (`period`'s years, `baseline_year`, a text target's `year`, `planlint`) must be a plain
//! decimal integer. Every case is tried in the block and the flow layout, and quoted.

use planlint_model::{codes, load_plan, Plan};

const HEAD: &str = "planlint: 1\nid: p\ntitle: 测试规划\nregion: 某市\nlevel: prefecture\n";
const PERIOD: &str = "period: {start: 2021, end: 2025}\n";

/// The plan read from `text`, and its problems as `code line:column message`.
fn load(text: &str) -> (Option<Plan>, Vec<String>) {
    let (plan, problems) = load_plan("t.plan.yaml", text);
    let problems = problems
        .iter()
        .map(|p| {
            let at = &p.primary.location;
            // The problem points at the value as written.
            let written = &text[at.offset..at.offset + at.len];
            assert!(!written.is_empty(), "{p:?}");
            format!(
                "{} {}:{} {} | {}",
                p.code, at.line, at.column, p.message.en, p.message.zh
            )
        })
        .collect();
    (plan, problems)
}

/// One row whose `key` is `value`, in each layout: a block mapping, a flow mapping, and a
/// flow mapping on a sequence entry of its own.
fn rows(key: &str, value: &str) -> Vec<String> {
    vec![
        format!("{HEAD}{PERIOD}indicators:\n  - name: 婴儿死亡率\n    {key}: {value}\n"),
        format!("{HEAD}{PERIOD}indicators:\n  - {{name: 婴儿死亡率, {key}: {value}}}\n"),
        format!("{HEAD}{PERIOD}indicators:\n- name: 婴儿死亡率\n  {key}: {value}\n"),
    ]
}

fn field<'p>(plan: &'p Plan, key: &str) -> Option<&'p str> {
    let row = plan.indicators.first()?;
    let value = match key {
        "baseline" => &row.baseline,
        "target" => &row.target,
        "no" => &row.no,
        _ => unreachable!(),
    };
    value.as_ref().map(|v| v.value.as_str())
}

/// Numerals plans print, and YAML's words for infinity and not-a-number (which YAML gives
/// as `.inf` and `.nan` whatever the spelling): kept exactly as written, unquoted or
/// quoted. (The rules then report a target such as `.nan` as unreadable.)
#[test]
fn decimal_numerals_and_non_finite_words_are_kept_as_written() {
    for written in [
        "77.0", "0.10", "+12", "012", "-0", "3.880", "1000000", ".5", "-7", ".inf", "-.inf",
        "+.INF", ".nan", "-.nan", ".NaN",
    ] {
        for key in ["baseline", "target", "no"] {
            for quoted in [
                written.to_string(),
                format!("\"{written}\""),
                format!("'{written}'"),
            ] {
                for text in rows(key, &quoted) {
                    let (plan, problems) = load(&text);
                    assert!(problems.is_empty(), "{text}\n{problems:#?}");
                    let plan = plan.unwrap();
                    assert_eq!(field(&plan, key), Some(written), "{text}");
                }
            }
        }
    }
}

/// YAML's own notations, written unquoted: refused, saying which notation it is and what
/// YAML would have made of it; quoted, they are the text they say.
#[test]
fn yaml_notations_are_refused_with_the_reason() {
    let cases = [
        ("1e-400", "scientific notation", "as 0 "),
        ("1.5e-3", "scientific notation", "as 0.0015 "),
        ("1E3", "scientific notation", "as 1000 "),
        ("1e400", "scientific notation", "as +∞ "),
        ("-1e400", "scientific notation", "as -∞ "),
        ("0x1F", "radix notation", "as 31 "),
        ("0o17", "radix notation", "as 15 "),
        ("0b101", "radix notation", "as 5 "),
        ("-0x1F", "radix notation", "as -31 "),
        ("1_000", "underscores", "as 1000 "),
    ];
    for (written, notation, read_as) in cases {
        for key in ["baseline", "target", "no"] {
            for text in rows(key, written) {
                let (plan, problems) = load(&text);
                assert_eq!(problems.len(), 1, "{text}\n{problems:#?}");
                let problem = &problems[0];
                assert!(problem.starts_with(codes::INVALID_VALUE), "{problem}");
                assert!(
                    problem.contains(&format!("`{key}` is written `{written}`")),
                    "{problem}"
                );
                assert!(problem.contains(notation), "{written}: {problem}");
                assert!(problem.contains(read_as), "{written}: {problem}");
                assert!(problem.contains(&format!("`{written}`")), "{problem}");
                // The row is read without the refused value, never with a rewritten one.
                let plan = plan.unwrap();
                assert_eq!(field(&plan, key), None, "{text}");
                assert_eq!(plan.indicators.len(), 1);
            }
            for quoted in [format!("\"{written}\""), format!("'{written}'")] {
                for text in rows(key, &quoted) {
                    let (plan, problems) = load(&text);
                    assert!(problems.is_empty(), "{text}\n{problems:#?}");
                    assert_eq!(field(&plan.unwrap(), key), Some(written), "{text}");
                }
            }
        }
    }
}

/// A text target's `target` and a previous period's `actual` are printed values too.
#[test]
fn text_targets_and_actuals_keep_the_printed_form() {
    let text = format!(
        "{HEAD}{PERIOD}targets_in_text:\n  - {{name: 婴儿死亡率, target: 6.0}}\n  - {{name: 孕产妇死亡率, target: 0x10}}\nprevious_period:\n  period: {{start: 2016, end: 2020}}\n  indicators:\n    - {{name: 婴儿死亡率, actual: 5.50}}\n    - {{name: 孕产妇死亡率, actual: 1_0}}\n"
    );
    let (plan, problems) = load(&text);
    let plan = plan.unwrap();
    assert_eq!(plan.targets_in_text.len(), 1, "{problems:#?}");
    assert_eq!(plan.targets_in_text[0].target.value, "6.0");
    let previous = plan.previous_period.unwrap();
    assert_eq!(
        previous.indicators[0].actual.as_ref().unwrap().value,
        "5.50"
    );
    assert_eq!(previous.indicators[1].actual, None);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].contains("`target` is written `0x10`"),
        "{problems:#?}"
    );
    assert!(
        problems[1].contains("`actual` is written `1_0`"),
        "{problems:#?}"
    );
}

/// Years must be integers written plainly: YAML's other integer notations, a plus sign and
/// leading zeros (which YAML 1.1 reads as octal) are refused with the way to write them;
/// fractions and non-finite numbers are not integers at all.
#[test]
fn years_are_plain_decimal_integers() {
    for written in [
        "0x7E5",
        "0o3745",
        "0b11111100101",
        "2_021",
        "+2021",
        "02021",
        "2021.0",
        "2.021e3",
    ] {
        for text in [
            format!("{HEAD}period: {{start: {written}, end: 2025}}\n"),
            format!("{HEAD}period:\n  start: {written}\n  end: 2025\n"),
        ] {
            let (plan, problems) = load(&text);
            assert_eq!(problems.len(), 1, "{text}\n{problems:#?}");
            assert!(
                problems[0].contains(&format!(
                    "`start` is written `{written}`; write it as a plain decimal integer, digits only (such as 2021); it was not read"
                )),
                "{problems:#?}"
            );
            assert!(
                problems[0].contains("应写成只含数字的十进制整数（如 2021）"),
                "{problems:#?}"
            );
            assert!(plan.unwrap().period.is_none());
        }
    }
    for written in ["2020.5", "1e400", ".inf", "-.nan"] {
        let text = format!("{HEAD}{PERIOD}baseline_year: {written}\n");
        let (plan, problems) = load(&text);
        assert_eq!(problems.len(), 1, "{text}\n{problems:#?}");
        assert!(
            problems[0].contains(&format!(
                "`baseline_year` is written `{written}`; write it as a plain decimal integer, digits only; it was not read"
            )),
            "{problems:#?}"
        );
        assert!(plan.unwrap().baseline_year.is_none());
    }
    // Text is text: a wrong type, as before.
    let (_, problems) = load(&format!("{HEAD}{PERIOD}baseline_year: '2020'\n"));
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains("`baseline_year` must be an integer, found text"),
        "{problems:#?}"
    );
    // A text target's year and the format version follow the same rule.
    let text = format!(
        "{HEAD}{PERIOD}targets_in_text:\n  - {{name: 婴儿死亡率, target: \"<6\", year: 0x7E9}}\n"
    );
    let (_, problems) = load(&text);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains("`year` is written `0x7E9`"),
        "{problems:#?}"
    );
    let (_, problems) = load(&format!(
        "{}{PERIOD}",
        HEAD.replace("planlint: 1", "planlint: 0o1")
    ));
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains("`planlint` is written `0o1`"),
        "{problems:#?}"
    );
    // A plain year still reads.
    let (plan, problems) = load(&format!("{HEAD}{PERIOD}baseline_year: 2020\n"));
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(plan.unwrap().baseline_year.unwrap().value, 2020);
}

/// A number reached through an alias has lost the way it was written: refused as a printed
/// value, read as a year.
#[test]
fn numbers_through_aliases() {
    let text = format!(
        "{HEAD}period: {{start: &start 2021, end: 2025}}\nbaseline_year: 2020\nindicators:\n  - {{name: 婴儿死亡率, baseline: &b 7.50, target: *b}}\ntargets_in_text:\n  - {{name: 婴儿死亡率, target: \"<6\", year: *start}}\n"
    );
    let (plan, problems) = load(&text);
    let plan = plan.unwrap();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains("`target` refers to a number through the alias `*b`"),
        "{problems:#?}"
    );
    let row = &plan.indicators[0];
    assert_eq!(row.baseline.as_ref().unwrap().value, "7.50");
    assert_eq!(row.target, None);
    assert_eq!(plan.targets_in_text[0].year.as_ref().unwrap().value, 2021);
}
