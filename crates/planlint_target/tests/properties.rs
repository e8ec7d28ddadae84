//! Property tests: comparison is antisymmetric and transitive on absolute targets and does
//! not depend on the unit the values are expressed in; parsing never panics; printing and
//! parsing again gives the same target, both for generated targets and for whatever any
//! text reads as (`Target`'s promise `parse(&t.to_string()).reads_as(&t)`).

use planlint_target::{
    compare, parse, Better, Bound, ChangeKind, Context, Dir, Form, GradeClass, Part, Target, Unit,
    Verdict,
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
    fn print_then_parse_is_identity(target in printable_target()) {
        let printed = target.to_string();
        let again = parse(&printed);
        prop_assert_eq!(&again, &target, "printed as {:?}", printed);
    }
}

// Parse ∘ print on text that is not made by printing: whatever a text reads as must print
// as text that reads the same. Random text rarely reads at all, so most cases come from
// the parser's own words, in their order (`near_target`) or in any order (`words`); these
// run more cases than the default, as each is a few microseconds.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn any_text_reads_back(text in "\\PC*") {
        reads_back(&text)?;
    }

    #[test]
    fn target_alphabet_reads_back(
        text in "[0-9０-９.．%％‰<>＜＞≥≤=—\\-~ ,，;；、。:：/()（）万千十岁人口名张个所类项级甲乙等及以上下左右约力争确保比基期年每各全部所有总数的半分之覆盖降低提高增长新个百分点达到不于城镇居民乡稳定在保持维持现持续逐步Oo〇]{0,40}"
    ) {
        reads_back(&text)?;
    }

    #[test]
    fn words_in_any_order_read_back(
        words in proptest::collection::vec(proptest::sample::select(words()), 0..12)
    ) {
        reads_back(&words.concat())?;
    }

    #[test]
    fn near_targets_read_back(text in near_target()) {
        reads_back(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Cells of up to 150 short parts, around the length limit: a cell whose print would be
    /// over it is too long, and any other reads back.
    #[test]
    fn many_parts_read_back(
        parts in proptest::collection::vec(
            (proptest::sample::select(&["e", "城镇", "居民"][..]),
             proptest::sample::select(&["", "2", "减2", "全覆盖", "约3", "——"][..])),
            1..150,
        ),
        colon in any::<bool>(),
    ) {
        let cells: Vec<String> = parts
            .iter()
            .map(|(name, target)| format!("{name}{}{target}", if colon { ":" } else { "" }))
            .collect();
        reads_back(&cells.join(","))?;
    }
}

/// Parses `text` and, when it is readable, checks that its print reads the same.
fn reads_back(text: &str) -> Result<(), TestCaseError> {
    let target = parse(text);
    let printed = target.to_string();
    let again = parse(&printed);
    if !matches!(target.form, Form::Unreadable { .. }) {
        prop_assert!(
            again.reads_as(&target),
            "{:?} reads as {:?}, prints as {:?}, which reads as {:?}",
            text,
            target,
            printed,
            again
        );
    }
    Ok(())
}

/// The parser's own words, signs, units and separators, and some that are not, so that
/// random sequences of them come near every form and every boundary between forms.
fn words() -> Vec<&'static str> {
    let mut words: Vec<&str> =
        "0 1 2 5 9 12 2020 2015年 0.5 . - — ~ 至 到 % ％ ‰ /万 /10万 1/10万 \
         岁 年 天 人 名 张 个 所 亿元 县 ( ) （ ） < > ≥ ≤ = >= , ， ; ； 、 : ： \
         及 以上 以下 以内 及以上 及以下 左右 约 大约 力争 争取 有望 预期 比 较 在 基期 上年 \
         基础上 相比 的 末 每年 年均 降 降低 下降 减少 增 提高 增长 上升 了 个百分点 百分点 \
         达到 达 达到或接近 不低于 不高于 低于 高于 至少 至少有 最多 稳定在 保持在 为 实现 \
         达标 全覆盖 持续 逐步 稳定 保持 保持稳定 同比例 城镇 居民 e 十二五 期间 平均值 —— 无 \
         确保 保持在 稳定在 维持 现有水平 2020年水平 到2035年 2035年 每个 各 每 乡镇 县(区) 旗县 \
         人口 千 万 5万 每千人口 每5万人口 名居民 总数的 旗县总数的 一半 1/3 三分之一 全部 所有 \
         全县所有 均 建成 至少建成 开展 新增 新增床位 3-5 一级 二级 三级 4级 甲等 乙等 三甲 \
         水平 医院 类 项 4类8项 个/5万人 张/千人 。 、 O 〇 零 分别"
            .split_whitespace()
            .collect();
    words.extend([" ", "\0"]);
    words
}

/// One of the words of `text`, split at `|`; an empty word is allowed.
fn one_of(text: &'static str) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(text.split('|').collect::<Vec<_>>())
}

