//! The functions and types rule scripts can use, and the sandbox they run in.
//!
//! A rule script sees `plan` (the plan being checked), `parent` (its parent, or `()`),
//! `ancestors` (parent first), and these helpers, so that a rule reads like its
//! documentation:
//!
//! | helper | gives |
//! | --- | --- |
//! | `carried(plan)` | the ancestors' rows the plan must carry, nearest ancestor first |
//! | `find_row(plan, row)` | the row of `plan` for the same indicator as `row`, or `()` |
//! | `compare(row, parent_row)` | a `Comparison` record: `verdict`, `reason_zh`, `child_zh`, … |
//! | `compared(plan, filter)` | `#{row, wanted, comparison}` for each carried row the plan has, kept by verdict (or a map: `verdict`, `row_form`, `wanted_form`, `units_convert`) |
//! | `not_carried(plan)` | the carried rows the plan has no row for |
//! | `text_compared(plan, filter)` | `#{target, row, comparison}` for each target in the text the table has a row for |
//! | `plan.indicators_where(property, values)` | the rows whose property (a field, `unit_status`, …) is one of `values` |
//! | `carried_where(plan, property, values)` | the same, of the carried rows |
//! | `plan.column(property)` | that property of every row, in order |
//! | `baseline_check(row)` | `"already-met"`, `"regresses"` or `""` |
//! | `sign_conflict(row)` | whether a bound's sign fights the indicator's direction |
//! | `bound(text)` | `#{floor, value}` for a sign and a number (">90", "≤5"), or `()` |
//! | `distinct(values)` | the values without repeats, in first-seen order |
//! | `years_in(text)` | the years printed as four digits before 年, in order |
//! | `unit_label(row)` | a `UnitLabel` record: `status`, `printed`, `canonical`, `likely` |
//! | `units_convert(row, other)` | whether two rows' units measure the same thing |
//! | `find_section(plan, titles)` | the first heading matching any of `titles`, or `()` |
//! | `report(at, message)`, `report(at, related, message)` | a finding |
//!
//! The query helpers choose rows here rather than in a script loop over every row: most
//! plans have nothing for a rule to find, and a script's step costs far more than the
//! same test made here.
//!
//! A record reads like a map (`c.verdict`, `c["child_zh"]`, `keys`, `to_map`), but its texts
//! are written only when read.
//!
//! `message` is a map with `zh` and `en` (required), and optionally `help_zh`, `help_en`,
//! `severity` (`"error"`, `"warning"`, `"info"`; default: the rule's), and `related_zh`,
//! `related_en` (the label of the related place). `at` and `related` are a plan, a row, a
//! section, a text target, or a place from `row.at("target")` / `plan.at("basis")`.
//!
//! **Invariant:** the sandbox starts from a bare engine: no modules, no `eval`, no I/O, and
//! `print`/`debug` go nowhere. Every run is bounded by [`Limits`].

use crate::world::{At, PlanView, RowView, SectionView, TextView, World};
use planlint_diagnostics::{Severity, Text};
use planlint_model::names::normalise;
use planlint_model::Nature;
use planlint_target::{
    against_baseline, compare, sign_conflict, BaselineCheck, Form, UnitLabel, Verdict,
};
use rhai::{Array, Dynamic, Engine, EvalAltResult, ImmutableString, Map, Position};
use std::cell::RefCell;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The limits every rule run is held to.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub operations: u64,
    pub call_levels: usize,
    pub expr_depth: usize,
    pub string_size: usize,
    pub array_size: usize,
    pub map_size: usize,
    pub time: Duration,
    /// Findings one run may report.
    pub reports: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            operations: 5_000_000,
            call_levels: 32,
            expr_depth: 64,
            string_size: 64 * 1024,
            array_size: 100_000,
            map_size: 10_000,
            time: Duration::from_secs(2),
            reports: 10_000,
        }
    }
}

/// One finding, as a script reported it.
#[derive(Clone, Debug)]
pub struct Report {
    pub at: At,
    /// What the finding is about where no indicator says it (a section topic).
    pub subject: Option<String>,
    pub related: Option<(At, Option<Text>)>,
    pub message: Text,
    pub help: Option<Text>,
    pub severity: Option<Severity>,
}

/// The state of the run on this thread: where reports go, and when time is up.
struct Run {
    reports: Vec<Report>,
    deadline: Instant,
    max_reports: usize,
}

thread_local! {
    static RUN: RefCell<Option<Run>> = const { RefCell::new(None) };
    /// `normalise` results on this thread, for texts scripts fold again and again.
    static FOLDED: RefCell<std::collections::HashMap<ImmutableString, ImmutableString>> =
        RefCell::new(std::collections::HashMap::new());
}

/// Starts collecting reports for one run on this thread.
pub(crate) fn begin(limits: &Limits) {
    RUN.with(|r| {
        *r.borrow_mut() = Some(Run {
            reports: Vec::new(),
            deadline: Instant::now() + limits.time,
            max_reports: limits.reports,
        })
    });
}

/// Ends the run on this thread and returns what it reported.
pub(crate) fn end() -> Vec<Report> {
    RUN.with(|r| {
        r.borrow_mut()
            .take()
            .map(|run| run.reports)
            .unwrap_or_default()
    })
}

fn time_is_up() -> bool {
    RUN.with(|r| {
        r.borrow()
            .as_ref()
            .is_some_and(|run| Instant::now() > run.deadline)
    })
}

/// Builds the sandboxed engine.
pub fn engine(limits: &Limits) -> Engine {
    let mut engine = Engine::new_raw();
    // The language core (operators, strings, arrays, maps) and nothing that reaches out:
    // rhai has no file or network functions, and modules are compiled out (`no_module`).
    engine.register_global_module(rhai::packages::Package::as_shared_module(
        &rhai::packages::StandardPackage::new(),
    ));
    engine.disable_symbol("eval");
    engine.on_print(|_| {});
    engine.on_debug(|_, _, _| {});
    engine.set_max_operations(limits.operations);
    engine.set_max_call_levels(limits.call_levels);
    engine.set_max_expr_depths(limits.expr_depth, limits.expr_depth);
    engine.set_max_string_size(limits.string_size);
    engine.set_max_array_size(limits.array_size);
    engine.set_max_map_size(limits.map_size);
    engine.set_max_variables(1_000);
    engine.set_max_functions(1_000);
    engine.on_progress(|ops| {
        // Checking the clock every operation would cost more than the rules do.
        if ops % 4096 == 0 && time_is_up() {
            Some(Dynamic::from("time limit"))
        } else {
            None
        }
    });
    register(&mut engine);
    engine
}

