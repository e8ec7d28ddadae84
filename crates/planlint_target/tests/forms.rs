//! The table of target forms: one line per form in `docs/targets.md` and per real string
//! found in the seed plans, each showing the input, the parsed form with its flags, and the
//! canonical print. Reading the snapshot is reading the parser's behaviour.

use planlint_target::{parse, Bound, ChangeKind, Dir, Form, Target};

/// A compact, explicit description of a parsed target.
fn describe(t: &Target) -> String {
    let mut out = match &t.form {
        Form::Empty => "Empty".to_owned(),
        Form::Value { value, unit, bound } => {
            format!(
                "Value {} {value}{}",
                bound_text(*bound),
                unit_text(unit.as_ref())
            )
        }
        Form::Range { low, high, unit } => {
            format!("Range {low}..{high}{}", unit_text(unit.as_ref()))
        }
        Form::Change {
            amount,
            kind,
            direction,
            from_year,
            at_least,
            up_to,
        } => format!(
            "Change {} {amount}{} {}{}{}",
            dir(*direction),
            up_to.map_or(String::new(), |h| format!("..{h}")),
            kind_text(kind),
            from_year.map_or(String::new(), |y| format!(" from {y}")),
            if *at_least { " at-least" } else { "" },
        ),
        Form::PerYear {
            amount,
            kind,
            direction,
            at_least,
            up_to,
        } => format!(
            "PerYear {} {amount}{} {}{}",
            dir(*direction),
            up_to.map_or(String::new(), |h| format!("..{h}")),
            kind_text(kind),
            if *at_least { " at-least" } else { "" },
        ),
        Form::Direction(d) => format!("Direction {}", dir(*d)),
        Form::History { text } => format!("History {text}"),
        Form::Parts(parts) => {
            let inner: Vec<String> = parts
                .iter()
                .map(|p| format!("{}: {}", p.name, describe(&p.target)))
                .collect();
            format!("Parts [{}]", inner.join("; "))
        }
        Form::Share {
            numerator,
            denominator,
            bound,
            of,
        } => format!(
            "Share {} {numerator}/{denominator}{}",
            bound_text(*bound),
            of.as_ref().map_or(String::new(), |o| format!(" of {o}")),
        ),
        Form::All { count, unit, of } => format!(
            "All{}{}",
            count.map_or(String::new(), |c| format!(
                " {c}{}",
                unit_text(unit.as_ref())
            )),
            of.as_ref().map_or(String::new(), |o| format!(" of {o}")),
        ),
        Form::PerUnit {
            of,
            value,
            unit,
            bound,
        } => format!(
            "PerUnit each {of}: {} {value}{}",
            bound_text(*bound),
            unit_text(unit.as_ref())
        ),
        Form::Grade {
            level,
            class,
            bound,
        } => format!(
            "Grade {} level {level}{}",
            bound_text(*bound),
            class.map_or(String::new(), |c| format!(" class {c:?}")),
        ),
        Form::AtBaseline { bound, from_year } => format!(
            "AtBaseline {}{}",
            bound_text(*bound),
            from_year.map_or(String::new(), |y| format!(" of {y}")),
        ),
        Form::Unreadable { reason } => format!("Unreadable: {reason}"),
    };
    for (flag, name) in [
        (t.approx, "approx"),
        (t.strive, "strive"),
        (t.firm, "firm"),
        (t.hold, "hold"),
        (t.words, "words"),
    ] {
        if flag {
            out.push_str(" +");
            out.push_str(name);
        }
    }
    if let Some(year) = t.year {
        out.push_str(&format!(" @{year}"));
    }
    for slip in &t.slips {
        out.push_str(&format!(" !{slip} / {}", slip.zh()));
    }
    out
}

fn bound_text(bound: Bound) -> &'static str {
    match bound {
        Bound::Plain => "plain",
        Bound::AtLeast { strict: false } => "≥",
        Bound::AtLeast { strict: true } => ">",
        Bound::AtMost { strict: false } => "≤",
        Bound::AtMost { strict: true } => "<",
    }
}

fn unit_text(unit: Option<&planlint_target::Unit>) -> String {
    unit.map_or(String::new(), |u| format!(" {u}"))
}

fn kind_text(kind: &ChangeKind) -> String {
    match kind {
        ChangeKind::Percent => "% of base".to_owned(),
        ChangeKind::Points => "points".to_owned(),
        ChangeKind::Absolute(unit) => format!("abs{}", unit_text(unit.as_ref())),
    }
}

