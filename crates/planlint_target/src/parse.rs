//! Reading a target cell into a [`Target`]: normalisation of full-width characters, then a
//! small hand-written grammar tried form by form.
//!
//! The order of the tries matters and is the main thing to know about this file:
//!
//! 1. empty markers (`——`, `-`, blank);
//! 2. history references (`十二五期间平均值`, `全国平均水平`), before anything else, because
//!    they may contain numbers and separators that would otherwise be misread;
//! 3. several parts, when the text has a separator (`，` `,` `、` `；`);
//! 4. the soft-commitment and approximation markers (`力争`, `约`) are stripped;
//! 5. a change per year (`每年降低0.5个百分点`), then a change from the baseline
//!    (`比基期降低10%`), then a value, bound or range (`≥25`, `8名以上`, `103-107`);
//! 6. words without a number: `全覆盖`, then directions (`持续提升`);
//! 7. a single named part (`城镇80左右`), the last chance before unreadable.
//!
//! The parser is total. Text longer than [`MAX_CHARS`] is unreadable without being
//! looked at further, so hostile input costs time linear in its length.
//!
//! Every readable target prints (`print.rs`) as text that parses back to the same reading;
//! `tests/properties.rs` and the `target_parse` fuzz target check it on arbitrary text. What
//! keeps it so: a target whose print would exceed [`MAX_CHARS`] is too long, whatever the
//! length of its text; a unit label never holds a bracket or a character of the words around
//! it (`NOT_IN_UNITS`); a change in `%` is always relative (`ChangeKind::Percent`); and a
//! part name never starts with a word that starts a target (`is_part_name`), since a part
//! prints as `名称：目标`.

use crate::{Bound, ChangeKind, Dir, Form, ParseIssue, Part, Target, Unit};

/// Longer text is no target cell; it is reported unreadable without further work.
const MAX_CHARS: usize = 400;

/// The longest part name tried when a part has no `：` after its name (`城镇80左右`).
const MAX_NAME_CHARS: usize = 10;

/// Reads a target as a plan prints it. Never panics, on any input.
pub fn parse(text: &str) -> Target {
    // A cheap guard before normalising: even a string of four-byte characters this long in
    // bytes is over the limit in characters.
    let read = if text.len() > MAX_CHARS * 8 {
        Read::issue(ParseIssue::TooLong {
            chars: text.chars().count(),
        })
    } else {
        let norm = normalise(text);
        let chars = norm.chars().count();
        if chars > MAX_CHARS {
            Read::issue(ParseIssue::TooLong { chars })
        } else {
            read(&norm, true)
        }
    };
    let target = read.into_target(text.to_owned());
    if !matches!(target.form, Form::Unreadable { .. } | Form::Empty) {
        // The limit holds for the canonical print too, so that every readable target prints
        // as text that reads back. A print is rarely longer than its text, but a cell of many
        // short parts can be: each empty part `e:` prints as `e：——`, each `减2` as
        // `比基期降低2`. Such a cell is no target either.
        let chars = target.to_string().chars().count();
        if chars > MAX_CHARS {
            return Read::issue(ParseIssue::TooLong { chars }).into_target(text.to_owned());
        }
    }
    target
}

/// A form and its flags, before the raw text is attached.
struct Read {
    form: Form,
    approx: bool,
    strive: bool,
    words: bool,
}

impl Read {
    fn plain(form: Form) -> Read {
        Read {
            form,
            approx: false,
            strive: false,
            words: false,
        }
    }

    fn issue(reason: ParseIssue) -> Read {
        Read::plain(Form::Unreadable { reason })
    }

    fn is_readable(&self) -> bool {
        !matches!(self.form, Form::Unreadable { .. } | Form::Empty)
    }

    fn into_target(self, raw: String) -> Target {
        Target {
            raw,
            form: self.form,
            approx: self.approx,
            strive: self.strive,
            words: self.words,
        }
    }
}