fn err(message: impl Into<String>) -> Box<EvalAltResult> {
    Box::new(EvalAltResult::ErrorRuntime(
        Dynamic::from(message.into()),
        Position::NONE,
    ))
}

fn opt_str(value: Option<&str>) -> Dynamic {
    Dynamic::from(value.unwrap_or("").to_string())
}

fn register(engine: &mut Engine) {
    engine.register_type_with_name::<PlanView>("Plan");
    engine.register_type_with_name::<RowView>("Row");
    engine.register_type_with_name::<SectionView>("Section");
    engine.register_type_with_name::<TextView>("TextTarget");
    engine.register_type_with_name::<At>("Place");
    register_records(engine);

    // Plans.
    engine.register_get("id", |p: &mut PlanView| p.plan().id().to_string());
    engine.register_get("title", |p: &mut PlanView| p.plan().title().to_string());
    engine.register_get("file", |p: &mut PlanView| p.plan().file.clone());
    engine.register_get("level", |p: &mut PlanView| {
        p.plan().level().map_or("", |l| l.as_str()).to_string()
    });
    engine.register_get("period_start", |p: &mut PlanView| {
        p.plan()
            .period
            .as_ref()
            .map_or(0, |x| i64::from(x.value.start))
    });
    engine.register_get("period_end", |p: &mut PlanView| {
        p.plan()
            .period
            .as_ref()
            .map_or(0, |x| i64::from(x.value.end))
    });
    engine.register_get("basis", |p: &mut PlanView| -> Array {
        p.plan()
            .basis
            .iter()
            .map(|b| Dynamic::from(b.value.clone()))
            .collect()
    });
    engine.register_get("indicators", |p: &mut PlanView| -> Array {
        (0..p.plan().indicators.len())
            .map(|r| {
                Dynamic::from(RowView {
                    w: p.w.clone(),
                    p: p.p,
                    r,
                })
            })
            .collect()
    });
    engine.register_get("indicator_count", |p: &mut PlanView| {
        p.plan().indicators.len() as i64
    });
    engine.register_get("section_count", |p: &mut PlanView| {
        p.w.section_count(p.p) as i64
    });
    engine.register_get("sections", |p: &mut PlanView| -> Array {
        (0..p.plan().all_sections().len())
            .map(|s| {
                Dynamic::from(SectionView {
                    w: p.w.clone(),
                    p: p.p,
                    s,
                })
            })
            .collect()
    });
    engine.register_get("targets_in_text", |p: &mut PlanView| -> Array {
        (0..p.plan().targets_in_text.len())
            .map(|t| {
                Dynamic::from(TextView {
                    w: p.w.clone(),
                    p: p.p,
                    t,
                })
            })
            .collect()
    });
    engine.register_get("required_sections", |p: &mut PlanView| -> Array {
        let Some(req) = &p.plan().requirements else {
            return Array::new();
        };
        req.sections
            .iter()
            .map(|s| {
                let mut m = Map::new();
                m.insert("topic".into(), Dynamic::from(s.topic.value.clone()));
                let any_of: Array = s
                    .any_of
                    .iter()
                    .map(|t| Dynamic::from(t.value.clone()))
                    .collect();
                m.insert("any_of".into(), Dynamic::from(any_of));
                Dynamic::from(m)
            })
            .collect()
    });
    engine.register_fn("at", |p: &mut PlanView, key: ImmutableString| p.at(&key));
    engine.register_get("region", |p: &mut PlanView| {
        opt_str(p.plan().region.as_ref().map(|s| s.value.as_str()))
    });
    engine.register_get("baseline_year", |p: &mut PlanView| {
        p.plan().baseline_year().map_or(0, i64::from)
    });

    // Rows.
    // The row's own fields, read as the query helpers read them.
    for (name, property) in ROW_PROPERTIES {
        if property.is_field() {
            engine.register_get(name, move |r: &mut RowView| {
                property_of(r, property).into_dynamic()
            });
        }
    }
    engine.register_get("indicator_name", |r: &mut RowView| {
        let w = &r.w;
        r.reading().matched.map_or(String::new(), |m| {
            w.catalog.entry(m.entry).name().to_string()
        })
    });
    engine.register_get("plan", |r: &mut RowView| PlanView {
        w: r.w.clone(),
        p: r.p,
    });
    engine.register_get("unreadable_zh", |r: &mut RowView| {
        match &r.reading().target.form {
            Form::Unreadable { reason } => reason.zh(),
            _ => String::new(),
        }
    });
    engine.register_get("unreadable_en", |r: &mut RowView| {
        match &r.reading().target.form {
            Form::Unreadable { reason } => reason.to_string(),
            _ => String::new(),
        }
    });
    engine.register_fn("at", |r: &mut RowView, field: ImmutableString| r.at(&field));

    // Sections.
    engine.register_get("title", |s: &mut SectionView| {
        s.section().0.title.value.clone()
    });
    engine.register_get("number", |s: &mut SectionView| {
        opt_str(s.section().0.number.as_ref().map(|n| n.value.as_str()))
    });
    engine.register_get("depth", |s: &mut SectionView| s.section().1 as i64);

    // Targets in the text.
    engine.register_get("name", |t: &mut TextView| t.target().name.value.clone());
    engine.register_get("target", |t: &mut TextView| t.target().target.value.clone());
    engine.register_get("section", |t: &mut TextView| {
        opt_str(t.target().section.as_ref().map(|s| s.value.as_str()))
    });
    engine.register_get("form", |t: &mut TextView| {
        form(&t.reading().target.form).to_string()
    });
    engine.register_get("year", |t: &mut TextView| {
        t.target().year.as_ref().map_or(0, |y| i64::from(y.value))
    });
    engine.register_get("unit", |t: &mut TextView| {
        opt_str(t.target().unit.as_ref().map(|s| s.value.as_str()))
    });
    engine.register_get("unreadable_zh", |t: &mut TextView| {
        match &t.reading().target.form {
            Form::Unreadable { reason } => reason.zh(),
            _ => String::new(),
        }
    });
    engine.register_get("unreadable_en", |t: &mut TextView| {
        match &t.reading().target.form {
            Form::Unreadable { reason } => reason.to_string(),
            _ => String::new(),
        }
    });
    engine.register_get("plan", |t: &mut TextView| PlanView {
        w: t.w.clone(),
        p: t.p,
    });
    engine.register_fn("at", |t: &mut TextView, field: ImmutableString| {
        let target = t.target();
        let pos = match field.as_str() {
            "name" => target.name.pos,
            "section" => target.section.as_ref().map_or(target.pos, |s| s.pos),
            _ => target.target.pos,
        };
        At {
            plan: t.p,
            pos,
            indicator: Some(target.name.value.clone()),
        }
    });
    engine.register_fn("find_row", |p: &mut PlanView, t: TextView| -> Dynamic {
        match text_row(p, &t) {
            Some(r) => Dynamic::from(RowView {
                w: p.w.clone(),
                p: p.p,
                r,
            }),
            None => Dynamic::UNIT,
        }
    });
    engine.register_fn("compare", |t: &mut TextView, row: RowView| -> Compared {
        Compared(Arc::new(compare_text(t, &row)))
    });
    engine.register_fn("cites", |p: &mut PlanView, other: PlanView| -> bool {
        cites_folded(&p.w.citations(p.p).1, &other.w.citations(other.p).0)
    });
    engine.register_get("indicator", |t: &mut TextView| {
        let w = &t.w;
        t.reading()
            .matched
            .map_or(String::new(), |m| w.catalog.entry(m.entry).id.value.clone())
    });

    // Helpers.
    engine.register_fn("carried", |p: &mut PlanView| -> Array {
        p.w.carried(p.p)
            .iter()
            .map(|&(a, r)| {
                Dynamic::from(RowView {
                    w: p.w.clone(),
                    p: a,
                    r,
                })
            })
            .collect()
    });
    engine.register_fn("find_row", |p: &mut PlanView, row: RowView| -> Dynamic {
        match p.w.find_row(p.p, row.p, row.r) {
            Some(r) => Dynamic::from(RowView {
                w: p.w.clone(),
                p: p.p,
                r,
            }),
            None => Dynamic::UNIT,
        }
    });
    engine.register_fn("compare", compare_rows);
    engine.register_fn(
        "compared",
        |p: &mut PlanView, filter: Dynamic| -> Result<Array, Box<EvalAltResult>> {
            let filter = PairFilter::read(filter, "compared", ["row", "wanted"])?;
            Ok(compared(p, &filter))
        },
    );
    engine.register_fn("compared", |p: &mut PlanView| {
        compared(p, &PairFilter::default())
    });
    engine.register_fn(
        "text_compared",
        |p: &mut PlanView, filter: Dynamic| -> Result<Array, Box<EvalAltResult>> {
            let filter = PairFilter::read(filter, "text_compared", ["target", "row"])?;
            Ok(text_compared(p, &filter))
        },
    );
    engine.register_fn("text_compared", |p: &mut PlanView| {
        text_compared(p, &PairFilter::default())
    });
    engine.register_fn("not_carried", |p: &mut PlanView| -> Array {
        p.w.matched(p.p)
            .iter()
            .filter(|m| m.row().is_none())
            .map(|m| {
                let (a, r) = m.wanted();
                Dynamic::from(RowView {
                    w: p.w.clone(),
                    p: a,
                    r,
                })
            })
            .collect()
    });
    engine.register_fn("baseline_check", |r: &mut RowView| {
        baseline_check(r).to_string()
    });
    engine.register_fn("sign_conflict", |r: &mut RowView| conflicts(r));
    engine.register_fn("direction", |r: &mut RowView| direction(r).to_string());
    engine.register_fn(
        "indicators_where",
        |p: &mut PlanView, property: ImmutableString, values: Dynamic| {
            indicators_where(p, &property, values)
        },
    );
    engine.register_fn("column", |p: &mut PlanView, property: ImmutableString| {
        column(p, &property)
    });
    engine.register_fn(
        "carried_where",
        |p: &mut PlanView, property: ImmutableString, values: Dynamic| {
            carried_where(p, &property, values)
        },
    );
    engine.register_fn("unit_label", unit_label);
    engine.register_fn("units_convert", |a: &mut RowView, b: RowView| -> bool {
        a.w.units_convert((a.p, a.r), (b.p, b.r))
    });
    engine.register_fn(
        "find_section",
        |p: &mut PlanView, titles: Array| -> Dynamic {
            let wanted: Vec<String> = titles
                .iter()
                .filter_map(|t| t.clone().into_string().ok())
                .map(|t| normalise(&t))
                .filter(|t| !t.is_empty())
                .collect();
            for (s, section) in p.plan().all_sections().iter().enumerate() {
                let title = folded(&section.title.value);
                if wanted.iter().any(|w| title.contains(w.as_str())) {
                    return Dynamic::from(SectionView {
                        w: p.w.clone(),
                        p: p.p,
                        s,
                    });
                }
            }
            Dynamic::UNIT
        },
    );
    engine.register_fn("bound", |text: ImmutableString| -> Dynamic {
        bound(&text).map_or(Dynamic::UNIT, |(floor, value)| {
            let mut m = Map::new();
            m.insert("floor".into(), Dynamic::from(floor));
            m.insert("value".into(), Dynamic::from(value));
            Dynamic::from(m)
        })
    });
    engine.register_fn("normalise", |s: ImmutableString| folded(&s));
    engine.register_fn("distinct", distinct);
    engine.register_fn("years_in", |text: ImmutableString| -> Array {
        years_in(&text).into_iter().map(Dynamic::from).collect()
    });
    engine.register_fn("report", |at: Dynamic, message: Map| {
        report(at, None, message)
    });
    engine.register_fn("report", |at: Dynamic, related: Dynamic, message: Map| {
        report(at, Some(related), message)
    });
}

