//! Records: what `compare` and `unit_label` give a script. A record reads like a map
//! (`c.verdict`, `c["child_zh"]`, `keys`, `to_map`), but its texts are written only when a
//! script reads them — most comparisons are looked at for their verdict alone.

use crate::sandbox::err;
use planlint_align::Standing;
use planlint_target::{Comparison, Unit, UnitLabel, Verdict};
use rhai::{Array, Dynamic, Engine, EvalAltResult, ImmutableString, Map};
use std::sync::Arc;

/// What `compare` and the pair queries give a script: a comparison, read like a map.
#[derive(Clone)]
pub(crate) struct Compared {
    comparison: Arc<Comparison>,
    /// The pair's standing, where the record is a pair's ([`planlint_align::World::pairs`]):
    /// its `verdict` is then the standing's name, which says when the pair was not compared.
    standing: Option<Standing>,
    /// The plan's baseline, where the record is a pair's: what `within_approx` measures the
    /// change the ancestor asks for from.
    baseline: Option<f64>,
}

impl Compared {
    /// A record of a comparison made on request (`compare(row, parent_row)`).
    pub(crate) fn new(comparison: Comparison) -> Compared {
        Compared {
            comparison: Arc::new(comparison),
            standing: None,
            baseline: None,
        }
    }

    /// A record of a pair's comparison, with the pair's standing and the plan's baseline.
    pub(crate) fn of_pair(
        comparison: Comparison,
        standing: Standing,
        baseline: Option<f64>,
    ) -> Compared {
        Compared {
            comparison: Arc::new(comparison),
            standing: Some(standing),
            baseline,
        }
    }

    /// Whether a weaker target falls short of an approximate ancestor target (`提高1岁左右`)
    /// by less than a fifth of the change the ancestor asks for from the plan's baseline: a
    /// shortfall within a reasonable reading of 左右.
    fn within_approx(&self) -> bool {
        use planlint_target::{Note, Requirement, Side};
        let c = &*self.comparison;
        let (Verdict::Weaker { by: Some(by) }, Some(baseline)) = (&c.verdict, self.baseline) else {
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

    const FIELDS: [&'static str; 10] = [
        "verdict",
        "reason_zh",
        "reason_en",
        "child_zh",
        "child_en",
        "parent_zh",
        "parent_en",
        "notes_zh",
        "notes_en",
        "within_approx",
    ];

    fn field(&self, name: &str) -> Option<String> {
        let result = &*self.comparison;
        let reason = || match &result.verdict {
            Verdict::Equal { note: Some(note) } => Some((note.zh(), note.to_string())),
            Verdict::NotComparable(reason) => Some((reason.zh(), reason.to_string())),
            _ => None,
        };
        Some(match name {
            "verdict" => self
                .standing
                .unwrap_or_else(|| Standing::of(&result.verdict))
                .name()
                .to_string(),
            "reason_zh" => reason().map(|r| r.0).unwrap_or_default(),
            "reason_en" => reason().map(|r| r.1).unwrap_or_default(),
            "child_zh" => result.child.zh(),
            "child_en" => result.child.to_string(),
            "parent_zh" => result.parent.zh(),
            "parent_en" => result.parent.to_string(),
            "notes_zh" => {
                let notes: Vec<String> = result.notes.iter().map(|n| n.zh()).collect();
                notes.join("；")
            }
            "notes_en" => {
                let notes: Vec<String> = result.notes.iter().map(|n| n.to_string()).collect();
                notes.join("; ")
            }
            "within_approx" => if self.within_approx() { "true" } else { "" }.to_string(),
            _ => return None,
        })
    }
}

/// What `unit_label` gives a script, read like a map (`u.status`, `u["likely"]`).
#[derive(Clone)]
pub(crate) struct Labelled {
    pub(crate) printed: Option<Unit>,
    pub(crate) canonical: Option<Unit>,
    pub(crate) verdict: Option<UnitLabel>,
}

impl Labelled {
    const FIELDS: [&'static str; 4] = ["status", "printed", "canonical", "likely"];

    fn field(&self, name: &str) -> Option<String> {
        let unit = |u: &Option<Unit>| u.as_ref().map_or(String::new(), |u| u.to_string());
        Some(match name {
            "status" => unit_status(self.verdict.as_ref()).to_string(),
            "printed" => unit(&self.printed),
            "canonical" => unit(&self.canonical),
            "likely" => match &self.verdict {
                Some(UnitLabel::Mislabelled { likely }) => likely.to_string(),
                _ => String::new(),
            },
            _ => return None,
        })
    }
}

/// A unit label's verdict, as `unit_label(row).status` gives it.
pub(crate) fn unit_status(verdict: Option<&UnitLabel>) -> &'static str {
    match verdict {
        None => "",
        Some(UnitLabel::Ok) => "ok",
        Some(UnitLabel::Mislabelled { .. }) => "mislabelled",
        Some(UnitLabel::Incompatible) => "incompatible",
        Some(UnitLabel::Implausible) => "implausible",
    }
}

/// Registers a record type: a getter per field, `record["field"]` (an unknown field is an
/// error naming the fields), `keys()`, and printing as the map it stands for.
macro_rules! record {
    ($engine:expr, $ty:ty, $name:literal) => {{
        $engine.register_type_with_name::<$ty>($name);
        for field in <$ty>::FIELDS {
            $engine.register_get(field, move |r: &mut $ty| r.field(field).unwrap_or_default());
        }
        $engine.register_indexer_get(
            |r: &mut $ty, key: ImmutableString| -> Result<String, Box<EvalAltResult>> {
                r.field(&key).ok_or_else(|| {
                    err(format!(
                        "{} has no field `{key}`; it has {}",
                        $name,
                        <$ty>::FIELDS.join(", ")
                    ))
                })
            },
        );
        $engine.register_fn("keys", |_: &mut $ty| -> Array {
            <$ty>::FIELDS
                .iter()
                .map(|f| Dynamic::from(f.to_string()))
                .collect()
        });
        $engine.register_fn("to_map", |r: &mut $ty| -> Map {
            <$ty>::FIELDS
                .iter()
                .map(|f| ((*f).into(), Dynamic::from(r.field(f).unwrap_or_default())))
                .collect()
        });
        fn printed(r: &mut $ty) -> String {
            let fields: Vec<String> = <$ty>::FIELDS
                .iter()
                .map(|f| format!("{f}: {:?}", r.field(f).unwrap_or_default()))
                .collect();
            format!("#{{{}}}", fields.join(", "))
        }
        $engine.register_fn("to_string", printed);
        $engine.register_fn("to_debug", printed);
    }};
}

/// Registers the record types.
pub(crate) fn register(engine: &mut Engine) {
    record!(engine, Compared, "Comparison");
    record!(engine, Labelled, "UnitLabel");
}
