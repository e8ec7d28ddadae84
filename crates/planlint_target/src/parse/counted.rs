//! Forms that count a set, as county and prefecture plans write their targets in the text:
//! a density per population (`每5万人口1个`), one floor for each unit of a set
//! (`每个乡镇至少1所`), a share of a total (`覆盖旗县总数的1/3`), all of a set (`全覆盖`,
//! `3个乡镇全部建成`), and several counts at once (`4类8项以上`).

use super::{
    combine_bounds, conflict, finite, noun, read_value, starts_like_a_target,
    starts_like_a_year_end, strip_any, strip_bound_trailers, strip_lead, take_digits, take_number,
    Read, MAX_NOUN_CHARS,
};
use crate::unit::{chinese_digit, population_base, COUNT_LABELS};
use crate::{Bound, Form, ParseIssue, Part, Target, Unit};

/// The words for the population a density is per, longest first.
const POPULATION_WORDS: &[&str] = &["常住人口", "服务人口", "人口", "名居民", "居民", "人"];

/// `每5万人口1个`, `每10万人口至少1所`, `每千人口3张`, `每万名居民拥有2—3名`: a count per
/// population, read as a value (or range) in a [`Unit::Density`].
pub(super) fn read_density(body: &str) -> Option<Read> {
    let rest = body.strip_prefix('每')?;
    let base_end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || "千万十百两一二三四五六七八九".contains(*c)))
        .map_or(rest.len(), |(i, _)| i);
    let (base, after) = rest.split_at(base_end);
    let per = population_base(base)?;
    let after = strip_any(after, POPULATION_WORDS)?;
    let mut read = read_value(after);
    if !read.is_readable() {
        // The name of what is counted may come between: `每千人口床位数达到7.5张`.
        let named = after
            .find('数')
            .filter(|&at| at > 0 && noun(&after[..at]).is_some())
            .map(|at| read_value(&after[at + '数'.len_utf8()..]));
        match named {
            Some(again) if again.is_readable() => read = again,
            _ => {
                return after.contains(|c: char| c.is_ascii_digit()).then(|| {
                    Read::issue(ParseIssue::Unrecognised {
                        text: body.to_owned(),
                    })
                });
            }
        }
    }
    let per_population = |unit: &Option<Unit>| match unit {
        Some(Unit::Count(count)) => Some(Some(Unit::Density {
            count: count.clone(),
            per,
        })),
        _ => None,
    };
    match &mut read.form {
        Form::Value { unit, .. } | Form::Range { unit, .. } => match per_population(unit) {
            Some(density) => *unit = density,
            // A density needs the measure word of what it counts (`1个`, `3张`).
            None => {
                return Some(Read::issue(ParseIssue::NoMeasureWord {
                    text: body.to_owned(),
                }))
            }
        },
        _ => return None,
    }
    Some(read)
}

/// `每个乡镇至少1个`, `每个旗县区建成1所`, `各区至少有1所`, `实现每个县(区)建立1个`.
pub(super) fn read_per_unit(body: &str) -> Option<Read> {
    let body = strip_any(body, &["实现"]).unwrap_or(body);
    let rest = strip_any(body, &["每个", "各个", "每一个", "各", "每"])?;
    if rest.starts_with(|c: char| c.is_ascii_digit() || "千万十百年".contains(c)) {
        return None;
    }
    let boundaries = rest
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .take(MAX_NOUN_CHARS + 2);
    for at in boundaries {
        let (set, value) = rest.split_at(at);
        let Some(of) = noun(set) else { continue };
        let read = read_value(value);
        if let Form::Value { value, unit, bound } = read.form {
            return Some(Read {
                form: Form::PerUnit {
                    of,
                    value,
                    unit,
                    bound,
                },
                ..read
            });
        }
    }
    None
}

/// The markers of a total: `乡镇总数的`, `总量的`.
const TOTAL_MARKERS: &[&str] = &["总数的", "总量的", "总数", "总量"];

/// Verbs before a share that add nothing: `覆盖`, `占`.
const SHARE_VERBS: &[&str] = &["覆盖", "占", "达到", "实现", "达"];