/// A bound printed as a sign and a number (">90", "≥ 90", "＜10"): whether it is a floor
/// (`>`, `≥`, `＞`) or a ceiling (`<`, `≤`, `＜`), and the number. Nothing else: no unit, no
/// words.
fn bound(text: &str) -> Option<(bool, f64)> {
    let mut chars = text.chars();
    let floor = match chars.next()? {
        '>' | '≥' | '＞' => true,
        '<' | '≤' | '＜' => false,
        _ => return None,
    };
    chars
        .as_str()
        .trim()
        .parse()
        .ok()
        .map(|value| (floor, value))
}

/// `years_in(text)`: the years a text prints as four ASCII digits right before 年
/// ("比2015年降低10%" → 2015), in order.
fn years_in(text: &str) -> Vec<i64> {
    let chars: Vec<char> = text.chars().collect();
    (4..chars.len())
        .filter(|&i| chars[i] == '年')
        .filter_map(|i| {
            let digits = &chars[i - 4..i];
            digits.iter().all(char::is_ascii_digit).then(|| {
                digits
                    .iter()
                    .fold(0, |y, d| y * 10 + i64::from(*d as u8 - b'0'))
            })
        })
        .collect()
}

/// `distinct(values)`: the values (strings, numbers, booleans) without repeats, in the
/// order they first appear. rhai's own `dedup` calls `==` through the script engine for
/// each pair, which costs a rule checking every plan's columns more than its loops.
fn distinct(values: Array) -> Result<Array, Box<EvalAltResult>> {
    #[derive(PartialEq, Eq, Hash)]
    enum Key {
        Text(ImmutableString),
        Int(i64),
        Flag(bool),
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Array::new();
    for value in values {
        let key = if let Ok(flag) = value.as_bool() {
            Key::Flag(flag)
        } else if let Ok(int) = value.as_int() {
            Key::Int(int)
        } else if value.is_string() {
            Key::Text(value.clone().into_immutable_string().unwrap_or_default())
        } else {
            return Err(err(format!(
                "distinct() takes strings, integers and booleans, not {}",
                value.type_name()
            )));
        };
        if seen.insert(key) {
            out.push(value);
        }
    }
    Ok(out)
}

/// `normalise(text)`, remembered on this thread: rules fold the same titles and headings
/// (a parent's title, 指导思想, 主要目标) for thousands of plans.
fn folded(text: &str) -> ImmutableString {
    FOLDED.with(|memo| {
        if let Some(folded) = memo.borrow().get(text) {
            return folded.clone();
        }
        let folded: ImmutableString = normalise(text).into();
        let mut memo = memo.borrow_mut();
        if memo.len() >= 20_000 {
            memo.clear();
        }
        memo.insert(text.into(), folded.clone());
        folded
    })
}

/// A target's form, by the name scripts use ([`FORMS`]).
fn form(form: &Form) -> &'static str {
    FORMS[match form {
        Form::Empty => 0,
        Form::Value { .. } => 1,
        Form::Range { .. } => 2,
        Form::Change { .. } => 3,
        Form::PerYear { .. } => 4,
        Form::Direction(_) => 5,
        Form::History { .. } => 6,
        Form::Parts(_) => 7,
        Form::Unreadable { .. } => 8,
        Form::Share { .. } => 9,
        Form::All { .. } => 10,
        Form::PerUnit { .. } => 11,
        Form::Grade { .. } => 12,
        Form::AtBaseline { .. } => 13,
    }]
}