/// Maps full-width and look-alike characters to the ones the grammar knows, and drops
/// whitespace and control characters (a cell broken over two lines reads as one).
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mapped = match c {
            '０'..='９' => char::from_digit(u32::from(c) - u32::from('０'), 10).unwrap_or(c),
            '．' => '.',
            '％' => '%',
            '＜' | '﹤' => '<',
            '＞' | '﹥' => '>',
            '＝' => '=',
            '≦' => '≤',
            '≧' => '≥',
            '～' => '~',
            '，' | '﹐' => ',',
            '；' => ';',
            '：' => ':',
            '／' => '/',
            '－' | '−' => '-',
            '（' => '(',
            '）' => ')',
            '\u{200B}' | '\u{FEFF}' => continue,
            c if c.is_whitespace() || c.is_control() => continue,
            c => c,
        };
        out.push(mapped);
    }
    for (from, to) in [(">=", "≥"), ("=>", "≥"), ("<=", "≤"), ("=<", "≤")] {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
}

/// Reads normalised text; `allow_parts` is false inside a part, so parts do not nest.
fn read(s: &str, allow_parts: bool) -> Read {
    if is_empty_marker(s) {
        return Read::plain(Form::Empty);
    }
    if is_history(s) {
        return Read::plain(Form::History { text: s.to_owned() });
    }
    if allow_parts && s.contains([',', ';', '、']) {
        return read_parts(s);
    }
    let whole = read_single(s);
    // Only text the grammar did not recognise at all may be a named part; a text with a
    // specific fault (`不低于90以下`) keeps its own reason.
    let unrecognised = matches!(
        whole.form,
        Form::Unreadable {
            reason: ParseIssue::Unrecognised { .. } | ParseIssue::NoNumber { .. }
        }
    );
    if !unrecognised || !allow_parts {
        return whole;
    }
    // A single named part, as in a baseline cell `城镇80左右`.
    match read_named(s) {
        Some(part) => Read::plain(Form::Parts(vec![part])),
        None => whole,
    }
}

fn is_empty_marker(s: &str) -> bool {
    s.chars()
        .all(|c| matches!(c, '-' | '—' | '–' | '―' | '─' | '━' | '/' | '~'))
        || matches!(s, "无" | "暂无" | "空")
}

/// Markers of a target that refers to data outside the plan: an earlier period's average,
/// a national or regional level.
const HISTORY_MARKERS: &[&str] = &[
    "期间",
    "平均值",
    "平均水平",
    "十一五",
    "十二五",
    "十三五",
    "历史",
    "同期",
    "国家标准",
    "自治区标准",
    "省标准",
    "全国",
    "全省",
    "全区",
    "全市平均",
];

fn is_history(s: &str) -> bool {
    HISTORY_MARKERS.iter().any(|m| s.contains(m))
}

fn read_parts(s: &str) -> Read {
    let segments: Vec<&str> = s
        .split([',', ';', '、'])
        .filter(|seg| !seg.is_empty())
        .collect();
    match segments.as_slice() {
        [] => Read::plain(Form::Empty),
        [one] => read(one, false),
        _ => {
            let parts: Option<Vec<Part>> = segments.iter().map(|seg| read_named(seg)).collect();
            match parts {
                Some(parts) => Read::plain(Form::Parts(parts)),
                None => Read::issue(ParseIssue::UnnamedParts { text: s.to_owned() }),
            }
        }
    }
}

/// Reads `名称：目标` or `名称目标` (the shortest name after which the rest reads).
fn read_named(seg: &str) -> Option<Part> {
    if let Some((name, rest)) = seg.split_once(':') {
        if !is_part_name(name) {
            return None;
        }
        let target = read(rest, false).into_target(rest.to_owned());
        return Some(Part {
            name: name.to_owned(),
            target,
        });
    }
    let boundaries: Vec<usize> = seg
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .take(MAX_NAME_CHARS)
        .collect();
    for at in boundaries {
        let (name, rest) = seg.split_at(at);
        if !is_part_name(name) {
            // Names only grow from here, and a bad character stays in them.
            return None;
        }
        let target = read(rest, false);
        if target.is_readable() && !matches!(target.form, Form::History { .. }) {
            return Some(Part {
                name: name.to_owned(),
                target: target.into_target(rest.to_owned()),
            });
        }
    }
    None
}

