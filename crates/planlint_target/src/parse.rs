//! Reading a target cell into a [`Target`]: normalisation (`parse/normalise.rs`), then a
//! small hand-written grammar tried form by form.
//!
//! The order of the tries matters and is the main thing to know about this file:
//!
//! 1. empty markers (`——`, `-`, blank);
//! 2. history references (`十二五期间平均值`, `全国平均水平`), before anything else, because
//!    they may contain numbers and separators that would otherwise be misread;
//! 3. a year before the whole target (`到2035年，…`), kept on the target;
//! 4. several parts, when the text has a separator (`，` `,` `、` `；`);
//! 5. the markers around one target are stripped: soft commitment (`力争`), firm commitment
//!    (`确保`), approximation (`约`, `左右`), a year, and words that add nothing (`预期`,
//!    `分别`, `均`); then hold-the-level words (`保持在`, `稳定在`, `维持`), kept only when
//!    what follows is a level and not a movement (`保持持续提升` is a movement);
//! 6. the body, form by form: a change per year (`每年降低0.5个百分点`), a density per
//!    population (`每5万人口1个`), a floor for each unit (`每个乡镇至少1所`), a change from
//!    the baseline (`比基期降低10%`, `新增3-5个`), a share of a total (`覆盖旗县总数的1/3`),
//!    the baseline's own level (`不低于现有水平`), a grade (`二级甲等以上`), all of a set
//!    (`全覆盖`, `3个乡镇全部建成`), several counts (`4类8项以上`), then a value, bound or
//!    range (`≥25`, `8名以上`, `103-107`), then words without a number (`持续提升`);
//! 7. a single named part (`城镇80左右`), the last chance before unreadable.
//!
//! Each reader of step 6 answers `None` when its form does not apply, so the next is tried,
//! and a [`ParseIssue`] only when its form clearly applies but is faulty.
//!
//! The parser is total. Text longer than [`MAX_CHARS`] is unreadable without being
//! looked at further, so hostile input costs time linear in its length.
//!
//! Every readable target prints (`print.rs`) as text that parses back to the same reading;
//! `tests/properties.rs` and the `target_parse` fuzz target check it on arbitrary text. What
//! keeps it so: a target whose print would exceed [`MAX_CHARS`] is too long, whatever the
//! length of its text; a unit label never holds a bracket or a character of the words around
//! it (`NOT_IN_UNITS`); a change in `%` is always relative (`ChangeKind::Percent`); a part
//! name never starts with a word that starts a target (`is_part_name`), since a part prints
//! as `名称：目标`; the name of a set (`乡镇` of `每个乡镇`) holds no word of the grammar
//! (`noun`); and the flags a form implies or cannot carry are settled the same way here and
//! in [`Target::new`] (`Flags`).

mod counted;
mod grade;
mod normalise;

use crate::{Bound, ChangeKind, Dir, Form, ParseIssue, Part, Slip, Target, Unit};
use normalise::Spaces;

/// Longer text is no target cell; it is reported unreadable without further work.
const MAX_CHARS: usize = 400;

/// The longest part name tried when a part has no `：` after its name (`城镇80左右`).
const MAX_NAME_CHARS: usize = 10;

/// The longest name of a set (`建制乡镇` of `每个建制乡镇`) or of a thing counted.
const MAX_NOUN_CHARS: usize = 12;

/// Reads a target as a plan prints it. Never panics, on any input.
pub fn parse(text: &str) -> Target {
    // A cheap guard before normalising: even a string of four-byte characters this long in
    // bytes is over the limit in characters.
    let (read, slips) = if text.len() > MAX_CHARS * 8 {
        let chars = text.chars().count();
        (Read::issue(ParseIssue::TooLong { chars }), Vec::new())
    } else {
        let (norm, slips) = normalise::normalise(text, Spaces::Drop);
        let chars = norm.chars().count();
        if chars > MAX_CHARS {
            (Read::issue(ParseIssue::TooLong { chars }), slips)
        } else {
            let found = read(&norm, true);
            // A space between words may have separated two parts (`城镇80左右 居民70`):
            // tried only when the text does not read with its spaces dropped.
            if !found.is_readable() && normalise::has_inner_space(text) {
                let (spaced, spaced_slips) = normalise::normalise(text, Spaces::Separate);
                let again = read(&spaced, true);
                if again.is_readable() {
                    (again, spaced_slips)
                } else {
                    (found, slips)
                }
            } else {
                (found, slips)
            }
        }
    };
    let target = read.into_target(text.to_owned(), slips.clone());
    if !matches!(target.form, Form::Unreadable { .. } | Form::Empty) {
        // The limit holds for the canonical print too, so that every readable target prints
        // as text that reads back. A print is rarely longer than its text, but a cell of many
        // short parts can be: each empty part `e:` prints as `e：——`, each `减2` as
        // `比基期降低2`. Such a cell is no target either.
        let chars = target.to_string().chars().count();
        if chars > MAX_CHARS {
            return Read::issue(ParseIssue::TooLong { chars }).into_target(text.to_owned(), slips);
        }
    }
    target
}

