//! Headings: the numbering styles Chinese plans use, and the tree they form.
//!
//! A numbered line is a heading only if its number continues the sequence of its style
//! (一、 after nothing or after another 一、-style heading numbered one less), so a list
//! item or a decimal in a table (`77.6`) does not open a chapter. Which style nests in
//! which is learned from the document: the first style seen is the top level, a new style
//! opens a level below the current one.

use crate::clean::{compact, is_space, tidy, trim};

/// The numbering styles, from the ones that usually sit highest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// 第一章
    Chapter,
    /// 第一节
    Section,
    /// 一、
    CnComma,
    /// （一） or (一)
    CnParen,
    /// 1. 1、 1．
    ArDot,
    /// （1） or (1)
    ArParen,
}

/// A numbered line, taken apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Numbered {
    pub style: Style,
    pub value: u32,
    /// The number as printed, including its punctuation: `（一）`, `1.`, `第三章`.
    pub number: String,
    /// The text after the number, as printed.
    pub rest: String,
}

/// The value of a Chinese numeral from 一 to 九十九.
pub fn chinese_value(s: &str) -> Option<u32> {
    let digit = |c: char| "〇一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c).filter(|&d| d > 0),
        ['十', d] => digit(*d).filter(|&d| d > 0).map(|d| 10 + d),
        [t, '十'] => digit(*t).filter(|&t| t > 1).map(|t| t * 10),
        [t, '十', d] => Some(digit(*t).filter(|&t| t > 1)? * 10 + digit(*d).filter(|&d| d > 0)?),
        _ => None,
    }
}

/// A Chinese numeral from 1 to 99.
pub fn chinese_numeral(v: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match v {
        0..=9 => D[v as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[(v % 10) as usize]),
        _ if v.is_multiple_of(10) => format!("{}十", D[((v / 10) % 10) as usize]),
        _ => format!("{}十{}", D[((v / 10) % 10) as usize], D[(v % 10) as usize]),
    }
}

/// A number as a style prints it: （二）, 第三章, 4.
pub fn show_value(style: Style, v: u32) -> String {
    match style {
        Style::Chapter => format!("第{}章", chinese_numeral(v)),
        Style::Section => format!("第{}节", chinese_numeral(v)),
        Style::CnComma => format!("{}、", chinese_numeral(v)),
        Style::CnParen => format!("（{}）", chinese_numeral(v)),
        Style::ArDot => format!("{v}."),
        Style::ArParen => format!("（{v}）"),
    }
}

fn chinese_prefix(s: &str) -> Option<(u32, usize)> {
    let len: usize = s
        .char_indices()
        .take_while(|(_, c)| "一二三四五六七八九十〇".contains(*c))
        .map(|(_, c)| c.len_utf8())
        .sum();
    (len > 0).then(|| chinese_value(&s[..len]).map(|v| (v, len)))?
}

fn arabic_prefix(s: &str) -> Option<(u32, usize)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > 3 {
        return None;
    }
    Some((s[..len].parse().ok()?, len))
}

