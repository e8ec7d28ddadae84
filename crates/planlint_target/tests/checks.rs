//! The checks of one target against its own plan, with cases from the real plans:
//! `against_baseline`, `sign_conflict` and `check_unit_label`.

use planlint_target::{
    against_baseline, check_unit_label, parse, sign_conflict, BaselineCheck, Better, Context, Unit,
    UnitLabel,
};

fn ctx(baseline: f64, unit: Unit) -> Context {
    Context::default().with_baseline(baseline).with_unit(unit)
}

/// A name, the target, the baseline, the row unit, the direction, and the expected check.
type BaselineCase = (
    &'static str,
    &'static str,
    f64,
    Unit,
    Better,
    Option<BaselineCheck>,
);

#[test]
fn against_baseline_cases() {
    use Better::{Higher, Lower};
    let cases: &[BaselineCase] = &[
        // 阿拉善盟 婴儿死亡率: baseline 3.88‰, target <10‰: slack.
        (
            "阿拉善盟 婴儿死亡率",
            "<10",
            3.88,
            Unit::PerMille,
            Lower,
            Some(BaselineCheck::AlreadyMet {
                baseline: 3.88,
                target: 10.0,
            }),
        ),
        // 阿拉善盟 孕产妇死亡率: baseline 0, target <20/10万.
        (
            "阿拉善盟 孕产妇死亡率",
            "<20",
            0.0,
            Unit::Per100k,
            Lower,
            Some(BaselineCheck::AlreadyMet {
                baseline: 0.0,
                target: 20.0,
            }),
        ),
        // 阿拉善盟 严重精神障碍管理率: 98.17 against ≥90.
        (
            "阿拉善盟 严重精神障碍管理率",
            "≥90",
            98.17,
            Unit::Percent,
            Higher,
            Some(BaselineCheck::AlreadyMet {
                baseline: 98.17,
                target: 90.0,
            }),
        ),
        // 攀枝花 空气质量优良天数比率: 98.6 → 95.
        (
            "攀枝花 空气质量优良天数比率",
            "95",
            98.6,
            Unit::Percent,
            Higher,
            Some(BaselineCheck::Regresses {
                baseline: Some(98.6),
                target: Some(95.0),
            }),
        ),
        // 攀枝花 15岁以上人群吸烟率: 23.24 → 23 improves.
        ("攀枝花 吸烟率", "23", 23.24, Unit::Percent, Lower, None),
        // 阿拉善盟 居民健康素养水平: 20.4 → ≥25 is a real target.
        (
            "阿拉善盟 健康素养",
            "≥25",
            20.4,
            Unit::Percent,
            Higher,
            None,
        ),
        // A bound exactly at the baseline asks for nothing new; a strict one does.
        (
            "≥ at baseline",
            "≥90",
            90.0,
            Unit::Percent,
            Higher,
            Some(BaselineCheck::AlreadyMet {
                baseline: 90.0,
                target: 90.0,
            }),
        ),
        ("> at baseline", ">90", 90.0, Unit::Percent, Higher, None),
        // A change the wrong way.
        (
            "wrong-way change",
            "比基期提高10%",
            18.71,
            Unit::Percent,
            Lower,
            Some(BaselineCheck::Regresses {
                baseline: Some(18.71),
                target: Some(18.71 * 1.1),
            }),
        ),
        (
            "wrong-way direction",
            "逐步降低",
            78.84,
            Unit::Years,
            Higher,
            Some(BaselineCheck::Regresses {
                baseline: Some(78.84),
                target: None,
            }),
        ),
        // Units convert: 4.8‰ target against a 0.306% baseline (3.06‰) is already met.
        (
            "converted",
            "<4.8‰",
            3.06,
            Unit::PerMille,
            Lower,
            Some(BaselineCheck::AlreadyMet {
                baseline: 3.06,
                target: 4.8,
            }),
        ),
        // A bound that fights the direction is a sign conflict, not a baseline finding.
        ("sign conflict", "≥5", 3.0, Unit::PerMille, Lower, None),
    ];
    for (name, text, baseline, unit, better, want) in cases {
        let got = against_baseline(&parse(text), &ctx(*baseline, unit.clone()), *better);
        match (&got, want) {
            (
                Some(BaselineCheck::Regresses {
                    baseline: gb,
                    target: Some(gt),
                }),
                Some(BaselineCheck::Regresses {
                    baseline: wb,
                    target: Some(wt),
                }),
            ) => {
                assert_eq!(gb, wb, "{name}");
                assert!((gt - wt).abs() < 1e-9, "{name}: {gt} {wt}");
            }
            _ => assert_eq!(&got, want, "{name}"),
        }
    }
    // No baseline, nothing to say about a value.
    assert_eq!(
        against_baseline(&parse("<10"), &Context::default(), Better::Lower),
        None
    );
}

