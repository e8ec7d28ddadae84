//! Normalising indicator names so that the spellings plans use for one indicator compare
//! equal, and measuring how alike two names are.
//!
//! The same indicator is printed many ways: `以苏木镇(街道)为单位…` and `以乡（镇、街道）为单位…`,
//! `每千人口…` and `每千人…`, full-width and half-width brackets, a unit in brackets after
//! the name, and — in documents converted from traditional script — `醫療衛生` for `医疗卫生`.
//! [`normalise`] folds those differences away; it is only ever used to compare names, never
//! to show them: diagnostics quote the plan's text as written.
//!
//! A lower plan also puts its own jurisdiction in front of a name (全市人均预期寿命,
//! 全旗…, 我县…) and spells the population a rate is per its own way (每千常住人口,
//! 千人, 每万名居民). [`fold`] folds those too, into the *indicator key*, and says what it
//! dropped so that a match through it can be shown to a reviewer; [`indicator_key`] is the
//! key alone, which rows the catalog does not know are matched across plans by. Nothing
//! folded names who or what is counted, and [`same_population`] keeps similarity from
//! matching across those words (城镇 and 农村, 孕产妇 and 婴儿, ages, classes of hospital).

use std::collections::HashMap;
use std::sync::OnceLock;

/// The traditional-to-simplified character table (from the fast2s crate, MIT; see
/// `data/LICENSE-t2s.txt`). Character by character is enough for matching names: both
/// sides of a comparison are folded the same way.
const T2S: &str = include_str!("../data/t2s.txt");

fn t2s() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        T2S.lines()
            .filter_map(|line| {
                let mut chars = line.split(' ').map(|s| s.chars());
                let from = chars.next()?.next()?;
                let to = chars.next()?.next()?;
                Some((from, to))
            })
            .collect()
    })
}

/// Converts traditional characters to simplified ones, one character at a time.
pub fn simplify(text: &str) -> String {
    let table = t2s();
    text.chars().map(|c| *table.get(&c).unwrap_or(&c)).collect()
}

/// Units that plans print in brackets after a name; dropped when comparing names.
const BRACKETED_UNITS: &[&str] = &[
    "(%)",
    "(‰)",
    "(/10万)",
    "(1/10万)",
    "(岁)",
    "(人)",
    "(名)",
    "(张)",
    "(个)",
    "(天)",
    "(日)",
    "(元)",
    "(万人)",
    "(亿人)",
    "(%以上)",
];

/// Spellings that mean the same thing in an indicator's name. Applied in order, after
/// width and brackets are folded.
const SYNONYMS: &[(&str, &str)] = &[
    // Inner Mongolia's townships are 苏木 and 乡镇; plans elsewhere write 乡(镇、街道).
    ("苏木乡镇", "乡镇"),
    ("苏木镇", "乡镇"),
    ("乡(镇、街道)", "乡镇(街道)"),
    ("镇(街道办事处)", "乡镇(街道)"),
    ("每千人口", "每千人"),
    ("每万人口", "每万人"),
    ("每万名", "每万人"),
    ("每千名", "每千人"),
    ("人口", "人"),
    ("期望寿命", "预期寿命"),
    ("五岁", "5岁"),
    ("三岁", "3岁"),
    ("岁及以上", "岁以上"),
    ("执业(助理)医师", "执业助理医师"),
    ("执业医师(助理)", "执业助理医师"),
];

/// Folds a name for comparison: simplified characters, half-width ASCII, one kind of
/// bracket, no spaces, no unit in brackets, and the synonyms above.
pub fn normalise(name: &str) -> String {
    apply_synonyms(fold_text(name))
}

/// The character-level part of [`normalise`]: simplified characters, half-width ASCII, one
/// kind of bracket, no quotes or spaces, and no unit in brackets.
fn fold_text(name: &str) -> String {
    let simplified = simplify(name);
    let mut out = String::with_capacity(simplified.len());
    for c in simplified.chars() {
        let c = match c {
            // Full-width ASCII (U+FF01–U+FF5E) to half-width.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '【' | '〔' | '[' | '〈' | '《' => '(',
            '】' | '〕' | ']' | '〉' | '》' => ')',
            '“' | '”' | '"' | '‘' | '’' | '\'' => continue,
            c if c.is_whitespace() => continue,
            c => c,
        };
        out.push(c);
    }
    // Every bracketed unit starts with a bracket: most names have none.
    if out.contains('(') {
        for unit in BRACKETED_UNITS {
            if out.contains(unit) {
                out = out.replace(unit, "");
            }
        }
    }
    out
}

