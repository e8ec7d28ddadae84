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

/// Whether a title names a plan-like document (a period or a draft's status in brackets
/// after it aside).
fn plan_like(title: &str) -> bool {
    let s = simplify(&strip_brackets(&split_status(title).0));
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
                    value: split_status(&t).0,
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
                value: split_status(&text).0,
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
                    value: split_status(&joined).0,
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
        "第十四个五年",
        "第十五个五年",
        "国民经济",
        "进一步",
        "進一步",
        "卫生",
        "衛生",
        "医疗",
        "醫療",
    ]
    .iter()
    .filter_map(|w| title.find(w))
    .min()?;
    // Quotes of any kind around 十四五 are not part of the name.
    let region = tidy(title[..cut].trim_end_matches(|c: char| {
        "“”\"'‘’「」『』《〈".contains(c) || crate::clean::is_space(c)
    }));
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

/// A date printed as `2022年2月10日`, `2024-03-28` or in Chinese numerals
/// (`二〇二二年三月八日`), as `YYYY-MM-DD`.
pub fn date_in(text: &str) -> Option<String> {
    let t = compact(text);
    if let Some(date) = chinese_date(&t) {
        return Some(date);
    }
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

/// The plan period a title names: years printed as a range (（2021—2025年）, with any dash,
/// 至 or ~), else 十四五 (in any quotes) or 第十四个五年 for 2021–2025, 十五五 for 2026–2030,
/// 十三五 for 2016–2020.
pub fn period_of(title: &str) -> Option<(i32, i32)> {
    if let Some(years) = years_in(title) {
        return Some(years);
    }
    let t = simplify(&compact(title));
    if t.contains("十四五") || t.contains("第十四个五年") {
        Some((2021, 2025))
    } else if t.contains("十五五") || t.contains("第十五个五年") {
        Some((2026, 2030))
    } else if t.contains("十三五") || t.contains("第十三个五年") {
        Some((2016, 2020))
    } else {
        None
    }
}

/// The five-year period the text names most (`十四五` → 2021–2025), with how it was found.
pub fn period_in_text(lines: &[Line]) -> Option<(i32, i32, &'static str, &'static str)> {
    let names = [
        ("十四五", "第十四个五年", 2021),
        ("十五五", "第十五个五年", 2026),
        ("十三五", "第十三个五年", 2016),
    ];
    let mut counts = [0usize; 3];
    for line in lines {
        let t = simplify(&compact(&line.text));
        for (i, (short, long, _)) in names.iter().enumerate() {
            counts[i] += t.matches(short).count() + t.matches(long).count();
        }
    }
    // The previous period is named in every plan's review of it: it counts only alone.
    let (best, n) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (*n, usize::from(i != 2)))?;
    (*n > 0 && (best != 2 || counts[..2].iter().all(|&c| c == 0))).then(|| {
        let start = names[best].2;
        (
            start,
            start + 4,
            "正文所称规划期",
            "the period the text names",
        )
    })
}

/// A range of years: `2021—2025年`, `2021-2025`, `2021年至2025年`, `2021~2025年`.
pub fn years_in(text: &str) -> Option<(i32, i32)> {
    let t = compact(text);
    let chars: Vec<char> = t.chars().collect();
    let year_at = |i: usize| -> Option<i32> {
        let digits: String = chars.get(i..i + 4)?.iter().collect();
        let before_digit = i > 0 && chars[i - 1].is_ascii_digit();
        let after_digit = chars.get(i + 4).is_some_and(char::is_ascii_digit);
        if before_digit || after_digit || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().filter(|y| (1990..=2100).contains(y))
    };
    for i in 0..chars.len() {
        let Some(start) = year_at(i) else { continue };
        let mut j = i + 4;
        if chars.get(j) == Some(&'年') {
            j += 1;
        }
        let dash = |c: char| "—–－-~～至到―‐‑‒−".contains(c);
        let before = j;
        while chars.get(j).copied().is_some_and(dash) {
            j += 1;
        }
        if j == before || j - before > 2 {
            continue;
        }
        if let Some(end) = year_at(j) {
            if end > start && end - start <= 15 {
                return Some((start, end));
            }
        }
    }
    None
}