/// `覆盖旗县总数的1/3`, `达到总数的30%以上`, `不少于乡镇总数的一半`, `占总数的比例达到50%`.
pub(super) fn read_share(body: &str) -> Option<Read> {
    let (at, marker) = TOTAL_MARKERS
        .iter()
        .find_map(|m| body.find(m).map(|at| (at, *m)))?;
    let before = strip_lead(&body[..at]);
    let mut set = before.rest;
    while let Some(rest) = strip_any(set, SHARE_VERBS) {
        set = rest;
    }
    let of = match set {
        "" => None,
        set => Some(noun(set)?),
    };
    let after = &body[at + marker.len()..];
    let after = strip_any(after, &["比例", "比重"]).unwrap_or(after);
    let after_lead = strip_lead(after);
    let bound = match (before.bound, after_lead.bound) {
        (b, Bound::Plain) | (Bound::Plain, b) => b,
        (a, b) if a == b => a,
        _ => return Some(conflict(body)),
    };
    let Some(((numerator, denominator), tail)) = read_fraction(after_lead.rest) else {
        return Some(Read::issue(ParseIssue::Unrecognised {
            text: body.to_owned(),
        }));
    };
    let (tail, at_least, at_most, approx) = strip_bound_trailers(tail);
    if !tail.is_empty() {
        return Some(Read::issue(ParseIssue::Unrecognised {
            text: body.to_owned(),
        }));
    }
    let Some(bound) = combine_bounds(bound, at_least, at_most) else {
        return Some(conflict(body));
    };
    Some(Read::worded(
        Form::Share {
            numerator,
            denominator,
            bound,
            of,
        },
        approx || before.approx,
    ))
}

/// A fraction as plans print it: `一半`, `半数`, `1/3`, `三分之一`, `30%`. Returns the
/// numerator and denominator, and the rest.
fn read_fraction(s: &str) -> Option<((f64, f64), &str)> {
    if let Some(rest) = strip_any(s, &["一半", "半数"]) {
        return Some(((1.0, 2.0), rest));
    }
    if let Some((denominator, rest)) = s.split_once("分之") {
        let denominator = small_number(denominator)?;
        let mut chars = rest.char_indices();
        let (numerator, rest) = match take_digits(rest) {
            Some((digits, rest)) => (small_number(digits)?, rest),
            None => {
                let (_, c) = chars.next()?;
                let end = c.len_utf8();
                (small_number(&rest[..end])?, &rest[end..])
            }
        };
        return (denominator > 0.0).then_some(((numerator, denominator), rest));
    }
    let (number, rest) = take_number(s)?;
    let numerator = finite(number).ok()?;
    if let Some(rest) = rest.strip_prefix('%') {
        return Some(((numerator, 100.0), rest));
    }
    let rest = rest.strip_prefix('/')?;
    let (number, rest) = take_number(rest)?;
    let denominator = finite(number).ok().filter(|d| *d > 0.0)?;
    Some(((numerator, denominator), rest))
}

/// `3`, `三`, `十`: a small whole number in figures or in one Chinese character.
fn small_number(s: &str) -> Option<f64> {
    match chinese_digit(s) {
        Some(d) => Some(f64::from(d)),
        None if !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse::<u32>().ok().map(f64::from)
        }
        None => None,
    }
}

/// Words that alone say all of a set is covered.
const COVERAGE_WORDS: &[&str] = &[
    "全覆盖",
    "全面覆盖",
    "全部覆盖",
    "覆盖全部",
    "实现全覆盖",
    "实现全部覆盖",
    "达到全覆盖",
    "所有",
    "全部",
];

/// The words after a set that say all of it: `全覆盖`, `全部建成`, `均达标`.
const ALL_MARKERS: &[&str] = &["全覆盖", "全部", "均", "都"];

/// `全覆盖`, `实现全覆盖`, `所有乡镇全覆盖`, `全县所有`, `3个乡镇全部建成`,
/// `5个县(区)全部创建为健康促进县(区)`.
pub(super) fn read_all(body: &str) -> Option<Read> {
    let all = |count, unit, of| Read::worded(Form::All { count, unit, of }, false);
    if COVERAGE_WORDS.contains(&body) {
        return Some(all(None, None, None));
    }
    // `全县所有`, `全州所有乡镇`: the scope is the plan's own area.
    let scoped = body.strip_prefix('全').and_then(|rest| {
        let scope = rest
            .chars()
            .next()
            .filter(|c| c.is_alphabetic() && !c.is_ascii())?;
        rest[scope.len_utf8()..].strip_prefix("所有")
    });
    if let Some(after) = scoped.or_else(|| body.strip_prefix("所有")) {
        let (of, tail) = match split_all_marker(after) {
            Some(found) => found,
            None => (after, ""),
        };
        return Some(all(None, None, set_name(of)?)).filter(|_| is_tail(tail));
    }
    if let Some((number, rest)) = take_number(body) {
        let (label, rest) = match COUNT_LABELS.iter().find(|l| rest.starts_with(*l)) {
            Some(label) => (Some(*label), &rest[label.len()..]),
            None => (None, rest),
        };
        let (of, tail) = split_all_marker(rest)?;
        if !is_tail(tail) {
            return None;
        }
        let of = set_name(of)?;
        if label.is_none() && of.as_deref().is_some_and(starts_with_count_label) {
            return None;
        }
        // A set named right after its count must not begin with a letter that reads as a
        // zero there (`0〇年`): printed back, the two would run together as `00`.
        if label.is_none()
            && of
                .as_deref()
                .is_some_and(|o| o.starts_with(['O', 'o', '〇']))
        {
            return None;
        }
        let count = match finite(number) {
            Ok(count) => count,
            Err(issue) => return Some(Read::issue(issue)),
        };
        let unit = label.map(|l| Unit::Count(l.into()));
        return Some(all(Some(count), unit, of));
    }
    let (of, tail) = split_all_marker(body)?;
    is_tail(tail).then_some(())?;
    Some(all(None, None, set_name(of)?))
}

