//! Word's list numbering (`word/numbering.xml`): the numbers Word prints before numbered
//! paragraphs (第一章, 一、, （一）, 1.) without their being in the paragraphs' text.
//!
//! A paragraph is numbered by its own `w:numPr` or by its style's: a list (`w:numId`) and a
//! level (`w:ilvl`). The list points at an abstract definition whose level says where
//! counting starts (`w:start`), how a number is written (`w:numFmt`: decimal,
//! chineseCounting, ideographTraditional …) and the text around it (`w:lvlText`, such as
//! `第%1章`, `%1、` or `（%1）`, where `%n` is level n's number). [`Numbering::next`] counts
//! in document order the way Word does: a level counts on, the levels below it start over
//! (unless `w:lvlRestart` says otherwise), and a list that overrides its start
//! (`w:startOverride`, how Word restarts numbering) starts over the first time it is used.

use crate::docx::{xml_text, DocxError, Ev, Limits, Tag, XmlPart};
use std::collections::{BTreeMap, BTreeSet};

/// What follows a number: Word's `w:suff`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// One level of an abstract list definition.
#[derive(Clone, Debug)]
struct Level {
    start: u32,
    format: String,
    text: Option<String>,
    /// `w:lvlRestart`: the level (1-based) after whose use this one starts over; 0 never.
    restart: Option<u8>,
    /// `w:isLgl`: every number in the text written as a decimal.
    legal: bool,
    suffix: Suffix,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: "decimal".to_string(),
            text: None,
            restart: None,
            legal: false,
            suffix: Suffix::Tab,
        }
    }
}

/// A list instance (`w:num`): its abstract definition and the levels whose start it
/// overrides.
#[derive(Clone, Debug, Default)]
struct Num {
    abstract_id: String,
    overrides: BTreeMap<u8, u32>,
}

/// The list definitions of a document.
#[derive(Clone, Debug, Default)]
pub(crate) struct Numbering {
    abstracts: BTreeMap<String, [Level; 9]>,
    nums: BTreeMap<String, Num>,
}

/// The counts so far, per list: a level's last number, or `None` before it is used (or
/// after it started over).
#[derive(Clone, Debug, Default)]
pub(crate) struct Counters {
    by_list: BTreeMap<String, [Option<u32>; 9]>,
    /// The lists whose start overrides were applied already.
    applied: BTreeSet<String>,
}