/// The statuses a draft prints in brackets after its title.
const STATUSES: &[&str] = &[
    "征求意见稿",
    "送审稿",
    "草案",
    "试行",
    "修订稿",
    "讨论稿",
    "代拟稿",
    "报批稿",
    "审议稿",
    "初稿",
    "草稿",
    "修改稿",
];

/// Whether a bracket's content is a draft's status ("征求意见稿", "公开征求意见稿", "草案").
pub fn status_of(inner: &str) -> Option<String> {
    let s = simplify(&compact(inner));
    STATUSES
        .iter()
        .any(|w| s.ends_with(w))
        .then(|| tidy(inner))
        .filter(|s| s.chars().count() <= 10)
}

/// A title without the draft's status printed in brackets after it, and that status:
/// `某县…规划（2021—2025年）（征求意见稿）` → (`某县…规划（2021—2025年）`, `征求意见稿`).
pub fn split_status(title: &str) -> (String, Option<String>) {
    let mut text = tidy(title);
    let mut status = None;
    for _ in 0..4 {
        let Some((inner, head)) = last_bracket(&text) else {
            break;
        };
        match status_of(&inner) {
            Some(s) => {
                status.get_or_insert(s);
                text = tidy(&head);
            }
            None => break,
        }
    }
    (text, status)
}

/// The content of the bracket a text ends with, and the text before it.
fn last_bracket(text: &str) -> Option<(String, String)> {
    let t = text.trim_end();
    let close = t.chars().last()?;
    let open = match close {
        '）' => '（',
        ')' => '(',
        '】' => '【',
        ']' => '[',
        _ => return None,
    };
    let at = t.rfind(open)?;
    let inner = &t[at + open.len_utf8()..t.len() - close.len_utf8()];
    Some((inner.to_string(), t[..at].to_string()))
}

/// A title without the brackets it ends with (its period, its status).
fn strip_brackets(title: &str) -> String {
    let mut text = tidy(title);
    for _ in 0..4 {
        match last_bracket(&text) {
            Some((_, head)) if !head.is_empty() => text = tidy(&head),
            _ => break,
        }
    }
    text
}