/// Splits `乡镇全部建成` at its marker of all: the set before it, and the words after.
fn split_all_marker(s: &str) -> Option<(&str, &str)> {
    ALL_MARKERS
        .iter()
        .filter_map(|m| s.find(m).map(|at| (at, m.len())))
        .min()
        .map(|(at, len)| (&s[..at], &s[at + len..]))
}

/// The name of a set, if any: `None` inside for no name, `None` outside for a text that is
/// no name. A set may be named by a grade (`二级以上医院`): its name is printed only between
/// `所有` and `全覆盖`, or after a count and before `全部`, where no reader takes a grade or a
/// bound, so it may hold those words, though still no word of a set's total or of all.
fn set_name(s: &str) -> Option<Option<String>> {
    if s.is_empty() {
        return Some(None);
    }
    if let Some(name) = noun(s) {
        return Some(Some(name));
    }
    let name: String = s.chars().filter(|c| !matches!(c, '(' | ')')).collect();
    let fits = (1..=MAX_NOUN_CHARS).contains(&name.chars().count())
        && name.chars().all(|c| {
            c.is_alphabetic() && !c.is_ascii() && !"全覆均都所有部总数的每约在最多".contains(c)
        })
        && name
            .char_indices()
            .all(|(at, _)| !starts_like_a_target(&name[at..]))
        && !starts_like_a_year_end(&name);
    fits.then_some(Some(name))
}

/// Whether the words after a marker of all only say what is done (`建成`, `达标`,
/// `创建为健康促进县`), with no number, bound or grade that the reading would lose.
fn is_tail(s: &str) -> bool {
    s.chars().count() <= 3 * MAX_NOUN_CHARS
        && s.chars().all(|c| {
            matches!(c, '(' | ')') || (c.is_alphabetic() && !c.is_ascii() && !"以级等".contains(c))
        })
}

fn starts_with_count_label(s: &str) -> bool {
    COUNT_LABELS.iter().any(|l| s.starts_with(l))
}

/// `4类8项以上`, `至少开展3类5项`, `6类10项`: several floors at once, read as parts named
/// by their measure words, each with the bound of the whole.
pub(super) fn read_counts(body: &str) -> Option<Read> {
    let lead = strip_lead(body);
    let (core, at_least, at_most, approx) = strip_bound_trailers(lead.rest);
    let mut counts: Vec<(f64, &str)> = Vec::new();
    let mut rest = core;
    while let Some((number, after)) = take_number(rest) {
        let label = COUNT_LABELS.iter().find(|l| after.starts_with(*l))?;
        let value = finite(number).ok()?;
        if counts.iter().any(|(_, l)| l == label) {
            return None;
        }
        counts.push((value, label));
        rest = &after[label.len()..];
    }
    // What is counted may follow: `4类6项中医药适宜技术`.
    if counts.len() < 2 || !(rest.is_empty() || noun(rest).is_some()) {
        return None;
    }
    let Some(bound) = combine_bounds(lead.bound, at_least, at_most) else {
        return Some(conflict(body));
    };
    let words = lead.words || at_least || at_most;
    let parts = counts
        .into_iter()
        .map(|(value, label)| Part {
            name: label.to_owned(),
            target: Target::new(
                Form::Value {
                    value,
                    unit: Some(Unit::Count(label.into())),
                    bound,
                },
                approx || lead.approx,
                false,
                words,
            ),
        })
        .collect();
    Some(Read::plain(Form::Parts(parts)))
}