/// A value given as one or as an array of several.
fn one_or_many(value: Dynamic) -> Array {
    if value.is_array() {
        value.cast::<Array>()
    } else {
        vec![value]
    }
}

/// `baseline_check(row)`: `"already-met"`, `"regresses"` or `""`.
fn baseline_check(r: &RowView) -> &'static str {
    let reading = r.reading();
    match reading
        .better
        .and_then(|better| against_baseline(&reading.target, &reading.context, better))
    {
        Some(BaselineCheck::AlreadyMet { .. }) => "already-met",
        Some(BaselineCheck::Regresses { .. }) => "regresses",
        None => "",
    }
}

/// `sign_conflict(row)`: whether a bound's sign fights the indicator's direction.
fn conflicts(r: &RowView) -> bool {
    let reading = r.reading();
    reading
        .better
        .is_some_and(|better| sign_conflict(&reading.target, better))
}

/// `direction(row)`: `"higher"`, `"lower"` or `""`.
fn direction(r: &RowView) -> &'static str {
    match r.reading().better {
        Some(planlint_target::Better::Higher) => "higher",
        Some(planlint_target::Better::Lower) => "lower",
        None => "",
    }
}

/// A property of a row that the query helpers select by and `plan.column` reads: one of
/// the Row's own fields (its getter is this) or what a row helper says of the row.
#[derive(Clone, Copy)]
enum RowProperty {
    Name,
    Unit,
    Domain,
    No,
    Baseline,
    Target,
    Nature,
    NatureGiven,
    Binding,
    Indicator,
    MatchedBy,
    Form,
    BaselineCheck,
    SignConflict,
    Direction,
    UnitStatus,
    BaselineBound,
}

/// The row properties by the names scripts use, the Row's fields first.
const ROW_PROPERTIES: [(&str, RowProperty); 17] = [
    ("name", RowProperty::Name),
    ("unit", RowProperty::Unit),
    ("domain", RowProperty::Domain),
    ("no", RowProperty::No),
    ("baseline", RowProperty::Baseline),
    ("target", RowProperty::Target),
    ("nature", RowProperty::Nature),
    ("nature_given", RowProperty::NatureGiven),
    ("binding", RowProperty::Binding),
    ("indicator", RowProperty::Indicator),
    ("matched_by", RowProperty::MatchedBy),
    ("form", RowProperty::Form),
    ("baseline_check", RowProperty::BaselineCheck),
    ("sign_conflict", RowProperty::SignConflict),
    ("direction", RowProperty::Direction),
    ("unit_status", RowProperty::UnitStatus),
    ("baseline_bound", RowProperty::BaselineBound),
];