#[test]
fn baseline_messages() {
    let met = BaselineCheck::AlreadyMet {
        baseline: 3.88,
        target: 10.0,
    };
    let regresses = BaselineCheck::Regresses {
        baseline: Some(98.6),
        target: Some(95.0),
    };
    insta::assert_snapshot!(
        format!("{met} / {}\n{regresses} / {}", met.zh(), regresses.zh()),
        @"
    the baseline 3.88 already meets the target 10 / 基期值3.88已达到目标10，目标无约束力
    the target 95 is worse than the baseline 98.6 / 目标值95劣于基期值98.6
    "
    );
}

#[test]
fn sign_conflict_cases() {
    use Better::{Higher, Lower};
    let cases = [
        ("≥5", Lower, true),
        ("8名以上", Lower, true),
        ("<10", Higher, true),
        ("低于23%", Higher, true),
        ("<10", Lower, false),
        ("≥25", Higher, false),
        ("77.6", Higher, false),
        ("77.6", Lower, false),
        ("比基期降低10%", Higher, false),
        ("城镇稳定在80左右，居民稳定在70以下", Higher, true),
        ("城镇稳定在80左右，居民稳定在70以上", Higher, false),
    ];
    for (text, better, want) in cases {
        assert_eq!(
            sign_conflict(&parse(text), better),
            want,
            "{text} {better:?}"
        );
    }
}

#[test]
fn unit_label_cases() {
    let mortality = (0.5, 25.0);
    let cases = [
        // 攀枝花 婴儿死亡率 3.06 printed "%": 30.6‰ is implausible, 3.06‰ is not.
        (
            3.06,
            Unit::Percent,
            Unit::PerMille,
            mortality,
            UnitLabel::Mislabelled {
                likely: Unit::PerMille,
            },
        ),
        // 攀枝花 5岁以下儿童死亡率 4.44 "%", and its target <6.5 "%".
        (
            4.44,
            Unit::Percent,
            Unit::PerMille,
            mortality,
            UnitLabel::Mislabelled {
                likely: Unit::PerMille,
            },
        ),
        (
            6.5,
            Unit::Percent,
            Unit::PerMille,
            mortality,
            UnitLabel::Mislabelled {
                likely: Unit::PerMille,
            },
        ),
        // 阿拉善盟 婴儿死亡率 3.88‰ is fine.
        (
            3.88,
            Unit::PerMille,
            Unit::PerMille,
            mortality,
            UnitLabel::Ok,
        ),
        // 0.388% is 3.88‰: a correct label in another unit.
        (
            0.388,
            Unit::Percent,
            Unit::PerMille,
            mortality,
            UnitLabel::Ok,
        ),
        // 孕产妇死亡率 14.5/10万 against a ‰ canonical unit converts (0.145‰).
        (
            14.5,
            Unit::Per100k,
            Unit::Per100k,
            (0.0, 100.0),
            UnitLabel::Ok,
        ),
        (
            14.5,
            Unit::Per100k,
            Unit::PerMille,
            (0.0, 1.0),
            UnitLabel::Ok,
        ),
        // A life expectancy in %.
        (
            79.5,
            Unit::Percent,
            Unit::Years,
            (60.0, 90.0),
            UnitLabel::Incompatible,
        ),
        // Neither reading fits.
        (
            300.0,
            Unit::Percent,
            Unit::PerMille,
            mortality,
            UnitLabel::Implausible,
        ),
    ];
    for (value, printed, canonical, plausible, want) in cases {
        assert_eq!(
            check_unit_label(value, &printed, &canonical, plausible),
            want,
            "{value}{printed} as {canonical}"
        );
    }
}