/// The word-level part of [`normalise`]: the synonyms above, in order.
fn apply_synonyms(mut out: String) -> String {
    for (from, to) in SYNONYMS {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
}

// ── Indicator keys ─────────────────────────────────────────────────────────────────────
//
// `normalise` folds how a name is printed; `fold` also folds what a reviewer reads past
// without a second look: the jurisdiction a plan puts in front of the name, the spelling of
// the population a rate is per, and a handful of word variants. Everything it folds names
// the same measure of the same population; nothing it folds names who or what is counted
// (城镇 and 农村, 孕产妇 and 婴儿, 三级公立 and 三级综合, 0-6岁 and 3岁以下 all stay apart).

/// Jurisdictions a plan prints in front of an indicator to say whose value it is: the
/// plan's own region (全市, 我旗, 本地区) or the set of cities a national statistic is
/// computed over (地级及以上城市). They say where the indicator is measured, not which
/// indicator it is, so a key drops them where they lead a name or stand alone in brackets.
/// 城乡 (urban and rural together) is the whole population and is dropped too; 城镇 and 农村
/// are parts of it and are never dropped. 县域 and 市域 are not here: 县域内就诊率 is a
/// measure of its own. Where one qualifier begins another, the longer comes first.
const JURISDICTIONS: &[&str] = &[
    "地级及以上城市",
    "地级以上城市",
    "设区城市",
    "设区市",
    "全自治区",
    "本自治区",
    "全地区",
    "本地区",
    "全辖区",
    "全省",
    "全区",
    "全市",
    "全州",
    "全盟",
    "全县",
    "全旗",
    "全国",
    "本省",
    "本区",
    "本市",
    "本州",
    "本盟",
    "本县",
    "本旗",
    "本地",
    "我省",
    "我区",
    "我市",
    "我州",
    "我盟",
    "我县",
    "我旗",
    "我国",
    "城乡",
];

/// Settlements that are a jurisdiction only in front of a measure of the place itself
/// (城市空气质量, 县城饮用水): in front of people they name a part of the population
/// (城市居民 are not all residents), and 城市医疗集团 is a kind of institution.
const SETTLEMENTS: &[&str] = &["城市", "县城", "城区", "市区"];

/// Measures of a place, after which a settlement word is a jurisdiction.
const PLACE_MEASURES: &[&str] = &[
    "空气",
    "环境",
    "地表水",
    "饮用水",
    "集中式饮用水",
    "水质",
    "声环境",
    "污水",
    "生活垃圾",
    "建成区",
];

/// Population stems that are the plain spelling of "per thousand / ten thousand people":
/// `normalise` already treats them as one, so a match through them is not worth a note.
const PLAIN_STEMS: &[&str] = &["每千人", "每千人口", "每万人", "每万人口"];

/// Word variants that do not change the measure, applied after the synonyms of
/// [`normalise`]. 以上 and 以下 include the number itself in Chinese official usage (the
/// Civil Code, art. 1259), so 及以上 is 以上; 综合性医院 is 综合医院; 病人 is 患者; 老人 is
/// 老年人; 规范化管理 and 规范管理 are one service standard; 设立 and 设置 both mean "set up".
const WORD_VARIANTS: &[(&str, &str)] = &[
    ("及以上", "以上"),
    ("及以下", "以下"),
    ("综合性医院", "综合医院"),
    ("病人", "患者"),
    ("老人", "老年人"),
    ("规范化", "规范"),
    ("设立", "设置"),
];

/// Words that say who or what an indicator counts: a part of the population, a class of
/// institution, whose spending, which literacy, or a second measure joined to the first.
/// Two names that differ in one of them are different indicators however alike they read,
/// so similarity never matches across them (see [`same_population`]). The list is of
/// words, not of indicators: 儿童 is here because 儿童 rates and whole-population rates
/// differ, whichever indicator it is.
const DISTINCTIONS: &[&str] = &[
    // Parts of the population.
    "城镇",
    "农村",
    "乡村",
    "城市",
    "户籍",
    "流动",
    "孕产妇",
    "孕妇",
    "产妇",
    "婴儿",
    "新生儿",
    "婴幼儿",
    "儿童",
    "青少年",
    "学生",
    "老年",
    "妇女",
    "男性",
    "女性",
    "职工",
    "失能",
    "残疾",
    "贫困",
    "低收入",
    "严重",
    "以上",
    "以下",
    // Classes of institution and of staff.
    "公立",
    "民营",
    "社会办",
    "综合",
    "专科",
    "中医",
    "蒙医",
    "中西医",
    "妇幼",
    "一级",
    "二级",
    "三级",
    "基层",
    "乡镇",
    "社区",
    "村卫生室",
    "县级",
    "市级",
    "省级",
    "助理",
    "全科",
    "护士",
    "药师",
    // Whose spending: 个人卫生支出 and 政府卫生支出 read alike and are not one share.
    "个人",
    "政府",
    "社会",
    // Kinds of literacy.
    "心理",
    "营养",
    // A name joining two measures is a composite, not one of its parts.
    "和",
    "与",
];

/// A name folded to its indicator key, and what the folding dropped that a reviewer may
/// want to be told about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Folding {
    /// The key: equal for two names that a reviewer reads as one indicator.
    pub key: String,
    /// The jurisdictions dropped, outermost first (全市城乡居民… gives 全市, 城乡).
    pub scopes: Vec<&'static str>,
    /// The first population stem folded that is not a plain spelling (每千常住人口, 千人,
    /// 每万名居民; not 每千人口).
    pub stem: Option<&'static str>,
}

