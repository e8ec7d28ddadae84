//! Comparison of a child's target with its parent's: one line per case, with the verdict,
//! both requirements and the notes, in an inline snapshot.

use planlint_target::{
    compare, parse, resolve, Better, Context, Note, Reason, Requirement, Unit, Verdict,
};

/// One comparison case: the child's and the parent's target text, baseline and row unit.
struct Case {
    child: &'static str,
    child_base: Option<f64>,
    child_unit: Option<&'static str>,
    parent: &'static str,
    parent_base: Option<f64>,
    parent_unit: Option<&'static str>,
    better: Option<Better>,
}

const fn case(child: &'static str, parent: &'static str, better: Option<Better>) -> Case {
    Case {
        child,
        child_base: None,
        child_unit: None,
        parent,
        parent_base: None,
        parent_unit: None,
        better,
    }
}

impl Case {
    const fn bases(mut self, child: Option<f64>, parent: Option<f64>) -> Case {
        self.child_base = child;
        self.parent_base = parent;
        self
    }

    const fn units(mut self, child: &'static str, parent: &'static str) -> Case {
        self.child_unit = Some(child);
        self.parent_unit = Some(parent);
        self
    }
}

fn ctx(base: Option<f64>, unit: Option<&str>) -> Context {
    Context {
        baseline: base,
        baseline_unit: None,
        unit: unit.and_then(planlint_target::parse_unit),
        baseline_year: 2020,
        target_year: 2025,
    }
}