/// Reads the number at the start of a line, if it has one.
pub fn numbered(line: &str) -> Option<Numbered> {
    let text = trim(line);
    let make = |style, value, number: &str, rest: &str| Numbered {
        style,
        value,
        number: number.to_string(),
        rest: rest.to_string(),
    };
    if let Some(after) = text.strip_prefix('第') {
        let (value, len) = chinese_prefix(after)?;
        let tail = &after[len..];
        for (mark, style) in [
            ('章', Style::Chapter),
            ('节', Style::Section),
            ('節', Style::Section),
        ] {
            if let Some(rest) = tail.strip_prefix(mark) {
                return Some(make(style, value, &text[..text.len() - rest.len()], rest));
            }
        }
        return None;
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(after) = text.strip_prefix(open) {
            let inner_end = after.find(close)?;
            let inner = trim(&after[..inner_end]);
            let rest = &after[inner_end + close.len_utf8()..];
            let number = &text[..text.len() - rest.len()];
            if let Some(v) = chinese_value(inner) {
                return Some(make(Style::CnParen, v, number, rest));
            }
            if let Some((v, len)) = arabic_prefix(inner) {
                if len == inner.len() {
                    return Some(make(Style::ArParen, v, number, rest));
                }
            }
            return None;
        }
    }
    if let Some((value, len)) = chinese_prefix(text) {
        let tail = &text[len..];
        if let Some(rest) = tail.strip_prefix('、') {
            return Some(make(
                Style::CnComma,
                value,
                &text[..len + '、'.len_utf8()],
                rest,
            ));
        }
        return None;
    }
    if let Some((value, len)) = arabic_prefix(text) {
        let tail = &text[len..];
        for mark in ['.', '、', '．'] {
            if let Some(rest) = tail.strip_prefix(mark) {
                // A decimal (77.6) or a date (2025.1) is not a numbered heading.
                if rest.starts_with(|c: char| c.is_ascii_digit()) {
                    return None;
                }
                return Some(make(
                    Style::ArDot,
                    value,
                    &text[..len + mark.len_utf8()],
                    rest,
                ));
            }
        }
    }
    None
}

/// How a heading's title is found in a numbered line: the whole rest when it is short and
/// has no full stop; the part before the first full stop when the heading is run into its
/// paragraph ("(一)标题。正文…") and that part is short.
pub fn title_of(rest: &str, max_chars: usize) -> Option<(String, bool)> {
    let rest = trim(rest);
    if rest.is_empty() {
        return None;
    }
    let stop = rest.find(['。', '；', '：']);
    match stop {
        Some(at) => {
            let title = tidy(&rest[..at]);
            let body = trim(&rest[at..]).chars().count() > 1;
            (!title.is_empty() && title.chars().count() <= max_chars).then_some((title, body))
        }
        None => {
            let title = tidy(rest);
            (title.chars().count() <= max_chars).then_some((title, false))
        }
    }
}

/// Removes a page number glued to a title in a table of contents ("强化职业卫生 30").
pub fn strip_page_number(title: &str) -> (String, Option<String>) {
    let t = title.trim_end_matches(is_space);
    let digits = t.chars().rev().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits == t.chars().count() {
        return (title.to_string(), None);
    }
    let cut = t.len() - digits;
    let head = &t[..cut];
    // Only when the number is set apart or follows CJK text: "2型糖尿病" keeps its 2.
    if head.ends_with(is_space) || head.chars().last().is_some_and(crate::clean::is_cjk) {
        (tidy(head), Some(t[cut..].to_string()))
    } else {
        (title.to_string(), None)
    }
}

/// A heading found in the document, flat, with its depth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub depth: usize,
    pub number: String,
    pub title: String,
    pub style: Style,
    pub value: u32,
    /// Index of the line it was read from.
    pub line: usize,
    /// Whether body text followed the title on the same line.
    pub run_in: bool,
}

/// Builds the heading list of a run of lines, keeping only numbers that continue their
/// style's sequence. `max_title` bounds a heading's title in characters.
#[derive(Debug, Default)]
pub struct Outline {
    /// The open levels: style and the value last seen at that level.
    stack: Vec<(Style, u32)>,
    /// The last value seen per style, also after its level closed: numbering that runs on
    /// across parents (1.–7. under (一), 8.–13. under (二)) is still a sequence.
    last: Vec<(Style, u32)>,
    pub found: Vec<Found>,
    /// Numbers skipped: (index into `found` of the heading after the gap, the missing value).
    pub gaps: Vec<(usize, u32)>,
}

impl Outline {
    fn last_of(&self, style: Style) -> Option<u32> {
        self.last.iter().find(|(s, _)| *s == style).map(|(_, v)| *v)
    }

    fn set_last(&mut self, style: Style, value: u32) {
        match self.last.iter_mut().find(|(s, _)| *s == style) {
            Some(entry) => entry.1 = value,
            None => self.last.push((style, value)),
        }
    }