/// Folds an indicator's name to the key two spellings of one indicator share, saying which
/// jurisdiction and population stem it dropped.
///
/// On top of [`normalise`]: 的 is dropped; jurisdictions that lead the name or stand alone
/// in brackets are dropped (see `JURISDICTIONS`, `SETTLEMENTS`); the stems 每千人口,
/// 每千常住人口, 每千名居民, 千人, 平均每千人… become 每千人 (and 万 likewise), and 拥有 after
/// them is dropped; Roman numerals and a Chinese numeral before 岁 or 年 become digits; the
/// word variants above; a trailing 比率 is 率; a per-population measure (a name with 每)
/// loses a trailing 数 or 人数; and bracketed glosses go to the end, sorted, so that their
/// place in the name does not matter. 比例 and 比重 are not folded: the catalog lists both
/// spellings where they name one measure.
pub fn fold(name: &str) -> Folding {
    let mut text = fold_text(name);
    text.retain(|c| c != '的');
    let mut scopes = Vec::new();
    let text = drop_bracketed_scopes(&text, &mut scopes);
    let text = drop_leading_scopes(&text, &mut scopes);
    let (text, stem) = fold_stems(text);
    let mut text = apply_synonyms(text);
    for (from, to) in WORD_VARIANTS {
        if text.contains(from) {
            text = text.replace(from, to);
        }
    }
    let text = fold_numerals(&text);
    let (mut body, glosses) = split_glosses(&text);
    if let Some(stripped) = body.strip_suffix("比率") {
        body = format!("{stripped}率");
    }
    if body.contains('每') {
        for count in ["人数", "数"] {
            if let Some(stripped) = body.strip_suffix(count) {
                if !stripped.is_empty() {
                    body.truncate(stripped.len());
                }
                break;
            }
        }
    }
    body.push_str(&glosses);
    Folding {
        key: body,
        scopes,
        stem,
    }
}

/// The key under which two rows are taken for one indicator when the catalog does not know
/// it: [`fold`]'s key. Two names that differ only by a jurisdiction (全市…, 我旗…), the
/// spelling of a population stem, or a word variant get the same key; names of different
/// populations never do.
pub fn indicator_key(name: &str) -> String {
    fold(name).key
}

