//! Normalising a target's text before it is read: full-width and look-alike characters to
//! the ones the grammar knows, traditional characters of the grammar's words to simplified
//! ones, whitespace dropped (or, on a second try, read as a separator between parts), and
//! printing slips in numbers read as the number meant, each recorded as a [`Slip`].
//!
//! The slips are the ones plans print: a full stop or an enumeration comma for the decimal
//! point (`3。5名`), a space inside a number (`7 7.6`), and the letter `O` or `〇` for the
//! digit 0 (`9O%`, `1〇0`). Each is read only where it sits between digits, so `。` ending a
//! sentence, `、` between parts and `二〇二五年` are left alone. Full-width digits (`９５％`)
//! are read silently: they are a typeface, not a slip.

use crate::unit::simplified;
use crate::Slip;

/// What to do with whitespace inside the text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Spaces {
    /// Drop it: a cell broken over two lines reads as one.
    Drop,
    /// Read a space before a word as a separator between parts (`城镇80左右 居民70`).
    Separate,
}

/// Whether `text` has whitespace between other characters, so that reading its spaces as
/// separators may be worth a second try.
pub(super) fn has_inner_space(text: &str) -> bool {
    text.trim().contains(char::is_whitespace)
}

/// A fix made to the text, at a position of the normalised characters.
enum Fix {
    Decimal(char),
    Space,
    Zero(char),
}

/// Normalises `text` and lists the slips read through, in the order of the text.
pub(super) fn normalise(text: &str, spaces: Spaces) -> (String, Vec<Slip>) {
    // First pass: one character for one character, whitespace runs kept as one space.
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
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
            c if c.is_whitespace() => ' ',
            c if c.is_control() => continue,
            c => simplified(c),
        };
        if mapped == ' ' && chars.last().is_none_or(|last| *last == ' ') {
            continue;
        }
        chars.push(mapped);
    }
    let chars = drop_full_stops(chars);

    // The passes below each read the text the one before left, so that normalising the
    // normalised text changes nothing: an unreadable target prints its normalised text, and
    // reading that print must see the same text.

    // Spaces: inside a number a slip; before a word, on the second try, a separator.
    // A space inside a number is marked (`SPACE_IN_NUMBER`), and recorded once the full
    // stops before the separators it may have made are dropped too.
    let mut spaced: Vec<char> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if c != ' ' {
            spaced.push(c);
            continue;
        }
        let prev = spaced.last().copied();
        let next = chars.get(i + 1).copied();
        if numeric(prev) && numeric(next) && !(prev == Some('.') && next == Some('.')) {
            spaced.push(SPACE_IN_NUMBER);
        } else if spaces == Spaces::Separate
            && prev.is_some()
            && next.is_some_and(|n| n.is_alphabetic() && !n.is_ascii())
        {
            spaced.push(';');
        }
    }
    let mut out: Vec<char> = Vec::with_capacity(spaced.len());
    let mut fixes: Vec<(usize, Fix)> = Vec::new();
    for c in drop_full_stops(spaced) {
        if c == SPACE_IN_NUMBER {
            fixes.push((out.len(), Fix::Space));
        } else {
            out.push(c);
        }
    }

    // The letter O and 〇 among digits, until none is left: a run (`1OO`, `O.o`) is read
    // from the digits inwards.
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..out.len() {
            let c = out[i];
            if !matches!(c, 'O' | 'o' | '〇') {
                continue;
            }
            let prev = i.checked_sub(1).map(|p| out[p]);
            let next = out.get(i + 1).copied();
            let after_next = out.get(i + 2).copied();
            if digit(prev)
                || digit(next)
                || (prev == Some('.') && c != '〇')
                || (next == Some('.') && digit(after_next))
            {
                fixes.push((i, Fix::Zero(c)));
                out[i] = '0';
                changed = true;
            }
        }
    }

    // A full stop or an enumeration comma between digits, for the decimal point. A comma is
    // one only where it is the one comma between digits (`77、6岁`); two (`1、2、3`) are a list.
    let between_digits = |out: &[char], i: usize| {
        i > 0 && out[i - 1].is_ascii_digit() && out.get(i + 1).is_some_and(char::is_ascii_digit)
    };
    let commas_between_digits = (0..out.len())
        .filter(|&i| out[i] == '、' && between_digits(&out, i))
        .count();
    for i in 0..out.len() {
        let c = out[i];
        if matches!(c, '。' | '、')
            && between_digits(&out, i)
            && (c == '。' || commas_between_digits == 1)
            && !run_has_point(&out[..i])
        {
            fixes.push((i, Fix::Decimal(c)));
            out[i] = '.';
        }
    }
    fixes.sort_by_key(|(at, _)| *at);

    let mut slips: Vec<Slip> = Vec::new();
    for (at, fix) in fixes {
        let number = number_around(&out, at);
        let slip = match fix {
            Fix::Decimal(printed) => Slip::DecimalMark { printed, number },
            Fix::Space => Slip::SpaceInNumber { number },
            Fix::Zero(printed) => Slip::LetterForZero { printed, number },
        };
        if !slips.contains(&slip) {
            slips.push(slip);
        }
    }

    let mut text: String = out.into_iter().collect();
    for (from, to) in [(">=", "≥"), ("=>", "≥"), ("<=", "≤"), ("=<", "≤")] {
        if text.contains(from) {
            text = text.replace(from, to);
        }
    }
    (text, slips)
}

/// Marks a space inside a number while the text is normalised: a control character, which
/// the first pass has dropped from the text.
const SPACE_IN_NUMBER: char = '\u{0}';

/// Drops the full stops (and spaces) ending the text or one of its parts (before `,`, `;`,
/// `、`): they end a sentence the text was copied from, and a part reads the same printed
/// last or in the middle. Read from the end, so that a run of them goes as a whole.
fn drop_full_stops(chars: Vec<char>) -> Vec<char> {
    let mut kept: Vec<char> = Vec::with_capacity(chars.len());
    let mut part_ends = true;
    for &c in chars.iter().rev() {
        if part_ends && matches!(c, '。' | '.' | ' ') {
            continue;
        }
        part_ends = matches!(c, ',' | ';' | '、');
        kept.push(c);
    }
    kept.reverse();
    kept
}

fn digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

fn numeric(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit() || c == '.')
}

/// Whether the digits just written follow a decimal point already (`1.2、3` is no decimal).
fn run_has_point(out: &[char]) -> bool {
    out.iter()
        .rev()
        .find(|c| !c.is_ascii_digit())
        .is_some_and(|c| *c == '.')
}

/// The number (digits and points) at or just before position `at` of `chars`.
fn number_around(chars: &[char], at: usize) -> String {
    let numeric = |c: &char| c.is_ascii_digit() || *c == '.';
    let at = if chars.get(at).is_some_and(numeric) {
        at
    } else {
        at.saturating_sub(1)
    };
    let start = chars[..at.min(chars.len())]
        .iter()
        .rposition(|c| !numeric(c))
        .map_or(0, |i| i + 1);
    let end = chars[at.min(chars.len())..]
        .iter()
        .position(|c| !numeric(c))
        .map_or(chars.len(), |i| at + i);
    chars[start..end].iter().collect()
}
