//! Property tests: comparison is antisymmetric and transitive on absolute targets and does
//! not depend on the unit the values are expressed in; parsing never panics; printing and
//! parsing again gives the same target.

use planlint_target::{
    compare, parse, Better, Bound, ChangeKind, Context, Dir, Form, Part, Target, Unit, Verdict,
};
use proptest::prelude::*;

/// Values on a grid of tenths, so that two distinct values are never within rounding.
fn tenths() -> impl Strategy<Value = f64> {
    (0u32..2000).prop_map(|n| f64::from(n) / 10.0)
}

fn bound() -> impl Strategy<Value = Bound> {
    prop_oneof![
        Just(Bound::Plain),
        any::<bool>().prop_map(|strict| Bound::AtLeast { strict }),
        any::<bool>().prop_map(|strict| Bound::AtMost { strict }),
    ]
}

fn better() -> impl Strategy<Value = Better> {
    prop_oneof![Just(Better::Higher), Just(Better::Lower)]
}

fn absolute(value: f64, bound: Bound) -> Target {
    Target::new(
        Form::Value {
            value,
            unit: None,
            bound,
        },
        false,
        false,
        false,
    )
}

fn verdict_kind(v: &Verdict) -> &'static str {
    match v {
        Verdict::Stricter => "stricter",
        Verdict::Equal { .. } => "equal",
        Verdict::Weaker { .. } => "weaker",
        Verdict::NotComparable(_) => "not comparable",
    }
}

fn at_least_as_strict(v: &Verdict) -> bool {
    matches!(v, Verdict::Stricter | Verdict::Equal { .. })
}

proptest! {
    #[test]
    fn antisymmetry((a, ab) in (tenths(), bound()), (b, bb) in (tenths(), bound()), better in better()) {
        let ctx = Context::default();
        let (a, b) = (absolute(a, ab), absolute(b, bb));
        let forward = compare(&a, &ctx, &b, &ctx, Some(better)).verdict;
        let backward = compare(&b, &ctx, &a, &ctx, Some(better)).verdict;
        let expected = match verdict_kind(&forward) {
            "stricter" => "weaker",
            "weaker" => "stricter",
            other => other,
        };
        prop_assert_eq!(verdict_kind(&backward), expected, "{:?} / {:?}", forward, backward);
    }

    #[test]
    fn transitivity(a in tenths(), b in tenths(), c in tenths(), bound in bound(), better in better()) {
        let ctx = Context::default();
        let (a, b, c) = (absolute(a, bound), absolute(b, bound), absolute(c, bound));
        let ab = compare(&a, &ctx, &b, &ctx, Some(better)).verdict;
        let bc = compare(&b, &ctx, &c, &ctx, Some(better)).verdict;
        if at_least_as_strict(&ab) && at_least_as_strict(&bc) {
            let ac = compare(&a, &ctx, &c, &ctx, Some(better)).verdict;
            prop_assert!(at_least_as_strict(&ac), "{:?}", ac);
            if ab == (Verdict::Equal { note: None }) && bc == (Verdict::Equal { note: None }) {
                prop_assert_eq!(ac, Verdict::Equal { note: None });
            }
        }
    }

    #[test]
    fn unit_invariance(
        (a, ab) in (tenths(), bound()),
        (b, bb) in (tenths(), bound()),
        better in proptest::option::of(better()),
        mixed in any::<bool>(),
    ) {
        let percent = Context::default().with_unit(Unit::Percent);
        let per_mille = Context::default().with_unit(Unit::PerMille);
        let in_percent = compare(&absolute(a, ab), &percent, &absolute(b, bb), &percent, better).verdict;
        // Both in ‰, or (`mixed`) the child in ‰ and the parent still in %.
        let parent_ctx = if mixed { &percent } else { &per_mille };
        let parent_value = if mixed { b } else { b * 10.0 };
        let in_per_mille = compare(
            &absolute(a * 10.0, ab),
            &per_mille,
            &absolute(parent_value, bb),
            parent_ctx,
            better,
        )
        .verdict;
        prop_assert_eq!(verdict_kind(&in_percent), verdict_kind(&in_per_mille));
    }

    #[test]
    fn parse_never_panics(text in "\\PC*") {
        let _ = parse(&text);
    }

    #[test]
    fn parse_never_panics_on_target_alphabet(
        text in "[0-9０-９.．%％‰<>＜＞≥≤=—\\-~ ,，;；、:：/万十岁人名张个以上下左右约力争比基期年每降低提高增长个百分点达到不于城镇居民稳定在保持持续逐步]{0,40}"
    ) {
        let target = parse(&text);
        // Whatever it read, printing it again must not panic either.
        let _ = target.to_string();
    }

    #[test]
    fn print_then_parse_is_identity(target in printable_target()) {
        let printed = target.to_string();
        let again = parse(&printed);
        prop_assert_eq!(&again, &target, "printed as {:?}", printed);
    }
}