/// Whether two keys count the same people and institutions, the same way: the same numbers
/// (ages, years, classes: 0-6岁 is not 3岁以下), the same words of `DISTINCTIONS` as often
/// each, and both a head count or neither (经常参加体育锻炼人数 is not 经常参加体育锻炼人数比例).
/// Similarity between names that fail this is no evidence that they are one indicator:
/// 农村孕产妇住院分娩率 reads very like 孕产妇住院分娩率 and is another measure.
pub fn same_population(a: &str, b: &str) -> bool {
    // A count is a name ending in 数 that is not per population (每千人…数 is a rate).
    fn is_count(key: &str) -> bool {
        let body = key.split('(').next().unwrap_or(key);
        !body.contains('每') && body.ends_with('数')
    }
    fn numbers(s: &str) -> Vec<&str> {
        let mut v: Vec<&str> = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .collect();
        v.sort_unstable();
        v
    }
    numbers(a) == numbers(b)
        && is_count(a) == is_count(b)
        && DISTINCTIONS
            .iter()
            .all(|w| a.matches(w).count() == b.matches(w).count())
}

/// Drops every bracketed group whose whole content is a jurisdiction: 人均预期寿命(全市).
fn drop_bracketed_scopes(text: &str, scopes: &mut Vec<&'static str>) -> String {
    if !text.contains('(') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let scope = after.find(')').and_then(|close| {
            let inner = &after[..close];
            JURISDICTIONS
                .iter()
                .chain(SETTLEMENTS)
                .find(|q| **q == inner)
                .map(|q| (*q, close))
        });
        match scope {
            Some((q, close)) => {
                scopes.push(q);
                rest = &after[close + 1..];
            }
            None => {
                out.push('(');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Drops the jurisdictions a name begins with, as long as two characters of name are left.
fn drop_leading_scopes(text: &str, scopes: &mut Vec<&'static str>) -> String {
    let mut rest = text;
    loop {
        let long_enough = |q: &str| rest[q.len()..].chars().count() >= 2;
        if let Some(q) = JURISDICTIONS
            .iter()
            .find(|q| rest.starts_with(**q) && long_enough(q))
        {
            scopes.push(q);
            rest = &rest[q.len()..];
            continue;
        }
        if let Some(q) = SETTLEMENTS.iter().find(|q| {
            rest.strip_prefix(**q)
                .is_some_and(|after| PLACE_MEASURES.iter().any(|m| after.starts_with(m)))
        }) {
            scopes.push(q);
            rest = &rest[q.len()..];
            continue;
        }
        return rest.to_string();
    }
}

/// A population stem at the start of a text.
struct Stem<'t> {
    /// Bytes the stem spans, with 平均 before it and 拥有 after it.
    len: usize,
    /// The stem as printed, without 平均 and 拥有: 每千常住人口.
    core: &'t str,
    /// 千 or 万.
    base: char,
}

/// Reads `(平均)每(千|万)(名)(常住)(人口|居民|人)(拥有)` at the start of `text`; 每 may be
/// left out at the start of a name (全盟千人床位数). Not a stem: 每千名老年人 (a population
/// of its own), 每万人次 (visits), 每千人年 (person-years), 每3万人口 (another base).
fn population_stem(text: &str, at_start: bool) -> Option<Stem<'_>> {
    let mut rest = text;
    if let Some(r) = rest.strip_prefix("平均") {
        if r.starts_with('每') {
            rest = r;
        }
    }
    let core_start = text.len() - rest.len();
    match rest.strip_prefix('每') {
        Some(r) => rest = r,
        None if at_start => {}
        None => return None,
    }
    let base = rest.chars().next().filter(|c| matches!(c, '千' | '万'))?;
    rest = &rest[base.len_utf8()..];
    if let Some(r) = rest.strip_prefix('名') {
        rest = r;
    }
    if let Some(r) = rest.strip_prefix("常住") {
        rest = r;
    }
    let noun = ["人口", "居民", "人"]
        .into_iter()
        .find(|n| rest.starts_with(n))?;
    rest = &rest[noun.len()..];
    if rest.starts_with('次') || rest.starts_with('年') {
        return None;
    }
    let core_end = text.len() - rest.len();
    if let Some(r) = rest.strip_prefix("拥有") {
        rest = r;
    }
    Some(Stem {
        len: text.len() - rest.len(),
        core: &text[core_start..core_end],
        base,
    })
}

/// Every spelling `population_stem` reads, without 平均 and 拥有, sorted: the stem a
/// [`Folding`] reports is one of these.
fn stem_spellings() -> &'static [String] {
    static TABLE: OnceLock<Vec<String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut v = Vec::new();
        for per in ["每", ""] {
            for base in ["千", "万"] {
                for named in ["名", ""] {
                    for resident in ["常住", ""] {
                        for noun in ["人口", "居民", "人"] {
                            v.push(format!("{per}{base}{named}{resident}{noun}"));
                        }
                    }
                }
            }
        }
        v.sort_unstable();
        v
    })
}

