//! Metadata: title, region, level, period, issuer, date and the documents the plan is
//! based on — each found where plans print it, and each a guess a person confirms.

use crate::clean::{compact, tidy, trim, Line};
use crate::document::Origin;
use planlint_model::names::simplify;

/// A value found in the document, with where it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found<T> {
    pub value: T,
    pub origin: Origin,
}

/// The titles in 《…》 in a piece of text, outermost brackets only (a nested `<…>` or a
/// nested 《…》 stays inside).
pub fn quoted_titles(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '《' => {
                if depth == 0 {
                    start = i + c.len_utf8();
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let title = tidy(&text[start..i]);
                    if !title.is_empty() {
                        out.push((start, title));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a title names a plan-like document.
fn plan_like(title: &str) -> bool {
    let s = simplify(title);
    ["规划", "方案", "纲要", "计划", "意见"]
        .iter()
        .any(|w| s.ends_with(w))
}

/// The plan's title: the document a notice issues (`关于印发《…》的通知`), else a short
/// line near the top naming a plan (joined with the next line when split over two).
pub fn title(lines: &[Line], body_start: usize) -> Option<Found<String>> {
    // 1. The issuing notice's own title names the plan.
    for line in lines.iter().take(body_start.max(60)) {
        let s = simplify(&compact(&line.text));
        if s.contains("关于印发") && s.contains("的通知") {
            let titles = quoted_titles(&line.text);
            if let Some((_, t)) = titles.into_iter().find(|(_, t)| plan_like(t)) {
                return Some(Found {
                    value: t,
                    origin: line.origin,
                });
            }
        }
    }
    // 2. A standalone line naming a plan, before the first heading.
    let limit = body_start.min(lines.len());
    for (i, line) in lines[..limit].iter().enumerate() {
        let text = tidy(&line.text);
        if text.is_empty() || text.chars().count() > 60 || text.contains('。') {
            continue;
        }
        if plan_like(&text) && !simplify(&text).starts_with("关于印发") {
            return Some(Found {
                value: text,
                origin: line.origin,
            });
        }
        // A title broken over two lines: "…卫生与" / "健康事业发展规划".
        if let Some(next) = lines.get(i + 1) {
            let joined = format!("{text}{}", tidy(&next.text));
            if !next.is_blank()
                && joined.chars().count() <= 60
                && plan_like(&joined)
                && (text.contains("十四五") || text.contains("十五五"))
            {
                return Some(Found {
                    value: joined,
                    origin: line.origin,
                });
            }
        }
    }
    None
}

/// The level a region's name gives.
pub fn level_of(region: &str) -> Option<&'static str> {
    let r = simplify(region);
    if r == "全国" || r == "中国" {
        Some("national")
    } else if r.ends_with("省")
        || r.ends_with("自治区")
        || r.ends_with("市") && ["北京市", "上海市", "天津市", "重庆市"].contains(&r.as_str())
    {
        Some("province")
    } else if r.ends_with("盟") || r.ends_with("州") || r.ends_with("地区") || r.ends_with("市")
    {
        Some("prefecture")
    } else if r.ends_with("旗") || r.ends_with("县") || r.ends_with("区") {
        Some("county")
    } else {
        None
    }
}

/// The region: the part of the title before the period or the subject
/// (`阿拉善盟“十四五”…` → 阿拉善盟). Where the document also prints a longer official name
/// of the same place (昌吉州 → 昌吉回族自治州), the longer name is used.
pub fn region(title: &str, lines: &[Line]) -> Option<String> {
    let cut = [
        "“十四五”",
        "\"十四五\"",
        "十四五",
        "“十五五”",
        "十五五",
        "进一步",
        "進一步",
        "卫生",
        "衛生",
    ]
    .iter()
    .filter_map(|w| title.find(w))
    .min()?;
    let region = tidy(&title[..cut]);
    level_of(&region)?;
    let chars: Vec<char> = region.chars().collect();
    if chars.len() >= 2 {
        let stem: String = chars[..2].iter().collect();
        let last = *chars.last()?;
        let mut best = region.clone();
        for line in lines.iter().take(200) {
            let text = compact(&line.text);
            let mut from = 0;
            while let Some(at) = text[from..].find(&stem) {
                let start = from + at;
                let candidate: String = text[start..].chars().take(10).collect();
                if let Some(end) = candidate
                    .find("自治州")
                    .or_else(|| candidate.find("自治旗"))
                {
                    let name = &candidate[..end + "自治州".len()];
                    if name.chars().count() > best.chars().count() && name.ends_with(last) {
                        best = name.to_string();
                    }
                }
                from = start + stem.len();
            }
        }
        return Some(best);
    }
    Some(region)
}

/// A date printed as `2022年2月10日` or `2024-03-28`, as `YYYY-MM-DD`.
pub fn date_in(text: &str) -> Option<String> {
    let t = compact(text);
    let digits = |s: &str| -> Option<(u32, usize)> {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (n > 0 && n <= 4).then(|| s[..n].parse().ok().map(|v| (v, n)))?
    };
    for (i, _) in t.char_indices() {
        let s = &t[i..];
        let Some((y, n)) = digits(s) else { continue };
        if !(1990..=2100).contains(&y) || n != 4 {
            continue;
        }
        let s = &s[n..];
        let (sep_m, sep_d) = if s.starts_with('年') {
            ("年", "月")
        } else if s.starts_with('-') {
            ("-", "-")
        } else {
            continue;
        };
        let s = &s[sep_m.len()..];
        let Some((m, n)) = digits(s) else { continue };
        let s = &s[n..];
        let Some(s) = s.strip_prefix(sep_d) else {
            continue;
        };
        let Some((d, _)) = digits(s) else { continue };
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

/// The issuing date and body: a `发文日期`/`发布日期` field, else a line that is only a
/// date in the notice, with the signature line above it as the issuer.
pub fn issued(lines: &[Line], body_start: usize) -> (Option<Found<String>>, Option<Found<String>>) {
    let mut date = None;
    let mut issuer = None;
    for line in lines.iter().take(body_start.max(1)) {
        let s = simplify(&compact(&line.text));
        for field in ["发布机构:", "发布机构：", "发文机关:", "发文机关："] {
            if let Some(at) = s.find(field) {
                let value = s[at + field.len()..]
                    .split('|')
                    .map(trim)
                    .find(|v| !v.is_empty())
                    .unwrap_or("");
                if !value.is_empty() && issuer.is_none() {
                    // Keep the text as written: take the same span from the original.
                    let original = compact(&line.text);
                    let skipped = s[at + field.len()..].find(value).unwrap_or(0);
                    let chars_before = s[..at + field.len() + skipped].chars().count();
                    let taken: String = original
                        .chars()
                        .skip(chars_before)
                        .take(value.chars().count())
                        .collect();
                    issuer = Some(Found {
                        value: taken,
                        origin: line.origin,
                    });
                }
            }
        }
        if (s.contains("发文日期") || s.contains("成文日期")) && date.is_none() {
            if let Some(d) = date_in(&line.text) {
                date = Some(Found {
                    value: d,
                    origin: line.origin,
                });
            }
        }
    }
    if date.is_none() {
        for (i, line) in lines.iter().enumerate().take(body_start.max(1)) {
            let text = compact(&line.text);
            let Some(d) = date_in(&text) else { continue };
            // The line is the date and nothing else.
            if text.chars().count() > 12 {
                continue;
            }
            date = Some(Found {
                value: d,
                origin: line.origin,
            });
            if issuer.is_none() {
                let above = lines[..i].iter().rev().find(|l| !l.is_blank());
                if let Some(above) = above {
                    let name = tidy(&above.text);
                    let s = simplify(&name);
                    if name.chars().count() <= 30
                        && !name.contains('。')
                        && ["政府", "办公室", "委员会", "局", "厅", "公署", "委"]
                            .iter()
                            .any(|w| s.ends_with(w))
                    {
                        issuer = Some(Found {
                            value: name,
                            origin: above.origin,
                        });
                    }
                }
            }
            break;
        }
    }
    if issuer.is_none() {
        // The page's source line, wherever the page prints it.
        for line in lines {
            let s = simplify(&compact(&line.text));
            if let Some(at) = s.find("信息来源:").or_else(|| s.find("信息来源：")) {
                let value = s[at..]
                    .split([':', '：'])
                    .nth(1)
                    .unwrap_or("")
                    .split('|')
                    .next()
                    .unwrap_or("");
                if !value.is_empty() {
                    issuer = Some(Found {
                        value: value.to_string(),
                        origin: line.origin,
                    });
                    break;
                }
            }
        }
    }
    (date, issuer)
}

/// The documents a plan says it is based on: the 《…》 titles in sentences that say
/// 依据/根据/按照/贯彻落实, in the text before the first chapter's body ends.
pub fn basis(
    lines: &[Line],
    from: usize,
    to: usize,
    own_title: Option<&str>,
) -> Vec<Found<String>> {
    let mut out: Vec<Found<String>> = Vec::new();
    let own = own_title.map(|t| compact(&simplify(t)));
    for line in lines.iter().take(to.min(lines.len())).skip(from) {
        for sentence in line.text.split(['。', '；']) {
            let s = simplify(sentence);
            if !["依据", "根据", "按照", "贯彻落实", "落实"]
                .iter()
                .any(|w| s.contains(w))
            {
                continue;
            }
            for (_, title) in quoted_titles(sentence) {
                let key = compact(&simplify(&title));
                if own.as_deref() == Some(key.as_str())
                    || out.iter().any(|f| compact(&simplify(&f.value)) == key)
                {
                    continue;
                }
                out.push(Found {
                    value: title,
                    origin: line.origin,
                });
            }
        }
    }
    out
}

/// The plan period a title names: 十四五 is 2021–2025, 十五五 2026–2030.
pub fn period_of(title: &str) -> Option<(i32, i32)> {
    let t = simplify(title);
    if t.contains("十四五") {
        Some((2021, 2025))
    } else if t.contains("十五五") {
        Some((2026, 2030))
    } else if t.contains("十三五") {
        Some((2016, 2020))
    } else {
        None
    }
}

/// The year most targets in the text are set for (`到2025年`), for plans whose title names
/// no period.
pub fn target_year(lines: &[Line]) -> Option<i32> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for line in lines {
        let t = compact(&line.text);
        let mut rest = t.as_str();
        while let Some(at) = rest.find('到') {
            let after = &rest[at + '到'.len_utf8()..];
            let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
            if digits.len() == 4 && after[4..].starts_with('年') {
                if let Ok(y) = digits.parse::<i32>() {
                    match counts.iter_mut().find(|(v, _)| *v == y) {
                        Some(c) => c.1 += 1,
                        None => counts.push((y, 1)),
                    }
                }
            }
            rest = after;
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    counts.first().map(|c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_titles_stay_whole() {
        let t =
            quoted_titles("為貫徹落實《中共中央辦公廳印發<關于…的意見>的通知》和《自治區方案》");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].1, "中共中央辦公廳印發<關于…的意見>的通知");
    }

    #[test]
    fn dates_in_both_forms() {
        assert_eq!(date_in("2022年2月10日   ").as_deref(), Some("2022-02-10"));
        assert_eq!(
            date_in("發文日期: | 2024-03-28 |").as_deref(),
            Some("2024-03-28")
        );
        assert_eq!(date_in("截至2020年底"), None);
    }

    #[test]
    fn levels_from_names() {
        assert_eq!(level_of("阿拉善盟"), Some("prefecture"));
        assert_eq!(level_of("鄂温克族自治旗"), Some("county"));
        assert_eq!(level_of("内蒙古自治区"), Some("province"));
        assert_eq!(level_of("昌吉回族自治州"), Some("prefecture"));
    }
}