impl RowProperty {
    /// Whether the property is one of the Row's fields (rather than a helper's answer).
    fn is_field(self) -> bool {
        !matches!(
            self,
            RowProperty::BaselineCheck
                | RowProperty::SignConflict
                | RowProperty::Direction
                | RowProperty::UnitStatus
                | RowProperty::BaselineBound
        )
    }

    /// The property named `name`; where there is none, an error saying what `query()`
    /// takes (`what` it does with a property: "reads", "selects by").
    fn named(name: &str, query: &str, what: &str) -> Result<RowProperty, Box<EvalAltResult>> {
        ROW_PROPERTIES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, property)| property)
            .ok_or_else(|| {
                let names: Vec<&str> = ROW_PROPERTIES.iter().map(|(n, _)| *n).collect();
                err(format!(
                    "{query}() {what} {}, not `{name}`",
                    names.join(", ")
                ))
            })
    }
}

/// `plan.indicators_where(property, values)`: the plan's rows, in order, whose `property`
/// is `values` or one of them. The rows are chosen here, not by a script loop over every
/// row: a rule looking for the few rows with a problem among thousands pays for those.
fn indicators_where(
    p: &mut PlanView,
    property: &str,
    values: Dynamic,
) -> Result<Array, Box<EvalAltResult>> {
    let rows = (0..p.plan().indicators.len()).map(|r| RowView {
        w: p.w.clone(),
        p: p.p,
        r,
    });
    select("indicators_where", rows, property, values)
}

/// `carried_where(plan, property, values)`: the rows of `carried(plan)`, in order, whose
/// `property` is `values` or one of them.
fn carried_where(
    p: &mut PlanView,
    property: &str,
    values: Dynamic,
) -> Result<Array, Box<EvalAltResult>> {
    let rows = p.w.carried(p.p).iter().map(|&(a, r)| RowView {
        w: p.w.clone(),
        p: a,
        r,
    });
    select("carried_where", rows, property, values)
}

/// A row's property as the query helpers read it.
enum Property<'a> {
    Text(&'a str),
    Flag(bool),
}

impl Property<'_> {
    fn into_dynamic(self) -> Dynamic {
        match self {
            Property::Flag(flag) => Dynamic::from(flag),
            Property::Text(text) => Dynamic::from(text.to_string()),
        }
    }
}

/// Property `property` of a row: what its getter or helper gives.
fn property_of(view: &RowView, property: RowProperty) -> Property<'_> {
    use RowProperty as P;
    fn opt(s: &Option<planlint_model::Spanned<String>>) -> &str {
        s.as_ref().map_or("", |s| s.value.as_str())
    }
    let row = view.row();
    Property::Text(match property {
        P::NatureGiven => return Property::Flag(row.nature.is_some()),
        P::Binding => return Property::Flag(row.nature() == Nature::Binding),
        P::SignConflict => return Property::Flag(conflicts(view)),
        P::Name => row.name.value.as_str(),
        P::Unit => opt(&row.unit),
        P::Domain => opt(&row.domain),
        P::No => opt(&row.no),
        P::Baseline => opt(&row.baseline),
        P::Target => opt(&row.target),
        P::Nature => row.nature().as_str(),
        P::Indicator => view.key(),
        P::MatchedBy => view.matched_by(),
        P::Form => form(&view.reading().target.form),
        P::BaselineCheck => baseline_check(view),
        P::Direction => direction(view),
        P::BaselineBound => match bound(opt(&row.baseline)) {
            Some((true, _)) => "floor",
            Some((false, _)) => "ceiling",
            None => "",
        },
        P::UnitStatus => unit_status(view.w.unit_label(view.p, view.r).2.as_ref()),
    })
}

/// `plan.column(property)`: `property` of every row of the plan, in order.
fn column(p: &mut PlanView, property: &str) -> Result<Array, Box<EvalAltResult>> {
    let property = RowProperty::named(property, "column", "reads")?;
    Ok((0..p.plan().indicators.len())
        .map(|r| {
            let view = RowView {
                w: p.w.clone(),
                p: p.p,
                r,
            };
            property_of(&view, property).into_dynamic()
        })
        .collect())
}

/// The rows whose `property` ([`ROW_PROPERTIES`]) is one of `values` (a string or a boolean,
/// or an array of them), for the query helper `query`.
fn select(
    query: &str,
    rows: impl Iterator<Item = RowView>,
    property: &str,
    values: Dynamic,
) -> Result<Array, Box<EvalAltResult>> {
    let property = RowProperty::named(property, query, "selects by")?;
    let mut texts: Vec<String> = Vec::new();
    let mut flags: Vec<bool> = Vec::new();
    for value in one_or_many(values) {
        if let Ok(flag) = value.as_bool() {
            flags.push(flag);
        } else if value.is_string() {
            texts.push(value.into_string().unwrap_or_default());
        } else {
            return Err(err(format!(
                "{query}() compares with strings and booleans, not {}",
                value.type_name()
            )));
        }
    }
    let mut chosen = Array::new();
    for view in rows {
        let keep = match property_of(&view, property) {
            Property::Flag(flag) => flags.contains(&flag),
            Property::Text(text) => texts.iter().any(|t| t == text),
        };
        if keep {
            chosen.push(Dynamic::from(view));
        }
    }
    Ok(chosen)
}

/// `compare(row, parent_row)`: how the child's target stands against the parent's.
fn compare_rows(child: &mut RowView, parent: RowView) -> Compared {
    Compared(Arc::new(
        child.w.compare((child.p, child.r), (parent.p, parent.r)),
    ))
}