/// Folds every population stem of `text` to 每千人 or 每万人, giving the first stem that is
/// not a plain spelling.
fn fold_stems(text: String) -> (String, Option<&'static str>) {
    if !text.contains(['千', '万']) {
        return (text, None);
    }
    let mut out = String::with_capacity(text.len());
    let mut reported = None;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if let Some(stem) = population_stem(&text[i..], i == 0) {
            out.push('每');
            out.push(stem.base);
            out.push('人');
            if reported.is_none() && !PLAIN_STEMS.contains(&stem.core) {
                let table = stem_spellings();
                reported = table
                    .binary_search_by(|s| s.as_str().cmp(stem.core))
                    .ok()
                    .map(|k| table[k].as_str());
            }
            i += stem.len;
        } else {
            out.push(c);
            i += c.len_utf8();
        }
    }
    (out, reported)
}

/// Roman numerals (Ⅲ类, Ⅱ型, and III类 in ASCII) and a Chinese numeral before 岁 or 年
/// (五年生存率) as digits.
fn fold_numerals(text: &str) -> String {
    const CHINESE: &str = "一二三四五六七八九十";
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            'Ⅰ'..='Ⅻ' => push_number(&mut out, c as u32 - 'Ⅰ' as u32 + 1),
            'ⅰ'..='ⅻ' => push_number(&mut out, c as u32 - 'ⅰ' as u32 + 1),
            'I' | 'V' | 'X' => {
                // An ASCII numeral counts only as a word of its own before 类, 型, 级 or 期.
                let end = (i..chars.len())
                    .find(|&j| !matches!(chars[j], 'I' | 'V' | 'X'))
                    .unwrap_or(chars.len());
                let word: String = chars[i..end].iter().collect();
                let alone = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
                let before = chars.get(end).is_some_and(|c| "类型级期".contains(*c));
                match roman(&word) {
                    Some(n) if alone && before => push_number(&mut out, n),
                    _ => out.push_str(&word),
                }
                i = end;
                continue;
            }
            c if CHINESE.contains(c)
                && chars.get(i + 1).is_some_and(|n| matches!(n, '岁' | '年'))
                && (i == 0 || !(CHINESE.contains(chars[i - 1]) || chars[i - 1] == '零')) =>
            {
                let n = CHINESE.chars().position(|d| d == c).unwrap_or(0) + 1;
                push_number(&mut out, n as u32);
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

fn push_number(out: &mut String, n: u32) {
    out.push_str(&n.to_string());
}

/// The value of an uppercase Roman numeral up to 12, written the usual way.
fn roman(word: &str) -> Option<u32> {
    const NUMERALS: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    NUMERALS
        .iter()
        .position(|n| *n == word)
        .map(|p| p as u32 + 1)
}

/// Splits a name into its text outside brackets and its bracketed glosses, sorted and
/// joined. A name with unbalanced brackets is left whole.
fn split_glosses(text: &str) -> (String, String) {
    if !text.contains('(') {
        return (text.to_string(), String::new());
    }
    let mut body = String::with_capacity(text.len());
    let mut glosses: Vec<String> = Vec::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => {
                if depth == 0 {
                    glosses.push(String::new());
                }
                depth += 1;
            }
            ')' if depth == 0 => return (text.to_string(), String::new()),
            ')' => depth -= 1,
            _ => {}
        }
        match glosses.last_mut() {
            Some(gloss) if depth > 0 || c == ')' => gloss.push(c),
            _ => body.push(c),
        }
    }
    if depth != 0 {
        return (text.to_string(), String::new());
    }
    glosses.retain(|g| g != "()");
    glosses.sort_unstable();
    (body, glosses.concat())
}

