//! How a plan's row stands against the row it carries from an ancestor (or a target in
//! the plan's text against the plan's own table row).

use planlint_target::Verdict;

/// The standing of a pair of rows: the comparison's verdict, or why the rows were not
/// compared.
///
/// A pair is compared only where both unit labels fit their values and the two rows
/// measure the same quantity ([`crate::World::standing`]). A unit label that does not fit
/// (婴儿死亡率 3.06 printed as "%") would make a stricter target look weaker once converted;
/// such a row is `unit-mismatch`'s to report, and every other rule leaves the pair alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Standing {
    /// The plan's target is stricter than the ancestor's.
    Stricter,
    /// As strict as the ancestor's (possibly with a note: `<10` against `≤10`).
    Equal,
    /// Weaker than the ancestor's.
    Weaker,
    /// The two targets cannot be compared (no baseline for a relative target, a direction
    /// against a number, …): [`planlint_target::Reason`] says why.
    Uncomparable,
    /// Not compared: a unit label on either side does not fit its values (it is
    /// mislabelled, of another quantity than the indicator's, or implausible in any unit).
    UnitLabel,
    /// Not compared: both rows print a unit, and the units measure different quantities
    /// (`%` and `人`).
    UnitsDiffer,
    /// The plan has no row for the indicator.
    Missing,
}

impl Standing {
    /// Every standing, in the order of [`Standing::NAMES`].
    pub const ALL: [Standing; 7] = [
        Standing::Stricter,
        Standing::Equal,
        Standing::Weaker,
        Standing::Uncomparable,
        Standing::UnitLabel,
        Standing::UnitsDiffer,
        Standing::Missing,
    ];

    /// The names rule scripts use for the standings, in the order of [`Standing::ALL`].
    pub const NAMES: [&'static str; 7] = [
        "stricter",
        "equal",
        "weaker",
        "uncomparable",
        "unit-label",
        "units-differ",
        "missing",
    ];

    /// The standing a comparison's verdict gives.
    pub fn of(verdict: &Verdict) -> Standing {
        match verdict {
            Verdict::Stricter => Standing::Stricter,
            Verdict::Equal { .. } => Standing::Equal,
            Verdict::Weaker { .. } => Standing::Weaker,
            Verdict::NotComparable(_) => Standing::Uncomparable,
        }
    }

    /// The name scripts use.
    pub fn name(self) -> &'static str {
        Standing::NAMES[self.index()]
    }

    /// The standing named `name`.
    pub fn named(name: &str) -> Option<Standing> {
        Standing::NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| Standing::ALL[i])
    }

    /// The place in [`Standing::ALL`].
    pub(crate) fn index(self) -> usize {
        match self {
            Standing::Stricter => 0,
            Standing::Equal => 1,
            Standing::Weaker => 2,
            Standing::Uncomparable => 3,
            Standing::UnitLabel => 4,
            Standing::UnitsDiffer => 5,
            Standing::Missing => 6,
        }
    }

    /// Whether the two targets were compared (stricter, equal, weaker or not comparable).
    pub fn compared(self) -> bool {
        matches!(
            self,
            Standing::Stricter | Standing::Equal | Standing::Weaker | Standing::Uncomparable
        )
    }
}

/// Whether a weaker target falls short of an approximate ancestor target (`提高1岁左右`) by
/// no more than a fifth of the change the ancestor asks for from the plan's `baseline`: a
/// shortfall within a reasonable reading of 左右. Such a pair stands [`Standing::Equal`].
pub fn within_approx(c: &planlint_target::Comparison, baseline: Option<f64>) -> bool {
    use planlint_target::{Note, Requirement, Side, Verdict};
    let (Verdict::Weaker { by: Some(by) }, Some(baseline)) = (&c.verdict, baseline) else {
        return false;
    };
    if !c.notes.contains(&Note::Approx(Side::Parent)) {
        return false;
    }
    let asked = match &c.parent {
        Requirement::Floor { value, .. } | Requirement::Ceiling { value, .. } => {
            (value - baseline).abs()
        }
        _ => return false,
    };
    asked > 0.0 && *by <= 0.2 * asked + 1e-9
}

#[cfg(test)]
mod tests {
    use super::Standing;

    #[test]
    fn names_round_trip() {
        for s in Standing::ALL {
            assert_eq!(Standing::named(s.name()), Some(s));
            assert_eq!(Standing::ALL[s.index()], s);
        }
        assert_eq!(Standing::named("better"), None);
    }
}
