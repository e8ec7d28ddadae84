//! Normalising indicator names so that the spellings plans use for one indicator compare
//! equal, and measuring how alike two names are.
//!
//! The same indicator is printed many ways: `以苏木镇(街道)为单位…` and `以乡（镇、街道）为单位…`,
//! `每千人口…` and `每千人…`, full-width and half-width brackets, a unit in brackets after
//! the name, and — in documents converted from traditional script — `醫療衛生` for `医疗卫生`.
//! [`normalise`] folds those differences away; it is only ever used to compare names, never
//! to show them: diagnostics quote the plan's text as written.

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
    for (from, to) in SYNONYMS {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
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