/// A form and its flags, before the raw text is attached.
pub(super) struct Read {
    pub(super) form: Form,
    pub(super) approx: bool,
    pub(super) strive: bool,
    pub(super) words: bool,
    pub(super) firm: bool,
    pub(super) hold: bool,
    pub(super) year: Option<i32>,
}

impl Read {
    pub(super) fn plain(form: Form) -> Read {
        Read {
            form,
            approx: false,
            strive: false,
            words: false,
            firm: false,
            hold: false,
            year: None,
        }
    }

    /// A form given in words (`全覆盖`, `覆盖乡镇总数的一半`).
    pub(super) fn worded(form: Form, approx: bool) -> Read {
        Read {
            approx,
            words: true,
            ..Read::plain(form)
        }
    }

    pub(super) fn issue(reason: ParseIssue) -> Read {
        Read::plain(Form::Unreadable { reason })
    }

    pub(super) fn is_readable(&self) -> bool {
        !matches!(self.form, Form::Unreadable { .. } | Form::Empty)
    }

    fn into_target(self, raw: String, slips: Vec<Slip>) -> Target {
        let mut target = Target {
            raw,
            form: self.form,
            approx: self.approx,
            strive: self.strive,
            words: self.words,
            firm: self.firm,
            hold: self.hold,
            year: self.year,
            slips,
        };
        target.settle_flags();
        target
    }
}

/// Reads normalised text; `allow_parts` is false inside a part, so parts do not nest.
fn read(s: &str, allow_parts: bool) -> Read {
    if is_empty_marker(s) {
        return Read::plain(Form::Empty);
    }
    if is_history(s) {
        return Read::plain(Form::History { text: s.to_owned() });
    }
    if let Some((year, rest)) = strip_year(s) {
        let mut inner = read(rest, allow_parts);
        inner.year = inner.year.or(Some(year));
        return inner;
    }
    if allow_parts && s.contains([',', ';', '、']) {
        return read_parts(s);
    }
    let whole = read_single(s);
    if !allow_parts && matches!(whole.form, Form::Parts(_)) {
        // Several counts inside a part (`城镇：4类8项`) would nest parts, which do not nest.
        return Read::issue(ParseIssue::UnnamedParts { text: s.to_owned() });
    }
    // Only text the grammar did not recognise at all may be a named part; a text with a
    // specific fault (`不低于90以下`) keeps its own reason.
    // A name before `:` is a name whatever the fault of the whole.
    let unrecognised = matches!(
        whole.form,
        Form::Unreadable {
            reason: ParseIssue::Unrecognised { .. } | ParseIssue::NoNumber { .. }
        }
    ) || (s.contains(':') && matches!(whole.form, Form::Unreadable { .. }));
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

/// Words before a year that make it the year of the target: `到2035年`, `截至2025年底`.
const YEAR_LEADS: &[&str] = &["截止到", "截至", "截止", "到", "至"];

/// Reads `到2035年`, `至2025年底`, `2035年，` before a target: the year, and the rest. A year
/// with no lead word is taken only before a separator, since `2020年基础上` is a base.
fn strip_year(s: &str) -> Option<(i32, &str)> {
    let (led, after_lead) = match strip_any(s, YEAR_LEADS) {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (digits, rest) = take_digits(after_lead)?;
    if digits.len() != 4 {
        return None;
    }
    let year = digits
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2200).contains(y))?;
    let rest = rest.strip_prefix('年')?;
    let rest = strip_any(rest, &["年底", "底", "年末", "末", "前"]).unwrap_or(rest);
    let (rest, separated) = match rest.strip_prefix([',', ':']) {
        Some(after) => (after, true),
        None => (rest, false),
    };
    (!rest.is_empty() && (led || separated)).then_some((year, rest))
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
        let target = read(rest, false).into_target(rest.to_owned(), Vec::new());
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
                target: target.into_target(rest.to_owned(), Vec::new()),
            });
        }
    }
    None
}

