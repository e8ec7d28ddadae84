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
