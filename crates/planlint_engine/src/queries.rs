//! The helpers rule scripts call: matching and comparing rows, choosing rows and pairs,
//! and small text helpers. Every judgement comes from the alignment ([`World`]); this file
//! only makes it callable from a script.
//!
//! The query helpers (`compared`, `text_compared`, `not_carried`, `indicators_where`,
//! `carried_where`, `column`, `section_coverage`) choose rows here rather than in a script
//! loop over every row: most plans have nothing for a rule to find, and a script's step
//! costs far more than the same test made here. One table of row properties
//! ([`ROW_PROPERTIES`]) gives the Row's field getters, the selectors and `column`, so a
//! property reads the same whichever way a script asks.

use crate::records::{unit_status, Compared, Labelled};
use crate::sandbox::err;
use crate::views::{PlanView, RowView, SectionView, TextView};
use planlint_align::{Standing, World};
use planlint_model::names::normalise;
use planlint_model::Nature;
use planlint_target::{against_baseline, sign_conflict, BaselineCheck, Better, Form};
use rhai::{Array, Dynamic, Engine, EvalAltResult, ImmutableString, Map};
use std::cell::RefCell;

thread_local! {
    /// `normalise` results on this thread, for texts scripts fold again and again, with
    /// the bytes they hold.
    static FOLDED: RefCell<(std::collections::HashMap<ImmutableString, ImmutableString>, usize)> =
        RefCell::new((std::collections::HashMap::new(), 0));
}

/// Registers the helpers.
pub(crate) fn register(engine: &mut Engine) {
    register_matching(engine);
    register_queries(engine);
    register_row_helpers(engine);
    register_text_helpers(engine);
}

/// Matching rows across plans and comparing them.
fn register_matching(engine: &mut Engine) {
    engine.register_fn("carried", |p: &mut PlanView| -> Array {
        p.w.carried(p.p)
            .iter()
            .map(|&(a, r)| Dynamic::from(p.row_of(a, r)))
            .collect()
    });
    engine.register_fn("find_row", |p: &mut PlanView, row: RowView| -> Dynamic {
        match p.w.find_row(p.p, row.p, row.r) {
            Some(r) => Dynamic::from(p.row_of(p.p, r)),
            None => Dynamic::UNIT,
        }
    });
    engine.register_fn("find_row", |p: &mut PlanView, t: TextView| -> Dynamic {
        match p.w.row_by_key(p.p, t.w.text_key(t.p, t.t)) {
            Some(r) => Dynamic::from(p.row_of(p.p, r)),
            None => Dynamic::UNIT,
        }
    });
    engine.register_fn("compare", |child: &mut RowView, parent: RowView| {
        Compared::new(child.w.compare((child.p, child.r), (parent.p, parent.r)))
    });
    engine.register_fn("compare", |t: &mut TextView, row: RowView| {
        Compared::new(t.w.compare_text(t.p, t.t, (row.p, row.r)))
    });
    engine.register_fn("cites", |p: &mut PlanView, other: PlanView| -> bool {
        p.w.cites(p.p, other.p)
    });
    engine.register_fn("unit_label", |row: &mut RowView| {
        let (printed, canonical, verdict) = row.w.unit_label(row.p, row.r);
        Labelled {
            printed,
            canonical,
            verdict,
        }
    });
    engine.register_fn("units_convert", |a: &mut RowView, b: RowView| -> bool {
        a.w.units_convert((a.p, a.r), (b.p, b.r))
    });
    engine.register_fn(
        "find_section",
        |p: &mut PlanView, titles: Array| -> Dynamic {
            let titles: Vec<String> = titles
                .iter()
                .filter_map(|t| t.clone().into_string().ok())
                .collect();
            match p.w.find_section(p.p, &titles) {
                Some(s) => Dynamic::from(SectionView {
                    w: p.w.clone(),
                    p: p.p,
                    s,
                }),
                None => Dynamic::UNIT,
            }
        },
    );
}

/// The query helpers: rows and pairs chosen in Rust.
fn register_queries(engine: &mut Engine) {
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
        p.w.pairs(p.p)
            .iter()
            .filter(|m| m.row().is_none())
            .map(|m| {
                let (a, r) = m.wanted();
                Dynamic::from(p.row_of(a, r))
            })
            .collect()
    });
    engine.register_fn(
        "indicators_where",
        |p: &mut PlanView, property: ImmutableString, values: Dynamic| {
            let rows = (0..p.plan().indicators.len()).map(|r| p.row_of(p.p, r));
            select("indicators_where", rows, &property, values)
        },
    );
    engine.register_fn(
        "carried_where",
        |p: &mut PlanView, property: ImmutableString, values: Dynamic| {
            let rows = p.w.carried(p.p).iter().map(|&(a, r)| p.row_of(a, r));
            select("carried_where", rows, &property, values)
        },
    );
    engine.register_fn("column", |p: &mut PlanView, property: ImmutableString| {
        column(p, &property)
    });
    engine.register_fn("section_coverage", section_coverage);
}