/// What `compared(plan, filter)` and `text_compared(plan, filter)` keep: the verdicts (one
/// name or an array of names), or a map of the pairs' properties: `verdict` (names as
/// before), the forms of the pair's two sides (`row_form` and `wanted_form` for
/// `compared`, `target_form` and `row_form` for `text_compared`; a form or an array of
/// forms), `units_convert` (`compared` only) and `target_year` (`text_compared` only: the
/// year or years the text target is for, 0 where it gives none).
#[derive(Default)]
struct PairFilter {
    verdicts: Option<Vec<&'static str>>,
    /// The forms each side may have, the pair's first side first.
    forms: [Option<Vec<String>>; 2],
    units_convert: Option<bool>,
    /// The years a text target may be for (0: none given), `text_compared` only.
    target_years: Option<Vec<i64>>,
}

impl PairFilter {
    /// Reads the filter of `query`, whose pairs' sides are named `sides`.
    fn read(
        filter: Dynamic,
        query: &str,
        sides: [&str; 2],
    ) -> Result<PairFilter, Box<EvalAltResult>> {
        if !filter.is_map() {
            return Ok(PairFilter {
                verdicts: Some(verdict_names(query, filter)?),
                ..PairFilter::default()
            });
        }
        // A side's forms are asked for as `<side>_form`.
        let side_of = |key: &str| {
            let side = key.strip_suffix("_form")?;
            sides.iter().position(|s| *s == side)
        };
        let mut out = PairFilter::default();
        for (key, value) in filter.cast::<Map>() {
            if key == "verdict" {
                out.verdicts = Some(verdict_names(query, value)?);
            } else if key == "units_convert" && query == "compared" {
                out.units_convert = Some(value.as_bool().map_err(|found| {
                    err(format!(
                        "{query}() needs true or false for units_convert, not {found}"
                    ))
                })?);
            } else if key == "target_year" && query == "text_compared" {
                let years = one_or_many(value)
                    .into_iter()
                    .map(|y| {
                        y.as_int().map_err(|found| {
                            err(format!("{query}() needs years as integers, not {found}"))
                        })
                    })
                    .collect::<Result<Vec<i64>, _>>()?;
                out.target_years = Some(years);
            } else if let Some(side) = side_of(&key) {
                let forms = one_or_many(value)
                    .into_iter()
                    .map(|f| {
                        f.into_string()
                            .ok()
                            .filter(|f| FORMS.contains(&f.as_str()))
                            .ok_or_else(|| {
                                err(format!("{query}() takes the forms {}", FORMS.join(", ")))
                            })
                    })
                    .collect::<Result<Vec<String>, _>>()?;
                out.forms[side] = Some(forms);
            } else {
                let last = if query == "compared" {
                    "units_convert"
                } else {
                    "target_year"
                };
                let keys = format!("verdict, {}_form, {}_form, {last}", sides[0], sides[1]);
                return Err(err(format!("{query}() filters by {keys}, not `{key}`")));
            }
        }
        Ok(out)
    }

    /// Whether a pair is kept: its verdict (computed only when asked for), its sides' forms
    /// and whether their units convert.
    fn keeps(
        &self,
        verdict: impl FnOnce() -> Option<&'static str>,
        forms: [&str; 2],
        units_convert: bool,
    ) -> bool {
        self.units_convert.is_none_or(|u| u == units_convert)
            && self
                .forms
                .iter()
                .zip(forms)
                .all(|(wanted, form)| wanted.as_ref().is_none_or(|w| w.iter().any(|f| f == form)))
            && self
                .verdicts
                .as_ref()
                .is_none_or(|v| verdict().is_some_and(|x| v.contains(&x)))
    }
}

/// The target forms, by the names the `form` getters give.
const FORMS: [&str; 14] = [
    "empty",
    "value",
    "range",
    "change",
    "per-year",
    "direction",
    "history",
    "parts",
    "unreadable",
    "share",
    "all",
    "per-unit",
    "grade",
    "at-baseline",
];

/// The verdicts a pair query asks for: one name or an array of names.
fn verdict_names(query: &str, verdicts: Dynamic) -> Result<Vec<&'static str>, Box<EvalAltResult>> {
    use crate::world::VERDICTS;
    one_or_many(verdicts)
        .into_iter()
        .map(|name| {
            let name = name.into_string().unwrap_or_default();
            VERDICTS
                .iter()
                .find(|k| **k == name)
                .copied()
                .ok_or_else(|| {
                    err(format!(
                        "{query}() takes the verdicts {}, not `{name}`",
                        VERDICTS.join(", ")
                    ))
                })
        })
        .collect()
}

/// `compared(plan, …)`: for each row the plan must carry and has, nearest ancestor first,
/// `#{row, wanted, comparison}`, for the pairs `keep` keeps. The verdicts are made once per
/// plan and shared by the rules; the records only for the rows kept.
fn compared(p: &PlanView, filter: &PairFilter) -> Array {
    let form_of = |(q, r): (usize, usize)| form(&p.w.readings[q][r].target.form);
    p.w.matched(p.p)
        .iter()
        .filter_map(|m| Some((m.row()?, m)))
        .filter(|(r, m)| {
            filter.keeps(
                || m.verdict(),
                [form_of((p.p, *r)), form_of(m.wanted())],
                m.units_convert,
            )
        })
        .map(|(r, m)| {
            let (a, ar) = m.wanted();
            let row = RowView {
                w: p.w.clone(),
                p: p.p,
                r,
            };
            let wanted = RowView {
                w: p.w.clone(),
                p: a,
                r: ar,
            };
            let comparison = p.w.compare((p.p, r), (a, ar));
            pair_record(
                ("row", Dynamic::from(row)),
                ("wanted", Dynamic::from(wanted)),
                comparison,
            )
        })
        .collect()
}

/// What the pair queries give a script for a pair: `#{<first>, <second>, comparison}`.
fn pair_record(
    (first, a): (&str, Dynamic),
    (second, b): (&str, Dynamic),
    comparison: planlint_target::Comparison,
) -> Dynamic {
    let mut pair = Map::new();
    pair.insert(first.into(), a);
    pair.insert(second.into(), b);
    pair.insert(
        "comparison".into(),
        Dynamic::from(Compared(Arc::new(comparison))),
    );
    Dynamic::from(pair)
}

