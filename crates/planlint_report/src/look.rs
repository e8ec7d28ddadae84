//! How each verdict looks wherever it is shown: its sign, its words in both languages, its
//! CSS class, its stable key and its colours. One function per kind of verdict, each the
//! only `match` over it, so that a new verdict (the report's `Outcome` is to gain 无法判定)
//! is shown everywhere — the report, the overview, the workbook, the opinion, the desk —
//! by adding one arm here.

use crate::{Outcome, Verdict};
use planlint_diagnostics::Lang;

/// How a verdict is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Look {
    /// A stable name for data (the desk's JSON, the overview's filter): `fails`.
    pub key: &'static str,
    /// A sign that carries the meaning without colour (print, colour-blind readers).
    pub sign: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// The CSS class that colours it in the HTML pages.
    pub class: &'static str,
    /// Its ink and its background as RGB, for the workbook and the Word document.
    pub ink: u32,
    pub fill: u32,
    /// Where it sorts among its kind, most urgent first.
    pub rank: u8,
}

impl Look {
    /// The words in `lang`.
    pub fn word(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

const RED: (u32, u32) = (0xB71C1C, 0xFDECEA);
const AMBER: (u32, u32) = (0x8A5A00, 0xFFF4D6);
const GREEN: (u32, u32) = (0x1B5E20, 0xE8F5E9);
const GREY: (u32, u32) = (0x555555, 0xF1F1F1);
const ORANGE: (u32, u32) = (0xA33C00, 0xFFE9D9);

const fn look(
    key: &'static str,
    sign: &'static str,
    zh: &'static str,
    en: &'static str,
    class: &'static str,
    (ink, fill): (u32, u32),
    rank: u8,
) -> Look {
    Look {
        key,
        sign,
        zh,
        en,
        class,
        ink,
        fill,
        rank,
    }
}

/// How the verdict on a whole plan is shown.
pub fn outcome(outcome: &Outcome) -> Look {
    match outcome {
        Outcome::Fails => look("fails", "✗", "不通过", "Fails", "o-fails", RED, 0),
        Outcome::Undetermined => look(
            "undetermined",
            "?",
            "无法判定",
            "Undetermined",
            "o-notchecked",
            GREY,
            1,
        ),
        Outcome::PassesWithWarnings => look(
            "passes-with-warnings",
            "!",
            "通过，但有警告",
            "Passes with warnings",
            "o-warnings",
            AMBER,
            2,
        ),
        Outcome::Passes => look("passes", "✓", "通过", "Passes", "o-passes", GREEN, 3),
    }
}

/// How one indicator of a plan is shown in the overview's matrix and the opinion's table:
/// the verdict on its target, and whether its binding nature was dropped, which matters
/// more than an equal or stricter target.
pub fn cell(verdict: Verdict, downgraded: bool) -> Look {
    match (verdict, downgraded) {
        (Verdict::Missing, _) => look("missing", "✗", "缺失", "missing", "c-missing", RED, 0),
        (Verdict::Weaker, _) => look("weaker", "▼", "弱于上级", "weaker", "c-weaker", RED, 1),
        (_, true) => look(
            "downgraded",
            "⇣",
            "约束性被降为预期性",
            "downgraded from binding",
            "c-down",
            ORANGE,
            2,
        ),
        (Verdict::NotComparable, false) => look(
            "uncomparable",
            "?",
            "无法比较",
            "not comparable",
            "c-uncomparable",
            GREY,
            3,
        ),
        (Verdict::NotRequired, false) => look(
            "not-required",
            "–",
            "本级不要求",
            "not required here",
            "c-waived",
            GREY,
            6,
        ),
        (Verdict::Equal, false) => look("equal", "=", "与上级持平", "equal", "c-ok", GREEN, 4),
        (Verdict::Stricter, false) => {
            look("stricter", "▲", "严于上级", "stricter", "c-ok", GREEN, 5)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTCOMES: [Outcome; 4] = [
        Outcome::Fails,
        Outcome::Undetermined,
        Outcome::PassesWithWarnings,
        Outcome::Passes,
    ];

    #[test]
    fn every_outcome_has_its_own_key_sign_and_rank() {
        let looks: Vec<Look> = OUTCOMES.iter().map(outcome).collect();
        for (i, a) in looks.iter().enumerate() {
            assert!(!a.zh.is_empty() && !a.en.is_empty());
            for b in &looks[i + 1..] {
                assert_ne!(a.key, b.key);
                assert_ne!(a.sign, b.sign);
                assert_ne!(a.rank, b.rank);
            }
        }
        assert_eq!(outcome(&Outcome::Fails).word(Lang::Zh), "不通过");
    }

    #[test]
    fn a_downgrade_shows_unless_the_target_is_weaker_or_missing() {
        assert_eq!(cell(Verdict::Stricter, true).key, "downgraded");
        assert_eq!(cell(Verdict::NotComparable, true).key, "downgraded");
        assert_eq!(cell(Verdict::Weaker, true).key, "weaker");
        assert_eq!(cell(Verdict::Equal, false).key, "equal");
    }
}