/// Words before a target that mark a soft commitment, stripped by `read_single`.
const STRIVE_MARKERS: &[&str] = &["力争", "争取", "努力", "有望"];

/// Words before a target that mark a firm commitment, stripped by `read_single`.
const FIRM_MARKERS: &[&str] = &["确保"];

/// Words before a target that mark an approximate value, stripped by `read_single`.
const APPROX_MARKERS: &[&str] = &["大约", "约"];

/// Words before a target that add nothing to it: `预期`, and `分别`/`均` (respectively,
/// each) before a target stated once for several indicators.
const SILENT_MARKERS: &[&str] = &["预期", "分别", "均"];

/// Words that say to hold a level, and whether they say it in words (`保持在95%` is in words,
/// `保持≥95%` is not). Stripped by `read_held` when what follows is a level.
const HOLD_MARKERS: &[(&str, bool)] = &[
    ("保持在", true),
    ("保持于", true),
    ("稳定在", true),
    ("稳定于", true),
    ("维持在", true),
    ("维持于", true),
    ("保持", false),
    ("维持", false),
];

/// Levels with no number that a hold word may keep: `保持在较高水平`.
const HELD_LEVELS: &[&str] = &[
    "较高水平",
    "高水平",
    "较低水平",
    "低水平",
    "合理水平",
    "合理区间",
];

/// Words that start a target, and so cannot start a part name; nor can the markers
/// `read_single` strips, or the words of `BOUND_WORDS` and `ACTION_VERBS` (`最多`, `高于`,
/// `为`, `建成`). A part prints as `名称：目标`, and a name that starts like a target makes
/// the print read as that target: `最多全覆盖` was the part `最多`, printed `最多：100%以上`,
/// a ceiling and a floor.
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
    "维持",
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
        && !starts_like_a_target(name)
}

/// Whether `s` starts with a word that may end a year before a target (`到2035年底`), so that
/// printed after the year it would be read as part of it.
pub(super) fn starts_like_a_year_end(s: &str) -> bool {
    s.starts_with(['底', '末', '前'])
}

/// Whether `s` starts with a word the reader strips or reads before a target's body.
pub(super) fn starts_like_a_target(s: &str) -> bool {
    TARGET_STARTS
        .iter()
        .chain(STRIVE_MARKERS)
        .chain(FIRM_MARKERS)
        .chain(APPROX_MARKERS)
        .chain(SILENT_MARKERS)
        .chain(HOLD_MARKERS.iter().map(|(w, _)| w))
        .chain(BOUND_WORDS.iter().map(|(w, _)| w))
        .chain(ACTION_VERBS)
        .any(|w| s.starts_with(w))
}