/// Words before a target that mark a soft commitment, stripped by `read_single`.
const STRIVE_MARKERS: &[&str] = &["力争", "争取", "努力", "有望"];

/// Words before a target that mark an approximate value, stripped by `read_single`.
const APPROX_MARKERS: &[&str] = &["大约", "约"];

/// Words that start a target, and so cannot start a part name; nor can the markers
/// `read_single` strips, or the words of `VALUE_PREFIXES` (`最多`, `高于`, `为`). A part
/// prints as `名称：目标`, and a name that starts like a target makes the print read as that
/// target: `最多全覆盖` was the part `最多`, printed `最多：100%以上`, a ceiling and a floor.
const TARGET_STARTS: &[&str] = &[
    "预期",
    "比",
    "较",
    "每年",
    "年均",
    "达到",
    "不低于",
    "不少于",
    "不高于",
    "不超过",
    "低于",
    "高于",
    "保持",
    "稳定",
    "持续",
    "逐步",
    "逐年",
    "控制",
    "不",
    "至少",
];

fn is_part_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= 2 * MAX_NAME_CHARS
        && name
            .chars()
            .all(|c| c.is_alphabetic() && !c.is_ascii_digit())
        && !TARGET_STARTS
            .iter()
            .chain(STRIVE_MARKERS)
            .chain(APPROX_MARKERS)
            .chain(VALUE_PREFIXES.iter().map(|(w, _)| w))
            .any(|w| name.starts_with(w))
}

/// Reads one target with no parts.
fn read_single(s: &str) -> Read {
    // Soft-commitment and approximation markers around the whole target.
    let mut body = s;
    let mut strive = false;
    let mut approx = false;
    loop {
        if let Some(rest) = strip_any(body, STRIVE_MARKERS) {
            strive = true;
            body = rest;
        } else if let Some(rest) = strip_any(body, APPROX_MARKERS) {
            approx = true;
            body = rest;
        } else if let Some(rest) = body.strip_prefix("预期") {
            body = rest;
        } else if let Some(rest) = body.strip_suffix("左右") {
            approx = true;
            body = rest;
        } else {
            break;
        }
    }
    if body.is_empty() {
        return Read::issue(ParseIssue::NoNumber { text: s.to_owned() });
    }
    let mut read = read_body(body);
    read.strive |= strive;
    read.approx |= approx;
    read
}

fn read_body(body: &str) -> Read {
    if let Some(read) = read_per_year(body) {
        return read;
    }
    if let Some(read) = read_change(body) {
        return read;
    }
    let value = read_value(body);
    if value.is_readable() || body.contains(|c: char| c.is_ascii_digit()) {
        return value;
    }
    read_words(body)
}

/// Verbs of change, longest first so that `提高` wins over a one-character verb.
const UP_VERBS: &[&str] = &["提高", "提升", "增长", "增加", "上升", "增"];
const DOWN_VERBS: &[&str] = &["降低", "下降", "减少", "下调", "降", "减"];

/// `每年降低0.5个百分点`, `年均增长5%`.
fn read_per_year(body: &str) -> Option<Read> {
    let rest = strip_any(body, &["平均每年", "每年", "年均"])?;
    let (direction, rest) = strip_verb(rest)?;
    let (amount, kind, at_least, approx) = read_amount(rest).ok()?;
    Some(Read {
        form: Form::PerYear {
            amount,
            kind,
            direction,
            at_least,
        },
        approx,
        strive: false,
        words: false,
    })
}

/// `比基期降低10%`, `2020年基础上增长30%`, `在2020年基础上提高1岁左右`, `提高1岁`.
fn read_change(body: &str) -> Option<Read> {
    // The verb is the first one followed by a number; what precedes it is the base.
    let (at, direction, after) = find_change_verb(body)?;
    let from_year = base_prefix(&body[..at])?;
    let rest = after.strip_prefix('了').unwrap_or(after);
    let (amount, kind, at_least, approx) = match read_amount(rest) {
        Ok(amount) => amount,
        Err(issue) => return Some(Read::issue(issue)),
    };
    Some(Read {
        form: Form::Change {
            amount,
            kind,
            direction,
            from_year,
            at_least,
        },
        approx,
        strive: false,
        words: false,
    })
}