/// The table row of plan `p` for the indicator text target `t` names: by catalog id, else
/// by normalised name.
fn text_row(p: &PlanView, t: &TextView) -> Option<usize> {
    let w = &p.w;
    let key = match t.reading().matched {
        Some(m) => w.catalog.entry(m.entry).id.value.clone(),
        None => format!("~{}", folded(&t.target().name.value)),
    };
    w.row_by_key(p.p, &key)
}

/// A target in the text against the table's target for the same indicator, both read with
/// the table row's baseline and years.
fn compare_text(t: &TextView, row: &RowView) -> planlint_target::Comparison {
    let (a, b) = (t.reading(), row.reading());
    compare(
        &a.target,
        &b.context,
        &b.target,
        &b.context,
        b.better.or(a.better),
    )
}

/// `text_compared(plan, filter)`: for each target in the plan's text that the table has a
/// row for, in order, `#{target, row, comparison}`, for the pairs `filter` keeps.
fn text_compared(p: &PlanView, filter: &PairFilter) -> Array {
    let mut pairs = Array::new();
    for i in 0..p.plan().targets_in_text.len() {
        let t = TextView {
            w: p.w.clone(),
            p: p.p,
            t: i,
        };
        let year = t.target().year.as_ref().map_or(0, |y| i64::from(y.value));
        if filter
            .target_years
            .as_ref()
            .is_some_and(|y| !y.contains(&year))
        {
            continue;
        }
        let Some(r) = text_row(p, &t) else { continue };
        let row = RowView {
            w: p.w.clone(),
            p: p.p,
            r,
        };
        let mut comparison = None;
        let forms = [
            form(&t.reading().target.form),
            form(&row.reading().target.form),
        ];
        let verdict = || {
            let c = compare_text(&t, &row);
            let name = crate::world::verdict_name(&c.verdict);
            comparison = Some(c);
            Some(name)
        };
        if !filter.keeps(verdict, forms, true) {
            continue;
        }
        let comparison = comparison.unwrap_or_else(|| compare_text(&t, &row));
        pairs.push(pair_record(
            ("target", Dynamic::from(t)),
            ("row", Dynamic::from(row)),
            comparison,
        ));
    }
    pairs
}

/// Whether any of a plan's basis entries cites a plan with `title`. Citations vary: the
/// title with or without 《》 and quotes, the notice that issued it (关于印发…的通知), the
/// region's name shortened (自治区…), a word left out (卫生与健康发展规划 for
/// 卫生与健康事业发展规划). Names are normalised and compared by containment, then by
/// similarity.
pub fn cites(basis: &[planlint_model::Spanned<String>], title: &str) -> bool {
    let basis: Vec<String> = basis.iter().map(|b| citation_core(&b.value)).collect();
    cites_folded(&basis, &citation_core(title))
}

/// [`cites`] on texts already folded by [`citation_core`].
fn cites_folded(basis: &[String], want: &str) -> bool {
    if want.is_empty() {
        return false;
    }
    basis.iter().any(|have| {
        have.contains(want)
            || want.contains(have.as_str()) && have.chars().count() >= 8
            || planlint_model::names::similarity(have, want) >= 0.8
            || planlint_model::names::similarity(&strip_region(have), &strip_region(want)) >= 0.85
    })
}

/// A title or a citation as [`cites`] compares it: normalised, without the notice around
/// it (关于印发…的通知).
pub(crate) fn citation_core(s: &str) -> String {
    let mut n = normalise(s);
    for prefix in ["关于印发", "关于"] {
        if let Some(i) = n.find(prefix) {
            n = n[i + prefix.len()..].to_string();
        }
    }
    for suffix in ["的通知", "通知"] {
        if let Some(rest) = n.strip_suffix(suffix) {
            n = rest.to_string();
        }
    }
    n
}

/// A title without the leading region name (内蒙古自治区…, 自治区…), for citations that
/// shorten it.
fn strip_region(title: &str) -> String {
    for marker in ["自治区", "省", "市", "州", "盟", "旗", "县"] {
        if let Some(i) = title.find(marker) {
            if i <= 3 * 6 {
                return title[i + marker.len()..].to_string();
            }
        }
    }
    title.to_string()
}

/// What `compare` gives a script: a record read like a map (`c.verdict`, `c["child_zh"]`).
/// Its texts are written only when a script reads them — most comparisons are looked at
/// for their verdict alone.
#[derive(Clone)]
struct Compared(Arc<planlint_target::Comparison>);

impl Compared {
    const FIELDS: [&'static str; 9] = [
        "verdict",
        "reason_zh",
        "reason_en",
        "child_zh",
        "child_en",
        "parent_zh",
        "parent_en",
        "notes_zh",
        "notes_en",
    ];

    fn field(&self, name: &str) -> Option<String> {
        let result = &*self.0;
        let reason = || match &result.verdict {
            Verdict::Equal { note: Some(note) } => Some((note.zh(), note.to_string())),
            Verdict::NotComparable(reason) => Some((reason.zh(), reason.to_string())),
            _ => None,
        };
        Some(match name {
            "verdict" => crate::world::verdict_name(&result.verdict).to_string(),
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
            _ => return None,
        })
    }
}

/// What `unit_label` gives a script, read like a map (`u.status`, `u["likely"]`).
#[derive(Clone)]
struct Labelled {
    printed: Option<planlint_target::Unit>,
    canonical: Option<planlint_target::Unit>,
    verdict: Option<UnitLabel>,
}