/// What a single row says of itself.
fn register_row_helpers(engine: &mut Engine) {
    engine.register_fn("baseline_check", |r: &mut RowView| {
        baseline_check(r).to_string()
    });
    engine.register_fn("sign_conflict", |r: &mut RowView| conflicts(r));
    engine.register_fn("direction", |r: &mut RowView| direction(r).to_string());
}

/// Helpers on texts and values.
fn register_text_helpers(engine: &mut Engine) {
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
}

/// A bound printed as a sign and a number (">90", "≥ 90", "＜10"): whether it is a floor
/// (`>`, `≥`, `＞`) or a ceiling (`<`, `≤`, `＜`), and the number. Nothing else: no unit, no
/// words.
pub(crate) fn bound(text: &str) -> Option<(bool, f64)> {
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
pub(crate) fn years_in(text: &str) -> Vec<i64> {
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
/// (a parent's title, 指导思想, 主要目标) for thousands of plans. The memory is bounded by
/// entries and by bytes (a script can fold long texts it made itself): when either is
/// full it starts over.
fn folded(text: &str) -> ImmutableString {
    const ENTRIES: usize = 20_000;
    const BYTES: usize = 4 << 20;
    FOLDED.with(|memo| {
        if let Some(folded) = memo.borrow().0.get(text) {
            return folded.clone();
        }
        let folded: ImmutableString = normalise(text).into();
        let size = text.len() + folded.len();
        if size > BYTES / 16 {
            return folded;
        }
        let mut memo = memo.borrow_mut();
        if memo.0.len() >= ENTRIES || memo.1 + size > BYTES {
            memo.0.clear();
            memo.1 = 0;
        }
        memo.0.insert(text.into(), folded.clone());
        memo.1 += size;
        folded
    })
}

/// The target forms, by the names the `form` getters give.
pub(crate) const FORMS: [&str; 14] = [
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

/// A target's form, by the name scripts use ([`FORMS`]).
pub(crate) fn form(form: &Form) -> &'static str {
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
        Some(Better::Higher) => "higher",
        Some(Better::Lower) => "lower",
        None => "",
    }
}

/// A property of a row that the query helpers select by and `plan.column` reads: one of
/// the Row's own fields (its getter is this) or what a row helper says of the row.
#[derive(Clone, Copy)]
pub(crate) enum RowProperty {
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
pub(crate) const ROW_PROPERTIES: [(&str, RowProperty); 17] = [
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
    pub(crate) fn is_field(self) -> bool {
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

/// A row's property as the query helpers read it.
pub(crate) enum Property<'a> {
    Text(&'a str),
    Flag(bool),
}

impl Property<'_> {
    pub(crate) fn into_dynamic(self) -> Dynamic {
        match self {
            Property::Flag(flag) => Dynamic::from(flag),
            Property::Text(text) => Dynamic::from(text.to_string()),
        }
    }
}

/// Property `property` of a row: what its getter or helper gives.
pub(crate) fn property_of(view: &RowView, property: RowProperty) -> Property<'_> {
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
        .map(|r| property_of(&p.row_of(p.p, r), property).into_dynamic())
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

/// What `compared(plan, filter)` and `text_compared(plan, filter)` keep: the standings (one
/// name or an array of names: `stricter`, `equal`, `weaker`, `uncomparable`, `unit-label`,
/// `units-differ`), or a map of the pairs' properties: `verdict` (names as before), the
/// forms of the pair's two sides (`row_form` and `wanted_form` for `compared`,
/// `target_form` and `row_form` for `text_compared`; a form or an array of forms),
/// `units_convert` (`compared` only) and `target_year` (`text_compared` only: the year or
/// years the text target is for, 0 where it gives none).
#[derive(Default)]
struct PairFilter {
    standings: Option<Vec<Standing>>,
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
                standings: Some(standing_names(query, filter)?),
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
                out.standings = Some(standing_names(query, value)?);
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

    /// Whether a pair is kept: its standing, its sides' forms and whether their units
    /// convert.
    fn keeps(&self, standing: Standing, forms: [&str; 2], units_convert: bool) -> bool {
        self.units_convert.is_none_or(|u| u == units_convert)
            && self
                .forms
                .iter()
                .zip(forms)
                .all(|(wanted, form)| wanted.as_ref().is_none_or(|w| w.iter().any(|f| f == form)))
            && self
                .standings
                .as_ref()
                .is_none_or(|v| v.contains(&standing))
    }
}

/// The standings a pair query asks for: one name or an array of names. `missing` is not
/// one: a pair query gives pairs the plan has a row for (`not_carried` gives the others).
fn standing_names(query: &str, names: Dynamic) -> Result<Vec<Standing>, Box<EvalAltResult>> {
    one_or_many(names)
        .into_iter()
        .map(|name| {
            let name = name.into_string().unwrap_or_default();
            Standing::named(&name)
                .filter(|s| *s != Standing::Missing)
                .ok_or_else(|| {
                    let names: Vec<&str> = Standing::ALL
                        .iter()
                        .filter(|s| **s != Standing::Missing)
                        .map(|s| s.name())
                        .collect();
                    err(format!(
                        "{query}() takes the verdicts {}, not `{name}`",
                        names.join(", ")
                    ))
                })
        })
        .collect()
}

/// `compared(plan, …)`: for each row the plan must carry and has, nearest ancestor first,
/// `#{row, wanted, comparison}`, for the pairs `filter` keeps. The standings are made once
/// per plan and shared by the rules and the report; the records only for the rows kept.
fn compared(p: &PlanView, filter: &PairFilter) -> Array {
    let w: &World = &p.w;
    let form_of = |(q, r): (usize, usize)| form(&w.readings[q][r].target.form);
    w.pairs(p.p)
        .iter()
        .filter_map(|m| Some((m.row()?, m)))
        .filter(|(r, m)| {
            filter.keeps(
                m.standing(),
                [form_of((p.p, *r)), form_of(m.wanted())],
                m.units_convert,
            )
        })
        .map(|(r, m)| {
            let (a, ar) = m.wanted();
            let comparison = w.compare((p.p, r), (a, ar));
            pair_record(
                ("row", Dynamic::from(p.row_of(p.p, r))),
                ("wanted", Dynamic::from(p.row_of(a, ar))),
                Compared::of_pair(comparison, m.standing()),
            )
        })
        .collect()
}

/// What the pair queries give a script for a pair: `#{<first>, <second>, comparison}`.
fn pair_record(
    (first, a): (&str, Dynamic),
    (second, b): (&str, Dynamic),
    comparison: Compared,
) -> Dynamic {
    let mut pair = Map::new();
    pair.insert(first.into(), a);
    pair.insert(second.into(), b);
    pair.insert("comparison".into(), Dynamic::from(comparison));
    Dynamic::from(pair)
}

/// `text_compared(plan, filter)`: for each target in the plan's text that the table has a
/// row for, in order, `#{target, row, comparison}`, for the pairs `filter` keeps.
fn text_compared(p: &PlanView, filter: &PairFilter) -> Array {
    let w: &World = &p.w;
    let mut pairs = Array::new();
    for t in 0..p.plan().targets_in_text.len() {
        let target = &p.plan().targets_in_text[t];
        let year = target.year.as_ref().map_or(0, |y| i64::from(y.value));
        if filter
            .target_years
            .as_ref()
            .is_some_and(|y| !y.contains(&year))
        {
            continue;
        }
        let Some(r) = w.text_row(p.p, t) else {
            continue;
        };
        let forms = [
            form(&w.text_readings[p.p][t].target.form),
            form(&w.readings[p.p][r].target.form),
        ];
        let standing = w.text_standing(p.p, t, r);
        if !filter.keeps(standing, forms, true) {
            continue;
        }
        let text = TextView {
            w: p.w.clone(),
            p: p.p,
            t,
        };
        pairs.push(pair_record(
            ("target", Dynamic::from(text)),
            ("row", Dynamic::from(p.row_of(p.p, r))),
            Compared::of_pair(w.compare_text(p.p, t, (p.p, r)), standing),
        ));
    }
    pairs
}

/// `section_coverage(plan)`: the section topics the plan's ancestors require, nearest
/// ancestor first, each once: `#{topic, accepted, source, covered, heading}` (`heading` is
/// the covering heading, or `()`).
fn section_coverage(p: &mut PlanView) -> Array {
    p.w.coverage(p.p)
        .iter()
        .map(|topic| {
            let mut m = Map::new();
            m.insert("topic".into(), Dynamic::from(topic.topic.clone()));
            let accepted: Array = topic
                .accepted
                .iter()
                .map(|t| Dynamic::from(t.clone()))
                .collect();
            m.insert("accepted".into(), Dynamic::from(accepted));
            m.insert("source".into(), Dynamic::from(p.other(topic.source)));
            m.insert("covered".into(), Dynamic::from(topic.covered_by.is_some()));
            let heading = topic.covered_by.map_or(Dynamic::UNIT, |s| {
                Dynamic::from(SectionView {
                    w: p.w.clone(),
                    p: p.p,
                    s,
                })
            });
            m.insert("heading".into(), heading);
            Dynamic::from(m)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{bound, years_in};

    #[test]
    fn years() {
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
        for text in ["", ">", "90", "≥90%", "≥九十", "=5", "約90", ">>5"] {
            assert_eq!(bound(text), None, "{text}");
        }
    }
}