/// The byte offset of the first change verb followed (after an optional `了`) by a digit,
/// its direction, and the text after it.
fn find_change_verb(body: &str) -> Option<(usize, Dir, &str)> {
    for (at, _) in body.char_indices() {
        let tail = &body[at..];
        if let Some((direction, after)) = strip_verb(tail) {
            let after_le = after.strip_prefix('了').unwrap_or(after);
            if after_le.starts_with(|c: char| c.is_ascii_digit()) {
                return Some((at, direction, after));
            }
        }
    }
    None
}

fn strip_verb(s: &str) -> Option<(Dir, &str)> {
    if let Some(rest) = strip_any(s, UP_VERBS) {
        return Some((Dir::Up, rest));
    }
    strip_any(s, DOWN_VERBS).map(|rest| (Dir::Down, rest))
}

/// Reads the base before a change verb: `` (none), `比基期`, `比2015年`, `较2020年`,
/// `在2020年基础上`, `2020年的基础上`, `与2020年相比`. Returns the year, if one is printed;
/// `None` when the text is not a base at all.
fn base_prefix(p: &str) -> Option<Option<i32>> {
    let mut rest = strip_any(p, &["在", "比", "较", "与", "相比"]).unwrap_or(p);
    let mut year = None;
    if let Some(after) = strip_any(rest, &["基期", "上年"]) {
        rest = after;
    } else if let Some((digits, after)) = take_digits(rest) {
        let after = after.strip_prefix('年')?;
        year = Some(
            digits
                .parse::<i32>()
                .ok()
                .filter(|y| (1900..=2200).contains(y))?,
        );
        rest = after.strip_prefix('末').unwrap_or(after);
    }
    rest = rest.strip_prefix('的').unwrap_or(rest);
    rest = strip_any(rest, &["基础上", "水平上", "相比", "水平"]).unwrap_or(rest);
    rest.is_empty().then_some(year)
}

type Amount = (f64, ChangeKind, bool, bool);

/// Reads the amount after a change verb: `10%`, `0.5个百分点`, `1岁`, `30`, with `以上` and
/// `左右` in either order after it. Returns the amount, its kind, `以上`, `左右`.
fn read_amount(s: &str) -> Result<Amount, ParseIssue> {
    let (number, rest) =
        take_number(s).ok_or_else(|| ParseIssue::Unrecognised { text: s.to_owned() })?;
    let amount = finite(number)?;
    let (rest, at_least, approx) = strip_trailers(rest, &["及以上", "以上"]);
    // A change in `%` is a percentage of the baseline however the `%` is printed (`10%`,
    // `10(%)`): `ChangeKind::Absolute` never carries `Unit::Percent`, which would print the
    // same as `ChangeKind::Percent` and read back as it.
    let kind = match rest {
        "个百分点" | "百分点" => ChangeKind::Points,
        other => match read_unit(other)? {
            Some(Unit::Percent) => ChangeKind::Percent,
            unit => ChangeKind::Absolute(unit),
        },
    };
    Ok((amount, kind, at_least, approx))
}

/// Strips `左右` and any of `markers` from the end, in any order. Returns the rest, whether a
/// marker was found, and whether `左右` was.
fn strip_trailers<'a>(mut s: &'a str, markers: &[&str]) -> (&'a str, bool, bool) {
    let mut marked = false;
    let mut approx = false;
    loop {
        if let Some(rest) = s.strip_suffix("左右") {
            approx = true;
            s = rest;
        } else if let Some(rest) = markers.iter().find_map(|m| s.strip_suffix(m)) {
            marked = true;
            s = rest;
        } else {
            return (s, marked, approx);
        }
    }
}