impl Labelled {
    const FIELDS: [&'static str; 4] = ["status", "printed", "canonical", "likely"];

    fn field(&self, name: &str) -> Option<String> {
        let unit =
            |u: &Option<planlint_target::Unit>| u.as_ref().map_or(String::new(), |u| u.to_string());
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
fn unit_status(verdict: Option<&UnitLabel>) -> &'static str {
    match verdict {
        None => "",
        Some(UnitLabel::Ok) => "ok",
        Some(UnitLabel::Mislabelled { .. }) => "mislabelled",
        Some(UnitLabel::Incompatible) => "incompatible",
        Some(UnitLabel::Implausible) => "implausible",
    }
}

/// `unit_label(row)`: whether the row's unit label fits its values, judged by the catalog's
/// canonical unit and plausible range.
fn unit_label(row: &mut RowView) -> Labelled {
    let (printed, canonical, verdict) = row.w.unit_label(row.p, row.r);
    Labelled {
        printed,
        canonical,
        verdict,
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

fn register_records(engine: &mut Engine) {
    record!(engine, Compared, "Comparison");
    record!(engine, Labelled, "UnitLabel");
}

fn place(value: Dynamic) -> Result<At, Box<EvalAltResult>> {
    if value.is::<At>() {
        return Ok(value.cast::<At>());
    }
    if value.is::<RowView>() {
        return Ok(value.cast::<RowView>().at("name"));
    }
    if value.is::<PlanView>() {
        let p = value.cast::<PlanView>();
        return Ok(At {
            plan: p.p,
            pos: p.plan().key_pos("title"),
            indicator: None,
        });
    }
    if value.is::<SectionView>() {
        let s = value.cast::<SectionView>();
        let pos = s.section().0.title.pos;
        return Ok(At {
            plan: s.p,
            pos,
            indicator: None,
        });
    }
    if value.is::<TextView>() {
        let t = value.cast::<TextView>();
        let target = t.target();
        return Ok(At {
            plan: t.p,
            pos: target.target.pos,
            indicator: Some(target.name.value.clone()),
        });
    }
    Err(err(format!(
        "report() needs a plan, row, section, text target or place, not {}",
        value.type_name()
    )))
}

fn string(message: &Map, key: &str) -> Option<String> {
    message
        .get(key)
        .and_then(|v| v.clone().into_string().ok())
        .filter(|s| !s.is_empty())
}

fn pair(message: &Map, prefix: &str) -> Option<Text> {
    match (
        string(message, &format!("{prefix}_zh")),
        string(message, &format!("{prefix}_en")),
    ) {
        (Some(zh), Some(en)) => Some(Text::new(zh, en)),
        (Some(zh), None) => Some(Text::new(zh.clone(), zh)),
        (None, Some(en)) => Some(Text::new(en.clone(), en)),
        (None, None) => None,
    }
}

fn report(at: Dynamic, related: Option<Dynamic>, message: Map) -> Result<(), Box<EvalAltResult>> {
    let (Some(zh), Some(en)) = (string(&message, "zh"), string(&message, "en")) else {
        return Err(err("report() needs a message with both `zh` and `en`"));
    };
    let severity = match string(&message, "severity").as_deref() {
        None => None,
        Some("error") => Some(Severity::Error),
        Some("warning") => Some(Severity::Warning),
        Some("info") => Some(Severity::Info),
        Some(other) => return Err(err(format!("unknown severity `{other}`"))),
    };
    let mut at = place(at)?;
    let related = match related {
        Some(r) if !r.is_unit() => Some((place(r)?, pair(&message, "related"))),
        _ => None,
    };
    // The indicator a finding is about: given, or the place's row, or the related row's
    // (a missing indicator is reported at the plan, about the parent's row). Exemptions
    // by indicator match on it.
    if let Some(indicator) = string(&message, "indicator") {
        at.indicator = Some(indicator);
    } else if at.indicator.is_none() {
        at.indicator = related.as_ref().and_then(|(r, _)| r.indicator.clone());
    }
    let report = Report {
        subject: string(&message, "subject"),
        at,
        related,
        message: Text::new(zh, en),
        help: pair(&message, "help"),
        severity,
    };
    RUN.with(|r| {
        let mut run = r.borrow_mut();
        let Some(run) = run.as_mut() else {
            return Err(err("report() called outside a rule run"));
        };
        if run.reports.len() >= run.max_reports {
            return Err(err(format!(
                "too many findings: a rule may report at most {} per plan",
                run.max_reports
            )));
        }
        run.reports.push(report);
        Ok(())
    })
}

/// The world and the plan a run is about, as the script's variables.
pub(crate) fn scope(world: &Arc<World>, p: usize) -> rhai::Scope<'static> {
    let mut scope = rhai::Scope::new();
    let world: crate::world::WorldRef = Arc::new(Arc::clone(world));
    let view = |p| PlanView {
        w: world.clone(),
        p,
    };
    scope.push_constant("plan", view(p));
    match world.plans.parent(p) {
        Some(parent) => scope.push_constant("parent", view(parent)),
        None => scope.push_constant("parent", ()),
    };
    let ancestors: Array = world
        .plans
        .ancestors(p)
        .into_iter()
        .map(|a| Dynamic::from(view(a)))
        .collect();
    scope.push_constant("ancestors", ancestors);
    scope
}

#[cfg(test)]
mod tests {
    use super::bound;

    #[test]
    fn years() {
        use super::years_in;
        assert_eq!(years_in("比2015年降低10%"), [2015]);
        assert_eq!(years_in("2020年至2025年"), [2020, 2025]);
        assert_eq!(years_in("年2020年"), [2020]);
        for text in [
            "",
            "年",
            "15年",
            "２０１５年",
            "20a5年",
            "比基期降低10%",
            "2015",
        ] {
            assert!(years_in(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn bounds() {
        assert_eq!(bound(">90"), Some((true, 90.0)));
        assert_eq!(bound("≥ 90.5"), Some((true, 90.5)));
        assert_eq!(bound("＞7.6"), Some((true, 7.6)));
        assert_eq!(bound("<10"), Some((false, 10.0)));
        assert_eq!(bound("≤5"), Some((false, 5.0)));
        assert_eq!(bound("＜10"), Some((false, 10.0)));
        for text in ["", ">", "90", "≥90%", "≥九十", "=5", "约90", ">>5"] {
            assert_eq!(bound(text), None, "{text}");
        }
    }
}