/// Reads one target with no parts.
fn read_single(s: &str) -> Read {
    // Markers around the whole target.
    let mut body = s;
    let (mut strive, mut firm, mut approx, mut year) = (false, false, false, None);
    loop {
        if let Some(rest) = strip_any(body, STRIVE_MARKERS) {
            strive = true;
            body = rest;
        } else if let Some(rest) = strip_any(body, FIRM_MARKERS) {
            firm = true;
            body = rest;
        } else if let Some(rest) = strip_any(body, APPROX_MARKERS) {
            approx = true;
            body = rest;
        } else if let Some(rest) = strip_any(body, SILENT_MARKERS) {
            body = rest;
        } else if let Some((found, rest)) = strip_year(body) {
            year = year.or(Some(found));
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
    let mut read = read_held(body);
    read.strive |= strive;
    read.firm |= firm;
    read.approx |= approx;
    read.year = read.year.or(year);
    if let Form::Parts(parts) = &mut read.form {
        // Several counts at once (`力争4类8项以上`): each part carries the flags.
        for part in parts.iter_mut() {
            let target = &mut part.target;
            target.strive |= read.strive;
            target.firm |= read.firm;
            target.approx |= read.approx;
            target.hold |= read.hold;
            target.settle_flags();
            target.raw = target.to_string();
        }
    }
    read
}

/// Reads a body that may start with a hold word (`保持在95%以上`, `稳定在80左右`, `维持现有
/// 水平`). The hold is kept when what follows is a level; a movement after it
/// (`保持持续提升`) is read as the movement.
fn read_held(body: &str) -> Read {
    if let Some((marker, words)) = HOLD_MARKERS.iter().find(|(m, _)| body.starts_with(m)) {
        let rest = &body[marker.len()..];
        if HELD_LEVELS.contains(&rest) {
            return Read {
                hold: true,
                ..Read::plain(Form::Direction(Dir::Stable))
            };
        }
        if !rest.is_empty() {
            let mut read = read_body(rest);
            if read.is_readable() {
                if !is_movement(&read.form) {
                    read.hold = true;
                    read.words |= *words;
                }
                return read;
            }
        }
    }
    read_body(body)
}

fn is_movement(form: &Form) -> bool {
    matches!(
        form,
        Form::Change { .. } | Form::PerYear { .. } | Form::Direction(Dir::Up | Dir::Down)
    )
}

type Reader = fn(&str) -> Option<Read>;

/// The readers of a body, in the order they are tried (see the module documentation).
const READERS: &[Reader] = &[
    read_per_year,
    counted::read_density,
    counted::read_per_unit,
    read_change,
    counted::read_share,
    read_at_baseline,
    grade::read_grade,
    counted::read_all,
    counted::read_counts,
];

fn read_body(body: &str) -> Read {
    if let Some(read) = READERS.iter().find_map(|reader| reader(body)) {
        return read;
    }
    let value = read_value(body);
    if value.is_readable() || body.contains(|c: char| c.is_ascii_digit()) {
        return value;
    }
    read_words(body)
}

/// Verbs of change, longest first so that `提高` wins over a one-character verb.
const UP_VERBS: &[&str] = &[
    "新增加",
    "新增",
    "新建",
    "新设",
    "提高",
    "提升",
    "增长",
    "增加",
    "上升",
    "增",
];
const DOWN_VERBS: &[&str] = &["降低", "下降", "减少", "下调", "降", "减"];

/// `每年降低0.5个百分点`, `年均增长5%`, `每年新增病种1个以上`.
fn read_per_year(body: &str) -> Option<Read> {
    let rest = strip_any(body, &["平均每年", "每年", "年均"])?;
    let (direction, rest) = strip_verb(rest)?;
    let rest = skip_noun(rest)?;
    let amount = read_amount(rest).ok()?;
    Some(Read {
        form: Form::PerYear {
            amount: amount.low,
            kind: amount.kind,
            direction,
            at_least: amount.at_least,
            up_to: amount.high,
        },
        approx: amount.approx,
        ..Read::plain(Form::Empty)
    })
}

/// `比基期降低10%`, `2020年基础上增长30%`, `在2020年基础上提高1岁左右`, `提高1岁`,
/// `新增床位200张`, `新增3-5个`.
fn read_change(body: &str) -> Option<Read> {
    // The verb is the first one followed by a number; what precedes it is the base.
    let (at, direction, after) = find_change_verb(body)?;
    let from_year = base_prefix(&body[..at])?;
    let amount = match read_amount(after) {
        Ok(amount) => amount,
        Err(issue) => return Some(Read::issue(issue)),
    };
    Some(Read {
        form: Form::Change {
            amount: amount.low,
            kind: amount.kind,
            direction,
            from_year,
            at_least: amount.at_least,
            up_to: amount.high,
        },
        approx: amount.approx,
        ..Read::plain(Form::Empty)
    })
}

/// The byte offset of the first change verb followed (after an optional `了` and the name of
/// what changes, as in `新增床位200张`) by a digit, its direction, and the text from the digit.
fn find_change_verb(body: &str) -> Option<(usize, Dir, &str)> {
    for (at, _) in body.char_indices() {
        if let Some((direction, after)) = strip_verb(&body[at..]) {
            if let Some(amount) = skip_noun(after) {
                return Some((at, direction, amount));
            }
        }
    }
    None
}

/// Skips an optional `了` and the name of what changes (`床位`, `高层次人才`) before a
/// number; `None` when no number follows, or the words before it are not a name.
fn skip_noun(s: &str) -> Option<&str> {
    let s = s.strip_prefix('了').unwrap_or(s);
    let at = s.find(|c: char| c.is_ascii_digit())?;
    let name = &s[..at];
    (name.is_empty() || changed_thing(name)).then(|| &s[at..])
}

/// Whether `s` names what a change changes (`床位`, `高层次和急需紧缺人才`): a short run of
/// letters without the words that make a change a value (`提高到`, `降低至`, `增长率达到`).
/// The name is not kept, so it needs no more care than that.
fn changed_thing(s: &str) -> bool {
    s.chars().count() <= MAX_NOUN_CHARS
        && s.chars().all(|c| {
            matches!(c, '(' | ')')
                || (c.is_alphabetic() && !c.is_ascii() && !"到至达为于以上下比较率不".contains(c))
        })
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

/// The amount of a change: `10%`, `0.5个百分点`, `1岁`, `30`, `3-5个`, with `以上` and `左右`.
struct Amount {
    low: f64,
    high: Option<f64>,
    kind: ChangeKind,
    at_least: bool,
    approx: bool,
}

/// Reads the amount after a change verb: `10%`, `0.5个百分点`, `1岁`, `30`, a range `3-5个`,
/// with `以上` and `左右` in either order after it.
fn read_amount(s: &str) -> Result<Amount, ParseIssue> {
    let (number, rest) =
        take_number(s).ok_or_else(|| ParseIssue::Unrecognised { text: s.to_owned() })?;
    let low = finite(number)?;
    let (high, rest) = match rest
        .strip_prefix(RANGE_DASHES)
        .and_then(|after| take_number(after))
    {
        Some((high, after)) => {
            let high = finite(high)?;
            if high < low {
                return Err(ParseIssue::BadRange { text: s.to_owned() });
            }
            (Some(high), after)
        }
        None => (None, rest),
    };
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
    Ok(Amount {
        low,
        high,
        kind,
        at_least,
        approx,
    })
}

/// Strips `左右` and any of `markers` from the end, in any order. Returns the rest, whether a
/// marker was found, and whether `左右` was.
pub(super) fn strip_trailers<'a>(mut s: &'a str, markers: &[&str]) -> (&'a str, bool, bool) {
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

/// Words before a value and the bound they give; longest first where one starts another.
const BOUND_WORDS: &[(&str, Bound)] = &[
    ("达到或接近", Bound::Plain),
    ("达到或超过", Bound::AtLeast { strict: false }),
    ("不低于", Bound::AtLeast { strict: false }),
    ("不少于", Bound::AtLeast { strict: false }),
    ("不小于", Bound::AtLeast { strict: false }),
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
    ("为", Bound::Plain),
    ("是", Bound::Plain),
];

/// Verbs that say what is done to reach a value (`建成1个`, `实现100%达标`, `开展3类5项`):
/// the value to reach, in words; after a bound word, the bound stands (`至少建成1个`).
const ACTION_VERBS: &[&str] = &[
    "实现", "建成", "建立", "创建", "争创", "设置", "设立", "配备", "配置", "拥有", "开展", "提供",
    "办好", "建设", "覆盖", "完成",
];

/// Verbs too short to stand alone, read only after a bound word: `至少有1所`, `至少设1所`.
const SHORT_VERBS: &[&str] = &["有", "设", "建", "办"];

/// Sign prefixes; `>=` and `<=` were already folded into `≥` and `≤`.
const SIGN_PREFIXES: &[(&str, Bound)] = &[
    ("≥", Bound::AtLeast { strict: false }),
    (">", Bound::AtLeast { strict: true }),
    ("≤", Bound::AtMost { strict: false }),
    ("<", Bound::AtMost { strict: true }),
];

/// Characters between the ends of a range.
const RANGE_DASHES: &[char] = &['-', '—', '–', '~', '至', '到'];

/// The words before a value: its bound, whether it is in words, whether it is approximate
/// (`达到或接近`), and the rest.
pub(super) struct Lead<'a> {
    pub(super) bound: Bound,
    pub(super) words: bool,
    pub(super) approx: bool,
    pub(super) rest: &'a str,
}

/// Strips a bound word or a sign, and an action verb, from the start of `s`.
pub(super) fn strip_lead(s: &str) -> Lead<'_> {
    let mut lead = Lead {
        bound: Bound::Plain,
        words: false,
        approx: false,
        rest: s,
    };
    if let Some((word, bound)) = BOUND_WORDS.iter().find(|(w, _)| s.starts_with(w)) {
        lead.rest = &s[word.len()..];
        lead.bound = *bound;
        lead.words = true;
        lead.approx = *word == "达到或接近";
        lead.rest = strip_any(lead.rest, SHORT_VERBS)
            .filter(|rest| !rest.starts_with(|c: char| c.is_alphabetic() && !c.is_ascii()))
            .unwrap_or(lead.rest);
    } else if let Some((sign, bound)) = SIGN_PREFIXES.iter().find(|(p, _)| s.starts_with(p)) {
        lead.rest = &s[sign.len()..];
        lead.bound = *bound;
        return lead;
    }
    if let Some(rest) = strip_any(lead.rest, ACTION_VERBS) {
        lead.rest = rest;
        lead.words = true;
    }
    lead
}

/// Combines the bound of the words before a value with the `以上`/`以下` after it; `None`
/// when they contradict (`不低于90以下`).
pub(super) fn combine_bounds(lead: Bound, at_least: bool, at_most: bool) -> Option<Bound> {
    let suffix = match (at_least, at_most) {
        (true, true) => return None,
        (true, false) => Bound::AtLeast { strict: false },
        (false, true) => Bound::AtMost { strict: false },
        (false, false) => return Some(lead),
    };
    match (lead, suffix) {
        (Bound::Plain, s) => Some(s),
        (Bound::AtLeast { strict }, Bound::AtLeast { .. }) => Some(Bound::AtLeast { strict }),
        (Bound::AtMost { strict }, Bound::AtMost { .. }) => Some(Bound::AtMost { strict }),
        _ => None,
    }
}

/// Strips `以上`/`以下`/`以内` and `左右` from the end, in any order: the rest, whether a
/// floor, a ceiling, and `左右` were found.
pub(super) fn strip_bound_trailers(s: &str) -> (&str, bool, bool, bool) {
    let (core, at_least, approx_a) = strip_trailers(s, &["及以上", "以上"]);
    let (core, at_most, approx_b) = strip_trailers(core, &["及以下", "以下", "以内"]);
    let (core, at_least_b, approx_c) = strip_trailers(core, &["及以上", "以上"]);
    (
        core,
        at_least || at_least_b,
        at_most,
        approx_a || approx_b || approx_c,
    )
}

/// `77.6`, `≥25`, `8名以上`, `不低于90`, `95%以上`, `达到或接近76岁`, `103-107`,
/// `至少建成1个`, `每5万人口1个`'s `1个`.
pub(super) fn read_value(body: &str) -> Read {
    let lead = strip_lead(body);
    let mut words = lead.words;
    let mut rest = lead.rest;

    // `100%达标`, `100%覆盖`: the share that meets a standard; the word adds nothing.
    if let Some(before) = rest
        .strip_suffix("达标")
        .or_else(|| rest.strip_suffix("覆盖"))
    {
        rest = before;
        words = true;
    }

    let (core, at_least, at_most, approx) = strip_bound_trailers(rest);
    let approx = approx || lead.approx;
    let Some(bound) = combine_bounds(lead.bound, at_least, at_most) else {
        return conflict(body);
    };
    words |= at_least || at_most;

    if core.starts_with('-') && core[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return Read::issue(ParseIssue::BadNumber {
            text: core.to_owned(),
        });
    }
    // `为零`, `保持零`: the number in words.
    let core_number = if core == "零" {
        Some(("0", ""))
    } else {
        take_number(core)
    };
    let Some((number, after)) = core_number else {
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
        words,
        ..Read::worded(Form::Value { value, unit, bound }, approx)
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
        approx,
        ..Read::plain(Form::Range { low, high, unit })
    }
}

pub(super) fn conflict(body: &str) -> Read {
    Read::issue(ParseIssue::ConflictingBounds {
        text: body.to_owned(),
    })
}

/// Reads the unit after a number. Known units are taken as they are; an unknown label is
/// taken only when it is short and made of letters (`亿元`, `个月`), so that `%达标` or
/// `类10项` are reported rather than carried along as units, and never when it names a level
/// (`年水平`: `2020年水平` is the baseline's level).
///
/// A unit may be printed in brackets, `(%)`, as unit columns print it. Any other bracket is
/// stray and the text is unreadable: [`crate::parse_unit`] would trim it from the ends, and
/// `降6)%` would quietly become a change of 6 (`%)` taken as the unit `%`).
pub(super) fn read_unit(s: &str) -> Result<Option<Unit>, ParseIssue> {
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
                || label.contains("水平")
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
/// Nor `〇`, which next to a figure is read as the digit 0, nor the classes of a grade
/// (`3甲` is a grade).
const NOT_IN_UNITS: &str = "到至达标以及上下内左右比较每提高降增减为于低不全覆盖均都〇甲乙丙特";

/// Characters that never belong to the name of a set or of a thing counted (`乡镇`,
/// `床位`): those of `NOT_IN_UNITS`, and those that end or join a target's words.
const NOT_IN_NOUNS: &str =
    "到至达标以及上下内左右比较每提高降增减为于低不覆全均都所有总数的级等约在最多〇";

/// The name of a set or of a thing counted, as a form keeps it: `乡镇` of `每个乡镇`,
/// `县区` of `县(区)` (brackets dropped). `None` unless it is a short run of letters that
/// holds no word of the grammar, so that printing it next to a target cannot change how
/// the target reads.
pub(super) fn noun(s: &str) -> Option<String> {
    let mut depth = 0u8;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' if depth == 0 => depth = 1,
            ')' if depth == 1 => depth = 0,
            c if c.is_alphabetic() && !c.is_ascii() && !NOT_IN_NOUNS.contains(c) => out.push(c),
            _ => return None,
        }
    }
    let chars = out.chars().count();
    // No word of a target may start anywhere in it: read after a shorter name, the rest of
    // the name and the value printed after it would read as a target (`乡建成` + `1所以上`
    // as `乡` + `建成1所以上`).
    let clean = out
        .char_indices()
        .all(|(at, _)| !starts_like_a_target(&out[at..]))
        && !starts_like_a_year_end(&out);
    (depth == 0 && (1..=MAX_NOUN_CHARS).contains(&chars) && clean).then_some(out)
}