/// A date in Chinese numerals: 二〇二二年三月八日 → 2022-03-08.
fn chinese_date(text: &str) -> Option<String> {
    const DIGITS: &str = "〇○零Ｏ一二三四五六七八九";
    let digit = |c: char| -> Option<u32> {
        let i = DIGITS.chars().position(|d| d == c)?;
        Some(if i < 4 { 0 } else { (i - 3) as u32 })
    };
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len() {
        let year: Option<Vec<u32>> = chars
            .get(i..i + 4)
            .map(|w| w.iter().filter_map(|c| digit(*c)).collect());
        let Some(year) = year.filter(|y| y.len() == 4) else {
            continue;
        };
        if chars.get(i + 4) != Some(&'年') {
            continue;
        }
        let y = year.iter().fold(0, |acc, d| acc * 10 + d);
        let rest: String = chars[i + 5..].iter().collect();
        let (m, rest) = rest.split_once('月')?;
        let (d, _) = rest.split_once('日')?;
        let m = crate::headings::chinese_value(m)?;
        let d = crate::headings::chinese_value(d)?;
        if (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

/// A document number (文号) in the notice: `某政办发〔2022〕12号`, with any of the brackets
/// offices use for the year.
pub fn doc_number(lines: &[Line], body_start: usize) -> Option<Found<String>> {
    for line in lines.iter().take(body_start.max(60).min(lines.len())) {
        let t = compact(&line.text);
        let chars: Vec<char> = t.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let close = match c {
                '〔' => '〕',
                '[' => ']',
                '［' => '］',
                '【' => '】',
                '（' => '）',
                '(' => ')',
                _ => continue,
            };
            let year: String = chars.iter().skip(i + 1).take(4).collect();
            if year.len() != 4 || !year.chars().all(|d| d.is_ascii_digit()) {
                continue;
            }
            if chars.get(i + 5) != Some(&close) {
                continue;
            }
            let serial = chars[i + 6..]
                .iter()
                .take_while(|d| d.is_ascii_digit())
                .count();
            if serial == 0
                || chars.get(i + 6 + serial) != Some(&'号')
                    && chars.get(i + 6 + serial) != Some(&'號')
            {
                continue;
            }
            // The issuer's short name before the bracket: CJK characters only.
            let lead = chars[..i]
                .iter()
                .rev()
                .take_while(|c| crate::clean::is_cjk(**c) && !"：:，,。、“”《》".contains(**c))
                .count()
                .min(12);
            if lead < 2 {
                continue;
            }
            let number: String = chars[i - lead..i + 7 + serial].iter().collect();
            let number = number
                .trim_start_matches("文号")
                .trim_start_matches("文號")
                .to_string();
            return Some(Found {
                value: number,
                origin: line.origin,
            });
        }
    }
    None
}

/// A draft's status printed on a line of its own near the title ("（征求意见稿）").
pub fn status_line(lines: &[Line], from: usize, to: usize) -> Option<Found<String>> {
    for line in lines.iter().take(to.min(lines.len())).skip(from) {
        let t = tidy(&line.text);
        if t.is_empty() || t.chars().count() > 14 {
            continue;
        }
        let inner = t
            .trim_start_matches(['（', '(', '【', '['])
            .trim_end_matches(['）', ')', '】', ']']);
        if inner.len() < t.len() {
            if let Some(status) = status_of(inner) {
                return Some(Found {
                    value: status,
                    origin: line.origin,
                });
            }
        }
    }
    None
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
    fn periods_statuses_and_numbers_as_printed() {
        for title in [
            "某县卫生健康事业发展规划（2021—2025年）",
            "某县卫生健康事业发展规划(2021-2025年)",
            "某县卫生健康事业发展规划（2021–2025）",
            "某县卫生健康事业发展规划（2021年至2025年）",
            "某县卫生健康事业发展规划（2021~2025年）",
            "某县卫生健康事业发展规划（2021－2025年）",
            "某县‘十四五’卫生健康规划",
            "某县「十四五」卫生健康规划",
            "某县国民经济和社会发展第十四个五年规划",
        ] {
            assert_eq!(period_of(title), Some((2021, 2025)), "{title}");
        }
        assert_eq!(period_of("某县2025年工作要点"), None);
        assert_eq!(
            split_status("某县卫生健康规划（2021—2025年）（征求意见稿）"),
            (
                "某县卫生健康规划（2021—2025年）".to_string(),
                Some("征求意见稿".to_string())
            )
        );
        assert_eq!(
            split_status("某县卫生健康规划(公开征求意见稿)")
                .1
                .as_deref(),
            Some("公开征求意见稿")
        );
        assert_eq!(
            split_status("某县卫生健康规划（试行）").1.as_deref(),
            Some("试行")
        );
        assert!(plan_like("某县卫生健康规划（2021—2025年）（送审稿）"));
        assert_eq!(date_in("二〇二二年三月八日").as_deref(), Some("2022-03-08"));
        assert_eq!(
            date_in("二○二一年十二月三十一日").as_deref(),
            Some("2021-12-31")
        );
        let lines = vec![Line {
            text: "某政办发〔2022〕12号".into(),
            origin: Origin::Paragraph { index: 1 },
            outline: None,
        }];
        assert_eq!(doc_number(&lines, 1).unwrap().value, "某政办发〔2022〕12号");
    }

    #[test]
    fn levels_from_names() {
        assert_eq!(level_of("阿拉善盟"), Some("prefecture"));
        assert_eq!(level_of("鄂温克族自治旗"), Some("county"));
        assert_eq!(level_of("内蒙古自治区"), Some("province"));
        assert_eq!(level_of("昌吉回族自治州"), Some("prefecture"));
    }
}