/// Word prefixes of a value and the bound they give; longest first where one starts another.
const VALUE_PREFIXES: &[(&str, Bound)] = &[
    ("达到或接近", Bound::Plain),
    ("不低于", Bound::AtLeast { strict: false }),
    ("不少于", Bound::AtLeast { strict: false }),
    ("不小于", Bound::AtLeast { strict: false }),
    // `至少有1所`, `至少建成1个`: a floor on a count, said with a verb.
    ("至少有", Bound::AtLeast { strict: false }),
    ("至少建成", Bound::AtLeast { strict: false }),
    ("至少建立", Bound::AtLeast { strict: false }),
    ("至少", Bound::AtLeast { strict: false }),
    ("不高于", Bound::AtMost { strict: false }),
    ("不超过", Bound::AtMost { strict: false }),
    ("不多于", Bound::AtMost { strict: false }),
    ("不大于", Bound::AtMost { strict: false }),
    ("最多", Bound::AtMost { strict: false }),
    ("高于", Bound::AtLeast { strict: true }),
    ("超过", Bound::AtLeast { strict: true }),
    ("大于", Bound::AtLeast { strict: true }),
    ("多于", Bound::AtLeast { strict: true }),
    ("低于", Bound::AtMost { strict: true }),
    ("少于", Bound::AtMost { strict: true }),
    ("小于", Bound::AtMost { strict: true }),
    ("不足", Bound::AtMost { strict: true }),
    ("稳定在", Bound::Plain),
    ("保持在", Bound::Plain),
    ("维持在", Bound::Plain),
    ("控制在", Bound::Plain),
    ("提高到", Bound::Plain),
    ("提高至", Bound::Plain),
    ("提升到", Bound::Plain),
    ("提升至", Bound::Plain),
    ("增长到", Bound::Plain),
    ("增长至", Bound::Plain),
    ("增加到", Bound::Plain),
    ("增加至", Bound::Plain),
    ("上升到", Bound::Plain),
    ("上升至", Bound::Plain),
    ("下降到", Bound::Plain),
    ("下降至", Bound::Plain),
    ("降低到", Bound::Plain),
    ("降低至", Bound::Plain),
    ("减少到", Bound::Plain),
    ("减少至", Bound::Plain),
    ("降到", Bound::Plain),
    ("降至", Bound::Plain),
    ("达到", Bound::Plain),
    ("达", Bound::Plain),
    // `实现100%达标`, `建成1个`, `创建5个`: the value to reach, said with a verb.
    ("实现", Bound::Plain),
    ("建成", Bound::Plain),
    ("建立", Bound::Plain),
    ("创建", Bound::Plain),
    ("为", Bound::Plain),
    ("是", Bound::Plain),
];

/// Sign prefixes; `>=` and `<=` were already folded into `≥` and `≤`.
const SIGN_PREFIXES: &[(&str, Bound)] = &[
    ("≥", Bound::AtLeast { strict: false }),
    (">", Bound::AtLeast { strict: true }),
    ("≤", Bound::AtMost { strict: false }),
    ("<", Bound::AtMost { strict: true }),
];

/// Characters between the ends of a range.
const RANGE_DASHES: &[char] = &['-', '—', '–', '~', '至', '到'];

