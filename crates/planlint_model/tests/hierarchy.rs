//! The hierarchy at the sizes an attack or a broken export reaches: parent chains of ten
//! thousand plans, with and without levels, closed into one cycle, and broken in the middle.
//! Each broken link is reported once (not once per plan below it), the walk up from every
//! plan ends, and building the set stays linear: the bounds on time are loose (a debug
//! build on a busy machine) but a quadratic walk — fifty million steps and more — would
//! miss them by far.

use planlint_model::{codes, Level, Plan, PlanSet, Spanned};
use std::time::{Duration, Instant};

const N: usize = 10_000;

/// Plan `i` of a chain: id `p<i>`, parent `p<i-1>` (the first has none, unless `parent`
/// says otherwise), at `level`.
fn plan(i: usize, parent: Option<String>, level: Option<Level>) -> Plan {
    let pos = planlint_model::yaml::Pos {
        line: 2,
        column: 5,
        offset: 0,
        len: 0,
    };
    Plan {
        file: format!("p{i}.plan.yaml"),
        id: Some(Spanned::new(format!("p{i}"), pos)),
        parent: parent.map(|p| Spanned::new(p, pos)),
        level: level.map(|l| Spanned::new(l, pos)),
        ..Plan::default()
    }
}

/// A chain of `N` plans, each the parent of the next; `parent_of(i)` may change a link.
fn chain(
    level: impl Fn(usize) -> Option<Level>,
    parent_of: impl Fn(usize) -> Option<String>,
) -> Vec<Plan> {
    (0..N).map(|i| plan(i, parent_of(i), level(i))).collect()
}

fn next_in_line(i: usize) -> Option<String> {
    (i > 0).then(|| format!("p{}", i - 1))
}

/// Builds the set, walks every plan's ancestors, and gives the problems' codes.
fn resolve(plans: Vec<Plan>) -> (PlanSet, Vec<String>, Duration) {
    let t0 = Instant::now();
    let (set, problems) = PlanSet::new(plans);
    // Every plan's walk up ends, and its length is the plan's depth.
    for i in 0..set.plans().len() {
        assert_eq!(set.ancestors_iter(i).len(), set.depth(i));
        assert_eq!(set.ancestors_iter(i).count(), set.depth(i));
    }
    let took = t0.elapsed();
    let codes = problems.iter().map(|p| p.code.clone()).collect();
    (set, codes, took)
}

fn count(codes: &[String], code: &str) -> usize {
    codes.iter().filter(|c| *c == code).count()
}

/// Loose: a linear build of ten thousand plans takes milliseconds even in a debug build.
const BOUND: Duration = Duration::from_secs(20);

#[test]
fn a_chain_of_ten_thousand_without_levels_is_one_tree() {
    let (set, codes, took) = resolve(chain(|_| None, next_in_line));
    assert!(codes.is_empty(), "{codes:?}");
    assert_eq!(set.depth(N - 1), N - 1);
    assert_eq!(set.ancestors(N - 1).len(), N - 1);
    assert_eq!(set.ancestors_iter(N - 1).next(), Some(N - 2));
    assert_eq!(set.ancestors_iter(N - 1).last(), Some(0));
    assert!(took < BOUND, "{took:?}");
}

#[test]
fn a_chain_with_levels_reports_each_inverted_link_once() {
    // national, province, prefecture, county, national, …: every fourth link goes from a
    // national plan up to a county one, and only those are cut.
    let level = |i: usize| Some(Level::ALL[i % 4].1);
    let (set, codes, took) = resolve(chain(level, next_in_line));
    let inverted = (1..N).filter(|i| i % 4 == 0).count();
    assert_eq!(count(&codes, codes::HIERARCHY_LEVEL), inverted);
    assert_eq!(codes.len(), inverted, "{codes:?}");
    assert_eq!(set.depth(N - 1), (N - 1) % 4);
    assert!(took < BOUND, "{took:?}");
    // The same chain with every plan at one level: every link is inverted, each once.
    let (set, codes, took) = resolve(chain(|_| Some(Level::County), next_in_line));
    assert_eq!(count(&codes, codes::HIERARCHY_LEVEL), N - 1);
    assert_eq!(codes.len(), N - 1);
    assert!((0..N).all(|i| set.depth(i) == 0));
    assert!(took < BOUND, "{took:?}");
}

#[test]
fn a_cycle_of_ten_thousand_is_reported_once_and_cut() {
    let around = |i: usize| Some(format!("p{}", (i + N - 1) % N));
    let (set, codes, took) = resolve(chain(|_| None, around));
    assert_eq!(codes, [codes::HIERARCHY_CYCLE]);
    // The walk from the first plan closes the cycle at the link from p1 to p0.
    assert_eq!(set.parent(1), None);
    assert_eq!(set.depth(0), N - 1);
    assert!(took < BOUND, "{took:?}");
    // The message names the cycle's length, not ten thousand ids.
    let (_, problems) = PlanSet::new(chain(|_| None, around));
    let message = &problems[0].message;
    assert!(message.en.len() < 300, "{}", message.en);
    assert!(message.en.contains("(10000 plans)"), "{}", message.en);
    assert!(message.zh.contains("共 10000 个规划"), "{}", message.zh);
    assert!(message
        .en
        .starts_with("the parent links form a cycle: p0 → p9999 → p9998"));
}

#[test]
fn a_short_cycle_names_every_plan() {
    let plans = vec![
        plan(0, Some("p2".into()), None),
        plan(1, Some("p0".into()), None),
        plan(2, Some("p1".into()), None),
        plan(3, Some("p2".into()), None),
    ];
    let (set, problems) = PlanSet::new(plans);
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].message.en,
        "the parent links form a cycle: p0 → p2 → p1 → p0"
    );
    // Cut at p1's link to p0; p3 hangs below the rest.
    assert_eq!(set.ancestors(3), [2, 1]);
}

#[test]
fn a_missing_link_in_the_middle_is_reported_once() {
    let broken = |i: usize| match i {
        5_000 => Some("gone".to_string()),
        _ => next_in_line(i),
    };
    let (set, codes, took) = resolve(chain(|_| None, broken));
    assert_eq!(codes, [codes::MISSING_PARENT]);
    assert_eq!(set.depth(N - 1), N - 1 - 5_000);
    assert_eq!(set.ancestors_iter(N - 1).last(), Some(5_000));
    assert_eq!(set.depth(4_999), 4_999);
    assert!(took < BOUND, "{took:?}");
}

#[test]
fn a_cycle_hanging_below_a_chain_and_chains_into_a_cycle() {
    // p0 … p4999 a chain from a root; p5000 … p9999 a cycle; and a second chain of plans
    // whose parents lead into the cycle: one cycle problem only.
    let parent = |i: usize| match i {
        0 => None,
        5_000 => Some("p9999".to_string()),
        _ => next_in_line(i),
    };
    let mut plans = chain(|_| None, parent);
    plans.extend((N..N + 100).map(|i| plan(i, Some(format!("p{}", 5_000 + (i - N) * 7)), None)));
    let (set, codes, took) = resolve(plans);
    assert_eq!(codes, [codes::HIERARCHY_CYCLE]);
    assert_eq!(set.depth(4_999), 4_999);
    assert!(took < BOUND, "{took:?}");
}