impl Numbering {
    /// Reads `word/numbering.xml`.
    pub(crate) fn parse(bytes: &[u8], part: &str, limits: &Limits) -> Result<Self, DocxError> {
        let text = xml_text(bytes, part)?;
        let mut xml = XmlPart::new(&text, part, limits);
        let mut out = Numbering::default();
        let mut stack: Vec<Tag> = Vec::new();
        let mut skip = 0usize;
        // The abstract definition being read, and its level being read.
        let mut abstract_def: Option<(String, [Level; 9])> = None;
        let mut level: Option<(usize, Level)> = None;
        // The list instance being read, and the level its override is for.
        let mut num: Option<(String, Num)> = None;
        let mut override_level: Option<u8> = None;
        loop {
            let (tag, e, empty) = match xml.next()? {
                Ev::Eof => break,
                Ev::Text(_) => continue,
                Ev::End => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    match stack.pop() {
                        Some(Tag::Lvl) => close_level(&mut abstract_def, &mut level),
                        Some(Tag::AbstractNum) => {
                            if let Some((id, levels)) = abstract_def.take() {
                                out.abstracts.entry(id).or_insert(levels);
                            }
                        }
                        Some(Tag::Num) => {
                            if let Some((id, n)) = num.take() {
                                out.nums.entry(id).or_insert(n);
                            }
                        }
                        Some(Tag::LvlOverride) => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Ev::Start(tag, e) => (tag, e, false),
                Ev::Empty(tag, e) => (tag, e, true),
            };
            if skip > 0 || tag == Tag::Skip {
                skip += usize::from(!empty);
                continue;
            }
            let in_level = stack.contains(&Tag::Lvl) && !stack.contains(&Tag::LvlOverride);
            let val = || xml.w_attr(&e, "val");
            match tag {
                Tag::AbstractNum if abstract_def.is_none() && num.is_none() => {
                    if let Some(id) = xml.w_attr(&e, "abstractNumId")? {
                        abstract_def = Some((id, Default::default()));
                    }
                }
                Tag::Lvl if abstract_def.is_some() && level.is_none() => {
                    let ilvl = xml.w_attr(&e, "ilvl")?.and_then(|v| v.trim().parse().ok());
                    if let Some(ilvl) = ilvl.filter(|l: &usize| *l < 9) {
                        level = Some((ilvl, Level::default()));
                    }
                }
                Tag::Start if in_level => {
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), val()?) {
                        l.start = v.trim().parse().unwrap_or(1);
                    }
                }
                Tag::NumFmt if in_level => {
                    // Word 2010 writes a custom format in an alternate-content choice and a
                    // plain one as its fallback: the plain one is the one read.
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), val()?) {
                        if v != "custom" {
                            l.format = v;
                        }
                    }
                }
                Tag::LvlText if in_level => {
                    if let Some((_, l)) = level.as_mut() {
                        l.text = val()?;
                    }
                }
                Tag::LvlRestart if in_level => {
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), val()?) {
                        l.restart = v.trim().parse().ok();
                    }
                }
                Tag::IsLgl if in_level => {
                    if let Some((_, l)) = level.as_mut() {
                        l.legal = crate::docx::is_on(val()?.as_deref());
                    }
                }
                Tag::Suff if in_level => {
                    if let Some((_, l)) = level.as_mut() {
                        l.suffix = match val()?.as_deref() {
                            Some("space") => Suffix::Space,
                            Some("nothing") => Suffix::Nothing,
                            _ => Suffix::Tab,
                        };
                    }
                }
                Tag::Num if abstract_def.is_none() && num.is_none() => {
                    if let Some(id) = xml.w_attr(&e, "numId")? {
                        num = Some((id, Num::default()));
                    }
                }
                Tag::AbstractNumId if stack.last() == Some(&Tag::Num) => {
                    if let (Some((_, n)), Some(v)) = (num.as_mut(), val()?) {
                        n.abstract_id = v;
                    }
                }
                Tag::LvlOverride if num.is_some() => {
                    override_level = xml
                        .w_attr(&e, "ilvl")?
                        .and_then(|v| v.trim().parse().ok())
                        .filter(|l: &u8| *l < 9);
                }
                Tag::StartOverride => {
                    if let (Some((_, n)), Some(l), Some(v)) = (num.as_mut(), override_level, val()?)
                    {
                        if let Ok(start) = v.trim().parse() {
                            n.overrides.insert(l, start);
                        }
                    }
                }
                _ => {}
            }
            if !empty {
                stack.push(tag);
            } else if tag == Tag::Lvl {
                close_level(&mut abstract_def, &mut level);
            }
        }
        Ok(out)
    }

    /// The number a paragraph of list `num_id` at level `ilvl` gets, as printed, and what
    /// follows it; the counts move on. `None` for a paragraph the list does not number
    /// (list 0, an unknown list or level, a bullet or a level without text).
    pub(crate) fn next(
        &self,
        counters: &mut Counters,
        num_id: &str,
        ilvl: u8,
    ) -> Option<(String, Suffix)> {
        let num = self.nums.get(num_id)?;
        let levels = self.abstracts.get(&num.abstract_id)?;
        let at = usize::from(ilvl).min(8);
        let level = &levels[at];
        // Lists that override a start count on their own; the others share their
        // abstract definition's counts.
        let key = if num.overrides.is_empty() {
            format!("a{}", num.abstract_id)
        } else {
            format!("n{num_id}")
        };
        let counts = counters.by_list.entry(key).or_insert([None; 9]);
        if !num.overrides.is_empty() && counters.applied.insert(num_id.to_string()) {
            for (l, start) in &num.overrides {
                // The overridden level starts over: its next number is the new start.
                counts[usize::from(*l).min(8)] = start.checked_sub(1);
            }
        }
        let value = counts[at].map_or(level.start, |v| v.saturating_add(1));
        counts[at] = Some(value);
        for (k, deeper) in levels.iter().enumerate().skip(at + 1) {
            let starts_over = match deeper.restart {
                None => true,
                Some(0) => false,
                Some(r) => at < usize::from(r),
            };
            if starts_over {
                counts[k] = None;
            }
        }
        if matches!(level.format.as_str(), "bullet" | "none") {
            return None;
        }
        let text = level.text.as_deref()?;
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(n @ 1..=9)) => {
                    chars.next();
                    let k = (n - 1) as usize;
                    let v = counts[k].unwrap_or(levels[k].start);
                    let format = if level.legal && k != at {
                        "decimal"
                    } else {
                        levels[k].format.as_str()
                    };
                    out.push_str(&format_number(v, format));
                }
                _ => out.push(c),
            }
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some((out, level.suffix))
    }
}