/// `77.6`, `≥25`, `8名以上`, `不低于90`, `保持在95%以上`, `达到或接近76岁`, `103-107`.
fn read_value(body: &str) -> Read {
    let mut words = false;
    let mut approx = false;
    let mut bound = Bound::Plain;
    let mut rest = body;
    if let Some((prefix, b)) = VALUE_PREFIXES.iter().find(|(p, _)| body.starts_with(p)) {
        rest = &body[prefix.len()..];
        bound = *b;
        words = true;
        approx = *prefix == "达到或接近";
    } else if let Some((prefix, b)) = SIGN_PREFIXES.iter().find(|(p, _)| body.starts_with(p)) {
        rest = &body[prefix.len()..];
        bound = *b;
    }

    // `100%达标`: the share that meets a standard; the word adds nothing to the value.
    if let Some(before) = rest.strip_suffix("达标") {
        rest = before;
        words = true;
    }

    // Suffix words: `以上`, `以下`, `以内`, with `左右` in either order.
    let (core, at_least, approx_a) = strip_trailers(rest, &["及以上", "以上"]);
    let (core, at_most, approx_b) = strip_trailers(core, &["及以下", "以下", "以内"]);
    let (core, at_least_b, approx_c) = strip_trailers(core, &["及以上", "以上"]);
    approx |= approx_a || approx_b || approx_c;
    let suffix = match (at_least || at_least_b, at_most) {
        (true, true) => return conflict(body),
        (true, false) => Some(Bound::AtLeast { strict: false }),
        (false, true) => Some(Bound::AtMost { strict: false }),
        (false, false) => None,
    };
    if let Some(suffix) = suffix {
        words = true;
        bound = match (bound, suffix) {
            (Bound::Plain, s) => s,
            (Bound::AtLeast { strict }, Bound::AtLeast { .. }) => Bound::AtLeast { strict },
            (Bound::AtMost { strict }, Bound::AtMost { .. }) => Bound::AtMost { strict },
            _ => return conflict(body),
        };
    }

    if core.starts_with('-') && core[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return Read::issue(ParseIssue::BadNumber {
            text: core.to_owned(),
        });
    }
    let Some((number, after)) = take_number(core) else {
        return Read::issue(ParseIssue::Unrecognised {
            text: body.to_owned(),
        });
    };
    let value = match finite(number) {
        Ok(value) => value,
        Err(issue) => return Read::issue(issue),
    };

    // A range: the first dash followed by a second number.
    if let Some((dash_at, dash)) = after.char_indices().find(|(_, c)| RANGE_DASHES.contains(c)) {
        let second = &after[dash_at + dash.len_utf8()..];
        if let Some((high_text, high_unit)) = take_number(second) {
            if bound != Bound::Plain {
                return conflict(body);
            }
            return read_range(body, value, &after[..dash_at], high_text, high_unit, approx);
        }
    }

    let unit = match read_unit(after) {
        Ok(unit) => unit,
        Err(issue) => return Read::issue(issue),
    };
    Read {
        form: Form::Value { value, unit, bound },
        approx,
        strive: false,
        words,
    }
}

fn read_range(
    body: &str,
    low: f64,
    low_unit: &str,
    high_text: &str,
    high_unit: &str,
    approx: bool,
) -> Read {
    let bad = || ParseIssue::BadRange {
        text: body.to_owned(),
    };
    let high = match finite(high_text) {
        Ok(high) => high,
        Err(issue) => return Read::issue(issue),
    };
    let (low_unit, high_unit) = match (read_unit(low_unit), read_unit(high_unit)) {
        (Ok(l), Ok(h)) => (l, h),
        (Err(issue), _) | (_, Err(issue)) => return Read::issue(issue),
    };
    let unit = match (low_unit, high_unit) {
        (Some(l), Some(h)) if l != h => return Read::issue(bad()),
        (l, h) => h.or(l),
    };
    if low > high {
        return Read::issue(bad());
    }
    Read {
        form: Form::Range { low, high, unit },
        approx,
        strive: false,
        words: false,
    }
}

fn conflict(body: &str) -> Read {
    Read::issue(ParseIssue::ConflictingBounds {
        text: body.to_owned(),
    })
}

/// Reads the unit after a number. Known units are taken as they are; an unknown label is
/// taken only when it is short and made of letters (`亿元`, `个月`), so that `%达标` or
/// `类10项` are reported rather than carried along as units.
///
/// A unit may be printed in brackets, `(%)`, as unit columns print it. Any other bracket is
/// stray and the text is unreadable: [`crate::parse_unit`] would trim it from the ends, and
/// `降6)%` would quietly become a change of 6 (`%)` taken as the unit `%`).
fn read_unit(s: &str) -> Result<Option<Unit>, ParseIssue> {
    let unknown = || ParseIssue::UnknownUnit { text: s.to_owned() };
    let label = match s.strip_prefix('(').and_then(|rest| rest.strip_suffix(')')) {
        Some("") => return Err(unknown()),
        Some(inner) => inner,
        None => s,
    };
    if label.contains(['(', ')']) {
        return Err(unknown());
    }
    let unit = crate::parse_unit(label);
    match &unit {
        Some(Unit::Other(label))
            if label.chars().count() > 4
                || !label
                    .chars()
                    .all(|c| c.is_alphabetic() && !c.is_ascii() && !NOT_IN_UNITS.contains(c)) =>
        {
            Err(unknown())
        }
        _ => Ok(unit),
    }
}

