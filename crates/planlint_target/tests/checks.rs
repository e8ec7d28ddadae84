//! The checks of one target against its own plan, with cases from the real plans:
//! `against_baseline`, `sign_conflict` and `check_unit_label`.

use planlint_target::{
    against_baseline, check_unit_label, parse, sign_conflict, BaselineCheck, Better, Context,
    HoldReason, Unit, UnitLabel,
};

fn ctx(baseline: f64, unit: Unit) -> Context {
    Context::default().with_baseline(baseline).with_unit(unit)
}

/// One line per case: the indicator, the target, the baseline and unit, the direction, and
/// what `against_baseline` says (`—` for nothing to say).
fn render_baseline(cases: &[(&str, &str, f64, Unit, Better)]) -> String {
    let mut out = String::new();
    for (name, text, baseline, unit, better) in cases {
        let check = against_baseline(&parse(text), &ctx(*baseline, unit.clone()), *better);
        let said = match &check {
            None => "—".to_owned(),
            Some(check) => format!("{check:?}"),
        };
        let better = match better {
            Better::Higher => "higher",
            Better::Lower => "lower",
        };
        out.push_str(&format!(
            "{name} | {text} from {baseline}{unit} [{better}] ⇒ {said}\n"
        ));
    }
    out
}

#[test]
fn against_baseline_cases() {
    use Better::{Higher, Lower};
    insta::assert_snapshot!(render_baseline(&[
        // A value to reach below where the plan starts demands ending worse.
        ("空气质量优良天数比率", "95", 98.6, Unit::Percent, Higher),
        ("居民健康素养水平", "22", 24.5, Unit::Percent, Higher),
        // A bound looser than the baseline allows ending worse.
        ("个人卫生支出占卫生总费用的比重", "<28", 22.7, Unit::Percent, Lower),
        ("严重精神障碍患者规范管理率", "≥90", 96.3, Unit::Percent, Higher),
        ("婴儿死亡率", "<10", 3.9, Unit::PerMille, Lower),
        ("艾滋病全人群感染率", "<0.2", 0.03, Unit::Percent, Lower),
        // Units convert before the comparison: 4.8‰ is above a 0.31% baseline (3.1‰).
        ("5岁以下儿童死亡率", "<4.8‰", 0.31, Unit::Percent, Lower),
        // The same bounds, where holding the level is the sensible aim: the target says to
        // hold it, or the baseline is at or next to the best a rate can be.
        ("适龄儿童免疫规划疫苗接种率", "保持在95%以上", 98.0, Unit::Percent, Higher),
        ("个人卫生支出占比", "维持在28%以下", 22.7, Unit::Percent, Lower),
        ("孕产妇死亡率", "<20", 0.0, Unit::Per100k, Lower),
        ("法定传染病报告率", "≥95", 99.4, Unit::Percent, Higher),
        ("社区卫生服务中心标准化率", "≥95", 100.0, Unit::Percent, Higher),
        ("乡镇卫生院标准化率", "全覆盖", 100.0, Unit::Percent, Higher),
        ("规范化接种门诊比例", "≥950", 995.0, Unit::PerMille, Higher),
        // A rate just short of the best is still one to improve.
        ("严重精神障碍管理率", "≥90", 98.17, Unit::Percent, Higher),
        // At the baseline: no improvement asked; a strict bound there asks for some.
        ("高血压患者规范管理率", "≥70", 70.0, Unit::Percent, Higher),
        ("人均预期寿命", "78.2", 78.2, Unit::Years, Higher),
        ("高血压患者规范管理率", ">70", 70.0, Unit::Percent, Higher),
        ("孕产妇系统管理率", "不低于现有水平", 92.4, Unit::Percent, Higher),
        ("孕产妇系统管理率", "保持现有水平", 92.4, Unit::Percent, Higher),
        ("基本公共卫生服务项目", "保持稳定", 12.0, Unit::Count("项".into()), Higher),
        // Beyond the baseline: a real target.
        ("居民健康素养水平", "≥25", 20.4, Unit::Percent, Higher),
        ("15岁以上人群吸烟率", "23", 23.24, Unit::Percent, Lower),
        ("重大慢性病过早死亡率", "比基期降低10%", 18.71, Unit::Percent, Lower),
        ("每千人口医疗卫生机构床位数", "新增床位0.6张", 5.46, Unit::Count("张".into()), Higher),
        // A change or direction the wrong way regresses.
        ("吸烟率", "比基期提高10%", 18.71, Unit::Percent, Lower),
        ("人均预期寿命", "逐步降低", 78.84, Unit::Years, Higher),
        // A bound that fights the direction is a sign conflict, not a baseline finding.
        ("婴儿死亡率", "≥5", 3.0, Unit::PerMille, Lower),
    ]), @"
    空气质量优良天数比率 | 95 from 98.6% [higher] ⇒ Regresses { baseline: Some(98.6), target: Some(95.0), allows_only: false }
    居民健康素养水平 | 22 from 24.5% [higher] ⇒ Regresses { baseline: Some(24.5), target: Some(22.0), allows_only: false }
    个人卫生支出占卫生总费用的比重 | <28 from 22.7% [lower] ⇒ Regresses { baseline: Some(22.7), target: Some(28.0), allows_only: true }
    严重精神障碍患者规范管理率 | ≥90 from 96.3% [higher] ⇒ Regresses { baseline: Some(96.3), target: Some(90.0), allows_only: true }
    婴儿死亡率 | <10 from 3.9‰ [lower] ⇒ Regresses { baseline: Some(3.9), target: Some(10.0), allows_only: true }
    艾滋病全人群感染率 | <0.2 from 0.03% [lower] ⇒ Regresses { baseline: Some(0.03), target: Some(0.2), allows_only: true }
    5岁以下儿童死亡率 | <4.8‰ from 0.31% [lower] ⇒ Regresses { baseline: Some(0.31), target: Some(0.48), allows_only: true }
    适龄儿童免疫规划疫苗接种率 | 保持在95%以上 from 98% [higher] ⇒ AlreadyMet { baseline: 98.0, target: 95.0, hold_sensible: Some(HoldTarget) }
    个人卫生支出占比 | 维持在28%以下 from 22.7% [lower] ⇒ AlreadyMet { baseline: 22.7, target: 28.0, hold_sensible: Some(HoldTarget) }
    孕产妇死亡率 | <20 from 0/10万 [lower] ⇒ AlreadyMet { baseline: 0.0, target: 20.0, hold_sensible: Some(BaselineAtBest { best: 0.0 }) }
    法定传染病报告率 | ≥95 from 99.4% [higher] ⇒ AlreadyMet { baseline: 99.4, target: 95.0, hold_sensible: Some(BaselineAtBest { best: 100.0 }) }
    社区卫生服务中心标准化率 | ≥95 from 100% [higher] ⇒ AlreadyMet { baseline: 100.0, target: 95.0, hold_sensible: Some(BaselineAtBest { best: 100.0 }) }
    乡镇卫生院标准化率 | 全覆盖 from 100% [higher] ⇒ AlreadyMet { baseline: 100.0, target: 100.0, hold_sensible: Some(BaselineAtBest { best: 100.0 }) }
    规范化接种门诊比例 | ≥950 from 995‰ [higher] ⇒ AlreadyMet { baseline: 995.0, target: 950.0, hold_sensible: Some(BaselineAtBest { best: 1000.0 }) }
    严重精神障碍管理率 | ≥90 from 98.17% [higher] ⇒ Regresses { baseline: Some(98.17), target: Some(90.0), allows_only: true }
    高血压患者规范管理率 | ≥70 from 70% [higher] ⇒ AlreadyMet { baseline: 70.0, target: 70.0, hold_sensible: None }
    人均预期寿命 | 78.2 from 78.2岁 [higher] ⇒ AlreadyMet { baseline: 78.2, target: 78.2, hold_sensible: None }
    高血压患者规范管理率 | >70 from 70% [higher] ⇒ —
    孕产妇系统管理率 | 不低于现有水平 from 92.4% [higher] ⇒ AlreadyMet { baseline: 92.4, target: 92.4, hold_sensible: Some(HoldTarget) }
    孕产妇系统管理率 | 保持现有水平 from 92.4% [higher] ⇒ AlreadyMet { baseline: 92.4, target: 92.4, hold_sensible: Some(HoldTarget) }
    基本公共卫生服务项目 | 保持稳定 from 12项 [higher] ⇒ AlreadyMet { baseline: 12.0, target: 12.0, hold_sensible: Some(HoldTarget) }
    居民健康素养水平 | ≥25 from 20.4% [higher] ⇒ —
    15岁以上人群吸烟率 | 23 from 23.24% [lower] ⇒ —
    重大慢性病过早死亡率 | 比基期降低10% from 18.71% [lower] ⇒ —
    每千人口医疗卫生机构床位数 | 新增床位0.6张 from 5.46张 [higher] ⇒ —
    吸烟率 | 比基期提高10% from 18.71% [lower] ⇒ Regresses { baseline: Some(18.71), target: Some(20.581), allows_only: false }
    人均预期寿命 | 逐步降低 from 78.84岁 [higher] ⇒ Regresses { baseline: Some(78.84), target: None, allows_only: false }
    婴儿死亡率 | ≥5 from 3‰ [lower] ⇒ —
    ");
    // No baseline, nothing to say about a value.
    assert_eq!(
        against_baseline(&parse("<10"), &Context::default(), Better::Lower),
        None
    );
}

#[test]
fn baseline_messages() {
    let checks = [
        BaselineCheck::AlreadyMet {
            baseline: 90.0,
            target: 90.0,
            hold_sensible: None,
        },
        BaselineCheck::AlreadyMet {
            baseline: 98.0,
            target: 95.0,
            hold_sensible: Some(HoldReason::HoldTarget),
        },
        BaselineCheck::AlreadyMet {
            baseline: 0.0,
            target: 20.0,
            hold_sensible: Some(HoldReason::BaselineAtBest { best: 0.0 }),
        },
        BaselineCheck::Regresses {
            baseline: Some(98.6),
            target: Some(95.0),
            allows_only: false,
        },
        BaselineCheck::Regresses {
            baseline: Some(22.7),
            target: Some(28.0),
            allows_only: true,
        },
        BaselineCheck::Regresses {
            baseline: Some(78.84),
            target: None,
            allows_only: false,
        },
    ];
    let rendered: Vec<String> = checks.iter().map(|c| format!("{c} / {}", c.zh())).collect();
    insta::assert_snapshot!(rendered.join("\n"), @"
    the baseline 90 already meets the target 90: no improvement is asked / 基期值90已达到目标90，目标未要求任何改进
    the baseline 98 already meets the target 95, and holding the level is sensible: the target holds the level (保持, 稳定在, 维持) / 基期值98已达到目标95，以保持为目标是合理的：目标本身即为保持现有水平
    the baseline 0 already meets the target 20, and holding the level is sensible: the baseline is at or next to the best possible (0) / 基期值0已达到目标20，以保持为目标是合理的：基期值已处于或接近最好水平（0）
    the target 95 is worse than the baseline 98.6 / 目标值95劣于基期值98.6
    the target 28 is worse than the baseline 22.7: it allows the value to end the period worse than it started / 目标值28劣于基期值22.7，允许规划期末水平比基期倒退
    the target moves the wrong way from the baseline / 目标相对基期向不利方向变化
    ");
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