fn close_level(
    abstract_def: &mut Option<(String, [Level; 9])>,
    level: &mut Option<(usize, Level)>,
) {
    if let (Some((_, levels)), Some((at, l))) = (abstract_def.as_mut(), level.take()) {
        if let Some(slot) = levels.get_mut(at) {
            *slot = l;
        }
    }
}

/// A number written in one of Word's formats (`w:numFmt`). Formats not listed are written
/// as decimals.
pub(crate) fn format_number(v: u32, format: &str) -> String {
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
    const PAREN: &str = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇";
    const STOP: &str = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛";
    const STEMS: &str = "甲乙丙丁戊己庚辛壬癸";
    const BRANCHES: &str = "子丑寅卯辰巳午未申酉戌亥";
    let nth = |set: &str, v: u32| {
        v.checked_sub(1)
            .and_then(|i| set.chars().nth(i as usize))
            .map(String::from)
    };
    let written = match format {
        "decimalZero" => Some(format!("{v:02}")),
        "decimalFullWidth" | "decimalFullWidth2" => Some(
            v.to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
                .collect(),
        ),
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "koreanCounting" => chinese_counting(v),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => Some(
            v.to_string()
                .chars()
                .map(|c| {
                    "〇一二三四五六七八九"
                        .chars()
                        .nth(c.to_digit(10).unwrap_or(0) as usize)
                        .unwrap_or(c)
                })
                .collect(),
        ),
        "chineseLegalSimplified" => legal(v, "零壹贰叁肆伍陆柒捌玖", '拾'),
        "ideographLegalTraditional" => legal(v, "零壹貳參肆伍陸柒捌玖", '拾'),
        "ideographTraditional" => nth(STEMS, v),
        "ideographZodiac" => nth(BRANCHES, v),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            nth(CIRCLED, v)
        }
        "decimalEnclosedParen" => nth(PAREN, v),
        "decimalEnclosedFullstop" => nth(STOP, v),
        "upperLetter" | "lowerLetter" => v.checked_sub(1).map(|i| {
            let letter = char::from(b'A' + (i % 26) as u8);
            let s = letter.to_string().repeat(i as usize / 26 + 1);
            if format == "lowerLetter" {
                s.to_lowercase()
            } else {
                s
            }
        }),
        "upperRoman" | "lowerRoman" => roman(v).map(|s| {
            if format == "lowerRoman" {
                s.to_lowercase()
            } else {
                s
            }
        }),
        _ => None,
    };
    written.unwrap_or_else(|| v.to_string())
}

/// 一, 十, 十一, 二十一, 一百零五 … up to 9,999.
fn chinese_counting(v: u32) -> Option<String> {
    if v == 0 {
        return Some("〇".to_string());
    }
    if v < 100 {
        return Some(crate::headings::chinese_numeral(v));
    }
    if v >= 10_000 {
        return None;
    }
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let mut out = String::new();
    let digits = [v / 1000, v / 100 % 10, v / 10 % 10, v % 10];
    let units = ["千", "百", "十", ""];
    let mut zero = false;
    for (d, u) in digits.iter().zip(units) {
        if *d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push_str(D[*d as usize]);
        out.push_str(u);
    }
    Some(out)
}

/// Financial numerals (壹, 拾, 拾壹, 贰拾) up to 99.
fn legal(v: u32, digits: &str, ten: char) -> Option<String> {
    let d = |n: u32| digits.chars().nth(n as usize);
    match v {
        0..=9 => d(v).map(String::from),
        10..=99 => {
            let mut s = String::new();
            if v >= 20 {
                s.push(d(v / 10)?);
            } else {
                s.push(d(1)?);
            }
            s.push(ten);
            if !v.is_multiple_of(10) {
                s.push(d(v % 10)?);
            }
            Some(s)
        }
        _ => None,
    }
}

fn roman(mut v: u32) -> Option<String> {
    if v == 0 || v >= 4000 {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (n, s) in TABLE {
        while v >= n {
            out.push_str(s);
            v -= n;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_word_formats() {
        assert_eq!(format_number(3, "chineseCounting"), "三");
        assert_eq!(format_number(12, "chineseCountingThousand"), "十二");
        assert_eq!(format_number(105, "chineseCounting"), "一百零五");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(11, "ideographTraditional"), "11");
        assert_eq!(format_number(4, "decimalEnclosedCircle"), "④");
        assert_eq!(format_number(12, "chineseLegalSimplified"), "壹拾贰");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(7, "decimal"), "7");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(2025, "ideographDigital"), "二〇二五");
        assert_eq!(format_number(9, "somethingNew"), "9");
    }
}