fn req(r: &Requirement) -> String {
    fn unit(u: &Option<Unit>) -> String {
        u.as_ref().map_or(String::new(), Unit::to_string)
    }
    fn num(v: f64) -> String {
        // Rounded for reading; exact values are asserted elsewhere.
        let rounded = (v * 1e6).round() / 1e6;
        format!("{rounded}")
    }
    match r {
        Requirement::Floor {
            value,
            strict,
            unit: u,
        } => {
            format!(
                "{}{}{}",
                if *strict { ">" } else { "≥" },
                num(*value),
                unit(u)
            )
        }
        Requirement::Ceiling {
            value,
            strict,
            unit: u,
        } => {
            format!(
                "{}{}{}",
                if *strict { "<" } else { "≤" },
                num(*value),
                unit(u)
            )
        }
        Requirement::Band { low, high, unit: u } => {
            format!("[{}, {}]{}", num(*low), num(*high), unit(u))
        }
        Requirement::Direction(d) => format!("{d:?}"),
        Requirement::Parts(parts) => {
            let inner: Vec<String> = parts
                .iter()
                .map(|p| format!("{} {}", p.name, req(&p.requirement)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        Requirement::None(reason) => format!("none({reason})"),
    }
}

fn verdict(v: &Verdict) -> String {
    match v {
        Verdict::Stricter => "Stricter".to_owned(),
        Verdict::Equal { note: None } => "Equal".to_owned(),
        Verdict::Equal { note: Some(note) } => format!("Equal ({note})"),
        Verdict::Weaker { by: Some(by) } => format!("Weaker by {}", (by * 1e6).round() / 1e6),
        Verdict::Weaker { by: None } => "Weaker".to_owned(),
        Verdict::NotComparable(reason) => format!("NotComparable: {reason}"),
    }
}

fn render(cases: &[Case]) -> String {
    let mut out = String::new();
    for c in cases {
        let result = compare(
            &parse(c.child),
            &ctx(c.child_base, c.child_unit),
            &parse(c.parent),
            &ctx(c.parent_base, c.parent_unit),
            c.better,
        );
        let better = match c.better {
            Some(Better::Higher) => "higher",
            Some(Better::Lower) => "lower",
            None => "?",
        };
        out.push_str(&format!(
            "{} vs {} [{better}] ⇒ {} | child {} parent {}",
            c.child,
            c.parent,
            verdict(&result.verdict),
            req(&result.child),
            req(&result.parent),
        ));
        for note in &result.notes {
            out.push_str(&format!(" | {note}"));
        }
        out.push('\n');
    }
    out
}

const H: Option<Better> = Some(Better::Higher);
const L: Option<Better> = Some(Better::Lower);

#[test]
fn absolute_against_absolute() {
    insta::assert_snapshot!(render(&[
        case("≥30", "≥25", H),
        case("≥25", "≥25", H),
        case("≥20", "≥25", H),
        case("80", "≥75", H),
        case("8名以上", "≥8", H),
        case("<8", "<10", L),
        case("≤12", "<10", L),
        case("<10", "≤10", L),
        case("≤10", "<10", L),
        case(">90", "≥90", H),
        case("<10", "≥5", L),
        case("≥5", "<10", L),
        case("9.7", "10.7", L),
        case("77.6", "79.5", H),
        case("3.6", "4.5", None),
        case("3.6", "≥4.5", None),
        case("103-107", "103-107", None),
        case("104-106", "103-107", None),
        case("100-110", "103-107", None),
    ]), @"
    ≥30 vs ≥25 [higher] ⇒ Stricter | child ≥30 parent ≥25
    ≥25 vs ≥25 [higher] ⇒ Equal | child ≥25 parent ≥25
    ≥20 vs ≥25 [higher] ⇒ Weaker by 5 | child ≥20 parent ≥25
    80 vs ≥75 [higher] ⇒ Stricter | child ≥80 parent ≥75
    8名以上 vs ≥8 [higher] ⇒ Equal | child ≥8名 parent ≥8
    <8 vs <10 [lower] ⇒ Stricter | child <8 parent <10
    ≤12 vs <10 [lower] ⇒ Weaker by 2 | child ≤12 parent <10
    <10 vs ≤10 [lower] ⇒ Equal (equal in value; only a strict bound (`<`, `>`) against an inclusive one (`≤`, `≥`) differs) | child <10 parent ≤10
    ≤10 vs <10 [lower] ⇒ Equal (equal in value; only a strict bound (`<`, `>`) against an inclusive one (`≤`, `≥`) differs) | child ≤10 parent <10
    >90 vs ≥90 [higher] ⇒ Equal (equal in value; only a strict bound (`<`, `>`) against an inclusive one (`≤`, `≥`) differs) | child >90 parent ≥90
    <10 vs ≥5 [lower] ⇒ NotComparable: one target is a floor and the other a ceiling | child <10 parent ≥5
    ≥5 vs <10 [lower] ⇒ NotComparable: one target is a floor and the other a ceiling | child ≥5 parent <10
    9.7 vs 10.7 [lower] ⇒ Stricter | child ≤9.7 parent ≤10.7
    77.6 vs 79.5 [higher] ⇒ Weaker by 1.9 | child ≥77.6 parent ≥79.5
    3.6 vs 4.5 [?] ⇒ NotComparable: unknown whether higher or lower is better | child none(unknown whether higher or lower is better) parent none(unknown whether higher or lower is better)
    3.6 vs ≥4.5 [?] ⇒ Weaker by 0.9 | child ≥3.6 parent ≥4.5 | whether higher or lower is better was taken from the parent's target
    103-107 vs 103-107 [?] ⇒ Equal | child [103, 107] parent [103, 107]
    104-106 vs 103-107 [?] ⇒ Stricter | child [104, 106] parent [103, 107]
    100-110 vs 103-107 [?] ⇒ Weaker by 3 | child [100, 110] parent [103, 107]
    ");
}

#[test]
fn relative_and_per_year() {
    insta::assert_snapshot!(render(&[
        // Relative against relative: amounts compare, no baseline needed.
        case("比基期降低10%", "比基期降低10%", L),
        case("比基期降低12%", "比基期降低10%", L),
        case("比基期降低5%", "比基期降低10%", L),
        case("比基期提高5%", "比基期降低10%", L),
        case("2020年基础上增长30%", "2020年基础上增长30%", H),
        case("每年降低0.5个百分点", "每年降低0.5个百分点", L),
        case("力争每年降低0.5个百分点", "每年降低0.5个百分点", L),
        case("每年降低0.3个百分点", "每年降低0.5个百分点", L),
        case("每年降低0.5个百分点", "降低2个百分点", L),
        case("提高1岁左右", "提高1岁", H),
        // Relative against absolute, with and without a baseline.
        case("比基期降低10%", "≤17", L).bases(Some(18.71), None),
        case("比基期降低10%", "≤16", L).bases(Some(18.71), None),
        case("比基期降低10%", "≤17", L),
        case("≤16", "比基期降低10%", L).bases(Some(18.71), Some(20.0)),
        case("≤17", "比基期降低10%", L).bases(Some(18.71), Some(20.0)),
        case("≤16", "比基期降低10%", L).bases(None, Some(18.71)),
        case("11.44", "2020年基础上增长30%", H).bases(Some(9.9), None),
        case("11", "2020年基础上增长30%", H).bases(Some(9.9), None),
        case("51.99", "每年降低0.5个百分点", L).bases(Some(54.49), None),
        case("52", "每年降低0.5个百分点", L).bases(Some(54.49), None),
        case("每年降低0.5个百分点", "≤52", L).bases(Some(54.49), None),
    ]), @"
    比基期降低10% vs 比基期降低10% [lower] ⇒ Equal | child none(a change from the baseline, but no baseline is given) parent none(a change from the baseline, but no baseline is given)
    比基期降低12% vs 比基期降低10% [lower] ⇒ Stricter | child none(a change from the baseline, but no baseline is given) parent none(a change from the baseline, but no baseline is given)
    比基期降低5% vs 比基期降低10% [lower] ⇒ Weaker by 5 | child none(a change from the baseline, but no baseline is given) parent none(a change from the baseline, but no baseline is given)
    比基期提高5% vs 比基期降低10% [lower] ⇒ Weaker by 15 | child none(a change from the baseline, but no baseline is given) parent none(a change from the baseline, but no baseline is given)
    2020年基础上增长30% vs 2020年基础上增长30% [higher] ⇒ Equal | child none(a change from the baseline, but no baseline is given) parent none(a change from the baseline, but no baseline is given)
    每年降低0.5个百分点 vs 每年降低0.5个百分点 [lower] ⇒ Equal | child none(a change from the baseline, but no baseline is given) parent none(a change from the baseline, but no baseline is given)
    力争每年降低0.5个百分点 vs 每年降低0.5个百分点 [lower] ⇒ Equal | child none(a change from the baseline, but no baseline is given) parent none(a change from the baseline, but no baseline is given) | the child target is a soft commitment (力争)
    每年降低0.3个百分点 vs 每年降低0.5个百分点 [lower] ⇒ Weaker by 0.2 | child none(a change from the baseline, but no baseline is given) parent none(a change from the baseline, but no baseline is given)
    每年降低0.5个百分点 vs 降低2个百分点 [lower] ⇒ Stricter | child none(a change from the baseline, but no baseline is given) parent none(a change from the baseline, but no baseline is given) | the child yearly change was summed over 5 years
    提高1岁左右 vs 提高1岁 [higher] ⇒ Equal | child none(a change from the baseline, but no baseline is given) parent none(a change from the baseline, but no baseline is given) | the child target is approximate (左右)
    比基期降低10% vs ≤17 [lower] ⇒ Stricter | child ≤16.839 parent ≤17
    比基期降低10% vs ≤16 [lower] ⇒ Weaker by 0.839 | child ≤16.839 parent ≤16
    比基期降低10% vs ≤17 [lower] ⇒ NotComparable: a change from the baseline, but no baseline is given | child none(a change from the baseline, but no baseline is given) parent ≤17
    ≤16 vs 比基期降低10% [lower] ⇒ Stricter | child ≤16 parent ≤16.839 | the parent's change was applied to the child's own baseline
    ≤17 vs 比基期降低10% [lower] ⇒ Weaker by 0.161 | child ≤17 parent ≤16.839 | the parent's change was applied to the child's own baseline
    ≤16 vs 比基期降低10% [lower] ⇒ NotComparable: a change from the baseline, but no baseline is given | child ≤16 parent none(a change from the baseline, but no baseline is given)
    11.44 vs 2020年基础上增长30% [higher] ⇒ Weaker by 1.43 | child ≥11.44 parent ≥12.87 | the parent's change was applied to the child's own baseline
    11 vs 2020年基础上增长30% [higher] ⇒ Weaker by 1.87 | child ≥11 parent ≥12.87 | the parent's change was applied to the child's own baseline
    51.99 vs 每年降低0.5个百分点 [lower] ⇒ Equal | child ≤51.99 parent ≤51.99 | the parent's change was applied to the child's own baseline | the parent yearly change was summed over 5 years
    52 vs 每年降低0.5个百分点 [lower] ⇒ Weaker by 0.01 | child ≤52 parent ≤51.99 | the parent's change was applied to the child's own baseline | the parent yearly change was summed over 5 years
    每年降低0.5个百分点 vs ≤52 [lower] ⇒ Stricter | child ≤51.99 parent ≤52 | the child yearly change was summed over 5 years
    ");
}

#[test]
fn units_direction_history_parts() {
    insta::assert_snapshot!(render(&[
        // Units: ‰, %, /10万 convert; different dimensions do not.
        case("<4.8", "<10", L).units("%", "‰"),
        case("<0.48", "<10", L).units("%", "‰"),
        case("<1", "<10", L).units("%", "‰"),
        case("<14.5", "<0.2", L).units("/10万", "‰"),
        case("<20", "<0.02", L).units("/10万", "%"),
        case("≥3", "≥3", H).units("人", "名"),
        case("≥3", "≥3", H).units("人", "张"),
        case("79.5岁", "≥79", H),
        // Direction only.
        case("持续提升", "同比例提高", None),
        case("逐步降低", "持续提升", None),
        case("79.5", "同比例提高", None).bases(Some(78.84), None),
        case("78", "同比例提高", None).bases(Some(78.84), None),
        case("79.5", "同比例提高", None),
        case("<10", "持续提升", None).bases(Some(5.0), None),
        case("持续提升", "≥80", H),
        case("逐步降低", "≥80", H),
        case("保持稳定", "保持稳定", None),
        case("≥80", "保持稳定", H).bases(Some(80.0), None),
        // History, empty, unreadable.
        case("≤300", "≤十二五期间平均值", L),
        case("——", "≥75", H),
        case("≥75", "——", H),
        case("基本消除", "<10", L),
        // Parts.
        case("城镇稳定在80左右，居民稳定在70以上", "城镇稳定在80左右，居民稳定在70以上", H),
        case("城镇85，居民70以上", "城镇稳定在80左右，居民稳定在70以上", H),
        case("城镇80，居民65", "城镇稳定在80左右，居民稳定在70以上", H),
        case("城镇80，职工70", "城镇稳定在80左右，居民稳定在70以上", H),
        case("城镇80，居民75", "≥75", H),
        case("≥80", "城镇稳定在80左右，居民稳定在70以上", H),
    ]), @"
    <4.8 vs <10 [lower] ⇒ Weaker by 38 | child <4.8% parent <10‰ | the child value was converted from % to ‰
    <0.48 vs <10 [lower] ⇒ Stricter | child <0.48% parent <10‰ | the child value was converted from % to ‰
    <1 vs <10 [lower] ⇒ Equal | child <1% parent <10‰ | the child value was converted from % to ‰
    <14.5 vs <0.2 [lower] ⇒ Stricter | child <14.5/10万 parent <0.2‰ | the child value was converted from /10万 to ‰
    <20 vs <0.02 [lower] ⇒ Equal | child <20/10万 parent <0.02% | the child value was converted from /10万 to %
    ≥3 vs ≥3 [higher] ⇒ Equal | child ≥3人 parent ≥3名 | the child value was converted from 人 to 名
    ≥3 vs ≥3 [higher] ⇒ NotComparable: units measure different things: child 人, parent 张 | child ≥3人 parent ≥3张
    79.5岁 vs ≥79 [higher] ⇒ Stricter | child ≥79.5岁 parent ≥79
    持续提升 vs 同比例提高 [?] ⇒ Equal | child Up parent Up | whether higher or lower is better was taken from the parent's target
    逐步降低 vs 持续提升 [?] ⇒ Weaker | child Down parent Up | whether higher or lower is better was taken from the parent's target
    79.5 vs 同比例提高 [?] ⇒ Stricter | child ≥79.5 parent Up | whether higher or lower is better was taken from the parent's target
    78 vs 同比例提高 [?] ⇒ Weaker by 0.84 | child ≥78 parent Up | whether higher or lower is better was taken from the parent's target
    79.5 vs 同比例提高 [?] ⇒ NotComparable: a change from the baseline, but no baseline is given | child ≥79.5 parent Up | whether higher or lower is better was taken from the parent's target
    <10 vs 持续提升 [?] ⇒ NotComparable: one target is a floor and the other a ceiling | child <10 parent Up | whether higher or lower is better was taken from the parent's target
    持续提升 vs ≥80 [higher] ⇒ NotComparable: a direction without a number cannot be compared with a number | child Up parent ≥80
    逐步降低 vs ≥80 [higher] ⇒ Weaker | child Down parent ≥80
    保持稳定 vs 保持稳定 [?] ⇒ Equal | child Stable parent Stable
    ≥80 vs 保持稳定 [higher] ⇒ NotComparable: a direction without a number cannot be compared with a number | child ≥80 parent Stable
    ≤300 vs ≤十二五期间平均值 [lower] ⇒ NotComparable: refers to historical data the plan does not give | child ≤300 parent none(refers to historical data the plan does not give)
    —— vs ≥75 [higher] ⇒ NotComparable: no target is given | child none(no target is given) parent ≥75
    ≥75 vs —— [higher] ⇒ NotComparable: no target is given | child ≥75 parent none(no target is given)
    基本消除 vs <10 [lower] ⇒ NotComparable: target not readable: `基本消除` states no number and no direction | child none(target not readable: `基本消除` states no number and no direction) parent <10
    城镇稳定在80左右，居民稳定在70以上 vs 城镇稳定在80左右，居民稳定在70以上 [higher] ⇒ Equal | child {城镇 ≥80, 居民 ≥70} parent {城镇 ≥80, 居民 ≥70} | the child target is approximate (左右) | the parent target is approximate (左右)
    城镇85，居民70以上 vs 城镇稳定在80左右，居民稳定在70以上 [higher] ⇒ Equal | child {城镇 ≥85, 居民 ≥70} parent {城镇 ≥80, 居民 ≥70} | the parent target is approximate (左右)
    城镇80，居民65 vs 城镇稳定在80左右，居民稳定在70以上 [higher] ⇒ Weaker by 5 | child {城镇 ≥80, 居民 ≥65} parent {城镇 ≥80, 居民 ≥70} | the parent target is approximate (左右)
    城镇80，职工70 vs 城镇稳定在80左右，居民稳定在70以上 [higher] ⇒ NotComparable: the parts differ: child 城镇/职工, parent 城镇/居民 | child {城镇 ≥80, 职工 ≥70} parent {城镇 ≥80, 居民 ≥70}
    城镇80，居民75 vs ≥75 [higher] ⇒ Equal | child {城镇 ≥80, 居民 ≥75} parent ≥75 | each part was compared with the other plan's single target
    ≥80 vs 城镇稳定在80左右，居民稳定在70以上 [higher] ⇒ Equal | child ≥80 parent {城镇 ≥80, 居民 ≥70} | each part was compared with the other plan's single target | the parent target is approximate (左右)
    ");
}

/// Shares of a total, all of a set, densities per population and floors for each unit:
/// comparable in their own terms, and not with what they cannot be measured against.
#[test]
fn sets_shares_and_densities() {
    insta::assert_snapshot!(render(&[
        // A share against a share, or against a rate; not against a count.
        case("覆盖旗县总数的1/3", "覆盖旗县总数的一半", H),
        case("达到总数的60%以上", "覆盖乡镇总数的一半", H),
        case("覆盖苏木乡镇总数的一半", "≥40%", H),
        case("覆盖旗县总数的1/3", "≥3个", H),
        // All of a set: 100% against a rate, its count against a count.
        case("全覆盖", "≥95%", H),
        case("所有乡镇全覆盖", "全覆盖", H),
        case("3个乡镇全部建成", "≥2个", H),
        case("全覆盖", "≥2个", H),
        // Densities convert between population bases, not into bare counts.
        case("每5万人口1个", "每10万人口至少1所", H),
        case("每5万人口1个", "每10万人口2个", H),
        case("每10万人口1个", "每5万人口1个", H),
        case("每千人口3张", "≥3张", H),
        // Floors for each unit: of one set (by name or level of administration), or not.
        case("每个苏木乡镇至少1个", "每个乡镇建成1所", H),
        case("每个旗县区建成1所", "每个县(区)至少1所", H),
        case("每个乡镇1名", "每个乡镇至少2名", H),
        case("每个乡镇至少1所", "每个县至少1所", H),
        case("每个乡镇至少1所", "建成20所", H),
    ]), @"
    覆盖旗县总数的1/3 vs 覆盖旗县总数的一半 [higher] ⇒ Weaker by 16.666667 | child ≥33.333333% parent ≥50%
    达到总数的60%以上 vs 覆盖乡镇总数的一半 [higher] ⇒ Stricter | child ≥60% parent ≥50%
    覆盖苏木乡镇总数的一半 vs ≥40% [higher] ⇒ Stricter | child ≥50% parent ≥40%
    覆盖旗县总数的1/3 vs ≥3个 [higher] ⇒ NotComparable: a share of a total cannot be compared with an absolute number: the size of the total is not given | child ≥33.333333% parent ≥3个
    全覆盖 vs ≥95% [higher] ⇒ Stricter | child ≥100% parent ≥95%
    所有乡镇全覆盖 vs 全覆盖 [higher] ⇒ Equal | child ≥100% parent ≥100%
    3个乡镇全部建成 vs ≥2个 [higher] ⇒ Stricter | child ≥3个 parent ≥2个
    全覆盖 vs ≥2个 [higher] ⇒ NotComparable: a share of a total cannot be compared with an absolute number: the size of the total is not given | child none(a share of a total cannot be compared with an absolute number: the size of the total is not given) parent ≥2个
    每5万人口1个 vs 每10万人口至少1所 [higher] ⇒ Stricter | child ≥1个/5万人 parent ≥1所/10万人 | the child value was converted from 个/5万人 to 所/10万人
    每5万人口1个 vs 每10万人口2个 [higher] ⇒ Equal | child ≥1个/5万人 parent ≥2个/10万人 | the child value was converted from 个/5万人 to 个/10万人
    每10万人口1个 vs 每5万人口1个 [higher] ⇒ Weaker by 0.5 | child ≥1个/10万人 parent ≥1个/5万人 | the child value was converted from 个/10万人 to 个/5万人
    每千人口3张 vs ≥3张 [higher] ⇒ NotComparable: units measure different things: child 张/千人, parent 张 | child ≥3张/千人 parent ≥3张
    每个苏木乡镇至少1个 vs 每个乡镇建成1所 [higher] ⇒ Equal | child ≥1个 parent ≥1所 | the child value was converted from 个 to 所
    每个旗县区建成1所 vs 每个县(区)至少1所 [higher] ⇒ Equal | child ≥1所 parent ≥1所
    每个乡镇1名 vs 每个乡镇至少2名 [higher] ⇒ Weaker by 1 | child ≥1名 parent ≥2名
    每个乡镇至少1所 vs 每个县至少1所 [higher] ⇒ NotComparable: floors for each unit of different sets: child per 乡镇, parent per 县 | child ≥1所 parent ≥1所
    每个乡镇至少1所 vs 建成20所 [higher] ⇒ NotComparable: a floor for each unit of a set cannot be compared with a total or a rate: the number of units is not given | child ≥1所 parent ≥20所
    ");
}

/// Grades by rank, increases by their committed low end, several floors part by part, and
/// the baseline's own level.
#[test]
fn grades_increases_counts_and_levels() {
    insta::assert_snapshot!(render(&[
        case("达到三级水平", "达到二级甲等以上", H),
        case("二级乙等", "二级甲等", H),
        case("二级甲等", "二级甲等及以上水平", H),
        case("达到4级以上", "达到5级", H),
        case("三级", "≥90%", H),
        case("——", "二级甲等", H),
        case("新增3-5个", "新增4个", H),
        case("新增床位200张", "新增150张", H),
        case("新增3-5个", "≥10个", H).bases(Some(6.0), None),
        case("4类8项以上", "至少开展3类5项", H),
        case("4类6项", "至少6类10项", H),
        case("不低于现有水平", "≥90", H).bases(Some(92.0), None),
        case("保持现有水平", "比基期提高5%", H).bases(Some(80.0), Some(80.0)),
        case("不低于现有水平", "≥90", H),
    ]), @"
    达到三级水平 vs 达到二级甲等以上 [higher] ⇒ Stricter | child ≥3级 parent none(a grade is an ordinal scale: it has no number and compares only with another grade)
    二级乙等 vs 二级甲等 [higher] ⇒ Weaker | child none(a grade is an ordinal scale: it has no number and compares only with another grade) parent none(a grade is an ordinal scale: it has no number and compares only with another grade)
    二级甲等 vs 二级甲等及以上水平 [higher] ⇒ Equal | child none(a grade is an ordinal scale: it has no number and compares only with another grade) parent none(a grade is an ordinal scale: it has no number and compares only with another grade)
    达到4级以上 vs 达到5级 [higher] ⇒ Weaker by 1 | child ≥4级 parent ≥5级
    三级 vs ≥90% [higher] ⇒ NotComparable: a grade is an ordinal scale: it has no number and compares only with another grade | child ≥3级 parent ≥90%
    —— vs 二级甲等 [higher] ⇒ NotComparable: no target is given | child none(no target is given) parent none(a grade is an ordinal scale: it has no number and compares only with another grade)
    新增3-5个 vs 新增4个 [higher] ⇒ Weaker by 1 | child none(a change from the baseline, but no baseline is given) parent none(a change from the baseline, but no baseline is given) | the child range of changes was read as its low end, the part committed to
    新增床位200张 vs 新增150张 [higher] ⇒ Stricter | child none(a change from the baseline, but no baseline is given) parent none(a change from the baseline, but no baseline is given)
    新增3-5个 vs ≥10个 [higher] ⇒ Weaker by 1 | child ≥9个 parent ≥10个 | the child range of changes was read as its low end, the part committed to
    4类8项以上 vs 至少开展3类5项 [higher] ⇒ Stricter | child {类 ≥4类, 项 ≥8项} parent {类 ≥3类, 项 ≥5项}
    4类6项 vs 至少6类10项 [higher] ⇒ Weaker by 4 | child {类 ≥4类, 项 ≥6项} parent {类 ≥6类, 项 ≥10项}
    不低于现有水平 vs ≥90 [higher] ⇒ Stricter | child ≥92 parent ≥90
    保持现有水平 vs 比基期提高5% [higher] ⇒ Weaker by 4 | child ≥80 parent ≥84 | the parent's change was applied to the child's own baseline
    不低于现有水平 vs ≥90 [higher] ⇒ NotComparable: a change from the baseline, but no baseline is given | child none(a change from the baseline, but no baseline is given) parent ≥90
    ");
}

/// The per-year example of the issue: 0.5 points a year from 54.49 in 2020 is a 2025
/// ceiling of 51.99.
#[test]
fn per_year_change_over_five_years() {
    let target = parse("每年降低0.5个百分点");
    let ctx = Context::new(2020, 2025)
        .with_baseline(54.49)
        .with_unit(Unit::Percent);
    let Requirement::Ceiling {
        value,
        strict,
        unit,
    } = resolve(&target, &ctx, Some(Better::Lower))
    else {
        panic!("expected a ceiling");
    };
    assert!((value - 51.99).abs() < 1e-9, "{value}");
    assert!(!strict);
    assert_eq!(unit, Some(Unit::Percent));

    // In a ‰ row, the same points are ten times as many per mille.
    let ctx = Context::new(2020, 2025)
        .with_baseline(544.9)
        .with_unit(Unit::PerMille);
    let Requirement::Ceiling { value, .. } = resolve(&target, &ctx, None) else {
        panic!("expected a ceiling");
    };
    assert!((value - 519.9).abs() < 1e-9, "{value}");

    // No later target year: no span to sum over.
    let ctx = Context::new(2025, 2025).with_baseline(54.49);
    assert_eq!(
        resolve(&target, &ctx, None),
        Requirement::None(Reason::NoYears {
            baseline_year: 2025,
            target_year: 2025
        })
    );
}

#[test]
fn resolve_each_form() {
    let ctx = Context::default()
        .with_baseline(18.71)
        .with_unit(Unit::Percent);
    let cases: &[(&str, Option<Better>, Requirement)] = &[
        (
            "77.6",
            Some(Better::Higher),
            Requirement::Floor {
                value: 77.6,
                strict: false,
                unit: Some(Unit::Percent),
            },
        ),
        (
            "77.6",
            Some(Better::Lower),
            Requirement::Ceiling {
                value: 77.6,
                strict: false,
                unit: Some(Unit::Percent),
            },
        ),
        ("77.6", None, Requirement::None(Reason::NoDirection)),
        (
            "<10",
            None,
            Requirement::Ceiling {
                value: 10.0,
                strict: true,
                unit: Some(Unit::Percent),
            },
        ),
        (
            "比基期降低10%",
            None,
            Requirement::Ceiling {
                value: 18.71 * 0.9,
                strict: false,
                unit: Some(Unit::Percent),
            },
        ),
        (
            "比基期提高1个百分点",
            None,
            Requirement::Floor {
                value: 19.71,
                strict: false,
                unit: Some(Unit::Percent),
            },
        ),
        (
            "同比例提高",
            None,
            Requirement::Direction(planlint_target::Dir::Up),
        ),
        (
            "≤十二五期间平均值",
            None,
            Requirement::None(Reason::History),
        ),
        ("——", None, Requirement::None(Reason::Empty)),
        (
            "5岁",
            Some(Better::Higher),
            Requirement::None(Reason::UnitMismatch {
                child: Unit::Years,
                parent: Unit::Percent,
            }),
        ),
    ];
    for (text, better, want) in cases {
        assert_eq!(&resolve(&parse(text), &ctx, *better), want, "{text}");
    }
    let no_base = Context::default();
    assert_eq!(
        resolve(&parse("比基期降低10%"), &no_base, None),
        Requirement::None(Reason::NoBaseline)
    );
}

#[test]
fn notes_for_approx_and_strive() {
    let result = compare(
        &parse("力争每年降低0.5个百分点"),
        &Context::default(),
        &parse("提高1岁左右"),
        &Context::default(),
        None,
    );
    assert!(result
        .notes
        .contains(&Note::Strive(planlint_target::Side::Child)));
    assert!(result
        .notes
        .contains(&Note::Approx(planlint_target::Side::Parent)));
    assert!(result.notes.contains(&Note::DirectionFromParent));
}

#[test]
fn messages_are_bilingual() {
    let reasons = [
        Reason::NoBaseline,
        Reason::DirectionOnly,
        Reason::History,
        Reason::NoDirection,
        Reason::UnitMismatch {
            child: Unit::Percent,
            parent: Unit::Years,
        },
        Reason::Empty,
        Reason::Unreadable(planlint_target::ParseIssue::NoNumber {
            text: "基本消除".into(),
        }),
        Reason::PartsDiffer {
            child: vec!["城镇".into()],
            parent: vec!["居民".into()],
        },
        Reason::DirectionConflict,
        Reason::NoYears {
            baseline_year: 2025,
            target_year: 2020,
        },
        Reason::RangeVsBound,
        Reason::ShareVsCount,
        Reason::PerUnitVsTotal,
        Reason::PerDifferentUnits {
            child: "乡镇".into(),
            parent: "县".into(),
        },
        Reason::Ordinal,
    ];
    let rendered: Vec<String> = reasons
        .iter()
        .map(|r| format!("{r} / {}", r.zh()))
        .collect();
    insta::assert_snapshot!(rendered.join("\n"), @"
    a change from the baseline, but no baseline is given / 相对基期的目标缺少基期值，无法换算
    a direction without a number cannot be compared with a number / 仅有方向、无具体数值，无法与数值目标比较
    refers to historical data the plan does not give / 以规划未给出的历史数据为参照，无法比较
    unknown whether higher or lower is better / 指标方向（越高越好或越低越好）不明
    units measure different things: child %, parent 岁 / 单位不可换算：下级为%，上级为岁
    no target is given / 未设目标值
    target not readable: `基本消除` states no number and no direction / 目标值无法识别：“基本消除”既无数值也无方向
    the parts differ: child 城镇, parent 居民 / 分项不一致：下级为城镇，上级为居民
    one target is a floor and the other a ceiling / 上下级目标一为下限、一为上限，方向相反
    a per-year change needs the target year after the baseline year (2025→2020) / 年均变化需目标年晚于基期年（2025→2020）
    a range cannot be compared with a one-sided bound / 区间目标无法与单侧目标比较
    a share of a total cannot be compared with an absolute number: the size of the total is not given / 占总数比例的目标无法与绝对数比较：未给出总数
    a floor for each unit of a set cannot be compared with a total or a rate: the number of units is not given / “每个……”的目标无法与总量或比率比较：未给出单位个数
    floors for each unit of different sets: child per 乡镇, parent per 县 / 按不同单位计的目标：下级为每个乡镇，上级为每个县
    a grade is an ordinal scale: it has no number and compares only with another grade / 等级为定序指标，无数值可换算，只能与等级比较
    ");
}