/// How alike two normalised names are, from 0 (nothing shared) to 1 (the same): the Dice
/// coefficient of their character bigrams, which suits Chinese names, where a word is
/// often two characters and word order rarely changes.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().collect();
        let mut v: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        v.sort_unstable();
        v
    };
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    // Count common bigrams as a multiset intersection of the two sorted lists.
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_one_indicator_normalise_alike() {
        let same = [
            (
                "以苏木乡镇（街道）为单位适龄儿童免疫规划疫苗接种率",
                "以乡（镇、街道）为单位适龄儿童免疫规划疫苗接种率",
            ),
            ("每千人口执业(助理)医师数", "每千人执业（助理）医师数"),
            ("婴儿死亡率 (‰)", "婴儿死亡率"),
            ("五岁以下儿童死亡率", "5岁以下儿童死亡率"),
            ("每千人口註冊護士數", "每千人口注册护士数"),
            ("65岁及以上老年人健康管理率", "65岁以上老年人健康管理率"),
        ];
        for (a, b) in same {
            assert_eq!(normalise(a), normalise(b), "{a} / {b}");
        }
    }

    #[test]
    fn different_indicators_stay_apart() {
        assert_ne!(
            normalise("每千人口执业(助理)医师数"),
            normalise("每千人口执业医师数")
        );
        assert_ne!(normalise("婴儿死亡率"), normalise("孕产妇死亡率"));
    }

    /// Asserts that every name of each group folds to one key, and that the groups' keys
    /// all differ.
    fn assert_groups(groups: &[&[&str]]) {
        let mut keys: Vec<String> = Vec::new();
        for group in groups {
            let key = indicator_key(group[0]);
            for name in &group[1..] {
                assert_eq!(indicator_key(name), key, "{} / {name}", group[0]);
            }
            assert!(!keys.contains(&key), "{key} is the key of two groups");
            keys.push(key);
        }
    }

    #[test]
    fn a_jurisdiction_in_front_of_a_measure_is_dropped() {
        assert_groups(&[
            &[
                "地级及以上城市空气质量优良天数比率",
                "全市空气质量优良天数比率",
                "设区的市空气质量优良天数比率",
                "设区城市空气质量优良天数比率",
                "城市空气质量优良天数比率",
                "县城空气质量优良天数比率",
                "空气质量优良天数比率（全州）",
            ],
            &[
                "居民健康素养水平",
                "全县居民健康素养水平",
                "全盟居民健康素养水平",
                "全自治区居民健康素养水平",
                "我旗居民健康素养水平",
                "本地区居民的健康素养水平",
                "城乡居民健康素养水平",
                "全市城乡居民健康素养水平",
            ],
            &[
                "人均预期寿命",
                "全区人均预期寿命",
                "全省人均预期寿命",
                "人均预期寿命(全旗)",
                "我市人均期望寿命",
            ],
        ]);
    }

    #[test]
    fn the_folding_says_what_it_dropped() {
        let f = fold("全市城乡居民健康素养水平");
        assert_eq!(f.key, "居民健康素养水平");
        assert_eq!(f.scopes, ["全市", "城乡"]);
        assert_eq!(f.stem, None);
        let f = fold("全盟千人床位数");
        assert_eq!((f.scopes.as_slice(), f.stem), (&["全盟"][..], Some("千人")));
        assert_eq!(fold("人均预期寿命（全旗）").scopes, ["全旗"]);
        // The plain spellings of a stem are not worth a note.
        assert_eq!(fold("每千人口注册护士数").stem, None);
        assert_eq!(fold("每千常住人口注册护士数").stem, Some("每千常住人口"));
        assert_eq!(fold("每万名居民拥有全科医生数").stem, Some("每万名居民"));
    }

    #[test]
    fn a_settlement_is_a_jurisdiction_only_in_front_of_a_place() {
        // 城市居民 are part of the population; 城市医疗集团 is a kind of institution.
        assert_eq!(fold("城市环境空气质量优良天数比率").scopes, ["城市"]);
        assert!(fold("城市居民健康素养水平").scopes.is_empty());
        assert!(fold("城市医疗集团网格化布局覆盖率").scopes.is_empty());
        assert_ne!(
            indicator_key("城市居民健康素养水平"),
            indicator_key("居民健康素养水平")
        );
        // A jurisdiction is not the whole name, and 县域内 is a measure of its own.
        assert_eq!(indicator_key("全市"), "全市");
        assert_eq!(indicator_key("县域内就诊率"), "县域内就诊率");
    }

    #[test]
    fn population_stems_are_one_stem() {
        assert_groups(&[
            &[
                "每千人口医疗卫生机构床位数",
                "每千人医疗卫生机构床位数",
                "每千常住人口医疗卫生机构床位数",
                "每千名常住人口医疗卫生机构床位数",
                "千人医疗卫生机构床位数",
                "全市平均每千人拥有医疗卫生机构床位数",
                "每千名居民医疗卫生机构床位",
            ],
            &[
                "每万人口全科医生数",
                "每万常住人口全科医生数",
                "每万名居民拥有全科医生数",
                "每万人全科医生人数",
                "每万人口全科医生",
            ],
            &["每千人口执业（助理）医师数", "每千常住人口执业(助理)医师数"],
            &["每千人口执业医师数", "每千常住人口执业医师数"],
        ]);
    }

    #[test]
    fn what_is_not_a_population_stem_stays() {
        // Per thousand old people, per ten thousand visits, per person-year, per 30,000.
        for name in [
            "每千名老年人养老床位数",
            "每万人次门急诊人次",
            "每千人年发病数",
            "每3万人口救护车数",
            "每千分娩量产科床位数",
        ] {
            let f = fold(name);
            assert_eq!(f.stem, None, "{name}");
            assert!(!f.key.starts_with("每千人床位"), "{name}: {}", f.key);
        }
        assert_ne!(
            indicator_key("每千名老年人养老床位数"),
            indicator_key("每千人口医疗卫生机构床位数")
        );
        assert_ne!(
            indicator_key("每千户籍人口医疗卫生机构床位数"),
            indicator_key("每千常住人口医疗卫生机构床位数")
        );
    }

    #[test]
    fn word_variants_a_reviewer_reads_past_fold() {
        assert_groups(&[
            &[
                "二级及以上综合性医院设立老年医学科比例",
                "二级以上综合医院设置老年医学科的比例",
            ],
            &[
                "地表水达到或好于Ⅲ类水体比例",
                "地表水达到或好于III类水体比例",
                "地表水达到或好于Ⅲ类的水体比例",
            ],
            &[
                "高血压和Ⅱ型糖尿病患者规范化管理服务率",
                "高血压和2型糖尿病病人规范管理服务率",
            ],
            &["总体癌症五年生存率", "总体癌症5年生存率"],
            &["65岁以上老人健康管理率", "65岁及以上老年人健康管理率"],
            &["空气质量优良天数比率", "空气质量优良天数率"],
            &[
                "乡镇卫生院(社区卫生服务中心)达标比例",
                "乡镇卫生院达标比例（社区卫生服务中心）",
            ],
        ]);
        // 比例 and 比重 are not folded: the catalog lists both where they are one share.
        assert_ne!(
            indicator_key("个人卫生支出占卫生总费用的比重"),
            indicator_key("个人卫生支出占卫生总费用比例")
        );
        // A count is not a share, and without 每 a trailing 数 is part of the measure.
        assert_ne!(
            indicator_key("经常参加体育锻炼人数"),
            indicator_key("经常参加体育锻炼人数比例")
        );
        assert_ne!(
            indicator_key("医疗应急队伍人数"),
            indicator_key("医疗应急队伍数")
        );
    }

    #[test]
    fn different_populations_keep_different_keys() {
        assert_groups(&[
            &["三级公立医院平均住院日"],
            &["三级综合医院平均住院日"],
            &["医院平均住院日"],
            &["城镇居民健康素养水平"],
            &["农村居民健康素养水平"],
            &["居民健康素养水平"],
            &["孕产妇死亡率"],
            &["婴儿死亡率"],
            &["新生儿死亡率"],
            &["0-6岁儿童眼保健和视力检查覆盖率"],
            &["3岁以下儿童眼保健和视力检查覆盖率"],
            &["65岁以上老年人健康管理率"],
            &["老年人健康管理率"],
            &["每千人口执业(助理)医师数"],
            &["每千人口执业医师数"],
        ]);
    }

    #[test]
    fn same_population_refuses_pairs_that_read_alike() {
        // Each pair reads alike (bigram similarity at or above the matching threshold)
        // and counts different people or institutions.
        let apart = [
            ("农村孕产妇住院分娩率", "孕产妇住院分娩率"),
            ("城镇居民健康素养水平", "居民健康素养水平"),
            ("农村居民健康素养水平", "城镇居民健康素养水平"),
            ("三级公立医院平均住院日", "三级医院平均住院日"),
            ("农村孕产妇死亡率", "孕产妇死亡率"),
            (
                "每千户籍人口医疗卫生机构床位数",
                "每千人口医疗卫生机构床位数",
            ),
            (
                "政府卫生支出占卫生总费用比例",
                "个人卫生支出占卫生总费用比例",
            ),
            ("65岁以上老年人中医药健康管理率", "65岁以上老年人健康管理率"),
            ("经常参加体育锻炼人数", "经常参加体育锻炼人数比例"),
            ("高血压和糖尿病患者规范管理率", "糖尿病患者规范管理率"),
            ("0-6岁儿童健康管理率", "0-3岁儿童健康管理率"),
        ];
        for (a, b) in apart {
            let (a, b) = (indicator_key(a), indicator_key(b));
            assert!(
                similarity(&a, &b) >= 0.75,
                "{a} / {b}: {}",
                similarity(&a, &b)
            );
            assert!(!same_population(&a, &b), "{a} / {b}");
        }
        // Spelling variants of one indicator pass.
        let alike = [
            ("婴儿死亡率水平", "婴儿死亡率"),
            (
                "65岁以上老年人社区规范健康管理服务率",
                "65岁以上老年人城乡社区规范健康管理服务率",
            ),
        ];
        for (a, b) in alike {
            assert!(
                same_population(&indicator_key(a), &indicator_key(b)),
                "{a} / {b}"
            );
        }
    }

    #[test]
    fn folding_never_panics_on_odd_text() {
        for name in [
            "",
            "(",
            ")",
            "全市",
            "每",
            "每千",
            "千人",
            "平均每",
            "((全市)",
            "Ⅻ型",
            "XIV类",
            "IIII型",
            "十岁",
            "一二级手术占比",
            "全市(",
            "每千名",
            "的的的",
        ] {
            let _ = fold(name);
        }
        assert_eq!(indicator_key("Ⅻ型"), "12型");
        assert_eq!(indicator_key("IIII型"), "IIII型");
    }

    #[test]
    fn traditional_text_is_simplified() {
        assert_eq!(simplify("醫療衛生服務體系"), "医疗卫生服务体系");
        assert_eq!(simplify("plain ascii 与简体"), "plain ascii 与简体");
    }

    #[test]
    fn similarity_ranks_near_names_high() {
        let a = normalise("以苏木镇(街道)为单位适龄儿童规划免疫疫苗接种率");
        let b = normalise("以乡（镇、街道）为单位适龄儿童免疫规划疫苗接种率");
        assert!(similarity(&a, &b) > 0.75, "{}", similarity(&a, &b));
        assert!(similarity("婴儿死亡率", "居民健康素养水平") < 0.2);
        assert_eq!(similarity("", "a"), 0.0);
    }
}