/// Any finite, non-negative value with a short decimal expansion or not.
fn any_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        tenths(),
        (0u32..1_000_000).prop_map(f64::from),
        (0.0f64..1e6),
        Just(0.0),
    ]
}

fn unit() -> impl Strategy<Value = Option<Unit>> {
    prop_oneof![
        Just(None),
        Just(Some(Unit::Percent)),
        Just(Some(Unit::PerMille)),
        Just(Some(Unit::Per10k)),
        Just(Some(Unit::Per100k)),
        Just(Some(Unit::Years)),
        Just(Some(Unit::Days)),
        Just(Some(Unit::Count("人".into()))),
        Just(Some(Unit::Count("张".into()))),
        Just(Some(Unit::Other("亿元".into()))),
    ]
}

fn change_kind() -> impl Strategy<Value = ChangeKind> {
    prop_oneof![
        Just(ChangeKind::Percent),
        Just(ChangeKind::Points),
        unit()
            .prop_filter("percent is a relative change", |u| u
                != &Some(Unit::Percent))
            .prop_map(ChangeKind::Absolute),
    ]
}

fn up_down() -> impl Strategy<Value = Dir> {
    prop_oneof![Just(Dir::Up), Just(Dir::Down)]
}

/// A single (not parted) printable target with its flags.
fn single_target() -> impl Strategy<Value = Target> {
    let plain = (any_value(), unit(), bound(), any::<(bool, bool, bool)>()).prop_map(
        |(value, unit, bound, (approx, strive, words))| {
            Target::new(Form::Value { value, unit, bound }, approx, strive, words)
        },
    );
    let range = (any_value(), any_value(), unit(), any::<(bool, bool)>()).prop_map(
        |(a, b, unit, (approx, strive))| {
            let (low, high) = if a <= b { (a, b) } else { (b, a) };
            Target::new(Form::Range { low, high, unit }, approx, strive, false)
        },
    );
    let change = (
        any_value(),
        change_kind(),
        up_down(),
        proptest::option::of(1990i32..2030),
        any::<(bool, bool, bool)>(),
    )
        .prop_map(
            |(amount, kind, direction, from_year, (at_least, approx, strive))| {
                Target::new(
                    Form::Change {
                        amount,
                        kind,
                        direction,
                        from_year,
                        at_least,
                    },
                    approx,
                    strive,
                    false,
                )
            },
        );
    let per_year = (
        any_value(),
        change_kind(),
        up_down(),
        any::<(bool, bool, bool)>(),
    )
        .prop_map(|(amount, kind, direction, (at_least, approx, strive))| {
            Target::new(
                Form::PerYear {
                    amount,
                    kind,
                    direction,
                    at_least,
                },
                approx,
                strive,
                false,
            )
        });
    let direction = (
        prop_oneof![Just(Dir::Up), Just(Dir::Down), Just(Dir::Stable)],
        any::<bool>(),
    )
        .prop_map(|(dir, strive)| Target::new(Form::Direction(dir), false, strive, false));
    prop_oneof![plain, range, change, per_year, direction]
}

fn printable_target() -> impl Strategy<Value = Target> {
    let history = prop_oneof![
        Just("≤十二五期间平均值"),
        Just("达到全国平均水平"),
        Just("≥十三五期间平均值"),
    ]
    .prop_map(|text| {
        Target::new(
            Form::History {
                text: text.to_owned(),
            },
            false,
            false,
            false,
        )
    });
    let parts = proptest::collection::vec(
        (
            prop_oneof![Just("城镇"), Just("居民"), Just("职工"), Just("农村")],
            single_target(),
        ),
        2..4,
    )
    .prop_map(|parts| {
        let parts = parts
            .into_iter()
            .map(|(name, target)| Part {
                name: name.to_owned(),
                target,
            })
            .collect();
        Target::new(Form::Parts(parts), false, false, false)
    });
    prop_oneof![
        6 => single_target(),
        1 => Just(Target::new(Form::Empty, false, false, false)),
        1 => history,
        2 => parts,
    ]
}
