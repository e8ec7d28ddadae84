//! Grades on an ordinal scale: `达到三级水平`, `二级甲等`, `达到二级甲等以上`, `创建三级医院`,
//! `三甲`, `4级`. A level (一级 < 二级 < 三级, or a figure), a class within it (丙等 < 乙等 <
//! 甲等 < 特等), a bound, and the name of what is graded (`水平`, `医院`, `疾控中心`), which is
//! dropped.

use super::{
    combine_bounds, conflict, strip_any, strip_bound_trailers, strip_lead, take_digits, Read,
    MAX_NOUN_CHARS,
};
use crate::unit::chinese_digit;
use crate::{Form, GradeClass};

/// Verbs before a grade beyond those of a value: `晋升为三级`, `通过三级甲等评审`.
const GRADE_VERBS: &[&str] = &[
    "晋升为",
    "晋升",
    "升级为",
    "成为",
    "通过",
    "达成",
    "争创",
    "创",
];

/// How the name of what is graded may end: `水平`, `标准`, `医院`, `疾控中心`.
const GRADED_ENDINGS: &[&str] = &["水平", "标准", "医院", "机构", "中心", "院", "评审"];

/// Words the name of what is graded never holds: a grade that covers a set (`二级以上医院
/// 全覆盖`) or counts one is not a grade target.
const NOT_IN_GRADED: &[&str] = &["覆盖", "全部", "所有", "率", "比例", "数", "以", "占"];

/// The highest level read; a scale has a few levels, not hundreds.
const MAX_LEVEL: u8 = 99;

pub(super) fn read_grade(body: &str) -> Option<Read> {
    let lead = strip_lead(body);
    let (rest, verb) = match strip_any(lead.rest, GRADE_VERBS) {
        Some(rest) => (rest, true),
        None => (lead.rest, false),
    };
    let (level, rest) = level(rest)?;
    let (class, rest) = match rest.strip_prefix('级') {
        Some(after) => match class(after) {
            Some((class, after)) => (Some(class), after.strip_prefix('等').unwrap_or(after)),
            None => (None, after),
        },
        // `三甲`, `二乙`: the level and class without `级` and `等`.
        None => {
            let (class, after) = class(rest)?;
            if after.starts_with('等') {
                return None;
            }
            (Some(class), after)
        }
    };
    // `以上` may come before the name (`二级甲等及以上水平`) or after it.
    let (rest, at_least_before, at_most_before) = match strip_any(rest, &["及以上", "以上"]) {
        Some(after) => (after, true, false),
        None => match strip_any(rest, &["及以下", "以下"]) {
            Some(after) => (after, false, true),
            None => (rest, false, false),
        },
    };
    // `二级达标`, as a value's `100%达标`: the word adds nothing.
    let (rest, met) = match rest
        .strip_suffix("达标")
        .or_else(|| rest.strip_suffix("覆盖"))
    {
        Some(before) => (before, true),
        None => (rest, false),
    };
    let (name, at_least, at_most, approx) = strip_bound_trailers(rest);
    if !graded_name(name) {
        return None;
    }
    let (at_least, at_most) = (at_least || at_least_before, at_most || at_most_before);
    let Some(bound) = combine_bounds(lead.bound, at_least, at_most) else {
        return Some(conflict(body));
    };
    Some(Read {
        words: lead.words || verb || at_least || at_most || met,
        ..Read::worded(
            Form::Grade {
                level,
                class,
                bound,
            },
            approx || lead.approx,
        )
    })
}

/// A level: `三` or `3` (not `3.5`), and the rest.
fn level(s: &str) -> Option<(u8, &str)> {
    if let Some((digits, rest)) = take_digits(s) {
        if digits.len() > 2 || rest.starts_with('.') {
            return None;
        }
        let level = digits.parse::<u8>().ok().filter(|l| *l <= MAX_LEVEL)?;
        return Some((level, rest));
    }
    let c = s.chars().next()?;
    let level = chinese_digit(&s[..c.len_utf8()])?;
    Some((level, &s[c.len_utf8()..]))
}

/// A class: `甲` (of `甲等`), `乙`, `丙`, `特`, and the rest.
fn class(s: &str) -> Option<(GradeClass, &str)> {
    let c = s.chars().next()?;
    let class = match c {
        '甲' => GradeClass::A,
        '乙' => GradeClass::B,
        '丙' => GradeClass::C,
        '特' => GradeClass::Special,
        _ => return None,
    };
    Some((class, &s[c.len_utf8()..]))
}

/// Whether `s` names what is graded: nothing, or letters ending like `水平`, `医院`.
fn graded_name(s: &str) -> bool {
    s.is_empty()
        || (s.chars().count() <= MAX_NOUN_CHARS
            && s.chars()
                .all(|c| matches!(c, '(' | ')') || (c.is_alphabetic() && !c.is_ascii()))
            && GRADED_ENDINGS.iter().any(|e| s.ends_with(e))
            && !NOT_IN_GRADED.iter().any(|w| s.contains(w)))
}