/// Text shaped like a target, one or more parts of it with names, with a word of junk
/// (`words`) anywhere: `力争比基期降低6)%左右`, `城镇:1及及以上, 居民70`.
fn near_target() -> impl Strategy<Value = String> {
    let slots = [
        "|到2035年|力争|约|预期|有望|确保|保持|保持在|维持",
        "|比基期|比2015年|2020年基础上|每年|年均|每个乡镇|各县|每5万人口|每千人口|旗县总数的|所有",
        "|降|降低|提高|增|新增|新增床位|达到|达|不低于|不高于|低于|高于|至少|最多|≥|<|稳定在|建成",
        "0|1|6|0.5|12.5|103-107|1—1.5|2020|3。5|1/3|一半|三|二级甲等|4类8|3-5",
        "|%|‰|/10万|岁|名|个|亿元|个百分点|(%)|及|项|级|乡镇全部|个/万人|现有水平",
        "|以上|及以上|以下|以内|左右|达标|全覆盖|水平",
    ];
    let junk = proptest::option::weighted(0.2, proptest::sample::select(words()));
    let single = slots
        .map(|slot| (one_of(slot), junk.clone()))
        .prop_map(|slots| {
            slots
                .iter()
                .flat_map(|(word, junk)| [*word, junk.unwrap_or("")])
                .collect::<String>()
        });
    let part = (one_of("|城镇|居民:|e|最多|大约低于|提高："), single)
        .prop_map(|(name, target)| format!("{name}{target}"));
    (proptest::collection::vec(part, 1..4), one_of(",|，|；|、"))
        .prop_map(|(parts, separator)| parts.join(separator))
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
                        up_to: None,
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
                    up_to: None,
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
    let range_of_changes = (
        any_value(),
        any_value(),
        change_kind(),
        up_down(),
        any::<(bool, bool)>(),
    )
        .prop_map(|(a, b, kind, direction, (yearly, at_least))| {
            let (amount, high) = if a <= b { (a, b) } else { (b, a) };
            let form = if yearly {
                Form::PerYear {
                    amount,
                    kind,
                    direction,
                    at_least,
                    up_to: Some(high),
                }
            } else {
                Form::Change {
                    amount,
                    kind,
                    direction,
                    from_year: None,
                    at_least,
                    up_to: Some(high),
                }
            };
            Target::new(form, false, false, false)
        });
    let share = (
        0u32..1000,
        1u32..1000,
        any::<bool>(),
        bound(),
        set_name(),
        any::<(bool, bool)>(),
    )
        .prop_map(|(n, d, percent, bound, of, (approx, strive))| {
            let form = Form::Share {
                numerator: f64::from(n),
                denominator: if percent { 100.0 } else { f64::from(d) },
                bound,
                of,
            };
            Target::new(form, approx, strive, true)
        });
    let all = (
        proptest::option::of((1u32..500, proptest::option::of(count_unit()))),
        set_name(),
        any::<bool>(),
    )
        .prop_map(|(count, of, strive)| {
            let (count, unit) = match count {
                Some((n, unit)) => (Some(f64::from(n)), unit),
                None => (None, None),
            };
            // A count with no measure word is read back only before a set's name.
            let unit = if count.is_some() && of.is_none() {
                unit.or(Some(Unit::Count("个".into())))
            } else {
                unit
            };
            Target::new(Form::All { count, unit, of }, false, strive, true)
        });
    let per_unit = (
        set_name().prop_filter("a set is named", Option::is_some),
        any_value(),
        proptest::option::of(count_unit()),
        bound(),
        any::<(bool, bool)>(),
    )
        .prop_map(|(of, value, unit, bound, (words, strive))| {
            let of = of.unwrap_or_default();
            Target::new(
                Form::PerUnit {
                    of,
                    value,
                    unit,
                    bound,
                },
                false,
                strive,
                words,
            )
        });
    let grade = (
        0u8..=20,
        proptest::option::of(prop_oneof![
            Just(GradeClass::C),
            Just(GradeClass::B),
            Just(GradeClass::A),
            Just(GradeClass::Special),
        ]),
        bound(),
        any::<(bool, bool)>(),
    )
        .prop_map(|(level, class, bound, (words, approx))| {
            Target::new(
                Form::Grade {
                    level,
                    class,
                    bound,
                },
                approx,
                false,
                words,
            )
        });
    let at_baseline =
        (bound(), proptest::option::of(1990i32..2030)).prop_map(|(bound, from_year)| {
            Target::new(Form::AtBaseline { bound, from_year }, false, false, true)
        });
    let density = (
        any_value(),
        count_unit(),
        prop_oneof![
            Just(1_000u32),
            Just(10_000),
            Just(30_000),
            Just(50_000),
            Just(100_000),
            Just(1_500)
        ],
        bound(),
        any::<bool>(),
    )
        .prop_map(|(value, count, per, bound, words)| {
            let Unit::Count(count) = count else {
                unreachable!()
            };
            let unit = Some(Unit::Density { count, per });
            Target::new(Form::Value { value, unit, bound }, false, false, words)
        });
    let base = prop_oneof![
        4 => plain,
        1 => range,
        2 => change,
        1 => per_year,
        1 => direction,
        1 => range_of_changes,
        1 => share,
        1 => all,
        1 => per_unit,
        1 => grade,
        1 => at_baseline,
        1 => density,
    ];
    // The flags every form may carry or has settled: `确保`, holding the level, a year.
    (
        base,
        any::<(bool, bool)>(),
        proptest::option::of(2021i32..2040),
    )
        .prop_map(|(target, (firm, hold), year)| {
            target.with_firm(firm).with_hold(hold).with_year(year)
        })
}

/// The name of a set, or none.
fn set_name() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        proptest::sample::select(
            &[
                "乡镇",
                "旗县",
                "县区",
                "建制乡镇",
                "嘎查村卫生室",
                "社区卫生服务中心",
            ][..],
        )
        .prop_map(str::to_owned),
    )
}

/// A measure word.
fn count_unit() -> impl Strategy<Value = Unit> {
    proptest::sample::select(&["个", "所", "家", "张", "名", "项", "辆"][..])
        .prop_map(|label| Unit::Count(label.into()))
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

/// Found by `words_in_any_order_read_back`: a set named after its count that begins with a
/// letter reading as zero.
#[test]
fn a_set_beginning_with_a_zero_letter_reads_back() {
    reads_back("一级0(〇年均").unwrap();
}