/// `保持现有水平`, `不低于现有水平`, `不高于2020年水平`: the baseline's own level.
fn read_at_baseline(body: &str) -> Option<Read> {
    let lead = strip_lead(body);
    let (rest, from_year) = match strip_any(
        lead.rest,
        &[
            "现有水平",
            "现状水平",
            "目前水平",
            "当前水平",
            "基期水平",
            "基期值",
            "原有水平",
            "现有",
            "现状",
        ],
    ) {
        Some(rest) => (rest, None),
        None => {
            let (digits, after) = take_digits(lead.rest)?;
            let year = digits
                .parse::<i32>()
                .ok()
                .filter(|y| digits.len() == 4 && (1900..=2200).contains(y))?;
            let after = after.strip_prefix('年')?;
            let after = strip_any(after, &["的", "底", "末"]).unwrap_or(after);
            (after.strip_prefix("水平")?, Some(year))
        }
    };
    let (rest, at_least, at_most, approx) = strip_bound_trailers(rest);
    if !rest.is_empty() || approx {
        return None;
    }
    let Some(bound) = combine_bounds(lead.bound, at_least, at_most) else {
        return Some(conflict(body));
    };
    Some(Read::worded(
        Form::AtBaseline { bound, from_year },
        lead.approx,
    ))
}

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

/// Targets in words alone: `持续提升`, `保持稳定`, `稳中有降`; anything else says why not.
fn read_words(body: &str) -> Read {
    if STABLE_WORDS.contains(&body) {
        return Read::plain(Form::Direction(Dir::Stable));
    }
    match body {
        "稳中有升" | "稳中有增" => return Read::plain(Form::Direction(Dir::Up)),
        "稳中有降" | "稳中有减" => return Read::plain(Form::Direction(Dir::Down)),
        _ => {}
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
pub(super) fn strip_any<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| s.strip_prefix(p))
}

/// Leading ASCII digits and the rest.
pub(super) fn take_digits(s: &str) -> Option<(&str, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    (end > 0).then(|| s.split_at(end))
}

/// A leading number `12` or `12.5` and the rest.
pub(super) fn take_number(s: &str) -> Option<(&str, &str)> {
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
pub(super) fn finite(number: &str) -> Result<f64, ParseIssue> {
    number
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| ParseIssue::BadNumber {
            text: number.to_owned(),
        })
}