/// Characters that belong to target words, never to a unit label: `95达标` has no unit `达标`,
/// and `1及及以上` no unit `及` (printed before `以上`, it would be read as part of `及以上`).
const NOT_IN_UNITS: &str = "到至达标以及上下内左右比较每提高降增减为于低不";

/// Adverbs that may precede a direction verb in a words-only target.
const ADVERBS: &[&str] = &[
    "",
    "持续",
    "逐步",
    "逐年",
    "稳步",
    "不断",
    "进一步",
    "有所",
    "明显",
    "显著",
    "同比例",
    "同步",
    "继续",
    "大幅",
    "小幅",
    "努力",
    "全面",
    "较大幅度",
    "保持",
];
const UP_WORDS: &[&str] = &["提高", "提升", "上升", "增长", "增加", "增强"];
const DOWN_WORDS: &[&str] = &["降低", "下降", "减少", "减缓", "下调"];
const STABLE_WORDS: &[&str] = &[
    "保持稳定",
    "稳定",
    "持平",
    "基本持平",
    "保持平稳",
    "平稳",
    "维持稳定",
    "总体稳定",
    "基本稳定",
    "保持",
];
const COVERAGE_WORDS: &[&str] = &["全覆盖", "全面覆盖", "实现全覆盖", "全部覆盖"];

/// Targets in words alone: `全覆盖`, `持续提升`, `保持稳定`; anything else says why not.
fn read_words(body: &str) -> Read {
    if COVERAGE_WORDS.contains(&body) {
        return Read {
            form: Form::Value {
                value: 100.0,
                unit: Some(Unit::Percent),
                bound: Bound::AtLeast { strict: false },
            },
            approx: false,
            strive: false,
            words: true,
        };
    }
    if STABLE_WORDS.contains(&body) {
        return Read::plain(Form::Direction(Dir::Stable));
    }
    for adverb in ADVERBS {
        if let Some(verb) = body.strip_prefix(adverb) {
            if UP_WORDS.contains(&verb) {
                return Read::plain(Form::Direction(Dir::Up));
            }
            if DOWN_WORDS.contains(&verb) {
                return Read::plain(Form::Direction(Dir::Down));
            }
        }
    }
    let up = UP_WORDS.iter().any(|w| body.contains(w));
    let down = DOWN_WORDS
        .iter()
        .chain(&["遏制", "控制"])
        .any(|w| body.contains(w));
    let text = body.to_owned();
    Read::issue(if up && down {
        ParseIssue::MixedDirection { text }
    } else if body.contains(|c: char| c.is_ascii_digit()) {
        ParseIssue::Unrecognised { text }
    } else {
        ParseIssue::NoNumber { text }
    })
}

/// Strips the first of `prefixes` that `s` starts with.
fn strip_any<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| s.strip_prefix(p))
}

/// Leading ASCII digits and the rest.
fn take_digits(s: &str) -> Option<(&str, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    (end > 0).then(|| s.split_at(end))
}

/// A leading number `12` or `12.5` and the rest.
fn take_number(s: &str) -> Option<(&str, &str)> {
    let (int, rest) = take_digits(s)?;
    if let Some(frac) = rest.strip_prefix('.') {
        if let Some((digits, _)) = take_digits(frac) {
            let end = int.len() + 1 + digits.len();
            return Some(s.split_at(end));
        }
    }
    Some((int, rest))
}

/// The value of a number text, or why it is not usable.
fn finite(number: &str) -> Result<f64, ParseIssue> {
    number
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| ParseIssue::BadNumber {
            text: number.to_owned(),
        })
}
