//! Text as it arrives: web-page chrome, conversion artifacts and a body printed twice,
//! removed before anything is interpreted — each removal reported at its line.

use crate::document::Origin;

/// A line of the document after cleaning, with the place it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub origin: Origin,
    /// The outline level of the paragraph's style, where the format has styles.
    pub outline: Option<u8>,
}

impl Line {
    /// The text without any whitespace: how headers and numbers are compared.
    pub fn compact(&self) -> String {
        compact(&self.text)
    }

    pub fn is_blank(&self) -> bool {
        self.text.chars().all(is_space)
    }
}

/// Whitespace as documents use it: ASCII, no-break and ideographic spaces, tabs.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' || c == '\u{feff}'
}

/// The text with every kind of space removed.
pub fn compact(text: &str) -> String {
    text.chars().filter(|&c| !is_space(c)).collect()
}

/// Trims every kind of space from both ends.
pub fn trim(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// Whether a character is a CJK ideograph or CJK punctuation (where spaces are noise).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303f | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0xff00..=0xffef
        | 0x2010..=0x2027)
}

/// Removes spaces next to a CJK character ("“十四五” 发展规划" → "“十四五”发展规划"), keeping
/// spaces between two Latin letters or digits, and trims the ends.
pub fn tidy(text: &str) -> String {
    let text = trim(text);
    let mut out = String::with_capacity(text.len());
    // The last character written, and whether spaces were skipped since.
    let mut before: Option<char> = None;
    let mut gap = false;
    for c in text.chars() {
        if is_space(c) {
            gap = true;
            continue;
        }
        if gap && before.is_some_and(|b| b.is_ascii_alphanumeric()) && c.is_ascii_alphanumeric() {
            out.push(' ');
        }
        gap = false;
        out.push(c);
        before = Some(c);
    }
    out
}

const TONE_LETTERS: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňḿ";

/// A pinyin reading in brackets after a character, as some web converters print:
/// `發(fā)布`. Returns the length in bytes of the bracket if one starts at `rest`.
fn pinyin_bracket(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('(')?;
    let end = inner.find(')')?;
    let word = &inner[..end];
    let ok = !word.is_empty()
        && word.chars().count() <= 7
        && word
            .chars()
            .all(|c| c.is_ascii_lowercase() || TONE_LETTERS.contains(c));
    // A reading has a vowel with a tone mark or is a plain syllable; "(a)" alone is a list.
    let toned = word.chars().any(|c| TONE_LETTERS.contains(c));
    (ok && (toned || word.chars().count() >= 2)).then_some(end + 2)
}

/// Removes pinyin readings after CJK characters. Returns the text and how many were removed.
pub fn strip_pinyin(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut last_cjk = false;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if last_cjk {
            if let Some(len) = pinyin_bracket(rest) {
                i += len;
                removed += 1;
                last_cjk = false;
                continue;
            }
        }
        let Some(c) = rest.chars().next() else { break };
        out.push(c);
        last_cjk = is_cjk(c) && !matches!(c, '，' | '。' | '、' | '）' | '（');
        i += c.len_utf8();
    }
    (out, removed)
}

/// Removes Word bookmark markers such as `[bookmark: _GoBack]`.
pub fn strip_bookmarks(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut removed = 0;
    while let Some(start) = rest.find("[bookmark:") {
        match rest[start..].find(']') {
            Some(end) => {
                out.push_str(&rest[..start]);
                rest = &rest[start + end + 1..];
                removed += 1;
            }
            None => break,
        }
    }
    out.push_str(rest);
    (out, removed)
}

/// Lines that belong to the web page a plan was copied from, not to the plan.
pub fn is_site_chrome(text: &str) -> bool {
    let t = compact(text);
    const STARTS: &[&str] = &[
        "您当前的位置",
        "当前位置",
        "您现在的位置",
        ">",
        "首页>",
        "返回首页",
        "在线留言",
        "热点资讯",
        "资讯分类",
        "打印本页",
        "关闭窗口",
        "【打印】",
        "【关闭】",
        "分享到",
        "扫一扫",
        "【字体",
        "字号：",
        "浏览次数",
        "访问量",
    ];
    STARTS.iter().any(|s| t.starts_with(s))
        || (t.len() <= 40 && t.chars().all(|c| c.is_ascii_uppercase() || c == ' ')) && !t.is_empty()
}

/// Where the body starts to repeat: if the run of lines starting at some line is printed
/// again later, the index of the first line of the repeat and how many lines repeat.
///
/// Only a long repeat counts (at least `min` non-blank lines in a row, compared without
/// spaces), so a repeated heading or a repeated sentence is not mistaken for a copy.
pub fn find_repeat(lines: &[Line], min: usize) -> Option<(usize, usize, usize)> {
    let keys: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank())
        .map(|(i, l)| (i, l.compact()))
        .collect();
    // Index every long line by its text; a copy shows as a long line seen before.
    let mut first_seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (k, (_, key)) in keys.iter().enumerate() {
        if key.chars().count() < 12 {
            continue;
        }
        if let Some(&earlier) = first_seen.get(key.as_str()) {
            // Walk both runs forward while they agree.
            let mut run = 0;
            while k + run < keys.len()
                && earlier + run < k
                && keys[earlier + run].1 == keys[k + run].1
            {
                run += 1;
            }
            if run >= min {
                // Walk back too: a short title line just before the long one is part of it.
                let mut back = 0;
                while earlier > back
                    && k > back + 1
                    && keys[earlier - back - 1].1 == keys[k - back - 1].1
                    && earlier - back - 1 < k - back - 1
                {
                    back += 1;
                }
                return Some((keys[k - back].0, keys[earlier - back].0, run + back));
            }
        } else {
            first_seen.insert(key.as_str(), k);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_readings_go_and_brackets_stay() {
        assert_eq!(strip_pinyin("發(fā)布機(jī)構(gòu)").0, "發布機構");
        assert_eq!(strip_pinyin("人均预期寿命(岁)").0, "人均预期寿命(岁)");
        assert_eq!(strip_pinyin("率(%)和(a)").0, "率(%)和(a)");
        assert_eq!(strip_pinyin("學(xué)").1, 1);
    }

    #[test]
    fn bookmarks_go() {
        assert_eq!(strip_bookmarks("[bookmark: _GoBack]鄂温克").0, "鄂温克");
    }

    #[test]
    fn tidy_keeps_latin_spaces_only() {
        assert_eq!(tidy(" “十四五” 发展规划背景 "), "“十四五”发展规划背景");
        assert_eq!(tidy("COVID 19 防控"), "COVID 19防控");
    }
}