    /// Offers a numbered line; returns whether it was taken as a heading.
    pub fn offer(&mut self, n: &Numbered, line: usize, max_title: usize) -> bool {
        let Some((title, run_in)) = title_of(&n.rest, max_title) else {
            return false;
        };
        let depth = match self.stack.iter().position(|(s, _)| *s == n.style) {
            Some(at) => {
                let (_, previous) = self.stack[at];
                // One number skipped is a defect of the document, not a reason to lose the
                // heading: it is taken, and the gap reported.
                if n.value == previous + 2 {
                    self.gaps.push((self.found.len(), previous + 1));
                } else if n.value != previous + 1 {
                    return false;
                }
                at
            }
            None => {
                let continues = self.last_of(n.style).is_some_and(|v| n.value == v + 1);
                // A style that usually sits above the document's top level (第二章 after
                // 一、二、) opens a new top level.
                let above = self.stack.first().is_some_and(|(top, _)| n.style < *top);
                if above {
                    0
                } else if n.value != 1 && !continues {
                    return false;
                } else {
                    self.stack.len()
                }
            }
        };
        self.stack.truncate(depth);
        self.stack.push((n.style, n.value));
        self.set_last(n.style, n.value);
        self.found.push(Found {
            depth,
            number: compact(&n.number),
            title,
            style: n.style,
            value: n.value,
            line,
            run_in,
        });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_every_style() {
        let n = numbered("第十二章   强化发展规划组织实施").unwrap();
        assert_eq!(
            (n.style, n.value, n.number.as_str()),
            (Style::Chapter, 12, "第十二章")
        );
        let n = numbered("（三）发展目标").unwrap();
        assert_eq!(
            (n.style, n.value, n.number.as_str()),
            (Style::CnParen, 3, "（三）")
        );
        let n = numbered("(十一)推动制度完善").unwrap();
        assert_eq!((n.style, n.value), (Style::CnParen, 11));
        let n = numbered("二十一、附则").unwrap();
        assert_eq!((n.style, n.value), (Style::CnComma, 21));
        let n = numbered("12.加强医疗机构").unwrap();
        assert_eq!(
            (n.style, n.value, n.number.as_str()),
            (Style::ArDot, 12, "12.")
        );
        let n = numbered("（2）居民健康").unwrap();
        assert_eq!((n.style, n.value), (Style::ArParen, 2));
        assert_eq!(numbered("77.6"), None);
        assert_eq!(numbered("2025年"), None);
        assert_eq!(numbered("(%)"), None);
        assert_eq!(numbered("十分重要"), None);
    }

    #[test]
    fn run_in_titles_stop_at_the_full_stop() {
        assert_eq!(
            title_of("医疗卫生资源稳步增加。截至2020年底", 40),
            Some(("医疗卫生资源稳步增加".to_string(), true))
        );
        assert_eq!(
            title_of("指导思想", 40),
            Some(("指导思想".to_string(), false))
        );
        assert_eq!(title_of(&"很".repeat(60), 40), None);
    }

    #[test]
    fn page_numbers_come_off_toc_titles() {
        assert_eq!(
            strip_page_number("强化职业卫生和职业健康 30"),
            ("强化职业卫生和职业健康".to_string(), Some("30".to_string()))
        );
        assert_eq!(strip_page_number("2型糖尿病").1, None);
    }

    #[test]
    fn only_sequences_are_headings() {
        let mut o = Outline::default();
        let lines = [
            "一、背景",
            "（一）基础",
            "1.资源",
            "2.体系",
            "（二）形势",
            "3.继续",
            "9.跳号",
            "二、目标",
        ];
        let taken: Vec<bool> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| o.offer(&numbered(l).unwrap(), i, 40))
            .collect();
        assert_eq!(taken, [true, true, true, true, true, true, false, true]);
        let depths: Vec<usize> = o.found.iter().map(|f| f.depth).collect();
        assert_eq!(depths, [0, 1, 2, 2, 1, 2, 0]);
    }
}