fn dir(d: Dir) -> &'static str {
    match d {
        Dir::Up => "up",
        Dir::Down => "down",
        Dir::Stable => "stable",
    }
}

/// One line per input: `input ⇒ parsed | canonical print`. Each line also asserts that the
/// canonical print parses back to the same form and flags.
fn render_table(inputs: &[&str]) -> String {
    let mut out = String::new();
    for input in inputs {
        let target = parse(input);
        let printed = target.to_string();
        if !matches!(target.form, Form::Unreadable { .. }) {
            let again = parse(&printed);
            assert!(
                again.reads_as(&target),
                "{input:?} printed as {printed:?} does not parse back: {again:?}"
            );
        }
        out.push_str(&format!("{input} ⇒ {} | {printed}\n", describe(&target)));
    }
    out
}

#[test]
fn forms_in_targets_md() {
    insta::assert_snapshot!(render_table(&[
        // plain number
        "77.6",
        "90",
        "10.57",
        // bound
        "≥25",
        ">=25",
        ">90",
        "＞90",
        "<10",
        "＜10",
        "≤20",
        // words for a bound
        "8名以上",
        "95%以上",
        "不低于90",
        "低于23%",
        "不少于30人",
        "达到1.3张",
        "保持在95%以上",
        "达到或接近76岁",
        // change from the baseline
        "比基期降低10%",
        "2020年基础上增长30%",
        "在2020年基础上提高1岁左右",
        "提高1岁左右",
        // change per year
        "每年降低0.5个百分点",
        "力争每年降低0.5个百分点",
        "力争每年降低0.5个百分点以上",
        // direction only
        "同比例提高",
        "持续提升",
        "逐步降低",
        "保持稳定",
        // relative to history
        "≤十二五期间平均值",
        // several parts
        "城镇稳定在80左右，居民稳定在70以上",
        "城镇稳定在80左右, 居民稳定在70以上",
        "城镇稳定在80左右,居民稳定在70以上",
        "城镇稳定在80左右、居民稳定在70以上",
        "城镇稳定在80左右；居民稳定在70以上",
        // empty
        "——",
        "—",
        "-",
        "",
        "   ",
    ]), @"
    77.6 ⇒ Value plain 77.6 | 77.6
    90 ⇒ Value plain 90 | 90
    10.57 ⇒ Value plain 10.57 | 10.57
    ≥25 ⇒ Value ≥ 25 | ≥25
    >=25 ⇒ Value ≥ 25 | ≥25
    >90 ⇒ Value > 90 | >90
    ＞90 ⇒ Value > 90 | >90
    <10 ⇒ Value < 10 | <10
    ＜10 ⇒ Value < 10 | <10
    ≤20 ⇒ Value ≤ 20 | ≤20
    8名以上 ⇒ Value ≥ 8 名 +words | 8名以上
    95%以上 ⇒ Value ≥ 95 % +words | 95%以上
    不低于90 ⇒ Value ≥ 90 +words | 90以上
    低于23% ⇒ Value < 23 % +words | 低于23%
    不少于30人 ⇒ Value ≥ 30 人 +words | 30人以上
    达到1.3张 ⇒ Value plain 1.3 张 +words | 达到1.3张
    保持在95%以上 ⇒ Value ≥ 95 % +hold +words | 保持在95%以上
    达到或接近76岁 ⇒ Value plain 76 岁 +approx +words | 达到76岁左右
    比基期降低10% ⇒ Change down 10 % of base | 比基期降低10%
    2020年基础上增长30% ⇒ Change up 30 % of base from 2020 | 比2020年提高30%
    在2020年基础上提高1岁左右 ⇒ Change up 1 abs 岁 from 2020 +approx | 比2020年提高1岁左右
    提高1岁左右 ⇒ Change up 1 abs 岁 +approx | 比基期提高1岁左右
    每年降低0.5个百分点 ⇒ PerYear down 0.5 points | 每年降低0.5个百分点
    力争每年降低0.5个百分点 ⇒ PerYear down 0.5 points +strive | 力争每年降低0.5个百分点
    力争每年降低0.5个百分点以上 ⇒ PerYear down 0.5 points at-least +strive | 力争每年降低0.5个百分点以上
    同比例提高 ⇒ Direction up | 持续提升
    持续提升 ⇒ Direction up | 持续提升
    逐步降低 ⇒ Direction down | 逐步降低
    保持稳定 ⇒ Direction stable +hold | 保持稳定
    ≤十二五期间平均值 ⇒ History ≤十二五期间平均值 | ≤十二五期间平均值
    城镇稳定在80左右，居民稳定在70以上 ⇒ Parts [城镇: Value plain 80 +approx +hold +words; 居民: Value ≥ 70 +hold +words] | 城镇：保持在80左右；居民：保持在70以上
    城镇稳定在80左右, 居民稳定在70以上 ⇒ Parts [城镇: Value plain 80 +approx +hold +words; 居民: Value ≥ 70 +hold +words] | 城镇：保持在80左右；居民：保持在70以上
    城镇稳定在80左右,居民稳定在70以上 ⇒ Parts [城镇: Value plain 80 +approx +hold +words; 居民: Value ≥ 70 +hold +words] | 城镇：保持在80左右；居民：保持在70以上
    城镇稳定在80左右、居民稳定在70以上 ⇒ Parts [城镇: Value plain 80 +approx +hold +words; 居民: Value ≥ 70 +hold +words] | 城镇：保持在80左右；居民：保持在70以上
    城镇稳定在80左右；居民稳定在70以上 ⇒ Parts [城镇: Value plain 80 +approx +hold +words; 居民: Value ≥ 70 +hold +words] | 城镇：保持在80左右；居民：保持在70以上
    —— ⇒ Empty | ——
    — ⇒ Empty | ——
    - ⇒ Empty | ——
     ⇒ Empty | ——
        ⇒ Empty | ——
    ");
}

#[test]
fn other_real_strings() {
    insta::assert_snapshot!(render_table(&[
        // Values and units from the indicator tables.
        "80.1%",
        "100%",
        "3.06",
        "0",
        "0.00542",
        "1.9‰",
        "16.9/10万",
        "14.5/10万",
        "达到3.4人",
        "＞95",
        "≥2.9",
        "<0.17",
        "<27",
        // Ranges (出生人口性别比, staffing norms).
        "103-107",
        "1—1.5名",
        "2%—5%",
        // Words with no number.
        "全覆盖",
        "基本消除",
        "逐年下降",
        "上升趋势得到遏制",
        // Forms from the plans' text.
        "保持在4.8‰以下",
        "保持在14.5/10万以下",
        "下降到200/10万及以下",
        "控制在30%以内",
        "控制在10‰以下",
        "达到95%以上",
        "达85%以上",
        "不低于45%",
        "预期低于23%",
        "达到4个以上",
        "至少1名",
        "至少有1所",
        "至少建成1个",
        "力争创建1个",
        "实现100%达标",
        "100%达标",
        "不低于200张",
        "提高至79岁",
        "有望达到80.8岁左右",
        "比2015年降低10%",
        "较“十三五”提高10%",
        "达到全国平均水平",
        // Baseline cells with parts.
        "城镇80左右",
        "居民70",
        // Full-width digits and signs.
        "＜１０",
        "≥２５％",
        "９５．５％",
    ]), @"
    80.1% ⇒ Value plain 80.1 % | 80.1%
    100% ⇒ Value plain 100 % | 100%
    3.06 ⇒ Value plain 3.06 | 3.06
    0 ⇒ Value plain 0 | 0
    0.00542 ⇒ Value plain 0.00542 | 0.00542
    1.9‰ ⇒ Value plain 1.9 ‰ | 1.9‰
    16.9/10万 ⇒ Value plain 16.9 /10万 | 16.9/10万
    14.5/10万 ⇒ Value plain 14.5 /10万 | 14.5/10万
    达到3.4人 ⇒ Value plain 3.4 人 +words | 达到3.4人
    ＞95 ⇒ Value > 95 | >95
    ≥2.9 ⇒ Value ≥ 2.9 | ≥2.9
    <0.17 ⇒ Value < 0.17 | <0.17
    <27 ⇒ Value < 27 | <27
    103-107 ⇒ Range 103..107 | 103-107
    1—1.5名 ⇒ Range 1..1.5 名 | 1-1.5名
    2%—5% ⇒ Range 2..5 % | 2-5%
    全覆盖 ⇒ All +words | 全覆盖
    基本消除 ⇒ Unreadable: `基本消除` states no number and no direction | 基本消除
    逐年下降 ⇒ Direction down | 逐步降低
    上升趋势得到遏制 ⇒ Unreadable: `上升趋势得到遏制` points both up and down | 上升趋势得到遏制
    保持在4.8‰以下 ⇒ Value ≤ 4.8 ‰ +hold +words | 保持在4.8‰以下
    保持在14.5/10万以下 ⇒ Value ≤ 14.5 /10万 +hold +words | 保持在14.5/10万以下
    下降到200/10万及以下 ⇒ Value ≤ 200 /10万 +words | 200/10万以下
    控制在30%以内 ⇒ Value ≤ 30 % +words | 30%以下
    控制在10‰以下 ⇒ Value ≤ 10 ‰ +words | 10‰以下
    达到95%以上 ⇒ Value ≥ 95 % +words | 95%以上
    达85%以上 ⇒ Value ≥ 85 % +words | 85%以上
    不低于45% ⇒ Value ≥ 45 % +words | 45%以上
    预期低于23% ⇒ Value < 23 % +words | 低于23%
    达到4个以上 ⇒ Value ≥ 4 个 +words | 4个以上
    至少1名 ⇒ Value ≥ 1 名 +words | 1名以上
    至少有1所 ⇒ Value ≥ 1 所 +words | 1所以上
    至少建成1个 ⇒ Value ≥ 1 个 +words | 1个以上
    力争创建1个 ⇒ Value plain 1 个 +strive +words | 力争达到1个
    实现100%达标 ⇒ Value plain 100 % +words | 达到100%
    100%达标 ⇒ Value plain 100 % +words | 达到100%
    不低于200张 ⇒ Value ≥ 200 张 +words | 200张以上
    提高至79岁 ⇒ Value plain 79 岁 +words | 达到79岁
    有望达到80.8岁左右 ⇒ Value plain 80.8 岁 +approx +strive +words | 力争达到80.8岁左右
    比2015年降低10% ⇒ Change down 10 % of base from 2015 | 比2015年降低10%
    较“十三五”提高10% ⇒ History 较“十三五”提高10% | 较“十三五”提高10%
    达到全国平均水平 ⇒ History 达到全国平均水平 | 达到全国平均水平
    城镇80左右 ⇒ Parts [城镇: Value plain 80 +approx] | 城镇：80左右
    居民70 ⇒ Parts [居民: Value plain 70] | 居民：70
    ＜１０ ⇒ Value < 10 | <10
    ≥２５％ ⇒ Value ≥ 25 % | ≥25%
    ９５．５％ ⇒ Value plain 95.5 % | 95.5%
    ");
}

#[test]
fn unreadable_says_why() {
    insta::assert_snapshot!(render_table(&[
        "6类10项以上",
        "≥25，≥30",
        "1e308",
        "NaN",
        "-0",
        "inf",
        "107-103",
        "不低于90以下",
        "左右",
    ]), @"
    6类10项以上 ⇒ Parts [类: Value ≥ 6 类 +words; 项: Value ≥ 10 项 +words] | 类：6类以上；项：10项以上
    ≥25，≥30 ⇒ Unreadable: `≥25,≥30` has several values but no part names | ≥25，≥30
    1e308 ⇒ Unreadable: `e308` is not a known unit | 1e308
    NaN ⇒ Unreadable: `NaN` states no number and no direction | NaN
    -0 ⇒ Unreadable: `-0` is not a usable number (negative, too large or not finite) | -0
    inf ⇒ Unreadable: `inf` states no number and no direction | inf
    107-103 ⇒ Unreadable: `107-103` is not a range from a lower to a higher value in one unit | 107-103
    不低于90以下 ⇒ Unreadable: `不低于90以下` is both a floor and a ceiling | 不低于90以下
    左右 ⇒ Unreadable: `左右` states no number and no direction | 左右
    ");
}

/// What fuzzing found printing and parsing back to a different reading (`fuzz/README.md`,
/// "Round-trip findings"), and their neighbours. Junk is unreadable with a reason; what
/// reads prints as text that reads the same (`render_table` asserts it).
#[test]
fn round_trip_findings() {
    insta::assert_snapshot!(render_table(&[
        // A stray bracket beside `%` once made a change of 6 `%` as points (`%)` trimmed to
        // `%`), printed as the relative `比基期降低6%`. A unit in brackets is still a unit.
        "降6)%",
        "降5%)",
        "增0(%",
        "21.7(",
        "6()",
        "降低6(%)",
        "6(%)",
        // `及` once was a unit, printed into `及以上` and lost.
        "1及及以上",
        "1及以上",
        // A part name never starts with the words of a value: `最多全覆盖` was the part
        // `最多`, printed `最多：100%以上`, which reads as a floor and a ceiling at once. Nor
        // with a marker the target's reading strips first (`大约`, then `低于`).
        "最多全覆盖",
        "最多：100%以上",
        "大约低于至至少12",
    ]), @"
    降6)% ⇒ Unreadable: `)%` is not a known unit | 降6)%
    降5%) ⇒ Unreadable: `%)` is not a known unit | 降5%)
    增0(% ⇒ Unreadable: `(%` is not a known unit | 增0(%
    21.7( ⇒ Unreadable: `(` is not a known unit | 21.7(
    6() ⇒ Unreadable: `()` is not a known unit | 6()
    降低6(%) ⇒ Change down 6 % of base | 比基期降低6%
    6(%) ⇒ Value plain 6 % | 6%
    1及及以上 ⇒ Unreadable: `及` is not a known unit | 1及及以上
    1及以上 ⇒ Value ≥ 1 +words | 1以上
    最多全覆盖 ⇒ Unreadable: `最多全覆盖` states no number and no direction | 最多全覆盖
    最多：100%以上 ⇒ Unreadable: `最多:100%以上` is both a floor and a ceiling | 最多：100%以上
    大约低于至至少12 ⇒ Unreadable: `低于至至少12` is not a known target form | 大约低于至至少12
    ");
}

/// A cell of many short parts prints longer than it is written (`e:` as `e：——`); when the
/// print would be over the length limit, the cell is too long, not a target whose print no
/// longer reads.
#[test]
fn many_parts_too_long_to_print() {
    let cell = "e:,".repeat(100);
    let target = parse(&cell);
    assert!(
        matches!(
            target.form,
            Form::Unreadable {
                reason: planlint_target::ParseIssue::TooLong { chars: 499 }
            }
        ),
        "{target:?}"
    );
    // Fewer parts print within the limit and read back.
    let cell = "e:,".repeat(60);
    let target = parse(&cell);
    assert!(matches!(&target.form, Form::Parts(parts) if parts.len() == 60));
    assert!(parse(&target.to_string()).reads_as(&target));
}

/// A share of a total: a fraction of what the plan's area counts, kept as printed
/// (numerator and denominator) and read as a percentage.
#[test]
fn shares_of_a_total() {
    insta::assert_snapshot!(render_table(&[
        "覆盖苏木乡镇总数的一半",
        "覆盖旗县总数的1/3",
        "达到总数的30%以上",
        "不少于行政村总数的三分之二",
        "占总数的比例达到60%",
        "超过社区总数的一半",
        "力争覆盖县区总数的50%左右",
        "总数的2/0",
    ]), @"
    覆盖苏木乡镇总数的一半 ⇒ Share plain 1/2 of 苏木乡镇 +words | 苏木乡镇总数的1/2
    覆盖旗县总数的1/3 ⇒ Share plain 1/3 of 旗县 +words | 旗县总数的1/3
    达到总数的30%以上 ⇒ Share ≥ 30/100 +words | 总数的30%以上
    不少于行政村总数的三分之二 ⇒ Share ≥ 2/3 of 行政村 +words | 行政村总数的2/3以上
    占总数的比例达到60% ⇒ Share plain 60/100 +words | 总数的60%
    超过社区总数的一半 ⇒ Share > 1/2 of 社区 +words | 高于社区总数的1/2
    力争覆盖县区总数的50%左右 ⇒ Share plain 50/100 of 县区 +approx +strive +words | 力争县区总数的50%左右
    总数的2/0 ⇒ Unreadable: `总数的2/0` is not a known target form | 总数的2/0
    ");
}

/// A density per population: a value in a `Unit::Density`, which converts between
/// population bases.
#[test]
fn densities_per_population() {
    insta::assert_snapshot!(render_table(&[
        "每5万人口1个",
        "每10万人口至少1所",
        "每千人口3张",
        "每十万人口不少于2个",
        "每万名居民拥有2—3名",
        "每3万人口配备1辆",
        "每千人口床位数达到7.5张",
        "每千人口7.5",
    ]), @"
    每5万人口1个 ⇒ Value plain 1 个/5万人 | 1个/5万人
    每10万人口至少1所 ⇒ Value ≥ 1 所/10万人 +words | 1所/10万人以上
    每千人口3张 ⇒ Value plain 3 张/千人 | 3张/千人
    每十万人口不少于2个 ⇒ Value ≥ 2 个/10万人 +words | 2个/10万人以上
    每万名居民拥有2—3名 ⇒ Range 2..3 名/万人 | 2-3名/万人
    每3万人口配备1辆 ⇒ Value plain 1 辆/3万人 +words | 达到1辆/3万人
    每千人口床位数达到7.5张 ⇒ Value plain 7.5 张/千人 +words | 达到7.5张/千人
    每千人口7.5 ⇒ Unreadable: `每千人口7.5` is a count per population that does not say what it counts (个, 张, 名) | 每千人口7.5
    ");
}

/// All of a set: a floor of 100%, with the count where one is printed.
#[test]
fn all_of_a_set() {
    insta::assert_snapshot!(render_table(&[
        "全覆盖",
        "实现全覆盖",
        "全县所有",
        "所有乡镇全覆盖",
        "3个乡镇全部建成",
        "5个县(区)全部创建为健康促进县(区)",
        "全盟所有嘎查村卫生室均达标",
        "村卫生室全覆盖",
        "全部达标",
        "力争二级以上医院全覆盖",
    ]), @"
    全覆盖 ⇒ All +words | 全覆盖
    实现全覆盖 ⇒ All +words | 全覆盖
    全县所有 ⇒ All +words | 全覆盖
    所有乡镇全覆盖 ⇒ All of 乡镇 +words | 所有乡镇全覆盖
    3个乡镇全部建成 ⇒ All 3 个 of 乡镇 +words | 3个乡镇全部
    5个县(区)全部创建为健康促进县(区) ⇒ All 5 个 of 县区 +words | 5个县区全部
    全盟所有嘎查村卫生室均达标 ⇒ All of 嘎查村卫生室 +words | 所有嘎查村卫生室全覆盖
    村卫生室全覆盖 ⇒ All of 村卫生室 +words | 所有村卫生室全覆盖
    全部达标 ⇒ All +words | 全覆盖
    力争二级以上医院全覆盖 ⇒ All of 二级以上医院 +strive +words | 力争所有二级以上医院全覆盖
    ");
}

/// One floor for each unit of a set.
#[test]
fn one_for_each_unit() {
    insta::assert_snapshot!(render_table(&[
        "每个乡镇至少1个",
        "每个旗县区建成1所",
        "各区至少有1所",
        "力争实现每个县(区)建立1个",
        "每个建制乡镇至少设1所",
        "每个嘎查村卫生室至少配备1名",
        "各旗县设置1家",
    ]), @"
    每个乡镇至少1个 ⇒ PerUnit each 乡镇: ≥ 1 个 +words | 每个乡镇1个以上
    每个旗县区建成1所 ⇒ PerUnit each 旗县区: plain 1 所 +words | 每个旗县区达到1所
    各区至少有1所 ⇒ PerUnit each 区: ≥ 1 所 +words | 每个区1所以上
    力争实现每个县(区)建立1个 ⇒ PerUnit each 县区: plain 1 个 +strive +words | 力争每个县区达到1个
    每个建制乡镇至少设1所 ⇒ PerUnit each 建制乡镇: ≥ 1 所 +words | 每个建制乡镇1所以上
    每个嘎查村卫生室至少配备1名 ⇒ PerUnit each 嘎查村卫生室: ≥ 1 名 +words | 每个嘎查村卫生室1名以上
    各旗县设置1家 ⇒ PerUnit each 旗县: plain 1 家 +words | 每个旗县达到1家
    ");
}

/// An increase over the baseline, and a range of increases (its low end is the commitment).
#[test]
fn increases_over_the_baseline() {
    insta::assert_snapshot!(render_table(&[
        "新增3-5个",
        "新增床位200张",
        "增加2所",
        "力争新增5-8个",
        "新增高层次人才500名",
        "每年新增住院病种1个以上",
        "每年新增3—5项",
        "新增5-3个",
    ]), @"
    新增3-5个 ⇒ Change up 3..5 abs 个 | 比基期提高3-5个
    新增床位200张 ⇒ Change up 200 abs 张 | 比基期提高200张
    增加2所 ⇒ Change up 2 abs 所 | 比基期提高2所
    力争新增5-8个 ⇒ Change up 5..8 abs 个 +strive | 力争比基期提高5-8个
    新增高层次人才500名 ⇒ Change up 500 abs 名 | 比基期提高500名
    每年新增住院病种1个以上 ⇒ PerYear up 1 abs 个 at-least | 每年提高1个以上
    每年新增3—5项 ⇒ PerYear up 3..5 abs 项 | 每年提高3-5项
    新增5-3个 ⇒ Unreadable: `5-3个` is not a range from a lower to a higher value in one unit | 新增5-3个
    ");
}

/// Grades on an ordinal scale.
#[test]
fn grades() {
    insta::assert_snapshot!(render_table(&[
        "达到三级水平",
        "二级甲等",
        "达到二级甲等以上",
        "创建三级医院",
        "创建三甲医院",
        "二级甲等及以上水平",
        "力争达到三级乙等疾控中心标准",
        "晋升为三级甲等综合医院",
        "达到4级以上",
        "≥三级",
        "二级以下",
    ]), @"
    达到三级水平 ⇒ Grade plain level 3 +words | 达到三级
    二级甲等 ⇒ Grade plain level 2 class A | 二级甲等
    达到二级甲等以上 ⇒ Grade ≥ level 2 class A +words | 二级甲等以上
    创建三级医院 ⇒ Grade plain level 3 +words | 达到三级
    创建三甲医院 ⇒ Grade plain level 3 class A +words | 达到三级甲等
    二级甲等及以上水平 ⇒ Grade ≥ level 2 class A +words | 二级甲等以上
    力争达到三级乙等疾控中心标准 ⇒ Grade plain level 3 class B +strive +words | 力争达到三级乙等
    晋升为三级甲等综合医院 ⇒ Grade plain level 3 class A +words | 达到三级甲等
    达到4级以上 ⇒ Grade ≥ level 4 +words | 四级以上
    ≥三级 ⇒ Grade ≥ level 3 | ≥三级
    二级以下 ⇒ Grade ≤ level 2 +words | 二级以下
    ");
}

/// Several floors at once, as parts named by their measure words.
#[test]
fn several_floors_at_once() {
    insta::assert_snapshot!(render_table(&[
        "4类8项以上",
        "至少开展3类5项",
        "提供4类6项中医药适宜技术",
        "力争5类12项",
        "3类3类",
    ]), @"
    4类8项以上 ⇒ Parts [类: Value ≥ 4 类 +words; 项: Value ≥ 8 项 +words] | 类：4类以上；项：8项以上
    至少开展3类5项 ⇒ Parts [类: Value ≥ 3 类 +words; 项: Value ≥ 5 项 +words] | 类：3类以上；项：5项以上
    提供4类6项中医药适宜技术 ⇒ Parts [类: Value plain 4 类 +words; 项: Value plain 6 项 +words] | 类：达到4类；项：达到6项
    力争5类12项 ⇒ Parts [类: Value plain 5 类 +strive; 项: Value plain 12 项 +strive] | 类：力争5类；项：力争12项
    3类3类 ⇒ Unreadable: `类3类` is not a known unit | 3类3类
    ");
}

/// The flags beside a form: 力争, 确保, 左右, holding the level, and the year printed before
/// the target. A movement after a hold word is a movement, not a hold.
#[test]
fn flags_and_holding_the_level() {
    insta::assert_snapshot!(render_table(&[
        "保持在95%以上",
        "稳定在80左右",
        "维持在28%以下",
        "保持100%",
        "保持稳定",
        "保持在较高水平",
        "保持持续提升",
        "不低于现有水平",
        "保持现有水平",
        "不低于2020年水平",
        "高于现有水平",
        "确保达到100%",
        "确保每个乡镇1所",
        "争取达到85%",
        "力争到2025年达到90%",
        "到2035年达到80岁",
        "到2035年，城镇80，居民70",
        "约95%",
        "分别不低于45%",
        "稳中有降",
    ]), @"
    保持在95%以上 ⇒ Value ≥ 95 % +hold +words | 保持在95%以上
    稳定在80左右 ⇒ Value plain 80 +approx +hold +words | 保持在80左右
    维持在28%以下 ⇒ Value ≤ 28 % +hold +words | 保持在28%以下
    保持100% ⇒ Value plain 100 % +hold | 保持100%
    保持稳定 ⇒ Direction stable +hold | 保持稳定
    保持在较高水平 ⇒ Direction stable +hold | 保持稳定
    保持持续提升 ⇒ Direction up | 持续提升
    不低于现有水平 ⇒ AtBaseline ≥ +hold +words | 不低于现有水平
    保持现有水平 ⇒ AtBaseline plain +hold +words | 保持现有水平
    不低于2020年水平 ⇒ AtBaseline ≥ of 2020 +hold +words | 不低于2020年水平
    高于现有水平 ⇒ AtBaseline > +words | 高于现有水平
    确保达到100% ⇒ Value plain 100 % +firm +words | 确保达到100%
    确保每个乡镇1所 ⇒ PerUnit each 乡镇: plain 1 所 +firm | 确保每个乡镇1所
    争取达到85% ⇒ Value plain 85 % +strive +words | 力争达到85%
    力争到2025年达到90% ⇒ Value plain 90 % +strive +words @2025 | 到2025年力争达到90%
    到2035年达到80岁 ⇒ Value plain 80 岁 +words @2035 | 到2035年达到80岁
    到2035年，城镇80，居民70 ⇒ Parts [城镇: Value plain 80; 居民: Value plain 70] @2035 | 到2035年，城镇：80；居民：70
    约95% ⇒ Value plain 95 % +approx | 95%左右
    分别不低于45% ⇒ Value ≥ 45 % +words | 45%以上
    稳中有降 ⇒ Direction down | 逐步降低
    ");
}

/// Printing slips in numbers: read as the number meant, and flagged with the slip.
#[test]
fn printing_slips() {
    insta::assert_snapshot!(render_table(&[
        "3。5名",
        "77。6岁",
        "达到2。8名",
        "77、6岁",
        "7 7.6",
        "3 .5‰",
        "9O%",
        "1〇0%",
        "≥O.5",
        "达到90%。",
        "1、2、3",
        "城镇80左右 居民70",
    ]), @"
    3。5名 ⇒ Value plain 3.5 名 !a full stop printed for the decimal point: 3.5 / 小数点误作句号，应为3.5 | 3.5名
    77。6岁 ⇒ Value plain 77.6 岁 !a full stop printed for the decimal point: 77.6 / 小数点误作句号，应为77.6 | 77.6岁
    达到2。8名 ⇒ Value plain 2.8 名 +words !a full stop printed for the decimal point: 2.8 / 小数点误作句号，应为2.8 | 达到2.8名
    77、6岁 ⇒ Value plain 77.6 岁 !an enumeration comma (、) printed for the decimal point: 77.6 / 小数点误作顿号，应为77.6 | 77.6岁
    7 7.6 ⇒ Value plain 77.6 !a stray space inside the number: 77.6 / 数字中有多余空格，应为77.6 | 77.6
    3 .5‰ ⇒ Value plain 3.5 ‰ !a stray space inside the number: 3.5 / 数字中有多余空格，应为3.5 | 3.5‰
    9O% ⇒ Value plain 90 % !the letter O printed for the digit 0: 90 / 数字0误作字母O，应为90 | 90%
    1〇0% ⇒ Value plain 100 % !the character 〇 printed for the digit 0: 100 / 数字0误作“〇”，应为100 | 100%
    ≥O.5 ⇒ Value ≥ 0.5 !the letter O printed for the digit 0: 0.5 / 数字0误作字母O，应为0.5 | ≥0.5
    达到90%。 ⇒ Value plain 90 % +words | 达到90%
    1、2、3 ⇒ Unreadable: `1、2、3` has several values but no part names | 1、2、3
    城镇80左右 居民70 ⇒ Parts [城镇: Value plain 80 +approx; 居民: Value plain 70] | 城镇：80左右；居民：70
    ");
}

/// Traditional characters read as their simplified forms, in units and in target words.
#[test]
fn traditional_characters() {
    insta::assert_snapshot!(render_table(&[
        "15個",
        "603種",
        "達到3級以上",
        "全覆蓋",
        "每千人口3張",
        "比基期減少10%",
        "提高1歲",
        "8項以上",
        "每萬人口2名",
        "創建三級甲等醫院",
        "保持現有水平",
    ]), @"
    15個 ⇒ Value plain 15 个 | 15个
    603種 ⇒ Value plain 603 种 | 603种
    達到3級以上 ⇒ Grade ≥ level 3 +words | 三级以上
    全覆蓋 ⇒ All +words | 全覆盖
    每千人口3張 ⇒ Value plain 3 张/千人 | 3张/千人
    比基期減少10% ⇒ Change down 10 % of base | 比基期降低10%
    提高1歲 ⇒ Change up 1 abs 岁 | 比基期提高1岁
    8項以上 ⇒ Value ≥ 8 项 +words | 8项以上
    每萬人口2名 ⇒ Value plain 2 名/万人 | 2名/万人
    創建三級甲等醫院 ⇒ Grade plain level 3 class A +words | 达到三级甲等
    保持現有水平 ⇒ AtBaseline plain +hold +words | 保持现有水平
    ");
}
